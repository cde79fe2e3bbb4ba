//! Drawing. Every function here reads [`State`] and writes a frame; none
//! changes state. Where things go comes from [`crate::app::geometry`],
//! which `update` uses for mouse clicks and scrolling too.

pub mod annotate;
pub mod claims;
pub mod detail;
pub mod export;
pub mod facets;
pub mod help;
pub mod palette;
pub mod prompt;
pub mod stats;
pub mod statusbar;
pub mod theme;
pub mod timeline;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::app::State;
use crate::app::geometry::{MIN_HEIGHT, MIN_WIDTH, layout};
use crate::app::state::Overlay;
use theme::Theme;

pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area);
        return;
    }
    let theme = Theme::named(state.screen.color, state.screen.theme);
    let panes = layout(area.width, area.height, state.focus);
    statusbar::draw_top(state, &theme, frame, panes.top);
    if let Some(r) = panes.facets {
        facets::draw(state, &theme, frame, r);
    }
    if state.stats.is_some() {
        if let Some(r) = crate::app::geometry::stats_area(state) {
            stats::draw(state, &theme, frame, r);
        }
    } else if state.timeline().is_some() {
        if let Some(r) = crate::app::geometry::stats_area(state) {
            timeline::draw(state, &theme, frame, r);
        }
    } else {
        if let Some(r) = panes.claims {
            claims::draw(state, &theme, frame, r);
        }
        if let Some(r) = panes.detail {
            detail::draw(state, &theme, frame, r);
        }
    }
    statusbar::draw_bottom(state, &theme, frame, panes.status);
    match state.overlay() {
        Overlay::None => {}
        Overlay::Help { .. } => help::draw(state, &theme, frame, area),
        Overlay::Export(d) => export::draw(state, d, &theme, frame, area),
        Overlay::Palette(p) => palette::draw(p, &theme, frame, area),
        Overlay::Note(ed) => prompt::draw_note(state, ed, &theme, frame, area),
        Overlay::ViewName(p) => prompt::draw_view_name(state, p, &theme, frame, area),
    }
}

pub const TOO_SMALL: &str = "terminal too small (need 40x10)";

fn draw_too_small(frame: &mut Frame, area: Rect) {
    // Wrapped, so that the whole message shows down to 10 columns or so.
    let rows = area.height.min(3);
    let row = Rect::new(area.x, area.y + (area.height - rows) / 2, area.width, rows);
    let text = Paragraph::new(Line::from(TOO_SMALL))
        .alignment(Alignment::Center)
        .wrap(ratatui::widgets::Wrap { trim: true });
    frame.render_widget(text, row);
}

/// The focused pane's frame: a heavy top edge over light sides.
const FOCUSED_BORDER: border::Set = border::Set {
    top_left: "┍",
    top_right: "┑",
    horizontal_top: "━",
    ..border::PLAIN
};

/// A pane's frame: a heavy top edge and a bold title when focused, so focus
/// is visible without colour. Only the top edge marks focus, and the sides
/// look the same either way: a whole frame that changed thickness and colour
/// made every focus change redraw the sides of two panes row by row, each
/// cell with a cursor move and a colour change (bench/RESULTS.md, "Bytes
/// written per cursor move", has the figures).
pub fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    let set = if focused {
        FOCUSED_BORDER
    } else {
        border::PLAIN
    };
    Block::bordered()
        .border_set(set)
        .border_style(theme.border())
        .title(title)
}
