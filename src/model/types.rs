//! Dataset types, schema version 2. Field names are part of the published
//! format (`data/schema.json`); add fields, never rename them. Version 1
//! files still load: they have no regions, and their country links read as
//! named links (see `stratlens migrate`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version this stratlens writes.
pub const SCHEMA_VERSION: u32 = 2;
/// The oldest version it still reads.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

/// One dataset file. Every list may be empty so that a dataset can be split
/// across files (for example sources in one file, claims in another).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema_version: u32,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub countries: Vec<Country>,
    /// Groups of countries that claims speak of as a whole (version 2).
    #[serde(default)]
    pub regions: Vec<Region>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    NewsAnalysis,
    StrategyDocument,
    Commentary,
    Report,
    Speech,
    Other,
}

/// A document: either one that claims quote (it carries `text`), or one that
/// is only referred to (a strategy whose text we do not hold).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub kind: SourceKind,
    pub title: String,
    pub author: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` when the document gives only a month, or
    /// null when unknown.
    pub published: Option<String>,
    /// What is known about the date when `published` is null or approximate.
    #[serde(default)]
    pub published_note: Option<String>,
    pub url: Option<String>,
    /// Ids of the sources this one analyses.
    #[serde(default)]
    pub about: Vec<String>,
    /// The full verbatim text; required for any source that claims quote.
    pub text: Option<String>,
    /// Lower-case hex SHA-256 of the UTF-8 `text`.
    #[serde(default)]
    pub text_sha256: Option<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A span of a source's text; `start`/`end` in Unicode code points, end exclusive.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub heading: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NatoStatus {
    Member,
    NonMember,
    Neutral,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EuStatus {
    Member,
    Candidate,
    PotentialCandidate,
    NonMember,
}

/// Where a fact comes from: the article itself, or an outside reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Article,
    Reference,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Membership<S> {
    pub status: S,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or null.
    pub since: Option<String>,
    pub basis: Basis,
    /// Required when `basis` is `reference`: where the fact comes from.
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 (Kosovo: the user-assigned `XK`).
    pub id: String,
    pub name: String,
    pub iso3: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Version 1 only: a free-text region label. Version 2 lists the country
    /// in a region's `members` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub nato: Membership<NatoStatus>,
    pub eu: Membership<EuStatus>,
}

/// A group of countries, such as the Western Balkans. A claim about "the
/// region" links the region, not each of its members: the text does not
/// name them.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Lower-case kebab case, e.g. `western-balkans`.
    pub id: String,
    pub name: String,
    /// Other names the texts use, e.g. "the Balkans".
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Country ids.
    pub members: Vec<String>,
    /// How membership is defined, where that is open to doubt.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    State,
    Government,
    Alliance,
    InternationalOrganisation,
    Institution,
    Document,
    Group,
    Person,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Country id, or null.
    pub country: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// W3C Web Annotation TextQuoteSelector plus TextPositionSelector.
/// Offsets count Unicode code points; `end` is exclusive.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub exact: String,
    /// Up to 32 code points of the text right before `exact`.
    pub prefix: String,
    /// Up to 32 code points of the text right after `exact`.
    pub suffix: String,
    pub start: usize,
    pub end: usize,
    /// What the offsets index: the source's text (default) or its title.
    #[serde(default, skip_serializing_if = "QuoteTarget::is_text")]
    pub target: QuoteTarget,
}

/// The part of a source a quote is cut from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuoteTarget {
    #[default]
    Text,
    /// The headline: for claims about what a title asserts.
    Title,
}

impl QuoteTarget {
    pub fn is_text(&self) -> bool {
        *self == QuoteTarget::Text
    }
}

/// Who makes the claim: the strategy in its own words, the strategy as the
/// article summarises it, the article's author, or people the article cites.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    PrimaryVerbatim,
    PrimaryParaphrase,
    Author,
    UnnamedSources,
    NamedSource,
}

impl Layer {
    pub const ALL: [Layer; 5] = [
        Layer::PrimaryVerbatim,
        Layer::PrimaryParaphrase,
        Layer::Author,
        Layer::UnnamedSources,
        Layer::NamedSource,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Layer::PrimaryVerbatim => "primary_verbatim",
            Layer::PrimaryParaphrase => "primary_paraphrase",
            Layer::Author => "author",
            Layer::UnnamedSources => "unnamed_sources",
            Layer::NamedSource => "named_source",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Layer::PrimaryVerbatim => "primary, verbatim",
            Layer::PrimaryParaphrase => "primary, paraphrased",
            Layer::Author => "author's reading",
            Layer::UnnamedSources => "unnamed sources",
            Layer::NamedSource => "named source",
        }
    }

    /// Two-letter badge for compact rows.
    pub fn badge(self) -> &'static str {
        match self {
            Layer::PrimaryVerbatim => "PV",
            Layer::PrimaryParaphrase => "PP",
            Layer::Author => "AU",
            Layer::UnnamedSources => "US",
            Layer::NamedSource => "NS",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    pub layer: Layer,
    /// Actor id of whoever speaks, or null (the author).
    pub speaker: Option<String>,
    /// The reporting verb in the text, e.g. "say".
    pub cue: Option<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    Asserted,
    Hedged,
    Speculative,
}

impl Certainty {
    pub const ALL: [Certainty; 3] = [
        Certainty::Asserted,
        Certainty::Hedged,
        Certainty::Speculative,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Asserted => "asserted",
            Certainty::Hedged => "hedged",
            Certainty::Speculative => "speculative",
        }
    }

    pub fn badge(self) -> &'static str {
        match self {
            Certainty::Asserted => "=",
            Certainty::Hedged => "~",
            Certainty::Speculative => "?",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    Verified,
    WordingDiffers,
    Unverified,
    /// Searched for in the strategy's text and not there.
    NotFound,
}

impl Verification {
    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Verified => "verified",
            Verification::WordingDiffers => "wording differs",
            Verification::Unverified => "unverified",
            Verification::NotFound => "not found",
        }
    }
}

/// What the article says the primary document contains, checked against
/// the document's own words.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Primary {
    pub source: String,
    /// The words or content the article attributes to the document.
    pub quoted: String,
    pub verification: Verification,
    /// The document's actual wording, verbatim.
    #[serde(default)]
    pub found: Option<String>,
    /// Where in the document, e.g. a section or "cover letter".
    #[serde(default)]
    pub location: Option<String>,
    /// The copy of the document the check used (version 2 requires it
    /// unless the claim is unverified).
    #[serde(default)]
    pub reference: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Supports,
    Elaborates,
    Contrasts,
    /// Limits the other claim or adds a condition to it.
    Qualifies,
}

impl Relation {
    /// A number for the relation in two bits, as the store's lists of
    /// referring claims keep it.
    pub fn code(self) -> u32 {
        match self {
            Relation::Supports => 0,
            Relation::Elaborates => 1,
            Relation::Contrasts => 2,
            Relation::Qualifies => 3,
        }
    }

    /// The relation of [`Relation::code`]; only the low two bits count.
    pub fn from_code(code: u32) -> Relation {
        match code & 3 {
            0 => Relation::Supports,
            1 => Relation::Elaborates,
            2 => Relation::Contrasts,
            _ => Relation::Qualifies,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Elaborates => "elaborates",
            Relation::Contrasts => "contrasts",
            Relation::Qualifies => "qualifies",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub claim: String,
    pub relation: Relation,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    pub source: String,
    pub section: String,
    /// One-sentence neutral paraphrase by the analyst.
    pub statement: String,
    pub quote: Quote,
    /// Countries the quote's paragraph names, or refers back to (see
    /// `refer_backs`).
    #[serde(default)]
    pub countries: Vec<String>,
    /// Regions the quote speaks of (version 2).
    #[serde(default)]
    pub regions: Vec<String>,
    /// How a linked country or region is named when the paragraph only
    /// refers back to it ("the agreement" after "Kosovo–Serbia").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refer_backs: Vec<ReferBack>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    pub attribution: Attribution,
    /// Hedge cues that occur in the quote, e.g. "suggests".
    #[serde(default)]
    pub hedges: Vec<String>,
    pub certainty: Certainty,
    pub primary: Option<Primary>,
    #[serde(default)]
    pub related: Vec<Related>,
}

/// A link whose entity the quote's paragraph refers to without naming it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferBack {
    /// A country or region id the claim links.
    pub entity: String,
    /// The words in the paragraph that refer back, as the text has them.
    pub phrase: String,
    /// The earlier words of the same text that name the entity.
    pub antecedent: String,
}
