//! Saved views: a tab, the entry selected on it, the pinned chips, the
//! search words, the attribution lens and the regions switch, kept under
//! a name in `$XDG_DATA_HOME/stratlens/views.json` (default
//! `~/.local/share/stratlens`). A view that names entities (a chip, the
//! selected entry) belongs to the dataset it was saved on, keyed by the
//! fingerprint that keys saved sessions; one that names none (search
//! words, a lens, a layer chip) serves every dataset. The file is read
//! again and written atomically on every save, so two explorers saving at
//! once lose nothing but a race, and a corrupt file is never overwritten.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_write::{WriteError, write_atomic};

pub const VERSION: u32 = 1;
const FILE: &str = "views.json";
/// Longest name a view may have, in characters.
pub const MAX_NAME: usize = 60;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    pub name: String,
    /// Fingerprint of the dataset whose entities the view names; none when
    /// it names none and serves every dataset.
    pub dataset: Option<String>,
    /// What that dataset was loaded from, for `stratlens views`.
    pub dataset_label: String,
    /// Facet tab name, e.g. `countries`.
    pub tab: String,
    /// The entry selected on the tab as a facet key (`country:XK`).
    pub facet: Option<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub query: String,
    pub lens: String,
    pub with_regions: bool,
    /// When it was saved, `2026-11-27 04:10 UTC`.
    pub saved: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct ViewFile {
    version: u32,
    views: Vec<View>,
}

#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error("no data directory for saved views: set XDG_DATA_HOME or HOME")]
    NoDir,
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a saved-views file ({msg}); fix or move it")]
    Corrupt {
        path: String,
        line: usize,
        column: usize,
        msg: String,
    },
    #[error("{path}: saved views of version {found}, this stratlens reads {VERSION}")]
    Version { path: String, found: u32 },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// `$XDG_DATA_HOME/stratlens`, else `~/.local/share/stratlens`.
pub fn data_dir() -> Option<PathBuf> {
    let from_xdg = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = from_xdg
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("stratlens"))
}

pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Every saved view in `path`; none when the file does not exist.
pub fn load(path: &Path) -> Result<Vec<View>, ViewError> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(ViewError::Read {
                path: shown,
                source,
            });
        }
    };
    let file: ViewFile = serde_json::from_str(&text).map_err(|e| ViewError::Corrupt {
        path: shown.clone(),
        line: e.line(),
        column: e.column(),
        msg: e.to_string(),
    })?;
    if file.version != VERSION {
        return Err(ViewError::Version {
            path: shown,
            found: file.version,
        });
    }
    Ok(file.views)
}

/// Writes `views` to `path` atomically, creating its directory.
pub fn save(path: &Path, views: &[View]) -> Result<(), ViewError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| {
            ViewError::Write(WriteError::Io {
                path: dir.display().to_string(),
                source,
            })
        })?;
    }
    let file = ViewFile {
        version: VERSION,
        views: views.to_vec(),
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    Ok(write_atomic(path, text.as_bytes(), true, &[])?)
}

/// Whether a facet key names an entity of a dataset (layers and
/// certainties are the same in every dataset).
fn names_entity(key: &str) -> bool {
    !(key.starts_with("layer:") || key.starts_with("certainty:"))
}

impl View {
    /// Whether the view names entities of its dataset.
    pub fn names_entities(&self) -> bool {
        self.facet
            .iter()
            .chain(&self.include)
            .chain(&self.exclude)
            .any(|k| names_entity(k))
    }

    /// Whether the dataset with this fingerprint can restore the view.
    pub fn applies_to(&self, fingerprint: &str) -> bool {
        self.dataset.as_deref().is_none_or(|d| d == fingerprint)
    }

    /// Whether two views would both answer to one name somewhere.
    fn clashes(&self, other: &View) -> bool {
        self.name == other.name
            && (self.dataset.is_none() || other.dataset.is_none() || self.dataset == other.dataset)
    }

    /// What the view holds, in a line: `countries tab · entry country:XK ·
    /// +theme:nato · search "nato" · lens primary · regions`.
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("{} tab", self.tab)];
        parts.extend(self.facet.iter().map(|f| format!("entry {f}")));
        parts.extend(self.include.iter().map(|f| format!("+{f}")));
        parts.extend(self.exclude.iter().map(|f| format!("-{f}")));
        if !self.query.is_empty() {
            parts.push(format!("search \"{}\"", self.query));
        }
        if !self.lens.is_empty() && self.lens != "all" {
            parts.push(format!("lens {}", self.lens));
        }
        if self.with_regions {
            parts.push("regions on".into());
        }
        parts.join(" · ")
    }
}

