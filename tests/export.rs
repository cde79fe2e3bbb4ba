//! Briefing export from the command line: golden files for each format,
//! atomic writes that never clobber, and nothing raw in the output.

use assert_cmd::Command;
use serde_json::Value;

const EPOCH: &str = "1764979200"; // 2025-12-06 00:00 UTC

mod common;

/// The binary at a fixed time, so that briefings are reproducible.
fn stratlens() -> Command {
    let mut cmd = common::stratlens();
    cmd.env("SOURCE_DATE_EPOCH", EPOCH);
    cmd
}

fn export(args: &[&str]) -> String {
    succeed(&[&["export"], args].concat())
}

/// Runs `stratlens ARGS`, which must succeed, and returns its stdout.
fn succeed(args: &[&str]) -> String {
    let out = stratlens().args(args).output().unwrap();
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
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote 1 claim as Markdown"));
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
    for format in ["md", "csv", "json", "w3c"] {
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
        if format == "w3c" {
            let v: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                v[0]["body"][0]["value"], evil,
                "W3C keeps the data, escaped"
            );
        }
    }
}

/// Runs `stratlens ARGS` under `umask MASK` (the shell sets it for the child).
fn under_umask(mask: &str, dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("stratlens");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap()
}

#[test]
fn exports_honour_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for (mask, mode, name) in [
        ("022", 0o644, "a.md"),
        ("027", 0o640, "b.md"),
        ("077", 0o600, "c.md"),
        ("002", 0o664, "d.md"),
    ] {
        let out = under_umask(mask, dir.path(), &["export", "--ids", "c1", "-o", name]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(got, mode, "umask {mask}: {got:o}");
    }
    // Replacing a file keeps the mode its owner gave it.
    let kept = dir.path().join("a.md");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = under_umask(
        "022",
        dir.path(),
        &["export", "--ids", "c2", "-o", "a.md", "--force"],
    );
    assert_eq!(out.status.code(), Some(0));
    let got = std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777;
    assert_eq!(got, 0o600, "{got:o}");
}

