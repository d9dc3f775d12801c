//! The three reports as sums of the ledger.
//!
//! Which entries a report carries: those whose period
//! ([`periode_entri`]: the late-adjustment period when set, else the one
//! its date falls in) is the report's — for the LADK and LPSDK — and,
//! for the LPPDK, every entry of the campaign up to its own period, since
//! it reports all receipts and spending. Goods and services are booked at
//! their value both when received and when used, as the KPU forms do, so
//! the "balance" here is receipts less spending in every form; the cash
//! in the RKDK is what [`super::mutasi`] reconciles.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::batas::pisah_sumbangan;
use super::buku::{Arah, Entri, JenisBentuk, JenisEntri, KategoriBelanja, Penyumbang, SumberDana};
use super::periode::{JadwalDana, Periode};
use super::uang::{Uang, UangError};

/// Donations of one source in one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarisPenerimaan {
    pub sumber: SumberDana,
    pub bentuk: JenisBentuk,
    pub jumlah: Uang,
}

/// Spending of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarisPengeluaran {
    pub kategori: KategoriBelanja,
    pub jumlah: Uang,
}

/// One report, every line present (zero when nothing was booked), in the
/// order of the vocabulary so two reports line up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Laporan {
    pub periode: Periode,
    /// Balance before the entries this report carries.
    pub saldo_awal: Uang,
    /// Source × form.
    pub penerimaan: Vec<BarisPenerimaan>,
    /// By kind. The LPSDK form shows donations only; its spending lines
    /// are kept so its closing balance can be checked like the others.
    pub pengeluaran: Vec<BarisPengeluaran>,
    pub total_penerimaan: Uang,
    pub total_pengeluaran: Uang,
    pub saldo_akhir: Uang,
    /// Of `total_penerimaan`, what may not be used (over a cap, or from an
    /// unidentified donor), judged over the whole campaign.
    pub kelebihan: Uang,
    /// Late adjustments this report carries, by entry id.
    pub susulan: Vec<Uuid>,
}

/// The period an entry is reported in; `None` for one dated after the
/// LPPDK's window and not placed as a late adjustment.
pub fn periode_entri(jadwal: &JadwalDana, e: &Entri) -> Option<Periode> {
    e.susulan.or_else(|| jadwal.periode_tanggal(e.tanggal))
}

/// Whether a report carries the entries of period `entri`: its own,
/// and the LPPDK every period's (it reports the whole campaign).
pub fn termasuk_laporan(laporan: Periode, entri: Periode) -> bool {
    match laporan {
        Periode::Lppdk => true,
        p => entri == p,
    }
}

/// Receipts less spending of the entries reported up to and including a
/// period: what every report's closing balance must equal.
pub fn saldo_buku(jadwal: &JadwalDana, buku: &[Entri], sampai: Periode) -> Result<Uang, UangError> {
    let mut s = Uang::NOL;
    for e in buku {
        if periode_entri(jadwal, e).is_some_and(|p| p <= sampai) {
            s = s.tambah(e.nilai_bertanda()?)?;
        }
    }
    Ok(s)
}

fn saldo_sebelum(jadwal: &JadwalDana, buku: &[Entri], p: Periode) -> Result<Uang, UangError> {
    match p {
        Periode::Lpsdk => saldo_buku(jadwal, buku, Periode::Ladk),
        Periode::Ladk | Periode::Lppdk => Ok(Uang::NOL),
    }
}

