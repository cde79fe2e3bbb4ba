//! The link rule: a claim links a country or region only where its quote's
//! paragraph names it (its name or an alias), or refers back to it in words
//! the claim records. Links are evidence of what the text says, so a claim
//! about "the region" links the region, not each of its members.

use super::store::{Kind, Store};

/// The paragraph of `text` around byte `at`. Texts with blank lines
/// between their paragraphs (the OCR'd strategies, whose lines are wrapped)
/// break paragraphs at blank lines; texts without (the article) have one
/// paragraph a line. A line of only white space counts as blank; blank
/// lines at the text's ends do not count.
pub fn paragraph(text: &str, at: usize) -> &str {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = |i: usize| text[..i].rfind('\n').map_or(0, |k| k + 1);
    let line_end = |i: usize| text[i..].find('\n').map_or(text.len(), |k| i + k);
    let (mut start, mut end) = (line_start(at), line_end(at));
    if !has_blank_lines(text) {
        return &text[start..end];
    }
    let blank = |a: usize, b: usize| text[a..b].trim().is_empty();
    while start > 0 {
        let prev = line_start(start - 1);
        if blank(prev, start - 1) {
            break;
        }
        start = prev;
    }
    while end < text.len() {
        let next = line_end(end + 1);
        if blank(end + 1, next) {
            break;
        }
        end = next;
    }
    &text[start..end]
}

/// Whether a blank line stands between two lines of text.
pub fn has_blank_lines(text: &str) -> bool {
    text.trim().split('\n').any(|line| line.trim().is_empty())
}

/// `ch` with typographic quotes, apostrophes and dashes made plain: one
/// character for one, so positions in a text folded by it stay its own.
pub fn plain(ch: char) -> char {
    match ch {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        c => c,
    }
}

/// Typography made plain by [`plain`] throughout `s`; borrowed when
/// there is none.
pub fn plain_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() && !s.contains('`') || !s.chars().any(|c| plain(c) != c) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().map(plain).collect())
    }
}

/// Lower case, with typographic quotes, apostrophes and dashes made plain
/// and runs of white space made one space, so that "Kosovo–Serbia" is
/// found by "kosovo-serbia" and a name broken across OCR lines is found.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        let ch = match plain(ch) {
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if ch == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.extend(ch.to_lowercase());
    }
    out
}

/// Whether folded `haystack` holds folded `name` starting at a word start
/// (so "Serbia" is found in "Serbian", "US" is not found in "thus").
pub fn names(haystack: &str, name: &str) -> bool {
    let name = fold(name);
    if name.trim().is_empty() {
        return false;
    }
    haystack.match_indices(&name).any(|(i, _)| {
        haystack[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A country or region link the quote's paragraph does not bear out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnnamedLink {
    pub claim: String,
    pub kind: Kind,
    pub entity: String,
}

impl std::fmt::Display for UnnamedLink {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "claim {}: {} {} is linked, but the quote's paragraph neither names it nor records a refer-back",
            self.claim,
            self.kind.as_str(),
            self.entity
        )
    }
}

/// Every link of claim `ci` that breaks the link rule.
pub fn unnamed_links_of(store: &Store, ci: usize) -> Vec<UnnamedLink> {
    let (start, _) = store.quote_bytes(ci);
    let para = paragraph(store.text_of(ci), start);
    let folded = fold(para);
    let claim = store.claim_at(ci);
    let referred = |id: &str| {
        claim
            .refer_backs()
            .iter()
            .any(|r| r.entity == id && para.contains(r.phrase.as_str()))
    };
    let links = store.links(ci);
    let mut out = Vec::new();
    let mut check = |kind: Kind, id: &str, name: &str, aliases: &[String]| {
        let named = names(&folded, name) || aliases.iter().any(|a| names(&folded, a));
        if !named && !referred(id) {
            out.push(UnnamedLink {
                claim: claim.id().to_string(),
                kind,
                entity: id.to_string(),
            });
        }
    };
    for &i in links.countries {
        let c = &store.countries()[i as usize];
        check(Kind::Country, &c.id, &c.name, &c.aliases);
    }
    for &i in links.regions {
        let r = &store.regions()[i as usize];
        check(Kind::Region, &r.id, &r.name, &r.aliases);
    }
    out
}

/// Every link in the dataset that breaks the link rule.
pub fn unnamed_links(store: &Store) -> Vec<UnnamedLink> {
    (0..store.claims().len())
        .flat_map(|ci| unnamed_links_of(store, ci))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_lines_unless_the_text_has_blank_lines() {
        let lines = "one a\ntwo b\nthree c";
        assert_eq!(paragraph(lines, 7), "two b");
        assert_eq!(paragraph(lines, 0), "one a");
        let blocks = "one\na\n\ntwo\nb\n  \nthree";
        assert_eq!(paragraph(blocks, 8), "two\nb");
        assert_eq!(paragraph(blocks, 1), "one\na");
        assert_eq!(paragraph(blocks, blocks.len()), "three");
        // Blank lines at the end do not make a text of blocks.
        assert_eq!(paragraph("one a\ntwo b\n\n\n", 7), "two b");
    }

    #[test]
    fn names_fold_typography_and_need_a_word_start() {
        let hay = fold("The Kosovo–Serbia deal and Serbian  neutrality; thus");
        assert!(names(&hay, "kosovo-serbia"));
        assert!(names(&hay, "Serbia"));
        assert!(!names(&hay, "US"));
        assert!(!names(&hay, "  "));
        assert!(names(
            &fold("Bosnia and\nHerzegovina"),
            "Bosnia and Herzegovina"
        ));
    }
}
