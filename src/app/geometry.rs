//! Where things are on the screen: the pane layout, the rows each list
//! shows and how far each view can scroll. `update` uses it for paging,
//! scrolling and mouse clicks, and the views draw into the same rectangles,
//! so the two cannot disagree. The only place in `app` that knows ratatui's
//! [`Rect`].

use std::ops::Range;

pub use ratatui::layout::Rect;

use super::help;
use super::state::{Pane, State, Tab};
use crate::stats::Stats;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Width of the Facets column when all three panes are shown: at least
/// this, and a fifth of a wider screen, so long names fit there too.
const FACETS_WIDTH: u16 = 28;
const FACETS_MAX: u16 = 48;

/// Where each part of the screen goes; a pane is `None` when hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub top: Rect,
    pub status: Rect,
    pub facets: Option<Rect>,
    pub claims: Option<Rect>,
    pub detail: Option<Rect>,
}

impl Panes {
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Facets => self.facets,
            Pane::Claims => self.claims,
            Pane::Detail => self.detail,
        }
    }

    /// The pane under a screen position.
    pub fn at(&self, col: u16, row: u16) -> Option<(Pane, Rect)> {
        Pane::ALL.into_iter().find_map(|p| {
            let r = self.get(p)?;
            let inside = col >= r.x && col < r.right() && row >= r.y && row < r.bottom();
            inside.then_some((p, r))
        })
    }
}

/// Layout of a `width` x `height` screen with `focus` shown in narrow mode.
pub fn layout(width: u16, height: u16, focus: Pane) -> Panes {
    let top = Rect::new(0, 0, width, height.min(1));
    let status = Rect::new(0, height.saturating_sub(1), width, height.min(1));
    let body = Rect::new(0, 1, width, height.saturating_sub(2));
    let mut panes = Panes {
        top,
        status,
        facets: None,
        claims: None,
        detail: None,
    };
    if width >= 100 {
        let facets_w = (width / 5).clamp(FACETS_WIDTH, FACETS_MAX).min(width / 3);
        let rest = width - facets_w;
        let claims_w = rest / 2;
        panes.facets = Some(Rect {
            width: facets_w,
            ..body
        });
        panes.claims = Some(Rect {
            x: facets_w,
            width: claims_w,
            ..body
        });
        panes.detail = Some(Rect {
            x: facets_w + claims_w,
            width: rest - claims_w,
            ..body
        });
    } else {
        match focus {
            Pane::Facets => panes.facets = Some(body),
            Pane::Claims => panes.claims = Some(body),
            Pane::Detail => panes.detail = Some(body),
        }
    }
    panes
}

/// The layout `state` is drawn with.
pub fn panes_of(state: &State) -> Panes {
    layout(state.screen.width, state.screen.height, state.focus)
}

