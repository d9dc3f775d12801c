//! The downloads of every table a page shows (XLSX and PDF) and the war
//! room's PDF report, on the real server and both backends: DKI Jakarta's
//! real regions, TPS and boundaries, results for known TPS, relawan in
//! two kota and a drawn quick-count sample. A user opens the files: the
//! spreadsheet's figures are numbers, the PDF names the region and its
//! figures, and nobody gets rows outside their territory.

mod common;

use std::sync::Arc;

use calamine::{Data, Reader};
use common::{backends, client_with, load_dki, pemilihan_gubernur, serve, shared_data, store};
use posko_app::{Aktor, ImportRequest, KirimHasil, NewPengguna, Posko};
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
        .tps_under(kw(wilayah), None, 1)
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
            KirimHasil {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_table_downloads_as_the_page_shows_it() {
    let Some(data) = shared_data() else { return };
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        // 14:00 WIB on election day: the quick count is still embargoed.
        let sebelum = datetime!(2029-11-28 14:00 +7);
        let posko = store(backend, dir.path()).await.with_jam(jam(sebelum));
        load_dki(&posko, &data, dir.path()).await;
        impor_batas(&posko, &data).await;
        let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
        kirim(&posko, id, "31.71", 125, 25).await;
        kirim(&posko, id, "31.72", 70, 80).await;
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
        for (nama, w) in [("Rina Pusat", "31.71"), ("=Budi Utara", "31.72")] {
            posko
                .tambah_relawan(&kepala_tim, nama, Cakupan::Wilayah(kw(w)), None)
                .await
                .unwrap();
        }
        let pusat = posko
            .store()
            .get_wilayah(kw("31.71"))
            .await
            .unwrap()
            .unwrap();
        let kec_pusat = posko.store().children_of(Some(kw("31.71"))).await.unwrap();
        let s = serve(posko, dir).await;
        let c = s.client();
        let unduh = |c: &reqwest::Client, path: String| {
            let r = c.get(s.url(&path));
            async move {
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
        };

        // The results page links its downloads; the XLSX has the page's
        // rows, votes as numbers, the region's totals as the last row.
        let page = c
            .get(s.url(&format!("/pemilihan/{id}/hasil/31")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!("/pemilihan/{id}/hasil/31/xlsx")),
            "{backend}: {page}"
        );
        assert!(page.contains("Unduh tabel ini"), "{backend}");
        let (st, cd, bytes) = unduh(&c, format!("/pemilihan/{id}/hasil/31/xlsx")).await;
        assert_eq!(
            st,
            StatusCode::OK,
            "{backend}: {}",
            String::from_utf8_lossy(&bytes)
        );
        assert!(cd.contains("rekap-31.xlsx"), "{backend}: {cd}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Kabupaten/Kota");
        let k01 = kolom(&rows, h, "01 Calon 1");
        let kode = kolom(&rows, h, "Kode");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), 6 + 1, "{backend}: six kab/kota and the total");
        let jp = baris
            .iter()
            .find(|r| teks(&r[kode]) == "31.71")
            .expect("Jakarta Pusat's row");
        assert_eq!(teks(&jp[0]), pusat.nama, "{backend}");
        assert_eq!(jp[k01], Data::Float(125.0), "{backend}: a number cell");
        let total = baris.last().unwrap();
        assert_eq!(teks(&total[0]), "Jumlah", "{backend}");
        assert_eq!(total[k01], Data::Float(195.0), "{backend}");
        let tps_masuk = kolom(&rows, h, "TPS masuk");
        assert_eq!(total[tps_masuk], Data::Float(2.0), "{backend}");
        let partisipasi = kolom(&rows, h, "Partisipasi");
        assert!(
            matches!(jp[partisipasi], Data::Float(x) if x > 0.0 && x <= 1.0),
            "{backend}: turnout as a fraction: {:?}",
            jp[partisipasi]
        );
        assert!(
            rows.iter()
                .flatten()
                .any(|c| teks(c).contains("dicetak oleh Uji uji.manajer (uji.manajer)")),
            "{backend}: who printed it"
        );

        // The same table in English, and as a one-page PDF.
        let (_, _, bytes) = unduh(&c, format!("/pemilihan/{id}/hasil/31/xlsx?bahasa=en")).await;
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Regency/City");
        kolom(&rows, h, "Polling stations in");
        let (st, cd, bytes) = unduh(&c, format!("/pemilihan/{id}/hasil/31/pdf")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("rekap-31.pdf"), "{backend}: {cd}");
        let (halaman, t) = pdf_teks(&bytes);
        assert_eq!(halaman, 1, "{backend}");
        assert!(t.contains(&pusat.nama), "{backend}: {t}");
        assert!(t.contains("125"), "{backend}: {t}");
        assert!(t.contains("halaman 1 dari 1"), "{backend}: {t}");
        assert!(t.contains("WIB"), "{backend}: {t}");

        // A coordinator of Jakarta Pusat: their kota's rows, nothing else.
        let koord = Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71"))).unwrap();
        let k = s.client_as("koord.pusat", vec![koord]).await;
        let (st, _, bytes) = unduh(&k, format!("/pemilihan/{id}/hasil/31.71/xlsx")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Kecamatan");
        let kode = kolom(&rows, h, "Kode");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), kec_pusat.len() + 1, "{backend}");
        for r in &baris {
            assert!(teks(&r[kode]).starts_with("31.71"), "{backend}: {r:?}");
        }
        for path in [
            format!("/pemilihan/{id}/hasil/31.72/xlsx"),
            format!("/pemilihan/{id}/hasil/31/pdf"),
            "/wilayah/31.72/xlsx".to_string(),
            "/target/31.72/pdf".to_string(),
            "/relawan/xlsx?wilayah=31.72".to_string(),
            format!("/pemilihan/{id}/hitung-cepat/xlsx"),
            format!("/pemilihan/{id}/ruang/31/laporan.pdf"),
        ] {
            let (st, _, _) = unduh(&k, path.clone()).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: {path}");
        }

        // The region page's table: DPT per kecamatan as numbers.
        let (st, cd, bytes) = unduh(&k, "/wilayah/31.71/xlsx".into()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("wilayah-31.71.xlsx"), "{backend}: {cd}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Kecamatan");
        let dpt = kolom(&rows, h, "DPT");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), kec_pusat.len() + 1, "{backend}");
        let jumlah: f64 = baris[..kec_pusat.len()]
            .iter()
            .map(|r| match r[dpt] {
                Data::Float(x) => x,
                ref other => panic!("{backend}: DPT {other:?}"),
            })
            .sum();
        assert_eq!(
            baris.last().unwrap()[dpt],
            Data::Float(jumlah),
            "{backend}: the total row is the region's DPT"
        );
        assert!(jumlah > 0.0, "{backend}");

        // Targets with the page's assumptions; a bad one says what.
        let (st, _, bytes) = unduh(&k, "/target/31.71/xlsx?partisipasi=60".into()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let rows = lembar(&bytes);
        assert!(
            rows.iter().flatten().any(|c| teks(c).contains("60")),
            "{backend}: the assumption is in the file"
        );
        let h = kepala(&rows, "Wilayah/TPS");
        let dpt = kolom(&rows, h, "DPT");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), kec_pusat.len() + 1, "{backend}");
        assert!(
            matches!(baris[0][dpt], Data::Float(x) if x > 0.0),
            "{backend}"
        );
        let (st, _, body) = unduh(&k, "/target/31.71/xlsx?partisipasi=abc".into()).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(
            String::from_utf8_lossy(&body).contains("abc"),
            "{backend}: {}",
            String::from_utf8_lossy(&body)
        );

        // The leaderboard: their kota's relawan only; a name that looks
        // like a formula stays text; the download is in the audit log.
        let page = k
            .get(s.url("/relawan?wilayah=31.71"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("/relawan/xlsx?wilayah=31.71"), "{backend}");
        let (st, cd, bytes) = unduh(&k, "/relawan/xlsx?wilayah=31.71".into()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(
            cd.contains("peringkat-relawan-31.71.xlsx"),
            "{backend}: {cd}"
        );
        let rows = lembar(&bytes);
        let h = kepala(&rows, "#");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), 1, "{backend}: {baris:?}");
        assert_eq!(teks(&baris[0][1]), "Rina Pusat", "{backend}");
        assert_eq!(baris[0][3], Data::Float(0.0), "{backend}");
        assert_eq!(rows[h][4], Data::String("Kunjungan".into()), "{backend}");
        assert_eq!(baris[0][4], Data::Float(0.0), "{backend}: visits");
        let (_, _, bytes) = unduh(&c, "/relawan/xlsx?wilayah=31".into()).await;
        let rows = lembar(&bytes);
        let baris = isi(&rows, kepala(&rows, "#"));
        assert_eq!(baris.len(), 2, "{backend}");
        assert!(
            baris
                .iter()
                .any(|r| r[1] == Data::String("=Budi Utara".into())),
            "{backend}: {baris:?}"
        );
        let (st, _, bytes) = unduh(&k, "/relawan/pdf?wilayah=31.71".into()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(pdf_teks(&bytes).1.contains("Rina Pusat"), "{backend}");
        let log = s.posko.store().list_audit(0, 10_000).await.unwrap();
        assert_eq!(
            log.iter()
                .filter(|e| e.aksi == "relawan.unduh_peringkat")
                .count(),
            3,
            "{backend}"
        );

        // The war room's report: its link, the headline numbers, one
        // filled path per kab/kota, the results table.
        let page = c
            .get(s.url(&format!("/pemilihan/{id}/ruang/31")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!("/pemilihan/{id}/ruang/31/laporan.pdf")),
            "{backend}"
        );
        // The map's figures as a spreadsheet, one row per region drawn.
        let xlsx = format!("/pemilihan/{id}/ruang/31/peta.xlsx");
        assert!(page.contains(&xlsx), "{backend}: map XLSX link");
        let (st, cd, bytes) = unduh(&c, xlsx.clone()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("peta-31-pemimpin.xlsx"), "{backend}: {cd}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Kode");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), 6, "{backend}: six kab/kota");
        let jp = baris
            .iter()
            .find(|r| teks(&r[0]) == "31.71")
            .expect("Jakarta Pusat");
        assert_eq!(
            jp[kolom(&rows, h, "01 Calon 1")],
            Data::Float(125.0),
            "{backend}"
        );
        assert_eq!(
            jp[kolom(&rows, h, "TPS masuk")],
            Data::Float(1.0),
            "{backend}"
        );
        assert!(
            teks(jp.last().unwrap()).contains("01 unggul 83,3 %"),
            "{backend}: the map's words: {jp:?}"
        );
        let (st, _, _) = unduh(&k, xlsx).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: outside 31.71");
        let (st, _, bytes) = unduh(
            &k,
            format!("/pemilihan/{id}/ruang/31.71/peta.xlsx?warna=saksi&tingkat=desa"),
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let rows = lembar(&bytes);
        assert!(
            isi(&rows, kepala(&rows, "Kode"))
                .iter()
                .all(|r| teks(&r[0]).starts_with("31.71.")),
            "{backend}"
        );

        let (st, cd, bytes) = unduh(&c, format!("/pemilihan/{id}/ruang/31/laporan.pdf")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("laporan-31.pdf"), "{backend}: {cd}");
        let (_, t) = pdf_teks(&bytes);
        assert!(t.contains("2 / 13.023"), "{backend}: TPS in: {t}");
        assert!(t.contains(&pusat.nama), "{backend}");
        assert!(
            t.contains("01 Calon 1 unggul"),
            "{backend}: the legend: {t}"
        );
        assert!(t.contains("Hitung cepat tidak dicetak"), "{backend}: {t}");
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let pertama = doc.get_pages()[&1];
        let isi_halaman =
            String::from_utf8_lossy(&doc.get_page_content(pertama).unwrap()).to_string();
        assert_eq!(
            isi_halaman.matches("B*").count(),
            6,
            "{backend}: one filled shape per kab/kota on page 1"
        );
        let (st, _, bytes) = unduh(
            &k,
            format!("/pemilihan/{id}/ruang/31.71/laporan.pdf?warna=dpt&tingkat=kecamatan"),
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let pertama = doc.get_pages()[&1];
        let isi_halaman =
            String::from_utf8_lossy(&doc.get_page_content(pertama).unwrap()).to_string();
        assert_eq!(
            isi_halaman.matches("B*").count(),
            kec_pusat.len(),
            "{backend}: Jakarta Pusat's kecamatan"
        );
        // Size and time of DKI's report with all 44 kecamatan drawn.
        let mulai = std::time::Instant::now();
        let (st, _, bytes) = unduh(
            &c,
            format!("/pemilihan/{id}/ruang/31/laporan.pdf?tingkat=kecamatan"),
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let (halaman, _) = pdf_teks(&bytes);
        eprintln!(
            "{backend}: laporan.pdf of DKI by kecamatan: {} bytes, {halaman} pages, {} ms (debug build)",
            bytes.len(),
            mulai.elapsed().as_millis()
        );
        let (st, _, _) = unduh(
            &c,
            format!("/pemilihan/{id}/ruang/31/laporan.pdf?warna=ungu"),
        )
        .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

        // The quick count before 15:00 WIB, with a dozen sampled TPS in:
        // arrivals per stratum, no estimate, and the file says why.
        let (sampel, _) = s.posko.store().sampel(id).await.unwrap().unwrap();
        for t in sampel.tps.iter().take(12) {
            kirim_tps(&s.posko, id, KodeTps::parse(&t.kode).unwrap(), 90, 60).await;
        }
        let (st, _, bytes) = unduh(&c, format!("/pemilihan/{id}/hitung-cepat/xlsx")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Strata");
        let kolom_sampel = kolom(&rows, h, "Sampel");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), 6 + 1, "{backend}: six strata and the total");
        assert_eq!(
            baris.last().unwrap()[kolom_sampel],
            Data::Float(120.0),
            "{backend}"
        );
        let masuk = kolom(&rows, h, "Masuk");
        assert_eq!(baris.last().unwrap()[masuk], Data::Float(12.0), "{backend}");
        let semua: Vec<String> = rows.iter().flatten().map(teks).collect();
        assert!(
            semua.iter().any(|x| x.contains("embargo")),
            "{backend}: {semua:?}"
        );
        assert!(
            !semua
                .iter()
                .any(|x| x.contains("Calon 1") || x.contains('±')),
            "{backend}: no estimate before release: {semua:?}"
        );
        let (_, _, bytes) = unduh(&c, format!("/pemilihan/{id}/hitung-cepat/pdf")).await;
        let (_, t) = pdf_teks(&bytes);
        assert!(!t.contains("Calon 1"), "{backend}: {t}");
        // After 15:00 WIB the same file carries the estimate.
        let sesudah = s
            .posko
            .clone()
            .with_jam(jam(datetime!(2029-11-28 15:00 +7)));
        let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { posko_web::serve(listener, sesudah).await });
        let bytes = client_with(&s.cookie)
            .get(format!("http://{addr}/pemilihan/{id}/hitung-cepat/xlsx"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let semua: Vec<String> = lembar(&bytes).iter().flatten().map(teks).collect();
        assert!(
            semua.iter().any(|x| x.starts_with("1. Calon 1")),
            "{backend}: {semua:?}"
        );
    }
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saksi_coverage_and_election_day_lists_download_as_shown() {
    let Some(data) = shared_data() else { return };
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let posko = store(backend, dir.path()).await;
        let id = common::dki_dengan_saksi(
            &posko,
            &data,
            dir.path(),
            &[
                ("Siti Aminah", "081234567890", "3171011001001"),
                ("Rina Cadangan", "081122223333", "3171011001001"),
                ("Joko Gambir", "081299998888", "3171011001002"),
                ("Budi Utara", "081277776666", "3172011001001"),
            ],
        )
        .await;
        let kec_pusat = posko.store().children_of(Some(kw("31.71"))).await.unwrap();
        let tps_desa = posko
            .store()
            .tps_under(kw("31.71.01.1001"), None, 1_000)
            .await
            .unwrap();
        let saksi = |u: &'static str| {
            let p = posko.clone();
            async move { p.store().find_login(u).await.unwrap().unwrap().0 }
        };
        let (satu, dua) = (
            saksi("saksi.3171011001001").await,
            saksi("saksi.3171011001002").await,
        );
        let tps1 = KodeTps::parse("3171011001001").unwrap();
        let tps2 = KodeTps::parse("3171011001002").unwrap();
        posko.checkin(&satu, id, tps1, None).await.unwrap();
        posko
            .lapor_insiden(
                &dua,
                id,
                tps2,
                "logistik",
                "Kotak suara datang terlambat",
                Vec::new(),
            )
            .await
            .unwrap();
        let s = serve(posko, dir).await;
        let koord = Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71"))).unwrap();
        let k = s.client_as("koord.pusat", vec![koord]).await;
        let unduh = |path: String| {
            let r = k.get(s.url(&path));
            async move {
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
        };
        let halaman = |path: &'static str| {
            let r = k.get(s.url(path));
            async move { r.send().await.unwrap().text().await.unwrap() }
        };

        // Coverage per kecamatan: counts, not names, so not logged.
        let page = halaman("/wilayah/31.71/saksi").await;
        assert!(page.contains("/wilayah/31.71/saksi/xlsx"), "{backend}");
        assert!(page.contains("/wilayah/31.71/saksi/pdf"), "{backend}");
        let (st, cd, bytes) = unduh("/wilayah/31.71/saksi/xlsx".into()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("saksi-31.71.xlsx"), "{backend}: {cd}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Kecamatan");
        let kode = kolom(&rows, h, "Kode");
        let ada = kolom(&rows, h, "Ada saksi");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), kec_pusat.len() + 1, "{backend}: and the total");
        for r in &baris[..kec_pusat.len()] {
            assert!(teks(&r[kode]).starts_with("31.71."), "{backend}: {r:?}");
        }
        let gambir = baris
            .iter()
            .find(|r| teks(&r[kode]) == "31.71.01")
            .expect("Gambir's row");
        assert_eq!(gambir[ada], Data::Float(2.0), "{backend}: a number cell");
        let total = baris.last().unwrap();
        assert_eq!(teks(&total[0]), "Jumlah", "{backend}");
        assert_eq!(
            total[ada],
            Data::Float(2.0),
            "{backend}: not Jakarta Utara's"
        );
        let (st, _, bytes) = unduh("/wilayah/31.71/saksi/pdf".into()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let (n, t) = pdf_teks(&bytes);
        assert_eq!(n, 1, "{backend}");
        assert!(
            t.contains("Gambir") || t.contains("GAMBIR"),
            "{backend}: {t}"
        );
        let (_, _, bytes) = unduh("/wilayah/31.71/saksi/xlsx?bahasa=en".into()).await;
        let rows = lembar(&bytes);
        kolom(&rows, kepala_dengan(&rows, "With a witness"), "Coverage");
        for path in ["/wilayah/31.72/saksi/xlsx", "/wilayah/31.72/saksi/pdf"] {
            let (st, _, _) = unduh(path.into()).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: {path}");
        }
        let log = s.posko.store().list_audit(0, 100_000).await.unwrap();
        assert_eq!(audit(&log, "saksi.unduh_cakupan"), 0, "{backend}");

        // A desa's TPS name their saksi: the file does too, and is logged.
        let (st, cd, bytes) = unduh("/wilayah/31.71.01.1001/saksi/xlsx".into()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("saksi-31.71.01.1001.xlsx"), "{backend}: {cd}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "TPS");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), tps_desa.len(), "{backend}");
        let satu = &baris[0];
        assert_eq!(teks(&satu[0]), "TPS 001", "{backend}");
        assert_eq!(
            teks(&satu[kolom(&rows, h, "Saksi utama")]),
            "Siti Aminah (saksi.3171011001001)",
            "{backend}"
        );
        assert!(
            teks(&satu[kolom(&rows, h, "Cadangan")]).contains("Rina Cadangan"),
            "{backend}"
        );
        assert_eq!(
            satu[kolom(&rows, h, "Jumlah saksi")],
            Data::Float(2.0),
            "{backend}"
        );
        let (st, _, bytes) = unduh("/wilayah/31.71.01.1001/saksi/pdf".into()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let (n, t) = pdf_teks(&bytes);
        assert_eq!(n, 1, "{backend}");
        assert!(t.contains("Siti Aminah"), "{backend}: {t}");
        let log = s.posko.store().list_audit(0, 100_000).await.unwrap();
        assert_eq!(audit(&log, "saksi.unduh_cakupan"), 2, "{backend}");

        // The watch page: its incidents name who sent them (logged), its
        // TPS without a check-in are codes (not logged).
        let dasar = format!("/pemilihan/{id}/pantau/31.71");
        let page = k
            .get(s.url(&dasar))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains(&format!("{dasar}/insiden/xlsx")), "{backend}");
        assert!(
            page.contains(&format!("{dasar}/belum-checkin/pdf")),
            "{backend}"
        );
        let (st, cd, bytes) = unduh(format!("{dasar}/insiden/xlsx")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("insiden-31.71.xlsx"), "{backend}: {cd}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Waktu");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), 1, "{backend}: {baris:?}");
        assert_eq!(
            teks(&baris[0][kolom(&rows, h, "TPS")]),
            "31.71.01.1001-002",
            "{backend}"
        );
        assert_eq!(
            teks(&baris[0][kolom(&rows, h, "Pengirim")]),
            "saksi.3171011001002",
            "{backend}"
        );
        assert_eq!(
            baris[0][kolom(&rows, h, "Foto")],
            Data::Float(0.0),
            "{backend}: photos counted as a number"
        );
        let (st, _, bytes) = unduh(format!("{dasar}/insiden/pdf")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let (n, t) = pdf_teks(&bytes);
        assert_eq!(n, 1, "{backend}");
        assert!(t.contains("saksi.3171011001002"), "{backend}: {t}");
        assert!(t.contains("terlambat"), "{backend}: {t}");
        let log = s.posko.store().list_audit(0, 100_000).await.unwrap();
        assert_eq!(audit(&log, "hari_h.unduh_insiden"), 2, "{backend}");

        // Jakarta Pusat has more TPS than the page lists: the file stops
        // where the page does and says how many more.
        let (st, _, bytes) = unduh(format!("{dasar}/belum-checkin/xlsx")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "#");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), 500, "{backend}");
        assert_eq!(baris[0][0], Data::Float(1.0), "{backend}");
        assert_eq!(
            teks(&baris[0][1]),
            "31.71.01.1001-002",
            "{backend}: TPS 001 has checked in"
        );
        assert!(
            rows.iter()
                .flatten()
                .any(|c| teks(c).starts_with("… dan ") && teks(c).ends_with(" TPS lain.")),
            "{backend}"
        );
        let (st, _, bytes) = unduh(format!(
            "/pemilihan/{id}/pantau/31.71.01.1001/belum-checkin/xlsx"
        ))
        .await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let rows = lembar(&bytes);
        assert_eq!(
            isi(&rows, kepala(&rows, "#")).len(),
            tps_desa.len() - 1,
            "{backend}"
        );
        let (st, _, bytes) = unduh(format!("{dasar}/belum-checkin/pdf")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        let (n, t) = pdf_teks(&bytes);
        assert!(n > 1, "{backend}: 500 TPS over several pages");
        assert!(t.contains("31.71.01.1001-002"), "{backend}");
        for tabel in ["insiden/xlsx", "insiden/pdf", "belum-checkin/xlsx"] {
            let path = format!("/pemilihan/{id}/pantau/31.72/{tabel}");
            let (st, _, _) = unduh(path.clone()).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: {path}");
        }
        let log = s.posko.store().list_audit(0, 100_000).await.unwrap();
        assert_eq!(audit(&log, "hari_h.unduh_insiden"), 2, "{backend}");
    }
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relawan_activity_areas_and_survey_results_download_as_shown() {
    use posko_domain::{IsianPendukung, Jejak, JenisKelamin, NikTersamar, Pemilih, nama_kunci};
    let Some(data) = shared_data() else { return };
    const TPS: &str = "3171011001001";
    const TPS_LUAR: &str = "3171021001001";
    let pemilih = |tps: &str, urut: u32| Pemilih {
        tps: KodeTps::parse(tps).unwrap(),
        urut,
        nama: nama_kunci(&format!("Warga {urut}")),
        jenis_kelamin: JenisKelamin::Laki,
        tanggal_lahir: Some(time::macros::date!(1980 - 05 - 17)),
        usia: None,
        alamat: Some(format!("JL. KENARI {urut}")),
        rt: Some(1),
        rw: Some(1),
        nik_tersamar: Some(NikTersamar::parse("317101**********").unwrap()),
    };
    let kunjungan = |tps: &str, urut: u32| {
        serde_json::json!({
            "id": uuid::Uuid::now_v7().to_string(),
            "tps": tps,
            "urut": urut,
            "hasil": "bertemu",
            "jawaban": {"isu": "ekonomi"},
            "waktu": OffsetDateTime::now_utc().unix_timestamp() - 600,
        })
    };
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let posko = store(backend, dir.path()).await;
        load_dki(&posko, &data, dir.path()).await;
        let pid = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
        let s = serve(posko, dir).await;
        let posko = &s.posko;
        let mut m = posko.store().muat_pemilih().await.unwrap();
        m.tambah((1..=5).map(|u| pemilih(TPS, u)).collect())
            .await
            .unwrap();
        m.tambah((1..=3).map(|u| pemilih(TPS_LUAR, u)).collect())
            .await
            .unwrap();
        m.selesai(&Jejak::new(
            "uji",
            "import.dpt",
            "berkas",
            "uji",
            "uji",
            b"",
        ))
        .await
        .unwrap();
        let (manajer, _) = posko
            .store()
            .find_login("uji.manajer")
            .await
            .unwrap()
            .unwrap();
        let mut klien = Vec::new();
        for (username, nama, desa) in [
            ("rina.relawan", "Rina", "31.71.01.1001"),
            ("budi.relawan", "Budi", "31.71.02.1001"),
        ] {
            let cakupan = Cakupan::Wilayah(kw(desa));
            let c = s
                .client_as(
                    username,
                    vec![Penugasan::new(Peran::Relawan, cakupan).unwrap()],
                )
                .await;
            let (akun, _) = posko.store().find_login(username).await.unwrap().unwrap();
            posko
                .tambah_relawan(&manajer, nama, cakupan, Some(akun.id))
                .await
                .unwrap();
            klien.push(c);
        }
        let (rina_c, budi_c) = (&klien[0], &klien[1]);
        // Rina: 4 visits and 1 supporter in Gambir; Budi: 2 visits in
        // Sawah Besar.
        let api = s.url("/api/v1/kunjungan");
        let body = serde_json::json!({"kunjungan": (1..=4).map(|u| kunjungan(TPS, u)).collect::<Vec<_>>()});
        let r = rina_c.post(&api).json(&body).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{backend}");
        let body =
            serde_json::json!({"kunjungan": [kunjungan(TPS_LUAR, 1), kunjungan(TPS_LUAR, 2)]});
        let r = budi_c.post(&api).json(&body).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{backend}");
        let (rina, _) = posko
            .store()
            .find_login("rina.relawan")
            .await
            .unwrap()
            .unwrap();
        posko
            .catat_pendukung(
                &rina,
                &IsianPendukung {
                    nama: "Warga Satu",
                    domisili: TPS,
                    dukungan: "kuat",
                    sumber: "kunjungan rumah",
                    ..IsianPendukung::default()
                },
                &["kontak_kampanye"],
            )
            .await
            .unwrap();
        let unduh = |c: &reqwest::Client, path: &str| {
            let r = c.get(s.url(path));
            async move {
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
        };
        let halaman = |c: &reqwest::Client, path: &str| {
            let r = c.get(s.url(path));
            async move { r.send().await.unwrap().text().await.unwrap() }
        };

        // A coordinator of Jakarta Pusat: the areas under their kota, as
        // many rows as the page, Gambir's figures as numbers.
        let koord = Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71"))).unwrap();
        let k = s.client_as("koord.pusat", vec![koord]).await;
        let audit_awal = posko.store().list_audit(0, 10_000).await.unwrap().len();
        let page = halaman(&k, "/relawan").await;
        assert!(
            page.contains("/relawan/kegiatan/xlsx?wilayah=31.71"),
            "{backend}: {page}"
        );
        let di_halaman = baris_tabel(&page, "kegiatan-wilayah");
        let (st, cd, bytes) = unduh(&k, "/relawan/kegiatan/xlsx?wilayah=31.71").await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("kegiatan-31.71.xlsx"), "{backend}: {cd}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Kode");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), di_halaman, "{backend}: {baris:?}");
        let (pendukung, kunj) = (kolom(&rows, h, "Pendukung"), kolom(&rows, h, "Kunjungan"));
        let gambir = baris
            .iter()
            .find(|r| teks(&r[0]) == "31.71.01")
            .expect("Gambir's row");
        assert_eq!(gambir[pendukung], Data::Float(1.0), "{backend}");
        assert_eq!(gambir[kunj], Data::Float(4.0), "{backend}");
        for r in &baris {
            assert!(teks(&r[0]).starts_with("31.71."), "{backend}: {r:?}");
        }
        let (st, cd, bytes) = unduh(&k, "/relawan/kegiatan/pdf?wilayah=31.71").await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("kegiatan-31.71.pdf"), "{backend}: {cd}");
        let (_, t) = pdf_teks(&bytes);
        assert!(t.contains("31.71.01"), "{backend}: {t}");
        for path in [
            "/relawan/kegiatan/xlsx?wilayah=31.72",
            "/relawan/kegiatan/pdf?wilayah=31",
        ] {
            let (st, _, _) = unduh(&k, path).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: {path}");
        }
        // Not a relawan: no activity of their own on the page, no file.
        let (st, _, _) = unduh(&k, "/relawan/aktivitas/xlsx").await;
        assert_eq!(st, StatusCode::NOT_FOUND, "{backend}");

        // Rina's own days: the page's rows, 1 supporter and 4 visits in
        // all, as numbers; in English the headers follow.
        let page = halaman(rina_c, "/relawan").await;
        assert!(page.contains("/relawan/aktivitas/xlsx"), "{backend}");
        let di_halaman = baris_tabel(&page, "relawan-aktivitas");
        let (st, cd, bytes) = unduh(rina_c, "/relawan/aktivitas/xlsx").await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(
            cd.contains("aktivitas-rina.relawan.xlsx"),
            "{backend}: {cd}"
        );
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Hari");
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), di_halaman, "{backend}: {baris:?}");
        let total = baris
            .iter()
            .fold((0.0, 0.0), |(p, v), r| (p + angka(&r[1]), v + angka(&r[2])));
        assert_eq!(total, (1.0, 4.0), "{backend}: {baris:?}");
        let (_, _, bytes) = unduh(rina_c, "/relawan/aktivitas/xlsx?bahasa=en").await;
        let rows = lembar(&bytes);
        kolom(&rows, kepala(&rows, "Day"), "Visits");
        let (st, _, bytes) = unduh(rina_c, "/relawan/aktivitas/pdf").await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(pdf_teks(&bytes).1.contains("rina.relawan"), "{backend}");

        // The survey results of the coordinator's kota: every answer row
        // of every question on the page, in one sheet, counts and shares
        // as numbers.
        let page = halaman(&k, "/target/31.71").await;
        let unduh_survei = format!("/target/31.71/survei/xlsx?pemilihan={pid}");
        assert!(page.contains(&unduh_survei), "{backend}: {page}");
        let bagian = &page[page.find("id=\"survei-hasil\"").unwrap()..];
        let bagian = &bagian[..bagian.find("</section>").unwrap()];
        let di_halaman: Vec<f64> = bagian
            .split("<td class=\"num\">")
            .skip(1)
            .map(|c| {
                c[..c.find("</td>").unwrap()]
                    .replace('.', "")
                    .parse()
                    .unwrap()
            })
            .collect();
        assert!(di_halaman.iter().any(|n| *n > 0.0), "{backend}: {bagian}");
        let (st, cd, bytes) = unduh(&k, &unduh_survei).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(cd.contains("survei-31.71.xlsx"), "{backend}: {cd}");
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Pertanyaan");
        let (jumlah, porsi) = (kolom(&rows, h, "Jumlah"), kolom(&rows, h, "Porsi"));
        let baris = isi(&rows, h);
        let di_berkas: Vec<f64> = baris.iter().map(|r| angka(&r[jumlah])).collect();
        assert_eq!(di_berkas, di_halaman, "{backend}: {baris:?}");
        let ekonomi = baris
            .iter()
            .find(|r| teks(&r[1]) == "isu" && angka(&r[jumlah]) > 0.0)
            .expect("an answered issue");
        assert!(
            matches!(ekonomi[porsi], Data::Float(x) if x > 0.0 && x <= 1.0),
            "{backend}: share as a fraction: {ekonomi:?}"
        );
        let (st, _, bytes) = unduh(&k, &unduh_survei.replace("/xlsx", "/pdf")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(pdf_teks(&bytes).1.contains("isu"), "{backend}");
        for path in [
            format!("/target/31.72/survei/xlsx?pemilihan={pid}"),
            "/target/31/survei/pdf".to_string(),
        ] {
            let (st, _, _) = unduh(&k, &path).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: {path}");
        }

        // Counts name nobody: none of these downloads is logged.
        let log = posko.store().list_audit(0, 10_000).await.unwrap();
        assert_eq!(log.len(), audit_awal, "{backend}: {:?}", &log[audit_awal..]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dispute_and_audit_log_download_as_shown_and_are_logged() {
    let Some(data) = shared_data() else { return };
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let posko = store(backend, dir.path()).await;
        load_dki(&posko, &data, dir.path()).await;
        let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
        let tps = KodeTps::parse("3171011001001").unwrap();
        kirim_tps(&posko, id, tps, 125, 25).await;
        // Two verifiers read 52 where the saksi typed 25: a dispute.
        for u in ["ani.verifier", "budi.verifier"] {
            let (v, _) = posko
                .add_pengguna(
                    &Aktor::system(),
                    NewPengguna {
                        username: u.into(),
                        nama: u.into(),
                        password: None,
                        penugasan: vec![Penugasan::new(Peran::Verifier, Cakupan::Semua).unwrap()],
                        telepon: None,
                    },
                )
                .await
                .unwrap();
            let tugas = posko.tugas_verifikasi(&v, id, tps).await.unwrap();
            posko
                .baca(
                    &v,
                    id,
                    tps,
                    tugas.kiriman_id,
                    posko_storage::Angka {
                        suara: vec![125, 52],
                        sah: 177,
                        tidak_sah: 0,
                    },
                )
                .await
                .unwrap();
        }
        let s = serve(posko, dir).await;
        let c = s.client();
        let unduh = |c: &reqwest::Client, path: String| {
            let r = c.get(s.url(&path));
            async move {
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
        };
        let halaman = |c: &reqwest::Client, path: String| {
            let r = c.get(s.url(&path));
            async move { r.send().await.unwrap().text().await.unwrap() }
        };

        // The dispute: the saksi's row and each reading, figures as numbers.
        let dasar = format!("/verifikasi/{id}/tps/3171011001001/sengketa");
        let page = halaman(&c, dasar.clone()).await;
        assert!(page.contains(&format!("{dasar}/xlsx")), "{backend}: {page}");
        let di_halaman = page[page.find("<tbody>").unwrap()..]
            .split("</tbody>")
            .next()
            .unwrap()
            .matches("<tr")
            .count();
        let (st, cd, bytes) = unduh(&c, format!("{dasar}/xlsx")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(
            cd.contains("sengketa-3171011001001.xlsx"),
            "{backend}: {cd}"
        );
        let rows = lembar(&bytes);
        let h = kepala(&rows, "Sumber");
        let (p1, p2) = (kolom(&rows, h, "01"), kolom(&rows, h, "02"));
        let baris = isi(&rows, h);
        assert_eq!(baris.len(), di_halaman, "{backend}: {baris:?}");
        assert_eq!(baris.len(), 3, "{backend}: the saksi and two readings");
        assert!(teks(&baris[0][0]).starts_with("Saksi"), "{backend}");
        assert_eq!(baris[0][p1], Data::Float(125.0), "{backend}");
        assert_eq!(baris[0][p2], Data::Float(25.0), "{backend}");
        assert_eq!(baris[1][p2], Data::Float(52.0), "{backend}");
        let (st, _, bytes) = unduh(&c, format!("{dasar}/pdf")).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(pdf_teks(&bytes).1.contains("ani.verifier"), "{backend}");
        let koord = Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71"))).unwrap();
        let k = s.client_as("koord.pusat", vec![koord]).await;
        for path in [format!("{dasar}/xlsx"), "/audit/xlsx".to_string()] {
            let (st, _, _) = unduh(&k, path.clone()).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: {path}");
        }
        let log = s.posko.store().list_audit(0, 10_000).await.unwrap();
        assert_eq!(audit(&log, "verifikasi.unduh_sengketa"), 2, "{backend}");

        // The audit log, filtered and paged as the page shows it; taking
        // it out is itself logged.
        let auditor = Penugasan::new(Peran::Auditor, Cakupan::Semua).unwrap();
        let a = s.client_as("pemeriksa", vec![auditor]).await;
        let sebelum = log.iter().map(|e| e.seq).max().unwrap();
        for kueri in [
            "?aksi=verifikasi.&aktor=".to_string(),
            format!("?aksi=&aktor=&sebelum={sebelum}"),
        ] {
            let page = halaman(&a, format!("/audit{kueri}")).await;
            assert!(
                page.contains(&format!("/audit/xlsx{kueri}").replace('&', "&#38;"))
                    || page.contains(&format!("/audit/xlsx{kueri}")),
                "{backend}: {page}"
            );
            let di_halaman = page[page.find("<tbody>").unwrap()..]
                .split("</tbody>")
                .next()
                .unwrap()
                .matches("<tr")
                .count();
            assert!(di_halaman > 0, "{backend}");
            let (st, cd, bytes) = unduh(&a, format!("/audit/xlsx{kueri}")).await;
            assert_eq!(st, StatusCode::OK, "{backend}");
            assert!(cd.contains("audit.xlsx"), "{backend}: {cd}");
            let rows = lembar(&bytes);
            let h = kepala(&rows, "#");
            let baris = isi(&rows, h);
            assert_eq!(baris.len(), di_halaman, "{backend}: {kueri}");
            assert!(
                matches!(baris[0][0], Data::Float(x) if x >= 1.0),
                "{backend}"
            );
            if kueri.contains("sebelum") {
                assert!(
                    baris.iter().all(|r| angka(&r[0]) < sebelum as f64),
                    "{backend}: older than the page's start"
                );
            } else {
                assert!(
                    baris.iter().all(|r| teks(&r[3]).starts_with("verifikasi.")),
                    "{backend}: {baris:?}"
                );
            }
        }
        let (st, _, bytes) = unduh(&a, "/audit/pdf?aksi=verifikasi.".into()).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(
            pdf_teks(&bytes).1.contains("verifikasi.unduh_sengketa"),
            "{backend}"
        );
        let log = s.posko.store().list_audit(0, 10_000).await.unwrap();
        assert_eq!(audit(&log, "audit.unduh"), 3, "{backend}");
    }
}
