//! Planning a query: each word matched against the vocabulary and the
//! entities (or, for words the vocabulary cannot match, whole fields).

use fuzzy_matcher::FuzzyMatcher;

use super::*;
use crate::model::{Kind, Store};

/// One query word, matched against the vocabulary and the entities.
pub(super) struct QWord {
    pub(super) text: String,
    /// Score of every vocabulary word (0: no match).
    pub(super) words: Vec<u16>,
    /// Vocabulary words that match, for the posting lists.
    pub(super) matched: Vec<u32>,
    /// Score of every entity (0: no match).
    pub(super) entities: Vec<u16>,
    /// The claim whose id this word is, if any.
    pub(super) id: Option<usize>,
}

pub(super) enum Plan {
    All,
    Words(Vec<QWord>),
    Fields(Vec<String>),
}

impl SearchIndex {
    pub(super) fn plan(&self, store: &Store, query: &str) -> Plan {
        let raw: Vec<&str> = query.split_whitespace().collect();
        if raw.is_empty() {
            return Plan::All;
        }
        let mut qwords = Vec::with_capacity(raw.len());
        for w in &raw {
            let mut text = String::new();
            fold(w, &mut text);
            if !text.chars().all(char::is_alphanumeric) {
                return Plan::Fields(raw.iter().map(|s| s.to_string()).collect());
            }
            let q = self.match_word(store, text, w);
            if q.matched.is_empty() && q.entities.iter().all(|&s| s == 0) && q.id.is_none() {
                // No single word matches: an abbreviation across words?
                return Plan::Fields(raw.iter().map(|s| s.to_string()).collect());
            }
            qwords.push(q);
        }
        Plan::Words(qwords)
    }

    /// Scores the vocabulary and the entities against one query word.
    pub(super) fn match_word(&self, store: &Store, text: String, typed: &str) -> QWord {
        let pattern: Vec<char> = text.chars().collect();
        let min = min_score(&text);
        let score = |word: &str| -> u16 {
            if !is_subsequence(&pattern, word) {
                return 0;
            }
            match self.matcher.fuzzy_indices(word, &text) {
                Some((s, idx)) if s >= min && is_compact(&idx, &text) => {
                    s.clamp(1, i64::from(u16::MAX)) as u16
                }
                _ => 0,
            }
        };
        let mut words = vec![0u16; self.words.len()];
        let mut matched = Vec::new();
        for (i, w) in self.words.iter().enumerate() {
            let s = score(w);
            if s > 0 {
                words[i] = s;
                matched.push(i as u32);
            }
        }
        let (variants, spelt) = self.add_spellings(&text, &mut words, &mut matched);
        let entities = self
            .entity_words
            .iter()
            .map(|ws| {
                ws.iter()
                    .map(|w| match variants.iter().any(|v| **v == **w) {
                        true => score(w).max(spelt),
                        false => score(w),
                    })
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        QWord {
            id: store_id(store, typed),
            text,
            words,
            matched,
            entities,
        }
    }

    /// The word's other spellings (British or American) that are in the
    /// vocabulary, scored three quarters of the word as typed: found, and
    /// ranked below the spelling the analyst typed. Returns the spellings
    /// and their score, for entity names.
    fn add_spellings(
        &self,
        text: &str,
        words: &mut [u16],
        matched: &mut Vec<u32>,
    ) -> (Vec<String>, u16) {
        let variants = super::spelling::variants(text);
        if variants.is_empty() {
            return (variants, 0);
        }
        let exact = self.matcher.fuzzy_match(text, text).unwrap_or(0);
        let score = (exact * 3 / 4).clamp(1, i64::from(u16::MAX)) as u16;
        for v in &variants {
            let Some(&id) = self.word_ids.get(v.as_str()) else {
                continue;
            };
            let slot = &mut words[id as usize];
            if *slot == 0 {
                matched.push(id);
            }
            *slot = (*slot).max(score);
        }
        matched.sort_unstable();
        (variants, score)
    }

    /// Claims a word's posting lists would visit.
    pub(super) fn cost(&self, store: &Store, w: &QWord) -> usize {
        let words: usize = w
            .matched
            .iter()
            .map(|&m| self.post_starts[m as usize + 1] - self.post_starts[m as usize])
            .sum();
        let ents: usize = w
            .entities
            .iter()
            .enumerate()
            .filter(|&(_, &s)| s > 0)
            .map(|(e, _)| store.entity_claims(e).len())
            .sum();
        words + ents + 1
    }
}

/// The claim whose id equals `word`, ignoring ASCII case (ids are ASCII).
pub(super) fn store_id(store: &Store, word: &str) -> Option<usize> {
    store
        .index_of(Kind::Claim, word)
        .or_else(|| store.index_of(Kind::Claim, &word.to_ascii_uppercase()))
        .or_else(|| {
            // Mixed-case ids: fall back to a scan only for id-like words.
            (word.len() <= 24 && word.bytes().any(|b| b.is_ascii_digit()))
                .then(|| {
                    store
                        .claims()
                        .iter()
                        .position(|c| c.id().eq_ignore_ascii_case(word))
                })
                .flatten()
        })
}

/// Whether `pattern` occurs in order in the lower-case `word`.
pub(super) fn is_subsequence(pattern: &[char], word: &str) -> bool {
    let mut p = pattern.iter();
    let mut want = p.next();
    for ch in word.chars() {
        match want {
            None => return true,
            Some(&w) if w == ch => want = p.next(),
            _ => {}
        }
    }
    want.is_none()
}

/// Like [`is_subsequence`], folding `text` on the way as the index folds
/// ([`super::fold`]).
pub(super) fn is_subsequence_folded(pattern: &[char], text: &str) -> bool {
    let mut i = 0;
    for ch in text.chars() {
        if i == pattern.len() {
            return true;
        }
        if ch.is_ascii() && ch != '`' {
            if ch.to_ascii_lowercase() == pattern[i] {
                i += 1;
            }
        } else {
            super::fold::fold_char(ch, |l| {
                if i < pattern.len() && l == pattern[i] {
                    i += 1;
                }
            });
        }
    }
    i == pattern.len()
}

/// A word's letters must lie close together: "neutrality" found as n…e…u
/// spread over a sentence is noise, "kosvo" for "Kosovo" is a typo worth
/// finding. A word may skip one character per four of its own after the
/// first, so short words must match as written ("nato" is not "Natio").
pub(super) fn is_compact(idx: &[usize], word: &str) -> bool {
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
