//! Command line: the explorer by default, one-shot subcommands for scripts
//! and quick look-ups.

mod args;
pub mod views;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Parser;
use serde_json::{Value, json};

use crate::export;
use crate::filter::{Facet, Filter};
use crate::model::{self, Kind, LoadError, LoadOptions, Store};
use crate::search::SearchIndex;
pub use args::{Cli, Command, ExportArgs, ListKind};
use views as present;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Load(#[from] LoadError),
    #[error("unknown {kind} id \"{id}\"{hint}")]
    UnknownId {
        kind: &'static str,
        id: String,
        hint: String,
    },
    #[error("{0}")]
    NoResults(String),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::NoResults(_) => 1,
            _ => 2,
        }
    }
}

/// Parses the process arguments, runs, and returns the exit status.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => 0,
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let code = e.exit_code();
            let _ = writeln!(std::io::stderr(), "stratlens: {}", e.to_string().trim_end());
            code
        }
    }
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let opts = LoadOptions {
        max_file_bytes: cli.max_file_size,
        ..LoadOptions::default()
    };
    match &cli.command {
        None => explore(&cli, &opts),
        Some(Command::Validate { paths }) => validate(&cli, paths, &opts),
        Some(Command::Schema) => emit(&schema_json()),
        Some(Command::Keys) => emit(&crate::app::keymap::markdown_table()),
        Some(cmd) => {
            let store = load(&cli.data, &opts)?;
            match cmd {
                Command::List { what } => list(&cli, &store, what.kind()),
                Command::Show { kind, id } => show(&cli, &store, kind.kind(), id),
                Command::Search {
                    query,
                    country,
                    actor,
                    theme,
                    limit,
                } => {
                    let filter = search_filter(&store, country, actor, theme)?;
                    search(&cli, &store, query, &filter, *limit)
                }
                Command::Export(args) => export_cmd(&store, args, cli.json),
                Command::Stats => stats_cmd(&cli, &store),
                Command::Validate { .. } | Command::Schema | Command::Keys => Ok(()),
            }
        }
    }
}

/// Loads the dataset, showing progress on a terminal's stderr. The store is
/// never freed: a one-shot command exits right after, and freeing a million
/// claims one by one would only delay that.
fn load(paths: &[PathBuf], opts: &LoadOptions) -> Result<std::mem::ManuallyDrop<Store>, LoadError> {
    let shown = crate::term::progress::Meter::new(std::io::stderr().is_terminal());
    let report = |step: &str, done: u64, total: u64| shown.show(step, done, total);
    let store = model::load_with_progress(paths, opts, Some(&report));
    shown.clear();
    Ok(std::mem::ManuallyDrop::new(store?))
}

fn explore(cli: &Cli, opts: &LoadOptions) -> Result<(), CliError> {
    let store = std::mem::ManuallyDrop::into_inner(load(&cli.data, opts)?);
    // A bad deep link is a usage error, reported before the terminal is touched.
    let open = match cli.open.as_deref() {
        Some(text) => Some(
            crate::target::parse(&store, text)
                .map_err(|e| CliError::Usage(format!("--open: {e}")))?,
        ),
        None => None,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(CliError::Usage(
            "the explorer needs a terminal on stdin and stdout; for scripts use a subcommand \
             (validate, list, show, search, export, stats, schema; see stratlens --help)"
                .into(),
        ));
    }
    let opts = crate::term::event_loop::Options {
        no_color: cli.no_color,
        query: cli.query.clone(),
        open,
        fresh: cli.fresh,
        no_clipboard: cli.no_clipboard,
        state_dir: crate::session::state_dir(),
    };
    crate::term::event_loop::run(store, opts).map_err(|e| CliError::Usage(format!("explorer: {e}")))
}

