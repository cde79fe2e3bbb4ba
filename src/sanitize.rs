//! The one gate between dataset text and the terminal.
//!
//! Dataset text is untrusted: an ESC byte could recolour the screen, set the
//! window title or write the clipboard (OSC 52), and bidi or zero-width
//! characters could make a quote read differently from what it is. Every
//! string from a dataset passes through here before it is drawn or printed,
//! so such characters become visible, inert symbols instead.

use std::borrow::Cow;

const TAB_WIDTH: usize = 4;

/// True for characters that must not reach the terminal as they are.
fn is_unsafe(c: char) -> bool {
    let cp = c as u32;
    cp < 0x20 || (0x7F..=0x9F).contains(&cp) || is_invisible_format(cp)
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

/// Bidi controls, zero-width and other invisible format characters.
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
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x2028..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFFB
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

fn needs_work(s: &str, keep_newlines: bool) -> bool {
    s.chars()
        .any(|c| c == '\t' || (is_unsafe(c) && !(keep_newlines && c == '\n')))
}

fn clean(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut column = 0usize;
    for c in s.chars() {
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
        if is_unsafe(c) {
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
/// characters would still reach a terminal that shows the JSON. Such
/// characters can only occur inside JSON strings, where `\uXXXX` is valid.
pub fn escape_invisible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c == '\n' || is_clean_inline(c.encode_utf8(&mut [0; 4])) {
            out.push(c);
            continue;
        }
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
