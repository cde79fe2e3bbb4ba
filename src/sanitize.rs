//! The one gate between dataset text and the terminal.
//!
//! Dataset text is untrusted: an ESC byte could recolour the screen, set the
//! window title or write the clipboard (OSC 52), and bidi or zero-width
//! characters could make a quote read differently from what it is. Every
//! string from a dataset passes through here before it is drawn or printed,
//! so such characters become visible, inert symbols instead. Only where a
//! character could act: the joiners and variation selectors that Persian,
//! Indic scripts and emoji need stay as they are between the characters
//! they join, so that a quote is copied and exported exactly.

use std::borrow::Cow;

const TAB_WIDTH: usize = 4;

/// How a character may act.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Plain,
    /// Never reaches the terminal as it is: controls, bidi controls,
    /// zero-width spaces, tags and other invisible format characters.
    Unsafe,
    /// ZERO WIDTH JOINER and NON-JOINER: Persian, Indic scripts and emoji
    /// sequences need them between two characters.
    Joiner,
    /// Variation selectors: choose a glyph (emoji or text style, an
    /// ideographic variant) for the character before.
    Selector,
}

fn class(c: char) -> Class {
    let cp = c as u32;
    match cp {
        0x200C | 0x200D => Class::Joiner,
        0xFE00..=0xFE0F | 0x180B..=0x180D | 0x180F | 0xE0100..=0xE01EF => Class::Selector,
        _ if cp < 0x20 || (0x7F..=0x9F).contains(&cp) || is_invisible_format(cp) => Class::Unsafe,
        _ => Class::Plain,
    }
}

/// A joiner acts between two visible characters of a script or emoji:
/// next to ASCII, white space or nothing it can only hide a difference
/// (`Ko‍sovo` is not `Kosovo`).
fn joinable(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace()
}

/// A variation selector modifies a visible character: anything but ASCII,
/// and the ASCII that has emoji forms (digits, `#`, `*`: keycaps).
fn selectable(c: char) -> bool {
    !c.is_whitespace() && (!c.is_ascii() || c.is_ascii_digit() || matches!(c, '#' | '*'))
}

/// Each character of `s` and whether it must be shown as a symbol (or
/// escaped) rather than as it is. Controls, bidi controls and invisible
/// format characters always must; a joiner only where it joins nothing
/// (alone, at an edge, next to ASCII or white space, doubled), a variation
/// selector only where it selects nothing.
pub fn marked(s: &str) -> impl Iterator<Item = (char, bool)> + '_ {
    let mut chars = s.chars().peekable();
    // The previous character, if it was kept as it is.
    let mut kept: Option<char> = None;
    std::iter::from_fn(move || {
        let c = chars.next()?;
        let next = chars.peek().copied();
        let ok = match class(c) {
            Class::Plain => true,
            Class::Unsafe => false,
            Class::Joiner => {
                kept.is_some_and(joinable)
                    && next.is_some_and(|n| joinable(n) && class(n) == Class::Plain)
            }
            Class::Selector => kept.is_some_and(|p| class(p) == Class::Plain && selectable(p)),
        };
        kept = ok.then_some(c);
        Some((c, !ok))
    })
}

/// Appends the visible, inert stand-in for an unsafe character.
fn push_visible(c: char, out: &mut String) {
    let cp = c as u32;
    match cp {
        // C0 controls have their own pictures in the Control Pictures block.
        0x00..=0x1F => out.push(char::from_u32(0x2400 + cp).unwrap_or('?')),
        0x7F => out.push('\u{2421}'),
        // C1 controls (0x9B is a one-byte CSI on some terminals), bidi and
        // zero-width characters have no pictures: name the code point.
        _ => out.push_str(&format!("⟨U+{cp:04X}⟩")),
    }
}

/// Bidi controls, zero-width and other invisible format characters
/// (joiners and variation selectors are classed apart, see [`class`]).
fn is_invisible_format(cp: u32) -> bool {
    matches!(
        cp,
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F
            | 0x1160
            | 0x17B4
            | 0x17B5
            | 0x180E
            | 0x200B
            | 0x200E
            | 0x200F
            | 0x2028..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFFB
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE00FF
            | 0xE01F0..=0xE0FFF
    )
}

/// Whether [`clean`] would change `s`. Only the stretches around
/// characters other than printable ASCII are judged one by one (see
/// [`next_stretch`]): a quote with one curly apostrophe is not walked
/// character by character.
fn needs_work(s: &str, keep_newlines: bool) -> bool {
    if printable_ascii(s, keep_newlines) {
        return false;
    }
    if !keep_newlines && s.contains('\n') {
        return true;
    }
    let mut rest = s;
    while let Some((_, stretch, after)) = next_stretch(rest) {
        if marked(stretch).any(|(c, bad)| bad && c != '\n') {
            return true;
        }
        rest = after;
    }
    false
}

