//! Problems found while loading or validating, each with where it is.

use std::fmt;

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

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(
            f,
            "the dataset was not loaded: {n} problem{}",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