/// The view named `name` that the dataset `fingerprint` can restore: the
/// name exactly, else in any case when only one answers.
pub fn find<'a>(views: &'a [View], name: &str, fingerprint: &str) -> Option<&'a View> {
    let usable = || views.iter().filter(|v| v.applies_to(fingerprint));
    if let Some(v) = usable().find(|v| v.name == name) {
        return Some(v);
    }
    let mut folded = usable().filter(|v| v.name.to_lowercase() == name.to_lowercase());
    let first = folded.next()?;
    folded.next().is_none().then_some(first)
}

/// Whether saving `view` would replace a view.
pub fn exists(views: &[View], view: &View) -> bool {
    views.iter().any(|v| v.clashes(view))
}

/// Adds `view`, replacing any view that answers to its name where it does.
pub fn put(views: &mut Vec<View>, view: View) {
    views.retain(|v| !v.clashes(&view));
    views.push(view);
}

/// A name a view can have: some visible text, no control characters, not
/// too long. The error says what is wrong.
pub fn check_name(name: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Type a name for the view".into());
    }
    if name.chars().any(char::is_control) {
        return Err("A view's name cannot hold control characters".into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!("A view's name has at most {MAX_NAME} characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(name: &str, dataset: Option<&str>) -> View {
        View {
            name: name.into(),
            dataset: dataset.map(str::to_string),
            tab: "countries".into(),
            include: vec!["country:XK".into()],
            lens: "primary".into(),
            ..View::default()
        }
    }

    #[test]
    fn round_trips_and_refuses_a_corrupt_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(&dir.path().join("nested"));
        assert_eq!(load(&path).unwrap(), Vec::new());
        save(&path, &[view("balkans", Some("fp"))]).unwrap();
        assert_eq!(load(&path).unwrap(), vec![view("balkans", Some("fp"))]);
        std::fs::write(&path, "{\"version\": 1,\n \"views\": [").unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(
            err.contains("views.json:2:") && err.contains("fix or move"),
            "{err}"
        );
        std::fs::write(&path, "{\"version\": 7}").unwrap();
        assert!(matches!(
            load(&path),
            Err(ViewError::Version { found: 7, .. })
        ));
    }

    #[test]
    fn views_belong_to_their_dataset_unless_they_name_no_entity() {
        let mut views = vec![view("balkans", Some("a")), view("balkans", Some("b"))];
        assert_eq!(
            find(&views, "balkans", "b").unwrap().dataset.as_deref(),
            Some("b")
        );
        assert!(
            find(&views, "BALKANS", "a").is_some(),
            "any case when one answers"
        );
        assert!(find(&views, "balkans", "c").is_none());
        let global = View {
            name: "primary".into(),
            lens: "primary".into(),
            include: vec!["layer:author".into()],
            ..View::default()
        };
        assert!(!global.names_entities() && view("x", None).names_entities());
        put(&mut views, global.clone());
        assert!(find(&views, "primary", "c").is_some());
        // The same name again replaces the one that answers to it only.
        assert!(exists(&views, &view("balkans", Some("a"))));
        put(
            &mut views,
            View {
                query: "nato".into(),
                ..view("balkans", Some("a"))
            },
        );
        assert_eq!(views.len(), 3);
        assert_eq!(find(&views, "balkans", "a").unwrap().query, "nato");
        assert_eq!(find(&views, "balkans", "b").unwrap().query, "");
    }

    #[test]
    fn names_are_checked_and_described() {
        assert!(check_name("  ").is_err());
        assert!(check_name("a\u{1b}b").is_err());
        assert!(check_name(&"x".repeat(MAX_NAME + 1)).is_err());
        assert!(check_name("Balkans, NATO").is_ok());
        let d = View {
            query: "nato".into(),
            with_regions: true,
            ..view("b", None)
        }
        .describe();
        assert_eq!(
            d,
            "countries tab · +country:XK · search \"nato\" · lens primary · regions on"
        );
    }
}
