//! A validated store and its search index, to and from a cache file.
//!
//! The search index's four large arrays (forward index and posting lists,
//! most of the file) are used in place from the map. The store is rebuilt
//! from flat records: one row of sixteen numbers per claim, its strings in
//! one block, links in one pool, the rare fields and the small entity lists
//! as JSON. Everything read is checked (checksums first, then every index
//! against what it indexes), so a file that passes cannot make a view or a
//! search panic.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::format::{Reader, Refused, Sec, Writer, refuse};
use super::key::Key;
use super::slab::Slab;
use crate::model::claim::{ClaimIndex, ClaimParts, Extra, LinkSpan, QuoteAt, StoredClaim};
use crate::model::store::Derived;
use crate::model::validate::Built;
use crate::model::{
    Actor, Certainty, Country, Dataset, Layer, Primary, QuoteTarget, ReferBack, Region, Related,
    Relation, SCHEMA_VERSION, Source, Store, Theme,
};
use crate::search::{ENTITY_BIT, SearchIndex};

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

fn layer_code(l: Layer) -> u32 {
    match l {
        Layer::PrimaryVerbatim => 0,
        Layer::PrimaryParaphrase => 1,
        Layer::Author => 2,
        Layer::UnnamedSources => 3,
        Layer::NamedSource => 4,
    }
}

fn layer_of(code: u32) -> Option<Layer> {
    Some(match code {
        0 => Layer::PrimaryVerbatim,
        1 => Layer::PrimaryParaphrase,
        2 => Layer::Author,
        3 => Layer::UnnamedSources,
        4 => Layer::NamedSource,
        _ => return None,
    })
}

fn certainty_code(c: Certainty) -> u32 {
    match c {
        Certainty::Asserted => 0,
        Certainty::Hedged => 1,
        Certainty::Speculative => 2,
    }
}

