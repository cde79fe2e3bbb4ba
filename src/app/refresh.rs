//! Keeping the claims list and the facet counts up to date: a change to
//! the filters, the query, the tab or the facet cursor hands a search to
//! the worker ([`super::worker`]) as an [`Effect::List`]; its results
//! come back through `update` as
//! [`Outcome::Searched`](super::action::Outcome::Searched) and are applied
//! here. Until they arrive the previous list stays on screen.

use std::collections::HashMap;

use super::lens::Lens;
use super::panes::Entry;
use super::state::{Effect, Pane, State};
use super::worker::{HighlightRequest, Highlighted, ListQuery, ListRequest, Listing};
use crate::search::{Hit, Ranked};
use crate::stats::Stats;
use crate::words::plural;

/// Rows the worker sends ahead of the rest of a ranked list, at least.
pub const FIRST_ROWS: usize = 100;
/// Highlights kept before the cache starts over.
const HIGHLIGHTS_MAX: usize = 4096;

/// Where the claims cursor goes when the results of a refresh arrive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// Stays on its claim if that is still listed, else goes to the top.
    Keep,
    /// To the best match.
    Top,
    /// To this claim if it is listed, else as [`Cursor::Keep`].
    Prefer(usize),
    /// To the first of these claims that is listed, else the top: what
    /// `Keep` and `Prefer` become once results begin to arrive.
    Seek(Vec<usize>),
}

impl Cursor {
    /// The wish `old` (of a refresh whose results have not placed the
    /// cursor yet) combined with a later refresh's `new`: `Keep` leaves
    /// the earlier wish standing, anything else replaces it.
    fn then(old: Option<Cursor>, new: Cursor) -> Option<Cursor> {
        match new {
            Cursor::Keep => old.or(Some(Cursor::Keep)),
            other => Some(other),
        }
    }
}

/// What the status line says once a search is complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoneMessage {
    /// "N claims match /query".
    Matches,
    /// The lens and how many claims it lists.
    Lens,
}

/// A search handed to the worker whose results have not all arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub generation: u64,
    pub search: ListQuery,
    /// Where the cursor goes; `None` once it is placed.
    pub cursor: Option<Cursor>,
    pub note: Option<DoneMessage>,
}

/// Highlight positions of the rows drawn, for one query.
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    /// The query the list on screen was ranked for.
    pub query: String,
    pub hits: HashMap<usize, Hit>,
    /// Claims last asked of the worker, so that they are asked once.
    asked: Vec<usize>,
}

impl Highlights {
    /// Whether this query marks anything (an empty one lists everything).
    pub fn active(&self) -> bool {
        self.query.split_whitespace().next().is_some()
    }

    pub fn get(&self, claim: usize) -> Option<&Hit> {
        self.hits.get(&claim)
    }

    pub(super) fn start(&mut self, query: &str) {
        if self.query != query {
            self.query = query.to_string();
            self.hits.clear();
            self.asked.clear();
        }
    }

    pub(super) fn add(&mut self, hits: Vec<Hit>) {
        if self.hits.len() + hits.len() > HIGHLIGHTS_MAX {
            self.hits.clear();
        }
        self.hits.extend(hits.into_iter().map(|h| (h.claim, h)));
    }

    /// Applies highlights the worker computed, if they are for this query.
    pub(crate) fn receive(&mut self, h: Highlighted) {
        if h.query == self.query {
            self.add(h.hits);
        }
    }

    /// A request for the rows of `rows` not highlighted nor already asked
    /// for, if any.
    pub fn missing(&mut self, rows: &[Ranked]) -> Option<HighlightRequest> {
        if !self.active() {
            return None;
        }
        let missing: Vec<Ranked> = rows
            .iter()
            .copied()
            .filter(|r| !self.hits.contains_key(&r.claim))
            .collect();
        if missing.iter().all(|r| self.asked.contains(&r.claim)) {
            return None;
        }
        self.asked = missing.iter().map(|r| r.claim).collect();
        Some(HighlightRequest {
            query: self.query.clone(),
            rows: missing,
        })
    }
}

impl State {
    /// Brings the facet counts and the claims list up to date after any
    /// change to filters, query, tab or facet cursor; the claim cursor
    /// stays on its claim when that is still listed. The facet entries
    /// change now; the search is handed to the worker as an
    /// [`Effect::List`], and until its results arrive the previous list
    /// stays on screen.
    pub(crate) fn refresh(&mut self) {
        self.refresh_with(Cursor::Keep, None);
    }

    /// [`State::refresh`], then the search carried out inline: for the
    /// state built before the first frame.
    pub(crate) fn refresh_now(&mut self) {
        self.refresh();
        super::worker::settle(self);
    }

    /// [`State::refresh`], placing the cursor by `cursor` and saying
    /// `note` once the results are in.
    pub(crate) fn refresh_with(&mut self, cursor: Cursor, note: Option<DoneMessage>) {
        self.sync_entries();
        let search = self.list_search();
        if let Some(p) = self.query.pending.as_mut().filter(|p| p.search == search) {
            // Already on its way.
            p.cursor = Cursor::then(p.cursor.take(), cursor);
            p.note = note;
            return;
        }
        if self.query.pending.is_none() && self.query.requested.as_ref() == Some(&search) {
            // The list already shows this search.
            self.place_cursor(cursor, true);
            self.complete(note);
            return;
        }
        self.query.generation += 1;
        let cursor = match self.query.pending.take() {
            Some(p) => Cursor::then(p.cursor, cursor),
            None => Some(cursor),
        };
        let window = super::geometry::claim_rows_shown(self);
        self.effects.push(Effect::List(ListRequest {
            generation: self.query.generation,
            search: search.clone(),
            first: FIRST_ROWS.max(2 * window),
            highlight: window,
        }));
        self.query.requested = Some(search.clone());
        self.query.pending = Some(Pending {
            generation: self.query.generation,
            search,
            cursor,
            note,
        });
    }

