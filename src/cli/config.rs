//! `stratlens keys` (the keymap in force) and `stratlens config` (the
//! config file: its default text, its path, a check).

use super::{Cli, CliError, ConfigCommand, emit, emit_json};

/// `stratlens keys`: the keymap in force (the config's remaps applied).
pub(super) fn keys_cmd(cli: &Cli) -> Result<(), CliError> {
    crate::config::load_and_install()?;
    if cli.json {
        emit_json(&crate::app::keynames::json())
    } else {
        emit(&crate::app::keymap::markdown_table())
    }
}

pub(super) fn config_cmd(what: ConfigCommand) -> Result<(), CliError> {
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
