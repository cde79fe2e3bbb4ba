//! Fuzzy search over claims: statements, quotes, and the names and aliases
//! of everything a claim links to.
//!
//! A query is split into words; a claim matches when every word matches one
//! of its fields, and scores the sum of each word's best field score, plus
//! [`FIELD_BONUS`] for every further field the word also matches. A word
//! must match tightly enough (see [`min_score`]): a fuzzy matcher otherwise
//! finds "kosovo" as scattered letters in almost any long sentence.
//!
//! # How it stays fast at a million claims
//!
//! [`SearchIndex::new`] splits statements and quotes into words (runs of
//! letters and digits, lower-cased with Unicode rules) and keeps:
//!
//! - the vocabulary of distinct words;
//! - per claim, the ids of its distinct words with a bit for "in the
//!   statement" and one for "in the quote", then the entities it links to
//!   (a forward index, scanned sequentially);
//! - per word, the claims holding it (posting lists).
//!
//! A query word is fuzzy-matched with SkimMatcherV2 against the vocabulary
//! (thousands of short words, not a million sentences) and the names of the
//! entities; each claim then scores by table look-ups. The query's posting
//! lists are walked word by word, rarest first, one range of claims per
//! core and a cache-sized block of claims at a time (see [`Split`]); when
//! filters leave few candidates, each candidate is scored from the forward
//! index instead. For `search_top`, each range keeps only its best hits as
//! it goes, so the one-letter prefix typed first never gathers a million
//! scores (about 13 ms of CPU at 1M claims, spread over two cores). A query
//! word that matches no single word (an abbreviation across words such as
//! "kosovoserbia", or a word with punctuation such as "u.s.") falls back to
//! matching whole fields, as before the index existed; that scan is the
//! slow path and can be cancelled.

use std::cmp::Ordering as Order;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::cache::Slab;
use crate::model::{Kind, Store};

/// Which part of a claim a word matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Statement,
    Quote,
    Entities,
    Id,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub claim: usize,
    pub score: i64,
    /// Character indices in the statement matched by query words.
    pub statement_chars: Vec<usize>,
    /// Character indices in the quote's exact text matched by query words.
    pub quote_chars: Vec<usize>,
}

/// The best `limit` hits of a search and how many claims matched in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopHits {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// A claim in a ranked list, without highlights: what a list of a million
/// matches keeps per row. [`SearchIndex::highlight_prepared`] gives the
/// highlights for the few rows on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub claim: usize,
    pub score: i64,
}

/// The ranking order of every search here: higher score first, ties in
/// dataset order.
pub fn better(a: &Ranked, b: &Ranked) -> Order {
    better_pair(&(a.claim, a.score), &(b.claim, b.score))
}

/// A search index built on first use: the explorer lists and counts claims
/// without one (the store has what facets need), so at a million claims it
/// shows them while the index is built, on the worker thread or ahead of
/// the first search.
#[derive(Default)]
pub struct LazyIndex(std::sync::OnceLock<std::sync::Arc<SearchIndex>>);

impl LazyIndex {
    pub fn new() -> Self {
        LazyIndex::default()
    }

    /// The index, built now if it is not yet (another thread building it
    /// is waited for).
    pub fn get(&self, store: &Store) -> &SearchIndex {
        self.0.get_or_init(|| crate::cache::index_for(store))
    }

    pub fn is_ready(&self) -> bool {
        self.0.get().is_some()
    }
}

impl From<SearchIndex> for LazyIndex {
    fn from(index: SearchIndex) -> Self {
        LazyIndex(std::sync::OnceLock::from(std::sync::Arc::new(index)))
    }
}

/// What [`SearchIndex::parts`] lends the cache.
pub struct IndexParts<'a> {
    pub words: &'a [Box<str>],
    pub starts: &'a [usize],
    pub entries: &'a [u32],
    pub post_starts: &'a [usize],
    pub postings: &'a [u32],
    pub entity_words: &'a [Vec<Box<str>>],
    pub entity_text: &'a [String],
}

/// Forward-index entries with this bit are entity references (for the
/// cache's checks).
pub const ENTITY_BIT: u32 = ENTITY;

/// A query matched against the vocabulary and the entities once, to score
/// many claims and highlight a few without matching it again.
pub struct Prepared {
    plan: Plan,
}

/// Points for each further field (statement, quote, links, id) a query word
/// matches besides its best one: a word found in the statement as well as
/// in the links is more central to the claim than a word found in one place.
pub const FIELD_BONUS: i64 = 10;

const IN_STATEMENT: u8 = 1;
const IN_QUOTE: u8 = 2;
const IN_ENTITIES: u8 = 4;
const IN_ID: u8 = 8;
/// Forward-index entries with this bit are entity references.
const ENTITY: u32 = 1 << 31;
/// Claims scanned between two looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;
/// Below this many claims a scan is not worth a second thread: starting
/// one costs tens of microseconds, scoring 32k claims about as much.
const PARALLEL_MIN: usize = 32_768;
/// Claims scored together in accumulation: their state (4 bytes each,
/// 64 KiB) stays in the core's cache. Measured for "s" at 1M claims on one
/// thread: 2k blocks 17 ms, 16k and 64k 12 ms, 256k 13 ms, no blocks 21 ms.
const BLOCK: usize = 16_384;
/// Claim state during accumulation, packed in one `u32` so that a posting
/// costs one memory access: the best score of the current word (low 16
/// bits), its field bits (4 bits from [`MASK_SHIFT`]) and the number of
/// query words that reached the claim so far (top 8 bits; queries have
/// fewer than 200 words).
const BEST_BITS: u32 = 0xffff;
const MASK_SHIFT: u32 = 16;
const MASK_BITS: u32 = 0xf << MASK_SHIFT;
const ROUND_SHIFT: u32 = 24;

