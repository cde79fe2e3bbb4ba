//! The dataset cache: a dataset opened before opens from a file under
//! `$XDG_CACHE_HOME/stratlens/` (default `~/.cache/stratlens/`) instead of
//! being parsed, validated and indexed again.
//!
//! - **Keyed by content.** An entry holds the input files' paths, sizes,
//!   modification times, inodes and devices (the cheap check), and the fingerprint the loader computes (XXH3-128 of their
//!   bytes). A warm open checks the cheap key, then hashes the files again
//!   on a thread of its own while the store is rebuilt from the cache on
//!   this one, and uses the cache only if both agree: an edit that keeps
//!   size and times is still caught. Hashing costs ~0.1 s of one core per
//!   767 MB; trusting the times alone would be faster but not safe.
//! - **Checked, never trusted.** Every section has a checksum and every
//!   index read from it is checked against what it indexes (see
//!   [`dataset`]); a truncated, corrupt, foreign-version or stale file is
//!   ignored and rewritten, never a crash and never a wrong answer.
//! - **Mapped.** The search index's arrays (most of the file) are used in
//!   place from the map; the store is rebuilt from flat records.
//! - **Written behind.** After a cold load the entry is written by
//!   [`save_pending`], which the explorer calls from the thread that builds
//!   the index behind its first frame and the one-shot commands call after
//!   their answer is out; to a temporary file renamed into place, and the
//!   directory is pruned to [`KEEP`] entries and [`MAX_BYTES`].
//! - The embedded dataset is not cached: it loads in about a millisecond.

pub mod dataset;
pub mod format;
pub mod key;
mod pages;

pub use pages::{CLAIMS_PER_RELEASE, ROWS_PER_RELEASE, handing_back, release_mapped};

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use crate::slab::Slab;

use crate::model::{self, LoadError, LoadOptions, Progress, Store};
use crate::search::SearchIndex;
use format::{Reader, Refused};
use key::{FileKey, Key};

/// Entries kept (the newest by modification time).
pub const KEEP: usize = 8;
/// Bytes all entries may take together.
pub const MAX_BYTES: u64 = 8 << 30;
/// The cache only maps `usize` arrays of 64-bit little-endian machines.
const SUPPORTED: bool = cfg!(all(target_pointer_width = "64", target_endian = "little"));

/// The cache directory: `$XDG_CACHE_HOME/stratlens`, else
/// `~/.cache/stratlens`; `None` when neither is set.
pub fn dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("stratlens"))
}

/// What happened to the cache on the last load, for `STRATLENS_CACHE_DEBUG`
/// and the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not used: the embedded dataset, `--no-cache`, or no directory.
    Off,
    /// Loaded from the cache.
    Hit,
    /// Loaded from the files; why the cache was not used.
    Miss(String),
}

/// A cold load's entry, written once the index exists.
struct PendingWrite {
    entry: PathBuf,
    key: Key,
}

/// A warm load's index, checked and built when first asked for.
struct PendingIndex {
    reader: Reader,
    meta: dataset::IndexMeta,
}

#[derive(Default)]
struct Slot {
    /// The index of the store with this fingerprint and claim count.
    index: Option<(String, usize, Arc<SearchIndex>)>,
    pending_index: Option<(String, PendingIndex)>,
    pending_write: Option<PendingWrite>,
    outcome: Option<Outcome>,
}

static SLOT: Mutex<Option<Slot>> = Mutex::new(None);

fn with_slot<R>(f: impl FnOnce(&mut Slot) -> R) -> R {
    let mut guard = SLOT.lock().unwrap_or_else(|e| e.into_inner());
    f(guard.get_or_insert_with(Slot::default))
}

/// What the last [`load`] did with the cache.
pub fn last_outcome() -> Outcome {
    with_slot(|s| s.outcome.clone()).unwrap_or(Outcome::Off)
}

