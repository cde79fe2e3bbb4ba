//! Terminal output per cursor move at 120x40 (issue 5: at most 2 KB a move).
//!
//! The explorer is drawn as the binary draws it, through ratatui's
//! `CrosstermBackend` (which writes only the cells that changed since the
//! last frame) behind `stratlens::backend::Coalesce` (which fills short
//! gaps between them instead of moving the cursor), into a byte counter; the moves go through `update` as keys
//! would. Byte counts are deterministic (no timing), so they can be asserted.
//!
//! Two kinds of move:
//!
//! - Cursor moves change only where the cursor or the focus is: moving the
//!   focus between panes, scrolling the source text in Detail, walking
//!   Detail's links. Each must write at most [`BUDGET`] bytes.
//! - Moves that bring new content: in the three-pane layout the claims
//!   cursor shows its claim in Detail, the facets cursor re-filters the
//!   claims list live, and a cursor leaving the rows shown scrolls the
//!   list. Redrawing that content is a repaint of the pane, not a cursor
//!   move; what the move costs outside the repainted panes (the cursor
//!   rows, borders, top and status lines) must stay within [`BUDGET`], and
//!   the whole move below what painting the whole screen costs.
//!
//! Every frame's bytes are also fed to a terminal emulator, which must end
//! up showing the same screen as ratatui's own buffer: the counted bytes
//! are the whole output, not a partial one.
//!
//! `cargo test --test render_bytes -- --nocapture` prints the figures.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::{Terminal, TerminalOptions, Viewport};
use stratlens::app::action::{Go, Jump, Move as Motion};
use stratlens::app::geometry;
use stratlens::app::{Action, Pane, State};
use stratlens::term::coalesce::{Coalesce, fill_gaps};
use stratlens::ui;

mod common;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// Issue 5: bytes written to the terminal per cursor move.
const BUDGET: usize = 2048;

/// A writer that keeps everything written to it.
#[derive(Clone, Default)]
struct Tape(Rc<RefCell<Vec<u8>>>);

