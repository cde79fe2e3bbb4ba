//! The annotate mode's keys as data: the event loop looks keys up here,
//! and the help (`?`), the hint line and the README's table are made from
//! the same table.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Edit, FormAct, Motion, PickAct};
use super::state::{Focus, Overlay, State};
/// The explorer's key type and its builders: one notion of a key.
pub use crate::app::keymap::Key;
use crate::app::keymap::{code, ctrl, k};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Text,
    Claims,
    Form,
    Picker,
    NewEntity,
    Confirm,
    Help,
    Everywhere,
}

impl Ctx {
    pub const ALL: [Ctx; 8] = [
        Ctx::Text,
        Ctx::Claims,
        Ctx::Form,
        Ctx::Picker,
        Ctx::NewEntity,
        Ctx::Confirm,
        Ctx::Help,
        Ctx::Everywhere,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Ctx::Text => "Reading the text",
            Ctx::Claims => "Claim list (Tab)",
            Ctx::Form => "Claim form (c, E)",
            Ctx::Picker => "Picker (Enter on a list field)",
            Ctx::NewEntity => "New entity (Ctrl-N in a picker)",
            Ctx::Confirm => "Questions (delete, quit, restore)",
            Ctx::Help => "This help",
            Ctx::Everywhere => "Everywhere",
        }
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub ctx: Ctx,
    pub action: Action,
    pub desc: &'static str,
    /// Short text for the hint line; empty when not hinted.
    pub hint: &'static str,
}

const fn bind(
    keys: &'static [Key],
    ctx: Ctx,
    action: Action,
    desc: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        ctx,
        action,
        desc,
        hint,
    }
}

use Action as A;
use Ctx as C;
use KeyCode as K;

