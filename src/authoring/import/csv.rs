//! CSV input: a header of known columns, one claim a record.

use serde_json::Value;

use super::Parsed;
use super::row::{COLUMNS, row_from};

fn column_error(name: &str, column: &str) -> String {
    format!(
        "{name}:1: unknown column \"{}\"; the columns are {}",
        crate::sanitize::inline(column),
        COLUMNS.join(", ")
    )
}

pub(super) fn parse_csv(text: &str, name: &str) -> Result<Vec<Parsed>, String> {
    let mut reader = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("{name}:1: cannot read the header: {e}"))?
        .clone();
    let columns: Vec<String> = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    if let Some(bad) = columns.iter().find(|c| !COLUMNS.contains(&c.as_str())) {
        return Err(column_error(name, bad));
    }
    for required in ["quote", "statement"] {
        if !columns.iter().any(|c| c == required) {
            return Err(format!("{name}:1: the header has no \"{required}\" column"));
        }
    }
    let mut out = Vec::new();
    for record in reader.records() {
        match record {
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                out.push(Err((line, format!("cannot read the row: {e}"))));
            }
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                let fields = columns
                    .iter()
                    .zip(r.iter())
                    .map(|(c, v)| (c.as_str(), Value::String(v.to_string())));
                out.push(row_from(line, fields).map_err(|e| (line, e)));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::{InputFormat, parse};

    #[test]
    fn csv_rows_with_lists_and_line_numbers() {
        let text = "id,quote,statement,countries,hedges\n\
                    c1,\"a, b\",It says a.,XK; Serbia ;,\n\
                    ,\"two\nlines\",S.,,may\n";
        let rows = parse(text, "in.csv", InputFormat::Csv).unwrap();
        let r0 = rows[0].as_ref().unwrap();
        assert_eq!(
            (r0.line, r0.id.as_deref(), r0.quote.as_str()),
            (2, Some("c1"), "a, b")
        );
        assert_eq!(r0.countries, vec!["XK", "Serbia"]);
        assert_eq!(r0.hedges, None);
        let r1 = rows[1].as_ref().unwrap();
        assert_eq!((r1.line, r1.id.as_deref()), (3, None));
        assert_eq!(r1.quote, "two\nlines");
        assert_eq!(r1.hedges, Some(vec!["may".to_string()]));
        let err = parse("id,qoute\n", "in.csv", InputFormat::Csv).unwrap_err();
        assert!(
            err.starts_with("in.csv:1: unknown column \"qoute\""),
            "{err}"
        );
    }
}
