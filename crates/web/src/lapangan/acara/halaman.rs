//! The events' pages: the calendar, one event, the door, the invited
//! person's own page, and the JSON API.

use askama::Template;
use axum::Json;
use axum::extract::Query;
use posko_app::lapangan::acara::Rsvp;
use serde::Serialize;
use utoipa::ToSchema;

use super::*;
use crate::error::ApiError;

#[derive(Deserialize)]
pub(crate) struct SaringKalender {
    /// An area's code: only its events.
    #[serde(default)]
    wilayah: String,
    /// `semua`: past events too.
    #[serde(default)]
    lalu: String,
}

struct BarisAcara {
    href: String,
    judul: String,
    jenis: String,
    jam: String,
    tempat: String,
    hadir: usize,
    batal: bool,
}

#[derive(Template)]
#[template(path = "lapangan_acara.html")]
struct HalamanKalender {
    judul: String,
    dasar: String,
    csrf: String,
    /// (day, events of the day)
    hari: Vec<(String, Vec<BarisAcara>)>,
    wilayah: String,
    nama_wilayah: String,
    lalu: bool,
    /// The map of the area, when its boundaries are loaded.
    peta: String,
    boleh_buat: bool,
    jenis: Vec<(String, String)>,
    orang: Vec<(String, String)>,
    masa: String,
    mulai: String,
    akhir: String,
}

pub(crate) async fn kalender(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<SaringKalender>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            id,
            &[
                posko_storage::JenisLapangan::Acara,
                posko_storage::JenisLapangan::Hadir,
            ],
        )
        .await?;
    let wilayah = match q.wilayah.trim() {
        "" => None,
        w => Some(crate::param::wilayah(w)?),
    };
    let lalu = q.lalu == "semua";
    let mut acara: Vec<&Tersimpan<Acara>> = r
        .acara
        .iter()
        .filter(|a| wilayah.is_none_or(|w| w.mencakup(&a.isi.desa)))
        .filter(|a| lalu || a.isi.tanggal >= r.hari_ini)
        .collect();
    acara.sort_by_key(|a| (a.isi.tanggal, a.isi.jam, a.id));
    let desa: Vec<_> = acara.iter().map(|a| a.isi.desa).collect();
    let nama = s.posko.nama_wilayah_banyak(&desa).await?;
    let mut hari: Vec<(String, Vec<BarisAcara>)> = Vec::new();
    let d = dasar(&r);
    for a in acara {
        let label = crate::format::tanggal(a.isi.tanggal);
        let baris = BarisAcara {
            href: format!("{d}/acara/{}", a.id),
            judul: a.isi.judul.clone(),
            jenis: nama_jenis(a.isi.jenis),
            jam: format!(
                "{:02}.{:02} {}",
                a.isi.jam.hour(),
                a.isi.jam.minute(),
                a.isi.zona().singkatan()
            ),
            tempat: nama
                .get(&a.isi.desa)
                .cloned()
                .unwrap_or_else(|| a.isi.desa.to_string()),
            hadir: r.hadir_di(a.id).len(),
            batal: a.isi.batal.is_some(),
        };
        match hari.last_mut() {
            Some((l, v)) if *l == label => v.push(baris),
            _ => hari.push((label, vec![baris])),
        }
    }
    let boleh_buat = boleh(&m, &r, I::KelolaLapangan);
    let orang = if boleh_buat {
        s.posko
            .orang_lapangan(&m.pengguna, id, I::KelolaLapangan)
            .await?
            .into_iter()
            .map(|(i, n)| (i.to_string(), n))
            .collect()
    } else {
        Vec::new()
    };
    let nama_wilayah = match wilayah {
        Some(w) => s
            .posko
            .nama_wilayah_banyak(&[w])
            .await?
            .remove(&w)
            .unwrap_or_else(|| w.to_string()),
        None => String::new(),
    };
    let peta = super::peta::gambar(&s, &r, wilayah).await?;
    render(HalamanKalender {
        judul: crate::t1(
            "lapangan-acara-judul",
            "pemilihan",
            r.pemilihan.nama.clone(),
        ),
        csrf: m.sesi.csrf.clone(),
        hari,
        wilayah: wilayah.map(|w| w.to_string()).unwrap_or_default(),
        nama_wilayah,
        lalu,
        peta,
        boleh_buat,
        jenis: JenisAcara::ALL
            .iter()
            .map(|j| (j.slug().to_string(), nama_jenis(*j)))
            .collect(),
        orang,
        masa: format!(
            "{} – {}",
            crate::format::tanggal(r.masa.mulai),
            crate::format::tanggal(r.masa.akhir)
        ),
        mulai: r.masa.mulai.to_string(),
        akhir: r.masa.akhir.to_string(),
        dasar: d,
    })
}

