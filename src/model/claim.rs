//! Claims as the store keeps them. A million claims must fit in less memory
//! than their JSON file, so a stored claim keeps only what the file does not
//! already hold elsewhere: the quote, its prefix and its suffix are spans of
//! the source text (validation proved them equal), links are indexes into
//! the entity lists, and the strings of a claim share one allocation.
//! [`Store::claim`](super::Store::claim) rebuilds the full [`Claim`] when a
//! view needs every field.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::slab::Slab;

use super::table::{ClaimRecord, Claims};
use super::types::{Certainty, Layer, Primary, QuoteTarget, ReferBack, Related};

/// Where a claim's quote lies in its source's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteAt {
    /// Code-point offsets, as the file gives them; `end` is exclusive.
    pub start: u32,
    pub end: u32,
    /// The same span in bytes of the text.
    pub byte_start: u32,
    pub byte_end: u32,
    /// Lengths in code points of the prefix and suffix selectors.
    pub prefix_chars: u8,
    pub suffix_chars: u8,
}

/// The rarely filled fields, boxed so that a claim without them costs one
/// pointer.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub hedges: Vec<String>,
    /// Boxed: few claims have one, and inline it would triple the size of
    /// every claim's rare fields (a million claims' worth at scale).
    pub primary: Option<Box<Primary>>,
    pub related: Vec<Related>,
    pub refer_backs: Vec<ReferBack>,
    /// Where the quote is cut from; the text unless it is the title.
    pub target: QuoteTarget,
}

impl Extra {
    fn is_empty(&self) -> bool {
        self.hedges.is_empty()
            && self.primary.is_none()
            && self.related.is_empty()
            && self.refer_backs.is_empty()
            && self.target == QuoteTarget::Text
    }
}

/// Index of a claim's links in [`Store`](super::Store)'s shared pool.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkSpan {
    pub offset: u32,
    pub countries: u16,
    pub actors: u16,
    pub themes: u16,
    pub regions: u16,
}

impl LinkSpan {
    pub fn len(&self) -> usize {
        usize::from(self.countries)
            + usize::from(self.actors)
            + usize::from(self.themes)
            + usize::from(self.regions)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

const NO_SPEAKER: u32 = u32::MAX;

/// A validated claim in compact form.
#[derive(Debug, Clone)]
pub struct StoredClaim {
    /// Id, statement and cue, one after the other.
    strings: Box<str>,
    id_len: u32,
    statement_len: u32,
    has_cue: bool,
    /// Index into the store's sources.
    pub source: u32,
    /// Index into that source's sections.
    pub section: u32,
    pub quote: QuoteAt,
    pub links: LinkSpan,
    pub layer: Layer,
    pub certainty: Certainty,
    speaker: u32,
    extra: Option<Box<Extra>>,
}

/// The parts of a claim that [`StoredClaim::new`] takes apart.
pub struct ClaimParts<'a> {
    pub id: &'a str,
    pub statement: &'a str,
    pub cue: Option<&'a str>,
    pub source: u32,
    pub section: u32,
    pub quote: QuoteAt,
    pub links: LinkSpan,
    pub layer: Layer,
    pub certainty: Certainty,
    pub speaker: Option<u32>,
    pub extra: Extra,
}

impl StoredClaim {
    pub fn new(p: ClaimParts) -> StoredClaim {
        let cue = p.cue.unwrap_or("");
        let mut strings = String::with_capacity(p.id.len() + p.statement.len() + cue.len());
        strings.push_str(p.id);
        strings.push_str(p.statement);
        strings.push_str(cue);
        StoredClaim {
            strings: strings.into_boxed_str(),
            id_len: len32(p.id),
            statement_len: len32(p.statement),
            has_cue: p.cue.is_some(),
            source: p.source,
            section: p.section,
            quote: p.quote,
            links: p.links,
            layer: p.layer,
            certainty: p.certainty,
            speaker: p.speaker.unwrap_or(NO_SPEAKER),
            extra: (!p.extra.is_empty()).then(|| Box::new(p.extra)),
        }
    }

    pub fn id(&self) -> &str {
        &self.strings[..self.id_len as usize]
    }

    pub fn statement(&self) -> &str {
        let start = self.id_len as usize;
        &self.strings[start..start + self.statement_len as usize]
    }

    /// The reporting verb of the attribution, e.g. "say".
    pub fn cue(&self) -> Option<&str> {
        let start = (self.id_len + self.statement_len) as usize;
        self.has_cue.then(|| &self.strings[start..])
    }

    /// Index of the speaking actor.
    pub fn speaker(&self) -> Option<usize> {
        (self.speaker != NO_SPEAKER).then_some(self.speaker as usize)
    }

    pub fn hedges(&self) -> &[String] {
        self.extra.as_deref().map_or(&[], |e| &e.hedges)
    }

    pub fn primary(&self) -> Option<&Primary> {
        self.extra.as_deref().and_then(|e| e.primary.as_deref())
    }

    pub fn related(&self) -> &[Related] {
        self.extra.as_deref().map_or(&[], |e| &e.related)
    }

    pub fn refer_backs(&self) -> &[ReferBack] {
        self.extra.as_deref().map_or(&[], |e| &e.refer_backs)
    }

    pub fn target(&self) -> QuoteTarget {
        self.extra
            .as_deref()
            .map_or(QuoteTarget::Text, |e| e.target)
    }

    /// Bytes of the id, statement and cue together.
    pub fn strings_len(&self) -> usize {
        self.strings.len()
    }

