//! The Detail pane: a claim's facts and links on top, and below them its
//! source text scrolled to the quote. The quote is reversed and bold, hedge
//! cues in it underlined and search words bold and underlined, so none of
//! it depends on colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::wrap::{Cell, NO_TAG, Styled, to_line, truncate, wrap};
use super::{inner, layout, list_offset, pane_block};
use crate::app::find;
use crate::app::state::{Anchor, Link};
use crate::app::{Pane, State};
use crate::filter::Facet;
use crate::model::Kind;

/// Width of the labels in front of the facts ("Countries  ").
const LABEL_W: usize = 11;

/// Detail content wrapped to a pane.
pub struct View {
    pub inner: Rect,
    pub meta: Vec<Vec<Cell>>,
    pub meta_h: usize,
    pub source: Vec<Vec<Cell>>,
    pub source_h: usize,
}

impl View {
    pub fn max_top(&self) -> usize {
        self.source.len().saturating_sub(self.source_h)
    }
}

/// Where Detail is drawn, also while another pane has focus in narrow mode,
/// so scrolling can be prepared before the pane is shown.
pub fn detail_rect(state: &State) -> Rect {
    layout(state.screen.width, state.screen.height, Pane::Detail)
        .detail
        .unwrap_or_default()
}

pub fn view(state: &State, theme: &Theme, area: Rect) -> Option<View> {
    let claim = state.detail.claim?;
    let inner = inner(area);
    let w = inner.width as usize;
    let meta: Vec<Vec<Cell>> = meta_paragraphs(state, claim, theme)
        .into_iter()
        .flat_map(|(s, indent)| wrap(&s.cells, w, indent))
        .collect();
    let height = inner.height as usize;
    // The source text is the point of the pane: facts get at most about half.
    let meta_h = meta.len().min((height * 11 / 20).max(1));
    let source_h = height.saturating_sub(meta_h + 1);
    let source = wrap(&source_cells(state, claim, theme).cells, w, 0);
    Some(View {
        inner,
        meta,
        meta_h,
        source,
        source_h,
    })
}

/// The first source line to show so that the anchor sits a third of the
/// way down the view.
pub fn top_for_anchor(state: &State) -> usize {
    let theme = Theme::new(state.screen.color);
    let (Some(claim), Some(v)) = (state.detail.claim, view(state, &theme, detail_rect(state)))
    else {
        return 0;
    };
    let target = match state.detail.anchor {
        Anchor::Quote => state.store.quote_bytes(claim).0,
        Anchor::Match(k) => {
            let occ = find::occurrences(state.store.text_of(claim), state.active_query());
            occ.get(k).map_or(state.store.quote_bytes(claim).0, |o| o.0)
        }
    };
    let line = v
        .source
        .iter()
        .position(|l| l.iter().any(|c| c.tag != NO_TAG && c.tag >= target))
        .unwrap_or(0);
    line.saturating_sub(v.source_h / 3).min(v.max_top())
}

/// Largest useful [`State::source_top`] at the current size.
pub fn max_top(state: &State) -> usize {
    let theme = Theme::new(state.screen.color);
    view(state, &theme, detail_rect(state)).map_or(0, |v| v.max_top())
}

/// Lines the source view shows at once.
pub fn source_height(state: &State) -> usize {
    let theme = Theme::new(state.screen.color);
    view(state, &theme, detail_rect(state)).map_or(1, |v| v.source_h.max(1))
}

fn meta_paragraphs(state: &State, claim: usize, theme: &Theme) -> Vec<(Styled, usize)> {
    let store = &state.store;
    let c = &store.claim(claim);
    let mut head = Styled::new();
    head.text(&c.id, theme.strong(), NO_TAG)
        .fixed("  ", theme.plain())
        .fixed(c.attribution.layer.badge(), theme.badge())
        .fixed(" ", theme.plain())
        .fixed(c.attribution.layer.label(), theme.plain())
        .fixed("  ", theme.plain())
        .fixed(c.certainty.badge(), theme.badge())
        .fixed(" ", theme.plain())
        .fixed(c.certainty.as_str(), theme.plain());
    let mut statement = Styled::new();
    statement.text(&c.statement, theme.strong(), NO_TAG);
    let mut out = vec![
        (head, 0),
        (statement, 0),
        (speaker(state, claim, theme), LABEL_W),
    ];
    if !c.hedges.is_empty() {
        let mut s = labelled("Hedges", theme);
        s.text(&c.hedges.join(", "), theme.hedge(), NO_TAG);
        out.push((s, LABEL_W));
    }
    if let Some(p) = &c.primary {
        let mut s = labelled("Primary", theme);
        let mark = if p.verification == crate::model::Verification::Verified {
            "✓ "
        } else {
            "✗ "
        };
        s.fixed(mark, theme.strong())
            .fixed(p.verification.as_str(), theme.strong())
            .fixed(" “", theme.plain())
            .text(&p.quoted, theme.plain(), NO_TAG)
            .fixed("”", theme.plain());
        if let Some(note) = &p.note {
            s.fixed(" — ", theme.plain())
                .text(note, theme.plain(), NO_TAG);
        }
        out.push((s, LABEL_W));
    }
    out.extend(link_paragraphs(state, theme));
    out
}

fn labelled(label: &str, theme: &Theme) -> Styled {
    let mut s = Styled::new();
    s.fixed(&format!("{label:<LABEL_W$}"), theme.label());
    s
}

