#![no_main]
//! The sanitiser: nothing that could drive a terminal survives it.

use libfuzzer_sys::fuzz_target;
use stratlens::sanitize::{inline, multiline};

fn dangerous(c: char) -> bool {
    let cp = c as u32;
    c.is_control()
        || cp == 0x200B
        || (0x200E..=0x200F).contains(&cp)
        || (0x202A..=0x202E).contains(&cp)
        || (0x2066..=0x2069).contains(&cp)
}

/// ZWJ and ZWNJ may stay only between two visible non-ASCII characters.
fn stray_joiner(out: &str) -> bool {
    let chars: Vec<char> = out.chars().collect();
    let visible = |c: Option<&char>| {
        c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !dangerous(*c))
    };
    (0..chars.len()).any(|i| {
        matches!(chars[i], '\u{200c}' | '\u{200d}')
            && !(i > 0 && visible(chars.get(i - 1)) && visible(chars.get(i + 1)))
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let one = inline(&text);
    assert!(!one.chars().any(dangerous));
    assert!(!stray_joiner(&one));
    let many = multiline(&text);
    assert!(!many.chars().any(|c| c != '\n' && dangerous(c)));
    assert!(!stray_joiner(&many));
});
