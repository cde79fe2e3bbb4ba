//! The claim form: the quote, then each field with its value, the caret
//! in the focused text field, and the problems found at each field.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::cut;
use crate::annotate::form::{FieldKind, Form, kind_of};
use crate::annotate::layout::{form_area, inner};
use crate::annotate::state::State;
use crate::authoring::draft::Field;
use crate::model::Kind;
use crate::sanitize::inline;
use crate::ui::pane_block;
use crate::ui::theme::Theme;

const LABEL: usize = 11;

pub(super) fn draw(state: &State, form: &Form, theme: &Theme, frame: &mut Frame) {
    let r = form_area(state.width, state.height);
    frame.render_widget(Clear, r);
    let what = if form.old.is_some() {
        "Edit claim"
    } else {
        "New claim"
    };
    let title = Line::from(Span::styled(
        format!(" {what} {} ", inline(&form.id)),
        theme.title(true),
    ));
    frame.render_widget(pane_block(title, true, theme), r);
    let body = inner(r);
    let w = usize::from(body.width);
    let mut lines: Vec<Line> = Vec::new();
    let quote = format!("“{}” {}..{}", form.quote, form.draft.start, form.draft.end);
    for l in wrap_text(&quote, w.saturating_sub(LABEL), 3) {
        let label = if lines.is_empty() { "Quote" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<LABEL$}"), theme.label()),
            Span::styled(l, theme.dim()),
        ]));
    }
    problems(form, Field::Quote, w, theme, &mut lines);
    let mut focus_row = 0;
    for (k, &f) in Field::FORM.iter().enumerate() {
        if k == form.field {
            focus_row = lines.len();
        }
        field(state, form, f, k == form.field, w, theme, &mut lines);
        problems(form, f, w, theme, &mut lines);
    }
    let rows = usize::from(body.height);
    let skip = (focus_row + 3).saturating_sub(rows);
    let shown: Vec<Line> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), body);
    if let Some(p) = &form.picker {
        super::picker::draw(state, form, p, theme, frame, body);
    }
}

fn problems(form: &Form, f: Field, w: usize, theme: &Theme, lines: &mut Vec<Line>) {
    for m in form.problems_of(f) {
        for l in wrap_text(&format!("! {m}"), w.saturating_sub(LABEL), 4) {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(LABEL)),
                Span::styled(l, theme.exclude_chip()),
            ]));
        }
    }
}

fn field(
    state: &State,
    form: &Form,
    f: Field,
    on: bool,
    w: usize,
    theme: &Theme,
    lines: &mut Vec<Line>,
) {
    let label_style = if on {
        theme.selection(true)
    } else {
        theme.label()
    };
    let room = w.saturating_sub(LABEL);
    let label = Span::styled(format!("{:<LABEL$}", f.label()), label_style);
    let value = match kind_of(f) {
        FieldKind::Text => {
            let text = form.text(f).map(String::as_str).unwrap_or("");
            return text_field(text, on.then_some(form.caret), f, label, room, theme, lines);
        }
        FieldKind::List(kind) => names(state, kind, form.list(kind)),
        FieldKind::Single => form.draft.speaker.as_deref().map_or_else(
            || "— (the author)".to_string(),
            |id| state.catalogue.name(Kind::Actor, id),
        ),
        FieldKind::Choice => match f {
            Field::Layer => format!("{}  ←/→", form.draft.layer.label()),
            _ => format!("{}  ←/→", form.draft.certainty.as_str()),
        },
    };
    let hint = match kind_of(f) {
        FieldKind::List(_) | FieldKind::Single if on => "  Enter: pick",
        _ => "",
    };
    lines.push(Line::from(vec![
        label,
        Span::raw(cut(&value, room.saturating_sub(hint.len()))),
        Span::styled(hint, theme.dim()),
    ]));
}

/// A text field wrapped over up to four lines, the caret as a reversed
/// cell when focused.
fn text_field(
    text: &str,
    caret: Option<usize>,
    f: Field,
    label: Span<'static>,
    room: usize,
    theme: &Theme,
    lines: &mut Vec<Line>,
) {
    let clean: Vec<char> = inline(text).chars().collect();
    let room = room.max(1);
    let mut rows: Vec<Vec<Span>> = Vec::new();
    let caret_at = caret.map(|c| c.min(clean.len()));
    let total = clean.len() + usize::from(caret_at == Some(clean.len()));
    let placeholder = text.is_empty() && f == Field::Statement;
    for start in (0..total.max(1)).step_by(room) {
        let spans = (start..(start + room).min(total.max(1)))
            .map(|i| {
                let ch = clean.get(i).copied().unwrap_or(' ');
                let style = if caret_at == Some(i) {
                    theme.link_cursor()
                } else {
                    Style::new()
                };
                Span::styled(ch.to_string(), style)
            })
            .collect();
        rows.push(spans);
    }
    let keep = rows.len().saturating_sub(4);
    for (k, mut spans) in rows.into_iter().skip(keep).enumerate() {
        let lead = if k == 0 {
            label.clone()
        } else {
            Span::raw(" ".repeat(LABEL))
        };
        spans.insert(0, lead);
        if placeholder && k == 0 {
            spans.push(Span::styled(" the claim in your words", theme.dim()));
        }
        lines.push(Line::from(spans));
    }
}

fn names(state: &State, kind: Kind, ids: &[String]) -> String {
    if ids.is_empty() {
        return "—".into();
    }
    ids.iter()
        .map(|id| format!("{} ({id})", state.catalogue.name(kind, id)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Plain wrapping at `width` characters for short texts, at most `max`
/// lines (the last ending in `…` when cut).
pub(super) fn wrap_text(s: &str, width: usize, max: usize) -> Vec<String> {
    let clean: Vec<char> = inline(s).chars().collect();
    let width = width.max(1);
    let mut out: Vec<String> = clean.chunks(width).map(|c| c.iter().collect()).collect();
    if out.len() > max {
        out.truncate(max);
        if let Some(last) = out.last_mut() {
            last.pop();
            last.push('…');
        }
    }
    out
}
