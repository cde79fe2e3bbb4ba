//! The numbers that stand for a relation's kind in an entry; `None` for a
//! number no kind has. (Layers and certainties are coded in the claim
//! records themselves: see `model::table`.)

use crate::model::Relation;

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
