//! Several servers, one campaign: three real `posko serve` processes on
//! one PostgreSQL database. Results are spread over all three while one is
//! killed (SIGKILL) and the test retries against the others; a live page
//! on one server hears a write made through another (`LISTEN/NOTIFY`); a
//! server killed holding reply leases has its replies sent by another,
//! each once. And, on both backends in-process, the outbox heartbeat keeps
//! a slow sender's claim so a second sender never sends its replies too.

use crate::cli_harness::Db;
use crate::common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use hmac::{Hmac, Mac};
use posko_app::pesan::{PengirimBalasan, PesanGerbang};
use posko_app::{Aktor, Posko};
use posko_domain::{Cakupan, KodeWilayah, Penugasan, Peran};
use posko_storage::Saluran;
use serde_json::{Value, json};
use sha2::Sha256;

const KUNCI: &str = "kunci-webhook-banyak";

/// One `posko serve` process; killed when dropped.
struct Server {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Server {
    fn start(db: &Db, nama: &str, gerbang: Option<&str>) -> Server {
        let log = db.dir.path().join(format!("{nama}.log"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_posko"));
        cmd.arg("--database-url")
            .arg(&db.url)
            .arg("--key-file")
            .arg(db.dir.path().join("posko.key"))
            .args(["serve", "--listen", "127.0.0.1:0"]);
        if let Some(url) = gerbang {
            cmd.args(["--sms-gateway-kunci", KUNCI, "--sms-gateway-url", url]);
        }
        let mut child = cmd
            .current_dir(db.dir.path())
            .env_remove("POSKO_DATABASE_URL")
            .env("POSKO_FOTO_DIR", db.dir.path().join("foto"))
            .env("POSKO_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .expect("start posko serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .unwrap_or_else(|| {
                panic!(
                    "{nama}: no address in {line:?}; log:\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                )
            })
            .to_string();
        Server {
            child,
            base: format!("http://{addr}"),
            log,
        }
    }

    /// SIGKILL: no shutdown, no flushing, connections cut.
    fn bunuh(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The in-process view of the same database, for setting up and checking.
async fn posko_of(db: &Db) -> Posko {
    posko::connect(
        &db.url,
        &posko::KeySource {
            file: Some(db.dir.path().join("posko.key")),
            env: None,
        },
    )
    .await
    .unwrap()
}

const DESA: [&str; 2] = ["32.73.01.1001", "32.73.01.1002"];
const PER_DESA: usize = 150;

/// Two desa of Kota Bandung with 150 TPS each.
fn wilayah_dan_tps(db: &Db) {
    db.ok(&[
        "import",
        "wilayah",
        &db.write(
            "wilayah.csv",
            "kode,nama,level,kode_induk\n32,Jawa Barat,provinsi,\n\
             32.73,Kota Bandung,kabkota,32\n32.73.01,Sukasari,kecamatan,32.73\n\
             32.73.01.1001,Sukarasa,desa,32.73.01\n32.73.01.1002,Gegerkalong,desa,32.73.01\n",
        ),
    ]);
    let mut tps = String::from("kode_desa,tps_no,dpt_laki,dpt_perempuan,dpt_total\n");
    for d in DESA {
        for n in 1..=PER_DESA {
            tps.push_str(&format!("{d},{n},150,150,300\n"));
        }
    }
    db.ok(&["import", "tps", &db.write("tps.csv", tps)]);
}

/// Result `i` (0..300): its API path and body, and its two paslon's votes.
fn hasil(id: uuid::Uuid, i: usize) -> (String, String, [u64; 2]) {
    let desa = DESA[i / PER_DESA].replace('.', "");
    let tps = format!("{desa}{:03}", i % PER_DESA + 1);
    let (a, b) = (100 + (i as u64 % 50), 80 + (i as u64 % 30));
    let body = json!({
        "kunci_klien": format!("banyak-{tps}"),
        "formulir": {
            "suara_paslon": [a, b],
            "suara_sah": a + b, "suara_tidak_sah": 3, "suara_total": a + b + 3
        }
    })
    .to_string();
    (
        format!("/api/v1/pemilihan/{id}/tps/{tps}/hasil"),
        body,
        [a, b],
    )
}

async fn kirim(
    c: &reqwest::Client,
    base: &str,
    auth: &str,
    path: &str,
    body: &str,
) -> Result<StatusCode, String> {
    let r = c
        .post(format!("{base}{path}"))
        .header("authorization", auth)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let s = r.status();
    // Acknowledged only when the whole answer arrived.
    r.bytes().await.map_err(|e| e.to_string())?;
    Ok(s)
}

/// The `rekap` events of a live stream, each with when it arrived.
fn dengar_sse(mut r: reqwest::Response) -> tokio::sync::mpsc::UnboundedReceiver<(Instant, String)> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut buf = String::new();
        while let Ok(Some(chunk)) = r.chunk().await {
            buf.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(i) = buf.find("\n\n") {
                let ev: String = buf.drain(..i + 2).collect();
                if ev.lines().any(|l| l == "event: rekap") {
                    let data = ev
                        .lines()
                        .filter_map(|l| l.strip_prefix("data: "))
                        .collect::<String>();
                    if tx.send((Instant::now(), data)).is_err() {
                        return;
                    }
                }
            }
        }
    });
    rx
}

fn pg_saja() -> bool {
    common::postgres_url().is_some()
}

#[test]
fn three_servers_share_results_and_live_pages() {
    if !pg_saja() {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(tiga_server());
}

async fn tiga_server() {
    let db = Db::new("postgres");
    wilayah_dan_tps(&db);
    let posko = posko_of(&db).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "32", 2).await;
    let (_, rahasia) = posko
        .issue_token(
            &Aktor::system(),
            "banyak-server",
            Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap(),
        )
        .await
        .unwrap();
    let auth = format!("Bearer {rahasia}");
    let mut server: Vec<Server> = (1..=3)
        .map(|n| Server::start(&db, &format!("server{n}"), None))
        .collect();
    let base: Vec<String> = server.iter().map(|s| s.base.clone()).collect();
    let c = reqwest::Client::new();

    // A live page on server 1 hears writes made through servers 2 and 3.
    let r = c
        .get(format!("{}/pemilihan/{id}/hasil/32/langsung", base[0]))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let mut sse = dengar_sse(r);
    let (_, awal) = tokio::time::timeout(Duration::from_secs(10), sse.recv())
        .await
        .expect("the first rekap event")
        .unwrap();
    let mut lewat = Vec::new();
    let mut terakhir = awal;
    for j in 0..6 {
        // Past the stream's minimum gap and any start-up: the time measured
        // is the write's, through another server, to this page.
        tokio::time::sleep(Duration::from_millis(700)).await;
        let (path, body, _) = hasil(id, j);
        let t0 = Instant::now();
        let s = kirim(&c, &base[1 + j % 2], &auth, &path, &body)
            .await
            .unwrap();
        assert!(s.is_success(), "{s}");
        let (t, data) = tokio::time::timeout(Duration::from_secs(5), sse.recv())
            .await
            .unwrap_or_else(|_| panic!("server 1 never showed write {j} made through another"))
            .unwrap();
        assert_ne!(data, terakhir);
        terakhir = data;
        lewat.push(t.duration_since(t0));
    }
    let ms: Vec<u128> = lewat.iter().map(Duration::as_millis).collect();
    println!("SSE on server 1 after a write through server 2/3: {ms:?} ms");
    for l in &lewat {
        assert!(
            *l < Duration::from_secs(2),
            "a write through another server took {l:?} to reach the live page ({ms:?})"
        );
    }
    let mut urut = ms.clone();
    urut.sort();
    // Polling every 2 s would put half of them above a second.
    assert!(
        urut[urut.len() / 2] < 1_000,
        "median {} ms: the page polled rather than heard NOTIFY ({ms:?})",
        urut[urut.len() / 2]
    );

    // 300 results round-robin over the three, server 2 killed mid-way; a
    // submission that fails is retried on the next server with the same
    // client key.
    let n = DESA.len() * PER_DESA;
    let berikut = Arc::new(AtomicUsize::new(0));
    let diakui = Arc::new(AtomicUsize::new(0));
    let ulang = Arc::new(AtomicUsize::new(0));
    let base = Arc::new(base);
    let mut tugas = Vec::new();
    for _ in 0..6 {
        let (c, base, auth) = (c.clone(), base.clone(), auth.clone());
        let (berikut, diakui, ulang) = (berikut.clone(), diakui.clone(), ulang.clone());
        tugas.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let i = berikut.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break mine;
                }
                let (path, body, suara) = hasil(id, i);
                let mut coba = 0;
                loop {
                    let b = &base[(i + coba) % 3];
                    match kirim(&c, b, &auth, &path, &body).await {
                        Ok(s) if s.is_success() => break,
                        Ok(s) if s.is_client_error() => panic!("result {i} refused: {s}"),
                        _ => {
                            ulang.fetch_add(1, Ordering::Relaxed);
                            coba += 1;
                            assert!(coba < 30, "result {i} never acknowledged");
                            tokio::time::sleep(Duration::from_millis(50)).await;
                        }
                    }
                }
                diakui.fetch_add(1, Ordering::Relaxed);
                mine.push((i, suara));
            }
        }));
    }
    while diakui.load(Ordering::Relaxed) < 100 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server[1].bunuh();
    let dibunuh_pada = diakui.load(Ordering::Relaxed);
    let mut semua: HashMap<usize, [u64; 2]> = HashMap::new();
    for t in tugas {
        for (i, s) in t.await.unwrap() {
            assert!(semua.insert(i, s).is_none());
        }
    }
    println!(
        "{n} results over 3 servers, server 2 killed after {dibunuh_pada} acknowledged; \
         {} retries against the others",
        ulang.load(Ordering::Relaxed)
    );
    assert_eq!(semua.len(), n);
    // Every acknowledged result is there, once: the totals are their sum.
    let rekap = posko
        .rekap_wilayah(id, KodeWilayah::parse("32").unwrap(), 2)
        .await
        .unwrap();
    let jumlah = semua
        .values()
        .fold([0u64; 2], |acc, s| [acc[0] + s[0], acc[1] + s[1]]);
    assert_eq!(rekap.tps_masuk, n as u64);
    assert_eq!(rekap.angka.suara, jumlah.to_vec());
    assert_eq!(posko.verify_audit().await.unwrap().broken, None);
    // The survivors still answer, and server 1's page is still live.
    for s in [&server[0], &server[2]] {
        let r = c.get(format!("{}/healthz", s.base)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", s.log.display());
    }
    drop(sse);
    drop(server);
}

