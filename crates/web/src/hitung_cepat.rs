//! The quick count in the war room: design the sample (with the expected
//! margin shown before anything is drawn), draw it once, watch the
//! estimate with its margins as sampled TPS report, download the sample
//! for assigning saksi, and, once the embargo is over, a printable summary
//! for outside eyes.

use std::fmt::Write as _;
use std::hash::{BuildHasher, Hasher};

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use posko_app::AppError;
use posko_app::hitung_cepat::HitungCepat;
use posko_domain::ZonaWaktu;
use posko_domain::hitung_cepat::{
    AlasanBelumCukup, Alokasi, DesainSampel, KeadaanTaksiran, Putusan, Stratifikasi,
    TaksiranProporsi,
};
use posko_storage::Paslon;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::error::PageError;
use crate::format::ribuan;
use crate::pages::render;
use crate::{AppState, Rutes};

pub(crate) mod aturan;
mod grafik;

use grafik::{svg_batang, svg_lintasan};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    // The estimate is of the whole election and internal until the
    // embargo ends: campaign-wide viewers only, not every saksi whose TPS
    // lies in the election's region.
    let lihat = Izin(posko_domain::Izin::LihatHitungCepat, Sasaran::Global);
    let kelola = Izin(posko_domain::Izin::KelolaPemilihan, Sasaran::Global);
    r.add(
        "GET",
        "/pemilihan/{id}/hitung-cepat",
        "/pemilihan/{id}/hitung-cepat",
        lihat,
        get(page),
    )
    .add(
        "POST",
        "/pemilihan/{id}/hitung-cepat/sampel",
        "/pemilihan/{id}/hitung-cepat/sampel",
        kelola,
        post(tarik),
    )
    .add(
        "GET",
        "/pemilihan/{id}/hitung-cepat/sampel.csv",
        "/pemilihan/{id}/hitung-cepat/sampel.csv",
        lihat,
        get(csv),
    )
    .add(
        "GET",
        "/pemilihan/{id}/hitung-cepat/xlsx",
        "/pemilihan/{id}/hitung-cepat/xlsx",
        lihat,
        get(unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/hitung-cepat/pdf",
        "/pemilihan/{id}/hitung-cepat/pdf",
        lihat,
        get(unduh),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/hitung-cepat",
        "/api/v1/pemilihan/{id}/hitung-cepat",
        lihat,
        get(aturan::api_hitung_cepat),
    )
    .add(
        "GET",
        "/pemilihan/{id}/hitung-cepat/rilis",
        "/pemilihan/{id}/hitung-cepat/rilis",
        Publik,
        get(rilis),
    )
}

// ------------------------------------------------------------ formatting

/// A fraction as a percentage with one decimal, Indonesian style: `52,3`
/// (`52.3` on an English page).
/// A fraction as percent without the sign, in the page's language, as
/// every page writes shares ([`crate::format::angka_porsi`]).
fn angka_persen(x: f64) -> String {
    crate::format::angka_porsi(x)
}

fn persen(x: f64) -> String {
    crate::format::porsi(x)
}

/// `52,3 % ± 1,1` (the margin in percentage points), or what is missing.
fn dengan_margin(t: &TaksiranProporsi) -> String {
    match t.keadaan {
        KeadaanTaksiran::Terukur => format!("{} ± {}", persen(t.nilai), angka_persen(t.margin_95)),
        KeadaanTaksiran::GalatTakTerukur => {
            crate::t1("hc-galat-belum-terukur", "nilai", persen(t.nilai))
        }
        KeadaanTaksiran::TanpaData => crate::t("hc-belum-ada-data"),
    }
}

/// `28-11-2029 15.00 WIB`, in the election region's own zone
/// (`… 16.00 WITA` for Makassar); English pages add the offset from UTC
/// (`15.00 WIB (UTC+7)`), which readers abroad know and WIB they may not.
fn waktu_di(t: OffsetDateTime, zona: ZonaWaktu) -> String {
    let t = t.to_offset(zona.offset());
    let utc = match crate::bahasa::Bahasa::kini() {
        crate::bahasa::Bahasa::Id => String::new(),
        crate::bahasa::Bahasa::En => format!(" (UTC+{})", zona.offset().whole_hours()),
    };
    format!(
        "{:02}-{:02}-{:04} {:02}.{:02} {}{utc}",
        t.day(),
        t.month() as u8,
        t.year(),
        t.hour(),
        t.minute(),
        zona.singkatan()
    )
}