struct BarisUndangan {
    nama: String,
    jawaban: String,
    tautan: String,
    hadir: bool,
}

#[derive(Template)]
#[template(path = "lapangan_acara_satu.html")]
struct HalamanSatu {
    judul: String,
    dasar: String,
    href: String,
    csrf: String,
    jenis: String,
    kapan: String,
    tempat: String,
    alamat: String,
    lokasi: Option<String>,
    penanggung_jawab: String,
    perkiraan: u32,
    batal: Option<String>,
    hadir: Vec<(String, String, String)>,
    rsvp_ya: usize,
    rsvp_tidak: usize,
    rsvp_belum: usize,
    undangan: Vec<BarisUndangan>,
    diundang: Option<usize>,
    boleh_kelola: bool,
    foto: Vec<String>,
    /// The event's spending, for those who may read the ledger.
    belanja: Option<crate::dana::BelanjaAcara>,
    /// No photo, and no linked spending this reader may see.
    laporan_kosong: bool,
}

#[derive(Deserialize)]
pub(crate) struct QSatu {
    #[serde(default)]
    diundang: Option<usize>,
}

pub(crate) async fn satu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, acara)): Path<(String, String)>,
    Query(q): Query<QSatu>,
    headers: HeaderMap,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let aid = acara_id(&acara)?;
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            id,
            &[
                posko_storage::JenisLapangan::Acara,
                posko_storage::JenisLapangan::Undangan,
                posko_storage::JenisLapangan::Hadir,
            ],
        )
        .await?;
    let a = cari(&r, aid)?;
    let boleh_kelola = posko_domain::diizinkan(
        &m.pengguna.penugasan,
        I::KelolaLapangan,
        &posko_domain::Objek::Wilayah(a.isi.desa),
    );
    let tempat = s
        .posko
        .nama_wilayah_banyak(&[a.isi.desa])
        .await?
        .remove(&a.isi.desa)
        .unwrap_or_else(|| a.isi.desa.to_string());
    let asal = crate::relawan::asal(&headers);
    let hadir_undangan: std::collections::HashSet<Uuid> = r
        .hadir_di(aid)
        .iter()
        .filter_map(|h| h.isi.undangan)
        .collect();
    let undangan_semua = r.undangan_di(aid);
    let mut undangan: Vec<BarisUndangan> = undangan_semua
        .iter()
        .map(|u| BarisUndangan {
            nama: u.isi.nama.clone(),
            jawaban: match u.isi.jawaban {
                Some(Rsvp::Hadir) => crate::t("lapangan-rsvp-hadir"),
                Some(Rsvp::TidakHadir) => crate::t("lapangan-rsvp-tidak"),
                None => crate::t("lapangan-rsvp-belum"),
            },
            // Personal links only for those who plan the event: a link
            // answers for its holder.
            tautan: if boleh_kelola {
                format!("{asal}/undangan/{id}/{}/{}", u.id, u.isi.kode)
            } else {
                String::new()
            },
            hadir: hadir_undangan.contains(&u.id),
        })
        .collect();
    undangan.sort_by(|a, b| a.nama.cmp(&b.nama));
    let d = dasar(&r);
    let mut hadir: Vec<(String, String, String)> = r
        .hadir_di(aid)
        .iter()
        .map(|h| {
            (
                h.isi.nama.clone(),
                crate::format::jam(h.isi.waktu, a.isi.zona()),
                r.nama(h.isi.dicatat_oleh),
            )
        })
        .collect();
    hadir.sort();
    let belanja = crate::dana::belanja_acara(&s, &m, id, a.isi.tanggal, &a.isi.entri_dana).await?;
    render(HalamanSatu {
        judul: a.isi.judul.clone(),
        href: format!("{d}/acara/{aid}"),
        csrf: m.sesi.csrf.clone(),
        jenis: nama_jenis(a.isi.jenis),
        kapan: kapan(&a.isi),
        tempat,
        alamat: a.isi.alamat.clone(),
        lokasi: a.isi.lokasi.map(|(lat, lng)| format!("{lat:.5},{lng:.5}")),
        penanggung_jawab: r.nama(a.isi.penanggung_jawab),
        perkiraan: a.isi.perkiraan_hadir,
        batal: a.isi.batal.clone(),
        rsvp_ya: undangan_semua
            .iter()
            .filter(|u| u.isi.jawaban == Some(Rsvp::Hadir))
            .count(),
        rsvp_tidak: undangan_semua
            .iter()
            .filter(|u| u.isi.jawaban == Some(Rsvp::TidakHadir))
            .count(),
        rsvp_belum: undangan_semua
            .iter()
            .filter(|u| u.isi.jawaban.is_none())
            .count(),
        hadir,
        undangan,
        diundang: q.diundang,
        boleh_kelola,
        foto: a.isi.foto.clone(),
        laporan_kosong: a.isi.foto.is_empty()
            && belanja.as_ref().is_none_or(|b| b.tertaut.is_empty()),
        belanja,
        dasar: d,
    })
}

