//! `stratlens import INPUT --data DATASET.json --source ID -o OUT.json`:
//! claims from CSV, JSON Lines or W3C Web Annotations, each quote anchored
//! in the source's text, added to the dataset file that holds the source.
//! One report line per row on stderr; any error writes nothing.
//!
//! `row.rs` holds a row as the input gives it, `csv.rs` and `jsonl.rs` read
//! those inputs (W3C annotations are read by `authoring::w3c`), `build.rs`
//! turns rows into anchored claims, `hedges.rs` finds hedge words and
//! `report.rs` says what became of each row.

mod build;
mod csv;
mod hedges;
mod jsonl;
mod report;
mod row;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{ImportArgs, problems, say, to_json};
use crate::model::{self, Dataset, Input, LoadOptions};
use csv::parse_csv;
use jsonl::parse_jsonl;

pub use build::{Context, build, build_all};
pub use hedges::{certainty_of, hedges_in};
pub use report::Report;
pub use row::{COLUMNS, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Csv,
    Jsonl,
    W3c,
}

impl InputFormat {
    /// From the file name's extension.
    pub fn detect(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(InputFormat::Csv),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "json" | "jsonld" => Some(InputFormat::W3c),
            _ => None,
        }
    }
}

/// A row, or what is wrong with the input at a line.
pub type Parsed = Result<Row, (usize, String)>;

/// Imports; `json`: the report goes to stdout as one JSON object instead
/// of lines on stderr.
pub fn run(
    args: &ImportArgs,
    data: &[PathBuf],
    json: bool,
    opts: &LoadOptions,
) -> Result<(), String> {
    if data.is_empty() {
        return Err(format!(
            "import needs --data DATASET.json: the dataset file that holds source \"{}\" \
             (and any files with the countries, actors and themes it links)",
            crate::sanitize::inline(&args.source)
        ));
    }
    let Files {
        names,
        texts,
        before,
        mut sets,
    } = Files::read(data, opts)?;
    let target = holder_of(&sets, &args.source)?;
    let (input_name, rows) = read_rows(args, opts)?;
    let (claims, reports) = {
        let source = sets[target]
            .sources
            .iter()
            .find(|s| s.id == args.source)
            .expect("found above");
        let mut ctx = Context::new(&before, source);
        build_all(&mut ctx, rows)
    };
    let out = Outcome {
        args,
        json,
        added: claims.len(),
        reports: &reports,
    };
    out.check_rows(&input_name)?;
    let new_ids: HashSet<String> = claims.iter().map(|c| c.id.clone()).collect();
    sets[target].claims.extend(claims);
    let dataset = to_json(&sets[target])?;
    let shown = args.output.display().to_string();
    let store = revalidate(&names, &texts, target, &shown, &dataset).map_err(|e| {
        out.report(false, &[]);
        format!(
            "the dataset with the new claims does not validate; nothing written: {}",
            problems(e)
        )
    })?;
    let warnings = warnings_about(&store, &new_ids);
    out.write(&dataset, &names, &warnings, sets[target].claims.len())
}

/// The `--data` files: their names and texts, the store they load into
/// (which must be valid before anything is added to it) and each file's
/// dataset, to add the claims to.
struct Files {
    names: Vec<String>,
    texts: Vec<String>,
    before: model::Store,
    sets: Vec<Dataset>,
}

impl Files {
    fn read(data: &[PathBuf], opts: &LoadOptions) -> Result<Files, String> {
        let files = model::load::expand_paths(data).map_err(problems)?;
        let inputs = model::load::read_inputs(&files, opts).map_err(problems)?;
        let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
        let texts: Vec<String> = inputs
            .iter()
            .map(|i| String::from_utf8_lossy(i.bytes()).into_owned())
            .collect();
        // The dataset must be valid before anything is added to it.
        let before = model::load_inputs(inputs).map_err(|e| {
            format!(
                "the dataset given with --data does not load, so nothing was imported: {}",
                problems(e)
            )
        })?;
        let mut sets: Vec<Dataset> = Vec::new();
        for (name, text) in names.iter().zip(&texts) {
            sets.push(serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?);
        }
        Ok(Files {
            names,
            texts,
            before,
            sets,
        })
    }
}

/// The one file that holds source `id`.
fn holder_of(sets: &[Dataset], id: &str) -> Result<usize, String> {
    let holders: Vec<usize> = (0..sets.len())
        .filter(|&k| sets[k].sources.iter().any(|s| s.id == id))
        .collect();
    match holders.as_slice() {
        [k] => Ok(*k),
        [] => {
            let known: Vec<&str> = sets
                .iter()
                .flat_map(|d| d.sources.iter().map(|s| s.id.as_str()))
                .collect();
            Err(format!(
                "no source \"{}\" in the --data files; their sources: {}",
                crate::sanitize::inline(id),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ))
        }
        _ => unreachable!("source ids are unique across a dataset that loads"),
    }
}

