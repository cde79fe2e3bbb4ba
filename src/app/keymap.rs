//! Key bindings as data. The event loop looks keys up here, the help
//! overlay and the status-bar hints are generated from the same table, so
//! what the help says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Brief, Dialog, Edit, Go, Jump, Move, Pin, SearchEdit, Tool};
use super::state::{Overlay, Pane, State, Tab};

/// Where a binding applies. Pane contexts are tried before `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    Global,
    Facets,
    Claims,
    Detail,
    Search,
    Stats,
    Timeline,
    Export,
    Overwrite,
    Help,
    Palette,
    Note,
    ViewName,
    ViewOverwrite,
    /// Editing keys shared by the palette, the note editor and the view prompt.
    TextInput,
}

impl KeyContext {
    pub const ALL: [KeyContext; 15] = [
        KeyContext::Global,
        KeyContext::Facets,
        KeyContext::Claims,
        KeyContext::Detail,
        KeyContext::Search,
        KeyContext::Stats,
        KeyContext::Timeline,
        KeyContext::Export,
        KeyContext::Overwrite,
        KeyContext::Help,
        KeyContext::Palette,
        KeyContext::Note,
        KeyContext::ViewName,
        KeyContext::ViewOverwrite,
        KeyContext::TextInput,
    ];

    pub fn label(self) -> &'static str {
        match self {
            KeyContext::Global => "Everywhere",
            KeyContext::Facets => "Facets pane",
            KeyContext::Claims => "Claims pane",
            KeyContext::Detail => "Detail pane",
            KeyContext::Search => "Search line (/)",
            KeyContext::Stats => "Stats view (s)",
            KeyContext::Timeline => "Timeline and compare view (t)",
            KeyContext::Export => "Export dialog (e)",
            KeyContext::Overwrite => "Export: the file exists",
            KeyContext::Help => "This help",
            KeyContext::Palette => "Command palette (:)",
            KeyContext::Note => "Note editor (i)",
            KeyContext::ViewName => "Saving a view (v)",
            KeyContext::ViewOverwrite => "Saving a view: the name exists",
            KeyContext::TextInput => "Typing in the palette, a note or a view's name",
        }
    }

    pub fn of(pane: Pane) -> KeyContext {
        match pane {
            Pane::Facets => KeyContext::Facets,
            Pane::Claims => KeyContext::Claims,
            Pane::Detail => KeyContext::Detail,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub(crate) const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

pub(crate) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

pub(crate) const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub ctx: KeyContext,
    pub action: Action,
    pub desc: &'static str,
    /// Short text for the status-bar hints; empty when not hinted.
    pub hint: &'static str,
}

const fn bind(
    keys: &'static [Key],
    ctx: KeyContext,
    action: Action,
    desc: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        ctx,
        action,
        desc,
        hint,
    }
}

use Action as A;
use KeyContext as C;

