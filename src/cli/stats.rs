//! `stratlens stats`: claims per country, region, actor and theme, and the
//! themes × countries table.

use serde_json::Value;

use super::{Cli, CliError, bar, emit, emit_json, truncate};
use crate::model::Store;
use crate::stats::{Count, Stats};
use crate::words::plural;

pub(super) fn stats_cmd(cli: &Cli, store: &Store) -> Result<(), CliError> {
    let all: Vec<usize> = (0..store.claims().len()).collect();
    let stats = Stats::compute(store, &all);
    if cli.json {
        return emit_json(&serde_json::to_value(&stats).unwrap_or(Value::Null));
    }
    let mut o = format!("{}\n", plural(stats.claims, "claim"));
    for (title, list) in [
        (
            "Countries (claims naming them; +N: about their regions)",
            &stats.countries,
        ),
        ("Regions", &stats.regions),
        ("Actors", &stats.actors),
        ("Themes", &stats.themes),
    ] {
        if !list.is_empty() {
            o.push_str(&format!("\n{title}\n"));
            counts(&mut o, list);
        }
    }
    theme_table(&mut o, &stats);
    emit(&o)
}

/// A row per entity: its name, its claims as a number and a bar, and its
/// regional claims (`+N`) where it has any.
fn counts(o: &mut String, list: &[Count]) {
    let max = list.first().map_or(0, |c| c.claims);
    for c in list {
        let name = crate::sanitize::inline(&c.name);
        let regional = match c.regional {
            Some(r) if r > 0 => format!(" +{r}"),
            _ => String::new(),
        };
        o.push_str(
            format!(
                "  {:<32} {:>4}  {}{regional}",
                truncate(&name, 32),
                c.claims,
                bar(c.claims, max, 30)
            )
            .trim_end(),
        );
        o.push('\n');
    }
}

/// The themes × countries table, regions numbered (◇1…) after the
/// countries, and the regions' names under it.
fn theme_table(o: &mut String, stats: &Stats) {
    o.push_str("\nThemes × countries (claims naming the country) and regions (◇)\n");
    o.push_str(&format!("  {:<32}", ""));
    let named = stats.named_countries();
    for c in &stats.countries[..named] {
        o.push_str(&format!(" {:>3}", crate::sanitize::inline(&c.id)));
    }
    for k in 0..stats.regions.len() {
        o.push_str(&format!(" {:>3}", format!("◇{}", k + 1)));
    }
    o.push('\n');
    for (k, t) in stats.themes.iter().enumerate() {
        o.push_str(&format!(
            "  {:<32}",
            truncate(&crate::sanitize::inline(&t.name), 32)
        ));
        for row in stats.matrix[..named].iter().chain(&stats.region_matrix) {
            let n = row[k];
            o.push_str(&format!(
                " {:>3}",
                if n == 0 {
                    "·".to_string()
                } else {
                    n.to_string()
                }
            ));
        }
        o.push('\n');
    }
    for (k, r) in stats.regions.iter().enumerate() {
        o.push_str(&format!(
            "  ◇{} = {} ({})\n",
            k + 1,
            crate::sanitize::inline(&r.name),
            crate::sanitize::inline(&r.id)
        ));
    }
}
