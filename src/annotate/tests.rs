//! The annotate mode driven through `update`, without a terminal.

use super::action::{Edit, FormAct, Motion, Outcome, PickAct};
use super::state::{Confirm, Effect, Overlay, State};
use super::{Action, keymap, update};
use crate::authoring::catalogue::Catalogue;
use crate::authoring::draft::Field;
use crate::authoring::recover::Recover;
use crate::authoring::session::{Change, Refused};
use crate::model::{Dataset, Input, Kind, Place, Problem};

const TEXT: &str = "Opening\nSerbia may wait. The EU “decides” later.\nAnd then Kosovo acts.";

fn dataset() -> Dataset {
    serde_json::from_value(serde_json::json!({
        "schema_version": 2,
        "sources": [{
            "id": "s", "kind": "commentary", "title": "T", "author": null,
            "published": null, "url": null, "text": TEXT,
            "sections": [{"id": "all", "heading": "Opening", "start": 0, "end": 70}]
        }],
        "countries": [
            {"id": "RS", "name": "Serbia", "iso3": "SRB", "aliases": [],
             "nato": {"status": "neutral", "since": null, "basis": "article", "reference": null},
             "eu": {"status": "candidate", "since": null, "basis": "article", "reference": null}},
            {"id": "XK", "name": "Kosovo", "iso3": "XKX", "aliases": [],
             "nato": {"status": "non_member", "since": null, "basis": "article", "reference": null},
             "eu": {"status": "potential_candidate", "since": null, "basis": "article", "reference": null}}
        ],
        "actors": [{"id": "eu", "name": "European Union", "kind": "international_organisation",
                    "aliases": ["EU"], "country": null}]
    }))
    .unwrap()
}

fn state() -> State {
    let data = dataset();
    let json = serde_json::to_string(&data).unwrap();
    let store = crate::model::load_inputs(vec![Input::new("f.json", json)]).expect("valid");
    let cat = Catalogue::build(&store, &data);
    let mut s = State::new(std::path::Path::new("f.json"), data, cat);
    update(
        &mut s,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    s
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Form(FormAct::Edit(Edit::Input(c))));
    }
}

fn put_claim(s: &mut State) -> crate::model::Claim {
    match s.take_effects().as_slice() {
        [Effect::Save(change)] => match change.as_ref() {
            Change::Put { claim, .. } => claim.as_ref().clone(),
            other => panic!("not a put: {other:?}"),
        },
        other => panic!("effects: {other:?}"),
    }
}

#[test]
fn v_sentence_c_statement_ctrl_s_saves_the_exact_sentence() {
    let mut s = state();
    assert_eq!(s.cursor, 0);
    update(&mut s, Action::Move(Motion::Down));
    assert_eq!(s.cursor, 8, "the next line's start");
    update(&mut s, Action::Select);
    update(&mut s, Action::Move(Motion::SentenceNext));
    assert_eq!(s.selection(), Some((8, 24)));
    update(&mut s, Action::Claim);
    let form = s.form().expect("form");
    assert_eq!((form.field(), form.id.as_str()), (Field::Statement, "s-1"));
    assert_eq!(form.draft.countries, vec!["RS"]);
    assert_eq!(form.draft.hedges, "may");
    typed(&mut s, "Serbia may wait.");
    update(&mut s, Action::Form(FormAct::Save));
    let c = put_claim(&mut s);
    assert_eq!(c.quote.exact, "Serbia may wait.");
    let chars: Vec<char> = TEXT.chars().collect();
    let slice: String = chars[c.quote.start..c.quote.end].iter().collect();
    assert_eq!(
        (c.quote.start, c.quote.end, slice.as_str()),
        (8, 24, "Serbia may wait.")
    );
    assert_eq!(c.certainty, crate::model::Certainty::Hedged);
    // The loop reports the save: the form closes, the selection goes.
    let mut data = dataset();
    data.claims.push(c);
    update(&mut s, saved(data));
    assert!(s.form().is_none() && s.selection().is_none());
    assert_eq!(s.claims.len(), 1);
    assert_eq!(s.selected_claim().map(|c| c.id.as_str()), Some("s-1"));
}

fn saved(data: Dataset) -> Action {
    Action::Outcome(Outcome::Saved {
        data: Box::new(data),
        catalogue: Box::default(),
        message: "added s-1".into(),
        warnings: Vec::new(),
        can_undo: true,
        can_redo: false,
    })
}

