//! Verification pages: the queue, reading a form's photo without seeing
//! anyone's figures, and a supervisor settling a disputed form.

use askama::Template;
use axum::Extension;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use posko_app::{HasilBacaan, Masuk};
use posko_domain::{Izin, KodeTps, Objek, diizinkan};
use posko_storage::Angka;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::error::{ApiError, PageError};
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let v_pemilihan = Izin(posko_domain::Izin::VerifikasiHasil, Sasaran::Pemilihan);
    let v_tps = Izin(posko_domain::Izin::VerifikasiHasil, Sasaran::Tps);
    // Settling a dispute is a campaign-wide call (managers, admins).
    let putus = Izin(posko_domain::Izin::KelolaPemilihan, Sasaran::Global);
    r.add(
        "GET",
        "/verifikasi/{id}",
        "/verifikasi/{id}",
        v_pemilihan,
        get(antrean),
    )
    .add(
        "GET",
        "/verifikasi/{id}/tps/{kode}",
        "/verifikasi/{id}/tps/3171011001001",
        v_tps,
        get(baca_page),
    )
    .add(
        "POST",
        "/verifikasi/{id}/tps/{kode}",
        "/verifikasi/{id}/tps/3171011001001",
        v_tps,
        post(baca_post),
    )
    .add(
        "GET",
        "/api/v1/verifikasi/{id}/tps/{kode}",
        "/api/v1/verifikasi/{id}/tps/3171011001001",
        v_tps,
        get(api_tugas),
    )
    .add(
        "POST",
        "/api/v1/verifikasi/{id}/tps/{kode}",
        "/api/v1/verifikasi/{id}/tps/3171011001001",
        v_tps,
        post(api_baca),
    )
    .add(
        "GET",
        "/verifikasi/{id}/tps/{kode}/sengketa",
        "/verifikasi/{id}/tps/3171011001001/sengketa",
        putus,
        get(sengketa_page),
    )
    .add(
        "POST",
        "/verifikasi/{id}/tps/{kode}/sengketa",
        "/verifikasi/{id}/tps/3171011001001/sengketa",
        putus,
        post(sengketa_post),
    )
    .add(
        "GET",
        "/verifikasi/{id}/tps/{kode}/sengketa/xlsx",
        "/verifikasi/{id}/tps/3171011001001/sengketa/xlsx",
        putus,
        get(sengketa_unduh),
    )
    .add(
        "GET",
        "/verifikasi/{id}/tps/{kode}/sengketa/pdf",
        "/verifikasi/{id}/tps/3171011001001/sengketa/pdf",
        putus,
        get(sengketa_unduh),
    )
}

struct Item {
    href: String,
    tps: String,
    revisi: i32,
}

#[derive(Template)]
#[template(path = "verifikasi.html")]
struct AntreanPage {
    pemilihan: String,
    pesan: Option<String>,
    antrean: Vec<Item>,
    sengketa: Vec<Item>,
    supervisor: bool,
}

#[derive(Deserialize)]
struct PesanQuery {
    pesan: Option<String>,
}

async fn antrean(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<PesanQuery>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let v = s.posko.pemilihan_view(id).await?;
    let antrean = s
        .posko
        .antrean_verifikasi(&m, id, 20)
        .await?
        .into_iter()
        .map(|h| Item {
            href: format!("/verifikasi/{id}/tps/{}", h.tps.undotted()),
            tps: h.tps.to_string(),
            revisi: h.revisi,
        })
        .collect();
    let sengketa = s
        .posko
        .daftar_sengketa(&m.pengguna, id, 50)
        .await?
        .into_iter()
        .map(|h| Item {
            href: format!("/verifikasi/{id}/tps/{}/sengketa", h.tps.undotted()),
            tps: h.tps.to_string(),
            revisi: h.revisi,
        })
        .collect();
    // Only messages this page itself writes are shown (no reflected text).
    let pesan = q.pesan.as_deref().and_then(|p| match p {
        "menunggu" => Some(crate::t("verifikasi-menunggu")),
        "terverifikasi" => Some(crate::t("verifikasi-terverifikasi")),
        "bermasalah" => Some(crate::t("verifikasi-bermasalah")),
        "usang" => Some(crate::t("verifikasi-usang")),
        "diputus" => Some(crate::t("verifikasi-diputus")),
        _ => None,
    });
    render(AntreanPage {
        pemilihan: v.pemilihan.nama,
        pesan,
        antrean,
        sengketa,
        supervisor: diizinkan(&m.pengguna.penugasan, Izin::KelolaPemilihan, &Objek::Global),
    })
}

