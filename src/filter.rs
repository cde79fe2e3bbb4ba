//! Facet filters: which claims pass the pinned chips.
//!
//! Chips of one kind are OR-ed (Kosovo or Serbia), kinds are AND-ed (Kosovo
//! and the NATO theme), and any exclusion chip removes a claim outright.
//!
//! A country chip matches the claims that name the country. With regions
//! on, it also matches the claims about a region the country belongs to:
//! those are "regional" claims, which views mark as such.

use crate::model::{Certainty, Kind, Layer, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FacetKind {
    Source,
    Country,
    Region,
    Actor,
    Theme,
    Section,
    Layer,
    Certainty,
}

impl FacetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FacetKind::Source => "source",
            FacetKind::Country => "country",
            FacetKind::Region => "region",
            FacetKind::Actor => "actor",
            FacetKind::Theme => "theme",
            FacetKind::Section => "section",
            FacetKind::Layer => "layer",
            FacetKind::Certainty => "certainty",
        }
    }
}

/// One facet value, by index into the store's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Source(usize),
    Country(usize),
    Region(usize),
    Actor(usize),
    Theme(usize),
    Section { source: usize, section: usize },
    Layer(Layer),
    Certainty(Certainty),
}

impl Facet {
    pub fn kind(self) -> FacetKind {
        match self {
            Facet::Source(_) => FacetKind::Source,
            Facet::Country(_) => FacetKind::Country,
            Facet::Region(_) => FacetKind::Region,
            Facet::Actor(_) => FacetKind::Actor,
            Facet::Theme(_) => FacetKind::Theme,
            Facet::Section { .. } => FacetKind::Section,
            Facet::Layer(_) => FacetKind::Layer,
            Facet::Certainty(_) => FacetKind::Certainty,
        }
    }

    /// Each kind reads only what it needs (the attribution facets the
    /// claim's record alone): the worker tests a facet on every match.
    pub fn matches(self, store: &Store, claim: usize) -> bool {
        let links = || store.links(claim);
        let c = || store.claim_at(claim);
        match self {
            Facet::Source(i) => c().source as usize == i,
            Facet::Country(i) => links().countries.contains(&(i as u32)),
            Facet::Region(i) => links().regions.contains(&(i as u32)),
            Facet::Actor(i) => links().actors.contains(&(i as u32)) || c().speaker() == Some(i),
            Facet::Theme(i) => links().themes.contains(&(i as u32)),
            Facet::Section { source, section } => {
                let c = c();
                c.source as usize == source && c.section as usize == section
            }
            Facet::Layer(l) => store.claims().layer(claim) == l,
            Facet::Certainty(c) => store.claims().certainty(claim) == c,
        }
    }

    /// [`Facet::matches`], where a country also matches the claims about
    /// its regions when `with_regions` is on.
    pub fn matches_with(self, store: &Store, claim: usize, with_regions: bool) -> bool {
        self.matches(store, claim) || (with_regions && self.matches_regionally(store, claim))
    }

    /// For a country: the claim links a region the country belongs to.
    pub fn matches_regionally(self, store: &Store, claim: usize) -> bool {
        let Facet::Country(i) = self else {
            return false;
        };
        let linked = store.links(claim).regions;
        store.regions_of(i).iter().any(|r| linked.contains(r))
    }

    /// Stable text form, e.g. `country:XK`, `section:src/lead`, `layer:author`.
    pub fn key(self, store: &Store) -> String {
        match self {
            Facet::Source(i) => format!("source:{}", store.sources()[i].id),
            Facet::Country(i) => format!("country:{}", store.countries()[i].id),
            Facet::Region(i) => format!("region:{}", store.regions()[i].id),
            Facet::Actor(i) => format!("actor:{}", store.actors()[i].id),
            Facet::Theme(i) => format!("theme:{}", store.themes()[i].id),
            Facet::Section { source, section } => {
                let s = &store.sources()[source];
                format!("section:{}/{}", s.id, s.sections[section].id)
            }
            Facet::Layer(l) => format!("layer:{}", l.as_str()),
            Facet::Certainty(c) => format!("certainty:{}", c.as_str()),
        }
    }

