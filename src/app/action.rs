//! Everything that changes the explorer: what the user asks for (keys and
//! mouse events are mapped to these by [`crate::app::keymap`]) and what
//! comes back from outside the state (the search worker's replies, a
//! failed effect, the saved session). [`crate::app::update()`] carries them
//! out; nothing else changes the [`State`](crate::app::State).

use super::state::Tab;
use super::worker::{Highlighted, Listing};
use crate::session::Restore;
use crate::target::Target;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Closes the help or the stats view, whichever is open; quits when
    /// nothing is.
    Close,
    ToggleHelp,
    Resize {
        width: u16,
        height: u16,
    },
    Move(Move),
    Go(Go),
    Pin(Pin),
    Search(SearchEdit),
    Jump(Jump),
    Brief(Brief),
    /// Keys of the export dialog.
    Dialog(Dialog),
    Mouse(Mouse),
    /// Something that happened outside `update`.
    Outcome(Outcome),
    /// The command palette, saved views and notes (see [`crate::app::tools`]).
    Tool(Tool),
    /// Keys of a line being typed: the palette, a note, a view's name.
    Edit(Edit),
}

/// The palette, saved views, notes and themes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tool {
    Palette,
    /// Save the tab, chips, search and lens under a name (prompt).
    SaveView,
    /// Restore the saved view of this name.
    View(String),
    /// Add or edit the note on the selected claim.
    Note,
    /// Switch the colour theme for this run.
    Theme(crate::config::ThemeName),
}

/// Editing a line of text, and leaving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Input(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    Clear,
    Accept,
    Cancel,
    /// In the view name prompt's question: overwrite the existing view.
    Yes,
    /// Keep the existing view and edit the name.
    No,
}

/// Cursor and scroll motions in the focused pane (or overlay).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
}

/// Moving between panes, tabs and places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    FocusNext,
    FocusPrev,
    /// Facet -> claims -> detail; in Detail, follow the link under the cursor.
    Drill,
    /// One pane back to the left.
    Back,
    HistoryBack,
    HistoryForward,
    TabNext,
    TabPrev,
    SelectTab(Tab),
    /// Jump to a deep-link target (`--open`).
    Open(Target),
}

/// Pinned filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pin {
    Include,
    Exclude,
    /// Clears every filter and the search.
    Clear,
    /// Countries also list the claims about their regions, marked.
    Regions,
}

/// The search line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchEdit {
    Open,
    Input(char),
    Backspace,
    Clear,
    Accept,
    Cancel,
}

/// Walking the search matches and the links of the claim in Detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    NextMatch,
    PrevMatch,
    NextLink,
    PrevLink,
}

/// The briefing workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Brief {
    /// Mark or unmark the selected claim for a briefing.
    ToggleMark,
    /// List only the marked claims, or everything again.
    ToggleMarkedOnly,
    CycleLens,
    /// Copy the selected claim as a full citation.
    CopyCitation,
    /// Copy the exact quote with a short citation.
    CopyQuote,
    ToggleStats,
    /// The sources in date order with the listed claims of each.
    ToggleTimeline,
    /// In the timeline: choose a source to compare with another.
    Compare,
    ExportOpen,
}

/// Keys of the export dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    NextField,
    PrevField,
    OptionPrev,
    OptionNext,
    Input(char),
    Backspace,
    Clear,
    Write,
    /// Put the briefing on the terminal's clipboard instead of a file.
    Copy,
    Cancel,
    OverwriteYes,
    OverwriteNo,
}

/// Mouse events, at a screen position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    Click { col: u16, row: u16 },
    ScrollUp { col: u16, row: u16 },
    ScrollDown { col: u16, row: u16 },
}

impl Mouse {
    pub fn position(self) -> (u16, u16) {
        match self {
            Mouse::Click { col, row }
            | Mouse::ScrollUp { col, row }
            | Mouse::ScrollDown { col, row } => (col, row),
        }
    }
}

/// What comes back to the state from outside `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Results of a search from the worker (see [`crate::app::worker`]).
    Searched(Box<Listing>),
    /// Highlights of listed rows from the worker.
    Highlighted(Box<Highlighted>),
    /// The saved session found at start-up.
    Session(Box<Restore>),
    /// Something for the status line: an effect that failed, or what the
    /// start-up has to say.
    Message(String),
}
