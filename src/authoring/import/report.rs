//! What became of one row of an import: anchored, skipped or an error.

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub line: usize,
    /// The claim's id, when the row got that far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// "anchored", "skipped" or "error".
    pub status: &'static str,
    /// Code points, when anchored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// What was done, or what is wrong.
    pub message: String,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match (self.status, &self.id) {
            ("anchored", Some(id)) => write!(f, "line {}: {id} {}", self.line, self.message),
            (status, _) => write!(f, "line {}: {status}: {}", self.line, self.message),
        }
    }
}