/// Writes `text` to stdout; a closed pipe ends quietly (`stratlens list | head`).
fn emit(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

fn emit_json(value: &Value) -> Result<(), CliError> {
    emit(&crate::sanitize::escape_invisible(
        &serde_json::to_string_pretty(value).unwrap_or_default(),
    ))
}

pub fn schema_json() -> String {
    let schema = schemars::schema_for!(model::Dataset);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

fn validate(cli: &Cli, paths: &[PathBuf], opts: &LoadOptions) -> Result<(), CliError> {
    let paths = if paths.is_empty() { &cli.data } else { paths };
    match load(paths, opts) {
        Ok(store) => {
            let d = &store;
            if cli.json {
                return emit_json(&json!({
                    "ok": true,
                    "files": store.inputs,
                    "counts": {"sources": d.sources().len(), "countries": d.countries().len(),
                        "actors": d.actors().len(), "themes": d.themes().len(), "claims": d.claims().len()},
                }));
            }
            emit(&format!(
                "ok: {} sources, {} countries, {} actors, {} themes, {} claims ({})",
                d.sources().len(),
                d.countries().len(),
                d.actors().len(),
                d.themes().len(),
                d.claims().len(),
                crate::sanitize::inline(&store.inputs.join(", "))
            ))
        }
        Err(err) if cli.json => {
            let problems: Vec<Value> = err
                .problems
                .iter()
                .map(|p| {
                    json!({"file": p.place.file, "line": p.place.line, "column": p.place.column,
                        "path": p.path, "id": p.id, "message": p.message})
                })
                .collect();
            emit_json(&json!({"ok": false, "problems": problems}))?;
            Err(CliError::Usage(format!(
                "{} problem(s) found",
                err.problems.len()
            )))
        }
        Err(err) => Err(err.into()),
    }
}

fn with_count(store: &Store, kind: Kind, i: usize, value: Value) -> Value {
    let mut value = value;
    if kind != Kind::Claim
        && let Value::Object(map) = &mut value
    {
        map.insert(
            "claim_count".into(),
            json!(present::claim_count(store, kind, i)),
        );
    }
    value
}

fn object_json(store: &Store, kind: Kind, i: usize) -> Value {
    let v = match kind {
        Kind::Claim => serde_json::to_value(store.claim(i)),
        Kind::Country => serde_json::to_value(&store.countries()[i]),
        Kind::Actor => serde_json::to_value(&store.actors()[i]),
        Kind::Theme => serde_json::to_value(&store.themes()[i]),
        Kind::Source => serde_json::to_value(&store.sources()[i]),
    };
    v.unwrap_or(Value::Null)
}

fn count_of(store: &Store, kind: Kind) -> usize {
    match kind {
        Kind::Claim => store.claims().len(),
        Kind::Country => store.countries().len(),
        Kind::Actor => store.actors().len(),
        Kind::Theme => store.themes().len(),
        Kind::Source => store.sources().len(),
    }
}

fn list(cli: &Cli, store: &Store, kind: Kind) -> Result<(), CliError> {
    let n = count_of(store, kind);
    if n == 0 {
        return Err(CliError::NoResults(format!(
            "the dataset has no {}s",
            kind.as_str()
        )));
    }
    if cli.json {
        let items: Vec<Value> = (0..n)
            .map(|i| with_count(store, kind, i, object_json(store, kind, i)))
            .collect();
        return emit_json(&Value::Array(items));
    }
    let rows: Vec<String> = (0..n).map(|i| present::list_row(store, kind, i)).collect();
    emit(&rows.join("\n"))
}

fn lookup(store: &Store, kind: Kind, id: &str) -> Result<usize, CliError> {
    store.index_of(kind, id).ok_or_else(|| {
        let all: Vec<String> = match kind {
            Kind::Claim => store.claims().iter().map(|x| x.id().to_string()).collect(),
            Kind::Country => store.countries().iter().map(|x| x.id.clone()).collect(),
            Kind::Actor => store.actors().iter().map(|x| x.id.clone()).collect(),
            Kind::Theme => store.themes().iter().map(|x| x.id.clone()).collect(),
            Kind::Source => store.sources().iter().map(|x| x.id.clone()).collect(),
        };
        let near: Vec<&String> = all.iter().filter(|x| x.eq_ignore_ascii_case(id)).collect();
        let hint = match near.first() {
            Some(x) => format!("; did you mean \"{}\"?", crate::sanitize::inline(x)),
            None => format!("; see `stratlens list {}`", kind.plural()),
        };
        CliError::UnknownId {
            kind: kind.as_str(),
            id: crate::sanitize::inline(id).into_owned(),
            hint,
        }
    })
}

fn show(cli: &Cli, store: &Store, kind: Kind, id: &str) -> Result<(), CliError> {
    let i = lookup(store, kind, id)?;
    if cli.json {
        return emit_json(&object_json(store, kind, i));
    }
    emit(&match kind {
        Kind::Claim => present::show_claim(store, i),
        Kind::Country => present::show_country(store, i),
        Kind::Actor => present::show_actor(store, i),
        Kind::Theme => present::show_theme(store, i),
        Kind::Source => present::show_source(store, i),
    })
}

fn search_filter(
    store: &Store,
    countries: &[String],
    actors: &[String],
    themes: &[String],
) -> Result<Filter, CliError> {
    let mut filter = Filter::default();
    for (kind, ids, make) in [
        (
            Kind::Country,
            countries,
            Facet::Country as fn(usize) -> Facet,
        ),
        (Kind::Actor, actors, Facet::Actor),
        (Kind::Theme, themes, Facet::Theme),
    ] {
        for id in ids {
            filter.include.push(make(lookup(store, kind, id)?));
        }
    }
    Ok(filter)
}

fn search(
    cli: &Cli,
    store: &Store,
    query: &str,
    filter: &Filter,
    limit: Option<usize>,
) -> Result<(), CliError> {
    if query.trim().is_empty() {
        return Err(CliError::Usage("the search query is empty".into()));
    }
    let index = SearchIndex::new(store);
    let candidates = filter.apply(store);
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
        return Err(CliError::NoResults(format!(
            "no claims match \"{}\"",
            crate::sanitize::inline(query)
        )));
    }
    if cli.json {
        let items: Vec<Value> = hits
            .iter()
            .map(|&(claim, score)| {
                let mut v = object_json(store, Kind::Claim, claim);
                if let Value::Object(map) = &mut v {
                    map.insert("score".into(), json!(score));
                }
                v
            })
            .collect();
        return emit_json(&Value::Array(items));
    }
    let rows: Vec<String> = hits
        .iter()
        .map(|&(claim, score)| format!("{score:>5}  {}", present::claim_row(store, claim)))
        .collect();
    emit(&rows.join("\n"))
}

fn export_selection(
    store: &Store,
    args: &ExportArgs,
) -> Result<(Vec<usize>, Vec<String>), CliError> {
    let filter = search_filter(store, &args.country, &args.actor, &args.theme)?;
    let mut described = filter.describe(store);
    let mut claims = filter.apply(store);
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
        let hits = SearchIndex::new(store).search(store, q, &claims);
        let matched: std::collections::HashSet<usize> = hits.iter().map(|h| h.claim).collect();
        claims.retain(|c| matched.contains(c));
        described.push(format!("search: {q}"));
    }
    Ok((claims, described))
}

