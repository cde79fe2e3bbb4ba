//! `update`: the only function that changes the annotate mode's state.
//! What must happen outside (saving, undo, redo, the recover file) is
//! recorded as [`Effect`]s for the event loop.

use super::action::{Action, MouseAct, Outcome};
use super::form::{self, Form};
use super::motion;
use super::picker;
use super::state::{Confirm, Effect, Focus, Overlay, State};
use crate::authoring::draft::Draft;
use crate::authoring::ids::next_claim_id;
use crate::authoring::recover::Recover;
use crate::authoring::session::{Change, Refused};

pub fn update(state: &mut State, action: Action) {
    if !matches!(
        action,
        Action::Resize { .. } | Action::Outcome(_) | Action::Mouse(_)
    ) {
        state.message = None;
    }
    if !matches!(action, Action::Interrupt) {
        state.interrupted = false;
    }
    let width = state.text_inner().width;
    apply(state, action);
    // A form opened or closed beside the text: lay it out for its width.
    if state.text_inner().width != width {
        state.relayout();
    }
}

fn apply(state: &mut State, action: Action) {
    match action {
        Action::Move(m) => motion::apply(state, m),
        Action::Select => {
            state.anchor = match state.anchor {
                Some(_) => None,
                None => Some(state.cursor),
            }
        }
        Action::Unselect => state.anchor = None,
        Action::Claim => open_new(state),
        Action::Edit => open_edit(state),
        Action::Delete => ask_delete(state),
        Action::Undo => ask_history(state, true),
        Action::Redo => ask_history(state, false),
        Action::NextSource => next_source(state),
        Action::Focus => toggle_focus(state),
        Action::ClaimDown | Action::ClaimUp => {
            motion::claim_step(state, matches!(action, Action::ClaimDown))
        }
        Action::Help => toggle_help(state),
        Action::HelpScroll(n) => {
            if let Overlay::Help { scroll } = &mut state.overlay {
                *scroll = scroll.saturating_add_signed(n as isize);
            }
        }
        Action::Quit => quit(state, false),
        Action::Interrupt => quit(state, true),
        Action::Form(a) => form::update(state, a),
        Action::Pick(a) => picker::update(state, a),
        Action::Answer(yes) => answer(state, yes),
        Action::Mouse(m) => mouse(state, m),
        Action::Resize { width, height } => {
            state.width = width;
            state.height = height;
            state.relayout();
        }
        Action::Signal(sig) => keep_and_stop(state, sig),
        Action::Outcome(o) => outcome(state, o),
    }
}

