//! `stratlens cache info|clear`: the cached datasets listed or removed.

use serde_json::{Value, json};

use super::{CacheAction, Cli, CliError, emit, emit_json};

pub(super) fn cache_cmd(cli: &Cli, action: CacheAction) -> Result<(), CliError> {
    let Some(dir) = crate::cache::dir() else {
        return Err(CliError::Usage(
            "no cache directory: set XDG_CACHE_HOME or HOME".into(),
        ));
    };
    let shown = crate::sanitize::inline(&dir.display().to_string()).to_string();
    match action {
        CacheAction::Clear => {
            let (n, bytes) = crate::cache::clear(&dir)?;
            if cli.json {
                return emit_json(&json!({"dir": shown, "removed": n, "bytes": bytes}));
            }
            emit(&format!(
                "removed {n} cached datasets ({}) from {shown}",
                mb(bytes)
            ))
        }
        CacheAction::Info => cache_info(cli, &dir, &shown),
    }
}

/// `cache info`: each entry's file, size, claims and inputs, or why it
/// cannot be used.
fn cache_info(cli: &Cli, dir: &std::path::Path, shown: &str) -> Result<(), CliError> {
    let entries = crate::cache::entries(dir);
    let total: u64 = entries.iter().map(|e| e.bytes).sum();
    if cli.json {
        let items: Vec<Value> = entries
            .iter()
            .map(|e| {
                json!({
                    "file": e.path.display().to_string(),
                    "bytes": e.bytes,
                    "claims": e.key.as_ref().ok().map(|k| k.claims),
                    "inputs": e.key.as_ref().ok().map(|k| k.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>()),
                    "problem": e.key.as_ref().err(),
                })
            })
            .collect();
        return emit_json(&json!({"dir": shown, "bytes": total, "entries": items}));
    }
    let mut out = format!(
        "{shown}: {} cached datasets, {} (at most {} kept, {} in all)\n",
        entries.len(),
        mb(total),
        crate::cache::KEEP,
        mb(crate::cache::MAX_BYTES)
    );
    for e in &entries {
        let name = e.path.file_name().unwrap_or_default().to_string_lossy();
        let what = match &e.key {
            Ok(k) => format!(
                "{} claims: {}",
                k.claims,
                k.files
                    .iter()
                    .map(|f| f.path.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Err(problem) => format!("unusable: {problem}"),
        };
        out.push_str(&format!(
            "  {}  {:>10}  {}\n",
            crate::sanitize::inline(&name),
            mb(e.bytes),
            crate::sanitize::inline(&what)
        ));
    }
    emit(&out)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
