//! The search worker: searches run on their own thread so that the event
//! loop never waits for one.
//!
//! `State::refresh` records a [`ListRequest`] as an
//! [`Effect::List`], numbered by a generation. The event loop hands it to
//! the [`Worker`], which cancels the search it is running (through the flag
//! [`SearchIndex::matching`] polls), skips any request a newer one replaced,
//! and answers in two steps: the top rows with their highlights as soon as
//! they are ranked ([`Listing::complete`] false), then the whole ranked list
//! and the facet counts. The search itself picks out the top rows as it
//! scores ([`SearchIndex::matching_top`]) where it can tell which rows the
//! list holds, so the first answer does not wait for the million rows of a
//! one-letter query to be gathered. `update` applies answers for the pending
//! generation only ([`Outcome::Searched`]) and drops stale ones.
//!
//! Highlights are computed for the rows on screen only: `update` asks for
//! the missing ones with an [`Effect::Highlight`].
//!
//! [`settle`] does the same work inline, for tests and for the start-up
//! state, which is built before the first frame.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use super::action::{Action, Outcome};
use super::counts;
use super::lens::Lens;
use super::state::{Effect, State, Tab};
use crate::filter::{Facet, FacetKind, Filter};
use crate::model::Store;
use crate::search::{
    Admit, ClaimSet, Hit, LazyIndex, Matches, Prepared, Ranked, SearchIndex, better,
};

/// Everything the claims list and the facet counts depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub query: String,
    /// The pinned chips.
    pub filter: Filter,
    pub lens: Lens,
    /// The marked claims, ascending, when only they are listed.
    pub marked: Option<Vec<usize>>,
    /// The facet under the cursor: it narrows the list, not the counts.
    pub live: Option<Facet>,
    /// The tab whose facets are counted.
    pub tab: Tab,
}

/// A search for the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRequest {
    pub generation: u64,
    pub search: ListQuery,
    /// Rows sent as soon as they are ranked, ahead of the rest of the list.
    pub first: usize,
    /// Rows from the top sent with their highlights.
    pub highlight: usize,
}

/// Highlights wanted for some rows of the list `query` ranked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HighlightRequest {
    pub query: String,
    pub rows: Vec<Ranked>,
}

/// Results of a [`ListRequest`].
#[derive(Clone, PartialEq, Eq)]
pub struct Listing {
    pub generation: u64,
    pub query: String,
    /// Best first: the whole list when complete, its top rows before.
    pub rows: Vec<Ranked>,
    /// How many claims the list has in all.
    pub listed: usize,
    /// When complete: the claims that every entry of the tab counts,
    /// "All" first (every match under the pinned filters), then its facets.
    pub counts: Option<Vec<usize>>,
    /// With the counts: each entry's regional claims (about a region of
    /// the country that do not name it), lined up with `counts`; empty for
    /// tabs other than Countries.
    pub regional: Vec<usize>,
    /// Highlights of the top rows.
    pub hits: Vec<Hit>,
    /// False for the early answer with the top rows only.
    pub complete: bool,
}

impl fmt::Debug for Listing {
    /// A summary: the rows of a large list would flood any message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Listing")
            .field("generation", &self.generation)
            .field("query", &self.query)
            .field("rows", &self.rows.len())
            .field("listed", &self.listed)
            .field("counts", &self.counts.as_ref().map(Vec::len))
            .field("hits", &self.hits.len())
            .field("complete", &self.complete)
            .finish()
    }
}

/// Highlights for some rows of the list `query` ranked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlighted {
    pub query: String,
    pub hits: Vec<Hit>,
}

/// What the worker sends back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Listing(Listing),
    Highlighted(Highlighted),
}

impl Reply {
    /// The action that applies this reply to the state.
    pub fn into_action(self) -> Action {
        match self {
            Reply::Listing(f) => Action::Outcome(Outcome::Searched(Box::new(f))),
            Reply::Highlighted(h) => Action::Outcome(Outcome::Highlighted(Box::new(h))),
        }
    }
}

/// Candidates of the last search, reused while only the query, the
/// cursor's facet or the tab change (typing changes only the query), and
/// the claims of the facet under the cursor, reused while it stays.
#[derive(Default)]
pub struct Cache {
    scope: Option<(Filter, Lens, Option<Vec<usize>>)>,
    base: Vec<usize>,
    /// The facet, whether with its regions, its claims.
    live: Option<(Facet, bool, ClaimSet)>,
}

