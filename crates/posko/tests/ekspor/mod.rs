//! The downloads of every table a page shows (XLSX and PDF) and the war
//! room's PDF report, on the real server and both backends: DKI Jakarta's
//! real regions, TPS and boundaries, results for known TPS, relawan in
//! two kota and a drawn quick-count sample. A user opens the files: the
//! spreadsheet's figures are numbers, the PDF names the region and its
//! figures, and nobody gets rows outside their territory.

use crate::common;

mod cetak_utuh;
mod hari_h;
mod relawan;
mod sengketa_audit;
mod tabel_halaman;

use std::sync::Arc;

use calamine::{Data, Reader};
use common::{client_with, pemilihan_gubernur, serve, shared_data, store_dki};
use posko_app::{Aktor, ImportRequest, IsianHasil, NewPengguna, Posko};
use posko_domain::hitung_cepat::{Alokasi, DesainSampel, Stratifikasi};
use posko_domain::{Cakupan, FormulirHasil, KodeTps, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;
use time::OffsetDateTime;
use time::macros::datetime;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn jam(t: OffsetDateTime) -> Arc<dyn Fn() -> OffsetDateTime + Send + Sync> {
    Arc::new(move || t)
}

async fn impor_batas(posko: &Posko, data: &std::path::Path) {
    for f in ["kabkota.geojson", "kecamatan.geojson"] {
        let r = posko
            .import_batas(
                &Aktor::system(),
                &data.join("batas").join(f),
                ImportRequest::default(),
            )
            .await
            .unwrap();
        assert!(r.applied, "{f}: {:?}", r.problems);
    }
}

/// Sends a result for the first TPS of `wilayah`: `p1` and `p2` votes.
async fn kirim(posko: &Posko, id: uuid::Uuid, wilayah: &str, p1: u32, p2: u32) {
    let tps = posko
        .store()
        .daftar_tps_di(kw(wilayah), None, 1)
        .await
        .unwrap()
        .pop()
        .unwrap()
        .kode;
    kirim_tps(posko, id, tps, p1, p2).await;
}

async fn kirim_tps(posko: &Posko, id: uuid::Uuid, tps: KodeTps, p1: u32, p2: u32) {
    let (pengirim, _) = posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: format!("pengirim.{}.{p1}", tps.undotted()),
                nama: "Uji pengirim".into(),
                password: None,
                penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
                telepon: None,
            },
        )
        .await
        .unwrap();
    posko
        .kirim_hasil(
            &pengirim,
            IsianHasil {
                pemilihan_id: id,
                tps,
                kunci_klien: format!("uji-ekspor-{}-{p1}", tps.undotted()),
                formulir: FormulirHasil {
                    suara_paslon: vec![Some(p1), Some(p2)],
                    suara_sah: Some(p1 + p2),
                    suara_tidak_sah: Some(0),
                    suara_total: Some(p1 + p2),
                    ..Default::default()
                },
                alasan: None,
                foto: Vec::new(),
                sumber: "uji",
            },
        )
        .await
        .unwrap();
}

/// A download's status, Content-Disposition and bytes.
async fn ambil(r: reqwest::RequestBuilder) -> (StatusCode, String, Vec<u8>) {
    let r = r.send().await.unwrap();
    let st = r.status();
    let cd = r
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (st, cd, r.bytes().await.unwrap().to_vec())
}

/// A downloaded workbook's first sheet as rows of cells.
fn lembar(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let nama = wb.sheet_names()[0].clone();
    assert!(nama.chars().count() <= 31, "{nama}");
    let r = wb.worksheet_range(&nama).unwrap();
    r.rows().map(|b| b.to_vec()).collect()
}

fn teks(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The index of the header row: the first row whose cell `kolom` is `isi`.
fn kepala(rows: &[Vec<Data>], isi: &str) -> usize {
    rows.iter()
        .position(|r| r.first().map(teks).as_deref() == Some(isi))
        .unwrap_or_else(|| panic!("no header row starting with {isi}: {rows:?}"))
}

fn kolom(rows: &[Vec<Data>], h: usize, judul: &str) -> usize {
    rows[h]
        .iter()
        .position(|c| teks(c) == judul)
        .unwrap_or_else(|| panic!("no column {judul}: {:?}", rows[h]))
}

/// The data rows under the header, up to the first empty row (the total
/// row included).
fn isi(rows: &[Vec<Data>], h: usize) -> Vec<Vec<Data>> {
    rows[h + 1..]
        .iter()
        .take_while(|r| r.iter().any(|c| *c != Data::Empty))
        .cloned()
        .collect()
}

fn pdf_teks(bytes: &[u8]) -> (usize, String) {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    (pages.len(), doc.extract_text(&pages).unwrap())
}

/// The index of the first row with a cell `judul` in it (the header,
/// whatever its first column is called in that language).
fn kepala_dengan(rows: &[Vec<Data>], judul: &str) -> usize {
    rows.iter()
        .position(|r| r.iter().any(|c| teks(c) == judul))
        .unwrap_or_else(|| panic!("no header with {judul}: {rows:?}"))
}

fn audit(log: &[posko_domain::EntriAudit], aksi: &str) -> usize {
    log.iter().filter(|e| e.aksi == aksi).count()
}

/// Counts the `<tr` rows of the table `id` in a page's body.
fn baris_tabel(html: &str, id: &str) -> usize {
    let awal = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no table {id}:\n{html}"));
    let tabel = &html[awal..awal + html[awal..].find("</table>").unwrap()];
    let tbody = &tabel[tabel.find("<tbody>").unwrap()..];
    tbody.matches("<tr").count()
}

fn angka(d: &Data) -> f64 {
    match d {
        Data::Float(x) => *x,
        other => panic!("not a number cell: {other:?}"),
    }
}
