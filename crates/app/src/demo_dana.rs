//! The demo's finance room: a campaign calendar and spending cap, the
//! pair's and the parties' opening funds, a few dozen donations in every
//! form (one donor over the individual cap, one anonymous gift, so the
//! excess and its return show), spending in the KPU's categories, and
//! the return of one donor's excess. Every name and number is invented.

use posko_domain::dana::{
    BentukDana, KategoriBelanja, Rekening, SumberDana, TujuanKelebihan, Uang,
};
use posko_storage::Pengguna;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::macros::date;
use time::{Date, Duration};
use uuid::Uuid;

use crate::dana::{
    BelanjaBaru, IdentitasPenyumbang, PengembalianBaru, PilihPenyumbang, SumbanganBaru,
};
use crate::demo::{NAMA_BELAKANG, NAMA_DEPAN};
use crate::{Aktor, AppError, NewPengguna, Posko, Result};
use posko_domain::{Cakupan, Penugasan, Peran};

const MULAI: Date = date!(2029 - 09 - 25);
const AKHIR: Date = date!(2029 - 11 - 23);
/// Individual donors recorded (one of them gives past the cap).
const PENYUMBANG: usize = 24;

fn rp(n: i64) -> Result<Uang> {
    Uang::rupiah(n).ok_or_else(|| AppError::Invalid(format!("Rp{n} di luar jangkauan")))
}

fn uang(tanggal: Date, penyumbang: PilihPenyumbang, nilai: Uang, uraian: &str) -> SumbanganBaru {
    SumbanganBaru {
        tanggal,
        penyumbang,
        bentuk: BentukDana::Uang,
        rekening: Rekening::Rkdk,
        nilai,
        uraian: uraian.into(),
        bukti: Vec::new(),
    }
}

fn belanja(tanggal: Date, kategori: KategoriBelanja, nilai: Uang, uraian: &str) -> BelanjaBaru {
    BelanjaBaru {
        tanggal,
        kategori,
        bentuk: BentukDana::Uang,
        rekening: Rekening::Rkdk,
        nilai,
        uraian: uraian.into(),
        bukti: Vec::new(),
    }
}

/// A demo account of `peran` over the election's region, with the
/// password the README gives (`demo-USERNAME-rahasia`), so the finance
/// room can be tried as its treasurer and its auditor.
async fn akun_dana(
    posko: &Posko,
    wilayah: posko_domain::KodeWilayah,
    username: &str,
    nama: &str,
    peran: Peran,
) -> Result<Pengguna> {
    let penugasan = Penugasan::new(peran, Cakupan::Wilayah(wilayah)).map_err(AppError::invalid)?;
    let (p, _) = posko
        .add_pengguna(
            &Aktor::demo(),
            NewPengguna {
                username: username.into(),
                nama: nama.into(),
                password: Some(format!("demo-{username}-rahasia")),
                penugasan: vec![penugasan],
                telepon: None,
            },
        )
        .await?;
    Ok(p)
}

