//! W3C Web Annotations (https://www.w3.org/TR/annotation-model/): claims
//! written as annotations (`stratlens export --format w3c`) and read back
//! (`stratlens import --format w3c`), with Hypothesis exports read too.

use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use super::import::{Parsed, Row};
use crate::export::Briefing;
use crate::model::load::line_col;
use crate::model::{QuoteTarget, Store};

/// Prefix of a claim's annotation id.
pub const CLAIM_IRI: &str = "urn:stratlens:claim:";
/// Prefix of the IRI of a source without a URL (and of every source's
/// title, as `urn:stratlens:source:ID:title`).
pub const SOURCE_IRI: &str = "urn:stratlens:source:";

/// The claims as a JSON array of annotations, each with its own
/// `@context`.
///
/// Why an array and not an AnnotationCollection: a collection is the
/// Web Annotation Protocol's paged container (`first` → AnnotationPage →
/// `items`), which only clients that speak the protocol follow, while
/// the libraries and tools that load annotations from a file (RecogitoJS
/// and Annotorious `loadAnnotations`, Apache Annotator's examples, most
/// converters from and to Hypothesis) take a plain array of annotations.
/// Hypothesis itself imports no W3C file (its API takes one annotation at
/// a time, in its own JSON), so an array, one self-contained annotation
/// per element, is also what a script posting them one by one wants.
/// `stratlens import` reads arrays, single annotations, collections and
/// Hypothesis exports alike.
///
/// Written as it is made (see [`crate::json_out`]); each claim's note (if
/// any) is a commenting body after the statement (an import reads the
/// first body as the statement).
pub fn write(
    store: &Store,
    b: &Briefing,
    notes: &crate::export::Notes,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let items = b.claims.iter().map(|&ci| {
        let mut a = annotation(store, ci);
        if let (Some(note), Some(body)) = (notes.get(&ci), a["body"].as_array_mut()) {
            let comment = json!({"type": "TextualBody", "purpose": "commenting",
                "format": "text/plain", "value": note});
            body.insert(1, comment);
        }
        a
    });
    let items = crate::cache::handing_back(items, crate::cache::CLAIMS_PER_RELEASE);
    crate::json_out::write_pretty(out, &crate::json_out::Seq::new(items))
}

fn annotation(store: &Store, ci: usize) -> Value {
    let c = store.claim(ci);
    let s = store.source_of(ci);
    let source = match (c.quote.target, s.url.as_deref().map(str::trim)) {
        (QuoteTarget::Title, _) => format!("{SOURCE_IRI}{}:title", s.id),
        (QuoteTarget::Text, Some(url)) if !url.is_empty() => url.to_string(),
        (QuoteTarget::Text, _) => format!("{SOURCE_IRI}{}", s.id),
    };
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "describing",
        "format": "text/plain",
        "value": c.statement,
    })];
    let tags = c
        .countries
        .iter()
        .map(|id| format!("country:{id}"))
        .chain(c.regions.iter().map(|id| format!("region:{id}")))
        .chain(c.themes.iter().map(|id| format!("theme:{id}")));
    body.extend(tags.map(|t| json!({"type": "TextualBody", "purpose": "tagging", "value": t})));
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{CLAIM_IRI}{}", c.id),
        "type": "Annotation",
        "motivation": "describing",
        "body": body,
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": c.quote.exact,
                    "prefix": c.quote.prefix,
                    "suffix": c.quote.suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": c.quote.start,
                    "end": c.quote.end,
                },
            ],
        },
    })
}

