//! The search index from an entry: its arrays checked, then used in place
//! from the map.

use std::sync::Arc;

use super::IndexMeta;
use crate::cache::format::{Reader, Refused, Sec, refuse};
use crate::model::Store;
use crate::search::{ENTITY_BIT, SearchIndex};
use crate::slab::Slab;

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
    // The checks read every page; the searches read few: what was read is
    // handed back as the checks go, not only at the end, so that they never
    // hold the whole index at once.
    let mut release = || {
        for sec in [Sec::Starts, Sec::Entries, Sec::PostStarts, Sec::Postings] {
            reader.release(reader.range(sec));
        }
    };
    let checked = check_arrays(
        [&starts, &post_starts],
        [&entries, &postings],
        [n_claims, n_words, n_entities],
        &mut release,
    );
    release();
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

/// Index entries or postings read between two calls of `release`.
const CHECK_STEP: usize = 4 << 20;

/// Every number of the index's arrays in range and every list ascending:
/// the claims' runs of word and entity entries, the words' posting lists.
/// `release` is called after every [`CHECK_STEP`] numbers read or so.
fn check_arrays(
    [starts, post_starts]: [&[usize]; 2],
    [entries, postings]: [&[u32]; 2],
    [n_claims, n_words, n_entities]: [usize; 3],
    release: &mut dyn FnMut(),
) -> Result<(), &'static str> {
    if starts.len() != n_claims + 1 || post_starts.len() != n_words + 1 {
        return Err("index sizes do not match the store");
    }
    ascending_to(starts, entries.len())?;
    ascending_to(post_starts, postings.len())?;
    let mut read = Reading { since: 0, release };
    for c in 0..n_claims {
        let run = &entries[starts[c]..starts[c + 1]];
        read.add(run.len());
        check_run(run, n_words, n_entities)?;
    }
    for w in 0..n_words {
        let list = &postings[post_starts[w]..post_starts[w + 1]];
        read.add(list.len());
        check_postings(list, n_claims)?;
    }
    Ok(())
}

/// Counts the numbers read and calls `release` every [`CHECK_STEP`].
struct Reading<'a> {
    since: usize,
    release: &'a mut dyn FnMut(),
}

impl Reading<'_> {
    fn add(&mut self, n: usize) {
        self.since += n;
        if self.since >= CHECK_STEP {
            (self.release)();
            self.since = 0;
        }
    }
}

/// A claim's run: word entries in range, then entity entries in range.
fn check_run(run: &[u32], n_words: usize, n_entities: usize) -> Result<(), &'static str> {
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
    Ok(())
}

/// A word's posting list: claims in range and strictly ascending.
fn check_postings(list: &[u32], n_claims: usize) -> Result<(), &'static str> {
    let mut last = None;
    for &p in list {
        let claim = (p >> 2) as usize;
        if claim >= n_claims || last.is_some_and(|l| l >= claim) {
            return Err("posting out of range or out of order");
        }
        last = Some(claim);
    }
    Ok(())
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
