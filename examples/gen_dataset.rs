//! Synthetic, schema-valid datasets for benchmarks and scale tests.
//!
//! `cargo run --release --example gen_dataset -- N OUT.json [--seed S] [--lines CLAIMS.txt]`
//!
//! Writes N claims over generated sources: every source carries a real text
//! (sections of sentences built from a policy vocabulary, with typographic
//! quotes and dashes so that code points differ from bytes), every claim
//! quotes one sentence of it with offsets, prefix and suffix that verify, and
//! countries, actors and themes are drawn with a Zipf-like skew, as in a real
//! corpus where a few countries dominate. The output is deterministic for a
//! given N and seed, and loads with `stratlens validate OUT.json`. With
//! `--lines`, the claims' searchable text is also written one per line (for
//! `bench/compare.sh`, which times `fzf --filter` on it).
//!
//! Sources are generated twice from the same per-source seed (once for the
//! `sources` list, once for the `claims` list), so memory stays flat.

use std::io::{BufWriter, Write};

use sha2::{Digest, Sha256};
use stratlens::model::{
    Actor, ActorKind, Attribution, Basis, Certainty, Claim, Country, EuStatus, Layer, Membership,
    NatoStatus, Quote, QuoteTarget, Region, Related, Relation, Section, Source, SourceKind, Theme,
};

/// splitmix64: small, fast, good enough for synthetic text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 1.0 < p
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

/// Rank-frequency sampling: item k is drawn with weight 1/(k+1)^s.
struct Zipf {
    cum: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut acc = 0.0;
        let cum = (0..n)
            .map(|k| {
                acc += 1.0 / ((k + 1) as f64).powf(s);
                acc
            })
            .collect();
        Zipf { cum }
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cum.last().unwrap();
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cum.partition_point(|&c| c < x).min(self.cum.len() - 1)
    }
}

// (id, name, iso3, region, nato member, eu status 0 member 1 candidate 2 potential 3 none, aliases)
/// id, name, iso3, region, NATO member, EU status (0 member, 1 candidate,
/// 2 potential candidate, 3 none), aliases.
type CountryRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    u8,
    &'static [&'static str],
);
/// id, name, kind, country, aliases.
type ActorRow = (
    &'static str,
    &'static str,
    ActorKind,
    Option<&'static str>,
    &'static [&'static str],
);

