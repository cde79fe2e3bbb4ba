//! `update` for every binding, without a terminal.

use std::collections::BTreeSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stratlens::app::action::{Go, Jump, Mouse, Move, Pin, SearchEdit};
use stratlens::app::geometry;
use stratlens::app::state::{Anchor, Link};
use stratlens::app::{Action, Pane, State, Tab, keymap};
use stratlens::filter::Facet;
use stratlens::model::{Kind, Layer, load_embedded};

mod common;
use common::{apply, state_at, update, wide};

fn visible(s: &State) -> BTreeSet<usize> {
    s.visible().iter().map(|h| h.claim).collect()
}

fn country(s: &State, id: &str) -> usize {
    s.store().index_of(Kind::Country, id).expect("country")
}

/// Moves the facet cursor down to the entry for `f` on the current tab.
fn select(s: &mut State, f: Facet) {
    update(s, Action::Move(Move::Top));
    while s.selected_entry().and_then(|e| e.facet) != Some(f) {
        let before = s.entry_sel();
        update(s, Action::Move(Move::Down));
        assert_ne!(
            before,
            s.entry_sel(),
            "entry {f:?} not on tab {:?}",
            s.tab()
        );
    }
}

fn select_kosovo(s: &mut State) -> usize {
    let xk = country(s, "XK");
    update(s, Action::Go(Go::SelectTab(Tab::Countries)));
    select(s, Facet::Country(xk));
    xk
}

fn type_query(s: &mut State, q: &str) {
    update(s, Action::Search(SearchEdit::Open));
    update(s, Action::Search(SearchEdit::Clear));
    for c in q.chars() {
        update(s, Action::Search(SearchEdit::Input(c)));
    }
}

#[test]
fn starts_on_facets_with_every_claim() {
    let s = wide();
    assert_eq!(s.focus(), Pane::Facets);
    assert_eq!(s.tab(), Tab::Countries);
    assert_eq!(s.visible().len(), s.store().claims().len());
    assert_eq!(s.entries()[0].label, "All");
    assert_eq!(s.entries()[0].count, s.store().claims().len());
    // All, the countries, then the regions.
    assert_eq!(
        s.entries().len(),
        s.store().countries().len() + s.store().regions().len() + 1
    );
    assert_eq!(
        s.entries().last().and_then(|e| e.facet),
        Some(Facet::Region(s.store().regions().len() - 1))
    );
    assert_eq!(s.claim(), Some(s.visible()[0].claim));
}

#[test]
fn selecting_kosovo_lists_exactly_its_claims() {
    let mut s = wide();
    let xk = select_kosovo(&mut s);
    let expected: BTreeSet<usize> = s.store().claims_of(Kind::Country, xk).into_iter().collect();
    assert_eq!(visible(&s), expected);
    assert!(s.visible().iter().all(|h| {
        s.store()
            .claim(h.claim)
            .countries
            .contains(&"XK".to_string())
    }));
    let entry = s.selected_entry().expect("entry");
    assert_eq!(entry.count, expected.len());
    // Facet counts follow the pinned filters, not the cursor.
    assert_eq!(s.entries()[0].count, s.store().claims().len());
}

#[test]
fn drill_and_back() {
    let mut s = wide();
    select_kosovo(&mut s);
    update(&mut s, Action::Move(Move::Down));
    update(&mut s, Action::Go(Go::Drill));
    assert_eq!(s.focus(), Pane::Claims);
    update(&mut s, Action::Move(Move::Down));
    let second = s.visible()[1].claim;
    assert_eq!(s.claim(), Some(second), "Detail follows the claims cursor");
    update(&mut s, Action::Go(Go::Drill));
    assert_eq!((s.focus(), s.claim()), (Pane::Detail, Some(second)));
    update(&mut s, Action::Go(Go::Back));
    assert_eq!((s.focus(), s.claim_sel()), (Pane::Claims, 1));
    update(&mut s, Action::Go(Go::Back));
    assert_eq!(s.focus(), Pane::Facets);
    update(&mut s, Action::Go(Go::Back));
    assert_eq!(s.focus(), Pane::Facets);
    assert!(s.message().is_some());
}