#[derive(Template)]
#[template(path = "lapangan_pintu.html")]
struct HalamanPintu {
    judul: String,
    kapan: String,
    aksi: String,
    kembali: String,
    csrf: String,
    hadir: usize,
    diundang: usize,
    /// What the last check-in answered.
    pesan: Option<String>,
    galat: Option<String>,
}

async fn halaman_pintu(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
    aid: Uuid,
    pesan: Option<String>,
    galat: Option<String>,
) -> Result<HalamanPintu, PageError> {
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            id,
            &[
                posko_storage::JenisLapangan::Acara,
                posko_storage::JenisLapangan::Undangan,
                posko_storage::JenisLapangan::Hadir,
            ],
        )
        .await?;
    let a = cari(&r, aid)?;
    let d = dasar(&r);
    Ok(HalamanPintu {
        judul: a.isi.judul.clone(),
        kapan: kapan(&a.isi),
        aksi: format!("{d}/acara/{aid}/hadir"),
        kembali: format!("{d}/acara/{aid}"),
        csrf: m.sesi.csrf.clone(),
        hadir: r.hadir_di(aid).len(),
        diundang: r.undangan_di(aid).len(),
        pesan,
        galat,
    })
}

pub(crate) async fn pintu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, acara)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let aid = acara_id(&acara)?;
    render(halaman_pintu(&s, &m, id, aid, None, None).await?)
}

#[derive(Deserialize)]
pub(crate) struct FormHadir {
    csrf: String,
    #[serde(default)]
    kode: String,
    #[serde(default)]
    nama: String,
    #[serde(default)]
    waktu: String,
}

/// A check-in from the door's form (perhaps from the phone's queue):
/// the door page again with what happened, 422 with the reason when the
/// code or name is refused (the queue then drops it and shows why).
pub(crate) async fn hadir_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, acara)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormHadir>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let aid = acara_id(&acara)?;
    let sekarang = time::OffsetDateTime::now_utc().unix_timestamp();
    let hasil = match kedatangan(&f.kode, &f.nama, &f.waktu, sekarang) {
        Ok(k) => s.posko.catat_hadir(&m.pengguna, id, aid, k).await,
        Err(e) => Err(e),
    };
    match hasil {
        Ok(h) => {
            let pesan = if h.baru {
                crate::t1("lapangan-pintu-tercatat", "nama", h.nama)
            } else {
                crate::t1("lapangan-pintu-sudah", "nama", h.nama)
            };
            Ok(render(halaman_pintu(&s, &m, id, aid, Some(pesan), None).await?)?.into_response())
        }
        Err(posko_app::AppError::Invalid(g)) => {
            let halaman = render(halaman_pintu(&s, &m, id, aid, None, Some(g)).await?)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, halaman).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "lapangan_undangan.html")]
struct HalamanUndangan {
    nama: String,
    judul: String,
    jenis: String,
    kapan: String,
    tempat: String,
    alamat: String,
    kode: String,
    qr: String,
    jawaban: Option<bool>,
    batal: bool,
    galat: Option<String>,
}

async fn halaman_undangan(
    s: &AppState,
    id: &str,
    undangan: &str,
    kode: &str,
    galat: Option<String>,
) -> Result<HalamanUndangan, PageError> {
    let id = crate::param::pemilihan(id)?;
    let uid = acara_id(undangan)?;
    let (u, a) = s.posko.buka_undangan(id, uid, kode).await?;
    let tempat = s
        .posko
        .nama_wilayah_banyak(&[a.isi.desa])
        .await?
        .remove(&a.isi.desa)
        .unwrap_or_else(|| a.isi.desa.to_string());
    Ok(HalamanUndangan {
        nama: u.isi.nama.clone(),
        judul: a.isi.judul.clone(),
        jenis: nama_jenis(a.isi.jenis),
        kapan: kapan(&a.isi),
        tempat,
        alamat: a.isi.alamat.clone(),
        qr: crate::qr::svg(&u.isi.kode),
        kode: u.isi.kode.clone(),
        jawaban: u.isi.jawaban.map(|j| j == Rsvp::Hadir),
        batal: a.isi.batal.is_some(),
        galat,
    })
}

