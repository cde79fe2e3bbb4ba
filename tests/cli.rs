//! The one-shot CLI as scripts and people use it: output, JSON shapes, exit codes.

use assert_cmd::Command;
use serde_json::Value;

fn stratlens() -> Command {
    let mut cmd = Command::cargo_bin("stratlens").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = stratlens().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn validate_embedded_prints_counts() {
    // The embedded dataset is the article's file and the strategies' files.
    let files: Vec<Value> = stratlens::model::load::EMBEDDED_FILES
        .iter()
        .map(|(_, json)| serde_json::from_str(json).unwrap())
        .collect();
    let n = |list: &str| -> usize {
        files
            .iter()
            .map(|f| f[list].as_array().map_or(0, Vec::len))
            .sum()
    };
    let (code, out, _) = run(&["validate"]);
    assert_eq!(code, 0);
    let head = format!(
        "ok: {} sources, {} countries, {} regions,",
        n("sources"),
        n("countries"),
        n("regions")
    );
    assert!(out.starts_with(&head), "{out}");
    assert!(
        !out.contains("warning"),
        "the embedded dataset has warnings: {out}"
    );
    let v = json(&["validate", "--json"]);
    assert_eq!(v["ok"], true);
    assert_eq!(v["counts"]["countries"], n("countries"));
    assert_eq!(v["counts"]["claims"], n("claims"));
    assert_eq!(v["warnings"], serde_json::json!([]));
}

#[test]
fn validate_json_failure_lists_problems_and_exits_2() {
    let (code, out, _) = run(&[
        "validate",
        "--json",
        "tests/data/bad/dangling-references.json",
    ]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], false);
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 8);
    assert_eq!(problems[0]["path"], "sources[0].about[0]");
    assert_eq!(problems[0]["line"], 4);
}

#[test]
fn list_countries_has_counts_in_text_and_json() {
    let (code, out, _) = run(&["list", "countries"]);
    assert_eq!(code, 0);
    let kosovo = out
        .lines()
        .find(|l| l.starts_with("XK "))
        .expect("Kosovo row");
    assert!(
        kosovo.contains("Kosovo") && kosovo.contains("claims"),
        "{kosovo}"
    );
    let v = json(&["list", "countries", "--json"]);
    let xk = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "XK")
        .unwrap();
    let (_, shown, _) = run(&["show", "country", "XK", "--json"]);
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["name"], xk["name"]);
    assert!(xk["claim_count"].as_u64().unwrap() > 0);
    let text_count: u64 = kosovo
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap();
    assert_eq!(xk["claim_count"].as_u64().unwrap(), text_count);
}

#[test]
fn every_list_kind_works() {
    for kind in ["claims", "countries", "actors", "themes", "sources"] {
        let (code, out, err) = run(&["list", kind]);
        assert_eq!(code, 0, "{kind}: {err}");
        assert!(out.lines().count() >= 2, "{kind}: {out}");
    }
}

#[test]
fn show_claim_has_quote_context_and_citation() {
    let (code, out, _) = run(&["show", "claim", "c19"]);
    assert_eq!(code, 0);
    assert!(out.contains("wording differs"), "{out}");
    assert!(out.contains("⟦A key passage states"), "{out}");
    assert!(
        out.contains("citation     BV, “New U.S. security strategy reshapes Balkans policy"),
        "{out}"
    );
    assert!(out.contains("claim c19"));
    let v = json(&["show", "claim", "c19", "--json"]);
    assert_eq!(v["id"], "c19");
    assert_eq!(v["primary"]["verification"], "wording_differs");
}

