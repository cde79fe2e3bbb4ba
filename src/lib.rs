//! stratlens: a terminal explorer for strategy claims tied to their sources.

pub mod model;
pub mod sanitize;
pub mod filter;
pub mod search;
pub mod app;
pub mod terminal;
pub mod tui;
pub mod ui;
