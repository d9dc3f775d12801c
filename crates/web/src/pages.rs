//! Server-rendered pages. Each handler builds a small view model of
//! ready-to-print strings, so templates hold layout only.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use posko_domain::{KodeWilayah, Tingkat};
use posko_storage::{RekapDpt, Wilayah};
use uuid::Uuid;

use crate::auth::{self, Kebijakan, Pengunjung, Sasaran};
use crate::error::PageError;
use crate::format::{opsional, persen, ribuan, tanggal};
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    const ID: &str = "/pemilihan/{id}";
    r.add("GET", "/", "/", Masuk, get(beranda))
        .add("GET", "/wilayah", "/wilayah", Masuk, get(wilayah_root))
        .add(
            "GET",
            "/wilayah/{kode}",
            "/wilayah/31.71",
            Izin(posko_domain::Izin::LihatWilayah, Sasaran::Wilayah),
            get(wilayah_page),
        )
        .add(
            "GET",
            "/wilayah/{kode}/xlsx",
            "/wilayah/31.71/xlsx",
            Izin(posko_domain::Izin::LihatWilayah, Sasaran::Wilayah),
            get(wilayah_unduh),
        )
        .add(
            "GET",
            "/wilayah/{kode}/pdf",
            "/wilayah/31.71/pdf",
            Izin(posko_domain::Izin::LihatWilayah, Sasaran::Wilayah),
            get(wilayah_unduh),
        )
        .add(
            "GET",
            ID,
            ID,
            Izin(posko_domain::Izin::LihatWilayah, Sasaran::Pemilihan),
            get(pemilihan_page),
        )
        .add("GET", "/masuk", "/masuk", Publik, get(auth::masuk_page))
        .add("POST", "/masuk", "/masuk", Publik, post(auth::masuk_post))
        .add(
            "GET",
            "/masuk/kode/{kode}",
            "/masuk/kode/0000",
            Publik,
            get(auth::masuk_kode),
        )
        .add("GET", "/keluar", "/keluar", Masuk, get(keluar_page))
        .add("POST", "/keluar", "/keluar", Masuk, post(auth::keluar))
        .add(
            "GET",
            "/static/posko.css",
            "/static/posko.css",
            Publik,
            get(css),
        )
        .add(
            "GET",
            "/static/posko.js",
            "/static/posko.js",
            Publik,
            get(js),
        )
        .add(
            "GET",
            "/static/pilih.js",
            "/static/pilih.js",
            Publik,
            get(|| async { skrip(include_str!("../static/pilih.js")) }),
        )
        .add(
            "GET",
            "/static/segarkan.js",
            "/static/segarkan.js",
            Publik,
            get(|| async { skrip(include_str!("../static/segarkan.js")) }),
        )
        .add(
            "GET",
            "/static/foto.js",
            "/static/foto.js",
            Publik,
            get(|| async { skrip(include_str!("../static/foto.js")) }),
        )
        .add(
            "GET",
            "/static/pindai.js",
            "/static/pindai.js",
            Publik,
            get(|| async { skrip(include_str!("../static/pindai.js")) }),
        )
        .add(
            "GET",
            "/static/lokasi.js",
            "/static/lokasi.js",
            Publik,
            get(|| async { skrip(include_str!("../static/lokasi.js")) }),
        )
        .add(
            "GET",
            "/static/lokasi_tugas.js",
            "/static/lokasi_tugas.js",
            Publik,
            get(|| async { skrip(include_str!("../static/lokasi_tugas.js")) }),
        )
        .add(
            "GET",
            "/favicon.ico",
            "/favicon.ico",
            Publik,
            get(|| async { StatusCode::NO_CONTENT }),
        )
}

#[derive(Template)]
#[template(path = "keluar.html")]
struct KeluarPage {
    nama: String,
    username: String,
    csrf: String,
}

