//! The palette, saved views, notes and themes as the explorer runs them:
//! opening their overlays, their keys, and what Enter does. Part of
//! `update`. The palette's ranking is [`super::palette`]; reading and
//! writing saved views is [`crate::views`].

use std::path::PathBuf;

use super::action::{Action, Edit, Move, Tool};
use super::lens::Lens;
use super::line_edit::LineEdit;
use super::palette::Palette;
use super::state::{Cursor, Overlay, Pane, State, Tab};
use crate::filter::{Facet, Filter};
use crate::sanitize::inline;
use crate::views::{self, View};

/// The saved views the explorer knows: where they are kept and what the
/// file held when last read.
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub(crate) dir: Option<PathBuf>,
    pub(crate) list: Vec<View>,
    /// Why the file could not be read, if it could not.
    pub(crate) problem: Option<String>,
}

/// The note editor (`i`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    pub claim: usize,
    pub line: LineEdit,
    /// The note as it was when the editor opened.
    pub original: String,
    /// Esc was pressed on a changed note: the next Esc discards it.
    pub confirm_discard: bool,
}

impl NoteEditor {
    pub fn changed(&self) -> bool {
        self.line.text() != self.original
    }
}

/// The name prompt of `v`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewPrompt {
    pub line: LineEdit,
    /// A view of this name exists: waiting for y/n.
    pub confirm: bool,
    pub error: Option<String>,
}

impl Views {
    /// The views in `dir` (none without one); a file that cannot be read
    /// is reported, never overwritten.
    pub(crate) fn load(dir: Option<PathBuf>) -> Views {
        let Some(d) = dir.as_deref() else {
            return Views::default();
        };
        match views::load(&views::path_in(d)) {
            Ok(list) => Views {
                dir,
                list,
                problem: None,
            },
            Err(e) => Views {
                dir,
                list: Vec::new(),
                problem: Some(inline(&e.to_string()).into_owned()),
            },
        }
    }

    /// The views the dataset with `fingerprint` can restore.
    pub fn usable(&self, fingerprint: &str) -> Vec<&View> {
        self.list
            .iter()
            .filter(|v| v.applies_to(fingerprint))
            .collect()
    }
}

pub(crate) fn tool(state: &mut State, tool: Tool) {
    match tool {
        Tool::Palette => {
            let views = state.views.usable(&state.store.fingerprint);
            let p = Palette::new(&state.store, &views, state.screen.theme);
            state.overlay = Overlay::Palette(Box::new(p));
        }
        Tool::SaveView => state.overlay = Overlay::ViewName(ViewPrompt::default()),
        Tool::View(name) => restore_view(state, &name),
        Tool::Note => open_note(state),
        Tool::Theme(t) => {
            state.screen.theme = t;
            let why = if state.screen.color {
                "for this run; theme = \"…\" in config.toml keeps one"
            } else {
                "it shows once colour is on (NO_COLOR or --no-color turn it off)"
            };
            state.message = Some(format!("Theme {} ({why})", t.name()));
        }
    }
}

/// Keys while the palette, the note editor or the view prompt is open; an
/// action the palette chose comes back to be run.
pub(crate) fn overlay_key(state: &mut State, action: Action) -> Option<Action> {
    match &mut state.overlay {
        Overlay::Palette(p) => match action {
            Action::Edit(Edit::Accept) => {
                let Some(item) = p.chosen() else {
                    state.message = Some("Nothing matches: edit the query or Esc".into());
                    return None;
                };
                let run = item.action.clone();
                state.overlay = Overlay::None;
                return Some(run);
            }
            Action::Edit(Edit::Cancel) => state.overlay = Overlay::None,
            Action::Edit(e) => p.edit(&state.store, e),
            Action::Move(Move::Down) => p.step(1),
            Action::Move(Move::Up) => p.step(-1),
            _ => {}
        },
        Overlay::Note(_) => note_key(state, action),
        Overlay::ViewName(_) => view_key(state, action),
        _ => {}
    }
    None
}

fn claim_label(state: &State, claim: usize) -> String {
    inline(state.store.claim_at(claim).id()).into_owned()
}

fn open_note(state: &mut State) {
    let Some(claim) = state.detail.claim else {
        state.message = Some("No claim selected to write a note on".into());
        return;
    };
    let original = state
        .briefing
        .notes
        .get(&claim)
        .cloned()
        .unwrap_or_default();
    state.overlay = Overlay::Note(NoteEditor {
        claim,
        line: LineEdit::new(&original),
        original,
        confirm_discard: false,
    });
}

