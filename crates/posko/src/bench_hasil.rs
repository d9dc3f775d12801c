//! `posko bench hasil`: election night at national scale. Loads synthetic
//! TPS (820,000 by default), then sends one C.Hasil per TPS through the
//! real HTTP API from many concurrent clients, while another client reads
//! province, kab/kota and kecamatan totals. Prints submissions/s, latency
//! percentiles, and a same-process baseline (the same clients hitting
//! `/healthz`) so the ratio means something on a noisy machine. SQLite
//! runs twice, with today's `synchronous = NORMAL` acknowledgement and with
//! the durable one (`--juga-penuh` adds FULL per commit), and prints the
//! cost of durability as ratios. PostgreSQL runs with one HTTP server and,
//! with `--server N`, again with N servers (each its own `Posko` and pool
//! on the same schema, clients spreading round-robin), printed as ratios;
//! SQLite is one process by design.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use posko_app::{Aktor, ImportRequest, NewPaslon, NewPemilihan, Posko};
use posko_domain::{Cakupan, JenisPemilihan, KodeWilayah, NamaCalon, NomorUrut, Penugasan, Peran};
use posko_postgres::PostgresStore;
use posko_sqlite::{Ketahanan, SqliteStore};

use crate::bench::{tempfile_dir, write_synthetic};

fn persentil(v: &mut [u32], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_unstable();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    f64::from(v[i]) / 1000.0
}

/// What one backend's run measured.
struct Ukuran {
    kiriman_per_detik: f64,
    p99_ms: f64,
    /// The worst of the province, kab/kota and kecamatan read p99s.
    baca_p99_ms: f64,
}

