//! Rows to claims: each quote anchored in the source's text, each link
//! resolved by id, name or alias, and the claim ids made where none is given.

use std::collections::HashSet;

use serde_json::Value;

use super::hedges::{certainty_of, hedges_in};
use super::{Parsed, Report, Row};
use crate::authoring::anchor::{self, Decider, Hints};
use crate::model::{
    Attribution, Certainty, Claim, Kind, Layer, Quote, QuoteTarget, Section, Source, SourceKind,
    Store,
};

/// Everything an import needs besides the rows: the dataset to link into
/// (its countries, regions, actors and themes), the source and the claim
/// ids taken.
pub struct Context<'a> {
    store: &'a Store,
    source: &'a Source,
    taken: HashSet<String>,
}

impl<'a> Context<'a> {
    pub fn new(store: &'a Store, source: &'a Source) -> Context<'a> {
        let taken = store.claims().iter().map(|c| c.id().to_string()).collect();
        Context {
            store,
            source,
            taken,
        }
    }

    /// The id of the entity `given` names: by id, or case-insensitively by
    /// id, name or alias when only one entity answers (the lookup every
    /// command uses); an ambiguous or unknown name is an error naming the
    /// candidates.
    pub fn resolve(&self, kind: Kind, given: &str) -> Result<String, String> {
        crate::target::lookup(self.store, kind, given)
            .map(|i| self.store.id_at(kind, i).to_string())
    }

    /// A W3C tag: `kind:id`, or a name looked for among the themes, then
    /// the countries, regions and actors. `None`: it names nothing.
    fn resolve_tag(&self, tag: &str) -> Result<Option<(Kind, String)>, String> {
        const LINKED: [Kind; 4] = [Kind::Theme, Kind::Country, Kind::Region, Kind::Actor];
        if let Some((kind, id)) = tag.split_once(':')
            && let Some(kind) = Kind::parse(kind).filter(|k| LINKED.contains(k))
        {
            return self.resolve(kind, id).map(|id| Some((kind, id)));
        }
        for kind in LINKED {
            match self.resolve(kind, tag) {
                Ok(id) => return Ok(Some((kind, id))),
                Err(e) if e.contains("could be more than one") => return Err(e),
                Err(_) => {}
            }
        }
        Ok(None)
    }
}

/// Builds every row's claim; returns the claims and what became of each
/// row, in input order.
pub fn build_all(ctx: &mut Context, rows: Vec<Parsed>) -> (Vec<Claim>, Vec<Report>) {
    let prefix = format!("{}-", ctx.source.id);
    let mut next = first_free_number(ctx, &rows, &prefix);
    let mut claims = Vec::new();
    let mut reports = Vec::new();
    for row in rows {
        let report = |line, status, message| Report {
            line,
            id: None,
            status,
            start: None,
            end: None,
            message,
        };
        let row = match row {
            Err((line, e)) => {
                reports.push(report(line, "error", e));
                continue;
            }
            Ok(row) => row,
        };
        if let Some(why) = &row.skip {
            reports.push(report(row.line, "skipped", why.clone()));
            continue;
        }
        let id = match &row.id {
            Some(id) => id.clone(),
            None => {
                next += 1;
                format!("{prefix}{}", next - 1)
            }
        };
        match build(ctx, &row, id) {
            Ok((claim, how)) => {
                reports.push(Report {
                    id: Some(claim.id.clone()),
                    start: Some(claim.quote.start),
                    end: Some(claim.quote.end),
                    ..report(row.line, "anchored", how)
                });
                ctx.taken.insert(claim.id.clone());
                claims.push(claim);
            }
            Err(e) => reports.push(report(row.line, "error", e)),
        }
    }
    (claims, reports)
}

/// The number after the highest `PREFIX-N` among the ids taken and the ids
/// the rows give: made ids never clash with either.
fn first_free_number(ctx: &Context, rows: &[Parsed], prefix: &str) -> u64 {
    let numbered = |id: &str| id.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok());
    let given = rows
        .iter()
        .filter_map(|r| r.as_ref().ok().and_then(|r| r.id.as_deref()));
    ctx.taken
        .iter()
        .map(String::as_str)
        .chain(given)
        .filter_map(numbered)
        .max()
        .unwrap_or(0)
        + 1
}

