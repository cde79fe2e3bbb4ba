//! Every fixture under tests/data/bad* must be refused with the messages and
//! places its `.expect` file lists, both by the library and by the CLI.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use stratlens::model::{self, LoadOptions};

fn fixtures() -> Vec<(PathBuf, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut out = Vec::new();
    for dir in ["bad", "bad-dir"] {
        let mut expects: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "expect"))
            .collect();
        expects.sort();
        for expect in expects {
            let target = if dir == "bad" {
                expect.with_extension("json")
            } else {
                expect.with_extension("")
            };
            let lines = std::fs::read_to_string(&expect)
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect();
            out.push((target, lines));
        }
    }
    out
}

fn relative(p: &Path) -> PathBuf {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .to_path_buf()
}

#[test]
fn there_is_a_fixture_for_every_rule() {
    assert!(
        fixtures().len() >= 30,
        "fixtures went missing: {}",
        fixtures().len()
    );
}

#[test]
fn library_reports_each_expected_problem() {
    for (path, expected) in fixtures() {
        let err = model::load(&[relative(&path)], &LoadOptions::default())
            .expect_err(&format!("{} should not load", path.display()));
        let report = err.to_string();
        for want in &expected {
            assert!(
                report.contains(want.as_str()),
                "{}: report lacks {want:?}:\n{report}",
                path.display()
            );
        }
    }
}

