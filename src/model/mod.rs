//! The dataset: types, loading, validation and indexes. No terminal code here.

pub mod claim;
pub mod links;
pub mod lint;
pub mod lists;
pub mod load;
pub mod migrate;
pub mod positions;
pub mod problem;
pub mod store;
pub mod table;
pub mod texts;
pub mod types;
pub mod validate;

use std::path::PathBuf;

use xxhash_rust::xxh3::Xxh3;

pub use claim::StoredClaim;
pub use load::{Input, LoadOptions, Progress};
pub use problem::{LoadError, Place, Problem};
pub use store::{Evidence, Kind, Links, SourceTexts, Store};
pub use table::{ClaimRef, Claims};
pub use types::*;

/// Loads `paths` (files or directories of `*.json`; `embedded` names the
/// embedded dataset), or the embedded dataset when `paths` is empty. Either the whole dataset is valid or nothing is
/// returned but the list of problems.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Result<Store, LoadError> {
    load_with_progress(paths, opts, None)
}

/// [`load`], calling `progress` as it goes (see [`Progress`]).
pub fn load_with_progress(
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: Progress,
) -> Result<Store, LoadError> {
    let (embedded, files): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| load::names_embedded(p));
    let mut inputs = if paths.is_empty() || !embedded.is_empty() {
        Input::embedded()
    } else {
        Vec::new()
    };
    if !files.is_empty() {
        inputs.extend(load::read_inputs(&load::expand_paths(&files)?, opts)?);
    }
    load_inputs_with(inputs, progress)
}

pub fn load_embedded() -> Result<Store, LoadError> {
    load_inputs(Input::embedded())
}

pub fn load_inputs(inputs: Vec<Input>) -> Result<Store, LoadError> {
    load_inputs_with(inputs, None)
}

/// Parses on this thread while another checks UTF-8 and hashes the files;
/// validation then parses the claims on every core.
pub fn load_inputs_with(inputs: Vec<Input>, progress: Progress) -> Result<Store, LoadError> {
    let locator = load::Locator::new(&inputs);
    let (parsed, verified) = std::thread::scope(|s| {
        let verify = s.spawn(|| verify(&inputs));
        let parsed = load::parse_inputs(&inputs, &locator, progress);
        (parsed, verify.join())
    });
    let Ok(Verified {
        fingerprint,
        problems,
    }) = verified
    else {
        return Err(LoadError {
            problems: vec![Problem {
                place: Place::file(&inputs[0].name),
                path: None,
                id: None,
                message: "internal error while reading the files".into(),
            }],
        });
    };
    if !problems.is_empty() {
        // Past a bad byte the parser's findings mean little.
        return Err(LoadError { problems });
    }
    let built = validate::validate(&parsed, &locator, progress)
        .map_err(|problems| LoadError { problems })?;
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    drop(locator);
    for input in &inputs {
        input.release(0..input.len());
    }
    let notices = old_versions(&names, &parsed.versions);
    let mut store = Store::build(parsed.data, built, fingerprint, names);
    store.notices = notices;
    Ok(store)
}

/// What to say about files of an older schema version.
fn old_versions(names: &[String], versions: &[u32]) -> Vec<String> {
    names
        .iter()
        .zip(versions)
        .filter(|&(_, &v)| v < SCHEMA_VERSION)
        .map(|(name, v)| {
            format!(
                "{name} is schema_version {v}: its country links are read as named links and it \
                 has no regions; `stratlens migrate {name} -o NEW.json` writes version {SCHEMA_VERSION}"
            )
        })
        .collect()
}

struct Verified {
    fingerprint: String,
    problems: Vec<Problem>,
}

/// Hashes every input (the fingerprint that keys saved sessions) and checks
/// the mapped ones for UTF-8, a slice at a time so that the pages can be
/// handed back as soon as they are done. The fingerprint needs no
/// cryptographic strength, only stability: XXH3-128 hashes a 767 MB file in
/// a tenth of the time SHA-256 takes.
fn verify(inputs: &[Input]) -> Verified {
    const SLICE: usize = 8 << 20;
    let mut hasher = Xxh3::new();
    let mut problems = Vec::new();
    for input in inputs {
        let bytes = input.bytes();
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        let mut checked = input.is_checked();
        let mut at = 0;
        while at < bytes.len() {
            let mut end = (at + SLICE).min(bytes.len());
            if !checked {
                // Cut at a character boundary: continuation bytes are 10xxxxxx.
                while end < bytes.len() && bytes[end] & 0xC0 == 0x80 {
                    end += 1;
                }
                // SIMD (simdutf8): the check no longer bounds a cold load.
                if let Err(e) = simdutf8::compat::from_utf8(&bytes[at..end]) {
                    let good = at + e.valid_up_to();
                    problems.push(load::invalid_utf8(&input.name, &bytes[..good]));
                    checked = true;
                }
            }
            hasher.update(&bytes[at..end]);
            input.release(at..end);
            at = end;
        }
    }
    Verified {
        fingerprint: format!("{:032x}", hasher.digest128()),
        problems,
    }
}