fn waktu_unix(detik: i64, zona: ZonaWaktu) -> String {
    OffsetDateTime::from_unix_timestamp(detik)
        .map(|t| waktu_di(t, zona))
        .unwrap_or_else(|_| detik.to_string())
}

fn nama_stratifikasi(s: Stratifikasi) -> String {
    crate::t(match s {
        Stratifikasi::Tanpa => "hc-stratifikasi-tanpa",
        Stratifikasi::KabKota => "hc-stratifikasi-kab-kota",
        Stratifikasi::Kecamatan => "hc-stratifikasi-kecamatan",
    })
}

fn nama_alokasi(a: Alokasi) -> String {
    crate::t(match a {
        Alokasi::ProporsionalDpt => "hc-alokasi-proporsional",
        Alokasi::Merata => "hc-alokasi-merata",
    })
}

fn slug_stratifikasi(s: Stratifikasi) -> &'static str {
    match s {
        Stratifikasi::Tanpa => "tanpa",
        Stratifikasi::KabKota => "kab_kota",
        Stratifikasi::Kecamatan => "kecamatan",
    }
}

fn slug_alokasi(a: Alokasi) -> &'static str {
    match a {
        Alokasi::ProporsionalDpt => "proporsional_dpt",
        Alokasi::Merata => "merata",
    }
}

fn tidak_sah(pesan: String) -> PageError {
    PageError(StatusCode::UNPROCESSABLE_ENTITY, pesan)
}

fn baca_stratifikasi(s: Option<&str>) -> Result<Stratifikasi, PageError> {
    match s.map(str::trim).unwrap_or("kab_kota") {
        "" | "kab_kota" => Ok(Stratifikasi::KabKota),
        "tanpa" => Ok(Stratifikasi::Tanpa),
        "kecamatan" => Ok(Stratifikasi::Kecamatan),
        x => Err(tidak_sah(crate::t1("hc-galat-stratifikasi", "nilai", x))),
    }
}

fn baca_alokasi(s: Option<&str>) -> Result<Alokasi, PageError> {
    match s.map(str::trim).unwrap_or("proporsional_dpt") {
        "" | "proporsional_dpt" => Ok(Alokasi::ProporsionalDpt),
        "merata" => Ok(Alokasi::Merata),
        x => Err(tidak_sah(crate::t1("hc-galat-alokasi", "nilai", x))),
    }
}

fn kosong(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn baca_u32(s: &Option<String>, apa: &str) -> Result<Option<u32>, PageError> {
    kosong(s)
        .map(|x| {
            x.replace('.', "").parse::<u32>().map_err(|_| {
                tidak_sah(crate::t2(
                    "hc-galat-bukan-bilangan",
                    "apa",
                    crate::t(apa),
                    "nilai",
                    x,
                ))
            })
        })
        .transpose()
}

fn baca_benih(s: &Option<String>) -> Result<Option<u64>, PageError> {
    kosong(s)
        .map(|x| {
            x.parse::<u64>()
                .map_err(|_| tidak_sah(crate::t1("hc-galat-benih", "nilai", x)))
        })
        .transpose()
}

/// A margin in percentage points (`1,5` or `1.5`) as a fraction.
fn baca_margin(s: &Option<String>) -> Result<Option<f64>, PageError> {
    kosong(s)
        .map(|x| {
            x.replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|m| m.is_finite() && *m > 0.0 && *m < 100.0)
                .map(|m| m / 100.0)
                .ok_or_else(|| tidak_sah(crate::t1("hc-galat-margin", "nilai", x)))
        })
        .transpose()
}

/// A fresh seed for the form: not secret (it is published), only not
/// chosen by hand. Twelve digits, easy to read out and write down.
fn benih_acak() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_i128(OffsetDateTime::now_utc().unix_timestamp_nanos());
    h.finish() % 1_000_000_000_000
}