    /// Short human label, e.g. `Kosovo`.
    pub fn label(self, store: &Store) -> String {
        match self {
            Facet::Source(i) => {
                let s = &store.sources()[i];
                let date = s.published.as_deref().unwrap_or("undated");
                format!("{date} {}", s.title)
            }
            Facet::Country(i) => store.countries()[i].name.clone(),
            Facet::Region(i) => store.regions()[i].name.clone(),
            Facet::Actor(i) => store.actors()[i].name.clone(),
            Facet::Theme(i) => store.themes()[i].name.clone(),
            Facet::Section { source, section } => {
                store.sources()[source].sections[section].heading.clone()
            }
            Facet::Layer(l) => l.label().to_string(),
            Facet::Certainty(c) => c.as_str().to_string(),
        }
    }

    /// Parses [`Facet::key`] forms; a section may be given without its source
    /// when only one source has a section of that id.
    pub fn parse(store: &Store, key: &str) -> Option<Facet> {
        let (kind, id) = key.split_once(':')?;
        match kind {
            "source" => store.index_of(Kind::Source, id).map(Facet::Source),
            "country" => store.index_of(Kind::Country, id).map(Facet::Country),
            "region" => store.index_of(Kind::Region, id).map(Facet::Region),
            "actor" => store.index_of(Kind::Actor, id).map(Facet::Actor),
            "theme" => store.index_of(Kind::Theme, id).map(Facet::Theme),
            "section" => parse_section(store, id),
            "layer" => Layer::ALL
                .into_iter()
                .find(|l| l.as_str() == id)
                .map(Facet::Layer),
            "certainty" => Certainty::ALL
                .into_iter()
                .find(|c| c.as_str() == id)
                .map(Facet::Certainty),
            _ => None,
        }
    }
}

