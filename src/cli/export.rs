//! `stratlens export`: a briefing (Markdown, JSON, CSV) or an SQLite
//! database of the chosen claims.

use std::io::Write;

use super::search::search_filter;
use super::{CliError, ExportArgs, emit, lookup, stream, write_error};
use crate::export;
use crate::model::{Kind, Store};
use crate::words::plural;

fn export_selection(
    store: &Store,
    args: &ExportArgs,
) -> Result<(Vec<usize>, Vec<String>), CliError> {
    let filter = search_filter(store, &args.links)?;
    let mut described = filter.describe(store);
    let mut claims = super::search::filtered(store, &filter);
    if !args.ids.is_empty() {
        let wanted: Vec<usize> = args
            .ids
            .iter()
            .map(|id| lookup(store, Kind::Claim, id.trim()))
            .collect::<Result<_, _>>()?;
        claims = wanted.into_iter().filter(|c| claims.contains(c)).collect();
        described.push(format!("claims: {}", args.ids.join(", ")));
    }
    if let Some(q) = args.query.as_deref().filter(|q| !q.trim().is_empty()) {
        let hits = crate::cache::index_for(store).search(store, q, &claims);
        let matched: std::collections::HashSet<usize> = hits.iter().map(|h| h.claim).collect();
        claims.retain(|c| matched.contains(c));
        described.push(format!("search: {q}"));
    }
    Ok((claims, described))
}
/// `--json` on export means `--format json`, as for every other command.
pub(super) fn export_cmd(store: &Store, args: &ExportArgs, json: bool) -> Result<(), CliError> {
    let format = match args.format.briefing() {
        _ if json => export::Format::Json,
        Some(f) => f,
        None => return sqlite_export(store, args),
    };
    let (claims, filters) = export_selection(store, args)?;
    let briefing = export::Briefing {
        title: args.title.clone(),
        claims,
        filters,
        group_by: args.group_by,
        generated: export::stamp(export::now_utc()),
    };
    if briefing.claims.is_empty() {
        // A script reading JSON on stdout still gets a briefing: one with no claims.
        if format == export::Format::Json && args.output.is_none() {
            emit(&export::render(store, &briefing, format))?;
        }
        return Err(CliError::NoResults(if store.claims().is_empty() {
            "the dataset has no claims; nothing exported".into()
        } else {
            "no claims match the selection; nothing exported".into()
        }));
    }
    // Written as it is made: a briefing of 100,000 claims held whole took
    // 2.5 GB as JSON.
    let notes = export::Notes::new();
    let write = |out: &mut dyn Write| export::write(store, &briefing, format, &notes, out);
    let Some(path) = &args.output else {
        return stream::emit_with(write);
    };
    let path = &export::with_extension(path, format);
    crate::atomic_write::write_atomic_with(path, args.force, &store.inputs, write)
        .map_err(write_error)?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} as {} to {}",
        plural(briefing.claims.len(), "claim"),
        format.label(),
        path.display()
    );
    Ok(())
}

/// `export --format sqlite -o FILE.db`: the chosen claims (all by
/// default) and every entity as an SQLite database, written atomically.
fn sqlite_export(store: &Store, args: &ExportArgs) -> Result<(), CliError> {
    let Some(path) = &args.output else {
        return Err(CliError::Usage(
            "--format sqlite writes a database: give -o FILE.db".into(),
        ));
    };
    let (claims, _) = export_selection(store, args)?;
    if claims.is_empty() {
        return Err(CliError::NoResults(
            "no claims match the selection; nothing exported".into(),
        ));
    }
    let bytes = export::sqlite::build(store, &claims).map_err(CliError::Usage)?;
    crate::atomic_write::write_atomic(path, &bytes, args.force, &store.inputs)
        .map_err(write_error)?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} as SQLite to {}",
        plural(claims.len(), "claim"),
        path.display()
    );
    Ok(())
}
