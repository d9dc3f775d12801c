//! Results, region, target, leaderboard and quick-count tables, the map figures and the region report.

use super::*;

per_backend!(every_table_downloads_as_the_page_shows_it);
async fn every_table_downloads_as_the_page_shows_it(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    // 14:00 WIB on election day: the quick count is still embargoed.
    let sebelum = datetime!(2029-11-28 14:00 +7);
    let posko = store_dki(backend, &data, dir.path())
        .await
        .with_jam(jam(sebelum));
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
        .ambil_wilayah(kw("31.71"))
        .await
        .unwrap()
        .unwrap();
    let kec_pusat = posko
        .store()
        .daftar_anak_wilayah(Some(kw("31.71")))
        .await
        .unwrap();
    let s = serve(posko, dir).await;
    let c = s.client();
    let unduh = |c: &reqwest::Client, path: String| ambil(c.get(s.url(&path)));

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
    let log = s.posko.store().daftar_audit(0, 10_000).await.unwrap();
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
    let isi_halaman = String::from_utf8_lossy(&doc.get_page_content(pertama).unwrap()).to_string();
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
    let isi_halaman = String::from_utf8_lossy(&doc.get_page_content(pertama).unwrap()).to_string();
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
    let (sampel, _) = s.posko.store().ambil_sampel(id).await.unwrap().unwrap();
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
