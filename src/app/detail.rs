//! The Detail pane's text laid out: a claim's facts and links, and its
//! source text, wrapped to the pane's inner size. Laid out once per
//! (claim, size, search words) and kept in [`DetailView`], so that a
//! scroll, the anchor search and the redraw all reuse one layout; cells
//! carry a [`Role`] that the view turns into a style.

use std::borrow::Cow;

use super::cells::{Cell, NO_TAG, Styled, wrap};
use super::find;
use super::geometry::{self, Rect};
use super::state::{Anchor, DetailView, Link, State};
use crate::filter::Facet;
use crate::model::{Kind, Primary, Verification};

/// Width of the labels in front of the facts ("Countries  ").
const LABEL_W: usize = 11;
/// Indent of an entity's facts under its link.
const FACT_INDENT: usize = LABEL_W + 2;

/// What a cell of Detail shows; the view gives each role its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Padding the wrapper adds.
    #[default]
    None,
    Plain,
    Strong,
    Badge,
    Label,
    Hedge,
    /// A link; its tag is the link's index in [`State::links`].
    Link,
    /// Source text: inside the quote, a hedge cue in the quote, a search match.
    Source {
        quote: bool,
        hedge: bool,
        matched: bool,
    },
}

/// What a layout was made for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    claim: usize,
    inner: Rect,
    query: String,
    /// The claim's note, shown in the facts.
    note: Option<String>,
    /// The link under the cursor: an entity's facts follow it.
    link: Option<usize>,
}

/// Detail's content wrapped to a pane.
#[derive(Debug, Clone)]
pub struct DetailLayout {
    key: Key,
    pub inner: Rect,
    pub meta: Vec<Vec<Cell<Role>>>,
    /// Rows the facts get.
    pub meta_h: usize,
    /// The lines of the facts of the entity under the link cursor, when
    /// it is a country, region or actor: shown with the link.
    pub entity_facts: Option<std::ops::Range<usize>>,
    pub source: Vec<Vec<Cell<Role>>>,
    /// Rows the source text gets.
    pub source_h: usize,
    /// The section of the source each source line is in (the claim's own
    /// for a headline claim), for the heading above the text.
    pub line_section: Vec<usize>,
}

impl DetailLayout {
    pub fn max_top(&self) -> usize {
        self.source.len().saturating_sub(self.source_h)
    }

    fn build(state: &State, key: Key) -> DetailLayout {
        let w = key.inner.width as usize;
        let mut meta: Vec<Vec<Cell<Role>>> = Vec::new();
        let mut entity_facts = None;
        for (s, indent) in meta_paragraphs(state, key.claim) {
            let first = meta.len();
            meta.extend(wrap(&s.cells, w, indent));
            if indent == FACT_INDENT {
                let r: &mut std::ops::Range<usize> = entity_facts.get_or_insert(first..first);
                r.end = meta.len();
            }
        }
        let height = key.inner.height as usize;
        // The source text is the point of the pane: facts get at most about half.
        let meta_h = meta.len().min((height * 11 / 20).max(1));
        let source_h = height.saturating_sub(meta_h + 1);
        let starts = section_starts(state, key.claim);
        let source = wrap(
            &source_cells(state, key.claim, &key.query, &starts).cells,
            w,
            0,
        );
        let own = state.store.claim_at(key.claim).section as usize;
        let line_section = source
            .iter()
            .map(|l| {
                let at = l.iter().find(|c| c.tag != NO_TAG).map(|c| c.tag);
                at.map_or(own, |b| match starts.partition_point(|&(s, _)| s <= b) {
                    0 => own,
                    i => starts[i - 1].1,
                })
            })
            .collect();
        DetailLayout {
            inner: key.inner,
            key,
            meta,
            meta_h,
            entity_facts,
            source,
            source_h,
            line_section,
        }
    }

    /// The section of the source at the first line shown from `top`.
    pub fn section_at(&self, top: usize) -> Option<usize> {
        self.line_section.get(top).copied()
    }
}

/// Where each section of the claim's source text starts, as byte offsets
/// in ascending order with the section's index; none for a headline claim.
fn section_starts(state: &State, claim: usize) -> Vec<(usize, usize)> {
    let store = &state.store;
    if store.claim_at(claim).target() != crate::model::QuoteTarget::Text {
        return Vec::new();
    }
    let text = store.text_of(claim);
    let index = crate::model::positions::CharIndex::new(text);
    let mut starts: Vec<(usize, usize)> = store
        .source_of(claim)
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (index.byte(s.start), i))
        .collect();
    starts.sort_unstable();
    starts
}

