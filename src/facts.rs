//! The facts of a country, region or actor as labelled lines: NATO and EU
//! status with the date and the reference they rest on, aliases, regions
//! and members. `stratlens show country XK` prints them and the explorer's
//! Detail shows them for the link under the cursor, from this one place.
//! Values are the dataset's text, not sanitised: each view sanitises on
//! the way out.

use std::fmt::Write;

use crate::model::{Basis, EuStatus, Kind, Membership, NatoStatus, Store};

/// One labelled line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

fn fact(label: &'static str, value: String) -> Fact {
    Fact { label, value }
}

/// `member since 2004 (reference: …)`.
pub fn membership<S: Copy>(m: &Membership<S>, label: fn(S) -> &'static str) -> String {
    let mut out = label(m.status).to_string();
    if let Some(since) = &m.since {
        let _ = write!(out, " since {since}");
    }
    match (m.basis, &m.reference) {
        (Basis::Article, _) => out.push_str(" (stated in the article)"),
        (Basis::Reference, Some(r)) => {
            let _ = write!(out, " (reference: {r})");
        }
        (Basis::Reference, None) => out.push_str(" (reference)"),
    }
    out
}

pub fn nato_label(st: NatoStatus) -> &'static str {
    match st {
        NatoStatus::Member => "member",
        NatoStatus::NonMember => "not a member",
        NatoStatus::Neutral => "neutral",
    }
}

pub fn eu_label(st: EuStatus) -> &'static str {
    match st {
        EuStatus::Member => "member",
        EuStatus::Candidate => "candidate",
        EuStatus::PotentialCandidate => "potential candidate",
        EuStatus::NonMember => "not a member",
    }
}

/// `Western Balkans (western-balkans), Europe (europe)`, or `—`.
pub fn names(store: &Store, kind: Kind, ids: &[String]) -> String {
    if ids.is_empty() {
        return "—".into();
    }
    ids.iter()
        .map(|id| format!("{} ({id})", store.name_of(kind, id)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A country's regions, schema-1 region label, aliases, NATO and EU.
pub fn country(store: &Store, i: usize) -> Vec<Fact> {
    let c = &store.countries()[i];
    let regions: Vec<String> = store
        .regions_of(i)
        .iter()
        .map(|&r| store.regions()[r as usize].id.clone())
        .collect();
    let mut out = vec![fact("regions", names(store, Kind::Region, &regions))];
    if let Some(label) = &c.region {
        out.push(fact("region", format!("{label} (schema version 1 label)")));
    }
    if !c.aliases.is_empty() {
        out.push(fact("aliases", c.aliases.join(", ")));
    }
    out.push(fact("NATO", membership(&c.nato, nato_label)));
    out.push(fact("EU", membership(&c.eu, eu_label)));
    out
}

/// A region's members, aliases and note.
pub fn region(store: &Store, i: usize) -> Vec<Fact> {
    let r = &store.regions()[i];
    let mut out = vec![fact("members", names(store, Kind::Country, &r.members))];
    if !r.aliases.is_empty() {
        out.push(fact("aliases", r.aliases.join(", ")));
    }
    if let Some(note) = &r.note {
        out.push(fact("note", note.clone()));
    }
    out
}

/// An actor's aliases and country.
pub fn actor(store: &Store, i: usize) -> Vec<Fact> {
    let a = &store.actors()[i];
    let mut out = Vec::new();
    if !a.aliases.is_empty() {
        out.push(fact("aliases", a.aliases.join(", ")));
    }
    if let Some(country) = &a.country {
        let name = store.name_of(Kind::Country, country);
        out.push(fact("country", format!("{name} ({country})")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    #[test]
    fn kosovo_has_its_status_aliases_and_regions() {
        let store = load_embedded().unwrap();
        let xk = store.index_of(Kind::Country, "XK").unwrap();
        let facts = country(&store, xk);
        let get = |l: &str| {
            facts
                .iter()
                .find(|f| f.label == l)
                .map(|f| f.value.as_str())
        };
        assert_eq!(get("NATO"), Some("not a member (stated in the article)"));
        assert!(get("EU").is_some_and(|v| v.starts_with("potential candidate (reference: ")));
        assert_eq!(get("aliases"), Some("Republic of Kosovo"));
        assert!(get("regions").is_some_and(|v| v.contains("Western Balkans (western-balkans)")));
    }
}