/// One claim, and what was done to anchor it.
pub fn build(ctx: &Context, row: &Row, id: String) -> Result<(Claim, String), String> {
    let source = ctx.source;
    check_row(ctx, row, &id)?;
    let (target, text) = quoted_text(source, row)?;
    let quote = quote_or_position(row, text)?;
    let hints = Hints {
        prefix: row.prefix.as_deref(),
        suffix: row.suffix.as_deref(),
        start: row.start,
    };
    let found = anchor::anchor(text, &quote, &hints).map_err(|e| e.to_string())?;
    let exact = text[found.byte_start..found.byte_end].to_string();
    let (prefix, suffix) = anchor::context(text, found.byte_start, found.byte_end);
    let section = section_of(source, target, &found)?;
    let (mut links, notes) = links_of(ctx, row)?;
    let (layer, speaker) = layer_and_speaker(ctx, row)?;
    if let Some(s) = &speaker
        && !links.actors.contains(s)
    {
        links.actors.push(s.clone());
    }
    let (hedges, certainty) = hedges_and_certainty(row, &exact)?;
    let how = how_anchored(&found, target, &section.id, notes);
    let claim = Claim {
        id,
        source: source.id.clone(),
        section: section.id.clone(),
        statement: row.statement.trim().to_string(),
        quote: Quote {
            exact,
            prefix,
            suffix,
            start: found.start,
            end: found.end,
            target,
        },
        countries: links.countries,
        regions: links.regions,
        refer_backs: Vec::new(),
        actors: links.actors,
        themes: links.themes,
        attribution: Attribution {
            layer,
            speaker,
            cue: row.cue.clone(),
        },
        hedges,
        certainty,
        primary: None,
        related: Vec::new(),
    };
    Ok((claim, how))
}

/// What makes a row no claim before its quote is looked at: a taken id,
/// another source, no statement.
fn check_row(ctx: &Context, row: &Row, id: &str) -> Result<(), String> {
    if ctx.taken.contains(id) {
        return Err(format!(
            "claim id \"{}\" is taken; leave the id empty to have one made",
            crate::sanitize::inline(id)
        ));
    }
    if let Some(other) = &row.target_source
        && *other != ctx.source.id
    {
        return Err(format!(
            "the annotation targets source \"{}\", not \"{}\"",
            crate::sanitize::inline(other),
            ctx.source.id
        ));
    }
    if row.statement.trim().is_empty() {
        return Err("no statement (the claim in the analyst's words)".into());
    }
    Ok(())
}

/// What the row quotes from: the source's title, or its text.
fn quoted_text<'s>(source: &'s Source, row: &Row) -> Result<(QuoteTarget, &'s str), String> {
    if row.title {
        return Ok((QuoteTarget::Title, source.title.as_str()));
    }
    let text = source
        .text
        .as_deref()
        .ok_or_else(|| format!("source \"{}\" has no text to quote from", source.id))?;
    Ok((QuoteTarget::Text, text))
}

/// The row's quote; a position without a quote stands for the text there.
fn quote_or_position(row: &Row, text: &str) -> Result<String, String> {
    if row.quote.trim().is_empty()
        && let (Some(s), Some(e)) = (row.start, row.end)
    {
        let ix = crate::model::positions::CharIndex::new(text);
        if s >= e || e > ix.len() {
            return Err(format!(
                "position {s}..{e} is outside the text (0..{} code points)",
                ix.len()
            ));
        }
        return Ok(ix.slice(s, e).to_string());
    }
    Ok(row.quote.clone())
}

/// The one section that holds the quote (a title's quote: the first).
fn section_of<'s>(
    source: &'s Source,
    target: QuoteTarget,
    found: &anchor::Anchor,
) -> Result<&'s Section, String> {
    let section = match target {
        QuoteTarget::Title => source.sections.first(),
        QuoteTarget::Text => source
            .sections
            .iter()
            .find(|s| s.start <= found.start && found.end <= s.end),
    };
    section.ok_or_else(|| {
        let touched: Vec<&str> = source
            .sections
            .iter()
            .filter(|s| s.start < found.end && found.start < s.end)
            .map(|s| s.id.as_str())
            .collect();
        if touched.is_empty() {
            format!(
                "the quote at {}..{} lies in no section of source \"{}\"",
                found.start, found.end, source.id
            )
        } else {
            format!(
                "the quote at {}..{} runs across sections {}; a quote lies in one section",
                found.start,
                found.end,
                touched.join(" and ")
            )
        }
    })
}

/// A claim's links, each id once.
#[derive(Default)]
struct Links {
    countries: Vec<String>,
    regions: Vec<String>,
    actors: Vec<String>,
    themes: Vec<String>,
}