#[test]
fn sentence_motion_with_a_selection_takes_closing_quotes_and_punctuation() {
    let mut s = state();
    update(&mut s, Action::Move(Motion::Down));
    update(&mut s, Action::Move(Motion::SentenceNext));
    assert_eq!(s.cursor, 25, "the second sentence's start");
    update(&mut s, Action::Select);
    update(&mut s, Action::Move(Motion::SentenceNext));
    let (a, b) = s.selection().unwrap();
    let got: String = TEXT.chars().skip(a).take(b - a).collect();
    assert_eq!(got, "The EU “decides” later.");
    update(&mut s, Action::Move(Motion::SentencePrev));
    assert_eq!(s.cursor, 25);
    update(&mut s, Action::Move(Motion::WordNext));
    assert_eq!(s.cursor, 29, "EU");
    update(&mut s, Action::Move(Motion::WordPrev));
    assert_eq!(s.cursor, 25);
    update(&mut s, Action::Move(Motion::Bottom));
    assert_eq!(s.cursor, TEXT.chars().count() - 1);
}

#[test]
fn without_a_statement_nothing_is_saved_and_the_field_says_why() {
    let mut s = state();
    update(&mut s, Action::Move(Motion::Down));
    update(&mut s, Action::Claim);
    assert_eq!(
        s.form().unwrap().draft.start,
        8,
        "the sentence under the cursor"
    );
    update(&mut s, Action::Form(FormAct::Save));
    assert!(s.take_effects().is_empty());
    assert_eq!(s.form().unwrap().problems_of(Field::Statement).count(), 1);
    // The validator's problems land at their fields.
    typed(&mut s, "x");
    update(&mut s, Action::Form(FormAct::Save));
    let c = put_claim(&mut s);
    let p = Problem {
        place: Place::file("f.json"),
        path: Some("claims[0].countries[0]".into()),
        id: Some(c.id.clone()),
        message: "unknown country id \"ZZ\"".into(),
    };
    update(
        &mut s,
        Action::Outcome(Outcome::Refused(Refused::Invalid(vec![p]))),
    );
    let form = s.form().expect("still open");
    assert!(!form.saving);
    assert_eq!(
        form.problems_of(Field::Countries).next(),
        Some("unknown country id \"ZZ\"")
    );
}

#[test]
fn quitting_over_typing_asks_and_a_second_ctrl_c_quits() {
    let mut s = state();
    update(&mut s, Action::Claim);
    update(&mut s, Action::Quit);
    assert!(s.quit, "an empty form is no loss");
    let mut s = state();
    update(&mut s, Action::Claim);
    typed(&mut s, "q?");
    assert_eq!(
        s.form().unwrap().draft.statement,
        "q?",
        "q and ? are typed in the form"
    );
    update(&mut s, Action::Interrupt);
    assert!(matches!(
        s.overlay,
        Overlay::Confirm(Confirm::Quit, Some(_))
    ));
    update(&mut s, Action::Answer(false));
    assert!(matches!(s.overlay, Overlay::Form(_)) && !s.quit);
    update(&mut s, Action::Interrupt);
    update(&mut s, Action::Interrupt);
    assert!(s.quit);
}

