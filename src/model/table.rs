//! The store's claims as one table: a fixed-size record per claim and one
//! block holding every claim's id, statement and cue. After a cold load the
//! table is owned; after a warm one it is the cache file's own bytes,
//! mapped, so that a million claims open without a million allocations.
//! Views read a claim through [`ClaimRef`]: its numbers decoded, its
//! strings borrowed.

use std::sync::{Mutex, OnceLock};

use bytemuck::{Pod, Zeroable};

use super::claim::{Extra, LinkSpan, QuoteAt, StoredClaim};
use super::types::{Certainty, Layer, Primary, QuoteTarget, ReferBack, Related};
use crate::slab::{Slab, TextSlab};

/// "No cue" and "no speaker" in a record.
pub const NONE: u32 = u32::MAX;
/// Set in [`ClaimRecord::bits`] when the claim has rare fields.
const HAS_EXTRA: u32 = 1 << 24;
/// Set in [`ClaimRecord::bits`] when the quote is cut from the title.
const FROM_TITLE: u32 = 1 << 25;

/// One claim in sixteen numbers, as it lies in memory and in the cache.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimRecord {
    /// Byte offset of the id in the strings block (low, high half).
    pub strings: [u32; 2],
    pub id_len: u32,
    pub statement_len: u32,
    /// [`NONE`] when the claim has no cue (an empty cue is kept apart).
    pub cue_len: u32,
    pub source: u32,
    pub section: u32,
    /// Code-point start and end, then byte start and end.
    pub quote: [u32; 4],
    /// Prefix and suffix lengths (8 bits each), layer and certainty codes
    /// (4 bits each), [`HAS_EXTRA`], [`FROM_TITLE`].
    pub bits: u32,
    pub link_offset: u32,
    /// Countries | actors << 16, themes | regions << 16.
    pub links: [u32; 2],
    /// Index of the speaking actor, or [`NONE`].
    pub speaker: u32,
}

// SAFETY: sixteen `u32`s in `repr(C)`: no padding, every bit pattern valid.
unsafe impl Zeroable for ClaimRecord {}
// SAFETY: as above.
unsafe impl Pod for ClaimRecord {}

impl ClaimRecord {
    fn string_at(&self) -> u64 {
        u64::from(self.strings[0]) | u64::from(self.strings[1]) << 32
    }

    fn cue_bytes(&self) -> u64 {
        if self.cue_len == NONE {
            0
        } else {
            u64::from(self.cue_len)
        }
    }

    pub fn has_extra(&self) -> bool {
        self.bits & HAS_EXTRA != 0
    }

    /// What the quote is cut from.
    pub fn target(&self) -> QuoteTarget {
        if self.bits & FROM_TITLE != 0 {
            QuoteTarget::Title
        } else {
            QuoteTarget::Text
        }
    }

    pub fn layer(&self) -> Option<Layer> {
        layer_of(self.bits >> 16 & 0xf)
    }

    pub fn certainty(&self) -> Option<Certainty> {
        certainty_of(self.bits >> 20 & 0xf)
    }

    pub fn quote(&self) -> QuoteAt {
        QuoteAt {
            start: self.quote[0],
            end: self.quote[1],
            byte_start: self.quote[2],
            byte_end: self.quote[3],
            prefix_chars: self.bits as u8,
            suffix_chars: (self.bits >> 8) as u8,
        }
    }

    pub fn link_span(&self) -> LinkSpan {
        LinkSpan {
            offset: self.link_offset,
            countries: self.links[0] as u16,
            actors: (self.links[0] >> 16) as u16,
            themes: self.links[1] as u16,
            regions: (self.links[1] >> 16) as u16,
        }
    }
}

/// A claim as views read it: its numbers, and its strings borrowed from
/// the table.
#[derive(Debug, Clone, Copy)]
pub struct ClaimRef<'a> {
    /// Index into the store's sources.
    pub source: u32,
    /// Index into that source's sections.
    pub section: u32,
    pub quote: QuoteAt,
    pub links: LinkSpan,
    pub layer: Layer,
    pub certainty: Certainty,
    id: &'a str,
    statement: &'a str,
    cue: Option<&'a str>,
    speaker: u32,
    target: QuoteTarget,
    /// Where to find the rare fields, if the claim has any: looked up only
    /// when asked for, so that reading a claim never decodes them.
    extra_of: Option<(&'a Claims, u32)>,
}

