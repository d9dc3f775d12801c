//! The finance room (dana kampanye, issue 22) for people: the ledger at a
//! glance (`/pemilihan/{id}/dana`), the ledger itself with its filters,
//! one entry with its corrections, the donors with their running totals
//! and the excess still to return, and the LADK/LPSDK/LPPDK lines. The
//! treasurer's forms (donation, spending, correction, return of excess)
//! post here; every rule is the app's (`posko_app::dana`). The JSON API
//! of the same reads and writes is in [`api`].
//!
//! Policy: reading is `Izin::LihatDana`, writing `Izin::CatatDana`, both
//! over the election's whole region (`Sasaran::PemilihanUtuh`), as the use
//! cases ask. `/dana` lists the elections whose finance room one may open
//! (the menu's entry).

pub(crate) mod api;
mod buku;
mod laporan;
pub(crate) use buku::{BelanjaAcara, KueriBuku, arah_entri, belanja_acara};
pub(crate) mod api_jadwal;
mod bukti;
mod formulir;
pub(crate) mod jadwal;
pub(crate) mod rekonsiliasi;

pub(crate) use formulir::*;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use posko_app::AppError;
use posko_app::dana::{
    BelanjaBaru, IdentitasPenyumbang, KoreksiBaru, PengembalianBaru, PilihPenyumbang, SumbanganBaru,
};
use posko_domain::dana::{
    Arah, BentukDana, JenisBentuk, KategoriBelanja, Periode, Rekening, SumberDana, TujuanKelebihan,
    Uang,
};
use posko_storage::{EntriDana, JenisEntriDana, SaringDana};
use serde::Deserialize;
use time::Date;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::bahasa::Bahasa;
use crate::error::PageError;
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(posko_domain::Izin::LihatDana, Sasaran::PemilihanUtuh);
    let catat = Izin(posko_domain::Izin::CatatDana, Sasaran::PemilihanUtuh);
    let r = r
        .add(
            "GET",
            "/dana",
            "/dana",
            Izin(posko_domain::Izin::LihatDana, Sasaran::Manapun),
            get(pilih_pemilihan),
        )
        .add(
            "GET",
            "/pemilihan/{id}/dana",
            "/pemilihan/{id}/dana",
            lihat,
            get(beranda),
        )
        .add(
            "GET",
            "/pemilihan/{id}/dana/buku",
            "/pemilihan/{id}/dana/buku",
            lihat,
            get(buku::buku),
        )
        .add(
            "GET",
            "/pemilihan/{id}/dana/entri/{entri}",
            "/pemilihan/{id}/dana/entri/00000000-0000-7000-8000-000000000000",
            lihat,
            get(buku::entri),
        )
        .add(
            "GET",
            "/pemilihan/{id}/dana/penyumbang",
            "/pemilihan/{id}/dana/penyumbang",
            lihat,
            get(penyumbang),
        )
        .add(
            "GET",
            "/pemilihan/{id}/dana/laporan/{periode}",
            "/pemilihan/{id}/dana/laporan/lppdk",
            lihat,
            get(laporan::laporan),
        )
        .add(
            "GET",
            "/pemilihan/{id}/dana/laporan/{periode}/{format}",
            "/pemilihan/{id}/dana/laporan/lppdk/xlsx",
            lihat,
            get(laporan::laporan_berkas),
        )
        .add(
            "GET",
            "/pemilihan/{id}/dana/rekonsiliasi",
            "/pemilihan/{id}/dana/rekonsiliasi",
            lihat,
            get(rekonsiliasi::formulir),
        )
        .add_dengan_batas(
            "POST",
            "/pemilihan/{id}/dana/rekonsiliasi",
            "/pemilihan/{id}/dana/rekonsiliasi",
            lihat,
            rekonsiliasi::BODY_LIMIT_MUTASI,
            post(rekonsiliasi::unggah),
        )
        .add_dengan_batas(
            "POST",
            "/api/v1/pemilihan/{id}/dana/rekonsiliasi",
            "/api/v1/pemilihan/{id}/dana/rekonsiliasi",
            lihat,
            rekonsiliasi::BODY_LIMIT_MUTASI,
            post(rekonsiliasi::api_rekonsiliasi),
        )
        .add(
            "POST",
            "/pemilihan/{id}/dana/pengembalian",
            "/pemilihan/{id}/dana/pengembalian",
            catat,
            post(pengembalian_post),
        )
        .add(
            "GET",
            "/pemilihan/{id}/dana/laporan/{periode}/penyumbang/{format}",
            "/pemilihan/{id}/dana/laporan/lppdk/penyumbang/xlsx",
            lihat,
            get(jadwal::penyumbang_berkas),
        )
        .add(
            "POST",
            "/pemilihan/{id}/dana/jadwal",
            "/pemilihan/{id}/dana/jadwal",
            catat,
            post(jadwal::jadwal_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/dana/penyampaian",
            "/pemilihan/{id}/dana/penyampaian",
            catat,
            post(jadwal::penyampaian_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/dana/pengaturan",
            "/pemilihan/{id}/dana/pengaturan",
            catat,
            post(pengaturan_post),
        );
    api_jadwal::routes(api::routes(bukti::routes(r)))
}

/// A vocabulary word in the page's language.
pub(crate) fn kata(id: &'static str, en: &'static str) -> &'static str {
    match Bahasa::kini() {
        Bahasa::Id => id,
        Bahasa::En => en,
    }
}