/// The input's name and rows, in the format given or told by its extension.
fn read_rows(args: &ImportArgs, opts: &LoadOptions) -> Result<(String, Vec<Parsed>), String> {
    let format = match args.format.or_else(|| InputFormat::detect(&args.input)) {
        Some(f) => f,
        None => {
            return Err(format!(
                "{}: cannot tell the format from the extension; give --format csv, jsonl or w3c",
                args.input.display()
            ));
        }
    };
    let input_name = args.input.display().to_string();
    let input_text = super::read_input(&args.input, opts)?;
    let rows = parse(&input_text, &input_name, format)?;
    if rows.is_empty() {
        return Err(format!("{input_name}: no claims to import"));
    }
    Ok((input_name, rows))
}

/// What is said about the rows: JSON on stdout, or lines on stderr.
struct Outcome<'a> {
    args: &'a ImportArgs,
    json: bool,
    added: usize,
    reports: &'a [Report],
}

impl Outcome<'_> {
    /// Nothing is written when a row failed or every row was skipped.
    fn check_rows(&self, input_name: &str) -> Result<(), String> {
        let failed = self.reports.iter().filter(|r| r.status == "error").count();
        if failed > 0 || self.added == 0 {
            self.report(false, &[]);
            return Err(if failed > 0 {
                format!(
                    "{failed} of {} row(s) failed; nothing written",
                    self.reports.len()
                )
            } else {
                format!("{input_name}: every row was skipped; nothing written")
            });
        }
        Ok(())
    }

    /// Writes the dataset file with the new claims (`in_file` claims in
    /// all) to OUT, and says so.
    fn write(
        &self,
        dataset: &str,
        names: &[String],
        warnings: &[String],
        in_file: usize,
    ) -> Result<(), String> {
        let args = self.args;
        // As everywhere, the dataset files read are never written: OUT is new.
        if let Err(e) =
            crate::atomic_write::write_atomic(&args.output, dataset.as_bytes(), args.force, names)
        {
            self.report(false, warnings);
            return Err(write_error(e));
        }
        self.report(true, warnings);
        if !self.json {
            say(&format!(
                "wrote {}: {} claim(s) added to source {} ({in_file} claims in the file)",
                args.output.display(),
                self.added,
                args.source,
            ));
        }
        Ok(())
    }

    fn report(&self, ok: bool, warnings: &[String]) {
        if self.json {
            let out = serde_json::json!({
                "ok": ok,
                "output": ok.then(|| self.args.output.display().to_string()),
                "added": if ok { self.added } else { 0 },
                "rows": self.reports,
                "warnings": warnings,
            });
            super::emit_json(&out);
        } else {
            for r in self.reports {
                say(&r.to_string());
            }
            for w in warnings {
                say(&format!("warning: {w}"));
            }
        }
    }
}

/// The files loaded again with the target's new text named `out`.
fn revalidate(
    names: &[String],
    texts: &[String],
    target: usize,
    out: &str,
    dataset: &str,
) -> Result<model::Store, model::LoadError> {
    let mut check: Vec<Input> = Vec::new();
    for (k, (name, text)) in names.iter().zip(texts).enumerate() {
        check.push(if k == target {
            Input::new(out.to_string(), dataset.to_string())
        } else {
            Input::new(name.clone(), text.clone())
        });
    }
    model::load_inputs(check)
}

/// The lint warnings about the new claims.
fn warnings_about(store: &model::Store, new_ids: &HashSet<String>) -> Vec<String> {
    let mut warnings = Vec::new();
    for w in model::lint::lint(store) {
        let concerns_new = match &w {
            model::lint::Warning::Unnamed(u) => new_ids.contains(&u.claim),
            model::lint::Warning::Unsourced { claim, .. } => new_ids.contains(claim),
        };
        if concerns_new {
            warnings.push(w.to_string());
        }
    }
    warnings
}

/// A failed write, with the option that overrides a refusal.
pub fn write_error(e: crate::atomic_write::WriteError) -> String {
    match e {
        crate::atomic_write::WriteError::Exists(_) => format!("{e} (--force replaces it)"),
        e => e.to_string(),
    }
}

/// Parses the input into rows.
pub fn parse(text: &str, name: &str, format: InputFormat) -> Result<Vec<Parsed>, String> {
    match format {
        InputFormat::Csv => parse_csv(text, name),
        InputFormat::Jsonl => Ok(parse_jsonl(text)),
        InputFormat::W3c => super::w3c::parse(text, name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| InputFormat::detect(Path::new(p));
        assert_eq!(f("a.CSV"), Some(InputFormat::Csv));
        assert_eq!(f("a.jsonl"), Some(InputFormat::Jsonl));
        assert_eq!(f("a.jsonld"), Some(InputFormat::W3c));
        assert_eq!(f("a.json"), Some(InputFormat::W3c));
        assert_eq!(f("a.txt"), None);
    }
}
