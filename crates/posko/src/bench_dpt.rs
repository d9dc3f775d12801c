//! `posko bench dpt`: a synthetic voter list (≈300 voters per TPS) through
//! the real importer into a fresh SQLite file, next to two yardsticks
//! measured in the same run: parsing the file without a database, and the
//! `sqlite3` command-line tool's `.import` of the same CSV into a table
//! with the same columns. With `--postgres URL` the same import also runs
//! into a fresh PostgreSQL schema, printed as a ratio to SQLite's.

use std::fmt::Write as _;
use std::io::{BufRead, Write as _};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use posko_app::{Aktor, ImportRequest, Posko};
use posko_import::ImportOptions;
use posko_sqlite::SqliteStore;

const PER_TPS: u64 = 300;
/// The same region, TPS and voter files through the real importer into a
/// fresh PostgreSQL schema (dropped afterwards): the voter import's time.
async fn impor_postgres(url: &str, dir: &Path, csv: &Path, rows: u64) -> anyhow::Result<Duration> {
    let store = posko_postgres::PostgresStore::connect_fresh_schema(url)
        .await
        .context("PostgreSQL untuk bench")?;
    let r = async {
        let posko = Posko::new(
            Arc::new(store.clone()),
            Arc::new(posko_app::Brankas::generate()),
        );
        for (f, tps) in [("wilayah.csv", false), ("tps.csv", true)] {
            let path = dir.join(f);
            let r = if tps {
                posko
                    .import_tps(&Aktor::system(), &path, ImportRequest::default())
                    .await?
            } else {
                posko
                    .import_wilayah(&Aktor::system(), &path, ImportRequest::default())
                    .await?
            };
            if !r.applied {
                bail!("impor {f} ke PostgreSQL gagal: {}", r.summary());
            }
        }
        let t = Instant::now();
        let report = posko
            .import_dpt(
                &Aktor::system(),
                csv,
                ImportRequest::default(),
                Arc::new(|_| {}),
            )
            .await?;
        let waktu = t.elapsed();
        if !report.applied || report.hasil.baris != rows {
            bail!("impor DPT ke PostgreSQL gagal: {}", report.summary());
        }
        Ok(waktu)
    }
    .await;
    store.drop_own_schema().await?;
    r
}

/// Peak disk use per row, while sqlite3 imports: ≈ 90 B of CSV and
/// ≈ 93 B of sqlite3's database (posko's packed list, ≈ 55 B with its WAL
/// at the peak, is gone by then); rounded up.
const BYTE_PER_BARIS: u64 = 250;
/// Free space left for everything else on the machine.
const CADANGAN: u64 = 8_000_000_000;

const DEPAN: [&str; 16] = [
    "AHMAD", "SITI", "BUDI", "DEWI", "AGUS", "SRI", "DEDI", "NUR", "ASEP", "EUIS", "RUDI", "YANI",
    "HENDRA", "IIS", "UJANG", "NENG",
];
const BELAKANG: [&str; 16] = [
    "SURYANA",
    "RAHAYU",
    "HIDAYAT",
    "LESTARI",
    "SETIAWAN",
    "KURNIASIH",
    "SAPUTRA",
    "NURHAYATI",
    "GUNAWAN",
    "MULYANI",
    "PERMANA",
    "HASANAH",
    "WIJAYA",
    "FITRIANI",
    "KUSNADI",
    "SOLIHAT",
];

/// Writes `dpt.csv` for the TPS in `tps.csv` (as `bench::write_synthetic`
/// makes it), `rows` voters spread evenly.
fn write_dpt(dir: &Path, rows: u64) -> anyhow::Result<()> {
    let tps = baca_tps(dir)?;
    let mut out =
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("dpt.csv"))?);
    writeln!(
        out,
        "KODE DESA,TPS,NAMA LENGKAP,JK,TGL LAHIR,ALAMAT,RT,RW,NIK"
    )?;
    let mut line = String::with_capacity(256);
    let mut written = 0u64;
    let n = tps.len() as u64;
    for (i, (desa, nomor)) in tps.iter().enumerate() {
        let upto = rows * (i as u64 + 1) / n;
        let kec: String = desa.chars().filter(char::is_ascii_digit).take(6).collect();
        while written < upto {
            let x = written.wrapping_mul(2_654_435_761);
            line.clear();
            let _ = writeln!(
                line,
                "{desa},{nomor},{} {},{},{:02}-{:02}-{},\"KP. {} NO. {}\",{:03},{:03},{kec}**********",
                DEPAN[(x % 16) as usize],
                BELAKANG[(x / 16 % 16) as usize],
                if x.is_multiple_of(2) { "L" } else { "P" },
                1 + x / 7 % 28,
                1 + x / 11 % 12,
                1940 + x / 13 % 66,
                BELAKANG[(x / 3 % 16) as usize],
                1 + x / 5 % 200,
                1 + x / 17 % 20,
                1 + x / 19 % 15,
            );
            out.write_all(line.as_bytes())?;
            written += 1;
        }
    }
    out.flush()?;
    Ok(())
}

