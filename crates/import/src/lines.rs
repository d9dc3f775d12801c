//! Physical line numbers for CSV records. csv's own `Position::line()` is
//! off by one after CRLF terminators and blank lines, so lines are counted
//! here from the bytes csv actually consumed.
//!
//! The same count keeps a record from growing without bound: csv holds a
//! whole record in memory, so a 100 MB line (or a quote never closed) would
//! be read whole. Bytes handed to csv past the last record's end are a
//! record in progress (plus at most csv's own buffer); past
//! [`BARIS_BYTE_MAKS`] the read fails with [`BarisKepanjangan`].

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};
use std::sync::{Arc, Mutex};

use crate::pagu::{BARIS_BYTE_MAKS, ukuran};

/// csv's read buffer: how far it may read ahead of the record it parses.
pub(crate) const BUFFER_CSV: usize = 64 * 1024;

/// A record longer than [`BARIS_BYTE_MAKS`], starting at `line`.
#[derive(Debug)]
pub(crate) struct BarisKepanjangan {
    pub line: u64,
}

impl BarisKepanjangan {
    pub fn alasan() -> String {
        format!(
            "baris lebih panjang dari {} (batas satu baris); berkas ini bukan tabel CSV, atau ada tanda kutip (\") yang tidak ditutup",
            ukuran(BARIS_BYTE_MAKS as u64)
        )
    }
}

impl fmt::Display for BarisKepanjangan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "baris {}: {}", self.line, Self::alasan())
    }
}

impl std::error::Error for BarisKepanjangan {}

#[derive(Default)]
struct Newlines {
    /// Offsets of `\n` bytes handed to csv but not yet behind a record end.
    pending: VecDeque<u64>,
    /// `\n` bytes already behind a record end.
    passed: u64,
    /// Bytes handed out so far.
    offset: u64,
    /// Where the last record csv returned ended.
    record_end: u64,
    /// Bytes of the last record, from the end of the one before.
    last_len: u64,
    /// The stream has ended: csv asked for more and got nothing.
    eof: bool,
}

/// Wraps the decoded stream and remembers where its newlines are.
pub(crate) struct CountingReader<R> {
    inner: R,
    shared: Arc<Mutex<Newlines>>,
}

#[derive(Clone)]
pub(crate) struct LineIndex {
    shared: Arc<Mutex<Newlines>>,
}

pub(crate) fn counting<R: Read>(inner: R) -> (CountingReader<R>, LineIndex) {
    let shared = Arc::new(Mutex::new(Newlines::default()));
    (
        CountingReader {
            inner,
            shared: shared.clone(),
        },
        LineIndex { shared },
    )
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut s = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        if n == 0 && !buf.is_empty() {
            s.eof = true;
        }
        let base = s.offset;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' {
                s.pending.push_back(base + i as u64);
            }
        }
        s.offset += n as u64;
        // csv may hold its buffer's worth beyond the record it is on.
        if s.offset - s.record_end > (BARIS_BYTE_MAKS + BUFFER_CSV) as u64 {
            // The line the limit was crossed on: for one long line, that
            // line; inside a multi-line quoted field, a line of it.
            let line = 1 + s.passed + s.pending.len() as u64;
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                BarisKepanjangan { line },
            ));
        }
        Ok(n)
    }
}

impl LineIndex {
    /// The 1-based line a record starts on, given the stream offset where
    /// csv stopped after it and the number of `\n` inside its fields.
    /// csv consumes at most one terminator byte after a record, and a
    /// record's own content never ends in an unquoted `\n`. A record that
    /// ended because the stream did (a quote never closed) consumed no
    /// terminator: a `\n` just before its end is its own, already counted
    /// among the inner ones. csv only reads past a record's end when it
    /// needs more bytes to finish it, so the stream has ended by now
    /// exactly then.
    pub fn record_start(&self, end: u64, inner_newlines: u64) -> u64 {
        let mut s = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        let mut last = None;
        while let Some(&off) = s.pending.front() {
            if off >= end {
                break;
            }
            s.pending.pop_front();
            s.passed += 1;
            last = Some(off);
        }
        let terminator = u64::from(end > 0 && last == Some(end - 1) && !s.eof);
        s.last_len = end.saturating_sub(s.record_end);
        s.record_end = s.record_end.max(end);
        1 + s.passed - inner_newlines - terminator
    }

    /// Bytes of the record last given to [`LineIndex::record_start`]
    /// (with any blank lines before it).
    pub fn last_len(&self) -> u64 {
        self.shared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .last_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<(String, u64)> {
        let (r, idx) = counting(input.as_bytes());
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(r);
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        while rdr.read_byte_record(&mut rec).unwrap() {
            let inner = rec.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
            let line = idx.record_start(rdr.position().byte(), inner);
            out.push((String::from_utf8_lossy(rec.as_slice()).into_owned(), line));
        }
        out
    }

    #[test]
    fn lines_survive_crlf_blank_lines_and_quoted_newlines() {
        let l = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
            v.iter().map(|(s, n)| (s.to_string(), *n)).collect()
        };
        assert_eq!(lines("h\na\nb\n"), l(&[("h", 1), ("a", 2), ("b", 3)]));
        assert_eq!(
            lines("h\r\na\r\n\r\nb\r\n"),
            l(&[("h", 1), ("a", 2), ("b", 4)])
        );
        assert_eq!(
            lines("h\n\"x\ny\"\nb"),
            l(&[("h", 1), ("x\ny", 2), ("b", 4)])
        );
        assert_eq!(
            lines("h\r\n\"x\r\ny\"\r\nb"),
            l(&[("h", 1), ("x\r\ny", 2), ("b", 4)])
        );
        assert_eq!(lines("h\n\n\nb\n"), l(&[("h", 1), ("b", 4)]));
        assert_eq!(lines("\n\nh\na"), l(&[("h", 3), ("a", 4)]));
        assert_eq!(lines("h\ra\rb"), l(&[("h", 1), ("a", 1), ("b", 1)]));
        // A quote never closed runs to the end, its last newline its own
        // (found by fuzzing: this record was said to start on line 2).
        assert_eq!(
            lines("h\na\n\"x\ny\n"),
            l(&[("h", 1), ("a", 2), ("x\ny\n", 3)])
        );
    }
}
