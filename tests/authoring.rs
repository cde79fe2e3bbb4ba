//! Building a dataset from the command line: `new-source`, `import` (CSV,
//! JSON Lines, W3C annotations) and `export --format w3c`, as a person
//! runs them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TEXT: &str = "A Strategy for the Western Balkans

Our Approach
The United States supports the dialogue between Kosovo and Serbia. Washington believes the dialogue “may yet deliver” a lasting agreement.
The dialogue between Kosovo and Serbia must continue.

Security
NATO’s presence in the region is expected to continue, and the
Kosovo–Serbia agreement could hold.
";

const ENTITIES: &str = r#"{
  "schema_version": 2,
  "countries": [
    {"id": "XK", "name": "Kosovo", "iso3": "XKX", "aliases": ["Republic of Kosovo"],
     "nato": {"status": "non_member", "since": null, "basis": "article", "reference": null},
     "eu": {"status": "potential_candidate", "since": null, "basis": "article", "reference": null}},
    {"id": "RS", "name": "Serbia", "iso3": "SRB", "aliases": [],
     "nato": {"status": "neutral", "since": null, "basis": "article", "reference": null},
     "eu": {"status": "candidate", "since": null, "basis": "article", "reference": null}}
  ],
  "regions": [
    {"id": "western-balkans", "name": "Western Balkans", "aliases": ["the Balkans", "the region"],
     "members": ["XK", "RS"]}
  ],
  "actors": [
    {"id": "wb-strategy", "name": "The Western Balkans strategy", "kind": "document", "aliases": [], "country": null},
    {"id": "us-government", "name": "U.S. government", "kind": "government", "aliases": ["Washington"], "country": null},
    {"id": "us-congress", "name": "U.S. Congress", "kind": "institution", "aliases": ["Washington"], "country": null}
  ],
  "themes": [
    {"id": "dialogue", "name": "Kosovo–Serbia dialogue", "description": "The EU-facilitated dialogue."},
    {"id": "nato", "name": "NATO presence", "description": "Allied forces in the region."}
  ]
}
"#;