#[test]
fn opening_a_claim_scrolls_its_quote_into_view() {
    let mut s = state_at(80, 24);
    update(&mut s, Action::Go(Go::Drill));
    update(&mut s, Action::Move(Move::Bottom));
    update(&mut s, Action::Go(Go::Drill));
    let claim = s.claim().expect("claim");
    assert_eq!(
        claim,
        *s.visible().last().map(|h| &h.claim).expect("claims")
    );
    let v = s
        .detail_layout_in(geometry::inner(geometry::detail_rect(&s)))
        .expect("layout")
        .into_owned();
    let quote = s.store().quote_bytes(claim).0;
    let line = v
        .source
        .iter()
        .position(|l| l.iter().any(|c| c.tag != usize::MAX && c.tag >= quote));
    let line = line.expect("quote line");
    assert!(
        s.source_top() <= line && line < s.source_top() + v.source_h,
        "quote not in view"
    );
    assert!(s.source_top() > 0, "a late quote needs scrolling");
    // j/k scroll; g/G go to the ends.
    let top = s.source_top();
    update(&mut s, Action::Move(Move::Down));
    assert_eq!(s.source_top(), (top + 1).min(v.max_top()));
    update(&mut s, Action::Move(Move::Top));
    assert_eq!(s.source_top(), 0);
    update(&mut s, Action::Move(Move::Bottom));
    assert_eq!(s.source_top(), v.max_top());
}

#[test]
fn history_back_and_forward() {
    let mut s = wide();
    select_kosovo(&mut s);
    apply(
        &mut s,
        &[
            Action::Go(Go::Drill),
            Action::Move(Move::Down),
            Action::Go(Go::Drill),
        ],
    );
    let claim = s.claim();
    assert_eq!(s.focus(), Pane::Detail);
    update(&mut s, Action::Go(Go::HistoryBack));
    assert_eq!(s.focus(), Pane::Claims);
    update(&mut s, Action::Go(Go::HistoryBack));
    assert_eq!(s.focus(), Pane::Facets);
    update(&mut s, Action::Go(Go::HistoryBack));
    assert!(s.message().is_some_and(|m| m.contains("No earlier")));
    update(&mut s, Action::Go(Go::HistoryForward));
    assert_eq!(s.focus(), Pane::Claims);
    update(&mut s, Action::Go(Go::HistoryForward));
    assert_eq!((s.focus(), s.claim()), (Pane::Detail, claim));
    update(&mut s, Action::Go(Go::HistoryForward));
    assert!(s.message().is_some_and(|m| m.contains("No later")));
}

#[test]
fn new_navigation_clears_forward_history() {
    let mut s = wide();
    apply(
        &mut s,
        &[Action::Go(Go::Drill), Action::Go(Go::HistoryBack)],
    );
    assert_eq!(s.forward().len(), 1);
    update(&mut s, Action::Go(Go::Drill));
    assert!(s.forward().is_empty());
}

#[test]
fn pin_or_within_kind_and_across_kinds() {
    let mut s = wide();
    let xk = select_kosovo(&mut s);
    update(&mut s, Action::Pin(Pin::Include));
    assert_eq!(s.filter().include, vec![Facet::Country(xk)]);
    let rs = country(&s, "RS");
    select(&mut s, Facet::Country(rs));
    update(&mut s, Action::Pin(Pin::Include));
    update(&mut s, Action::Move(Move::Top));
    let either: BTreeSet<usize> = s
        .store()
        .claims_of(Kind::Country, xk)
        .into_iter()
        .chain(s.store().claims_of(Kind::Country, rs))
        .collect();
    assert_eq!(visible(&s), either);
    assert_eq!(s.entries()[0].count, either.len());
    // Another kind narrows.
    update(&mut s, Action::Go(Go::SelectTab(Tab::Attribution)));
    select(&mut s, Facet::Layer(Layer::Author));
    update(&mut s, Action::Pin(Pin::Include));
    let both: BTreeSet<usize> = either
        .iter()
        .copied()
        .filter(|&c| s.store().claim_at(c).layer == Layer::Author)
        .collect();
    assert_eq!(visible(&s), both);
    // Space again unpins.
    update(&mut s, Action::Pin(Pin::Include));
    assert_eq!(s.filter().include.len(), 2);
}

