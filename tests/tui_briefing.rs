//! The briefing workflow through `update`: marks, the lens, copy effects,
//! the export dialog, the stats view, deep links and the saved session.

use stratlens::app::action::{Brief, Dialog, Go, Move, Outcome, Pin, SearchEdit};
use stratlens::app::dialog::{Field, Scope};
use stratlens::app::geometry;
use stratlens::app::{Action, Effect, Lens, Pane, State, Tab, keymap, restore};
use stratlens::export::Format;
use stratlens::filter::Facet;
use stratlens::model::{Kind, load_embedded};
use stratlens::session::{self, Restore, Saved};
use stratlens::term::event_loop::{Options, initial_state, save_session};

mod common;
use common::{apply, state_at, update, wide};

fn id(s: &State, claim: usize) -> String {
    s.store().claim_at(claim).id().to_string()
}

fn claim(s: &State, id: &str) -> usize {
    s.store().index_of(Kind::Claim, id).expect("claim")
}

fn message(s: &State) -> &str {
    s.message().unwrap_or("")
}

/// Marks the first and third listed claims from the Claims pane.
fn mark_two(s: &mut State) -> [usize; 2] {
    apply(
        s,
        &[Action::Go(Go::Drill), Action::Brief(Brief::ToggleMark)],
    );
    let a = s.claim().expect("claim");
    apply(
        s,
        &[
            Action::Move(Move::Down),
            Action::Move(Move::Down),
            Action::Brief(Brief::ToggleMark),
        ],
    );
    let b = s.claim().expect("claim");
    [a, b]
}

#[test]
fn m_toggles_a_mark_and_says_how_many() {
    let mut s = wide();
    let [a, b] = mark_two(&mut s);
    assert_ne!(a, b);
    assert_eq!(s.marks().iter().copied().collect::<Vec<_>>(), {
        let mut v = vec![a, b];
        v.sort();
        v
    });
    assert!(
        message(&s).contains(&format!("Marked {}", id(&s, b))),
        "{}",
        message(&s)
    );
    assert!(message(&s).contains("2 marked"));
    update(&mut s, Action::Brief(Brief::ToggleMark));
    assert!(!s.marks().contains(&b));
    assert!(message(&s).starts_with("Unmarked"));
}

#[test]
fn capital_m_lists_only_marked_claims() {
    let mut s = wide();
    update(&mut s, Action::Brief(Brief::ToggleMarkedOnly));
    assert!(!s.marked_only(), "nothing marked yet");
    assert!(message(&s).contains("No marked claims"));
    let [a, b] = mark_two(&mut s);
    update(&mut s, Action::Brief(Brief::ToggleMarkedOnly));
    assert!(s.marked_only());
    let listed: Vec<usize> = s.visible().iter().map(|h| h.claim).collect();
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&a) && listed.contains(&b));
    assert_eq!(s.entries()[0].count, 2, "facet counts follow");
    // Unmarking in the marked-only list takes the claim off it.
    update(&mut s, Action::Go(Go::Back));
    update(&mut s, Action::Move(Move::Top));
    update(&mut s, Action::Brief(Brief::ToggleMark));
    assert_eq!(s.visible().len(), 1);
    update(&mut s, Action::Brief(Brief::ToggleMarkedOnly));
    assert_eq!(s.visible().len(), s.store().claims().len());
}

