//! Kunjungan (canvassing visits): the walk list of a TPS — its voters
//! grouped into households and ordered so a relawan can walk it street by
//! street — and a visit as a relawan logs it on the doorstep: outcome,
//! support level, a few short survey answers. Visits are made on a phone
//! that may be offline, so each carries an id the phone makes; storing the
//! same id twice is one visit.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

use serde::Serialize;
use time::Date;

use crate::pemilih::{Pemilih, nama_kunci};
use crate::pendukung::TingkatDukungan;
use crate::tps::KodeTps;

/// What happened at the door.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HasilKunjungan {
    /// Met the voter (only then are support level and answers recorded).
    Bertemu,
    TidakDiRumah,
    Menolak,
    /// Moved away or unknown at this address: the DPT row is stale.
    Pindah,
}

impl HasilKunjungan {
    pub const ALL: [HasilKunjungan; 4] = [
        HasilKunjungan::Bertemu,
        HasilKunjungan::TidakDiRumah,
        HasilKunjungan::Menolak,
        HasilKunjungan::Pindah,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            HasilKunjungan::Bertemu => "bertemu",
            HasilKunjungan::TidakDiRumah => "tidak_di_rumah",
            HasilKunjungan::Menolak => "menolak",
            HasilKunjungan::Pindah => "pindah",
        }
    }

    /// As the form and the printed list say it.
    pub fn label(self) -> &'static str {
        match self {
            HasilKunjungan::Bertemu => "bertemu",
            HasilKunjungan::TidakDiRumah => "tidak di rumah",
            HasilKunjungan::Menolak => "menolak",
            HasilKunjungan::Pindah => "pindah / tidak dikenal",
        }
    }

    pub fn parse(s: &str) -> Result<HasilKunjungan, KunjunganError> {
        let t = s.trim().to_lowercase().replace([' ', '-'], "_");
        HasilKunjungan::ALL
            .into_iter()
            .find(|h| h.slug() == t)
            .ok_or_else(|| KunjunganError::Hasil(s.trim().to_string()))
    }
}

impl fmt::Display for HasilKunjungan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

mod survei;
pub use survei::*;

/// One short survey question with its fixed answers (code, label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pertanyaan {
    pub kode: &'static str,
    pub teks: &'static str,
    pub pilihan: &'static [(&'static str, &'static str)],
}

/// The built-in doorstep survey: three questions a relawan can ask in a
/// minute, asked in every election that sets no questions of its own
/// ([`survei_bawaan`]).
pub const SURVEI: [Pertanyaan; 3] = [
    Pertanyaan {
        kode: "isu",
        teks: "Masalah paling penting di lingkungan ini",
        pilihan: &[
            ("ekonomi", "harga & pekerjaan"),
            ("infrastruktur", "jalan, air & banjir"),
            ("kesehatan", "kesehatan"),
            ("pendidikan", "pendidikan"),
            ("keamanan", "keamanan"),
            ("lain", "lainnya"),
        ],
    },
    Pertanyaan {
        kode: "kenal",
        teks: "Sudah mengenal paslon kita?",
        pilihan: &[("ya", "ya"), ("sedikit", "sedikit"), ("belum", "belum")],
    },
    Pertanyaan {
        kode: "datang",
        teks: "Akan datang ke TPS?",
        pilihan: &[
            ("pasti", "pasti"),
            ("mungkin", "mungkin"),
            ("tidak", "tidak"),
        ],
    },
];

/// Longest note kept with a visit.
pub const CATATAN_MAKS: usize = 280;
/// A phone's clock may run ahead; a visit later than this past the
/// server's clock is refused as a wrong date.
pub const WAKTU_MAJU_MAKS: i64 = 24 * 3600;
/// 2020-01-01: no visit is older (a phone reset to 1970 is caught here).
pub const WAKTU_PALING_AWAL: i64 = 1_577_836_800;

/// A visit as sent by the phone, before parsing. Every field is optional
/// here so a missing one is reported by name, not as a JSON error.
#[derive(Debug, Clone, Default)]
pub struct IsianKunjungan<'a> {
    pub id: Option<&'a str>,
    pub tps: Option<&'a str>,
    pub urut: Option<i64>,
    pub hasil: Option<&'a str>,
    pub dukungan: Option<&'a str>,
    /// (question code, answer code).
    pub jawaban: Vec<(&'a str, &'a str)>,
    pub catatan: Option<&'a str>,
    /// Unix seconds on the phone when the visit was logged.
    pub waktu: Option<i64>,
    /// Where the phone was, only when the relawan agreed to share it
    /// (both or neither). Used for the field-data checks of the sync
    /// that carries it and never stored.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A visit, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataKunjungan {
    /// The phone's id for the visit: a UUID in lower case.
    pub id: String,
    pub tps: KodeTps,
    /// The voter's row in the TPS's DPT.
    pub urut: u32,
    pub hasil: HasilKunjungan,
    pub dukungan: Option<TingkatDukungan>,
    /// (question code, answer code), well-formed and each question once;
    /// checked against the election's questions by [`periksa_jawaban`].
    pub jawaban: Vec<(String, String)>,
    pub catatan: String,
    pub waktu: i64,
    /// Where the phone was (with consent); checked, not stored.
    pub lokasi: Option<crate::mutu_lapangan::Lokasi>,
}

