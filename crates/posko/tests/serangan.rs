//! Attacks from inside and outside, each reproduced through the real HTTP
//! server on every backend (issue 17): what a koordinator, a saksi, a
//! verifier, a view-only account or a cross-site page could do before, and
//! what Posko answers now. Sign-in races and gateways are in
//! `serangan_masuk.rs`; hostile files in `serangan_berkas.rs`.

use crate::common;

use common::{TestServer, client_with, pemilihan_gubernur, serve, shared_data, store_dki};
use posko_app::{Aktor, Posko};
use posko_domain::{Cakupan, KodeTps, Penugasan, Peran};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

fn tugas(peran: Peran, cakupan: &str) -> Vec<Penugasan> {
    vec![Penugasan::new(peran, Cakupan::parse(cakupan).unwrap()).unwrap()]
}

/// A photo's bytes as `periksa_foto` accepts them (a JPEG header), made
/// different by `n` so each is its own piece of evidence.
fn foto(n: u8) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0];
    v.extend_from_slice(&[n; 2048]);
    v
}

fn formulir(p1: u32, p2: u32, tidak_sah: u32) -> Value {
    json!({
        "suara_paslon": [p1, p2],
        "suara_sah": p1 + p2,
        "suara_tidak_sah": tidak_sah,
        "suara_total": p1 + p2 + tidak_sah,
    })
}

/// DKI's regions and TPS and a two-paslon election over DKI, served.
async fn siapkan(backend: &str, data: &std::path::Path) -> (TestServer, Uuid) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, data, dir.path()).await;
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    (serve(posko, dir).await, id)
}

async fn unggah(s: &TestServer, c: &reqwest::Client, id: Uuid, tps: &str, n: u8) -> String {
    let r = c
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps}/foto")))
        .body(foto(n))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    r.json::<Value>().await.unwrap()["foto"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn kirim(
    s: &TestServer,
    c: &reqwest::Client,
    id: Uuid,
    tps: &str,
    isi: Value,
) -> reqwest::Response {
    c.post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps}/hasil")))
        .json(&isi)
        .send()
        .await
        .unwrap()
}

async fn akun(posko: &Posko, username: &str) -> posko_storage::Pengguna {
    posko.store().cari_login(username).await.unwrap().unwrap().0
}

/// Signs in with a one-time code from a browser whose id cookie is
/// `peramban` (None: a fresh browser); returns the session cookie.
async fn masuk_dengan_kode(s: &TestServer, kode: &str, peramban: Option<&str>) -> String {
    let mut h = reqwest::header::HeaderMap::new();
    if let Some(p) = peramban {
        h.insert(
            reqwest::header::COOKIE,
            format!("posko_peramban={p}").parse().unwrap(),
        );
    }
    let r = common::client()
        .get(s.url(&format!("/masuk/kode/{kode}")))
        .headers(h)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let sesi = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("posko_sesi="))
        .expect("a session cookie");
    let sesi = sesi.split(';').next().unwrap().to_string();
    match peramban {
        Some(p) => format!("{sesi}; posko_peramban={p}"),
        None => sesi,
    }
}

