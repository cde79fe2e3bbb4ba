//! Set-up shared by the tests: explorer states driven by `update` without
//! a terminal, the built binary, and the binary in a pseudo-terminal ([`pty`]).
#![allow(dead_code)] // each test crate uses its own subset

pub mod pty;

use stratlens::app::worker::settle;
use stratlens::app::{Action, State};
use stratlens::model::load_embedded;

/// `stratlens::app::update`, then the searches it handed to the worker
/// carried out inline and their results applied, as the event loop would
/// once the worker answers. Tests about the pending state itself call
/// `stratlens::app::update` directly.
pub fn update(s: &mut State, a: Action) {
    stratlens::app::update(s, a);
    settle(s);
}

/// The built binary, run from the crate root (where `tests/data` is).
pub fn stratlens() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("stratlens").expect("binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    // No analyst's config.toml reaches a test unless it gives one.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent/stratlens-test-config");
    // Nor their saved views.
    cmd.env("XDG_DATA_HOME", "/nonexistent/stratlens-test-data");
    cmd
}

pub fn state_at(width: u16, height: u16) -> State {
    let mut s = State::new(load_embedded().expect("embedded dataset"), true);
    update(&mut s, Action::Resize { width, height });
    s
}

pub fn wide() -> State {
    state_at(120, 40)
}

pub fn apply(s: &mut State, actions: &[Action]) {
    for a in actions {
        update(s, a.clone());
    }
}