#[test]
fn cli_exits_2_with_the_report_on_stderr() {
    for (path, expected) in fixtures() {
        let out = Command::cargo_bin("stratlens")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("validate")
            .arg(relative(&path))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(expected[0].as_str()),
            "{}: {stderr}",
            path.display()
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn good_fixture_loads() {
    let store = model::load(
        &[PathBuf::from("tests/data/good/minimal.json")],
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(store.claims().len(), 2);
    let (a, b) = store.quote_bytes(0);
    let text = std::fs::read_to_string("tests/data/good/minimal.json").unwrap();
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(&store.text_of(0)[a..b], file["claims"][0]["quote"]["exact"]);
    for (i, claim) in file["claims"].as_array().unwrap().iter().enumerate() {
        assert_eq!(&serde_json::to_value(store.claim(i)).unwrap(), claim);
    }
}

/// Large files are mapped, not read, and their claims parsed by two
/// threads; force both for every fixture so that they report the same
/// problems at the same places.
#[test]
fn mapped_files_report_the_same_problems() {
    let mapped = LoadOptions {
        map_min_bytes: 0,
        split_min_bytes: 0,
        ..LoadOptions::default()
    };
    for (path, expected) in fixtures() {
        let err = model::load(&[relative(&path)], &mapped)
            .expect_err(&format!("{} should not load", path.display()));
        let read = model::load(&[relative(&path)], &LoadOptions::default()).unwrap_err();
        assert_eq!(err, read, "{}", path.display());
        for want in &expected {
            assert!(
                err.to_string().contains(want.as_str()),
                "{}: {err}",
                path.display()
            );
        }
    }
    let good = [PathBuf::from("tests/data/good/minimal.json")];
    let store = model::load(&good, &mapped).unwrap();
    assert_eq!(store.claims().len(), 2);
}

#[test]
fn problems_from_several_files_are_all_reported() {
    let paths = [
        PathBuf::from("tests/data/bad/hedge-missing.json"),
        PathBuf::from("tests/data/bad/syntax.json"),
    ];
    let err = model::load(&paths, &LoadOptions::default()).unwrap_err();
    let report = err.to_string();
    assert!(report.contains("syntax.json:3:14"), "{report}");
    // The summary comes last, where a terminal leaves it in view.
    let last = report.lines().last().unwrap();
    assert!(last.starts_with("the dataset was not loaded: "), "{report}");
}

#[test]
fn directory_loading_merges_files_and_refuses_empty_dirs() {
    let dir = tempfile::tempdir().unwrap();
    let err = model::load(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("directory holds no *.json files"));
    let text = std::fs::read_to_string("tests/data/good/minimal.json").unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let claims = value.as_object_mut().unwrap().remove("claims").unwrap();
    std::fs::write(dir.path().join("a.json"), value.to_string()).unwrap();
    let second = serde_json::json!({"schema_version": 1, "claims": claims});
    std::fs::write(dir.path().join("b.json"), second.to_string()).unwrap();
    let store = model::load(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    assert_eq!(store.claims().len(), 2);
    assert_eq!(store.inputs.len(), 2);
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let opts = LoadOptions {
        max_file_bytes: 100,
        ..LoadOptions::default()
    };
    let err = model::load(&[PathBuf::from("tests/data/good/minimal.json")], &opts).unwrap_err();
    assert!(
        err.to_string().contains("over the limit of 100 bytes"),
        "{err}"
    );
}

#[test]
fn missing_path_is_named() {
    let err = model::load(
        &[PathBuf::from("tests/data/nope.json")],
        &LoadOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("tests/data/nope.json: cannot open"),
        "{err}"
    );
}

/// Two files with 80 themes in common: one line says so, the summary stays
/// in view, and `--all` (or `validate --json`) gives every repeat.
#[test]
fn repeated_ids_are_grouped_and_the_summary_comes_last() {
    let dir = tempfile::tempdir().unwrap();
    let themes: Vec<serde_json::Value> = (1..=80)
        .map(|k| serde_json::json!({"id": format!("t{k}"), "name": format!("Theme {k}"), "description": "d"}))
        .collect();
    let text = std::fs::read_to_string("tests/data/good/minimal.json").unwrap();
    let mut a: serde_json::Value = serde_json::from_str(&text).unwrap();
    a["themes"] = themes.clone().into();
    std::fs::write(dir.path().join("a.json"), a.to_string()).unwrap();
    let b = serde_json::json!({"schema_version": 2, "themes": themes});
    std::fs::write(dir.path().join("b.json"), b.to_string()).unwrap();
    let run = |extra: &[&str]| {
        let out = Command::cargo_bin("stratlens")
            .unwrap()
            .current_dir(dir.path())
            .args(["--data", "."])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (_, err) = run(&["validate"]);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.len() <= 3, "{err}");
    assert_eq!(
        lines.last().unwrap(),
        &"stratlens: the dataset was not loaded: 80 problems",
        "{err}"
    );
    assert!(
        err.contains("./b.json repeats 80 ids of ./a.json: t1, t2, t3, t4, t5, … (run with --all to list each)"),
        "{err}"
    );
    let (_, err) = run(&["validate", "--all"]);
    assert_eq!(
        err.matches("duplicate id; first defined at ./a.json:")
            .count(),
        80,
        "{err}"
    );
    assert!(
        err.lines()
            .last()
            .unwrap()
            .starts_with("stratlens: the dataset was not loaded")
    );
    let (_, err) = run(&["--all", "list", "themes"]);
    assert_eq!(err.matches("duplicate id").count(), 80, "{err}");
    let (out, _) = run(&["validate", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["problems"].as_array().unwrap().len(), 80);
}

/// Past a screenful, the rest of the problems wait behind --all.
#[test]
fn a_long_report_is_cut_with_a_count() {
    let problems: Vec<model::Problem> = (0..100)
        .map(|k| model::Problem {
            place: model::Place::at("x.json", k + 1, 1),
            path: None,
            id: None,
            message: format!("problem {k}"),
        })
        .collect();
    let err = model::LoadError { problems };
    let short = err.to_string();
    assert!(short.lines().count() < 50, "{short}");
    assert!(
        short.contains("… and 60 more problems (run with --all to list each)"),
        "{short}"
    );
    let all = format!("{err:#}");
    assert_eq!(all.lines().count(), 101, "{all}");
    assert!(
        all.lines()
            .last()
            .unwrap()
            .starts_with("the dataset was not loaded: 100 problems")
    );
}