fn nama_paslon(p: &Paslon) -> String {
    format!(
        "{}. {} – {}",
        p.nomor_urut.get(),
        p.calon_kepala,
        p.calon_wakil
    )
}

/// Why no leader may be called yet, in the page's language with its
/// number formats (the domain's own wording is Indonesian, "0.1 %").
fn alasan_teks(a: &AlasanBelumCukup) -> String {
    match a {
        AlasanBelumCukup::KurangDariDuaPaslon => crate::t("hc-alasan-dua-paslon"),
        AlasanBelumCukup::TpsKurang { masuk, minimum } => crate::t2(
            "hc-alasan-tps-kurang",
            "masuk",
            ribuan(u64::from(*masuk)),
            "minimum",
            ribuan(u64::from(*minimum)),
        ),
        AlasanBelumCukup::StrataBelumMasuk { jumlah, bobot_dpt } => crate::t2(
            "hc-alasan-strata",
            "jumlah",
            ribuan(*jumlah as u64),
            "persen",
            persen(*bobot_dpt),
        ),
        AlasanBelumCukup::GalatTakTerukur => crate::t("hc-alasan-galat"),
        AlasanBelumCukup::KedatanganTimpang {
            ketimpangan,
            maksimum,
        } => crate::t2(
            "hc-alasan-timpang",
            "persen",
            persen(*ketimpangan),
            "batas",
            persen(*maksimum),
        ),
    }
}

fn putusan(p: &Putusan, paslon: &[Paslon]) -> String {
    match p {
        Putusan::Unggul { paslon: i } => {
            let nomor = paslon
                .get(*i)
                .map(|p| p.nomor_urut.get().to_string())
                .unwrap_or_else(|| (i + 1).to_string());
            crate::t1("hc-unggul", "nomor", nomor)
        }
        Putusan::TerlaluDekat => crate::t("hc-terlalu-ketat"),
        Putusan::BelumCukup { alasan } => {
            crate::t1("hc-belum-cukup", "alasan", alasan_teks(alasan))
        }
    }
}

// ------------------------------------------------------------ charts

// ------------------------------------------------------------ the page

#[derive(Deserialize, Default)]
struct DesainQ {
    stratifikasi: Option<String>,
    alokasi: Option<String>,
    ukuran: Option<String>,
    /// Target margin in percentage points.
    margin: Option<String>,
    benih: Option<String>,
}

struct Pilihan {
    nilai: &'static str,
    label: String,
    dipilih: bool,
}

/// The outcome of a preview, with the design ready to draw.
struct Pratinjau {
    margin: String,
    jumlah_tps: String,
    jumlah_strata: String,
    ukuran: u32,
    ukuran_teks: String,
    ukuran_minimum: String,
    stratifikasi: &'static str,
    alokasi: &'static str,
    benih: u64,
    desain: String,
    /// The history the spread came from, if any.
    riwayat: Option<String>,
}

struct BarisPaslon {
    nama: String,
    angka: String,
    selang: String,
    /// Its chance by the election's rule ("probability above 50 %: …").
    peluang: String,
}

struct BarisStrata {
    kunci: String,
    masuk: String,
    persen: String,
}

struct Sampel {
    paslon: Vec<BarisPaslon>,
    batang: String,
    putusan: String,
    unggul: bool,
    /// The election's win rule, and what it makes of the estimate.
    aturan: String,
    kesimpulan: String,
    menang: bool,
    /// The share of votes bounded because their kecamatan are not in.
    tak_pasti: String,
    tps_masuk: String,
    partisipasi: String,
    tidak_sah: String,
    strata: Vec<BarisStrata>,
    strata_belum: String,
    keseimbangan: String,
    di_luar_sampel: String,
    lintasan: Option<String>,
    desain: String,
    benih: String,
    ditarik: String,
    embargo: String,
    boleh: bool,
    csv: String,
    rilis: String,
    unduh: crate::ekspor::Tautan,
}

