//! Mutu lapangan (field-data quality): checks that catch supporters and
//! doorstep visits a relawan made up rather than collected, and the batch
//! they are judged in. A batch is one relawan's records of one day (WIB);
//! a batch with a finding is held out of targets and leaderboards until a
//! coordinator approves it or rolls it back. A finding is a reason to look,
//! never a verdict: each has a code and a plain explanation.
//!
//! Privacy: nothing here needs a NIK, a name or a coordinate to be kept.
//! What a NIK says (birth date, kecamatan) is compared when the supporter
//! is recorded, before the number is encrypted, and only the outcome
//! ([`MutuCatatan`], a few bits) is stored; coordinates and photo hashes
//! are checked within the sync that carries them and only the count of
//! findings ([`Sinyal`]) is kept.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::nik::Nik;
use crate::wilayah::{KodeWilayah, Tingkat};

/// Why a batch is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alasan {
    /// The birth date in the NIK (digits 7–12) is not the one written.
    NikTanggalLahir,
    /// The NIK's kecamatan (digits 1–6) is not where the supporter lives.
    NikKecamatan,
    /// No voter of that name and birth date on the DPT of the TPS given.
    TidakDiDpt,
    /// More than [`BERUNTUN_MAKS`] supporters within 10 minutes.
    Beruntun,
    /// Half the supporters came less than 30 seconds after the one before.
    JedaPendek,
    /// Between two visits the relawan would have moved faster than 60 km/h.
    GpsTerlaluCepat,
    /// Most visits were logged within 20 m of one spot.
    GpsBerkumpul,
    /// The same photo on several records.
    FotoSama,
    /// More than 95 % of doors answered over at least 50 visits.
    KontakTinggi,
    /// People already recorded by another relawan (same NIK).
    OrangRelawanLain,
}

impl Alasan {
    pub const ALL: [Alasan; 10] = [
        Alasan::NikTanggalLahir,
        Alasan::NikKecamatan,
        Alasan::TidakDiDpt,
        Alasan::Beruntun,
        Alasan::JedaPendek,
        Alasan::GpsTerlaluCepat,
        Alasan::GpsBerkumpul,
        Alasan::FotoSama,
        Alasan::KontakTinggi,
        Alasan::OrangRelawanLain,
    ];

    /// The reason code, stored and shown in the API.
    pub fn kode(self) -> &'static str {
        match self {
            Alasan::NikTanggalLahir => "nik.tanggal_lahir",
            Alasan::NikKecamatan => "nik.kecamatan",
            Alasan::TidakDiDpt => "dpt.tidak_ada",
            Alasan::Beruntun => "waktu.beruntun",
            Alasan::JedaPendek => "waktu.jeda_pendek",
            Alasan::GpsTerlaluCepat => "gps.terlalu_cepat",
            Alasan::GpsBerkumpul => "gps.berkumpul",
            Alasan::FotoSama => "foto.sama",
            Alasan::KontakTinggi => "kunjungan.kontak_tinggi",
            Alasan::OrangRelawanLain => "nik.relawan_lain",
        }
    }

    pub fn parse(kode: &str) -> Option<Alasan> {
        Alasan::ALL.into_iter().find(|a| a.kode() == kode)
    }

    /// A plain explanation (Indonesian, for the API and the audit log;
    /// pages take theirs from the message catalogue).
    pub fn penjelasan(self) -> &'static str {
        match self {
            Alasan::NikTanggalLahir => {
                "tanggal lahir dalam NIK berbeda dengan tanggal lahir yang ditulis"
            }
            Alasan::NikKecamatan => "banyak NIK diterbitkan di kecamatan lain dari tempat tinggal",
            Alasan::TidakDiDpt => "banyak pendukung tidak ada di DPT TPS tempat mereka dicatat",
            Alasan::Beruntun => "lebih dari 20 pendukung dicatat dalam 10 menit",
            Alasan::JedaPendek => "jarak antarpencatatan pendukung umumnya kurang dari 30 detik",
            Alasan::GpsTerlaluCepat => {
                "antara dua kunjungan relawan berpindah lebih cepat dari 60 km/jam"
            }
            Alasan::GpsBerkumpul => "sebagian besar kunjungan dicatat dalam radius 20 m",
            Alasan::FotoSama => "foto yang sama dipakai pada beberapa catatan",
            Alasan::KontakTinggi => "lebih dari 95 % pintu dibukakan dari sedikitnya 50 kunjungan",
            Alasan::OrangRelawanLain => "beberapa orang sudah dicatat oleh relawan lain",
        }
    }
}

