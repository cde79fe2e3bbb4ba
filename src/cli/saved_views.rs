//! `stratlens views [--json]`: the saved views, what each holds and which
//! dataset it belongs to; and `--open view:NAME`, checked before the
//! explorer starts.

use serde_json::{Value, json};

use super::CliError;
use crate::model::Store;
use crate::sanitize::inline;
use crate::target::Target;
use crate::views::{self, View};

/// What `--open` asks for: a claim or entity, or a saved view by name. An
/// unknown one is a usage error, before the terminal is touched.
pub fn open_arg(
    store: &Store,
    text: Option<&str>,
) -> Result<(Option<Target>, Option<String>), CliError> {
    let Some(text) = text else {
        return Ok((None, None));
    };
    let Some(name) = text.strip_prefix("view:") else {
        let target = crate::target::parse(store, text)
            .map_err(|e| CliError::Usage(format!("--open: {e}")))?;
        return Ok((Some(target), None));
    };
    let list = load()?;
    match views::find(&list, name, &store.fingerprint) {
        Some(v) => Ok((None, Some(v.name.clone()))),
        None => Err(CliError::Usage(format!(
            "--open: no saved view \"{}\" for this dataset; `stratlens views` lists them",
            inline(name)
        ))),
    }
}

/// Every saved view; none when there is no data directory.
fn load() -> Result<Vec<View>, CliError> {
    match views::data_dir() {
        Some(dir) => views::load(&views::path_in(&dir)).map_err(|e| CliError::Usage(e.to_string())),
        None => Ok(Vec::new()),
    }
}

fn whose(v: &View, store: &Store) -> String {
    match &v.dataset {
        None => "any dataset".into(),
        Some(fp) if *fp == store.fingerprint => "this dataset".into(),
        Some(_) => format!("another: {}", v.dataset_label),
    }
}

fn to_json(v: &View, store: &Store) -> Value {
    json!({
        "name": v.name,
        "dataset": v.dataset,
        "dataset_label": v.dataset_label,
        "this_dataset": v.applies_to(&store.fingerprint),
        "holds": v.describe(),
        "tab": v.tab,
        "facet": v.facet,
        "include": v.include,
        "exclude": v.exclude,
        "query": v.query,
        "lens": v.lens,
        "with_regions": v.with_regions,
        "saved": v.saved,
    })
}

/// `stratlens views`: a row per view, by name.
pub fn list(json_out: bool, store: &Store) -> Result<(), CliError> {
    let mut list = load()?;
    list.sort_by(|a, b| a.name.cmp(&b.name).then(a.dataset.cmp(&b.dataset)));
    if json_out {
        let items: Vec<Value> = list.iter().map(|v| to_json(v, store)).collect();
        super::emit_json(&Value::Array(items))?;
    }
    if list.is_empty() {
        let place = views::data_dir()
            .map(|d| views::path_in(&d).display().to_string())
            .unwrap_or_else(|| "no data directory".into());
        return Err(CliError::NoResults(format!(
            "no saved views ({}); v in the explorer saves one",
            inline(&place)
        )));
    }
    if json_out {
        return Ok(());
    }
    let name_w = list
        .iter()
        .map(|v| v.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let rows: Vec<(String, String, String)> = list
        .iter()
        .map(|v| {
            (
                inline(&v.name).into_owned(),
                inline(&whose(v, store)).into_owned(),
                inline(&v.describe()).into_owned(),
            )
        })
        .collect();
    let data_w = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let mut out = vec![format!(
        "{:<name_w$}  {:<data_w$}  HOLDS",
        "NAME", "DATASET"
    )];
    out.extend(
        rows.iter()
            .map(|(n, d, h)| format!("{n:<name_w$}  {d:<data_w$}  {h}")),
    );
    super::emit(&out.join("\n"))
}
