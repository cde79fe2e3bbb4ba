//! The one-line prompts: the note editor (`i`) and the name of a view
//! being saved (`v`), and the edited line with its cursor that the
//! palette shares. What is typed is shown through the sanitiser, a
//! character at a time, so an invisible character shows where it is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use super::wrap::{Cell, NO_TAG, Styled, to_line, truncate, wrap};
use crate::app::State;
use crate::app::geometry::prompt_area;
use crate::app::line_edit::{LineEdit, visible_range};
use crate::app::tools::{NoteEditor, ViewPrompt, current_view};

/// `line` in `room` columns with its cursor (reversed) while `editing`;
/// a window around the cursor when it is too long, cut ends marked `…`.
pub fn edit_cells(line: &LineEdit, style: Style, theme: &Theme, room: usize) -> Vec<Cell> {
    let units: Vec<Vec<Cell>> = line
        .text()
        .chars()
        .map(|c| {
            let mut s = Styled::new();
            s.text(c.encode_utf8(&mut [0; 4]), style, NO_TAG);
            s.cells
        })
        .collect();
    let widths: Vec<usize> = units
        .iter()
        .map(|u| u.iter().map(Cell::width).sum())
        .collect();
    // Room for the `…` marks when the line is cut.
    let fits = widths.iter().sum::<usize>() < room;
    let inner = if fits { room } else { room.saturating_sub(2) };
    let (a, b) = visible_range(&widths, line.cursor(), inner);
    let dots = |on: bool| -> Vec<Cell> {
        if on {
            vec![Cell {
                ch: '…',
                style: theme.dim(),
                tag: NO_TAG,
            }]
        } else {
            Vec::new()
        }
    };
    let mut out = dots(a > 0);
    for (i, unit) in units.iter().enumerate().take(b).skip(a) {
        let mut unit = unit.clone();
        if i == line.cursor() {
            unit.iter_mut()
                .for_each(|c| c.style = c.style.patch(theme.selection(true)));
        }
        out.extend(unit);
    }
    if line.cursor() >= units.len() {
        out.push(Cell {
            ch: ' ',
            style: theme.selection(true),
            tag: NO_TAG,
        });
    }
    out.extend(dots(b < units.len()));
    out
}

fn frame_box(frame: &mut Frame, full: Rect, title: String, theme: &Theme) -> Rect {
    let area = prompt_area(full);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(title, theme.title(true)));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

/// `label` then the edited line, on one row of `w` columns.
fn field(label: &str, line: &LineEdit, theme: &Theme, w: usize) -> Vec<Cell> {
    let mut s = Styled::new();
    s.fixed(&format!(" {label} "), theme.strong());
    let room = w.saturating_sub(s.width() + 1);
    [s.cells, edit_cells(line, theme.plain(), theme, room)].concat()
}

/// Rows of `text` wrapped in `w` columns, indented one.
fn para(text: &Styled, w: usize) -> Vec<Vec<Cell>> {
    wrap(&text.cells, w.saturating_sub(2), 0)
        .into_iter()
        .map(|l| {
            let mut row = vec![Cell {
                ch: ' ',
                style: Style::new(),
                tag: NO_TAG,
            }];
            row.extend(l);
            row
        })
        .collect()
}

fn render(frame: &mut Frame, inner: Rect, rows: Vec<Vec<Cell>>) {
    let w = inner.width as usize;
    let lines: Vec<Line> = rows.iter().map(|l| to_line(&truncate(l, w))).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_note(state: &State, ed: &NoteEditor, theme: &Theme, frame: &mut Frame, full: Rect) {
    let c = state.store.claim_at(ed.claim);
    let title = format!(
        " Note on {} — Enter saves, Esc cancels ",
        crate::sanitize::inline(c.id())
    );
    let inner = frame_box(frame, full, title, theme);
    let w = inner.width as usize;
    let mut about = Styled::new();
    about.text(c.statement(), theme.dim(), NO_TAG);
    let mut rows: Vec<Vec<Cell>> = para(&about, w).into_iter().take(2).collect();
    rows.push(Vec::new());
    rows.push(field("Note", &ed.line, theme, w));
    rows.push(Vec::new());
    let mut say = Styled::new();
    if ed.confirm_discard {
        say.fixed(
            "You changed this note. Esc again discards the changes; Enter saves them.",
            theme.message(),
        );
    } else {
        say.fixed(
            "Enter saves the note and marks the claim; an empty note removes it. \
             Esc cancels (after asking, if you changed it).",
            theme.dim(),
        );
    }
    rows.extend(para(&say, w));
    render(frame, inner, rows);
}

pub fn draw_view_name(state: &State, p: &ViewPrompt, theme: &Theme, frame: &mut Frame, full: Rect) {
    let inner = frame_box(
        frame,
        full,
        " Save this view — Enter saves, Esc cancels ".into(),
        theme,
    );
    let w = inner.width as usize;
    let mut holds = Styled::new();
    holds.fixed("Holds: ", theme.label()).text(
        &current_view(state, "").describe(),
        theme.dim(),
        NO_TAG,
    );
    let mut rows = para(&holds, w);
    rows.push(Vec::new());
    rows.push(field("Name", &p.line, theme, w));
    rows.push(Vec::new());
    let mut say = Styled::new();
    if p.confirm {
        say.fixed("A view \"", theme.message())
            .text(p.line.text().trim(), theme.message(), NO_TAG)
            .fixed(
                "\" exists. Overwrite it? y overwrites · n keeps it",
                theme.message(),
            );
    } else if let Some(err) = &p.error {
        say.fixed("✗ ", theme.message())
            .text(err, theme.message(), NO_TAG);
    } else {
        say.fixed(
            "Restore it later with : then view NAME, or --open view:NAME.",
            theme.dim(),
        );
    }
    rows.extend(para(&say, w));
    render(frame, inner, rows);
}
