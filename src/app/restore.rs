//! The saved session as seen from the explorer: [`saved`] captures the
//! position by ids and keys, `apply` puts it back (as `update` applies
//! [`Outcome::Session`](super::action::Outcome::Session)). Reading and writing the
//! file is [`crate::session`]'s business.

use super::lens::Lens;
use super::state::{Pane, State, Tab};
use crate::filter::{Facet, Filter};
use crate::model::Kind;
use crate::session::{self, Saved};

fn tab_key(tab: Tab) -> String {
    tab.label().to_lowercase()
}

/// Where the analyst is, by ids, for the session file.
pub fn saved(state: &State) -> Saved {
    let store = &state.store;
    let keys = |v: &[Facet]| v.iter().map(|f| f.key(store)).collect();
    Saved {
        version: session::VERSION,
        dataset: store.fingerprint.clone(),
        tab: tab_key(state.facets.tab),
        facet: state
            .selected_entry()
            .and_then(|e| e.facet)
            .map(|f| f.key(store)),
        claim: state
            .detail
            .claim
            .map(|c| store.claim_at(c).id().to_string()),
        include: keys(&state.query.filter.include),
        exclude: keys(&state.query.filter.exclude),
        with_regions: state.query.filter.with_regions,
        query: state.query.text.clone(),
        lens: state.briefing.lens.key().into(),
        marks: state
            .briefing
            .marks
            .iter()
            .map(|&c| store.claim_at(c).id().to_string())
            .collect(),
        notes: state
            .briefing
            .notes
            .iter()
            .map(|(&c, note)| (store.claim_at(c).id().to_string(), note.clone()))
            .collect(),
    }
}

/// Restores `saved` (ids the dataset lost are dropped); returns the status
/// line message: what was restored, or what was dropped.
pub(crate) fn apply(state: &mut State, mut saved: Saved) -> String {
    let warning = session::prune(&state.store, &mut saved);
    let store = &state.store;
    let parse = |keys: &[String]| -> Vec<Facet> {
        keys.iter().filter_map(|k| Facet::parse(store, k)).collect()
    };
    state.query.filter = Filter {
        include: parse(&saved.include),
        exclude: parse(&saved.exclude),
        with_regions: saved.with_regions,
    };
    state.briefing.marks = saved
        .marks
        .iter()
        .filter_map(|id| store.index_of(Kind::Claim, id))
        .collect();
    state.briefing.notes = saved
        .notes
        .iter()
        .filter_map(|(id, note)| Some((store.index_of(Kind::Claim, id)?, note.clone())))
        .collect();
    state.briefing.lens = Lens::parse(&saved.lens).unwrap_or_default();
    state.query.text = saved.query.trim().to_string();
    state.facets.tab = Tab::ALL
        .into_iter()
        .find(|&t| tab_key(t) == saved.tab)
        .unwrap_or(Tab::Countries);
    let facet = saved.facet.as_deref().and_then(|k| Facet::parse(store, k));
    let entry = facet
        .and_then(|f| state.facets.tab.facets(store).iter().position(|&x| x == f))
        .map_or(0, |p| p + 1);
    state.facets.sel[state.facets.tab.index()] = entry;
    // Before the first frame: the list is ranked inline.
    state.refresh_now();
    let claim = saved
        .claim
        .as_deref()
        .and_then(|id| state.store.index_of(Kind::Claim, id));
    if let Some(c) = claim {
        select(state, c);
    }
    warning.unwrap_or_else(|| summary(state))
}

/// Puts the claims cursor on `claim` (focus Claims), or, when the filters
/// hide it, shows it in Detail.
pub(crate) fn select(state: &mut State, claim: usize) {
    match state.claims.rows.iter().position(|h| h.claim == claim) {
        Some(pos) => {
            state.focus = Pane::Claims;
            state.claims.sel = pos;
            state.show_claim(Some(claim));
        }
        None => {
            state.focus = Pane::Detail;
            state.show_claim(Some(claim));
        }
    }
}

fn summary(state: &State) -> String {
    let mut parts = vec![format!(
        "{} of {}",
        state.claims.listed,
        crate::words::plural(state.store.claims().len(), "claim")
    )];
    if !state.briefing.marks.is_empty() {
        parts.push(format!("{} marked", state.briefing.marks.len()));
    }
    format!(
        "Restored your last session ({}); --fresh starts clean",
        parts.join(", ")
    )
}