/// When [`load`] began, for the times [`debug`] prints.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub(crate) fn debug(msg: &str) {
    if std::env::var_os("STRATLENS_CACHE_DEBUG").is_some() {
        let ms = STARTED
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
            * 1e3;
        let mem = std::fs::read_to_string("/proc/self/status")
            .unwrap_or_default()
            .lines()
            .filter(|l| {
                l.starts_with("VmRSS")
                    || l.starts_with("VmHWM")
                    || l.starts_with("RssAnon")
                    || l.starts_with("RssFile")
            })
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(", ");
        eprintln!("stratlens: cache: {ms:.1} ms: {msg} ({mem})");
    }
}

/// Loads `paths` as [`model::load_with_progress`] does, from the cache
/// when it holds them (`use_cache`), and notes a cache entry to write
/// otherwise (see [`save_pending`]). One function for the explorer and
/// every command.
pub fn load(
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: Progress,
    use_cache: bool,
) -> Result<Store, LoadError> {
    STARTED.get_or_init(std::time::Instant::now);
    // The embedded dataset loads in a millisecond; with it named beside
    // files, the files are read without the cache.
    let embedded = paths.iter().any(|p| model::load::names_embedded(p));
    let dir = dir().filter(|_| use_cache && SUPPORTED && !paths.is_empty() && !embedded);
    let Some(dir) = dir else {
        with_slot(|s| s.outcome = Some(Outcome::Off));
        return model::load_with_progress(paths, opts, progress);
    };
    load_in(&dir, paths, opts, progress)
}

/// [`load`] with the cache in `dir`.
pub fn load_in(
    dir: &Path,
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: Progress,
) -> Result<Store, LoadError> {
    let files = model::load::expand_paths(paths)?;
    let taken_ns = key::now_ns();
    let keys: Result<Vec<FileKey>, _> = files.iter().map(|f| key::stat(f)).collect();
    let Ok(keys) = keys else {
        // Let the loader say what is wrong with the files.
        return model::load_with_progress(paths, opts, progress);
    };
    let entry = key::entry_path(dir, &keys, opts.max_file_bytes);
    let why = match open_warm(&entry, &files, &keys, opts) {
        Ok(Ok(store)) => {
            with_slot(|s| s.outcome = Some(Outcome::Hit));
            debug(&format!("hit {}", entry.display()));
            return Ok(store);
        }
        Ok(Err(refused)) => refused.0,
        Err(load_error) => return Err(load_error),
    };
    debug(&format!("miss {}: {why}", entry.display()));
    let store = model::load_with_progress(paths, opts, progress)?;
    let key = Key {
        version: env!("CARGO_PKG_VERSION").into(),
        max_file_bytes: opts.max_file_bytes,
        files: keys,
        fingerprint: store.fingerprint.clone(),
        claims: store.claims().len() as u64,
        taken_ns,
    };
    with_slot(|s| {
        s.outcome = Some(Outcome::Miss(why));
        s.pending_write = Some(PendingWrite { entry, key });
    });
    Ok(store)
}