/// (kode_desa, tps_no) of every TPS in `tps.csv`.
fn baca_tps(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let tps_file = std::io::BufReader::new(std::fs::File::open(dir.join("tps.csv"))?);
    let tps = tps_file
        .lines()
        .skip(1)
        .map(|l| {
            let l = l?;
            let mut it = l.split(',');
            Ok((
                it.next().unwrap_or_default().to_string(),
                it.next().unwrap_or_default().to_string(),
            ))
        })
        .collect::<std::io::Result<_>>()?;
    Ok(tps)
}

/// What the loaded list is for: a TPS's walk list, and matching a
/// supporter to the DPT of their desa by name and birth date (a voter
/// taken from that walk list, so it must be found). 200 TPS spread over
/// the file.
async fn baca_kembali(store: &SqliteStore, dir: &Path) -> anyhow::Result<()> {
    use posko_domain::{KodeTps, KodeWilayah, NomorTps};
    use posko_storage::PemilihStore;
    let tps = baca_tps(dir)?;
    let (mut jalan, mut cari) = (Vec::new(), Vec::new());
    let mut ketemu = 0;
    for (desa, nomor) in tps.iter().step_by((tps.len() / 200).max(1)) {
        let kode = KodeTps::new(KodeWilayah::parse(desa)?, NomorTps::new(nomor.parse()?)?)?;
        let t = Instant::now();
        let daftar = store.daftar_pemilih_tps(kode).await?;
        jalan.push(t.elapsed());
        let Some(p) = daftar.iter().find(|p| p.tanggal_lahir.is_some()) else {
            continue;
        };
        let lahir = p.tanggal_lahir.expect("found with a birth date");
        let t = Instant::now();
        let found = store.cari_pemilih(&p.nama, lahir, kode.desa()).await?;
        cari.push(t.elapsed());
        ketemu += usize::from(found.iter().any(|f| f.tps == kode && f.urut == p.urut));
    }
    let ms = |v: &mut Vec<Duration>, q: f64| {
        v.sort();
        v.get(((v.len() as f64 - 1.0) * q).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    println!(
        "    daftar jalan satu TPS: median {:.2} ms, p95 {:.2} ms; cari pemilih di desanya menurut nama + tanggal lahir: median {:.2} ms, p95 {:.2} ms ({ketemu} dari {} ditemukan)",
        ms(&mut jalan, 0.5),
        ms(&mut jalan, 0.95),
        ms(&mut cari, 0.5),
        ms(&mut cari, 0.95),
        cari.len()
    );
    Ok(())
}

fn rate(rows: u64, d: Duration) -> f64 {
    rows as f64 / d.as_secs_f64()
}

/// CPU seconds (user + system) used so far by this process and by its
/// waited-for children, from `/proc/self/stat`. On a shared machine wall
/// time swings with other people's load; CPU time per row does much less.
fn cpu_detik() -> (f64, f64) {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return (0.0, 0.0);
    };
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // utime, stime, cutime, cstime are fields 14–17 of the whole line, in
    // clock ticks (100 per second on Linux).
    let tick = |i: usize| f.get(i - 3).copied().unwrap_or(0.0) / 100.0;
    (tick(14) + tick(15), tick(16) + tick(17))
}

/// Bytes free on the file system holding `dir`, from `df`.
fn bebas(dir: &Path) -> Option<u64> {
    let out = std::process::Command::new("df")
        .args(["--output=avail", "-B1"])
        .arg(dir)
        .output()
        .ok()?;
    String::from_utf8(out.stdout)
        .ok()?
        .lines()
        .nth(1)?
        .trim()
        .parse()
        .ok()
}

/// The `sqlite3` command-line tool on `PATH`, if installed.
fn sqlite3() -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("sqlite3"))
        .find(|p| p.is_file())
}

