//! The explorer in a pseudo-terminal: the built binary started as a child,
//! its output parsed by a terminal emulator.

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long a test waits for a screen or an exit.
pub const WAIT: Duration = Duration::from_secs(20);

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    bytes: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Everything the child wrote, for byte-level checks.
    pub raw: Vec<u8>,
    /// The child's own state directory, removed with the session.
    _state: Option<tempfile::TempDir>,
}

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN)
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    pub fn start(cols: u16, rows: u16, data: Option<&std::path::Path>) -> Session {
        Session::start_with(cols, rows, data, &[])
    }

    /// Starts the child with extra environment variables.
    pub fn start_with(
        cols: u16,
        rows: u16,
        data: Option<&std::path::Path>,
        env: &[(&str, &std::ffi::OsStr)],
    ) -> Session {
        Session::start_args(cols, rows, data, env, &[])
    }

    /// Starts the child with extra environment variables and arguments.
    pub fn start_args(
        cols: u16,
        rows: u16,
        data: Option<&std::path::Path>,
        env: &[(&str, &std::ffi::OsStr)],
        args: &[&str],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stratlens"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        if let Some(p) = data {
            cmd.arg("--data");
            cmd.arg(p);
        }
        // A session is saved and restored only where a test gives the
        // child a state directory; elsewhere the child starts fresh and
        // saves into a directory of its own.
        let state = if env.iter().any(|(k, _)| *k == "XDG_STATE_HOME") {
            None
        } else {
            let dir = tempfile::tempdir().expect("state dir");
            cmd.env("XDG_STATE_HOME", dir.path());
            cmd.arg("--fresh");
            Some(dir)
        };
        // No analyst's config.toml reaches a test unless it gives one.
        if !env.iter().any(|(k, _)| *k == "XDG_CONFIG_HOME") {
            cmd.env("XDG_CONFIG_HOME", "/nonexistent/stratlens-test-config");
        }
        // Nor the analyst's saved views.
        if !env.iter().any(|(k, _)| *k == "XDG_DATA_HOME") {
            cmd.env("XDG_DATA_HOME", "/nonexistent/stratlens-test-data");
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        for a in args {
            cmd.arg(a);
        }
        Session::spawn(pair, cmd, cols, rows, state)
    }

    /// Starts the child with these arguments (a subcommand) in `dir`, with
    /// no config file and its own state directory.
    pub fn start_subcommand(
        cols: u16,
        rows: u16,
        args: &[&std::ffi::OsStr],
        dir: &std::path::Path,
    ) -> Session {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stratlens"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("XDG_CONFIG_HOME", "/nonexistent/stratlens-test-config");
        let state = tempfile::tempdir().expect("state dir");
        cmd.env("XDG_STATE_HOME", state.path());
        cmd.env("XDG_CACHE_HOME", state.path());
        cmd.cwd(dir);
        cmd.args(args);
        Session::spawn(pair, cmd, cols, rows, Some(state))
    }

    fn spawn(
        pair: portable_pty::PtyPair,
        cmd: CommandBuilder,
        cols: u16,
        rows: u16,
        state: Option<tempfile::TempDir>,
    ) -> Session {
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, bytes) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let parser = vt100::Parser::new(nz(rows), nz(cols), 0);
        Session {
            master: pair.master,
            writer,
            child,
            bytes,
            parser,
            raw: Vec::new(),
            _state: state,
        }
    }

    pub fn pump(&mut self, timeout: Duration) {
        if let Ok(b) = self.bytes.recv_timeout(timeout) {
            self.parser.process(&b);
            self.raw.extend(b);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !ok(&self.screen()) {
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).expect("resize");
        self.parser.set_size(nz(rows), nz(cols));
    }

    /// Waits for the child to exit, draining its output.
    pub fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().expect("wait") {
                // Drain what is left so the restore sequences are parsed.
                while let Ok(b) = self.bytes.recv_timeout(Duration::from_millis(200)) {
                    self.parser.process(&b);
                    self.raw.extend(b);
                }
                return status.exit_code();
            }
            assert!(
                start.elapsed() < WAIT,
                "child did not exit; screen:\n{}",
                self.screen()
            );
        }
    }

    /// The terminal is usable again: main screen, no mouse reporting,
    /// cursor shown, and the line discipline back in cooked mode.
    pub fn assert_restored(&self) {
        let screen = self.parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
        assert!(!screen.hide_cursor(), "cursor left hidden");
        let fd = self.master.as_raw_fd().expect("pty fd");
        // SAFETY: tcgetattr only writes the termios struct we own.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        assert!(
            t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0,
            "raw mode left on"
        );
    }

    /// Text of the reversed cells in `cols`, row by row, spaces collapsed.
    pub fn reversed_text(&self, cols: std::ops::Range<u16>) -> String {
        self.styled_text(cols, vt100::Cell::inverse)
    }

    /// Text of the cells in `cols` that `styled` picks, row by row,
    /// spaces collapsed.
    pub fn styled_text(
        &self,
        cols: std::ops::Range<u16>,
        styled: fn(&vt100::Cell) -> bool,
    ) -> String {
        let screen = self.parser.screen();
        let (rows, _) = screen.size();
        let mut out = String::new();
        for r in 0..rows.get() {
            for c in cols.clone() {
                if let Some(cell) = screen.cell(r, c).filter(|c| styled(c)) {
                    out.push_str(cell.contents());
                }
            }
            out.push(' ');
        }
        collapse(&out)
    }
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