impl Cache {
    /// The candidates of `s` (see [`Cache::base`]) and the claims of the
    /// facet under the cursor, if any.
    fn prepare(
        &mut self,
        store: &Store,
        s: &ListQuery,
        widened: &[FacetKind],
    ) -> (&[usize], Option<&ClaimSet>) {
        self.base(store, s, widened);
        let regions = s.filter.with_regions;
        if let Some(f) = s.live
            && !matches!(&self.live, Some((g, r, _)) if *g == f && *r == regions)
        {
            self.live = Some((f, regions, counts::facet_claims(store, f, regions)));
        }
        let live = self.live.as_ref().filter(|_| s.live.is_some());
        (&self.base, live.map(|(_, _, claims)| claims))
    }

    /// Claims that pass the pinned filters (less the inclusion chips of
    /// `widened` kinds: see [`counts`]), the lens and the marked-only
    /// switch, in dataset order.
    fn base(&mut self, store: &Store, s: &ListQuery, widened: &[FacetKind]) {
        let filter = s.filter.without_kinds(widened);
        let scope = (filter, s.lens, s.marked.clone());
        if self.scope.as_ref() != Some(&scope) {
            self.base = scope.0.apply(store);
            if s.lens != Lens::All || s.marked.is_some() {
                // The record's layer alone: reading whole claims here cost
                // a million string look-ups before the first frame.
                let claims = store.claims();
                self.base.retain(|&c| {
                    s.lens.admits(claims.layer(c))
                        && s.marked
                            .as_ref()
                            .is_none_or(|m| m.binary_search(&c).is_ok())
                });
            }
            self.scope = Some(scope);
        }
    }
}

/// Whether regional claims go last: with regions on and a country chosen,
/// the claims naming it come before those listed only for its regions.
fn regional_last(s: &ListQuery) -> bool {
    s.filter.with_regions
        && s.filter
            .include
            .iter()
            .chain(&s.live)
            .any(|f| matches!(f, Facet::Country(_)))
}

/// The order of the list: best first, regional claims last when
/// [`regional_last`].
enum Order<'a> {
    Score,
    RegionalLast(&'a Store, Filter),
}