/// Builds a report from the ledger (in chronological order, which the
/// excess split relies on).
pub fn susun_laporan(
    jadwal: &JadwalDana,
    buku: &[Entri],
    periode: Periode,
) -> Result<Laporan, UangError> {
    // Excess per entry, over each donor's whole history.
    let mut per: BTreeMap<&Penyumbang, Vec<&Entri>> = BTreeMap::new();
    for e in buku {
        if let Some(p) = e.penyumbang() {
            per.entry(p).or_default().push(e);
        }
    }
    let mut lebih: HashMap<Uuid, Uang> = HashMap::new();
    for (p, es) in &per {
        let nilai: Vec<Uang> = es.iter().map(|e| e.nilai).collect();
        for (e, b) in es.iter().zip(pisah_sumbangan(p, &nilai)?) {
            lebih.insert(e.id, b.kelebihan);
        }
    }

    let mut terima: BTreeMap<(SumberDana, JenisBentuk), Uang> = BTreeMap::new();
    let mut keluar: BTreeMap<KategoriBelanja, Uang> = BTreeMap::new();
    let mut kelebihan = Uang::NOL;
    let mut susulan = Vec::new();
    for e in buku {
        let Some(pe) = periode_entri(jadwal, e) else {
            continue;
        };
        if !termasuk_laporan(periode, pe) {
            continue;
        }
        if e.susulan.is_some() {
            susulan.push(e.id);
        }
        match &e.jenis {
            JenisEntri::Penerimaan { penyumbang } => {
                let s = terima
                    .entry((penyumbang.sumber, e.bentuk.jenis()))
                    .or_default();
                *s = s.tambah(e.nilai)?;
                kelebihan = kelebihan.tambah(lebih.get(&e.id).copied().unwrap_or_default())?;
            }
            JenisEntri::Pengeluaran { kategori } => {
                let s = keluar.entry(*kategori).or_default();
                *s = s.tambah(e.nilai)?;
            }
        }
    }
    let penerimaan: Vec<BarisPenerimaan> = SumberDana::ALL
        .iter()
        .flat_map(|&sumber| JenisBentuk::ALL.iter().map(move |&bentuk| (sumber, bentuk)))
        .map(|(sumber, bentuk)| BarisPenerimaan {
            sumber,
            bentuk,
            jumlah: terima.get(&(sumber, bentuk)).copied().unwrap_or_default(),
        })
        .collect();
    let pengeluaran: Vec<BarisPengeluaran> = KategoriBelanja::ALL
        .iter()
        .map(|&kategori| BarisPengeluaran {
            kategori,
            jumlah: keluar.get(&kategori).copied().unwrap_or_default(),
        })
        .collect();
    let total_penerimaan = Uang::jumlah(penerimaan.iter().map(|b| b.jumlah))?;
    let total_pengeluaran = Uang::jumlah(pengeluaran.iter().map(|b| b.jumlah))?;
    let saldo_awal = saldo_sebelum(jadwal, buku, periode)?;
    Ok(Laporan {
        periode,
        saldo_awal,
        penerimaan,
        pengeluaran,
        total_penerimaan,
        total_pengeluaran,
        saldo_akhir: saldo_awal
            .tambah(total_penerimaan)?
            .kurang(total_pengeluaran)?,
        kelebihan,
        susulan,
    })
}

/// A way a report disagrees with the ledger.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelisihLaporan {
    #[error("jumlah baris {arah} {baris} berbeda dari totalnya {total}")]
    Total {
        arah: Arah,
        baris: Uang,
        total: Uang,
    },
    #[error("saldo awal laporan {laporan} berbeda dari saldo buku {buku}")]
    SaldoAwal { laporan: Uang, buku: Uang },
    #[error("saldo awal {awal} + penerimaan − pengeluaran = {hitung}, bukan saldo akhir {akhir}")]
    SaldoAkhir {
        awal: Uang,
        hitung: Uang,
        akhir: Uang,
    },
    #[error("saldo akhir laporan {laporan} berbeda dari saldo buku {buku}")]
    SaldoBuku { laporan: Uang, buku: Uang },
    #[error(transparent)]
    Uang(#[from] UangError),
}

/// Checks a report (one just built, or one stored and read back) against
/// the ledger: the lines add up to the totals, the opening balance is the
/// ledger's before the report, and opening + lines is the ledger's
/// balance at the end of the report's period. Every disagreement is
/// returned.
pub fn periksa_laporan(
    jadwal: &JadwalDana,
    buku: &[Entri],
    l: &Laporan,
) -> Result<(), Vec<SelisihLaporan>> {
    let hitung = || -> Result<Vec<SelisihLaporan>, UangError> {
        let mut salah = Vec::new();
        let terima = Uang::jumlah(l.penerimaan.iter().map(|b| b.jumlah))?;
        if terima != l.total_penerimaan {
            salah.push(SelisihLaporan::Total {
                arah: Arah::Penerimaan,
                baris: terima,
                total: l.total_penerimaan,
            });
        }
        let keluar = Uang::jumlah(l.pengeluaran.iter().map(|b| b.jumlah))?;
        if keluar != l.total_pengeluaran {
            salah.push(SelisihLaporan::Total {
                arah: Arah::Pengeluaran,
                baris: keluar,
                total: l.total_pengeluaran,
            });
        }
        let awal = saldo_sebelum(jadwal, buku, l.periode)?;
        if awal != l.saldo_awal {
            salah.push(SelisihLaporan::SaldoAwal {
                laporan: l.saldo_awal,
                buku: awal,
            });
        }
        let akhir = l.saldo_awal.tambah(terima)?.kurang(keluar)?;
        if akhir != l.saldo_akhir {
            salah.push(SelisihLaporan::SaldoAkhir {
                awal: l.saldo_awal,
                hitung: akhir,
                akhir: l.saldo_akhir,
            });
        }
        let buku_akhir = saldo_buku(jadwal, buku, l.periode)?;
        if buku_akhir != l.saldo_akhir {
            salah.push(SelisihLaporan::SaldoBuku {
                laporan: l.saldo_akhir,
                buku: buku_akhir,
            });
        }
        Ok(salah)
    };
    match hitung() {
        Ok(s) if s.is_empty() => Ok(()),
        Ok(s) => Err(s),
        Err(u) => Err(vec![u.into()]),
    }
}

