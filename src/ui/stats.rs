//! The stats view, in place of Claims and Detail: claims per country,
//! actor and theme as horizontal bars, and a theme × country table, all over
//! the claims the list shows now (filters, lens, search, marks). Counts come
//! from [`State::stats_data`]; this only lays them out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::pane_block;
use super::theme::Theme;
use super::wrap::{Cell, NO_TAG, Styled, to_line, truncate};
use crate::app::geometry::{STATS_GAP, inner, stats_bar_column, stats_max_scroll};
use crate::app::{Pane, State};
use crate::stats::{Count, Stats};

/// Width of one country column in the table.
const CELL_W: usize = 4;

/// `cells` cut or padded with spaces to `width` columns.
pub(super) fn pad(mut cells: Vec<Cell>, width: usize, theme: &Theme) -> Vec<Cell> {
    cells = truncate(&cells, width);
    let used: usize = cells.iter().map(Cell::width).sum();
    let space = Cell {
        ch: ' ',
        style: theme.plain(),
        tag: NO_TAG,
    };
    cells.extend(std::iter::repeat_n(space, width.saturating_sub(used)));
    cells
}

/// `name ████ 12` in `width` columns, the bar scaled to `max`; a
/// country's regional claims follow as `+N`, outside the bar.
fn bar(c: &Count, max: usize, width: usize, theme: &Theme) -> Vec<Cell> {
    let name_w = (width / 2).max(6);
    let count = match c.regional {
        Some(r) if r > 0 => format!("{:>3} +{r}", c.claims),
        _ => format!("{:>3}", c.claims),
    };
    let bar_w = width.saturating_sub(name_w + 2 + count.len());
    let len = if max == 0 {
        0
    } else {
        (c.claims * bar_w).div_ceil(max).min(bar_w)
    };
    let mut name = Styled::new();
    name.text(&c.name, theme.plain(), NO_TAG);
    let mut s = Styled::new();
    s.fixed(&"█".repeat(len), theme.bar())
        .fixed(&" ".repeat(bar_w - len + 1), theme.plain())
        .fixed(&count, theme.strong());
    let mut cells = pad(name.cells, name_w, theme);
    cells.push(Cell {
        ch: ' ',
        style: theme.plain(),
        tag: NO_TAG,
    });
    cells.extend(s.cells);
    cells
}

/// One titled list of bars, each line `width` columns.
fn bars(title: &str, counts: &[Count], width: usize, theme: &Theme) -> Vec<Vec<Cell>> {
    let max = counts.first().map_or(0, |c| c.claims);
    let mut head = Styled::new();
    head.fixed(&format!("{title} ({})", counts.len()), theme.label());
    let mut out = vec![pad(head.cells, width, theme)];
    out.extend(
        counts
            .iter()
            .map(|c| pad(bar(c, max, width, theme), width, theme)),
    );
    out
}

/// The three bar lists side by side when they fit, else one under another.
fn bar_section(stats: &Stats, width: usize, theme: &Theme) -> Vec<Vec<Cell>> {
    let lists = [
        ("Countries", &stats.countries),
        ("Actors", &stats.actors),
        ("Themes", &stats.themes),
    ];
    let Some(col) = stats_bar_column(width) else {
        let mut out = Vec::new();
        for (title, counts) in lists {
            out.extend(bars(title, counts, width, theme));
            out.push(Vec::new());
            if title == "Countries" && !stats.regions.is_empty() {
                out.extend(bars("Regions", &stats.regions, width, theme));
                out.push(Vec::new());
            }
        }
        return out;
    };
    let mut cols: Vec<Vec<Vec<Cell>>> = lists.iter().map(|(t, c)| bars(t, c, col, theme)).collect();
    if !stats.regions.is_empty() {
        // Regions under the countries: counted apart, never added in.
        cols[0].push(pad(Vec::new(), col, theme));
        cols[0].extend(bars("Regions", &stats.regions, col, theme));
    }
    let rows = cols.iter().map(Vec::len).max().unwrap_or(0);
    let blank = pad(Vec::new(), col, theme);
    let gap = pad(Vec::new(), STATS_GAP, theme);
    let mut out: Vec<Vec<Cell>> = (0..rows)
        .map(|r| {
            let parts: Vec<Vec<Cell>> = cols
                .iter()
                .map(|c| c.get(r).cloned().unwrap_or_else(|| blank.clone()))
                .collect();
            parts.join(&gap[..])
        })
        .collect();
    out.push(Vec::new());
    out
}

