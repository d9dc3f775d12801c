//! The surveys' pages and their JSON API.

use std::collections::BTreeMap;

use askama::Template;
use axum::Json;
use posko_app::lapangan::survei::{HasilOpsi, HasilWawancara};
use posko_app::lapangan::{Tersimpan, Wawancara};
use posko_domain::survei::{KELOMPOK_UMUR, N_EFEKTIF_MIN};
use serde::Serialize;
use utoipa::ToSchema;

use super::*;
use crate::error::ApiError;

#[derive(Template)]
#[template(path = "lapangan_survei.html")]
struct HalamanDaftar {
    judul: String,
    dasar: String,
    csrf: String,
    /// (href, title, sample size, drawn, interviews done)
    survei: Vec<(String, String, u32, bool, usize)>,
    boleh_buat: bool,
}

pub(crate) async fn daftar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            id,
            &[
                posko_storage::JenisLapangan::Survei,
                posko_storage::JenisLapangan::Wawancara,
            ],
        )
        .await?;
    let d = dasar(&r);
    let boleh_buat = posko_domain::diizinkan(
        &m.pengguna.penugasan,
        I::KelolaLapangan,
        &posko_domain::Objek::Wilayah(r.pemilihan.wilayah),
    );
    let survei = r
        .survei
        .iter()
        .map(|x| {
            let href = if boleh_buat {
                format!("{d}/survei/{}", x.id)
            } else {
                format!("{d}/survei/{}/wawancara", x.id)
            };
            let selesai = r
                .wawancara
                .iter()
                .filter(|w| w.isi.survei == x.id && w.isi.hasil == HasilWawancara::Selesai)
                .count();
            (
                href,
                x.isi.judul.clone(),
                x.isi.ukuran,
                x.isi.tarikan.is_some(),
                selesai,
            )
        })
        .collect();
    render(HalamanDaftar {
        judul: crate::t1(
            "lapangan-survei-judul",
            "pemilihan",
            r.pemilihan.nama.clone(),
        ),
        dasar: d,
        csrf: m.sesi.csrf.clone(),
        survei,
        boleh_buat,
    })
}

struct BarisOpsi {
    label: String,
    bagian: String,
    margin: String,
    mentah: String,
    lebar: u32,
}

