//! Election-day presence and incidents over HTTP: the saksi's check-in and
//! incident forms (on their TPS page), the same as JSON for apps and
//! gateways, and the coordinators' monitoring page.

use askama::Template;
use axum::Extension;
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use posko_app::KATEGORI_INSIDEN;
use posko_domain::KodeTps;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::ekspor::{Berkas, Tautan};
use crate::error::{ApiError, PageError};
use crate::format::persen;
use crate::pages::render;
use crate::{AppState, BODY_LIMIT_FOTO, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kirim = Izin(posko_domain::Izin::IsianHasil, Sasaran::Tps);
    let lihat = Izin(posko_domain::Izin::LihatWilayah, Sasaran::Wilayah);
    r.add(
        "POST",
        "/pemilihan/{id}/tps/{kode}/checkin",
        "/pemilihan/{id}/tps/3171011001001/checkin",
        kirim,
        post(checkin_post),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/tps/{kode}/insiden",
        "/pemilihan/{id}/tps/3171011001001/insiden",
        kirim,
        BODY_LIMIT_FOTO,
        post(insiden_post),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/tps/{kode}/checkin",
        "/api/v1/pemilihan/{id}/tps/3171011001001/checkin",
        kirim,
        post(api_checkin),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/tps/{kode}/insiden",
        "/api/v1/pemilihan/{id}/tps/3171011001001/insiden",
        kirim,
        post(api_insiden),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}",
        "/pemilihan/{id}/pantau/31.71",
        lihat,
        get(pantau),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/insiden/xlsx",
        "/pemilihan/{id}/pantau/31.71/insiden/xlsx",
        lihat,
        get(unduh_insiden),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/insiden/pdf",
        "/pemilihan/{id}/pantau/31.71/insiden/pdf",
        lihat,
        get(unduh_insiden),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/belum-checkin/xlsx",
        "/pemilihan/{id}/pantau/31.71/belum-checkin/xlsx",
        lihat,
        get(unduh_belum_checkin),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/belum-checkin/pdf",
        "/pemilihan/{id}/pantau/31.71/belum-checkin/pdf",
        lihat,
        get(unduh_belum_checkin),
    )
}

fn kembali(id: Uuid, tps: KodeTps, pesan: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            format!("/pemilihan/{id}/tps/{}/kirim?pesan={pesan}", tps.undotted()),
        )],
    )
        .into_response()
}

#[derive(Deserialize)]
struct CheckinForm {
    csrf: String,
}

async fn checkin_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    axum::Form(f): axum::Form<CheckinForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    s.posko.checkin(&m.pengguna, id, tps, None).await?;
    Ok(kembali(id, tps, "checkin"))
}

async fn insiden_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let bad = |msg: String| PageError(StatusCode::BAD_REQUEST, msg);
    let (mut ok, mut kategori, mut teks, mut foto) =
        (false, String::new(), String::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        bad(crate::t1(
            "galat-formulir-tidak-terbaca",
            "galat",
            e.to_string(),
        ))
    })? {
        match field.name().unwrap_or_default() {
            "csrf" => {
                let t = field.text().await.unwrap_or_default();
                if let Some(r) = form_ditolak(&m, &t, &headers) {
                    return Ok(r);
                }
                ok = true;
            }
            _ if !ok => {
                return Err(bad(crate::t("galat-token-paling-depan")));
            }
            "kategori" => kategori = field.text().await.unwrap_or_default(),
            "teks" => teks = field.text().await.unwrap_or_default(),
            "foto" => {
                let b = field.bytes().await.map_err(|e| {
                    bad(crate::t1(
                        "galat-foto-tidak-terbaca",
                        "galat",
                        e.to_string(),
                    ))
                })?;
                if !b.is_empty() {
                    foto.push(s.posko.simpan_foto(&m.pengguna, &b).await?);
                }
            }
            _ => {}
        }
    }
    if !ok {
        return Err(bad(crate::t("galat-formulir-tanpa-token")));
    }
    s.posko
        .lapor_insiden(&m.pengguna, id, tps, &kategori, &teks, foto)
        .await?;
    Ok(kembali(id, tps, "insiden"))
}

#[derive(Deserialize)]
pub(crate) struct CheckinBody {
    lat: Option<f64>,
    lng: Option<f64>,
}

