//! Canvassing: the walk list of a TPS on a phone (households per RT, a
//! visit form per household that `posko.js` queues offline), the same list
//! as a printable PDF, and the JSON endpoint phones sync their visits to.

use std::fmt::Write as _;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Json};
use posko_app::{AppError, DaftarJalan};
use posko_domain::kunjungan::SURVEI;
use posko_domain::{
    DataKunjungan, HasilKunjungan, IsianKunjungan, JenisKelamin, KunjunganError, TingkatDukungan,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk, same_origin};
use crate::bahasa::Bahasa;
use crate::error::{ApiError, PageError};
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let di_tps = Izin(posko_domain::Izin::KelolaPendukung, Sasaran::Tps);
    r.add(
        "GET",
        "/jalan/{kode}",
        "/jalan/3171011001001",
        di_tps,
        get(jalan_page),
    )
    .add(
        "GET",
        "/jalan/{kode}/jalan.pdf",
        "/jalan/3171011001001/jalan.pdf",
        di_tps,
        get(jalan_pdf),
    )
    .add(
        "POST",
        "/jalan/{kode}/kunjungan",
        "/jalan/3171011001001/kunjungan",
        di_tps,
        post(kunjungan_form),
    )
    .add(
        "POST",
        "/api/v1/kunjungan",
        "/api/v1/kunjungan",
        Izin(posko_domain::Izin::KelolaPendukung, Sasaran::Manapun),
        post(api_kunjungan),
    )
}

// ------------------------------------------------------------ the page

struct Pilihan {
    nilai: String,
    label: String,
}

struct Soal {
    kode: String,
    teks: String,
    pilihan: Vec<Pilihan>,
}

struct Warga {
    urut: u32,
    nama: String,
    jk: String,
    usia: String,
    pendukung: Option<String>,
    terakhir: Option<String>,
}

struct RumahView {
    no: usize,
    alamat: String,
    warga: Vec<Warga>,
    pendukung: usize,
    dikunjungi: bool,
}

struct BagianView {
    label: String,
    rumah: Vec<RumahView>,
}

struct PendukungLain {
    nama: String,
    alamat: String,
    dukungan: String,
}

#[derive(Template)]
#[template(path = "jalan.html")]
struct JalanPage {
    kode: String,
    kode_polos: String,
    desa: String,
    nomor: String,
    csrf: String,
    rt: Option<u16>,
    semua_rt: Vec<(u16, bool)>,
    /// Every RT was asked for (`?rt=semua`).
    semua: bool,
    dipersempit: Option<String>,
    ringkas: String,
    bagian: Vec<BagianView>,
    pendukung_lain: Vec<PendukungLain>,
    hasil: Vec<Pilihan>,
    dukungan: Vec<Pilihan>,
    survei: Vec<Soal>,
    pesan: Option<String>,
}

#[derive(Deserialize, Default)]
struct JalanQ {
    rt: Option<String>,
    pesan: Option<String>,
}

/// Above this many voters the page opens on its first RT: every household
/// carries its own visit form, and a whole TPS (up to 600 voters) is over
/// half a megabyte for a phone to load.
const PEMILIH_SEHALAMAN: usize = 200;

/// `?rt=`: a number, or `semua` (every RT, however many voters).
fn rt_dari(q: &Option<String>) -> Result<Option<u16>, PageError> {
    match q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("semua") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| {
            PageError(
                StatusCode::BAD_REQUEST,
                crate::t1("jalan-galat-rt", "rt", s),
            )
        }),
    }
}

fn jam(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| {
            let t = t.to_offset(time::UtcOffset::from_hms(7, 0, 0).expect("valid"));
            format!(
                "{:02}-{:02} {:02}.{:02}",
                t.day(),
                u8::from(t.month()),
                t.hour(),
                t.minute()
            )
        })
        .unwrap_or_default()
}

/// A visit's outcome as the page's language says it; the stored code and
/// the printed list keep the domain's Indonesian word.
fn label_hasil(h: HasilKunjungan) -> String {
    crate::t(match h {
        HasilKunjungan::Bertemu => "jalan-hasil-bertemu",
        HasilKunjungan::TidakDiRumah => "jalan-hasil-tidak-di-rumah",
        HasilKunjungan::Menolak => "jalan-hasil-menolak",
        HasilKunjungan::Pindah => "jalan-hasil-pindah",
    })
}

