//! Physical line numbers for CSV records. csv's own `Position::line()` is
//! off by one after CRLF terminators and blank lines, so lines are counted
//! here from the bytes csv actually consumed.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Newlines {
    /// Offsets of `\n` bytes handed to csv but not yet behind a record end.
    pending: VecDeque<u64>,
    /// `\n` bytes already behind a record end.
    passed: u64,
    /// Bytes handed out so far.
    offset: u64,
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
        let base = s.offset;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' {
                s.pending.push_back(base + i as u64);
            }
        }
        s.offset += n as u64;
        Ok(n)
    }
}

impl LineIndex {
    /// The 1-based line a record starts on, given the stream offset where
    /// csv stopped after it and the number of `\n` inside its fields.
    /// csv consumes at most one terminator byte after a record, and a
    /// record's own content never ends in an unquoted `\n`.
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
        let terminator = u64::from(end > 0 && last == Some(end - 1));
        1 + s.passed - inner_newlines - terminator
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
    }
}