struct KolomBaca {
    name: String,
    label: String,
}

#[derive(Template)]
#[template(path = "baca.html")]
struct BacaPage {
    tps: String,
    revisi: i32,
    action: String,
    kiriman_id: String,
    csrf: String,
    foto: Vec<String>,
    kolom: Vec<KolomBaca>,
}

fn kolom_baca(paslon: &[posko_storage::Paslon]) -> Vec<KolomBaca> {
    paslon
        .iter()
        .enumerate()
        .map(|(i, p)| KolomBaca {
            name: format!("suara_paslon.{i}"),
            label: crate::t2(
                "baca-suara-paslon",
                "nomor",
                p.nomor_urut.get(),
                "calon",
                p.calon_kepala.to_string(),
            ),
        })
        .chain([
            KolomBaca {
                name: "suara_sah".into(),
                label: crate::t("baca-suara-sah"),
            },
            KolomBaca {
                name: "suara_tidak_sah".into(),
                label: crate::t("baca-suara-tidak-sah"),
            },
        ])
        .collect()
}

async fn baca_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let t = s.posko.tugas_verifikasi(&m, id, tps).await?;
    render(BacaPage {
        tps: tps.to_string(),
        revisi: t.revisi,
        action: format!("/verifikasi/{id}/tps/{}", tps.undotted()),
        kiriman_id: t.kiriman_id.to_string(),
        csrf: m.sesi.csrf,
        foto: t
            .foto
            .iter()
            .map(|h| format!("/pemilihan/{id}/tps/{}/foto/{h}", tps.undotted()))
            .collect(),
        kolom: kolom_baca(&t.paslon),
    })
}

/// The figures typed on a reading form: every one required, digits only.
fn angka_dari(form: &HashMap<String, String>, paslon: usize) -> Result<Angka, PageError> {
    let get = |k: &str| -> Result<u64, PageError> {
        let raw = form.get(k).map(|s| s.trim()).unwrap_or("");
        let digits: String = raw.chars().filter(|c| *c != '.').collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PageError(
                StatusCode::UNPROCESSABLE_ENTITY,
                crate::t2("baca-galat-bukan-angka", "kolom", k, "isi", raw),
            ));
        }
        digits.parse().map_err(|_| {
            PageError(
                StatusCode::UNPROCESSABLE_ENTITY,
                crate::t1("baca-galat-terlalu-besar", "kolom", k),
            )
        })
    };
    Ok(Angka {
        suara: (0..paslon)
            .map(|i| get(&format!("suara_paslon.{i}")))
            .collect::<Result<_, _>>()?,
        sah: get("suara_sah")?,
        tidak_sah: get("suara_tidak_sah")?,
    })
}

/// What a reading or a decision form carries, checked.
struct BacaanForm {
    masuk: Masuk,
    id: Uuid,
    tps: KodeTps,
    kiriman: Uuid,
    angka: Angka,
}

/// Checks a reading/decision form: the token (none is a malformed form,
/// 400; a wrong one is refused, 403, returned as `Err`), the submission it
/// reads, and the figures.
async fn bacaan_form(
    s: &AppState,
    p: Pengunjung,
    headers: &HeaderMap,
    id: &str,
    kode: &str,
    form: &HashMap<String, String>,
) -> Result<Result<BacaanForm, Response>, PageError> {
    let masuk = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(id, kode)?;
    let tidak_lengkap = || {
        PageError(
            StatusCode::BAD_REQUEST,
            crate::t("galat-formulir-tidak-lengkap"),
        )
    };
    let csrf = form.get("csrf").ok_or_else(tidak_lengkap)?;
    if let Some(r) = form_ditolak(&masuk, csrf, headers) {
        return Ok(Err(r));
    }
    let kiriman = form
        .get("kiriman_id")
        .and_then(|k| Uuid::parse_str(k).ok())
        .ok_or_else(tidak_lengkap)?;
    let paslon = s.posko.pemilihan_view(id).await?.paslon.len();
    let angka = angka_dari(form, paslon)?;
    Ok(Ok(BacaanForm {
        masuk,
        id,
        tps,
        kiriman,
        angka,
    }))
}