fn label_dukungan(d: TingkatDukungan) -> String {
    crate::t(match d {
        TingkatDukungan::Kuat => "jalan-dukungan-kuat",
        TingkatDukungan::Condong => "jalan-dukungan-condong",
        TingkatDukungan::Ragu => "jalan-dukungan-ragu",
    })
}

/// "RT 003 / RW 005" (the units keep their Indonesian names), or what is
/// known of it.
fn label_bagian(rt: Option<u16>, rw: Option<u16>) -> String {
    let n = |x: Option<u16>| x.map(|v| format!("{v:03}")).unwrap_or_else(|| "?".into());
    match (rt, rw) {
        (None, None) => crate::t("jalan-rt-rw-tidak-tercatat"),
        (rt, rw) => crate::t2("jalan-rt-rw", "rt", n(rt), "rw", n(rw)),
    }
}

/// The answer of a built-in survey question in the page's language, when
/// the election still uses the built-in wording; a campaign's own labels
/// are shown as written.
fn label_jawaban(soal: &str, jawaban: &str, tersimpan: &str) -> String {
    let bawaan = SURVEI
        .iter()
        .find(|q| q.kode == soal)
        .and_then(|q| q.pilihan.iter().find(|(k, _)| *k == jawaban))
        .map(|(_, l)| *l);
    if bawaan != Some(tersimpan) {
        return tersimpan.to_string();
    }
    let id = match (soal, jawaban) {
        ("isu", "ekonomi") => "jalan-isu-ekonomi",
        ("isu", "infrastruktur") => "jalan-isu-infrastruktur",
        ("isu", "kesehatan") => "jalan-isu-kesehatan",
        ("isu", "pendidikan") => "jalan-isu-pendidikan",
        ("isu", "keamanan") => "jalan-isu-keamanan",
        ("isu", "lain") => "jalan-isu-lain",
        ("kenal", "ya") => "jalan-kenal-ya",
        ("kenal", "sedikit") => "jalan-kenal-sedikit",
        ("kenal", "belum") => "jalan-kenal-belum",
        ("datang", "pasti") => "jalan-datang-pasti",
        ("datang", "mungkin") => "jalan-datang-mungkin",
        ("datang", "tidak") => "jalan-datang-tidak",
        _ => return tersimpan.to_string(),
    };
    crate::t(id)
}