impl fmt::Display for Alasan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kode())
    }
}

/// What the checks made at recording time found about one supporter:
/// bits, stored with the record instead of anything the NIK says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MutuCatatan(pub u8);

impl MutuCatatan {
    /// A NIK was given (the NIK checks ran).
    pub const ADA_NIK: u8 = 1;
    pub const NIK_TANGGAL_BEDA: u8 = 2;
    pub const NIK_KECAMATAN_BEDA: u8 = 4;
    /// A TPS and birth date were given and the TPS's DPT is loaded.
    pub const DPT_DIPERIKSA: u8 = 8;
    pub const TIDAK_DI_DPT: u8 = 16;

    pub fn ada(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    pub fn dengan(self, bit: u8, ya: bool) -> MutuCatatan {
        if ya { MutuCatatan(self.0 | bit) } else { self }
    }
}

/// The NIK checks of one supporter: its birth date against the one
/// written (`None`: none written, nothing to compare) and its kecamatan
/// against the desa they live in. Years compare on two digits, as the NIK
/// holds them.
pub fn periksa_nik(nik: &Nik, lahir_tertulis: Option<Date>, desa: KodeWilayah) -> MutuCatatan {
    let tanggal_beda = lahir_tertulis.is_some_and(|l| {
        let hari = nik.num(6..8);
        let hari = if hari > 40 { hari - 40 } else { hari };
        (hari, nik.num(8..10), nik.num(10..12))
            != (
                u32::from(l.day()),
                u32::from(l.month() as u8),
                l.year().rem_euclid(100) as u32,
            )
    });
    let kecamatan_beda =
        desa.tingkat() >= Tingkat::Kecamatan && nik.kecamatan() != desa.at(Tingkat::Kecamatan);
    MutuCatatan(MutuCatatan::ADA_NIK)
        .dengan(MutuCatatan::NIK_TANGGAL_BEDA, tanggal_beda)
        .dengan(MutuCatatan::NIK_KECAMATAN_BEDA, kecamatan_beda)
}

/// A supporter as the batch checks see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatatanPendukung {
    /// When recorded, unix seconds.
    pub waktu: i64,
    pub mutu: MutuCatatan,
}

/// A visit as the batch checks see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatatanKunjungan {
    /// On the phone, unix seconds.
    pub waktu: i64,
    pub bertemu: bool,
}

/// A point a phone reported, with the visitor's consent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lokasi {
    pub lat: f64,
    pub lon: f64,
}

// Only finite values are ever held (NaN fails the range check in `new`).
impl Eq for Lokasi {}

impl Lokasi {
    /// A valid point (latitude −90…90, longitude −180…180), else None.
    pub fn new(lat: f64, lon: f64) -> Option<Lokasi> {
        ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon))
            .then_some(Lokasi { lat, lon })
    }

    /// Great-circle distance in metres (haversine).
    pub fn jarak_m(&self, b: &Lokasi) -> f64 {
        const R: f64 = 6_371_000.0;
        let (p1, p2) = (self.lat.to_radians(), b.lat.to_radians());
        let dp = p2 - p1;
        let dl = (b.lon - self.lon).to_radians();
        let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * R * h.sqrt().min(1.0).asin()
    }
}

/// Findings of checks that run on what a sync carries and is not stored
/// (coordinates, photo hashes) or on a refused record (a NIK another
/// relawan holds): counts per reason, kept with the batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sinyal(pub BTreeMap<Alasan, u32>);

impl Sinyal {
    pub fn tambah(&mut self, a: Alasan, n: u32) {
        if n > 0 {
            *self.0.entry(a).or_insert(0) += n;
        }
    }

    pub fn gabung(&mut self, lain: &Sinyal) {
        for (a, n) in &lain.0 {
            self.tambah(*a, *n);
        }
    }

    pub fn jumlah(&self, a: Alasan) -> u32 {
        self.0.get(&a).copied().unwrap_or(0)
    }
}

