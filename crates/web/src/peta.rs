//! The map of a region's sub-regions: a server-side SVG choropleth
//! coloured by a choice (`?warna=`: DPT, target progress, supporters per
//! DPT, saksi coverage, real-count leader, quick-count sample arrival) at a
//! chosen level (`?tingkat=`), served alone (`/wilayah/{kode}/peta.svg`)
//! and inlined on the region page and the war room, each shape linking one
//! level down.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use posko_app::{PetaRuang, WarnaPeta, WilayahPeta};
use posko_domain::peta::{
    Bentuk, Legenda, Skala, TANPA_DATA, Warna, berurutan, svg, warna_paslon, warna_pemimpin,
};
use posko_domain::{KodeWilayah, Tingkat};
use serde::Deserialize;

use crate::auth::{Kebijakan, Sasaran};
use crate::error::PageError;
use crate::format::{persen, ribuan};
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    r.add(
        "GET",
        "/wilayah/{kode}/peta.svg",
        "/wilayah/31.71/peta.svg",
        Kebijakan::Izin(posko_domain::Izin::LihatWilayah, Sasaran::Wilayah),
        get(peta_svg),
    )
}

/// `?warna=&tingkat=&pemilihan=` of a map or a page that shows one.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PilihanPeta {
    pub warna: Option<String>,
    pub tingkat: Option<String>,
    pub pemilihan: Option<String>,
    pub layar: Option<String>,
}

impl PilihanPeta {
    pub(crate) fn warna(&self, bawaan: WarnaPeta) -> Result<WarnaPeta, PageError> {
        match self.warna.as_deref().filter(|s| !s.is_empty()) {
            None => Ok(bawaan),
            Some(w) => WarnaPeta::parse(w).map_err(PageError::from),
        }
    }

    pub(crate) fn tingkat(&self) -> Result<Option<Tingkat>, PageError> {
        match self.tingkat.as_deref().filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(t) => tingkat_dari(t).map(Some).ok_or_else(|| {
                PageError(
                    StatusCode::BAD_REQUEST,
                    format!("tingkat '{t}' tidak dikenal: pilih kabkota, kecamatan atau desa"),
                )
            }),
        }
    }
}

pub(crate) fn tingkat_kunci(t: Tingkat) -> &'static str {
    match t {
        Tingkat::Provinsi => "provinsi",
        Tingkat::Kabkota => "kabkota",
        Tingkat::Kecamatan => "kecamatan",
        Tingkat::Desa => "desa",
    }
}

fn tingkat_dari(s: &str) -> Option<Tingkat> {
    [
        Tingkat::Provinsi,
        Tingkat::Kabkota,
        Tingkat::Kecamatan,
        Tingkat::Desa,
    ]
    .into_iter()
    .find(|t| tingkat_kunci(*t) == s)
}

async fn peta_svg(
    State(s): State<AppState>,
    Path(kode): Path<String>,
    Query(q): Query<PilihanPeta>,
) -> Result<Response, PageError> {
    let kode =
        KodeWilayah::parse(&kode).map_err(|e| PageError(StatusCode::NOT_FOUND, e.to_string()))?;
    let pemilihan = match q.pemilihan.as_deref().filter(|s| !s.is_empty()) {
        Some(id) => Some(crate::param::pemilihan(id)?),
        None => None,
    };
    let warna = q.warna(WarnaPeta::Dpt)?;
    let peta = s
        .posko
        .peta_ruang(kode, q.tingkat()?, warna, pemilihan)
        .await?;
    let kueri = kueri_anak(&peta, pemilihan.map(|p| p.to_string()));
    // Relative links (`../32.01` from `/wilayah/32/peta.svg`) keep a
    // 600-shape map small.
    let Some(body) = choropleth(&peta, &|k| format!("../{k}{kueri}")) else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            format!(
                "Belum ada batas wilayah di bawah {kode}; impor dengan: posko import batas BERKAS"
            ),
        ));
    };
    Ok(svg_response(body))
}

pub(crate) fn svg_response(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=60"),
        ],
        body,
    )
        .into_response()
}

