//! Fuzzes the SMS/Telegram grammar: `parse` must never panic, and every
//! reply it leads to must be one GSM-7 SMS (results with more paslon than
//! `PASLON_SATU_SMS` excepted, as documented), so an assertion failure here
//! is a finding just like a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posko_domain::pesan::{
    self, GalatPesan, KodeSingkat, PASLON_SATU_SMS, Pesan, SATU_SMS, balasan, balasan_diterima,
    balasan_galat, balasan_hadir, balasan_lapor, cocokkan_paslon, gsm7_dasar, parse,
};

fn satu_sms(teks: &str, balasan: &str) {
    assert!(gsm7_dasar(balasan), "{teks:?} → not GSM-7: {balasan:?}");
    assert!(
        balasan.chars().count() <= SATU_SMS,
        "{teks:?} → {} chars: {balasan:?}",
        balasan.chars().count()
    );
}

fuzz_target!(|data: &[u8]| {
    let teks = String::from_utf8_lossy(data);
    let hasil: Result<Pesan, GalatPesan> = parse(&teks);
    let b = balasan(&hasil);
    assert!(gsm7_dasar(&b), "{teks:?} → not GSM-7: {b:?}");
    match &hasil {
        Ok(Pesan::Hasil(h)) => {
            if h.suara_paslon().len() <= PASLON_SATU_SMS {
                satu_sms(&teks, &b);
                satu_sms(&teks, &balasan_diterima(h, &["Nama“Aneh”", "", "x"]));
            }
            // The canonical text parses back to the same result.
            assert_eq!(parse(&h.teks_baku()), Ok(Pesan::Hasil(h.clone())));
            let _ = h.formulir();
            for n in 0..5 {
                if let Err(g) = cocokkan_paslon(h, n) {
                    satu_sms(&teks, &balasan_galat(&g));
                }
            }
        }
        Ok(Pesan::Hadir { tps }) => satu_sms(&teks, &balasan_hadir(tps)),
        Ok(Pesan::Lapor {
            tps,
            kategori,
            teks: cerita,
        }) => {
            assert!(!cerita.is_empty());
            assert!(cerita.chars().count() <= pesan::MAKS_TEKS_LAPOR);
            satu_sms(&teks, &balasan_lapor(tps, kategori));
            satu_sms(&teks, &balasan_lapor(tps, &teks));
        }
        Ok(Pesan::Bantuan | Pesan::TidakDikenal) | Err(_) => satu_sms(&teks, &b),
    }
    // Short-code parsing on its own, and its round trip.
    if let Ok(k) = KodeSingkat::parse(&teks) {
        assert_eq!(pesan::kode_singkat(k.nomor()), Some(k));
    }
});