/// A client for a session opened by a code, sending the session's CSRF
/// token (read off a page, as Posko's own script does) with API calls.
async fn klien_sesi(s: &TestServer, cookie: &str) -> reqwest::Client {
    let html = common::client_tanpa_csrf(cookie)
        .get(s.url("/akun"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = common::nilai_input(&html, "csrf");
    let mut h = reqwest::header::HeaderMap::new();
    h.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    h.insert("x-csrf-token", csrf.parse().unwrap());
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(h)
        .build()
        .unwrap()
}

/// A client for a session cookie that posts JSON from Posko's own origin,
/// as the page's script does (no CSRF header needed then).
fn klien_asal(s: &TestServer, cookie: &str) -> reqwest::Client {
    let mut h = reqwest::header::HeaderMap::new();
    h.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    h.insert(
        reqwest::header::ORIGIN,
        format!("http://{}", s.addr).parse().unwrap(),
    );
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(h)
        .build()
        .unwrap()
}

async fn status_tps(posko: &Posko, id: Uuid, tps: &str) -> String {
    posko
        .ambil_hasil_tps(id, KodeTps::parse(tps).unwrap())
        .await
        .unwrap()
        .map(|h| h.status.slug().to_string())
        .unwrap_or_default()
}

// ------------------------------------------------------------ item 2

per_backend!(a_koordinator_cannot_issue_codes_for_verifiers_or_peers);
/// The attack as reported: a koordinator sends a made-up result with a
/// photo, issues sign-in codes to two verifiers (and a fellow
/// koordinator), signs in as them and reads the form twice. Now no code is
/// issued for an account they could not grant, and the form stays
/// unverified.
async fn a_koordinator_cannot_issue_codes_for_verifiers_or_peers(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let (s, id) = siapkan(backend, &data).await;
    let k = s
        .client_as("koord.pusat", tugas(Peran::Koordinator, "31.71"))
        .await;
    for (u, t) in [
        ("verif.satu", tugas(Peran::Verifier, "31.71")),
        ("verif.dua", tugas(Peran::Verifier, "31.71.01")),
        ("koord.rekan", tugas(Peran::Koordinator, "31.71")),
        ("auditor.pusat", tugas(Peran::Auditor, "31.71")),
        ("saksi.gambir", tugas(Peran::Saksi, "3171011001001")),
        ("koord.gambir", tugas(Peran::Koordinator, "31.71.01")),
    ] {
        common::sign_in(&s.posko, u, t).await;
    }
    let hash = unggah(&s, &k, id, "3171011001001", 1).await;
    let r = kirim(
        &s,
        &k,
        id,
        "3171011001001",
        json!({"kunci_klien": "palsu-000001", "foto": [hash], "formulir": formulir(10, 500, 20)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let csrf = common::nilai_input(
        &k.get(s.url("/pengguna"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "csrf",
    );
    let kode_untuk = |akun: &'static str| {
        let (k, s, csrf) = (k.clone(), s.url("/pengguna/kode"), csrf.clone());
        async move {
            k.post(s)
                .form(&[("csrf", csrf.as_str()), ("akun", akun)])
                .send()
                .await
                .unwrap()
        }
    };
    for sasaran in [
        "verif.satu",
        "verif.dua",
        "koord.rekan",
        "auditor.pusat",
        "uji.manajer",
        "saksi.gambir verif.satu",
    ] {
        let r = kode_untuk(sasaran).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}: {sasaran}");
        let body = r.text().await.unwrap();
        assert!(
            !body.contains("/masuk/kode/"),
            "{backend}: {sasaran}: {body}"
        );
    }
    // What a koordinator may grant, they may still manage.
    for sasaran in ["saksi.gambir", "koord.gambir"] {
        let r = kode_untuk(sasaran).await;
        assert_eq!(r.status(), StatusCode::OK, "{backend}: {sasaran}");
    }
    // Ending sessions follows the same rule.
    let r = k
        .post(s.url("/pengguna/keluar-semua"))
        .form(&[("csrf", csrf.as_str()), ("username", "verif.satu")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    // No code was ever issued for a verifier.
    let v = akun(&s.posko, "verif.satu").await;
    let riwayat = s.posko.riwayat_akun(&v, 100).await.unwrap();
    assert!(
        riwayat.iter().all(|r| r.aksi != "kode_masuk.buat"),
        "{backend}: {riwayat:?}"
    );
    assert_eq!(status_tps(&s.posko, id, "3171011001001").await, "masuk");
}

per_backend!(a_verifier_cannot_read_a_form_sent_from_an_account_they_signed_in_as);
/// Someone who may hand out codes (a manager) signs in as a saksi and as a
/// verifier: the verifier cannot read a form sent from an account the same
/// person acted as, whether the link is the browser or the code itself;
/// and every code issued shows on the account's own page.
async fn a_verifier_cannot_read_a_form_sent_from_an_account_they_signed_in_as(
    backend: &'static str,
) {
    let Some(data) = shared_data() else { return };
    let (s, id) = siapkan(backend, &data).await;
    for (u, t) in [
        ("saksi.satu", tugas(Peran::Saksi, "3171011001001")),
        ("saksi.dua", tugas(Peran::Saksi, "3171011001002")),
        ("verif.satu", tugas(Peran::Verifier, "31.71")),
        ("verif.dua", tugas(Peran::Verifier, "31.71")),
    ] {
        common::sign_in(&s.posko, u, t).await;
    }
    let manajer = Aktor::pengguna(&akun(&s.posko, "uji.manajer").await);
    let kode = |u: &'static str| {
        let (posko, manajer) = (s.posko.clone(), manajer.clone());
        async move { posko.issue_login_code(&manajer, u).await.unwrap() }
    };
    let peramban = "0123456789abcdef0123456789abcdef";

    // 1. Same browser: the saksi's form and the verifier's session.
    let saksi = masuk_dengan_kode(&s, &kode("saksi.satu").await, Some(peramban)).await;
    let saksi = klien_sesi(&s, &saksi).await;
    let hash = unggah(&s, &saksi, id, "3171011001001", 2).await;
    let r = kirim(
        &s,
        &saksi,
        id,
        "3171011001001",
        json!({"kunci_klien": "sama-peramban", "foto": [hash], "formulir": formulir(100, 120, 3)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let v1 = masuk_dengan_kode(&s, &kode("verif.satu").await, Some(peramban)).await;
    let v1 = client_with(&v1);
    let r = v1
        .get(s.url(&format!("/verifikasi/{id}/tps/3171011001001")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}: same browser");
    let antrean = v1
        .get(s.url(&format!("/verifikasi/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !antrean.contains("3171011001001"),
        "{backend}: not in the queue either"
    );

    // 2. The code itself: the manager sends a form, then signs in (in
    // a fresh browser) as a verifier with a code they issued.
    let hash = unggah(&s, &s.client(), id, "3171011001002", 3).await;
    let r = kirim(
        &s,
        &s.client(),
        id,
        "3171011001002",
        json!({"kunci_klien": "dari-manajer", "foto": [hash], "formulir": formulir(50, 60, 1)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let v2 = client_with(&masuk_dengan_kode(&s, &kode("verif.dua").await, None).await);
    let r = v2
        .get(s.url(&format!("/verifikasi/{id}/tps/3171011001002")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}: code link");
    // A verifier with no link to the sender may read it.
    let v3 = s
        .client_as("verif.tiga", tugas(Peran::Verifier, "31.71"))
        .await;
    let r = v3
        .get(s.url(&format!("/verifikasi/{id}/tps/3171011001002")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");

    // 3. Every code issued is on the account's own page, and on the
    // manager's view of it, naming who issued it.
    let halaman = v2
        .get(s.url("/akun"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        halaman.contains("Kode masuk sekali pakai diterbitkan") && halaman.contains("uji.manajer"),
        "{backend}: {halaman}"
    );
    let halaman = s
        .client()
        .get(s.url("/pengguna/akun/verif.dua"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        halaman.contains("Kode masuk sekali pakai diterbitkan") && halaman.contains("uji.manajer"),
        "{backend}: {halaman}"
    );
}

// ------------------------------------------------------------ item 3

per_backend!(client_keys_and_photo_hashes_do_not_cross_tps);
/// A saksi who sends another TPS's client key gets a submission of their
/// own, never the other's figures or photos; and a photo hash learned
/// elsewhere cannot be attached to one's own TPS to read it there.
async fn client_keys_and_photo_hashes_do_not_cross_tps(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let (s, id) = siapkan(backend, &data).await;
    let a = s
        .client_as("saksi.a", tugas(Peran::Saksi, "3171011001001"))
        .await;
    let b = s
        .client_as("saksi.b", tugas(Peran::Saksi, "3171011001002"))
        .await;
    let hash_b = unggah(&s, &b, id, "3171011001002", 4).await;
    let r = kirim(
        &s,
        &b,
        id,
        "3171011001002",
        json!({"kunci_klien": "kunci-rahasia-b", "foto": [hash_b], "alasan": "rahasia B", "formulir": formulir(321, 123, 9)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");

    let r = kirim(
        &s,
        &a,
        id,
        "3171011001001",
        json!({"kunci_klien": "kunci-rahasia-b", "formulir": formulir(1, 2, 0)}),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{backend}: a new submission"
    );
    let body = r.text().await.unwrap();
    // B's figures as JSON writes them: a bare "321" also turns up inside
    // random ids now and then.
    for rahasia in ["[321,", "rahasia B", hash_b.as_str(), "saksi.b"] {
        assert!(!body.contains(rahasia), "{backend}: {rahasia} in {body}");
    }
    // Attaching B's photo to A's TPS: refused like an unknown photo.
    let r = kirim(
        &s,
        &a,
        id,
        "3171011001001",
        json!({"kunci_klien": "curi-foto-b", "foto": [hash_b], "formulir": formulir(1, 2, 0)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let r = a
        .get(s.url(&format!("/pemilihan/{id}/tps/3171011001001/foto/{hash_b}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    // A's own photo, and a re-send of A's own key, still work.
    let hash_a = unggah(&s, &a, id, "3171011001001", 5).await;
    let r = kirim(
        &s,
        &a,
        id,
        "3171011001001",
        json!({"kunci_klien": "kunci-rahasia-b", "formulir": formulir(1, 2, 0)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK, "{backend}: a resend");
    let r = kirim(
        &s,
        &a,
        id,
        "3171011001001",
        json!({"kunci_klien": "dengan-foto-a", "foto": [hash_a], "alasan": "foto", "formulir": formulir(1, 2, 0)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
}

// ------------------------------------------------------------ items 7, 8

per_backend!(view_only_roles_and_verifiers_see_no_figures_their_pages_hide);
/// A view-only role sees on the war room only what its own pages show;
/// the quick count's sample is secret to whoever may not see the quick
/// count; a verifier sees no figures by any route.
async fn view_only_roles_and_verifiers_see_no_figures_their_pages_hide(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let (s, id) = siapkan(backend, &data).await;
    let saksi = s
        .client_as("saksi.x", tugas(Peran::Saksi, "3171011001001"))
        .await;
    let r = kirim(
        &s,
        &saksi,
        id,
        "3171011001001",
        json!({"kunci_klien": "media-uji-01", "formulir": formulir(70, 30, 2)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    for (who, roles) in [
        ("media.pusat", tugas(Peran::Media, "31.71")),
        ("media.semua", tugas(Peran::Media, "semua")),
        ("bendahara.semua", tugas(Peran::Bendahara, "semua")),
    ] {
        let c = s.client_as(who, roles).await;
        let get = |path: String| {
            let c = c.clone();
            let url = s.url(&path);
            async move { c.get(url).send().await.unwrap() }
        };
        for page in [
            "/target/31.71".to_string(),
            "/wilayah/31.71/saksi".to_string(),
            format!("/pemilihan/{id}/hitung-cepat"),
        ] {
            assert_eq!(
                get(page.clone()).await.status(),
                StatusCode::FORBIDDEN,
                "{backend} {who} {page}"
            );
        }
        for warna in ["target", "pendukung", "saksi", "sampel"] {
            for path in [
                format!("/pemilihan/{id}/ruang/31.71/peta.xlsx?warna={warna}"),
                format!("/pemilihan/{id}/ruang/31.71/peta.svg?warna={warna}"),
                format!("/pemilihan/{id}/ruang/31.71/laporan.pdf?warna={warna}"),
                format!("/pemilihan/{id}/ruang/31.71?warna={warna}"),
                format!("/wilayah/31.71/peta.svg?warna={warna}&pemilihan={id}"),
            ] {
                let r = get(path.clone()).await;
                assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {who} {path}");
            }
        }
        // The real count is theirs to see, and the page offers only
        // the colourings they may open.
        let r = get(format!("/pemilihan/{id}/ruang/31.71")).await;
        assert_eq!(r.status(), StatusCode::OK, "{backend} {who}");
        let html = r.text().await.unwrap();
        for warna in [
            "warna=target",
            "warna=pendukung",
            "warna=saksi",
            "warna=sampel",
        ] {
            assert!(!html.contains(warna), "{backend} {who}: {warna} offered");
        }
        let r = get(format!("/pemilihan/{id}/ruang/31.71/peta.xlsx")).await;
        assert_eq!(r.status(), StatusCode::OK, "{backend} {who}");
    }

    // A verifier: no figures by any route, the form's photos yes.
    let v = s
        .client_as("verif.buta", tugas(Peran::Verifier, "31.71"))
        .await;
    for path in [
        format!("/api/v1/pemilihan/{id}/tps/3171011001001/hasil"),
        format!("/api/v1/pemilihan/{id}/rekap/31.71.01.1001"),
        format!("/pemilihan/{id}/hasil/31.71.01.1001"),
        format!("/pemilihan/{id}/hasil/31.71.01.1001/xlsx"),
        format!("/pemilihan/{id}/hasil/31.71/langsung"),
        format!("/pemilihan/{id}/ruang/31.71"),
        format!("/pemilihan/{id}/ruang/31.71/peta.xlsx"),
        format!("/pemilihan/{id}/selisih/31.71"),
        format!("/wilayah/31.71/peta.svg?warna=pemimpin&pemilihan={id}"),
    ] {
        let r = v.get(s.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {path}");
    }
    let r = v
        .get(s.url(&format!("/pemilihan/{id}/hasil")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
}

// ------------------------------------------------------------ item 9

per_backend!(the_json_api_refuses_cross_site_posts_under_a_cookie);
/// A cross-site page can make a signed-in browser post `text/plain` (or a
/// form) to the JSON API with its cookie; that is refused. JSON from
/// Posko's own origin, a CSRF header, or a bearer token pass.
async fn the_json_api_refuses_cross_site_posts_under_a_cookie(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let (s, id) = siapkan(backend, &data).await;
    let cookie =
        common::sign_in(&s.posko, "saksi.csrf", tugas(Peran::Saksi, "3171011001001")).await;
    let url = s.url(&format!("/api/v1/pemilihan/{id}/tps/3171011001001/hasil"));
    let isi =
        |kunci: &str| json!({"kunci_klien": kunci, "formulir": formulir(5, 6, 0)}).to_string();
    let tanpa = common::client_tanpa_csrf(&cookie);
    for (jenis, asal) in [
        ("text/plain", None),
        ("text/plain", Some("http://evil.example")),
        ("application/json", Some("http://evil.example")),
        ("application/json", None),
        (
            "application/x-www-form-urlencoded",
            Some("http://evil.example"),
        ),
    ] {
        let mut r = tanpa
            .post(&url)
            .header("content-type", jenis)
            .body(isi("lintas-situs-1"));
        if let Some(a) = asal {
            r = r.header("origin", a);
        }
        let r = r.send().await.unwrap();
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "{backend}: {jenis} from {asal:?}"
        );
    }
    // The photo upload too (it is not JSON at all).
    let r = tanpa
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/3171011001001/foto")))
        .header("origin", "http://evil.example")
        .body(foto(6))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert!(
        s.posko
            .riwayat_hasil(id, KodeTps::parse("3171011001001").unwrap())
            .await
            .unwrap()
            .is_empty(),
        "{backend}: nothing stored"
    );
    // Posko's own page: JSON with its own Origin.
    let r = klien_asal(&s, &cookie)
        .post(&url)
        .header("content-type", "application/json")
        .body(isi("asal-sendiri-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    // The CSRF header, whatever the body type.
    let r = client_with(&cookie)
        .post(&url)
        .header("content-type", "text/plain")
        .body(isi("dengan-csrf-01"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    // A bearer token carries no cookie and needs neither.
    let (_, token) = s
        .posko
        .issue_token(
            &Aktor::system(),
            "gerbang-uji",
            Penugasan::new(Peran::Saksi, Cakupan::parse("3171011001001").unwrap()).unwrap(),
        )
        .await
        .unwrap();
    let r = common::client()
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(isi("token-bearer-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
}

// ------------------------------------------------------------ item 10

per_backend!(routes_fail_closed_when_the_object_cannot_be_checked);
/// A path naming an election that does not exist is a 404 before any
/// handler runs, and a database that cannot answer is a 500: the request
/// never runs without its permission check.
async fn routes_fail_closed_when_the_object_cannot_be_checked(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let (s, id) = siapkan(backend, &data).await;
    // A koordinator has no verification permission anywhere.
    let k = s
        .client_as("koord.tutup", tugas(Peran::Koordinator, "31.71"))
        .await;
    let hilang = Uuid::now_v7();
    for path in [
        format!("/verifikasi/{hilang}"),
        format!("/pemilihan/{hilang}/hasil"),
        "/verifikasi/bukan-id".to_string(),
        "/api/v1/pemilihan/bukan-id".to_string(),
    ] {
        let r = k.get(s.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend} {path}");
    }
    assert_eq!(
        k.get(s.url(&format!("/verifikasi/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN,
        "{backend}"
    );
    if backend == "sqlite" {
        // The election table goes missing behind Posko's back: the
        // check cannot be made, so nothing runs.
        let db = s.dir.path().join("posko.db");
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("ALTER TABLE pemilihan RENAME TO pemilihan_hilang")
            .unwrap();
        let lain = Uuid::now_v7();
        let r = k
            .get(s.url(&format!("/verifikasi/{lain}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR, "{backend}");
        c.execute_batch("ALTER TABLE pemilihan_hilang RENAME TO pemilihan")
            .unwrap();
    }
}

// ------------------------------------------------------------ item 11

per_backend!(live_streams_end_when_their_viewer_is_revoked);
/// An open live-results stream ends within 30 s of its session ending,
/// its token being revoked, or its account being disabled.
async fn live_streams_end_when_their_viewer_is_revoked(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let (s, id) = siapkan(backend, &data).await;
    let url = s.url(&format!("/pemilihan/{id}/hasil/31.71/langsung"));
    let sesi = s
        .client_as("koord.sesi", tugas(Peran::Koordinator, "31.71"))
        .await;
    let nonaktif = s
        .client_as("koord.nonaktif", tugas(Peran::Koordinator, "31.71"))
        .await;
    let (token, rahasia) = s
        .posko
        .issue_token(
            &Aktor::system(),
            "dasbor",
            Penugasan::new(Peran::Koordinator, Cakupan::parse("31.71").unwrap()).unwrap(),
        )
        .await
        .unwrap();
    let buka = |r: reqwest::RequestBuilder| async move {
        let r = r.send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        r
    };
    let streams = [
        buka(sesi.get(&url)).await,
        buka(nonaktif.get(&url)).await,
        buka(common::client().get(&url).bearer_auth(&rahasia)).await,
    ];
    let mulai = std::time::Instant::now();
    s.posko
        .sign_out_everywhere(&Aktor::system(), "koord.sesi")
        .await
        .unwrap();
    s.posko
        .set_pengguna_aktif(&Aktor::system(), "koord.nonaktif", false)
        .await
        .unwrap();
    s.posko
        .cabut_token(&Aktor::system(), token.id)
        .await
        .unwrap();
    for (i, mut r) in streams.into_iter().enumerate() {
        let habis = tokio::time::timeout(std::time::Duration::from_secs(30), async {
            while r.chunk().await.unwrap_or(None).is_some() {}
        })
        .await;
        assert!(habis.is_ok(), "{backend}: stream {i} still open after 30 s");
    }
    eprintln!(
        "{backend}: streams ended {:?} after revocation",
        mulai.elapsed()
    );
}

per_backend!(smaller_leaks_are_closed);
/// Smaller holes, each closed: a one-TPS relawan's duplicate review, the
/// walk list's page in the audit log, words from the URL in a banner.
async fn smaller_leaks_are_closed(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let (s, _) = siapkan(backend, &data).await;
    // Two similar supporters in one desa, at two TPS.
    let m = akun(&s.posko, "uji.manajer").await;
    s.posko
        .tambah_relawan(&m, "Manajer", Cakupan::parse("31.71").unwrap(), Some(m.id))
        .await
        .unwrap();
    let m = akun(&s.posko, "uji.manajer").await;
    for (nama, tps) in [
        ("Siti Aminah", "3171011001001"),
        ("Siti Aminan", "3171011001002"),
    ] {
        let isian = posko_domain::IsianPendukung {
            nama,
            nik: "",
            telepon: "",
            alamat: "Jl. Kenari 3",
            domisili: tps,
            tanggal_lahir: "1990-08-25",
            dukungan: "kuat",
            sumber: "kunjungan",
        };
        s.posko
            .catat_pendukung(&m, &isian, &["survei"])
            .await
            .unwrap();
    }
    let desa = s
        .client_as("relawan.desa", tugas(Peran::Relawan, "31.71.01.1001"))
        .await;
    let satu = s
        .client_as("relawan.tps", tugas(Peran::Relawan, "3171011001001"))
        .await;
    let ragu = |c: reqwest::Client| {
        let url = s.url("/pendukung/ragu");
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let semua = ragu(desa).await;
    assert!(semua.contains("Siti Aminan"), "{backend}: {semua}");
    let sendiri = ragu(satu.clone()).await;
    assert!(!sendiri.contains("Siti Aminan"), "{backend}: {sendiri}");

    // Opening a walk list (it names voters) is logged, as printing is.
    let r = satu
        .get(s.url("/jalan/3171011001001"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let log = s
        .posko
        .store()
        .cari_audit(None, Some("kunjungan.lihat"), None, 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1, "{backend}");

    // Words from a link never become Posko's banner.
    for (path, kata) in [
        (
            "/pengguna?diakhiri=3&akun=HUBUNGI-0812-9999",
            "HUBUNGI-0812-9999",
        ),
        (
            "/wilayah/31.71/saksi?utama=telepon-0812-9999",
            "telepon-0812-9999",
        ),
        ("/akun?selesai=9871", "9871"),
    ] {
        let html = s
            .client()
            .get(s.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!html.contains(kata), "{backend}: {path}");
    }
}

/// The database, its WAL and the photo folder are readable by Posko's own
/// OS account only, from their first byte.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_and_photo_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("posko.db");
    let store = posko_sqlite::SqliteStore::open(&db).await.unwrap();
    let foto_dir = dir.path().join("posko.foto");
    let posko = Posko::new(
        std::sync::Arc::new(store),
        std::sync::Arc::new(posko_app::Brankas::generate()),
    )
    .with_foto(std::sync::Arc::new(
        posko_app::FotoLokal::siapkan(&foto_dir).unwrap(),
    ));
    let (p, _) = posko
        .add_pengguna(
            &Aktor::system(),
            posko_app::NewPengguna {
                username: "saksi.berkas".into(),
                nama: "Saksi".into(),
                password: None,
                penugasan: tugas(Peran::Saksi, "3171011001001"),
                telepon: None,
            },
        )
        .await
        .unwrap();
    let hash = posko.simpan_foto(&p, &foto(7)).await.unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&dir.path().join("posko.db-wal")), 0o600);
    assert_eq!(mode(&foto_dir), 0o700);
    assert_eq!(mode(&foto_dir.join(&hash[..2])), 0o700);
    assert_eq!(
        mode(&foto_dir.join(&hash[..2]).join(format!("{hash}.foto"))),
        0o600
    );
    // A folder an older version left open is closed at start.
    std::fs::set_permissions(&foto_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    posko_app::FotoLokal::siapkan(&foto_dir).unwrap();
    assert_eq!(mode(&foto_dir), 0o700);
}
