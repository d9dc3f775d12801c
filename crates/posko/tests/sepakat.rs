//! One number, one way: a region's votes needed, turnout and totals are
//! computed once in the application layer, so the page, its XLSX, its
//! PDF, the war room, its map's spreadsheet and its report say the same
//! (Jakarta Timur's "votes needed" was 562.585 on `/target/31` and
//! 561.791 in the war room). The report's headline agrees with its own
//! table, and its map keeps Kepulauan Seribu's inset.

use crate::common;

use calamine::{Data, Reader};
use common::{pemilihan_gubernur, serve, shared_data, store_dki};
use posko_app::{Aktor, ImportRequest, IsianHasil, NewPengguna, Posko};
use posko_domain::{Cakupan, FormulirHasil, KodeTps, KodeWilayah, Penugasan, Peran, Persen};
use posko_storage::SumberPartisipasi;
use reqwest::StatusCode;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn ribuan(n: u64) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn teks(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn angka(d: &Data) -> u64 {
    match d {
        Data::Float(x) => *x as u64,
        other => panic!("not a number cell: {other:?}"),
    }
}

/// A workbook's first sheet.
fn lembar(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let nama = wb.sheet_names()[0].clone();
    let r = wb.worksheet_range(&nama).unwrap();
    r.rows().map(|b| b.to_vec()).collect()
}

/// The row whose cell in column `kode` is `isi`, and the header's index
/// of column `judul`.
fn sel<'a>(rows: &'a [Vec<Data>], isi: &str, judul: &str) -> &'a Data {
    let h = rows
        .iter()
        .position(|r| r.iter().any(|c| teks(c) == judul))
        .unwrap_or_else(|| panic!("no column {judul}: {rows:?}"));
    let k = rows[h].iter().position(|c| teks(c) == judul).unwrap();
    let r = rows[h + 1..]
        .iter()
        .find(|r| r.iter().any(|c| teks(c) == isi))
        .unwrap_or_else(|| panic!("no row {isi}: {rows:?}"));
    &r[k]
}