#[test]
fn exclusion_removes_and_x_clears() {
    let mut s = wide();
    let nato = s.store().index_of(Kind::Actor, "nato").expect("nato");
    update(&mut s, Action::Go(Go::SelectTab(Tab::Actors)));
    select(&mut s, Facet::Actor(nato));
    update(&mut s, Action::Pin(Pin::Exclude));
    assert_eq!(s.filter().exclude, vec![Facet::Actor(nato)]);
    // The excluded entry under the cursor no longer previews itself.
    assert!(!s.visible().is_empty());
    assert!(
        s.visible()
            .iter()
            .all(|h| !Facet::Actor(nato).matches(s.store(), h.claim))
    );
    assert_eq!(s.selected_entry().map(|e| e.count), Some(0));
    type_query(&mut s, "kosovo");
    update(&mut s, Action::Search(SearchEdit::Accept));
    update(&mut s, Action::Pin(Pin::Clear));
    assert!(s.filter().is_empty());
    assert!(s.query().is_empty());
}

#[test]
fn all_cannot_be_pinned() {
    let mut s = wide();
    update(&mut s, Action::Pin(Pin::Include));
    assert!(s.filter().is_empty());
    assert!(s.message().is_some());
}

#[test]
fn search_types_accepts_and_cancels() {
    let mut s = wide();
    type_query(&mut s, "nato");
    assert_eq!(
        s.focus(),
        Pane::Claims,
        "search from Facets shows the results"
    );
    assert!(s.search().is_some());
    assert!(!s.visible().is_empty() && s.visible().len() < s.store().claims().len());
    assert!(
        s.visible().windows(2).all(|w| w[0].score >= w[1].score),
        "ranked"
    );
    assert_eq!(s.claim_sel(), 0);
    update(&mut s, Action::Search(SearchEdit::Accept));
    assert_eq!(s.query(), "nato");
    assert!(s.search().is_none());
    let kept = visible(&s);
    type_query(&mut s, "zzqxj");
    assert!(s.visible().is_empty());
    update(&mut s, Action::Search(SearchEdit::Cancel));
    assert_eq!(s.query(), "nato");
    assert_eq!(visible(&s), kept);
    update(&mut s, Action::Search(SearchEdit::Open));
    update(&mut s, Action::Search(SearchEdit::Backspace));
    assert_eq!(s.search().map(|l| l.input.as_str()), Some("nat"));
}

#[test]
fn next_and_previous_match_in_source() {
    let mut s = state_at(80, 24);
    type_query(&mut s, "nato");
    update(&mut s, Action::Search(SearchEdit::Accept));
    update(&mut s, Action::Go(Go::Drill));
    assert_eq!(s.focus(), Pane::Detail);
    let claim = s.claim().expect("claim");
    let occ = stratlens::app::find::occurrences(s.store().text_of(claim), "nato");
    assert!(occ.len() > 1);
    update(&mut s, Action::Jump(Jump::NextMatch));
    let Anchor::Match(first) = s.anchor() else {
        panic!("no match anchor")
    };
    update(&mut s, Action::Jump(Jump::NextMatch));
    assert_eq!(s.anchor(), Anchor::Match((first + 1) % occ.len()));
    update(&mut s, Action::Jump(Jump::PrevMatch));
    assert_eq!(s.anchor(), Anchor::Match(first));
    assert!(s.message().is_some_and(|m| m.starts_with("Match")));
}

#[test]
fn n_without_query_explains() {
    let mut s = wide();
    apply(
        &mut s,
        &[
            Action::Go(Go::Drill),
            Action::Go(Go::Drill),
            Action::Jump(Jump::NextMatch),
        ],
    );
    assert_eq!(s.anchor(), Anchor::Quote);
    assert!(s.message().is_some_and(|m| m.contains("press /")));
}

#[test]
fn tab_cycles_links_and_enter_follows_a_country() {
    let mut s = wide();
    apply(&mut s, &[Action::Go(Go::Drill), Action::Go(Go::Drill)]);
    let claim = s.claim().expect("claim");
    let links = s.links();
    update(&mut s, Action::Jump(Jump::NextLink));
    assert_eq!(s.link(), Some(0));
    for _ in 0..links.len() {
        update(&mut s, Action::Jump(Jump::NextLink));
    }
    assert_eq!(s.link(), Some(0), "wraps around");
    update(&mut s, Action::Jump(Jump::PrevLink));
    assert_eq!(s.link(), Some(links.len() - 1));
    let Some(Link::Facet(Facet::Country(c))) = s.links().first().copied() else {
        panic!("first link not a country")
    };
    update(&mut s, Action::Jump(Jump::NextLink));
    update(&mut s, Action::Go(Go::Drill));
    assert_eq!((s.focus(), s.tab()), (Pane::Claims, Tab::Countries));
    assert_eq!(
        s.selected_entry().and_then(|e| e.facet),
        Some(Facet::Country(c))
    );
    assert_eq!(
        visible(&s),
        s.store().claims_of(Kind::Country, c).into_iter().collect()
    );
    assert_eq!(
        s.claim(),
        Some(claim),
        "the followed-from claim stays selected"
    );
    update(&mut s, Action::Go(Go::HistoryBack));
    assert_eq!((s.focus(), s.claim()), (Pane::Detail, Some(claim)));
}

