//! The rules over the entities beside the claims: sources (see `sources`),
//! countries and their memberships, regions and actors.

use super::ids::unknown;
use super::sources::check_source;
use super::{Ctx, Known, is_date};
use crate::model::load::{Locator, Origin, Origins};
use crate::model::problem::Problem;
use crate::model::types::{Basis, Membership};

/// The rules over sources, countries and actors.
pub(super) fn check_entities(known: &Known, origins: &Origins, locator: &Locator) -> Vec<Problem> {
    let data = known.data;
    let mut ctx = Ctx {
        problems: Vec::new(),
        locator,
    };
    for (i, source) in data.sources.iter().enumerate() {
        let text = known.texts[i].as_ref();
        check_source(&mut ctx, &known.ids, source, text, &origins.sources[i]);
    }
    check_countries(&mut ctx, known, origins);
    check_regions(&mut ctx, known, origins);
    for (i, actor) in data.actors.iter().enumerate() {
        if let Some(country) = &actor.country
            && !known.ids.countries.contains_key(country.as_str())
        {
            let msg = unknown("country", country);
            ctx.report(&origins.actors[i], "actors", &actor.id, "country", msg);
        }
    }
    ctx.problems
}
fn check_membership<S>(ctx: &mut Ctx, o: &Origin, id: &str, field: &str, m: &Membership<S>) {
    if let Some(since) = &m.since
        && !is_date(since)
    {
        ctx.report(
            o,
            "countries",
            id,
            &format!("{field}.since"),
            "must be YYYY, YYYY-MM or YYYY-MM-DD".into(),
        );
    }
    let has_ref = m.reference.as_deref().is_some_and(|r| !r.trim().is_empty());
    if m.basis == Basis::Reference && !has_ref {
        ctx.report(
            o,
            "countries",
            id,
            &format!("{field}.reference"),
            "basis is \"reference\", so a reference must name where the fact comes from".into(),
        );
    }
}

fn check_countries(ctx: &mut Ctx, known: &Known, origins: &Origins) {
    for (i, c) in known.data.countries.iter().enumerate() {
        let o = &origins.countries[i];
        if c.region.is_some() && known.version(o) >= 2 {
            let msg = "is a schema version 1 field; in version 2 list the country \
                       in a region's members";
            ctx.report(o, "countries", &c.id, "region", msg.into());
        }
        let upper = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_uppercase());
        if !upper(&c.id, 2) {
            ctx.report(
                o,
                "countries",
                &c.id,
                "id",
                "must be an ISO 3166-1 alpha-2 code (two capital letters)".into(),
            );
        }
        if !upper(&c.iso3, 3) {
            ctx.report(
                o,
                "countries",
                &c.id,
                "iso3",
                "must be an ISO 3166-1 alpha-3 code (three capital letters)".into(),
            );
        }
        check_membership(ctx, o, &c.id, "nato", &c.nato);
        check_membership(ctx, o, &c.id, "eu", &c.eu);
    }
}

fn check_regions(ctx: &mut Ctx, known: &Known, origins: &Origins) {
    for (i, r) in known.data.regions.iter().enumerate() {
        let o = &origins.regions[i];
        for (k, m) in r.members.iter().enumerate() {
            let field = format!("members[{k}]");
            if !known.ids.countries.contains_key(m.as_str()) {
                ctx.report(o, "regions", &r.id, &field, unknown("country", m));
            } else if r.members[..k].contains(m) {
                let msg = format!("\"{}\" is listed twice", crate::sanitize::inline(m));
                ctx.report(o, "regions", &r.id, &field, msg);
            }
        }
    }
}
