//! A validated dataset with the indexes every view needs.

use hashbrown::HashMap;

use super::claim::ClaimIndex;
use super::table::{ClaimRef, Claims};
pub use super::texts::SourceTexts;
use super::types::{
    Actor, Attribution, Claim, Country, Dataset, Quote, QuoteTarget, Region, Relation, Section,
    Source, Theme,
};
use super::validate::Built;
pub use derived::Derived;
pub use from_cache::CacheParts;

mod derived;
mod from_cache;
use crate::slab::Slab;

/// Which list an entity lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Source,
    Country,
    Region,
    Actor,
    Theme,
    Claim,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::Actor => "actor",
            Kind::Theme => "theme",
            Kind::Claim => "claim",
        }
    }

    /// The list's name, as `stratlens list` takes it.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Source => "sources",
            Kind::Country => "countries",
            Kind::Region => "regions",
            Kind::Actor => "actors",
            Kind::Theme => "themes",
            Kind::Claim => "claims",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "source" | "sources" => Kind::Source,
            "country" | "countries" => Kind::Country,
            "region" | "regions" => Kind::Region,
            "actor" | "actors" => Kind::Actor,
            "theme" | "themes" => Kind::Theme,
            "claim" | "claims" => Kind::Claim,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Store {
    sources: Vec<Source>,
    countries: Vec<Country>,
    regions: Vec<Region>,
    actors: Vec<Actor>,
    themes: Vec<Theme>,
    claims: Claims,
    /// The sources' texts (the sources themselves hold none).
    texts: SourceTexts,
    /// Every claim's country, actor, theme and region indexes, one run per
    /// claim.
    link_pool: Slab<u32>,
    /// XXH3-128 over the loaded files, to key saved state to this dataset.
    pub fingerprint: String,
    /// Names of the loaded files, in load order.
    pub inputs: Vec<String>,
    /// Entity ids to indexes, one map per kind (claims aside).
    entity_ids: [HashMap<String, usize>; 5],
    claim_ids: ClaimIndex,
    /// The claim lists worked out from the claims.
    derived: Derived,
    /// Where each source's sections start in the numbering of every
    /// section, source after source ([`Derived::by_section`]); one more
    /// than there are sources.
    section_base: Vec<u32>,
    /// The regions each country belongs to, ascending.
    regions_of: Vec<Vec<u32>>,
    /// Said about the files while loading them, e.g. that one is read as
    /// schema version 1.
    pub notices: Vec<String>,
}

/// A claim's links as indexes, so filters compare numbers, not strings.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    pub countries: &'a [u32],
    pub actors: &'a [u32],
    pub themes: &'a [u32],
    pub regions: &'a [u32],
}

impl Store {
    pub fn build(
        mut data: Dataset,
        built: Built,
        fingerprint: String,
        inputs: Vec<String>,
    ) -> Store {
        let texts = SourceTexts::take(&mut data.sources);
        let mut store = Store::bare(data, texts, fingerprint, inputs);
        store.claims = Claims::from_stored(built.claims);
        store.link_pool = built.link_pool.into();
        store.claim_ids = built.ids;
        // `None` only past 4 G list entries, which the link pool's u32
        // offsets already rule out.
        store.derived = Derived::build(&store).unwrap_or_default();
        store
    }

    /// A store with the entities of `data` and no claims.
    fn bare(data: Dataset, texts: SourceTexts, fingerprint: String, inputs: Vec<String>) -> Store {
        let names = |list: Vec<&str>| -> HashMap<String, usize> {
            list.into_iter()
                .enumerate()
                .map(|(i, id)| (id.to_string(), i))
                .collect()
        };
        let entity_ids = [
            names(data.sources.iter().map(|x| x.id.as_str()).collect()),
            names(data.countries.iter().map(|x| x.id.as_str()).collect()),
            names(data.actors.iter().map(|x| x.id.as_str()).collect()),
            names(data.themes.iter().map(|x| x.id.as_str()).collect()),
            names(data.regions.iter().map(|x| x.id.as_str()).collect()),
        ];
        let mut regions_of = vec![Vec::new(); data.countries.len()];
        for (r, region) in data.regions.iter().enumerate() {
            for m in &region.members {
                if let Some(&c) = entity_ids[1].get(m.as_str()) {
                    regions_of[c].push(r as u32);
                }
            }
        }
        let section_base = data.sources.iter().scan(0u32, |at, s| {
            *at = at.saturating_add(s.sections.len() as u32);
            Some(*at)
        });
        let section_base: Vec<u32> = std::iter::once(0).chain(section_base).collect();
        Store {
            derived: Derived::default(),
            section_base,
            regions_of,
            notices: Vec::new(),
            sources: data.sources,
            countries: data.countries,
            regions: data.regions,
            actors: data.actors,
            themes: data.themes,
            claims: Claims::default(),
            texts,
            link_pool: Slab::default(),
            fingerprint,
            inputs,
            entity_ids,
            claim_ids: ClaimIndex::default(),
        }
    }

