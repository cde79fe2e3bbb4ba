//! Reading dataset files: paths to texts, texts to typed objects, with the
//! line and column of every syntax or type error.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::problem::{LoadError, Place, Problem};
use super::types::{Actor, Claim, Country, Dataset, SCHEMA_VERSION, Source, Theme};

/// The dataset shipped inside the binary.
pub const EMBEDDED_NAME: &str = "<embedded>/nss2025-balkans.json";
pub const EMBEDDED_JSON: &str = include_str!("../../data/seed/nss2025-balkans.json");

/// Files larger than this are refused before they are read, so that a huge
/// file gives a message instead of exhausting memory.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1 << 30;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// One input file's text and the name used for it in messages.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub text: String,
}

impl Input {
    pub fn embedded() -> Self {
        Input {
            name: EMBEDDED_NAME.to_string(),
            text: EMBEDDED_JSON.to_string(),
        }
    }
}

/// Where an object was found: file, its index in that file's list, and the
/// line and column where the object starts.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: Arc<str>,
    pub index: usize,
    pub line: usize,
    pub column: usize,
}

impl Origin {
    pub fn place(&self) -> Place {
        Place::at(self.file.to_string(), self.line, self.column)
    }
}

/// Origins of every object of a merged dataset, in the same order.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub sources: Vec<Origin>,
    pub countries: Vec<Origin>,
    pub actors: Vec<Origin>,
    pub themes: Vec<Origin>,
    pub claims: Vec<Origin>,
}

/// Expands `--data` paths: a file stands for itself, a directory for the
/// `*.json` files directly in it, in name order.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => problems.push(io_problem(path, "cannot open", &e)),
            Ok(meta) if meta.is_dir() => match json_files_in(path) {
                Ok(found) if found.is_empty() => problems.push(Problem {
                    place: Place::file(path.display().to_string()),
                    path: None,
                    id: None,
                    message: "directory holds no *.json files".into(),
                }),
                Ok(found) => files.extend(found),
                Err(e) => problems.push(io_problem(path, "cannot list directory", &e)),
            },
            Ok(meta) if meta.is_file() => files.push(path.clone()),
            Ok(_) => problems.push(Problem {
                place: Place::file(path.display().to_string()),
                path: None,
                id: None,
                message: "not a regular file or directory (a FIFO, socket or device is not read)"
                    .into(),
            }),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(LoadError { problems })
    }
}

fn json_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn io_problem(path: &Path, what: &str, e: &std::io::Error) -> Problem {
    Problem {
        place: Place::file(path.display().to_string()),
        path: None,
        id: None,
        message: format!("{what}: {e}"),
    }
}

/// Reads files into texts, refusing non-files, oversized files, a UTF-8 byte
/// order mark and invalid UTF-8, each with its place.
pub fn read_inputs(files: &[PathBuf], opts: &LoadOptions) -> Result<Vec<Input>, LoadError> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        match read_one(path, opts) {
            Ok(input) => inputs.push(input),
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(inputs)
    } else {
        Err(LoadError { problems })
    }
}

#[allow(clippy::result_large_err)] // built once per file, not on a hot path
fn read_one(path: &Path, opts: &LoadOptions) -> Result<Input, Problem> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_problem(path, "cannot open", &e))?;
    if !meta.is_file() {
        return Err(Problem {
            place: Place::file(&name),
            path: None,
            id: None,
            message: "not a regular file (a FIFO, socket or device is not read)".into(),
        });
    }
    if meta.len() > opts.max_file_bytes {
        return Err(Problem {
            place: Place::file(&name),
            path: None,
            id: None,
            message: format!(
                "file is {} bytes, over the limit of {} bytes (raise it with --max-file-size)",
                meta.len(),
                opts.max_file_bytes
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| io_problem(path, "cannot read", &e))?;
    let text = decode(&name, bytes)?;
    Ok(Input { name, text })
}

#[allow(clippy::result_large_err)]
fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(Problem {
            place: Place::at(name, 1, 1),
            path: None,
            id: None,
            message: "file starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without BOM"
                .into(),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]);
        let (line, column) = line_col(&prefix, good);
        Problem {
            place: Place::at(name, line, column),
            path: None,
            id: None,
            message: format!("invalid UTF-8 at byte {good}"),
        }
    })
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a dataset object")]
struct RawFile<'a> {
    #[serde(borrow)]
    schema_version: Option<&'a RawValue>,
    #[serde(borrow, default)]
    sources: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    countries: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    actors: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    themes: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    claims: Vec<&'a RawValue>,
}

