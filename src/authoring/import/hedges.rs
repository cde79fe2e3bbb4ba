//! Hedge words in a quote, and the certainty they give a claim.

use crate::model::Certainty;

/// Hedge words: their presence makes a claim hedged, or speculative for
/// the ones in [`SPECULATIVE`].
const HEDGES: &[&str] = &[
    "is expected to",
    "are expected to",
    "may",
    "might",
    "could",
    "suggests",
    "suggest",
    "appears",
    "appear",
    "seems",
    "seem",
    "likely",
    "potentially",
    "possibly",
    "perhaps",
    "reportedly",
    "apparently",
    "probably",
];
const SPECULATIVE: &[&str] = &["might", "could", "potentially", "possibly", "perhaps"];

/// The hedge words of [`HEDGES`] in `quote`, as the quote has them, in
/// order; a word inside a longer hedge ("is expected to") is not repeated.
pub fn hedges_in(quote: &str) -> Vec<String> {
    let lower = quote.to_lowercase();
    // Lower-casing can change lengths; then find nothing rather than
    // slice wrong.
    if lower.len() != quote.len() {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize)> = Vec::new();
    for h in HEDGES {
        for (at, _) in lower.match_indices(h) {
            let end = at + h.len();
            let word_start = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let word_end = lower[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            // "May" the month: a capital is a hedge only where the quote starts.
            let cased = quote[at..end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
                || at == 0;
            let inside = found.iter().any(|&(a, b)| a <= at && end <= b);
            if word_start && word_end && cased && !inside {
                found.push((at, end));
            }
        }
    }
    found.sort();
    let mut out: Vec<String> = Vec::new();
    for (a, b) in found {
        let h = quote[a..b].to_string();
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&h)) {
            out.push(h);
        }
    }
    out
}

/// Hedged when a hedge word is there, speculative when one of them speaks
/// of mere possibility.
pub fn certainty_of(hedges: &[String]) -> Certainty {
    if hedges.is_empty() {
        Certainty::Asserted
    } else if hedges
        .iter()
        .any(|h| SPECULATIVE.contains(&h.to_lowercase().as_str()))
    {
        Certainty::Speculative
    } else {
        Certainty::Hedged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_and_certainty() {
        assert_eq!(
            hedges_in("Washington is expected to act and may well; it could."),
            vec!["is expected to", "may", "could"]
        );
        assert_eq!(
            hedges_in("In May 2025 the mayor spoke"),
            Vec::<String>::new()
        );
        assert_eq!(hedges_in("May it last"), vec!["May"]);
        assert_eq!(certainty_of(&[]), Certainty::Asserted);
        assert_eq!(certainty_of(&["suggests".into()]), Certainty::Hedged);
        assert_eq!(
            certainty_of(&["suggests".into(), "Might".into()]),
            Certainty::Speculative
        );
    }
}