    /// This claim's record, its strings appended to `strings`, and its
    /// rare fields if it has any.
    pub(super) fn into_record(self, strings: &mut String) -> (ClaimRecord, Option<Extra>) {
        let at = strings.len() as u64;
        strings.push_str(&self.strings);
        let record = ClaimRecord::of(&self, at, self.extra.is_some());
        (record, self.extra.map(|e| *e))
    }
}

/// Where [`ClaimIndex`] looks ids up: the claims validation is building,
/// or a store's table.
pub trait ClaimIds {
    fn claim_id(&self, i: usize) -> Option<&str>;
}

impl ClaimIds for [StoredClaim] {
    fn claim_id(&self, i: usize) -> Option<&str> {
        self.get(i).map(StoredClaim::id)
    }
}

impl ClaimIds for Vec<StoredClaim> {
    fn claim_id(&self, i: usize) -> Option<&str> {
        self.get(i).map(StoredClaim::id)
    }
}

impl ClaimIds for Claims {
    fn claim_id(&self, i: usize) -> Option<&str> {
        self.id(i)
    }
}

/// Claim indexes hashed by id; the ids themselves stay in the claims, so a
/// million of them are not stored twice.
#[derive(Debug, Clone, Default)]
pub struct ClaimIndex {
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
    /// Read from the cache instead of the table: `hash << 32 | claim`,
    /// ascending, with `hash` the top half of the id's XXH3-64 (see
    /// [`ClaimIndex::sorted_entries`]).
    sorted: Option<Slab<u64>>,
}

impl ClaimIndex {
    pub fn with_capacity(n: usize) -> Self {
        ClaimIndex {
            table: HashTable::with_capacity(n),
            hasher: DefaultHashBuilder::default(),
            sorted: None,
        }
    }

    pub fn find<C: ClaimIds + ?Sized>(&self, claims: &C, id: &str) -> Option<usize> {
        if let Some(sorted) = &self.sorted {
            let h = xxhash_rust::xxh3::xxh3_64(id.as_bytes()) >> 32;
            let from = sorted.partition_point(|&e| e >> 32 < h);
            return sorted[from..]
                .iter()
                .take_while(|&&e| e >> 32 == h)
                .map(|&e| (e & 0xffff_ffff) as usize)
                .find(|&i| claims.claim_id(i) == Some(id));
        }
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&i| claims.claim_id(i as usize) == Some(id))
            .map(|&i| i as usize)
    }

    /// The index as a sorted list, for the cache to save: hashes do not
    /// depend on the process, unlike the table's.
    pub fn sorted_entries(claims: &Claims) -> Vec<u64> {
        let mut v: Vec<u64> = (0..claims.len())
            .map(|i| {
                let id = claims.id(i).unwrap_or("");
                (xxhash_rust::xxh3::xxh3_64(id.as_bytes()) >> 32) << 32 | i as u64
            })
            .collect();
        v.sort_unstable();
        v
    }

    /// The index from [`ClaimIndex::sorted_entries`] of `claims` claims;
    /// `None` unless the entries ascend and each names one of them.
    pub fn from_sorted(entries: Slab<u64>, claims: usize) -> Option<ClaimIndex> {
        let fits = entries.len() == claims
            && entries
                .iter()
                .all(|&e| ((e & 0xffff_ffff) as usize) < claims)
            && entries.windows(2).all(|w| w[0] < w[1]);
        fits.then(|| ClaimIndex {
            sorted: Some(entries),
            ..ClaimIndex::default()
        })
    }

    /// Adds claim `i`; if its id is taken, returns the index that has it.
    pub fn insert(&mut self, claims: &[StoredClaim], i: usize) -> Result<(), usize> {
        let id = claims[i].id();
        let hasher = &self.hasher;
        let entry = self.table.entry(
            hasher.hash_one(id),
            |&k| claims[k as usize].id() == id,
            |&k| hasher.hash_one(claims[k as usize].id()),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(first) => Err(*first.get() as usize),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(i as u32);
                Ok(())
            }
        }
    }
}

/// Id and statement lengths are bounded by the file size limit; a string
/// over 4 GiB cannot come from a file the loader accepts.
fn len32(s: &str) -> u32 {
    u32::try_from(s.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::Relation;

    fn parts<'a>(cue: Option<&'a str>, extra: Extra) -> ClaimParts<'a> {
        ClaimParts {
            id: "c1",
            statement: "Serbia stays neutral.",
            cue,
            source: 2,
            section: 1,
            quote: QuoteAt::default(),
            links: LinkSpan::default(),
            layer: Layer::Author,
            certainty: Certainty::Hedged,
            speaker: Some(4),
            extra,
        }
    }

    #[test]
    fn strings_come_back_apart() {
        let c = StoredClaim::new(parts(Some("say"), Extra::default()));
        assert_eq!(c.id(), "c1");
        assert_eq!(c.statement(), "Serbia stays neutral.");
        assert_eq!(c.cue(), Some("say"));
        assert_eq!(c.speaker(), Some(4));
        assert!(c.hedges().is_empty() && c.related().is_empty());
    }

    #[test]
    fn empty_cue_differs_from_none() {
        assert_eq!(
            StoredClaim::new(parts(Some(""), Extra::default())).cue(),
            Some("")
        );
        assert_eq!(StoredClaim::new(parts(None, Extra::default())).cue(), None);
    }

    #[test]
    fn rare_fields_are_kept() {
        let extra = Extra {
            hedges: vec!["may".into()],
            primary: None,
            related: vec![Related {
                claim: "c2".into(),
                relation: Relation::Supports,
            }],
            ..Extra::default()
        };
        let c = StoredClaim::new(parts(None, extra));
        assert_eq!(c.hedges(), ["may".to_string()]);
        assert_eq!(c.related()[0].claim, "c2");
    }
}
