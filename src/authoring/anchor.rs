//! Anchoring a quote in a source text: where exactly the words an analyst
//! copied stand, in code points, and what the text itself reads there.
//!
//! A quote found once, as it is, is anchored. Found several times, its
//! prefix, suffix or start position choose. Not found as it is, it is looked
//! for again with quote marks, dashes and white space made plain (the
//! characters a copy from a web page or a PDF changes most), and anchored on
//! the text's own characters: the stored `exact` is always the text's slice,
//! never the input's. Pure functions, no I/O.

use crate::model::links::plain;
use crate::model::load::line_col;
use crate::model::positions::chars_before;

/// Code points of context kept before and after a quote (the schema's limit).
pub const CONTEXT: usize = 32;

/// What helps choose among several matches (W3C TextQuoteSelector prefix
/// and suffix, TextPositionSelector start).
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    pub prefix: Option<&'a str>,
    pub suffix: Option<&'a str>,
    /// Code point offset where the quote is expected to start.
    pub start: Option<usize>,
}

/// What differed between the quote as given and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    QuoteMarks,
    Dashes,
    Whitespace,
    LineBreaks,
}

impl Difference {
    pub fn label(self) -> &'static str {
        match self {
            Difference::QuoteMarks => "quote marks",
            Difference::Dashes => "dashes",
            Difference::Whitespace => "white space",
            Difference::LineBreaks => "line breaks",
        }
    }
}

/// How one of several matches was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decider {
    Position,
    Context,
}

/// Where a quote lies in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// Code points, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Bytes, end exclusive.
    pub byte_start: usize,
    pub byte_end: usize,
    /// Empty when the quote was found as it is.
    pub normalised: Vec<Difference>,
    /// Set when the quote occurs more than once.
    pub decided_by: Option<Decider>,
    /// How many times the quote occurs.
    pub matches: usize,
}

impl Anchor {
    /// "quote marks and line breaks"
    pub fn normalised_label(&self) -> String {
        join_and(self.normalised.iter().map(|d| d.label()).collect())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorError {
    Empty,
    /// Not found, even made plain; where its longest found start is, if
    /// that is long enough to help.
    NotFound(Option<Closest>),
    /// Several matches and nothing to choose between them: the line (in the
    /// source text) and code point start of each.
    Ambiguous {
        lines: Vec<usize>,
        starts: Vec<usize>,
    },
}

/// Where the longest start of a quote that is not found stands: what to
/// look at to mend a quote with a typo or a word left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closest {
    /// Code points of the quote (made plain) that match.
    pub matched: usize,
    pub of: usize,
    /// Line of the source text where the match starts.
    pub line: usize,
    /// How the text goes on after the match, and how the quote does.
    pub text_then: String,
    pub quote_then: String,
}

/// A start shorter than this is no help.
const CLOSEST_MIN: usize = 8;
/// How much of the two continuations to show.
const THEN: usize = 24;

impl std::fmt::Display for AnchorError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            AnchorError::Empty => write!(f, "the quote is empty"),
            AnchorError::NotFound(closest) => {
                write!(
                    f,
                    "quote not found in the source text, not even with quote marks, dashes \
                     and white space made plain"
                )?;
                if let Some(c) = closest {
                    write!(
                        f,
                        "; its first {} of {} characters are at line {}, where the text goes \
                         on \"{}\" and the quote \"{}\"",
                        c.matched, c.of, c.line, c.text_then, c.quote_then
                    )?;
                }
                Ok(())
            }
            AnchorError::Ambiguous { lines, starts } => {
                let at: Vec<String> = lines
                    .iter()
                    .zip(starts)
                    .map(|(l, s)| format!("line {l} (code point {s})"))
                    .collect();
                write!(
                    f,
                    "quote occurs {} times in the source text, at {}; give a prefix, suffix \
                     or start that picks one",
                    lines.len(),
                    join_and(at)
                )
            }
        }
    }
}

impl std::error::Error for AnchorError {}