// ------------------------------------------------------------- the outbox

type Terkirim = Arc<Mutex<Vec<String>>>;

/// A fake of the SMS gateway app's send API that records each recipient
/// it accepted a message for.
async fn gerbang_penghitung() -> (String, Terkirim) {
    let got: Terkirim = Arc::default();
    let app = axum::Router::new()
        .route(
            "/message",
            post(
                |State(got): State<Terkirim>, body: axum::Json<Value>| async move {
                    let ke = body.0["phoneNumbers"][0].as_str().unwrap_or("").to_string();
                    got.lock().unwrap().push(ke);
                    (StatusCode::ACCEPTED, "{\"state\":\"Pending\"}")
                },
            ),
        )
        .with_state(got.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/message"), got)
}

/// A gateway that takes connections and never answers: a send through it
/// stays in flight. Counts the connections.
async fn gerbang_lubang() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let n = Arc::new(AtomicUsize::new(0));
    let hitung = n.clone();
    tokio::spawn(async move {
        let mut dipegang = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            hitung.fetch_add(1, Ordering::Relaxed);
            dipegang.push(s);
        }
    });
    (format!("http://{addr}/message"), n)
}

fn tanda(body: &str, ts: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(KUNCI.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    mac.update(ts.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn nomor(i: usize) -> String {
    format!("+628130000{i:04}")
}

async fn sms_masuk(c: &reqwest::Client, base: &str, i: usize) {
    let body = json!({
        "deviceId": "ffffffffceb0b1db00000193991c27e5",
        "event": "sms:received",
        "id": format!("banyak-{i}"),
        "payload": {
            "message": "halo",
            "receivedAt": "2029-11-28T13:05:00.000+07:00",
            "messageId": format!("m{i}"),
            "phoneNumber": nomor(i),
            "simNumber": 1
        },
        "webhookId": "LreFUt-Z3sSq0JufY9uWB"
    })
    .to_string();
    let ts = time::OffsetDateTime::now_utc().unix_timestamp().to_string();
    let r = c
        .post(format!("{base}/webhooks/sms-gateway"))
        .header("content-type", "application/json")
        .header("x-timestamp", &ts)
        .header("x-signature", tanda(&body, &ts))
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
}

async fn keluar(posko: &Posko, status: &str) -> u64 {
    posko
        .store()
        .hitung_keluar_per_status()
        .await
        .unwrap()
        .into_iter()
        .find(|(s, _)| s == status)
        .map_or(0, |(_, n)| n)
}

#[test]
fn a_dead_servers_replies_move_to_another_once() {
    if !pg_saja() {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(pindah_balasan());
}

async fn pindah_balasan() {
    const N: usize = 20;
    let db = Db::new("postgres");
    let posko = posko_of(&db).await;
    let (lubang, tersambung) = gerbang_lubang().await;
    let (penghitung, terkirim) = gerbang_penghitung().await;
    // Server A's gateway never answers: it claims the replies and holds
    // them, sending, when it is killed.
    let mut a = Server::start(&db, "server-a", Some(&lubang));
    let c = reqwest::Client::new();
    for i in 0..N {
        sms_masuk(&c, &a.base, i).await;
    }
    let t = Instant::now();
    while tersambung.load(Ordering::Relaxed) < posko_app::pesan::KIRIM_SERENTAK {
        assert!(t.elapsed() < Duration::from_secs(20), "server A never sent");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(keluar(&posko, "antre").await, N as u64);
    a.bunuh();
    let dibunuh = Instant::now();
    let b = Server::start(&db, "server-b", Some(&penghitung));
    while terkirim.lock().unwrap().len() < N {
        assert!(
            dibunuh.elapsed() < Duration::from_secs(30),
            "{} of {N} replies moved within 30 s; log:\n{}",
            terkirim.lock().unwrap().len(),
            std::fs::read_to_string(&b.log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let pindah = dibunuh.elapsed();
    // Anything sent twice would arrive within a couple of passes.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut per_nomor: HashMap<String, usize> = HashMap::new();
    for ke in terkirim.lock().unwrap().iter() {
        *per_nomor.entry(ke.clone()).or_default() += 1;
    }
    println!(
        "a dead server's {N} replies were sent by another {:.1} s after the kill; \
         deliveries per reply: max {}",
        pindah.as_secs_f64(),
        per_nomor.values().max().unwrap()
    );
    assert_eq!(per_nomor.len(), N);
    assert!(per_nomor.values().all(|n| *n == 1), "{per_nomor:?}");
    assert_eq!(keluar(&posko, "terkirim").await, N as u64);
    drop(b);
}

// ------------------------------------------ the heartbeat, both backends

/// A gateway that takes 6 s per message (under the 8 s limit) and counts
/// what it delivered per recipient.
#[derive(Default)]
struct Lambat(Mutex<HashMap<String, usize>>);

#[async_trait::async_trait]
impl PengirimBalasan for Lambat {
    async fn kirim(&self, _: Saluran, tujuan: &str, _: &str) -> Result<(), String> {
        tokio::time::sleep(Duration::from_secs(6)).await;
        *self
            .0
            .lock()
            .unwrap()
            .entry(tujuan.to_string())
            .or_default() += 1;
        Ok(())
    }
}

per_backend!(a_slow_senders_claim_is_kept_alive);
/// Thirty replies through a slow gateway, ten at a time, take 18 s: past
/// the 15 s lease. The sender's heartbeat keeps them, so a second sender
/// polling the outbox meanwhile sends none of them again.
async fn a_slow_senders_claim_is_kept_alive(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = common::store(backend, dir.path()).await;
    for i in 0..30 {
        posko
            .terima_pesan(PesanGerbang {
                saluran: Saluran::SmsGateway,
                kunci_luar: format!("lambat-{i}"),
                pengirim: nomor(i),
                teks: "halo".into(),
                foto: Vec::new(),
                kontak: None,
            })
            .await
            .unwrap();
    }
    assert_eq!(keluar(&posko, "antre").await, 30);
    let lambat = Arc::new(Lambat::default());
    let pertama = {
        let (p, l) = (posko.clone(), lambat.clone());
        tokio::spawn(async move { p.kirim_balasan(&*l).await })
    };
    let mulai = Instant::now();
    let mut kedua = 0;
    while !pertama.is_finished() {
        if mulai.elapsed() > Duration::from_secs(15) {
            kedua += posko.kirim_balasan(&*lambat).await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let n = pertama.await.unwrap().unwrap();
    println!(
        "{backend}: the slow sender sent {n} in {:.1} s; the second sender {kedua}",
        mulai.elapsed().as_secs_f64()
    );
    assert!(
        mulai.elapsed() > Duration::from_secs(16),
        "{:?}",
        mulai.elapsed()
    );
    assert_eq!((n, kedua), (30, 0));
    let per = lambat.0.lock().unwrap().clone();
    assert_eq!(per.len(), 30);
    assert!(per.values().all(|n| *n == 1), "{per:?}");
    assert_eq!(keluar(&posko, "terkirim").await, 30);
}