impl<'a> Order<'a> {
    fn new(store: &'a Store, s: &ListQuery) -> Order<'a> {
        if !regional_last(s) {
            return Order::Score;
        }
        let mut filter = s.filter.clone();
        filter.include.extend(s.live);
        Order::RegionalLast(store, filter)
    }

    fn cmp(&self, a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
        match self {
            Order::Score => better(a, b),
            Order::RegionalLast(store, filter) => {
                let regional = |r: &Ranked| filter.is_regional(store, r.claim);
                regional(a).cmp(&regional(b)).then_with(|| better(a, b))
            }
        }
    }

    /// Sorts `rows`: in score order with [`better`] itself, which the sort
    /// inlines, where a comparator chosen at run time costs a call per
    /// comparison (bench/RESULTS.md has the complete answer's times).
    fn sort(&self, rows: &mut [Ranked]) {
        match self {
            Order::Score => rows.sort_unstable_by(better),
            _ => rows.sort_unstable_by(|a, b| self.cmp(a, b)),
        }
    }
}

/// Carries out `req`: sends the top `req.first` rows as soon as they are
/// ranked (when the list is longer), then the whole list with the facet
/// counts. Returns `None`, having sent nothing more, once `cancel` is seen
/// set or `send` reports that nobody listens.
pub fn run(
    store: &Store,
    index: &LazyIndex,
    req: &ListRequest,
    cancel: &AtomicBool,
    cache: &mut Cache,
    send: &mut dyn FnMut(Reply) -> bool,
) -> Option<()> {
    let s = &req.search;
    let stop = || cancel.load(Ordering::Relaxed);
    let (base, live_claims) = cache.prepare(store, s, &counts::widened_kinds(s.tab, &s.filter));
    if stop() {
        return None;
    }
    let query = Query::new(store, index, &s.query);
    let first = req.first.max(1);
    let (rows, sent) = match query.top_ahead(store, s, base, live_claims, first, cancel)? {
        Ahead::Top(mut m) if m.admitted > first => {
            let top = std::mem::take(&mut m.top);
            if stop() || !send(early(req, store, &query, top, m.admitted)) {
                return None;
            }
            (m.into_rows(), true)
        }
        Ahead::Top(m) => (m.into_rows(), false),
        Ahead::Rows(rows) => (rows, false),
    };
    let (mut all, wide) = counts::split(store, s.tab, &s.filter, rows);
    let mut live = s
        .live
        .zip(live_claims)
        .map(|(f, claims)| counts::narrow(f, claims, &all, &s.filter, &wide));
    let order = Order::new(store, s);
    let list = live.as_mut().unwrap_or(&mut all);
    // The empty query lists claims in dataset order, already sorted: a
    // check costs one pass, sorting a million rows (after the selection
    // scrambles them) a good part of the first frame.
    let sorted = list.is_sorted_by(|a, b| order.cmp(a, b).is_le());
    let long = list.len() > first;
    debug_assert!(long || !sent, "the top rows went ahead of a short list");
    // Rows at the head of the list already in their places.
    let mut placed = 0;
    if long && !sent {
        // The top rows first: a selection, not a sort of every match.
        if !sorted {
            list.select_nth_unstable_by(first - 1, |a, b| order.cmp(a, b));
            order.sort(&mut list[..first]);
            placed = first;
        }
        let top = list[..first].to_vec();
        if stop() || !send(early(req, store, &query, top, list.len())) {
            return None;
        }
    }
    if stop() {
        return None;
    }
    let counts = counts::count(store, s.tab, &all, &s.filter, &wide, cancel)?;
    let regional = counts::count_regional(store, s.tab, &all, &s.filter, &wide);
    let mut list = live.unwrap_or(all);
    if !sorted {
        order.sort(&mut list[placed..]);
    }
    // The early answer highlighted the top rows already.
    let hits = if long {
        Vec::new()
    } else {
        highlights(req, store, &query, &list)
    };
    if stop() {
        return None;
    }
    let listed = list.len();
    let done = listing(req, list, listed, Some((counts, regional)), hits, true);
    send(done).then_some(())
}

/// The early answer to `req`: the list's `top` rows of `listed`.
fn early(
    req: &ListRequest,
    store: &Store,
    query: &Query,
    top: Vec<Ranked>,
    listed: usize,
) -> Reply {
    let hits = highlights(req, store, query, &top);
    listing(req, top, listed, None, hits, false)
}

/// Highlights of the rows from the top that `req` asks for.
fn highlights(req: &ListRequest, store: &Store, query: &Query, rows: &[Ranked]) -> Vec<Hit> {
    rows.iter()
        .take(req.highlight)
        .map(|&r| query.highlight(store, r))
        .collect()
}

/// A reply to `req` with these rows.
fn listing(
    req: &ListRequest,
    rows: Vec<Ranked>,
    listed: usize,
    counts: Option<(Vec<usize>, Vec<usize>)>,
    hits: Vec<Hit>,
    complete: bool,
) -> Reply {
    let (counts, regional) = counts.unzip();
    Reply::Listing(Listing {
        generation: req.generation,
        query: req.search.query.clone(),
        rows,
        listed,
        counts,
        regional: regional.unwrap_or_default(),
        hits,
        complete,
    })
}

/// Highlights for the rows `req` names.
pub fn highlight(store: &Store, index: &LazyIndex, req: &HighlightRequest) -> Highlighted {
    let query = Query::new(store, index, &req.query);
    Highlighted {
        query: req.query.clone(),
        hits: req
            .rows
            .iter()
            .map(|&r| query.highlight(store, r))
            .collect(),
    }
}

/// A query ready to score and highlight. The empty query lists every
/// claim and needs no index, so the explorer's first screen does not wait
/// for one.
enum Query<'a> {
    All,
    Some(&'a SearchIndex, Prepared),
}

/// A query's rows among the candidates, and perhaps the list's top rows
/// picked out ahead of them.
enum Ahead {
    /// The list's top rows, known before the rows are gathered.
    Top(Matches),
    Rows(Vec<Ranked>),
}

impl<'a> Query<'a> {
    /// The query's rows among `base` (all of them when there is no query),
    /// with the list's top `first` picked out as the search goes when the
    /// list is the matches (or those of the facet under the cursor, whose
    /// claims are `live`) in score order, so the early answer need not
    /// wait for the million rows of a one-letter query to be gathered and
    /// partly sorted. `None` when cancelled.
    fn top_ahead(
        &self,
        store: &Store,
        s: &ListQuery,
        base: &[usize],
        live: Option<&ClaimSet>,
        first: usize,
        cancel: &AtomicBool,
    ) -> Option<Ahead> {
        let Query::Some(ix, q) = self else {
            return Some(Ahead::Rows(all_rows(base)));
        };
        // Widened chips make the list a part of the matches, and regional
        // claims go last: the full ranking decides those.
        if regional_last(s) || !counts::widened_kinds(s.tab, &s.filter).is_empty() {
            return ix.matching(store, q, base, cancel).map(Ahead::Rows);
        }
        let test = live.map(|claims| move |c| claims.contains(c));
        let admit = test.as_ref().map(|t| t as &Admit);
        let m = ix.matching_top(store, q, base, first, admit, cancel)?;
        Some(Ahead::Top(m))
    }

