//! Command line: the explorer by default, one-shot subcommands for scripts
//! and quick look-ups.

mod annotate;
mod args;
mod completions;
mod marked;
mod saved_views;
pub mod views;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Parser;
use serde_json::{Value, json};

use crate::export;
use crate::filter::{Facet, Filter};
use crate::model::{self, Kind, LoadError, LoadOptions, Store};
use crate::words::plural;
pub use args::{
    CacheAction, Cli, Command, ConfigCommand, ExportArgs, LinkArgs, ListKind, ShowKind,
};
use views as present;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Load(#[from] LoadError),
    /// An id or name nothing (or more than one thing) answers to.
    #[error("{0}")]
    Lookup(String),
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
    let all = cli.all;
    match run(cli) {
        Ok(()) => 0,
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(CliError::Load(e)) => {
            // The problems, then the summary last, where it stays in view.
            let mut err = std::io::stderr().lock();
            for line in e.lines(all) {
                let _ = writeln!(err, "  {line}");
            }
            let _ = writeln!(err, "stratlens: {}", e.summary());
            2
        }
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
        Some(Command::Validate { paths, strict }) => validate(&cli, paths, *strict, &opts),
        Some(Command::Migrate {
            file,
            output,
            force,
        }) => migrate(&cli, file, output, *force, &opts),
        Some(Command::Schema) => emit(&schema_json()),
        Some(Command::Keys) => keys_cmd(&cli),
        Some(Command::Config { what }) => config_cmd(*what),
        Some(Command::Completions { shell }) => completions::completions(*shell),
        Some(Command::Man) => completions::man(),
        Some(Command::NewSource(args)) => {
            crate::authoring::new_source::run(args, &cli.data, cli.json, &opts)
                .map_err(CliError::Usage)
        }
        Some(Command::Import(args)) => {
            crate::authoring::import::run(args, &cli.data, cli.json, &opts).map_err(CliError::Usage)
        }
        Some(Command::Cache { action }) => cache_cmd(&cli, *action),
        Some(Command::Annotate(args)) => annotate::run(&cli, args, &opts),
        Some(cmd) => {
            let store = load(&cli.data, &opts, !cli.no_cache)?;
            let done = match cmd {
                Command::List { what } => list(&cli, &store, what.kind()),
                Command::Show { kind, id } => show(&cli, &store, kind.kind(), id),
                Command::Search {
                    query,
                    links,
                    limit,
                } => {
                    let filter = search_filter(&store, links)?;
                    search(&cli, &store, query, &filter, *limit)
                }
                Command::Export(args) if args.marked => {
                    marked::export_marked(&store, args, cli.json)
                }
                Command::Export(args) => export_cmd(&store, args, cli.json),
                Command::Views => saved_views::list(cli.json, &store),
                Command::Timeline { links, query } => {
                    timeline_cmd(&cli, &store, links, query.as_deref())
                }
                Command::Stats => stats_cmd(&cli, &store),
                Command::Validate { .. }
                | Command::Migrate { .. }
                | Command::Schema
                | Command::Keys
                | Command::NewSource(_)
                | Command::Import(_)
                | Command::Annotate(_)
                | Command::Cache { .. }
                | Command::Config { .. }
                | Command::Completions { .. }
                | Command::Man => Ok(()),
            };
            // The answer is out: now write the cache entry a cold load noted.
            if done.is_ok() {
                crate::cache::save_pending_after_output(&store);
            }
            done
        }
    }
}

/// Loads the dataset, showing progress on a terminal's stderr. The store is
/// never freed: a one-shot command exits right after, and freeing a million
/// claims one by one would only delay that.
fn load(
    paths: &[PathBuf],
    opts: &LoadOptions,
    use_cache: bool,
) -> Result<std::mem::ManuallyDrop<Store>, LoadError> {
    let shown = crate::term::progress::Meter::new(std::io::stderr().is_terminal());
    let report = |step: &str, done: u64, total: u64| shown.show(step, done, total);
    let store = crate::cache::load(paths, opts, Some(&report), use_cache);
    shown.clear();
    let store = store?;
    for notice in &store.notices {
        let _ = writeln!(
            std::io::stderr(),
            "stratlens: note: {}",
            crate::sanitize::inline(notice)
        );
    }
    Ok(std::mem::ManuallyDrop::new(store))
}

