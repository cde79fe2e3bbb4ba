//! British and American spellings: analysts type both, texts print one.
//! A query word's other spellings (by suffix rule: -ise/-ize, -yse/-yze,
//! -our/-or, -ence/-ense; and a small table for the rest) are looked up
//! in the vocabulary as whole words, and score below the word as typed.

/// Pairs the suffix rules cannot make (British, American): the start of
/// a word, so "centres" and "travelled" follow.
const TABLE: &[(&str, &str)] = &[
    ("centre", "center"),
    ("theatre", "theater"),
    ("metre", "meter"),
    ("fibre", "fiber"),
    ("calibre", "caliber"),
    ("manoeuvr", "maneuver"),
    ("programme", "program"),
    ("travell", "travel"),
    ("cancell", "cancel"),
    ("fuell", "fuel"),
    ("labell", "label"),
    ("modell", "model"),
    ("signall", "signal"),
    ("counsell", "counsel"),
    ("judgement", "judgment"),
    ("ageing", "aging"),
    ("enrol", "enroll"),
    ("fulfil", "fulfill"),
    ("sceptic", "skeptic"),
    ("grey", "gray"),
    ("catalogue", "catalog"),
    ("dialogue", "dialog"),
];

/// Endings told apart by rule (British, American), longest first.
const SUFFIXES: &[(&str, &str)] = &[
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("isers", "izers"),
    ("iser", "izer"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("ysing", "yzing"),
    ("ysed", "yzed"),
    ("yses", "yzes"),
    ("yse", "yze"),
    ("ourable", "orable"),
    ("ourite", "orite"),
    ("ouring", "oring"),
    ("oured", "ored"),
    ("ours", "ors"),
    ("our", "or"),
    ("ences", "enses"),
    ("ence", "ense"),
];

/// Shorter words are left alone: "for" is not "four", nor "rise" "rize".
const MIN_LEN: usize = 5;

/// The other spellings of the folded word `word` (lower case), none equal
/// to it. Whether they are words at all is for the vocabulary to say.
pub fn variants(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if word.chars().count() < MIN_LEN || !word.is_ascii() {
        return out;
    }
    for &(gb, us) in SUFFIXES {
        for (from, to) in [(gb, us), (us, gb)] {
            if let Some(stem) = word.strip_suffix(from)
                && stem.len() >= 2
            {
                out.push(format!("{stem}{to}"));
            }
        }
    }
    for &(gb, us) in TABLE {
        for (from, to) in [(gb, us), (us, gb)] {
            // "centre" gives "center", but "center" must not give "centerre".
            if let Some(rest) = word.strip_prefix(from)
                && !(to.starts_with(from) && word.starts_with(to))
            {
                out.push(format!("{to}{rest}"));
            }
        }
    }
    out.retain(|v| v != word);
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::variants;

    #[test]
    fn each_spelling_gives_the_other() {
        for (a, b) in [
            ("defence", "defense"),
            ("prioritising", "prioritizing"),
            ("organisation", "organization"),
            ("colour", "color"),
            ("behaviours", "behaviors"),
            ("favourable", "favorable"),
            ("analysed", "analyzed"),
            ("centres", "centers"),
            ("travelled", "traveled"),
            ("programme", "program"),
        ] {
            assert!(
                variants(a).contains(&b.to_string()),
                "{a} → {b}: {:?}",
                variants(a)
            );
            assert!(
                variants(b).contains(&a.to_string()),
                "{b} → {a}: {:?}",
                variants(b)
            );
        }
    }

    #[test]
    fn short_words_and_odd_stems_are_left_alone() {
        assert!(variants("for").is_empty());
        assert!(variants("four").is_empty());
        assert!(variants("rise").is_empty());
        assert!(!variants("center").contains(&"centerre".to_string()));
        assert!(variants("nato").is_empty());
    }
}
