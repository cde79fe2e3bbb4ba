//! Words for counts in messages: "1 claim", "2 claims", "3 countries".

/// `1 claim`, `2 claims`, `0 countries`: a count with its noun.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {}", noun(n, word))
}

/// The noun alone, singular for one (`claim`, `claims`, `countries`).
pub fn noun(n: usize, word: &str) -> String {
    if n == 1 {
        return word.to_string();
    }
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ if word.ends_with(['s', 'x']) || word.ends_with("ch") || word.ends_with("sh") => {
            format!("{word}es")
        }
        _ => format!("{word}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "claim"), "1 claim");
        assert_eq!(plural(0, "claim"), "0 claims");
        assert_eq!(plural(2, "country"), "2 countries");
        assert_eq!(plural(1, "country"), "1 country");
        assert_eq!(plural(3, "day"), "3 days");
        assert_eq!(plural(2, "match"), "2 matches");
    }
}
