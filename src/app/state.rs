//! Everything the screen shows, plus caches recomputed by
//! [`State::refresh`] so that drawing never has to filter or search.

use std::collections::BTreeSet;

use super::dialog::ExportDialog;
use super::lens::Lens;
use crate::filter::{Facet, Filter};
use crate::model::{Certainty, Layer, Relation, Store};
use crate::search::{Hit, SearchIndex};
use crate::stats::Stats;

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
            Tab::Countries => (0..store.countries().len()).map(Facet::Country).collect(),
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
            Facet::Country(_) => Tab::Countries,
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
}

pub struct State {
    pub store: Store,
    pub index: SearchIndex,
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
    /// Claims the Claims pane lists, ranked.
    pub visible: Vec<Hit>,
}

impl State {
    pub fn new(store: Store, color: bool) -> State {
        let index = SearchIndex::new(&store);
        let mut state = State {
            store,
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
            visible: Vec::new(),
        };
        state.refresh();
        state
    }

    /// Three panes side by side, or one at a time.
    pub fn wide(&self) -> bool {
        self.width >= 100
    }

    pub fn too_small(&self) -> bool {
        self.width < 40 || self.height < 10
    }

    /// The query the claims list currently reflects: the one being typed, if any.
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

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.visible.get(self.claim_sel)
    }

    /// Recomputes the facet counts and the claims list after any change to
    /// filters, query, tab or facet cursor, keeping the claim cursor on the
    /// same claim when it is still listed.
    pub fn refresh(&mut self) {
        let before = self.selected_hit().map(|h| h.claim);
        let base: Vec<usize> = self
            .filter
            .apply(&self.store)
            .into_iter()
            .filter(|&c| self.admits(c))
            .collect();
        let hits = self.index.search(&self.store, self.active_query(), &base);
        self.entries = self.count_entries(&hits);
        let sel = self.entry_sel().min(self.entries.len().saturating_sub(1));
        self.facet_sel[self.tab.index()] = sel;
        let live = self.live_facet();
        self.visible = hits
            .into_iter()
            .filter(|h| live.is_none_or(|f| f.matches(&self.store, h.claim)))
            .collect();
        self.claim_sel = before
            .and_then(|c| self.visible.iter().position(|h| h.claim == c))
            .unwrap_or(0);
        if self.focus != Pane::Detail {
            let now = self.selected_hit().map(|h| h.claim);
            self.show_claim(now);
        }
        self.stats_data = self.stats.then(|| {
            let claims: Vec<usize> = self.visible.iter().map(|h| h.claim).collect();
            Stats::compute(&self.store, &claims)
        });
    }

    /// The lens and the marked-only switch, which narrow the list before
    /// the facet counts, like the pinned chips.
    fn admits(&self, claim: usize) -> bool {
        let layer = self.store.claims()[claim].attribution.layer;
        self.lens.admits(layer) && (!self.marked_only || self.marks.contains(&claim))
    }

    fn count_entries(&self, hits: &[Hit]) -> Vec<Entry> {
        let all = Entry {
            facet: None,
            label: "All".to_string(),
            count: hits.len(),
        };
        let rest = self.tab.facets(&self.store).into_iter().map(|f| Entry {
            facet: Some(f),
            label: f.label(&self.store),
            count: hits
                .iter()
                .filter(|h| f.matches(&self.store, h.claim))
                .count(),
        });
        std::iter::once(all).chain(rest).collect()
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

    /// The detail claim's links: countries, actors (speaker included), themes, related claims.
    pub fn links(&self) -> Vec<Link> {
        let Some(c) = self.claim else {
            return Vec::new();
        };
        let l = &self.store.links[c];
        let claim = &self.store.claims()[c];
        let mut actors = l.actors.clone();
        let speaker = claim.attribution.speaker.as_deref();
        if let Some(i) = speaker.and_then(|id| self.store.index_of(crate::model::Kind::Actor, id))
            && !actors.contains(&i)
        {
            actors.insert(0, i);
        }
        let related = claim.related.iter().filter_map(|r| {
            let i = self.store.index_of(crate::model::Kind::Claim, &r.claim)?;
            Some(Link::Claim(i, r.relation))
        });
        l.countries
            .iter()
            .map(|&i| Link::Facet(Facet::Country(i)))
            .chain(actors.into_iter().map(|i| Link::Facet(Facet::Actor(i))))
            .chain(l.themes.iter().map(|&i| Link::Facet(Facet::Theme(i))))
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
