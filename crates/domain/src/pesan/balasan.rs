//! The replies a sender gets: every number echoed, or what was wrong with
//! an example of the right form, each within one GSM-7 SMS.

use super::*;

/// The reply to a result the server accepted: every number echoed so the
/// saksi can compare with the paper, e.g. `Diterima TPS 3273011001-003:
/// 01=120 02=98 03=45 TS=7 JML=270. Terima kasih.`
///
/// `nama_paslon_singkat` (by nomor urut, may be empty or shorter) replaces
/// `01` with a short name, cut to 8 characters and made GSM-7 safe. When
/// JML disagrees with Σ paslon + TS, the reply says so and asks for a
/// resend if a number is wrong (the result is stored either way; a resend
/// is the next revision). Names are dropped, then labels, when needed to
/// stay within one SMS; up to [`PASLON_SATU_SMS`] paslon it always fits.
pub fn balasan_diterima(hasil: &HasilSms, nama_paslon_singkat: &[&str]) -> String {
    balasan_diterima_bertanda(hasil, nama_paslon_singkat, &[])
}

/// [`balasan_diterima`] that also says what the server's checks flagged
/// (the totals' plausibility: [`crate::hasil::Temuan::singkat`]), e.g.
/// `… TS=0. Total 19998. DITANDAI: total melebihi DPT 300+2,5%, melebihi
/// batas 600/TPS. Bila salah, kirim ulang.` Findings without a short form
/// (the blank V.A every SMS leaves) are not repeated to the saksi.
pub fn balasan_diterima_bertanda(
    hasil: &HasilSms,
    nama_paslon_singkat: &[&str],
    temuan: &[crate::hasil::Temuan],
) -> String {
    let tanda: Vec<&str> = temuan.iter().filter_map(|t| t.singkat()).collect();
    let lengkap = if tanda.is_empty() {
        String::new()
    } else {
        format!(" DITANDAI: total {}.", tanda.join(", "))
    };
    // Many paslon leave no room for the reasons: the flag itself stays.
    let pendek = if tanda.is_empty() {
        String::new()
    } else {
        " DITANDAI: total tidak wajar.".to_string()
    };
    let balasan = susun_diterima(hasil, nama_paslon_singkat, &lengkap);
    if balasan.len() <= SATU_SMS {
        balasan
    } else {
        susun_diterima(hasil, nama_paslon_singkat, &pendek)
    }
}

fn susun_diterima(hasil: &HasilSms, nama_paslon_singkat: &[&str], ditandai: &str) -> String {
    let ekor = match (hasil.suara_total, hasil.jumlah_cocok()) {
        (Some(t), Some(false)) => format!(
            " PERIKSA: dihitung {}, bukan {t}.{ditandai} Bila salah, kirim ulang.",
            hasil.jumlah_dihitung()
        ),
        _ if !ditandai.is_empty() => {
            let total = match hasil.suara_total {
                Some(_) => String::new(),
                None => format!(" Total {}.", hasil.jumlah_dihitung()),
            };
            format!("{total}{ditandai} Bila salah, kirim ulang.")
        }
        (Some(_), _) => " Terima kasih.".to_string(),
        (None, _) => format!(" Total {}. Terima kasih.", hasil.jumlah_dihitung()),
    };
    let jml = hasil
        .suara_total
        .map(|t| format!(" JML={t}"))
        .unwrap_or_default();
    let susun = |label: &dyn Fn(usize) -> Option<String>| {
        let mut s = format!("Diterima TPS {}:", hasil.tps);
        for (i, v) in hasil.suara_paslon.iter().enumerate() {
            match label(i) {
                Some(l) => s.push_str(&format!(" {l}={v}")),
                None => s.push_str(&format!(" {v}")),
            }
        }
        s.push_str(&format!(" TS={}{jml}.{ekor}", hasil.suara_tidak_sah));
        s
    };
    let nama = |i: usize| {
        let n = nama_paslon_singkat
            .get(i)
            .map(|n| {
                n.chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .take(8)
                    .collect::<String>()
            })
            .filter(|n| !n.is_empty());
        Some(n.unwrap_or_else(|| format!("{:02}", i + 1)))
    };
    let nomor = |i: usize| Some(format!("{:02}", i + 1));
    let polos = |_: usize| None;
    let pilihan: [&dyn Fn(usize) -> Option<String>; 3] = [&nama, &nomor, &polos];
    let mut balasan = String::new();
    for label in pilihan {
        balasan = susun(label);
        if balasan.len() <= SATU_SMS {
            break;
        }
    }
    balasan
}

/// The reply to a check-in the server accepted.
pub fn balasan_hadir(tps: &RujukanTps) -> String {
    format!(
        "Check-in TPS {tps} diterima. Selamat bertugas! Kirim hasil: HASIL {tps} <suara paslon> TS <tidak sah> JML <total>"
    )
}

/// The reply to an incident report the server accepted. `kategori` is
/// quoted as given, made safe and short.
pub fn balasan_lapor(tps: &RujukanTps, kategori: &str) -> String {
    let kategori = kutip_n(kategori, MAKS_KATEGORI);
    format!(
        "Laporan {kategori} di TPS {tps} diterima dan diteruskan ke tim hukum. Foto bisa dikirim lewat aplikasi Posko."
    )
}

/// The reply to a message that broke the grammar: what was wrong, where,
/// and an example of the right form (or, for a question, the suggested
/// reading it already carries).
pub fn balasan_galat(galat: &GalatPesan) -> String {
    let pesan = kapital(&galat.to_string());
    match galat.jenis() {
        Some(j) if !galat.pertanyaan() => format!("{pesan}. Contoh: {}", j.contoh()),
        _ if galat.pertanyaan() => format!("{pesan}."),
        _ => format!("{pesan}. Kirim BANTUAN untuk format."),
    }
}

/// The help text: every message in one SMS.
pub fn balasan_bantuan() -> String {
    "Posko: HASIL <TPS> <suara paslon> TS <tdk sah> JML <total>. HADIR <TPS>. LAPOR <TPS> <kategori> <cerita>. TPS: 13 angka atau kode singkat lembar tugas"
        .to_string()
}

/// The reply for a parse outcome, when the server has nothing to add
/// (sender is the TPS's saksi, paslon count right, category known).
/// Refusals the server makes answer with their own text instead.
pub fn balasan(hasil: &Result<Pesan, GalatPesan>) -> String {
    match hasil {
        Ok(Pesan::Hasil(h)) => balasan_diterima(h, &[]),
        Ok(Pesan::Hadir { tps }) => balasan_hadir(tps),
        Ok(Pesan::Lapor { tps, kategori, .. }) => balasan_lapor(tps, kategori),
        Ok(Pesan::Bantuan | Pesan::TidakDikenal) => balasan_bantuan(),
        Err(g) => balasan_galat(g),
    }
}
