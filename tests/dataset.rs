//! The embedded dataset is part of the product: it must validate, quote the
//! article exactly, and cover every sentence of the article body.

use std::collections::HashSet;

use stratlens::model::{self, Kind, positions::sentences};

const ARTICLE: &str = include_str!("../data/seed/000_659e77b4c9870de9.txt");
const SCHEMA: &str = include_str!("../data/schema.json");

#[test]
fn embedded_dataset_validates() {
    let store = model::load_embedded().expect("embedded dataset must validate");
    assert!(
        store.claims().len() >= 30,
        "{} claims",
        store.claims().len()
    );
}

#[test]
fn article_text_is_the_seed_byte_for_byte() {
    let store = model::load_embedded().unwrap();
    let i = store.index_of(Kind::Source, "bv-nss2025-balkans").unwrap();
    let src = &store.sources()[i];
    assert_eq!(store.source_text(i), Some(ARTICLE));
    assert!(ARTICLE.contains('’') && ARTICLE.contains('–') && ARTICLE.contains('—'));
    assert_eq!(src.sections.len(), 7, "the lead plus six subheadings");
}

#[test]
fn every_body_sentence_is_quoted() {
    let store = model::load_embedded().unwrap();
    let si = store.index_of(Kind::Source, "bv-nss2025-balkans").unwrap();
    let src = &store.sources()[si];
    let headings: HashSet<&str> = src.sections.iter().map(|s| s.heading.as_str()).collect();
    let body: Vec<(usize, usize)> = sentences(ARTICLE)
        .into_iter()
        .filter(|&(a, b)| {
            let s = &ARTICLE[a..b];
            s != "By BV" && !headings.contains(s)
        })
        .collect();
    assert_eq!(body.len(), 19, "the article body has 19 sentences");
    let quotes: Vec<(usize, usize)> = (0..store.claims().len())
        .filter(|&c| store.claim_source(c) == si)
        .map(|c| store.quote_bytes(c))
        .collect();
    for (a, b) in body {
        assert!(
            quotes.iter().any(|&(qa, qb)| qa < b && qb > a),
            "no claim quotes: {}",
            &ARTICLE[a..b]
        );
    }
}

#[test]
fn every_entity_is_used_and_kosovo_serbia_links_the_other_pairs() {
    let store = model::load_embedded().unwrap();
    // A country is named by some claim, or is a member of a region some
    // claim speaks of (Albania: the article never names it).
    for (i, c) in store.countries().iter().enumerate() {
        let named = !store.claims_of(Kind::Country, i).is_empty();
        assert!(named || !store.regional_claims(i).is_empty(), "{}", c.id);
    }
    assert!((0..store.regions().len()).all(|i| !store.claims_of(Kind::Region, i).is_empty()));
    assert!((0..store.themes().len()).all(|i| !store.claims_of(Kind::Theme, i).is_empty()));
    let deal = (0..store.claims().len())
        .map(|c| store.claim(c))
        .find(|c| c.quote.exact.contains("Kosovo–Serbia agreement"))
        .expect("a claim quotes the agreement");
    for code in ["XK", "RS", "AM", "AZ", "PK", "IN"] {
        assert!(
            deal.countries.iter().any(|c| c == code),
            "{} lacks {code}",
            deal.id
        );
    }
}

/// The link rule (issue #7): a country or region link needs its name or an
/// alias in the quote's paragraph, or a recorded refer-back.
#[test]
fn every_link_is_named_in_its_paragraph_or_referred_back() {
    let store = model::load_embedded().unwrap();
    let unnamed = model::links::unnamed_links(&store);
    assert!(unnamed.is_empty(), "{unnamed:#?}");
    assert!(
        (0..store.claims().len()).any(|c| !store.claim_at(c).refer_backs().is_empty()),
        "no refer-back is recorded: the test would not see one break"
    );
}

/// The same rule catches the old habit of linking every Western Balkan
/// state to a sentence about "the region".
#[test]
fn the_link_rule_catches_a_region_claim_linked_to_its_members() {
    let text = model::load::EMBEDDED_JSON.replacen(
        "\"countries\": [],\n      \"regions\": [\n        \"western-balkans\"",
        "\"countries\": [\"BA\", \"ME\"],\n      \"regions\": [\n        \"western-balkans\"",
        1,
    );
    assert_ne!(
        text,
        model::load::EMBEDDED_JSON,
        "the fixture edit did not apply"
    );
    let store = model::load_inputs(vec![model::Input::new("t.json", text)]).unwrap();
    let unnamed = model::links::unnamed_links(&store);
    let ids: Vec<&str> = unnamed.iter().map(|u| u.entity.as_str()).collect();
    assert_eq!(ids, ["BA", "ME"], "{unnamed:#?}");
}

