//! Shared test harness: a real store (a SQLite file, or a PostgreSQL schema
//! or database of its own when POSKO_TEST_POSTGRES_URL is set), real public
//! data, and the real HTTP server on 127.0.0.1:0.
//!
//! `per_backend!` runs a test once per backend as two
//! tests; every PostgreSQL schema or database a test makes is dropped when
//! the test ends, passed or failed. DKI Jakarta's regions and TPS are
//! imported once per backend per process ([`store_dki`]) and copied for
//! each test that needs them.

/// Makes `name::sqlite` and `name::postgres` tests of the function `name`
/// in the same module: `per_backend!(name)` for
/// `async fn name(backend: &'static str)` on a multi-threaded runtime
/// (`per_backend!(name, worker_threads = 4)` for more threads), and
/// `per_backend!(cli name)` for `fn name(db: &cli_harness::Db)`, given an
/// empty database. PostgreSQL's half skips when POSKO_TEST_POSTGRES_URL is
/// unset, and fails under CI.
macro_rules! per_backend {
    ($name:ident) => {
        per_backend!($name, worker_threads = 2);
    };
    ($name:ident, worker_threads = $n:literal) => {
        mod $name {
            #[test]
            fn sqlite() {
                crate::common::run_async("sqlite", $n, super::$name);
            }

            #[test]
            fn postgres() {
                crate::common::run_async("postgres", $n, super::$name);
            }
        }
    };
    (cli $name:ident) => {
        mod $name {
            #[test]
            fn sqlite() {
                crate::cli_harness::run("sqlite", super::$name);
            }

            #[test]
            fn postgres() {
                crate::cli_harness::run("postgres", super::$name);
            }
        }
    };
}

pub mod proksi;

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use posko_app::{Aktor, Brankas, ImportRequest, Klien, NewPengguna, Posko};
use posko_domain::{Cakupan, Penugasan, Peran};
use posko_postgres::PostgresStore;
use posko_sqlite::SqliteStore;

pub fn shared_data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must skip nothing, but ../shared/data is missing"
        );
        eprintln!("SKIPPED: ../shared/data not found");
        None
    }
}

/// The PostgreSQL server to test on, when configured (and then it must
/// work; CI without it fails rather than skips).
pub fn postgres_url() -> Option<String> {
    match std::env::var("POSKO_TEST_POSTGRES_URL") {
        Ok(url) => Some(url),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must test PostgreSQL: set POSKO_TEST_POSTGRES_URL"
            );
            eprintln!("SKIPPED postgres: POSKO_TEST_POSTGRES_URL not set");
            None
        }
    }
}

/// Runs one backend's half of a `per_backend!` test
/// on a runtime of its own; skips PostgreSQL when it is not configured
/// (outside CI). What the test made in PostgreSQL is dropped afterwards,
/// also when it panicked.
pub fn run_async<F, Fut>(backend: &'static str, worker_threads: usize, test: F)
where
    F: FnOnce(&'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    if backend == "postgres" && postgres_url().is_none() {
        return;
    }
    let cleanup = Cleanup::default();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(worker_threads)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(CLEANUP.scope(cleanup.clone(), test(backend)));
    // The server tasks still hold connections: end them before dropping.
    drop(rt);
    drop(cleanup);
}

/// What a test leaves behind: PostgreSQL schemas and databases (a `DROP …`
/// to run on POSKO_TEST_POSTGRES_URL) and folders. Removed with the last
/// handle, after the test's runtime has ended its server tasks (which may
/// otherwise reopen a SQLite file in a folder being removed, and keep it).
#[derive(Clone, Default)]
pub struct Cleanup(Arc<Mutex<Vec<Sisa>>>);

enum Sisa {
    Sql(String),
    Folder(PathBuf),
}

tokio::task_local! {
    static CLEANUP: Cleanup;
}

/// Runs `sql` (a `DROP …` on POSKO_TEST_POSTGRES_URL) when the running
/// [`run_async`] test ends; outside one, says what is left behind.
pub fn drop_after_test(sql: String) {
    if CLEANUP
        .try_with(|c| c.0.lock().unwrap().push(Sisa::Sql(sql.clone())))
        .is_err()
    {
        eprintln!("not dropped after the test: {sql}");
    }
}

