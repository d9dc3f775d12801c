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
    tps_href: String,
    desa: String,
    status: String,
    /// The compared figures that differ, named, so a phone shows why
    /// the row is listed before the table is scrolled.
    berbeda: String,
    sel: Vec<SelSelisih>,
    bergeser: String,
    foto: Vec<String>,
}

/// One compared figure of a TPS: "kita → resmi (±d)" where they differ.
struct SelSelisih {
    teks: String,
    beda: bool,
}

/// Every figure compared, in column order: each paslon's votes, then
/// valid and invalid votes, as (ours, official).
fn pasangan(x: &SelisihResmi, paslon: usize) -> Vec<(u64, u64)> {
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    (0..paslon)
        .map(|i| (at(&x.kita.suara, i), at(&x.resmi.suara, i)))
        .chain([
            (x.kita.sah, x.resmi.sah),
            (x.kita.tidak_sah, x.resmi.tidak_sah),
        ])
        .collect()
}

/// The names of the compared columns, as the page and the XLSX head them.
fn nama_kolom(paslon: usize) -> Vec<String> {
    (1..=paslon)
        .map(|n| format!("{n:02}"))
        .chain([crate::t("sengketa-sah"), crate::t("sengketa-tidak-sah")])
        .collect()
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

fn sel(k: u64, r: u64) -> SelSelisih {
    if k == r {
        SelSelisih {
            teks: ribuan(k),
            beda: false,
        }
    } else {
        SelSelisih {
            teks: format!("{} → {} ({:+})", ribuan(k), ribuan(r), r as i64 - k as i64),
            beda: true,
        }
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
    let mut kode_desa: Vec<KodeWilayah> = list.iter().map(|x| x.tps.desa()).collect();
    kode_desa.sort();
    kode_desa.dedup();
    let desa: std::collections::HashMap<KodeWilayah, String> = s
        .posko
        .wilayah_banyak(&kode_desa)
        .await?
        .into_iter()
        .map(|w| (w.kode, w.nama))
        .collect();
    let akhiran = if semua { "?semua=1" } else { "" };
    let kolom = nama_kolom(paslon);
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
        kolom: kolom.clone(),
        total: crate::t2("selisih-total", "tps", list.len(), "suara", total),
        baris: list
            .iter()
            .map(|x| Baris {
                tps: x.tps.to_string(),
                tps_href: format!("/pemilihan/{id}/tps/{}", x.tps.undotted()),
                desa: desa.get(&x.tps.desa()).cloned().unwrap_or_default(),
                status: crate::t(match x.status {
                    posko_storage::StatusHasil::Masuk => "rekap-status-masuk",
                    posko_storage::StatusHasil::Terverifikasi => "rekap-status-terverifikasi",
                    posko_storage::StatusHasil::Bermasalah => "rekap-status-bermasalah",
                    posko_storage::StatusHasil::PerluFoto => "rekap-status-perlu-foto",
                }),
                berbeda: pasangan(x, paslon)
                    .iter()
                    .zip(&kolom)
                    .enumerate()
                    .filter(|(_, ((k, r), _))| k != r)
                    .map(|(i, (_, j))| {
                        if i < paslon {
                            crate::t1("sengketa-kolom-paslon", "nomor", j.clone())
                        } else {
                            j.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                sel: pasangan(x, paslon)
                    .into_iter()
                    .map(|(k, r)| sel(k, r))
                    .collect(),
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
    let mut kode_desa: Vec<KodeWilayah> = list.iter().map(|x| x.tps.desa()).collect();
    kode_desa.sort();
    kode_desa.dedup();
    let desa: std::collections::HashMap<KodeWilayah, String> = s
        .posko
        .wilayah_banyak(&kode_desa)
        .await?
        .into_iter()
        .map(|w| (w.kode, w.nama))
        .collect();
    let kolom = nama_kolom(paslon);
    let bytes = crate::di_latar("menyusun XLSX selisih", move || {
        xlsx_selisih(&list, paslon, &desa, &kolom)
    })
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

/// The discrepancy list as a workbook: every figure compared (each
/// paslon, valid and invalid votes, ours and official side by side), the
/// cells that differ in bold on a shaded fill, a column naming them (so
/// the reason a row is listed survives printing in black and white), and
/// the photos' hashes, to attach to an objection.
fn xlsx_selisih(
    list: &[posko_app::SelisihResmi],
    paslon: usize,
    desa: &std::collections::HashMap<KodeWilayah, String>,
    kolom: &[String],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Color, Format};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Selisih")?;
    let tebal = Format::new().set_bold();
    let beda = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xFFE08A))
        .set_num_format("#,##0");
    let biasa = Format::new().set_num_format("#,##0");
    // In Indonesian whatever the page's language: filed with the KPU.
    let label = |i: usize| match i.checked_sub(paslon) {
        None => format!("Paslon {}", kolom[i]),
        Some(0) => "Sah".to_string(),
        Some(_) => "Tidak sah".to_string(),
    };
    let mut head = vec![
        "TPS".to_string(),
        "Desa/kelurahan".to_string(),
        "Status".to_string(),
    ];
    for i in 0..kolom.len() {
        head.push(format!("{} (kita)", label(i)));
        head.push(format!("{} (resmi)", label(i)));
    }
    head.extend(["Berbeda di", "Suara bergeser", "Foto (SHA-256)"].map(String::from));
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &tebal)?;
    }
    for (r, x) in list.iter().enumerate() {
        let row = (r + 1) as u32;
        ws.write_string(row, 0, x.tps.to_string())?;
        ws.write_string(
            row,
            1,
            desa.get(&x.tps.desa()).map(String::as_str).unwrap_or(""),
        )?;
        ws.write_string(row, 2, x.status.slug())?;
        let mut c = 3u16;
        let mut berbeda = Vec::new();
        for (i, (k, o)) in pasangan(x, paslon).into_iter().enumerate() {
            let f = if k == o { &biasa } else { &beda };
            if k != o {
                berbeda.push(label(i));
            }
            ws.write_number_with_format(row, c, k as f64, f)?;
            ws.write_number_with_format(row, c + 1, o as f64, f)?;
            c += 2;
        }
        ws.write_string(row, c, berbeda.join(", "))?;
        ws.write_number(row, c + 1, x.suara_bergeser as f64)?;
        ws.write_string(row, c + 2, x.foto.join(" "))?;
    }
    ws.set_freeze_panes(1, 1)?;
    wb.save_to_buffer()
}
