//! The event loop: terminal events become [`Action`]s through the keymap,
//! [`update()`] applies them, the effects `update` recorded (clipboard
//! copies, searches) are carried out, and the screen is redrawn from the
//! state.
//!
//! The loop never waits for a search: searches run on the worker thread
//! ([`crate::app::worker`]), and a reader thread turns terminal events into
//! messages on the same channel as the worker's replies, so the loop
//! sleeps until either arrives (or a tick passes, to look for signals).

use std::error::Error;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEvent, MouseEventKind};

use super::guard;
use crate::app::action::{Go, Mouse, Outcome, SearchEdit};
use crate::app::worker::{Reply, Stopped, Worker, settle};
use crate::app::{Action, Effect, State, keymap, restore, update};
use crate::model::Store;
use crate::session;
use crate::target::Target;

/// How often the loop wakes to check for signals when no event comes.
const TICK: Duration = Duration::from_millis(200);
/// Messages handled in a row before the screen is drawn again.
const BATCH: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Draw without colour; the `NO_COLOR` environment variable does the same.
    pub no_color: bool,
    /// Start with this search query accepted.
    pub query: Option<String>,
    /// Start at this claim, country, actor or theme (`--open`).
    pub open: Option<Target>,
    /// Ignore the saved session (it is still saved on quit).
    pub fresh: bool,
    /// Never write to the terminal clipboard.
    pub no_clipboard: bool,
    /// Where sessions are kept (the CLI passes [`session::state_dir`]);
    /// `None` neither restores nor saves one.
    pub state_dir: Option<PathBuf>,
    /// The colour theme (`config.toml`, `--theme`).
    pub theme: crate::config::ThemeName,
    /// Leave mouse reporting off (`--no-mouse`, `mouse = false`).
    pub no_mouse: bool,
    /// Where saved views are kept (the CLI passes [`crate::views::data_dir`]);
    /// `None` neither lists nor saves them.
    pub data_dir: Option<PathBuf>,
    /// Start in this saved view (`--open view:NAME`).
    pub view: Option<String>,
}

/// True when colour is allowed by `opts` and by `NO_COLOR` (set and non-empty).
pub fn use_color(opts: &Options) -> bool {
    let env_off = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !(opts.no_color || env_off)
}

fn session_path(opts: &Options, store: &Store) -> Option<PathBuf> {
    let dir = opts.state_dir.as_deref()?;
    Some(session::path_for(dir, &store.fingerprint))
}

/// `update`, then its searches carried out inline: before the first frame
/// the explorer may wait for them.
fn update_now(state: &mut State, action: Action) {
    update(state, action);
    settle(state);
}

/// The state the explorer opens with: the saved session (unless `fresh`),
/// then `opts.query` accepted and `opts.open` shown; what the command line
/// asks for wins over the saved position. Searches are carried out inline.
pub fn initial_state(store: Store, opts: &Options) -> State {
    let path = session_path(opts, &store);
    let mut state = State::with_clipboard(store, use_color(opts), !opts.no_clipboard)
        .with_theme(opts.theme)
        .with_views_dir(opts.data_dir.clone());
    if let Some(path) = path.filter(|_| !opts.fresh) {
        let found = session::load(&path, &state.store().fingerprint);
        update_now(
            &mut state,
            Action::Outcome(Outcome::Session(Box::new(found))),
        );
    }
    // Updates clear the message; keep what the restore had to say.
    let restored = state.message().map(str::to_string);
    if let Some(q) = opts.query.as_deref().filter(|q| !q.trim().is_empty()) {
        update(&mut state, Action::Search(SearchEdit::Open));
        update(&mut state, Action::Search(SearchEdit::Clear));
        for c in q.chars() {
            update(&mut state, Action::Search(SearchEdit::Input(c)));
        }
        update_now(&mut state, Action::Search(SearchEdit::Accept));
    }
    if let Some(target) = opts.open {
        update_now(&mut state, Action::Go(Go::Open(target)));
    }
    if let Some(name) = &opts.view {
        let view = crate::app::action::Tool::View(name.clone());
        update_now(&mut state, Action::Tool(view));
    }
    let message = match (restored, state.message()) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b.map(str::to_string)),
    };
    if let Some(msg) = message {
        update(&mut state, Action::Outcome(Outcome::Message(msg)));
    }
    state
}

/// Saves the position; the error is a message for stderr.
pub fn save_session(state: &State, opts: &Options) -> Result<(), String> {
    let Some(path) = session_path(opts, &state.store) else {
        return Ok(());
    };
    session::save(&path, &restore::saved(state))
        .map_err(|e| format!("stratlens: session not saved: {e}"))
}

/// Saves after the terminal is restored, so the message can be read.
fn save_and_report(state: &State, opts: &Options) {
    if let Err(msg) = save_session(state, opts) {
        let _ = writeln!(std::io::stderr(), "{msg}");
    }
}

