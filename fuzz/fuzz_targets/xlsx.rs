//! Fuzzes the spreadsheet reader: the zip checks before calamine opens a
//! file, the sparse row-by-row sheet reader and its ceilings. Inputs that
//! start like a zip are read as a whole `.xlsx` file (mutating containers);
//! any other input is the worksheet XML (and, after a NUL, the shared
//! strings) of an otherwise well-formed workbook, so mutations reach cells,
//! references and strings instead of dying at the zip's checksum.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posko_fuzz::{berkas, semua_baris, xlsx};

fuzz_target!(|data: &[u8]| {
    let isi = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        let mut bagian = data.splitn(2, |&b| b == 0);
        let lembar = bagian.next().unwrap_or_default();
        xlsx(lembar, bagian.next())
    };
    let path = berkas("xlsx", &isi);
    semua_baris(&path);
});
