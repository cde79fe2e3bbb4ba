//! The `?` overlay, generated from the keymap table so it cannot drift
//! from what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use crate::app::State;
use crate::app::geometry::{help_area, help_max_scroll};
use crate::app::help::{self, HelpLine};

/// A help line with its styles.
fn line(l: HelpLine, theme: &Theme) -> Line<'static> {
    match l {
        HelpLine::Heading(h) => Line::styled(h, theme.label()),
        HelpLine::Binding { lead, text } => Line::from(vec![
            ratatui::text::Span::styled(lead, theme.strong()),
            ratatui::text::Span::raw(text),
        ]),
        HelpLine::Text(t) => Line::raw(t),
        HelpLine::Blank => Line::default(),
    }
}

pub fn draw(state: &State, theme: &Theme, frame: &mut Frame, full: Rect) {
    let area = help_area(full);
    let max = help_max_scroll(state);
    let scroll = state.help_scroll().min(max);
    // Says when there is more than the overlay shows.
    let cue = match (scroll > 0, scroll < max) {
        (_, true) => " ↓ more below: PgDn/Space, G end ",
        (true, false) => " ↑ more above: PgUp, g top ",
        (false, false) => "",
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(
            " Keys — q or Esc closes, j/k scroll, PgDn/PgUp page ",
            theme.title(true),
        ))
        .title_bottom(Line::styled(cue, theme.title(true)).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let cols = help::columns(inner.width);
    let n = cols.len() as u16;
    let col_w = inner.width / n.max(1);
    for (i, lines) in cols.into_iter().enumerate() {
        let r = Rect {
            x: inner.x + col_w * i as u16,
            width: col_w,
            ..inner
        };
        let lines: Vec<Line> = lines.into_iter().map(|l| line(l, theme)).collect();
        let para = Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false });
        frame.render_widget(para.scroll((scroll, 0)), r);
    }
}
