//! Folding text for matching: lower case, typographic quotes, apostrophes
//! and dashes made plain ([`crate::model::links::plain`]), and
//! compatibility forms made ordinary (NFKC: the ligatures OCR leaves, "ﬁ"
//! as "fi", full-width letters, superscript digits). The index, the query
//! and Detail's find-next fold alike, so "financial" finds "ﬁnancial".
//!
//! Folding is per character, so every folded character comes from one
//! character of the text and a match maps back to the text's own
//! characters (a highlight never lands beside what matched).

use unicode_normalization::UnicodeNormalization;

use crate::model::links::plain;

/// Calls `out` with the folded form of `ch` (one or more characters).
#[inline]
pub fn fold_char(ch: char, out: impl FnMut(char)) {
    fold_char_with(ch, true, out);
}

/// [`fold_char`], lower-casing only when `lower` is set: the fuzzy
/// matcher ignores case itself and scores a word's capitals.
#[inline]
fn fold_char_with(ch: char, lower: bool, mut out: impl FnMut(char)) {
    if ch.is_ascii() {
        let ch = plain(ch);
        out(if lower { ch.to_ascii_lowercase() } else { ch });
        return;
    }
    let ch = plain(ch);
    if ch.is_ascii() {
        out(ch);
        return;
    }
    for n in std::iter::once(ch).nfkc() {
        let n = plain(n);
        if lower {
            n.to_lowercase().for_each(&mut out);
        } else {
            out(n);
        }
    }
}

/// `s` folded into `out` (cleared first).
pub fn fold(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() && !s.contains('`') {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        s.chars().for_each(|ch| fold_char(ch, |c| out.push(c)));
    }
}

/// `s` folded, with the character index in `s` each folded character
/// comes from.
pub fn fold_mapped(s: &str) -> (String, Vec<usize>) {
    mapped(s, true)
}

/// [`fold_mapped`] keeping the case, for the fuzzy matcher.
pub fn fold_mapped_cased(s: &str) -> (String, Vec<usize>) {
    mapped(s, false)
}

fn mapped(s: &str, lower: bool) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, ch) in s.chars().enumerate() {
        fold_char_with(ch, lower, |c| {
            out.push(c);
            map.push(i);
        });
    }
    (out, map)
}

/// Byte ranges in `text` of every occurrence of the folded `needle`
/// (already folded with [`fold`]) in the folded `text`.
pub fn find_folded(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    // Each folded character with the byte range of the text's character
    // it comes from; `starts` indexes them by folded byte offset.
    let mut hay = String::with_capacity(text.len());
    let mut from: Vec<(usize, usize, usize)> = Vec::with_capacity(text.len());
    for (b, ch) in text.char_indices() {
        let end = b + ch.len_utf8();
        fold_char(ch, |c| {
            from.push((hay.len(), b, end));
            hay.push(c);
        });
    }
    hay.match_indices(needle)
        .filter_map(|(a, m)| {
            let first = from.partition_point(|f| f.0 < a);
            let last = from.partition_point(|f| f.0 < a + m.len()).checked_sub(1)?;
            Some((from.get(first)?.1, from.get(last)?.2))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_typography_and_compatibility_forms() {
        let mut out = String::new();
        fold("ﬁnancial ＮＡＴＯ’s Kosovo–Serbia", &mut out);
        assert_eq!(out, "financial nato's kosovo-serbia");
        fold("NATO", &mut out);
        assert_eq!(out, "nato");
        let (folded, map) = fold_mapped("aﬂb");
        assert_eq!(folded, "aflb");
        assert_eq!(map, vec![0, 1, 1, 2]);
        assert_eq!(fold_mapped_cased("ＮＡＴＯ’s").0, "NATO's");
    }

    #[test]
    fn finds_folded_occurrences_as_the_text_s_own_bytes() {
        let text = "the ﬁnancial Kosovo–Serbia deal; NATO’s role";
        let at = |needle: &str| -> Vec<&str> {
            let mut n = String::new();
            fold(needle, &mut n);
            find_folded(text, &n)
                .into_iter()
                .map(|(a, b)| &text[a..b])
                .collect()
        };
        assert_eq!(at("financial"), vec!["ﬁnancial"]);
        assert_eq!(at("kosovo-serbia"), vec!["Kosovo–Serbia"]);
        assert_eq!(at("nato's"), vec!["NATO’s"]);
        // A match starting inside a ligature takes the whole character.
        assert_eq!(at("inan"), vec!["ﬁnan"]);
        assert!(at("absent").is_empty());
    }
}
