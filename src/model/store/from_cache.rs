//! A store made from a cache entry's parts: every number of its (possibly
//! mapped, possibly damaged) tables is checked before the store is used.

use super::{ClaimIndex, Claims, Dataset, Derived, SourceTexts, Store};
use crate::model::table::NONE;
use crate::slab::Slab;

/// Claims checked between two calls of [`Store::from_cache`]'s `release`.
pub const CHECK_STEP: usize = 1 << 14;

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
    /// `release` is called after every [`CHECK_STEP`] claims checked, so a
    /// caller whose parts are mapped can hand the pages read so far back.
    pub fn from_cache(parts: CacheParts, release: &mut dyn FnMut()) -> Result<Store, &'static str> {
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
        store.check_claims(release)?;
        store.claim_ids = ids;
        store.by_actor = derived.by_actor;
        store.by_section = derived.by_section;
        store.linked = derived.linked;
        store.referred = derived.referred;
        // Cheap to work out again, and not in the saved indexes.
        for (ci, r) in store.claims.records().iter().enumerate() {
            store.by_source[r.source as usize].push(ci as u32);
        }
        Ok(store)
    }

    /// Every claim's numbers point into the store: strings, codes, source,
    /// section, quote (in its text, on character boundaries), links and
    /// speaker.
    fn check_claims(&self, release: &mut dyn FnMut()) -> Result<(), &'static str> {
        self.claims.check(CHECK_STEP, release)?;
        let limits = [
            self.countries.len(),
            self.actors.len(),
            self.themes.len(),
            self.regions.len(),
        ];
        for (ci, r) in self.claims.records().iter().enumerate() {
            if ci % CHECK_STEP == CHECK_STEP - 1 {
                release();
            }
            let Some(source) = self.sources.get(r.source as usize) else {
                return Err("claim source out of range");
            };
            if r.section as usize >= source.sections.len() {
                return Err("claim section out of range");
            }
            let text = self.text_of(ci);
            let (a, b) = (r.quote[2] as usize, r.quote[3] as usize);
            if a > b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
                return Err("claim quote out of its text");
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
