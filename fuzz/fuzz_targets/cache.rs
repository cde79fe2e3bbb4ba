#![no_main]
//! Cache reader: arbitrary bytes read as a cache file must be refused or
//! give a store and index that views and searches can use, never a panic.
//! Seed it with a real entry: `cargo run --example cache_seed` writes one
//! for the embedded dataset to fuzz/corpus/cache/.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = stratlens::cache::read_bytes(data);
});
