//! `stratlens annotate` in a real pseudo-terminal: select a sentence, write
//! a claim, save; and a draft kept through SIGTERM and restored.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

mod common;
use common::pty::Session;

const TEXT: &str = "Washington’s strategy leaves the Kosovo–Serbia dialogue to Brussels. \
                    Officials suggest the EU will “carry it” alone.\nEnlargement may slow.\n";
const SECOND: &str = "Officials suggest the EU will “carry it” alone.";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stratlens"))
}

/// notes.json in `dir`: one source holding TEXT, one section, no claims.
fn new_source(dir: &Path) {
    std::fs::write(dir.join("notes.txt"), TEXT).unwrap();
    let out = bin()
        .current_dir(dir)
        .args([
            "new-source",
            "notes.txt",
            "--id",
            "notes",
            "--title",
            "Notes",
        ])
        .args(["--kind", "commentary", "--no-sections", "-o", "notes.json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Where the second sentence lies, in code points (the text before it
/// has multi-byte characters, so bytes would differ).
fn second_at() -> (usize, usize) {
    let byte = TEXT.find(SECOND).unwrap();
    let start = TEXT[..byte].chars().count();
    assert_ne!(
        start, byte,
        "the test needs multi-byte characters before the quote"
    );
    (start, start + SECOND.chars().count())
}

fn annotate(dir: &Path) -> Session {
    let args: [&OsStr; 2] = ["annotate".as_ref(), "notes.json".as_ref()];
    Session::start_subcommand(100, 30, &args, dir)
}

fn claims(dir: &Path) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("notes.json")).unwrap()).unwrap();
    v["claims"].as_array().cloned().unwrap_or_default()
}

fn validate(dir: &Path) {
    let out = bin()
        .current_dir(dir)
        .args(["validate", "notes.json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `)` to the second sentence, `v` `)` to select it whole, `c`.
fn select_second_and_open_the_form(t: &mut Session) {
    t.wait_for("the reading view", |s| {
        s.contains("Text") && s.contains("No claims")
    });
    t.send(")");
    t.send("v");
    t.send(")");
    let (a, b) = second_at();
    let shown = format!("selected {a}..{b}");
    t.wait_for("the sentence selected", |s| s.contains(&shown));
    t.send("c");
    t.wait_for("the form", |s| s.contains("New claim notes-1"));
}

#[test]
fn select_a_sentence_write_a_claim_save_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    new_source(dir.path());
    let mut t = annotate(dir.path());
    select_second_and_open_the_form(&mut t);
    t.send("Officials expect the EU to act alone.");
    t.wait_for("the statement typed", |s| s.contains("act alone."));
    t.send("\x13");
    t.wait_for("the save", |s| {
        s.contains("added notes-1; saved notes.json")
    });
    t.wait_for("the claim listed", |s| s.contains("Claims 1"));
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
    let claims = claims(dir.path());
    assert_eq!(claims.len(), 1);
    let c = &claims[0];
    let (a, b) = second_at();
    assert_eq!(c["quote"]["exact"], SECOND);
    assert_eq!(
        (c["quote"]["start"].as_u64(), c["quote"]["end"].as_u64()),
        (Some(a as u64), Some(b as u64))
    );
    assert_eq!(c["statement"], "Officials expect the EU to act alone.");
    assert_eq!(c["hedges"], serde_json::json!(["suggest"]));
    assert_eq!(c["attribution"]["cue"], "suggest");
    assert_eq!(
        c["attribution"]["layer"], "unnamed_sources",
        "officials suggest"
    );
    validate(dir.path());
    assert!(dir.path().join("notes.json.bak").exists());
}

#[test]
fn sigterm_keeps_the_draft_and_the_next_start_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    new_source(dir.path());
    let mut t = annotate(dir.path());
    select_second_and_open_the_form(&mut t);
    t.send("Kept through a signal.");
    t.wait_for("the statement typed", |s| {
        s.contains("Kept through a signal.")
    });
    let pid = t.child.process_id().expect("pid") as i32;
    // SAFETY: kill(2) on our own child.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    assert_eq!(t.exit_code(), 128 + 15);
    t.assert_restored();
    let recover = dir.path().join("notes.json.recover");
    let kept = std::fs::read_to_string(&recover).expect("FILE.recover written");
    assert!(kept.contains("Kept through a signal."), "{kept}");
    assert!(claims(dir.path()).is_empty(), "nothing saved yet");

    let mut t = annotate(dir.path());
    t.wait_for("the restore prompt", |s| {
        s.contains("Restore?") && s.contains("notes.json.recover.old")
    });
    t.send("y");
    t.wait_for("the form restored", |s| {
        s.contains("New claim notes-1") && s.contains("Kept through a signal.")
    });
    t.send("\x13");
    t.wait_for("the save", |s| s.contains("added notes-1"));
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
    let claims = claims(dir.path());
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["statement"], "Kept through a signal.");
    assert_eq!(claims[0]["quote"]["exact"], SECOND);
    assert!(
        !recover.exists(),
        "FILE.recover is removed once its draft is saved"
    );
    validate(dir.path());
}

#[test]
fn no_file_is_refused_with_a_hint() {
    let out = bin().arg("annotate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("annotate needs FILE") && err.contains("new-source"),
        "{err}"
    );
    let out = bin()
        .args(["annotate", "/nonexistent/x.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/x.json: cannot open"), "{err}");
}
