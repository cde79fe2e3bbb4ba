//! Semantic rules over a merged dataset. Every rule reports every breach it
//! finds, with file, line, JSON path and id, so that one run shows the whole
//! list of what to fix.

use std::collections::HashSet;

use hashbrown::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use super::claim::{ClaimIndex, ClaimParts, Extra, LinkSpan, QuoteAt, StoredClaim};
use super::load::{self, Locator, Origin, Parsed, Progress, RawClaim};
use super::positions::CharIndex;
use super::problem::Problem;
use super::types::{Basis, Claim, Dataset, Membership, QuoteTarget, Source};

/// Longest prefix or suffix allowed, in code points.
pub const CONTEXT_MAX: usize = 32;

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
    let ids = Ids {
        sources: unique_ids(
            &mut ctx,
            "sources",
            data.sources.iter().map(|s| s.id.as_str()),
            &origins.sources,
        ),
        countries: unique_ids(
            &mut ctx,
            "countries",
            data.countries.iter().map(|c| c.id.as_str()),
            &origins.countries,
        ),
        regions: unique_ids(
            &mut ctx,
            "regions",
            data.regions.iter().map(|r| r.id.as_str()),
            &origins.regions,
        ),
        actors: unique_ids(
            &mut ctx,
            "actors",
            data.actors.iter().map(|a| a.id.as_str()),
            &origins.actors,
        ),
        themes: unique_ids(
            &mut ctx,
            "themes",
            data.themes.iter().map(|t| t.id.as_str()),
            &origins.themes,
        ),
    };
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

/// The rules over sources, countries and actors.
fn check_entities(known: &Known, origins: &load::Origins, locator: &Locator) -> Vec<Problem> {
    let data = known.data;
    let mut ctx = Ctx {
        problems: Vec::new(),
        locator,
    };
    for (i, source) in data.sources.iter().enumerate() {
        let text = known.texts[i].as_ref();
        check_source(&mut ctx, &known.ids, source, text, &origins.sources[i]);
    }
    check_countries(&mut ctx, known, origins);
    check_regions(&mut ctx, known, origins);
    for (i, actor) in data.actors.iter().enumerate() {
        if let Some(country) = &actor.country
            && !known.ids.countries.contains_key(country.as_str())
        {
            let msg = unknown("country", country);
            ctx.report(&origins.actors[i], "actors", &actor.id, "country", msg);
        }
    }
    ctx.problems
}

/// Problems found per claim, keyed by the claim's place in the merged list.
type Numbered = Vec<(usize, Problem)>;

#[derive(Default)]
struct Checked {
    built: Built,
    /// Claims that could not be parsed.
    unparsed: Numbered,
    problems: Numbered,
}

/// Parses and checks the claims on every core, each thread taking a
/// contiguous run of claims so that the result keeps file order.
fn check_claims(
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

struct IdProblems {
    problems: Vec<Problem>,
    related: Numbered,
}

/// Claim ids must be unique, and related claims must exist.
fn claim_ids(ctx: &mut Ctx, raws: &[RawClaim], built: &mut Built) -> IdProblems {
    let claims = &built.claims;
    let origin = |i: usize| ctx.locator.origin_of(&raws[i]);
    let mut index = ClaimIndex::with_capacity(claims.len());
    let mut problems = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if !is_valid_id(c.id()) {
            ctx.report(&origin(i), "claims", c.id(), "id", BAD_ID.into());
        }
        if let Err(first) = index.insert(claims, i) {
            let f = origin(first);
            let msg = first_defined(ctx.locator, &f);
            ctx.report(&origin(i), "claims", c.id(), "id", msg);
        }
        problems.append(&mut ctx.problems);
    }
    let mut related = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        for (k, r) in c.related().iter().enumerate() {
            if r.claim != c.id() && index.find(claims, &r.claim).is_none() {
                let field = format!("related[{k}].claim");
                ctx.report(
                    &origin(i),
                    "claims",
                    c.id(),
                    &field,
                    unknown("claim", &r.claim),
                );
            }
        }
        related.extend(ctx.problems.drain(..).map(|p| (i, p)));
    }
    built.ids = index;
    IdProblems { problems, related }
}

