//! Where the official count differs from ours: the list (most votes moved
//! first) with both figures and the photos, as a page and as XLSX to attach
//! to an objection at rekapitulasi.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use posko_app::SelisihResmi;
use posko_domain::KodeWilayah;
use rust_xlsxwriter::Workbook;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, masuk};
use crate::error::PageError;
use crate::format::ribuan;
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    let lihat = Kebijakan::Izin(posko_domain::Izin::LihatHasil, Sasaran::Wilayah);
    r.add(
        "GET",
        "/pemilihan/{id}/selisih/{kode}",
        "/pemilihan/{id}/selisih/31.71",
        lihat,
        get(page),
    )
    .add(
        "GET",
        "/pemilihan/{id}/selisih/{kode}/xlsx",
        "/pemilihan/{id}/selisih/31.71/xlsx",
        lihat,
        get(xlsx),
    )
    .add(
        "GET",
        "/pemilihan/{id}/selisih/{kode}/pdf",
        "/pemilihan/{id}/selisih/31.71.01/pdf",
        lihat,
        get(pdf),
    )
}

#[derive(Deserialize)]
struct Q {
    /// Include TPS not yet verified (the night's best figures).
    semua: Option<String>,
}

async fn load(
    s: &AppState,
    id: &str,
    kode: &str,
    q: &Q,
) -> Result<(Uuid, KodeWilayah, bool, Vec<SelisihResmi>, usize), PageError> {
    let id = crate::param::pemilihan(id)?;
    let kode = crate::param::wilayah(kode)?;
    let semua = q.semua.is_some();
    let list = s.posko.daftar_selisih(id, Some(kode), !semua).await?;
    let paslon = s.posko.pemilihan_view(id).await?.paslon.len();
    Ok((id, kode, semua, list, paslon))
}

struct Baris {
    tps: String,
    status: String,
    sel: Vec<String>,
    bergeser: String,
    foto: Vec<String>,
}

#[derive(Template)]
#[template(path = "selisih.html")]
struct SelisihPage {
    judul: String,
    semua: bool,
    toggle: String,
    xlsx: String,
    /// The evidence pack of this kecamatan, or one per kecamatan listed.
    pdf: Option<String>,
    pdf_kecamatan: Vec<(String, String, usize)>,
    kolom: Vec<String>,
    baris: Vec<Baris>,
    total: String,
}

fn sel(s: &SelisihResmi, i: usize) -> String {
    let k = s.kita.suara.get(i).copied().unwrap_or(0);
    let r = s.resmi.suara.get(i).copied().unwrap_or(0);
    if k == r {
        ribuan(k)
    } else {
        format!("{} → {} ({:+})", ribuan(k), ribuan(r), r as i64 - k as i64)
    }
}

