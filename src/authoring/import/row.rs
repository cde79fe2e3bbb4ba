//! One row of an import, as the input gives it, and the reading of its
//! named fields (CSV columns or JSON Lines fields).

use serde_json::Value;

/// The columns of a CSV input (and the fields of a JSON Lines object).
pub const COLUMNS: &[&str] = &[
    "id",
    "quote",
    "statement",
    "countries",
    "regions",
    "actors",
    "themes",
    "layer",
    "certainty",
    "cue",
    "hedges",
    "speaker",
    "prefix",
    "suffix",
    "start",
];

/// One claim to add, as the input gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Line of the input where the row starts.
    pub line: usize,
    pub id: Option<String>,
    pub quote: String,
    pub statement: String,
    pub countries: Vec<String>,
    pub regions: Vec<String>,
    pub actors: Vec<String>,
    pub themes: Vec<String>,
    pub layer: Option<String>,
    pub certainty: Option<String>,
    pub cue: Option<String>,
    pub hedges: Option<Vec<String>>,
    pub speaker: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// Code points (TextPositionSelector).
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// W3C tags: names of themes, countries, regions or actors, or
    /// `kind:id` ("country:XK").
    pub tags: Vec<String>,
    /// The quote is cut from the source's title, not its text.
    pub title: bool,
    /// The source a W3C target names (`urn:stratlens:source:ID`).
    pub target_source: Option<String>,
    /// Why the row is no claim and is passed over (a W3C page note).
    pub skip: Option<String>,
}

/// A row from named fields: strings, numbers, lists as arrays or `;`
/// separated strings. Empty values count as not given.
pub(super) fn row_from<'a>(
    line: usize,
    fields: impl Iterator<Item = (&'a str, Value)>,
) -> Result<Row, String> {
    let mut row = Row {
        line,
        ..Row::default()
    };
    for (name, value) in fields {
        let text = || text_of(name, &value);
        let list = || list_of(name, &value);
        match name {
            "id" => row.id = text()?.map(|s| s.trim().to_string()),
            "quote" => row.quote = text()?.unwrap_or_default(),
            "statement" => row.statement = text()?.unwrap_or_default().trim().to_string(),
            "countries" => row.countries = list()?,
            "regions" => row.regions = list()?,
            "actors" => row.actors = list()?,
            "themes" => row.themes = list()?,
            "layer" => row.layer = text()?,
            "certainty" => row.certainty = text()?,
            "cue" => row.cue = text()?,
            "hedges" => {
                let given = list()?;
                row.hedges = (!given.is_empty()).then_some(given);
            }
            "speaker" => row.speaker = text()?,
            "prefix" => row.prefix = text()?,
            "suffix" => row.suffix = text()?,
            "start" => row.start = start_of(&value)?,
            _ => return Err(format!("unknown field \"{name}\"")),
        }
    }
    Ok(row)
}

/// A string field; empty counts as not given.
fn text_of(name: &str, value: &Value) -> Result<Option<String>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(format!("{name} must be a string")),
    }
}

/// A list field: an array of strings or a `;` separated string, each item
/// trimmed, empty items left out.
fn list_of(name: &str, value: &Value) -> Result<Vec<String>, String> {
    let items: Vec<String> = match value {
        Value::Null => Vec::new(),
        Value::String(s) => s.split(';').map(str::to_string).collect(),
        Value::Array(a) => a
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or_else(|| format!("{name} must list strings"))?,
        _ => return Err(format!("{name} must be a list or a ;-separated string")),
    };
    Ok(items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect())
}

/// The `start` field: a code point offset, as a number or a string.
fn start_of(value: &Value) -> Result<Option<usize>, String> {
    Ok(match value {
        Value::Number(n) => n.as_u64().map(|n| n as usize),
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(
            s.trim()
                .parse()
                .map_err(|_| "start must be a code point offset".to_string())?,
        ),
        Value::Null => None,
        _ => return Err("start must be a code point offset".into()),
    })
}
