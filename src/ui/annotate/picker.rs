//! A picker over the form: the query, the entries that match (chosen ones
//! checked; `*` marks the file's own), or the new entity's id and name.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::cut;
use crate::annotate::form::Form;
use crate::annotate::picker::{NewEntity, Picker};
use crate::annotate::state::State;
use crate::sanitize::inline;
use crate::ui::pane_block;
use crate::ui::theme::Theme;

pub(super) fn draw(
    _state: &State,
    form: &Form,
    p: &Picker,
    theme: &Theme,
    frame: &mut Frame,
    body: Rect,
) {
    let h = body.height.clamp(5, 14).min(body.height);
    let r = Rect::new(body.x, body.bottom().saturating_sub(h), body.width, h);
    frame.render_widget(Clear, r);
    let title = Line::from(Span::styled(
        format!(" {} ", p.pool.title()),
        theme.title(true),
    ));
    frame.render_widget(pane_block(title, true, theme), r);
    let inner = crate::annotate::layout::inner(r);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    if let Some(n) = &p.new {
        frame.render_widget(Paragraph::new(new_entity_lines(n, theme)), inner);
        return;
    }
    lines.push(Line::from(vec![
        Span::styled("> ", theme.label()),
        Span::raw(format!("{}▏", inline(&p.query))),
        Span::styled(format!("  {} found", p.hits.len()), theme.dim()),
    ]));
    let rows = usize::from(inner.height).saturating_sub(1).max(1);
    let first = p.cursor.saturating_sub(rows - 1);
    for (k, hit) in p.hits.iter().enumerate().skip(first).take(rows) {
        let check = if p.chosen(form, &hit.id) {
            "[x]"
        } else {
            "[ ]"
        };
        let own = if hit.own { "*" } else { " " };
        let text = format!("{check}{own}{}", hit.label);
        let style = if k == p.cursor {
            theme.selection(true)
        } else {
            theme.plain()
        };
        lines.push(Line::from(Span::styled(cut(&text, w), style)));
    }
    if p.hits.is_empty() {
        lines.push(Line::from(Span::styled(
            "nothing matches; Ctrl-N makes a new one from the query",
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The new entity's form: its id and name, the field being typed in
/// marked, and what is wrong with it.
fn new_entity_lines(n: &NewEntity, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let field = |label: &str, v: &str, on: bool| {
        let style = if on {
            theme.selection(true)
        } else {
            theme.label()
        };
        Line::from(vec![
            Span::styled(format!("{label:<6}"), style),
            Span::raw(format!("{}▏", inline(v))),
        ])
    };
    lines.push(Line::from(Span::styled(
        "New entity (Enter makes it, Esc gives up)",
        theme.strong(),
    )));
    lines.push(field("id", &n.id, n.field == 0));
    lines.push(field("name", &n.name, n.field == 1));
    if let Some(e) = &n.error {
        lines.push(Line::from(Span::styled(
            format!("! {}", inline(e)),
            theme.exclude_chip(),
        )));
    }
    lines
}
