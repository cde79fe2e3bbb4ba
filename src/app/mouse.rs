//! Mouse events: a click selects and focuses what is under it, the wheel
//! scrolls the pane under the pointer. Part of `update`.

use super::action::{Mouse, Move};
use super::briefing;
use super::geometry::{self, Rect};
use super::state::{Pane, State};
use super::update::{motion, select_claim, select_entry, set_tab};

/// Lines the mouse wheel moves.
const WHEEL: usize = 3;

pub(super) fn mouse(state: &mut State, action: Mouse) {
    let (col, row) = action.position();
    let Some((pane, rect)) = geometry::panes_of(state).at(col, row) else {
        return;
    };
    if state.stats.is_some() && pane != Pane::Facets {
        return stats_mouse(state, action);
    }
    match action {
        Mouse::Click { .. } => click(state, pane, rect, col, row),
        Mouse::ScrollUp { .. } => wheel(state, pane, false),
        _ => wheel(state, pane, true),
    }
}

fn click(state: &mut State, pane: Pane, rect: Rect, col: u16, row: u16) {
    let inner = geometry::inner(rect);
    if pane == Pane::Detail && state.detail.claim.is_none() {
        return;
    }
    state.focus = pane;
    if row < inner.y || row >= inner.bottom() {
        return;
    }
    let line = (row - inner.y) as usize;
    match pane {
        Pane::Facets if line == 0 => {
            if let Some(tab) =
                geometry::tab_at(state.facets.tab, inner.width, col.saturating_sub(inner.x))
            {
                set_tab(state, tab);
            }
        }
        Pane::Facets => {
            let h = inner.height.saturating_sub(1) as usize;
            let rows = geometry::facet_rows(state, h);
            if let Some(&geometry::FacetRow::Entry(idx)) = rows.get(line - 1) {
                select_entry(state, idx);
            }
        }
        Pane::Claims => {
            let per = geometry::claim_row_height(inner.width);
            let idx = geometry::claims_top(state) + line / per;
            if idx < state.claims.rows.len() {
                select_claim(state, idx);
            }
        }
        Pane::Detail => {}
    }
}

fn stats_mouse(state: &mut State, action: Mouse) {
    let step = match action {
        Mouse::ScrollUp { .. } => Move::Up,
        Mouse::ScrollDown { .. } => Move::Down,
        _ => {
            state.focus = Pane::Claims;
            return;
        }
    };
    for _ in 0..WHEEL {
        briefing::stats_key(state, step);
    }
}

fn wheel(state: &mut State, pane: Pane, down: bool) {
    let saved = state.focus;
    state.focus = pane;
    let a = if down { Move::Down } else { Move::Up };
    for _ in 0..WHEEL {
        motion(state, a);
    }
    state.focus = saved;
}
