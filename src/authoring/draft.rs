//! A claim being written in `stratlens annotate`: what the form holds, the
//! quote as code-point offsets into the source's text (never typed: the
//! selection gives them), and how it becomes a [`Claim`]. Serialisable, so
//! that a draft survives a SIGTERM in `FILE.recover`.

use serde::{Deserialize, Serialize};

use super::anchor;
use super::catalogue::Catalogue;
use super::suggest::suggest;
use crate::model::positions::CharIndex;
use crate::model::{
    Actor, Attribution, Certainty, Claim, Country, Dataset, Layer, Problem, Quote, QuoteTarget,
    Region, Related, Relation, Source, Theme,
};

/// The form's fields, and the quote, which problems can concern too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Statement,
    Countries,
    Regions,
    Actors,
    Themes,
    Layer,
    Speaker,
    Cue,
    Hedges,
    Certainty,
    Related,
    Quote,
}

impl Field {
    /// The form's fields in order (the quote is shown, not edited).
    pub const FORM: [Field; 11] = [
        Field::Statement,
        Field::Countries,
        Field::Regions,
        Field::Actors,
        Field::Themes,
        Field::Layer,
        Field::Speaker,
        Field::Cue,
        Field::Hedges,
        Field::Certainty,
        Field::Related,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Statement => "Statement",
            Field::Countries => "Countries",
            Field::Regions => "Regions",
            Field::Actors => "Actors",
            Field::Themes => "Themes",
            Field::Layer => "Layer",
            Field::Speaker => "Speaker",
            Field::Cue => "Cue",
            Field::Hedges => "Hedges",
            Field::Certainty => "Certainty",
            Field::Related => "Related",
            Field::Quote => "Quote",
        }
    }

    /// The field a validation problem's JSON path (`claims[3].countries[0]`)
    /// concerns.
    pub fn of_path(path: &str) -> Field {
        let field = path.split_once('.').map_or("", |(_, f)| f);
        let head = field.split(['.', '[']).next().unwrap_or("");
        match head {
            "statement" => Field::Statement,
            "countries" | "refer_backs" => Field::Countries,
            "regions" => Field::Regions,
            "actors" => Field::Actors,
            "themes" => Field::Themes,
            "hedges" => Field::Hedges,
            "certainty" => Field::Certainty,
            "related" => Field::Related,
            "attribution" if field.contains("speaker") => Field::Speaker,
            "attribution" if field.contains("cue") => Field::Cue,
            "attribution" => Field::Layer,
            _ => Field::Quote,
        }
    }
}

/// Entities made from a picker, written to the file with the claim.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewEntities {
    #[serde(default)]
    pub countries: Vec<Country>,
    #[serde(default)]
    pub regions: Vec<Region>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub themes: Vec<Theme>,
}

impl NewEntities {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
            && self.regions.is_empty()
            && self.actors.is_empty()
            && self.themes.is_empty()
    }

    /// Adds them to `data`.
    pub fn add_to(&self, data: &mut Dataset) {
        data.countries.extend(self.countries.iter().cloned());
        data.regions.extend(self.regions.iter().cloned());
        data.actors.extend(self.actors.iter().cloned());
        data.themes.extend(self.themes.iter().cloned());
    }
}

/// What the form holds. Lists hold ids; hedges and related are typed
/// (`may; could`, `supports c12; contrasts c3`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Draft {
    pub source: String,
    /// The quote, in code points of the source's text.
    pub start: usize,
    pub end: usize,
    /// The id of the claim edited (`E`); `None` for a new claim.
    #[serde(default)]
    pub editing: Option<String>,
    pub statement: String,
    pub countries: Vec<String>,
    pub regions: Vec<String>,
    pub actors: Vec<String>,
    pub themes: Vec<String>,
    pub layer: Layer,
    pub speaker: Option<String>,
    pub cue: String,
    pub hedges: String,
    pub certainty: Certainty,
    pub related: String,
    #[serde(default)]
    pub new_entities: NewEntities,
}

