//! Fuzzes the CSV reader (encoding sniffing, delimiter sniffing, line
//! numbers, the record-length ceiling) through the same entry as every
//! importer: a file on disk read by `Table`, then the DPT reader on it.
//! A panic, an allocation past libFuzzer's limit, or a record reported out
//! of line order is a finding.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posko_fuzz::{berkas, semua_baris};

fuzz_target!(|data: &[u8]| {
    let path = berkas("csv", data);
    semua_baris(&path);
});
