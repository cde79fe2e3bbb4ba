//! The Claims pane: one row per listed claim with badges, the statement
//! (search matches bold and underlined) and the linked country codes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::pane_block;
use super::theme::Theme;
use super::wrap::{Cell, NO_TAG, Styled, to_line, truncate, wrap};
use crate::app::geometry::{claim_row_height as row_height, claim_rows_in as rows_in, inner};
use crate::app::{Pane, State};
use crate::search::Ranked;

/// The codes of the countries a claim names, then `◇` and the number of
/// regions it speaks of, within `budget` columns, the rest counted as `+N`.
fn codes(state: &State, claim: usize, budget: usize) -> String {
    let links = state.store.links(claim);
    let mut ids: Vec<String> = links
        .countries
        .iter()
        .map(|&c| state.store.countries()[c as usize].id.clone())
        .collect();
    if !links.regions.is_empty() {
        ids.push(format!("◇{}", links.regions.len()));
    }
    let mut out = String::new();
    for (i, id) in ids.iter().enumerate() {
        let clean = crate::sanitize::inline(id);
        let rest = ids.len() - i;
        let more = if rest > 1 {
            format!(" +{}", rest - 1).len()
        } else {
            0
        };
        if out.chars().count() + 1 + clean.chars().count() + more > budget {
            out.push_str(&format!(" +{rest}"));
            break;
        }
        out.push(' ');
        out.push_str(&clean);
    }
    out
}

/// The statement, each run of matched or unmatched characters sanitised on
/// its own so the highlight stays on the matched letters. Rows whose
/// highlights have not arrived from the search worker are drawn plain.
fn statement(state: &State, theme: &Theme, claim: usize, s: &mut Styled) {
    let text = state.store.claim_at(claim).statement();
    let matched: &[usize] = state
        .claims
        .highlights
        .get(claim)
        .map_or(&[], |h| h.statement_chars.as_slice());
    let mut run = String::new();
    let mut marked = false;
    for (i, ch) in text.chars().enumerate() {
        let m = matched.binary_search(&i).is_ok();
        if m != marked && !run.is_empty() {
            let style = if marked {
                theme.search_match()
            } else {
                theme.plain()
            };
            s.text(&std::mem::take(&mut run), style, NO_TAG);
        }
        marked = m;
        run.push(ch);
    }
    let style = if marked {
        theme.search_match()
    } else {
        theme.plain()
    };
    s.text(&run, style, NO_TAG);
}

/// Columns before the statement: cursor and mark markers, badges.
const PREFIX_W: usize = 7;

pub fn row(
    state: &State,
    theme: &Theme,
    i: usize,
    hit: &Ranked,
    width: usize,
) -> Vec<Line<'static>> {
    let selected = i == state.claims.sel;
    let mut head = row_head(state, theme, hit.claim, selected);
    let mut text = Styled::new();
    if state.is_regional(hit.claim) {
        // Listed for a region of the chosen country, which it does not name.
        text.fixed("◇ regional · ", theme.dim());
    }
    statement(state, theme, hit.claim, &mut text);
    // The codes end the row, right-aligned, as wide as they are: the
    // statement takes every other column.
    let codes = codes(state, hit.claim, (width / 4).max(6));
    let pad = Cell {
        ch: ' ',
        style: theme.plain(),
        tag: NO_TAG,
    };
    let mut lines: Vec<Vec<Cell>> = Vec::new();
    let mut rest = text.cells;
    if row_height(width as u16) == 2 {
        // The statement wraps over the row's lines, cut only on the last.
        let wrapped = wrap(&rest, width.saturating_sub(PREFIX_W), 0);
        let first = wrapped.first().cloned().unwrap_or_default();
        lines.push([head.cells.clone(), first].concat());
        rest = wrapped
            .iter()
            .skip(1)
            .flat_map(|l| l.iter().copied().chain([pad]))
            .collect();
        head.cells = vec![pad; PREFIX_W];
    }
    let last = with_codes(&[head.cells, rest].concat(), &codes, theme, width);
    lines.push(last);
    let sel = selected.then(|| theme.selection(state.focus == Pane::Claims));
    lines
        .into_iter()
        .map(|l| finish(l, sel, pad, width))
        .collect()
}

/// A row's last line: `cells` cut to leave room for the codes (which
/// start with a space of their own), the codes right-aligned at `width`.
fn with_codes(cells: &[Cell], codes: &str, theme: &Theme, width: usize) -> Vec<Cell> {
    let codes_w = codes.chars().count();
    let mut last = truncate(cells, width.saturating_sub(codes_w));
    let used: usize = last.iter().map(Cell::width).sum();
    let pad = Cell {
        ch: ' ',
        style: theme.plain(),
        tag: NO_TAG,
    };
    last.extend(std::iter::repeat_n(
        pad,
        width.saturating_sub(used + codes_w),
    ));
    last.extend(codes.chars().map(|ch| Cell {
        ch,
        style: theme.dim(),
        tag: NO_TAG,
    }));
    last
}

/// A row's head: the selection arrow, the mark or note, the layer and
/// certainty badges.
fn row_head(state: &State, theme: &Theme, claim: usize, selected: bool) -> Styled {
    let c = state.store.claim_at(claim);
    let marked = state.briefing.marks.contains(&claim);
    // A note shows as ✎ in the mark's column (noting a claim marks it).
    let noted = state.briefing.notes.contains_key(&claim);
    let mark = match (noted, marked) {
        (true, _) => "✎",
        (false, true) => "●",
        (false, false) => " ",
    };
    let mut head = Styled::new();
    head.fixed(if selected { "▶" } else { " " }, theme.strong())
        .fixed(mark, if marked { theme.mark() } else { theme.dim() })
        .fixed(c.layer.badge(), theme.badge())
        .fixed(" ", theme.plain())
        .fixed(c.certainty.badge(), theme.badge())
        .fixed(" ", theme.plain());
    head
}

/// A row's line cut to `width`; the selected row (`sel`) filled to the
/// edge in the selection style.
fn finish(mut l: Vec<Cell>, sel: Option<Style>, pad: Cell, width: usize) -> Line<'static> {
    if let Some(sel) = sel {
        let used: usize = l.iter().map(Cell::width).sum();
        l.extend(std::iter::repeat_n(pad, width.saturating_sub(used)));
        l.iter_mut().for_each(|c| c.style = c.style.patch(sel));
    }
    to_line(&truncate(&l, width))
}

pub fn draw(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Claims;
    let title = format!(" Claims {} ", state.claims.listed);
    frame.render_widget(
        pane_block(Line::styled(title, theme.title(focused)), focused, theme),
        area,
    );
    let inner = inner(area);
    if state.claims.rows.is_empty() {
        let text = if state.store.claims().is_empty() {
            "This dataset has no claims."
        } else if state.briefing.marked_only {
            "No marked claims listed. M lists all claims, x clears filters."
        } else {
            "No claims match. x clears filters and search."
        };
        let msg = Paragraph::new(text).style(theme.dim());
        frame.render_widget(msg, inner);
        return;
    }
    let (off, rows) = rows_in(state, area);
    let lines: Vec<Line> = state
        .claims
        .rows
        .iter()
        .enumerate()
        .skip(off)
        .take(rows)
        .flat_map(|(i, h)| row(state, theme, i, h, inner.width as usize))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