fn see_other(to: String) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

async fn baca_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let f = match bacaan_form(&s, p, &headers, &id, &kode, &form).await? {
        Ok(f) => f,
        Err(refused) => return Ok(refused),
    };
    let (m, id, tps, kiriman, angka) = (f.masuk, f.id, f.tps, f.kiriman, f.angka);
    let hasil = s.posko.baca(&m, id, tps, kiriman, angka).await?;
    let pesan = match hasil {
        HasilBacaan::Menunggu => "menunggu",
        HasilBacaan::Terverifikasi(_) => "terverifikasi",
        HasilBacaan::Bermasalah(_) => "bermasalah",
        HasilBacaan::Usang => "usang",
    };
    Ok(see_other(format!("/verifikasi/{id}?pesan={pesan}")))
}

struct BarisSengketa {
    sumber: String,
    angka: Vec<String>,
    /// The same figures as numbers, for the downloads.
    nilai: Vec<u64>,
}

#[derive(Template)]
#[template(path = "sengketa.html")]
struct SengketaPage {
    tps: String,
    action: String,
    kiriman_id: String,
    csrf: String,
    foto: Vec<String>,
    judul_kolom: Vec<String>,
    baris: Vec<BarisSengketa>,
    selisih: Vec<String>,
    kolom: Vec<KolomBaca>,
    unduh: crate::ekspor::Tautan,
}

fn nilai_baris(a: &Angka) -> Vec<u64> {
    a.suara
        .iter()
        .copied()
        .chain([a.sah, a.tidak_sah])
        .collect()
}

fn angka_baris(a: &Angka) -> Vec<String> {
    a.suara
        .iter()
        .map(|v| v.to_string())
        .chain([a.sah.to_string(), a.tidak_sah.to_string()])
        .collect()
}

async fn sengketa_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    render(susun_sengketa(&s, m, id, tps).await?)
}

async fn susun_sengketa(
    s: &AppState,
    m: Masuk,
    id: Uuid,
    tps: KodeTps,
) -> Result<SengketaPage, PageError> {
    let g = s.posko.sengketa(&m.pengguna, id, tps).await?;
    let mut baris = vec![BarisSengketa {
        sumber: format!("Saksi ({})", g.kiriman.pengirim),
        angka: angka_baris(&g.hasil.angka),
        nilai: nilai_baris(&g.hasil.angka),
    }];
    baris.extend(g.bacaan.iter().map(|b| BarisSengketa {
        sumber: format!(
            "{}{}",
            b.verifier,
            if b.putusan { " (putusan)" } else { "" }
        ),
        angka: angka_baris(&b.angka),
        nilai: nilai_baris(&b.angka),
    }));
    let dasar = format!("/verifikasi/{id}/tps/{}/sengketa", tps.undotted());
    Ok(SengketaPage {
        unduh: crate::ekspor::Tautan::new(&dasar, ""),
        tps: tps.to_string(),
        action: format!("/verifikasi/{id}/tps/{}/sengketa", tps.undotted()),
        kiriman_id: g.kiriman.id.to_string(),
        csrf: m.sesi.csrf,
        foto: g
            .kiriman
            .foto
            .iter()
            .map(|h| format!("/pemilihan/{id}/tps/{}/foto/{h}", tps.undotted()))
            .collect(),
        judul_kolom: g
            .paslon
            .iter()
            .map(|p| format!("{:02}", p.nomor_urut.get()))
            .chain([crate::t("sengketa-sah"), crate::t("sengketa-tidak-sah")])
            .collect(),
        baris,
        selisih: g.selisih,
        kolom: kolom_baca(&g.paslon),
    })
}

