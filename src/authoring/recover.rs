//! `FILE.recover`: what `stratlens annotate` had not saved when it was
//! told to stop (SIGTERM, SIGHUP): the claim form's draft, or the
//! selection. JSON, written atomically; the next `annotate FILE` offers to
//! restore it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::draft::Draft;
use super::session::sibling;

/// The format's version, so an older stratlens can refuse a newer file.
const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recover {
    pub version: u32,
    /// The dataset file it belongs to, as it was named.
    pub file: String,
    /// The source shown, and the selection in it (code points).
    pub source: String,
    pub selection: Option<(usize, usize)>,
    /// The open form.
    pub draft: Option<Draft>,
}

impl Recover {
    pub fn new(
        file: &Path,
        source: &str,
        selection: Option<(usize, usize)>,
        draft: Option<Draft>,
    ) -> Recover {
        Recover {
            version: VERSION,
            file: file.display().to_string(),
            source: source.to_string(),
            selection,
            draft,
        }
    }

    /// What is kept, for the prompt.
    pub fn describe(&self) -> String {
        match (&self.draft, self.selection) {
            (Some(d), _) if !d.statement.trim().is_empty() => format!(
                "a claim form (statement “{}”)",
                d.statement.chars().take(40).collect::<String>()
            ),
            (Some(d), _) => format!("a claim form over code points {}..{}", d.start, d.end),
            (None, Some((a, b))) => format!("a selection of code points {a}..{b}"),
            (None, None) => "nothing".to_string(),
        }
    }
}

pub fn path_for(file: &Path) -> PathBuf {
    sibling(file, ".recover")
}

/// Where a recover file is kept when it is not restored.
pub fn old_path_for(file: &Path) -> PathBuf {
    sibling(file, ".recover.old")
}

/// Writes the recover file of `file` atomically (replacing an older one).
pub fn write(file: &Path, r: &Recover) -> Result<PathBuf, String> {
    let path = path_for(file);
    let json = serde_json::to_string_pretty(r).map_err(|e| e.to_string())? + "\n";
    crate::atomic_write::write_atomic(&path, json.as_bytes(), true, &[])
        .map_err(|e| e.to_string())?;
    Ok(path)
}

/// The recover file of `file`, if there is one; an unreadable one is an
/// error naming it (it is left where it is).
pub fn read(file: &Path) -> Result<Option<Recover>, String> {
    let path = path_for(file);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let r: Recover = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}: not a recover file stratlens can read ({e}); it was left as it is",
            path.display()
        )
    })?;
    if r.version > VERSION {
        return Err(format!(
            "{}: written by a newer stratlens (version {}); it was left as it is",
            path.display(),
            r.version
        ));
    }
    Ok(Some(r))
}

/// Moves the recover file aside to `FILE.recover.old` (replacing an older
/// one there).
pub fn set_aside(file: &Path) -> Result<PathBuf, String> {
    let old = old_path_for(file);
    std::fs::rename(path_for(file), &old)
        .map_err(|e| format!("cannot move the recover file: {e}"))?;
    Ok(old)
}

/// Removes the recover file once what it held is saved.
pub fn remove(file: &Path) -> Result<(), String> {
    match std::fs::remove_file(path_for(file)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove the recover file: {e}"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_read_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.json");
        assert!(read(&file).unwrap().is_none());
        let r = Recover::new(&file, "s", Some((3, 9)), None);
        let path = write(&file, &r).unwrap();
        assert_eq!(path, dir.path().join("notes.json.recover"));
        let back = read(&file).unwrap().unwrap();
        assert_eq!((back.source.as_str(), back.selection), ("s", Some((3, 9))));
        assert_eq!(back.describe(), "a selection of code points 3..9");
        let old = set_aside(&file).unwrap();
        assert!(old.exists() && read(&file).unwrap().is_none());
        std::fs::write(path_for(&file), "{").unwrap();
        assert!(read(&file).unwrap_err().contains("left as it is"));
        remove(&file).unwrap();
        remove(&file).unwrap();
    }
}
