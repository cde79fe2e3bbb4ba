//! All behaviour: `update` applies one [`Action`] to the [`State`]. No
//! terminal here, so every binding is unit-tested directly.

use super::action::Action;
use super::briefing;
use super::find;
use super::state::{Anchor, Cursor, Link, Nav, Note, Overlay, Pane, SearchLine, State, Tab};
use crate::ui;

/// History entries kept; older ones are dropped.
const HISTORY_MAX: usize = 200;
/// Lines the mouse wheel moves.
const WHEEL: usize = 3;

pub fn update(state: &mut State, action: Action) {
    match action {
        Action::SearchDone(found) => state.receive(*found),
        Action::HighlightDone(h) => state.claims.highlights.receive(*h),
        action => apply(state, action),
    }
    // Where the claims list is now scrolled to, so that the next move
    // scrolls it only if the cursor leaves the rows shown.
    state.claims.top = ui::claims::top(state);
    request_highlights(state);
}

/// Asks the worker for the highlights of the rows the claims list shows
/// that lack them.
fn request_highlights(state: &mut State) {
    let rows = ui::claims::window(state);
    let rows = &state.claims.rows[rows];
    if let Some(req) = state.claims.highlights.missing(rows) {
        state.effects.push(super::state::Effect::Highlight(req));
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
            Overlay::None => {}
        }
    }
    if stats_focused(state) && stats_view(state, &action) {
        return;
    }
    use Action as A;
    match action {
        A::Quit => state.quit = true,
        A::ToggleHelp => state.overlay = Overlay::Help { scroll: 0 },
        A::Resize { width, height } => resize(state, width, height),
        A::Up | A::Down | A::Top | A::Bottom | A::PageUp | A::PageDown => motion(state, action),
        A::FocusNext | A::FocusPrev | A::Drill | A::Back => navigate(state, action),
        A::HistoryBack | A::HistoryForward => history(state, action),
        A::TabNext | A::TabPrev | A::SelectTab(_) => tabs(state, action),
        A::PinInclude | A::PinExclude | A::ClearFilters => filters(state, action),
        A::SearchOpen
        | A::SearchInput(_)
        | A::SearchBackspace
        | A::SearchClear
        | A::SearchAccept
        | A::SearchCancel => search(state, action),
        A::NextMatch | A::PrevMatch => matches(state, action),
        A::NextLink | A::PrevLink => links(state, action),
        A::Click { .. } | A::ScrollUp { .. } | A::ScrollDown { .. } => mouse(state, action),
        A::ToggleMark
        | A::ToggleMarkedOnly
        | A::CycleLens
        | A::CopyCitation
        | A::CopyQuote
        | A::ToggleStats
        | A::ExportOpen => briefing::handle(state, action),
        A::Open(target) => open_target(state, target),
        // Only meaningful inside the export dialog, handled above.
        A::ExportNextField
        | A::ExportPrevField
        | A::ExportOptionPrev
        | A::ExportOptionNext
        | A::ExportInput(_)
        | A::ExportBackspace
        | A::ExportClear
        | A::ExportWrite
        | A::ExportCancel
        | A::OverwriteYes
        | A::OverwriteNo => {}
        // Applied by `update` before anything else.
        A::SearchDone(_) | A::HighlightDone(_) => {}
    }
}

/// The stats view is shown in place of Claims and Detail and has the focus.
fn stats_focused(state: &State) -> bool {
    state.stats.is_some() && state.focus != Pane::Facets
}

/// Keys the stats view takes over; false lets `update` handle the action.
fn stats_view(state: &mut State, action: &Action) -> bool {
    match action {
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => briefing::stats_key(state, action.clone()),
        Action::Drill | Action::FocusNext => {
            state.message = Some("The stats follow the filters: s closes them".into())
        }
        Action::Back | Action::FocusPrev => state.focus = Pane::Facets,
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
        Kind::Source => return,
    };
    jump_to_facet(state, facet);
}

/// Selects `f` on its tab and focuses the claims it lists.
fn jump_to_facet(state: &mut State, f: crate::filter::Facet) {
    let tab = Tab::of(f);
    let pos = tab.facets(&state.store).iter().position(|&x| x == f);
    state.facets.tab = tab;
    state.facets.sel[tab.index()] = pos.map_or(0, |p| p + 1);
    state.focus = Pane::Claims;
    // The cursor stays on its claim if the facet lists it; Detail follows.
    state.refresh();
}

fn help(state: &mut State, action: Action) {
    let max = ui::help::max_scroll(state);
    let Overlay::Help { scroll } = &mut state.overlay else {
        return;
    };
    match action {
        Action::ToggleHelp | Action::Back | Action::Click { .. } => state.overlay = Overlay::None,
        Action::Up | Action::ScrollUp { .. } => *scroll = scroll.saturating_sub(1),
        Action::Down | Action::ScrollDown { .. } => *scroll = (*scroll + 1).min(max),
        _ => {}
    }
}