// One binding a line: keys, where, what, the help text, the hint.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(&[k('j'), code(K::Down)], C::Text, A::Move(Motion::Down), "next line", ""),
    bind(&[k('k'), code(K::Up)], C::Text, A::Move(Motion::Up), "previous line", ""),
    bind(&[k('l'), code(K::Right)], C::Text, A::Move(Motion::Right), "next character", ""),
    bind(&[k('h'), code(K::Left)], C::Text, A::Move(Motion::Left), "previous character", ""),
    bind(&[k('w')], C::Text, A::Move(Motion::WordNext), "next word", ""),
    bind(&[k('b')], C::Text, A::Move(Motion::WordPrev), "previous word", ""),
    bind(&[k(')')], C::Text, A::Move(Motion::SentenceNext), "next sentence (selecting: to the end of the sentence, its punctuation included)", ") sentence"),
    bind(&[k('(')], C::Text, A::Move(Motion::SentencePrev), "previous sentence (selecting: to its start)", ""),
    bind(&[k('g'), code(K::Home)], C::Text, A::Move(Motion::Top), "start of the text", ""),
    bind(&[k('G'), code(K::End)], C::Text, A::Move(Motion::Bottom), "end of the text", ""),
    bind(&[code(K::PageDown)], C::Text, A::Move(Motion::PageDown), "page down", ""),
    bind(&[code(K::PageUp)], C::Text, A::Move(Motion::PageUp), "page up", ""),
    bind(&[k('v')], C::Text, A::Select, "start a selection at the cursor (again: drop it); moving extends it", "v select"),
    bind(&[code(K::Esc)], C::Text, A::Unselect, "drop the selection", ""),
    bind(&[k('c')], C::Text, A::Claim, "new claim from the selection (none: the sentence under the cursor)", "c claim"),
    bind(&[k('E')], C::Text, A::Edit, "edit the selected claim", "E edit"),
    bind(&[k('D')], C::Text, A::Delete, "delete the selected claim (asks first)", "D delete"),
    bind(&[k('u')], C::Text, A::Undo, "undo the last saved change (writes the file)", "u undo"),
    bind(&[ctrl('r')], C::Text, A::Redo, "redo the change undone (writes the file)", ""),
    bind(&[k('s')], C::Text, A::NextSource, "next source of the file", ""),
    bind(&[code(K::Tab)], C::Text, A::Focus, "the claim list", ""),
    bind(&[k('j'), code(K::Down)], C::Claims, A::ClaimDown, "next claim (the cursor goes to its quote)", ""),
    bind(&[k('k'), code(K::Up)], C::Claims, A::ClaimUp, "previous claim", ""),
    bind(&[k('E'), code(K::Enter)], C::Claims, A::Edit, "edit the claim", "E edit"),
    bind(&[k('D')], C::Claims, A::Delete, "delete the claim (asks first)", "D delete"),
    bind(&[k('u')], C::Claims, A::Undo, "undo the last saved change", "u undo"),
    bind(&[ctrl('r')], C::Claims, A::Redo, "redo", ""),
    bind(&[code(K::Tab), code(K::Esc)], C::Claims, A::Focus, "back to the text", "Tab text"),
    bind(&[code(K::Tab), code(K::Down)], C::Form, A::Form(FormAct::Next), "next field", "Tab next"),
    bind(&[code(K::BackTab), code(K::Up)], C::Form, A::Form(FormAct::Prev), "previous field", ""),
    bind(&[ctrl('s')], C::Form, A::Form(FormAct::Save), "save the claim: validated, then written (FILE.bak keeps the previous file)", "Ctrl-S save"),
    bind(&[code(K::Enter)], C::Form, A::Form(FormAct::Open), "open the field's picker (layer, certainty: next value)", "Enter pick"),
    bind(&[code(K::Left)], C::Form, A::Form(FormAct::Edit(Edit::Left)), "caret left (layer, certainty: previous value)", ""),
    bind(&[code(K::Right)], C::Form, A::Form(FormAct::Edit(Edit::Right)), "caret right (layer, certainty: next value)", ""),
    bind(&[code(K::Home), ctrl('a')], C::Form, A::Form(FormAct::Edit(Edit::Home)), "caret to the start", ""),
    bind(&[code(K::End), ctrl('e')], C::Form, A::Form(FormAct::Edit(Edit::End)), "caret to the end", ""),
    bind(&[code(K::Backspace)], C::Form, A::Form(FormAct::Edit(Edit::Backspace)), "delete before the caret (a list: its last entry)", ""),
    bind(&[code(K::Delete)], C::Form, A::Form(FormAct::Edit(Edit::Delete)), "delete at the caret", ""),
    bind(&[ctrl('u')], C::Form, A::Form(FormAct::Edit(Edit::Clear)), "clear the field", ""),
    bind(&[code(K::Esc)], C::Form, A::Form(FormAct::Cancel), "close the form (asks when something was typed)", "Esc close"),
    bind(&[code(K::Down)], C::Picker, A::Pick(PickAct::Down), "next entry", ""),
    bind(&[code(K::Up)], C::Picker, A::Pick(PickAct::Up), "previous entry", ""),
    bind(&[code(K::Enter)], C::Picker, A::Pick(PickAct::Toggle), "take or drop the entry (speaker, related: take it and close)", "Enter take/drop"),
    bind(&[ctrl('n')], C::Picker, A::Pick(PickAct::New), "new region, actor or theme from the query", "Ctrl-N new"),
    bind(&[code(K::Backspace)], C::Picker, A::Pick(PickAct::Edit(Edit::Backspace)), "delete a character of the query", ""),
    bind(&[ctrl('u')], C::Picker, A::Pick(PickAct::Edit(Edit::Clear)), "clear the query", ""),
    bind(&[code(K::Esc), code(K::Tab)], C::Picker, A::Pick(PickAct::Close), "back to the form", "Esc done"),
    bind(&[code(K::Tab), code(K::Down), code(K::Up)], C::NewEntity, A::Pick(PickAct::NextField), "id ↔ name", "Tab id/name"),
    bind(&[code(K::Enter)], C::NewEntity, A::Pick(PickAct::Toggle), "make it and link it", "Enter make"),
    bind(&[code(K::Backspace)], C::NewEntity, A::Pick(PickAct::Edit(Edit::Backspace)), "delete a character", ""),
    bind(&[code(K::Esc)], C::NewEntity, A::Pick(PickAct::Close), "give up the new entity", "Esc back"),
    bind(&[k('y')], C::Confirm, A::Answer(true), "yes", "y yes"),
    bind(&[k('n'), code(K::Esc)], C::Confirm, A::Answer(false), "no", "n no"),
    bind(&[code(K::Esc), k('?'), k('q')], C::Help, A::Help, "close the help", "Esc close"),
    bind(&[k('j'), code(K::Down)], C::Help, A::HelpScroll(1), "scroll down", ""),
    bind(&[k('k'), code(K::Up)], C::Help, A::HelpScroll(-1), "scroll up", ""),
    bind(&[code(K::PageDown), k(' ')], C::Help, A::HelpScroll(10), "page down", ""),
    bind(&[code(K::PageUp)], C::Help, A::HelpScroll(-10), "page up", ""),
    bind(&[k('?')], C::Everywhere, A::Help, "help (outside the form)", "? help"),
    bind(&[k('q')], C::Everywhere, A::Quit, "quit (outside the form; asks when a draft would be lost)", "q quit"),
    bind(&[ctrl('c')], C::Everywhere, A::Interrupt, "quit (asks when a draft would be lost; again: quit)", ""),
];

