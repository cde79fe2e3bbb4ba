#![no_main]
//! Cache reader: arbitrary bytes read as a cache file must be refused or
//! give a store and index that views and searches can use, never a panic;
//! and so must the same bytes with their checksums made to match (as a
//! crafted file would), which reaches the checks behind the checksums.
//! Seed it with a real entry: `cargo run --release --example cache_seed`
//! writes one for the embedded dataset to fuzz/corpus/cache/.

use libfuzzer_sys::fuzz_target;
use stratlens::cache;

fuzz_target!(|data: &[u8]| {
    let _ = cache::read_bytes(data);
    let mut sealed = data.to_vec();
    if cache::format::reseal(&mut sealed) {
        let _ = cache::read_bytes(&sealed);
    }
});
