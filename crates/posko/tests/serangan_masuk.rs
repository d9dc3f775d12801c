//! Attacks on the ways in, through the real HTTP server on every backend
//! (issue 17, items 4, 5, 6 and part of 11): racing the sign-in throttle,
//! exhausting memory with concurrent Argon2 checks (the real `posko serve`
//! binary, its RSS read from /proc), filling the disk through the Telegram
//! webhook, redirecting a signed-in browser to another origin, and an old
//! cookie outliving the account's disabling.

// Its own binary (the Argon2 bound is process-wide); the harness is shared
// with the main one, which uses all of it.
#[macro_use]
#[allow(dead_code)]
mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use common::{client, client_with, serve, store};
use posko_app::{Aktor, FotoLokal, NewPengguna, Posko};
use posko_domain::audit::sha256_hex;
use posko_domain::{Cakupan, KodeTps, Penugasan, Peran};
use posko_web::gerbang::Gerbang;
use posko_web::telegram::Telegram;
use serde_json::{Value, json};

/// Tests here that run Argon2 in this process take turns: the bound on
/// concurrent Argon2 work is process-wide, and a test that floods it must
/// not make another test's one sign-in wait past its timeout.
static BERGILIR: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

// --- item 4: the throttle cannot be raced -------------------------------------

per_backend!(behind_a_trusted_proxy_each_client_has_its_own_sign_in_count);

/// One wrong sign-in as `pengguna` from the address `xff` claims.
async fn coba_masuk(url: &str, pengguna: &str, sandi: &str, xff: &str) -> StatusCode {
    client()
        .post(url)
        .header("x-forwarded-for", xff)
        .form(&[("username", pengguna), ("password", sandi)])
        .send()
        .await
        .unwrap()
        .status()
}

/// Behind the reverse proxy the operator names, each client keeps its own
/// count of sign-in attempts (so a morning of first sign-ins through one
/// proxy is not turned away together), and a client cannot escape its
/// count by writing the header itself. Without the setting the header is
/// not believed at all.
async fn behind_a_trusted_proxy_each_client_has_its_own_sign_in_count(backend: &'static str) {
    let _giliran = BERGILIR.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let manager = Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap();
    common::sign_in(&posko, "uji.manajer", vec![manager]).await;
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/masuk", listener.local_addr().unwrap());
    let opsi = posko_web::operasi::Opsi {
        proxy_tepercaya: vec![posko_web::proksi::baca_tepercaya("127.0.0.1").unwrap()],
        ..Default::default()
    };
    tokio::spawn(posko_web::serve_sampai(
        listener,
        posko.clone(),
        Default::default(),
        opsi,
        std::future::pending(),
    ));
    // 50 wrong guesses (each at another name) from one client use up its count.
    for i in 0..50 {
        let st = coba_masuk(&url, &format!("tamu{i}"), "salah-sekali", "203.0.113.7").await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{backend}: guess {i}");
    }
    assert_eq!(
        coba_masuk(&url, "tamu-lagi", "salah-sekali", "203.0.113.7").await,
        StatusCode::TOO_MANY_REQUESTS,
        "{backend}"
    );
    // Its own header to the left of what the proxy appended changes nothing.
    assert_eq!(
        coba_masuk(&url, "tamu-lagi", "salah", "198.51.100.9, 203.0.113.7").await,
        StatusCode::TOO_MANY_REQUESTS,
        "{backend}"
    );
    // Other clients behind the same proxy are still heard and let in.
    assert_eq!(
        coba_masuk(&url, "tamu-lain", "salah-sekali", "203.0.113.8").await,
        StatusCode::UNAUTHORIZED,
        "{backend}"
    );
    assert_eq!(
        coba_masuk(&url, "uji.manajer", common::PASSWORD, "2001:db8::9").await,
        StatusCode::SEE_OTHER,
        "{backend}: a saksi's first sign-in of the morning"
    );
    // An IPv6 client may take any address of its /64: one count for all.
    for i in 0..50 {
        let xff = format!("2001:db8:0:7::{:x}", i + 1);
        let st = coba_masuk(&url, &format!("enam{i}"), "salah-sekali", &xff).await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{backend}: guess {i}");
    }
    assert_eq!(
        coba_masuk(&url, "enam-lagi", "salah", "2001:db8:0:7:ffff::1").await,
        StatusCode::TOO_MANY_REQUESTS,
        "{backend}: another address of the same /64"
    );
    assert_eq!(
        coba_masuk(&url, "enam-lagi", "salah", "2001:db8:0:8::1").await,
        StatusCode::UNAUTHORIZED,
        "{backend}: the next /64 is someone else"
    );
    let log = posko.store().daftar_audit(0, 10_000).await.unwrap();
    let alamat = |a: &str| sha256_hex(format!("alamat:{a}").as_bytes());
    assert_eq!(
        log.iter()
            .filter(|e| e.aksi == "masuk.percobaan" && e.ringkasan.contains(&alamat("203.0.113.7")))
            .count(),
        50,
        "{backend}: counted against the client, as the log shows"
    );

    // Not named as trusted: the header is the caller's word, never believed.
    let dir = tempfile::tempdir().unwrap();
    let s = serve(store(backend, dir.path()).await, dir).await;
    for i in 0..50 {
        let st = coba_masuk(
            &s.url("/masuk"),
            &format!("tamu{i}"),
            "salah",
            &format!("203.0.113.{i}"),
        )
        .await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{backend}: guess {i}");
    }
    assert_eq!(
        coba_masuk(&s.url("/masuk"), "tamu-lagi", "salah", "203.0.113.200").await,
        StatusCode::TOO_MANY_REQUESTS,
        "{backend}: a fresh header is no fresh address"
    );
}