// One binding a line: keys, where, what, the help text, the hint.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(&[ctrl('c')], C::Global, A::Quit, "quit (works everywhere)", ""),
    bind(&[k('q')], C::Global, A::Close, "close the help or the stats view; quit when neither is open", "quit"),
    bind(&[k('?')], C::Global, A::ToggleHelp, "show this help", "help"),
    bind(&[code(KeyCode::Tab)], C::Global, A::Go(Go::FocusNext), "focus next pane (Detail: next link)", ""),
    bind(&[code(KeyCode::BackTab)], C::Global, A::Go(Go::FocusPrev), "focus previous pane", ""),
    bind(&[k('j'), code(KeyCode::Down)], C::Global, A::Move(Move::Down), "move down / scroll", ""),
    bind(&[k('k'), code(KeyCode::Up)], C::Global, A::Move(Move::Up), "move up / scroll", ""),
    bind(&[k('g'), code(KeyCode::Home)], C::Global, A::Move(Move::Top), "first entry / top", ""),
    bind(&[k('G'), code(KeyCode::End)], C::Global, A::Move(Move::Bottom), "last entry / bottom", ""),
    bind(&[code(KeyCode::PageUp)], C::Global, A::Move(Move::PageUp), "page up", ""),
    bind(&[code(KeyCode::PageDown)], C::Global, A::Move(Move::PageDown), "page down", ""),
    bind(&[code(KeyCode::Enter)], C::Global, A::Go(Go::Drill), "open: facet → claims → detail", "open"),
    bind(&[code(KeyCode::Esc), code(KeyCode::Backspace)], C::Global, A::Go(Go::Back), "back one pane", "back"),
    bind(&[ctrl('o'), k('[')], C::Global, A::Go(Go::HistoryBack), "history back", ""),
    bind(&[ctrl('i'), k(']')], C::Global, A::Go(Go::HistoryForward), "history forward (Ctrl-I reads as Tab: use ])", ""),
    bind(&[k('/')], C::Global, A::Search(SearchEdit::Open), "search claims", "search"),
    bind(&[k('x')], C::Global, A::Pin(Pin::Clear), "clear all filters and the search", ""),
    bind(&[k('r')], C::Global, A::Pin(Pin::Regions), "countries: also list the claims about their regions (marked ◇)", ""),
    bind(&[k('m')], C::Global, A::Brief(Brief::ToggleMark), "mark / unmark the selected claim for a briefing", "mark"),
    bind(&[k('M')], C::Global, A::Brief(Brief::ToggleMarkedOnly), "list only the marked claims (again: all)", ""),
    bind(&[k('e')], C::Global, A::Brief(Brief::ExportOpen), "export a briefing: marked or listed claims, Markdown/JSON/CSV", "export"),
    bind(&[k('s')], C::Global, A::Brief(Brief::ToggleStats), "stats: claims per country, actor, theme; country × theme", "stats"),
    bind(&[k('t')], C::Global, A::Brief(Brief::ToggleTimeline), "timeline: the sources in date order with the listed claims of each", "timeline"),
    bind(&[k('y')], C::Global, A::Brief(Brief::CopyCitation), "copy the claim as a citation (terminal clipboard, OSC 52)", "copy"),
    bind(&[k('Y')], C::Global, A::Brief(Brief::CopyQuote), "copy the exact quote with a short citation", ""),
    bind(&[k('a')], C::Global, A::Brief(Brief::CycleLens), "attribution lens: all, primary text, author's reading, unnamed, named sources", "lens"),
    bind(&[k('1')], C::Global, A::Go(Go::SelectTab(Tab::Countries)), "Countries tab", ""),
    bind(&[k('2')], C::Global, A::Go(Go::SelectTab(Tab::Actors)), "Actors tab", ""),
    bind(&[k('3')], C::Global, A::Go(Go::SelectTab(Tab::Themes)), "Themes tab", ""),
    bind(&[k('4')], C::Global, A::Go(Go::SelectTab(Tab::Sections)), "Sections tab", ""),
    bind(&[k('5')], C::Global, A::Go(Go::SelectTab(Tab::Attribution)), "Attribution tab (layer, certainty)", ""),
    bind(&[k('6')], C::Global, A::Go(Go::SelectTab(Tab::Sources)), "Sources tab (in date order)", ""),
    bind(&[k(':')], C::Global, A::Tool(Tool::Palette), "command palette: run any action, open an entity, a saved view, a theme", "commands"),
    bind(&[k('v')], C::Global, A::Tool(Tool::SaveView), "save this view (tab, entry, chips, search, lens) under a name", "save view"),
    bind(&[k('i')], C::Global, A::Tool(Tool::Note), "add or edit a note on the selected claim (marks it)", "note"),
    bind(&[k('h'), code(KeyCode::Left)], C::Facets, A::Go(Go::TabPrev), "previous tab", ""),
    bind(&[k('l'), code(KeyCode::Right)], C::Facets, A::Go(Go::TabNext), "next tab", "tab"),
    bind(&[k(' ')], C::Facets, A::Pin(Pin::Include), "pin entry as a filter chip (again: unpin)", "pin"),
    bind(&[k('!')], C::Facets, A::Pin(Pin::Exclude), "pin entry as an exclusion chip", "exclude"),
    bind(&[code(KeyCode::Tab)], C::Detail, A::Jump(Jump::NextLink), "next link (Shift-Tab: previous pane)", "link"),
    bind(&[code(KeyCode::Enter)], C::Detail, A::Go(Go::Drill), "follow the selected link", "follow"),
    bind(&[k('n')], C::Detail, A::Jump(Jump::NextMatch), "next search match in the source", "match"),
    bind(&[k('N')], C::Detail, A::Jump(Jump::PrevMatch), "previous search match in the source", ""),
    bind(&[k('p')], C::Detail, A::Jump(Jump::PrevLink), "previous link", ""),
    bind(&[code(KeyCode::Enter)], C::Search, A::Search(SearchEdit::Accept), "keep the query as a filter", "keep"),
    bind(&[code(KeyCode::Esc)], C::Search, A::Search(SearchEdit::Cancel), "cancel, restore the previous query", "cancel"),
    bind(&[code(KeyCode::Backspace)], C::Search, A::Search(SearchEdit::Backspace), "delete a character", ""),
    bind(&[ctrl('u')], C::Search, A::Search(SearchEdit::Clear), "clear the line", "clear"),
    bind(&[code(KeyCode::Down)], C::Search, A::Move(Move::Down), "next result", ""),
    bind(&[code(KeyCode::Up)], C::Search, A::Move(Move::Up), "previous result", ""),
    bind(&[code(KeyCode::Esc), k('s')], C::Stats, A::Brief(Brief::ToggleStats), "close the stats view", "close"),
    bind(&[k('j'), code(KeyCode::Down)], C::Stats, A::Move(Move::Down), "scroll down (also PgDn, G)", "scroll"),
    bind(&[k('k'), code(KeyCode::Up)], C::Stats, A::Move(Move::Up), "scroll up (also PgUp, g)", ""),
    bind(&[k('j'), code(KeyCode::Down)], C::Timeline, A::Move(Move::Down), "next source (compare: scroll down)", "move"),
    bind(&[k('k'), code(KeyCode::Up)], C::Timeline, A::Move(Move::Up), "previous source (compare: scroll up)", ""),
    bind(&[code(KeyCode::Enter)], C::Timeline, A::Go(Go::Drill), "list the claims of this source (Sources tab)", "list"),
    bind(&[k('c')], C::Timeline, A::Brief(Brief::Compare), "compare: this source, then another (again: back)", "compare"),
    bind(&[code(KeyCode::Esc), k('t')], C::Timeline, A::Brief(Brief::ToggleTimeline), "close the timeline (compare: Esc back to it)", "close"),
    bind(&[code(KeyCode::Enter)], C::Export, A::Dialog(Dialog::Write), "write the briefing", "write"),
    bind(&[code(KeyCode::Tab), code(KeyCode::Down)], C::Export, A::Dialog(Dialog::NextField), "next field", "field"),
    bind(&[code(KeyCode::BackTab), code(KeyCode::Up)], C::Export, A::Dialog(Dialog::PrevField), "previous field", ""),
    bind(&[code(KeyCode::Right)], C::Export, A::Dialog(Dialog::OptionNext), "next scope / format / grouping (Space too)", "change"),
    bind(&[code(KeyCode::Left)], C::Export, A::Dialog(Dialog::OptionPrev), "previous scope / format / grouping", ""),
    bind(&[code(KeyCode::Backspace)], C::Export, A::Dialog(Dialog::Backspace), "delete a character of the file name", ""),
    bind(&[ctrl('u')], C::Export, A::Dialog(Dialog::Clear), "clear the file name", ""),
    bind(&[ctrl('y')], C::Export, A::Dialog(Dialog::Copy), "put the briefing on the clipboard instead (OSC 52; up to 74 kB)", "copy"),
    bind(&[code(KeyCode::Esc)], C::Export, A::Dialog(Dialog::Cancel), "cancel", "cancel"),
    bind(&[k('y')], C::Overwrite, A::Dialog(Dialog::OverwriteYes), "overwrite the existing file", "overwrite"),
    bind(&[k('n'), code(KeyCode::Esc)], C::Overwrite, A::Dialog(Dialog::OverwriteNo), "keep it and edit the file name", "keep"),
    bind(&[code(KeyCode::Esc), k('?'), k('q')], C::Help, A::ToggleHelp, "close help", "close"),
    bind(&[k('j'), code(KeyCode::Down)], C::Help, A::Move(Move::Down), "scroll down", ""),
    bind(&[k('k'), code(KeyCode::Up)], C::Help, A::Move(Move::Up), "scroll up", ""),
    bind(&[code(KeyCode::PageDown), k(' ')], C::Help, A::Move(Move::PageDown), "page down", "page"),
    bind(&[code(KeyCode::PageUp)], C::Help, A::Move(Move::PageUp), "page up", ""),
    bind(&[k('g'), code(KeyCode::Home)], C::Help, A::Move(Move::Top), "top", ""),
    bind(&[k('G'), code(KeyCode::End)], C::Help, A::Move(Move::Bottom), "bottom", ""),
    bind(&[code(KeyCode::Enter)], C::Palette, A::Edit(Edit::Accept), "run the chosen command", "run"),
    bind(&[code(KeyCode::Down), ctrl('n')], C::Palette, A::Move(Move::Down), "next command", "select"),
    bind(&[code(KeyCode::Up), ctrl('p')], C::Palette, A::Move(Move::Up), "previous command", ""),
    bind(&[code(KeyCode::Esc)], C::Palette, A::Edit(Edit::Cancel), "close the palette", "close"),
    bind(&[code(KeyCode::Enter)], C::Note, A::Edit(Edit::Accept), "save the note and mark the claim (empty: remove the note)", "save"),
    bind(&[code(KeyCode::Esc)], C::Note, A::Edit(Edit::Cancel), "close; a changed note asks first (Esc again discards)", "cancel"),
    bind(&[code(KeyCode::Enter)], C::ViewName, A::Edit(Edit::Accept), "save the view under this name", "save"),
    bind(&[code(KeyCode::Esc)], C::ViewName, A::Edit(Edit::Cancel), "cancel, save nothing", "cancel"),
    bind(&[k('y')], C::ViewOverwrite, A::Edit(Edit::Yes), "replace the saved view of this name", "overwrite"),
    bind(&[k('n'), code(KeyCode::Esc)], C::ViewOverwrite, A::Edit(Edit::No), "keep it and edit the name", "keep"),
    bind(&[code(KeyCode::Left)], C::TextInput, A::Edit(Edit::Left), "cursor left", ""),
    bind(&[code(KeyCode::Right)], C::TextInput, A::Edit(Edit::Right), "cursor right", ""),
    bind(&[code(KeyCode::Home)], C::TextInput, A::Edit(Edit::Home), "to the start", ""),
    bind(&[code(KeyCode::End)], C::TextInput, A::Edit(Edit::End), "to the end", ""),
    bind(&[code(KeyCode::Backspace)], C::TextInput, A::Edit(Edit::Backspace), "delete the character before the cursor", ""),
    bind(&[code(KeyCode::Delete)], C::TextInput, A::Edit(Edit::Delete), "delete the character under the cursor", ""),
    bind(&[ctrl('u')], C::TextInput, A::Edit(Edit::Clear), "clear the line", "clear"),
];