/// The store from the entry at `entry` if it is for these files: the
/// outer error is the files' own (they cannot be read), the inner one why
/// the cache was not used.
fn open_warm(
    entry: &Path,
    files: &[PathBuf],
    keys: &[FileKey],
    opts: &LoadOptions,
) -> Result<Result<Store, Refused>, LoadError> {
    let reader = match Reader::open(entry) {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    let key = match dataset::read_key(&reader) {
        Ok(k) => k,
        Err(e) => return Ok(Err(e)),
    };
    if key.version != env!("CARGO_PKG_VERSION") {
        return Ok(format::refuse("written by another stratlens version"));
    }
    let same_files =
        key.files.len() == keys.len() && key.files.iter().zip(keys).all(|(a, b)| a.same_file(b));
    if !same_files || key.max_file_bytes != opts.max_file_bytes {
        return Ok(format::refuse("the files changed (size, time or inode)"));
    }
    let (fingerprint, rebuilt) = if key.trusts(keys) {
        debug("files unchanged since the entry was made: not hashed");
        (
            Ok(Ok(key.fingerprint.clone())),
            dataset::read_store(&reader, &key),
        )
    } else {
        // Hash the files on another thread while the store is read here.
        std::thread::scope(|s| {
            let hashing = s.spawn(|| {
                let f = key::fingerprint(files, opts);
                debug("files hashed");
                f
            });
            let rebuilt = dataset::read_store(&reader, &key);
            debug("store rebuilt");
            (hashing.join(), rebuilt)
        })
    };
    let fingerprint = match fingerprint {
        Ok(f) => f?,
        Err(_) => return Ok(format::refuse("hashing the files failed")),
    };
    if fingerprint != key.fingerprint {
        return Ok(format::refuse("the files' content changed"));
    }
    let (store, meta) = match rebuilt {
        Ok(x) => x,
        Err(e) => return Ok(Err(e)),
    };
    pages::remember(&reader);
    with_slot(|s| {
        s.pending_index = Some((store.fingerprint.clone(), PendingIndex { reader, meta }));
    });
    Ok(Ok(store))
}

/// The search index for `store`: from the cache it was loaded from when
/// that index passes its checks, else the one built before for the same
/// dataset, else built now.
pub fn index_for(store: &Store) -> Arc<SearchIndex> {
    let n = store.claims().len();
    let fp = store.fingerprint.as_str();
    let mut guard = SLOT.lock().unwrap_or_else(|e| e.into_inner());
    let slot = guard.get_or_insert_with(Slot::default);
    if let Some((f, c, index)) = &slot.index
        && f == fp
        && *c == n
    {
        return Arc::clone(index);
    }
    let mut found = None;
    if let Some((f, _)) = &slot.pending_index
        && f == fp
        && let Some((_, pending)) = slot.pending_index.take()
    {
        match dataset::read_index(&pending.reader, pending.meta, store) {
            Ok(index) => {
                debug("index checked");
                found = Some(index);
            }
            Err(e) => {
                debug(&format!("index refused: {e}"));
                // Rewrite the entry once this index is built.
                slot.pending_write = None;
            }
        }
    }
    let index = Arc::new(found.unwrap_or_else(|| SearchIndex::new(store)));
    slot.index = Some((fp.to_string(), n, Arc::clone(&index)));
    index
}

/// Writes the entry a cold load of `store` noted, if any: builds the index
/// if no search did, writes a temporary file and renames it into place,
/// then prunes the directory. Errors are only reported with
/// `STRATLENS_CACHE_DEBUG` set: the cache is an optimisation.
pub fn save_pending(store: &Store) {
    let pending = with_slot(|s| {
        s.pending_write
            .take_if(|p| p.key.fingerprint == store.fingerprint)
    });
    let Some(PendingWrite { entry, key }) = pending else {
        return;
    };
    let index = index_for(store);
    match write_entry(&entry, &key, store, &index) {
        Ok(()) => debug(&format!("wrote {}", entry.display())),
        Err(e) => debug(&format!("cannot write {}: {e}", entry.display())),
    }
}

fn write_entry(entry: &Path, key: &Key, store: &Store, index: &SearchIndex) -> std::io::Result<()> {
    let dir = entry.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .suffix(".slc")
        .tempfile_in(dir)?;
    dataset::write(tmp.as_file().try_clone()?, key, store, index)?;
    tmp.persist(entry).map_err(|e| e.error)?;
    prune(dir, entry);
    Ok(())
}

/// Keeps the newest [`KEEP`] entries within [`MAX_BYTES`] (and always
/// `keep`); removes temporary files an interrupted write left an hour ago.
pub fn prune(dir: &Path, keep: &Path) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut entries = Vec::new();
    for e in list.flatten() {
        let path = e.path();
        let Ok(meta) = e.metadata() else { continue };
        let name = e.file_name().to_string_lossy().into_owned();
        let modified = meta.modified().unwrap_or(now);
        if name.starts_with(".tmp-") && name.ends_with(".slc") {
            if now
                .duration_since(modified)
                .is_ok_and(|d| d.as_secs() > 3600)
            {
                let _ = std::fs::remove_file(&path);
            }
        } else if name.ends_with(".slc") && meta.is_file() {
            entries.push((path != keep, std::cmp::Reverse(modified), meta.len(), path));
        }
    }
    entries.sort();
    let mut total = 0u64;
    for (i, (_, _, len, path)) in entries.iter().enumerate() {
        total += len;
        if i > 0 && (i >= KEEP || total > MAX_BYTES) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// One entry, for `stratlens cache info`.
pub struct EntryInfo {
    pub path: PathBuf,
    pub bytes: u64,
    pub key: Result<Key, String>,
}

pub fn entries(dir: &Path) -> Vec<EntryInfo> {
    let mut out: Vec<EntryInfo> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".slc"))
        .map(|e| EntryInfo {
            bytes: e.metadata().map_or(0, |m| m.len()),
            key: dataset::describe(&e.path()).map_err(|r| r.0),
            path: e.path(),
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Removes every entry (and temporary file); returns how many and their bytes.
pub fn clear(dir: &Path) -> std::io::Result<(usize, u64)> {
    let mut n = (0, 0);
    let list = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(n),
        Err(e) => return Err(e),
    };
    for e in list.flatten() {
        if e.file_name().to_string_lossy().ends_with(".slc") {
            let bytes = e.metadata().map_or(0, |m| m.len());
            std::fs::remove_file(e.path())?;
            n = (n.0 + 1, n.1 + bytes);
        }
    }
    Ok(n)
}

/// [`save_pending`] for a one-shot command whose answer is printed: stdout
/// is flushed and closed first (pointed at /dev/null), so that a pipe or
/// `$(...)` reading it has the whole answer before the entry is written.
pub fn save_pending_after_output(store: &Store) {
    use std::io::Write;
    let pending = with_slot(|s| {
        s.pending_write
            .as_ref()
            .is_some_and(|p| p.key.fingerprint == store.fingerprint)
    });
    if !pending {
        return;
    }
    let _ = std::io::stdout().flush();
    #[cfg(unix)]
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        use std::os::fd::AsRawFd;
        // SAFETY: dup2 on two open descriptors; stdout was flushed above and
        // nothing is written to it after this.
        unsafe {
            libc::dup2(null.as_raw_fd(), libc::STDOUT_FILENO);
        }
    }
    save_pending(store);
}

/// Reads `bytes` as a cache file as a warm open would (without the files'
/// check), and uses what it gives: for the fuzz target and the tests.
/// Returns the number of claims, or why the file was refused; none may
/// panic.
pub fn read_bytes(bytes: &[u8]) -> Result<usize, String> {
    if bytes.is_empty() {
        return Err("empty".into());
    }
    let mut anon = memmap2::MmapMut::map_anon(bytes.len()).map_err(|e| e.to_string())?;
    anon.copy_from_slice(bytes);
    let map = anon.make_read_only().map_err(|e| e.to_string())?;
    let reader = Reader::from_memory(Arc::new(map)).map_err(|e| e.0)?;
    let key = dataset::read_key(&reader).map_err(|e| e.0)?;
    let (store, meta) = dataset::read_store(&reader, &key).map_err(|e| e.0)?;
    let index = dataset::read_index(&reader, meta, &store).map_err(|e| e.0)?;
    let all: Vec<usize> = (0..store.claims().len()).collect();
    for q in ["s", "security", "kosovo serbia", "c1"] {
        let _ = index.search(&store, q, &all);
    }
    for i in 0..store.claims().len().min(50) {
        let _ = store.claim(i);
        let _ = store.evidence(i);
        let _ = crate::export::citation(&store, i);
    }
    Ok(store.claims().len())
}

/// A cache file's bytes for `store` (indexed now), e.g. to seed the fuzz
/// corpus.
pub fn bytes_for(store: &Store) -> std::io::Result<Vec<u8>> {
    let key = Key {
        version: env!("CARGO_PKG_VERSION").into(),
        max_file_bytes: 0,
        files: Vec::new(),
        fingerprint: store.fingerprint.clone(),
        claims: store.claims().len() as u64,
        taken_ns: 0,
    };
    let index = SearchIndex::new(store);
    let mut file = tempfile::tempfile()?;
    dataset::write(file.try_clone()?, &key, store, &index)?;
    use std::io::{Read, Seek};
    file.seek(std::io::SeekFrom::Start(0))?;
    let mut out = Vec::new();
    file.read_to_end(&mut out)?;
    Ok(out)
}
