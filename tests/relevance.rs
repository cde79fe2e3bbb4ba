//! Relevance: queries an analyst would type over the embedded dataset, with
//! the claims that must rank in the top 3. The word index must keep these
//! as the whole-field matcher had them.

use std::sync::atomic::AtomicBool;

use stratlens::model::{self, Store};
use stratlens::search::SearchIndex;

const CASES: &[(&str, &[&str])] = &[
    ("serbia neutrality", &["c23"]),
    ("expeditious", &["c10"]),
    ("kosovo serbia agreement", &["c14", "c15"]),
    ("china russia", &["c32", "c33"]),
    ("burden sharing", &["c24"]),
    ("security guarantees", &["c24", "c25"]),
    // The subheading; the body says "perpetually expanding alliance".
    ("nato expansion", &["c43"]),
    ("perpetually expanding", &["c19", "c20"]),
    ("perpetual instability", &["c7"]),
    ("armenia azerbaijan", &["c15"]),
    ("transactional", &["c16", "c17"]),
    ("montenegro macedonia", &["c21"]),
    ("eu enlargement", &["c26"]),
    ("ukraine", &["c10"]),
    // A typo still finds the country.
    ("kosvo", &["c14"]),
    // Abbreviation across words: answered by the whole-field fallback.
    ("kosovoserbia", &["c14"]),
    // A claim id.
    ("c14", &["c14"]),
];

fn top3(store: &Store, index: &SearchIndex, query: &str) -> Vec<String> {
    let all: Vec<usize> = (0..store.claims().len()).collect();
    index
        .search(store, query, &all)
        .iter()
        .take(3)
        .map(|h| store.claim_at(h.claim).id().to_string())
        .collect()
}