fn sumber_label(s: SumberDana) -> &'static str {
    kata(s.label(), s.label_en())
}

fn kategori_label(k: KategoriBelanja) -> &'static str {
    kata(k.label(), k.label_en())
}

fn rekening_label(r: Rekening) -> &'static str {
    kata(r.label(), r.label_en())
}

fn bentuk_teks(b: &BentukDana) -> String {
    let j = b.jenis();
    let nama = kata(j.label(), j.label_en());
    match b {
        BentukDana::Uang => nama.to_string(),
        BentukDana::Barang {
            jumlah_unit,
            satuan,
        } => format!("{nama} ({jumlah_unit} {satuan})"),
        BentukDana::Jasa { jenis } => format!("{nama} ({jenis})"),
    }
}

/// (slug, label, selected)
type Pilihan = Vec<(&'static str, &'static str, bool)>;

fn pilihan_sumber() -> Pilihan {
    SumberDana::ALL
        .iter()
        .map(|s| (s.slug(), sumber_label(*s), *s == SumberDana::Perseorangan))
        .collect()
}

fn pilihan_kategori() -> Pilihan {
    KategoriBelanja::ALL
        .iter()
        .map(|k| (k.slug(), kategori_label(*k), false))
        .collect()
}

fn pilihan_rekening() -> Pilihan {
    Rekening::ALL
        .iter()
        .map(|r| (r.slug(), rekening_label(*r), *r == Rekening::Rkdk))
        .collect()
}

fn pilihan_bentuk() -> Pilihan {
    JenisBentuk::ALL
        .iter()
        .map(|j| {
            (
                j.slug(),
                kata(j.label(), j.label_en()),
                *j == JenisBentuk::Uang,
            )
        })
        .collect()
}

/// Today in WIB, for the forms' default date.
fn hari_ini() -> String {
    time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_hms(7, 0, 0).expect("valid offset"))
        .date()
        .to_string()
}

fn boleh_catat(m: &posko_app::Masuk, pemilihan_wilayah: posko_domain::KodeWilayah) -> bool {
    posko_domain::diizinkan(
        &m.pengguna.penugasan,
        posko_domain::Izin::CatatDana,
        &posko_domain::Objek::Wilayah(pemilihan_wilayah),
    )
}

async fn nama_pemilihan(
    s: &AppState,
    id: Uuid,
) -> Result<(String, posko_domain::KodeWilayah), PageError> {
    let v = s.posko.pemilihan_view(id).await?;
    Ok((v.pemilihan.nama.clone(), v.pemilihan.wilayah))
}

// ---------------------------------------------------------------- /dana

#[derive(Template)]
#[template(path = "dana_pilih.html")]
struct HalamanPilih {
    pemilihan: Vec<(String, String)>,
}

async fn pilih_pemilihan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let mut pemilihan = Vec::new();
    for e in s.posko.daftar_pemilihan().await? {
        if let Some(href) =
            crate::menu::tautan(&s, &m, "/pemilihan/{id}/dana", &[("id", e.id.to_string())]).await
        {
            pemilihan.push((href, e.nama.clone()));
        }
    }
    render(HalamanPilih { pemilihan })
}

// ---------------------------------------------------------------- home

