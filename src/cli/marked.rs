//! `stratlens export --marked`: the claims marked in the saved session of
//! this dataset (the one the explorer would restore), with their notes.

use std::io::Write;

use super::{CliError, ExportArgs};
use crate::export::{self, Notes};
use crate::model::{Kind, Store};
use crate::session::{self, Restore, Saved};
use crate::words::plural;

/// The saved session the explorer would restore for `store`.
fn saved_session(store: &Store) -> Result<Saved, CliError> {
    let dir = session::state_dir().ok_or_else(|| {
        CliError::Usage("--marked: no state directory: set XDG_STATE_HOME or HOME".into())
    })?;
    let path = session::path_for(&dir, &store.fingerprint);
    match session::load(&path, &store.fingerprint) {
        Restore::Found(s) => Ok(s),
        Restore::Fresh => Err(CliError::Usage(format!(
            "--marked: no saved session for this dataset (looked for {}); open the explorer \
             on it, mark claims with m or write notes with i, and quit",
            crate::sanitize::inline(&path.display().to_string())
        ))),
        Restore::Unusable(msg) => Err(CliError::Usage(format!("--marked: {msg}"))),
    }
}

/// The marked claims (in dataset order) and the notes on them.
fn marked(store: &Store) -> Result<(Vec<usize>, Notes), CliError> {
    let mut saved = saved_session(store)?;
    if let Some(warning) = session::prune(store, &mut saved) {
        let _ = writeln!(std::io::stderr(), "stratlens: note: {warning}");
    }
    let index = |id: &String| store.index_of(Kind::Claim, id);
    let mut claims: Vec<usize> = saved.marks.iter().filter_map(index).collect();
    claims.sort_unstable();
    let notes: Notes = saved
        .notes
        .iter()
        .filter_map(|(id, note)| Some((index(id)?, note.clone())))
        .collect();
    Ok((claims, notes))
}

pub fn export_marked(store: &Store, args: &ExportArgs, json: bool) -> Result<(), CliError> {
    let (claims, notes) = marked(store)?;
    if claims.is_empty() {
        return Err(CliError::NoResults(
            "the saved session has no marked claims; mark some with m in the explorer".into(),
        ));
    }
    let noted = claims.iter().filter(|c| notes.contains_key(c)).count();
    let Some(format) = (if json {
        Some(export::Format::Json)
    } else {
        args.format.briefing()
    }) else {
        return sqlite(store, args, &claims, &notes);
    };
    let briefing = export::Briefing {
        title: args.title.clone(),
        filters: vec![format!("marked claims ({})", claims.len())],
        claims,
        group_by: args.group_by,
        generated: export::stamp(export::now_utc()),
    };
    let write = |out: &mut dyn Write| export::write(store, &briefing, format, &notes, out);
    let Some(path) = &args.output else {
        return super::stream::emit_with(write);
    };
    let path = &export::with_extension(path, format);
    crate::atomic_write::write_atomic_with(path, args.force, &store.inputs, write)
        .map_err(super::write_error)?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} ({} with notes) as {} to {}",
        plural(briefing.claims.len(), "marked claim"),
        noted,
        format.label(),
        path.display()
    );
    Ok(())
}

fn sqlite(
    store: &Store,
    args: &ExportArgs,
    claims: &[usize],
    notes: &Notes,
) -> Result<(), CliError> {
    let Some(path) = &args.output else {
        return Err(CliError::Usage(
            "--format sqlite writes a database: give -o FILE.db".into(),
        ));
    };
    let bytes = export::sqlite::build_with_notes(store, claims, notes).map_err(CliError::Usage)?;
    crate::atomic_write::write_atomic(path, &bytes, args.force, &store.inputs)
        .map_err(super::write_error)?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} with their notes as SQLite to {}",
        plural(claims.len(), "marked claim"),
        path.display()
    );
    Ok(())
}
