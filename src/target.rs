//! Deep links: `claim:c12`, `country:XK`, `actor:nato`, `theme:ID`.

use crate::model::{Kind, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    pub index: usize,
}

pub fn parse(store: &Store, text: &str) -> Result<Target, String> {
    let Some((kind, id)) = text.split_once(':') else {
        return Err(format!(
            "\"{}\" is not a target; use claim:ID, country:ID, actor:ID or theme:ID",
            crate::sanitize::inline(text)
        ));
    };
    let kind = match Kind::parse(kind) {
        Some(k @ (Kind::Claim | Kind::Country | Kind::Actor | Kind::Theme)) => k,
        _ => {
            return Err(format!(
                "unknown target kind \"{}\"; use claim, country, actor or theme",
                crate::sanitize::inline(kind)
            ));
        }
    };
    let index = store.index_of(kind, id).ok_or_else(|| {
        format!(
            "unknown {} id \"{}\"",
            kind.as_str(),
            crate::sanitize::inline(id)
        )
    })?;
    Ok(Target { kind, index })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    #[test]
    fn parses_every_kind_and_names_errors() {
        let store = load_embedded().unwrap();
        let t = parse(&store, "claim:c12").unwrap();
        assert_eq!((t.kind, store.claims()[t.index].id()), (Kind::Claim, "c12"));
        assert_eq!(parse(&store, "country:XK").unwrap().kind, Kind::Country);
        assert_eq!(parse(&store, "actor:nato").unwrap().kind, Kind::Actor);
        assert_eq!(
            parse(&store, "theme:nato-enlargement").unwrap().kind,
            Kind::Theme
        );
        assert!(
            parse(&store, "country:ZZ")
                .unwrap_err()
                .contains("unknown country id \"ZZ\"")
        );
        assert!(
            parse(&store, "planet:mars")
                .unwrap_err()
                .contains("unknown target kind")
        );
        assert!(parse(&store, "XK").unwrap_err().contains("not a target"));
    }
}
