//! All behaviour: `update` applies one [`Action`] to the [`State`]. No
//! terminal here, so every binding is unit-tested directly.

use super::action::{Action, Go, Jump, Mouse, Move, Outcome, Pin, SearchEdit};
use super::briefing;
use super::find;
use super::geometry;
use super::restore;
use super::state::{Anchor, Cursor, DoneMessage, Link, Nav, Overlay, Pane, SearchLine, State, Tab};
use crate::session::Restore;

/// History entries kept; older ones are dropped.
const HISTORY_MAX: usize = 200;

pub fn update(state: &mut State, action: Action) {
    match action {
        Action::Outcome(outcome) => receive(state, outcome),
        action => apply(state, action),
    }
    // Where the claims list is now scrolled to, so that the next move
    // scrolls it only if the cursor leaves the rows shown.
    state.claims.top = geometry::claims_top(state);
    // Detail's layout kept up to date for drawing.
    state.detail_layout();
    request_highlights(state);
}

/// Asks the worker for the highlights of the rows the claims list shows
/// that lack them.
fn request_highlights(state: &mut State) {
    let rows = geometry::claim_window(state);
    let rows = &state.claims.rows[rows];
    if let Some(req) = state.claims.highlights.missing(rows) {
        state.effects.push(super::state::Effect::Highlight(req));
    }
}

/// Applies what came back from outside: worker replies, the saved
/// session, messages. The status line keeps its message.
fn receive(state: &mut State, outcome: Outcome) {
    match outcome {
        Outcome::Searched(found) => state.receive(*found),
        Outcome::Highlighted(h) => state.claims.highlights.receive(*h),
        Outcome::Session(found) => {
            state.message = match *found {
                Restore::Fresh => return,
                Restore::Found(saved) => Some(restore::apply(state, saved)),
                Restore::Unusable(msg) => {
                    Some(format!("{}; starting fresh", crate::sanitize::inline(&msg)))
                }
            }
        }
        Outcome::Message(msg) => state.message = Some(msg),
    }
}

fn apply(state: &mut State, action: Action) {
    if !matches!(action, Action::Resize { .. }) {
        state.message = None;
    }
    if !matches!(action, Action::Quit | Action::Resize { .. }) {
        match state.overlay {
            Overlay::Help { .. } => return help(state, action),
            Overlay::Export(_) => return briefing::dialog(state, action),
            Overlay::Palette(_) | Overlay::Note(_) | Overlay::ViewName(_) => {
                // The palette hands back the action chosen, run as if keyed.
                if let Some(run) = super::tools::overlay_key(state, action) {
                    apply(state, run);
                }
                return;
            }
            Overlay::None => {}
        }
    }
    if stats_focused(state) && stats_view(state, &action) {
        return;
    }
    let timeline_focused = state.timeline.is_some() && state.focus != Pane::Facets;
    if timeline_focused && super::timeline::key(state, &action) {
        return;
    }
    match action {
        Action::Quit => state.quit = true,
        Action::Close if state.stats.is_some() => {
            briefing::handle(state, super::action::Brief::ToggleStats)
        }
        Action::Close => state.quit = true,
        Action::ToggleHelp => state.overlay = Overlay::Help { scroll: 0 },
        Action::Resize { width, height } => resize(state, width, height),
        Action::Move(m) => motion(state, m),
        Action::Go(go) => go_to(state, go),
        Action::Pin(pin) => filters(state, pin),
        Action::Search(edit) => search(state, edit),
        Action::Jump(j @ (Jump::NextMatch | Jump::PrevMatch)) => matches(state, j),
        Action::Jump(j) => links(state, j),
        Action::Mouse(m) => super::mouse::mouse(state, m),
        Action::Brief(b) => briefing::handle(state, b),
        Action::Tool(t) => super::tools::tool(state, t),
        // Dialog and editing keys are handled above while their overlay
        // is open; outcomes by `update`.
        Action::Dialog(_) | Action::Edit(_) | Action::Outcome(_) => {}
    }
}

