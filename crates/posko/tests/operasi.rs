//! Operating the server (issue 21 §8), on every backend: `/healthz` answers
//! without the database, `/readyz` names what is not ready (a PostgreSQL
//! behind a proxy the test cuts; a photo folder that is not a folder),
//! `/metrics` wants its token and labels requests by route template, and
//! a stop finishes requests in flight, ends live streams and refuses new
//! connections — in process, and the real binary on SIGTERM.

use crate::common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::proksi::{Proksi, lewat};
use common::{TestServer, shared_data, sign_in, store, store_dki};
use posko_app::{FotoLokal, Posko};
use posko_domain::{Cakupan, Penugasan, Peran};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TOKEN: &str = "token-metrik-uji-0123456789";
const TPS: &str = "3171011001001";

/// Serves `posko` with a metrics token; stops when `berhenti` is sent.
async fn serve_dengan_token(
    posko: Posko,
    dir: tempfile::TempDir,
) -> (TestServer, tokio::sync::oneshot::Sender<()>) {
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let opsi = posko_web::operasi::Opsi {
        token_metrik: Some(TOKEN.into()),
        ..Default::default()
    };
    tokio::spawn(posko_web::serve_sampai(
        listener,
        posko.clone(),
        Default::default(),
        opsi,
        async move {
            let _ = rx.await;
        },
    ));
    let manager = Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap();
    let cookie = sign_in(&posko, "uji.manajer", vec![manager]).await;
    (
        TestServer {
            addr,
            posko,
            dir,
            cookie,
        },
        tx,
    )
}

async fn get(url: &str) -> (StatusCode, Value) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

per_backend!(healthz_and_readyz_name_what_is_not_ready);
async fn healthz_and_readyz_name_what_is_not_ready(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("foto");
    let posko = store(backend, dir.path())
        .await
        .with_foto(Arc::new(FotoLokal::siapkan(&folder).unwrap()));
    let s = common::serve(posko, dir).await;

    let (status, h) = get(&s.url("/healthz")).await;
    assert_eq!(status, StatusCode::OK, "{backend}");
    assert_eq!(h["status"], "ok");
    assert_eq!(h["backend"], backend);
    assert!(h["schema_version"].as_i64().unwrap() >= 2, "{h}");

    let r = reqwest::get(s.url("/readyz")).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["cache-control"], "no-store");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["status"], "ready", "{body}");
    assert_eq!(
        body["checks"],
        json!({"database": "ok", "photos": "ok"}),
        "{body}"
    );
    assert_eq!(body["not_ready"], json!([]));

    // The photo folder replaced by a file: photos cannot be stored.
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, b"bukan folder").unwrap();
    let r = reqwest::get(s.url("/readyz")).await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "{backend}");
    assert_eq!(r.headers()["retry-after"], "5");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["status"], "not_ready", "{body}");
    assert_eq!(body["not_ready"], json!(["photos"]), "{body}");
    assert_eq!(body["checks"]["database"], "ok", "{body}");
    // Alive all the same.
    assert_eq!(get(&s.url("/healthz")).await.0, StatusCode::OK);

    // Back again once the folder is.
    std::fs::remove_file(&folder).unwrap();
    let (status, body) = get(&s.url("/readyz")).await;
    assert_eq!(status, StatusCode::OK, "{backend}: {body}");
}

