//! Everything the screen shows, plus the results of the last search so
//! that drawing never has to filter or search. [`State::refresh`] asks the
//! search worker ([`super::worker`]) for new results; they arrive as
//! [`Action::SearchDone`](super::Action::SearchDone).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::dialog::ExportDialog;
use super::lens::Lens;
use super::worker::{Found, HighlightRequest, Highlighted, Request, Search};
use crate::filter::{Facet, Filter};
use crate::model::{Certainty, Layer, Relation, Store};
use crate::search::{Hit, LazyIndex, Ranked};
use crate::stats::Stats;

/// Rows the worker sends ahead of the rest of a ranked list, at least.
pub const FIRST_ROWS: usize = 100;
/// Highlights kept before the cache starts over.
const HIGHLIGHTS_MAX: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Facets,
    Claims,
    Detail,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Facets, Pane::Claims, Pane::Detail];

    pub fn label(self) -> &'static str {
        match self {
            Pane::Facets => "Facets",
            Pane::Claims => "Claims",
            Pane::Detail => "Detail",
        }
    }

    pub fn next(self) -> Pane {
        match self {
            Pane::Facets => Pane::Claims,
            Pane::Claims | Pane::Detail => Pane::Detail,
        }
    }

    pub fn prev(self) -> Pane {
        match self {
            Pane::Facets | Pane::Claims => Pane::Facets,
            Pane::Detail => Pane::Claims,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Countries,
    Actors,
    Themes,
    Sections,
    Attribution,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Countries,
        Tab::Actors,
        Tab::Themes,
        Tab::Sections,
        Tab::Attribution,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Countries => "Countries",
            Tab::Actors => "Actors",
            Tab::Themes => "Themes",
            Tab::Sections => "Sections",
            Tab::Attribution => "Attribution",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|&t| t == self).unwrap_or(0)
    }

    pub fn cycle(self, step: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }

    /// The facet values listed on this tab, in dataset order.
    pub fn facets(self, store: &Store) -> Vec<Facet> {
        match self {
            // Regions after the countries: a claim about "the region"
            // links the region, and its entry lists those claims.
            Tab::Countries => (0..store.countries().len())
                .map(Facet::Country)
                .chain((0..store.regions().len()).map(Facet::Region))
                .collect(),
            Tab::Actors => (0..store.actors().len()).map(Facet::Actor).collect(),
            Tab::Themes => (0..store.themes().len()).map(Facet::Theme).collect(),
            Tab::Sections => section_facets(store),
            // Layer and certainty share a tab: both describe how a claim is sourced.
            Tab::Attribution => Layer::ALL
                .into_iter()
                .map(Facet::Layer)
                .chain(Certainty::ALL.into_iter().map(Facet::Certainty))
                .collect(),
        }
    }

    /// The tab that lists `f`.
    pub fn of(f: Facet) -> Tab {
        match f {
            Facet::Country(_) | Facet::Region(_) => Tab::Countries,
            Facet::Actor(_) => Tab::Actors,
            Facet::Theme(_) => Tab::Themes,
            Facet::Section { .. } => Tab::Sections,
            Facet::Layer(_) | Facet::Certainty(_) => Tab::Attribution,
        }
    }
}

fn section_facets(store: &Store) -> Vec<Facet> {
    let mut out = Vec::new();
    for (source, s) in store.sources().iter().enumerate() {
        for section in 0..s.sections.len() {
            out.push(Facet::Section { source, section });
        }
    }
    out
}

/// One row of the facet list; `facet` is `None` for "All".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub facet: Option<Facet>,
    pub label: String,
    /// Claims passing the pinned filters and the search that also match this entry.
    pub count: usize,
    /// Of those passing, the claims about a region of this country that do
    /// not name it (shown as `+N`; `r` lists them too).
    pub regional: usize,
}

/// The search line while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchLine {
    pub input: String,
    /// The query to restore on cancel.
    pub saved: String,
}

/// A place in the navigation history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nav {
    pub focus: Pane,
    pub tab: Tab,
    pub entry: usize,
    pub claim: Option<usize>,
}

/// What the source text in Detail is scrolled to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Quote,
    /// The n-th occurrence of a search word (see [`crate::app::find`]).
    Match(usize),
}

/// Something a claim links to, followable from Detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Facet(Facet),
    Claim(usize, Relation),
}

