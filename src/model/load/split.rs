//! Parsing a large file's claims list on two threads.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::input::Input;
use super::parse::{FileCtx, RawFile, WINDOW, parse_whole};

/// Parsing a large file's claims on two threads: a guess at where a claim
/// starts past the middle of the file, a second thread parsing the claims
/// list from there to the end of the file, and this thread parsing from the
/// top until it reaches that claim. The guess holds only if this thread
/// does reach a claim that starts exactly there and the other thread finds
/// the list, and with it the file, well formed to its end (claims listed
/// last). `None` whenever anything else happens: the caller then parses
/// the file in one pass, which also finds and places every syntax error.
pub(super) fn parse_split<'a>(ctx: &FileCtx<'_, 'a>) -> Option<RawFile<'a>> {
    let bytes = ctx.input.bytes();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if (bytes.len() as u64) < ctx.input.split_min_bytes.max(1) || cores < 2 {
        return None;
    }
    let at = guess_claim_start(bytes, bytes.len() / 2)?;
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let input = ctx.input;
    std::thread::scope(|s| {
        let tail = s.spawn(|| parse_tail(input, at, &cancel));
        let head = FileCtx {
            split: Some(at),
            stopped: std::cell::Cell::new(false),
            head: std::cell::RefCell::new(RawFile::default()),
            released: std::cell::Cell::new(ctx.released.get()),
            ..*ctx
        };
        let parsed = parse_whole(&head);
        if !head.stopped.get() {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = tail.join();
            // No claim started at the guess: this thread parsed it all.
            return parsed.ok();
        }
        let mut raw = head.head.take();
        raw.claims.extend(tail.join().ok()??);
        Some(raw)
    })
}

/// The first `{` after `from` that follows a comma: where a list element
/// may start. Only a guess: it may lie inside a string or a nested list.
fn guess_claim_start(bytes: &[u8], from: usize) -> Option<usize> {
    let window = &bytes[from..bytes.len().min(from + (1 << 20))];
    let mut after_comma = false;
    for (i, &b) in window.iter().enumerate() {
        match b {
            b',' => after_comma = true,
            b'{' if after_comma => return Some(from + i),
            b' ' | b'\n' | b'\r' | b'\t' => {}
            _ => after_comma = false,
        }
    }
    None
}

/// The list elements from `at` to the list's end, if the list is then
/// closed and so is the file: `]`, `}` and nothing but white space.
fn parse_tail<'a>(
    input: &'a Input,
    at: usize,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<Vec<&'a RawValue>> {
    let bytes = input.bytes();
    let skip_ws = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let (mut out, mut pos, mut released) = (Vec::new(), at, at);
    loop {
        if out.len() % 4096 == 0 && cancel.load(std::sync::atomic::Ordering::Relaxed) {
            return None;
        }
        let mut de = serde_json::Deserializer::from_slice(&bytes[pos..]);
        let raw = <&RawValue>::deserialize(&mut de).ok()?;
        if !raw.get().starts_with('{') {
            return None;
        }
        out.push(raw);
        let start = raw.get().as_ptr() as usize - bytes.as_ptr() as usize;
        pos = skip_ws(start + raw.get().len());
        if pos >= released + WINDOW {
            input.release(released..pos);
            released = pos;
        }
        match bytes.get(pos) {
            Some(b',') => pos = skip_ws(pos + 1),
            Some(b']') => break,
            _ => return None,
        }
    }
    let end = skip_ws(pos + 1);
    (bytes.get(end) == Some(&b'}') && skip_ws(end + 1) == bytes.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LoadError;
    use crate::model::load::Locator;

    /// A file whose claims list `parse_split` can cut: `n` claims, one per
    /// line, each `{"id": "cK", "s": TEXT}`.
    fn claims_file(n: usize, text: &str, after: &str) -> Input {
        let claims: Vec<String> = (0..n)
            .map(|k| format!("{{\"id\": \"c{k}\", \"s\": {text}}}"))
            .collect();
        let json = format!(
            "{{\"schema_version\": 1, \"claims\": [\n{}\n]{after}}}\n",
            claims.join(",\n")
        );
        Input {
            split_min_bytes: 0,
            ..Input::new("split.json", json)
        }
    }

    fn ctx_for<'c, 'a>(input: &'a Input, locator: &'c Locator<'c>) -> FileCtx<'c, 'a> {
        FileCtx {
            file: 0,
            input,
            locator,
            released: std::cell::Cell::new(0),
            progress: None,
            split: None,
            stopped: std::cell::Cell::new(false),
            head: std::cell::RefCell::new(RawFile::default()),
        }
    }

    fn claim_texts(raw: &RawFile) -> Vec<String> {
        raw.claims.iter().map(|r| r.get().to_string()).collect()
    }

    #[test]
    fn split_parse_gives_the_claims_of_a_whole_parse() {
        // Braces and commas inside strings must not fool the guess.
        for text in ["\"plain\"", "\"a ,{ b\"", "[{\"x\": 1}, {\"y\": 2}]"] {
            let inputs = [claims_file(1000, text, "")];
            let locator = Locator::new(&inputs);
            let whole = parse_whole(&ctx_for(&inputs[0], &locator)).unwrap();
            let split = parse_split(&ctx_for(&inputs[0], &locator)).expect("split");
            assert_eq!(claim_texts(&split), claim_texts(&whole), "{text}");
            assert_eq!(split.claims.len(), 1000);
        }
    }

    #[test]
    fn split_parse_gives_up_unless_claims_close_the_file() {
        let inputs = [
            claims_file(1000, "1", ", \"themes\": []"),
            claims_file(1000, "1", "]"),
        ];
        let locator = Locator::new(&inputs);
        for input in &inputs {
            assert!(parse_split(&ctx_for(input, &locator)).is_none());
        }
        // The whole parse still reads the first file, and places the error
        // of the second.
        assert_eq!(
            parse_whole(&ctx_for(&inputs[0], &locator))
                .unwrap()
                .claims
                .len(),
            1000
        );
        let err = load_err_of(claims_file(1000, "1", "]"));
        assert!(
            err.problems[0].message.starts_with("JSON syntax error"),
            "{err}"
        );
    }

    fn load_err_of(input: Input) -> LoadError {
        crate::model::load_inputs(vec![input]).unwrap_err()
    }
}
