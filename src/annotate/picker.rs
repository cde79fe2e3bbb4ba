//! Pickers over what a claim can link: fuzzy over the names, aliases and
//! ids of the countries, regions, actors or themes of every dataset open
//! (or over claims, for related), with a new region, actor or theme made
//! from the query.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::action::{Edit, PickAct};
use super::edit;
use super::form::Form;
use super::state::{Overlay, State};
use crate::authoring::catalogue::{Catalogue, Entry};
use crate::authoring::draft::Draft;
use crate::authoring::ids::slug;
use crate::model::validate::is_valid_id;
use crate::model::{Actor, ActorKind, Kind, Region, Theme};

/// What a picker chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    Entities(Kind),
    Speaker,
    Claims,
}

impl Pool {
    pub fn title(self) -> &'static str {
        match self {
            Pool::Entities(Kind::Country) => "Countries",
            Pool::Entities(Kind::Region) => "Regions",
            Pool::Entities(Kind::Actor) => "Actors",
            Pool::Entities(_) => "Themes",
            Pool::Speaker => "Speaker (an actor)",
            Pool::Claims => "Related claim",
        }
    }

    fn kind(self) -> Kind {
        match self {
            Pool::Entities(k) => k,
            Pool::Speaker => Kind::Actor,
            Pool::Claims => Kind::Claim,
        }
    }
}

/// An entry the query matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub id: String,
    pub label: String,
    /// Defined in FILE (or made in this form), not in a read-only file.
    pub own: bool,
}

/// A new entity being made from the picker.
#[derive(Debug, Clone, Default)]
pub struct NewEntity {
    pub id: String,
    pub name: String,
    /// 0: the id, 1: the name.
    pub field: usize,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub(crate) pool: Pool,
    pub(crate) query: String,
    pub(crate) caret: usize,
    pub(crate) hits: Vec<Hit>,
    pub(crate) cursor: usize,
    pub(crate) new: Option<NewEntity>,
}

impl Picker {
    pub fn new(pool: Pool) -> Picker {
        Picker {
            pool,
            query: String::new(),
            caret: 0,
            hits: Vec::new(),
            cursor: 0,
            new: None,
        }
    }

    /// Matches the query again (all entries, in the datasets' order, when
    /// it is empty; best first otherwise).
    pub fn refresh(&mut self, cat: &Catalogue, draft: &Draft) {
        let all = candidates(self.pool, cat, draft);
        let q = self.query.trim();
        self.hits = if q.is_empty() {
            all.into_iter().map(|(h, _)| h).collect()
        } else {
            let m = SkimMatcherV2::default();
            let mut scored: Vec<(i64, Hit)> = all
                .into_iter()
                .filter_map(|(h, hay)| m.fuzzy_match(&hay, q).map(|s| (s, h)))
                .collect();
            scored.sort_by_key(|h| std::cmp::Reverse(h.0));
            scored.into_iter().map(|(_, h)| h).collect()
        };
        self.cursor = self.cursor.min(self.hits.len().saturating_sub(1));
    }

    /// Whether `id` is chosen in the draft.
    pub fn chosen(&self, form: &Form, id: &str) -> bool {
        match self.pool {
            Pool::Entities(kind) => form.list(kind).iter().any(|x| x == id),
            Pool::Speaker => form.draft.speaker.as_deref() == Some(id),
            Pool::Claims => form
                .draft
                .related
                .split(';')
                .any(|r| r.split_whitespace().nth(1) == Some(id)),
        }
    }
}

/// Every entry of the pool, with the text the query is matched against.
fn candidates(pool: Pool, cat: &Catalogue, draft: &Draft) -> Vec<(Hit, String)> {
    let entry = |e: &Entry| {
        let hay = format!("{} {} {}", e.name, e.aliases.join(" "), e.id);
        let label = format!("{} ({})", e.name, e.id);
        (
            Hit {
                id: e.id.clone(),
                label,
                own: e.own,
            },
            hay,
        )
    };
    if pool == Pool::Claims {
        return (cat.claims.iter())
            .filter(|c| draft.editing.as_deref() != Some(c.id.as_str()))
            .map(|c| {
                let hit = Hit {
                    id: c.id.clone(),
                    label: format!("{}: {}", c.id, c.statement),
                    own: false,
                };
                (hit, format!("{} {}", c.id, c.statement))
            })
            .collect();
    }
    let kind = pool.kind();
    let made = made_entries(kind, draft);
    cat.of(kind).iter().chain(made.iter()).map(entry).collect()
}

/// The entities of `kind` made in this form.
fn made_entries(kind: Kind, draft: &Draft) -> Vec<Entry> {
    let e = |id: &str, name: &str| Entry {
        id: id.to_string(),
        name: name.to_string(),
        aliases: Vec::new(),
        own: true,
    };
    let n = &draft.new_entities;
    match kind {
        Kind::Region => n.regions.iter().map(|r| e(&r.id, &r.name)).collect(),
        Kind::Actor => n.actors.iter().map(|a| e(&a.id, &a.name)).collect(),
        Kind::Theme => n.themes.iter().map(|t| e(&t.id, &t.name)).collect(),
        _ => Vec::new(),
    }
}

