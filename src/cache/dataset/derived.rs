//! The store's derived claim lists (see `model::store::Derived`) and the
//! sorted claim-id hashes in the Derived section, and read back in place:
//! the section's own mapped bytes become the lists, nothing is decoded.
//!
//! ```text
//! per list kind (by actor, by section, by source, linked, referred):
//!   number of starts (u32), starts (u32 each), number of values, values
//! a 0 when needed, so that what follows is 8-byte aligned
//! number of id entries (u64, as two u32), entries (u64 each)
//! ```

use std::ops::Range;

use crate::cache::format::{Reader, Refused, Sec, refuse};
use crate::model::Store;
use crate::model::claim::ClaimIndex;
use crate::model::lists::Lists;
use crate::model::store::Derived;
use crate::slab::Slab;

/// The Derived section's numbers.
pub(super) fn encode_derived(store: &Store) -> Vec<u32> {
    let d = store.derived();
    let mut out = Vec::new();
    for lists in [
        &d.by_actor,
        &d.by_section,
        &d.by_source,
        &d.linked,
        &d.referred,
    ] {
        for part in [lists.starts(), lists.values()] {
            out.push(part.len() as u32);
            out.extend_from_slice(part);
        }
    }
    if out.len() % 2 == 1 {
        out.push(0);
    }
    let ids = ClaimIndex::sorted_entries(store.claims());
    out.extend_from_slice(bytemuck::cast_slice(&[ids.len() as u64]));
    out.extend_from_slice(bytemuck::cast_slice(&ids));
    out
}

/// The lists and the claim-id index of an entry with `claims` claims, in
/// place. Only their shape is checked here (starts that span their
/// values, ids that ascend and name claims); `Store::from_cache` checks
/// the lists against the store.
pub(super) fn read_derived(
    reader: &Reader,
    claims: usize,
) -> Result<(Derived, ClaimIndex), Refused> {
    let mut at = Cursor {
        reader,
        words: reader.range(Sec::Derived),
    };
    let mut lists = || -> Result<Lists, Refused> {
        let (starts, values) = (at.slab()?, at.slab()?);
        Lists::from_parts(starts, values).ok_or_else(|| Refused("derived lists misshapen".into()))
    };
    let derived = Derived {
        by_actor: lists()?,
        by_section: lists()?,
        by_source: lists()?,
        linked: lists()?,
        referred: lists()?,
    };
    let ids = at.ids()?;
    let ids = ClaimIndex::from_sorted(ids, claims);
    reader.release(reader.range(Sec::Derived));
    match ids {
        Some(ids) => Ok((derived, ids)),
        None => refuse("claim ids out of order or range"),
    }
}

/// What is left of the section to read, in bytes of the map.
struct Cursor<'a> {
    reader: &'a Reader,
    words: Range<usize>,
}

impl Cursor<'_> {
    /// The next `n` bytes' range, or why there are not so many.
    fn take(&mut self, n: usize) -> Result<Range<usize>, Refused> {
        let end = self.words.start.checked_add(n);
        match end.filter(|&e| e <= self.words.end) {
            Some(end) => {
                let taken = self.words.start..end;
                self.words.start = end;
                Ok(taken)
            }
            None => refuse("derived section too short"),
        }
    }

    fn count(&mut self, bytes: usize) -> Result<usize, Refused> {
        let range = self.take(bytes)?;
        let b = &self.reader.map[range];
        let n = match bytes {
            4 => u64::from(u32::from_le_bytes(b.try_into().unwrap_or_default())),
            _ => u64::from_le_bytes(b.try_into().unwrap_or_default()),
        };
        usize::try_from(n).or_else(|_| refuse("derived count too large"))
    }

    /// A count, then that many u32s, in place.
    fn slab(&mut self) -> Result<Slab<u32>, Refused> {
        let n = self.count(4)?;
        let range = self.take(n.saturating_mul(4))?;
        self.mapped(range)
    }

    /// The padding, then a u64 count and that many u64s, which end the
    /// section.
    fn ids(&mut self) -> Result<Slab<u64>, Refused> {
        if !(self.words.start - self.reader.range(Sec::Derived).start).is_multiple_of(8) {
            self.take(4)?;
        }
        let n = self.count(8)?;
        let range = self.take(n.saturating_mul(8))?;
        if !self.words.is_empty() {
            return refuse("derived section too long");
        }
        self.mapped(range)
    }

    fn mapped<T: bytemuck::Pod>(&self, range: Range<usize>) -> Result<Slab<T>, Refused> {
        Slab::mapped(&self.reader.map, range).ok_or_else(|| Refused("derived misaligned".into()))
    }
}
