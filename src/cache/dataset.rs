//! A validated store and its search index, to and from a cache file.
//!
//! Nothing large is copied on the way in: the claims' records and strings,
//! the link pool, the source texts and the search index's four large
//! arrays are used in place from the map; only the rare fields, the entity
//! lists and the store's claim indexes are decoded. Everything read is
//! checked (checksums first, then every number against what it indexes),
//! so a file that passes cannot make a view or a search panic.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::format::{Reader, Refused, Sec, Writer, refuse};
use super::key::Key;
use crate::model::claim::{ClaimIndex, Extra};
use crate::model::store::{CacheParts, Derived};
use crate::model::table::{ClaimRecord, Extras, extras_fit};
use crate::model::{
    Actor, Claims, Country, Dataset, Primary, QuoteTarget, ReferBack, Region, Related, Relation,
    SCHEMA_VERSION, Source, SourceTexts, Store, Theme,
};
use crate::search::{ENTITY_BIT, SearchIndex};
use crate::slab::{Slab, TextSlab};

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

    let claims = store.claims();
    let extras = claims
        .extras()
        .iter()
        .map(|(i, e)| {
            (
                *i,
                SavedExtra {
                    hedges: e.hedges.clone(),
                    primary: e.primary.clone(),
                    related: e.related.clone(),
                    refer_backs: e.refer_backs.clone(),
                    target: e.target,
                },
            )
        })
        .collect();
    let parts = index.parts();
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
    drop(meta);

    // The store's own tables, byte for byte: they are read back in place.
    let sections: [(Sec, &[u8]); 4] = [
        (Sec::Records, bytemuck::cast_slice(claims.records())),
        (Sec::Strings, claims.strings().as_bytes()),
        (Sec::LinkPool, bytemuck::cast_slice(store.link_pool())),
        (Sec::Texts, store.texts().block().as_bytes()),
    ];
    for (sec, bytes) in sections {
        w.begin(sec)?;
        w.put(bytes)?;
        w.end();
    }
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
    let extras: Vec<(u32, SavedExtra)> = extras;
    let extras = postcard::to_allocvec(&extras).map_err(std::io::Error::other)?;
    words(&mut w, Sec::Extras, &extras)?;
    w.finish()
}

/// Reads the key section (checked).
pub fn read_key(reader: &Reader) -> Result<Key, Refused> {
    serde_json::from_slice(reader.checked(Sec::Key)?)
        .or_else(|e| refuse(format!("key section: {e}")))
}

/// The lists and meta of the Meta section.
fn read_meta(reader: &Reader) -> Result<(Lists, Meta), Refused> {
    let bytes = reader.checked(Sec::Meta)?;
    let json_len = bytes.get(..8).map_or(u64::MAX, |b| {
        u64::from_le_bytes(b.try_into().unwrap_or_default())
    });
    let Some(split) = usize::try_from(json_len)
        .ok()
        .and_then(|n| n.checked_add(8))
    else {
        return refuse("meta section too short");
    };
    let (Some(json), Some(rest)) = (bytes.get(8..split), bytes.get(split..)) else {
        return refuse("meta section too short");
    };
    let lists: Lists =
        serde_json::from_slice(json).or_else(|e| refuse(format!("meta section: {e}")))?;
    let meta: Meta =
        postcard::from_bytes(rest).or_else(|e| refuse(format!("meta section: {e}")))?;
    Ok((lists, meta))
}

/// A section used in place, or why it cannot be.
fn slab<T: bytemuck::Pod>(reader: &Reader, sec: Sec) -> Result<Slab<T>, Refused> {
    Slab::mapped(&reader.map, reader.range(sec))
        .ok_or_else(|| Refused(format!("{sec:?} misaligned")))
}

/// A text section used in place once it is known to be UTF-8.
fn text_slab(reader: &Reader, sec: Sec, what: &str) -> Result<TextSlab, Refused> {
    let text = TextSlab::new(slab(reader, sec)?);
    reader.release(reader.range(sec));
    text.ok_or_else(|| Refused(format!("{what} are not UTF-8")))
}

