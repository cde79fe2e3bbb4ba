//! Sections of a new source, found from its heading lines: short lines
//! without closing punctuation that stand between paragraphs. The sections
//! cover the whole text, so that every later quote lies in one.

use crate::model::Section;
use crate::model::positions::CharIndex;

/// Longest heading line, in code points, and in words.
const MAX_HEADING_CHARS: usize = 80;
const MAX_HEADING_WORDS: usize = 12;

/// The sections of `text`: one from each heading to the next, the first
/// from the start of the text (called "Opening" when text stands before the
/// first heading). A text without headings is one section.
pub fn detect(text: &str) -> Vec<Section> {
    let headings = headings(text);
    let total = text.chars().count();
    let mut starts: Vec<(usize, String)> = Vec::new();
    let mut at_chars = 0;
    let mut at_byte = 0;
    for (byte, heading) in headings {
        at_chars += text[at_byte..byte].chars().count();
        at_byte = byte;
        starts.push((at_chars, heading));
    }
    match starts.first() {
        None => return whole(text),
        Some(&(first, _)) if !text[..CharIndex::new(text).byte(first)].trim().is_empty() => {
            starts.insert(0, (0, "Opening".to_string()));
        }
        Some(_) => starts[0].0 = 0,
    }
    let mut used = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (k, (start, heading)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(total, |s| s.0);
        let mut id = slug(heading);
        if id.is_empty() {
            id = format!("section-{}", k + 1);
        }
        let base = id.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        out.push(Section {
            id,
            heading: heading.clone(),
            start: *start,
            end,
        });
    }
    out
}

/// One section spanning the whole text.
pub fn whole(text: &str) -> Vec<Section> {
    vec![Section {
        id: "full-text".into(),
        heading: "Full text".into(),
        start: 0,
        end: text.chars().count(),
    }]
}

/// Byte offset of each heading's first line and its heading (consecutive
/// heading lines, such as "Chapter II" over its title, make one heading).
fn headings(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        lines.push((at, line.trim_end_matches(['\n', '\r'])));
        at += line.len();
    }
    let blank_lines = crate::model::links::has_blank_lines(text);
    let blank = |k: usize| lines[k].1.trim().is_empty();
    let heading_at = |k: usize| k < lines.len() && is_heading_line(lines[k].1.trim());
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        // Between paragraphs: after a blank line (or at the start) where
        // the text has blank lines; otherwise every line is a paragraph.
        let after_break = k == 0 || !blank_lines || blank(k - 1);
        // Something must follow: a heading heads a paragraph.
        let followed = (k + 1..lines.len()).any(|j| !blank(j));
        // In a text of wrapped paragraphs a paragraph's first line can look
        // short; a heading then stands alone or is in title case.
        let apart = !blank_lines || k + 1 >= lines.len() || blank(k + 1);
        let titled = apart || title_case(lines[k].1.trim());
        if !(heading_at(k) && after_break && followed && titled) {
            k += 1;
            continue;
        }
        let mut heading = lines[k].1.trim().to_string();
        // A heading of two lines ("Chapter II" over its title) stands
        // apart: a blank line follows it.
        let ends_block = |j: usize| j >= lines.len() || blank(j);
        if blank_lines
            && heading_at(k + 1)
            && title_case(lines[k + 1].1.trim())
            && ends_block(k + 2)
            && (k + 2..lines.len()).any(|j| !blank(j))
        {
            heading.push(' ');
            heading.push_str(lines[k + 1].1.trim());
            out.push((lines[k].0, heading));
            k += 2;
            continue;
        }
        out.push((lines[k].0, heading));
        k += 1;
    }
    out
}

/// A short line that starts with a capital letter or a digit and does not
/// end as a sentence or clause does.
fn is_heading_line(line: &str) -> bool {
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let last = line.chars().next_back().unwrap_or(' ');
    (1..=MAX_HEADING_CHARS).contains(&chars)
        && words <= MAX_HEADING_WORDS
        && (first.is_uppercase() || first.is_ascii_digit())
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | '…' | '”' | '"' | '’' | '\'' | '-' | '–' | '—'
        )
        && line.chars().any(char::is_alphabetic)
        && crate::model::positions::sentences(line).len() == 1
}

