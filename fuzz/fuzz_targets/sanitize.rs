#![no_main]
//! The sanitiser: nothing that could drive a terminal survives it.

use libfuzzer_sys::fuzz_target;
use stratlens::sanitize::{inline, multiline};

fn dangerous(c: char) -> bool {
    let cp = c as u32;
    c.is_control()
        || (0x200B..=0x200F).contains(&cp)
        || (0x202A..=0x202E).contains(&cp)
        || (0x2066..=0x2069).contains(&cp)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    assert!(!inline(&text).chars().any(dangerous));
    assert!(!multiline(&text).chars().any(|c| c != '\n' && dangerous(c)));
});
