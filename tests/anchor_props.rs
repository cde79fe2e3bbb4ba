//! Properties of quote anchoring (`stratlens import`): a quote cut from a
//! text is found again where it was cut, also after a copy made its quote
//! marks, dashes and white space plain, and several matches are told apart
//! by their prefix or suffix.

use proptest::prelude::*;
use stratlens::authoring::anchor::{Decider, Hints, anchor};
use stratlens::model::links::fold;

/// Text with the characters copies change: typographic quote marks,
/// dashes, line breaks and runs of white space.
fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            6 => proptest::char::range('a', 'z'),
            1 => proptest::char::range('A', 'E'),
            2 => Just(' '),
            1 => Just('\n'),
            1 => prop::sample::select(vec!['’', '‘', '“', '”', '„', '–', '—', '‑', '\'', '"', '-', '\t']),
        ],
        1..max,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Occurrences of `needle` in `hay`, overlapping ones too.
fn count(hay: &str, needle: &str) -> usize {
    (0..hay.len())
        .filter(|&i| hay.is_char_boundary(i) && hay[i..].starts_with(needle))
        .count()
}

/// What a copy from a web page or PDF does: plain quote marks and dashes,
/// one space for any run of white space.
fn plain_copy(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            '’' | '‘' => '\'',
            '“' | '”' | '„' => '"',
            '–' | '—' | '‑' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// A slice of `text` from code point `a` (modulo its length), `len` long
/// or to the end: its offsets and its text.
fn cut(text: &str, a: usize, len: usize) -> (usize, usize, String) {
    let n = text.chars().count();
    let a = a % n;
    let b = (a + len).min(n);
    (a, b, text.chars().skip(a).take(b - a).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_unique_slice_is_found_at_its_offsets(
        text in text_strategy(300),
        a in 0usize..300,
        len in 1usize..60,
    ) {
        let (a, b, quote) = cut(&text, a, len);
        prop_assume!(count(&text, &quote) == 1 && !quote.trim().is_empty());
        let got = anchor(&text, &quote, &Hints::default()).unwrap();
        prop_assert_eq!((got.start, got.end), (a, b));
        prop_assert_eq!(&text[got.byte_start..got.byte_end], quote.as_str());
        prop_assert!(got.normalised.is_empty());
    }

    #[test]
    fn a_plain_copy_of_a_unique_slice_is_found_at_its_offsets(
        text in text_strategy(300),
        a in 0usize..300,
        len in 1usize..60,
    ) {
        let (a, b, quote) = cut(&text, a, len);
        // A copy loses white space at its ends: cut where the text has none.
        prop_assume!(!quote.starts_with(char::is_whitespace) && !quote.ends_with(char::is_whitespace));
        prop_assume!(count(&fold(&text), &fold(&quote)) == 1);
        let copy = plain_copy(&quote);
        let got = anchor(&text, &copy, &Hints::default()).unwrap();
        prop_assert_eq!((got.start, got.end), (a, b));
        // The stored exact is the text's own slice, never the copy.
        prop_assert_eq!(&text[got.byte_start..got.byte_end], quote.as_str());
        prop_assert_eq!(got.normalised.is_empty(), copy == quote);
    }

    #[test]
    fn prefix_or_suffix_chooses_among_matches(
        a in text_strategy(60),
        q in "[a-z][a-z ’–]{0,20}[a-z]",
        b in text_strategy(60),
        c in text_strategy(60),
        second in any::<bool>(),
        by_suffix in any::<bool>(),
    ) {
        // Markers that q never holds make the two contexts differ.
        let (m1, m2) = if by_suffix { ('@', '&') } else { ('#', '%') };
        let text = if by_suffix {
            format!("{a}{q}{m1}{b}{q}{m2}{c}")
        } else {
            format!("{a}{m1}{q}{b}{m2}{q}{c}")
        };
        prop_assume!(count(&text, &q) == 2 && count(&fold(&text), &fold(&q)) == 2);
        let starts: Vec<usize> = (0..text.len())
            .filter(|&i| text.is_char_boundary(i) && text[i..].starts_with(q.as_str()))
            .map(|i| text[..i].chars().count())
            .collect();
        let at = starts[usize::from(second)];
        let qn = q.chars().count();
        let chars: Vec<char> = text.chars().collect();
        let prefix: String = chars[at.saturating_sub(32)..at].iter().collect();
        let suffix: String = chars[at + qn..(at + qn + 32).min(chars.len())].iter().collect();
        let hints = if by_suffix {
            Hints { suffix: Some(&suffix), ..Hints::default() }
        } else {
            Hints { prefix: Some(&prefix), ..Hints::default() }
        };
        let got = anchor(&text, &q, &hints).unwrap();
        prop_assert_eq!((got.start, got.end), (at, at + qn));
        prop_assert_eq!(got.decided_by, Some(Decider::Context));
        // Without hints it is an error naming both places.
        prop_assert!(anchor(&text, &q, &Hints::default()).is_err());
    }
}