/// Contexts searched for a key, most specific first.
fn contexts(state: &State) -> Vec<KeyContext> {
    match &state.overlay {
        Overlay::Help { .. } => vec![KeyContext::Help],
        Overlay::Export(d) if d.confirm => vec![KeyContext::Overwrite],
        Overlay::Export(_) => vec![KeyContext::Export],
        Overlay::Palette(_) => vec![KeyContext::Palette, KeyContext::TextInput],
        Overlay::Note(_) => vec![KeyContext::Note, KeyContext::TextInput],
        Overlay::ViewName(p) if p.confirm => vec![KeyContext::ViewOverwrite],
        Overlay::ViewName(_) => vec![KeyContext::ViewName, KeyContext::TextInput],
        Overlay::None if state.query.line.is_some() => vec![KeyContext::Search],
        Overlay::None if state.stats.is_some() && state.focus != Pane::Facets => {
            vec![KeyContext::Stats, KeyContext::Global]
        }
        Overlay::None if state.timeline.is_some() && state.focus != Pane::Facets => {
            vec![KeyContext::Timeline, KeyContext::Global]
        }
        Overlay::None => vec![KeyContext::of(state.focus), KeyContext::Global],
    }
}

/// Terminals report Shift with `G`, `?` and Shift-Tab; the character
/// already says so, so Shift is ignored there.
fn normalise(ev: KeyEvent) -> Key {
    let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    Key {
        code: ev.code,
        mods,
    }
}

