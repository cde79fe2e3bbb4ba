//! Fewer bytes per redraw, for slow links (SSH, tmux over a phone line).
//!
//! ratatui sends only the cells that changed, and moves the cursor before
//! every run of them. When new text replaces old text, many cells happen to
//! stay the same (spaces, common letters), so a changed line turns into
//! dozens of short runs, each behind a cursor move (`ESC[row;colH`, 6 to 8
//! bytes) that skips one or two unchanged cells. [`Coalesce`] keeps a copy
//! of what the screen shows and, where rewriting the skipped cells costs
//! fewer bytes than the move and needs no change of colour or attribute,
//! writes them instead. The screen ends up the same; only fewer bytes go.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

/// A backend that fills short gaps between changed cells (see the module).
pub struct Coalesce<B> {
    inner: B,
    /// What the terminal shows, as far as this backend has drawn it.
    screen: Buffer,
}

impl<B: Backend> Coalesce<B> {
    pub fn new(inner: B) -> Self {
        let size = inner.size().unwrap_or_default();
        Coalesce {
            inner,
            screen: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
        }
    }

    /// Records `cells` as shown, growing the copy if the screen grew.
    fn record(&mut self, cells: &[(u16, u16, Cell)]) {
        let (w, h) = cells.iter().fold((0, 0), |(w, h), &(x, y, _)| {
            (w.max(x.saturating_add(1)), h.max(y.saturating_add(1)))
        });
        let area = self.screen.area;
        if w > area.width || h > area.height {
            self.screen
                .resize(Rect::new(0, 0, w.max(area.width), h.max(area.height)));
        }
        for (x, y, cell) in cells {
            if let Some(c) = self.screen.cell_mut(Position::new(*x, *y)) {
                *c = cell.clone();
            }
        }
    }
}

/// `changed` (in screen order, as ratatui gives it) with the gaps worth
/// filling filled from `screen`.
pub fn fill_gaps(changed: &[(u16, u16, Cell)], screen: &Buffer) -> Vec<(u16, u16, Cell)> {
    let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(changed.len());
    for (x, y, cell) in changed {
        if let Some((px, py, prev)) = out.last()
            && *py == *y
            && *x > px + 1
            && let Some(gap) = gap_cells(prev, *px + 1..*x, *y, screen)
        {
            let gap: Vec<(u16, u16, Cell)> = gap;
            out.extend(gap);
        }
        out.push((*x, *y, cell.clone()));
    }
    out
}

/// The unchanged cells `xs` of row `y`, if writing them is cheaper than the
/// cursor move that would skip them and needs no style change after `prev`.
fn gap_cells(
    prev: &Cell,
    xs: std::ops::Range<u16>,
    y: u16,
    screen: &Buffer,
) -> Option<Vec<(u16, u16, Cell)>> {
    if prev.symbol().width() != 1 {
        // After a wide character ratatui moves the cursor anyway.
        return None;
    }
    let jump = format!("\x1b[{};{}H", y + 1, xs.end + 1).len();
    let mut bytes = 0;
    let mut cells = Vec::with_capacity(xs.len());
    for x in xs {
        let cell = screen.cell(Position::new(x, y))?;
        // A cell ratatui never diffs (Skip) may hold someone else's output.
        if cell.diff_option != CellDiffOption::None
            || cell.symbol().width() != 1
            || cell.style() != prev.style()
        {
            return None;
        }
        bytes += cell.symbol().len();
        if bytes >= jump {
            return None;
        }
        cells.push((x, y, cell.clone()));
    }
    Some(cells)
}

impl<B: Backend> Backend for Coalesce<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changed: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        // The gaps are cells that did not change, so the copy of the screen
        // holds them whether it is updated before or after.
        self.record(&changed);
        let cells = fill_gaps(&changed, &self.screen);
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.screen.reset();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        // Which cells a partial clear blanks depends on the cursor: forget
        // the copy rather than guess (gaps are then never filled from it).
        self.screen = Buffer::empty(Rect::default());
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

/// Writes that bypass drawing (the OSC 52 clipboard sequence) go through.
impl<B: Write> Write for Coalesce<B> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};

    fn cell(s: &str) -> Cell {
        let mut c = Cell::default();
        c.set_symbol(s);
        c
    }

    fn screen_of(row: &str) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 40, 2));
        b.set_string(0, 0, row, Style::default());
        b
    }

    #[test]
    fn short_same_style_gaps_are_filled() {
        // "a_b" changed around an unchanged "_": one cell beats a jump.
        let screen = screen_of("a_b");
        let changed = vec![(0, 0, cell("a")), (2, 0, cell("b"))];
        let out = fill_gaps(&changed, &screen);
        let xs: Vec<u16> = out.iter().map(|c| c.0).collect();
        assert_eq!(xs, [0, 1, 2]);
        assert_eq!(out[1].2.symbol(), "_");
    }

    #[test]
    fn long_gaps_other_rows_and_styled_gaps_are_skipped() {
        let screen = screen_of("a          b");
        let changed = vec![(0, 0, cell("a")), (11, 0, cell("b"))];
        assert_eq!(
            fill_gaps(&changed, &screen).len(),
            2,
            "ten cells cost more than a jump"
        );
        let changed = vec![(0, 0, cell("a")), (2, 1, cell("b"))];
        assert_eq!(
            fill_gaps(&changed, &screen).len(),
            2,
            "no filling across rows"
        );
        let mut screen = screen_of("a_b");
        screen.set_style(Rect::new(1, 0, 1, 1), Style::default().fg(Color::Red));
        let changed = vec![(0, 0, cell("a")), (2, 0, cell("b"))];
        assert_eq!(
            fill_gaps(&changed, &screen).len(),
            2,
            "a colour change costs too"
        );
    }

    #[test]
    fn filled_gaps_cost_fewer_bytes() {
        let old = screen_of("the quick brown fox jumps");
        let new = screen_of("the quack brewn fix jumps");
        let diff: Vec<(u16, u16, Cell)> = old
            .diff(&new)
            .into_iter()
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
        let encode = |cells: &[(u16, u16, Cell)]| {
            let mut out = Vec::new();
            ratatui::backend::CrosstermBackend::new(&mut out)
                .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
                .unwrap();
            out.len()
        };
        let (plain, packed) = (encode(&diff), encode(&fill_gaps(&diff, &new)));
        assert!(packed < plain, "{packed} >= {plain}");
    }

    #[test]
    fn wide_characters_are_never_gap_fillers() {
        let screen = screen_of("a世b");
        let changed = vec![(0, 0, cell("a")), (3, 0, cell("b"))];
        assert_eq!(fill_gaps(&changed, &screen).len(), 2);
    }

    #[test]
    fn the_terminal_shows_the_same_with_fewer_bytes() {
        let mut plain = ratatui::Terminal::new(TestBackend::new(30, 3)).unwrap();
        let mut packed = ratatui::Terminal::new(Coalesce::new(TestBackend::new(30, 3))).unwrap();
        for text in ["the quick brown fox", "the quack brewn fix", "a b c"] {
            let draw = |f: &mut ratatui::Frame| {
                f.render_widget(ratatui::widgets::Paragraph::new(text), f.area())
            };
            plain.draw(draw).unwrap();
            packed.draw(draw).unwrap();
            assert_eq!(plain.backend().buffer(), packed.backend().inner.buffer());
        }
    }
}