#[test]
fn enter_follows_a_related_claim() {
    let mut s = wide();
    apply(&mut s, &[Action::Go(Go::Drill), Action::Go(Go::Drill)]);
    let from = s.claim().expect("claim");
    let links = s.links();
    let (i, target) = links
        .iter()
        .enumerate()
        .find_map(|(i, l)| match l {
            Link::Claim(c, _) => Some((i, *c)),
            Link::Facet(_) | Link::Evidence { .. } => None,
        })
        .expect("a related claim");
    for _ in 0..=i {
        update(&mut s, Action::Jump(Jump::NextLink));
    }
    update(&mut s, Action::Go(Go::Drill));
    assert_eq!(
        (s.focus(), s.claim(), s.link()),
        (Pane::Detail, Some(target), None)
    );
    update(&mut s, Action::Go(Go::HistoryBack));
    assert_eq!(s.claim(), Some(from));
}

#[test]
fn tabs_switch_by_number_and_cycle() {
    let mut s = wide();
    update(&mut s, Action::Go(Go::SelectTab(Tab::Themes)));
    assert_eq!(s.tab(), Tab::Themes);
    assert_eq!(s.entries().len(), s.store().themes().len() + 1);
    update(&mut s, Action::Go(Go::TabNext));
    assert_eq!(s.tab(), Tab::Sections);
    update(&mut s, Action::Go(Go::TabNext));
    assert_eq!(s.tab(), Tab::Attribution);
    assert_eq!(s.entries().len(), 1 + 5 + 3);
    update(&mut s, Action::Go(Go::TabNext));
    assert_eq!(s.tab(), Tab::Sources);
    assert_eq!(s.entries().len(), 1 + s.store().sources().len());
    update(&mut s, Action::Go(Go::TabNext));
    assert_eq!(s.tab(), Tab::Countries);
    update(&mut s, Action::Go(Go::TabPrev));
    assert_eq!(s.tab(), Tab::Sources);
}

#[test]
fn selection_is_kept_per_tab() {
    let mut s = wide();
    select_kosovo(&mut s);
    let sel = s.entry_sel();
    update(&mut s, Action::Go(Go::SelectTab(Tab::Actors)));
    assert_eq!(s.entry_sel(), 0);
    update(&mut s, Action::Go(Go::SelectTab(Tab::Countries)));
    assert_eq!(s.entry_sel(), sel);
}

