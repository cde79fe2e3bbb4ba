//! Building the index: words of statements and quotes, the forward index
//! and the posting lists, a range of claims per thread, then joined.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::*;
use crate::model::Store;

impl SearchIndex {
    /// Indexes runs of `per` claims on threads of their own, then joins them.
    pub(super) fn build(store: &Store, per: usize) -> Self {
        let n = store.claims().len();
        let parts: Vec<Part> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..n)
                .step_by(per)
                .map(|a| s.spawn(move || Part::new(store, a..a.saturating_add(per).min(n))))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let Part {
            mut words,
            word_ids,
            starts,
            entries,
        } = merge(parts, store);
        let (post_starts, postings) = invert(&starts, &entries, words.len());
        let entity_names = entity_names(store);
        let entity_words = entity_names.iter().map(|n| entity_words(n)).collect();
        let entity_text = entity_names.iter().map(|n| n.join(" · ")).collect();
        words.shrink_to_fit();
        SearchIndex {
            words,
            word_ids,
            starts: starts.into(),
            entries: entries.into(),
            post_starts: post_starts.into(),
            postings: postings.into(),
            entity_words,
            entity_text,
            matcher: SkimMatcherV2::default().smart_case(),
            split: Split::default(),
        }
    }
}

/// The names entities are found by, numbered countries (name, id,
/// aliases), then actors (name, aliases), then themes (name).
fn entity_names(store: &Store) -> Vec<Vec<&str>> {
    let n_entities = store.countries().len() + store.actors().len() + store.themes().len();
    let mut entity_names: Vec<Vec<&str>> = Vec::with_capacity(n_entities);
    for x in store.countries() {
        let mut v = vec![x.name.as_str(), x.id.as_str()];
        v.extend(x.aliases.iter().map(String::as_str));
        entity_names.push(v);
    }
    for x in store.actors() {
        let mut v = vec![x.name.as_str()];
        v.extend(x.aliases.iter().map(String::as_str));
        entity_names.push(v);
    }
    for x in store.themes() {
        entity_names.push(vec![x.name.as_str()]);
    }
    entity_names
}

/// The distinct lower-cased words of an entity's names.
fn entity_words(names: &[&str]) -> Vec<Box<str>> {
    let mut lower = String::new();
    let mut ws: Vec<Box<str>> = names
        .iter()
        .flat_map(|n| tokens(n))
        .map(|(_, t)| {
            fold(t, &mut lower);
            lower.as_str().into()
        })
        .collect();
    ws.sort();
    ws.dedup();
    ws
}

/// FxHash (rustc's hasher): the vocabulary is hashed tens of millions of
/// times while the index is built; SipHash would double the build time.
#[derive(Default, Clone, Copy)]
pub(super) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap());
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The index of a run of claims, with word ids of its own.
pub(super) struct Part {
    pub(super) words: Vec<Box<str>>,
    pub(super) word_ids: FxMap<Box<str>, u32>,
    /// Where each claim's entries start (and, last, where they end).
    pub(super) starts: Vec<usize>,
    pub(super) entries: Vec<u32>,
}

impl Part {
    pub(super) fn new(store: &Store, claims: std::ops::Range<usize>) -> Part {
        let n_countries = store.countries().len() as u32;
        let n_actors = store.actors().len() as u32;
        let mut part = Part {
            words: Vec::new(),
            word_ids: FxMap::default(),
            starts: Vec::with_capacity(claims.len() + 1),
            entries: Vec::with_capacity(claims.len() * 32),
        };
        let mut lower = String::new();
        let mut seen: Vec<(u32, u8)> = Vec::new();
        let mut ents: Vec<u32> = Vec::new();
        part.starts.push(0);
        for ci in claims {
            let c = store.claim_at(ci);
            seen.clear();
            for (text, bit) in [
                (c.statement(), IN_STATEMENT),
                (store.quote_text(ci), IN_QUOTE),
            ] {
                for (_, tok) in tokens(text) {
                    fold(tok, &mut lower);
                    seen.push((part.word_id(&lower), bit));
                }
            }
            seen.sort_unstable_by_key(|&(id, _)| id);
            push_words(&seen, &mut part.entries);
            ents.clear();
            let links = store.links(ci);
            ents.extend(links.countries.iter().copied());
            ents.extend(links.actors.iter().map(|&x| n_countries + x));
            if let Some(x) = c.speaker() {
                ents.push(n_countries + x as u32);
            }
            ents.extend(links.themes.iter().map(|&x| n_countries + n_actors + x));
            ents.sort_unstable();
            ents.dedup();
            for &e in &ents {
                part.entries.push(ENTITY | e);
            }
            part.starts.push(part.entries.len());
        }
        part
    }

