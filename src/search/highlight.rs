//! Highlights: which characters of a statement the query words matched,
//! and the fields they matched.

use fuzzy_matcher::FuzzyMatcher;

use super::*;
use crate::model::Store;

impl SearchIndex {
    pub(super) fn hit(&self, store: &Store, plan: &Plan, claim: usize, score: i64) -> Hit {
        match plan {
            Plan::All => Hit {
                claim,
                score,
                statement_chars: Vec::new(),
                quote_chars: Vec::new(),
            },
            Plan::Words(q) => self.word_hit(store, q, claim, score),
            Plan::Fields(words) => {
                let ent: Vec<Vec<i64>> = words
                    .iter()
                    .map(|w| {
                        let links = self.claim_entities(claim);
                        let mut v = vec![0; self.entity_text.len()];
                        for e in links {
                            v[e] = self.field_match(&self.entity_text[e], w).map_or(0, |m| m.0);
                        }
                        v
                    })
                    .collect();
                let mut h = self.field_score(store, claim, words, &ent).unwrap_or(Hit {
                    claim,
                    score,
                    statement_chars: Vec::new(),
                    quote_chars: Vec::new(),
                });
                h.score = score;
                h
            }
        }
    }

    /// Highlights for a claim found through the word index: each query
    /// word marks the best-scoring word of its best field, statement before
    /// quote on a tie, as the whole-field matcher did.
    pub(super) fn word_hit(&self, store: &Store, q: &[QWord], claim: usize, score: i64) -> Hit {
        let c = store.claim_at(claim);
        let mut hit = Hit {
            claim,
            score,
            statement_chars: Vec::new(),
            quote_chars: Vec::new(),
        };
        let mut lower = String::new();
        for w in q {
            let mut best: Option<(u16, usize, usize, &str)> = None; // score, field, char start, token
            for (field, text) in [(0, c.statement()), (1, store.quote_text(claim))] {
                for (at, tok) in tokens(text) {
                    fold(tok, &mut lower);
                    let Some(&id) = self.word_ids.get(lower.as_str()) else {
                        continue;
                    };
                    let s = w.words[id as usize];
                    if s > 0 && best.is_none_or(|b| s > b.0) {
                        best = Some((s, field, at, tok));
                    }
                }
            }
            let Some((s, field, at, tok)) = best else {
                continue;
            };
            let ent = self
                .claim_entities(claim)
                .map(|e| w.entities[e])
                .max()
                .unwrap_or(0);
            let id = if w.id == Some(claim) {
                min_score(&w.text) * 4
            } else {
                0
            };
            if ent > s || id > i64::from(s) {
                continue; // links or id matched best: nothing to mark in the text
            }
            // Folded as the index folds, each letter traced to the token's own.
            let (lower, map) = fold::fold_mapped(tok);
            let out = if field == 0 {
                &mut hit.statement_chars
            } else {
                &mut hit.quote_chars
            };
            match self.matcher.fuzzy_indices(&lower, &w.text) {
                Some((_, idx)) => out.extend(idx.into_iter().map(|i| at + map[i])),
                // The other spelling ("defence" for "defense"): the word.
                None => out.extend((0..tok.chars().count()).map(|i| at + i)),
            }
        }
        sorted(hit)
    }

    /// Whole-field matching, the slow path for words the vocabulary cannot
    /// answer. `ent[w][e]` is query word `w`'s score on entity `e`.
    pub(super) fn field_score(
        &self,
        store: &Store,
        claim: usize,
        words: &[String],
        ent: &[Vec<i64>],
    ) -> Option<Hit> {
        let c = store.claim_at(claim);
        let mut hit = Hit {
            claim,
            score: 0,
            statement_chars: Vec::new(),
            quote_chars: Vec::new(),
        };
        for (wi, word) in words.iter().enumerate() {
            let mut best: Option<(i64, Field, Vec<usize>)> = None;
            let mut fields_matched = 0;
            for (field, text) in [
                (Field::Statement, c.statement()),
                (Field::Quote, store.quote_text(claim)),
            ] {
                let Some((score, idx)) = self.field_match(text, word) else {
                    continue;
                };
                fields_matched += 1;
                if best.as_ref().is_none_or(|b| score > b.0) {
                    best = Some((score, field, idx));
                }
            }
            let e = self
                .claim_entities(claim)
                .map(|e| ent[wi][e])
                .max()
                .unwrap_or(0);
            if e > 0 {
                fields_matched += 1;
                if best.as_ref().is_none_or(|b| e > b.0) {
                    best = Some((e, Field::Entities, Vec::new()));
                }
            }
            if c.id().eq_ignore_ascii_case(word) {
                fields_matched += 1;
                let s = min_score(word) * 4;
                if best.as_ref().is_none_or(|b| s > b.0) {
                    best = Some((s, Field::Id, Vec::new()));
                }
            }
            let (score, field, idx) = best?;
            hit.score += score + FIELD_BONUS * (fields_matched - 1);
            match field {
                Field::Statement => hit.statement_chars.extend(idx),
                Field::Quote => hit.quote_chars.extend(idx),
                Field::Entities | Field::Id => {}
            }
        }
        Some(sorted(hit))
    }

    pub(super) fn field_match(&self, text: &str, word: &str) -> Option<(i64, Vec<usize>)> {
        // Typed punctuation finds the text's typography, "fi" its ligature;
        // positions found in the folded text are traced to the text's own.
        let mut folded_word = String::new();
        fold(word, &mut folded_word);
        let word = folded_word.as_str();
        let pattern: Vec<char> = word.chars().collect();
        if !is_subsequence_folded(&pattern, text) {
            return None;
        }
        let (score, idx) = if text.is_ascii() && !text.contains('`') {
            self.matcher.fuzzy_indices(text, word)?
        } else {
            let (folded, map) = fold::fold_mapped_cased(text);
            let (score, idx) = self.matcher.fuzzy_indices(&folded, word)?;
            let mut idx: Vec<usize> = idx.into_iter().map(|i| map[i]).collect();
            idx.dedup();
            (score, idx)
        };
        (score >= min_score(word) && is_compact(&idx, word)).then_some((score, idx))
    }
}

/// `hit` with its highlight positions in order, each once.
fn sorted(mut hit: Hit) -> Hit {
    hit.statement_chars.sort_unstable();
    hit.statement_chars.dedup();
    hit.quote_chars.sort_unstable();
    hit.quote_chars.dedup();
    hit
}
