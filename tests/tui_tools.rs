//! The command palette, saved views and notes, driven through the keymap
//! and `update` without a terminal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stratlens::app::action::{Brief, Go, Pin, Tool};
use stratlens::app::keymap::action_for;
use stratlens::app::state::Overlay;
use stratlens::app::{Action, Effect, Pane, State, Tab, restore};
use stratlens::config::ThemeName;
use stratlens::model::Kind;
use stratlens::session::Restore;

mod common;
use common::{update, wide};

/// A key as the terminal reports it, through the keymap in force.
fn press(s: &mut State, code: KeyCode, mods: KeyModifiers) {
    let action = action_for(s, KeyEvent::new(code, mods))
        .unwrap_or_else(|| panic!("{code:?} does nothing here"));
    update(s, action);
}

fn key(s: &mut State, c: char) {
    press(s, KeyCode::Char(c), KeyModifiers::NONE);
}

fn typed(s: &mut State, text: &str) {
    text.chars().for_each(|c| key(s, c));
}

fn enter(s: &mut State) {
    press(s, KeyCode::Enter, KeyModifiers::NONE);
}

fn esc(s: &mut State) {
    press(s, KeyCode::Esc, KeyModifiers::NONE);
}

fn message(s: &State) -> &str {
    s.message().unwrap_or("")
}

fn palette(s: &State) -> &stratlens::app::palette::Palette {
    match s.overlay() {
        Overlay::Palette(p) => p,
        other => panic!("palette not open: {other:?}"),
    }
}

#[test]
fn colon_stats_enter_opens_the_stats_view() {
    let mut s = wide();
    key(&mut s, ':');
    assert!(matches!(s.overlay(), Overlay::Palette(_)));
    // Keys that act on the main screen are typed into the query.
    typed(&mut s, "stats");
    assert_eq!(palette(&s).input.text(), "stats");
    assert!(!s.stats(), "nothing runs before Enter");
    enter(&mut s);
    assert!(s.stats(), "stats view open");
    assert_eq!(s.overlay(), &Overlay::None);
}

