//! Inputs that are not ordinary files, or are huge: each is refused with a
//! message naming it, exit status 2 and no panic, in every entry point.

use std::path::{Path, PathBuf};
use std::process::Command as Proc;

use assert_cmd::Command;

fn validate(path: &Path, extra: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("stratlens")
        .unwrap()
        .args(extra)
        .arg("validate")
        .arg(path)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code().unwrap_or(-1), err)
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    assert!(Proc::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (code, err) = validate(&fifo, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("pipe.json") && err.contains("not a regular file"),
        "{err}"
    );
}

#[test]
fn a_symlink_loop_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("loop.json");
    std::os::unix::fs::symlink(&link, &link).unwrap();
    let (code, err) = validate(&link, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("loop.json: cannot open"), "{err}");
    // A directory that links back to itself is not walked: only its own *.json files count.
    let sub = dir.path().join("data");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink(&sub, sub.join("again.json")).unwrap();
    let (code, err) = validate(&sub, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("again.json") && err.contains("not a regular file"),
        "{err}"
    );
}

#[test]
fn an_unreadable_file_is_named() {
    // Root reads any file whatever its mode; /proc/self/mem is a regular
    // file that fails on read for everyone.
    let (code, err) = validate(&PathBuf::from("/proc/self/mem"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("/proc/self/mem: cannot read"), "{err}");
}

#[test]
fn a_100_mb_string_is_refused_above_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let mut text =
        String::from("{\"schema_version\": 1, \"themes\": [{\"id\": \"t\", \"name\": \"");
    text.push_str(&"x".repeat(100 * 1024 * 1024));
    text.push_str("\", \"description\": \"d\"}]}");
    std::fs::write(&path, &text).unwrap();
    let (code, err) = validate(&path, &["--max-file-size", "10000000"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("huge.json: file is 104857")
            && err.contains("over the limit of 10000000 bytes"),
        "{err}"
    );
    // Under the default limit it is simply a (strange but valid) dataset.
    let (code, err) = validate(&path, &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn bad_input_stops_the_explorer_before_it_touches_the_terminal() {
    let out = Command::cargo_bin("stratlens")
        .unwrap()
        .args(["--data", "tests/data/bad/truncated.json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drawn");
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated.json:"));
}
