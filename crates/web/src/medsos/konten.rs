//! The social-media room: the content calendar (`/medsos/kalender`, the
//! drafts by planned day with the campaign and quiet periods), one draft
//! (`/medsos/konten/{konten}`: its text, versions, steps, comments and
//! where it went out) with the forms of the steps the person may take,
//! and the JSON API of the same under `/api/v1/pemilihan/{id}/medsos/konten`.
//! Every rule is the app's (`posko_app::medsos::konten`): the routes ask
//! `TulisMedsos` to write, the use case asks `SetujuiMedsos` to approve.

use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Json};
use posko_app::medsos::{
    KontenBaru, KontenMedsos, Tersimpan, boleh_langkah, langkah_dari_slug, langkah_tersedia,
    slug_langkah,
};
use posko_domain::ZonaWaktu;
use posko_domain::medsos::{LangkahKonten, StatusKonten};
use serde::{Deserialize, Serialize};
use time::{Date, PrimitiveDateTime, Time};
use utoipa::ToSchema;
use uuid::Uuid;

pub(crate) mod api;
mod formulir;

use super::*;
use crate::auth::form_ditolak;
use crate::error::ApiError;
use crate::format::{tanggal, waktu};

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(posko_domain::Izin::LihatMedsos, Sasaran::PemilihanUtuh);
    let tulis = Izin(posko_domain::Izin::TulisMedsos, Sasaran::PemilihanUtuh);
    r.add(
        "GET",
        "/pemilihan/{id}/medsos/kalender",
        "/pemilihan/{id}/medsos/kalender",
        lihat,
        get(kalender),
    )
    .add(
        "POST",
        "/pemilihan/{id}/medsos/konten",
        "/pemilihan/{id}/medsos/konten",
        tulis,
        post(formulir::tulis_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/medsos/konten/{konten}",
        "/pemilihan/{id}/medsos/konten/00000000-0000-7000-8000-000000000000",
        lihat,
        get(halaman_konten),
    )
    .add(
        "POST",
        "/pemilihan/{id}/medsos/konten/{konten}",
        "/pemilihan/{id}/medsos/konten/00000000-0000-7000-8000-000000000000",
        tulis,
        post(formulir::ubah_post),
    )
    .add(
        "POST",
        "/pemilihan/{id}/medsos/konten/{konten}/langkah",
        "/pemilihan/{id}/medsos/konten/00000000-0000-7000-8000-000000000000/langkah",
        tulis,
        post(formulir::langkah_post),
    )
    .add(
        "POST",
        "/pemilihan/{id}/medsos/konten/{konten}/komentar",
        "/pemilihan/{id}/medsos/konten/00000000-0000-7000-8000-000000000000/komentar",
        tulis,
        post(formulir::komentar_post),
    )
    .add(
        "POST",
        "/pemilihan/{id}/medsos/konten/{konten}/posting",
        "/pemilihan/{id}/medsos/konten/00000000-0000-7000-8000-000000000000/posting",
        tulis,
        post(formulir::posting_post),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/medsos/konten/{konten}/media",
        "/pemilihan/{id}/medsos/konten/00000000-0000-7000-8000-000000000000/media",
        tulis,
        posko_app::medsos::MEDIA_MAKS + 64 * 1024,
        post(formulir::media_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/medsos/konten/{konten}/media/{hash}",
        "/pemilihan/{id}/medsos/konten/00000000-0000-7000-8000-000000000000/media/0000000000000000000000000000000000000000000000000000000000000000",
        lihat,
        get(formulir::media_get),
    )
    .add_dengan_batas(
        "POST",
        "/api/v1/pemilihan/{id}/medsos/media",
        "/api/v1/pemilihan/{id}/medsos/media",
        tulis,
        posko_app::medsos::MEDIA_MAKS + 64 * 1024,
        post(api::api_media),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/medsos/konten",
        "/api/v1/pemilihan/{id}/medsos/konten",
        lihat,
        get(api::api_daftar),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/medsos/konten",
        "/api/v1/pemilihan/{id}/medsos/konten",
        tulis,
        post(api::api_tulis),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/medsos/konten/{konten}/langkah",
        "/api/v1/pemilihan/{id}/medsos/konten/00000000-0000-7000-8000-000000000000/langkah",
        tulis,
        post(api::api_langkah),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/medsos/konten/{konten}/posting",
        "/api/v1/pemilihan/{id}/medsos/konten/00000000-0000-7000-8000-000000000000/posting",
        tulis,
        post(api::api_posting),
    )
}

// ---------------------------------------------------------------- words

const STATUS: [StatusKonten; 6] = [
    StatusKonten::Draf,
    StatusKonten::Ditinjau,
    StatusKonten::Diperiksa,
    StatusKonten::Disetujui,
    StatusKonten::Diposting,
    StatusKonten::Dibatalkan,
];

fn label_status(s: StatusKonten) -> String {
    crate::t(match s {
        StatusKonten::Draf => "medsos-konten-status-draf",
        StatusKonten::Ditinjau => "medsos-konten-status-ditinjau",
        StatusKonten::Diperiksa => "medsos-konten-status-diperiksa",
        StatusKonten::Disetujui => "medsos-konten-status-disetujui",
        StatusKonten::Diposting => "medsos-konten-status-diposting",
        StatusKonten::Dibatalkan => "medsos-konten-status-dibatalkan",
    })
}

/// A step of the history, as a past-tense word.
fn label_riwayat(slug: &str) -> String {
    crate::t(match slug {
        "tulis" => "medsos-konten-riwayat-tulis",
        "ubah" => "medsos-konten-riwayat-ubah",
        "ajukan" => "medsos-konten-riwayat-ajukan",
        "periksa" => "medsos-konten-riwayat-periksa",
        "setujui" => "medsos-konten-riwayat-setujui",
        "kembalikan" => "medsos-konten-riwayat-kembalikan",
        "posting" => "medsos-konten-riwayat-posting",
        _ => "medsos-konten-riwayat-batalkan",
    })
}

/// A step's button.
fn label_tombol(l: LangkahKonten) -> String {
    crate::t(match l {
        LangkahKonten::Ajukan => "medsos-konten-tombol-ajukan",
        LangkahKonten::Periksa => "medsos-konten-tombol-periksa",
        LangkahKonten::Setujui => "medsos-konten-tombol-setujui",
        LangkahKonten::Kembalikan => "medsos-konten-tombol-kembalikan",
        _ => "medsos-konten-tombol-batalkan",
    })
}

fn zona() -> ZonaWaktu {
    ZonaWaktu::Wib
}

/// `1 Oktober 2029 09.00 WIB`
fn rencana_teks(t: PrimitiveDateTime) -> String {
    format!(
        "{} {:02}.{:02} WIB",
        tanggal(t.date()),
        t.hour(),
        t.minute()
    )
}

/// The form's value of a planned time: `2029-10-01T09:00`.
fn rencana_isian(t: PrimitiveDateTime) -> String {
    format!("{}T{:02}:{:02}", t.date(), t.hour(), t.minute())
}

/// A planned time as typed: `2029-10-01T09:00` (a browser's
/// `datetime-local`), with seconds or a space allowed.
fn baca_rencana(s: &str) -> Result<PrimitiveDateTime, posko_app::AppError> {
    let salah =
        || posko_app::AppError::Invalid(format!("rencana tayang '{s}' bukan TTTT-BB-HHTjj:mm"));
    let s = s.trim();
    let (d, j) = s
        .split_once('T')
        .or_else(|| s.split_once(' '))
        .ok_or_else(salah)?;
    let d = Date::parse(d, time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|_| salah())?;
    let mut bagian = j.split(':');
    let mut angka = || -> Option<u8> { bagian.next()?.parse().ok() };
    let (h, m) = (angka().ok_or_else(salah)?, angka().ok_or_else(salah)?);
    let detik = angka().unwrap_or(0);
    let t = Time::from_hms(h, m, detik).map_err(|_| salah())?;
    Ok(PrimitiveDateTime::new(d, t))
}

fn baca_uuid(s: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(s.trim()).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        )
    })
}