fn explore(cli: &Cli, opts: &LoadOptions) -> Result<(), CliError> {
    // A bad config file is refused before anything is loaded or drawn.
    let config = crate::config::load_and_install()?;
    let store = std::mem::ManuallyDrop::into_inner(load(&cli.data, opts, !cli.no_cache)?);
    // A bad deep link is a usage error, reported before the terminal is touched.
    let (open, view) = saved_views::open_arg(&store, cli.open.as_deref())?;
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
        no_clipboard: cli.no_clipboard || !config.clipboard,
        state_dir: crate::session::state_dir(),
        theme: cli.theme.unwrap_or(config.theme),
        no_mouse: cli.no_mouse || !config.mouse,
        data_dir: crate::views::data_dir(),
        view,
    };
    crate::term::event_loop::run(store, opts).map_err(|e| CliError::Usage(format!("explorer: {e}")))
}

fn cache_cmd(cli: &Cli, action: CacheAction) -> Result<(), CliError> {
    let Some(dir) = crate::cache::dir() else {
        return Err(CliError::Usage(
            "no cache directory: set XDG_CACHE_HOME or HOME".into(),
        ));
    };
    let shown = crate::sanitize::inline(&dir.display().to_string()).to_string();
    match action {
        CacheAction::Clear => {
            let (n, bytes) = crate::cache::clear(&dir)?;
            if cli.json {
                return emit_json(&json!({"dir": shown, "removed": n, "bytes": bytes}));
            }
            emit(&format!(
                "removed {n} cached datasets ({}) from {shown}",
                mb(bytes)
            ))
        }
        CacheAction::Info => {
            let entries = crate::cache::entries(&dir);
            let total: u64 = entries.iter().map(|e| e.bytes).sum();
            if cli.json {
                let items: Vec<Value> = entries
                    .iter()
                    .map(|e| {
                        json!({
                            "file": e.path.display().to_string(),
                            "bytes": e.bytes,
                            "claims": e.key.as_ref().ok().map(|k| k.claims),
                            "inputs": e.key.as_ref().ok().map(|k| k.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>()),
                            "problem": e.key.as_ref().err(),
                        })
                    })
                    .collect();
                return emit_json(&json!({"dir": shown, "bytes": total, "entries": items}));
            }
            let mut out = format!(
                "{shown}: {} cached datasets, {} (at most {} kept, {} in all)\n",
                entries.len(),
                mb(total),
                crate::cache::KEEP,
                mb(crate::cache::MAX_BYTES)
            );
            for e in &entries {
                let name = e.path.file_name().unwrap_or_default().to_string_lossy();
                let what = match &e.key {
                    Ok(k) => format!(
                        "{} claims: {}",
                        k.claims,
                        k.files
                            .iter()
                            .map(|f| f.path.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Err(problem) => format!("unusable: {problem}"),
                };
                out.push_str(&format!(
                    "  {}  {:>10}  {}\n",
                    crate::sanitize::inline(&name),
                    mb(e.bytes),
                    crate::sanitize::inline(&what)
                ));
            }
            emit(&out)
        }
    }
}

/// `stratlens keys`: the keymap in force (the config's remaps applied).
fn keys_cmd(cli: &Cli) -> Result<(), CliError> {
    crate::config::load_and_install()?;
    if cli.json {
        emit_json(&crate::app::keynames::json())
    } else {
        emit(&crate::app::keymap::markdown_table())
    }
}

fn config_cmd(what: ConfigCommand) -> Result<(), CliError> {
    let path = crate::config::path().ok_or_else(|| {
        CliError::Usage("no config directory: set XDG_CONFIG_HOME or HOME".into())
    })?;
    match what {
        ConfigCommand::Default => emit(&crate::config::default_text()),
        ConfigCommand::Path => emit(&path.display().to_string()),
        ConfigCommand::Check => {
            let exists = path.exists();
            crate::config::load(&path).map_err(|e| CliError::Usage(e.to_string()))?;
            if exists {
                emit(&format!("{}: ok", path.display()))
            } else {
                emit(&format!(
                    "{}: no such file; the defaults apply",
                    path.display()
                ))
            }
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
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

fn validate(
    cli: &Cli,
    paths: &[PathBuf],
    strict: bool,
    opts: &LoadOptions,
) -> Result<(), CliError> {
    let paths = if paths.is_empty() { &cli.data } else { paths };
    match load(paths, opts, false) {
        Ok(store) => {
            let d = &store;
            let warnings: Vec<String> =
                model::lint::lint(d).iter().map(|w| w.to_string()).collect();
            if cli.json {
                emit_json(&json!({
                    "ok": warnings.is_empty() || !strict,
                    "files": store.inputs,
                    "counts": {"sources": d.sources().len(), "countries": d.countries().len(),
                        "regions": d.regions().len(), "actors": d.actors().len(),
                        "themes": d.themes().len(), "claims": d.claims().len()},
                    "warnings": warnings,
                }))?;
            } else {
                let mut out: Vec<String> = warnings
                    .iter()
                    .map(|w| format!("warning: {}", crate::sanitize::inline(w)))
                    .collect();
                out.push(format!(
                    "ok: {}, {}, {}, {}, {}, {} ({}){}",
                    plural(d.sources().len(), "source"),
                    plural(d.countries().len(), "country"),
                    plural(d.regions().len(), "region"),
                    plural(d.actors().len(), "actor"),
                    plural(d.themes().len(), "theme"),
                    plural(d.claims().len(), "claim"),
                    crate::sanitize::inline(&files_named(&store.inputs)),
                    match warnings.len() {
                        0 => String::new(),
                        n => format!("; {}", plural(n, "warning")),
                    }
                ));
                emit(&out.join("\n"))?;
            }
            if strict && !warnings.is_empty() {
                return Err(CliError::Usage(format!(
                    "--strict: {}",
                    plural(warnings.len(), "warning")
                )));
            }
            Ok(())
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
                "{} found",
                plural(err.problems.len(), "problem")
            )))
        }
        Err(err) => Err(err.into()),
    }
}

/// `stratlens migrate FILE -o OUT`: the version 2 file is checked (with
/// any --data files it needs) before a byte is written.
fn migrate(
    cli: &Cli,
    file: &std::path::Path,
    output: &std::path::Path,
    force: bool,
    opts: &LoadOptions,
) -> Result<(), CliError> {
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(file)
        .map_err(|e| CliError::Usage(format!("{shown}: cannot read it: {e}")))?;
    let migrated =
        model::migrate::migrate(&text).map_err(|e| CliError::Usage(format!("{shown}: {e}")))?;
    let mut inputs = vec![model::Input::new(
        output.display().to_string(),
        migrated.text.clone(),
    )];
    if !cli.data.is_empty() {
        let others = model::load::expand_paths(&cli.data)?;
        inputs.extend(model::load::read_inputs(&others, opts)?);
    }
    model::load_inputs(inputs)?;
    crate::atomic_write::write_atomic(output, migrated.text.as_bytes(), force, &[shown])
        .map_err(write_error)?;
    let regions = if migrated.regions.is_empty() {
        "no region labels".to_string()
    } else {
        format!("regions {}", migrated.regions.join(", "))
    };
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} as schema version 2 ({regions}; {}, their country links kept as named links)",
        output.display(),
        plural(migrated.claims, "claim")
    );
    Ok(())
}

