//! Where things are on the annotate screen, and the source text wrapped to
//! the reading pane: each screen cell knows the code point it shows, so
//! that the cursor, the selection, the quotes and mouse clicks all work in
//! code points, the offsets the dataset stores. `update` (moving, paging,
//! clicks) and `ui::annotate` (drawing) use the same functions.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthChar;

use crate::model::positions::sentences;
use crate::sanitize;

/// Width from which the claim list stands beside the text.
pub const WIDE: u16 = 100;
/// The claim list's width beside the text, its height below it.
const SIDE: u16 = 42;
const BELOW: u16 = 7;

/// The screen's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub title: Rect,
    pub text: Rect,
    pub claims: Rect,
    pub status: Rect,
}

pub fn areas(width: u16, height: u16) -> Areas {
    areas_with(width, height, false)
}

/// The form's width beside the text on a wide screen.
fn form_width(width: u16) -> u16 {
    (width / 2).max(60).min(width.saturating_sub(30))
}

/// The screen's parts; with the form open on a wide screen, the form takes
/// the claim list's place and more, and the text is laid out narrower.
pub fn areas_with(width: u16, height: u16, form: bool) -> Areas {
    let title = Rect::new(0, 0, width, 1.min(height));
    let status = Rect::new(0, height.saturating_sub(1), width, 1.min(height));
    let body = Rect::new(0, 1, width, height.saturating_sub(2));
    let (text, claims) = if width >= WIDE {
        let side = if form {
            form_width(width)
        } else {
            SIDE.min(width / 2)
        };
        (
            Rect::new(0, body.y, width - side, body.height),
            Rect::new(width - side, body.y, side, body.height),
        )
    } else {
        let below = BELOW.min(body.height / 2);
        (
            Rect::new(0, body.y, width, body.height - below),
            Rect::new(0, body.y + body.height - below, width, below),
        )
    };
    Areas {
        title,
        text,
        claims,
        status,
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// The claim form: the whole body on narrow screens, the right part
/// beside the text on wide ones.
pub fn form_area(width: u16, height: u16) -> Rect {
    let a = areas_with(width, height, true);
    if width >= WIDE {
        a.claims
    } else {
        Rect::new(0, a.text.y, width, height.saturating_sub(2))
    }
}

/// A dialog box centred in the screen.
pub fn dialog_area(width: u16, height: u16, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(width), h.min(height));
    Rect::new((width - w) / 2, (height - h) / 2, w, h)
}

/// One screen cell of the text: what is drawn and the code point it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextCell {
    pub ch: char,
    pub cp: usize,
}

/// One screen line: its cells, and the code points it covers (`end` is
/// the line break's, or the next line's first, code point).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextLine {
    pub start: usize,
    pub end: usize,
    pub cells: Vec<TextCell>,
}

/// A source text laid out for a width.
#[derive(Debug, Clone, Default)]
pub struct TextLayout {
    pub width: usize,
    pub lines: Vec<TextLine>,
    /// Sentences as code-point ranges (end exclusive).
    pub sentences: Vec<(usize, usize)>,
    /// Code-point length of the text.
    pub len: usize,
    /// The text's characters, for word motion.
    pub chars: Vec<char>,
}

impl TextLayout {
    pub fn new(text: &str, width: usize) -> TextLayout {
        let chars: Vec<char> = text.chars().collect();
        let mut cp_of_byte = vec![0usize; text.len() + 1];
        for (i, (b, _)) in text.char_indices().enumerate() {
            cp_of_byte[b] = i;
        }
        cp_of_byte[text.len()] = chars.len();
        let sentences = sentences(text)
            .into_iter()
            .map(|(a, b)| (cp_of_byte[a], cp_of_byte[b]))
            .collect();
        let shown: Vec<(char, bool)> = sanitize::marked(text).collect();
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' {
                wrap_paragraph(&shown, start, i, width.max(1), &mut lines);
                start = i + 1;
            }
        }
        wrap_paragraph(&shown, start, chars.len(), width.max(1), &mut lines);
        TextLayout {
            width,
            lines,
            sentences,
            len: chars.len(),
            chars,
        }
    }

    /// The line showing code point `cp`.
    pub fn line_of(&self, cp: usize) -> usize {
        let after = self.lines.partition_point(|l| l.start <= cp);
        after.saturating_sub(1)
    }

    /// The code point at column `col` of line `line` (the line's last when
    /// the column is past its end).
    pub fn cp_at(&self, line: usize, col: usize) -> usize {
        let Some(l) = self.lines.get(line) else {
            return self.len;
        };
        let mut x = 0;
        for c in &l.cells {
            let w = c.ch.width().unwrap_or(0);
            if col < x + w.max(1) {
                return c.cp;
            }
            x += w;
        }
        l.cells
            .last()
            .map_or(l.start, |c| c.cp.max(l.start))
            .min(l.end)
    }

    /// The column where code point `cp` is drawn on its line.
    pub fn col_of(&self, cp: usize) -> usize {
        let l = &self.lines[self.line_of(cp).min(self.lines.len().saturating_sub(1))];
        l.cells
            .iter()
            .take_while(|c| c.cp < cp)
            .map(|c| c.ch.width().unwrap_or(0))
            .sum()
    }
}