/// Supporters a relawan may record within [`JENDELA_BERUNTUN`] seconds.
pub const BERUNTUN_MAKS: usize = 20;
pub const JENDELA_BERUNTUN: i64 = 600;
/// The median gap between supporters below which a batch is held…
pub const JEDA_MIN_DETIK: i64 = 30;
/// …once it has at least this many supporters.
pub const JEDA_MIN_CATATAN: usize = 6;
/// Fastest believable move between two doors, km/h…
pub const KECEPATAN_MAKS_KMJ: f64 = 60.0;
/// …over at least this distance (shorter hops are GPS noise).
pub const LOMPAT_MIN_M: f64 = 200.0;
/// Visits within this radius of their middle count as one spot…
pub const RADIUS_KUMPUL_M: f64 = 20.0;
/// …and a batch of at least this many located visits is held when more
/// than half of them are.
pub const KUMPUL_MIN_KUNJUNGAN: usize = 10;
/// Doors answered above which (in basis points) a batch is held…
pub const KONTAK_MAKS_BP: u64 = 9_500;
/// …over at least this many visits.
pub const KONTAK_MIN_KUNJUNGAN: usize = 50;
/// People already another relawan's before a batch is held: one is an
/// ordinary overlap of two canvassers, several are not.
pub const RELAWAN_LAIN_MIN: u32 = 3;

/// Whether `n` findings among `dari` records checked hold a batch: at
/// least `min` of them, or at least one and at least `1/per` of the
/// records (a single typo in a batch of 25 does not hold it).
fn banyak(n: usize, dari: usize, min: usize, per: usize) -> bool {
    n > 0 && (n >= min || n * per >= dari)
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    Some(v[v.len() / 2])
}

/// The most records within any window of `jendela` seconds.
pub fn terbanyak_dalam(waktu: &[i64], jendela: i64) -> usize {
    let mut w = waktu.to_vec();
    w.sort_unstable();
    let (mut awal, mut maks) = (0, 0);
    for akhir in 0..w.len() {
        while w[akhir] - w[awal] >= jendela {
            awal += 1;
        }
        maks = maks.max(akhir + 1 - awal);
    }
    maks
}

/// GPS findings of one sync's located visits (time, point), in any
/// order: legs faster than [`KECEPATAN_MAKS_KMJ`], and whether most
/// visits sit within [`RADIUS_KUMPUL_M`] of their middle.
pub fn periksa_gps(titik: &[(i64, Lokasi)]) -> Sinyal {
    let mut s = Sinyal::default();
    let mut t = titik.to_vec();
    t.sort_by_key(|(w, _)| *w);
    let cepat = t
        .windows(2)
        .filter(|p| {
            let (a, b) = (&p[0], &p[1]);
            let m = a.1.jarak_m(&b.1);
            let detik = (b.0 - a.0).max(1) as f64;
            m >= LOMPAT_MIN_M && m / detik * 3.6 > KECEPATAN_MAKS_KMJ
        })
        .count();
    s.tambah(Alasan::GpsTerlaluCepat, cepat as u32);
    if t.len() >= KUMPUL_MIN_KUNJUNGAN {
        let mut lat: Vec<f64> = t.iter().map(|(_, l)| l.lat).collect();
        let mut lon: Vec<f64> = t.iter().map(|(_, l)| l.lon).collect();
        lat.sort_by(f64::total_cmp);
        lon.sort_by(f64::total_cmp);
        let tengah = Lokasi {
            lat: lat[lat.len() / 2],
            lon: lon[lon.len() / 2],
        };
        let dekat = t
            .iter()
            .filter(|(_, l)| l.jarak_m(&tengah) <= RADIUS_KUMPUL_M)
            .count();
        if dekat * 2 > t.len() {
            s.tambah(Alasan::GpsBerkumpul, dekat as u32);
        }
    }
    s
}

/// Photos (by hash) on more than one record: how many records carry a
/// photo another record carries too.
pub fn periksa_foto<S: AsRef<str>>(hash: &[S]) -> Sinyal {
    let mut n: HashMap<&str, u32> = HashMap::new();
    for h in hash {
        *n.entry(h.as_ref()).or_insert(0) += 1;
    }
    let mut s = Sinyal::default();
    s.tambah(Alasan::FotoSama, n.values().filter(|c| **c > 1).sum());
    s
}

/// One reason a batch is held, with how many records it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Temuan {
    pub alasan: Alasan,
    pub jumlah: u32,
}