fn resize(state: &mut State, width: u16, height: u16) {
    state.screen.width = width;
    state.screen.height = height;
    // Wrapping changed, so the old line number no longer points at the quote.
    state.detail.top = ui::detail::top_for_anchor(state);
    let (help_max, stats_max) = (ui::help::max_scroll(state), ui::stats::max_scroll(state));
    if let Overlay::Help { scroll } = &mut state.overlay {
        *scroll = (*scroll).min(help_max);
    }
    if let Some(view) = state.stats.as_mut() {
        view.scroll = view.scroll.min(stats_max);
    }
}

/// `cur` moved by a motion action within `len` rows, `page` rows a page.
fn step(cur: usize, len: usize, action: Action, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => cur.saturating_sub(1),
        Action::Down => (cur + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => cur.saturating_sub(page),
        Action::PageDown => (cur + page).min(last),
        _ => cur,
    }
}

/// Rows a list pane shows, for paging.
fn page(state: &State, pane: Pane) -> usize {
    let panes = ui::layout(state.screen.width, state.screen.height, pane);
    let Some(inner) = panes.get(pane).map(ui::inner) else {
        return 1;
    };
    match pane {
        Pane::Claims => (inner.height as usize / ui::claims::row_height(inner.width))
            .saturating_sub(1)
            .max(1),
        _ => (inner.height as usize).saturating_sub(2).max(1),
    }
}

fn motion(state: &mut State, action: Action) {
    match state.focus {
        Pane::Facets => {
            let sel = step(
                state.entry_sel(),
                state.facets.entries.len(),
                action,
                page(state, Pane::Facets),
            );
            select_entry(state, sel);
        }
        Pane::Claims => {
            let sel = step(
                state.claims.sel,
                state.claims.rows.len(),
                action,
                page(state, Pane::Claims),
            );
            select_claim(state, sel);
        }
        Pane::Detail => {
            let max = ui::detail::max_top(state) + 1;
            state.detail.top = step(
                state.detail.top,
                max,
                action,
                ui::detail::source_height(state),
            );
        }
    }
}

/// Moves the facet cursor; the claims list follows live, from its top.
fn select_entry(state: &mut State, sel: usize) {
    if sel == state.entry_sel() {
        return;
    }
    state.facets.sel[state.facets.tab.index()] = sel;
    state.refresh_with(Cursor::Top, None);
}

