//! Building a dataset from the command line: `stratlens new-source` turns a
//! text file into a source with sections, `stratlens import` adds claims
//! from CSV, JSON Lines or W3C Web Annotations, anchoring each quote in the
//! source's text, and `stratlens export --format w3c` writes claims as
//! W3C Web Annotations.

pub mod anchor;
pub mod catalogue;
pub mod draft;
pub mod ids;
pub mod import;
pub mod new_source;
pub mod recover;
pub mod sections;
pub mod session;
pub mod suggest;
pub mod w3c;

use std::path::{Path, PathBuf};

use crate::model::{self, Dataset, LoadOptions};

/// `stratlens new-source`. With --data, the new source is validated
/// together with those files (so its id must be new among them).
#[derive(Debug, clap::Args)]
pub struct NewSourceArgs {
    /// The source's text (UTF-8 without a byte order mark), kept byte for byte.
    pub text_file: PathBuf,
    /// Id of the new source (A-Z a-z 0-9 . _ -).
    #[arg(long)]
    pub id: String,
    /// The source's title (claims may quote it too).
    #[arg(long)]
    pub title: String,
    /// Who wrote or issued it.
    #[arg(long)]
    pub author: Option<String>,
    /// YYYY-MM-DD, or YYYY-MM when only the month is known.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Where the text comes from (the target of its W3C annotations).
    #[arg(long)]
    pub url: Option<String>,
    /// news_analysis, strategy_document, commentary, report, speech or other.
    #[arg(long, default_value = "strategy_document")]
    pub kind: String,
    /// One section spanning the whole text instead of sections found from
    /// heading lines.
    #[arg(long)]
    pub no_sections: bool,
    /// Where to write the dataset (atomically).
    #[arg(short = 'o', long, value_name = "OUT")]
    pub output: PathBuf,
    /// Replace OUT if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `stratlens import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Claims to add: CSV, JSON Lines or W3C Web Annotation JSON.
    pub input: PathBuf,
    /// The source the quotes are cut from.
    #[arg(long, value_name = "ID")]
    pub source: String,
    /// The input's format (default: from its extension: .csv, .jsonl,
    /// .json/.jsonld).
    #[arg(long, value_enum)]
    pub format: Option<import::InputFormat>,
    /// Where to write the dataset file that holds the source, with the new
    /// claims (atomically; never one of the --data files).
    #[arg(short = 'o', long, value_name = "OUT")]
    pub output: PathBuf,
    /// Replace OUT if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Reads a text file by the loader's rules (regular file, size limit, UTF-8
/// without BOM), each failure with its file:line:column.
pub fn read_text(path: &Path, opts: &LoadOptions) -> Result<String, String> {
    let opts = LoadOptions {
        // Read, never mapped: the text is kept whole.
        map_min_bytes: u64::MAX,
        ..opts.clone()
    };
    let inputs = model::load::read_inputs(&[path.to_path_buf()], &opts).map_err(problems)?;
    let bytes = inputs.first().map(|i| i.bytes()).unwrap_or_default();
    String::from_utf8(bytes.to_vec()).map_err(|e| e.to_string())
}

/// Reads an import's input: like [`read_text`], but a byte order mark at
/// the start is passed over, since spreadsheets write CSV with one.
pub fn read_input(path: &Path, opts: &LoadOptions) -> Result<String, String> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| format!("{name}: cannot open: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{name}: not a regular file"));
    }
    if meta.len() > opts.max_file_bytes {
        return Err(format!(
            "{name}: file is {} bytes, over the limit of {} bytes (raise it with --max-file-size)",
            meta.len(),
            opts.max_file_bytes
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    std::str::from_utf8(body)
        .map(str::to_string)
        .map_err(|e| model::load::invalid_utf8(&name, &body[..e.valid_up_to()]).to_string())
}

/// A failed load as a message: its one problem; or, for several, the
/// summary, the problems having been written to stderr first, one a line,
/// as every command lists them.
pub fn problems(e: model::LoadError) -> String {
    if let [one] = e.problems.as_slice() {
        return one.to_string();
    }
    for line in e.lines(false) {
        say_raw(&format!("  {line}"));
    }
    e.summary()
}

/// A dataset as stratlens writes it: pretty JSON, two-space indent, a
/// final newline.
pub fn to_json(data: &Dataset) -> Result<String, String> {
    serde_json::to_string_pretty(data)
        .map(|s| s + "\n")
        .map_err(|e| format!("cannot write the dataset as JSON: {e}"))
}

/// Writes `value` to stdout as pretty JSON (`--json`); a closed pipe is
/// no error.
pub fn emit_json(value: &serde_json::Value) {
    use std::io::Write;
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let _ = writeln!(std::io::stdout(), "{text}");
}

/// Writes a line to stderr as it is (already sanitised).
fn say_raw(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Writes one line to stderr (the report of what was done).
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{}", crate::sanitize::inline(line));
}