/// Records the demo's finances: the calendar and cap as `manajer`, every
/// entry as the demo's treasurer (`bendahara`), read by its `auditor`.
/// Returns how many ledger entries were written.
pub(crate) async fn bangun(
    posko: &Posko,
    manajer: &Pengguna,
    pemilihan_id: Uuid,
    seed: u64,
) -> Result<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xDA4A);
    let wilayah = posko
        .store()
        .ambil_pemilihan(pemilihan_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?
        .wilayah;
    let bendahara = akun_dana(
        posko,
        wilayah,
        "bendahara",
        "Rina Kusuma (bendahara, demo)",
        Peran::Bendahara,
    )
    .await?;
    akun_dana(
        posko,
        wilayah,
        "auditor",
        "KAP Mitra Audit (demo)",
        Peran::Auditor,
    )
    .await?;
    posko
        .atur_dana(
            manajer,
            pemilihan_id,
            MULAI,
            AKHIR,
            Some(rp(125_000_000_000)?),
        )
        .await?;
    let mut n = 0;
    let sendiri = |sumber, nama: &str, alamat: &str| PilihPenyumbang::Baru {
        sumber,
        identitas: IdentitasPenyumbang {
            nama: nama.into(),
            alamat: alamat.into(),
            ..Default::default()
        },
    };
    // Opening funds (LADK): the pair's own money and the coalition's.
    for s in [
        uang(
            date!(2029 - 09 - 20),
            sendiri(SumberDana::Paslon, "Pasangan calon (demo)", "Jakarta"),
            rp(2_500_000_000)?,
            "setoran awal pasangan calon ke RKDK",
        ),
        uang(
            date!(2029 - 09 - 22),
            sendiri(
                SumberDana::PartaiPolitik,
                "Koalisi partai pengusung (demo)",
                "Jakarta",
            ),
            rp(1_000_000_000)?,
            "sumbangan partai pengusung",
        ),
    ] {
        posko.catat_sumbangan(&bendahara, pemilihan_id, &s).await?;
        n += 1;
    }
    // Individual donors through the campaign; the first gives twice and
    // passes the Rp75 juta cap.
    let mut budi = None;
    for i in 0..PENYUMBANG {
        let nama = format!(
            "{} {}",
            NAMA_DEPAN[rng.random_range(0..NAMA_DEPAN.len())],
            NAMA_BELAKANG[rng.random_range(0..NAMA_BELAKANG.len())]
        );
        // A well-formed NIK: Sukasari, Bandung; a birth date; a serial.
        let nik = format!(
            "327301{:02}{:02}{:02}{:04}",
            rng.random_range(1..=28),
            rng.random_range(1..=12),
            rng.random_range(60..=99),
            i + 1
        );
        let tanggal = MULAI + Duration::days(rng.random_range(0..50));
        let nilai = if i == 0 {
            rp(60_000_000)?
        } else {
            rp(rng.random_range(5..=150) * 100_000)?
        };
        let h = posko
            .catat_sumbangan(
                &bendahara,
                pemilihan_id,
                &uang(
                    tanggal,
                    PilihPenyumbang::Baru {
                        sumber: SumberDana::Perseorangan,
                        identitas: IdentitasPenyumbang {
                            nama,
                            alamat: format!("Jl. Demo No. {}", i + 1),
                            telepon: None,
                            nik: Some(nik),
                            npwp: None,
                        },
                    },
                    nilai,
                    "transfer ke RKDK",
                ),
            )
            .await?;
        n += 1;
        if i == 0 {
            budi = h.penyumbang_id;
        }
    }
    if let Some(id) = budi {
        posko
            .catat_sumbangan(
                &bendahara,
                pemilihan_id,
                &uang(
                    MULAI + Duration::days(30),
                    PilihPenyumbang::Tercatat(id),
                    rp(25_000_000)?,
                    "sumbangan kedua",
                ),
            )
            .await?;
        n += 1;
    }
    // Goods from a group, services from a company, an anonymous gift.
    let mut kaos = uang(
        MULAI + Duration::days(3),
        sendiri(
            SumberDana::Kelompok,
            "Paguyuban Pedagang Pasar (demo)",
            "Jl. Pasar 1",
        ),
        rp(40_000_000)?,
        "2.000 kaos kampanye",
    );
    kaos.bentuk = BentukDana::Barang {
        jumlah_unit: 2_000,
        satuan: "kaos".into(),
    };
    kaos.rekening = Rekening::Tunai;
    let mut jasa = uang(
        MULAI + Duration::days(10),
        PilihPenyumbang::Baru {
            sumber: SumberDana::BadanUsahaSwasta,
            identitas: IdentitasPenyumbang {
                nama: "PT Sinar Cetak Nusantara (demo)".into(),
                alamat: "Kawasan Industri Demo Blok A".into(),
                telepon: None,
                nik: None,
                npwp: Some("01.234.567.8-901.000".into()),
            },
        },
        rp(150_000_000)?,
        "jasa desain dan cetak materi kampanye",
    );
    jasa.bentuk = BentukDana::Jasa {
        jenis: "desain dan cetak".into(),
    };
    jasa.rekening = Rekening::Tunai;
    let anonim = uang(
        MULAI + Duration::days(12),
        PilihPenyumbang::Anonim {
            sumber: SumberDana::Perseorangan,
        },
        rp(1_000_000)?,
        "transfer tanpa nama pengirim",
    );
    for s in [kaos, jasa, anonim] {
        posko.catat_sumbangan(&bendahara, pemilihan_id, &s).await?;
        n += 1;
    }
    // Spending in the KPU's categories.
    for (hari, kategori, nilai, uraian) in [
        (
            2,
            KategoriBelanja::AlatPeragaKampanye,
            350_000_000,
            "baliho dan spanduk",
        ),
        (
            4,
            KategoriBelanja::BahanKampanye,
            90_000_000,
            "selebaran dan stiker",
        ),
        (
            6,
            KategoriBelanja::PertemuanTerbatas,
            120_000_000,
            "pertemuan terbatas di 12 kecamatan",
        ),
        (
            14,
            KategoriBelanja::IklanMedia,
            600_000_000,
            "iklan media massa",
        ),
        (20, KategoriBelanja::RapatUmum, 450_000_000, "rapat umum"),
        (
            35,
            KategoriBelanja::KegiatanLain,
            200_000_000,
            "survei elektabilitas",
        ),
    ] {
        posko
            .catat_belanja(
                &bendahara,
                pemilihan_id,
                &belanja(MULAI + Duration::days(hari), kategori, rp(nilai)?, uraian),
            )
            .await?;
        n += 1;
    }
    // The first donor's excess goes back to them.
    if let Some(id) = budi {
        let kembali = posko
            .catat_belanja(
                &bendahara,
                pemilihan_id,
                &belanja(
                    MULAI + Duration::days(33),
                    KategoriBelanja::PengembalianKelebihan,
                    rp(10_000_000)?,
                    "pengembalian kelebihan sumbangan",
                ),
            )
            .await?;
        posko
            .catat_pengembalian_kelebihan(
                &bendahara,
                pemilihan_id,
                &PengembalianBaru {
                    tanggal: MULAI + Duration::days(33),
                    penyumbang_id: Some(id),
                    sumber: SumberDana::Perseorangan,
                    nilai: rp(10_000_000)?,
                    tujuan: TujuanKelebihan::Penyumbang,
                    entri_id: Some(kembali.id),
                },
            )
            .await?;
        n += 1;
    }
    Ok(n)
}
