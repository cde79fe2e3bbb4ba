//! The Facets pane: a tab bar and the entries of the current tab, each with
//! its claim count under the pinned filters and the search.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::pane_block;
use super::theme::Theme;
use super::wrap::{NO_TAG, Styled, to_line, truncate, with_right};
use crate::app::geometry::{FacetRow, facet_rows, inner, tab_labels};
use crate::app::{Entry, Pane, State};

fn tab_bar(state: &State, theme: &Theme, width: u16) -> Line<'static> {
    let mut s = Styled::new();
    for (t, _, label) in tab_labels(state.tab(), width) {
        let style = if t == state.facets.tab {
            theme.selection(true)
        } else {
            theme.dim()
        };
        s.fixed(&label, style).fixed(" ", theme.plain());
    }
    to_line(&truncate(&s.cells, width as usize))
}

fn entry_line(state: &State, theme: &Theme, i: usize, e: &Entry, width: usize) -> Line<'static> {
    let selected = i == state.entry_sel();
    let focused = state.focus == Pane::Facets;
    let pin = match e.facet {
        Some(f) if state.query.filter.include.contains(&f) => "*",
        Some(f) if state.query.filter.exclude.contains(&f) => "!",
        _ => " ",
    };
    let mut s = Styled::new();
    s.fixed(if selected { "▶" } else { " " }, theme.strong())
        .fixed(pin, theme.strong())
        .fixed(" ", theme.plain());
    let label_style = if e.count == 0 && !state.facets.counts_stale {
        theme.dim()
    } else {
        theme.plain()
    };
    if matches!(e.facet, Some(crate::filter::Facet::Region(_))) {
        s.fixed("◇ ", label_style);
    }
    s.text(&e.label, label_style, NO_TAG);
    // A tab just switched to: its counts come with the search results.
    let count = if state.facets.counts_stale {
        "   …".to_string()
    } else if e.regional > 0 {
        // Named claims, then those about its regions (listed with `r`).
        format!(" {:>3} +{}", e.count, e.regional)
    } else {
        format!(" {:>3}", e.count)
    };
    let mut cells = with_right(&s.cells, &count, label_style, theme.plain(), width);
    if selected {
        let sel = theme.selection(focused);
        cells.iter_mut().for_each(|c| c.style = c.style.patch(sel));
    }
    to_line(&truncate(&cells, width))
}

pub fn draw(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Facets;
    let title = Line::styled(" Facets ", theme.title(focused));
    frame.render_widget(pane_block(title, focused, theme), area);
    let inner = inner(area);
    if inner.height == 0 {
        return;
    }
    let rows = inner.height.saturating_sub(1) as usize;
    let mut lines = vec![tab_bar(state, theme, inner.width)];
    let width = inner.width as usize;
    lines.extend(facet_rows(state, rows).into_iter().map(|r| match r {
        FacetRow::Entry(i) => entry_line(state, theme, i, &state.facets.entries[i], width),
        FacetRow::Heading(h) => {
            let mut s = Styled::new();
            s.fixed(" ", theme.plain()).fixed(h, theme.strong());
            to_line(&truncate(&s.cells, width))
        }
    }));
    frame.render_widget(Paragraph::new(lines), inner);
}
