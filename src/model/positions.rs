//! Code-point offsets (what the W3C selectors count) to byte offsets (what
//! Rust strings index by).

/// Code-point to byte conversion for one text. An ASCII text needs no
/// table; otherwise the byte offset of every [`STRIDE`]-th code point is
/// kept (8 bytes per 32 characters instead of 8 per character, which for
/// a million quoted sources was most of the loader's peak memory) and a
/// lookup walks at most `STRIDE - 1` characters from the nearest mark.
pub struct CharIndex<'a> {
    text: &'a str,
    len: usize,
    marks: Vec<usize>,
}

const STRIDE: usize = 32;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                text,
                len: text.len(),
                marks: Vec::new(),
            };
        }
        let mut marks = Vec::new();
        let mut len = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % STRIDE == 0 {
                marks.push(b);
            }
            len = i + 1;
        }
        CharIndex { text, len, marks }
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Byte offset of code point `i`; `i` is clamped to the text's length.
    pub fn byte(&self, i: usize) -> usize {
        let i = i.min(self.len);
        if self.marks.is_empty() || i == self.len {
            return if i == self.len { self.text.len() } else { i };
        }
        let mark = self.marks[i / STRIDE];
        let rest = i % STRIDE;
        self.text[mark..]
            .char_indices()
            .nth(rest)
            .map_or(self.text.len(), |(o, _)| mark + o)
    }

    /// The text between code points `start` and `end`, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let (a, b) = (self.byte(start), self.byte(end));
        &self.text[a.min(b)..b]
    }

    /// Code-point offset of the first occurrence of `needle`.
    pub fn find_chars(&self, needle: &str) -> Option<usize> {
        let at = self.text.find(needle)?;
        Some(chars_before(self.text, at))
    }
}

/// Code-point count of `s[..byte]`.
pub fn chars_before(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_code_points_to_bytes() {
        let ix = CharIndex::new("a’b–c");
        assert_eq!(ix.len(), 5);
        assert_eq!(ix.slice(1, 3), "’b");
        assert_eq!(ix.byte(2), 4);
        assert_eq!(ix.byte(99), "a’b–c".len());
        assert_eq!(ix.find_chars("–c"), Some(3));
        assert_eq!(chars_before("a’b", 4), 2);
    }

    #[test]
    fn long_texts_convert_past_the_marks() {
        let text: String = (0..500)
            .map(|i| if i % 7 == 0 { '’' } else { 'x' })
            .collect();
        let ix = CharIndex::new(&text);
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        assert_eq!(ix.len(), 500);
        for (i, &b) in starts.iter().enumerate() {
            assert_eq!(ix.byte(i), b, "code point {i}");
        }
        assert_eq!(ix.byte(500), text.len());
        assert_eq!(ix.byte(9999), text.len());
        let ascii = CharIndex::new("plain text");
        assert_eq!(
            (ascii.len(), ascii.byte(3), ascii.slice(6, 99)),
            (10, 3, "text")
        );
    }
}

/// Byte ranges of the sentences of `text`: a sentence ends at `.`, `!` or
/// `?` (optionally followed by a closing quote mark) before whitespace and a
/// capital letter or the end of a line, and every line ends a sentence.
/// A period after a lone capital letter (the "U.S." kind) ends nothing.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        for (a, b) in split_line(body) {
            out.push((line_start + a, line_start + b));
        }
        line_start += line.len();
    }
    out
}

fn split_line(line: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if matches!(c, '.' | '!' | '?') && !is_abbreviation(&chars, i) {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end].1, '”' | '"' | '’' | '\'' | ')') {
                end += 1;
            }
            let next_word = chars[end..].iter().find(|(_, c)| !c.is_whitespace());
            let boundary = end == chars.len()
                || (chars[end].1.is_whitespace()
                    && next_word.is_none_or(|(_, c)| c.is_uppercase()));
            if boundary {
                let end_byte = chars.get(end).map_or(line.len(), |&(b, _)| b);
                push_trimmed(line, start, end_byte, &mut out);
                start = end_byte;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(line, start, line.len(), &mut out);
    out
}

fn is_abbreviation(chars: &[(usize, char)], i: usize) -> bool {
    i >= 1
        && chars[i - 1].1.is_uppercase()
        && (i == 1 || matches!(chars[i - 2].1, '.' | ' ' | '(' | '“'))
}

fn push_trimmed(line: &str, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &line[a..b];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push((a + lead, b - trail));
    }
}

/// The sentence (or sentences) holding the byte range `start..end`.
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let all = sentences(text);
    let first = all
        .iter()
        .find(|s| s.1 > start)
        .map_or(start, |s| s.0.min(start));
    let last = all
        .iter()
        .rev()
        .find(|s| s.0 < end.max(start + 1))
        .map_or(end, |s| s.1.max(end));
    (first, last)
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    #[test]
    fn splits_on_sentence_ends_not_abbreviations() {
        let text = "Instead, U.S. policy appears geared. It “works.” Next one\nHeading\nA, b.";
        let got: Vec<&str> = sentences(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(
            got,
            vec![
                "Instead, U.S. policy appears geared.",
                "It “works.”",
                "Next one",
                "Heading",
                "A, b."
            ]
        );
    }

    #[test]
    fn finds_the_sentence_around_a_range() {
        let text = "One two. Three four five. Six.";
        let at = text.find("four").unwrap();
        let (a, b) = sentence_around(text, at, at + 4);
        assert_eq!(&text[a..b], "Three four five.");
    }
}
