//! Election-day HTTP: the saksi's C.Hasil form (with photos), the JSON API
//! for apps and gateways, a TPS's revision history, and the photos as
//! evidence. Totals by region are in `rekap.rs`.

use askama::Template;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use posko_app::{IsianHasil, JawabanKirim, Masuk};
use posko_domain::{Angka3, FormulirHasil, Izin};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::error::{ApiError, PageError};
use crate::pages::render;
use crate::{AppState, BODY_LIMIT_FOTO, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kirim = Izin(posko_domain::Izin::IsianHasil, Sasaran::Tps);
    // Photos are what a verifier reads; the figures are not.
    let lihat_tps = Izin(posko_domain::Izin::LihatWilayah, Sasaran::Tps);
    let hasil_tps = Izin(posko_domain::Izin::LihatHasil, Sasaran::Tps);
    r.add(
        "GET",
        "/pemilihan/{id}/tps/{kode}/kirim",
        "/pemilihan/{id}/tps/3171011001001/kirim",
        kirim,
        get(form_page),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/tps/{kode}/kirim",
        "/pemilihan/{id}/tps/3171011001001/kirim",
        kirim,
        BODY_LIMIT_FOTO,
        post(form_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/tps/{kode}/foto/{hash}",
        "/pemilihan/{id}/tps/3171011001001/foto/00",
        lihat_tps,
        get(foto),
    )
    .add_dengan_batas(
        "POST",
        "/api/v1/pemilihan/{id}/tps/{kode}/foto",
        "/api/v1/pemilihan/{id}/tps/3171011001001/foto",
        kirim,
        BODY_LIMIT_FOTO,
        post(api_foto),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/tps/{kode}/hasil",
        "/api/v1/pemilihan/{id}/tps/3171011001001/hasil",
        kirim,
        post(api_kirim),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/tps/{kode}/hasil",
        "/api/v1/pemilihan/{id}/tps/3171011001001/hasil",
        hasil_tps,
        get(api_hasil_tps),
    )
}

// ------------------------------------------------------------ the form

/// The form's numeric fields, as (field id, label) in the paper's order.
/// Field ids are those `periksa` names in its findings.
fn baris_angka3() -> [(&'static str, &'static str); 6] {
    [
        ("dpt", "I.A Pemilih terdaftar dalam DPT"),
        ("b1_dpt", "I.B1 Pengguna hak pilih dalam DPT"),
        ("b2_pindahan", "I.B2 Pengguna hak pilih pindahan (DPPh)"),
        ("b3_tambahan", "I.B3 Pengguna hak pilih tambahan (DPTb)"),
        ("b4_total", "I.B4 Jumlah pengguna hak pilih"),
        ("disabilitas", "III Pemilih disabilitas yang memilih"),
    ]
}

const SURAT: [(&str, &str); 4] = [
    (
        "surat_diterima",
        "II.1 Surat suara diterima (termasuk cadangan 2,5 %)",
    ),
    ("surat_digunakan", "II.2 Surat suara digunakan"),
    (
        "surat_rusak",
        "II.3 Surat suara dikembalikan rusak/keliru coblos",
    ),
    ("surat_sisa", "II.4 Surat suara tidak digunakan/sisa"),
];

const SUARA: [(&str, &str); 3] = [
    ("suara_sah", "V.A Jumlah suara sah"),
    ("suara_tidak_sah", "V.B Jumlah suara tidak sah"),
    ("suara_total", "V.C Jumlah suara sah dan tidak sah"),
];

struct BarisForm {
    id: &'static str,
    label: &'static str,
}

struct PaslonForm {
    field: String,
    label: String,
}

#[derive(Template)]
#[template(path = "kirim_hasil.html")]
struct FormPage {
    pemilihan: String,
    tps: String,
    action: String,
    kunci: String,
    csrf: String,
    baris: Vec<BarisForm>,
    surat: Vec<BarisForm>,
    suara: Vec<BarisForm>,
    paslon: Vec<PaslonForm>,
    revisi: Option<String>,
    riwayat_href: String,
    checkin_action: String,
    insiden_action: String,
    kategori: Vec<(&'static str, String)>,
    pesan: Option<String>,
    /// The same result as an SMS or Telegram message, with this TPS's
    /// short code, when a gateway is set up.
    sms: Option<String>,
}

#[derive(Deserialize)]
struct FormQuery {
    pesan: Option<String>,
}

async fn form_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<FormQuery>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let (id, tps) = (crate::param::pemilihan(&id)?, crate::param::tps(&kode)?);
    let v = s.posko.pemilihan_view(id).await?;
    let kolom = posko_app::AturanBerlaku::dari(&v.pemilihan, &v.paslon).jumlah_kolom;
    let now = s.posko.ambil_hasil_tps(id, tps).await?;
    let g = &s.gerbang;
    let sms = if g.sms_gateway.is_some() || g.telegram.is_some() || g.token_http.is_some() {
        let kode = s
            .posko
            .kode_singkat(&posko_app::Aktor::pengguna(&m.pengguna), &[tps])
            .await?;
        let suara: Vec<String> = (1..=kolom).map(|i| format!("<suara {i}>")).collect();
        Some(format!(
            "HASIL {} {} TS <tidak sah>",
            kode.first().map(ToString::to_string).unwrap_or_default(),
            suara.join(" ")
        ))
    } else {
        None
    };
    render(FormPage {
        pemilihan: v.pemilihan.nama.clone(),
        tps: tps.to_string(),
        action: format!("/pemilihan/{id}/tps/{}/kirim", tps.undotted()),
        kunci: Uuid::now_v7().to_string(),
        csrf: m.sesi.csrf,
        baris: baris_angka3()
            .into_iter()
            .map(|(id, label)| BarisForm { id, label })
            .collect(),
        surat: SURAT
            .iter()
            .map(|(id, label)| BarisForm { id, label })
            .collect(),
        suara: SUARA
            .iter()
            .map(|(id, label)| BarisForm { id, label })
            .collect(),
        paslon: v
            .paslon
            .iter()
            .enumerate()
            .map(|(i, x)| PaslonForm {
                field: format!("suara_paslon.{i}"),
                label: format!(
                    "{}. {} – {}",
                    x.nomor_urut.get(),
                    x.calon_kepala,
                    x.calon_wakil
                ),
            })
            // A calon tunggal ballot has the blank box after the paslon.
            .chain((v.paslon.len() == 1).then(|| PaslonForm {
                field: "suara_paslon.1".into(),
                label: crate::t("baca-suara-kolom-kosong"),
            }))
            .collect(),
        revisi: now.as_ref().map(crate::verifikasi::catatan_kiriman),
        riwayat_href: crate::tps::href(id, tps),
        checkin_action: format!("/pemilihan/{id}/tps/{}/checkin", tps.undotted()),
        insiden_action: format!("/pemilihan/{id}/tps/{}/insiden", tps.undotted()),
        kategori: posko_app::KATEGORI_INSIDEN
            .iter()
            .map(|(k, _)| (*k, crate::hari_h::label_kategori(k)))
            .collect(),
        // Only messages this page writes itself (no reflected text).
        pesan: match q.pesan.as_deref() {
            Some("checkin") => Some(crate::t("kirim-checkin-tercatat")),
            Some("insiden") => Some(crate::t("kirim-insiden-terkirim")),
            _ => None,
        },
        sms,
    })
}

/// A cell of the paper as typed: blank is "not filled in", anything else
/// must be a whole number ≥ 0. Letters are refused, not guessed at: an O
/// typed for a 0 is the saksi's to fix.
fn angka(field: &str, label: &str, raw: &str) -> Result<Option<u32>, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let digits: String = t.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if digits.starts_with('-') {
        return Err(crate::t2(
            "kirim-galat-negatif",
            "label",
            label,
            "kolom",
            field,
        ));
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(crate::bahasa::Bahasa::kini().teks_dengan(
            "kirim-galat-bukan-angka",
            &[
                ("label", label.into()),
                ("kolom", field.into()),
                ("isi", t.into()),
            ],
        ));
    }
    digits.parse::<u32>().map(Some).map_err(|_| {
        crate::bahasa::Bahasa::kini().teks_dengan(
            "kirim-galat-terlalu-besar",
            &[
                ("label", label.into()),
                ("kolom", field.into()),
                ("isi", t.into()),
            ],
        )
    })
}

