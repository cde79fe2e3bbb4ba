//! Briefings: the claims an analyst chose, with exact quotes and citations,
//! as Markdown (to paste into a document), JSON or CSV.

use std::fmt::Write;
use std::io;

use serde_json::{Value, json};

mod citation;
pub mod sqlite;
pub use citation::{attribution, citation, citation_block, quote_with_short_citation};

use crate::model::{Claim, Kind, Store};
use crate::sanitize::inline;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[value(name = "md", alias = "markdown")]
    Markdown,
    Json,
    Csv,
    /// W3C Web Annotations (JSON-LD), one per claim.
    W3c,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::W3c => "jsonld",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
            Format::Csv => "CSV",
            Format::W3c => "W3C Web Annotations",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum GroupBy {
    #[default]
    Country,
    Theme,
    /// One list, in the briefing's order.
    None,
}

impl GroupBy {
    pub const ALL: [GroupBy; 3] = [GroupBy::Country, GroupBy::Theme, GroupBy::None];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Country => "country",
            GroupBy::Theme => "theme",
            GroupBy::None => "none",
        }
    }
}

/// What goes into one briefing.
#[derive(Debug, Clone)]
pub struct Briefing {
    pub title: String,
    /// Claim indexes in the order to present them.
    pub claims: Vec<usize>,
    /// Human description of how the claims were chosen, one item a filter.
    pub filters: Vec<String>,
    pub group_by: GroupBy,
    /// When it was made, e.g. `2026-11-27 04:10 UTC`.
    pub generated: String,
}

/// The current time, or SOURCE_DATE_EPOCH when set, so that briefings can
/// be reproduced byte for byte (and tested against golden files).
pub fn now_utc() -> time::OffsetDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .unwrap_or_else(time::OffsetDateTime::now_utc)
}

/// `2026-11-27 04:10 UTC`
pub fn stamp(t: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    t.format(&f).unwrap_or_default()
}

/// `stratlens-briefing-20261127-0410.md`
pub fn default_file_name(t: time::OffsetDateTime, format: Format) -> String {
    let f = time::macros::format_description!("[year][month][day]-[hour][minute]");
    format!(
        "stratlens-briefing-{}.{}",
        t.format(&f).unwrap_or_default(),
        format.extension()
    )
}

/// `brief` → `brief.md`: a file name without an extension gets the format's.
pub fn with_extension(path: &std::path::Path, format: Format) -> std::path::PathBuf {
    if path.extension().is_none() && path.file_name().is_some() && !path.is_dir() {
        path.with_extension(format.extension())
    } else {
        path.to_path_buf()
    }
}

/// The analyst's notes on claims (store index to note), carried into
/// every format of a briefing.
pub type Notes = std::collections::BTreeMap<usize, String>;

pub fn render(store: &Store, b: &Briefing, format: Format) -> String {
    render_with_notes(store, b, format, &Notes::new())
}

/// [`render`], with each claim's note: in Markdown a line under the
/// claim, in JSON a `note` field, in CSV the `note` column, in W3C a
/// commenting body.
pub fn render_with_notes(store: &Store, b: &Briefing, format: Format, notes: &Notes) -> String {
    let mut out = Vec::new();
    // Writing to memory fails only on text that is not UTF-8, which no
    // format makes.
    let _ = write(store, b, format, notes, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`render_with_notes`], written to `out` as it is made: a briefing of
/// every claim of a large dataset is never held whole.
pub fn write(
    store: &Store,
    b: &Briefing,
    format: Format,
    notes: &Notes,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Markdown => markdown(store, b, notes, out),
        Format::Json => json_export(store, b, notes, out),
        Format::Csv => csv(store, b, notes, out),
        Format::W3c => crate::authoring::w3c::write(store, b, notes, out),
    }
}

/// The claims in `claims` order, the cache entry's pages handed back as
/// they go.
fn each_claim(claims: &[usize]) -> impl Iterator<Item = usize> + '_ {
    crate::cache::handing_back(claims.iter().copied(), crate::cache::CLAIMS_PER_RELEASE)
}

