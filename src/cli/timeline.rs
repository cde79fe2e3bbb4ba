//! `stratlens timeline`: sources in date order with their claims under the
//! filter, as numbers and bars.

use serde_json::Value;

use super::search::search_filter;
use super::{Cli, CliError, LinkArgs, bar, emit, emit_json, truncate};
use crate::model::Store;
use crate::words::plural;

/// `stratlens timeline`: a row per source in date order, its claims under
/// the filter as a number and a bar.
pub(super) fn timeline_cmd(
    cli: &Cli,
    store: &Store,
    links: &LinkArgs,
    query: Option<&str>,
) -> Result<(), CliError> {
    let filter = search_filter(store, links)?;
    let mut claims = super::search::filtered(store, &filter);
    if let Some(q) = query.filter(|q| !q.trim().is_empty()) {
        let hits = crate::cache::index_for(store).search(store, q, &claims);
        let matched: std::collections::HashSet<usize> = hits.iter().map(|h| h.claim).collect();
        claims.retain(|c| matched.contains(c));
    }
    let rows = crate::timeline::rows(store, &claims);
    if cli.json {
        return emit_json(&serde_json::to_value(&rows).unwrap_or(Value::Null));
    }
    let max = rows.iter().map(|r| r.count).max().unwrap_or(0);
    let mut o = String::new();
    let mut chosen = filter.describe(store);
    chosen.extend(query.map(|q| format!("search: {q}")));
    let what = if chosen.is_empty() {
        "all claims".to_string()
    } else {
        chosen.join("; ")
    };
    o.push_str(&format!(
        "{} across {} ({})\n",
        plural(claims.len(), "claim"),
        plural(rows.len(), "source"),
        crate::sanitize::inline(&what)
    ));
    for r in &rows {
        let line = format!(
            "{:<10} {:<20} {:>4}  {:<24} {}",
            r.published.as_deref().unwrap_or("undated"),
            crate::sanitize::inline(&r.source),
            r.count,
            bar(r.count, max, 24),
            truncate(&crate::sanitize::inline(&r.title), 60)
        );
        o.push_str(line.trim_end());
        o.push('\n');
    }
    emit(&o)
}
