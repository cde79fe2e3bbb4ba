//! The loader at a size where it parses claims on several threads and maps
//! files: the compact store must give back every claim exactly, problems
//! must keep their places, and progress must be reported.

use std::sync::Mutex;

use stratlens::model::{self, Input, Kind, LoadOptions};

#[allow(dead_code)]
#[path = "../examples/gen_dataset.rs"]
mod gen_dataset;

/// More claims than one checking thread takes (4,096), so that the runs of
/// several threads are merged.
const N: usize = 10_000;

fn generated() -> String {
    let mut out = Vec::new();
    gen_dataset::write_dataset(&mut out, N, 7).expect("generate");
    String::from_utf8(out).expect("utf-8")
}

/// Options that map every file, however small, and parse its claims on
/// two threads.
fn mapped() -> LoadOptions {
    LoadOptions {
        map_min_bytes: 0,
        split_min_bytes: 0,
        ..LoadOptions::default()
    }
}

#[test]
fn every_claim_comes_back_as_written() {
    let text = generated();
    let store = model::load_inputs(vec![Input::new("gen.json", text.clone())]).expect("valid");
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    let claims = file["claims"].as_array().unwrap();
    assert_eq!(store.claims().len(), N);
    for i in [0, 1, 4095, 4096, 4097, 8191, 8192, N - 1] {
        let got = serde_json::to_value(store.claim(i)).unwrap();
        assert_eq!(got, claims[i], "claim {i}");
        let id = claims[i]["id"].as_str().unwrap();
        assert_eq!(store.index_of(Kind::Claim, id), Some(i));
    }
    // The facet index agrees with the links of every claim.
    let us = store.index_of(Kind::Country, "US").unwrap();
    let listed = claims
        .iter()
        .filter(|c| c["countries"].as_array().unwrap().iter().any(|x| x == "US"))
        .count();
    assert_eq!(store.claims_of(Kind::Country, us).len(), listed);
}

/// Line of claim `id` in `text` (the generator writes a claim per line).
fn line_of_claim(text: &str, id: &str) -> usize {
    let at = text
        .find(&format!("{{\"id\":\"{id}\""))
        .expect("claim in text");
    text[..at].matches('\n').count() + 1
}

#[test]
fn problems_in_late_claims_keep_their_places() {
    let text = generated();
    // c9000 takes c0's id; c7000 names a country that does not exist.
    let broken = edit_claim(&text, "c9000", "{\"id\":\"c9000\"", "{\"id\":\"c0\"");
    let broken = edit_claim(
        &broken,
        "c7000",
        "\"countries\":[",
        "\"countries\":[\"QQ\",",
    );
    assert_ne!(broken, text);
    let err = model::load_inputs(vec![Input::new("gen.json", broken.clone())]).unwrap_err();
    let report = err.to_string();
    let dup_line = line_of_claim(&text, "c9000");
    let first_line = line_of_claim(&text, "c0");
    assert!(
        report.contains(&format!(
            "gen.json:{dup_line}:1: claims[9000].id (id c0): duplicate id; first defined at gen.json:{first_line}:1"
        )),
        "{report}"
    );
    let qq_line = line_of_claim(&text, "c7000");
    assert!(
        report.contains(&format!(
            "gen.json:{qq_line}:1: claims[7000].countries[0] (id c7000): unknown country id \"QQ\""
        )),
        "{report}"
    );
    assert_eq!(err.problems.len(), 2, "{report}");
    // Mapped and parsed on two threads, the same problems at the same places.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gen.json");
    std::fs::write(&path, &broken).unwrap();
    let split = model::load(&[path], &mapped()).unwrap_err();
    let names = |e: &model::LoadError| -> Vec<String> {
        e.problems
            .iter()
            .map(|p| p.to_string().replacen(&p.place.file, "gen.json", 2))
            .collect()
    };
    assert_eq!(names(&split), names(&err));
}

/// `text` with `from` replaced by `to` on the line of claim `id` only.
fn edit_claim(text: &str, id: &str, from: &str, to: &str) -> String {
    let start = text
        .find(&format!("{{\"id\":\"{id}\""))
        .expect("claim in text");
    let end = start + text[start..].find('\n').unwrap();
    let line = text[start..end].replacen(from, to, 1);
    assert_ne!(line, &text[start..end], "{from} not on the line of {id}");
    format!("{}{line}{}", &text[..start], &text[end..])
}

#[test]
fn mapped_file_loads_the_same_and_reports_progress() {
    let text = generated();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gen.json");
    std::fs::write(&path, &text).unwrap();
    let mapped = mapped();
    let steps = Mutex::new(Vec::new());
    let report = |step: &str, done: u64, total: u64| {
        steps.lock().unwrap().push((step.to_string(), done, total));
    };
    let store =
        model::load_with_progress(std::slice::from_ref(&path), &mapped, Some(&report)).unwrap();
    let read = model::load(&[path], &LoadOptions::default()).unwrap();
    assert_eq!(store.fingerprint, read.fingerprint);
    assert_eq!(store.claims().len(), N);
    for i in [0, 5000, N - 1] {
        assert_eq!(
            serde_json::to_value(store.claim(i)).unwrap(),
            serde_json::to_value(read.claim(i)).unwrap()
        );
    }
    let steps = steps.into_inner().unwrap();
    let checking: Vec<_> = steps.iter().filter(|s| s.0 == "checking").collect();
    assert!(!checking.is_empty(), "{steps:?}");
    assert!(checking.iter().all(|s| s.2 == N as u64 && s.1 <= s.2));
    assert_eq!(checking.iter().map(|s| s.1).max(), Some(N as u64));
}

#[test]
fn mapped_file_with_a_bad_byte_names_its_place() {
    let mut bytes = generated().into_bytes();
    let at = bytes.len() / 2;
    let at = at + bytes[at..].iter().position(|&b| b == b'a').unwrap();
    bytes[at] = 0xFF;
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, &bytes).unwrap();
    let mapped = mapped();
    let err = model::load(&[path], &mapped).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(err.problems[0].place.line, Some(line));
    assert!(
        err.problems[0]
            .message
            .contains(&format!("invalid UTF-8 at byte {at}")),
        "{err}"
    );
}