/// Something `update` asks the event loop to do outside the state: the
/// pure update records it, [`crate::tui`] carries it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Hand this search to the worker, cancelling the one it runs.
    Search(Request),
    /// Ask the worker for the highlights of these rows.
    Highlight(HighlightRequest),
}

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
pub enum Note {
    /// "N claims match /query".
    Matches,
    /// The lens and how many claims it lists.
    Lens,
}

/// A search handed to the worker whose results have not all arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub generation: u64,
    pub search: Search,
    /// Where the cursor goes; `None` once it is placed.
    pub cursor: Option<Cursor>,
    pub note: Option<Note>,
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

    fn start(&mut self, query: &str) {
        if self.query != query {
            self.query = query.to_string();
            self.hits.clear();
            self.asked.clear();
        }
    }

    fn add(&mut self, hits: Vec<Hit>) {
        if self.hits.len() + hits.len() > HIGHLIGHTS_MAX {
            self.hits.clear();
        }
        self.hits.extend(hits.into_iter().map(|h| (h.claim, h)));
    }

    /// Applies highlights the worker computed, if they are for this query.
    pub fn receive(&mut self, h: Highlighted) {
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

pub struct State {
    pub store: Arc<Store>,
    /// Built on first use (see [`LazyIndex`]).
    pub index: Arc<LazyIndex>,
    /// False under NO_COLOR: styles then use modifiers only.
    pub color: bool,
    pub width: u16,
    pub height: u16,
    pub focus: Pane,
    pub tab: Tab,
    /// Selected entry per tab (0 is "All"), indexed by [`Tab::index`].
    pub facet_sel: [usize; 5],
    pub filter: Filter,
    /// The accepted search query.
    pub query: String,
    pub search: Option<SearchLine>,
    /// Cursor in [`State::visible`].
    pub claim_sel: usize,
    /// First row of [`State::visible`] the Claims pane showed: the list
    /// stays put while the cursor moves inside it (see
    /// [`crate::ui::scroll_top`]); `update` keeps it current.
    pub claims_top: usize,
    /// The claim shown in Detail.
    pub claim: Option<usize>,
    /// First visible line of the wrapped source text in Detail.
    pub source_top: usize,
    pub anchor: Anchor,
    /// Cursor in [`State::links`].
    pub link: Option<usize>,
    pub back: Vec<Nav>,
    pub forward: Vec<Nav>,
    pub help: bool,
    pub help_scroll: u16,
    pub message: Option<String>,
    pub quit: bool,
    /// Marked claims (store indexes), for briefings.
    pub marks: BTreeSet<usize>,
    /// Only marked claims are listed.
    pub marked_only: bool,
    pub lens: Lens,
    /// False under `--no-clipboard`.
    pub clipboard: bool,
    /// Work for the event loop, drained after each update.
    pub effects: Vec<Effect>,
    /// The stats view replaces Claims and Detail.
    pub stats: bool,
    pub stats_scroll: u16,
    /// Counts over [`State::visible`], kept while the stats view is shown.
    pub stats_data: Option<Stats>,
    pub export: Option<ExportDialog>,
    /// Facet list of the current tab.
    pub entries: Vec<Entry>,
    /// The tab [`State::entries`] lists.
    entries_tab: Option<Tab>,
    /// The entries' counts are not yet known (the tab just changed).
    pub counts_stale: bool,
    /// Claims the Claims pane lists, ranked. While [`State::pending`] is
    /// set this is the previous list, or only the top of the new one.
    pub visible: Vec<Ranked>,
    /// How many claims the list has in all (`visible` may hold its top).
    pub listed: usize,
    /// Highlights of the rows on screen.
    pub highlights: Highlights,
    /// The search being carried out; the list shown is the previous one.
    pub pending: Option<Pending>,
    /// Numbers searches; results for any but the pending one are stale.
    pub generation: u64,
    /// The search the list shows (or will, once `pending` completes).
    requested: Option<Search>,
}

impl State {
    /// The state for `store`, with its first list ranked (inline: this
    /// runs before the first frame).
    pub fn new(store: Store, color: bool) -> State {
        let index = Arc::new(LazyIndex::new());
        let mut state = State {
            store: Arc::new(store),
            index,
            color,
            width: 120,
            height: 40,
            focus: Pane::Facets,
            tab: Tab::Countries,
            facet_sel: [0; 5],
            filter: Filter::default(),
            query: String::new(),
            search: None,
            claim_sel: 0,
            claims_top: 0,
            claim: None,
            source_top: 0,
            anchor: Anchor::Quote,
            link: None,
            back: Vec::new(),
            forward: Vec::new(),
            help: false,
            help_scroll: 0,
            message: None,
            quit: false,
            marks: BTreeSet::new(),
            marked_only: false,
            lens: Lens::All,
            clipboard: true,
            effects: Vec::new(),
            stats: false,
            stats_scroll: 0,
            stats_data: None,
            export: None,
            entries: Vec::new(),
            entries_tab: None,
            counts_stale: false,
            visible: Vec::new(),
            listed: 0,
            highlights: Highlights::default(),
            pending: None,
            generation: 0,
            requested: None,
        };
        state.refresh_now();
        state
    }

    /// Three panes side by side, or one at a time.
    pub fn wide(&self) -> bool {
        self.width >= 100
    }

    pub fn too_small(&self) -> bool {
        self.width < 40 || self.height < 10
    }

    /// The query the claims list follows: the one being typed, if any.
    pub fn active_query(&self) -> &str {
        match &self.search {
            Some(line) => &line.input,
            None => &self.query,
        }
    }

    pub fn entry_sel(&self) -> usize {
        self.facet_sel[self.tab.index()]
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.entries.get(self.entry_sel())
    }

    /// The facet the cursor previews, unless it is pinned: a pinned entry is
    /// governed by its chip, so that `!` on it shows everything else.
    pub fn live_facet(&self) -> Option<Facet> {
        let f = self.selected_entry()?.facet?;
        let pinned = self.filter.include.contains(&f) || self.filter.exclude.contains(&f);
        (!pinned).then_some(f)
    }

    /// Whether `claim` is listed only through a region of the country
    /// chosen (pinned or under the cursor): it does not name the country.
    pub fn is_regional(&self, claim: usize) -> bool {
        if !self.filter.with_regions {
            return false;
        }
        let mut f = self.filter.clone();
        f.include.extend(self.live_facet());
        f.is_regional(&self.store, claim)
    }

    pub fn selected_hit(&self) -> Option<&Ranked> {
        self.visible.get(self.claim_sel)
    }

    /// Whether a search is being carried out.
    pub fn searching(&self) -> bool {
        self.pending.is_some()
    }

    /// Brings the facet counts and the claims list up to date after any
    /// change to filters, query, tab or facet cursor; the claim cursor
    /// stays on its claim when that is still listed. The facet entries
    /// change now; the search is handed to the worker as an
    /// [`Effect::Search`], and until its results arrive the previous list
    /// stays on screen.
    pub fn refresh(&mut self) {
        self.refresh_with(Cursor::Keep, None);
    }

    /// [`State::refresh`], then the search carried out inline: for the
    /// state built before the first frame.
    pub fn refresh_now(&mut self) {
        self.refresh();
        super::worker::settle(self);
    }

    /// [`State::refresh`], placing the cursor by `cursor` and saying
    /// `note` once the results are in.
    pub fn refresh_with(&mut self, cursor: Cursor, note: Option<Note>) {
        if self.entries_tab != Some(self.tab) {
            let all = Entry {
                facet: None,
                label: "All".to_string(),
                count: 0,
                regional: 0,
            };
            let rest = self.tab.facets(&self.store).into_iter().map(|f| Entry {
                facet: Some(f),
                label: f.label(&self.store),
                count: 0,
                regional: 0,
            });
            self.entries = std::iter::once(all).chain(rest).collect();
            self.entries_tab = Some(self.tab);
            self.counts_stale = true;
        }
        let sel = self.entry_sel().min(self.entries.len().saturating_sub(1));
        self.facet_sel[self.tab.index()] = sel;
        let search = Search {
            query: self.active_query().to_string(),
            filter: self.filter.clone(),
            lens: self.lens,
            marked: self
                .marked_only
                .then(|| self.marks.iter().copied().collect()),
            live: self.live_facet(),
            tab: self.tab,
        };
        if let Some(p) = self.pending.as_mut().filter(|p| p.search == search) {
            // Already on its way.
            p.cursor = Cursor::then(p.cursor.take(), cursor);
            p.note = note;
            return;
        }
        if self.pending.is_none() && self.requested.as_ref() == Some(&search) {
            // The list already shows this search.
            self.place_cursor(cursor, true);
            self.complete(note);
            return;
        }
        self.generation += 1;
        let cursor = match self.pending.take() {
            Some(p) => Cursor::then(p.cursor, cursor),
            None => Some(cursor),
        };
        let window = crate::ui::claims::rows_shown(self);
        self.effects.push(Effect::Search(Request {
            generation: self.generation,
            search: search.clone(),
            first: FIRST_ROWS.max(2 * window),
            highlight: window,
        }));
        self.requested = Some(search.clone());
        self.pending = Some(Pending {
            generation: self.generation,
            search,
            cursor,
            note,
        });
    }

    /// Applies results from the worker: the top rows of the list, or all
    /// of it with the facet counts. Results for anything but the pending
    /// search are stale and dropped.
    pub fn receive(&mut self, found: Found) {
        let Some(cursor) = self
            .pending
            .as_mut()
            .filter(|p| p.generation == found.generation)
            .map(|p| p.cursor.take())
        else {
            return;
        };
        let before = self.selected_hit().map(|r| r.claim);
        self.highlights.start(&found.query);
        self.highlights.add(found.hits);
        self.visible = found.rows;
        self.listed = found.listed;
        if let Some(counts) = found.counts {
            for (e, n) in self.entries.iter_mut().zip(counts) {
                e.count = n;
            }
            for (e, n) in self.entries.iter_mut().zip(found.regional) {
                e.regional = n;
            }
            self.counts_stale = false;
        }
        let cursor = cursor.map(|c| match c {
            Cursor::Keep => Cursor::Seek(before.into_iter().collect()),
            Cursor::Prefer(c) => Cursor::Seek([Some(c), before].into_iter().flatten().collect()),
            other => other,
        });
        if let Some(c) = cursor {
            let unplaced = !self.place_cursor(c.clone(), found.complete);
            if let Some(p) = self.pending.as_mut().filter(|_| unplaced) {
                p.cursor = Some(c);
            }
        }
        if found.complete {
            let note = self.pending.take().and_then(|p| p.note);
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
            .find_map(|&c| self.visible.iter().position(|r| r.claim == c));
        self.claim_sel = found.unwrap_or(0);
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
    fn complete(&mut self, note: Option<Note>) {
        self.stats_data = self.stats.then(|| {
            let claims: Vec<usize> = self.visible.iter().map(|r| r.claim).collect();
            Stats::compute(&self.store, &claims)
        });
        let n = self.listed;
        self.message = match note {
            None => return,
            Some(Note::Matches) if self.query.is_empty() => return,
            Some(Note::Matches) => Some(format!(
                "{n} claims match /{}",
                crate::sanitize::inline(&self.query)
            )),
            Some(Note::Lens) => Some(match self.lens {
                Lens::All => format!("Lens off: all attributions ({n} claims)"),
                l => format!("Lens: {} ({n} claims; a: next lens)", l.label()),
            }),
        };
    }

    /// Shows `claim` in Detail, scrolled to its quote when it is a new one.
    pub fn show_claim(&mut self, claim: Option<usize>) {
        if claim == self.claim {
            return;
        }
        self.claim = claim;
        self.link = None;
        self.anchor = Anchor::Quote;
        self.source_top = crate::ui::detail::top_for_anchor(self);
    }

    /// The detail claim's links: countries, regions, actors (speaker
    /// included), themes, related claims.
    pub fn links(&self) -> Vec<Link> {
        let Some(c) = self.claim else {
            return Vec::new();
        };
        let l = self.store.links(c);
        let claim = &self.store.claims()[c];
        let mut actors: Vec<usize> = l.actors.iter().map(|&i| i as usize).collect();
        if let Some(i) = claim.speaker()
            && !actors.contains(&i)
        {
            actors.insert(0, i);
        }
        let related = claim.related().iter().filter_map(|r| {
            let i = self.store.index_of(crate::model::Kind::Claim, &r.claim)?;
            Some(Link::Claim(i, r.relation))
        });
        l.countries
            .iter()
            .map(|&i| Link::Facet(Facet::Country(i as usize)))
            .chain(
                l.regions
                    .iter()
                    .map(|&i| Link::Facet(Facet::Region(i as usize))),
            )
            .chain(actors.into_iter().map(|i| Link::Facet(Facet::Actor(i))))
            .chain(
                l.themes
                    .iter()
                    .map(|&i| Link::Facet(Facet::Theme(i as usize))),
            )
            .chain(related)
            .collect()
    }

    pub fn nav(&self) -> Nav {
        Nav {
            focus: self.focus,
            tab: self.tab,
            entry: self.entry_sel(),
            claim: self.claim,
        }
    }
}