/// The store of a checked cache, its large tables used in place from the
/// map; `key` is the entry's.
pub fn read_store(reader: &Reader, key: &Key) -> Result<(Store, IndexMeta), Refused> {
    let (lists, meta) = read_meta(reader)?;
    // Checked a slice at a time and handed back: the pages are read again
    // only where a view or search needs them.
    for sec in [
        Sec::Records,
        Sec::Strings,
        Sec::LinkPool,
        Sec::Texts,
        Sec::Derived,
        Sec::Extras,
    ] {
        reader.check_released(sec)?;
    }
    let records = slab(reader, Sec::Records)?;
    if records.len() as u64 != key.claims {
        return refuse("wrong number of claims");
    }
    let strings = text_slab(reader, Sec::Strings, "claim strings")?;
    let texts = text_slab(reader, Sec::Texts, "source texts")?;
    let texts = SourceTexts::from_parts(texts, meta.texts).map_err(|e| Refused(e.into()))?;
    let extras = lazy_extras(slab(reader, Sec::Extras)?, records.clone());
    let claims = Claims::from_parts(records, strings, extras);
    let (derived, ids) = read_derived(reader, &lists, &meta.sources, claims.len())?;
    let Lists {
        inputs,
        notices,
        countries,
        regions,
        actors,
        themes,
    } = lists;
    let data = Dataset {
        schema_version: SCHEMA_VERSION,
        sources: meta.sources,
        countries,
        regions,
        actors,
        themes,
        claims: Vec::new(),
    };
    let parts = CacheParts {
        data,
        texts,
        claims,
        link_pool: slab(reader, Sec::LinkPool)?,
        ids,
        fingerprint: key.fingerprint.clone(),
        inputs,
        derived,
    };
    // The checks read every claim, the views few: what was read is handed
    // back as the checks go, and read again where a view needs it.
    let mut release = || {
        for sec in [Sec::Records, Sec::Strings, Sec::LinkPool, Sec::Texts] {
            reader.release(reader.range(sec));
        }
    };
    let store = Store::from_cache(parts, &mut release).map_err(|e| Refused(e.into()));
    release();
    let mut store = store?;
    store.notices = notices;
    Ok((store, meta.index))
}

fn read_derived(
    reader: &Reader,
    lists: &Lists,
    sources: &[Source],
    claims: usize,
) -> Result<(Derived, ClaimIndex), Refused> {
    let derived: &[u32] = bytemuck::try_cast_slice(reader.raw(Sec::Derived))
        .or_else(|_| refuse("derived section misaligned"))?;
    let limits = Limits {
        claims,
        actors: lists.actors.len(),
        entities: lists.countries.len()
            + lists.actors.len()
            + lists.themes.len()
            + lists.regions.len(),
        sections: sources.iter().map(|s| s.sections.len()).collect(),
    };
    let decoded = decode_derived(derived, &limits)
        .ok_or_else(|| Refused("derived indexes out of range".into()));
    reader.release(reader.range(Sec::Derived));
    decoded
}

/// The rare fields, decoded when a view first asks for one: read from the
/// (checksummed) section and checked against the records' flags.
fn lazy_extras(bytes: Slab<u8>, records: Slab<ClaimRecord>) -> Extras {
    Extras::lazy(Box::new(move || {
        let saved: Vec<(u32, SavedExtra)> = postcard::from_bytes(&bytes).ok()?;
        let list: Vec<(u32, Extra)> = saved.into_iter().map(|(i, e)| (i, e.into())).collect();
        let fits = extras_fit(&records, &list);
        if !fits {
            super::debug("rare fields refused: they do not fit the claims");
        }
        fits.then_some(list)
    }))
}

impl From<SavedExtra> for Extra {
    fn from(e: SavedExtra) -> Extra {
        Extra {
            hedges: e.hedges,
            primary: e.primary,
            related: e.related,
            refer_backs: e.refer_backs,
            target: e.target,
        }
    }
}

