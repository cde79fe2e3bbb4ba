//! The facet counts: the number beside an entry is what choosing it will
//! list. Chips of one kind are OR-ed, so with Serbia pinned, choosing
//! Kosovo lists the Serbia claims and the Kosovo ones: its count is that
//! union, not the claims naming both.
//!
//! The worker searches the claims that pass every filter except the
//! inclusion chips of the tab's kinds (a "widened" base, when such chips
//! are pinned), then splits the matches: those passing every chip are the
//! list, and for each of the tab's pinned kinds, those failing only that
//! kind's chips are what one more chip of it could bring in. One search
//! answers all of it, so a keystroke costs no second search.

use std::sync::atomic::{AtomicBool, Ordering};

use super::state::Tab;
use crate::filter::{Facet, FacetKind, Filter};
use crate::model::{Kind, Store};
use crate::search::{ClaimSet, Ranked};

/// The matches one more chip of `kind` could bring into the list.
#[derive(Debug, Clone)]
pub struct Widened {
    pub kind: FacetKind,
    pub rows: Vec<Ranked>,
}

/// The kinds of facet `tab` lists.
fn tab_kinds(tab: Tab) -> &'static [FacetKind] {
    match tab {
        Tab::Countries => &[FacetKind::Country, FacetKind::Region],
        Tab::Actors => &[FacetKind::Actor],
        Tab::Themes => &[FacetKind::Theme],
        Tab::Sections => &[FacetKind::Section],
        Tab::Attribution => &[FacetKind::Layer, FacetKind::Certainty],
        Tab::Sources => &[FacetKind::Source],
    }
}

/// The kinds of `tab` with inclusion chips pinned: the search widens past
/// their chips.
pub fn widened_kinds(tab: Tab, filter: &Filter) -> Vec<FacetKind> {
    tab_kinds(tab)
        .iter()
        .copied()
        .filter(|&k| filter.include.iter().any(|f| f.kind() == k))
        .collect()
}

/// Splits the matches of the widened search: the rows passing every chip
/// (the list), and per widened kind the rows failing that kind's chips
/// alone.
pub fn split(
    store: &Store,
    tab: Tab,
    filter: &Filter,
    rows: Vec<Ranked>,
) -> (Vec<Ranked>, Vec<Widened>) {
    let kinds = widened_kinds(tab, filter);
    if kinds.is_empty() {
        return (rows, Vec::new());
    }
    let mut wide: Vec<Widened> = kinds
        .iter()
        .map(|&kind| Widened {
            kind,
            rows: Vec::new(),
        })
        .collect();
    let mut all = Vec::new();
    for r in rows {
        let failed: Vec<usize> = (0..kinds.len())
            .filter(|&i| !filter.matches_kind(store, r.claim, kinds[i]))
            .collect();
        match failed.as_slice() {
            [] => all.push(r),
            [only] => wide[*only].rows.push(r),
            _ => {}
        }
    }
    (all, wide)
}

/// Whether choosing `f` widens the list: chips of its kind are pinned and
/// it is not one of them.
fn widens<'a>(f: Facet, filter: &Filter, wide: &'a [Widened]) -> Option<&'a Widened> {
    if filter.include.contains(&f) {
        return None;
    }
    wide.iter().find(|w| w.kind == f.kind())
}

/// The claims `f` matches, from the store's lists where it has one
/// (countries, actors, themes, sections).
pub fn listed_claims(
    store: &Store,
    f: Facet,
    with_regions: bool,
) -> Option<Box<dyn Iterator<Item = usize> + '_>> {
    let linked = |kind: Kind, i: usize| -> Box<dyn Iterator<Item = usize> + '_> {
        Box::new(store.linking(kind, i).iter().map(|&c| c as usize))
    };
    match f {
        Facet::Country(i) if with_regions => Some(Box::new(
            store
                .linking(Kind::Country, i)
                .iter()
                .chain(store.regional_claims(i).iter())
                .map(|&c| c as usize)
                .collect::<Vec<_>>()
                .into_iter(),
        )),
        Facet::Country(i) => Some(linked(Kind::Country, i)),
        Facet::Region(i) => Some(linked(Kind::Region, i)),
        Facet::Source(i) => Some(Box::new(store.source_claims(i).iter().map(|&c| c as usize))),
        Facet::Actor(i) => Some(linked(Kind::Actor, i)),
        Facet::Theme(i) => Some(linked(Kind::Theme, i)),
        Facet::Section { source, section } => Some(Box::new(
            store
                .section_claims(source, section)
                .iter()
                .map(|&c| c as usize),
        )),
        Facet::Layer(_) | Facet::Certainty(_) => None,
    }
}

