//! A read-only array that is either owned or a slice of a mapped cache
//! file: what lets the search index's large arrays be used straight from
//! the cache, without copying them into memory first.

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
}
