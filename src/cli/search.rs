//! `stratlens search`: ranked claims for a query under link filters.

use serde_json::{Value, json};

use super::list::object_json;
use super::views as present;
use super::{Cli, CliError, LinkArgs, emit_json, lookup, stream};
use crate::filter::{Facet, Filter};
use crate::model::{Kind, Store};

pub(super) fn search_filter(store: &Store, links: &LinkArgs) -> Result<Filter, CliError> {
    if links.with_regions && links.country.is_empty() {
        return Err(CliError::Usage(
            "--with-regions goes with --country (the regions of which country?)".into(),
        ));
    }
    let mut filter = Filter {
        with_regions: links.with_regions,
        ..Filter::default()
    };
    for (kind, ids, make) in [
        (
            Kind::Country,
            &links.country,
            Facet::Country as fn(usize) -> Facet,
        ),
        (Kind::Region, &links.region, Facet::Region),
        (Kind::Actor, &links.actor, Facet::Actor),
        (Kind::Theme, &links.theme, Facet::Theme),
    ] {
        for id in ids {
            filter.include.push(make(lookup(store, kind, id)?));
        }
    }
    Ok(filter)
}

/// The claims that pass `filter`, in dataset order, the cache entry's
/// pages handed back as the pass goes: testing every claim reads every
/// record and link (a third of a 100k-claim dataset's size), which a
/// one-shot command need not keep mapped. The explorer keeps them
/// (`Filter::apply`).
pub(super) fn filtered(store: &Store, filter: &Filter) -> Vec<usize> {
    let claims = 0..store.claims().len();
    crate::cache::handing_back(claims, crate::cache::ROWS_PER_RELEASE)
        .filter(|&c| filter.matches(store, c))
        .collect()
}

pub(super) fn search(
    cli: &Cli,
    store: &Store,
    query: &str,
    filter: &Filter,
    limit: Option<usize>,
) -> Result<(), CliError> {
    if query.trim().is_empty() {
        return Err(CliError::Usage("the search query is empty".into()));
    }
    if limit == Some(0) {
        return Err(CliError::Usage(
            "--limit 0 would show nothing; give at least 1 (or leave --limit out for all)".into(),
        ));
    }
    if store.claims().is_empty() {
        if cli.json {
            emit_json(&json!([]))?;
        }
        return Err(CliError::NoResults("the dataset has no claims".into()));
    }
    let index = crate::cache::index_for(store);
    let candidates = filtered(store, filter);
    let never = std::sync::atomic::AtomicBool::new(false);
    // Ranked without highlights: the rows printed here show none, and a
    // broad query at 1M claims matches hundreds of thousands.
    let hits: Vec<(usize, i64)> = match limit {
        Some(n) => index
            .search_top(store, query, &candidates, n, &never)
            .map(|top| top.hits.iter().map(|h| (h.claim, h.score)).collect()),
        None => index.rank(store, query, &candidates, &never),
    }
    .unwrap_or_default();
    if hits.is_empty() {
        if cli.json {
            emit_json(&json!([]))?;
        }
        return Err(CliError::NoResults(format!(
            "no claims match \"{}\"",
            crate::sanitize::inline(query)
        )));
    }
    // Written as they are made (see `stream`): a broad query prints
    // hundreds of thousands of rows.
    if cli.json {
        return stream::emit_json_items(hits.iter().map(|&hit| hit_json(store, hit)));
    }
    stream::emit_lines(
        hits.iter()
            .map(|&(claim, score)| format!("{score:>5}  {}", present::claim_row(store, claim))),
    )
}

/// A hit as JSON: the claim as the dataset has it, with its score.
fn hit_json(store: &Store, (claim, score): (usize, i64)) -> Value {
    let mut v = object_json(store, Kind::Claim, claim);
    if let Value::Object(map) = &mut v {
        map.insert("score".into(), json!(score));
    }
    v
}