/// What wakes the event loop.
enum Msg {
    Input(Event),
    /// Reading the terminal failed; the loop ends with this error.
    InputFailed(std::io::Error),
    Worker(Reply),
}

/// Reads terminal events on their own thread into `tx`, so that the loop
/// can wait for them and for search results at once. Ends when the loop
/// is gone or reading fails.
fn spawn_reader(tx: Sender<Msg>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("stratlens-input".into())
        .spawn(move || {
            loop {
                let msg = match event::read() {
                    Ok(ev) => Msg::Input(ev),
                    Err(e) => {
                        let _ = tx.send(Msg::InputFailed(e));
                        return;
                    }
                };
                if tx.send(msg).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

pub fn run(store: Store, opts: Options) -> Result<(), Box<dyn Error>> {
    let mut state = initial_state(store, &opts);
    let signals = guard::Signals::register()?;
    let (tx, rx) = mpsc::channel();
    let replies = tx.clone();
    let mut worker = Worker::spawn(
        std::sync::Arc::clone(&state.store),
        std::sync::Arc::clone(&state.index),
        move |r| replies.send(Msg::Worker(r)).is_ok(),
    )?;
    let mut guard = guard::init_with(!opts.no_mouse)?;
    spawn_reader(tx)?;
    let size = guard.term.size()?;
    update(
        &mut state,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    perform_effects(&mut state, &mut worker, guard.term.backend_mut());
    warm_up_index(&state);
    loop {
        guard.term.draw(|f| crate::ui::draw(&state, f))?;
        if let Some(sig) = signals.pending() {
            drop(guard);
            save_and_report(&state, &opts);
            std::process::exit(128 + sig);
        }
        let out = guard.term.backend_mut();
        handle_messages(&mut state, &mut worker, &rx, out)?;
        if state.quit {
            drop(guard);
            save_and_report(&state, &opts);
            // The process ends next; freeing a million claims one by one
            // would only keep the shell waiting.
            std::mem::forget(state);
            return Ok(());
        }
    }
}

/// Builds the search index behind the first screen, so that the first
/// search of a large dataset does not start with building it.
fn warm_up_index(state: &State) {
    let (store, index) = (
        std::sync::Arc::clone(&state.store),
        std::sync::Arc::clone(&state.index),
    );
    // If the thread cannot start, the first search builds the index.
    let _ = std::thread::Builder::new()
        .name("stratlens-index".into())
        .spawn(move || {
            index.get(&store);
            crate::cache::save_pending(&store);
        });
}

/// Waits up to a tick for a message, then handles it and whatever else is
/// queued (up to [`BATCH`]), in order, so that typed-ahead keys are all
/// applied before the next frame and none is lost.
fn handle_messages(
    state: &mut State,
    worker: &mut Worker,
    rx: &Receiver<Msg>,
    out: &mut impl Write,
) -> Result<(), Box<dyn Error>> {
    let first = match rx.recv_timeout(TICK) {
        Ok(msg) => msg,
        Err(RecvTimeoutError::Timeout) => return Ok(()),
        Err(RecvTimeoutError::Disconnected) => return Err("terminal input closed".into()),
    };
    let mut next = Some(first);
    let mut handled = 0;
    while let Some(msg) = next.take() {
        let action = match msg {
            Msg::Input(ev) => to_action(state, ev),
            Msg::InputFailed(e) => return Err(e.into()),
            Msg::Worker(reply) => Some(reply.into_action()),
        };
        if let Some(action) = action {
            update(state, action);
            perform_effects(state, worker, out);
        }
        handled += 1;
        if state.quit || handled >= BATCH {
            break;
        }
        next = rx.try_recv().ok();
    }
    Ok(())
}

/// Carries out what `update` asked for; a failure becomes the status message.
fn perform_effects(state: &mut State, worker: &mut Worker, out: &mut impl Write) {
    for effect in std::mem::take(&mut state.effects) {
        let done = match effect {
            Effect::Copy(text) => {
                let seq = super::clipboard::osc52(&text);
                match out.write_all(seq.as_bytes()).and_then(|()| out.flush()) {
                    Ok(()) => Ok(()),
                    Err(e) => Err(format!("copy failed: {e}")),
                }
            }
            Effect::List(req) => worker.search(req).map(drop).map_err(search_failed),
            Effect::Highlight(req) => worker.highlight(req).map_err(search_failed),
        };
        if let Err(msg) = done {
            update(state, Action::Outcome(Outcome::Message(msg)));
        }
    }
}

fn search_failed(e: Stopped) -> String {
    format!("search failed: {e}")
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
        MouseEventKind::Down(event::MouseButton::Left) => {
            Some(Action::Mouse(Mouse::Click { col, row }))
        }
        MouseEventKind::ScrollUp => Some(Action::Mouse(Mouse::ScrollUp { col, row })),
        MouseEventKind::ScrollDown => Some(Action::Mouse(Mouse::ScrollDown { col, row })),
        _ => None,
    }
}
