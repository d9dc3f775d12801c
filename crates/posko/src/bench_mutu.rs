//! `posko bench mutu`: the gate of the field-data checks. Part one runs
//! the pure checks over seeded simulated batches
//! (`posko_domain::mutu_lapangan::simulasi`). Part two is end to end: it
//! builds the demo in a temporary SQLite file (its relawan record
//! supporters and visits as the demo does: the honest side), then injects
//! fabricated days through the same use cases a phone and a form reach —
//! a burst of supporters, swapped NIKs, every door answered, GPS that
//! teleports or sits still, people another relawan already holds — and
//! prints how many fabricated days were held and how many honest records.
//! Copied photos are checked only in part one: supporters and visits
//! carry no photos.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use posko_app::demo::{DemoOptions, build};
use posko_app::{CatatPendukung, Posko};
use posko_domain::mutu_lapangan::{Lokasi, StatusBatch, hari_wib, simulasi};
use posko_domain::{Cakupan, DataKunjungan, HasilKunjungan, IsianPendukung, KodeTps};
use posko_storage::{Pengguna, Relawan};
use time::{Duration, OffsetDateTime};

/// Fabricated days injected end to end, per kind.
const PER_JENIS: usize = 10;

pub async fn mutu(
    seed: u64,
    jujur: usize,
    palsu: usize,
    data: Option<PathBuf>,
) -> anyhow::Result<()> {
    let h = simulasi::gerbang(seed, jujur, palsu);
    println!(
        "simulasi (benih {seed}): {}/{} batch palsu ditahan ({:.1} %); {}/{} catatan jujur ditahan ({:.2} %; {} dari {} batch jujur)",
        h.palsu_ditahan,
        h.palsu,
        h.recall() * 100.0,
        h.jujur_catatan_ditahan,
        h.jujur_catatan,
        h.salah_tahan() * 100.0,
        h.jujur_batch_ditahan,
        h.jujur_batch
    );
    for (j, n, d) in &h.per_jenis {
        println!("  palsu {j:?}: {d}/{n} ditahan");
    }
    for (a, n) in &h.jujur_per_alasan {
        println!("  batch jujur ditahan karena {}: {n}", a.kode());
    }
    ujung_ke_ujung(seed, data).await
}

fn nik(kecamatan: &str, lahir: time::Date, serial: u32) -> String {
    format!(
        "{}{:02}{:02}{:02}{:04}",
        kecamatan.replace('.', ""),
        lahir.day(),
        lahir.month() as u8,
        lahir.year().rem_euclid(100),
        serial % 9999 + 1
    )
}