/// Inside of a bordered pane (what `Block::bordered().inner` gives).
pub fn inner(r: Rect) -> Rect {
    let x = r.x.saturating_add(1).min(r.right());
    let y = r.y.saturating_add(1).min(r.bottom());
    Rect {
        x,
        y,
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// First list row shown so that row `sel` is visible in `height` rows.
pub fn list_offset(sel: usize, height: usize) -> usize {
    sel.saturating_sub(height.saturating_sub(1))
}

/// First row of a `len`-row list shown in `height` rows, given the first
/// row shown before: it moves only as far as it must for row `sel` to be
/// visible, and leaves no empty rows at the end that list rows could fill.
/// A cursor moving inside the shown rows then moves only the cursor, where
/// [`list_offset`] keeps it on the bottom row once the list has scrolled and
/// scrolls the whole list on every move back up (see bench/RESULTS.md for
/// the bytes this saves).
pub fn scroll_top(top: usize, sel: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let top = if sel < top {
        sel
    } else if sel >= top + height {
        sel + 1 - height
    } else {
        top
    };
    top.min(len.saturating_sub(height))
}

/// Rows of a list pane a page motion moves.
pub fn page(state: &State, pane: Pane) -> usize {
    let panes = layout(state.screen.width, state.screen.height, pane);
    let Some(inner) = panes.get(pane).map(inner) else {
        return 1;
    };
    match pane {
        Pane::Claims => (inner.height as usize / claim_row_height(inner.width))
            .saturating_sub(1)
            .max(1),
        _ => (inner.height as usize).saturating_sub(2).max(1),
    }
}

// The Claims pane.

/// Rows take two lines, the statement wrapped over both, so that rows
/// show a statement's point at every width; a pane too narrow to wrap in
/// gets one.
pub fn claim_row_height(inner_width: u16) -> usize {
    if inner_width < 20 { 1 } else { 2 }
}

/// First row shown and rows shown when the claims pane is drawn in `area`,
/// so that the cursor row is visible.
pub fn claim_rows_in(state: &State, area: Rect) -> (usize, usize) {
    let inner = inner(area);
    let rows = (inner.height as usize / claim_row_height(inner.width)).max(1);
    let top = scroll_top(
        state.claims.top,
        state.claims.sel,
        state.claims.rows.len(),
        rows,
    );
    (top, rows)
}

fn claims_area(state: &State) -> Option<Rect> {
    layout(state.screen.width, state.screen.height, Pane::Claims).claims
}

/// How many rows the claims pane shows (when shown: in the narrow layout
/// it is the pane the focus is on).
pub fn claim_rows_shown(state: &State) -> usize {
    claims_area(state).map_or(1, |area| claim_rows_in(state, area).1)
}

/// The indexes in the claims list of the rows the pane draws: the rows
/// whose highlights are computed.
pub fn claim_window(state: &State) -> Range<usize> {
    let Some(area) = claims_area(state) else {
        return 0..0;
    };
    let (off, rows) = claim_rows_in(state, area);
    let end = (off + rows).min(state.claims.rows.len());
    off.min(end)..end
}

/// First listed claim the pane shows; see [`scroll_top`].
pub fn claims_top(state: &State) -> usize {
    claims_area(state).map_or(0, |area| claim_rows_in(state, area).0)
}

// The Facets pane.

/// Tab labels as drawn, with their start columns: full names when they fit,
/// otherwise the current tab named and the others by number.
pub fn tab_labels(current: Tab, width: u16) -> Vec<(Tab, u16, String)> {
    let full: Vec<String> = Tab::ALL
        .iter()
        .map(|t| format!("{} {}", t.index() + 1, t.label()))
        .collect();
    let needed: usize = full.iter().map(|s| s.chars().count() + 1).sum();
    let labels: Vec<String> = if needed <= width as usize {
        full
    } else {
        Tab::ALL
            .iter()
            .zip(full)
            .map(|(&t, f)| {
                if t == current {
                    f
                } else {
                    (t.index() + 1).to_string()
                }
            })
            .collect()
    };
    let mut x = 0u16;
    let mut out = Vec::new();
    for (t, label) in Tab::ALL.into_iter().zip(labels) {
        let w = label.chars().count() as u16;
        out.push((t, x, label));
        x = x.saturating_add(w + 1);
    }
    out
}

/// The tab whose label covers column `col` of the tab bar.
pub fn tab_at(current: Tab, width: u16, col: u16) -> Option<Tab> {
    tab_labels(current, width)
        .into_iter()
        .find(|(_, x, label)| col >= *x && col < x + label.chars().count() as u16)
        .map(|(t, _, _)| t)
}

/// A line of the Facets list: an entry (by index) or a group heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetRow {
    Entry(usize),
    Heading(&'static str),
}

/// The heading drawn above entry `i` where a new group starts: the
/// Attribution tab lists layers, then certainty, two scales not to be
/// read as one.
fn facet_heading(entries: &[super::Entry], i: usize) -> Option<&'static str> {
    use crate::filter::Facet;
    let group = |j: usize| match entries.get(j).and_then(|e| e.facet) {
        Some(Facet::Layer(_)) => Some("Layer"),
        Some(Facet::Certainty(_)) => Some("Certainty"),
        _ => None,
    };
    let g = group(i)?;
    (i == 0 || group(i - 1) != Some(g)).then_some(g)
}

/// The lines of the Facets list shown in `height` rows (below the tab
/// bar), scrolled so that the selected entry is visible: what the pane
/// draws and what a click picks.
pub fn facet_rows(state: &State, height: usize) -> Vec<FacetRow> {
    let entries = &state.facets.entries;
    let sel = state.entry_sel();
    if state.facets.tab != Tab::Attribution {
        let off = list_offset(sel, height);
        let end = entries.len().min(off + height);
        return (off.min(end)..end).map(FacetRow::Entry).collect();
    }
    let mut rows = Vec::with_capacity(height);
    // Only the short Attribution tab has headings: the selected entry's
    // line is its index plus the headings before it.
    let headings_before = (0..=sel.min(entries.len()))
        .filter(|&i| facet_heading(entries, i).is_some())
        .count();
    let mut skip = list_offset(sel + headings_before, height);
    for i in 0..entries.len() {
        if let Some(h) = facet_heading(entries, i) {
            match skip {
                0 => rows.push(FacetRow::Heading(h)),
                _ => skip -= 1,
            }
        }
        match skip {
            0 => rows.push(FacetRow::Entry(i)),
            _ => skip -= 1,
        }
        if rows.len() >= height {
            rows.truncate(height);
            break;
        }
    }
    rows
}

// The Detail pane.

/// Where Detail is drawn, also while another pane has focus in narrow mode,
/// so scrolling can be prepared before the pane is shown.
pub fn detail_rect(state: &State) -> Rect {
    layout(state.screen.width, state.screen.height, Pane::Detail)
        .detail
        .unwrap_or_default()
}

// The stats view.

/// Space between bar columns.
pub const STATS_GAP: usize = 3;
/// Narrowest bar column; below it the three lists are stacked.
pub const STATS_MIN_COLUMN: usize = 22;

/// Width of each of the three bar columns side by side, or `None` when
/// they are stacked.
pub fn stats_bar_column(width: usize) -> Option<usize> {
    let col = width.saturating_sub(2 * STATS_GAP) / 3;
    (col >= STATS_MIN_COLUMN).then_some(col)
}

/// Lines of the stats document at an inner width of `width`: the bar
/// lists (side by side or stacked), a blank, then the theme × country table.
pub fn stats_lines(stats: Option<&Stats>, width: usize) -> usize {
    let Some(stats) = stats.filter(|s| s.claims > 0) else {
        return 1;
    };
    let mut lists = [&stats.countries, &stats.actors, &stats.themes].map(|l| 1 + l.len());
    let regions = match stats.regions.len() {
        0 => 0,
        n => 1 + n,
    };
    let bars = match stats_bar_column(width) {
        // Stacked, the regions follow the countries with a blank line.
        None => lists.iter().map(|n| n + 1).sum::<usize>() + regions + usize::from(regions > 0),
        Some(_) => {
            // Side by side, they stand under the countries in its column.
            lists[0] += regions + usize::from(regions > 0);
            lists.into_iter().max().unwrap_or(0) + 1
        }
    };
    bars + 2 + stats.themes.len()
}

/// Where the stats view is drawn: Claims and Detail together in the wide
/// layout, the single pane otherwise; `None` while Facets has the narrow screen.
pub fn stats_area(state: &State) -> Option<Rect> {
    let panes = panes_of(state);
    match (panes.claims, panes.detail) {
        (Some(c), Some(d)) => Some(Rect {
            width: d.right() - c.x,
            ..c
        }),
        (c, d) => c.or(d),
    }
}

fn stats_inner(state: &State) -> Rect {
    stats_area(state).map(inner).unwrap_or_default()
}

pub fn stats_max_scroll(state: &State) -> u16 {
    if state.stats.is_none() {
        return 0;
    }
    let inner = stats_inner(state);
    let n = stats_lines(state.stats_data(), inner.width as usize);
    n.saturating_sub(inner.height as usize) as u16
}

/// Lines a page scroll of the stats view moves.
pub fn stats_page(state: &State) -> u16 {
    stats_inner(state).height.saturating_sub(1).max(1)
}

// The help overlay.

/// Where the help overlay goes on a `full` screen.
pub fn help_area(full: Rect) -> Rect {
    let w = full.width.saturating_sub(2).min(120);
    let h = full.height.saturating_sub(2);
    Rect::new(full.x + (full.width - w) / 2, full.y + 1, w, h)
}

/// Lines the help scrolls by a page: its height less one line kept.
pub fn help_page(state: &State) -> u16 {
    let area = help_area(Rect::new(0, 0, state.screen.width, state.screen.height));
    inner(area).height.saturating_sub(1).max(1)
}

pub fn help_max_scroll(state: &State) -> u16 {
    let area = help_area(Rect::new(0, 0, state.screen.width, state.screen.height));
    let inner = inner(area);
    let cols = help::columns(inner.width);
    let longest = cols.iter().map(Vec::len).max().unwrap_or(0) as u16;
    longest.saturating_sub(inner.height)
}

/// The command palette: near the top, wide enough for a command and what
/// it does, at most 22 rows.
pub fn palette_area(full: Rect) -> Rect {
    let w = full.width.saturating_sub(4).min(100);
    let h = full.height.saturating_sub(4).min(22);
    Rect::new(full.x + (full.width - w) / 2, full.y + 2, w, h)
}

/// The one-line prompts (a note, a view's name): centred, 9 rows.
pub fn prompt_area(full: Rect) -> Rect {
    let w = full.width.saturating_sub(4).min(76);
    let h = full.height.saturating_sub(2).min(9);
    Rect::new(
        full.x + (full.width - w) / 2,
        full.y + (full.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_is_what_a_bordered_block_leaves() {
        use ratatui::widgets::Block;
        for r in [
            Rect::new(0, 0, 0, 0),
            Rect::new(3, 4, 1, 1),
            Rect::new(3, 4, 2, 5),
            Rect::new(10, 1, 60, 38),
        ] {
            assert_eq!(inner(r), Block::bordered().inner(r), "{r:?}");
        }
    }
}
