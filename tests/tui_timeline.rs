//! The Sources tab, the timeline and compare views, and evidence from other
//! sources in Detail (issue: the NSS archive as primary sources).

use std::collections::BTreeSet;

use stratlens::app::action::{Brief, Go, Jump, Move};
use stratlens::app::state::Link;
use stratlens::app::{Action, Pane, State, Tab};
use stratlens::filter::Facet;
use stratlens::model::Kind;

mod common;
use common::{update, wide};

fn open(target: &str) -> State {
    let mut s = wide();
    let t = stratlens::target::parse(s.store(), target).expect("target");
    update(&mut s, Action::Go(Go::Open(t)));
    s
}

fn listed(s: &State) -> BTreeSet<usize> {
    s.visible().iter().map(|h| h.claim).collect()
}

#[test]
fn the_sources_tab_lists_sources_by_date_and_each_lists_its_claims() {
    let mut s = wide();
    update(&mut s, Action::Go(Go::SelectTab(Tab::Sources)));
    let dates: Vec<Option<String>> = s.entries()[1..]
        .iter()
        .map(|e| match e.facet {
            Some(Facet::Source(i)) => s.store().sources()[i].published.clone(),
            other => panic!("not a source: {other:?}"),
        })
        .collect();
    let known: Vec<&String> = dates.iter().flatten().collect();
    assert!(known.windows(2).all(|w| w[0] <= w[1]), "{known:?}");
    let y1996 = s.store().index_of(Kind::Source, "us-nss-1996").unwrap();
    while s.selected_entry().and_then(|e| e.facet) != Some(Facet::Source(y1996)) {
        update(&mut s, Action::Move(Move::Down));
    }
    let want: BTreeSet<usize> = s
        .store()
        .source_claims(y1996)
        .iter()
        .map(|&c| c as usize)
        .collect();
    assert!(!want.is_empty());
    assert_eq!(listed(&s), want);
    assert_eq!(s.selected_entry().unwrap().count, want.len());
}

#[test]
fn the_timeline_counts_the_listed_claims_per_source_and_leads_to_them() {
    let mut s = open("country:BA");
    update(&mut s, Action::Brief(Brief::ToggleTimeline));
    assert!(s.timeline().is_some());
    let rows = s.timeline_rows();
    assert_eq!(rows.len(), s.store().sources().len());
    assert_eq!(
        rows.iter().map(|r| r.count).sum::<usize>(),
        s.visible().len()
    );
    for r in &rows {
        assert_eq!(r.count, s.listed_in(r.index).len(), "{}", r.source);
    }
    // The cursor to 1996, Enter: the Sources tab on 1996, its claims listed.
    let at = rows.iter().position(|r| r.source == "us-nss-1996").unwrap();
    for _ in 0..at {
        update(&mut s, Action::Move(Move::Down));
    }
    update(&mut s, Action::Go(Go::Drill));
    assert!(s.timeline().is_none());
    assert_eq!(s.tab(), Tab::Sources);
    let y1996 = rows[at].index;
    assert_eq!(
        s.selected_entry().unwrap().facet,
        Some(Facet::Source(y1996))
    );
    assert!(
        s.visible()
            .iter()
            .all(|h| s.store().claim_source(h.claim) == y1996)
    );
}

#[test]
fn c_twice_compares_two_sources_and_esc_goes_back() {
    let mut s = open("country:BA");
    update(&mut s, Action::Brief(Brief::ToggleTimeline));
    let rows = s.timeline_rows();
    let pos = |id: &str| rows.iter().position(|r| r.source == id).unwrap();
    let (a, b) = (pos("us-nss-1996"), pos("us-nss-1999"));
    for _ in 0..a {
        update(&mut s, Action::Move(Move::Down));
    }
    update(&mut s, Action::Brief(Brief::Compare));
    assert!(s.message().unwrap_or("").contains("us-nss-1996"));
    for _ in a..b {
        update(&mut s, Action::Move(Move::Down));
    }
    update(&mut s, Action::Brief(Brief::Compare));
    let view = s.timeline().unwrap();
    assert_eq!(view.compared(), Some((rows[a].index, rows[b].index)));
    let left = s.listed_in(rows[a].index);
    assert_eq!(left.len(), rows[a].count);
    assert!(
        left.iter()
            .all(|&c| s.store().claim_at(c).id().starts_with("nss1996"))
    );
    update(&mut s, Action::Go(Go::Back));
    assert!(
        s.timeline().unwrap().compared().is_none(),
        "Esc goes back to the timeline"
    );
    update(&mut s, Action::Brief(Brief::ToggleTimeline));
    assert!(s.timeline().is_none());
}

#[test]
fn detail_shows_evidence_from_other_sources_and_follows_it() {
    let mut s = open("claim:c28");
    let c28 = s.claim().unwrap();
    let evidence: Vec<Link> = s
        .links()
        .into_iter()
        .filter(|l| matches!(l, Link::Evidence { .. }))
        .collect();
    assert_eq!(evidence.len(), s.store().evidence(c28).len());
    assert!(evidence.len() > 10);
    // Tab to the first piece of evidence, Enter: its claim, in its source.
    let first = s
        .links()
        .iter()
        .position(|l| matches!(l, Link::Evidence { .. }))
        .unwrap();
    for _ in 0..=first {
        update(&mut s, Action::Jump(Jump::NextLink));
    }
    assert_eq!(s.link(), Some(first));
    update(&mut s, Action::Go(Go::Drill));
    let Link::Evidence { claim, .. } = evidence[0] else {
        unreachable!()
    };
    assert_eq!(s.claim(), Some(claim));
    assert_eq!(s.focus(), Pane::Detail);
    assert_ne!(s.store().claim_source(claim), s.store().claim_source(c28));
}
