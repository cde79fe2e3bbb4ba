//! What a cache entry is for: the input files as the file system describes
//! them (the cheap check), and their content (the fingerprint).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::model::{Input, LoadError, LoadOptions, load};

/// One input file as `stat` sees it. Any change of size, modification
/// time, inode or device makes the entry stale without reading the file;
/// an edit that keeps all of them is caught by the content fingerprint.
/// (The status-change time is left out on purpose: the fingerprint is
/// checked on every open anyway, and leaving it out lets the tests reach
/// that check with an edit whose times are put back.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    pub path: String,
    pub size: u64,
    pub mtime_ns: i128,
    pub inode: u64,
    pub device: u64,
}

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
}

pub fn stat(path: &Path) -> std::io::Result<FileKey> {
    let meta = std::fs::metadata(path)?;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    #[cfg(unix)]
    let (mtime_ns, inode, device) = {
        use std::os::unix::fs::MetadataExt;
        (
            i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            meta.ino(),
            meta.dev(),
        )
    };
    #[cfg(not(unix))]
    let (mtime_ns, inode, device) = {
        let ns = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        (ns(meta.modified()), 0, 0)
    };
    Ok(FileKey {
        path: abs.display().to_string(),
        size: meta.len(),
        mtime_ns,
        inode,
        device,
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
