//! Pretty JSON written as it is made, byte for byte what
//! `escape_invisible(to_string_pretty(value))` and a newline would be.
//! A search or export of hundreds of thousands of claims would otherwise
//! hold a tree of values for every claim and the whole text at once
//! (2.5 GB for a JSON briefing of 100,000 claims); here each claim's value
//! lives only while it is written.

use std::cell::RefCell;
use std::io::{self, BufWriter, Write};

use serde::{Serialize, Serializer};
use serde_json::ser::PrettyFormatter;

/// Writes `value` as pretty JSON, the characters the sanitiser marks
/// escaped, and a newline.
pub fn write_pretty<W, T>(out: &mut W, value: &T) -> io::Result<()>
where
    W: Write + ?Sized,
    T: Serialize + ?Sized,
{
    let mut escaping = Escaping::new(out);
    // Buffered so that the escaper gets runs, not serde's tokens.
    let mut tokens = BufWriter::with_capacity(64 << 10, &mut escaping);
    let mut ser = serde_json::Serializer::with_formatter(&mut tokens, PrettyFormatter::new());
    value.serialize(&mut ser)?;
    tokens.flush()?;
    drop(tokens);
    // Pretty JSON ends in `]`, `}` or a scalar, never a newline.
    escaping.finish()?.write_all(b"\n")
}

/// A list written from an iterator: each item is made, written and
/// dropped in turn. Serialised once; a second time it is empty. In a
/// derived struct it needs `#[serde(bound(serialize = ""))]`, as the
/// iterator itself is not `Serialize`.
pub struct Seq<I>(RefCell<Option<I>>);

impl<I> Seq<I> {
    pub fn new(items: I) -> Self {
        Seq(RefCell::new(Some(items)))
    }
}

impl<I> Serialize for Seq<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(items) => s.collect_seq(items),
            None => s.collect_seq(std::iter::empty::<I::Item>()),
        }
    }
}

/// A writer that passes JSON text through `escape_invisible` a run of
/// whole lines at a time. Cutting after a newline changes nothing: the
/// sanitiser judges a character by its neighbours, and a newline is never
/// kept as a neighbour, so the text after it is judged as from a start.
struct Escaping<W: Write> {
    out: W,
    pending: Vec<u8>,
}

impl<W: Write> Escaping<W> {
    fn new(out: W) -> Self {
        Escaping {
            out,
            pending: Vec::new(),
        }
    }

    /// Escapes and writes the first `n` pending bytes, which end at a
    /// character boundary.
    fn write_pending(&mut self, n: usize) -> io::Result<()> {
        let text = std::str::from_utf8(&self.pending[..n])
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        self.out
            .write_all(crate::sanitize::escape_invisible(text).as_bytes())?;
        self.pending.drain(..n);
        Ok(())
    }

    /// Writes what is pending and gives the writer back.
    fn finish(mut self) -> io::Result<W> {
        self.write_pending(self.pending.len())?;
        Ok(self.out)
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Enough to make each escape and write worth its call.
        const RUN: usize = 64 << 10;
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= RUN
            && let Some(last) = self.pending.iter().rposition(|&b| b == b'\n')
        {
            self.write_pending(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn at_once(value: &Value) -> String {
        crate::sanitize::escape_invisible(&serde_json::to_string_pretty(value).unwrap()) + "\n"
    }

    fn written<T: Serialize>(value: &T) -> String {
        let mut out = Vec::new();
        write_pretty(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Joiners and selectors are judged by their neighbours, bidi marks
    /// and controls are escaped, newlines inside strings are `\n`.
    fn item(i: usize) -> Value {
        json!({
            "id": format!("c{i}"),
            "text": "Ko\u{200d}sovo \u{202e}x\u{1b}y 👨\u{200d}👩 ❤\u{fe0f} line\nnext",
            "list": [i, {"empty": {}}, []],
            "none": [],
        })
    }

    #[test]
    fn a_streamed_list_comes_out_as_the_whole_array_escaped() {
        // Many items so that the text is cut into runs more than once.
        let items: Vec<Value> = (0..3000).map(item).collect();
        let whole = at_once(&Value::Array(items.clone()));
        assert!(whole.len() > 200_000, "cut into several runs");
        assert_eq!(written(&Seq::new(items.into_iter())), whole);
    }

    #[test]
    fn a_list_inside_an_object_comes_out_in_its_place() {
        #[derive(Serialize)]
        #[serde(bound(serialize = ""))]
        struct Doc<I: Iterator<Item = Value>> {
            claims: Seq<I>,
            title: &'static str,
        }
        let items: Vec<Value> = (0..5).map(item).collect();
        let doc = Doc {
            claims: Seq::new(items.clone().into_iter()),
            title: "t\u{202e}",
        };
        let whole = at_once(&json!({"claims": items, "title": "t\u{202e}"}));
        assert_eq!(written(&doc), whole);
    }

    #[test]
    fn an_empty_list_is_an_empty_array() {
        assert_eq!(written(&Seq::new(std::iter::empty::<Value>())), "[]\n");
    }
}