#[test]
fn a_signal_keeps_the_draft_and_a_restore_brings_it_back() {
    let mut s = state();
    update(&mut s, Action::Move(Motion::Down));
    update(&mut s, Action::Select);
    update(&mut s, Action::Move(Motion::SentenceNext));
    update(&mut s, Action::Claim);
    typed(&mut s, "Kept.");
    update(&mut s, Action::Signal(15));
    assert!(s.quit && s.signal() == Some(15));
    let r: Recover = match s.take_effects().as_slice() {
        [Effect::WriteRecover(r)] => r.as_ref().clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(r.selection, Some((8, 24)));
    let mut s = state();
    s.offer_restore(r);
    update(&mut s, Action::Answer(true));
    let form = s.form().expect("restored");
    assert_eq!(
        (
            form.draft.statement.as_str(),
            form.draft.start,
            form.draft.end
        ),
        ("Kept.", 8, 24)
    );
    update(&mut s, Action::Form(FormAct::Save));
    let c = put_claim(&mut s);
    let mut data = dataset();
    data.claims.push(c);
    update(&mut s, saved(data));
    assert!(matches!(
        s.take_effects().as_slice(),
        [Effect::RemoveRecover]
    ));
    // "n" sets it aside.
    let mut s = state();
    s.offer_restore(Recover::new(
        std::path::Path::new("f.json"),
        "s",
        Some((0, 3)),
        None,
    ));
    update(&mut s, Action::Answer(false));
    assert!(matches!(
        s.take_effects().as_slice(),
        [Effect::SetAsideRecover]
    ));
}

#[test]
fn pickers_toggle_links_and_make_new_entities() {
    let mut s = state();
    update(&mut s, Action::Claim);
    update(&mut s, Action::Form(FormAct::Next));
    assert_eq!(s.form().unwrap().field(), Field::Countries);
    update(&mut s, Action::Form(FormAct::Open));
    for c in "kos".chars() {
        update(&mut s, Action::Pick(PickAct::Edit(Edit::Input(c))));
    }
    let hits = &s.form().unwrap().picker.as_ref().unwrap().hits;
    assert_eq!(hits[0].id, "XK");
    update(&mut s, Action::Pick(PickAct::Toggle));
    assert_eq!(s.form().unwrap().draft.countries, vec!["XK"]);
    update(&mut s, Action::Pick(PickAct::Toggle));
    assert!(s.form().unwrap().draft.countries.is_empty());
    update(&mut s, Action::Pick(PickAct::New));
    assert!(
        s.message().unwrap().contains("NATO and EU facts"),
        "countries are not made here"
    );
    update(&mut s, Action::Pick(PickAct::Close));
    for _ in 0..2 {
        update(&mut s, Action::Form(FormAct::Next));
    }
    assert_eq!(s.form().unwrap().field(), Field::Actors);
    typed(&mut s, "Think Tank");
    update(&mut s, Action::Pick(PickAct::New));
    update(&mut s, Action::Pick(PickAct::Toggle));
    let form = s.form().unwrap();
    assert_eq!(form.draft.actors, vec!["think-tank"]);
    assert_eq!(form.draft.new_entities.actors[0].name, "Think Tank");
    assert!(
        s.catalogue
            .of(Kind::Actor)
            .iter()
            .all(|e| e.id != "think-tank")
    );
}

#[test]
fn delete_asks_then_saves_the_deletion() {
    let mut s = state();
    let mut data = dataset();
    update(&mut s, Action::Move(Motion::Down));
    update(&mut s, Action::Claim);
    typed(&mut s, "S.");
    update(&mut s, Action::Form(FormAct::Save));
    data.claims.push(put_claim(&mut s));
    update(&mut s, saved(data));
    update(&mut s, Action::Delete);
    assert!(matches!(&s.overlay, Overlay::Confirm(Confirm::Delete(id), None) if id == "s-1"));
    update(&mut s, Action::Answer(true));
    assert!(
        matches!(s.take_effects().as_slice(), [Effect::Save(c)] if matches!(c.as_ref(), Change::Delete(id) if id == "s-1"))
    );
    update(&mut s, Action::Undo);
    assert!(matches!(s.take_effects().as_slice(), [Effect::Undo]));
    update(&mut s, Action::Redo);
    assert!(s.take_effects().is_empty(), "nothing to redo yet");
}

#[test]
fn the_readme_lists_the_modes_keys() {
    let readme = include_str!("../../README.md");
    let table = keymap::markdown();
    let start = readme
        .find("<!-- annotate-keys:start -->\n")
        .expect("marker")
        + 29;
    let end = readme.find("<!-- annotate-keys:end -->").expect("marker");
    assert_eq!(
        &readme[start..end],
        table,
        "run `stratlens annotate --keys` and paste it"
    );
}

#[test]
fn every_context_has_hints_and_keys_resolve() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for ctx in keymap::Ctx::ALL {
        let n = keymap::BINDINGS.iter().filter(|b| b.ctx == ctx).count();
        assert!(n > 0, "{ctx:?} has keys");
    }
    let s = state();
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert!(matches!(
        keymap::action_for(&s, key('v')),
        Some(Action::Select)
    ));
    assert!(matches!(
        keymap::action_for(&s, key('q')),
        Some(Action::Quit)
    ));
    let shifted = KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT);
    assert!(matches!(
        keymap::action_for(&s, shifted),
        Some(Action::Edit)
    ));
    assert!(keymap::hints(keymap::Ctx::Text).contains("c claim"));
}