#[cfg(test)]
mod tests {
    use super::super::buku::{BentukDana, Rekening};
    use super::*;
    use proptest::prelude::*;
    use time::Date;
    use time::macros::date;

    fn rp(n: i64) -> Uang {
        Uang::rupiah(n).unwrap()
    }

    struct Buat(u128);

    impl Buat {
        fn entri(
            &mut self,
            tanggal: Date,
            jenis: JenisEntri,
            bentuk: BentukDana,
            nilai: Uang,
        ) -> Entri {
            self.0 += 1;
            Entri {
                id: Uuid::from_u128(self.0),
                tanggal,
                jenis,
                bentuk,
                rekening: Rekening::Rkdk,
                nilai,
                koreksi_atas: None,
                susulan: None,
                uraian: String::new(),
            }
        }
    }

    fn terima(sumber: SumberDana, id: &str) -> JenisEntri {
        JenisEntri::Penerimaan {
            penyumbang: Penyumbang {
                sumber,
                identitas: Some(id.into()),
            },
        }
    }

    fn jumlah_baris(l: &Laporan, sumber: SumberDana, bentuk: JenisBentuk) -> Uang {
        l.penerimaan
            .iter()
            .find(|b| b.sumber == sumber && b.bentuk == bentuk)
            .unwrap()
            .jumlah
    }

    #[test]
    fn tiga_laporan() {
        let j = JadwalDana::pilkada_2024();
        let mut b = Buat(0);
        let mut buku = vec![
            b.entri(
                date!(2024 - 09 - 20),
                terima(SumberDana::Paslon, "p"),
                BentukDana::Uang,
                rp(100_000_000),
            ),
            b.entri(
                date!(2024 - 10 - 01),
                terima(SumberDana::Perseorangan, "a"),
                BentukDana::Uang,
                rp(80_000_000),
            ),
            b.entri(
                date!(2024 - 10 - 02),
                terima(SumberDana::BadanUsahaSwasta, "pt"),
                BentukDana::Barang {
                    jumlah_unit: 500,
                    satuan: "kaos".into(),
                },
                rp(25_000_000),
            ),
            b.entri(
                date!(2024 - 10 - 03),
                JenisEntri::Pengeluaran {
                    kategori: KategoriBelanja::BahanKampanye,
                },
                BentukDana::Uang,
                rp(30_000_000),
            ),
            b.entri(
                date!(2024 - 11 - 10),
                JenisEntri::Pengeluaran {
                    kategori: KategoriBelanja::RapatUmum,
                },
                BentukDana::Uang,
                rp(40_000_000),
            ),
        ];
        // A correction to the LADK booked after it closed: carried by the LPSDK.
        let mut k = b.entri(
            date!(2024 - 09 - 20),
            terima(SumberDana::Paslon, "p"),
            BentukDana::Uang,
            rp(-1_000_000),
        );
        k.koreksi_atas = Some(buku[0].id);
        k.susulan = j
            .tempatkan(k.tanggal, date!(2024 - 10 - 05))
            .unwrap()
            .susulan();
        buku.push(k.clone());

        let ladk = susun_laporan(&j, &buku, Periode::Ladk).unwrap();
        assert_eq!(ladk.saldo_awal, Uang::NOL);
        assert_eq!(ladk.total_penerimaan, rp(100_000_000));
        assert_eq!(ladk.saldo_akhir, rp(100_000_000));

        let lpsdk = susun_laporan(&j, &buku, Periode::Lpsdk).unwrap();
        assert_eq!(lpsdk.saldo_awal, rp(100_000_000));
        assert_eq!(
            jumlah_baris(&lpsdk, SumberDana::Paslon, JenisBentuk::Uang),
            rp(-1_000_000)
        );
        assert_eq!(
            jumlah_baris(&lpsdk, SumberDana::BadanUsahaSwasta, JenisBentuk::Barang),
            rp(25_000_000)
        );
        assert_eq!(lpsdk.total_penerimaan, rp(104_000_000));
        assert_eq!(lpsdk.total_pengeluaran, rp(30_000_000));
        assert_eq!(lpsdk.kelebihan, rp(5_000_000));
        assert_eq!(lpsdk.susulan, vec![k.id]);

        let lppdk = susun_laporan(&j, &buku, Periode::Lppdk).unwrap();
        assert_eq!(lppdk.saldo_awal, Uang::NOL);
        assert_eq!(lppdk.total_penerimaan, rp(204_000_000));
        assert_eq!(lppdk.total_pengeluaran, rp(70_000_000));
        assert_eq!(lppdk.saldo_akhir, rp(134_000_000));
        assert_eq!(
            lppdk.penerimaan.len(),
            SumberDana::ALL.len() * JenisBentuk::ALL.len()
        );
        assert_eq!(lppdk.pengeluaran.len(), KategoriBelanja::ALL.len());

        for l in [&ladk, &lpsdk, &lppdk] {
            assert_eq!(periksa_laporan(&j, &buku, l), Ok(()));
        }
    }