#[test]
fn primary_quote_checks_are_recorded() {
    use stratlens::model::Verification::{self, *};
    let store = model::load_embedded().unwrap();
    let check = |id: &str| -> Verification {
        let c = store
            .claim_by_id(id)
            .unwrap_or_else(|| panic!("no claim {id}"));
        c.primary()
            .unwrap_or_else(|| panic!("{id} has no primary check"))
            .verification
    };
    // "end the perception ... of NATO as a perpetually expanding alliance"
    assert_eq!(check("c19"), WordingDiffers);
    // "an expeditious cessation of hostilities in Ukraine"
    assert_eq!(check("c10"), Verified);
    // "perpetual instability" is in no reproduction of the strategy.
    assert_eq!(check("c7"), NotFound);
    // The cover letter lists "Kosovo and Serbia": no "U.S.-brokered agreement".
    assert_eq!(check("c14"), WordingDiffers);
    // What the primary-text lens shows of the article must be the
    // strategy's own words. (A strategy's own claims quote itself.)
    let article = store.index_of(Kind::Source, "bv-nss2025-balkans").unwrap();
    for (ci, c) in store.claims().iter().enumerate() {
        if c.layer == model::Layer::PrimaryVerbatim && store.claim_source(ci) == article {
            let p = c
                .primary()
                .unwrap_or_else(|| panic!("{} unchecked", c.id()));
            assert_ne!(p.verification, NotFound, "{}", c.id());
        }
    }
    let warnings = model::lint::lint(&store);
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn nato_and_eu_facts_match_the_brief() {
    use stratlens::model::{Basis, EuStatus, NatoStatus};
    let store = model::load_embedded().unwrap();
    let c = |id: &str| &store.countries()[store.index_of(Kind::Country, id).unwrap()];
    assert_eq!(c("RS").nato.status, NatoStatus::Neutral);
    assert_eq!(c("RS").nato.since.as_deref(), Some("2007-12-26"));
    assert_eq!(c("ME").nato.since.as_deref(), Some("2017-06-05"));
    assert_eq!(c("MK").nato.since.as_deref(), Some("2020-03-27"));
    assert_eq!(c("AL").nato.since.as_deref(), Some("2009-04-01"));
    assert_eq!(c("AL").eu.status, EuStatus::Candidate);
    assert_eq!(c("XK").eu.status, EuStatus::PotentialCandidate);
    assert_eq!(c("BA").eu.since.as_deref(), Some("2022-12-15"));
    for country in store.countries() {
        for (basis, since, reference) in [
            (
                country.nato.basis,
                &country.nato.since,
                &country.nato.reference,
            ),
            (country.eu.basis, &country.eu.since, &country.eu.reference),
        ] {
            assert!(
                basis == Basis::Article || reference.is_some(),
                "{}",
                country.id
            );
            assert!(
                since.is_none() || basis == Basis::Reference,
                "{}: a date from outside the article",
                country.id
            );
        }
    }
    let wb = &store.regions()[store.index_of(Kind::Region, "western-balkans").unwrap()];
    let mut members = wb.members.clone();
    members.sort();
    assert_eq!(members, ["AL", "BA", "ME", "MK", "RS", "XK"]);
}

#[test]
fn committed_schema_is_current() {
    assert_eq!(
        SCHEMA,
        stratlens::cli::schema_json(),
        "data/schema.json is stale: run `cargo run -- schema > data/schema.json`"
    );
}

/// The store keeps claims in compact form; every claim it gives back must
/// equal the claim in the file, field for field.
#[test]
fn stored_claims_give_back_the_file_exactly() {
    let store = model::load_embedded().unwrap();
    let claims: Vec<serde_json::Value> = model::load::EMBEDDED_FILES
        .iter()
        .flat_map(|(_, json)| {
            let file: serde_json::Value = serde_json::from_str(json).unwrap();
            file["claims"].as_array().cloned().unwrap_or_default()
        })
        .collect();
    assert_eq!(claims.len(), store.claims().len());
    for (i, want) in claims.iter().enumerate() {
        let got = serde_json::to_value(store.claim(i)).unwrap();
        assert_eq!(&got, want, "claim {i}");
        assert_eq!(store.index_of(Kind::Claim, store.claim_at(i).id()), Some(i));
    }
    assert_eq!(store.index_of(Kind::Claim, "no-such-claim"), None);
}
