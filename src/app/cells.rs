//! Text as cells (a character, a style, a tag), word-wrapped to a width.
//! Our own wrapper rather than `Paragraph::wrap`, because Detail must know
//! which wrapped line holds the quote (to scroll to it) and which holds the
//! link under the cursor. Generic over the style: the views use ratatui
//! styles, Detail's cached layout ([`super::detail`]) uses [`super::detail::Role`]s.

use unicode_width::UnicodeWidthChar;

use crate::sanitize;

/// Tag of a cell that marks nothing.
pub const NO_TAG: usize = usize::MAX;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell<S> {
    pub ch: char,
    pub style: S,
    /// A caller-defined mark: a byte offset into a source text, or a link index.
    pub tag: usize,
}

impl<S> Cell<S> {
    pub fn width(&self) -> usize {
        self.ch.width().unwrap_or(0)
    }
}

/// Builder of a run of cells. Dataset text enters only through
/// [`Styled::text`] / [`Styled::running`], which sanitise it.
#[derive(Debug, Clone)]
pub struct Styled<S> {
    pub cells: Vec<Cell<S>>,
}

impl<S: Copy> Default for Styled<S> {
    fn default() -> Styled<S> {
        Styled::new()
    }
}

impl<S: Copy> Styled<S> {
    pub fn new() -> Styled<S> {
        Styled { cells: Vec::new() }
    }

    /// Our own fixed strings (labels, separators): not sanitised.
    pub fn fixed(&mut self, s: &str, style: S) -> &mut Styled<S> {
        self.push(s, style, NO_TAG)
    }

    /// One-line dataset text.
    pub fn text(&mut self, raw: &str, style: S, tag: usize) -> &mut Styled<S> {
        let clean = sanitize::inline(raw);
        self.push(&clean, style, tag)
    }

    /// Running dataset text whose line feeds are kept.
    pub fn running(&mut self, raw: &str, style: S, tag: usize) -> &mut Styled<S> {
        let clean = sanitize::multiline(raw);
        self.push(&clean, style, tag)
    }

    fn push(&mut self, s: &str, style: S, tag: usize) -> &mut Styled<S> {
        self.cells
            .extend(s.chars().map(|ch| Cell { ch, style, tag }));
        self
    }

    pub fn width(&self) -> usize {
        self.cells.iter().map(Cell::width).sum()
    }
}

/// Cuts `cells` to `width` columns, ending with `…` when something was cut.
pub fn truncate<S: Copy + Default>(cells: &[Cell<S>], width: usize) -> Vec<Cell<S>> {
    let total: usize = cells.iter().map(Cell::width).sum();
    if total <= width {
        return cells.to_vec();
    }
    let mut out = Vec::new();
    let mut used = 0;
    for c in cells {
        if used + c.width() + 1 > width {
            break;
        }
        used += c.width();
        out.push(*c);
    }
    if width > 0 {
        let style = out.last().map(|c| c.style).unwrap_or_default();
        out.push(Cell {
            ch: '…',
            style,
            tag: NO_TAG,
        });
    }
    out
}

/// Word-wraps `cells` to `width` columns; line feeds break lines, and
/// continuation lines are indented by `indent` spaces (when that leaves room).
pub fn wrap<S: Copy + Default>(
    cells: &[Cell<S>],
    width: usize,
    indent: usize,
) -> Vec<Vec<Cell<S>>> {
    if width == 0 {
        return Vec::new();
    }
    let indent = if indent * 2 > width { 0 } else { indent };
    let mut lines = Vec::new();
    for para in cells.split(|c| c.ch == '\n') {
        wrap_paragraph(para, width, indent, &mut lines);
    }
    lines
}

fn wrap_paragraph<S: Copy + Default>(
    para: &[Cell<S>],
    width: usize,
    indent: usize,
    lines: &mut Vec<Vec<Cell<S>>>,
) {
    let pad = Cell {
        ch: ' ',
        style: S::default(),
        tag: NO_TAG,
    };
    let mut line: Vec<Cell<S>> = Vec::new();
    let mut used = 0;
    // Columns taken before the first word of the current line.
    let mut base = 0;
    for word in words(para) {
        let ww: usize = word.iter().filter(|c| c.ch != ' ').map(Cell::width).sum();
        if used > base && used + ww > width {
            finish(&mut line, lines);
            line.extend(std::iter::repeat_n(pad, indent));
            used = indent;
            base = indent;
        }
        for c in word {
            let w = c.width();
            if used + w > width && used > base {
                if c.ch == ' ' {
                    continue;
                }
                // A word longer than the line: break it anywhere.
                finish(&mut line, lines);
                line.extend(std::iter::repeat_n(pad, indent));
                used = indent;
                base = indent;
            }
            line.push(*c);
            used += w;
        }
    }
    finish(&mut line, lines);
}

/// Runs of non-spaces, each with the spaces that follow it.
fn words<S>(para: &[Cell<S>]) -> Vec<&[Cell<S>]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=para.len() {
        let boundary = i == para.len() || (para[i - 1].ch == ' ' && para[i].ch != ' ');
        if boundary {
            out.push(&para[start..i]);
            start = i;
        }
    }
    out
}

fn finish<S>(line: &mut Vec<Cell<S>>, lines: &mut Vec<Vec<Cell<S>>>) {
    while line.last().is_some_and(|c| c.ch == ' ') {
        line.pop();
    }
    lines.push(std::mem::take(line));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Vec<Cell<()>>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|c| c.ch).collect())
            .collect()
    }

    #[test]
    fn wraps_words_with_hanging_indent() {
        let mut s = Styled::<()>::new();
        s.text("alpha beta gamma delta", (), 0);
        assert_eq!(
            text(&wrap(&s.cells, 11, 2)),
            vec!["alpha beta", "  gamma", "  delta"]
        );
    }

    #[test]
    fn breaks_long_words_and_line_feeds() {
        let mut s = Styled::<()>::new();
        s.running("abcdefgh\n\nxy", (), 0);
        assert_eq!(
            text(&wrap(&s.cells, 3, 0)),
            vec!["abc", "def", "gh", "", "xy"]
        );
        assert!(wrap(&s.cells, 0, 0).is_empty());
    }

    #[test]
    fn sanitises_and_truncates() {
        let mut s = Styled::<()>::new();
        s.text("a\u{1b}[31m“b”–c", (), 0);
        let line: String = s.cells.iter().map(|c| c.ch).collect();
        assert_eq!(line, "a␛[31m“b”–c");
        let cut: String = truncate(&s.cells, 4).iter().map(|c| c.ch).collect();
        assert_eq!(cut, "a␛[…");
    }
}