fn pdf_teks(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

async fn kirim_tps(
    posko: &Posko,
    pengirim: &posko_storage::Pengguna,
    id: uuid::Uuid,
    tps: KodeTps,
    p1: u32,
    p2: u32,
) {
    posko
        .kirim_hasil(
            pengirim,
            IsianHasil {
                pemilihan_id: id,
                tps,
                kunci_klien: format!("sepakat-{}", tps.undotted()),
                formulir: FormulirHasil {
                    suara_paslon: vec![Some(p1), Some(p2)],
                    suara_sah: Some(p1 + p2),
                    suara_tidak_sah: Some(3),
                    suara_total: Some(p1 + p2 + 3),
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

async fn ambil(c: &reqwest::Client, url: String) -> Vec<u8> {
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{url}");
    r.bytes().await.unwrap().to_vec()
}

per_backend!(one_region_one_number_on_every_page_and_file);
async fn one_region_one_number_on_every_page_and_file(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
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
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    // The manager saved a turnout of 63,5 %: every page uses it.
    posko
        .simpan_asumsi_target(
            &Aktor::system(),
            "uji",
            id,
            Persen::parse("63,5").unwrap(),
            SumberPartisipasi::Tetap,
            None,
        )
        .await
        .unwrap();
    let (pengirim, _) = posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "pengirim.sepakat".into(),
                nama: "Uji pengirim".into(),
                password: None,
                penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
                telepon: None,
            },
        )
        .await
        .unwrap();
    let tps_timur = posko
        .store()
        .daftar_tps_di(kw("31.75"), None, 7)
        .await
        .unwrap();
    for (i, t) in tps_timur.iter().enumerate() {
        kirim_tps(
            &posko,
            &pengirim,
            id,
            t.kode,
            100 + i as u32 * 7,
            80 + i as u32,
        )
        .await;
    }
    let t = posko
        .store()
        .daftar_tps_di(kw("31.71"), None, 1)
        .await
        .unwrap();
    kirim_tps(&posko, &pengirim, id, t[0].kode, 10, 20).await;
    let timur = posko
        .store()
        .ambil_wilayah(kw("31.75"))
        .await
        .unwrap()
        .unwrap()
        .nama;
    let s = serve(posko, dir).await;
    let c = s.client();
    let url = |p: &str| s.url(p);

    // Votes needed, from the targets page's own spreadsheet.
    let target_xlsx = lembar(&ambil(&c, url(&format!("/target/31/xlsx?pemilihan={id}"))).await);
    let butuh = angka(sel(&target_xlsx, "31.75", "Dibutuhkan"));
    assert!(butuh > 100_000, "{backend}: {butuh}");
    let b = ribuan(butuh);
    let page =
        String::from_utf8(ambil(&c, url(&format!("/target/31?pemilihan={id}"))).await).unwrap();
    assert!(page.contains(&b), "{backend}: /target/31 has {b}");
    let pdf = pdf_teks(&ambil(&c, url(&format!("/target/31/pdf?pemilihan={id}"))).await);
    assert!(pdf.contains(&b), "{backend}: target PDF has {b}: {pdf}");
    // The war room's map spreadsheet and its target chart.
    let peta = lembar(
        &ambil(
            &c,
            url(&format!("/pemilihan/{id}/ruang/31/peta.xlsx?warna=target")),
        )
        .await,
    );
    assert_eq!(
        angka(sel(&peta, "31.75", "Suara dibutuhkan")),
        butuh,
        "{backend}: the war room's map XLSX"
    );
    let ruang =
        String::from_utf8(ambil(&c, url(&format!("/pemilihan/{id}/ruang/31"))).await).unwrap();
    assert!(
        ruang.contains(&format!("dari {b}")),
        "{backend}: the war room's target chart has {b}"
    );
    assert!(
        ruang.contains("Jakarta Timur") && !ruang.contains("Kota Administrasi J…"),
        "{backend}: the target chart's labels are short names"
    );
    // The legend of the target map says the saved turnout.
    let peta_svg = String::from_utf8(
        ambil(
            &c,
            url(&format!("/pemilihan/{id}/ruang/31/peta.svg?warna=target")),
        )
        .await,
    )
    .unwrap();
    assert!(
        peta_svg.contains("partisipasi 63,5"),
        "{backend}: {peta_svg}"
    );

    // Totals and turnout of Jakarta Timur: the results spreadsheet …
    let hasil = lembar(&ambil(&c, url(&format!("/pemilihan/{id}/hasil/31/xlsx"))).await);
    let masuk = angka(sel(&hasil, "31.75", "TPS masuk"));
    let p01 = angka(sel(&hasil, "31.75", "01 Calon 1"));
    let sah = angka(sel(&hasil, "31.75", "Sah"));
    assert_eq!(masuk, tps_timur.len() as u64, "{backend}");
    let partisipasi = match sel(&hasil, "31.75", "Partisipasi") {
        Data::Float(x) => *x,
        other => panic!("{other:?}"),
    };
    let n = (partisipasi * 1000.0).round() as u64;
    let persen = format!("{},{} %", n / 10, n % 10);
    // … the results page and its PDF …
    let page =
        String::from_utf8(ambil(&c, url(&format!("/pemilihan/{id}/hasil/31"))).await).unwrap();
    for x in [ribuan(p01), ribuan(sah), persen.clone()] {
        assert!(page.contains(&x), "{backend}: results page has {x}");
    }
    // The results page's bars: each paslon's share of the valid votes on
    // a 0–100 % scale, in its one colour.
    let (v1, v2) = (
        angka(sel(&hasil, "Jumlah", "01 Calon 1")),
        angka(sel(&hasil, "Jumlah", "02 Calon 2")),
    );
    let porsi = (v1 as f64 / (v1 + v2) as f64 * 1000.0).round() / 10.0;
    assert!(
        page.contains(&format!(
            "<rect class=\"nilai\" width=\"{porsi}\" height=\"10\" fill=\"{}\"/>",
            posko_domain::peta::warna_paslon(1)
        )),
        "{backend}: a {porsi} % bar in paslon 1's colour"
    );
    let pdf = pdf_teks(&ambil(&c, url(&format!("/pemilihan/{id}/hasil/31/pdf"))).await);
    for x in [ribuan(p01), ribuan(sah), persen.clone()] {
        assert!(pdf.contains(&x), "{backend}: results PDF has {x}");
    }
    // … the war room of Jakarta Timur, its map spreadsheet and report.
    let ruang =
        String::from_utf8(ambil(&c, url(&format!("/pemilihan/{id}/ruang/31.75"))).await).unwrap();
    assert!(
        ruang.contains(&format!("id=\"ruang-tps\">{} / ", ribuan(masuk))),
        "{backend}: war room headline"
    );
    assert!(ruang.contains(&ribuan(p01)), "{backend}: war room chart");
    assert!(
        ruang.contains(&persen),
        "{backend}: war room turnout {persen}"
    );
    let peta = lembar(&ambil(&c, url(&format!("/pemilihan/{id}/ruang/31/peta.xlsx"))).await);
    assert_eq!(angka(sel(&peta, "31.75", "TPS masuk")), masuk, "{backend}");
    assert_eq!(angka(sel(&peta, "31.75", "01 Calon 1")), p01, "{backend}");
    // No result in Kepulauan Seribu: its votes are unknown, not 0.
    assert_eq!(*sel(&peta, "31.01", "01 Calon 1"), Data::Empty, "{backend}");
    let laporan =
        pdf_teks(&ambil(&c, url(&format!("/pemilihan/{id}/ruang/31.75/laporan.pdf"))).await);
    assert!(
        laporan.contains(&format!("{} / ", ribuan(masuk))) && laporan.contains(&ribuan(p01)),
        "{backend}: report: {laporan}"
    );
    // DKI's report: the headline's TPS in is the table's total, and the
    // map's inset of Kepulauan Seribu is drawn with its label.
    let bytes = ambil(&c, url(&format!("/pemilihan/{id}/ruang/31/laporan.pdf"))).await;
    std::fs::write(
        std::env::temp_dir().join(format!("posko-laporan-31-{backend}.pdf")),
        &bytes,
    )
    .unwrap();
    let laporan = pdf_teks(&bytes);
    let semua = tps_timur.len() as u64 + 1;
    assert!(
        laporan.contains(&format!("{semua} / ")),
        "{backend}: headline {semua} in: {laporan}"
    );
    assert!(
        laporan.lines().any(|l| l.trim() == "Kepulauan Seribu"),
        "{backend}: the inset's label besides the table's row: {laporan}"
    );
    let _ = timur;
}
