//! `posko bench peta`: the war room of a province-sized campaign. West
//! Java's real regions (27 kab/kota, 627 kecamatan, 5,957 desa, from
//! `../shared/data/wilayah/`) with synthetic TPS (`--per-desa`, bawaan 6:
//! some 36,000 TPS), the real kab/kota and kecamatan boundaries, a
//! three-paslon election with results from every fifth TPS, served by the
//! real server. It times the kecamatan-level map and the war-room page
//! over HTTP, next to `/healthz` on the same server in the same run, and
//! prints median and p95 in ms and their ratio to the baseline.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use posko_app::{Aktor, ImportRequest, IsianHasil, NewPaslon, NewPemilihan, Posko};
use posko_domain::{
    Cakupan, FormulirHasil, JenisPemilihan, KodeTps, KodeWilayah, NamaCalon, NomorUrut, Penugasan,
    Peran,
};

/// Requests per measured route.
const ULANG: usize = 40;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (median, p95) in ms.
fn ringkas(mut t: Vec<Duration>) -> (f64, f64) {
    t.sort();
    let p = |q: f64| ms(t[((t.len() as f64 - 1.0) * q).round() as usize]);
    (p(0.5), p(0.95))
}

/// Writes West Java's regions and `per_desa` TPS per desa into `dir`.
fn tulis_data(data: &Path, dir: &Path, per_desa: u32) -> anyhow::Result<u64> {
    use std::fmt::Write as _;
    let semua = std::fs::read_to_string(data.join("wilayah/wilayah.csv"))
        .with_context(|| format!("membaca {}", data.join("wilayah/wilayah.csv").display()))?;
    let mut baris = semua.lines();
    let mut wilayah = format!("{}\n", baris.next().unwrap_or_default());
    let mut tps = String::from("kode_desa,tps_no,dpt_laki,dpt_perempuan,dpt_total\n");
    let mut n = 0u64;
    for l in baris.filter(|l| l.starts_with("32")) {
        wilayah.push_str(l);
        wilayah.push('\n');
        let kode = l.split(',').next().unwrap_or_default();
        if kode.len() == 13 {
            for no in 1..=per_desa {
                let total = 200 + (n * 7919 % 150) as u32;
                let laki = total / 2;
                let _ = writeln!(tps, "{kode},{no},{laki},{},{total}", total - laki);
                n += 1;
            }
        }
    }
    std::fs::write(dir.join("wilayah.csv"), wilayah)?;
    std::fs::write(dir.join("tps.csv"), tps)?;
    Ok(n)
}