#[derive(Template)]
#[template(path = "hitung_cepat.html")]
struct HitungCepatPage {
    id: Uuid,
    judul: String,
    /// SSE URL of the election's totals: the page refreshes when they move.
    langsung: Option<String>,
    csrf: String,
    boleh_tarik: bool,
    // The design form (no sample yet).
    stratifikasi: Vec<Pilihan>,
    alokasi: Vec<Pilihan>,
    ukuran: String,
    margin: String,
    benih: String,
    pratinjau: Option<Pratinjau>,
    galat: Option<String>,
    // The drawn sample.
    sampel: Option<Sampel>,
}

fn pilihan_stratifikasi(s: Stratifikasi) -> Vec<Pilihan> {
    [
        Stratifikasi::KabKota,
        Stratifikasi::Kecamatan,
        Stratifikasi::Tanpa,
    ]
    .into_iter()
    .map(|x| Pilihan {
        nilai: slug_stratifikasi(x),
        label: nama_stratifikasi(x),
        dipilih: x == s,
    })
    .collect()
}

fn pilihan_alokasi(a: Alokasi) -> Vec<Pilihan> {
    [Alokasi::ProporsionalDpt, Alokasi::Merata]
        .into_iter()
        .map(|x| Pilihan {
            nilai: slug_alokasi(x),
            label: nama_alokasi(x),
            dipilih: x == a,
        })
        .collect()
}

fn teks_desain(d: &DesainSampel) -> String {
    crate::bahasa::Bahasa::kini().teks_dengan(
        "hc-teks-desain",
        &[
            ("ukuran", ribuan(u64::from(d.ukuran)).into()),
            ("stratifikasi", nama_stratifikasi(d.stratifikasi).into()),
            ("alokasi", nama_alokasi(d.alokasi).into()),
        ],
    )
}