    fn new(store: &Store, index: &'a LazyIndex, text: &str) -> Query<'a> {
        if text.trim().is_empty() {
            return Query::All;
        }
        let ix = index.get(store);
        Query::Some(ix, ix.prepare(store, text))
    }

    fn highlight(&self, store: &Store, row: Ranked) -> Hit {
        match self {
            Query::All => Hit {
                claim: row.claim,
                score: row.score,
                statement_chars: Vec::new(),
                quote_chars: Vec::new(),
            },
            Query::Some(ix, q) => ix.highlight_prepared(store, q, row),
        }
    }
}

/// Every candidate with the empty query's score, as `matching` gives them.
fn all_rows(base: &[usize]) -> Vec<Ranked> {
    base.iter()
        .map(|&claim| Ranked { claim, score: 0 })
        .collect()
}

/// Work queued for the worker thread.
#[derive(Debug)]
pub enum Job {
    /// A search and the flag that cancels it.
    List(ListRequest, Arc<AtomicBool>),
    Highlight(HighlightRequest),
}

/// The worker thread's loop: waits for a job, takes every job queued
/// behind it, runs only the newest search and then the newest highlight
/// request (older ones are stale), and sends the replies through
/// `deliver`. Returns once the sending side is gone and the jobs taken are
/// done, or when `deliver` returns false (nobody listens any more).
pub fn serve(
    jobs: &Receiver<Job>,
    store: &Store,
    index: &LazyIndex,
    mut deliver: impl FnMut(Reply) -> bool,
) {
    let mut cache = Cache::default();
    while let Ok(job) = jobs.recv() {
        let mut search = None;
        let mut marks = None;
        let mut take = |job| match job {
            Job::List(r, c) => search = Some((r, c)),
            Job::Highlight(h) => marks = Some(h),
        };
        take(job);
        // The jobs queued behind it: newer ones replace older ones. (A
        // closed channel ends the loop at the next `recv`.)
        while let Ok(job) = jobs.try_recv() {
            take(job);
        }
        if let Some((req, cancel)) = search {
            let mut alive = true;
            let mut send = |r| {
                alive = alive && deliver(r);
                alive
            };
            let _ = run(store, index, &req, &cancel, &mut cache, &mut send);
            if !alive {
                return;
            }
        }
        if let Some(h) = marks
            && !deliver(Reply::Highlighted(highlight(store, index, &h)))
        {
            return;
        }
    }
}

/// The worker thread is gone: searches can no longer be carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the search thread stopped")
    }
}

/// The handle the event loop keeps: queues jobs for the worker thread and
/// cancels the search a new one replaces. Dropping it cancels the running
/// search and lets the thread end.
pub struct Worker {
    jobs: Sender<Job>,
    current: Option<Arc<AtomicBool>>,
}

impl Worker {
    /// Starts the thread; `deliver` is called on it with every reply and
    /// returns false once nobody listens.
    pub fn spawn(
        store: Arc<Store>,
        index: Arc<LazyIndex>,
        deliver: impl FnMut(Reply) -> bool + Send + 'static,
    ) -> std::io::Result<Worker> {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("stratlens-search".into())
            .spawn(move || serve(&rx, &store, &index, deliver))?;
        Ok(Worker {
            jobs: tx,
            current: None,
        })
    }

    /// Cancels the previous search, running or queued, and queues `req`.
    /// Returns the flag that cancels `req`.
    pub fn search(&mut self, req: ListRequest) -> Result<Arc<AtomicBool>, Stopped> {
        if let Some(old) = self.current.take() {
            old.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.current = Some(Arc::clone(&cancel));
        self.jobs
            .send(Job::List(req, Arc::clone(&cancel)))
            .map_err(|_| Stopped)?;
        Ok(cancel)
    }

    pub fn highlight(&mut self, req: HighlightRequest) -> Result<(), Stopped> {
        self.jobs.send(Job::Highlight(req)).map_err(|_| Stopped)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Some(c) = &self.current {
            c.store(true, Ordering::Relaxed);
        }
    }
}

/// Carries out the searches and highlighting `update` recorded, inline,
/// and applies their replies through `update`, until none is left; other
/// effects stay queued. The worker's work without the thread: for the
/// start-up state and for tests that drive `update` without a terminal.
pub fn settle(state: &mut State) {
    let never = AtomicBool::new(false);
    let mut cache = Cache::default();
    loop {
        let jobs: Vec<Effect> = state
            .effects
            .extract_if(.., |e| matches!(e, Effect::List(_) | Effect::Highlight(_)))
            .collect();
        if jobs.is_empty() {
            return;
        }
        let (store, index) = (Arc::clone(&state.store), Arc::clone(&state.index));
        for job in jobs {
            let mut replies = Vec::new();
            match job {
                Effect::List(req) => {
                    let _ = run(&store, &index, &req, &never, &mut cache, &mut |r| {
                        replies.push(r);
                        true
                    });
                }
                Effect::Highlight(h) => {
                    replies.push(Reply::Highlighted(highlight(&store, &index, &h)))
                }
                Effect::Copy(_) => {}
            }
            for r in replies {
                super::update(state, r.into_action());
            }
        }
    }
}
