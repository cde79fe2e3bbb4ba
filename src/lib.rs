//! stratlens: a terminal explorer for strategy claims tied to their sources.

pub mod app;
pub mod backend;
pub mod cache;
pub mod cli;
pub mod clipboard;
pub mod export;
pub mod filter;
pub mod fsutil;
pub mod model;
pub mod present;
pub mod progress;
pub mod sanitize;
pub mod search;
pub mod session;
pub mod stats;
pub mod target;
pub mod terminal;
pub mod timeline;
pub mod tui;
pub mod ui;