per_backend!(forty_concurrent_wrong_passwords_for_one_account_evaluate_at_most_ten);
async fn forty_concurrent_wrong_passwords_for_one_account_evaluate_at_most_ten(
    backend: &'static str,
) {
    let _giliran = BERGILIR.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let s = serve(store(backend, dir.path()).await, dir).await;
    let mut tugas = Vec::new();
    for _ in 0..40 {
        let (anon, url) = (client(), s.url("/masuk"));
        tugas.push(tokio::spawn(async move {
            anon.post(url)
                .form(&[
                    ("username", "uji.manajer"),
                    ("password", "tebakan-salah-lagi"),
                ])
                .send()
                .await
                .unwrap()
        }));
    }
    let mut per_status: BTreeMap<u16, usize> = BTreeMap::new();
    for t in tugas {
        let r = t.await.unwrap();
        if r.status() == StatusCode::SERVICE_UNAVAILABLE {
            assert!(
                r.headers().contains_key("retry-after"),
                "{backend}: a busy answer says when to come back"
            );
        }
        *per_status.entry(r.status().as_u16()).or_default() += 1;
    }
    let dinilai = per_status.get(&401).copied().unwrap_or(0);
    assert!(
        dinilai <= 10,
        "{backend}: {dinilai} evaluated: {per_status:?}"
    );
    assert!(
        per_status.get(&429).copied().unwrap_or(0) >= 30,
        "{backend}: the rest are refused before any Argon2 work: {per_status:?}"
    );
    assert!(
        per_status.keys().all(|s| [401, 429, 503].contains(s)),
        "{backend}: {per_status:?}"
    );
    // The right password waits out the window too.
    let r = client()
        .post(s.url("/masuk"))
        .form(&[("username", "uji.manajer"), ("password", common::PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{backend}");
}

// --- item 11: failed sign-ins in the audit log, as hashes ----------------------

per_backend!(failed_sign_ins_are_audited_as_hashes_but_throttled_refusals_are_not);
async fn failed_sign_ins_are_audited_as_hashes_but_throttled_refusals_are_not(
    backend: &'static str,
) {
    let _giliran = BERGILIR.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let s = serve(store(backend, dir.path()).await, dir).await;
    let akun = sha256_hex(b"akun:uji.manajer");
    let alamat = sha256_hex(b"alamat:127.0.0.1");
    let sebelum = s.posko.store().daftar_audit(0, 10_000).await.unwrap().len();
    let salah = |n: usize| {
        let url = s.url("/masuk");
        async move {
            let mut statuses = Vec::new();
            for _ in 0..n {
                statuses.push(
                    client()
                        .post(&url)
                        .form(&[
                            ("username", "Uji.Manajer"),
                            ("password", "tebakan-salah-lagi"),
                        ])
                        .send()
                        .await
                        .unwrap()
                        .status(),
                );
            }
            statuses
        }
    };
    assert!(
        salah(10)
            .await
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED)
    );
    let log = s.posko.store().daftar_audit(0, 10_000).await.unwrap();
    let baru = &log[sebelum..];
    let tercatat: Vec<_> = baru
        .iter()
        .filter(|e| e.ringkasan.contains(&akun) && e.ringkasan.contains(&alamat))
        .collect();
    assert_eq!(tercatat.len(), 10, "{backend}: {baru:#?}");
    for e in baru {
        let teks = format!("{e:?}").to_lowercase();
        assert!(
            !teks.contains("uji.manajer") && !teks.contains("127.0.0.1"),
            "{backend}: no name or address in clear: {e:?}"
        );
    }
    // Refused by the throttle: answered, but nothing added to the chain.
    assert!(
        salah(5)
            .await
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS)
    );
    assert_eq!(
        s.posko.store().daftar_audit(0, 10_000).await.unwrap().len(),
        log.len(),
        "{backend}: throttled refusals are not each logged"
    );
    let check = s.posko.verify_audit().await.unwrap();
    assert_eq!(check.broken, None, "{backend}");
}

// --- item 4: memory under 200 concurrent wrong sign-ins --------------------

/// `posko serve` on a fresh SQLite file, as an operator starts it; killed
/// when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_serve(dir: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_posko"))
        .arg("--database-url")
        .arg(format!("sqlite://{}", dir.join("posko.db").display()))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir)
        .env_remove("POSKO_DATABASE_URL")
        .env("POSKO_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::from(
            std::fs::File::create(dir.join("serve.log")).unwrap(),
        ))
        .spawn()
        .expect("start posko serve");
    // "Posko berjalan di http://127.0.0.1:PORT  (basis data: …)"
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .parse()
        .unwrap();
    Server { child, addr }
}