fn note_key(state: &mut State, action: Action) {
    let Overlay::Note(ed) = &mut state.overlay else {
        return;
    };
    match action {
        Action::Edit(Edit::Accept) => save_note(state),
        Action::Edit(Edit::Cancel) if ed.changed() && !ed.confirm_discard => {
            ed.confirm_discard = true;
        }
        Action::Edit(Edit::Cancel) => {
            let changed = ed.changed();
            state.overlay = Overlay::None;
            state.message = Some(if changed {
                "Changes to the note discarded".into()
            } else {
                "Note unchanged".into()
            });
        }
        Action::Edit(e) => {
            ed.line.apply(e);
            ed.confirm_discard = false;
        }
        _ => {}
    }
}

fn save_note(state: &mut State) {
    let Overlay::Note(ed) = std::mem::take(&mut state.overlay) else {
        return;
    };
    let (claim, text) = (ed.claim, ed.line.text().trim().to_string());
    let id = claim_label(state, claim);
    if text.is_empty() {
        let had = state.briefing.notes.remove(&claim).is_some();
        state.message = Some(if had {
            format!("Note removed from {id}; it stays marked (m unmarks)")
        } else {
            format!("No note written on {id}")
        });
        return;
    }
    state.briefing.notes.insert(claim, text);
    let newly = state.briefing.marks.insert(claim);
    let n = state.briefing.marks.len();
    let marked = if newly { " and marked" } else { "" };
    state.message = Some(format!(
        "Note saved on {id}{marked} ({n} marked; e exports)"
    ));
    if newly && state.briefing.marked_only {
        state.refresh();
    }
}

fn view_key(state: &mut State, action: Action) {
    let Overlay::ViewName(p) = &mut state.overlay else {
        return;
    };
    if p.confirm {
        match action {
            Action::Edit(Edit::Yes) => save_view(state, true),
            Action::Edit(Edit::No | Edit::Cancel) => {
                p.confirm = false;
                p.error = Some("Not overwritten: edit the name".into());
            }
            _ => {}
        }
        return;
    }
    match action {
        Action::Edit(Edit::Accept) => save_view(state, false),
        Action::Edit(Edit::Cancel) => {
            state.overlay = Overlay::None;
            state.message = Some("View not saved".into());
        }
        // The edit is made in the guard; a changed name clears the error.
        Action::Edit(e) if p.line.apply(e) => p.error = None,
        _ => {}
    }
}

/// The view of the screen now, under `name`.
pub fn current_view(state: &State, name: &str) -> View {
    let store = &state.store;
    let keys = |v: &[Facet]| v.iter().map(|f| f.key(store)).collect();
    let mut view = View {
        name: name.to_string(),
        dataset: None,
        dataset_label: dataset_label(&store.inputs),
        tab: state.facets.tab.label().to_lowercase(),
        facet: state
            .selected_entry()
            .and_then(|e| e.facet)
            .map(|f| f.key(store)),
        include: keys(&state.query.filter.include),
        exclude: keys(&state.query.filter.exclude),
        query: state.query.text.clone(),
        lens: state.briefing.lens.key().into(),
        with_regions: state.query.filter.with_regions,
        saved: crate::export::stamp(crate::export::now_utc()),
    };
    if view.names_entities() {
        view.dataset = Some(store.fingerprint.clone());
    }
    view
}