impl Draft {
    /// A new claim's draft over `start..end` of `source`'s text, with the
    /// suggestions filled in.
    pub fn suggested(source: &Source, start: usize, end: usize, cat: &Catalogue) -> Draft {
        let text = source.text.as_deref().unwrap_or("");
        let ix = CharIndex::new(text);
        let quote = ix.slice(start, end);
        let para = crate::model::links::paragraph(text, ix.byte(start));
        let s = suggest(quote, para, source, cat);
        Draft {
            source: source.id.clone(),
            start,
            end,
            editing: None,
            statement: String::new(),
            countries: s.countries,
            regions: s.regions,
            actors: s.actors,
            themes: s.themes,
            layer: s.layer,
            speaker: s.speaker,
            cue: s.cue.unwrap_or_default(),
            hedges: s.hedges.join("; "),
            certainty: s.certainty,
            related: String::new(),
            new_entities: NewEntities::default(),
        }
    }

    /// The draft of an existing claim, to edit it.
    pub fn of_claim(c: &Claim) -> Draft {
        Draft {
            source: c.source.clone(),
            start: c.quote.start,
            end: c.quote.end,
            editing: Some(c.id.clone()),
            statement: c.statement.clone(),
            countries: c.countries.clone(),
            regions: c.regions.clone(),
            actors: c.actors.clone(),
            themes: c.themes.clone(),
            layer: c.attribution.layer,
            speaker: c.attribution.speaker.clone(),
            cue: c.attribution.cue.clone().unwrap_or_default(),
            hedges: c.hedges.join("; "),
            certainty: c.certainty,
            related: (c.related.iter())
                .map(|r| format!("{} {}", r.relation.as_str(), r.claim))
                .collect::<Vec<_>>()
                .join("; "),
            new_entities: NewEntities::default(),
        }
    }

    /// Whether anything was typed that would be lost without asking.
    pub fn has_typing(&self) -> bool {
        !self.statement.trim().is_empty() || !self.new_entities.is_empty()
    }

    /// The claim, with id `id`; or what is wrong, field by field. `old`
    /// is the claim edited, whose fields the form does not show (the
    /// primary check, refer-backs) are kept.
    pub fn to_claim(
        &self,
        source: &Source,
        id: String,
        old: Option<&Claim>,
    ) -> Result<Claim, Vec<(Field, String)>> {
        let mut errors = Vec::new();
        if self.statement.trim().is_empty() {
            errors.push((
                Field::Statement,
                "write the claim in your words".to_string(),
            ));
        }
        let quote = quote_of(source, self.start, self.end).map_err(|e| vec![(Field::Quote, e)]);
        let related = parse_related(&self.related).map_err(|e| (Field::Related, e));
        let (section, quote) = match (quote, related.as_ref()) {
            (Ok(q), Ok(_)) if errors.is_empty() => q,
            (q, r) => {
                errors.extend(q.err().into_iter().flatten());
                errors.extend(r.err().cloned());
                return Err(errors);
            }
        };
        let mut actors = self.actors.clone();
        if let Some(s) = &self.speaker
            && !actors.contains(s)
        {
            actors.push(s.clone());
        }
        let cue = self.cue.trim();
        Ok(Claim {
            id,
            source: source.id.clone(),
            section,
            statement: self.statement.trim().to_string(),
            quote,
            countries: self.countries.clone(),
            regions: self.regions.clone(),
            refer_backs: old.map(|c| c.refer_backs.clone()).unwrap_or_default(),
            actors,
            themes: self.themes.clone(),
            attribution: Attribution {
                layer: self.layer,
                speaker: self.speaker.clone(),
                cue: (!cue.is_empty()).then(|| cue.to_string()),
            },
            hedges: split_list(&self.hedges),
            certainty: self.certainty,
            primary: old.and_then(|c| c.primary.clone()),
            related: related.unwrap_or_default(),
        })
    }

    /// The problems of a failed validation that concern this draft's
    /// claim `id` or its new entities, by field; the others as they are.
    pub fn sort_problems(&self, id: &str, problems: &[Problem]) -> Vec<(Field, String)> {
        problems
            .iter()
            .map(|p| {
                let mine = p.id.as_deref() == Some(id)
                    && p.path.as_deref().is_some_and(|x| x.starts_with("claims["));
                match (&p.path, mine) {
                    (Some(path), true) => (Field::of_path(path), p.message.clone()),
                    _ => (Field::Quote, p.to_string()),
                }
            })
            .collect()
    }
}

