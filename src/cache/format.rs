//! The cache file: a header, a table of sections, and the sections, each
//! 8-byte aligned and with its own XXH3-64 checksum, so that large arrays
//! can be used in place from a memory map.
//!
//! ```text
//! 0   magic "SLNSCACH"
//! 8   format version (u32 LE), number of sections (u32 LE)
//! 16  file length (u64 LE)
//! 24  per section: offset, length, XXH3-64 of its bytes (3 x u64 LE)
//! ..  XXH3-64 of every byte above
//! ..  the sections
//! ```
//!
//! Nothing in a file is trusted before it is checked: a reader that finds a
//! wrong magic, version, length, table or checksum refuses the file.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::slab::{Slab, TextSlab};

pub const MAGIC: &[u8; 8] = b"SLNSCACH";
/// Bumped whenever the layout of any section changes, or what it holds
/// (3: index words folded with NFKC, `search::fold`; 5: the store's claim
/// lists in place, `cache::dataset::derived`); the crate version is
/// checked too (see [`super::key`]).
pub const FORMAT: u32 = 5;

/// The sections, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sec {
    /// JSON: versions, the input files' keys and fingerprint.
    Key = 0,
    /// JSON and postcard: entity lists, sources without their texts, the
    /// index's vocabulary and entity names.
    Meta,
    /// One `model::table::ClaimRecord` (16 x u32) per claim, used in place.
    Records,
    /// Claim ids, statements and cues, back to back (UTF-8).
    Strings,
    /// Every claim's link indexes (u32).
    LinkPool,
    /// Source texts, back to back (UTF-8).
    Texts,
    /// Search index: forward-index starts (u64), entries (u32), posting
    /// list starts (u64), postings (u32).
    Starts,
    Entries,
    PostStarts,
    Postings,
    /// The store's claim indexes (u32; see `Store::derived`) and the
    /// claim ids' sorted hashes.
    Derived,
    /// Postcard: the rare fields of the claims that have them, decoded
    /// when a view first asks for one.
    Extras,
}

pub const SECTIONS: usize = 12;
/// How much of a section is checked before its pages are handed back:
/// small enough to stay in the processor's caches between the checks.
const CHECK_SLICE: usize = 1 << 20;
const TABLE_AT: usize = 24;
const HEADER_LEN: usize = TABLE_AT + SECTIONS * 24 + 8;

/// Writes sections one after the other, hashing as it goes, and the table
/// last.
pub struct Writer {
    out: BufWriter<File>,
    pos: u64,
    table: Vec<[u64; 3]>,
    hasher: Xxh3,
    start: u64,
}

impl Writer {
    pub fn new(file: File) -> std::io::Result<Writer> {
        let mut out = BufWriter::with_capacity(1 << 20, file);
        out.write_all(&[0u8; HEADER_LEN])?;
        Ok(Writer {
            out,
            pos: HEADER_LEN as u64,
            table: Vec::new(),
            hasher: Xxh3::new(),
            start: HEADER_LEN as u64,
        })
    }

    /// Starts the next section (they must come in [`Sec`] order).
    pub fn begin(&mut self, sec: Sec) -> std::io::Result<()> {
        debug_assert_eq!(self.table.len(), sec as usize);
        let pad = (8 - self.pos % 8) % 8;
        self.out.write_all(&[0u8; 8][..pad as usize])?;
        self.pos += pad;
        self.start = self.pos;
        self.hasher = Xxh3::new();
        Ok(())
    }

    pub fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.hasher.update(bytes);
        self.pos += bytes.len() as u64;
        Ok(())
    }

    pub fn end(&mut self) {
        self.table
            .push([self.start, self.pos - self.start, self.hasher.digest()]);
    }

    /// Writes the header and table, and syncs the file.
    pub fn finish(self) -> std::io::Result<()> {
        assert_eq!(self.table.len(), SECTIONS, "every section is written");
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT.to_le_bytes());
        header.extend_from_slice(&(SECTIONS as u32).to_le_bytes());
        header.extend_from_slice(&self.pos.to_le_bytes());
        for entry in &self.table {
            for v in entry {
                header.extend_from_slice(&v.to_le_bytes());
            }
        }
        let sum = xxh3_64(&header);
        header.extend_from_slice(&sum.to_le_bytes());
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&header)?;
        file.sync_all()
    }
}

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn refuse<T>(why: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(why.into()))
}

/// A cache file whose header and table were checked; sections are checked
/// when asked for.
pub struct Reader {
    pub map: Arc<memmap2::Mmap>,
    table: [[u64; 3]; SECTIONS],
    /// Whether pages can be handed back: only those of a file, which are
    /// read again; an anonymous map's would come back as zeros.
    file_backed: bool,
}

impl Reader {
    pub fn open(path: &Path) -> Result<Reader, Refused> {
        let file = File::open(path).map_err(|e| Refused(format!("cannot open: {e}")))?;
        // SAFETY: private and read-only. Cache files are replaced by rename,
        // never rewritten in place, so the mapped file does not change.
        let map = unsafe { memmap2::Mmap::map(&file) }
            .map_err(|e| Refused(format!("cannot map: {e}")))?;
        let table = check_header(&map)?;
        Ok(Reader {
            map: Arc::new(map),
            table,
            file_backed: true,
        })
    }

    /// A reader of bytes in memory (an anonymous map), for the fuzz target.
    pub fn from_memory(map: Arc<memmap2::Mmap>) -> Result<Reader, Refused> {
        let table = check_header(&map)?;
        Ok(Reader {
            map,
            table,
            file_backed: false,
        })
    }

