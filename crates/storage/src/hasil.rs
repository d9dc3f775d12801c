//! Election-day results as stored: every submission (a revision, never
//! overwritten), each TPS's current result, and region totals moved by the
//! difference a new revision makes. The difference is computed here, once,
//! so both backends add up the same way.

use posko_domain::{
    FormulirHasil, Jejak, KodeTps, KodeWilayah, Pelaku, Terhitung, Tertahan, Usulan,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Defence in depth behind the use case's refusal: figures with votes for
/// more entries than the election's ballot has
/// ([`posko_domain::kolom_suara_paslon`] of the `jumlah_paslon` stored)
/// would give region totals rows for a paslon that does not run. Each
/// backend asks this in the write transaction, before writing anything.
pub fn cek_kolom_paslon(angka: &[Option<&Angka>], jumlah_paslon: i64) -> crate::Result<()> {
    let kolom = posko_domain::kolom_suara_paslon(usize::try_from(jumlah_paslon).unwrap_or(0));
    for a in angka.iter().flatten() {
        if a.suara.len() > kolom {
            return Err(crate::StoreError::NotFound(format!(
                "paslon nomor urut {} dalam pemilihan ini",
                kolom + 1
            )));
        }
    }
    Ok(())
}

/// One submission of a TPS's C.Hasil, as sent (by web, API or SMS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KirimanHasil {
    pub id: Uuid,
    /// The sender's own id for this submission: sending it again (a retry
    /// after a dropped connection) stores nothing new.
    pub kunci_klien: String,
    pub pemilihan_id: Uuid,
    pub tps: KodeTps,
    /// 1 for the first submission of this TPS, then 2, 3 …; set by the store.
    pub revisi: i32,
    /// The account or API token that sent it.
    pub pengirim_id: Uuid,
    pub pengirim: String,
    /// `web`, `api`, `sms`, `telegram`.
    pub sumber: String,
    /// Unix seconds.
    pub waktu: i64,
    /// Why a later revision was sent (a correction), as the sender wrote it.
    pub alasan: Option<String>,
    pub formulir: FormulirHasil,
    /// Codes of the arithmetic rules the form breaks (never a refusal).
    pub temuan: Vec<String>,
    /// SHA-256 of each photo of the form.
    pub foto: Vec<String>,
    /// The account whose one-time code opened the sending session, if any
    /// (see [`posko_domain::Pelaku`]); never shown outside Posko.
    #[serde(skip)]
    pub kode_dari: Option<Uuid>,
    /// SHA-256 of the sending browser's id, if it came from a browser.
    #[serde(skip)]
    pub peramban: Option<String>,
    /// Set by the store: why this revision, though stored, did not replace
    /// the one that counted when it arrived ([`posko_domain::revisi`]).
    /// None: it became the counted revision then.
    pub tidak_dihitung: Option<TidakDihitung>,
}

/// Why a stored revision does not count, and which one counted instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TidakDihitung {
    pub alasan: Tertahan,
    /// The revision that counted when this one arrived.
    pub revisi_dihitung: i32,
}

impl TidakDihitung {
    /// In Bahasa Indonesia, for replies and the audit log.
    pub fn pesan(&self, revisi: i32) -> String {
        self.alasan.pesan(revisi, self.revisi_dihitung)
    }
}

/// Applies the rule of [`posko_domain::revisi`] inside a store's write
/// transaction: `lama` is the TPS's counted result (locked), `foto_lama`
/// whether its submission carries a photo. None: `k` replaces it.
pub fn putuskan_revisi(
    lama: Option<&HasilTps>,
    foto_lama: bool,
    k: &KirimanHasil,
) -> Option<TidakDihitung> {
    let lama = lama?;
    let terhitung = Terhitung {
        berfoto: foto_lama,
        terverifikasi: lama.status == StatusHasil::Terverifikasi,
    };
    let usulan = Usulan {
        berfoto: !k.foto.is_empty(),
        beralasan: k.alasan.as_deref().is_some_and(|a| !a.trim().is_empty()),
    };
    posko_domain::tertahan(Some(terhitung), usulan).map(|alasan| TidakDihitung {
        alasan,
        revisi_dihitung: lama.revisi,
    })
}

