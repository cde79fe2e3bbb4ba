//! The explorer's state machine: what the user sees is a function of
//! [`State`], and only [`update()`] changes it, so every interaction can be
//! tested without a terminal.

pub mod action;
pub mod briefing;
pub mod cells;
pub mod counts;
pub mod detail;
pub mod dialog;
pub mod find;
pub mod geometry;
pub mod help;
pub mod keymap;
pub mod keynames;
pub mod lens;
pub mod line_edit;
mod mouse;
pub mod palette;
pub mod panes;
pub mod refresh;
pub mod restore;
pub mod state;
pub mod timeline;
pub mod tools;
pub mod update;
pub mod worker;

pub use action::Action;
pub use lens::Lens;
pub use state::{Cursor, DoneMessage, Effect, Entry, Pane, State, Tab};
pub use update::update;