/// Applies a picker action to the open form's picker.
pub(crate) fn update(state: &mut State, act: PickAct) {
    let Overlay::Form(form) = &mut state.overlay else {
        return;
    };
    let Some(mut p) = form.picker.take() else {
        return;
    };
    let mut open = true;
    if p.new.is_some() {
        open = new_entity(&mut p, form, &state.catalogue, act, &mut state.message);
    } else {
        match act {
            PickAct::Edit(e) => {
                edit::apply(&mut p.query, &mut p.caret, e);
                p.cursor = 0;
            }
            PickAct::Down => p.cursor = (p.cursor + 1).min(p.hits.len().saturating_sub(1)),
            PickAct::Up => p.cursor = p.cursor.saturating_sub(1),
            PickAct::Toggle => open = toggle(&p, form),
            PickAct::New => start_new(&mut p, &mut state.message),
            PickAct::NextField => {}
            PickAct::Close => open = false,
        }
    }
    if open {
        p.refresh(&state.catalogue, &form.draft);
        form.picker = Some(p);
    }
}

/// Takes or drops the entry under the cursor; false when the picker closes.
fn toggle(p: &Picker, form: &mut Form) -> bool {
    let Some(hit) = p.hits.get(p.cursor) else {
        return true;
    };
    let id = hit.id.clone();
    match p.pool {
        Pool::Entities(kind) => {
            let list = form.list_mut(kind);
            match list.iter().position(|x| *x == id) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(id),
            }
            true
        }
        Pool::Speaker => {
            form.draft.speaker = (form.draft.speaker.as_deref() != Some(&id)).then_some(id);
            false
        }
        Pool::Claims => {
            let r = form.draft.related.trim().trim_end_matches(';').to_string();
            let sep = if r.is_empty() { "" } else { "; " };
            form.draft.related = format!("{r}{sep}supports {id}");
            form.caret = form.draft.related.chars().count();
            false
        }
    }
}

fn start_new(p: &mut Picker, message: &mut Option<String>) {
    match p.pool {
        Pool::Entities(Kind::Country) => {
            *message = Some(
                "a country needs its ISO codes and NATO and EU facts: add it to FILE or a \
                 --data file"
                    .into(),
            );
        }
        Pool::Claims => *message = Some("claims are made from the text (c)".into()),
        _ => {
            p.new = Some(NewEntity {
                id: slug(&p.query),
                name: p.query.trim().to_string(),
                field: if p.query.trim().is_empty() { 0 } else { 1 },
                error: None,
            });
        }
    }
}

/// The new-entity fields: typing, Tab between id and name, Enter makes
/// it, Esc gives up. False when the picker closes.
fn new_entity(
    p: &mut Picker,
    form: &mut Form,
    cat: &Catalogue,
    act: PickAct,
    message: &mut Option<String>,
) -> bool {
    let Some(n) = &mut p.new else {
        return true;
    };
    match act {
        PickAct::Edit(e) => {
            let text = if n.field == 0 { &mut n.id } else { &mut n.name };
            let mut caret = text.chars().count();
            if !matches!(e, Edit::Left | Edit::Right | Edit::Home | Edit::End) {
                edit::apply(text, &mut caret, e);
            }
            n.error = None;
        }
        PickAct::NextField | PickAct::Down | PickAct::Up => n.field = 1 - n.field,
        PickAct::Close => p.new = None,
        PickAct::New => {}
        PickAct::Toggle => match make(p.pool, n, cat, form) {
            Ok(said) => {
                *message = Some(said);
                p.new = None;
                return p.pool != Pool::Speaker;
            }
            Err(e) => n.error = Some(e),
        },
    }
    true
}

/// Makes the entity, adds it to the draft's new entities and links it.
fn make(pool: Pool, n: &NewEntity, cat: &Catalogue, form: &mut Form) -> Result<String, String> {
    let kind = pool.kind();
    let (id, name) = (n.id.trim().to_string(), n.name.trim().to_string());
    if !is_valid_id(&id) {
        return Err("the id takes A-Z a-z 0-9 . _ - only".into());
    }
    if name.is_empty() {
        return Err("give it a name".into());
    }
    let taken = cat.of(kind).iter().any(|e| e.id == id)
        || made_entries(kind, &form.draft).iter().any(|e| e.id == id);
    if taken {
        return Err(format!(
            "{} {id} exists: pick it from the list",
            kind.as_str()
        ));
    }
    let new = &mut form.draft.new_entities;
    match kind {
        Kind::Region => new.regions.push(Region {
            id: id.clone(),
            name: name.clone(),
            aliases: Vec::new(),
            members: Vec::new(),
            note: None,
        }),
        Kind::Theme => new.themes.push(Theme {
            id: id.clone(),
            name: name.clone(),
            description: name.clone(),
        }),
        _ => new.actors.push(Actor {
            id: id.clone(),
            name: name.clone(),
            kind: ActorKind::Group,
            aliases: Vec::new(),
            country: None,
        }),
    }
    match pool {
        Pool::Speaker => form.draft.speaker = Some(id.clone()),
        _ => form.list_mut(kind).push(id.clone()),
    }
    let what = match kind {
        Kind::Region => "region (no members yet: list them in FILE)",
        Kind::Theme => "theme",
        _ => "actor (kind: group; change it in FILE if need be)",
    };
    Ok(format!("new {what} {id} “{name}”: written with the claim"))
}