/// The row's links resolved, its W3C tags added; notes on tags that name
/// nothing.
fn links_of(ctx: &Context, row: &Row) -> Result<(Links, Vec<String>), String> {
    let resolve = |kind: Kind, given: &[String]| -> Result<Vec<String>, String> {
        let mut ids: Vec<String> = Vec::new();
        for g in given {
            let id = ctx.resolve(kind, g)?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    };
    let mut links = Links {
        countries: resolve(Kind::Country, &row.countries)?,
        regions: resolve(Kind::Region, &row.regions)?,
        actors: resolve(Kind::Actor, &row.actors)?,
        themes: resolve(Kind::Theme, &row.themes)?,
    };
    let mut notes = Vec::new();
    for tag in &row.tags {
        match ctx.resolve_tag(tag)? {
            None => notes.push(format!(
                "tag \"{}\" names no theme, country, region or actor: left out",
                crate::sanitize::inline(tag)
            )),
            Some((kind, id)) => {
                let list = match kind {
                    Kind::Country => &mut links.countries,
                    Kind::Region => &mut links.regions,
                    Kind::Actor => &mut links.actors,
                    // resolve_tag links only the four kinds above and themes.
                    Kind::Theme | Kind::Source | Kind::Claim => &mut links.themes,
                };
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
    }
    Ok((links, notes))
}

/// The row's layer (by default from the kind of source) and speaker (by
/// default the source itself, for a primary layer, when it is an actor).
fn layer_and_speaker(ctx: &Context, row: &Row) -> Result<(Layer, Option<String>), String> {
    let source = ctx.source;
    let layer = match &row.layer {
        Some(l) => parse_enum::<Layer>("layer", l, Layer::ALL.map(Layer::as_str).as_slice())?,
        None if source.kind == SourceKind::StrategyDocument => Layer::PrimaryVerbatim,
        None => Layer::Author,
    };
    let speaker = match &row.speaker {
        Some(s) => Some(ctx.resolve(Kind::Actor, s)?),
        None if matches!(layer, Layer::PrimaryVerbatim | Layer::PrimaryParaphrase)
            && ctx.store.index_of(Kind::Actor, &source.id).is_some() =>
        {
            Some(source.id.clone())
        }
        None => None,
    };
    Ok((layer, speaker))
}

/// The row's hedges (each must occur in the quote; by default those found
/// in it) and certainty (by default what the hedges make it).
fn hedges_and_certainty(row: &Row, exact: &str) -> Result<(Vec<String>, Certainty), String> {
    let hedges = match &row.hedges {
        Some(given) => {
            let lower = exact.to_lowercase();
            if let Some(h) = given.iter().find(|h| !lower.contains(&h.to_lowercase())) {
                return Err(format!(
                    "hedge \"{}\" does not occur in the quote",
                    crate::sanitize::inline(h)
                ));
            }
            given.clone()
        }
        None => hedges_in(exact),
    };
    let certainty = match &row.certainty {
        Some(c) => parse_enum::<Certainty>(
            "certainty",
            c,
            Certainty::ALL.map(Certainty::as_str).as_slice(),
        )?,
        None => certainty_of(&hedges),
    };
    Ok((hedges, certainty))
}

/// The report's words for how the quote was anchored.
fn how_anchored(
    found: &anchor::Anchor,
    target: QuoteTarget,
    section: &str,
    notes: Vec<String>,
) -> String {
    let mut how = format!("anchored at {}..{}", found.start, found.end);
    if target == QuoteTarget::Title {
        how.push_str(" of the title");
    }
    if !found.normalised.is_empty() {
        how.push_str(&format!(" after normalising {}", found.normalised_label()));
    }
    match found.decided_by {
        Some(Decider::Position) => how.push_str(&format!(
            " (of {} matches, the one at the given start)",
            found.matches
        )),
        Some(Decider::Context) => how.push_str(&format!(
            " (of {} matches, the one the prefix/suffix fit)",
            found.matches
        )),
        None => {}
    }
    how.push_str(&format!(" in section {section}"));
    for n in notes {
        how.push_str("; ");
        how.push_str(&n);
    }
    how
}

fn parse_enum<T: serde::de::DeserializeOwned>(
    field: &str,
    given: &str,
    values: &[&str],
) -> Result<T, String> {
    serde_json::from_value(Value::String(given.trim().to_lowercase())).map_err(|_| {
        format!(
            "{field} \"{}\" is not one of {}",
            crate::sanitize::inline(given),
            values.join(", ")
        )
    })
}