/// Parses every input and merges them, or returns every syntax and type
/// problem found (one syntax error per file: past it nothing can be read).
pub fn parse_inputs(inputs: &[Input]) -> Result<(Dataset, Origins), LoadError> {
    let mut merged = Dataset {
        schema_version: SCHEMA_VERSION,
        ..Dataset::default()
    };
    let mut origins = Origins::default();
    let mut problems = Vec::new();
    for input in inputs {
        parse_one(input, &mut merged, &mut origins, &mut problems);
    }
    if problems.is_empty() {
        Ok((merged, origins))
    } else {
        Err(LoadError { problems })
    }
}

struct FileCtx<'a> {
    name: Arc<str>,
    text: &'a str,
    /// Where the last [`FileCtx::line_col`] left off, so that the origins of
    /// a million objects cost one pass over the text, not one pass each.
    cursor: std::cell::Cell<Cursor>,
}

/// A known position: byte `offset` is at `line`, `column` (1-based, column
/// in characters).
#[derive(Clone, Copy)]
struct Cursor {
    offset: usize,
    line: usize,
    column: usize,
}

impl FileCtx<'_> {
    fn offset_of(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    /// [`line_col`] of `offset`, counting on from the previous call when
    /// `offset` lies after it (objects are visited in file order).
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if !self.text.is_char_boundary(offset) {
            return line_col(self.text, offset);
        }
        let mut at = self.cursor.get();
        if offset < at.offset {
            // A list that comes earlier in the file: count from the top.
            at = Cursor {
                offset: 0,
                line: 1,
                column: 1,
            };
        }
        let gap = &self.text[at.offset..offset];
        let (line, column) = match gap.rfind('\n') {
            Some(i) => (
                at.line + gap.bytes().filter(|&b| b == b'\n').count(),
                gap[i + 1..].chars().count() + 1,
            ),
            None => (at.line, at.column + gap.chars().count()),
        };
        self.cursor.set(Cursor {
            offset,
            line,
            column,
        });
        (line, column)
    }

    fn place_at(&self, offset: usize) -> Place {
        let (line, column) = line_col(self.text, offset);
        Place::at(self.name.to_string(), line, column)
    }
}

fn parse_one(input: &Input, out: &mut Dataset, origins: &mut Origins, problems: &mut Vec<Problem>) {
    let ctx = FileCtx {
        name: Arc::from(input.name.as_str()),
        text: &input.text,
        cursor: std::cell::Cell::new(Cursor {
            offset: 0,
            line: 1,
            column: 1,
        }),
    };
    if input.text.trim().is_empty() {
        problems.push(Problem {
            place: Place::file(&input.name),
            path: None,
            id: None,
            message: "file is empty (expected a dataset object)".into(),
        });
        return;
    }
    if !input.text.trim_start().starts_with('{') {
        let offset = input.text.len() - input.text.trim_start().len();
        problems.push(Problem {
            place: ctx.place_at(offset),
            path: None,
            id: None,
            message: "wrong shape: expected a dataset object ({\"schema_version\": 1, ...})".into(),
        });
        return;
    }
    let mut de = serde_json::Deserializer::from_str(&input.text);
    let raw: RawFile = match serde_path_to_error::deserialize(&mut de) {
        Ok(raw) => raw,
        Err(e) => {
            let path = e.path().to_string();
            let path = (path != ".").then_some(path);
            problems.push(json_problem(&input.name, path, e.inner()));
            return;
        }
    };
    if !check_version(&ctx, raw.schema_version, problems) {
        return;
    }
    take_all::<Source>(
        &ctx,
        "sources",
        &raw.sources,
        &mut out.sources,
        &mut origins.sources,
        problems,
    );
    take_all::<Country>(
        &ctx,
        "countries",
        &raw.countries,
        &mut out.countries,
        &mut origins.countries,
        problems,
    );
    take_all::<Actor>(
        &ctx,
        "actors",
        &raw.actors,
        &mut out.actors,
        &mut origins.actors,
        problems,
    );
    take_all::<Theme>(
        &ctx,
        "themes",
        &raw.themes,
        &mut out.themes,
        &mut origins.themes,
        problems,
    );
    take_all::<Claim>(
        &ctx,
        "claims",
        &raw.claims,
        &mut out.claims,
        &mut origins.claims,
        problems,
    );
}

