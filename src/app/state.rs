//! Everything the screen shows, grouped by concern, plus the results of
//! the last search so that drawing never has to filter or search (see
//! [`super::refresh`]). Fields are `pub(crate)`; outside the crate the
//! state is read through its accessors, and only [`super::update()`]
//! changes it.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::detail::DetailLayout;
use super::dialog::{ExportDialog, Scope};
use super::lens::Lens;
pub use super::panes::{Entry, Pane, Tab};
pub use super::refresh::{Cursor, DoneMessage, FIRST_ROWS, Highlights, Pending};
use super::worker::{HighlightRequest, ListQuery, ListRequest};
use crate::filter::{Facet, Filter};
use crate::model::{Relation, Store};
use crate::search::{LazyIndex, Ranked};
use crate::stats::Stats;

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
    /// A related claim of the same source.
    Claim(usize, Relation),
    /// A claim of another source that bears on this one: incoming when it
    /// names this claim in its `related` ("nss1996-4 qualifies"), else
    /// this claim names it ("supports c28").
    Evidence {
        claim: usize,
        relation: Relation,
        incoming: bool,
    },
}

/// Something `update` asks the event loop to do outside the state: the
/// pure update records it, [`crate::term::event_loop`] carries it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Hand this search to the worker, cancelling the one it runs.
    List(ListRequest),
    /// Ask the worker for the highlights of these rows.
    Highlight(HighlightRequest),
}

/// The terminal: its size, and what the analyst allowed on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub(crate) width: u16,
    pub(crate) height: u16,
    /// False under NO_COLOR: styles then use modifiers only.
    pub(crate) color: bool,
    /// False under `--no-clipboard`.
    pub(crate) clipboard: bool,
    /// The colour theme (`config.toml`, `--theme`).
    pub(crate) theme: crate::config::ThemeName,
}

/// What covers the panes and takes every key: at most one at a time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    /// The keymap, scrolled to `scroll`.
    Help { scroll: u16 },
    /// The briefing export dialog.
    Export(ExportDialog),
    /// The command palette (`:`).
    Palette(Box<super::palette::Palette>),
    /// The note editor (`i`).
    Note(super::tools::NoteEditor),
    /// The name prompt of a view being saved (`v`).
    ViewName(super::tools::ViewPrompt),
}

/// The stats view, shown in place of Claims and Detail while it is open.
#[derive(Debug, Clone, Default)]
pub struct StatsView {
    pub(crate) scroll: u16,
    /// Counts over the listed claims, computed when a list is complete.
    pub(crate) data: Option<Stats>,
}

/// The Facets pane: one tab's entries and a cursor per tab.
#[derive(Debug, Clone)]
pub struct FacetList {
    pub(crate) tab: Tab,
    /// Selected entry per tab (0 is "All"), indexed by [`Tab::index`].
    pub(crate) sel: [usize; Tab::ALL.len()],
    /// Entries of the current tab.
    pub(crate) entries: Vec<Entry>,
    /// The tab `entries` lists.
    pub(crate) entries_tab: Option<Tab>,
    /// The entries' counts are not yet known (the tab just changed).
    pub(crate) counts_stale: bool,
}

/// The Claims pane: the ranked list and its cursor.
#[derive(Debug, Clone, Default)]
pub struct ClaimList {
    /// Claims listed, ranked. While a search is pending this is the
    /// previous list, or only the top of the new one.
    pub(crate) rows: Vec<Ranked>,
    /// How many claims the list has in all (`rows` may hold its top).
    pub(crate) listed: usize,
    /// Cursor in `rows`.
    pub(crate) sel: usize,
    /// First row the pane showed: the list stays put while the cursor
    /// moves inside it (see [`crate::app::geometry::scroll_top`]).
    pub(crate) top: usize,
    /// Highlights of the rows on screen.
    pub(crate) highlights: Highlights,
}