fn go_to(state: &mut State, go: Go) {
    match go {
        Go::FocusNext | Go::FocusPrev | Go::Drill | Go::Back => navigate(state, go),
        Go::HistoryBack | Go::HistoryForward => history(state, go),
        Go::TabNext | Go::TabPrev | Go::SelectTab(_) => tabs(state, go),
        Go::Open(target) => open_target(state, target),
    }
}

/// The stats view is shown in place of Claims and Detail and has the focus.
fn stats_focused(state: &State) -> bool {
    state.stats.is_some() && state.focus != Pane::Facets
}

/// Keys the stats view takes over; false lets `update` handle the action.
fn stats_view(state: &mut State, action: &Action) -> bool {
    match action {
        Action::Move(m) => briefing::stats_key(state, *m),
        Action::Go(Go::Drill | Go::FocusNext) => {
            state.message = Some("The stats follow the filters: s closes them".into())
        }
        Action::Go(Go::Back | Go::FocusPrev) => state.focus = Pane::Facets,
        _ => return false,
    }
    true
}

/// Opens the explorer at a deep-link target: a claim in Detail, or a
/// country, actor or theme selected on its tab with its claims listed.
fn open_target(state: &mut State, target: crate::target::Target) {
    use crate::filter::Facet;
    use crate::model::Kind;
    let facet = match target.kind {
        Kind::Country => Facet::Country(target.index),
        Kind::Region => Facet::Region(target.index),
        Kind::Actor => Facet::Actor(target.index),
        Kind::Theme => Facet::Theme(target.index),
        Kind::Claim => {
            state.show_claim(Some(target.index));
            sync_cursor(state);
            state.focus = Pane::Detail;
            if !state.claims.rows.iter().any(|h| h.claim == target.index) {
                state.message = Some("This claim is hidden by the filters: x clears them".into());
            }
            return;
        }
        Kind::Source => Facet::Source(target.index),
    };
    jump_to_facet(state, facet);
}

/// Selects `f` on its tab and focuses the claims it lists.
pub(crate) fn jump_to_facet(state: &mut State, f: crate::filter::Facet) {
    let tab = Tab::of(f);
    let pos = tab.facets(&state.store).iter().position(|&x| x == f);
    state.facets.tab = tab;
    state.facets.sel[tab.index()] = pos.map_or(0, |p| p + 1);
    state.focus = Pane::Claims;
    // The cursor stays on its claim if the facet lists it; Detail follows.
    state.refresh();
}

fn help(state: &mut State, action: Action) {
    let max = geometry::help_max_scroll(state);
    let page = geometry::help_page(state);
    let Overlay::Help { scroll } = &mut state.overlay else {
        return;
    };
    match action {
        Action::ToggleHelp
        | Action::Close
        | Action::Go(Go::Back)
        | Action::Mouse(Mouse::Click { .. }) => state.overlay = Overlay::None,
        Action::Move(Move::Up) | Action::Mouse(Mouse::ScrollUp { .. }) => {
            *scroll = scroll.saturating_sub(1)
        }
        Action::Move(Move::Down) | Action::Mouse(Mouse::ScrollDown { .. }) => {
            *scroll = (*scroll + 1).min(max)
        }
        Action::Move(Move::PageDown) => *scroll = scroll.saturating_add(page).min(max),
        Action::Move(Move::PageUp) => *scroll = scroll.saturating_sub(page),
        Action::Move(Move::Top) => *scroll = 0,
        Action::Move(Move::Bottom) => *scroll = max,
        _ => {}
    }
}