/// The context keys are looked up in now.
pub fn context(state: &State) -> Ctx {
    match &state.overlay {
        Overlay::Form(f) => match &f.picker {
            Some(p) if p.new.is_some() => Ctx::NewEntity,
            Some(_) => Ctx::Picker,
            None => Ctx::Form,
        },
        Overlay::Confirm(..) | Overlay::Restore(_) => Ctx::Confirm,
        Overlay::Help { .. } => Ctx::Help,
        Overlay::None if state.focus == Focus::Claims => Ctx::Claims,
        Overlay::None => Ctx::Text,
    }
}

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    // Shifted letters and punctuation arrive with SHIFT set or not,
    // depending on the terminal: the character says it.
    let mods = match ev.code {
        KeyCode::Char(_) => ev.modifiers - KeyModifiers::SHIFT,
        _ => ev.modifiers,
    };
    key.code == ev.code && key.mods == mods
}

fn lookup(ctx: Ctx, ev: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|b| b.ctx == ctx && b.keys.iter().any(|key| matches(key, ev)))
        .map(|b| b.action.clone())
}

/// The action for a key, or None.
pub fn action_for(state: &State, ev: KeyEvent) -> Option<Action> {
    let ctx = context(state);
    if let Some(a) = lookup(ctx, &ev) {
        return Some(a);
    }
    let typing = matches!(ctx, Ctx::Form | Ctx::Picker | Ctx::NewEntity);
    let plain = !ev
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match ev.code {
        KeyCode::Char(c) if typing && plain => Some(match ctx {
            Ctx::Form => A::Form(FormAct::Edit(Edit::Input(c))),
            _ => A::Pick(PickAct::Edit(Edit::Input(c))),
        }),
        // In the form only Ctrl-C is global: `q` and `?` are typed.
        KeyCode::Char('c') if ev.modifiers.contains(KeyModifiers::CONTROL) => Some(A::Interrupt),
        _ if typing || matches!(ctx, Ctx::Confirm | Ctx::Help) => None,
        _ => lookup(Ctx::Everywhere, &ev),
    }
}

pub fn key_name(key: &Key) -> String {
    match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if key.mods.contains(KeyModifiers::CONTROL) => {
            format!("Ctrl-{}", c.to_ascii_uppercase())
        }
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    }
}

fn keys_of(b: &Binding) -> String {
    b.keys.iter().map(key_name).collect::<Vec<_>>().join("/")
}

/// The hint line of a context: its hinted keys, then the hinted keys
/// that work everywhere.
pub fn hints(ctx: Ctx) -> String {
    let global = matches!(ctx, Ctx::Text | Ctx::Claims);
    (BINDINGS.iter())
        .filter(|b| !b.hint.is_empty() && (b.ctx == ctx || (global && b.ctx == Ctx::Everywhere)))
        .map(|b| b.hint)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The help: a heading a context, then `keys  what` lines.
pub fn help_lines() -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for ctx in Ctx::ALL {
        out.push((true, ctx.label().to_string()));
        for b in BINDINGS.iter().filter(|b| b.ctx == ctx) {
            out.push((false, format!("{:<16} {}", keys_of(b), b.desc)));
        }
        out.push((false, String::new()));
    }
    out.push((true, "Mouse".into()));
    out.push((false, "press and drag over the text to select it".into()));
    out
}

/// The key table as Markdown, for the README (`stratlens annotate --keys`).
pub fn markdown() -> String {
    let mut out = String::new();
    for ctx in Ctx::ALL {
        out.push_str(&format!(
            "**{}**\n\n| keys | action |\n| --- | --- |\n",
            ctx.label()
        ));
        for b in BINDINGS.iter().filter(|b| b.ctx == ctx) {
            out.push_str(&format!("| `{}` | {} |\n", keys_of(b), b.desc));
        }
        out.push('\n');
    }
    out.push_str("**Mouse**: press and drag over the text to select it; the wheel scrolls.\n");
    out
}
