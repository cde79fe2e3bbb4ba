//! The timeline view (`t`): the sources in date order, each with the
//! listed claims that quote it, in place of Claims and Detail; and the
//! compare view: two sources side by side, their listed claims. Both
//! follow the filters, the lens, the search and the facet under the cursor,
//! like the list they count.

use super::action::{Go, Move};
use super::state::{Pane, State};
use crate::timeline::{self, Row};

/// The open timeline: a cursor on its rows, and the sources being compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineView {
    /// Cursor among the rows (sources in date order).
    pub(crate) sel: usize,
    /// The source chosen first for a comparison (`c`), waiting for the second.
    pub(crate) first: Option<usize>,
    /// Two sources side by side, and how far their lists are scrolled.
    pub(crate) compare: Option<(usize, usize)>,
    pub(crate) scroll: usize,
}

impl TimelineView {
    /// The two sources being compared, if the compare view is open.
    pub fn compared(&self) -> Option<(usize, usize)> {
        self.compare
    }
}

impl State {
    /// The timeline's rows over the claims listed now.
    pub fn timeline_rows(&self) -> Vec<Row> {
        let listed: Vec<usize> = self.claims.rows.iter().map(|r| r.claim).collect();
        timeline::rows(&self.store, &listed)
    }

    pub fn timeline(&self) -> Option<&TimelineView> {
        self.timeline.as_ref()
    }

    /// The listed claims quoting `source`, in list order.
    pub fn listed_in(&self, source: usize) -> Vec<usize> {
        self.claims
            .rows
            .iter()
            .map(|r| r.claim)
            .filter(|&c| self.store.claim_source(c) == source)
            .collect()
    }
}

/// `t`: opens the timeline (closing the stats view), or closes it.
pub(crate) fn toggle(state: &mut State) {
    if state.timeline.take().is_some() {
        return;
    }
    state.stats = None;
    state.timeline = Some(TimelineView::default());
    // The view takes the keys: it stands where Claims and Detail were.
    state.focus = Pane::Claims;
    state.message = Some(
        "Timeline of the listed claims: Enter lists a source's, c c compares two (t closes)".into(),
    );
}

/// Keys while the timeline has the focus; false lets `update` handle the
/// action.
pub(crate) fn key(state: &mut State, action: &super::Action) -> bool {
    use super::Action as A;
    let rows = state.timeline_rows();
    let Some(view) = state.timeline.as_mut() else {
        return false;
    };
    if let Some((a, b)) = view.compare {
        return compare_key(state, action, a, b);
    }
    let last = rows.len().saturating_sub(1);
    match action {
        A::Move(m) => view.sel = moved(*m, view.sel, last),
        A::Go(Go::Drill) => {
            if let Some(row) = rows.get(view.sel) {
                let source = row.index;
                state.timeline = None;
                super::update::jump_to_facet(state, crate::filter::Facet::Source(source));
            }
        }
        A::Go(Go::Back) => state.timeline = None,
        A::Go(Go::FocusPrev) => state.focus = Pane::Facets,
        A::Brief(super::action::Brief::Compare) => choose(state, &rows),
        _ => return false,
    }
    true
}

/// `c` on a row: the first source of a comparison, then the second.
fn choose(state: &mut State, rows: &[Row]) {
    let Some(view) = state.timeline.as_mut() else {
        return;
    };
    let Some(row) = rows.get(view.sel) else {
        return;
    };
    let id = state.store.sources()[row.index].id.clone();
    match view.first.take() {
        Some(first) if first != row.index => {
            view.compare = Some((first, row.index));
            view.scroll = 0;
            state.message = Some("Comparing: j/k scroll, Esc back to the timeline".into());
        }
        _ => {
            view.first = Some(row.index);
            state.message = Some(format!(
                "Compare {} with…: move to another source and press c",
                crate::sanitize::inline(&id)
            ));
        }
    }
}

fn compare_key(state: &mut State, action: &super::Action, a: usize, b: usize) -> bool {
    use super::Action as A;
    let longest = state.listed_in(a).len().max(state.listed_in(b).len());
    let Some(view) = state.timeline.as_mut() else {
        return false;
    };
    let last = longest.saturating_sub(1);
    match action {
        A::Move(m) => view.scroll = moved(*m, view.scroll, last),
        A::Go(Go::Back)
        | A::Brief(super::action::Brief::Compare | super::action::Brief::ToggleTimeline) => {
            view.compare = None
        }
        A::Go(Go::FocusPrev) => state.focus = Pane::Facets,
        _ => return false,
    }
    true
}

/// Where a motion takes a cursor at `at` among rows `0..=last`.
fn moved(m: Move, at: usize, last: usize) -> usize {
    match m {
        Move::Up => at.saturating_sub(1),
        Move::Down => (at + 1).min(last),
        Move::PageUp => at.saturating_sub(10),
        Move::PageDown => (at + 10).min(last),
        Move::Top => 0,
        Move::Bottom => last,
    }
}