fn baris_opsi(o: &[HasilOpsi]) -> Vec<BarisOpsi> {
    o.iter()
        .map(|o| BarisOpsi {
            label: o.label.clone(),
            bagian: persen(o.bagian.bagian),
            margin: format!("± {}", persen(o.bagian.margin)),
            mentah: persen(o.bagian.mentah),
            lebar: (o.bagian.bagian * 100.0).round().clamp(0.0, 100.0) as u32,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "lapangan_survei_satu.html")]
struct HalamanSatu {
    judul: String,
    href: String,
    dasar: String,
    csrf: String,
    ukuran: u32,
    /// (code, text, options)
    pertanyaan: Vec<(String, String, String)>,
    /// Nobody interviewed yet: the questions may still be made again.
    boleh_perbarui: bool,
    ditarik: bool,
    benih: String,
    kerangka: String,
    tanpa_umur: u64,
    sidik: String,
    saran_benih: String,
    pewawancara: Vec<(String, String)>,
    orang: Vec<(String, String)>,
    sampel: usize,
    selesai: usize,
    tidak_ditemui: usize,
    menolak: usize,
    galat: Option<String>,
    deff: String,
    n_efektif: String,
    iterasi: String,
    digabung: usize,
    /// (question, rows)
    hasil: Vec<(String, Vec<BarisOpsi>)>,
    /// (area, n, rows or "n too small")
    wilayah: Vec<(String, usize, Option<Vec<BarisOpsi>>)>,
    n_min: String,
    margin: Vec<(String, String)>,
}

pub(crate) async fn satu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, survei)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let sid = survei_id(&survei)?;
    let (sv, h) = s.posko.hasil_survei(&m.pengguna, id, sid).await?;
    let inggris = crate::bahasa::kode() == "en";
    let d = format!("/pemilihan/{id}/lapangan");
    let t = sv.isi.tarikan.as_ref();
    let mut kode: Vec<posko_domain::KodeWilayah> = h.wilayah.iter().map(|w| w.wilayah).collect();
    kode.extend(sv.isi.pewawancara.iter().map(|w| w.wilayah));
    let nama = s.posko.nama_wilayah_banyak(&kode).await?;
    let nama_w =
        |k: &posko_domain::KodeWilayah| nama.get(k).cloned().unwrap_or_else(|| k.to_string());
    let orang = s
        .posko
        .orang_lapangan(&m.pengguna, id, I::KerjaLapangan)
        .await?;
    let nama_orang: std::collections::HashMap<Uuid, String> = orang.iter().cloned().collect();
    let tb = h.timbangan.as_ref();
    let margin = t
        .map(|t| {
            let mut v = vec![
                (
                    crate::t("lapangan-survei-laki"),
                    crate::format::ribuan(t.margin.jk[0] as u64),
                ),
                (
                    crate::t("lapangan-survei-perempuan"),
                    crate::format::ribuan(t.margin.jk[1] as u64),
                ),
            ];
            for (i, k) in KELOMPOK_UMUR.iter().enumerate() {
                v.push((
                    crate::t1("lapangan-survei-umur", "kelompok", k.to_string()),
                    crate::format::ribuan(t.margin.umur[i] as u64),
                ));
            }
            v
        })
        .unwrap_or_default();
    render(HalamanSatu {
        judul: sv.isi.judul.clone(),
        href: format!("{d}/survei/{sid}"),
        dasar: d,
        csrf: m.sesi.csrf.clone(),
        ukuran: sv.isi.ukuran,
        pertanyaan: sv
            .isi
            .aktif()
            .map(|q| {
                (
                    q.kode.clone(),
                    q.teks_dalam(inggris).to_string(),
                    q.pilihan
                        .iter()
                        .map(|o| o.label.as_str())
                        .collect::<Vec<_>>()
                        .join(" · "),
                )
            })
            .collect(),
        ditarik: t.is_some(),
        benih: t.map(|t| t.benih.to_string()).unwrap_or_default(),
        kerangka: t
            .map(|t| crate::format::ribuan(t.kerangka))
            .unwrap_or_default(),
        tanpa_umur: t.map_or(0, |t| t.tanpa_umur),
        sidik: t.map(|t| t.sidik_kerangka.clone()).unwrap_or_default(),
        saran_benih: (time::OffsetDateTime::now_utc().unix_timestamp_nanos() as u64
            % 1_000_000_000)
            .to_string(),
        pewawancara: sv
            .isi
            .pewawancara
            .iter()
            .map(|w| {
                (
                    nama_orang
                        .get(&w.pengguna)
                        .cloned()
                        .unwrap_or_else(|| w.pengguna.to_string()[..8].to_string()),
                    nama_w(&w.wilayah),
                )
            })
            .collect(),
        orang: orang.into_iter().map(|(i, n)| (i.to_string(), n)).collect(),
        sampel: h.sampel,
        boleh_perbarui: h.selesai + h.tidak_ditemui + h.menolak == 0,
        selesai: h.selesai,
        tidak_ditemui: h.tidak_ditemui,
        menolak: h.menolak,
        galat: h.galat.clone(),
        deff: tb
            .map(|t| crate::format::angka_porsi(t.deff / 100.0).replace(" %", ""))
            .unwrap_or_default(),
        n_efektif: tb
            .map(|t| crate::format::ribuan(t.n_efektif.round() as u64))
            .unwrap_or_default(),
        iterasi: tb
            .map(|t| format!("{} / {}", t.raking.iterasi, t.raking.putaran_pangkas))
            .unwrap_or_default(),
        digabung: tb.map_or(0, |t| t.digabung.len()),
        hasil: h
            .pertanyaan
            .iter()
            .map(|q| {
                (
                    q.pertanyaan.teks_dalam(inggris).to_string(),
                    baris_opsi(&q.opsi),
                )
            })
            .collect(),
        wilayah: h
            .wilayah
            .iter()
            .map(|w| (nama_w(&w.wilayah), w.n, w.opsi.as_deref().map(baris_opsi)))
            .collect(),
        n_min: format!("{:.0}", N_EFEKTIF_MIN.ceil()),
        margin,
    })
}

/// A question as the form asks it: (code, text, options (code, label)).
type SoalIsian = (String, String, Vec<(String, String)>);

#[derive(Template)]
#[template(path = "lapangan_wawancara.html")]
struct HalamanWawancara {
    judul: String,
    aksi: String,
    kembali: String,
    csrf: String,
    /// (value "TPS/number", label, status)
    responden: Vec<(String, String, String)>,
    belum: usize,
    /// (code, text, options (code, label))
    pertanyaan: Vec<SoalIsian>,
    pesan: Option<String>,
    galat: Option<String>,
}

