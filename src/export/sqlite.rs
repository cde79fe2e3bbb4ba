//! `stratlens export --format sqlite`: the dataset as an SQLite database
//! for sqlite3 and Datasette users. Tables for claims, sources, countries,
//! regions, actors and themes, the link tables (claim_countries,
//! claim_regions, claim_actors, claim_themes) and the analyst's notes
//! (`notes`: claim, note; empty unless the export carries notes). The database is built in a
//! temporary file and handed back as bytes, for the caller's atomic write.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::model::{Kind, Store};

const SCHEMA: &str = "
CREATE TABLE sources (id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL,
  author TEXT, published TEXT, published_note TEXT, url TEXT);
CREATE TABLE countries (id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL,
  region TEXT, nato TEXT, eu TEXT);
CREATE TABLE regions (id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL,
  members TEXT NOT NULL, note TEXT);
CREATE TABLE actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
  aliases TEXT NOT NULL, country TEXT);
CREATE TABLE themes (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE claims (id TEXT PRIMARY KEY, source TEXT NOT NULL REFERENCES sources(id),
  section TEXT NOT NULL, statement TEXT NOT NULL, quote TEXT NOT NULL,
  quote_start INTEGER NOT NULL, quote_end INTEGER NOT NULL, layer TEXT NOT NULL,
  speaker TEXT REFERENCES actors(id), cue TEXT, certainty TEXT NOT NULL, hedges TEXT NOT NULL);
CREATE TABLE claim_countries (claim TEXT NOT NULL REFERENCES claims(id),
  country TEXT NOT NULL REFERENCES countries(id), PRIMARY KEY (claim, country));
CREATE TABLE claim_regions (claim TEXT NOT NULL REFERENCES claims(id),
  region TEXT NOT NULL REFERENCES regions(id), PRIMARY KEY (claim, region));
CREATE TABLE claim_actors (claim TEXT NOT NULL REFERENCES claims(id),
  actor TEXT NOT NULL REFERENCES actors(id), PRIMARY KEY (claim, actor));
CREATE TABLE claim_themes (claim TEXT NOT NULL REFERENCES claims(id),
  theme TEXT NOT NULL REFERENCES themes(id), PRIMARY KEY (claim, theme));
CREATE TABLE notes (claim TEXT PRIMARY KEY REFERENCES claims(id), note TEXT NOT NULL);
";

/// A value as its JSON text without quotes for a plain string (`"named"`
/// becomes `named`); lists and objects stay JSON.
fn text<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The database holding `claims` (indexes into the store) and every
/// source and entity, as the bytes of an SQLite file.
pub fn build(store: &Store, claims: &[usize]) -> Result<Vec<u8>, String> {
    build_with_notes(store, claims, &super::Notes::new())
}

/// [`build`], with the analyst's notes on the claims in the `notes` table.
pub fn build_with_notes(
    store: &Store,
    claims: &[usize],
    notes: &super::Notes,
) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    let path = dir.path().join("export.db");
    fill(&path, store, claims, notes).map_err(|e| format!("sqlite: {e}"))?;
    std::fs::read(&path).map_err(|e| format!("reading the database back: {e}"))
}

fn fill(
    path: &std::path::Path,
    store: &Store,
    claims: &[usize],
    notes: &super::Notes,
) -> rusqlite::Result<()> {
    let mut db = Connection::open(path)?;
    db.execute_batch(SCHEMA)?;
    let tx = db.transaction()?;
    insert_entities(&tx, store)?;
    insert_claims(&tx, store, claims)?;
    insert_notes(&tx, store, claims, notes)?;
    tx.commit()?;
    db.close().map_err(|(_, e)| e)
}

/// Every source, country, region, actor and theme.
fn insert_entities(tx: &Connection, store: &Store) -> rusqlite::Result<()> {
    let mut st = tx.prepare("INSERT INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for s in store.sources() {
        st.execute(params![
            s.id,
            text(&s.kind),
            s.title,
            s.author,
            s.published,
            s.published_note,
            s.url
        ])?;
    }
    let mut st = tx.prepare("INSERT INTO countries VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for c in store.countries() {
        st.execute(params![
            c.id,
            c.name,
            text(&c.aliases),
            c.region,
            text(&c.nato.status),
            text(&c.eu.status)
        ])?;
    }
    let mut st = tx.prepare("INSERT INTO regions VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for r in store.regions() {
        st.execute(params![
            r.id,
            r.name,
            text(&r.aliases),
            text(&r.members),
            r.note
        ])?;
    }
    let mut st = tx.prepare("INSERT INTO actors VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for a in store.actors() {
        st.execute(params![
            a.id,
            a.name,
            text(&a.kind),
            text(&a.aliases),
            a.country
        ])?;
    }
    let mut st = tx.prepare("INSERT INTO themes VALUES (?1, ?2, ?3)")?;
    for t in store.themes() {
        st.execute(params![t.id, t.name, t.description])?;
    }
    Ok(())
}

/// The chosen claims and their links.
fn insert_claims(tx: &Connection, store: &Store, claims: &[usize]) -> rusqlite::Result<()> {
    let mut st = tx
        .prepare("INSERT INTO claims VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")?;
    let mut links = [
        tx.prepare("INSERT OR IGNORE INTO claim_countries VALUES (?1, ?2)")?,
        tx.prepare("INSERT OR IGNORE INTO claim_regions VALUES (?1, ?2)")?,
        tx.prepare("INSERT OR IGNORE INTO claim_actors VALUES (?1, ?2)")?,
        tx.prepare("INSERT OR IGNORE INTO claim_themes VALUES (?1, ?2)")?,
    ];
    for &ci in claims {
        let c = store.claim(ci);
        st.execute(params![
            c.id,
            c.source,
            c.section,
            c.statement,
            c.quote.exact,
            c.quote.start as i64,
            c.quote.end as i64,
            text(&c.attribution.layer),
            c.attribution.speaker,
            c.attribution.cue,
            text(&c.certainty),
            text(&c.hedges)
        ])?;
        let l = store.links(ci);
        let kinds = [
            (l.countries, Kind::Country),
            (l.regions, Kind::Region),
            (l.actors, Kind::Actor),
            (l.themes, Kind::Theme),
        ];
        for (st, (list, kind)) in links.iter_mut().zip(kinds) {
            for &i in list {
                st.execute(params![c.id, store.id_at(kind, i as usize)])?;
            }
        }
    }
    Ok(())
}

/// The chosen claims' notes.
fn insert_notes(
    tx: &Connection,
    store: &Store,
    claims: &[usize],
    notes: &super::Notes,
) -> rusqlite::Result<()> {
    let mut st = tx.prepare("INSERT INTO notes VALUES (?1, ?2)")?;
    for &ci in claims {
        if let Some(note) = notes.get(&ci) {
            st.execute(params![store.claim(ci).id, note])?;
        }
    }
    Ok(())
}
