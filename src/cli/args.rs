//! The command line's arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::export;
use crate::model::{self, Kind};

#[derive(Debug, Parser)]
#[command(
    name = "stratlens",
    version,
    about = "Explore strategy claims tied to their verbatim source quotes",
    long_about = "Explore strategy claims tied to their verbatim source quotes.\n\n\
        With no subcommand, opens the terminal explorer on the embedded dataset \
        (or on --data). Subcommands answer one question and exit.",
    after_help = "Exit status: 0 success, 1 no results, 2 bad input or usage."
)]
pub struct Cli {
    /// Dataset file or directory of *.json files (repeatable; merged); `embedded` names the embedded dataset.
    #[arg(long = "data", value_name = "PATH", global = true)]
    pub data: Vec<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Refuse dataset files larger than this many bytes.
    #[arg(long, value_name = "BYTES", global = true, default_value_t = model::load::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
    /// When a dataset does not load: list every problem (repeated ids are
    /// otherwise grouped, and a long report cut).
    #[arg(long, global = true)]
    pub all: bool,
    /// Explorer: use no colour (also when NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,
    /// Explorer: start with this search.
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// Explorer: open at claim:ID, country:ID, region:ID, actor:ID, theme:ID or source:ID (a name
    /// or alias works too), or in a saved view: view:NAME.
    #[arg(long, value_name = "TARGET")]
    pub open: Option<String>,
    /// Explorer: ignore the saved session and start fresh.
    #[arg(long)]
    pub fresh: bool,
    /// Explorer: never write to the terminal clipboard (OSC 52).
    #[arg(long)]
    pub no_clipboard: bool,
    /// Neither read nor write the dataset cache (~/.cache/stratlens).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Explorer: colour theme (overrides config.toml; NO_COLOR still wins).
    #[arg(long, value_enum, value_name = "NAME")]
    pub theme: Option<crate::config::ThemeName>,
    /// Explorer: leave the mouse to the terminal (overrides config.toml).
    #[arg(long)]
    pub no_mouse: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset (the embedded one without PATH); print counts or every problem.
    Validate {
        /// Files or directories to check instead of --data / the embedded dataset.
        paths: Vec<PathBuf>,
        /// Also fail (exit 2) on warnings: links the quote does not name,
        /// primary checks that do not say where they were checked.
        #[arg(long)]
        strict: bool,
    },
    /// Rewrite a schema version 1 file as version 2: its countries' region
    /// labels become regions with members; country links stay named links.
    Migrate {
        /// The version 1 dataset file.
        file: PathBuf,
        /// Where to write the version 2 file (atomically).
        #[arg(short = 'o', long, value_name = "OUT")]
        output: PathBuf,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List claims, countries, regions, actors, themes or sources with claim counts.
    List {
        #[arg(value_enum)]
        what: ListKind,
    },
    /// Show one object: a claim with its quote and citation, a country with its facts and claims, ...
    Show {
        #[arg(value_enum)]
        kind: ShowKind,
        /// The id, or a name or alias (any case) that only one answers to.
        id: String,
    },
    /// Fuzzy search over statements, quotes and entity names, best first.
    Search {
        query: String,
        #[command(flatten)]
        links: LinkArgs,
        /// Show at most N results.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Sources in date order with their claim counts under a filter.
    Timeline {
        #[command(flatten)]
        links: LinkArgs,
        /// Only claims matching this search.
        #[arg(long, value_name = "Q")]
        query: Option<String>,
    },
    /// Write a briefing (Markdown, JSON or CSV) of chosen claims with citations.
    Export(ExportArgs),
    /// Claims per country, actor and theme, and a country × theme table.
    Stats,
    /// Print the dataset JSON Schema.
    Schema,
    /// Print the explorer's key bindings as Markdown tables (--json: action names, keys, contexts).
    Keys,
    /// List the saved views (v in the explorer saves one): name, dataset, what each holds.
    Views,
    /// Show or clear the cache of datasets opened before.
    Cache {
        #[arg(value_enum)]
        action: CacheAction,
    },
    /// Write a new dataset holding one source: a text file, its sections, no claims.
    NewSource(crate::authoring::NewSourceArgs),
    /// Add claims from CSV, JSON Lines or W3C annotations to the --data file holding --source.
    Import(crate::authoring::ImportArgs),
    /// Annotate FILE in the terminal: select quotes, write claims, saved to FILE (--data: read-only datasets to link).
    Annotate(super::annotate::AnnotateArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `stratlens man > stratlens.1`.
    Man,
    /// The config file ($XDG_CONFIG_HOME/stratlens/config.toml): print a commented default, or check it.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum ConfigCommand {
    /// Print a commented default config.toml.
    Default,
    /// Validate the config file; exit 2 with FILE:LINE:COL on a problem.
    Check,
    /// Print where the config file is looked for.
    Path,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// md, json or csv: a briefing; sqlite: a database of the claims and
    /// every entity (needs -o FILE.db).
    #[arg(long, value_enum, default_value = "md")]
    pub format: ExportFormat,
    /// Write to FILE (atomically; refuses to overwrite without --force). Default: stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The claims marked in the saved session of this dataset, with their notes.
    #[arg(long, conflicts_with_all = ["ids", "query", "country", "region", "actor", "theme"])]
    pub marked: bool,
    /// Only these claims (comma-separated ids).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub ids: Vec<String>,
    /// Only claims matching this search.
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,
    #[command(flatten)]
    pub links: LinkArgs,
    /// Group the Markdown briefing by country or by theme.
    #[arg(long, value_enum, default_value = "country")]
    pub group_by: export::GroupBy,
    /// Title of the briefing.
    #[arg(long, default_value = "stratlens briefing")]
    pub title: String,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `export --format`: the briefing formats, and SQLite.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    #[value(name = "md", alias = "markdown")]
    Markdown,
    Json,
    Csv,
    /// W3C Web Annotations (JSON-LD), one per claim.
    W3c,
    Sqlite,
}

impl ExportFormat {
    /// The briefing format; `None` for SQLite.
    pub fn briefing(self) -> Option<export::Format> {
        match self {
            ExportFormat::Markdown => Some(export::Format::Markdown),
            ExportFormat::Json => Some(export::Format::Json),
            ExportFormat::Csv => Some(export::Format::Csv),
            ExportFormat::W3c => Some(export::Format::W3c),
            ExportFormat::Sqlite => None,
        }
    }
}

/// The link filters `search` and `export` share.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct LinkArgs {
    /// Only claims that name this country: id, name or alias (repeatable; OR-ed).
    #[arg(long, value_name = "ID")]
    pub country: Vec<String>,
    /// With --country: also the claims about the country's regions.
    #[arg(long)]
    pub with_regions: bool,
    /// Only claims about this region: id, name or alias (repeatable; OR-ed).
    #[arg(long, value_name = "ID")]
    pub region: Vec<String>,
    /// Only claims linked to this actor: id, name or alias (repeatable; OR-ed).
    #[arg(long, value_name = "ID")]
    pub actor: Vec<String>,
    /// Only claims linked to this theme: id or name (repeatable; OR-ed).
    #[arg(long, value_name = "ID")]
    pub theme: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListKind {
    #[value(alias = "claim")]
    Claims,
    #[value(alias = "country")]
    Countries,
    #[value(alias = "region")]
    Regions,
    #[value(alias = "actor")]
    Actors,
    #[value(alias = "theme")]
    Themes,
    #[value(alias = "source")]
    Sources,
}

/// `show claim ID`: the kinds in the singular (the plural is accepted).
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ShowKind {
    #[value(alias = "claims")]
    Claim,
    #[value(alias = "countries")]
    Country,
    #[value(alias = "regions")]
    Region,
    #[value(alias = "actors")]
    Actor,
    #[value(alias = "themes")]
    Theme,
    #[value(alias = "sources")]
    Source,
}

impl ShowKind {
    pub fn kind(self) -> Kind {
        match self {
            ShowKind::Claim => Kind::Claim,
            ShowKind::Country => Kind::Country,
            ShowKind::Region => Kind::Region,
            ShowKind::Actor => Kind::Actor,
            ShowKind::Theme => Kind::Theme,
            ShowKind::Source => Kind::Source,
        }
    }
}

impl ListKind {
    pub fn kind(self) -> Kind {
        match self {
            ListKind::Claims => Kind::Claim,
            ListKind::Countries => Kind::Country,
            ListKind::Regions => Kind::Region,
            ListKind::Actors => Kind::Actor,
            ListKind::Themes => Kind::Theme,
            ListKind::Sources => Kind::Source,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CacheAction {
    /// List the cached datasets and their sizes.
    Info,
    /// Remove every cached dataset.
    Clear,
}
