//! The search worker and the explorer's side of it: stale results are
//! dropped, a newer search cancels the older, the list stays usable while
//! a search runs, and what arrives is what the synchronous search gives.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::channel;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stratlens::app::action::{Go, Move, SearchEdit};
use stratlens::app::geometry;
use stratlens::app::worker::{
    self, Cache, HighlightRequest, Job, ListQuery, ListRequest, Listing, Reply, Worker, settle,
};
use stratlens::app::{Action, Effect, Lens, Pane, State, Tab};
use stratlens::filter::{Facet, Filter};
use stratlens::model::{Kind, Store, load_embedded};
use stratlens::search::{LazyIndex, Ranked, SearchIndex};
use stratlens::ui;

mod common;
use common::{update, wide};

/// `update` without carrying out the search it asks for.
fn send(s: &mut State, a: Action) {
    stratlens::app::update(s, a);
}

/// Removes the search requests `update` recorded, newest last.
fn take_searches(s: &mut State) -> Vec<ListRequest> {
    let mut out = Vec::new();
    s.effects_mut().retain(|e| match e {
        Effect::List(r) => {
            out.push(r.clone());
            false
        }
        _ => true,
    });
    out
}

/// What the worker would send for `req`, computed here.
fn replies(store: &Store, index: &LazyIndex, req: &ListRequest) -> Vec<Reply> {
    let never = AtomicBool::new(false);
    let mut out = Vec::new();
    let done = worker::run(store, index, req, &never, &mut Cache::default(), &mut |r| {
        out.push(r);
        true
    });
    assert!(done.is_some(), "not cancelled");
    out
}

fn feed(s: &mut State, req: &ListRequest) {
    let (store, index) = (Arc::clone(s.store()), Arc::clone(s.index()));
    for r in replies(&store, &index, req) {
        send(s, r.into_action());
    }
}

fn claims(rows: &[Ranked]) -> Vec<usize> {
    rows.iter().map(|r| r.claim).collect()
}

/// The ranked list of `query` over every claim, as the synchronous search gives it.
fn ranked(s: &State, query: &str) -> Vec<Ranked> {
    let all: Vec<usize> = (0..s.store().claims().len()).collect();
    s.index()
        .get(s.store())
        .search(s.store(), query, &all)
        .into_iter()
        .map(|h| Ranked {
            claim: h.claim,
            score: h.score,
        })
        .collect()
}