/// The selection, or the sentence under the cursor, without the white
/// space at its ends.
fn quote_range(state: &State) -> Option<(usize, usize)> {
    let (mut a, mut b) = match state.selection() {
        Some(r) => r,
        None => state
            .layout
            .sentences
            .iter()
            .copied()
            .find(|&(s, e)| s <= state.cursor && state.cursor < e)?,
    };
    let chars = &state.layout.chars;
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

fn open_new(state: &mut State) {
    let Some(source) = state.current_source() else {
        return;
    };
    let Some((a, b)) = quote_range(state) else {
        state.message =
            Some("select the quote first: v, then move (or put the cursor in a sentence)".into());
        return;
    };
    let draft = Draft::suggested(source, a, b, &state.catalogue);
    let taken = state
        .catalogue
        .claim_ids()
        .chain(state.data.claims.iter().map(|c| c.id.as_str()));
    let id = next_claim_id(&source.id, taken);
    let quote: String = state.layout.chars[a..b].iter().collect();
    state.message = Some(format!(
        "claim {id}: write the statement; Ctrl-S saves, Tab moves"
    ));
    state.overlay = Overlay::Form(Box::new(Form::new(draft, id, quote, None)));
}

fn open_edit(state: &mut State) {
    let Some(claim) = state.selected_claim().cloned() else {
        state.message = Some("no claim here to edit".into());
        return;
    };
    let quote = state.layout.chars
        [claim.quote.start.min(state.layout.len)..claim.quote.end.min(state.layout.len)]
        .iter()
        .collect();
    let draft = Draft::of_claim(&claim);
    state.message = Some(format!("editing {}; Ctrl-S saves", claim.id));
    state.overlay = Overlay::Form(Box::new(Form::new(
        draft,
        claim.id.clone(),
        quote,
        Some(claim),
    )));
}

fn ask_delete(state: &mut State) {
    match state.selected_claim() {
        Some(c) => {
            let id = c.id.clone();
            state.overlay = Overlay::Confirm(Confirm::Delete(id), None);
        }
        None => state.message = Some("no claim here to delete".into()),
    }
}

fn ask_history(state: &mut State, undo: bool) {
    let (can, what) = if undo {
        (state.can_undo, "undo")
    } else {
        (state.can_redo, "redo")
    };
    if !can {
        state.message = Some(format!("nothing to {what} in this session"));
        return;
    }
    state
        .effects
        .push(if undo { Effect::Undo } else { Effect::Redo });
}

fn next_source(state: &mut State) {
    if state.texts.len() < 2 {
        state.message = Some("the file has one source with a text".into());
        return;
    }
    state.source = (state.source + 1) % state.texts.len();
    state.cursor = 0;
    state.anchor = None;
    state.scroll = 0;
    state.claim_cursor = 0;
    state.relayout();
}

fn toggle_focus(state: &mut State) {
    state.focus = match state.focus {
        Focus::Text if state.claims.is_empty() => {
            state.message = Some("no claims on this source yet: select a quote and press c".into());
            Focus::Text
        }
        Focus::Text => Focus::Claims,
        Focus::Claims => Focus::Text,
    };
}

fn toggle_help(state: &mut State) {
    state.overlay = match state.overlay {
        Overlay::Help { .. } => Overlay::None,
        Overlay::None => Overlay::Help { scroll: 0 },
        _ => return,
    };
}

/// `q` and Ctrl-C: quit, unless a draft would be lost; then ask (a
/// second Ctrl-C quits anyway).
fn quit(state: &mut State, interrupt: bool) {
    let typing = state.form().is_some_and(|f| f.draft.has_typing());
    if !typing || (interrupt && state.interrupted) {
        state.quit = true;
        return;
    }
    if let Overlay::Confirm(Confirm::Quit, _) = state.overlay {
        state.interrupted = interrupt;
        return;
    }
    let form = match std::mem::replace(&mut state.overlay, Overlay::None) {
        Overlay::Form(f) | Overlay::Confirm(_, Some(f)) => Some(f),
        _ => None,
    };
    state.overlay = Overlay::Confirm(Confirm::Quit, form);
    state.interrupted = interrupt;
}

fn answer(state: &mut State, yes: bool) {
    match std::mem::replace(&mut state.overlay, Overlay::None) {
        Overlay::Confirm(Confirm::Delete(id), _) if yes => {
            state
                .effects
                .push(Effect::Save(Box::new(Change::Delete(id))));
        }
        Overlay::Confirm(Confirm::Quit, _) if yes => state.quit = true,
        Overlay::Confirm(Confirm::Discard, _) if yes => {
            state.message = Some("draft discarded".into());
        }
        Overlay::Confirm(_, form) => {
            if let Some(f) = form {
                state.overlay = Overlay::Form(f);
            }
        }
        Overlay::Restore(r) if yes => restore(state, *r),
        Overlay::Restore(_) => {
            state.effects.push(Effect::SetAsideRecover);
        }
        other => state.overlay = other,
    }
}

/// Puts back what FILE.recover held: its source, selection and form.
fn restore(state: &mut State, r: Recover) {
    let found = (0..state.texts.len()).find(|&k| state.data.sources[state.texts[k]].id == r.source);
    let Some(k) = found else {
        state.message = Some(format!(
            "FILE.recover is for source {}, which the file no longer has; it was left as it is",
            r.source
        ));
        return;
    };
    state.source = k;
    state.relayout();
    if let Some((a, b)) = r.selection.filter(|&(a, b)| a < b && b <= state.layout.len) {
        state.anchor = Some(a);
        state.cursor = b - 1;
        state.follow();
    }
    let Some(draft) = r.draft else {
        state.effects.push(Effect::RemoveRecover);
        state.message = Some("selection restored".into());
        return;
    };
    let len = state.layout.len;
    let quote = state.layout.chars[draft.start.min(len)..draft.end.min(len)]
        .iter()
        .collect();
    let (id, old) = match &draft.editing {
        Some(id) => (
            id.clone(),
            state.data.claims.iter().find(|c| &c.id == id).cloned(),
        ),
        None => {
            let taken = state
                .catalogue
                .claim_ids()
                .chain(state.data.claims.iter().map(|c| c.id.as_str()));
            (next_claim_id(&draft.source, taken), None)
        }
    };
    state.from_recover = true;
    state.message = Some("draft restored; Ctrl-S saves it".into());
    state.overlay = Overlay::Form(Box::new(Form::new(draft, id, quote, old)));
}

fn mouse(state: &mut State, m: MouseAct) {
    if !matches!(state.overlay, Overlay::None) {
        return;
    }
    match m {
        MouseAct::Down { col, row } => motion::press(state, col, row),
        MouseAct::Drag { col, row } if state.dragging => motion::drag(state, col, row),
        MouseAct::Drag { .. } => {}
        MouseAct::Up => {
            state.dragging = false;
            if state.anchor == Some(state.cursor) {
                state.anchor = None;
            }
        }
        MouseAct::ScrollUp => state.scroll = state.scroll.saturating_sub(3),
        MouseAct::ScrollDown => {
            state.scroll = (state.scroll + 3).min(state.layout.lines.len().saturating_sub(1))
        }
    }
}

/// SIGTERM, SIGHUP: what is not saved goes to FILE.recover, then stop.
fn keep_and_stop(state: &mut State, sig: i32) {
    let draft = state.form().map(|f| f.draft.clone());
    let selection = state.selection();
    if draft.is_some() || selection.is_some() {
        let source = state
            .current_source()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        let r = Recover::new(&state.file, &source, selection, draft);
        state.effects.push(Effect::WriteRecover(Box::new(r)));
    }
    state.quit = true;
    state.signal = Some(sig);
}

fn outcome(state: &mut State, o: Outcome) {
    match o {
        Outcome::Saved {
            data,
            catalogue,
            message,
            warnings,
            can_undo,
            can_redo,
        } => {
            state.data = *data;
            state.catalogue = *catalogue;
            state.can_undo = can_undo;
            state.can_redo = can_redo;
            if state.form().is_some_and(|f| f.saving) {
                state.overlay = Overlay::None;
                state.anchor = None;
                if std::mem::take(&mut state.from_recover) {
                    state.effects.push(Effect::RemoveRecover);
                }
            }
            state.relayout();
            state.select_claim_under_cursor();
            state.message = Some(match warnings.as_slice() {
                [] => message,
                w => format!("{message}; warning: {}", w.join("; ")),
            });
        }
        Outcome::Refused(r) => {
            if let Overlay::Form(f) = &mut state.overlay
                && f.saving
            {
                f.saving = false;
                if let Refused::Invalid(problems) = &r {
                    f.problems = f.draft.sort_problems(&f.id, problems);
                }
            }
            state.message = Some(r.to_string());
        }
        Outcome::Message(m) => state.message = Some(m),
    }
}
