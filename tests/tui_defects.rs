//! Screens changed for issue #16, drawn on a `TestBackend` and read as
//! text: the search line, the hint line, the Attribution tab's headings,
//! Detail's section rule, alias note and entity facts, claim rows that use
//! the width.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use stratlens::app::action::{Go, Jump, Move, Pin, SearchEdit};
use stratlens::app::{Action, State, Tab};
use stratlens::filter::Facet;
use stratlens::model::{Kind, load_embedded};
use stratlens::ui;

mod common;
use common::update;

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
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
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

/// Kosovo, the claims list, then the second claim's detail (c14).
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

/// The screen's last line.
fn bottom_line(s: &State) -> String {
    text(&buffer(s))
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// A query longer than the line: its end, being typed, stays in sight with
/// the cursor after it, and the start gives way to `…` (issue #16, item 4).
#[test]
fn long_query_scrolls_to_the_end_being_typed() {
    let q = "the strategy explicitly cites a brokered agreement as one of several conflicts \
             settled by direct presidential diplomacy, placing it alongside resolved through";
    for (w, h) in [(80, 24), (120, 40), (40, 10)] {
        let mut s = state(w, h, true);
        search(&mut s, q);
        let buf = buffer(&s);
        let line = bottom_line(&s);
        assert!(line.contains("resolved through"), "{w}x{h}: {line}");
        assert!(line.starts_with(" /…"), "{w}x{h}: {line}");
        // The cursor cell right after the last letter is drawn reversed.
        let y = h - 1;
        let at = (0..w)
            .rev()
            .find(|&x| buf[(x, y)].symbol() == "h")
            .expect("last letter");
        let cursor = &buf[(at + 1, y)];
        assert!(
            cursor.style().add_modifier.contains(Modifier::REVERSED),
            "{w}x{h}: cursor cell"
        );
        // Typing a letter more moves the end along and keeps it in sight.
        update(&mut s, Action::Search(SearchEdit::Input('X')));
        assert!(bottom_line(&s).contains("throughX"), "{w}x{h}");
    }
    // A short query is shown whole.
    let mut s = state(80, 24, true);
    search(&mut s, "nato");
    assert!(bottom_line(&s).starts_with(" /nato"));
}

/// The key hints shorten by dropping whole hints, the help hint last;
/// none is cut in the middle (issue #16, item 10).
#[test]
fn hint_line_drops_whole_hints() {
    for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 60)] {
        let mut s = state(w, h, true);
        kosovo(&mut s);
        let line = bottom_line(&s);
        assert!(!line.contains('…'), "{w}x{h}: {line}");
        assert!(line.contains("? help"), "{w}x{h}: {line}");
        let left = line.split("  ").next().unwrap_or_default();
        for part in left.trim().split(" · ") {
            let (key, hint) = part.split_once(' ').expect(part);
            assert!(!key.is_empty() && !hint.is_empty(), "{w}x{h}: {part}");
        }
    }
}

/// The Attribution tab heads its two groups, layer and certainty, so the
/// two scales are not read as one list; the selected entry stays in sight
/// at every height and a click picks the entry under it, never a heading
/// (issue #16, item 19).
#[test]
fn attribution_tab_heads_layers_and_certainty() {
    use stratlens::app::action::Mouse;
    let mut s = state(120, 40, true);
    update(&mut s, Action::Go(Go::SelectTab(Tab::Attribution)));
    let screen = text(&buffer(&s));
    let at = |label: &str| screen.lines().position(|l| l.contains(label)).expect(label);
    assert!(at("│ Layer ") < at("primary, verbatim"));
    assert!(at("primary, verbatim") < at("│ Certainty "));
    assert!(at("│ Certainty ") < at("│   asserted"));
    // A click on the heading selects nothing; on "asserted", that entry.
    let row = at("│ Certainty ") as u16;
    let before = s.entry_sel();
    update(&mut s, Action::Mouse(Mouse::Click { col: 5, row }));
    assert_eq!(s.entry_sel(), before);
    update(
        &mut s,
        Action::Mouse(Mouse::Click {
            col: 5,
            row: row + 1,
        }),
    );
    let label = s.selected_entry().map(|e| e.label.clone());
    assert_eq!(label.as_deref(), Some("asserted"));
    for h in 10..16 {
        let mut s = state(80, h, true);
        update(&mut s, Action::Go(Go::SelectTab(Tab::Attribution)));
        for _ in 0..s.entries().len() {
            let label = s
                .selected_entry()
                .map(|e| e.label.clone())
                .unwrap_or_default();
            let screen = text(&buffer(&s));
            let shown = screen
                .lines()
                .any(|l| l.contains('▶') && l.contains(&label));
            assert!(shown, "80x{h}: {label} not shown:\n{screen}");
            update(&mut s, Action::Move(Move::Down));
        }
    }
}