fn check_version(ctx: &FileCtx, raw: Option<&RawValue>, problems: &mut Vec<Problem>) -> bool {
    let Some(raw) = raw else {
        problems.push(Problem {
            place: Place::file(ctx.name.to_string()),
            path: Some("schema_version".into()),
            id: None,
            message: format!("missing; this stratlens reads schema_version {SCHEMA_VERSION}"),
        });
        return false;
    };
    let version: Option<u64> = serde_json::from_str(raw.get()).ok();
    if version == Some(u64::from(SCHEMA_VERSION)) {
        return true;
    }
    problems.push(Problem {
        place: ctx.place_at(ctx.offset_of(raw)),
        path: Some("schema_version".into()),
        id: None,
        message: format!(
            "unsupported schema_version {}; this stratlens reads {SCHEMA_VERSION}",
            crate::sanitize::inline(raw.get())
        ),
    });
    false
}

fn take_all<T: DeserializeOwned>(
    ctx: &FileCtx,
    list: &str,
    raws: &[&RawValue],
    out: &mut Vec<T>,
    origins: &mut Vec<Origin>,
    problems: &mut Vec<Problem>,
) {
    for (index, raw) in raws.iter().enumerate() {
        let base = ctx.offset_of(raw);
        // Fast path: plain serde_json. Only an object that fails is parsed
        // again with path tracking, which allocates for every field.
        let parsed = match serde_json::from_str::<T>(raw.get()) {
            Ok(value) => Ok(value),
            Err(_) => {
                let mut de = serde_json::Deserializer::from_str(raw.get());
                serde_path_to_error::deserialize::<_, T>(&mut de)
            }
        };
        match parsed {
            Ok(value) => {
                let (line, column) = ctx.line_col(base);
                out.push(value);
                origins.push(Origin {
                    file: ctx.name.clone(),
                    index,
                    line,
                    column,
                });
            }
            Err(e) => {
                let path = format!("{list}[{index}]{}", json_path_suffix(&e.path().to_string()));
                let inner = e.into_inner();
                // The element was parsed on its own: move its position into the file.
                let offset = base + byte_offset_in(raw.get(), inner.line(), inner.column());
                problems.push(Problem {
                    place: ctx.place_at(offset),
                    path: Some(path),
                    id: id_of(raw.get()),
                    message: strip_position(&inner),
                });
            }
        }
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

fn json_problem(name: &str, path: Option<String>, e: &serde_json::Error) -> Problem {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> Input {
        Input {
            name: "t.json".into(),
            text: text.into(),
        }
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n“c”d", 0), (1, 1));
        assert_eq!(line_col("ab\n“c”d", 3), (2, 1));
        assert_eq!(line_col("ab\n“c”d", 3 + "“c”".len()), (2, 4));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err =
            parse_inputs(&[input("{\n  \"schema_version\": 1,\n  \"claims\": [\n}")]).unwrap_err();
        assert_eq!(err.problems.len(), 1);
        let p = &err.problems[0];
        assert_eq!(p.place.line, Some(4));
        assert!(p.message.starts_with("JSON syntax error"), "{}", p.message);
    }

    #[test]
    fn type_errors_are_all_reported_with_file_position() {
        let text = "{\"schema_version\": 1,\n\"themes\": [\n {\"id\": \"a\", \"name\": 5, \"description\": \"d\"},\n {\"id\": \"b\", \"name\": \"B\"}\n]}";
        let err = parse_inputs(&[input(text)]).unwrap_err();
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
        let err = parse_inputs(&[input("{\"schema_version\": 2}")]).unwrap_err();
        assert!(
            err.problems[0]
                .message
                .contains("unsupported schema_version 2")
        );
    }

    #[test]
    fn empty_file_and_bom_are_named() {
        let err = parse_inputs(&[input("  \n")]).unwrap_err();
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
        let err = parse_inputs(&[input("{\"schema_version\": 1, \"claimz\": []}")]).unwrap_err();
        assert!(err.problems[0].message.contains("claimz"));
    }
}
