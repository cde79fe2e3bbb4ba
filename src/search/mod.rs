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
//! scores (bench/RESULTS.md has the timings); `matching_top` keeps every
//! match and picks out the best as it goes, so the explorer shows the top
//! rows before the rest are gathered and sorted (`kept.rs`). A query
//! word that matches no single word (an abbreviation across words such as
//! "kosovoserbia", or a word with punctuation such as "u.s.") falls back to
//! matching whole fields, as before the index existed; that scan is the
//! slow path and can be cancelled.

use std::cmp::Ordering as Order;
use std::sync::atomic::AtomicBool;

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::cache::Slab;
use crate::model::Store;

mod alias;
mod build;
mod claim_set;
pub mod fold;
mod highlight;
mod kept;
mod plan;
mod score;
mod spelling;
#[cfg(test)]
mod tests;

pub use alias::{AliasMatch, via_aliases};
use build::{FxMap, tokens};
pub use claim_set::ClaimSet;
use fold::fold;
pub use kept::Admit;
use kept::{Found, Keep, Scored, better_pair};
pub use plan::min_score;
use plan::{Plan, QWord, is_compact, is_subsequence_folded};

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

/// What [`SearchIndex::matching_top`] found.
pub struct Matches {
    /// The best of the matches admitted, best first.
    pub top: Vec<Ranked>,
    /// How many matches were admitted.
    pub admitted: usize,
    found: Found,
}

impl Matches {
    /// Every match, in no particular order, as [`SearchIndex::matching`]
    /// gives them.
    pub fn into_rows(self) -> Vec<Ranked> {
        ranked(self.found.all())
    }
}

fn ranked(pairs: Vec<(usize, i64)>) -> Vec<Ranked> {
    pairs
        .into_iter()
        .map(|(claim, score)| Ranked { claim, score })
        .collect()
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
/// Below this many claims a scan is not worth a second thread: starting
/// one costs tens of microseconds, scoring 32k claims about as much.
const PARALLEL_MIN: usize = 32_768;
/// Claims scored together in accumulation: their state (4 bytes each,
/// 64 KiB) stays in the core's cache; bench/RESULTS.md has the block sizes
/// measured.
const BLOCK: usize = 16_384;

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
    /// Every core, for scans of at least `PARALLEL_MIN` claims, in
    /// blocks of `BLOCK`.
    fn default() -> Self {
        Split {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            min_claims: PARALLEL_MIN,
            block: BLOCK,
        }
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

impl SearchIndex {
    pub fn new(store: &Store) -> Self {
        let n = store.claims().len();
        let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
        // Small datasets are not worth a thread.
        Self::build(store, n.div_ceil(threads).max(1 << 15))
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
        let mut found = self.scores(store, &plan, candidates, Keep::best(limit), cancel)?;
        let total = found.total;
        let hits = found
            .best_sorted()
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
        let found = self.scores(store, &query.plan, candidates, Keep::all(), cancel)?;
        Some(ranked(found.all()))
    }

    /// [`SearchIndex::matching`], with the best `k` of the matches `admit`
    /// takes (all of them for `None`) picked out as the search goes: they
    /// are known before the matches are gathered in one vector
    /// ([`Matches::into_rows`]).
    pub fn matching_top(
        &self,
        store: &Store,
        query: &Prepared,
        candidates: &[usize],
        k: usize,
        admit: Option<&Admit<'_>>,
        cancel: &AtomicBool,
    ) -> Option<Matches> {
        let keep = Keep::all_and_best(k, admit);
        let mut found = self.scores(store, &query.plan, candidates, keep, cancel)?;
        Some(Matches {
            top: ranked(found.best_sorted()),
            admitted: found.admitted,
            found,
        })
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
        let mut all = self
            .scores(store, plan, candidates, Keep::all(), cancel)?
            .all();
        all.sort_unstable_by(better_pair);
        Some(all)
    }
}
