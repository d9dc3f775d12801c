//! Tasks down the tree for people: the list (mine, sent by me, of an
//! area), the new-task form, a task's page with the assignee's proof
//! form (a photo, the phone's GPS, a number or a yes/no; kept on the
//! phone while offline and sent once, `posko.js`), the photo of a proof,
//! and completion per area for those who plan. Scripts:
//! `/api/v1/…/lapangan/tugas`. The home's counts and this person's open
//! tasks (on the field room's home and on `/`) come from here too.

pub(crate) mod api;
mod halaman;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use posko_app::lapangan::Tersimpan;
use posko_app::lapangan::tugas::{BuktiKiriman, Kepada, Tugas, TugasBaru};
use posko_domain::Izin as I;
use posko_domain::lapangan::{Bukti, JenisBukti};
use serde::Deserialize;
use uuid::Uuid;

use super::*;
use crate::auth::form_ditolak;

pub(crate) use api::{api_daftar, api_kirim, api_rekap, api_selesai};

const CONTOH: &str = "/pemilihan/{id}/lapangan/tugas/00000000-0000-0000-0000-000000000000";

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kerja = Izin(I::KerjaLapangan, Sasaran::Pemilihan);
    let kelola = Izin(I::KelolaLapangan, Sasaran::Pemilihan);
    r.add(
        "GET",
        "/pemilihan/{id}/lapangan/tugas",
        "/pemilihan/{id}/lapangan/tugas",
        kerja,
        get(halaman::daftar),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/tugas",
        "/pemilihan/{id}/lapangan/tugas",
        kelola,
        post(kirim_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/tugas/baru",
        "/pemilihan/{id}/lapangan/tugas/baru",
        kelola,
        get(halaman::baru),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/tugas/rekap",
        "/pemilihan/{id}/lapangan/tugas/rekap",
        kelola,
        get(halaman::rekap),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/tugas/{tugas}",
        CONTOH,
        kerja,
        get(halaman::satu),
    )
    .add(
        "POST",
        "/pemilihan/{id}/lapangan/tugas/{tugas}/selesai",
        "/pemilihan/{id}/lapangan/tugas/00000000-0000-0000-0000-000000000000/selesai",
        kerja,
        post(selesai_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/lapangan/tugas/{tugas}/bukti/{orang}",
        "/pemilihan/{id}/lapangan/tugas/00000000-0000-0000-0000-000000000000/bukti/00000000-0000-0000-0000-000000000000",
        kerja,
        get(halaman::foto_bukti),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/lapangan/tugas",
        "/api/v1/pemilihan/{id}/lapangan/tugas",
        kerja,
        get(api_daftar),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/lapangan/tugas",
        "/api/v1/pemilihan/{id}/lapangan/tugas",
        kelola,
        post(api_kirim),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/lapangan/tugas/rekap",
        "/api/v1/pemilihan/{id}/lapangan/tugas/rekap",
        kelola,
        get(api_rekap),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/lapangan/tugas/{tugas}/selesai",
        "/api/v1/pemilihan/{id}/lapangan/tugas/00000000-0000-0000-0000-000000000000/selesai",
        kerja,
        post(api_selesai),
    )
}

/// The home's counts for tasks: this person's open ones (marked when one
/// is late), and for those who plan, the late ones of their area.
pub(super) fn angka(r: &RuangLapangan, m: &Masuk) -> Vec<Angka> {
    let d = dasar(r);
    let saya = r.tugas_terbuka(m.pengguna.id);
    let telat = saya.iter().any(|t| {
        r.status_tugas(t, m.pengguna.id) == posko_domain::lapangan::StatusTugas::Terlambat
    });
    let mut out = vec![(
        format!("{d}/tugas?lihat=saya"),
        saya.len(),
        crate::t("lapangan-tugas-angka-saya"),
        telat,
    )];
    if boleh(m, r, I::KelolaLapangan) {
        let n: usize = r
            .tugas
            .iter()
            .filter(|t| boleh_kelola(m, t))
            .map(|t| {
                t.isi
                    .orang()
                    .into_iter()
                    .filter(|o| {
                        r.status_tugas(t, *o) == posko_domain::lapangan::StatusTugas::Terlambat
                    })
                    .count()
            })
            .sum();
        out.push((
            format!("{d}/tugas/rekap"),
            n,
            crate::t("lapangan-tugas-angka-terlambat"),
            n > 0,
        ));
    }
    out
}

/// Whether `m` plans the task's area (for what a page offers; the app
/// decides).
pub(crate) fn boleh_kelola(m: &Masuk, t: &Tersimpan<Tugas>) -> bool {
    posko_domain::diizinkan(
        &m.pengguna.penugasan,
        I::KelolaLapangan,
        &posko_domain::Objek::Wilayah(t.isi.wilayah),
    )
}

/// One open task on a home: (href, title, due, overdue).
pub(crate) type TugasSaya = (String, String, String, bool);

/// This person's own open tasks.
pub(super) fn milik(r: &RuangLapangan, m: &Masuk) -> Vec<TugasSaya> {
    let d = dasar(r);
    r.tugas_terbuka(m.pengguna.id)
        .into_iter()
        .map(|t| {
            let telat =
                r.status_tugas(t, m.pengguna.id) == posko_domain::lapangan::StatusTugas::Terlambat;
            (
                format!("{d}/tugas/{}", t.id),
                t.isi.judul.clone(),
                batas_teks(t.isi.batas, telat),
                telat,
            )
        })
        .collect()
}

/// For the home page (`/`): this person's open tasks in an election and
/// the field room's link, when they may open the room.
pub(crate) async fn di_beranda(
    s: &AppState,
    m: &Masuk,
    pemilihan_id: Uuid,
) -> Result<(Vec<TugasSaya>, Option<String>), PageError> {
    if !s
        .posko
        .boleh_lihat_lapangan(&m.pengguna, pemilihan_id)
        .await?
    {
        return Ok((Vec::new(), None));
    }
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            pemilihan_id,
            &[
                posko_storage::JenisLapangan::Tugas,
                posko_storage::JenisLapangan::Selesai,
            ],
        )
        .await?;
    Ok((milik(&r, m), Some(dasar(&r))))
}

