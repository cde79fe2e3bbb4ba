//! The briefing workflow: marks, the attribution lens, copying, the stats
//! view and the export dialog. Copies are recorded as [`Effect`]s for the
//! event loop; the export dialog writes its file here, through
//! [`crate::atomic_write::write_atomic`], and reports every failure in the dialog.

use std::path::PathBuf;

use super::action::{Action, Brief, Dialog, Move};
use super::dialog::{ExportDialog, Field, Scope};
use super::geometry;
use super::lens::Lens;
use super::state::{Cursor, DoneMessage, Effect, Overlay, Pane, State, StatsView};
use crate::atomic_write::{WriteError, write_atomic};
use crate::export::{self, Briefing, Format};
use crate::filter::Filter;
use crate::sanitize::inline;

pub const BRIEFING_TITLE: &str = "stratlens briefing";

/// Terminals cap OSC 52 payloads (xterm's default is about 100 kB of
/// base64); larger copies are refused with a message instead of failing
/// silently.
pub const MAX_COPY_BYTES: usize = 74_000;

/// Marks, lens, copy, stats and opening the dialog.
pub(crate) fn handle(state: &mut State, action: Brief) {
    match action {
        Brief::ToggleMark => toggle_mark(state),
        Brief::ToggleMarkedOnly => toggle_marked_only(state),
        Brief::CycleLens => cycle_lens(state),
        Brief::CopyCitation | Brief::CopyQuote => copy(state, action),
        Brief::ToggleStats => toggle_stats(state),
        Brief::ToggleTimeline => super::timeline::toggle(state),
        Brief::Compare => state.message = Some("c compares two sources in the timeline (t)".into()),
        Brief::ExportOpen => open_export(state),
    }
}

fn claim_id(state: &State, claim: usize) -> String {
    inline(state.store.claim_at(claim).id()).into_owned()
}

/// The claim's id, and where it is when the screen does not show it (one
/// pane at a time with Facets focused, or the stats view in place of
/// Claims and Detail).
fn claim_named(state: &State, claim: usize) -> String {
    let id = claim_id(state, claim);
    let shown = state.stats.is_none() && (state.wide() || state.focus != Pane::Facets);
    if shown {
        return id;
    }
    let cursor = state.selected_hit().map(|h| h.claim) == Some(claim);
    let place = if cursor {
        "the claim under the cursor in Claims"
    } else {
        "the claim in Detail"
    };
    format!("{id} ({place})")
}

fn toggle_mark(state: &mut State) {
    let Some(c) = state.detail.claim else {
        state.message = Some("No claim selected to mark".into());
        return;
    };
    let now = if state.briefing.marks.remove(&c) {
        "Unmarked"
    } else {
        state.briefing.marks.insert(c);
        "Marked"
    };
    let n = state.briefing.marks.len();
    state.message = Some(format!(
        "{now} {} ({n} marked; M shows only them, e exports)",
        claim_named(state, c)
    ));
    if state.briefing.marked_only {
        state.refresh();
    }
}

fn toggle_marked_only(state: &mut State) {
    if !state.briefing.marked_only && state.briefing.marks.is_empty() {
        state.message = Some("No marked claims yet: m marks the selected claim".into());
        return;
    }
    state.briefing.marked_only = !state.briefing.marked_only;
    state.refresh();
    state.message = Some(if state.briefing.marked_only {
        format!(
            "Only the {} (M: all again)",
            crate::words::plural(state.briefing.marks.len(), "marked claim")
        )
    } else {
        "All claims again, marked or not".into()
    });
}

fn cycle_lens(state: &mut State) {
    state.briefing.lens = state.briefing.lens.next();
    state.refresh_with(Cursor::Keep, Some(DoneMessage::Lens));
}

