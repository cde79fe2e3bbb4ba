//! FILE's claims on the source shown, by quote start: id, layer and
//! certainty, then the statement; the one under the cursor selected.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::cut;
use crate::annotate::layout::{claim_first, inner};
use crate::annotate::state::{Focus, Overlay, State};
use crate::ui::pane_block;
use crate::ui::theme::Theme;

pub(super) fn draw(state: &State, theme: &Theme, frame: &mut Frame, r: Rect) {
    let focused = state.focus == Focus::Claims && matches!(state.overlay, Overlay::None);
    let title = Line::from(Span::styled(
        format!(" Claims {} ", state.claims.len()),
        theme.title(focused),
    ));
    frame.render_widget(pane_block(title, focused, theme), r);
    let body = inner(r);
    let w = usize::from(body.width);
    if state.claims.is_empty() {
        let hint = "No claims on this source yet. Select a quote (v, then move) and press c.";
        let p = Paragraph::new(Span::styled(hint, theme.dim()))
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(p, body);
        return;
    }
    let per = usize::from(body.height).max(2) / 2;
    let first = claim_first(state.claim_cursor, body.height);
    let mut lines = Vec::new();
    for (k, &i) in state.claims.iter().enumerate().skip(first).take(per) {
        let c = &state.data.claims[i];
        let on = k == state.claim_cursor;
        let style = if on {
            theme.selection(focused)
        } else {
            theme.plain()
        };
        let head = format!(
            "{} {} {} {} {}..{}",
            if on { "▶" } else { " " },
            c.id,
            c.attribution.layer.badge(),
            c.certainty.badge(),
            c.quote.start,
            c.quote.end
        );
        lines.push(Line::from(Span::styled(cut(&head, w), style)));
        lines.push(Line::from(Span::raw(format!(
            "  {}",
            cut(&c.statement, w.saturating_sub(2))
        ))));
    }
    frame.render_widget(Paragraph::new(lines), body);
}