    /// The facet entries of the current tab (their counts unknown until
    /// the worker counts them), with the cursor inside them.
    fn sync_entries(&mut self) {
        if self.facets.entries_tab != Some(self.facets.tab) {
            let all = Entry {
                facet: None,
                label: "All".to_string(),
                count: 0,
                regional: 0,
            };
            let rest = self
                .facets
                .tab
                .facets(&self.store)
                .into_iter()
                .map(|f| Entry {
                    facet: Some(f),
                    label: f.label(&self.store),
                    count: 0,
                    regional: 0,
                });
            self.facets.entries = std::iter::once(all).chain(rest).collect();
            self.facets.entries_tab = Some(self.facets.tab);
            self.facets.counts_stale = true;
        }
        let sel = self
            .entry_sel()
            .min(self.facets.entries.len().saturating_sub(1));
        self.facets.sel[self.facets.tab.index()] = sel;
    }

    /// What the list should show now.
    fn list_search(&self) -> ListQuery {
        ListQuery {
            query: self.active_query().to_string(),
            filter: self.query.filter.clone(),
            lens: self.briefing.lens,
            marked: self
                .briefing
                .marked_only
                .then(|| self.briefing.marks.iter().copied().collect()),
            live: self.live_facet(),
            tab: self.facets.tab,
        }
    }

    /// Applies results from the worker: the top rows of the list, or all
    /// of it with the facet counts. Results for anything but the pending
    /// search are stale and dropped.
    pub(crate) fn receive(&mut self, found: Listing) {
        let Some(cursor) = self
            .query
            .pending
            .as_mut()
            .filter(|p| p.generation == found.generation)
            .map(|p| p.cursor.take())
        else {
            return;
        };
        let before = self.selected_hit().map(|r| r.claim);
        self.claims.highlights.start(&found.query);
        self.claims.highlights.add(found.hits);
        self.claims.rows = found.rows;
        self.claims.listed = found.listed;
        if let Some(counts) = found.counts {
            for (e, n) in self.facets.entries.iter_mut().zip(counts) {
                e.count = n;
            }
            for (e, n) in self.facets.entries.iter_mut().zip(found.regional) {
                e.regional = n;
            }
            self.facets.counts_stale = false;
        }
        let cursor = cursor.map(|c| match c {
            Cursor::Keep => Cursor::Seek(before.into_iter().collect()),
            Cursor::Prefer(c) => Cursor::Seek([Some(c), before].into_iter().flatten().collect()),
            other => other,
        });
        if let Some(c) = cursor {
            let unplaced = !self.place_cursor(c.clone(), found.complete);
            if let Some(p) = self.query.pending.as_mut().filter(|_| unplaced) {
                p.cursor = Some(c);
            }
        }
        if found.complete {
            let note = self.query.pending.take().and_then(|p| p.note);
            self.complete(note);
        }
    }

    /// Puts the claims cursor where `cursor` says, and Detail on its claim
    /// unless Detail has the focus. False when the claim sought is not
    /// among the rows arrived so far and more are coming (`complete` false).
    fn place_cursor(&mut self, cursor: Cursor, complete: bool) -> bool {
        let seek = match cursor {
            Cursor::Top => Vec::new(),
            Cursor::Keep => self.selected_hit().map(|r| r.claim).into_iter().collect(),
            Cursor::Prefer(c) => [Some(c), self.selected_hit().map(|r| r.claim)]
                .into_iter()
                .flatten()
                .collect(),
            Cursor::Seek(v) => v,
        };
        let found = seek
            .iter()
            .find_map(|&c| self.claims.rows.iter().position(|r| r.claim == c));
        self.claims.sel = found.unwrap_or(0);
        if found.is_none() && !seek.is_empty() && !complete {
            return false;
        }
        if self.focus != Pane::Detail {
            let now = self.selected_hit().map(|r| r.claim);
            self.show_claim(now);
        }
        true
    }

    /// What follows a complete list: the stats, and the note.
    fn complete(&mut self, note: Option<DoneMessage>) {
        if let Some(view) = self.stats.as_mut() {
            let claims: Vec<usize> = self.claims.rows.iter().map(|r| r.claim).collect();
            view.data = Some(Stats::compute(&self.store, &claims));
        }
        let n = self.claims.listed;
        self.message = match note {
            None => return,
            Some(DoneMessage::Matches) if self.query.text.is_empty() => return,
            Some(DoneMessage::Matches) => Some(format!(
                "{} {} /{}",
                plural(n, "claim"),
                if n == 1 { "matches" } else { "match" },
                crate::sanitize::inline(&self.query.text)
            )),
            Some(DoneMessage::Lens) => Some(match self.briefing.lens {
                Lens::All => format!("Lens off: all attributions ({})", plural(n, "claim")),
                l => format!("Lens: {} ({}; a: next lens)", l.label(), plural(n, "claim")),
            }),
        };
    }
}