/// The query a shape's link carries, so drilling down keeps the colouring.
pub(crate) fn kueri_anak(peta: &PetaRuang, pemilihan: Option<String>) -> String {
    let mut q = Vec::new();
    if peta.warna != WarnaPeta::Dpt {
        q.push(format!("warna={}", peta.warna.kunci()));
    }
    if let Some(p) = pemilihan {
        q.push(format!("pemilihan={p}"));
    }
    if q.is_empty() {
        String::new()
    } else {
        format!("?{}", q.join("&"))
    }
}

/// Number of classes of data-driven scales.
const KELAS: usize = 5;

/// A share as Indonesians write it: 0.456 → "45,6 %".
pub(crate) fn persen_f(x: f64) -> String {
    let tenths = (x * 1000.0).round().max(0.0) as u64;
    format!("{},{} %", tenths / 10, tenths % 10)
}

/// One shape's fill and its figures in words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IsiWilayah {
    pub isi: Warna,
    pub keterangan: String,
}

/// The fills, tooltips and legend of a map.
pub(crate) struct Pewarnaan {
    pub isi: Vec<IsiWilayah>,
    pub legenda: Legenda,
}

/// Five fixed classes of a share, 0–20 % … 80 % or more, so colours mean
/// the same on every map and do not shift as figures come in.
fn kelas_rasio(r: f64) -> Warna {
    let i = (r * 5.0).floor().clamp(0.0, 4.0);
    berurutan((i + 0.5) / 5.0)
}

fn legenda_rasio() -> Vec<(Warna, String)> {
    (0..5)
        .map(|i| {
            let label = if i == 4 {
                "80 % atau lebih".to_string()
            } else {
                format!("{}–{} %", i * 20, (i + 1) * 20)
            };
            (kelas_rasio(i as f64 / 5.0 + 0.01), label)
        })
        .collect()
}

/// A tie between the top two paslon: neutral mid grey, darker than "no data".
pub(crate) const SERI: Warna = Warna(0x99, 0x99, 0x99);
/// The margin (as a share of valid votes) at which the leader's colour is full.
const SELISIH_PENUH: f64 = 0.3;

fn belum() -> IsiWilayah {
    IsiWilayah {
        isi: TANPA_DATA,
        keterangan: "belum ada data".into(),
    }
}

/// The leader of a region's count: (nomor urut, share, margin) or None
/// before any valid vote; nomor 0 for a tie.
pub(crate) fn pemimpin(suara: &[u64], sah: u64) -> Option<(u32, f64, f64)> {
    if sah == 0 {
        return None;
    }
    let mut urut: Vec<(usize, u64)> = suara.iter().copied().enumerate().collect();
    urut.sort_by_key(|x| std::cmp::Reverse(x.1));
    let (i, a) = *urut.first()?;
    let b = urut.get(1).map(|x| x.1).unwrap_or(0);
    let nomor = if a == b { 0 } else { i as u32 + 1 };
    Some((nomor, a as f64 / sah as f64, (a - b) as f64 / sah as f64))
}

