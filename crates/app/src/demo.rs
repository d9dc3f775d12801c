//! The demo campaign: a realistic Pilkada anyone can browse a minute after
//! cloning. With the public data folder it uses real regions and the real
//! TPS of the 2017 DKI Jakarta gubernur election; without it, a made-up
//! kabupaten of plausible size. Candidate names are always fictional, and
//! everything is deterministic for a given seed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use posko_domain::{Cakupan, JenisPemilihan, KodeWilayah, NamaCalon, NomorUrut, Penugasan, Peran};
use posko_storage::Pemilihan;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::macros::date;

use crate::{Aktor, AppError, ImportRequest, NewPaslon, NewPemilihan, NewPengguna, Posko, Result};

pub struct DemoOptions {
    /// A folder laid out like `shared/data` (wilayah/, tps/); None or a
    /// folder without those files selects the synthetic kabupaten.
    pub data_dir: Option<PathBuf>,
    pub seed: u64,
}

/// What the demo built, for the console banner.
pub struct DemoSummary {
    pub pemilihan: Pemilihan,
    /// The demo's campaign manager account and its generated password.
    pub username: String,
    pub password: String,
    pub sumber: &'static str,
    pub jumlah_tps: u64,
    pub dpt_total: u64,
}

const WILAYAH_FILE: &str = "wilayah/wilayah.csv";
const DKI_TPS_FILE: &str = "tps/pilkada_dki2017_putaran1_dpt_tps.csv";

pub async fn build(posko: &Posko, opts: &DemoOptions) -> Result<DemoSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let real = opts
        .data_dir
        .as_deref()
        .filter(|d| d.join(WILAYAH_FILE).is_file() && d.join(DKI_TPS_FILE).is_file());
    let (jenis, wilayah, sumber) = match real {
        Some(dir) => {
            import_all(posko, &dir.join(WILAYAH_FILE), &dir.join(DKI_TPS_FILE)).await?;
            let kode = KodeWilayah::parse("31").expect("DKI Jakarta");
            (
                JenisPemilihan::Gubernur,
                kode,
                "data nyata: kode wilayah Kemendagri dan 13.023 TPS Pilkada DKI Jakarta 2017",
            )
        }
        None => {
            let tmp = std::env::temp_dir().join(format!("posko-demo-{}", uuid::Uuid::now_v7()));
            std::fs::create_dir_all(&tmp).map_err(|e| AppError::Invalid(e.to_string()))?;
            let kode = write_synthetic(&tmp, &mut rng)?;
            import_all(posko, &tmp.join("wilayah.csv"), &tmp.join("tps.csv")).await?;
            let _ = std::fs::remove_dir_all(&tmp);
            (
                JenisPemilihan::Bupati,
                kode,
                "data buatan: kabupaten rekaan (folder data publik tidak ditemukan)",
            )
        }
    };
    let pemilihan = posko
        .create_pemilihan(
            &Aktor::demo(),
            NewPemilihan {
                jenis,
                wilayah,
                nama: None,
                tanggal: date!(2029 - 11 - 28),
            },
        )
        .await?;
    for (i, (kepala, wakil)) in fictional_pairs(&mut rng, 3).into_iter().enumerate() {
        posko
            .add_paslon(
                &Aktor::demo(),
                pemilihan.id,
                NewPaslon {
                    nomor_urut: NomorUrut::new(i as u8 + 1).expect("1..=3"),
                    calon_kepala: NamaCalon::parse_field(&kepala, "calon")
                        .map_err(AppError::invalid)?,
                    calon_wakil: NamaCalon::parse_field(&wakil, "wakil")
                        .map_err(AppError::invalid)?,
                },
            )
            .await?;
    }
    let manajer = Penugasan::new(Peran::Manager, Cakupan::Semua).map_err(AppError::invalid)?;
    let (akun, password) = posko
        .add_pengguna(
            &Aktor::demo(),
            NewPengguna {
                username: "manajer".into(),
                nama: "Manajer Kampanye (demo)".into(),
                password: None,
                penugasan: vec![manajer],
                telepon: None,
            },
        )
        .await?;
    let rekap = posko.store().dpt_totals(Some(wilayah)).await?;
    Ok(DemoSummary {
        pemilihan,
        username: akun.username,
        password: password.unwrap_or_default(),
        sumber,
        jumlah_tps: rekap.jumlah_tps,
        dpt_total: rekap.dpt_total,
    })
}

