//! The map of a region's children: a server-side SVG choropleth of DPT
//! per child, served alone (`/wilayah/{kode}/peta.svg`) and inlined on the
//! region page, each shape linking to the child's page.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use posko_app::PetaAnak;
use posko_domain::KodeWilayah;
use posko_domain::peta::{Bentuk, Legenda, Skala, TANPA_DATA, svg};

use crate::auth::{Kebijakan, Sasaran};
use crate::error::PageError;
use crate::format::ribuan;
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

async fn peta_svg(
    State(s): State<AppState>,
    Path(kode): Path<String>,
) -> Result<Response, PageError> {
    let kode =
        KodeWilayah::parse(&kode).map_err(|e| PageError(StatusCode::NOT_FOUND, e.to_string()))?;
    let anak = s.posko.peta_anak_rekap(kode).await?;
    let Some(body) = choropleth_dpt(&kode.to_string(), &anak) else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            format!(
                "Belum ada batas wilayah di bawah {kode}; impor dengan: posko import batas BERKAS"
            ),
        ));
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=60"),
        ],
        body,
    )
        .into_response())
}

/// Number of classes of the DPT scale.
const KELAS: usize = 5;

/// The choropleth of DPT per child, or None when no child has a shape.
pub(crate) fn choropleth_dpt(nama_induk: &str, anak: &[PetaAnak]) -> Option<String> {
    if anak.is_empty() {
        return None;
    }
    let nilai: Vec<f64> = anak
        .iter()
        .filter(|a| a.rekap.dpt_total > 0)
        .map(|a| a.rekap.dpt_total as f64)
        .collect();
    let skala = Skala::linear(&nilai, KELAS);
    let bentuk: Vec<Bentuk<'_>> = anak
        .iter()
        .map(|a| Bentuk {
            batas: &a.batas,
            nama: &a.wilayah.nama,
            keterangan: format!("DPT {}", ribuan(a.rekap.dpt_total)),
            isi: if a.rekap.dpt_total > 0 {
                skala.warna(a.rekap.dpt_total as f64)
            } else {
                TANPA_DATA
            },
            href: Some(format!("/wilayah/{}", a.wilayah.kode)),
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
    if nilai.len() < anak.len() {
        baris.push((TANPA_DATA, "belum ada DPT".to_string()));
    }
    let legenda = Legenda {
        judul: "Pemilih (DPT)".into(),
        keterangan: format!(
            "Peta {nama_induk}: jumlah pemilih (DPT) per wilayah. {}",
            skala.keterangan()
        ),
        baris,
    };
    Some(svg(&format!("Peta DPT {nama_induk}"), &bentuk, &legenda))
}