impl State {
    fn detail_key(&self, inner: Rect) -> Option<Key> {
        let claim = self.detail.claim?;
        Some(Key {
            claim,
            inner,
            query: self.active_query().to_string(),
            note: self.briefing.notes.get(&claim).cloned(),
            link: self.detail.link,
        })
    }

    /// Detail's layout at the current screen size, laid out again only
    /// when the claim, the size or the search words changed.
    pub(crate) fn detail_layout(&mut self) -> Option<&DetailLayout> {
        let key = self.detail_key(geometry::inner(geometry::detail_rect(self)))?;
        if self.detail.layout.as_ref().map(|l| &l.key) != Some(&key) {
            self.detail.layout = Some(DetailLayout::build(self, key));
        }
        self.detail.layout.as_ref()
    }

    /// Detail's layout for drawing inside `inner`: the kept one, or (when
    /// the frame is not the size the state knows, as between a terminal
    /// resize and its event) one laid out for `inner`.
    pub fn detail_layout_in(&self, inner: Rect) -> Option<Cow<'_, DetailLayout>> {
        let key = self.detail_key(inner)?;
        match &self.detail.layout {
            Some(l) if l.key == key => Some(Cow::Borrowed(l)),
            _ => Some(Cow::Owned(DetailLayout::build(self, key))),
        }
    }

    /// The first source line to show so that the anchor sits a third of
    /// the way down the view.
    pub(crate) fn top_for_anchor(&mut self) -> usize {
        let Some(claim) = self.detail.claim else {
            return 0;
        };
        let target = match self.detail.anchor {
            Anchor::Quote => self.store.quote_bytes(claim).0,
            Anchor::Match(k) => {
                let occ = find::occurrences(self.store.text_of(claim), self.active_query());
                occ.get(k).map_or(self.store.quote_bytes(claim).0, |o| o.0)
            }
        };
        let Some(v) = self.detail_layout() else {
            return 0;
        };
        let line = v
            .source
            .iter()
            .position(|l| l.iter().any(|c| c.tag != NO_TAG && c.tag >= target))
            .unwrap_or(0);
        line.saturating_sub(v.source_h / 3).min(v.max_top())
    }

    /// Largest useful first source line at the current size.
    pub(crate) fn detail_max_top(&mut self) -> usize {
        self.detail_layout().map_or(0, DetailLayout::max_top)
    }

    /// Lines the source view shows at once.
    pub(crate) fn detail_source_height(&mut self) -> usize {
        self.detail_layout().map_or(1, |v| v.source_h.max(1))
    }

    /// What a link says in Detail and in the status line.
    pub fn link_label(&self, link: Link) -> String {
        match link {
            Link::Facet(f) => f.label(&self.store),
            Link::Claim(c, rel) => format!("{} {}", rel.as_str(), self.store.claim_at(c).id()),
            Link::Evidence {
                claim,
                relation,
                incoming: true,
            } => format!("{} {}", self.store.claim_at(claim).id(), relation.as_str()),
            Link::Evidence {
                claim, relation, ..
            } => format!("{} {}", relation.as_str(), self.store.claim_at(claim).id()),
        }
    }
}

impl DetailView {
    pub(crate) fn new() -> DetailView {
        DetailView {
            claim: None,
            top: 0,
            anchor: Anchor::Quote,
            link: None,
            layout: None,
        }
    }
}

fn meta_paragraphs(state: &State, claim: usize) -> Vec<(Styled<Role>, usize)> {
    let c = &state.store.claim(claim);
    let mut head = Styled::new();
    head.text(&c.id, Role::Strong, NO_TAG)
        .fixed("  ", Role::Plain)
        .fixed(c.attribution.layer.badge(), Role::Badge)
        .fixed(" ", Role::Plain)
        .fixed(c.attribution.layer.label(), Role::Plain)
        .fixed("  ", Role::Plain)
        .fixed(c.certainty.badge(), Role::Badge)
        .fixed(" ", Role::Plain)
        .fixed(c.certainty.as_str(), Role::Plain);
    let mut statement = Styled::new();
    statement.text(&c.statement, Role::Strong, NO_TAG);
    let mut out = vec![(head, 0), (statement, 0)];
    out.extend(found_via(state, claim));
    out.push((speaker(state, claim), LABEL_W));
    if let Some(note) = state.briefing.notes.get(&claim) {
        let mut s = labelled("✎ Note");
        s.text(note, Role::Plain, NO_TAG);
        out.push((s, LABEL_W));
    }
    if !c.hedges.is_empty() {
        let mut s = labelled("Hedges");
        s.text(&c.hedges.join(", "), Role::Hedge, NO_TAG);
        out.push((s, LABEL_W));
    }
    if let Some(p) = &c.primary {
        primary_paragraphs(p, &mut out);
    }
    out.extend(link_paragraphs(state));
    out
}

