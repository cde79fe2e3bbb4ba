//! Properties over arbitrary input: sanitised text never holds a character
//! that could drive a terminal; the loader never panics on arbitrary bytes;
//! search never panics on arbitrary queries.

use proptest::prelude::*;
use stratlens::model::{self, Input};
use stratlens::sanitize;

fn dangerous(c: char) -> bool {
    let cp = c as u32;
    (c.is_control() && c != '\n')
        || cp == 0x200B
        || (0x200E..=0x200F).contains(&cp)
        || (0x202A..=0x202E).contains(&cp)
        || (0x2066..=0x2069).contains(&cp)
        || cp == 0xFEFF
}

/// Joiners (ZWJ, ZWNJ) may stay only between two visible non-ASCII
/// characters, as emoji and scripts use them.
fn stray_joiner(out: &str) -> bool {
    let chars: Vec<char> = out.chars().collect();
    let visible =
        |c: Option<&char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !dangerous(*c));
    (0..chars.len()).any(|i| {
        matches!(chars[i], '\u{200c}' | '\u{200d}')
            && !(i > 0 && visible(chars.get(i - 1)) && visible(chars.get(i + 1)))
    })
}

fn any_text() -> impl Strategy<Value = String> {
    // Bias towards the interesting code points, plus anything at all.
    let special = prop::sample::select(vec![
        '\u{1b}', '\u{7}', '\u{9b}', '\u{9d}', '\u{90}', '\u{7f}', '\u{0}', '\r', '\n', '\t',
        '\u{202e}', '\u{2066}', '\u{200d}', '\u{feff}', 'a', '中', '😀', '\u{301}', '\u{200c}',
        '\u{fe0f}', 'ی',
    ]);
    prop::collection::vec(prop_oneof![special, any::<char>()], 0..64)
        .prop_map(|v| v.into_iter().collect())
}

fn fixture() -> &'static (model::Store, stratlens::search::SearchIndex) {
    static F: std::sync::OnceLock<(model::Store, stratlens::search::SearchIndex)> =
        std::sync::OnceLock::new();
    F.get_or_init(|| {
        let store = model::load_embedded().unwrap();
        let index = stratlens::search::SearchIndex::new(&store);
        (store, index)
    })
}

proptest! {
    #[test]
    fn inline_output_has_no_dangerous_characters(s in any_text()) {
        let out = sanitize::inline(&s);
        prop_assert!(!out.chars().any(|c| dangerous(c) || c == '\n'), "{:?} -> {:?}", s, out);
        prop_assert!(!stray_joiner(&out), "{:?} -> {:?}", s, out);
    }

    #[test]
    fn multiline_output_keeps_only_line_feeds(s in any_text()) {
        let out = sanitize::multiline(&s);
        prop_assert!(!out.chars().any(dangerous), "{:?} -> {:?}", s, out);
        prop_assert!(!stray_joiner(&out), "{:?} -> {:?}", s, out);
        prop_assert_eq!(out.matches('\n').count(), s.matches('\n').count());
    }

    #[test]
    fn loader_never_panics_on_arbitrary_text(s in any_text()) {
        let _ = model::load_inputs(vec![Input::new("p.json", s)]);
    }

    #[test]
    fn loader_never_panics_on_mutated_datasets(pos in 0usize..4000, insert in any_text()) {
        let mut text = include_str!("data/good/minimal.json").to_string();
        let mut at = pos.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        text.insert_str(at, &insert);
        if let Err(e) = model::load_inputs(vec![Input::new("m.json", text)]) {
            prop_assert!(!e.problems.is_empty());
            for p in &e.problems {
                prop_assert!(!p.to_string().chars().any(|c| c.is_control() && c != '\n'), "{}", p);
            }
        }
    }

    #[test]
    fn search_never_panics(q in any_text()) {
        let (store, index) = fixture();
        let all: Vec<usize> = (0..store.claims().len()).collect();
        for h in index.search(store, &q, &all) {
            let statement: Vec<char> = store.claim_at(h.claim).statement().chars().collect();
            prop_assert!(h.statement_chars.iter().all(|&i| i < statement.len()));
        }
    }
}
