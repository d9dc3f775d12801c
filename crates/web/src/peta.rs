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
use posko_app::{PetaRuang, WarnaPeta};
use posko_domain::peta::{Bentuk, svg_dengan};
use posko_domain::{KodeWilayah, Tingkat};
use serde::Deserialize;

use crate::auth::{Kebijakan, Sasaran};
use crate::error::PageError;
use crate::{AppState, Rutes};

mod pewarnaan;

pub(crate) use pewarnaan::{pemimpin, persen_f, pewarnaan};

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
    axum::Extension(p): axum::Extension<crate::auth::Pengunjung>,
    Path(kode): Path<String>,
    Query(q): Query<PilihanPeta>,
) -> Result<Response, PageError> {
    let m = crate::auth::masuk(p)?;
    let kode =
        KodeWilayah::parse(&kode).map_err(|e| PageError(StatusCode::NOT_FOUND, e.to_string()))?;
    let pemilihan = match q.pemilihan.as_deref().filter(|s| !s.is_empty()) {
        Some(id) => Some(crate::param::pemilihan(id)?),
        None => None,
    };
    let warna = q.warna(WarnaPeta::Dpt)?;
    let peta = s
        .posko
        .peta_ruang(&m.pengguna.penugasan, kode, q.tingkat()?, warna, pemilihan)
        .await?;
    let kueri = kueri_anak(&peta, pemilihan.map(|p| p.to_string()));
    // Relative links (`../32.01` from `/wilayah/32/peta.svg`) keep a
    // 600-shape map small.
    let (body, _) = choropleth_latar(peta, true, move |k| format!("../{k}{kueri}")).await?;
    let Some(body) = body else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            crate::t1("peta-belum-ada-batas", "kode", kode.to_string()),
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

/// The choropleth of `peta`, each shape linking to `href(kode)`, or None
/// when no sub-region has a shape.
/// [`choropleth`] off the async threads: projecting and simplifying a
/// province's thousands of shapes takes long enough to hold up every other
/// request on the thread. The map comes back for the caller's other uses.
pub(crate) async fn choropleth_latar(
    peta: PetaRuang,
    dengan_legenda: bool,
    href: impl Fn(&KodeWilayah) -> String + Send + 'static,
) -> Result<(Option<String>, PetaRuang), PageError> {
    crate::di_latar("menggambar peta", move || {
        let svg = choropleth(&peta, dengan_legenda, &href);
        (svg, peta)
    })
    .await
}

pub(crate) fn choropleth(
    peta: &PetaRuang,
    dengan_legenda: bool,
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
    Some(svg_dengan(
        &crate::bahasa::Bahasa::kini().teks_dengan(
            "peta-judul-svg",
            &[
                ("induk", peta.induk.nama.clone().into()),
                ("warna", label_warna(peta.warna).to_lowercase().into()),
                ("tingkat", label_tingkat(peta.tingkat).to_lowercase().into()),
            ],
        ),
        &bentuk,
        &w.legenda,
        dengan_legenda,
    ))
}

/// The choropleth of `peta` for a printed report: the same fills and
/// legend as [`choropleth`], the same projection and simplification as
/// the SVG (in its 1000-unit space; the PDF scales it), or None when no
/// sub-region has a shape.
pub(crate) fn peta_pdf(peta: &PetaRuang) -> Option<posko_app::laporan::PetaLaporan> {
    use posko_app::laporan::{BentukPeta, PetaLaporan};
    use posko_domain::peta::{Batas, LEBAR_PETA, TOLERANSI_LAYAR, Tata, sederhanakan_cincin};
    if peta.anak.is_empty() {
        return None;
    }
    // The same layout as the SVG, Kepulauan Seribu's inset included.
    let batas: Vec<&Batas> = peta.anak.iter().map(|a| &a.batas).collect();
    let nama: Vec<&str> = peta.anak.iter().map(|a| a.wilayah.nama.as_str()).collect();
    let tata = Tata::muat(&batas, &nama, LEBAR_PETA, 10.0)?;
    let w = pewarnaan(peta);
    let rgb = |w: posko_domain::peta::Warna| [w.0, w.1, w.2];
    let bentuk = peta
        .anak
        .iter()
        .zip(&w.isi)
        .enumerate()
        .map(|(n, (a, i))| (n, (tata.proyeksi(n), a, i)))
        .map(|(n, (proj, a, i))| BentukPeta {
            rgb: rgb(i.isi),
            cincin: a
                .batas
                .cincin
                .iter()
                .flatten()
                .filter_map(|ring| {
                    let layar: Vec<(f64, f64)> = ring.iter().map(|p| proj.titik(*p)).collect();
                    let r = sederhanakan_cincin(&layar, TOLERANSI_LAYAR);
                    if tata.sisipan.as_ref().is_some_and(|s| s.anggota[n]) {
                        // Islands in the inset are a few units across at
                        // most and vanish when simplified or printed: each
                        // is drawn at least as a dot, as on the SVG map.
                        Some(paling_kecil(&layar, r, UKURAN_PULAU))
                    } else {
                        (r.len() >= 3).then_some(r)
                    }
                })
                .collect(),
        })
        .collect();
    let sisipan = tata.sisipan.as_ref().map(|s| {
        let (x, y, lebar, tinggi) = s.bingkai;
        posko_app::laporan::SisipanPeta {
            x,
            y,
            lebar,
            tinggi,
            label: s.label.clone(),
        }
    });
    Some(PetaLaporan {
        sisipan,
        judul: crate::bahasa::Bahasa::kini().teks_dengan(
            "peta-judul-svg",
            &[
                ("induk", peta.induk.nama.clone().into()),
                ("warna", label_warna(peta.warna).to_lowercase().into()),
                ("tingkat", label_tingkat(peta.tingkat).to_lowercase().into()),
            ],
        ),
        bentuk,
        legenda_judul: w.legenda.judul.clone(),
        legenda: w
            .legenda
            .baris
            .iter()
            .map(|(warna, label)| (rgb(*warna), label.clone()))
            .collect(),
    })
}

/// The smallest island the printed map draws, in map units (of a
/// 1000-unit-wide map): the SVG's 5-unit outline, as a square.
const UKURAN_PULAU: f64 = 6.0;

/// `cincin` (the simplified ring of `asli`), or a square `ukuran` across
/// at the centre of `asli` when the ring is smaller than that or vanished.
fn paling_kecil(asli: &[(f64, f64)], cincin: Vec<(f64, f64)>, ukuran: f64) -> Vec<(f64, f64)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in asli {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    if asli.is_empty() || (cincin.len() >= 3 && x1 - x0 >= ukuran && y1 - y0 >= ukuran) {
        return cincin;
    }
    let (cx, cy, r) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0, ukuran / 2.0);
    vec![
        (cx - r, cy - r),
        (cx + r, cy - r),
        (cx + r, cy + r),
        (cx - r, cy + r),
    ]
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
    /// The legend, written as HTML under the map: its title and each
    /// colour (`#rrggbb`) with its words.
    pub legenda_judul: String,
    pub legenda: Vec<(String, String)>,
}