const COUNTRIES: &[CountryRow] = &[
    (
        "US",
        "United States",
        "USA",
        "North America",
        true,
        3,
        &["USA", "America", "Washington"],
    ),
    (
        "RU",
        "Russia",
        "RUS",
        "Eastern Europe",
        false,
        3,
        &["Russian Federation", "Moscow"],
    ),
    (
        "CN",
        "China",
        "CHN",
        "East Asia",
        false,
        3,
        &["People's Republic of China", "PRC", "Beijing"],
    ),
    (
        "UA",
        "Ukraine",
        "UKR",
        "Eastern Europe",
        false,
        1,
        &["Kyiv"],
    ),
    (
        "DE",
        "Germany",
        "DEU",
        "Western Europe",
        true,
        0,
        &["Berlin"],
    ),
    ("FR", "France", "FRA", "Western Europe", true, 0, &["Paris"]),
    (
        "GB",
        "United Kingdom",
        "GBR",
        "Western Europe",
        true,
        3,
        &["UK", "Britain", "London"],
    ),
    (
        "RS",
        "Serbia",
        "SRB",
        "Western Balkans",
        false,
        1,
        &["Belgrade"],
    ),
    (
        "XK",
        "Kosovo",
        "XKX",
        "Western Balkans",
        false,
        2,
        &["Pristina"],
    ),
    (
        "BA",
        "Bosnia and Herzegovina",
        "BIH",
        "Western Balkans",
        false,
        1,
        &["Bosnia", "BiH", "Sarajevo"],
    ),
    (
        "PL",
        "Poland",
        "POL",
        "Central Europe",
        true,
        0,
        &["Warsaw"],
    ),
    (
        "TR",
        "Turkey",
        "TUR",
        "Southeastern Europe",
        true,
        1,
        &["Türkiye", "Ankara"],
    ),
    ("IT", "Italy", "ITA", "Southern Europe", true, 0, &["Rome"]),
    (
        "ME",
        "Montenegro",
        "MNE",
        "Western Balkans",
        true,
        1,
        &["Podgorica"],
    ),
    (
        "MK",
        "North Macedonia",
        "MKD",
        "Western Balkans",
        true,
        1,
        &["Skopje"],
    ),
    (
        "AL",
        "Albania",
        "ALB",
        "Western Balkans",
        true,
        1,
        &["Tirana"],
    ),
    (
        "HU",
        "Hungary",
        "HUN",
        "Central Europe",
        true,
        0,
        &["Budapest"],
    ),
    (
        "RO",
        "Romania",
        "ROU",
        "Southeastern Europe",
        true,
        0,
        &["Bucharest"],
    ),
    (
        "BG",
        "Bulgaria",
        "BGR",
        "Southeastern Europe",
        true,
        0,
        &["Sofia"],
    ),
    (
        "HR",
        "Croatia",
        "HRV",
        "Southeastern Europe",
        true,
        0,
        &["Zagreb"],
    ),
    (
        "GR",
        "Greece",
        "GRC",
        "Southern Europe",
        true,
        0,
        &["Athens"],
    ),
    (
        "ES",
        "Spain",
        "ESP",
        "Southern Europe",
        true,
        0,
        &["Madrid"],
    ),
    (
        "NL",
        "Netherlands",
        "NLD",
        "Western Europe",
        true,
        0,
        &["The Hague"],
    ),
    (
        "BE",
        "Belgium",
        "BEL",
        "Western Europe",
        true,
        0,
        &["Brussels"],
    ),
    (
        "SE",
        "Sweden",
        "SWE",
        "Northern Europe",
        true,
        0,
        &["Stockholm"],
    ),
    (
        "FI",
        "Finland",
        "FIN",
        "Northern Europe",
        true,
        0,
        &["Helsinki"],
    ),
    ("NO", "Norway", "NOR", "Northern Europe", true, 3, &["Oslo"]),
    (
        "DK",
        "Denmark",
        "DNK",
        "Northern Europe",
        true,
        0,
        &["Copenhagen"],
    ),
    ("EE", "Estonia", "EST", "Baltic", true, 0, &["Tallinn"]),
    ("LV", "Latvia", "LVA", "Baltic", true, 0, &["Riga"]),
    ("LT", "Lithuania", "LTU", "Baltic", true, 0, &["Vilnius"]),
    (
        "MD",
        "Moldova",
        "MDA",
        "Eastern Europe",
        false,
        1,
        &["Chișinău"],
    ),
    (
        "GE",
        "Georgia",
        "GEO",
        "South Caucasus",
        false,
        1,
        &["Tbilisi"],
    ),
    (
        "AM",
        "Armenia",
        "ARM",
        "South Caucasus",
        false,
        3,
        &["Yerevan"],
    ),
    (
        "AZ",
        "Azerbaijan",
        "AZE",
        "South Caucasus",
        false,
        3,
        &["Baku"],
    ),
    (
        "BY",
        "Belarus",
        "BLR",
        "Eastern Europe",
        false,
        3,
        &["Minsk"],
    ),
    ("IR", "Iran", "IRN", "Middle East", false, 3, &["Tehran"]),
    (
        "IL",
        "Israel",
        "ISR",
        "Middle East",
        false,
        3,
        &["Jerusalem"],
    ),
    (
        "SA",
        "Saudi Arabia",
        "SAU",
        "Middle East",
        false,
        3,
        &["Riyadh"],
    ),
    ("IN", "India", "IND", "South Asia", false, 3, &["New Delhi"]),
    (
        "PK",
        "Pakistan",
        "PAK",
        "South Asia",
        false,
        3,
        &["Islamabad"],
    ),
    ("JP", "Japan", "JPN", "East Asia", false, 3, &["Tokyo"]),
    (
        "KR",
        "South Korea",
        "KOR",
        "East Asia",
        false,
        3,
        &["Republic of Korea", "Seoul"],
    ),
    (
        "KP",
        "North Korea",
        "PRK",
        "East Asia",
        false,
        3,
        &["DPRK", "Pyongyang"],
    ),
    ("TW", "Taiwan", "TWN", "East Asia", false, 3, &["Taipei"]),
    ("AU", "Australia", "AUS", "Oceania", false, 3, &["Canberra"]),
    ("CA", "Canada", "CAN", "North America", true, 3, &["Ottawa"]),
    (
        "BR",
        "Brazil",
        "BRA",
        "South America",
        false,
        3,
        &["Brasília"],
    ),
    ("EG", "Egypt", "EGY", "North Africa", false, 3, &["Cairo"]),
    (
        "ZA",
        "South Africa",
        "ZAF",
        "Southern Africa",
        false,
        3,
        &["Pretoria"],
    ),
    (
        "AT",
        "Austria",
        "AUT",
        "Central Europe",
        false,
        0,
        &["Vienna"],
    ),
    (
        "CH",
        "Switzerland",
        "CHE",
        "Central Europe",
        false,
        3,
        &["Bern"],
    ),
    (
        "CZ",
        "Czechia",
        "CZE",
        "Central Europe",
        true,
        0,
        &["Czech Republic", "Prague"],
    ),
    (
        "SK",
        "Slovakia",
        "SVK",
        "Central Europe",
        true,
        0,
        &["Bratislava"],
    ),
    (
        "SI",
        "Slovenia",
        "SVN",
        "Central Europe",
        true,
        0,
        &["Ljubljana"],
    ),
    (
        "IE",
        "Ireland",
        "IRL",
        "Western Europe",
        false,
        0,
        &["Dublin"],
    ),
    (
        "PT",
        "Portugal",
        "PRT",
        "Southern Europe",
        true,
        0,
        &["Lisbon"],
    ),
    (
        "CY",
        "Cyprus",
        "CYP",
        "Southern Europe",
        false,
        0,
        &["Nicosia"],
    ),
    (
        "MT",
        "Malta",
        "MLT",
        "Southern Europe",
        false,
        0,
        &["Valletta"],
    ),
    (
        "IS",
        "Iceland",
        "ISL",
        "Northern Europe",
        true,
        3,
        &["Reykjavík"],
    ),
];