fn ringkas(id: Uuid, hc: &HitungCepat) -> Sampel {
    let t = &hc.taksiran;
    let d = &hc.sampel.desain;
    let zona = ZonaWaktu::dari_wilayah(&hc.pemilihan.wilayah);
    Sampel {
        paslon: t
            .per_paslon
            .iter()
            .enumerate()
            .map(|(i, p)| BarisPaslon {
                nama: aturan::nama_entri(hc, i),
                peluang: hc
                    .penilaian
                    .per_paslon
                    .get(i)
                    .map(|q| aturan::teks_peluang(&hc.penilaian, q))
                    .unwrap_or_default(),
                angka: dengan_margin(p),
                selang: if p.keadaan == KeadaanTaksiran::Terukur {
                    crate::t2(
                        "hc-selang",
                        "bawah",
                        angka_persen(p.bawah),
                        "atas",
                        angka_persen(p.atas),
                    )
                } else {
                    String::new()
                },
            })
            .collect(),
        batang: svg_batang(hc),
        putusan: putusan(&t.pemimpin, &hc.paslon),
        unggul: matches!(t.pemimpin, Putusan::Unggul { .. }),
        aturan: aturan::teks_aturan(hc.penilaian.aturan),
        kesimpulan: aturan::teks_kesimpulan(hc),
        menang: matches!(
            hc.penilaian.kesimpulan,
            posko_domain::hitung_cepat::Kesimpulan::Menang { .. }
        ),
        tak_pasti: aturan::teks_tak_pasti(hc),
        tps_masuk: format!(
            "{} / {}",
            ribuan(u64::from(t.tps_masuk)),
            ribuan(u64::from(t.tps_sampel))
        ),
        partisipasi: dengan_margin(&t.partisipasi),
        tidak_sah: dengan_margin(&t.tidak_sah),
        strata: t
            .per_strata
            .iter()
            .enumerate()
            .map(|(i, s)| BarisStrata {
                kunci: hc
                    .nama_strata
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| s.kunci.clone()),
                masuk: format!(
                    "{} / {}",
                    ribuan(u64::from(s.masuk)),
                    ribuan(u64::from(s.sampel))
                ),
                persen: persen(s.fraksi_masuk()),
            })
            .collect(),
        strata_belum: if t.strata_belum_masuk.is_empty() {
            String::new()
        } else {
            crate::bahasa::Bahasa::kini().teks_dengan(
                "hc-strata-belum",
                &[
                    ("jumlah", t.strata_belum_masuk.len().into()),
                    ("persen", persen(t.bobot_strata_belum_masuk).into()),
                    (
                        "strata",
                        t.strata_belum_masuk
                            .iter()
                            .map(|k| {
                                hc.sampel
                                    .strata
                                    .iter()
                                    .position(|s| &s.kunci == k)
                                    .and_then(|i| hc.nama_strata.get(i))
                                    .unwrap_or(k)
                                    .as_str()
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                            .into(),
                    ),
                ],
            )
        },
        keseimbangan: persen(t.keseimbangan),
        di_luar_sampel: if t.laporan_di_luar_sampel > 0 {
            // A number for the plural (1 laporan / 2 reports), grouped
            // as text from a thousand on.
            crate::bahasa::Bahasa::kini().teks_dengan(
                "hc-di-luar-sampel",
                &[(
                    "jumlah",
                    if t.laporan_di_luar_sampel < 1000 {
                        t.laporan_di_luar_sampel.into()
                    } else {
                        ribuan(u64::from(t.laporan_di_luar_sampel)).into()
                    },
                )],
            )
        } else {
            String::new()
        },
        lintasan: svg_lintasan(hc),
        desain: teks_desain(d),
        benih: d.benih.to_string(),
        ditarik: waktu_unix(hc.ditarik, zona),
        embargo: if hc.boleh_dipublikasikan {
            crate::t("hc-boleh-publikasi")
        } else {
            crate::t1("hc-embargo", "waktu", waktu_di(hc.akhir_embargo, zona))
        },
        boleh: hc.boleh_dipublikasikan,
        csv: format!("/pemilihan/{id}/hitung-cepat/sampel.csv"),
        rilis: format!("/pemilihan/{id}/hitung-cepat/rilis"),
        unduh: crate::ekspor::Tautan::new(&format!("/pemilihan/{id}/hitung-cepat"), ""),
    }
}

async fn page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<DesainQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let boleh_tarik = posko_domain::diizinkan(
        &m.pengguna.penugasan,
        posko_domain::Izin::KelolaPemilihan,
        &posko_domain::Objek::Global,
    );
    let mut halaman = HitungCepatPage {
        id,
        judul: String::new(),
        langsung: None,
        csrf: m.sesi.csrf.clone(),
        boleh_tarik,
        stratifikasi: Vec::new(),
        alokasi: Vec::new(),
        ukuran: String::new(),
        margin: String::new(),
        benih: String::new(),
        pratinjau: None,
        galat: None,
        sampel: None,
    };
    if s.posko.sampel_hitung_cepat(id).await?.is_some() {
        let hc = s.posko.hitung_cepat(id).await?;
        halaman.judul = hc.pemilihan.nama.clone();
        halaman.langsung = Some(format!(
            "/pemilihan/{id}/hasil/{}/langsung",
            hc.pemilihan.wilayah
        ));
        halaman.sampel = Some(ringkas(id, &hc));
        return render(halaman);
    }

    let v = s.posko.pemilihan_view(id).await?;
    halaman.judul = v.pemilihan.nama;
    let stratifikasi = baca_stratifikasi(q.stratifikasi.as_deref())?;
    let alokasi = baca_alokasi(q.alokasi.as_deref())?;
    halaman.stratifikasi = pilihan_stratifikasi(stratifikasi);
    halaman.alokasi = pilihan_alokasi(alokasi);
    halaman.ukuran = kosong(&q.ukuran).unwrap_or_default().to_string();
    halaman.margin = kosong(&q.margin).unwrap_or_default().to_string();
    let benih = match baca_benih(&q.benih) {
        Ok(b) => b,
        Err(e) => {
            halaman.galat = Some(e.1);
            None
        }
    };
    let benih = benih.unwrap_or_else(benih_acak);
    halaman.benih = benih.to_string();
    let ukuran = baca_u32(&q.ukuran, "hc-ukuran-sampel");
    let margin = baca_margin(&q.margin);
    match (ukuran, margin) {
        (Err(e), _) | (_, Err(e)) => halaman.galat = Some(e.1),
        (Ok(None), Ok(None)) => {}
        (Ok(ukuran), Ok(margin)) => {
            match s
                .posko
                .pratinjau_sampel(id, stratifikasi, alokasi, ukuran, margin)
                .await
            {
                Ok(p) => {
                    let desain = DesainSampel {
                        stratifikasi,
                        alokasi,
                        ukuran: p.ukuran,
                        benih,
                    };
                    halaman.pratinjau = Some(Pratinjau {
                        margin: crate::t1("hc-margin-poin", "poin", angka_persen(p.margin)),
                        jumlah_tps: ribuan(u64::from(p.jumlah_tps)),
                        jumlah_strata: ribuan(p.jumlah_strata as u64),
                        ukuran: p.ukuran,
                        ukuran_teks: ribuan(u64::from(p.ukuran)),
                        ukuran_minimum: ribuan(u64::from(p.ukuran_minimum)),
                        stratifikasi: slug_stratifikasi(stratifikasi),
                        alokasi: slug_alokasi(alokasi),
                        benih,
                        desain: teks_desain(&desain),
                        riwayat: p.riwayat,
                    });
                }
                Err(AppError::Invalid(pesan)) => halaman.galat = Some(pesan),
                Err(e) => return Err(e.into()),
            }
        }
    }
    render(halaman)
}

