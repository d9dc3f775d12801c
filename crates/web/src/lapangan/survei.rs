//! Electability surveys for people: the list and a new survey
//! (`/pemilihan/{id}/lapangan/survei`), a survey's page (questionnaire,
//! the draw with its seed, interviewers, progress and the weighted
//! results with their margins, per kecamatan where the sample allows),
//! and the interviewer's page (`…/wawancara`: their respondents and one
//! form, kept on the phone while offline). Scripts: the results and
//! interviews in `/api/v1/…/lapangan/survei/…`.

pub(crate) mod halaman;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use posko_domain::Izin as I;
use serde::Deserialize;
use uuid::Uuid;

use super::*;
use crate::auth::form_ditolak;

pub(crate) use halaman::{api_hasil, api_wawancara};

const CONTOH: &str = "/pemilihan/{id}/lapangan/survei/00000000-0000-0000-0000-000000000000";

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kerja = Izin(I::KerjaLapangan, Sasaran::Pemilihan);
    let kelola = Izin(I::KelolaLapangan, Sasaran::PemilihanUtuh);
    r.add(
        "GET",
        "/pemilihan/{id}/lapangan/survei",
        "/pemilihan/{id}/lapangan/survei",
        kerja,
        get(halaman::daftar),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/survei",
        "/pemilihan/{id}/lapangan/survei",
        kelola,
        post(buat_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/survei/{survei}",
        CONTOH,
        kelola,
        get(halaman::satu),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/survei/{survei}/tarik",
        "/pemilihan/{id}/lapangan/survei/00000000-0000-0000-0000-000000000000/tarik",
        kelola,
        post(tarik_post),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/survei/{survei}/pertanyaan",
        "/pemilihan/{id}/lapangan/survei/00000000-0000-0000-0000-000000000000/pertanyaan",
        kelola,
        post(pertanyaan_post),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/survei/{survei}/pewawancara",
        "/pemilihan/{id}/lapangan/survei/00000000-0000-0000-0000-000000000000/pewawancara",
        kelola,
        post(pewawancara_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/survei/{survei}/wawancara",
        "/pemilihan/{id}/lapangan/survei/00000000-0000-0000-0000-000000000000/wawancara",
        kerja,
        get(halaman::wawancara),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/survei/{survei}/wawancara",
        "/pemilihan/{id}/lapangan/survei/00000000-0000-0000-0000-000000000000/wawancara",
        kerja,
        post(halaman::wawancara_post),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/lapangan/survei/{survei}/hasil",
        "/api/v1/pemilihan/{id}/lapangan/survei/00000000-0000-0000-0000-000000000000/hasil",
        kelola,
        get(api_hasil),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/lapangan/survei/{survei}/wawancara",
        "/api/v1/pemilihan/{id}/lapangan/survei/00000000-0000-0000-0000-000000000000/wawancara",
        kerja,
        post(api_wawancara),
    )
}

pub(crate) fn survei_id(s: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(s).map_err(|_| PageError(StatusCode::NOT_FOUND, crate::t("lapangan-tidak-ada")))
}

fn galat(pesan: String) -> posko_app::AppError {
    posko_app::AppError::Invalid(pesan)
}

#[derive(Deserialize)]
pub(super) struct FormSurvei {
    csrf: String,
    judul: String,
    ukuran: String,
    #[serde(default)]
    survei_pintu: String,
}

async fn buat_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormSurvei>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let ukuran: u32 = f
        .ukuran
        .trim()
        .replace('.', "")
        .parse()
        .map_err(|_| galat(format!("ukuran sampel '{}' bukan bilangan", f.ukuran)))?;
    let sid = s
        .posko
        .buat_survei(&m.pengguna, id, &f.judul, ukuran, f.survei_pintu == "ya")
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/survei/{sid}"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormTarik {
    csrf: String,
    benih: String,
}

async fn tarik_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, survei)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormTarik>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let sid = survei_id(&survei)?;
    let benih: u64 = f.benih.trim().parse().map_err(|_| {
        galat(format!(
            "benih '{}' harus bilangan bulat 0 sampai 18446744073709551615",
            f.benih
        ))
    })?;
    s.posko
        .tarik_sampel_survei(&m.pengguna, id, sid, benih)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/survei/{sid}#tarikan"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormPertanyaan {
    csrf: String,
    #[serde(default)]
    survei_pintu: String,
}

/// The questionnaire made again from the election's questions, before the
/// first interview.
async fn pertanyaan_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, survei)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormPertanyaan>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let sid = survei_id(&survei)?;
    s.posko
        .perbarui_pertanyaan_survei(&m.pengguna, id, sid, !f.survei_pintu.is_empty())
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/survei/{sid}#kuesioner"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormPewawancara {
    csrf: String,
    wilayah: String,
    pengguna: String,
}

async fn pewawancara_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, survei)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormPewawancara>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let sid = survei_id(&survei)?;
    let wilayah = posko_domain::KodeWilayah::parse(f.wilayah.trim())
        .map_err(|e| galat(format!("wilayah: {e}")))?;
    let pengguna = Uuid::parse_str(f.pengguna.trim())
        .map_err(|_| galat("pewawancara tidak dikenal".into()))?;
    s.posko
        .atur_pewawancara(&m.pengguna, id, sid, wilayah, pengguna)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/survei/{sid}#pewawancara"
    )))
}

/// "12,3 %" in the page's language.
pub(crate) fn persen(x: f64) -> String {
    crate::format::porsi(x)
}