const BAD_ID: &str = "id must be non-empty and made of A-Z a-z 0-9 . _ -";

fn first_defined(locator: &Locator, first: &Origin) -> String {
    let (line, column) = locator.line_col(first.file, first.offset);
    format!(
        "{}{}:{line}:{column}",
        super::problem::PREFIX_DUPLICATE,
        locator.name(first.file)
    )
}

fn unknown(kind: &str, id: &str) -> String {
    format!("unknown {kind} id \"{}\"", crate::sanitize::inline(id))
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn unique_ids<'a>(
    ctx: &mut Ctx,
    list: &str,
    ids: impl Iterator<Item = &'a str>,
    origins: &[Origin],
) -> IdMap<'a> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        let o = &origins[i];
        if !is_valid_id(id) {
            ctx.report(o, list, id, "id", BAD_ID.into());
        }
        if let Some(&first) = map.get(id) {
            let msg = first_defined(ctx.locator, &origins[first]);
            ctx.report(o, list, id, "id", msg);
        } else {
            map.insert(id, i);
        }
    }
    map
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

fn check_source(ctx: &mut Ctx, ids: &Ids, s: &Source, text: Option<&CharIndex>, o: &Origin) {
    // Strategies are often dated by month only ("JULY 1994").
    if let Some(p) = &s.published
        && !(p.len() >= 7 && is_date(p))
    {
        ctx.report(
            o,
            "sources",
            &s.id,
            "published",
            "must be a date YYYY-MM-DD or YYYY-MM, or null".into(),
        );
    }
    for (k, about) in s.about.iter().enumerate() {
        if !ids.sources.contains_key(about.as_str()) {
            ctx.report(
                o,
                "sources",
                &s.id,
                &format!("about[{k}]"),
                unknown("source", about),
            );
        }
    }
    if let (Some(t), Some(want)) = (&s.text, &s.text_sha256) {
        let got = hex(&Sha256::digest(t.as_bytes()));
        if !got.eq_ignore_ascii_case(want) {
            ctx.report(
                o,
                "sources",
                &s.id,
                "text_sha256",
                format!("does not match the text (its SHA-256 is {got})"),
            );
        }
    }
    if s.text
        .as_ref()
        .is_some_and(|t| u32::try_from(t.len()).is_err())
    {
        ctx.report(
            o,
            "sources",
            &s.id,
            "text",
            "is over 4 GiB; texts up to 4 GiB can be quoted".into(),
        );
    }
    if s.text.is_none() && s.text_sha256.is_some() {
        ctx.report(
            o,
            "sources",
            &s.id,
            "text_sha256",
            "given, but the source has no text".into(),
        );
    }
    check_sections(ctx, s, text, o);
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check_sections(ctx: &mut Ctx, s: &Source, text: Option<&CharIndex>, o: &Origin) {
    if s.sections.is_empty() {
        return;
    }
    let Some(text) = text else {
        ctx.report(
            o,
            "sources",
            &s.id,
            "sections",
            "sections given, but the source has no text".into(),
        );
        return;
    };
    let mut seen = HashSet::new();
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (k, sec) in s.sections.iter().enumerate() {
        let field = format!("sections[{k}]");
        if !is_valid_id(&sec.id) || !seen.insert(sec.id.as_str()) {
            ctx.report(
                o,
                "sources",
                &s.id,
                &field,
                format!(
                    "section id \"{}\" is invalid or repeated",
                    crate::sanitize::inline(&sec.id)
                ),
            );
        }
        if sec.start > sec.end || sec.end > text.len() {
            let msg = format!(
                "span {}..{} is outside the text (0..{} code points)",
                sec.start,
                sec.end,
                text.len()
            );
            ctx.report(o, "sources", &s.id, &field, msg);
            continue;
        }
        spans.push((sec.start, sec.end, k));
    }
    spans.sort();
    for pair in spans.windows(2) {
        let ((_, a_end, a), (b_start, _, b)) = (pair[0], pair[1]);
        if b_start < a_end {
            let msg = format!(
                "overlaps section \"{}\"",
                crate::sanitize::inline(&s.sections[a].id)
            );
            ctx.report(o, "sources", &s.id, &format!("sections[{b}]"), msg);
        }
    }
}

fn check_membership<S>(ctx: &mut Ctx, o: &Origin, id: &str, field: &str, m: &Membership<S>) {
    if let Some(since) = &m.since
        && !is_date(since)
    {
        ctx.report(
            o,
            "countries",
            id,
            &format!("{field}.since"),
            "must be YYYY, YYYY-MM or YYYY-MM-DD".into(),
        );
    }
    let has_ref = m.reference.as_deref().is_some_and(|r| !r.trim().is_empty());
    if m.basis == Basis::Reference && !has_ref {
        ctx.report(
            o,
            "countries",
            id,
            &format!("{field}.reference"),
            "basis is \"reference\", so a reference must name where the fact comes from".into(),
        );
    }
}

fn check_countries(ctx: &mut Ctx, known: &Known, origins: &load::Origins) {
    for (i, c) in known.data.countries.iter().enumerate() {
        let o = &origins.countries[i];
        if c.region.is_some() && known.version(o) >= 2 {
            let msg = "is a schema version 1 field; in version 2 list the country \
                       in a region's members";
            ctx.report(o, "countries", &c.id, "region", msg.into());
        }
        let upper = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_uppercase());
        if !upper(&c.id, 2) {
            ctx.report(
                o,
                "countries",
                &c.id,
                "id",
                "must be an ISO 3166-1 alpha-2 code (two capital letters)".into(),
            );
        }
        if !upper(&c.iso3, 3) {
            ctx.report(
                o,
                "countries",
                &c.id,
                "iso3",
                "must be an ISO 3166-1 alpha-3 code (three capital letters)".into(),
            );
        }
        check_membership(ctx, o, &c.id, "nato", &c.nato);
        check_membership(ctx, o, &c.id, "eu", &c.eu);
    }
}

