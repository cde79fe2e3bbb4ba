//! Reading dataset files: paths to texts, texts to typed objects, with the
//! line and column of every syntax or type error.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::problem::{LoadError, Place, Problem};
use super::types::{Dataset, OLDEST_SCHEMA_VERSION, SCHEMA_VERSION};

/// The dataset shipped inside the binary.
/// Where the embedded files say they come from in messages.
pub const EMBEDDED_DIR: &str = "<embedded>";
/// The embedded dataset, file by file: the article with its entities, then
/// the U.S. National Security Strategies 1987-2015 (`data/nss/`). A test
/// checks that every file of `data/nss` is listed here.
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    (
        "nss2025-balkans.json",
        include_str!("../../data/seed/nss2025-balkans.json"),
    ),
    (
        "nss-entities.json",
        include_str!("../../data/nss/nss-entities.json"),
    ),
    (
        "us-nss-1987.json",
        include_str!("../../data/nss/us-nss-1987.json"),
    ),
    (
        "us-nss-1988.json",
        include_str!("../../data/nss/us-nss-1988.json"),
    ),
    (
        "us-nss-1990.json",
        include_str!("../../data/nss/us-nss-1990.json"),
    ),
    (
        "us-nss-1991.json",
        include_str!("../../data/nss/us-nss-1991.json"),
    ),
    (
        "us-nss-1993.json",
        include_str!("../../data/nss/us-nss-1993.json"),
    ),
    (
        "us-nss-1994.json",
        include_str!("../../data/nss/us-nss-1994.json"),
    ),
    (
        "us-nss-1995.json",
        include_str!("../../data/nss/us-nss-1995.json"),
    ),
    (
        "us-nss-1996.json",
        include_str!("../../data/nss/us-nss-1996.json"),
    ),
    (
        "us-nss-1997.json",
        include_str!("../../data/nss/us-nss-1997.json"),
    ),
    (
        "us-nss-1998.json",
        include_str!("../../data/nss/us-nss-1998.json"),
    ),
    (
        "us-nss-1999.json",
        include_str!("../../data/nss/us-nss-1999.json"),
    ),
    (
        "us-nss-2001.json",
        include_str!("../../data/nss/us-nss-2001.json"),
    ),
    (
        "us-nss-2002.json",
        include_str!("../../data/nss/us-nss-2002.json"),
    ),
    (
        "us-nss-2006.json",
        include_str!("../../data/nss/us-nss-2006.json"),
    ),
    (
        "us-nss-2010.json",
        include_str!("../../data/nss/us-nss-2010.json"),
    ),
    (
        "us-nss-2015.json",
        include_str!("../../data/nss/us-nss-2015.json"),
    ),
];

/// The article dataset, the first embedded file.
pub const EMBEDDED_JSON: &str = EMBEDDED_FILES[0].1;

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

/// One input file's bytes and the name used for it in messages.
#[derive(Debug)]
pub struct Input {
    pub name: String,
    bytes: Backing,
    /// See [`LoadOptions::split_min_bytes`].
    split_min_bytes: u64,
}

#[derive(Debug)]
enum Backing {
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

/// Where an object was found: file (index into the inputs), its index in
/// that file's list, and the byte offset where it starts. Lines and
/// columns are worked out only for objects that have a problem.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub file: u32,
    pub index: u32,
    pub offset: usize,
}

/// Origins of every entity of a merged dataset, in the same order.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub sources: Vec<Origin>,
    pub countries: Vec<Origin>,
    pub regions: Vec<Origin>,
    pub actors: Vec<Origin>,
    pub themes: Vec<Origin>,
}

/// Turns byte offsets into file, line and column. The table of line starts
/// of a file is built the first time a problem in it needs one.
pub struct Locator<'a> {
    files: Vec<LocatedFile<'a>>,
}