/// Removes `dir` when the running [`run_async`] test ends, not before;
/// outside one, leaves it to its own `Drop`.
pub fn remove_after_test(dir: &mut tempfile::TempDir) {
    let path = dir.path().to_path_buf();
    if CLEANUP
        .try_with(|c| c.0.lock().unwrap().push(Sisa::Folder(path)))
        .is_ok()
    {
        dir.disable_cleanup(true);
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if Arc::strong_count(&self.0) > 1 {
            return;
        }
        let sisa = std::mem::take(&mut *self.0.lock().unwrap());
        let url = std::env::var("POSKO_TEST_POSTGRES_URL");
        for s in sisa {
            match (s, &url) {
                (Sisa::Sql(sql), Ok(url)) => {
                    if let Err(e) = pg_try_execute(url, &sql) {
                        eprintln!("{sql}: {e}");
                    }
                }
                (Sisa::Sql(sql), Err(_)) => eprintln!("not dropped after the test: {sql}"),
                (Sisa::Folder(dir), _) => {
                    let _ = std::fs::remove_dir_all(dir);
                }
            }
        }
    }
}

/// Runs `sql` on `url` from a thread of its own (so also from inside a
/// runtime).
pub fn pg_execute(url: &str, sql: &str) {
    if let Err(e) = pg_try_execute(url, sql) {
        panic!("{sql}: {e}");
    }
}

/// Runs `sql` on `url` from a thread of its own; never panics (for `Drop`).
pub fn pg_try_execute(url: &str, sql: &str) -> Result<(), String> {
    let (url, sql) = (url.to_string(), sql.to_string());
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        rt.block_on(async {
            let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                .await
                .map_err(|e| e.to_string())?;
            let conn = tokio::spawn(conn);
            let r = client.batch_execute(&sql).await;
            drop(client);
            let _ = conn.await;
            r.map_err(|e| e.to_string())
        })
    })
    .join()
    .unwrap_or_else(|_| Err("the statement's thread panicked".into()))
}

/// `url` with its database name replaced by `db`.
pub fn url_with_db(url: &str, db: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, format!("?{q}")),
        None => (url, String::new()),
    };
    let host = main.find("://").map_or(0, |i| i + 3);
    let base = match main[host..].find('/') {
        Some(i) => &main[..host + i],
        None => main,
    };
    format!("{base}/{db}{query}")
}

/// An empty store in `dir` (SQLite) or in a schema of its own (PostgreSQL),
/// dropped when the test ends.
pub async fn store(backend: &str, dir: &Path) -> Posko {
    match backend {
        "sqlite" => Posko::new(
            Arc::new(SqliteStore::open(&dir.join("posko.db")).await.unwrap()),
            Arc::new(Brankas::generate()),
        ),
        "postgres" => {
            let url = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
            let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
            let store = PostgresStore::connect_in_schema(&url, Some(&schema))
                .await
                .unwrap();
            drop_after_test(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            Posko::new(Arc::new(store), Arc::new(Brankas::generate()))
        }
        other => panic!("unknown backend {other}"),
    }
}

/// A store as [`store`] makes it, holding DKI Jakarta's regions and TPS as
/// [`load_dki`] imports them: a copy of a database imported once per
/// backend per process (a SQLite file; a PostgreSQL template database).
pub async fn store_dki(backend: &str, data: &Path, dir: &Path) -> Posko {
    let backend: &'static str = match backend {
        "sqlite" => "sqlite",
        "postgres" => "postgres",
        other => panic!("unknown backend {other}"),
    };
    let data_tpl = data.to_path_buf();
    // The template is built on a runtime of its own, once; the tests that
    // want it meanwhile wait here.
    let template = tokio::task::spawn_blocking(move || template_dki(backend, &data_tpl))
        .await
        .unwrap();
    // The file load_dki leaves in `dir`, as tests may read it.
    tulis_wilayah_dki(data, dir);
    match backend {
        "sqlite" => {
            std::fs::copy(&template, dir.join("posko.db")).unwrap();
            store("sqlite", dir).await
        }
        "postgres" => {
            let url = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
            let db = format!("t_{}", uuid::Uuid::now_v7().simple());
            let tpl = template.to_str().unwrap();
            pg_execute(&url, &format!("CREATE DATABASE {db} TEMPLATE {tpl}"));
            drop_after_test(format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
            let store = PostgresStore::connect(&url_with_db(&url, &db))
                .await
                .unwrap();
            Posko::new(Arc::new(store), Arc::new(Brankas::generate()))
        }
        other => panic!("unknown backend {other}"),
    }
}

/// The DKI template of `backend`: a SQLite file's path, or a PostgreSQL
/// database's name. Built on first use; templates left by processes that
/// have ended are removed then.
fn template_dki(backend: &'static str, data: &Path) -> PathBuf {
    static SQLITE: OnceLock<PathBuf> = OnceLock::new();
    static POSTGRES: OnceLock<PathBuf> = OnceLock::new();
    let cell = if backend == "sqlite" {
        &SQLITE
    } else {
        &POSTGRES
    };
    cell.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let t = rt.block_on(build_template(backend, data));
        // Every connection the import opened ends with the runtime.
        drop(rt);
        if backend == "sqlite" {
            // One self-contained file: the WAL folded in, no -wal/-shm.
            let conn = rusqlite::Connection::open(&t).unwrap();
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .unwrap();
            let mode: String = conn
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "delete", "{}", t.display());
        }
        t
    })
    .clone()
}

