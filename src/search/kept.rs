//! What a search keeps of its matches as it finds them: every match (for
//! a ranked list), the best few (for the top of one), or both, so that
//! the explorer can show the top of a million matches before it has
//! gathered them all.

use std::cmp::Ordering;

/// A test a match must pass to count among the best (the explorer's list
/// can be narrower than the search, e.g. to the facet under the cursor).
pub type Admit<'a> = dyn Fn(usize) -> bool + Sync + 'a;

/// Which matches a search keeps besides counting them.
#[derive(Clone, Copy)]
pub(super) struct Keep<'a> {
    /// Every match.
    all: bool,
    /// The best this many of those `admit` takes, picked out as they come.
    pub(super) best: usize,
    /// Only with `all` (see [`Keep::all_and_best`]).
    admit: Option<&'a Admit<'a>>,
}

impl<'a> Keep<'a> {
    pub(super) fn all() -> Keep<'a> {
        Keep {
            all: true,
            best: 0,
            admit: None,
        }
    }

    pub(super) fn best(k: usize) -> Keep<'a> {
        Keep {
            all: false,
            best: k,
            admit: None,
        }
    }

    /// Every match, and the best `k` of those `admit` takes (of all of
    /// them for `None`).
    pub(super) fn all_and_best(k: usize, admit: Option<&'a Admit<'a>>) -> Keep<'a> {
        Keep {
            all: true,
            best: k,
            admit,
        }
    }
}

/// [`super::better`] for `(claim, score)` pairs. A total order, so the best
/// k of a union are the best k of the parts' best k.
pub(super) fn better_pair(a: &(usize, i64), b: &(usize, i64)) -> Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Keeps the best `k` of `v`, unordered.
pub(super) fn keep_best(v: &mut Vec<(usize, i64)>, k: usize) {
    match k {
        0 => v.clear(),
        k if k < v.len() => {
            v.select_nth_unstable_by(k - 1, better_pair);
            v.truncate(k);
        }
        _ => {}
    }
}

/// The matches of one part of a search (a range of claims or candidates).
/// Once `keep.best` are found, a match worse than the worst of them is
/// only counted: a one-letter query at 1M claims never sorts a million
/// scores to find its top rows.
pub(super) struct Scored<'a> {
    keep: Keep<'a>,
    /// Every match, when `keep.all`.
    all: Vec<(usize, i64)>,
    /// The best admitted so far, unordered; up to twice `keep.best`
    /// between trims.
    best: Vec<(usize, i64)>,
    /// Matches no better than this are not among the best: the worst of
    /// the best `keep.best` once there are that many, before that worse
    /// than any match, and better than any when none are wanted. (One
    /// comparison per match, without an `Option` to look at first: this
    /// is the inner loop of every search.)
    floor: (usize, i64),
    total: usize,
    /// Matches `keep.admit` took, when there is one.
    admitted: usize,
}

/// Worse than any match.
const LAST: (usize, i64) = (usize::MAX, i64::MIN);
/// Better than any match.
const FIRST: (usize, i64) = (0, i64::MAX);

impl<'a> Scored<'a> {
    /// Room for `room` matches when every match is kept: the most this
    /// part can find, or (for the first part) every part can, so that
    /// neither the search nor [`Found::all`] grows a vector of a million.
    pub(super) fn new(keep: Keep<'a>, room: usize) -> Scored<'a> {
        Scored {
            keep,
            all: if keep.all {
                Vec::with_capacity(room)
            } else {
                Vec::new()
            },
            best: Vec::new(),
            floor: if keep.best == 0 { FIRST } else { LAST },
            total: 0,
            admitted: 0,
        }
    }

    #[inline]
    pub(super) fn push(&mut self, hit: (usize, i64)) {
        self.total += 1;
        // One test for `search_top`, which keeps only the best.
        if self.keep.all {
            self.all.push(hit);
            if let Some(admit) = self.keep.admit {
                if !admit(hit.0) {
                    return;
                }
                self.admitted += 1;
            }
        }
        if better_pair(&hit, &self.floor).is_ge() {
            return;
        }
        self.best.push(hit);
        if self.best.len() >= self.keep.best.saturating_mul(2).max(1024) {
            self.trim();
        }
    }

    /// Drops all but the best `keep.best`, and raises the floor to the
    /// worst kept.
    fn trim(&mut self) {
        let k = self.keep.best;
        keep_best(&mut self.best, k);
        if k > 0 && self.best.len() == k {
            // keep_best left the k-th best at k - 1.
            self.floor = self.best[k - 1];
        }
    }

    /// What this part found, its best trimmed.
    pub(super) fn done(mut self) -> Found {
        self.trim();
        Found {
            parts: if self.keep.all {
                vec![self.all]
            } else {
                Vec::new()
            },
            best: self.best,
            total: self.total,
            admitted: if self.keep.admit.is_some() {
                self.admitted
            } else {
                self.total
            },
        }
    }
}

/// What a search found.
pub(super) struct Found {
    /// Every match (when kept), a vector per part of the search, in no
    /// particular order; the first has room for all of them.
    pub(super) parts: Vec<Vec<(usize, i64)>>,
    /// The best admitted matches, unordered.
    pub(super) best: Vec<(usize, i64)>,
    /// Matches, and those admitted.
    pub(super) total: usize,
    pub(super) admitted: usize,
}

impl Found {
    /// The parts of one search joined, the best `best` of their best kept.
    pub(super) fn join(parts: Vec<Found>, best: usize) -> Found {
        let mut out = Found {
            parts: Vec::new(),
            best: Vec::new(),
            total: 0,
            admitted: 0,
        };
        for p in parts {
            out.parts.extend(p.parts);
            out.best.extend(p.best);
            out.total += p.total;
            out.admitted += p.admitted;
        }
        keep_best(&mut out.best, best);
        out
    }

    /// Every match in one vector, unordered.
    pub(super) fn all(self) -> Vec<(usize, i64)> {
        let mut parts = self.parts.into_iter();
        let mut all = parts.next().unwrap_or_default();
        for p in parts {
            all.extend(p);
        }
        all
    }

    /// The best admitted matches, best first.
    pub(super) fn best_sorted(&mut self) -> Vec<(usize, i64)> {
        let mut best = std::mem::take(&mut self.best);
        best.sort_unstable_by(better_pair);
        best
    }
}
