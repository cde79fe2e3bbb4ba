//! The config file: `$XDG_CONFIG_HOME/stratlens/config.toml` (default
//! `~/.config/stratlens/config.toml`): theme, mouse, clipboard and key
//! remaps. Every problem is refused with the file's line and column.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::keymap::{Binding, Key, KeyContext};
use crate::app::keynames;

/// The explorer's colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    pub fn named(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// What the config file says; `Config::default()` when there is none.
pub struct Config {
    pub theme: ThemeName,
    pub mouse: bool,
    pub clipboard: bool,
    /// The keymap with the file's remaps; `None` when it remaps nothing.
    pub bindings: Option<Vec<Binding>>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: ThemeName::Dark,
            mouse: true,
            clipboard: true,
            bindings: None,
        }
    }
}

/// A refused config file: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.col,
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// Where the config file is looked for.
pub fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("stratlens").join("config.toml"))
}

/// Reads the config file at `path`; a missing file is the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(ConfigError {
            path: path.to_path_buf(),
            line: 1,
            col: 1,
            message: format!("cannot read: {e}"),
        }),
    }
}

/// Reads the config file (when there is one) and puts its keymap in
/// force; a bad file is a usage error (exit 2) with its line and column.
pub fn load_and_install() -> Result<Config, crate::cli::CliError> {
    let Some(path) = path() else {
        return Ok(Config::default());
    };
    let mut config = load(&path).map_err(|e| crate::cli::CliError::Usage(e.to_string()))?;
    if let Some(table) = config.bindings.take() {
        keynames::install(table);
    }
    Ok(config)
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut end = offset;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

struct Ctx<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Ctx<'_> {
    fn err(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> ConfigError {
        let (line, col) = line_col(self.text, span.start);
        ConfigError {
            path: self.path.to_path_buf(),
            line,
            col,
            message: message.into(),
        }
    }
}

fn type_of(v: &DeValue<'_>) -> &'static str {
    v.type_str()
}

/// Parses the config text; `path` is only for the messages.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let cx = Ctx { text, path };
    let doc = DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let msg = e.message().trim().to_string();
        cx.err(span, msg)
    })?;
    let mut config = Config::default();
    let mut remaps: Remaps = Vec::new();
    let mut origins: Origins = Vec::new();
    for (key, value) in doc.get_ref().iter() {
        let name: &str = key.get_ref();
        match name {
            "theme" => config.theme = theme_of(&cx, value)?,
            "mouse" | "clipboard" => {
                let b = value.get_ref().as_bool().ok_or_else(|| {
                    cx.err(
                        value.span(),
                        format!(
                            "{name}: expected true or false, found {}",
                            type_of(value.get_ref())
                        ),
                    )
                })?;
                if name == "mouse" {
                    config.mouse = b;
                } else {
                    config.clipboard = b;
                }
            }
            "keys" => keys_table(&cx, value, &mut remaps, &mut origins)?,
            other => {
                return Err(cx.err(
                    key.span(),
                    format!("unknown setting \"{other}\" (theme, mouse, clipboard, [keys])"),
                ));
            }
        }
    }
    if !remaps.is_empty() {
        config.bindings = Some(remapped_table(&cx, &remaps, &origins)?);
    }
    Ok(config)
}

/// The remaps read so far: context, action name, keys.
type Remaps = Vec<(KeyContext, String, Vec<Key>)>;
/// Where each remapped key was given: context, key, action name, span.
type Origins = Vec<(KeyContext, Key, String, std::ops::Range<usize>)>;

/// `theme = "NAME"`.
fn theme_of(cx: &Ctx<'_>, value: &Spanned<DeValue<'_>>) -> Result<ThemeName, ConfigError> {
    let s = value.get_ref().as_str().ok_or_else(|| {
        cx.err(
            value.span(),
            format!(
                "theme: expected a string, found {}",
                type_of(value.get_ref())
            ),
        )
    })?;
    ThemeName::named(s).ok_or_else(|| {
        cx.err(
            value.span(),
            format!("unknown theme \"{s}\" (dark, light or high-contrast)"),
        )
    })
}

/// `[keys]`: global remaps, and a sub-table per key context.
fn keys_table(
    cx: &Ctx<'_>,
    value: &Spanned<DeValue<'_>>,
    remaps: &mut Remaps,
    origins: &mut Origins,
) -> Result<(), ConfigError> {
    let DeValue::Table(table) = value.get_ref() else {
        return Err(cx.err(value.span(), "keys: expected a table ([keys])"));
    };
    for (k, v) in table.iter() {
        if let DeValue::Table(sub) = v.get_ref() {
            let ctx = keynames::context_named(k.get_ref())
                .filter(|c| *c != KeyContext::Global)
                .ok_or_else(|| {
                    cx.err(
                        k.span(),
                        format!(
                            "unknown key context \"{}\" ({})",
                            k.get_ref(),
                            context_names()
                        ),
                    )
                })?;
            for (ak, av) in sub.iter() {
                remap(cx, ctx, ak, av, remaps, origins)?;
            }
        } else {
            remap(cx, KeyContext::Global, k, v, remaps, origins)?;
        }
    }
    Ok(())
}