#[derive(Deserialize)]
struct TarikForm {
    csrf: String,
    stratifikasi: String,
    alokasi: String,
    ukuran: String,
    benih: String,
}

async fn tarik(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<TarikForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let desain = DesainSampel {
        stratifikasi: baca_stratifikasi(Some(&f.stratifikasi))?,
        alokasi: baca_alokasi(Some(&f.alokasi))?,
        ukuran: baca_u32(&Some(f.ukuran), "hc-ukuran-sampel")?
            .ok_or_else(|| tidak_sah(crate::t("hc-sebutkan-ukuran")))?,
        benih: baca_benih(&Some(f.benih))?
            .ok_or_else(|| tidak_sah(crate::t("hc-sebutkan-benih")))?,
    };
    match s
        .posko
        .tarik_sampel(&posko_app::Aktor::pengguna(&m.pengguna), id, desain)
        .await
    {
        Ok(_) => Ok((
            StatusCode::SEE_OTHER,
            [(header::LOCATION, format!("/pemilihan/{id}/hitung-cepat"))],
        )
            .into_response()),
        // A second draw is a 409 with the app's own words.
        Err(e) => Err(e.into()),
    }
}

async fn csv(State(s): State<AppState>, Path(id): Path<String>) -> Result<Response, PageError> {
    let id = crate::param::pemilihan(&id)?;
    let (sampel, _) = s
        .posko
        .sampel_hitung_cepat(id)
        .await?
        .ok_or_else(|| PageError(StatusCode::NOT_FOUND, crate::t("hc-belum-ditarik")))?;
    let mut out = String::from("kode_tps,strata,dpt\n");
    for t in &sampel.tps {
        let strata = sampel
            .strata
            .get(t.strata)
            .map(|s| s.kunci.as_str())
            .unwrap_or_default();
        let _ = writeln!(out, "{},{},{}", t.kode, strata, t.dpt);
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"sampel-hitung-cepat-{id}.csv\""),
            ),
        ],
        out,
    )
        .into_response())
}

// ------------------------------------------------------------ the release

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "base.html" %}
{% block title %}{{ crate::t1("hc-judul", "judul", judul) }}{% endblock %}
{% block content %}
<h1>{{ crate::t1("hc-rilis-h1", "judul", judul) }}</h1>
<p class="meta">{{ crate::t1("hc-rilis-keadaan", "waktu", waktu) }}</p>
<section class="kartu">
{% for p in paslon %}
<div class="perolehan">
  <div class="perolehan-nama"><strong>{{ p.nama }}</strong></div>
  <div class="perolehan-angka"><strong>{{ p.angka }}</strong> <span class="meta">{{ p.selang }}</span></div>
  {% if !p.peluang.is_empty() %}<div class="meta">{{ p.peluang }}</div>{% endif %}