fn baris_mut<'a>(f: &'a mut FormulirHasil, r: &str) -> Option<&'a mut Angka3> {
    Some(match r {
        "dpt" => &mut f.dpt,
        "b1_dpt" => &mut f.b1_dpt,
        "b2_pindahan" => &mut f.b2_pindahan,
        "b3_tambahan" => &mut f.b3_tambahan,
        "b4_total" => &mut f.b4_total,
        "disabilitas" => &mut f.disabilitas,
        _ => return None,
    })
}

fn set_field(f: &mut FormulirHasil, name: &str, value: Option<u32>) -> bool {
    if let Some((r, col)) = name.split_once('.') {
        if r == "suara_paslon" {
            let Ok(i) = col.parse::<usize>() else {
                return false;
            };
            if i >= 99 {
                return false;
            }
            if f.suara_paslon.len() <= i {
                f.suara_paslon.resize(i + 1, None);
            }
            f.suara_paslon[i] = value;
            return true;
        }
        let Some(a) = baris_mut(f, r) else {
            return false;
        };
        match col {
            "laki" => a.laki = value,
            "perempuan" => a.perempuan = value,
            "jumlah" => a.jumlah = value,
            _ => return false,
        }
        return true;
    }
    match name {
        "surat_diterima" => f.surat_diterima = value,
        "surat_digunakan" => f.surat_digunakan = value,
        "surat_rusak" => f.surat_rusak = value,
        "surat_sisa" => f.surat_sisa = value,
        "suara_sah" => f.suara_sah = value,
        "suara_tidak_sah" => f.suara_tidak_sah = value,
        "suara_total" => f.suara_total = value,
        _ => return false,
    }
    true
}

