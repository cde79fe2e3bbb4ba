//! A validated store and its search index, to and from a cache file.
//!
//! The search index's four large arrays (forward index and posting lists,
//! most of the file) are used in place from the map. The store is rebuilt
//! from flat records: one row of sixteen numbers per claim, its strings in
//! one block, links in one pool, the rare fields and the small entity lists
//! as JSON. Everything read is checked (checksums first, then every index
//! against what it indexes), so a file that passes cannot make a view or a
//! search panic.
//!
//! `write.rs` writes an entry; `store.rs` rebuilds the store from one and
//! `index.rs` the search index, each checking what it reads; `derived.rs`
//! holds the store's derived claim lists in and out, `codes.rs` the
//! numbers that stand for layers, certainties and relations.

mod codes;
mod derived;
mod index;
mod store;
mod write;

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::format::{Reader, Refused, Sec, refuse};
use super::key::Key;
use crate::model::{
    Actor, Country, Primary, QuoteTarget, ReferBack, Region, Related, Source, Theme,
};

pub use index::read_index;
pub use store::read_store;
pub use write::write;

/// Numbers per claim in [`Sec::Records`].
const STRIDE: usize = 16;
const NONE: u32 = u32::MAX;

/// The small lists, as JSON: their types skip some fields when empty,
/// which a binary format cannot read back.
#[derive(Serialize, Deserialize)]
struct Lists {
    inputs: Vec<String>,
    notices: Vec<String>,
    countries: Vec<Country>,
    regions: Vec<Region>,
    actors: Vec<Actor>,
    themes: Vec<Theme>,
}

/// The larger parts, in postcard (a compact binary serde format): the
/// Meta section is the JSON's length (u64 LE), the JSON, then this.
#[derive(Serialize, Deserialize)]
struct Meta {
    /// Sources without their texts, which are in [`Sec::Texts`].
    sources: Vec<Source>,
    /// Byte range of each source's text in [`Sec::Texts`].
    texts: Vec<Option<(u64, u64)>>,
    /// The claims that have rare fields, ascending by claim.
    extras: Vec<(u32, SavedExtra)>,
    index: IndexMeta,
}

#[derive(Serialize, Deserialize)]
struct SavedExtra {
    hedges: Vec<String>,
    primary: Option<Primary>,
    related: Vec<Related>,
    refer_backs: Vec<ReferBack>,
    target: QuoteTarget,
}

/// The search index's small parts, kept until the index is asked for.
#[derive(Serialize, Deserialize, Default)]
pub struct IndexMeta {
    words: Vec<String>,
    entity_words: Vec<Vec<String>>,
    entity_text: Vec<String>,
}
/// Reads the key section (checked).
pub fn read_key(reader: &Reader) -> Result<Key, Refused> {
    serde_json::from_slice(reader.checked(Sec::Key)?)
        .or_else(|e| refuse(format!("key section: {e}")))
}
/// For `cache info`: the key of the entry at `path`, if it is one.
pub fn describe(path: &Path) -> Result<Key, Refused> {
    read_key(&Reader::open(path)?)
}
