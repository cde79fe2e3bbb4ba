//! A validated dataset with the indexes every view needs.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::load::Origins;
use super::types::{Actor, Claim, Country, Dataset, Section, Source, Theme};
use super::validate::{Derived, hex};

/// Which list an entity lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Source,
    Country,
    Actor,
    Theme,
    Claim,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Country => "country",
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
            Kind::Actor => "actors",
            Kind::Theme => "themes",
            Kind::Claim => "claims",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "source" | "sources" => Kind::Source,
            "country" | "countries" => Kind::Country,
            "actor" | "actors" => Kind::Actor,
            "theme" | "themes" => Kind::Theme,
            "claim" | "claims" => Kind::Claim,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Store {
    pub data: Dataset,
    pub origins: Origins,
    pub derived: Derived,
    /// SHA-256 over the loaded files, to key saved state to this dataset.
    pub fingerprint: String,
    /// Names of the loaded files, in load order.
    pub inputs: Vec<String>,
    ids: HashMap<(Kind, String), usize>,
    pub by_country: Vec<Vec<usize>>,
    pub by_actor: Vec<Vec<usize>>,
    pub by_theme: Vec<Vec<usize>>,
    /// Claim index of every claim quoting a section, per (source, section).
    pub by_section: HashMap<(usize, usize), Vec<usize>>,
    /// Source index of each claim.
    pub claim_source: Vec<usize>,
    /// Each claim's links as indexes into the entity lists.
    pub links: Vec<Links>,
}

/// A claim's links as indexes, so filters compare numbers, not strings.
#[derive(Debug, Clone, Default)]
pub struct Links {
    pub countries: Vec<usize>,
    pub actors: Vec<usize>,
    pub themes: Vec<usize>,
}

impl Store {
    pub fn build(
        data: Dataset,
        origins: Origins,
        derived: Derived,
        inputs: &[(String, &str)],
    ) -> Store {
        let mut hasher = Sha256::new();
        for (_name, text) in inputs {
            hasher.update((text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        let mut ids = HashMap::new();
        let mut add = |kind: Kind, list: Vec<&str>| {
            for (i, id) in list.into_iter().enumerate() {
                ids.insert((kind, id.to_string()), i);
            }
        };
        add(
            Kind::Source,
            data.sources.iter().map(|x| x.id.as_str()).collect(),
        );
        add(
            Kind::Country,
            data.countries.iter().map(|x| x.id.as_str()).collect(),
        );
        add(
            Kind::Actor,
            data.actors.iter().map(|x| x.id.as_str()).collect(),
        );
        add(
            Kind::Theme,
            data.themes.iter().map(|x| x.id.as_str()).collect(),
        );
        add(
            Kind::Claim,
            data.claims.iter().map(|x| x.id.as_str()).collect(),
        );
        let mut store = Store {
            by_country: vec![Vec::new(); data.countries.len()],
            by_actor: vec![Vec::new(); data.actors.len()],
            by_theme: vec![Vec::new(); data.themes.len()],
            by_section: HashMap::new(),
            claim_source: Vec::with_capacity(data.claims.len()),
            links: Vec::with_capacity(data.claims.len()),
            fingerprint: hex(&hasher.finalize()),
            inputs: inputs.iter().map(|(n, _)| n.clone()).collect(),
            ids,
            data,
            origins,
            derived,
        };
        store.index_claims();
        store
    }

    fn index_claims(&mut self) {
        for (ci, c) in self.data.claims.iter().enumerate() {
            let si = self.ids[&(Kind::Source, c.source.clone())];
            self.claim_source.push(si);
            let sec = self.derived.claim_section[ci];
            self.by_section.entry((si, sec)).or_default().push(ci);
            let look = |kind: Kind, list: &[String]| -> Vec<usize> {
                list.iter()
                    .map(|id| self.ids[&(kind, id.clone())])
                    .collect()
            };
            let links = Links {
                countries: look(Kind::Country, &c.countries),
                actors: look(Kind::Actor, &c.actors),
                themes: look(Kind::Theme, &c.themes),
            };
            for &i in &links.countries {
                self.by_country[i].push(ci);
            }
            for &i in &links.actors {
                self.by_actor[i].push(ci);
            }
            for &i in &links.themes {
                self.by_theme[i].push(ci);
            }
            self.links.push(links);
        }
    }

    pub fn index_of(&self, kind: Kind, id: &str) -> Option<usize> {
        self.ids.get(&(kind, id.to_string())).copied()
    }

    pub fn claims(&self) -> &[Claim] {
        &self.data.claims
    }
    pub fn countries(&self) -> &[Country] {
        &self.data.countries
    }
    pub fn actors(&self) -> &[Actor] {
        &self.data.actors
    }
    pub fn themes(&self) -> &[Theme] {
        &self.data.themes
    }
    pub fn sources(&self) -> &[Source] {
        &self.data.sources
    }

    pub fn claim_by_id(&self, id: &str) -> Option<&Claim> {
        self.index_of(Kind::Claim, id).map(|i| &self.data.claims[i])
    }

    pub fn source_of(&self, claim: usize) -> &Source {
        &self.data.sources[self.claim_source[claim]]
    }

    pub fn section_of(&self, claim: usize) -> &Section {
        &self.source_of(claim).sections[self.derived.claim_section[claim]]
    }

    /// The claim's source text (validation guarantees it exists).
    pub fn text_of(&self, claim: usize) -> &str {
        self.source_of(claim).text.as_deref().unwrap_or("")
    }

    /// Byte range of the claim's quote in [`Store::text_of`].
    pub fn quote_bytes(&self, claim: usize) -> (usize, usize) {
        self.derived.quote_bytes[claim]
    }

    /// Display name of an entity id, falling back to the id.
    pub fn name_of(&self, kind: Kind, id: &str) -> String {
        let Some(i) = self.index_of(kind, id) else {
            return id.to_string();
        };
        match kind {
            Kind::Source => self.data.sources[i].title.clone(),
            Kind::Country => self.data.countries[i].name.clone(),
            Kind::Actor => self.data.actors[i].name.clone(),
            Kind::Theme => self.data.themes[i].name.clone(),
            Kind::Claim => self.data.claims[i].statement.clone(),
        }
    }

    /// Claims whose lists mention the entity (for sources: claims quoting it).
    pub fn claims_of(&self, kind: Kind, index: usize) -> Vec<usize> {
        match kind {
            Kind::Country => self.by_country[index].clone(),
            Kind::Actor => self.by_actor[index].clone(),
            Kind::Theme => self.by_theme[index].clone(),
            Kind::Source => (0..self.data.claims.len())
                .filter(|&c| self.claim_source[c] == index)
                .collect(),
            Kind::Claim => vec![index],
        }
    }
}