#[test]
fn readyz_is_503_while_postgres_is_unreachable_and_healthz_stays_up() {
    let Some(url) = common::postgres_url() else {
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (_, hulu) = lewat(&url, "127.0.0.1:1".parse().unwrap()).await;
        let proxy = Proksi::mulai(hulu).await;
        let (lewat, _) = lewat(&url, proxy.addr).await;
        let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
        let pg = posko_postgres::PostgresStore::connect_in_schema(&lewat, Some(&schema))
            .await
            .unwrap();
        let _hapus = Hapus(url.clone(), schema.clone());
        let posko = Posko::new(Arc::new(pg), Arc::new(posko_app::Brankas::generate()));
        let dir = tempfile::tempdir().unwrap();
        let (s, _stop) = serve_dengan_token(posko, dir).await;
        let (status, body) = get(&s.url("/readyz")).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        proxy.putus();
        let mulai = Instant::now();
        let r = reqwest::get(s.url("/readyz")).await.unwrap();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["not_ready"], json!(["database"]), "{body}");
        assert_eq!(body["checks"]["photos"], "ok", "{body}");
        assert!(
            mulai.elapsed() < Duration::from_secs(5),
            "{:?}",
            mulai.elapsed()
        );
        // Alive, and quick, even for a caller with a session cookie (no
        // session is looked up on the way in).
        let mulai = Instant::now();
        let r = s.client().get(s.url("/healthz")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let h: Value = r.json().await.unwrap();
        assert_eq!(h["backend"], "postgres");
        assert!(h["schema_version"].as_i64().unwrap() >= 2, "{h}");
        assert!(
            mulai.elapsed() < Duration::from_secs(1),
            "{:?}",
            mulai.elapsed()
        );
        // A scrape still answers, saying the database is down.
        let teks = metrik(&s).await;
        assert!(teks.contains("posko_database_up 0"), "{teks}");
        assert!(!teks.contains("posko_verification_queue_depth 0"), "{teks}");

        proxy.sambung();
        let mut status = StatusCode::SERVICE_UNAVAILABLE;
        for _ in 0..50 {
            status = get(&s.url("/readyz")).await.0;
            if status == StatusCode::OK {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(status, StatusCode::OK, "ready again once the database is");
        assert!(metrik(&s).await.contains("posko_database_up 1"));
    });
    drop(rt);
}

/// Drops a PostgreSQL schema when the test ends.
struct Hapus(String, String);

impl Drop for Hapus {
    fn drop(&mut self) {
        let _ = common::pg_try_execute(
            &self.0,
            &format!("DROP SCHEMA IF EXISTS {} CASCADE", self.1),
        );
    }
}

async fn metrik(s: &TestServer) -> String {
    let r = reqwest::Client::new()
        .get(s.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text"),
    );
    r.text().await.unwrap()
}

per_backend!(metrics_want_the_token_and_count_routes_by_template);
async fn metrics_want_the_token_and_count_routes_by_template(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    // Without a token configured, there is no /metrics.
    let dir = tempfile::tempdir().unwrap();
    let tanpa = common::serve(store(backend, dir.path()).await, dir).await;
    let r = reqwest::Client::new()
        .get(tanpa.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");

    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::dengan_saksi(
        &posko,
        dir.path(),
        &[("Siti Aminah", "+6281234567890", TPS)],
    )
    .await;
    let (s, _stop) = serve_dengan_token(posko.clone(), dir).await;
    let anon = reqwest::Client::new();
    for (auth, harap) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some("Bearer salah"), StatusCode::UNAUTHORIZED),
        (
            Some(format!("Bearer {TOKEN}x").as_str()),
            StatusCode::UNAUTHORIZED,
        ),
        (
            Some(format!("Basic {TOKEN}").as_str()),
            StatusCode::UNAUTHORIZED,
        ),
        (Some("Bearer "), StatusCode::UNAUTHORIZED),
    ] {
        let mut req = anon.get(s.url("/metrics"));
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), harap, "{backend} {auth:?}");
        assert_eq!(
            r.headers()["www-authenticate"],
            "Bearer realm=\"posko-metrics\""
        );
    }

    // A few requests: a page with ids in its path, an unknown address,
    // and a result by the JSON API (accepted, then resent, then refused).
    let m = s.client();
    for kode in ["3171011001001", "3171011001002"] {
        let r = m
            .get(s.url(&format!("/pemilihan/{id}/tps/{kode}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{backend}");
    }
    let r = anon.get(s.url("/tidak/ada/8f3a")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let saksi = Penugasan::new(Peran::Saksi, Cakupan::parse(TPS).unwrap()).unwrap();
    let c = common::client_with(&sign_in(&posko, "saksi.metrik", vec![saksi]).await);
    let api = s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil"));
    let kirim = |kunci: &'static str, paslon: Value| {
        c.post(&api)
            .json(&json!({"kunci_klien": kunci, "formulir": {"suara_paslon": paslon, "suara_tidak_sah": 3}}))
            .send()
    };
    assert_eq!(
        kirim("k-metrik-001", json!([120, 98]))
            .await
            .unwrap()
            .status(),
        StatusCode::CREATED
    );
    assert!(
        kirim("k-metrik-001", json!([120, 98]))
            .await
            .unwrap()
            .status()
            .is_success()
    );
    assert_eq!(
        kirim("k-metrik-002", json!([1, 2, 3]))
            .await
            .unwrap()
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let teks = metrik(&s).await;
    let baris =
        |awal: &str| -> Vec<&str> { teks.lines().filter(|l| l.starts_with(awal)).collect() };
    let tps_page = "posko_http_requests_total{method=\"GET\",route=\"/pemilihan/{id}/tps/{kode}\",status=\"2xx\"} 2";
    assert!(
        teks.contains(tps_page),
        "{backend}: no {tps_page} in\n{teks}"
    );
    assert!(
        teks.contains(
            "posko_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"4xx\"} 1"
        ),
        "{teks}"
    );
    assert!(
        teks.contains("posko_http_request_duration_seconds_count{method=\"GET\",route=\"/pemilihan/{id}/tps/{kode}\"} 2"),
        "{teks}"
    );
    assert!(
        teks.contains("route=\"/api/v1/pemilihan/{id}/tps/{kode}/hasil\",status=\"2xx\"} 2"),
        "{teks}"
    );
    // No raw id, code or unknown path in any label.
    for raw in [
        &id.to_string()[..],
        TPS,
        "3171011001002",
        "/tidak/ada",
        "8f3a",
    ] {
        assert!(!teks.contains(raw), "{backend}: {raw} in a label:\n{teks}");
    }
    for (outcome, n) in [("accepted", 1), ("resent", 1), ("refused", 1)] {
        let l =
            format!("posko_result_submissions_total{{channel=\"api\",outcome=\"{outcome}\"}} {n}");
        assert!(teks.contains(&l), "{backend}: no {l} in\n{teks}");
    }
    assert!(
        teks.contains("posko_verification_queue_depth 1"),
        "{backend}:\n{:?}",
        baris("posko_verif")
    );
    assert!(teks.contains("posko_results{status=\"masuk\"} 1"), "{teks}");
    assert!(teks.contains("posko_reply_outbox_depth 0"), "{teks}");
    assert!(teks.contains("posko_sse_clients 0"), "{teks}");
    assert!(teks.contains("posko_database_up 1"), "{teks}");
    assert!(teks.trim_end().ends_with("# EOF"), "{teks}");

    // An open live-totals stream is counted while it is open.
    let mut sse = m
        .get(s.url(&format!("/pemilihan/{id}/hasil/31/langsung")))
        .send()
        .await
        .unwrap();
    assert_eq!(sse.status(), StatusCode::OK);
    let _ = sse.chunk().await.unwrap();
    assert!(
        metrik(&s).await.contains("posko_sse_clients 1"),
        "{backend}"
    );
    drop(sse);
    let mut nol = false;
    for _ in 0..50 {
        if metrik(&s).await.contains("posko_sse_clients 0") {
            nol = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(nol, "{backend}: a closed stream is no longer counted");

    // Nothing links to /metrics: not the home page of a manager.
    let home = m
        .get(s.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("/metrics"), "{backend}");
}

/// A fake JPEG of `n` bytes (the magic is what the upload checks).
fn jpeg(n: usize) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0];
    v.resize(n, 7);
    v
}

/// Writes a POST's head and the first part of its body on a raw
/// connection; the rest is sent later by the caller.
async fn mulai_unggah(
    addr: SocketAddr,
    path: &str,
    header: &[(&str, &str)],
    body: &[u8],
    sekarang: usize,
) -> tokio::net::TcpStream {
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in header {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    c.write_all(head.as_bytes()).await.unwrap();
    c.write_all(&body[..sekarang]).await.unwrap();
    c
}

/// Sends the rest of the body and reads the whole answer.
async fn selesaikan(mut c: tokio::net::TcpStream, sisa: &[u8]) -> String {
    c.write_all(sisa).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), c.read_to_end(&mut out))
        .await
        .expect("answered")
        .unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

per_backend!(a_stop_finishes_uploads_in_flight_ends_streams_and_refuses_new_connections);
async fn a_stop_finishes_uploads_in_flight_ends_streams_and_refuses_new_connections(
    backend: &'static str,
) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::dengan_saksi(
        &posko,
        dir.path(),
        &[("Siti Aminah", "+6281234567890", TPS)],
    )
    .await;
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(posko_web::serve_sampai(
        listener,
        posko.clone(),
        Default::default(),
        Default::default(),
        async move {
            let _ = rx.await;
        },
    ));
    let manajer = Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap();
    let m = common::client_with(&sign_in(&posko, "uji.manajer", vec![manajer]).await);
    let saksi = Penugasan::new(Peran::Saksi, Cakupan::parse(TPS).unwrap()).unwrap();
    let cookie = sign_in(&posko, "saksi.berhenti", vec![saksi]).await;
    let csrf = common::csrf_of(&cookie).unwrap();

    // A live-totals stream, open.
    let mut sse = m
        .get(format!("http://{addr}/pemilihan/{id}/hasil/31/langsung"))
        .send()
        .await
        .unwrap();
    assert_eq!(sse.status(), StatusCode::OK);
    let _ = sse.chunk().await.unwrap();
    // A 2 MB photo upload, half sent.
    let foto = jpeg(2 * 1024 * 1024);
    let unggah = mulai_unggah(
        addr,
        &format!("/api/v1/pemilihan/{id}/tps/{TPS}/foto"),
        &[
            ("Cookie", &cookie),
            ("X-CSRF-Token", &csrf),
            ("Content-Type", "image/jpeg"),
        ],
        &foto,
        foto.len() / 2,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let mulai = Instant::now();
    tx.send(()).unwrap();
    // The stream ends (the client sees its end, not a hang).
    let akhir = tokio::time::timeout(Duration::from_secs(10), async {
        while let Ok(Some(_)) = sse.chunk().await {}
    })
    .await;
    assert!(akhir.is_ok(), "{backend}: the live stream did not end");
    // New connections are refused.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "{backend}: a new connection was accepted while stopping"
    );
    // The upload in flight completes, stored.
    let jawab = selesaikan(unggah, &foto[foto.len() / 2..]).await;
    assert!(jawab.starts_with("HTTP/1.1 201"), "{backend}: {jawab}");
    let hash = posko_domain::audit::sha256_hex(&foto);
    assert!(jawab.contains(&hash), "{backend}: {jawab}");
    // And the server returns, well within the bound.
    let r = tokio::time::timeout(Duration::from_secs(20), server)
        .await
        .expect("the server stopped");
    assert!(r.unwrap().is_ok(), "{backend}");
    assert!(
        mulai.elapsed() < Duration::from_secs(15),
        "{:?}",
        mulai.elapsed()
    );
    assert!(posko.foto(&hash).await.unwrap().is_some(), "{backend}");
}

/// The real binary on SIGTERM: a request in flight completes with 2xx, new
/// connections are refused, and the process exits 0.
#[test]
fn posko_serve_on_sigterm_finishes_the_request_in_flight_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("posko.db").display());
    let init = Command::new(env!("CARGO_BIN_EXE_posko"))
        .args(["--database-url", &db, "init"])
        .current_dir(dir.path())
        .env_remove("POSKO_DATABASE_URL")
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_posko"))
        .args(["--database-url", &db, "serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env_remove("POSKO_DATABASE_URL")
        .env("POSKO_GERBANG_TOKEN", "token-gerbang-uji")
        .env("POSKO_METRICS_TOKEN", TOKEN)
        .env("POSKO_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::from(
            std::fs::File::create(dir.path().join("serve.log")).unwrap(),
        ))
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let addr: SocketAddr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .parse()
        .unwrap();
    let pid = child.id();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let jawab = rt.block_on(async {
        // The metrics token from the environment is the one asked for.
        let r = reqwest::Client::new()
            .get(format!("http://{addr}/metrics"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let body = serde_json::to_vec(&json!({
            "id": "sigterm-1",
            "dari": "+6281234567890",
            "teks": format!("HASIL {TPS} 120 98 TS 3"),
        }))
        .unwrap();
        let c = mulai_unggah(
            addr,
            "/webhooks/http",
            &[
                ("Authorization", "Bearer token-gerbang-uji"),
                ("Content-Type", "application/json"),
            ],
            &body,
            body.len() / 2,
        )
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let kill = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(
            tokio::net::TcpStream::connect(addr).await.is_err(),
            "a new connection was accepted after SIGTERM"
        );
        selesaikan(c, &body[body.len() / 2..]).await
    });
    assert!(jawab.starts_with("HTTP/1.1 200"), "{jawab}");
    let mulai = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        assert!(
            mulai.elapsed() < Duration::from_secs(20),
            "posko serve still running 20 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let log = std::fs::read_to_string(dir.path().join("serve.log")).unwrap();
    assert_eq!(status.code(), Some(0), "{log}");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert!(rest.contains("Posko berhenti."), "{rest}");
}
