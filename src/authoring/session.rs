//! The dataset `stratlens annotate` edits: the file (FILE) holding the
//! sources being annotated, the read-only datasets its claims may link to,
//! and the saved changes that `u` undoes and `Ctrl-R` redoes. Every change
//! is validated with the whole dataset (FILE and the read-only files) and
//! only a valid dataset is written: atomically, with the previous version
//! kept as `FILE.bak`. Nothing here draws or reads keys.

use std::path::{Path, PathBuf};

use super::catalogue::Catalogue;
use super::draft::NewEntities;
use crate::atomic_write::write_atomic;
use crate::model::load::{expand_paths, read_inputs};
use crate::model::{Claim, Dataset, Input, LoadError, LoadOptions, Place, Problem, Store};

/// A read-only dataset file.
enum Other {
    /// The embedded dataset, named on the command line as `embedded`.
    Embedded,
    File {
        name: String,
        text: String,
    },
}

/// One saved change.
#[derive(Debug, Clone)]
pub enum Change {
    /// Adds `claim`, or replaces the claim with its id; with the entities
    /// made for it.
    Put {
        claim: Box<Claim>,
        entities: NewEntities,
    },
    Delete(String),
}

/// What a change, an undo or a redo did.
#[derive(Debug, Clone)]
pub struct Saved {
    pub message: String,
    /// The link rule's warnings about the claim just saved.
    pub warnings: Vec<String>,
}

/// Why nothing was written.
#[derive(Debug, Clone)]
pub enum Refused {
    /// The dataset would not validate: its problems.
    Invalid(Vec<Problem>),
    /// Writing failed, or there is nothing to undo or redo.
    Other(String),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Refused::Invalid(p) => match p.first() {
                Some(first) if p.len() == 1 => write!(f, "not saved: {first}"),
                Some(first) => write!(f, "not saved: {first} (and {} more)", p.len() - 1),
                None => write!(f, "not saved"),
            },
            Refused::Other(m) => f.write_str(m),
        }
    }
}

/// A state of FILE and what made it.
struct Version {
    data: Dataset,
    what: String,
}

pub struct Session {
    path: PathBuf,
    name: String,
    data: Dataset,
    /// FILE's bytes as last read or written: a file changed behind our
    /// back is never overwritten.
    on_disk: String,
    others: Vec<Other>,
    store: Store,
    undo: Vec<Version>,
    redo: Vec<Version>,
}

/// `FILE.bak`, `FILE.recover`: a suffix on the whole file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn problem(name: &str, message: impl Into<String>) -> LoadError {
    LoadError {
        problems: vec![Problem {
            place: Place::file(name),
            path: None,
            id: None,
            message: message.into(),
        }],
    }
}

pub use crate::model::load::names_embedded;

