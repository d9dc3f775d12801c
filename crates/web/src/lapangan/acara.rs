//! Campaign events for people: the calendar by day with a map
//! (`/pemilihan/{id}/lapangan/acara`), an event's page with its
//! invitations and attendance, the door (`…/pintu`: an invitation's QR
//! scanned or its code typed, or an uninvited guest's name, kept on the
//! phone while offline and sent once), and the invited person's own page
//! by their personal link (`/undangan/…`, no account: RSVP and the QR to
//! show at the door). Scripts: `/api/v1/…/lapangan/acara`.

pub(crate) mod halaman;
mod peta;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use posko_app::lapangan::acara::{AcaraBaru, Kedatangan, Rsvp};
use posko_app::lapangan::{Acara, Tersimpan};
use posko_domain::Izin as I;
use posko_domain::lapangan::JenisAcara;
use serde::Deserialize;
use uuid::Uuid;

use super::*;
use crate::auth::form_ditolak;

pub(crate) use halaman::{api_daftar, api_hadir};

const CONTOH: &str = "/pemilihan/{id}/lapangan/acara/00000000-0000-0000-0000-000000000000";

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kerja = Izin(I::KerjaLapangan, Sasaran::Pemilihan);
    let kelola = Izin(I::KelolaLapangan, Sasaran::Pemilihan);
    r.add(
        "GET",
        "/pemilihan/{id}/lapangan/acara",
        "/pemilihan/{id}/lapangan/acara",
        kerja,
        get(halaman::kalender),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/acara",
        "/pemilihan/{id}/lapangan/acara",
        kelola,
        post(buat_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/acara/{acara}",
        CONTOH,
        kerja,
        get(halaman::satu),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/acara/{acara}/undang",
        "/pemilihan/{id}/lapangan/acara/00000000-0000-0000-0000-000000000000/undang",
        kelola,
        post(undang_post),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/acara/{acara}/batal",
        "/pemilihan/{id}/lapangan/acara/00000000-0000-0000-0000-000000000000/batal",
        kelola,
        post(batal_post),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/lapangan/acara/{acara}/foto",
        "/pemilihan/{id}/lapangan/acara/00000000-0000-0000-0000-000000000000/foto",
        kelola,
        posko_app::medsos::MEDIA_MAKS + 64 * 1024,
        post(foto_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/acara/{acara}/foto/{hash}",
        "/pemilihan/{id}/lapangan/acara/00000000-0000-0000-0000-000000000000/foto/0000000000000000000000000000000000000000000000000000000000000000",
        kerja,
        get(foto_get),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/acara/{acara}/belanja",
        "/pemilihan/{id}/lapangan/acara/00000000-0000-0000-0000-000000000000/belanja",
        kelola,
        post(dana_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/acara/{acara}/pintu",
        "/pemilihan/{id}/lapangan/acara/00000000-0000-0000-0000-000000000000/pintu",
        kerja,
        get(halaman::pintu),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/acara/{acara}/hadir",
        "/pemilihan/{id}/lapangan/acara/00000000-0000-0000-0000-000000000000/hadir",
        kerja,
        post(halaman::hadir_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/acara/peta.svg",
        "/pemilihan/{id}/lapangan/acara/peta.svg",
        kerja,
        get(peta::peta_svg),
    )
    .add(
        "GET",
        "/undangan/{id}/{undangan}/{kode}",
        "/undangan/00000000-0000-0000-0000-000000000000/00000000-0000-0000-0000-000000000000/ABCDE23456",
        Publik,
        get(halaman::undangan),
    )
    .add(
        "POST",
        "/undangan/{id}/{undangan}/{kode}",
        "/undangan/00000000-0000-0000-0000-000000000000/00000000-0000-0000-0000-000000000000/ABCDE23456",
        Publik,
        post(halaman::undangan_post),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/lapangan/acara",
        "/api/v1/pemilihan/{id}/lapangan/acara",
        kerja,
        get(api_daftar),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/lapangan/acara/{acara}/hadir",
        "/api/v1/pemilihan/{id}/lapangan/acara/00000000-0000-0000-0000-000000000000/hadir",
        kerja,
        post(api_hadir),
    )
}

/// The home's counts for events: this week's, and those still to come.
pub(super) fn angka(r: &RuangLapangan) -> Vec<Angka> {
    let d = dasar(r);
    let minggu = r.hari_ini + time::Duration::days(7);
    let pekan = r
        .acara
        .iter()
        .filter(|a| a.isi.batal.is_none() && a.isi.tanggal >= r.hari_ini && a.isi.tanggal < minggu)
        .count();
    vec![(
        format!("{d}/acara"),
        pekan,
        crate::t("lapangan-acara-pekan-ini"),
        false,
    )]
}

pub(crate) fn acara_id(s: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(s).map_err(|_| PageError(StatusCode::NOT_FOUND, crate::t("lapangan-tidak-ada")))
}

fn galat(pesan: String) -> posko_app::AppError {
    posko_app::AppError::Invalid(pesan)
}

#[derive(Deserialize)]
pub(super) struct FormAcara {
    csrf: String,
    jenis: String,
    judul: String,
    desa: String,
    #[serde(default)]
    alamat: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lng: String,
    tanggal: String,
    jam: String,
    penanggung_jawab: String,
    #[serde(default)]
    perkiraan_hadir: String,
}

impl FormAcara {
    fn baca(&self) -> Result<AcaraBaru, posko_app::AppError> {
        let jenis = JenisAcara::parse(&self.jenis)
            .ok_or_else(|| galat(format!("jenis acara '{}' tidak dikenal", self.jenis)))?;
        let desa = posko_domain::KodeWilayah::parse(self.desa.trim())
            .map_err(|e| galat(format!("desa: {e}")))?;
        let tanggal = time::Date::parse(
            self.tanggal.trim(),
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .map_err(|_| galat(format!("tanggal '{}' tidak sah (YYYY-MM-DD)", self.tanggal)))?;
        let jam = time::Time::parse(
            self.jam.trim(),
            time::macros::format_description!("[hour]:[minute]"),
        )
        .map_err(|_| galat(format!("jam '{}' tidak sah (JJ:MM)", self.jam)))?;
        let koordinat = |s: &str, apa: &str| -> Result<Option<f64>, posko_app::AppError> {
            let s = s.trim().replace(',', ".");
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<f64>()
                .map(Some)
                .map_err(|_| galat(format!("{apa} '{s}' bukan angka")))
        };
        let lokasi = match (
            koordinat(&self.lat, "lintang")?,
            koordinat(&self.lng, "bujur")?,
        ) {
            (Some(a), Some(b)) => Some((a, b)),
            (None, None) => None,
            _ => {
                return Err(galat(
                    "isi lintang dan bujur, atau kosongkan keduanya".into(),
                ));
            }
        };
        let penanggung_jawab = Uuid::parse_str(self.penanggung_jawab.trim())
            .map_err(|_| galat("penanggung jawab tidak dikenal".into()))?;
        let perkiraan_hadir = match self.perkiraan_hadir.trim() {
            "" => 0,
            s => s
                .replace('.', "")
                .parse()
                .map_err(|_| galat(format!("perkiraan hadir '{s}' bukan bilangan")))?,
        };
        Ok(AcaraBaru {
            jenis,
            judul: self.judul.clone(),
            desa,
            alamat: self.alamat.clone(),
            lokasi,
            tanggal,
            jam,
            penanggung_jawab,
            perkiraan_hadir,
        })
    }
}

async fn buat_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormAcara>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let acara = s.posko.buat_acara(&m.pengguna, id, f.baca()?).await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/acara/{acara}"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormCsrf {
    csrf: String,
}

async fn undang_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, acara)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormCsrf>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let acara = acara_id(&acara)?;
    let n = s.posko.undang_pendukung(&m.pengguna, id, acara).await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/acara/{acara}?diundang={n}#undangan"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormBatal {
    csrf: String,
    alasan: String,
}

async fn batal_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, acara)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormBatal>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let acara = acara_id(&acara)?;
    s.posko
        .batalkan_acara(&m.pengguna, id, acara, &f.alasan)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/acara/{acara}"
    )))
}