fn href_konten(r: &RuangMedsos, id: Uuid) -> String {
    format!("{}/konten/{id}", dasar(r))
}

fn nama_akun(r: &RuangMedsos, id: Uuid) -> String {
    r.cari_akun(id)
        .map_or_else(|| id.to_string()[..8].to_string(), |a| a.isi.label())
}

/// The accounts one may plan on: registered and not retired.
fn pilihan_akun(r: &RuangMedsos, dipilih: &[Uuid]) -> Vec<(String, String, bool)> {
    r.akun
        .iter()
        .filter(|a| !a.isi.pensiun)
        .map(|a| (a.id.to_string(), a.isi.label(), dipilih.contains(&a.id)))
        .collect()
}

// ---------------------------------------------------------------- calendar

struct BarisKalender {
    href: String,
    judul: String,
    jam: String,
    status: String,
    status_slug: &'static str,
    akun: String,
    penulis: String,
}

struct HariKalender {
    tanggal: String,
    /// "masa tenang", "sebelum kampanye": empty inside the campaign.
    catatan: String,
    baris: Vec<BarisKalender>,
}

#[derive(Template)]
#[template(path = "medsos_kalender.html")]
struct HalamanKalender {
    judul: String,
    dasar: String,
    csrf: String,
    masa: String,
    tenang: String,
    /// (href, label, count, chosen) of each status, "all" first.
    saring: Vec<(String, String, usize, bool)>,
    hari: Vec<HariKalender>,
    boleh_tulis: bool,
    akun: Vec<(String, String, bool)>,
    rencana: String,
    teks_maks: usize,
}

