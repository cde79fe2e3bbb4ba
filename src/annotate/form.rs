//! The claim form: the draft being written, the focused field and its
//! caret, the problems found in each field, and the picker open over it.

use super::action::{Edit, FormAct};
use super::edit;
use super::picker::{Picker, Pool};
use super::state::{Confirm, Effect, Overlay, State};
use crate::authoring::draft::{Draft, Field};
use crate::authoring::session::Change;
use crate::model::{Certainty, Claim, Kind, Layer};

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Typed (the related field also has a picker of claims).
    Text,
    /// Ids chosen in a picker.
    List(Kind),
    /// One of a few values, cycled.
    Choice,
    /// One actor, chosen in a picker.
    Single,
}

pub fn kind_of(f: Field) -> FieldKind {
    match f {
        Field::Countries => FieldKind::List(Kind::Country),
        Field::Regions => FieldKind::List(Kind::Region),
        Field::Actors => FieldKind::List(Kind::Actor),
        Field::Themes => FieldKind::List(Kind::Theme),
        Field::Layer | Field::Certainty => FieldKind::Choice,
        Field::Speaker => FieldKind::Single,
        _ => FieldKind::Text,
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub(crate) draft: Draft,
    /// The id the claim gets (or has, when edited).
    pub(crate) id: String,
    /// Index into [`Field::FORM`].
    pub(crate) field: usize,
    /// Caret in the focused text field, in characters.
    pub(crate) caret: usize,
    pub(crate) problems: Vec<(Field, String)>,
    pub(crate) picker: Option<Picker>,
    /// The quote as the text has it.
    pub(crate) quote: String,
    /// The claim edited, whose unshown fields are kept.
    pub(crate) old: Option<Box<Claim>>,
    /// Sent to be saved; waiting for the outcome.
    pub(crate) saving: bool,
}

impl Form {
    pub fn new(draft: Draft, id: String, quote: String, old: Option<Claim>) -> Form {
        let caret = draft.statement.chars().count();
        Form {
            draft,
            id,
            field: 0,
            caret,
            problems: Vec::new(),
            picker: None,
            quote,
            old: old.map(Box::new),
            saving: false,
        }
    }

    pub fn field(&self) -> Field {
        Field::FORM[self.field]
    }

    /// A text field's text.
    pub fn text(&self, f: Field) -> Option<&String> {
        let d = &self.draft;
        match f {
            Field::Statement => Some(&d.statement),
            Field::Cue => Some(&d.cue),
            Field::Hedges => Some(&d.hedges),
            Field::Related => Some(&d.related),
            _ => None,
        }
    }

    fn text_mut(&mut self, f: Field) -> Option<&mut String> {
        let d = &mut self.draft;
        match f {
            Field::Statement => Some(&mut d.statement),
            Field::Cue => Some(&mut d.cue),
            Field::Hedges => Some(&mut d.hedges),
            Field::Related => Some(&mut d.related),
            _ => None,
        }
    }

    /// The ids a list field holds.
    pub fn list(&self, kind: Kind) -> &Vec<String> {
        let d = &self.draft;
        match kind {
            Kind::Country => &d.countries,
            Kind::Region => &d.regions,
            Kind::Actor => &d.actors,
            _ => &d.themes,
        }
    }

    pub(crate) fn list_mut(&mut self, kind: Kind) -> &mut Vec<String> {
        let d = &mut self.draft;
        match kind {
            Kind::Country => &mut d.countries,
            Kind::Region => &mut d.regions,
            Kind::Actor => &mut d.actors,
            _ => &mut d.themes,
        }
    }

    pub fn problems_of(&self, f: Field) -> impl Iterator<Item = &str> {
        (self.problems.iter())
            .filter(move |(g, _)| *g == f)
            .map(|(_, m)| m.as_str())
    }

    fn focus(&mut self, k: usize) {
        self.field = k % Field::FORM.len();
        self.caret = self.text(self.field()).map_or(0, |t| t.chars().count());
    }

    fn cycle(&mut self, forward: bool) {
        let step = |i: usize, n: usize| {
            if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }
        };
        match self.field() {
            Field::Layer => {
                let i = Layer::ALL
                    .iter()
                    .position(|&l| l == self.draft.layer)
                    .unwrap_or(0);
                self.draft.layer = Layer::ALL[step(i, Layer::ALL.len())];
            }
            Field::Certainty => {
                let all = Certainty::ALL;
                let i = all
                    .iter()
                    .position(|&c| c == self.draft.certainty)
                    .unwrap_or(0);
                self.draft.certainty = all[step(i, all.len())];
            }
            _ => {}
        }
    }
}

