//! Styled cells for the views: [`crate::app::cells`] with ratatui styles,
//! and their conversion to ratatui lines.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::cells;
pub use crate::app::cells::{NO_TAG, truncate, wrap};

pub type Cell = cells::Cell<Style>;
pub type Styled = cells::Styled<Style>;

/// Cells to a ratatui line, merging runs of one style.
pub fn to_line(cells: &[Cell]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut style = cells.first().map(|c| c.style).unwrap_or_default();
    for c in cells {
        if c.style != style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        style = c.style;
        run.push(c.ch);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style));
    }
    Line::from(spans)
}

/// `left` cut to leave room for `right`, padded so that `right` (program
/// text, not data) ends at column `width`: a row with a count at its end.
pub fn with_right(
    left: &[Cell],
    right: &str,
    right_style: Style,
    pad_style: Style,
    width: usize,
) -> Vec<Cell> {
    let room = width.saturating_sub(right.chars().count());
    let mut cells = truncate(left, room);
    let used: usize = cells.iter().map(Cell::width).sum();
    let pad = Cell {
        ch: ' ',
        style: pad_style,
        tag: NO_TAG,
    };
    cells.extend(std::iter::repeat_n(pad, room.saturating_sub(used)));
    cells.extend(right.chars().map(|ch| Cell {
        ch,
        style: right_style,
        tag: NO_TAG,
    }));
    cells
}