async fn keluar_page(Extension(p): Extension<Pengunjung>) -> Result<Html<String>, PageError> {
    let m =
        p.0.ok_or_else(|| PageError(StatusCode::UNAUTHORIZED, crate::t("galat-belum-masuk")))?;
    render(KeluarPage {
        nama: m.pengguna.nama,
        username: m.pengguna.username,
        csrf: m.sesi.csrf,
    })
}

pub(crate) fn render(t: impl Template) -> Result<Html<String>, PageError> {
    t.render().map(Html).map_err(|e| {
        tracing::error!(error = %e, "template");
        PageError(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::t("galat-halaman-gagal-disusun"),
        )
    })
}

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/posko.css"),
    )
        .into_response()
}

async fn js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/posko.js"),
    )
        .into_response()
}

/// A script of `static/` (pages work without any of them): the region
/// picker, the live-list refresher (`data-segarkan`), the photo viewer.
pub(crate) fn skrip(isi: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        isi,
    )
        .into_response()
}

/// Headline figures of a region, formatted.
pub struct Angka {
    pub tps: String,
    pub dpt: String,
    pub laki: String,
    pub perempuan: String,
    /// Set when some TPS have no DPT figures, so totals are partial.
    pub catatan: Option<String>,
}

impl From<&RekapDpt> for Angka {
    fn from(r: &RekapDpt) -> Angka {
        let tanpa = r.jumlah_tps - r.tps_dengan_dpt;
        Angka {
            tps: ribuan(r.jumlah_tps),
            dpt: ribuan(r.dpt_total),
            laki: ribuan(r.dpt_laki),
            perempuan: ribuan(r.dpt_perempuan),
            catatan: (tanpa > 0).then(|| {
                crate::t2(
                    "angka-tps-tanpa-dpt",
                    "tanpa",
                    tanpa,
                    "dengan",
                    r.tps_dengan_dpt,
                )
            }),
        }
    }
}

pub struct Remah {
    pub href: String,
    pub nama: String,
}

fn remah_wilayah(w: &Wilayah) -> Remah {
    Remah {
        href: format!("/wilayah/{}", w.kode),
        nama: w.nama.clone(),
    }
}

