//! Drawing the annotate mode: the title line, the reading view, the claim
//! list, the hint line, and the form, pickers, questions and help over
//! them. Reads the state, changes nothing; every dataset string passes the
//! sanitiser.

mod claims;
mod form;
mod picker;
mod prompt;
mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::annotate::keymap::{context, hints};
use crate::annotate::layout::areas_with;
use crate::annotate::state::{Overlay, State};
use crate::sanitize::inline;

pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    if area.width < 40 || area.height < 10 {
        frame.render_widget(Paragraph::new(super::TOO_SMALL), area);
        return;
    }
    let theme = Theme::named(state.color, state.theme);
    let form = !matches!(state.overlay, Overlay::None | Overlay::Help { .. });
    let a = areas_with(area.width, area.height, form);
    title(state, &theme, frame, a.title);
    text::draw(state, &theme, frame, a.text);
    claims::draw(state, &theme, frame, a.claims);
    status(state, &theme, frame, a.status);
    match &state.overlay {
        Overlay::None => {}
        Overlay::Form(f) => form::draw(state, f, &theme, frame),
        Overlay::Confirm(c, f) => {
            if let Some(f) = f {
                form::draw(state, f, &theme, frame);
            }
            prompt::confirm(state, c, &theme, frame);
        }
        Overlay::Help { scroll } => prompt::help(*scroll, &theme, frame),
        Overlay::Restore(r) => prompt::restore(state, r, &theme, frame),
    }
}

fn title(state: &State, theme: &Theme, frame: &mut Frame, r: Rect) {
    let mut spans = vec![
        Span::styled(" annotate ", theme.strong()),
        Span::styled(inline(&state.file_name).into_owned(), theme.label()),
    ];
    if let Some(s) = state.current_source() {
        spans.push(Span::raw(" › "));
        spans.push(Span::raw(inline(&s.title).into_owned()));
        if state.texts.len() > 1 {
            spans.push(Span::styled(
                format!(" [{}/{}, s: next]", state.source + 1, state.texts.len()),
                theme.dim(),
            ));
        }
    }
    if let Some((a, b)) = state.selection() {
        spans.push(Span::styled(
            format!("  selected {a}..{b}"),
            theme.message(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), r);
}

fn status(state: &State, theme: &Theme, frame: &mut Frame, r: Rect) {
    let line = match &state.message {
        Some(m) => Line::from(Span::styled(format!(" {}", inline(m)), theme.message())),
        None => Line::from(Span::styled(
            format!(" {}", hints(context(state))),
            theme.dim(),
        )),
    };
    frame.render_widget(Paragraph::new(line), r);
}

/// Text cut to `width` columns with `…`.
pub(super) fn cut(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let clean = inline(s);
    let mut out = String::new();
    let mut used = 0;
    let total: usize = clean.chars().map(|c| c.width().unwrap_or(0)).sum();
    for c in clean.chars() {
        let w = c.width().unwrap_or(0);
        if total > width && used + w + 1 > width {
            out.push('…');
            break;
        }
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out
}