/// The Detail pane: which claim, where its source text is scrolled to,
/// and which link the cursor is on.
#[derive(Debug, Clone)]
pub struct DetailView {
    pub(crate) claim: Option<usize>,
    /// First visible line of the wrapped source text.
    pub(crate) top: usize,
    pub(crate) anchor: Anchor,
    /// Cursor in [`State::links`].
    pub(crate) link: Option<usize>,
    /// The text laid out for the pane (see [`State::detail_layout`]).
    pub(crate) layout: Option<DetailLayout>,
}

/// What the list is asked to show: filters and search words, and the
/// search handed to the worker for them.
#[derive(Debug, Clone, Default)]
pub struct QueryState {
    pub(crate) filter: Filter,
    /// The accepted search words.
    pub(crate) text: String,
    /// The search line while it is open.
    pub(crate) line: Option<SearchLine>,
    /// The search being carried out; the list shown is the previous one.
    pub(crate) pending: Option<Pending>,
    /// Numbers searches; results for any but the pending one are stale.
    pub(crate) generation: u64,
    /// The search the list shows (or will, once `pending` completes).
    pub(crate) requested: Option<ListQuery>,
}

/// What goes into a briefing: marked claims and the attribution lens.
#[derive(Debug, Clone, Default)]
pub struct BriefingState {
    /// Marked claims (store indexes).
    pub(crate) marks: BTreeSet<usize>,
    /// Only marked claims are listed.
    pub(crate) marked_only: bool,
    pub(crate) lens: Lens,
    /// The analyst's notes on claims (store index to note).
    pub(crate) notes: crate::export::Notes,
}

/// Places visited, for history back and forward.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub(crate) back: Vec<Nav>,
    pub(crate) forward: Vec<Nav>,
}

pub struct State {
    pub(crate) store: Arc<Store>,
    /// Built on first use (see [`LazyIndex`]).
    pub(crate) index: Arc<LazyIndex>,
    pub(crate) screen: Screen,
    pub(crate) focus: Pane,
    pub(crate) overlay: Overlay,
    /// The stats view, when open.
    pub(crate) stats: Option<StatsView>,
    /// The timeline or compare view, in place of Claims and Detail.
    pub(crate) timeline: Option<super::timeline::TimelineView>,
    pub(crate) facets: FacetList,
    pub(crate) claims: ClaimList,
    pub(crate) detail: DetailView,
    pub(crate) query: QueryState,
    pub(crate) briefing: BriefingState,
    pub(crate) history: History,
    /// The status line's message.
    pub(crate) message: Option<String>,
    pub(crate) quit: bool,
    /// Work for the event loop, drained after each update.
    pub(crate) effects: Vec<Effect>,
    /// Saved views (see [`super::tools`]).
    pub(crate) views: super::tools::Views,
}

impl State {
    /// The state for `store`, with its first list ranked (inline: this
    /// runs before the first frame).
    pub fn new(store: Store, color: bool) -> State {
        State::with_clipboard(store, color, true)
    }

    /// [`State::new`], with the clipboard allowed or not.
    pub fn with_clipboard(store: Store, color: bool, clipboard: bool) -> State {
        let mut state = State {
            store: Arc::new(store),
            index: Arc::new(LazyIndex::new()),
            screen: Screen {
                width: 120,
                height: 40,
                color,
                clipboard,
                theme: crate::config::ThemeName::Dark,
            },
            focus: Pane::Facets,
            overlay: Overlay::None,
            stats: None,
            timeline: None,
            facets: FacetList {
                tab: Tab::Countries,
                sel: [0; Tab::ALL.len()],
                entries: Vec::new(),
                entries_tab: None,
                counts_stale: false,
            },
            claims: ClaimList::default(),
            detail: DetailView::new(),
            query: QueryState::default(),
            briefing: BriefingState::default(),
            history: History::default(),
            message: None,
            quit: false,
            effects: Vec::new(),
            views: super::tools::Views::default(),
        };
        state.refresh_now();
        state.detail_layout();
        state
    }

