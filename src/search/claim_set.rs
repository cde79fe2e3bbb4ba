//! A set of claim indexes as one bit per claim: the candidates a search
//! may return, the claims a facet lists.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSet(Vec<u64>);

impl ClaimSet {
    /// The set of `claims` out of `n`.
    pub fn new(n: usize, claims: impl IntoIterator<Item = usize>) -> ClaimSet {
        let mut bits = vec![0u64; n.div_ceil(64)];
        for c in claims {
            bits[c / 64] |= 1 << (c % 64);
        }
        ClaimSet(bits)
    }

    /// The claims in the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            let mut bits = word;
            std::iter::from_fn(move || {
                let b = bits.trailing_zeros() as usize;
                bits &= bits.wrapping_sub(1);
                (b < 64).then_some(i * 64 + b)
            })
        })
    }

    #[inline]
    pub fn contains(&self, claim: usize) -> bool {
        self.0
            .get(claim / 64)
            .is_some_and(|w| w & (1 << (claim % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::ClaimSet;

    #[test]
    fn iter_gives_the_claims_ascending() {
        let claims = [0, 1, 63, 64, 65, 127, 128, 500, 999];
        let set = ClaimSet::new(1000, claims.iter().rev().copied());
        assert_eq!(set.iter().collect::<Vec<_>>(), claims);
        assert_eq!(ClaimSet::new(1000, []).iter().count(), 0);
        let all = ClaimSet::new(130, 0..130);
        assert!(all.iter().eq(0..130));
    }
}
