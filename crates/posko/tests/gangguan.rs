//! Outages say so. The server reaches PostgreSQL through a TCP proxy the
//! test holds; cutting it is a database that cannot be reached (every
//! open connection dropped, every new one closed at once), without
//! touching the shared PostgreSQL server. While it is cut a signed-in
//! person gets 503 with `Retry-After` (JSON under `/api/`, a page
//! elsewhere), never 401 or a sign-in redirect; a saksi's form stays
//! queued on the phone and arrives once, when the database is back.

use std::path::Path;
use std::sync::Arc;

use posko_app::{Aktor, Brankas, ImportRequest, Posko};
use posko_domain::{Cakupan, KodeTps, KodeWilayah, Penugasan, Peran};
use posko_postgres::PostgresStore;
use reqwest::StatusCode;

use crate::cdp::Cdp;
use crate::common::proksi::{Proksi, lewat};
use crate::common::{self, TestServer};

const TPS: &str = "3171011001001";

/// A Posko on a schema of its own reached through a proxy, holding Gambir
/// (31.71.01) and its TPS, a two-paslon election over DKI, and a saksi of
/// [`TPS`]; served on 127.0.0.1:0.
async fn siapkan(data: &Path) -> (TestServer, Proksi, uuid::Uuid) {
    let url = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
    let (_, hulu) = lewat(&url, "127.0.0.1:1".parse().unwrap()).await;
    let proksi = Proksi::mulai(hulu).await;
    let (url_proksi, _) = lewat(&url, proksi.addr).await;
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    let store = PostgresStore::connect_in_schema(&url_proksi, Some(&schema))
        .await
        .unwrap();
    common::drop_after_test(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    let posko = Posko::new(Arc::new(store), Arc::new(Brankas::generate()));
    let dir = tempfile::tempdir().unwrap();
    // Gambir's regions and TPS only, cut from the real files.
    let wilayah = std::fs::read_to_string(data.join("wilayah/wilayah.csv")).unwrap();
    let mut w = String::new();
    for (i, l) in wilayah.lines().enumerate() {
        let kode = l.split(',').next().unwrap_or_default();
        if i == 0 || ["31", "31.71", "31.71.01"].contains(&kode) || kode.starts_with("31.71.01.") {
            w.push_str(l);
            w.push('\n');
        }
    }
    let tps =
        std::fs::read_to_string(data.join("tps/pilkada_dki2017_putaran1_dpt_tps.csv")).unwrap();
    let mut t = String::new();
    for (i, l) in tps.lines().enumerate() {
        if i == 0 || l.starts_with("31.71.01.") {
            t.push_str(l);
            t.push('\n');
        }
    }
    let (fw, ft) = (dir.path().join("wilayah.csv"), dir.path().join("tps.csv"));
    std::fs::write(&fw, w).unwrap();
    std::fs::write(&ft, t).unwrap();
    let r = posko
        .import_wilayah(&Aktor::system(), &fw, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let r = posko
        .import_tps(&Aktor::system(), &ft, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = common::serve(posko, dir).await;
    (s, proksi, id)
}

fn saksi() -> Vec<Penugasan> {
    vec![Penugasan::new(Peran::Saksi, Cakupan::parse(TPS).unwrap()).unwrap()]
}

fn retry_after(r: &reqwest::Response) -> u64 {
    r.headers()
        .get("retry-after")
        .unwrap_or_else(|| panic!("{} without Retry-After", r.status()))
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

fn jenis(r: &reqwest::Response) -> String {
    r.headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// A signed-in person during an outage: the API answers 503 JSON, pages
/// and the saksi's form post a 503 page, each with Retry-After; never 401
/// or a redirect to sign in. Back to normal once the database returns.
#[test]
fn an_outage_answers_503_with_retry_after_never_401() {
    crate::common::run_async("postgres", 2, |_| async {
        let Some(data) = common::shared_data() else {
            return;
        };
        let (s, proksi, id) = siapkan(&data).await;
        let cookie_saksi = common::sign_in(&s.posko, "saksi.gambir", saksi()).await;
        let saksi = common::client_with(&cookie_saksi);
        let form = saksi
            .get(s.url(&format!("/pemilihan/{id}/tps/{TPS}/kirim")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let csrf = common::nilai_input(&form, "csrf");
        let api = s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil"));
        let manajer = s.client();
        assert_eq!(
            manajer.get(&api).send().await.unwrap().status(),
            StatusCode::OK
        );

        proksi.putus();
        let r = manajer.get(&api).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(retry_after(&r) >= 1);
        assert!(jenis(&r).starts_with("application/json"), "{}", jenis(&r));
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(
            body["error"]
                .as_str()
                .unwrap()
                .contains("tidak dapat menjangkau basis data"),
            "{body}"
        );
        // A state change through the API: the same.
        let r = manajer
            .post(&api)
            .json(&serde_json::json!({"kunci_klien": "gangguan-1", "formulir": {"suara_paslon": [1, 2]}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(jenis(&r).starts_with("application/json"));
        // A page: an HTML page saying so, in the reader's language.
        for (bahasa, teks) in [
            ("id", "tidak dapat menjangkau basis datanya"),
            ("en", "cannot reach its database"),
        ] {
            let r = manajer
                .get(s.url(&format!("/wilayah?bahasa={bahasa}")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "{bahasa}");
            assert!(retry_after(&r) >= 1);
            assert!(jenis(&r).starts_with("text/html"), "{}", jenis(&r));
            let html = r.text().await.unwrap();
            assert!(html.contains(teks), "{bahasa}: {html}");
            assert!(!html.contains("name=\"password\""), "{html}");
        }
        // The saksi's form, posted as a phone without script would: 503,
        // not the sign-in redirect that lost results.
        let kirim = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("kunci_klien", "gangguan-form-1")
            .text("suara_paslon.0", "120")
            .text("suara_paslon.1", "98");
        let r = saksi
            .post(s.url(&format!("/pemilihan/{id}/tps/{TPS}/kirim")))
            .header("origin", s.url(""))
            .multipart(kirim)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(r.headers().get("location").is_none());
        assert!(retry_after(&r) >= 1);

        // Back: the pool reconnects by itself.
        proksi.sambung();
        let until = std::time::Instant::now() + std::time::Duration::from_secs(15);
        loop {
            let st = manajer.get(&api).send().await.unwrap().status();
            if st == StatusCode::OK {
                break;
            }
            assert_eq!(st, StatusCode::SERVICE_UNAVAILABLE);
            assert!(std::time::Instant::now() < until, "never came back");
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        // Nothing was stored while it was down.
        let tps = KodeTps::parse(TPS).unwrap();
        assert!(s.posko.riwayat_hasil(id, tps).await.unwrap().is_empty());
    });
}

fn chromium() -> Option<std::path::PathBuf> {
    for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(c).exists() {
            return Some(c.into());
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run browser tests: install Debian's chromium"
    );
    eprintln!("SKIPPED browser tests: chromium not found");
    None
}

/// Waits (up to `secs`) until `js` evaluates to `want`.
async fn tunggu_nilai(b: &mut Cdp, js: &str, want: serde_json::Value, secs: u64) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        let v = b.try_eval(js).await.unwrap_or_default();
        if v == want {
            return;
        }
        assert!(
            std::time::Instant::now() < until,
            "{js} stayed {v}, never {want}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

const ANTREAN: &str = r#"new Promise((ok) => {
    const r = indexedDB.open('posko-antrean', 1);
    r.onsuccess = () => {
        const q = r.result.transaction('kiriman', 'readonly').objectStore('kiriman').count();
        q.onsuccess = () => ok(q.result);
        q.onerror = () => ok(-1);
    };
    r.onerror = () => ok(-1);
})"#;

/// The saksi sends a C.Hasil while the database is down: the page says it
/// is kept on the phone (not a sign-in page), and once the database is
/// back it arrives by itself, exactly once.
#[test]
fn a_form_sent_during_an_outage_arrives_once_when_the_database_returns() {
    crate::common::run_async("postgres", 2, |_| async {
        let Some(bin) = chromium() else { return };
        let Some(data) = common::shared_data() else {
            return;
        };
        let (s, proksi, id) = siapkan(&data).await;
        common::sign_in(&s.posko, "saksi.gambir", saksi()).await;
        let work = tempfile::tempdir().unwrap();
        let mut b = Cdp::start(
            &bin,
            &work.path().join("profile"),
            &["--window-size=360,800"],
        )
        .await;
        let code = s
            .posko
            .issue_login_code(&Aktor::system(), "saksi.gambir")
            .await
            .unwrap();
        b.goto(&s.url(&format!(
            "/masuk/kode/{code}?lanjut=/pemilihan/{id}/tps/{TPS}/kirim"
        )))
        .await;
        b.wait_text("C.Hasil TPS 31.71.01.1001-001", 10).await;
        // The script has taken the form over (a click before it loads is a
        // plain post, which the outage answers with its 503 page).
        tunggu_nilai(
            &mut b,
            "document.readyState",
            serde_json::json!("complete"),
            10,
        )
        .await;

        proksi.putus();
        b.eval(
            r#"(() => {
                const f = document.querySelector('form[data-antrean]');
                f.elements['suara_paslon.0'].value = '120'; f.elements['suara_paslon.1'].value = '98';
                f.elements['suara_sah'].value = '218'; f.elements['suara_tidak_sah'].value = '4';
                f.elements['suara_total'].value = '222';
                f.querySelector('button[type=submit]').click(); return true; })()"#,
        )
        .await;
        let text = b.wait_text("sedang gangguan", 15).await;
        assert!(text.contains("tersimpan di ponsel"), "{text}");
        let halaman = b.eval("location.pathname").await;
        assert_eq!(
            halaman,
            serde_json::json!(format!("/pemilihan/{id}/tps/{TPS}/kirim")),
            "still the form, not the sign-in page"
        );
        assert_eq!(
            b.eval("document.querySelectorAll('input[type=password]').length")
                .await,
            serde_json::json!(0)
        );
        assert_eq!(b.eval(ANTREAN).await, serde_json::json!(1), "queued");
        let tps = KodeTps::parse(TPS).unwrap();
        // Let it retry against the outage a while: still queued, nothing in.
        tokio::time::sleep(std::time::Duration::from_secs(6)).await;
        assert_eq!(b.eval(ANTREAN).await, serde_json::json!(1), "kept");

        proksi.sambung();
        let text = b.wait_text("terkirim", 40).await;
        assert!(text.contains("revisi 1"), "{text}");
        tunggu_nilai(&mut b, ANTREAN, serde_json::json!(0), 10).await;
        // Exactly once: one revision, and the desa's totals count it once.
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        let k = s.posko.riwayat_hasil(id, tps).await.unwrap();
        assert_eq!(k.len(), 1, "one revision");
        assert_eq!(k[0].revisi, 1);
        let rekap = s
            .posko
            .rekap_wilayah(id, KodeWilayah::parse("31.71.01.1001").unwrap(), 2)
            .await
            .unwrap();
        assert_eq!(rekap.tps_masuk, 1);
        assert_eq!(rekap.angka.suara, vec![120, 98]);
    });
}

/// Sends an over-limit body. The server may answer 413 and close before
/// the client has written all of it; the client then sees a broken pipe
/// instead of the answer, so it tries again (a few times at most).
async fn kirim_besar(permintaan: impl Fn() -> reqwest::RequestBuilder) -> reqwest::Response {
    let mut galat = None;
    for _ in 0..5 {
        match permintaan().send().await {
            Ok(r) => return r,
            Err(e) if e.is_request() => galat = Some(e),
            Err(e) => panic!("{e}"),
        }
    }
    panic!("no answer to an over-limit body in 5 tries: {galat:?}")
}

/// A body over a route's limit is answered in the route's own form: JSON
/// `{"error": …}` under `/api/`, a page elsewhere, naming the limit (the
/// body-limit layer's own answer is plain text).
async fn too_large_is_answered_as_the_route_speaks(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = common::store(backend, dir.path()).await;
    let s = common::serve(posko, dir).await;
    let besar = vec![b' '; 2 * 1024 * 1024 + 4096];
    let r = s
        .client()
        .post(s.url("/api/v1/kunjungan"))
        .header("content-type", "application/json")
        .header("origin", s.url(""))
        .body(besar.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE, "{backend}");
    assert!(jenis(&r).starts_with("application/json"), "{}", jenis(&r));
    let body: serde_json::Value = r.json().await.unwrap();
    let pesan = body["error"].as_str().unwrap();
    assert!(pesan.contains("terlalu besar"), "{pesan}");
    assert!(pesan.contains("2 MiB"), "{pesan}");
    for (bahasa, teks) in [("id", "paling banyak 2 MiB"), ("en", "at most 2 MiB")] {
        let r = kirim_besar(|| {
            common::client()
                .post(s.url(&format!("/masuk?bahasa={bahasa}")))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(besar.clone())
        })
        .await;
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE, "{backend}");
        assert!(jenis(&r).starts_with("text/html"), "{}", jenis(&r));
        let html = r.text().await.unwrap();
        assert!(html.contains(teks), "{bahasa}: {html}");
    }
}

per_backend!(too_large_is_answered_as_the_route_speaks);

/// PostgreSQL's migration bookkeeping prints no NOTICE on every command
/// (`CREATE TABLE IF NOT EXISTS` on a table that exists did).
fn cli_prints_no_notice(db: &crate::cli_harness::Db) {
    for _ in 0..2 {
        let r = db.run(&["audit", "verify"]);
        assert_eq!(r.code, Some(0), "{r}");
        assert!(
            !r.stderr.contains("NOTICE") && !r.stdout.contains("NOTICE"),
            "{r}"
        );
    }
}

per_backend!(cli cli_prints_no_notice);
