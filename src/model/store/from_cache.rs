//! A store made from a cache entry's parts: every number of its (possibly
//! mapped, possibly damaged) tables is checked before the store is used.

use super::{ClaimIndex, Claims, Dataset, Derived, SourceTexts, Store};
use std::ops::Range;

use crate::model::table::NONE;
use crate::slab::Slab;

/// What the cache gives back to make a store of: see [`Store::from_cache`].
pub struct CacheParts {
    /// The entities; no claims, and sources without their texts.
    pub data: Dataset,
    pub texts: SourceTexts,
    pub claims: Claims,
    pub link_pool: Slab<u32>,
    pub ids: ClaimIndex,
    pub fingerprint: String,
    pub inputs: Vec<String>,
    pub derived: Derived,
}

impl Store {
    /// The store from the cache's parts, its claim indexes as
    /// [`Store::derived`] gave them instead of worked out again. Every
    /// number is checked against what it indexes first (see
    /// [`Store::check_claims`]): the parts may come from a damaged file.
    pub fn from_cache(parts: CacheParts) -> Result<Store, &'static str> {
        let CacheParts {
            data,
            texts,
            claims,
            link_pool,
            ids,
            fingerprint,
            inputs,
            derived,
        } = parts;
        let mut store = Store::bare(data, texts, fingerprint, inputs);
        store.claims = claims;
        store.link_pool = link_pool;
        store.claim_ids = ids;
        store.derived = derived;
        store.check_parts()?;
        Ok(store)
    }

    /// The claims checked in two halves at once, and the claim lists.
    fn check_parts(&self) -> Result<(), &'static str> {
        let n = self.claims.len();
        std::thread::scope(|s| {
            let second = s.spawn(|| self.check_claims(n / 2..n));
            let first = self
                .check_claims(0..n / 2)
                .and_then(|()| self.derived.check(self));
            let second = second.join().unwrap_or(Err("checking the claims failed"));
            first.and(second)
        })
    }

    /// Every claim's numbers in `range` point into the store: strings,
    /// codes, source, section, links and speaker. (Its quote is checked
    /// against its text where it is read: see [`Store::quote_bytes`].)
    fn check_claims(&self, range: Range<usize>) -> Result<(), &'static str> {
        self.claims.check(range.clone())?;
        let limits = [
            self.countries.len(),
            self.actors.len(),
            self.themes.len(),
            self.regions.len(),
        ];
        let records = self.claims.records().get(range.clone()).unwrap_or(&[]);
        for r in records {
            let Some(source) = self.sources.get(r.source as usize) else {
                return Err("claim source out of range");
            };
            if r.section as usize >= source.sections.len() {
                return Err("claim section out of range");
            }
            if r.speaker != NONE && r.speaker as usize >= self.actors.len() {
                return Err("claim speaker out of range");
            }
            let links = r.link_span();
            let at = links.offset as usize;
            let Some(mut run) = self.link_pool.get(at..at + links.len()) else {
                return Err("claim links out of range");
            };
            let counts = [links.countries, links.actors, links.themes, links.regions];
            for (n, limit) in counts.into_iter().zip(limits) {
                let (part, rest) = run.split_at(usize::from(n));
                if part.iter().any(|&e| e as usize >= limit) {
                    return Err("claim links an unknown entity");
                }
                run = rest;
            }
        }
        Ok(())
    }
}
