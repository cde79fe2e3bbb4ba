//! The annotate mode's state: FILE's dataset as saved, the source read, the
//! cursor and selection in code points, the claim list, and what is open
//! over them (the claim form, a confirmation, the help, the restore
//! prompt). Only [`super::update::update`] changes it; the screen reads it.

use std::path::{Path, PathBuf};

use super::form::Form;
use super::layout::{self, TextLayout};
use crate::authoring::catalogue::Catalogue;
use crate::authoring::recover::Recover;
use crate::authoring::session::Change;
use crate::config::ThemeName;
use crate::model::{Claim, Dataset, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Text,
    Claims,
}

/// What a confirmation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    Delete(String),
    /// Quit although the form holds typing.
    Quit,
    /// Close the form although it holds typing.
    Discard,
}

#[derive(Debug, Clone)]
pub enum Overlay {
    None,
    Form(Box<Form>),
    /// A confirmation, over the form when one is open.
    Confirm(Confirm, Option<Box<Form>>),
    Help {
        scroll: usize,
    },
    Restore(Box<Recover>),
}

/// What `update` wants done outside: the event loop does it and reports
/// back with an [`super::action::Outcome`].
#[derive(Debug, Clone)]
pub enum Effect {
    Save(Box<Change>),
    Undo,
    Redo,
    WriteRecover(Box<Recover>),
    /// The restore prompt's "no": FILE.recover becomes FILE.recover.old.
    SetAsideRecover,
    /// What FILE.recover held is saved.
    RemoveRecover,
}

pub struct State {
    pub(crate) file: PathBuf,
    pub(crate) file_name: String,
    pub(crate) data: Dataset,
    pub(crate) catalogue: Catalogue,
    /// Indexes of FILE's sources that have a text.
    pub(crate) texts: Vec<usize>,
    /// Which of `texts` is shown.
    pub(crate) source: usize,
    pub(crate) layout: TextLayout,
    /// Code point under the cursor.
    pub(crate) cursor: usize,
    /// Where the selection started (`v`, a mouse press).
    pub(crate) anchor: Option<usize>,
    /// First text line on screen.
    pub(crate) scroll: usize,
    pub(crate) width: u16,
    pub(crate) height: u16,
    pub(crate) focus: Focus,
    /// FILE's claims on the source shown, by quote start.
    pub(crate) claims: Vec<usize>,
    pub(crate) claim_cursor: usize,
    pub(crate) overlay: Overlay,
    pub(crate) message: Option<String>,
    pub(crate) effects: Vec<Effect>,
    pub(crate) quit: bool,
    /// The signal that ended the mode, for the exit status.
    pub(crate) signal: Option<i32>,
    pub(crate) can_undo: bool,
    pub(crate) can_redo: bool,
    pub(crate) color: bool,
    pub(crate) theme: ThemeName,
    /// The open form came from FILE.recover: remove it once saved.
    pub(crate) from_recover: bool,
    pub(crate) dragging: bool,
    /// Ctrl-C pressed once over typing: a second one quits.
    pub(crate) interrupted: bool,
}

impl State {
    /// The mode on FILE's dataset, at the start of its first source's text.
    pub fn new(file: &Path, data: Dataset, catalogue: Catalogue) -> State {
        let texts: Vec<usize> = (0..data.sources.len())
            .filter(|&i| data.sources[i].text.is_some())
            .collect();
        let mut s = State {
            file: file.to_path_buf(),
            file_name: file.display().to_string(),
            data,
            catalogue,
            texts,
            source: 0,
            layout: TextLayout::default(),
            cursor: 0,
            anchor: None,
            scroll: 0,
            width: 80,
            height: 24,
            focus: Focus::Text,
            claims: Vec::new(),
            claim_cursor: 0,
            overlay: Overlay::None,
            message: None,
            effects: Vec::new(),
            quit: false,
            signal: None,
            can_undo: false,
            can_redo: false,
            color: true,
            theme: ThemeName::Dark,
            from_recover: false,
            dragging: false,
            interrupted: false,
        };
        s.relayout();
        s
    }

