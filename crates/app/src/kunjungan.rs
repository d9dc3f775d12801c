//! Canvassing: the walk list of a TPS (on a phone and printed) and logging
//! visits, each scoped to the caller's territory. Visits arrive in batches
//! from phones that were offline; a batch is checked whole before anything
//! is written, and a visit already stored (same phone-made id) is counted,
//! not stored again.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use posko_domain::kunjungan::{
    BagianRt, KunjunganSingkat, PendukungDicari, PertanyaanSurvei, periksa_jawaban,
    susun_daftar_jalan,
};
use posko_domain::relawan::di_dalam;
use posko_domain::{
    Cakupan, DataKunjungan, HasilKunjungan, Izin, Jejak, JenisKelamin, KodeTps, Objek, diizinkan,
};
use posko_storage::{Kunjungan, Pendukung, Pengguna, Tps};
use serde::Serialize;
use time::{Date, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// Most visits one sync may carry: a day's work of a busy relawan.
pub const KUNJUNGAN_PER_SINKRON: usize = 500;

/// The walk list of one TPS.
#[derive(Debug, Clone)]
pub struct DaftarJalan {
    pub tps: Tps,
    /// The desa's name.
    pub desa: String,
    /// Households per RT in walking order (only `rt` when one was asked).
    pub bagian: Vec<BagianRt>,
    /// The supporters that [`posko_domain::kunjungan::Anggota::pendukung`]
    /// points into.
    pub pendukung: Vec<Pendukung>,
    /// Supporters recorded at this TPS who are not on its DPT: still to
    /// visit, at the address they gave.
    pub pendukung_lain: Vec<Pendukung>,
    /// Every RT of the TPS (for the filter), in order.
    pub semua_rt: Vec<u16>,
    /// The survey asked here (see [`Posko::survei_tps`]).
    pub survei: crate::SurveiPemilihan,
}

impl DaftarJalan {
    pub fn jumlah_pemilih(&self) -> usize {
        self.bagian.iter().map(BagianRt::jumlah_pemilih).sum()
    }

    pub fn jumlah_rumah(&self) -> usize {
        self.bagian.iter().map(|b| b.rumah.len()).sum()
    }

    pub fn rumah_dikunjungi(&self) -> usize {
        self.bagian
            .iter()
            .flat_map(|b| &b.rumah)
            .filter(|r| !r.belum_dikunjungi())
            .count()
    }
}

/// What a sync did.
#[derive(Debug, Clone, Serialize)]
pub struct HasilSinkron {
    /// Every id of the batch: stored now or before. The phone may forget
    /// these.
    pub diterima: Vec<Uuid>,
    /// How many were new.
    pub baru: usize,
    /// How many were already stored (a resend).
    pub sudah_ada: usize,
}

/// Walk lists are printed and read in western Indonesia's time.
const WIB: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(o) => o,
    Err(_) => panic!("UTC+7 is a valid offset"),
};

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

impl Posko {
    fn boleh_tps(&self, oleh: &Pengguna, tps: KodeTps) -> Result<()> {
        if diizinkan(&oleh.penugasan, Izin::KelolaPendukung, &Objek::Tps(tps)) {
            Ok(())
        } else {
            Err(AppError::Dilarang(format!(
                "TPS {tps} di luar wilayah tugas Anda: daftar jalan dan kunjungannya tidak dapat dibuka"
            )))
        }
    }

