//! Names for the keymap: each binding's stable action name (`quit`,
//! `search`, `toggle_mark`), each context's (`detail`), keys as the config
//! file writes them (`ctrl-f`, `Q`, `pagedown`), and the keymap in force:
//! the built-in [`BINDINGS`] unless a config file remapped keys, in which
//! case [`install`] sets the remapped table once, before the explorer or
//! `stratlens keys` reads it.

use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::action::{Action, Brief, Dialog, Edit, Go, Jump, Move, Pin, SearchEdit, Tool};
use super::keymap::{BINDINGS, Binding, Key, KeyContext};
use super::state::Tab;

static ACTIVE: OnceLock<&'static [Binding]> = OnceLock::new();

/// The keymap in force: the config's when one was installed.
pub fn bindings() -> &'static [Binding] {
    ACTIVE.get().copied().unwrap_or(BINDINGS)
}

/// Puts a remapped table in force for the rest of the process (once; a
/// second call is ignored). The table lives as long as the process.
pub fn install(table: Vec<Binding>) {
    let _ = ACTIVE.set(Box::leak(table.into_boxed_slice()));
}

/// The stable snake_case name of a bound action.
pub fn action_name(action: &Action) -> &'static str {
    match action {
        Action::Quit => "quit",
        // `q`: closes what is open, else quits; a config remaps it as `quit`.
        Action::Close => "quit",
        Action::ToggleHelp => "help",
        Action::Move(m) => move_name(m),
        Action::Go(g) => go_name(g),
        Action::Pin(p) => pin_name(p),
        Action::Search(s) => search_name(s),
        Action::Jump(j) => jump_name(j),
        Action::Brief(b) => brief_name(b),
        Action::Dialog(d) => dialog_name(d),
        Action::Tool(t) => tool_name(t),
        Action::Edit(e) => edit_name(e),
        Action::Resize { .. } => "resize",
        Action::Mouse(_) => "mouse",
        Action::Outcome(_) => "outcome",
    }
}

// One function per group of actions, each matching its own enum.
fn move_name(m: &Move) -> &'static str {
    match m {
        Move::Up => "move_up",
        Move::Down => "move_down",
        Move::Top => "move_top",
        Move::Bottom => "move_bottom",
        Move::PageUp => "page_up",
        Move::PageDown => "page_down",
    }
}

fn go_name(g: &Go) -> &'static str {
    match g {
        Go::FocusNext => "focus_next",
        Go::FocusPrev => "focus_prev",
        Go::Drill => "open",
        Go::Back => "back",
        Go::HistoryBack => "history_back",
        Go::HistoryForward => "history_forward",
        Go::TabNext => "tab_next",
        Go::TabPrev => "tab_prev",
        Go::SelectTab(Tab::Countries) => "tab_countries",
        Go::SelectTab(Tab::Actors) => "tab_actors",
        Go::SelectTab(Tab::Themes) => "tab_themes",
        Go::SelectTab(Tab::Sections) => "tab_sections",
        Go::SelectTab(Tab::Attribution) => "tab_attribution",
        Go::SelectTab(Tab::Sources) => "tab_sources",
        Go::Open(_) => "open_target",
    }
}

fn pin_name(p: &Pin) -> &'static str {
    match p {
        Pin::Include => "pin_include",
        Pin::Exclude => "pin_exclude",
        Pin::Clear => "clear_filters",
        Pin::Regions => "toggle_regions",
    }
}

fn search_name(s: &SearchEdit) -> &'static str {
    match s {
        SearchEdit::Open => "search",
        SearchEdit::Input(_) => "search_input",
        SearchEdit::Backspace => "search_backspace",
        SearchEdit::Clear => "search_clear",
        SearchEdit::Accept => "search_accept",
        SearchEdit::Cancel => "search_cancel",
    }
}

fn jump_name(j: &Jump) -> &'static str {
    match j {
        Jump::NextMatch => "next_match",
        Jump::PrevMatch => "prev_match",
        Jump::NextLink => "next_link",
        Jump::PrevLink => "prev_link",
    }
}

fn brief_name(b: &Brief) -> &'static str {
    match b {
        Brief::ToggleMark => "toggle_mark",
        Brief::ToggleMarkedOnly => "toggle_marked_only",
        Brief::CycleLens => "cycle_lens",
        Brief::CopyCitation => "copy_citation",
        Brief::CopyQuote => "copy_quote",
        Brief::ToggleStats => "toggle_stats",
        Brief::ToggleTimeline => "toggle_timeline",
        Brief::Compare => "compare",
        Brief::ExportOpen => "export",
    }
}

fn dialog_name(d: &Dialog) -> &'static str {
    match d {
        Dialog::NextField => "next_field",
        Dialog::PrevField => "prev_field",
        Dialog::OptionPrev => "option_prev",
        Dialog::OptionNext => "option_next",
        Dialog::Input(_) => "input",
        Dialog::Backspace => "backspace",
        Dialog::Clear => "clear",
        Dialog::Write => "write",
        Dialog::Copy => "copy_briefing",
        Dialog::Cancel => "cancel",
        Dialog::OverwriteYes => "overwrite_yes",
        Dialog::OverwriteNo => "overwrite_no",
    }
}

fn tool_name(t: &Tool) -> &'static str {
    match t {
        Tool::Palette => "palette",
        Tool::SaveView => "save_view",
        Tool::View(_) => "open_view",
        Tool::Note => "edit_note",
        Tool::Theme(_) => "set_theme",
    }
}