const TEMPLATE_PREFIX: &str = "posko_dki_";

fn process_ended(pid: &str) -> bool {
    pid.parse::<u32>()
        .is_ok_and(|pid| !Path::new(&format!("/proc/{pid}")).exists())
}

async fn build_template(backend: &str, data: &Path) -> PathBuf {
    let pid = std::process::id();
    let name = format!("{TEMPLATE_PREFIX}{pid}_{}", uuid::Uuid::now_v7().simple());
    match backend {
        "sqlite" => {
            let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
            for e in std::fs::read_dir(root).into_iter().flatten().flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if let Some(rest) = n.strip_prefix(TEMPLATE_PREFIX)
                    && process_ended(rest.split('_').next().unwrap_or_default())
                {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
            let dir = root.join(&name);
            std::fs::create_dir_all(&dir).unwrap();
            let posko = store("sqlite", &dir).await;
            load_dki(&posko, data, &dir).await;
            dir.join("posko.db")
        }
        _ => {
            let url = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
            let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(conn);
            for row in client
                .query(
                    "SELECT datname FROM pg_database WHERE datname LIKE 'posko\\_dki\\_%'",
                    &[],
                )
                .await
                .unwrap()
            {
                let db: String = row.get(0);
                let pid = db[TEMPLATE_PREFIX.len()..]
                    .split('_')
                    .next()
                    .unwrap_or_default();
                if process_ended(pid) {
                    let _ = client
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
                        .await;
                }
            }
            client
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            let tmp = tempfile::tempdir().unwrap();
            let store = PostgresStore::connect(&url_with_db(&url, &name))
                .await
                .unwrap();
            let posko = Posko::new(Arc::new(store), Arc::new(Brankas::generate()));
            load_dki(&posko, data, tmp.path()).await;
            PathBuf::from(name)
        }
    }
}

/// DKI's regions, filtered from the national file, as `dir/wilayah_31.csv`.
fn tulis_wilayah_dki(data: &Path, dir: &Path) -> PathBuf {
    let all = std::fs::read_to_string(data.join("wilayah/wilayah.csv")).unwrap();
    let mut lines = all.lines();
    let mut dki = format!("{}\n", lines.next().unwrap());
    for l in lines.filter(|l| l.starts_with("31")) {
        dki.push_str(l);
        dki.push('\n');
    }
    let file = dir.join("wilayah_31.csv");
    std::fs::write(&file, dki).unwrap();
    file
}

/// Loads DKI Jakarta's real regions (filtered from the national file into
/// `dir`) and its 13,023 real TPS of 2017.
pub async fn load_dki(posko: &Posko, data: &Path, dir: &Path) {
    let file = tulis_wilayah_dki(data, dir);
    let r = posko
        .import_wilayah(&Aktor::system(), &file, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let r = posko
        .import_tps(
            &Aktor::system(),
            &data.join("tps/pilkada_dki2017_putaran1_dpt_tps.csv"),
            ImportRequest::default(),
        )
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
}

pub struct TestServer {
    pub addr: SocketAddr,
    pub posko: Posko,
    pub dir: tempfile::TempDir,
    /// The session cookie of a campaign manager, signed in for the test.
    pub cookie: String,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // The server runs until the test's runtime ends: its folder goes then.
        remove_after_test(&mut self.dir);
    }
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A client signed in as the campaign manager.
    pub fn client(&self) -> reqwest::Client {
        client_with_cookie(Some(&self.cookie))
    }

    /// A client signed in with one role over one scope.
    pub async fn client_as(&self, username: &str, roles: Vec<Penugasan>) -> reqwest::Client {
        let cookie = sign_in(&self.posko, username, roles).await;
        client_with_cookie(Some(&cookie))
    }

    /// A new account `username` with one role over one scope, signed in.
    pub async fn user(&self, username: &str, peran: Peran, cakupan: Cakupan) -> reqwest::Client {
        self.client_as(username, vec![Penugasan::new(peran, cakupan).unwrap()])
            .await
    }
}

pub const PASSWORD: &str = "kata-sandi-uji-panjang";

pub fn klien() -> Klien {
    Klien {
        alamat: "127.0.0.1".into(),
        perangkat: "posko-test".into(),
        peramban: None,
    }
}

/// The CSRF token of every session the harness opened, by cookie, so a
/// test's client sends it as Posko's own pages do (`X-CSRF-Token`) on API
/// calls; tests of cross-site requests use [`client_tanpa_csrf`].
static CSRF: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

fn ingat_csrf(cookie: &str, masuk: &posko_app::Masuk) {
    CSRF.lock()
        .unwrap()
        .push((cookie.to_string(), masuk.sesi.csrf.clone()));
}

pub fn csrf_of(cookie: &str) -> Option<String> {
    CSRF.lock()
        .unwrap()
        .iter()
        .find(|(c, _)| c == cookie)
        .map(|(_, t)| t.clone())
}

/// Creates an account with `roles` and signs it in; returns the cookie.
pub async fn sign_in(posko: &Posko, username: &str, roles: Vec<Penugasan>) -> String {
    posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: username.into(),
                nama: format!("Uji {username}"),
                password: Some(PASSWORD.into()),
                penugasan: roles,
                telepon: None,
            },
        )
        .await
        .unwrap();
    let (token, masuk) = posko
        .sign_in(username, PASSWORD, &klien())
        .await
        .unwrap()
        .unwrap();
    let cookie = format!("{}={token}", posko_web::auth::COOKIE);
    ingat_csrf(&cookie, &masuk);
    cookie
}