fn stratlens(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("stratlens").unwrap();
    cmd.current_dir(dir);
    cmd
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = stratlens(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A directory with the text, the entities and the new source's dataset
/// (`source.json`, made by `new-source`).
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().to_path_buf();
    std::fs::write(p.join("strategy.txt"), TEXT).unwrap();
    std::fs::write(p.join("entities.json"), ENTITIES).unwrap();
    let (code, _, err) = run(
        &p,
        &[
            "new-source",
            "strategy.txt",
            "--id",
            "wb-strategy",
            "--title",
            "A Strategy for the Western Balkans",
            "--published",
            "2025-12-04",
            "-o",
            "source.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    (dir, p)
}

fn import(dir: &Path, input: &str, out: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "import",
        input,
        "--data",
        "entities.json",
        "--data",
        "source.json",
        "--source",
        "wb-strategy",
        "-o",
        out,
    ];
    args.extend_from_slice(extra);
    run(dir, &args)
}

fn claims(path: &Path) -> Vec<Value> {
    read_json(path)["claims"].as_array().unwrap().clone()
}

fn code_points(a: usize, b: usize) -> String {
    TEXT.chars().skip(a).take(b - a).collect()
}

#[test]
fn new_source_keeps_the_text_finds_sections_and_refuses_to_overwrite() {
    let (_dir, p) = workspace();
    let data = read_json(&p.join("source.json"));
    assert_eq!(data["schema_version"], 2);
    let s = &data["sources"][0];
    assert_eq!(s["text"], TEXT, "the text byte for byte");
    assert_eq!(s["kind"], "strategy_document");
    assert_eq!(s["published"], "2025-12-04");
    let sha = stratlens::model::validate::hex(&<sha2::Sha256 as sha2::Digest>::digest(TEXT));
    assert_eq!(s["text_sha256"], sha.as_str());
    let sections: Vec<(&str, u64, u64)> = s["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["id"].as_str().unwrap(),
                x["start"].as_u64().unwrap(),
                x["end"].as_u64().unwrap(),
            )
        })
        .collect();
    let n = TEXT.chars().count() as u64;
    assert_eq!(
        sections,
        vec![
            ("a-strategy-for-the-western-balkans", 0, 36),
            ("our-approach", 36, 243),
            ("security", 243, n)
        ]
    );
    assert_eq!(data["claims"], serde_json::json!([]));
    let (code, out, err) = run(&p, &["validate", "source.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ok: 1 source,"), "{out}");

    // Never overwritten without --force.
    let before = std::fs::read(p.join("source.json")).unwrap();
    let args = [
        "new-source",
        "strategy.txt",
        "--id",
        "other",
        "--title",
        "T",
        "--no-sections",
        "--published",
        "1994-07",
        "-o",
        "source.json",
    ];
    let (code, _, err) = run(&p, &args);
    assert_eq!(code, 2);
    assert!(
        err.contains("source.json exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(p.join("source.json")).unwrap(), before);
    let mut forced = args.to_vec();
    forced.push("--force");
    let (code, _, err) = run(&p, &forced);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("full-text"), "{err}");
    let s = &read_json(&p.join("source.json"))["sources"][0];
    assert_eq!(s["sections"].as_array().unwrap().len(), 1);
    assert_eq!(s["sections"][0]["end"], n);
    assert_eq!(s["published"], "1994-07");
}

#[test]
fn new_source_lists_sections_and_refuses_bad_text_files_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let new_source = |file: &str, id: &str, out: &str| {
        run(
            p,
            &["new-source", file, "--id", id, "--title", "T", "-o", out],
        )
    };
    std::fs::write(p.join("t.txt"), TEXT).unwrap();
    let (code, _, err) = new_source("t.txt", "s", "s.json");
    assert_eq!(code, 0, "{err}");
    for shown in ["our-approach", "36..243", "Our Approach"] {
        assert!(err.contains(shown), "{err}");
    }
    std::fs::write(p.join("bad.txt"), b"line one\nab\xffc\n").unwrap();
    std::fs::write(p.join("bom.txt"), b"\xef\xbb\xbftext").unwrap();
    for (file, id, message) in [
        ("bad.txt", "s", "bad.txt:2:3: invalid UTF-8"),
        (
            "bom.txt",
            "s",
            "bom.txt:1:1: file starts with a UTF-8 byte order mark",
        ),
        ("t.txt", "bad id", "does not validate"),
        ("missing.txt", "s", "missing.txt: cannot open"),
    ] {
        let (code, _, err) = new_source(file, id, "b.json");
        assert_eq!(code, 2, "{file}");
        assert!(err.contains(message), "{err}");
    }
    assert!(!p.join("b.json").exists());
    // With --data, the id must be new there, and those files are never written.
    std::fs::write(p.join("entities.json"), ENTITIES).unwrap();
    let taken = [
        "--data",
        "s.json",
        "new-source",
        "t.txt",
        "--id",
        "s",
        "--title",
        "T",
        "-o",
        "b.json",
    ];
    let (code, _, err) = run(p, &taken);
    assert_eq!(code, 2);
    assert!(err.contains("source id \"s\" is taken"), "{err}");
    let over = [
        "--data",
        "entities.json",
        "new-source",
        "t.txt",
        "--id",
        "t",
        "--title",
        "T",
        "-o",
        "entities.json",
        "--force",
    ];
    let (code, _, err) = run(p, &over);
    assert_eq!(code, 2);
    assert!(err.contains("entities.json is a dataset file"), "{err}");
    assert_eq!(
        std::fs::read_to_string(p.join("entities.json")).unwrap(),
        ENTITIES
    );
}

