//! A store and its search index written to an entry, section by section:
//! the store's own tables byte for byte, since they are read back in place.

use super::derived::encode_derived;
use super::{IndexMeta, Lists, Meta, SavedExtra};
use crate::cache::format::{Sec, Writer};
use crate::cache::key::Key;
use crate::model::Store;
use crate::search::{IndexParts, SearchIndex};

/// Writes `store` and `index` under `key` to `file` (a new temporary file).
pub fn write(
    file: std::fs::File,
    key: &Key,
    store: &Store,
    index: &SearchIndex,
) -> std::io::Result<()> {
    let mut w = Writer::new(file)?;
    section(&mut w, Sec::Key, &serde_json::to_vec(key)?)?;
    let parts = index.parts();
    write_meta(&mut w, store, &parts)?;
    let claims = store.claims();
    section(&mut w, Sec::Records, bytemuck::cast_slice(claims.records()))?;
    section(&mut w, Sec::Strings, claims.strings().as_bytes())?;
    section(
        &mut w,
        Sec::LinkPool,
        bytemuck::cast_slice(store.link_pool()),
    )?;
    section(&mut w, Sec::Texts, store.texts().block().as_bytes())?;
    write_index(&mut w, &parts)?;
    let derived = encode_derived(store);
    section(&mut w, Sec::Derived, bytemuck::cast_slice(&derived))?;
    drop(derived);
    section(&mut w, Sec::Extras, &extras(store)?)?;
    w.finish()
}

fn section(w: &mut Writer, sec: Sec, bytes: &[u8]) -> std::io::Result<()> {
    w.begin(sec)?;
    w.put(bytes)?;
    w.end();
    Ok(())
}

/// The Meta section: the lists as JSON (its length first), then the
/// sources and the index's small parts in postcard.
fn write_meta(w: &mut Writer, store: &Store, parts: &IndexParts) -> std::io::Result<()> {
    let lists = Lists {
        inputs: store.inputs.clone(),
        notices: store.notices.clone(),
        countries: store.countries().to_vec(),
        regions: store.regions().to_vec(),
        actors: store.actors().to_vec(),
        themes: store.themes().to_vec(),
    };
    let meta = Meta {
        // The store's sources hold no texts: they are in its text block.
        sources: store.sources().to_vec(),
        texts: store.texts().spans().to_vec(),
        index: IndexMeta {
            words: parts.words.iter().map(|w| w.to_string()).collect(),
            entity_words: parts
                .entity_words
                .iter()
                .map(|ws| ws.iter().map(|w| w.to_string()).collect())
                .collect(),
            entity_text: parts.entity_text.to_vec(),
        },
    };
    w.begin(Sec::Meta)?;
    let json = serde_json::to_vec(&lists)?;
    w.put(&(json.len() as u64).to_le_bytes())?;
    w.put(&json)?;
    w.put(&postcard::to_allocvec(&meta).map_err(std::io::Error::other)?)?;
    w.end();
    Ok(())
}

/// The search index's four arrays, starts widened to u64.
fn write_index(w: &mut Writer, parts: &IndexParts) -> std::io::Result<()> {
    let starts: Vec<u64> = parts.starts.iter().map(|&s| s as u64).collect();
    section(w, Sec::Starts, bytemuck::cast_slice(&starts))?;
    drop(starts);
    section(w, Sec::Entries, bytemuck::cast_slice(parts.entries))?;
    let post_starts: Vec<u64> = parts.post_starts.iter().map(|&s| s as u64).collect();
    section(w, Sec::PostStarts, bytemuck::cast_slice(&post_starts))?;
    section(w, Sec::Postings, bytemuck::cast_slice(parts.postings))
}

/// The rare fields of the claims that have them, in postcard.
fn extras(store: &Store) -> std::io::Result<Vec<u8>> {
    let saved: Vec<(u32, SavedExtra)> = store
        .claims()
        .extras()
        .iter()
        .map(|(i, e)| {
            let saved = SavedExtra {
                hedges: e.hedges.clone(),
                primary: e.primary.clone(),
                related: e.related.clone(),
                refer_backs: e.refer_backs.clone(),
                target: e.target,
            };
            (*i, saved)
        })
        .collect();
    postcard::to_allocvec(&saved).map_err(std::io::Error::other)
}
