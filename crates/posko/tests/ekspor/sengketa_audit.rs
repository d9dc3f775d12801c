//! A dispute's readings and the audit log, both logged when downloaded.

use super::*;

per_backend!(dispute_and_audit_log_download_as_shown_and_are_logged);
async fn dispute_and_audit_log_download_as_shown_and_are_logged(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let tps = KodeTps::parse("3171011001001").unwrap();
    kirim_tps(&posko, id, tps, 125, 25).await;
    // Two verifiers read 52 where the saksi typed 25: a dispute.
    for u in ["ani.verifier", "budi.verifier"] {
        posko
            .add_pengguna(
                &Aktor::system(),
                NewPengguna {
                    username: u.into(),
                    nama: u.into(),
                    password: Some(common::PASSWORD.into()),
                    penugasan: vec![Penugasan::new(Peran::Verifier, Cakupan::Semua).unwrap()],
                    telepon: None,
                },
            )
            .await
            .unwrap();
        let (_, v) = posko
            .sign_in(u, common::PASSWORD, &common::klien())
            .await
            .unwrap()
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
    let unduh = |c: &reqwest::Client, path: String| ambil(c.get(s.url(&path)));
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
    let log = s.posko.store().daftar_audit(0, 10_000).await.unwrap();
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
    let log = s.posko.store().daftar_audit(0, 10_000).await.unwrap();
    assert_eq!(audit(&log, "audit.unduh"), 3, "{backend}");
}
