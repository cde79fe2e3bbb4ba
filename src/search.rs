//! Fuzzy search over claims: statements, quotes, and the names and aliases
//! of everything a claim links to.
//!
//! A query is split into words; a claim matches when every word matches one
//! of its fields, and scores the sum of each word's best field score. A word
//! must match tightly enough (see [`min_score`]): a fuzzy matcher otherwise
//! finds "kosovo" as scattered letters in almost any long sentence.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{Kind, Store};

/// Which part of a claim a word matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Statement,
    Quote,
    Entities,
    Id,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub claim: usize,
    pub score: i64,
    /// Character indices in the statement matched by query words.
    pub statement_chars: Vec<usize>,
    /// Character indices in the quote's exact text matched by query words.
    pub quote_chars: Vec<usize>,
}

/// Per-claim text prepared once: the entity names and aliases joined.
pub struct SearchIndex {
    entities: Vec<String>,
    matcher: SkimMatcherV2,
}

impl SearchIndex {
    pub fn new(store: &Store) -> Self {
        let entities = store
            .claims()
            .iter()
            .map(|c| entity_text(store, c))
            .collect();
        SearchIndex {
            entities,
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }

    /// Ranks `candidates` against `query`, best first; ties keep dataset
    /// order. An empty query returns every candidate with score 0.
    pub fn search(&self, store: &Store, query: &str, candidates: &[usize]) -> Vec<Hit> {
        let words: Vec<&str> = query.split_whitespace().collect();
        let mut hits: Vec<Hit> = candidates
            .iter()
            .filter_map(|&c| self.score_claim(store, c, &words))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.claim.cmp(&b.claim)));
        hits
    }

    fn score_claim(&self, store: &Store, claim: usize, words: &[&str]) -> Option<Hit> {
        let c = &store.claims()[claim];
        let mut hit = Hit {
            claim,
            score: 0,
            statement_chars: Vec::new(),
            quote_chars: Vec::new(),
        };
        for word in words {
            let fields = [
                (Field::Statement, c.statement.as_str()),
                (Field::Quote, c.quote.exact.as_str()),
                (Field::Entities, self.entities[claim].as_str()),
                (Field::Id, c.id.as_str()),
            ];
            let mut best: Option<(i64, Field, Vec<usize>)> = None;
            let mut fields_matched = 0;
            for (field, text) in fields {
                let Some((score, idx)) = self.word_match(text, word, field) else {
                    continue;
                };
                fields_matched += 1;
                if best.as_ref().is_none_or(|b| score > b.0) {
                    best = Some((score, field, idx));
                }
            }
            let (score, field, idx) = best?;
            // A word found in the statement or quote as well as in the links
            // is more central to the claim than a word found in one place.
            hit.score += score + FIELD_BONUS * (fields_matched - 1);
            match field {
                Field::Statement => hit.statement_chars.extend(idx),
                Field::Quote => hit.quote_chars.extend(idx),
                Field::Entities | Field::Id => {}
            }
        }
        hit.statement_chars.sort_unstable();
        hit.statement_chars.dedup();
        hit.quote_chars.sort_unstable();
        hit.quote_chars.dedup();
        Some(hit)
    }

    fn word_match(&self, text: &str, word: &str, field: Field) -> Option<(i64, Vec<usize>)> {
        if field == Field::Id {
            return text
                .eq_ignore_ascii_case(word)
                .then(|| (min_score(word) * 4, Vec::new()));
        }
        let (score, idx) = self.matcher.fuzzy_indices(text, word)?;
        (score >= min_score(word) && is_compact(&idx, word)).then_some((score, idx))
    }
}

const FIELD_BONUS: i64 = 10;

/// A word's letters must lie close together: "neutrality" found as n…e…u
/// spread over a sentence is noise, "kosvo" for "Kosovo" is a typo worth
/// finding. A word may skip one character per four of its own after the
/// first, so short words must match as written ("nato" is not "Natio").
pub fn is_compact(idx: &[usize], word: &str) -> bool {
    let (Some(first), Some(last)) = (idx.first(), idx.last()) else {
        return true;
    };
    let n = word.chars().count();
    last - first < n + n.saturating_sub(1) / 4
}

/// The least score a word must reach. SkimMatcherV2 gives about 16 points
/// per matched character plus bonuses for consecutive and word-start
/// matches; letters scattered across a sentence score far less.
pub fn min_score(word: &str) -> i64 {
    let n = word.chars().count() as i64;
    if n <= 2 { 16 * n } else { 12 * n }
}

fn entity_text(store: &Store, c: &crate::model::Claim) -> String {
    let mut parts: Vec<String> = Vec::new();
    for id in &c.countries {
        if let Some(i) = store.index_of(Kind::Country, id) {
            let x = &store.countries()[i];
            parts.push(x.name.clone());
            parts.push(x.id.clone());
            parts.extend(x.aliases.iter().cloned());
        }
    }
    for id in c.actors.iter().chain(c.attribution.speaker.iter()) {
        if let Some(i) = store.index_of(Kind::Actor, id) {
            let x = &store.actors()[i];
            parts.push(x.name.clone());
            parts.extend(x.aliases.iter().cloned());
        }
    }
    for id in &c.themes {
        if let Some(i) = store.index_of(Kind::Theme, id) {
            parts.push(store.themes()[i].name.clone());
        }
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    fn ids(store: &Store, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| store.claims()[h.claim].id.clone())
            .collect()
    }

    #[test]
    fn every_word_must_match() {
        let store = load_embedded().unwrap();
        let index = SearchIndex::new(&store);
        let all: Vec<usize> = (0..store.claims().len()).collect();
        let nato = index.search(&store, "nato", &all);
        let both = index.search(&store, "nato montenegro", &all);
        assert!(!both.is_empty() && both.len() < nato.len());
        for h in &both {
            assert!(nato.iter().any(|n| n.claim == h.claim));
        }
        assert!(index.search(&store, "zzqxj", &all).is_empty());
    }

    #[test]
    fn scattered_letters_do_not_match() {
        let store = load_embedded().unwrap();
        let index = SearchIndex::new(&store);
        let all: Vec<usize> = (0..store.claims().len()).collect();
        let hits = index.search(&store, "kosovo", &all);
        for h in &hits {
            let c = &store.claims()[h.claim];
            assert!(
                c.countries.iter().any(|x| x == "XK"),
                "{} has no Kosovo link",
                c.id
            );
        }
    }

    #[test]
    fn statement_matches_are_highlighted() {
        let store = load_embedded().unwrap();
        let index = SearchIndex::new(&store);
        let all: Vec<usize> = (0..store.claims().len()).collect();
        let hits = index.search(&store, "neutrality", &all);
        assert_eq!(ids(&store, &hits[..1]), vec!["c23"]);
        let st: Vec<char> = store.claims()[hits[0].claim].statement.chars().collect();
        let marked: String = hits[0].statement_chars.iter().map(|&i| st[i]).collect();
        assert_eq!(marked, "neutrality");
    }

    #[test]
    fn claim_id_finds_the_claim() {
        let store = load_embedded().unwrap();
        let index = SearchIndex::new(&store);
        let all: Vec<usize> = (0..store.claims().len()).collect();
        assert_eq!(
            ids(&store, &index.search(&store, "c14", &all)[..1]),
            vec!["c14"]
        );
    }
}