#[derive(Deserialize)]
struct KueriKalender {
    #[serde(default)]
    status: String,
}

async fn kalender(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<KueriKalender>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let pilih = STATUS.into_iter().find(|x| x.slug() == q.status.trim());
    let d = dasar(&r);
    let mut saring = vec![(
        format!("{d}/kalender"),
        crate::t("medsos-konten-semua"),
        r.konten.len(),
        pilih.is_none(),
    )];
    for st in STATUS {
        saring.push((
            format!("{d}/kalender?status={}", st.slug()),
            label_status(st),
            r.konten.iter().filter(|k| k.isi.status == st).count(),
            pilih == Some(st),
        ));
    }
    let mut konten: Vec<&Tersimpan<KontenMedsos>> = r
        .konten
        .iter()
        .filter(|k| pilih.is_none_or(|st| k.isi.status == st))
        .collect();
    konten.sort_by_key(|k| (k.isi.rencana, k.id));
    let (tenang_mulai, tenang_akhir) = r.masa.masa_tenang();
    let mut hari: Vec<HariKalender> = Vec::new();
    let mut hari_ini: Option<Date> = None;
    for k in konten {
        let tgl = k.isi.rencana.date();
        if hari_ini != Some(tgl) {
            hari_ini = Some(tgl);
            let catatan = if tgl < r.masa.mulai {
                crate::t("medsos-konten-sebelum-kampanye")
            } else if tgl > r.masa.akhir && tgl < r.masa.pemungutan {
                crate::t("medsos-konten-di-masa-tenang")
            } else if tgl >= r.masa.pemungutan {
                crate::t("medsos-konten-setelah-kampanye")
            } else {
                String::new()
            };
            hari.push(HariKalender {
                tanggal: tanggal(tgl),
                catatan,
                baris: Vec::new(),
            });
        }
        let t = k.isi.rencana;
        hari.last_mut()
            .expect("a day was pushed")
            .baris
            .push(BarisKalender {
                href: href_konten(&r, k.id),
                judul: k.isi.judul.clone(),
                jam: format!("{:02}.{:02}", t.hour(), t.minute()),
                status: label_status(k.isi.status),
                status_slug: k.isi.status.slug(),
                akun: k
                    .isi
                    .akun
                    .iter()
                    .map(|a| nama_akun(&r, *a))
                    .collect::<Vec<_>>()
                    .join(", "),
                penulis: r.nama(k.isi.penulis),
            });
    }
    // A new draft's default: tomorrow (or the campaign's first day) at 9.
    let besok = (r.hari_ini + time::Duration::days(1)).max(r.masa.mulai);
    let rencana = rencana_isian(PrimitiveDateTime::new(
        besok,
        Time::from_hms(9, 0, 0).expect("valid time"),
    ));
    render(HalamanKalender {
        judul: crate::t1(
            "medsos-konten-kalender-judul",
            "nama",
            r.pemilihan.nama.clone(),
        ),
        dasar: d,
        csrf: m.sesi.csrf.clone(),
        masa: crate::t2(
            "medsos-konten-masa-kampanye",
            "mulai",
            tanggal(r.masa.mulai),
            "akhir",
            tanggal(r.masa.akhir),
        ),
        tenang: crate::t2(
            "medsos-konten-masa-tenang",
            "mulai",
            tanggal(tenang_mulai),
            "akhir",
            tanggal(tenang_akhir),
        ),
        saring,
        hari,
        boleh_tulis: boleh(&m, &r, posko_domain::Izin::TulisMedsos),
        akun: pilihan_akun(&r, &[]),
        rencana,
        teks_maks: posko_app::medsos::TEKS_MAKS,
    })
}

