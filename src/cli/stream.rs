//! Long answers written as they are made, byte for byte what [`super::emit`]
//! and [`super::emit_json`] print for the whole answer at once: a search
//! that matches 400,000 claims of a large dataset would otherwise hold
//! every row, their join and (for JSON) a tree of values and its text in
//! memory together. The cache entry's pages the rows read are handed back
//! every [`RELEASE_EVERY`] items for the same reason.

use std::io::{BufWriter, Write};

use serde::Serializer;
use serde_json::Value;
use serde_json::ser::PrettyFormatter;

use super::CliError;

/// Items written between two hand-backs of the cache entry's pages: each
/// hand-back costs a walk of the map and the faults to read pages again,
/// so not too often; between two, JSON items (which read their quote and
/// its context from the source text) read some tens of MB.
const RELEASE_EVERY: usize = 2048;

/// `items` with the cache entry's pages handed back every
/// [`RELEASE_EVERY`] of them.
fn handing_back<I: Iterator>(items: I) -> impl Iterator<Item = I::Item> {
    items.enumerate().map(|(i, item)| {
        if i > 0 && i % RELEASE_EVERY == 0 {
            crate::cache::release_mapped();
        }
        item
    })
}

/// Prints `lines` as `emit(&lines.join("\n"))` does, one at a time.
pub(super) fn emit_lines(lines: impl Iterator<Item = String>) -> Result<(), CliError> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_lines(&mut out, lines)?;
    out.flush()?;
    Ok(())
}

fn write_lines(out: &mut impl Write, lines: impl Iterator<Item = String>) -> std::io::Result<()> {
    // Whether the text so far ends with a newline: emit adds one if not.
    let mut ends_in_newline = false;
    for (i, line) in handing_back(lines).enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            ends_in_newline = true;
        }
        out.write_all(line.as_bytes())?;
        if !line.is_empty() {
            ends_in_newline = line.ends_with('\n');
        }
    }
    if !ends_in_newline {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Prints `items` as `emit_json(&Value::Array(items))` does, one at a
/// time.
pub(super) fn emit_json_items(items: impl Iterator<Item = Value>) -> Result<(), CliError> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_json_items(&mut out, items)?;
    out.flush()?;
    Ok(())
}

fn write_json_items(
    out: &mut impl Write,
    items: impl Iterator<Item = Value>,
) -> std::io::Result<()> {
    let mut escaping = Escaping {
        out,
        pending: Vec::new(),
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut escaping, PrettyFormatter::new());
    ser.collect_seq(handing_back(items))?;
    escaping.write_pending(escaping.pending.len())?;
    // A pretty array ends in `]`, never a newline: emit adds one.
    escaping.out.write_all(b"\n")
}

/// A writer that passes JSON text through `escape_invisible` a run of
/// whole lines at a time. Cutting after a newline changes nothing: the
/// sanitiser judges a character by its neighbours, and a newline is never
/// kept as a neighbour, so the text after it is judged as from a start.
struct Escaping<'a, W: Write> {
    out: &'a mut W,
    pending: Vec<u8>,
}

impl<W: Write> Escaping<'_, W> {
    /// Escapes and writes the first `n` pending bytes, which end at a
    /// character boundary.
    fn write_pending(&mut self, n: usize) -> std::io::Result<()> {
        let text = std::str::from_utf8(&self.pending[..n])
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        self.out
            .write_all(crate::sanitize::escape_invisible(text).as_bytes())?;
        self.pending.drain(..n);
        Ok(())
    }
}

impl<W: Write> Write for Escaping<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
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

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at_once_text(lines: &[&str]) -> Vec<u8> {
        let text = lines.join("\n");
        let mut out = text.clone().into_bytes();
        if !text.ends_with('\n') {
            out.push(b'\n');
        }
        out
    }

    #[test]
    fn lines_come_out_as_joined() {
        for lines in [
            vec!["a"],
            vec!["a", "b"],
            vec!["a", ""],
            vec!["a\n"],
            vec!["a\n", ""],
            vec!["", ""],
        ] {
            let mut out = Vec::new();
            write_lines(&mut out, lines.iter().map(|s| s.to_string())).unwrap();
            assert_eq!(out, at_once_text(&lines), "{lines:?}");
        }
    }

    #[test]
    fn json_comes_out_as_the_whole_array_escaped() {
        // Joiners and selectors are judged by their neighbours, bidi marks
        // and controls are escaped, newlines inside strings are `\n`; many
        // items so that the text is cut into runs more than once.
        let items: Vec<Value> = (0..3000)
            .map(|i| {
                json!({
                    "id": format!("c{i}"),
                    "text": "Ko\u{200d}sovo \u{202e}x\u{1b}y 👨\u{200d}👩 ❤\u{fe0f} line\nnext",
                    "list": [i, {"empty": {}}, []],
                    "none": [],
                })
            })
            .collect();
        let whole = crate::sanitize::escape_invisible(
            &serde_json::to_string_pretty(&Value::Array(items.clone())).unwrap(),
        ) + "\n";
        let mut out = Vec::new();
        write_json_items(&mut out, items.into_iter()).unwrap();
        assert!(whole.len() > 200_000, "cut into several runs");
        assert_eq!(String::from_utf8(out).unwrap(), whole);
    }

    #[test]
    fn an_empty_json_list_is_an_empty_array() {
        let mut out = Vec::new();
        write_json_items(&mut out, std::iter::empty()).unwrap();
        assert_eq!(out, b"[]\n");
    }
}