struct LocatedFile<'a> {
    input: &'a Input,
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl<'a> Locator<'a> {
    pub fn new(inputs: &'a [Input]) -> Self {
        Locator {
            files: inputs
                .iter()
                .map(|input| LocatedFile {
                    input,
                    line_starts: std::sync::OnceLock::new(),
                })
                .collect(),
        }
    }

    /// Where a claim found by the parser starts.
    pub fn origin_of(&self, rc: &RawClaim) -> Origin {
        let base = self.files[rc.file as usize].input.bytes().as_ptr() as usize;
        Origin {
            file: rc.file,
            index: rc.index,
            offset: (rc.raw.get().as_ptr() as usize).saturating_sub(base),
        }
    }

    /// Hands back the pages that hold a run of claims, once parsed.
    pub fn release_behind(&self, run: &[RawClaim]) {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return;
        };
        if first.file != last.file {
            return;
        }
        let (a, b) = (self.origin_of(first), self.origin_of(last));
        let end = b.offset + last.raw.get().len();
        self.files[first.file as usize].input.release(a.offset..end);
    }

    pub fn name(&self, file: u32) -> &str {
        &self.files[file as usize].input.name
    }

    /// 1-based line and column (in characters) of byte `offset` of `file`.
    pub fn line_col(&self, file: u32, offset: usize) -> (usize, usize) {
        let f = &self.files[file as usize];
        let bytes = f.input.bytes();
        let starts = f.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr_all(bytes, b'\n').map(|i| i + 1))
                .collect()
        });
        let offset = offset.min(bytes.len());
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let column = String::from_utf8_lossy(&bytes[start..offset])
            .chars()
            .count()
            + 1;
        (line, column)
    }

    pub fn place(&self, file: u32, offset: usize) -> Place {
        let (line, column) = self.line_col(file, offset);
        Place::at(self.name(file), line, column)
    }

    pub fn origin_place(&self, o: &Origin) -> Place {
        self.place(o.file, o.offset)
    }
}

fn memchr_all(bytes: &[u8], needle: u8) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(move |(i, &b)| (b == needle).then_some(i))
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
fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Problem> {
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

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Reports how far loading has come: `(step, done, total)`, where the step
/// is "reading" (bytes parsed) or "checking" (claims validated).
pub type Progress<'p> = Option<&'p ProgressFn<'p>>;

/// See [`Progress`].
pub type ProgressFn<'a> = dyn Fn(&str, u64, u64) + Sync + 'a;

/// Parsed pages are handed back and progress reported every this many bytes.
const WINDOW: usize = 16 << 20;

/// A claim found in a file but not yet parsed: validation parses claims on
/// all cores, straight into their compact form.
#[derive(Clone, Copy)]
pub struct RawClaim<'a> {
    pub file: u32,
    pub index: u32,
    pub raw: &'a RawValue,
}

/// Everything but the claims parsed, the claims found.
#[derive(Default)]
pub struct Parsed<'a> {
    pub data: Dataset,
    pub origins: Origins,
    pub claims: Vec<RawClaim<'a>>,
    pub problems: Vec<Problem>,
    /// The schema version of each file, in load order.
    pub versions: Vec<u32>,
}

#[derive(Default)]
struct RawFile<'a> {
    schema_version: Option<&'a RawValue>,
    sources: Vec<&'a RawValue>,
    countries: Vec<&'a RawValue>,
    regions: Vec<&'a RawValue>,
    actors: Vec<&'a RawValue>,
    themes: Vec<&'a RawValue>,
    claims: Vec<&'a RawValue>,
}

const FIELDS: &[&str] = &[
    "schema_version",
    "sources",
    "countries",
    "actors",
    "themes",
    "claims",
    "regions",
];

/// Parses every input and merges them. Syntax and type problems are
/// collected in [`Parsed::problems`] (one syntax error per file: past it
/// nothing can be read); claims are left for validation to parse.
pub fn parse_inputs<'a>(inputs: &'a [Input], locator: &Locator, progress: Progress) -> Parsed<'a> {
    let mut out = Parsed::default();
    out.data.schema_version = SCHEMA_VERSION;
    let total: u64 = inputs.iter().map(|i| i.len() as u64).sum();
    let mut before = 0u64;
    for (file, input) in inputs.iter().enumerate() {
        let ctx = FileCtx {
            file: file as u32,
            input,
            locator,
            released: std::cell::Cell::new(0),
            progress: progress.map(|f| (f, before, total)),
            split: None,
            stopped: std::cell::Cell::new(false),
            head: std::cell::RefCell::new(RawFile::default()),
        };
        parse_one(&ctx, &mut out);
        input.release(0..input.len());
        before += input.len() as u64;
    }
    out
}