/// The audit entry of a revision stored without counting: the same entry,
/// its summary saying so (the chain records what the totals did).
pub fn jejak_tidak_dihitung(jejak: &Jejak, t: &TidakDihitung, revisi: i32) -> Jejak {
    let mut j = jejak.clone();
    j.ringkasan = format!("{}; TIDAK DIHITUNG: {}", j.ringkasan, t.pesan(revisi));
    j
}

impl KirimanHasil {
    /// Who sent it, as far as Posko can tell.
    pub fn pelaku(&self) -> Pelaku {
        Pelaku {
            akun: self.pengirim_id,
            kode_dari: self.kode_dari,
            peramban: self.peramban.clone(),
        }
    }
}

/// What a submission did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kirim {
    /// Stored as this revision.
    Baru(KirimanHasil),
    /// This `kunci_klien` was stored before by the same sender for the same
    /// TPS and election: here is that submission. A key is never looked up
    /// across senders or TPS, so it cannot be used to read another's.
    Ulang(KirimanHasil),
}

/// The figures of one TPS that tabulation adds up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Angka {
    /// Votes per paslon, index 0 = nomor urut 1.
    pub suara: Vec<u64>,
    pub sah: u64,
    pub tidak_sah: u64,
}

impl Angka {
    /// The figures a form states; a blank cell counts as 0 (its blankness
    /// is already a finding), and a blank V.A as the paslon votes' sum.
    pub fn dari_formulir(f: &FormulirHasil) -> Angka {
        let suara: Vec<u64> = f
            .suara_paslon
            .iter()
            .map(|v| u64::from(v.unwrap_or(0)))
            .collect();
        Angka {
            sah: f
                .suara_sah
                .map(u64::from)
                .unwrap_or_else(|| suara.iter().sum()),
            tidak_sah: f.suara_tidak_sah.map(u64::from).unwrap_or(0),
            suara,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusHasil {
    /// A saksi's figures are in; nobody has checked them against the photo.
    Masuk,
    /// Two independent readings of the photo agree with the figures.
    Terverifikasi,
    /// Readings disagree: a supervisor must look.
    Bermasalah,
    /// A verifier could not read the photo: out of the reading queue
    /// until the saksi sends the form again with a new photo (a new
    /// revision starts as [`StatusHasil::Masuk`]).
    PerluFoto,
}

impl StatusHasil {
    pub fn slug(self) -> &'static str {
        match self {
            StatusHasil::Masuk => "masuk",
            StatusHasil::Terverifikasi => "terverifikasi",
            StatusHasil::Bermasalah => "bermasalah",
            StatusHasil::PerluFoto => "perlu_foto",
        }
    }

    pub fn parse(s: &str) -> Option<StatusHasil> {
        [
            StatusHasil::Masuk,
            StatusHasil::Terverifikasi,
            StatusHasil::Bermasalah,
            StatusHasil::PerluFoto,
        ]
        .into_iter()
        .find(|x| x.slug() == s)
    }
}

/// A TPS's current result in one election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HasilTps {
    pub pemilihan_id: Uuid,
    pub tps: KodeTps,
    pub kiriman_id: Uuid,
    pub revisi: i32,
    pub status: StatusHasil,
    /// The latest submission's figures.
    pub angka: Angka,
    /// Figures confirmed from the photo, once verified.
    pub terverifikasi: Option<Angka>,
    pub jumlah_temuan: u32,
    /// The TPS's DPT (0 when unknown), for turnout over the TPS that are in.
    pub dpt: u64,
    pub waktu: i64,
}

/// The TPS of one region with no result in yet for an election: how many,
/// and the most valid votes they could still add (each TPS bounded by
/// `posko_domain::menang::sisa_maks_tps`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SisaTps {
    pub kode: KodeWilayah,
    pub tps_belum: u64,
    pub suara_maks: u64,
}

/// Length of a dotted region code at `tingkat` ("32", "32.73",
/// "32.73.01", "32.73.01.1001"), for grouping TPS by their region.
pub fn panjang_kode(tingkat: posko_domain::Tingkat) -> i64 {
    match tingkat {
        posko_domain::Tingkat::Provinsi => 2,
        posko_domain::Tingkat::Kabkota => 5,
        posko_domain::Tingkat::Kecamatan => 8,
        posko_domain::Tingkat::Desa => 13,
    }
}

