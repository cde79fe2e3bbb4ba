//! Top line: where you are and which filters are active. Bottom line: the
//! search being typed, or a message, or key hints; and the claim count,
//! after "searching…" while the search worker has not answered.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::wrap::{NO_TAG, Styled, to_line, truncate, with_right};
use crate::app::keymap;
use crate::app::{Lens, Pane, State};

/// `Marked › Primary text › Countries › Kosovo › claim c12`: the switches
/// that narrow the list first, then the place.
pub fn breadcrumb(state: &State, theme: &Theme, s: &mut Styled) {
    if state.briefing.marked_only {
        s.fixed("Marked", theme.strong()).fixed(" › ", theme.dim());
    }
    if state.briefing.lens != Lens::All {
        s.fixed(&capitalised(state.briefing.lens.label()), theme.strong())
            .fixed(" › ", theme.dim());
    }
    s.fixed(state.facets.tab.label(), theme.strong());
    if let Some(f) = state.live_facet() {
        s.fixed(" › ", theme.dim())
            .text(&f.label(&state.store), theme.strong(), NO_TAG);
    }
    if state.stats.is_some() {
        s.fixed(" › stats", theme.dim());
        return;
    }
    if state.focus == Pane::Detail
        && let Some(c) = state.detail.claim
    {
        let id = state.store.claim_at(c).id();
        s.fixed(" › claim ", theme.dim())
            .text(id, theme.strong(), NO_TAG);
    }
}

fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn chips(state: &State, theme: &Theme, s: &mut Styled) {
    if state.briefing.lens != Lens::All {
        s.fixed("  ◆lens: ", theme.include_chip())
            .fixed(state.briefing.lens.label(), theme.include_chip());
    }
    if state.briefing.marked_only {
        s.fixed("  ●marked only", theme.include_chip());
    }
    for f in &state.query.filter.include {
        s.fixed("  +", theme.include_chip()).text(
            &f.label(&state.store),
            theme.include_chip(),
            NO_TAG,
        );
    }
    for f in &state.query.filter.exclude {
        s.fixed("  -", theme.exclude_chip()).text(
            &f.label(&state.store),
            theme.exclude_chip(),
            NO_TAG,
        );
    }
    if !state.query.text.is_empty() {
        s.fixed("  /", theme.search_match())
            .text(&state.query.text, theme.search_match(), NO_TAG);
    }
}

pub fn draw_top(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut s = Styled::new();
    s.fixed(" ", theme.plain());
    breadcrumb(state, theme, &mut s);
    chips(state, theme, &mut s);
    frame.render_widget(
        Paragraph::new(to_line(&truncate(&s.cells, area.width as usize))),
        area,
    );
}

/// The left of the bottom line within `room` columns: the search being
/// typed, a message, or the key hints.
fn left_part(state: &State, theme: &Theme, room: usize) -> Styled {
    let mut s = Styled::new();
    s.fixed(" ", theme.plain());
    if let Some(line) = &state.query.line {
        search_line(&line.input, theme, room, &mut s);
        let rest = room.saturating_sub(s.width() + 3);
        let mut hints = Styled::new();
        hint_line(&keymap::hints(state), theme, rest, &mut hints);
        if !hints.cells.is_empty() {
            s.fixed("  ", theme.plain());
            s.cells.extend(hints.cells);
        }
        return s;
    } else if let Some(msg) = &state.message {
        // Messages may quote dataset text; they were sanitised when made,
        // and pass the gate again here to be sure.
        s.text(msg, theme.message(), NO_TAG);
        return s;
    }
    // The leading space, and one before the count.
    hint_line(&keymap::hints(state), theme, room.saturating_sub(2), &mut s);
    s
}

/// `/query█`: when the query is longer than the line, its start gives way
/// to `…` so the end being typed and the cursor stay in sight.
fn search_line(input: &str, theme: &Theme, room: usize, s: &mut Styled) {
    let mut typed = Styled::new();
    typed.text(input, theme.strong(), NO_TAG);
    // The leading space, the slash, the cursor and one column to spare.
    let fits = room.saturating_sub(4);
    let mut cells = typed.cells;
    let width: usize = cells.iter().map(|c| c.width()).sum();
    s.fixed("/", theme.strong());
    if width > fits {
        let mut drop = 0;
        let mut shown = width;
        while shown + 1 > fits && drop < cells.len() {
            shown -= cells[drop].width();
            drop += 1;
        }
        cells.drain(..drop);
        s.fixed("…", theme.dim());
    }
    s.cells.extend(cells);
    s.fixed(" ", theme.selection(true));
}

/// Key hints that fit in `room` columns, chosen by priority (the help
/// first, then the pane's own keys, then the rest in table order) and shown
/// in table order, so the line shortens by dropping whole hints.
fn hint_line(hints: &[(String, &'static str)], theme: &Theme, room: usize, s: &mut Styled) {
    const SEP: usize = 3;
    let width = |(k, h): &(String, &str)| k.chars().count() + 1 + h.chars().count();
    let mut order: Vec<usize> = (0..hints.len()).collect();
    order.sort_by_key(|&i| (hints[i].1 != "help", i));
    let mut keep = vec![false; hints.len()];
    let mut used = 0;
    for i in order {
        let w = width(&hints[i]) + if used == 0 { 0 } else { SEP };
        if used + w <= room {
            used += w;
            keep[i] = true;
        }
    }
    let mut first = true;
    for ((key, hint), _) in hints.iter().zip(keep).filter(|(_, k)| *k) {
        if !first {
            s.fixed(" · ", theme.dim());
        }
        first = false;
        s.fixed(key, theme.strong())
            .fixed(" ", theme.plain())
            .fixed(hint, theme.dim());
    }
}

pub fn draw_bottom(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let marked = match state.briefing.marks.len() {
        0 => String::new(),
        n => format!(" ●{n} marked ·"),
    };
    // While the worker searches, the count is the previous list's.
    let searching = match (state.searching(), state.index.is_ready()) {
        (false, _) => "",
        (true, true) => " searching…",
        // A large dataset's index is still being built behind the list.
        (true, false) => " indexing…",
    };
    let count = format!(
        "{searching}{marked} {} of {} ",
        state.claims.listed,
        crate::words::plural(state.store.claims().len(), "claim")
    );
    let width = area.width as usize;
    let room = width.saturating_sub(count.chars().count());
    let left = left_part(state, theme, room).cells;
    let cells = with_right(&left, &count, theme.strong(), theme.plain(), width);
    frame.render_widget(Paragraph::new(to_line(&truncate(&cells, width))), area);
}
