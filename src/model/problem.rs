//! Problems found while loading or validating, each with where it is.

use std::fmt;

use crate::sanitize::inline;

/// A place in an input file: the file's display name and, when known, the
/// 1-based line and column (in characters) of the element concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Place {
    pub fn file(file: impl Into<String>) -> Self {
        Place {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    pub fn at(file: impl Into<String>, line: usize, column: usize) -> Self {
        Place {
            file: file.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::sanitize::inline(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    /// JSON path such as `claims[3].quote.exact`, when known.
    pub path: Option<String>,
    /// Id of the object concerned, when known.
    pub id: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.place)?;
        if let Some(path) = &self.path {
            write!(f, ": {}", crate::sanitize::inline(path))?;
        }
        if let Some(id) = &self.id {
            write!(f, " (id {})", crate::sanitize::inline(id))?;
        }
        // Messages quote data (serde names unknown fields and variants), so
        // they pass the sanitiser like everything else bound for a terminal.
        write!(f, ": {}", crate::sanitize::inline(&self.message))
    }
}

/// Every problem found in one load; a dataset with any problem is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

/// Repeats of this many ids or more, from one file of another, take one line.
const GROUP_MIN: usize = 4;
/// Ids named on a grouped line.
const GROUP_SHOWN: usize = 5;
/// Lines shown before the rest wait behind `--all`.
const MAX_LINES: usize = 40;
/// How a duplicate id's message starts (the place of the first follows).
pub(crate) const PREFIX_DUPLICATE: &str = "duplicate id; first defined at ";

impl LoadError {
    /// `the dataset was not loaded: 8 problems`
    pub fn summary(&self) -> String {
        let n = self.problems.len();
        format!(
            "the dataset was not loaded: {n} problem{}",
            if n == 1 { "" } else { "s" }
        )
    }

    /// One line a problem with `all`; otherwise a file's repeats of another
    /// file's ids (or its own) take one line, and past [`MAX_LINES`] lines
    /// the rest are counted.
    pub fn lines(&self, all: bool) -> Vec<String> {
        if all {
            return self.problems.iter().map(ToString::to_string).collect();
        }
        let repeats = self.repeats();
        let mut lines = Vec::new();
        let mut said = vec![false; repeats.len()];
        let mut shown = 0;
        for p in &self.problems {
            let group = duplicate_of(p).and_then(|key| repeats.iter().position(|(k, _)| *k == key));
            match group {
                Some(g) if said[g] => continue,
                Some(g) => {
                    said[g] = true;
                    let (key, ids) = &repeats[g];
                    lines.push(repeats_line(*key, ids));
                    shown += ids.len();
                }
                None => {
                    lines.push(p.to_string());
                    shown += 1;
                }
            }
            if lines.len() == MAX_LINES && shown < self.problems.len() {
                let rest = self.problems.len() - shown;
                lines.push(format!(
                    "… and {rest} more problem{} (run with --all to list each)",
                    if rest == 1 { "" } else { "s" }
                ));
                break;
            }
        }
        lines
    }

    /// (file, first file) → the ids it repeats, in order; only groups of
    /// at least [`GROUP_MIN`].
    fn repeats(&self) -> Vec<((&str, &str), Vec<&str>)> {
        let mut repeats: Vec<((&str, &str), Vec<&str>)> = Vec::new();
        for p in &self.problems {
            if let Some(key) = duplicate_of(p) {
                let id = p.id.as_deref().unwrap_or("?");
                match repeats.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, ids)) => ids.push(id),
                    None => repeats.push((key, vec![id])),
                }
            }
        }
        repeats.retain(|(_, ids)| ids.len() >= GROUP_MIN);
        repeats
    }
}

/// `FILE repeats N ids of FIRST: a, b, …`: one line for a group of repeats.
fn repeats_line((file, first): (&str, &str), ids: &[&str]) -> String {
    let whose = if file == first {
        "of its own ids".to_string()
    } else {
        format!("ids of {}", inline(first))
    };
    let mut list: Vec<String> = ids
        .iter()
        .take(GROUP_SHOWN)
        .map(|id| inline(id).into_owned())
        .collect();
    if ids.len() > GROUP_SHOWN {
        list.push("…".into());
    }
    format!(
        "{} repeats {} {whose}: {} (run with --all to list each)",
        inline(file),
        ids.len(),
        list.join(", ")
    )
}

/// For a duplicate id: the file it is in and the file that first has it.
fn duplicate_of(p: &Problem) -> Option<(&str, &str)> {
    let at = p.message.strip_prefix(PREFIX_DUPLICATE)?;
    // `a.json:LINE:COLUMN`: the file name may hold colons, the numbers not.
    let mut parts = at.rsplitn(3, ':');
    let (_, _, first) = (parts.next()?, parts.next()?, parts.next()?);
    Some((p.place.file.as_str(), first))
}

/// The problems, then the summary last, where a terminal leaves it in
/// view; `{:#}` lists every problem (see [`LoadError::lines`]).
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines(f.alternate()) {
            writeln!(f, "  {line}")?;
        }
        write!(f, "{}", self.summary())
    }
}

impl std::error::Error for LoadError {}