</div>
{% endfor %}
{{ batang|safe }}
<p><strong>{{ putusan }}</strong></p>
<p class="meta">{{ aturan }}</p>
<p><strong>{{ kesimpulan }}</strong></p>
</section>
<dl class="data">
  <dt>{{ crate::t("hc-rilis-tps-masuk") }}</dt><dd>{{ tps_masuk }}</dd>
  <dt>{{ crate::t("hc-rilis-partisipasi") }}</dt><dd>{{ partisipasi }}</dd>
  <dt>{{ crate::t("hc-rilis-tidak-sah") }}</dt><dd>{{ tidak_sah }}</dd>
  <dt>{{ crate::t("hc-desain-sampel") }}</dt><dd>{{ desain }}</dd>
  <dt>{{ crate::t("hc-benih") }}</dt><dd><code>{{ benih }}</code></dd>
  <dt>{{ crate::t("hc-rilis-ditarik") }}</dt><dd>{{ ditarik }}</dd>
</dl>
<p class="meta">{{ crate::t("hc-bukan-resmi") }}</p>
{% endblock %}"#
)]
struct RilisPage {
    judul: String,
    waktu: String,
    paslon: Vec<BarisPaslon>,
    batang: String,
    putusan: String,
    aturan: String,
    kesimpulan: String,
    tps_masuk: String,
    partisipasi: String,
    tidak_sah: String,
    desain: String,
    benih: String,
    ditarik: String,
}

async fn rilis(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let id = crate::param::pemilihan(&id)?;
    let hc = s.posko.hitung_cepat_publik(id).await?;
    let r = ringkas(id, &hc);
    render(RilisPage {
        judul: hc.pemilihan.nama.clone(),
        waktu: waktu_di(hc.waktu, ZonaWaktu::dari_wilayah(&hc.pemilihan.wilayah)),
        paslon: r.paslon,
        batang: r.batang,
        putusan: r.putusan,
        aturan: r.aturan,
        kesimpulan: r.kesimpulan,
        tps_masuk: r.tps_masuk,
        partisipasi: r.partisipasi,
        tidak_sah: r.tidak_sah,
        desain: r.desain,
        benih: r.benih,
        ditarik: r.ditarik,
    })
}

// ------------------------------------------------------------ downloads