#[test]
fn a_cycles_the_lens_and_counts_follow() {
    let mut s = wide();
    let mut seen = Vec::new();
    for _ in 0..Lens::ALL.len() {
        update(&mut s, Action::Brief(Brief::CycleLens));
        seen.push(s.lens());
        assert!(
            s.visible()
                .iter()
                .all(|h| { s.lens().admits(s.store().claim_at(h.claim).layer) })
        );
        assert_eq!(s.entries()[0].count, s.visible().len(), "{:?}", s.lens());
        let xk = s.store().index_of(Kind::Country, "XK").expect("XK");
        let entry = s
            .entries()
            .iter()
            .find(|e| e.facet == Some(Facet::Country(xk)))
            .expect("Kosovo entry");
        let want = s
            .visible()
            .iter()
            .filter(|h| Facet::Country(xk).matches(s.store(), h.claim))
            .count();
        assert_eq!(entry.count, want);
    }
    assert_eq!(
        seen,
        vec![
            Lens::Primary,
            Lens::Author,
            Lens::Unnamed,
            Lens::Named,
            Lens::All
        ]
    );
    update(&mut s, Action::Brief(Brief::CycleLens));
    let primary = s.visible().len();
    assert!(primary > 0 && primary < s.store().claims().len());
    assert!(message(&s).contains("primary text"));
}

#[test]
fn y_and_capital_y_record_copies_with_the_exact_quote() {
    let mut s = wide();
    apply(
        &mut s,
        &[
            Action::Go(Go::Drill),
            Action::Move(Move::Down),
            Action::Brief(Brief::CopyCitation),
        ],
    );
    let c = s.claim().expect("claim");
    let quote = s.store().quote_text(c).to_string();
    let cid = id(&s, c);
    let Some(Effect::Copy(text)) = s.effects().last().cloned() else {
        panic!("no copy effect")
    };
    assert!(text.contains(&format!("“{quote}”")), "{text}");
    assert!(text.contains(&cid) && text.contains("Source:"), "{text}");
    assert_eq!(
        message(&s),
        format!("copied citation of {cid} ({} chars)", text.chars().count())
    );
    update(&mut s, Action::Brief(Brief::CopyQuote));
    let Some(Effect::Copy(short)) = s.effects().last().cloned() else {
        panic!("no copy effect")
    };
    assert!(short.starts_with(&format!("“{quote}”")) && short.contains(&cid));
    assert!(short.len() < text.len());
    assert!(message(&s).starts_with(&format!("copied quote of {cid}")));
    assert_eq!(s.effects().len(), 2, "update only records; the loop drains");
}

#[test]
fn no_clipboard_copies_nothing_and_says_so() {
    let store = load_embedded().expect("embedded");
    let opts = Options {
        no_clipboard: true,
        ..Default::default()
    };
    let mut s = initial_state(store, &opts);
    update(&mut s, Action::Brief(Brief::CopyCitation));
    assert!(s.effects().is_empty());
    assert!(message(&s).contains("--no-clipboard"));
}

fn type_path(s: &mut State, path: &str) {
    while s.export().map(|d| d.field) != Some(Field::Path) {
        update(s, Action::Dialog(Dialog::NextField));
    }
    update(s, Action::Dialog(Dialog::Clear));
    for c in path.chars() {
        update(s, Action::Dialog(Dialog::Input(c)));
    }
}