struct FileCtx<'c, 'a> {
    file: u32,
    input: &'a Input,
    locator: &'c Locator<'c>,
    /// Bytes before this offset have been parsed and handed back.
    released: std::cell::Cell<usize>,
    /// The callback, bytes of earlier files, bytes of all files.
    progress: Option<(&'c ProgressFn<'c>, u64, u64)>,
    /// Where another thread started parsing the claims list's tail (see
    /// [`parse_tail`]); the parser stops when it reaches a claim there.
    split: Option<usize>,
    /// Set when the parser stopped at `split`; `head` then holds what it
    /// had parsed.
    stopped: std::cell::Cell<bool>,
    head: std::cell::RefCell<RawFile<'a>>,
}

impl FileCtx<'_, '_> {
    fn offset_of(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize).saturating_sub(self.input.bytes().as_ptr() as usize)
    }

    fn name(&self) -> &str {
        &self.input.name
    }

    fn place_at(&self, offset: usize) -> Place {
        self.locator.place(self.file, offset)
    }

    /// Called as the parser moves past `offset`: hands back the pages
    /// behind it and reports progress, once per [`WINDOW`].
    fn passed(&self, offset: usize) {
        let done = self.released.get();
        if offset < done + WINDOW {
            return;
        }
        self.input.release(done..offset);
        self.released.set(offset);
        if let Some((f, before, total)) = self.progress {
            f("reading", before + offset as u64, total);
        }
    }

    fn origin(&self, index: usize, raw: &RawValue) -> Origin {
        Origin {
            file: self.file,
            index: index as u32,
            offset: self.offset_of(raw),
        }
    }
}

fn parse_one<'a>(ctx: &FileCtx<'_, 'a>, out: &mut Parsed<'a>) {
    let bytes = ctx.input.bytes();
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        out.problems.push(Problem {
            place: Place::file(ctx.name()),
            path: None,
            id: None,
            message: "file is empty (expected a dataset object)".into(),
        });
        return;
    };
    if bytes[start] != b'{' {
        out.problems.push(Problem {
            place: ctx.place_at(start),
            path: None,
            id: None,
            message: "wrong shape: expected a dataset object ({\"schema_version\": 1, ...})".into(),
        });
        return;
    }
    let raw = match parse_split(ctx) {
        Some(raw) => raw,
        None => {
            let whole = FileCtx {
                split: None,
                stopped: std::cell::Cell::new(false),
                head: std::cell::RefCell::new(RawFile::default()),
                released: std::cell::Cell::new(ctx.released.get()),
                ..*ctx
            };
            match parse_whole(&whole) {
                Ok(raw) => raw,
                Err(problem) => {
                    out.problems.push(problem);
                    return;
                }
            }
        }
    };
    let Some(version) = check_version(ctx, raw.schema_version, &mut out.problems) else {
        return;
    };
    out.versions.push(version);
    if version < 2 && !raw.regions.is_empty() {
        out.problems.push(Problem {
            place: ctx.place_at(ctx.offset_of(raw.regions[0])),
            path: Some("regions".into()),
            id: None,
            message: "regions need schema_version 2 (run `stratlens migrate`)".into(),
        });
    }
    let (data, origins, problems) = (&mut out.data, &mut out.origins, &mut out.problems);
    take_all(
        ctx,
        "sources",
        &raw.sources,
        &mut data.sources,
        &mut origins.sources,
        problems,
    );
    take_all(
        ctx,
        "countries",
        &raw.countries,
        &mut data.countries,
        &mut origins.countries,
        problems,
    );
    take_all(
        ctx,
        "regions",
        &raw.regions,
        &mut data.regions,
        &mut origins.regions,
        problems,
    );
    take_all(
        ctx,
        "actors",
        &raw.actors,
        &mut data.actors,
        &mut origins.actors,
        problems,
    );
    take_all(
        ctx,
        "themes",
        &raw.themes,
        &mut data.themes,
        &mut origins.themes,
        problems,
    );
    out.claims
        .extend(raw.claims.iter().enumerate().map(|(index, &raw)| RawClaim {
            file: ctx.file,
            index: index as u32,
            raw,
        }));
}