/// The sample's arrival per stratum as a file. A file leaves the room, so
/// it carries the estimate only once the embargo is over (like the
/// printable summary); before, it says until when the estimate is
/// internal, and holds arrivals only, which reveal no figure.
async fn unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    berkas: crate::ekspor::Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let hc = s.posko.hitung_cepat(id).await?;
    let zona = ZonaWaktu::dari_wilayah(&hc.pemilihan.wilayah);
    let r = ringkas(id, &hc);
    let taksiran = &hc.taksiran;
    let mut t = crate::ekspor::tabel(&m, zona);
    t.judul = crate::t1("ekspor-hc-judul", "nama", hc.pemilihan.nama.clone());
    t.subjudul = format!(
        "{} · {}: {}",
        r.desain,
        crate::t("hc-tps-masuk"),
        r.tps_masuk
    );
    if hc.boleh_dipublikasikan {
        t.catatan.push(crate::t1(
            "ekspor-hc-taksiran",
            "waktu",
            waktu_di(hc.waktu, zona),
        ));
        for b in &r.paslon {
            t.catatan.push(format!("{}: {}", b.nama, b.angka));
        }
        t.catatan.push(r.putusan.clone());
        t.catatan.push(r.aturan.clone());
        t.catatan.push(r.kesimpulan.clone());
    } else {
        t.catatan.push(crate::t1(
            "ekspor-hc-embargo",
            "waktu",
            waktu_di(hc.akhir_embargo, zona),
        ));
    }
    if !r.strata_belum.is_empty() {
        t.catatan.push(r.strata_belum.clone());
    }
    t.kolom = vec![
        Kolom::new(crate::t("hc-strata"), J::Teks),
        Kolom::new(crate::t("ekspor-kolom-kode"), J::Kode),
        Kolom::new(crate::t("ekspor-kolom-masuk"), J::Bulat),
        Kolom::new(crate::t("ekspor-kolom-sampel"), J::Bulat),
        Kolom::new(crate::t("ekspor-kolom-porsi-masuk"), J::Persen),
    ];
    t.baris = taksiran
        .per_strata
        .iter()
        .enumerate()
        .map(|(i, st)| {
            vec![
                Sel::Teks(
                    hc.nama_strata
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| st.kunci.clone()),
                ),
                Sel::Teks(st.kunci.clone()),
                Sel::Bulat(u64::from(st.masuk)),
                Sel::Bulat(u64::from(st.sampel)),
                Sel::rasio(u64::from(st.masuk), u64::from(st.sampel)),
            ]
        })
        .collect();
    t.total = Some(vec![
        Sel::Teks(crate::t("ekspor-jumlah")),
        Sel::Kosong,
        Sel::Bulat(u64::from(taksiran.tps_masuk)),
        Sel::Bulat(u64::from(taksiran.tps_sampel)),
        Sel::rasio(
            u64::from(taksiran.tps_masuk),
            u64::from(taksiran.tps_sampel),
        ),
    ]);
    crate::ekspor::unduhan(t, berkas, &format!("hitung-cepat-{}", hc.pemilihan.wilayah)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_times_read_the_indonesian_way() {
        assert_eq!(persen(0.5234), "52,3 %");
        assert_eq!(baca_margin(&Some("1,5".into())).ok().flatten(), Some(0.015));
        assert_eq!(baca_margin(&Some(" ".into())).ok().flatten(), None);
        assert!(baca_margin(&Some("0".into())).is_err());
        assert_eq!(
            waktu_di(
                time::macros::datetime!(2029-11-28 08:00 UTC),
                ZonaWaktu::Wib
            ),
            "28-11-2029 15.00 WIB"
        );
        assert_eq!(
            waktu_di(
                time::macros::datetime!(2029-11-28 08:00 UTC),
                ZonaWaktu::dari_wilayah(&posko_domain::KodeWilayah::parse("73.71").unwrap())
            ),
            "28-11-2029 16.00 WITA"
        );
        assert!(benih_acak() < 1_000_000_000_000);
    }

    #[test]
    fn quick_count_figures_in_both_languages_one_format_each() {
        use crate::bahasa::Bahasa;
        let alasan = AlasanBelumCukup::TpsKurang {
            masuk: 114_198,
            minimum: 200_000,
        };
        let strata = AlasanBelumCukup::StrataBelumMasuk {
            jumlah: 2,
            bobot_dpt: 0.0045,
        };
        let (selang, a, b, w) = Bahasa::Id.dalam_sync(|| {
            (
                crate::t2(
                    "hc-selang",
                    "bawah",
                    angka_persen(0.1234),
                    "atas",
                    angka_persen(0.0045),
                ),
                alasan_teks(&alasan),
                alasan_teks(&strata),
                waktu_di(
                    time::macros::datetime!(2029-11-28 08:00 UTC),
                    ZonaWaktu::Wib,
                ),
            )
        });
        assert_eq!(selang, "selang 95 %: 12,3–0,45 %");
        assert!(a.contains("114.198") && a.contains("200.000"), "{a}");
        assert!(b.contains("0,45 %") && !b.contains("0.4"), "{b}");
        assert_eq!(w, "28-11-2029 15.00 WIB");
        let (selang, a, b, w, grafik) = Bahasa::En.dalam_sync(|| {
            (
                crate::t2(
                    "hc-selang",
                    "bawah",
                    angka_persen(0.1234),
                    "atas",
                    angka_persen(0.0045),
                ),
                alasan_teks(&alasan),
                alasan_teks(&strata),
                waktu_di(
                    time::macros::datetime!(2029-11-28 08:00 UTC),
                    ZonaWaktu::Wib,
                ),
                crate::t1("hc-grafik-laporan", "jumlah", ribuan(1234)),
            )
        });
        assert_eq!(selang, "95 % interval: 12.3–0.45 %");
        assert!(a.contains("114,198") && !a.contains("TPS"), "{a}");
        assert!(b.contains("0.45 %"), "{b}");
        assert_eq!(w, "28-11-2029 15.00 WIB (UTC+7)");
        assert_eq!(grafik, "1,234 reports");
    }
}