    /// The walk list of a TPS (only RT `rt` when given), if the caller
    /// manages supporters there. It names voters at their addresses, so
    /// opening it is recorded in the audit log, as printing it is.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_jalan(
        &self,
        oleh: &Pengguna,
        tps: KodeTps,
        rt: Option<u16>,
    ) -> Result<DaftarJalan> {
        let d = self.susun_jalan(oleh, tps, rt).await?;
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "kunjungan.lihat",
            "tps",
            tps.to_string(),
            match rt {
                Some(r) => format!(
                    "daftar jalan dibuka: {} pemilih, RT {r}",
                    d.jumlah_pemilih()
                ),
                None => format!("daftar jalan dibuka: {} pemilih", d.jumlah_pemilih()),
            },
            tps.to_string().as_bytes(),
        );
        self.store.catat_audit(&jejak).await?;
        Ok(d)
    }

    async fn susun_jalan(
        &self,
        oleh: &Pengguna,
        tps: KodeTps,
        rt: Option<u16>,
    ) -> Result<DaftarJalan> {
        self.boleh_tps(oleh, tps)?;
        let t = self
            .store
            .ambil_tps(tps)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("TPS {tps}")))?;
        let desa = self
            .store
            .ambil_wilayah(tps.desa())
            .await?
            .map(|w| w.nama)
            .unwrap_or_default();
        let pemilih = self.store.daftar_pemilih_tps(tps).await?;
        let mut semua_rt: Vec<u16> = pemilih.iter().filter_map(|p| p.rt).collect();
        semua_rt.sort_unstable();
        semua_rt.dedup();
        // Supporters match voters anywhere in the desa (the TPS they gave
        // may not be the one the DPT has them at), as `cocokkan_dpt` does.
        let pendukung = self
            .store
            .daftar_pendukung_di(Some(tps.desa()), 100_000)
            .await?;
        let cari: Vec<PendukungDicari<'_>> = pendukung
            .iter()
            .map(|p| PendukungDicari {
                nama: &p.nama,
                tanggal_lahir: p.tanggal_lahir,
                dukungan: p.dukungan,
            })
            .collect();
        let kunjungan: Vec<KunjunganSingkat> = self
            .store
            .daftar_kunjungan_tps(tps)
            .await?
            .into_iter()
            .map(|k| KunjunganSingkat {
                urut: k.urut,
                waktu: k.waktu,
                hasil: k.hasil,
                dukungan: k.dukungan,
            })
            .collect();
        let semua = susun_daftar_jalan(pemilih, &cari, &kunjungan, None);
        let cocok: HashSet<usize> = semua
            .iter()
            .flat_map(|b| &b.rumah)
            .flat_map(|r| &r.anggota)
            .filter_map(|a| a.pendukung)
            .collect();
        let pendukung_lain = pendukung
            .iter()
            .enumerate()
            .filter(|(i, p)| p.tps == Some(tps) && !cocok.contains(i))
            .map(|(_, p)| p.clone())
            .collect();
        let bagian = match rt {
            None => semua,
            Some(r) => semua.into_iter().filter(|b| b.rt == Some(r)).collect(),
        };
        Ok(DaftarJalan {
            tps: t,
            desa,
            bagian,
            pendukung,
            pendukung_lain,
            semua_rt,
            survei: self.survei_tps(tps).await?,
        })
    }

    /// Stores a batch of visits logged by the calling relawan. The whole
    /// batch is checked first — every TPS inside the relawan's territory,
    /// every voter on that TPS's DPT — and refused whole, naming the
    /// visit, when one is not; visits already stored are acknowledged
    /// without being stored again.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_kunjungan(
        &self,
        oleh: &Pengguna,
        data: Vec<DataKunjungan>,
    ) -> Result<HasilSinkron> {
        if data.len() > KUNJUNGAN_PER_SINKRON {
            return Err(AppError::Invalid(format!(
                "terlalu banyak kunjungan dalam satu kiriman ({}; maksimal {KUNJUNGAN_PER_SINKRON})",
                data.len()
            )));
        }
        let relawan = self.relawan_aktif(oleh).await?;
        let mut dpt: HashMap<KodeTps, HashSet<u32>> = HashMap::new();
        let mut survei: HashMap<KodeTps, Vec<PertanyaanSurvei>> = HashMap::new();
        let diterima = now();
        let mut rows = Vec::with_capacity(data.len());
        let mut lokasi = Vec::with_capacity(data.len());
        let mut ids = HashSet::new();
        for (i, d) in data.into_iter().enumerate() {
            let ke = i + 1;
            if !di_dalam(&relawan.wilayah, &Cakupan::Tps(d.tps)) {
                return Err(AppError::Dilarang(format!(
                    "kunjungan ke-{ke}: TPS {} di luar wilayah Anda ({}); tidak ada kunjungan yang disimpan",
                    d.tps, relawan.wilayah
                )));
            }
            let urut_ada = match dpt.entry(d.tps) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(
                    self.store
                        .daftar_pemilih_tps(d.tps)
                        .await?
                        .into_iter()
                        .map(|p| p.urut)
                        .collect(),
                ),
            };
            if !urut_ada.contains(&d.urut) {
                return Err(AppError::Invalid(format!(
                    "kunjungan ke-{ke}: kolom urut {}: tidak ada pemilih nomor itu di DPT TPS {}; tidak ada kunjungan yang disimpan",
                    d.urut, d.tps
                )));
            }
            // Answers against the questions of the TPS's election.
            let soal = match survei.entry(d.tps) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(self.survei_tps(d.tps).await?.pertanyaan),
            };
            let jawaban = periksa_jawaban(&d.jawaban, soal).map_err(|e| {
                AppError::Invalid(format!(
                    "kunjungan ke-{ke}: {e}; tidak ada kunjungan yang disimpan"
                ))
            })?;
            let id = Uuid::parse_str(&d.id).map_err(|_| {
                AppError::Invalid(format!("kunjungan ke-{ke}: kolom id: bukan UUID"))
            })?;
            if !ids.insert(id) {
                return Err(AppError::Invalid(format!(
                    "kunjungan ke-{ke}: kolom id {id} muncul dua kali dalam satu kiriman"
                )));
            }
            lokasi.push(d.lokasi);
            rows.push(Kunjungan {
                id,
                relawan_id: relawan.id,
                tps: d.tps,
                urut: d.urut,
                hasil: d.hasil,
                dukungan: d.dukungan,
                jawaban,
                catatan: d.catatan,
                waktu: d.waktu,
                diterima,
            });
        }
        if rows.is_empty() {
            return Ok(HasilSinkron {
                diterima: Vec::new(),
                baru: 0,
                sudah_ada: 0,
            });
        }
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "kunjungan.sinkron",
            "relawan",
            relawan.id.to_string(),
            format!("{} kunjungan dikirim relawan {}", rows.len(), relawan.id),
            &rows
                .iter()
                .flat_map(|k| *k.id.as_bytes())
                .collect::<Vec<_>>(),
        );
        let baru = self.store.simpan_kunjungan(&rows, &jejak).await?;
        // The relawan's days this sync touches, re-checked with what it
        // carried (coordinates of the new visits only, never stored; a
        // resend re-checks, so a check that failed once is made again).
        let titik: Vec<(i64, Option<posko_domain::mutu_lapangan::Lokasi>)> = rows
            .iter()
            .zip(&lokasi)
            .map(|(k, l)| (k.waktu, l.filter(|_| baru.contains(&k.id))))
            .collect();
        for (hari, sinyal) in Self::sinyal_kunjungan(&titik) {
            self.periksa_batch_lapangan(relawan.id, hari, &sinyal)
                .await?;
        }
        Ok(HasilSinkron {
            baru: baru.len(),
            sudah_ada: rows.len() - baru.len(),
            diterima: rows.into_iter().map(|k| k.id).collect(),
        })
    }

    /// The walk list as a printable A4 PDF. Printing voters' names and
    /// addresses is recorded in the audit log.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_jalan_pdf(
        &self,
        oleh: &Pengguna,
        tps: KodeTps,
        rt: Option<u16>,
    ) -> Result<Vec<u8>> {
        let d = self.susun_jalan(oleh, tps, rt).await?;
        let sekarang = OffsetDateTime::now_utc().to_offset(WIB);
        let dibuat = format!(
            "{:02}-{:02}-{} {:02}.{:02} WIB",
            sekarang.day(),
            u8::from(sekarang.month()),
            sekarang.year(),
            sekarang.hour(),
            sekarang.minute()
        );
        let doc = pdf_daftar_jalan(
            &d,
            sekarang.date(),
            rt,
            dibuat,
            format!("{} ({})", oleh.nama, oleh.username),
        );
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "kunjungan.cetak",
            "tps",
            tps.to_string(),
            format!("daftar jalan dicetak: {} pemilih", d.jumlah_pemilih()),
            tps.to_string().as_bytes(),
        );
        self.store.catat_audit(&jejak).await?;
        Ok(posko_pdf::daftar_jalan(&doc))
    }
}