/// Parses the file in one pass on this thread.
#[allow(clippy::result_large_err)]
fn parse_whole<'a>(ctx: &FileCtx<'_, 'a>) -> Result<RawFile<'a>, Problem> {
    let mut de = serde_json::Deserializer::from_slice(ctx.input.bytes());
    let mut track = serde_path_to_error::Track::new();
    let seed = FileSeed { ctx };
    match seed.deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track)) {
        Ok(()) => {}
        Err(e) if ctx.stopped.get() => {
            return Err(json_problem(ctx.name(), None, &e));
        }
        Err(e) => {
            let path = track.path().to_string();
            let path = (path != ".").then_some(path);
            return Err(json_problem(ctx.name(), path, &e));
        }
    }
    de.end().map_err(|e| json_problem(ctx.name(), None, &e))?;
    Ok(ctx.head.take())
}

/// Parsing a large file's claims on two threads: a guess at where a claim
/// starts past the middle of the file, a second thread parsing the claims
/// list from there to the end of the file, and this thread parsing from the
/// top until it reaches that claim. The guess holds only if this thread
/// does reach a claim that starts exactly there and the other thread finds
/// the list, and with it the file, well formed to its end (claims listed
/// last). `None` whenever anything else happens: the caller then parses
/// the file in one pass, which also finds and places every syntax error.
fn parse_split<'a>(ctx: &FileCtx<'_, 'a>) -> Option<RawFile<'a>> {
    let bytes = ctx.input.bytes();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if (bytes.len() as u64) < ctx.input.split_min_bytes.max(1) || cores < 2 {
        return None;
    }
    let at = guess_claim_start(bytes, bytes.len() / 2)?;
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let input = ctx.input;
    std::thread::scope(|s| {
        let tail = s.spawn(|| parse_tail(input, at, &cancel));
        let head = FileCtx {
            split: Some(at),
            stopped: std::cell::Cell::new(false),
            head: std::cell::RefCell::new(RawFile::default()),
            released: std::cell::Cell::new(ctx.released.get()),
            ..*ctx
        };
        let parsed = parse_whole(&head);
        if !head.stopped.get() {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = tail.join();
            // No claim started at the guess: this thread parsed it all.
            return parsed.ok();
        }
        let mut raw = head.head.take();
        raw.claims.extend(tail.join().ok()??);
        Some(raw)
    })
}

/// The first `{` after `from` that follows a comma: where a list element
/// may start. Only a guess: it may lie inside a string or a nested list.
fn guess_claim_start(bytes: &[u8], from: usize) -> Option<usize> {
    let window = &bytes[from..bytes.len().min(from + (1 << 20))];
    let mut after_comma = false;
    for (i, &b) in window.iter().enumerate() {
        match b {
            b',' => after_comma = true,
            b'{' if after_comma => return Some(from + i),
            b' ' | b'\n' | b'\r' | b'\t' => {}
            _ => after_comma = false,
        }
    }
    None
}