/// "Found via alias BiH (Bosnia and Herzegovina)": why the search lists
/// a claim whose text has nothing marked.
fn found_via(state: &State, claim: usize) -> Option<(Styled<Role>, usize)> {
    let found = crate::search::via_aliases(&state.store, state.active_query(), claim);
    if found.is_empty() {
        return None;
    }
    let mut s = labelled("Found");
    for (i, m) in found.iter().enumerate() {
        s.fixed(if i == 0 { "via alias " } else { " · " }, Role::Plain)
            .text(&m.alias, Role::Strong, NO_TAG)
            .fixed(" (", Role::Plain)
            .text(&m.name, Role::Plain, NO_TAG)
            .fixed(")", Role::Plain);
    }
    Some((s, LABEL_W))
}

/// The primary quote a claim is checked against: the verdict and the
/// quote, then what the document itself says, where, and the analyst's note.
fn primary_paragraphs(p: &Primary, out: &mut Vec<(Styled<Role>, usize)>) {
    let mut s = labelled("Primary");
    let mark = match p.verification {
        Verification::Verified => "✓ ",
        Verification::WordingDiffers => "≠ ",
        Verification::NotFound => "✗ ",
        Verification::Unverified => "? ",
    };
    s.fixed(mark, Role::Strong)
        .fixed(p.verification.as_str(), Role::Strong)
        .fixed(" “", Role::Plain)
        .text(&p.quoted, Role::Plain, NO_TAG)
        .fixed("”", Role::Plain);
    out.push((s, LABEL_W));
    // What the document itself says, where, then the analyst's note.
    if let Some(found) = &p.found {
        let mut s = labelled("It says");
        s.fixed("“", Role::Plain)
            .text(found, Role::Plain, NO_TAG)
            .fixed("”", Role::Plain);
        if let Some(at) = &p.location {
            s.fixed(" (", Role::Plain)
                .text(at, Role::Label, NO_TAG)
                .fixed(")", Role::Plain);
        }
        out.push((s, LABEL_W));
    }
    if let Some(note) = &p.note {
        let mut s = labelled("Check");
        s.text(note, Role::Plain, NO_TAG);
        out.push((s, LABEL_W));
    }
}

fn labelled(label: &str) -> Styled<Role> {
    let mut s = Styled::new();
    s.fixed(&format!("{label:<LABEL_W$}"), Role::Label);
    s
}

fn speaker(state: &State, claim: usize) -> Styled<Role> {
    let c = &state.store.claim(claim);
    let mut s = labelled("Speaker");
    match &c.attribution.speaker {
        Some(id) => s.text(&state.store.name_of(Kind::Actor, id), Role::Plain, NO_TAG),
        None => s.fixed("the article's author", Role::Plain),
    };
    if let Some(cue) = &c.attribution.cue {
        s.fixed(" · cue “", Role::Plain)
            .text(cue, Role::Hedge, NO_TAG)
            .fixed("”", Role::Plain);
    }
    s
}

fn link_paragraphs(state: &State) -> Vec<(Styled<Role>, usize)> {
    let links = state.links();
    type Pick = fn(&Link) -> bool;
    let groups: [(&str, Pick); 5] = [
        ("Countries", |l| matches!(l, Link::Facet(Facet::Country(_)))),
        ("Regions", |l| matches!(l, Link::Facet(Facet::Region(_)))),
        ("Actors", |l| matches!(l, Link::Facet(Facet::Actor(_)))),
        ("Themes", |l| matches!(l, Link::Facet(Facet::Theme(_)))),
        ("Related", |l| matches!(l, Link::Claim(..))),
    ];
    let mut out = Vec::new();
    for (label, pick) in groups {
        let mut s = labelled(label);
        let mut any = false;
        for (i, l) in links.iter().enumerate().filter(|(_, l)| pick(l)) {
            if any {
                s.fixed(" · ", Role::Plain);
            }
            any = true;
            s.text(&state.link_label(*l), Role::Link, i);
        }
        if any {
            out.push((s, LABEL_W));
            out.extend(entity_facts(state, &links, pick));
        }
    }
    out.extend(evidence_paragraphs(state, &links));
    out
}

