//! `stratlens import INPUT --data DATASET.json --source ID -o OUT.json`:
//! claims from CSV, JSON Lines or W3C Web Annotations, each quote anchored
//! in the source's text, added to the dataset file that holds the source.
//! One report line per row on stderr; any error writes nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::anchor::{self, Decider, Hints};
use super::{ImportArgs, problems, say, to_json};
use crate::model::{
    self, Attribution, Certainty, Claim, Dataset, Input, Kind, Layer, LoadOptions, Quote,
    QuoteTarget, Source, SourceKind, Store,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Csv,
    Jsonl,
    W3c,
}

impl InputFormat {
    /// From the file name's extension.
    pub fn detect(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(InputFormat::Csv),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "json" | "jsonld" => Some(InputFormat::W3c),
            _ => None,
        }
    }
}

/// The columns of a CSV input (and the fields of a JSON Lines object).
pub const COLUMNS: &[&str] = &[
    "id",
    "quote",
    "statement",
    "countries",
    "regions",
    "actors",
    "themes",
    "layer",
    "certainty",
    "cue",
    "hedges",
    "speaker",
    "prefix",
    "suffix",
    "start",
];

/// One claim to add, as the input gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Line of the input where the row starts.
    pub line: usize,
    pub id: Option<String>,
    pub quote: String,
    pub statement: String,
    pub countries: Vec<String>,
    pub regions: Vec<String>,
    pub actors: Vec<String>,
    pub themes: Vec<String>,
    pub layer: Option<String>,
    pub certainty: Option<String>,
    pub cue: Option<String>,
    pub hedges: Option<Vec<String>>,
    pub speaker: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// Code points (TextPositionSelector).
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// W3C tags: names of themes, countries, regions or actors, or
    /// `kind:id` ("country:XK").
    pub tags: Vec<String>,
    /// The quote is cut from the source's title, not its text.
    pub title: bool,
    /// The source a W3C target names (`urn:stratlens:source:ID`).
    pub target_source: Option<String>,
    /// Why the row is no claim and is passed over (a W3C page note).
    pub skip: Option<String>,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub line: usize,
    /// The claim's id, when the row got that far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// "anchored", "skipped" or "error".
    pub status: &'static str,
    /// Code points, when anchored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// What was done, or what is wrong.
    pub message: String,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match (self.status, &self.id) {
            ("anchored", Some(id)) => write!(f, "line {}: {id} {}", self.line, self.message),
            (status, _) => write!(f, "line {}: {status}: {}", self.line, self.message),
        }
    }
}

/// A row, or what is wrong with the input at a line.
pub type Parsed = Result<Row, (usize, String)>;

/// Hedge words: their presence makes a claim hedged, or speculative for
/// the ones in [`SPECULATIVE`].
const HEDGES: &[&str] = &[
    "is expected to",
    "are expected to",
    "may",
    "might",
    "could",
    "suggests",
    "suggest",
    "appears",
    "appear",
    "seems",
    "seem",
    "likely",
    "potentially",
    "possibly",
    "perhaps",
    "reportedly",
    "apparently",
    "probably",
];
const SPECULATIVE: &[&str] = &["might", "could", "potentially", "possibly", "perhaps"];

