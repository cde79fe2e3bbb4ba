//! The search worker's answers at a keystroke, on a dataset opened through
//! the cache as the explorer opens it the second time (the first run
//! writes the entry: point `XDG_CACHE_HOME` at a scratch directory):
//! `cargo run --release --example worker_latency -- DATA.json RUNS QUERY...`
//! prints per query the best and median of RUNS interleaved runs of
//! `search_top` (top 100), the time until `app::worker::run` sends its
//! first answer (the top rows, those on screen highlighted) and until its
//! complete one (every row ranked, the facet counts), in milliseconds.
//! Where `keystroke_latency` times the first answer only, this also times
//! the complete answer, which the next keystroke can wait for (sorting
//! a million rows does not look at the cancel flag).

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use stratlens::app::state::FIRST_ROWS;
use stratlens::app::worker::{self, Cache, ListQuery, ListRequest};
use stratlens::app::{Lens, Tab};
use stratlens::filter::Filter;
use stratlens::search::LazyIndex;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let t = Instant::now();
    let store =
        stratlens::cache::load(&[args[1].clone().into()], &Default::default(), None, true).unwrap();
    let index = LazyIndex::new();
    index.get(&store);
    stratlens::cache::save_pending(&store);
    eprintln!("open {:?}", t.elapsed());
    let runs: usize = args[2].parse().unwrap();
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let never = AtomicBool::new(false);
    let mut cache = Cache::default();
    for q in &args[3..] {
        let req = ListRequest {
            generation: 1,
            search: ListQuery {
                query: q.clone(),
                filter: Filter::default(),
                lens: Lens::All,
                marked: None,
                live: None,
                tab: Tab::Countries,
            },
            first: FIRST_ROWS,
            highlight: 40,
        };
        let (mut tops, mut firsts, mut fulls) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let t = Instant::now();
            std::hint::black_box(index.get(&store).search_top(&store, q, &all, 100, &never));
            tops.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let mut first = None;
            let _ = worker::run(&store, &index, &req, &never, &mut cache, &mut |_| {
                first.get_or_insert(t.elapsed().as_secs_f64() * 1e3);
                true
            });
            firsts.push(first.unwrap());
            fulls.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let f = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            format!("{:6.2} / {:6.2}", v[0], v[v.len() / 2])
        };
        println!(
            "{q:>12}  search_top {}  first {}  complete {}",
            f(tops),
            f(firsts),
            f(fulls)
        );
    }
}