/// "due 5 Okt 2029", or "late since …".
pub(crate) fn batas_teks(batas: time::Date, telat: bool) -> String {
    let t = crate::format::tanggal(batas);
    if telat {
        crate::t1("lapangan-tugas-terlambat-sejak", "tanggal", t)
    } else {
        crate::t1("lapangan-tugas-batas-pada", "tanggal", t)
    }
}

pub(crate) fn nama_bukti(j: JenisBukti) -> String {
    crate::t(&format!(
        "lapangan-tugas-bukti-{}",
        j.slug().replace('_', "-")
    ))
}

pub(crate) fn tugas_id(s: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(s).map_err(|_| PageError(StatusCode::NOT_FOUND, crate::t("lapangan-tidak-ada")))
}

fn galat(pesan: String) -> posko_app::AppError {
    posko_app::AppError::Invalid(pesan)
}

/// `orang:<id>` or `bawahan:<id>`.
pub(crate) fn baca_kepada(s: &str) -> Result<Kepada, posko_app::AppError> {
    let salah = || galat(format!("penerima '{s}' tidak dikenal"));
    let (jenis, id) = s.trim().split_once(':').ok_or_else(salah)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| salah())?;
    match jenis {
        "orang" => Ok(Kepada::Orang(id)),
        "bawahan" => Ok(Kepada::BawahanDari(id)),
        _ => Err(salah()),
    }
}

pub(crate) fn baca_tanggal(apa: &str, s: &str) -> Result<time::Date, posko_app::AppError> {
    time::Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| galat(format!("{apa} '{s}' tidak sah (YYYY-MM-DD)")))
}

pub(crate) fn baca_jenis_bukti(s: &str) -> Result<JenisBukti, posko_app::AppError> {
    JenisBukti::parse(s).ok_or_else(|| {
        galat(format!(
            "bukti '{s}' tidak dikenal (foto, gps, angka, ya_tidak)"
        ))
    })
}

#[derive(Deserialize)]
pub(super) struct FormTugas {
    csrf: String,
    judul: String,
    #[serde(default)]
    uraian: String,
    wilayah: String,
    kepada: String,
    batas: String,
    bukti: String,
}

