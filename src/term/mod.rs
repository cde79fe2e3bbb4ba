//! The terminal: the explorer's event loop, taking over the terminal and
//! giving it back, the backend that writes fewer bytes, the clipboard
//! (OSC 52) and the load progress meter.

pub mod annotate;
pub mod clipboard;
pub mod coalesce;
pub mod event_loop;
pub mod guard;
pub mod progress;
