//! Every table download of the route table, printed whole: for each GET
//! route ending in `/pdf` that has an `/xlsx` twin (both written from the
//! one table model), the PDF's text holds every cell of the XLSX in full
//! (figures and codes on one line, never cut with "…"), on DKI Jakarta's
//! real regions with results, a quick-count sample and relawan in.

use super::*;
use posko_web::route_table;

/// A number cell as the PDF prints it in Indonesian: a whole number
/// grouped with dots, a share with one decimal and " %".
fn seperti_pdf(x: f64, persen: bool) -> String {
    if persen {
        let n = (x * 1000.0).round().abs() as u64;
        format!("{},{} %", titik(n / 10), n % 10)
    } else {
        titik(x.round().max(0.0) as u64)
    }
}

/// 1234567 → "1.234.567".
fn titik(n: u64) -> String {
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

fn rapat(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

per_backend!(every_table_pdf_holds_every_cell_of_its_xlsx_in_full);
async fn every_table_pdf_holds_every_cell_of_its_xlsx_in_full(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    impor_batas(&posko, &data).await;
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    // Results in every kota, and at the example TPS (31.71's first).
    for (w, a, b) in [
        ("31.71", 125, 25),
        ("31.72", 70, 80),
        ("31.73", 1_004, 999),
        ("31.74", 104_567, 98_765),
        ("31.75", 88, 91),
        ("31.01", 40, 12),
    ] {
        kirim(&posko, id, w, a, b).await;
    }
    posko
        .tarik_sampel(
            &Aktor::system(),
            id,
            DesainSampel {
                stratifikasi: Stratifikasi::KabKota,
                alokasi: Alokasi::ProporsionalDpt,
                ukuran: 120,
                benih: 20291128,
            },
        )
        .await
        .unwrap();
    let (kepala_tim, _) = posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "kepala.relawan".into(),
                nama: "Kepala relawan".into(),
                password: None,
                penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
                telepon: None,
            },
        )
        .await
        .unwrap();
    for (nama, w) in [
        ("Rina Pusat dengan nama yang sangat panjang sekali", "31.71"),
        ("Budi Utara", "31.72"),
    ] {
        posko
            .tambah_relawan(&kepala_tim, nama, Cakupan::Wilayah(kw(w)), None)
            .await
            .unwrap();
    }
    let s = serve(posko, dir).await;
    let admin = Penugasan::new(Peran::Admin, Cakupan::Semua).unwrap();
    let c = s.client_as("admin.cetak", vec![admin]).await;
    let table = route_table(s.posko.clone());

    let mut diperiksa = Vec::new();
    let mut sel_diperiksa = 0usize;
    for rute in table.iter().filter(|r| r.metode == "GET") {
        let Some(dasar) = rute.contoh.strip_suffix("/pdf") else {
            continue;
        };
        let pola = rute.path.strip_suffix("/pdf").unwrap_or(rute.path);
        let xlsx_ada = table
            .iter()
            .any(|r| r.metode == "GET" && r.path == format!("{pola}/xlsx"));
        // The discrepancy list's PDF is the evidence pack (its own
        // layout, tested in `sengketa_audit`), not the table model.
        if !xlsx_ada || pola.contains("/selisih/") {
            continue;
        }
        let dasar = dasar.replace("{id}", &id.to_string());
        // The leaderboard is per area: the one the example paths are in.
        let kueri = if dasar.starts_with("/relawan") {
            "?wilayah=31.71"
        } else {
            ""
        };
        let (st_x, _, xlsx) = ambil(c.get(s.url(&format!("{dasar}/xlsx{kueri}")))).await;
        let (st_p, _, pdf) = ambil(c.get(s.url(&format!("{dasar}/pdf{kueri}")))).await;
        assert_eq!(st_x, st_p, "{backend}: {dasar}: xlsx and pdf answer alike");
        if st_p == StatusCode::NOT_FOUND {
            // A table about one object the example data has none of (a
            // dispute): nothing to print.
            eprintln!("{backend}: {dasar}: 404, skipped");
            continue;
        }
        assert_eq!(st_p, StatusCode::OK, "{backend}: {dasar}");
        let rows = lembar(&xlsx);
        let (_, teks_pdf) = pdf_teks(&pdf);
        let pdf_rapat = rapat(&teks_pdf);
        // No figure or code is cut: nothing with a digit ends in "…".
        for kata in teks_pdf.split_whitespace() {
            assert!(
                !(kata.contains('…') && kata.chars().any(|c| c.is_ascii_digit())),
                "{backend}: {dasar}: a figure or code cut: {kata}\n{teks_pdf}"
            );
        }
        // The table: from its header row (the first with more than one
        // cell) to the first empty row.
        let Some(h) = rows
            .iter()
            .position(|r| r.iter().filter(|c| **c != Data::Empty).count() > 1)
        else {
            panic!("{backend}: {dasar}: no header row: {rows:?}");
        };
        let isi_tabel: Vec<&Vec<Data>> = rows[h..]
            .iter()
            .take_while(|r| r.iter().any(|c| *c != Data::Empty))
            .collect();
        let lebar = isi_tabel.iter().map(|r| r.len()).max().unwrap_or(0);
        let persen: Vec<bool> = (0..lebar)
            .map(|k| {
                isi_tabel
                    .iter()
                    .any(|r| matches!(r.get(k), Some(Data::Float(x)) if x.fract() != 0.0))
            })
            .collect();
        for r in &isi_tabel {
            for (k, sel) in r.iter().enumerate() {
                let nilai = match sel {
                    Data::Empty => continue,
                    Data::Float(x) => seperti_pdf(*x, persen[k]),
                    Data::Int(n) => titik(*n as u64),
                    other => teks(other),
                };
                if nilai.trim().is_empty() {
                    continue;
                }
                assert!(
                    pdf_rapat.contains(&rapat(&nilai)),
                    "{backend}: {dasar}: the PDF lacks the cell {nilai:?}\n{teks_pdf}"
                );
                sel_diperiksa += 1;
            }
        }
        diperiksa.push((dasar, isi_tabel.len()));
    }
    eprintln!("{backend}: {diperiksa:?}, {sel_diperiksa} cells");
    assert!(
        diperiksa.len() >= 10,
        "{backend}: every table route was reached: {diperiksa:?}"
    );
    assert!(
        diperiksa.iter().filter(|(_, n)| *n > 2).count() >= 6,
        "{backend}: tables with rows: {diperiksa:?}"
    );
    // The wide results table of Jakarta Timur (the one that printed
    // "104.…"): landscape or not, its figures are whole.
    let (_, _, pdf) = ambil(c.get(s.url(&format!("/pemilihan/{id}/hasil/31.74/pdf")))).await;
    let keep = std::env::temp_dir().join(format!("posko-hasil-31.74-{backend}.pdf"));
    std::fs::write(&keep, &pdf).unwrap();
    eprintln!("{backend}: {}", keep.display());
    let (_, t) = pdf_teks(&pdf);
    assert!(t.contains("104.567"), "{backend}: {t}");
    assert!(t.contains("31.74."), "{backend}: {t}");
}