/// Escapes what Markdown would read as markup, after sanitising.
fn md(text: &str) -> String {
    let clean = inline(text);
    let mut out = String::with_capacity(clean.len() + 8);
    // Markup characters are ASCII: cutting before one cuts no character.
    let mut from = 0;
    for (i, b) in clean.bytes().enumerate() {
        if matches!(
            b,
            b'\\' | b'*' | b'_' | b'`' | b'[' | b']' | b'<' | b'>' | b'#' | b'|'
        ) {
            out.push_str(&clean[from..i]);
            out.push('\\');
            from = i;
        }
    }
    out.push_str(&clean[from..]);
    out
}

/// The briefing's groups: by country, the countries a claim names, then
/// the regions it speaks of (apart: "the region" names no country); by
/// theme, its themes. Claims in no group come last.
fn groups(store: &Store, b: &Briefing) -> Vec<(String, Vec<usize>)> {
    let kinds: &[Kind] = match b.group_by {
        GroupBy::Country => &[Kind::Country, Kind::Region],
        GroupBy::Theme => &[Kind::Theme],
        GroupBy::None => return vec![("Claims".to_string(), b.claims.clone())],
    };
    let (members, rest) = members(store, b, kinds);
    let mut out = Vec::new();
    for (&kind, groups) in kinds.iter().zip(members) {
        for (g, members) in groups.into_iter().enumerate() {
            if !members.is_empty() {
                let id = store.id_at(kind, g);
                let what = if kind == Kind::Region { ", region" } else { "" };
                out.push((format!("{} ({id}{what})", store.name_of(kind, id)), members));
            }
        }
    }
    if !rest.is_empty() {
        let label = match b.group_by {
            GroupBy::Country => "No country or region linked",
            GroupBy::Theme | GroupBy::None => "No theme linked",
        };
        out.push((label.to_string(), rest));
    }
    out
}

/// For each of `kinds`, the briefing's claims linked to each entity, and
/// the claims linked to none, in briefing order. One pass over the
/// claims, not one per group: a briefing of 100,000 claims can have a
/// hundred groups.
fn members(store: &Store, b: &Briefing, kinds: &[Kind]) -> (Vec<Vec<Vec<usize>>>, Vec<usize>) {
    let mut members: Vec<Vec<Vec<usize>>> = kinds
        .iter()
        .map(|&kind| vec![Vec::new(); crate::target::count(store, kind)])
        .collect();
    let mut rest = Vec::new();
    let claims =
        crate::cache::handing_back(b.claims.iter().copied(), crate::cache::ROWS_PER_RELEASE);
    for ci in claims {
        let l = store.links(ci);
        let mut linked = false;
        for (&kind, groups) in kinds.iter().zip(&mut members) {
            let ids = match kind {
                Kind::Country => l.countries,
                Kind::Region => l.regions,
                _ => l.themes,
            };
            for &g in ids {
                let group = &mut groups[g as usize];
                if group.last() != Some(&ci) {
                    group.push(ci);
                }
                linked = true;
            }
        }
        if !linked {
            rest.push(ci);
        }
    }
    crate::cache::release_mapped();
    (members, rest)
}

/// The sources the briefing quotes, in the order first quoted: title
/// (date).
fn quoted_sources(store: &Store, b: &Briefing) -> Vec<String> {
    let mut quoted: Vec<usize> = Vec::new();
    let mut seen = vec![false; store.sources().len()];
    for &ci in &b.claims {
        let s = store.claim_source(ci);
        if !std::mem::replace(&mut seen[s], true) {
            quoted.push(s);
        }
    }
    quoted
        .iter()
        .map(|&i| {
            let s = &store.sources()[i];
            match &s.published {
                Some(date) => format!("{} ({})", md(&s.title), md(date)),
                None => md(&s.title),
            }
        })
        .collect()
}

