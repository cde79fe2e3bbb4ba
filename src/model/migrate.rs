//! Schema version 1 to 2. Version 1 had no regions: each country carried a
//! free-text region label, and every link was a country link. Version 2
//! makes each label a region whose members are the countries that carried
//! it, and keeps the country links as they are (named links): what the
//! quotes name is a question for an analyst, not for a program.

use super::types::{Dataset, Region};

/// What a migration did, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// The version 2 file, pretty-printed.
    pub text: String,
    pub regions: Vec<String>,
    pub claims: usize,
}

/// Migrates the version 1 dataset `text`; the message of an error says what
/// is wrong (the file is then left to `stratlens validate` for details).
pub fn migrate(text: &str) -> Result<Migrated, String> {
    let mut data: Dataset = serde_json::from_str(text).map_err(|e| {
        format!("cannot read it as a dataset ({e}); `stratlens validate` gives every problem")
    })?;
    match data.schema_version {
        1 => {}
        2 => return Err("it is schema_version 2 already".into()),
        v => {
            return Err(format!(
                "schema_version {v} is not one this stratlens reads"
            ));
        }
    }
    data.schema_version = 2;
    let mut regions: Vec<Region> = Vec::new();
    for c in &mut data.countries {
        let Some(label) = c.region.take() else {
            continue;
        };
        let id = kebab(&label);
        match regions.iter_mut().find(|r| r.id == id) {
            Some(r) => r.members.push(c.id.clone()),
            None => regions.push(Region {
                id,
                name: label,
                aliases: Vec::new(),
                members: vec![c.id.clone()],
                note: Some("made from the schema version 1 country region labels".into()),
            }),
        }
    }
    let names = regions.iter().map(|r| r.id.clone()).collect();
    data.regions = regions;
    let mut text = serde_json::to_string_pretty(&data).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(Migrated {
        text,
        regions: names,
        claims: data.claims.len(),
    })
}

/// `Western Balkans` → `western-balkans`.
fn kebab(label: &str) -> String {
    let mut out = String::new();
    for ch in label.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "region".into()
    } else {
        trimmed.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_become_regions_with_members() {
        let v1 = r#"{"schema_version": 1, "countries": [
          {"id": "RS", "name": "Serbia", "iso3": "SRB", "region": "Western Balkans",
           "nato": {"status": "neutral", "since": null, "basis": "article", "reference": null},
           "eu": {"status": "candidate", "since": null, "basis": "article", "reference": null}},
          {"id": "XK", "name": "Kosovo", "iso3": "XKX", "region": "Western Balkans",
           "nato": {"status": "non_member", "since": null, "basis": "article", "reference": null},
           "eu": {"status": "non_member", "since": null, "basis": "article", "reference": null}}]}"#;
        let m = migrate(v1).unwrap();
        assert_eq!(m.regions, ["western-balkans"]);
        let v: serde_json::Value = serde_json::from_str(&m.text).unwrap();
        assert_eq!(v["schema_version"], 2);
        assert_eq!(v["regions"][0]["members"], serde_json::json!(["RS", "XK"]));
        assert!(v["countries"][0].get("region").is_none());
        assert!(migrate(&m.text).unwrap_err().contains("already"));
    }

    #[test]
    fn kebab_case_ids() {
        assert_eq!(kebab("Western Balkans"), "western-balkans");
        assert_eq!(kebab("  South-East  Europe "), "south-east-europe");
        assert_eq!(kebab("—"), "region");
    }
}
