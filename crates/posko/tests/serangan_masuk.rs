//! Attacks on the ways in, through the real HTTP server on every backend
//! (issue 17): racing the sign-in throttle, exhausting memory with
//! concurrent Argon2 checks (the real `posko serve` binary, its RSS read
//! from /proc), redirecting a signed-in browser to another origin, and an
//! old cookie outliving the account's disabling.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use axum::http::StatusCode;
use common::{backends, client, client_with, serve, store};
use posko_app::{Aktor, NewPengguna};
use posko_domain::audit::sha256_hex;
use posko_domain::{Cakupan, Penugasan, Peran};

/// Tests here that run Argon2 in this process take turns: the bound on
/// concurrent Argon2 work is process-wide, and a test that floods it must
/// not make another test's one sign-in wait past its timeout.
static BERGILIR: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

// --- item 4: the throttle cannot be raced -------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_concurrent_wrong_passwords_for_one_account_evaluate_at_most_ten() {
    let _giliran = BERGILIR.lock().await;
    for backend in backends() {
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
}

// --- item 11: failed sign-ins in the audit log, as hashes ----------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_sign_ins_are_audited_as_hashes_but_throttled_refusals_are_not() {
    let _giliran = BERGILIR.lock().await;
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let s = serve(store(backend, dir.path()).await, dir).await;
        let akun = sha256_hex(b"akun:uji.manajer");
        let alamat = sha256_hex(b"alamat:127.0.0.1");
        let sebelum = s.posko.store().list_audit(0, 10_000).await.unwrap().len();
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
        let log = s.posko.store().list_audit(0, 10_000).await.unwrap();
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
            s.posko.store().list_audit(0, 10_000).await.unwrap().len(),
            log.len(),
            "{backend}: throttled refusals are not each logged"
        );
        let check = s.posko.verify_audit().await.unwrap();
        assert_eq!(check.broken, None, "{backend}");
    }
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_that_cannot_get_an_argon2_turn_is_told_to_come_back() {
    let _giliran = BERGILIR.lock().await;
    for backend in backends() {
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
        s.posko
            .store()
            .set_password_hash(
                lambat.id,
                &hash_lambat(160),
                &posko_domain::Jejak::new("uji", "uji", "uji", "1", "uji", b""),
            )
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
}

// --- item 11: disabling an account ends its sessions --------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_then_re_enabled_account_keeps_no_old_session() {
    let _giliran = BERGILIR.lock().await;
    for backend in backends() {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_redirects_only_to_same_origin_paths() {
    let _giliran = BERGILIR.lock().await;
    for backend in backends() {
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
}