fn tampilan(d: &DaftarJalan) -> (Vec<BagianView>, Vec<PendukungLain>) {
    let mut no = 0;
    let bagian = d
        .bagian
        .iter()
        .map(|b| BagianView {
            label: label_bagian(b.rt, b.rw),
            rumah: b
                .rumah
                .iter()
                .map(|r| {
                    no += 1;
                    RumahView {
                        no,
                        alamat: if r.alamat.is_empty() {
                            crate::t("jalan-alamat-tidak-tercatat")
                        } else {
                            r.alamat.clone()
                        },
                        pendukung: r.pendukung(),
                        dikunjungi: !r.belum_dikunjungi(),
                        warga: r
                            .anggota
                            .iter()
                            .map(|a| Warga {
                                urut: a.pemilih.urut,
                                nama: a.pemilih.nama.clone(),
                                jk: crate::t(match a.pemilih.jenis_kelamin {
                                    JenisKelamin::Laki => "jalan-jk-laki",
                                    JenisKelamin::Perempuan => "jalan-jk-perempuan",
                                }),
                                usia: a.pemilih.usia.map(|u| u.to_string()).unwrap_or_else(|| {
                                    a.pemilih
                                        .tanggal_lahir
                                        .map(|l| {
                                            crate::t1("jalan-lahir", "tahun", l.year().to_string())
                                        })
                                        .unwrap_or_default()
                                }),
                                pendukung: a
                                    .pendukung
                                    .map(|i| label_dukungan(d.pendukung[i].dukungan)),
                                terakhir: a.terakhir.map(|k| {
                                    let mut s =
                                        format!("{} {}", label_hasil(k.hasil), jam(k.waktu));
                                    if let Some(du) = k.dukungan {
                                        let _ = write!(s, " · {}", label_dukungan(du));
                                    }
                                    if a.jumlah_kunjungan > 1 {
                                        let _ = write!(
                                            s,
                                            " {}",
                                            crate::t1(
                                                "jalan-kali-dikunjungi",
                                                "jumlah",
                                                a.jumlah_kunjungan
                                            )
                                        );
                                    }
                                    s
                                }),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    let lain = d
        .pendukung_lain
        .iter()
        .map(|p| PendukungLain {
            nama: p.nama.clone(),
            alamat: p.alamat.clone(),
            dukungan: label_dukungan(p.dukungan),
        })
        .collect();
    (bagian, lain)
}

async fn jalan_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    Query(q): Query<JalanQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let tps = crate::param::tps(&kode)?;
    let mut rt = rt_dari(&q.rt)?;
    let mut d = s.posko.daftar_jalan(&m.pengguna, tps, rt).await?;
    let semua = q.rt.as_deref().map(str::trim) == Some("semua");
    let jumlah_tps = d.jumlah_pemilih();
    let mut dipersempit = false;
    if rt.is_none()
        && !semua
        && jumlah_tps > PEMILIH_SEHALAMAN
        && let Some(pertama) = d.bagian.first().map(|b| b.rt)
    {
        d.bagian.retain(|b| b.rt == pertama);
        rt = pertama;
        dipersempit = true;
    }
    let (bagian, pendukung_lain) = tampilan(&d);
    render(JalanPage {
        kode: tps.to_string(),
        kode_polos: tps.undotted(),
        desa: d.desa.clone(),
        nomor: tps.nomor().to_string(),
        csrf: m.sesi.csrf.clone(),
        rt,
        semua_rt: d.semua_rt.iter().map(|n| (*n, rt == Some(*n))).collect(),
        semua,
        dipersempit: dipersempit.then(|| crate::t1("jalan-dipersempit", "jumlah", jumlah_tps)),
        ringkas: crate::tn(
            "jalan-ringkas",
            &[
                ("rumah", &d.jumlah_rumah()),
                ("pemilih", &d.jumlah_pemilih()),
                ("dikunjungi", &d.rumah_dikunjungi()),
            ],
        ),
        bagian,
        pendukung_lain,
        hasil: HasilKunjungan::ALL
            .iter()
            .map(|h| Pilihan {
                nilai: h.slug().into(),
                label: label_hasil(*h),
            })
            .collect(),
        dukungan: TingkatDukungan::ALL
            .iter()
            .map(|t| Pilihan {
                nilai: t.slug().into(),
                label: label_dukungan(*t),
            })
            .collect(),
        // The questions of the TPS's election still asked.
        survei: d
            .survei
            .aktif()
            .map(|q| Soal {
                kode: q.kode.clone(),
                teks: q.teks_dalam(Bahasa::kini() == Bahasa::En).to_string(),
                pilihan: q
                    .pilihan
                    .iter()
                    .map(|p| Pilihan {
                        nilai: p.kode.clone(),
                        label: label_jawaban(&q.kode, &p.kode, &p.label),
                    })
                    .collect(),
            })
            .collect(),
        pesan: q
            .pesan
            .filter(|p| p == "tersimpan")
            .map(|_| crate::t("jalan-tersimpan")),
    })
}

async fn jalan_pdf(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    Query(q): Query<JalanQ>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let tps = crate::param::tps(&kode)?;
    let rt = rt_dari(&q.rt)?;
    let pdf = s.posko.daftar_jalan_pdf(&m.pengguna, tps, rt).await?;
    let nama = match rt {
        Some(r) => format!("daftar-jalan-{}-rt{r:03}.pdf", tps.undotted()),
        None => format!("daftar-jalan-{}.pdf", tps.undotted()),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{nama}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        pdf,
    )
        .into_response())
}

// ------------------------------------------------ logging a visit

/// The visit form posted without the script (the script sends the same
/// fields as JSON to the API instead, and queues them while offline):
/// name/value pairs, the answers as `jawaban.<question code>`.
struct KunjunganForm(Vec<(String, String)>);

impl KunjunganForm {
    fn get(&self, k: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }
}

async fn kunjungan_form(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    headers: HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = KunjunganForm(f);
    // A form without the field is incomplete (422); a wrong token, refused.
    let Some(csrf) = f.get("csrf") else {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("galat-formulir-tidak-lengkap"),
        ));
    };
    if let Some(r) = form_ditolak(&m, csrf, &headers) {
        return Ok(r);
    }
    let tps = crate::param::tps(&kode)?;
    let sekarang = OffsetDateTime::now_utc().unix_timestamp();
    // Without the script the server makes the visit's id.
    let id = f
        .get("id")
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    let tps_teks = tps.undotted();
    let urut = match f.get("urut").map(str::trim) {
        None | Some("") => None,
        Some(u) => Some(u.parse::<i64>().map_err(|_| {
            PageError(
                StatusCode::BAD_REQUEST,
                crate::t1("jalan-galat-urut", "urut", u),
            )
        })?),
    };
    let isian = IsianKunjungan {
        id: Some(&id),
        tps: Some(&tps_teks),
        urut,
        hasil: f.get("hasil"),
        dukungan: f.get("dukungan"),
        jawaban: f
            .0
            .iter()
            .filter_map(|(n, v)| n.strip_prefix("jawaban.").map(|k| (k, v.as_str())))
            .collect(),
        catatan: f.get("catatan"),
        waktu: Some(sekarang),
        lat: None,
        lon: None,
    };
    let d = DataKunjungan::parse(&isian, sekarang)
        .map_err(|e| PageError(StatusCode::BAD_REQUEST, e.to_string()))?;
    s.posko.catat_kunjungan(&m.pengguna, vec![d]).await?;
    let mut ke = format!("/jalan/{}?pesan=tersimpan", tps.undotted());
    if let Some(rt) = f.get("rt").and_then(|r| r.trim().parse::<u16>().ok()) {
        let _ = write!(ke, "&rt={rt}");
    }
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, ke)]).into_response())
}