fn resize(state: &mut State, width: u16, height: u16) {
    state.screen.width = width;
    state.screen.height = height;
    // Wrapping changed, so the old line number no longer points at the quote.
    state.detail.top = state.top_for_anchor();
    let (help_max, stats_max) = (
        geometry::help_max_scroll(state),
        geometry::stats_max_scroll(state),
    );
    if let Overlay::Help { scroll } = &mut state.overlay {
        *scroll = (*scroll).min(help_max);
    }
    if let Some(view) = state.stats.as_mut() {
        view.scroll = view.scroll.min(stats_max);
    }
}

/// `cur` moved by a motion action within `len` rows, `page` rows a page.
fn step(cur: usize, len: usize, action: Move, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Move::Up => cur.saturating_sub(1),
        Move::Down => (cur + 1).min(last),
        Move::Top => 0,
        Move::Bottom => last,
        Move::PageUp => cur.saturating_sub(page),
        Move::PageDown => (cur + page).min(last),
    }
}

pub(super) fn motion(state: &mut State, action: Move) {
    match state.focus {
        Pane::Facets => {
            let sel = step(
                state.entry_sel(),
                state.facets.entries.len(),
                action,
                geometry::page(state, Pane::Facets),
            );
            select_entry(state, sel);
        }
        Pane::Claims => {
            let sel = step(
                state.claims.sel,
                state.claims.rows.len(),
                action,
                geometry::page(state, Pane::Claims),
            );
            select_claim(state, sel);
        }
        Pane::Detail => {
            let max = state.detail_max_top() + 1;
            let page = state.detail_source_height();
            state.detail.top = step(state.detail.top, max, action, page);
        }
    }
}

/// Moves the facet cursor; the claims list follows live, from its top.
pub(super) fn select_entry(state: &mut State, sel: usize) {
    if sel == state.entry_sel() {
        return;
    }
    state.facets.sel[state.facets.tab.index()] = sel;
    state.refresh_with(Cursor::Top, None);
}

pub(super) fn select_claim(state: &mut State, sel: usize) {
    state.claims.sel = sel.min(state.claims.rows.len().saturating_sub(1));
    let claim = state.selected_hit().map(|h| h.claim);
    state.show_claim(claim);
}

/// Points the claims cursor at the Detail claim when it is listed.
fn sync_cursor(state: &mut State) {
    if let Some(pos) = state
        .claims
        .rows
        .iter()
        .position(|h| Some(h.claim) == state.detail.claim)
    {
        state.claims.sel = pos;
    }
}

fn navigate(state: &mut State, action: Go) {
    match (&action, state.focus) {
        (Go::Drill, Pane::Facets) => {
            record(state);
            state.focus = Pane::Claims;
        }
        (Go::Drill, Pane::Claims) | (Go::FocusNext, Pane::Claims) => open_detail(state, action),
        (Go::Drill, Pane::Detail) => follow_link(state),
        (Go::FocusNext, Pane::Facets) => state.focus = Pane::Claims,
        (Go::FocusNext, Pane::Detail) => links(state, Jump::NextLink),
        (Go::Back, Pane::Facets) if state.stats.is_some() => {
            briefing::handle(state, super::action::Brief::ToggleStats)
        }
        (Go::Back, Pane::Facets) => state.message = Some("Already at the facets: q quits".into()),
        (Go::Back, _) | (Go::FocusPrev, _) => go_left(state, action == Go::Back),
        _ => {}
    }
}

fn open_detail(state: &mut State, action: Go) {
    let Some(claim) = state.selected_hit().map(|h| h.claim) else {
        state.message = Some("No claim to open: x clears the filters".into());
        return;
    };
    if action == Go::Drill {
        record(state);
    }
    state.show_claim(Some(claim));
    state.focus = Pane::Detail;
}

fn go_left(state: &mut State, recorded: bool) {
    if state.focus == Pane::Facets {
        return;
    }
    if recorded {
        record(state);
    }
    state.focus = state.focus.prev();
    sync_cursor(state);
    state.refresh();
}

fn record(state: &mut State) {
    let nav = state.nav();
    if state.history.back.last() != Some(&nav) {
        state.history.back.push(nav);
    }
    if state.history.back.len() > HISTORY_MAX {
        state.history.back.remove(0);
    }
    state.history.forward.clear();
}

