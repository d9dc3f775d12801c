//! `posko bench hitung-cepat`: the quick count's honesty and speed on a
//! real full count (Pilpres 2019, every TPS of DKI Jakarta, Kota Bandung
//! and Kota Surabaya, from `../shared/data/hasil/`).
//!
//! For each design and sample size it draws `ulangan` samples (seeds
//! 1..=ulangan) through the real draw, estimates each with the real
//! estimator, and prints how often the 95 % interval of paslon 01's share
//! contains the full-count share (it should be about 95 %), the mean and
//! largest margin, and the margin the design promised before drawing.
//! Then how long one estimate from 3,000 TPS takes, beside the time to
//! merely add up the same reports' votes in the same process.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use posko_domain::hitung_cepat::{
    Alokasi, DesainSampel, Kerangka, LaporanTps, RiwayatTps, SEBARAN_ANTAR_TPS_BAWAAN, Sebaran,
    Stratifikasi, TpsPopulasi, lintasan, taksir,
};

pub(crate) const BERKAS: &str = "hasil/kawalpemilu2019_pilpres_tps_dki_bandung_surabaya_named.csv";

/// The designs measured: stratification and sample size, proportional to
/// DPT.
const DESAIN: [(Stratifikasi, u32); 8] = [
    (Stratifikasi::Tanpa, 2000),
    (Stratifikasi::KabKota, 400),
    (Stratifikasi::KabKota, 1000),
    (Stratifikasi::KabKota, 2000),
    (Stratifikasi::KabKota, 3000),
    (Stratifikasi::Kecamatan, 400),
    (Stratifikasi::Kecamatan, 2000),
    (Stratifikasi::Kecamatan, 3000),
];

pub(crate) struct Data {
    pub(crate) tps: Vec<TpsPopulasi>,
    pub(crate) laporan: Vec<LaporanTps>,
    pub(crate) dilewati: usize,
}

/// Every TPS with a DPT and complete tallies: KawalPemilu's (`awalan`
/// "kp") or KPU's own ("kpu"). The file has no quoted fields. TPS of kelurahan without a current desa code get
/// their kecamatan code (enough for both stratifications) and a code made
/// unique by the 2019 kelurahan id.
pub(crate) fn baca(path: &Path, awalan: &str) -> anyhow::Result<Data> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("membaca {}", path.display()))?;
    let mut baris = text.lines();
    let kepala: Vec<&str> = baris.next().unwrap_or_default().split(',').collect();
    let kol = |nama: &str| {
        kepala
            .iter()
            .position(|k| *k == nama)
            .with_context(|| format!("{}: kolom {nama} tidak ada", path.display()))
    };
    let (desa, kec, kel, no, dpt, p1, p2, ts) = (
        kol("kode_desa_kemendagri")?,
        kol("kode_kec_kemendagri")?,
        kol("kel_id")?,
        kol("tps_no")?,
        kol("dpt")?,
        kol(&format!("{awalan}_pas1"))?,
        kol(&format!("{awalan}_pas2"))?,
        kol(&format!("{awalan}_tidak_sah"))?,
    );
    let mut data = Data {
        tps: Vec::new(),
        laporan: Vec::new(),
        dilewati: 0,
    };
    for l in baris {
        if l.contains('"') {
            bail!("{}: baris berkutip tidak didukung: {l}", path.display());
        }
        let c: Vec<&str> = l.split(',').collect();
        if c.len() != kepala.len() {
            bail!("{}: jumlah kolom salah: {l}", path.display());
        }
        let angka = |i: usize| c[i].trim().parse::<u64>().ok();
        let (Some(d), Some(a), Some(b), Some(t), Some(nomor)) =
            (angka(dpt), angka(p1), angka(p2), angka(ts), angka(no))
        else {
            data.dilewati += 1;
            continue;
        };
        let (kode_desa, kode) = if c[desa].is_empty() {
            let k = c[kec].replace('.', "");
            (k.clone(), format!("{k}-kel{}-{nomor:03}", c[kel]))
        } else {
            let k = c[desa].replace('.', "");
            (k.clone(), format!("{k}-{nomor:03}"))
        };
        data.tps.push(TpsPopulasi {
            kode: kode.clone(),
            kode_desa,
            dpt: u32::try_from(d)?,
        });
        data.laporan.push(LaporanTps {
            kode,
            suara_paslon: vec![a, b],
            tidak_sah: t,
            dpt: d,
        });
    }
    Ok(data)
}