#[test]
fn export_dialog_writes_confirms_and_reports_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = wide();
    update(&mut s, Action::Brief(Brief::ExportOpen));
    let d = s.export().cloned().expect("dialog");
    assert_eq!(d.scope, Scope::Listed, "nothing marked: the listed claims");
    assert!(
        d.path.starts_with("stratlens-briefing-") && d.path.ends_with(".md"),
        "{}",
        d.path
    );
    update(&mut s, Action::Dialog(Dialog::Cancel));
    assert!(s.export().is_none());

    let [a, b] = mark_two(&mut s);
    update(&mut s, Action::Brief(Brief::ExportOpen));
    assert_eq!(s.export().map(|d| d.scope), Some(Scope::Marked));
    // Scope and format change with the arrows; the extension follows.
    apply(&mut s, &[Action::Dialog(Dialog::OptionNext)]);
    assert_eq!(s.export().map(|d| d.scope), Some(Scope::Listed));
    apply(
        &mut s,
        &[
            Action::Dialog(Dialog::OptionPrev),
            Action::Dialog(Dialog::NextField),
            Action::Dialog(Dialog::OptionNext),
        ],
    );
    let d = s.export().cloned().expect("dialog");
    assert_eq!((d.scope, d.format), (Scope::Marked, Format::Json));
    assert!(d.path.ends_with(".json"));
    update(&mut s, Action::Dialog(Dialog::OptionPrev));

    let path = dir.path().join("brief.md");
    type_path(&mut s, &path.display().to_string());
    update(&mut s, Action::Dialog(Dialog::Write));
    assert!(s.export().is_none(), "closed after writing");
    assert!(message(&s).contains("Wrote 2 claims"), "{}", message(&s));
    let text = std::fs::read_to_string(&path).expect("briefing");
    for c in [a, b] {
        assert!(text.contains(&format!("### {}:", id(&s, c))), "{text}");
    }
    assert!(text.contains("marked claims (2)"));

    // Writing again asks first; n keeps the file, y replaces it.
    update(&mut s, Action::Brief(Brief::ExportOpen));
    type_path(&mut s, &path.display().to_string());
    update(&mut s, Action::Dialog(Dialog::Write));
    assert!(s.export().is_some_and(|d| d.confirm));
    let key =
        ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('y'));
    assert_eq!(
        keymap::action_for(&s, key),
        Some(Action::Dialog(Dialog::OverwriteYes))
    );
    update(&mut s, Action::Dialog(Dialog::OverwriteNo));
    let d = s.export().cloned().expect("dialog stays open");
    assert!(!d.confirm && d.error.is_some());
    update(&mut s, Action::Brief(Brief::ToggleMark));
    update(&mut s, Action::Dialog(Dialog::Write));
    update(&mut s, Action::Dialog(Dialog::OverwriteYes));
    assert!(s.export().is_none());
    let again = std::fs::read_to_string(&path).expect("briefing");
    assert!(
        again.contains("marked claims (2)"),
        "marks are not changed while the dialog is open"
    );

    // A missing folder is reported in the dialog, not fatal.
    update(&mut s, Action::Brief(Brief::ExportOpen));
    type_path(
        &mut s,
        &dir.path().join("nope/brief.md").display().to_string(),
    );
    update(&mut s, Action::Dialog(Dialog::Write));
    let err = s
        .export()
        .as_ref()
        .and_then(|d| d.error.clone())
        .expect("error");
    assert!(err.contains("No folder"), "{err}");
    update(&mut s, Action::Quit);
    assert!(s.quit(), "Ctrl-C still quits from the dialog");
}

#[test]
fn export_of_an_empty_scope_is_refused_in_the_dialog() {
    let mut s = wide();
    update(&mut s, Action::Brief(Brief::ExportOpen));
    update(&mut s, Action::Dialog(Dialog::OptionPrev));
    update(&mut s, Action::Dialog(Dialog::Write));
    let err = s
        .export()
        .as_ref()
        .and_then(|d| d.error.clone())
        .expect("error");
    assert!(err.contains("No marked claims"), "{err}");
}

#[test]
fn dialog_keys_type_into_the_file_name() {
    let mut s = wide();
    update(&mut s, Action::Brief(Brief::ExportOpen));
    let key =
        |c| ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c));
    assert_eq!(
        keymap::action_for(&s, key('q')),
        Some(Action::Dialog(Dialog::Input('q')))
    );
    type_path(&mut s, "a b");
    assert_eq!(s.export().map(|d| d.path.as_str()), Some("a b"));
    update(&mut s, Action::Dialog(Dialog::Backspace));
    assert_eq!(s.export().map(|d| d.path.as_str()), Some("a "));
}

