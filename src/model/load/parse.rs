//! Parsing dataset files: the top-level object read list by list, every
//! entity parsed and placed, the claims found but left for validation.

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::input::Input;
use super::json_errors::{json_problem, parse_raw, raw_problem};
use super::locate::{Locator, Origin, Origins};
use super::split::parse_split;
use super::{Progress, ProgressFn};
use crate::model::problem::{Place, Problem};
use crate::model::types::{Dataset, OLDEST_SCHEMA_VERSION, SCHEMA_VERSION};

/// Parsed pages are handed back and progress reported every this many bytes.
pub(super) const WINDOW: usize = 16 << 20;

/// A claim found in a file but not yet parsed: validation parses claims on
/// all cores, straight into their compact form.
#[derive(Clone, Copy)]
pub struct RawClaim<'a> {
    pub file: u32,
    pub index: u32,
    pub raw: &'a RawValue,
}

/// Everything but the claims parsed, the claims found.
#[derive(Default)]
pub struct Parsed<'a> {
    pub data: Dataset,
    pub origins: Origins,
    pub claims: Vec<RawClaim<'a>>,
    pub problems: Vec<Problem>,
    /// The schema version of each file, in load order.
    pub versions: Vec<u32>,
}

#[derive(Default)]
pub(super) struct RawFile<'a> {
    pub(super) schema_version: Option<&'a RawValue>,
    pub(super) sources: Vec<&'a RawValue>,
    pub(super) countries: Vec<&'a RawValue>,
    pub(super) regions: Vec<&'a RawValue>,
    pub(super) actors: Vec<&'a RawValue>,
    pub(super) themes: Vec<&'a RawValue>,
    pub(super) claims: Vec<&'a RawValue>,
}

const FIELDS: &[&str] = &[
    "schema_version",
    "sources",
    "countries",
    "actors",
    "themes",
    "claims",
    "regions",
];

/// Parses every input and merges them. Syntax and type problems are
/// collected in [`Parsed::problems`] (one syntax error per file: past it
/// nothing can be read); claims are left for validation to parse.
pub fn parse_inputs<'a>(inputs: &'a [Input], locator: &Locator, progress: Progress) -> Parsed<'a> {
    let mut out = Parsed::default();
    out.data.schema_version = SCHEMA_VERSION;
    let total: u64 = inputs.iter().map(|i| i.len() as u64).sum();
    let mut before = 0u64;
    for (file, input) in inputs.iter().enumerate() {
        let ctx = FileCtx {
            file: file as u32,
            input,
            locator,
            released: std::cell::Cell::new(0),
            progress: progress.map(|f| (f, before, total)),
            split: None,
            stopped: std::cell::Cell::new(false),
            head: std::cell::RefCell::new(RawFile::default()),
        };
        parse_one(&ctx, &mut out);
        input.release(0..input.len());
        before += input.len() as u64;
    }
    out
}

pub(super) struct FileCtx<'c, 'a> {
    pub(super) file: u32,
    pub(super) input: &'a Input,
    pub(super) locator: &'c Locator<'c>,
    /// Bytes before this offset have been parsed and handed back.
    pub(super) released: std::cell::Cell<usize>,
    /// The callback, bytes of earlier files, bytes of all files.
    pub(super) progress: Option<(&'c ProgressFn<'c>, u64, u64)>,
    /// Where another thread started parsing the claims list's tail (see
    /// [`parse_tail`](super::split::parse_tail)); the parser stops when it reaches a claim there.
    pub(super) split: Option<usize>,
    /// Set when the parser stopped at `split`; `head` then holds what it
    /// had parsed.
    pub(super) stopped: std::cell::Cell<bool>,
    pub(super) head: std::cell::RefCell<RawFile<'a>>,
}

impl FileCtx<'_, '_> {
    fn offset_of(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize).saturating_sub(self.input.bytes().as_ptr() as usize)
    }

    fn name(&self) -> &str {
        &self.input.name
    }

    fn place_at(&self, offset: usize) -> Place {
        self.locator.place(self.file, offset)
    }

    /// Called as the parser moves past `offset`: hands back the pages
    /// behind it and reports progress, once per [`WINDOW`].
    fn passed(&self, offset: usize) {
        let done = self.released.get();
        if offset < done + WINDOW {
            return;
        }
        self.input.release(done..offset);
        self.released.set(offset);
        if let Some((f, before, total)) = self.progress {
            f("reading", before + offset as u64, total);
        }
    }

    fn origin(&self, index: usize, raw: &RawValue) -> Origin {
        Origin {
            file: self.file,
            index: index as u32,
            offset: self.offset_of(raw),
        }
    }
}