/// How a map of `peta` is coloured, region by region, with its legend.
pub(crate) fn pewarnaan(peta: &PetaRuang) -> Pewarnaan {
    let nama_induk = &peta.induk.nama;
    let ada_kosong = |isi: &[IsiWilayah]| isi.iter().any(|i| i.isi == TANPA_DATA);
    match peta.warna {
        WarnaPeta::Dpt => {
            let nilai: Vec<f64> = peta
                .anak
                .iter()
                .filter(|a| a.dpt.dpt_total > 0)
                .map(|a| a.dpt.dpt_total as f64)
                .collect();
            let skala = Skala::linear(&nilai, KELAS);
            let isi: Vec<IsiWilayah> = peta
                .anak
                .iter()
                .map(|a| {
                    if a.dpt.dpt_total == 0 {
                        return belum();
                    }
                    IsiWilayah {
                        isi: skala.warna(a.dpt.dpt_total as f64),
                        keterangan: format!(
                            "DPT {} · {} TPS",
                            ribuan(a.dpt.dpt_total),
                            ribuan(a.dpt.jumlah_tps)
                        ),
                    }
                })
                .collect();
            let mut baris = Vec::new();
            if !nilai.is_empty() {
                let min = nilai.iter().copied().fold(f64::INFINITY, f64::min);
                let max = nilai.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                for k in skala.kelas(min, max) {
                    let (dari, sampai) = (k.dari.round() as u64, k.sampai.round() as u64);
                    let label = if dari == sampai {
                        ribuan(dari)
                    } else {
                        format!("{}–{}", ribuan(dari), ribuan(sampai))
                    };
                    baris.push((k.warna, label));
                }
            }
            if ada_kosong(&isi) {
                baris.push((TANPA_DATA, "belum ada data".to_string()));
            }
            Pewarnaan {
                isi,
                legenda: Legenda {
                    judul: "Pemilih (DPT)".into(),
                    keterangan: format!(
                        "Peta {nama_induk}: jumlah pemilih (DPT) per wilayah. {}",
                        skala.keterangan()
                    ),
                    baris,
                },
            }
        }
        WarnaPeta::Pendukung => {
            let rasio = |a: &WilayahPeta| a.pendukung as f64 / a.dpt.dpt_total as f64;
            let nilai: Vec<f64> = peta
                .anak
                .iter()
                .filter(|a| a.dpt.dpt_total > 0)
                .map(rasio)
                .collect();
            let skala = Skala::linear(&nilai, KELAS);
            let isi: Vec<IsiWilayah> = peta
                .anak
                .iter()
                .map(|a| {
                    if a.dpt.dpt_total == 0 {
                        return belum();
                    }
                    IsiWilayah {
                        isi: skala.warna(rasio(a)),
                        keterangan: format!(
                            "{} pendukung dari DPT {} ({})",
                            ribuan(a.pendukung),
                            ribuan(a.dpt.dpt_total),
                            persen(a.pendukung, a.dpt.dpt_total)
                        ),
                    }
                })
                .collect();
            let mut baris = Vec::new();
            if !nilai.is_empty() {
                let min = nilai.iter().copied().fold(f64::INFINITY, f64::min);
                let max = nilai.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                for k in skala.kelas(min, max) {
                    baris.push((
                        k.warna,
                        format!("{}–{}", persen_f(k.dari), persen_f(k.sampai)),
                    ));
                }
            }
            if ada_kosong(&isi) {
                baris.push((TANPA_DATA, "belum ada data".to_string()));
            }
            Pewarnaan {
                isi,
                legenda: Legenda {
                    judul: "Pendukung per DPT".into(),
                    keterangan: format!(
                        "Peta {nama_induk}: pendukung terdaftar dibagi DPT per wilayah. {}",
                        skala.keterangan()
                    ),
                    baris,
                },
            }
        }
        WarnaPeta::Target | WarnaPeta::Saksi | WarnaPeta::Sampel => {
            let isi: Vec<IsiWilayah> = peta
                .anak
                .iter()
                .map(|a| {
                    let (bagian, dari, kata) = match peta.warna {
                        WarnaPeta::Target => (a.pendukung, a.dibutuhkan, "pendukung dari"),
                        WarnaPeta::Saksi => (a.tps_bersaksi, a.dpt.jumlah_tps, "TPS bersaksi dari"),
                        _ => (a.sampel.0, a.sampel.1, "TPS sampel masuk dari"),
                    };
                    if dari == 0 {
                        return belum();
                    }
                    let satuan = match peta.warna {
                        WarnaPeta::Target => " suara dibutuhkan",
                        _ => "",
                    };
                    IsiWilayah {
                        isi: kelas_rasio(bagian as f64 / dari as f64),
                        keterangan: format!(
                            "{} {kata} {}{satuan} ({})",
                            ribuan(bagian),
                            ribuan(dari),
                            persen(bagian, dari)
                        ),
                    }
                })
                .collect();
            let mut baris = legenda_rasio();
            if ada_kosong(&isi) {
                baris.push((TANPA_DATA, "belum ada data".to_string()));
            }
            let (judul, arti) = match peta.warna {
                WarnaPeta::Target => (
                    "Capaian target (pendukung ÷ suara dibutuhkan)",
                    format!(
                        "pendukung dibagi suara yang dibutuhkan (partisipasi {} % dari DPT)",
                        posko_app::PARTISIPASI_PETA / 100
                    ),
                ),
                WarnaPeta::Saksi => (
                    "Cakupan saksi (TPS bersaksi ÷ TPS)",
                    "TPS dengan saksi aktif dibagi jumlah TPS".to_string(),
                ),
                _ => (
                    "Sampel hitung cepat masuk (TPS melapor ÷ TPS sampel)",
                    "TPS sampel yang sudah melapor dibagi TPS sampel".to_string(),
                ),
            };
            Pewarnaan {
                isi,
                legenda: Legenda {
                    judul: judul.into(),
                    keterangan: format!(
                        "Peta {nama_induk}: {arti} per wilayah. Skala berurutan cividis, 5 kelas tetap: makin gelap makin besar; aman bagi buta warna"
                    ),
                    baris,
                },
            }
        }
        WarnaPeta::Pemimpin => {
            let isi: Vec<IsiWilayah> = peta
                .anak
                .iter()
                .map(|a| {
                    let Some(r) = &a.hasil else { return belum() };
                    let Some((nomor, porsi, selisih)) = pemimpin(&r.angka.suara, r.angka.sah)
                    else {
                        return belum();
                    };
                    let tps = format!("{} TPS masuk", ribuan(r.tps_masuk));
                    if nomor == 0 {
                        return IsiWilayah {
                            isi: SERI,
                            keterangan: format!("seri, {} · {tps}", persen_f(porsi)),
                        };
                    }
                    IsiWilayah {
                        isi: warna_pemimpin(nomor, selisih, SELISIH_PENUH),
                        keterangan: format!(
                            "{nomor:02} unggul {}, selisih {} poin · {tps}",
                            persen_f(porsi),
                            persen_f(selisih).trim_end_matches(" %")
                        ),
                    }
                })
                .collect();
            let mut baris: Vec<(Warna, String)> = peta
                .paslon
                .iter()
                .map(|p| {
                    let n = u32::from(p.nomor_urut.get());
                    (warna_paslon(n), format!("{n:02} {} unggul", p.calon_kepala))
                })
                .collect();
            if let Some(p) = peta.paslon.first() {
                let n = u32::from(p.nomor_urut.get());
                baris.push((
                    warna_pemimpin(n, 0.0, SELISIH_PENUH),
                    format!("pucat: selisih tipis (mis. {n:02})"),
                ));
            }
            baris.push((SERI, "seri".into()));
            if ada_kosong(&isi) {
                baris.push((TANPA_DATA, "belum ada data".to_string()));
            }
            Pewarnaan {
                isi,
                legenda: Legenda {
                    judul: "Unggul di hitung riil (pekat = selisih ≥ 30 poin)".into(),
                    keterangan: format!(
                        "Peta {nama_induk}: paslon yang unggul per wilayah, warna Okabe–Ito per paslon (aman bagi buta warna), makin pekat makin lebar selisihnya"
                    ),
                    baris,
                },
            }
        }
    }
}

