//! `stratlens show`: one object, as text or as JSON.

use serde_json::{Value, json};

use super::list::{object_json, with_count};
use super::views as present;
use super::{Cli, CliError, emit, emit_json, lookup};
use crate::export;
use crate::model::{Kind, Store};

/// What `show --json` prints: the object as the dataset has it, plus what
/// the text view shows: for a claim its resolved names, context and
/// citation; for an entity the ids of its claims (a country: named, then
/// regional) and their counts.
fn show_json(store: &Store, kind: Kind, i: usize) -> Value {
    let mut v = with_count(store, kind, i, object_json(store, kind, i));
    let Value::Object(map) = &mut v else {
        return v;
    };
    let ids = |claims: &[usize]| -> Value {
        claims
            .iter()
            .map(|&c| Value::from(store.id_at(Kind::Claim, c)))
            .collect()
    };
    if kind == Kind::Claim {
        let (before, quote, after) = present::context(store, i);
        map.insert("resolved".into(), export::resolved(store, i));
        map.insert(
            "context".into(),
            json!({"sentence": format!("{before}{quote}{after}"),
                "before": before, "quote": quote, "after": after}),
        );
        map.insert("citation".into(), json!(present::citation(store, i)));
    } else {
        map.insert("claims".into(), ids(&store.claims_of(kind, i)));
        if kind == Kind::Country {
            let regional: Vec<usize> = store
                .regional_claims(i)
                .into_iter()
                .map(|c| c as usize)
                .collect();
            map.insert("regional_claims".into(), ids(&regional));
        }
    }
    v
}

pub(super) fn show(cli: &Cli, store: &Store, kind: Kind, id: &str) -> Result<(), CliError> {
    let i = lookup(store, kind, id)?;
    if cli.json {
        return emit_json(&show_json(store, kind, i));
    }
    emit(&match kind {
        Kind::Claim => present::show_claim(store, i),
        Kind::Country => present::show_country(store, i),
        Kind::Region => present::show_region(store, i),
        Kind::Actor => present::show_actor(store, i),
        Kind::Theme => present::show_theme(store, i),
        Kind::Source => present::show_source(store, i),
    })
}
