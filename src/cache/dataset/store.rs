//! The store rebuilt from an entry: every record, string, link and
//! derived list checked against what it indexes before it is used.

use super::codes::{certainty_of, layer_of};
use super::derived::{Limits, decode_derived};
use super::{IndexMeta, Lists, Meta, NONE, STRIDE, SavedExtra};
use crate::cache::format::{Reader, Refused, Sec, refuse};
use crate::cache::key::Key;
use crate::model::claim::{ClaimIndex, ClaimParts, Extra, LinkSpan, QuoteAt, StoredClaim};
use crate::model::store::Derived;
use crate::model::validate::Built;
use crate::model::{Dataset, SCHEMA_VERSION, Source, Store};

fn utf8(bytes: &[u8], what: &str) -> Result<String, Refused> {
    String::from_utf8(bytes.to_vec()).or_else(|_| refuse(format!("{what} are not UTF-8")))
}

/// Rebuilds the store from a checked cache; `fingerprint` is the key's.
pub fn read_store(reader: &Reader, key: &Key) -> Result<(Store, IndexMeta), Refused> {
    let (lists, meta) = read_meta(reader)?;
    let (records, strings, pool) = claim_sections(reader, key)?;
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
    attach_texts(reader, &mut sources, spans)?;
    let flat = Flat {
        records,
        strings,
        pool,
        n_entities: [countries.len(), actors.len(), themes.len(), regions.len()],
        sources: &sources,
    };
    let claims = read_claims(reader, &flat, extras)?;
    let limits = Limits {
        claims: claims.len(),
        actors: actors.len(),
        entities: countries.len() + actors.len() + themes.len() + regions.len(),
        sections: sources.iter().map(|s| s.sections.len()).collect(),
    };
    let (derived, ids) = read_derived(reader, &limits)?;
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

/// The Records, Strings and LinkPool sections, checked (and the Texts
/// section's checksum): aligned, UTF-8, a record for each of the key's
/// claims.
fn claim_sections<'r>(
    reader: &'r Reader,
    key: &Key,
) -> Result<(&'r [u32], &'r str, &'r [u32]), Refused> {
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
    if !records.len().is_multiple_of(STRIDE) || (records.len() / STRIDE) as u64 != key.claims {
        return refuse("wrong number of claims");
    }
    Ok((records, strings, pool))
}

/// The Meta section: the JSON's length, the small lists as JSON, the rest
/// in postcard.
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

/// Gives each source its text from [`Sec::Texts`], checked to lie in it.
fn attach_texts(
    reader: &Reader,
    sources: &mut [Source],
    spans: Vec<Option<(u64, u64)>>,
) -> Result<(), Refused> {
    let texts = reader.raw(Sec::Texts);
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
    Ok(())
}

/// The claims' sections as read, and what their numbers must stay under.
struct Flat<'a> {
    records: &'a [u32],
    strings: &'a str,
    pool: &'a [u32],
    /// Countries, actors, themes and regions.
    n_entities: [usize; 4],
    sources: &'a [Source],
}

/// Every claim from its record, the rare fields given to the claims that
/// have them; the pages behind the reading handed back as it goes.
fn read_claims(
    reader: &Reader,
    flat: &Flat,
    extras: Vec<(u32, SavedExtra)>,
) -> Result<Vec<StoredClaim>, Refused> {
    let (records_at, strings_at) = (
        reader.range(Sec::Records).start,
        reader.range(Sec::Strings).start,
    );
    let mut extras = extras.into_iter().peekable();
    let mut claims = Vec::with_capacity(flat.records.len() / STRIDE);
    for (i, r) in flat.records.chunks_exact(STRIDE).enumerate() {
        if i % 65_536 == 0 {
            let at = u64::from(r[0]) | u64::from(r[1]) << 32;
            reader.release(records_at..records_at + i * STRIDE * 4);
            reader.release(strings_at..strings_at + (at as usize).min(flat.strings.len()));
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
        claims.push(claim_of(r, flat, extra)?);
    }
    if extras.next().is_some() {
        return refuse("rare fields of unknown claims");
    }
    Ok(claims)
}

/// One claim from its record `r`, every number checked.
fn claim_of(r: &[u32], flat: &Flat, extra: Extra) -> Result<StoredClaim, Refused> {
    let at = u64::from(r[0]) | u64::from(r[1]) << 32;
    let lens = [r[2], r[3], if r[4] == NONE { 0 } else { r[4] }];
    let text = |from: u64, len: u32| -> Option<&str> {
        let a = usize::try_from(from).ok()?;
        flat.strings.get(a..a.checked_add(len as usize)?)
    };
    let id = text(at, lens[0]);
    let statement = text(at + u64::from(lens[0]), lens[1]);
    let cue = text(at + u64::from(lens[0]) + u64::from(lens[1]), lens[2]);
    let (Some(id), Some(statement), Some(cue)) = (id, statement, cue) else {
        return refuse("claim strings out of range");
    };
    let (source, section) = (r[5], r[6]);
    let Some(src) = flat.sources.get(source as usize) else {
        return refuse("claim source out of range");
    };
    if section as usize >= src.sections.len() {
        return refuse("claim section out of range");
    }
    let bits = r[11];
    let (Some(layer), Some(certainty)) = (layer_of(bits >> 16 & 0xff), certainty_of(bits >> 24))
    else {
        return refuse("claim layer or certainty unknown");
    };
    let links = links_of(r, flat)?;
    let speaker = (r[15] != NONE).then_some(r[15]);
    if speaker.is_some_and(|s| s as usize >= flat.n_entities[1]) {
        return refuse("claim speaker out of range");
    }
    Ok(StoredClaim::new(ClaimParts {
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
    }))
}

/// The claim's links: each run inside the pool, each entity known.
fn links_of(r: &[u32], flat: &Flat) -> Result<LinkSpan, Refused> {
    let links = LinkSpan {
        offset: r[12],
        countries: r[13] as u16,
        actors: (r[13] >> 16) as u16,
        themes: r[14] as u16,
        regions: (r[14] >> 16) as u16,
    };
    let lists = [links.countries, links.actors, links.themes, links.regions];
    let mut at = links.offset as usize;
    for (n, &limit) in lists.iter().zip(&flat.n_entities) {
        let Some(run) = flat.pool.get(at..at + usize::from(*n)) else {
            return refuse("claim links out of range");
        };
        if run.iter().any(|&e| e as usize >= limit) {
            return refuse("claim links an unknown entity");
        }
        at += usize::from(*n);
    }
    Ok(links)
}

/// The Derived section, checked against `limits`.
fn read_derived(reader: &Reader, limits: &Limits) -> Result<(Derived, ClaimIndex), Refused> {
    reader.check_released(Sec::Derived)?;
    let derived: &[u32] = bytemuck::try_cast_slice(reader.raw(Sec::Derived))
        .or_else(|_| refuse("derived section misaligned"))?;
    let (derived, ids) = decode_derived(derived, limits)
        .ok_or_else(|| Refused("derived indexes out of range".into()))?;
    reader.release(reader.range(Sec::Derived));
    Ok((derived, ids))
}