fn parse_one<'a>(ctx: &FileCtx<'_, 'a>, out: &mut Parsed<'a>) {
    if let Err(problem) = check_start(ctx) {
        out.problems.push(problem);
        return;
    }
    let raw = match parse_split(ctx) {
        Some(raw) => raw,
        None => {
            let whole = FileCtx {
                split: None,
                stopped: std::cell::Cell::new(false),
                head: std::cell::RefCell::new(RawFile::default()),
                released: std::cell::Cell::new(ctx.released.get()),
                ..*ctx
            };
            match parse_whole(&whole) {
                Ok(raw) => raw,
                Err(problem) => {
                    out.problems.push(problem);
                    return;
                }
            }
        }
    };
    let Some(version) = check_version(ctx, raw.schema_version, &mut out.problems) else {
        return;
    };
    out.versions.push(version);
    if version < 2 && !raw.regions.is_empty() {
        out.problems.push(Problem {
            place: ctx.place_at(ctx.offset_of(raw.regions[0])),
            path: Some("regions".into()),
            id: None,
            message: "regions need schema_version 2 (run `stratlens migrate`)".into(),
        });
    }
    take_entities(ctx, &raw, out);
    out.claims
        .extend(raw.claims.iter().enumerate().map(|(index, &raw)| RawClaim {
            file: ctx.file,
            index: index as u32,
            raw,
        }));
}

/// A file must hold an object: not nothing, not some other value.
#[allow(clippy::result_large_err)]
fn check_start(ctx: &FileCtx) -> Result<(), Problem> {
    let bytes = ctx.input.bytes();
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Err(Problem {
            place: Place::file(ctx.name()),
            path: None,
            id: None,
            message: "file is empty (expected a dataset object)".into(),
        });
    };
    if bytes[start] != b'{' {
        return Err(Problem {
            place: ctx.place_at(start),
            path: None,
            id: None,
            message: "wrong shape: expected a dataset object ({\"schema_version\": 1, ...})".into(),
        });
    }
    Ok(())
}

/// Parses the file's sources, countries, regions, actors and themes.
fn take_entities(ctx: &FileCtx, raw: &RawFile, out: &mut Parsed) {
    let (data, origins, problems) = (&mut out.data, &mut out.origins, &mut out.problems);
    take_all(
        ctx,
        "sources",
        &raw.sources,
        &mut data.sources,
        &mut origins.sources,
        problems,
    );
    take_all(
        ctx,
        "countries",
        &raw.countries,
        &mut data.countries,
        &mut origins.countries,
        problems,
    );
    take_all(
        ctx,
        "regions",
        &raw.regions,
        &mut data.regions,
        &mut origins.regions,
        problems,
    );
    take_all(
        ctx,
        "actors",
        &raw.actors,
        &mut data.actors,
        &mut origins.actors,
        problems,
    );
    take_all(
        ctx,
        "themes",
        &raw.themes,
        &mut data.themes,
        &mut origins.themes,
        problems,
    );
}

/// Parses the file in one pass on this thread.
#[allow(clippy::result_large_err)]
pub(super) fn parse_whole<'a>(ctx: &FileCtx<'_, 'a>) -> Result<RawFile<'a>, Problem> {
    let mut de = serde_json::Deserializer::from_slice(ctx.input.bytes());
    let mut track = serde_path_to_error::Track::new();
    let seed = FileSeed { ctx };
    match seed.deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track)) {
        Ok(()) => {}
        Err(e) if ctx.stopped.get() => {
            return Err(json_problem(ctx.name(), None, &e));
        }
        Err(e) => {
            let path = track.path().to_string();
            let path = (path != ".").then_some(path);
            return Err(json_problem(ctx.name(), path, &e));
        }
    }
    de.end().map_err(|e| json_problem(ctx.name(), None, &e))?;
    Ok(ctx.head.take())
}