#[test]
fn the_palette_selects_with_arrows_and_ctrl_n_p_and_esc_closes() {
    let mut s = wide();
    key(&mut s, ':');
    typed(&mut s, "tab");
    let first = palette(&s).chosen().cloned().expect("matches");
    press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(palette(&s).sel, 2);
    press(&mut s, KeyCode::Char('p'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(palette(&s).chosen(), Some(&first));
    // Editing keys: the cursor moves, Backspace deletes before it.
    press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    press(&mut s, KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(palette(&s).input.text(), "tb");
    esc(&mut s);
    assert_eq!(s.overlay(), &Overlay::None);
    assert_eq!(s.tab(), Tab::Countries, "Esc ran nothing");
}

#[test]
fn a_query_that_matches_nothing_says_so_and_keeps_the_palette() {
    let mut s = wide();
    key(&mut s, ':');
    typed(&mut s, "qqxzzv");
    assert!(palette(&s).shown.is_empty());
    enter(&mut s);
    assert!(matches!(s.overlay(), Overlay::Palette(_)), "still open");
    assert!(message(&s).contains("Nothing matches"), "{}", message(&s));
    assert_eq!(palette(&s).input.text(), "qqxzzv", "the query is kept");
}

#[test]
fn the_palette_opens_entities_and_switches_themes() {
    let mut s = wide();
    key(&mut s, ':');
    typed(&mut s, "open country:serbia");
    enter(&mut s);
    let rs = s.store().index_of(Kind::Country, "RS").expect("RS");
    assert_eq!(s.tab(), Tab::Countries);
    assert_eq!(
        s.selected_entry().and_then(|e| e.facet),
        Some(stratlens::filter::Facet::Country(rs))
    );
    key(&mut s, ':');
    typed(&mut s, "theme light");
    enter(&mut s);
    assert_eq!(s.theme(), ThemeName::Light);
    assert!(message(&s).contains("Theme light"), "{}", message(&s));
    key(&mut s, ':');
    typed(&mut s, "open claim:c14");
    enter(&mut s);
    assert_eq!(s.focus(), Pane::Detail);
    let c14 = s.store().index_of(Kind::Claim, "c14");
    assert_eq!(s.claim(), c14);
}

#[test]
fn the_palette_shows_each_actions_keys() {
    let mut s = wide();
    key(&mut s, ':');
    let p = palette(&s);
    let export = p.shown.iter().find(|i| i.word == "export").expect("export");
    assert_eq!(export.keys, "e");
    assert_eq!(export.action, Action::Brief(Brief::ExportOpen));
    let stats = p.shown.iter().find(|i| i.word == "stats").expect("stats");
    assert_eq!(stats.keys, "s");
    assert!(p.shown.iter().any(|i| i.word == "help" && i.keys == "?"));
    assert!(p.shown.iter().any(|i| i.word == "quit"));
    assert!(
        p.shown.iter().all(|i| !i.word.contains("text input")),
        "keys of a line being typed are not commands"
    );
}

/// Selects the first claim and opens the note editor on it.
fn open_note(s: &mut State) -> usize {
    update(s, Action::Go(Go::Drill));
    let claim = s.claim().expect("a claim");
    key(s, 'i');
    assert!(matches!(s.overlay(), Overlay::Note(_)));
    claim
}

#[test]
fn a_note_is_saved_marks_the_claim_and_goes_into_the_session() {
    let mut s = wide();
    let claim = open_note(&mut s);
    typed(&mut s, "ask the desk");
    // `q`, `m` and `x` are typed, not run.
    typed(&mut s, " qmx");
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    enter(&mut s);
    assert_eq!(s.overlay(), &Overlay::None);
    assert_eq!(
        s.notes().get(&claim).map(String::as_str),
        Some("sk the desk qmx")
    );
    assert!(s.marks().contains(&claim), "a note marks its claim");
    assert!(message(&s).starts_with("Note saved on"), "{}", message(&s));
    // Into the session by id, and back from it.
    let saved = restore::saved(&s);
    let id = s.store().claim_at(claim).id().to_string();
    assert_eq!(
        saved.notes.get(&id).map(String::as_str),
        Some("sk the desk qmx")
    );
    let mut fresh = wide();
    update(
        &mut fresh,
        Action::Outcome(stratlens::app::action::Outcome::Session(Box::new(
            Restore::Found(saved),
        ))),
    );
    assert_eq!(fresh.notes(), s.notes());
}

#[test]
fn esc_on_a_changed_note_asks_before_discarding() {
    let mut s = wide();
    let claim = open_note(&mut s);
    typed(&mut s, "draft");
    esc(&mut s);
    match s.overlay() {
        Overlay::Note(ed) => assert!(ed.confirm_discard && ed.line.text() == "draft"),
        other => panic!("editor closed on the first Esc: {other:?}"),
    }
    esc(&mut s);
    assert_eq!(s.overlay(), &Overlay::None);
    assert!(s.notes().is_empty() && !s.marks().contains(&claim));
    assert!(message(&s).contains("discarded"), "{}", message(&s));
    // Unchanged: one Esc closes.
    key(&mut s, 'i');
    esc(&mut s);
    assert_eq!(s.overlay(), &Overlay::None);
}

#[test]
fn an_emptied_note_is_removed_and_the_claim_stays_marked() {
    let mut s = wide();
    let claim = open_note(&mut s);
    typed(&mut s, "first");
    enter(&mut s);
    key(&mut s, 'i');
    match s.overlay() {
        Overlay::Note(ed) => assert_eq!(ed.line.text(), "first", "editing the note there"),
        other => panic!("{other:?}"),
    }
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    enter(&mut s);
    assert!(s.notes().is_empty());
    assert!(s.marks().contains(&claim));
    assert!(message(&s).contains("Note removed"), "{}", message(&s));
}

fn with_views(dir: &std::path::Path) -> State {
    let mut s = common::wide().with_views_dir(Some(dir.to_path_buf()));
    update(
        &mut s,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    s
}

/// Kosovo pinned, the lens on the strategy's own text, a search.
fn kosovo_view(s: &mut State) {
    let xk = s.store().index_of(Kind::Country, "XK").expect("XK");
    update(
        s,
        Action::Go(Go::Open(stratlens::target::Target {
            kind: Kind::Country,
            index: xk,
        })),
    );
    update(s, Action::Pin(Pin::Include));
    update(s, Action::Brief(Brief::CycleLens));
}

fn save_as(s: &mut State, name: &str) {
    key(s, 'v');
    typed(s, name);
    enter(s);
}

#[test]
fn a_view_is_saved_restored_and_overwritten_only_on_yes() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = with_views(dir.path());
    kosovo_view(&mut s);
    let (filter, lens, listed) = (s.filter().clone(), s.lens(), s.listed());
    save_as(&mut s, "kosovo");
    assert_eq!(s.overlay(), &Overlay::None, "{}", message(&s));
    let file = stratlens::views::path_in(dir.path());
    let list = stratlens::views::load(&file).expect("views file");
    assert_eq!(list.len(), 1);
    assert!(list[0].include.contains(&"country:XK".to_string()));
    assert_eq!(
        list[0].dataset.as_deref(),
        Some(s.store().fingerprint.as_str())
    );
    update(&mut s, Action::Pin(Pin::Clear));
    assert!(s.filter().include.is_empty());
    key(&mut s, ':');
    typed(&mut s, "view kosovo");
    enter(&mut s);
    assert_eq!((s.filter(), s.lens(), s.listed()), (&filter, lens, listed));
    assert!(message(&s).contains("restored"), "{}", message(&s));
    // The same name again asks; n keeps the old one and the name typed.
    update(&mut s, Action::Pin(Pin::Clear));
    save_as(&mut s, "kosovo");
    match s.overlay() {
        Overlay::ViewName(p) => assert!(p.confirm),
        other => panic!("no question: {other:?}"),
    }
    key(&mut s, 'n');
    match s.overlay() {
        Overlay::ViewName(p) => assert!(!p.confirm && p.line.text() == "kosovo"),
        other => panic!("prompt closed: {other:?}"),
    }
    assert_eq!(
        stratlens::views::load(&file).expect("views")[0]
            .include
            .len(),
        1
    );
    enter(&mut s);
    key(&mut s, 'y');
    assert_eq!(s.overlay(), &Overlay::None);
    assert!(
        stratlens::views::load(&file).expect("views")[0]
            .include
            .is_empty()
    );
}

#[test]
fn a_view_naming_a_lost_entity_says_so_and_restores_the_rest() {
    let dir = tempfile::tempdir().expect("dir");
    let s = wide();
    let view = stratlens::views::View {
        name: "old".into(),
        dataset: Some(s.store().fingerprint.clone()),
        tab: "themes".into(),
        include: vec!["country:ZZ".into(), "country:RS".into()],
        query: "nato".into(),
        lens: "author".into(),
        ..Default::default()
    };
    stratlens::views::save(&stratlens::views::path_in(dir.path()), &[view]).expect("save");
    let mut s = with_views(dir.path());
    update(&mut s, Action::Tool(Tool::View("old".into())));
    assert!(message(&s).contains("country:ZZ"), "{}", message(&s));
    let rs = s.store().index_of(Kind::Country, "RS").expect("RS");
    assert_eq!(
        s.filter().include,
        vec![stratlens::filter::Facet::Country(rs)]
    );
    assert_eq!((s.query(), s.tab()), ("nato", Tab::Themes));
    assert_eq!(s.lens().key(), "author");
    update(&mut s, Action::Tool(Tool::View("nope".into())));
    assert!(message(&s).contains("No saved view"), "{}", message(&s));
}

#[test]
fn without_a_data_directory_the_name_typed_is_kept() {
    let mut s = wide();
    save_as(&mut s, "balkans");
    match s.overlay() {
        Overlay::ViewName(p) => {
            assert_eq!(p.line.text(), "balkans");
            assert!(p.error.as_deref().unwrap_or("").contains("XDG_DATA_HOME"));
        }
        other => panic!("prompt closed: {other:?}"),
    }
    esc(&mut s);
    assert_eq!(s.overlay(), &Overlay::None);
    assert_eq!(message(&s), "View not saved");
}

#[test]
fn a_corrupt_views_file_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("dir");
    let file = stratlens::views::path_in(dir.path());
    std::fs::write(&file, "{ not json").expect("write");
    let mut s = with_views(dir.path());
    save_as(&mut s, "x");
    match s.overlay() {
        Overlay::ViewName(p) => assert!(p.error.as_deref().unwrap_or("").contains("views.json:1:")),
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "{ not json");
}

#[test]
fn the_export_dialog_copies_the_briefing_within_the_osc52_limit() {
    let mut s = wide();
    update(&mut s, Action::Go(Go::Drill));
    update(&mut s, Action::Brief(Brief::ToggleMark));
    key(&mut s, 'e');
    press(&mut s, KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(s.overlay(), &Overlay::None);
    let Some(Effect::Copy(text)) = s.effects().last() else {
        panic!("nothing copied: {:?}", s.message())
    };
    let id = s
        .store()
        .claim_at(*s.marks().iter().next().expect("mark"))
        .id();
    assert!(text.starts_with("# stratlens briefing") && text.contains(id));
    assert!(
        message(&s).contains("Copied the briefing"),
        "{}",
        message(&s)
    );
    // Every claim is more than a terminal takes: refused, with the size.
    key(&mut s, 'e');
    update(
        &mut s,
        Action::Dialog(stratlens::app::action::Dialog::OptionNext),
    );
    press(&mut s, KeyCode::Char('y'), KeyModifiers::CONTROL);
    let err = s.export().and_then(|d| d.error.clone()).expect("refused");
    assert!(
        err.contains("kB") && err.contains("writes it to a file"),
        "{err}"
    );
}