fn markdown(store: &Store, b: &Briefing, notes: &Notes, out: &mut dyn io::Write) -> io::Result<()> {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&b.title));
    let _ = writeln!(o, "- Claims: {}", b.claims.len());
    let _ = writeln!(
        o,
        "- Generated: {} by stratlens {}",
        b.generated,
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(o, "- Sources: {}", quoted_sources(store, b).join("; "));
    let filters = if b.filters.is_empty() {
        "none".to_string()
    } else {
        md(&b.filters.join("; "))
    };
    let _ = writeln!(o, "- Selection: {filters}");
    let _ = match b.group_by {
        GroupBy::None => writeln!(o, "- Not grouped: each claim once, in the order listed.\n"),
        by => writeln!(
            o,
            "- Grouped by {}; a claim linked to several groups is given in full under the first and listed by id under the others.\n",
            by.as_str()
        ),
    };
    out.write_all(o.as_bytes())?;
    let mut written = vec![false; store.claims().len()];
    for (label, members) in groups(store, b) {
        o.clear();
        let _ = writeln!(o, "## {}\n", md(&label));
        out.write_all(o.as_bytes())?;
        let mut again = Vec::new();
        for ci in each_claim(&members) {
            if !std::mem::replace(&mut written[ci], true) {
                o.clear();
                claim_md(store, ci, &mut o);
                note_md(notes, ci, &mut o);
                out.write_all(o.as_bytes())?;
            } else {
                again.push(md(store.id_at(Kind::Claim, ci)));
            }
        }
        if !again.is_empty() {
            writeln!(
                out,
                "Also here: {} (given in full above).\n",
                again.join(", ")
            )?;
        }
    }
    Ok(())
}