fn edit_name(e: &Edit) -> &'static str {
    match e {
        Edit::Input(_) => "text_input",
        Edit::Backspace => "text_backspace",
        Edit::Delete => "text_delete",
        Edit::Left => "cursor_left",
        Edit::Right => "cursor_right",
        Edit::Home => "cursor_home",
        Edit::End => "cursor_end",
        Edit::Clear => "text_clear",
        Edit::Accept => "accept",
        Edit::Cancel => "cancel",
        Edit::Yes => "overwrite_yes",
        Edit::No => "overwrite_no",
    }
}

/// A context's name in the config file (`[keys.detail]`); `global` is
/// `[keys]` itself.
pub fn context_name(ctx: KeyContext) -> &'static str {
    match ctx {
        KeyContext::Global => "global",
        KeyContext::Facets => "facets",
        KeyContext::Claims => "claims",
        KeyContext::Detail => "detail",
        KeyContext::Search => "search_line",
        KeyContext::Stats => "stats",
        KeyContext::Timeline => "timeline",
        KeyContext::Export => "export_dialog",
        KeyContext::Overwrite => "overwrite",
        KeyContext::Help => "help_overlay",
        KeyContext::Palette => "command_palette",
        KeyContext::Note => "note_editor",
        KeyContext::ViewName => "view_name",
        KeyContext::ViewOverwrite => "view_overwrite",
        KeyContext::TextInput => "text_input",
    }
}

pub fn context_named(name: &str) -> Option<KeyContext> {
    KeyContext::ALL
        .into_iter()
        .find(|c| context_name(*c) == name)
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("backspace", KeyCode::Backspace),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("space", KeyCode::Char(' ')),
];

/// Parses a key as the config file writes it: one character (`Q`, `/`),
/// a name (`enter`, `pagedown`, `f5`, `space`), with `ctrl-`, `alt-` or
/// `shift-` in front (`ctrl-f`, `shift-tab`).
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (m, n) = if lower.starts_with("ctrl-") && rest.len() > 5 {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") && rest.len() > 4 {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") && rest.len() > 6 {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        mods |= m;
        rest = &rest[n..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => {
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        _ => {
            let lower = rest.to_ascii_lowercase();
            if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                *code
            } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
                && (1..=12).contains(&n)
            {
                KeyCode::F(n)
            } else {
                return Err(format!("unknown key name \"{text}\""));
            }
        }
    };
    // Shift with a character is the character itself; Shift-Tab is BackTab.
    if matches!(code, KeyCode::Char(_)) {
        mods.remove(KeyModifiers::SHIFT);
    }
    let code = if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
        mods.remove(KeyModifiers::SHIFT);
        KeyCode::BackTab
    } else {
        code
    };
    Ok(Key { code, mods })
}

/// A key as the config file and `stratlens keys --json` write it.
pub fn key_spec(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "shift-tab".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => NAMED
            .iter()
            .find(|(_, c)| *c == other)
            .map(|(n, _)| n.to_string())
            .unwrap_or_else(|| format!("{other:?}").to_ascii_lowercase()),
    };
    let mut out = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if key.mods.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    if key.mods.contains(KeyModifiers::SHIFT) {
        out.push_str("shift-");
    }
    out + &name
}

/// The keymap in force as `{action, keys, context, description}` objects:
/// what `stratlens keys --json` prints.
pub fn json() -> serde_json::Value {
    serde_json::Value::Array(
        bindings()
            .iter()
            .map(|b| {
                serde_json::json!({
                    "action": action_name(&b.action),
                    "keys": b.keys.iter().map(key_spec).collect::<Vec<_>>(),
                    "context": context_name(b.ctx),
                    "description": b.desc,
                })
            })
            .collect(),
    )
}

/// The Ctrl-C binding: it quits everywhere and cannot be remapped.
pub fn is_fixed(b: &Binding) -> bool {
    b.action == Action::Quit
        && b.keys
            == [Key {
                code: KeyCode::Char('c'),
                mods: KeyModifiers::CONTROL,
            }]
}

/// The built-in table with `remaps` applied: for each `(context, action
/// name, keys)`, the action's bindings in that context lose their keys and
/// the first takes the new ones. Unknown names are the caller's to check
/// (see [`known`]).
pub fn remapped(remaps: &[(KeyContext, &str, Vec<Key>)]) -> Vec<Binding> {
    let mut out: Vec<Binding> = Vec::new();
    for b in BINDINGS {
        let remap = (!is_fixed(b))
            .then(|| {
                remaps
                    .iter()
                    .find(|(ctx, name, _)| *ctx == b.ctx && *name == action_name(&b.action))
            })
            .flatten();
        let keys: &'static [Key] = match remap {
            None => b.keys,
            Some((ctx, name, keys)) => {
                let first = !out
                    .iter()
                    .any(|o| o.ctx == *ctx && !is_fixed(o) && action_name(&o.action) == *name);
                if !first {
                    continue;
                }
                Box::leak(keys.clone().into_boxed_slice())
            }
        };
        out.push(Binding {
            keys,
            ctx: b.ctx,
            action: b.action.clone(),
            desc: b.desc,
            hint: b.hint,
        });
    }
    out
}

/// Whether `name` is an action bound in `ctx` by the built-in table.
pub fn known(ctx: KeyContext, name: &str) -> bool {
    BINDINGS
        .iter()
        .any(|b| b.ctx == ctx && !is_fixed(b) && action_name(&b.action) == name)
}

/// The action names bound in `ctx`, for error messages.
pub fn names_in(ctx: KeyContext) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.ctx == ctx && !is_fixed(b)) {
        let n = action_name(&b.action);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}