/// A `kB` figure of /proc/PID/status, in KiB.
fn status_kib(pid: u32, field: &str) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    s.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().strip_suffix("kB"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_wrong_sign_ins_stay_within_300_mib() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_serve(dir.path());
    let pid = server.child.id();
    let base = format!("http://{}", server.addr);
    let anon = client();
    // Idle: started, and the sign-in page served once.
    let r = anon.get(format!("{base}/masuk")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let idle = status_kib(pid, "VmRSS");

    // 200 at once from one address, each for a different name so that only
    // the per-address limit and the bound on Argon2 work stand in the way.
    let mut tugas = Vec::new();
    for i in 0..200 {
        let (anon, base) = (anon.clone(), base.clone());
        tugas.push(tokio::spawn(async move {
            anon.post(format!("{base}/masuk"))
                .form(&[
                    ("username", format!("tamu{i}").as_str()),
                    ("password", "tebakan-yang-salah"),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    let mut per_status: BTreeMap<u16, usize> = BTreeMap::new();
    for t in tugas {
        *per_status.entry(t.await.unwrap().as_u16()).or_default() += 1;
    }
    let peak = status_kib(pid, "VmHWM");
    let rss = status_kib(pid, "VmRSS");
    let above = peak.saturating_sub(idle);
    println!(
        "200 concurrent wrong sign-ins: idle RSS {} MiB, peak (VmHWM) {} MiB, \
         {} MiB above idle; RSS after {} MiB; answers {per_status:?}",
        idle / 1024,
        peak / 1024,
        above / 1024,
        rss / 1024,
    );
    assert!(
        per_status.keys().all(|s| [401, 429, 503].contains(s)),
        "only refusals: {per_status:?}"
    );
    assert!(
        per_status.get(&401).copied().unwrap_or(0) <= 50,
        "at most the per-address limit is evaluated: {per_status:?}"
    );
    assert!(
        above < 300 * 1024,
        "peak RSS {} MiB above idle (limit 300 MiB)",
        above / 1024
    );
}

// --- item 4: Argon2 work is bounded; excess is told to come back ---------------

/// A PHC string whose check costs `t` passes over 19 MiB: what a stored
/// hash with a high time cost makes a sign-in spend. Its output is
/// arbitrary; no password matches it, but every check runs in full.
fn hash_lambat(t: u32) -> String {
    format!(
        "$argon2id$v=19$m=19456,t={t},p=1$c2FsdHNhbHRzYWx0c2FsdA$\
         AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    )
}

per_backend!(a_sign_in_that_cannot_get_an_argon2_turn_is_told_to_come_back);
async fn a_sign_in_that_cannot_get_an_argon2_turn_is_told_to_come_back(backend: &'static str) {
    let _giliran = BERGILIR.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let s = serve(store(backend, dir.path()).await, dir).await;
    // An account whose stored hash takes several seconds to check;
    // eight checks of it hold every Argon2 turn this process has (one
    // per core, at most eight) for longer than a sign-in waits.
    let (lambat, _) = s
        .posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "lambat".into(),
                nama: "Lambat".into(),
                password: None,
                penugasan: vec![],
                telepon: None,
            },
        )
        .await
        .unwrap();
    // How slow "slow" must be depends on this machine: time a short
    // check, then make each held check last about two waits.
    let jejak = posko_domain::Jejak::new("uji", "uji", "uji", "1", "uji", b"");
    s.posko
        .store()
        .ubah_hash_sandi(lambat.id, &hash_lambat(8), &jejak)
        .await
        .unwrap();
    let ukur = std::time::Instant::now();
    let _ = s.posko.verify_login("lambat", "apa-saja").await;
    let per_putaran = ukur.elapsed().as_secs_f64() / 8.0;
    let target = 2.0 * posko_app::ARGON2_TUNGGU.as_secs_f64();
    let putaran = ((target / per_putaran).ceil() as u32).clamp(16, 5_000);
    s.posko
        .store()
        .ubah_hash_sandi(lambat.id, &hash_lambat(putaran), &jejak)
        .await
        .unwrap();
    let mulai = std::time::Instant::now();
    let mut sibuk = Vec::new();
    for _ in 0..8 {
        let p = s.posko.clone();
        sibuk.push(tokio::spawn(async move {
            // Those that find no turn in time are refused; the rest run.
            let _ = p.verify_login("lambat", "apa-saja-sandinya").await;
            mulai.elapsed()
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let r = client()
        .post(s.url("/masuk"))
        .form(&[("username", "uji.manajer"), ("password", common::PASSWORD)])
        .send()
        .await
        .unwrap();
    let tunggu = mulai.elapsed();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "{backend}");
    assert_eq!(
        r.headers()["retry-after"],
        posko_app::ARGON2_TUNGGU.as_secs().to_string(),
        "{backend}"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("Server sedang sibuk"), "{backend}: {html}");
    // The premise: the slow checks held their turns past the wait.
    let mut terlama = std::time::Duration::ZERO;
    for t in sibuk {
        terlama = terlama.max(t.await.unwrap());
    }
    assert!(terlama > tunggu, "{backend}: {terlama:?} vs {tunggu:?}");
    // The refused sign-in was not counted: the right password works.
    let r = client()
        .post(s.url("/masuk"))
        .form(&[("username", "uji.manajer"), ("password", common::PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
}

// --- item 11: disabling an account ends its sessions --------------------------

per_backend!(a_disabled_then_re_enabled_account_keeps_no_old_session);
async fn a_disabled_then_re_enabled_account_keeps_no_old_session(backend: &'static str) {
    let _giliran = BERGILIR.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let s = serve(store(backend, dir.path()).await, dir).await;
    let manager = Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap();
    let cookie = common::sign_in(&s.posko, "ani.manajer", vec![manager]).await;
    let ani = client_with(&cookie);
    let r = ani.get(s.url("/api/v1/wilayah")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");

    assert!(
        s.posko
            .set_pengguna_aktif(&Aktor::system(), "ani.manajer", false)
            .await
            .unwrap()
    );
    assert!(
        s.posko
            .set_pengguna_aktif(&Aktor::system(), "ani.manajer", true)
            .await
            .unwrap()
    );
    let r = ani.get(s.url("/akun")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/masuk"),
        "{backend}"
    );
    let r = ani.get(s.url("/api/v1/wilayah")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{backend}");
    // Signing in again works, with a new cookie.
    let baru = client_with(&common::sign_in_again(&s.posko, "ani.manajer").await);
    let r = baru.get(s.url("/api/v1/wilayah")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
}

// --- item 6: open redirect after sign-in --------------------------------------

/// What an attacker may put in `lanjut`, and where the browser must land.
const LANJUT: &[(&str, &str)] = &[
    ("/\t/evil.example", "/"),
    ("/\n/evil.example", "/"),
    ("/\r\n/evil.example", "/"),
    ("\t//evil.example", "/"),
    (" //evil.example", "/"),
    ("/\\evil.example", "/"),
    ("/\\/evil.example", "/"),
    ("\\\\evil.example", "/"),
    ("//evil.example", "/"),
    ("///evil.example", "/"),
    ("https://evil.example", "/"),
    ("http:evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("evil.example", "/"),
    ("/\u{0}/evil.example", "/"),
    ("/\u{7f}/evil.example", "/"),
    ("/\u{85}/evil.example", "/"),
    ("", "/"),
    // Percent-encoding is not decoded by the browser's parser: this stays
    // a path on this server (and answers 404 there).
    ("/%09/evil.example", "/%09/evil.example"),
    ("/%2F/evil.example", "/%2F/evil.example"),
    // Local paths go through unchanged.
    ("/wilayah/31.71?warna=dpt", "/wilayah/31.71?warna=dpt"),
    ("/akun", "/akun"),
];

/// Where a browser would be once it followed `location` from this server.
fn sama_asal(location: &str) -> bool {
    location.starts_with('/')
        && !location.starts_with("//")
        && !location.starts_with("/\\")
        && !location.contains(|c: char| c.is_control() || c == '\\')
}

per_backend!(sign_in_redirects_only_to_same_origin_paths);
async fn sign_in_redirects_only_to_same_origin_paths(backend: &'static str) {
    let _giliran = BERGILIR.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let s = serve(store(backend, dir.path()).await, dir).await;
    for (lanjut, harap) in LANJUT {
        let r = client()
            .post(s.url("/masuk"))
            .form(&[
                ("username", "uji.manajer"),
                ("password", common::PASSWORD),
                ("lanjut", lanjut),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend} {lanjut:?}");
        let loc = r.headers()["location"].to_str().unwrap();
        assert_eq!(loc, *harap, "{backend}: sign-in with lanjut={lanjut:?}");
        assert!(sama_asal(loc), "{backend} {lanjut:?} → {loc:?}");

        let kode = s
            .posko
            .issue_login_code(&Aktor::system(), "uji.manajer")
            .await
            .unwrap();
        let mut url = reqwest::Url::parse(&s.url(&format!("/masuk/kode/{kode}"))).unwrap();
        url.query_pairs_mut().append_pair("lanjut", lanjut);
        let r = client().get(url).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend} {lanjut:?}");
        let loc = r.headers()["location"].to_str().unwrap();
        assert_eq!(
            loc, *harap,
            "{backend}: one-time code with lanjut={lanjut:?}"
        );

        // The sign-in page carries it on only when it is safe.
        let mut url = reqwest::Url::parse(&s.url("/masuk")).unwrap();
        url.query_pairs_mut().append_pair("lanjut", lanjut);
        let html = client()
            .get(url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if *harap == "/" {
            assert!(
                !html.contains("evil.example"),
                "{backend}: {lanjut:?} kept on the form"
            );
        }
    }
}

// --- item 5: the Telegram webhook must not fill the disk ---------------------

const TOKEN: &str = "123456:ABC-uji";
const RAHASIA: &str = "rahasia_webhook-uji";
const FOTO_PER_JAM: usize = posko_app::FOTO_PER_JAM as usize;

/// The file_ids the fake Bot API was asked for.
type Unduhan = Arc<Mutex<Vec<String>>>;

/// A small JPEG whose colour depends on `nama`, so each file is distinct
/// on disk (photos are stored under their hash).
fn jpeg(nama: &str) -> Vec<u8> {
    let h = sha256_hex(nama.as_bytes());
    let b = h.as_bytes();
    let img = image::RgbImage::from_fn(32, 24, |x, y| {
        image::Rgb([b[0].wrapping_add(x as u8), b[1].wrapping_add(y as u8), b[2]])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

async fn bot_palsu() -> (SocketAddr, Unduhan) {
    let unduhan: Unduhan = Arc::default();
    let app = axum::Router::new()
        .route(
            "/{bot}/{method}",
            post(
                |State(u): State<Unduhan>,
                 UrlPath((_, method)): UrlPath<(String, String)>,
                 body: axum::Json<Value>| async move {
                    match method.as_str() {
                        "getFile" => {
                            let id = body.0["file_id"].as_str().unwrap().to_string();
                            u.lock().unwrap().push(id.clone());
                            axum::Json(json!({"ok": true, "result": {
                                "file_id": id, "file_unique_id": id,
                                "file_path": format!("photos/{id}.jpg")}}))
                        }
                        _ => axum::Json(json!({"ok": true, "result": {"message_id": 1}})),
                    }
                },
            ),
        )
        .route(
            "/file/{bot}/photos/{nama}",
            get(|UrlPath((_, nama)): UrlPath<(String, String)>| async move { jpeg(&nama) }),
        )
        .with_state(unduhan.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, unduhan)
}

/// The server with the Telegram gateway on, photos kept in `foto`.
async fn serve_telegram(posko: Posko, api: SocketAddr) -> String {
    let g = Gerbang {
        telegram: Some(Telegram {
            token: TOKEN.into(),
            rahasia: RAHASIA.into(),
            url_api: format!("http://{api}"),
        }),
        ..Gerbang::default()
    };
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = posko_web::serve_dengan(listener, posko, g).await;
    });
    format!("http://{addr}")
}

fn update(update_id: i64, dari: i64, isi: Value) -> Value {
    let mut message = json!({
        "message_id": update_id,
        "date": 1_890_000_000,
        "chat": {"id": dari, "type": "private", "first_name": "Saksi"},
        "from": {"id": dari, "is_bot": false, "first_name": "Saksi"},
    });
    for (k, v) in isi.as_object().unwrap() {
        message[k] = v.clone();
    }
    json!({"update_id": update_id, "message": message})
}

fn foto(update_id: i64, dari: i64) -> Value {
    update(
        update_id,
        dari,
        json!({
            "caption": "HASIL 3171011001-001 120 98 TS 4",
            "photo": [
                {"file_id": format!("f{update_id}"), "file_unique_id": format!("u{update_id}"),
                 "width": 960, "height": 1280},
            ],
        }),
    )
}

async fn kirim(base: &str, u: &Value) -> (StatusCode, Value) {
    let r = reqwest::Client::new()
        .post(format!("{base}/webhooks/telegram"))
        .header("x-telegram-bot-api-secret-token", RAHASIA)
        .json(u)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn berkas_di(dir: &Path) -> usize {
    if !dir.exists() {
        return 0;
    }
    walk(dir)
}

fn walk(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() { walk(&p) } else { 1 }
        })
        .sum()
}

/// A saksi account linked to Telegram user `tg` by a one-time code.
async fn saksi_terhubung(posko: &Posko, base: &str, tg: i64) {
    let tps = KodeTps::parse("3171011001001").unwrap();
    posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "siti".into(),
                nama: "Siti Aminah".into(),
                password: None,
                penugasan: vec![Penugasan::new(Peran::Saksi, Cakupan::Tps(tps)).unwrap()],
                telepon: None,
            },
        )
        .await
        .unwrap();
    let kode = posko
        .issue_login_code(&Aktor::system(), "siti")
        .await
        .unwrap();
    let (s, j) = kirim(
        base,
        &update(1, tg, json!({"text": format!("/start {kode}")})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    assert_eq!(j["status"], "diterima", "{j}");
}

per_backend!(telegram_photos_of_unlinked_senders_are_never_downloaded);
async fn telegram_photos_of_unlinked_senders_are_never_downloaded(backend: &'static str) {
    let _giliran = BERGILIR.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("foto");
    let posko = store(backend, dir.path())
        .await
        .with_foto(Arc::new(FotoLokal::new(&folder)));
    let (api, unduhan) = bot_palsu().await;
    let base = serve_telegram(posko.clone(), api).await;
    saksi_terhubung(&posko, &base, 7_001).await;

    // A stranger sends five photos: each is answered (asked to link),
    // none is fetched from Telegram or written to disk.
    for n in 0..5 {
        let (s, j) = kirim(&base, &foto(100 + n, 9_999)).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {j}");
        assert!(j.to_string().contains("belum terhubung"), "{backend}: {j}");
    }
    assert!(
        unduhan.lock().unwrap().is_empty(),
        "{backend}: downloaded {:?}",
        unduhan.lock().unwrap()
    );
    assert_eq!(berkas_di(&folder), 0, "{backend}");
}

per_backend!(telegram_photos_beyond_the_hourly_cap_are_not_downloaded);
async fn telegram_photos_beyond_the_hourly_cap_are_not_downloaded(backend: &'static str) {
    let _giliran = BERGILIR.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("foto");
    let posko = store(backend, dir.path())
        .await
        .with_foto(Arc::new(FotoLokal::new(&folder)));
    let (api, unduhan) = bot_palsu().await;
    let base = serve_telegram(posko.clone(), api).await;
    saksi_terhubung(&posko, &base, 7_001).await;

    for n in 0..FOTO_PER_JAM as i64 {
        let (s, j) = kirim(&base, &foto(200 + n, 7_001)).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {j}");
    }
    assert_eq!(unduhan.lock().unwrap().len(), FOTO_PER_JAM, "{backend}");
    assert_eq!(berkas_di(&folder), FOTO_PER_JAM, "{backend}");
    let pesan = posko.store().daftar_pesan(&[], 1_000).await.unwrap().len();

    // Over the cap: answered politely, nothing fetched, nothing stored.
    for n in 0..3 {
        let (s, j) = kirim(&base, &foto(300 + n, 7_001)).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {j}");
        let teks = j["text"].as_str().unwrap_or_default();
        assert!(teks.contains("foto"), "{backend}: {j}");
    }
    // A retry of an update already counted is not a new photo.
    let (s, _) = kirim(&base, &foto(200, 7_001)).await;
    assert_eq!(s, StatusCode::OK, "{backend}");
    assert_eq!(
        unduhan.lock().unwrap().len(),
        FOTO_PER_JAM + 1,
        "{backend}: only the retry of an accepted photo is fetched again"
    );
    assert_eq!(berkas_di(&folder), FOTO_PER_JAM, "{backend}");
    assert_eq!(
        posko.store().daftar_pesan(&[], 1_000).await.unwrap().len(),
        pesan,
        "{backend}: refused messages are not stored"
    );
}
