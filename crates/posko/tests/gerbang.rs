//! SMS gateways end to end, on every backend: the real server receives the
//! SMS Gateway for Android app's signed `sms:received` webhooks (and the
//! plain HTTP gateway's), stores each message once, files the result as the
//! saksi, and replies through a fake of the app's send-message API on
//! 127.0.0.1 that records what it was asked to send.

use crate::common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use common::{shared_data, store_dki};
use hmac::{Hmac, Mac};
use posko_app::Posko;
use posko_domain::{Cakupan, KodeTps, Penugasan, Peran};
use posko_storage::StatusPesan;
use posko_web::gerbang::{Gerbang, SmsGateway};
use serde_json::{Value, json};
use sha2::Sha256;

const KUNCI: &str = "kunci-webhook-uji";
const SAKSI_HP: &str = "+6281234567890";

/// What the fake gateway was asked to send: (authorization, body).
type Terkirim = Arc<Mutex<Vec<(String, Value)>>>;

async fn fake_gateway() -> (SocketAddr, Terkirim) {
    let got: Terkirim = Arc::default();
    let app = axum::Router::new()
        .route(
            "/message",
            post(
                |State(got): State<Terkirim>, h: HeaderMap, body: axum::Json<Value>| async move {
                    let auth = h
                        .get("authorization")
                        .map(|v| v.to_str().unwrap().to_string())
                        .unwrap_or_default();
                    got.lock().unwrap().push((auth, body.0));
                    (StatusCode::ACCEPTED, "{\"state\":\"Pending\"}")
                },
            ),
        )
        .with_state(got.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, got)
}

fn gerbang(url_kirim: String) -> Gerbang {
    Gerbang {
        sms_gateway: Some(SmsGateway {
            kunci: KUNCI.into(),
            url_kirim,
            pengguna: "sms".into(),
            sandi: "sandi-hp".into(),
        }),
        token_http: Some("token-gerbang-uji".into()),
        telegram: None,
    }
}

/// Serves `posko` with gateways; the server stops when the handle drops.
async fn serve(posko: Posko, g: Gerbang) -> (String, tokio::task::JoinHandle<()>) {
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let h = tokio::spawn(async move {
        let _ = posko_web::serve_dengan(listener, posko, g).await;
    });
    (format!("http://{addr}"), h)
}

fn amplop(id: &str, dari: &str, teks: &str) -> String {
    json!({
        "deviceId": "ffffffffceb0b1db00000193991c27e5",
        "event": "sms:received",
        "id": id,
        "payload": {
            "message": teks,
            "receivedAt": "2029-11-28T13:05:00.000+07:00",
            "messageId": "69bde8d0",
            "phoneNumber": dari,
            "simNumber": 1
        },
        "webhookId": "LreFUt-Z3sSq0JufY9uWB"
    })
    .to_string()
}

