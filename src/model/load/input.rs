//! Reading and mapping dataset files: `--data` paths expanded, files read or
//! memory-mapped, refused with their place when they are not files, too
//! large, start with a byte order mark or are not UTF-8.

use std::path::{Path, PathBuf};

use super::embedded::{EMBEDDED_DIR, EMBEDDED_FILES};
use super::locate::line_col;
use super::{DEFAULT_SPLIT_MIN_BYTES, LoadOptions};
use crate::model::problem::{LoadError, Place, Problem};

/// One input file's bytes and the name used for it in messages.
#[derive(Debug)]
pub struct Input {
    pub name: String,
    pub(super) bytes: Backing,
    /// See [`LoadOptions::split_min_bytes`].
    pub(super) split_min_bytes: u64,
}

#[derive(Debug)]
pub(super) enum Backing {
    Owned(String),
    Static(&'static str),
    /// Not yet checked to be UTF-8: the check runs beside the parser.
    Mapped(memmap2::Mmap),
}

impl Input {
    pub fn new(name: impl Into<String>, text: String) -> Self {
        Input {
            name: name.into(),
            bytes: Backing::Owned(text),
            split_min_bytes: DEFAULT_SPLIT_MIN_BYTES,
        }
    }

    /// The embedded dataset's files, named `<embedded>/FILE`.
    pub fn embedded() -> Vec<Input> {
        EMBEDDED_FILES
            .iter()
            .map(|&(name, json)| Input {
                name: format!("{EMBEDDED_DIR}/{name}"),
                bytes: Backing::Static(json),
                split_min_bytes: DEFAULT_SPLIT_MIN_BYTES,
            })
            .collect()
    }

    pub fn bytes(&self) -> &[u8] {
        match &self.bytes {
            Backing::Owned(s) => s.as_bytes(),
            Backing::Static(s) => s.as_bytes(),
            Backing::Mapped(m) => m,
        }
    }

    pub fn len(&self) -> usize {
        self.bytes().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the bytes are known to be UTF-8 already.
    pub fn is_checked(&self) -> bool {
        !matches!(self.bytes, Backing::Mapped(_))
    }

    /// Gives the pages of `range` back to the system; they are read from the
    /// file again if touched. A no-op for bytes in ordinary memory.
    pub fn release(&self, range: std::ops::Range<usize>) {
        const PAGE: usize = 4096;
        let Backing::Mapped(map) = &self.bytes else {
            return;
        };
        let start = range.start.div_ceil(PAGE) * PAGE;
        let end = (range.end / PAGE) * PAGE;
        if start < end && end <= map.len() {
            // SAFETY: the map is private and read-only, so dropping its
            // pages loses nothing: a later access reads the file again.
            // Borrowed slices stay valid (the mapping itself remains).
            let _ = unsafe {
                map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start)
            };
        }
    }
}

/// Expands `--data` paths: a file stands for itself, a directory for the
/// `*.json` files directly in it, in name order.
/// Whether `p` names the embedded dataset (`embedded` or `<embedded>`,
/// when no file of that name exists), so that `--data embedded --data
/// mine.json` loads a dataset that links the embedded one's entities.
pub fn names_embedded(p: &Path) -> bool {
    let s = p.as_os_str();
    (s == "embedded" || s == EMBEDDED_DIR) && !p.exists()
}

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

/// Reads (or maps) files, refusing non-files, oversized files, a UTF-8
/// byte order mark and, for read files, invalid UTF-8, each with its place.
/// Mapped files are checked for UTF-8 while they are parsed.
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
                "file is {}, over the limit of {} (raise it with --max-file-size)",
                crate::words::plural(meta.len() as usize, "byte"),
                crate::words::plural(opts.max_file_bytes as usize, "byte")
            ),
        });
    }
    if meta.len() >= opts.map_min_bytes.max(1) {
        let map = map_file(path)?;
        refuse_bom(&name, &map)?;
        return Ok(Input {
            name,
            bytes: Backing::Mapped(map),
            split_min_bytes: opts.split_min_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| io_problem(path, "cannot read", &e))?;
    let text = decode(&name, bytes)?;
    Ok(Input {
        split_min_bytes: opts.split_min_bytes,
        ..Input::new(name, text)
    })
}

#[allow(clippy::result_large_err)]
fn map_file(path: &Path) -> Result<memmap2::Mmap, Problem> {
    let file = std::fs::File::open(path).map_err(|e| io_problem(path, "cannot open", &e))?;
    // SAFETY: the map is read-only and private. If another program truncates
    // the file while it is loaded, reading the lost part faults; that is the
    // price of not holding a copy of a large file, and why small files are
    // read instead (see DEFAULT_MAP_MIN_BYTES).
    let map =
        unsafe { memmap2::Mmap::map(&file) }.map_err(|e| io_problem(path, "cannot read", &e))?;
    let _ = map.advise(memmap2::Advice::Sequential);
    Ok(map)
}

#[allow(clippy::result_large_err)]
fn refuse_bom(name: &str, bytes: &[u8]) -> Result<(), Problem> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(Problem {
            place: Place::at(name, 1, 1),
            path: None,
            id: None,
            message: "file starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without BOM"
                .into(),
        });
    }
    Ok(())
}

#[allow(clippy::result_large_err)]
pub(super) fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    refuse_bom(name, &bytes)?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        invalid_utf8(name, &e.as_bytes()[..good])
    })
}

/// The problem for a file whose bytes are valid UTF-8 up to `good.len()`.
pub fn invalid_utf8(name: &str, good: &[u8]) -> Problem {
    let prefix = String::from_utf8_lossy(good);
    let (line, column) = line_col(&prefix, good.len());
    Problem {
        place: Place::at(name, line, column),
        path: None,
        id: None,
        message: format!("invalid UTF-8 at byte {}", good.len()),
    }
}
