//! Copying over SSH and tmux: OSC 52 asks the user's own terminal to set its
//! clipboard, so it works where no local clipboard exists.

use base64::Engine;

/// The escape sequence that sets the clipboard to `text`. The text is
/// sanitised first: only plain text and line breaks are ever sent.
pub fn osc52(text: &str) -> String {
    let clean = crate::sanitize::multiline(text);
    let b64 = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    // BEL ends the sequence: every terminal that knows OSC 52 accepts it,
    // and tmux (set-clipboard, on by default for applications) passes it on.
    format!("\u{1b}]52;c;{b64}\u{7}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(seq: &str) -> String {
        let body = seq.strip_prefix("\u{1b}]52;c;").unwrap();
        let body = body.strip_suffix('\u{7}').unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn encodes_text_as_base64_in_an_osc52_sequence() {
        let seq = osc52("Kosovo–Serbia “quote”\nline two");
        assert!(seq.starts_with("\u{1b}]52;c;"));
        assert_eq!(payload(&seq), "Kosovo–Serbia “quote”\nline two");
    }

    #[test]
    fn payload_is_sanitised() {
        let seq = osc52("evil\u{1b}]52;c;AAAA\u{7}\u{202e}");
        let text = payload(&seq);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'));
        assert_eq!(text, "evil␛]52;c;AAAA␇⟨U+202E⟩");
    }
}