    // Read access for the event loop, the views and the tests; only
    // `update` changes the state.

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    pub fn index(&self) -> &Arc<LazyIndex> {
        &self.index
    }

    pub fn width(&self) -> u16 {
        self.screen.width
    }

    pub fn height(&self) -> u16 {
        self.screen.height
    }

    pub fn color(&self) -> bool {
        self.screen.color
    }

    /// The state drawn in `theme` (set as the state is built).
    pub fn with_theme(mut self, theme: crate::config::ThemeName) -> State {
        self.screen.theme = theme;
        self
    }

    /// The state with the saved views kept in `dir` (none: views are not
    /// saved).
    pub fn with_views_dir(mut self, dir: Option<std::path::PathBuf>) -> State {
        self.views = super::tools::Views::load(dir);
        self
    }

    /// The notes on claims, by store index.
    pub fn notes(&self) -> &crate::export::Notes {
        &self.briefing.notes
    }

    pub fn theme(&self) -> crate::config::ThemeName {
        self.screen.theme
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// Whether the help overlay is open.
    pub fn help(&self) -> bool {
        matches!(self.overlay, Overlay::Help { .. })
    }

    pub fn help_scroll(&self) -> u16 {
        match self.overlay {
            Overlay::Help { scroll } => scroll,
            _ => 0,
        }
    }

    /// The export dialog, when open.
    pub fn export(&self) -> Option<&ExportDialog> {
        match &self.overlay {
            Overlay::Export(d) => Some(d),
            _ => None,
        }
    }

    /// The export dialog, for snapshot tests that draw a dialog in a
    /// state the keys reach only through the file system.
    #[doc(hidden)]
    pub fn export_mut(&mut self) -> Option<&mut ExportDialog> {
        match &mut self.overlay {
            Overlay::Export(d) => Some(d),
            _ => None,
        }
    }

    /// Whether the stats view is open.
    pub fn stats(&self) -> bool {
        self.stats.is_some()
    }

    pub fn stats_scroll(&self) -> u16 {
        self.stats.as_ref().map_or(0, |v| v.scroll)
    }

    /// Counts over the listed claims while the stats view is open.
    pub fn stats_data(&self) -> Option<&Stats> {
        self.stats.as_ref().and_then(|v| v.data.as_ref())
    }

    pub fn tab(&self) -> Tab {
        self.facets.tab
    }

    pub fn entries(&self) -> &[Entry] {
        &self.facets.entries
    }

    pub fn counts_stale(&self) -> bool {
        self.facets.counts_stale
    }

    /// The claims listed, ranked.
    pub fn visible(&self) -> &[Ranked] {
        &self.claims.rows
    }

    /// How many claims the list has in all.
    pub fn listed(&self) -> usize {
        self.claims.listed
    }

    /// Cursor in [`State::visible`].
    pub fn claim_sel(&self) -> usize {
        self.claims.sel
    }

    /// First row the Claims pane showed.
    pub fn claims_top(&self) -> usize {
        self.claims.top
    }

    pub fn highlights(&self) -> &Highlights {
        &self.claims.highlights
    }

    /// The claim shown in Detail.
    pub fn claim(&self) -> Option<usize> {
        self.detail.claim
    }

    /// First visible line of the wrapped source text in Detail.
    pub fn source_top(&self) -> usize {
        self.detail.top
    }

    pub fn anchor(&self) -> Anchor {
        self.detail.anchor
    }

    /// Cursor in [`State::links`].
    pub fn link(&self) -> Option<usize> {
        self.detail.link
    }

    pub fn filter(&self) -> &Filter {
        &self.query.filter
    }

    /// The accepted search words.
    pub fn query(&self) -> &str {
        &self.query.text
    }

    /// The search line, while it is open.
    pub fn search(&self) -> Option<&SearchLine> {
        self.query.line.as_ref()
    }

    pub fn marks(&self) -> &BTreeSet<usize> {
        &self.briefing.marks
    }

    pub fn marked_only(&self) -> bool {
        self.briefing.marked_only
    }

    pub fn lens(&self) -> Lens {
        self.briefing.lens
    }

    pub fn forward(&self) -> &[Nav] {
        &self.history.forward
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn quit(&self) -> bool {
        self.quit
    }

    /// Work `update` recorded for the event loop.
    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }

    /// Hands the recorded work to the event loop (or to a test).
    pub fn effects_mut(&mut self) -> &mut Vec<Effect> {
        &mut self.effects
    }

    /// Three panes side by side, or one at a time.
    pub fn wide(&self) -> bool {
        self.screen.width >= 100
    }

    pub fn too_small(&self) -> bool {
        self.screen.width < 40 || self.screen.height < 10
    }

    /// The query the claims list follows: the one being typed, if any.
    pub fn active_query(&self) -> &str {
        match &self.query.line {
            Some(line) => &line.input,
            None => &self.query.text,
        }
    }

    pub fn entry_sel(&self) -> usize {
        self.facets.sel[self.facets.tab.index()]
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.facets.entries.get(self.entry_sel())
    }

    /// The facet the cursor previews, unless it is pinned: a pinned entry is
    /// governed by its chip, so that `!` on it shows everything else.
    pub fn live_facet(&self) -> Option<Facet> {
        let f = self.selected_entry()?.facet?;
        let pinned =
            self.query.filter.include.contains(&f) || self.query.filter.exclude.contains(&f);
        (!pinned).then_some(f)
    }

    /// Whether `claim` is listed only through a region of the country
    /// chosen (pinned or under the cursor): it does not name the country.
    pub fn is_regional(&self, claim: usize) -> bool {
        if !self.query.filter.with_regions {
            return false;
        }
        let mut f = self.query.filter.clone();
        f.include.extend(self.live_facet());
        f.is_regional(&self.store, claim)
    }

    pub fn selected_hit(&self) -> Option<&Ranked> {
        self.claims.rows.get(self.claims.sel)
    }

    /// How many claims a scope of the export dialog exports.
    pub fn scope_len(&self, scope: Scope) -> usize {
        match scope {
            Scope::Marked => self.briefing.marks.len(),
            Scope::Listed => self.claims.listed,
        }
    }

    /// Whether a search is being carried out.
    pub fn searching(&self) -> bool {
        self.query.pending.is_some()
    }

    /// Shows `claim` in Detail, scrolled to its quote when it is a new one.
    pub(crate) fn show_claim(&mut self, claim: Option<usize>) {
        if claim == self.detail.claim {
            return;
        }
        self.detail.claim = claim;
        self.detail.link = None;
        self.detail.anchor = Anchor::Quote;
        self.detail.top = self.top_for_anchor();
    }

    /// The detail claim's links: countries, actors (speaker included), themes, related claims.
    pub fn links(&self) -> Vec<Link> {
        let Some(c) = self.detail.claim else {
            return Vec::new();
        };
        let l = self.store.links(c);
        let claim = self.store.claim_at(c);
        let mut actors: Vec<usize> = l.actors.iter().map(|&i| i as usize).collect();
        if let Some(i) = claim.speaker()
            && !actors.contains(&i)
        {
            actors.insert(0, i);
        }
        let source = self.store.claim_source(c);
        let related = claim.related().iter().filter_map(|r| {
            let i = self.store.index_of(crate::model::Kind::Claim, &r.claim)?;
            (self.store.claim_source(i) == source).then_some(Link::Claim(i, r.relation))
        });
        let evidence = self.store.evidence(c).into_iter().map(|e| Link::Evidence {
            claim: e.claim,
            relation: e.relation,
            incoming: e.incoming,
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
            .chain(evidence)
            .collect()
    }

    pub fn nav(&self) -> Nav {
        Nav {
            focus: self.focus,
            tab: self.facets.tab,
            entry: self.entry_sel(),
            claim: self.detail.claim,
        }
    }
}
