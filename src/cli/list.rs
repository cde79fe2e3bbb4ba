//! `stratlens list`: every object of a kind, as rows or as JSON with its
//! claim counts.

use serde_json::{Value, json};

use super::views as present;
use super::{Cli, CliError, emit_json, stream};
use crate::model::{Kind, Store};

pub(super) fn with_count(store: &Store, kind: Kind, i: usize, value: Value) -> Value {
    let mut value = value;
    if kind != Kind::Claim
        && let Value::Object(map) = &mut value
    {
        map.insert(
            "claim_count".into(),
            json!(present::claim_count(store, kind, i)),
        );
        if kind == Kind::Country {
            map.insert(
                "regional_claim_count".into(),
                json!(store.regional_claims(i).len()),
            );
        }
    }
    value
}

pub(super) fn object_json(store: &Store, kind: Kind, i: usize) -> Value {
    let v = match kind {
        Kind::Claim => serde_json::to_value(store.claim(i)),
        Kind::Country => serde_json::to_value(&store.countries()[i]),
        Kind::Region => serde_json::to_value(&store.regions()[i]),
        Kind::Actor => serde_json::to_value(&store.actors()[i]),
        Kind::Theme => serde_json::to_value(&store.themes()[i]),
        Kind::Source => serde_json::to_value(store.source_with_text(i)),
    };
    v.unwrap_or(Value::Null)
}

pub(super) fn list(cli: &Cli, store: &Store, kind: Kind) -> Result<(), CliError> {
    let n = crate::target::count(store, kind);
    if n == 0 {
        if cli.json {
            emit_json(&json!([]))?;
        }
        return Err(CliError::NoResults(format!(
            "the dataset has no {}",
            kind.plural()
        )));
    }
    // Written as they are made: every claim of a large dataset, held as
    // values at once, took 9x its file.
    if cli.json {
        return stream::emit_json_items(
            (0..n).map(|i| with_count(store, kind, i, object_json(store, kind, i))),
        );
    }
    stream::emit_lines((0..n).map(|i| present::list_row(store, kind, i)))
}