/// Wraps code points `from..to` (one paragraph) greedily at spaces.
fn wrap_paragraph(
    shown: &[(char, bool)],
    from: usize,
    to: usize,
    width: usize,
    lines: &mut Vec<TextLine>,
) {
    let mut line = TextLine {
        start: from,
        end: to,
        cells: Vec::new(),
    };
    let mut used = 0;
    let mut cp = from;
    while cp < to {
        // The word starting here, with the spaces after it.
        let mut end = cp;
        while end < to && shown[end].0 != ' ' {
            end += 1;
        }
        while end < to && shown[end].0 == ' ' {
            end += 1;
        }
        let word: Vec<TextCell> = (cp..end).flat_map(|i| cells_of(shown[i], i)).collect();
        let ww: usize = (word.iter())
            .filter(|c| c.ch != ' ')
            .map(|c| c.ch.width().unwrap_or(0))
            .sum();
        if used > 0 && used + ww > width {
            line.end = cp;
            lines.push(std::mem::take(&mut line));
            line.start = cp;
            line.end = to;
            used = 0;
        }
        for c in word {
            let w = c.ch.width().unwrap_or(0);
            if used + w > width && used > 0 && c.ch != ' ' {
                line.end = c.cp;
                lines.push(std::mem::take(&mut line));
                line.start = c.cp;
                line.end = to;
                used = 0;
            }
            used += w;
            line.cells.push(c);
        }
        cp = end;
    }
    lines.push(line);
}

/// The cells code point `i` is drawn as: itself, or the sanitiser's
/// visible stand-in (a tab as spaces, a control as its picture).
fn cells_of((ch, unsafe_char): (char, bool), i: usize) -> Vec<TextCell> {
    if !unsafe_char {
        return vec![TextCell { ch, cp: i }];
    }
    let mut buf = [0u8; 4];
    sanitize::inline(ch.encode_utf8(&mut buf))
        .chars()
        .map(|ch| TextCell { ch, cp: i })
        .collect()
}

/// The first claim the claim list shows: two rows a claim, the cursor's
/// claim at the bottom once it would fall off.
pub fn claim_first(cursor: usize, inner_rows: u16) -> usize {
    let per = usize::from(inner_rows).max(2) / 2;
    cursor.saturating_sub(per.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(l: &TextLine) -> String {
        l.cells.iter().map(|c| c.ch).collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_code_points() {
        let t = TextLayout::new("ab’cd ef gh\n\nij\u{1b}k", 6);
        let lines: Vec<String> = t.lines.iter().map(shown).collect();
        assert_eq!(lines, vec!["ab’cd ", "ef gh", "", "ij␛k"]);
        assert_eq!((t.lines[1].start, t.lines[1].end), (6, 11));
        assert_eq!((t.lines[2].start, t.lines[2].end), (12, 12));
        assert_eq!(t.line_of(7), 1);
        assert_eq!(t.line_of(12), 2);
        assert_eq!(t.cp_at(3, 2), 15);
        assert_eq!(t.col_of(15), 2);
        assert_eq!(t.len, 17);
    }

    #[test]
    fn sentences_in_code_points() {
        let t = TextLayout::new("“Yes.” No – never. Fine", 40);
        assert_eq!(t.sentences, vec![(0, 6), (7, 18), (19, 23)]);
    }

    #[test]
    fn narrow_and_wide_screens() {
        let a = areas(80, 24);
        assert_eq!((a.text.width, a.claims.y + a.claims.height), (80, 23));
        let a = areas(120, 40);
        assert_eq!(a.text.width + a.claims.width, 120);
        assert_eq!(a.text.height, 38);
    }
}