fn speaker(state: &State, claim: usize, theme: &Theme) -> Styled {
    let c = &state.store.claim(claim);
    let mut s = labelled("Speaker", theme);
    match &c.attribution.speaker {
        Some(id) => s.text(&state.store.name_of(Kind::Actor, id), theme.plain(), NO_TAG),
        None => s.fixed("the article's author", theme.plain()),
    };
    if let Some(cue) = &c.attribution.cue {
        s.fixed(" · cue “", theme.plain())
            .text(cue, theme.hedge(), NO_TAG)
            .fixed("”", theme.plain());
    }
    s
}

fn link_paragraphs(state: &State, theme: &Theme) -> Vec<(Styled, usize)> {
    let links = state.links();
    type Pick = fn(&Link) -> bool;
    let groups: [(&str, Pick); 4] = [
        ("Countries", |l| matches!(l, Link::Facet(Facet::Country(_)))),
        ("Actors", |l| matches!(l, Link::Facet(Facet::Actor(_)))),
        ("Themes", |l| matches!(l, Link::Facet(Facet::Theme(_)))),
        ("Related", |l| matches!(l, Link::Claim(..))),
    ];
    let mut out = Vec::new();
    for (label, pick) in groups {
        let mut s = labelled(label, theme);
        let mut any = false;
        for (i, l) in links.iter().enumerate().filter(|(_, l)| pick(l)) {
            if any {
                s.fixed(" · ", theme.plain());
            }
            any = true;
            let style = if state.detail.link == Some(i) {
                theme.link_cursor()
            } else {
                theme.link()
            };
            s.text(&link_label(state, *l), style, i);
        }
        if any {
            out.push((s, LABEL_W));
        }
    }
    out
}

pub fn link_label(state: &State, link: Link) -> String {
    match link {
        Link::Facet(f) => f.label(&state.store),
        Link::Claim(c, rel) => format!("{} {}", rel.as_str(), state.store.claims()[c].id()),
    }
}

/// The source text, cut at every highlight boundary; each piece is
/// sanitised on its own so the highlights stay on the right characters.
fn source_cells(state: &State, claim: usize, theme: &Theme) -> Styled {
    let store = &state.store;
    let text = store.text_of(claim);
    let (qa, qb) = store.quote_bytes(claim);
    let mut ranges: Vec<(usize, usize, Style)> = vec![(qa, qb, theme.quote())];
    for cue in &store.claim(claim).hedges {
        ranges.extend(
            find::within(text, qa, qb, cue)
                .into_iter()
                .map(|(a, b)| (a, b, theme.hedge())),
        );
    }
    let occ = find::occurrences(text, state.active_query());
    ranges.extend(occ.into_iter().map(|(a, b)| (a, b, theme.search_match())));
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(ranges.iter().flat_map(|&(a, b, _)| [a, b]));
    cuts.retain(|&i| text.is_char_boundary(i));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Styled::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let style = ranges
            .iter()
            .filter(|r| r.0 <= a && b <= r.1)
            .fold(theme.plain(), |s, r| s.patch(r.2));
        out.running(&text[a..b], style, a);
    }
    out
}

pub fn draw(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Detail;
    let id = state
        .detail
        .claim
        .map(|c| state.store.claims()[c].id())
        .unwrap_or("");
    let title = Line::styled(
        format!(" Detail {} ", crate::sanitize::inline(id)),
        theme.title(focused),
    );
    frame.render_widget(pane_block(title, focused, theme), area);
    let Some(v) = view(state, theme, area) else {
        let msg = Paragraph::new("No claim selected.").style(theme.dim());
        frame.render_widget(msg, inner(area));
        return;
    };
    let link_line = state
        .detail
        .link
        .and_then(|li| v.meta.iter().position(|l| l.iter().any(|c| c.tag == li)));
    // When the facts overflow, the last row says so instead of cutting silently.
    let overflow = v.meta.len() > v.meta_h && v.meta_h > 1;
    let rows = if overflow { v.meta_h - 1 } else { v.meta_h };
    let meta_off = list_offset(link_line.unwrap_or(0), rows);
    let meta = v.meta.iter().skip(meta_off).take(rows);
    let top = state.detail.top.min(v.max_top());
    let source = v.source.iter().skip(top).take(v.source_h);
    let mut lines: Vec<Line> = meta.map(|l| to_line(l)).collect();
    if overflow {
        let hidden = v.meta.len() - rows;
        lines.push(Line::styled(
            format!("⋯ {hidden} more lines: Tab walks the links"),
            theme.dim(),
        ));
    }
    if v.inner.height as usize > v.meta_h {
        lines.push(heading(state, theme, v.inner.width as usize));
    }
    lines.extend(source.map(|l| to_line(l)));
    frame.render_widget(Paragraph::new(lines), v.inner);
}

/// The rule above the source text: section heading and source title.
fn heading(state: &State, theme: &Theme, width: usize) -> Line<'static> {
    let Some(claim) = state.detail.claim else {
        return Line::default();
    };
    let mut s = Styled::new();
    s.fixed("── § ", theme.label())
        .text(
            &state.store.section_of(claim).heading,
            theme.label(),
            NO_TAG,
        )
        .fixed(" · ", theme.dim())
        .text(&state.store.source_of(claim).title, theme.dim(), NO_TAG)
        .fixed(" ", theme.dim());
    let fill = width.saturating_sub(s.width());
    s.fixed(&"─".repeat(fill), theme.dim());
    to_line(&truncate(&s.cells, width))
}
