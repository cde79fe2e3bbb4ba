//! Atomic file writes: a reader (or a crash) never sees half a file, and an
//! existing file is never replaced unless the caller says so.

use std::io::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} exists; choose another name or confirm overwriting it")]
    Exists(String),
    #[error("{0} is a dataset file of this session; stratlens never writes dataset files")]
    DatasetFile(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename. `protected` lists files that must never be written (the
/// loaded dataset files).
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    overwrite: bool,
    protected: &[String],
) -> Result<(), WriteError> {
    write_atomic_with(path, overwrite, protected, |out| out.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes, as it writes it: a large
/// briefing is never held whole. If `write` fails, nothing is written
/// and the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    overwrite: bool,
    protected: &[String],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    if is_protected(path, protected) {
        return Err(WriteError::DatasetFile(shown));
    }
    if !overwrite && path.exists() {
        return Err(WriteError::Exists(shown));
    }
    let io = |source| WriteError::Io {
        path: shown.clone(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".stratlens-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io)?;
    let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
    write(&mut buffered).map_err(io)?;
    buffered.flush().map_err(io)?;
    drop(buffered);
    // The temporary file is private (0600); the file written is not.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(mode_for(path, overwrite));
        tmp.as_file().set_permissions(mode).map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    if overwrite {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        // persist_noclobber fails if the file appeared in the meantime.
        tmp.persist_noclobber(path).map_err(|e| io(e.error))?;
    }
    Ok(())
}

/// The mode a new file gets from `open(2)` with 0666, as any file a user
/// writes (`0644` under umask 022); a file replaced keeps the mode it has.
#[cfg(unix)]
fn mode_for(path: &Path, overwrite: bool) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    if overwrite
        && let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
    {
        return meta.permissions().mode() & 0o7777;
    }
    0o666 & !umask()
}

/// The process's umask. Linux shows it in /proc/self/status, which reads it
/// without changing it; elsewhere umask(2) reads it only by setting it, so
/// it is set to the strictest mask for that instant (a file another thread
/// creates meanwhile is made more private, never less) and set back.
#[cfg(unix)]
fn umask() -> u32 {
    let shown = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        });
    shown.unwrap_or_else(|| {
        // SAFETY: umask(2) cannot fail and touches no memory.
        let old = unsafe { libc::umask(0o077) };
        // SAFETY: as above; this restores the mask read.
        unsafe { libc::umask(old) };
        #[allow(clippy::useless_conversion)] // mode_t is u16 on some systems
        u32::from(old)
    }) & 0o777
}

fn is_protected(path: &Path, protected: &[String]) -> bool {
    let Ok(target) = path.canonicalize() else {
        return false;
    };
    protected
        .iter()
        .filter_map(|p| Path::new(p).canonicalize().ok())
        .any(|p| p == target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_atomic(&path, b"one", false, &[]).unwrap();
        let err = write_atomic(&path, b"two", false, &[]).unwrap_err();
        assert!(matches!(err, WriteError::Exists(_)));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"two", true, &[]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary files left behind");
    }

    #[test]
    fn a_write_that_fails_halfway_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        let err = write_atomic_with(&path, false, &[], |out| {
            out.write_all(b"[ half")?;
            Err(std::io::Error::other("the export failed"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("the export failed"), "{err}");
        assert!(!path.exists(), "no half file");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 0, "no temporary files left behind");
        write_atomic_with(&path, false, &[], |out| out.write_all(b"[]")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"[]");
    }

    #[test]
    fn never_writes_a_dataset_file() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data.json");
        std::fs::write(&data, "{}").unwrap();
        let protected = vec![data.display().to_string()];
        let err = write_atomic(&data, b"x", true, &protected).unwrap_err();
        assert!(matches!(err, WriteError::DatasetFile(_)));
        assert_eq!(std::fs::read(&data).unwrap(), b"{}");
    }

    #[test]
    fn missing_directory_is_an_error_not_a_panic() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.md"), b"x", false, &[]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot write /nonexistent-dir/x.md"),
            "{err}"
        );
    }
}