/// How a search splits its work: claims (or candidates) are cut into one
/// range per thread, and posting lists are walked a block of claims at a
/// time. Claims are scored independently and the parts joined, so the
/// split never changes a result, only how long it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Threads one search may use; 0 counts as 1.
    pub threads: usize,
    /// Below this many claims (or candidates) one thread does it all.
    pub min_claims: usize,
    /// Claims per block when walking posting lists; 0 counts as 1.
    pub block: usize,
}

impl Default for Split {
    /// Every core, for scans of at least [`PARALLEL_MIN`] claims, in
    /// blocks of [`BLOCK`].
    fn default() -> Self {
        Split {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            min_claims: PARALLEL_MIN,
            block: BLOCK,
        }
    }
}

/// Scored claims of (part of) a search: every match, or only the best
/// `keep` when the caller wants the top hits; `total` counts every match.
/// With `keep`, a one-letter query at 1M claims never holds a million
/// scores: once `keep` are found, anything worse than the worst of them is
/// only counted.
struct Scored {
    hits: Vec<(usize, i64)>,
    total: usize,
    keep: Option<usize>,
    /// The worst of the best `keep` so far, once there are `keep`.
    floor: Option<(usize, i64)>,
}

impl Scored {
    fn new(keep: Option<usize>) -> Scored {
        Scored {
            hits: Vec::new(),
            total: 0,
            keep,
            floor: None,
        }
    }

    #[inline]
    fn push(&mut self, hit: (usize, i64)) {
        self.total += 1;
        if self
            .floor
            .is_some_and(|f| better_pair(&hit, &f) != std::cmp::Ordering::Less)
        {
            return;
        }
        self.hits.push(hit);
        if let Some(k) = self.keep
            && self.hits.len() >= k.saturating_mul(2).max(1024)
        {
            self.trim();
        }
    }

    /// Drops all but the best `keep`, and raises the floor to the worst kept.
    fn trim(&mut self) {
        keep_best(&mut self.hits, self.keep);
        if let Some(k) = self.keep.filter(|&k| k > 0 && self.hits.len() == k) {
            // keep_best left the k-th best at k - 1.
            self.floor = Some(self.hits[k - 1]);
        }
    }
}

