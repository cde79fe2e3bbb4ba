//! Long answers written as they are made, byte for byte what [`super::emit`]
//! and [`super::emit_json`] print for the whole answer at once: a search
//! that matches 400,000 claims of a large dataset would otherwise hold
//! every row, their join and (for JSON) a tree of values and its text in
//! memory together. The cache entry's pages the rows read are handed back
//! as they go (see [`crate::cache::handing_back`]) for the same reason.

use std::io::{BufWriter, Write};

use serde_json::Value;

use super::CliError;
use crate::cache::{CLAIMS_PER_RELEASE, ROWS_PER_RELEASE, handing_back};
use crate::json_out::{Seq, write_pretty};

/// Prints `lines` as `emit(&lines.join("\n"))` does, one at a time.
pub(super) fn emit_lines(lines: impl Iterator<Item = String>) -> Result<(), CliError> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_lines(&mut out, handing_back(lines, ROWS_PER_RELEASE))?;
    out.flush()?;
    Ok(())
}

fn write_lines(out: &mut impl Write, lines: impl Iterator<Item = String>) -> std::io::Result<()> {
    // Whether the text so far ends with a newline: emit adds one if not.
    let mut ends_in_newline = false;
    for (i, line) in lines.enumerate() {
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
/// time; each item is a whole claim.
pub(super) fn emit_json_items(items: impl Iterator<Item = Value>) -> Result<(), CliError> {
    let items = Seq::new(handing_back(items, CLAIMS_PER_RELEASE));
    emit_with(|out| write_pretty(out, &items))
}

/// Prints what `write` writes as it writes it; a closed pipe ends quietly,
/// as for [`super::emit`]. What is written ends in a newline.
pub(super) fn emit_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    write(&mut out)?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