/// "a", "a and b", "a, b and c"
pub fn join_and(items: Vec<impl AsRef<str>>) -> String {
    let items: Vec<&str> = items.iter().map(|s| s.as_ref()).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Finds `quote` in `text` (see the module's documentation).
pub fn anchor(text: &str, quote: &str, hints: &Hints) -> Result<Anchor, AnchorError> {
    if quote.trim().is_empty() {
        return Err(AnchorError::Empty);
    }
    let mut found = find_all(text, quote);
    let mut normalised = false;
    if found.is_empty() {
        let folded_text = Folded::new(text);
        let folded_quote = Folded::new(quote.trim()).s;
        found = find_all(&folded_text.s, &folded_quote)
            .into_iter()
            .map(|(a, b)| (folded_text.origin[a].0, folded_text.origin[b - 1].1))
            .collect();
        normalised = true;
    }
    if found.is_empty() {
        return Err(AnchorError::NotFound(closest(text, quote)));
    }
    let ((a, b), decided_by) = choose(text, &found, hints)?;
    let start = chars_before(text, a);
    let slice = &text[a..b];
    Ok(Anchor {
        start,
        end: start + slice.chars().count(),
        byte_start: a,
        byte_end: b,
        normalised: if normalised {
            differences(quote, slice)
        } else {
            Vec::new()
        },
        decided_by,
        matches: found.len(),
    })
}

/// The longest start of `quote` (made plain) that the text (made plain)
/// holds, when it is at least [`CLOSEST_MIN`] code points long.
fn closest(text: &str, quote: &str) -> Option<Closest> {
    let folded_text = Folded::new(text);
    let q = Folded::new(quote.trim()).s;
    let ends: Vec<usize> = q.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    // Whether the first k code points are found only shrinks as k grows.
    let found = |k: usize| folded_text.s.find(&q[..ends[k - 1]]);
    let (mut lo, mut hi) = (0, ends.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if found(mid).is_some() {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo < CLOSEST_MIN {
        return None;
    }
    let at = found(lo)?;
    let end = folded_text.origin[at + ends[lo - 1] - 1].1;
    let shorten = |s: &str| -> String {
        let mut out: String = s.chars().take(THEN).collect();
        if s.chars().count() > THEN {
            out.push('…');
        }
        out
    };
    Some(Closest {
        matched: lo,
        of: ends.len(),
        line: line_col(text, folded_text.origin[at].0).0,
        text_then: shorten(&plain_spaces(&text[end..], THEN + 1)),
        quote_then: shorten(&q[ends[lo - 1]..]),
    })
}

/// The start of `s`, up to `n` words' worth of characters, with each run of
/// white space one space (the text's own quote marks and dashes kept).
fn plain_spaces(s: &str, n: usize) -> String {
    let head: String = s.chars().take(4 * n).collect();
    head.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to [`CONTEXT`] code points of `text` before and after the byte range.
pub fn context(text: &str, byte_start: usize, byte_end: usize) -> (String, String) {
    let before = &text[..byte_start];
    let cut = before
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let prefix = before[cut..].to_string();
    let suffix = text[byte_end..].chars().take(CONTEXT).collect();
    (prefix, suffix)
}

/// Every occurrence of `needle` in `hay`, overlapping ones too, as byte ranges.
fn find_all(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let at = from + i;
        out.push((at, at + needle.len()));
        from = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// A text with quote marks, dashes and white space made plain (a run of
/// white space is one space), and for each of its bytes the byte range of
/// the original character (or white-space run) it stands for.
struct Folded {
    s: String,
    origin: Vec<(usize, usize)>,
}

impl Folded {
    fn new(text: &str) -> Folded {
        let mut s = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (b, ch) in text.char_indices() {
            let end = b + ch.len_utf8();
            // Quote marks and dashes made plain, any white space a space.
            let c = match plain(ch) {
                c if c.is_whitespace() => ' ',
                c => c,
            };
            if c == ' ' && s.ends_with(' ') {
                if let Some(last) = origin.last_mut() {
                    let last: &mut (usize, usize) = last;
                    last.1 = end;
                }
                continue;
            }
            s.push(c);
            origin.extend(std::iter::repeat_n((b, end), c.len_utf8()));
        }
        Folded { s, origin }
    }
}

/// `s` made plain and trimmed, for comparing context.
fn folded(s: &str) -> String {
    Folded::new(s).s.trim().to_string()
}

fn choose(
    text: &str,
    found: &[(usize, usize)],
    hints: &Hints,
) -> Result<((usize, usize), Option<Decider>), AnchorError> {
    if let [only] = found {
        return Ok((*only, None));
    }
    let starts: Vec<usize> = found.iter().map(|&(a, _)| chars_before(text, a)).collect();
    if let Some(want) = hints.start
        && let Some(k) = starts.iter().position(|&s| s == want)
    {
        return Ok((found[k], Some(Decider::Position)));
    }
    let scores: Vec<usize> = found
        .iter()
        .map(|&(a, b)| context_score(text, a, b, hints))
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    if best > 0 && scores.iter().filter(|&&s| s == best).count() == 1 {
        let k = scores.iter().position(|&s| s == best).unwrap_or(0);
        return Ok((found[k], Some(Decider::Context)));
    }
    Err(AnchorError::Ambiguous {
        lines: found.iter().map(|&(a, _)| line_col(text, a).0).collect(),
        starts,
    })
}

/// How many of the prefix and suffix hints agree with the text around a
/// match (compared made plain, so a copy's typography does not matter).
fn context_score(text: &str, a: usize, b: usize, hints: &Hints) -> usize {
    let window = 2 * CONTEXT;
    let mut score = 0;
    if let Some(p) = hints.prefix.map(folded).filter(|p| !p.is_empty()) {
        let before = &text[..a];
        let cut = before
            .char_indices()
            .rev()
            .nth(window + p.chars().count())
            .map(|(i, _)| i);
        let near = folded(&before[cut.unwrap_or(0)..]);
        if near.ends_with(&p) || (cut.is_none() && p.ends_with(&near)) {
            score += 1;
        }
    }
    if let Some(s) = hints.suffix.map(folded).filter(|s| !s.is_empty()) {
        let after = &text[b..];
        let cut = after.char_indices().nth(window + s.chars().count());
        let near = folded(&after[..cut.map_or(after.len(), |(i, _)| i)]);
        if near.starts_with(&s) || (cut.is_none() && s.starts_with(&near)) {
            score += 1;
        }
    }
    score
}

/// What made `quote` differ from the text's `slice` it was anchored on.
fn differences(quote: &str, slice: &str) -> Vec<Difference> {
    let class = |s: &str, want: char| -> String {
        s.chars()
            .filter(|&c| !c.is_whitespace() && plain(c) == want)
            .collect()
    };
    let mut out = Vec::new();
    if class(quote, '\'') != class(slice, '\'') || class(quote, '"') != class(slice, '"') {
        out.push(Difference::QuoteMarks);
    }
    if class(quote, '-') != class(slice, '-') {
        out.push(Difference::Dashes);
    }
    let runs = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_whitespace())
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect()
    };
    let quote_trimmed = quote.trim();
    let breaks = |s: &str| s.matches('\n').count();
    if breaks(quote_trimmed) != breaks(slice) {
        out.push(Difference::LineBreaks);
    } else if runs(quote_trimmed) != runs(slice) || quote_trimmed.len() != quote.len() {
        out.push(Difference::Whitespace);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The strategy’s aim is “stability”.\nIt seeks\nstability in the region.\n\
                        The Kosovo–Serbia deal holds. Later, stability in the region returns.";

    fn at(text: &str, quote: &str, hints: Hints) -> Result<(usize, usize), AnchorError> {
        anchor(text, quote, &hints).map(|a| (a.start, a.end))
    }

    #[test]
    fn a_unique_exact_quote_is_anchored_as_it_is() {
        let a = anchor(TEXT, "Kosovo–Serbia deal", &Hints::default()).unwrap();
        assert_eq!(&TEXT[a.byte_start..a.byte_end], "Kosovo–Serbia deal");
        let start = TEXT.chars().position(|c| c == 'K').unwrap();
        assert_eq!((a.start, a.end), (start, start + 18));
        assert!(a.normalised.is_empty());
        assert_eq!((a.decided_by, a.matches), (None, 1));
    }

    #[test]
    fn plain_quote_marks_dashes_and_spaces_anchor_on_the_texts_characters() {
        let a = anchor(TEXT, "strategy's aim is \"stability\"", &Hints::default()).unwrap();
        assert_eq!(
            &TEXT[a.byte_start..a.byte_end],
            "strategy’s aim is “stability”"
        );
        assert_eq!(a.normalised, vec![Difference::QuoteMarks]);
        let a = anchor(TEXT, "It seeks stability", &Hints::default()).unwrap();
        assert_eq!(&TEXT[a.byte_start..a.byte_end], "It seeks\nstability");
        assert_eq!(a.normalised, vec![Difference::LineBreaks]);
        assert_eq!(a.normalised_label(), "line breaks");
        let a = anchor(TEXT, "  The Kosovo-Serbia   deal ", &Hints::default()).unwrap();
        assert_eq!(&TEXT[a.byte_start..a.byte_end], "The Kosovo–Serbia deal");
        assert_eq!(
            a.normalised,
            vec![Difference::Dashes, Difference::Whitespace]
        );
        assert_eq!(a.normalised_label(), "dashes and white space");
    }

    #[test]
    fn several_matches_are_decided_by_position_or_context() {
        let quote = "stability in the region";
        let err = at(TEXT, quote, Hints::default()).unwrap_err();
        assert_eq!(
            err,
            AnchorError::Ambiguous {
                lines: vec![3, 4],
                starts: vec![44, 106]
            }
        );
        assert!(
            err.to_string()
                .contains("line 3 (code point 44) and line 4")
        );
        let by_start = Hints {
            start: Some(106),
            ..Hints::default()
        };
        assert_eq!(at(TEXT, quote, by_start).unwrap(), (106, 129));
        let by_prefix = Hints {
            prefix: Some("It seeks "),
            ..Hints::default()
        };
        assert_eq!(at(TEXT, quote, by_prefix).unwrap(), (44, 67));
        let by_suffix = Hints {
            suffix: Some(" returns"),
            ..Hints::default()
        };
        let a = anchor(TEXT, quote, &by_suffix).unwrap();
        assert_eq!(
            (a.start, a.decided_by, a.matches),
            (106, Some(Decider::Context), 2)
        );
        // A position that is no match's start decides nothing.
        let wrong = Hints {
            start: Some(3),
            ..Hints::default()
        };
        assert!(at(TEXT, quote, wrong).is_err());
    }

    #[test]
    fn overlapping_matches_count() {
        assert!(matches!(
            at("abababa", "aba", Hints::default()),
            Err(AnchorError::Ambiguous { .. })
        ));
    }

    #[test]
    fn missing_and_empty_quotes_are_errors() {
        assert_eq!(
            at(TEXT, "not there", Hints::default()),
            Err(AnchorError::NotFound(None))
        );
        let err = at(TEXT, "It seeks stability in the Balkans", Hints::default()).unwrap_err();
        assert_eq!(
            err,
            AnchorError::NotFound(Some(Closest {
                matched: 26,
                of: 33,
                line: 2,
                text_then: "region. The Kosovo–Serbi…".into(),
                quote_then: "Balkans".into(),
            }))
        );
        assert!(
            err.to_string()
                .ends_with("its first 26 of 33 characters are at line 2, where the text goes on \"region. The Kosovo–Serbi…\" and the quote \"Balkans\""),
            "{err}"
        );
        assert_eq!(at(TEXT, " \n", Hints::default()), Err(AnchorError::Empty));
        // Case is not ignored: a quote is verbatim.
        assert_eq!(
            at(TEXT, "the kosovo", Hints::default()),
            Err(AnchorError::NotFound(None))
        );
    }

    #[test]
    fn context_is_32_code_points_or_what_there_is() {
        let text = "x".repeat(40) + "’QUOTE’" + &"y".repeat(5);
        let a = anchor(&text, "QUOTE", &Hints::default()).unwrap();
        let (p, s) = context(&text, a.byte_start, a.byte_end);
        assert_eq!(p, "x".repeat(31) + "’");
        assert_eq!(s, "’yyyyy");
        let (p, _) = context("ab", 0, 1);
        assert_eq!(p, "");
    }

    #[test]
    fn joins_lists_in_words() {
        assert_eq!(join_and(Vec::<&str>::new()), "");
        assert_eq!(join_and(vec!["a"]), "a");
        assert_eq!(join_and(vec!["a", "b", "c"]), "a, b and c");
    }
}
