//! The finance room on the real server, on both backends: a treasurer
//! records donations through the page's form and sees the excess over an
//! individual's cap on the donor page and in the API; an auditor reads
//! but cannot write; roles without `LihatDana` are refused on every
//! finance route, pages and API alike.

use crate::common;

use common::{nilai_input, serve, store};
use posko_app::{Aktor, NewPemilihan, Posko};
use posko_domain::{Cakupan, Jejak, JenisPemilihan, KodeTps, KodeWilayah, Peran};
use posko_storage::Wilayah;
use reqwest::StatusCode;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

/// Kota Bandung and a walikota election over it.
pub(crate) async fn siapkan(posko: &Posko) -> uuid::Uuid {
    siapkan_pada(posko, time::macros::date!(2029 - 11 - 28)).await
}

/// [`siapkan`] with voting on `tanggal`.
pub(crate) async fn siapkan_pada(posko: &Posko, tanggal: time::Date) -> uuid::Uuid {
    let jejak = Jejak::new("system", "uji", "uji", "1", "uji", b"x");
    let w = |k: &str, n: &str| Wilayah {
        kode: kw(k),
        nama: n.into(),
        jenis_desa: kw(k).jenis_desa(),
    };
    posko
        .store()
        .simpan_wilayah(
            &[
                w("32", "Jawa Barat"),
                w("32.73", "Kota Bandung"),
                w("32.73.01", "Sukasari"),
                w("32.73.01.1001", "Sukarasa"),
            ],
            &jejak,
        )
        .await
        .unwrap();
    posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Walikota,
                wilayah: kw("32.73"),
                nama: Some("Pilwalkot Bandung".into()),
                tanggal,
            },
        )
        .await
        .unwrap()
        .id
}

pub(crate) fn cakupan(peran: Peran) -> Cakupan {
    match peran {
        Peran::Admin | Peran::Manager => Cakupan::Semua,
        Peran::Saksi => Cakupan::Tps(KodeTps::parse("3273011001001").unwrap()),
        _ => Cakupan::Wilayah(kw("32.73")),
    }
}

fn donasi<'a>(csrf: &'a str, tanggal: &'a str, nilai: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("tanggal", tanggal),
        ("penyumbang_id", ""),
        ("sumber", "perseorangan"),
        ("nama", "Budi Santoso"),
        ("alamat", "Jl. Setiabudi 12, Bandung"),
        ("nik", "3273011203800001"),
        ("telepon", "081234567890"),
        ("npwp", ""),
        ("bentuk", "uang"),
        ("jumlah_unit", ""),
        ("satuan", ""),
        ("jenis_jasa", ""),
        ("rekening", "rkdk"),
        ("nilai", nilai),
        ("uraian", "sumbangan perseorangan"),
    ]
}

