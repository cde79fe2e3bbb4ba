//! The cursor in the reading view: lines, words, sentences, pages, the
//! claim list, and the mouse. Everything moves in code points.

use super::action::Motion;
use super::layout;
use super::state::{Focus, State};

pub(crate) fn apply(state: &mut State, m: Motion) {
    let len = state.layout.len;
    if len == 0 {
        return;
    }
    let c = state.cursor;
    let rows = usize::from(state.text_inner().height.max(1));
    let t = &state.layout;
    let to_line = |line: usize| t.cp_at(line.min(t.lines.len().saturating_sub(1)), t.col_of(c));
    let line = t.line_of(c);
    state.cursor = match m {
        Motion::Left => c.saturating_sub(1),
        Motion::Right => (c + 1).min(len - 1),
        Motion::Down => to_line(line + 1),
        Motion::Up => to_line(line.saturating_sub(1)),
        Motion::PageDown => to_line(line + rows),
        Motion::PageUp => to_line(line.saturating_sub(rows)),
        Motion::WordNext => word_next(&t.chars, c),
        Motion::WordPrev => word_prev(&t.chars, c),
        Motion::SentenceNext => sentence_next(state, c),
        Motion::SentencePrev => (t.sentences.iter().rev())
            .find(|&&(s, _)| s < c)
            .map_or(0, |&(s, _)| s),
        Motion::Top => 0,
        Motion::Bottom => len - 1,
    }
    .min(len - 1);
    state.follow();
    state.select_claim_under_cursor();
}

/// Not selecting: the next sentence's start. Selecting: the last
/// character of the sentence (its closing punctuation), so that `v` `)`
/// selects a sentence whole.
fn sentence_next(state: &State, c: usize) -> usize {
    let t = &state.layout;
    if state.anchor.is_some() {
        return (t.sentences.iter())
            .find(|&&(_, e)| e > c + 1)
            .map_or(t.len - 1, |&(_, e)| e - 1);
    }
    (t.sentences.iter())
        .find(|&&(s, _)| s > c)
        .map_or(c, |&(s, _)| s)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn word_next(chars: &[char], mut i: usize) -> usize {
    let n = chars.len();
    while i < n && is_word(chars[i]) {
        i += 1;
    }
    while i < n && !is_word(chars[i]) {
        i += 1;
    }
    i.min(n.saturating_sub(1))
}

fn word_prev(chars: &[char], mut i: usize) -> usize {
    while i > 0 && !is_word(chars[i - 1]) {
        i -= 1;
    }
    while i > 0 && is_word(chars[i - 1]) {
        i -= 1;
    }
    i
}

/// j/k in the claim list: the next or previous claim, the cursor at its
/// quote.
pub(crate) fn claim_step(state: &mut State, down: bool) {
    if state.claims.is_empty() {
        return;
    }
    let last = state.claims.len() - 1;
    state.claim_cursor = if down {
        (state.claim_cursor + 1).min(last)
    } else {
        state.claim_cursor.saturating_sub(1)
    };
    let start = state.data.claims[state.claims[state.claim_cursor]]
        .quote
        .start;
    state.cursor = start.min(state.layout.len.saturating_sub(1));
    state.follow();
}

/// The code point shown at a screen cell of the reading pane; above or
/// below it, the first or last line on screen.
fn cp_at_cell(state: &State, col: u16, row: u16) -> usize {
    let inner = state.text_inner();
    let rows = usize::from(inner.height.max(1));
    let r = usize::from(row.saturating_sub(inner.y)).min(rows - 1);
    let line = (state.scroll + r).min(state.layout.lines.len().saturating_sub(1));
    let col = usize::from(col.saturating_sub(inner.x));
    state
        .layout
        .cp_at(line, col)
        .min(state.layout.len.saturating_sub(1))
}

fn inside(r: ratatui::layout::Rect, col: u16, row: u16) -> bool {
    col >= r.x && col < r.right() && row >= r.y && row < r.bottom()
}

/// A mouse press: in the text, the cursor and the start of a selection;
/// in the claim list, that claim.
pub(crate) fn press(state: &mut State, col: u16, row: u16) {
    let a = layout::areas(state.width, state.height);
    if inside(layout::inner(a.text), col, row) && state.layout.len > 0 {
        let cp = cp_at_cell(state, col, row);
        state.cursor = cp;
        state.anchor = Some(cp);
        state.dragging = true;
        state.focus = Focus::Text;
        state.select_claim_under_cursor();
    } else if inside(layout::inner(a.claims), col, row) {
        let body = layout::inner(a.claims);
        let k =
            layout::claim_first(state.claim_cursor, body.height) + usize::from(row - body.y) / 2;
        if k < state.claims.len() {
            state.claim_cursor = k;
            state.focus = Focus::Claims;
            let start = state.data.claims[state.claims[k]].quote.start;
            state.cursor = start.min(state.layout.len.saturating_sub(1));
            state.follow();
        }
    }
}

/// Dragging extends the selection, scrolling at the pane's edges.
pub(crate) fn drag(state: &mut State, col: u16, row: u16) {
    let inner = state.text_inner();
    if row < inner.y {
        state.scroll = state.scroll.saturating_sub(1);
    } else if row >= inner.bottom() {
        state.scroll = (state.scroll + 1).min(state.layout.lines.len().saturating_sub(1));
    }
    state.cursor = cp_at_cell(state, col, row);
    state.select_claim_under_cursor();
}