pub fn action_for(state: &State, ev: KeyEvent) -> Option<Action> {
    let key = normalise(ev);
    if key == ctrl('c') {
        return Some(Action::Quit);
    }
    for ctx in contexts(state) {
        let found = super::keynames::bindings()
            .iter()
            .find(|b| b.ctx == ctx && b.keys.contains(&key));
        if let Some(b) = found {
            return Some(b.action.clone());
        }
    }
    match key.code {
        KeyCode::Char(c) if key.mods.is_empty() && state.export().is_some() => {
            Some(Action::Dialog(Dialog::Input(c)))
        }
        KeyCode::Char(c) if state.query.line.is_some() && key.mods.is_empty() => {
            Some(Action::Search(SearchEdit::Input(c)))
        }
        KeyCode::Char(c) if key.mods.is_empty() && typing(state) => {
            Some(Action::Edit(Edit::Input(c)))
        }
        _ => None,
    }
}

/// Whether a line is being typed in an overlay: characters go into it.
fn typing(state: &State) -> bool {
    match &state.overlay {
        Overlay::Palette(_) | Overlay::Note(_) => true,
        Overlay::ViewName(p) => !p.confirm,
        _ => false,
    }
}

pub fn key_label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Delete => "Del".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(key_label).collect::<Vec<_>>().join("/")
}

