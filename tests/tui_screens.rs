//! Whole screens drawn on a `TestBackend`: insta snapshots at 80x24 and
//! 120x40, styling checks, and a grid of sizes from 1x1 to 300x100.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use stratlens::app::action::{Brief, Dialog, Go, Jump, Move, Pin, SearchEdit};
use stratlens::app::{Action, State, Tab};
use stratlens::filter::Facet;
use stratlens::model::{Kind, load_embedded};
use stratlens::ui;

mod common;
use common::update;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn state(width: u16, height: u16, color: bool) -> State {
    let mut s = State::new(load_embedded().expect("embedded dataset"), color);
    update(&mut s, Action::Resize { width, height });
    s
}

fn buffer(s: &State) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(s.width(), s.height())).expect("terminal");
    term.draw(|f| ui::draw(s, f)).expect("draw");
    term.backend().buffer().clone()
}

/// The buffer as text, one line per row, trailing spaces kept off.
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn unicode_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn kosovo(s: &mut State) {
    let xk = s.store().index_of(Kind::Country, "XK").expect("XK");
    update(s, Action::Go(Go::SelectTab(Tab::Countries)));
    while s.selected_entry().and_then(|e| e.facet) != Some(Facet::Country(xk)) {
        update(s, Action::Move(Move::Down));
    }
}

fn search(s: &mut State, q: &str) {
    update(s, Action::Search(SearchEdit::Open));
    for c in q.chars() {
        update(s, Action::Search(SearchEdit::Input(c)));
    }
}

/// Kosovo, the claims list, then the second claim's detail.
fn detail(s: &mut State) {
    kosovo(s);
    for a in [
        Action::Go(Go::Drill),
        Action::Move(Move::Down),
        Action::Go(Go::Drill),
    ] {
        update(s, a);
    }
}

fn snap(name: &str, setup: fn(&mut State)) {
    for (w, h) in SIZES {
        let mut s = state(w, h, true);
        setup(&mut s);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text(&buffer(&s)));
    }
}

#[test]
fn snapshot_start() {
    snap("start", |_| {});
}

#[test]
fn snapshot_kosovo() {
    snap("kosovo", kosovo);
}

/// Kosovo's timeline (`t`): the sources in date order with its claims.
#[test]
fn snapshot_timeline() {
    snap("timeline_kosovo", |s| {
        kosovo(s);
        update(s, Action::Brief(Brief::ToggleTimeline));
    });
}

/// Two strategies side by side on Kosovo: 1999 and 2000.
#[test]
fn snapshot_compare() {
    snap("compare_kosovo", |s| {
        kosovo(s);
        update(s, Action::Brief(Brief::ToggleTimeline));
        let rows = s.timeline_rows();
        let at = |id: &str| rows.iter().position(|r| r.source == id).expect(id);
        for _ in 0..at("us-nss-1999") {
            update(s, Action::Move(Move::Down));
        }
        update(s, Action::Brief(Brief::Compare));
        update(s, Action::Move(Move::Down));
        update(s, Action::Brief(Brief::Compare));
    });
}

/// Kosovo with `r`: the claims about its regions listed too, marked.
#[test]
fn snapshot_kosovo_with_regions() {
    snap("kosovo_regions", |s| {
        kosovo(s);
        update(s, Action::Pin(Pin::Regions));
    });
}

#[test]
fn snapshot_search_nato() {
    snap("search_nato", |s| search(s, "nato"));
}

#[test]
fn snapshot_detail() {
    snap("detail", detail);
}

#[test]
fn snapshot_help() {
    snap("help", |s| update(s, Action::ToggleHelp));
}

/// Two marked claims and the stats view under the primary-text lens.
fn stats_view(s: &mut State) {
    for a in [
        Action::Go(Go::Drill),
        Action::Brief(Brief::ToggleMark),
        Action::Move(Move::Down),
        Action::Brief(Brief::ToggleMark),
        Action::Brief(Brief::CycleLens),
        Action::Brief(Brief::ToggleStats),
    ] {
        update(s, a);
    }
}

#[test]
fn snapshot_stats() {
    snap("stats", stats_view);
}

#[test]
fn snapshot_stats_kosovo_scrolled() {
    snap("stats_kosovo", |s| {
        kosovo(s);
        update(s, Action::Brief(Brief::ToggleStats));
        update(s, Action::Move(Move::Bottom));
    });
}

/// The export dialog with two marks, the format moved to JSON, and a
/// fixed file name (the default one carries the time).
fn export_dialog(s: &mut State) {
    for a in [
        Action::Go(Go::Drill),
        Action::Brief(Brief::ToggleMark),
        Action::Move(Move::Down),
        Action::Move(Move::Down),
        Action::Brief(Brief::ToggleMark),
        Action::Brief(Brief::ExportOpen),
        Action::Dialog(Dialog::NextField),
        Action::Dialog(Dialog::OptionNext),
    ] {
        update(s, a);
    }
    if let Some(d) = s.export_mut() {
        d.path = "briefings/kosovo.json".into();
    }
}

