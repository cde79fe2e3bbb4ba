//! The reading view: the source's text wrapped to the pane, FILE's quotes
//! underlined (the selected claim's in bold), the selection reversed and
//! the cursor marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::annotate::layout::inner;
use crate::annotate::state::{Focus, Overlay, State};
use crate::ui::pane_block;
use crate::ui::theme::Theme;

pub(super) fn draw(state: &State, theme: &Theme, frame: &mut Frame, r: Rect) {
    let focused = state.focus == Focus::Text && matches!(state.overlay, Overlay::None);
    let pos = format!(" {} ", state.cursor);
    let title = Line::from(vec![
        Span::styled(" Text ", theme.title(focused)),
        Span::styled(pos, theme.dim()),
    ]);
    frame.render_widget(pane_block(title, focused, theme), r);
    let body = inner(r);
    let quotes = state.quotes();
    let chosen = state.selected_claim().map(|c| (c.quote.start, c.quote.end));
    let selection = state.selection();
    let style_of = |cp: usize| {
        let mut s = Style::new();
        if quotes.iter().any(|&(a, b)| a <= cp && cp < b) {
            s = s.patch(theme.link());
            if chosen.is_some_and(|(a, b)| a <= cp && cp < b) {
                s = s.add_modifier(Modifier::BOLD);
            }
        }
        if selection.is_some_and(|(a, b)| a <= cp && cp < b) {
            s = s.add_modifier(Modifier::REVERSED);
        }
        if cp == state.cursor && focused {
            s = s.add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED);
        }
        s
    };
    let rows = usize::from(body.height);
    let lines: Vec<Line> = (state.layout.lines.iter().skip(state.scroll).take(rows))
        .map(|l| {
            let mut spans: Vec<Span> = (l.cells.iter())
                .map(|c| Span::styled(c.ch.to_string(), style_of(c.cp)))
                .collect();
            // The cursor on a line break: a visible cell after the line.
            if l.cells.last().map_or(l.start, |c| c.cp + 1) == state.cursor
                && state.cursor < state.layout.len
                && state.layout.chars.get(state.cursor) == Some(&'\n')
            {
                spans.push(Span::styled("¶", style_of(state.cursor)));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
