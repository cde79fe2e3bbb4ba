//! `stratlens export --format sqlite`: the database opens, its counts are
//! the dataset's, its links hold, and an existing file is kept.

mod common;

use common::stratlens;
use stratlens::model::load_embedded;

#[test]
fn the_database_holds_every_claim_entity_and_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("claims.db");
    stratlens()
        .args(["export", "--format", "sqlite", "-o"])
        .arg(&db)
        .assert()
        .success();
    let store = load_embedded().expect("embedded");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let count = |table: &str| -> usize {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .expect(table) as usize
    };
    assert_eq!(count("claims"), store.claims().len());
    assert_eq!(count("sources"), store.sources().len());
    assert_eq!(count("countries"), store.countries().len());
    assert_eq!(count("regions"), store.regions().len());
    assert_eq!(count("actors"), store.actors().len());
    assert_eq!(count("themes"), store.themes().len());
    let links = |f: fn(&stratlens::model::Links<'_>) -> usize| -> usize {
        (0..store.claims().len())
            .map(|ci| f(&store.links(ci)))
            .sum()
    };
    assert_eq!(count("claim_countries"), links(|l| l.countries.len()));
    assert_eq!(count("claim_regions"), links(|l| l.regions.len()));
    assert_eq!(count("claim_actors"), links(|l| l.actors.len()));
    assert_eq!(count("claim_themes"), links(|l| l.themes.len()));
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign keys");
    assert_eq!(broken, 0);
    let (id, quote): (String, String) = conn
        .query_row(
            "SELECT id, quote FROM claims ORDER BY rowid LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("first claim");
    assert_eq!(id, store.claim_at(0).id());
    assert_eq!(quote, store.quote_text(0));
}

#[test]
fn a_filter_narrows_the_claims_and_an_existing_file_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("few.db");
    stratlens()
        .args(["export", "--format", "sqlite", "--ids", "c1,c2", "-o"])
        .arg(&db)
        .assert()
        .success();
    let before = std::fs::read(&db).expect("db");
    let out = stratlens()
        .args(["export", "--format", "sqlite", "-o"])
        .arg(&db)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read(&db).expect("db"), before, "untouched");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 2);
    stratlens()
        .args(["export", "--format", "sqlite", "--force", "-o"])
        .arg(&db)
        .assert()
        .success();
}

#[test]
fn sqlite_needs_an_output_file() {
    let out = stratlens()
        .args(["export", "--format", "sqlite"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o FILE.db"));
}