// (id, name, kind, country, aliases)
const ACTORS: &[ActorRow] = &[
    (
        "nato",
        "NATO",
        ActorKind::Alliance,
        None,
        &["North Atlantic Treaty Organization", "the Alliance"],
    ),
    (
        "eu",
        "European Union",
        ActorKind::InternationalOrganisation,
        None,
        &["EU", "Brussels"],
    ),
    (
        "un",
        "United Nations",
        ActorKind::InternationalOrganisation,
        None,
        &["UN"],
    ),
    (
        "osce",
        "OSCE",
        ActorKind::InternationalOrganisation,
        None,
        &["Organization for Security and Co-operation in Europe"],
    ),
    (
        "eu-commission",
        "European Commission",
        ActorKind::Institution,
        None,
        &["the Commission"],
    ),
    (
        "eu-council",
        "Council of the European Union",
        ActorKind::Institution,
        None,
        &["the Council"],
    ),
    (
        "eu-parliament",
        "European Parliament",
        ActorKind::Institution,
        None,
        &["MEPs"],
    ),
    (
        "us-congress",
        "U.S. Congress",
        ActorKind::Institution,
        Some("US"),
        &["Congress"],
    ),
    (
        "pentagon",
        "U.S. Department of Defense",
        ActorKind::Institution,
        Some("US"),
        &["Pentagon", "Department of War"],
    ),
    (
        "state-dept",
        "U.S. Department of State",
        ActorKind::Institution,
        Some("US"),
        &["State Department"],
    ),
    (
        "kremlin",
        "Kremlin",
        ActorKind::Institution,
        Some("RU"),
        &["Russian presidency"],
    ),
    (
        "imf",
        "International Monetary Fund",
        ActorKind::InternationalOrganisation,
        None,
        &["IMF"],
    ),
    (
        "world-bank",
        "World Bank",
        ActorKind::InternationalOrganisation,
        None,
        &[],
    ),
    ("g7", "Group of Seven", ActorKind::Group, None, &["G7"]),
    ("brics", "BRICS", ActorKind::Group, None, &[]),
    (
        "wagner",
        "Wagner Group",
        ActorKind::Group,
        Some("RU"),
        &["Africa Corps"],
    ),
    (
        "us-nss",
        "U.S. National Security Strategy",
        ActorKind::Document,
        Some("US"),
        &["NSS"],
    ),
    (
        "strategic-compass",
        "EU Strategic Compass",
        ActorKind::Document,
        None,
        &["Strategic Compass"],
    ),
    (
        "nato-concept",
        "NATO Strategic Concept",
        ActorKind::Document,
        None,
        &["Strategic Concept"],
    ),
    (
        "berlin-process",
        "Berlin Process",
        ActorKind::Group,
        None,
        &[],
    ),
    (
        "eufor",
        "EUFOR Althea",
        ActorKind::Institution,
        Some("BA"),
        &["EUFOR"],
    ),
    (
        "kfor",
        "KFOR",
        ActorKind::Institution,
        Some("XK"),
        &["Kosovo Force"],
    ),
    (
        "ohr",
        "Office of the High Representative",
        ActorKind::Institution,
        Some("BA"),
        &["OHR", "High Representative"],
    ),
    (
        "analysts",
        "Analysts",
        ActorKind::Group,
        None,
        &["experts", "observers"],
    ),
    (
        "diplomats",
        "Diplomats",
        ActorKind::Group,
        None,
        &["diplomatic sources"],
    ),
];

const THEMES: &[(&str, &str)] = &[
    ("enlargement", "EU enlargement"),
    ("nato-expansion", "NATO expansion"),
    ("burden-sharing", "Burden sharing"),
    ("deterrence", "Deterrence and defence posture"),
    ("energy-security", "Energy security"),
    ("migration", "Migration"),
    ("great-power-competition", "Great-power competition"),
    ("china-influence", "Chinese influence"),
    ("russia-influence", "Russian influence"),
    ("rule-of-law", "Rule of law"),
    ("corruption", "Corruption"),
    ("trade", "Trade and tariffs"),
    ("sanctions", "Sanctions"),
    ("arms-control", "Arms control"),
    ("cyber", "Cyber security"),
    ("disinformation", "Disinformation"),
    ("stability", "Stability and containment"),
    ("ceasefire", "Ceasefire and peace talks"),
    ("defence-industry", "Defence industry"),
    ("nuclear", "Nuclear posture"),
    ("critical-minerals", "Critical minerals"),
    ("supply-chains", "Supply chains"),
    ("climate", "Climate and security"),
    ("terrorism", "Counter-terrorism"),
    ("human-rights", "Human rights"),
    ("elections", "Elections and democracy"),
    ("neutrality", "Military neutrality"),
    ("reconstruction", "Reconstruction"),
    ("infrastructure", "Infrastructure and connectivity"),
    ("space", "Space"),
];

