//! The war room (`/pemilihan/{id}/ruang/{kode}`): the map, the headline
//! numbers and charts of an election in one region, kept live by the
//! results' server-sent events (the page's `<main>` is refetched when the
//! totals move, by `posko.js`), with a big-screen mode for the TV on the
//! posko's wall (`?layar=besar`). Everything shown lies under `{kode}`,
//! which the route table checks against the viewer's scope.

pub(crate) mod grafik;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use posko_app::{RuangView, WarnaPeta};
use posko_domain::ZonaWaktu;
use posko_domain::hitung_cepat::KeadaanTaksiran;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, masuk};
use crate::error::PageError;
use crate::format::{persen, ribuan};
use crate::pages::{Remah, render};
use crate::peta::{PilihanLink, PilihanPeta, pemimpin, persen_f};
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat_wilayah = Izin(posko_domain::Izin::LihatHasil, Sasaran::Wilayah);
    let lihat_pemilihan = Izin(posko_domain::Izin::LihatHasil, Sasaran::Pemilihan);
    r.add(
        "GET",
        "/pemilihan/{id}/ruang",
        "/pemilihan/{id}/ruang",
        lihat_pemilihan,
        get(ruang_awal),
    )
    .add(
        "GET",
        "/pemilihan/{id}/ruang/{kode}",
        "/pemilihan/{id}/ruang/31.71",
        lihat_wilayah,
        get(ruang_page),
    )
    .add(
        "GET",
        "/pemilihan/{id}/ruang/{kode}/peta.svg",
        "/pemilihan/{id}/ruang/31.71/peta.svg",
        lihat_wilayah,
        get(ruang_peta),
    )
    .add(
        "GET",
        "/pemilihan/{id}/ruang/{kode}/peta.xlsx",
        "/pemilihan/{id}/ruang/31.71/peta.xlsx",
        lihat_wilayah,
        get(ruang_peta_xlsx),
    )
    .add(
        "GET",
        "/pemilihan/{id}/ruang/{kode}/laporan.pdf",
        "/pemilihan/{id}/ruang/31.71/laporan.pdf",
        lihat_wilayah,
        get(ruang_laporan),
    )
    .add(
        "GET",
        "/static/ruang.js",
        "/static/ruang.js",
        Publik,
        get(|| async { statis("text/javascript", include_str!("../static/ruang.js")) }),
    )
    .add(
        "GET",
        "/static/ruang.css",
        "/static/ruang.css",
        Publik,
        get(|| async { statis("text/css", include_str!("../static/ruang.css")) }),
    )
}

fn statis(jenis: &'static str, isi: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, jenis),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        isi,
    )
        .into_response()
}

/// The colourings of the war room, the real count first.
const PILIHAN: [WarnaPeta; 6] = [
    WarnaPeta::Pemimpin,
    WarnaPeta::Saksi,
    WarnaPeta::Sampel,
    WarnaPeta::Target,
    WarnaPeta::Pendukung,
    WarnaPeta::Dpt,
];

/// Start where the viewer may look: the whole election, or their own
/// territory inside it (a saksi goes where the results page sends them).
async fn ruang_awal(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    axum::extract::RawQuery(kueri): axum::extract::RawQuery,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let v = s.posko.pemilihan_view(id).await?;
    // The colouring, level and TV mode asked for go along to the region.
    let layar = kueri.map(|k| format!("?{k}")).unwrap_or_default();
    if crate::auth::sees(&m, &v.pemilihan.wilayah) {
        let w = v.pemilihan.wilayah;
        return Ok(Redirect::to(&format!("/pemilihan/{id}/ruang/{w}{layar}")).into_response());
    }
    for t in &m.pengguna.penugasan {
        if let posko_domain::Cakupan::Wilayah(w) = t.cakupan
            && v.pemilihan.wilayah.mencakup(&w)
        {
            return Ok(Redirect::to(&format!("/pemilihan/{id}/ruang/{w}{layar}")).into_response());
        }
    }
    // No region in view (a saksi's one TPS): where the results start for
    // them, their own form.
    Ok(Redirect::to(&format!("/pemilihan/{id}/hasil")).into_response())
}

