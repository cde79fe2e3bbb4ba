//! Warnings about a dataset that loads: what a reader should not trust
//! without a second look. `stratlens validate` prints them, `--strict`
//! fails on them, and the embedded dataset is tested to have none.

use super::links::{UnnamedLink, unnamed_links};
use super::store::Store;
use super::types::Verification;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A country or region the quote's paragraph does not name.
    Unnamed(UnnamedLink),
    /// A primary check that does not say what it found or where.
    Unsourced {
        claim: String,
        missing: &'static str,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Warning::Unnamed(u) => u.fmt(f),
            Warning::Unsourced { claim, missing } => {
                write!(f, "claim {claim}: the primary check gives no {missing}")
            }
        }
    }
}

/// Every warning, claim by claim.
pub fn lint(store: &Store) -> Vec<Warning> {
    let mut out: Vec<Warning> = unnamed_links(store)
        .into_iter()
        .map(Warning::Unnamed)
        .collect();
    for c in store.claims().iter() {
        let Some(p) = c.primary() else { continue };
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        let checked = p.verification != Verification::Unverified;
        // Verified: the document has the quoted words; differing: say how.
        let found = p.verification == Verification::WordingDiffers;
        let mut missing = Vec::new();
        if checked && blank(&p.reference) {
            missing.push("reference (the copy of the document checked)");
        }
        if found && blank(&p.found) {
            missing.push("found wording (the document's own words)");
        }
        out.extend(missing.into_iter().map(|m| Warning::Unsourced {
            claim: c.id().to_string(),
            missing: m,
        }));
    }
    out
}
