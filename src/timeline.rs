//! Sources in date order with the claims each has under a filter: how often
//! thirty years of strategies speak of Bosnia, and when they stop.

use serde::Serialize;

use crate::model::Store;

/// One source's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Index into the store's sources.
    #[serde(skip)]
    pub index: usize,
    pub source: String,
    /// `YYYY-MM-DD` or `YYYY-MM`, or null when the source gives none.
    pub published: Option<String>,
    pub title: String,
    /// Claims quoting this source among those chosen.
    pub count: usize,
}

/// Every source, dated ones first by date (undated ones after, in dataset
/// order), with how many of `claims` quote it.
pub fn rows(store: &Store, claims: &[usize]) -> Vec<Row> {
    let mut count = vec![0usize; store.sources().len()];
    for &c in claims {
        count[store.claim_source(c)] += 1;
    }
    let mut rows: Vec<Row> = store
        .sources()
        .iter()
        .enumerate()
        .map(|(i, s)| Row {
            index: i,
            source: s.id.clone(),
            published: s.published.clone(),
            title: s.title.clone(),
            count: count[i],
        })
        .collect();
    // "1994-07" sorts before "1994-07-15": month-only dates come first in
    // their month, which is as much as they say.
    rows.sort_by(|a, b| match (&a.published, &b.published) {
        (Some(x), Some(y)) => x.cmp(y).then(a.index.cmp(&b.index)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.index.cmp(&b.index),
    });
    rows
}

/// Where the claims of `claims` lie in time: the rows with a count only.
pub fn spans(rows: &[Row]) -> Vec<&Row> {
    rows.iter().filter(|r| r.count > 0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, load_embedded};

    #[test]
    fn rows_are_in_date_order_and_count_the_chosen_claims() {
        let store = load_embedded().unwrap();
        let ba = store.index_of(Kind::Country, "BA").unwrap();
        let claims = store.claims_of(Kind::Country, ba);
        let rows = rows(&store, &claims);
        assert_eq!(rows.len(), store.sources().len());
        assert_eq!(rows.iter().map(|r| r.count).sum::<usize>(), claims.len());
        let dated: Vec<&str> = rows.iter().filter_map(|r| r.published.as_deref()).collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{dated:?}");
        let first_undated = rows.iter().position(|r| r.published.is_none());
        if let Some(k) = first_undated {
            assert!(rows[k..].iter().all(|r| r.published.is_none()));
        }
        // Bosnia is spoken of in the 1990s strategies.
        let y1996 = rows.iter().find(|r| r.source == "us-nss-1996").unwrap();
        assert!(y1996.count > 0);
        assert!(spans(&rows).iter().all(|r| r.count > 0));
    }
}
