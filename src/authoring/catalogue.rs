//! What a claim made in `stratlens annotate` can link: the countries,
//! regions, actors and themes of every dataset opened (the file being
//! annotated and the read-only ones), and the claims it can relate to.

use crate::model::{Dataset, Kind, Store};

/// An entity a claim can link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Defined in the file being annotated (the others are read-only).
    pub own: bool,
}

/// A claim another claim can relate to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimEntry {
    pub id: String,
    pub statement: String,
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    pub countries: Vec<Entry>,
    pub regions: Vec<Entry>,
    pub actors: Vec<Entry>,
    pub themes: Vec<Entry>,
    pub claims: Vec<ClaimEntry>,
}

impl Catalogue {
    /// From the validated store of every dataset; `own` is the file's own
    /// dataset, whose entities are marked.
    pub fn build(store: &Store, own: &Dataset) -> Catalogue {
        let mine = |kind: Kind, id: &str| match kind {
            Kind::Country => own.countries.iter().any(|c| c.id == id),
            Kind::Region => own.regions.iter().any(|r| r.id == id),
            Kind::Actor => own.actors.iter().any(|a| a.id == id),
            _ => own.themes.iter().any(|t| t.id == id),
        };
        let entry = |kind: Kind, id: &str, name: &str, aliases: &[String]| Entry {
            id: id.to_string(),
            name: name.to_string(),
            aliases: aliases.to_vec(),
            own: mine(kind, id),
        };
        Catalogue {
            countries: (store.countries().iter())
                .map(|c| entry(Kind::Country, &c.id, &c.name, &c.aliases))
                .collect(),
            regions: (store.regions().iter())
                .map(|r| entry(Kind::Region, &r.id, &r.name, &r.aliases))
                .collect(),
            actors: (store.actors().iter())
                .map(|a| entry(Kind::Actor, &a.id, &a.name, &a.aliases))
                .collect(),
            themes: (store.themes().iter())
                .map(|t| entry(Kind::Theme, &t.id, &t.name, &[]))
                .collect(),
            claims: (0..store.claims().len())
                .map(|ci| ClaimEntry {
                    id: store.claim_at(ci).id().to_string(),
                    statement: store.claim_at(ci).statement().to_string(),
                    source: store.source_of(ci).id.clone(),
                })
                .collect(),
        }
    }

    /// The entities of one kind (countries, regions, actors or themes).
    pub fn of(&self, kind: Kind) -> &[Entry] {
        match kind {
            Kind::Country => &self.countries,
            Kind::Region => &self.regions,
            Kind::Actor => &self.actors,
            _ => &self.themes,
        }
    }

    /// An entity's name, or its id when it is unknown.
    pub fn name(&self, kind: Kind, id: &str) -> String {
        self.of(kind)
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| id.to_string(), |e| e.name.clone())
    }

    /// Every claim id, for [`super::ids::next_claim_id`].
    pub fn claim_ids(&self) -> impl Iterator<Item = &str> {
        self.claims.iter().map(|c| c.id.as_str())
    }
}
