//! Reading dataset files: paths to texts, texts to typed objects, with the
//! line and column of every syntax or type error.
//!
//! `input` reads or maps the files, `parse` reads each one's top-level
//! object (`split` on two threads for a large file), `json_errors` turns
//! serde_json's errors into problems and `locate` finds their places.

mod embedded;
mod input;
mod json_errors;
mod locate;
mod parse;
mod split;

pub use embedded::{EMBEDDED_DIR, EMBEDDED_FILES, EMBEDDED_JSON};
pub use input::{Input, expand_paths, invalid_utf8, names_embedded, read_inputs};
pub use json_errors::{parse_raw, raw_problem};
pub use locate::{Locator, Origin, Origins, line_col};
pub use parse::{Parsed, RawClaim, parse_inputs};

/// Files larger than this are refused before they are read, so that a huge
/// file gives a message instead of exhausting memory.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1 << 30;

/// Files from this size on have their claims list parsed by two threads:
/// below it the second thread costs more than it saves.
pub const DEFAULT_SPLIT_MIN_BYTES: u64 = 64 << 20;

/// Files from this size on are memory-mapped instead of read: the loader
/// then hands back each part of the file it has parsed, so that a 1 GB
/// file never costs 1 GB of memory on top of the dataset built from it.
/// Smaller files are read, which cannot fail later if the file changes.
pub const DEFAULT_MAP_MIN_BYTES: u64 = 32 << 20;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub max_file_bytes: u64,
    /// Map files of at least this size (see [`DEFAULT_MAP_MIN_BYTES`]).
    pub map_min_bytes: u64,
    /// Parse the claims of files of at least this size on two threads
    /// (see [`DEFAULT_SPLIT_MIN_BYTES`]).
    pub split_min_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            map_min_bytes: DEFAULT_MAP_MIN_BYTES,
            split_min_bytes: DEFAULT_SPLIT_MIN_BYTES,
        }
    }
}

/// Reports how far loading has come: `(step, done, total)`, where the step
/// is "reading" (bytes parsed) or "checking" (claims validated).
pub type Progress<'p> = Option<&'p ProgressFn<'p>>;

/// See [`Progress`].
pub type ProgressFn<'a> = dyn Fn(&str, u64, u64) + Sync + 'a;

#[cfg(test)]
mod tests {
    use super::input::decode;
    use super::*;
    use crate::model::problem::{LoadError, Place};

    fn load_err(text: &str) -> LoadError {
        crate::model::load_inputs(vec![Input::new("t.json", text.to_string())]).unwrap_err()
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = load_err("{\n  \"schema_version\": 1,\n  \"claims\": [\n}");
        assert_eq!(err.problems.len(), 1);
        let p = &err.problems[0];
        assert_eq!(p.place.line, Some(4));
        assert!(p.message.starts_with("JSON syntax error"), "{}", p.message);
    }

    #[test]
    fn type_errors_are_all_reported_with_file_position() {
        let text = "{\"schema_version\": 1,\n\"themes\": [\n {\"id\": \"a\", \"name\": 5, \"description\": \"d\"},\n {\"id\": \"b\", \"name\": \"B\"}\n]}";
        let err = load_err(text);
        assert_eq!(err.problems.len(), 2, "{err}");
        assert_eq!(err.problems[0].path.as_deref(), Some("themes[0].name"));
        assert_eq!(err.problems[0].place.line, Some(3));
        assert_eq!(err.problems[0].id.as_deref(), Some("a"));
        assert_eq!(err.problems[1].path.as_deref(), Some("themes[1]"));
        assert!(
            err.problems[1].message.contains("description"),
            "{}",
            err.problems[1].message
        );
    }

    #[test]
    fn unknown_schema_version_is_refused() {
        let err = load_err("{\"schema_version\": 3}");
        assert!(
            err.problems[0]
                .message
                .contains("unsupported schema_version 3; this stratlens reads 1 to 2")
        );
    }

    #[test]
    fn version_1_files_load_and_are_noted() {
        let store = crate::model::load_inputs(vec![Input::new(
            "old.json",
            "{\"schema_version\": 1, \"themes\": []}".to_string(),
        )])
        .unwrap();
        assert_eq!(store.notices.len(), 1);
        assert!(store.notices[0].contains("old.json is schema_version 1"));
        assert!(store.notices[0].contains("stratlens migrate"));
        let err = load_err(
            "{\"schema_version\": 1, \"regions\": [{\"id\": \"r\", \"name\": \"R\", \"members\": []}]}",
        );
        assert!(
            err.problems[0]
                .message
                .contains("regions need schema_version 2")
        );
    }

    #[test]
    fn empty_file_and_bom_are_named() {
        let err = load_err("  \n");
        assert!(err.problems[0].message.contains("empty"));
        let p = decode("b.json", b"\xEF\xBB\xBF{}".to_vec()).unwrap_err();
        assert!(p.message.contains("byte order mark"));
    }

    #[test]
    fn invalid_utf8_has_position() {
        let p = decode("u.json", b"{\n  \"a\xff\"}".to_vec()).unwrap_err();
        assert_eq!(p.place, Place::at("u.json", 2, 5));
    }

    #[test]
    fn unknown_top_level_field_is_an_error() {
        let err = load_err("{\"schema_version\": 1, \"claimz\": []}");
        assert!(err.problems[0].message.contains("claimz"));
    }
}