async fn ruang_peta(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<PilihanPeta>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let peta = s
        .posko
        .peta_ruang(
            &m.pengguna.penugasan,
            kode,
            q.tingkat()?,
            q.warna(WarnaPeta::Pemimpin)?,
            Some(id),
        )
        .await?;
    let kueri = if peta.warna == WarnaPeta::Pemimpin {
        String::new()
    } else {
        format!("?warna={}", peta.warna.kunci())
    };
    let (body, _) =
        crate::peta::choropleth_latar(peta, true, move |k| format!("../{k}{kueri}")).await?;
    let body = body.ok_or_else(|| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t1("peta-belum-ada-batas", "kode", kode.to_string()),
        )
    })?;
    Ok(crate::peta::svg_response(body))
}

/// The map's figures as a spreadsheet: one row per region drawn (same
/// `?warna=` and `?tingkat=`), every figure the colourings use, and the
/// chosen colouring's words for the region, as its tooltip reads.
async fn ruang_peta_xlsx(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<PilihanPeta>,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let peta = s
        .posko
        .peta_ruang(
            &m.pengguna.penugasan,
            kode,
            q.tingkat()?,
            q.warna(WarnaPeta::Pemimpin)?,
            Some(id),
        )
        .await?;
    let paslon = &peta.paslon;
    let w = crate::peta::pewarnaan(&peta);
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&kode));
    t.judul = crate::t1("ruang-peta-xlsx-judul", "nama", peta.induk.nama.clone());
    t.subjudul = w.legenda.judul.clone();
    // The region's DPT, then only the figures of the chosen colouring:
    // those are computed, and they are what its permission allows (the
    // others would be zeros, or figures of a page the viewer may not open).
    t.kolom = vec![
        Kolom::new(crate::t("ekspor-kolom-kode"), J::Kode),
        Kolom::new(crate::t("kolom-wilayah"), J::Teks),
        Kolom::new("DPT", J::Bulat),
        Kolom::new(crate::t("ekspor-kolom-jumlah-tps"), J::Bulat),
    ];
    match peta.warna {
        WarnaPeta::Dpt => {}
        WarnaPeta::Pendukung => t
            .kolom
            .push(Kolom::new(crate::t("nav-pendukung"), J::Bulat)),
        WarnaPeta::Target => {
            t.kolom
                .push(Kolom::new(crate::t("nav-pendukung"), J::Bulat));
            t.kolom.push(Kolom::new(
                crate::t("ruang-peta-kolom-dibutuhkan"),
                J::Bulat,
            ));
        }
        WarnaPeta::Saksi => t
            .kolom
            .push(Kolom::new(crate::t("ruang-peta-kolom-bersaksi"), J::Bulat)),
        WarnaPeta::Pemimpin => {
            t.kolom
                .push(Kolom::new(crate::t("ekspor-kolom-tps-masuk"), J::Bulat));
            for p in paslon {
                t.kolom.push(Kolom::new(
                    format!("{:02} {}", p.nomor_urut.get(), p.calon_kepala),
                    J::Bulat,
                ));
            }
        }
        WarnaPeta::Sampel => {
            t.kolom
                .push(Kolom::new(crate::t("ekspor-kolom-sampel"), J::Bulat));
            t.kolom
                .push(Kolom::new(crate::t("ekspor-kolom-masuk"), J::Bulat));
        }
    }
    t.kolom.push(Kolom::new(w.legenda.judul.clone(), J::Teks));
    t.baris = peta
        .anak
        .iter()
        .zip(&w.isi)
        .map(|(a, isi)| {
            let mut r = vec![
                Sel::teks(a.wilayah.kode.to_string()),
                Sel::teks(a.wilayah.nama.clone()),
                Sel::Bulat(a.dpt.dpt_total),
                Sel::Bulat(a.dpt.jumlah_tps),
            ];
            match peta.warna {
                WarnaPeta::Dpt => {}
                WarnaPeta::Pendukung => r.push(Sel::Bulat(a.pendukung)),
                WarnaPeta::Target => {
                    r.push(Sel::Bulat(a.pendukung));
                    r.push(Sel::Bulat(a.dibutuhkan));
                }
                WarnaPeta::Saksi => r.push(Sel::Bulat(a.tps_bersaksi)),
                WarnaPeta::Pemimpin => {
                    // Votes of a region with no TPS in are unknown: blank,
                    // not 0 (a 0 reads as a count).
                    let h = a.hasil.as_ref();
                    r.push(h.map_or(Sel::Kosong, |h| Sel::Bulat(h.tps_masuk)));
                    for i in 0..paslon.len() {
                        r.push(
                            h.filter(|h| h.tps_masuk > 0)
                                .and_then(|h| h.angka.suara.get(i).copied())
                                .map_or(Sel::Kosong, Sel::Bulat),
                        );
                    }
                }
                WarnaPeta::Sampel => {
                    r.push(Sel::Bulat(a.sampel.1));
                    r.push(Sel::Bulat(a.sampel.0));
                }
            }
            r.push(Sel::teks(isi.keterangan.clone()));
            r
        })
        .collect();
    crate::ekspor::unduhan(
        t,
        crate::ekspor::Berkas::Xlsx,
        &format!("peta-{kode}-{}", peta.warna.kunci()),
    )
    .await
}