async fn ujung_ke_ujung(seed: u64, data: Option<PathBuf>) -> anyhow::Result<()> {
    let dir = crate::bench::tempfile_dir()?;
    let posko = Posko::new(
        Arc::new(posko_sqlite::SqliteStore::open(&dir.join("mutu.db")).await?),
        Arc::new(posko_app::Brankas::generate()),
    );
    let data_dir = data.or_else(|| {
        let d = PathBuf::from("../shared/data");
        d.is_dir().then_some(d)
    });
    let mulai = std::time::Instant::now();
    build(&posko, &DemoOptions { data_dir, seed }).await?;
    let store = posko.store();
    let relawan: Vec<Relawan> = store.daftar_relawan_di(None).await?;
    // The honest side: every day of every demo relawan.
    let mut jujur_catatan = 0u64;
    for r in &relawan {
        for (_, n) in store.hitung_aktivitas_pendukung(&[r.id]).await? {
            jujur_catatan += n;
        }
        for (_, n) in store.hitung_aktivitas_kunjungan(&[r.id]).await? {
            jujur_catatan += n;
        }
    }
    let ditahan = store.daftar_batch_ditahan(None, 100_000).await?;
    let jujur_ditahan: u64 = ditahan.iter().map(|b| b.catatan).sum();
    println!(
        "demo ({:.1} s): {} relawan, {jujur_catatan} catatan jujur; {} hari ditahan, {jujur_ditahan} catatan jujur ditahan ({:.2} %)",
        mulai.elapsed().as_secs_f64(),
        relawan.len(),
        ditahan.len(),
        jujur_ditahan as f64 * 100.0 / jujur_catatan.max(1) as f64
    );

    // Field relawan (not the coordinators at the top) with an account.
    let mut pelaku: Vec<(Relawan, Pengguna, KodeTps)> = Vec::new();
    for r in relawan.iter().filter(|r| r.perekrut.is_some()) {
        let (Some(akun), Cakupan::Wilayah(w)) = (r.pengguna_id, r.wilayah) else {
            continue;
        };
        let Some(p) = store.ambil_pengguna(akun).await? else {
            continue;
        };
        // The TPS whose walk list (and DPT) the demo filled.
        let mut tps = None;
        for t in store.daftar_tps_di(w, None, 50).await? {
            if store.daftar_pemilih_tps(t.kode).await?.len() >= 60 {
                tps = Some(t.kode);
                break;
            }
        }
        if let Some(t) = tps {
            pelaku.push((r.clone(), p, t));
        }
    }
    anyhow::ensure!(
        pelaku.len() >= 2,
        "demo has too few relawan with a voter list"
    );
    let sekarang = OffsetDateTime::now_utc();
    let mut hasil: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut hari_ke = 30i64;
    let mut serial = 0u32;
    for jenis in [
        "beruntun",
        "nik_tertukar",
        "kontak_penuh",
        "gps_lompat",
        "gps_diam",
        "relawan_lain",
    ] {
        let (mut n, mut tahan) = (0, 0);
        for i in 0..PER_JENIS {
            let (r, akun, tps) = &pelaku[i % pelaku.len()];
            hari_ke += 1;
            // 08:00 WIB of a day a month or more ago: the whole fabricated
            // day falls on one WIB day.
            let hari = hari_wib((sekarang - Duration::days(hari_ke)).unix_timestamp());
            let pagi = OffsetDateTime::from_unix_timestamp(hari * 86_400 + 3_600)?;
            let pemilih = store.daftar_pemilih_tps(*tps).await?;
            let catat = |nama: String, nik: String, lahir: String, kapan: OffsetDateTime| {
                let posko = posko.clone();
                let akun = akun.clone();
                let domisili = tps.undotted();
                async move {
                    let isian = IsianPendukung {
                        nama: &nama,
                        nik: &nik,
                        domisili: &domisili,
                        tanggal_lahir: &lahir,
                        dukungan: "kuat",
                        ..Default::default()
                    };
                    posko
                        .catat_pendukung_pada(&akun, &isian, &["kontak_kampanye"], kapan)
                        .await
                }
            };
            let kunjungi = |lokasi: Vec<Option<Lokasi>>, bertemu: bool| {
                let data: Vec<DataKunjungan> = lokasi
                    .into_iter()
                    .enumerate()
                    .map(|(j, l)| DataKunjungan {
                        id: uuid::Uuid::now_v7().to_string(),
                        tps: *tps,
                        urut: pemilih[j % pemilih.len()].urut,
                        hasil: if bertemu {
                            HasilKunjungan::Bertemu
                        } else {
                            HasilKunjungan::TidakDiRumah
                        },
                        dukungan: None,
                        jawaban: Vec::new(),
                        catatan: String::new(),
                        waktu: pagi.unix_timestamp() + j as i64 * 180,
                        lokasi: l,
                    })
                    .collect();
                (akun.clone(), data)
            };
            match jenis {
                "beruntun" => {
                    for j in 0..25 {
                        let kapan = pagi + Duration::seconds(j * 12);
                        catat(
                            format!("Palsu Beruntun {i} {j}"),
                            String::new(),
                            String::new(),
                            kapan,
                        )
                        .await?;
                    }
                }
                "nik_tertukar" => {
                    // Real-looking NIKs from another kab/kota, birth dates
                    // typed that are not theirs, names not on the DPT.
                    for j in 0..10 {
                        serial += 1;
                        let lahir = time::Date::from_calendar_date(1980, time::Month::March, 3)?
                            + Duration::days(i64::from(serial) * 37);
                        let ditulis = lahir + Duration::days(400);
                        let kapan = pagi + Duration::minutes(j * 9);
                        catat(
                            format!("Palsu Tukar {i} {j}"),
                            nik("32.73.01", lahir, serial),
                            ditulis.to_string(),
                            kapan,
                        )
                        .await?;
                    }
                }
                "kontak_penuh" => {
                    let (a, d) = kunjungi(vec![None; 60], true);
                    posko.catat_kunjungan(&a, d).await?;
                }
                "gps_lompat" => {
                    let l = (0..15)
                        .map(|j| {
                            Lokasi::new(-6.3 + (j % 5) as f64 * 0.04, 106.7 + (j % 3) as f64 * 0.05)
                        })
                        .collect();
                    let (a, d) = kunjungi(l, false);
                    posko.catat_kunjungan(&a, d).await?;
                }
                "gps_diam" => {
                    let l = (0..15)
                        .map(|j| Lokasi::new(-6.2 + (j % 3) as f64 * 0.00002, 106.8))
                        .collect();
                    let (a, d) = kunjungi(l, false);
                    posko.catat_kunjungan(&a, d).await?;
                }
                _ => {
                    // Another relawan records three people first; this one
                    // then "records" the same NIKs.
                    let (_, lain, tps_lain) = &pelaku[(i + 1) % pelaku.len()];
                    for j in 0..3 {
                        serial += 1;
                        let lahir = time::Date::from_calendar_date(1975, time::Month::May, 5)?
                            + Duration::days(i64::from(serial) * 41);
                        let kecamatan = tps_lain.desa().at(posko_domain::Tingkat::Kecamatan);
                        let kode = nik(&kecamatan.to_string(), lahir, serial);
                        let isian = IsianPendukung {
                            nama: "Warga Asli",
                            nik: &kode,
                            domisili: &tps_lain.undotted(),
                            dukungan: "kuat",
                            ..Default::default()
                        };
                        let awal = pagi - Duration::days(400) + Duration::minutes(j * 20);
                        if let CatatPendukung::Baru { .. } = posko
                            .catat_pendukung_pada(lain, &isian, &["kontak_kampanye"], awal)
                            .await?
                        {
                            catat(
                                format!("Palsu Salin {i} {j}"),
                                kode,
                                String::new(),
                                pagi + Duration::minutes(j * 11),
                            )
                            .await?;
                        }
                    }
                }
            }
            n += 1;
            let b = store
                .ambil_batch_lapangan(r.id, hari)
                .await?
                .with_context(|| format!("{jenis}: no batch for day {hari}"));
            if matches!(b, Ok(b) if b.status == StatusBatch::Ditahan) {
                tahan += 1;
            }
        }
        hasil.push((jenis, n, tahan));
    }
    let (n, tahan) = hasil
        .iter()
        .fold((0, 0), |(a, b), (_, n, t)| (a + n, b + t));
    println!(
        "ujung ke ujung: {tahan}/{n} hari palsu ditahan ({:.1} %)",
        tahan as f64 * 100.0 / n.max(1) as f64
    );
    for (j, n, t) in hasil {
        println!("  {j}: {t}/{n} ditahan");
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}