fn tanda(body: &str, ts: &str, kunci: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(kunci.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    mac.update(ts.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn kirim_webhook(
    c: &reqwest::Client,
    base: &str,
    body: &str,
    kunci: &str,
    umur: i64,
) -> reqwest::Response {
    let ts = (time::OffsetDateTime::now_utc().unix_timestamp() - umur).to_string();
    c.post(format!("{base}/webhooks/sms-gateway"))
        .header("content-type", "application/json")
        .header("x-timestamp", &ts)
        .header("x-signature", tanda(body, &ts, kunci))
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

/// On DKI's regions and TPS: a two-paslon gubernur election, and one saksi
/// (with a phone) at TPS 31.71.01.1001-001.
async fn setup(posko: &Posko, dir: &std::path::Path) -> uuid::Uuid {
    common::dengan_saksi(posko, dir, &[("Siti Aminah", SAKSI_HP, "3171011001001")]).await
}

async fn tunggu<F: Fn() -> bool>(apa: &str, f: F) {
    for _ in 0..100 {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("menunggu {apa} lebih dari 10 detik");
}

/// Waits until no message is left unprocessed and no reply queued
/// (`antre`), at most `paling_lama`.
async fn tunggu_antrean_kosong(posko: &Posko, paling_lama: Duration) {
    let sampai = std::time::Instant::now() + paling_lama;
    while std::time::Instant::now() < sampai {
        let baru = posko
            .store()
            .daftar_pesan(&[StatusPesan::Baru], 1)
            .await
            .unwrap();
        let keluar = posko.store().hitung_keluar_per_status().await.unwrap();
        if baru.is_empty() && !keluar.iter().any(|(s, n)| s == "antre" && *n > 0) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

per_backend!(sms_gateway_results_are_filed_once_and_answered);
async fn sms_gateway_results_are_filed_once_and_answered(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = setup(&posko, dir.path()).await;
    let (hp, terkirim) = fake_gateway().await;
    let (base, server) = serve(posko.clone(), gerbang(format!("http://{hp}/message"))).await;
    let c = reqwest::Client::new();
    let tps = KodeTps::parse("3171011001001").unwrap();

    // The app retries: the same envelope 20 times at once is one
    // submission and one reply.
    let body = amplop(
        "env-0001",
        "081234567890",
        "hasil 3171011001-1 120, 98 ts 4",
    );
    let mut tugas = Vec::new();
    for _ in 0..20 {
        let (c, base, body) = (c.clone(), base.clone(), body.clone());
        tugas.push(tokio::spawn(async move {
            let r = kirim_webhook(&c, &base, &body, KUNCI, 0).await;
            assert_eq!(r.status(), StatusCode::OK);
            r.json::<Value>().await.unwrap()
        }));
    }
    let mut baru = 0;
    for t in tugas {
        let j = t.await.unwrap();
        // A retry that arrives while the first is still being
        // processed is told "baru" (received, in progress).
        assert!(
            j["status"] == "diterima" || j["status"] == "baru",
            "{backend}: {j}"
        );
        baru += usize::from(j["ulang"] == false);
        if j["ulang"] == false {
            assert_eq!(j["status"], "diterima", "{backend}: {j}");
        }
    }
    assert_eq!(
        baru, 1,
        "{backend}: one processed, the rest answered as retries"
    );
    let riwayat = posko.riwayat_hasil(id, tps).await.unwrap();
    assert_eq!(riwayat.len(), 1, "{backend}");
    assert_eq!(riwayat[0].sumber, "sms_gateway", "{backend}");
    assert_eq!(riwayat[0].formulir.suara_paslon, [Some(120), Some(98)]);
    assert_eq!(riwayat[0].pengirim, "saksi.3171011001001");
    tunggu("balasan", || !terkirim.lock().unwrap().is_empty()).await;
    // A second reply could only come from a message still unprocessed or a
    // reply still queued: wait (up to the 1.5 s this test always gave it)
    // until there is neither.
    tunggu_antrean_kosong(&posko, Duration::from_millis(1500)).await;
    {
        let got = terkirim.lock().unwrap();
        assert_eq!(got.len(), 1, "{backend}: one reply for twenty deliveries");
        let (auth, b) = &got[0];
        assert_eq!(
            auth, "Basic c21zOnNhbmRpLWhw",
            "{backend}: basic auth sms:sandi-hp"
        );
        assert_eq!(b["phoneNumbers"], json!([SAKSI_HP]));
        let teks = b["textMessage"]["text"].as_str().unwrap();
        assert!(teks.contains("120") && teks.contains("98"), "{teks}");
        assert!(teks.len() <= 160, "{teks}");
    }

    // A wrong key, a stale timestamp and a huge body are refused
    // without storing anything.
    let sebelum = posko.store().daftar_pesan(&[], 1000).await.unwrap().len();
    let palsu = amplop(
        "env-palsu",
        "081234567890",
        "HASIL 3171011001-001 999 0 TS 0",
    );
    let r = kirim_webhook(&c, &base, &palsu, "kunci-lain", 0).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{backend}");
    let r = kirim_webhook(&c, &base, &palsu, KUNCI, 3600).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{backend}");
    assert!(r.text().await.unwrap().contains("kedaluwarsa"));
    let besar = "x".repeat(1024 * 1024);
    let ts = time::OffsetDateTime::now_utc().unix_timestamp().to_string();
    let r = c
        .post(format!("{base}/webhooks/sms-gateway"))
        .header("x-timestamp", &ts)
        .header("x-signature", tanda(&besar, &ts, KUNCI))
        .body(besar)
        .send()
        .await;
    match r {
        Ok(r) => assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE, "{backend}"),
        // The server answers 413 from the headers and may close before
        // the client has written the whole megabyte.
        Err(e) => assert!(e.is_request(), "{backend}: {e}"),
    }
    assert_eq!(
        posko.store().daftar_pesan(&[], 1000).await.unwrap().len(),
        sebelum,
        "{backend}: nothing stored"
    );
    assert_eq!(posko.riwayat_hasil(id, tps).await.unwrap().len(), 1);

    // A number that is not a saksi: stored, answered politely, listed
    // for coordinators.
    let r = kirim_webhook(
        &c,
        &base,
        &amplop("env-0002", "085700001111", "HASIL 3171011001-001 1 2 TS 0"),
        KUNCI,
        0,
    )
    .await;
    let j: Value = r.json().await.unwrap();
    assert_eq!(j["status"], "tak_terdaftar", "{backend}: {j}");
    assert!(j["balasan"].as_str().unwrap().contains("belum terdaftar"));
    let bermasalah = posko.pesan_bermasalah(50).await.unwrap();
    assert!(
        bermasalah
            .iter()
            .any(|p| p.status == StatusPesan::TakTerdaftar && p.pengirim_samar == "0857*****111"),
        "{backend}"
    );
    assert_eq!(posko.riwayat_hasil(id, tps).await.unwrap().len(), 1);
    // Coordinators see it on their page, within their territory only.
    let lihat = |who: &'static str, cakupan: &'static str| {
        let posko = posko.clone();
        let url = format!("{base}/pesan");
        async move {
            let role =
                Penugasan::new(Peran::Koordinator, Cakupan::parse(cakupan).unwrap()).unwrap();
            let cookie = common::sign_in(&posko, who, vec![role]).await;
            common::client_with(&cookie)
                .get(url)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let html = lihat("koord.gambir", "31.71.01").await;
    assert!(
        html.contains("0857*****111") && html.contains("bukan saksi TPS ini"),
        "{backend}: {html}"
    );
    assert!(
        !html.contains("081234567890"),
        "{backend}: full number shown"
    );
    let html = lihat("koord.sawahbesar", "31.71.02").await;
    assert!(
        !html.contains("0857*****111"),
        "{backend}: outside the territory"
    );

    // A typo gets a question, not a guess.
    let r = kirim_webhook(
        &c,
        &base,
        &amplop("env-0003", SAKSI_HP, "HASIL 3171011001-001 12O 98 TS 4"),
        KUNCI,
        0,
    )
    .await;
    let j: Value = r.json().await.unwrap();
    assert_eq!(j["status"], "galat", "{backend}: {j}");
    assert!(j["balasan"].as_str().unwrap().contains("120?"), "{j}");

    // A flood from one number is throttled: stored, not processed.
    let mut dibatasi = 0;
    for i in 0..25 {
        let r = kirim_webhook(
            &c,
            &base,
            &amplop(&format!("banjir-{i}"), "081199998888", "halo"),
            KUNCI,
            0,
        )
        .await;
        let j: Value = r.json().await.unwrap();
        dibatasi += usize::from(j["status"] == "dibatasi");
    }
    assert!(dibatasi >= 4, "{backend}: {dibatasi} throttled");

    // The plain HTTP gateway takes the reply in its response.
    let r = c
        .post(format!("{base}/webhooks/http"))
        .bearer_auth("token-gerbang-uji")
        .json(&json!({"id": "gw-1", "dari": SAKSI_HP, "teks": "HADIR 3171011001-001"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let j: Value = r.json().await.unwrap();
    assert_eq!(j["status"], "diterima", "{backend}: {j}");
    let r = c
        .post(format!("{base}/webhooks/http"))
        .bearer_auth("salah")
        .json(&json!({"id": "gw-2", "dari": SAKSI_HP, "teks": "HADIR 3171011001-001"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{backend}");
    server.abort();
}

per_backend!(a_reply_survives_a_gateway_outage_and_a_restart);
async fn a_reply_survives_a_gateway_outage_and_a_restart(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    setup(&posko, dir.path()).await;
    // First run: the phone is unreachable (nothing listens there).
    let mati = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url_mati = format!("http://{}/message", mati.local_addr().unwrap());
    drop(mati);
    let (base, server) = serve(posko.clone(), gerbang(url_mati)).await;
    let c = reqwest::Client::new();
    let r = kirim_webhook(
        &c,
        &base,
        &amplop("env-restart", SAKSI_HP, "HADIR 3171011001-001"),
        KUNCI,
        0,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let keluar = posko.store().hitung_keluar_per_status().await.unwrap();
    assert!(
        keluar.iter().any(|(s, n)| s == "antre" && *n == 1),
        "{backend}: the reply waits: {keluar:?}"
    );
    server.abort();

    // Second run, the phone is back: the queued reply goes out.
    let (hp, terkirim) = fake_gateway().await;
    let (_base, server) = serve(posko.clone(), gerbang(format!("http://{hp}/message"))).await;
    tunggu("balasan setelah restart", || {
        !terkirim.lock().unwrap().is_empty()
    })
    .await;
    let got = terkirim.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "{backend}");
    assert!(
        got[0].1["textMessage"]["text"]
            .as_str()
            .unwrap()
            .contains("3171011001-001"),
        "{backend}: {got:?}"
    );
    server.abort();
}

per_backend!(an_sms_does_not_displace_a_photo_backed_result_and_says_why);
/// Which revision counts (`posko_domain::revisi`) by SMS: an SMS carries
/// no photo and no reason, so it cannot displace a photo-backed result. It
/// is stored, the totals stay, and the reply (one SMS) says so and how to
/// correct it.
async fn an_sms_does_not_displace_a_photo_backed_result_and_says_why(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = setup(&posko, dir.path()).await;
    let tps = KodeTps::parse("3171011001001").unwrap();
    let saksi = posko
        .store()
        .cari_login("saksi.3171011001001")
        .await
        .unwrap()
        .unwrap()
        .0;
    let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8, y as u8, 9]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&img)
        .unwrap();
    let hash = posko.simpan_foto(&saksi, &jpeg).await.unwrap();
    let formulir = posko_domain::FormulirHasil {
        suara_paslon: vec![Some(120), Some(98)],
        suara_sah: Some(218),
        suara_tidak_sah: Some(4),
        suara_total: Some(222),
        ..Default::default()
    };
    posko
        .kirim_hasil(
            &saksi,
            posko_app::IsianHasil {
                pemilihan_id: id,
                tps,
                kunci_klien: "foto-dulu-0001".into(),
                formulir,
                alasan: None,
                foto: vec![hash],
                sumber: "web",
            },
        )
        .await
        .unwrap();
    let (hp, _terkirim) = fake_gateway().await;
    let (base, server) = serve(posko.clone(), gerbang(format!("http://{hp}/message"))).await;
    let r = reqwest::Client::new()
        .post(format!("{base}/webhooks/http"))
        .bearer_auth("token-gerbang-uji")
        .json(&json!({"id": "gw-revisi-1", "dari": SAKSI_HP, "teks": "HASIL 3171011001-001 10 300 TS 4"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let j: Value = r.json().await.unwrap();
    assert_eq!(j["status"], "diterima", "{backend}: {j}");
    let balasan = j["balasan"].as_str().unwrap();
    assert!(
        balasan.contains("revisi 2, TIDAK dihitung: revisi 1 berfoto")
            && balasan.contains("foto+alasan"),
        "{backend}: {balasan}"
    );
    assert!(balasan.chars().count() <= 160, "{backend}: {balasan}");
    let riwayat = posko.riwayat_hasil(id, tps).await.unwrap();
    assert_eq!(riwayat.len(), 2, "{backend}: stored as evidence");
    let now = posko.ambil_hasil_tps(id, tps).await.unwrap().unwrap();
    assert_eq!(
        (now.revisi, now.angka.suara.clone()),
        (1, vec![120, 98]),
        "{backend}"
    );
    server.abort();
}