pub struct PemilihanKartu {
    pub href: String,
    pub nama: String,
    pub wilayah: String,
    /// The part of the election's region the person covers, by name, when
    /// it is not the whole (the region link opens there).
    pub wilayah_saya: Option<String>,
    /// The region page, for those who have one.
    pub wilayah_href: Option<String>,
    pub tanggal: String,
    pub paslon: Vec<String>,
    pub tps: String,
    pub dpt: String,
    /// The results and the war room, for those who may see figures (a
    /// verifier reads blind and gets neither).
    pub hasil_href: Option<String>,
    pub ruang_href: Option<String>,
    pub verifikasi_href: Option<String>,
    /// (form link, TPS, TPS page link) of the saksi's own TPS in this election.
    pub kirim: Vec<(String, String, String)>,
    /// (link, label id) of the election's other rooms this person may open.
    pub lainnya: Vec<(String, &'static str)>,
    /// Election day in the person's area, for those who may see results.
    pub hari_h: Option<KartuHariH>,
    /// KPU finance reports due soon or overdue, for those who may see the
    /// finances: (sentence, CSS class); they link to the finance room.
    pub dana_pengingat: Vec<(String, &'static str)>,
    /// This person's open field tasks (href, title, due, overdue) and the
    /// field room's link.
    pub tugas: (Vec<crate::lapangan::tugas::TugasSaya>, Option<String>),
}

/// The election-day figures of a home card: each links to the list
/// behind it when the person may open that list.
pub struct KartuHariH {
    pub wilayah: String,
    pub angka: Vec<AngkaHariH>,
    /// The quick count's state in words, with its page.
    pub hitung_cepat: Option<(String, Option<String>)>,
}

pub struct AngkaHariH {
    pub nilai: String,
    pub label: String,
    pub href: Option<String>,
    /// Needs someone's attention (a dispute, a gap).
    pub perhatian: bool,
}

/// The figures of [`KartuHariH`] for `m`, each with its list's link when
/// that route's own policy lets them in.
async fn kartu_hari_h(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
    kode: KodeWilayah,
) -> Result<Option<KartuHariH>, PageError> {
    if !posko_domain::diizinkan(
        &m.pengguna.penugasan,
        posko_domain::Izin::LihatHasil,
        &posko_domain::Objek::Wilayah(kode),
    ) {
        return Ok(None);
    }
    let r = s.posko.ringkasan_hari_h(m, id, kode).await?;
    let params = [("id", id.to_string()), ("kode", kode.to_string())];
    let tautan = async |pola: &str| crate::menu::tautan(s, m, pola, &params).await;
    let hasil = tautan("/pemilihan/{id}/hasil/{kode}").await;
    let verifikasi = tautan("/verifikasi/{id}").await;
    let sengketa = tautan("/verifikasi/{id}/sengketa")
        .await
        .map(|h| format!("{h}?wilayah={kode}"));
    let bertanda = tautan("/pemilihan/{id}/pantau/{kode}/tps")
        .await
        .map(|h| format!("{h}?saring=bertanda"));
    let saksi = tautan("/wilayah/{kode}/saksi/tanpa").await;
    let hc = tautan("/pemilihan/{id}/hitung-cepat").await;
    let angka = |nilai: u64, label: String, href: Option<String>, perhatian: bool| AngkaHariH {
        nilai: ribuan(nilai),
        label,
        href,
        perhatian: perhatian && nilai > 0,
    };
    let hitung_cepat = r.sampel.map(|(masuk, ukuran)| {
        let embargo = r
            .akhir_embargo
            .map(|t| {
                crate::format::jam(
                    t.unix_timestamp(),
                    posko_domain::ZonaWaktu::dari_wilayah(&r.wilayah.kode),
                )
            })
            .unwrap_or_default();
        (
            crate::t2(
                "beranda-hh-hitung-cepat",
                "masuk",
                format!("{} / {}", ribuan(masuk), ribuan(ukuran)),
                "embargo",
                embargo,
            ),
            hc,
        )
    });
    Ok(Some(KartuHariH {
        wilayah: r.wilayah.nama.clone(),
        angka: vec![
            angka(
                r.tps_masuk,
                crate::t1(
                    "beranda-hh-masuk",
                    "persen",
                    crate::format::persen(r.tps_masuk, r.jumlah_tps),
                ),
                hasil.clone(),
                false,
            ),
            angka(
                r.tps_terverifikasi,
                crate::t("beranda-hh-terverifikasi"),
                hasil.clone(),
                false,
            ),
            angka(
                r.antrean,
                crate::t("beranda-hh-antrean"),
                verifikasi.clone(),
                false,
            ),
            angka(
                r.tps_bermasalah,
                crate::t("beranda-hh-bermasalah"),
                sengketa.or(verifikasi.clone()),
                true,
            ),
            angka(
                r.tps_bertanda,
                crate::t("beranda-hh-bertanda"),
                bertanda.or(hasil),
                true,
            ),
            angka(
                r.tps_tanpa_saksi,
                crate::t("beranda-hh-tanpa-saksi"),
                saksi,
                true,
            ),
        ],
        hitung_cepat,
    }))
}

/// An election's rooms linked from its card on the home page, each shown
/// only when its route's own policy would let the person in.
pub(crate) const RUANG_PEMILIHAN: &[(&str, &str)] = &[
    ("/pemilihan/{id}/pantau/{kode}", "beranda-pantau"),
    ("/pemilihan/{id}/hitung-cepat", "beranda-hitung-cepat"),
    ("/pemilihan/{id}/selisih/{kode}", "beranda-selisih"),
    ("/wilayah/{kode}/saksi", "beranda-cakupan-saksi"),
    ("/target/{kode}", "beranda-target"),
    ("/pemilihan/{id}/survei", "beranda-survei"),
    ("/pemilihan/{id}/medsos", "beranda-medsos"),
];

/// The links of [`RUANG_PEMILIHAN`] for `m` in election `id`, with `kode`
/// the part of the election's region the person covers.
async fn ruang_pemilihan(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
    kode: Option<KodeWilayah>,
) -> Vec<(String, &'static str)> {
    let rutes = s.rutes.get().map_or(&[][..], Vec::as_slice);
    let mut params = std::collections::HashMap::new();
    params.insert("id".to_string(), id.to_string());
    if let Some(k) = kode {
        params.insert("kode".to_string(), k.to_string());
    }
    let mut out = Vec::new();
    for (pola, label) in RUANG_PEMILIHAN {
        if pola.contains("{kode}") && kode.is_none() {
            continue;
        }
        if crate::menu::boleh_buka(s, rutes, m, pola, &params).await {
            let href = params.iter().fold((*pola).to_string(), |h, (k, v)| {
                h.replace(&format!("{{{k}}}"), v)
            });
            out.push((href, *label));
        }
    }
    out
}

#[derive(Template)]
#[template(path = "beranda.html")]
struct Beranda {
    pemilihan: Vec<PemilihanKartu>,
    backend: Option<&'static str>,
    /// Campaign-wide importers get the voter-list upload.
    boleh_impor: bool,
}

async fn beranda(
    State(s): State<AppState>,
    Extension(pengunjung): Extension<Pengunjung>,
) -> Result<Response, PageError> {
    let Some(m) = pengunjung.0 else {
        return Ok(Redirect::to("/masuk").into_response());
    };
    let mut pemilihan = Vec::new();
    for p in s.posko.daftar_pemilihan().await? {
        let touches = m
            .pengguna
            .penugasan
            .iter()
            .any(|t| t.cakupan.bersinggungan(&p.wilayah));
        if !touches {
            continue;
        }
        // Totals of the whole election region only for those who cover it.
        let covers = auth::sees(&m, &p.wilayah);
        let v = s.posko.pemilihan_view(p.id).await?;
        // The part of the election's region this person covers, for the
        // rooms that open on a region.
        let kode_saya = if covers {
            Some(p.wilayah)
        } else {
            m.pengguna.penugasan.iter().find_map(|t| match t.cakupan {
                posko_domain::Cakupan::Wilayah(w) if p.wilayah.mencakup(&w) => Some(w),
                _ => None,
            })
        };
        let lainnya = ruang_pemilihan(&s, &m, p.id, kode_saya).await;
        let (hasil_href, ruang_href) = match kode_saya {
            Some(k) => {
                let params = [("id", p.id.to_string()), ("kode", k.to_string())];
                (
                    crate::menu::tautan(&s, &m, "/pemilihan/{id}/hasil/{kode}", &params).await,
                    crate::menu::tautan(&s, &m, "/pemilihan/{id}/ruang/{kode}", &params).await,
                )
            }
            None => (None, None),
        };
        let hari_h = match kode_saya {
            Some(k) => kartu_hari_h(&s, &m, p.id, k).await?,
            None => None,
        };
        let tps_kirim: Vec<posko_domain::KodeTps> = m
            .pengguna
            .penugasan
            .iter()
            .filter_map(|t| match t.cakupan {
                posko_domain::Cakupan::Tps(k)
                    if t.peran.izin().contains(&posko_domain::Izin::IsianHasil)
                        && p.wilayah.mencakup(&k.desa()) =>
                {
                    Some(k)
                }
                _ => None,
            })
            .collect();
        let mut desa: Vec<KodeWilayah> = tps_kirim.iter().map(|k| k.desa()).collect();
        desa.extend(kode_saya.filter(|_| !covers));
        let nama_desa = s.posko.wilayah_banyak(&desa).await?;
        let wilayah_saya = kode_saya.filter(|_| !covers).map(|k| {
            nama_desa
                .iter()
                .find(|w| w.kode == k)
                .map_or_else(|| k.to_string(), |w| w.nama.clone())
        });
        let tugas = crate::lapangan::tugas::di_beranda(&s, &m, p.id).await?;
        pemilihan.push(PemilihanKartu {
            tugas,
            wilayah_saya,
            hari_h,
            dana_pengingat: s
                .posko
                .pengingat_dana(&m.pengguna, p.id)
                .await?
                .iter()
                .map(crate::dana::jadwal::kalimat_pengingat)
                .collect(),
            lainnya,
            href: format!("/pemilihan/{}", p.id),
            nama: p.nama.clone(),
            wilayah: v.wilayah.nama.clone(),
            tanggal: tanggal(p.tanggal),
            paslon: v
                .paslon
                .iter()
                .map(|x| {
                    format!(
                        "{}. {} – {}",
                        x.nomor_urut.get(),
                        x.calon_kepala,
                        x.calon_wakil
                    )
                })
                .collect(),
            tps: if covers {
                ribuan(v.rekap.jumlah_tps)
            } else {
                "–".into()
            },
            dpt: if covers {
                ribuan(v.rekap.dpt_total)
            } else {
                "–".into()
            },
            wilayah_href: if covers {
                Some(format!("/wilayah/{}", p.wilayah))
            } else {
                Some(auth::home(&m)).filter(|h| h != "/")
            },
            // Results and the war room open on the person's own area, and
            // only where they may see figures of a region (a saksi has their
            // TPS page instead).
            hasil_href,
            ruang_href,
            verifikasi_href: m
                .pengguna
                .penugasan
                .iter()
                .any(|t| {
                    t.peran
                        .izin()
                        .contains(&posko_domain::Izin::VerifikasiHasil)
                        && t.cakupan.bersinggungan(&p.wilayah)
                })
                .then(|| format!("/verifikasi/{}", p.id)),
            // "TPS 005 · Gambir": the number on the saksi's own paper and
            // the desa they stand in, not a 13-digit code.
            kirim: tps_kirim
                .iter()
                .map(|k| {
                    let desa = nama_desa
                        .iter()
                        .find(|w| w.kode == k.desa())
                        .map_or_else(|| k.desa().to_string(), |w| w.nama.clone());
                    (
                        format!("/pemilihan/{}/tps/{}/kirim", p.id, k.undotted()),
                        format!("{} · {desa}", k.nomor()),
                        // The TPS's own page (a saksi may see its results).
                        crate::tps::href(p.id, *k),
                    )
                })
                .collect(),
        });
    }
    Ok(render(Beranda {
        pemilihan,
        // Which database runs is the operator's business, not a saksi's.
        backend: posko_domain::diizinkan(
            &m.pengguna.penugasan,
            posko_domain::Izin::KelolaPengguna,
            &posko_domain::Objek::Global,
        )
        .then(|| s.posko.backend()),
        boleh_impor: posko_domain::diizinkan(
            &m.pengguna.penugasan,
            posko_domain::Izin::ImporData,
            &posko_domain::Objek::Global,
        ),
    })?
    .into_response())
}

pub struct BarisAnak {
    pub href: String,
    pub kode: String,
    pub nama: String,
    pub tps: String,
    pub dpt: String,
    pub laki: String,
    pub perempuan: String,
    pub porsi: String,
    /// Share of the parent's DPT, 0–100, for the inline bar.
    pub lebar: u64,
}

pub struct BarisTps {
    pub nomor: String,
    pub kode: String,
    pub dpt: String,
    pub laki: String,
    pub perempuan: String,
    pub alamat: String,
}

#[derive(Template)]
#[template(path = "wilayah.html")]
struct WilayahPage {
    judul: String,
    tingkat: String,
    kode: String,
    remah: Vec<Remah>,
    angka: Angka,
    label_anak: String,
    anak: Vec<BarisAnak>,
    tps: Vec<BarisTps>,
    is_desa: bool,
    /// The inline SVG choropleth of the children, when boundaries exist,
    /// with its colouring and level choices.
    peta: Option<String>,
    peta_href: String,
    pilih_warna: Vec<crate::peta::PilihanLink>,
    pilih_tingkat: Vec<crate::peta::PilihanLink>,
    /// The map's legend as HTML (`peta_legenda.html`).
    legenda_judul: String,
    legenda: Vec<(String, String)>,
    /// Downloads of the table (a region, not the national list).
    unduh: Option<crate::ekspor::Tautan>,
}

/// The national view for campaign-wide roles; everyone else starts at
/// their own territory.
async fn wilayah_root(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
) -> Result<Response, PageError> {
    let Some(m) = p.0 else {
        return Ok(Redirect::to("/masuk").into_response());
    };
    let home = auth::home(&m);
    if home != "/wilayah" {
        return Ok(Redirect::to(&home).into_response());
    }
    Ok(wilayah_render(&s, &m, None, &Default::default())
        .await?
        .into_response())
}

async fn wilayah_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    axum::extract::Query(q): axum::extract::Query<crate::peta::PilihanPeta>,
) -> Result<Response, PageError> {
    let parsed =
        KodeWilayah::parse(&kode).map_err(|e| PageError(StatusCode::NOT_FOUND, e.to_string()))?;
    // One canonical address per region: /wilayah/3273 → /wilayah/32.73
    if parsed.to_string() != kode {
        return Ok(Redirect::permanent(&format!("/wilayah/{parsed}")).into_response());
    }
    let m = auth::masuk(p)?;
    Ok(wilayah_render(&s, &m, Some(parsed), &q)
        .await?
        .into_response())
}

async fn wilayah_render(
    s: &AppState,
    m: &posko_app::Masuk,
    kode: Option<KodeWilayah>,
    q: &crate::peta::PilihanPeta,
) -> Result<Html<String>, PageError> {
    let v = s.posko.wilayah_view(kode).await?;
    let mut peta = match &v.wilayah {
        Some(w) => Some(crate::peta::peta_wilayah(s, &m.pengguna.penugasan, w.kode, q).await?),
        None => None,
    };
    let parent_dpt = v.rekap.dpt_total;
    let anak = v
        .anak
        .iter()
        .map(|c| BarisAnak {
            href: format!("/wilayah/{}", c.wilayah.kode),
            kode: c.wilayah.kode.to_string(),
            nama: c.wilayah.nama.clone(),
            tps: ribuan(c.rekap.jumlah_tps),
            dpt: ribuan(c.rekap.dpt_total),
            laki: ribuan(c.rekap.dpt_laki),
            perempuan: ribuan(c.rekap.dpt_perempuan),
            porsi: persen(c.rekap.dpt_total, parent_dpt),
            lebar: (c.rekap.dpt_total * 100)
                .checked_div(parent_dpt)
                .unwrap_or(0),
        })
        .collect();
    let tps = v
        .tps
        .iter()
        .map(|t| BarisTps {
            nomor: format!("TPS {}", t.kode.nomor()),
            kode: t.kode.undotted(),
            dpt: opsional(t.dpt.total()),
            laki: opsional(t.dpt.laki()),
            perempuan: opsional(t.dpt.perempuan()),
            alamat: t.alamat.clone().unwrap_or_default(),
        })
        .collect();
    let (judul, tingkat, kode_text, child) = match &v.wilayah {
        Some(w) => (
            w.nama.clone(),
            match w.jenis_desa {
                Some(posko_domain::JenisDesa::Kelurahan) => "Kelurahan".to_string(),
                Some(_) => "Desa".to_string(),
                None => crate::peta::label_tingkat(w.tingkat()),
            },
            w.kode.to_string(),
            w.tingkat().child(),
        ),
        None => (
            crate::t("wilayah-seluruh-indonesia"),
            crate::t("kolom-wilayah"),
            String::new(),
            Some(Tingkat::Provinsi),
        ),
    };
    let mut remah: Vec<Remah> = vec![Remah {
        href: "/wilayah".into(),
        nama: "Indonesia".into(),
    }];
    if v.wilayah.is_some() {
        remah.extend(v.leluhur.iter().map(remah_wilayah));
    }
    render(WilayahPage {
        judul,
        tingkat,
        kode: kode_text,
        remah,
        angka: Angka::from(&v.rekap),
        label_anak: child.map(crate::peta::label_tingkat).unwrap_or_default(),
        anak,
        tps,
        is_desa: child.is_none(),
        peta_href: peta
            .as_ref()
            .map(|p| p.svg_href.clone())
            .unwrap_or_default(),
        pilih_warna: peta
            .as_mut()
            .map(|p| std::mem::take(&mut p.warna))
            .unwrap_or_default(),
        pilih_tingkat: peta
            .as_mut()
            .map(|p| std::mem::take(&mut p.tingkat))
            .unwrap_or_default(),
        legenda_judul: peta
            .as_mut()
            .map(|p| std::mem::take(&mut p.legenda_judul))
            .unwrap_or_default(),
        legenda: peta
            .as_mut()
            .map(|p| std::mem::take(&mut p.legenda))
            .unwrap_or_default(),
        peta: peta.and_then(|p| p.svg),
        unduh: v
            .wilayah
            .as_ref()
            .map(|w| crate::ekspor::Tautan::new(&format!("/wilayah/{}", w.kode), "")),
    })
}

/// The region page's table as a file: its sub-regions with TPS and DPT,
/// or at desa level its TPS.
async fn wilayah_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    berkas: crate::ekspor::Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = crate::auth::masuk(p)?;
    let kode = crate::param::wilayah(&kode)?;
    let v = s.posko.wilayah_view(Some(kode)).await?;
    let nama = v
        .wilayah
        .as_ref()
        .map(|w| w.nama.clone())
        .unwrap_or_else(|| kode.to_string());
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&kode));
    let dpt = |n: Option<u32>| n.map_or(Sel::Kosong, |n| Sel::Bulat(u64::from(n)));
    match kode.tingkat().child() {
        Some(anak) => {
            let label = crate::peta::label_tingkat(anak);
            t.judul = crate::t2(
                "ekspor-wilayah-judul",
                "nama",
                nama.clone(),
                "anak",
                label.clone(),
            );
            t.kolom = vec![
                Kolom::new(label, J::Teks),
                Kolom::new(crate::t("ekspor-kolom-kode"), J::Kode),
                Kolom::new("TPS", J::Bulat),
                Kolom::new("DPT", J::Bulat),
                Kolom::new(crate::t("ekspor-kolom-laki"), J::Bulat),
                Kolom::new(crate::t("ekspor-kolom-perempuan"), J::Bulat),
                Kolom::new(crate::t("ekspor-kolom-porsi-dpt"), J::Persen),
            ];
            let induk = v.rekap.dpt_total;
            t.baris = v
                .anak
                .iter()
                .map(|c| {
                    vec![
                        Sel::Teks(c.wilayah.nama.clone()),
                        Sel::Teks(c.wilayah.kode.to_string()),
                        Sel::Bulat(c.rekap.jumlah_tps),
                        Sel::Bulat(c.rekap.dpt_total),
                        Sel::Bulat(c.rekap.dpt_laki),
                        Sel::Bulat(c.rekap.dpt_perempuan),
                        Sel::rasio(c.rekap.dpt_total, induk),
                    ]
                })
                .collect();
            t.total = Some(vec![
                Sel::Teks(crate::t("ekspor-jumlah")),
                Sel::Teks(kode.to_string()),
                Sel::Bulat(v.rekap.jumlah_tps),
                Sel::Bulat(v.rekap.dpt_total),
                Sel::Bulat(v.rekap.dpt_laki),
                Sel::Bulat(v.rekap.dpt_perempuan),
                Sel::rasio(v.rekap.dpt_total, induk),
            ]);
        }
        None => {
            t.judul = crate::t2("ekspor-wilayah-judul", "nama", nama.clone(), "anak", "TPS");
            t.kolom = vec![
                Kolom::new("TPS", J::Teks),
                Kolom::new(crate::t("ekspor-kolom-kode"), J::Kode),
                Kolom::new("DPT", J::Bulat),
                Kolom::new(crate::t("ekspor-kolom-laki"), J::Bulat),
                Kolom::new(crate::t("ekspor-kolom-perempuan"), J::Bulat),
                Kolom::new(crate::t("ekspor-kolom-alamat"), J::Teks),
            ];
            t.baris = v
                .tps
                .iter()
                .map(|x| {
                    vec![
                        Sel::Teks(format!("TPS {}", x.kode.nomor())),
                        Sel::Teks(x.kode.undotted()),
                        dpt(x.dpt.total()),
                        dpt(x.dpt.laki()),
                        dpt(x.dpt.perempuan()),
                        Sel::Teks(x.alamat.clone().unwrap_or_default()),
                    ]
                })
                .collect();
        }
    }
    t.subjudul = format!("{nama} ({kode})");
    crate::ekspor::unduhan(t, berkas, &format!("wilayah-{kode}")).await
}

