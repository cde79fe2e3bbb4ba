//! The panes, and the tabs of the Facets pane with their entries.

use crate::filter::Facet;
use crate::model::{Certainty, Layer, Store};

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