pub async fn serve(posko: Posko, dir: tempfile::TempDir) -> TestServer {
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = posko.clone();
    tokio::spawn(async move { posko_web::serve(listener, app).await });
    let manager = Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap();
    let cookie = sign_in(&posko, "uji.manajer", vec![manager]).await;
    TestServer {
        addr,
        posko,
        dir,
        cookie,
    }
}

/// A second session for an existing account (another device).
pub async fn sign_in_again(posko: &Posko, username: &str) -> String {
    let (token, masuk) = posko
        .sign_in(username, PASSWORD, &klien())
        .await
        .unwrap()
        .unwrap();
    let cookie = format!("{}={token}", posko_web::auth::COOKIE);
    ingat_csrf(&cookie, &masuk);
    cookie
}

pub fn client_with(cookie: &str) -> reqwest::Client {
    client_with_cookie(Some(cookie))
}

/// A client that follows no redirects (tests check them) and sends no
/// cookie: an anonymous visitor.
pub fn client() -> reqwest::Client {
    client_with_cookie(None)
}

/// A client holding a session cookie but not its CSRF token: what a
/// cross-site page can make a signed-in browser send.
pub fn client_tanpa_csrf(cookie: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

pub fn client_with_cookie(cookie: Option<&str>) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(c) = cookie {
        headers.insert(reqwest::header::COOKIE, c.parse().unwrap());
        if let Some(t) = csrf_of(c) {
            headers.insert("x-csrf-token", t.parse().unwrap());
        }
    }
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

/// The value of the first `<input name="…" value="…">` of a page (the CSRF
/// token, a hidden id), as a browser would send it back.
pub fn nilai_input(html: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let i = html
        .find(&key)
        .unwrap_or_else(|| panic!("no input '{name}' on the page"))
        + key.len();
    html[i..].split('"').next().unwrap().to_string()
}

/// A gubernur election over `wilayah` with `paslon` candidate pairs
/// ("Calon N" / "Wakil N"), as many tests need one.
pub async fn pemilihan_gubernur(
    posko: &Posko,
    aktor: &Aktor,
    wilayah: &str,
    paslon: u8,
) -> uuid::Uuid {
    let p = posko
        .simpan_pemilihan(
            aktor,
            posko_app::NewPemilihan {
                jenis: posko_domain::JenisPemilihan::Gubernur,
                wilayah: posko_domain::KodeWilayah::parse(wilayah).unwrap(),
                nama: None,
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap();
    for n in 1..=paslon {
        posko
            .simpan_paslon(
                aktor,
                p.id,
                posko_app::NewPaslon {
                    nomor_urut: posko_domain::NomorUrut::new(n).unwrap(),
                    calon_kepala: posko_domain::NamaCalon::parse_field(&format!("Calon {n}"), "c")
                        .unwrap(),
                    calon_wakil: posko_domain::NamaCalon::parse_field(&format!("Wakil {n}"), "w")
                        .unwrap(),
                },
            )
            .await
            .unwrap();
    }
    p.id
}

/// On a store that holds DKI's regions and TPS ([`store_dki`]): a
/// two-paslon gubernur election over DKI, and saksi (name, phone, TPS
/// code) imported as a coordinator would.
pub async fn dengan_saksi(posko: &Posko, dir: &Path, saksi: &[(&str, &str, &str)]) -> uuid::Uuid {
    let id = pemilihan_gubernur(posko, &Aktor::system(), "31", 2).await;
    let csv = dir.join("saksi.csv");
    let mut isi = String::from("nama,telepon,kode_tps\n");
    for (nama, hp, tps) in saksi {
        isi.push_str(&format!("{nama},{hp},{tps}\n"));
    }
    std::fs::write(&csv, isi).unwrap();
    let r = posko
        .import_saksi(&Aktor::system(), None, &csv, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.report.applied, "{:?}", r.report.problems);
    id
}