/// The rule above Detail's source text names the section being read, the
/// one at the top line shown, as the text scrolls (issue #16, item 19).
#[test]
fn detail_heading_names_the_section_being_read() {
    let mut s = state(120, 40, true);
    detail(&mut s);
    let rule = |s: &State| {
        let screen = text(&buffer(s));
        let line = screen.lines().find(|l| l.contains("── § ")).expect("rule");
        line.split("── § ").nth(1).unwrap_or_default().to_string()
    };
    // c14 quotes "Kosovo–Serbia as a template"; the text shown above the
    // quote's heading is still the section before it.
    let screen = text(&buffer(&s));
    let below = screen.split("── § ").nth(1).expect("rule");
    let first = below.lines().nth(1).expect("first source line");
    assert!(
        first.contains("Instead, U.S. policy appears geared"),
        "{first}"
    );
    assert!(
        rule(&s).starts_with("Stability over transformation"),
        "{}",
        rule(&s)
    );
    update(&mut s, Action::Move(Move::Top));
    assert!(rule(&s).starts_with("Lead"), "{}", rule(&s));
    update(&mut s, Action::Move(Move::Bottom));
    let xk = s
        .store()
        .claims()
        .iter()
        .position(|c| c.id() == "c14")
        .expect("c14");
    // At the end, a later section's heading, one of the source's own.
    let sections = &s.store().source_of(xk).sections;
    let at_end = rule(&s);
    let named = sections
        .iter()
        .position(|x| at_end.starts_with(&x.heading.chars().take(12).collect::<String>()));
    assert!(named.is_some_and(|i| i > 2), "{at_end}");
}

/// Issue #16, 3: Detail says a claim was found through an alias.
#[test]
fn detail_says_a_match_came_through_an_alias() {
    let mut s = state(120, 40, true);
    search(&mut s, "BiH");
    update(&mut s, Action::Search(SearchEdit::Accept));
    update(&mut s, Action::Go(Go::FocusNext));
    update(&mut s, Action::Go(Go::Drill));
    let screen = text(&buffer(&s));
    assert!(
        screen.contains("Found      via alias BiH (Bosnia and"),
        "{screen}"
    );
    // Without the search, no such line.
    update(&mut s, Action::Pin(Pin::Clear));
    assert!(!text(&buffer(&s)).contains("via alias"));
}

/// Issue #16, 12: the link under Detail's cursor shows its entity's facts,
/// the ones `stratlens show country` prints (NATO and EU status with
/// their references, aliases, regions); a theme link shows none.
#[test]
fn detail_shows_the_facts_of_the_linked_entity() {
    let mut s = state(120, 40, true);
    detail(&mut s);
    let xk = s.store().index_of(Kind::Country, "XK").expect("XK");
    let links = s.links();
    let at = links
        .iter()
        .position(|l| *l == stratlens::app::state::Link::Facet(Facet::Country(xk)))
        .expect("Kosovo link");
    assert!(!text(&buffer(&s)).contains("↳ NATO"));
    while s.link() != Some(at) {
        update(&mut s, Action::Jump(Jump::NextLink));
    }
    let screen = text(&buffer(&s));
    let flat: String = screen
        .lines()
        .map(|l| l.split('│').nth(5).unwrap_or_default().trim())
        .collect::<Vec<_>>()
        .join(" ");
    for f in stratlens::facts::country(s.store(), xk) {
        assert!(
            flat.contains(&format!("↳ {} ", f.label)),
            "{}: {flat}",
            f.label
        );
    }
    assert!(
        flat.contains("↳ NATO not a member (stated in the article)"),
        "{flat}"
    );
    assert!(flat.contains("↳ aliases Republic of Kosovo"), "{flat}");
    // On to a theme: no facts.
    while !matches!(
        s.link().map(|i| s.links()[i]),
        Some(stratlens::app::state::Link::Facet(Facet::Theme(_)))
    ) {
        update(&mut s, Action::Jump(Jump::NextLink));
    }
    assert!(!text(&buffer(&s)).contains('↳'));
}

/// Issue #16, 10: claim rows wrap their statement over the row and use
/// the pane's width: a statement is cut only after filling both lines,
/// at every size; the Facets pane widens on wide screens.
#[test]
fn claim_rows_use_the_width() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut s = state(w, h, true);
        if w < 100 {
            update(&mut s, Action::Go(Go::Drill));
        }
        let screen = text(&buffer(&s));
        let column = if w < 100 { 1 } else { 3 };
        let pane: Vec<String> = screen
            .lines()
            .skip(2)
            .map(|l| l.split('│').nth(column).unwrap_or_default().to_string())
            .take_while(|l| !l.is_empty())
            .collect();
        let inner = pane[0].chars().count();
        let mut cut = 0;
        for pair in pane.chunks(2).filter(|p| p.len() == 2) {
            let body = |l: &str| l.chars().skip(7).collect::<String>();
            let second = body(&pair[1]);
            if let Some(end) = second.find('…') {
                cut += 1;
                let shown =
                    body(&pair[0]).trim_end().chars().count() + second[..end].chars().count();
                assert!(
                    shown * 10 >= (inner - 7) * 15,
                    "{w}x{h}: {shown} of {inner} columns:\n{}\n{}",
                    pair[0],
                    pair[1]
                );
            }
        }
        assert!(cut > 0, "{w}x{h}: no long statement on screen");
        if w >= 200 {
            let facets = screen
                .lines()
                .nth(1)
                .and_then(|l| l.split('┑').next())
                .unwrap_or_default();
            assert!(
                facets.chars().count() > 30,
                "{w}x{h}: Facets {}",
                facets.chars().count()
            );
        }
    }
}