struct TemuanView {
    pesan: String,
}

#[derive(Template)]
#[template(path = "kirim_selesai.html")]
struct SelesaiPage {
    tps: String,
    revisi: i32,
    ulang: bool,
    temuan: Vec<TemuanView>,
    foto: usize,
    kembali: String,
    /// The desa's results, for those who may open them.
    rekap: Option<String>,
    /// The TPS page: which revision counts, every revision.
    halaman_tps: String,
    /// Stored but not counted: why, in the page's language.
    tidak_dihitung: Option<String>,
}

async fn form_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let (id, tps) = (crate::param::pemilihan(&id)?, crate::param::tps(&kode)?);
    let bad = |msg: String| PageError(StatusCode::UNPROCESSABLE_ENTITY, msg);
    let mut csrf = None;
    let mut kunci = None;
    let mut alasan = None;
    let mut formulir = FormulirHasil::default();
    let mut foto = Vec::new();
    let mut salah = Vec::new();
    let labels: Vec<(String, String)> = baris_angka3()
        .iter()
        .flat_map(|(id, label)| {
            ["laki", "perempuan", "jumlah"].map(|c| (format!("{id}.{c}"), format!("{label} ({c})")))
        })
        .chain(
            SURAT
                .iter()
                .chain(SUARA.iter())
                .map(|(i, l)| (i.to_string(), l.to_string())),
        )
        .collect();
    // A refusal before the body's end, answered once the rest is read.
    let mut ditolak = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        PageError(
            StatusCode::BAD_REQUEST,
            crate::t1("galat-formulir-tidak-terbaca", "galat", e.to_string()),
        )
    })? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            // The token comes first in the form: a post without a valid one
            // is refused before any photo is written to disk.
            "csrf" => {
                let t = field.text().await.unwrap_or_default();
                if let Some(r) = form_ditolak(&m, &t, &headers) {
                    ditolak = Some(Ok(r));
                    break;
                }
                csrf = Some(t);
            }
            "foto" if csrf.is_none() => {
                ditolak = Some(Err(PageError(
                    StatusCode::BAD_REQUEST,
                    crate::t("galat-token-sebelum-foto"),
                )));
                break;
            }
            "kunci_klien" => kunci = field.text().await.ok(),
            "alasan" => alasan = field.text().await.ok(),
            "foto" => {
                let bytes = field.bytes().await.map_err(|e| {
                    bad(crate::t1(
                        "galat-foto-tidak-terbaca",
                        "galat",
                        e.to_string(),
                    ))
                })?;
                if !bytes.is_empty() {
                    foto.push(s.posko.simpan_foto(&m.pengguna, &bytes).await?);
                }
            }
            _ => {
                let raw = field.text().await.unwrap_or_default();
                let label = labels
                    .iter()
                    .find(|(f, _)| *f == name)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_else(|| {
                        crate::t1(
                            "kirim-suara-paslon",
                            "nomor",
                            name.rsplit('.')
                                .next()
                                .and_then(|n| n.parse::<usize>().ok())
                                .map(|n| n + 1)
                                .unwrap_or(0),
                        )
                    });
                match angka(&name, &label, &raw) {
                    Ok(v) => {
                        if !set_field(&mut formulir, &name, v) {
                            salah.push(crate::t1(
                                "kirim-kolom-tidak-dikenal",
                                "kolom",
                                name.as_str(),
                            ));
                        }
                    }
                    Err(e) => salah.push(e),
                }
            }
        }
    }
    if let Some(jawaban) = ditolak {
        crate::param::habiskan_unggahan(&mut multipart).await;
        return jawaban;
    }
    let csrf = csrf.ok_or_else(|| {
        PageError(
            StatusCode::BAD_REQUEST,
            crate::t("galat-formulir-tanpa-token"),
        )
    })?;
    if let Some(r) = form_ditolak(&m, &csrf, &headers) {
        return Ok(r);
    }
    if !salah.is_empty() {
        return Err(bad(crate::t1(
            "kirim-belum-bisa",
            "salah",
            salah.join("; "),
        )));
    }
    let h = s
        .posko
        .kirim_hasil_sesi(
            &m,
            IsianHasil {
                pemilihan_id: id,
                tps,
                kunci_klien: kunci.unwrap_or_else(|| Uuid::now_v7().to_string()),
                formulir,
                alasan,
                foto,
                sumber: "web",
            },
        )
        .await?;
    let page = render(SelesaiPage {
        tps: tps.to_string(),
        revisi: h.kiriman.revisi,
        ulang: h.ulang,
        foto: h.kiriman.foto.len(),
        temuan: h
            .temuan
            .iter()
            .map(|t| TemuanView {
                // The domain words each finding in both languages.
                pesan: match crate::bahasa::Bahasa::kini() {
                    crate::bahasa::Bahasa::Id => t.pesan.clone(),
                    crate::bahasa::Bahasa::En => t.english().to_string(),
                },
            })
            .collect(),
        kembali: format!("/pemilihan/{id}/tps/{}/kirim", tps.undotted()),
        rekap: posko_domain::diizinkan(
            &m.pengguna.penugasan,
            Izin::LihatHasil,
            &posko_domain::Objek::Wilayah(tps.desa()),
        )
        .then(|| format!("/pemilihan/{id}/hasil/{}", tps.desa())),
        halaman_tps: crate::tps::href(id, tps),
        tidak_dihitung: h
            .kiriman
            .tidak_dihitung
            .as_ref()
            .map(|t| crate::tps::tidak_dihitung(t, h.kiriman.revisi)),
    })?;
    Ok((StatusCode::OK, page).into_response())
}