/// The top-level object, read by hand so that each list can hand back the
/// pages it has parsed as it goes.
struct FileSeed<'x, 'c, 'a> {
    ctx: &'x FileCtx<'c, 'a>,
}

impl<'a> DeserializeSeed<'a> for FileSeed<'_, '_, 'a> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'a>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'a> Visitor<'a> for FileSeed<'_, '_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a dataset object")
    }

    /// Fills `ctx.head` list by list, so that what was parsed survives the
    /// stop at a split (see [`parse_split`]).
    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<(), M::Error> {
        let mut seen = [false; FIELDS.len()];
        while let Some(key) = map.next_key::<String>()? {
            let Some(k) = FIELDS.iter().position(|f| *f == key) else {
                return Err(de::Error::unknown_field(&key, FIELDS));
            };
            if std::mem::replace(&mut seen[k], true) {
                return Err(de::Error::duplicate_field(FIELDS[k]));
            }
            let list = ListSeed {
                ctx: self.ctx,
                claims: k == 5,
            };
            if k == 0 {
                self.ctx.head.borrow_mut().schema_version = Some(map.next_value()?);
                continue;
            }
            let value = map.next_value_seed(list)?;
            let mut head = self.ctx.head.borrow_mut();
            *match k {
                1 => &mut head.sources,
                2 => &mut head.countries,
                3 => &mut head.actors,
                4 => &mut head.themes,
                5 => &mut head.claims,
                _ => &mut head.regions,
            } = value;
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
struct ListSeed<'x, 'c, 'a> {
    ctx: &'x FileCtx<'c, 'a>,
    /// The claims list, which may stop at the split.
    claims: bool,
}

impl<'a> DeserializeSeed<'a> for ListSeed<'_, '_, 'a> {
    type Value = Vec<&'a RawValue>;

    fn deserialize<D: de::Deserializer<'a>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'a> Visitor<'a> for ListSeed<'_, '_, 'a> {
    type Value = Vec<&'a RawValue>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<S: SeqAccess<'a>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut out = Vec::new();
        while let Some(raw) = seq.next_element::<&'a RawValue>()? {
            let start = self.ctx.offset_of(raw);
            if self.claims && Some(start) == self.ctx.split {
                // The other thread has the claims from here on.
                self.ctx.stopped.set(true);
                self.ctx.head.borrow_mut().claims = out;
                return Err(de::Error::custom("stopped at the split"));
            }
            self.ctx.passed(start + raw.get().len());
            out.push(raw);
        }
        Ok(out)
    }
}

/// The file's schema version, if this stratlens reads it.
fn check_version(
    ctx: &FileCtx,
    raw: Option<&RawValue>,
    problems: &mut Vec<Problem>,
) -> Option<u32> {
    let readable = format!("{OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}");
    let Some(raw) = raw else {
        problems.push(Problem {
            place: Place::file(ctx.name()),
            path: Some("schema_version".into()),
            id: None,
            message: format!("missing; this stratlens reads schema_version {readable}"),
        });
        return None;
    };
    let version: Option<u32> = serde_json::from_str(raw.get()).ok();
    if let Some(v) = version.filter(|v| (OLDEST_SCHEMA_VERSION..=SCHEMA_VERSION).contains(v)) {
        return Some(v);
    }
    problems.push(Problem {
        place: ctx.place_at(ctx.offset_of(raw)),
        path: Some("schema_version".into()),
        id: None,
        message: format!(
            "unsupported schema_version {}; this stratlens reads {readable}",
            crate::sanitize::inline(raw.get())
        ),
    });
    None
}

fn take_all<T: DeserializeOwned>(
    ctx: &FileCtx,
    list: &str,
    raws: &[&RawValue],
    out: &mut Vec<T>,
    origins: &mut Vec<Origin>,
    problems: &mut Vec<Problem>,
) {
    for (index, raw) in raws.iter().enumerate() {
        match parse_raw::<T>(raw) {
            Ok(value) => {
                out.push(value);
                origins.push(ctx.origin(index, raw));
            }
            Err(e) => problems.push(raw_problem(
                ctx.locator,
                &ctx.origin(index, raw),
                list,
                raw,
                e,
            )),
        }
    }
}