impl<'a> ClaimRef<'a> {
    pub fn id(&self) -> &'a str {
        self.id
    }

    pub fn statement(&self) -> &'a str {
        self.statement
    }

    /// The reporting verb of the attribution, e.g. "say".
    pub fn cue(&self) -> Option<&'a str> {
        self.cue
    }

    /// Index of the speaking actor.
    pub fn speaker(&self) -> Option<usize> {
        (self.speaker != NONE).then_some(self.speaker as usize)
    }

    fn extra(&self) -> Option<&'a Extra> {
        self.extra_of
            .and_then(|(claims, i)| claims.extra(i as usize))
    }

    pub fn hedges(&self) -> &'a [String] {
        self.extra().map_or(&[], |e| &e.hedges)
    }

    pub fn primary(&self) -> Option<&'a Primary> {
        self.extra().and_then(|e| e.primary.as_deref())
    }

    pub fn related(&self) -> &'a [Related] {
        self.extra().map_or(&[], |e| &e.related)
    }

    pub fn refer_backs(&self) -> &'a [ReferBack] {
        self.extra().map_or(&[], |e| &e.refer_backs)
    }

    pub fn target(&self) -> QuoteTarget {
        self.target
    }
}

/// Decodes rare fields left in a cache entry.
pub type DecodeExtras = Box<dyn FnOnce() -> Option<Vec<(u32, Extra)>> + Send>;

/// The claims with rare fields, ascending by claim: decoded, or decoded
/// when first asked for (a warm open leaves them in the entry, where
/// decoding 400,000 of them would cost more than the rest of the open).
#[derive(Default)]
pub struct Extras {
    decoded: OnceLock<Vec<(u32, Extra)>>,
    pending: Mutex<Option<DecodeExtras>>,
}

impl Extras {
    pub fn decoded(list: Vec<(u32, Extra)>) -> Extras {
        Extras {
            decoded: OnceLock::from(list),
            pending: Mutex::new(None),
        }
    }

    /// Extras that `decode` gives when first asked for; `None` from it (a
    /// damaged entry) reads as no rare fields.
    pub fn lazy(decode: DecodeExtras) -> Extras {
        Extras {
            decoded: OnceLock::new(),
            pending: Mutex::new(Some(decode)),
        }
    }

    pub fn get(&self) -> &[(u32, Extra)] {
        self.decoded.get_or_init(|| {
            let decode = self
                .pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            decode.and_then(|d| d()).unwrap_or_default()
        })
    }
}

impl Clone for Extras {
    fn clone(&self) -> Self {
        Extras::decoded(self.get().to_vec())
    }
}

impl std::fmt::Debug for Extras {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.decoded.get() {
            Some(list) => write!(f, "Extras({} claims)", list.len()),
            None => write!(f, "Extras(not decoded yet)"),
        }
    }
}

/// Whether `list` is what `records` flag: ascending, and exactly the
/// claims with [`HAS_EXTRA`] set.
pub fn extras_fit(records: &[ClaimRecord], list: &[(u32, Extra)]) -> bool {
    let ascending = list.windows(2).all(|w| w[0].0 < w[1].0);
    let flagged = records.iter().filter(|r| r.has_extra()).count();
    let owned = list
        .iter()
        .all(|(c, _)| records.get(*c as usize).is_some_and(ClaimRecord::has_extra));
    ascending && owned && flagged == list.len()
}

/// Every claim of a store.
#[derive(Debug, Clone, Default)]
pub struct Claims {
    records: Slab<ClaimRecord>,
    strings: TextSlab,
    extras: Extras,
}

impl Claims {
    /// The table of claims validation built.
    pub fn from_stored(claims: Vec<StoredClaim>) -> Claims {
        let bytes: usize = claims.iter().map(|c| c.strings_len()).sum();
        let mut strings = String::with_capacity(bytes);
        let mut records = Vec::with_capacity(claims.len());
        let mut extras = Vec::new();
        for (i, c) in claims.into_iter().enumerate() {
            let (record, extra) = c.into_record(&mut strings);
            if let Some(e) = extra {
                extras.push((i as u32, e));
            }
            records.push(record);
        }
        Claims {
            records: records.into(),
            strings: strings.into(),
            extras: Extras::decoded(extras),
        }
    }

