//! `stratlens annotate FILE [--data OTHER…]`: FILE is written, every
//! other dataset is read-only (its countries, regions, actors and themes
//! can be linked). Checks everything it can before taking the terminal.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{Cli, CliError};
use crate::authoring::recover;
use crate::authoring::session::Session;
use crate::model::LoadOptions;

#[derive(Debug, clap::Args)]
pub struct AnnotateArgs {
    /// The dataset file to write claims into (start one with `stratlens
    /// new-source`). --data names read-only datasets to link to; `--data
    /// embedded` names the embedded one.
    pub file: Option<PathBuf>,
    /// Print the annotate mode's keys as Markdown tables and exit.
    #[arg(long)]
    pub keys: bool,
}

const NO_FILE: &str = "annotate needs FILE, the dataset file to write claims into: \
    `stratlens annotate FILE.json [--data OTHER.json…]`. Start one from a text with \
    `stratlens new-source TEXT_FILE --id ID --title TITLE -o FILE.json`; `--data embedded` \
    links the embedded dataset's countries, actors and themes.";

pub fn run(cli: &Cli, args: &AnnotateArgs, opts: &LoadOptions) -> Result<(), CliError> {
    if args.keys {
        print!("{}", crate::annotate::keymap::markdown());
        return Ok(());
    }
    let Some(file) = &args.file else {
        return Err(CliError::Usage(NO_FILE.into()));
    };
    let config = crate::config::load_and_install()?;
    let session = Session::open(file, &cli.data, opts)?;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(CliError::Usage(
            "annotate needs a terminal on stdin and stdout; for scripts use `stratlens import`"
                .into(),
        ));
    }
    let found = recover::read(file);
    let opts = crate::term::annotate::Options {
        no_color: cli.no_color,
        theme: cli.theme.unwrap_or(config.theme),
        no_mouse: cli.no_mouse || !config.mouse,
    };
    crate::term::annotate::run(session, found, opts)
        .map_err(|e| CliError::Usage(format!("annotate: {e}")))
}
