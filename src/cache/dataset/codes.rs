//! The numbers that stand for a claim's layer and certainty and a
//! relation's kind in an entry; `None` for a number no kind has.

use crate::model::{Certainty, Layer, Relation};

pub(super) fn layer_code(l: Layer) -> u32 {
    match l {
        Layer::PrimaryVerbatim => 0,
        Layer::PrimaryParaphrase => 1,
        Layer::Author => 2,
        Layer::UnnamedSources => 3,
        Layer::NamedSource => 4,
    }
}

pub(super) fn layer_of(code: u32) -> Option<Layer> {
    Some(match code {
        0 => Layer::PrimaryVerbatim,
        1 => Layer::PrimaryParaphrase,
        2 => Layer::Author,
        3 => Layer::UnnamedSources,
        4 => Layer::NamedSource,
        _ => return None,
    })
}

pub(super) fn certainty_code(c: Certainty) -> u32 {
    match c {
        Certainty::Asserted => 0,
        Certainty::Hedged => 1,
        Certainty::Speculative => 2,
    }
}

pub(super) fn certainty_of(code: u32) -> Option<Certainty> {
    Some(match code {
        0 => Certainty::Asserted,
        1 => Certainty::Hedged,
        2 => Certainty::Speculative,
        _ => return None,
    })
}
pub(super) fn relation_code(r: Relation) -> u32 {
    match r {
        Relation::Supports => 0,
        Relation::Elaborates => 1,
        Relation::Contrasts => 2,
        Relation::Qualifies => 3,
    }
}

pub(super) fn relation_of(code: u32) -> Option<Relation> {
    Some(match code {
        0 => Relation::Supports,
        1 => Relation::Elaborates,
        2 => Relation::Contrasts,
        3 => Relation::Qualifies,
        _ => return None,
    })
}