fn copy(state: &mut State, action: Brief) {
    let Some(c) = state.detail.claim else {
        state.message = Some("No claim selected to copy".into());
        return;
    };
    if !state.screen.clipboard {
        state.message = Some("Clipboard is off (--no-clipboard); e exports to a file".into());
        return;
    }
    let (what, text) = if action == Brief::CopyQuote {
        ("quote", export::quote_with_short_citation(&state.store, c))
    } else {
        ("citation", export::citation_block(&state.store, c))
    };
    if let Err(msg) = check_size(&text) {
        state.message = Some(msg);
        return;
    }
    let n = text.chars().count();
    state.effects.push(Effect::Copy(text));
    state.message = Some(format!(
        "copied {what} of {} ({n} chars)",
        claim_named(state, c)
    ));
}

fn toggle_stats(state: &mut State) {
    state.timeline = None;
    state.stats = match state.stats {
        Some(_) => None,
        None => Some(StatsView::default()),
    };
    if state.stats.is_some() && (state.focus == Pane::Detail || !state.wide()) {
        state.focus = Pane::Claims;
    }
    state.refresh();
    if state.stats.is_some() {
        state.message =
            Some("Stats of the listed claims; they follow the filters (s closes)".into());
    }
}

/// Keys while the stats view has focus: motions scroll it, nothing opens.
pub(crate) fn stats_key(state: &mut State, action: Move) {
    let max = geometry::stats_max_scroll(state);
    let page = geometry::stats_page(state);
    let Some(view) = state.stats.as_mut() else {
        return;
    };
    let cur = view.scroll;
    view.scroll = match action {
        Move::Up => cur.saturating_sub(1),
        Move::Down => cur.saturating_add(1),
        Move::PageUp => cur.saturating_sub(page),
        Move::PageDown => cur.saturating_add(page),
        Move::Top => 0,
        Move::Bottom => max,
    }
    .min(max);
}

fn open_export(state: &mut State) {
    let scope = if state.briefing.marks.is_empty() {
        Scope::Listed
    } else {
        Scope::Marked
    };
    let name = export::default_file_name(export::now_utc(), Format::Markdown);
    state.overlay = Overlay::Export(ExportDialog::new(scope, name));
}

/// Keys while the export dialog is open.
pub(crate) fn dialog(state: &mut State, action: Action) {
    let Overlay::Export(d) = &mut state.overlay else {
        return;
    };
    if d.confirm {
        match action {
            Action::Dialog(Dialog::OverwriteYes) => write(state, true),
            Action::Dialog(Dialog::OverwriteNo) | Action::Dialog(Dialog::Cancel) => {
                d.confirm = false;
                d.error = Some("Not overwritten: edit the file name".into());
                d.field = Field::Path;
            }
            _ => {}
        }
        return;
    }
    let on_path = d.field == Field::Path;
    match action {
        Action::Dialog(Dialog::NextField) => d.field = d.field.cycle(1),
        Action::Dialog(Dialog::PrevField) => d.field = d.field.cycle(-1),
        Action::Dialog(Dialog::OptionPrev) => d.change(-1),
        Action::Dialog(Dialog::OptionNext) => d.change(1),
        Action::Dialog(Dialog::Input(c)) if on_path => {
            d.path.push(c);
            d.error = None;
        }
        Action::Dialog(Dialog::Input(' ')) => d.change(1),
        Action::Dialog(Dialog::Input(_)) => {
            d.error = Some("Tab or ↓ moves to the file name".into())
        }
        Action::Dialog(Dialog::Backspace) if on_path => {
            d.path.pop();
        }
        Action::Dialog(Dialog::Clear) if on_path => d.path.clear(),
        Action::Dialog(Dialog::Write) => write(state, false),
        Action::Dialog(Dialog::Copy) => super::tools::copy_briefing(state),
        Action::Dialog(Dialog::Cancel) => {
            state.overlay = Overlay::None;
            state.message = Some("Export cancelled".into());
        }
        _ => {}
    }
}

