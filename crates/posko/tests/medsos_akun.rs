//! The social-media room's registry on the real server, on both backends:
//! a manager records official accounts with named holders through the
//! page and the API; the KPU's cap, a handle twice, a deactivation in the
//! quiet period, a holder outside the media team and an account without a
//! recovery holder are refused with nothing written; a member's departure
//! opens rotation tasks for exactly the accounts they could reach, closed
//! one part at a time; the KPU form and the monthly access review read
//! back (calamine, lopdf) with every account, their downloads logged;
//! the auditor reads and writes nothing; other roles see nothing.

use crate::common;

use calamine::{Data, Reader};
use common::{nilai_input, serve, store};
use posko_domain::{Cakupan, KodeTps, KodeWilayah, Peran};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

async fn id_pengguna(s: &common::TestServer, username: &str) -> Uuid {
    s.posko
        .store()
        .cari_login(username)
        .await
        .unwrap()
        .unwrap()
        .0
        .id
}

fn sel_lembar(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let nama = wb.sheet_names()[0].clone();
    let r = wb.worksheet_range(&nama).unwrap();
    r.rows()
        .map(|b| {
            b.iter()
                .map(|d| match d {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn teks_pdf(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

per_backend!(registry_rotation_and_files);
async fn registry_rotation_and_files(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = crate::dana_web::siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let manajer = s.client();
    let media1 = s.user("uji.media1", Peran::Media, Cakupan::Semua).await;
    let _media2 = s.user("uji.media2", Peran::Media, Cakupan::Semua).await;
    let auditor = s.user("uji.auditor", Peran::Auditor, Cakupan::Semua).await;
    let kota = || Cakupan::Wilayah(KodeWilayah::parse("32.73").unwrap());
    let koordinator = s.user("uji.koordinator", Peran::Koordinator, kota()).await;
    let bendahara = s
        .user("uji.bendahara", Peran::Bendahara, Cakupan::Semua)
        .await;
    let relawan = s.user("uji.relawan", Peran::Relawan, kota()).await;
    let saksi = s
        .user(
            "uji.saksi",
            Peran::Saksi,
            Cakupan::Tps(KodeTps::parse("3273011001001").unwrap()),
        )
        .await;
    let (m1, m2, mgr, koor) = (
        id_pengguna(&s, "uji.media1").await,
        id_pengguna(&s, "uji.media2").await,
        id_pengguna(&s, "uji.manajer").await,
        id_pengguna(&s, "uji.koordinator").await,
    );
    let dasar = format!("/pemilihan/{id}/medsos");
    let api = format!("/api/v1/pemilihan/{id}/medsos");

    // The room's home shows the 2024 pattern's periods for 28 Nov 2029.
    let html = manajer
        .get(s.url(&dasar))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("26 September 2029 – 24 November 2029"),
        "{backend}: {html}"
    );
    assert!(
        html.contains("25 November 2029 – 27 November 2029"),
        "{backend}"
    );

    // Account A through the page's form: media1 holds the recovery.
    let html = manajer
        .get(s.url(&format!("{dasar}/akun")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = nilai_input(&html, "csrf");
    assert!(html.contains(&format!("name=\"akses_{m1}\"")), "{backend}");
    assert!(
        !html.contains(&format!("name=\"akses_{koor}\"")),
        "only the media team"
    );
    let r = manajer
        .post(s.url(&format!("{dasar}/akun")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("platform", "instagram"),
            ("nama", "@paslon.resmi"),
            ("url", "https://instagram.com/paslon.resmi"),
            ("tujuan", "akun utama pasangan calon"),
            ("kpu_tanggal", "2026-12-01"),
            ("kpu_nomor", "12/PL.02-SD/3273/2029"),
            ("penanggung_jawab", &m2.to_string()),
            (&format!("akses_{m1}"), "pemulihan"),
            (&format!("akses_{m2}"), "pengelola"),
            ("dua_langkah", "ya"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let akun_a = r.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();

    let tambah = |body: Value| {
        let c = manajer.clone();
        let url = s.url(&format!("{api}/akun"));
        async move { c.post(url).json(&body).send().await.unwrap() }
    };
    let akun = |platform: &str, nama: &str, pemegang: Value| {
        json!({"platform": platform, "nama": nama, "penanggung_jawab": m2,
               "dua_langkah": true, "pemegang": pemegang})
    };
    // B: media2 only; C: media1 signs in, the manager holds the recovery.
    let r = tambah(akun(
        "tiktok",
        "paslon_resmi",
        json!([{"anggota": m2, "akses": "pemulihan"}]),
    ))
    .await;
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let akun_b = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = tambah(akun(
        "x",
        "paslonresmi",
        json!([{"anggota": m1, "akses": "pengelola"}, {"anggota": mgr, "akses": "pemulihan"}]),
    ))
    .await;
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let akun_c = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Refused, nothing written: the same handle (any case), a holder from
    // outside the media team, no recovery holder, off after the quiet
    // period starts, a handle platforms do not allow, and media itself.
    let sebelum = s
        .posko
        .store()
        .cari_audit(None, None, None, 10_000)
        .await
        .unwrap()
        .len();
    for (body, kata) in [
        (
            akun(
                "instagram",
                "Paslon.Resmi",
                json!([{"anggota": m2, "akses": "pemulihan"}]),
            ),
            "sudah tercatat",
        ),
        (
            akun(
                "facebook",
                "a",
                json!([{"anggota": koor, "akses": "pemulihan"}]),
            ),
            "tim media",
        ),
        (
            akun(
                "facebook",
                "b",
                json!([{"anggota": m2, "akses": "pengelola"}]),
            ),
            "pemulihan",
        ),
        (
            {
                let mut b = akun(
                    "facebook",
                    "c",
                    json!([{"anggota": m2, "akses": "pemulihan"}]),
                );
                b["nonaktif"] = json!("2029-11-26");
                b
            },
            "masa tenang",
        ),
        (
            akun(
                "facebook",
                "bukan nama!",
                json!([{"anggota": m2, "akses": "pemulihan"}]),
            ),
            "tidak sah",
        ),
    ] {
        let r = tambah(body).await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend} {kata}"
        );
        let t = r.text().await.unwrap();
        assert!(t.contains(kata), "{backend}: {t}");
    }
    let r = media1
        .post(s.url(&format!("{api}/akun")))
        .json(&akun(
            "facebook",
            "d",
            json!([{"anggota": m2, "akses": "pemulihan"}]),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert_eq!(
        s.posko
            .store()
            .cari_audit(None, None, None, 10_000)
            .await
            .unwrap()
            .len(),
        sebelum,
        "{backend}: refusals write nothing"
    );
    // The KPU's cap: 20 active accounts on a platform, the 21st refused.
    for i in 0..20 {
        let r = tambah(akun(
            "youtube",
            &format!("kanal{i}"),
            json!([{"anggota": m2, "akses": "pemulihan"}]),
        ))
        .await;
        assert_eq!(r.status(), StatusCode::CREATED, "{backend} {i}");
    }
    let r = tambah(akun(
        "youtube",
        "kanal20",
        json!([{"anggota": m2, "akses": "pemulihan"}]),
    ))
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(r.text().await.unwrap().contains("paling banyak 20"));

    // media1 leaves: rotation tasks for exactly A (with its recovery) and C.
    let r = manajer
        .post(s.url(&format!("{dasar}/keluar")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("anggota", &m1.to_string()),
            ("alasan", "pindah tugas"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let registri = |c: reqwest::Client| {
        let url = s.url(&format!("{api}/akun"));
        async move {
            c.get(url)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let reg = registri(auditor.clone()).await;
    let mut rotasi: Vec<(String, bool)> = reg["rotasi_terbuka"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            assert_eq!(t["anggota"], json!(m1));
            (
                t["akun"].as_str().unwrap().to_string(),
                t["ganti_pemulihan"].as_bool().unwrap(),
            )
        })
        .collect();
    rotasi.sort();
    let mut harap = vec![(akun_a.clone(), true), (akun_c.clone(), false)];
    harap.sort();
    assert_eq!(rotasi, harap, "{backend}: {reg}");
    for a in reg["akun"].as_array().unwrap() {
        assert!(
            a["pemegang"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["anggota"] != json!(m1)),
            "{backend}: {a}"
        );
    }
    // Leaving again opens nothing more.
    let r = manajer
        .post(s.url(&format!("{api}/keluar")))
        .json(&json!({"anggota": m1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(r.json::<Value>().await.unwrap()["rotasi"], json!([]));
    assert_eq!(
        registri(auditor.clone()).await["rotasi_terbuka"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "{backend}: B, which media1 never held, has none"
    );

    // Closing the tasks: A's recovery cannot move before A has a new holder.
    let tugas = |akun: &str| {
        reg["rotasi_terbuka"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["akun"] == json!(akun))
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let selesai = |rotasi: String, bagian: &'static str| {
        let c = manajer.clone();
        let url = s.url(&format!("{dasar}/rotasi/{rotasi}"));
        let csrf = csrf.clone();
        async move {
            c.post(url)
                .form(&[("csrf", csrf.as_str()), ("bagian", bagian)])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        selesai(tugas(&akun_c), "sandi").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        selesai(tugas(&akun_a), "pemulihan").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // A form opened before media1 left would name them again: refused.
    let r = manajer
        .post(s.url(&format!("{dasar}/akun/{akun_a}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("versi", "1"),
            ("platform", "instagram"),
            ("nama", "paslon.resmi"),
            ("penanggung_jawab", &m2.to_string()),
            (&format!("akses_{m1}"), "pemulihan"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "{backend}");
    let r = manajer
        .post(s.url(&format!("{dasar}/akun/{akun_a}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("platform", "instagram"),
            ("nama", "paslon.resmi"),
            ("url", "https://instagram.com/paslon.resmi"),
            ("tujuan", "akun utama pasangan calon"),
            ("kpu_tanggal", "2026-12-01"),
            ("kpu_nomor", "12/PL.02-SD/3273/2029"),
            ("penanggung_jawab", &m2.to_string()),
            (&format!("akses_{m2}"), "pemulihan"),
            ("dua_langkah", "ya"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert_eq!(
        selesai(tugas(&akun_a), "pemulihan").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        selesai(tugas(&akun_a), "sandi").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        registri(auditor.clone()).await["rotasi_terbuka"],
        json!([]),
        "{backend}"
    );
    // The account's page names who changed what.
    let html = auditor
        .get(s.url(&format!("{dasar}/akun/{akun_a}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("v3 ·"),
        "{backend}: created, media1 left, recovery moved"
    );
    assert!(
        html.contains("uji.manajer") || html.contains("Uji"),
        "{backend}"
    );

    // The KPU form: every active account, as XLSX and PDF, logged.
    let handles = [
        "@paslon.resmi",
        "@paslon_resmi",
        "@paslonresmi",
        "@kanal0",
        "@kanal19",
    ];
    let xlsx = auditor
        .get(s.url(&format!("{dasar}/formulir-kpu/xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK, "{backend}");
    let rows = sel_lembar(&xlsx.bytes().await.unwrap());
    let kepala = rows
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("No"))
        .unwrap();
    let data: Vec<&Vec<String>> = rows[kepala + 1..]
        .iter()
        .take_while(|r| !r[0].is_empty())
        .collect();
    assert_eq!(data.len(), 23, "{backend}: {rows:?}");
    for h in handles {
        assert!(
            data.iter().any(|r| r.contains(&h.to_string())),
            "{backend}: {h}"
        );
    }
    assert!(
        data.iter()
            .any(|r| r.contains(&"https://instagram.com/paslon.resmi".to_string()))
    );
    let pdf = auditor
        .get(s.url(&format!("{dasar}/formulir-kpu/pdf")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let t = teks_pdf(&pdf);
    for h in handles {
        assert!(t.contains(h), "{backend}: {h} in {t}");
    }
    // The access review of this month: media1 taken off A and C.
    let bulan =
        time::OffsetDateTime::now_utc().to_offset(time::UtcOffset::from_hms(7, 0, 0).unwrap());
    let bulan = format!("{:04}-{:02}", bulan.year(), bulan.month() as u8);
    let xlsx = auditor
        .get(s.url(&format!("{dasar}/tinjauan-akses/xlsx?bulan={bulan}")))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK, "{backend}");
    let rows = sel_lembar(&xlsx.bytes().await.unwrap());
    let dicabut: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.contains(&"dicabut".to_string()))
        .collect();
    assert_eq!(dicabut.len(), 2, "{backend}: {rows:?}");
    assert!(
        dicabut
            .iter()
            .any(|r| r.contains(&"Instagram @paslon.resmi".to_string()))
    );
    assert!(
        dicabut
            .iter()
            .any(|r| r.contains(&"X (Twitter) @paslonresmi".to_string()))
    );
    let pdf = auditor
        .get(s.url(&format!("{dasar}/tinjauan-akses/pdf?bulan={bulan}")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let t = teks_pdf(&pdf);
    for h in ["@paslon.resmi", "@paslon_resmi", "@paslonresmi", "@kanal7"] {
        assert!(t.contains(h), "{backend}: {h}");
    }
    let r = auditor
        .get(s.url(&format!("{dasar}/tinjauan-akses/xlsx?bulan=2029-13")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let log = s
        .posko
        .store()
        .cari_audit(None, Some("ekspor.medsos"), None, 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 4, "{backend}: {log:?}");
    let log = s
        .posko
        .store()
        .cari_audit(None, Some("medsos.akses.keluar"), None, 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1, "{backend}");
    assert!(
        log[0].ringkasan.contains("@paslon.resmi (+pemulihan)"),
        "{}",
        log[0].ringkasan
    );

    // Disabling media2's Posko account takes them off every account they
    // held (A, B and the 20 channels), each with a rotation task.
    let r = manajer
        .post(s.url("/pengguna/akun/uji.media2/aktif"))
        .form(&[("csrf", csrf.as_str()), ("aktif", "0"), ("yakin", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let reg = registri(auditor.clone()).await;
    let terbuka = reg["rotasi_terbuka"].as_array().unwrap();
    assert_eq!(terbuka.len(), 22, "{backend}: {reg}");
    assert!(
        terbuka
            .iter()
            .all(|t| t["anggota"] == json!(m2) && t["ganti_pemulihan"] == json!(true))
    );
    assert!(
        !terbuka.iter().any(|t| t["akun"] == json!(akun_c)),
        "{backend}: C was never theirs"
    );
    let log = s
        .posko
        .store()
        .cari_audit(None, Some("medsos.akses.keluar"), None, 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 2, "{backend}");

    // The auditor reads every page but writes nothing.
    for path in [
        dasar.clone(),
        format!("{dasar}/akun"),
        format!("{dasar}/akun/{akun_b}"),
    ] {
        let r = auditor.get(s.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{backend} {path}");
    }
    let html = auditor
        .get(s.url(&format!("{dasar}/akun")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !html.contains("id=\"tambah-akun\""),
        "no form the auditor cannot use"
    );
    let r = auditor
        .post(s.url(&format!("{api}/akun")))
        .json(&akun(
            "facebook",
            "e",
            json!([{"anggota": m2, "akses": "pemulihan"}]),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Nobody else sees the room.
    for (siapa, c) in [
        ("koordinator", &koordinator),
        ("bendahara", &bendahara),
        ("relawan", &relawan),
        ("saksi", &saksi),
    ] {
        for path in [
            dasar.clone(),
            format!("{dasar}/akun"),
            format!("{api}/akun"),
            format!("{dasar}/formulir-kpu/xlsx"),
        ] {
            let r = c.get(s.url(&path)).send().await.unwrap();
            assert!(
                matches!(r.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{backend} {siapa} {path}: {}",
                r.status()
            );
        }
    }
}