/// The section holding `start..end` and the quote selectors: the exact
/// text, 32 code points of prefix and suffix.
pub fn quote_of(source: &Source, start: usize, end: usize) -> Result<(String, Quote), String> {
    let text = source.text.as_deref().unwrap_or("");
    let ix = CharIndex::new(text);
    if start >= end || end > ix.len() {
        return Err(format!("select some text (code points {start}..{end})"));
    }
    let (a, b) = (ix.byte(start), ix.byte(end));
    let (prefix, suffix) = anchor::context(text, a, b);
    let Some(section) = (source.sections.iter()).find(|s| s.start <= start && end <= s.end) else {
        let touched: Vec<&str> = (source.sections.iter())
            .filter(|s| s.start < end && start < s.end)
            .map(|s| s.heading.as_str())
            .collect();
        return Err(format!(
            "the selection runs across sections ({}); a quote lies in one",
            touched.join(", ")
        ));
    };
    let quote = Quote {
        exact: text[a..b].to_string(),
        prefix,
        suffix,
        start,
        end,
        target: QuoteTarget::Text,
    };
    Ok((section.id.clone(), quote))
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// `supports c12; contrasts c3`.
pub fn parse_related(s: &str) -> Result<Vec<Related>, String> {
    let mut out = Vec::new();
    for item in split_list(s) {
        let (rel, claim) = item
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("\"{item}\": write RELATION CLAIM-ID, e.g. supports c12"))?;
        let relation = match rel.to_lowercase().as_str() {
            "supports" => Relation::Supports,
            "elaborates" => Relation::Elaborates,
            "contrasts" => Relation::Contrasts,
            "qualifies" => Relation::Qualifies,
            _ => {
                return Err(format!(
                    "\"{rel}\" is not supports, elaborates, contrasts or qualifies"
                ));
            }
        };
        out.push(Related {
            claim: claim.trim().to_string(),
            relation,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn source() -> Source {
        let text = "Heading\nOne “two” three. Serbia may wait.\nNext\nMore text here.";
        serde_json::from_value(serde_json::json!({
            "id": "s", "kind": "commentary", "title": "T", "author": null,
            "published": null, "url": null, "text": text,
            "sections": [
                {"id": "a", "heading": "Heading", "start": 0, "end": 42},
                {"id": "b", "heading": "Next", "start": 42, "end": 62}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn quote_is_the_slice_at_code_points_with_context() {
        let s = source();
        let (section, q) = quote_of(&s, 8, 24).unwrap();
        assert_eq!(section, "a");
        assert_eq!(q.exact, "One “two” three.");
        assert_eq!((q.start, q.end), (8, 24));
        assert_eq!(q.prefix, "Heading\n");
        assert!(q.suffix.starts_with(" Serbia may wait."));
        let e = quote_of(&s, 30, 50).unwrap_err();
        assert!(e.contains("runs across sections (Heading, Next)"), "{e}");
        assert!(quote_of(&s, 5, 5).is_err());
    }

    #[test]
    fn a_statement_and_a_selection_make_a_claim() {
        let s = source();
        let mut d = Draft::suggested(&s, 25, 41, &Catalogue::default());
        assert_eq!(d.hedges, "may");
        assert_eq!(d.certainty, Certainty::Hedged);
        let err = d.to_claim(&s, "s-1".into(), None).unwrap_err();
        assert_eq!(err[0].0, Field::Statement);
        d.statement = " Serbia may wait. ".into();
        d.related = "supports c1; qualifies c2".into();
        let c = d.to_claim(&s, "s-1".into(), None).unwrap();
        assert_eq!(c.quote.exact, "Serbia may wait.");
        assert_eq!(c.statement, "Serbia may wait.");
        assert_eq!(c.hedges, vec!["may"]);
        assert_eq!(c.related[1].relation, Relation::Qualifies);
        assert_eq!(Draft::of_claim(&c).related, "supports c1; qualifies c2");
        d.related = "backs c1".into();
        let err = d.to_claim(&s, "s-1".into(), None).unwrap_err();
        assert_eq!(err[0].0, Field::Related);
    }

    #[test]
    fn problem_paths_name_fields() {
        assert_eq!(Field::of_path("claims[3].countries[0]"), Field::Countries);
        assert_eq!(
            Field::of_path("claims[3].attribution.speaker"),
            Field::Speaker
        );
        assert_eq!(Field::of_path("claims[3].hedges[1]"), Field::Hedges);
        assert_eq!(Field::of_path("claims[3].quote.exact"), Field::Quote);
        assert_eq!(Field::of_path("claims[3]"), Field::Quote);
    }
}