/// A saksi checks in at their TPS (optionally with the phone's location).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/tps/{kode}/checkin",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode TPS")),
    request_body(content = serde_json::Value, description = "{\"lat\": -6.9, \"lng\": 107.6} atau {}"),
    responses((status = 201, description = "Check-in tercatat"), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_checkin(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m =
        p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let b: CheckinBody = crate::param::json_body(&body, "isi permintaan tidak sah")?;
    let c = s
        .posko
        .checkin(&m.pengguna, id, tps, b.lat.zip(b.lng))
        .await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct InsidenBody {
    kategori: String,
    teks: String,
    #[serde(default)]
    foto: Vec<String>,
}

/// Reports an incident at a TPS.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/tps/{kode}/insiden",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode TPS")),
    request_body(content = serde_json::Value, description = "{\"kategori\": \"saksi_dihalangi|intimidasi|politik_uang|logistik|pemilih|penghitungan|lain\", \"teks\": \"…\", \"foto\": [\"<sha256>\"]}"),
    responses((status = 201, description = "Laporan tercatat"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_insiden(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m =
        p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let b: InsidenBody = crate::param::json_body(&body, "isi permintaan tidak sah")?;
    let i = s
        .posko
        .lapor_insiden(&m.pengguna, id, tps, &b.kategori, &b.teks, b.foto)
        .await?;
    Ok((StatusCode::CREATED, Json(i)).into_response())
}

struct BarisInsiden {
    waktu: String,
    tps: String,
    kategori: String,
    teks: String,
    pengirim: String,
    foto: Vec<String>,
}

#[derive(Template)]
#[template(path = "pantau.html")]
struct PantauPage {
    judul: String,
    hadir: String,
    tanpa: Vec<String>,
    tanpa_lebih: String,
    insiden: Vec<BarisInsiden>,
    unduh_insiden: Tautan,
    unduh_checkin: Tautan,
}

/// The incident category in the page's language. Stored codes are the
/// app's (`KATEGORI_INSIDEN`, whose Indonesian labels the SMS grammar
/// uses); one not listed here shows the app's label, else its code.
pub(crate) fn label_kategori(kode: &str) -> String {
    match kode {
        "saksi_dihalangi" => crate::t("insiden-saksi-dihalangi"),
        "intimidasi" => crate::t("insiden-intimidasi"),
        "politik_uang" => crate::t("insiden-politik-uang"),
        "logistik" => crate::t("insiden-logistik"),
        "pemilih" => crate::t("insiden-pemilih"),
        "penghitungan" => crate::t("insiden-penghitungan"),
        "lain" => crate::t("insiden-lain"),
        _ => KATEGORI_INSIDEN
            .iter()
            .find(|(k, _)| *k == kode)
            .map(|(_, l)| l.to_string())
            .unwrap_or_else(|| kode.to_string()),
    }
}

/// How many TPS have a saksi checked in, said once for the page and its
/// file.
fn kalimat_hadir(p: &posko_app::PantauanHariH) -> String {
    crate::tn(
        "pantau-hadir",
        &[
            ("checkin", &p.tps_checkin),
            ("jumlah", &p.jumlah_tps),
            ("persen", &persen(p.tps_checkin, p.jumlah_tps)),
            ("belum", &p.jumlah_tps.saturating_sub(p.tps_checkin)),
        ],
    )
}

/// The TPS left out of the list (it stops at 500), if any.
fn kalimat_lebih(p: &posko_app::PantauanHariH) -> Option<String> {
    let belum = p.jumlah_tps.saturating_sub(p.tps_checkin);
    (belum as usize > p.tanpa_checkin.len()).then(|| {
        crate::t1(
            "pantau-tanpa-lebih",
            "jumlah",
            belum - p.tanpa_checkin.len() as u64,
        )
    })
}

async fn pantau(
    State(s): State<AppState>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let v = s.posko.wilayah_view(Some(kode)).await?;
    let p = s.posko.pantauan_hari_h(id, kode).await?;
    let dasar = format!("/pemilihan/{id}/pantau/{kode}");
    render(PantauPage {
        judul: v.wilayah.map(|w| w.nama).unwrap_or_default(),
        hadir: kalimat_hadir(&p),
        tanpa_lebih: kalimat_lebih(&p).unwrap_or_default(),
        tanpa: p.tanpa_checkin.iter().map(|t| t.to_string()).collect(),
        insiden: p
            .insiden
            .iter()
            .map(|i| BarisInsiden {
                waktu: crate::format::jam(
                    i.waktu,
                    posko_domain::ZonaWaktu::dari_wilayah(&i.tps.desa()),
                ),
                tps: i.tps.to_string(),
                kategori: label_kategori(&i.kategori),
                teks: i.teks.clone(),
                pengirim: i.pengirim.clone(),
                foto: i
                    .foto
                    .iter()
                    .map(|h| format!("/pemilihan/{id}/tps/{}/foto/{h}", i.tps.undotted()))
                    .collect(),
            })
            .collect(),
        unduh_insiden: Tautan::new(&format!("{dasar}/insiden"), ""),
        unduh_checkin: Tautan::new(&format!("{dasar}/belum-checkin"), ""),
    })
}

async fn unduh_insiden(
    s: State<AppState>,
    p: Extension<Pengunjung>,
    path: Path<(String, String)>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    unduh(s, p, path, Tabel::Insiden, berkas).await
}

async fn unduh_belum_checkin(
    s: State<AppState>,
    p: Extension<Pengunjung>,
    path: Path<(String, String)>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    unduh(s, p, path, Tabel::BelumCheckin, berkas).await
}

/// The two lists of the watch page.
#[derive(Clone, Copy)]
enum Tabel {
    Insiden,
    BelumCheckin,
}

/// One of the watch page's lists as a file, with the same rows: the
/// latest incidents (they name their senders, so the download is logged
/// first) or the TPS nobody has checked in at.
async fn unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    tabel: Tabel,
    berkas: Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let v = s.posko.wilayah_view(Some(kode)).await?;
    let pantauan = s.posko.pantauan_hari_h(id, kode).await?;
    let nama = v
        .wilayah
        .map(|w| w.nama)
        .unwrap_or_else(|| kode.to_string());
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&kode));
    t.subjudul = kalimat_hadir(&pantauan);
    match tabel {
        Tabel::Insiden => {
            t.judul = crate::t1("ekspor-insiden-judul", "nama", nama);
            t.kolom = vec![
                Kolom::new(crate::t("ekspor-kolom-waktu"), J::Teks),
                Kolom::new(crate::t("label-tps-kolom"), J::Kode),
                Kolom::new(crate::t("ekspor-kolom-kategori"), J::Teks),
                Kolom::new(crate::t("ekspor-kolom-laporan"), J::Teks),
                Kolom::new(crate::t("ekspor-kolom-pengirim"), J::Teks),
                Kolom::new(crate::t("ekspor-kolom-foto"), J::Bulat),
            ];
            t.baris = pantauan
                .insiden
                .iter()
                .map(|i| {
                    vec![
                        Sel::Teks(crate::format::jam(
                            i.waktu,
                            posko_domain::ZonaWaktu::dari_wilayah(&i.tps.desa()),
                        )),
                        Sel::Teks(i.tps.to_string()),
                        Sel::Teks(label_kategori(&i.kategori)),
                        Sel::Teks(i.teks.clone()),
                        Sel::Teks(i.pengirim.clone()),
                        Sel::Bulat(i.foto.len() as u64),
                    ]
                })
                .collect();
            s.posko
                .catat_unduh_insiden(&m.pengguna, id, kode, t.baris.len(), berkas.ekstensi())
                .await?;
            crate::ekspor::unduhan(t, berkas, &format!("insiden-{kode}")).await
        }
        Tabel::BelumCheckin => {
            t.judul = crate::t1("ekspor-belum-checkin-judul", "nama", nama);
            t.catatan.extend(kalimat_lebih(&pantauan));
            t.kolom = vec![
                Kolom::new("#", J::Bulat),
                Kolom::new(crate::t("label-tps-kolom"), J::Kode),
            ];
            t.baris = pantauan
                .tanpa_checkin
                .iter()
                .enumerate()
                .map(|(n, tps)| vec![Sel::Bulat(n as u64 + 1), Sel::Teks(tps.to_string())])
                .collect();
            crate::ekspor::unduhan(t, berkas, &format!("belum-checkin-{kode}")).await
        }
    }
}
