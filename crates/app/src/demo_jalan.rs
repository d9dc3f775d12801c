//! The demo's canvassing: a voter list (DPT) for the first TPS of each
//! relawan's area — households along invented streets, with the
//! supporters the relawan recorded there among the voters — and visits
//! logged on about a third of the households, so walk lists show
//! something plausible. Every name and address is invented.

use posko_domain::kunjungan::SURVEI;
use posko_domain::{
    DataKunjungan, HasilKunjungan, Jejak, JenisKelamin, KodeTps, Pemilih, TingkatDukungan,
    nama_kunci,
};
use posko_storage::Pengguna;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::demo::{NAMA_BELAKANG, NAMA_DEPAN};
use crate::{Aktor, Posko, Result};

const JALAN: &[&str] = &[
    "JL. MAWAR",
    "JL. MELATI",
    "JL. KENANGA",
    "GG. MANGGA",
    "JL. SUKAMAJU",
    "GG. H. ASAN",
    "JL. MERDEKA",
    "JL. PESANTREN",
];

/// Voters per demo TPS; real TPS hold up to 600, a walk list of this size
/// is enough to page through.
const PEMILIH_PER_TPS: usize = 90;

/// A supporter the demo recorded: where, name, birth date.
pub(crate) struct Tercatat {
    pub tps: KodeTps,
    pub nama: String,
    pub lahir: Date,
}

fn nama(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{} {}",
        NAMA_DEPAN[rng.random_range(0..NAMA_DEPAN.len())],
        NAMA_BELAKANG[rng.random_range(0..NAMA_BELAKANG.len())]
    )
}

fn lahir(rng: &mut ChaCha8Rng) -> Date {
    Date::from_calendar_date(
        rng.random_range(1950..2007),
        time::Month::try_from(rng.random_range(1..=12u8)).unwrap_or(time::Month::January),
        rng.random_range(1..=28),
    )
    .unwrap_or(Date::MIN)
}

/// Loads a DPT for `tps` and logs visits by `relawan`. Returns (voters,
/// visits).
pub(crate) async fn isi(
    posko: &Posko,
    relawan: &Pengguna,
    tps: KodeTps,
    tercatat: &[Tercatat],
    rng: &mut ChaCha8Rng,
) -> Result<(u64, u64)> {
    // Supporters recorded here go into households first, so the walk list
    // matches them.
    let mut orang: Vec<(String, Date)> = tercatat
        .iter()
        .filter(|t| t.tps == tps)
        .map(|t| (t.nama.clone(), t.lahir))
        .collect();
    while orang.len() < PEMILIH_PER_TPS {
        orang.push((nama(rng), lahir(rng)));
    }
    // Shuffle so supporters are spread over the street.
    for i in (1..orang.len()).rev() {
        orang.swap(i, rng.random_range(0..=i));
    }
    let mut pemilih = Vec::with_capacity(orang.len());
    let (mut rt, mut rumah, mut sisa) = (1u16, 1u32, 0usize);
    let mut jalan = JALAN[rng.random_range(0..JALAN.len())];
    for (i, (n, l)) in orang.into_iter().enumerate() {
        if sisa == 0 {
            sisa = rng.random_range(1..=5);
            rumah += rng.random_range(1..=3);
            if rng.random_range(0..8) == 0 && rt < 6 {
                rt += 1;
                jalan = JALAN[rng.random_range(0..JALAN.len())];
                rumah = 1;
            }
        }
        sisa -= 1;
        pemilih.push(Pemilih {
            tps,
            urut: u32::try_from(i + 1).unwrap_or(u32::MAX),
            nama: nama_kunci(&n),
            jenis_kelamin: if rng.random_range(0..2) == 0 {
                JenisKelamin::Laki
            } else {
                JenisKelamin::Perempuan
            },
            tanggal_lahir: Some(l),
            usia: None,
            alamat: Some(format!("{jalan} NO. {rumah}")),
            rt: Some(rt),
            rw: Some(1 + (rt - 1) / 3),
            nik_tersamar: None,
        });
    }
    let jumlah = pemilih.len() as u64;
    // Households: runs of one address; a third of them visited.
    let mut kunjungan = Vec::new();
    let sekarang = OffsetDateTime::now_utc().unix_timestamp();
    let mut i = 0;
    while i < pemilih.len() {
        let alamat = pemilih[i].alamat.clone();
        let akhir = pemilih[i..]
            .iter()
            .position(|p| p.alamat != alamat)
            .map_or(pemilih.len(), |n| i + n);
        if rng.random_range(0..3) == 0 {
            let p = &pemilih[rng.random_range(i..akhir)];
            let hasil = [
                HasilKunjungan::Bertemu,
                HasilKunjungan::Bertemu,
                HasilKunjungan::Bertemu,
                HasilKunjungan::TidakDiRumah,
                HasilKunjungan::Menolak,
                HasilKunjungan::Pindah,
            ][rng.random_range(0..6)];
            let bertemu = hasil == HasilKunjungan::Bertemu;
            kunjungan.push(DataKunjungan {
                id: Uuid::now_v7().to_string(),
                tps,
                urut: p.urut,
                hasil,
                dukungan: bertemu
                    .then(|| TingkatDukungan::ALL[rng.random_range(0..TingkatDukungan::ALL.len())]),
                jawaban: if bertemu {
                    SURVEI
                        .iter()
                        .map(|q| {
                            let (a, _) = q.pilihan[rng.random_range(0..q.pilihan.len())];
                            (q.kode.to_string(), a.to_string())
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                catatan: String::new(),
                waktu: sekarang - rng.random_range(3_600..14 * 86_400),
                lokasi: None,
            });
        }
        i = akhir;
    }
    let mut muat = posko.store().muat_pemilih().await?;
    muat.tambah(pemilih).await?;
    muat.selesai(&Jejak::new(
        Aktor::demo().as_str(),
        "import.dpt",
        "berkas",
        format!("dpt-demo-{}", tps.undotted()),
        format!("{jumlah} pemilih demo"),
        tps.to_string().as_bytes(),
    ))
    .await?;
    let n = kunjungan.len() as u64;
    posko.catat_kunjungan(relawan, kunjungan).await?;
    Ok((jumlah, n))
}