/// Annotations from `text`: one annotation, an array of them, a Hypothesis
/// export (`{"rows": [...]}`) or an AnnotationCollection (`items`, or
/// `first.items`). Each becomes a row numbered by the line it starts on.
pub fn parse(text: &str, name: &str) -> Result<Vec<Parsed>, String> {
    let syntax = |e: serde_json::Error| format!("{name}:{}:{}: {e}", e.line(), e.column());
    let top: &RawValue = serde_json::from_str(text).map_err(syntax)?;
    let items: Vec<&RawValue> = if top.get().trim_start().starts_with('[') {
        serde_json::from_str(top.get()).map_err(syntax)?
    } else {
        let map: std::collections::HashMap<String, &RawValue> = serde_json::from_str(top.get())
            .map_err(|e| {
                format!("{name}: not a W3C annotation, an array of them or a collection: {e}")
            })?;
        if let Some(rows) = map.get("rows").or_else(|| map.get("items")) {
            serde_json::from_str(rows.get()).map_err(syntax)?
        } else if let Some(first) = map.get("first") {
            let page: std::collections::HashMap<String, &RawValue> =
                serde_json::from_str(first.get()).map_err(syntax)?;
            match page.get("items") {
                Some(items) => serde_json::from_str(items.get()).map_err(syntax)?,
                None => return Err(format!("{name}: the collection's first page has no items")),
            }
        } else if map.contains_key("target") {
            vec![top]
        } else {
            return Err(format!(
                "{name}: not a W3C annotation (no target), an array of them, a Hypothesis \
                 export {{\"rows\": [...]}} or an AnnotationCollection"
            ));
        }
    };
    let base = text.as_ptr() as usize;
    Ok(items
        .into_iter()
        .map(|raw| {
            let offset = (raw.get().as_ptr() as usize).saturating_sub(base);
            let line = line_col(text, offset).0;
            let value: Value =
                serde_json::from_str(raw.get()).map_err(|e| (line, e.to_string()))?;
            row_of(&value, line).map_err(|e| (line, e))
        })
        .collect())
}

/// Values of a one-or-many field as a list.
fn many(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

fn string(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).map(str::to_string)
}

fn row_of(v: &Value, line: usize) -> Result<Row, String> {
    let Some(ann) = v.as_object() else {
        return Err("an annotation must be a JSON object".into());
    };
    let mut row = Row {
        line,
        ..Row::default()
    };
    row.id = string(ann, "id").and_then(|id| id.strip_prefix(CLAIM_IRI).map(str::to_string));
    read_bodies(ann, &mut row);
    let Some(targets) = ann.get("target").map(many) else {
        return Err(
            "not an annotation: it has no target (rows of claim fields are \
                    JSON Lines: --format jsonl)"
                .into(),
        );
    };
    let Some(target) = targets
        .iter()
        .filter_map(|t| t.as_object())
        .find(|t| t.contains_key("selector"))
    else {
        // A page note or a reply: it quotes nothing.
        row.skip = Some("the annotation selects no text (a page note or a reply)".into());
        return Ok(row);
    };
    read_target_source(target, &mut row);
    let quoted = read_selectors(target, &mut row);
    if !quoted && row.start.is_none() {
        return Err("the target has no TextQuoteSelector or TextPositionSelector".into());
    }
    Ok(row)
}

/// The statement: a describing or commenting body (or any body that is not
/// a tag), `bodyValue`, or Hypothesis' `text`; the tags: tagging bodies and
/// Hypothesis' `tags`.
fn read_bodies(ann: &Map<String, Value>, row: &mut Row) {
    let mut statements = Vec::new();
    for body in ann.get("body").map(many).unwrap_or_default() {
        match body {
            Value::String(s) => statements.push(s.clone()),
            Value::Object(b) => {
                let Some(value) = string(b, "value") else {
                    continue;
                };
                if string(b, "purpose").as_deref() == Some("tagging") {
                    row.tags.push(value);
                } else {
                    statements.push(value);
                }
            }
            _ => {}
        }
    }
    statements.extend(string(ann, "bodyValue"));
    statements.extend(string(ann, "text"));
    row.statement = statements
        .into_iter()
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    for tag in ann.get("tags").map(many).unwrap_or_default() {
        if let Some(t) = tag.as_str() {
            row.tags.push(t.to_string());
        }
    }
}

/// The source a target names (`urn:stratlens:source:ID`, or `ID:title`
/// for its title).
fn read_target_source(target: &Map<String, Value>, row: &mut Row) {
    if let Some(src) = string(target, "source")
        && let Some(rest) = src.strip_prefix(SOURCE_IRI)
    {
        match rest.strip_suffix(":title") {
            Some(id) => {
                row.title = true;
                row.target_source = Some(id.to_string());
            }
            None => row.target_source = Some(rest.to_string()),
        }
    }
}

