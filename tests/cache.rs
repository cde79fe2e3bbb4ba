//! The dataset cache never changes an answer: a warm open, a cache of a
//! different dataset, a file edited without changing its size or times, a
//! cache cut in half and a cache with a flipped byte all give exactly what
//! loading without the cache gives.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

#[allow(dead_code)]
#[path = "../examples/gen_dataset.rs"]
mod gen_dataset;

fn generate(path: &Path, claims: usize, seed: u64) {
    let mut out = Vec::new();
    gen_dataset::write_dataset(&mut out, claims, seed).expect("generate");
    std::fs::write(path, out).expect("write dataset");
}

/// stdout, stderr and status of `stratlens ARGS --data DATA` with the cache in `cache`.
fn run(cache: &Path, data: &Path, args: &[&str], no_cache: bool) -> (String, String, i32) {
    let mut cmd = Command::cargo_bin("stratlens").expect("binary");
    cmd.env("XDG_CACHE_HOME", cache)
        .env("STRATLENS_CACHE_DEBUG", "1")
        .args(args)
        .arg("--data")
        .arg(data);
    if no_cache {
        cmd.arg("--no-cache");
    }
    let out = cmd.output().expect("run");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
        out.status.code().unwrap_or(-1),
    )
}

/// The commands whose answers are compared.
fn questions(id: &str) -> Vec<Vec<String>> {
    let q = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        q(&["search", "security"]),
        q(&["search", "serbia neutrality", "--limit", "25"]),
        q(&["search", "kosovo", "--json", "--limit", "5"]),
        q(&["search", "sekurity"]),
        q(&["show", "claim", id]),
        q(&["list", "countries"]),
        q(&["stats"]),
        q(&["export", "--query", "security", "--format", "csv"]),
    ]
}

/// Asks every question without the cache and with it (twice: the first may
/// write the entry, the second reads it), and checks the answers agree.
/// Returns the stderr of the first cached run of the first question.
fn same_answers(cache: &Path, data: &Path, id: &str) -> String {
    let mut first_err = None;
    for args in questions(id) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let want = run(cache, data, &args, true);
        for round in 0..2 {
            let got = run(cache, data, &args, false);
            assert_eq!(got.0, want.0, "{args:?}, round {round}: stdout differs");
            assert_eq!(got.2, want.2, "{args:?}, round {round}: status differs");
            if first_err.is_none() {
                first_err = Some(got.1);
            }
        }
    }
    first_err.unwrap_or_default()
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    let dir = cache.join("stratlens");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "slc"));
    v.sort();
    v
}

fn first_claim_id(data: &Path) -> String {
    let text = std::fs::read_to_string(data).expect("read");
    let at = text.find("\"claims\"").expect("claims");
    let rest = &text[at..];
    let id = rest.find("\"id\"").expect("id");
    let rest = &rest[id + 4..];
    let open = rest.find('"').expect("quote") + 1;
    let close = rest[open..].find('"').expect("quote");
    rest[open..open + close].to_string()
}

/// A temporary directory with a generated dataset `a.json` of `claims`
/// claims, where its cache goes, and its first claim's id.
fn setup(claims: usize) -> (tempfile::TempDir, PathBuf, PathBuf, String) {
    let tmp = tempfile::tempdir().expect("tmp");
    let cache = tmp.path().join("cache");
    let data = tmp.path().join("a.json");
    generate(&data, claims, 7);
    let id = first_claim_id(&data);
    (tmp, cache, data, id)
}

#[test]
fn warm_opens_answer_as_cold_ones() {
    let (_tmp, cache, data, id) = setup(1_500);
    let err = same_answers(&cache, &data, &id);
    assert!(err.contains("miss"), "the first open is cold: {err}");
    assert_eq!(entries(&cache).len(), 1, "one entry per dataset");
    let (_, err, _) = run(&cache, &data, &["search", "security"], false);
    assert!(err.contains("hit"), "then warm: {err}");
}

/// A warm search that prints more rows than the command prints between two
/// hand-backs of the entry's pages (2,048) reads the same rows after each.
#[test]
fn long_warm_answers_are_the_cold_ones() {
    let (_tmp, cache, data, _) = setup(12_000);
    for args in [
        &["search", "security"][..],
        &["search", "security", "--json"],
    ] {
        let cold = run(&cache, &data, args, true);
        let _ = run(&cache, &data, args, false);
        let warm = run(&cache, &data, args, false);
        assert!(warm.1.contains("hit"), "{args:?}: warm: {}", warm.1);
        // A row per hit, or an object per hit at the array's indent.
        let rows = cold.0.lines();
        let hits = if args.contains(&"--json") {
            rows.filter(|l| *l == "  {").count()
        } else {
            rows.count()
        };
        assert!(hits > 2 * 2048, "{args:?}: long enough: {hits} hits");
        assert_eq!(warm.0, cold.0, "{args:?}: stdout differs");
        assert_eq!(warm.2, cold.2, "{args:?}: status differs");
    }
}

