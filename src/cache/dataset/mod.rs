//! A validated store and its search index, to and from a cache file.
//!
//! Nothing large is copied on the way in: the claims' records and strings,
//! the link pool, the source texts, the store's claim lists and the search
//! index's four large arrays are used in place from the map; only the
//! entity lists, the sources and (when a view first asks) the rare claim
//! fields are decoded. Everything read is checked (checksums first, then
//! every number against what it indexes), so a file that passes cannot
//! make a view or a search panic.
//!
//! `write.rs` writes an entry; `store.rs` reads the store from one and
//! `index.rs` the search index, each checking what it reads; `derived.rs`
//! holds the store's derived claim lists in and out.

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

/// The small lists, as JSON: their types skip some fields when empty,
/// which a binary format cannot read back.
#[derive(Serialize, Deserialize)]
pub(super) struct Lists {
    pub(super) inputs: Vec<String>,
    pub(super) notices: Vec<String>,
    pub(super) countries: Vec<Country>,
    pub(super) regions: Vec<Region>,
    pub(super) actors: Vec<Actor>,
    pub(super) themes: Vec<Theme>,
}

/// The larger parts, in postcard (a compact binary serde format): the
/// Meta section is the JSON's length (u64 LE), the JSON, then this.
#[derive(Serialize, Deserialize)]
pub(super) struct Meta {
    /// Sources without their texts, which are in [`Sec::Texts`].
    pub(super) sources: Vec<Source>,
    /// Byte range of each source's text in [`Sec::Texts`].
    pub(super) texts: Vec<Option<(u64, u64)>>,
    pub(super) index: IndexMeta,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SavedExtra {
    pub(super) hedges: Vec<String>,
    /// Boxed as in `Extra`, so that decoding moves it instead of copying
    /// the whole list (postcard writes a box as its contents).
    pub(super) primary: Option<Box<Primary>>,
    pub(super) related: Vec<Related>,
    pub(super) refer_backs: Vec<ReferBack>,
    pub(super) target: QuoteTarget,
}

/// The search index's small parts, kept until the index is asked for.
#[derive(Serialize, Deserialize, Default)]
pub struct IndexMeta {
    pub(super) words: Vec<String>,
    pub(super) entity_words: Vec<Vec<String>>,
    pub(super) entity_text: Vec<String>,
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