/// The key range of the TPS under `wilayah` (a desa's own code is the only
/// key in its range).
pub fn rentang_tps(wilayah: KodeWilayah) -> (String, String) {
    if wilayah.tingkat() == posko_domain::Tingkat::Desa {
        let s = wilayah.to_string();
        (s.clone(), format!("{s}\u{1}"))
    } else {
        wilayah.prefix_range()
    }
}

/// Totals of a region (or a whole election) from the TPS that are in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RekapHasil {
    pub tps_masuk: u64,
    pub tps_terverifikasi: u64,
    pub tps_bermasalah: u64,
    /// TPS whose form breaks an arithmetic rule.
    pub tps_bertanda: u64,
    pub dpt_masuk: u64,
    /// All TPS in, each with its best figures (verified where verified).
    pub angka: Angka,
    /// Verified TPS only.
    pub angka_terverifikasi: Angka,
}

/// How a region's totals move when one TPS goes from `lama` to `baru`.
/// Signed, so a correction can lower a total.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selisih {
    pub tps_masuk: i64,
    pub tps_terverifikasi: i64,
    pub tps_bermasalah: i64,
    pub tps_bertanda: i64,
    pub dpt_masuk: i64,
    pub sah: i64,
    pub tidak_sah: i64,
    pub sah_v: i64,
    pub tidak_sah_v: i64,
    /// (nomor urut, votes, verified votes) for every paslon that moved.
    pub suara: Vec<(i16, i64, i64)>,
}

/// What a TPS adds to every region above it.
struct Sumbangan {
    masuk: i64,
    terverifikasi: i64,
    bermasalah: i64,
    bertanda: i64,
    dpt: i64,
    terbaik: Angka,
    v: Angka,
}

fn sumbangan(h: Option<&HasilTps>) -> Sumbangan {
    match h {
        None => Sumbangan {
            masuk: 0,
            terverifikasi: 0,
            bermasalah: 0,
            bertanda: 0,
            dpt: 0,
            terbaik: Angka::default(),
            v: Angka::default(),
        },
        Some(h) => Sumbangan {
            masuk: 1,
            terverifikasi: i64::from(h.status == StatusHasil::Terverifikasi),
            bermasalah: i64::from(h.status == StatusHasil::Bermasalah),
            bertanda: i64::from(h.jumlah_temuan > 0),
            dpt: h.dpt as i64,
            terbaik: h.terverifikasi.clone().unwrap_or_else(|| h.angka.clone()),
            v: if h.status == StatusHasil::Terverifikasi {
                h.terverifikasi.clone().unwrap_or_default()
            } else {
                Angka::default()
            },
        },
    }
}

pub fn selisih(lama: Option<&HasilTps>, baru: Option<&HasilTps>) -> Selisih {
    let (a, b) = (sumbangan(lama), sumbangan(baru));
    let n = a
        .terbaik
        .suara
        .len()
        .max(b.terbaik.suara.len())
        .max(a.v.suara.len())
        .max(b.v.suara.len());
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0) as i64;
    let suara = (0..n)
        .map(|i| {
            (
                (i + 1) as i16,
                at(&b.terbaik.suara, i) - at(&a.terbaik.suara, i),
                at(&b.v.suara, i) - at(&a.v.suara, i),
            )
        })
        .filter(|(_, d, dv)| *d != 0 || *dv != 0)
        .collect();
    Selisih {
        tps_masuk: b.masuk - a.masuk,
        tps_terverifikasi: b.terverifikasi - a.terverifikasi,
        tps_bermasalah: b.bermasalah - a.bermasalah,
        tps_bertanda: b.bertanda - a.bertanda,
        dpt_masuk: b.dpt - a.dpt,
        sah: b.terbaik.sah as i64 - a.terbaik.sah as i64,
        tidak_sah: b.terbaik.tidak_sah as i64 - a.terbaik.tidak_sah as i64,
        sah_v: b.v.sah as i64 - a.v.sah as i64,
        tidak_sah_v: b.v.tidak_sah as i64 - a.v.tidak_sah as i64,
        suara,
    }
}

/// One verifier's reading of a submission's photo: the figures they typed
/// without seeing the saksi's or another verifier's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bacaan {
    pub id: Uuid,
    pub kiriman_id: Uuid,
    pub pemilihan_id: Uuid,
    pub tps: KodeTps,
    pub verifier_id: Uuid,
    pub verifier: String,
    pub waktu: i64,
    pub angka: Angka,
    /// A supervisor's decision on a disputed form, which settles it.
    pub putusan: bool,
    /// As on [`KirimanHasil`]: who read it, as far as Posko can tell.
    #[serde(skip)]
    pub kode_dari: Option<Uuid>,
    #[serde(skip)]
    pub peramban: Option<String>,
}