async fn page(
    State(s): State<AppState>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<Q>,
) -> Result<Html<String>, PageError> {
    let (id, kode, semua, list, paslon) = load(&s, &id, &kode, &q).await?;
    let nama = s
        .posko
        .wilayah(kode)
        .await?
        .map(|w| w.nama)
        .unwrap_or_else(|| kode.to_string());
    let total: u64 = list.iter().map(|x| x.suara_bergeser).sum();
    let akhiran = if semua { "?semua=1" } else { "" };
    let (pdf, pdf_kecamatan) = if posko_app::bukti::boleh_dipaket(kode) {
        (
            Some(format!("/pemilihan/{id}/selisih/{kode}/pdf{akhiran}")),
            Vec::new(),
        )
    } else {
        let mut per_kec: Vec<(KodeWilayah, usize)> = Vec::new();
        for x in &list {
            let k = x.tps.desa().at(posko_domain::Tingkat::Kecamatan);
            match per_kec.iter_mut().find(|(kk, _)| *kk == k) {
                Some((_, n)) => *n += 1,
                None => per_kec.push((k, 1)),
            }
        }
        per_kec.sort();
        let kodes: Vec<KodeWilayah> = per_kec.iter().map(|(k, _)| *k).collect();
        let nama: std::collections::HashMap<KodeWilayah, String> = s
            .posko
            .wilayah_banyak(&kodes)
            .await?
            .into_iter()
            .map(|w| (w.kode, w.nama))
            .collect();
        (
            None,
            per_kec
                .into_iter()
                .map(|(k, n)| {
                    (
                        nama.get(&k).cloned().unwrap_or_else(|| k.to_string()),
                        format!("/pemilihan/{id}/selisih/{k}/pdf{akhiran}"),
                        n,
                    )
                })
                .collect(),
        )
    };
    render(SelisihPage {
        pdf,
        pdf_kecamatan,
        judul: nama,
        semua,
        toggle: if semua {
            format!("/pemilihan/{id}/selisih/{kode}")
        } else {
            format!("/pemilihan/{id}/selisih/{kode}?semua=1")
        },
        xlsx: format!(
            "/pemilihan/{id}/selisih/{kode}/xlsx{}",
            if semua { "?semua=1" } else { "" }
        ),
        kolom: (1..=paslon).map(|n| format!("{n:02}")).collect(),
        total: crate::t2("selisih-total", "tps", list.len(), "suara", total),
        baris: list
            .iter()
            .map(|x| Baris {
                tps: x.tps.to_string(),
                status: x.status.slug().into(),
                sel: (0..paslon).map(|i| sel(x, i)).collect(),
                bergeser: ribuan(x.suara_bergeser),
                foto: x
                    .foto
                    .iter()
                    .map(|h| format!("/pemilihan/{id}/tps/{}/foto/{h}", x.tps.undotted()))
                    .collect(),
            })
            .collect(),
    })
}

async fn pdf(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<Q>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let oleh = format!("{} ({})", m.pengguna.nama, m.pengguna.username);
    let bytes = s
        .posko
        .paket_bukti(id, kode, q.semua.is_none(), &oleh)
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"bukti-selisih-{}.pdf\"",
                    kode.undotted()
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

async fn xlsx(
    State(s): State<AppState>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<Q>,
) -> Result<Response, PageError> {
    let (_, kode, _, list, paslon) = load(&s, &id, &kode, &q).await?;
    let bytes = crate::di_latar("menyusun XLSX selisih", move || xlsx_selisih(&list, paslon))
        .await?
        .map_err(|e| {
            PageError::from(posko_app::AppError::internal(
                "menyusun XLSX selisih",
                e.to_string(),
            ))
        })?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"selisih-{kode}.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The discrepancy list as a workbook: every figure compared, with the
/// photos' hashes, to attach to an objection.
fn xlsx_selisih(
    list: &[posko_app::SelisihResmi],
    paslon: usize,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Selisih")?;
    let mut head = vec!["TPS".to_string(), "Status".to_string()];
    for n in 1..=paslon {
        head.push(format!("Paslon {n:02} (kita)"));
        head.push(format!("Paslon {n:02} (resmi)"));
    }
    head.extend(
        [
            "Sah (kita)",
            "Sah (resmi)",
            "Suara bergeser",
            "Foto (SHA-256)",
        ]
        .map(String::from),
    );
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, h)?;
    }
    for (r, x) in list.iter().enumerate() {
        let row = (r + 1) as u32;
        ws.write_string(row, 0, x.tps.to_string())?;
        ws.write_string(row, 1, x.status.slug())?;
        let mut c = 2u16;
        for i in 0..paslon {
            ws.write_number(row, c, x.kita.suara.get(i).copied().unwrap_or(0) as f64)?;
            ws.write_number(
                row,
                c + 1,
                x.resmi.suara.get(i).copied().unwrap_or(0) as f64,
            )?;
            c += 2;
        }
        ws.write_number(row, c, x.kita.sah as f64)?;
        ws.write_number(row, c + 1, x.resmi.sah as f64)?;
        ws.write_number(row, c + 2, x.suara_bergeser as f64)?;
        ws.write_string(row, c + 3, x.foto.join(" "))?;
    }
    wb.save_to_buffer()
}
