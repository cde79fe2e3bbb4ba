//! The event loop: terminal events become [`Action`]s through the keymap,
//! [`update`] applies them, and the screen is redrawn from the state.

use std::error::Error;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEvent, MouseEventKind};

use crate::app::{Action, State, keymap, update};
use crate::model::Store;
use crate::terminal;

/// How often the loop wakes to check for signals when no event comes.
const TICK: Duration = Duration::from_millis(200);

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Draw without colour; the `NO_COLOR` environment variable does the same.
    pub no_color: bool,
    /// Start with this search query accepted.
    pub query: Option<String>,
}

/// True when colour is allowed by `opts` and by `NO_COLOR` (set and non-empty).
pub fn use_color(opts: &Options) -> bool {
    let env_off = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !(opts.no_color || env_off)
}

/// The state the explorer opens with, `opts.query` already accepted.
pub fn initial_state(store: Store, opts: &Options) -> State {
    let mut state = State::new(store, use_color(opts));
    if let Some(q) = opts.query.as_deref().filter(|q| !q.trim().is_empty()) {
        update(&mut state, Action::SearchOpen);
        update(&mut state, Action::SearchClear);
        for c in q.chars() {
            update(&mut state, Action::SearchInput(c));
        }
        update(&mut state, Action::SearchAccept);
    }
    state
}

pub fn run(store: Store, opts: Options) -> Result<(), Box<dyn Error>> {
    let mut state = initial_state(store, &opts);
    let signals = terminal::Signals::register()?;
    let mut guard = terminal::init()?;
    let size = guard.term.size()?;
    update(
        &mut state,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    loop {
        guard.term.draw(|f| crate::ui::draw(&state, f))?;
        if let Some(sig) = signals.pending() {
            drop(guard);
            std::process::exit(128 + sig);
        }
        if event::poll(TICK)?
            && let Some(action) = to_action(&state, event::read()?)
        {
            update(&mut state, action);
        }
        if state.quit {
            return Ok(());
        }
    }
}

fn to_action(state: &State, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => keymap::action_for(state, k),
        Event::Mouse(m) => mouse_action(m),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

fn mouse_action(m: MouseEvent) -> Option<Action> {
    let (col, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(event::MouseButton::Left) => Some(Action::Click { col, row }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp { col, row }),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown { col, row }),
        _ => None,
    }
}
