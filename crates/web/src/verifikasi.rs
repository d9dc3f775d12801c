//! Verification pages: the queue, reading a form's photo without seeing
//! anyone's figures, and a supervisor settling a disputed form.

use askama::Template;
use axum::Extension;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use posko_app::{HasilBacaan, Masuk, SumberPutusan};
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
    .add(
        "POST",
        "/verifikasi/{id}/tps/{kode}/foto-tidak-terbaca",
        "/verifikasi/{id}/tps/3171011001001/foto-tidak-terbaca",
        v_tps,
        post(foto_tidak_terbaca),
    )
    .add(
        "POST",
        "/verifikasi/{id}/tps/{kode}/sengketa/pakai",
        "/verifikasi/{id}/tps/3171011001001/sengketa/pakai",
        putus,
        post(pakai_bacaan),
    )
    .add(
        "GET",
        "/verifikasi/{id}/sengketa",
        "/verifikasi/{id}/sengketa",
        putus,
        get(daftar_sengketa),
    )
    .add(
        "GET",
        "/verifikasi/{id}/sengketa/xlsx",
        "/verifikasi/{id}/sengketa/xlsx",
        putus,
        get(daftar_sengketa_unduh),
    )
    .add(
        "GET",
        "/verifikasi/{id}/sengketa/pdf",
        "/verifikasi/{id}/sengketa/pdf",
        putus,
        get(daftar_sengketa_unduh),
    )
}

/// One form in a list on the verification pages.
struct Item {
    /// Where to act on it: read it, or settle its dispute.
    href: String,
    /// The TPS page, where the viewer may open it: never for a verifier
    /// who reads this form blind (the page shows the figures).
    tps_href: Option<String>,
    tps: String,
    desa: String,
    kecamatan: String,
    revisi: i32,
    /// "12 menit": since this revision arrived.
    umur: String,
    temuan: u32,
}

fn item(m: &Masuk, id: Uuid, f: &posko_app::FormulirAntre, href: String, kini: i64) -> Item {
    let h = &f.hasil;
    Item {
        href,
        tps_href: diizinkan(&m.pengguna.penugasan, Izin::LihatHasil, &Objek::Tps(h.tps))
            .then(|| format!("/pemilihan/{id}/tps/{}", h.tps.undotted())),
        tps: h.tps.to_string(),
        desa: f.desa.clone().unwrap_or_else(|| h.tps.desa().to_string()),
        kecamatan: f.kecamatan.clone().unwrap_or_default(),
        revisi: h.revisi,
        umur: umur(kini - h.waktu),
        temuan: h.jumlah_temuan,
    }
}

/// How long a form has waited, in words: "baru saja", "12 menit",
/// "2 jam 5 menit", "3 hari".
pub(crate) fn umur(detik: i64) -> String {
    let menit = detik.max(0) / 60;
    if menit < 1 {
        crate::t("verifikasi-umur-baru")
    } else if menit < 60 {
        crate::t1("verifikasi-umur-menit", "n", menit)
    } else if menit < 24 * 60 {
        crate::t2("verifikasi-umur-jam", "j", menit / 60, "m", menit % 60)
    } else {
        crate::t1("verifikasi-umur-hari", "n", menit / (24 * 60))
    }
}

/// What the saksi's form says about the TPS's current submission: that
/// a new one becomes the next revision, and, when a verifier could not
/// read its photo, that a new photo is needed.
pub(crate) fn catatan_kiriman(h: &posko_storage::HasilTps) -> String {
    if h.status == posko_storage::StatusHasil::PerluFoto {
        crate::t1("kirim-perlu-foto-baru", "revisi", h.revisi)
    } else {
        crate::t1("kirim-sudah-ada-revisi", "revisi", h.revisi)
    }
}

/// "Gambir, Kec. Gambir": where a TPS is, by name.
async fn lokasi(s: &AppState, tps: KodeTps) -> Result<String, PageError> {
    let kec = tps.desa().at(posko_domain::Tingkat::Kecamatan);
    let nama = s.posko.wilayah_banyak(&[tps.desa(), kec]).await?;
    let dari = |k| nama.iter().find(|w| w.kode == k).map(|w| w.nama.clone());
    Ok(match (dari(tps.desa()), dari(kec)) {
        (Some(d), Some(k)) => format!("{d}, {}", crate::t1("verifikasi-kecamatan", "nama", k)),
        (d, k) => d.or(k).unwrap_or_default(),
    })
}