/// The dispute's figures per source, as the supervisor sees them. The
/// rows name the saksi and each verifier, so the download is logged
/// before the file is handed out.
async fn sengketa_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    berkas: crate::ekspor::Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&tps.desa()));
    let page = susun_sengketa(&s, m.clone(), id, tps).await?;
    t.judul = crate::t1("sengketa-judul", "tps", page.tps.clone());
    t.catatan = page.selisih;
    t.kolom = std::iter::once(Kolom::new(crate::t("sengketa-sumber"), J::Teks))
        .chain(
            page.judul_kolom
                .into_iter()
                .map(|j| Kolom::new(j, J::Bulat)),
        )
        .collect();
    t.baris = page
        .baris
        .into_iter()
        .map(|b| {
            std::iter::once(Sel::Teks(b.sumber))
                .chain(b.nilai.into_iter().map(Sel::Bulat))
                .collect()
        })
        .collect();
    s.posko
        .catat_unduh_sengketa(&m.pengguna, id, tps, t.baris.len(), berkas.ekstensi())
        .await?;
    crate::ekspor::unduhan(t, berkas, &format!("sengketa-{}", tps.undotted())).await
}

async fn sengketa_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let f = match bacaan_form(&s, p, &headers, &id, &kode, &form).await? {
        Ok(f) => f,
        Err(refused) => return Ok(refused),
    };
    let (m, id, tps, kiriman, angka) = (f.masuk, f.id, f.tps, f.kiriman, f.angka);
    let alasan = form.get("alasan").cloned().unwrap_or_default();
    let ok = s
        .posko
        .putuskan(&m.pengguna, id, tps, kiriman, angka, &alasan)
        .await?;
    Ok(see_other(format!(
        "/verifikasi/{id}?pesan={}",
        if ok { "diputus" } else { "usang" }
    )))
}

// ----------------------------------------------------------------- API

/// A TPS's form to read: the revision and its photos, never anyone's
/// figures (the reading is blind by construction, for apps as for pages).
#[utoipa::path(
    get, path = "/api/v1/verifikasi/{id}/tps/{kode}",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode TPS: 3273011001003")),
    responses((status = 200, description = "{tps, kiriman_id, revisi, foto: [sha256], paslon: [nomor urut]}"), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_tugas(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let m = crate::hasil::api_masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let t = s.posko.tugas_verifikasi(&m, id, tps).await?;
    Ok(Json(serde_json::json!({
        "tps": t.tps.undotted(),
        "kiriman_id": t.kiriman_id,
        "revisi": t.revisi,
        "foto": t.foto,
        "paslon": t.paslon.iter().map(|p| p.nomor_urut.get()).collect::<Vec<_>>(),
    }))
    .into_response())
}

#[derive(Deserialize)]
struct BacaanBody {
    kiriman_id: Uuid,
    suara: Vec<u32>,
    sah: u32,
    tidak_sah: u32,
}

/// One verifier's reading of the photo. Answers what it led to:
/// `menunggu` (a second reading is needed), `terverifikasi`, `bermasalah`
/// (sent to a supervisor, with the differences) or `usang` (a newer
/// revision arrived; read again).
#[utoipa::path(
    post, path = "/api/v1/verifikasi/{id}/tps/{kode}",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode TPS")),
    request_body(content = serde_json::Value, description = "{\"kiriman_id\": \"uuid\", \"suara\": [120, 98], \"sah\": 218, \"tidak_sah\": 4}"),
    responses((status = 200, description = "{hasil: menunggu|terverifikasi|bermasalah|usang, rincian}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_baca(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = crate::hasil::api_masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let b: BacaanBody = crate::param::json_body(
        &body,
        "isi permintaan bukan bacaan yang sah ({kiriman_id, suara: [..], sah, tidak_sah}, angka bilangan bulat ≥ 0)",
    )?;
    let angka = Angka {
        suara: b.suara.into_iter().map(u64::from).collect(),
        sah: u64::from(b.sah),
        tidak_sah: u64::from(b.tidak_sah),
    };
    let hasil = s.posko.baca(&m, id, tps, b.kiriman_id, angka).await?;
    Ok(Json(hasil).into_response())
}