/// The loaded files for a one-line report: all of them when few.
fn files_named(inputs: &[String]) -> String {
    match inputs {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a}, {b}"),
        [first, .., last] => format!("{} files: {first} … {last}", inputs.len()),
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
        if kind == Kind::Country {
            map.insert(
                "regional_claim_count".into(),
                json!(store.regional_claims(i).len()),
            );
        }
    }
    value
}

fn object_json(store: &Store, kind: Kind, i: usize) -> Value {
    let v = match kind {
        Kind::Claim => serde_json::to_value(store.claim(i)),
        Kind::Country => serde_json::to_value(&store.countries()[i]),
        Kind::Region => serde_json::to_value(&store.regions()[i]),
        Kind::Actor => serde_json::to_value(&store.actors()[i]),
        Kind::Theme => serde_json::to_value(&store.themes()[i]),
        Kind::Source => serde_json::to_value(&store.sources()[i]),
    };
    v.unwrap_or(Value::Null)
}

fn list(cli: &Cli, store: &Store, kind: Kind) -> Result<(), CliError> {
    let n = crate::target::count(store, kind);
    if n == 0 {
        if cli.json {
            emit_json(&json!([]))?;
        }
        return Err(CliError::NoResults(format!(
            "the dataset has no {}",
            kind.plural()
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
    crate::target::lookup(store, kind, id).map_err(CliError::Lookup)
}

/// What `show --json` prints: the object as the dataset has it, plus what
/// the text view shows: for a claim its resolved names, context and
/// citation; for an entity the ids of its claims (a country: named, then
/// regional) and their counts.
fn show_json(store: &Store, kind: Kind, i: usize) -> Value {
    let mut v = with_count(store, kind, i, object_json(store, kind, i));
    let Value::Object(map) = &mut v else {
        return v;
    };
    let ids = |claims: &[usize]| -> Value {
        claims
            .iter()
            .map(|&c| Value::from(store.id_at(Kind::Claim, c)))
            .collect()
    };
    if kind == Kind::Claim {
        let (before, quote, after) = present::context(store, i);
        map.insert("resolved".into(), export::resolved(store, i));
        map.insert(
            "context".into(),
            json!({"sentence": format!("{before}{quote}{after}"),
                "before": before, "quote": quote, "after": after}),
        );
        map.insert("citation".into(), json!(present::citation(store, i)));
    } else {
        map.insert("claims".into(), ids(&store.claims_of(kind, i)));
        if kind == Kind::Country {
            let regional: Vec<usize> = store
                .regional_claims(i)
                .into_iter()
                .map(|c| c as usize)
                .collect();
            map.insert("regional_claims".into(), ids(&regional));
        }
    }
    v
}

fn show(cli: &Cli, store: &Store, kind: Kind, id: &str) -> Result<(), CliError> {
    let i = lookup(store, kind, id)?;
    if cli.json {
        return emit_json(&show_json(store, kind, i));
    }
    emit(&match kind {
        Kind::Claim => present::show_claim(store, i),
        Kind::Country => present::show_country(store, i),
        Kind::Region => present::show_region(store, i),
        Kind::Actor => present::show_actor(store, i),
        Kind::Theme => present::show_theme(store, i),
        Kind::Source => present::show_source(store, i),
    })
}

fn search_filter(store: &Store, links: &LinkArgs) -> Result<Filter, CliError> {
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
        if cli.json {
            emit_json(&json!([]))?;
        }
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
    let filter = search_filter(store, &args.links)?;
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
        let hits = crate::cache::index_for(store).search(store, q, &claims);
        let matched: std::collections::HashSet<usize> = hits.iter().map(|h| h.claim).collect();
        claims.retain(|c| matched.contains(c));
        described.push(format!("search: {q}"));
    }
    Ok((claims, described))
}

/// A file that exists is replaced only with --force: say so.
fn write_error(e: crate::atomic_write::WriteError) -> CliError {
    match e {
        crate::atomic_write::WriteError::Exists(path) => CliError::Usage(format!(
            "{} exists; use --force to replace it, or choose another name",
            crate::sanitize::inline(&path)
        )),
        e => CliError::Usage(e.to_string()),
    }
}

/// `--json` on export means `--format json`, as for every other command.
fn export_cmd(store: &Store, args: &ExportArgs, json: bool) -> Result<(), CliError> {
    let format = match args.format.briefing() {
        _ if json => export::Format::Json,
        Some(f) => f,
        None => return sqlite_export(store, args),
    };
    let (claims, filters) = export_selection(store, args)?;
    let briefing = export::Briefing {
        title: args.title.clone(),
        claims,
        filters,
        group_by: args.group_by,
        generated: export::stamp(export::now_utc()),
    };
    if briefing.claims.is_empty() {
        // A script reading JSON on stdout still gets a briefing: one with no claims.
        if format == export::Format::Json && args.output.is_none() {
            emit(&export::render(store, &briefing, format))?;
        }
        return Err(CliError::NoResults(if store.claims().is_empty() {
            "the dataset has no claims; nothing exported".into()
        } else {
            "no claims match the selection; nothing exported".into()
        }));
    }
    let text = export::render(store, &briefing, format);
    let Some(path) = &args.output else {
        return emit(&text);
    };
    let path = &export::with_extension(path, format);
    crate::atomic_write::write_atomic(path, text.as_bytes(), args.force, &store.inputs)
        .map_err(write_error)?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} as {} to {}",
        plural(briefing.claims.len(), "claim"),
        format.label(),
        path.display()
    );
    Ok(())
}

/// `export --format sqlite -o FILE.db`: the chosen claims (all by
/// default) and every entity as an SQLite database, written atomically.
fn sqlite_export(store: &Store, args: &ExportArgs) -> Result<(), CliError> {
    let Some(path) = &args.output else {
        return Err(CliError::Usage(
            "--format sqlite writes a database: give -o FILE.db".into(),
        ));
    };
    let (claims, _) = export_selection(store, args)?;
    if claims.is_empty() {
        return Err(CliError::NoResults(
            "no claims match the selection; nothing exported".into(),
        ));
    }
    let bytes = export::sqlite::build(store, &claims).map_err(CliError::Usage)?;
    crate::atomic_write::write_atomic(path, &bytes, args.force, &store.inputs)
        .map_err(write_error)?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} as SQLite to {}",
        plural(claims.len(), "claim"),
        path.display()
    );
    Ok(())
}

