use super::*;
use crate::model::{Kind, load_embedded};

/// Claims that `query` finds in the embedded dataset, every claim a candidate.
/// Built in runs of a few claims on several threads, the index must be
/// the one a single pass builds: same word ids, entries and postings.
#[test]
fn parts_join_into_the_single_pass_index() {
    let store = load_embedded().unwrap();
    let one = SearchIndex::build(&store, usize::MAX);
    for per in [1, 5, 16] {
        let many = SearchIndex::build(&store, per);
        assert_eq!(many.words, one.words, "per {per}");
        assert_eq!(many.starts, one.starts, "per {per}");
        assert_eq!(many.entries, one.entries, "per {per}");
        assert_eq!(many.post_starts, one.post_starts, "per {per}");
        assert_eq!(many.postings, one.postings, "per {per}");
    }
}

fn found(query: &str) -> (Store, Vec<Hit>) {
    let store = load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let hits = index.search(&store, query, &all);
    (store, hits)
}

fn ids(store: &Store, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| store.claim_at(h.claim).id().to_string())
        .collect()
}

#[test]
fn every_word_must_match() {
    let store = load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let nato = index.search(&store, "nato", &all);
    let both = index.search(&store, "nato montenegro", &all);
    assert!(!both.is_empty() && both.len() < nato.len());
    for h in &both {
        assert!(nato.iter().any(|n| n.claim == h.claim));
    }
    assert!(index.search(&store, "zzqxj", &all).is_empty());
}

#[test]
fn scattered_letters_do_not_match() {
    let (store, hits) = found("kosovo");
    for h in &hits {
        let c = &store.claim(h.claim);
        // The word itself is there: in the text, or in a linked name
        // ("Kosovo Force (KFOR)"), not letters strewn across a sentence.
        let names: Vec<String> = c
            .actors
            .iter()
            .map(|a| store.name_of(Kind::Actor, a))
            .collect();
        let text = format!("{} {} {}", c.statement, c.quote.exact, names.join(" "));
        assert!(
            c.countries.iter().any(|x| x == "XK") || text.to_lowercase().contains("kosovo"),
            "{} matched \"kosovo\" without the word",
            c.id
        );
    }
}

#[test]
fn short_words_match_as_written() {
    let (store, hits) = found("nato");
    assert!(!hits.is_empty());
    for h in &hits {
        let c = &store.claim(h.claim);
        let themes: Vec<String> = c
            .themes
            .iter()
            .map(|t| store.name_of(Kind::Theme, t))
            .collect();
        let text = format!("{} {} {}", c.statement, c.quote.exact, themes.join(" "));
        assert!(
            text.to_lowercase().contains("nato") || c.actors.iter().any(|a| a == "nato"),
            "{}: \"nato\" matched neither NATO nor its text (\"Nation\" is not NATO)",
            c.id
        );
    }
}

#[test]
fn statement_matches_are_highlighted() {
    let (store, hits) = found("neutrality");
    assert_eq!(ids(&store, &hits[..1]), vec!["c23"]);
    let st: Vec<char> = store.claim_at(hits[0].claim).statement().chars().collect();
    let marked: String = hits[0].statement_chars.iter().map(|&i| st[i]).collect();
    assert_eq!(marked, "neutrality");
}

#[test]
fn claim_id_finds_the_claim() {
    let store = load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    assert_eq!(
        ids(&store, &index.search(&store, "c14", &all)[..1]),
        vec!["c14"]
    );
}

#[test]
fn prepared_queries_score_and_highlight_as_search_does() {
    let store = load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let never = AtomicBool::new(false);
    for query in [
        "",
        "kosovo",
        "s",
        "nato montenegro",
        "kosovoserbia",
        "u.s.",
        "c14",
    ] {
        let q = index.prepare(&store, query);
        let mut rows = index.matching(&store, &q, &all, &never).unwrap();
        rows.sort_unstable_by(better);
        let hits: Vec<Hit> = rows
            .iter()
            .map(|&r| index.highlight_prepared(&store, &q, r))
            .collect();
        assert_eq!(hits, index.search(&store, query, &all), "{query:?}");
    }
    let cancelled = AtomicBool::new(true);
    let q = index.prepare(&store, "kosovo");
    assert_eq!(index.matching(&store, &q, &all, &cancelled), None);
}

#[test]
fn linking_lists_the_claims_a_facet_matches() {
    use crate::filter::Facet;
    let store = load_embedded().unwrap();
    let n = store.claims().len();
    let facets = (0..store.countries().len())
        .map(|i| (Kind::Country, i, Facet::Country(i)))
        .chain((0..store.actors().len()).map(|i| (Kind::Actor, i, Facet::Actor(i))))
        .chain((0..store.themes().len()).map(|i| (Kind::Theme, i, Facet::Theme(i))));
    for (kind, i, f) in facets {
        let want: Vec<u32> = (0..n)
            .filter(|&c| f.matches(&store, c))
            .map(|c| c as u32)
            .collect();
        assert_eq!(store.linking(kind, i), want.as_slice(), "{f:?}");
    }
    assert!(store.linking(Kind::Source, 0).is_empty());
}

/// Issue #16, 3: a word that found a claim through an alias says so; one
/// that matches the name itself does not.
#[test]
fn alias_matches_name_the_alias() {
    let store = load_embedded().unwrap();
    let c11 = store.index_of(Kind::Claim, "c11").unwrap();
    let via = via_aliases(&store, "BiH", c11);
    assert_eq!(via.len(), 1, "{via:?}");
    assert_eq!(via[0].alias, "BiH");
    assert_eq!(via[0].name, "Bosnia and Herzegovina");
    assert!(via_aliases(&store, "bosnia", c11).is_empty());
    assert!(via_aliases(&store, "", c11).is_empty());
    let by_id = via_aliases(&store, "ba", c11);
    assert_eq!(by_id.first().map(|m| m.alias.as_str()), Some("BA"));
    // The claims BiH finds are the claims whose links say why.
    let (store, hits) = found("BiH");
    assert!(!hits.is_empty());
    for h in &hits {
        let text = format!(
            "{} {}",
            store.claim_at(h.claim).statement(),
            store.quote_text(h.claim)
        );
        if !text.contains("BiH") {
            assert!(
                !via_aliases(&store, "BiH", h.claim).is_empty(),
                "{}",
                h.claim
            );
        }
    }
}