pub async fn hasil(
    rows: u64,
    klien: usize,
    postgres: Option<&str>,
    juga_penuh: bool,
    server: usize,
) -> anyhow::Result<()> {
    if rows == 0 || klien == 0 || server == 0 {
        bail!("--rows, --klien dan --server harus lebih dari 0");
    }
    let dir = tempfile_dir()?;
    write_synthetic(&dir, rows)?;
    // Today's setting before durable acknowledgement, then the durable
    // one, each on a fresh file: the ratio is the cost of a 2xx that
    // survives a power cut.
    let mut mode = vec![
        (Ketahanan::Normal, "NORMAL"),
        (Ketahanan::Kelompok, "tahan (group commit)"),
    ];
    if juga_penuh {
        mode.push((Ketahanan::Penuh, "FULL per commit"));
    }
    let mut ukuran = Vec::new();
    for (i, (k, label)) in mode.iter().enumerate() {
        println!("sqlite [{label}]:");
        let sqlite = Posko::new(
            Arc::new(SqliteStore::open_dengan(&dir.join(format!("bench{i}.db")), *k).await?),
            Arc::new(posko_app::Brankas::generate()),
        );
        ukuran.push(run(&[sqlite], &dir, rows, klien).await?);
    }
    let dasar = &ukuran[0];
    for ((_, label), u) in mode.iter().zip(&ukuran).skip(1) {
        println!(
            "sqlite: {label} dibanding NORMAL: {:.0} vs {:.0} kiriman/s = rasio {:.3}; p99 {:.1} vs {:.1} ms = rasio {:.2}",
            u.kiriman_per_detik,
            dasar.kiriman_per_detik,
            u.kiriman_per_detik / dasar.kiriman_per_detik,
            u.p99_ms,
            dasar.p99_ms,
            u.p99_ms / dasar.p99_ms.max(0.001)
        );
    }
    if server > 1 {
        println!(
            "sqlite: satu proses menurut rancangan (satu penulis berkas); --server hanya untuk PostgreSQL"
        );
    }
    if let Some(url) = postgres {
        let satu = run_pg(url, &dir, rows, klien, 1).await?;
        if server > 1 {
            let n = run_pg(url, &dir, rows, klien, server).await?;
            println!(
                "postgresql: {server} server dibanding 1: {:.0} vs {:.0} kiriman/s = rasio {:.3}; p99 {:.1} vs {:.1} ms = rasio {:.2}; baca p99 {:.2} vs {:.2} ms = rasio {:.2}",
                n.kiriman_per_detik,
                satu.kiriman_per_detik,
                n.kiriman_per_detik / satu.kiriman_per_detik,
                n.p99_ms,
                satu.p99_ms,
                n.p99_ms / satu.p99_ms.max(0.001),
                n.baca_p99_ms,
                satu.baca_p99_ms,
                n.baca_p99_ms / satu.baca_p99_ms.max(0.001)
            );
        }
    } else {
        println!("postgres: dilewati (beri --postgres URL atau POSKO_BENCH_POSTGRES_URL)");
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// One run on a fresh PostgreSQL schema with `server` HTTP servers, each
/// with its own `Posko` and connection pools on that schema (as separate
/// processes would be), sharing one key ring. The schema is dropped after.
async fn run_pg(
    url: &str,
    dir: &std::path::Path,
    rows: u64,
    klien: usize,
    server: usize,
) -> anyhow::Result<Ukuran> {
    let store = PostgresStore::connect_fresh_schema(url)
        .await
        .context("PostgreSQL untuk bench")?;
    let r = async {
        let brankas = Arc::new(posko_app::Brankas::generate());
        let schema = store.schema().context("skema bench PostgreSQL")?;
        let mut posko = vec![Posko::new(Arc::new(store.clone()), brankas.clone())];
        for _ in 1..server {
            let s = PostgresStore::connect_in_schema(url, Some(schema)).await?;
            posko.push(Posko::new(Arc::new(s), brankas.clone()));
        }
        run(&posko, dir, rows, klien).await
    }
    .await;
    store.drop_own_schema().await?;
    r
}

/// The synthetic files of `dir` imported, and one gubernur election per
/// province with three paslon each: what every election-night bench starts
/// from. Returns each province's election id.
pub(crate) async fn siapkan_pemilu(
    posko: &Posko,
    dir: &std::path::Path,
) -> anyhow::Result<std::collections::HashMap<u32, uuid::Uuid>> {
    for (f, what) in [("wilayah.csv", "wilayah"), ("tps.csv", "tps")] {
        let r = if what == "wilayah" {
            posko
                .import_wilayah(&Aktor::system(), &dir.join(f), ImportRequest::default())
                .await?
        } else {
            posko
                .import_tps(&Aktor::system(), &dir.join(f), ImportRequest::default())
                .await?
        };
        if !r.applied {
            bail!("impor {what} gagal: {:?}", r.problems.first());
        }
    }
    let mut pemilihan = std::collections::HashMap::new();
    for p in 11..49u32 {
        let w = KodeWilayah::parse(&p.to_string())?;
        let e = posko
            .simpan_pemilihan(
                &Aktor::system(),
                NewPemilihan {
                    jenis: JenisPemilihan::Gubernur,
                    wilayah: w,
                    nama: None,
                    tanggal: time::macros::date!(2029 - 11 - 28),
                },
            )
            .await?;
        for n in 1..=3u8 {
            posko
                .simpan_paslon(
                    &Aktor::system(),
                    e.id,
                    NewPaslon {
                        nomor_urut: NomorUrut::new(n)?,
                        calon_kepala: NamaCalon::parse_field(&format!("Calon {n}"), "calon")?,
                        calon_wakil: NamaCalon::parse_field(&format!("Wakil {n}"), "wakil")?,
                    },
                )
                .await?;
        }
        pemilihan.insert(p, e.id);
    }
    Ok(pemilihan)
}

/// Prepares the data through the first of `servers`, then serves each on
/// its own port; clients and the reader go round-robin over them.
async fn run(
    servers: &[Posko],
    dir: &std::path::Path,
    rows: u64,
    klien: usize,
) -> anyhow::Result<Ukuran> {
    let posko = &servers[0];
    let name = match servers.len() {
        1 => posko.backend().to_string(),
        n => format!("{} [{n} server]", posko.backend()),
    };
    let t = Instant::now();
    let pemilihan = siapkan_pemilu(posko, dir).await?;
    let (_, secret) = posko
        .issue_token(
            &Aktor::system(),
            "bench",
            Penugasan::new(Peran::Manager, Cakupan::Semua)?,
        )
        .await?;
    println!(
        "{name}: {rows} TPS dan 38 pemilihan disiapkan dalam {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Every TPS's URL and body, made before the clock starts.
    let text = std::fs::read_to_string(dir.join("tps.csv"))?;
    let jobs: Arc<Vec<(String, String)>> = Arc::new(
        text.lines()
            .skip(1)
            .map(|l| {
                let mut c = l.split(',');
                let desa = c.next().unwrap_or_default();
                let nomor: u32 = c.next().unwrap_or("1").parse().unwrap_or(1);
                let dpt: u32 = c.nth(2).unwrap_or("300").parse().unwrap_or(300);
                let prov: u32 = desa[..2].parse().unwrap_or(11);
                let tps = format!("{}{nomor:03}", desa.replace('.', ""));
                let sah = dpt * 7 / 10;
                let (a, b) = (sah * 45 / 100, sah * 35 / 100);
                let body = serde_json::json!({
                    "kunci_klien": format!("bench-{tps}"),
                    "formulir": {
                        "suara_paslon": [a, b, sah - a - b],
                        "suara_sah": sah, "suara_tidak_sah": 5, "suara_total": sah + 5
                    }
                })
                .to_string();
                (
                    format!("/api/v1/pemilihan/{}/tps/{tps}/hasil", pemilihan[&prov]),
                    body,
                )
            })
            .collect(),
    );

    let mut handles = Vec::new();
    let mut bases = Vec::new();
    for p in servers {
        let listener = posko_web::bind("127.0.0.1:0").await?;
        bases.push(format!("http://{}", listener.local_addr()?));
        handles.push(tokio::spawn(posko_web::serve(listener, p.clone())));
    }
    let bases = Arc::new(bases);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(klien)
        .build()?;
    let auth = format!("Bearer {secret}");

    // Baseline: the same clients on the cheapest route.
    let n_base = jobs.len().min(50_000);
    let t = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..klien {
        let (client, bases, next) = (client.clone(), bases.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n_base {
                    break;
                }
                let base = &bases[i % bases.len()];
                let _ = client.get(format!("{base}/healthz")).send().await;
            }
        }));
    }
    for t in tasks {
        t.await?;
    }
    let base_rate = n_base as f64 / t.elapsed().as_secs_f64();

    // Readers: totals of a province, a kab/kota and a kecamatan, while
    // submissions pour in.
    let selesai = Arc::new(AtomicBool::new(false));
    let p0 = pemilihan[&11];
    let reader = {
        let (client, bases, auth, selesai) =
            (client.clone(), bases.clone(), auth.clone(), selesai.clone());
        tokio::spawn(async move {
            let mut lat: [Vec<u32>; 3] = [Vec::new(), Vec::new(), Vec::new()];
            let kodes = ["11", "11.01", "11.01.01"];
            let mut i = 0;
            while !selesai.load(Ordering::Relaxed) {
                let k = i % 3;
                let base = &bases[i % bases.len()];
                let t = Instant::now();
                let r = client
                    .get(format!("{base}/api/v1/pemilihan/{p0}/rekap/{}", kodes[k]))
                    .header("authorization", &auth)
                    .send()
                    .await;
                if let Ok(r) = r {
                    let _ = r.bytes().await;
                    lat[k].push(t.elapsed().as_micros() as u32);
                }
                i += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            lat
        })
    };

    let t = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..klien {
        let (client, bases, next, jobs, auth) = (
            client.clone(),
            bases.clone(),
            next.clone(),
            jobs.clone(),
            auth.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut gagal = 0u64;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((path, body)) = jobs.get(i) else {
                    break;
                };
                let base = &bases[i % bases.len()];
                let t = Instant::now();
                let r = client
                    .post(format!("{base}{path}"))
                    .header("authorization", &auth)
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        lat.push(t.elapsed().as_micros() as u32);
                    }
                    _ => gagal += 1,
                }
            }
            (lat, gagal)
        }));
    }
    let mut lat = Vec::with_capacity(jobs.len());
    let mut gagal = 0;
    for t in tasks {
        let (l, g) = t.await?;
        lat.extend(l);
        gagal += g;
    }
    let took = t.elapsed();
    selesai.store(true, Ordering::Relaxed);
    let mut read = reader.await?;
    for h in handles {
        h.abort();
    }
    let rate = lat.len() as f64 / took.as_secs_f64();
    println!(
        "{name}: {} kiriman C.Hasil lewat HTTP dalam {:.1} s = {rate:.0} kiriman/s dengan {klien} klien ({gagal} gagal); dasar /healthz {base_rate:.0} req/s, rasio {:.3}",
        lat.len(),
        took.as_secs_f64(),
        rate / base_rate
    );
    let p99_ms = persentil(&mut lat, 0.99);
    println!(
        "{name}: latensi kirim p50 {:.1} ms, p95 {:.1} ms, p99 {p99_ms:.1} ms",
        persentil(&mut lat, 0.50),
        persentil(&mut lat, 0.95),
    );
    let mut baca_p99_ms: f64 = 0.0;
    for (k, label) in ["provinsi", "kab/kota", "kecamatan"].iter().enumerate() {
        let n = read[k].len();
        let p99 = persentil(&mut read[k], 0.99);
        baca_p99_ms = baca_p99_ms.max(p99);
        println!(
            "{name}: baca rekap {label} selama kiriman masuk: p50 {:.2} ms, p99 {p99:.2} ms ({n} bacaan)",
            persentil(&mut read[k], 0.50),
        );
    }
    Ok(Ukuran {
        kiriman_per_detik: rate,
        p99_ms,
        baca_p99_ms,
    })
}
