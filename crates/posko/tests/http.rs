//! The real HTTP server on real DKI Jakarta data, on every backend: what a
//! campaign manager sees in the region browser and what an integration
//! reads from /api/v1.

use crate::common;

use common::{TestServer, serve, shared_data, store, store_dki};
use posko_app::{Aktor, NewPaslon, NewPemilihan};
use posko_domain::{JenisPemilihan, KodeWilayah, NamaCalon, NomorUrut};
use reqwest::StatusCode;
use serde_json::Value;

async fn dki_server(backend: &str) -> Option<TestServer> {
    let data = shared_data()?;
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    Some(serve(posko, dir).await)
}

async fn get_text(s: &TestServer, url: &str) -> (StatusCode, String) {
    let r = s.client().get(url).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn get_json(s: &TestServer, url: &str) -> (StatusCode, Value) {
    let r = s.client().get(url).send().await.unwrap();
    (r.status(), r.json().await.unwrap())
}

per_backend!(region_browser_drills_down_with_dpt_totals);
async fn region_browser_drills_down_with_dpt_totals(backend: &'static str) {
    let Some(s) = dki_server(backend).await else {
        return;
    };
    let (status, html) = get_text(&s, &s.url("/wilayah/31")).await;
    assert_eq!(status, StatusCode::OK, "{backend}");
    // The official DPT of Pilkada DKI 2017 round 1, formatted the Indonesian way.
    assert!(html.contains("7.108.589"), "{backend}: DKI total missing");
    assert!(html.contains("13.023"), "{backend}: TPS count missing");
    assert!(html.contains(r#"href="/wilayah/31.71""#), "{backend}");
    assert!(
        html.contains("Kota Administrasi Jakarta Pusat"),
        "{backend}"
    );

    let (_, html) = get_text(&s, &s.url("/wilayah/31.71.01")).await;
    assert!(
        html.contains("Gambir") && html.contains("Kecamatan"),
        "{backend}"
    );
    assert!(
        html.contains(r#"href="/wilayah/31.71.01.1001""#),
        "{backend}"
    );

    let (_, html) = get_text(&s, &s.url("/wilayah/31.71.01.1001")).await;
    assert!(html.contains("Kelurahan"), "{backend}");
    assert!(
        html.contains("TPS 001") && html.contains("3171011001001"),
        "{backend}"
    );
    // Breadcrumbs lead back up to the province.
    assert!(html.contains(r#"href="/wilayah/31""#), "{backend}");

    let (status, html) = get_text(&s, &s.url("/wilayah")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Daerah Khusus Ibukota Jakarta"), "{backend}");
}

per_backend!(totals_at_every_level_equal_the_sum_of_children);
async fn totals_at_every_level_equal_the_sum_of_children(backend: &'static str) {
    let Some(s) = dki_server(backend).await else {
        return;
    };
    let (_, prov) = get_json(&s, &s.url("/api/v1/wilayah/31")).await;
    assert_eq!(prov["rekap"]["dpt_total"], 7_108_589, "{backend}");
    assert_eq!(prov["rekap"]["jumlah_tps"], 13_023, "{backend}");
    let mut checked = 0;
    let mut queue = vec![prov];
    while let Some(node) = queue.pop() {
        let anak = node["anak"].as_array().unwrap();
        if anak.is_empty() {
            continue;
        }
        for field in ["dpt_total", "dpt_laki", "dpt_perempuan", "jumlah_tps"] {
            let sum: u64 = anak
                .iter()
                .map(|a| a["rekap"][field].as_u64().unwrap())
                .sum();
            assert_eq!(
                sum,
                node["rekap"][field].as_u64().unwrap(),
                "{backend}: {field} of {}",
                node["wilayah"]["kode"]
            );
        }
        checked += 1;
        // Descend into kab/kota and the kecamatan of one of them.
        for a in anak {
            let kode = a["wilayah"]["kode"].as_str().unwrap();
            if kode.len() == 5 || kode.starts_with("31.71.") && kode.len() == 8 {
                let (_, child) = get_json(&s, &s.url(&format!("/api/v1/wilayah/{kode}"))).await;
                queue.push(child);
            }
        }
    }
    assert!(checked >= 7, "{backend}: only {checked} levels checked");
}

per_backend!(tps_api_pages_through_every_tps_of_a_city);
async fn tps_api_pages_through_every_tps_of_a_city(backend: &'static str) {
    let Some(s) = dki_server(backend).await else {
        return;
    };
    let mut after: Option<String> = None;
    let mut seen = Vec::new();
    loop {
        let mut url = s.url("/api/v1/wilayah/31.71/tps?limit=500");
        if let Some(a) = &after {
            url.push_str(&format!("&after={a}"));
        }
        let (status, page) = get_json(&s, &url).await;
        assert_eq!(status, StatusCode::OK, "{backend}: {page}");
        for t in page["tps"].as_array().unwrap() {
            seen.push(t["kode"].as_str().unwrap().to_string());
        }
        match page["next"].as_str() {
            Some(n) => after = Some(n.to_string()),
            None => break,
        }
    }
    // Jakarta Pusat had 1,237 TPS; every key once, in order.
    assert_eq!(seen.len(), 1_237, "{backend}");
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, seen, "{backend}: keys out of order or repeated");

    let (status, t) = get_json(&s, &s.url("/api/v1/tps/3171011001001")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(t["kode"], "31.71.01.1001-001");
    assert_eq!(t["dpt_total"], 598);

    let (status, e) = get_json(&s, &s.url("/api/v1/wilayah/31.71/tps?limit=0")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(e["error"].as_str().unwrap().contains("limit"), "{e}");
    let (status, e) = get_json(&s, &s.url("/api/v1/tps/3171011001999")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(e["error"].as_str().unwrap().contains("tidak ditemukan"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_addresses_get_clear_answers() {
    let Some(s) = dki_server("sqlite").await else {
        return;
    };
    // One canonical address per region.
    let r = s.client().get(s.url("/wilayah/3171")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.headers()["location"], "/wilayah/31.71");

    let (status, html) = get_text(&s, &s.url("/wilayah/35.78")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("wilayah 35.78 tidak ditemukan"), "{html}");
    let (status, html) = get_text(&s, &s.url("/wilayah/abc")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("abc"), "{html}");
    // A path that does not parse names nothing: 404, from the policy
    // check itself, before any handler runs.
    let (status, e) = get_json(&s, &s.url("/api/v1/wilayah/3x")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(e["error"].as_str().unwrap().contains("3x"));
    let (status, _) = get_text(&s, &s.url("/pemilihan/bukan-id")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get_text(&s, &s.url("/tidak-ada")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

per_backend!(election_pages_show_paslon_in_ballot_order);
async fn election_pages_show_paslon_in_ballot_order(backend: &'static str) {
    let Some(s) = dki_server(backend).await else {
        return;
    };
    let p = s
        .posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Gubernur,
                wilayah: KodeWilayah::parse("31").unwrap(),
                nama: None,
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap();
    for (n, a, b) in [
        (2, "Dewi Kartika", "Bayu Saputra"),
        (1, "Rina Maharani", "Adi Wirawan"),
    ] {
        s.posko
            .simpan_paslon(
                &Aktor::system(),
                p.id,
                NewPaslon {
                    nomor_urut: NomorUrut::new(n).unwrap(),
                    calon_kepala: NamaCalon::parse_field(a, "calon").unwrap(),
                    calon_wakil: NamaCalon::parse_field(b, "wakil").unwrap(),
                },
            )
            .await
            .unwrap();
    }
    let (_, home) = get_text(&s, &s.url("/")).await;
    assert!(home.contains(&p.nama), "{backend}");
    assert!(home.contains("7.108.589"), "{backend}");
    let (status, page) = get_text(&s, &s.url(&format!("/pemilihan/{}", p.id))).await;
    assert_eq!(status, StatusCode::OK);
    let (one, two) = (
        page.find("Rina Maharani").unwrap(),
        page.find("Dewi Kartika").unwrap(),
    );
    assert!(one < two, "{backend}: paslon 1 must come before paslon 2");
    assert!(page.contains("28 November 2029"), "{backend}");

    let (_, list) = get_json(&s, &s.url("/api/v1/pemilihan")).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (_, detail) = get_json(&s, &s.url(&format!("/api/v1/pemilihan/{}", p.id))).await;
    assert_eq!(detail["paslon"][0]["nomor_urut"], 1);
    assert_eq!(detail["paslon"][1]["calon_kepala"], "Dewi Kartika");
    assert_eq!(detail["rekap"]["dpt_total"], 7_108_589);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_describes_every_api_route() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let s = serve(posko, dir).await;
    let (status, doc) = get_json(&s, &s.url("/api/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/healthz",
        "/api/v1/wilayah",
        "/api/v1/wilayah/{kode}",
        "/api/v1/wilayah/{kode}/tps",
        "/api/v1/tps/{kode}",
        "/api/v1/pemilihan",
        "/api/v1/pemilihan/{id}",
    ] {
        assert!(paths.contains_key(p), "{p} undocumented");
    }
    for p in [
        "/api/v1/pemilihan/{id}/tps/{kode}/hasil",
        "/api/v1/pemilihan/{id}/tps/{kode}/foto",
        "/api/v1/pemilihan/{id}/rekap/{kode}",
        "/api/v1/pemilihan/{id}/tps/{kode}/checkin",
        "/api/v1/pemilihan/{id}/tps/{kode}/insiden",
    ] {
        assert!(paths.contains_key(p), "{p} undocumented");
    }
    // Every documented path and method answers (not 405) on an empty
    // database, in JSON.
    for (p, item) in paths {
        let concrete = p
            .replace("{kode}", "31")
            .replace("{id}", "01936f1e-0000-7000-8000-000000000000");
        let method = if item.get("get").is_some() {
            "get"
        } else {
            "post"
        };
        let r = match method {
            "get" => s.client().get(s.url(&concrete)),
            _ => s.client().post(s.url(&concrete)).body("{}"),
        }
        .send()
        .await
        .unwrap();
        assert_ne!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {p}");
        let status = r.status();
        let ct = r.headers()["content-type"].to_str().unwrap().to_string();
        assert!(
            ct.starts_with("application/json"),
            "{method} {p}: {status} {ct}: {}",
            r.text().await.unwrap()
        );
    }
    let (_, health) = get_json(&s, &s.url("/healthz")).await;
    assert_eq!(health["backend"], "sqlite");
    assert!(health["schema_version"].as_i64().unwrap() >= 2, "{health}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers_and_refuse_big_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let s = serve(posko, dir).await;
    let r = s.client().get(s.url("/")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let h = r.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"));
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Belum ada pemilihan"),
        "empty state explains setup"
    );

    // A 3 MiB sign-in form (the limit is 2 MiB) is refused with 413; the
    // server may also stop reading before the client has finished sending,
    // which the client sees as a broken pipe. Either way nothing is accepted.
    let mut big = String::from("username=");
    big.push_str(&"x".repeat(3 * 1024 * 1024));
    let r = s
        .client()
        .post(s.url("/masuk"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(big)
        .send()
        .await;
    match r {
        Ok(r) => assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE),
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_builds_the_same_campaign_for_the_same_seed() {
    let Some(data) = shared_data() else { return };
    let mut names = Vec::new();
    for _ in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let posko = store("sqlite", dir.path()).await;
        let summary = posko_app::demo::build(
            &posko,
            &posko_app::demo::DemoOptions {
                data_dir: Some(data.clone()),
                seed: 7,
            },
        )
        .await
        .unwrap();
        assert_eq!(summary.jumlah_tps, 13_023);
        assert_eq!(summary.dpt_total, 7_108_589);
        let paslon = posko
            .store()
            .daftar_paslon(summary.pemilihan.id)
            .await
            .unwrap();
        assert_eq!(paslon.len(), 3);
        // The ground game: a coordinator per kab/kota, two kecamatan
        // relawan under each, 25 supporters recorded by each of those, and
        // a quick-count sample drawn before the day.
        let relawan = posko.store().daftar_relawan_di(None).await.unwrap();
        assert_eq!(relawan.len(), 6 + 12);
        assert_eq!(relawan.iter().filter(|r| r.perekrut.is_none()).count(), 6);
        let pendukung = posko
            .store()
            .daftar_pendukung_di(None, 1_000)
            .await
            .unwrap();
        assert_eq!(pendukung.len(), 12 * 25);
        // Canvassing: each relawan's first TPS has a voter list, with the
        // supporters recorded there among its households, and visits.
        let (manajer, _) = posko.store().cari_login("manajer").await.unwrap().unwrap();
        let (mut dikunjungi, mut cocok) = (0, 0);
        for r in relawan.iter().filter(|r| r.perekrut.is_some()) {
            let posko_domain::Cakupan::Wilayah(w) = r.wilayah else {
                panic!("demo relawan work an area: {:?}", r.wilayah)
            };
            let tps = posko.store().daftar_tps_di(w, None, 1).await.unwrap()[0].kode;
            let d = posko.daftar_jalan(&manajer, tps, None).await.unwrap();
            assert_eq!(d.jumlah_pemilih(), 90, "{tps}");
            assert!(d.bagian.len() > 1, "{tps}: more than one RT");
            dikunjungi += d.rumah_dikunjungi();
            cocok += d
                .bagian
                .iter()
                .flat_map(|b| &b.rumah)
                .map(|r| r.pendukung())
                .sum::<usize>();
        }
        assert!(dikunjungi >= 12 * 4, "{dikunjungi} households visited");
        assert!(cocok >= 12 * 5, "{cocok} supporters on walk lists");
        let (sampel, _) = posko
            .sampel_hitung_cepat(summary.pemilihan.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(sampel.tps.len(), 400);
        // The books are the treasurer's, signed in with the password the
        // README gives; the auditor reads the same books.
        let k = common::klien();
        let (_, bendahara) = posko
            .sign_in("bendahara", "demo-bendahara-rahasia", &k)
            .await
            .unwrap()
            .unwrap();
        let buku = posko
            .buku_dana(
                &bendahara.pengguna,
                summary.pemilihan.id,
                &Default::default(),
            )
            .await
            .unwrap();
        assert!(buku.len() > 24, "{} entries", buku.len());
        assert!(buku.iter().all(|e| e.dicatat_oleh == bendahara.pengguna.id));
        let (_, auditor) = posko
            .sign_in("auditor", "demo-auditor-rahasia", &k)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            posko
                .buku_dana(&auditor.pengguna, summary.pemilihan.id, &Default::default())
                .await
                .unwrap()
                .len(),
            buku.len()
        );
        names.push(
            paslon
                .iter()
                .map(|p| format!("{} {}", p.calon_kepala, p.calon_wakil))
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(names[0], names[1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_without_public_data_builds_a_plausible_kabupaten() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let summary = posko_app::demo::build(
        &posko,
        &posko_app::demo::DemoOptions {
            data_dir: None,
            seed: 1,
        },
    )
    .await
    .unwrap();
    assert!(
        (1_000..=2_500).contains(&summary.jumlah_tps),
        "{} TPS",
        summary.jumlah_tps
    );
    let per_tps = summary.dpt_total / summary.jumlah_tps;
    assert!((150..=600).contains(&per_tps), "{per_tps} voters per TPS");
    assert_eq!(summary.pemilihan.jenis, JenisPemilihan::Bupati);
    let view = posko
        .wilayah_view(Some(summary.pemilihan.wilayah))
        .await
        .unwrap();
    assert_eq!(view.anak.len(), 15);

    // Election day in the demo: every TPS in, totals add up at each level,
    // and about one form in twenty flagged for a slip in V.A.
    let n = posko_app::demo::hari_h(&posko, summary.pemilihan.id, 100_000, 1)
        .await
        .unwrap();
    assert_eq!(n, summary.jumlah_tps);
    let r = posko.rekap_view(summary.pemilihan.id, None).await.unwrap();
    assert_eq!(r.rekap.tps_masuk, summary.jumlah_tps);
    assert_eq!(r.rekap.angka.suara.len(), 3);
    let kec_sum: u64 = r.anak.iter().map(|(_, x, _)| x.angka.sah).sum();
    assert_eq!(kec_sum, r.rekap.angka.sah);
    let share = r.rekap.tps_bertanda * 100 / r.rekap.tps_masuk;
    assert!((2..=9).contains(&share), "{share} % of forms flagged");
    let turnout = (r.rekap.angka.sah + r.rekap.angka.tidak_sah) * 100 / r.rekap.dpt_masuk;
    assert!((55..=82).contains(&turnout), "turnout {turnout} %");
}