impl Write for Tape {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The explorer drawn into a byte counter and a terminal emulator.
struct Screen {
    term: Terminal<Coalesce<CrosstermBackend<Tape>>>,
    tape: Tape,
    /// The frame on the terminal, to attribute the next frame's bytes.
    last: Buffer,
    vt: vt100::Parser,
}

/// What one redraw wrote.
struct Frame {
    bytes: usize,
    /// Bytes for the cells outside the given content areas.
    outside: usize,
}

impl Screen {
    fn new() -> Screen {
        let tape = Tape::default();
        let area = Rect::new(0, 0, WIDTH, HEIGHT);
        let term = Terminal::with_options(
            Coalesce::new(CrosstermBackend::new(tape.clone())),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .expect("terminal");
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero");
        Screen {
            term,
            tape,
            last: Buffer::empty(area),
            vt: vt100::Parser::new(size(HEIGHT), size(WIDTH), 0),
        }
    }

    /// Redraws `s`, counting the bytes, and those outside `content`.
    fn draw(&mut self, s: &State, content: &[Rect]) -> Frame {
        self.tape.0.borrow_mut().clear();
        let now = self
            .term
            .draw(|f| ui::draw(s, f))
            .expect("draw")
            .buffer
            .clone();
        let written = std::mem::take(&mut *self.tape.0.borrow_mut());
        self.vt.process(&written);
        let shown: Vec<String> = self
            .vt
            .screen()
            .rows(0, WIDTH)
            .map(|r| r.trim_end().to_string())
            .collect();
        assert_eq!(
            shown,
            text(&now),
            "the bytes written must leave the terminal showing the frame"
        );
        // The same diff, gaps filled as the binary fills them, re-encoded
        // without the content areas.
        let rest = Tape::default();
        let diff = self.last.diff(&now);
        let inside = |x: u16, y: u16| content.iter().any(|r| r.contains(Position { x, y }));
        let outside: Vec<(u16, u16, Cell)> = diff
            .into_iter()
            .filter(|&(x, y, _)| !inside(x, y))
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
        let cells = fill_gaps(&outside, &now);
        CrosstermBackend::new(rest.clone())
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
            .expect("encode");
        self.last = now;
        let outside = rest.0.borrow().len();
        Frame {
            bytes: written.len(),
            outside,
        }
    }
}

/// The buffer's rows as text, without trailing spaces.
fn text(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect()
}

/// Inside of a pane's frame, where its content goes.
fn content_of(s: &State, pane: Pane) -> Rect {
    geometry::panes_of(s)
        .get(pane)
        .map(geometry::inner)
        .unwrap_or_default()
}

/// Figures for one kind of move.
#[derive(Default)]
struct Tally {
    moves: Vec<(&'static str, Frame)>,
}

impl Tally {
    fn max(&self) -> usize {
        self.moves.iter().map(|m| m.1.bytes).max().unwrap_or(0)
    }
    fn max_outside(&self) -> usize {
        self.moves.iter().map(|m| m.1.outside).max().unwrap_or(0)
    }
    fn mean(&self) -> usize {
        self.moves.iter().map(|m| m.1.bytes).sum::<usize>() / self.moves.len().max(1)
    }
    fn report(&self, kind: &str) {
        eprintln!(
            "{kind:<44} {:>3} moves  max {:>5} B  mean {:>5} B  outside content max {:>5} B",
            self.moves.len(),
            self.max(),
            self.mean(),
            self.max_outside()
        );
    }
}

/// How a move went.
struct Move {
    /// Only the cursor or the focus changed: no pane shows new content.
    cursor_only: bool,
    /// The claims list scrolled.
    scrolled: bool,
    frame: Frame,
}

/// Applies `a` and redraws.
fn step(s: &mut State, screen: &mut Screen, a: Action, what: &'static str) -> Move {
    let focus = s.focus();
    let top = s.claims_top();
    let walks_links = matches!(a, Action::Jump(Jump::NextLink | Jump::PrevLink));
    common::update(s, a);
    // What the move legitimately repaints: a move in Facets re-filters
    // Claims (and so Detail), a move in Claims shows its claim in Detail,
    // walking links shows the facts of a country or actor under the link
    // in Detail, and a list that scrolled has new rows. Focus changes and
    // scrolling the source repaint nothing: everything is cursor.
    let mut content = Vec::new();
    let cursor_only = focus != s.focus() || (s.focus() == Pane::Detail && !walks_links);
    let scrolled = s.claims_top() != top;
    if !cursor_only {
        content.push(content_of(s, Pane::Detail));
        if s.focus() == Pane::Facets || scrolled {
            content.push(content_of(s, Pane::Claims));
        }
    }
    let frame = screen.draw(s, &content);
    eprintln!(
        "  {what:<28} {:>5} B  outside content {:>5} B{}",
        frame.bytes,
        frame.outside,
        if scrolled { "  (list scrolled)" } else { "" }
    );
    Move {
        cursor_only,
        scrolled,
        frame,
    }
}

#[test]
fn cursor_moves_at_120x40_write_at_most_2_kb() {
    let mut s = common::wide();
    assert!(s.wide(), "120x40 shows the three panes");
    let mut screen = Screen::new();
    let full = screen.draw(&s, &[]).bytes;
    eprintln!("first frame (full paint)                     {full:>5} B");

    let mut moves: Vec<(Action, &'static str)> = Vec::new();
    // Facets: every country and back.
    let countries = s.entries().len();
    moves.extend(vec![
        (Action::Move(Motion::Down), "facets j");
        countries - 1
    ]);
    moves.extend(vec![(Action::Move(Motion::Up), "facets k"); countries - 1]);
    // Claims: down the whole list (it scrolls past the first screen), up
    // and down inside the last screen (it must stay put), back to the top.
    moves.push((Action::Go(Go::Drill), "focus facets -> claims"));
    let claims = s.visible().len();
    let inside = 8;
    moves.extend(vec![(Action::Move(Motion::Down), "claims j"); claims - 1]);
    moves.extend(vec![
        (Action::Move(Motion::Up), "claims k (inside the list)");
        inside
    ]);
    moves.extend(vec![
        (
            Action::Move(Motion::Down),
            "claims j (inside the list)"
        );
        inside
    ]);
    moves.extend(vec![(Action::Move(Motion::Up), "claims k"); claims - 1]);
    // Detail: scroll the source, walk the links, and back out.
    moves.push((Action::Go(Go::Drill), "focus claims -> detail"));
    moves.extend(std::iter::repeat_n(
        (Action::Move(Motion::Down), "detail j (scroll a line)"),
        4,
    ));
    moves.extend(std::iter::repeat_n(
        (Action::Move(Motion::Up), "detail k (scroll a line)"),
        4,
    ));
    moves.extend(std::iter::repeat_n(
        (Action::Jump(Jump::NextLink), "detail Tab (next link)"),
        4,
    ));
    moves.extend(std::iter::repeat_n(
        (Action::Jump(Jump::PrevLink), "detail p (previous link)"),
        2,
    ));
    moves.push((Action::Go(Go::Back), "focus detail -> claims"));
    moves.push((Action::Go(Go::FocusPrev), "focus claims -> facets"));

    let mut cursor = Tally::default();
    let mut facets = Tally::default();
    let mut claims_moves = Tally::default();
    let mut scrolls = Tally::default();
    let mut links = Tally::default();
    for (a, what) in moves {
        let in_facets = s.focus() == Pane::Facets;
        let Move {
            cursor_only,
            scrolled,
            frame: f,
        } = step(&mut s, &mut screen, a, what);
        assert!(
            f.bytes < full,
            "{what}: {} B, more than painting the whole screen ({full} B)",
            f.bytes
        );
        assert!(
            !(scrolled && what.contains("inside")),
            "{what}: the list scrolled although the cursor stayed among the rows shown"
        );
        if cursor_only {
            assert!(f.bytes <= BUDGET, "{what}: {} B", f.bytes);
            cursor.moves.push((what, f));
        } else {
            assert!(
                f.outside <= BUDGET,
                "{what}: {} B outside the repainted panes",
                f.outside
            );
            if in_facets {
                facets.moves.push((what, f));
            } else {
                if what.starts_with("detail") {
                    links.moves.push((what, f));
                } else if scrolled {
                    scrolls.moves.push((what, f));
                } else {
                    claims_moves.moves.push((what, f));
                }
            }
        }
    }
    assert_eq!(cursor.moves.len(), 12);
    assert_eq!(links.moves.len(), 6);
    assert_eq!(
        claims_moves.moves.len() + scrolls.moves.len(),
        2 * (claims - 1 + inside)
    );
    assert_eq!(facets.moves.len(), 2 * (countries - 1));

    cursor.report("cursor moves (focus, scroll a line)");
    links.report("detail links (an entity's facts under its link)");
    claims_moves.report("claims j/k (Detail shows the claim)");
    scrolls.report("claims j/k that scroll the list");
    facets.report("facets j/k (Claims re-filtered live)");
}