#[derive(Deserialize)]
struct SinkronBody {
    kunjungan: Vec<serde_json::Value>,
}

/// A refused sync: what and where, so the phone can show it and drop the
/// visit at fault.
#[derive(Serialize)]
struct GalatSinkron {
    error: String,
    /// The field at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    kolom: Option<&'static str>,
    /// 0-based position of the visit at fault in the batch.
    #[serde(skip_serializing_if = "Option::is_none")]
    indeks: Option<usize>,
}

fn tolak(
    status: StatusCode,
    error: String,
    kolom: Option<&'static str>,
    indeks: Option<usize>,
) -> Response {
    (
        status,
        Json(GalatSinkron {
            error,
            kolom,
            indeks,
        }),
    )
        .into_response()
}

/// One visit of the JSON batch, read field by field so a wrong type is
/// named like a missing one.
fn isian_dari(v: &serde_json::Value) -> Result<IsianKunjungan<'_>, (&'static str, String)> {
    let kolom_teks = |k: &'static str| -> Result<Option<&str>, (&'static str, String)> {
        match v.get(k) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err((k, format!("kolom {k}: harus berupa teks"))),
        }
    };
    let angka = |k: &'static str| -> Result<Option<i64>, (&'static str, String)> {
        match v.get(k) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| (k, format!("kolom {k}: harus bilangan bulat"))),
            Some(serde_json::Value::String(s)) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| (k, format!("kolom {k} '{s}': bukan angka"))),
            Some(_) => Err((k, format!("kolom {k}: harus berupa angka"))),
        }
    };
    // Coordinates, sent only when the relawan agreed to share them.
    let desimal = |k: &'static str| -> Result<Option<f64>, (&'static str, String)> {
        match v.get(k) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::Number(n)) => Ok(n.as_f64()),
            Some(_) => Err((k, format!("kolom {k}: harus berupa angka derajat"))),
        }
    };
    if !v.is_object() {
        return Err((
            "kunjungan",
            "setiap kunjungan harus berupa objek JSON".into(),
        ));
    }
    let jawaban = match v.get("jawaban") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::Object(m)) => m
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => Ok((k.as_str(), s.as_str())),
                serde_json::Value::Null => Ok((k.as_str(), "")),
                _ => Err(("jawaban", format!("kolom jawaban.{k}: harus berupa teks"))),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err((
                "jawaban",
                "kolom jawaban: harus berupa objek, mis. {\"isu\": \"ekonomi\"}".into(),
            ));
        }
    };
    Ok(IsianKunjungan {
        id: kolom_teks("id")?,
        tps: kolom_teks("tps")?,
        urut: angka("urut")?,
        hasil: kolom_teks("hasil")?,
        dukungan: kolom_teks("dukungan")?,
        jawaban,
        catatan: kolom_teks("catatan")?,
        waktu: angka("waktu")?,
        lat: desimal("lat")?,
        lon: desimal("lon")?,
    })
}

