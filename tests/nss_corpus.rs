//! The U.S. National Security Strategies 1987–2015 in `data/nss/` (issue #10
//! of the round: the NSS corpus). The loader already proves each quote is a
//! slice of its text with the right prefix and suffix, inside its section,
//! that `text_sha256` matches and that related claims exist; these tests
//! check what it does not:
//!
//! - every file of `data/nss` is embedded, and each strategy's text is its
//!   corpus file in `data/nss/texts/` byte for byte;
//! - the link rule for every claim (`model::links`);
//! - completeness: every mention of a Balkan place lies inside some claim's
//!   quote, or its line is listed, with a reason, in
//!   `data/nss/coverage/exclusions.json`;
//! - each strategy is dated and speaks for itself (`primary_verbatim`).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;

use serde_json::Value;
use stratlens::model::{self, Kind, Layer, Store, load::EMBEDDED_FILES};

/// What the completeness rule looks for (lower case, ASCII).
const PLACES: [&str; 17] = [
    "balkan",
    "sarajevo",
    "belgrade",
    "dayton",
    "slovenia",
    "yugoslav",
    "bosnia",
    "kosovo",
    "serbia",
    "croatia",
    "macedonia",
    "montenegr",
    "albania",
    "southeast europe",
    "south-east europe",
    "southeastern europe",
    "south-eastern europe",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn strategies(store: &Store) -> Vec<usize> {
    (0..store.sources().len())
        .filter(|&i| {
            let s = &store.sources()[i];
            s.id.starts_with("us-nss-") && store.source_text(i).is_some()
        })
        .collect()
}

#[test]
fn every_corpus_file_is_embedded_and_every_text_is_its_file() {
    let mut files: Vec<String> = fs::read_dir(root().join("data/nss"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    let embedded: HashSet<&str> = EMBEDDED_FILES.iter().map(|(n, _)| *n).collect();
    for f in &files {
        assert!(
            embedded.contains(f.as_str()),
            "data/nss/{f} is not embedded"
        );
    }
    let store = model::load_embedded().unwrap();
    let texts = strategies(&store);
    assert_eq!(texts.len(), 16, "sixteen strategies, 1987-2015");
    for i in texts {
        let s = &store.sources()[i];
        let year = &s.id["us-nss-".len()..];
        let path = root().join(format!(
            "data/nss/texts/{year}_national_security_strategy.txt"
        ));
        let raw = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(raw == store.source_text(i).unwrap().as_bytes(), "{}", s.id);
        let date = s
            .published
            .as_deref()
            .unwrap_or_else(|| panic!("{} undated", s.id));
        assert!(date.len() >= 7, "{}: {date}", s.id);
    }
}

#[test]
fn every_strategy_claim_is_its_own_words_and_names_what_it_links() {
    let store = model::load_embedded().unwrap();
    let texts: HashSet<usize> = strategies(&store).into_iter().collect();
    let mut n = 0;
    for (ci, c) in store.claims().iter().enumerate() {
        if !texts.contains(&store.claim_source(ci)) {
            continue;
        }
        n += 1;
        assert_eq!(c.layer, Layer::PrimaryVerbatim, "{}", c.id());
        let speaker = c.speaker().map(|a| store.actors()[a].id.as_str());
        assert_eq!(speaker, Some(store.source_of(ci).id.as_str()), "{}", c.id());
    }
    assert!(n > 100, "well over a hundred claims: {n}");
    let unnamed = model::links::unnamed_links(&store);
    assert!(unnamed.is_empty(), "{unnamed:#?}");
}

/// The article's claims about earlier strategies lead to their passages.
#[test]
fn the_articles_claim_on_previous_strategies_has_evidence_from_the_1990s() {
    let store = model::load_embedded().unwrap();
    let c28 = store.index_of(Kind::Claim, "c28").unwrap();
    let evidence = store.evidence(c28);
    let years: HashSet<&str> = evidence
        .iter()
        .filter_map(|e| store.source_of(e.claim).published.as_deref())
        .map(|d| &d[..4])
        .collect();
    for year in ["1994", "1996", "1999", "2000", "2015"] {
        assert!(years.contains(year), "no evidence from {year}: {years:?}");
    }
    let dates: Vec<&str> = evidence
        .iter()
        .filter_map(|e| store.source_of(e.claim).published.as_deref())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(evidence.iter().all(|e| e.incoming));
}

#[test]
fn every_mention_of_a_balkan_place_is_quoted_or_excluded_with_a_reason() {
    let store = model::load_embedded().unwrap();
    let list: Value = serde_json::from_str(
        &fs::read_to_string(root().join("data/nss/coverage/exclusions.json")).unwrap(),
    )
    .unwrap();
    let mut excluded: HashMap<(String, usize), String> = HashMap::new();
    for e in list["exclusions"].as_array().unwrap() {
        assert!(!e["reason"].as_str().unwrap_or("").trim().is_empty(), "{e}");
        let key = (
            e["source"].as_str().unwrap().to_string(),
            e["line"].as_u64().unwrap() as usize,
        );
        excluded.insert(key, e["text"].as_str().unwrap().to_string());
    }
    let mut used = HashSet::new();
    let mut failures = Vec::new();
    for si in strategies(&store) {
        let src = &store.sources()[si];
        let quoted: Vec<(usize, usize)> = (0..store.claims().len())
            .filter(|&c| store.claim_source(c) == si)
            .map(|c| store.quote_bytes(c))
            .collect();
        let mut at = 0;
        for (i, line) in store.source_text(si).unwrap().split('\n').enumerate() {
            let lower = line.to_ascii_lowercase();
            let outside = PLACES.iter().any(|p| {
                lower
                    .match_indices(p)
                    .any(|(k, _)| !quoted.iter().any(|&(a, b)| a <= at + k && at + k < b))
            });
            let key = (src.id.clone(), i + 1);
            match (outside, excluded.get(&key)) {
                (true, Some(text)) if text == line => {
                    used.insert(key);
                }
                (true, Some(_)) => {
                    failures.push(format!("{} line {}: stale exclusion", src.id, i + 1))
                }
                (true, None) => failures.push(format!("{} line {}: {line:?}", src.id, i + 1)),
                (false, _) => {}
            }
            at += line.len() + 1;
        }
    }
    for key in excluded.keys().filter(|k| !used.contains(*k)) {
        failures.push(format!(
            "{} line {}: excluded but needs no exclusion",
            key.0, key.1
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