    pub(super) fn word_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.word_ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        assert!(id < 1 << 29, "vocabulary too large");
        self.words.push(word.into());
        self.word_ids.insert(word.into(), id);
        id
    }
}

/// Appends a claim's words (sorted by id) as entries, one per word, with
/// the bits of the fields it occurs in.
pub(super) fn push_words(seen: &[(u32, u8)], entries: &mut Vec<u32>) {
    let mut i = 0;
    while i < seen.len() {
        let (id, mut mask) = seen[i];
        i += 1;
        while i < seen.len() && seen[i].0 == id {
            mask |= seen[i].1;
            i += 1;
        }
        entries.push(id << 2 | u32::from(mask));
    }
}

/// Joins the parts in claim order. Word ids come out as one pass would give
/// them (in order of first occurrence), so ranking ties break the same way
/// whatever the number of threads.
pub(super) fn merge(parts: Vec<Part>, store: &Store) -> Part {
    let mut parts = parts.into_iter();
    let Some(mut all) = parts.next() else {
        return Part::new(store, 0..0);
    };
    let mut words_of_claim: Vec<u32> = Vec::new();
    for part in parts {
        let remap: Vec<u32> = part.words.iter().map(|w| all.word_id(w)).collect();
        let base = all.entries.len();
        for c in 0..part.starts.len() - 1 {
            let claim = &part.entries[part.starts[c]..part.starts[c + 1]];
            let split = claim.partition_point(|&e| e & ENTITY == 0);
            words_of_claim.clear();
            words_of_claim.extend(
                claim[..split]
                    .iter()
                    .map(|&e| remap[(e >> 2) as usize] << 2 | (e & 3)),
            );
            words_of_claim.sort_unstable();
            all.entries.extend_from_slice(&words_of_claim);
            all.entries.extend_from_slice(&claim[split..]);
            all.starts.push(base + part.starts[c + 1]);
        }
    }
    all
}

/// Turns per-claim `(entries)` into per-word claim lists (counting sort).
pub(super) fn invert(starts: &[usize], entries: &[u32], n_words: usize) -> (Vec<usize>, Vec<u32>) {
    let mut post_starts = vec![0usize; n_words + 1];
    for &e in entries {
        if e & ENTITY == 0 {
            post_starts[(e >> 2) as usize + 1] += 1;
        }
    }
    for i in 0..n_words {
        post_starts[i + 1] += post_starts[i];
    }
    let mut fill = post_starts.clone();
    let mut postings = vec![0u32; post_starts[n_words]];
    for c in 0..starts.len() - 1 {
        for &e in &entries[starts[c]..starts[c + 1]] {
            if e & ENTITY == 0 {
                let w = (e >> 2) as usize;
                postings[fill[w]] = (c as u32) << 2 | (e & 3);
                fill[w] += 1;
            }
        }
    }
    (post_starts, postings)
}

/// Words of `text`: maximal runs of letters and digits, with the code-point
/// offset where each starts.
pub(super) fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        loop {
            let (ci, (bi, ch)) = chars.next()?;
            if !ch.is_alphanumeric() {
                continue;
            }
            let mut end = bi + ch.len_utf8();
            while let Some(&(_, (b, c))) = chars.peek() {
                if !c.is_alphanumeric() {
                    break;
                }
                end = b + c.len_utf8();
                chars.next();
            }
            return Some((ci, &text[bi..end]));
        }
    })
}