/// A photo of the event: `multipart/form-data`, the CSRF token first,
/// then the file in `berkas`.
async fn foto_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, acara)): Path<(String, String)>,
    req: axum::extract::Request,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let acara = acara_id(&acara)?;
    let kiriman = match crate::medsos::baca_kiriman_berkas(&m, &headers, req, "berkas").await? {
        Ok(k) => k,
        Err(r) => return Ok(r),
    };
    let (nama, bytes) = kiriman
        .berkas
        .ok_or_else(|| galat("pilih foto acaranya".into()))?;
    s.posko
        .tambah_foto_acara(&m.pengguna, id, acara, &nama, bytes)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/acara/{acara}#laporan"
    )))
}

/// An event's photo, only when the event lists it (404 otherwise).
async fn foto_get(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, acara, hash)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    use axum::http::header;
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let acara = acara_id(&acara)?;
    let Some((bytes, jenis)) = s.posko.foto_acara(&m.pengguna, id, acara, &hash).await? else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            crate::t("lapangan-tidak-ada"),
        ));
    };
    Ok((
        [
            (header::CONTENT_TYPE, jenis.to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub(super) struct FormDana {
    csrf: String,
    entri: String,
}

/// Links a ledger entry (its id, from the finance room) to the event.
async fn dana_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, acara)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormDana>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let acara = acara_id(&acara)?;
    let entri = entri_dana(&s, &m, id, f.entri.trim()).await?;
    s.posko
        .lapor_acara(&m.pengguna, id, acara, Vec::new(), vec![entri])
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/acara/{acara}#laporan"
    )))
}

