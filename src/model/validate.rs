//! Semantic rules over a merged dataset. Every rule reports every breach it
//! finds, with file, line, JSON path and id, so that one run shows the whole
//! list of what to fix.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::load::{Origin, Origins};
use super::problem::Problem;
use super::text::CharIndex;
use super::types::{Basis, Claim, Dataset, Membership, Source};

/// Longest prefix or suffix allowed, in code points.
pub const CONTEXT_MAX: usize = 32;

/// What validation works out on the way and the store keeps.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Byte range of each claim's quote in its source text.
    pub quote_bytes: Vec<(usize, usize)>,
    /// Index of each claim's section in its source's `sections`.
    pub claim_section: Vec<usize>,
}

struct Ctx<'a> {
    problems: Vec<Problem>,
    origins: &'a Origins,
}

impl Ctx<'_> {
    fn report(&mut self, origin: &Origin, list: &str, id: &str, field: &str, message: String) {
        let mut path = format!("{list}[{}]", origin.index);
        if !field.is_empty() {
            path.push('.');
            path.push_str(field);
        }
        self.problems.push(Problem {
            place: origin.place(),
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
    actors: IdMap<'a>,
    themes: IdMap<'a>,
    claims: IdMap<'a>,
}

pub fn validate(data: &Dataset, origins: &Origins) -> Result<Derived, Vec<Problem>> {
    let mut ctx = Ctx {
        problems: Vec::new(),
        origins,
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
        claims: unique_ids(
            &mut ctx,
            "claims",
            data.claims.iter().map(|c| c.id.as_str()),
            &origins.claims,
        ),
    };
    let texts: Vec<Option<CharIndex>> = data
        .sources
        .iter()
        .map(|s| s.text.as_deref().map(CharIndex::new))
        .collect();
    for (i, source) in data.sources.iter().enumerate() {
        check_source(
            &mut ctx,
            &ids,
            source,
            texts[i].as_ref(),
            &origins.sources[i],
        );
    }
    check_countries(&mut ctx, data);
    for (i, actor) in data.actors.iter().enumerate() {
        if let Some(country) = &actor.country
            && !ids.countries.contains_key(country.as_str())
        {
            let o = &ctx.origins.actors[i];
            ctx.report(
                o,
                "actors",
                &actor.id,
                "country",
                unknown("country", country),
            );
        }
    }
    let mut derived = Derived::default();
    for (i, claim) in data.claims.iter().enumerate() {
        let (range, section) = check_claim(&mut ctx, &ids, data, &texts, claim, &origins.claims[i]);
        derived.quote_bytes.push(range);
        derived.claim_section.push(section);
    }
    if ctx.problems.is_empty() {
        Ok(derived)
    } else {
        Err(ctx.problems)
    }
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
            ctx.report(
                o,
                list,
                id,
                "id",
                "id must be non-empty and made of A-Z a-z 0-9 . _ -".into(),
            );
        }
        if let Some(&first) = map.get(id) {
            let f: &Origin = &origins[first];
            let msg = format!(
                "duplicate id; first defined at {}:{}:{}",
                f.file, f.line, f.column
            );
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
    if let Some(p) = &s.published
        && !(p.len() == 10 && is_date(p))
    {
        ctx.report(
            o,
            "sources",
            &s.id,
            "published",
            "must be a date YYYY-MM-DD or null".into(),
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

fn check_countries(ctx: &mut Ctx, data: &Dataset) {
    for (i, c) in data.countries.iter().enumerate() {
        let o = &ctx.origins.countries[i];
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

fn check_refs(
    ctx: &mut Ctx,
    o: &Origin,
    id: &str,
    field: &str,
    kind: &str,
    list: &[String],
    known: &IdMap,
) {
    let mut seen = HashSet::new();
    for (k, r) in list.iter().enumerate() {
        if !known.contains_key(r.as_str()) {
            ctx.report(o, "claims", id, &format!("{field}[{k}]"), unknown(kind, r));
        } else if !seen.insert(r.as_str()) {
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
    ids: &Ids,
    data: &Dataset,
    texts: &[Option<CharIndex>],
    c: &Claim,
    o: &Origin,
) -> ((usize, usize), usize) {
    check_refs(
        ctx,
        o,
        &c.id,
        "countries",
        "country",
        &c.countries,
        &ids.countries,
    );
    check_refs(ctx, o, &c.id, "actors", "actor", &c.actors, &ids.actors);
    check_refs(ctx, o, &c.id, "themes", "theme", &c.themes, &ids.themes);
    if let Some(speaker) = &c.attribution.speaker
        && !ids.actors.contains_key(speaker.as_str())
    {
        ctx.report(
            o,
            "claims",
            &c.id,
            "attribution.speaker",
            unknown("actor", speaker),
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
        let field = format!("related[{k}].claim");
        if r.claim == c.id {
            ctx.report(
                o,
                "claims",
                &c.id,
                &field,
                "a claim cannot relate to itself".into(),
            );
        } else if !ids.claims.contains_key(r.claim.as_str()) {
            ctx.report(o, "claims", &c.id, &field, unknown("claim", &r.claim));
        }
    }
    check_hedges(ctx, c, o);
    let Some(&si) = ids.sources.get(c.source.as_str()) else {
        ctx.report(o, "claims", &c.id, "source", unknown("source", &c.source));
        return ((0, 0), 0);
    };
    let Some(text) = texts[si].as_ref() else {
        ctx.report(
            o,
            "claims",
            &c.id,
            "source",
            format!(
                "source \"{}\" has no text to quote from",
                crate::sanitize::inline(&c.source)
            ),
        );
        return ((0, 0), 0);
    };
    let source = &data.sources[si];
    let section = source.sections.iter().position(|s| s.id == c.section);
    if section.is_none() {
        ctx.report(
            o,
            "claims",
            &c.id,
            "section",
            format!(
                "unknown section \"{}\" in source \"{}\"",
                crate::sanitize::inline(&c.section),
                crate::sanitize::inline(&source.id)
            ),
        );
    }
    let range = check_quote(ctx, c, text, o);
    if let (Some(k), Some(_)) = (section, range) {
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
    (range.unwrap_or((0, 0)), section.unwrap_or(0))
}

fn check_hedges(ctx: &mut Ctx, c: &Claim, o: &Origin) {
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
    let found = text.slice(q.start, q.end);
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
    let before = text.slice(q.start.saturating_sub(q.prefix.chars().count()), q.start);
    let after = text.slice(q.end, (q.end + q.suffix.chars().count()).min(text.len()));
    check_context(ctx, c, o, "prefix", &q.prefix, before);
    check_context(ctx, c, o, "suffix", &q.suffix, after);
    Some((text.byte(q.start), text.byte(q.end)))
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