/// Words a title leaves in lower case (and a wrapped line may end on).
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "for", "to", "with", "at", "by",
    "from", "as", "into", "our", "its", "their", "via",
];

/// Whether most of a line's words (other than small ones) are capitalised,
/// and it does not end on a small word as a wrapped line does.
fn title_case(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let small = |w: &str| SMALL_WORDS.contains(&w.to_lowercase().as_str());
    if words.len() > 1 && words.last().is_some_and(|w| small(w)) {
        return false;
    }
    let big: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !small(w) && w.starts_with(char::is_alphabetic))
        .collect();
    let capitalised = big
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    2 * capitalised >= big.len()
}

/// Lower-case kebab case of the heading's letters and digits, at most 60
/// characters.
pub fn slug(heading: &str) -> String {
    let mut out = String::new();
    for c in heading.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, String, String)> {
        let chars: Vec<char> = text.chars().collect();
        detect(text)
            .into_iter()
            .map(|s| {
                let body: String = chars[s.start..s.end].iter().collect();
                (s.id, s.heading, body)
            })
            .collect()
    }

    #[test]
    fn headings_between_blank_line_paragraphs() {
        let text = "A Strategy for the Region\n\nIntroduction\nWe begin here. It is\nwrapped.\n\n\
                    Our aims are these:\n\nSecurity First\n\nWe act. Always.\n";
        let got = spans(text);
        let ids: Vec<&str> = got.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "a-strategy-for-the-region",
                "introduction",
                "security-first"
            ]
        );
        assert_eq!(got[2].2, "Security First\n\nWe act. Always.\n");
        // The sections cover the text, in order, without gaps.
        let joined: String = got.iter().map(|s| s.2.as_str()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn headings_in_a_text_of_one_paragraph_a_line() {
        let text = "By BV\nThe strategy signals a shift.\nNATO expansion loses momentum\n\
                    The alliance’s growth is slowing, it says.\nOther line, short";
        let got = spans(text);
        let heads: Vec<&str> = got.iter().map(|s| s.1.as_str()).collect();
        assert_eq!(heads, vec!["By BV", "NATO expansion loses momentum"]);
        assert_eq!(
            got[0].2.chars().count() + got[1].2.chars().count(),
            text.chars().count()
        );
    }

    #[test]
    fn text_before_the_first_heading_is_an_opening_section() {
        let text = "Some words first.\n\nPart One\nBody text.\n";
        let got = spans(text);
        assert_eq!(got[0].1, "Opening");
        assert_eq!(got[0].2, "Some words first.\n\n");
        assert_eq!(got[1].0, "part-one");
    }

    #[test]
    fn consecutive_heading_lines_make_one_heading_and_ids_are_unique() {
        let text = "Chapter II\nThe Americas\n\nText here.\n\nSummary\n\nOne.\n\nSummary\n\nTwo.\n";
        let got = spans(text);
        let heads: Vec<(&str, &str)> = got.iter().map(|s| (s.0.as_str(), s.1.as_str())).collect();
        assert_eq!(
            heads,
            vec![
                ("chapter-ii-the-americas", "Chapter II The Americas"),
                ("summary", "Summary"),
                ("summary-2", "Summary")
            ]
        );
    }

    #[test]
    fn first_lines_of_wrapped_paragraphs_are_not_headings() {
        let text = "Preface\n\nOur national security requires the patient application of\n\
                    American will and resources.\n\nEnhancing our Security\nWe act on\nit.\n\n\
                    Miyazawa established the U.S.-Japan Framework for\ntrade.\n";
        let heads: Vec<String> = detect(text).into_iter().map(|s| s.heading).collect();
        assert_eq!(heads, vec!["Preface", "Enhancing our Security"]);
        assert!(title_case("Deciding When and How to Employ"));
        assert!(!title_case("Combatting the Spread and Use of"));
    }

    #[test]
    fn no_headings_one_section() {
        let got = detect("just a sentence.\nand another one.");
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].start, got[0].end), (0, 33));
        assert_eq!(slug("U.S. – Japan: 2025!"), "u-s-japan-2025");
    }
}