/// `stratlens timeline`: a row per source in date order, its claims under
/// the filter as a number and a bar.
fn timeline_cmd(
    cli: &Cli,
    store: &Store,
    links: &LinkArgs,
    query: Option<&str>,
) -> Result<(), CliError> {
    let filter = search_filter(store, links)?;
    let mut claims = filter.apply(store);
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
    let mut o = format!("{}\n", plural(stats.claims, "claim"));
    for (title, list) in [
        (
            "Countries (claims naming them; +N: about their regions)",
            &stats.countries,
        ),
        ("Regions", &stats.regions),
        ("Actors", &stats.actors),
        ("Themes", &stats.themes),
    ] {
        if list.is_empty() {
            continue;
        }
        o.push_str(&format!("\n{title}\n"));
        let max = list.first().map_or(0, |c| c.claims);
        for c in list {
            let name = crate::sanitize::inline(&c.name);
            let regional = match c.regional {
                Some(r) if r > 0 => format!(" +{r}"),
                _ => String::new(),
            };
            o.push_str(
                format!(
                    "  {:<32} {:>4}  {}{regional}",
                    truncate(&name, 32),
                    c.claims,
                    bar(c.claims, max, 30)
                )
                .trim_end(),
            );
            o.push('\n');
        }
    }
    o.push_str("\nThemes × countries (claims naming the country) and regions (◇)\n");
    o.push_str(&format!("  {:<32}", ""));
    let named = stats.named_countries();
    for c in &stats.countries[..named] {
        o.push_str(&format!(" {:>3}", crate::sanitize::inline(&c.id)));
    }
    for k in 0..stats.regions.len() {
        o.push_str(&format!(" {:>3}", format!("◇{}", k + 1)));
    }
    o.push('\n');
    for (k, t) in stats.themes.iter().enumerate() {
        o.push_str(&format!(
            "  {:<32}",
            truncate(&crate::sanitize::inline(&t.name), 32)
        ));
        for row in stats.matrix[..named].iter().chain(&stats.region_matrix) {
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
    for (k, r) in stats.regions.iter().enumerate() {
        o.push_str(&format!(
            "  ◇{} = {} ({})\n",
            k + 1,
            crate::sanitize::inline(&r.name),
            crate::sanitize::inline(&r.id)
        ));
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