/// The search index from a cache whose store is `store`: its arrays are
/// checked (checksums, then every number in range and every list
/// ascending) and then used in place.
pub fn read_index(reader: &Reader, meta: IndexMeta, store: &Store) -> Result<SearchIndex, Refused> {
    let n_claims = store.claims().len();
    let n_words = meta.words.len();
    let n_entities = store.countries().len() + store.actors().len() + store.themes().len();
    if meta.entity_text.len() != n_entities || meta.entity_words.len() != n_entities {
        return refuse("index entities do not match the store");
    }
    for sec in [Sec::Starts, Sec::Entries, Sec::PostStarts, Sec::Postings] {
        reader.check_released(sec)?;
    }
    let map: &Arc<memmap2::Mmap> = &reader.map;
    let slab32 = |sec: Sec| -> Result<Slab<u32>, Refused> {
        Slab::mapped(map, reader.range(sec)).ok_or_else(|| Refused(format!("{sec:?} misaligned")))
    };
    let slab64 = |sec: Sec| -> Result<Slab<usize>, Refused> {
        Slab::mapped(map, reader.range(sec)).ok_or_else(|| Refused(format!("{sec:?} misaligned")))
    };
    let (starts, entries) = (slab64(Sec::Starts)?, slab32(Sec::Entries)?);
    let (post_starts, postings) = (slab64(Sec::PostStarts)?, slab32(Sec::Postings)?);
    let check = || -> Result<(), &'static str> {
        if starts.len() != n_claims + 1 || post_starts.len() != n_words + 1 {
            return Err("index sizes do not match the store");
        }
        ascending_to(&starts, entries.len())?;
        ascending_to(&post_starts, postings.len())?;
        for c in 0..n_claims {
            let run = &entries[starts[c]..starts[c + 1]];
            let mut entities = false;
            for &e in run {
                if e & ENTITY_BIT != 0 {
                    entities = true;
                    if (e & !ENTITY_BIT) as usize >= n_entities {
                        return Err("index entity out of range");
                    }
                } else if entities || (e >> 2) as usize >= n_words {
                    return Err("index word out of range or out of order");
                }
            }
        }
        for w in 0..n_words {
            let list = &postings[post_starts[w]..post_starts[w + 1]];
            let mut last = None;
            for &p in list {
                let claim = (p >> 2) as usize;
                if claim >= n_claims || last.is_some_and(|l| l >= claim) {
                    return Err("posting out of range or out of order");
                }
                last = Some(claim);
            }
        }
        Ok(())
    };
    let checked = check();
    // The checks read every page; the searches read few.
    for sec in [Sec::Starts, Sec::Entries, Sec::PostStarts, Sec::Postings] {
        reader.release(reader.range(sec));
    }
    checked.map_err(|e| Refused(e.into()))?;
    Ok(SearchIndex::from_parts(
        meta.words.into_iter().map(String::into_boxed_str).collect(),
        [entries, postings],
        [starts, post_starts],
        meta.entity_words
            .into_iter()
            .map(|ws| ws.into_iter().map(String::into_boxed_str).collect())
            .collect(),
        meta.entity_text,
    ))
}

/// Starts that begin at 0, never go down, and end at `len`.
fn ascending_to(starts: &[usize], len: usize) -> Result<(), &'static str> {
    if starts.first() != Some(&0) || starts.last() != Some(&len) {
        return Err("index starts do not span their list");
    }
    if starts.windows(2).any(|w| w[0] > w[1]) {
        return Err("index starts go down");
    }
    Ok(())
}

/// For `cache info`: the key of the entry at `path`, if it is one.
pub fn describe(path: &Path) -> Result<Key, Refused> {
    read_key(&Reader::open(path)?)
}

fn relation_code(r: Relation) -> u32 {
    match r {
        Relation::Supports => 0,
        Relation::Elaborates => 1,
        Relation::Contrasts => 2,
        Relation::Qualifies => 3,
    }
}

fn relation_of(code: u32) -> Option<Relation> {
    Some(match code {
        0 => Relation::Supports,
        1 => Relation::Elaborates,
        2 => Relation::Contrasts,
        3 => Relation::Qualifies,
        _ => return None,
    })
}

/// Lists of lists as a count, starts and values.
fn put_lists<'a>(out: &mut Vec<u32>, lists: impl ExactSizeIterator<Item = &'a [u32]> + Clone) {
    out.push(lists.len() as u32);
    let mut at = 0u32;
    out.push(0);
    for l in lists.clone() {
        at += l.len() as u32;
        out.push(at);
    }
    for l in lists {
        out.extend_from_slice(l);
    }
}