/// The quote and position selectors; true when a quote was given.
fn read_selectors(target: &Map<String, Value>, row: &mut Row) -> bool {
    let mut quoted = false;
    for sel in target.get("selector").map(many).unwrap_or_default() {
        let Some(sel) = sel.as_object() else { continue };
        match string(sel, "type").as_deref() {
            Some("TextQuoteSelector") => {
                row.quote = string(sel, "exact").unwrap_or_default();
                row.prefix = string(sel, "prefix").filter(|p| !p.is_empty());
                row.suffix = string(sel, "suffix").filter(|s| !s.is_empty());
                quoted = true;
            }
            Some("TextPositionSelector") => {
                let n = |k: &str| sel.get(k).and_then(Value::as_u64).map(|n| n as usize);
                row.start = n("start");
                row.end = n("end");
            }
            _ => {}
        }
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hypothesis_rows_with_text_and_tags() {
        let text = r#"{"total": 1, "rows": [
  {"id": "Ab12", "text": "The author says so.", "tags": ["nato", "Kosovo"],
   "target": [{"source": "https://example.org/a", "selector": [
     {"type": "RangeSelector", "startContainer": "/p[1]"},
     {"type": "TextPositionSelector", "start": 10, "end": 20},
     {"type": "TextQuoteSelector", "exact": "the words", "prefix": "before ", "suffix": ""}]}]}
]}"#;
        let rows = parse(text, "h.json").unwrap();
        let r = rows[0].as_ref().unwrap();
        assert_eq!(r.line, 2);
        assert_eq!(r.id, None);
        assert_eq!(r.statement, "The author says so.");
        assert_eq!(r.tags, vec!["nato", "Kosovo"]);
        assert_eq!(
            (r.quote.as_str(), r.prefix.as_deref(), r.suffix.as_deref()),
            ("the words", Some("before "), None)
        );
        assert_eq!(
            (r.start, r.end, r.title, r.target_source.clone()),
            (Some(10), Some(20), false, None)
        );
    }

    #[test]
    fn reads_single_annotations_arrays_and_collections() {
        let one = r#"{"id": "urn:stratlens:claim:c9", "type": "Annotation",
            "body": {"type": "TextualBody", "value": "S."},
            "target": {"source": "urn:stratlens:source:src:title",
              "selector": {"type": "TextQuoteSelector", "exact": "x"}}}"#;
        let rows = parse(one, "a.json").unwrap();
        let r = rows[0].as_ref().unwrap();
        assert_eq!(
            (r.id.as_deref(), r.title, r.target_source.as_deref()),
            (Some("c9"), true, Some("src"))
        );
        let array = format!("[\n{one},\n{one}]");
        assert_eq!(parse(&array, "a.json").unwrap().len(), 2);
        let coll =
            format!("{{\"type\": \"AnnotationCollection\", \"first\": {{\"items\": [{one}]}}}}");
        assert_eq!(parse(&coll, "a.json").unwrap().len(), 1);
        let err = parse("{\"a\": 1}", "a.json").unwrap_err();
        assert!(err.contains("not a W3C annotation"), "{err}");
        let err = parse("[1,", "a.json").unwrap_err();
        assert!(err.starts_with("a.json:1:"), "{err}");
        let note = parse(
            r#"[{"target": "https://x", "text": "A page note."}]"#,
            "a.json",
        )
        .unwrap();
        let note = note[0].as_ref().unwrap();
        assert!(note.skip.as_deref().unwrap().contains("page note"));
        let rows = parse(r#"[{"quote": "q", "statement": "s"}]"#, "a.json").unwrap();
        assert!(matches!(&rows[0], Err((1, e)) if e.contains("--format jsonl")));
        let bad = parse(
            r#"[{"target": {"selector": {"type": "FragmentSelector"}}}]"#,
            "a.json",
        )
        .unwrap();
        assert!(matches!(&bad[0], Err((1, e)) if e.contains("no TextQuoteSelector")));
    }
}
