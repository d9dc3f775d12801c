//! Shared test harness: a real store (a SQLite file, or a fresh PostgreSQL
//! schema when POSKO_TEST_POSTGRES_URL is set), real public data, and the
//! real HTTP server on 127.0.0.1:0.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// The backends to run on: SQLite always, PostgreSQL when configured
/// (and then it must work; CI without it fails rather than skips).
pub fn backends() -> Vec<&'static str> {
    let mut v = vec!["sqlite"];
    if std::env::var_os("POSKO_TEST_POSTGRES_URL").is_some() {
        v.push("postgres");
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must test PostgreSQL: set POSKO_TEST_POSTGRES_URL"
        );
        eprintln!("SKIPPED postgres: POSKO_TEST_POSTGRES_URL not set");
    }
    v
}

pub async fn store(backend: &str, dir: &Path) -> Posko {
    match backend {
        "sqlite" => Posko::new(
            Arc::new(SqliteStore::open(&dir.join("posko.db")).await.unwrap()),
            Arc::new(Brankas::generate()),
        ),
        "postgres" => {
            let url = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
            Posko::new(
                Arc::new(PostgresStore::connect_fresh_schema(&url).await.unwrap()),
                Arc::new(Brankas::generate()),
            )
        }
        other => panic!("unknown backend {other}"),
    }
}

/// Loads DKI Jakarta's real regions (filtered from the national file into
/// `dir`) and its 13,023 real TPS of 2017.
pub async fn load_dki(posko: &Posko, data: &Path, dir: &Path) {
    let all = std::fs::read_to_string(data.join("wilayah/wilayah.csv")).unwrap();
    let mut lines = all.lines();
    let mut dki = format!("{}\n", lines.next().unwrap());
    for l in lines.filter(|l| l.starts_with("31")) {
        dki.push_str(l);
        dki.push('\n');
    }
    let file = dir.join("wilayah_31.csv");
    std::fs::write(&file, dki).unwrap();
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

fn csrf_of(cookie: &str) -> Option<String> {
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

fn client_with_cookie(cookie: Option<&str>) -> reqwest::Client {
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
        .create_pemilihan(
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
            .add_paslon(
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

/// DKI's regions and TPS, a two-paslon gubernur election over DKI, and
/// saksi (name, phone, TPS code) imported as a coordinator would.
pub async fn dki_dengan_saksi(
    posko: &Posko,
    data: &Path,
    dir: &Path,
    saksi: &[(&str, &str, &str)],
) -> uuid::Uuid {
    load_dki(posko, data, dir).await;
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