    pub fn with_style(mut self, color: bool, theme: ThemeName) -> State {
        self.color = color;
        self.theme = theme;
        self
    }

    /// Opens the prompt to restore what FILE.recover holds.
    pub fn offer_restore(&mut self, r: Recover) {
        self.overlay = Overlay::Restore(Box::new(r));
    }

    pub fn quit_requested(&self) -> bool {
        self.quit
    }

    pub fn signal(&self) -> Option<i32> {
        self.signal
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The source shown.
    pub fn current_source(&self) -> Option<&Source> {
        self.texts.get(self.source).map(|&i| &self.data.sources[i])
    }

    pub fn text(&self) -> &str {
        self.current_source()
            .and_then(|s| s.text.as_deref())
            .unwrap_or("")
    }

    /// The selection as code points, end exclusive (the cursor's character
    /// is part of it).
    pub fn selection(&self) -> Option<(usize, usize)> {
        let a = self.anchor?;
        let (lo, hi) = (a.min(self.cursor), a.max(self.cursor));
        Some((lo, (hi + 1).min(self.layout.len)))
    }

    /// The claim the list's cursor is on.
    pub fn selected_claim(&self) -> Option<&Claim> {
        self.claims
            .get(self.claim_cursor)
            .map(|&i| &self.data.claims[i])
    }

    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Overlay::Form(f) | Overlay::Confirm(_, Some(f)) => Some(f),
            _ => None,
        }
    }

    /// The reading pane's inside (text rows and columns).
    pub fn text_inner(&self) -> ratatui::layout::Rect {
        let form = !matches!(self.overlay, Overlay::None | Overlay::Help { .. });
        layout::inner(layout::areas_with(self.width, self.height, form).text)
    }

    /// Lays the text out again for the pane's width, and lists the
    /// source's claims.
    pub(crate) fn relayout(&mut self) {
        let width = usize::from(self.text_inner().width.max(1));
        let text = self.text().to_string();
        self.layout = TextLayout::new(&text, width);
        self.cursor = self.cursor.min(self.layout.len.saturating_sub(1));
        self.list_claims();
        self.follow();
    }

    pub(crate) fn list_claims(&mut self) {
        let id = self.current_source().map(|s| s.id.clone());
        let mut claims: Vec<usize> = (0..self.data.claims.len())
            .filter(|&i| Some(&self.data.claims[i].source) == id.as_ref())
            .collect();
        claims.sort_by_key(|&i| {
            (
                self.data.claims[i].quote.start,
                self.data.claims[i].quote.end,
            )
        });
        self.claims = claims;
        self.claim_cursor = self.claim_cursor.min(self.claims.len().saturating_sub(1));
    }

    /// Scrolls so the cursor's line is on screen.
    pub(crate) fn follow(&mut self) {
        let rows = usize::from(self.text_inner().height.max(1));
        let line = self.layout.line_of(self.cursor);
        if line < self.scroll {
            self.scroll = line;
        } else if line >= self.scroll + rows {
            self.scroll = line + 1 - rows;
        }
    }

    /// Puts the claim list's cursor on the claim under the text cursor.
    pub(crate) fn select_claim_under_cursor(&mut self) {
        let cp = self.cursor;
        if let Some(k) = (self.claims.iter()).position(|&i| {
            (self.data.claims[i].quote.start..self.data.claims[i].quote.end).contains(&cp)
        }) {
            self.claim_cursor = k;
        }
    }

    /// Code point ranges of FILE's quotes in the source shown.
    pub fn quotes(&self) -> Vec<(usize, usize)> {
        (self.claims.iter())
            .map(|&i| {
                (
                    self.data.claims[i].quote.start,
                    self.data.claims[i].quote.end,
                )
            })
            .collect()
    }
}