#[test]
fn stats_view_follows_the_filters_and_scrolls() {
    let mut s = state_at(80, 24);
    update(&mut s, Action::Brief(Brief::ToggleStats));
    assert!(s.stats());
    assert_eq!(s.focus(), Pane::Claims, "narrow: the stats take the screen");
    let all = s.stats_data().map(|d| d.claims);
    assert_eq!(all, Some(s.store().claims().len()));
    update(&mut s, Action::Move(Move::Down));
    assert_eq!(s.stats_scroll(), 1, "j scrolls the stats");
    update(&mut s, Action::Move(Move::Bottom));
    assert_eq!(s.stats_scroll(), geometry::stats_max_scroll(&s));
    assert!(s.stats_scroll() > 0, "80x24 needs scrolling");
    update(&mut s, Action::Brief(Brief::CycleLens));
    assert_eq!(s.stats_data().map(|d| d.claims), Some(s.visible().len()));
    // Back to the facets: moving there filters the stats live.
    update(&mut s, Action::Go(Go::Back));
    assert_eq!(s.focus(), Pane::Facets);
    update(&mut s, Action::Move(Move::Down));
    let sel = s.selected_entry().expect("entry").count;
    assert_eq!(s.stats_data().map(|d| d.claims), Some(sel));
    update(&mut s, Action::Go(Go::Drill));
    update(&mut s, Action::Brief(Brief::ToggleStats));
    assert!(!s.stats() && s.stats_data().is_none());
}