async fn import_all(posko: &Posko, wilayah: &Path, tps: &Path) -> Result<()> {
    for (report, what) in [
        (
            posko
                .import_wilayah(&Aktor::demo(), wilayah, ImportRequest::default())
                .await?,
            "wilayah",
        ),
        (
            posko
                .import_tps(&Aktor::demo(), tps, ImportRequest::default())
                .await?,
            "TPS",
        ),
    ] {
        if !report.applied {
            return Err(AppError::Invalid(format!(
                "demo: impor {what} gagal: {}\n{}",
                report.summary(),
                report.problems.join("\n")
            )));
        }
    }
    Ok(())
}

const NAMA_DEPAN: &[&str] = &[
    "Adi", "Bayu", "Cahya", "Dewi", "Eka", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika",
    "Lestari", "Maya", "Nanda", "Oki", "Putri", "Rizky", "Sari", "Teguh", "Utami", "Wulan", "Yoga",
    "Zahra", "Arief", "Budi", "Citra", "Dimas", "Fitri", "Galih", "Hana",
];
const NAMA_BELAKANG: &[&str] = &[
    "Pramudita",
    "Wicaksana",
    "Handayani",
    "Kusumawardhani",
    "Saputra",
    "Nugraha",
    "Permatasari",
    "Wirawan",
    "Anggraeni",
    "Setiabudi",
    "Maharani",
    "Purnamasari",
    "Hidayatullah",
    "Susanto",
    "Rahmawati",
    "Kurniawan",
    "Lazuardi",
    "Tirtayasa",
    "Wardhana",
    "Cahyaningrum",
];

/// Invented names: common Indonesian given names with family names drawn
/// independently, so no pair is meant to be a real person.
fn fictional_pairs(rng: &mut ChaCha8Rng, n: usize) -> Vec<(String, String)> {
    let mut used = std::collections::HashSet::new();
    let mut name = |rng: &mut ChaCha8Rng| loop {
        let s = format!(
            "{} {}",
            NAMA_DEPAN[rng.random_range(0..NAMA_DEPAN.len())],
            NAMA_BELAKANG[rng.random_range(0..NAMA_BELAKANG.len())]
        );
        if used.insert(s.clone()) {
            return s;
        }
    };
    (0..n).map(|_| (name(rng), name(rng))).collect()
}

const AWALAN: &[&str] = &[
    "Suka", "Ci", "Mekar", "Karang", "Tanjung", "Pasir", "Bojong", "Sindang", "Wana", "Marga",
];
const AKHIRAN: &[&str] = &[
    "jaya", "mulya", "asih", "makmur", "rahayu", "sari", "wangi", "harja", "indah", "laksana",
];

/// Writes a made-up kabupaten (15 kecamatan, ~150 desa, ~1,500 TPS with
/// DPT 150–600) as the same CSV files a real campaign would import.
fn write_synthetic(dir: &Path, rng: &mut ChaCha8Rng) -> Result<KodeWilayah> {
    let io = |e: std::io::Error| AppError::Invalid(format!("demo: {e}"));
    // Real places repeat names across kecamatan too, so repeats are fine.
    let pick = |rng: &mut ChaCha8Rng| {
        format!(
            "{}{}",
            AWALAN[rng.random_range(0..AWALAN.len())],
            AKHIRAN[rng.random_range(0..AKHIRAN.len())]
        )
    };
    let mut wilayah =
        String::from("kode,nama\n99,Provinsi Contoh\n99.01,Kabupaten Sukamaju Raya\n");
    let mut tps = String::from("kode_desa,tps_no,dpt_laki,dpt_perempuan,dpt_total\n");
    for kec in 1..=15u32 {
        let kec_name = pick(rng);
        writeln!(wilayah, "99.01.{kec:02},{kec_name}").ok();
        let desa_count = rng.random_range(8..=12u32);
        for d in 1..=desa_count {
            // A few kelurahan near the kabupaten seat, desa elsewhere.
            let jenis = if kec == 1 && d <= 4 { 1 } else { 2 };
            let kode = format!("99.01.{kec:02}.{jenis}{d:03}");
            writeln!(wilayah, "{kode},{}", pick(rng)).ok();
            for n in 1..=rng.random_range(7..=13u32) {
                let total: u32 = rng.random_range(150..=600);
                let laki = total / 2 + rng.random_range(0..=total / 20) - total / 40;
                writeln!(tps, "{kode},{n},{laki},{},{total}", total - laki).ok();
            }
        }
    }
    std::fs::write(dir.join("wilayah.csv"), wilayah).map_err(io)?;
    std::fs::write(dir.join("tps.csv"), tps).map_err(io)?;
    Ok(KodeWilayah::parse("99.01").expect("valid"))
}
