//! Ids: well formed, unique within their list, and claims' related ids
//! that exist.

use hashbrown::HashMap;

use super::claims::Numbered;
use super::{Built, Ctx, IdMap};
use crate::model::claim::ClaimIndex;
use crate::model::load::{Locator, Origin, RawClaim};
use crate::model::problem::Problem;

pub(super) struct IdProblems {
    pub(super) problems: Vec<Problem>,
    pub(super) related: Numbered,
}

/// Claim ids must be unique, and related claims must exist.
pub(super) fn claim_ids(ctx: &mut Ctx, raws: &[RawClaim], built: &mut Built) -> IdProblems {
    let claims = &built.claims;
    let origin = |i: usize| ctx.locator.origin_of(&raws[i]);
    let mut index = ClaimIndex::with_capacity(claims.len());
    let mut problems = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if !is_valid_id(c.id()) {
            ctx.report(&origin(i), "claims", c.id(), "id", BAD_ID.into());
        }
        if let Err(first) = index.insert(claims, i) {
            let f = origin(first);
            let msg = first_defined(ctx.locator, &f);
            ctx.report(&origin(i), "claims", c.id(), "id", msg);
        }
        problems.append(&mut ctx.problems);
    }
    let mut related = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        for (k, r) in c.related().iter().enumerate() {
            if r.claim != c.id() && index.find(claims, &r.claim).is_none() {
                let field = format!("related[{k}].claim");
                ctx.report(
                    &origin(i),
                    "claims",
                    c.id(),
                    &field,
                    unknown("claim", &r.claim),
                );
            }
        }
        related.extend(ctx.problems.drain(..).map(|p| (i, p)));
    }
    built.ids = index;
    IdProblems { problems, related }
}

const BAD_ID: &str = "id must be non-empty and made of A-Z a-z 0-9 . _ -";

fn first_defined(locator: &Locator, first: &Origin) -> String {
    let (line, column) = locator.line_col(first.file, first.offset);
    format!(
        "{}{}:{line}:{column}",
        crate::model::problem::PREFIX_DUPLICATE,
        locator.name(first.file)
    )
}

pub(super) fn unknown(kind: &str, id: &str) -> String {
    format!("unknown {kind} id \"{}\"", crate::sanitize::inline(id))
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

pub(super) fn unique_ids<'a>(
    ctx: &mut Ctx,
    list: &str,
    ids: impl Iterator<Item = &'a str>,
    origins: &[Origin],
) -> IdMap<'a> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        let o = &origins[i];
        if !is_valid_id(id) {
            ctx.report(o, list, id, "id", BAD_ID.into());
        }
        if let Some(&first) = map.get(id) {
            let msg = first_defined(ctx.locator, &origins[first]);
            ctx.report(o, list, id, "id", msg);
        } else {
            map.insert(id, i);
        }
    }
    map
}
