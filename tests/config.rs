//! The config file: key remaps in a real terminal, every refused config
//! with its line and column, `config default` / `config check`, `keys --json`.

mod common;

use std::path::Path;

use common::pty::Session;
use common::stratlens;

fn config_dir(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("stratlens")).expect("mkdir");
    std::fs::write(dir.path().join("stratlens").join("config.toml"), text).expect("write");
    dir
}

fn with_config(dir: &Path) -> assert_cmd::Command {
    let mut cmd = stratlens();
    cmd.env("XDG_CONFIG_HOME", dir);
    cmd
}

#[test]
fn a_remapped_quit_quits_on_its_new_key_only() {
    let dir = config_dir("[keys]\nquit = [\"Q\"]\n");
    let env = [("XDG_CONFIG_HOME", dir.path().as_os_str())];
    let mut t = Session::start_with(120, 40, None, &env);
    t.wait_for("the hint for the new key", |s| s.contains("Q quit"));
    // q no longer quits: the help opens after it, and lists Q.
    t.send("q?");
    t.wait_for("the help listing Q for quit", |s| {
        s.contains("Keys — ") && s.lines().any(|l| l.contains(" Q ") && l.contains(" quit"))
    });
    t.send("\x1b");
    t.wait_for("the help closed", |s| !s.contains("Keys — "));
    t.send("Q");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}

/// Each refused config: its text and the `config.toml:LINE:COL: what`
/// that must be reported.
const BAD: &[(&str, &str)] = &[
    (
        "# theme\ntheme = \"pink\"\n",
        "config.toml:2:9: unknown theme \"pink\"",
    ),
    (
        "mouse = 3\n",
        "config.toml:1:9: mouse: expected true or false, found integer",
    ),
    (
        "clipboard = \"yes\"\n",
        "config.toml:1:13: clipboard: expected true or false, found string",
    ),
    (
        "[keys]\nfrobnicate = [\"x\"]\n",
        "config.toml:2:1: unknown action \"frobnicate\" in [keys]",
    ),
    (
        "[keys]\nquit = [\"Q\", \"hyper-q\"]\n",
        "config.toml:2:14: unknown key name \"hyper-q\"",
    ),
    (
        "[keys]\nquit = [\"j\"]\n",
        "config.toml:2:9: key \"j\" is bound twice in [keys]: quit and move_down",
    ),
    (
        "[keys.detail]\nnext_match = [\"p\"]\n",
        "config.toml:2:15: key \"p\" is bound twice in [keys.detail]",
    ),
    (
        "[keys.nowhere]\nquit = [\"q\"]\n",
        "config.toml:1:7: unknown key context \"nowhere\"",
    ),
    (
        "[keys]\nquit = 1\n",
        "config.toml:2:8: quit: expected a list of keys, found integer",
    ),
    (
        "colour = true\n",
        "config.toml:1:1: unknown setting \"colour\"",
    ),
    ("theme = \n", "config.toml:1:"),
];

#[test]
fn every_bad_config_is_refused_with_its_line_and_column() {
    for (text, want) in BAD {
        let dir = config_dir(text);
        let out = with_config(dir.path())
            .args(["config", "check"])
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text:?}: {err}");
        assert!(err.contains(want), "{text:?}: want {want:?}, got {err}");
        // The explorer refuses it too, before anything else.
        let out = with_config(dir.path()).output().expect("run");
        let err2 = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text:?}: {err2}");
        assert!(err2.contains(want), "explorer, {text:?}: {err2}");
    }
}

#[test]
fn a_good_config_checks_and_remaps_keys() {
    let dir = config_dir(
        "theme = \"light\"\nmouse = false\nclipboard = true\n[keys]\nquit = [\"Q\"]\n\
         search = [\"/\", \"ctrl-f\"]\n[keys.detail]\nnext_match = [\"f3\", \"n\"]\n",
    );
    with_config(dir.path())
        .args(["config", "check"])
        .assert()
        .success();
    let out = with_config(dir.path())
        .args(["keys", "--json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let find = |action: &str, ctx: &str| -> Vec<Vec<String>> {
        v.as_array()
            .expect("array")
            .iter()
            .filter(|b| b["action"] == action && b["context"] == ctx)
            .map(|b| serde_json::from_value(b["keys"].clone()).expect("keys"))
            .collect()
    };
    assert_eq!(find("quit", "global"), vec![vec!["ctrl-c"], vec!["Q"]]);
    assert_eq!(find("search", "global"), vec![vec!["/", "ctrl-f"]]);
    assert_eq!(find("next_match", "detail"), vec![vec!["f3", "n"]]);
    let md = with_config(dir.path()).arg("keys").output().expect("run");
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("| `//Ctrl-F` | search claims |"), "{md}");
}

#[test]
fn keys_json_names_every_binding() {
    let out = stratlens().args(["keys", "--json"]).output().expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let all = v.as_array().expect("array");
    assert_eq!(all.len(), stratlens::app::keymap::BINDINGS.len());
    for b in all {
        let name = b["action"].as_str().expect("name");
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{name}"
        );
        assert!(b["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(b["context"].is_string());
    }
}

#[test]
fn the_default_config_is_commented_and_checks() {
    let out = stratlens()
        .args(["config", "default"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("# theme = \"dark\""));
    assert!(text.contains("# quit = [\"q\"]"));
    let dir = config_dir(&text);
    with_config(dir.path())
        .args(["config", "check"])
        .assert()
        .success();
}

#[test]
fn a_missing_config_is_the_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = with_config(dir.path())
        .args(["config", "check"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("the defaults apply"));
}

#[test]
fn theme_flag_takes_the_three_names() {
    for name in ["dark", "light", "high-contrast"] {
        // The explorer needs a terminal: the flag is parsed, then refused
        // for want of one (exit 2), never as a bad value.
        let out = stratlens().args(["--theme", name]).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("needs a terminal"), "{name}: {err}");
    }
    let out = stratlens().args(["--theme", "pink"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_three_themes_differ_and_no_color_wins() {
    use stratlens::config::ThemeName;
    use stratlens::ui::theme::Theme;
    let dark = Theme::named(true, ThemeName::Dark);
    let light = Theme::named(true, ThemeName::Light);
    let high = Theme::named(true, ThemeName::HighContrast);
    assert_ne!(dark.message(), light.message());
    assert_ne!(dark.message(), high.message());
    assert_ne!(light.link(), high.link());
    for name in ThemeName::ALL {
        let plain = Theme::named(false, name);
        assert_eq!(plain.message().fg, None, "{name:?}");
        assert_eq!(plain.label().fg, None, "{name:?}");
    }
}

fn mouse_turned_on(t: &mut Session) -> bool {
    t.wait_for("the start screen", |s| s.contains("quit"));
    t.send("q");
    assert_eq!(t.exit_code(), 0);
    // EnableMouseCapture turns on normal tracking (?1000h).
    t.raw.windows(8).any(|w| w == b"\x1b[?1000h")
}

#[test]
fn mouse_false_leaves_the_mouse_to_the_terminal() {
    let mut t = Session::start(100, 30, None);
    assert!(mouse_turned_on(&mut t), "the default turns the mouse on");
    let dir = config_dir("mouse = false\n");
    let env = [("XDG_CONFIG_HOME", dir.path().as_os_str())];
    let mut t = Session::start_with(100, 30, None, &env);
    assert!(!mouse_turned_on(&mut t), "mouse = false");
}
