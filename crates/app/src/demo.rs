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
            import_batas(posko, dir).await?;
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
        .simpan_pemilihan(
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
            .simpan_paslon(
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
    // A quick-count sample drawn as a campaign would, weeks before the day.
    let rekap = posko.store().ambil_rekap_dpt(Some(wilayah)).await?;
    let ukuran = 400.min(u32::try_from(rekap.jumlah_tps / 2).unwrap_or(u32::MAX));
    posko
        .tarik_sampel(
            &Aktor::demo(),
            pemilihan.id,
            posko_domain::hitung_cepat::DesainSampel {
                stratifikasi: posko_domain::hitung_cepat::Stratifikasi::KabKota,
                alokasi: posko_domain::hitung_cepat::Alokasi::ProporsionalDpt,
                ukuran,
                benih: opts.seed,
            },
        )
        .await?;
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
    crate::demo_lapangan::bangun(posko, &akun, wilayah, opts.seed).await?;
    crate::demo_dana::bangun(posko, &akun, pemilihan.id, opts.seed).await?;
    crate::demo_medsos::bangun(posko, &akun, pemilihan.id).await?;
    crate::demo_acara::bangun(posko, &akun, pemilihan.id, opts.seed).await?;
    crate::demo_apk::bangun(posko, &akun, pemilihan.id).await?;
    crate::demo_tugas::bangun(posko, &akun, pemilihan.id).await?;
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

/// The boundaries the war room's maps need, when the data folder has them:
/// without them a newcomer's first look at the war room is a message
/// instead of a map. Shapes outside DKI are stored too (the wilayah list is
/// all of Indonesia) and cost a few seconds.
async fn import_batas(posko: &Posko, dir: &Path) -> Result<()> {
    for f in BATAS_FILES {
        let path = dir.join(f);
        if !path.is_file() {
            continue;
        }
        let r = posko
            .import_batas(&Aktor::demo(), &path, ImportRequest::default())
            .await?;
        if !r.applied {
            return Err(AppError::Invalid(format!(
                "demo: impor batas {} gagal: {}",
                path.display(),
                r.problems.join("\n")
            )));
        }
    }
    Ok(())
}

const BATAS_FILES: [&str; 3] = [
    "batas/kabkota.geojson",
    "batas/kecamatan.geojson",
    "batas/desa_31_dki_jakarta.geojson",
];

pub(crate) const NAMA_DEPAN: &[&str] = &[
    "Adi", "Bayu", "Cahya", "Dewi", "Eka", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika",
    "Lestari", "Maya", "Nanda", "Oki", "Putri", "Rizky", "Sari", "Teguh", "Utami", "Wulan", "Yoga",
    "Zahra", "Arief", "Budi", "Citra", "Dimas", "Fitri", "Galih", "Hana",
];
pub(crate) const NAMA_BELAKANG: &[&str] = &[
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

/// Election day in the demo: plausible C.Hasil for every TPS of the demo
/// election, in random order, at about `per_detik` a second, sent as a
/// demo saksi through the same use case the web and API use, so the
/// tabulation pages move. Some forms carry a copying slip, as real ones do.
/// Returns when every TPS is in.
pub async fn hari_h(
    posko: &Posko,
    pemilihan_id: uuid::Uuid,
    per_detik: u32,
    seed: u64,
) -> Result<u64> {
    let pemilihan = posko
        .store()
        .ambil_pemilihan(pemilihan_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?;
    let paslon = posko.store().daftar_paslon(pemilihan_id).await?.len();
    let mut semua = Vec::new();
    let mut after = None;
    loop {
        let page = posko
            .store()
            .daftar_tps_di(pemilihan.wilayah, after, 5_000)
            .await?;
        let Some(last) = page.last() else { break };
        after = Some(last.kode);
        semua.extend(page);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x4841_5249);
    // Fisher–Yates: arrival order is not the code order (nor random in
    // real life; cities come in first, but this is a demo).
    for i in (1..semua.len()).rev() {
        semua.swap(i, rng.random_range(0..=i));
    }
    // The quick-count saksi report first, as their network is built to.
    if let Some((sampel, _)) = posko.sampel_hitung_cepat(pemilihan_id).await? {
        let disampel: std::collections::HashSet<&str> =
            sampel.tps.iter().map(|t| t.kode.as_str()).collect();
        semua.sort_by_key(|t| !disampel.contains(t.kode.undotted().as_str()));
    }
    let saksi = posko_storage::Pengguna {
        id: uuid::Uuid::now_v7(),
        username: "demo.saksi".into(),
        nama: "Saksi demo".into(),
        aktif: true,
        dibuat: time::OffsetDateTime::now_utc(),
        penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).map_err(AppError::invalid)?],
        telepon: None,
    };
    // A regional lean per kab/kota, so the map has colour.
    let lean =
        |w: &KodeWilayah| (w.undotted().bytes().map(u64::from).sum::<u64>() % 7) as f64 / 20.0;
    let jeda = std::time::Duration::from_secs_f64(1.0 / f64::from(per_detik.max(1)));
    let mut n = 0;
    for tps in semua {
        let dpt = tps.dpt.total().unwrap_or(250);
        let turnout = rng.random_range(0.55..0.82);
        let pemilih = (f64::from(dpt) * turnout) as u32;
        let tidak_sah = pemilih * rng.random_range(1..4) / 100;
        let sah = pemilih - tidak_sah;
        let kab = tps.kode.desa().at(posko_domain::Tingkat::Kabkota);
        let mut bobot: Vec<f64> = (0..paslon)
            .map(|i| 1.0 + rng.random_range(0.0..0.6) + if i == 0 { lean(&kab) } else { 0.0 })
            .collect();
        let total: f64 = bobot.iter().sum();
        bobot.iter_mut().for_each(|b| *b /= total);
        let mut suara: Vec<u32> = bobot.iter().map(|b| (f64::from(sah) * b) as u32).collect();
        let sisa = sah - suara.iter().sum::<u32>();
        if let Some(s) = suara.first_mut() {
            *s += sisa;
        }
        // One form in twenty has a slip in V.A, as copied by hand.
        let tulis_sah = if rng.random_range(0..20) == 0 {
            sah + 10
        } else {
            sah
        };
        // One saksi in four attaches a photo (keeps the demo's photo folder
        // near 40 MB); a form with a slip always has one, so the
        // verification queue has work and the slip can be caught.
        let foto = if tulis_sah != sah || rng.random_range(0..4) == 0 {
            let mut baris: Vec<(String, u32)> = suara
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("P{}", i + 1), *v))
                .collect();
            baris.push(("SAH".into(), tulis_sah));
            baris.push(("tS".into(), tidak_sah));
            baris.push(("tot".into(), sah + tidak_sah));
            let kode = format!(
                "{}-{:03}",
                tps.kode.desa().undotted(),
                tps.kode.nomor().get()
            );
            vec![
                posko
                    .simpan_foto(&saksi, &crate::demo_foto::formulir(&kode, &baris))
                    .await?,
            ]
        } else {
            Vec::new()
        };
        let formulir = posko_domain::FormulirHasil {
            suara_paslon: suara.into_iter().map(Some).collect(),
            suara_sah: Some(tulis_sah),
            suara_tidak_sah: Some(tidak_sah),
            suara_total: Some(sah + tidak_sah),
            ..Default::default()
        };
        posko
            .kirim_hasil(
                &saksi,
                crate::IsianHasil {
                    pemilihan_id,
                    tps: tps.kode,
                    kunci_klien: format!("demo-{}", tps.kode.undotted()),
                    formulir,
                    alasan: None,
                    foto,
                    sumber: "demo",
                },
            )
            .await?;
        n += 1;
        tokio::time::sleep(jeda).await;
    }
    Ok(n)
}