fn parse_section(store: &Store, id: &str) -> Option<Facet> {
    let (source_id, section_id) = match id.split_once('/') {
        Some((s, k)) => (Some(s), k),
        None => (None, id),
    };
    let mut found = store.sources().iter().enumerate().filter_map(|(si, s)| {
        if source_id.is_some_and(|want| want != s.id) {
            return None;
        }
        let k = s.sections.iter().position(|x| x.id == section_id)?;
        Some(Facet::Section {
            source: si,
            section: k,
        })
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The pinned chips.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub include: Vec<Facet>,
    pub exclude: Vec<Facet>,
    /// Country chips also take in their regions' claims.
    pub with_regions: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    pub fn clear(&mut self) {
        self.include.clear();
        self.exclude.clear();
    }

    /// Pins `f` as an inclusion, or unpins it if it already is one.
    pub fn toggle_include(&mut self, f: Facet) {
        self.exclude.retain(|&x| x != f);
        toggle(&mut self.include, f);
    }

    /// Pins `f` as an exclusion, or unpins it if it already is one.
    pub fn toggle_exclude(&mut self, f: Facet) {
        self.include.retain(|&x| x != f);
        toggle(&mut self.exclude, f);
    }

    pub fn matches(&self, store: &Store, claim: usize) -> bool {
        if self.exclude.iter().any(|f| f.matches(store, claim)) {
            return false;
        }
        let regions = self.with_regions;
        let mut kinds: Vec<FacetKind> = self.include.iter().map(|f| f.kind()).collect();
        kinds.sort();
        kinds.dedup();
        kinds.into_iter().all(|kind| {
            self.include
                .iter()
                .filter(|f| f.kind() == kind)
                .any(|f| f.matches_with(store, claim, regions))
        })
    }

    /// Whether the claim passes the inclusion chips of `kind` (any one of
    /// them; true when none of that kind is pinned).
    pub fn matches_kind(&self, store: &Store, claim: usize, kind: FacetKind) -> bool {
        let mut chips = self.include.iter().filter(|f| f.kind() == kind).peekable();
        chips.peek().is_none() || chips.any(|f| f.matches_with(store, claim, self.with_regions))
    }

    /// This filter without its inclusion chips of `kinds`: the claims that
    /// pinning one more chip of those kinds could bring in pass it.
    pub fn without_kinds(&self, kinds: &[FacetKind]) -> Filter {
        let mut f = self.clone();
        f.include.retain(|x| !kinds.contains(&x.kind()));
        f
    }

    /// The claim passes only through a region of a pinned country: no
    /// pinned country is named in it. Such rows are marked as regional.
    pub fn is_regional(&self, store: &Store, claim: usize) -> bool {
        let mut countries = self
            .include
            .iter()
            .filter(|f| f.kind() == FacetKind::Country)
            .peekable();
        self.with_regions
            && countries.peek().is_some()
            && countries.all(|f| !f.matches(store, claim))
    }

    /// One line per chip for briefings: `country: Kosovo (XK)`, `not layer: author's reading`.
    pub fn describe(&self, store: &Store) -> Vec<String> {
        let line = |f: &Facet, not: &str| {
            let key = f.key(store);
            let id = key.split_once(':').map_or("", |(_, id)| id).to_string();
            format!("{not}{}: {} ({id})", f.kind().as_str(), f.label(store))
        };
        let mut out: Vec<String> = self.include.iter().map(|f| line(f, "")).collect();
        out.extend(self.exclude.iter().map(|f| line(f, "not ")));
        if self.with_regions && self.include.iter().any(|f| f.kind() == FacetKind::Country) {
            out.push("with the claims about their regions (marked regional)".into());
        }
        out
    }

    /// Claims that pass, in dataset order.
    pub fn apply(&self, store: &Store) -> Vec<usize> {
        (0..store.claims().len())
            .filter(|&c| self.matches(store, c))
            .collect()
    }
}

fn toggle(list: &mut Vec<Facet>, f: Facet) {
    if let Some(pos) = list.iter().position(|&x| x == f) {
        list.remove(pos);
    } else {
        list.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    fn facet(store: &Store, key: &str) -> Facet {
        Facet::parse(store, key).unwrap_or_else(|| panic!("no facet {key}"))
    }

    #[test]
    fn same_kind_is_or_other_kinds_and() {
        let store = load_embedded().unwrap();
        let me = facet(&store, "country:ME");
        let ua = facet(&store, "country:UA");
        let mut f = Filter::default();
        f.toggle_include(me);
        let only_me = f.apply(&store);
        f.toggle_include(ua);
        let me_or_ua = f.apply(&store);
        assert!(me_or_ua.len() > only_me.len());
        assert!(
            me_or_ua
                .iter()
                .all(|&c| me.matches(&store, c) || ua.matches(&store, c))
        );
        f.toggle_include(facet(&store, "layer:primary_verbatim"));
        let narrowed = f.apply(&store);
        assert!(!narrowed.is_empty() && narrowed.len() < me_or_ua.len());
        assert!(
            narrowed
                .iter()
                .all(|&c| store.claim_at(c).layer == Layer::PrimaryVerbatim)
        );
    }

    #[test]
    fn exclusion_removes_and_toggle_unpins() {
        let store = load_embedded().unwrap();
        let xk = facet(&store, "country:XK");
        let mut f = Filter::default();
        f.toggle_exclude(xk);
        let rest = f.apply(&store);
        assert_eq!(
            rest.len()
                + store
                    .claims_of(Kind::Country, store.index_of(Kind::Country, "XK").unwrap())
                    .len(),
            store.claims().len()
        );
        f.toggle_include(xk);
        assert_eq!(f.exclude.len(), 0);
        assert_eq!(f.include, vec![xk]);
        f.toggle_include(xk);
        assert!(f.is_empty());
    }

    #[test]
    fn with_regions_adds_the_regional_claims_and_marks_them() {
        let store = load_embedded().unwrap();
        let xk = facet(&store, "country:XK");
        let wb = facet(&store, "region:western-balkans");
        let mut f = Filter::default();
        f.toggle_include(xk);
        let named = f.apply(&store);
        f.with_regions = true;
        let wide = f.apply(&store);
        let regional: Vec<usize> = wide
            .iter()
            .copied()
            .filter(|&c| f.is_regional(&store, c))
            .collect();
        assert!(!regional.is_empty(), "no regional claims for Kosovo");
        assert_eq!(named.len() + regional.len(), wide.len());
        for c in regional {
            assert!(!xk.matches(&store, c), "claim {c} names Kosovo");
            assert!(xk.matches_regionally(&store, c), "claim {c}");
        }
        assert!(
            wide.iter()
                .any(|&c| wb.matches(&store, c) && !xk.matches(&store, c))
        );
        assert!(named.iter().all(|&c| !f.is_regional(&store, c)));
    }

    #[test]
    fn keys_round_trip() {
        let store = load_embedded().unwrap();
        for key in [
            "country:XK",
            "source:us-nss-1996",
            "region:western-balkans",
            "actor:nato",
            "section:lead",
            "layer:author",
            "certainty:hedged",
        ] {
            let f = facet(&store, key);
            assert_eq!(Facet::parse(&store, &f.key(&store)), Some(f));
        }
        assert_eq!(Facet::parse(&store, "country:ZZ"), None);
    }
}