#[test]
fn a_cache_of_another_dataset_is_not_used() {
    let tmp = tempfile::tempdir().expect("tmp");
    let cache = tmp.path().join("cache");
    let (a, b) = (tmp.path().join("a.json"), tmp.path().join("b.json"));
    generate(&a, 1_200, 7);
    generate(&b, 1_300, 11);
    run(&cache, &a, &["search", "security"], false);
    run(&cache, &b, &["search", "security"], false);
    let list = entries(&cache);
    assert_eq!(list.len(), 2);
    // Put each dataset's entry where the other's is looked for.
    let (ea, eb) = (&list[0], &list[1]);
    let swap = tmp.path().join("swap");
    std::fs::rename(ea, &swap).unwrap();
    std::fs::rename(eb, ea).unwrap();
    std::fs::rename(&swap, eb).unwrap();
    let err = same_answers(&cache, &a, &first_claim_id(&a));
    assert!(err.contains("miss"), "{err}");
}

/// Sets the file's access and modification times to `times` (ns precision).
fn set_times(path: &Path, meta: &std::fs::Metadata) {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::MetadataExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let ts = [
        libc::timespec {
            tv_sec: meta.atime(),
            tv_nsec: meta.atime_nsec(),
        },
        libc::timespec {
            tv_sec: meta.mtime(),
            tv_nsec: meta.mtime_nsec(),
        },
    ];
    // SAFETY: a valid C string and two timespecs, as utimensat expects.
    let rc = unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), ts.as_ptr(), 0) };
    assert_eq!(rc, 0, "utimensat");
}

#[test]
fn an_edit_that_keeps_size_and_mtime_is_seen() {
    let (_tmp, cache, data, id) = setup(1_500);
    run(&cache, &data, &["search", "security"], false);
    assert_eq!(entries(&cache).len(), 1);
    let before = std::fs::metadata(&data).unwrap();
    // Same length: the first claim's statement says "outhor" for "author",
    // and one "security" in a statement becomes "sekurity".
    let text = std::fs::read_to_string(&data).unwrap();
    let at = text
        .find("\"statement\":\"The author")
        .expect("a statement")
        + 17;
    let mut edited = text.clone();
    edited.replace_range(at..at + 1, "o");
    let edited = edited.replacen("security over", "sekurity over", 1);
    assert_ne!(
        text.replacen("security over", "", 1),
        edited.replacen("sekurity over", "", 1)
    );
    assert_eq!(text.len(), edited.len());
    std::fs::write(&data, edited).unwrap();
    set_times(&data, &before);
    let after = std::fs::metadata(&data).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());
    let err = same_answers(&cache, &data, &id);
    assert!(err.contains("content changed"), "{err}");
    let (_, err, _) = run(&cache, &data, &["search", "sekurity"], false);
    assert!(err.contains("hit"), "rebuilt after the edit: {err}");
}

/// A file not written since its entry was made (and not just before) is
/// not hashed again; a file written since is, even when the write left
/// size and times as they were (a `touch` that puts them back, an edit
/// that keeps them), and the content decides.
#[test]
fn an_unchanged_file_is_trusted_by_its_status_change_time() {
    let (_tmp, cache, data, id) = setup(1_500);
    // Older than the racy window before the entry is made.
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    run(&cache, &data, &["search", "security"], false);
    let (_, err, _) = run(&cache, &data, &["search", "security"], false);
    assert!(err.contains("hit") && err.contains("not hashed"), "{err}");
    assert!(!err.contains("files hashed"), "{err}");
    // Rewritten with the same bytes and times put back: the status-change
    // time moved, so the content is hashed, found equal, and used.
    let before = std::fs::metadata(&data).unwrap();
    std::fs::write(&data, std::fs::read(&data).unwrap()).unwrap();
    set_times(&data, &before);
    let (_, err, _) = run(&cache, &data, &["search", "security"], false);
    assert!(err.contains("files hashed") && err.contains("hit"), "{err}");
    assert!(same_answers(&cache, &data, &id).contains("hit"));
}

#[test]
fn a_cut_or_damaged_cache_is_ignored() {
    let (_tmp, cache, data, id) = setup(1_500);
    run(&cache, &data, &["search", "security"], false);
    let entry = entries(&cache).remove(0);
    let bytes = std::fs::read(&entry).unwrap();
    // Cut in half.
    std::fs::write(&entry, &bytes[..bytes.len() / 2]).unwrap();
    let err = same_answers(&cache, &data, &id);
    assert!(err.contains("miss"), "{err}");
    // A flipped byte in every tenth of the file, one at a time.
    for k in 1..10 {
        let mut bad = bytes.clone();
        let at = bad.len() * k / 10;
        bad[at] ^= 0x55;
        std::fs::write(&entry, &bad).unwrap();
        for args in [&["search", "security"][..], &["show", "claim", &id][..]] {
            let want = run(&cache, &data, args, true);
            let got = run(&cache, &data, args, false);
            assert_eq!(got.0, want.0, "byte {at} flipped, {args:?}");
        }
    }
}

