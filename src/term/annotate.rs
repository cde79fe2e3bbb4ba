//! The annotate mode's event loop: keys and mouse events become actions
//! through the mode's keymap, `update` applies them, and the effects it
//! records (saving, undo, redo, FILE.recover) are carried out here against
//! the [`Session`]. The terminal guard gives the terminal back on every
//! way out; SIGTERM and SIGHUP first keep the draft in FILE.recover.

use std::error::Error;
use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

use super::guard;
use crate::annotate::action::{MouseAct, Outcome};
use crate::annotate::{Action, Effect, State, keymap, update};
use crate::authoring::recover::{self, Recover};
use crate::authoring::session::{Refused, Saved, Session};

/// How often the loop wakes to look for signals when no event comes.
const TICK: Duration = Duration::from_millis(100);

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub no_color: bool,
    pub theme: crate::config::ThemeName,
    pub no_mouse: bool,
}

/// Runs the mode until it is quit (returns) or stopped by a signal (exits
/// with 128 + the signal after restoring the terminal).
pub fn run(
    mut session: Session,
    found: Result<Option<Recover>, String>,
    opts: Options,
) -> Result<(), Box<dyn Error>> {
    let color = super::event_loop::use_color(&super::event_loop::Options {
        no_color: opts.no_color,
        ..Default::default()
    });
    let mut state = State::new(session.path(), session.data().clone(), session.catalogue())
        .with_style(color, opts.theme);
    match found {
        Ok(Some(r)) => state.offer_restore(r),
        Ok(None) => {}
        Err(e) => update(&mut state, Action::Outcome(Outcome::Message(e))),
    }
    let signals = guard::Signals::register()?;
    let mut guard = guard::init_with(!opts.no_mouse)?;
    let size = guard.term.size()?;
    update(
        &mut state,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let input = spawn_reader()?;
    let mut said = Vec::new();
    loop {
        if guard
            .term
            .draw(|f| crate::ui::annotate::draw(&state, f))
            .is_err()
        {
            // The terminal is gone: keep the draft, as a hang-up would.
            update(&mut state, Action::Signal(libc::SIGHUP));
        } else {
            next_event(&mut state, &signals, &input);
        }
        perform(&mut state, &mut session, &mut said);
        if state.quit_requested() {
            break;
        }
    }
    drop(guard);
    let mut err = std::io::stderr();
    for line in said {
        let _ = writeln!(err, "stratlens: {}", crate::sanitize::inline(&line));
    }
    if let Some(sig) = state.signal() {
        std::process::exit(128 + sig);
    }
    Ok(())
}

/// Waits a tick for a signal or an event and applies it.
fn next_event(
    state: &mut State,
    signals: &guard::Signals,
    input: &Receiver<std::io::Result<Event>>,
) {
    if let Some(sig) = signals.pending() {
        return update(state, Action::Signal(sig));
    }
    match input.recv_timeout(TICK) {
        Ok(Ok(ev)) => {
            if let Some(a) = to_action(state, ev) {
                update(state, a);
            }
        }
        // The terminal is gone (its window closed, the SSH link dropped):
        // keep the draft as a hang-up would.
        Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
            update(state, Action::Signal(libc::SIGHUP));
        }
        Err(RecvTimeoutError::Timeout) => {}
    }
}

/// Reads terminal events on a thread of their own: a blocking read fails
/// when the terminal hangs up, where polling would spin on it for ever.
fn spawn_reader() -> std::io::Result<Receiver<std::io::Result<Event>>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("stratlens-input".into())
        .spawn(move || {
            loop {
                let ev = event::read();
                let failed = ev.is_err();
                if tx.send(ev).is_err() || failed {
                    return;
                }
            }
        })?;
    Ok(rx)
}

/// Carries out what `update` asked for and reports back; what must be
/// read after the terminal is given back goes to `said`.
fn perform(state: &mut State, session: &mut Session, said: &mut Vec<String>) {
    for effect in state.take_effects() {
        let outcome = match effect {
            Effect::Save(change) => {
                let done = session.apply(*change);
                saved(session, done)
            }
            Effect::Undo => {
                let done = session.undo();
                saved(session, done)
            }
            Effect::Redo => {
                let done = session.redo();
                saved(session, done)
            }
            Effect::WriteRecover(r) => {
                match recover::write(session.path(), &r) {
                    Ok(p) => {
                        said.push(format!("the unsaved draft was kept in {}; `stratlens annotate {}` offers it again", p.display(), session.name()));
                        continue;
                    }
                    Err(e) => {
                        said.push(format!("the unsaved draft could not be kept: {e}"));
                        continue;
                    }
                }
            }
            Effect::SetAsideRecover => Outcome::Message(match recover::set_aside(session.path()) {
                Ok(p) => format!("not restored; kept aside as {}", p.display()),
                Err(e) => e,
            }),
            Effect::RemoveRecover => match recover::remove(session.path()) {
                Ok(()) => continue,
                Err(e) => Outcome::Message(e),
            },
        };
        update(state, Action::Outcome(outcome));
    }
}

fn saved(session: &Session, result: Result<Saved, Refused>) -> Outcome {
    match result {
        Ok(s) => Outcome::Saved {
            data: Box::new(session.data().clone()),
            catalogue: Box::new(session.catalogue()),
            message: s.message,
            warnings: s.warnings,
            can_undo: session.can_undo(),
            can_redo: session.can_redo(),
        },
        Err(r) => Outcome::Refused(r),
    }
}

fn to_action(state: &State, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => keymap::action_for(state, k),
        Event::Mouse(m) => mouse_action(m).map(Action::Mouse),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        // A paste arrives as characters when bracketed paste is off.
        _ => None,
    }
}

fn mouse_action(m: MouseEvent) -> Option<MouseAct> {
    let (col, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(MouseAct::Down { col, row }),
        MouseEventKind::Drag(MouseButton::Left) => Some(MouseAct::Drag { col, row }),
        MouseEventKind::Up(MouseButton::Left) => Some(MouseAct::Up),
        MouseEventKind::ScrollUp => Some(MouseAct::ScrollUp),
        MouseEventKind::ScrollDown => Some(MouseAct::ScrollDown),
        _ => None,
    }
}
