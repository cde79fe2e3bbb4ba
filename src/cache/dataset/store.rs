//! The store of an entry, its large tables used in place from the map:
//! every record, string, link and derived list checked against what it
//! indexes before it is used (see `Store::from_cache`).

use super::derived::read_derived;
use super::{IndexMeta, Lists, Meta, SavedExtra};
use crate::cache::format::{Reader, Refused, Sec, refuse};
use crate::cache::key::Key;
use crate::model::claim::{ClaimIndex, Extra};
use crate::model::store::{CacheParts, Derived};
use crate::model::table::{ClaimRecord, Extras, extras_fit};
use crate::model::{Claims, Dataset, SCHEMA_VERSION, Source, SourceTexts, Store};
use crate::slab::{Slab, TextSlab};

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

/// The large sections, checked (checksum, UTF-8, shape) and in place.
struct Large {
    records: Slab<ClaimRecord>,
    strings: TextSlab,
    texts: TextSlab,
    link_pool: Slab<u32>,
    extras: Slab<u8>,
    derived: Derived,
    ids: ClaimIndex,
}

/// The store of a checked cache, its large tables used in place from the
/// map; `key` is the entry's.
pub fn read_store(reader: &Reader, key: &Key) -> Result<(Store, IndexMeta), Refused> {
    // Decoding the sources and checking the large sections take about as
    // long each: one thread each.
    let (meta, large) = std::thread::scope(|s| {
        let meta = s.spawn(|| {
            let meta = read_meta(reader)?;
            crate::cache::debug("entities and sources decoded");
            // Kept in memory for the record checks that follow (128 MB
            // at a million claims).
            for sec in [Sec::Records, Sec::LinkPool, Sec::Derived, Sec::Extras] {
                reader.checked(sec)?;
            }
            crate::cache::debug("tables checksummed");
            Ok(meta)
        });
        let large = read_large(reader, key);
        (meta.join(), large)
    });
    let (lists, meta) = meta.unwrap_or_else(|_| refuse("reading the meta section failed"))?;
    let large = large?;
    crate::cache::debug("sections checked");
    let texts = SourceTexts::from_parts(large.texts, meta.texts).map_err(|e| Refused(e.into()))?;
    let extras = lazy_extras(large.extras, large.records.clone());
    let claims = Claims::from_parts(large.records, large.strings, extras);
    let (data, inputs, notices) = entities(lists, meta.sources);
    let parts = CacheParts {
        data,
        texts,
        claims,
        link_pool: large.link_pool,
        ids: large.ids,
        fingerprint: key.fingerprint.clone(),
        inputs,
        derived: large.derived,
    };
    let store = Store::from_cache(parts).map_err(|e| Refused(e.into()));
    // The checks read every record, link and list, the views few: handed
    // back, they are read again where a view needs them.
    for sec in [Sec::Records, Sec::LinkPool, Sec::Derived, Sec::Extras] {
        reader.release(reader.range(sec));
    }
    crate::cache::debug("claims checked");
    let mut store = store?;
    store.notices = notices;
    Ok((store, meta.index))
}

/// Checks the claim strings and source texts a slice at a time, handing
/// the pages back (they are read again only where a view or search needs
/// them), and takes the number sections in place. Their checksums are
/// checked on the other thread (see [`read_store`]); `read_derived` only
/// shapes slices of them, checked as any bytes would be, and nothing is
/// used before both threads are done.
fn read_large(reader: &Reader, key: &Key) -> Result<Large, Refused> {
    let records = slab(reader, Sec::Records)?;
    if records.len() as u64 != key.claims {
        return refuse("wrong number of claims");
    }
    let strings = reader.check_text(Sec::Strings)?;
    let texts = reader.check_text(Sec::Texts)?;
    crate::cache::debug("texts checked");
    let (derived, ids) = read_derived(reader, records.len())?;
    Ok(Large {
        records,
        strings,
        texts,
        link_pool: slab(reader, Sec::LinkPool)?,
        extras: slab(reader, Sec::Extras)?,
        derived,
        ids,
    })
}

/// The entity lists and the sources (without texts) as a dataset with no
/// claims; the input names and notices apart.
fn entities(lists: Lists, sources: Vec<Source>) -> (Dataset, Vec<String>, Vec<String>) {
    let data = Dataset {
        schema_version: SCHEMA_VERSION,
        sources,
        countries: lists.countries,
        regions: lists.regions,
        actors: lists.actors,
        themes: lists.themes,
        claims: Vec::new(),
    };
    (data, lists.inputs, lists.notices)
}

/// The rare fields, decoded when a view first asks for one: read from the
/// (checksummed) section and checked against the records' flags.
fn lazy_extras(bytes: Slab<u8>, records: Slab<ClaimRecord>) -> Extras {
    Extras::lazy(Box::new(move || {
        let saved: Vec<(u32, SavedExtra)> = postcard::from_bytes(&bytes).ok()?;
        let list: Vec<(u32, Extra)> = saved.into_iter().map(|(i, e)| (i, e.into())).collect();
        let fits = extras_fit(&records, &list);
        if !fits {
            crate::cache::debug("rare fields refused: they do not fit the claims");
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