/// Applies a form action to the open form.
pub(crate) fn update(state: &mut State, act: FormAct) {
    let Overlay::Form(form) = &mut state.overlay else {
        return;
    };
    if let (Some(_), FormAct::Edit(e)) = (&form.picker, act) {
        // Typing goes to the open picker's query.
        return super::picker::update(state, super::action::PickAct::Edit(e));
    }
    let n = Field::FORM.len();
    match act {
        FormAct::Next => form.focus(form.field + 1),
        FormAct::Prev => form.focus(form.field + n - 1),
        FormAct::Edit(e) => edit_field(form, e),
        FormAct::Cycle(forward) => form.cycle(forward),
        FormAct::Open => open(form, state.width),
        FormAct::Save => save(state),
        FormAct::Cancel if form.draft.has_typing() => {
            let Overlay::Form(form) = std::mem::replace(&mut state.overlay, Overlay::None) else {
                return;
            };
            state.overlay = Overlay::Confirm(Confirm::Discard, Some(form));
        }
        FormAct::Cancel => {
            state.overlay = Overlay::None;
            state.message = Some("form closed".into());
        }
    }
    if let Overlay::Form(form) = &mut state.overlay
        && let Some(p) = &mut form.picker
    {
        p.refresh(&state.catalogue, &form.draft);
    }
}

/// Typing in a text field; Left/Right cycle a choice; Backspace empties a
/// list's last entry.
fn edit_field(form: &mut Form, e: Edit) {
    let f = form.field();
    match kind_of(f) {
        FieldKind::Text => {
            let mut caret = form.caret;
            if let Some(text) = form.text_mut(f) {
                edit::apply(text, &mut caret, e);
            }
            form.caret = caret;
            form.problems.retain(|(g, _)| *g != f);
        }
        FieldKind::Choice => match e {
            Edit::Left => form.cycle(false),
            Edit::Right | Edit::Input(' ') => form.cycle(true),
            _ => {}
        },
        FieldKind::List(kind) => match e {
            Edit::Backspace => {
                form.list_mut(kind).pop();
            }
            Edit::Input(c) if !c.is_whitespace() => {
                // Typing in a list field starts the picker's query.
                open(form, 0);
                if let Some(p) = &mut form.picker {
                    p.query.push(c);
                    p.caret = p.query.chars().count();
                }
            }
            _ => {}
        },
        FieldKind::Single => match e {
            Edit::Backspace | Edit::Delete => form.draft.speaker = None,
            Edit::Input(c) if !c.is_whitespace() => {
                open(form, 0);
                if let Some(p) = &mut form.picker {
                    p.query.push(c);
                    p.caret = 1;
                }
            }
            _ => {}
        },
    }
}

/// Enter: a list's or the speaker's picker, the claims picker for related,
/// the next value of a choice, the next field from a text.
fn open(form: &mut Form, _width: u16) {
    let pool = match (form.field(), kind_of(form.field())) {
        (_, FieldKind::List(kind)) => Pool::Entities(kind),
        (_, FieldKind::Single) => Pool::Speaker,
        (Field::Related, _) => Pool::Claims,
        (_, FieldKind::Choice) => return form.cycle(true),
        _ => return form.focus(form.field + 1),
    };
    form.picker = Some(Picker::new(pool));
}

/// Ctrl-S: the claim if the draft makes one, sent to be saved; otherwise
/// its problems shown at their fields.
fn save(state: &mut State) {
    let Overlay::Form(form) = &mut state.overlay else {
        return;
    };
    let source = state
        .data
        .sources
        .iter()
        .find(|s| s.id == form.draft.source);
    let Some(source) = source else {
        state.message = Some(format!(
            "source {} is gone from the file",
            form.draft.source
        ));
        return;
    };
    match form
        .draft
        .to_claim(source, form.id.clone(), form.old.as_deref())
    {
        Err(problems) => {
            let n = problems.len();
            form.problems = problems;
            state.message = Some(format!(
                "not saved: {n} problem{} (shown at the field)",
                if n == 1 { "" } else { "s" }
            ));
        }
        Ok(claim) => {
            form.problems.clear();
            form.saving = true;
            let entities = form.draft.new_entities.clone();
            let change = Change::Put {
                claim: Box::new(claim),
                entities,
            };
            state.effects.push(Effect::Save(Box::new(change)));
            state.message = Some(format!("saving {}…", form.id));
        }
    }
}