fn uuid_teks(s: &str) -> Option<String> {
    let t = s.trim().to_ascii_lowercase();
    let b = t.as_bytes();
    let ok = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        });
    ok.then_some(t)
}

impl DataKunjungan {
    /// Parses every field; the first bad one is named. `sekarang` is the
    /// server's clock (unix seconds), to catch a phone with a wrong date.
    pub fn parse(i: &IsianKunjungan, sekarang: i64) -> Result<DataKunjungan, KunjunganError> {
        let id = match i.id.map(str::trim).filter(|s| !s.is_empty()) {
            None => return Err(KunjunganError::Kosong("id")),
            Some(s) => uuid_teks(s).ok_or_else(|| KunjunganError::Id(s.to_string()))?,
        };
        let tps = match i.tps.map(str::trim).filter(|s| !s.is_empty()) {
            None => return Err(KunjunganError::Kosong("tps")),
            Some(s) => KodeTps::parse(s).map_err(|_| KunjunganError::Tps(s.to_string()))?,
        };
        let urut = match i.urut {
            None => return Err(KunjunganError::Kosong("urut")),
            Some(n) => u32::try_from(n)
                .ok()
                .filter(|n| *n >= 1)
                .ok_or(KunjunganError::Urut(n))?,
        };
        let hasil = match i.hasil.map(str::trim).filter(|s| !s.is_empty()) {
            None => return Err(KunjunganError::Kosong("hasil")),
            Some(s) => HasilKunjungan::parse(s)?,
        };
        let dukungan = match i.dukungan.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(_) if hasil != HasilKunjungan::Bertemu => {
                return Err(KunjunganError::TanpaBertemu("dukungan"));
            }
            Some(s) => Some(
                TingkatDukungan::parse(s).map_err(|_| KunjunganError::Dukungan(s.to_string()))?,
            ),
        };
        let mut jawaban: Vec<(String, String)> = Vec::new();
        for (kode, pilih) in &i.jawaban {
            let (kode, pilih) = (kode.trim(), pilih.trim());
            if pilih.is_empty() {
                continue;
            }
            if hasil != HasilKunjungan::Bertemu {
                return Err(KunjunganError::TanpaBertemu("jawaban"));
            }
            // Whether the question and answer exist depends on the
            // election's questions: `periksa_jawaban`, once it is known.
            if !survei::kode_sah(kode) {
                return Err(KunjunganError::Pertanyaan(kode.to_string(), String::new()));
            }
            if !survei::kode_sah(pilih) {
                return Err(KunjunganError::Jawaban(
                    kode.to_string(),
                    pilih.to_string(),
                    String::new(),
                ));
            }
            if jawaban.iter().any(|(k, _)| k == kode) {
                return Err(KunjunganError::JawabanGanda(kode.to_string()));
            }
            jawaban.push((kode.to_string(), pilih.to_string()));
        }
        // The built-in questions' order when they are the ones answered;
        // `periksa_jawaban` puts them in the election's order.
        jawaban.sort_by_key(|(k, _)| SURVEI.iter().position(|q| q.kode == k));
        let catatan = i
            .catatan
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if catatan.chars().count() > CATATAN_MAKS {
            return Err(KunjunganError::Catatan);
        }
        let waktu = match i.waktu {
            None => return Err(KunjunganError::Kosong("waktu")),
            Some(w) if !(WAKTU_PALING_AWAL..=sekarang + WAKTU_MAJU_MAKS).contains(&w) => {
                return Err(KunjunganError::Waktu(w));
            }
            Some(w) => w,
        };
        let lokasi = match (i.lat, i.lon) {
            (None, None) => None,
            (Some(lat), Some(lon)) => {
                Some(crate::mutu_lapangan::Lokasi::new(lat, lon).ok_or(KunjunganError::Lokasi)?)
            }
            _ => return Err(KunjunganError::Lokasi),
        };
        Ok(DataKunjungan {
            id,
            tps,
            urut,
            hasil,
            dukungan,
            jawaban,
            catatan,
            waktu,
            lokasi,
        })
    }
}

fn daftar(awal: &str, isi: &str) -> String {
    if isi.is_empty() {
        String::new()
    } else {
        format!(" ({awal}: {isi})")
    }
}

