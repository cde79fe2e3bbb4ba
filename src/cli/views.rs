//! Plain-text views of dataset objects for the one-shot CLI. Every dataset
//! string passes through the sanitiser: this text goes straight to a terminal.

use std::fmt::Write;

pub use crate::export::{attribution, citation};
use crate::model::positions::sentence_around;
use crate::model::{Kind, Primary, Store};
use crate::sanitize::inline;
pub use crate::words::{noun, plural};

fn s(text: &str) -> String {
    inline(text).into_owned()
}

/// `c12  AU ~  statement  [XK RS ◇western-balkans]`: the countries the
/// claim names, then the regions it speaks of, marked ◇.
pub fn claim_row(store: &Store, ci: usize) -> String {
    // From the record and its links alone: `Store::claim` would also copy
    // the quote and its context out of the source text and decode every
    // claim's rare fields, none of which the row shows.
    let c = store.claim_at(ci);
    let links = store.links(ci);
    let countries = links
        .countries
        .iter()
        .map(|&i| store.id_at(Kind::Country, i as usize).to_string());
    let regions = links
        .regions
        .iter()
        .map(|&i| format!("◇{}", store.id_at(Kind::Region, i as usize)));
    let links = countries.chain(regions).collect::<Vec<_>>().join(" ");
    format!(
        "{:<5} {} {}  {}  [{}]",
        s(c.id()),
        c.layer.badge(),
        c.certainty.badge(),
        s(c.statement()),
        s(&links)
    )
}

