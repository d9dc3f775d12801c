//! `posko bench pesan`: election night by SMS. Synthetic TPS, one saksi
//! account (with a phone) per TPS, then one signed `sms:received` webhook
//! per TPS from many concurrent clients, as the SMS Gateway for Android app
//! would post them; replies go to a local sink standing in for the phone.
//! Prints messages/s, latency percentiles, how fast the outbox drains, and
//! a same-process baseline (the same clients hitting `/healthz`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::bail;
use hmac::{Hmac, Mac};
use posko_app::{Aktor, ImportRequest, Posko};
use posko_sqlite::SqliteStore;
use sha2::Sha256;

use crate::bench::{tempfile_dir, write_synthetic};

const KUNCI: &str = "kunci-bench";

fn persentil(v: &mut [u32], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_unstable();
    f64::from(v[((v.len() as f64 - 1.0) * p).round() as usize]) / 1000.0
}

fn tanda(body: &str, ts: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(KUNCI.as_bytes()).expect("any key length");
    mac.update(body.as_bytes());
    mac.update(ts.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub async fn pesan(rows: u64, klien: usize) -> anyhow::Result<()> {
    if rows == 0 || klien == 0 {
        bail!("--rows dan --klien harus lebih dari 0");
    }
    let dir = tempfile_dir()?;
    write_synthetic(&dir, rows)?;
    let posko = Posko::new(
        Arc::new(SqliteStore::open(&dir.join("bench.db")).await?),
        Arc::new(posko_app::Brankas::generate()),
    );
    let t = Instant::now();
    crate::bench_hasil::siapkan_pemilu(&posko, &dir).await?;
    // One saksi per TPS, each with a made-up number that exists only in
    // this temporary database (replies go to the local sink below).
    let text = std::fs::read_to_string(dir.join("tps.csv"))?;
    let mut saksi = String::from("nama,telepon,kode_tps\n");
    let mut pesan = Vec::new();
    for (i, l) in text.lines().skip(1).enumerate() {
        let mut c = l.split(',');
        let desa = c.next().unwrap_or_default().replace('.', "");
        let nomor: u32 = c.next().unwrap_or("1").parse().unwrap_or(1);
        let hp = format!("0811{:07}", i);
        saksi.push_str(&format!("Saksi {i},{hp},{desa}{nomor:03}\n"));
        pesan.push((
            format!("bench-{i}"),
            hp,
            format!("HASIL {desa}-{nomor:03} 120 98 45 TS 7 JML 270"),
        ));
    }
    std::fs::write(dir.join("saksi.csv"), saksi)?;
    let r = posko
        .import_saksi(
            &Aktor::system(),
            None,
            &dir.join("saksi.csv"),
            ImportRequest::default(),
        )
        .await?;
    if !r.report.applied {
        bail!("impor saksi gagal: {:?}", r.report.problems.first());
    }
    println!(
        "sqlite: {rows} TPS, {} saksi dan 38 pemilihan disiapkan dalam {:.1} s",
        pesan.len(),
        t.elapsed().as_secs_f64()
    );

    // The phone's send API: counts replies.
    let balasan = Arc::new(AtomicU64::new(0));
    let sink = {
        let balasan = balasan.clone();
        axum::Router::new().route(
            "/message",
            axum::routing::post(move || {
                let balasan = balasan.clone();
                async move {
                    balasan.fetch_add(1, Ordering::Relaxed);
                    "{}"
                }
            }),
        )
    };
    let hp = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let hp_addr = hp.local_addr()?;
    tokio::spawn(async move { axum::serve(hp, sink).await });
    let gerbang = posko_web::gerbang::Gerbang {
        sms_gateway: Some(posko_web::gerbang::SmsGateway {
            kunci: KUNCI.into(),
            url_kirim: format!("http://{hp_addr}/message"),
            pengguna: "sms".into(),
            sandi: "bench".into(),
        }),
        token_http: None,
        telegram: None,
    };
    let listener = posko_web::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let server = tokio::spawn(posko_web::serve_dengan(listener, posko.clone(), gerbang));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(klien)
        .build()?;

    let n_base = pesan.len().min(50_000);
    let t = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..klien {
        let (client, base, next) = (client.clone(), base.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            while next.fetch_add(1, Ordering::Relaxed) < n_base {
                let _ = client.get(format!("{base}/healthz")).send().await;
            }
        }));
    }
    for t in tasks {
        t.await?;
    }
    let base_rate = n_base as f64 / t.elapsed().as_secs_f64();

    let pesan = Arc::new(pesan);
    let t = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..klien {
        let (client, base, next, pesan) =
            (client.clone(), base.clone(), next.clone(), pesan.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut gagal = 0u64;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((id, hp, teks)) = pesan.get(i) else {
                    break;
                };
                let body = serde_json::json!({
                    "deviceId": "bench", "event": "sms:received", "id": id,
                    "payload": {"message": teks, "receivedAt": "2029-11-28T13:05:00.000+07:00",
                                "messageId": id, "phoneNumber": hp, "simNumber": 1},
                    "webhookId": "bench"
                })
                .to_string();
                let ts = time::OffsetDateTime::now_utc().unix_timestamp().to_string();
                let sent = Instant::now();
                let r = client
                    .post(format!("{base}/webhooks/sms-gateway"))
                    .header("content-type", "application/json")
                    .header("x-timestamp", &ts)
                    .header("x-signature", tanda(&body, &ts))
                    .body(body)
                    .send()
                    .await;
                let ok = match r {
                    Ok(r) => {
                        r.status().is_success()
                            && r.text().await.is_ok_and(|t| t.contains("\"diterima\""))
                    }
                    Err(_) => false,
                };
                lat.push(sent.elapsed().as_micros() as u32);
                gagal += u64::from(!ok);
            }
            (lat, gagal)
        }));
    }
    let mut lat = Vec::new();
    let mut gagal = 0;
    for t in tasks {
        let (l, g) = t.await?;
        lat.extend(l);
        gagal += g;
    }
    let dt = t.elapsed().as_secs_f64();
    let rate = pesan.len() as f64 / dt;
    println!(
        "sqlite: {} pesan webhook dalam {dt:.1} s = {rate:.0} pesan/s dengan {klien} klien ({gagal} gagal); dasar /healthz {base_rate:.0} req/s, rasio {:.3}",
        pesan.len(),
        rate / base_rate
    );
    println!(
        "sqlite: latensi webhook p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
        persentil(&mut lat, 0.50),
        persentil(&mut lat, 0.95),
        persentil(&mut lat, 0.99)
    );
    // The outbox drains on its own worker; wait for every reply.
    let t_keluar = Instant::now();
    while balasan.load(Ordering::Relaxed) < pesan.len() as u64
        && t_keluar.elapsed() < Duration::from_secs(600)
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let n = balasan.load(Ordering::Relaxed);
    println!(
        "sqlite: {n} balasan terkirim; kotak keluar kosong {:.1} s setelah pesan terakhir = {:.0} balasan/s sejak pesan pertama",
        t_keluar.elapsed().as_secs_f64(),
        n as f64 / t.elapsed().as_secs_f64()
    );
    server.abort();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