/// Imports; `json`: the report goes to stdout as one JSON object instead
/// of lines on stderr.
pub fn run(
    args: &ImportArgs,
    data: &[PathBuf],
    json: bool,
    opts: &LoadOptions,
) -> Result<(), String> {
    if data.is_empty() {
        return Err(format!(
            "import needs --data DATASET.json: the dataset file that holds source \"{}\" \
             (and any files with the countries, actors and themes it links)",
            crate::sanitize::inline(&args.source)
        ));
    }
    let files = model::load::expand_paths(data).map_err(problems)?;
    let inputs = model::load::read_inputs(&files, opts).map_err(problems)?;
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let texts: Vec<String> = inputs
        .iter()
        .map(|i| String::from_utf8_lossy(i.bytes()).into_owned())
        .collect();
    // The dataset must be valid before anything is added to it.
    let before = model::load_inputs(inputs).map_err(|e| {
        format!(
            "the dataset given with --data does not load, so nothing was imported: {}",
            problems(e)
        )
    })?;
    let mut sets: Vec<Dataset> = Vec::new();
    for (name, text) in names.iter().zip(&texts) {
        sets.push(serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?);
    }
    let holders: Vec<usize> = (0..sets.len())
        .filter(|&k| sets[k].sources.iter().any(|s| s.id == args.source))
        .collect();
    let target = match holders.as_slice() {
        [k] => *k,
        [] => {
            let known: Vec<&str> = sets
                .iter()
                .flat_map(|d| d.sources.iter().map(|s| s.id.as_str()))
                .collect();
            return Err(format!(
                "no source \"{}\" in the --data files; their sources: {}",
                crate::sanitize::inline(&args.source),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ));
        }
        _ => unreachable!("source ids are unique across a dataset that loads"),
    };
    let format = match args.format.or_else(|| InputFormat::detect(&args.input)) {
        Some(f) => f,
        None => {
            return Err(format!(
                "{}: cannot tell the format from the extension; give --format csv, jsonl or w3c",
                args.input.display()
            ));
        }
    };
    let input_name = args.input.display().to_string();
    let input_text = super::read_input(&args.input, opts)?;
    let rows = parse(&input_text, &input_name, format)?;
    if rows.is_empty() {
        return Err(format!("{input_name}: no claims to import"));
    }
    let (claims, reports) = {
        let source = sets[target]
            .sources
            .iter()
            .find(|s| s.id == args.source)
            .expect("found above");
        let mut ctx = Context::new(&before, source);
        build_all(&mut ctx, rows)
    };
    let mut warnings: Vec<String> = Vec::new();
    let added = claims.len();
    let report = |ok: bool, warnings: &[String]| {
        if json {
            let out = serde_json::json!({
                "ok": ok,
                "output": ok.then(|| args.output.display().to_string()),
                "added": if ok { added } else { 0 },
                "rows": reports,
                "warnings": warnings,
            });
            super::emit_json(&out);
        } else {
            for r in &reports {
                say(&r.to_string());
            }
            for w in warnings {
                say(&format!("warning: {w}"));
            }
        }
    };
    let failed = reports.iter().filter(|r| r.status == "error").count();
    if failed > 0 || claims.is_empty() {
        report(false, &warnings);
        return Err(if failed > 0 {
            format!(
                "{failed} of {} row(s) failed; nothing written",
                reports.len()
            )
        } else {
            format!("{input_name}: every row was skipped; nothing written")
        });
    }
    let new_ids: HashSet<String> = claims.iter().map(|c| c.id.clone()).collect();
    sets[target].claims.extend(claims);
    let dataset = to_json(&sets[target])?;
    let out = args.output.display().to_string();
    let mut check: Vec<Input> = Vec::new();
    for (k, (name, text)) in names.iter().zip(&texts).enumerate() {
        check.push(if k == target {
            Input::new(out.clone(), dataset.clone())
        } else {
            Input::new(name.clone(), text.clone())
        });
    }
    let store = model::load_inputs(check).map_err(|e| {
        report(false, &warnings);
        format!(
            "the dataset with the new claims does not validate; nothing written: {}",
            problems(e)
        )
    })?;
    for w in model::lint::lint(&store) {
        let concerns_new = match &w {
            model::lint::Warning::Unnamed(u) => new_ids.contains(&u.claim),
            model::lint::Warning::Unsourced { claim, .. } => new_ids.contains(claim),
        };
        if concerns_new {
            warnings.push(w.to_string());
        }
    }
    // As everywhere, the dataset files read are never written: OUT is new.
    if let Err(e) =
        crate::atomic_write::write_atomic(&args.output, dataset.as_bytes(), args.force, &names)
    {
        report(false, &warnings);
        return Err(write_error(e));
    }
    report(true, &warnings);
    if !json {
        say(&format!(
            "wrote {out}: {added} claim(s) added to source {} ({} claims in the file)",
            args.source,
            sets[target].claims.len()
        ));
    }
    Ok(())
}

/// A failed write, with the option that overrides a refusal.
pub fn write_error(e: crate::atomic_write::WriteError) -> String {
    match e {
        crate::atomic_write::WriteError::Exists(_) => format!("{e} (--force replaces it)"),
        e => e.to_string(),
    }
}

/// Parses the input into rows.
pub fn parse(text: &str, name: &str, format: InputFormat) -> Result<Vec<Parsed>, String> {
    match format {
        InputFormat::Csv => parse_csv(text, name),
        InputFormat::Jsonl => Ok(parse_jsonl(text)),
        InputFormat::W3c => super::w3c::parse(text, name),
    }
}

fn column_error(name: &str, column: &str) -> String {
    format!(
        "{name}:1: unknown column \"{}\"; the columns are {}",
        crate::sanitize::inline(column),
        COLUMNS.join(", ")
    )
}

