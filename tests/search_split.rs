//! Splitting a search over threads and blocks of claims must not change a
//! single result: the one-thread, one-block search is the reference, and
//! every split (ranges and blocks that cut posting lists mid-way, more
//! threads than cores) must give the same top hits, highlights, totals and
//! full rankings, on a generated dataset large enough for every query path
//! to do real work.

use std::sync::atomic::AtomicBool;

use stratlens::model::{self, Input, Store};
use stratlens::search::{SearchIndex, Split, TopHits};

#[allow(dead_code)]
#[path = "../examples/gen_dataset.rs"]
mod gen_dataset;

const CLAIMS: usize = 5_000;

/// Claims and scores, best first.
type Ranked = Vec<(usize, i64)>;

fn store() -> Store {
    let mut out = Vec::new();
    gen_dataset::write_dataset(&mut out, CLAIMS, 7).expect("generate");
    let input = Input::new("gen-5k.json", String::from_utf8(out).expect("utf-8"));
    model::load_inputs(vec![input]).expect("generated data is valid")
}

/// One thread, one block: no range or block boundary anywhere.
const WHOLE: Split = Split {
    threads: 1,
    min_claims: usize::MAX,
    block: usize::MAX,
};

/// Splits that put boundaries everywhere: ranges of uneven length, tiny
/// blocks, blocks that do not divide the ranges, more threads than cores.
const SPLITS: [Split; 5] = [
    Split {
        threads: 2,
        min_claims: 0,
        block: 16_384,
    },
    Split {
        threads: 2,
        min_claims: 0,
        block: 777,
    },
    Split {
        threads: 3,
        min_claims: 0,
        block: 5,
    },
    Split {
        threads: 16,
        min_claims: 0,
        block: 64,
    },
    Split {
        threads: 1,
        min_claims: 0,
        block: 1000,
    },
];

/// One- and two-letter prefixes that match most claims (the worst
/// keystrokes), longer words, several words (rarest first, later words
/// narrowing), a claim id, and queries that take the whole-field path.
const QUERIES: &[&str] = &[
    "s",
    "a",
    "se",
    "sec",
    "security",
    "serbia",
    "serbia n",
    "serbia neutrality",
    "s a t",
    "c123",
    "c4999 s",
    "kosvo",
    "u.s.",
    "",
    "zzqxj",
];

fn top(index: &SearchIndex, store: &Store, q: &str, cands: &[usize], limit: usize) -> TopHits {
    let never = AtomicBool::new(false);
    index
        .search_top(store, q, cands, limit, &never)
        .expect("not cancelled")
}

fn rank(index: &SearchIndex, store: &Store, q: &str, cands: &[usize]) -> Ranked {
    let never = AtomicBool::new(false);
    index.rank(store, q, cands, &never).expect("not cancelled")
}

#[test]
fn every_split_gives_the_same_results() {
    let store = store();
    let n = store.claims().len();
    assert_eq!(n, CLAIMS);
    let mut whole = SearchIndex::new(&store);
    whole.set_split(WHOLE);
    let all: Vec<usize> = (0..n).collect();
    // A filtered list: few enough candidates that broad words are scored
    // from the forward index rather than the posting lists.
    let some: Vec<usize> = (0..n).step_by(97).collect();
    let broad = top(&whole, &store, "s", &all, 100);
    assert!(
        broad.total > n / 2 && broad.hits.len() == 100,
        "\"s\" should match most claims, so that the top 100 are a real selection: {}",
        broad.total
    );
    // Every limit on the short list (highlights for all of it); on the
    // full list the top 100 and the full ranking, which covers the order
    // of every hit without computing 5,000 highlights per split.
    let cases: Vec<(&str, &[usize], usize)> = QUERIES
        .iter()
        .flat_map(|&q| {
            [
                (q, &all[..], 0),
                (q, &all[..], 100),
                (q, &some[..], 0),
                (q, &some[..], 100),
                (q, &some[..], n),
            ]
        })
        .collect();
    let expected: Vec<(TopHits, Option<Ranked>)> = cases
        .iter()
        .map(|&(q, cands, limit)| {
            (
                top(&whole, &store, q, cands, limit),
                (limit == 0).then(|| rank(&whole, &store, q, cands)),
            )
        })
        .collect();
    for split in SPLITS {
        let mut index = SearchIndex::new(&store);
        index.set_split(split);
        for (&(q, cands, limit), (hits, ranked)) in cases.iter().zip(&expected) {
            let what = format!(
                "query {q:?}, {} candidates, limit {limit}, {split:?}",
                cands.len()
            );
            assert_eq!(&top(&index, &store, q, cands, limit), hits, "{what}");
            if let Some(ranked) = ranked {
                assert_eq!(&rank(&index, &store, q, cands), ranked, "ranking, {what}");
            }
        }
    }
}

/// A claim's score does not depend on the other candidates, so ranking a
/// subset (scored from the forward index) must agree with ranking all
/// claims (scored from the posting lists) and keeping the subset.
#[test]
fn forward_index_and_posting_lists_agree() {
    let store = store();
    let index = SearchIndex::new(&store);
    let n = store.claims().len();
    let all: Vec<usize> = (0..n).collect();
    let some: Vec<usize> = (0..n).step_by(97).collect();
    for &q in QUERIES {
        let full = rank(&index, &store, q, &all);
        let kept: Ranked = full.into_iter().filter(|(c, _)| c % 97 == 0).collect();
        assert_eq!(rank(&index, &store, q, &some), kept, "query {q:?}");
    }
}

/// The top rows `matching_top` picks out as it goes are the head of the
/// full ranking (of the claims a test admits, when there is one), on
/// every split; the rows it then gathers are every match.
#[test]
fn the_top_picked_out_ahead_is_the_head_of_the_ranking() {
    let store = store();
    let n = store.claims().len();
    let all: Vec<usize> = (0..n).collect();
    let some: Vec<usize> = (0..n).step_by(97).collect();
    let never = AtomicBool::new(false);
    let thirds = |c: usize| c % 3 == 1;
    for split in std::iter::once(WHOLE).chain(SPLITS) {
        let mut index = SearchIndex::new(&store);
        index.set_split(split);
        for &q in QUERIES {
            let prepared = index.prepare(&store, q);
            for cands in [&all[..], &some[..]] {
                let ranked = rank(&index, &store, q, cands);
                for (admit, k) in [(None, 100), (None, 1), (Some(&thirds), 7), (None, n)] {
                    let what = format!("query {q:?}, {} candidates, k {k}, {split:?}", cands.len());
                    let admit = admit.map(|a| a as &stratlens::search::Admit);
                    let m = index
                        .matching_top(&store, &prepared, cands, k, admit, &never)
                        .expect("not cancelled");
                    let listed: Ranked = ranked
                        .iter()
                        .copied()
                        .filter(|&(c, _)| admit.is_none_or(|a| a(c)))
                        .collect();
                    let top: Ranked = m.top.iter().map(|r| (r.claim, r.score)).collect();
                    assert_eq!(top, listed[..k.min(listed.len())], "{what}");
                    assert_eq!(m.admitted, listed.len(), "{what}");
                    let mut rows: Ranked =
                        m.into_rows().iter().map(|r| (r.claim, r.score)).collect();
                    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    assert_eq!(rows, ranked, "rows, {what}");
                }
            }
        }
    }
}