fn select_claim(state: &mut State, sel: usize) {
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

fn navigate(state: &mut State, action: Action) {
    match (&action, state.focus) {
        (Action::Drill, Pane::Facets) => {
            record(state);
            state.focus = Pane::Claims;
        }
        (Action::Drill, Pane::Claims) | (Action::FocusNext, Pane::Claims) => {
            open_detail(state, action)
        }
        (Action::Drill, Pane::Detail) => follow_link(state),
        (Action::FocusNext, Pane::Facets) => state.focus = Pane::Claims,
        (Action::FocusNext, Pane::Detail) => links(state, Action::NextLink),
        (Action::Back, Pane::Facets) => {
            state.message = Some("Already at the facets: q quits".into())
        }
        (Action::Back, _) | (Action::FocusPrev, _) => go_left(state, action == Action::Back),
        _ => {}
    }
}

fn open_detail(state: &mut State, action: Action) {
    let Some(claim) = state.selected_hit().map(|h| h.claim) else {
        state.message = Some("No claim to open: x clears the filters".into());
        return;
    };
    if action == Action::Drill {
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

fn history(state: &mut State, action: Action) {
    let here = state.nav();
    let (from, to) = match action {
        Action::HistoryBack => (&mut state.history.back, &mut state.history.forward),
        _ => (&mut state.history.forward, &mut state.history.back),
    };
    let Some(nav) = from.pop() else {
        let which = if action == Action::HistoryBack {
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

fn tabs(state: &mut State, action: Action) {
    let tab = match action {
        Action::TabNext => state.facets.tab.cycle(1),
        Action::TabPrev => state.facets.tab.cycle(-1),
        Action::SelectTab(t) => t,
        _ => state.facets.tab,
    };
    state.focus = Pane::Facets;
    set_tab(state, tab);
}

fn set_tab(state: &mut State, tab: Tab) {
    if tab != state.facets.tab {
        state.facets.tab = tab;
        state.refresh();
    }
}

fn filters(state: &mut State, action: Action) {
    if action == Action::ClearFilters {
        state.query.filter.clear();
        state.query.text.clear();
        state.message = Some("Filters and search cleared".into());
        state.refresh();
        return;
    }
    let Some(f) = state.selected_entry().and_then(|e| e.facet) else {
        state.message = Some("Pick an entry to pin: \"All\" is not a filter".into());
        return;
    };
    let label = f.label(&state.store);
    if action == Action::PinInclude {
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

fn search(state: &mut State, action: Action) {
    match action {
        Action::SearchOpen => {
            let saved = state.query.text.clone();
            state.query.line = Some(SearchLine {
                input: saved.clone(),
                saved,
            });
            if state.focus == Pane::Facets {
                state.focus = Pane::Claims;
            }
        }
        Action::SearchInput(c) => edit(state, |s| s.push(c)),
        Action::SearchBackspace => edit(state, |s| {
            s.pop();
        }),
        Action::SearchClear => edit(state, String::clear),
        Action::SearchAccept => {
            let line = state.query.line.take();
            state.query.text = line.map(|l| l.input.trim().to_string()).unwrap_or_default();
            finish_search(state);
        }
        Action::SearchCancel => {
            if let Some(line) = state.query.line.take() {
                state.query.text = line.saved;
            }
            finish_search(state);
        }
        _ => {}
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
    state.refresh_with(Cursor::Keep, Some(Note::Matches));
    after_query_change(state);
}

/// Match anchors count occurrences of the old query; start again at the quote.
fn after_query_change(state: &mut State) {
    if state.detail.anchor != Anchor::Quote {
        state.detail.anchor = Anchor::Quote;
        state.detail.top = ui::detail::top_for_anchor(state);
    }
}

fn matches(state: &mut State, action: Action) {
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
        (Anchor::Match(k), Action::NextMatch) => (k + 1) % n,
        (Anchor::Match(k), _) => (k + n - 1) % n,
        (Anchor::Quote, Action::NextMatch) => {
            occ.iter().position(|o| o.0 >= quote_start).unwrap_or(0)
        }
        (Anchor::Quote, _) => occ.iter().rposition(|o| o.0 < quote_start).unwrap_or(n - 1),
    };
    state.detail.anchor = Anchor::Match(k);
    state.detail.top = ui::detail::top_for_anchor(state);
    state.message = Some(format!("Match {} of {n}", k + 1));
}

fn links(state: &mut State, action: Action) {
    let links = state.links();
    if links.is_empty() {
        state.message = Some("This claim has no links".into());
        return;
    }
    let n = links.len();
    let i = match (state.detail.link, action) {
        (None, Action::PrevLink) => n - 1,
        (None, _) => 0,
        (Some(i), Action::PrevLink) => (i + n - 1) % n,
        (Some(i), _) => (i + 1) % n,
    };
    state.detail.link = Some(i);
    let label = crate::sanitize::inline(&ui::detail::link_label(state, links[i])).into_owned();
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
        Link::Claim(c, _) => {
            state.show_claim(Some(c));
            sync_cursor(state);
            state.focus = Pane::Detail;
        }
    }
}

fn mouse(state: &mut State, action: Action) {
    let (col, row) = match action {
        Action::Click { col, row }
        | Action::ScrollUp { col, row }
        | Action::ScrollDown { col, row } => (col, row),
        _ => return,
    };
    let Some((pane, rect)) = ui::panes_of(state).at(col, row) else {
        return;
    };
    if state.stats.is_some() && pane != Pane::Facets {
        return stats_mouse(state, action);
    }
    match action {
        Action::Click { .. } => click(state, pane, rect, col, row),
        Action::ScrollUp { .. } => wheel(state, pane, false),
        _ => wheel(state, pane, true),
    }
}

fn click(state: &mut State, pane: Pane, rect: ratatui::layout::Rect, col: u16, row: u16) {
    let inner = ui::inner(rect);
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
            if let Some(tab) = ui::facets::tab_at(state, inner.width, col.saturating_sub(inner.x)) {
                set_tab(state, tab);
            }
        }
        Pane::Facets => {
            let h = inner.height.saturating_sub(1) as usize;
            let idx = ui::list_offset(state.entry_sel(), h) + line - 1;
            if idx < state.facets.entries.len() {
                select_entry(state, idx);
            }
        }
        Pane::Claims => {
            let per = ui::claims::row_height(inner.width);
            let idx = ui::claims::top(state) + line / per;
            if idx < state.claims.rows.len() {
                select_claim(state, idx);
            }
        }
        Pane::Detail => {}
    }
}

fn stats_mouse(state: &mut State, action: Action) {
    let step = match action {
        Action::ScrollUp { .. } => Action::Up,
        Action::ScrollDown { .. } => Action::Down,
        _ => {
            state.focus = Pane::Claims;
            return;
        }
    };
    for _ in 0..WHEEL {
        briefing::stats_key(state, step.clone());
    }
}

fn wheel(state: &mut State, pane: Pane, down: bool) {
    let saved = state.focus;
    state.focus = pane;
    let a = if down { Action::Down } else { Action::Up };
    for _ in 0..WHEEL {
        motion(state, a.clone());
    }
    state.focus = saved;
}
