//! Saksi coverage and the election-day watch lists.

use super::*;

per_backend!(saksi_coverage_and_election_day_lists_download_as_shown);
async fn saksi_coverage_and_election_day_lists_download_as_shown(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::dengan_saksi(
        &posko,
        dir.path(),
        &[
            ("Siti Aminah", "081234567890", "3171011001001"),
            ("Rina Cadangan", "081122223333", "3171011001001"),
            ("Joko Gambir", "081299998888", "3171011001002"),
            ("Budi Utara", "081277776666", "3172011001001"),
        ],
    )
    .await;
    let kec_pusat = posko
        .store()
        .daftar_anak_wilayah(Some(kw("31.71")))
        .await
        .unwrap();
    let tps_desa = posko
        .store()
        .daftar_tps_di(kw("31.71.01.1001"), None, 1_000)
        .await
        .unwrap();
    let saksi = |u: &'static str| {
        let p = posko.clone();
        async move { p.store().cari_login(u).await.unwrap().unwrap().0 }
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
    let unduh = |path: String| ambil(k.get(s.url(&path)));
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
    let log = s.posko.store().daftar_audit(0, 100_000).await.unwrap();
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
    let log = s.posko.store().daftar_audit(0, 100_000).await.unwrap();
    assert_eq!(audit(&log, "saksi.unduh_cakupan"), 2, "{backend}");

    // The watch page: its incidents name who sent them (logged), so do
    // its TPS nobody is present at yet (a call sheet, logged too).
    let dasar = format!("/pemilihan/{id}/pantau/31.71");
    let page = k
        .get(s.url(&dasar))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("{dasar}/insiden?")), "{backend}");
    assert!(page.contains(&format!("{dasar}/telepon/pdf")), "{backend}");
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
    let log = s.posko.store().daftar_audit(0, 100_000).await.unwrap();
    assert_eq!(audit(&log, "hari_h.unduh_insiden"), 2, "{backend}");

    // The old "belum check-in" file is the call sheet now: every TPS of
    // Jakarta Pusat nobody is present at, with kecamatan, desa, the saksi
    // by name and phone, not 500 bare codes.
    let pusat = s
        .posko
        .store()
        .ambil_rekap_dpt(Some(kw("31.71")))
        .await
        .unwrap()
        .jumlah_tps as usize;
    let (st, _, bytes) = unduh(format!("{dasar}/belum-checkin/xlsx")).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    let rows = lembar(&bytes);
    let h = kepala(&rows, "Kecamatan");
    let baris = isi(&rows, h);
    assert_eq!(baris.len(), pusat - 1, "{backend}: TPS 001 has checked in");
    let dua = &baris[0];
    assert_eq!(teks(&dua[kolom(&rows, h, "TPS")]), "TPS 002", "{backend}");
    assert_eq!(
        teks(&dua[kolom(&rows, h, "Saksi")]),
        "Joko Gambir",
        "{backend}"
    );
    assert_eq!(
        teks(&dua[kolom(&rows, h, "Telepon")]),
        "0812-9999-8888",
        "{backend}"
    );
    assert!(
        !teks(&dua[kolom(&rows, h, "Desa/kelurahan")]).is_empty(),
        "{backend}"
    );
    let (st, _, bytes) = unduh(format!(
        "/pemilihan/{id}/pantau/31.71.01.1001/belum-checkin/xlsx"
    ))
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    let rows = lembar(&bytes);
    assert_eq!(
        isi(&rows, kepala(&rows, "TPS")).len(),
        tps_desa.len() - 1,
        "{backend}"
    );
    let (st, _, bytes) = unduh(format!("{dasar}/belum-checkin/pdf")).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    let (n, t) = pdf_teks(&bytes);
    assert!(n > 1, "{backend}: a thousand TPS over several pages");
    assert!(t.contains("Joko Gambir"), "{backend}");
    let log = s.posko.store().daftar_audit(0, 100_000).await.unwrap();
    assert_eq!(audit(&log, "hari_h.unduh_telepon"), 3, "{backend}");
    for tabel in ["insiden/xlsx", "insiden/pdf", "belum-checkin/xlsx"] {
        let path = format!("/pemilihan/{id}/pantau/31.72/{tabel}");
        let (st, _, _) = unduh(path.clone()).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: {path}");
    }
    let log = s.posko.store().daftar_audit(0, 100_000).await.unwrap();
    assert_eq!(audit(&log, "hari_h.unduh_insiden"), 2, "{backend}");
}