#[derive(Deserialize)]
struct UkuranFoto {
    /// `pratinjau`: the downscaled copy verifiers read from; absent: the
    /// original bytes, as evidence.
    ukuran: Option<String>,
}

async fn foto(
    State(s): State<AppState>,
    Path((id, kode, hash)): Path<(String, String, String)>,
    Query(q): Query<UkuranFoto>,
) -> Result<Response, PageError> {
    let (id, tps) = (crate::param::pemilihan(&id)?, crate::param::tps(&kode)?);
    // Only a photo of this TPS's own forms: a hash seen elsewhere does not
    // open a photo outside one's territory.
    let known = s
        .posko
        .riwayat_hasil(id, tps)
        .await?
        .iter()
        .any(|k| k.foto.contains(&hash));
    let found = match (known, q.ukuran.as_deref()) {
        (false, _) => None,
        (true, None | Some("asli")) => s.posko.foto(&hash).await?,
        (true, Some("pratinjau")) => {
            s.posko
                .pratinjau(&hash, posko_app::foto::SISI_PRATINJAU)
                .await?
        }
        (true, Some(lain)) => {
            return Err(PageError(
                StatusCode::BAD_REQUEST,
                crate::t1("galat-ukuran-foto", "ukuran", lain),
            ));
        }
    };
    let Some((bytes, jenis)) = found else {
        if known {
            // A form names it, the photo store lost it: the operator's to fix.
            tracing::warn!(
                "foto {hash} TPS {tps} dilampirkan pada formulir tetapi tidak tersimpan"
            );
        }
        let pesan = if known {
            "galat-foto-tidak-tersimpan"
        } else {
            "galat-foto-tidak-ditemukan"
        };
        return Err(PageError(StatusCode::NOT_FOUND, crate::t(pesan)));
    };
    Ok((
        [
            (header::CONTENT_TYPE, jenis),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable",
            ),
        ],
        bytes,
    )
        .into_response())
}