/// What a dataset was loaded from, in a few words.
pub fn dataset_label(inputs: &[String]) -> String {
    if inputs.iter().all(|i| i.starts_with("<embedded>")) {
        return "the embedded dataset".into();
    }
    match inputs {
        [] => "the embedded dataset".into(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
    }
}

fn prompt_error(state: &mut State, msg: String) {
    if let Overlay::ViewName(p) = &mut state.overlay {
        p.confirm = false;
        p.error = Some(inline(&msg).into_owned());
    }
}

/// Saves the view named in the prompt. The file is read again first, so
/// views saved meanwhile are kept; one that cannot be read is left alone.
/// Every failure keeps the prompt and its text.
fn save_view(state: &mut State, overwrite: bool) {
    let Overlay::ViewName(p) = &state.overlay else {
        return;
    };
    let name = p.line.text().trim().to_string();
    if let Err(msg) = views::check_name(&name) {
        return prompt_error(state, msg);
    }
    let Some(dir) = state.views.dir.clone() else {
        return prompt_error(state, views::ViewError::NoDir.to_string());
    };
    let path = views::path_in(&dir);
    let mut list = match views::load(&path) {
        Ok(list) => list,
        Err(e) => return prompt_error(state, format!("{e}; view not saved")),
    };
    let view = current_view(state, &name);
    if !overwrite && views::exists(&list, &view) {
        if let Overlay::ViewName(p) = &mut state.overlay {
            p.confirm = true;
            p.error = None;
        }
        return;
    }
    views::put(&mut list, view);
    if let Err(e) = views::save(&path, &list) {
        return prompt_error(state, e.to_string());
    }
    state.views = Views {
        dir: Some(dir),
        list,
        problem: None,
    };
    state.overlay = Overlay::None;
    let name = inline(&name);
    state.message = Some(format!("Saved view \"{name}\"; : view {name} restores it"));
}

/// Puts back the tab, entry, chips, search, lens and regions switch of
/// the saved view `name`; what the dataset no longer has is left out and
/// named.
fn restore_view(state: &mut State, name: &str) {
    let found = views::find(&state.views.list, name, &state.store.fingerprint).cloned();
    let Some(view) = found else {
        let why = state.views.problem.clone().unwrap_or_else(|| {
            format!(
                "No saved view \"{}\" for this dataset; v saves one",
                inline(name)
            )
        });
        state.message = Some(why);
        return;
    };
    let mut gone: Vec<String> = Vec::new();
    let store = std::sync::Arc::clone(&state.store);
    let mut parse = |keys: &[String]| -> Vec<Facet> {
        let parsed = keys.iter().filter_map(|k| {
            let f = Facet::parse(&store, k);
            if f.is_none() {
                gone.push(k.clone());
            }
            f
        });
        parsed.collect()
    };
    let filter = Filter {
        include: parse(&view.include),
        exclude: parse(&view.exclude),
        with_regions: view.with_regions,
    };
    let facet = parse(view.facet.as_slice()).first().copied();
    state.query.filter = filter;
    state.query.text = view.query.trim().to_string();
    state.briefing.lens = Lens::parse(&view.lens).unwrap_or_default();
    let tab = Tab::ALL
        .into_iter()
        .find(|t| t.label().to_lowercase() == view.tab)
        .unwrap_or(state.facets.tab);
    state.facets.tab = tab;
    let entry = facet
        .and_then(|f| tab.facets(&store).iter().position(|&x| x == f))
        .map_or(0, |p| p + 1);
    state.facets.sel[tab.index()] = entry;
    state.focus = Pane::Claims;
    state.refresh_with(Cursor::Top, None);
    let name = inline(&view.name).into_owned();
    state.message = Some(if gone.is_empty() {
        format!("View \"{name}\" restored")
    } else {
        format!(
            "View \"{name}\" restored without what the dataset no longer has: {}",
            inline(&gone.join(", "))
        )
    });
}

/// Ctrl-Y in the export dialog: the briefing the dialog would write, on
/// the terminal's clipboard (OSC 52). Terminals and tmux cap what OSC 52
/// carries (about 100 kB of base64, so [`MAX_COPY_BYTES`] of text): a
/// larger briefing is refused with its size, and the dialog stays open to
/// write it to a file.
pub(crate) fn copy_briefing(state: &mut State) {
    use super::briefing::{BRIEFING_TITLE, MAX_COPY_BYTES, scope_claims, selection};
    let Some(d) = state.export().cloned() else {
        return;
    };
    let refuse = |state: &mut State, msg: String| {
        if let Overlay::Export(d) = &mut state.overlay {
            d.error = Some(msg);
        }
    };
    if !state.screen.clipboard {
        return refuse(
            state,
            "The clipboard is off (--no-clipboard): Enter writes a file".into(),
        );
    }
    if d.scope == super::dialog::Scope::Listed && state.searching() {
        return refuse(
            state,
            "Still searching: the list is not complete yet, try again".into(),
        );
    }
    let claims = scope_claims(state, d.scope);
    if claims.is_empty() {
        return refuse(state, "No claims in this scope: nothing to copy".into());
    }
    let briefing = crate::export::Briefing {
        title: BRIEFING_TITLE.into(),
        claims,
        filters: selection(state, d.scope),
        group_by: d.group_by,
        generated: crate::export::stamp(crate::export::now_utc()),
    };
    let text =
        crate::export::render_with_notes(&state.store, &briefing, d.format, &state.briefing.notes);
    if text.len() > MAX_COPY_BYTES {
        return refuse(
            state,
            format!(
                "Not copied: the briefing is {} kB, and terminals and tmux take at most about \
                 100 kB over OSC 52 once encoded ({} kB of text). Enter writes it to a file.",
                text.len().div_ceil(1000),
                MAX_COPY_BYTES / 1000
            ),
        );
    }
    let n = briefing.claims.len();
    let bytes = text.len();
    state.effects.push(super::state::Effect::Copy(text));
    state.overlay = Overlay::None;
    state.message = Some(format!(
        "Copied the briefing to the clipboard: {} as {}, {bytes} bytes (OSC 52)",
        crate::words::plural(n, "claim"),
        d.format.label()
    ));
}
