//! stratlens: a terminal explorer for strategy claims tied to their sources.

pub mod annotate;
pub mod app;
pub mod atomic_write;
pub mod authoring;
pub mod cache;
pub mod cli;
pub mod config;
pub mod export;
pub mod facts;
pub mod filter;
pub mod json_out;
pub mod model;
pub mod sanitize;
pub mod search;
pub mod session;
pub mod slab;
pub mod stats;
pub mod target;
pub mod term;
pub mod timeline;
pub mod ui;
pub mod views;
pub mod words;