/// Printable ASCII (and line feeds when kept) needs no look at each
/// character: most of what a dataset holds, checked a byte at a time.
fn printable_ascii(s: &str, keep_newlines: bool) -> bool {
    s.bytes()
        .all(|b| (0x20..0x7F).contains(&b) || (keep_newlines && b == b'\n'))
}

fn clean(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut column = 0usize;
    for (c, bad) in marked(s) {
        if c == '\t' {
            let n = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', n));
            column += n;
            continue;
        }
        if keep_newlines && c == '\n' {
            out.push('\n');
            column = 0;
            continue;
        }
        if bad {
            push_visible(c, &mut out);
        } else {
            out.push(c);
        }
        column += 1;
    }
    out
}

/// For one-line display: every control character, newlines included, is
/// shown as a symbol; tabs become spaces.
pub fn inline(s: &str) -> Cow<'_, str> {
    if needs_work(s, false) {
        Cow::Owned(clean(s, false))
    } else {
        Cow::Borrowed(s)
    }
}

/// For running text: like [`inline`] but line feeds are kept as line breaks.
pub fn multiline(s: &str) -> Cow<'_, str> {
    if needs_work(s, true) {
        Cow::Owned(clean(s, true))
    } else {
        Cow::Borrowed(s)
    }
}

/// True when `s` holds nothing that [`inline`] would change.
pub fn is_clean_inline(s: &str) -> bool {
    !needs_work(s, false)
}