    /// The claim lists [`Store::build`] works out from the claims.
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// How many sections all sources have.
    fn sections_in_all(&self) -> usize {
        self.section_base.last().map_or(0, |&n| n as usize)
    }

    /// Section `section` of source `source` in the numbering of every
    /// section; `None` when there is no such section.
    fn section_number(&self, source: usize, section: usize) -> Option<usize> {
        let (&from, &to) = (
            self.section_base.get(source)?,
            self.section_base.get(source + 1)?,
        );
        let n = from as usize + section;
        (n < to as usize).then_some(n)
    }

    /// The claims quoting section `section` of source `source`, ascending.
    pub fn section_claims(&self, source: usize, section: usize) -> &[u32] {
        self.section_number(source, section)
            .map_or(&[], |n| self.derived.by_section.get(n))
    }

    /// The claims that list actor `actor` (not those it only speaks in),
    /// ascending.
    pub fn actor_listed_claims(&self, actor: usize) -> &[u32] {
        self.derived.by_actor.get(actor)
    }

    pub fn index_of(&self, kind: Kind, id: &str) -> Option<usize> {
        let slot = match kind {
            Kind::Source => 0,
            Kind::Country => 1,
            Kind::Actor => 2,
            Kind::Theme => 3,
            Kind::Region => 4,
            Kind::Claim => return self.claim_ids.find(&self.claims, id),
        };
        self.entity_ids[slot].get(id).copied()
    }

    pub fn claims(&self) -> &Claims {
        &self.claims
    }