/// Phones send the visits they logged (offline or not) in batches of up
/// to 500. The batch is checked whole: a bad visit refuses the batch with
/// 400 naming the visit and the field, a visit outside the relawan's
/// territory with 403, and nothing is stored. A visit already stored (the
/// same id) is acknowledged again, never stored twice.
#[utoipa::path(
    post, path = "/api/v1/kunjungan",
    request_body(content = serde_json::Value, description = "{\"kunjungan\": [{\"id\": \"<uuid dari ponsel>\", \"tps\": \"3171011001001\", \"urut\": 12, \"hasil\": \"bertemu|tidak_di_rumah|menolak|pindah\", \"dukungan\": \"kuat|condong|ragu\", \"jawaban\": {\"isu\": \"ekonomi\", \"kenal\": \"ya\", \"datang\": \"pasti\"}, \"catatan\": \"…\", \"waktu\": 1764460800, \"lat\": -6.1754, \"lon\": 106.8272}]} (lat/lon: opsional, hanya dengan persetujuan; dipakai untuk pemeriksaan mutu data lapangan, tidak disimpan)"),
    responses((status = 200, description = "{\"diterima\": [ids], \"baru\": n, \"sudah_ada\": n}"), (status = 400, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_kunjungan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m =
        p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))?;
    if !same_origin(&headers) {
        return Err(ApiError(
            StatusCode::FORBIDDEN,
            "permintaan dari situs lain ditolak".into(),
        ));
    }
    let b: SinkronBody = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => {
            return Ok(tolak(
                StatusCode::BAD_REQUEST,
                format!("isi permintaan harus {{\"kunjungan\": [...]}}: {e}"),
                Some("kunjungan"),
                None,
            ));
        }
    };
    let sekarang = OffsetDateTime::now_utc().unix_timestamp();
    let mut data = Vec::with_capacity(b.kunjungan.len());
    for (i, v) in b.kunjungan.iter().enumerate() {
        let parsed = isian_dari(v).and_then(|isian| {
            DataKunjungan::parse(&isian, sekarang)
                .map_err(|e: KunjunganError| (e.kolom(), e.to_string()))
        });
        match parsed {
            Ok(d) => data.push(d),
            Err((kolom, pesan)) => {
                return Ok(tolak(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "kunjungan ke-{}: {pesan}; tidak ada kunjungan yang disimpan",
                        i + 1
                    ),
                    Some(kolom),
                    Some(i),
                ));
            }
        }
    }
    match s.posko.catat_kunjungan(&m.pengguna, data).await {
        Ok(h) => Ok((StatusCode::OK, Json(h)).into_response()),
        Err(AppError::Invalid(e)) => Ok(tolak(StatusCode::BAD_REQUEST, e, None, None)),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids picked by a `match` escape the catalogue tests' scan for
    /// literal calls, so each is looked up here, in both languages.
    #[tokio::test]
    async fn labels_named_by_match_exist_in_both_languages() {
        for b in Bahasa::SEMUA {
            let semua = b
                .dalam(async {
                    let mut v: Vec<String> = HasilKunjungan::ALL.map(label_hasil).to_vec();
                    v.extend(TingkatDukungan::ALL.map(label_dukungan));
                    for q in SURVEI {
                        for (k, l) in q.pilihan {
                            v.push(label_jawaban(q.kode, k, l));
                        }
                    }
                    v.push(label_bagian(None, None));
                    v.push(label_bagian(Some(3), None));
                    v
                })
                .await;
            for s in &semua {
                assert!(
                    !s.starts_with("jalan-"),
                    "{b:?}: {s} is not in the catalogue"
                );
            }
        }
        let en = |soal: &'static str, jawaban: &'static str, label: &'static str| {
            Bahasa::En.dalam(async move { label_jawaban(soal, jawaban, label) })
        };
        assert_eq!(
            en("isu", "ekonomi", "harga & pekerjaan").await,
            "prices & jobs"
        );
        assert_eq!(
            en("isu", "ekonomi", "Harga sembako").await,
            "Harga sembako",
            "a campaign's own wording is shown as written"
        );
        assert_eq!(
            Bahasa::Id
                .dalam(async { label_bagian(Some(3), Some(5)) })
                .await,
            "RT 003 / RW 005"
        );
    }
}