fn parse_csv(text: &str, name: &str) -> Result<Vec<Parsed>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("{name}:1: cannot read the header: {e}"))?
        .clone();
    let columns: Vec<String> = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    if let Some(bad) = columns.iter().find(|c| !COLUMNS.contains(&c.as_str())) {
        return Err(column_error(name, bad));
    }
    for required in ["quote", "statement"] {
        if !columns.iter().any(|c| c == required) {
            return Err(format!("{name}:1: the header has no \"{required}\" column"));
        }
    }
    let mut out = Vec::new();
    for record in reader.records() {
        match record {
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                out.push(Err((line, format!("cannot read the row: {e}"))));
            }
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                let fields = columns
                    .iter()
                    .zip(r.iter())
                    .map(|(c, v)| (c.as_str(), Value::String(v.to_string())));
                out.push(row_from(line, fields).map_err(|e| (line, e)));
            }
        }
    }
    Ok(out)
}

fn parse_jsonl(text: &str) -> Vec<Parsed> {
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line_no = k + 1;
        if line.trim().is_empty() {
            continue;
        }
        let row = match serde_json::from_str::<Value>(line) {
            Err(e) => Err(format!("not JSON: {e}")),
            Ok(Value::Object(map)) => {
                match map.keys().find(|key| !COLUMNS.contains(&key.as_str())) {
                    Some(bad) => Err(format!(
                        "unknown field \"{}\"; the fields are {}",
                        crate::sanitize::inline(bad),
                        COLUMNS.join(", ")
                    )),
                    None => row_from(line_no, map.iter().map(|(k, v)| (k.as_str(), v.clone()))),
                }
            }
            Ok(_) => Err("a line must hold one JSON object".to_string()),
        };
        out.push(row.map_err(|e| (line_no, e)));
    }
    out
}

/// A row from named fields: strings, numbers, lists as arrays or `;`
/// separated strings. Empty values count as not given.
fn row_from<'a>(
    line: usize,
    fields: impl Iterator<Item = (&'a str, Value)>,
) -> Result<Row, String> {
    let mut row = Row {
        line,
        ..Row::default()
    };
    for (name, value) in fields {
        let text = || -> Result<Option<String>, String> {
            match &value {
                Value::Null => Ok(None),
                Value::String(s) if s.trim().is_empty() => Ok(None),
                Value::String(s) => Ok(Some(s.clone())),
                _ => Err(format!("{name} must be a string")),
            }
        };
        let list = || -> Result<Vec<String>, String> {
            let items: Vec<String> = match &value {
                Value::Null => Vec::new(),
                Value::String(s) => s.split(';').map(str::to_string).collect(),
                Value::Array(a) => a
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(|| format!("{name} must list strings"))?,
                _ => return Err(format!("{name} must be a list or a ;-separated string")),
            };
            Ok(items
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect())
        };
        match name {
            "id" => row.id = text()?.map(|s| s.trim().to_string()),
            "quote" => row.quote = text()?.unwrap_or_default(),
            "statement" => row.statement = text()?.unwrap_or_default().trim().to_string(),
            "countries" => row.countries = list()?,
            "regions" => row.regions = list()?,
            "actors" => row.actors = list()?,
            "themes" => row.themes = list()?,
            "layer" => row.layer = text()?,
            "certainty" => row.certainty = text()?,
            "cue" => row.cue = text()?,
            "hedges" => {
                let given = list()?;
                row.hedges = (!given.is_empty()).then_some(given);
            }
            "speaker" => row.speaker = text()?,
            "prefix" => row.prefix = text()?,
            "suffix" => row.suffix = text()?,
            "start" => {
                row.start = match &value {
                    Value::Number(n) => n.as_u64().map(|n| n as usize),
                    Value::String(s) if s.trim().is_empty() => None,
                    Value::String(s) => Some(
                        s.trim()
                            .parse()
                            .map_err(|_| "start must be a code point offset".to_string())?,
                    ),
                    Value::Null => None,
                    _ => return Err("start must be a code point offset".into()),
                }
            }
            _ => return Err(format!("unknown field \"{name}\"")),
        }
    }
    Ok(row)
}

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
    let numbered = |id: &str| {
        id.strip_prefix(prefix.as_str())
            .and_then(|n| n.parse::<u64>().ok())
    };
    let given = rows
        .iter()
        .filter_map(|r| r.as_ref().ok().and_then(|r| r.id.as_deref()));
    let mut next = ctx
        .taken
        .iter()
        .map(String::as_str)
        .chain(given)
        .filter_map(numbered)
        .max()
        .unwrap_or(0)
        + 1;
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

