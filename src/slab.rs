//! Read-only arrays that are either owned or a slice of a mapped cache
//! file: what lets the store's claims and texts and the search index's
//! large arrays be used straight from the cache, without copying them into
//! memory first.

use std::ops::Deref;
use std::sync::Arc;

use bytemuck::Pod;

/// An array of plain numbers: a `Vec`, or a range of a mapped file.
pub struct Slab<T: Pod> {
    inner: Inner<T>,
}

enum Inner<T> {
    Owned(Vec<T>),
    /// `len` items at `ptr`, inside `_map`, which lives as long as this.
    Mapped {
        _map: Arc<memmap2::Mmap>,
        ptr: *const T,
        len: usize,
    },
}

// SAFETY: the mapped variant points into a read-only private map that it
// keeps alive through the Arc; nothing writes through the pointer, so it
// can be read from any thread, like a `&[T]`.
unsafe impl<T: Pod + Send + Sync> Send for Slab<T> {}
unsafe impl<T: Pod + Send + Sync> Sync for Slab<T> {}

impl<T: Pod> Slab<T> {
    /// The `T`s in `map[range]`, or `None` when the range is out of the map,
    /// misaligned for `T` or not a whole number of `T`s.
    pub fn mapped(map: &Arc<memmap2::Mmap>, range: std::ops::Range<usize>) -> Option<Slab<T>> {
        let bytes = map.get(range)?;
        let items: &[T] = bytemuck::try_cast_slice(bytes).ok()?;
        Some(Slab {
            inner: Inner::Mapped {
                _map: Arc::clone(map),
                ptr: items.as_ptr(),
                len: items.len(),
            },
        })
    }

    pub fn is_mapped(&self) -> bool {
        matches!(self.inner, Inner::Mapped { .. })
    }
}

impl<T: Pod> Default for Slab<T> {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl<T: Pod> Clone for Slab<T> {
    fn clone(&self) -> Self {
        match &self.inner {
            Inner::Owned(v) => v.clone().into(),
            Inner::Mapped { _map, ptr, len } => Slab {
                inner: Inner::Mapped {
                    _map: Arc::clone(_map),
                    ptr: *ptr,
                    len: *len,
                },
            },
        }
    }
}

impl<T: Pod> From<Vec<T>> for Slab<T> {
    fn from(v: Vec<T>) -> Self {
        Slab {
            inner: Inner::Owned(v),
        }
    }
}

impl<T: Pod> Deref for Slab<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        match &self.inner {
            Inner::Owned(v) => v,
            // SAFETY: `ptr` and `len` came from a checked cast of a slice of
            // the map (aligned, in bounds), and the map outlives `self`.
            Inner::Mapped { ptr, len, .. } => unsafe { std::slice::from_raw_parts(*ptr, *len) },
        }
    }
}

impl<T: Pod + PartialEq> PartialEq for Slab<T> {
    fn eq(&self, other: &Self) -> bool {
        self[..] == other[..]
    }
}

impl<T: Pod + std::fmt::Debug> std::fmt::Debug for Slab<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Slab({} items, mapped: {})",
            self.len(),
            self.is_mapped()
        )
    }
}

/// UTF-8 text that is owned or a slice of a mapped file; checked once
/// when it is made, so reading it costs nothing.
#[derive(Debug, Clone)]
pub struct TextSlab {
    bytes: Slab<u8>,
}

impl TextSlab {
    /// The bytes as text, or `None` when they are not UTF-8, checked a
    /// slice of about `step` bytes at a time, each
    /// cut before a character's first byte, and handed to `done` once
    /// checked (with its range): a caller can hash the bytes and give the
    /// pages back while they are still in the processor's caches.
    pub fn new_in_slices(
        bytes: Slab<u8>,
        step: usize,
        done: &mut dyn FnMut(std::ops::Range<usize>, &[u8]),
    ) -> Option<TextSlab> {
        let mut at = 0;
        while at < bytes.len() {
            let mut end = at.saturating_add(step.max(1)).min(bytes.len());
            // Continuation bytes are 10xxxxxx: a cut before any other byte
            // splits no character, so every slice is UTF-8 when the whole is.
            while end < bytes.len() && bytes[end] & 0xC0 == 0x80 {
                end += 1;
            }
            // SIMD: several times std's speed on the cache's large texts.
            simdutf8::basic::from_utf8(&bytes[at..end]).ok()?;
            done(at..end, &bytes[at..end]);
            at = end;
        }
        Some(TextSlab { bytes })
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: checked in `new_in_slices` (or owned from a `String`); the bytes
        // never change.
        unsafe { std::str::from_utf8_unchecked(&self.bytes) }
    }

    pub fn is_mapped(&self) -> bool {
        self.bytes.is_mapped()
    }
}

impl From<String> for TextSlab {
    fn from(s: String) -> Self {
        TextSlab {
            bytes: s.into_bytes().into(),
        }
    }
}

impl Default for TextSlab {
    fn default() -> Self {
        String::new().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_and_mapped_read_alike() {
        let mut file = tempfile::tempfile().unwrap();
        let words: Vec<u32> = (0..100).collect();
        std::io::Write::write_all(&mut file, bytemuck::cast_slice(&words)).unwrap();
        // SAFETY: a private temporary file nobody else writes.
        let map = Arc::new(unsafe { memmap2::Mmap::map(&file) }.unwrap());
        let mapped: Slab<u32> = Slab::mapped(&map, 8..400).unwrap();
        assert_eq!(&mapped[..], &words[2..]);
        assert!(Slab::<u32>::mapped(&map, 1..5).is_none(), "misaligned");
        assert!(
            Slab::<u32>::mapped(&map, 0..401).is_none(),
            "out of the map"
        );
        let owned: Slab<u32> = words.clone().into();
        assert_eq!(&owned[..], &words[..]);
    }

    #[test]
    fn text_is_checked_once() {
        let bytes: Slab<u8> = "Kosovo–Serbia".as_bytes().to_vec().into();
        let whole = |b| TextSlab::new_in_slices(b, usize::MAX, &mut |_, _| {});
        assert_eq!(whole(bytes).unwrap().as_str(), "Kosovo–Serbia");
        let cut: Slab<u8> = "Kosovo–Serbia".as_bytes()[..8].to_vec().into();
        assert!(whole(cut).is_none(), "a dash cut in half");
    }

    #[test]
    fn text_checked_in_slices_is_cut_between_characters() {
        let text = "Kosovo–Serbia – Приштина".repeat(50);
        let mut seen = Vec::new();
        let bytes: Slab<u8> = text.as_bytes().to_vec().into();
        let checked = TextSlab::new_in_slices(bytes, 7, &mut |range, piece| {
            assert!(
                std::str::from_utf8(piece).is_ok(),
                "{range:?} cuts a character"
            );
            seen.extend_from_slice(piece);
        });
        assert_eq!(checked.unwrap().as_str(), text);
        assert_eq!(
            seen,
            text.as_bytes(),
            "every byte handed over once, in order"
        );
        let mut bad = text.as_bytes().to_vec();
        bad[300] = 0xFF;
        assert!(TextSlab::new_in_slices(bad.into(), 7, &mut |_, _| {}).is_none());
    }
}