    /// Claim `ci`. Panics when `ci` is out of range, like a slice.
    pub fn claim_at(&self, ci: usize) -> ClaimRef<'_> {
        self.claims.get(ci)
    }

    /// The pool the claims' links point into, for the cache.
    pub fn link_pool(&self) -> &[u32] {
        &self.link_pool
    }

    pub fn texts(&self) -> &SourceTexts {
        &self.texts
    }

    /// Source `index`'s text, if the dataset holds it.
    pub fn source_text(&self, index: usize) -> Option<&str> {
        self.texts.get(index)
    }

    /// Source `index` as the dataset file gives it, with its text.
    pub fn source_with_text(&self, index: usize) -> Source {
        Source {
            text: self.source_text(index).map(str::to_string),
            ..self.sources[index].clone()
        }
    }
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }
    /// The regions country `index` belongs to, ascending.
    pub fn regions_of(&self, country: usize) -> &[u32] {
        self.regions_of.get(country).map_or(&[], Vec::as_slice)
    }
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The claim's links as indexes into the entity lists.
    pub fn links(&self, claim: usize) -> Links<'_> {
        links_in(&self.link_pool, &self.claims.get(claim))
    }

    /// The claim with every field, as the dataset file gives it.
    pub fn claim(&self, ci: usize) -> Claim {
        let c = self.claims.get(ci);
        let links = self.links(ci);
        let ids = |list: &[u32], kind: Kind| -> Vec<String> {
            list.iter()
                .map(|&i| self.id_at(kind, i as usize).to_string())
                .collect()
        };
        let q = c.quote;
        Claim {
            id: c.id().to_string(),
            source: self.source_of(ci).id.clone(),
            section: self.section_of(ci).id.clone(),
            statement: c.statement().to_string(),
            quote: Quote {
                exact: self.quote_text(ci).to_string(),
                prefix: self.quote_prefix(ci).to_string(),
                suffix: self.quote_suffix(ci).to_string(),
                start: q.start as usize,
                end: q.end as usize,
                target: c.target(),
            },
            countries: ids(links.countries, Kind::Country),
            regions: ids(links.regions, Kind::Region),
            refer_backs: c.refer_backs().to_vec(),
            actors: ids(links.actors, Kind::Actor),
            themes: ids(links.themes, Kind::Theme),
            attribution: Attribution {
                layer: c.layer,
                speaker: c.speaker().map(|i| self.actors[i].id.clone()),
                cue: c.cue().map(str::to_string),
            },
            hedges: c.hedges().to_vec(),
            certainty: c.certainty,
            primary: c.primary().cloned(),
            related: c.related().to_vec(),
        }
    }

    /// The id of entity `index` of `kind`.
    pub fn id_at(&self, kind: Kind, index: usize) -> &str {
        match kind {
            Kind::Source => &self.sources[index].id,
            Kind::Country => &self.countries[index].id,
            Kind::Region => &self.regions[index].id,
            Kind::Actor => &self.actors[index].id,
            Kind::Theme => &self.themes[index].id,
            Kind::Claim => self.claims.id(index).unwrap_or(""),
        }
    }

    pub fn claim_by_id(&self, id: &str) -> Option<ClaimRef<'_>> {
        self.index_of(Kind::Claim, id).map(|i| self.claims.get(i))
    }

    /// Index of the claim's source.
    pub fn claim_source(&self, claim: usize) -> usize {
        self.claims.records()[claim].source as usize
    }

    pub fn source_of(&self, claim: usize) -> &Source {
        &self.sources[self.claim_source(claim)]
    }

    pub fn section_of(&self, claim: usize) -> &Section {
        &self.source_of(claim).sections[self.claims.records()[claim].section as usize]
    }

    /// The text the claim's quote is cut from: its source's text
    /// (validation guarantees it exists), or its title for a headline claim.
    pub fn text_of(&self, claim: usize) -> &str {
        let source = self.claim_source(claim);
        match self.claims.records()[claim].target() {
            QuoteTarget::Text => self.texts.get(source).unwrap_or(""),
            QuoteTarget::Title => &self.sources[source].title,
        }
    }

    /// Byte range of the claim's quote in [`Store::text_of`], on character
    /// boundaries; `(0, 0)` for a range that is not (which only a damaged
    /// cache entry whose checksums were made to match can hold). Checked
    /// here, where a claim is read, rather than for every claim when an
    /// entry is opened: that check read the whole text block each time.
    pub fn quote_bytes(&self, claim: usize) -> (usize, usize) {
        let q = self.claims.records()[claim].quote;
        let (a, b) = (q[2] as usize, q[3] as usize);
        let text = self.text_of(claim);
        if a <= b && text.is_char_boundary(a) && text.is_char_boundary(b) {
            (a, b)
        } else {
            (0, 0)
        }
    }

    /// The quoted words (the selector's `exact`).
    pub fn quote_text(&self, claim: usize) -> &str {
        let (a, b) = self.quote_bytes(claim);
        self.text_of(claim).get(a..b).unwrap_or("")
    }

    /// The selector's `prefix`: the text right before the quote.
    pub fn quote_prefix(&self, claim: usize) -> &str {
        let (a, _) = self.quote_bytes(claim);
        let before = self.text_of(claim).get(..a).unwrap_or("");
        let n = usize::from(self.claims.records()[claim].quote().prefix_chars);
        let start = before
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(a, |(i, _)| i);
        if n == 0 { "" } else { &before[start..] }
    }

    /// The selector's `suffix`: the text right after the quote.
    pub fn quote_suffix(&self, claim: usize) -> &str {
        let (_, b) = self.quote_bytes(claim);
        let after = self.text_of(claim).get(b..).unwrap_or("");
        let n = usize::from(self.claims.records()[claim].quote().suffix_chars);
        let end = after.char_indices().nth(n).map_or(after.len(), |(i, _)| i);
        &after[..end]
    }

    /// Display name of an entity id, falling back to the id.
    pub fn name_of(&self, kind: Kind, id: &str) -> String {
        let Some(i) = self.index_of(kind, id) else {
            return id.to_string();
        };
        match kind {
            Kind::Source => self.sources[i].title.clone(),
            Kind::Country => self.countries[i].name.clone(),
            Kind::Region => self.regions[i].name.clone(),
            Kind::Actor => self.actors[i].name.clone(),
            Kind::Theme => self.themes[i].name.clone(),
            Kind::Claim => self.claims.get(i).statement().to_string(),
        }
    }

    /// The claims a country, actor or theme facet selects (an actor's
    /// include those it speaks in), ascending; empty for other kinds.
    pub fn linking(&self, kind: Kind, index: usize) -> &[u32] {
        let (nc, na, nt) = (self.countries.len(), self.actors.len(), self.themes.len());
        let e = match kind {
            Kind::Country => index,
            Kind::Actor => nc + index,
            Kind::Theme => nc + na + index,
            Kind::Region => nc + na + nt + index,
            Kind::Source | Kind::Claim => return &[],
        };
        self.derived.linked.get(e)
    }

    /// The claims quoting source `index`, ascending.
    pub fn source_claims(&self, index: usize) -> &[u32] {
        self.derived.by_source.get(index)
    }

    /// The claims about a region country `index` belongs to that do not
    /// name the country: its "regional" claims, ascending.
    pub fn regional_claims(&self, country: usize) -> Vec<u32> {
        let named = self.linking(Kind::Country, country);
        let mut out: Vec<u32> = self
            .regions_of(country)
            .iter()
            .flat_map(|&r| self.linking(Kind::Region, r as usize))
            .copied()
            .filter(|c| named.binary_search(c).is_err())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// [`Store::linking`] by entity number: countries, then actors, then
    /// themes, as the search index numbers them.
    pub fn entity_claims(&self, entity: usize) -> &[u32] {
        self.derived.linked.get(entity)
    }

    /// Claims whose lists mention the entity (for sources: claims quoting it).
    pub fn claims_of(&self, kind: Kind, index: usize) -> Vec<usize> {
        match kind {
            Kind::Country | Kind::Theme | Kind::Region => widen(self.linking(kind, index)),
            Kind::Actor => widen(self.actor_listed_claims(index)),
            Kind::Source => widen(self.source_claims(index)),
            Kind::Claim => vec![index],
        }
    }
}

