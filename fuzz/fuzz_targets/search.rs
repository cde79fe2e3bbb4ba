#![no_main]
//! Search query handling over the embedded dataset: any query, no panic,
//! highlight indices inside the text they point into.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stratlens::model::{Store, load_embedded};
use stratlens::search::SearchIndex;

fn fixture() -> &'static (Store, SearchIndex) {
    static F: OnceLock<(Store, SearchIndex)> = OnceLock::new();
    F.get_or_init(|| {
        let store = load_embedded().expect("embedded dataset");
        let index = SearchIndex::new(&store);
        (store, index)
    })
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let (store, index) = fixture();
    let all: Vec<usize> = (0..store.claims().len()).collect();
    for hit in index.search(store, &query, &all) {
        let n = store.claim_at(hit.claim).statement().chars().count();
        assert!(hit.statement_chars.iter().all(|&i| i < n));
    }
});