/// `--json` on export means `--format json`, as for every other command.
fn export_cmd(store: &Store, args: &ExportArgs, json: bool) -> Result<(), CliError> {
    let format = if json {
        export::Format::Json
    } else {
        args.format
    };
    let (claims, filters) = export_selection(store, args)?;
    if claims.is_empty() {
        return Err(CliError::NoResults(
            "no claims match the selection; nothing exported".into(),
        ));
    }
    let briefing = export::Briefing {
        title: args.title.clone(),
        claims,
        filters,
        group_by: args.group_by,
        generated: export::stamp(export::now_utc()),
    };
    let text = export::render(store, &briefing, format);
    let Some(path) = &args.output else {
        return emit(&text);
    };
    crate::atomic_write::write_atomic(path, text.as_bytes(), args.force, &store.inputs)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} claims as {} to {}",
        briefing.claims.len(),
        format.label(),
        path.display()
    );
    Ok(())
}

fn bar(n: usize, max: usize, width: usize) -> String {
    let len = if max == 0 {
        0
    } else {
        (n * width).div_ceil(max)
    };
    "█".repeat(len)
}

fn stats_cmd(cli: &Cli, store: &Store) -> Result<(), CliError> {
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let stats = crate::stats::Stats::compute(store, &all);
    if cli.json {
        return emit_json(&serde_json::to_value(&stats).unwrap_or(Value::Null));
    }
    let mut o = format!("{} claims\n", stats.claims);
    for (title, list) in [
        ("Countries", &stats.countries),
        ("Actors", &stats.actors),
        ("Themes", &stats.themes),
    ] {
        o.push_str(&format!("\n{title}\n"));
        let max = list.first().map_or(0, |c| c.claims);
        for c in list {
            let name = crate::sanitize::inline(&c.name);
            o.push_str(&format!(
                "  {:<32} {:>4}  {}\n",
                truncate(&name, 32),
                c.claims,
                bar(c.claims, max, 30)
            ));
        }
    }
    o.push_str("\nThemes × countries (claims linked to both)\n");
    o.push_str(&format!("  {:<32}", ""));
    for c in &stats.countries {
        o.push_str(&format!(" {:>3}", crate::sanitize::inline(&c.id)));
    }
    o.push('\n');
    for (k, t) in stats.themes.iter().enumerate() {
        o.push_str(&format!(
            "  {:<32}",
            truncate(&crate::sanitize::inline(&t.name), 32)
        ));
        for row in &stats.matrix {
            let n = row[k];
            o.push_str(&format!(
                " {:>3}",
                if n == 0 {
                    "·".to_string()
                } else {
                    n.to_string()
                }
            ));
        }
        o.push('\n');
    }
    emit(&o)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}