impl FormTugas {
    fn baca(&self) -> Result<TugasBaru, posko_app::AppError> {
        Ok(TugasBaru {
            judul: self.judul.clone(),
            uraian: self.uraian.clone(),
            wilayah: posko_domain::KodeWilayah::parse(self.wilayah.trim())
                .map_err(|e| galat(format!("wilayah: {e}")))?,
            kepada: baca_kepada(&self.kepada)?,
            batas: baca_tanggal("batas", &self.batas)?,
            bukti: baca_jenis_bukti(&self.bukti)?,
        })
    }
}

async fn kirim_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormTugas>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let tugas = s.posko.kirim_tugas(&m.pengguna, id, f.baca()?).await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/lapangan/tugas/{tugas}"
    )))
}

/// A proof as the form's fields give it: a photo, else lat/lng, else a
/// number, else yes/no.
pub(crate) fn baca_bukti(
    isian: &[(String, String)],
    foto: Option<(String, Vec<u8>)>,
) -> Result<BuktiKiriman, posko_app::AppError> {
    if let Some((nama, bytes)) = foto {
        return Ok(BuktiKiriman::Foto { nama, bytes });
    }
    let nilai = |k: &str| {
        isian
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let (lat, lng) = (nilai("lat"), nilai("lng"));
    if !lat.is_empty() || !lng.is_empty() {
        let koordinat = |s: &str, apa: &str| {
            s.replace(',', ".")
                .parse::<f64>()
                .map_err(|_| galat(format!("{apa} '{s}' bukan angka")))
        };
        return Ok(BuktiKiriman::Nilai(Bukti::Gps {
            lat: koordinat(&lat, "lat")?,
            lng: koordinat(&lng, "lng")?,
        }));
    }
    let angka = nilai("angka");
    if !angka.is_empty() {
        let n = angka
            .replace('.', "")
            .parse::<u64>()
            .map_err(|_| galat(format!("angka '{angka}' bukan bilangan bulat")))?;
        return Ok(BuktiKiriman::Nilai(Bukti::Angka(n)));
    }
    match nilai("ya_tidak").as_str() {
        "ya" => Ok(BuktiKiriman::Nilai(Bukti::YaTidak(true))),
        "tidak" => Ok(BuktiKiriman::Nilai(Bukti::YaTidak(false))),
        "" => Err(galat("bukti: isi bukti yang diminta tugas ini".into())),
        lain => Err(galat(format!(
            "ya_tidak '{lain}' tidak dikenal (ya, tidak)"
        ))),
    }
}

pub(crate) fn baca_waktu(s: &str) -> Result<Option<i64>, posko_app::AppError> {
    match s.trim() {
        "" => Ok(None),
        w => w
            .parse()
            .map(Some)
            .map_err(|_| galat(format!("waktu '{w}' bukan detik unix"))),
    }
}

/// A proof from the task's form (perhaps from the phone's queue, hours
/// later): `multipart/form-data`, the CSRF token first. The task's page
/// again with what happened (200), or with the reason and 422 when the
/// proof is refused (the queue then drops it and shows why).
async fn selesai_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, tugas)): Path<(String, String)>,
    req: axum::extract::Request,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let kiriman = match crate::medsos::baca_kiriman_berkas(&m, &headers, req, "foto").await? {
        Ok(k) => k,
        Err(r) => return Ok(r),
    };
    let id = crate::param::pemilihan(&id)?;
    let tid = tugas_id(&tugas)?;
    let waktu = kiriman
        .isian
        .iter()
        .find(|(n, _)| n == "waktu")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let hasil = match (
        baca_waktu(&waktu),
        baca_bukti(&kiriman.isian, kiriman.berkas),
    ) {
        (Ok(w), Ok(b)) => s.posko.selesaikan_tugas(&m.pengguna, id, tid, b, w).await,
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match hasil {
        Ok(baru) => {
            let pesan = crate::t(if baru {
                "lapangan-tugas-tercatat"
            } else {
                "lapangan-tugas-sudah-tercatat"
            });
            Ok(
                render(halaman::halaman_satu(&s, &m, id, tid, Some(pesan), None).await?)?
                    .into_response(),
            )
        }
        Err(posko_app::AppError::Invalid(g)) => {
            let h = render(halaman::halaman_satu(&s, &m, id, tid, None, Some(g)).await?)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, h).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