/// One headline number.
struct Angka {
    id: &'static str,
    nilai: String,
    label: String,
}

#[derive(Template)]
#[template(path = "ruang.html")]
struct RuangPage {
    judul: String,
    pemilihan: String,
    besar: bool,
    biasa_href: String,
    besar_href: String,
    langsung: String,
    remah: Vec<Remah>,
    angka: Vec<Angka>,
    catatan: Vec<String>,
    peta: Option<String>,
    peta_href: String,
    /// The same map's figures as a spreadsheet.
    peta_xlsx_href: String,
    pilih_warna: Vec<PilihanLink>,
    pilih_tingkat: Vec<PilihanLink>,
    grafik_hasil: String,
    grafik_partisipasi: String,
    grafik_lintasan: Option<String>,
    grafik_riil: Option<String>,
    grafik_target: Option<String>,
    rekap_href: String,
    /// The printable report of this view (same colouring and level).
    laporan_href: String,
    /// "diperbarui 14.05 WIB": when these figures were read, in the
    /// election region's zone; re-rendered with every live update.
    diperbarui: String,
    /// TV mode's clock: the time now ("14.05"), the zone ("WIB") and its
    /// offset from UTC in minutes, for the script that keeps it running.
    jam: String,
    zona: String,
    offset_menit: i32,
    /// The map's legend as HTML (`peta_legenda.html`).
    legenda_judul: String,
    legenda: Vec<(String, String)>,
    /// Spending against the cap and filing reminders, on the election
    /// region's page for those who may see the finances.
    dana: Option<crate::dana::jadwal::KartuDana>,
}