/// The list elements from `at` to the list's end, if the list is then
/// closed and so is the file: `]`, `}` and nothing but white space.
fn parse_tail<'a>(
    input: &'a Input,
    at: usize,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<Vec<&'a RawValue>> {
    let bytes = input.bytes();
    let skip_ws = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let (mut out, mut pos, mut released) = (Vec::new(), at, at);
    loop {
        if out.len() % 4096 == 0 && cancel.load(std::sync::atomic::Ordering::Relaxed) {
            return None;
        }
        let mut de = serde_json::Deserializer::from_slice(&bytes[pos..]);
        let raw = <&RawValue>::deserialize(&mut de).ok()?;
        if !raw.get().starts_with('{') {
            return None;
        }
        out.push(raw);
        let start = raw.get().as_ptr() as usize - bytes.as_ptr() as usize;
        pos = skip_ws(start + raw.get().len());
        if pos >= released + WINDOW {
            input.release(released..pos);
            released = pos;
        }
        match bytes.get(pos) {
            Some(b',') => pos = skip_ws(pos + 1),
            Some(b']') => break,
            _ => return None,
        }
    }
    let end = skip_ws(pos + 1);
    (bytes.get(end) == Some(&b'}') && skip_ws(end + 1) == bytes.len()).then_some(out)
}

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// The top-level object, read by hand so that each list can hand back the
/// pages it has parsed as it goes.
struct FileSeed<'x, 'c, 'a> {
    ctx: &'x FileCtx<'c, 'a>,
}

impl<'a> DeserializeSeed<'a> for FileSeed<'_, '_, 'a> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'a>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'a> Visitor<'a> for FileSeed<'_, '_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a dataset object")
    }

    /// Fills `ctx.head` list by list, so that what was parsed survives the
    /// stop at a split (see [`parse_split`]).
    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<(), M::Error> {
        let mut seen = [false; FIELDS.len()];
        while let Some(key) = map.next_key::<String>()? {
            let Some(k) = FIELDS.iter().position(|f| *f == key) else {
                return Err(de::Error::unknown_field(&key, FIELDS));
            };
            if std::mem::replace(&mut seen[k], true) {
                return Err(de::Error::duplicate_field(FIELDS[k]));
            }
            let list = ListSeed {
                ctx: self.ctx,
                claims: k == 5,
            };
            if k == 0 {
                self.ctx.head.borrow_mut().schema_version = Some(map.next_value()?);
                continue;
            }
            let value = map.next_value_seed(list)?;
            let mut head = self.ctx.head.borrow_mut();
            *match k {
                1 => &mut head.sources,
                2 => &mut head.countries,
                3 => &mut head.actors,
                4 => &mut head.themes,
                5 => &mut head.claims,
                _ => &mut head.regions,
            } = value;
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
struct ListSeed<'x, 'c, 'a> {
    ctx: &'x FileCtx<'c, 'a>,
    /// The claims list, which may stop at the split.
    claims: bool,
}

impl<'a> DeserializeSeed<'a> for ListSeed<'_, '_, 'a> {
    type Value = Vec<&'a RawValue>;

    fn deserialize<D: de::Deserializer<'a>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'a> Visitor<'a> for ListSeed<'_, '_, 'a> {
    type Value = Vec<&'a RawValue>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<S: SeqAccess<'a>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut out = Vec::new();
        while let Some(raw) = seq.next_element::<&'a RawValue>()? {
            let start = self.ctx.offset_of(raw);
            if self.claims && Some(start) == self.ctx.split {
                // The other thread has the claims from here on.
                self.ctx.stopped.set(true);
                self.ctx.head.borrow_mut().claims = out;
                return Err(de::Error::custom("stopped at the split"));
            }
            self.ctx.passed(start + raw.get().len());
            out.push(raw);
        }
        Ok(out)
    }
}