fn check_regions(ctx: &mut Ctx, known: &Known, origins: &load::Origins) {
    for (i, r) in known.data.regions.iter().enumerate() {
        let o = &origins.regions[i];
        for (k, m) in r.members.iter().enumerate() {
            let field = format!("members[{k}]");
            if !known.ids.countries.contains_key(m.as_str()) {
                ctx.report(o, "regions", &r.id, &field, unknown("country", m));
            } else if r.members[..k].contains(m) {
                let msg = format!("\"{}\" is listed twice", crate::sanitize::inline(m));
                ctx.report(o, "regions", &r.id, &field, msg);
            }
        }
    }
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
            primary: c.primary,
            related: c.related,
            refer_backs: c.refer_backs,
            target: c.quote.target,
        },
    })
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
    let para = super::links::paragraph(text, quote.byte_start as usize);
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

/// Checks the claim's source, section and quote; returns the source and
/// section indexes and where the quote lies.
fn check_place(ctx: &mut Ctx, known: &Known, c: &Claim, o: &Origin) -> Option<(u32, u32, QuoteAt)> {
    let Some(&si) = known.ids.sources.get(c.source.as_str()) else {
        ctx.report(o, "claims", &c.id, "source", unknown("source", &c.source));
        return None;
    };
    let title;
    let text = match c.quote.target {
        QuoteTarget::Text => known.texts[si].as_ref(),
        QuoteTarget::Title => {
            title = CharIndex::new(&known.data.sources[si].title);
            Some(&title)
        }
    };
    let Some(text) = text else {
        let msg = format!(
            "source \"{}\" has no text to quote from",
            crate::sanitize::inline(&c.source)
        );
        ctx.report(o, "claims", &c.id, "source", msg);
        return None;
    };
    let source = &known.data.sources[si];
    let section = source.sections.iter().position(|s| s.id == c.section);
    if section.is_none() {
        let msg = format!(
            "unknown section \"{}\" in source \"{}\"",
            crate::sanitize::inline(&c.section),
            crate::sanitize::inline(&source.id)
        );
        ctx.report(o, "claims", &c.id, "section", msg);
    }
    let range = check_quote(ctx, c, text, o);
    let in_text = c.quote.target == QuoteTarget::Text;
    if let (Some(k), Some(_), true) = (section, range, in_text) {
        let sec = &source.sections[k];
        if c.quote.start < sec.start || c.quote.end > sec.end {
            let msg = format!(
                "quote {}..{} lies outside section \"{}\" ({}..{})",
                c.quote.start,
                c.quote.end,
                crate::sanitize::inline(&sec.id),
                sec.start,
                sec.end
            );
            ctx.report(o, "claims", &c.id, "quote", msg);
        }
    }
    let (byte_start, byte_end) = range?;
    let quote = QuoteAt {
        start: u32::try_from(c.quote.start).ok()?,
        end: u32::try_from(c.quote.end).ok()?,
        byte_start: u32::try_from(byte_start).ok()?,
        byte_end: u32::try_from(byte_end).ok()?,
        prefix_chars: u8::try_from(c.quote.prefix.chars().count()).unwrap_or(u8::MAX),
        suffix_chars: u8::try_from(c.quote.suffix.chars().count()).unwrap_or(u8::MAX),
    };
    Some((si as u32, section.unwrap_or(0) as u32, quote))
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

/// Checks both selectors against the text; returns the quote's byte range.
fn check_quote(ctx: &mut Ctx, c: &Claim, text: &CharIndex, o: &Origin) -> Option<(usize, usize)> {
    let q = &c.quote;
    if q.start > q.end {
        let msg = format!("quote.start {} is after quote.end {}", q.start, q.end);
        ctx.report(o, "claims", &c.id, "quote", msg);
        return None;
    }
    if q.end > text.len() {
        let msg = format!(
            "quote.start..end {}..{} is outside the text (0..{} code points)",
            q.start,
            q.end,
            text.len()
        );
        ctx.report(o, "claims", &c.id, "quote", msg);
        return None;
    }
    let (a, b) = (text.byte(q.start), text.byte(q.end));
    let whole = text.text();
    let found = &whole[a..b];
    if found != q.exact {
        let msg = format!(
            "quote.exact does not match the text at {}..{}: the text there reads \"{}\"",
            q.start,
            q.end,
            crate::sanitize::inline(&shorten(found, 80))
        );
        ctx.report(o, "claims", &c.id, "quote.exact", msg);
        if let Some(at) = text.find_chars(&q.exact) {
            ctx.report(
                o,
                "claims",
                &c.id,
                "quote.start",
                format!(
                    "hint: the exact text occurs at {}..{}",
                    at,
                    at + q.exact.chars().count()
                ),
            );
        }
    }
    // Walk from the quote's ends rather than look the context's offsets up:
    // a million claims make that lookup a measurable part of loading.
    let before = last_chars(&whole[..a], q.prefix.chars().count());
    let after = first_chars(&whole[b..], q.suffix.chars().count());
    check_context(ctx, c, o, "prefix", &q.prefix, before);
    check_context(ctx, c, o, "suffix", &q.suffix, after);
    Some((a, b))
}

/// The last `n` characters of `s` (all of it if shorter).
fn last_chars(s: &str, n: usize) -> &str {
    match n {
        0 => "",
        n => s
            .char_indices()
            .rev()
            .nth(n - 1)
            .map_or(s, |(i, _)| &s[i..]),
    }
}

/// The first `n` characters of `s` (all of it if shorter).
fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn check_context(ctx: &mut Ctx, c: &Claim, o: &Origin, name: &str, given: &str, found: &str) {
    let count = given.chars().count();
    if count > CONTEXT_MAX {
        ctx.report(
            o,
            "claims",
            &c.id,
            &format!("quote.{name}"),
            format!("is {count} code points; at most {CONTEXT_MAX}"),
        );
    }
    if given != found {
        let msg = format!(
            "does not match the text, which reads \"{}\"",
            crate::sanitize::inline(found)
        );
        ctx.report(o, "claims", &c.id, &format!("quote.{name}"), msg);
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_by_characters() {
        assert_eq!(last_chars("ab“cd”", 3), "cd”");
        assert_eq!(last_chars("ab", 5), "ab");
        assert_eq!(last_chars("ab", 0), "");
        assert_eq!(first_chars("“ab” c", 2), "“a");
        assert_eq!(first_chars("ab", 5), "ab");
        assert_eq!(first_chars("ab", 0), "");
    }
}
