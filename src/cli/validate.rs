//! `stratlens validate`: the dataset loaded and checked, its counts and
//! warnings, or every problem with its place.

use std::path::PathBuf;

use serde_json::{Value, json};

use super::{Cli, CliError, emit, emit_json, load};
use crate::model::{self, LoadError, LoadOptions, Store};
use crate::words::plural;

pub(super) fn validate(
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
                out.push(ok_line(d, warnings.len()));
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
            emit_json(&problems_json(&err))?;
            Err(CliError::Usage(format!(
                "{} found",
                plural(err.problems.len(), "problem")
            )))
        }
        Err(err) => Err(err.into()),
    }
}

/// `ok: 3 sources, …, 300 claims (FILES); N warnings`.
fn ok_line(d: &Store, warnings: usize) -> String {
    format!(
        "ok: {}, {}, {}, {}, {}, {} ({}){}",
        plural(d.sources().len(), "source"),
        plural(d.countries().len(), "country"),
        plural(d.regions().len(), "region"),
        plural(d.actors().len(), "actor"),
        plural(d.themes().len(), "theme"),
        plural(d.claims().len(), "claim"),
        crate::sanitize::inline(&files_named(&d.inputs)),
        match warnings {
            0 => String::new(),
            n => format!("; {}", plural(n, "warning")),
        }
    )
}

/// Every problem with its place, for `validate --json`.
fn problems_json(err: &LoadError) -> Value {
    let problems: Vec<Value> = err
        .problems
        .iter()
        .map(|p| {
            json!({"file": p.place.file, "line": p.place.line, "column": p.place.column,
                "path": p.path, "id": p.id, "message": p.message})
        })
        .collect();
    json!({"ok": false, "problems": problems})
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
