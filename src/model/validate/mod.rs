//! Semantic rules over a merged dataset. Every rule reports every breach it
//! finds, with file, line, JSON path and id, so that one run shows the whole
//! list of what to fix.
//!
//! `mod.rs` runs the checks; `ids` checks ids and their uniqueness,
//! `sources` the sources and their sections, `entities` the countries,
//! regions and actors, `claims` parses and checks the claims on every core
//! and `quotes` checks each claim's place and quote against its source.

mod claims;
mod entities;
mod ids;
mod quotes;
mod sources;

use hashbrown::HashMap;

use super::claim::{ClaimIndex, StoredClaim};
use super::load::{Locator, Origin, Origins, Parsed, Progress};
use super::positions::CharIndex;
use super::problem::Problem;
use super::types::{Dataset, Source};
use claims::check_claims;
use entities::check_entities;
use ids::{claim_ids, unique_ids};

pub use ids::is_valid_id;
pub use quotes::CONTEXT_MAX;
pub use sources::hex;

/// The claims validation built: compact claims and the pool their links
/// point into.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub claims: Vec<StoredClaim>,
    pub link_pool: Vec<u32>,
    pub ids: ClaimIndex,
}

struct Ctx<'l> {
    problems: Vec<Problem>,
    locator: &'l Locator<'l>,
}

impl Ctx<'_> {
    fn report(&mut self, origin: &Origin, list: &str, id: &str, field: &str, message: String) {
        let mut path = format!("{list}[{}]", origin.index);
        if !field.is_empty() {
            path.push('.');
            path.push_str(field);
        }
        self.problems.push(Problem {
            place: self.locator.origin_place(origin),
            path: Some(path),
            id: Some(id.to_string()),
            message,
        });
    }
}

type IdMap<'a> = HashMap<&'a str, usize>;

struct Ids<'a> {
    sources: IdMap<'a>,
    countries: IdMap<'a>,
    regions: IdMap<'a>,
    actors: IdMap<'a>,
    themes: IdMap<'a>,
}

/// What the claim checks read: the entities, their ids and source texts.
struct Known<'a> {
    data: &'a Dataset,
    ids: Ids<'a>,
    texts: Vec<Option<CharIndex<'a>>>,
    /// Schema version of each input file.
    versions: &'a [u32],
}

impl Known<'_> {
    fn version(&self, o: &Origin) -> u32 {
        self.versions.get(o.file as usize).copied().unwrap_or(1)
    }
}

/// Parses the claims and checks every rule, or returns every problem found.
/// Syntax and type problems come alone: the rules are not checked over a
/// dataset that could not be read whole.
pub fn validate(
    parsed: &Parsed,
    locator: &Locator,
    progress: Progress,
) -> Result<Built, Vec<Problem>> {
    let data = &parsed.data;
    let origins = &parsed.origins;
    let mut ctx = Ctx {
        problems: Vec::new(),
        locator,
    };
    let ids = entity_ids(&mut ctx, data, origins);
    let texts = char_indexes(&data.sources);
    let known = Known {
        data,
        ids,
        texts,
        versions: &parsed.versions,
    };
    // The entity rules need no claims: they run beside the claim checks.
    let (checked, entity_checks) = std::thread::scope(|s| {
        let entities = s.spawn(|| check_entities(&known, origins, locator));
        let checked = check_claims(&known, &parsed.claims, locator, progress);
        let entity_checks = entities
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (checked, entity_checks)
    });
    if !parsed.problems.is_empty() || !checked.unparsed.is_empty() {
        let mut all = parsed.problems.clone();
        all.extend(checked.unparsed.into_iter().map(|(_, p)| p));
        return Err(all);
    }
    let mut built = checked.built;
    let id_problems = claim_ids(&mut ctx, &parsed.claims, &mut built);
    let mut entity_problems = std::mem::take(&mut ctx.problems);
    entity_problems.extend(id_problems.problems);
    entity_problems.extend(entity_checks);
    let mut claim_problems = checked.problems;
    claim_problems.extend(id_problems.related);
    // Each claim's problems together, claims in file order.
    claim_problems.sort_by_key(|(index, _)| *index);
    entity_problems.extend(claim_problems.into_iter().map(|(_, p)| p));
    if entity_problems.is_empty() {
        Ok(built)
    } else {
        Err(entity_problems)
    }
}

/// The ids of every entity list, each checked and unique in its list.
fn entity_ids<'a>(ctx: &mut Ctx, data: &'a Dataset, origins: &Origins) -> Ids<'a> {
    Ids {
        sources: unique_ids(
            ctx,
            "sources",
            data.sources.iter().map(|s| s.id.as_str()),
            &origins.sources,
        ),
        countries: unique_ids(
            ctx,
            "countries",
            data.countries.iter().map(|c| c.id.as_str()),
            &origins.countries,
        ),
        regions: unique_ids(
            ctx,
            "regions",
            data.regions.iter().map(|r| r.id.as_str()),
            &origins.regions,
        ),
        actors: unique_ids(
            ctx,
            "actors",
            data.actors.iter().map(|a| a.id.as_str()),
            &origins.actors,
        ),
        themes: unique_ids(
            ctx,
            "themes",
            data.themes.iter().map(|t| t.id.as_str()),
            &origins.themes,
        ),
    }
}

/// The code-point index of every source text, built on every core.
fn char_indexes(sources: &[Source]) -> Vec<Option<CharIndex<'_>>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = sources.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let parts: Vec<_> = sources
            .chunks(per)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|x| x.text.as_deref().map(CharIndex::new))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && num(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}