impl Session {
    /// Opens FILE with the read-only `others`; the whole dataset must load.
    pub fn open(path: &Path, others: &[PathBuf], opts: &LoadOptions) -> Result<Session, LoadError> {
        let name = path.display().to_string();
        let mut inputs = read_inputs(&[path.to_path_buf()], &no_map(opts))?;
        let own = inputs.pop().map(|i| i.bytes().to_vec()).unwrap_or_default();
        let on_disk = String::from_utf8(own).map_err(|_| problem(&name, "not UTF-8"))?;
        let mut list = Vec::new();
        let mut files = Vec::new();
        for p in others {
            if names_embedded(p) {
                list.push(Other::Embedded);
            } else {
                files.push(p.clone());
            }
        }
        let files = expand_paths(&files)?;
        if let Some(same) = files.iter().find(|f| same_file(f, path)) {
            let msg = format!(
                "{} is FILE itself; --data lists the other datasets",
                same.display()
            );
            return Err(problem(&name, msg));
        }
        for input in read_inputs(&files, &no_map(opts))? {
            let text = String::from_utf8_lossy(input.bytes()).into_owned();
            list.push(Other::File {
                name: input.name,
                text,
            });
        }
        let store = validate(&name, &on_disk, &list)?;
        let data: Dataset =
            serde_json::from_str(&on_disk).map_err(|e| problem(&name, e.to_string()))?;
        if !data.sources.iter().any(|s| s.text.is_some()) {
            let hint = "holds no source with a text to annotate; make one with \
                        `stratlens new-source TEXT_FILE --id ID --title TITLE -o FILE`";
            return Err(problem(&name, hint));
        }
        Ok(Session {
            path: path.to_path_buf(),
            name,
            data,
            on_disk,
            others: list,
            store,
            undo: Vec::new(),
            redo: Vec::new(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// FILE's dataset as saved now.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The whole dataset, validated.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn catalogue(&self) -> Catalogue {
        Catalogue::build(&self.store, &self.data)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Validates FILE with `change` made and writes it.
    pub fn apply(&mut self, change: Change) -> Result<Saved, Refused> {
        let mut next = self.data.clone();
        let (what, id) = match change {
            Change::Put { claim, entities } => {
                entities.add_to(&mut next);
                let id = claim.id.clone();
                match next.claims.iter().position(|c| c.id == id) {
                    Some(i) => {
                        next.claims[i] = *claim;
                        (format!("edited {id}"), Some(id))
                    }
                    None => {
                        next.claims.push(*claim);
                        (format!("added {id}"), Some(id))
                    }
                }
            }
            Change::Delete(id) => {
                let before = next.claims.len();
                next.claims.retain(|c| c.id != id);
                if next.claims.len() == before {
                    return Err(Refused::Other(format!("no claim {id} in {}", self.name)));
                }
                (format!("deleted {id}"), None)
            }
        };
        let prev = self.commit(next)?;
        self.undo.push(Version {
            data: prev,
            what: what.clone(),
        });
        self.redo.clear();
        let warnings = id.map(|id| self.warnings_for(&id)).unwrap_or_default();
        Ok(Saved {
            message: format!("{what}; saved {}", self.name),
            warnings,
        })
    }

    /// Writes back the state before the last saved change.
    pub fn undo(&mut self) -> Result<Saved, Refused> {
        self.replay(true)
    }

    /// Writes again the change last undone.
    pub fn redo(&mut self) -> Result<Saved, Refused> {
        self.replay(false)
    }

    /// Writes the newest version of the undo stack (`back`) or the redo
    /// stack, and keeps what it replaces on the other; on failure the
    /// version goes back where it was.
    fn replay(&mut self, back: bool) -> Result<Saved, Refused> {
        let (verb, done) = if back {
            ("undo", "undid")
        } else {
            ("redo", "redid")
        };
        let from = if back { &mut self.undo } else { &mut self.redo };
        let Some(v) = from.pop() else {
            return Err(Refused::Other(format!("nothing to {verb}")));
        };
        match self.commit(v.data.clone()) {
            Ok(now) => {
                let message = format!("{done}: {}; saved {}", v.what, self.name);
                let to = if back { &mut self.redo } else { &mut self.undo };
                to.push(Version {
                    data: now,
                    what: v.what,
                });
                Ok(Saved {
                    message,
                    warnings: Vec::new(),
                })
            }
            Err(e) => {
                let from = if back { &mut self.undo } else { &mut self.redo };
                from.push(v);
                Err(e)
            }
        }
    }

    /// Validates `next` with the read-only files, then writes it: the
    /// file as it is to `FILE.bak`, then `next` to FILE, each atomically.
    /// Returns the dataset it replaces.
    fn commit(&mut self, next: Dataset) -> Result<Dataset, Refused> {
        let json = super::to_json(&next).map_err(Refused::Other)?;
        let store =
            validate(&self.name, &json, &self.others).map_err(|e| Refused::Invalid(e.problems))?;
        let now = std::fs::read_to_string(&self.path)
            .map_err(|e| Refused::Other(format!("cannot read {}: {e}", self.name)))?;
        if now != self.on_disk {
            return Err(Refused::Other(format!(
                "{} was changed by another program since it was read; nothing written \
                 (quit, and annotate it again)",
                self.name
            )));
        }
        let protected: Vec<String> = self.other_names();
        let bak = sibling(&self.path, ".bak");
        let written = write_atomic(&bak, now.as_bytes(), true, &protected)
            .and_then(|()| write_atomic(&self.path, json.as_bytes(), true, &protected));
        written.map_err(|e| Refused::Other(format!("not saved: {e}")))?;
        self.on_disk = json;
        self.store = store;
        Ok(std::mem::replace(&mut self.data, next))
    }

    fn other_names(&self) -> Vec<String> {
        (self.others.iter())
            .filter_map(|o| match o {
                Other::File { name, .. } => Some(name.clone()),
                Other::Embedded => None,
            })
            .collect()
    }

    /// The link rule's warnings about claim `id`.
    fn warnings_for(&self, id: &str) -> Vec<String> {
        let Some(ci) = self.store.index_of(crate::model::Kind::Claim, id) else {
            return Vec::new();
        };
        crate::model::links::unnamed_links_of(&self.store, ci)
            .iter()
            .map(|w| {
                format!(
                    "{} {} is not named in the quote's paragraph",
                    w.kind.as_str(),
                    w.entity
                )
            })
            .collect()
    }
}

/// Loads FILE (as `json`) with the read-only datasets: the whole dataset's
/// problems, or its store.
fn validate(name: &str, json: &str, others: &[Other]) -> Result<Store, LoadError> {
    let mut inputs = vec![Input::new(name, json.to_string())];
    for o in others {
        match o {
            Other::Embedded => inputs.extend(Input::embedded()),
            Other::File { name, text } => inputs.push(Input::new(name.clone(), text.clone())),
        }
    }
    crate::model::load_inputs(inputs)
}

/// Read whole, never mapped: FILE is rewritten while the session runs.
fn no_map(opts: &LoadOptions) -> LoadOptions {
    LoadOptions {
        map_min_bytes: u64::MAX,
        ..opts.clone()
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