fn tanggal_pendek(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| {
            let t = t.to_offset(WIB);
            format!("{:02}-{:02}", t.day(), u8::from(t.month()))
        })
        .unwrap_or_default()
}

/// Whole years from `lahir` to `hari_ini`.
fn usia(lahir: Date, hari_ini: Date) -> i32 {
    let mut u = hari_ini.year() - lahir.year();
    if (u8::from(hari_ini.month()), hari_ini.day()) < (u8::from(lahir.month()), lahir.day()) {
        u -= 1;
    }
    u
}

/// What the printed list shows of a walk list.
fn pdf_daftar_jalan(
    d: &DaftarJalan,
    hari_ini: Date,
    rt: Option<u16>,
    dibuat: String,
    dibuat_oleh: String,
) -> posko_pdf::DaftarJalan {
    let tps = d.tps.kode;
    let mut judul = format!("Daftar jalan TPS {} · {}", tps.nomor(), d.desa);
    if let Some(r) = rt {
        judul.push_str(&format!(" · RT {r:03}"));
    }
    posko_pdf::DaftarJalan {
        judul,
        wilayah: format!("{} ({}), TPS {}", d.desa, tps.desa(), tps.nomor()),
        dibuat,
        dibuat_oleh,
        hasil: HasilKunjungan::ALL
            .iter()
            .map(|h| h.label().to_string())
            .collect(),
        survei: d
            .survei
            .aktif()
            .map(|q| {
                let pilihan: Vec<&str> = q.pilihan.iter().map(|p| p.label.as_str()).collect();
                format!("{}: {}", q.teks, pilihan.join(" / "))
            })
            .collect(),
        rt: d
            .bagian
            .iter()
            .map(|b| posko_pdf::RtJalan {
                judul: b.label(),
                rumah: b
                    .rumah
                    .iter()
                    .map(|r| posko_pdf::RumahJalan {
                        alamat: if r.alamat.is_empty() {
                            "(alamat tidak tercatat)".into()
                        } else {
                            r.alamat.clone()
                        },
                        warga: r
                            .anggota
                            .iter()
                            .map(|a| {
                                let p = &a.pemilih;
                                let mut status = Vec::new();
                                if let Some(i) = a.pendukung {
                                    status.push(format!("pendukung {}", d.pendukung[i].dukungan));
                                }
                                if let Some(k) = a.terakhir {
                                    status.push(format!(
                                        "{} {}",
                                        k.hasil.label(),
                                        tanggal_pendek(k.waktu)
                                    ));
                                }
                                posko_pdf::WargaJalan {
                                    urut: p.urut,
                                    nama: p.nama.clone(),
                                    jenis_kelamin: match p.jenis_kelamin {
                                        JenisKelamin::Laki => "L".into(),
                                        JenisKelamin::Perempuan => "P".into(),
                                    },
                                    usia: p
                                        .usia
                                        .map(i32::from)
                                        .or_else(|| p.tanggal_lahir.map(|l| usia(l, hari_ini)))
                                        .map(|u| u.to_string())
                                        .unwrap_or_default(),
                                    status: status.join("; "),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}