/// A SQLite database's size with its WAL, in bytes.
fn db_bytes(db: &Path) -> u64 {
    let len = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    len(db) + len(&db.with_extension("db-wal"))
}

/// Peak resident memory of this process so far (VmHWM), in MiB.
pub(crate) fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub async fn dpt(rows: u64, keep: bool, postgres: Option<&str>) -> anyhow::Result<()> {
    if rows == 0 {
        bail!("--rows harus lebih dari 0");
    }
    let dir = crate::bench::tempfile_dir()?;
    // Disk the run needs at its peak (the CSV, posko's database and its WAL
    // while the one load transaction is open), measured at 5 M rows;
    // refuse rather than fill a shared disk.
    let perlu = rows * BYTE_PER_BARIS;
    if let Some(bebas) = bebas(&dir)
        && bebas < perlu + CADANGAN
    {
        let _ = std::fs::remove_dir_all(&dir);
        bail!(
            "ruang disk kurang di {}: perlu ±{:.1} GB untuk {rows} baris ditambah cadangan {:.0} GB, tersedia {:.1} GB (pakai TMPDIR=… untuk disk lain, atau --rows lebih kecil)",
            dir.parent().unwrap_or(&dir).display(),
            perlu as f64 / 1e9,
            CADANGAN as f64 / 1e9,
            bebas as f64 / 1e9
        );
    }
    let t0 = Instant::now();
    crate::bench::write_synthetic(&dir, rows.div_ceil(PER_TPS))?;
    write_dpt(&dir, rows)?;
    let csv = dir.join("dpt.csv");
    let size = std::fs::metadata(&csv)?.len();
    println!(
        "berkas sintetis: {rows} pemilih di {} TPS, {:.2} GB, ditulis dalam {:.1} s ({})",
        rows.div_ceil(PER_TPS),
        size as f64 / 1e9,
        t0.elapsed().as_secs_f64(),
        dir.display()
    );
    println!(
        "RSS puncak setelah menulis berkas: {:.0} MiB",
        peak_rss_mib().unwrap_or(0.0)
    );

    // (a) Parse-only baseline.
    let parse_file = csv.clone();
    let cpu0 = cpu_detik().0;
    let t = Instant::now();
    let summary = tokio::task::spawn_blocking(move || {
        let mut n = 0u64;
        let s =
            posko_import::read_dpt(&parse_file, &ImportOptions::default(), &|_| true, |_, _| {
                n += 1;
                true
            });
        s.map(|s| (s, n))
    })
    .await??;
    let parse_time = t.elapsed();
    let parse_cpu = cpu_detik().0 - cpu0;
    if summary.1 != rows || summary.0.problem_count > 0 {
        bail!(
            "berkas sintetis rusak: {} baris, {} masalah: {:?}",
            summary.1,
            summary.0.problem_count,
            summary.0.problems.first()
        );
    }
    println!(
        "(a) dasar, baca + periksa saja: {:.2} s, {:.0} baris/s; CPU {:.2} s",
        parse_time.as_secs_f64(),
        rate(rows, parse_time),
        parse_cpu
    );

    // (b) posko into a fresh SQLite file.
    let db = dir.join("posko.db");
    let store = Arc::new(SqliteStore::open(&db).await?);
    let posko = Posko::new(store.clone(), Arc::new(posko_app::Brankas::generate()));
    posko
        .import_wilayah(
            &Aktor::system(),
            &dir.join("wilayah.csv"),
            ImportRequest::default(),
        )
        .await?;
    let tps = posko
        .import_tps(
            &Aktor::system(),
            &dir.join("tps.csv"),
            ImportRequest::default(),
        )
        .await?;
    if !tps.applied {
        bail!("impor TPS gagal: {}", tps.summary());
    }
    let seen = Arc::new(AtomicU64::new(0));
    let s2 = seen.clone();
    let cpu0 = cpu_detik().0;
    let t = Instant::now();
    let report = posko
        .import_dpt(
            &Aktor::system(),
            &csv,
            ImportRequest::default(),
            Arc::new(move |k| s2.store(k.baris, Ordering::Relaxed)),
        )
        .await?;
    let posko_time = t.elapsed();
    let posko_cpu = cpu_detik().0 - cpu0;
    if !report.applied || report.hasil.baris != rows {
        bail!("impor DPT gagal: {}", report.summary());
    }
    let posko_rate = rate(rows, posko_time);
    println!(
        "(b) posko import dpt ke SQLite (diperiksa, per TPS, siap dicari): {:.2} s, {:.0} baris/s (= {:.2}× waktu dasar); CPU {:.2} s (dua utas)",
        posko_time.as_secs_f64(),
        posko_rate,
        posko_time.as_secs_f64() / parse_time.as_secs_f64(),
        posko_cpu
    );
    println!(
        "    ukuran basis data: {:.2} GB",
        db_bytes(&db) as f64 / 1e9
    );
    println!(
        "RSS puncak setelah impor: {:.0} MiB",
        peak_rss_mib().unwrap_or(0.0)
    );
    baca_kembali(&store, &dir).await?;
    drop((posko, store));
    if let Some(url) = postgres {
        let pg_time = impor_postgres(url, &dir, &csv, rows).await?;
        println!(
            "(b2) posko import dpt ke PostgreSQL: {:.2} s, {:.0} baris/s (= {:.2}× waktu dasar, {:.2}× SQLite)",
            pg_time.as_secs_f64(),
            rate(rows, pg_time),
            pg_time.as_secs_f64() / parse_time.as_secs_f64(),
            pg_time.as_secs_f64() / posko_time.as_secs_f64()
        );
    }
    // Only the CSV is needed from here on.
    for ext in ["db", "db-wal", "db-shm"] {
        let _ = std::fs::remove_file(db.with_extension(ext));
    }

    // (c) sqlite3 .import of the same CSV.
    match sqlite3() {
        Some(sqlite3) => {
            let db3 = dir.join("sqlite3.db");
            let script = format!(
                "CREATE TABLE pemilih (kode_desa TEXT, tps INTEGER, nama TEXT, jk TEXT, tgl_lahir TEXT, alamat TEXT, rt INTEGER, rw INTEGER, nik TEXT);\n.mode csv\n.import --skip 1 '{}' pemilih\n",
                csv.display()
            );
            let cpu0 = cpu_detik().1;
            let t = Instant::now();
            let mut child = std::process::Command::new(&sqlite3)
                .arg(&db3)
                .stdin(std::process::Stdio::piped())
                .spawn()
                .with_context(|| format!("menjalankan {}", sqlite3.display()))?;
            child
                .stdin
                .take()
                .expect("piped")
                .write_all(script.as_bytes())?;
            let status = child.wait()?;
            let cli_time = t.elapsed();
            let cli_cpu = cpu_detik().1 - cpu0;
            if !status.success() {
                bail!("sqlite3 .import gagal ({status})");
            }
            let cli_rate = rate(rows, cli_time);
            println!(
                "(c) sqlite3 .import (tanpa pemeriksaan, tanpa indeks): {:.2} s, {:.0} baris/s; CPU {:.2} s; basis data {:.2} GB",
                cli_time.as_secs_f64(),
                cli_rate,
                cli_cpu,
                db_bytes(&db3) as f64 / 1e9
            );
            let _ = std::fs::remove_file(&db3);
            println!(
                "posko / sqlite3 = {:.0} % menurut waktu jam, {:.0} % menurut waktu CPU  (target ≥ 80 %: {})",
                100.0 * posko_rate / cli_rate,
                100.0 * cli_cpu / posko_cpu.max(1e-9),
                if posko_rate >= 0.8 * cli_rate {
                    "tercapai"
                } else {
                    "belum"
                }
            );
        }
        None => println!(
            "(c) sqlite3: DILEWATI, program sqlite3 tidak ditemukan di PATH, jadi rasio terhadap sqlite3 tidak dapat dihitung; pasang dengan `apt-get install sqlite3`"
        ),
    }
    println!(
        "target posko ≥ 1.000.000 baris/s: {} ({:.0} baris/s)",
        if posko_rate >= 1e6 {
            "tercapai"
        } else {
            "belum"
        },
        posko_rate
    );
    if keep {
        println!("berkas disimpan di {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}
