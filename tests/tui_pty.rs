//! The explorer in a real pseudo-terminal: the built `stratlens` binary,
//! driven through [`common::pty::Session`].

use std::path::PathBuf;
use std::time::{Duration, Instant};

use stratlens::app::action::{Brief, Go, Move, SearchEdit};
use stratlens::app::geometry;
use stratlens::app::{Action, Pane, State};
use stratlens::model::{LoadOptions, load, load_embedded};

mod common;
use common::pty::{Session, WAIT, collapse};
use common::update;

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
    // All, United States, Albania, Bosnia and Herzegovina, Kosovo.
    for a in [
        Action::Move(Move::Down),
        Action::Move(Move::Down),
        Action::Move(Move::Down),
        Action::Move(Move::Down),
        Action::Go(Go::Drill),
        Action::Go(Go::Drill),
    ] {
        update(&mut s, a);
    }
    assert_eq!(s.focus(), Pane::Detail);
    let c = s.store().claim(s.claim().expect("claim"));
    (c.id.clone(), c.quote.exact.clone())
}

#[test]
fn open_select_kosovo_read_the_quote_resize_and_quit() {
    let (cols, rows) = (120, 40);
    let (id, quote) = expected_claim(cols, rows);
    let mut t = Session::start(cols, rows, None);
    t.wait_for("the start screen", |s| s.contains(&*ALL_LISTED));
    assert!(t.parser.screen().alternate_screen());
    t.send("jjjj");
    // The list follows once the search worker has answered: wait for its
    // count, not only the breadcrumb, which moves with the cursor at once.
    let store = load_embedded().expect("embedded");
    let xk = store
        .index_of(stratlens::model::Kind::Country, "XK")
        .expect("XK");
    let listed = format!(
        "{} of {} claims",
        store.linking(stratlens::model::Kind::Country, xk).len(),
        *TOTAL
    );
    t.wait_for("Kosovo's claims listed", |s| {
        s.contains("Countries › Kosovo") && s.contains(&listed) && !s.contains("searching")
    });
    t.send("\r\r");
    let crumb = format!("claim {id}");
    t.wait_for("the detail pane", |s| s.contains(&crumb));
    let detail = geometry::layout(cols, rows, Pane::Detail)
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
    let narrow = geometry::layout(80, 24, Pane::Detail)
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
    update(&mut s, Action::Search(SearchEdit::Open));
    for c in query.chars() {
        update(&mut s, Action::Search(SearchEdit::Input(c)));
    }
    let top = s
        .visible()
        .iter()
        .take(3)
        .map(|r| s.store().claim_at(r.claim).statement().to_string())
        .collect();
    (s.listed(), top)
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
    let claims = geometry::layout(cols, rows, Pane::Claims)
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

/// Claims in the embedded dataset, and the status line that lists them all.
static TOTAL: std::sync::LazyLock<usize> =
    std::sync::LazyLock::new(|| load_embedded().unwrap().claims().len());
static ALL_LISTED: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{0} of {0} claims", *TOTAL));

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
        Action::Go(Go::Drill),
        Action::Brief(Brief::ToggleMark),
        Action::Move(Move::Down),
        Action::Move(Move::Down),
        Action::Brief(Brief::ToggleMark),
    ] {
        update(&mut s, a);
    }
    s.marks()
        .iter()
        .map(|&c| {
            let c = s.store().claim(c);
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
    // Scope -> Format -> Groups -> File, clear the default name, type ours.
    t.send("\t\t\t\x15");
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
    let env = [("XDG_STATE_HOME", state.path().as_os_str())];
    let mut want = State::new(load_embedded().expect("embedded"), false);
    update(
        &mut want,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    for a in [
        Action::Go(Go::Drill),
        Action::Move(Move::Down),
        Action::Move(Move::Down),
        Action::Move(Move::Down),
    ] {
        update(&mut want, a);
    }
    let id = want
        .store()
        .claim_at(want.claim().expect("claim"))
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
    let c = want.store().claim(want.visible()[0].claim);
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