/// The store's claim indexes and sorted claim-id hashes as numbers.
fn encode_derived(store: &Store) -> Vec<u32> {
    let d = store.derived();
    let mut out = Vec::new();
    put_lists(&mut out, d.by_actor.iter().map(Vec::as_slice));
    put_lists(&mut out, d.linked.iter().map(Vec::as_slice));
    let mut sections: Vec<(&(usize, usize), &Vec<usize>)> = d.by_section.iter().collect();
    sections.sort_by_key(|(k, _)| **k);
    let keys: Vec<[u32; 2]> = sections
        .iter()
        .map(|(k, _)| [k.0 as u32, k.1 as u32])
        .collect();
    let lists: Vec<Vec<u32>> = sections
        .iter()
        .map(|(_, v)| v.iter().map(|&c| c as u32).collect())
        .collect();
    put_lists(&mut out, keys.iter().map(|k| &k[..]));
    put_lists(&mut out, lists.iter().map(Vec::as_slice));
    let mut referred: Vec<(&u32, &Vec<(u32, Relation)>)> = d.referred.iter().collect();
    referred.sort_by_key(|(k, _)| **k);
    let keys: Vec<u32> = referred.iter().map(|(k, _)| **k).collect();
    let lists: Vec<Vec<u32>> = referred
        .iter()
        .map(|(_, v)| v.iter().flat_map(|&(c, r)| [c, relation_code(r)]).collect())
        .collect();
    put_lists(&mut out, std::iter::once(&keys[..]));
    put_lists(&mut out, lists.iter().map(Vec::as_slice));
    let ids = ClaimIndex::sorted_entries(store.claims());
    put_lists(
        &mut out,
        std::iter::once(bytemuck::cast_slice::<u64, u32>(&ids)),
    );
    out
}

struct Limits {
    claims: usize,
    actors: usize,
    entities: usize,
    sections: Vec<usize>,
}

/// Reads what [`put_lists`] wrote; `None` when it does not fit.
fn take_lists<'a>(from: &mut &'a [u32]) -> Option<Vec<&'a [u32]>> {
    let (&n, rest) = from.split_first()?;
    let n = n as usize;
    let starts = rest.get(..n.checked_add(1)?)?;
    let total = *starts.last()? as usize;
    let values = rest.get(n + 1..n + 1 + total)?;
    let mut lists = Vec::with_capacity(n);
    for w in starts.windows(2) {
        lists.push(values.get(w[0] as usize..w[1] as usize)?);
    }
    *from = &rest[n + 1 + total..];
    Some(lists)
}

fn decode_derived(mut from: &[u32], lim: &Limits) -> Option<(Derived, ClaimIndex)> {
    let claims_ok = |l: &[u32]| l.iter().all(|&c| (c as usize) < lim.claims);
    let by_actor = take_lists(&mut from)?;
    let linked = take_lists(&mut from)?;
    if by_actor.len() != lim.actors
        || linked.len() != lim.entities
        || !by_actor.iter().chain(&linked).all(|l| claims_ok(l))
    {
        return None;
    }
    let keys = take_lists(&mut from)?;
    let lists = take_lists(&mut from)?;
    if keys.len() != lists.len() {
        return None;
    }
    let mut by_section = hashbrown::HashMap::with_capacity(keys.len());
    for (k, l) in keys.iter().zip(&lists) {
        let (&[source, section], true) = (*k, claims_ok(l)) else {
            return None;
        };
        if section as usize >= *lim.sections.get(source as usize)? {
            return None;
        }
        let claims: Vec<usize> = l.iter().map(|&c| c as usize).collect();
        by_section.insert((source as usize, section as usize), claims);
    }
    let keys = take_lists(&mut from)?;
    let keys = keys.first().copied().unwrap_or(&[]);
    let lists = take_lists(&mut from)?;
    if keys.len() != lists.len() || !claims_ok(keys) {
        return None;
    }
    let mut referred = hashbrown::HashMap::with_capacity(keys.len());
    for (&k, l) in keys.iter().zip(&lists) {
        let mut by = Vec::with_capacity(l.len() / 2);
        for pair in l.chunks(2) {
            let &[c, r] = pair else { return None };
            if c as usize >= lim.claims {
                return None;
            }
            by.push((c, relation_of(r)?));
        }
        referred.insert(k, by);
    }
    let ids = take_lists(&mut from)?;
    let ids = ids.first().copied().unwrap_or(&[]);
    if !from.is_empty() || ids.len() != lim.claims * 2 {
        return None;
    }
    let entries: Box<[u64]> = ids
        .chunks_exact(2)
        .map(|p| u64::from(p[0]) | u64::from(p[1]) << 32)
        .collect();
    if entries
        .iter()
        .any(|&e| (e & 0xffff_ffff) as usize >= lim.claims)
        || entries.windows(2).any(|w| w[0] > w[1])
    {
        return None;
    }
    let derived = Derived {
        by_actor: by_actor.iter().map(|l| l.to_vec()).collect(),
        by_section,
        linked: linked.iter().map(|l| l.to_vec()).collect(),
        referred,
    };
    Some((derived, ClaimIndex::from_sorted(entries)))
}