const NOUNS: &[&str] = &[
    "security",
    "stability",
    "strategy",
    "alliance",
    "deterrence",
    "sovereignty",
    "enlargement",
    "integration",
    "cooperation",
    "partnership",
    "sanctions",
    "pressure",
    "influence",
    "investment",
    "infrastructure",
    "energy",
    "pipeline",
    "supply",
    "chain",
    "market",
    "tariff",
    "trade",
    "budget",
    "spending",
    "capability",
    "readiness",
    "posture",
    "presence",
    "deployment",
    "troops",
    "forces",
    "brigade",
    "exercise",
    "missile",
    "defence",
    "air",
    "border",
    "migration",
    "corruption",
    "reform",
    "governance",
    "institution",
    "election",
    "government",
    "coalition",
    "opposition",
    "parliament",
    "ministry",
    "policy",
    "doctrine",
    "commitment",
    "guarantee",
    "treaty",
    "agreement",
    "dialogue",
    "negotiation",
    "settlement",
    "ceasefire",
    "conflict",
    "war",
    "crisis",
    "escalation",
    "tension",
    "dispute",
    "neutrality",
    "membership",
    "accession",
    "candidate",
    "benchmark",
    "conditionality",
    "funding",
    "aid",
    "assistance",
    "loan",
    "debt",
    "growth",
    "economy",
    "industry",
    "production",
    "ammunition",
    "stockpile",
    "technology",
    "cyber",
    "disinformation",
    "propaganda",
    "narrative",
    "perception",
    "reality",
    "region",
    "periphery",
    "neighbourhood",
    "flank",
    "corridor",
    "port",
    "railway",
    "network",
    "grid",
    "minerals",
    "resilience",
    "vulnerability",
    "threat",
    "risk",
    "challenge",
    "opportunity",
    "priority",
    "interest",
    "leverage",
    "diplomacy",
    "summit",
    "visit",
    "statement",
    "declaration",
    "communiqué",
    "report",
    "assessment",
    "intelligence",
    "warning",
    "competition",
    "rivalry",
    "balance",
    "order",
    "architecture",
    "framework",
    "mechanism",
    "process",
    "initiative",
    "mission",
    "operation",
    "contingent",
    "mandate",
    "veto",
    "consensus",
    "majority",
    "minority",
    "autonomy",
    "federation",
    "constitution",
    "court",
    "judiciary",
    "media",
    "freedom",
    "rights",
    "refugees",
    "returns",
    "workforce",
    "demography",
    "decline",
    "recovery",
    "reconstruction",
    "burden",
    "sharing",
    "allies",
    "partners",
    "adversaries",
    "rivals",
    "power",
    "powers",
    "leaders",
    "officials",
    "analysts",
    "diplomats",
    "envoy",
    "mediator",
    "broker",
    "template",
    "model",
    "approach",
    "shift",
    "change",
    "continuity",
    "momentum",
    "appetite",
    "fatigue",
    "ambiguity",
    "clarity",
];

const ADJS: &[&str] = &[
    "strategic",
    "military",
    "political",
    "economic",
    "regional",
    "European",
    "transatlantic",
    "national",
    "bilateral",
    "multilateral",
    "collective",
    "credible",
    "fragile",
    "stable",
    "unstable",
    "long-standing",
    "consequential",
    "quiet",
    "gradual",
    "rapid",
    "limited",
    "broad",
    "narrow",
    "direct",
    "indirect",
    "transactional",
    "pragmatic",
    "ambitious",
    "cautious",
    "firm",
    "vague",
    "explicit",
    "implicit",
    "renewed",
    "perpetual",
    "expeditious",
    "durable",
    "temporary",
    "frozen",
    "hybrid",
    "nuclear",
    "conventional",
    "critical",
    "vital",
    "key",
    "core",
    "marginal",
    "external",
    "internal",
    "domestic",
    "foreign",
    "Western",
    "Eastern",
    "southern",
    "northern",
    "Balkan",
    "Baltic",
    "Atlantic",
    "Pacific",
    "global",
    "local",
    "rival",
    "hostile",
    "friendly",
    "neutral",
    "sceptical",
    "reluctant",
    "willing",
    "decisive",
    "costly",
    "cheap",
    "sustainable",
    "significant",
    "modest",
];

