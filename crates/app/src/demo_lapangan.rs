//! The demo's ground game: a volunteer tree that mirrors the territory and
//! the supporters its relawan recorded, so the relawan, pendukung and
//! target pages have something plausible to show; each relawan's first TPS
//! also gets a voter list and visits (`demo_jalan.rs`) for its walk list.
//! Every name is invented.

use posko_domain::KodeWilayah;
use posko_domain::pendukung::IsianPendukung;
use posko_domain::{Cakupan, Penugasan, Peran};
use posko_storage::Pengguna;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::demo::{NAMA_BELAKANG, NAMA_DEPAN};
use crate::relawan::Gabung;
use crate::{Aktor, AppError, NewPengguna, Posko, Result};

/// Top-level areas given a coordinator, areas under each, and supporters
/// each of those records: 6 × 2 × 25 = 300 at most.
const AREA_ATAS: usize = 6;
const AREA_BAWAH: usize = 2;
const PENDUKUNG_PER_RELAWAN: usize = 25;

fn nama(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{} {}",
        NAMA_DEPAN[rng.random_range(0..NAMA_DEPAN.len())],
        NAMA_BELAKANG[rng.random_range(0..NAMA_BELAKANG.len())]
    )
}

/// Builds the tree under `wilayah` (the election's region): a coordinator
/// for each of its first areas, who invites two relawan for areas under
/// theirs, who each record supporters at TPS of their area. Returns
/// (relawan, supporters).
pub(crate) async fn bangun(
    posko: &Posko,
    manajer: &Pengguna,
    wilayah: KodeWilayah,
    seed: u64,
) -> Result<(u64, u64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5245_4c41);
    // Times drawn apart, so the names, voters and visits stay what the
    // seed always made.
    let mut jam = ChaCha8Rng::seed_from_u64(seed ^ 0x4a41_4d00);
    let (mut relawan, mut pendukung) = (0u64, 0u64);
    let atas = posko.store().daftar_anak_wilayah(Some(wilayah)).await?;
    for (i, a) in atas.iter().take(AREA_ATAS).enumerate() {
        let (akun, _) = posko
            .add_pengguna(
                &Aktor::demo(),
                NewPengguna {
                    username: format!("koord{}", i + 1),
                    nama: nama(&mut rng),
                    password: Some(format!("demo-koord-{}-rahasia", i + 1)),
                    // A coordinator of their kab/kota, as the README's
                    // walkthrough shows them, and the top of its relawan tree.
                    penugasan: vec![
                        Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(a.kode))
                            .map_err(|e| AppError::Invalid(e.to_string()))?,
                    ],
                    telepon: None,
                },
            )
            .await?;
        posko
            .tambah_relawan(manajer, &akun.nama, Cakupan::Wilayah(a.kode), Some(akun.id))
            .await?;
        relawan += 1;
        // Reloaded: the relawan role was just granted.
        let koord = posko
            .store()
            .ambil_pengguna(akun.id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pengguna {}", akun.username)))?;
        let bawah = posko.store().daftar_anak_wilayah(Some(a.kode)).await?;
        for (j, b) in bawah.iter().take(AREA_BAWAH).enumerate() {
            let kode = posko
                .buat_undangan(&koord, Cakupan::Wilayah(b.kode))
                .await?;
            let (anggota, _) = posko
                .gabung_relawan(Gabung {
                    kode,
                    username: format!("relawan{}{}", i + 1, j + 1),
                    nama: nama(&mut rng),
                    password: format!("demo-relawan-{}{}-rahasia", i + 1, j + 1),
                })
                .await?;
            relawan += 1;
            let tps = posko.store().daftar_tps_di(b.kode, None, 500).await?;
            if tps.is_empty() {
                continue;
            }
            let mut tercatat = Vec::new();
            // Recorded door to door over yesterday's working day, a few
            // minutes apart, as relawan do: the field-data checks hold a
            // burst, and the demo's honest day must not look like one.
            let mut kapan = time::OffsetDateTime::now_utc()
                - time::Duration::days(1)
                - time::Duration::minutes(jam.random_range(0..120));
            for _ in 0..PENDUKUNG_PER_RELAWAN {
                kapan += time::Duration::seconds(jam.random_range(120..900));
                // Half at the area's first TPS, whose walk list the demo fills.
                let t = if rng.random_range(0..2) == 0 {
                    &tps[0]
                } else {
                    &tps[rng.random_range(0..tps.len())]
                };
                let (y, m, d) = (
                    rng.random_range(1955..2007),
                    rng.random_range(1..=12u8),
                    rng.random_range(1..=28u8),
                );
                let lahir = format!("{y}-{m:02}-{d:02}");
                let dukungan = ["kuat", "kuat", "condong", "ragu"][rng.random_range(0..4)];
                let n = nama(&mut rng);
                let isian = IsianPendukung {
                    nama: &n,
                    nik: "",
                    telepon: "",
                    alamat: "",
                    domisili: &t.kode.undotted(),
                    tanggal_lahir: &lahir,
                    dukungan,
                    sumber: "kunjungan rumah",
                };
                // A name drawn twice in one desa may be a suspected
                // duplicate: that is what the review list is for.
                posko
                    .catat_pendukung_pada(&anggota, &isian, &["kontak_kampanye"], kapan)
                    .await?;
                pendukung += 1;
                if let Ok(bulan) = time::Month::try_from(m)
                    && let Ok(lahir) = time::Date::from_calendar_date(y, bulan, d)
                {
                    tercatat.push(crate::demo_jalan::Tercatat {
                        tps: t.kode,
                        nama: n.clone(),
                        lahir,
                    });
                }
            }
            crate::demo_jalan::isi(posko, &anggota, tps[0].kode, &tercatat, &mut rng).await?;
        }
    }
    Ok((relawan, pendukung))
}