fn screen(s: &State) -> String {
    let mut term = Terminal::new(TestBackend::new(s.width(), s.height())).expect("terminal");
    term.draw(|f| ui::draw(s, f)).expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn search_all(query: &str) -> ListQuery {
    ListQuery {
        query: query.into(),
        filter: Filter::default(),
        lens: Lens::All,
        marked: None,
        live: None,
        tab: Tab::Countries,
    }
}

fn request(generation: u64, query: &str, first: usize) -> ListRequest {
    ListRequest {
        generation,
        search: search_all(query),
        first,
        highlight: first,
    }
}

/// `search` answered in one go (first rows past the end), without highlights.
fn whole_list(search: ListQuery) -> ListRequest {
    ListRequest {
        generation: 1,
        search,
        first: 1000,
        highlight: 0,
    }
}

fn found(r: &Reply) -> &Listing {
    match r {
        Reply::Listing(f) => f,
        Reply::Highlighted(_) => panic!("expected search results, got {r:?}"),
    }
}

#[test]
fn typing_hands_searches_to_the_worker_and_stale_results_are_ignored() {
    let mut s = wide();
    let before = claims(s.visible());
    send(&mut s, Action::Search(SearchEdit::Open));
    send(&mut s, Action::Search(SearchEdit::Input('k')));
    let older = take_searches(&mut s);
    send(&mut s, Action::Search(SearchEdit::Input('o')));
    let newer = take_searches(&mut s);
    assert_eq!(
        (older.len(), newer.len()),
        (1, 1),
        "one search per keystroke"
    );
    let (older, newer) = (&older[0], &newer[0]);
    assert!(newer.generation > older.generation);
    assert_eq!(newer.search.query, "ko");
    assert!(s.searching());
    assert_eq!(
        claims(s.visible()),
        before,
        "the old list stays until results arrive"
    );

    // The answer to "k" arrives late: dropped.
    feed(&mut s, older);
    assert!(s.searching(), "still waiting for \"ko\"");
    assert_eq!(claims(s.visible()), before);

    feed(&mut s, newer);
    assert!(!s.searching());
    assert_eq!(s.visible(), ranked(&s, "ko"));
    assert_eq!(s.listed(), s.visible().len());
    assert!(s.listed() < s.store().claims().len());

    // Late again, after the newer results: still dropped.
    feed(&mut s, older);
    assert_eq!(s.visible(), ranked(&s, "ko"));
}

#[test]
fn the_list_stays_navigable_while_a_search_runs() {
    let mut s = wide();
    let old = claims(s.visible());
    send(&mut s, Action::Search(SearchEdit::Open));
    assert_eq!(s.focus(), Pane::Claims);
    send(&mut s, Action::Search(SearchEdit::Input('z')));
    assert!(s.searching());
    // The index is built on first use: until then the status says so.
    assert!(!s.index().is_ready());
    let text = screen(&s);
    assert!(text.contains("indexing…"), "status line:\n{text}");
    s.index().get(s.store());
    let text = screen(&s);
    assert!(text.contains("searching…"), "status line:\n{text}");
    let total = s.store().claims().len();
    assert!(text.contains(&format!(" {} of {total} claims", old.len())));
    // Arrows move on the list shown, and Detail follows.
    send(&mut s, Action::Move(Move::Down));
    send(&mut s, Action::Move(Move::Down));
    assert_eq!(s.claim_sel(), 2);
    assert_eq!(s.claim(), Some(old[2]));
    assert!(s.searching());
    settle(&mut s);
    assert!(!s.searching());
    assert!(!screen(&s).contains("searching…"));
    assert_eq!(s.visible(), ranked(&s, "z"));
    assert_eq!(
        s.claim_sel(),
        0,
        "a new query puts the cursor on the best match"
    );
}

#[test]
fn the_worker_answers_with_the_top_rows_first_then_the_whole_ranking() {
    let store = load_embedded().expect("embedded");
    let index = SearchIndex::new(&store);
    let lazy = LazyIndex::new();
    for query in ["s", "", "kosovo", "nato montenegro", "kosovoserbia"] {
        let all: Vec<usize> = (0..store.claims().len()).collect();
        let full: Vec<Ranked> = index
            .search(&store, query, &all)
            .into_iter()
            .map(|h| Ranked {
                claim: h.claim,
                score: h.score,
            })
            .collect();
        let got = replies(&store, &lazy, &request(1, query, 3));
        let last = found(got.last().expect("a reply"));
        assert!(last.complete);
        assert_eq!(last.rows, full, "{query:?}: ranked exactly as search()");
        assert_eq!(last.listed, full.len());
        if full.len() > 3 {
            assert_eq!(got.len(), 2, "{query:?}: the top rows come first");
            let early = found(&got[0]);
            assert!(!early.complete && early.counts.is_none());
            assert_eq!(early.rows, full[..3], "{query:?}");
            assert_eq!(early.listed, full.len());
            let want = index.search_top(&store, query, &all, 3, &AtomicBool::new(false));
            assert_eq!(Some(early.hits.clone()), want.map(|t| t.hits), "{query:?}");
        } else {
            assert_eq!(got.len(), 1, "{query:?}");
        }
    }
}

/// The early answer, however the worker finds it (picked out during the
/// search, or selected from the gathered list), is the head of the
/// complete answer: same rows, same order, same count, and the
/// highlights a request for those rows gets.
/// Searches of every shape the worker answers differently: the plain
/// list, the facet under the cursor of each kind, another kind's chip,
/// the tab's own kind's chip (the search widens past it), regions, a lens.
fn searches(s: &State) -> Vec<ListQuery> {
    let store = s.store();
    let country = |id| Facet::Country(store.index_of(Kind::Country, id).expect(id));
    let (xk, rs) = (country("XK"), country("RS"));
    let mut searches = Vec::new();
    for query in [
        "s",
        "se",
        "kosovo",
        "nato montenegro",
        "kosovoserbia",
        "c1",
        "",
    ] {
        let plain = search_all(query);
        let live = |f| ListQuery {
            live: Some(f),
            ..plain.clone()
        };
        let pinned = |tab, live, with_regions| {
            let mut filter = Filter::default();
            filter.include.push(rs);
            filter.with_regions = with_regions;
            ListQuery {
                filter,
                live,
                tab,
                ..plain.clone()
            }
        };
        searches.extend([
            plain.clone(),
            live(xk),
            live(Facet::Layer(stratlens::model::Layer::Author)),
            live(Facet::Theme(0)),
            live(Facet::Actor(0)),
            // Another kind's chip narrows the candidates.
            pinned(Tab::Themes, None, false),
            pinned(Tab::Themes, Some(Facet::Theme(0)), false),
            // The tab's own kind: the search widens past the chip.
            pinned(Tab::Countries, None, false),
            pinned(Tab::Countries, Some(xk), false),
            // Regional claims go last.
            pinned(Tab::Countries, None, true),
            pinned(Tab::Themes, None, true),
            pinned(Tab::Themes, Some(xk), true),
            ListQuery {
                lens: Lens::Primary,
                ..live(xk)
            },
        ]);
    }
    searches
}

/// The early answer, however the worker finds it (picked out during the
/// search, or selected from the gathered list), is the head of the
/// complete answer: same rows, same order, same count, and the
/// highlights a request for those rows gets.
#[test]
fn the_early_answer_is_the_head_of_the_complete_one() {
    let s = wide();
    let store = s.store();
    for search in searches(&s) {
        let req = ListRequest {
            generation: 1,
            search: search.clone(),
            first: 3,
            highlight: 2,
        };
        let got = replies(store, s.index(), &req);
        let last = found(got.last().expect("a reply"));
        assert!(last.complete, "{search:?}");
        if last.rows.len() <= 3 {
            assert_eq!(got.len(), 1, "{search:?}");
            continue;
        }
        assert_eq!(got.len(), 2, "{search:?}");
        let early = found(&got[0]);
        assert!(!early.complete, "{search:?}");
        assert_eq!(early.rows, last.rows[..3], "{search:?}");
        assert_eq!(early.listed, last.listed, "{search:?}");
        let asked = HighlightRequest {
            query: search.query.clone(),
            rows: last.rows[..2].to_vec(),
        };
        let want = worker::highlight(store, s.index(), &asked).hits;
        assert_eq!(early.hits, want, "{search:?}");
    }
}

/// The worker keeps the candidates and the claims of the facet under the
/// cursor between searches: whatever ran before, a search gets the
/// replies a fresh worker gives it.
#[test]
fn what_the_worker_keeps_between_searches_never_shows() {
    let s = wide();
    let (store, index) = (s.store(), s.index());
    let never = AtomicBool::new(false);
    let mut cache = Cache::default();
    let all = searches(&s);
    // Each search after every other shape, and again after itself.
    let order = all
        .iter()
        .chain(all.iter().rev())
        .chain(all.iter().step_by(3));
    for search in order {
        let req = ListRequest {
            generation: 1,
            search: search.clone(),
            first: 3,
            highlight: 2,
        };
        let mut kept = Vec::new();
        let done = worker::run(store, index, &req, &never, &mut cache, &mut |r| {
            kept.push(r);
            true
        });
        assert!(done.is_some());
        assert_eq!(kept, replies(store, index, &req), "{search:?}");
    }
}

#[test]
fn facet_counts_match_counting_every_facet_on_every_match() {
    let mut s = wide();
    for query in ["", "s", "kosovo"] {
        for tab in Tab::ALL {
            update(&mut s, Action::Go(Go::SelectTab(tab)));
            let mut search = search_all(query);
            search.tab = tab;
            let got = replies(s.store(), s.index(), &whole_list(search));
            let counts = found(&got[0]).counts.clone().expect("counts");
            let hits = ranked(&s, query);
            let mut want = vec![hits.len()];
            for f in tab.facets(s.store()) {
                want.push(
                    hits.iter()
                        .filter(|h| f.matches(s.store(), h.claim))
                        .count(),
                );
            }
            assert_eq!(counts, want, "{query:?} on {tab:?}");
        }
    }
}

#[test]
fn the_facet_under_the_cursor_narrows_the_list_not_the_counts() {
    let s = wide();
    let xk = s
        .store()
        .index_of(stratlens::model::Kind::Country, "XK")
        .expect("XK");
    for live in [
        Facet::Country(xk),
        Facet::Layer(stratlens::model::Layer::Author),
    ] {
        let mut search = search_all("s");
        search.live = Some(live);
        let got = replies(s.store(), s.index(), &whole_list(search));
        let f = found(&got[0]);
        let want: Vec<Ranked> = ranked(&s, "s")
            .into_iter()
            .filter(|r| live.matches(s.store(), r.claim))
            .collect();
        assert_eq!(f.rows, want, "{live:?}");
        assert_eq!(f.counts.as_ref().map(|c| c[0]), Some(ranked(&s, "s").len()));
    }
}

#[test]
fn a_search_cancelled_midway_sends_nothing_more() {
    let store = load_embedded().expect("embedded");
    let index = LazyIndex::new();
    let cancel = AtomicBool::new(false);
    let mut got = Vec::new();
    let done = worker::run(
        &store,
        &index,
        &request(1, "s", 3),
        &cancel,
        &mut Cache::default(),
        &mut |r| {
            got.push(r);
            // A newer search arrives right after the top rows were sent.
            cancel.store(true, Ordering::Relaxed);
            true
        },
    );
    assert_eq!(done, None);
    assert_eq!(got.len(), 1, "the whole list is not sent once cancelled");
    assert!(!found(&got[0]).complete);

    let cancelled = AtomicBool::new(true);
    let mut any = false;
    let done = worker::run(
        &store,
        &index,
        &request(2, "kosovo", 3),
        &cancelled,
        &mut Cache::default(),
        &mut |_| {
            any = true;
            true
        },
    );
    assert_eq!(done, None);
    assert!(!any, "a search cancelled before it started sends nothing");
}

#[test]
fn only_the_newest_queued_search_and_highlight_request_run() {
    let store = load_embedded().expect("embedded");
    let index = LazyIndex::new();
    let (tx, rx) = channel();
    let flag = || Arc::new(AtomicBool::new(false));
    let rows = |claims: &[usize]| -> Vec<Ranked> {
        claims
            .iter()
            .map(|&claim| Ranked { claim, score: 0 })
            .collect()
    };
    // Queued while the worker was busy: only the last of each kind counts.
    tx.send(Job::List(request(1, "k", 1000), flag())).unwrap();
    tx.send(Job::Highlight(HighlightRequest {
        query: "k".into(),
        rows: rows(&[0, 1]),
    }))
    .unwrap();
    tx.send(Job::List(request(2, "ko", 1000), flag())).unwrap();
    tx.send(Job::List(request(3, "kos", 1000), flag())).unwrap();
    tx.send(Job::Highlight(HighlightRequest {
        query: "kos".into(),
        rows: rows(&[2]),
    }))
    .unwrap();
    // Closed: serve returns once it has done what it took.
    drop(tx);
    let mut got = Vec::new();
    worker::serve(&rx, &store, &index, |r| {
        got.push(r);
        true
    });
    assert_eq!(got.len(), 2, "{got:?}");
    let f = found(&got[0]);
    assert_eq!((f.generation, f.complete), (3, true));
    match &got[1] {
        Reply::Highlighted(h) => {
            assert_eq!(h.query, "kos");
            let marked: Vec<usize> = h.hits.iter().map(|h| h.claim).collect();
            assert_eq!(marked, vec![2]);
        }
        r => panic!("expected highlights, got {r:?}"),
    }
}

#[test]
fn a_newer_search_sets_the_older_ones_cancel_flag() {
    let s = wide();
    let (tx, rx) = channel();
    let mut w = Worker::spawn(Arc::clone(s.store()), Arc::clone(s.index()), move |r| {
        tx.send(r).is_ok()
    })
    .expect("worker");
    let a = w.search(request(1, "kosovo", 1000)).expect("queued");
    let b = w.search(request(2, "nato", 1000)).expect("queued");
    assert!(a.load(Ordering::Relaxed), "the older search is cancelled");
    assert!(!b.load(Ordering::Relaxed));
    // Whatever "kosovo" managed to send comes first; "nato" completes.
    loop {
        let r = rx.recv_timeout(Duration::from_secs(20)).expect("a reply");
        let f = found(&r);
        if f.generation == 2 && f.complete {
            assert_eq!(f.rows, ranked(&s, "nato"));
            break;
        }
        assert_eq!(f.generation, 1, "{f:?}");
    }
    drop(w);
    assert!(
        b.load(Ordering::Relaxed),
        "dropping the worker cancels its search"
    );
}

#[test]
fn highlights_are_computed_for_the_rows_on_screen_only() {
    let mut s = wide();
    for c in "s".chars() {
        update(&mut s, Action::Search(SearchEdit::Open));
        update(&mut s, Action::Search(SearchEdit::Input(c)));
    }
    let window = geometry::claim_window(&s);
    assert!(
        window.len() < s.visible().len(),
        "the test needs a list longer than the screen"
    );
    assert!(s.highlights().hits.len() <= window.len());
    let all: Vec<usize> = (0..s.store().claims().len()).collect();
    let want = s.index().get(s.store()).search(s.store(), "s", &all);
    for (i, r) in s.visible()[window.clone()].iter().enumerate() {
        assert_eq!(s.highlights().get(r.claim), Some(&want[window.start + i]));
    }
    // Moving to the end asks for the rows now shown, and only those.
    send(&mut s, Action::Move(Move::Bottom));
    let asked: Vec<&HighlightRequest> = s
        .effects()
        .iter()
        .filter_map(|e| match e {
            Effect::Highlight(h) => Some(h),
            _ => None,
        })
        .collect();
    let shown = geometry::claim_window(&s);
    assert_eq!(asked.len(), 1);
    let shown_claims = claims(&s.visible()[shown.clone()]);
    assert!(
        asked[0]
            .rows
            .iter()
            .all(|r| shown_claims.contains(&r.claim))
    );
    settle(&mut s);
    for r in &s.visible()[shown] {
        assert!(s.highlights().get(r.claim).is_some());
    }
}

#[test]
fn keeping_the_query_typed_starts_no_new_search() {
    let mut s = wide();
    update(&mut s, Action::Search(SearchEdit::Open));
    for c in "nato".chars() {
        update(&mut s, Action::Search(SearchEdit::Input(c)));
    }
    send(&mut s, Action::Search(SearchEdit::Accept));
    assert!(take_searches(&mut s).is_empty());
    assert!(!s.searching());
    let n = s.listed();
    assert!(n > 0 && n < s.store().claims().len());
    assert_eq!(
        s.message(),
        Some(format!("{n} claims match /nato").as_str())
    );
}

#[test]
fn a_search_replacing_a_pending_one_keeps_its_cursor_wish() {
    let mut s = wide();
    apply_all(&mut s, &[Action::Go(Go::Drill), Action::Move(Move::Bottom)]);
    let last = s.visible().len() - 1;
    assert_eq!(s.claim_sel(), last);
    // A new query (a blank one lists every claim) puts the cursor on the
    // best match; before its results arrive, the tab changes, which alone
    // would keep the cursor on its claim.
    send(&mut s, Action::Search(SearchEdit::Open));
    send(&mut s, Action::Search(SearchEdit::Input(' ')));
    assert!(s.searching());
    send(&mut s, Action::Go(Go::SelectTab(Tab::Themes)));
    assert_eq!(take_searches(&mut s).len(), 2);
    let mut alone = wide();
    apply_all(
        &mut alone,
        &[Action::Go(Go::Drill), Action::Move(Move::Bottom)],
    );
    update(&mut alone, Action::Go(Go::SelectTab(Tab::Themes)));
    assert_eq!(
        alone.claim_sel(),
        last,
        "a tab change alone keeps the cursor"
    );
    // Carry out only the newest request, as the worker would.
    send(&mut s, Action::Go(Go::SelectTab(Tab::Countries)));
    let reqs = take_searches(&mut s);
    feed(&mut s, reqs.last().expect("a search"));
    assert!(!s.searching());
    assert_eq!(s.claim_sel(), 0);
}

fn apply_all(s: &mut State, actions: &[Action]) {
    for a in actions {
        update(s, a.clone());
    }
}
