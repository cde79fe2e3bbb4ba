//! The palette, notes and saved views end to end: the built binary in a
//! pseudo-terminal, then the command line reading what it saved.

use std::ffi::OsStr;

mod common;
use common::pty::Session;
use common::stratlens;

#[test]
fn colon_stats_enter_opens_the_stats_view() {
    let mut t = Session::start(120, 40, None);
    t.wait_for("the start screen", |s| s.contains("of 333 claims"));
    t.send(":");
    t.wait_for("the palette", |s| s.contains("Commands — Enter runs"));
    t.send("stats");
    t.wait_for("stats first", |s| s.contains("▶ stats"));
    t.send("\r");
    t.wait_for("the stats view", |s| {
        s.contains("Stats of 333 listed claims") && !s.contains("Commands — Enter runs")
    });
    t.send("q");
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}

#[test]
fn a_note_written_in_the_explorer_reaches_the_session_and_every_export() {
    let state = tempfile::tempdir().expect("state dir");
    let env: [(&str, &OsStr); 1] = [("XDG_STATE_HOME", state.path().as_os_str())];
    let mut t = Session::start_with(120, 40, None, &env);
    t.wait_for("the start screen", |s| s.contains("of 333 claims"));
    t.send("\t\ri");
    t.wait_for("the note editor", |s| s.contains("Note on c1"));
    t.send("Ask the desk, \"again\"");
    t.send("\r");
    t.wait_for("the note saved", |s| s.contains("Note saved on c1"));
    t.wait_for("the note in Detail", |s| {
        s.contains("✎ Note     Ask the desk")
    });
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    let dir = state.path().join("stratlens");
    let file = std::fs::read_dir(&dir)
        .expect("session dir")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("session-"))
        .expect("session file");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file.path()).expect("read")).expect("json");
    assert_eq!(saved["notes"]["c1"], "Ask the desk, \"again\"");
    assert_eq!(saved["marks"], serde_json::json!(["c1"]));
    let export = |format: &str| -> String {
        let out = stratlens()
            .env("XDG_STATE_HOME", state.path())
            .args(["export", "--marked", "--format", format])
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let json: serde_json::Value = serde_json::from_str(&export("json")).expect("json");
    assert_eq!(json["claims"][0]["id"], "c1");
    assert_eq!(json["claims"][0]["note"], "Ask the desk, \"again\"");
    assert_eq!(json["claims"].as_array().map(Vec::len), Some(1));
    let md = export("md");
    assert!(md.contains("**Note:** Ask the desk, \"again\""), "{md}");
    let csv = export("csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().expect("header").clone();
    let note = headers
        .iter()
        .position(|h| h == "note")
        .expect("note column");
    let row = rows.records().next().expect("a row").expect("csv");
    assert_eq!((&row[0], &row[note]), ("c1", "Ask the desk, \"again\""));
    let db = state.path().join("marked.db");
    let out = stratlens()
        .env("XDG_STATE_HOME", state.path())
        .args(["export", "--marked", "--format", "sqlite", "-o"])
        .arg(&db)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = rusqlite::Connection::open(&db).expect("open");
    let (claim, note): (String, String) = conn
        .query_row("SELECT claim, note FROM notes", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("one note");
    assert_eq!(
        (claim.as_str(), note.as_str()),
        ("c1", "Ask the desk, \"again\"")
    );
}

#[test]
fn export_marked_without_a_session_is_a_clear_error() {
    let state = tempfile::tempdir().expect("state dir");
    let out = stratlens()
        .env("XDG_STATE_HOME", state.path())
        .args(["export", "--marked"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no saved session for this dataset"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_view_saved_in_the_explorer_is_listed_and_opened_with_open_view() {
    let data = tempfile::tempdir().expect("data dir");
    let env: [(&str, &OsStr); 1] = [("XDG_DATA_HOME", data.path().as_os_str())];
    let mut t = Session::start_with(120, 40, None, &env);
    t.wait_for("the start screen", |s| s.contains("of 333 claims"));
    // All, United States, Albania, Bosnia and Herzegovina, Kosovo: pin it.
    t.send("jjjj");
    t.wait_for("Kosovo", |s| s.contains("Countries › Kosovo"));
    t.send(" v");
    t.wait_for("the name prompt", |s| s.contains("Save this view"));
    t.send("kosovo watch\r");
    t.wait_for("the view saved", |s| {
        s.contains("Saved view \"kosovo watch\"")
    });
    t.send("q");
    assert_eq!(t.exit_code(), 0);

    let out = stratlens()
        .env("XDG_DATA_HOME", data.path())
        .args(["views", "--json"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(list[0]["name"], "kosovo watch");
    assert_eq!(list[0]["include"], serde_json::json!(["country:XK"]));
    assert_eq!(list[0]["this_dataset"], true);

    let mut t = Session::start_args(120, 40, None, &env, &["--open", "view:kosovo watch"]);
    t.wait_for("the view restored", |s| {
        s.lines().next().is_some_and(|top| top.contains("+Kosovo"))
            && s.contains("View \"kosovo watch\" restored")
    });
    t.send("q");
    assert_eq!(t.exit_code(), 0);

    let out = stratlens()
        .env("XDG_DATA_HOME", data.path())
        .args(["--open", "view:nope"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no saved view \"nope\""), "{err}");
}