#[derive(Template)]
#[template(path = "dana.html")]
struct HalamanBeranda {
    jadwal: Option<jadwal::BagianJadwal>,
    judul: String,
    dasar: String,
    csrf: String,
    penerimaan: String,
    pengeluaran: String,
    saldo: String,
    kelebihan: String,
    belum_dikembalikan: String,
    ada_belum: bool,
    batas: Option<String>,
    belanja_kampanye: String,
    persen: Option<String>,
    jumlah_penyumbang: usize,
    boleh_catat: bool,
    hari_ini: String,
    sumber: Pilihan,
    kategori: Pilihan,
    rekening: Pilihan,
    bentuk: Pilihan,
    penyumbang: Vec<(String, String)>,
    laporan: Vec<(String, &'static str)>,
    /// The settings form's values: the campaign's first and last day and
    /// the spending cap as stored (empty when unset).
    mulai_kampanye: String,
    akhir_kampanye: String,
    batas_isi: String,
}

fn persen_teks(x: f64) -> String {
    let s = format!("{x:.2}");
    match Bahasa::kini() {
        Bahasa::Id => s.replace('.', ","),
        Bahasa::En => s,
    }
}

/// A donor's name for a list: their name, or "anonim" / the source.
fn nama_penyumbang(p: &posko_app::dana::PenyumbangTerbuka) -> String {
    match &p.identitas {
        Some(i) if !i.nama.trim().is_empty() => i.nama.clone(),
        _ => format!("{} ({})", crate::t("dana-anonim"), sumber_label(p.sumber)),
    }
}

async fn beranda(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ringkasan_dana(&m.pengguna, id).await?;
    let daftar = s.posko.daftar_penyumbang(&m.pengguna, id).await?;
    let (nama, wilayah) = nama_pemilihan(&s, id).await?;
    let atur = s.posko.pengaturan_dana(&m.pengguna, id).await?;
    let dasar = format!("/pemilihan/{id}/dana");
    let jadwal = s
        .posko
        .jadwal_terlihat_dana(&m.pengguna, id)
        .await?
        .map(|j| jadwal::bagian(&j, &dasar));
    render(HalamanBeranda {
        jadwal,
        mulai_kampanye: atur
            .as_ref()
            .map(|a| a.mulai_kampanye.to_string())
            .unwrap_or_default(),
        akhir_kampanye: atur
            .as_ref()
            .map(|a| a.akhir_kampanye.to_string())
            .unwrap_or_default(),
        batas_isi: atur
            .and_then(|a| a.batas_belanja)
            .map(|b| b.to_string())
            .unwrap_or_default(),
        judul: crate::t1("dana-judul", "nama", nama),
        csrf: m.sesi.csrf.clone(),
        penerimaan: r.total_penerimaan.to_string(),
        pengeluaran: r.total_pengeluaran.to_string(),
        saldo: r.saldo.to_string(),
        kelebihan: r.kelebihan.to_string(),
        belum_dikembalikan: r.belum_dikembalikan.to_string(),
        ada_belum: r.belum_dikembalikan.positif(),
        batas: r.batas_belanja.map(|b| b.to_string()),
        belanja_kampanye: r.belanja_kampanye.to_string(),
        persen: r.persen_batas.map(persen_teks),
        jumlah_penyumbang: daftar.len(),
        boleh_catat: boleh_catat(&m, wilayah),
        hari_ini: hari_ini(),
        sumber: pilihan_sumber(),
        kategori: pilihan_kategori(),
        rekening: pilihan_rekening(),
        bentuk: pilihan_bentuk(),
        penyumbang: daftar
            .iter()
            .map(|p| (p.id.to_string(), nama_penyumbang(p)))
            .collect(),
        laporan: Periode::ALL
            .iter()
            .map(|p| {
                (
                    format!("{dasar}/laporan/{}", p.slug()),
                    kata(p.label(), p.label_en()),
                )
            })
            .collect(),
        dasar,
    })
}

// ---------------------------------------------------------------- donors

struct BarisPenyumbang {
    id: String,
    nama: String,
    sumber: &'static str,
    kontak: String,
    bersih: String,
    terpakai: String,
    kelebihan: String,
    dikembalikan: String,
    belum: String,
    ada_kelebihan: bool,
    buku: String,
}

#[derive(Template)]
#[template(path = "dana_penyumbang.html")]
struct HalamanPenyumbang {
    judul: String,
    dasar: String,
    csrf: String,
    baris: Vec<BarisPenyumbang>,
    boleh_catat: bool,
    hari_ini: String,
    tujuan: Vec<(&'static str, &'static str)>,
}

async fn penyumbang(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let daftar = s.posko.daftar_penyumbang(&m.pengguna, id).await?;
    let posisi = s.posko.posisi_dana(&m.pengguna, id).await?;
    let (judul, wilayah) = nama_pemilihan(&s, id).await?;
    let dasar = format!("/pemilihan/{id}/dana");
    let mut baris: Vec<BarisPenyumbang> = daftar
        .iter()
        .map(|d| {
            let ps = posisi
                .iter()
                .find(|x| x.penyumbang_id == Some(d.id))
                .map(|x| x.posisi.clone());
            let u = |f: fn(&posko_domain::dana::PosisiPenyumbang) -> Uang| {
                ps.as_ref().map_or(Uang::NOL, f)
            };
            let kontak = d
                .identitas
                .as_ref()
                .map(|i| {
                    [
                        i.nik.as_deref().map(|n| format!("NIK {n}")),
                        i.npwp.as_deref().map(|n| format!("NPWP {n}")),
                        i.telepon.clone(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ")
                })
                .unwrap_or_default();
            BarisPenyumbang {
                id: d.id.to_string(),
                nama: nama_penyumbang(d),
                sumber: sumber_label(d.sumber),
                kontak,
                bersih: u(|p| p.bersih).to_string(),
                terpakai: u(|p| p.terpakai).to_string(),
                kelebihan: u(|p| p.kelebihan).to_string(),
                dikembalikan: u(|p| p.dikembalikan).to_string(),
                belum: u(|p| p.belum_dikembalikan).to_string(),
                ada_kelebihan: u(|p| p.kelebihan).positif(),
                buku: format!("{dasar}/buku?penyumbang={}", d.id),
            }
        })
        .collect();
    // The anonymous donations of each source: all of it is excess.
    for x in posisi.iter().filter(|x| x.penyumbang_id.is_none()) {
        let q = &x.posisi;
        baris.push(BarisPenyumbang {
            id: String::new(),
            nama: crate::t("dana-anonim"),
            sumber: sumber_label(q.penyumbang.sumber),
            kontak: String::new(),
            bersih: q.bersih.to_string(),
            terpakai: q.terpakai.to_string(),
            kelebihan: q.kelebihan.to_string(),
            dikembalikan: q.dikembalikan.to_string(),
            belum: q.belum_dikembalikan.to_string(),
            ada_kelebihan: q.kelebihan.positif(),
            buku: String::new(),
        });
    }
    render(HalamanPenyumbang {
        judul: crate::t1("dana-penyumbang-judul", "nama", judul),
        dasar,
        csrf: m.sesi.csrf.clone(),
        baris,
        boleh_catat: boleh_catat(&m, wilayah),
        hari_ini: hari_ini(),
        tujuan: TujuanKelebihan::ALL
            .iter()
            .map(|t| (t.slug(), kata(t.label(), t.label_en())))
            .collect(),
    })
}

// ---------------------------------------------------------------- writes

/// Where a form goes back to: a page of this election's finance room.
fn kembali(id: Uuid, ke: &str) -> String {
    let dasar = format!("/pemilihan/{id}/dana");
    if ke.starts_with(&dasar) && !ke.contains("//") {
        ke.to_string()
    } else {
        dasar
    }
}

async fn pengembalian_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormPengembalian>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let baru = f.baca()?;
    s.posko
        .catat_pengembalian_kelebihan(&m.pengguna, id, &baru)
        .await?;
    Ok(crate::akun::see_other(&kembali(
        id,
        &format!("/pemilihan/{id}/dana/penyumbang"),
    )))
}

/// The settings form: the campaign's first and last day (the reporting
/// periods follow from them) and the region's spending cap.
#[derive(Deserialize)]
pub(crate) struct FormPengaturan {
    csrf: String,
    mulai_kampanye: String,
    akhir_kampanye: String,
    #[serde(default)]
    batas_belanja: String,
}

async fn pengaturan_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormPengaturan>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let mulai = baca_tanggal(&f.mulai_kampanye)?;
    let akhir = baca_tanggal(&f.akhir_kampanye)?;
    let batas = match f.batas_belanja.trim() {
        "" => None,
        b => Some(baca_uang(b)?),
    };
    s.posko
        .atur_dana(&m.pengguna, id, mulai, akhir, batas)
        .await?;
    Ok(crate::akun::see_other(&format!("/pemilihan/{id}/dana")))
}
