//! The export dialog: scope, format and file name, and below them what
//! will be written, the confirmation to overwrite, or why writing failed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use super::wrap::{Cell, NO_TAG, Styled, to_line, truncate, wrap};
use crate::app::State;
use crate::app::dialog::{ExportDialog, FORMATS, Field, Scope};
use crate::export::GroupBy;

const WIDTH: u16 = 72;
const HEIGHT: u16 = 11;
/// Columns before a field's value: marker and label.
const LABEL_W: usize = 10;

fn area_for(full: Rect) -> Rect {
    let w = full.width.saturating_sub(4).min(WIDTH);
    let h = full.height.saturating_sub(2).min(HEIGHT);
    Rect::new(
        full.x + (full.width - w) / 2,
        full.y + (full.height - h) / 2,
        w,
        h,
    )
}

fn label(d: &ExportDialog, field: Field, theme: &Theme) -> Styled {
    let focused = d.field == field && !d.confirm;
    let mut s = Styled::new();
    s.fixed(if focused { "▶ " } else { "  " }, theme.strong());
    let style = if focused {
        theme.selection(true)
    } else {
        theme.strong()
    };
    s.fixed(field.label(), style);
    let used = 2 + field.label().chars().count();
    s.fixed(&" ".repeat(LABEL_W.saturating_sub(used)), theme.plain());
    s
}

/// `(•) chosen  ( ) other` radio buttons.
fn options(s: &mut Styled, items: &[(bool, String)], theme: &Theme) {
    for (i, (on, text)) in items.iter().enumerate() {
        if i > 0 {
            s.fixed("  ", theme.plain());
        }
        if *on {
            s.fixed("(•) ", theme.strong()).fixed(text, theme.strong());
        } else {
            s.fixed("( ) ", theme.dim()).fixed(text, theme.dim());
        }
    }
}

fn scope_line(state: &State, d: &ExportDialog, theme: &Theme) -> Styled {
    let mut s = label(d, Field::Scope, theme);
    let items: Vec<(bool, String)> = Scope::ALL
        .iter()
        .map(|&sc| {
            let n = state.scope_len(sc);
            let name = match sc {
                Scope::Marked => format!("marked ({n})"),
                Scope::Listed => format!("listed now ({n})"),
            };
            (sc == d.scope, name)
        })
        .collect();
    options(&mut s, &items, theme);
    s
}

fn format_line(d: &ExportDialog, theme: &Theme) -> Styled {
    let mut s = label(d, Field::Format, theme);
    let items: Vec<(bool, String)> = FORMATS
        .iter()
        .map(|&f| (f == d.format, f.label().to_string()))
        .collect();
    options(&mut s, &items, theme);
    s
}

fn group_line(d: &ExportDialog, theme: &Theme) -> Styled {
    let mut s = label(d, Field::Group, theme);
    let items: Vec<(bool, String)> = GroupBy::ALL
        .iter()
        .map(|&g| (g == d.group_by, g.as_str().to_string()))
        .collect();
    options(&mut s, &items, theme);
    if d.format != crate::export::Format::Markdown {
        // JSON and CSV give each claim once, ungrouped.
        s.fixed("  (Markdown)", theme.dim());
    }
    s
}

/// The file name, its end kept visible when it is too long, with a cursor
/// while it is being edited.
fn path_line(d: &ExportDialog, theme: &Theme, width: usize) -> Vec<Cell> {
    let head = label(d, Field::Path, theme);
    let editing = d.field == Field::Path && !d.confirm;
    let mut text = Styled::new();
    text.text(&d.path, theme.plain(), NO_TAG);
    let room = width.saturating_sub(LABEL_W + usize::from(editing));
    let mut cells = text.cells;
    let used: usize = cells.iter().map(Cell::width).sum();
    if used > room {
        let mut keep = Vec::new();
        let mut w = 1;
        for c in cells.iter().rev() {
            if w + c.width() > room {
                break;
            }
            w += c.width();
            keep.push(*c);
        }
        keep.push(Cell {
            ch: '…',
            style: theme.dim(),
            tag: NO_TAG,
        });
        keep.reverse();
        cells = keep;
    }
    if editing {
        cells.push(Cell {
            ch: ' ',
            style: theme.selection(true),
            tag: NO_TAG,
        });
    }
    [head.cells, cells].concat()
}

/// What Enter will do, or the question or error in the way.
fn status(state: &State, d: &ExportDialog, theme: &Theme) -> Styled {
    let mut s = Styled::new();
    if d.confirm {
        s.text(&d.path, theme.message(), NO_TAG).fixed(
            " exists. Overwrite it? y overwrite · n keep",
            theme.message(),
        );
    } else if let Some(err) = &d.error {
        s.fixed("✗ ", theme.message())
            .text(err, theme.message(), NO_TAG);
    } else {
        let n = state.scope_len(d.scope);
        s.fixed(
            &format!(
                "Enter writes {} as {}, with exact quotes and citations; \
                 a relative name is in the current directory. Ctrl-Y copies it instead (up to {} kB).",
                crate::words::plural(n, "claim"),
                d.format.label(),
                crate::app::briefing::MAX_COPY_BYTES / 1000
            ),
            theme.dim(),
        );
    }
    s
}

pub fn draw(state: &State, d: &ExportDialog, theme: &Theme, frame: &mut Frame, full: Rect) {
    let area = area_for(full);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(
            " Export briefing — Enter writes, Esc cancels ",
            theme.title(true),
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let mut rows: Vec<Vec<Cell>> = vec![
        Vec::new(),
        scope_line(state, d, theme).cells,
        format_line(d, theme).cells,
        group_line(d, theme).cells,
        path_line(d, theme, w),
        Vec::new(),
    ];
    rows.extend(
        wrap(&status(state, d, theme).cells, w.saturating_sub(2), 0)
            .into_iter()
            .map(|mut l| {
                let mut pad = Styled::new();
                pad.fixed("  ", theme.plain());
                pad.cells.append(&mut l);
                pad.cells
            }),
    );
    let lines: Vec<Line> = rows.iter().map(|l| to_line(&truncate(l, w))).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
