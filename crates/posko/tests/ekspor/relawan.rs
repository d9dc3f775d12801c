//! Relawan activity per day and per area, and survey results.

use super::*;

per_backend!(relawan_activity_areas_and_survey_results_download_as_shown);
async fn relawan_activity_areas_and_survey_results_download_as_shown(backend: &'static str) {
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
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
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
        .cari_login("uji.manajer")
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
        let (akun, _) = posko.store().cari_login(username).await.unwrap().unwrap();
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
    let body =
        serde_json::json!({"kunjungan": (1..=4).map(|u| kunjungan(TPS, u)).collect::<Vec<_>>()});
    let r = rina_c.post(&api).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let body = serde_json::json!({"kunjungan": [kunjungan(TPS_LUAR, 1), kunjungan(TPS_LUAR, 2)]});
    let r = budi_c.post(&api).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let (rina, _) = posko
        .store()
        .cari_login("rina.relawan")
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
    let unduh = |c: &reqwest::Client, path: &str| ambil(c.get(s.url(path)));
    let halaman = |c: &reqwest::Client, path: &str| {
        let r = c.get(s.url(path));
        async move { r.send().await.unwrap().text().await.unwrap() }
    };

    // A coordinator of Jakarta Pusat: the areas under their kota, as
    // many rows as the page, Gambir's figures as numbers.
    let koord = Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71"))).unwrap();
    let k = s.client_as("koord.pusat", vec![koord]).await;
    let audit_awal = posko.store().daftar_audit(0, 10_000).await.unwrap().len();
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
    let log = posko.store().daftar_audit(0, 10_000).await.unwrap();
    assert_eq!(log.len(), audit_awal, "{backend}: {:?}", &log[audit_awal..]);
}