/// The file's schema version, if this stratlens reads it.
fn check_version(
    ctx: &FileCtx,
    raw: Option<&RawValue>,
    problems: &mut Vec<Problem>,
) -> Option<u32> {
    let readable = format!("{OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}");
    let Some(raw) = raw else {
        problems.push(Problem {
            place: Place::file(ctx.name()),
            path: Some("schema_version".into()),
            id: None,
            message: format!("missing; this stratlens reads schema_version {readable}"),
        });
        return None;
    };
    let version: Option<u32> = serde_json::from_str(raw.get()).ok();
    if let Some(v) = version.filter(|v| (OLDEST_SCHEMA_VERSION..=SCHEMA_VERSION).contains(v)) {
        return Some(v);
    }
    problems.push(Problem {
        place: ctx.place_at(ctx.offset_of(raw)),
        path: Some("schema_version".into()),
        id: None,
        message: format!(
            "unsupported schema_version {}; this stratlens reads {readable}",
            crate::sanitize::inline(raw.get())
        ),
    });
    None
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
        match parse_raw::<T>(raw) {
            Ok(value) => {
                out.push(value);
                origins.push(ctx.origin(index, raw));
            }
            Err(e) => problems.push(raw_problem(
                ctx.locator,
                &ctx.origin(index, raw),
                list,
                raw,
                e,
            )),
        }
    }
}

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

    fn load_err(text: &str) -> LoadError {
        crate::model::load_inputs(vec![Input::new("t.json", text.to_string())]).unwrap_err()
    }

    /// A file whose claims list `parse_split` can cut: `n` claims, one per
    /// line, each `{"id": "cK", "s": TEXT}`.
    fn claims_file(n: usize, text: &str, after: &str) -> Input {
        let claims: Vec<String> = (0..n)
            .map(|k| format!("{{\"id\": \"c{k}\", \"s\": {text}}}"))
            .collect();
        let json = format!(
            "{{\"schema_version\": 1, \"claims\": [\n{}\n]{after}}}\n",
            claims.join(",\n")
        );
        Input {
            split_min_bytes: 0,
            ..Input::new("split.json", json)
        }
    }

    fn ctx_for<'c, 'a>(input: &'a Input, locator: &'c Locator<'c>) -> FileCtx<'c, 'a> {
        FileCtx {
            file: 0,
            input,
            locator,
            released: std::cell::Cell::new(0),
            progress: None,
            split: None,
            stopped: std::cell::Cell::new(false),
            head: std::cell::RefCell::new(RawFile::default()),
        }
    }

    fn claim_texts(raw: &RawFile) -> Vec<String> {
        raw.claims.iter().map(|r| r.get().to_string()).collect()
    }

    #[test]
    fn split_parse_gives_the_claims_of_a_whole_parse() {
        // Braces and commas inside strings must not fool the guess.
        for text in ["\"plain\"", "\"a ,{ b\"", "[{\"x\": 1}, {\"y\": 2}]"] {
            let inputs = [claims_file(1000, text, "")];
            let locator = Locator::new(&inputs);
            let whole = parse_whole(&ctx_for(&inputs[0], &locator)).unwrap();
            let split = parse_split(&ctx_for(&inputs[0], &locator)).expect("split");
            assert_eq!(claim_texts(&split), claim_texts(&whole), "{text}");
            assert_eq!(split.claims.len(), 1000);
        }
    }

    #[test]
    fn split_parse_gives_up_unless_claims_close_the_file() {
        let inputs = [
            claims_file(1000, "1", ", \"themes\": []"),
            claims_file(1000, "1", "]"),
        ];
        let locator = Locator::new(&inputs);
        for input in &inputs {
            assert!(parse_split(&ctx_for(input, &locator)).is_none());
        }
        // The whole parse still reads the first file, and places the error
        // of the second.
        assert_eq!(
            parse_whole(&ctx_for(&inputs[0], &locator))
                .unwrap()
                .claims
                .len(),
            1000
        );
        let err = load_err_of(claims_file(1000, "1", "]"));
        assert!(
            err.problems[0].message.starts_with("JSON syntax error"),
            "{err}"
        );
    }

    fn load_err_of(input: Input) -> LoadError {
        crate::model::load_inputs(vec![input]).unwrap_err()
    }

    #[test]
    fn locator_finds_line_and_character_column() {
        let inputs = [Input::new("x.json", "ab\n“c”d\n".to_string())];
        let loc = Locator::new(&inputs);
        assert_eq!(loc.line_col(0, 0), (1, 1));
        assert_eq!(loc.line_col(0, 3), (2, 1));
        assert_eq!(loc.line_col(0, 3 + "“c”".len()), (2, 4));
        assert_eq!(loc.place(0, 100), Place::at("x.json", 3, 1));
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n“c”d", 0), (1, 1));
        assert_eq!(line_col("ab\n“c”d", 3), (2, 1));
        assert_eq!(line_col("ab\n“c”d", 3 + "“c”".len()), (2, 4));
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