fn claim_md(store: &Store, ci: usize, o: &mut String) {
    let c = &store.claim(ci);
    let _ = writeln!(o, "### {}: {}\n", md(&c.id), md(&c.statement));
    // A quote keeps its line breaks (OCR'd strategies have many): each
    // line of it is a line of the block quote.
    let quote: Vec<String> = c.quote.exact.split('\n').map(md).collect();
    let _ = writeln!(o, "> {}\n", quote.join("\n> "));
    let _ = writeln!(o, "- Attribution: {}", md(&attribution(store, c)));
    let mut certainty = c.certainty.as_str().to_string();
    if !c.hedges.is_empty() {
        let _ = write!(certainty, " (hedges: {})", c.hedges.join(", "));
    }
    let _ = writeln!(o, "- Certainty: {}", md(&certainty));
    let named = |kind: Kind, ids: &[String]| -> String {
        ids.iter()
            .map(|id| format!("{} ({id})", store.name_of(kind, id)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !c.countries.is_empty() {
        let _ = writeln!(
            o,
            "- Countries named: {}",
            md(&named(Kind::Country, &c.countries))
        );
    }
    if !c.regions.is_empty() {
        let _ = writeln!(o, "- Regions: {}", md(&named(Kind::Region, &c.regions)));
    }
    if let Some(p) = &c.primary {
        let note = p
            .note
            .as_deref()
            .map(|n| format!(" {}", md(n)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "- Primary text check: “{}” {}.{note}",
            md(&p.quoted),
            p.verification.as_str()
        );
        if let Some(found) = &p.found {
            let at = p
                .location
                .as_deref()
                .map(|l| format!(" ({})", md(l)))
                .unwrap_or_default();
            let _ = writeln!(o, "  - The document says: “{}”{at}", md(found));
        }
        if let Some(r) = &p.reference {
            let _ = writeln!(o, "  - Checked in: {}", md(r));
        }
    }
    let _ = writeln!(o, "- Source: {}\n", md(&citation(store, ci)));
}

/// The analyst's note, under the claim it is on.
fn note_md(notes: &Notes, ci: usize, o: &mut String) {
    if let Some(note) = notes.get(&ci) {
        let _ = writeln!(o, "**Note:** {}\n", md(note));
    }
}

fn names(store: &Store, kind: Kind, ids: &[String]) -> Vec<Value> {
    ids.iter()
        .map(|id| json!({"id": id, "name": store.name_of(kind, id)}))
        .collect()
}

/// The names behind a claim's ids, its source and its citation.
pub fn resolved(store: &Store, ci: usize) -> Value {
    let c = &store.claim(ci);
    let src = store.source_of(ci);
    json!({
        "countries": names(store, Kind::Country, &c.countries),
        "regions": names(store, Kind::Region, &c.regions),
        "actors": names(store, Kind::Actor, &c.actors),
        "themes": names(store, Kind::Theme, &c.themes),
        "speaker": c.attribution.speaker.as_ref().map(|s| store.name_of(Kind::Actor, s)),
        "source": {"title": src.title, "author": src.author, "published": src.published,
            "published_note": src.published_note, "url": src.url},
        "section": store.section_of(ci).heading,
        "citation": citation(store, ci),
    })
}

/// A JSON briefing: its fields in the order `json!` would sort them,
/// with the claims written one by one.
#[derive(serde::Serialize)]
#[serde(bound(serialize = ""))]
struct JsonBriefing<'a, I: Iterator<Item = Value>> {
    claims: crate::json_out::Seq<I>,
    generated: &'a str,
    generator: String,
    selection: &'a [String],
    title: &'a str,
}

fn json_export(
    store: &Store,
    b: &Briefing,
    notes: &Notes,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let claims = each_claim(&b.claims).map(|ci| {
        let mut v = serde_json::to_value(store.claim(ci)).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut v {
            map.insert("resolved".into(), resolved(store, ci));
            if let Some(note) = notes.get(&ci) {
                map.insert("note".into(), Value::String(note.clone()));
            }
        }
        v
    });
    let doc = JsonBriefing {
        claims: crate::json_out::Seq::new(claims),
        generated: &b.generated,
        generator: format!("stratlens {}", env!("CARGO_PKG_VERSION")),
        selection: &b.filters,
        title: &b.title,
    };
    crate::json_out::write_pretty(out, &doc)
}

pub const CSV_COLUMNS: [&str; 23] = [
    "id",
    "statement",
    "quote",
    "layer",
    "speaker",
    "cue",
    "certainty",
    "hedges",
    "countries",
    "regions",
    "actors",
    "themes",
    "source_title",
    "author",
    "published",
    "published_note",
    "url",
    "section",
    "start",
    "end",
    "primary_verification",
    "primary_note",
    "note",
];

/// One CSV field: sanitised (no control characters survive), quoted per
/// RFC 4180 when needed, and defused against spreadsheet formula injection.
fn csv_field(text: &str) -> String {
    let mut t = inline(text).into_owned();
    if t.starts_with(['=', '+', '-', '@']) {
        t.insert(0, '\'');
    }
    if t.contains([',', '"']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t
    }
}

fn csv_row(store: &Store, c: &Claim, ci: usize, notes: &Notes) -> Vec<String> {
    let src = store.source_of(ci);
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        c.id.clone(),
        c.statement.clone(),
        c.quote.exact.clone(),
        c.attribution.layer.as_str().into(),
        c.attribution
            .speaker
            .as_ref()
            .map(|s| store.name_of(Kind::Actor, s))
            .unwrap_or_default(),
        opt(&c.attribution.cue),
        c.certainty.as_str().into(),
        c.hedges.join("; "),
        c.countries.join("; "),
        c.regions.join("; "),
        c.actors.join("; "),
        c.themes.join("; "),
        src.title.clone(),
        opt(&src.author),
        opt(&src.published),
        opt(&src.published_note),
        opt(&src.url),
        store.section_of(ci).heading.clone(),
        c.quote.start.to_string(),
        c.quote.end.to_string(),
        c.primary
            .as_ref()
            .map(|p| p.verification.as_str().to_string())
            .unwrap_or_default(),
        c.primary
            .as_ref()
            .and_then(|p| p.note.clone())
            .unwrap_or_default(),
        notes.get(&ci).cloned().unwrap_or_default(),
    ]
}

fn csv(store: &Store, b: &Briefing, notes: &Notes, out: &mut dyn io::Write) -> io::Result<()> {
    let mut o = CSV_COLUMNS.join(",");
    o.push_str("\r\n");
    out.write_all(o.as_bytes())?;
    for ci in each_claim(&b.claims) {
        let row: Vec<String> = csv_row(store, &store.claim(ci), ci, notes)
            .iter()
            .map(|f| csv_field(f))
            .collect();
        o.clear();
        o.push_str(&row.join(","));
        o.push_str("\r\n");
        out.write_all(o.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(x)"), "'=HYPERLINK(x)");
        assert_eq!(csv_field("line\nbreak\u{1b}"), "line␊break␛");
    }

    #[test]
    fn markdown_markup_is_escaped() {
        assert_eq!(md("*bold* <b> [x](y)"), "\\*bold\\* \\<b\\> \\[x\\](y)");
    }

    #[test]
    fn file_name_has_date_and_extension() {
        let t = time::macros::datetime!(2026-11-27 04:10 UTC);
        assert_eq!(
            default_file_name(t, Format::Markdown),
            "stratlens-briefing-20261127-0410.md"
        );
        assert_eq!(stamp(t), "2026-11-27 04:10 UTC");
    }
}