/// The headline numbers of `v` and the notes under them. `cetak`: for a
/// file, which may leave the room, so the quick-count estimate is left out
/// until its embargo ends (the page shows it to the team with a note).
fn angka_ruang(v: &RuangView, cetak: bool) -> (Vec<Angka>, Vec<String>) {
    let r = &v.rekap;
    let unggul = match pemimpin(&r.angka.suara, r.angka.sah) {
        None => crate::t("ruang-belum-ada-suara"),
        Some((0, p, _)) => crate::t1("ruang-seri", "persen", persen_f(p)),
        Some((n, p, sel)) => crate::t2(
            "ruang-unggul-nilai",
            "paslon",
            format!("{n:02} {}", persen_f(p)),
            "selisih",
            persen_f(sel).trim_end_matches([' ', '%']).to_string(),
        ),
    };
    let mut angka = vec![
        Angka {
            id: "ruang-tps",
            nilai: format!("{} / {}", ribuan(r.tps_masuk), ribuan(v.jumlah_tps)),
            label: crate::t1(
                "ruang-tps-masuk",
                "persen",
                persen(r.tps_masuk, v.jumlah_tps),
            ),
        },
        Angka {
            id: "ruang-verifikasi",
            nilai: persen(r.tps_terverifikasi, r.tps_masuk),
            label: crate::t1("ruang-terverifikasi", "tps", ribuan(r.tps_terverifikasi)),
        },
        Angka {
            id: "ruang-unggul",
            nilai: unggul,
            label: crate::t("ruang-unggul"),
        },
    ];
    // The leader by the election's rule, and whether the TPS still out
    // could change it.
    let menang = crate::menang::kartu(&v.aturan, &v.menang, &v.paslon);
    angka.push(Angka {
        id: "ruang-menang",
        nilai: match &menang.pasti_singkat {
            Some(p) => format!("{} · {p}", menang.putusan),
            None => menang.putusan.clone(),
        },
        label: crate::t("menang-judul"),
    });
    let mut catatan = vec![
        [Some(menang.aturan), menang.jarak, menang.pasti]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(". "),
    ];
    if let Some(hc) = &v.hitung_cepat {
        let t = &hc.taksiran;
        if cetak && !hc.boleh_dipublikasikan {
            catatan.push(crate::t1(
                "ekspor-laporan-hc-embargo",
                "tanggal",
                crate::format::tanggal(hc.pemilihan.tanggal),
            ));
            return (angka, catatan);
        }
        let teks = match t.per_paslon.iter().enumerate().max_by(|a, b| {
            a.1.nilai
                .partial_cmp(&b.1.nilai)
                .unwrap_or(std::cmp::Ordering::Equal)
        }) {
            Some((i, p)) if p.keadaan == KeadaanTaksiran::Terukur => crate::t2(
                "ruang-hc-nilai",
                "paslon",
                format!("{:02} {}", i + 1, persen_f(p.nilai)),
                "margin",
                persen_f(p.margin_95)
                    .trim_end_matches([' ', '%'])
                    .to_string(),
            ),
            Some((i, p)) if p.keadaan == KeadaanTaksiran::GalatTakTerukur => crate::t1(
                "ruang-hc-galat-belum",
                "paslon",
                format!("{:02} {}", i + 1, persen_f(p.nilai)),
            ),
            _ => crate::t("ruang-hc-belum"),
        };
        angka.push(Angka {
            id: "ruang-hitung-cepat",
            nilai: teks,
            label: crate::t2(
                "ruang-hc-label",
                "masuk",
                ribuan(u64::from(t.tps_masuk)),
                "sampel",
                ribuan(u64::from(t.tps_sampel)),
            ),
        });
        if !hc.boleh_dipublikasikan {
            catatan.push(crate::t1(
                "ruang-hc-embargo",
                "tanggal",
                crate::format::tanggal(hc.pemilihan.tanggal),
            ));
        }
        if !t.strata_belum_masuk.is_empty() {
            catatan.push(crate::t1(
                "ruang-hc-strata-belum",
                "jumlah",
                t.strata_belum_masuk.len(),
            ));
        }
    }
    (angka, catatan)
}

/// The report of the war room as one PDF: title, the headline numbers,
/// the map as on the page (`?warna=`, `?tingkat=`; the leader by
/// default) with its legend, then the results per sub-region.
async fn ruang_laporan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<PilihanPeta>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let oleh = &m.pengguna.penugasan;
    let mut v: RuangView = s.posko.ruang_view(oleh, id, kode).await?;
    let warna = q.warna(WarnaPeta::Pemimpin)?;
    let tingkat = q.tingkat()?;
    let peta = if posko_app::tingkat_peta(kode).is_empty() {
        None
    } else {
        let peta = s
            .posko
            .peta_ruang(oleh, kode, tingkat, warna, Some(id))
            .await?;
        crate::peta::peta_pdf(&peta)
    };
    let rekap = s.posko.rekap_view(id, Some(kode)).await?;
    // The headline and the table from one reading: read apart while
    // results arrive, the headline said 11.466 TPS in and the table 11.468.
    v.rekap = rekap.rekap.clone();
    v.jumlah_tps = rekap.jumlah_tps;
    v.aturan = rekap.aturan.clone();
    v.menang = rekap.menang.clone();
    let zona = posko_domain::ZonaWaktu::dari_wilayah(&kode);
    let mut tabel = crate::ekspor::tabel(&m, zona);
    crate::rekap::tabel_rekap(&mut tabel, &rekap);
    let (angka, catatan) = angka_ruang(&v, true);
    let laporan = posko_app::laporan::Laporan {
        judul: crate::t1("ekspor-laporan-judul", "nama", v.wilayah.nama.clone()),
        keterangan: vec![
            v.pemilihan.nama.clone(),
            crate::t2(
                "ekspor-laporan-keadaan",
                "wilayah",
                format!("{} ({kode})", v.wilayah.nama),
                "waktu",
                crate::ekspor::waktu(zona),
            ),
        ],
        angka: angka
            .into_iter()
            .map(|a| posko_app::laporan::AngkaUtama {
                nilai: a.nilai,
                label: a.label,
            })
            .collect(),
        catatan,
        peta,
        tabel,
    };
    let bytes = posko_app::laporan::cetak_laporan(laporan).await?;
    Ok(crate::ekspor::kirim(
        bytes,
        crate::ekspor::Berkas::Pdf,
        &format!("laporan-{kode}"),
    ))
}