#[test]
fn snapshot_export_dialog() {
    snap("export_dialog", export_dialog);
}

#[test]
fn snapshot_export_overwrite() {
    snap("export_overwrite", |s| {
        export_dialog(s);
        if let Some(d) = s.export_mut() {
            d.confirm = true;
        }
    });
}

#[test]
fn marked_rows_and_count_are_drawn() {
    for (w, h) in SIZES {
        let mut s = state(w, h, false);
        for a in [
            Action::Go(Go::Drill),
            Action::Brief(Brief::ToggleMark),
            Action::Brief(Brief::ToggleMarkedOnly),
        ] {
            update(&mut s, a);
        }
        let screen = text(&buffer(&s));
        assert!(screen.contains("▶●"), "{w}x{h}: mark marker\n{screen}");
        assert!(screen.contains("●1 marked"), "{w}x{h}: count");
        let top = screen.lines().next().unwrap_or("");
        assert!(
            top.starts_with(" Marked ›") && top.contains("marked only"),
            "{top}"
        );
    }
}

#[test]
fn snapshot_too_small() {
    let s = state(30, 8, true);
    insta::assert_snapshot!("too_small_30x8", text(&buffer(&s)));
}

#[test]
fn snapshot_no_color_detail() {
    let mut s = state(80, 24, false);
    detail(&mut s);
    update(&mut s, Action::Jump(Jump::NextLink));
    insta::assert_snapshot!("no_color_detail_80x24", text(&buffer(&s)));
}

/// Cells of `buf` whose symbol run spells `word` on some row.
fn find_cells(buf: &Buffer, word: &str) -> Vec<Vec<(u16, u16)>> {
    let n = word.chars().count() as u16;
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width.saturating_sub(n - 1) {
            let spelled: String = (0..n).map(|i| buf[(x + i, y)].symbol()).collect();
            if spelled == word {
                out.push((0..n).map(|i| (x + i, y)).collect());
            }
        }
    }
    out
}

#[test]
fn no_color_sets_no_colour_and_keeps_states_visible() {
    for (w, h) in SIZES {
        let mut s = state(w, h, false);
        detail(&mut s);
        search(&mut s, "kosovo");
        update(&mut s, Action::Search(SearchEdit::Accept));
        update(&mut s, Action::Jump(Jump::NextLink));
        let buf = buffer(&s);
        for cell in buf.content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{w}x{h}: coloured cell {cell:?}"
            );
        }
        let mods: Vec<Modifier> = buf.content().iter().map(|c| c.modifier).collect();
        assert!(
            mods.iter()
                .any(|m| m.contains(Modifier::REVERSED | Modifier::BOLD)),
            "quote/selection"
        );
        assert!(
            mods.iter().any(|m| m.contains(Modifier::UNDERLINED)),
            "matches / hedges"
        );
        if w >= 100 {
            assert!(text(&buf).contains('▶'), "selection marker");
        }
    }
}

#[test]
fn quote_is_reversed_and_search_matches_underlined() {
    let mut s = state(120, 40, true);
    search(&mut s, "nato");
    update(&mut s, Action::Search(SearchEdit::Accept));
    update(&mut s, Action::Go(Go::Drill));
    let buf = buffer(&s);
    let claim = s.claim().expect("claim");
    let quote = s.store().quote_text(claim);
    let first_word: String = quote.split_whitespace().next().unwrap_or("").to_string();
    let quote_cells = find_cells(&buf, &first_word);
    assert!(
        quote_cells.iter().any(|run| run.iter().all(|&p| buf[p]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD))),
        "quote start {first_word:?} not reversed"
    );
    let matched = find_cells(&buf, "NATO");
    assert!(
        matched.iter().any(|run| run.iter().all(|&p| buf[p]
            .modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED))),
        "search match not bold+underlined"
    );
}

#[test]
fn pinned_chips_show_in_the_top_line() {
    let mut s = state(120, 40, true);
    kosovo(&mut s);
    update(&mut s, Action::Pin(Pin::Include));
    update(&mut s, Action::Go(Go::SelectTab(Tab::Actors)));
    let nato = s.store().index_of(Kind::Actor, "nato").expect("nato");
    while s.selected_entry().and_then(|e| e.facet) != Some(Facet::Actor(nato)) {
        update(&mut s, Action::Move(Move::Down));
    }
    update(&mut s, Action::Pin(Pin::Exclude));
    search(&mut s, "serbia");
    update(&mut s, Action::Search(SearchEdit::Accept));
    let screen = text(&buffer(&s));
    let top = screen.lines().next().unwrap_or("");
    assert!(
        top.contains("+Kosovo") && top.contains("-NATO") && top.contains("/serbia"),
        "{top}"
    );
    assert!(screen.contains("▶! NATO"), "exclusion marker on the entry");
    update(&mut s, Action::Go(Go::SelectTab(Tab::Countries)));
    assert!(
        text(&buffer(&s)).contains("▶* Kosovo"),
        "pin marker on the entry"
    );
    let bottom = screen.lines().last().unwrap_or("");
    assert!(
        bottom.contains(&format!(
            "{} of {} claims",
            s.visible().len(),
            s.store().claims().len()
        )),
        "{bottom}"
    );
}