impl Bacaan {
    pub fn pelaku(&self) -> Pelaku {
        Pelaku {
            akun: self.verifier_id,
            kode_dari: self.kode_dari,
            peramban: self.peramban.clone(),
        }
    }
}

/// A saksi saying "I am at my TPS", with where the phone was if it said.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checkin {
    pub id: Uuid,
    pub pemilihan_id: Uuid,
    pub tps: KodeTps,
    pub pengirim_id: Uuid,
    pub pengirim: String,
    pub waktu: i64,
    pub lokasi: Option<(f64, f64)>,
}

/// Something wrong at a TPS on election day, as the saksi reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Insiden {
    pub id: Uuid,
    pub pemilihan_id: Uuid,
    pub tps: KodeTps,
    pub pengirim_id: Uuid,
    pub pengirim: String,
    pub waktu: i64,
    pub kategori: String,
    pub teks: String,
    pub foto: Vec<String>,
}

/// The regions whose totals a TPS moves, province first (a fixed order, so
/// concurrent writers lock rows in the same order and never deadlock).
pub fn wilayah_rekap(tps: &KodeTps) -> Vec<KodeWilayah> {
    let desa = tps.desa();
    let mut v = desa.leluhur();
    v.push(desa);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hasil(status: StatusHasil, suara: &[u64], tidak_sah: u64) -> HasilTps {
        let angka = Angka {
            suara: suara.to_vec(),
            sah: suara.iter().sum(),
            tidak_sah,
        };
        HasilTps {
            pemilihan_id: Uuid::nil(),
            tps: KodeTps::parse("3273011001003").unwrap(),
            kiriman_id: Uuid::nil(),
            revisi: 1,
            status,
            terverifikasi: (status == StatusHasil::Terverifikasi).then(|| angka.clone()),
            angka,
            jumlah_temuan: 0,
            dpt: 300,
            waktu: 0,
        }
    }

    #[test]
    fn first_submission_adds_everything_and_a_correction_only_the_change() {
        let first = hasil(StatusHasil::Masuk, &[120, 98, 45], 7);
        let d = selisih(None, Some(&first));
        assert_eq!(
            (d.tps_masuk, d.dpt_masuk, d.sah, d.tidak_sah),
            (1, 300, 263, 7)
        );
        assert_eq!(d.suara, vec![(1, 120, 0), (2, 98, 0), (3, 45, 0)]);
        assert_eq!((d.sah_v, d.tps_terverifikasi), (0, 0));

        let fixed = hasil(StatusHasil::Masuk, &[120, 89, 45], 7);
        let d = selisih(Some(&first), Some(&fixed));
        assert_eq!((d.tps_masuk, d.dpt_masuk, d.sah), (0, 0, -9));
        assert_eq!(d.suara, vec![(2, -9, 0)]);

        let verified = hasil(StatusHasil::Terverifikasi, &[120, 89, 45], 7);
        let d = selisih(Some(&fixed), Some(&verified));
        assert_eq!(
            (d.tps_masuk, d.tps_terverifikasi, d.sah, d.sah_v),
            (0, 1, 0, 254)
        );
        assert_eq!(d.suara, vec![(1, 0, 120), (2, 0, 89), (3, 0, 45)]);
    }

    #[test]
    fn regions_are_listed_province_first() {
        let w: Vec<String> = wilayah_rekap(&KodeTps::parse("3273011001003").unwrap())
            .iter()
            .map(|k| k.to_string())
            .collect();
        assert_eq!(w, ["32", "32.73", "32.73.01", "32.73.01.1001"]);
    }

    #[test]
    fn blank_cells_count_as_zero_and_blank_valid_votes_as_the_sum() {
        let f = FormulirHasil {
            suara_paslon: vec![Some(10), None, Some(5)],
            ..Default::default()
        };
        let a = Angka::dari_formulir(&f);
        assert_eq!(
            a,
            Angka {
                suara: vec![10, 0, 5],
                sah: 15,
                tidak_sah: 0
            }
        );
    }
}