    /// The bytes of `sec`, unchecked.
    pub fn raw(&self, sec: Sec) -> &[u8] {
        let [at, len, _] = self.table[sec as usize];
        // check_header proved the range is inside the map.
        &self.map[at as usize..(at + len) as usize]
    }

    pub fn range(&self, sec: Sec) -> std::ops::Range<usize> {
        let [at, len, _] = self.table[sec as usize];
        at as usize..(at + len) as usize
    }

    /// The bytes of `sec` once their checksum matches.
    pub fn checked(&self, sec: Sec) -> Result<&[u8], Refused> {
        let bytes = self.raw(sec);
        if xxh3_64(bytes) != self.table[sec as usize][2] {
            return refuse(format!("section {sec:?} fails its checksum"));
        }
        Ok(bytes)
    }

    /// Checks `sec` a slice at a time, handing the pages back as it goes
    /// (so that checking a large section does not keep it all in memory).
    pub fn check_released(&self, sec: Sec) -> Result<(), Refused> {
        const SLICE: usize = CHECK_SLICE;
        let range = self.range(sec);
        let mut hasher = Xxh3::new();
        let mut at = range.start;
        while at < range.end {
            let end = (at + SLICE).min(range.end);
            hasher.update(&self.map[at..end]);
            self.release(at..end);
            at = end;
        }
        if hasher.digest() != self.table[sec as usize][2] {
            return refuse(format!("section {sec:?} fails its checksum"));
        }
        Ok(())
    }

    /// The text section `sec`, checked a slice at a time (checksum and
    /// UTF-8 in one pass, the pages handed back as it goes).
    pub fn check_text(&self, sec: Sec) -> Result<TextSlab, Refused> {
        let range = self.range(sec);
        let Some(bytes) = Slab::mapped(&self.map, range.clone()) else {
            return refuse(format!("section {sec:?} out of the file"));
        };
        let mut hasher = Xxh3::new();
        let text = TextSlab::new_in_slices(bytes, CHECK_SLICE, &mut |piece, b| {
            hasher.update(b);
            self.release(range.start + piece.start..range.start + piece.end);
        });
        let Some(text) = text else {
            return refuse(format!("section {sec:?} is not UTF-8"));
        };
        if hasher.digest() != self.table[sec as usize][2] {
            return refuse(format!("section {sec:?} fails its checksum"));
        }
        Ok(text)
    }

    /// Gives the pages of `range` back; they are read again if touched.
    pub fn release(&self, range: std::ops::Range<usize>) {
        if self.file_backed {
            release_pages(&self.map, range);
        }
    }

    /// Whether [`Reader::release`] hands pages back (see `file_backed`).
    pub fn is_file_backed(&self) -> bool {
        self.file_backed
    }
}

/// Gives the whole pages inside `map[range]` back. Only for a map of a
/// file: an anonymous map's pages would come back as zeros.
pub(super) fn release_pages(map: &memmap2::Mmap, range: std::ops::Range<usize>) {
    const PAGE: usize = 4096;
    let start = range.start.div_ceil(PAGE) * PAGE;
    let end = (range.end / PAGE) * PAGE;
    if start < end && end <= map.len() {
        // SAFETY: the map is read-only and of a file: dropping its pages
        // loses nothing, a later read faults them in from the file.
        let _ = unsafe {
            map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start)
        };
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or_default())
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default())
}

fn check_header(b: &[u8]) -> Result<[[u64; 3]; SECTIONS], Refused> {
    if b.len() < HEADER_LEN {
        return refuse("shorter than its header");
    }
    if &b[..8] != MAGIC {
        return refuse("not a stratlens cache file");
    }
    if u32_at(b, 8) != FORMAT || u32_at(b, 12) as usize != SECTIONS {
        return refuse("written by another version of the cache format");
    }
    if xxh3_64(&b[..HEADER_LEN - 8]) != u64_at(b, HEADER_LEN - 8) {
        return refuse("header fails its checksum");
    }
    if u64_at(b, 16) != b.len() as u64 {
        return refuse("truncated or extended");
    }
    let mut table = [[0u64; 3]; SECTIONS];
    let mut end = HEADER_LEN as u64;
    for (i, entry) in table.iter_mut().enumerate() {
        let at = TABLE_AT + i * 24;
        *entry = [u64_at(b, at), u64_at(b, at + 8), u64_at(b, at + 16)];
        let [off, len, _] = *entry;
        let Some(stop) = off.checked_add(len) else {
            return refuse("section out of the file");
        };
        if off % 8 != 0 || off < end || stop > b.len() as u64 {
            return refuse("section out of the file or out of order");
        }
        end = stop;
    }
    Ok(table)
}

/// Recomputes the checksums of `bytes` (a cache file whose header and
/// table are in range) so that a reader gets past them: lets the fuzz
/// target and the tests reach the checks behind the checksums, as a
/// crafted file would. Returns false when the table is out of range.
pub fn reseal(bytes: &mut [u8]) -> bool {
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return false;
    }
    let len = bytes.len() as u64;
    bytes[16..24].copy_from_slice(&len.to_le_bytes());
    for i in 0..SECTIONS {
        let at = TABLE_AT + i * 24;
        let (off, n) = (u64_at(bytes, at), u64_at(bytes, at + 8));
        let Some(end) = off.checked_add(n).filter(|&e| e <= len) else {
            return false;
        };
        let sum = xxh3_64(&bytes[off as usize..end as usize]);
        bytes[at + 16..at + 24].copy_from_slice(&sum.to_le_bytes());
    }
    let sum = xxh3_64(&bytes[..HEADER_LEN - 8]);
    bytes[HEADER_LEN - 8..HEADER_LEN].copy_from_slice(&sum.to_le_bytes());
    true
}
