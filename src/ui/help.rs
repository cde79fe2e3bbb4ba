//! The `?` overlay, generated from the keymap table so it cannot drift
//! from what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use crate::app::State;
use crate::app::keymap::{BINDINGS, Ctx, keys_label};

const KEYS_W: usize = 15;
/// Inner width from which the help is laid out in two columns.
const TWO_COLUMNS: u16 = 110;

/// Splits `text` into lines of at most `width` characters at spaces, so
/// that a long description continues under itself, not under the keys.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().expect("never empty");
        let used = last.chars().count();
        if used > 0 && used + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if used > 0 {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// Groups of help lines, one per context, for columns `col_w` wide.
fn groups(theme: &Theme, col_w: u16) -> Vec<Vec<Line<'static>>> {
    let desc_w = (col_w as usize).saturating_sub(KEYS_W + 2).max(10);
    let mut out = Vec::new();
    for ctx in Ctx::ALL {
        let bindings: Vec<_> = BINDINGS.iter().filter(|b| b.ctx == ctx).collect();
        if bindings.is_empty() {
            continue;
        }
        let mut lines = vec![Line::styled(ctx.label(), theme.label())];
        for b in bindings {
            let keys = format!("  {:<KEYS_W$}", keys_label(b));
            for (k, part) in wrap_words(b.desc, desc_w).into_iter().enumerate() {
                let lead = if k == 0 {
                    keys.clone()
                } else {
                    " ".repeat(KEYS_W + 2)
                };
                lines.push(Line::from(vec![
                    ratatui::text::Span::styled(lead, theme.strong()),
                    ratatui::text::Span::raw(part),
                ]));
            }
        }
        lines.push(Line::default());
        out.push(lines);
    }
    out.push(vec![
        Line::styled("Mouse", theme.label()),
        Line::raw(format!("  {:<KEYS_W$}select and focus", "click")),
        Line::raw(format!("  {:<KEYS_W$}scroll the pane under it", "wheel")),
    ]);
    out
}

fn area_for(full: Rect) -> Rect {
    let w = full.width.saturating_sub(2).min(120);
    let h = full.height.saturating_sub(2);
    Rect::new(full.x + (full.width - w) / 2, full.y + 1, w, h)
}

/// Two columns when there is room: "Everywhere" left, the panes right.
fn columns(theme: &Theme, width: u16) -> Vec<Vec<Line<'static>>> {
    let two = width >= TWO_COLUMNS;
    let gs = groups(theme, if two { width / 2 } else { width });
    if two {
        let mut it = gs.into_iter();
        let left = it.next().unwrap_or_default();
        vec![left, it.flatten().collect()]
    } else {
        vec![gs.into_iter().flatten().collect()]
    }
}

pub fn max_scroll(state: &State) -> u16 {
    let area = area_for(Rect::new(0, 0, state.screen.width, state.screen.height));
    let inner = Block::bordered().inner(area);
    let cols = columns(&Theme::new(state.screen.color), inner.width);
    let longest = cols.iter().map(Vec::len).max().unwrap_or(0) as u16;
    longest.saturating_sub(inner.height)
}

pub fn draw(state: &State, theme: &Theme, frame: &mut Frame, full: Rect) {
    let area = area_for(full);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(
            " Keys — ? or Esc closes, j/k scroll ",
            theme.title(true),
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let cols = columns(theme, inner.width);
    let n = cols.len() as u16;
    let col_w = inner.width / n.max(1);
    let scroll = state.help_scroll().min(max_scroll(state));
    for (i, lines) in cols.into_iter().enumerate() {
        let r = Rect {
            x: inner.x + col_w * i as u16,
            width: col_w,
            ..inner
        };
        let para = Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false });
        frame.render_widget(para.scroll((scroll, 0)), r);
    }
}
