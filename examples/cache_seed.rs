//! Writes a cache entry of the embedded dataset to fuzz/corpus/cache/, the
//! seed of the cache reader's fuzz target (`fuzz/fuzz_targets/cache.rs`).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let store = stratlens::model::load_embedded().map_err(|e| e.to_string())?;
    let bytes = stratlens::cache::bytes_for(&store)?;
    let claims = stratlens::cache::read_bytes(&bytes)?;
    assert_eq!(claims, store.claims().len(), "the seed reads back");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/cache");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("embedded.slc"), &bytes)?;
    println!("{} bytes", bytes.len());
    Ok(())
}
