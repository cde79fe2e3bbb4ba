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
    let src = &store.sources()[store.index_of(Kind::Source, "bv-nss2025-balkans").unwrap()];
    assert_eq!(src.text.as_deref(), Some(ARTICLE));
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
    assert!((0..store.countries().len()).all(|i| !store.claims_of(Kind::Country, i).is_empty()));
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

#[test]
fn primary_quote_checks_are_recorded() {
    use stratlens::model::Verification::*;
    let store = model::load_embedded().unwrap();
    let find = |needle: &str| {
        store
            .claims()
            .iter()
            .filter_map(|c| c.primary())
            .find(|p| p.quoted.contains(needle))
            .unwrap_or_else(|| panic!("no primary check for {needle}"))
            .verification
    };
    assert_eq!(find("end the perception"), WordingDiffers);
    assert_eq!(find("expeditious"), Verified);
    assert_eq!(find("perpetual instability"), Unverified);
}

#[test]
fn nato_and_eu_facts_match_the_brief() {
    use stratlens::model::{Basis, EuStatus, NatoStatus};
    let store = model::load_embedded().unwrap();
    let c = |id: &str| &store.countries()[store.index_of(Kind::Country, id).unwrap()];
    assert_eq!(c("RS").nato.status, NatoStatus::Neutral);
    assert_eq!(c("RS").nato.basis, Basis::Article);
    assert_eq!(c("ME").nato.since.as_deref(), Some("2017-06-05"));
    assert_eq!(c("MK").nato.since.as_deref(), Some("2020-03-27"));
    assert_eq!(c("XK").eu.status, EuStatus::PotentialCandidate);
    assert_eq!(c("BA").eu.since.as_deref(), Some("2022-12-15"));
    for country in store.countries() {
        for (basis, reference) in [
            (country.nato.basis, &country.nato.reference),
            (country.eu.basis, &country.eu.reference),
        ] {
            assert!(
                basis == Basis::Article || reference.is_some(),
                "{}",
                country.id
            );
        }
    }
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
    let file: serde_json::Value = serde_json::from_str(model::load::EMBEDDED_JSON).unwrap();
    let claims = file["claims"].as_array().unwrap();
    assert_eq!(claims.len(), store.claims().len());
    for (i, want) in claims.iter().enumerate() {
        let got = serde_json::to_value(store.claim(i)).unwrap();
        assert_eq!(&got, want, "claim {i}");
        assert_eq!(store.index_of(Kind::Claim, store.claims()[i].id()), Some(i));
    }
    assert_eq!(store.index_of(Kind::Claim, "no-such-claim"), None);
}
