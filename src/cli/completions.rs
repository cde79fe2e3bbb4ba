//! `stratlens completions SHELL` (clap_complete) and `stratlens man` (a
//! roff man page, clap_mangen), both generated from the clap definitions
//! so they cannot drift from the arguments.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, CliError};

/// The completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "stratlens", &mut out);
    write_out(&out)
}

/// The man page (section 1) in roff on stdout.
pub fn man() -> Result<(), CliError> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    write_out(&out)
}

fn write_out(bytes: &[u8]) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(())
}
