//! Briefing export from the command line: golden files for each format,
//! atomic writes that never clobber, and nothing raw in the output.

use assert_cmd::Command;
use serde_json::Value;

const EPOCH: &str = "1764979200"; // 2025-12-06 00:00 UTC

fn stratlens() -> Command {
    let mut cmd = Command::cargo_bin("stratlens").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", EPOCH);
    cmd
}

fn export(args: &[&str]) -> String {
    let out = stratlens().arg("export").args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn markdown_golden_kosovo_nato() {
    let md = export(&[
        "--country",
        "XK",
        "--theme",
        "nato-enlargement",
        "--title",
        "Kosovo and NATO",
    ]);
    insta::assert_snapshot!("export_kosovo_nato_md", md);
}

#[test]
fn markdown_grouped_by_theme_golden() {
    let md = export(&["--ids", "c10,c14,c19", "--group-by", "theme"]);
    insta::assert_snapshot!("export_ids_by_theme_md", md);
}

#[test]
fn json_golden_and_shape() {
    let text = export(&["--format", "json", "--ids", "c19,c23"]);
    insta::assert_snapshot!("export_ids_json", text);
    let v: Value = serde_json::from_str(&text).unwrap();
    let claims = v["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0]["id"], "c19");
    assert_eq!(
        claims[0]["resolved"]["section"],
        "NATO expansion loses momentum"
    );
    assert_eq!(claims[1]["resolved"]["countries"][0]["name"], "Serbia");
    assert_eq!(v["generated"], "2025-12-06 00:00 UTC");
}

#[test]
fn csv_golden_and_rfc4180_shape() {
    let text = export(&["--format", "csv", "--country", "RS"]);
    insta::assert_snapshot!("export_serbia_csv", text);
    let rows: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        rows[0].split(',').collect::<Vec<_>>(),
        stratlens::export::CSV_COLUMNS
    );
    assert!(rows[0].contains(",countries,regions,"));
    let serbia = stratlens()
        .args(["list", "countries", "--json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&serbia.stdout).unwrap();
    let n = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "RS")
        .unwrap()["claim_count"]
        .as_u64()
        .unwrap();
    assert_eq!(rows.len() as u64, n + 1, "a header and one row per claim");
    assert!(
        !text.contains('\n') || text.matches('\n').count() == text.matches("\r\n").count(),
        "only CRLF line ends"
    );
}

#[test]
fn every_claim_quote_appears_verbatim_in_the_markdown() {
    let md = export(&[]);
    let claims: Value = serde_json::from_slice(
        &stratlens()
            .args(["list", "claims", "--json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    for c in claims.as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        assert!(md.contains(&format!("### {id}: ")), "{id} missing");
        // As Markdown shows it: markup characters escaped, each line quoted.
        let exact: String = c["quote"]["exact"]
            .as_str()
            .unwrap()
            .chars()
            .flat_map(|ch| {
                let escape = "\\*_`[]<>#|".contains(ch);
                escape.then_some('\\').into_iter().chain([ch])
            })
            .collect::<String>()
            .replace('\n', "\n> ");
        assert!(
            md.contains(&format!("> {exact}")),
            "{id}: quote not verbatim"
        );
    }
}

#[test]
fn writes_a_file_atomically_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    let p = path.to_str().unwrap();
    let out = stratlens()
        .args(["export", "--ids", "c1", "-o", p])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote 1 claims as Markdown"));
    let first = std::fs::read_to_string(&path).unwrap();
    assert!(first.contains("### c1: "));
    let out = stratlens()
        .args(["export", "--ids", "c2", "-o", p])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        first,
        "the old file is kept"
    );
    let out = stratlens()
        .args(["export", "--ids", "c2", "-o", p, "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&path).unwrap().contains("### c2: "));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary files left"
    );
}

#[test]
fn refuses_to_write_over_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.json");
    std::fs::copy("tests/data/good/minimal.json", &data).unwrap();
    let before = std::fs::read(&data).unwrap();
    let d = data.to_str().unwrap();
    let out = stratlens()
        .args(["--data", d, "export", "-o", d, "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("never writes dataset files"));
    assert_eq!(std::fs::read(&data).unwrap(), before);
}

#[test]
fn unwritable_target_is_a_message_not_a_panic() {
    let out = stratlens()
        .args(["export", "-o", "/nonexistent-dir/b.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write /nonexistent-dir/b.md"), "{err}");
}

#[test]
fn empty_selection_exits_1() {
    let out = stratlens()
        .args(["export", "--country", "UA", "--theme", "migration"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing exported"));
}

#[test]
fn stats_json_counts_match_list() {
    let out = stratlens().args(["stats", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = stratlens()
        .args(["list", "claims", "--json"])
        .output()
        .unwrap();
    let all: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(v["claims"], all.as_array().unwrap().len());
    let xk = v["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "XK")
        .unwrap();
    let shown = stratlens()
        .args(["show", "country", "XK"])
        .output()
        .unwrap();
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(
        text.contains(&format!("claims ({})", xk["claims"])),
        "{text}"
    );
    let regional = &xk["regional"];
    assert!(
        text.contains(&format!(
            "regional (about its regions, not naming it): claims ({regional})"
        )),
        "{text}"
    );
    let plain = String::from_utf8(stratlens().arg("stats").output().unwrap().stdout).unwrap();
    assert!(plain.contains("Themes × countries"));
    assert!(
        plain.contains(" = Western Balkans (western-balkans)"),
        "{plain}"
    );
}

/// `--with-regions` adds the claims about the country's regions, grouped
/// apart under the region, and says so in the selection.
#[test]
fn export_with_regions_keeps_regional_claims_apart() {
    let named = export(&["--format", "json", "--country", "XK"]);
    let wide = export(&["--format", "json", "--country", "XK", "--with-regions"]);
    let ids = |text: &str| -> Vec<String> {
        let v: Value = serde_json::from_str(text).unwrap();
        v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (named, wide_ids) = (ids(&named), ids(&wide));
    assert!(wide_ids.len() > named.len());
    assert!(named.iter().all(|id| wide_ids.contains(id)));
    let v: Value = serde_json::from_str(&wide).unwrap();
    assert!(
        v["selection"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().contains("their regions")),
        "{wide}"
    );
    for c in v["claims"].as_array().unwrap() {
        let names_xk = c["countries"].as_array().unwrap().iter().any(|x| x == "XK");
        let regional = !c["regions"].as_array().unwrap().is_empty();
        assert!(names_xk || regional, "{}", c["id"]);
    }
    let md = export(&["--country", "XK", "--with-regions"]);
    let region = md
        .find("## Western Balkans (western-balkans, region)")
        .expect(&md);
    let kosovo = md.find("## Kosovo (XK)").expect(&md);
    assert!(kosovo < region);
    let out = stratlens()
        .args(["export", "--with-regions"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--with-regions needs --country");
}

#[test]
fn hostile_text_leaves_no_raw_control_characters_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/data/good/minimal.json").unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let evil = "x\u{1b}[31mred\u{1b}]0;title\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}2J\u{202e}\u{200d}\r\nnext";
    v["claims"][0]["statement"] = evil.into();
    v["countries"][0]["name"] = evil.into();
    v["sources"][0]["title"] = evil.into();
    v["sources"][0]["sections"][0]["heading"] = evil.into();
    let path = dir.path().join("hostile.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let p = path.to_str().unwrap();
    let bad =
        |c: char| (c.is_control() && c != '\n' && c != '\r') || c == '\u{202e}' || c == '\u{200d}';
    for format in ["md", "csv", "json"] {
        let out = stratlens()
            .args(["--data", p, "export", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.chars().any(bad), "{format}: {text:?}");
        if format == "csv" {
            // Line breaks in data must not break records: a header and two rows.
            assert_eq!(text.split_terminator("\r\n").count(), 3, "{text}");
        }
        if format == "json" {
            let v: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                v["claims"][0]["statement"], evil,
                "JSON keeps the data, escaped"
            );
        }
    }
}
