//! Turns a CSV file's bytes into a UTF-8 byte stream and sniffs its
//! delimiter, so the CSV layer only ever sees UTF-8 (or bytes still to be
//! checked per row).

use std::io::{self, Cursor, Read};

use encoding_rs::{Decoder, Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::EncodingChoice;

/// Enough to hold the header and many rows of any real export, small
/// enough to be read before streaming starts.
const SNIFF_LEN: usize = 64 * 1024;

pub(crate) struct CsvStream {
    pub reader: Box<dyn Read + Send>,
    pub delimiter: u8,
    pub notices: Vec<String>,
}

/// Reads until `buf` holds `SNIFF_LEN` bytes or the input ends.
pub(crate) fn read_prefix(r: &mut dyn Read) -> io::Result<(Vec<u8>, bool)> {
    let mut buf = vec![0u8; SNIFF_LEN];
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let full = n == buf.len();
    buf.truncate(n);
    Ok((buf, full))
}

/// A multi-byte character cut by the sniff window is not an error.
fn sniff_is_utf8(buf: &[u8], more_follows: bool) -> bool {
    match std::str::from_utf8(buf) {
        Ok(_) => true,
        Err(e) => more_follows && e.error_len().is_none(),
    }
}

pub(crate) fn open(
    mut input: Box<dyn Read + Send>,
    choice: EncodingChoice,
) -> io::Result<CsvStream> {
    let (prefix, full) = read_prefix(&mut input)?;
    let mut notices = Vec::new();
    let rest =
        |skip: usize, prefix: Vec<u8>, input: Box<dyn Read + Send>| -> Box<dyn Read + Send> {
            let mut c = Cursor::new(prefix);
            c.set_position(skip as u64);
            Box::new(c.chain(input))
        };
    // Every row is checked as UTF-8 when it is read (table.rs); a decoded
    // stream always passes.
    let reader: Box<dyn Read + Send> = if prefix.starts_with(b"\xEF\xBB\xBF") {
        rest(3, prefix, input)
    } else if prefix.starts_with(b"\xFF\xFE") || prefix.starts_with(b"\xFE\xFF") {
        let enc = if prefix[0] == 0xFF {
            UTF_16LE
        } else {
            UTF_16BE
        };
        notices.push(format!("berkas dibaca sebagai {}", enc.name()));
        decoding(enc, rest(2, prefix, input))
    } else {
        let as_1252 = match choice {
            EncodingChoice::Auto => !sniff_is_utf8(&prefix, full),
            EncodingChoice::Utf8 => false,
            EncodingChoice::Windows1252 => true,
        };
        if as_1252 {
            notices.push("berkas dibaca sebagai Windows-1252".to_string());
            decoding(WINDOWS_1252, rest(0, prefix, input))
        } else {
            rest(0, prefix, input)
        }
    };
    // Sniff the delimiter on the decoded text, so UTF-16 works too.
    let mut reader = reader;
    let (head, _) = read_prefix(&mut reader)?;
    let delimiter = sniff_delimiter(&head);
    let reader = Box::new(Cursor::new(head).chain(reader));
    Ok(CsvStream {
        reader,
        delimiter,
        notices,
    })
}

fn decoding(enc: &'static Encoding, inner: Box<dyn Read + Send>) -> Box<dyn Read + Send> {
    Box::new(DecodeReader {
        inner,
        decoder: enc.new_decoder_without_bom_handling(),
        inbuf: vec![0; 32 * 1024],
        in_pos: 0,
        in_len: 0,
        eof: false,
        outbuf: vec![0; 3 * 32 * 1024 + 16],
        out_pos: 0,
        out_len: 0,
        done: false,
    })
}

/// Picks whichever of `,` `;` tab `|` occurs most outside quotes in the
/// first non-blank line; ties go to the earlier one, no candidate to `,`.
pub(crate) fn sniff_delimiter(text: &[u8]) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut in_quotes = false;
    let mut seen_content = false;
    for &b in text {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => {
                if seen_content {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
                if !b.is_ascii_whitespace() {
                    seen_content = true;
                }
            }
            _ => seen_content = true,
        }
    }
    let mut best = 0;
    for i in 1..4 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

/// Streaming transcoder to UTF-8 (encoding_rs has no `Read` adapter).
struct DecodeReader {
    inner: Box<dyn Read + Send>,
    decoder: Decoder,
    inbuf: Vec<u8>,
    in_pos: usize,
    in_len: usize,
    eof: bool,
    outbuf: Vec<u8>,
    out_pos: usize,
    out_len: usize,
    done: bool,
}

impl Read for DecodeReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.out_len {
                let n = buf.len().min(self.out_len - self.out_pos);
                buf[..n].copy_from_slice(&self.outbuf[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if self.in_pos == self.in_len && !self.eof {
                let n = loop {
                    match self.inner.read(&mut self.inbuf) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        other => break other?,
                    }
                };
                self.in_pos = 0;
                self.in_len = n;
                self.eof = n == 0;
            }
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.inbuf[self.in_pos..self.in_len],
                &mut self.outbuf,
                self.eof,
            );
            self.in_pos += read;
            self.out_pos = 0;
            self.out_len = written;
            // encoding_rs forbids calling again after the final call.
            if self.eof && result == encoding_rs::CoderResult::InputEmpty {
                self.done = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], choice: EncodingChoice) -> (String, u8, Vec<String>) {
        let mut s = open(Box::new(Cursor::new(bytes.to_vec())), choice).unwrap();
        let mut out = Vec::new();
        s.reader.read_to_end(&mut out).unwrap();
        (String::from_utf8(out).unwrap(), s.delimiter, s.notices)
    }

    #[test]
    fn sniffs_delimiters_outside_quotes() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1,2;3"), b';');
        assert_eq!(sniff_delimiter(b"\"a,b,c\";d;e\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc,d\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\n\na|b|c\n"), b'|');
        assert_eq!(sniff_delimiter(b"kode\n"), b',');
    }

    #[test]
    fn utf16_and_1252_decode() {
        let mut b = vec![0xFF, 0xFE];
        for u in "kode\tnama\n32\tJawa Barat\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let (s, d, _) = decode_all(&b, EncodingChoice::Auto);
        assert_eq!(s, "kode\tnama\n32\tJawa Barat\n");
        assert_eq!(d, b'\t');
        let (s, _, n) = decode_all(b"a,b\nCaf\xE9,\x96\n", EncodingChoice::Auto);
        assert_eq!(s, "a,b\nCaf\u{e9},\u{2013}\n");
        assert_eq!(n, ["berkas dibaca sebagai Windows-1252"]);
    }

    #[test]
    fn cut_char_at_sniff_edge_is_still_utf8() {
        let mut b = vec![b'a'; SNIFF_LEN - 1];
        b.extend_from_slice("é\n".as_bytes());
        assert!(sniff_is_utf8(&b[..SNIFF_LEN], true));
        assert!(!sniff_is_utf8(&b[..SNIFF_LEN], false));
        let (s, _, n) = decode_all(&b, EncodingChoice::Auto);
        assert!(n.is_empty());
        assert!(s.ends_with("é\n"));
    }
}
