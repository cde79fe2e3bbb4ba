//! Many short lists of numbers kept back to back in two arrays: what the
//! store's claim indexes (claims by entity, by section, by source) are.
//! Two arrays instead of a `Vec` per list, so that after a warm open they
//! are the cache entry's own mapped bytes, checked once, not a million
//! small allocations decoded from it.

use crate::slab::Slab;

/// List `i` is `values[starts[i]..starts[i + 1]]`. Made by
/// [`Lists::from_vecs`] or, from a cache entry, by [`Lists::from_parts`],
/// which checks the starts; so a list is always inside `values`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lists {
    starts: Slab<u32>,
    values: Slab<u32>,
}

impl Lists {
    /// The lists packed; `None` past 4 G values in all, which a u32 start
    /// cannot reach.
    pub fn from_vecs(lists: &[Vec<u32>]) -> Option<Lists> {
        let mut starts = Vec::with_capacity(lists.len() + 1);
        let mut at = 0u32;
        starts.push(0);
        for l in lists {
            at = at.checked_add(u32::try_from(l.len()).ok()?)?;
            starts.push(at);
        }
        let values: Vec<u32> = lists.concat();
        Some(Lists {
            starts: starts.into(),
            values: values.into(),
        })
    }

    /// Lists from their two arrays, `None` unless the starts begin at 0,
    /// never go down and end at the number of values.
    pub fn from_parts(starts: Slab<u32>, values: Slab<u32>) -> Option<Lists> {
        let shaped = starts.first() == Some(&0)
            && starts.last().map(|&s| s as usize) == Some(values.len())
            && starts.windows(2).all(|w| w[0] <= w[1]);
        shaped.then_some(Lists { starts, values })
    }

    /// How many lists.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// List `i`; empty past the last.
    pub fn get(&self, i: usize) -> &[u32] {
        let (Some(&a), Some(&b)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return &[];
        };
        self.values.get(a as usize..b as usize).unwrap_or(&[])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[u32]> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    pub fn starts(&self) -> &[u32] {
        &self.starts
    }

    pub fn values(&self) -> &[u32] {
        &self.values
    }

    /// Whether every value is below `limit` and each list ascends.
    pub fn ascending_below(&self, limit: usize) -> bool {
        self.values.iter().all(|&v| (v as usize) < limit)
            && self.iter().all(|l| l.windows(2).all(|w| w[0] < w[1]))
    }

    /// Whether the arrays are slices of a mapped file.
    pub fn is_mapped(&self) -> bool {
        self.starts.is_mapped() && self.values.is_mapped()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_lists_read_back_as_given() {
        let given = vec![vec![1, 4], vec![], vec![7]];
        let lists = Lists::from_vecs(&given).unwrap();
        assert_eq!(lists.len(), 3);
        let back: Vec<Vec<u32>> = lists.iter().map(<[u32]>::to_vec).collect();
        assert_eq!(back, given);
        assert_eq!(lists.get(3), &[] as &[u32]);
        assert!(lists.ascending_below(8));
        assert!(!lists.ascending_below(7));
    }

    #[test]
    fn bad_starts_are_refused() {
        let values = || Slab::from(vec![1u32, 2, 3]);
        let parts = |s: Vec<u32>| Lists::from_parts(s.into(), values());
        assert!(parts(vec![0, 2, 3]).is_some());
        assert!(parts(vec![1, 2, 3]).is_none(), "not from 0");
        assert!(parts(vec![0, 2, 1, 3]).is_none(), "going down");
        assert!(parts(vec![0, 2]).is_none(), "not to the end");
        assert!(parts(vec![]).is_none(), "no starts");
    }

    #[test]
    fn a_list_out_of_order_is_not_ascending() {
        let lists = Lists::from_vecs(&[vec![3, 2]]).unwrap();
        assert!(!lists.ascending_below(10));
    }
}
