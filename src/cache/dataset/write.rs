//! A store and its search index written to an entry, section by section.

use super::codes::{certainty_code, layer_code};
use super::derived::encode_derived;
use super::{IndexMeta, Lists, Meta, NONE, STRIDE, SavedExtra};
use crate::cache::format::{Sec, Writer};
use crate::cache::key::Key;
use crate::model::{QuoteTarget, Source, Store, StoredClaim};
use crate::search::{IndexParts, SearchIndex};

/// Writes `store` and `index` under `key` to `file` (a new temporary file).
pub fn write(
    file: std::fs::File,
    key: &Key,
    store: &Store,
    index: &SearchIndex,
) -> std::io::Result<()> {
    let mut w = Writer::new(file)?;
    w.begin(Sec::Key)?;
    w.put(&serde_json::to_vec(key)?)?;
    w.end();
    let parts = index.parts();
    write_meta(&mut w, store, &parts)?;
    write_claims(&mut w, store)?;
    w.begin(Sec::Texts)?;
    for s in store.sources() {
        w.put(s.text.as_deref().unwrap_or("").as_bytes())?;
    }
    w.end();
    write_index(w, store, &parts)
}

/// The Meta section: the small lists as JSON, then the sources, the texts'
/// places, the rare fields and the index's small parts in postcard.
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
        sources: store.sources().iter().map(without_text).collect(),
        texts: text_spans(store),
        extras: extras_of(store.claims()),
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

/// A source without its text, which goes to [`Sec::Texts`].
fn without_text(s: &Source) -> Source {
    Source {
        id: s.id.clone(),
        kind: s.kind,
        title: s.title.clone(),
        author: s.author.clone(),
        published: s.published.clone(),
        published_note: s.published_note.clone(),
        url: s.url.clone(),
        about: s.about.clone(),
        text: None,
        text_sha256: s.text_sha256.clone(),
        sections: s.sections.clone(),
    }
}

/// Byte range of each source's text in [`Sec::Texts`].
fn text_spans(store: &Store) -> Vec<Option<(u64, u64)>> {
    let mut texts = Vec::with_capacity(store.sources().len());
    let mut at = 0u64;
    for s in store.sources() {
        texts.push(s.text.as_ref().map(|t| {
            let span = (at, t.len() as u64);
            at += t.len() as u64;
            span
        }));
    }
    texts
}

/// The claims that have rare fields, ascending by claim.
fn extras_of(claims: &[StoredClaim]) -> Vec<(u32, SavedExtra)> {
    claims
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            !c.hedges().is_empty()
                || c.primary().is_some()
                || !c.related().is_empty()
                || !c.refer_backs().is_empty()
                || c.target() != QuoteTarget::Text
        })
        .map(|(i, c)| {
            (
                i as u32,
                SavedExtra {
                    hedges: c.hedges().to_vec(),
                    primary: c.primary().cloned(),
                    related: c.related().to_vec(),
                    refer_backs: c.refer_backs().to_vec(),
                    target: c.target(),
                },
            )
        })
        .collect()
}

/// The Records, Strings and LinkPool sections: a row of numbers per claim,
/// with the strings' offsets and a new, dense link pool.
fn write_claims(w: &mut Writer, store: &Store) -> std::io::Result<()> {
    let claims = store.claims();
    let mut records: Vec<u32> = Vec::with_capacity(claims.len() * STRIDE);
    let mut pool: Vec<u32> = Vec::new();
    let mut strings = 0u64;
    for (i, c) in claims.iter().enumerate() {
        let links = store.links(i);
        let offset = pool.len() as u32;
        pool.extend_from_slice(links.countries);
        pool.extend_from_slice(links.actors);
        pool.extend_from_slice(links.themes);
        pool.extend_from_slice(links.regions);
        records.extend_from_slice(&record_of(c, strings, offset));
        strings += (c.id().len() + c.statement().len() + c.cue().map_or(0, str::len)) as u64;
    }
    w.begin(Sec::Records)?;
    w.put(bytemuck::cast_slice(&records))?;
    w.end();
    drop(records);
    w.begin(Sec::Strings)?;
    for c in claims {
        w.put(c.id().as_bytes())?;
        w.put(c.statement().as_bytes())?;
        w.put(c.cue().unwrap_or("").as_bytes())?;
    }
    w.end();
    w.begin(Sec::LinkPool)?;
    w.put(bytemuck::cast_slice(&pool))?;
    w.end();
    Ok(())
}

/// One claim's row: its strings at `strings`, its links at `offset` of the
/// pool.
fn record_of(c: &StoredClaim, strings: u64, offset: u32) -> [u32; STRIDE] {
    let q = c.quote;
    let cue = c.cue().map_or(NONE, |s| s.len() as u32);
    [
        strings as u32,
        (strings >> 32) as u32,
        c.id().len() as u32,
        c.statement().len() as u32,
        cue,
        c.source,
        c.section,
        q.start,
        q.end,
        q.byte_start,
        q.byte_end,
        u32::from(q.prefix_chars)
            | u32::from(q.suffix_chars) << 8
            | layer_code(c.layer) << 16
            | certainty_code(c.certainty) << 24,
        offset,
        u32::from(c.links.countries) | u32::from(c.links.actors) << 16,
        u32::from(c.links.themes) | u32::from(c.links.regions) << 16,
        c.speaker().map_or(NONE, |s| s as u32),
    ]
}

/// The index's arrays and the store's derived lists, then the end.
fn write_index(mut w: Writer, store: &Store, parts: &IndexParts) -> std::io::Result<()> {
    let words = |w: &mut Writer, sec: Sec, b: &[u8]| -> std::io::Result<()> {
        w.begin(sec)?;
        w.put(b)?;
        w.end();
        Ok(())
    };
    let starts: Vec<u64> = parts.starts.iter().map(|&s| s as u64).collect();
    words(&mut w, Sec::Starts, bytemuck::cast_slice(&starts))?;
    drop(starts);
    words(&mut w, Sec::Entries, bytemuck::cast_slice(parts.entries))?;
    let post_starts: Vec<u64> = parts.post_starts.iter().map(|&s| s as u64).collect();
    words(&mut w, Sec::PostStarts, bytemuck::cast_slice(&post_starts))?;
    words(&mut w, Sec::Postings, bytemuck::cast_slice(parts.postings))?;
    let derived = encode_derived(store);
    words(&mut w, Sec::Derived, bytemuck::cast_slice(&derived))?;
    w.finish()
}
