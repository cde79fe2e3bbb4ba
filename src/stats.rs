//! Claim counts per country, region, actor and theme, and a country ×
//! theme table, over whatever set of claims the user is looking at.
//!
//! A country counts the claims that name it; the claims about its regions
//! are counted apart (`regional`), never added in: "the region" does not
//! name Kosovo.

use serde::Serialize;

use crate::model::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub id: String,
    pub name: String,
    pub claims: usize,
    /// Countries only: claims about a region it belongs to that do not
    /// name it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regional: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub claims: usize,
    pub countries: Vec<Count>,
    pub regions: Vec<Count>,
    pub actors: Vec<Count>,
    pub themes: Vec<Count>,
    /// `matrix[i][j]`: claims naming `countries[i]` and linked to
    /// `themes[j]` (rows and columns in the order of the lists above).
    pub matrix: Vec<Vec<usize>>,
    /// `region_matrix[i][j]`: claims about `regions[i]` linked to
    /// `themes[j]`.
    pub region_matrix: Vec<Vec<usize>>,
}

/// Entities with at least one claim, most claims first, with their list
/// indexes; `entities` yields each entity's id and name in list order.
fn ranked<'a>(
    entities: impl Iterator<Item = (&'a String, &'a String)>,
    counts: &[usize],
    regional: Option<&[usize]>,
) -> (Vec<usize>, Vec<Count>) {
    let mut v: Vec<(usize, Count)> = entities
        .enumerate()
        .map(|(i, (id, name))| {
            let claims = counts[i];
            (
                i,
                Count {
                    id: id.clone(),
                    name: name.clone(),
                    claims,
                    regional: regional.map(|r| r[i]),
                },
            )
        })
        .collect();
    // Most claims first; ties keep dataset order so the view does not jump.
    v.sort_by(|a, b| b.1.claims.cmp(&a.1.claims).then(a.0.cmp(&b.0)));
    v.retain(|(_, c)| c.claims > 0 || c.regional.is_some_and(|r| r > 0));
    v.into_iter().unzip()
}

/// `rows[i][j]`: claims linked to entity `row[i]` (by `links_of`) and to
/// theme `cols[j]`.
fn table(
    store: &Store,
    claims: &[usize],
    rows: &[usize],
    cols: &[usize],
    links_of: for<'a> fn(&crate::model::Links<'a>) -> &'a [u32],
) -> Vec<Vec<usize>> {
    let mut matrix = vec![vec![0usize; cols.len()]; rows.len()];
    for &c in claims {
        let l = store.links(c);
        for (r, &row) in rows.iter().enumerate() {
            if links_of(&l).contains(&(row as u32)) {
                for (k, &theme) in cols.iter().enumerate() {
                    if l.themes.contains(&(theme as u32)) {
                        matrix[r][k] += 1;
                    }
                }
            }
        }
    }
    matrix
}

impl Stats {
    /// How many countries lead `countries` with claims naming them; the
    /// rest are there for their regional claims only, and a country ×
    /// theme table leaves them out.
    pub fn named_countries(&self) -> usize {
        self.countries.iter().take_while(|c| c.claims > 0).count()
    }

    pub fn compute(store: &Store, claims: &[usize]) -> Stats {
        let mut country = vec![0usize; store.countries().len()];
        let mut regional = vec![0usize; store.countries().len()];
        let mut region = vec![0usize; store.regions().len()];
        let mut actor = vec![0usize; store.actors().len()];
        let mut theme = vec![0usize; store.themes().len()];
        let mut about = Vec::new();
        for &c in claims {
            let l = store.links(c);
            l.countries.iter().for_each(|&i| country[i as usize] += 1);
            l.regions.iter().for_each(|&i| region[i as usize] += 1);
            l.actors.iter().for_each(|&i| actor[i as usize] += 1);
            l.themes.iter().for_each(|&i| theme[i as usize] += 1);
            // Members of the claim's regions that it does not name.
            about.clear();
            for &r in l.regions {
                about.extend(store.regions()[r as usize].members.iter());
            }
            about.sort_unstable();
            about.dedup();
            for id in &about {
                if let Some(i) = store.index_of(crate::model::Kind::Country, id)
                    && !l.countries.contains(&(i as u32))
                {
                    regional[i] += 1;
                }
            }
        }
        let (ci, countries) = ranked(
            store.countries().iter().map(|x| (&x.id, &x.name)),
            &country,
            Some(&regional),
        );
        let (ri, regions) = ranked(
            store.regions().iter().map(|x| (&x.id, &x.name)),
            &region,
            None,
        );
        let (_, actors) = ranked(
            store.actors().iter().map(|x| (&x.id, &x.name)),
            &actor,
            None,
        );
        let (ti, themes) = ranked(
            store.themes().iter().map(|x| (&x.id, &x.name)),
            &theme,
            None,
        );
        Stats {
            claims: claims.len(),
            matrix: table(store, claims, &ci, &ti, |l| l.countries),
            region_matrix: table(store, claims, &ri, &ti, |l| l.regions),
            countries,
            regions,
            actors,
            themes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, load_embedded};

    #[test]
    fn counts_agree_with_the_indexes() {
        let store = load_embedded().unwrap();
        let all: Vec<usize> = (0..store.claims().len()).collect();
        let s = Stats::compute(&store, &all);
        assert_eq!(s.claims, all.len());
        for c in &s.countries {
            let i = store.index_of(Kind::Country, &c.id).unwrap();
            assert_eq!(
                c.claims,
                store.claims_of(Kind::Country, i).len(),
                "{}",
                c.id
            );
        }
        assert!(s.countries.windows(2).all(|w| w[0].claims >= w[1].claims));
        let xk = s.countries.iter().position(|c| c.id == "XK").unwrap();
        let nato = s
            .themes
            .iter()
            .position(|t| t.id == "nato-enlargement")
            .unwrap();
        let both = all
            .iter()
            .filter(|&&c| {
                let c = store.claim(c);
                c.countries.contains(&"XK".into()) && c.themes.contains(&"nato-enlargement".into())
            })
            .count();
        assert_eq!(s.matrix[xk][nato], both);
    }

    #[test]
    fn follows_the_subset() {
        let store = load_embedded().unwrap();
        let xk = store.index_of(Kind::Country, "XK").unwrap();
        let s = Stats::compute(&store, &store.claims_of(Kind::Country, xk));
        assert_eq!(s.countries[0].id, "XK");
        assert_eq!(s.countries[0].claims, s.claims);
    }
}
