//! JSON Lines input: one object a line, with the fields of the CSV columns.

use serde_json::Value;

use super::Parsed;
use super::row::{COLUMNS, row_from};

pub(super) fn parse_jsonl(text: &str) -> Vec<Parsed> {
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line_no = k + 1;
        if line.trim().is_empty() {
            continue;
        }
        let row = match serde_json::from_str::<Value>(line) {
            Err(e) => Err(format!("not JSON: {e}")),
            Ok(Value::Object(map)) => {
                match map.keys().find(|key| !COLUMNS.contains(&key.as_str())) {
                    Some(bad) => Err(format!(
                        "unknown field \"{}\"; the fields are {}",
                        crate::sanitize::inline(bad),
                        COLUMNS.join(", ")
                    )),
                    None => row_from(line_no, map.iter().map(|(k, v)| (k.as_str(), v.clone()))),
                }
            }
            Ok(_) => Err("a line must hold one JSON object".to_string()),
        };
        out.push(row.map_err(|e| (line_no, e)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{InputFormat, parse};

    #[test]
    fn jsonl_rows_take_arrays_or_strings() {
        let text = "{\"quote\": \"q\", \"statement\": \"s\", \"themes\": [\"a\", \"b\"], \"start\": 4}\n\
                    \n\
                    {\"quote\": \"q\", \"statement\": \"s\", \"themes\": \"a;b\"}\n\
                    not json\n\
                    {\"quote\": \"q\", \"colour\": 1}\n";
        let rows = parse(text, "in.jsonl", InputFormat::Jsonl).unwrap();
        assert_eq!(rows.len(), 4);
        let (a, b) = (rows[0].as_ref().unwrap(), rows[1].as_ref().unwrap());
        assert_eq!(
            (a.themes.clone(), a.start),
            (vec!["a".into(), "b".into()], Some(4))
        );
        assert_eq!(
            (b.line, b.themes.clone()),
            (3, vec!["a".into(), "b".into()])
        );
        assert!(matches!(&rows[2], Err((4, e)) if e.starts_with("not JSON")));
        assert!(matches!(&rows[3], Err((5, e)) if e.contains("unknown field \"colour\"")));
    }
}
