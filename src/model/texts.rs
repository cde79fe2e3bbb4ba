//! Every source's text in one block: owned after a cold load, the cache
//! entry's own mapped bytes after a warm one. The sources themselves hold
//! no text once they are in a [`Store`](super::Store).

use super::types::Source;
use crate::slab::TextSlab;

/// Every source's text in one block, owned or mapped from the cache.
#[derive(Debug, Clone, Default)]
pub struct SourceTexts {
    block: TextSlab,
    /// Byte range of each source's text in the block; `None` when the
    /// dataset holds no text for it.
    spans: Vec<Option<(u64, u64)>>,
}

impl SourceTexts {
    /// Moves the texts out of `sources` into one block.
    pub fn take(sources: &mut [Source]) -> SourceTexts {
        let total = sources
            .iter()
            .filter_map(|s| s.text.as_ref())
            .map(String::len)
            .sum();
        let mut block = String::with_capacity(total);
        let spans = sources
            .iter_mut()
            .map(|s| {
                let text = s.text.take()?;
                let at = block.len() as u64;
                block.push_str(&text);
                Some((at, text.len() as u64))
            })
            .collect();
        SourceTexts {
            block: block.into(),
            spans,
        }
    }

    /// The texts as the cache holds them, or why they cannot be: a span
    /// out of the block. A span that cuts a character (which only a
    /// crafted entry whose checksums were made to match can hold) reads as
    /// no text ([`SourceTexts::get`]); looking for one here would read the
    /// whole block on every warm open.
    pub fn from_parts(
        block: TextSlab,
        spans: Vec<Option<(u64, u64)>>,
    ) -> Result<Self, &'static str> {
        let len = block.as_str().len() as u64;
        for &(at, n) in spans.iter().flatten() {
            if at.checked_add(n).is_none_or(|end| end > len) {
                return Err("source text out of range");
            }
        }
        Ok(SourceTexts { block, spans })
    }

    pub fn get(&self, source: usize) -> Option<&str> {
        let (at, len) = (*self.spans.get(source)?)?;
        self.block.as_str().get(at as usize..(at + len) as usize)
    }

    pub fn block(&self) -> &str {
        self.block.as_str()
    }

    pub fn spans(&self) -> &[Option<(u64, u64)>] {
        &self.spans
    }

    pub fn is_mapped(&self) -> bool {
        self.block.is_mapped()
    }
}