// ---------------------------------------------------------------- one draft

struct VersiIsi {
    versi: u32,
    /// "Versi 2 · Rina · 1 Oktober 2029 09.00 WIB"
    ringkas: String,
    judul: String,
    baris: Vec<String>,
    kini: bool,
}

struct BarisRiwayat {
    langkah: String,
    oleh: String,
    waktu: String,
    catatan: String,
    versi: u32,
}

struct BarisKomentar {
    oleh: String,
    waktu: String,
    teks: String,
    versi: u32,
}

struct BarisPosting {
    akun: String,
    url: String,
    oleh: String,
    waktu: String,
}

#[derive(Template)]
#[template(path = "medsos_konten.html")]
struct HalamanKonten {
    judul: String,
    dasar: String,
    href: String,
    csrf: String,
    status: String,
    status_slug: &'static str,
    rencana: String,
    akun: Vec<String>,
    penulis: String,
    versi_isi: u32,
    /// (href, hash) of each file.
    media: Vec<(String, String)>,
    /// Claims of the issue desk it answers: (link, title).
    isu: Vec<(String, String)>,
    baris: Vec<String>,
    versi: Vec<VersiIsi>,
    riwayat: Vec<BarisRiwayat>,
    komentar: Vec<BarisKomentar>,
    posting: Vec<BarisPosting>,
    /// (slug, button) of each step the person may take now.
    langkah: Vec<(&'static str, String)>,
    boleh_tulis: bool,
    boleh_ubah: bool,
    /// (account id, label) still to record as posted.
    belum_posting: Vec<(String, String)>,
    // The edit form's values.
    isian_judul: String,
    isian_teks: String,
    isian_media: String,
    isian_akun: Vec<(String, String, bool)>,
    isian_rencana: String,
    teks_maks: usize,
}

fn baris_teks(t: &str) -> Vec<String> {
    t.lines().map(str::to_string).collect()
}

async fn halaman_konten(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, konten)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let konten = baca_uuid(&konten)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let k = r.cari_konten(konten).ok_or_else(|| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        )
    })?;
    let semua = s
        .posko
        .riwayat_konten_medsos(&m.pengguna, id, konten)
        .await?;
    let z = zona();
    // One line per content version: the first stored version that holds it.
    let mut versi: Vec<VersiIsi> = Vec::new();
    for v in &semua {
        if versi.last().is_none_or(|x| x.versi != v.isi.versi_isi) {
            let (nama, kapan) = (r.nama(v.oleh), waktu(v.waktu, z));
            versi.push(VersiIsi {
                versi: v.isi.versi_isi,
                ringkas: crate::tn(
                    "medsos-konten-versi-baris",
                    &[
                        ("versi", &v.isi.versi_isi),
                        ("nama", &nama),
                        ("waktu", &kapan),
                    ],
                ),
                judul: v.isi.judul.clone(),
                baris: baris_teks(&v.isi.teks),
                kini: v.isi.versi_isi == k.isi.versi_isi,
            });
        }
    }
    versi.reverse();
    let i = &k.isi;
    let boleh_tulis = boleh(&m, &r, posko_domain::Izin::TulisMedsos);
    let boleh_ubah = boleh_tulis && boleh_langkah(&r, &m.pengguna, i, LangkahKonten::Ubah).is_ok();
    let boleh_posting =
        boleh_tulis && matches!(i.status, StatusKonten::Disetujui | StatusKonten::Diposting);
    render(HalamanKonten {
        judul: crate::t1("medsos-konten-halaman-judul", "judul", i.judul.clone()),
        dasar: dasar(&r),
        href: href_konten(&r, k.id),
        csrf: m.sesi.csrf.clone(),
        status: label_status(i.status),
        status_slug: i.status.slug(),
        rencana: rencana_teks(i.rencana),
        akun: i.akun.iter().map(|a| nama_akun(&r, *a)).collect(),
        penulis: r.nama(i.penulis),
        versi_isi: i.versi_isi,
        media: i
            .media
            .iter()
            .map(|h| (format!("{}/media/{h}", href_konten(&r, k.id)), h.clone()))
            .collect(),
        // Its own links and the claims that name it as their answer.
        isu: i
            .isu
            .iter()
            .copied()
            .chain(
                r.isu
                    .iter()
                    .filter(|u| u.isi.konten.contains(&k.id) && !i.isu.contains(&u.id))
                    .map(|u| u.id),
            )
            .collect::<Vec<_>>()
            .iter()
            .map(|x| {
                let judul = r
                    .cari_isu(*x)
                    .map_or_else(|| x.to_string(), |u| u.isi.judul.clone());
                (format!("{}/isu/{x}", super::dasar(&r)), judul)
            })
            .collect(),
        baris: baris_teks(&i.teks),
        versi,
        riwayat: i
            .riwayat
            .iter()
            .map(|l| BarisRiwayat {
                langkah: label_riwayat(&l.langkah),
                oleh: r.nama(l.oleh),
                waktu: waktu(l.waktu, z),
                catatan: l.catatan.clone(),
                versi: l.versi_isi,
            })
            .collect(),
        komentar: i
            .komentar
            .iter()
            .map(|c| BarisKomentar {
                oleh: r.nama(c.oleh),
                waktu: waktu(c.waktu, z),
                teks: c.teks.clone(),
                versi: c.versi_isi,
            })
            .collect(),
        posting: i
            .diposting
            .iter()
            .map(|x| BarisPosting {
                akun: nama_akun(&r, x.akun),
                url: x.url.clone(),
                oleh: r.nama(x.oleh),
                waktu: waktu(x.waktu, z),
            })
            .collect(),
        langkah: if boleh_tulis {
            langkah_tersedia(&r, &m.pengguna, i)
                .into_iter()
                .map(|l| (slug_langkah(l), label_tombol(l)))
                .collect()
        } else {
            Vec::new()
        },
        boleh_tulis,
        boleh_ubah,
        belum_posting: if boleh_posting {
            i.akun
                .iter()
                .filter(|a| !i.diposting.iter().any(|x| x.akun == **a))
                .map(|a| (a.to_string(), nama_akun(&r, *a)))
                .collect()
        } else {
            Vec::new()
        },
        isian_judul: i.judul.clone(),
        isian_teks: i.teks.clone(),
        isian_media: i.media.join("\n"),
        isian_akun: pilihan_akun(&r, &i.akun),
        isian_rencana: rencana_isian(i.rencana),
        teks_maks: posko_app::medsos::TEKS_MAKS,
    })
}