    /// A table from its parts as the cache holds them: unchecked until
    /// [`Claims::check`] and the store's own checks pass.
    pub fn from_parts(records: Slab<ClaimRecord>, strings: TextSlab, extras: Extras) -> Claims {
        Claims {
            records,
            strings,
            extras,
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn records(&self) -> &[ClaimRecord] {
        &self.records
    }

    pub fn strings(&self) -> &str {
        self.strings.as_str()
    }

    /// The claims with rare fields, ascending (decoded now if they were
    /// left in the cache entry).
    pub fn extras(&self) -> &[(u32, Extra)] {
        self.extras.get()
    }

    /// Whether the records and strings are the cache file's own bytes.
    pub fn is_mapped(&self) -> bool {
        self.records.is_mapped() && self.strings.is_mapped()
    }

    /// Claim `i`. Panics when `i` is out of range, like a slice.
    pub fn get(&self, i: usize) -> ClaimRef<'_> {
        let r = &self.records[i];
        let at = r.string_at() as usize;
        let s = self.strings.as_str();
        let (id_end, st_end) = (
            at + r.id_len as usize,
            at + (r.id_len + r.statement_len) as usize,
        );
        ClaimRef {
            source: r.source,
            section: r.section,
            quote: r.quote(),
            links: r.link_span(),
            layer: self.layer(i),
            certainty: self.certainty(i),
            id: s.get(at..id_end).unwrap_or(""),
            statement: s.get(id_end..st_end).unwrap_or(""),
            cue: (r.cue_len != NONE)
                .then(|| s.get(st_end..st_end + r.cue_len as usize).unwrap_or("")),
            speaker: r.speaker,
            target: r.target(),
            extra_of: r.has_extra().then_some((self, i as u32)),
        }
    }

    /// The layer of claim `i`, from its record alone (a whole claim's
    /// strings are cache misses that a test over a million claims adds up).
    pub fn layer(&self, i: usize) -> Layer {
        self.records[i].layer().unwrap_or(Layer::Author)
    }

    /// The certainty of claim `i`, from its record alone.
    pub fn certainty(&self, i: usize) -> Certainty {
        self.records[i].certainty().unwrap_or(Certainty::Asserted)
    }

    /// Just the id of claim `i`, for the id index.
    pub fn id(&self, i: usize) -> Option<&str> {
        let r = self.records.get(i)?;
        let at = r.string_at() as usize;
        self.strings.as_str().get(at..at + r.id_len as usize)
    }

    fn extra(&self, i: usize) -> Option<&Extra> {
        let list = self.extras.get();
        let at = list.binary_search_by_key(&(i as u32), |e| e.0).ok()?;
        Some(&list[at].1)
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = ClaimRef<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Checks what the table can check alone of the records in `range`:
    /// every record's strings lie in the block and its codes are known.
    /// (The rare fields are checked against the flags when decoded.)
    pub fn check(&self, range: std::ops::Range<usize>) -> Result<(), &'static str> {
        let s = self.strings.as_str();
        let records = self.records.get(range.clone()).unwrap_or(&[]);
        for r in records {
            let at = r.string_at();
            let id_end = at + u64::from(r.id_len);
            let statement_end = id_end + u64::from(r.statement_len);
            let ends = [at, id_end, statement_end, statement_end + r.cue_bytes()];
            // In the block; a cut inside a character reads as "" (every
            // read is `str::get`), so it is not looked for here: that would
            // read the whole block on every warm open.
            if !ends.iter().all(|&e| e <= s.len() as u64) {
                return Err("claim strings out of range");
            }
            if r.layer().is_none() || r.certainty().is_none() || r.bits >> 26 != 0 {
                return Err("claim layer or certainty unknown");
            }
        }
        Ok(())
    }
}

impl ClaimRecord {
    /// The record of `c`, whose strings start at byte `at` of the block.
    pub(super) fn of(c: &StoredClaim, at: u64, has_extra: bool) -> ClaimRecord {
        let (q, l) = (c.quote, c.links);
        ClaimRecord {
            strings: [at as u32, (at >> 32) as u32],
            id_len: c.id().len() as u32,
            statement_len: c.statement().len() as u32,
            cue_len: c.cue().map_or(NONE, |s| s.len() as u32),
            source: c.source,
            section: c.section,
            quote: [q.start, q.end, q.byte_start, q.byte_end],
            bits: u32::from(q.prefix_chars)
                | u32::from(q.suffix_chars) << 8
                | layer_code(c.layer) << 16
                | certainty_code(c.certainty) << 20
                | if has_extra { HAS_EXTRA } else { 0 }
                | if c.target() == QuoteTarget::Title {
                    FROM_TITLE
                } else {
                    0
                },
            link_offset: l.offset,
            links: [
                u32::from(l.countries) | u32::from(l.actors) << 16,
                u32::from(l.themes) | u32::from(l.regions) << 16,
            ],
            speaker: c.speaker().map_or(NONE, |s| s as u32),
        }
    }
}

pub fn layer_code(l: Layer) -> u32 {
    match l {
        Layer::PrimaryVerbatim => 0,
        Layer::PrimaryParaphrase => 1,
        Layer::Author => 2,
        Layer::UnnamedSources => 3,
        Layer::NamedSource => 4,
    }
}

pub fn layer_of(code: u32) -> Option<Layer> {
    Some(match code {
        0 => Layer::PrimaryVerbatim,
        1 => Layer::PrimaryParaphrase,
        2 => Layer::Author,
        3 => Layer::UnnamedSources,
        4 => Layer::NamedSource,
        _ => return None,
    })
}

pub fn certainty_code(c: Certainty) -> u32 {
    match c {
        Certainty::Asserted => 0,
        Certainty::Hedged => 1,
        Certainty::Speculative => 2,
    }
}

pub fn certainty_of(code: u32) -> Option<Certainty> {
    Some(match code {
        0 => Certainty::Asserted,
        1 => Certainty::Hedged,
        2 => Certainty::Speculative,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::claim::ClaimParts;
    use crate::model::types::Relation;

    fn claim(id: &str, cue: Option<&str>, extra: Extra) -> StoredClaim {
        StoredClaim::new(ClaimParts {
            id,
            statement: "Serbia stays neutral.",
            cue,
            source: 2,
            section: 1,
            quote: QuoteAt {
                start: 3,
                end: 9,
                byte_start: 3,
                byte_end: 11,
                prefix_chars: 32,
                suffix_chars: 7,
            },
            links: LinkSpan {
                offset: 5,
                countries: 2,
                actors: 1,
                themes: 3,
                regions: 1,
            },
            layer: Layer::NamedSource,
            certainty: Certainty::Speculative,
            speaker: Some(4),
            extra,
        })
    }

    fn related() -> Extra {
        Extra {
            hedges: vec!["may".into()],
            related: vec![Related {
                claim: "c1".into(),
                relation: Relation::Supports,
            }],
            ..Extra::default()
        }
    }

    #[test]
    fn a_table_gives_back_every_field() {
        let table = Claims::from_stored(vec![
            claim("c1", Some("say"), Extra::default()),
            claim("c2", None, related()),
            claim("c3", Some(""), Extra::default()),
        ]);
        assert_eq!(table.len(), 3);
        let c = table.get(0);
        assert_eq!(
            (c.id(), c.statement(), c.cue()),
            ("c1", "Serbia stays neutral.", Some("say"))
        );
        assert_eq!((c.source, c.section, c.speaker()), (2, 1, Some(4)));
        assert_eq!(
            (c.quote.end, c.quote.byte_end, c.quote.prefix_chars),
            (9, 11, 32)
        );
        assert_eq!((c.links.themes, c.links.regions, c.links.len()), (3, 1, 7));
        assert_eq!(
            (c.layer, c.certainty),
            (Layer::NamedSource, Certainty::Speculative)
        );
        assert!(c.hedges().is_empty());
        let c2 = table.get(1);
        assert_eq!((c2.id(), c2.cue()), ("c2", None));
        assert_eq!(
            (c2.hedges(), c2.related()[0].claim.as_str()),
            (&["may".to_string()][..], "c1")
        );
        assert_eq!(table.get(2).cue(), Some(""), "an empty cue is not no cue");
        assert_eq!(table.id(1), Some("c2"));
        assert!(table.check(0..table.len()).is_ok());
        assert!(extras_fit(table.records(), table.extras()));
    }

    #[test]
    fn lazy_extras_are_decoded_once_when_asked_for() {
        let table = Claims::from_stored(vec![claim("c1", None, related())]);
        let (records, strings) = (table.records().to_vec(), table.strings().to_string());
        let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = std::sync::Arc::clone(&calls);
        let lazy = Extras::lazy(Box::new(move || {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Some(vec![(0, related())])
        }));
        let lazy = Claims::from_parts(records.into(), strings.into(), lazy);
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 0);
        assert_eq!(lazy.get(0).hedges(), ["may".to_string()]);
        assert_eq!(lazy.get(0).related()[0].claim, "c1");
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
        let broken = Claims::from_parts(
            Vec::new().into(),
            String::new().into(),
            Extras::lazy(Box::new(|| None)),
        );
        assert!(broken.extras().is_empty(), "a damaged list reads as none");
    }

    #[test]
    fn check_refuses_strings_and_codes_out_of_range() {
        let good = Claims::from_stored(vec![claim("c1", None, Extra::default())]);
        let strings = || TextSlab::from(good.strings().to_string());
        let with = |edit: fn(&mut ClaimRecord)| {
            let mut r = good.records()[0];
            edit(&mut r);
            Claims::from_parts(vec![r].into(), strings(), Extras::default()).check(0..1)
        };
        assert!(with(|_| {}).is_ok());
        assert!(with(|r| r.statement_len += 100).is_err(), "past the block");
        assert!(with(|r| r.strings[1] = 1).is_err(), "offset over 4 GiB");
        assert!(with(|r| r.bits |= 0xf << 16).is_err(), "unknown layer");
        assert!(with(|r| r.bits |= 1 << 26).is_err(), "unknown flag");
        let flagged = ClaimRecord {
            bits: HAS_EXTRA,
            ..good.records()[0]
        };
        assert!(extras_fit(&[flagged], &[(0, related())]));
        assert!(!extras_fit(&[flagged], &[]), "flag without fields");
        assert!(
            !extras_fit(good.records(), &[(0, related())]),
            "fields without the flag"
        );
    }
}
