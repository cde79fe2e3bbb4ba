//! What a cache entry is for: the input files as the file system describes
//! them (the cheap check), and their content (the fingerprint).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::model::{Input, LoadError, LoadOptions, load};

/// One input file as `stat` sees it. Any change of size, modification
/// time, inode or device makes the entry stale without reading the file.
/// The status-change time, which no program can set back, tells whether
/// the file was written since: if it was not (and was not written just
/// before the entry was made, see [`Key::trusts`]), the content is the one
/// the entry was made from and is not hashed again; if it was (an edit
/// that put size and modification time back, a `touch`), the content
/// fingerprint decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    pub path: String,
    pub size: u64,
    pub mtime_ns: i128,
    pub inode: u64,
    pub device: u64,
    /// Status-change time; 0 where the system has none.
    pub ctime_ns: i128,
}

impl FileKey {
    /// Everything but the status-change time agrees.
    pub fn same_file(&self, other: &FileKey) -> bool {
        (
            &self.path,
            self.size,
            self.mtime_ns,
            self.inode,
            self.device,
        ) == (
            &other.path,
            other.size,
            other.mtime_ns,
            other.inode,
            other.device,
        )
    }
}

/// How close to the moment its key was taken a file's status may have
/// changed and still be trusted without hashing: file systems keep
/// coarse times, so a write just after `stat` can leave them equal (git
/// calls this the racy case and does the same).
const RACY_NS: i128 = 2_000_000_000;

/// The key section of a cache file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// The crate version that wrote the file: a newer stratlens may index
    /// or validate differently, so it rebuilds.
    pub version: String,
    pub max_file_bytes: u64,
    pub files: Vec<FileKey>,
    /// [`crate::model::Store::fingerprint`]: XXH3-128 of the files' bytes.
    pub fingerprint: String,
    pub claims: u64,
    /// When the files were `stat`ed for this key (ns since the epoch).
    pub taken_ns: i128,
}

impl Key {
    /// Whether `now` (the files as they are) is the content this key was
    /// made from without hashing it: every file unchanged, status-change
    /// time included, and none changed within [`RACY_NS`] of the key.
    pub fn trusts(&self, now: &[FileKey]) -> bool {
        cfg!(unix)
            && self.files == now
            && now
                .iter()
                .all(|f| f.ctime_ns > 0 && f.ctime_ns < self.taken_ns - RACY_NS)
    }
}

/// Now, in ns since the epoch.
pub fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

pub fn stat(path: &Path) -> std::io::Result<FileKey> {
    let meta = std::fs::metadata(path)?;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    #[cfg(unix)]
    let (mtime_ns, inode, device, ctime_ns) = {
        use std::os::unix::fs::MetadataExt;
        (
            i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            meta.ino(),
            meta.dev(),
            i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
        )
    };
    #[cfg(not(unix))]
    let (mtime_ns, inode, device) = {
        let ns = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        (ns(meta.modified()), 0, 0, 0)
    };
    Ok(FileKey {
        path: abs.display().to_string(),
        size: meta.len(),
        mtime_ns,
        inode,
        device,
        ctime_ns,
    })
}

/// Where the entry for these files lives: one entry per list of paths, so
/// reopening an edited file replaces its entry instead of adding one.
pub fn entry_path(dir: &Path, files: &[FileKey], max_file_bytes: u64) -> PathBuf {
    let mut joined = String::new();
    for f in files {
        joined.push_str(&f.path);
        joined.push('\0');
    }
    joined.push_str(&max_file_bytes.to_string());
    dir.join(format!("{:016x}.slc", xxh3_64(joined.as_bytes())))
}

/// The files' fingerprint exactly as loading computes it (XXH3-128 over
/// each file's length and bytes, in order), reading them as loading does
/// (mapped when large, a slice at a time, pages handed back behind).
pub fn fingerprint(files: &[PathBuf], opts: &LoadOptions) -> Result<String, LoadError> {
    Ok(fingerprint_inputs(&load::read_inputs(files, opts)?))
}

pub fn fingerprint_inputs(inputs: &[Input]) -> String {
    const SLICE: usize = 8 << 20;
    let mut hasher = Xxh3::new();
    for input in inputs {
        let bytes = input.bytes();
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        let mut at = 0;
        while at < bytes.len() {
            let end = (at + SLICE).min(bytes.len());
            hasher.update(&bytes[at..end]);
            input.release(at..end);
            at = end;
        }
    }
    format!("{:032x}", hasher.digest128())
}
