//! Citations: where a claim's words are, for briefings, the CLI's views
//! and the explorer's copies.

use std::fmt::Write;

use crate::model::{Claim, Kind, Store};
use crate::sanitize::inline;

/// Where a claim's words are: source, author, date, URL, section, offsets, id.
pub fn citation(store: &Store, ci: usize) -> String {
    let c = &store.claim(ci);
    let src = store.source_of(ci);
    let mut out = String::new();
    if let Some(author) = &src.author {
        let _ = write!(out, "{}, ", inline(author));
    }
    let _ = write!(out, "“{}”", inline(&src.title));
    match (&src.published, &src.published_note) {
        (Some(d), _) => {
            let _ = write!(out, ", {}", inline(d));
        }
        (None, Some(note)) => {
            let _ = write!(out, ", {}", inline(note.trim_end_matches('.')));
        }
        (None, None) => out.push_str(", date unknown"),
    }
    if let Some(url) = &src.url {
        let _ = write!(out, ", {}", inline(url));
    }
    let section = store.section_of(ci);
    let _ = write!(
        out,
        "; section “{}”, code points {}–{}; claim {}",
        inline(&section.heading),
        c.quote.start,
        c.quote.end,
        inline(&c.id)
    );
    out
}

pub fn attribution(store: &Store, c: &Claim) -> String {
    let mut out = c.attribution.layer.label().to_string();
    if let Some(sp) = &c.attribution.speaker {
        let _ = write!(
            out,
            "; speaker: {}",
            inline(&store.name_of(Kind::Actor, sp))
        );
    }
    if let Some(cue) = &c.attribution.cue {
        let _ = write!(out, "; cue: “{}”", inline(cue));
    }
    out
}

/// What `y` copies: the claim, its exact quote and a full citation.
pub fn citation_block(store: &Store, ci: usize) -> String {
    let c = &store.claim(ci);
    let mut o = String::new();
    let _ = writeln!(o, "{}", inline(&c.statement));
    let _ = writeln!(o, "“{}”", inline(&c.quote.exact));
    let _ = writeln!(
        o,
        "Attribution: {}; certainty: {}",
        attribution(store, c),
        c.certainty.as_str()
    );
    let _ = write!(o, "Source: {}", citation(store, ci));
    o
}

/// What `Y` copies: the exact quote with a short citation.
pub fn quote_with_short_citation(store: &Store, ci: usize) -> String {
    let c = &store.claim(ci);
    let src = store.source_of(ci);
    let author = src
        .author
        .as_deref()
        .map(|a| format!("{}, ", inline(a)))
        .unwrap_or_default();
    format!(
        "“{}” ({author}“{}”, claim {})",
        inline(&c.quote.exact),
        inline(&src.title),
        inline(&c.id)
    )
}
