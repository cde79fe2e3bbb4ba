//! Code-point offsets (what the W3C selectors count) to byte offsets (what
//! Rust strings index by).

/// Byte offset of every code point of a text, for O(1) conversion.
pub struct CharIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharIndex { text, starts }
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Byte offset of code point `i`; `i` is clamped to the text's length.
    pub fn byte(&self, i: usize) -> usize {
        self.starts[i.min(self.len())]
    }

    /// The text between code points `start` and `end`, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let (a, b) = (self.byte(start), self.byte(end));
        &self.text[a.min(b)..b]
    }

    /// Code-point offset of the first occurrence of `needle`.
    pub fn find_chars(&self, needle: &str) -> Option<usize> {
        let at = self.text.find(needle)?;
        self.starts.binary_search(&at).ok()
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
}