const VERBS: &[&str] = &[
    "strengthen",
    "weaken",
    "undermine",
    "support",
    "oppose",
    "deter",
    "reassure",
    "pressure",
    "expand",
    "limit",
    "reduce",
    "increase",
    "prioritise",
    "sideline",
    "favour",
    "reject",
    "accept",
    "negotiate",
    "broker",
    "resolve",
    "freeze",
    "escalate",
    "contain",
    "prevent",
    "end",
    "secure",
    "finance",
    "fund",
    "build",
    "deploy",
    "withdraw",
    "station",
    "modernise",
    "integrate",
    "isolate",
    "engage",
    "court",
    "balance",
    "hedge",
    "exploit",
    "shape",
    "reshape",
    "frame",
    "signal",
    "demand",
    "require",
    "condition",
    "tie",
    "link",
    "delay",
    "accelerate",
    "stall",
    "revive",
    "test",
    "challenge",
];

const ADVERBS: &[&str] = &[
    "increasingly",
    "quietly",
    "openly",
    "explicitly",
    "gradually",
    "rapidly",
    "firmly",
    "largely",
    "partly",
    "primarily",
    "mostly",
    "notably",
    "reportedly",
    "effectively",
    "formally",
    "informally",
];

const MODALS: &[&str] = &[
    "will", "would", "could", "should", "must", "may", "might", "can",
];
const HEDGE_MODALS: &[&str] = &["could", "may", "might", "would"];
const CUES: &[&str] = &[
    "says", "argues", "warns", "notes", "claims", "states", "suggests", "stresses", "writes",
];
const HEADINGS: &[&str] = &[
    "Overview",
    "Security and defence",
    "Economy and trade",
    "Enlargement",
    "The wider region",
    "Energy",
    "Great-power competition",
    "Outlook",
    "Implications",
    "Background",
    "Analysis",
    "Reactions",
    "What comes next",
    "Risks",
    "Diplomacy",
];
const SYL: &[&str] = &[
    "va", "ro", "mi", "ko", "len", "dar", "sta", "no", "vi", "ch", "ber", "gra", "li", "to", "mar",
    "sen", "do", "ka", "zu", "pe", "tra", "vel", "ni", "os", "an", "ri", "ne", "kov", "ski", "ić",
];

fn proper_name(rng: &mut Rng, syllables: usize) -> String {
    let mut s = String::new();
    for _ in 0..syllables {
        s.push_str(rng.pick(SYL));
    }
    let mut c = s.chars();
    let first = c.next().unwrap().to_uppercase().collect::<String>();
    first + c.as_str()
}

/// Shared lookup tables and the skewed samplers.
struct World {
    people: Vec<String>,
    places: Vec<String>,
    country_zipf: Zipf,
    theme_zipf: Zipf,
    actor_zipf: Zipf,
    noun_zipf: Zipf,
    adj_zipf: Zipf,
    verb_zipf: Zipf,
    name_zipf: Zipf,
}

impl World {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed ^ 0xA5A5);
        let people = (0..4000)
            .map(|_| {
                let n = 2 + rng.below(2);
                format!("{} {}", proper_name(&mut rng, 2), proper_name(&mut rng, n))
            })
            .collect();
        let places = (0..3000)
            .map(|_| {
                let n = 2 + rng.below(2);
                proper_name(&mut rng, n)
            })
            .collect();
        World {
            people,
            places,
            country_zipf: Zipf::new(COUNTRIES.len(), 1.1),
            theme_zipf: Zipf::new(THEMES.len(), 1.0),
            actor_zipf: Zipf::new(ACTORS.len(), 1.0),
            noun_zipf: Zipf::new(NOUNS.len(), 0.9),
            adj_zipf: Zipf::new(ADJS.len(), 0.9),
            verb_zipf: Zipf::new(VERBS.len(), 0.9),
            name_zipf: Zipf::new(3000, 1.0),
        }
    }
    fn noun(&self, r: &mut Rng) -> &'static str {
        NOUNS[self.noun_zipf.sample(r)]
    }
    fn adj(&self, r: &mut Rng) -> &'static str {
        ADJS[self.adj_zipf.sample(r)]
    }
    fn verb(&self, r: &mut Rng) -> &'static str {
        VERBS[self.verb_zipf.sample(r)]
    }
}

/// One generated sentence and what it is about.
struct Sentence {
    text: String,
    countries: Vec<usize>,
    actors: Vec<usize>,
    speaker: Option<usize>,
    hedge: Option<&'static str>,
}

fn country_name(i: usize, rng: &mut Rng) -> &'static str {
    let c = COUNTRIES[i];
    if !c.6.is_empty() && rng.chance(0.2) {
        rng.pick(c.6)
    } else {
        c.1
    }
}

