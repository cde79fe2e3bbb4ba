//! What `stratlens annotate` pre-fills in a new claim's form, from the
//! quote alone: the countries, regions, actors and themes it names (by name
//! or alias), the reporting verb for the cue, the hedges and the certainty
//! they give, and the layer and speaker from the source's kind. Suggestions
//! keep to the link rule (`model::links`): a country is suggested only
//! where the quote names it, so it is named in the quote's paragraph too;
//! a region also where the quote speaks of "the region" and the paragraph
//! names it.

use super::catalogue::{Catalogue, Entry};
use super::import::{certainty_of, hedges_in};
use crate::model::links::{fold, names};
use crate::model::{Certainty, Kind, Layer, Source, SourceKind};

/// Reporting verbs and phrases, longest first where one holds another.
const CUES: &[&str] = &[
    "according to",
    "points out",
    "calls for",
    "called for",
    "call for",
    "warns",
    "warned",
    "says",
    "said",
    "say",
    "states",
    "stated",
    "state",
    "argues",
    "suggests",
    "suggested",
    "suggest",
    "argued",
    "writes",
    "wrote",
    "notes",
    "noted",
    "claims",
    "claimed",
    "cites",
    "cited",
    "lists",
    "listed",
    "describes",
    "described",
    "asserts",
    "contends",
    "reports",
    "reported",
    "believes",
    "believe",
    "expects",
    "insists",
    "emphasises",
    "emphasizes",
    "stresses",
    "acknowledges",
    "concludes",
    "recommends",
    "urges",
    "proposes",
    "frames",
    "highlights",
    "maintains",
    "declares",
    "pledges",
    "commits",
];

/// Who speaks when the quote reports what unnamed people say.
const UNNAMED: &[&str] = &[
    "analysts",
    "officials",
    "diplomats",
    "observers",
    "experts",
    "critics",
    "sources",
];

/// What the form starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestions {
    pub countries: Vec<String>,
    pub regions: Vec<String>,
    pub actors: Vec<String>,
    pub themes: Vec<String>,
    pub layer: Layer,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub hedges: Vec<String>,
    pub certainty: Certainty,
}

/// Suggestions for `quote`, which lies in `paragraph` of `source`.
pub fn suggest(quote: &str, paragraph: &str, source: &Source, cat: &Catalogue) -> Suggestions {
    let in_quote = fold(quote);
    let in_para = fold(paragraph);
    let named = |entries: &[Entry], hay: &str| -> Vec<String> {
        entries
            .iter()
            .filter(|e| names(hay, &e.name) || e.aliases.iter().any(|a| names(hay, a)))
            .map(|e| e.id.clone())
            .collect()
    };
    let mut regions = named(&cat.regions, &in_quote);
    if names(&in_quote, "the region") || names(&in_quote, "regional") {
        for id in named(&cat.regions, &in_para) {
            if !regions.contains(&id) {
                regions.push(id);
            }
        }
    }
    let cue = cue_in(quote);
    let layer = layer_for(source, &in_quote);
    let speaker = matches!(layer, Layer::PrimaryVerbatim | Layer::PrimaryParaphrase)
        .then(|| cat.actors.iter().find(|a| a.id == source.id))
        .flatten()
        .map(|a| a.id.clone());
    let mut actors = named(&cat.actors, &in_quote);
    if let Some(s) = &speaker
        && !actors.contains(s)
    {
        actors.push(s.clone());
    }
    let hedges = hedges_in(quote);
    Suggestions {
        countries: named(&cat.countries, &in_quote),
        regions,
        actors,
        themes: named(&cat.themes, &in_quote),
        layer,
        speaker,
        certainty: certainty_of(&hedges),
        hedges,
        cue,
    }
}

/// The first reporting verb of the quote, as the quote writes it.
pub fn cue_in(quote: &str) -> Option<String> {
    let lower = quote.to_lowercase();
    if lower.len() != quote.len() {
        return None;
    }
    CUES.iter()
        .filter_map(|cue| word_at(&lower, cue).map(|at| (at, cue.len())))
        .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)))
        .map(|(at, len)| quote[at..at + len].to_string())
}