#[test]
fn narrow_mode_shows_one_pane_at_a_time() {
    let mut s = state_at(80, 24);
    let panes = geometry::panes_of(&s);
    assert!(panes.facets.is_some() && panes.claims.is_none() && panes.detail.is_none());
    update(&mut s, Action::Go(Go::Drill));
    let panes = geometry::panes_of(&s);
    assert!(panes.facets.is_none() && panes.claims.is_some());
    update(&mut s, Action::Go(Go::Drill));
    assert!(geometry::panes_of(&s).detail.is_some());
    apply(&mut s, &[Action::Go(Go::Back), Action::Go(Go::Back)]);
    assert!(geometry::panes_of(&s).facets.is_some());
    update(&mut s, Action::Go(Go::FocusNext));
    assert_eq!(s.focus(), Pane::Claims);
    update(&mut s, Action::Go(Go::FocusPrev));
    assert_eq!(s.focus(), Pane::Facets);
    // Widening shows all three again.
    update(
        &mut s,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    let panes = geometry::panes_of(&s);
    assert!(panes.facets.is_some() && panes.claims.is_some() && panes.detail.is_some());
}

#[test]
fn help_toggles_and_swallows_keys() {
    let mut s = state_at(80, 24);
    update(&mut s, Action::ToggleHelp);
    assert!(s.help());
    update(&mut s, Action::Move(Move::Down));
    assert_eq!(s.help_scroll(), 1);
    assert_eq!(s.entry_sel(), 0, "keys scroll the help, not the list");
    update(&mut s, Action::ToggleHelp);
    assert!(!s.help());
    update(&mut s, Action::ToggleHelp);
    update(&mut s, Action::Quit);
    assert!(s.quit());
}

#[test]
fn paging_and_ends() {
    let mut s = wide();
    update(&mut s, Action::Go(Go::Drill));
    update(&mut s, Action::Move(Move::PageDown));
    assert!(s.claim_sel() > 1);
    update(&mut s, Action::Move(Move::Bottom));
    assert_eq!(s.claim_sel(), s.visible().len() - 1);
    update(&mut s, Action::Move(Move::PageUp));
    assert!(s.claim_sel() < s.visible().len() - 1);
    update(&mut s, Action::Move(Move::Top));
    assert_eq!(s.claim_sel(), 0);
}

#[test]
fn mouse_click_selects_and_focuses() {
    let mut s = wide();
    let claims = geometry::panes_of(&s).claims.expect("claims pane");
    let inner = geometry::inner(claims);
    let per = geometry::claim_row_height(inner.width) as u16;
    update(
        &mut s,
        Action::Mouse(Mouse::Click {
            col: inner.x + 3,
            row: inner.y + 2 * per,
        }),
    );
    assert_eq!((s.focus(), s.claim_sel()), (Pane::Claims, 2));
    assert_eq!(s.claim(), Some(s.visible()[2].claim));
    let facets = geometry::inner(geometry::panes_of(&s).facets.expect("facets"));
    update(
        &mut s,
        Action::Mouse(Mouse::Click {
            col: facets.x + 2,
            row: facets.y + 1 + 3,
        }),
    );
    assert_eq!((s.focus(), s.entry_sel()), (Pane::Facets, 3));
    update(
        &mut s,
        Action::Mouse(Mouse::ScrollDown {
            col: facets.x + 2,
            row: facets.y + 4,
        }),
    );
    assert_eq!(s.entry_sel(), 6);
    update(
        &mut s,
        Action::Mouse(Mouse::ScrollUp {
            col: facets.x + 2,
            row: facets.y + 4,
        }),
    );
    assert_eq!(s.entry_sel(), 3);
}

/// Moving back up from the bottom moves the cursor, not the list, until it
/// reaches the first row shown; a click then selects the row drawn there.
#[test]
fn claims_list_stays_put_while_the_cursor_moves_inside_it() {
    let mut s = wide();
    apply(&mut s, &[Action::Go(Go::Drill), Action::Move(Move::Bottom)]);
    let n = s.visible().len();
    let top = s.claims_top();
    assert!(top > 0, "the embedded list is longer than one screen");
    apply(
        &mut s,
        &[
            Action::Move(Move::Up),
            Action::Move(Move::Up),
            Action::Move(Move::Up),
        ],
    );
    assert_eq!((s.claim_sel(), s.claims_top()), (n - 4, top));
    let inner = geometry::inner(geometry::panes_of(&s).claims.expect("claims pane"));
    update(
        &mut s,
        Action::Mouse(Mouse::Click {
            col: inner.x + 3,
            row: inner.y,
        }),
    );
    assert_eq!((s.claim_sel(), s.claims_top()), (top, top));
    // Above the first row shown, the list follows the cursor.
    update(&mut s, Action::Move(Move::Up));
    assert_eq!((s.claim_sel(), s.claims_top()), (top - 1, top - 1));
}

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn keymap_depends_on_context() {
    let mut s = wide();
    let none = KeyModifiers::NONE;
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char('q'), none)),
        Some(Action::Close)
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char('?'), KeyModifiers::SHIFT)),
        Some(Action::ToggleHelp)
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
        Some(Action::Move(Move::Bottom))
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char(' '), none)),
        Some(Action::Pin(Pin::Include))
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Tab, none)),
        Some(Action::Go(Go::FocusNext))
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char('o'), KeyModifiers::CONTROL)),
        Some(Action::Go(Go::HistoryBack))
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char(']'), none)),
        Some(Action::Go(Go::HistoryForward))
    );
    apply(&mut s, &[Action::Go(Go::Drill), Action::Go(Go::Drill)]);
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Tab, none)),
        Some(Action::Jump(Jump::NextLink))
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Action::Go(Go::FocusPrev))
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char('n'), none)),
        Some(Action::Jump(Jump::NextMatch))
    );
    update(&mut s, Action::Search(SearchEdit::Open));
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char('q'), none)),
        Some(Action::Search(SearchEdit::Input('q')))
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Esc, none)),
        Some(Action::Search(SearchEdit::Cancel))
    );
    assert_eq!(
        keymap::action_for(&s, key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
}

#[test]
fn every_action_in_the_keymap_is_described() {
    for b in keymap::BINDINGS {
        assert!(!b.keys.is_empty() && !b.desc.is_empty(), "{:?}", b.action);
    }
}

#[test]
fn initial_query_is_accepted() {
    let store = load_embedded().expect("embedded");
    let opts = stratlens::term::event_loop::Options {
        no_color: true,
        query: Some("kosovo".into()),
        ..Default::default()
    };
    let s = stratlens::term::event_loop::initial_state(store, &opts);
    assert_eq!(s.query(), "kosovo");
    assert!(!s.color());
    assert!(s.search().is_none());
    assert!(s.visible().len() < s.store().claims().len());
}

/// `r` on Kosovo: the entry counts its named claims and its regional ones
/// apart; the list takes in the regional ones, each marked as such, after
/// the named ones.
#[test]
fn r_adds_a_countrys_regional_claims_marked() {
    let mut s = wide();
    let xk = select_kosovo(&mut s);
    let store = s.store().clone();
    let named: BTreeSet<usize> = store
        .linking(Kind::Country, xk)
        .iter()
        .map(|&c| c as usize)
        .collect();
    let regional: BTreeSet<usize> = store
        .regional_claims(xk)
        .iter()
        .map(|&c| c as usize)
        .collect();
    assert!(!regional.is_empty() && named.is_disjoint(&regional));
    assert_eq!(visible(&s), named);
    let entry = s.selected_entry().expect("entry");
    assert_eq!((entry.count, entry.regional), (named.len(), regional.len()));
    update(&mut s, Action::Pin(Pin::Regions));
    assert!(s.message().unwrap_or("").contains("regions' claims too"));
    assert_eq!(visible(&s), named.union(&regional).copied().collect());
    for c in visible(&s) {
        assert_eq!(s.is_regional(c), regional.contains(&c), "claim {c}");
    }
    let order: Vec<bool> = s.visible().iter().map(|h| s.is_regional(h.claim)).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    // Pinned, the country keeps its regions; `r` again lists named only.
    update(&mut s, Action::Pin(Pin::Include));
    assert_eq!(visible(&s).len(), named.len() + regional.len());
    update(&mut s, Action::Pin(Pin::Regions));
    assert_eq!(visible(&s), named);
    assert!((0..store.claims().len()).all(|c| !s.is_regional(c)));
}

/// Issue #16, 5: a search typed from Detail must not leave Detail on a
/// claim the results do not list; ↓/↑ move through the results.
#[test]
fn search_from_detail_follows_the_results() {
    let mut s = wide();
    let target = stratlens::target::parse(s.store(), "claim:c23").expect("c23");
    update(&mut s, Action::Go(Go::Open(target)));
    let c23 = s.store().index_of(Kind::Claim, "c23").expect("c23");
    assert_eq!((s.focus(), s.claim()), (Pane::Detail, Some(c23)));
    type_query(&mut s, "armenia");
    let listed: Vec<usize> = s.visible().iter().map(|h| h.claim).collect();
    assert!(!listed.is_empty() && !listed.contains(&c23));
    assert_eq!(s.claim(), Some(listed[0]), "Detail shows the first result");
    update(&mut s, Action::Move(Move::Down));
    assert_eq!(
        s.claim(),
        listed.get(1).copied(),
        "↓ moves to the next result"
    );
    update(&mut s, Action::Move(Move::Up));
    assert_eq!(s.claim(), Some(listed[0]));
}

/// Issue #16, 6: `x` clears what filters the list, the live facet
/// included, or says what still does.
#[test]
fn clear_returns_to_all() {
    let mut s = wide();
    select_kosovo(&mut s);
    type_query(&mut s, "nato");
    update(&mut s, Action::Search(SearchEdit::Accept));
    update(&mut s, Action::Pin(Pin::Clear));
    assert_eq!(s.entry_sel(), 0, "the facet cursor is on All");
    assert_eq!(s.visible().len(), s.store().claims().len());
    assert_eq!(s.message(), Some("Filters and search cleared"));
    // What `x` leaves alone is named.
    update(
        &mut s,
        Action::Brief(stratlens::app::action::Brief::CycleLens),
    );
    update(&mut s, Action::Pin(Pin::Clear));
    let msg = s.message().expect("message");
    assert!(msg.contains("lens") && msg.contains("a:"), "{msg}");
}

/// Issue #16, 11: one rule for overlays: `q` (and Esc) close the help or
/// the stats view, whichever pane has the focus; `q` quits only when
/// nothing is open.
#[test]
fn q_closes_what_is_open_before_quitting() {
    use stratlens::app::action::Brief;
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let mut s = wide();
    for focus in [Pane::Claims, Pane::Facets] {
        update(&mut s, Action::Brief(Brief::ToggleStats));
        let to = if focus == Pane::Facets {
            Go::FocusPrev
        } else {
            Go::FocusNext
        };
        if s.focus() != focus {
            update(&mut s, Action::Go(to));
        }
        assert!(s.stats() && s.focus() == focus);
        let q = keymap::action_for(&s, key('q')).expect("q");
        update(&mut s, q);
        assert!(!s.stats() && !s.quit(), "q closes the stats ({focus:?})");
        update(&mut s, Action::Brief(Brief::ToggleStats));
        let to = if focus == Pane::Facets {
            Go::FocusPrev
        } else {
            Go::FocusNext
        };
        if s.focus() != focus {
            update(&mut s, Action::Go(to));
        }
        let e = keymap::action_for(&s, esc).expect("Esc");
        update(&mut s, e);
        assert!(!s.stats() && !s.quit(), "Esc closes the stats ({focus:?})");
    }
    update(&mut s, Action::ToggleHelp);
    let q = keymap::action_for(&s, key('q')).expect("q");
    update(&mut s, q);
    assert!(!s.help() && !s.quit(), "q closes help");
    let q = keymap::action_for(&s, key('q')).expect("q");
    update(&mut s, q);
    assert!(s.quit(), "q quits when nothing is open");
}

/// Issue #16, 8: `m`, `y` and `Y` act on a claim the screen may not show
/// (80x24, Facets focused): the message says which and where.
#[test]
fn mark_and_copy_say_where_the_claim_is() {
    use stratlens::app::action::Brief;
    let mut s = state_at(80, 24);
    assert_eq!(s.focus(), Pane::Facets);
    let id = s
        .store()
        .claim_at(s.claim().expect("claim"))
        .id()
        .to_string();
    for b in [Brief::ToggleMark, Brief::CopyCitation, Brief::CopyQuote] {
        update(&mut s, Action::Brief(b));
        let msg = s.message().expect("message");
        assert!(
            msg.contains(&format!("{id} (the claim under the cursor in Claims)")),
            "{b:?}: {msg}"
        );
    }
    // Where the claim is on screen, no need to say so.
    update(&mut s, Action::Go(Go::FocusNext));
    update(&mut s, Action::Brief(Brief::ToggleMark));
    assert!(!s.message().expect("message").contains("cursor"));
}

/// Issue #16, 9: the help pages with PgUp/PgDn/Space/g/G/Home/End, as the
/// panes do, and reaches its last line.
#[test]
fn help_pages_like_the_panes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = state_at(w, h);
        update(&mut s, Action::ToggleHelp);
        let max = geometry::help_max_scroll(&s);
        assert!(max > 0, "{w}x{h}: the help is longer than the screen");
        let act = |s: &State, code| keymap::action_for(s, key(code, KeyModifiers::NONE));
        let pgdn = act(&s, KeyCode::PageDown).expect("PgDn");
        update(&mut s, pgdn);
        assert!(s.help_scroll() > 1, "{w}x{h}: PgDn pages");
        let top = act(&s, KeyCode::Char('g')).expect("g");
        update(&mut s, top);
        assert_eq!(s.help_scroll(), 0);
        let space = act(&s, KeyCode::Char(' ')).expect("Space");
        update(&mut s, space);
        assert!(s.help_scroll() > 1, "{w}x{h}: Space pages");
        for (code, at) in [
            (KeyCode::End, max),
            (KeyCode::PageUp, max.saturating_sub(2).min(max)),
            (KeyCode::Home, 0),
            (KeyCode::Char('G'), max),
        ] {
            let a = act(&s, code).expect("bound");
            update(&mut s, a);
            if code == KeyCode::PageUp {
                assert!(s.help_scroll() < max, "{w}x{h}: PgUp pages back");
            } else {
                assert_eq!(s.help_scroll(), at, "{w}x{h}: {code:?}");
            }
        }
        assert!(s.help(), "paging keeps the help open");
    }
}