#[test]
fn every_size_draws_without_panic() {
    let widths = [
        1u16, 2, 3, 7, 20, 30, 31, 39, 40, 41, 55, 79, 80, 99, 100, 101, 140, 200, 300,
    ];
    let heights = [1u16, 2, 3, 5, 9, 10, 11, 16, 24, 40, 67, 100];
    let mut detail_state = state(120, 40, true);
    detail(&mut detail_state);
    search(&mut detail_state, "kosovo");
    let mut start = state(120, 40, true);
    for &w in &widths {
        for &h in &heights {
            for s in [&mut start, &mut detail_state] {
                update(
                    s,
                    Action::Resize {
                        width: w,
                        height: h,
                    },
                );
                let screen = text(&buffer(s));
                let small = w < 40 || h < 10;
                if small && w >= ui::TOO_SMALL.len() as u16 {
                    assert!(screen.contains(ui::TOO_SMALL), "{w}x{h}:\n{screen}");
                }
                if !small {
                    assert!(!screen.contains(ui::TOO_SMALL), "{w}x{h}");
                    assert!(
                        screen.contains("claims"),
                        "{w}x{h}: no status line\n{screen}"
                    );
                }
            }
        }
    }
}

#[test]
fn stats_and_export_dialog_draw_at_every_size() {
    let mut stats = state(120, 40, false);
    stats_view(&mut stats);
    let mut dialog = state(120, 40, false);
    export_dialog(&mut dialog);
    for w in [1u16, 20, 39, 40, 41, 60, 79, 80, 99, 100, 140, 300] {
        for h in [1u16, 5, 10, 11, 16, 24, 40, 100] {
            for s in [&mut stats, &mut dialog] {
                update(
                    s,
                    Action::Resize {
                        width: w,
                        height: h,
                    },
                );
                let screen = text(&buffer(s));
                if w >= 40 && h >= 10 {
                    assert!(screen.contains("claims"), "{w}x{h}\n{screen}");
                }
            }
        }
    }
}

/// Issue #16, 19: an empty dataset says so, not "No claims match".
#[test]
fn an_empty_dataset_says_it_is_empty() {
    let mut d: serde_json::Value =
        serde_json::from_str(include_str!("data/good/minimal.json")).expect("json");
    d["claims"] = serde_json::json!([]);
    let dir = std::env::temp_dir().join(format!("stratlens-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("empty.json");
    std::fs::write(&path, d.to_string()).expect("write");
    let store = stratlens::model::load(&[path], &Default::default()).expect("loads");
    let _ = std::fs::remove_dir_all(&dir);
    let mut s = State::new(store, false);
    update(
        &mut s,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let screen = text(&buffer(&s));
    assert!(screen.contains("This dataset has no claims."), "{screen}");
    assert!(!screen.contains("No claims match"), "{screen}");
}

fn edit(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Edit(stratlens::app::action::Edit::Input(c)));
    }
}

/// `:` and a query: the commands it matches, with their keys.
#[test]
fn snapshot_palette() {
    snap("palette", |s| {
        update(s, Action::Tool(stratlens::app::action::Tool::Palette));
        edit(s, "ser");
    });
}

/// Kosovo's second claim with a note written and the editor open on it
/// again, the cursor moved into the line.
#[test]
fn snapshot_note() {
    snap("note", |s| {
        detail(s);
        update(s, Action::Tool(stratlens::app::action::Tool::Note));
        edit(s, "Ask the desk whether the 2017 text says the same");
        update(s, Action::Edit(stratlens::app::action::Edit::Accept));
        update(s, Action::Tool(stratlens::app::action::Tool::Note));
        update(s, Action::Edit(stratlens::app::action::Edit::Home));
    });
}

/// A claim with a note, in Claims (✎) and Detail.
#[test]
fn snapshot_noted_claim() {
    snap("noted_claim", |s| {
        detail(s);
        update(s, Action::Tool(stratlens::app::action::Tool::Note));
        edit(s, "Ask the desk");
        update(s, Action::Edit(stratlens::app::action::Edit::Accept));
        update(s, Action::Go(Go::Back));
    });
}

/// `v` on Kosovo with a chip pinned: what the view holds, the name typed.
#[test]
fn snapshot_save_view() {
    snap("save_view", |s| {
        kosovo(s);
        update(s, Action::Pin(Pin::Include));
        update(s, Action::Tool(stratlens::app::action::Tool::SaveView));
        edit(s, "kosovo watch");
    });
}
