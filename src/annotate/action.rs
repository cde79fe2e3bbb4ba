//! What can happen in the annotate mode: keys and mouse events turned into
//! actions by the keymap, and the outcomes of the effects the event loop
//! carried out (saves, undo, redo).

use crate::authoring::catalogue::Catalogue;
use crate::authoring::session::Refused;
use crate::model::Dataset;

/// Cursor motions in the reading view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Left,
    Right,
    Down,
    Up,
    WordNext,
    WordPrev,
    SentenceNext,
    SentencePrev,
    Top,
    Bottom,
    PageDown,
    PageUp,
}

/// Editing a line of text (a form field, a picker's query).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Input(char),
    Left,
    Right,
    Home,
    End,
    Backspace,
    Delete,
    Clear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAct {
    Next,
    Prev,
    Edit(Edit),
    /// Opens the field's picker, or cycles a choice.
    Open,
    /// Layer and certainty: the next or previous value.
    Cycle(bool),
    Save,
    Cancel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickAct {
    Edit(Edit),
    Down,
    Up,
    /// Adds or removes the entry under the cursor (a single choice: takes it
    /// and closes).
    Toggle,
    /// Starts making a new entity from the query.
    New,
    /// The new entity's next field.
    NextField,
    Close,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseAct {
    Down { col: u16, row: u16 },
    Drag { col: u16, row: u16 },
    Up,
    ScrollUp,
    ScrollDown,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    /// FILE was written: its dataset now, what can be linked, what was
    /// done, and whether undo and redo have anything left.
    Saved {
        data: Box<Dataset>,
        catalogue: Box<Catalogue>,
        message: String,
        warnings: Vec<String>,
        can_undo: bool,
        can_redo: bool,
    },
    Refused(Refused),
    Message(String),
}

#[derive(Debug, Clone)]
pub enum Action {
    Move(Motion),
    /// `v`: starts a selection at the cursor, or ends it.
    Select,
    /// Esc in the text: drops the selection.
    Unselect,
    /// `c`: a claim from the selection (or the sentence under the cursor).
    Claim,
    Edit,
    Delete,
    Undo,
    Redo,
    NextSource,
    /// Tab: the text or the claim list.
    Focus,
    ClaimDown,
    ClaimUp,
    Help,
    HelpScroll(i32),
    /// `q`: asks first when a draft would be lost.
    Quit,
    /// Ctrl-C: as `q`, but a second Ctrl-C quits.
    Interrupt,
    Form(FormAct),
    Pick(PickAct),
    /// y / n in a confirmation or the restore prompt.
    Answer(bool),
    Mouse(MouseAct),
    Resize {
        width: u16,
        height: u16,
    },
    /// SIGTERM or SIGHUP: keep the draft in FILE.recover and stop.
    Signal(i32),
    Outcome(Outcome),
}
