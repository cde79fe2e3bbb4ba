//! Where the search words occur in a claim's source text, for `n` / `N` and
//! for highlighting. Fuzzy matching suits ranking claims, but jumping
//! through a long text needs literal occurrences, so this is a plain,
//! ASCII-case-insensitive substring search.

/// Byte ranges of every occurrence of any word of `query` in `text`,
/// sorted by position, overlaps merged.
pub fn occurrences(text: &str, query: &str) -> Vec<(usize, usize)> {
    // ASCII lower-casing keeps byte offsets valid for `text`.
    let hay = text.to_ascii_lowercase();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for word in query.split_whitespace() {
        let needle = word.to_ascii_lowercase();
        out.extend(hay.match_indices(&needle).map(|(i, m)| (i, i + m.len())));
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
}
