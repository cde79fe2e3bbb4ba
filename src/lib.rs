//! stratlens: a terminal explorer for strategy claims tied to their sources.

pub mod model;
pub mod sanitize;
pub mod filter;
pub mod search;
