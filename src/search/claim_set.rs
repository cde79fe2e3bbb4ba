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

    #[inline]
    pub fn contains(&self, claim: usize) -> bool {
        self.0
            .get(claim / 64)
            .is_some_and(|w| w & (1 << (claim % 64)) != 0)
    }
}