fn open(target: &str) -> State {
    let store = load_embedded().expect("embedded");
    let t = stratlens::target::parse(&store, target).expect("target");
    let opts = Options {
        open: Some(t),
        ..Default::default()
    };
    let mut s = initial_state(store, &opts);
    update(
        &mut s,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    s
}

#[test]
fn deep_links_start_at_their_target() {
    let s = open("claim:c12");
    assert_eq!(
        (s.focus(), s.claim()),
        (Pane::Detail, Some(claim(&s, "c12")))
    );
    assert_eq!(s.selected_hit().map(|h| h.claim), s.claim());
    for (target, tab, kind, key) in [
        ("country:XK", Tab::Countries, Kind::Country, "XK"),
        ("actor:nato", Tab::Actors, Kind::Actor, "nato"),
        (
            "theme:nato-enlargement",
            Tab::Themes,
            Kind::Theme,
            "nato-enlargement",
        ),
    ] {
        let s = open(target);
        let i = s.store().index_of(kind, key).expect("entity");
        let f = match kind {
            Kind::Country => Facet::Country(i),
            Kind::Actor => Facet::Actor(i),
            _ => Facet::Theme(i),
        };
        assert_eq!((s.tab(), s.focus()), (tab, Pane::Claims), "{target}");
        assert_eq!(s.selected_entry().and_then(|e| e.facet), Some(f));
        assert!(s.visible().iter().all(|h| f.matches(s.store(), h.claim)));
    }
}

#[test]
fn query_and_deep_link_together() {
    let store = load_embedded().expect("embedded");
    let t = stratlens::target::parse(&store, "country:RS").expect("target");
    let opts = Options {
        open: Some(t),
        query: Some("nato".into()),
        ..Default::default()
    };
    let s = initial_state(store, &opts);
    assert_eq!(s.query(), "nato");
    assert_eq!(s.tab(), Tab::Countries);
    assert!(s.visible().len() < s.store().claims().len());
}

/// A position with something of everything: tab, entry, claim, chips,
/// query, lens and marks.
fn somewhere() -> State {
    let mut s = wide();
    update(&mut s, Action::Go(Go::SelectTab(Tab::Themes)));
    apply(
        &mut s,
        &[
            Action::Move(Move::Down),
            Action::Move(Move::Down),
            Action::Pin(Pin::Exclude),
        ],
    );
    apply(
        &mut s,
        &[
            Action::Go(Go::SelectTab(Tab::Countries)),
            Action::Move(Move::Down),
            Action::Move(Move::Down),
        ],
    );
    update(&mut s, Action::Brief(Brief::CycleLens));
    mark_two(&mut s);
    update(&mut s, Action::Move(Move::Down));
    update(&mut s, Action::Search(SearchEdit::Open));
    for c in "the".chars() {
        update(&mut s, Action::Search(SearchEdit::Input(c)));
    }
    update(&mut s, Action::Search(SearchEdit::Accept));
    assert!(!s.visible().is_empty());
    s
}

/// Everything the session keeps, as comparable values.
#[derive(Debug, PartialEq)]
struct Position {
    tab: Tab,
    entry: usize,
    claim: Option<usize>,
    include: Vec<Facet>,
    exclude: Vec<Facet>,
    query: String,
    lens: Lens,
    marks: Vec<usize>,
}

fn position(s: &State) -> Position {
    Position {
        tab: s.tab(),
        entry: s.entry_sel(),
        claim: s.claim(),
        include: s.filter().include.clone(),
        exclude: s.filter().exclude.clone(),
        query: s.query().to_string(),
        lens: s.lens(),
        marks: s.marks().iter().copied().collect(),
    }
}

/// Applies `saved` as the event loop does at start-up; the status message.
fn restored(s: &mut State, saved: Saved) -> String {
    let found = Box::new(Restore::Found(saved));
    update(s, Action::Outcome(Outcome::Session(found)));
    s.message().unwrap_or("").to_string()
}

#[test]
fn saved_position_applies_back_to_the_same_place() {
    let s = somewhere();
    let saved = restore::saved(&s);
    assert_eq!(saved.dataset, s.store().fingerprint);
    assert_eq!(saved.lens, "primary");
    assert_eq!(saved.marks.len(), 2);
    let mut fresh = wide();
    let msg = restored(&mut fresh, saved.clone());
    assert!(msg.contains("Restored"), "{msg}");
    assert_eq!(position(&fresh), position(&s));
    assert_eq!(fresh.visible(), s.visible());
    assert_eq!(restore::saved(&fresh), saved);
}

#[test]
fn unknown_ids_are_dropped_with_a_warning() {
    let s = somewhere();
    let mut saved = restore::saved(&s);
    saved.marks.push("c999".into());
    saved.claim = Some("gone".into());
    saved.include.push("country:ZZ".into());
    let mut fresh = wide();
    let msg = restored(&mut fresh, saved);
    assert!(msg.contains("c999") && msg.contains("claim:gone"), "{msg}");
    assert_eq!(fresh.marks(), s.marks());
    assert!(fresh.filter().include.is_empty());
}

#[test]
fn session_round_trips_through_the_state_dir() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = Options {
        state_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    let s = somewhere();
    save_session(&s, &opts).expect("saved");
    let back = initial_state(load_embedded().expect("embedded"), &opts);
    assert_eq!(position(&back), position(&s));
    assert!(message(&back).contains("Restored"), "{}", message(&back));
    // The command line wins over the saved position.
    let store = load_embedded().expect("embedded");
    let c1 = stratlens::target::parse(&store, "claim:c1").expect("target");
    let linked = initial_state(
        store,
        &Options {
            open: Some(c1),
            ..opts.clone()
        },
    );
    assert_eq!(linked.claim(), Some(claim(&linked, "c1")));
    assert_eq!(linked.focus(), Pane::Detail);
    // --fresh ignores it.
    let fresh = initial_state(
        load_embedded().expect("embedded"),
        &Options {
            fresh: true,
            ..opts.clone()
        },
    );
    assert!(fresh.marks().is_empty() && fresh.message().is_none());
}

#[test]
fn corrupt_session_gives_a_warning_and_a_fresh_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = load_embedded().expect("embedded");
    let path = session::path_for(dir.path(), &store.fingerprint);
    std::fs::write(&path, "{\"version\": 1, \"marks\": [").expect("write");
    let opts = Options {
        state_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    let s = initial_state(store, &opts);
    assert!(message(&s).contains("corrupt"), "{}", message(&s));
    // Still said when the command line also asks for a search.
    let opts = Options {
        query: Some("nato".into()),
        ..opts
    };
    let q = initial_state(load_embedded().expect("embedded"), &opts);
    assert!(message(&q).contains("corrupt"), "{}", message(&q));
    assert!(s.marks().is_empty());
    assert_eq!(s.visible().len(), s.store().claims().len());
}

#[test]
fn unwritable_state_dir_is_an_error_message_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").expect("write");
    let opts = Options {
        state_dir: Some(file.join("sub")),
        ..Default::default()
    };
    let s = wide();
    let err = save_session(&s, &opts).expect_err("cannot save under a file");
    assert!(err.contains("session not saved"), "{err}");
}

