//! Handing back the mapped pages of the entries warm stores were read
//! from. A one-shot command that prints hundreds of thousands of claims
//! reads most of the entry's records, strings and texts again; left
//! mapped, every page read counts toward the process's resident memory
//! until it exits. Dropping them now and then keeps that bounded: they are
//! read again from the page cache if touched.

use std::sync::{Arc, Mutex, Weak};

use memmap2::Mmap;

use super::format::{self, Reader};

/// The maps of the entries read, weakly: a store dropped takes its map
/// with it.
static MAPS: Mutex<Vec<Weak<Mmap>>> = Mutex::new(Vec::new());

fn maps() -> std::sync::MutexGuard<'static, Vec<Weak<Mmap>>> {
    MAPS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Notes the map of `reader`, which a store uses in place, for
/// [`release_mapped`]; an anonymous map (the fuzz target's) is not noted,
/// as its pages would come back as zeros.
pub(super) fn remember(reader: &Reader) {
    if !reader.is_file_backed() {
        return;
    }
    let mut maps = maps();
    maps.retain(|m| m.strong_count() > 0);
    maps.push(Arc::downgrade(&reader.map));
}

/// Gives back every page of the cache entries in use; what is read after
/// is faulted in again from the file. Changes nothing a reader sees.
pub fn release_mapped() {
    let live: Vec<Arc<Mmap>> = maps().iter().filter_map(Weak::upgrade).collect();
    for map in live {
        format::release_pages(&map, 0..map.len());
    }
}

/// One-line rows written between two hand-backs: a row reads its record
/// and statement, and at 2,048 rows the pages mapped between two
/// hand-backs stay under what the open itself mapped. Each hand-back
/// costs faults to read pages again (at 1M, every 64 rows instead added
/// ~0.25 s of system time to a 417k-row answer).
pub const ROWS_PER_RELEASE: usize = 2048;

/// Whole claims (JSON items, briefing entries) written between two
/// hand-backs. A whole claim also reads its quote and the quote's
/// context, a few pages far apart, and the kernel maps up to 64 KB around
/// each page read (MADV_RANDOM does not stop it): 143 claims of a
/// 100k-claim dataset mapped 21 MB. A 100k JSON search peaked at 0.54x
/// its file with a hand-back every 2,048 claims, 0.49x every 64, 0.43x
/// every 32; at 1M, every 32 adds ~0.5 s of system time to a 417k-claim
/// JSON answer of ~5 s.
pub const CLAIMS_PER_RELEASE: usize = 32;

/// `items`, with the cache entry's pages handed back every `every` of
/// them.
pub fn handing_back<I: Iterator>(items: I, every: usize) -> impl Iterator<Item = I::Item> {
    items.enumerate().map(move |(i, item)| {
        if i > 0 && i % every == 0 {
            release_mapped();
        }
        item
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::dataset;
    use crate::model::Store;

    fn noted(map: &Arc<Mmap>) -> bool {
        maps()
            .iter()
            .any(|m| std::ptr::eq(m.as_ptr(), Arc::as_ptr(map)))
    }

    fn every_claim(store: &Store) -> Vec<String> {
        (0..store.claims().len())
            .map(|i| serde_json::to_string(&store.claim(i)).unwrap())
            .collect()
    }

    #[test]
    fn a_warm_store_reads_the_same_after_its_pages_are_handed_back() {
        let cold = crate::model::load_embedded().unwrap();
        let bytes = crate::cache::bytes_for(&cold).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entry.slc");
        std::fs::write(&path, &bytes).unwrap();
        let reader = Reader::open(&path).unwrap();
        let key = dataset::read_key(&reader).unwrap();
        let (store, _) = dataset::read_store(&reader, &key).unwrap();
        remember(&reader);
        assert!(noted(&reader.map), "a file's map is noted");
        let before = every_claim(&store);
        assert_eq!(before, every_claim(&cold));
        release_mapped();
        assert_eq!(every_claim(&store), before, "read again from the file");
    }

    #[test]
    fn an_anonymous_map_is_never_handed_back() {
        let cold = crate::model::load_embedded().unwrap();
        let bytes = crate::cache::bytes_for(&cold).unwrap();
        let mut anon = memmap2::MmapMut::map_anon(bytes.len()).unwrap();
        anon.copy_from_slice(&bytes);
        let reader = Reader::from_memory(Arc::new(anon.make_read_only().unwrap())).unwrap();
        remember(&reader);
        assert!(!noted(&reader.map), "its pages would come back as zeros");
    }
}
