//! The dataset: types, loading, validation and indexes. No terminal code here.

pub mod load;
pub mod problem;
pub mod store;
pub mod text;
pub mod types;
pub mod validate;

use std::path::PathBuf;

pub use load::{Input, LoadOptions};
pub use problem::{LoadError, Place, Problem};
pub use store::{Kind, Store};
pub use types::*;

/// Loads `paths` (files or directories of `*.json`), or the embedded dataset
/// when `paths` is empty. Either the whole dataset is valid or nothing is
/// returned but the list of problems.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Result<Store, LoadError> {
    if paths.is_empty() {
        return load_inputs(vec![Input::embedded()]);
    }
    let files = load::expand_paths(paths)?;
    load_inputs(load::read_inputs(&files, opts)?)
}

pub fn load_embedded() -> Result<Store, LoadError> {
    load_inputs(vec![Input::embedded()])
}

pub fn load_inputs(inputs: Vec<Input>) -> Result<Store, LoadError> {
    let (data, origins) = load::parse_inputs(&inputs)?;
    let derived = validate::validate(&data, &origins).map_err(|problems| LoadError { problems })?;
    let named: Vec<(String, &str)> = inputs
        .iter()
        .map(|i| (i.name.clone(), i.text.as_str()))
        .collect();
    Ok(Store::build(data, origins, derived, &named))
}
