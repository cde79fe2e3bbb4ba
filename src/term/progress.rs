//! A one-line progress meter on stderr for loading large datasets.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Inputs smaller than this load too fast for a meter to be worth a flicker.
const MIN_BYTES: u64 = 32 << 20;
/// At most this often, so that the meter costs nothing measurable.
const EVERY: Duration = Duration::from_millis(100);

/// Draws "stratlens: reading 45%" on one line, rewritten in place.
pub struct Meter {
    on: bool,
    state: Mutex<MeterState>,
}

struct MeterState {
    last: Option<Instant>,
    drawn: bool,
    /// Total bytes of the files, learnt from the reading step.
    bytes: u64,
}

impl Meter {
    /// `on`: whether stderr is a terminal (a log file wants no `\r` lines).
    pub fn new(on: bool) -> Self {
        Meter {
            on,
            state: Mutex::new(MeterState {
                last: None,
                drawn: false,
                bytes: 0,
            }),
        }
    }

    /// Called by the loader from any thread.
    pub fn show(&self, step: &str, done: u64, total: u64) {
        if !self.on {
            return;
        }
        let Ok(mut st) = self.state.lock() else {
            return;
        };
        if step == "reading" {
            st.bytes = total;
        }
        if st.bytes < MIN_BYTES || st.last.is_some_and(|t| t.elapsed() < EVERY) {
            return;
        }
        st.last = Some(Instant::now());
        st.drawn = true;
        let line = line(step, done, total, st.bytes);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K{line}");
        let _ = err.flush();
    }

    /// Removes the meter's line, if it drew one.
    pub fn clear(&self) {
        let drawn = self.state.lock().map(|s| s.drawn).unwrap_or(false);
        if self.on && drawn {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}

/// The meter's text: reading counts bytes, checking counts claims.
pub fn line(step: &str, done: u64, total: u64, bytes: u64) -> String {
    let pct = (done * 100).checked_div(total).unwrap_or(100).min(100);
    let mb = bytes as f64 / 1e6;
    match step {
        "reading" => format!("stratlens: reading {mb:.0} MB… {pct}%"),
        _ => format!(
            "stratlens: checking {}… {pct}%",
            crate::words::plural(total as usize, "claim")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_names_step_and_percentage() {
        assert_eq!(
            line("reading", 383, 767, 767_000_000),
            "stratlens: reading 767 MB… 49%"
        );
        assert_eq!(
            line("checking", 1_000_000, 1_000_000, 767_000_000),
            "stratlens: checking 1000000 claims… 100%"
        );
        assert_eq!(
            line("checking", 5, 0, 0),
            "stratlens: checking 0 claims… 100%"
        );
        assert_eq!(
            line("checking", 1, 1, 10),
            "stratlens: checking 1 claim… 100%"
        );
    }
}
