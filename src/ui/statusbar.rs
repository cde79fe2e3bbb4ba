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

fn left_part(state: &State, theme: &Theme) -> Styled {
    let mut s = Styled::new();
    s.fixed(" ", theme.plain());
    if let Some(line) = &state.query.line {
        s.fixed("/", theme.strong())
            .text(&line.input, theme.strong(), NO_TAG)
            .fixed(" ", theme.selection(true));
        s.fixed("  ", theme.plain());
    } else if let Some(msg) = &state.message {
        // Messages may quote dataset text; they were sanitised when made,
        // and pass the gate again here to be sure.
        s.text(msg, theme.message(), NO_TAG);
        return s;
    }
    let hints = keymap::hints(state);
    for (i, (key, hint)) in hints.iter().enumerate() {
        if i > 0 {
            s.fixed(" · ", theme.dim());
        }
        s.fixed(key, theme.strong())
            .fixed(" ", theme.plain())
            .fixed(hint, theme.dim());
    }
    s
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
    let left = left_part(state, theme).cells;
    let cells = with_right(&left, &count, theme.strong(), theme.plain(), width);
    frame.render_widget(Paragraph::new(to_line(&truncate(&cells, width))), area);
}
