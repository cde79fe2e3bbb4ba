//! A line of text being typed, with a cursor: the palette's query, a
//! view's name, a note. Pure; the views draw it through
//! [`visible_range`], which keeps the cursor in view on a long line.

use super::action::Edit;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineEdit {
    text: String,
    /// Cursor position in characters, `0..=len`.
    cursor: usize,
}

impl LineEdit {
    /// `text` with the cursor at its end.
    pub fn new(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Applies an editing key; true when the text changed (Accept, Cancel,
    /// Yes and No are the caller's and change nothing here).
    pub fn apply(&mut self, edit: Edit) -> bool {
        let len = self.text.chars().count();
        match edit {
            Edit::Input(c) => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
                return true;
            }
            Edit::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                return true;
            }
            Edit::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                return true;
            }
            Edit::Clear if !self.text.is_empty() => {
                self.text.clear();
                self.cursor = 0;
                return true;
            }
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            _ => {}
        }
        false
    }
}

/// The characters to show of a line whose characters are `widths` columns
/// wide, in `room` columns with a one-column cursor at `cursor`: the
/// whole line when it fits, else a window that ends just after the cursor
/// (or starts at the line's start when the cursor is near it). Returns
/// the half-open range of characters.
pub fn visible_range(widths: &[usize], cursor: usize, room: usize) -> (usize, usize) {
    let room = room.max(1);
    let total: usize = widths.iter().sum::<usize>() + 1;
    if total <= room {
        return (0, widths.len());
    }
    // Fill from the start; if the cursor is out of view, end at it instead.
    let fits_from = |start: usize| -> usize {
        let mut used = 0;
        let mut end = start;
        while end < widths.len() && used + widths[end] < room {
            used += widths[end];
            end += 1;
        }
        end
    };
    let end = fits_from(0);
    if cursor < end {
        return (0, end);
    }
    let mut start = cursor.min(widths.len());
    let mut used = 1;
    while start > 0 && used + widths[start - 1] <= room {
        used += widths[start - 1];
        start -= 1;
    }
    (start, fits_from(start).max(cursor.min(widths.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_in_characters() {
        let mut l = LineEdit::new("nato");
        assert_eq!(l.cursor(), 4);
        l.apply(Edit::Home);
        l.apply(Edit::Input('é'));
        l.apply(Edit::Right);
        assert_eq!((l.text(), l.cursor()), ("énato", 2));
        l.apply(Edit::Backspace);
        assert_eq!((l.text(), l.cursor()), ("éato", 1));
        l.apply(Edit::Delete);
        assert_eq!((l.text(), l.cursor()), ("éto", 1));
        l.apply(Edit::End);
        assert!(!l.apply(Edit::Delete), "nothing after the cursor");
        assert!(l.apply(Edit::Clear));
        assert_eq!((l.text(), l.cursor()), ("", 0));
        assert!(!l.apply(Edit::Backspace));
    }

    #[test]
    fn the_window_keeps_the_cursor_in_view() {
        let w = vec![1; 30];
        assert_eq!(visible_range(&w[..5], 5, 10), (0, 5));
        // Cursor at the end of a long line: the window ends there.
        let (a, b) = visible_range(&w, 30, 10);
        assert_eq!((a, b), (21, 30));
        // Cursor at the start: the line's start shows.
        assert_eq!(visible_range(&w, 0, 10), (0, 9));
        // In the middle: the cursor is inside the window.
        let (a, b) = visible_range(&w, 15, 10);
        assert!(a <= 15 && 15 < b + 1 && b - a < 10, "{a}..{b}");
        // Wide characters count two columns.
        let wide = vec![2; 10];
        let (a, b) = visible_range(&wide, 10, 9);
        assert_eq!(b, 10);
        assert!((b - a) * 2 < 9, "{a}..{b}");
    }
}