/// The keymap with the remaps applied; a key bound twice in one context is
/// refused at the config's place.
fn remapped_table(
    cx: &Ctx<'_>,
    remaps: &Remaps,
    origins: &Origins,
) -> Result<Vec<Binding>, ConfigError> {
    let list: Vec<(KeyContext, &str, Vec<Key>)> = remaps
        .iter()
        .map(|(c, n, k)| (*c, n.as_str(), k.clone()))
        .collect();
    let table = keynames::remapped(&list);
    for ctx in KeyContext::ALL {
        let mut seen: Vec<(Key, &'static str)> = Vec::new();
        for b in table.iter().filter(|b| b.ctx == ctx) {
            let name = keynames::action_name(&b.action);
            for key in b.keys {
                if let Some((_, other)) = seen.iter().find(|(k, n)| k == key && *n != name) {
                    let at = origins
                        .iter()
                        .find(|(c, k, n, _)| *c == ctx && k == key && (n == name || n == other))
                        .map(|o| o.3.clone())
                        .unwrap_or(0..0);
                    return Err(cx.err(
                        at,
                        format!(
                            "key \"{}\" is bound twice in [{}]: {other} and {name}",
                            keynames::key_spec(key),
                            section(ctx)
                        ),
                    ));
                }
                seen.push((*key, name));
            }
        }
    }
    Ok(table)
}

/// The contexts a `[keys.NAME]` table may name, for error messages.
fn context_names() -> String {
    KeyContext::ALL
        .iter()
        .filter(|c| **c != KeyContext::Global)
        .map(|c| keynames::context_name(*c))
        .collect::<Vec<_>>()
        .join(", ")
}

fn section(ctx: KeyContext) -> String {
    match ctx {
        KeyContext::Global => "keys".into(),
        c => format!("keys.{}", keynames::context_name(c)),
    }
}

fn remap(
    cx: &Ctx<'_>,
    ctx: KeyContext,
    name: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    remaps: &mut Remaps,
    origins: &mut Origins,
) -> Result<(), ConfigError> {
    let action: &str = name.get_ref();
    if !keynames::known(ctx, action) {
        return Err(cx.err(
            name.span(),
            format!(
                "unknown action \"{action}\" in [{}] (one of: {})",
                section(ctx),
                keynames::names_in(ctx).join(", ")
            ),
        ));
    }
    let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::Array(a) => a.iter().collect(),
        DeValue::String(_) => vec![value],
        other => {
            return Err(cx.err(
                value.span(),
                format!(
                    "{action}: expected a list of keys, found {}",
                    type_of(other)
                ),
            ));
        }
    };
    let mut keys = Vec::new();
    for item in items {
        let Some(s) = item.get_ref().as_str() else {
            return Err(cx.err(
                item.span(),
                format!(
                    "{action}: expected a key name, found {}",
                    type_of(item.get_ref())
                ),
            ));
        };
        let key = keynames::parse_key(s).map_err(|e| cx.err(item.span(), e))?;
        if keys.contains(&key) {
            return Err(cx.err(
                item.span(),
                format!("key \"{s}\" is listed twice for {action}"),
            ));
        }
        origins.push((ctx, key, action.to_string(), item.span()));
        keys.push(key);
    }
    remaps.push((ctx, action.to_string(), keys));
    Ok(())
}

/// The commented default config: what `stratlens config default` prints.
pub fn default_text() -> String {
    let mut out = String::from(
        "# stratlens configuration: $XDG_CONFIG_HOME/stratlens/config.toml\n\
         # (default ~/.config/stratlens/config.toml). `stratlens config check` validates it.\n\n\
         # Colours: dark (default), light or high-contrast. --theme overrides; NO_COLOR wins.\n\
         # theme = \"dark\"\n\n\
         # Mouse clicks and the wheel (--no-mouse turns them off).\n\
         # mouse = true\n\n\
         # Copies to the terminal clipboard (OSC 52; --no-clipboard turns them off).\n\
         # clipboard = true\n\n\
         # Keys: action = [keys]. A remapped action loses its default keys.\n\
         # Key names: a character (Q, /), enter, esc, tab, shift-tab, backspace, up, down,\n\
         # left, right, home, end, pageup, pagedown, space, f1-f12; ctrl- and alt- in front.\n\
         # Ctrl-C always quits. The action names are those of `stratlens keys --json`.\n",
    );
    for ctx in KeyContext::ALL {
        out.push_str(&format!("\n# [{}]\n", section(ctx)));
        let mut done: Vec<&str> = Vec::new();
        for b in crate::app::keymap::BINDINGS
            .iter()
            .filter(|b| b.ctx == ctx && !keynames::is_fixed(b))
        {
            let name = keynames::action_name(&b.action);
            if done.contains(&name) {
                continue;
            }
            done.push(name);
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("\"{}\"", keynames::key_spec(k).replace('\\', "\\\\")))
                .collect();
            out.push_str(&format!(
                "# {name} = [{}]    # {}\n",
                keys.join(", "),
                b.desc
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<Config, String> {
        parse(text, Path::new("config.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn the_default_text_parses_to_the_defaults() {
        let c = check(&default_text()).unwrap();
        assert_eq!(c.theme, ThemeName::Dark);
        assert!(c.bindings.is_none());
    }

    #[test]
    fn the_default_text_uncommented_keeps_the_keymap() {
        let text: String = default_text()
            .lines()
            .filter_map(|l| {
                let l = l.strip_prefix("# ")?;
                let ident = l.split(" = [").next().unwrap_or("");
                let binding =
                    l.contains(" = [") && ident.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                (l.starts_with('[') || binding)
                    .then(|| l.split("    #").next().unwrap_or("").to_string() + "\n")
            })
            .collect();
        let c = check(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let table = c.bindings.unwrap();
        let keys: Vec<_> = crate::app::keymap::BINDINGS
            .iter()
            .map(|b| b.keys)
            .collect();
        let got: Vec<_> = table.iter().map(|b| b.keys).collect();
        assert_eq!(keys, got);
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("a\nbc\n", 3), (2, 2));
        assert_eq!(line_col("", 0), (1, 1));
    }
}
