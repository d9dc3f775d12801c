//! Campaign materials (APK) for people: stock, hand-overs down the tree,
//! the KPU's quotas with what is left, installations with photo and GPS
//! (`…/apk/pasang`, kept on the phone while offline and sent once), each
//! installation's page with its photos and its take-down form, and the
//! take-down checklist once the campaign is over (`…/apk/turun`).
//! Scripts: `/api/v1/…/lapangan/apk`.

pub(crate) mod api;
mod halaman;

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use posko_app::lapangan::apk::{SerahBaru, TerimaBaru};
use posko_app::lapangan::{KuotaApk, PasangApk, Tersimpan};
use posko_domain::Izin as I;
use posko_domain::lapangan::{JenisApk, JenisTempat};
use serde::Deserialize;
use uuid::Uuid;

use super::*;
use crate::auth::form_ditolak;

pub(crate) use api::api_apk;

const CONTOH: &str = "/pemilihan/{id}/lapangan/apk/00000000-0000-0000-0000-000000000000";

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kerja = Izin(I::KerjaLapangan, Sasaran::Pemilihan);
    let kelola = Izin(I::KelolaLapangan, Sasaran::Pemilihan);
    let foto = posko_app::foto::FOTO_MAKS + 64 * 1024;
    r.add(
        "GET",
        "/pemilihan/{id}/lapangan/apk",
        "/pemilihan/{id}/lapangan/apk",
        kerja,
        get(halaman::daftar),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/apk/barang",
        "/pemilihan/{id}/lapangan/apk/barang",
        kelola,
        post(terima_post),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/apk/serah",
        "/pemilihan/{id}/lapangan/apk/serah",
        kelola,
        post(serah_post),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/apk/kuota",
        "/pemilihan/{id}/lapangan/apk/kuota",
        kelola,
        post(kuota_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/apk/pasang",
        "/pemilihan/{id}/lapangan/apk/pasang",
        kerja,
        get(halaman::pasang),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/lapangan/apk/pasang",
        "/pemilihan/{id}/lapangan/apk/pasang",
        kerja,
        foto,
        post(halaman::pasang_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/apk/turun",
        "/pemilihan/{id}/lapangan/apk/turun",
        kerja,
        get(halaman::turun),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/apk/{pasang}",
        CONTOH,
        kerja,
        get(halaman::satu),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/lapangan/apk/{pasang}/turun",
        "/pemilihan/{id}/lapangan/apk/00000000-0000-0000-0000-000000000000/turun",
        kerja,
        foto,
        post(halaman::turun_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/apk/{pasang}/foto/{hash}",
        "/pemilihan/{id}/lapangan/apk/00000000-0000-0000-0000-000000000000/foto/0000000000000000000000000000000000000000000000000000000000000000",
        kerja,
        get(halaman::foto),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/lapangan/apk",
        "/api/v1/pemilihan/{id}/lapangan/apk",
        kerja,
        get(api_apk),
    )
}

/// The home's counts for APK: what stands, and (after the campaign) what
/// is still to be taken down.
pub(super) fn angka(r: &RuangLapangan, _m: &Masuk) -> Vec<Angka> {
    let d = dasar(r);
    let mut v = vec![(
        format!("{d}/apk"),
        r.apk_berdiri().count(),
        crate::t("lapangan-apk-berdiri"),
        false,
    )];
    if posko_domain::lapangan::wajib_turun(&r.masa, r.hari_ini, false) {
        let n = r.wajib_turun().len();
        v.push((
            format!("{d}/apk/turun"),
            n,
            crate::t("lapangan-apk-wajib-turun"),
            n > 0,
        ));
    }
    v
}

pub(crate) fn nama_jenis(j: JenisApk) -> String {
    crate::t(&format!(
        "lapangan-apk-jenis-{}",
        j.slug().replace('_', "-")
    ))
}

pub(crate) fn nama_tempat(t: JenisTempat) -> String {
    crate::t(&format!(
        "lapangan-apk-tempat-{}",
        t.slug().replace('_', "-")
    ))
}

pub(crate) fn pasang_id(s: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(s).map_err(|_| PageError(StatusCode::NOT_FOUND, crate::t("lapangan-tidak-ada")))
}

pub(crate) fn cari(r: &RuangLapangan, id: Uuid) -> Result<&Tersimpan<PasangApk>, PageError> {
    r.pasang
        .iter()
        .find(|a| a.id == id)
        .ok_or_else(|| PageError(StatusCode::NOT_FOUND, crate::t("lapangan-tidak-ada")))
}

fn galat(pesan: String) -> posko_app::AppError {
    posko_app::AppError::Invalid(pesan)
}

fn bilangan(apa: &str, s: &str) -> Result<u64, posko_app::AppError> {
    let s = s.trim().replace('.', "");
    s.parse()
        .map_err(|_| galat(format!("{apa} '{s}' bukan bilangan bulat")))
}

fn uuid_isian(apa: &str, s: &str) -> Result<Uuid, posko_app::AppError> {
    Uuid::parse_str(s.trim()).map_err(|_| galat(format!("{apa} tidak dikenal")))
}

fn jenis_apk(s: &str) -> Result<JenisApk, posko_app::AppError> {
    JenisApk::parse(s).ok_or_else(|| galat(format!("jenis APK '{s}' tidak dikenal")))
}

#[derive(Deserialize)]
pub(super) struct FormTerima {
    csrf: String,
    /// An item's id, or empty for a new item.
    #[serde(default)]
    barang: String,
    #[serde(default)]
    jenis: String,
    #[serde(default)]
    nama: String,
    #[serde(default)]
    nilai_satuan: String,
    jumlah: String,
}

impl FormTerima {
    fn baca(&self) -> Result<TerimaBaru, posko_app::AppError> {
        let barang = match self.barang.trim() {
            "" => None,
            b => Some(uuid_isian("barang", b)?),
        };
        let jenis = match barang {
            Some(_) => JenisApk::Lainnya,
            None => jenis_apk(&self.jenis)?,
        };
        let nilai_satuan = match self.nilai_satuan.trim() {
            "" => 0,
            s => bilangan("nilai satuan", s)?,
        };
        Ok(TerimaBaru {
            barang,
            jenis,
            nama: self.nama.clone(),
            nilai_satuan,
            jumlah: bilangan("jumlah", &self.jumlah)?,
        })
    }
}

async fn terima_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormTerima>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    s.posko.terima_apk(&m.pengguna, id, f.baca()?).await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/apk#stok"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormSerah {
    csrf: String,
    barang: String,
    jumlah: String,
    kepada: String,
}

async fn serah_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormSerah>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let baru = SerahBaru {
        barang: uuid_isian("barang", &f.barang)?,
        jumlah: bilangan("jumlah", &f.jumlah)?,
        kepada: uuid_isian("penerima", &f.kepada)?,
    };
    s.posko.serahkan_apk(&m.pengguna, id, baru).await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/apk#serah"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormKuota {
    csrf: String,
    wilayah: String,
    jenis: String,
    jumlah: String,
}

async fn kuota_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormKuota>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let wilayah = posko_domain::KodeWilayah::parse(f.wilayah.trim())
        .map_err(|e| galat(format!("wilayah: {e}")))?;
    let jumlah = bilangan("jumlah", &f.jumlah)?;
    let kuota = KuotaApk {
        wilayah,
        jenis: jenis_apk(&f.jenis)?,
        jumlah: u32::try_from(jumlah).map_err(|_| galat("jumlah terlalu besar".into()))?,
    };
    s.posko.atur_kuota_apk(&m.pengguna, id, kuota).await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/apk#kuota"
    )))
}
