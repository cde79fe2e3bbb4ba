//! Why a claim matched when nothing in its text is marked: a query word
//! that found one of its countries or actors by an alias or id ("BiH",
//! "BA") rather than by the name the views show.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::build::tokens;
use super::fold::fold;
use super::plan::{is_compact, min_score};
use crate::model::Store;

/// A query word that matched a linked entity through another of its names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasMatch {
    /// The alias or id as the dataset writes it.
    pub alias: String,
    /// The entity's name.
    pub name: String,
}

/// The aliases through which the words of `query` match the countries
/// and actors `claim` links, for words that do not match those names
/// themselves; a word matches a name as the index matches entity words.
pub fn via_aliases(store: &Store, query: &str, claim: usize) -> Vec<AliasMatch> {
    let matcher = SkimMatcherV2::default();
    let mut folded = String::new();
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| {
            fold(w, &mut folded);
            folded.clone()
        })
        .filter(|w| w.chars().all(char::is_alphanumeric))
        .collect();
    let matches = |name: &str, word: &str| {
        tokens(name).any(|(_, t)| {
            let mut tok = String::new();
            fold(t, &mut tok);
            matcher
                .fuzzy_indices(&tok, word)
                .is_some_and(|(s, idx)| s >= min_score(word) && is_compact(&idx, word))
        })
    };
    let links = store.links(claim);
    let mut entities: Vec<(&str, Vec<&str>)> = Vec::new();
    for &c in links.countries {
        let c = &store.countries()[c as usize];
        let mut other = vec![c.id.as_str()];
        other.extend(c.aliases.iter().map(String::as_str));
        entities.push((&c.name, other));
    }
    let speaker = store.claim_at(claim).speaker().map(|s| s as u32);
    for &a in links.actors.iter().chain(speaker.as_ref()) {
        let a = &store.actors()[a as usize];
        entities.push((&a.name, a.aliases.iter().map(String::as_str).collect()));
    }
    let mut out: Vec<AliasMatch> = Vec::new();
    for word in &words {
        for (name, other) in &entities {
            if matches(name, word) {
                continue;
            }
            if let Some(alias) = other.iter().find(|a| matches(a, word)) {
                let m = AliasMatch {
                    alias: alias.to_string(),
                    name: name.to_string(),
                };
                if !out.contains(&m) {
                    out.push(m);
                }
            }
        }
    }
    out
}
