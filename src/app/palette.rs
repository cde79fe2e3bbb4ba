//! The command palette's logic (`:`): the commands it offers and how a
//! query ranks them. Pure: built from the store, the keymap in force, the
//! saved views and the theme; [`super::tools`] opens it and runs the
//! choice, [`crate::ui::palette`] draws it.
//!
//! It offers every action of the keymap (with the keys the config gives
//! it), `open KIND:ID` for each country, region, actor, theme and source
//! (and for claims once `claim:` is typed: a dataset may hold a million),
//! `view NAME` for each saved view, and `theme NAME`.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::action::{Action, Edit, Tool};
use super::keymap::{Binding, KeyContext, keys_label};
use super::keynames::{action_name, bindings};
use super::line_edit::LineEdit;
use crate::config::ThemeName;
use crate::model::{Kind, Store};
use crate::views::View;

/// Most commands listed for a query.
pub const MAX_SHOWN: usize = 200;
/// Most claims offered for a `claim:` prefix.
const MAX_CLAIMS: usize = 50;

/// One command the palette offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What one types for it: `stats`, `open country:RS`, `view balkans`.
    pub word: String,
    /// What it does or names: an action's description, an entity's name.
    pub detail: String,
    /// The keys bound to it, as the help shows them; empty when none.
    pub keys: String,
    pub action: Action,
}

/// The palette while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    pub input: LineEdit,
    /// Every command but the claims, in the order shown for no query.
    items: Vec<Item>,
    /// The commands the query matches, best first.
    pub shown: Vec<Item>,
    /// Cursor in `shown`.
    pub sel: usize,
}

/// The contexts whose actions the palette offers: what the main screen
/// does, not the keys of a line or a dialog being typed in.
const OFFERED: [KeyContext; 6] = [
    KeyContext::Global,
    KeyContext::Facets,
    KeyContext::Claims,
    KeyContext::Detail,
    KeyContext::Stats,
    KeyContext::Timeline,
];

/// The word an action goes by in the palette: short for the commands one
/// is likely to type, else its config name with spaces.
fn word_for(action: &Action) -> String {
    use super::action::Brief;
    match action {
        Action::Brief(Brief::ToggleStats) => "stats".into(),
        Action::Brief(Brief::ToggleTimeline) => "timeline".into(),
        Action::Brief(Brief::ExportOpen) => "export".into(),
        Action::Brief(Brief::CycleLens) => "lens".into(),
        Action::ToggleHelp => "help".into(),
        Action::Tool(Tool::SaveView) => "save view".into(),
        Action::Tool(Tool::Note) => "note".into(),
        other => action_name(other).replace('_', " "),
    }
}

/// The palette's commands for the actions of `table` (the keymap in
/// force: a config's remaps show here too).
pub fn action_items(table: &[Binding]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for b in table.iter().filter(|b| OFFERED.contains(&b.ctx)) {
        if b.action == Action::Tool(Tool::Palette) {
            continue;
        }
        let word = word_for(&b.action);
        if out.iter().any(|i| i.word == word) {
            continue;
        }
        let detail = match b.ctx {
            KeyContext::Global => b.desc.to_string(),
            ctx => format!("{} ({})", b.desc, ctx.label()),
        };
        out.push(Item {
            word,
            detail,
            keys: keys_label(b),
            action: b.action.clone(),
        });
    }
    // Quit last: `:` then Enter on no query must not end the session.
    if let Some(i) = out.iter().position(|i| i.action == Action::Quit) {
        let quit = out.remove(i);
        out.push(quit);
    }
    out
}

/// `open KIND:ID` for an entity, its name beside it.
fn open_item(store: &Store, kind: Kind, i: usize) -> Item {
    let id = store.id_at(kind, i);
    let detail = match kind {
        Kind::Claim => store.claim_at(i).statement().to_string(),
        Kind::Source => store.sources()[i].title.clone(),
        _ => store.name_of(kind, id),
    };
    Item {
        word: format!("open {}:{id}", kind.as_str()),
        detail,
        keys: String::new(),
        action: Action::Go(super::action::Go::Open(crate::target::Target {
            kind,
            index: i,
        })),
    }
}

