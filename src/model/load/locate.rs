//! Places: byte offsets turned into file, line and column, worked out only
//! for objects that have a problem.

use super::input::Input;
use super::parse::RawClaim;
use crate::model::problem::Place;

/// Where an object was found: file (index into the inputs), its index in
/// that file's list, and the byte offset where it starts. Lines and
/// columns are worked out only for objects that have a problem.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub file: u32,
    pub index: u32,
    pub offset: usize,
}

/// Origins of every entity of a merged dataset, in the same order.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub sources: Vec<Origin>,
    pub countries: Vec<Origin>,
    pub regions: Vec<Origin>,
    pub actors: Vec<Origin>,
    pub themes: Vec<Origin>,
}

/// Turns byte offsets into file, line and column. The table of line starts
/// of a file is built the first time a problem in it needs one.
pub struct Locator<'a> {
    files: Vec<LocatedFile<'a>>,
}

struct LocatedFile<'a> {
    input: &'a Input,
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl<'a> Locator<'a> {
    pub fn new(inputs: &'a [Input]) -> Self {
        Locator {
            files: inputs
                .iter()
                .map(|input| LocatedFile {
                    input,
                    line_starts: std::sync::OnceLock::new(),
                })
                .collect(),
        }
    }

    /// Where a claim found by the parser starts.
    pub fn origin_of(&self, rc: &RawClaim) -> Origin {
        let base = self.files[rc.file as usize].input.bytes().as_ptr() as usize;
        Origin {
            file: rc.file,
            index: rc.index,
            offset: (rc.raw.get().as_ptr() as usize).saturating_sub(base),
        }
    }

    /// Hands back the pages that hold a run of claims, once parsed.
    pub fn release_behind(&self, run: &[RawClaim]) {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return;
        };
        if first.file != last.file {
            return;
        }
        let (a, b) = (self.origin_of(first), self.origin_of(last));
        let end = b.offset + last.raw.get().len();
        self.files[first.file as usize].input.release(a.offset..end);
    }

    pub fn name(&self, file: u32) -> &str {
        &self.files[file as usize].input.name
    }

    /// 1-based line and column (in characters) of byte `offset` of `file`.
    pub fn line_col(&self, file: u32, offset: usize) -> (usize, usize) {
        let f = &self.files[file as usize];
        let bytes = f.input.bytes();
        let starts = f.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr_all(bytes, b'\n').map(|i| i + 1))
                .collect()
        });
        let offset = offset.min(bytes.len());
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let column = String::from_utf8_lossy(&bytes[start..offset])
            .chars()
            .count()
            + 1;
        (line, column)
    }

    pub fn place(&self, file: u32, offset: usize) -> Place {
        let (line, column) = self.line_col(file, offset);
        Place::at(self.name(file), line, column)
    }

    pub fn origin_place(&self, o: &Origin) -> Place {
        self.place(o.file, o.offset)
    }
}

fn memchr_all(bytes: &[u8], needle: u8) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(move |(i, &b)| (b == needle).then_some(i))
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locator_finds_line_and_character_column() {
        let inputs = [Input::new("x.json", "ab\n“c”d\n".to_string())];
        let loc = Locator::new(&inputs);
        assert_eq!(loc.line_col(0, 0), (1, 1));
        assert_eq!(loc.line_col(0, 3), (2, 1));
        assert_eq!(loc.line_col(0, 3 + "“c”".len()), (2, 4));
        assert_eq!(loc.place(0, 100), Place::at("x.json", 3, 1));
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n“c”d", 0), (1, 1));
        assert_eq!(line_col("ab\n“c”d", 3), (2, 1));
        assert_eq!(line_col("ab\n“c”d", 3 + "“c”".len()), (2, 4));
    }
}
