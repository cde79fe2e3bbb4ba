//! serde_json errors turned into problems with their place: the file's line
//! and column, the JSON path and the id of the element that failed.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::locate::{Locator, Origin};
use crate::model::problem::{Place, Problem};

/// Parses one list element. Only an element that fails is parsed again
/// with path tracking, which allocates for every field.
pub fn parse_raw<T: DeserializeOwned>(
    raw: &RawValue,
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    match serde_json::from_str::<T>(raw.get()) {
        Ok(value) => Ok(value),
        Err(_) => {
            let mut de = serde_json::Deserializer::from_str(raw.get());
            serde_path_to_error::deserialize::<_, T>(&mut de)
        }
    }
}

/// The problem for list element `raw` that failed to parse.
pub fn raw_problem(
    locator: &Locator,
    origin: &Origin,
    list: &str,
    raw: &RawValue,
    e: serde_path_to_error::Error<serde_json::Error>,
) -> Problem {
    let path = format!(
        "{list}[{}]{}",
        origin.index,
        json_path_suffix(&e.path().to_string())
    );
    let inner = e.into_inner();
    // The element was parsed on its own: move its position into the file.
    let offset = origin.offset + byte_offset_in(raw.get(), inner.line(), inner.column());
    Problem {
        place: locator.place(origin.file, offset),
        path: Some(path),
        id: id_of(raw.get()),
        message: strip_position(&inner),
    }
}

/// `serde_path_to_error` prints `.` for the root and `a.b[0]` otherwise.
fn json_path_suffix(path: &str) -> String {
    match path {
        "." | "" => String::new(),
        p if p.starts_with('[') => p.to_string(),
        p => format!(".{p}"),
    }
}

fn id_of(raw: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct WithId {
        id: String,
    }
    serde_json::from_str::<WithId>(raw).ok().map(|w| w.id)
}

/// Byte offset of serde_json's 1-based line and (byte) column within `text`.
fn byte_offset_in(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let mut at = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn strip_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&tail).unwrap_or(&full).to_string()
}

pub(super) fn json_problem(name: &str, path: Option<String>, e: &serde_json::Error) -> Problem {
    let place = if e.line() == 0 {
        Place::file(name)
    } else {
        Place::at(name, e.line(), e.column().max(1))
    };
    Problem {
        place,
        path,
        id: None,
        message: format!("{}: {}", error_kind(e), strip_position(e)),
    }
}

fn error_kind(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax => "JSON syntax error",
        Category::Eof => "JSON ends too early",
        Category::Data => "wrong shape",
        Category::Io => "read error",
    }
}