#[test]
fn an_existing_file_is_refused_naming_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    std::fs::write(&path, "keep").unwrap();
    let out = stratlens()
        .args(["export", "--ids", "c1", "-o", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep");
}

#[test]
fn a_file_name_without_extension_gets_the_formats() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name, file) in [
        ("md", "brief", "brief.md"),
        ("csv", "table", "table.csv"),
        ("json", "data", "data.json"),
    ] {
        let path = dir.path().join(name);
        let out = stratlens()
            .args([
                "export",
                "--ids",
                "c1",
                "--format",
                format,
                "-o",
                path.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(dir.path().join(file).is_file(), "{format}: {err}");
        assert!(!path.exists(), "{format}");
        assert!(err.contains(file), "{err}");
    }
    // A name with an extension is kept as it is.
    let path = dir.path().join("notes.txt");
    let out = stratlens()
        .args(["export", "--ids", "c1", "-o", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(path.is_file());
}

#[test]
fn a_claim_in_several_groups_is_given_once_and_listed_compactly() {
    let md = export(&[]);
    assert!(!md.contains("See claim"), "{md}");
    let sections: Vec<&str> = md.split("\n## ").skip(1).collect();
    let mut given = std::collections::HashSet::new();
    for section in &sections {
        let also: Vec<&str> = section
            .lines()
            .filter(|l| l.starts_with("Also here"))
            .collect();
        assert!(also.len() <= 1, "{section}");
        for line in section.lines().filter(|l| l.starts_with("### ")) {
            let id = line[4..].split(':').next().unwrap().to_string();
            assert!(given.insert(id.clone()), "{id} given in full twice");
        }
        if let Some(line) = also.first() {
            let list = line.split_once(": ").unwrap().1;
            for id in list.trim_end_matches(" (given in full above).").split(", ") {
                assert!(given.contains(id), "{id} listed before it is given: {line}");
            }
        }
    }
    // c22 names Bosnia and Herzegovina and Kosovo: in full under the first.
    let kosovo = sections
        .iter()
        .find(|s| s.starts_with("Kosovo (XK)"))
        .unwrap();
    let also = kosovo.lines().find(|l| l.starts_with("Also here")).unwrap();
    assert!(also.split(": ").nth(1).unwrap().contains("c22"), "{also}");
}

#[test]
fn csv_published_holds_a_date_or_nothing() {
    let text = export(&["--format", "csv", "--ids", "c1"]);
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let at = header.iter().position(|c| *c == "published").unwrap();
    assert_eq!(header[at + 1], "published_note");
    // The article has no date, only a note: the date column stays empty.
    let dir = tempfile::tempdir().unwrap();
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string("tests/data/good/minimal.json").unwrap())
            .unwrap();
    v["sources"][0]["published"] = Value::Null;
    v["sources"][0]["published_note"] = "undated, but after 2025-12-04".into();
    let path = dir.path().join("undated.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let out = stratlens()
        .args([
            "--data",
            path.to_str().unwrap(),
            "export",
            "--format",
            "csv",
            "--ids",
            "c1",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text.split("\r\n").nth(1).unwrap();
    assert!(
        row.contains(",,\"undated, but after 2025-12-04\","),
        "{row}"
    );
}

/// The quote `Y` copies and exports keep is the exact quote: the joiners
/// emoji and scripts need stay; one that joins nothing is still marked.
#[test]
fn joiners_in_a_quote_are_copied_and_exported_exactly() {
    use sha2::Digest;
    let family = "👨\u{200d}👩x"; // four code points, as "beta" is
    let persian = "می\u{200c}خواهم";
    let text = std::fs::read_to_string("tests/data/good/minimal.json")
        .unwrap()
        .replace("beta", family);
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let source = v["sources"][0]["text"].as_str().unwrap().to_string();
    let sha: String = sha2::Sha256::digest(source.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    v["sources"][0]["text_sha256"] = sha.into();
    v["claims"][0]["statement"] = format!("Alpha says {persian}; Ko\u{200d}sovo.").into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("joiners.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let p = path.to_str().unwrap();
    let run = |args: &[&str]| succeed(&[&["--data", p], args].concat());
    let quote = format!("Alpha says “{family}” today.");
    let md = run(&["export", "--ids", "c1"]);
    assert!(md.contains(&format!("> {quote}")), "{md}");
    assert!(
        md.contains(persian) && md.contains("Ko⟨U+200D⟩sovo"),
        "{md}"
    );
    let csv = run(&["export", "--ids", "c1", "--format", "csv"]);
    assert!(csv.contains(&quote) && csv.contains(persian), "{csv}");
    assert!(csv.contains("Ko⟨U+200D⟩sovo"), "{csv}");
    let json = run(&["export", "--ids", "c1", "--format", "json"]);
    assert!(json.contains(&quote) && json.contains(persian), "{json}");
    assert!(
        json.contains("Ko\\u200dsovo"),
        "JSON escapes the lone joiner: {json}"
    );
    let parsed: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["claims"][0]["quote"]["exact"], quote);
    let shown = run(&["show", "claim", "c1"]);
    assert!(
        shown.contains(&format!("quote        “{quote}”")),
        "{shown}"
    );
    let shown = run(&["show", "claim", "c1", "--json"]);
    assert!(shown.contains(&quote), "{shown}");
    // What `Y` and `y` copy.
    let store = stratlens::model::load(std::slice::from_ref(&path), &Default::default()).unwrap();
    let copied = stratlens::export::quote_with_short_citation(&store, 0);
    assert!(copied.starts_with(&format!("“{quote}”")), "{copied}");
    let block = stratlens::export::citation_block(&store, 0);
    assert!(block.contains(persian) && block.contains(&quote), "{block}");
}