/// Errors name the field (see [`KunjunganError::kolom`]) so the phone can
/// mark it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KunjunganError {
    #[error("kolom {0}: wajib diisi")]
    Kosong(&'static str),
    #[error("kolom id '{0}': bukan UUID (mis. 0190f3c2-7b1e-7cc4-9a51-2f4d8e6b1a20)")]
    Id(String),
    #[error("kolom tps '{0}': tulis kode TPS (13 angka, mis. 3171011001001)")]
    Tps(String),
    #[error("kolom urut {0}: nomor urut pemilih di DPT dimulai dari 1")]
    Urut(i64),
    #[error("kolom hasil '{0}' tidak dikenal: pilih bertemu, tidak_di_rumah, menolak atau pindah")]
    Hasil(String),
    #[error("kolom dukungan '{0}' tidak dikenal: pilih kuat, condong atau ragu")]
    Dukungan(String),
    #[error("kolom {0}: hanya diisi bila hasil kunjungan 'bertemu'")]
    TanpaBertemu(&'static str),
    /// The code, and the questions asked (empty: the code is malformed).
    #[error("kolom jawaban: pertanyaan '{0}' tidak dikenal{ada}", ada = daftar("pertanyaan yang ada", .1))]
    Pertanyaan(String, String),
    /// Question, answer, and the answers allowed (empty: malformed).
    #[error("kolom jawaban.{0}: jawaban '{1}' tidak ada di pilihan{ada}", ada = daftar("pilih", .2))]
    Jawaban(String, String, String),
    #[error("kolom jawaban.{0}: dijawab dua kali")]
    JawabanGanda(String),
    #[error("kolom catatan: terlalu panjang (maksimal 280 huruf)")]
    Catatan,
    #[error(
        "kolom waktu {0}: tanggal di ponsel tampaknya salah (periksa jam ponsel lalu kirim ulang)"
    )]
    Waktu(i64),
    #[error(
        "kolom lat/lon: isi keduanya (derajat, lintang −90…90, bujur −180…180) atau kosongkan keduanya"
    )]
    Lokasi,
}

impl KunjunganError {
    /// The field at fault, as the JSON names it.
    pub fn kolom(&self) -> &'static str {
        match self {
            KunjunganError::Kosong(k) | KunjunganError::TanpaBertemu(k) => k,
            KunjunganError::Id(_) => "id",
            KunjunganError::Tps(_) => "tps",
            KunjunganError::Urut(_) => "urut",
            KunjunganError::Lokasi => "lat",
            KunjunganError::Hasil(_) => "hasil",
            KunjunganError::Dukungan(_) => "dukungan",
            KunjunganError::Pertanyaan(..)
            | KunjunganError::Jawaban(..)
            | KunjunganError::JawabanGanda(_) => "jawaban",
            KunjunganError::Catatan => "catatan",
            KunjunganError::Waktu(_) => "waktu",
        }
    }
}

// ------------------------------------------------------------ walk list

/// What the walk list needs of a voter's visits: the latest one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KunjunganSingkat {
    pub urut: u32,
    pub waktu: i64,
    pub hasil: HasilKunjungan,
    pub dukungan: Option<TingkatDukungan>,
}

/// A recorded supporter as matching needs them (see
/// `Posko::cocokkan_dpt`): name and birth date, compared within a desa.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendukungDicari<'a> {
    pub nama: &'a str,
    pub tanggal_lahir: Option<Date>,
    pub dukungan: TingkatDukungan,
}

/// One voter on the walk list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anggota {
    pub pemilih: Pemilih,
    /// Index into the supporters given to [`susun_daftar_jalan`] when this
    /// voter is one of them.
    pub pendukung: Option<usize>,
    /// The latest visit, and how many visits in all.
    pub terakhir: Option<KunjunganSingkat>,
    pub jumlah_kunjungan: u32,
}

/// One household: the voters sharing an address in one RT/RW.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rumah {
    /// As the DPT wrote it (of the first voter); empty when not recorded.
    pub alamat: String,
    pub anggota: Vec<Anggota>,
}

impl Rumah {
    pub fn pendukung(&self) -> usize {
        self.anggota
            .iter()
            .filter(|a| a.pendukung.is_some())
            .count()
    }

    /// No voter of the household has been visited yet.
    pub fn belum_dikunjungi(&self) -> bool {
        self.anggota.iter().all(|a| a.terakhir.is_none())
    }
}

/// The households of one RT, in walking order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BagianRt {
    pub rw: Option<u16>,
    pub rt: Option<u16>,
    pub rumah: Vec<Rumah>,
}

impl BagianRt {
    /// "RT 003 / RW 005", or what is known of it.
    pub fn label(&self) -> String {
        let n = |x: Option<u16>| x.map(|v| format!("{v:03}")).unwrap_or_else(|| "?".into());
        match (self.rt, self.rw) {
            (None, None) => "RT/RW tidak tercatat".into(),
            (rt, rw) => format!("RT {} / RW {}", n(rt), n(rw)),
        }
    }