/// Byte offset of `word` in `hay` as a whole word.
fn word_at(hay: &str, word: &str) -> Option<usize> {
    hay.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A strategy speaks in its own words; a quote reporting what analysts or
/// officials say is theirs; anything else is the author's.
fn layer_for(source: &Source, folded_quote: &str) -> Layer {
    if source.kind == SourceKind::StrategyDocument {
        return Layer::PrimaryVerbatim;
    }
    if UNNAMED.iter().any(|w| names(folded_quote, w)) && cue_in(folded_quote).is_some() {
        return Layer::UnnamedSources;
    }
    Layer::Author
}

/// The kinds a claim links, in the form's order.
pub const LINKED: [Kind; 4] = [Kind::Country, Kind::Region, Kind::Actor, Kind::Theme];

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str, aliases: &[&str]) -> Entry {
        Entry {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            own: false,
        }
    }

    fn catalogue() -> Catalogue {
        Catalogue {
            countries: vec![
                entry("RS", "Serbia", &[]),
                entry("XK", "Kosovo", &["Republic of Kosovo"]),
                entry("US", "United States", &["Washington", "U.S."]),
            ],
            regions: vec![entry(
                "western-balkans",
                "Western Balkans",
                &["the Balkans"],
            )],
            actors: vec![entry("eu", "European Union", &["EU", "Brussels"])],
            themes: vec![entry("neutrality", "Neutrality", &[])],
            claims: Vec::new(),
        }
    }

    fn source(kind: SourceKind) -> Source {
        serde_json::from_value(serde_json::json!({
            "id": "s", "kind": kind, "title": "T", "author": null,
            "published": null, "url": null, "text": "x"
        }))
        .unwrap()
    }

    #[test]
    fn names_in_the_quote_and_regions_of_regional_statements() {
        let cat = catalogue();
        let para =
            "The Western Balkans wait. Analysts say the region may lose Brussels’ attention.";
        let quote = "Analysts say the region may lose Brussels’ attention.";
        let s = suggest(quote, para, &source(SourceKind::NewsAnalysis), &cat);
        assert_eq!(s.regions, vec!["western-balkans"]);
        assert_eq!(s.actors, vec!["eu"]);
        assert!(s.countries.is_empty(), "no country is named: {s:?}");
        assert_eq!(s.cue.as_deref(), Some("say"));
        assert_eq!(s.hedges, vec!["may"]);
        assert_eq!(s.certainty, Certainty::Hedged);
        assert_eq!(s.layer, Layer::UnnamedSources);
        // Named in the paragraph but not in the quote: not suggested.
        let s = suggest(
            "It waits.",
            "Serbia waits. It waits.",
            &source(SourceKind::Commentary),
            &cat,
        );
        assert!(s.countries.is_empty() && s.regions.is_empty());
        assert_eq!(s.layer, Layer::Author);
    }

    #[test]
    fn countries_by_name_or_alias_and_the_strategy_speaks_itself() {
        let mut cat = catalogue();
        cat.actors.push(entry("s", "The Strategy", &[]));
        let quote = "Washington brokered the Kosovo–Serbia deal, it states.";
        let s = suggest(quote, quote, &source(SourceKind::StrategyDocument), &cat);
        assert_eq!(s.countries, vec!["RS", "XK", "US"]);
        assert_eq!(s.layer, Layer::PrimaryVerbatim);
        assert_eq!(s.speaker.as_deref(), Some("s"));
        assert!(s.actors.contains(&"s".to_string()));
        assert_eq!(s.cue.as_deref(), Some("states"));
        assert_eq!(s.certainty, Certainty::Asserted);
    }

    #[test]
    fn cues_are_whole_words_first_in_the_quote() {
        assert_eq!(
            cue_in("According to him, they said so").as_deref(),
            Some("According to")
        );
        assert_eq!(cue_in("The essay wrote nothing"), Some("wrote".into()));
        assert_eq!(cue_in("Statesmen disagree"), None);
    }
}