#[test]
fn no_cache_writes_nothing_and_clear_removes_entries() {
    let (_tmp, cache, data, _) = setup(800);
    run(&cache, &data, &["search", "security"], true);
    assert!(entries(&cache).is_empty());
    run(&cache, &data, &["list", "themes"], false);
    assert_eq!(entries(&cache).len(), 1);
    let (info, _, code) = run(&cache, &data, &["cache", "info"], false);
    assert_eq!(code, 0);
    assert!(
        info.contains("1 cached datasets") && info.contains("800 claims"),
        "{info}"
    );
    let (out, _, code) = run(&cache, &data, &["cache", "clear"], false);
    assert_eq!(code, 0, "{out}");
    assert!(entries(&cache).is_empty());
}

#[test]
fn fingerprint_and_round_trip_match_a_cold_load() {
    use stratlens::cache;
    use stratlens::model::{self, LoadOptions};
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("a.json");
    generate(&data, 2_000, 7);
    let paths = vec![data.clone()];
    let opts = LoadOptions::default();
    let cold = model::load(&paths, &opts).expect("load");
    assert_eq!(
        cache::key::fingerprint(&paths, &opts).unwrap(),
        cold.fingerprint,
        "the warm check hashes as loading does"
    );
    let dir = tmp.path().join("c");
    let first = cache::load_in(&dir, &paths, &opts, None).expect("cold");
    cache::save_pending(&first);
    let warm = cache::load_in(&dir, &paths, &opts, None).expect("warm");
    assert_eq!(cache::last_outcome(), cache::Outcome::Hit);
    assert!(
        warm.claims().is_mapped() && warm.texts().is_mapped(),
        "a warm store reads its claims and texts in place from the entry"
    );
    assert!(!cold.claims().is_mapped());
    let (c, w) = (cold.derived(), warm.derived());
    assert!(
        w.linked.is_mapped() && w.by_section.is_mapped() && w.referred.is_mapped(),
        "a warm store's claim lists are the entry's bytes, not decoded copies"
    );
    assert_eq!(
        (
            &c.by_actor,
            &c.by_section,
            &c.by_source,
            &c.linked,
            &c.referred
        ),
        (
            &w.by_actor,
            &w.by_section,
            &w.by_source,
            &w.linked,
            &w.referred
        ),
        "the same claim lists as the cold load works out"
    );
    let sections: usize = cold.sources().iter().map(|s| s.sections.len()).sum();
    assert_eq!(w.by_section.len(), sections);
    assert_eq!(warm.claims().len(), cold.claims().len());
    for i in 0..cold.claims().len() {
        let a = serde_json::to_string(&cold.claim(i)).unwrap();
        let b = serde_json::to_string(&warm.claim(i)).unwrap();
        assert_eq!(a, b, "claim {i}");
        assert_eq!(cold.evidence(i), warm.evidence(i));
    }
    let fresh = stratlens::search::SearchIndex::new(&cold);
    let cached = cache::index_for(&warm);
    let all: Vec<usize> = (0..cold.claims().len()).collect();
    for q in [
        "s",
        "security",
        "serbia n",
        "kosovo serbia",
        "un",
        "kosovoserbia",
    ] {
        assert_eq!(
            fresh.search(&cold, q, &all),
            cached.search(&warm, q, &all),
            "{q}"
        );
    }
}

#[test]
fn the_reader_refuses_damaged_bytes_without_panicking() {
    let store = stratlens::model::load_embedded().expect("embedded");
    let bytes = stratlens::cache::bytes_for(&store).expect("entry");
    assert_eq!(
        stratlens::cache::read_bytes(&bytes),
        Ok(store.claims().len())
    );
    for cut in [
        0,
        1,
        8,
        100,
        bytes.len() / 3,
        bytes.len() / 2,
        bytes.len() - 1,
    ] {
        assert!(
            stratlens::cache::read_bytes(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    let mut step = bytes.len() / 97;
    step = step.max(1);
    for at in (0..bytes.len()).step_by(step) {
        let mut bad = bytes.clone();
        bad[at] = bad[at].wrapping_add(1);
        assert!(
            stratlens::cache::read_bytes(&bad).is_err(),
            "byte {at} changed"
        );
    }
}

/// Bytes changed and the checksums made to match again, as a crafted file
/// would: the checks behind the checksums refuse it or it reads, never a
/// panic.
#[test]
fn resealed_damage_never_panics() {
    let store = stratlens::model::load_embedded().expect("embedded");
    let bytes = stratlens::cache::bytes_for(&store).expect("entry");
    let step = (bytes.len() / 211).max(1);
    for at in (0..bytes.len()).step_by(step) {
        for delta in [1u8, 0x80, 0xff] {
            let mut bad = bytes.clone();
            bad[at] = bad[at].wrapping_add(delta);
            if stratlens::cache::format::reseal(&mut bad) {
                let _ = stratlens::cache::read_bytes(&bad);
            }
        }
    }
}