pub async fn peta(per_desa: u32, data: Option<PathBuf>) -> anyhow::Result<()> {
    let data = data.unwrap_or_else(|| PathBuf::from("../shared/data"));
    if !data.join("batas/kecamatan.geojson").exists() {
        bail!(
            "{}: batas/kecamatan.geojson tidak ada; beri --data FOLDER (lihat ../shared/data/README.md)",
            data.display()
        );
    }
    let dir = crate::bench::tempfile_dir()?;
    let t = Instant::now();
    let jumlah_tps = tulis_data(&data, &dir, per_desa)?;
    let posko = Posko::new(
        Arc::new(posko_sqlite::SqliteStore::open(&dir.join("bench.db")).await?),
        Arc::new(posko_app::Brankas::generate()),
    );
    let sistem = Aktor::system();
    let r = posko
        .import_wilayah(&sistem, &dir.join("wilayah.csv"), ImportRequest::default())
        .await?;
    if !r.applied {
        bail!("impor wilayah gagal: {:?}", r.problems.first());
    }
    let r = posko
        .import_tps(&sistem, &dir.join("tps.csv"), ImportRequest::default())
        .await?;
    if !r.applied {
        bail!("impor TPS gagal: {:?}", r.problems.first());
    }
    for f in ["kabkota.geojson", "kecamatan.geojson"] {
        let r = posko
            .import_batas(
                &sistem,
                &data.join("batas").join(f),
                ImportRequest::default(),
            )
            .await?;
        if !r.applied {
            bail!("impor batas {f} gagal: {:?}", r.problems.first());
        }
    }
    let jabar = KodeWilayah::parse("32")?;
    let e = posko
        .simpan_pemilihan(
            &sistem,
            NewPemilihan {
                jenis: JenisPemilihan::Gubernur,
                wilayah: jabar,
                nama: None,
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await?;
    for n in 1..=3u8 {
        posko
            .simpan_paslon(
                &sistem,
                e.id,
                NewPaslon {
                    nomor_urut: NomorUrut::new(n)?,
                    calon_kepala: NamaCalon::parse_field(&format!("Calon {n}"), "calon")?,
                    calon_wakil: NamaCalon::parse_field(&format!("Wakil {n}"), "wakil")?,
                },
            )
            .await?;
    }
    let manajer = posko_storage::Pengguna {
        id: uuid::Uuid::now_v7(),
        username: "bench".into(),
        nama: "bench".into(),
        aktif: true,
        dibuat: time::OffsetDateTime::now_utc(),
        penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua)?],
        telepon: None,
    };
    // Results from every fifth TPS, leaders varying by place.
    let mut after = None;
    let mut masuk = 0u64;
    let mut i = 0u64;
    loop {
        let page = posko.store().daftar_tps_di(jabar, after, 5000).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.kode);
        for tps in page {
            i += 1;
            if !i.is_multiple_of(5) {
                continue;
            }
            let a = 60 + (i * 7919 % 90) as u32;
            let b = 60 + (i * 104_729 % 90) as u32;
            posko
                .kirim_hasil(
                    &manajer,
                    IsianHasil {
                        pemilihan_id: e.id,
                        tps: tps.kode,
                        kunci_klien: format!("bench-peta-{}", KodeTps::undotted(&tps.kode)),
                        formulir: FormulirHasil {
                            suara_paslon: vec![Some(a), Some(b), Some(30)],
                            suara_sah: Some(a + b + 30),
                            suara_tidak_sah: Some(2),
                            suara_total: Some(a + b + 32),
                            ..FormulirHasil::default()
                        },
                        alasan: None,
                        foto: Vec::new(),
                        sumber: "bench",
                    },
                )
                .await?;
            masuk += 1;
        }
    }
    let (_, secret) = posko
        .issue_token(
            &sistem,
            "bench",
            Penugasan::new(Peran::Manager, Cakupan::Semua)?,
        )
        .await?;
    println!(
        "Jawa Barat: {jumlah_tps} TPS, {masuk} hasil masuk, batas kab/kota dan kecamatan: disiapkan dalam {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let listener = posko_web::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(posko_web::serve(listener, posko.clone()));
    let base = format!("http://{addr}");
    let client = reqwest::Client::new();
    let auth = format!("Bearer {secret}");
    let id = e.id;
    let ukur = async |path: &str| -> anyhow::Result<((f64, f64), usize)> {
        let mut waktu = Vec::with_capacity(ULANG);
        let mut ukuran = 0;
        for n in 0..=ULANG {
            let t = Instant::now();
            let r = client
                .get(format!("{base}{path}"))
                .header("authorization", &auth)
                .send()
                .await?;
            let status = r.status();
            let body = r.bytes().await?;
            let d = t.elapsed();
            if !status.is_success() {
                bail!("{path}: {status}: {}", String::from_utf8_lossy(&body));
            }
            ukuran = body.len();
            // The first request warms caches; it is not counted.
            if n > 0 {
                waktu.push(d);
            }
        }
        Ok((ringkas(waktu), ukuran))
    };
    let ((dasar, dasar95), _) = ukur("/healthz").await?;
    println!(
        "{:<58} {:>8} {:>8} {:>7} {:>9}",
        "", "median", "p95", "×dasar", "ukuran"
    );
    println!(
        "{:<58} {dasar:>6.2}ms {dasar95:>6.2}ms {:>7} {:>9}",
        "/healthz (dasar)", "1,0", "-"
    );
    for (nama, path) in [
        (
            "peta kecamatan, unggul",
            format!("/pemilihan/{id}/ruang/32/peta.svg?tingkat=kecamatan"),
        ),
        (
            "peta kecamatan, cakupan saksi",
            format!("/pemilihan/{id}/ruang/32/peta.svg?tingkat=kecamatan&warna=saksi"),
        ),
        (
            "peta kecamatan, capaian target",
            format!("/pemilihan/{id}/ruang/32/peta.svg?tingkat=kecamatan&warna=target"),
        ),
        (
            "ruang pantau, kab/kota",
            format!("/pemilihan/{id}/ruang/32"),
        ),
        (
            "ruang pantau, kecamatan",
            format!("/pemilihan/{id}/ruang/32?tingkat=kecamatan"),
        ),
        (
            "laporan PDF (peta kecamatan, angka, tabel)",
            format!("/pemilihan/{id}/ruang/32/laporan.pdf?tingkat=kecamatan"),
        ),
        (
            "rekap hasil XLSX, kab/kota",
            format!("/pemilihan/{id}/hasil/32/xlsx"),
        ),
    ] {
        let ((med, p95), ukuran) = ukur(&path).await?;
        println!(
            "{nama:<58} {med:>6.2}ms {p95:>6.2}ms {:>7.1} {:>7} KB",
            med / dasar.max(1e-6),
            ukuran / 1000
        );
    }
    println!("target: < 50 ms per permintaan (median) di mesin ini");
    server.abort();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