/// The invited person's page: no account, the link is the key.
pub(crate) async fn undangan(
    State(s): State<AppState>,
    Path((id, undangan, kode)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let h = halaman_undangan(&s, &id, &undangan, &kode, None).await?;
    // The link is a key: never cached by a shared proxy, never sent on.
    Ok((
        [
            (axum::http::header::CACHE_CONTROL, "private, no-store"),
            (axum::http::header::REFERRER_POLICY, "no-referrer"),
        ],
        render(h)?,
    )
        .into_response())
}

#[derive(Deserialize)]
pub(crate) struct FormRsvp {
    jawaban: String,
}

pub(crate) async fn undangan_post(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((id, undangan, kode)): Path<(String, String, String)>,
    axum::Form(f): axum::Form<FormRsvp>,
) -> Result<Response, PageError> {
    if !crate::auth::same_origin(&headers) {
        return Ok((StatusCode::FORBIDDEN, crate::t("galat-asal-permintaan")).into_response());
    }
    let pid = crate::param::pemilihan(&id)?;
    let uid = acara_id(&undangan)?;
    let hasil = match jawaban_rsvp(&f.jawaban) {
        Ok(j) => s.posko.jawab_undangan(pid, uid, &kode, j).await,
        Err(e) => Err(e),
    };
    match hasil {
        Ok(()) => Ok(crate::akun::see_other(&format!(
            "/undangan/{id}/{undangan}/{kode}"
        ))),
        Err(posko_app::AppError::Invalid(g)) => {
            let h = halaman_undangan(&s, &id, &undangan, &kode, Some(g)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(h)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// An event as scripts see it.
#[derive(Serialize, ToSchema)]
pub struct AcaraDto {
    pub id: Uuid,
    /// tatap_muka, pertemuan_terbatas, kampanye_akbar, pintu_ke_pintu, debat, lainnya.
    pub jenis: String,
    pub judul: String,
    pub desa: String,
    pub alamat: String,
    pub lintang: Option<f64>,
    pub bujur: Option<f64>,
    /// YYYY-MM-DD in the place's zone.
    pub tanggal: String,
    /// HH:MM in the place's zone.
    pub jam: String,
    /// WIB, WITA or WIT.
    pub zona: String,
    pub penanggung_jawab: Uuid,
    pub perkiraan_hadir: u32,
    pub hadir: usize,
    pub diundang: usize,
    pub batal: Option<String>,
}

/// The events of the election's field room the caller may see, by date.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/lapangan/acara",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, body = Vec<AcaraDto>), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_daftar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<Vec<AcaraDto>>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_lapangan(&m.pengguna, id, &[]).await?;
    let mut v: Vec<_> = r.acara.iter().collect();
    v.sort_by_key(|a| (a.isi.tanggal, a.isi.jam, a.id));
    Ok(Json(
        v.into_iter()
            .map(|a| AcaraDto {
                id: a.id,
                jenis: a.isi.jenis.slug().into(),
                judul: a.isi.judul.clone(),
                desa: a.isi.desa.to_string(),
                alamat: a.isi.alamat.clone(),
                lintang: a.isi.lokasi.map(|l| l.0),
                bujur: a.isi.lokasi.map(|l| l.1),
                tanggal: a.isi.tanggal.to_string(),
                jam: format!("{:02}:{:02}", a.isi.jam.hour(), a.isi.jam.minute()),
                zona: a.isi.zona().singkatan().into(),
                penanggung_jawab: a.isi.penanggung_jawab,
                perkiraan_hadir: a.isi.perkiraan_hadir,
                hadir: r.hadir_di(a.id).len(),
                diundang: r.undangan_di(a.id).len(),
                batal: a.isi.batal.clone(),
            })
            .collect(),
    ))
}

/// One person at an event's door.
#[derive(Deserialize, ToSchema)]
pub struct HadirDto {
    /// The invitation's code (from its QR); or leave out and give `nama`.
    #[serde(default)]
    pub kode: String,
    /// An uninvited guest's name.
    #[serde(default)]
    pub nama: String,
    /// Unix seconds of the scan by the phone; now when left out.
    #[serde(default)]
    pub waktu: Option<i64>,
}

/// Checks someone in (counted once per person: the same code or name
/// again answers `baru: false`).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/lapangan/acara/{acara}/hadir",
    params(("id" = String, Path, description = "Id pemilihan"), ("acara" = String, Path, description = "Id acara")),
    request_body = HadirDto,
    responses((status = 200, description = "{\"nama\": \"…\", \"baru\": true}"), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_hadir(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, acara)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let aid = acara_id(&acara)?;
    let f: HadirDto = crate::param::json_body(&body, "kehadiran tidak sah")?;
    let sekarang = time::OffsetDateTime::now_utc().unix_timestamp();
    let k = kedatangan(
        &f.kode,
        &f.nama,
        &f.waktu.map(|w| w.to_string()).unwrap_or_default(),
        sekarang,
    )?;
    let h = s.posko.catat_hadir(&m.pengguna, id, aid, k).await?;
    Ok(Json(serde_json::json!({ "nama": h.nama, "baru": h.baru })).into_response())
}
