//! The store's derived lists (claims by actor, by entity and by section,
//! claims referred to, the sorted claim-id hashes) as numbers, and read
//! back with every index checked.

use super::codes::{relation_code, relation_of};
use crate::model::claim::ClaimIndex;
use crate::model::store::Derived;
use crate::model::{Relation, Store};

/// Lists of lists as a count, starts and values.
fn put_lists<'a>(out: &mut Vec<u32>, lists: impl ExactSizeIterator<Item = &'a [u32]> + Clone) {
    out.push(lists.len() as u32);
    let mut at = 0u32;
    out.push(0);
    for l in lists.clone() {
        at += l.len() as u32;
        out.push(at);
    }
    for l in lists {
        out.extend_from_slice(l);
    }
}

/// The store's claim indexes and sorted claim-id hashes as numbers.
pub(super) fn encode_derived(store: &Store) -> Vec<u32> {
    let d = store.derived();
    let mut out = Vec::new();
    put_lists(&mut out, d.by_actor.iter().map(Vec::as_slice));
    put_lists(&mut out, d.linked.iter().map(Vec::as_slice));
    let mut sections: Vec<(&(usize, usize), &Vec<usize>)> = d.by_section.iter().collect();
    sections.sort_by_key(|(k, _)| **k);
    let keys: Vec<[u32; 2]> = sections
        .iter()
        .map(|(k, _)| [k.0 as u32, k.1 as u32])
        .collect();
    let lists: Vec<Vec<u32>> = sections
        .iter()
        .map(|(_, v)| v.iter().map(|&c| c as u32).collect())
        .collect();
    put_lists(&mut out, keys.iter().map(|k| &k[..]));
    put_lists(&mut out, lists.iter().map(Vec::as_slice));
    let mut referred: Vec<(&u32, &Vec<(u32, Relation)>)> = d.referred.iter().collect();
    referred.sort_by_key(|(k, _)| **k);
    let keys: Vec<u32> = referred.iter().map(|(k, _)| **k).collect();
    let lists: Vec<Vec<u32>> = referred
        .iter()
        .map(|(_, v)| v.iter().flat_map(|&(c, r)| [c, relation_code(r)]).collect())
        .collect();
    put_lists(&mut out, std::iter::once(&keys[..]));
    put_lists(&mut out, lists.iter().map(Vec::as_slice));
    let ids = ClaimIndex::sorted_entries(store.claims());
    put_lists(
        &mut out,
        std::iter::once(bytemuck::cast_slice::<u64, u32>(&ids)),
    );
    out
}

pub(super) struct Limits {
    pub(super) claims: usize,
    pub(super) actors: usize,
    pub(super) entities: usize,
    pub(super) sections: Vec<usize>,
}

/// Reads what [`put_lists`] wrote; `None` when it does not fit.
fn take_lists<'a>(from: &mut &'a [u32]) -> Option<Vec<&'a [u32]>> {
    let (&n, rest) = from.split_first()?;
    let n = n as usize;
    let starts = rest.get(..n.checked_add(1)?)?;
    let total = *starts.last()? as usize;
    let values = rest.get(n + 1..n + 1 + total)?;
    let mut lists = Vec::with_capacity(n);
    for w in starts.windows(2) {
        lists.push(values.get(w[0] as usize..w[1] as usize)?);
    }
    *from = &rest[n + 1 + total..];
    Some(lists)
}

pub(super) fn decode_derived(mut from: &[u32], lim: &Limits) -> Option<(Derived, ClaimIndex)> {
    let by_actor = take_lists(&mut from)?;
    let linked = take_lists(&mut from)?;
    if by_actor.len() != lim.actors
        || linked.len() != lim.entities
        || !by_actor.iter().chain(&linked).all(|l| claims_ok(l, lim))
    {
        return None;
    }
    let by_section = take_sections(&mut from, lim)?;
    let referred = take_referred(&mut from, lim)?;
    let entries = take_ids(&mut from, lim)?;
    let derived = Derived {
        by_actor: by_actor.iter().map(|l| l.to_vec()).collect(),
        by_section,
        linked: linked.iter().map(|l| l.to_vec()).collect(),
        referred,
    };
    Some((derived, ClaimIndex::from_sorted(entries)))
}

/// Every number a claim.
fn claims_ok(l: &[u32], lim: &Limits) -> bool {
    l.iter().all(|&c| (c as usize) < lim.claims)
}

/// The claims of each (source, section), every section known.
fn take_sections(
    from: &mut &[u32],
    lim: &Limits,
) -> Option<hashbrown::HashMap<(usize, usize), Vec<usize>>> {
    let keys = take_lists(from)?;
    let lists = take_lists(from)?;
    if keys.len() != lists.len() {
        return None;
    }
    let mut by_section = hashbrown::HashMap::with_capacity(keys.len());
    for (k, l) in keys.iter().zip(&lists) {
        let (&[source, section], true) = (*k, claims_ok(l, lim)) else {
            return None;
        };
        if section as usize >= *lim.sections.get(source as usize)? {
            return None;
        }
        let claims: Vec<usize> = l.iter().map(|&c| c as usize).collect();
        by_section.insert((source as usize, section as usize), claims);
    }
    Some(by_section)
}

/// The claims that refer to each claim, and how.
fn take_referred(
    from: &mut &[u32],
    lim: &Limits,
) -> Option<hashbrown::HashMap<u32, Vec<(u32, Relation)>>> {
    let keys = take_lists(from)?;
    let keys = keys.first().copied().unwrap_or(&[]);
    let lists = take_lists(from)?;
    if keys.len() != lists.len() || !claims_ok(keys, lim) {
        return None;
    }
    let mut referred = hashbrown::HashMap::with_capacity(keys.len());
    for (&k, l) in keys.iter().zip(&lists) {
        let mut by = Vec::with_capacity(l.len() / 2);
        for pair in l.chunks(2) {
            let &[c, r] = pair else { return None };
            if c as usize >= lim.claims {
                return None;
            }
            by.push((c, relation_of(r)?));
        }
        referred.insert(k, by);
    }
    Some(referred)
}

/// The sorted claim-id hashes, the last list: each names a claim, in order.
fn take_ids(from: &mut &[u32], lim: &Limits) -> Option<Box<[u64]>> {
    let ids = take_lists(from)?;
    let ids = ids.first().copied().unwrap_or(&[]);
    if !from.is_empty() || ids.len() != lim.claims * 2 {
        return None;
    }
    let entries: Box<[u64]> = ids
        .chunks_exact(2)
        .map(|p| u64::from(p[0]) | u64::from(p[1]) << 32)
        .collect();
    if entries
        .iter()
        .any(|&e| (e & 0xffff_ffff) as usize >= lim.claims)
        || entries.windows(2).any(|w| w[0] > w[1])
    {
        return None;
    }
    Some(entries)
}