fn entity_items(store: &Store) -> Vec<Item> {
    let kinds = [
        Kind::Country,
        Kind::Region,
        Kind::Actor,
        Kind::Theme,
        Kind::Source,
    ];
    kinds
        .into_iter()
        .flat_map(|k| (0..crate::target::count(store, k)).map(move |i| (k, i)))
        .map(|(k, i)| open_item(store, k, i))
        .collect()
}

impl Palette {
    /// The palette over `store`, the keymap in force, the saved views the
    /// dataset can restore, and the themes (`current` marked).
    pub fn new(store: &Store, views: &[&View], current: ThemeName) -> Palette {
        let mut items = action_items(bindings());
        items.extend(views.iter().map(|v| Item {
            word: format!("view {}", v.name),
            detail: format!("saved view: {}", v.describe()),
            keys: String::new(),
            action: Action::Tool(Tool::View(v.name.clone())),
        }));
        items.extend(ThemeName::ALL.into_iter().map(|t| Item {
            word: format!("theme {}", t.name()),
            detail: if t == current {
                "colour theme (the current one)".into()
            } else {
                "colour theme, for this run (config.toml keeps one)".into()
            },
            keys: String::new(),
            action: Action::Tool(Tool::Theme(t)),
        }));
        items.extend(entity_items(store));
        let mut p = Palette {
            input: LineEdit::default(),
            shown: Vec::new(),
            items,
            sel: 0,
        };
        p.rank(store);
        p
    }

    /// Applies an editing key to the query and ranks again.
    pub fn edit(&mut self, store: &Store, edit: Edit) {
        if self.input.apply(edit) {
            self.rank(store);
        }
    }

    /// Moves the cursor by `step`, wrapping around.
    pub fn step(&mut self, step: isize) {
        let n = self.shown.len() as isize;
        if n > 0 {
            self.sel = (self.sel as isize + step).rem_euclid(n) as usize;
        }
    }

    pub fn chosen(&self) -> Option<&Item> {
        self.shown.get(self.sel)
    }