fn kini() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[derive(Template)]
#[template(path = "verifikasi.html")]
struct AntreanPage {
    pemilihan: String,
    pesan: Option<String>,
    diperbarui: String,
    menunggu: String,
    antrean: Vec<Item>,
    perlu_foto: Vec<Item>,
    sengketa: Vec<Item>,
    jumlah_sengketa: String,
    daftar_sengketa: String,
    supervisor: bool,
}

#[derive(Deserialize)]
struct PesanQuery {
    pesan: Option<String>,
    /// The form the message is about (a TPS code, parsed: nothing of the
    /// query is reflected as typed).
    tps: Option<String>,
}

/// The message a page shows after an action of this module, from the
/// codes this module writes (no reflected text).
fn pesan_dari(q: &PesanQuery) -> Option<String> {
    let teks = q.pesan.as_deref().and_then(|p| match p {
        "menunggu" => Some(crate::t("verifikasi-menunggu")),
        "terverifikasi" => Some(crate::t("verifikasi-terverifikasi")),
        "bermasalah" => Some(crate::t("verifikasi-bermasalah")),
        "usang" => Some(crate::t("verifikasi-usang")),
        "diputus" => Some(crate::t("verifikasi-diputus")),
        "perlu_foto" => Some(crate::t("verifikasi-perlu-foto-disimpan")),
        _ => None,
    })?;
    match q.tps.as_deref().and_then(|k| KodeTps::parse(k).ok()) {
        Some(tps) => Some(crate::t2(
            "verifikasi-pesan-tps",
            "tps",
            tps.to_string(),
            "pesan",
            teks,
        )),
        None => Some(teks),
    }
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
    let a = s.posko.antrean(&m, id, 20).await?;
    let now = kini();
    let antrean = a
        .berikutnya
        .iter()
        .map(|f| {
            let href = format!("/verifikasi/{id}/tps/{}", f.hasil.tps.undotted());
            item(&m, id, f, href, now)
        })
        .collect();
    let perlu_foto = a
        .perlu_foto
        .iter()
        .map(|f| item(&m, id, f, String::new(), now))
        .collect();
    let supervisor = diizinkan(&m.pengguna.penugasan, Izin::KelolaPemilihan, &Objek::Global);
    let semua_sengketa = s
        .posko
        .daftar_sengketa(&m.pengguna, id, None, posko_app::BATAS_DAFTAR)
        .await?;
    let sengketa = semua_sengketa
        .iter()
        .take(10)
        .map(|f| {
            let href = format!("/verifikasi/{id}/tps/{}/sengketa", f.hasil.tps.undotted());
            item(&m, id, f, href, now)
        })
        .collect();
    let zona = posko_domain::ZonaWaktu::dari_wilayah(&v.pemilihan.wilayah);
    render(AntreanPage {
        pemilihan: v.pemilihan.nama,
        pesan: pesan_dari(&q),
        diperbarui: crate::t1(
            "verifikasi-diperbarui",
            "jam",
            crate::format::jam(now, zona),
        ),
        menunggu: crate::t2(
            "verifikasi-jumlah-menunggu",
            "jumlah",
            crate::format::ribuan(a.menunggu),
            "n",
            a.menunggu,
        ),
        antrean,
        perlu_foto,
        jumlah_sengketa: crate::t1("verifikasi-jumlah-sengketa", "jumlah", semua_sengketa.len()),
        daftar_sengketa: format!("/verifikasi/{id}/sengketa"),
        sengketa,
        supervisor,
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
    desa: String,
    revisi: i32,
    pesan: Option<String>,
    action: String,
    action_tidak_terbaca: String,
    antrean: String,
    kiriman_id: String,
    csrf: String,
    foto: Vec<String>,
    kolom: Vec<KolomBaca>,
}

fn kolom_baca(paslon: &[posko_storage::Paslon]) -> Vec<KolomBaca> {
    // A calon tunggal ballot has the blank box after the paslon.
    let kosong = (paslon.len() == 1).then(|| KolomBaca {
        name: "suara_paslon.1".into(),
        label: crate::t("baca-suara-kolom-kosong"),
    });
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
        .chain(kosong)
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
    Query(q): Query<PesanQuery>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let t = s.posko.tugas_verifikasi(&m, id, tps).await?;
    let desa = lokasi(&s, tps).await?;
    render(BacaPage {
        tps: tps.to_string(),
        desa,
        revisi: t.revisi,
        pesan: pesan_dari(&q),
        action: format!("/verifikasi/{id}/tps/{}", tps.undotted()),
        action_tidak_terbaca: format!("/verifikasi/{id}/tps/{}/foto-tidak-terbaca", tps.undotted()),
        antrean: format!("/verifikasi/{id}"),
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
    let paslon = posko_domain::kolom_suara_paslon(s.posko.pemilihan_view(id).await?.paslon.len());
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
        // A newer revision: read this TPS again, not the next one.
        HasilBacaan::Usang => {
            return Ok(see_other(format!(
                "/verifikasi/{id}/tps/{}?tps={}&pesan=usang",
                tps.undotted(),
                tps.undotted()
            )));
        }
    };
    berikutnya(&s, &m, id, tps, pesan).await
}

/// After a form is done with: straight on to the next form in the
/// verifier's queue, or back to the queue when it is empty, saying what
/// was saved for which TPS.
async fn berikutnya(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    selesai: KodeTps,
    pesan: &str,
) -> Result<Response, PageError> {
    let kueri = format!("?tps={}&pesan={pesan}", selesai.undotted());
    let next = s.posko.antrean_verifikasi(m, id, 1).await?;
    Ok(see_other(match next.first() {
        Some(h) => format!("/verifikasi/{id}/tps/{}{kueri}", h.tps.undotted()),
        None => format!("/verifikasi/{id}{kueri}"),
    }))
}

/// "Foto tidak terbaca": the form leaves the queue until a new photo
/// comes; then on to the next form.
async fn foto_tidak_terbaca(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let (csrf, kiriman) = token_dan_kiriman(&form)?;
    if let Some(r) = form_ditolak(&m, csrf, &headers) {
        return Ok(r);
    }
    let catatan = form.get("catatan").map(String::as_str).unwrap_or("");
    let ok = s
        .posko
        .foto_tidak_terbaca(&m, id, tps, kiriman, catatan)
        .await?;
    berikutnya(&s, &m, id, tps, if ok { "perlu_foto" } else { "usang" }).await
}

/// The CSRF token and the submission id every form of this module carries.
fn token_dan_kiriman(form: &HashMap<String, String>) -> Result<(&str, Uuid), PageError> {
    let tidak_lengkap = || {
        PageError(
            StatusCode::BAD_REQUEST,
            crate::t("galat-formulir-tidak-lengkap"),
        )
    };
    let csrf = form.get("csrf").ok_or_else(tidak_lengkap)?;
    let kiriman = form
        .get("kiriman_id")
        .and_then(|k| Uuid::parse_str(k).ok())
        .ok_or_else(tidak_lengkap)?;
    Ok((csrf, kiriman))
}

/// One figure of a dispute's table.
struct SelSengketa {
    teks: String,
    /// A reading that differs from the saksi's figure here.
    beda: bool,
}

struct BarisSengketa {
    /// "Saksi", "Pembaca", "Putusan".
    peran: String,
    /// The person's name (or the account's username where none).
    sumber: String,
    sel: Vec<SelSengketa>,
    /// The same figures as numbers, for the downloads.
    nilai: Vec<u64>,
    /// What "pakai bacaan ini" sends for this row (`saksi` or a reading's
    /// id); none for an earlier decision.
    pakai: Option<String>,
}

#[derive(Template)]
#[template(path = "sengketa.html")]
struct SengketaPage {
    tps: String,
    desa: String,
    tps_href: String,
    daftar: String,
    action: String,
    action_pakai: String,
    kiriman_id: String,
    csrf: String,
    foto: Vec<String>,
    judul_kolom: Vec<String>,
    baris: Vec<BarisSengketa>,
    /// The figures that differ between the sources, named ("Paslon 02,
    /// Sah"), for the line above the table.
    kolom_beda: Vec<String>,
    tidak_bebas: Option<String>,
    /// Every difference in words, for the downloads' note.
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
    let saksi = nilai_baris(&g.hasil.angka);
    let baris_dari = |peran: String, sumber: String, a: &Angka, pakai: Option<String>| {
        let nilai = nilai_baris(a);
        BarisSengketa {
            peran,
            sumber,
            sel: nilai
                .iter()
                .enumerate()
                .map(|(i, v)| SelSengketa {
                    teks: crate::format::ribuan(*v),
                    beda: saksi.get(i) != Some(v),
                })
                .collect(),
            nilai,
            pakai,
        }
    };
    let mut baris = vec![baris_dari(
        crate::t("sengketa-peran-saksi"),
        g.nama_dari(g.kiriman.pengirim_id, &g.kiriman.pengirim),
        &g.hasil.angka,
        Some("saksi".into()),
    )];
    baris.extend(g.bacaan.iter().map(|b| {
        baris_dari(
            crate::t(if b.putusan {
                "sengketa-peran-putusan"
            } else {
                "sengketa-peran-pembaca"
            }),
            g.nama_dari(b.verifier_id, &b.verifier),
            &b.angka,
            (!b.putusan).then(|| b.id.to_string()),
        )
    }));
    let judul_kolom: Vec<String> = g
        .paslon
        .iter()
        .map(|p| format!("{:02}", p.nomor_urut.get()))
        .chain((g.paslon.len() == 1).then(|| crate::t("baca-suara-kolom-kosong")))
        .chain([crate::t("sengketa-sah"), crate::t("sengketa-tidak-sah")])
        .collect();
    let kolom_beda = judul_kolom
        .iter()
        .enumerate()
        .filter(|(i, _)| baris.iter().any(|b| b.sel.get(*i).is_some_and(|c| c.beda)))
        .map(|(i, j)| {
            if i < g.paslon.len() {
                crate::t1("sengketa-kolom-paslon", "nomor", j.clone())
            } else {
                j.clone()
            }
        })
        .collect();
    let desa = lokasi(s, tps).await?;
    let dasar = format!("/verifikasi/{id}/tps/{}/sengketa", tps.undotted());
    Ok(SengketaPage {
        unduh: crate::ekspor::Tautan::new(&dasar, ""),
        tps: tps.to_string(),
        desa,
        tps_href: format!("/pemilihan/{id}/tps/{}", tps.undotted()),
        daftar: format!("/verifikasi/{id}/sengketa"),
        action_pakai: format!("{dasar}/pakai"),
        action: dasar,
        kiriman_id: g.kiriman.id.to_string(),
        csrf: m.sesi.csrf,
        foto: g
            .kiriman
            .foto
            .iter()
            .map(|h| format!("/pemilihan/{id}/tps/{}/foto/{h}", tps.undotted()))
            .collect(),
        judul_kolom,
        baris,
        kolom_beda,
        tidak_bebas: g.tidak_bebas.clone(),
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
            std::iter::once(Sel::Teks(format!("{}: {}", b.peran, b.sumber)))
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

/// "Pakai bacaan ini": decides the dispute with one row's figures as
/// they stand (a reading's, or the saksi's).
async fn pakai_bacaan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let (csrf, kiriman) = token_dan_kiriman(&form)?;
    if let Some(r) = form_ditolak(&m, csrf, &headers) {
        return Ok(r);
    }
    let sumber = match form.get("sumber").map(String::as_str) {
        Some("saksi") => SumberPutusan::Saksi,
        Some(b) => SumberPutusan::Bacaan(Uuid::parse_str(b).map_err(|_| {
            PageError(
                StatusCode::BAD_REQUEST,
                crate::t("galat-formulir-tidak-lengkap"),
            )
        })?),
        None => {
            return Err(PageError(
                StatusCode::BAD_REQUEST,
                crate::t("galat-formulir-tidak-lengkap"),
            ));
        }
    };
    let ok = s
        .posko
        .pakai_bacaan(&m.pengguna, id, tps, kiriman, sumber)
        .await?;
    Ok(see_other(format!(
        "/verifikasi/{id}/sengketa?tps={}&pesan={}",
        tps.undotted(),
        if ok { "diputus" } else { "usang" }
    )))
}

#[derive(Deserialize)]
struct SengketaQuery {
    wilayah: Option<String>,
    pesan: Option<String>,
    tps: Option<String>,
}

struct PilihanWilayah {
    kode: String,
    label: String,
    dipilih: bool,
}

#[derive(Template)]
#[template(path = "sengketa_daftar.html")]
struct DaftarSengketaPage {
    pemilihan: String,
    antrean: String,
    pesan: Option<String>,
    jumlah: String,
    pilihan: Vec<PilihanWilayah>,
    baris: Vec<Item>,
    unduh: crate::ekspor::Tautan,
}

/// The disputes of an election, filtered to one area (`?wilayah=31.71`),
/// and the areas to filter by (every kab/kota and kecamatan with one).
async fn susun_daftar_sengketa(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    q: &SengketaQuery,
) -> Result<
    (
        Option<posko_domain::KodeWilayah>,
        Vec<PilihanWilayah>,
        Vec<posko_app::FormulirAntre>,
    ),
    PageError,
> {
    let filter = match q.wilayah.as_deref().filter(|w| !w.is_empty()) {
        Some(w) => Some(crate::param::wilayah(w)?),
        None => None,
    };
    let semua = s
        .posko
        .daftar_sengketa(&m.pengguna, id, None, posko_app::BATAS_DAFTAR)
        .await?;
    let mut pilihan: Vec<(posko_domain::KodeWilayah, String, usize)> = Vec::new();
    for f in &semua {
        let d = f.hasil.tps.desa();
        for (k, nama) in [
            (d.at(posko_domain::Tingkat::Kabkota), &f.kabupaten),
            (d.at(posko_domain::Tingkat::Kecamatan), &f.kecamatan),
        ] {
            match pilihan.iter_mut().find(|(kk, _, _)| *kk == k) {
                Some((_, _, n)) => *n += 1,
                None => pilihan.push((k, nama.clone().unwrap_or_else(|| k.to_string()), 1)),
            }
        }
    }
    pilihan.sort_by_key(|(k, _, _)| *k);
    let pilihan = pilihan
        .into_iter()
        .map(|(k, nama, n)| PilihanWilayah {
            kode: k.to_string(),
            label: format!(
                "{}{nama} ({n})",
                if k.tingkat() == posko_domain::Tingkat::Kecamatan {
                    "— "
                } else {
                    ""
                }
            ),
            dipilih: Some(k) == filter,
        })
        .collect();
    let daftar = semua
        .into_iter()
        .filter(|f| filter.is_none_or(|w| w.mencakup(&f.hasil.tps.desa())))
        .collect();
    Ok((filter, pilihan, daftar))
}

async fn daftar_sengketa(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<SengketaQuery>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let v = s.posko.pemilihan_view(id).await?;
    let (filter, pilihan, daftar) = susun_daftar_sengketa(&s, &m, id, &q).await?;
    let now = kini();
    let kueri = filter.map(|w| format!("?wilayah={w}")).unwrap_or_default();
    render(DaftarSengketaPage {
        pemilihan: v.pemilihan.nama,
        antrean: format!("/verifikasi/{id}"),
        pesan: pesan_dari(&PesanQuery {
            pesan: q.pesan.clone(),
            tps: q.tps.clone(),
        }),
        jumlah: crate::t1("verifikasi-jumlah-sengketa", "jumlah", daftar.len()),
        pilihan,
        unduh: crate::ekspor::Tautan::new(&format!("/verifikasi/{id}/sengketa"), &kueri),
        baris: daftar
            .iter()
            .map(|f| {
                let href = format!("/verifikasi/{id}/tps/{}/sengketa", f.hasil.tps.undotted());
                item(&m, id, f, href, now)
            })
            .collect(),
    })
}

/// The disputes list as XLSX or PDF: the page's rows.
async fn daftar_sengketa_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<SengketaQuery>,
    berkas: crate::ekspor::Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let v = s.posko.pemilihan_view(id).await?;
    let (filter, _, daftar) = susun_daftar_sengketa(&s, &m, id, &q).await?;
    let wilayah = filter.unwrap_or(v.pemilihan.wilayah);
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&wilayah));
    t.judul = crate::t1(
        "sengketa-daftar-judul",
        "pemilihan",
        v.pemilihan.nama.clone(),
    );
    t.catatan = vec![crate::t1(
        "verifikasi-jumlah-sengketa",
        "jumlah",
        daftar.len(),
    )];
    t.kolom = vec![
        Kolom::new(crate::t("label-tps-kolom"), J::Kode),
        Kolom::new(crate::t("sengketa-kolom-desa"), J::Teks),
        Kolom::new(crate::t("sengketa-kolom-kecamatan"), J::Teks),
        Kolom::new(crate::t("sengketa-kolom-revisi"), J::Bulat),
        Kolom::new(crate::t("sengketa-kolom-temuan"), J::Bulat),
        Kolom::new(crate::t("sengketa-kolom-menunggu"), J::Teks),
    ];
    let now = kini();
    t.baris = daftar
        .iter()
        .map(|f| {
            let i = item(&m, id, f, String::new(), now);
            vec![
                Sel::Teks(i.tps),
                Sel::Teks(i.desa),
                Sel::Teks(i.kecamatan),
                Sel::Bulat(u64::try_from(i.revisi).unwrap_or(0)),
                Sel::Bulat(u64::from(i.temuan)),
                Sel::Teks(i.umur),
            ]
        })
        .collect();
    crate::ekspor::unduhan(t, berkas, &format!("sengketa-{}", wilayah.undotted())).await
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bahasa::Bahasa;

    #[test]
    fn a_forms_age_reads_as_people_say_it() {
        Bahasa::Id.dalam_sync(|| {
            assert_eq!(umur(-5), "baru saja");
            assert_eq!(umur(59), "baru saja");
            assert_eq!(umur(12 * 60 + 30), "12 menit");
            assert_eq!(umur(2 * 3600 + 5 * 60), "2 jam 5 menit");
            assert_eq!(umur(3 * 86_400 + 60), "3 hari");
        });
        Bahasa::En.dalam_sync(|| {
            assert_eq!(umur(12 * 60), "12 min");
            assert_eq!(umur(86_400), "1 day");
        });
    }
}
