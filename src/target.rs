//! Deep links (`claim:c12`, `country:XK`, `region:ID`, `actor:nato`,
//! `theme:ID`, `source:ID`) and
//! the one lookup of an entity by id, name or alias that every command uses.

use crate::model::{Kind, Store};
use crate::sanitize::inline;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    pub index: usize,
}

pub fn parse(store: &Store, text: &str) -> Result<Target, String> {
    let Some((kind, id)) = text.split_once(':') else {
        return Err(format!(
            "\"{}\" is not a target; use claim:ID, country:ID, region:ID, actor:ID, theme:ID or source:ID",
            inline(text)
        ));
    };
    let kind = match Kind::parse(kind) {
        Some(k) => k,
        _ => {
            return Err(format!(
                "unknown target kind \"{}\"; use claim, country, region, actor, theme or source",
                inline(kind)
            ));
        }
    };
    let index = lookup(store, kind, id)?;
    Ok(Target { kind, index })
}

/// How many entities of `kind` the store holds.
pub fn count(store: &Store, kind: Kind) -> usize {
    match kind {
        Kind::Claim => store.claims().len(),
        Kind::Country => store.countries().len(),
        Kind::Region => store.regions().len(),
        Kind::Actor => store.actors().len(),
        Kind::Theme => store.themes().len(),
        Kind::Source => store.sources().len(),
    }
}

/// The names an entity answers to besides its id: its name (a source's
/// title) and aliases. Claims have none.
fn names(store: &Store, kind: Kind, i: usize) -> Vec<&str> {
    fn with<'a>(name: &'a str, aliases: &'a [String]) -> Vec<&'a str> {
        std::iter::once(name)
            .chain(aliases.iter().map(String::as_str))
            .collect()
    }
    match kind {
        Kind::Country => with(&store.countries()[i].name, &store.countries()[i].aliases),
        Kind::Region => with(&store.regions()[i].name, &store.regions()[i].aliases),
        Kind::Actor => with(&store.actors()[i].name, &store.actors()[i].aliases),
        Kind::Theme => vec![&store.themes()[i].name],
        Kind::Source => vec![&store.sources()[i].title],
        Kind::Claim => Vec::new(),
    }
}

/// Case, runs of white space and typographic apostrophes folded.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['’', '‘'], "'")
        .to_lowercase()
}

/// `RS (Serbia)`, or a claim's bare id.
fn label(store: &Store, kind: Kind, i: usize) -> String {
    let id = inline(store.id_at(kind, i)).into_owned();
    match names(store, kind, i).first() {
        Some(name) if *name != id => format!("{id} ({})", inline(name)),
        _ => id,
    }
}

/// Finds the entity of `kind` that `text` names: its id exactly, then its
/// id in any case, then its name or an alias in any case (for a source its
/// title), as long as only one entity answers. An ambiguous or unknown
/// name is refused with the candidates or the closest ids. The one lookup
/// behind `show`, the `--country`/`--region`/`--actor`/`--theme` filters,
/// `export --ids` and `--open`.
pub fn lookup(store: &Store, kind: Kind, text: &str) -> Result<usize, String> {
    let wanted = text.trim();
    if let Some(i) = store.index_of(kind, wanted) {
        return Ok(i);
    }
    let n = count(store, kind);
    // Ids are ASCII (validation sees to it).
    let by_id: Vec<usize> = (0..n)
        .filter(|&i| store.id_at(kind, i).eq_ignore_ascii_case(wanted))
        .collect();
    let folded = fold(wanted);
    let found = if by_id.is_empty() && kind != Kind::Claim {
        (0..n)
            .filter(|&i| names(store, kind, i).iter().any(|x| fold(x) == folded))
            .collect()
    } else {
        by_id
    };
    match found.as_slice() {
        [i] => Ok(*i),
        [] => Err(unknown(store, kind, wanted, &folded)),
        many => Err(format!(
            "\"{}\" could be more than one {}: {}; give the id",
            inline(wanted),
            kind.as_str(),
            many.iter()
                .map(|&i| label(store, kind, i))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The message for a name nothing answers to: the entities whose id or
/// names contain it, else those closest in spelling, else where to look.
fn unknown(store: &Store, kind: Kind, wanted: &str, folded: &str) -> String {
    const SHOWN: usize = 5;
    let n = count(store, kind);
    let keys = |i: usize| -> Vec<String> {
        std::iter::once(store.id_at(kind, i))
            .chain(names(store, kind, i))
            .map(fold)
            .collect()
    };
    let mut near: Vec<usize> = Vec::new();
    if folded.chars().count() >= 3 && kind != Kind::Claim {
        near = (0..n)
            .filter(|&i| keys(i).iter().any(|k| k.contains(folded)))
            .take(SHOWN + 1)
            .collect();
    }
    if near.is_empty() {
        let limit = (folded.chars().count() / 3).max(1);
        let mut scored: Vec<(usize, usize)> = (0..n)
            .filter_map(|i| {
                let d = keys(i).iter().map(|k| distance(k, folded)).min()?;
                (d <= limit).then_some((d, i))
            })
            .collect();
        scored.sort_unstable();
        near = scored.into_iter().map(|(_, i)| i).take(SHOWN + 1).collect();
    }
    let what = match kind {
        Kind::Claim => "no claim has this id",
        Kind::Theme | Kind::Source => "no id or name matches",
        _ => "no id, name or alias matches",
    };
    let hint = match near.len() {
        0 => format!("see `stratlens list {}`", kind.plural()),
        1 => format!("did you mean {}?", label(store, kind, near[0])),
        k => format!(
            "did you mean one of {}{}?",
            near.iter()
                .take(SHOWN)
                .map(|&i| label(store, kind, i))
                .collect::<Vec<_>>()
                .join(", "),
            if k > SHOWN { ", …" } else { "" }
        ),
    };
    format!(
        "unknown {} \"{}\" ({what}); {hint}",
        kind.as_str(),
        inline(wanted)
    )
}

/// Levenshtein distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    #[test]
    fn parses_every_kind_and_names_errors() {
        let store = load_embedded().unwrap();
        let t = parse(&store, "claim:c12").unwrap();
        assert_eq!((t.kind, store.claim_at(t.index).id()), (Kind::Claim, "c12"));
        assert_eq!(parse(&store, "country:XK").unwrap().kind, Kind::Country);
        assert_eq!(parse(&store, "actor:nato").unwrap().kind, Kind::Actor);
        assert_eq!(
            parse(&store, "theme:nato-enlargement").unwrap().kind,
            Kind::Theme
        );
        assert!(
            parse(&store, "country:ZZ")
                .unwrap_err()
                .contains("unknown country \"ZZ\"")
        );
        assert!(
            parse(&store, "planet:mars")
                .unwrap_err()
                .contains("unknown target kind")
        );
        assert!(parse(&store, "XK").unwrap_err().contains("not a target"));
    }

    #[test]
    fn looks_up_names_and_spells_out_misses() {
        let store = load_embedded().unwrap();
        let serbia = store.index_of(Kind::Country, "RS").unwrap();
        for name in ["RS", "rs", "Serbia", " serbia ", "REPUBLIC  OF SERBIA"] {
            assert_eq!(lookup(&store, Kind::Country, name), Ok(serbia), "{name}");
        }
        let err = lookup(&store, Kind::Claim, "c230").unwrap_err();
        assert!(err.contains("c23"), "{err}");
        assert_eq!(distance("serbai", "serbia"), 2);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