/// A ledger entry named by its id (the form's list) or by its number in
/// the ledger ("42", "No. 42"), as the treasurer reads it.
async fn entri_dana(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
    teks: &str,
) -> Result<Uuid, PageError> {
    if let Ok(u) = Uuid::parse_str(teks) {
        return Ok(u);
    }
    let angka = teks
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse::<i64>()
        .map_err(|_| galat(format!("entri dana '{teks}' bukan nomor entri buku dana")))?;
    Ok(s.posko
        .buku_dana(&m.pengguna, id, &posko_storage::SaringDana::default())
        .await?
        .into_iter()
        .find(|e| e.nomor == angka)
        .map(|e| e.id)
        .ok_or_else(|| galat(format!("buku dana tidak punya entri nomor {angka}")))?)
}

/// An event's kind in the page's language.
pub(crate) fn nama_jenis(j: JenisAcara) -> String {
    crate::t(&format!(
        "lapangan-jenis-acara-{}",
        j.slug().replace('_', "-")
    ))
}

/// "Sen, 12 Okt 2026 19.00 WITA" in the place's own zone.
pub(crate) fn kapan(a: &Acara) -> String {
    format!(
        "{} {:02}.{:02} {}",
        crate::format::tanggal(a.tanggal),
        a.jam.hour(),
        a.jam.minute(),
        a.zona().singkatan()
    )
}

pub(crate) fn jawaban_rsvp(s: &str) -> Result<Rsvp, posko_app::AppError> {
    match s.trim() {
        "hadir" => Ok(Rsvp::Hadir),
        "tidak_hadir" => Ok(Rsvp::TidakHadir),
        _ => Err(galat(format!(
            "jawaban '{s}' tidak dikenal (hadir, tidak_hadir)"
        ))),
    }
}

pub(crate) fn kedatangan(
    kode: &str,
    nama: &str,
    waktu: &str,
    sekarang: i64,
) -> Result<Kedatangan, posko_app::AppError> {
    let waktu = match waktu.trim() {
        "" => sekarang,
        w => w
            .parse()
            .map_err(|_| galat(format!("waktu '{w}' bukan detik unix")))?,
    };
    Ok(Kedatangan {
        kode: Some(kode.trim().to_string()).filter(|k| !k.is_empty()),
        nama: Some(nama.trim().to_string()).filter(|n| !n.is_empty()),
        waktu,
    })
}

pub(crate) fn cari(r: &RuangLapangan, id: Uuid) -> Result<&Tersimpan<Acara>, PageError> {
    r.acara
        .iter()
        .find(|a| a.id == id)
        .ok_or_else(|| PageError(StatusCode::NOT_FOUND, crate::t("lapangan-tidak-ada")))
}