fn sentence(w: &World, rng: &mut Rng) -> Sentence {
    let c1 = w.country_zipf.sample(rng);
    let mut c2 = w.country_zipf.sample(rng);
    if c2 == c1 {
        c2 = (c1 + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
    }
    let actor = w.actor_zipf.sample(rng);
    let (n1, n2, n3) = (w.noun(rng), w.noun(rng), w.noun(rng));
    let (a1, a2) = (w.adj(rng), w.adj(rng));
    let v1 = w.verb(rng);
    let adv = rng.pick(ADVERBS);
    let hedged = rng.chance(0.3);
    let modal = if hedged {
        rng.pick(HEDGE_MODALS)
    } else {
        rng.pick(MODALS)
    };
    let (name1, name2) = (country_name(c1, rng), country_name(c2, rng));
    let actor_name = ACTORS[actor].1;
    let mut countries = vec![c1, c2];
    let mut actors = vec![actor];
    let mut speaker = None;
    let text = match rng.below(8) {
        0 => format!(
            "{name1} {modal} {adv} {v1} its {a1} {n1} with {name2}, according to the {actor_name}."
        ),
        1 => {
            format!("The {a1} {n1} between {name1} and {name2} {modal} {v1} {n2} in the {a2} {n3}.")
        }
        2 => {
            let p = &w.people[w.name_zipf.sample(rng)];
            let place = &w.places[w.name_zipf.sample(rng)];
            format!(
                "“{} {n1} in {place} {modal} {v1} our {n2},” said {p}, a {a1} adviser in {name1}.",
                capital(a2)
            )
        }
        3 => {
            countries.pop();
            format!(
                "{actor_name} officials {adv} {v1} {name1}’s {a1} {n1} — a {a2} {n2} for the {n3}."
            )
        }
        4 => format!(
            "In {name1}, the {n1} of {a1} {n2} {modal} {v1} {name2}’s {n3} by {}.",
            2026 + rng.below(10)
        ),
        5 => {
            speaker = Some(actor);
            format!(
                "The {actor_name} {} that {name1} {modal} {v1} {a1} {n1} and {a2} {n2}.",
                rng.pick(CUES)
            )
        }
        6 => {
            let pct = 1 + rng.below(40);
            format!(
                "{name1} plans to raise {n1} {n2} by {pct} percent, a {a1} step that {modal} {v1} {name2}."
            )
        }
        _ => {
            let place = &w.places[w.name_zipf.sample(rng)];
            actors.push((actor + 1 + rng.below(ACTORS.len() - 1)) % ACTORS.len());
            format!(
                "Talks in {place} on the {a1} {n1} {modal} {adv} {v1} the {n2} of {name1} and {name2}."
            )
        }
    };
    Sentence {
        hedge: (hedged && text.contains(modal)).then_some(modal),
        text,
        countries,
        actors,
        speaker,
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[derive(Default)]
struct Doc {
    text: String,
    chars: usize,
}

impl Doc {
    /// Appends `s`; returns the text's new length in code points.
    fn push(&mut self, s: &str) -> usize {
        self.text.push_str(s);
        self.chars += s.chars().count();
        self.chars
    }
}

/// A source and the claims quoting it; `first_claim` numbers the claim ids.
fn make_source(
    w: &World,
    seed: u64,
    index: usize,
    n_claims: usize,
    first_claim: usize,
) -> (Source, Vec<Claim>) {
    let mut rng = Rng(seed.wrapping_mul(0x1000_0000_01B3) ^ (index as u64).wrapping_mul(0x9E37));
    let id = format!("src-{index:07}");
    let n_sections = 2 + rng.below(4);
    let mut doc = Doc::default();
    let title = format!(
        "{} {} and the {} {}",
        capital(w.adj(&mut rng)),
        w.noun(&mut rng),
        w.adj(&mut rng),
        w.noun(&mut rng)
    );
    doc.push(&title);
    doc.push("\n");
    // (start, end, section, sentence) in code points
    let mut quotable: Vec<(usize, usize, usize, Sentence)> = Vec::new();
    let mut sections = Vec::new();
    let per_section = n_claims.div_ceil(n_sections).max(1);
    let mut made = 0;
    for k in 0..n_sections {
        let start = doc.chars;
        doc.push(HEADINGS[(index + k) % HEADINGS.len()]);
        doc.push("\n");
        let mut in_par = 0;
        // A few more sentences than claims: not every sentence is quoted.
        let want = if k + 1 == n_sections {
            n_claims - made
        } else {
            per_section.min(n_claims - made)
        };
        let extra = rng.below(2);
        for j in 0..want + extra {
            let s = sentence(w, &mut rng);
            if in_par > 0 {
                doc.push(" ");
            }
            let a = doc.chars;
            let b = doc.push(&s.text);
            if j < want {
                quotable.push((a, b, k, s));
            }
            in_par += 1;
            if in_par >= 3 + rng.below(3) {
                doc.push("\n");
                in_par = 0;
            }
        }
        made += want;
        if in_par > 0 {
            doc.push("\n");
        }
        sections.push(Section {
            id: format!("s{}", k + 1),
            heading: HEADINGS[(index + k) % HEADINGS.len()].to_string(),
            start,
            end: doc.chars,
        });
    }
    let kinds = [
        SourceKind::NewsAnalysis,
        SourceKind::Commentary,
        SourceKind::Report,
        SourceKind::StrategyDocument,
        SourceKind::Speech,
    ];
    let year = 2015 + rng.below(11);
    let source = Source {
        id: id.clone(),
        kind: rng.pick(&kinds),
        title,
        author: Some(w.people[w.name_zipf.sample(&mut rng)].clone()),
        published: Some(format!(
            "{year}-{:02}-{:02}",
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        published_note: None,
        url: Some(format!("https://example.org/analysis/{id}")),
        about: Vec::new(),
        text_sha256: Some(hex(&Sha256::digest(doc.text.as_bytes()))),
        text: None,
        sections,
    };
    let text = doc.text;
    let cp: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| -> String { cp[a..b].iter().collect() };
    let claims = quotable
        .into_iter()
        .enumerate()
        .map(|(j, (a, b, k, s))| {
            let n = first_claim + j;
            let exact = slice(a, b);
            let layer = if s.speaker.is_some() {
                Layer::NamedSource
            } else {
                rng.pick(&[
                    Layer::Author,
                    Layer::Author,
                    Layer::PrimaryParaphrase,
                    Layer::UnnamedSources,
                    Layer::PrimaryVerbatim,
                ])
            };
            let mut themes = vec![w.theme_zipf.sample(&mut rng)];
            if rng.chance(0.5) {
                let t = w.theme_zipf.sample(&mut rng);
                if t != themes[0] {
                    themes.push(t);
                }
            }
            let mut countries = s.countries.clone();
            if rng.chance(0.3) {
                let c = w.country_zipf.sample(&mut rng);
                if !countries.contains(&c) {
                    countries.push(c);
                }
            }
            let mut actors = s.actors.clone();
            actors.dedup();
            let who = match s.speaker {
                Some(a) => format!("The {}", ACTORS[a].1),
                None => "The author".to_string(),
            };
            let statement = format!(
                "{who} {} that {} {} {} over {}.",
                if s.hedge.is_some() {
                    "suggests"
                } else {
                    "holds"
                },
                COUNTRIES[countries[0]].1,
                if s.hedge.is_some() {
                    "may seek"
                } else {
                    "seeks"
                },
                paraphrase(&exact),
                THEMES[themes[0]].1.to_lowercase()
            );
            Claim {
                id: format!("c{n}"),
                source: id.clone(),
                section: format!("s{}", k + 1),
                statement,
                quote: Quote {
                    exact,
                    prefix: slice(a.saturating_sub(32), a),
                    suffix: slice(b, (b + 32).min(cp.len())),
                    start: a,
                    end: b,
                    target: QuoteTarget::Text,
                },
                countries: countries
                    .iter()
                    .map(|&c| COUNTRIES[c].0.to_string())
                    .collect(),
                regions: Vec::new(),
                refer_backs: Vec::new(),
                actors: actors.iter().map(|&a| ACTORS[a].0.to_string()).collect(),
                themes: themes.iter().map(|&t| THEMES[t].0.to_string()).collect(),
                attribution: Attribution {
                    layer,
                    speaker: s.speaker.map(|a| ACTORS[a].0.to_string()),
                    cue: Some(rng.pick(CUES).to_string()),
                },
                hedges: s.hedge.map(|h| vec![h.to_string()]).unwrap_or_default(),
                certainty: if s.hedge.is_some() {
                    Certainty::Hedged
                } else {
                    Certainty::Asserted
                },
                primary: None,
                related: if j > 0 && rng.chance(0.2) {
                    vec![Related {
                        claim: format!("c{}", n - 1),
                        relation: Relation::Elaborates,
                    }]
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let mut source = source;
    source.text = Some(text);
    (source, claims)
}

/// The content words of a quote, shortened: an analyst's summary shares
/// words with the quote but is not a copy of it.
fn paraphrase(quote: &str) -> String {
    let words: Vec<&str> = quote
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.len() > 3 && w.chars().next().is_some_and(|c| c.is_lowercase()))
        .collect();
    let keep: Vec<&str> = words.iter().rev().take(5).rev().copied().collect();
    keep.join(" ")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One region per region label of the country table, with its countries.
fn regions() -> Vec<Region> {
    let mut out: Vec<Region> = Vec::new();
    for &(id, _, _, label, ..) in COUNTRIES {
        let rid: String = label
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        match out.iter_mut().find(|r| r.id == rid) {
            Some(r) => r.members.push(id.into()),
            None => out.push(Region {
                id: rid,
                name: label.into(),
                aliases: Vec::new(),
                members: vec![id.into()],
                note: None,
            }),
        }
    }
    out
}

fn country(i: usize) -> Country {
    let (id, name, iso3, _, nato, eu, aliases) = COUNTRIES[i];
    Country {
        id: id.into(),
        name: name.into(),
        iso3: iso3.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        region: None,
        nato: Membership {
            status: if nato {
                NatoStatus::Member
            } else if matches!(id, "RS" | "AT" | "CH" | "IE" | "MT" | "CY") {
                NatoStatus::Neutral
            } else {
                NatoStatus::NonMember
            },
            since: None,
            basis: Basis::Reference,
            reference: Some("synthetic reference".into()),
        },
        eu: Membership {
            status: match eu {
                0 => EuStatus::Member,
                1 => EuStatus::Candidate,
                2 => EuStatus::PotentialCandidate,
                _ => EuStatus::NonMember,
            },
            since: None,
            basis: Basis::Reference,
            reference: Some("synthetic reference".into()),
        },
    }
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut lines: Option<String> = None;
    let mut seed: u64 = 42;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lines" => lines = args.next(),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(42),
            _ => positional.push(a),
        }
    }
    let (Some(n), Some(out)) = (
        positional.first().and_then(|s| s.parse::<usize>().ok()),
        positional.get(1),
    ) else {
        eprintln!("usage: gen_dataset N OUT.json [--seed S] [--lines CLAIMS.txt]");
        std::process::exit(2);
    };
    let file = std::fs::File::create(out)?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    write_dataset(&mut w, n, seed)?;
    w.flush()?;
    if let Some(path) = lines {
        let file = std::fs::File::create(path)?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        write_lines(&mut w, n, seed)?;
        w.flush()?;
    }
    Ok(())
}

/// The text `stratlens search` looks at, one claim per line (statement,
/// quote, linked names), for comparisons with line-oriented tools.
pub fn write_lines(out: &mut impl Write, n: usize, seed: u64) -> std::io::Result<()> {
    let world = World::new(seed);
    let mut first = 0;
    for (i, &k) in plan(n, seed).iter().enumerate() {
        let (_, claims) = make_source(&world, seed, i, k, first);
        first += k;
        for c in &claims {
            let mut names: Vec<&str> = Vec::new();
            for id in &c.countries {
                names.extend(COUNTRIES.iter().filter(|x| x.0 == id).map(|x| x.1));
            }
            for id in c.actors.iter().chain(c.attribution.speaker.iter()) {
                names.extend(ACTORS.iter().filter(|x| x.0 == id).map(|x| x.1));
            }
            for id in &c.themes {
                names.extend(THEMES.iter().filter(|x| x.0 == id).map(|x| x.1));
            }
            let quote = c.quote.exact.replace('\n', " ");
            writeln!(out, "{} | {} | {}", c.statement, quote, names.join(" · "))?;
        }
    }
    Ok(())
}

/// Claims per source, drawn once so both passes agree.
fn plan(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = Rng(seed ^ 0x5EED);
    let mut sizes = Vec::new();
    let mut left = n;
    while left > 0 {
        let k = (8 + rng.below(40)).min(left);
        sizes.push(k);
        left -= k;
    }
    sizes
}

pub fn write_dataset(out: &mut impl Write, n: usize, seed: u64) -> std::io::Result<()> {
    let world = World::new(seed);
    let sizes = plan(n, seed);
    writeln!(out, "{{\n\"schema_version\": 2,")?;
    let list = |out: &mut dyn Write, name: &str, items: Vec<String>| -> std::io::Result<()> {
        writeln!(out, "\"{name}\": [")?;
        let last = items.len();
        for (i, item) in items.into_iter().enumerate() {
            out.write_all(item.as_bytes())?;
            out.write_all(if i + 1 < last { b",\n" } else { b"\n" })?;
        }
        writeln!(out, "],")
    };
    let json = |v: &dyn erased::Ser| v.json();
    list(
        out,
        "countries",
        (0..COUNTRIES.len()).map(|i| json(&country(i))).collect(),
    )?;
    list(out, "regions", regions().iter().map(|r| json(r)).collect())?;
    list(
        out,
        "actors",
        ACTORS
            .iter()
            .map(|&(id, name, kind, country, aliases)| {
                json(&Actor {
                    id: id.into(),
                    name: name.into(),
                    kind,
                    aliases: aliases.iter().map(|s| s.to_string()).collect(),
                    country: country.map(String::from),
                })
            })
            .collect(),
    )?;
    list(
        out,
        "themes",
        THEMES
            .iter()
            .map(|&(id, name)| {
                json(&Theme {
                    id: id.into(),
                    name: name.into(),
                    description: format!("Claims about {}.", name.to_lowercase()),
                })
            })
            .collect(),
    )?;
    writeln!(out, "\"sources\": [")?;
    let mut first = 0;
    for (i, &k) in sizes.iter().enumerate() {
        let (s, _) = make_source(&world, seed, i, k, first);
        first += k;
        serde_json::to_writer(&mut *out, &s)?;
        out.write_all(if i + 1 < sizes.len() { b",\n" } else { b"\n" })?;
    }
    writeln!(out, "],\n\"claims\": [")?;
    let mut first = 0;
    for (i, &k) in sizes.iter().enumerate() {
        let (_, claims) = make_source(&world, seed, i, k, first);
        first += k;
        for (j, c) in claims.iter().enumerate() {
            serde_json::to_writer(&mut *out, c)?;
            let last = i + 1 == sizes.len() && j + 1 == claims.len();
            out.write_all(if last { b"\n" } else { b",\n" })?;
        }
    }
    writeln!(out, "]\n}}")
}

mod erased {
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("serialisable")
        }
    }
}
