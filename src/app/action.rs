//! Everything the user can ask for. Keys and mouse events are mapped to
//! these by [`crate::app::keymap`]; [`crate::app::update`] carries them out.

use super::state::Tab;
use super::worker::{Found, Highlighted};
use crate::target::Target;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    TabNext,
    TabPrev,
    SelectTab(Tab),
    /// Facet -> claims -> detail; in Detail, follow the link under the cursor.
    Drill,
    /// One pane back to the left.
    Back,
    HistoryBack,
    HistoryForward,
    PinInclude,
    PinExclude,
    ClearFilters,
    /// Countries also list the claims about their regions, marked.
    ToggleRegions,
    SearchOpen,
    SearchInput(char),
    SearchBackspace,
    SearchClear,
    SearchAccept,
    SearchCancel,
    NextMatch,
    PrevMatch,
    NextLink,
    PrevLink,
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
    ExportOpen,
    ExportNextField,
    ExportPrevField,
    ExportOptionPrev,
    ExportOptionNext,
    ExportInput(char),
    ExportBackspace,
    ExportClear,
    ExportWrite,
    ExportCancel,
    OverwriteYes,
    OverwriteNo,
    /// Jump to a deep-link target (`--open`).
    Open(Target),
    Click {
        col: u16,
        row: u16,
    },
    ScrollUp {
        col: u16,
        row: u16,
    },
    ScrollDown {
        col: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// Results of a search from the worker (see [`crate::app::worker`]).
    SearchDone(Box<Found>),
    /// Highlights of listed rows from the worker.
    HighlightDone(Box<Highlighted>),
}