pub struct BarisPaslon {
    pub nomor: String,
    pub kepala: String,
    pub wakil: String,
}

#[derive(Template)]
#[template(path = "pemilihan.html")]
struct PemilihanPage {
    nama: String,
    jabatan: String,
    wilayah: String,
    wilayah_href: String,
    tanggal: String,
    angka: Angka,
    paslon: Vec<BarisPaslon>,
    /// For those who manage the election: its survey questions.
    survei_href: Option<String>,
    /// The win rule, and for those who manage the election its form.
    aturan: crate::menang::BagianAturan,
}

async fn pemilihan_page(
    State(s): State<AppState>,
    Extension(pengunjung): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t1("galat-pemilihan-tidak-ditemukan", "id", id.as_str()),
        )
    })?;
    let mut v = s.posko.pemilihan_view(id).await?;
    let covers = pengunjung
        .0
        .as_ref()
        .is_some_and(|m| auth::sees(m, &v.wilayah.kode));
    if !covers {
        v.rekap = RekapDpt::default();
    }
    let kelola = pengunjung.0.as_ref().is_some_and(|m| {
        posko_domain::diizinkan(
            &m.pengguna.penugasan,
            posko_domain::Izin::KelolaPemilihan,
            &posko_domain::Objek::Wilayah(v.pemilihan.wilayah),
        )
    });
    render(PemilihanPage {
        aturan: crate::menang::bagian_pemilihan(&v.pemilihan, &v.paslon, pengunjung.0.as_ref()),
        survei_href: kelola.then(|| format!("/pemilihan/{id}/survei")),
        nama: v.pemilihan.nama.clone(),
        jabatan: v.pemilihan.jenis.jabatan().to_string(),
        wilayah: v.wilayah.nama.clone(),
        wilayah_href: format!("/wilayah/{}", v.wilayah.kode),
        tanggal: tanggal(v.pemilihan.tanggal),
        angka: Angka::from(&v.rekap),
        paslon: v
            .paslon
            .iter()
            .map(|p| BarisPaslon {
                nomor: p.nomor_urut.get().to_string(),
                kepala: p.calon_kepala.to_string(),
                wakil: p.calon_wakil.to_string(),
            })
            .collect(),
    })
}
