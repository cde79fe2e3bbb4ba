//! Keystroke latency on a dataset file, outside criterion:
//! `cargo run --release --example keystroke_latency -- DATA.json "security" "serbia neutrality"`
//! prints load and index-build time, then for every prefix of every typed
//! query the best of 15 `search_top` calls (top 100), the mean CPU time per
//! call over all threads (from /proc/self/stat, so it holds on a loaded
//! machine where wall time does not), and the match count.
//! `STRATLENS_THREADS=1` limits each search to one thread (default: every
//! core), to see what a keystroke costs when the other core is busy.
//! The last column is what the explorer waits for: the time until the
//! search worker sends its first answer (the top 100 rows ranked, those on
//! screen highlighted), best of 5.

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use stratlens::app::state::FIRST_ROWS;
use stratlens::app::worker::{self, Cache, ListQuery, ListRequest};
use stratlens::app::{Lens, Tab};
use stratlens::filter::Filter;
use stratlens::model::Store;
use stratlens::search::LazyIndex;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let t = Instant::now();
    let store = stratlens::model::load(&[args[1].clone().into()], &Default::default()).unwrap();
    eprintln!("load {:?}", t.elapsed());
    let t = Instant::now();
    let mut index = stratlens::search::SearchIndex::new(&store);
    eprintln!("index {:?}", t.elapsed());
    if let Some(n) = std::env::var_os("STRATLENS_THREADS") {
        let threads = n.to_str().and_then(|n| n.parse().ok()).unwrap();
        index.set_split(stratlens::search::Split {
            threads,
            ..index.split()
        });
    }
    let lazy = LazyIndex::from(index);
    let index = lazy.get(&store);
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let never = AtomicBool::new(false);
    for typed in args[2..].iter() {
        let chars: Vec<char> = typed.chars().collect();
        for k in 1..=chars.len() {
            let q: String = chars[..k].iter().collect();
            if q.ends_with(' ') {
                continue;
            }
            let cpu0 = cpu_ms();
            let mut best = f64::MAX;
            let mut total = 0;
            for _ in 0..15 {
                let t = Instant::now();
                let r = index.search_top(&store, &q, &all, 100, &never).unwrap();
                best = best.min(t.elapsed().as_secs_f64() * 1e3);
                total = r.total;
            }
            let cpu = (cpu_ms() - cpu0) / 15.0;
            let first = first_answer_ms(&store, &lazy, &q);
            println!(
                "{q:>20} {best:8.2} ms wall  {cpu:6.2} ms cpu  total {total:>8}  explorer first answer {first:6.2} ms"
            );
        }
    }
}

/// Best of 5: time from the worker taking a request until its first reply.
fn first_answer_ms(store: &Store, index: &LazyIndex, query: &str) -> f64 {
    let req = ListRequest {
        generation: 1,
        search: ListQuery {
            query: query.to_string(),
            filter: Filter::default(),
            lens: Lens::All,
            marked: None,
            live: None,
            tab: Tab::Countries,
        },
        first: FIRST_ROWS,
        highlight: 40,
    };
    let never = AtomicBool::new(false);
    let mut cache = Cache::default();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let mut first = None;
        let _ = worker::run(store, index, &req, &never, &mut cache, &mut |_| {
            first.get_or_insert(t.elapsed().as_secs_f64() * 1e3);
            true
        });
        best = best.min(first.unwrap_or(f64::MAX));
    }
    best
}

/// User plus system CPU time of this process so far, in milliseconds.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    ticks * 10.0
}