    /// The commands the query matches, best first: the word typed exactly,
    /// then words that start with it, then fuzzy matches over word and
    /// detail; ties keep the palette's order.
    fn rank(&mut self, store: &Store) {
        self.sel = 0;
        let query = self.input.text().trim().to_lowercase();
        if query.is_empty() {
            self.shown = self.items.iter().take(MAX_SHOWN).cloned().collect();
            return;
        }
        let matcher = SkimMatcherV2::default();
        let mut extra = claim_items(store, &query);
        extra.extend(typed_target(store, &query));
        let mut scored: Vec<(i64, usize, &Item)> = self
            .items
            .iter()
            .chain(&extra)
            .enumerate()
            .filter_map(|(i, item)| Some((score(&matcher, item, &query)?, i, item)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut shown: Vec<Item> = Vec::new();
        for (_, _, item) in scored {
            if !shown.iter().any(|s| s.word == item.word) {
                shown.push(item.clone());
            }
            if shown.len() == MAX_SHOWN {
                break;
            }
        }
        self.shown = shown;
    }
}

fn score(matcher: &SkimMatcherV2, item: &Item, query: &str) -> Option<i64> {
    let word = item.word.to_lowercase();
    if word == query {
        return Some(i64::MAX);
    }
    // `stats` before `toggle stats`; `open rs` finds `open country:RS`.
    if word.starts_with(query) {
        return Some(i64::MAX / 2 - word.len() as i64);
    }
    let text = format!("{}  {}", item.word, item.detail);
    matcher.fuzzy_match(&text, query)
}

/// `open claim:ID` for the claims whose id starts with what follows
/// `claim:` in the query.
fn claim_items(store: &Store, query: &str) -> Vec<Item> {
    let Some((_, prefix)) = query.split_once("claim:") else {
        return Vec::new();
    };
    let prefix = prefix.trim();
    (0..store.claims().len())
        .filter(|&i| {
            let id = store.claim_at(i).id();
            id.len() >= prefix.len()
                && id.is_char_boundary(prefix.len())
                && id[..prefix.len()].eq_ignore_ascii_case(prefix)
        })
        .take(MAX_CLAIMS)
        .map(|i| open_item(store, Kind::Claim, i))
        .collect()
}

/// `open country:serbia` (any name or alias the deep links take) as the
/// entity it names.
fn typed_target(store: &Store, query: &str) -> Option<Item> {
    let text = query.strip_prefix("open ").unwrap_or(query).trim();
    let t = crate::target::parse(store, text).ok()?;
    let mut item = open_item(store, t.kind, t.index);
    // It answers to what was typed, so it ranks first.
    item.word = format!("open {text}");
    Some(item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    fn typed(p: &mut Palette, store: &Store, text: &str) {
        for c in text.chars() {
            p.edit(store, Edit::Input(c));
        }
    }

    #[test]
    fn a_command_word_typed_ranks_first() {
        let store = load_embedded().unwrap();
        let mut p = Palette::new(&store, &[], ThemeName::Dark);
        assert!(p.shown.len() > 40, "every action and entity offered");
        typed(&mut p, &store, "stats");
        let first = p.chosen().unwrap();
        assert_eq!(
            first.action,
            Action::Brief(super::super::action::Brief::ToggleStats)
        );
        assert_eq!(first.keys, "s");
        p.edit(&store, Edit::Clear);
        typed(&mut p, &store, "zzqxj");
        assert!(p.shown.is_empty() && p.chosen().is_none());
    }

    #[test]
    fn keys_shown_follow_the_config_remaps() {
        use crate::app::keynames::{parse_key, remapped};
        let table = remapped(&[(
            KeyContext::Global,
            "toggle_stats",
            vec![parse_key("S").unwrap(), parse_key("ctrl-t").unwrap()],
        )]);
        let items = action_items(&table);
        let stats = items.iter().find(|i| i.word == "stats").unwrap();
        assert_eq!(stats.keys, "S/Ctrl-T");
        assert_eq!(items.last().unwrap().word, "quit", "quit comes last");
    }

    #[test]
    fn entities_claims_views_and_themes_are_offered() {
        let store = load_embedded().unwrap();
        let view = View {
            name: "balkans".into(),
            tab: "countries".into(),
            ..View::default()
        };
        let mut p = Palette::new(&store, &[&view], ThemeName::Light);
        typed(&mut p, &store, "open country:serbia");
        let rs = store.index_of(Kind::Country, "RS").unwrap();
        assert_eq!(
            p.chosen().unwrap().action,
            Action::Go(super::super::action::Go::Open(crate::target::Target {
                kind: Kind::Country,
                index: rs
            }))
        );
        p.edit(&store, Edit::Clear);
        typed(&mut p, &store, "open claim:c1");
        assert!(p.shown.iter().all(|i| i.word.starts_with("open claim:c1")));
        assert!(p.shown.len() > 1, "{:?}", p.shown.len());
        p.edit(&store, Edit::Clear);
        typed(&mut p, &store, "view bal");
        assert_eq!(
            p.chosen().unwrap().action,
            Action::Tool(Tool::View("balkans".into()))
        );
        p.edit(&store, Edit::Clear);
        typed(&mut p, &store, "theme");
        let themes: Vec<&str> = p.shown.iter().take(3).map(|i| i.word.as_str()).collect();
        assert_eq!(themes, ["theme dark", "theme light", "theme high-contrast"]);
        p.step(-1);
        assert_eq!(p.sel, p.shown.len() - 1, "Up from the first wraps");
    }
}
