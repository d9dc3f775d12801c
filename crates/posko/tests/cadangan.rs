//! Backups that restore, on every backend: `posko backup` (the real
//! binary) while the real server takes results from two phones, then
//! `posko restore` into an empty place and `posko audit verify` there;
//! every result acknowledged before the backup began is in the copy, the
//! audit head the manifest names is in its chain, the photos come back
//! byte for byte, and a backup with a changed or missing file, or a target
//! that is not empty, is refused without writing.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use posko_app::{Aktor, Brankas, FotoLokal, FotoStore, NewPengguna, Posko};
use posko_domain::{Cakupan, KodeTps, Penugasan, Peran, Telepon};
use posko_postgres::PostgresStore;
use posko_sqlite::SqliteStore;
use posko_storage::Store;
use reqwest::StatusCode;
use serde_json::{Value, json};

struct Keluaran {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for Keluaran {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ok {}\n--- stdout\n{}--- stderr\n{}",
            self.ok, self.stdout, self.stderr
        )
    }
}

/// The real binary on `url`, photos in `foto`, run in `cwd`.
fn posko(url: &str, foto: &Path, cwd: &Path, env: &[(&str, &str)], args: &[&str]) -> Keluaran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_posko"));
    cmd.arg("--database-url")
        .arg(url)
        .args(args)
        .current_dir(cwd)
        .env("POSKO_FOTO_DIR", foto)
        .env_remove("POSKO_DATABASE_URL")
        .env_remove("POSKO_KEY")
        .env_remove("POSKO_KEY_FILE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run posko");
    Keluaran {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A place for a database: a SQLite path in `dir`, or a new empty
/// PostgreSQL database (dropped after the test).
fn tempat(backend: &str, dir: &Path, nama: &str) -> String {
    match backend {
        "sqlite" => format!("sqlite://{}", dir.join(format!("{nama}.db")).display()),
        _ => {
            let base = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
            let db = format!("t_{}", uuid::Uuid::now_v7().simple());
            common::pg_execute(&base, &format!("CREATE DATABASE {db}"));
            common::drop_after_test(format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
            common::url_with_db(&base, &db)
        }
    }
}

async fn buka(url: &str) -> Arc<dyn Store> {
    match posko::DatabaseUrl::parse(url).unwrap() {
        posko::DatabaseUrl::Sqlite(p) => Arc::new(SqliteStore::open(&p).await.unwrap()),
        posko::DatabaseUrl::Postgres(u) => Arc::new(PostgresStore::connect(&u).await.unwrap()),
    }
}

/// Whether the place holds no Posko tables (nothing was written there).
async fn masih_kosong(backend: &str, url: &str) -> bool {
    match posko::DatabaseUrl::parse(url).unwrap() {
        posko::DatabaseUrl::Sqlite(p) => !p.exists(),
        posko::DatabaseUrl::Postgres(u) => {
            let (c, conn) = tokio_postgres::connect(&u, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(conn);
            let n: i64 = c
                .query_one(
                    "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()",
                    &[],
                )
                .await
                .unwrap()
                .get(0);
            let _ = backend;
            n == 0
        }
    }
}

fn foto_uji(benih: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(320, 240, |x, y| {
        let v = ((x ^ y) >> 2) as u8;
        image::Rgb([v.wrapping_add(benih), v.wrapping_mul(3), 255 - v])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

fn salin_folder(dari: &Path, ke: &Path) {
    std::fs::create_dir_all(ke).unwrap();
    for e in std::fs::read_dir(dari).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            salin_folder(&e.path(), &ke.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), ke.join(e.file_name())).unwrap();
        }
    }
}

/// DKI's TPS codes as the API writes them, from the file `load_dki` reads.
fn kode_tps(data: &Path, n: usize) -> Vec<String> {
    let text =
        std::fs::read_to_string(data.join("tps/pilkada_dki2017_putaran1_dpt_tps.csv")).unwrap();
    text.lines()
        .skip(1)
        .take(n)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            format!(
                "{}{:03}",
                c[0].replace('.', ""),
                c[6].parse::<u16>().unwrap()
            )
        })
        .collect()
}

/// A result the server acknowledged (201), and when.
#[derive(Clone)]
struct Diterima {
    tps: String,
    kunci: String,
    pada: Instant,
}

per_backend!(cadangan_saat_data_masuk_pulih_utuh, worker_threads = 4);
async fn cadangan_saat_data_masuk_pulih_utuh(backend: &'static str) {
    let Some(data) = common::shared_data() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let sumber = tempat(backend, &root, "sumber");
    let foto_sumber = root.join("sumber-foto");
    let kunci = root.join("sumber.key");
    let brankas = Brankas::generate();
    brankas.save(&kunci).unwrap();
    let p = Posko::new(buka(&sumber).await, Arc::new(brankas))
        .with_foto(Arc::new(FotoLokal::siapkan(&foto_sumber).unwrap()));
    common::load_dki(&p, &data, &root).await;
    let id = common::pemilihan_gubernur(&p, &Aktor::system(), "31", 2).await;
    // Personal data, encrypted with the key that is not in the backup.
    p.add_pengguna(
        &Aktor::system(),
        NewPengguna {
            username: "manajer.cadangan".into(),
            nama: "Manajer Cadangan".into(),
            password: None,
            penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
            telepon: Some(Telepon::parse("081234567890").unwrap()),
        },
    )
    .await
    .unwrap();
    let s = common::serve(p, dir).await;
    let client = s.client();
    let mut foto = Vec::new();
    for benih in [1, 2] {
        let r = client
            .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/3173011001001/foto")))
            .body(foto_uji(benih))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
        foto.push(
            r.json::<Value>().await.unwrap()["foto"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }

    // Two phones send results until told to stop.
    let tps = kode_tps(&data, 6000);
    let diterima: Arc<Mutex<Vec<Diterima>>> = Arc::default();
    let berhenti = Arc::new(AtomicBool::new(false));
    let mut tugas = Vec::new();
    for (k, bagian) in tps.chunks(tps.len() / 2).enumerate() {
        let (bagian, client, diterima, berhenti) = (
            bagian.to_vec(),
            client.clone(),
            diterima.clone(),
            berhenti.clone(),
        );
        let (url, hash) = (
            s.url(&format!("/api/v1/pemilihan/{id}/tps")),
            foto[k].clone(),
        );
        tugas.push(tokio::spawn(async move {
            for t in bagian {
                if berhenti.load(Ordering::Relaxed) {
                    break;
                }
                let kunci = format!("cadangan-{t}");
                let r = client
                    .post(format!("{url}/{t}/hasil"))
                    .json(&json!({
                        "kunci_klien": kunci, "foto": [hash],
                        "formulir": {"suara_paslon": [120, 98], "suara_sah": 218, "suara_tidak_sah": 4, "suara_total": 222}
                    }))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), StatusCode::CREATED, "{t}: {}", r.text().await.unwrap());
                let pada = Instant::now();
                diterima.lock().unwrap().push(Diterima { tps: t, kunci, pada });
            }
        }));
    }
    let jumlah = || diterima.lock().unwrap().len();
    while jumlah() < 40 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let cadangan = root.join("cadangan");
    let mulai = Instant::now();
    let out = {
        let (sumber, foto_sumber, root, cadangan) = (
            sumber.clone(),
            foto_sumber.clone(),
            root.clone(),
            cadangan.clone(),
        );
        tokio::task::spawn_blocking(move || {
            posko(
                &sumber,
                &foto_sumber,
                &root,
                &[],
                &["backup", cadangan.to_str().unwrap()],
            )
        })
        .await
        .unwrap()
    };
    let selesai = Instant::now();
    assert!(out.ok, "{backend}: {out}");
    assert!(
        out.stdout.contains("TIDAK termasuk dalam cadangan"),
        "{backend}: the key is said to be left out\n{out}"
    );
    let akhir = jumlah() + 20;
    while jumlah() < akhir {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    berhenti.store(true, Ordering::Relaxed);
    for t in tugas {
        t.await.unwrap();
    }
    let diterima = diterima.lock().unwrap().clone();
    let sebelum: Vec<&Diterima> = diterima.iter().filter(|d| d.pada < mulai).collect();
    let selama = diterima
        .iter()
        .filter(|d| d.pada >= mulai && d.pada < selesai)
        .count();
    eprintln!(
        "{backend}: {} acknowledged before the backup, {selama} while it ran ({:.2} s), {} in all",
        sebelum.len(),
        (selesai - mulai).as_secs_f64(),
        diterima.len()
    );
    assert!(
        selama > 0,
        "{backend}: results kept arriving during the backup"
    );

    let manifest: Value =
        serde_json::from_slice(&std::fs::read(cadangan.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["backend"], backend);
    assert_eq!(manifest["posko_versi"], env!("CARGO_PKG_VERSION"));
    assert!(manifest["versi_skema"].as_i64().unwrap() > 20, "{manifest}");
    assert!(
        manifest["kunci"].as_str().unwrap().contains("TIDAK"),
        "{manifest}"
    );
    let seq = manifest["audit"]["seq"].as_i64().unwrap();
    let hash = manifest["audit"]["hash"].as_str().unwrap().to_string();
    let nama: Vec<&str> = manifest["berkas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["nama"].as_str().unwrap())
        .collect();
    let db = if backend == "sqlite" {
        "posko.db"
    } else {
        "postgres.dump"
    };
    assert!(nama.contains(&db), "{manifest}");
    for h in &foto {
        assert!(
            nama.contains(&format!("foto/{}/{h}.foto", &h[..2]).as_str()),
            "{manifest}"
        );
    }

    // Back into an empty place.
    let pulih_dir = tempfile::tempdir().unwrap();
    let pulih = tempat(backend, pulih_dir.path(), "pulih");
    let foto_pulih = pulih_dir.path().join("pulih-foto");
    let cad = cadangan.to_str().unwrap();
    let out = posko(
        &pulih,
        &foto_pulih,
        pulih_dir.path(),
        &[],
        &["restore", cad],
    );
    assert!(out.ok, "{backend}: {out}");
    assert!(
        out.stdout.contains("TIDAK termasuk dalam cadangan"),
        "{out}"
    );
    assert!(
        out.stdout.contains(&format!("entri {seq} hash {hash}")),
        "{out}"
    );
    // Without the key the personal data in the copy cannot be read …
    let out = posko(
        &pulih,
        &foto_pulih,
        pulih_dir.path(),
        &[],
        &["audit", "verify"],
    );
    assert!(!out.ok, "{backend}: {out}");
    assert!(
        out.stderr.contains("data pribadi terenkripsi"),
        "{backend}: {out}"
    );
    // … with it, the chain checks out whole.
    let k = kunci.to_str().unwrap();
    let out = posko(
        &pulih,
        &foto_pulih,
        pulih_dir.path(),
        &[],
        &["--key-file", k, "audit", "verify"],
    );
    assert!(out.ok, "{backend}: {out}");
    assert!(out.stdout.contains("Jejak audit utuh"), "{out}");

    let store = buka(&pulih).await;
    let entri = store.daftar_audit(seq - 1, 1).await.unwrap();
    assert_eq!(
        entri.len(),
        1,
        "{backend}: entry {seq} is in the restored chain"
    );
    assert_eq!(entri[0].seq, seq);
    assert_eq!(
        entri[0].hash, hash,
        "{backend}: the manifest's head is the restored chain's"
    );
    for d in &sebelum {
        let kiriman = store
            .daftar_kiriman_tps(id, KodeTps::parse(&d.tps).unwrap())
            .await
            .unwrap();
        assert!(
            kiriman.iter().any(|k| k.kunci_klien == d.kunci),
            "{backend}: {} acknowledged before the backup is in the copy",
            d.tps
        );
    }
    let foto_lokal = FotoLokal::new(&foto_pulih);
    for h in &foto {
        let bytes = foto_lokal.ambil(h).await.unwrap().expect("photo restored");
        assert_eq!(&posko_domain::audit::sha256_hex(&bytes), h, "{backend}");
    }

    // A target that is not empty is refused, and left as it was.
    let out = posko(
        &pulih,
        &foto_pulih,
        pulih_dir.path(),
        &[],
        &["restore", cad],
    );
    assert!(!out.ok, "{backend}: {out}");
    assert!(out.stderr.contains("sudah berisi"), "{backend}: {out}");
    assert_eq!(
        store.daftar_audit(seq, 1).await.unwrap().len(),
        0,
        "{backend}"
    );
    // An empty database but a photo folder that is not.
    let lain = tempat(backend, pulih_dir.path(), "lain");
    let out = posko(&lain, &foto_pulih, pulih_dir.path(), &[], &["restore", cad]);
    assert!(!out.ok, "{backend}: {out}");
    assert!(
        out.stderr.contains("foto tujuan sudah berisi"),
        "{backend}: {out}"
    );
    assert!(masih_kosong(backend, &lain).await, "{backend}");

    // A changed byte in the database file, or a missing photo: refused,
    // naming the file, with nothing written.
    let rusak = root.join("rusak");
    salin_folder(&cadangan, &rusak);
    let berkas_db = rusak.join(db);
    let mut bytes = std::fs::read(&berkas_db).unwrap();
    let tengah = bytes.len() / 2;
    bytes[tengah] ^= 0x01;
    std::fs::write(&berkas_db, bytes).unwrap();
    let hilang = format!("foto/{}/{}.foto", &foto[0][..2], foto[0]);
    std::fs::remove_file(rusak.join(&hilang)).unwrap();
    let foto_baru = pulih_dir.path().join("baru-foto");
    let out = posko(
        &lain,
        &foto_baru,
        pulih_dir.path(),
        &[],
        &["restore", rusak.to_str().unwrap()],
    );
    assert!(!out.ok, "{backend}: {out}");
    assert!(
        out.stderr.contains("tidak ada yang ditulis"),
        "{backend}: {out}"
    );
    assert!(
        out.stderr.contains(&format!("{db}: SHA-256")),
        "{backend}: {out}"
    );
    assert!(
        out.stderr.contains(&format!("{hilang}: hilang")),
        "{backend}: {out}"
    );
    assert!(masih_kosong(backend, &lain).await, "{backend}");
    assert!(!foto_baru.exists(), "{backend}");
}

/// A PostgreSQL database of its own, dropped with this guard (the CLI
/// tests run outside `run_async`'s cleanup).
struct BasisDataBaru {
    nama: String,
}

impl BasisDataBaru {
    fn new() -> BasisDataBaru {
        let base = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
        let nama = format!("t_{}", uuid::Uuid::now_v7().simple());
        common::pg_execute(&base, &format!("CREATE DATABASE {nama}"));
        BasisDataBaru { nama }
    }

    fn url(&self, skema: Option<&str>) -> String {
        let base = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
        let url = common::url_with_db(&base, &self.nama);
        match skema {
            Some(s) => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}options=-csearch_path%3D{s}")
            }
            None => url,
        }
    }
}

impl Drop for BasisDataBaru {
    fn drop(&mut self) {
        let base = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.nama);
        if let Err(e) = common::pg_try_execute(&base, &sql) {
            eprintln!("{sql}: {e}");
        }
    }
}

per_backend!(cli cadangan_lewat_cli_menolak_yang_salah);
/// On the CLI harness's database (a PostgreSQL schema of its own: dumped
/// as that schema alone): a folder that is not empty, a target that is
/// not, a folder without a manifest, a PostgreSQL target in the wrong
/// schema and a missing `pg_dump` are refused with what to do; the right
/// target restores and its chain verifies with the key kept apart.
fn cadangan_lewat_cli_menolak_yang_salah(db: &crate::cli_harness::Db) {
    let dir = db.dir.path();
    let foto = dir.join("foto");
    db.ok(&["init"]);
    db.ok(&[
        "user",
        "add",
        "budi",
        "--nama",
        "Budi",
        "--peran",
        "admin",
        "--telepon",
        "081234567890",
    ]);
    let jalan = |url: &str, foto: &Path, env: &[(&str, &str)], args: &[&str]| {
        posko(url, foto, dir, env, args)
    };
    let c1 = dir.join("c1");
    let c1 = c1.to_str().unwrap();
    let out = jalan(&db.url, &foto, &[], &["backup", c1]);
    assert!(out.ok, "{out}");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.join("c1/manifest.json")).unwrap()).unwrap();
    let out = jalan(&db.url, &foto, &[], &["backup", c1]);
    assert!(!out.ok && out.stderr.contains("tidak kosong"), "{out}");
    let out = jalan(&db.url, &dir.join("foto-baru"), &[], &["restore", c1]);
    assert!(!out.ok && out.stderr.contains("sudah berisi"), "{out}");
    std::fs::create_dir(dir.join("bukan")).unwrap();
    let out = jalan(
        &db.url,
        &foto,
        &[],
        &["restore", dir.join("bukan").to_str().unwrap()],
    );
    assert!(
        !out.ok && out.stderr.contains("manifest.json tidak bisa dibaca"),
        "{out}"
    );
    let kunci = dir.join("posko.key");
    let kunci = kunci.to_str().unwrap();
    let foto_pulih = dir.join("foto-pulih");
    let pulihkan_dan_periksa = |url: &str| {
        let out = jalan(url, &foto_pulih, &[], &["restore", c1]);
        assert!(out.ok, "{out}");
        let out = jalan(
            url,
            &foto_pulih,
            &[],
            &["--key-file", kunci, "audit", "verify"],
        );
        assert!(out.ok, "{out}");
        let seq = manifest["audit"]["seq"].as_i64().unwrap();
        let hash = manifest["audit"]["hash"].as_str().unwrap();
        // Nothing has been written since: the verified head is the manifest's.
        assert!(
            out.stdout
                .contains(&format!("Kepala: entri {seq} hash {hash}")),
            "{out}"
        );
    };
    match &db.pg {
        None => pulihkan_dan_periksa(&format!("sqlite://{}", dir.join("baru/pulih.db").display())),
        Some((_, skema)) => {
            assert_eq!(manifest["skema_postgres"], skema.as_str(), "{manifest}");
            let baru = BasisDataBaru::new();
            let out = jalan(&baru.url(None), &foto_pulih, &[], &["restore", c1]);
            assert!(
                !out.ok && out.stderr.contains(&format!("berisi skema '{skema}'")),
                "{out}"
            );
            pulihkan_dan_periksa(&baru.url(Some(skema)));
            let out = jalan(
                &db.url,
                &foto,
                &[("POSKO_PG_BIN", "/tidak/ada")],
                &["backup", dir.join("c2").to_str().unwrap()],
            );
            assert!(!out.ok && out.stderr.contains("pg_dump tidak ada"), "{out}");
        }
    }
}
