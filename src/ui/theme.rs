//! Styles. Only the 16 named ANSI colours are used, and every colour is
//! paired with a modifier so that NO_COLOR loses no information. Three
//! themes (`config.toml`'s `theme`, `--theme`): dark (the default), light
//! (no yellow or cyan on a light background) and high-contrast (bright
//! colours, nothing dimmed).

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub name: ThemeName,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme::named(color, ThemeName::Dark)
    }

    pub fn named(color: bool, name: ThemeName) -> Theme {
        Theme { color, name }
    }

    /// The dark theme's colour `c` as this theme draws it.
    fn fg(&self, style: Style, c: Color) -> Style {
        if !self.color {
            return style;
        }
        let c = match self.name {
            ThemeName::Dark => c,
            ThemeName::Light => match c {
                Color::Yellow => Color::Red,
                Color::Cyan => Color::Blue,
                Color::Green => Color::Green,
                Color::DarkGray => Color::Gray,
                other => other,
            },
            ThemeName::HighContrast => match c {
                Color::Yellow => Color::LightYellow,
                Color::Cyan => Color::LightCyan,
                Color::Green => Color::LightGreen,
                Color::Red => Color::LightRed,
                Color::Magenta => Color::LightMagenta,
                Color::Blue => Color::LightCyan,
                Color::DarkGray => Color::White,
                other => other,
            },
        };
        style.fg(c)
    }

    pub fn plain(&self) -> Style {
        Style::new()
    }

    /// Pane frames, focused or not: focus shows in the top edge's shape
    /// and the title's style (see [`crate::ui::pane_block`]).
    pub fn border(&self) -> Style {
        self.fg(Style::new(), Color::DarkGray)
    }

    pub fn title(&self, focused: bool) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if focused { self.fg(s, Color::Cyan) } else { s }
    }

    /// The cursor row: reversed in the focused pane, bold elsewhere (rows
    /// also carry a `▶` marker).
    pub fn selection(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn search_match(&self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }

    pub fn quote(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn hedge(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    pub fn label(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn strong(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.name == ThemeName::HighContrast {
            return self.fg(Style::new(), Color::DarkGray);
        }
        self.fg(Style::new().add_modifier(Modifier::DIM), Color::DarkGray)
    }

    pub fn badge(&self) -> Style {
        self.fg(Style::new(), Color::Magenta)
    }

    pub fn include_chip(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Green)
    }

    pub fn exclude_chip(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    pub fn message(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// The link under the Detail link cursor.
    pub fn link_cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The `●` of a marked claim.
    pub fn mark(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// Bars of the stats view: the block characters carry the length.
    pub fn bar(&self) -> Style {
        self.fg(Style::new(), Color::Cyan)
    }

    pub fn link(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::UNDERLINED), Color::Blue)
    }
}