/// The claims a scope exports, in the order they would be listed.
pub fn scope_claims(state: &State, scope: Scope) -> Vec<usize> {
    match scope {
        Scope::Marked => state.briefing.marks.iter().copied().collect(),
        Scope::Listed => state.claims.rows.iter().map(|h| h.claim).collect(),
    }
}

/// How the claims were chosen, one line an item, for the briefing header.
pub fn selection(state: &State, scope: Scope) -> Vec<String> {
    let store = &state.store;
    if scope == Scope::Marked {
        return vec![format!("marked claims ({})", state.briefing.marks.len())];
    }
    let mut out = state.query.filter.describe(store);
    if let Some(f) = state.live_facet() {
        let one = Filter {
            include: vec![f],
            with_regions: state.query.filter.with_regions,
            ..Filter::default()
        };
        out.extend(one.describe(store));
    }
    if state.briefing.lens != Lens::All {
        out.push(format!("attribution: {}", state.briefing.lens.label()));
    }
    if !state.query.text.is_empty() {
        out.push(format!("search: {}", state.query.text));
    }
    if state.briefing.marked_only {
        out.push("marked claims only".into());
    }
    out
}

/// `~/x` is the home directory's `x`, as a shell would read it.
fn expand(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

fn fail(state: &mut State, msg: String) {
    if let Overlay::Export(d) = &mut state.overlay {
        d.confirm = false;
        d.error = Some(inline(&msg).into_owned());
    }
}

/// The file the dialog names, or why it cannot be written.
fn target(typed: &str) -> Result<PathBuf, String> {
    let path = expand(typed.trim());
    if path.as_os_str().is_empty() {
        return Err("Type a file name".into());
    }
    if path.is_dir() {
        return Err(format!("{} is a directory", path.display()));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(format!(
            "No folder {}: create it or choose another",
            dir.display()
        ));
    }
    Ok(path)
}

fn write(state: &mut State, overwrite: bool) {
    let Some(d) = state.export().cloned() else {
        return;
    };
    if d.scope == Scope::Listed && state.searching() {
        return fail(
            state,
            "Still searching: the list is not complete yet, try again".into(),
        );
    }
    let claims = scope_claims(state, d.scope);
    if claims.is_empty() {
        let why = match d.scope {
            Scope::Marked => "No marked claims: choose the filtered list, or Esc and m",
            Scope::Listed => "The list is empty: nothing to export",
        };
        return fail(state, why.into());
    }
    let path = match target(&d.path) {
        Ok(path) => path,
        Err(msg) => return fail(state, msg),
    };
    let briefing = Briefing {
        title: BRIEFING_TITLE.into(),
        claims,
        filters: selection(state, d.scope),
        group_by: d.group_by,
        generated: export::stamp(export::now_utc()),
    };
    let text = export::render_with_notes(&state.store, &briefing, d.format, &state.briefing.notes);
    match write_atomic(&path, text.as_bytes(), overwrite, &state.store.inputs) {
        Ok(()) => {
            state.overlay = Overlay::None;
            state.message = Some(format!(
                "Wrote {} to {} ({}, {} bytes)",
                crate::words::plural(briefing.claims.len(), "claim"),
                inline(&path.display().to_string()),
                d.format.label(),
                text.len()
            ));
        }
        Err(WriteError::Exists(_)) => {
            if let Overlay::Export(d) = &mut state.overlay {
                d.confirm = true;
                d.error = None;
            }
        }
        Err(e) => fail(state, e.to_string()),
    }
}

/// Checks a copy before it is sent; the error is the message to show.
pub fn check_size(text: &str) -> Result<(), String> {
    if text.len() > MAX_COPY_BYTES {
        Err(format!(
            "not copied: {} bytes is more than terminals accept over OSC 52 ({MAX_COPY_BYTES}); export instead",
            text.len()
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_copies_are_refused() {
        assert!(check_size("short").is_ok());
        assert!(
            check_size(&"x".repeat(MAX_COPY_BYTES + 1))
                .unwrap_err()
                .contains("export instead")
        );
    }
}
