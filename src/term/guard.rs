//! Taking over the terminal and always giving it back: on quit, on error,
//! on panic and on SIGTERM / SIGHUP. Over SSH or in tmux a terminal left in
//! raw mode with mouse reporting on is unusable, so every exit path restores.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::coalesce::Coalesce;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

pub type Term = Terminal<Coalesce<CrosstermBackend<Stdout>>>;

/// Undoes everything [`init`] did. Safe to call more than once.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped, so `?` and early returns cannot
/// leave it in raw mode.
pub struct Guard {
    pub term: Term,
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

pub fn init() -> io::Result<Guard> {
    init_with(true)
}

/// [`init`], with mouse reporting on or left off (`--no-mouse`).
pub fn init_with(mouse: bool) -> io::Result<Guard> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut out = io::stdout();
    let on = execute!(out, EnterAlternateScreen).and_then(|()| {
        if mouse {
            execute!(out, EnableMouseCapture)
        } else {
            Ok(())
        }
    });
    if let Err(e) = on {
        restore();
        return Err(e);
    }
    match Terminal::new(Coalesce::new(CrosstermBackend::new(out))) {
        Ok(term) => Ok(Guard { term }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// The panic message would be lost on the alternate screen and garbled in
/// raw mode: restore first, then let the default hook print it.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP and SIGINT, recorded for the event loop. In raw mode
/// Ctrl-C arrives as a key, but `kill -INT` from elsewhere still sends the
/// signal, and its default action would leave the terminal raw.
pub struct Signals {
    pending: Arc<AtomicUsize>,
}

impl Signals {
    pub fn register() -> io::Result<Signals> {
        let pending = Arc::new(AtomicUsize::new(0));
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register_usize(sig, Arc::clone(&pending), sig as usize)?;
        }
        Ok(Signals { pending })
    }

    /// The signal received, if any.
    pub fn pending(&self) -> Option<i32> {
        match self.pending.load(Ordering::Relaxed) {
            0 => None,
            sig => Some(sig as i32),
        }
    }
}