/// Themes down, country codes across; columns that do not fit are counted.
fn table(stats: &Stats, width: usize, theme: &Theme) -> Vec<Vec<Cell>> {
    let name_w = (width / 3).clamp(12, 30);
    let fit = width.saturating_sub(name_w) / CELL_W;
    let shown = stats.named_countries().min(fit);
    let mut head = Styled::new();
    head.fixed("Themes × countries", theme.label());
    if shown < stats.named_countries() {
        head.fixed(
            &format!(
                " (+{} countries not shown)",
                stats.named_countries() - shown
            ),
            theme.dim(),
        );
    }
    let mut codes = Styled::new();
    codes.fixed(&" ".repeat(name_w), theme.plain());
    for c in &stats.countries[..shown] {
        let mut id = Styled::new();
        id.text(&c.id, theme.strong(), NO_TAG);
        codes.cells.extend(right(id.cells, CELL_W, theme));
    }
    let mut out = vec![head.cells, codes.cells];
    for (k, t) in stats.themes.iter().enumerate() {
        let mut name = Styled::new();
        name.text(&t.name, theme.plain(), NO_TAG);
        let mut row = pad(name.cells, name_w.saturating_sub(1), theme);
        row.push(Cell {
            ch: ' ',
            style: theme.plain(),
            tag: NO_TAG,
        });
        for r in 0..shown {
            let n = stats
                .matrix
                .get(r)
                .and_then(|m| m.get(k))
                .copied()
                .unwrap_or(0);
            let mut cell = Styled::new();
            if n == 0 {
                cell.fixed("·", theme.dim());
            } else {
                cell.fixed(&n.to_string(), theme.strong());
            }
            row.extend(right(cell.cells, CELL_W, theme));
        }
        out.push(row);
    }
    out
}

/// `cells` right-aligned in `width` columns.
fn right(cells: Vec<Cell>, width: usize, theme: &Theme) -> Vec<Cell> {
    let cells = truncate(&cells, width.saturating_sub(1));
    let used: usize = cells.iter().map(Cell::width).sum();
    let space = Cell {
        ch: ' ',
        style: theme.plain(),
        tag: NO_TAG,
    };
    let mut out = vec![space; width.saturating_sub(used)];
    out.extend(cells);
    out
}

/// The whole stats document for an inner width of `width`; as many lines
/// as [`crate::app::geometry::stats_lines`] counts.
fn lines(stats: Option<&Stats>, theme: &Theme, width: usize) -> Vec<Vec<Cell>> {
    let Some(stats) = stats.filter(|s| s.claims > 0) else {
        let mut s = Styled::new();
        s.fixed(
            "No claims listed: x clears filters and search.",
            theme.dim(),
        );
        return vec![s.cells];
    };
    let mut out = bar_section(stats, width, theme);
    out.extend(table(stats, width, theme));
    out
}

pub fn draw(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus != Pane::Facets;
    let n = state.stats_data().map_or(0, |s| s.claims);
    let scroll = state.stats_scroll().min(stats_max_scroll(state));
    let more = if stats_max_scroll(state) > 0 {
        format!(" · line {} · j/k scroll", scroll + 1)
    } else {
        String::new()
    };
    let title = format!(" Stats of {n} listed claims{more} · s closes ");
    frame.render_widget(
        pane_block(Line::styled(title, theme.title(focused)), focused, theme),
        area,
    );
    let inner = inner(area);
    let w = inner.width as usize;
    let text: Vec<Line> = lines(state.stats_data(), theme, w)
        .into_iter()
        .skip(scroll as usize)
        .take(inner.height as usize)
        .map(|l| to_line(&truncate(&l, w)))
        .collect();
    frame.render_widget(Paragraph::new(text), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::geometry::stats_lines;

    /// The scroll limit counts the lines without drawing them: the count
    /// must be what is drawn.
    #[test]
    fn geometry_counts_the_lines_drawn() {
        let store = crate::model::load_embedded().expect("embedded dataset");
        let all: Vec<usize> = (0..store.claims().len()).collect();
        let some = Stats::compute(&store, &all[..5]);
        let every = Stats::compute(&store, &all);
        let none = Stats::compute(&store, &[]);
        let theme = Theme::new(true);
        for width in [0, 10, 40, 60, 71, 72, 80, 120, 200] {
            for stats in [Some(&every), Some(&some), Some(&none), None] {
                assert_eq!(
                    lines(stats, &theme, width).len(),
                    stats_lines(stats, width),
                    "width {width}"
                );
            }
        }
    }
}