per_backend!(bendahara_records_two_donations_and_sees_the_excess);
async fn bendahara_records_two_donations_and_sees_the_excess(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let bendahara = s
        .user("uji.bendahara", Peran::Bendahara, cakupan(Peran::Bendahara))
        .await;
    let dasar = format!("/pemilihan/{id}/dana");

    let r = bendahara.get(s.url(&dasar)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("id=\"catat-sumbangan\""),
        "{backend}: the form"
    );
    let csrf = nilai_input(&html, "csrf");
    assert!(html.contains("id=\"atur-dana\""), "{backend}: settings");

    // The campaign's dates and the region's cap, set from the page.
    let r = bendahara
        .post(s.url(&format!("{dasar}/pengaturan")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("mulai_kampanye", "2029-09-24"),
            ("akhir_kampanye", "2029-11-23"),
            ("batas_belanja", "Rp 1.000.000.000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    // An end before the start is refused and changes nothing.
    let r = bendahara
        .post(s.url(&format!("{dasar}/pengaturan")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("mulai_kampanye", "2029-11-24"),
            ("akhir_kampanye", "2029-09-23"),
            ("batas_belanja", ""),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{backend}: {}", r.status());
    let html = bendahara
        .get(s.url(&dasar))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("value=\"2029-09-24\""), "{backend}");
    assert!(html.contains("value=\"Rp1.000.000.000\""), "{backend}");

    // Two donations from one individual (the same NIK): Rp80.000.000.
    for (tanggal, nilai) in [
        ("2029-10-01", "50.000.000"),
        ("2029-10-15", "Rp 30.000.000,-"),
    ] {
        let r = bendahara
            .post(s.url(&format!("{dasar}/sumbangan")))
            .form(&donasi(&csrf, tanggal, nilai))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend} {nilai}");
        let ke = r.headers()["location"].to_str().unwrap().to_string();
        assert!(ke.starts_with(&format!("{dasar}/entri/")), "{backend} {ke}");
        let entri = bendahara.get(s.url(&ke)).send().await.unwrap();
        assert_eq!(entri.status(), StatusCode::OK, "{backend} {ke}");
    }

    // One donor, Rp75.000.000 usable and Rp5.000.000 flagged as excess.
    let html = bendahara
        .get(s.url(&format!("{dasar}/penyumbang")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        html.matches("data-penyumbang=").count(),
        1,
        "{backend}: {html}"
    );
    assert!(html.contains("Budi Santoso"), "{backend}");
    assert!(html.contains("Rp80.000.000"), "{backend}");
    assert!(html.contains("Rp75.000.000"), "{backend}");
    assert!(html.contains("Rp5.000.000"), "{backend}");
    assert!(
        html.contains("class=\"perhatian\""),
        "{backend}: excess flagged"
    );
    assert!(html.contains("melebihi batas"), "{backend}");

    // The home page and the API say the same.
    let html = bendahara
        .get(s.url(&dasar))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("id=\"ringkas-kelebihan\">Rp5.000.000<"),
        "{backend}"
    );
    assert!(
        html.contains("id=\"ringkas-penerimaan\">Rp80.000.000<"),
        "{backend}"
    );
    let j: serde_json::Value = bendahara
        .get(s.url(&format!("/api/v1{dasar}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(j["kelebihan"]["sen"], 500_000_000, "{backend}: {j}");
    assert_eq!(j["total_penerimaan"]["teks"], "Rp80.000.000", "{backend}");
    let j: serde_json::Value = bendahara
        .get(s.url(&format!("/api/v1{dasar}/penyumbang")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(j.as_array().unwrap().len(), 1, "{backend}: {j}");
    assert_eq!(j[0]["kelebihan"]["teks"], "Rp5.000.000", "{backend}");
    assert_eq!(j[0]["terpakai"]["teks"], "Rp75.000.000", "{backend}");

    // The LPPDK page offers the report as the KPU's files.
    let html = bendahara
        .get(s.url(&format!("{dasar}/laporan/lppdk")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"laporan-unduh\""), "{backend}");
    for (f, awal) in [("xlsx", &b"PK"[..]), ("pdf", &b"%PDF"[..])] {
        let r = bendahara
            .get(s.url(&format!("{dasar}/laporan/lppdk/{f}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{backend} {f}");
        let nama = r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            nama.contains(&format!("lppdk-{id}.{f}")),
            "{backend} {nama}"
        );
        let isi = r.bytes().await.unwrap();
        assert!(isi.starts_with(awal), "{backend} {f}");
    }
    let r = bendahara
        .get(s.url(&format!("{dasar}/laporan/lppdk/docx")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");

    // The ledger lists both, filtered by date.
    let html = bendahara
        .get(s.url(&format!("{dasar}/buku?dari=2029-10-10&arah=penerimaan")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Rp30.000.000"), "{backend}");
    assert!(!html.contains("Rp50.000.000"), "{backend}");

    // Spending through the API, with the amount as Indonesians write it.
    let r = bendahara
        .post(s.url(&format!("/api/v1{dasar}/belanja")))
        .json(&serde_json::json!({
            "tanggal": "2029-10-20", "kategori": "bahan_kampanye",
            "nilai": "1.500.000", "uraian": "kaos"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let j: serde_json::Value = bendahara
        .get(s.url(&format!("/api/v1{dasar}/buku?arah=pengeluaran")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(j[0]["nilai"]["teks"], "Rp1.500.000", "{backend}: {j}");
}

per_backend!(auditor_reads_others_are_refused);
async fn auditor_reads_others_are_refused(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let table = posko_web::route_table(s.posko.clone());
    let rutes: Vec<_> = table.iter().filter(|r| r.path.contains("/dana")).collect();
    assert!(rutes.len() >= 18, "finance routes missing: {}", rutes.len());
    let path = |r: &posko_web::Rute| r.contoh.replace("{id}", &id.to_string());

    let auditor = s
        .user("uji.auditor", Peran::Auditor, cakupan(Peran::Auditor))
        .await;
    for r in &rutes {
        let p = path(r);
        let status = match r.metode {
            "GET" => auditor.get(s.url(&p)).send().await.unwrap().status(),
            _ if p.starts_with("/api/") => auditor
                .post(s.url(&p))
                .json(&serde_json::json!({"tanggal": "2029-10-01", "nilai": "1"}))
                .send()
                .await
                .unwrap()
                .status(),
            _ => auditor
                .post(s.url(&p))
                .form(&[("csrf", "x"), ("tanggal", "2029-10-01"), ("nilai", "1")])
                .send()
                .await
                .unwrap()
                .status(),
        };
        if r.path.ends_with("/rekonsiliasi") {
            // Reconciling a statement is reading: the auditor is let in
            // (this body is no statement, so it is refused as a bad file).
            assert!(
                status == StatusCode::BAD_REQUEST
                    || status == StatusCode::UNPROCESSABLE_ENTITY
                    || status.is_success(),
                "{backend} auditor {} {p}: {status}",
                r.metode
            );
        } else if r.metode == "GET" {
            assert_ne!(status, StatusCode::FORBIDDEN, "{backend} auditor GET {p}");
            assert!(
                status.is_success()
                    || status == StatusCode::NOT_FOUND
                    || status == StatusCode::UNPROCESSABLE_ENTITY,
                "{backend} auditor GET {p}: {status}"
            );
        } else {
            assert_eq!(status, StatusCode::FORBIDDEN, "{backend} auditor POST {p}");
        }
    }
    // The auditor's finance home has no forms.
    let html = auditor
        .get(s.url(&format!("/pemilihan/{id}/dana")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("catat-sumbangan"), "{backend}");

    for peran in [
        Peran::Koordinator,
        Peran::Saksi,
        Peran::Media,
        Peran::Relawan,
    ] {
        let c = s.user(&format!("uji.{peran}"), peran, cakupan(peran)).await;
        for r in &rutes {
            let p = path(r);
            let status = match r.metode {
                "GET" => c.get(s.url(&p)).send().await.unwrap().status(),
                _ => c
                    .post(s.url(&p))
                    .form(&[("csrf", "x")])
                    .send()
                    .await
                    .unwrap()
                    .status(),
            };
            assert_eq!(
                status,
                StatusCode::FORBIDDEN,
                "{backend} {peran} {} {p}",
                r.metode
            );
        }
        // And no menu entry to it.
        let html = c
            .get(s.url("/akun"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!html.contains("href=\"/dana\""), "{backend} {peran}");
    }
    let html = auditor
        .get(s.url("/akun"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("href=\"/dana\""), "{backend}: auditor's menu");
}

/// The finance pages on a 360 px phone in Chromium, in both languages:
/// nothing wider than the screen (the ledger and donor tables scroll in
/// their own box), no link to the raw API. Screenshots of the home go to
/// `target/layar/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finance_pages_fit_a_phone() {
    let Some(bin) = crate::layar::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let cookie = common::sign_in(
        &s.posko,
        "layar.bendahara",
        vec![posko_domain::Penugasan::new(Peran::Bendahara, cakupan(Peran::Bendahara)).unwrap()],
    )
    .await;
    let http = common::client_with_cookie(Some(&cookie));
    let dasar = format!("/pemilihan/{id}/dana");
    let html = http
        .get(s.url(&dasar))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = nilai_input(&html, "csrf");
    let mut entri = String::new();
    for (tanggal, nilai) in [("2029-10-01", "50.000.000"), ("2029-10-15", "30.000.000")] {
        let r = http
            .post(s.url(&format!("{dasar}/sumbangan")))
            .form(&donasi(&csrf, tanggal, nilai))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // The entry page, with its correction form's file input.
        entri = r.headers()["location"].to_str().unwrap().to_string();
    }

    let work = tempfile::tempdir().unwrap();
    let mut c = crate::cdp::Cdp::start(bin, &work.path().join("profil"), &[]).await;
    c.call("Network.enable", serde_json::json!({})).await;
    let (nama, nilai) = cookie.split_once('=').unwrap();
    c.call(
        "Network.setCookie",
        serde_json::json!({"name": nama, "value": nilai, "url": s.url("/")}),
    )
    .await;
    let mut salah = Vec::new();
    for path in [
        dasar.clone(),
        format!("{dasar}/buku"),
        format!("{dasar}/penyumbang"),
        format!("{dasar}/laporan/lppdk"),
        format!("{dasar}/rekonsiliasi"),
        entri.clone(),
    ] {
        for bahasa in ["id", "en"] {
            crate::layar::ukuran(&mut c, 360, 800).await;
            let status =
                crate::layar::buka(&mut c, &s.url(&format!("{path}?bahasa={bahasa}"))).await;
            assert_eq!(status, 200, "{path} {bahasa}");
            for m in crate::layar::periksa(&mut c, 360).await {
                salah.push(format!("{bahasa} {path}: {m}"));
            }
            if path == dasar {
                crate::layar::potret(&mut c, &format!("dana-bendahara-360-{bahasa}")).await;
            }
        }
    }
    assert!(salah.is_empty(), "{}", salah.join("\n"));
}
