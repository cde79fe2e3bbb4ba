//! The `?` overlay's text, generated from the keymap table so it cannot
//! drift from what the keys do, and laid out in columns; the view styles it.

use super::keymap::{KeyContext, keys_label};
use super::keynames::bindings;

const KEYS_W: usize = 15;
/// Inner width from which the help is laid out in two columns.
const TWO_COLUMNS: u16 = 110;

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A context's name.
    Heading(&'static str),
    /// A binding's keys (or blank under them) and a line of its description.
    Binding {
        lead: String,
        text: String,
    },
    Text(String),
    Blank,
}

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
fn groups(col_w: u16) -> Vec<Vec<HelpLine>> {
    let desc_w = (col_w as usize).saturating_sub(KEYS_W + 2).max(10);
    let mut out = Vec::new();
    for ctx in KeyContext::ALL {
        let bindings: Vec<_> = bindings().iter().filter(|b| b.ctx == ctx).collect();
        if bindings.is_empty() {
            continue;
        }
        let mut lines = vec![HelpLine::Heading(ctx.label())];
        for b in bindings {
            let keys = format!("  {:<KEYS_W$}", keys_label(b));
            for (k, text) in wrap_words(b.desc, desc_w).into_iter().enumerate() {
                let lead = if k == 0 {
                    keys.clone()
                } else {
                    " ".repeat(KEYS_W + 2)
                };
                lines.push(HelpLine::Binding { lead, text });
            }
        }
        lines.push(HelpLine::Blank);
        out.push(lines);
    }
    out.push(vec![
        HelpLine::Heading("Mouse"),
        HelpLine::Text(format!("  {:<KEYS_W$}select and focus", "click")),
        HelpLine::Text(format!("  {:<KEYS_W$}scroll the pane under it", "wheel")),
    ]);
    out
}

/// Two columns when there is room: "Everywhere" left, the panes right.
pub fn columns(width: u16) -> Vec<Vec<HelpLine>> {
    let two = width >= TWO_COLUMNS;
    let gs = groups(if two { width / 2 } else { width });
    if two {
        let mut it = gs.into_iter();
        let left = it.next().unwrap_or_default();
        vec![left, it.flatten().collect()]
    } else {
        vec![gs.into_iter().flatten().collect()]
    }
}
