//! Load, index build and keystroke latency on generated datasets.
//!
//! `cargo bench --bench search` runs at 100k claims (a few minutes on two
//! cores). `STRATLENS_BENCH_1M=1 cargo bench --bench search` adds the 1M
//! claim keystroke runs. The dataset is generated in memory by the same code
//! as `examples/gen_dataset.rs`.

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use stratlens::model::{self, Input, Store};
use stratlens::search::SearchIndex;

#[allow(dead_code)]
#[path = "../examples/gen_dataset.rs"]
mod gen_dataset;

/// What an analyst types, one character at a time; the short prefixes
/// match nearly every claim and are the worst keystrokes.
const TYPED: &[&str] = &["security", "serbia neutrality"];
const TOP: usize = 100;

fn dataset(n: usize) -> String {
    let mut out = Vec::new();
    gen_dataset::write_dataset(&mut out, n, 42).expect("generate");
    String::from_utf8(out).expect("utf-8")
}

fn prefixes(typed: &str) -> Vec<String> {
    let chars: Vec<char> = typed.chars().collect();
    (1..=chars.len())
        .map(|k| chars[..k].iter().collect::<String>())
        .filter(|p| !p.ends_with(' '))
        .collect()
}

fn keystrokes(c: &mut Criterion, label: &str, store: &Store, index: &SearchIndex) {
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let never = AtomicBool::new(false);
    let mut g = c.benchmark_group(format!("keystroke_{label}"));
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for typed in TYPED {
        for p in prefixes(typed) {
            g.bench_with_input(BenchmarkId::new(*typed, &p), &p, |b, p| {
                b.iter(|| black_box(index.search_top(store, p, &all, TOP, &never)))
            });
        }
    }
    g.finish();
}

fn bench_100k(c: &mut Criterion) {
    let text = dataset(100_000);
    let input = || Input::new("gen-100k.json", text.clone());
    let mut g = c.benchmark_group("load_100k");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("parse_validate_index_store", |b| {
        b.iter(|| black_box(model::load_inputs(vec![input()]).expect("valid")))
    });
    let store = model::load_inputs(vec![input()]).expect("valid");
    g.bench_function("search_index_build", |b| {
        b.iter(|| black_box(SearchIndex::new(&store)))
    });
    g.finish();
    let index = SearchIndex::new(&store);
    keystrokes(c, "100k", &store, &index);
}

fn bench_1m(c: &mut Criterion) {
    if std::env::var_os("STRATLENS_BENCH_1M").is_none() {
        return;
    }
    let store =
        model::load_inputs(vec![Input::new("gen-1m.json", dataset(1_000_000))]).expect("valid");
    let index = SearchIndex::new(&store);
    keystrokes(c, "1m", &store, &index);
}

criterion_group!(benches, bench_100k, bench_1m);
criterion_main!(benches);
