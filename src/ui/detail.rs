//! The Detail pane: a claim's facts and links on top, and below them its
//! source text scrolled to the quote. The quote is reversed and bold, hedge
//! cues in it underlined and search words bold and underlined, so none of
//! it depends on colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::pane_block;
use super::theme::Theme;
use super::wrap::{Cell, NO_TAG, Styled, to_line, truncate};
use crate::app::cells;
use crate::app::detail::Role;
use crate::app::geometry::{inner, list_offset};
use crate::app::{Pane, State};

type RoleCell = cells::Cell<Role>;

/// The style of a Detail cell; the link under the cursor stands out.
fn style(role: Role, tag: usize, state: &State, theme: &Theme) -> Style {
    match role {
        Role::None => Style::new(),
        Role::Plain => theme.plain(),
        Role::Strong => theme.strong(),
        Role::Badge => theme.badge(),
        Role::Label => theme.label(),
        Role::Hedge => theme.hedge(),
        Role::Link if state.link() == Some(tag) => theme.link_cursor(),
        Role::Link => theme.link(),
        Role::Source {
            quote,
            hedge,
            matched,
        } => {
            let mut s = theme.plain();
            if quote {
                s = s.patch(theme.quote());
            }
            if hedge {
                s = s.patch(theme.hedge());
            }
            if matched {
                s = s.patch(theme.search_match());
            }
            s
        }
    }
}

/// A laid-out line of Detail, styled.
fn styled(cells: &[RoleCell], state: &State, theme: &Theme) -> Line<'static> {
    let cells: Vec<Cell> = cells
        .iter()
        .map(|c| Cell {
            ch: c.ch,
            style: style(c.style, c.tag, state, theme),
            tag: c.tag,
        })
        .collect();
    to_line(&cells)
}

pub fn draw(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Detail;
    let id = state
        .detail
        .claim
        .map(|c| state.store.claim_at(c).id())
        .unwrap_or("");
    let title = Line::styled(
        format!(" Detail {} ", crate::sanitize::inline(id)),
        theme.title(focused),
    );
    frame.render_widget(pane_block(title, focused, theme), area);
    let Some(v) = state.detail_layout_in(inner(area)) else {
        let msg = Paragraph::new("No claim selected.").style(theme.dim());
        frame.render_widget(msg, inner(area));
        return;
    };
    let link_line = state
        .detail
        .link
        .and_then(|li| v.meta.iter().position(|l| l.iter().any(|c| c.tag == li)));
    // When the facts overflow, the last row says so instead of cutting silently.
    let overflow = v.meta.len() > v.meta_h && v.meta_h > 1;
    let rows = if overflow { v.meta_h - 1 } else { v.meta_h };
    // The link under the cursor stays in sight, and the facts under it
    // as far as they fit.
    let meta_off = match (&v.entity_facts, link_line) {
        (Some(f), Some(l)) => list_offset(f.end.saturating_sub(1), rows).min(l),
        _ => list_offset(link_line.unwrap_or(0), rows),
    };
    let meta = v.meta.iter().skip(meta_off).take(rows);
    let top = state.detail.top.min(v.max_top());
    let source = v.source.iter().skip(top).take(v.source_h);
    let mut lines: Vec<Line> = meta.map(|l| styled(l, state, theme)).collect();
    if overflow {
        let hidden = v.meta.len() - rows;
        lines.push(Line::styled(
            format!("⋯ {hidden} more lines: Tab walks the links"),
            theme.dim(),
        ));
    }
    if v.inner.height as usize > v.meta_h {
        let section = v.section_at(top);
        lines.push(heading(state, theme, section, v.inner.width as usize));
    }
    lines.extend(source.map(|l| styled(l, state, theme)));
    frame.render_widget(Paragraph::new(lines), v.inner);
}

/// The rule above the source text: the heading of the section being read
/// (at the top line shown) and the source's title.
fn heading(state: &State, theme: &Theme, section: Option<usize>, width: usize) -> Line<'static> {
    let Some(claim) = state.detail.claim else {
        return Line::default();
    };
    let source = state.store.source_of(claim);
    let section = section
        .and_then(|i| source.sections.get(i))
        .unwrap_or_else(|| state.store.section_of(claim));
    let mut s = Styled::new();
    s.fixed("── § ", theme.label())
        .text(&section.heading, theme.label(), NO_TAG)
        .fixed(" · ", theme.dim())
        .text(&state.store.source_of(claim).title, theme.dim(), NO_TAG)
        .fixed(" ", theme.dim());
    let fill = width.saturating_sub(s.width());
    s.fixed(&"─".repeat(fill), theme.dim());
    to_line(&truncate(&s.cells, width))
}