#[test]
fn import_csv_anchors_exact_and_normalised_quotes_with_defaults() {
    let (_dir, p) = workspace();
    let csv = "id,quote,statement,countries,regions,themes,cue\n\
        ,The United States supports the dialogue,The strategy says the United States supports the dialogue.,Kosovo;serbia,,dialogue,supports\n\
        ,\"NATO's presence in the region is expected to continue, and the Kosovo-Serbia agreement could hold\",\"The strategy expects NATO's presence to continue.\",,the region,NATO presence,\n";
    std::fs::write(p.join("claims.csv"), csv).unwrap();
    let (code, _, err) = import(&p, "claims.csv", "out.json", &[]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "line 2: wb-strategy-1 anchored at 49..88 in section our-approach"
    );
    assert!(
        lines[1].starts_with("line 3: wb-strategy-2 anchored at 252..349 after normalising quote marks, dashes and line breaks"),
        "{err}"
    );
    let cs = claims(&p.join("out.json"));
    assert_eq!(cs.len(), 2);
    let (a, b) = (&cs[0], &cs[1]);
    assert_eq!(a["countries"], serde_json::json!(["XK", "RS"]));
    assert_eq!(a["themes"], serde_json::json!(["dialogue"]));
    assert_eq!(a["attribution"]["layer"], "primary_verbatim");
    assert_eq!(a["attribution"]["speaker"], "wb-strategy");
    assert_eq!(a["attribution"]["cue"], "supports");
    assert_eq!(a["certainty"], "asserted");
    assert_eq!(a["quote"]["prefix"], "e Western Balkans\n\nOur Approach\n");
    // The text's own characters, never the input's.
    let exact = b["quote"]["exact"].as_str().unwrap();
    assert_eq!(exact, code_points(252, 349));
    assert!(exact.contains("NATO’s") && exact.contains("the\nKosovo–Serbia"));
    assert_eq!(b["regions"], serde_json::json!(["western-balkans"]));
    assert_eq!(b["themes"], serde_json::json!(["nato"]));
    assert_eq!(b["hedges"], serde_json::json!(["is expected to", "could"]));
    assert_eq!(b["certainty"], "speculative");
    assert_eq!(b["section"], "security");
    assert_eq!(b["quote"]["suffix"], ".\n");
    let (code, _, err) = run(&p, &["validate", "--strict", "entities.json", "out.json"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn import_csv_from_a_spreadsheet_with_a_byte_order_mark() {
    let (_dir, p) = workspace();
    let mut csv = b"\xef\xbb\xbf".to_vec();
    csv.extend_from_slice("Quote,Statement\r\nmust continue,It must.\r\n".as_bytes());
    std::fs::write(p.join("excel.csv"), csv).unwrap();
    let (code, _, err) = import(&p, "excel.csv", "out.json", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        claims(&p.join("out.json"))[0]["quote"]["exact"],
        "must continue"
    );
    std::fs::write(p.join("bad.csv"), b"quote,statement\nab\xff,c\n").unwrap();
    let (code, _, err) = import(&p, "bad.csv", "out2.json", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.csv:2:3: invalid UTF-8"), "{err}");
}

#[test]
fn import_jsonl_keeps_given_ids_and_fields_and_numbers_on() {
    let (_dir, p) = workspace();
    let jsonl = concat!(
        r#"{"id": "wb-strategy-7", "quote": "a lasting agreement", "statement": "S one.", "countries": ["Republic of Kosovo"], "layer": "author", "certainty": "hedged", "hedges": "may"}"#,
        "\n",
        r#"{"quote": "must continue", "statement": "S two.", "speaker": "U.S. Congress", "layer": "named_source", "prefix": "Serbia "}"#,
        "\n"
    );
    std::fs::write(p.join("claims.jsonl"), jsonl).unwrap();
    // "may" is in the sentence but not in this quote.
    let (code, _, err) = import(&p, "claims.jsonl", "out.json", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("line 1: error: hedge \"may\" does not occur in the quote"),
        "{err}"
    );
    assert!(err.contains("line 2: wb-strategy-8 anchored"), "{err}");
    assert!(!p.join("out.json").exists());
    let fixed = jsonl.replace(
        "\"a lasting agreement\"",
        "\"“may yet deliver” a lasting agreement\"",
    );
    std::fs::write(p.join("claims.jsonl"), fixed).unwrap();
    let (code, _, err) = import(&p, "claims.jsonl", "out.json", &[]);
    assert_eq!(code, 0, "{err}");
    let cs = claims(&p.join("out.json"));
    assert_eq!(cs[0]["id"], "wb-strategy-7");
    assert_eq!(cs[0]["countries"], serde_json::json!(["XK"]));
    assert_eq!(cs[0]["attribution"]["speaker"], Value::Null);
    assert_eq!(cs[1]["id"], "wb-strategy-8");
    assert_eq!(cs[1]["attribution"]["speaker"], "us-congress");
    assert_eq!(cs[1]["attribution"]["layer"], "named_source");
}

#[test]
fn import_w3c_hypothesis_export_with_tags() {
    let (_dir, p) = workspace();
    let export = r#"{"total": 1, "rows": [
  {"id": "h1", "text": "The strategy says NATO's presence will continue.", "tags": ["nato", "fishing"],
   "target": [{"source": "https://example.org/strategy", "selector": [
     {"type": "TextQuoteSelector", "exact": "NATO's presence in the region", "prefix": "Security\n", "suffix": " is expected"},
     {"type": "TextPositionSelector", "start": 252, "end": 281}]}]}
]}"#;
    std::fs::write(p.join("hypothesis.json"), export).unwrap();
    let (code, _, err) = import(&p, "hypothesis.json", "out.json", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("line 2: wb-strategy-1 anchored at 252..281 after normalising quote marks in section security; tag \"fishing\" names no theme"),
        "{err}"
    );
    let c = &claims(&p.join("out.json"))[0];
    assert_eq!(c["themes"], serde_json::json!(["nato"]));
    assert_eq!(c["quote"]["exact"], "NATO’s presence in the region");
}

#[test]
fn w3c_export_then_import_gives_back_the_same_quotes() {
    let (_dir, p) = workspace();
    let csv = "quote,statement,countries,themes\n\
        dialogue between Kosovo and Serbia must,One.,XK;RS,dialogue\n\
        Washington believes,Two.,,\n\
        \"Kosovo–Serbia agreement could hold\",Three.,XK,nato\n";
    std::fs::write(p.join("claims.csv"), csv).unwrap();
    let (code, _, err) = import(&p, "claims.csv", "full.json", &[]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
        &p,
        &[
            "export",
            "--data",
            "entities.json",
            "--data",
            "full.json",
            "--format",
            "w3c",
            "-o",
            "ann.jsonld",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let ann = read_json(&p.join("ann.jsonld"));
    let first = &ann[0];
    assert_eq!(first["type"], "Annotation");
    assert_eq!(first["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(first["id"], "urn:stratlens:claim:wb-strategy-1");
    assert_eq!(
        first["target"]["source"],
        "urn:stratlens:source:wb-strategy"
    );
    assert_eq!(first["target"]["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(
        first["target"]["selector"][1]["type"],
        "TextPositionSelector"
    );
    assert_eq!(first["body"][0]["type"], "TextualBody");
    assert_eq!(first["body"][0]["value"], "One.");
    // Back into the dataset without its claims.
    let (code, _, err) = import(&p, "ann.jsonld", "back.json", &[]);
    assert_eq!(code, 0, "{err}");
    let (before, after) = (claims(&p.join("full.json")), claims(&p.join("back.json")));
    assert_eq!(before.len(), 3);
    for (x, y) in before.iter().zip(&after) {
        for field in ["id", "quote", "statement", "countries", "themes", "section"] {
            assert_eq!(x[field], y[field], "{field} of {}", x["id"]);
        }
    }
}

#[test]
fn an_ambiguous_quote_names_its_lines_and_nothing_is_written() {
    let (_dir, p) = workspace();
    std::fs::write(
        p.join("c.csv"),
        "quote,statement\ndialogue between Kosovo and Serbia,S.\n",
    )
    .unwrap();
    let (code, _, err) = import(&p, "c.csv", "out.json", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("line 2: error: quote occurs 2 times in the source text, at line 4 (code point 80) and line 5 (code point 192)"),
        "{err}"
    );
    assert!(
        err.contains("1 of 1 row(s) failed; nothing written"),
        "{err}"
    );
    assert!(!p.join("out.json").exists());
    // A prefix decides.
    std::fs::write(
        p.join("c.csv"),
        "quote,statement,prefix\ndialogue between Kosovo and Serbia,S.,The \n",
    )
    .unwrap();
    let (code, _, err) = import(&p, "c.csv", "out.json", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("anchored at 192..226 (of 2 matches, the one the prefix/suffix fit)"),
        "{err}"
    );
}

#[test]
fn unknown_and_ambiguous_entities_are_errors_naming_candidates() {
    let (_dir, p) = workspace();
    std::fs::write(
        p.join("c.csv"),
        "quote,statement,countries,actors\n\
         must continue,S.,Kosova,\n\
         must continue,S.,,washington\n",
    )
    .unwrap();
    let (code, _, err) = import(&p, "c.csv", "out.json", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("line 2: error: unknown country \"Kosova\" (no id, name or alias matches); did you mean XK (Kosovo)?"),
        "{err}"
    );
    assert!(
        err.contains("line 3: error: \"washington\" could be more than one actor: us-government (U.S. government), us-congress (U.S. Congress); give the id"),
        "{err}"
    );
    assert!(!p.join("out.json").exists());
}

#[test]
fn a_failing_import_leaves_the_output_untouched() {
    let (_dir, p) = workspace();
    std::fs::write(p.join("out.json"), "precious").unwrap();
    std::fs::write(
        p.join("c.csv"),
        "quote,statement\nmust continue,Fine.\nnot in the text at all,Bad.\nNATO’s presence in the Balkans,Typo.\n",
    )
    .unwrap();
    let (code, _, err) = import(&p, "c.csv", "out.json", &["--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("line 2: wb-strategy-1 anchored"), "{err}");
    assert!(err.contains("line 3: error: quote not found"), "{err}");
    assert!(
        err.contains("line 4: error: quote not found in the source text, not even with quote marks, dashes and white space made plain; its first 23 of 30 characters are at line 8, where the text goes on \"region is expected to co…\" and the quote \"Balkans\""),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(p.join("out.json")).unwrap(),
        "precious"
    );
    // Without --force an existing OUT is refused, after the rows are checked.
    std::fs::write(p.join("c.csv"), "quote,statement\nmust continue,Fine.\n").unwrap();
    let (code, _, err) = import(&p, "c.csv", "out.json", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("out.json exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(p.join("out.json")).unwrap(),
        "precious"
    );
    // A dataset file read is never written, not even with --force.
    for data in ["source.json", "entities.json"] {
        let before = std::fs::read(p.join(data)).unwrap();
        let (code, _, err) = import(&p, "c.csv", data, &["--force"]);
        assert_eq!(code, 2);
        assert!(err.contains(&format!("{data} is a dataset file")), "{err}");
        assert_eq!(std::fs::read(p.join(data)).unwrap(), before);
    }
}

#[test]
fn a_quote_across_two_sections_is_refused() {
    let (_dir, p) = workspace();
    std::fs::write(
        p.join("c.jsonl"),
        r#"{"quote": "must continue.\n\nSecurity", "statement": "S."}"#,
    )
    .unwrap();
    let (code, _, err) = import(&p, "c.jsonl", "out.json", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("runs across sections our-approach and security"),
        "{err}"
    );
}

/// The README's walk-through, run as shown: its files, its commands, its
/// report lines.
#[test]
fn readme_walk_through_runs_as_shown() {
    let readme = include_str!("../README.md");
    let walk = &readme[readme.find("## Build your own dataset").unwrap()..];
    let block = |after: &str, fence: &str| -> String {
        let from = walk.find(after).unwrap() + after.len();
        let body = &walk[from..];
        let body = &body[body.find(fence).unwrap() + fence.len()..];
        body[..body.find("```").unwrap()].to_string()
    };
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("notes.txt"), block("`notes.txt`:", "```text\n")).unwrap();
    std::fs::write(p.join("claims.csv"), block("`claims.csv`", "```csv\n")).unwrap();
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/seed/nss2025-balkans.json"
    );
    let (code, _, err) = run(
        p,
        &[
            "new-source",
            "notes.txt",
            "--id",
            "notes-balkans",
            "--title",
            "Notes on the Balkans after the strategy",
            "--author",
            "A. Analyst",
            "--published",
            "2025-12",
            "--kind",
            "commentary",
            "-o",
            "notes.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    for line in err.lines() {
        assert!(walk.contains(line), "not in the README: {line}");
    }
    let (code, _, err) = run(
        p,
        &[
            "import",
            "claims.csv",
            "--data",
            seed,
            "--data",
            "notes.json",
            "--source",
            "notes-balkans",
            "-o",
            "notes-v2.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.lines().count(), 3, "{err}");
    for line in err.lines() {
        assert!(walk.contains(line), "not in the README: {line}");
    }
    let (code, out, err) = run(p, &["validate", seed, "notes-v2.json"]);
    assert_eq!(code, 0, "{err}");
    let shown = out.trim().replace(seed, "data/seed/nss2025-balkans.json");
    assert!(walk.contains(&shown), "not in the README: {shown}");
    let (code, out, err) = run(
        p,
        &[
            "export",
            "--data",
            seed,
            "--data",
            "notes-v2.json",
            "--ids",
            "notes-balkans-1,notes-balkans-2",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("code points 82–127; claim notes-balkans-1"),
        "{out}"
    );
    assert!(out.contains("- Certainty: hedged (hedges: may)"), "{out}");
}

/// The NSS archive's coded claims (OCR texts with wrapped lines and many
/// repeated phrases) go out as W3C annotations and come back with the same
/// quotes, offsets, sections and links; also from a copy whose quote marks,
/// dashes and line breaks were made plain and whose positions were dropped,
/// as a web page's annotations would be.
#[test]
fn nss_claims_round_trip_through_w3c_even_from_a_plain_copy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["us-nss-1996", "us-nss-2001"] {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let data = p.join("data");
        std::fs::create_dir(&data).unwrap();
        let mut original = Value::Null;
        let files = std::fs::read_dir(root.join("data/nss"))
            .unwrap()
            .chain(std::fs::read_dir(root.join("data/seed")).unwrap());
        for entry in files {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let mut json = read_json(&path);
            if path.file_stem().unwrap() == name {
                original = json.clone();
                json["claims"] = Value::Array(Vec::new());
            }
            let file = data.join(path.file_name().unwrap());
            std::fs::write(file, serde_json::to_string(&json).unwrap()).unwrap();
        }
        let before = original["claims"].as_array().unwrap();
        let ids: Vec<&str> = before.iter().map(|c| c["id"].as_str().unwrap()).collect();
        let ids = ids.join(",");
        let (code, _, err) = run(
            p,
            &[
                "export",
                "--data",
                &root.join("data/nss").display().to_string(),
                "--data",
                &root.join("data/seed").display().to_string(),
                "--format",
                "w3c",
                "--ids",
                &ids,
                "-o",
                "ann.jsonld",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let mut plain = read_json(&p.join("ann.jsonld"));
        for a in plain.as_array_mut().unwrap() {
            let quote = &mut a["target"]["selector"][0];
            for field in ["exact", "prefix", "suffix"] {
                let s = quote[field].as_str().unwrap();
                let s: String = s
                    .replace(['’', '‘'], "'")
                    .replace(['“', '”'], "\"")
                    .replace(['–', '—'], "-")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                quote[field] = Value::String(s);
            }
            a["target"]["selector"] = Value::Array(vec![quote.clone()]);
        }
        std::fs::write(p.join("plain.json"), plain.to_string()).unwrap();
        for (input, out) in [
            ("ann.jsonld", "back.json"),
            ("plain.json", "back-plain.json"),
        ] {
            let (code, _, err) = run(
                p,
                &[
                    "import", input, "--data", "data", "--source", name, "-o", out,
                ],
            );
            assert_eq!(code, 0, "{name} {input}: {err}");
            let after = claims(&p.join(out));
            assert_eq!(after.len(), before.len());
            for (x, y) in before.iter().zip(&after) {
                for field in [
                    "id",
                    "quote",
                    "statement",
                    "section",
                    "countries",
                    "regions",
                    "themes",
                ] {
                    assert_eq!(x[field], y[field], "{name} {input}: {field} of {}", x["id"]);
                }
            }
        }
    }
}

/// `--json` gives scripts one object on stdout: each row's line, id,
/// status and offsets; a W3C page note is skipped, not an error.
#[test]
fn json_reports_for_scripts() {
    let (_dir, p) = workspace();
    let annotations = r#"[
  {"type": "Annotation", "body": {"type": "TextualBody", "value": "A page note."},
   "target": "https://example.org/strategy"},
  {"type": "Annotation", "body": {"type": "TextualBody", "value": "It must go on."},
   "target": {"source": "https://example.org/strategy",
              "selector": {"type": "TextQuoteSelector", "exact": "must continue"}}}
]"#;
    std::fs::write(p.join("a.jsonld"), annotations).unwrap();
    let (code, out, err) = import(&p, "a.jsonld", "out.json", &["--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "", "the report is on stdout");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["added"], 1);
    assert_eq!(v["output"], "out.json");
    assert_eq!(v["rows"][0]["status"], "skipped");
    assert_eq!(v["rows"][0]["line"], 2);
    assert_eq!(v["rows"][1]["status"], "anchored");
    assert_eq!(v["rows"][1]["id"], "wb-strategy-1");
    assert_eq!(
        (v["rows"][1]["start"].clone(), v["rows"][1]["end"].clone()),
        (227.into(), 240.into())
    );
    // A failure: ok false, the rows say why, nothing written.
    std::fs::write(p.join("c.csv"), "quote,statement\nnowhere to be found,S.\n").unwrap();
    let (code, out, _) = import(&p, "c.csv", "out2.json", &["--json"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["output"], Value::Null);
    assert_eq!(v["rows"][0]["status"], "error");
    assert!(
        v["rows"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("quote not found")
    );
    assert!(!p.join("out2.json").exists());
    // new-source too.
    let (code, out, err) = run(
        &p,
        &[
            "--json",
            "new-source",
            "strategy.txt",
            "--id",
            "x",
            "--title",
            "T",
            "-o",
            "x.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["source"], "x");
    assert_eq!(v["sections"][1]["id"], "our-approach");
    assert_eq!(v["code_points"], TEXT.chars().count());
}