/// Issue #16, 19: counts of one read "1 claim" in every explorer message.
#[test]
fn messages_count_one_claim_in_the_singular() {
    use stratlens::app::action::Brief;
    let mut s = wide();
    update(&mut s, Action::Brief(Brief::ToggleMark));
    update(&mut s, Action::Brief(Brief::ToggleMarkedOnly));
    assert_eq!(s.message(), Some("Only the 1 marked claim (M: all again)"));
    update(&mut s, Action::Brief(Brief::CycleLens));
    update(&mut s, Action::Brief(Brief::CycleLens));
    update(&mut s, Action::Brief(Brief::CycleLens));
    update(&mut s, Action::Brief(Brief::CycleLens));
    update(&mut s, Action::Brief(Brief::CycleLens));
    assert_eq!(s.message(), Some("Lens off: all attributions (1 claim)"));
    let claim = s.claim().expect("claim");
    let word = s
        .store()
        .claim_at(claim)
        .statement()
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.len())
        .expect("a word")
        .to_lowercase();
    type_query(&mut s, &word);
    update(&mut s, Action::Search(SearchEdit::Accept));
    assert_eq!(
        s.message(),
        Some(format!("1 claim matches /{word}").as_str())
    );
}

/// Issue #16, 7: the count beside an entry is what choosing it lists.
/// With Serbia pinned, Kosovo's count is the Serbia-or-Kosovo claims that
/// pinning Kosovo lists (chips of one kind are OR-ed), and so is the list
/// with the cursor on it; across kinds (a theme pinned) entries count the
/// AND. Also under a search and with regions on.
#[test]
fn facet_counts_predict_what_pinning_lists() {
    let count_of = |s: &State, f: Facet| {
        s.entries()
            .iter()
            .find(|e| e.facet == Some(f))
            .map(|e| e.count)
            .expect("entry")
    };
    for (query, regions) in [("", false), ("", true), ("strategy", false)] {
        let mut s = wide();
        if regions {
            update(&mut s, Action::Pin(Pin::Regions));
        }
        if !query.is_empty() {
            type_query(&mut s, query);
            update(&mut s, Action::Search(SearchEdit::Accept));
        }
        let (rs, xk, ba) = (country(&s, "RS"), country(&s, "XK"), country(&s, "BA"));
        update(&mut s, Action::Go(Go::SelectTab(Tab::Countries)));
        select(&mut s, Facet::Country(rs));
        update(&mut s, Action::Pin(Pin::Include));
        for other in [xk, ba] {
            select(&mut s, Facet::Country(other));
            let shown = count_of(&s, Facet::Country(other));
            // The cursor's list is what the count says.
            assert_eq!(s.visible().len(), shown, "{query:?} {regions}: cursor list");
            update(&mut s, Action::Pin(Pin::Include));
            update(&mut s, Action::Move(Move::Top));
            assert_eq!(s.visible().len(), shown, "{query:?} {regions}: pinned list");
            // Unpinning takes it back out.
            select(&mut s, Facet::Country(other));
            update(&mut s, Action::Pin(Pin::Include));
        }
        // Serbia alone: the OR adds to its claims, never fewer.
        update(&mut s, Action::Move(Move::Top));
        let serbia = s.visible().len();
        assert!(count_of(&s, Facet::Country(xk)) > serbia);
        // Another kind is AND-ed: a theme's count is within Serbia's claims.
        update(&mut s, Action::Go(Go::SelectTab(Tab::Themes)));
        let entries: Vec<_> = s.entries().iter().filter_map(|e| e.facet).collect();
        for f in entries.into_iter().take(5) {
            select(&mut s, f);
            let shown = count_of(&s, f);
            assert!(shown <= serbia);
            assert_eq!(s.visible().len(), shown, "{query:?}: theme {f:?}");
        }
    }
}
