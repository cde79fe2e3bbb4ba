//! The claims: parsed and checked on every core, a run of claims per
//! thread, each claim's links, speaker, hedges and refer-backs checked and
//! the claim stored in its compact form.

use std::sync::atomic::{AtomicU64, Ordering};

use super::ids::unknown;
use super::quotes::check_place;
use super::{Built, Ctx, IdMap, Ids, Known};
use crate::model::claim::{ClaimParts, Extra, LinkSpan, QuoteAt, StoredClaim};
use crate::model::load::{self, Locator, Origin, Progress, RawClaim};
use crate::model::problem::Problem;
use crate::model::types::{Claim, QuoteTarget};

/// Problems found per claim, keyed by the claim's place in the merged list.
pub(super) type Numbered = Vec<(usize, Problem)>;

#[derive(Default)]
pub(super) struct Checked {
    pub(super) built: Built,
    /// Claims that could not be parsed.
    pub(super) unparsed: Numbered,
    pub(super) problems: Numbered,
}

/// Parses and checks the claims on every core, each thread taking a
/// contiguous run of claims so that the result keeps file order.
pub(super) fn check_claims(
    known: &Known,
    raws: &[RawClaim],
    locator: &Locator,
    progress: Progress,
) -> Checked {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let per = raws.len().div_ceil(threads).max(4096);
    let done = AtomicU64::new(0);
    let total = raws.len() as u64;
    let parts: Vec<Checked> = std::thread::scope(|s| {
        let handles: Vec<_> = raws
            .chunks(per)
            .enumerate()
            .map(|(k, chunk)| {
                let done = &done;
                s.spawn(move || {
                    check_run(known, chunk, k * per, locator, &|n| {
                        let now = done.fetch_add(n, Ordering::Relaxed) + n;
                        if let Some(f) = progress {
                            f("checking", now, total);
                        }
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut all = Checked::default();
    for mut part in parts {
        let base = all.built.link_pool.len() as u32;
        for c in &mut part.built.claims {
            c.links.offset += base;
        }
        all.built.claims.append(&mut part.built.claims);
        all.built.link_pool.append(&mut part.built.link_pool);
        all.unparsed.append(&mut part.unparsed);
        all.problems.append(&mut part.problems);
    }
    all
}

/// Claims between progress reports and page hand-backs.
const BATCH: usize = 1 << 14;

fn check_run(
    known: &Known,
    raws: &[RawClaim],
    first: usize,
    locator: &Locator,
    report: &dyn Fn(u64),
) -> Checked {
    let mut out = Checked::default();
    out.built.claims.reserve(raws.len());
    let mut ctx = Ctx {
        problems: Vec::new(),
        locator,
    };
    for (batch_no, batch) in raws.chunks(BATCH).enumerate() {
        for (k, rc) in batch.iter().enumerate() {
            let number = first + batch_no * BATCH + k;
            let origin = locator.origin_of(rc);
            match load::parse_raw::<Claim>(rc.raw) {
                Ok(claim) => {
                    let row = check_claim(&mut ctx, known, claim, &origin, &mut out.built);
                    out.built.claims.push(row);
                    out.problems
                        .extend(ctx.problems.drain(..).map(|p| (number, p)));
                }
                Err(e) => {
                    let p = load::raw_problem(locator, &origin, "claims", rc.raw, e);
                    out.unparsed.push((number, p));
                }
            }
        }
        locator.release_behind(batch);
        report(batch.len() as u64);
    }
    out
}
fn check_refs(
    ctx: &mut Ctx,
    o: &Origin,
    id: &str,
    field: &str,
    kind: &str,
    list: &[String],
    known: &IdMap,
) {
    for (k, r) in list.iter().enumerate() {
        // Lists are a few ids long: a scan beats a set.
        if !known.contains_key(r.as_str()) {
            ctx.report(o, "claims", id, &format!("{field}[{k}]"), unknown(kind, r));
        } else if list[..k].contains(r) {
            ctx.report(
                o,
                "claims",
                id,
                &format!("{field}[{k}]"),
                format!("\"{}\" is listed twice", crate::sanitize::inline(r)),
            );
        }
    }
}

fn check_claim(
    ctx: &mut Ctx,
    known: &Known,
    c: Claim,
    o: &Origin,
    built: &mut Built,
) -> StoredClaim {
    let ids = &known.ids;
    check_links(ctx, ids, &c, o);
    let links = link_span(ids, &c, &mut built.link_pool);
    let speaker = c.attribution.speaker.as_deref().map(|s| ids.actors.get(s));
    if let (Some(s), Some(None)) = (&c.attribution.speaker, speaker) {
        ctx.report(
            o,
            "claims",
            &c.id,
            "attribution.speaker",
            unknown("actor", s),
        );
    }
    check_primary_and_related(ctx, ids, &c, o);
    check_hedges(ctx, &c, o);
    let place = check_place(ctx, known, &c, o);
    if let Some((source, _, quote)) = place {
        check_refer_backs(ctx, known, &c, o, source as usize, quote);
    }
    let (source, section, quote) = place.unwrap_or_default();
    StoredClaim::new(ClaimParts {
        id: &c.id,
        statement: &c.statement,
        cue: c.attribution.cue.as_deref(),
        source,
        section,
        quote,
        links,
        layer: c.attribution.layer,
        certainty: c.certainty,
        speaker: speaker.flatten().map(|&i| i as u32),
        extra: Extra {
            hedges: c.hedges,
            primary: c.primary.map(Box::new),
            related: c.related,
            refer_backs: c.refer_backs,
            target: c.quote.target,
        },
    })
}

/// The claim's country, region, actor and theme ids: known, none twice.
fn check_links(ctx: &mut Ctx, ids: &Ids, c: &Claim, o: &Origin) {
    check_refs(
        ctx,
        o,
        &c.id,
        "countries",
        "country",
        &c.countries,
        &ids.countries,
    );
    check_refs(ctx, o, &c.id, "regions", "region", &c.regions, &ids.regions);
    check_refs(ctx, o, &c.id, "actors", "actor", &c.actors, &ids.actors);
    check_refs(ctx, o, &c.id, "themes", "theme", &c.themes, &ids.themes);
}

/// The claim's primary source is known, and no claim relates to itself.
fn check_primary_and_related(ctx: &mut Ctx, ids: &Ids, c: &Claim, o: &Origin) {
    if let Some(p) = &c.primary
        && !ids.sources.contains_key(p.source.as_str())
    {
        ctx.report(
            o,
            "claims",
            &c.id,
            "primary.source",
            unknown("source", &p.source),
        );
    }
    for (k, r) in c.related.iter().enumerate() {
        if r.claim == c.id {
            let field = format!("related[{k}].claim");
            let msg = "a claim cannot relate to itself".to_string();
            ctx.report(o, "claims", &c.id, &field, msg);
        }
    }
}

/// A refer-back names a linked entity, words of the quote's paragraph, and
/// words of the text that name the entity.
fn check_refer_backs(
    ctx: &mut Ctx,
    known: &Known,
    c: &Claim,
    o: &Origin,
    source: usize,
    quote: QuoteAt,
) {
    if c.refer_backs.is_empty() {
        return;
    }
    let text = quoted_text(known, c, source);
    let para = crate::model::links::paragraph(text, quote.byte_start as usize);
    for (k, r) in c.refer_backs.iter().enumerate() {
        let field = |f: &str| format!("refer_backs[{k}].{f}");
        if !c.countries.contains(&r.entity) && !c.regions.contains(&r.entity) {
            let msg = format!(
                "\"{}\" is not among the claim's countries or regions",
                crate::sanitize::inline(&r.entity)
            );
            ctx.report(o, "claims", &c.id, &field("entity"), msg);
        }
        if r.phrase.trim().is_empty() || !para.contains(r.phrase.as_str()) {
            let msg = "does not occur in the quote's paragraph".to_string();
            ctx.report(o, "claims", &c.id, &field("phrase"), msg);
        }
        if r.antecedent.trim().is_empty() || !text.contains(r.antecedent.as_str()) {
            let msg = "does not occur in the source's text".to_string();
            ctx.report(o, "claims", &c.id, &field("antecedent"), msg);
        }
    }
}

/// The string a claim quotes: its source's text, or its title.
fn quoted_text<'a>(known: &Known<'a>, c: &Claim, source: usize) -> &'a str {
    let s = &known.data.sources[source];
    match c.quote.target {
        QuoteTarget::Text => s.text.as_deref().unwrap_or(""),
        QuoteTarget::Title => &s.title,
    }
}

/// Appends the claim's known links to the pool.
fn link_span(ids: &Ids, c: &Claim, pool: &mut Vec<u32>) -> LinkSpan {
    let offset = pool.len() as u32;
    let mut add = |list: &[String], map: &IdMap| -> u16 {
        let before = pool.len();
        pool.extend(
            list.iter()
                .filter_map(|id| map.get(id.as_str()))
                .map(|&i| i as u32),
        );
        u16::try_from(pool.len() - before).unwrap_or(u16::MAX)
    };
    LinkSpan {
        offset,
        countries: add(&c.countries, &ids.countries),
        actors: add(&c.actors, &ids.actors),
        themes: add(&c.themes, &ids.themes),
        regions: add(&c.regions, &ids.regions),
    }
}
fn check_hedges(ctx: &mut Ctx, c: &Claim, o: &Origin) {
    if c.hedges.is_empty() {
        return;
    }
    let quote = c.quote.exact.to_lowercase();
    for (k, h) in c.hedges.iter().enumerate() {
        if h.trim().is_empty() || !quote.contains(&h.to_lowercase()) {
            let msg = format!(
                "hedge \"{}\" does not occur in quote.exact",
                crate::sanitize::inline(h)
            );
            ctx.report(o, "claims", &c.id, &format!("hedges[{k}]"), msg);
        }
    }
}
