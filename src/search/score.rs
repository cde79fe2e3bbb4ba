//! Scoring: posting lists walked rarest word first, a range of claims per
//! thread and a block at a time, or each candidate scored from the forward
//! index; the best hits kept as they come.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::*;
use crate::model::Store;

/// Claims scanned between two looks at the cancel flag.
pub(super) const CANCEL_EVERY: usize = 4096;

/// Claim state during accumulation, packed in one `u32` so that a posting
/// costs one memory access: the best score of the current word (low 16
/// bits), its field bits (4 bits from [`MASK_SHIFT`]) and the number of
/// query words that reached the claim so far (top 8 bits; queries have
/// fewer than 200 words).
pub(super) const BEST_BITS: u32 = 0xffff;

pub(super) const MASK_SHIFT: u32 = 16;

pub(super) const MASK_BITS: u32 = 0xf << MASK_SHIFT;

pub(super) const ROUND_SHIFT: u32 = 24;

/// The lists one query word walks in accumulation, each with its score,
/// and the claim whose id the word is.
pub(super) struct Round<'a> {
    words: Vec<(&'a [u32], u16)>,
    entities: Vec<(&'a [u32], u16)>,
    id: Option<(usize, u16)>,
}

impl SearchIndex {
    /// The matching candidates with their scores, as much of them as
    /// `keep` says (see [`Scored`]).
    pub(super) fn scores(
        &self,
        store: &Store,
        plan: &Plan,
        candidates: &[usize],
        keep: Keep,
        cancel: &AtomicBool,
    ) -> Option<Found> {
        match plan {
            Plan::All => {
                let mut out = Scored::new(keep, candidates.len());
                for &c in candidates {
                    out.push((c, 0));
                }
                Some(Found::join(vec![out.done()], keep.best))
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

    pub(super) fn word_scores(
        &self,
        store: &Store,
        q: &[QWord],
        candidates: &[usize],
        keep: Keep,
        cancel: &AtomicBool,
    ) -> Option<Found> {
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
    pub(super) fn accumulate(
        &self,
        store: &Store,
        q: &[QWord],
        ids: &[Option<usize>],
        candidates: &[usize],
        keep: Keep,
        cancel: &AtomicBool,
    ) -> Option<Found> {
        let n = self.starts.len() - 1;
        let allowed = (candidates.len() != n).then(|| ClaimSet::new(n, candidates.iter().copied()));
        // Rarest word first: later words only need the claims it reached.
        let mut order: Vec<usize> = (0..q.len()).collect();
        order.sort_by_key(|&j| self.cost(store, &q[j]));
        self.in_parts(n, keep, |range, out| {
            self.accumulate_range(store, q, ids, &order, range, allowed.as_ref(), cancel, out)
        })
    }

    /// [`SearchIndex::accumulate`] for the claims in `range`, a block of
    /// [`Split::block`] claims at a time. Each of a broad prefix's hundreds
    /// of posting lists lands all over the per-claim state; a block's state
    /// stays in the core's cache where a million claims' (4 MB) would not
    /// (bench/RESULTS.md has the figures). Blocks are independent, like
    /// ranges.
    #[allow(clippy::too_many_arguments)] // the parts of one search, passed down
    pub(super) fn accumulate_range(
        &self,
        store: &Store,
        q: &[QWord],
        ids: &[Option<usize>],
        order: &[usize],
        range: Range<usize>,
        allowed: Option<&ClaimSet>,
        cancel: &AtomicBool,
        out: &mut Scored,
    ) -> Option<()> {
        let mut rounds = self.rounds(store, q, ids, order, range.start as u32);
        let block = self.split.block.max(1);
        let mut b = Block::new(block.min(range.len()), q.len());
        let last = order.len().saturating_sub(1);
        let mut lo = range.start;
        while lo < range.end {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let hi = lo.saturating_add(block).min(range.end);
            b.start(lo, hi);
            for (round, lists) in rounds.iter_mut().enumerate() {
                b.reach(lists, round, hi);
                b.settle(round, last, allowed, out);
            }
            lo = hi;
        }
        Some(())
    }

    /// Per round (a query word, rarest first), the word's lists from claim
    /// `from` on: posting lists (`claim << 2 | field bits`) and entity claim
    /// lists, each with the word's score; blocks consume them from the front.
    fn rounds<'a>(
        &'a self,
        store: &'a Store,
        q: &[QWord],
        ids: &[Option<usize>],
        order: &[usize],
        from: u32,
    ) -> Vec<Round<'a>> {
        order
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
            .collect()
    }

    /// The score of claim `c`, or `None` when a query word misses it.
    #[inline]
    pub(super) fn claim_score(&self, c: usize, q: &[QWord], ids: &[Option<usize>]) -> Option<i64> {
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

    /// Runs `score` over `candidates`, keeping the claims it scores.
    pub(super) fn filter_candidates<F>(
        &self,
        candidates: &[usize],
        keep: Keep,
        cancel: &AtomicBool,
        score: F,
    ) -> Option<Found>
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
    /// `part` on each, the first on this thread, and keeps the best
    /// `keep.best` of each part on the thread that made it. `None` when a
    /// part was cancelled (parts look at the cancel flag themselves).
    pub(super) fn in_parts<F>(&self, len: usize, keep: Keep, part: F) -> Option<Found>
    where
        F: Fn(Range<usize>, &mut Scored) -> Option<()> + Sync,
    {
        // A part finds at most one match per claim of its range; the first
        // has room for every part's, for `Found::all` to join them in.
        let run = |range: Range<usize>| -> Option<Found> {
            let room = if range.start == 0 { len } else { range.len() };
            let mut out = Scored::new(keep, room);
            part(range, &mut out)?;
            Some(out.done())
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
        let parts: Vec<Option<Found>> = std::thread::scope(|s| {
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
        let parts: Option<Vec<Found>> = parts.into_iter().collect();
        Some(Found::join(parts?, keep.best))
    }

    pub(super) fn claim_entities(&self, claim: usize) -> impl Iterator<Item = usize> + '_ {
        self.entries[self.starts[claim]..self.starts[claim + 1]]
            .iter()
            .filter(|&&e| e & ENTITY != 0)
            .map(|&e| (e & !ENTITY) as usize)
    }
}

/// The claims of one block of [`SearchIndex::accumulate_range`].
struct Block {
    /// The block's first claim.
    lo: usize,
    /// See [`BEST_BITS`]: best score, field bits and words reached per claim.
    state: Vec<u32>,
    /// Sums over the words before the last; one word needs none.
    total: Vec<i64>,
    /// Claims of the block the current word reached (the first
    /// `n_touched`); one spare slot for the unconditional write.
    touched: Vec<u32>,
    n_touched: usize,
}

impl Block {
    fn new(size: usize, words: usize) -> Block {
        Block {
            lo: 0,
            state: vec![0u32; size],
            total: vec![0i64; if words > 1 { size } else { 0 }],
            touched: vec![0u32; size + 1],
            n_touched: 0,
        }
    }

    /// Starts on the claims `lo..hi`.
    fn start(&mut self, lo: usize, hi: usize) {
        self.lo = lo;
        self.state[..hi - lo].fill(0);
    }

    /// Walks the lists of word `round` over the block, up to claim `hi`,
    /// noting the claims that every word so far reached.
    fn reach(&mut self, lists: &mut Round, round: usize, hi: usize) {
        let (lo, hi32) = (self.lo, hi as u32);
        let (state, touched) = (&mut self.state[..], &mut self.touched[..]);
        let mut n_touched = 0;
        let r = (round as u32) << ROUND_SHIFT;
        // Branch-free: whether a claim was reached by the earlier words,
        // and whether this is the word's first posting for it, are coin
        // flips for a broad prefix, and a mispredicted branch costs more
        // than the stores.
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
        self.n_touched = n_touched;
    }

    /// Scores the claims word `round` reached: a sum so far, or, for the
    /// last word, a match (when `allowed` holds it).
    fn settle(&mut self, round: usize, last: usize, allowed: Option<&ClaimSet>, out: &mut Scored) {
        let next = ((round + 1) as u32) << ROUND_SHIFT;
        for &i in &self.touched[..self.n_touched] {
            let i = i as usize;
            let v = self.state[i];
            let mask = (v & MASK_BITS) >> MASK_SHIFT;
            let score = i64::from(v & BEST_BITS) + FIELD_BONUS * (i64::from(mask.count_ones()) - 1);
            self.state[i] = next;
            if round < last {
                // Round 0 reaches a claim first: no need to clear the sums
                // between blocks.
                self.total[i] = if round == 0 {
                    score
                } else {
                    self.total[i] + score
                };
                continue;
            }
            // Every earlier word reached this claim, or it would not have
            // been touched in the last round.
            let c = self.lo + i;
            if allowed.is_none_or(|a| a.contains(c)) {
                let before = if round == 0 { 0 } else { self.total[i] };
                out.push((c, before + score));
            }
        }
    }
}