// ----------------------------------------------------------------- API

pub(crate) fn api_masuk(p: Pengunjung) -> Result<Masuk, ApiError> {
    p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))
}

/// Uploads one photo of a C.Hasil form (raw JPEG, PNG or HEIC bytes as the
/// body, up to 12 MB); answers its SHA-256 to list in the submission.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/tps/{kode}/foto",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode TPS: 3273011001003")),
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "Foto formulir"),
    responses((status = 201, description = "{\"foto\": \"<sha256>\"}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_foto(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let m = api_masuk(p)?;
    let (_, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    if !posko_domain::diizinkan(
        &m.pengguna.penugasan,
        Izin::IsianHasil,
        &posko_domain::Objek::Tps(tps),
    ) {
        return Err(ApiError(
            StatusCode::FORBIDDEN,
            "di luar wilayah Anda".into(),
        ));
    }
    let hash = s.posko.simpan_foto(&m.pengguna, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "foto": hash })),
    )
        .into_response())
}

#[derive(Deserialize)]
pub(crate) struct KirimBody {
    kunci_klien: String,
    formulir: FormulirHasil,
    #[serde(default)]
    alasan: Option<String>,
    #[serde(default)]
    foto: Vec<String>,
}

/// Sends a TPS's C.Hasil. `kunci_klien` is the sender's own id: a resend
/// answers 200 with the first submission instead of storing it twice.
/// Arithmetic that does not add up is flagged in `temuan`, never refused.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/tps/{kode}/hasil",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode TPS: 3273011001003")),
    request_body(content = serde_json::Value, description = "{\"kunci_klien\": \"uuid\", \"formulir\": {\"suara_paslon\": [120, 98], \"suara_sah\": 218, \"suara_tidak_sah\": 4, \"suara_total\": 222, \"b4_total\": {\"jumlah\": 222}, …}, \"alasan\": \"…\", \"foto\": [\"<sha256>\"]}"),
    responses((status = 201, description = "Tersimpan: {kiriman, ulang: false, temuan}"), (status = 200, description = "Kiriman ulang: jawaban pertama"), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_kirim(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let m = api_masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let b: KirimBody = crate::param::json_body(
        &body,
        "isi permintaan bukan C.Hasil yang sah (angka harus bilangan bulat ≥ 0)",
    )?;
    let h: JawabanKirim = s
        .posko
        .kirim_hasil_sesi(
            &m,
            IsianHasil {
                pemilihan_id: id,
                tps,
                kunci_klien: b.kunci_klien,
                formulir: b.formulir,
                alasan: b.alasan,
                foto: b.foto,
                sumber: "api",
            },
        )
        .await?;
    let status = if h.ulang {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(h)).into_response())
}

/// A TPS's current result and every revision of it.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/tps/{kode}/hasil",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode TPS")),
    responses((status = 200, description = "{hasil, riwayat}"), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_hasil_tps(
    State(s): State<AppState>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let hasil = s.posko.ambil_hasil_tps(id, tps).await?;
    let riwayat = s.posko.riwayat_hasil(id, tps).await?;
    Ok(Json(serde_json::json!({ "hasil": hasil, "riwayat": riwayat })).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_numbers_or_blank_never_guesses() {
        assert_eq!(angka("x", "X", " 120 "), Ok(Some(120)));
        assert_eq!(angka("x", "X", "1.234"), Ok(Some(1234)));
        assert_eq!(angka("x", "X", ""), Ok(None));
        assert!(angka("x", "X", "-3").unwrap_err().contains("negatif"));
        assert!(
            angka("x", "X", "1O2")
                .unwrap_err()
                .contains("'1O2' bukan angka")
        );
        let mut f = FormulirHasil::default();
        assert!(set_field(&mut f, "b4_total.jumlah", Some(250)));
        assert!(set_field(&mut f, "suara_paslon.2", Some(45)));
        assert!(!set_field(&mut f, "suara_paslon.x", Some(1)));
        assert!(!set_field(&mut f, "apa", Some(1)));
        assert_eq!(f.b4_total.jumlah, Some(250));
        assert_eq!(f.suara_paslon, vec![None, None, Some(45)]);
    }
}
