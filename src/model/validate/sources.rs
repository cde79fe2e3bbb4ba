//! The rules over sources: dates, `about` links, the text's SHA-256 and
//! its sections.

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use super::ids::{is_valid_id, unknown};
use super::{Ctx, Ids, is_date};
use crate::model::load::Origin;
use crate::model::positions::CharIndex;
use crate::model::types::Source;

pub(super) fn check_source(
    ctx: &mut Ctx,
    ids: &Ids,
    s: &Source,
    text: Option<&CharIndex>,
    o: &Origin,
) {
    // Strategies are often dated by month only ("JULY 1994").
    if let Some(p) = &s.published
        && !(p.len() >= 7 && is_date(p))
    {
        ctx.report(
            o,
            "sources",
            &s.id,
            "published",
            "must be a date YYYY-MM-DD or YYYY-MM, or null".into(),
        );
    }
    for (k, about) in s.about.iter().enumerate() {
        if !ids.sources.contains_key(about.as_str()) {
            ctx.report(
                o,
                "sources",
                &s.id,
                &format!("about[{k}]"),
                unknown("source", about),
            );
        }
    }
    check_text(ctx, s, o);
    check_sections(ctx, s, text, o);
}

/// The text's SHA-256, when given, matches it; the text fits in 4 GiB.
fn check_text(ctx: &mut Ctx, s: &Source, o: &Origin) {
    if let (Some(t), Some(want)) = (&s.text, &s.text_sha256) {
        let got = hex(&Sha256::digest(t.as_bytes()));
        if !got.eq_ignore_ascii_case(want) {
            ctx.report(
                o,
                "sources",
                &s.id,
                "text_sha256",
                format!("does not match the text (its SHA-256 is {got})"),
            );
        }
    }
    if s.text
        .as_ref()
        .is_some_and(|t| u32::try_from(t.len()).is_err())
    {
        ctx.report(
            o,
            "sources",
            &s.id,
            "text",
            "is over 4 GiB; texts up to 4 GiB can be quoted".into(),
        );
    }
    if s.text.is_none() && s.text_sha256.is_some() {
        ctx.report(
            o,
            "sources",
            &s.id,
            "text_sha256",
            "given, but the source has no text".into(),
        );
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check_sections(ctx: &mut Ctx, s: &Source, text: Option<&CharIndex>, o: &Origin) {
    if s.sections.is_empty() {
        return;
    }
    let Some(text) = text else {
        ctx.report(
            o,
            "sources",
            &s.id,
            "sections",
            "sections given, but the source has no text".into(),
        );
        return;
    };
    let mut seen = HashSet::new();
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (k, sec) in s.sections.iter().enumerate() {
        let field = format!("sections[{k}]");
        if !is_valid_id(&sec.id) || !seen.insert(sec.id.as_str()) {
            ctx.report(
                o,
                "sources",
                &s.id,
                &field,
                format!(
                    "section id \"{}\" is invalid or repeated",
                    crate::sanitize::inline(&sec.id)
                ),
            );
        }
        if sec.start > sec.end || sec.end > text.len() {
            let msg = format!(
                "span {}..{} is outside the text (0..{} code points)",
                sec.start,
                sec.end,
                text.len()
            );
            ctx.report(o, "sources", &s.id, &field, msg);
            continue;
        }
        spans.push((sec.start, sec.end, k));
    }
    spans.sort();
    for pair in spans.windows(2) {
        let ((_, a_end, a), (b_start, _, b)) = (pair[0], pair[1]);
        if b_start < a_end {
            let msg = format!(
                "overlaps section \"{}\"",
                crate::sanitize::inline(&s.sections[a].id)
            );
            ctx.report(o, "sources", &s.id, &format!("sections[{b}]"), msg);
        }
    }
}