fn history(state: &mut State, action: Go) {
    let here = state.nav();
    let (from, to) = match action {
        Go::HistoryBack => (&mut state.history.back, &mut state.history.forward),
        _ => (&mut state.history.forward, &mut state.history.back),
    };
    let Some(nav) = from.pop() else {
        let which = if action == Go::HistoryBack {
            "earlier"
        } else {
            "later"
        };
        state.message = Some(format!("No {which} place in the history"));
        return;
    };
    to.push(here);
    restore(state, nav);
}

fn restore(state: &mut State, nav: Nav) {
    state.facets.tab = nav.tab;
    state.facets.sel[nav.tab.index()] = nav.entry;
    state.focus = nav.focus;
    if nav.focus == Pane::Detail {
        state.show_claim(nav.claim);
    }
    // The cursor goes back to the claim if it is listed, and Detail with it.
    match nav.claim {
        Some(c) => state.refresh_with(Cursor::Prefer(c), None),
        None => state.refresh(),
    }
}

fn tabs(state: &mut State, action: Go) {
    let tab = match action {
        Go::TabNext => state.facets.tab.cycle(1),
        Go::TabPrev => state.facets.tab.cycle(-1),
        Go::SelectTab(t) => t,
        _ => state.facets.tab,
    };
    state.focus = Pane::Facets;
    set_tab(state, tab);
}

pub(super) fn set_tab(state: &mut State, tab: Tab) {
    if tab != state.facets.tab {
        state.facets.tab = tab;
        state.refresh();
    }
}

fn filters(state: &mut State, action: Pin) {
    if action == Pin::Clear {
        state.query.filter.clear();
        state.query.text.clear();
        // The entry under the facet cursor lists its claims live: back to All.
        state.facets.sel.iter_mut().for_each(|sel| *sel = 0);
        state.message = Some(cleared_message(state));
        state.refresh();
        return;
    }
    if action == Pin::Regions {
        let on = !state.query.filter.with_regions;
        state.query.filter.with_regions = on;
        state.message = Some(if on {
            "Countries now list their regions' claims too, marked ◇ (r: named only)".into()
        } else {
            "Countries list only the claims that name them (r: add regional)".into()
        });
        state.refresh();
        return;
    }
    let Some(f) = state.selected_entry().and_then(|e| e.facet) else {
        state.message = Some("Pick an entry to pin: \"All\" is not a filter".into());
        return;
    };
    let label = f.label(&state.store);
    if action == Pin::Include {
        state.query.filter.toggle_include(f);
    } else {
        state.query.filter.toggle_exclude(f);
    }
    let now = if state.query.filter.include.contains(&f) {
        "Pinned +"
    } else if state.query.filter.exclude.contains(&f) {
        "Excluding -"
    } else {
        "Unpinned "
    };
    state.message = Some(format!("{now}{}", crate::sanitize::inline(&label)));
    state.refresh();
}

/// What `x` says: cleared, and what it leaves filtering.
fn cleared_message(state: &State) -> String {
    let mut still = Vec::new();
    if state.briefing.lens != super::lens::Lens::All {
        still.push(format!(
            "the {} lens (a: next lens)",
            state.briefing.lens.label()
        ));
    }
    if state.briefing.marked_only {
        still.push("marked claims only (M: all)".to_string());
    }
    if still.is_empty() {
        "Filters and search cleared".into()
    } else {
        format!(
            "Filters and search cleared; still listing {}",
            still.join(" and ")
        )
    }
}

