//! Questions (delete, quit, discard), the restore prompt and the help,
//! each a box over the screen.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::annotate::keymap::help_lines;
use crate::annotate::layout::{dialog_area, inner};
use crate::annotate::state::{Confirm, State};
use crate::authoring::recover::{Recover, old_path_for, path_for};
use crate::sanitize::inline;
use crate::ui::pane_block;
use crate::ui::theme::Theme;

fn boxed(
    title: &str,
    text: Vec<Line>,
    w: u16,
    h: u16,
    state_wh: (u16, u16),
    theme: &Theme,
    frame: &mut Frame,
) {
    let r = dialog_area(state_wh.0, state_wh.1, w, h);
    frame.render_widget(Clear, r);
    let t = Line::from(Span::styled(format!(" {title} "), theme.title(true)));
    frame.render_widget(pane_block(t, true, theme), r);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner(r));
}

pub(super) fn confirm(state: &State, c: &Confirm, theme: &Theme, frame: &mut Frame) {
    let file = inline(&state.file_name).into_owned();
    let (title, text) = match c {
        Confirm::Delete(id) => (
            "Delete",
            format!(
                "Delete claim {} from {file}? It is written at once; u undoes it.",
                inline(id)
            ),
        ),
        Confirm::Quit => (
            "Quit",
            "The form holds a draft that is not saved. Quit and lose it?".to_string(),
        ),
        Confirm::Discard => ("Discard", "Close the form and lose the draft?".to_string()),
    };
    let lines = vec![
        Line::from(text),
        Line::from(""),
        Line::from(Span::styled("y yes · n no", theme.strong())),
    ];
    boxed(
        title,
        lines,
        56,
        7,
        (state.width, state.height),
        theme,
        frame,
    );
}

pub(super) fn restore(state: &State, r: &Recover, theme: &Theme, frame: &mut Frame) {
    let recover = inline(&path_for(&state.file).display().to_string()).into_owned();
    let old = inline(&old_path_for(&state.file).display().to_string()).into_owned();
    let lines = vec![
        Line::from(format!(
            "{recover} holds {} not saved when annotate last stopped.",
            inline(&r.describe())
        )),
        Line::from(""),
        Line::from(Span::styled(
            "y  restore it (into the form)",
            theme.strong(),
        )),
        Line::from(Span::styled(
            format!("n  keep it aside as {old}"),
            theme.strong(),
        )),
    ];
    boxed(
        "Restore?",
        lines,
        64,
        9,
        (state.width, state.height),
        theme,
        frame,
    );
}

pub(super) fn help(scroll: usize, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let r = dialog_area(area.width, area.height, 96, area.height.saturating_sub(2));
    frame.render_widget(Clear, r);
    let t = Line::from(Span::styled(
        " Annotate keys (Esc closes, j/k scroll) ",
        theme.title(true),
    ));
    frame.render_widget(pane_block(t, true, theme), r);
    let lines: Vec<Line> = help_lines()
        .into_iter()
        .skip(scroll)
        .map(|(head, text)| {
            if head {
                Line::from(Span::styled(text, theme.label()))
            } else {
                Line::from(format!("  {text}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner(r));
}
