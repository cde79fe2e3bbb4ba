//! `stratlens migrate`: a schema version 1 file rewritten as version 2.

use std::io::Write;

use super::{Cli, CliError, write_error};
use crate::model::{self, LoadOptions};
use crate::words::plural;

/// `stratlens migrate FILE -o OUT`: the version 2 file is checked (with
/// any --data files it needs) before a byte is written.
pub(super) fn migrate(
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