/// serde_json escapes only C0 controls; C1 controls, bidi and zero-width
/// characters would still reach a terminal that shows the JSON. Escaped are
/// those the sanitiser marks: joiners that join stay as they are. Such
/// characters can only occur inside JSON strings, where `\uXXXX` is valid.
///
/// A long answer is megabytes of mostly ASCII with a curly quote here and
/// there: runs of printable ASCII are copied whole, and only the stretch
/// around other characters is judged one by one (see [`next_stretch`]).
pub fn escape_invisible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some((copy, stretch, after)) = next_stretch(rest) {
        out.push_str(copy);
        escape_marked(stretch, &mut out);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Printable ASCII or a line feed: kept as it is whatever its neighbours,
/// and its own neighbours are judged the same whether it starts a text or
/// follows anything (a line feed is never kept as a neighbour).
fn plain_byte(b: u8) -> bool {
    (0x20..0x7F).contains(&b) || b == b'\n'
}

/// Splits `s` into a run to copy, a stretch to judge character by
/// character, and the rest; `None` when all of `s` can be copied. The
/// stretch starts one plain character before the first other one (the
/// character a joiner or selector looks back at) and ends after two plain
/// characters in a row, the first of which the last other one looks
/// ahead at; so the rest starts with a plain character and is judged as
/// if from a start.
fn next_stretch(s: &str) -> Option<(&str, &str, &str)> {
    let b = s.as_bytes();
    let first = b.iter().position(|&c| !plain_byte(c))?;
    let start = first.saturating_sub(1);
    let mut end = first;
    while end < b.len() && !(plain_byte(b[end]) && b.get(end + 1).is_none_or(|&c| plain_byte(c))) {
        end += 1;
    }
    let end = (end + 1).min(b.len());
    Some((&s[..start], &s[start..end], &s[end..]))
}

/// Appends `s` with the characters [`marked`] marks as `\uXXXX` escapes.
fn escape_marked(s: &str, out: &mut String) {
    for (c, bad) in marked(s) {
        if c == '\n' || !bad {
            out.push(c);
            continue;
        }
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcut_agrees_with_the_full_check() {
        for s in [
            "Kosovo and Serbia",
            "a\tb",
            "del\u{7f}",
            "two\nlines",
            "",
            "~ !",
            "“quoted” x\u{200d}y",
            "👨\u{200d}👩 and 1\u{fe0f}",
            "é\nè",
            "é\tè",
        ] {
            for keep in [false, true] {
                let full = marked(s).any(|(c, bad)| bad && !(keep && c == '\n'));
                assert_eq!(needs_work(s, keep), full, "{s:?} keep={keep}");
            }
        }
        assert_eq!(
            escape_invisible("{\"a\":\"\u{7f}\"}"),
            "{\"a\":\"\\u007f\"}"
        );
        assert_eq!(escape_invisible("{\"a\": 1}"), "{\"a\": 1}");
    }

    /// What `escape_invisible` must print: every character judged in
    /// its place in the whole text.
    fn escaped_one_by_one(json: &str) -> String {
        let mut out = String::new();
        escape_marked(json, &mut out);
        out
    }

    #[test]
    fn escaping_by_stretches_equals_judging_every_character() {
        for s in [
            "",
            "\u{200d}",
            "1\u{fe0f}\u{20e3} and #\u{fe0f}",
            "a\u{200d}b c\u{200d}",
            "\u{202e}x\n\u{200d}👩",
            "👨\u{200d}👩 ❤\u{fe0f}x👨\u{200d}\u{200d}👩",
            "“q”\n\u{9b}\u{7f}\t",
        ] {
            assert_eq!(escape_invisible(s), escaped_one_by_one(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn escaping_by_stretches_equals_judging_every_character_anywhere(
            s in "[ab1# \n\t\u{200c}\u{200d}\u{fe0f}\u{202e}\u{9b}é👨❤]{0,40}"
        ) {
            proptest::prop_assert_eq!(escape_invisible(&s), escaped_one_by_one(&s));
        }

        #[test]
        fn judging_by_stretches_equals_judging_every_character_anywhere(
            s in "[ab1# \n\t\u{200c}\u{200d}\u{fe0f}\u{202e}\u{9b}é👨❤]{0,40}",
            keep in proptest::bool::ANY,
        ) {
            let full = marked(&s).any(|(c, bad)| bad && !(keep && c == '\n'));
            proptest::prop_assert_eq!(needs_work(&s, keep), full);
        }
    }

    #[test]
    fn esc_sequences_become_visible() {
        let s = inline("a\u{1b}[31mred\u{1b}]0;title\u{7}");
        assert!(!s.contains('\u{1b}'));
        assert!(!s.contains('\u{7}'));
        assert_eq!(s, "a␛[31mred␛]0;title␇");
    }

    #[test]
    fn c1_and_bidi_are_marked() {
        assert_eq!(inline("x\u{9b}y"), "x⟨U+009B⟩y");
        assert_eq!(inline("a\u{202e}b"), "a⟨U+202E⟩b");
        assert_eq!(inline("a\u{200d}b"), "a⟨U+200D⟩b");
        assert_eq!(
            inline("\u{2066}x\u{2069}\u{200e}"),
            "⟨U+2066⟩x⟨U+2069⟩⟨U+200E⟩"
        );
        assert_eq!(inline("zero\u{200b}width"), "zero⟨U+200B⟩width");
    }

    #[test]
    fn joiners_that_scripts_and_emoji_need_stay() {
        for text in [
            "👨\u{200d}👩\u{200d}👧", // a family: emoji joined by ZWJ
            "❤\u{fe0f}\u{200d}🔥",    // VS16, then ZWJ
            "👍🏽",                     // skin tone modifier
            "1\u{fe0f}\u{20e3}",      // keycap
            "می\u{200c}خواهم",        // Persian: ZWNJ between letters
            "क्\u{200d}ष",             // Devanagari: ZWJ after virama
            "葛\u{e0100}",            // ideographic variation selector
        ] {
            assert!(matches!(inline(text), Cow::Borrowed(_)), "{text:?}");
            assert_eq!(multiline(text), text);
        }
    }

    #[test]
    fn joiners_that_can_only_hide_are_marked() {
        // Alone, at an edge, next to ASCII or white space, or doubled.
        assert_eq!(inline("\u{200d}"), "⟨U+200D⟩");
        assert_eq!(inline("\u{200d}👩"), "⟨U+200D⟩👩");
        assert_eq!(inline("👨\u{200d}"), "👨⟨U+200D⟩");
        assert_eq!(inline("Ko\u{200c}sovo"), "Ko⟨U+200C⟩sovo");
        assert_eq!(inline("👨 \u{200d}👩"), "👨 ⟨U+200D⟩👩");
        assert_eq!(inline("👨\u{200d}\u{200d}👩"), "👨⟨U+200D⟩⟨U+200D⟩👩");
        assert_eq!(inline("a\u{fe0f}"), "a⟨U+FE0F⟩");
        assert_eq!(inline("\u{fe0f}"), "⟨U+FE0F⟩");
        assert_eq!(inline("❤\u{fe0f}\u{fe0f}"), "❤\u{fe0f}⟨U+FE0F⟩");
        // After a character that is itself marked.
        assert_eq!(inline("\u{202e}\u{200d}👩"), "⟨U+202E⟩⟨U+200D⟩👩");
        assert!(!is_clean_inline("a\u{200d}b"));
        assert!(is_clean_inline("👨\u{200d}👩"));
    }

    #[test]
    fn newlines_kept_only_in_multiline() {
        assert_eq!(inline("a\nb"), "a␊b");
        assert_eq!(multiline("a\nb\r"), "a\nb␍");
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(inline("ab\tc"), "ab  c");
        assert_eq!(multiline("x\n\ty"), "x\n    y");
    }

    #[test]
    fn clean_text_is_borrowed() {
        let text = "Kosovo–Serbia “quoted” text, 中文 and é";
        assert!(matches!(inline(text), Cow::Borrowed(_)));
        assert!(is_clean_inline(text));
    }
}