#[test]
fn expected_claims_rank_in_the_top_three() {
    let store = model::load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let mut failures = Vec::new();
    for (query, want) in CASES {
        let got = top3(&store, &index, query);
        for id in *want {
            if !got.iter().any(|g| g == id) {
                failures.push(format!("{query:?}: {id} not in top 3 {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn top_hits_agree_with_the_full_ranking() {
    let store = model::load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let never = AtomicBool::new(false);
    for (query, _) in CASES.iter().chain(&[("s", &[][..]), ("se", &[][..])]) {
        let full = index.search(&store, query, &all);
        let top = index
            .search_top(&store, query, &all, 3, &never)
            .expect("not cancelled");
        assert_eq!(top.total, full.len(), "{query}");
        assert_eq!(top.hits, full[..full.len().min(3)].to_vec(), "{query}");
        let ranked = index.rank(&store, query, &all, &never).unwrap();
        let pairs: Vec<(usize, i64)> = full.iter().map(|h| (h.claim, h.score)).collect();
        assert_eq!(ranked, pairs, "{query}");
    }
}

#[test]
fn candidates_restrict_the_results() {
    let store = model::load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let some: Vec<usize> = (0..store.claims().len()).filter(|c| c % 2 == 0).collect();
    for query in ["kosovo", "s", "kosovoserbia", "security guarantees"] {
        for h in index.search(&store, query, &some) {
            assert!(
                h.claim % 2 == 0,
                "{query}: claim {} not a candidate",
                h.claim
            );
        }
    }
}

#[test]
fn highlights_point_at_the_matched_characters() {
    let store = model::load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let hits = index.search(&store, "expeditious", &all);
    let c = &store.claim(hits[0].claim);
    let marked = |text: &str, idx: &[usize]| -> String {
        let chars: Vec<char> = text.chars().collect();
        idx.iter().map(|&i| chars[i]).collect()
    };
    let st = marked(&c.statement, &hits[0].statement_chars);
    let qu = marked(&c.quote.exact, &hits[0].quote_chars);
    assert!(
        st == "expeditious" || qu == "expeditious",
        "statement {st:?}, quote {qu:?}"
    );
    // Typographic characters before the match must not shift the indices.
    let hits = index.search(&store, "serbia", &all);
    for h in &hits {
        let c = &store.claim(h.claim);
        let st = marked(&c.statement, &h.statement_chars).to_lowercase();
        let qu = marked(&c.quote.exact, &h.quote_chars).to_lowercase();
        assert!(
            st.is_empty() || st == "serbia",
            "{}: statement marks {st:?}",
            c.id
        );
        assert!(
            qu.is_empty() || qu == "serbia",
            "{}: quote marks {qu:?}",
            c.id
        );
    }
}

#[test]
fn a_set_cancel_flag_stops_the_search() {
    let store = model::load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let cancelled = AtomicBool::new(true);
    assert!(
        index
            .search_top(&store, "kosovo", &all, 10, &cancelled)
            .is_none()
    );
}

/// Issue #16, 1: typed punctuation finds the text's typography (en dash,
/// curly apostrophe) and the highlight lands on the text's own characters.
#[test]
fn typed_punctuation_finds_typographic_text() {
    let store = model::load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    for (typed, printed) in [
        ("Kosovo-Serbia", "Kosovo–Serbia"),
        ("Washington's", "Washington’s"),
        ("washington’s", "Washington's"),
    ] {
        let a: Vec<usize> = index
            .search(&store, typed, &all)
            .iter()
            .map(|h| h.claim)
            .collect();
        let b: Vec<usize> = index
            .search(&store, printed, &all)
            .iter()
            .map(|h| h.claim)
            .collect();
        assert!(!a.is_empty(), "{typed} finds nothing");
        assert_eq!(a, b, "{typed} and {printed} find the same claims");
    }
    let hit = &index.search(&store, "kosovo-serbia", &all)[0];
    let text: Vec<char> = store.quote_text(hit.claim).chars().collect();
    let marked: String = hit.quote_chars.iter().map(|&i| text[i]).collect();
    let stmt: Vec<char> = store.claim_at(hit.claim).statement().chars().collect();
    let marked_stmt: String = hit.statement_chars.iter().map(|&i| stmt[i]).collect();
    assert!(
        marked.to_lowercase().contains("kosovo–serbia")
            || marked_stmt.to_lowercase().contains("kosovo–serbia"),
        "{marked:?} / {marked_stmt:?}"
    );
}

/// Issue #16, 1: compatibility forms fold in the index and the query
/// alike: "financial" finds the OCR ligature "ﬁnancial", "europe" the
/// full-width "ＥＵＲＯＰＥ", in the word index and in whole-field matching,
/// and the highlight lands on the text's own characters.
#[test]
fn ligatures_and_full_width_letters_fold() {
    let json = include_str!("data/good/minimal.json").replace(
        "\"statement\": \"Gamma may rise.\"",
        "\"statement\": \"Gamma sees ﬁnancial-growth in ＥＵＲＯＰＥ.\"",
    );
    let store = model::load_inputs(vec![model::Input::new("lig.json", json)]).unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let stmt: Vec<char> = store.claim_at(1).statement().chars().collect();
    let marked = |query: &str| -> Vec<String> {
        index
            .search(&store, query, &all)
            .iter()
            .map(|h| {
                assert_eq!(store.claim_at(h.claim).id(), "c2", "{query}");
                h.statement_chars.iter().map(|&i| stmt[i]).collect()
            })
            .collect()
    };
    // The word index: one word each.
    assert_eq!(marked("financial"), vec!["ﬁnancial".to_string()]);
    assert_eq!(marked("europe"), vec!["ＥＵＲＯＰＥ".to_string()]);
    // Whole-field matching: the hyphen sends the query there.
    assert_eq!(
        marked("financial-growth"),
        vec!["ﬁnancial-growth".to_string()]
    );
    // And the query folds too.
    assert_eq!(marked("ﬁnancial"), vec!["ﬁnancial".to_string()]);
}

/// Issue #16, 2: British and American spellings find each other
/// ("defense" the strategy's "defence", "prioritizing" the article's
/// "prioritising"), scored below the spelling typed, and the other
/// spelling is highlighted.
#[test]
fn british_and_american_spellings_find_each_other() {
    let store = model::load_embedded().unwrap();
    let index = SearchIndex::new(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    for (typed, other) in [
        ("defense", "defence"),
        ("defence", "defense"),
        ("prioritizing", "prioritising"),
    ] {
        let hits = index.search(&store, typed, &all);
        let text = |c: usize| {
            format!("{} {}", store.claim_at(c).statement(), store.quote_text(c)).to_lowercase()
        };
        let variant: Vec<usize> = (0..hits.len())
            .filter(|&i| {
                let t = text(hits[i].claim);
                t.contains(other) && !t.contains(typed)
            })
            .collect();
        assert!(!variant.is_empty(), "{typed} does not find {other}");
        // Found through the other spelling, a claim scores less than when
        // its own spelling is typed: below the exact matches. (A theme
        // named "…defence spending" matches one spelling as written.)
        let own = index.search(&store, other, &all);
        let named = |c: usize| {
            let links = store.links(c);
            let themes = links
                .themes
                .iter()
                .map(|&t| store.themes()[t as usize].name.as_str());
            let actors = links
                .actors
                .iter()
                .map(|&a| store.actors()[a as usize].name.as_str());
            themes.chain(actors).any(|n| {
                let n = n.to_lowercase();
                n.contains(typed) || n.contains(other)
            })
        };
        for &i in variant.iter().filter(|&&i| !named(hits[i].claim)) {
            let h = &hits[i];
            let mine = own
                .iter()
                .find(|o| o.claim == h.claim)
                .expect("found as spelt");
            assert!(
                h.score < mine.score,
                "{typed}: {} scores {} ≥ {}",
                h.claim,
                h.score,
                mine.score
            );
        }
        let plain = variant
            .iter()
            .find(|&&i| !named(hits[i].claim))
            .expect("unnamed");
        let h = &hits[*plain];
        let stmt: Vec<char> = store.claim_at(h.claim).statement().chars().collect();
        let quote: Vec<char> = store.quote_text(h.claim).chars().collect();
        let marked: String = h
            .statement_chars
            .iter()
            .map(|&i| stmt[i])
            .chain(h.quote_chars.iter().map(|&i| quote[i]))
            .collect::<String>()
            .to_lowercase();
        assert!(marked.contains(other), "{typed}: marked {marked:?}");
    }
    let c2: Vec<String> = top3(&store, &index, "prioritizing");
    assert_eq!(c2.first().map(String::as_str), Some("c2"));
}