async fn halaman_wawancara(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
    sid: Uuid,
    pesan: Option<String>,
    galat: Option<String>,
) -> Result<HalamanWawancara, PageError> {
    let daftar = s.posko.daftar_survei(&m.pengguna, id).await?;
    let sv = daftar
        .iter()
        .find(|x| x.id == sid)
        .ok_or_else(|| PageError(StatusCode::NOT_FOUND, crate::t("lapangan-tidak-ada")))?;
    let responden = s.posko.responden_saya(&m.pengguna, id, sid).await?;
    let inggris = crate::bahasa::kode() == "en";
    let d = format!("/pemilihan/{id}/lapangan");
    Ok(HalamanWawancara {
        judul: sv.isi.judul.clone(),
        aksi: format!("{d}/survei/{sid}/wawancara"),
        kembali: format!("{d}/survei"),
        csrf: m.sesi.csrf.clone(),
        belum: responden.iter().filter(|r| r.hasil.is_none()).count(),
        responden: responden
            .iter()
            .map(|r| {
                (
                    format!("{}/{}", r.tps, r.urut),
                    format!("{} · {} · TPS {} no. {}", r.nama, r.alamat, r.tps, r.urut),
                    match r.hasil {
                        None => crate::t("lapangan-survei-belum"),
                        Some(h) => crate::t(&format!(
                            "lapangan-survei-hasil-{}",
                            h.slug().replace('_', "-")
                        )),
                    },
                )
            })
            .collect(),
        pertanyaan: sv
            .isi
            .aktif()
            .map(|q| {
                (
                    q.kode.clone(),
                    q.teks_dalam(inggris).to_string(),
                    q.pilihan
                        .iter()
                        .map(|o| (o.kode.clone(), o.label.clone()))
                        .collect(),
                )
            })
            .collect(),
        pesan,
        galat,
    })
}

pub(crate) async fn wawancara(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, survei)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let sid = survei_id(&survei)?;
    render(halaman_wawancara(&s, &m, id, sid, None, None).await?)
}

fn wawancara_dari(
    responden: &str,
    hasil: &str,
    jawaban: BTreeMap<String, String>,
    waktu: Option<i64>,
) -> Result<Wawancara, posko_app::AppError> {
    let (tps, urut) = responden
        .trim()
        .split_once('/')
        .ok_or_else(|| galat("pilih respondennya".into()))?;
    let tps = posko_domain::KodeTps::parse(tps).map_err(|e| galat(format!("responden: {e}")))?;
    let urut: u32 = urut
        .parse()
        .map_err(|_| galat(format!("nomor pemilih '{urut}' bukan bilangan")))?;
    let hasil = HasilWawancara::parse(hasil).ok_or_else(|| {
        galat(format!(
            "hasil '{hasil}' tidak dikenal (selesai, tidak_ditemui, menolak)"
        ))
    })?;
    Ok(Wawancara {
        survei: Uuid::nil(),
        tps,
        urut,
        hasil,
        jawaban,
        pewawancara: Uuid::nil(),
        waktu: waktu.unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp()),
    })
}

