//! A claim's place: its source, section and quote, both selectors checked
//! against the text, and the prefix and suffix around it.

use super::ids::unknown;
use super::{Ctx, Known};
use crate::model::claim::QuoteAt;
use crate::model::load::Origin;
use crate::model::positions::CharIndex;
use crate::model::types::{Claim, QuoteTarget, Section};

/// Longest prefix or suffix allowed, in code points.
pub const CONTEXT_MAX: usize = 32;

/// Checks the claim's source, section and quote; returns the source and
/// section indexes and where the quote lies.
pub(super) fn check_place(
    ctx: &mut Ctx,
    known: &Known,
    c: &Claim,
    o: &Origin,
) -> Option<(u32, u32, QuoteAt)> {
    let Some(&si) = known.ids.sources.get(c.source.as_str()) else {
        ctx.report(o, "claims", &c.id, "source", unknown("source", &c.source));
        return None;
    };
    let title;
    let text = match c.quote.target {
        QuoteTarget::Text => known.texts[si].as_ref(),
        QuoteTarget::Title => {
            title = CharIndex::new(&known.data.sources[si].title);
            Some(&title)
        }
    };
    let Some(text) = text else {
        let msg = format!(
            "source \"{}\" has no text to quote from",
            crate::sanitize::inline(&c.source)
        );
        ctx.report(o, "claims", &c.id, "source", msg);
        return None;
    };
    let source = &known.data.sources[si];
    let section = source.sections.iter().position(|s| s.id == c.section);
    if section.is_none() {
        let msg = format!(
            "unknown section \"{}\" in source \"{}\"",
            crate::sanitize::inline(&c.section),
            crate::sanitize::inline(&source.id)
        );
        ctx.report(o, "claims", &c.id, "section", msg);
    }
    let range = check_quote(ctx, c, text, o);
    let in_text = c.quote.target == QuoteTarget::Text;
    if let (Some(k), Some(_), true) = (section, range, in_text) {
        check_in_section(ctx, c, o, &source.sections[k]);
    }
    let quote = quote_at(c, range?)?;
    Some((si as u32, section.unwrap_or(0) as u32, quote))
}

/// The quote lies inside the claim's section.
fn check_in_section(ctx: &mut Ctx, c: &Claim, o: &Origin, sec: &Section) {
    if c.quote.start < sec.start || c.quote.end > sec.end {
        let msg = format!(
            "quote {}..{} lies outside section \"{}\" ({}..{})",
            c.quote.start,
            c.quote.end,
            crate::sanitize::inline(&sec.id),
            sec.start,
            sec.end
        );
        ctx.report(o, "claims", &c.id, "quote", msg);
    }
}

/// Where the quote lies, compactly; `None` past what 32 bits hold.
fn quote_at(c: &Claim, (byte_start, byte_end): (usize, usize)) -> Option<QuoteAt> {
    Some(QuoteAt {
        start: u32::try_from(c.quote.start).ok()?,
        end: u32::try_from(c.quote.end).ok()?,
        byte_start: u32::try_from(byte_start).ok()?,
        byte_end: u32::try_from(byte_end).ok()?,
        prefix_chars: u8::try_from(c.quote.prefix.chars().count()).unwrap_or(u8::MAX),
        suffix_chars: u8::try_from(c.quote.suffix.chars().count()).unwrap_or(u8::MAX),
    })
}
/// Checks both selectors against the text; returns the quote's byte range.
fn check_quote(ctx: &mut Ctx, c: &Claim, text: &CharIndex, o: &Origin) -> Option<(usize, usize)> {
    let q = &c.quote;
    if q.start > q.end {
        let msg = format!("quote.start {} is after quote.end {}", q.start, q.end);
        ctx.report(o, "claims", &c.id, "quote", msg);
        return None;
    }
    if q.end > text.len() {
        let msg = format!(
            "quote.start..end {}..{} is outside the text (0..{} code points)",
            q.start,
            q.end,
            text.len()
        );
        ctx.report(o, "claims", &c.id, "quote", msg);
        return None;
    }
    let (a, b) = (text.byte(q.start), text.byte(q.end));
    let whole = text.text();
    let found = &whole[a..b];
    if found != q.exact {
        let msg = format!(
            "quote.exact does not match the text at {}..{}: the text there reads \"{}\"",
            q.start,
            q.end,
            crate::sanitize::inline(&shorten(found, 80))
        );
        ctx.report(o, "claims", &c.id, "quote.exact", msg);
        if let Some(at) = text.find_chars(&q.exact) {
            ctx.report(
                o,
                "claims",
                &c.id,
                "quote.start",
                format!(
                    "hint: the exact text occurs at {}..{}",
                    at,
                    at + q.exact.chars().count()
                ),
            );
        }
    }
    // Walk from the quote's ends rather than look the context's offsets up:
    // a million claims make that lookup a measurable part of loading.
    let before = last_chars(&whole[..a], q.prefix.chars().count());
    let after = first_chars(&whole[b..], q.suffix.chars().count());
    check_context(ctx, c, o, "prefix", &q.prefix, before);
    check_context(ctx, c, o, "suffix", &q.suffix, after);
    Some((a, b))
}

/// The last `n` characters of `s` (all of it if shorter).
fn last_chars(s: &str, n: usize) -> &str {
    match n {
        0 => "",
        n => s
            .char_indices()
            .rev()
            .nth(n - 1)
            .map_or(s, |(i, _)| &s[i..]),
    }
}

/// The first `n` characters of `s` (all of it if shorter).
fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn check_context(ctx: &mut Ctx, c: &Claim, o: &Origin, name: &str, given: &str, found: &str) {
    let count = given.chars().count();
    if count > CONTEXT_MAX {
        ctx.report(
            o,
            "claims",
            &c.id,
            &format!("quote.{name}"),
            format!("is {count} code points; at most {CONTEXT_MAX}"),
        );
    }
    if given != found {
        let msg = format!(
            "does not match the text, which reads \"{}\"",
            crate::sanitize::inline(found)
        );
        ctx.report(o, "claims", &c.id, &format!("quote.{name}"), msg);
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_by_characters() {
        assert_eq!(last_chars("ab“cd”", 3), "cd”");
        assert_eq!(last_chars("ab", 5), "ab");
        assert_eq!(last_chars("ab", 0), "");
        assert_eq!(first_chars("“ab” c", 2), "“a");
        assert_eq!(first_chars("ab", 5), "ab");
        assert_eq!(first_chars("ab", 0), "");
    }
}
