//! The one-shot CLI as scripts and people use it: output, JSON shapes, exit codes.

use serde_json::Value;

mod common;
use common::stratlens;

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
    let (code, _, err) = run(&["show", "country", "xq"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown country \"xq\"") && err.contains("did you mean XK (Kosovo)?"),
        "{err}"
    );
    let (code, _, err) = run(&["search", "nato", "--country", "ZZ"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown country \"ZZ\""), "{err}");
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

/// Issue #16, 1: typed hyphens and apostrophes find the article's en
/// dash and curly apostrophe from the command line too.
#[test]
fn search_forgives_typography() {
    let ids = |q: &str| -> Vec<String> {
        let v = json(&["search", q, "--json"]);
        let hits = v.as_array().expect("array");
        hits.iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let typed = ids("Kosovo-Serbia agreement");
    assert!(typed.contains(&"c14".to_string()), "{typed:?}");
    assert_eq!(typed, ids("Kosovo–Serbia agreement"));
    let curly = ids("nato’s");
    assert!(!curly.is_empty());
    assert_eq!(curly, ids("NATO's"));
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
        ("country:ZZ", "unknown country \"ZZ\""),
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

/// A dataset with nothing in it: `{"schema_version": 2}`.
fn empty_dataset(dir: &std::path::Path) -> String {
    let path = dir.join("empty.json");
    std::fs::write(&path, "{\"schema_version\": 2}").unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn json_with_no_results_prints_an_empty_list_and_exits_1() {
    let (code, out, err) = run(&["search", "qqqxyz", "--json"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        serde_json::json!([])
    );
    let dir = tempfile::tempdir().unwrap();
    let empty = empty_dataset(dir.path());
    for kind in [
        "claims",
        "countries",
        "regions",
        "actors",
        "themes",
        "sources",
    ] {
        let (code, out, err) = run(&["--data", &empty, "list", kind, "--json"]);
        assert_eq!(code, 1, "{kind}: {err}");
        assert_eq!(
            serde_json::from_str::<Value>(&out).unwrap(),
            serde_json::json!([]),
            "{kind}"
        );
    }
    // An export keeps its shape: the briefing, with no claims.
    let (code, out, err) = run(&[
        "export",
        "--json",
        "--country",
        "UA",
        "--theme",
        "migration",
    ]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["claims"], serde_json::json!([]));
}

#[test]
fn limit_zero_is_a_usage_error() {
    let (code, out, err) = run(&["search", "nato", "--limit", "0"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("--limit") && !err.contains("no claims match"),
        "{err}"
    );
}

#[test]
fn an_empty_dataset_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let empty = empty_dataset(dir.path());
    let (code, _, err) = run(&["--data", &empty, "search", "nato"]);
    assert_eq!(code, 1);
    assert!(err.contains("the dataset has no claims"), "{err}");
    let (code, _, err) = run(&["--data", &empty, "export"]);
    assert_eq!(code, 1);
    assert!(err.contains("the dataset has no claims"), "{err}");
    let (code, _, err) = run(&["--data", &empty, "list", "countries"]);
    assert_eq!(code, 1);
    assert!(err.contains("the dataset has no countries"), "{err}");
}

#[test]
fn counts_take_the_singular_for_one() {
    let (code, out, _) = run(&["validate", "tests/data/good/minimal.json"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("ok: 2 sources, 1 country, 1 region, 1 actor, 1 theme, 2 claims"),
        "{out}"
    );
    // In the article alone Montenegro is named once.
    let (_, out, _) = run(&["--data", "data/seed", "list", "countries"]);
    let montenegro = out.lines().find(|l| l.starts_with("ME ")).unwrap();
    assert!(montenegro.contains("  1 claim  "), "{montenegro}");
    let (_, out, _) = run(&["--data", "tests/data/good/minimal.json", "stats"]);
    assert!(out.starts_with("2 claims\n"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.md");
    let (code, _, err) = run(&["export", "--ids", "c1", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote 1 claim as Markdown"), "{err}");
}

#[test]
fn show_takes_ids_names_and_aliases_in_any_case() {
    for (args, head) in [
        (["show", "country", "Serbia"], "country RS — Serbia"),
        (["show", "country", "rs"], "country RS — Serbia"),
        (["show", "country", "SERBIA"], "country RS — Serbia"),
        (
            ["show", "country", "republic of kosovo"],
            "country XK — Kosovo",
        ),
        (["show", "claim", "C23"], "claim c23\n"),
        (
            ["show", "region", "western balkans"],
            "region western-balkans — Western Balkans",
        ),
        (
            ["show", "actor", "north atlantic treaty organization"],
            "actor nato — NATO",
        ),
        (
            ["show", "theme", "NATO enlargement"],
            "theme nato-enlargement — NATO enlargement",
        ),
        (["show", "source", "US-NSS-2025"], "source us-nss-2025 — "),
        (["show", "countries", "XK"], "country XK — Kosovo"),
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.starts_with(head), "{args:?}: {out}");
    }
}

#[test]
fn filters_take_names_too() {
    let by_id = json(&["search", "nato", "--country", "RS", "--json"]);
    let by_name = json(&["search", "nato", "--country", "serbia", "--json"]);
    assert_eq!(by_id, by_name);
    let by_id = json(&[
        "export",
        "--json",
        "--region",
        "western-balkans",
        "--actor",
        "eu",
    ]);
    let by_name = json(&[
        "export",
        "--json",
        "--region",
        "Western Balkans",
        "--actor",
        "European Union",
    ]);
    assert_eq!(by_id, by_name);
    let by_id = json(&["search", "nato", "--theme", "nato-enlargement", "--json"]);
    let by_name = json(&["search", "nato", "--theme", "nato enlargement", "--json"]);
    assert_eq!(by_id, by_name);
    let (code, _, err) = run(&["export", "--ids", "C19,c22"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn open_takes_names_too() {
    // The target resolves; what stops it here is the missing terminal.
    for target in [
        "country:Serbia",
        "claim:C14",
        "actor:the alliance",
        "theme:EU enlargement",
    ] {
        let (code, _, err) = run(&["--open", target]);
        assert_eq!(code, 2);
        assert!(err.contains("needs a terminal"), "{target}: {err}");
    }
}

#[test]
fn unknown_and_ambiguous_names_get_suggestions() {
    let (code, _, err) = run(&["show", "country", "Serbai"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown country \"Serbai\"") && err.contains("RS (Serbia)"),
        "{err}"
    );
    let (code, _, err) = run(&["show", "country", "bosnia and"]);
    assert_eq!(code, 2);
    assert!(err.contains("BA (Bosnia and Herzegovina)"), "{err}");
    let (code, _, err) = run(&["show", "claim", "c230"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean") && err.contains("c23"), "{err}");
    let (code, _, err) = run(&["--open", "country:Serbai"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--open: unknown country \"Serbai\"") && err.contains("RS (Serbia)"),
        "{err}"
    );
    // Two actors answer to "Alpha": both are named, and neither is picked.
    let dir = tempfile::tempdir().unwrap();
    let mut data: Value = serde_json::from_str(include_str!("data/good/minimal.json")).unwrap();
    let mut other = data["actors"][0].clone();
    other["id"] = "a2".into();
    other["name"] = "Alpha Group".into();
    other["aliases"] = serde_json::json!(["alpha"]);
    data["actors"].as_array_mut().unwrap().push(other);
    let path = dir.path().join("two.json");
    std::fs::write(&path, data.to_string()).unwrap();
    let p = path.to_str().unwrap();
    let (code, _, err) = run(&["--data", p, "show", "actor", "ALPHA"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("\"ALPHA\" could be more than one actor")
            && err.contains("a1 (Alpha)")
            && err.contains("a2 (Alpha Group)"),
        "{err}"
    );
    let (code, out, err) = run(&["--data", p, "show", "actor", "alpha group"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("actor a2"), "{out}");
    // An id is an id: "a1" is the actor a1 whatever names say.
    let (code, out, _) = run(&["--data", p, "show", "actor", "a1"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("actor a1"), "{out}");
}

#[test]
fn show_help_spells_kinds_in_the_singular() {
    let (code, out, _) = run(&["show", "--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("claim, country, region, actor, theme, source"),
        "{out}"
    );
}

#[test]
fn show_claim_json_has_what_the_text_has() {
    let v = json(&["show", "claim", "c23", "--json"]);
    assert_eq!(v["id"], "c23");
    let citation = v["citation"].as_str().unwrap();
    assert!(
        citation.starts_with("BV, “New U.S. security strategy") && citation.ends_with("claim c23"),
        "{citation}"
    );
    let context = &v["context"];
    let sentence = context["sentence"].as_str().unwrap();
    assert_eq!(context["quote"], v["quote"]["exact"]);
    assert_eq!(
        format!(
            "{}{}{}",
            context["before"].as_str().unwrap(),
            context["quote"].as_str().unwrap(),
            context["after"].as_str().unwrap()
        ),
        sentence
    );
    let resolved = &v["resolved"];
    assert_eq!(
        resolved["countries"][0],
        serde_json::json!({"id": "RS", "name": "Serbia"})
    );
    assert!(
        resolved["themes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["name"].is_string())
    );
    assert!(resolved["actors"].is_array() && resolved["regions"].is_array());
    let v = json(&["show", "claim", "c14", "--json"]);
    assert_eq!(
        v["resolved"]["speaker"],
        "2025 U.S. National Security Strategy"
    );
}

#[test]
fn show_entity_json_lists_its_claims() {
    let v = json(&["show", "country", "RS", "--json"]);
    let named: Vec<&str> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(named.contains(&"c23"), "{v}");
    assert_eq!(v["claim_count"], named.len());
    let regional = v["regional_claims"].as_array().unwrap();
    assert!(!regional.is_empty());
    assert!(!regional.iter().any(|c| c == "c23"));
    assert_eq!(v["regional_claim_count"], regional.len());
    for (kind, list, id) in [
        ("region", "regions", "western-balkans"),
        ("actor", "actors", "nato"),
        ("theme", "themes", "nato-enlargement"),
        ("source", "sources", "bv-nss2025-balkans"),
    ] {
        let v = json(&["show", kind, id, "--json"]);
        let listed = json(&["list", list, "--json"]);
        let row = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap();
        let claims = v["claims"].as_array().expect(kind);
        assert!(!claims.is_empty(), "{kind}");
        assert_eq!(
            claims.len() as u64,
            row["claim_count"].as_u64().unwrap(),
            "{kind}"
        );
        for c in claims.iter().take(3) {
            let id = c.as_str().unwrap();
            assert_eq!(json(&["show", "claim", id, "--json"])["id"], id);
        }
    }
}

/// A dataset built with `annotate --data embedded` links the embedded
/// dataset's countries; `--data embedded` beside it loads the two together
/// in every command (and alone it is the embedded dataset).
#[test]
fn data_embedded_names_the_embedded_dataset() {
    let (code, alone, _) = run(&["--data", "embedded", "stats"]);
    assert_eq!(code, 0);
    assert_eq!(
        alone,
        run(&["stats"]).1,
        "--data embedded alone is the default"
    );
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("note.txt");
    std::fs::write(&text, "Kosovo matters to everyone here.\n").unwrap();
    let mine = dir.path().join("mine.json");
    let (code, _, err) = run(&[
        "new-source",
        text.to_str().unwrap(),
        "--id",
        "memo",
        "--title",
        "Memo",
        "--no-sections",
        "-o",
        mine.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut data: Value = serde_json::from_str(&std::fs::read_to_string(&mine).unwrap()).unwrap();
    let section = data["sources"][0]["sections"][0]["id"].clone();
    data["claims"] = serde_json::json!([{
        "id": "memo-1", "source": "memo", "section": section,
        "statement": "The memo says Kosovo matters.",
        "quote": {"exact": "Kosovo matters to everyone here.", "prefix": "",
                  "suffix": "\n", "start": 0, "end": 32},
        "countries": ["XK"], "regions": [], "actors": [], "themes": [],
        "attribution": {"layer": "author", "speaker": null, "cue": null},
        "hedges": [], "certainty": "asserted", "primary": null, "related": []
    }]);
    std::fs::write(&mine, data.to_string()).unwrap();
    let file = mine.to_str().unwrap();
    let (code, _, err) = run(&["--data", file, "validate"]);
    assert_eq!(code, 2, "alone, XK is unknown: {err}");
    assert!(err.contains("XK"), "{err}");
    let (code, out, err) = run(&[
        "--data", "embedded", "--data", file, "show", "claim", "memo-1",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Kosovo matters to everyone here."), "{out}");
    let (code, out, _) = run(&[
        "--data", "embedded", "--data", file, "show", "country", "XK",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("memo-1"), "Kosovo lists the new claim: {out}");
}