#[test]
fn show_country_lists_its_claims() {
    let (code, out, _) = run(&["show", "country", "RS"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("NATO     neutral since 2007-12-26 (reference:"),
        "{out}"
    );
    assert!(out.contains("military neutrality"), "{out}");
    // Named claims and regional ones are listed apart.
    let named = out.find("named: claims").expect("named list");
    let regional = out
        .find("regional (about its regions")
        .expect("regional list");
    assert!(named < regional, "{out}");
    assert!(out[named..regional].contains("c23 "), "{out}");
    assert!(!out[regional..].contains("c23 "), "{out}");
}

#[test]
fn unknown_ids_exit_2_with_a_hint() {
    let (code, _, err) = run(&["show", "country", "xk"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown country id \"xk\"; did you mean \"XK\"?"),
        "{err}"
    );
    let (code, _, err) = run(&["search", "nato", "--country", "ZZ"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown country id \"ZZ\""), "{err}");
}

#[test]
fn search_ranks_and_filters() {
    let v = json(&["search", "military neutrality", "--json"]);
    let hits = v.as_array().unwrap();
    assert_eq!(hits[0]["id"], "c23");
    let scores: Vec<i64> = hits.iter().map(|h| h["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let v = json(&["search", "nato", "--country", "ME", "--json"]);
    for hit in v.as_array().unwrap() {
        assert!(
            hit["countries"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "ME"),
            "{hit}"
        );
    }
    let v = json(&["search", "balkans", "--limit", "3", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 3);
}

#[test]
fn no_results_exit_1() {
    let (code, out, err) = run(&["search", "qqqxyz"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("no claims match"), "{err}");
}

#[test]
fn schema_subcommand_prints_the_committed_schema() {
    let (code, out, _) = run(&["schema"]);
    assert_eq!(code, 0);
    assert_eq!(out, include_str!("../data/schema.json"));
}

#[test]
fn explorer_without_a_terminal_points_to_subcommands() {
    let out = stratlens().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("needs a terminal") && err.contains("validate"),
        "{err}"
    );
}

#[test]
fn bad_data_exits_2_in_every_subcommand() {
    for args in [
        vec!["list", "claims"],
        vec!["show", "claim", "c1"],
        vec!["search", "x"],
        vec![],
    ] {
        let mut full = vec!["--data", "tests/data/bad/quote-mismatch.json"];
        full.extend(args);
        let (code, _, err) = run(&full);
        assert_eq!(code, 2, "{full:?}");
        assert!(err.contains("quote-mismatch.json:76:5"), "{full:?}: {err}");
    }
}

fn hostile_dataset(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string("tests/data/good/minimal.json").unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["claims"][0]["statement"] =
        "red \u{1b}[31mALERT\u{1b}]0;pwned\u{7} \u{9b}2J \u{202e}txet".into();
    v["countries"][0]["name"] = "Koso\u{1b}]52;c;ZXZpbA==\u{7}vo".into();
    let path = dir.join("hostile.json");
    std::fs::write(&path, v.to_string()).unwrap();
    path
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = hostile_dataset(dir.path());
    let p = path.to_str().unwrap();
    for args in [
        vec!["--data", p, "list", "claims"],
        vec!["--data", p, "list", "countries"],
        vec!["--data", p, "show", "claim", "c1"],
        vec!["--data", p, "show", "country", "XK"],
        vec!["--data", p, "search", "alert"],
    ] {
        let out = stratlens().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(
            !s.chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "{args:?}: {s:?}"
        );
        assert!(s.contains('␛'), "{args:?}: escapes should be visible: {s}");
    }
    let (_, raw, _) = run(&["--data", p, "show", "claim", "c1", "--json"]);
    assert!(
        !raw.chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
        "{raw:?}"
    );
    assert!(raw.contains("\\u009b") && raw.contains("\\u202e"), "{raw}");
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert!(
        v["statement"].as_str().unwrap().contains("\u{1b}[31m"),
        "JSON keeps the data, escaped"
    );
}

#[test]
fn unknown_open_target_is_a_usage_error_before_the_explorer() {
    for (target, says) in [
        ("country:ZZ", "unknown country id \"ZZ\""),
        ("planet:mars", "unknown target kind"),
        ("c12", "not a target"),
    ] {
        let (code, out, err) = run(&["--open", target]);
        assert_eq!(code, 2, "{target}");
        assert!(out.is_empty(), "{target}: {out}");
        assert!(
            err.contains("--open: ") && err.contains(says),
            "{target}: {err}"
        );
        assert!(!err.contains('\u{1b}'), "terminal untouched: {err:?}");
    }
}

#[test]
fn readme_key_table_is_the_keymap() {
    let readme = include_str!("../README.md");
    let start =
        readme.find("<!-- keys:start -->\n").expect("keys marker") + "<!-- keys:start -->\n".len();
    let end = readme.find("<!-- keys:end -->").expect("keys end marker");
    let (code, out, _) = run(&["keys"]);
    assert_eq!(code, 0);
    assert_eq!(
        &readme[start..end],
        out,
        "README key table is stale: paste `stratlens keys`"
    );
    assert!(out.contains("| `m` | mark / unmark the selected claim"));
}

/// A version 1 file loads with a note, and `migrate` turns its region
/// labels into regions without touching what its claims link.
#[test]
fn migrate_writes_version_2_and_refuses_to_clobber() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("v1.json");
    let mut old: Value = serde_json::from_str(include_str!("data/good/minimal.json")).unwrap();
    old["schema_version"] = 1.into();
    old.as_object_mut().unwrap().remove("regions");
    for c in old["countries"].as_array_mut().unwrap() {
        c["region"] = "Western Balkans".into();
    }
    std::fs::write(&v1, old.to_string()).unwrap();
    let v1s = v1.to_str().unwrap();
    let (code, _, err) = run(&["--data", v1s, "list", "countries"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("is schema_version 1"), "{err}");
    assert!(err.contains("stratlens migrate"), "{err}");
    let out = dir.path().join("v2.json");
    let outs = out.to_str().unwrap();
    let (code, _, err) = run(&["migrate", v1s, "-o", outs]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("regions western-balkans"), "{err}");
    let new: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(new["schema_version"], 2);
    assert_eq!(new["regions"][0]["members"], serde_json::json!(["XK"]));
    assert_eq!(new["claims"][0]["countries"], old["claims"][0]["countries"]);
    let (code, _, err) = run(&["--data", outs, "validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("schema_version 1"), "{err}");
    // Again: the file exists; and a version 2 file is not migrated twice.
    let (code, _, err) = run(&["migrate", v1s, "-o", outs]);
    assert_eq!(code, 2);
    assert!(err.contains("exists"), "{err}");
    let (code, _, err) = run(&["migrate", outs, "-o", v1s, "--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("already"), "{err}");
    let (code, _, err) = run(&["migrate", "no/such.json", "-o", outs]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such.json"), "{err}");
}

#[test]
fn regions_list_show_and_filter() {
    let regions = json(&["list", "regions", "--json"]);
    let wb = regions
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "western-balkans")
        .expect("western-balkans");
    let n = wb["claim_count"].as_u64().unwrap();
    assert!(n > 0);
    let (code, out, _) = run(&["show", "region", "western-balkans"]);
    assert_eq!(code, 0);
    assert!(out.contains("members  Albania (AL)"), "{out}");
    assert!(out.contains(&format!("claims ({n})")), "{out}");
    let hits = json(&["search", "balkans", "--region", "western-balkans", "--json"]);
    assert!(hits.as_array().unwrap().iter().all(|c| {
        c["regions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "western-balkans")
    }));
    // Kosovo: named claims, then with its regions' claims too.
    let named = json(&["search", "balkans", "--country", "XK", "--json"]);
    let wide = json(&[
        "search",
        "balkans",
        "--country",
        "XK",
        "--with-regions",
        "--json",
    ]);
    let (named, wide) = (named.as_array().unwrap(), wide.as_array().unwrap());
    assert!(
        wide.len() > named.len(),
        "{} vs {}",
        wide.len(),
        named.len()
    );
    for c in named {
        assert!(c["countries"].as_array().unwrap().iter().any(|x| x == "XK"));
    }
    let countries = json(&["list", "countries", "--json"]);
    let xk = countries
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "XK")
        .unwrap();
    assert!(xk["regional_claim_count"].as_u64().unwrap() > 0);
}

#[test]
fn validate_strict_fails_on_links_the_text_does_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut data: Value = serde_json::from_str(include_str!("data/good/minimal.json")).unwrap();
    // The quote "Alpha says “beta” today." names no country.
    data["claims"][0]["countries"] = serde_json::json!(["XK"]);
    let path = dir.path().join("loose.json");
    std::fs::write(&path, data.to_string()).unwrap();
    let p = path.to_str().unwrap();
    let (code, out, _) = run(&["validate", p]);
    assert_eq!(code, 0, "warnings alone do not fail");
    assert!(
        out.contains("warning: claim c1: country XK is linked, but the quote's paragraph"),
        "{out}"
    );
    let (code, _, err) = run(&["validate", "--strict", p]);
    assert_eq!(code, 2);
    assert!(err.contains("--strict: 1 warning"), "{err}");
}
