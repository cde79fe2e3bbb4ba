//! The command palette (`:`): the query with its cursor, the commands it
//! matches with what they do and their keys, and a last line that says
//! how many match or that nothing does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::prompt::edit_cells;
use super::theme::Theme;
use super::wrap::{Cell, NO_TAG, Styled, to_line, truncate, with_right};
use crate::app::geometry::{list_offset, palette_area};
use crate::app::palette::{Item, MAX_SHOWN, Palette};

/// Widest the command column gets.
const WORD_W: usize = 30;

fn row(item: &Item, selected: bool, word_w: usize, theme: &Theme, w: usize) -> Vec<Cell> {
    let mut s = Styled::new();
    s.fixed(if selected { "▶ " } else { "  " }, theme.strong());
    let mut word = Styled::new();
    word.text(&item.word, theme.strong(), NO_TAG);
    let mut cells = truncate(&word.cells, word_w);
    let used: usize = cells.iter().map(Cell::width).sum();
    s.cells.append(&mut cells);
    s.fixed(&" ".repeat(word_w - used.min(word_w) + 2), theme.plain());
    s.text(&item.detail, theme.dim(), NO_TAG);
    let keys = if item.keys.is_empty() {
        String::new()
    } else {
        format!("  {} ", item.keys)
    };
    let mut cells = with_right(&s.cells, &keys, theme.strong(), theme.plain(), w);
    if selected {
        cells
            .iter_mut()
            .for_each(|c| c.style = c.style.patch(theme.selection(true)));
    }
    cells
}

fn footer(p: &Palette, theme: &Theme) -> Styled {
    let mut s = Styled::new();
    if p.shown.is_empty() {
        s.fixed(" Nothing matches \"", theme.message())
            .text(p.input.text().trim(), theme.message(), NO_TAG)
            .fixed("\": edit the query, or Esc", theme.message());
    } else {
        let n = p.shown.len();
        let more = if n == MAX_SHOWN { " (the first)" } else { "" };
        s.fixed(
            &format!(
                " {}{more} · type claim: for claims, view for saved views, theme for themes",
                crate::words::plural(n, "command")
            ),
            theme.dim(),
        );
    }
    s
}

pub fn draw(p: &Palette, theme: &Theme, frame: &mut Frame, full: Rect) {
    let area = palette_area(full);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(
            " Commands — Enter runs, ↑↓ select, Esc closes ",
            theme.title(true),
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let mut prompt = Styled::new();
    prompt.fixed(" : ", theme.strong());
    let room = w.saturating_sub(4);
    let mut rows: Vec<Vec<Cell>> = vec![
        [
            prompt.cells,
            edit_cells(&p.input, theme.plain(), theme, room),
        ]
        .concat(),
        truncate(
            &Styled::new()
                .fixed(&"─".repeat(w), theme.dim())
                .cells
                .clone(),
            w,
        ),
    ];
    let list_h = (inner.height as usize).saturating_sub(3);
    let word_w = p
        .shown
        .iter()
        .map(|i| i.word.chars().count())
        .max()
        .unwrap_or(0)
        .min(WORD_W)
        .min(w / 3);
    let off = list_offset(p.sel, list_h);
    rows.extend(
        p.shown
            .iter()
            .enumerate()
            .skip(off)
            .take(list_h)
            .map(|(i, item)| row(item, i == p.sel, word_w, theme, w)),
    );
    rows.resize(list_h + 2, Vec::new());
    rows.push(footer(p, theme).cells);
    let lines: Vec<Line> = rows.iter().map(|l| to_line(&truncate(l, w))).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
