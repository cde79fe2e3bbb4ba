//! The explorer in a real pseudo-terminal. The test binary re-runs itself
//! as the child (`pty_child`, which only acts when STRATLENS_PTY_CHILD is
//! set), so this does not depend on how the CLI starts the explorer.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use stratlens::app::{Action, Pane, State};
use stratlens::model::{LoadOptions, load, load_embedded};

mod common;
use common::update;

const CHILD_ENV: &str = "STRATLENS_PTY_CHILD";
const DATA_ENV: &str = "STRATLENS_PTY_DATA";
const SESSION_ENV: &str = "STRATLENS_PTY_SESSION";
/// Claims in the embedded dataset, and the status line that lists them all.
static TOTAL: std::sync::LazyLock<usize> =
    std::sync::LazyLock::new(|| stratlens::model::load_embedded().unwrap().claims().len());
static ALL_LISTED: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{0} of {0} claims", *TOTAL));

const WAIT: Duration = Duration::from_secs(20);

/// Runs the explorer when started by one of the tests below; a no-op in a
/// normal test run.
#[test]
fn pty_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let store = match std::env::var_os(DATA_ENV) {
        Some(p) => load(&[PathBuf::from(p)], &LoadOptions::default()),
        None => load_embedded(),
    };
    let Ok(store) = store else {
        std::process::exit(3);
    };
    // Sessions only where a test asks, under its own XDG_STATE_HOME.
    let opts = stratlens::tui::Options {
        state_dir: std::env::var_os(SESSION_ENV).and_then(|_| stratlens::session::state_dir()),
        ..Default::default()
    };
    let result = stratlens::tui::run(store, opts);
    std::process::exit(if result.is_ok() { 0 } else { 1 });
}

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    bytes: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Everything the child wrote, for byte-level checks.
    raw: Vec<u8>,
}