async fn ruang_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<PilihanPeta>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let oleh = &m.pengguna.penugasan;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let v: RuangView = s.posko.ruang_view(oleh, id, kode).await?;
    let besar = q.layar.as_deref() == Some("besar");
    let tambahan: Vec<String> = if besar {
        vec!["layar=besar".into()]
    } else {
        Vec::new()
    };
    let dasar = format!("/pemilihan/{id}/ruang/{kode}");
    let pilihan: Vec<WarnaPeta> = PILIHAN
        .into_iter()
        .filter(|w| w.boleh(oleh, kode))
        .collect();
    let mut peta = crate::peta::peta_halaman(
        &s,
        oleh,
        kode,
        &q,
        Some(id),
        &pilihan,
        WarnaPeta::Pemimpin,
        &dasar,
        &format!("{dasar}/peta.svg"),
        &|k| k.to_string(),
        &tambahan,
    )
    .await?;

    let r = &v.rekap;
    let nama: Vec<(u32, String)> = v
        .paslon
        .iter()
        .map(|p| (u32::from(p.nomor_urut.get()), p.calon_kepala.to_string()))
        .collect();
    let (angka, catatan) = angka_ruang(&v, false);
    let grafik_lintasan = v.hitung_cepat.as_ref().and_then(|hc| {
        let titik: Vec<(usize, Vec<f64>)> = hc
            .lintasan
            .iter()
            .map(|l| {
                (
                    l.laporan,
                    l.taksiran.per_paslon.iter().map(|p| p.nilai).collect(),
                )
            })
            .collect();
        let nomor: Vec<u32> = nama.iter().map(|n| n.0).collect();
        grafik::lintasan(
            &crate::t("grafik-lintasan-judul"),
            &titik,
            &nomor,
            &crate::t1(
                "grafik-lintasan-laporan",
                "jumlah",
                ribuan(titik.last().map_or(0, |t| t.0) as u64),
            ),
        )
    });

    // The real count as TPS came in: its lines settle as the count grows.
    let grafik_riil = match (v.kemajuan.first(), v.kemajuan.last()) {
        (Some(awal), Some(akhir)) => {
            let zona = ZonaWaktu::dari_wilayah(&v.pemilihan.wilayah);
            let titik: Vec<(usize, Vec<f64>)> = v
                .kemajuan
                .iter()
                .map(|k| (k.tps, k.porsi.clone()))
                .collect();
            let nomor: Vec<u32> = nama.iter().map(|n| n.0).collect();
            grafik::lintasan(
                &crate::t("grafik-riil-judul"),
                &titik,
                &nomor,
                &crate::tn(
                    "grafik-riil-bawah",
                    &[
                        ("jumlah", &ribuan(akhir.tps as u64)),
                        ("awal", &crate::format::jam(awal.waktu, zona)),
                        ("akhir", &crate::format::jam(akhir.waktu, zona)),
                    ],
                ),
            )
        }
        _ => None,
    };

    // Target gaps by area, from the same per-region totals as the map,
    // for those who may see targets at all.
    let target = if WarnaPeta::Target.boleh(oleh, kode) {
        s.posko
            .peta_ruang(oleh, kode, None, WarnaPeta::Target, Some(id))
            .await
            .ok()
    } else {
        None
    };
    let grafik_target = match target {
        Some(t) if !t.anak.is_empty() => {
            let mut celah: Vec<(String, u64, u64)> = t
                .anak
                .iter()
                .map(|a| (a.wilayah.nama.clone(), a.kurang, a.dibutuhkan))
                .filter(|c| c.1 > 0)
                .collect();
            celah.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            celah.truncate(8);
            Some(grafik::celah_target(&celah))
        }
        _ => None,
    };

    let mut remah: Vec<Remah> = v
        .leluhur
        .iter()
        .map(|w| Remah {
            href: format!("/pemilihan/{id}/ruang/{}", w.kode),
            nama: w.nama.clone(),
        })
        .collect();
    remah.insert(
        0,
        Remah {
            href: format!("/pemilihan/{id}"),
            nama: v.pemilihan.nama.clone(),
        },
    );
    let ganti_layar = |ke_besar: bool| {
        let mut p = Vec::new();
        if let Some(w) = q.warna.as_deref().filter(|w| !w.is_empty()) {
            p.push(format!("warna={w}"));
        }
        if let Some(t) = q.tingkat.as_deref().filter(|t| !t.is_empty()) {
            p.push(format!("tingkat={t}"));
        }
        if ke_besar {
            p.push("layar=besar".into());
        }
        if p.is_empty() {
            dasar.clone()
        } else {
            format!("{dasar}?{}", p.join("&"))
        }
    };
    let zona_pemilihan = ZonaWaktu::dari_wilayah(&v.pemilihan.wilayah);
    let sekarang = time::OffsetDateTime::now_utc();
    let jam_sekarang = crate::format::jam(sekarang.unix_timestamp(), zona_pemilihan);
    let dana = if kode == v.pemilihan.wilayah && !besar {
        crate::dana::jadwal::kartu_dana(&s, &m, id).await?
    } else {
        None
    };
    render(RuangPage {
        dana,
        diperbarui: crate::t1("ruang-diperbarui", "jam", jam_sekarang.clone()),
        jam: jam_sekarang
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string(),
        zona: zona_pemilihan.singkatan().to_string(),
        offset_menit: i32::from(zona_pemilihan.offset().whole_minutes()),
        legenda_judul: std::mem::take(&mut peta.legenda_judul),
        legenda: std::mem::take(&mut peta.legenda),
        judul: v.wilayah.nama.clone(),
        pemilihan: v.pemilihan.nama.clone(),
        besar,
        biasa_href: ganti_layar(false),
        besar_href: ganti_layar(true),
        langsung: format!("/pemilihan/{id}/hasil/{kode}/langsung"),
        remah,
        angka,
        catatan,
        peta_href: peta.svg_href.clone(),
        peta_xlsx_href: peta.svg_href.replacen("/peta.svg", "/peta.xlsx", 1),
        pilih_warna: std::mem::take(&mut peta.warna),
        pilih_tingkat: std::mem::take(&mut peta.tingkat),
        peta: peta.svg,
        grafik_hasil: grafik::hasil_paslon(&nama, &r.angka.suara, r.angka.sah),
        grafik_partisipasi: grafik::partisipasi(r.angka.sah + r.angka.tidak_sah, r.dpt_masuk),
        grafik_lintasan,
        grafik_riil,
        grafik_target,
        rekap_href: format!("/pemilihan/{id}/hasil/{kode}"),
        laporan_href: {
            let mut p = Vec::new();
            if let Some(w) = q.warna.as_deref().filter(|w| !w.is_empty()) {
                p.push(format!("warna={w}"));
            }
            if let Some(t) = q.tingkat.as_deref().filter(|t| !t.is_empty()) {
                p.push(format!("tingkat={t}"));
            }
            let kueri = if p.is_empty() {
                String::new()
            } else {
                format!("?{}", p.join("&"))
            };
            format!("{dasar}/laporan.pdf{kueri}")
        },
    })
}
