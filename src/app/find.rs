//! Where the search words occur in a claim's source text, for `n` / `N` and
//! for highlighting. Fuzzy matching suits ranking claims, but jumping
//! through a long text needs literal occurrences, so this is a substring
//! search over text folded as the search index folds it (case, quote
//! marks, dashes, ligatures: [`crate::search::fold`]).

use crate::search::fold::{find_folded, fold};

/// Byte ranges of every occurrence of any word of `query` in `text`,
/// sorted by position, overlaps merged.
pub fn occurrences(text: &str, query: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut needle = String::new();
    let plain = |s: &str| s.is_ascii() && !s.contains('`');
    if plain(text) && plain(query) {
        // ASCII lower-casing keeps byte offsets valid for `text`.
        let hay = text.to_ascii_lowercase();
        for word in query.split_whitespace() {
            fold(word, &mut needle);
            out.extend(hay.match_indices(&needle).map(|(i, m)| (i, i + m.len())));
        }
    } else {
        for word in query.split_whitespace() {
            fold(word, &mut needle);
            out.extend(find_folded(text, &needle));
        }
    }
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (a, b) in out {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Byte ranges of `cue` within `text[start..end]`, as offsets into `text`.
pub fn within(text: &str, start: usize, end: usize, cue: &str) -> Vec<(usize, usize)> {
    let Some(part) = text.get(start..end) else {
        return Vec::new();
    };
    occurrences(part, cue)
        .into_iter()
        .map(|(a, b)| (start + a, start + b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_case_insensitively_and_merges() {
        let text = "NATO and nato’s Nation";
        assert_eq!(occurrences(text, "nato"), vec![(0, 4), (9, 13)]);
        assert_eq!(
            occurrences(text, "nat nato"),
            vec![(0, 4), (9, 13), (18, 21)]
        );
        assert!(occurrences(text, "").is_empty());
        assert_eq!(within(text, 5, text.len(), "nato"), vec![(9, 13)]);
    }

    /// `n`/`N` fold as search does: typed apostrophes and hyphens find the
    /// text's typography, "fi" its ligature, and the ranges are the text's
    /// own bytes (issue #16, item 1).
    #[test]
    fn finds_typography_and_ligatures_as_search_does() {
        let text = "NATO’s ﬁnal Kosovo–Serbia deal";
        let found = |q: &str| -> Vec<&str> {
            occurrences(text, q)
                .into_iter()
                .map(|(a, b)| &text[a..b])
                .collect()
        };
        assert_eq!(found("nato's"), vec!["NATO’s"]);
        assert_eq!(found("final"), vec!["ﬁnal"]);
        assert_eq!(found("Kosovo-Serbia"), vec!["Kosovo–Serbia"]);
        assert_eq!(found("deal"), vec!["deal"]);
    }
}
