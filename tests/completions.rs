//! `stratlens completions SHELL` and `stratlens man`: non-empty, and
//! naming the subcommands.

mod common;

use common::stratlens;

const SUBCOMMANDS: &[&str] = &[
    "validate",
    "migrate",
    "list",
    "show",
    "search",
    "timeline",
    "export",
    "stats",
    "schema",
    "keys",
    "config",
    "completions",
    "man",
];

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = stratlens()
            .args(["completions", shell])
            .output()
            .expect("run");
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.len() > 1000, "{shell}: {} bytes", text.len());
        for sub in SUBCOMMANDS {
            assert!(text.contains(sub), "{shell} script lacks {sub}");
        }
        assert!(text.contains("theme"), "{shell}: the explorer flags");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = stratlens()
        .args(["completions", "tcsh"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands() {
    let out = stratlens().arg("man").output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(".TH stratlens 1"), "{text}");
    assert!(text.contains(".SH SUBCOMMANDS"), "{text}");
    for sub in SUBCOMMANDS {
        assert!(
            text.contains(&format!("stratlens\\-{sub}")),
            "man lacks {sub}"
        );
    }
}