/// The choropleth of `peta`, each shape linking to `href(kode)`, or None
/// when no sub-region has a shape.
pub(crate) fn choropleth(
    peta: &PetaRuang,
    href: &dyn Fn(&KodeWilayah) -> String,
) -> Option<String> {
    if peta.anak.is_empty() {
        return None;
    }
    let w = pewarnaan(peta);
    let bisa_turun = peta.tingkat != Tingkat::Desa;
    let bentuk: Vec<Bentuk<'_>> = peta
        .anak
        .iter()
        .zip(w.isi)
        .map(|(a, i)| Bentuk {
            batas: &a.batas,
            nama: &a.wilayah.nama,
            keterangan: i.keterangan,
            isi: i.isi,
            href: bisa_turun.then(|| href(&a.wilayah.kode)),
        })
        .collect();
    Some(svg(
        &format!(
            "Peta {}: {} per {}",
            peta.induk.nama,
            peta.warna.label().to_lowercase(),
            peta.tingkat.label().to_lowercase()
        ),
        &bentuk,
        &w.legenda,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pemimpin_dan_seri() {
        assert_eq!(pemimpin(&[30, 70], 100), Some((2, 0.7, 0.4)));
        assert_eq!(pemimpin(&[50, 50], 100).map(|p| p.0), Some(0));
        assert_eq!(pemimpin(&[0, 0], 0), None);
        assert_eq!(persen_f(0.4567), "45,7 %");
        assert_eq!(kelas_rasio(0.0), kelas_rasio(0.19));
        assert_ne!(kelas_rasio(0.19), kelas_rasio(0.21));
        assert_eq!(kelas_rasio(1.5), kelas_rasio(0.85));
    }
}

/// A choice link above a map (colouring or level).
pub(crate) struct PilihanLink {
    pub href: String,
    pub label: String,
    pub aktif: bool,
}

/// A map as a page shows it: the inline SVG and the choices around it.
pub(crate) struct PetaHalaman {
    pub svg: Option<String>,
    pub warna: Vec<PilihanLink>,
    pub tingkat: Vec<PilihanLink>,
    pub svg_href: String,
    pub peta: Option<PetaRuang>,
}

/// The map of page `dasar` (its path) for region `kode`: `pilihan` the
/// colourings offered, `svg_dasar` the standalone SVG's path, `anak` the
/// link of a shape, relative to the page (`32.01` from `/wilayah/32`: a
/// few bytes instead of a long path, times hundreds of shapes). Extra query (`tambahan`, e.g. `layar=besar`)
/// is kept on every link.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn peta_halaman(
    s: &AppState,
    kode: KodeWilayah,
    q: &PilihanPeta,
    pemilihan: Option<uuid::Uuid>,
    pilihan: &[WarnaPeta],
    bawaan: WarnaPeta,
    dasar: &str,
    svg_dasar: &str,
    anak: &(dyn Fn(&KodeWilayah) -> String + Sync),
    tambahan: &[String],
) -> Result<PetaHalaman, PageError> {
    let warna = q.warna(bawaan)?;
    let tingkat = q.tingkat()?;
    let pilihan_tingkat = posko_app::tingkat_peta(kode);
    let tingkat_aktif = tingkat.or(pilihan_tingkat.first().copied());
    let link = |w: WarnaPeta, t: Option<Tingkat>, base: &str| {
        let mut p: Vec<String> = Vec::new();
        if w != bawaan {
            p.push(format!("warna={}", w.kunci()));
        }
        if let Some(t) = t.filter(|t| Some(*t) != pilihan_tingkat.first().copied()) {
            p.push(format!("tingkat={}", tingkat_kunci(t)));
        }
        p.extend(tambahan.iter().cloned());
        if p.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", p.join("&"))
        }
    };
    let mut out = PetaHalaman {
        svg: None,
        warna: pilihan
            .iter()
            .map(|w| PilihanLink {
                href: link(*w, tingkat, dasar),
                label: w.label().into(),
                aktif: *w == warna,
            })
            .collect(),
        tingkat: if pilihan_tingkat.len() > 1 {
            pilihan_tingkat
                .iter()
                .map(|t| PilihanLink {
                    href: link(warna, Some(*t), dasar),
                    label: t.label().into(),
                    aktif: Some(*t) == tingkat_aktif,
                })
                .collect()
        } else {
            Vec::new()
        },
        svg_href: link(warna, tingkat, svg_dasar),
        peta: None,
    };
    if pilihan_tingkat.is_empty() {
        return Ok(out);
    }
    let peta = s.posko.peta_ruang(kode, tingkat, warna, pemilihan).await?;
    let kueri = {
        let l = link(warna, None, "");
        l
    };
    out.svg = choropleth(&peta, &|k| format!("{}{kueri}", anak(k)));
    out.peta = Some(peta);
    Ok(out)
}

/// The region page's map: colourings that need no election (or all of
/// them with `?pemilihan=`).
pub(crate) async fn peta_wilayah(
    s: &AppState,
    kode: KodeWilayah,
    q: &PilihanPeta,
) -> Result<PetaHalaman, PageError> {
    let pemilihan = match q.pemilihan.as_deref().filter(|s| !s.is_empty()) {
        Some(id) => Some(crate::param::pemilihan(id)?),
        None => None,
    };
    let pilihan: Vec<WarnaPeta> = WarnaPeta::SEMUA
        .into_iter()
        .filter(|w| pemilihan.is_some() || !w.perlu_pemilihan())
        .collect();
    let tambahan: Vec<String> = pemilihan
        .map(|p| format!("pemilihan={p}"))
        .into_iter()
        .collect();
    peta_halaman(
        s,
        kode,
        q,
        pemilihan,
        &pilihan,
        WarnaPeta::Dpt,
        &format!("/wilayah/{kode}"),
        &format!("/wilayah/{kode}/peta.svg"),
        &|k| k.to_string(),
        &tambahan,
    )
    .await
}