fn nz(n: u16) -> std::num::NonZeroU16 {
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
    fn start(cols: u16, rows: u16, data: Option<&std::path::Path>) -> Session {
        Session::start_with(cols, rows, data, &[])
    }

    /// Starts the child with extra environment variables.
    fn start_with(
        cols: u16,
        rows: u16,
        data: Option<&std::path::Path>,
        env: &[(&str, &std::ffi::OsStr)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("openpty");
        let exe = std::env::current_exe().expect("test binary");
        let mut cmd = CommandBuilder::new(exe);
        cmd.args(["--exact", "pty_child", "--nocapture", "--test-threads=1"]);
        cmd.env(CHILD_ENV, "1");
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        if let Some(p) = data {
            cmd.env(DATA_ENV, p);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
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
        }
    }

    fn pump(&mut self, timeout: Duration) {
        if let Ok(b) = self.bytes.recv_timeout(timeout) {
            self.parser.process(&b);
            self.raw.extend(b);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) {
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

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).expect("resize");
        self.parser.set_size(nz(rows), nz(cols));
    }

    /// Waits for the child to exit, draining its output.
    fn exit_code(&mut self) -> u32 {
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
    fn assert_restored(&self) {
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
    fn reversed_text(&self, cols: std::ops::Range<u16>) -> String {
        self.styled_text(cols, vt100::Cell::inverse)
    }

    /// Text of the cells in `cols` that `styled` picks, row by row,
    /// spaces collapsed.
    fn styled_text(&self, cols: std::ops::Range<u16>, styled: fn(&vt100::Cell) -> bool) -> String {
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

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The claim the key sequence below opens, worked out with `update`.
fn expected_claim(cols: u16, rows: u16) -> (String, String) {
    let mut s = State::new(load_embedded().expect("embedded"), false);
    update(
        &mut s,
        Action::Resize {
            width: cols,
            height: rows,
        },
    );
    for a in [
        Action::Down,
        Action::Down,
        Action::Down,
        Action::Down,
        Action::Drill,
        Action::Drill,
    ] {
        update(&mut s, a);
    }
    assert_eq!(s.focus, Pane::Detail);
    let c = &s.store.claim(s.claim.expect("claim"));
    (c.id.clone(), c.quote.exact.clone())
}

#[test]
fn open_select_kosovo_read_the_quote_resize_and_quit() {
    let (cols, rows) = (120, 40);
    let (id, quote) = expected_claim(cols, rows);
    let mut t = Session::start(cols, rows, None);
    t.wait_for("the start screen", |s| s.contains(&*ALL_LISTED));
    assert!(t.parser.screen().alternate_screen());
    // All, United States, Albania, Bosnia and Herzegovina, Kosovo.
    t.send("jjjj");
    // The list follows once the search worker has answered.
    t.wait_for("Kosovo's claims listed", |s| {
        s.contains("Countries › Kosovo") && !s.contains("searching")
    });
    t.send("\r\r");
    let crumb = format!("claim {id}");
    t.wait_for("the detail pane", |s| s.contains(&crumb));
    let detail = stratlens::ui::layout(cols, rows, Pane::Detail)
        .detail
        .expect("detail");
    let want: String = collapse(&quote).chars().take(40).collect();
    let start = Instant::now();
    while !t.reversed_text(detail.x..detail.right()).contains(&want) {
        assert!(
            start.elapsed() < WAIT,
            "quote {want:?} not highlighted; screen:\n{}",
            t.screen()
        );
        t.pump(Duration::from_millis(50));
    }
    t.resize(80, 24);
    t.wait_for("the narrow layout", |s| {
        !s.contains("Facets") && s.contains(&format!("Detail {id}"))
    });
    let narrow = stratlens::ui::layout(80, 24, Pane::Detail)
        .detail
        .expect("detail");
    let start = Instant::now();
    while !t
        .reversed_text(narrow.x..narrow.right())
        .contains(&want[..20])
    {
        assert!(
            start.elapsed() < WAIT,
            "quote not highlighted after resize:\n{}",
            t.screen()
        );
        t.pump(Duration::from_millis(50));
    }
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}

/// Statements of the first claims `/query` lists, and how many it lists,
/// worked out with `update`.
fn expected_search(cols: u16, rows: u16, query: &str) -> (usize, Vec<String>) {
    let mut s = State::new(load_embedded().expect("embedded"), false);
    update(
        &mut s,
        Action::Resize {
            width: cols,
            height: rows,
        },
    );
    update(&mut s, Action::SearchOpen);
    for c in query.chars() {
        update(&mut s, Action::SearchInput(c));
    }
    let top = s
        .visible
        .iter()
        .take(3)
        .map(|r| s.store.claims()[r.claim].statement().to_string())
        .collect();
    (s.listed, top)
}

#[test]
fn typing_a_query_lists_the_best_matches_highlighted() {
    let (cols, rows) = (120, 40);
    let (n, top) = expected_search(cols, rows, "kosovo");
    assert!(n > 0 && n < *TOTAL);
    let mut t = Session::start(cols, rows, None);
    t.wait_for("the start screen", |s| s.contains(&*ALL_LISTED));
    // One key at a time, as typed: every keystroke starts a search that
    // replaces the one before.
    t.send("/");
    for c in "kosovo".chars() {
        t.send(&c.to_string());
    }
    let count = format!("{n} of {} claims", *TOTAL);
    t.wait_for("the results of /kosovo", |s| {
        s.contains("/kosovo") && s.contains(&count) && !s.contains("searching")
    });
    let claims = stratlens::ui::layout(cols, rows, Pane::Claims)
        .claims
        .expect("claims");
    let pane: String = t
        .screen()
        .lines()
        .map(|l| {
            l.chars()
                .skip(claims.x as usize)
                .take(claims.width as usize)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let pane = collapse(&pane);
    // The start of the best matches' statements, in rank order.
    let mut at = 0;
    for statement in &top {
        let head: String = collapse(statement).chars().take(20).collect();
        let Some(pos) = pane[at..].find(&head) else {
            panic!("{head:?} not listed in order; screen:\n{}", t.screen());
        };
        at += pos + head.len();
    }
    let marked = t.styled_text(claims.x..claims.right(), vt100::Cell::underline);
    assert!(
        marked.contains("Kosovo"),
        "matches not highlighted: {marked:?}; screen:\n{}",
        t.screen()
    );
    t.send("\r");
    t.wait_for("the match count", |s| {
        s.contains(&format!("{n} claims match /kosovo"))
    });
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}

/// After a storm of resizes (tiny, huge, odd sizes, faster than frames are
/// drawn) the screen must settle to exactly what a fresh start at the final
/// size shows: no leftovers from earlier layouts.
#[test]
fn a_resize_storm_settles_to_the_same_screen_as_a_fresh_start() {
    let mut fresh = Session::start(120, 40, None);
    fresh.wait_for("the start screen", |s| s.contains(&*ALL_LISTED));
    let mut t = Session::start(100, 30, None);
    t.wait_for("the start screen", |s| s.contains(&*ALL_LISTED));
    let sizes = [
        (10, 5),
        (300, 100),
        (41, 10),
        (39, 9),
        (80, 24),
        (1, 1),
        (250, 60),
        (99, 30),
        (100, 30),
        (45, 200),
    ];
    for round in 0..4 {
        for &(c, r) in &sizes {
            t.resize(c + round, r);
            t.pump(Duration::from_millis(5));
        }
    }
    t.resize(120, 40);
    let start = Instant::now();
    while t.screen() != fresh.screen() {
        assert!(
            start.elapsed() < WAIT,
            "screen after the storm differs from a fresh start:\n{}\n---\n{}",
            t.screen(),
            fresh.screen()
        );
        t.pump(Duration::from_millis(50));
    }
    t.send("q");
    fresh.send("q");
    assert_eq!(t.exit_code(), 0);
    assert_eq!(fresh.exit_code(), 0);
}

/// Sends `sig` to the running explorer: it must restore the terminal and
/// exit with 128 + the signal number, as a shell expects.
fn signal_restores_the_terminal(sig: i32) {
    let mut t = Session::start(100, 30, None);
    t.wait_for("the start screen", |s| s.contains(&*ALL_LISTED));
    let pid = t.child.process_id().expect("pid") as i32;
    // SAFETY: plain kill(2) on our own child.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
    assert_eq!(t.exit_code(), 128 + sig as u32);
    t.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    signal_restores_the_terminal(libc::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal(libc::SIGHUP);
}

#[test]
fn sigint_from_another_process_restores_the_terminal_and_exits_130() {
    // In raw mode Ctrl-C is a key; this is `kill -INT` from elsewhere.
    signal_restores_the_terminal(libc::SIGINT);
}

const EVIL: &str = "EVIL\u{1b}[5;31mred\u{1b}]0;pwned\u{7}title\u{1b}]52;c;ZXZpbA==\u{7}clip\u{9b}5mcsi\u{202e}bidi\u{200b}zw";

/// The seed dataset with escape sequences, C1 controls and bidi overrides in
/// every kind of text the explorer shows outside the verified source text.
fn hostile_dataset(dir: &std::path::Path) -> PathBuf {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/seed/nss2025-balkans.json"
    ))
    .expect("seed dataset");
    let mut v: serde_json::Value = serde_json::from_str(&seed).expect("json");
    let evil = |prefix: &str| serde_json::Value::String(format!("{prefix} {EVIL}"));
    v["claims"][0]["statement"] = evil("Statement");
    let title = evil("Title");
    v["sources"][0]["title"] = title.clone();
    // Headline claims quote the title: they quote the hostile one whole.
    let length = title.as_str().map_or(0, |t| t.chars().count());
    for c in v["claims"].as_array_mut().expect("claims") {
        if c["quote"]["target"] == "title" {
            c["quote"] = serde_json::json!({"exact": title, "prefix": "", "suffix": "",
                "start": 0, "end": length, "target": "title"});
        }
    }
    v["sources"][0]["sections"][0]["heading"] = evil("Heading");
    for list in ["countries", "actors", "themes"] {
        if let Some(items) = v[list].as_array_mut() {
            for item in items {
                let name = item["name"].as_str().unwrap_or("").to_string();
                item["name"] = evil(&name);
            }
        }
    }
    let path = dir.join("hostile.json");
    std::fs::write(&path, serde_json::to_string(&v).expect("json")).expect("write");
    path
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = hostile_dataset(dir.path());
    assert!(
        load(std::slice::from_ref(&path), &LoadOptions::default()).is_ok(),
        "hostile dataset must load"
    );
    let total = load(std::slice::from_ref(&path), &LoadOptions::default())
        .unwrap()
        .claims()
        .len();
    let mut t = Session::start(120, 40, Some(&path));
    t.wait_for("the start screen", |s| {
        s.contains(&format!("of {total} claims"))
    });
    // Facet names, actors, themes, the detail with statement, links and heading.
    t.send("jjj2");
    t.wait_for("the actors tab", |s| s.contains("Actors"));
    t.send("3\r\r");
    t.wait_for("the detail pane", |s| s.contains("claim c"));
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    let screen = t.screen();
    let raw = &t.raw;
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    for bad in [
        &b"\x1b]"[..],
        b"\x07",
        b"\xc2\x9b",
        b"\xe2\x80\xae",
        b"\xe2\x80\x8b",
        b"\x1b[5;31m",
    ] {
        assert!(!has(bad), "{bad:?} reached the terminal");
    }
    assert!(
        has("␛[5;31m".as_bytes()),
        "ESC should be shown as a visible symbol"
    );
    assert!(
        has("⟨U+202E⟩".as_bytes()),
        "bidi override should be shown as a marker"
    );
    t.assert_restored();
    drop(screen);
}

/// The claims `Enter m j j m` marks from the start screen, worked out with `update`.
fn two_marked(cols: u16, rows: u16) -> Vec<(String, String)> {
    let mut s = State::new(load_embedded().expect("embedded"), false);
    update(
        &mut s,
        Action::Resize {
            width: cols,
            height: rows,
        },
    );
    for a in [
        Action::Drill,
        Action::ToggleMark,
        Action::Down,
        Action::Down,
        Action::ToggleMark,
    ] {
        update(&mut s, a);
    }
    s.marks
        .iter()
        .map(|&c| {
            let c = &s.store.claim(c);
            (c.id.clone(), c.quote.exact.clone())
        })
        .collect()
}

#[test]
fn mark_two_claims_and_export_markdown_through_the_dialog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("briefing.md");
    let marked = two_marked(120, 40);
    assert_eq!(marked.len(), 2);
    let mut t = Session::start(120, 40, None);
    t.wait_for("the start screen", |s| s.contains(&*ALL_LISTED));
    t.send("\rmjjm");
    t.wait_for("two marks", |s| s.contains("2 marked"));
    t.send("e");
    t.wait_for("the export dialog", |s| s.contains("Export briefing"));
    // Scope -> Format -> File, clear the default name, type ours.
    t.send("\t\t\x15");
    t.send(&path.display().to_string());
    t.wait_for("the typed path", |s| s.contains("briefing.md"));
    t.send("\r");
    t.wait_for("the written message", |s| s.contains("Wrote 2 claims"));
    let text = std::fs::read_to_string(&path).expect("briefing written");
    // Markdown escapes a few characters with backslashes.
    let plain = text.replace('\\', "");
    for (id, quote) in &marked {
        assert!(
            text.contains(&format!("### {id}:")),
            "{id} missing:\n{text}"
        );
        assert!(
            plain.contains(&format!("> {quote}")),
            "quote of {id} missing:\n{text}"
        );
    }
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}

#[test]
fn sighup_saves_the_session_and_a_restart_restores_the_claim() {
    let state = tempfile::tempdir().expect("tempdir");
    let env = [
        ("XDG_STATE_HOME", state.path().as_os_str()),
        (SESSION_ENV, std::ffi::OsStr::new("1")),
    ];
    let mut want = State::new(load_embedded().expect("embedded"), false);
    update(
        &mut want,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    for a in [Action::Drill, Action::Down, Action::Down, Action::Down] {
        update(&mut want, a);
    }
    let id = want.store.claims()[want.claim.expect("claim")]
        .id()
        .to_string();
    let title = format!("Detail {id} ");

    let mut t = Session::start_with(120, 40, None, &env);
    t.wait_for("the start screen", |s| s.contains(&*ALL_LISTED));
    t.send("\rjjj");
    t.wait_for("the claim in Detail", |s| s.contains(&title));
    let pid = t.child.process_id().expect("pid") as i32;
    // SAFETY: plain kill(2) on our own child.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    assert_eq!(t.exit_code(), 128 + libc::SIGHUP as u32);
    t.assert_restored();
    let saved: Vec<_> = std::fs::read_dir(state.path().join("stratlens"))
        .expect("state dir")
        .collect();
    assert_eq!(saved.len(), 1, "one session file");

    let mut again = Session::start_with(120, 40, None, &env);
    again.wait_for("the restored claim", |s| {
        s.contains(&title) && s.contains("Restored your last session")
    });
    again.send("q");
    assert_eq!(again.exit_code(), 0);
}

#[test]
fn y_sends_the_citation_as_osc52() {
    use base64::Engine;
    let mut t = Session::start(120, 40, None);
    t.wait_for("the start screen", |s| s.contains(&*ALL_LISTED));
    t.send("\ry");
    t.wait_for("the copied message", |s| s.contains("copied citation of"));
    let want = State::new(load_embedded().expect("embedded"), false);
    let c = &want.store.claim(want.visible[0].claim);
    let start = Instant::now();
    let payload = loop {
        let raw = String::from_utf8_lossy(&t.raw).into_owned();
        let found = raw
            .split_once("\x1b]52;c;")
            .and_then(|(_, rest)| rest.split_once('\x07').map(|(b64, _)| b64.to_string()));
        if let Some(p) = found {
            break p;
        }
        assert!(start.elapsed() < WAIT, "no OSC 52 sequence in the output");
        t.pump(Duration::from_millis(50));
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload.as_bytes())
        .expect("base64 payload");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.contains(&format!("“{}”", c.quote.exact)), "{text}");
    assert!(text.contains(&c.id), "{text}");
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}