fn names(store: &Store, kind: Kind, ids: &[String]) -> String {
    if ids.is_empty() {
        return "—".into();
    }
    ids.iter()
        .map(|id| format!("{} ({})", s(&store.name_of(kind, id)), s(id)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn show_claim(store: &Store, ci: usize) -> String {
    let c = &store.claim(ci);
    let mut o = String::new();
    let _ = writeln!(o, "claim {}", s(&c.id));
    let _ = writeln!(o, "  {}", s(&c.statement));
    let _ = writeln!(o);
    let _ = writeln!(o, "attribution  {}", attribution(store, c));
    let _ = writeln!(o, "certainty    {}", c.certainty.as_str());
    let hedges = if c.hedges.is_empty() {
        "—".to_string()
    } else {
        s(&c.hedges.join(", "))
    };
    let _ = writeln!(o, "hedges       {hedges}");
    if let Some(p) = &c.primary {
        primary(store, p, &mut o);
    }
    let _ = writeln!(
        o,
        "countries    {}",
        names(store, Kind::Country, &c.countries)
    );
    let _ = writeln!(o, "regions      {}", names(store, Kind::Region, &c.regions));
    for r in &c.refer_backs {
        let _ = writeln!(
            o,
            "refers back  “{}” → {} (“{}”)",
            s(&r.phrase),
            s(&r.entity),
            s(&r.antecedent)
        );
    }
    let _ = writeln!(o, "actors       {}", names(store, Kind::Actor, &c.actors));
    let _ = writeln!(o, "themes       {}", names(store, Kind::Theme, &c.themes));
    for r in &c.related {
        let _ = writeln!(
            o,
            "related      {} {}: {}",
            r.relation.as_str(),
            s(&r.claim),
            s(&store.name_of(Kind::Claim, &r.claim))
        );
    }
    evidence(store, ci, &mut o);
    let _ = writeln!(o);
    let _ = writeln!(o, "quote        “{}”", s(&c.quote.exact));
    let _ = writeln!(o, "in context   {}", quote_in_context(store, ci));
    let _ = writeln!(o, "citation     {}", citation(store, ci));
    o
}

/// The primary quote a claim is checked against, and what was found.
fn primary(store: &Store, p: &Primary, o: &mut String) {
    let against = s(&store.name_of(Kind::Source, &p.source));
    let _ = writeln!(
        o,
        "primary      “{}”: {} (checked against {against})",
        s(&p.quoted),
        p.verification.as_str()
    );
    if let Some(found) = &p.found {
        let _ = writeln!(o, "  it says    “{}”", s(found));
    }
    if let Some(at) = &p.location {
        let _ = writeln!(o, "  where      {}", s(at));
    }
    if let Some(r) = &p.reference {
        let _ = writeln!(o, "  checked in {}", s(r));
    }
    if let Some(note) = &p.note {
        let _ = writeln!(o, "             {}", s(note));
    }
}

/// `evidence` lines: the claims of other sources related to claim `ci`,
/// grouped under each source with its date.
fn evidence(store: &Store, ci: usize, o: &mut String) {
    let all = store.evidence(ci);
    if all.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "evidence     {} from other sources",
        plural(all.len(), "claim")
    );
    let mut last = None;
    for e in all {
        let source = store.claim_source(e.claim);
        if last != Some(source) {
            let src = &store.sources()[source];
            let date = src.published.as_deref().unwrap_or("undated");
            let _ = writeln!(o, "  {} ({date}, {})", s(&src.title), s(&src.id));
            last = Some(source);
        }
        let id = store.claim_at(e.claim).id();
        let how = if e.incoming {
            format!("{} {} this", s(id), e.relation.as_str())
        } else {
            format!("this {} {}", e.relation.as_str(), s(id))
        };
        let quote = store.quote_text(e.claim).replace('\n', " ");
        let _ = writeln!(o, "    {how}: “{}”", s(&shorten(&quote, 160)));
    }
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// The sentence around the quote, raw: what comes before the quote, the
/// quote, what comes after it.
pub fn context(store: &Store, ci: usize) -> (&str, &str, &str) {
    let text = store.text_of(ci);
    let (qa, qb) = store.quote_bytes(ci);
    let (a, b) = sentence_around(text, qa, qb);
    (&text[a..qa], &text[qa..qb], &text[qb..b])
}

/// The sentence around the quote with the quote set off by ⟦ ⟧.
pub fn quote_in_context(store: &Store, ci: usize) -> String {
    let (before, quote, after) = context(store, ci);
    format!("…{}⟦{}⟧{}…", s(before), s(quote), s(after))
}

pub use crate::facts::{eu_label, nato_label};

/// Labelled fact lines, sanitised, the labels padded to `width`.
fn fact_lines(o: &mut String, facts: &[crate::facts::Fact], width: usize) {
    for f in facts {
        let _ = writeln!(o, "{:<width$} {}", f.label, s(&f.value));
    }
}

fn claim_list(store: &Store, o: &mut String, claims: &[u32]) {
    let _ = writeln!(o, "claims ({})", claims.len());
    for &ci in claims {
        let _ = writeln!(o, "  {}", claim_row(store, ci as usize));
    }
}

pub fn show_country(store: &Store, i: usize) -> String {
    let c = &store.countries()[i];
    let mut o = String::new();
    let _ = writeln!(o, "country {} — {} ({})", s(&c.id), s(&c.name), s(&c.iso3));
    fact_lines(&mut o, &crate::facts::country(store, i), 8);
    let _ = writeln!(o);
    let _ = write!(o, "named: ");
    claim_list(store, &mut o, store.linking(Kind::Country, i));
    let regional = store.regional_claims(i);
    if !regional.is_empty() {
        let _ = writeln!(o);
        let _ = write!(o, "regional (about its regions, not naming it): ");
        claim_list(store, &mut o, &regional);
    }
    o
}

pub fn show_region(store: &Store, i: usize) -> String {
    let r = &store.regions()[i];
    let mut o = String::new();
    let _ = writeln!(o, "region {} — {}", s(&r.id), s(&r.name));
    fact_lines(&mut o, &crate::facts::region(store, i), 8);
    let _ = writeln!(o);
    claim_list(store, &mut o, store.linking(Kind::Region, i));
    o
}

pub fn show_actor(store: &Store, i: usize) -> String {
    let a = &store.actors()[i];
    let mut o = String::new();
    let kind = serde_json::to_value(a.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let _ = writeln!(o, "actor {} — {} ({})", s(&a.id), s(&a.name), kind);
    fact_lines(&mut o, &crate::facts::actor(store, i), 8);
    let _ = writeln!(o);
    claim_list(store, &mut o, store.actor_listed_claims(i));
    o
}

pub fn show_theme(store: &Store, i: usize) -> String {
    let t = &store.themes()[i];
    let mut o = String::new();
    let _ = writeln!(o, "theme {} — {}", s(&t.id), s(&t.name));
    let _ = writeln!(o, "  {}", s(&t.description));
    let _ = writeln!(o);
    claim_list(store, &mut o, store.linking(Kind::Theme, i));
    o
}

pub fn show_source(store: &Store, i: usize) -> String {
    let src = &store.sources()[i];
    let mut o = String::new();
    let kind = serde_json::to_value(src.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let _ = writeln!(o, "source {} — {} ({})", s(&src.id), s(&src.title), kind);
    let _ = writeln!(
        o,
        "author     {}",
        src.author.as_deref().map_or("—".into(), s)
    );
    let date = src.published.as_deref().map(s).or_else(|| {
        src.published_note
            .as_deref()
            .map(|n| format!("unknown: {}", s(n)))
    });
    let _ = writeln!(o, "published  {}", date.unwrap_or_else(|| "unknown".into()));
    let _ = writeln!(o, "url        {}", src.url.as_deref().map_or("—".into(), s));
    if !src.about.is_empty() {
        let _ = writeln!(o, "about      {}", names(store, Kind::Source, &src.about));
    }
    match store.source_text(i) {
        Some(t) => {
            let _ = writeln!(
                o,
                "text       {}, sha256 {}",
                plural(t.chars().count(), "code point"),
                src.text_sha256.as_deref().map_or("not given".into(), s)
            );
        }
        None => {
            let _ = writeln!(o, "text       not held");
        }
    }
    for (k, sec) in src.sections.iter().enumerate() {
        let n = store.section_claims(i, k).len();
        let _ = writeln!(
            o,
            "section    {:<20} {:>5}–{:<5} {:>3} {:<6}  {}",
            s(&sec.id),
            sec.start,
            sec.end,
            n,
            noun(n, "claim"),
            s(&sec.heading)
        );
    }
    let _ = writeln!(o);
    let quoting: Vec<u32> = (0..store.claims().len())
        .filter(|&c| store.claim_source(c) == i)
        .map(|c| c as u32)
        .collect();
    claim_list(store, &mut o, &quoting);
    o
}

/// One line for `list`: id, name and claim count.
pub fn list_row(store: &Store, kind: Kind, i: usize) -> String {
    let count = claim_count(store, kind, i);
    match kind {
        Kind::Claim => claim_row(store, i),
        Kind::Country => {
            let c = &store.countries()[i];
            format!(
                "{:<4} {:<24} {:>3} {:<6} {:>4} regional  NATO: {}, EU: {}",
                s(&c.id),
                s(&c.name),
                count,
                noun(count, "claim"),
                format!("+{}", store.regional_claims(i).len()),
                nato_label(c.nato.status),
                eu_label(c.eu.status)
            )
        }
        Kind::Region => {
            let r = &store.regions()[i];
            format!(
                "{:<24} {:<28} {:>3} {:<6}  members: {}",
                s(&r.id),
                s(&r.name),
                count,
                noun(count, "claim"),
                s(&r.members.join(" "))
            )
        }
        Kind::Actor | Kind::Theme => {
            let (id, name, width) = match kind {
                Kind::Actor => (&store.actors()[i].id, &store.actors()[i].name, 24),
                _ => (&store.themes()[i].id, &store.themes()[i].name, 28),
            };
            format!(
                "{:<width$} {:<40} {:>3} {}",
                s(id),
                s(name),
                count,
                noun(count, "claim")
            )
        }
        Kind::Source => {
            let x = &store.sources()[i];
            format!(
                "{:<20} {:>3} {:<6}  {}",
                s(&x.id),
                count,
                noun(count, "claim"),
                s(&x.title)
            )
        }
    }
}

pub fn claim_count(store: &Store, kind: Kind, i: usize) -> usize {
    match kind {
        Kind::Country | Kind::Theme | Kind::Region => store.linking(kind, i).len(),
        Kind::Actor => store.actor_listed_claims(i).len(),
        Kind::Source => store.source_claims(i).len(),
        Kind::Claim => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_counts_add_up_to_the_claims_quoting_them() {
        let store = crate::model::load_embedded().unwrap();
        for (i, _) in store.sources().iter().enumerate() {
            let scanned = (0..store.claims().len())
                .filter(|&c| store.claim_source(c) == i)
                .count();
            assert_eq!(claim_count(&store, Kind::Source, i), scanned);
        }
        let article = store.index_of(Kind::Source, "bv-nss2025-balkans").unwrap();
        assert_eq!(
            claim_count(&store, Kind::Source, article),
            store.claims_of(Kind::Source, article).len()
        );
    }
}
