//! `stratlens annotate FILE`: reading a source's text, selecting a quote
//! and writing claims about it, saved straight to FILE. The state machine,
//! testable without a terminal: `update` is the only function that changes
//! the [`State`]; drawing is in `ui::annotate`, the event loop in
//! `term::annotate`, the dataset work in `authoring` (session, draft,
//! suggestions). Never imports `ui` or `term`.

pub mod action;
pub mod edit;
pub mod form;
pub mod keymap;
pub mod layout;
pub mod motion;
pub mod picker;
pub mod state;
pub mod update;

#[cfg(test)]
mod tests;

pub use action::Action;
pub use state::{Effect, State};
pub use update::update;
