//! `posko bench survei-demo`: the survey's gate on the demo campaign's
//! own voter list. The demo is built in a temporary SQLite file; every
//! voter of its DPT gets a vote drawn once from a model that depends on
//! sex, age band and kecamatan (the truth is the share of the whole
//! list). Then, many times over: a sample drawn as Posko draws it
//! (`tarik_responden`, seed = the round), of whom men and the old answer
//! far more often than women and the young (a skewed respondent set), weighted as
//! Posko weights it (`timbang`: raking to the DPT's margins, trimming).
//! Prints the mean error of the unweighted and the weighted share, and
//! how often the weighted 95 % interval covered the truth.

use std::path::PathBuf;
use std::sync::Arc;

use posko_app::demo::DemoOptions;
use posko_app::{Brankas, Posko};
use posko_domain::survei::{
    KELOMPOK_UMUR, Margin, OpsiRaking, Responden, bagian_jawaban, kelompok_umur, tarik_responden,
    timbang,
};
use posko_domain::{JenisKelamin, Tingkat};

/// xorshift64*: the same votes and answers on every machine.
struct Acak(u64);

impl Acak {
    fn u(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Pemilih {
    kode: (String, u32),
    r: Responden,
    pilih: bool,
}

pub async fn survei_demo(data: Option<PathBuf>, sampel: usize, ulangan: u64) -> anyhow::Result<()> {
    anyhow::ensure!(sampel > 0 && ulangan > 0, "angka harus > 0");
    let dir = std::env::temp_dir().join(format!(
        "posko-survei-demo-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir)?;
    let hasil = jalankan(&dir, data, sampel, ulangan).await;
    let _ = std::fs::remove_dir_all(&dir);
    hasil
}

async fn jalankan(
    dir: &std::path::Path,
    data: Option<PathBuf>,
    sampel: usize,
    ulangan: u64,
) -> anyhow::Result<()> {
    let store = posko_sqlite::SqliteStore::open(&dir.join("posko.db")).await?;
    let posko = Posko::new(Arc::new(store), Arc::new(Brankas::generate()));
    let data_dir = data.or_else(|| Some(PathBuf::from("../shared/data")));
    let ringkas = posko_app::demo::build(&posko, &DemoOptions { data_dir, seed: 7 }).await?;
    let p = ringkas.pemilihan;

    // The frame, as the survey's draw reads it: every voter with an age.
    let mut tps: Vec<_> = posko
        .store()
        .hitung_pemilih_per_tps(p.wilayah)
        .await?
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(t, _)| t)
        .collect();
    tps.sort_by_key(|t| t.to_string());
    let mut kecamatan: Vec<_> = tps
        .iter()
        .map(|t| t.desa().at(Tingkat::Kecamatan))
        .collect();
    kecamatan.sort_by_key(|k| k.as_u64());
    kecamatan.dedup();
    let mut acak = Acak(0x5EED_2029);
    let mut semua = Vec::new();
    for t in &tps {
        let kec = kecamatan
            .iter()
            .position(|k| *k == t.desa().at(Tingkat::Kecamatan))
            .unwrap_or(0);
        for v in posko.store().daftar_pemilih_tps(*t).await? {
            let usia = match (v.tanggal_lahir, v.usia) {
                (Some(l), _) => (p.tanggal.year() - l.year()).max(0) as u32,
                (None, Some(u)) => u32::from(u),
                (None, None) => continue,
            };
            let jk = usize::from(v.jenis_kelamin == JenisKelamin::Perempuan);
            let umur = kelompok_umur(usia);
            // The truth: pair 1's support rises with age, falls among
            // women, and differs by kecamatan.
            let logit = -0.3 - 0.6 * jk as f64
                + 0.35 * (umur as f64 - 2.0)
                + 0.4 * ((kec % 3) as f64 - 1.0);
            let peluang = 1.0 / (1.0 + (-logit).exp());
            semua.push(Pemilih {
                kode: (t.to_string(), v.urut),
                r: Responden {
                    jk,
                    umur,
                    wilayah: kec,
                },
                pilih: acak.u() < peluang,
            });
        }
    }
    anyhow::ensure!(!semua.is_empty(), "DPT demo kosong");
    let kebenaran = semua.iter().filter(|v| v.pilih).count() as f64 / semua.len() as f64;
    let mut margin = Margin {
        jk: vec![0.0; 2],
        umur: vec![0.0; KELOMPOK_UMUR.len()],
        wilayah: vec![0.0; kecamatan.len()],
    };
    for v in &semua {
        margin.jk[v.r.jk] += 1.0;
        margin.umur[v.r.umur] += 1.0;
        margin.wilayah[v.r.wilayah] += 1.0;
    }
    let kerangka: Vec<(String, u32)> = semua.iter().map(|v| v.kode.clone()).collect();

    let (mut galat_mentah, mut galat_bobot, mut kena, mut n_total, mut deff_total) =
        (0.0, 0.0, 0u64, 0usize, 0.0);
    let mut gagal = 0u64;
    for benih in 0..ulangan {
        let mut responden = Vec::new();
        let mut jawaban = Vec::new();
        for i in tarik_responden(benih, &kerangka, sampel) {
            let v = &semua[i];
            // Men answer twice as often as women; the old far more than
            // the young.
            let mau = (if v.r.jk == 0 { 0.8 } else { 0.4 }) * (0.35 + 0.15 * v.r.umur as f64);
            if acak.u() < mau {
                responden.push(v.r);
                jawaban.push(usize::from(!v.pilih));
            }
        }
        let Ok(t) = timbang(&responden, &margin, OpsiRaking::default()) else {
            gagal += 1;
            continue;
        };
        let polos = vec![1.0; responden.len()];
        let mentah = bagian_jawaban(&polos, &jawaban, 2)[0].bagian;
        let b = bagian_jawaban(&t.bobot, &jawaban, 2)[0];
        galat_mentah += (mentah - kebenaran).abs();
        galat_bobot += (b.bagian - kebenaran).abs();
        if (b.bagian - kebenaran).abs() <= b.margin {
            kena += 1;
        }
        n_total += responden.len();
        deff_total += t.deff;
    }
    let m = (ulangan - gagal) as f64;
    println!(
        "survei-demo: DPT demo {} pemilih di {} kecamatan; kebenaran (dukungan paslon 1) {:.4}",
        semua.len(),
        kecamatan.len(),
        kebenaran
    );
    println!(
        "  {ulangan} kali tarik {sampel} responden (benih 0..{ulangan}), yang menjawab miring: rata-rata n {:.0}, deff {:.3}",
        n_total as f64 / m,
        deff_total / m
    );
    println!(
        "  galat mutlak rata-rata: tanpa bobot {:.4}, tertimbang {:.4} ({:.1} × lebih kecil)",
        galat_mentah / m,
        galat_bobot / m,
        galat_mentah / galat_bobot
    );
    println!(
        "  selang 95 % tertimbang mencakup kebenaran: {:.1} % ({kena} dari {m:.0}); gagal ditimbang: {gagal}",
        100.0 * kena as f64 / m
    );
    Ok(())
}