    #[test]
    fn laporan_diubah_ketahuan() {
        let j = JadwalDana::pilkada_2024();
        let mut b = Buat(0);
        let buku = vec![b.entri(
            date!(2024 - 10 - 01),
            terima(SumberDana::Kelompok, "k"),
            BentukDana::Uang,
            rp(10),
        )];
        let mut l = susun_laporan(&j, &buku, Periode::Lpsdk).unwrap();
        l.penerimaan[0].jumlah = rp(1);
        let salah = periksa_laporan(&j, &buku, &l).unwrap_err();
        assert!(matches!(
            salah[0],
            SelisihLaporan::Total {
                arah: Arah::Penerimaan,
                ..
            }
        ));
        l.penerimaan[0].jumlah = Uang::NOL;
        l.saldo_awal = rp(5);
        l.saldo_akhir = rp(15);
        let salah = periksa_laporan(&j, &buku, &l).unwrap_err();
        assert_eq!(
            salah,
            vec![
                SelisihLaporan::SaldoAwal {
                    laporan: rp(5),
                    buku: Uang::NOL
                },
                SelisihLaporan::SaldoBuku {
                    laporan: rp(15),
                    buku: rp(10)
                },
            ]
        );
    }

    #[test]
    fn entri_setelah_kampanye_tidak_dilaporkan() {
        let j = JadwalDana::pilkada_2024();
        let mut b = Buat(0);
        let buku = vec![b.entri(
            date!(2024 - 12 - 01),
            JenisEntri::Pengeluaran {
                kategori: KategoriBelanja::BiayaAdministrasi,
            },
            BentukDana::Uang,
            rp(10),
        )];
        let l = susun_laporan(&j, &buku, Periode::Lppdk).unwrap();
        assert_eq!(l.total_pengeluaran, Uang::NOL);
        assert_eq!(periksa_laporan(&j, &buku, &l), Ok(()));
    }

    fn entri_acak() -> impl Strategy<Value = (i64, bool, usize, usize, usize, i64, Option<usize>)> {
        (
            -40i64..90,
            any::<bool>(),
            0..SumberDana::ALL.len(),
            0..3usize,
            0..KategoriBelanja::ALL.len(),
            -5_000_000i64..500_000_000,
            prop::option::weighted(0.1, 0..3usize),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Every report's lines, with its opening balance, come to the
        /// ledger's balance at the end of its period.
        #[test]
        fn baris_laporan_sama_dengan_saldo_buku(acak in prop::collection::vec(entri_acak(), 0..40)) {
            let j = JadwalDana::pilkada_2024();
            let mut b = Buat(0);
            let mulai = date!(2024 - 09 - 01);
            let buku: Vec<Entri> = acak
                .into_iter()
                .map(|(hari, masuk, s, f, k, sen, susulan)| {
                    let jenis = if masuk {
                        terima(SumberDana::ALL[s], &format!("d{}", sen % 7))
                    } else {
                        JenisEntri::Pengeluaran { kategori: KategoriBelanja::ALL[k] }
                    };
                    let bentuk = match f {
                        0 => BentukDana::Uang,
                        1 => BentukDana::Barang { jumlah_unit: 1, satuan: "buah".into() },
                        _ => BentukDana::Jasa { jenis: "desain".into() },
                    };
                    let mut e = b.entri(mulai + time::Duration::days(hari * 2), jenis, bentuk, Uang::dari_sen(sen));
                    e.susulan = susulan.map(|i| [Periode::Ladk, Periode::Lpsdk, Periode::Lppdk][i]);
                    e
                })
                .collect();
            for p in [Periode::Ladk, Periode::Lpsdk, Periode::Lppdk] {
                let l = susun_laporan(&j, &buku, p).unwrap();
                prop_assert_eq!(periksa_laporan(&j, &buku, &l), Ok(()));
                prop_assert_eq!(l.saldo_akhir, saldo_buku(&j, &buku, p).unwrap());
                let baris = Uang::jumlah(l.penerimaan.iter().map(|b| b.jumlah)).unwrap()
                    .kurang(Uang::jumlah(l.pengeluaran.iter().map(|b| b.jumlah)).unwrap()).unwrap();
                prop_assert_eq!(l.saldo_awal.tambah(baris).unwrap(), l.saldo_akhir);
            }
        }
    }
}
