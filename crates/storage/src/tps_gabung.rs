//! A TPS file updates only what it mentions: a column the file does not
//! have leaves the stored value as it is, and only an empty cell in a
//! column it has clears one. Both backends merge each stored row with the
//! file's row through [`gabung`] inside their write transaction, and count
//! what changed per field for the import's summary.

use posko_domain::Dpt;
use serde::Serialize;

use crate::{ImportCounts, Tps};

/// The columns a TPS file has (a desa code and a number it always has).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KolomTps {
    pub dpt_laki: bool,
    pub dpt_perempuan: bool,
    pub dpt_total: bool,
    pub alamat: bool,
    /// Latitude or longitude.
    pub lokasi: bool,
}

impl KolomTps {
    /// Every column: the row replaces what is stored.
    pub const SEMUA: KolomTps = KolomTps {
        dpt_laki: true,
        dpt_perempuan: true,
        dpt_total: true,
        alamat: true,
        lokasi: true,
    };
}

/// How many stored TPS had each field changed by a write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PerubahanTps {
    /// Men or women of the DPT.
    pub dpt_lp: u64,
    pub dpt_total: u64,
    pub alamat: u64,
    pub lokasi: u64,
}

impl PerubahanTps {
    /// Counts the fields that differ between the stored row and what it
    /// becomes; returns whether any did.
    pub fn catat(&mut self, lama: &Tps, jadi: &Tps) -> bool {
        let lp = (lama.dpt.laki(), lama.dpt.perempuan()) != (jadi.dpt.laki(), jadi.dpt.perempuan());
        let total = lama.dpt.total() != jadi.dpt.total();
        let alamat = lama.alamat != jadi.alamat;
        let lokasi = lama.lokasi != jadi.lokasi;
        self.dpt_lp += u64::from(lp);
        self.dpt_total += u64::from(total);
        self.alamat += u64::from(alamat);
        self.lokasi += u64::from(lokasi);
        lp || total || alamat || lokasi
    }
}

/// What a TPS write did: rows new, changed and the same, and per field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HasilSimpanTps {
    pub counts: ImportCounts,
    pub perubahan: PerubahanTps,
}

/// The row to store: the file's values for the columns it has, the stored
/// ones for the rest. Stored DPT counts the file does not mention are kept
/// unless they contradict its counts (a new total that is not the stored
/// men plus women): then only the file's counts are kept.
pub fn gabung(lama: Option<&Tps>, baru: &Tps, kolom: &KolomTps) -> Tps {
    let Some(lama) = lama else {
        return baru.clone();
    };
    // A total the reader computed from both sexes counts as given.
    let total_ada = kolom.dpt_total || (kolom.dpt_laki && kolom.dpt_perempuan);
    let pilih = |ada: bool, b: Option<u32>, l: Option<u32>| if ada { b } else { l };
    let laki = pilih(kolom.dpt_laki, baru.dpt.laki(), lama.dpt.laki());
    let perempuan = pilih(
        kolom.dpt_perempuan,
        baru.dpt.perempuan(),
        lama.dpt.perempuan(),
    );
    let total = pilih(total_ada, baru.dpt.total(), lama.dpt.total());
    let dpt = Dpt::new(laki, perempuan, total).unwrap_or(baru.dpt);
    Tps {
        kode: baru.kode,
        dpt,
        alamat: if kolom.alamat {
            baru.alamat.clone()
        } else {
            lama.alamat.clone()
        },
        lokasi: if kolom.lokasi {
            baru.lokasi
        } else {
            lama.lokasi
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use posko_domain::{KodeTps, KodeWilayah, NomorTps};

    fn tps(l: Option<u32>, p: Option<u32>, t: Option<u32>, alamat: Option<&str>) -> Tps {
        Tps {
            kode: KodeTps::new(
                KodeWilayah::parse("32.73.01.1001").unwrap(),
                NomorTps::new(1).unwrap(),
            )
            .unwrap(),
            dpt: Dpt::new(l, p, t).unwrap(),
            alamat: alamat.map(str::to_string),
            lokasi: Some((-6.9, 107.6)),
        }
    }

    const TANPA: KolomTps = KolomTps {
        dpt_laki: false,
        dpt_perempuan: false,
        dpt_total: false,
        alamat: false,
        lokasi: false,
    };

    #[test]
    fn absent_columns_keep_what_is_stored() {
        let lama = tps(Some(100), Some(110), None, Some("Jl. Merdeka"));
        let baru = Tps {
            lokasi: None,
            ..tps(None, None, None, None)
        };
        assert_eq!(gabung(Some(&lama), &baru, &TANPA), lama);
        // Only the total, agreeing with the stored sexes: they stay.
        let kolom = KolomTps {
            dpt_total: true,
            ..TANPA
        };
        let jadi = gabung(Some(&lama), &tps(None, None, Some(210), None), &kolom);
        assert_eq!(jadi.dpt, lama.dpt);
        // A new total the stored sexes contradict: they go.
        let jadi = gabung(Some(&lama), &tps(None, None, Some(300), None), &kolom);
        assert_eq!((jadi.dpt.laki(), jadi.dpt.total()), (None, Some(300)));
    }

    #[test]
    fn an_empty_cell_in_a_present_column_clears() {
        let lama = tps(Some(100), Some(110), None, Some("Jl. Merdeka"));
        let jadi = gabung(
            Some(&lama),
            &tps(Some(100), Some(110), None, None),
            &KolomTps::SEMUA,
        );
        assert_eq!(jadi.alamat, None);
        let mut p = PerubahanTps::default();
        assert!(p.catat(&lama, &jadi));
        assert_eq!(
            p,
            PerubahanTps {
                alamat: 1,
                ..Default::default()
            }
        );
    }
}
