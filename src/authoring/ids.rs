//! Claim ids for claims made in `stratlens annotate`: `<source>-N`, one
//! past the highest such number already used, so ids are never reused
//! (an undone claim's id comes back only with its claim) and never depend
//! on the order of the list.

/// The next free id `<source>-N` among `taken` (every claim id of the
/// dataset, read-only files included).
pub fn next_claim_id<'a>(source: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let prefix = format!("{source}-");
    let highest = taken
        .into_iter()
        .filter_map(|id| id.strip_prefix(prefix.as_str()))
        .filter_map(|n| n.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}

/// An entity id made from a name: lower-case kebab case of its letters and
/// digits (`Western Balkans` → `western-balkans`), or upper-case letters
/// for a country, whose ids are ISO codes the user types.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_id_follows_the_highest_number_of_the_source() {
        let taken = ["notes-1", "notes-7", "notes-x", "other-9", "c3"];
        assert_eq!(next_claim_id("notes", taken), "notes-8");
        assert_eq!(next_claim_id("fresh", taken), "fresh-1");
        // A source whose id is a prefix of another's does not read its ids.
        assert_eq!(next_claim_id("notes", ["notes-b-4"]), "notes-1");
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("Western Balkans"), "western-balkans");
        assert_eq!(slug("  EU (Brussels)!"), "eu-brussels");
        assert_eq!(slug("Ünïcode"), "n-code");
        assert!(crate::model::validate::is_valid_id(&slug("a b/c")));
    }
}