fn search(state: &mut State, action: SearchEdit) {
    match action {
        SearchEdit::Open => {
            let saved = state.query.text.clone();
            state.query.line = Some(SearchLine {
                input: saved.clone(),
                saved,
            });
            // The results are where the search shows them, from Detail
            // too: Detail follows the cursor over them.
            state.focus = Pane::Claims;
        }
        SearchEdit::Input(c) => edit(state, |s| s.push(c)),
        SearchEdit::Backspace => edit(state, |s| {
            s.pop();
        }),
        SearchEdit::Clear => edit(state, String::clear),
        SearchEdit::Accept => {
            let line = state.query.line.take();
            state.query.text = line.map(|l| l.input.trim().to_string()).unwrap_or_default();
            finish_search(state);
        }
        SearchEdit::Cancel => {
            if let Some(line) = state.query.line.take() {
                state.query.text = line.saved;
            }
            finish_search(state);
        }
    }
}

/// Changes the search line; results are re-ranked and the cursor goes to
/// the best match.
fn edit(state: &mut State, f: impl FnOnce(&mut String)) {
    let Some(line) = state.query.line.as_mut() else {
        return;
    };
    f(&mut line.input);
    state.refresh_with(Cursor::Top, None);
    after_query_change(state);
}

/// The query is kept or restored; the status line says how many claims
/// match once the search is complete.
fn finish_search(state: &mut State) {
    state.refresh_with(Cursor::Keep, Some(DoneMessage::Matches));
    after_query_change(state);
}

/// Match anchors count occurrences of the old query; start again at the quote.
fn after_query_change(state: &mut State) {
    if state.detail.anchor != Anchor::Quote {
        state.detail.anchor = Anchor::Quote;
        state.detail.top = state.top_for_anchor();
    }
}

fn matches(state: &mut State, action: Jump) {
    let Some(claim) = state.detail.claim else {
        return;
    };
    let text = state.store.text_of(claim);
    let occ = find::occurrences(text, state.active_query());
    if occ.is_empty() {
        let msg = if state.active_query().trim().is_empty() {
            "No search words: press / to search".to_string()
        } else {
            format!(
                "No match for /{} in this source",
                crate::sanitize::inline(state.active_query())
            )
        };
        state.message = Some(msg);
        return;
    }
    let n = occ.len();
    let quote_start = state.store.quote_bytes(claim).0;
    let k = match (state.detail.anchor, action) {
        (Anchor::Match(k), Jump::NextMatch) => (k + 1) % n,
        (Anchor::Match(k), _) => (k + n - 1) % n,
        (Anchor::Quote, Jump::NextMatch) => {
            occ.iter().position(|o| o.0 >= quote_start).unwrap_or(0)
        }
        (Anchor::Quote, _) => occ.iter().rposition(|o| o.0 < quote_start).unwrap_or(n - 1),
    };
    state.detail.anchor = Anchor::Match(k);
    state.detail.top = state.top_for_anchor();
    state.message = Some(format!("Match {} of {n}", k + 1));
}

fn links(state: &mut State, action: Jump) {
    let links = state.links();
    if links.is_empty() {
        state.message = Some("This claim has no links".into());
        return;
    }
    let n = links.len();
    let i = match (state.detail.link, action) {
        (None, Jump::PrevLink) => n - 1,
        (None, _) => 0,
        (Some(i), Jump::PrevLink) => (i + n - 1) % n,
        (Some(i), _) => (i + 1) % n,
    };
    state.detail.link = Some(i);
    let label = crate::sanitize::inline(&state.link_label(links[i])).into_owned();
    state.message = Some(format!("Link {} of {n}: {label} (Enter follows)", i + 1));
}

fn follow_link(state: &mut State) {
    let Some(link) = state
        .detail
        .link
        .and_then(|i| state.links().get(i).copied())
    else {
        state.message = Some("Tab picks a link, Enter follows it".into());
        return;
    };
    record(state);
    match link {
        Link::Facet(f) => jump_to_facet(state, f),
        Link::Claim(c, _) | Link::Evidence { claim: c, .. } => {
            state.show_claim(Some(c));
            sync_cursor(state);
            state.focus = Pane::Detail;
        }
    }
}