fn certainty_of(code: u32) -> Option<Certainty> {
    Some(match code {
        0 => Certainty::Asserted,
        1 => Certainty::Hedged,
        2 => Certainty::Speculative,
        _ => return None,
    })
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
    let mut texts = Vec::with_capacity(store.sources().len());
    let mut at = 0u64;
    for s in store.sources() {
        texts.push(s.text.as_ref().map(|t| {
            let span = (at, t.len() as u64);
            at += t.len() as u64;
            span
        }));
    }
    let extras = claims
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
        sources: store
            .sources()
            .iter()
            .map(|s| Source {
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
            })
            .collect(),
        texts,
        extras,
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

    // Records, with the strings' offsets and a new, dense link pool.
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
        let q = c.quote;
        let cue = c.cue().map_or(NONE, |s| s.len() as u32);
        records.extend_from_slice(&[
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
        ]);
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
    drop(pool);
    w.begin(Sec::Texts)?;
    for s in store.sources() {
        w.put(s.text.as_deref().unwrap_or("").as_bytes())?;
    }
    w.end();
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

/// Reads the key section (checked).
pub fn read_key(reader: &Reader) -> Result<Key, Refused> {
    serde_json::from_slice(reader.checked(Sec::Key)?)
        .or_else(|e| refuse(format!("key section: {e}")))
}

fn utf8(bytes: &[u8], what: &str) -> Result<String, Refused> {
    String::from_utf8(bytes.to_vec()).or_else(|_| refuse(format!("{what} are not UTF-8")))
}

/// Rebuilds the store from a checked cache; `fingerprint` is the key's.
pub fn read_store(reader: &Reader, key: &Key) -> Result<(Store, IndexMeta), Refused> {
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
    // Checked a slice at a time and handed back, then read again and
    // handed back behind the reading: the file's pages do not add up in
    // memory beside the store built from them.
    for sec in [Sec::Records, Sec::Strings, Sec::LinkPool, Sec::Texts] {
        reader.check_released(sec)?;
    }
    let records: &[u32] = bytemuck::try_cast_slice(reader.raw(Sec::Records))
        .or_else(|_| refuse("records misaligned"))?;
    let strings = reader.raw(Sec::Strings);
    let strings =
        std::str::from_utf8(strings).or_else(|_| refuse("claim strings are not UTF-8"))?;
    reader.release(reader.range(Sec::Strings));
    let pool: &[u32] = bytemuck::try_cast_slice(reader.raw(Sec::LinkPool))
        .or_else(|_| refuse("link pool misaligned"))?;
    let texts = reader.raw(Sec::Texts);
    if !records.len().is_multiple_of(STRIDE) || (records.len() / STRIDE) as u64 != key.claims {
        return refuse("wrong number of claims");
    }
    let Lists {
        inputs,
        notices,
        countries,
        regions,
        actors,
        themes,
    } = lists;
    let Meta {
        mut sources,
        texts: spans,
        extras,
        index,
    } = meta;
    if spans.len() != sources.len() {
        return refuse("source texts do not match the sources");
    }
    for (s, span) in sources.iter_mut().zip(spans) {
        if let Some((at, len)) = span {
            let end = at.checked_add(len).filter(|&e| e <= texts.len() as u64);
            let Some(end) = end else {
                return refuse("source text out of range");
            };
            s.text = Some(utf8(&texts[at as usize..end as usize], "source texts")?);
        }
    }
    reader.release(reader.range(Sec::Texts));
    let (records_at, strings_at) = (
        reader.range(Sec::Records).start,
        reader.range(Sec::Strings).start,
    );
    let n_entities = [countries.len(), actors.len(), themes.len(), regions.len()];
    let mut extras = extras.into_iter().peekable();
    let mut claims = Vec::with_capacity(records.len() / STRIDE);
    for (i, r) in records.chunks_exact(STRIDE).enumerate() {
        let at = u64::from(r[0]) | u64::from(r[1]) << 32;
        if i % 65_536 == 0 {
            reader.release(records_at..records_at + i * STRIDE * 4);
            reader.release(strings_at..strings_at + (at as usize).min(strings.len()));
        }
        let lens = [r[2], r[3], if r[4] == NONE { 0 } else { r[4] }];
        let text = |from: u64, len: u32| -> Option<&str> {
            let a = usize::try_from(from).ok()?;
            strings.get(a..a.checked_add(len as usize)?)
        };
        let id = text(at, lens[0]);
        let statement = text(at + u64::from(lens[0]), lens[1]);
        let cue = text(at + u64::from(lens[0]) + u64::from(lens[1]), lens[2]);
        let (Some(id), Some(statement), Some(cue)) = (id, statement, cue) else {
            return refuse("claim strings out of range");
        };
        let (source, section) = (r[5], r[6]);
        let Some(src) = sources.get(source as usize) else {
            return refuse("claim source out of range");
        };
        if section as usize >= src.sections.len() {
            return refuse("claim section out of range");
        }
        let bits = r[11];
        let (Some(layer), Some(certainty)) =
            (layer_of(bits >> 16 & 0xff), certainty_of(bits >> 24))
        else {
            return refuse("claim layer or certainty unknown");
        };
        let links = LinkSpan {
            offset: r[12],
            countries: r[13] as u16,
            actors: (r[13] >> 16) as u16,
            themes: r[14] as u16,
            regions: (r[14] >> 16) as u16,
        };
        let lists = [links.countries, links.actors, links.themes, links.regions];
        let mut at = links.offset as usize;
        for (n, &limit) in lists.iter().zip(&n_entities) {
            let Some(run) = pool.get(at..at + usize::from(*n)) else {
                return refuse("claim links out of range");
            };
            if run.iter().any(|&e| e as usize >= limit) {
                return refuse("claim links an unknown entity");
            }
            at += usize::from(*n);
        }
        let speaker = (r[15] != NONE).then_some(r[15]);
        if speaker.is_some_and(|s| s as usize >= actors.len()) {
            return refuse("claim speaker out of range");
        }
        let extra = match extras.next_if(|(c, _)| *c as usize == i) {
            Some((_, e)) => Extra {
                hedges: e.hedges,
                primary: e.primary,
                related: e.related,
                refer_backs: e.refer_backs,
                target: e.target,
            },
            None => Extra::default(),
        };
        claims.push(StoredClaim::new(ClaimParts {
            id,
            statement,
            cue: (r[4] != NONE).then_some(cue),
            source,
            section,
            quote: QuoteAt {
                start: r[7],
                end: r[8],
                byte_start: r[9],
                byte_end: r[10],
                prefix_chars: bits as u8,
                suffix_chars: (bits >> 8) as u8,
            },
            links,
            layer,
            certainty,
            speaker,
            extra,
        }));
    }
    if extras.next().is_some() {
        return refuse("rare fields of unknown claims");
    }
    reader.check_released(Sec::Derived)?;
    let derived: &[u32] = bytemuck::try_cast_slice(reader.raw(Sec::Derived))
        .or_else(|_| refuse("derived section misaligned"))?;
    let limits = Limits {
        claims: claims.len(),
        actors: actors.len(),
        entities: countries.len() + actors.len() + themes.len() + regions.len(),
        sections: sources.iter().map(|s| s.sections.len()).collect(),
    };
    let (derived, ids) = decode_derived(derived, &limits)
        .ok_or_else(|| Refused("derived indexes out of range".into()))?;
    reader.release(reader.range(Sec::Derived));
    let data = Dataset {
        schema_version: SCHEMA_VERSION,
        sources,
        countries,
        regions,
        actors,
        themes,
        claims: Vec::new(),
    };
    let built = Built {
        claims,
        link_pool: pool.to_vec(),
        ids,
    };
    for sec in [Sec::Records, Sec::Strings, Sec::LinkPool] {
        reader.release(reader.range(sec));
    }
    let mut store = Store::with_derived(data, built, key.fingerprint.clone(), inputs, derived);
    store.notices = notices;
    Ok((store, index))
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
