//! Command line: the explorer by default, one-shot subcommands for scripts
//! and quick look-ups.
//!
//! `mod.rs` parses the arguments and hands each command to its file
//! (`validate.rs`, `migrate.rs`, `list.rs`, `show.rs`, `search.rs`,
//! `export.rs`, `timeline.rs`, `stats.rs`, `cache.rs`, `config.rs` for
//! `keys` and `config`, `explore.rs` for the explorer); the output helpers
//! they share are here.

mod annotate;
mod args;
mod cache;
mod completions;
mod config;
mod explore;
mod export;
mod list;
mod marked;
mod migrate;
mod saved_views;
mod search;
mod show;
mod stats;
mod stream;
mod timeline;
mod validate;
pub mod views;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Parser;
use serde_json::Value;

use crate::model::{self, Kind, LoadError, LoadOptions, Store};
pub use args::{
    CacheAction, Cli, Command, ConfigCommand, ExportArgs, LinkArgs, ListKind, ShowKind,
};
use cache::cache_cmd;
use config::{config_cmd, keys_cmd};
use explore::explore;
use export::export_cmd;
use list::list;
use migrate::migrate;
use search::{search, search_filter};
use show::show;
use stats::stats_cmd;
use timeline::timeline_cmd;
use validate::validate;

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
            let done = on_store(&cli, cmd, &store);
            // The answer is out: now write the cache entry a cold load noted.
            if done.is_ok() {
                crate::cache::save_pending_after_output(&store);
            }
            done
        }
    }
}

/// The commands that answer from the loaded dataset.
fn on_store(cli: &Cli, cmd: &Command, store: &Store) -> Result<(), CliError> {
    match cmd {
        Command::List { what } => list(cli, store, what.kind()),
        Command::Show { kind, id } => show(cli, store, kind.kind(), id),
        Command::Search {
            query,
            links,
            limit,
        } => {
            let filter = search_filter(store, links)?;
            search(cli, store, query, &filter, *limit)
        }
        Command::Export(args) if args.marked => marked::export_marked(store, args, cli.json),
        Command::Export(args) => export_cmd(store, args, cli.json),
        Command::Views => saved_views::list(cli.json, store),
        Command::Timeline { links, query } => timeline_cmd(cli, store, links, query.as_deref()),
        Command::Stats => stats_cmd(cli, store),
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
    }
}

/// Loads the dataset, showing progress on a terminal's stderr. The store is
/// never freed: a one-shot command exits right after, and freeing a million
/// claims one by one would only delay that.
pub(super) fn load(
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
/// Writes `text` to stdout; a closed pipe ends quietly (`stratlens list | head`).
pub(super) fn emit(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

pub(super) fn emit_json(value: &Value) -> Result<(), CliError> {
    stream::emit_with(|out| crate::json_out::write_pretty(out, value))
}

pub fn schema_json() -> String {
    let schema = schemars::schema_for!(model::Dataset);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
pub(super) fn lookup(store: &Store, kind: Kind, id: &str) -> Result<usize, CliError> {
    crate::target::lookup(store, kind, id).map_err(CliError::Lookup)
}
/// A file that exists is replaced only with --force: say so.
pub(super) fn write_error(e: crate::atomic_write::WriteError) -> CliError {
    match e {
        crate::atomic_write::WriteError::Exists(path) => CliError::Usage(format!(
            "{} exists; use --force to replace it, or choose another name",
            crate::sanitize::inline(&path)
        )),
        e => CliError::Usage(e.to_string()),
    }
}
pub(super) fn bar(n: usize, max: usize, width: usize) -> String {
    let len = if max == 0 {
        0
    } else {
        (n * width).div_ceil(max)
    };
    "█".repeat(len)
}
pub(super) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}