/// The facts of the country, region or actor under the link cursor, when
/// `pick` takes its link: NATO and EU status, aliases, regions
/// ([`crate::facts`], as `stratlens show country` prints them).
fn entity_facts(
    state: &State,
    links: &[Link],
    pick: fn(&Link) -> bool,
) -> Vec<(Styled<Role>, usize)> {
    let Some(link) = state
        .detail
        .link
        .and_then(|i| links.get(i))
        .filter(|l| pick(l))
    else {
        return Vec::new();
    };
    let facts = match *link {
        Link::Facet(Facet::Country(i)) => crate::facts::country(&state.store, i),
        Link::Facet(Facet::Region(i)) => crate::facts::region(&state.store, i),
        Link::Facet(Facet::Actor(i)) => crate::facts::actor(&state.store, i),
        _ => return Vec::new(),
    };
    facts
        .into_iter()
        .map(|f| {
            let mut s = Styled::new();
            s.fixed(&format!("{:LABEL_W$}↳ ", ""), Role::Label)
                .fixed(&format!("{} ", f.label), Role::Label)
                .text(&f.value, Role::Plain, NO_TAG);
            (s, FACT_INDENT)
        })
        .collect()
}

/// "Evidence": the claims of other sources that bear on this one, a line
/// per source under its date, in date order.
fn evidence_paragraphs(state: &State, links: &[Link]) -> Vec<(Styled<Role>, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, Styled<Role>)> = None;
    for (i, l) in links.iter().enumerate() {
        let Link::Evidence { claim, .. } = *l else {
            continue;
        };
        let source = state.store.claim_source(claim);
        if current.as_ref().map(|(s, _)| *s) != Some(source) {
            if out.is_empty() && current.is_none() {
                let mut head = Styled::new();
                let n = links
                    .iter()
                    .filter(|l| matches!(l, Link::Evidence { .. }))
                    .count();
                head.fixed(&format!("Evidence from other sources ({n})"), Role::Label);
                out.push((head, 0));
            }
            out.extend(current.take().map(|(_, s)| (s, LABEL_W)));
            let src = &state.store.sources()[source];
            let mut s = labelled(src.published.as_deref().unwrap_or("undated"));
            s.text(&src.id, Role::Strong, NO_TAG)
                .fixed(": ", Role::Plain);
            current = Some((source, s));
        } else if let Some((_, s)) = current.as_mut() {
            s.fixed(" · ", Role::Plain);
        }
        if let Some((_, s)) = current.as_mut() {
            s.text(&state.link_label(*l), Role::Link, i);
        }
    }
    out.extend(current.map(|(_, s)| (s, LABEL_W)));
    out
}

/// The source text, cut at every highlight boundary; each piece is
/// sanitised on its own so the highlights stay on the right characters.
fn source_cells(
    state: &State,
    claim: usize,
    query: &str,
    sections: &[(usize, usize)],
) -> Styled<Role> {
    let store = &state.store;
    let text = store.text_of(claim);
    let (qa, qb) = store.quote_bytes(claim);
    let mut hedges = Vec::new();
    for cue in &store.claim(claim).hedges {
        hedges.extend(find::within(text, qa, qb, cue));
    }
    let matches = find::occurrences(text, query);
    let mut cuts: Vec<usize> = vec![0, text.len(), qa, qb];
    // Cut at every section start too, so a line's first tag names its section.
    cuts.extend(sections.iter().map(|&(b, _)| b));
    cuts.extend(hedges.iter().chain(&matches).flat_map(|&(a, b)| [a, b]));
    cuts.retain(|&i| text.is_char_boundary(i));
    cuts.sort_unstable();
    cuts.dedup();
    let covers =
        |ranges: &[(usize, usize)], a: usize, b: usize| ranges.iter().any(|r| r.0 <= a && b <= r.1);
    let mut out = Styled::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let role = Role::Source {
            quote: qa <= a && b <= qb,
            hedge: covers(&hedges, a, b),
            matched: covers(&matches, a, b),
        };
        out.running(&text[a..b], role, a);
    }
    out
}