/// Every check over one batch: the supporters and visits it holds and the
/// findings its syncs left ([`Sinyal`]). Empty: the batch counts at once.
pub fn periksa_batch(
    pendukung: &[CatatanPendukung],
    kunjungan: &[CatatanKunjungan],
    sinyal: &Sinyal,
) -> Vec<Temuan> {
    let mut out = Vec::new();
    let mut catat = |alasan, jumlah: usize| {
        out.push(Temuan {
            alasan,
            jumlah: u32::try_from(jumlah).unwrap_or(u32::MAX),
        })
    };
    let hitung = |bit| pendukung.iter().filter(|p| p.mutu.ada(bit)).count();
    let ada_nik = hitung(MutuCatatan::ADA_NIK);
    // One mistyped date is a typo; two in a fifth of the day, or three,
    // are a pattern.
    let n = hitung(MutuCatatan::NIK_TANGGAL_BEDA);
    if n >= 2 && banyak(n, ada_nik, 3, 5) {
        catat(Alasan::NikTanggalLahir, n);
    }
    let n = hitung(MutuCatatan::NIK_KECAMATAN_BEDA);
    // People move: half the batch, and at least three.
    if n >= 3 && banyak(n, ada_nik, usize::MAX, 2) {
        catat(Alasan::NikKecamatan, n);
    }
    let n = hitung(MutuCatatan::TIDAK_DI_DPT);
    // Names are misspelt and lists go stale: a quarter, and at least three.
    if n >= 3 && banyak(n, hitung(MutuCatatan::DPT_DIPERIKSA), usize::MAX, 4) {
        catat(Alasan::TidakDiDpt, n);
    }
    let waktu: Vec<i64> = pendukung.iter().map(|p| p.waktu).collect();
    let n = terbanyak_dalam(&waktu, JENDELA_BERUNTUN);
    if n > BERUNTUN_MAKS {
        catat(Alasan::Beruntun, n);
    }
    if pendukung.len() >= JEDA_MIN_CATATAN {
        let mut w = waktu.clone();
        w.sort_unstable();
        let jeda: Vec<i64> = w.windows(2).map(|p| p[1] - p[0]).collect();
        if median(jeda).is_some_and(|m| m < JEDA_MIN_DETIK) {
            catat(Alasan::JedaPendek, pendukung.len());
        }
    }
    if kunjungan.len() >= KONTAK_MIN_KUNJUNGAN {
        let bertemu = kunjungan.iter().filter(|k| k.bertemu).count() as u64;
        if bertemu * 10_000 > KONTAK_MAKS_BP * kunjungan.len() as u64 {
            catat(Alasan::KontakTinggi, bertemu as usize);
        }
    }
    for a in [
        Alasan::GpsTerlaluCepat,
        Alasan::GpsBerkumpul,
        Alasan::FotoSama,
    ] {
        if sinyal.jumlah(a) > 0 {
            catat(a, sinyal.jumlah(a) as usize);
        }
    }
    let n = sinyal.jumlah(Alasan::OrangRelawanLain);
    if n >= RELAWAN_LAIN_MIN {
        catat(Alasan::OrangRelawanLain, n as usize);
    }
    out
}

/// Where a batch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusBatch {
    /// No finding: it counts.
    Bersih,
    /// A finding: out of targets and leaderboards until decided.
    Ditahan,
    /// A coordinator looked and let it count (for the findings they saw).
    Disetujui,
    /// A coordinator rolled it back: its records were removed.
    Dibatalkan,
}

impl StatusBatch {
    pub fn slug(self) -> &'static str {
        match self {
            StatusBatch::Bersih => "bersih",
            StatusBatch::Ditahan => "ditahan",
            StatusBatch::Disetujui => "disetujui",
            StatusBatch::Dibatalkan => "dibatalkan",
        }
    }

    pub fn parse(s: &str) -> Option<StatusBatch> {
        [
            StatusBatch::Bersih,
            StatusBatch::Ditahan,
            StatusBatch::Disetujui,
            StatusBatch::Dibatalkan,
        ]
        .into_iter()
        .find(|x| x.slug() == s)
    }
}

/// A batch's status after its records changed: held when it has findings,
/// unless a coordinator already approved exactly these findings (an
/// approval covers what was seen; a new finding holds it again).
pub fn status_baru(lama: StatusBatch, disetujui: &[Temuan], temuan: &[Temuan]) -> StatusBatch {
    if temuan.is_empty() {
        return match lama {
            StatusBatch::Disetujui => StatusBatch::Disetujui,
            _ => StatusBatch::Bersih,
        };
    }
    let tercakup = temuan.iter().all(|t| {
        disetujui
            .iter()
            .any(|d| d.alasan == t.alasan && d.jumlah >= t.jumlah)
    });
    if lama == StatusBatch::Disetujui && tercakup {
        StatusBatch::Disetujui
    } else {
        StatusBatch::Ditahan
    }
}

/// The day (WIB, UTC+7) of a unix time, as days since 1970-01-01: a
/// batch's day, as the activity counts use it.
pub fn hari_wib(detik: i64) -> i64 {
    (detik + 7 * 3600).div_euclid(86_400)
}

pub mod simulasi;

#[cfg(test)]
mod tests;