/// The claims `f` matches: from the store's lists where it has one, else
/// by testing every claim in dataset order (records read in order, which
/// the memory prefetcher follows; tested in the order a search finds
/// them, a million records are a million cache misses).
pub fn facet_claims(store: &Store, f: Facet, with_regions: bool) -> ClaimSet {
    let n = store.claims().len();
    match listed_claims(store, f, with_regions) {
        Some(claims) => ClaimSet::new(n, claims),
        None => ClaimSet::new(
            n,
            (0..n).filter(|&c| f.matches_with(store, c, with_regions)),
        ),
    }
}

/// The rows of `rows` whose claims are in `set`.
fn within(set: &ClaimSet, rows: &[Ranked]) -> Vec<Ranked> {
    rows.iter()
        .copied()
        .filter(|r| set.contains(r.claim))
        .collect()
}

/// What the list shows with the cursor on `f`, whose claims (with regions
/// as `filter` says) are `claims`: what pinning it would list (the list
/// and the matches `f` brings in, when chips of its kind are pinned and it
/// is not one), or the list's claims that `f` matches.
pub fn narrow(
    f: Facet,
    claims: &ClaimSet,
    all: &[Ranked],
    filter: &Filter,
    wide: &[Widened],
) -> Vec<Ranked> {
    match widens(f, filter, wide) {
        Some(w) => {
            let mut rows = all.to_vec();
            rows.extend(within(claims, &w.rows));
            rows
        }
        None => within(claims, all),
    }
}

/// How many of the claims in `set` `f` matches (by name; regions apart).
fn how_many(store: &Store, f: Facet, set: &ClaimSet) -> usize {
    match listed_claims(store, f, false) {
        Some(claims) => claims.filter(|&c| set.contains(c)).count(),
        // In dataset order, which the prefetcher follows through the
        // claims' records, where the list's order is a cache miss a row.
        None => set.iter().filter(|&c| f.matches(store, c)).count(),
    }
}

/// Entry counts of `tab`: "All" (the list), then each facet's, what
/// choosing it will list (see [`narrow`]); `None` when cancelled.
pub fn count(
    store: &Store,
    tab: Tab,
    all: &[Ranked],
    filter: &Filter,
    wide: &[Widened],
    cancel: &AtomicBool,
) -> Option<Vec<usize>> {
    let facets = tab.facets(store);
    let n = store.claims().len();
    let set = ClaimSet::new(n, all.iter().map(|r| r.claim));
    let wide_sets: Vec<ClaimSet> = wide
        .iter()
        .map(|w| ClaimSet::new(n, w.rows.iter().map(|r| r.claim)))
        .collect();
    let mut out = Vec::with_capacity(facets.len() + 1);
    out.push(all.len());
    for (i, &f) in facets.iter().enumerate() {
        if i % 64 == 0 && cancel.load(Ordering::Relaxed) {
            return None;
        }
        out.push(match widens(f, filter, wide) {
            Some(w) => {
                let k = wide.iter().position(|x| x.kind == w.kind).unwrap_or(0);
                all.len() + how_many(store, f, &wide_sets[k])
            }
            None => how_many(store, f, &set),
        });
    }
    Some(out)
}

/// Each entry's regional claims, lined up with [`count`]'s answer (zero
/// for "All" and for regions): among the list, or among what choosing the
/// country would bring in; empty for other tabs.
pub fn count_regional(
    store: &Store,
    tab: Tab,
    all: &[Ranked],
    filter: &Filter,
    wide: &[Widened],
) -> Vec<usize> {
    // Only the Countries tab has regional counts: other tabs' entries keep
    // their zeros, and their facet lists are not built a second time.
    if tab != Tab::Countries || store.regions().is_empty() {
        return Vec::new();
    }
    let facets = tab.facets(store);
    let n = store.claims().len();
    let set = ClaimSet::new(n, all.iter().map(|r| r.claim));
    let wide_set = wide
        .iter()
        .find(|w| w.kind == FacetKind::Country)
        .map(|w| ClaimSet::new(n, w.rows.iter().map(|r| r.claim)));
    let each = facets.iter().map(|&f| {
        let Facet::Country(i) = f else {
            return 0;
        };
        let within = match (widens(f, filter, wide), &wide_set) {
            (Some(_), Some(ws)) => ws,
            _ => &set,
        };
        store
            .regional_claims(i)
            .iter()
            .filter(|&&c| within.contains(c as usize))
            .count()
    });
    std::iter::once(0).chain(each).collect()
}