    pub fn jumlah_pemilih(&self) -> usize {
        self.rumah.iter().map(|r| r.anggota.len()).sum()
    }
}

/// Compares addresses as people read them: numbers by value, so
/// "JL. MAWAR 2" comes before "JL. MAWAR 10".
fn banding_alamat(a: &str, b: &str) -> Ordering {
    fn potong(s: &str) -> Vec<Result<u64, String>> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut digit = false;
        for c in s.chars() {
            if c.is_ascii_digit() != digit && !cur.is_empty() {
                out.push(if digit {
                    Ok(cur.parse().unwrap_or(u64::MAX))
                } else {
                    Err(std::mem::take(&mut cur))
                });
                cur.clear();
            }
            digit = c.is_ascii_digit();
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(if digit {
                Ok(cur.parse().unwrap_or(u64::MAX))
            } else {
                Err(cur)
            });
        }
        out
    }
    let (pa, pb) = (potong(a), potong(b));
    for (x, y) in pa.iter().zip(&pb) {
        let o = match (x, y) {
            (Ok(m), Ok(n)) => m.cmp(n),
            (Err(s), Err(t)) => s.cmp(t),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    pa.len().cmp(&pb.len())
}

/// Builds the walk list of one TPS: voters grouped by RW → RT → address
/// (an address compared as [`nama_kunci`] writes it, so spacing and case
/// do not split a household), RTs in number order, addresses in reading
/// order (house numbers by value), voters in DPT order. Voters who are
/// recorded supporters are marked (same name and birth date, as matching
/// to the DPT does), and each carries their latest visit. `rt`: only that
/// RT.
pub fn susun_daftar_jalan(
    pemilih: Vec<Pemilih>,
    pendukung: &[PendukungDicari<'_>],
    kunjungan: &[KunjunganSingkat],
    rt: Option<u16>,
) -> Vec<BagianRt> {
    let mut cocok: HashMap<(String, Date), usize> = HashMap::new();
    for (i, p) in pendukung.iter().enumerate() {
        if let Some(lahir) = p.tanggal_lahir {
            cocok.entry((nama_kunci(p.nama), lahir)).or_insert(i);
        }
    }
    let mut terakhir: HashMap<u32, (KunjunganSingkat, u32)> = HashMap::new();
    for k in kunjungan {
        let e = terakhir.entry(k.urut).or_insert((*k, 0));
        e.1 += 1;
        if k.waktu >= e.0.waktu {
            e.0 = *k;
        }
    }
    type Kunci = (Option<u16>, Option<u16>, String);
    let mut rumah: Vec<(Kunci, Rumah)> = Vec::new();
    let mut indeks: HashMap<Kunci, usize> = HashMap::new();
    let mut pemilih = pemilih;
    pemilih.sort_by_key(|p| p.urut);
    for p in pemilih {
        if rt.is_some() && p.rt != rt {
            continue;
        }
        let alamat = p.alamat.clone().unwrap_or_default();
        let kunci = (p.rw, p.rt, nama_kunci(&alamat));
        let i = *indeks.entry(kunci.clone()).or_insert_with(|| {
            rumah.push((
                kunci,
                Rumah {
                    alamat: alamat.split_whitespace().collect::<Vec<_>>().join(" "),
                    anggota: Vec::new(),
                },
            ));
            rumah.len() - 1
        });
        let dukung = p
            .tanggal_lahir
            .and_then(|l| cocok.get(&(p.nama.clone(), l)).copied());
        let (akhir, jumlah) = match terakhir.get(&p.urut) {
            Some((k, n)) => (Some(*k), *n),
            None => (None, 0),
        };
        rumah[i].1.anggota.push(Anggota {
            pemilih: p,
            pendukung: dukung,
            terakhir: akhir,
            jumlah_kunjungan: jumlah,
        });
    }
    // Unknown RT/RW last: they are the rows a relawan has to ask about.
    let urut_nomor = |x: Option<u16>| x.map_or(u32::MAX, u32::from);
    rumah.sort_by(|(a, _), (b, _)| {
        urut_nomor(a.0)
            .cmp(&urut_nomor(b.0))
            .then(urut_nomor(a.1).cmp(&urut_nomor(b.1)))
            .then((a.2.is_empty()).cmp(&b.2.is_empty()))
            .then_with(|| banding_alamat(&a.2, &b.2))
    });
    let mut out: Vec<BagianRt> = Vec::new();
    for ((rw, rt, _), r) in rumah {
        match out.last_mut() {
            Some(b) if b.rw == rw && b.rt == rt => b.rumah.push(r),
            _ => out.push(BagianRt {
                rw,
                rt,
                rumah: vec![r],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests;