/// An interview from the form (perhaps from the phone's queue): the page
/// again with what happened; 422 with the reason when refused.
pub(crate) async fn wawancara_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, survei)): Path<(String, String)>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let ambil = |k: &str| {
        f.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let Some(csrf) = f.iter().find(|(n, _)| n == "csrf").map(|(_, v)| v.clone()) else {
        return Ok((
            StatusCode::BAD_REQUEST,
            crate::t("galat-formulir-tanpa-token"),
        )
            .into_response());
    };
    if let Some(r) = form_ditolak(&m, &csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let sid = survei_id(&survei)?;
    let jawaban: BTreeMap<String, String> = f
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("q_")
                .filter(|_| !v.trim().is_empty())
                .map(|k| (k.to_string(), v.trim().to_string()))
        })
        .collect();
    let waktu = ambil("waktu").trim().parse().ok();
    let hasil = match wawancara_dari(&ambil("responden"), &ambil("hasil"), jawaban, waktu) {
        Ok(w) => s.posko.catat_wawancara(&m.pengguna, id, sid, w).await,
        Err(e) => Err(e),
    };
    match hasil {
        Ok(baru) => {
            let pesan = crate::t(if baru {
                "lapangan-survei-tercatat"
            } else {
                "lapangan-survei-sudah"
            });
            Ok(
                render(halaman_wawancara(&s, &m, id, sid, Some(pesan), None).await?)?
                    .into_response(),
            )
        }
        Err(posko_app::AppError::Invalid(g)) => {
            let h = render(halaman_wawancara(&s, &m, id, sid, None, Some(g)).await?)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, h).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// One answer's weighted share.
#[derive(Serialize, ToSchema)]
pub struct OpsiDto {
    pub kode: String,
    pub label: String,
    /// Weighted share, 0 to 1.
    pub bagian: f64,
    /// 95 % margin, `1.96 √(deff · p(1−p) / n)`.
    pub margin: f64,
    /// Unweighted share.
    pub mentah: f64,
}

/// One question's results.
#[derive(Serialize, ToSchema)]
pub struct PertanyaanHasilDto {
    pub kode: String,
    pub opsi: Vec<OpsiDto>,
}

/// The vote choice in one kecamatan; `opsi` null when n is too small.
#[derive(Serialize, ToSchema)]
pub struct WilayahHasilDto {
    pub wilayah: String,
    pub n: usize,
    pub opsi: Option<Vec<OpsiDto>>,
}

/// A survey's weighted results.
#[derive(Serialize, ToSchema)]
pub struct HasilSurveiDto {
    pub sampel: usize,
    pub selesai: usize,
    pub tidak_ditemui: usize,
    pub menolak: usize,
    pub benih: Option<u64>,
    pub sidik_kerangka: Option<String>,
    pub deff: Option<f64>,
    pub n_efektif: Option<f64>,
    pub galat: Option<String>,
    pub pertanyaan: Vec<PertanyaanHasilDto>,
    pub wilayah: Vec<WilayahHasilDto>,
}

fn opsi_dto(o: &[HasilOpsi]) -> Vec<OpsiDto> {
    o.iter()
        .map(|o| OpsiDto {
            kode: o.kode.clone(),
            label: o.label.clone(),
            bagian: o.bagian.bagian,
            margin: o.bagian.margin,
            mentah: o.bagian.mentah,
        })
        .collect()
}

/// A survey's results, weighted to the DPT's margins.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/lapangan/survei/{survei}/hasil",
    params(("id" = String, Path, description = "Id pemilihan"), ("survei" = String, Path, description = "Id survei")),
    responses((status = 200, body = HasilSurveiDto), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_hasil(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, survei)): Path<(String, String)>,
) -> Result<Json<HasilSurveiDto>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let sid = survei_id(&survei)?;
    let (sv, h): (Tersimpan<_>, _) = s.posko.hasil_survei(&m.pengguna, id, sid).await?;
    let t = sv.isi.tarikan.as_ref();
    Ok(Json(HasilSurveiDto {
        sampel: h.sampel,
        selesai: h.selesai,
        tidak_ditemui: h.tidak_ditemui,
        menolak: h.menolak,
        benih: t.map(|t| t.benih),
        sidik_kerangka: t.map(|t| t.sidik_kerangka.clone()),
        deff: h.timbangan.as_ref().map(|t| t.deff),
        n_efektif: h.timbangan.as_ref().map(|t| t.n_efektif),
        galat: h.galat.clone(),
        pertanyaan: h
            .pertanyaan
            .iter()
            .map(|q| PertanyaanHasilDto {
                kode: q.pertanyaan.kode.clone(),
                opsi: opsi_dto(&q.opsi),
            })
            .collect(),
        wilayah: h
            .wilayah
            .iter()
            .map(|w| WilayahHasilDto {
                wilayah: w.wilayah.to_string(),
                n: w.n,
                opsi: w.opsi.as_deref().map(opsi_dto),
            })
            .collect(),
    }))
}

/// One interview from a phone.
#[derive(Deserialize, ToSchema)]
pub struct WawancaraDto {
    /// The respondent's TPS code.
    pub tps: String,
    /// Their number in the TPS's DPT.
    pub urut: u32,
    /// selesai, tidak_ditemui or menolak.
    pub hasil: String,
    /// Question code → answer code (every question when `selesai`).
    #[serde(default)]
    pub jawaban: BTreeMap<String, String>,
    /// Unix seconds by the phone; now when left out.
    #[serde(default)]
    pub waktu: Option<i64>,
}

/// Records an interview (once per respondent: sent again, `baru: false`).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/lapangan/survei/{survei}/wawancara",
    params(("id" = String, Path, description = "Id pemilihan"), ("survei" = String, Path, description = "Id survei")),
    request_body = WawancaraDto,
    responses((status = 200, description = "{\"baru\": true}"), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_wawancara(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, survei)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let sid = survei_id(&survei)?;
    let f: WawancaraDto = crate::param::json_body(&body, "wawancara tidak sah")?;
    let w = wawancara_dari(
        &format!("{}/{}", f.tps, f.urut),
        &f.hasil,
        f.jawaban,
        f.waktu,
    )?;
    let baru = s.posko.catat_wawancara(&m.pengguna, id, sid, w).await?;
    Ok(Json(serde_json::json!({ "baru": baru })).into_response())
}
