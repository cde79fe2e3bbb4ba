//! Rendering: the first frame on the embedded dataset and full-frame
//! redraws (issue 5: first frame <= 20 ms; criterion benches for load,
//! index build, worst keystroke and full-frame render).
//!
//! `cargo bench --bench render` runs:
//!
//! - `first_frame/{120x40,80x24}`: what the binary does before its first
//!   frame, in process: load and validate the embedded dataset, build the
//!   search index and the explorer state (`tui::initial_state`), apply the
//!   terminal size, and draw once; `first_frame/parts/*` times each step.
//! - `redraw_120x40/*`: redrawing an existing state, on the embedded
//!   dataset and a generated 100k-claim one: `draw` renders every widget
//!   and diffs against the previous frame (unchanged, so nothing is
//!   written); `full_repaint` draws on a fresh terminal, so the whole frame
//!   is encoded as escape sequences (into a sink); `claims_down` is a cursor
//!   move in Claims (the update, which wraps the new claim's source text)
//!   and its redraw; `detail_jk` is a line scrolled in Detail (j/k) and its
//!   redraw, `detail_jk_update` the update alone.
//!
//! The 100k dataset is generated in memory by the code of
//! `examples/gen_dataset.rs` (seed 42), or read from
//! `STRATLENS_BENCH_100K=/path.json` to save the generation.
//! `examples/first_frame.rs` times the real binary in a pseudo-terminal.

use std::hint::black_box;
use std::io::{Sink, sink};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use stratlens::app::action::{Go, Move};
use stratlens::app::{Action, Pane, State, update};
use stratlens::model::{self, Input, LoadOptions, Store};
use stratlens::search::SearchIndex;
use stratlens::term::event_loop as tui;
use stratlens::ui;

#[allow(dead_code)]
#[path = "../examples/gen_dataset.rs"]
mod gen_dataset;

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

/// The explorer as the binary opens it, sized to the terminal.
fn opened(store: Store, width: u16, height: u16) -> State {
    let mut s = tui::initial_state(store, &tui::Options::default());
    update(&mut s, Action::Resize { width, height });
    s
}

fn first_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("first_frame");
    g.sample_size(30).measurement_time(Duration::from_secs(5));
    for (w, h) in SIZES {
        g.bench_function(format!("{w}x{h}"), |b| {
            b.iter(|| {
                let store = model::load_embedded().expect("embedded dataset");
                let s = opened(store, w, h);
                let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
                term.draw(|f| ui::draw(&s, f)).expect("draw");
                black_box(term);
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("first_frame/parts");
    g.sample_size(30).measurement_time(Duration::from_secs(3));
    g.bench_function("load_embedded", |b| {
        b.iter(|| black_box(model::load_embedded().expect("embedded dataset")))
    });
    let store = model::load_embedded().expect("embedded dataset");
    g.bench_function("search_index_build", |b| {
        b.iter(|| black_box(SearchIndex::new(&store)))
    });
    // initial_state takes the store: each iteration gets a copy, loaded
    // outside the timing.
    g.bench_function("initial_state", |b| {
        b.iter_batched(
            || model::load_embedded().expect("embedded dataset"),
            |store| black_box(opened(store, 120, 40)),
            criterion::BatchSize::SmallInput,
        )
    });
    let s = opened(store, 120, 40);
    g.bench_function("draw_120x40", |b| {
        b.iter(|| {
            let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            term.draw(|f| ui::draw(&s, f)).expect("draw");
            black_box(term);
        })
    });
    g.finish();
}

/// The 100k-claim dataset: the file named by STRATLENS_BENCH_100K, or
/// generated.
fn store_100k() -> Store {
    if let Some(path) = std::env::var_os("STRATLENS_BENCH_100K") {
        return model::load(&[path.into()], &LoadOptions::default()).expect("valid dataset");
    }
    let mut out = Vec::new();
    gen_dataset::write_dataset(&mut out, 100_000, 42).expect("generate");
    let input = Input::new("gen-100000.json", String::from_utf8(out).expect("utf-8"));
    model::load_inputs(vec![input]).expect("generated data is valid")
}

fn redraws(c: &mut Criterion, label: &str, store: Store) {
    let (w, h) = (120, 40);
    let mut s = opened(store, w, h);
    // Focus in Claims, as while browsing, with a claim in Detail.
    update(&mut s, Action::Go(Go::Drill));
    assert_eq!(s.focus(), Pane::Claims);
    let mut g = c.benchmark_group("redraw_120x40");
    g.sample_size(50).measurement_time(Duration::from_secs(3));
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    g.bench_function(format!("{label}/draw"), |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(&s, f)).expect("draw");
        })
    });
    // A new terminal each time: its first draw writes every cell, as the
    // binary's first frame does (Terminal::clear would ask the sink for a
    // terminal size it does not have).
    let sunk = || -> Terminal<CrosstermBackend<Sink>> {
        Terminal::with_options(CrosstermBackend::new(sink()), fixed(w, h)).expect("terminal")
    };
    g.bench_function(format!("{label}/full_repaint"), |b| {
        b.iter(|| {
            let mut out = sunk();
            out.draw(|f| ui::draw(&s, f)).expect("draw");
            black_box(out);
        })
    });
    let mut out = sunk();
    let mut down = true;
    g.bench_function(format!("{label}/claims_down"), |b| {
        b.iter(|| {
            step(&mut s, &mut down);
            out.draw(|f| ui::draw(&s, f)).expect("draw");
        })
    });
    // j/k in Detail: the source text scrolls by a line (the update needs
    // the wrapped source's line count and height), alone and with its
    // redraw.
    update(&mut s, Action::Go(Go::Drill));
    assert_eq!(s.focus(), Pane::Detail);
    g.bench_function(format!("{label}/detail_jk_update"), |b| {
        b.iter(|| {
            step(&mut s, &mut down);
        })
    });
    g.bench_function(format!("{label}/detail_jk"), |b| {
        b.iter(|| {
            step(&mut s, &mut down);
            out.draw(|f| ui::draw(&s, f)).expect("draw");
        })
    });
    g.finish();
}

/// Down and Up alternately, so that the state does not drift to the end.
fn step(s: &mut State, down: &mut bool) {
    let m = if *down { Move::Down } else { Move::Up };
    update(s, Action::Move(m));
    *down = !*down;
}

/// A fixed 120x40 viewport: the sink has no terminal size to ask.
fn fixed(w: u16, h: u16) -> ratatui::TerminalOptions {
    ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
    }
}

fn redraw(c: &mut Criterion) {
    redraws(
        c,
        "embedded",
        model::load_embedded().expect("embedded dataset"),
    );
    redraws(c, "100k", store_100k());
}

criterion_group!(benches, first_frame, redraw);
criterion_main!(benches);