#[test]
fn new_bindings_are_in_the_keymap_and_the_help() {
    for a in [
        Action::Brief(Brief::ToggleMark),
        Action::Brief(Brief::ToggleMarkedOnly),
        Action::Brief(Brief::CycleLens),
        Action::Brief(Brief::CopyCitation),
        Action::Brief(Brief::CopyQuote),
        Action::Brief(Brief::ExportOpen),
        Action::Brief(Brief::ToggleStats),
        Action::Dialog(Dialog::Write),
        Action::Dialog(Dialog::OverwriteYes),
    ] {
        assert!(
            keymap::BINDINGS.iter().any(|b| b.action == a),
            "{a:?} has no key"
        );
    }
    let s = wide();
    let hints: Vec<&str> = keymap::hints(&s).into_iter().map(|(_, h)| h).collect();
    for h in ["mark", "export", "stats", "copy"] {
        assert!(hints.contains(&h), "{hints:?}");
    }
}

/// Issue #16, 16: the export dialog groups by country, theme or not at
/// all, as `export --group-by` does; under every grouping each claim is
/// given in full once, and a claim linked to several groups is named once
/// per further group on one "Also here" line, never repeated in full.
#[test]
fn export_dialog_groups_and_never_repeats_a_claim() {
    use stratlens::export::GroupBy;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = wide();
    update(&mut s, Action::Go(Go::SelectTab(Tab::Countries)));
    let xk = s.store().index_of(Kind::Country, "XK").expect("XK");
    while s.selected_entry().and_then(|e| e.facet) != Some(Facet::Country(xk)) {
        update(&mut s, Action::Move(Move::Down));
    }
    let listed = s.listed();
    for (steps, want, heading) in [
        (0, GroupBy::Country, "## Kosovo (XK)"),
        (1, GroupBy::Theme, "## "),
        (2, GroupBy::None, "## Claims"),
    ] {
        update(&mut s, Action::Brief(Brief::ExportOpen));
        while s.export().map(|d| d.field) != Some(Field::Group) {
            update(&mut s, Action::Dialog(Dialog::NextField));
        }
        for _ in 0..steps {
            update(&mut s, Action::Dialog(Dialog::OptionNext));
        }
        assert_eq!(s.export().map(|d| d.group_by), Some(want));
        let path = dir.path().join(format!("{}.md", want.as_str()));
        type_path(&mut s, &path.display().to_string());
        update(&mut s, Action::Dialog(Dialog::Write));
        let text = std::fs::read_to_string(&path).expect("briefing");
        assert!(text.contains(heading), "{want:?}");
        let full = text.lines().filter(|l| l.starts_with("### ")).count();
        assert_eq!(full, listed, "{want:?}: each claim in full once");
        let mut ids: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("### "))
            .filter_map(|l| l.split(':').next())
            .collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "{want:?}: a claim given in full twice");
        // "Also here" names a claim at most once per group.
        for line in text.lines().filter(|l| l.starts_with("Also here: ")) {
            let names: Vec<&str> = line["Also here: ".len()..]
                .trim_end_matches(" (given in full above).")
                .split(", ")
                .collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{line}");
        }
        if want == GroupBy::None {
            assert!(!text.contains("Also here"), "ungrouped: nothing repeated");
        }
    }
}
