//! The claim lists a store works out from its claims (by actor, section,
//! source, linked entity, and who refers to whom), and their checks when
//! they come from a cache entry instead.

use super::Store;
use crate::model::Relation;
use crate::model::lists::Lists;

/// The claim indexes a store works out, which the cache saves and gives
/// back in place (see `Store::from_cache`). Every list ascends.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// The claims that list each actor (not those it only speaks in).
    pub by_actor: Lists,
    /// The claims quoting each section, the sections numbered source after
    /// source (see [`Store::section_claims`]).
    pub by_section: Lists,
    /// The claims quoting each source.
    pub by_source: Lists,
    /// The claims each country, actor (as linked or as speaker), theme and
    /// region has, in that order of entities: what a facet selects.
    /// Regions come last so that the search index, which numbers
    /// countries, actors and themes, keeps its numbers.
    pub linked: Lists,
    /// For each claim, the claims whose `related` names it, each as
    /// `claim << 2 | relation code` (see [`Relation::code`]).
    pub referred: Lists,
}

/// The lists while they are filled, one `Vec` each.
struct Building {
    by_actor: Vec<Vec<u32>>,
    by_section: Vec<Vec<u32>>,
    by_source: Vec<Vec<u32>>,
    linked: Vec<Vec<u32>>,
    /// (claim named, claim naming it << 2 | relation), in claim order.
    referred: Vec<(u32, u32)>,
}

impl Derived {
    /// The lists of `store`'s claims; `None` past 4 G entries.
    pub(super) fn build(store: &Store) -> Option<Derived> {
        let (nc, na, nt) = (
            store.countries.len(),
            store.actors.len(),
            store.themes.len(),
        );
        let mut b = Building {
            by_actor: vec![Vec::new(); na],
            by_section: vec![Vec::new(); store.sections_in_all()],
            by_source: vec![Vec::new(); store.sources.len()],
            linked: vec![Vec::new(); nc + na + nt + store.regions.len()],
            referred: Vec::new(),
        };
        for ci in 0..store.claims.len() {
            b.add(store, ci, [nc, na, nt]);
        }
        b.referred.sort_by_key(|&(named, _)| named);
        Some(Derived {
            by_actor: Lists::from_vecs(&b.by_actor)?,
            by_section: Lists::from_vecs(&b.by_section)?,
            by_source: Lists::from_vecs(&b.by_source)?,
            linked: Lists::from_vecs(&b.linked)?,
            referred: referred_lists(store.claims.len(), &b.referred)?,
        })
    }

    /// Whether these lists can be `store`'s: one list per actor, section,
    /// source, entity and claim, every claim number in range, each list
    /// ascending. (Not that they are the lists its claims give: a cache
    /// entry's checksums vouch for that.)
    pub(super) fn check(&self, store: &Store) -> Result<(), &'static str> {
        let n = store.claims.len();
        let entities =
            store.countries.len() + store.actors.len() + store.themes.len() + store.regions.len();
        let sizes = [
            (&self.by_actor, store.actors.len()),
            (&self.by_section, store.sections_in_all()),
            (&self.by_source, store.sources.len()),
            (&self.linked, entities),
        ];
        for (lists, len) in sizes {
            if lists.len() != len || !lists.ascending_below(n) {
                return Err("derived claim lists do not fit the claims");
            }
        }
        let referred_ok = self.referred.len() == n
            && self
                .referred
                .values()
                .iter()
                .all(|&v| ((v >> 2) as usize) < n);
        if !referred_ok {
            return Err("referred claims do not fit the claims");
        }
        Ok(())
    }
}

impl Building {
    fn add(&mut self, store: &Store, ci: usize, [nc, na, nt]: [usize; 3]) {
        let c = store.claims.get(ci);
        let claim = ci as u32;
        for r in c.related() {
            if let Some(target) = store.claim_ids.find(&store.claims, &r.claim) {
                self.referred
                    .push((target as u32, claim << 2 | r.relation.code()));
            }
        }
        let section = store.section_number(c.source as usize, c.section as usize);
        if let Some(list) = section.and_then(|s| self.by_section.get_mut(s)) {
            list.push(claim);
        }
        if let Some(list) = self.by_source.get_mut(c.source as usize) {
            list.push(claim);
        }
        let links = super::links_in(&store.link_pool, &c);
        for &i in links.countries {
            self.linked[i as usize].push(claim);
        }
        for &i in links.actors {
            self.by_actor[i as usize].push(claim);
            self.linked[nc + i as usize].push(claim);
        }
        if let Some(s) = c.speaker()
            && !links.actors.contains(&(s as u32))
        {
            self.linked[nc + s].push(claim);
        }
        for &i in links.themes {
            self.linked[nc + na + i as usize].push(claim);
        }
        for &i in links.regions {
            self.linked[nc + na + nt + i as usize].push(claim);
        }
    }
}

/// One list per claim of `n` from (claim named, entry) pairs sorted by the
/// claim named; counted, not a `Vec` per claim, since few are named.
fn referred_lists(n: usize, pairs: &[(u32, u32)]) -> Option<Lists> {
    let mut starts = vec![0u32; n + 1];
    for &(named, _) in pairs {
        *starts.get_mut(named as usize + 1)? += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let values: Vec<u32> = pairs.iter().map(|&(_, entry)| entry).collect();
    Lists::from_parts(starts.into(), values.into())
}

/// An entry of [`Derived::referred`] as the claim and its relation.
pub(super) fn referrer(entry: u32) -> (usize, Relation) {
    ((entry >> 2) as usize, Relation::from_code(entry & 3))
}