/// The lists one query word walks in accumulation, each with its score,
/// and the claim whose id the word is.
struct Round<'a> {
    words: Vec<(&'a [u32], u16)>,
    entities: Vec<(&'a [u32], u16)>,
    id: Option<(usize, u16)>,
}

/// [`better`] for `(claim, score)` pairs. A total order, so the best k of
/// a union are the best k of the parts' best k.
fn better_pair(a: &(usize, i64), b: &(usize, i64)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Keeps the best `keep` of `v` (all of them for `None`), unordered.
fn keep_best(v: &mut Vec<(usize, i64)>, keep: Option<usize>) {
    match keep {
        Some(0) => v.clear(),
        Some(k) if k < v.len() => {
            v.select_nth_unstable_by(k - 1, better_pair);
            v.truncate(k);
        }
        _ => {}
    }
}

/// FxHash (rustc's hasher): the vocabulary is hashed tens of millions of
/// times while the index is built; SipHash would double the build time.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

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

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The word index over a store's claims; see the module documentation.
pub struct SearchIndex {
    /// Distinct lower-cased words of statements and quotes.
    words: Vec<Box<str>>,
    word_ids: FxMap<Box<str>, u32>,
    /// Forward index: claim `c` owns `entries[starts[c]..starts[c + 1]]`,
    /// each `word << 2 | IN_STATEMENT | IN_QUOTE` or `ENTITY | entity`.
    starts: Slab<usize>,
    entries: Slab<u32>,
    /// Posting lists: word `w` occurs in the claims of
    /// `postings[post_starts[w]..post_starts[w + 1]]`, each `claim << 2 |
    /// IN_STATEMENT | IN_QUOTE`.
    post_starts: Slab<usize>,
    postings: Slab<u32>,
    /// Entities numbered countries, then actors, then themes: their
    /// lower-cased name words, their names joined (for whole-field
    /// matching). The claims that link them are the store's
    /// ([`Store::entity_claims`]).
    entity_words: Vec<Vec<Box<str>>>,
    entity_text: Vec<String>,
    matcher: SkimMatcherV2,
    split: Split,
}

/// One query word, matched against the vocabulary and the entities.
struct QWord {
    text: String,
    /// Score of every vocabulary word (0: no match).
    words: Vec<u16>,
    /// Vocabulary words that match, for the posting lists.
    matched: Vec<u32>,
    /// Score of every entity (0: no match).
    entities: Vec<u16>,
    /// The claim whose id this word is, if any.
    id: Option<usize>,
}

enum Plan {
    All,
    Words(Vec<QWord>),
    Fields(Vec<String>),
}

impl SearchIndex {
    pub fn new(store: &Store) -> Self {
        let n = store.claims().len();
        let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
        // Small datasets are not worth a thread.
        Self::build(store, n.div_ceil(threads).max(1 << 15))
    }

    /// Indexes runs of `per` claims on threads of their own, then joins them.
    fn build(store: &Store, per: usize) -> Self {
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
        let mut lower = String::new();
        let (post_starts, postings) = invert(&starts, &entries, words.len());
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
        let entity_words = entity_names
            .iter()
            .map(|names| {
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
            })
            .collect();
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

    /// How searches split their work; [`Split::default`] uses every core.
    pub fn split(&self) -> Split {
        self.split
    }

    /// Sets how searches split their work, e.g. one thread on a machine
    /// shared with other work. Results do not depend on it.
    pub fn set_split(&mut self, split: Split) {
        self.split = split;
    }

    /// The index's contents, for the cache to save (`crate::cache`).
    pub fn parts(&self) -> IndexParts<'_> {
        IndexParts {
            words: &self.words,
            starts: &self.starts,
            entries: &self.entries,
            post_starts: &self.post_starts,
            postings: &self.postings,
            entity_words: &self.entity_words,
            entity_text: &self.entity_text,
        }
    }

    /// An index from saved parts; the cache checks them first (every
    /// number in range, lists ascending), so searches cannot go astray.
    pub fn from_parts(
        words: Vec<Box<str>>,
        arrays: [Slab<u32>; 2],
        starts: [Slab<usize>; 2],
        entity_words: Vec<Vec<Box<str>>>,
        entity_text: Vec<String>,
    ) -> SearchIndex {
        let [entries, postings] = arrays;
        let [starts, post_starts] = starts;
        let word_ids = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        SearchIndex {
            words,
            word_ids,
            starts,
            entries,
            post_starts,
            postings,
            entity_words,
            entity_text,
            matcher: SkimMatcherV2::default().smart_case(),
            split: Split::default(),
        }
    }

    /// Ranks `candidates` against `query`, best first; ties keep dataset
    /// order. An empty query returns every candidate with score 0. Every
    /// hit carries its highlight indices; for large result sets prefer
    /// [`SearchIndex::search_top`] or [`SearchIndex::rank`].
    pub fn search(&self, store: &Store, query: &str, candidates: &[usize]) -> Vec<Hit> {
        let never = AtomicBool::new(false);
        let plan = self.plan(store, query);
        let ranked = self
            .rank_plan(store, &plan, candidates, &never)
            .unwrap_or_default();
        ranked
            .into_iter()
            .map(|(claim, score)| self.hit(store, &plan, claim, score))
            .collect()
    }

    /// The best `limit` hits, highlighted, and the number of matching
    /// claims. Returns `None` as soon as `cancel` is seen set: a search
    /// worker sets it when a newer query supersedes this one.
    pub fn search_top(
        &self,
        store: &Store,
        query: &str,
        candidates: &[usize],
        limit: usize,
        cancel: &AtomicBool,
    ) -> Option<TopHits> {
        let plan = self.plan(store, query);
        // Each part keeps only its best `limit`, on its own thread, so the
        // million scores of a one-letter query are never gathered in one place.
        let Scored {
            hits: mut all,
            total,
            ..
        } = self.scores(store, &plan, candidates, Some(limit), cancel)?;
        keep_best(&mut all, Some(limit));
        all.sort_unstable_by(better_pair);
        let hits = all
            .into_iter()
            .map(|(claim, score)| self.hit(store, &plan, claim, score))
            .collect();
        Some(TopHits { hits, total })
    }

    /// Every matching claim with its score, best first (ties in dataset
    /// order), without highlights; `None` when cancelled. Use
    /// [`SearchIndex::highlight`] for the rows on screen.
    pub fn rank(
        &self,
        store: &Store,
        query: &str,
        candidates: &[usize],
        cancel: &AtomicBool,
    ) -> Option<Vec<(usize, i64)>> {
        self.rank_plan(store, &self.plan(store, query), candidates, cancel)
    }

    /// The hit for one ranked claim, with its highlight indices.
    pub fn highlight(&self, store: &Store, query: &str, claim: usize, score: i64) -> Hit {
        self.hit(store, &self.plan(store, query), claim, score)
    }

    /// Matches `query` against the vocabulary and the entities, for
    /// [`SearchIndex::matching`] and [`SearchIndex::highlight_prepared`].
    pub fn prepare(&self, store: &Store, query: &str) -> Prepared {
        Prepared {
            plan: self.plan(store, query),
        }
    }

    /// Every matching candidate with its score, in no particular order
    /// (sort with [`better`]); `None` as soon as `cancel` is seen set. The
    /// scores are those [`SearchIndex::search`] gives.
    pub fn matching(
        &self,
        store: &Store,
        query: &Prepared,
        candidates: &[usize],
        cancel: &AtomicBool,
    ) -> Option<Vec<Ranked>> {
        let all = self.scores(store, &query.plan, candidates, None, cancel)?;
        Some(
            all.hits
                .into_iter()
                .map(|(claim, score)| Ranked { claim, score })
                .collect(),
        )
    }

    /// [`SearchIndex::highlight`] for a prepared query.
    pub fn highlight_prepared(&self, store: &Store, query: &Prepared, row: Ranked) -> Hit {
        self.hit(store, &query.plan, row.claim, row.score)
    }

    fn rank_plan(
        &self,
        store: &Store,
        plan: &Plan,
        candidates: &[usize],
        cancel: &AtomicBool,
    ) -> Option<Vec<(usize, i64)>> {
        let mut all = self.scores(store, plan, candidates, None, cancel)?.hits;
        all.sort_unstable_by(better_pair);
        Some(all)
    }

    fn plan(&self, store: &Store, query: &str) -> Plan {
        let raw: Vec<&str> = query.split_whitespace().collect();
        if raw.is_empty() {
            return Plan::All;
        }
        let mut qwords = Vec::with_capacity(raw.len());
        for w in &raw {
            let mut text = String::new();
            fold(w, &mut text);
            if !text.chars().all(char::is_alphanumeric) {
                return Plan::Fields(raw.iter().map(|s| s.to_string()).collect());
            }
            let q = self.match_word(store, text, w);
            if q.matched.is_empty() && q.entities.iter().all(|&s| s == 0) && q.id.is_none() {
                // No single word matches: an abbreviation across words?
                return Plan::Fields(raw.iter().map(|s| s.to_string()).collect());
            }
            qwords.push(q);
        }
        Plan::Words(qwords)
    }

    /// Scores the vocabulary and the entities against one query word.
    fn match_word(&self, store: &Store, text: String, typed: &str) -> QWord {
        let pattern: Vec<char> = text.chars().collect();
        let min = min_score(&text);
        let score = |word: &str| -> u16 {
            if !is_subsequence(&pattern, word) {
                return 0;
            }
            match self.matcher.fuzzy_indices(word, &text) {
                Some((s, idx)) if s >= min && is_compact(&idx, &text) => {
                    s.clamp(1, i64::from(u16::MAX)) as u16
                }
                _ => 0,
            }
        };
        let mut words = vec![0u16; self.words.len()];
        let mut matched = Vec::new();
        for (i, w) in self.words.iter().enumerate() {
            let s = score(w);
            if s > 0 {
                words[i] = s;
                matched.push(i as u32);
            }
        }
        let entities = self
            .entity_words
            .iter()
            .map(|ws| ws.iter().map(|w| score(w)).max().unwrap_or(0))
            .collect();
        QWord {
            id: store_id(store, typed),
            text,
            words,
            matched,
            entities,
        }
    }

    /// Every matching candidate with its score, unordered; with `keep`,
    /// only the best `keep` of each part (see [`Scored`]).
    fn scores(
        &self,
        store: &Store,
        plan: &Plan,
        candidates: &[usize],
        keep: Option<usize>,
        cancel: &AtomicBool,
    ) -> Option<Scored> {
        match plan {
            Plan::All => {
                let mut out = Scored::new(keep);
                for &c in candidates {
                    out.push((c, 0));
                }
                out.trim();
                Some(out)
            }
            Plan::Words(q) => self.word_scores(store, q, candidates, keep, cancel),
            Plan::Fields(words) => {
                let ent: Vec<Vec<i64>> = words
                    .iter()
                    .map(|w| {
                        self.entity_text
                            .iter()
                            .map(|t| self.field_match(t, w).map_or(0, |m| m.0))
                            .collect()
                    })
                    .collect();
                self.filter_candidates(candidates, keep, cancel, |c| {
                    self.field_score(store, c, words, &ent).map(|h| h.score)
                })
            }
        }
    }

    fn word_scores(
        &self,
        store: &Store,
        q: &[QWord],
        candidates: &[usize],
        keep: Option<usize>,
        cancel: &AtomicBool,
    ) -> Option<Scored> {
        let n = self.starts.len() - 1;
        let ids: Vec<Option<usize>> = q.iter().map(|w| w.id).collect();
        // Term at a time through the posting lists (about 3 ns a posting),
        // unless the candidates are few enough that scoring each of them
        // from the forward index is cheaper (about 2 ns per entry and query
        // word): with filters pinned, a broad prefix's lists reach mostly
        // claims that are not candidates.
        let cost: usize = q.iter().map(|w| self.cost(store, w)).sum();
        let per_claim = self.entries.len() / n.max(1) + 1;
        let scan = candidates
            .len()
            .saturating_mul(per_claim)
            .saturating_mul(q.len())
            .saturating_mul(2);
        if q.len() < 200 && cost.saturating_mul(3) < scan {
            return self.accumulate(store, q, &ids, candidates, keep, cancel);
        }
        self.filter_candidates(candidates, keep, cancel, |c| self.claim_score(c, q, &ids))
    }

    /// Scores every claim the query's posting lists reach: each word's best
    /// score and field bits per claim, then the sum over words for claims
    /// that every word reached. Claim ranges are independent (posting lists
    /// are in claim order, so each range reads its own slice of every list),
    /// which lets every core take one: a one-letter prefix visits millions
    /// of postings at 1M claims.
    fn accumulate(
        &self,
        store: &Store,
        q: &[QWord],
        ids: &[Option<usize>],
        candidates: &[usize],
        keep: Option<usize>,
        cancel: &AtomicBool,
    ) -> Option<Scored> {
        let n = self.starts.len() - 1;
        let allowed = (candidates.len() != n).then(|| {
            let mut bits = vec![0u64; n.div_ceil(64)];
            for &c in candidates {
                bits[c / 64] |= 1 << (c % 64);
            }
            bits
        });
        // Rarest word first: later words only need the claims it reached.
        let mut order: Vec<usize> = (0..q.len()).collect();
        order.sort_by_key(|&j| self.cost(store, &q[j]));
        self.in_parts(n, keep, |range, out| {
            self.accumulate_range(
                store,
                q,
                ids,
                &order,
                range,
                allowed.as_deref(),
                cancel,
                out,
            )
        })
    }

    /// [`SearchIndex::accumulate`] for the claims in `range`, a block of
    /// [`Split::block`] claims at a time. Each of a broad prefix's hundreds
    /// of posting lists lands all over the per-claim state; a block's state
    /// stays in the core's cache where a million claims' (4 MB) would not,
    /// which takes a one-letter query at 1M claims from 21 to 12 ms of CPU.
    /// Blocks are independent, like ranges.
    #[allow(clippy::too_many_arguments)] // the parts of one search, passed down
    fn accumulate_range(
        &self,
        store: &Store,
        q: &[QWord],
        ids: &[Option<usize>],
        order: &[usize],
        range: Range<usize>,
        allowed: Option<&[u64]>,
        cancel: &AtomicBool,
        out: &mut Scored,
    ) -> Option<()> {
        // Per round, the word's lists from `range.start` on: posting lists
        // (`claim << 2 | field bits`) and entity claim lists, each with the
        // word's score; blocks consume them from the front.
        let from = range.start as u32;
        let mut rounds: Vec<Round> = order
            .iter()
            .map(|&j| {
                let w = &q[j];
                let words = w
                    .matched
                    .iter()
                    .map(|&m| {
                        let m = m as usize;
                        let list = &self.postings[self.post_starts[m]..self.post_starts[m + 1]];
                        (
                            &list[list.partition_point(|&p| p >> 2 < from)..],
                            w.words[m],
                        )
                    })
                    .collect();
                let entities = w
                    .entities
                    .iter()
                    .enumerate()
                    .filter(|&(_, &s)| s > 0)
                    .map(|(e, &s)| {
                        let list = store.entity_claims(e);
                        (&list[list.partition_point(|&c| c < from)..], s)
                    })
                    .collect();
                let id = ids[j].map(|c| (c, (min_score(&w.text) * 4).clamp(1, 65535) as u16));
                Round {
                    words,
                    entities,
                    id,
                }
            })
            .collect();
        let block = self.split.block.max(1);
        let size = block.min(range.len());
        // See BEST_BITS: best score, field bits and words reached per claim.
        let mut state = vec![0u32; size];
        // Sums over the words before the last; one word needs none.
        let mut total = vec![0i64; if q.len() > 1 { size } else { 0 }];
        // Claims of the block the current word reached (the first
        // `n_touched`); one spare slot for the unconditional write.
        let mut touched = vec![0u32; size + 1];
        let last = order.len().saturating_sub(1);
        let mut lo = range.start;
        while lo < range.end {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let hi = lo.saturating_add(block).min(range.end);
            let hi32 = hi as u32;
            state[..hi - lo].fill(0);
            for (round, lists) in rounds.iter_mut().enumerate() {
                let mut n_touched = 0;
                let r = (round as u32) << ROUND_SHIFT;
                // Branch-free: whether a claim was reached by the earlier
                // words, and whether this is the word's first posting for
                // it, are coin flips for a broad prefix, and a mispredicted
                // branch costs more than the stores.
                let mut visit = |i: usize, s: u16, bits: u8| {
                    let v = state[i];
                    let live = v & !(BEST_BITS | MASK_BITS) == r;
                    let new = (v & !BEST_BITS)
                        | (v & BEST_BITS).max(u32::from(s))
                        | u32::from(bits) << MASK_SHIFT;
                    state[i] = if live { new } else { v };
                    touched[n_touched] = i as u32;
                    n_touched += usize::from(live & (v & MASK_BITS == 0));
                };
                for (list, s) in &mut lists.words {
                    let mut n = 0;
                    for &p in list.iter() {
                        if p >> 2 >= hi32 {
                            break;
                        }
                        visit((p >> 2) as usize - lo, *s, (p & 3) as u8);
                        n += 1;
                    }
                    *list = &list[n..];
                }
                for (list, s) in &mut lists.entities {
                    let mut n = 0;
                    for &c in list.iter() {
                        if c >= hi32 {
                            break;
                        }
                        visit(c as usize - lo, *s, IN_ENTITIES);
                        n += 1;
                    }
                    *list = &list[n..];
                }
                if let Some((c, s)) = lists.id.filter(|&(c, _)| (lo..hi).contains(&c)) {
                    visit(c - lo, s, IN_ID);
                }
                let next = ((round + 1) as u32) << ROUND_SHIFT;
                for &i in &touched[..n_touched] {
                    let i = i as usize;
                    let v = state[i];
                    let mask = (v & MASK_BITS) >> MASK_SHIFT;
                    let score =
                        i64::from(v & BEST_BITS) + FIELD_BONUS * (i64::from(mask.count_ones()) - 1);
                    state[i] = next;
                    if round < last {
                        // Round 0 reaches a claim first: no need to clear
                        // the sums between blocks.
                        total[i] = if round == 0 { score } else { total[i] + score };
                        continue;
                    }
                    // Every earlier word reached this claim, or it would
                    // not have been touched in the last round.
                    let c = lo + i;
                    if allowed.is_none_or(|a| a[c / 64] & (1 << (c % 64)) != 0) {
                        let before = if round == 0 { 0 } else { total[i] };
                        out.push((c, before + score));
                    }
                }
            }
            lo = hi;
        }
        Some(())
    }

    /// Claims a word's posting lists would visit.
    fn cost(&self, store: &Store, w: &QWord) -> usize {
        let words: usize = w
            .matched
            .iter()
            .map(|&m| self.post_starts[m as usize + 1] - self.post_starts[m as usize])
            .sum();
        let ents: usize = w
            .entities
            .iter()
            .enumerate()
            .filter(|&(_, &s)| s > 0)
            .map(|(e, _)| store.entity_claims(e).len())
            .sum();
        words + ents + 1
    }

    /// The score of claim `c`, or `None` when a query word misses it.
    #[inline]
    fn claim_score(&self, c: usize, q: &[QWord], ids: &[Option<usize>]) -> Option<i64> {
        let entries = &self.entries[self.starts[c]..self.starts[c + 1]];
        // Word entries come first, the few entity references last.
        let split = entries
            .iter()
            .rposition(|&e| e & ENTITY == 0)
            .map_or(0, |i| i + 1);
        let (words, entities) = entries.split_at(split);
        let mut total = 0i64;
        for (w, id) in q.iter().zip(ids) {
            let mut best = 0u16;
            let mut mask = 0u8;
            for &e in words {
                let s = w.words[(e >> 2) as usize];
                best = best.max(s);
                // Branch-free: the field bits count only when the word matched.
                mask |= (e as u8 & 3) & u8::from(s != 0).wrapping_neg();
            }
            for &e in entities {
                let s = w.entities[(e & !ENTITY) as usize];
                if s > 0 {
                    best = best.max(s);
                    mask |= IN_ENTITIES;
                }
            }
            let mut best = i64::from(best);
            if *id == Some(c) {
                best = best.max(min_score(&w.text) * 4);
                mask |= IN_ID;
            }
            if mask == 0 {
                return None;
            }
            total += best + FIELD_BONUS * (i64::from(mask.count_ones()) - 1);
        }
        Some(total)
    }

    fn hit(&self, store: &Store, plan: &Plan, claim: usize, score: i64) -> Hit {
        match plan {
            Plan::All => Hit {
                claim,
                score,
                statement_chars: Vec::new(),
                quote_chars: Vec::new(),
            },
            Plan::Words(q) => self.word_hit(store, q, claim, score),
            Plan::Fields(words) => {
                let ent: Vec<Vec<i64>> = words
                    .iter()
                    .map(|w| {
                        let links = self.claim_entities(claim);
                        let mut v = vec![0; self.entity_text.len()];
                        for e in links {
                            v[e] = self.field_match(&self.entity_text[e], w).map_or(0, |m| m.0);
                        }
                        v
                    })
                    .collect();
                let mut h = self.field_score(store, claim, words, &ent).unwrap_or(Hit {
                    claim,
                    score,
                    statement_chars: Vec::new(),
                    quote_chars: Vec::new(),
                });
                h.score = score;
                h
            }
        }
    }

    /// Runs `score` over `candidates`, keeping the claims it scores.
    fn filter_candidates<F>(
        &self,
        candidates: &[usize],
        keep: Option<usize>,
        cancel: &AtomicBool,
        score: F,
    ) -> Option<Scored>
    where
        F: Fn(usize) -> Option<i64> + Sync,
    {
        self.in_parts(candidates.len(), keep, |range, out| {
            for chunk in candidates[range].chunks(CANCEL_EVERY) {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                for &c in chunk {
                    if let Some(s) = score(c) {
                        out.push((c, s));
                    }
                }
            }
            Some(())
        })
    }

    /// Splits `0..len` into one range per thread (see [`Split`]), runs
    /// `part` on each, the first on this thread, and keeps the best `keep`
    /// of each part on the thread that made it. `None` when a part was
    /// cancelled (parts look at the cancel flag themselves).
    fn in_parts<F>(&self, len: usize, keep: Option<usize>, part: F) -> Option<Scored>
    where
        F: Fn(Range<usize>, &mut Scored) -> Option<()> + Sync,
    {
        let run = |range: Range<usize>| -> Option<Scored> {
            let mut out = Scored::new(keep);
            part(range, &mut out)?;
            out.trim();
            Some(out)
        };
        let threads = if len < self.split.min_claims {
            1
        } else {
            self.split.threads.clamp(1, len.max(1))
        };
        if threads == 1 {
            return run(0..len);
        }
        let per = len.div_ceil(threads);
        let ranges: Vec<Range<usize>> = (0..threads)
            .map(|t| (t * per).min(len)..((t + 1) * per).min(len))
            .collect();
        let parts: Vec<Option<Scored>> = std::thread::scope(|s| {
            let handles: Vec<_> = ranges[1..]
                .iter()
                .map(|r| {
                    let (r, run) = (r.clone(), &run);
                    s.spawn(move || run(r))
                })
                .collect();
            let first = run(ranges[0].clone());
            std::iter::once(first)
                .chain(handles.into_iter().map(|h| {
                    // A panic in a search thread is a bug: pass it on.
                    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
                }))
                .collect()
        });
        let mut out = Scored::new(keep);
        for p in parts {
            let p = p?;
            out.hits.extend(p.hits);
            out.total += p.total;
        }
        Some(out)
    }

    fn claim_entities(&self, claim: usize) -> impl Iterator<Item = usize> + '_ {
        self.entries[self.starts[claim]..self.starts[claim + 1]]
            .iter()
            .filter(|&&e| e & ENTITY != 0)
            .map(|&e| (e & !ENTITY) as usize)
    }

    /// Highlights for a claim found through the word index: each query
    /// word marks the best-scoring word of its best field, statement before
    /// quote on a tie, as the whole-field matcher did.
    fn word_hit(&self, store: &Store, q: &[QWord], claim: usize, score: i64) -> Hit {
        let c = &store.claims()[claim];
        let mut hit = Hit {
            claim,
            score,
            statement_chars: Vec::new(),
            quote_chars: Vec::new(),
        };
        let mut lower = String::new();
        for w in q {
            let mut best: Option<(u16, usize, usize, &str)> = None; // score, field, char start, token
            for (field, text) in [(0, c.statement()), (1, store.quote_text(claim))] {
                for (at, tok) in tokens(text) {
                    fold(tok, &mut lower);
                    let Some(&id) = self.word_ids.get(lower.as_str()) else {
                        continue;
                    };
                    let s = w.words[id as usize];
                    if s > 0 && best.is_none_or(|b| s > b.0) {
                        best = Some((s, field, at, tok));
                    }
                }
            }
            let Some((s, field, at, tok)) = best else {
                continue;
            };
            let ent = self
                .claim_entities(claim)
                .map(|e| w.entities[e])
                .max()
                .unwrap_or(0);
            let id = if w.id == Some(claim) {
                min_score(&w.text) * 4
            } else {
                0
            };
            if ent > s || id > i64::from(s) {
                continue; // links or id matched best: nothing to mark in the text
            }
            let mut map = Vec::new();
            lower.clear();
            for (i, ch) in tok.chars().enumerate() {
                for l in ch.to_lowercase() {
                    lower.push(l);
                    map.push(i);
                }
            }
            if let Some((_, idx)) = self.matcher.fuzzy_indices(&lower, &w.text) {
                let out = if field == 0 {
                    &mut hit.statement_chars
                } else {
                    &mut hit.quote_chars
                };
                out.extend(idx.into_iter().map(|i| at + map[i]));
            }
        }
        hit.statement_chars.sort_unstable();
        hit.statement_chars.dedup();
        hit.quote_chars.sort_unstable();
        hit.quote_chars.dedup();
        hit
    }

    /// Whole-field matching, the slow path for words the vocabulary cannot
    /// answer. `ent[w][e]` is query word `w`'s score on entity `e`.
    fn field_score(
        &self,
        store: &Store,
        claim: usize,
        words: &[String],
        ent: &[Vec<i64>],
    ) -> Option<Hit> {
        let c = &store.claims()[claim];
        let mut hit = Hit {
            claim,
            score: 0,
            statement_chars: Vec::new(),
            quote_chars: Vec::new(),
        };
        for (wi, word) in words.iter().enumerate() {
            let mut best: Option<(i64, Field, Vec<usize>)> = None;
            let mut fields_matched = 0;
            for (field, text) in [
                (Field::Statement, c.statement()),
                (Field::Quote, store.quote_text(claim)),
            ] {
                let Some((score, idx)) = self.field_match(text, word) else {
                    continue;
                };
                fields_matched += 1;
                if best.as_ref().is_none_or(|b| score > b.0) {
                    best = Some((score, field, idx));
                }
            }
            let e = self
                .claim_entities(claim)
                .map(|e| ent[wi][e])
                .max()
                .unwrap_or(0);
            if e > 0 {
                fields_matched += 1;
                if best.as_ref().is_none_or(|b| e > b.0) {
                    best = Some((e, Field::Entities, Vec::new()));
                }
            }
            if c.id().eq_ignore_ascii_case(word) {
                fields_matched += 1;
                let s = min_score(word) * 4;
                if best.as_ref().is_none_or(|b| s > b.0) {
                    best = Some((s, Field::Id, Vec::new()));
                }
            }
            let (score, field, idx) = best?;
            hit.score += score + FIELD_BONUS * (fields_matched - 1);
            match field {
                Field::Statement => hit.statement_chars.extend(idx),
                Field::Quote => hit.quote_chars.extend(idx),
                Field::Entities | Field::Id => {}
            }
        }
        hit.statement_chars.sort_unstable();
        hit.statement_chars.dedup();
        hit.quote_chars.sort_unstable();
        hit.quote_chars.dedup();
        Some(hit)
    }

    fn field_match(&self, text: &str, word: &str) -> Option<(i64, Vec<usize>)> {
        let pattern: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        if !is_subsequence_folded(&pattern, text) {
            return None;
        }
        let (score, idx) = self.matcher.fuzzy_indices(text, word)?;
        (score >= min_score(word) && is_compact(&idx, word)).then_some((score, idx))
    }
}

/// The claim whose id equals `word`, ignoring ASCII case (ids are ASCII).
fn store_id(store: &Store, word: &str) -> Option<usize> {
    store
        .index_of(Kind::Claim, word)
        .or_else(|| store.index_of(Kind::Claim, &word.to_ascii_uppercase()))
        .or_else(|| {
            // Mixed-case ids: fall back to a scan only for id-like words.
            (word.len() <= 24 && word.bytes().any(|b| b.is_ascii_digit()))
                .then(|| {
                    store
                        .claims()
                        .iter()
                        .position(|c| c.id().eq_ignore_ascii_case(word))
                })
                .flatten()
        })
}

/// The index of a run of claims, with word ids of its own.
struct Part {
    words: Vec<Box<str>>,
    word_ids: FxMap<Box<str>, u32>,
    /// Where each claim's entries start (and, last, where they end).
    starts: Vec<usize>,
    entries: Vec<u32>,
}

impl Part {
    fn new(store: &Store, claims: std::ops::Range<usize>) -> Part {
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
            let c = &store.claims()[ci];
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

    fn word_id(&mut self, word: &str) -> u32 {
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
fn push_words(seen: &[(u32, u8)], entries: &mut Vec<u32>) {
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
fn merge(parts: Vec<Part>, store: &Store) -> Part {
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
fn invert(starts: &[usize], entries: &[u32], n_words: usize) -> (Vec<usize>, Vec<u32>) {
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
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
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

/// Unicode lower case of `s` into `out`.
fn fold(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// Whether `pattern` occurs in order in the lower-case `word`.
fn is_subsequence(pattern: &[char], word: &str) -> bool {
    let mut p = pattern.iter();
    let mut want = p.next();
    for ch in word.chars() {
        match want {
            None => return true,
            Some(&w) if w == ch => want = p.next(),
            _ => {}
        }
    }
    want.is_none()
}

/// Like [`is_subsequence`], lower-casing `text` on the way.
fn is_subsequence_folded(pattern: &[char], text: &str) -> bool {
    let mut i = 0;
    for ch in text.chars() {
        if i == pattern.len() {
            return true;
        }
        if ch.is_ascii() {
            if ch.to_ascii_lowercase() == pattern[i] {
                i += 1;
            }
        } else {
            for l in ch.to_lowercase() {
                if i < pattern.len() && l == pattern[i] {
                    i += 1;
                }
            }
        }
    }
    i == pattern.len()
}

/// A word's letters must lie close together: "neutrality" found as n…e…u
/// spread over a sentence is noise, "kosvo" for "Kosovo" is a typo worth
/// finding. A word may skip one character per four of its own after the
/// first, so short words must match as written ("nato" is not "Natio").
fn is_compact(idx: &[usize], word: &str) -> bool {
    let (Some(first), Some(last)) = (idx.first(), idx.last()) else {
        return true;
    };
    let n = word.chars().count();
    last - first < n + n.saturating_sub(1) / 4
}

/// The least score a word must reach. SkimMatcherV2 gives about 16 points
/// per matched character plus bonuses for consecutive and word-start
/// matches; letters scattered across a sentence score far less.
pub fn min_score(word: &str) -> i64 {
    let n = word.chars().count() as i64;
    if n <= 2 { 16 * n } else { 12 * n }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    /// Claims that `query` finds in the embedded dataset, every claim a candidate.
    /// Built in runs of a few claims on several threads, the index must be
    /// the one a single pass builds: same word ids, entries and postings.
    #[test]
    fn parts_join_into_the_single_pass_index() {
        let store = load_embedded().unwrap();
        let one = SearchIndex::build(&store, usize::MAX);
        for per in [1, 5, 16] {
            let many = SearchIndex::build(&store, per);
            assert_eq!(many.words, one.words, "per {per}");
            assert_eq!(many.starts, one.starts, "per {per}");
            assert_eq!(many.entries, one.entries, "per {per}");
            assert_eq!(many.post_starts, one.post_starts, "per {per}");
            assert_eq!(many.postings, one.postings, "per {per}");
        }
    }

    fn found(query: &str) -> (Store, Vec<Hit>) {
        let store = load_embedded().unwrap();
        let index = SearchIndex::new(&store);
        let all: Vec<usize> = (0..store.claims().len()).collect();
        let hits = index.search(&store, query, &all);
        (store, hits)
    }

    fn ids(store: &Store, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| store.claims()[h.claim].id().to_string())
            .collect()
    }

    #[test]
    fn every_word_must_match() {
        let store = load_embedded().unwrap();
        let index = SearchIndex::new(&store);
        let all: Vec<usize> = (0..store.claims().len()).collect();
        let nato = index.search(&store, "nato", &all);
        let both = index.search(&store, "nato montenegro", &all);
        assert!(!both.is_empty() && both.len() < nato.len());
        for h in &both {
            assert!(nato.iter().any(|n| n.claim == h.claim));
        }
        assert!(index.search(&store, "zzqxj", &all).is_empty());
    }

    #[test]
    fn scattered_letters_do_not_match() {
        let (store, hits) = found("kosovo");
        for h in &hits {
            let c = &store.claim(h.claim);
            assert!(
                c.countries.iter().any(|x| x == "XK"),
                "{} has no Kosovo link",
                c.id
            );
        }
    }

    #[test]
    fn short_words_match_as_written() {
        let (store, hits) = found("nato");
        assert!(!hits.is_empty());
        for h in &hits {
            let c = &store.claim(h.claim);
            let themes: Vec<String> = c
                .themes
                .iter()
                .map(|t| store.name_of(Kind::Theme, t))
                .collect();
            let text = format!("{} {} {}", c.statement, c.quote.exact, themes.join(" "));
            assert!(
                text.to_lowercase().contains("nato") || c.actors.iter().any(|a| a == "nato"),
                "{}: \"nato\" matched neither NATO nor its text (\"Nation\" is not NATO)",
                c.id
            );
        }
    }

    #[test]
    fn statement_matches_are_highlighted() {
        let (store, hits) = found("neutrality");
        assert_eq!(ids(&store, &hits[..1]), vec!["c23"]);
        let st: Vec<char> = store.claims()[hits[0].claim].statement().chars().collect();
        let marked: String = hits[0].statement_chars.iter().map(|&i| st[i]).collect();
        assert_eq!(marked, "neutrality");
    }

    #[test]
    fn claim_id_finds_the_claim() {
        let store = load_embedded().unwrap();
        let index = SearchIndex::new(&store);
        let all: Vec<usize> = (0..store.claims().len()).collect();
        assert_eq!(
            ids(&store, &index.search(&store, "c14", &all)[..1]),
            vec!["c14"]
        );
    }

    #[test]
    fn prepared_queries_score_and_highlight_as_search_does() {
        let store = load_embedded().unwrap();
        let index = SearchIndex::new(&store);
        let all: Vec<usize> = (0..store.claims().len()).collect();
        let never = AtomicBool::new(false);
        for query in [
            "",
            "kosovo",
            "s",
            "nato montenegro",
            "kosovoserbia",
            "u.s.",
            "c14",
        ] {
            let q = index.prepare(&store, query);
            let mut rows = index.matching(&store, &q, &all, &never).unwrap();
            rows.sort_unstable_by(better);
            let hits: Vec<Hit> = rows
                .iter()
                .map(|&r| index.highlight_prepared(&store, &q, r))
                .collect();
            assert_eq!(hits, index.search(&store, query, &all), "{query:?}");
        }
        let cancelled = AtomicBool::new(true);
        let q = index.prepare(&store, "kosovo");
        assert_eq!(index.matching(&store, &q, &all, &cancelled), None);
    }

    #[test]
    fn linking_lists_the_claims_a_facet_matches() {
        use crate::filter::Facet;
        let store = load_embedded().unwrap();
        let n = store.claims().len();
        let facets = (0..store.countries().len())
            .map(|i| (Kind::Country, i, Facet::Country(i)))
            .chain((0..store.actors().len()).map(|i| (Kind::Actor, i, Facet::Actor(i))))
            .chain((0..store.themes().len()).map(|i| (Kind::Theme, i, Facet::Theme(i))));
        for (kind, i, f) in facets {
            let want: Vec<u32> = (0..n)
                .filter(|&c| f.matches(&store, c))
                .map(|c| c as u32)
                .collect();
            assert_eq!(store.linking(kind, i), want.as_slice(), "{f:?}");
        }
        assert!(store.linking(Kind::Source, 0).is_empty());
    }
}