fn median_mikro(mut f: impl FnMut(), kali: usize) -> f64 {
    let mut t: Vec<f64> = (0..kali)
        .map(|_| {
            let mulai = Instant::now();
            f();
            mulai.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

pub fn hitung_cepat(ulangan: u32, data: Option<PathBuf>) -> anyhow::Result<()> {
    if ulangan == 0 {
        bail!("--ulangan harus lebih dari 0");
    }
    let dir = data.unwrap_or_else(|| PathBuf::from("../shared/data"));
    let path = dir.join(BERKAS);
    let data = baca(&path, "kp")?;
    let indeks: HashMap<&str, usize> = data
        .tps
        .iter()
        .enumerate()
        .map(|(i, t)| (t.kode.as_str(), i))
        .collect();
    let a: u64 = data.laporan.iter().map(|l| l.suara_paslon[0]).sum();
    let m: u64 = data.laporan.iter().map(LaporanTps::suara_sah).sum();
    let benar = a as f64 / m as f64;
    println!(
        "Pilpres 2019 (DKI, Kota Bandung, Kota Surabaya): {} TPS dengan data, {} dilewati; 01 hitung penuh {:.4} %",
        data.tps.len(),
        data.dilewati,
        benar * 100.0
    );
    println!(
        "{ulangan} tarikan per desain (benih 1..={ulangan}), alokasi proporsional DPT; margin dalam poin persen.\n"
    );
    // What a planner with this election's own per-TPS shares as history
    // would have been promised: the best case for the expected margin.
    let riwayat: Vec<RiwayatTps> = data
        .tps
        .iter()
        .zip(&data.laporan)
        .map(|(t, l)| RiwayatTps {
            kode_desa: t.kode_desa.clone(),
            bagian: l.suara_paslon[0] as f64 / l.suara_sah().max(1) as f64,
            suara_sah: l.suara_sah(),
        })
        .collect();
    println!(
        "{:<10} {:>5} {:>7} {:>9} {:>9} {:>12} {:>13} {:>9}",
        "strata", "n", "jumlah", "cakupan", "margin", "margin maks", "janji σ=0.15", "janji riw"
    );
    for (stratifikasi, n) in DESAIN {
        let kerangka = Kerangka::susun(stratifikasi, &data.tps)?;
        let janji = kerangka.margin_perkiraan(
            Alokasi::ProporsionalDpt,
            n,
            &Sebaran::seragam(SEBARAN_ANTAR_TPS_BAWAAN),
        )?;
        let janji_riwayat = kerangka.margin_perkiraan(
            Alokasi::ProporsionalDpt,
            n,
            &Sebaran::dari_riwayat(stratifikasi, &riwayat, SEBARAN_ANTAR_TPS_BAWAAN),
        )?;
        let (mut kena, mut jumlah, mut maks) = (0u32, 0.0, 0.0f64);
        for benih in 1..=u64::from(ulangan) {
            let sampel = kerangka.tarik(&DesainSampel {
                stratifikasi,
                alokasi: Alokasi::ProporsionalDpt,
                ukuran: n,
                benih,
            })?;
            let laporan: Vec<LaporanTps> = sampel
                .tps
                .iter()
                .map(|t| data.laporan[indeks[t.kode.as_str()]].clone())
                .collect();
            let p = taksir(&sampel, &laporan)?.per_paslon[0];
            kena += u32::from(p.memuat(benar));
            jumlah += p.margin_95;
            maks = maks.max(p.margin_95);
        }
        println!(
            "{:<10} {n:>5} {:>7} {:>8.1}% {:>8.2} {:>12.2} {:>13.2} {:>9.2}",
            format!("{stratifikasi:?}"),
            kerangka.strata().len(),
            f64::from(kena) / f64::from(ulangan) * 100.0,
            jumlah / f64::from(ulangan) * 100.0,
            maks * 100.0,
            janji * 100.0,
            janji_riwayat * 100.0
        );
    }
    println!("(jumlah = banyak strata; janji = margin yang diperkirakan sebelum menarik sampel)\n");

    // Speed: one estimate of a 3,000-TPS sample, against adding up its votes.
    let kerangka = Kerangka::susun(Stratifikasi::Kecamatan, &data.tps)?;
    let desain = DesainSampel {
        stratifikasi: Stratifikasi::Kecamatan,
        alokasi: Alokasi::ProporsionalDpt,
        ukuran: 3000,
        benih: 1,
    };
    let sampel = kerangka.tarik(&desain)?;
    let laporan: Vec<LaporanTps> = sampel
        .tps
        .iter()
        .map(|t| data.laporan[indeks[t.kode.as_str()]].clone())
        .collect();
    const KALI: usize = 200;
    let taksir_us = median_mikro(
        || {
            black_box(taksir(black_box(&sampel), black_box(&laporan)).ok());
        },
        KALI,
    );
    let jumlah_us = median_mikro(
        || {
            let mut s = [0u64; 3];
            for l in black_box(&laporan) {
                s[0] += l.suara_paslon[0];
                s[1] += l.suara_paslon[1];
                s[2] += l.tidak_sah;
            }
            black_box(s);
        },
        KALI,
    );
    let tarik_us = median_mikro(
        || {
            black_box(kerangka.tarik(black_box(&desain)).ok());
        },
        20,
    );
    let lintasan_us = median_mikro(
        || {
            black_box(lintasan(&sampel, black_box(&laporan), 50).ok());
        },
        20,
    );
    println!(
        "taksir 3.000 TPS ({} strata kecamatan): median {taksir_us:.0} µs dari {KALI} kali; menjumlah suaranya saja: {jumlah_us:.1} µs (rasio {:.0}×)",
        sampel.strata.len(),
        taksir_us / jumlah_us.max(0.001)
    );
    println!(
        "tarik 3.000 dari {} TPS: median {:.1} ms; lintasan 3.000 laporan titik tiap 50 (60 taksiran): median {:.1} ms",
        data.tps.len(),
        tarik_us / 1000.0,
        lintasan_us / 1000.0
    );
    Ok(())
}

/// The war-room page's own work, end to end on SQLite: read the sample and
/// the current result of each of 3,000 sampled TPS from storage, then
/// estimate with drift. Beside it, in the same process: the storage read
/// alone and the estimate alone.
pub async fn ujung_ke_ujung() -> anyhow::Result<()> {
    use std::sync::Arc;

    use posko_app::{Aktor, IsianHasil, Posko};
    use posko_domain::{Cakupan, FormulirHasil, KodeTps, Penugasan, Peran};

    const UKURAN: u32 = 3_000;
    let dir = crate::bench::tempfile_dir()?;
    // 380,000 TPS over 38 provinces: 10,000 in each, as in a large province.
    crate::bench::write_synthetic(&dir, 380_000)?;
    let posko = Posko::new(
        Arc::new(posko_sqlite::SqliteStore::open(&dir.join("bench.db")).await?),
        Arc::new(posko_app::Brankas::generate()),
    );
    let pemilihan = crate::bench_hasil::siapkan_pemilu(&posko, &dir).await?;
    let id = pemilihan[&32];
    let sampel = posko
        .tarik_sampel(
            &Aktor::system(),
            id,
            DesainSampel {
                stratifikasi: Stratifikasi::KabKota,
                alokasi: Alokasi::ProporsionalDpt,
                ukuran: UKURAN,
                benih: 2029,
            },
        )
        .await?;
    let manajer = posko_storage::Pengguna {
        id: uuid::Uuid::now_v7(),
        username: "bench".into(),
        nama: "bench".into(),
        aktif: true,
        dibuat: time::OffsetDateTime::now_utc(),
        penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua)?],
        telepon: None,
    };
    for (i, t) in sampel.tps.iter().enumerate() {
        let a = 100 + (i as u32 * 7919) % 60;
        posko
            .kirim_hasil(
                &manajer,
                IsianHasil {
                    pemilihan_id: id,
                    tps: KodeTps::parse(&t.kode)?,
                    kunci_klien: format!("bench-hc-{i:06}"),
                    formulir: FormulirHasil {
                        suara_paslon: vec![Some(a), Some(90), Some(40)],
                        suara_sah: Some(a + 130),
                        suara_tidak_sah: Some(3),
                        suara_total: Some(a + 133),
                        ..FormulirHasil::default()
                    },
                    alasan: None,
                    foto: Vec::new(),
                    sumber: "bench",
                },
            )
            .await?;
    }
    let ukur = async |apa: &str| -> anyhow::Result<f64> {
        let mut t = Vec::new();
        for _ in 0..21 {
            let mulai = Instant::now();
            match apa {
                "baca" => {
                    let kode: Vec<KodeTps> = sampel
                        .tps
                        .iter()
                        .filter_map(|t| KodeTps::parse(&t.kode).ok())
                        .collect();
                    black_box(posko.store().daftar_hasil_tps(id, &kode).await?);
                }
                _ => {
                    black_box(posko.hitung_cepat(id).await?);
                }
            }
            t.push(mulai.elapsed().as_secs_f64() * 1e3);
        }
        t.sort_by(f64::total_cmp);
        Ok(t[t.len() / 2])
    };
    let baca = ukur("baca").await?;
    let semua = ukur("semua").await?;
    let hc = posko.hitung_cepat(id).await?;
    println!(
        "\nUjung ke ujung (SQLite, 10.000 TPS, sampel {} TPS, semua masuk): halaman hitung cepat {semua:.1} ms (median 21 kali); baca hasil {} TPS saja {baca:.1} ms; rasio {:.2}. Taksiran paslon 1: {:.2} % ± {:.2}.",
        sampel.tps.len(),
        sampel.tps.len(),
        semua / baca,
        hc.taksiran.per_paslon[0].nilai * 100.0,
        hc.taksiran.per_paslon[0].margin_95 * 100.0,
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
