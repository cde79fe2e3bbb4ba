//! `stratlens new-source TEXT_FILE --id ID --title TITLE -o OUT.json`: a
//! schema version 2 dataset holding one source, its text byte for byte,
//! the text's SHA-256 and sections found from its headings; no claims.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::{NewSourceArgs, read_text, say, sections, to_json};
use crate::model::{self, Dataset, Input, LoadOptions, SCHEMA_VERSION, Source, SourceKind};

/// `others`: dataset files the new one must agree with (its id must be new
/// among their sources); they are loaded with it to validate it.
/// `json`: what was written goes to stdout as one JSON object instead of
/// lines on stderr.
pub fn run(
    args: &NewSourceArgs,
    others: &[PathBuf],
    json: bool,
    opts: &LoadOptions,
) -> Result<(), String> {
    let shown = args.text_file.display().to_string();
    let text = read_text(&args.text_file, opts)?;
    if text.trim().is_empty() {
        return Err(format!("{shown}: the text is empty"));
    }
    let data = Dataset {
        schema_version: SCHEMA_VERSION,
        sources: vec![source_of(args, text)?],
        ..Dataset::default()
    };
    let dataset = to_json(&data)?;
    let out = args.output.display().to_string();
    // The text and the --data files are never written.
    let mut protected = vec![shown];
    if !others.is_empty() {
        protected.extend(others_agree(args, others, opts)?);
    }
    model::load_inputs(vec![Input::new(out.clone(), dataset.clone())])
        .map_err(|e| format!("the new source does not validate: {}", super::problems(e)))?;
    crate::atomic_write::write_atomic(&args.output, dataset.as_bytes(), args.force, &protected)
        .map_err(super::import::write_error)?;
    tell(&data.sources[0], &out, json);
    Ok(())
}

/// The source the arguments describe, with `text`, its SHA-256 and its
/// sections.
fn source_of(args: &NewSourceArgs, text: String) -> Result<Source, String> {
    let kind = parse_kind(&args.kind)?;
    let published = published(args.published.as_deref())?;
    let sections = if args.no_sections {
        sections::whole(&text)
    } else {
        sections::detect(&text)
    };
    Ok(Source {
        id: args.id.clone(),
        kind,
        title: args.title.clone(),
        author: args.author.clone(),
        published,
        published_note: None,
        url: args.url.clone(),
        about: Vec::new(),
        text_sha256: Some(model::validate::hex(&Sha256::digest(text.as_bytes()))),
        text: Some(text),
        sections,
    })
}

/// Loads the --data files and checks the new id is not among their
/// sources; returns their names.
fn others_agree(
    args: &NewSourceArgs,
    others: &[PathBuf],
    opts: &LoadOptions,
) -> Result<Vec<String>, String> {
    let files = model::load::expand_paths(others).map_err(super::problems)?;
    let inputs = model::load::read_inputs(&files, opts).map_err(super::problems)?;
    let store = model::load_inputs(inputs)
        .map_err(|e| format!("the --data files do not load: {}", super::problems(e)))?;
    if store.index_of(model::Kind::Source, &args.id).is_some() {
        return Err(format!(
            "source id \"{}\" is taken: the --data files have a source of that id",
            crate::sanitize::inline(&args.id)
        ));
    }
    Ok(store.inputs.clone())
}

/// Says what was written: JSON on stdout, or the sections found and a line
/// on stderr.
fn tell(source: &Source, out: &str, json: bool) {
    let length = source.sections.last().map_or(0, |s| s.end);
    if json {
        let out = serde_json::json!({
            "ok": true,
            "output": out,
            "source": source.id,
            "code_points": length,
            "sections": source.sections,
        });
        super::emit_json(&out);
        return;
    }
    say(&format!(
        "sections of {} ({}; check them, or use --no-sections for one section):",
        source.id,
        source.sections.len()
    ));
    let width = source
        .sections
        .iter()
        .map(|s| s.id.len())
        .max()
        .unwrap_or(0);
    for s in &source.sections {
        let span = format!("{}..{}", s.start, s.end);
        say(&format!("  {:<width$}  {span:<15} {}", s.id, s.heading));
    }
    say(&format!(
        "wrote {out}: source {} with {length} code points of text, no claims",
        source.id
    ));
}

fn parse_kind(kind: &str) -> Result<SourceKind, String> {
    serde_json::from_value(serde_json::Value::String(kind.to_string())).map_err(|_| {
        format!(
            "--kind \"{}\" is not a source kind; one of news_analysis, strategy_document, \
             commentary, report, speech, other",
            crate::sanitize::inline(kind)
        )
    })
}

/// `published` from `--published`: a full date, or a month when only the
/// month is known (as on a strategy's title page).
fn published(given: Option<&str>) -> Result<Option<String>, String> {
    let Some(given) = given.map(str::trim) else {
        return Ok(None);
    };
    let bad = || {
        format!(
            "--published \"{}\" is not a date YYYY-MM-DD or a month YYYY-MM",
            crate::sanitize::inline(given)
        )
    };
    let num = |s: &str, n: usize| {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
            .ok_or_else(bad)
    };
    let parts: Vec<&str> = given.split('-').collect();
    let (year, month, day) = match parts.as_slice() {
        [y, m] => (num(y, 4)?, num(m, 2)?, None),
        [y, m, d] => (num(y, 4)?, num(m, 2)?, Some(num(d, 2)?)),
        _ => return Err(bad()),
    };
    let month = time::Month::try_from(month as u8).map_err(|_| bad())?;
    if let Some(day) = day {
        time::Date::from_calendar_date(i32::from(year), month, day as u8).map_err(|_| bad())?;
    }
    Ok(Some(given.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_months() {
        assert_eq!(published(None).unwrap(), None);
        for good in ["1994-07-21", "1994-07", "2000-02-29"] {
            assert_eq!(published(Some(good)).unwrap().as_deref(), Some(good));
        }
        for bad in [
            "1994",
            "1994-13",
            "1994-02-30",
            "94-07-01",
            "1994-7-01",
            "soon",
            "1994-00",
        ] {
            assert!(published(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn kinds_by_their_schema_names() {
        assert_eq!(parse_kind("speech").unwrap(), SourceKind::Speech);
        assert!(
            parse_kind("Speech")
                .unwrap_err()
                .contains("strategy_document")
        );
    }
}
