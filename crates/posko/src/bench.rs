//! `posko bench import`: imports a synthetic national-size TPS file through
//! the real importer and store, and prints figures. Each backend's import
//! is also given as a ratio to parsing the same file without a database in
//! the same process, so the figure means something on a noisy machine.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use posko_app::{Aktor, ImportRequest, Posko};
use posko_domain::KodeWilayah;
use posko_import::ImportOptions;
use posko_postgres::PostgresStore;
use posko_sqlite::SqliteStore;

/// Province codes 11–48 (38, as in Indonesia), 14 kab/kota each, 14
/// kecamatan each, and enough desa per kecamatan for ~10 TPS per desa.
pub(crate) fn write_synthetic(dir: &Path, rows: u64) -> anyhow::Result<()> {
    const PROV: u64 = 38;
    const KAB: u64 = 14;
    const KEC: u64 = 14;
    let desa_total = rows.div_ceil(10).max(1);
    let desa_per_kec = desa_total.div_ceil(PROV * KAB * KEC).clamp(1, 999);
    let mut w = std::io::BufWriter::new(std::fs::File::create(dir.join("wilayah.csv"))?);
    let mut t = std::io::BufWriter::new(std::fs::File::create(dir.join("tps.csv"))?);
    writeln!(w, "kode,nama")?;
    writeln!(t, "kode_desa,tps_no,dpt_laki,dpt_perempuan,dpt_total")?;
    let mut written = 0u64;
    let mut line = String::new();
    let desa_count = PROV * KAB * KEC * desa_per_kec;
    let mut desa_index = 0u64;
    for p in 11..11 + PROV {
        writeln!(w, "{p},Provinsi {p}")?;
        for k in 1..=KAB {
            writeln!(w, "{p}.{k:02},Kabupaten {p}{k:02}")?;
            for c in 1..=KEC {
                writeln!(w, "{p}.{k:02}.{c:02},Kecamatan {p}{k:02}{c:02}")?;
                for d in 1..=desa_per_kec {
                    let kode = format!("{p}.{k:02}.{c:02}.{:04}", 2000 + d);
                    writeln!(w, "{kode},Desa {d}")?;
                    // Spread the rows evenly over all desa.
                    let upto = rows * (desa_index + 1) / desa_count;
                    for n in 1..=(upto - written) {
                        let total = 150 + (written * 7919) % 451;
                        let laki = total / 2;
                        line.clear();
                        let _ = writeln!(line, "{kode},{n},{laki},{},{total}", total - laki);
                        t.write_all(line.as_bytes())?;
                        written += 1;
                    }
                    desa_index += 1;
                }
            }
        }
    }
    w.flush()?;
    t.flush()?;
    Ok(())
}

fn rate(rows: u64, d: Duration) -> String {
    format!("{:>10.0} baris/s", rows as f64 / d.as_secs_f64())
}

pub async fn import(rows: u64, postgres: Option<&str>) -> anyhow::Result<()> {
    if rows == 0 {
        bail!("--rows harus lebih dari 0");
    }
    let dir = tempfile_dir()?;
    let t0 = Instant::now();
    write_synthetic(&dir, rows)?;
    println!(
        "berkas sintetis: {rows} TPS ditulis dalam {:.2} s ({})",
        t0.elapsed().as_secs_f64(),
        dir.display()
    );
    let tps_file = dir.join("tps.csv");

    let parse_file = tps_file.clone();
    let t = Instant::now();
    let parsed = tokio::task::spawn_blocking(move || {
        posko_import::read_tps(&parse_file, &ImportOptions::default())
    })
    .await??;
    let parse_time = t.elapsed();
    if parsed.rows.len() as u64 != rows || !parsed.problems.is_empty() {
        bail!(
            "berkas sintetis rusak: {} baris, {} masalah",
            parsed.rows.len(),
            parsed.problems.len()
        );
    }
    drop(parsed);
    println!(
        "dasar (baca + periksa saja, tanpa basis data): {:.2} s {}",
        parse_time.as_secs_f64(),
        rate(rows, parse_time)
    );

    let db = dir.join("bench.db");
    let sqlite = Posko::new(
        Arc::new(SqliteStore::open(&db).await?),
        Arc::new(posko_app::Brankas::generate()),
    );
    run_backend(&sqlite, &dir, rows, parse_time).await?;

    if let Some(url) = postgres {
        let store = PostgresStore::connect_fresh_schema(url)
            .await
            .context("PostgreSQL untuk bench")?;
        let pg = Posko::new(
            Arc::new(store.clone()),
            Arc::new(posko_app::Brankas::generate()),
        );
        let result = run_backend(&pg, &dir, rows, parse_time).await;
        store.drop_own_schema().await?;
        result?;
    } else {
        println!("postgres: dilewati (beri --postgres URL atau POSKO_BENCH_POSTGRES_URL)");
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

async fn run_backend(
    posko: &Posko,
    dir: &Path,
    rows: u64,
    parse_time: Duration,
) -> anyhow::Result<()> {
    let name = posko.backend();
    let t = Instant::now();
    let w = posko
        .import_wilayah(
            &Aktor::system(),
            &dir.join("wilayah.csv"),
            ImportRequest::default(),
        )
        .await?;
    println!(
        "{name}: wilayah {} baris dalam {:.2} s",
        w.rows_read,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let report = posko
        .import_tps(
            &Aktor::system(),
            &dir.join("tps.csv"),
            ImportRequest::default(),
        )
        .await?;
    let first = t.elapsed();
    if !report.applied || report.counts.baru != rows {
        bail!("{name}: impor gagal: {}", report.summary());
    }
    println!(
        "{name}: impor {rows} TPS dalam {:.2} s {}  (= {:.2}× waktu dasar; target < 10 s)",
        first.as_secs_f64(),
        rate(rows, first),
        first.as_secs_f64() / parse_time.as_secs_f64()
    );
    let t = Instant::now();
    let again = posko
        .import_tps(
            &Aktor::system(),
            &dir.join("tps.csv"),
            ImportRequest::default(),
        )
        .await?;
    let second = t.elapsed();
    println!(
        "{name}: impor ulang (tidak ada yang berubah: {} sama) dalam {:.2} s {}",
        again.counts.sama,
        second.as_secs_f64(),
        rate(rows, second)
    );
    let prov = KodeWilayah::parse("32").expect("valid");
    let n = 2000u32;
    let t = Instant::now();
    for _ in 0..n {
        posko.store().ambil_rekap_dpt(Some(prov)).await?;
    }
    let per = t.elapsed() / n;
    let t = Instant::now();
    for _ in 0..200 {
        posko.wilayah_view(Some(prov)).await?;
    }
    println!(
        "{name}: baca rekap satu provinsi {:.0} µs; halaman wilayah provinsi (14 anak) {:.0} µs",
        per.as_secs_f64() * 1e6,
        (t.elapsed() / 200).as_secs_f64() * 1e6
    );
    Ok(())
}

pub(crate) fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("posko-bench-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
