//! Set-up shared by the explorer tests that drive `update` without a terminal.
#![allow(dead_code)] // each test crate uses its own subset

use stratlens::app::{Action, State, update};
use stratlens::model::load_embedded;

pub fn state_at(width: u16, height: u16) -> State {
    let mut s = State::new(load_embedded().expect("embedded dataset"), true);
    update(&mut s, Action::Resize { width, height });
    s
}

pub fn wide() -> State {
    state_at(120, 40)
}

pub fn apply(s: &mut State, actions: &[Action]) {
    for &a in actions {
        update(s, a);
    }
}
