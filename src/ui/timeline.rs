//! The timeline view (`t`) and the compare view, in place of Claims and
//! Detail: drawn from [`State::timeline_rows`] and [`State::listed_in`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::pane_block;
use super::stats::pad;
use super::theme::Theme;
use super::wrap::{Cell, NO_TAG, Styled, to_line, truncate, wrap};
use crate::app::geometry::inner;
use crate::app::{Pane, State};
use crate::timeline::Row;
use crate::words::plural;

/// Columns for the date, the source id and the count before the bar.
const DATE_W: usize = 12;
const COUNT_W: usize = 5;

pub fn draw(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(view) = state.timeline() else {
        return;
    };
    let focused = state.focus() != Pane::Facets;
    let (title, lines) = match view.compare {
        Some((a, b)) => compare(state, theme, inner(area), a, b, view.scroll),
        None => timeline(state, theme, inner(area), view.sel, view.first),
    };
    frame.render_widget(
        pane_block(Line::styled(title, theme.title(focused)), focused, theme),
        area,
    );
    let inner = inner(area);
    let text: Vec<Line> = lines
        .into_iter()
        .take(inner.height as usize)
        .map(|l| to_line(&truncate(&l, inner.width as usize)))
        .collect();
    frame.render_widget(Paragraph::new(text), inner);
}

/// One row a source: date, id, count and bar, title; the cursor row
/// highlighted, the source chosen for a comparison marked.
fn timeline(
    state: &State,
    theme: &Theme,
    area: Rect,
    sel: usize,
    first: Option<usize>,
) -> (String, Vec<Vec<Cell>>) {
    let rows = state.timeline_rows();
    let total: usize = rows.iter().map(|r| r.count).sum();
    let title = format!(
        " Timeline of {} in {} · Enter lists · c compares · t closes ",
        plural(total, "listed claim"),
        plural(rows.iter().filter(|r| r.count > 0).count(), "source")
    );
    let width = area.width as usize;
    let (id_w, bar_w, max) = columns(&rows, width);
    let height = area.height as usize;
    let top = sel.saturating_sub(height.saturating_sub(1));
    let lines = rows
        .iter()
        .enumerate()
        .skip(top)
        .map(|(i, r)| {
            let mut s = Styled::new();
            let chosen = first == Some(r.index);
            s.fixed(if chosen { "◆" } else { " " }, theme.strong());
            let date = r.published.as_deref().unwrap_or("undated");
            s.text(
                &format!("{date:<w$}", w = DATE_W - 1),
                theme.label(),
                NO_TAG,
            );
            s.text(&format!("{:<id_w$} ", r.source), theme.plain(), NO_TAG);
            s.fixed(&format!("{:>4} ", r.count), theme.strong());
            let len = (r.count * bar_w).div_ceil(max);
            s.fixed(&"█".repeat(len), theme.bar())
                .fixed(&" ".repeat(bar_w - len + 1), theme.plain());
            let style = if r.count == 0 {
                theme.dim()
            } else {
                theme.plain()
            };
            s.text(&r.title, style, NO_TAG);
            let mut cells = truncate(&s.cells, width);
            if i == sel {
                cells = pad(cells, width, theme);
                let sel = theme.selection(true);
                cells.iter_mut().for_each(|c| c.style = c.style.patch(sel));
            }
            cells
        })
        .collect();
    (title, lines)
}

/// The source id column's width, the bars' width and the count of a full
/// bar.
fn columns(rows: &[Row], width: usize) -> (usize, usize, usize) {
    let id_w = rows
        .iter()
        .map(|r| r.source.chars().count())
        .max()
        .unwrap_or(0)
        .min(22);
    let bar_w = (width.saturating_sub(DATE_W + id_w + COUNT_W + 3) / 3).clamp(4, 30);
    let max = rows.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    (id_w, bar_w, max)
}

/// Two columns, the listed claims of source `a` and of source `b`, each
/// under its date and title.
fn compare(
    state: &State,
    theme: &Theme,
    area: Rect,
    a: usize,
    b: usize,
    scroll: usize,
) -> (String, Vec<Vec<Cell>>) {
    let store = state.store();
    let title = format!(
        " Compare {} and {} · j/k scroll · Esc back ",
        store.sources()[a].id,
        store.sources()[b].id
    );
    let width = area.width as usize;
    let col = width.saturating_sub(3) / 2;
    let side = |s: usize| -> Vec<Vec<Cell>> {
        let src = &store.sources()[s];
        let listed = state.listed_in(s);
        let mut head = Styled::new();
        let date = src.published.as_deref().unwrap_or("undated");
        head.text(&format!("{date} {}", src.title), theme.label(), NO_TAG);
        let mut count = Styled::new();
        count.fixed(&plural(listed.len(), "listed claim"), theme.dim());
        let mut out = vec![head.cells, count.cells];
        // Each statement wrapped to the column, its id in front.
        for &c in listed.iter().skip(scroll) {
            let claim = store.claim_at(c);
            let mut s = Styled::new();
            s.text(claim.id(), theme.strong(), NO_TAG)
                .fixed(" ", theme.plain())
                .text(claim.statement(), theme.plain(), NO_TAG);
            out.extend(wrap(&s.cells, col, 2));
        }
        out
    };
    let (left, right) = (side(a), side(b));
    let rows = left.len().max(right.len());
    let mut gap = Styled::new();
    gap.fixed(" │ ", theme.border());
    let lines = (0..rows)
        .map(|r| {
            let mut l = pad(left.get(r).cloned().unwrap_or_default(), col, theme);
            l.extend(gap.cells.iter().copied());
            l.extend(truncate(right.get(r).map_or(&[][..], Vec::as_slice), col));
            l
        })
        .collect();
    (title, lines)
}
