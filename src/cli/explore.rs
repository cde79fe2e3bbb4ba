//! The explorer, the default command: the config, the dataset and the deep
//! link checked before the terminal is touched.

use std::io::IsTerminal;

use super::{Cli, CliError, load};
use crate::model::LoadOptions;

pub(super) fn explore(cli: &Cli, opts: &LoadOptions) -> Result<(), CliError> {
    // A bad config file is refused before anything is loaded or drawn.
    let config = crate::config::load_and_install()?;
    let store = std::mem::ManuallyDrop::into_inner(load(&cli.data, opts, !cli.no_cache)?);
    // A bad deep link is a usage error, reported before the terminal is touched.
    let (open, view) = super::saved_views::open_arg(&store, cli.open.as_deref())?;
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
