//! Editing one line of text at a caret counted in characters.

use super::action::Edit;

/// Byte offset of character `caret` of `s`.
fn byte_at(s: &str, caret: usize) -> usize {
    s.char_indices().nth(caret).map_or(s.len(), |(b, _)| b)
}

/// Applies `e` to `text` with its caret.
pub fn apply(text: &mut String, caret: &mut usize, e: Edit) {
    let len = text.chars().count();
    *caret = (*caret).min(len);
    match e {
        Edit::Input(c) => {
            // A pasted line break or tab becomes a space: fields are one line.
            let c = if c.is_control() { ' ' } else { c };
            text.insert(byte_at(text, *caret), c);
            *caret += 1;
        }
        Edit::Left => *caret = caret.saturating_sub(1),
        Edit::Right => *caret = (*caret + 1).min(len),
        Edit::Home => *caret = 0,
        Edit::End => *caret = len,
        Edit::Backspace if *caret > 0 => {
            let at = byte_at(text, *caret - 1);
            text.remove(at);
            *caret -= 1;
        }
        Edit::Delete if *caret < len => {
            let at = byte_at(text, *caret);
            text.remove(at);
        }
        Edit::Clear => {
            text.clear();
            *caret = 0;
        }
        Edit::Backspace | Edit::Delete => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_caret_in_characters() {
        let (mut t, mut c) = (String::from("a–c"), 3);
        apply(&mut t, &mut c, Edit::Left);
        apply(&mut t, &mut c, Edit::Backspace);
        assert_eq!((t.as_str(), c), ("ac", 1));
        apply(&mut t, &mut c, Edit::Input('—'));
        apply(&mut t, &mut c, Edit::Home);
        apply(&mut t, &mut c, Edit::Delete);
        assert_eq!((t.as_str(), c), ("—c", 0));
        apply(&mut t, &mut c, Edit::End);
        apply(&mut t, &mut c, Edit::Input('\n'));
        apply(&mut t, &mut c, Edit::Delete);
        assert_eq!((t.as_str(), c), ("—c ", 3));
        apply(&mut t, &mut c, Edit::Clear);
        assert_eq!((t.as_str(), c), ("", 0));
    }
}
