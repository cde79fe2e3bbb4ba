//! Where the analyst was: saved on quit (and on SIGHUP, what an SSH
//! disconnect sends), restored on the next start with the same dataset.
//!
//! Everything is stored by id, never by list position, so a changed dataset
//! cannot restore the wrong claim; ids that no longer exist are dropped with
//! a warning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_write::{WriteError, write_atomic};
use crate::filter::Facet;
use crate::model::{Kind, Store};

pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    pub version: u32,
    /// Fingerprint of the dataset this position belongs to.
    pub dataset: String,
    /// Facet tab name, e.g. `countries`.
    pub tab: String,
    /// Selected facet entry as a facet key (`country:XK`), or none for "All".
    pub facet: Option<String>,
    pub claim: Option<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub query: String,
    pub lens: String,
    pub marks: Vec<String>,
    /// Country chips take in their regions' claims.
    #[serde(default)]
    pub with_regions: bool,
    /// The analyst's notes, by claim id (sessions saved before notes
    /// existed have none).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
}

/// `$XDG_STATE_HOME/stratlens`, else `~/.local/state/stratlens`.
pub fn state_dir() -> Option<PathBuf> {
    let from_xdg = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = from_xdg
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("stratlens"))
}

pub fn path_for(dir: &Path, fingerprint: &str) -> PathBuf {
    let short: String = fingerprint.chars().take(16).collect();
    dir.join(format!("session-{short}.json"))
}

/// What a start finds.
// Made once per start: boxing the session would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restore {
    /// Nothing saved for this dataset.
    Fresh,
    Found(Saved),
    /// Something was there but could not be used; start fresh and say why.
    Unusable(String),
}

pub fn load(path: &Path, fingerprint: &str) -> Restore {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Restore::Fresh,
        Err(e) => {
            return Restore::Unusable(format!("saved session not read ({}): {e}", path.display()));
        }
    };
    match serde_json::from_str::<Saved>(&text) {
        Ok(s) if s.version != VERSION => Restore::Unusable(format!(
            "saved session ignored: version {} is not {VERSION}",
            s.version
        )),
        Ok(s) if s.dataset != fingerprint => Restore::Fresh,
        Ok(s) => Restore::Found(s),
        Err(e) => Restore::Unusable(format!(
            "saved session ignored, it is corrupt ({}): {e}",
            path.display()
        )),
    }
}

pub fn save(path: &Path, saved: &Saved) -> Result<(), WriteError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| WriteError::Io {
            path: dir.display().to_string(),
            source,
        })?;
    }
    let text = serde_json::to_string_pretty(saved).unwrap_or_default();
    write_atomic(path, text.as_bytes(), true, &[])
}

/// Drops ids and keys the dataset no longer has; returns one warning for
/// what was dropped, if anything.
pub fn prune(store: &Store, saved: &mut Saved) -> Option<String> {
    let mut dropped: Vec<String> = Vec::new();
    let mut keep_key = |k: &String| {
        let ok = Facet::parse(store, k).is_some();
        if !ok {
            dropped.push(k.clone());
        }
        ok
    };
    saved.include.retain(&mut keep_key);
    saved.exclude.retain(&mut keep_key);
    if saved.facet.as_ref().is_some_and(|k| !keep_key(k)) {
        saved.facet = None;
    }
    let mut keep_claim = |id: &String| {
        let ok = store.index_of(Kind::Claim, id).is_some();
        if !ok {
            dropped.push(format!("claim:{id}"));
        }
        ok
    };
    saved.marks.retain(&mut keep_claim);
    saved.notes.retain(|id, _| keep_claim(id));
    if saved.claim.as_ref().is_some_and(|id| !keep_claim(id)) {
        saved.claim = None;
    }
    (!dropped.is_empty()).then(|| {
        format!(
            "restored session; dropped what the dataset no longer has: {}",
            crate::sanitize::inline(&dropped.join(", "))
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    fn sample(fingerprint: &str) -> Saved {
        Saved {
            version: VERSION,
            dataset: fingerprint.into(),
            tab: "countries".into(),
            facet: Some("country:XK".into()),
            claim: Some("c14".into()),
            include: vec!["theme:nato-enlargement".into()],
            exclude: vec!["layer:author".into()],
            query: "nato".into(),
            lens: "primary".into(),
            marks: vec!["c1".into(), "c19".into()],
            with_regions: true,
            notes: BTreeMap::from([("c19".into(), "ask the desk".into())]),
        }
    }

    #[test]
    fn round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(dir.path(), "abcdef0123456789ffff");
        assert_eq!(load(&path, "abcdef0123456789ffff"), Restore::Fresh);
        save(&path, &sample("abcdef0123456789ffff")).unwrap();
        assert_eq!(
            load(&path, "abcdef0123456789ffff"),
            Restore::Found(sample("abcdef0123456789ffff"))
        );
        assert_eq!(load(&path, "another-dataset"), Restore::Fresh);
    }

    #[test]
    fn a_session_saved_before_notes_loads_without_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.json");
        let old = r#"{"version": 1, "dataset": "fp", "tab": "countries", "facet": null,
            "claim": "c14", "include": [], "exclude": [], "query": "", "lens": "all",
            "marks": ["c1"]}"#;
        std::fs::write(&path, old).unwrap();
        let Restore::Found(s) = load(&path, "fp") else {
            panic!("old session not loaded")
        };
        assert_eq!((s.marks, s.notes.len()), (vec!["c1".to_string()], 0));
    }

    #[test]
    fn corrupt_file_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.json");
        std::fs::write(&path, "{\"version\": 1, \"marks\": [").unwrap();
        let Restore::Unusable(msg) = load(&path, "x") else {
            panic!("corrupt file accepted")
        };
        assert!(msg.contains("corrupt"), "{msg}");
        std::fs::write(&path, "{\"version\": 99}").unwrap();
        assert!(matches!(load(&path, "x"), Restore::Unusable(_)));
    }

    #[test]
    fn unknown_ids_are_dropped_with_a_warning() {
        let store = load_embedded().unwrap();
        let mut s = sample(&store.fingerprint);
        s.marks.push("c999".into());
        s.notes.insert("c998".into(), "gone".into());
        s.include.push("country:ZZ".into());
        s.claim = Some("gone".into());
        let warning = prune(&store, &mut s).expect("a warning");
        assert!(
            warning.contains("c999")
                && warning.contains("country:ZZ")
                && warning.contains("claim:gone"),
            "{warning}"
        );
        assert_eq!(s.marks, vec!["c1", "c19"]);
        assert!(warning.contains("c998"), "{warning}");
        assert_eq!(s.notes.keys().collect::<Vec<_>>(), ["c19"]);
        assert_eq!(s.include, vec!["theme:nato-enlargement"]);
        assert_eq!(s.claim, None);
        assert_eq!(prune(&store, &mut s), None);
    }
}