/// One claim, and what was done to anchor it.
pub fn build(ctx: &Context, row: &Row, id: String) -> Result<(Claim, String), String> {
    let source = ctx.source;
    if ctx.taken.contains(&id) {
        return Err(format!(
            "claim id \"{}\" is taken; leave the id empty to have one made",
            crate::sanitize::inline(&id)
        ));
    }
    if let Some(other) = &row.target_source
        && *other != source.id
    {
        return Err(format!(
            "the annotation targets source \"{}\", not \"{}\"",
            crate::sanitize::inline(other),
            source.id
        ));
    }
    if row.statement.trim().is_empty() {
        return Err("no statement (the claim in the analyst's words)".into());
    }
    let target = if row.title {
        QuoteTarget::Title
    } else {
        QuoteTarget::Text
    };
    let text = match target {
        QuoteTarget::Title => source.title.as_str(),
        QuoteTarget::Text => source
            .text
            .as_deref()
            .ok_or_else(|| format!("source \"{}\" has no text to quote from", source.id))?,
    };
    let mut quote = row.quote.clone();
    if quote.trim().is_empty()
        && let (Some(s), Some(e)) = (row.start, row.end)
    {
        // A position without a quote: the text there.
        let ix = crate::model::positions::CharIndex::new(text);
        if s >= e || e > ix.len() {
            return Err(format!(
                "position {s}..{e} is outside the text (0..{} code points)",
                ix.len()
            ));
        }
        quote = ix.slice(s, e).to_string();
    }
    let hints = Hints {
        prefix: row.prefix.as_deref(),
        suffix: row.suffix.as_deref(),
        start: row.start,
    };
    let found = anchor::anchor(text, &quote, &hints).map_err(|e| e.to_string())?;
    let exact = text[found.byte_start..found.byte_end].to_string();
    let (prefix, suffix) = anchor::context(text, found.byte_start, found.byte_end);
    let section = match target {
        QuoteTarget::Title => source.sections.first(),
        QuoteTarget::Text => source
            .sections
            .iter()
            .find(|s| s.start <= found.start && found.end <= s.end),
    };
    let Some(section) = section else {
        let touched: Vec<&str> = source
            .sections
            .iter()
            .filter(|s| s.start < found.end && found.start < s.end)
            .map(|s| s.id.as_str())
            .collect();
        return Err(if touched.is_empty() {
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
        });
    };
    let links = |kind: Kind, given: &[String]| -> Result<Vec<String>, String> {
        let mut ids: Vec<String> = Vec::new();
        for g in given {
            let id = ctx.resolve(kind, g)?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    };
    let mut countries = links(Kind::Country, &row.countries)?;
    let mut regions = links(Kind::Region, &row.regions)?;
    let mut actors = links(Kind::Actor, &row.actors)?;
    let mut themes = links(Kind::Theme, &row.themes)?;
    let mut notes = Vec::new();
    for tag in &row.tags {
        match ctx.resolve_tag(tag)? {
            None => notes.push(format!(
                "tag \"{}\" names no theme, country, region or actor: left out",
                crate::sanitize::inline(tag)
            )),
            Some((kind, id)) => {
                let list = match kind {
                    Kind::Country => &mut countries,
                    Kind::Region => &mut regions,
                    Kind::Actor => &mut actors,
                    // resolve_tag links only the four kinds above and themes.
                    Kind::Theme | Kind::Source | Kind::Claim => &mut themes,
                };
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
    }
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
    if let Some(s) = &speaker
        && !actors.contains(s)
    {
        actors.push(s.clone());
    }
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
        None => hedges_in(&exact),
    };
    let certainty = match &row.certainty {
        Some(c) => parse_enum::<Certainty>(
            "certainty",
            c,
            Certainty::ALL.map(Certainty::as_str).as_slice(),
        )?,
        None => certainty_of(&hedges),
    };
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
        countries,
        regions,
        refer_backs: Vec::new(),
        actors,
        themes,
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
    how.push_str(&format!(" in section {}", section.id));
    for n in notes {
        how.push_str("; ");
        how.push_str(&n);
    }
    Ok((claim, how))
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

/// The hedge words of [`HEDGES`] in `quote`, as the quote has them, in
/// order; a word inside a longer hedge ("is expected to") is not repeated.
pub fn hedges_in(quote: &str) -> Vec<String> {
    let lower = quote.to_lowercase();
    // Lower-casing can change lengths; then find nothing rather than
    // slice wrong.
    if lower.len() != quote.len() {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize)> = Vec::new();
    for h in HEDGES {
        for (at, _) in lower.match_indices(h) {
            let end = at + h.len();
            let word_start = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let word_end = lower[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            // "May" the month: a capital is a hedge only where the quote starts.
            let cased = quote[at..end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
                || at == 0;
            let inside = found.iter().any(|&(a, b)| a <= at && end <= b);
            if word_start && word_end && cased && !inside {
                found.push((at, end));
            }
        }
    }
    found.sort();
    let mut out: Vec<String> = Vec::new();
    for (a, b) in found {
        let h = quote[a..b].to_string();
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&h)) {
            out.push(h);
        }
    }
    out
}

/// Hedged when a hedge word is there, speculative when one of them speaks
/// of mere possibility.
pub fn certainty_of(hedges: &[String]) -> Certainty {
    if hedges.is_empty() {
        Certainty::Asserted
    } else if hedges
        .iter()
        .any(|h| SPECULATIVE.contains(&h.to_lowercase().as_str()))
    {
        Certainty::Speculative
    } else {
        Certainty::Hedged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| InputFormat::detect(Path::new(p));
        assert_eq!(f("a.CSV"), Some(InputFormat::Csv));
        assert_eq!(f("a.jsonl"), Some(InputFormat::Jsonl));
        assert_eq!(f("a.jsonld"), Some(InputFormat::W3c));
        assert_eq!(f("a.json"), Some(InputFormat::W3c));
        assert_eq!(f("a.txt"), None);
    }

    #[test]
    fn csv_rows_with_lists_and_line_numbers() {
        let text = "id,quote,statement,countries,hedges\n\
                    c1,\"a, b\",It says a.,XK; Serbia ;,\n\
                    ,\"two\nlines\",S.,,may\n";
        let rows = parse(text, "in.csv", InputFormat::Csv).unwrap();
        let r0 = rows[0].as_ref().unwrap();
        assert_eq!(
            (r0.line, r0.id.as_deref(), r0.quote.as_str()),
            (2, Some("c1"), "a, b")
        );
        assert_eq!(r0.countries, vec!["XK", "Serbia"]);
        assert_eq!(r0.hedges, None);
        let r1 = rows[1].as_ref().unwrap();
        assert_eq!((r1.line, r1.id.as_deref()), (3, None));
        assert_eq!(r1.quote, "two\nlines");
        assert_eq!(r1.hedges, Some(vec!["may".to_string()]));
        let err = parse("id,qoute\n", "in.csv", InputFormat::Csv).unwrap_err();
        assert!(
            err.starts_with("in.csv:1: unknown column \"qoute\""),
            "{err}"
        );
    }

    #[test]
    fn jsonl_rows_take_arrays_or_strings() {
        let text = "{\"quote\": \"q\", \"statement\": \"s\", \"themes\": [\"a\", \"b\"], \"start\": 4}\n\
                    \n\
                    {\"quote\": \"q\", \"statement\": \"s\", \"themes\": \"a;b\"}\n\
                    not json\n\
                    {\"quote\": \"q\", \"colour\": 1}\n";
        let rows = parse(text, "in.jsonl", InputFormat::Jsonl).unwrap();
        assert_eq!(rows.len(), 4);
        let (a, b) = (rows[0].as_ref().unwrap(), rows[1].as_ref().unwrap());
        assert_eq!(
            (a.themes.clone(), a.start),
            (vec!["a".into(), "b".into()], Some(4))
        );
        assert_eq!(
            (b.line, b.themes.clone()),
            (3, vec!["a".into(), "b".into()])
        );
        assert!(matches!(&rows[2], Err((4, e)) if e.starts_with("not JSON")));
        assert!(matches!(&rows[3], Err((5, e)) if e.contains("unknown field \"colour\"")));
    }

    #[test]
    fn hedges_and_certainty() {
        assert_eq!(
            hedges_in("Washington is expected to act and may well; it could."),
            vec!["is expected to", "may", "could"]
        );
        assert_eq!(
            hedges_in("In May 2025 the mayor spoke"),
            Vec::<String>::new()
        );
        assert_eq!(hedges_in("May it last"), vec!["May"]);
        assert_eq!(certainty_of(&[]), Certainty::Asserted);
        assert_eq!(certainty_of(&["suggests".into()]), Certainty::Hedged);
        assert_eq!(
            certainty_of(&["suggests".into(), "Might".into()]),
            Certainty::Speculative
        );
    }
}