/// Status-bar hints for the current context: `(keys, hint)` pairs.
pub fn hints(state: &State) -> Vec<(String, &'static str)> {
    let ctxs = contexts(state);
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for ctx in ctxs {
        for b in super::keynames::bindings()
            .iter()
            .filter(|b| b.ctx == ctx && !b.hint.is_empty())
        {
            let first = b.keys.first().map(key_label).unwrap_or_default();
            // A pane's binding shadows the global one on the same key.
            if !out.iter().any(|(k, h)| *h == b.hint || *k == first) {
                out.push((first, b.hint));
            }
        }
    }
    out
}

/// The whole keymap as Markdown tables, one per context: what `stratlens
/// keys` prints and the README carries (a test keeps the two equal).
pub fn markdown_table() -> String {
    let mut out = String::new();
    for ctx in KeyContext::ALL {
        let bindings: Vec<&Binding> = super::keynames::bindings()
            .iter()
            .filter(|b| b.ctx == ctx)
            .collect();
        if bindings.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "**{}**\n\n| keys | action |\n| --- | --- |\n",
            ctx.label()
        ));
        for b in bindings {
            let keys = keys_label(b).replace('|', "\\|");
            out.push_str(&format!("| `{keys}` | {} |\n", b.desc.replace('|', "\\|")));
        }
        out.push('\n');
    }
    out.push_str(
        "**Mouse**: click selects and focuses; the wheel scrolls the pane under the pointer.\n",
    );
    out
}
