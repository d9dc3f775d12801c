//! The quick count read by the election's win rule, in words: the rule,
//! each paslon's probability of passing its threshold (or of leading),
//! and what follows; and the same as JSON
//! (`/api/v1/pemilihan/{id}/hitung-cepat`), whose figures, like every
//! file that can leave the room, wait for the embargo.

use axum::Json;
use posko_domain::AturanMenang;
use posko_domain::hitung_cepat::{Kesimpulan, PeluangPaslon, PenilaianAturan};
use serde::Serialize;

use super::*;
use crate::error::ApiError;

/// The rule in one sentence.
pub(super) fn teks_aturan(a: AturanMenang) -> String {
    crate::t(match a {
        AturanMenang::Terbanyak => "hc-aturan-terbanyak",
        AturanMenang::Lebih50 => "hc-aturan-lebih-50",
        AturanMenang::CalonTunggal => "hc-aturan-calon-tunggal",
    })
}

/// The name of the `i`-th entry of the count: the paslon, or the blank
/// box after a single pair.
pub(super) fn nama_entri(hc: &HitungCepat, i: usize) -> String {
    match hc.paslon.get(i) {
        Some(p) => nama_paslon(p),
        None if hc.penilaian.aturan == AturanMenang::CalonTunggal && i == 1 => {
            crate::t("hc-kolom-kosong")
        }
        None => format!("{}.", i + 1),
    }
}

/// "probability above 50 %: 97.3 % · 95 % interval above 50 %".
pub(super) fn teks_peluang(n: &PenilaianAturan, p: &PeluangPaslon) -> String {
    let Some(q) = p.peluang else {
        return String::new();
    };
    let mut s = match n.ambang {
        Some(_) => crate::t1("hc-peluang-ambang", "persen", persen(q)),
        None => crate::t1("hc-peluang-unggul", "persen", persen(q)),
    };
    let selang = match (n.ambang, p.selang_di_atas, p.selang_di_bawah) {
        (Some(_), true, _) => Some("hc-selang-di-atas"),
        (Some(_), _, true) => Some("hc-selang-di-bawah"),
        (None, true, _) => Some("hc-selang-unggul"),
        _ => None,
    };
    if let Some(id) = selang {
        s.push_str(" · ");
        s.push_str(&crate::t(id));
    }
    s
}

/// What the rule concludes, in words.
pub(super) fn teks_kesimpulan(hc: &HitungCepat) -> String {
    let nomor = |i: usize| {
        hc.paslon
            .get(i)
            .map(|p| p.nomor_urut.get().to_string())
            .unwrap_or_else(|| (i + 1).to_string())
    };
    match &hc.penilaian.kesimpulan {
        Kesimpulan::BelumCukup { alasan } => {
            crate::t1("hc-kesimpulan-belum", "alasan", alasan_teks(alasan))
        }
        Kesimpulan::Menang { .. } if hc.penilaian.aturan == AturanMenang::CalonTunggal => {
            crate::t("hc-kesimpulan-menang-tunggal")
        }
        Kesimpulan::Menang { paslon } => crate::t1("hc-kesimpulan-menang", "nomor", nomor(*paslon)),
        Kesimpulan::TerlaluDekat => crate::t("hc-kesimpulan-dekat"),
        Kesimpulan::PutaranKedua { pasti: true } => crate::t("hc-kesimpulan-putaran-kedua"),
        Kesimpulan::PutaranKedua { pasti: false } => {
            crate::t("hc-kesimpulan-putaran-kedua-mungkin")
        }
        Kesimpulan::PemilihanUlang => crate::t("hc-kesimpulan-ulang"),
    }
}

/// The part of the votes whose kecamatan have not reported enough, when
/// there is one.
pub(super) fn teks_tak_pasti(hc: &HitungCepat) -> String {
    let t = &hc.taksiran;
    if t.sel_tak_pasti == 0 || t.tps_masuk == 0 {
        return String::new();
    }
    crate::t2(
        "hc-tak-pasti",
        "persen",
        persen(t.bobot_tak_pasti),
        "jumlah",
        ribuan(u64::from(t.sel_tak_pasti)),
    )
}

#[derive(Serialize)]
struct EntriJson {
    /// None for the blank box.
    nomor_urut: Option<u8>,
    nama: String,
    bagian: f64,
    bawah: f64,
    atas: f64,
    galat_baku: f64,
    keadaan: posko_domain::hitung_cepat::KeadaanTaksiran,
    #[serde(flatten)]
    peluang: PeluangPaslon,
}

#[derive(Serialize)]
struct HitungCepatJson {
    pemilihan: Uuid,
    /// The rule's slug as the election page and `pemilihan add` write it
    /// (`terbanyak`, `lebih_50`, `calon_tunggal`).
    aturan: &'static str,
    ambang: Option<f64>,
    boleh_dipublikasikan: bool,
    /// RFC 3339 in UTC: when the figures may go out (15:00 WIB on
    /// election day, `…T08:00:00Z`).
    embargo_sampai: String,
    tps_masuk: u32,
    tps_sampel: u32,
    /// The figures: null until the embargo ends.
    taksiran: Option<TaksiranJson>,
}

#[derive(Serialize)]
struct TaksiranJson {
    per_paslon: Vec<EntriJson>,
    /// `kesimpulan` with its fields (`paslon`: an index into
    /// `per_paslon`).
    #[serde(flatten)]
    kesimpulan: Kesimpulan,
    pemimpin: posko_domain::hitung_cepat::Putusan,
    keseimbangan: f64,
    bobot_tak_pasti: f64,
}

/// The quick count and its reading by the election's rule, as JSON. A
/// file that can be passed on, so the figures are null until the embargo
/// ends; the rule, the arrivals and the embargo's end are always there.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/hitung-cepat",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, description = "{pemilihan, aturan, ambang, boleh_dipublikasikan, embargo_sampai, tps_masuk, tps_sampel, taksiran: {per_paslon: [{nomor_urut, nama, bagian, bawah, atas, galat_baku, keadaan, peluang, selang_di_atas, selang_di_bawah}], kesimpulan, pemimpin, keseimbangan, bobot_tak_pasti} | null}"), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_hitung_cepat(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = crate::param::pemilihan(&id)?;
    let hc = s.posko.hitung_cepat(id).await?;
    let t = &hc.taksiran;
    let taksiran = hc.boleh_dipublikasikan.then(|| TaksiranJson {
        per_paslon: t
            .per_paslon
            .iter()
            .zip(&hc.penilaian.per_paslon)
            .enumerate()
            .map(|(i, (p, q))| EntriJson {
                nomor_urut: hc.paslon.get(i).map(|p| p.nomor_urut.get()),
                nama: nama_entri(&hc, i),
                bagian: p.nilai,
                bawah: p.bawah,
                atas: p.atas,
                galat_baku: p.galat_baku,
                keadaan: p.keadaan,
                peluang: *q,
            })
            .collect(),
        kesimpulan: hc.penilaian.kesimpulan.clone(),
        pemimpin: t.pemimpin.clone(),
        keseimbangan: t.keseimbangan,
        bobot_tak_pasti: t.bobot_tak_pasti,
    });
    Ok(Json(HitungCepatJson {
        pemilihan: id,
        aturan: hc.penilaian.aturan.slug(),
        ambang: hc.penilaian.ambang,
        boleh_dipublikasikan: hc.boleh_dipublikasikan,
        embargo_sampai: hc
            .akhir_embargo
            .to_offset(time::UtcOffset::UTC)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        tps_masuk: t.tps_masuk,
        tps_sampel: t.tps_sampel,
        taksiran,
    })
    .into_response())
}