/// The map of page `dasar` (its path) for region `kode`: `pilihan` the
/// colourings offered, `svg_dasar` the standalone SVG's path, `anak` the
/// link of a shape, relative to the page (`32.01` from `/wilayah/32`: a
/// few bytes instead of a long path, times hundreds of shapes). Extra
/// query (`tambahan`, e.g. `layar=besar`)
/// is kept on every link.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn peta_halaman(
    s: &AppState,
    oleh: &[posko_domain::Penugasan],
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
                label: label_warna(*w),
                aktif: *w == warna,
            })
            .collect(),
        tingkat: if pilihan_tingkat.len() > 1 {
            pilihan_tingkat
                .iter()
                .map(|t| PilihanLink {
                    href: link(warna, Some(*t), dasar),
                    label: label_tingkat(*t),
                    aktif: Some(*t) == tingkat_aktif,
                })
                .collect()
        } else {
            Vec::new()
        },
        svg_href: link(warna, tingkat, svg_dasar),
        peta: None,
        legenda_judul: String::new(),
        legenda: Vec::new(),
    };
    if pilihan_tingkat.is_empty() {
        return Ok(out);
    }
    let peta = s
        .posko
        .peta_ruang(oleh, kode, tingkat, warna, pemilihan)
        .await?;
    let kueri = link(warna, None, "");
    let href: std::collections::HashMap<KodeWilayah, String> = peta
        .anak
        .iter()
        .map(|a| (a.wilayah.kode, format!("{}{kueri}", anak(&a.wilayah.kode))))
        .collect();
    let (svg, peta) = choropleth_latar(peta, false, move |k| {
        href.get(k).cloned().unwrap_or_default()
    })
    .await?;
    // The legend as HTML under the map: at a phone's width the SVG's own
    // legend text shrank to 5–7 px.
    let w = pewarnaan(&peta);
    out.legenda_judul = w.legenda.judul.clone();
    out.legenda = w
        .legenda
        .baris
        .iter()
        .map(|(warna, label)| (warna.to_string(), label.clone()))
        .collect();
    out.svg = svg;
    out.peta = Some(peta);
    Ok(out)
}

/// The region page's map: colourings that need no election (or all of
/// them with `?pemilihan=`).
pub(crate) async fn peta_wilayah(
    s: &AppState,
    oleh: &[posko_domain::Penugasan],
    kode: KodeWilayah,
    q: &PilihanPeta,
) -> Result<PetaHalaman, PageError> {
    let pemilihan = match q.pemilihan.as_deref().filter(|s| !s.is_empty()) {
        Some(id) => Some(crate::param::pemilihan(id)?),
        None => None,
    };
    let pilihan: Vec<WarnaPeta> = WarnaPeta::SEMUA
        .into_iter()
        .filter(|w| (pemilihan.is_some() || !w.perlu_pemilihan()) && w.boleh(oleh, kode))
        .collect();
    let tambahan: Vec<String> = pemilihan
        .map(|p| format!("pemilihan={p}"))
        .into_iter()
        .collect();
    peta_halaman(
        s,
        oleh,
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

/// A map colouring's name in the page's language.
pub(crate) fn label_warna(w: posko_app::WarnaPeta) -> String {
    use posko_app::WarnaPeta::*;
    match w {
        Dpt => crate::t("peta-warna-dpt"),
        Target => crate::t("peta-warna-target"),
        Pendukung => crate::t("peta-warna-pendukung"),
        Saksi => crate::t("peta-warna-saksi"),
        Pemimpin => crate::t("peta-warna-pemimpin"),
        Sampel => crate::t("peta-warna-sampel"),
    }
}

/// A region level's name in the page's language.
pub(crate) fn label_tingkat(t: posko_domain::Tingkat) -> String {
    use posko_domain::Tingkat::*;
    match t {
        Provinsi => crate::t("peta-tingkat-provinsi"),
        Kabkota => crate::t("peta-tingkat-kabkota"),
        Kecamatan => crate::t("peta-tingkat-kecamatan"),
        Desa => crate::t("peta-tingkat-desa"),
    }
}