/// A claim of another source that bears on a claim, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    pub claim: usize,
    pub relation: Relation,
    /// True when `claim` names the other in its `related` ("nss1996-4
    /// qualifies c28"); false when the other names `claim` ("c28 supports
    /// it").
    pub incoming: bool,
}

impl Store {
    /// The claims whose `related` names claim `ci`, with their relation.
    pub fn related_to(&self, ci: usize) -> impl Iterator<Item = (usize, Relation)> + '_ {
        self.derived
            .referred
            .get(ci)
            .iter()
            .map(|&e| derived::referrer(e))
    }

    /// Claims of other sources related to claim `ci` either way, in date
    /// order of their sources (undated sources last), then by source and
    /// position in the text.
    pub fn evidence(&self, ci: usize) -> Vec<Evidence> {
        let source = self.claim_source(ci);
        let outgoing = self.claims.get(ci).related().iter().filter_map(|r| {
            let claim = self.index_of(Kind::Claim, &r.claim)?;
            Some(Evidence {
                claim,
                relation: r.relation,
                incoming: false,
            })
        });
        let incoming = self.related_to(ci).map(|(claim, relation)| Evidence {
            claim,
            relation,
            incoming: true,
        });
        let mut out: Vec<Evidence> = outgoing
            .chain(incoming)
            .filter(|e| self.claim_source(e.claim) != source)
            .collect();
        out.sort_by_key(|e| {
            let s = self.claim_source(e.claim);
            let date = self.sources[s].published.as_deref();
            (
                date.is_none(),
                date.map(str::to_string),
                s,
                self.claims.get(e.claim).quote.start,
            )
        });
        out
    }
}

fn widen(claims: &[u32]) -> Vec<usize> {
    claims.iter().map(|&c| c as usize).collect()
}

fn links_in<'a>(pool: &'a [u32], c: &ClaimRef) -> Links<'a> {
    let span = c.links;
    let at = span.offset as usize;
    let (countries, rest) = pool[at..at + span.len()].split_at(usize::from(span.countries));
    let (actors, rest) = rest.split_at(usize::from(span.actors));
    let (themes, regions) = rest.split_at(usize::from(span.themes));
    Links {
        countries,
        actors,
        themes,
        regions,
    }
}
