//! The TPS page (`/pemilihan/ID/tps/KODE`) and the rule for which revision
//! counts, through the real server on every backend: a photo-backed result
//! is not displaced by a later one without a photo and a reason (totals
//! stay, the sender and the page say why), a documented correction is;
//! the page shows names, revisions, channels, photos, official figures,
//! check-ins, incidents and the saksi to call, to those allowed; and the
//! human links that used to open raw JSON open this page.

use crate::common;

use common::{dengan_saksi, nilai_input, serve, shared_data, store_dki};
use posko_app::{Aktor, ImportRequest};
use posko_domain::{Cakupan, Penugasan, Peran};
use reqwest::StatusCode;
use reqwest::multipart::Form;
use serde_json::{Value, json};

const TPS: &str = "3171011001001";

fn tugas(peran: Peran, cakupan: &str) -> Vec<Penugasan> {
    vec![Penugasan::new(peran, Cakupan::parse(cakupan).unwrap()).unwrap()]
}

/// A real (small) JPEG, different for each `seed`.
fn jpeg(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(48, 64, |x, y| {
        image::Rgb([x as u8 ^ seed, y as u8, seed.wrapping_mul(7)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

fn formulir(a: u32, b: u32, ts: u32) -> Value {
    json!({"suara_paslon": [a, b], "suara_sah": a + b, "suara_tidak_sah": ts, "suara_total": a + b + ts})
}

/// The election's totals for DKI: (TPS in, votes per paslon).
async fn total(c: &reqwest::Client, s: &common::TestServer, id: uuid::Uuid) -> (u64, Vec<u64>) {
    let r: Value = c
        .get(s.url(&format!("/api/v1/pemilihan/{id}/rekap/31")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r = &r["rekap"];
    (
        r["tps_masuk"].as_u64().unwrap(),
        r["angka"]["suara"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect(),
    )
}

async fn halaman(c: &reqwest::Client, url: String) -> (StatusCode, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// Every `href="…"` of a page.
fn tautan(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

per_backend!(tps_a_photo_backed_result_is_not_displaced_by_an_undocumented_revision);
async fn tps_a_photo_backed_result_is_not_displaced_by_an_undocumented_revision(
    backend: &'static str,
) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let saksi = s.client_as("saksi.uji", tugas(Peran::Saksi, TPS)).await;
    let manajer = s.client();
    let kirim = s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil"));
    let halaman_tps = s.url(&format!("/pemilihan/{id}/tps/{TPS}"));

    // Revision 1, with a photo of the form: it counts.
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/foto")))
        .body(jpeg(1))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let hash = r.json::<Value>().await.unwrap()["foto"]
        .as_str()
        .unwrap()
        .to_string();
    let r: Value = saksi
        .post(&kirim)
        .json(&json!({"kunci_klien": "tps-uji-0001", "foto": [hash], "formulir": formulir(120, 98, 4)}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (r["kiriman"]["revisi"].as_i64(), r["dihitung"].as_bool()),
        (Some(1), Some(true)),
        "{backend}: {r}"
    );
    assert_eq!(
        total(&manajer, &s, id).await,
        (1, vec![120, 98]),
        "{backend}"
    );

    // Revision 2 by API, no photo and no reason: stored, not counted, and
    // the sender is told why.
    let r = saksi
        .post(&kirim)
        .json(&json!({"kunci_klien": "tps-uji-0002", "formulir": formulir(10, 300, 4)}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let r: Value = r.json().await.unwrap();
    assert_eq!(r["kiriman"]["revisi"], 2, "{backend}: {r}");
    assert_eq!(r["dihitung"], false, "{backend}: {r}");
    assert_eq!(
        r["kiriman"]["tidak_dihitung"],
        json!({"alasan": "foto.tanpa_foto_alasan", "revisi_dihitung": 1}),
        "{backend}: {r}"
    );
    let ket = r["keterangan"].as_str().unwrap();
    assert!(
        ket.contains("Revisi 2 disimpan tetapi tidak dihitung")
            && ket.contains("revisi 1 yang dihitung berfoto"),
        "{backend}: {ket}"
    );
    assert_eq!(
        total(&manajer, &s, id).await,
        (1, vec![120, 98]),
        "{backend}: totals do not move"
    );

    // Revision 3 by the web form, no photo and no reason: the done page
    // says it does not count, and links to the TPS page.
    let form = saksi
        .get(s.url(&format!("/pemilihan/{id}/tps/{TPS}/kirim")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains(&format!("href=\"/pemilihan/{id}/tps/{TPS}\"")),
        "{backend}: the form links its TPS page"
    );
    assert!(!form.contains("(JSON)"), "{backend}");
    assert!(
        form.contains("perbaikan baru menggantikannya jika disertai foto formulir dan alasan"),
        "{backend}: the form states the rule before sending"
    );
    let r = saksi
        .post(s.url(&format!("/pemilihan/{id}/tps/{TPS}/kirim")))
        .multipart(
            Form::new()
                .text("csrf", nilai_input(&form, "csrf"))
                .text("kunci_klien", nilai_input(&form, "kunci_klien"))
                .text("suara_paslon.0", "11")
                .text("suara_paslon.1", "301")
                .text("suara_sah", "312")
                .text("suara_tidak_sah", "4")
                .text("suara_total", "316"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let selesai = r.text().await.unwrap();
    assert!(
        selesai.contains("Revisi 3 disimpan tetapi tidak dihitung")
            && selesai.contains("tanpa foto formulir dan tanpa alasan perbaikan"),
        "{backend}: {selesai}"
    );
    assert!(
        selesai.contains(&format!("href=\"/pemilihan/{id}/tps/{TPS}\"")),
        "{backend}"
    );
    assert_eq!(
        total(&manajer, &s, id).await,
        (1, vec![120, 98]),
        "{backend}"
    );

    // The TPS page says which revision counts and why, and states the rule.
    let (st, page) = halaman(&manajer, halaman_tps.clone()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    for want in [
        "Revisi 1 dihitung: kiriman pertama TPS ini.",
        "Revisi 1 tetap dihitung; 2 revisi sesudahnya tidak menggantikannya",
        "Revisi ini berfoto.",
        "Revisi 2 disimpan tetapi tidak dihitung: revisi 1 yang dihitung berfoto",
        "Revisi 3 disimpan tetapi tidak dihitung",
        "Revisi mana yang dihitung",
        "kecuali revisi yang dihitung berfoto atau sudah terverifikasi",
    ] {
        assert!(page.contains(want), "{backend}: no '{want}' in {page}");
    }
    // In English too.
    let (_, en) = halaman(&manajer, format!("{halaman_tps}?bahasa=en")).await;
    assert!(
        en.contains("Revision 2 was stored but does not count: revision 1, which counts, is backed by a photo"),
        "{backend}: {en}"
    );
    assert!(en.contains("Which revision counts"), "{backend}");

    // A photo without a reason is not enough either …
    let r: Value = saksi
        .post(&kirim)
        .json(&json!({"kunci_klien": "tps-uji-0004", "foto": [hash], "formulir": formulir(12, 302, 4)}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        r["kiriman"]["tidak_dihitung"]["alasan"], "foto.tanpa_alasan",
        "{backend}: {r}"
    );
    // … a photo and a reason: a real correction replaces it.
    let r: Value = saksi
        .post(&kirim)
        .json(&json!({"kunci_klien": "tps-uji-0005", "foto": [hash], "alasan": "salah salin suara paslon 2", "formulir": formulir(120, 89, 4)}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (r["kiriman"]["revisi"].as_i64(), r["dihitung"].as_bool()),
        (Some(5), Some(true)),
        "{backend}: {r}"
    );
    assert!(r["keterangan"].is_null(), "{backend}: {r}");
    assert_eq!(
        total(&manajer, &s, id).await,
        (1, vec![120, 89]),
        "{backend}: the correction counts"
    );
    let (_, page) = halaman(&manajer, halaman_tps).await;
    assert!(
        page.contains("Revisi 5 dihitung: menggantikan revisi 1."),
        "{backend}: {page}"
    );
    assert!(page.contains("salah salin suara paslon 2"), "{backend}");
}

per_backend!(tps_page_shows_names_revisions_photos_official_figures_and_the_saksi_to_call);
async fn tps_page_shows_names_revisions_photos_official_figures_and_the_saksi_to_call(
    backend: &'static str,
) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    // A main saksi with a phone, imported as a coordinator would.
    let id = dengan_saksi(
        &posko,
        dir.path(),
        &[("Siti Aminah", "0812-3456-7890", TPS)],
    )
    .await;
    let s = serve(posko, dir).await;
    let saksi = s
        .client_as("saksi.cadangan", tugas(Peran::Saksi, TPS))
        .await;
    let manajer = s.client();
    let url = s.url(&format!("/pemilihan/{id}/tps/{TPS}"));

    // Before anything arrives the page still says where the TPS is.
    let (st, page) = halaman(&manajer, url.clone()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(page.contains("TPS 001 · Gambir"), "{backend}: {page}");
    assert!(
        page.contains("Kota Administrasi Jakarta Pusat"),
        "{backend}"
    );
    assert!(page.contains("Belum ada C.Hasil yang masuk"), "{backend}");

    // Two photos, a check-in and an incident, then the form by API and a
    // correction by the web form.
    let mut foto = Vec::new();
    for seed in [3, 4] {
        let r = saksi
            .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/foto")))
            .body(jpeg(seed))
            .send()
            .await
            .unwrap();
        foto.push(
            r.json::<Value>().await.unwrap()["foto"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/checkin")))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{backend}: {}", r.status());
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/insiden")))
        .json(&json!({"kategori": "logistik", "teks": "Kotak suara datang terlambat 40 menit"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil")))
        .json(
            &json!({"kunci_klien": "tps-lihat-01", "foto": foto, "formulir": formulir(150, 90, 5)}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    // Revision 2 by the form: V.A does not add up (a flag, in words).
    let form = saksi
        .get(s.url(&format!("/pemilihan/{id}/tps/{TPS}/kirim")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = saksi
        .post(s.url(&format!("/pemilihan/{id}/tps/{TPS}/kirim")))
        .multipart(
            Form::new()
                .text("csrf", nilai_input(&form, "csrf"))
                .text("kunci_klien", nilai_input(&form, "kunci_klien"))
                .text("alasan", "difoto ulang, lebih terang")
                .text("suara_paslon.0", "150")
                .text("suara_paslon.1", "91")
                .text("suara_sah", "240")
                .text("suara_tidak_sah", "5")
                .text("suara_total", "245")
                .part(
                    "foto",
                    reqwest::multipart::Part::bytes(jpeg(5)).file_name("c-hasil.jpg"),
                ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    // The KPU's official count differs in paslon 2.
    let csv = tempfile::tempdir().unwrap();
    let file = csv.path().join("kpu.csv");
    std::fs::write(
        &file,
        "kode_desa,tps_no,kpu_pas1,kpu_pas2,kpu_sah,kpu_tidak_sah\n31.71.01.1001,1,150,95,245,5\n",
    )
    .unwrap();
    let rep = s
        .posko
        .import_resmi(&Aktor::system(), id, &file, ImportRequest::default())
        .await
        .unwrap();
    assert!(rep.applied, "{backend}: {:?}", rep.problems);

    let (_, page) = halaman(&manajer, url.clone()).await;
    // Names, not only codes; every revision with who, when, how and why.
    for want in [
        "TPS 001 · Gambir",
        "Kota Administrasi Jakarta Pusat",
        "31.71.01.1001-001",
        "Riwayat kiriman (2)",
        "Revisi 2 dihitung: menggantikan revisi 1.",
        "Uji saksi.cadangan (saksi.cadangan)",
        "Formulir web",
        "API",
        "difoto ulang, lebih terang",
        "tanpa alasan",
        " WIB",
        // The arithmetic flag, in words.
        "(150 + 91 = 241) tidak sama dengan suara sah (V.A) 240",
        // Official figures, the difference marked.
        "KPU (resmi)",
        "+4",
        "berbeda dengan yang dihitung Posko di",
        // Check-in and incident.
        "Kotak suara datang terlambat 40 menit",
        "Logistik",
        // The saksi to call, for the manager.
        "Siti Aminah",
        "saksi utama",
        "href=\"tel:+6281234567890\"",
        "href=\"https://wa.me/6281234567890\"",
        // Photos as zoomable figures, thumbnails to the full photo.
        "class=\"foto-periksa\"",
        "src=\"/static/foto.js\"",
    ] {
        assert!(page.contains(want), "{backend}: no '{want}' in {page}");
    }
    for h in &foto {
        let full = format!("/pemilihan/{id}/tps/{TPS}/foto/{h}");
        assert!(page.contains(&format!("href=\"{full}\"")), "{backend}: {h}");
        assert!(
            page.contains(&format!("src=\"{full}?ukuran=pratinjau\"")),
            "{backend}"
        );
        // The thumbnail and the full photo open.
        for u in [full.clone(), format!("{full}?ukuran=pratinjau")] {
            let r = manajer.get(s.url(&u)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{backend}: {u}");
        }
    }
    assert!(
        tautan(&page).iter().all(|h| !h.starts_with("/api/")),
        "{backend}: no link to raw JSON"
    );
    // The viewer script is served as a script.
    let r = manajer.get(s.url("/static/foto.js")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(r.text().await.unwrap().contains("foto-periksa"));

    // The saksi sees their own TPS page, but no one's phone number.
    let (st, dilihat) = halaman(&saksi, url.clone()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(dilihat.contains("Siti Aminah"), "{backend}");
    assert!(
        !dilihat.contains("tel:") && !dilihat.contains("wa.me"),
        "{backend}"
    );
    assert!(
        !dilihat.contains("/pengguna/akun/"),
        "{backend}: no account links"
    );
    // A coordinator of the area calls them; one of another area cannot look.
    let koordinator = s
        .client_as("koord.pusat", tugas(Peran::Koordinator, "31.71"))
        .await;
    let (st, k) = halaman(&koordinator, url.clone()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(k.contains("href=\"tel:+6281234567890\""), "{backend}");
    assert!(k.contains("/pengguna/akun/saksi.cadangan"), "{backend}");
    // English, with the same place names.
    let (_, en) = halaman(&manajer, format!("{url}?bahasa=en")).await;
    assert!(
        en.contains("Submission history (2)") && en.contains("Web form"),
        "{backend}"
    );
}

per_backend!(tps_page_is_refused_outside_scope_and_keeps_readings_blind);
async fn tps_page_is_refused_outside_scope_and_keeps_readings_blind(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let saksi = s.client_as("saksi.sini", tugas(Peran::Saksi, TPS)).await;
    let url = s.url(&format!("/pemilihan/{id}/tps/{TPS}"));
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/foto")))
        .body(jpeg(9))
        .send()
        .await
        .unwrap();
    let hash = r.json::<Value>().await.unwrap()["foto"]
        .as_str()
        .unwrap()
        .to_string();
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil")))
        .json(
            &json!({"kunci_klien": "tps-buta-01", "foto": [hash], "formulir": formulir(77, 66, 1)}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");

    // One verifier reads the form.
    let pembaca = s
        .client_as("verif.pertama", tugas(Peran::Verifier, "31.71"))
        .await;
    let api = s.url(&format!("/api/v1/verifikasi/{id}/tps/{TPS}"));
    let t: Value = pembaca
        .get(&api)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r: Value = pembaca
        .post(&api)
        .json(
            &json!({"kiriman_id": t["kiriman_id"], "suara": [77, 60], "sah": 137, "tidak_sah": 1}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["hasil"], "menunggu", "{backend}: {r}");

    // Outside one's scope: refused.
    let lain = s
        .client_as("saksi.lain", tugas(Peran::Saksi, "3171011001002"))
        .await;
    let bandung = s
        .client_as("koord.bandung", tugas(Peran::Koordinator, "32.73"))
        .await;
    let jaksel = s
        .client_as("koord.jaksel", tugas(Peran::Koordinator, "31.74"))
        .await;
    for (siapa, c) in [
        ("saksi of another TPS", &lain),
        ("koordinator of Bandung", &bandung),
        ("koordinator of Jakarta Selatan", &jaksel),
    ] {
        let (st, body) = halaman(c, url.clone()).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: {siapa}");
        assert!(!body.contains("77"), "{backend}: {siapa} sees no figure");
    }
    // A verifier who has yet to read this form sees neither it nor the
    // first reading (the page shows figures; readings stay blind).
    let kedua = s
        .client_as("verif.kedua", tugas(Peran::Verifier, "31.71"))
        .await;
    let (st, body) = halaman(&kedua, url.clone()).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{backend}");
    assert!(
        !body.contains("verif.pertama") && !body.contains("137"),
        "{backend}"
    );
    // Their task still names no figure, and they can still read it blind.
    let t: Value = kedua.get(&api).send().await.unwrap().json().await.unwrap();
    assert!(
        t.get("angka").is_none() && !t.to_string().contains("verif.pertama"),
        "{backend}: {t}"
    );
    // The coordinator of the area sees the state but not the readings; the
    // manager, who settles disputes, sees who read what.
    let koordinator = s
        .client_as("koord.pusat2", tugas(Peran::Koordinator, "31.71"))
        .await;
    let (st, k) = halaman(&koordinator, url.clone()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(k.contains("Dibaca 1 dari 2 verifikator."), "{backend}: {k}");
    assert!(!k.contains("verif.pertama"), "{backend}");
    assert!(
        k.contains("Bacaan verifikator hanya ditampilkan"),
        "{backend}"
    );
    let (_, m) = halaman(&s.client(), url.clone()).await;
    assert!(m.contains("verif.pertama"), "{backend}: {m}");
    assert!(
        m.contains("<strong>60</strong>"),
        "{backend}: the differing figure is marked"
    );
    // The second reading disagrees with the first: disputed. The manager
    // is taken to settle it; the coordinator is told, not linked.
    let r: Value = kedua
        .post(&api)
        .json(
            &json!({"kiriman_id": t["kiriman_id"], "suara": [77, 66], "sah": 143, "tidak_sah": 1}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["hasil"], "bermasalah", "{backend}: {r}");
    let sengketa = format!("href=\"/verifikasi/{id}/tps/{TPS}/sengketa\"");
    let (_, m) = halaman(&s.client(), url.clone()).await;
    assert!(
        m.contains("Bermasalah") && m.contains(&sengketa),
        "{backend}: {m}"
    );
    let (_, k) = halaman(&koordinator, url.clone()).await;
    assert!(
        k.contains("Bermasalah") && !k.contains(&sengketa),
        "{backend}"
    );
    // A TPS outside the election's region is not found, not shown.
    let (st, _) = halaman(
        &s.client(),
        s.url(&format!("/pemilihan/{id}/tps/3273011001003")),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{backend}");
}

per_backend!(tps_desa_results_and_saksi_home_link_the_tps_page_not_json);
async fn tps_desa_results_and_saksi_home_link_the_tps_page_not_json(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let saksi = s.client_as("saksi.rumah", tugas(Peran::Saksi, TPS)).await;
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil")))
        .json(&json!({"kunci_klien": "tps-tautan-01", "formulir": formulir(5, 6, 0)}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let ke_tps = format!("/pemilihan/{id}/tps/{TPS}");

    let (st, desa) = halaman(
        &s.client(),
        s.url(&format!("/pemilihan/{id}/hasil/31.71.01.1001")),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    let t = tautan(&desa);
    assert!(t.contains(&ke_tps), "{backend}: {t:?}");
    assert!(
        t.iter().all(|h| !h.starts_with("/api/")),
        "{backend}: {t:?}"
    );

    let (st, rumah) = halaman(&saksi, s.url("/")).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    let t = tautan(&rumah);
    assert!(t.contains(&ke_tps), "{backend}: {t:?}");
    assert!(t.iter().all(|h| !h.contains("/api/")), "{backend}: {t:?}");
    // And where the saksi's home sends them opens.
    let (st, _) = halaman(&saksi, s.url(&ke_tps)).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
}

/// Headless Chromium, where installed (CI must have it).
fn chromium() -> Option<std::path::PathBuf> {
    for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if std::path::Path::new(c).exists() {
            return Some(c.into());
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run browser tests: install Debian's chromium"
    );
    None
}

/// A real phone-sized photo (portrait, with detail to read).
fn jpeg_kamera() -> Vec<u8> {
    let img = image::RgbImage::from_fn(600, 800, |x, y| {
        let v = ((x ^ y) >> 2) as u8;
        image::Rgb([v, v.wrapping_mul(3), 255 - v])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

/// At 360 px the TPS page is no wider than the phone, in both languages;
/// foto.js gives each photo zoom, rotate and full size, and a zoomed or
/// turned photo scrolls inside its frame, never the page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tps_page_fits_a_phone_and_its_photos_zoom_and_turn() {
    use crate::cdp::Cdp;
    let Some(bin) = chromium() else { return };
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki("sqlite", &data, dir.path()).await;
    let id = dengan_saksi(
        &posko,
        dir.path(),
        &[("Siti Aminah", "0812-3456-7890", TPS)],
    )
    .await;
    let s = serve(posko, dir).await;
    let saksi = s.client_as("saksi.foto", tugas(Peran::Saksi, TPS)).await;
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/foto")))
        .body(jpeg_kamera())
        .send()
        .await
        .unwrap();
    let hash = r.json::<Value>().await.unwrap()["foto"]
        .as_str()
        .unwrap()
        .to_string();
    for (kunci, foto, alasan) in [
        ("hp-foto-01", json!([hash]), Value::Null),
        ("hp-foto-02", json!([]), Value::Null),
    ] {
        let r = saksi
            .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil")))
            .json(&json!({"kunci_klien": kunci, "foto": foto, "alasan": alasan, "formulir": formulir(150, 90, 5)}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
    }

    let work = tempfile::tempdir().unwrap();
    let mut b = Cdp::start(
        &bin,
        &work.path().join("profile"),
        &["--window-size=360,800"],
    )
    .await;
    let code = s
        .posko
        .issue_login_code(&Aktor::system(), "uji.manajer")
        .await
        .unwrap();
    b.goto(&s.url(&format!(
        "/masuk/kode/{code}?lanjut=/pemilihan/{id}/tps/{TPS}"
    )))
    .await;
    b.wait_text("Riwayat kiriman", 10).await;
    let lebar = "[document.documentElement.scrollWidth, window.innerWidth]";
    let muat = |b: &Value| (b[0].as_u64().unwrap(), b[1].as_u64().unwrap());
    let (halaman, layar) = muat(&b.eval(lebar).await);
    assert!(
        halaman <= layar,
        "page {halaman} px wide on a {layar} px phone"
    );

    // The photo gets its toolbar once loaded.
    let alat = b
        .eval(
            r#"new Promise(ok => { const t = Date.now();
                // Below the fold a lazy photo loads once scrolled to.
                document.querySelector('figure.foto-periksa').scrollIntoView();
                (function tunggu() {
                const f = document.querySelector('figure.foto-periksa.foto-siap');
                const img = f && f.querySelector('img');
                if (img && img.complete && img.naturalWidth) return ok([...f.querySelectorAll('.foto-alat button, .foto-alat a')].map(x => x.title || x.textContent));
                if (Date.now() - t > 8000) return ok([!!f, img && img.complete, img && img.naturalWidth]);
                setTimeout(tunggu, 100); })(); })"#,
        )
        .await;
    assert_eq!(
        alat,
        json!(["Perkecil", "Perbesar", "Putar 90°", "⤢ Buka ukuran penuh"]),
        "the toolbar, worded from the catalogue"
    );
    // Zoom in twice: wider than the frame, which scrolls; the page does not.
    let z = b
        .eval(
            r#"(() => { const f = document.querySelector('figure.foto-periksa');
                const [kecil, besar, putar] = f.querySelectorAll('.foto-alat button');
                besar.click(); besar.click();
                const img = f.querySelector('img'), bingkai = f.querySelector('.foto-bingkai');
                return [img.style.width, bingkai.scrollWidth > bingkai.clientWidth, img.getAttribute('src').includes('ukuran'), kecil.disabled]; })()"#,
        )
        .await;
    assert_eq!(
        z,
        json!(["200%", true, false, false]),
        "zoomed to the full-size photo"
    );
    let (halaman, layar) = muat(&b.eval(lebar).await);
    assert!(halaman <= layar, "zoomed: page {halaman} px on {layar} px");
    // Turn it a quarter, then tap to go back to the whole photo.
    let t = b
        .eval(
            r#"(() => { const f = document.querySelector('figure.foto-periksa');
                f.querySelectorAll('.foto-alat button')[2].click();
                const img = f.querySelector('img'); const putar = img.style.transform;
                img.click(); return [putar, img.style.transform, f.classList.contains('foto-besar')]; })()"#,
        )
        .await;
    assert_eq!(
        t,
        json!([
            "rotate(90deg) translateY(-100%)",
            "rotate(90deg) translateY(-100%)",
            false
        ]),
        "turned, then a tap zooms back out"
    );
    let (halaman, layar) = muat(&b.eval(lebar).await);
    assert!(halaman <= layar, "turned: page {halaman} px on {layar} px");
    // The full-size link opens the original.
    let href = b
        .eval("document.querySelector('.foto-alat a').getAttribute('href')")
        .await;
    assert!(
        href.as_str().unwrap().ends_with(&format!("/foto/{hash}")),
        "{href}"
    );

    // English, same width.
    b.goto(&s.url(&format!("/pemilihan/{id}/tps/{TPS}?bahasa=en")))
        .await;
    b.wait_text("Submission history", 10).await;
    let (halaman, layar) = muat(&b.eval(lebar).await);
    assert!(halaman <= layar, "English: page {halaman} px on {layar} px");
    if let Some(keluar) = std::env::var_os("POSKO_TANGKAPAN") {
        // For a person to look at: POSKO_TANGKAPAN=/some/dir.
        let shot = b
            .call(
                "Page.captureScreenshot",
                json!({"format": "png", "captureBeyondViewport": true}),
            )
            .await;
        use base64::Engine as _;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::write(std::path::Path::new(&keluar).join("tps-360-en.png"), png).unwrap();
    }
}
