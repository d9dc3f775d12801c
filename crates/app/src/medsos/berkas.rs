//! The room's files: the list of official accounts for the KPU's
//! registration form (Lampiran IX of PKPU 13/2024: platform, account
//! name, address, with copies to Bawaslu and the police), and the monthly
//! access review (who could reach which account at the month's end, what
//! changed in it, which rotations are still open). Both name team
//! members, so each download is logged with the file's hash.

use std::collections::BTreeSet;

use posko_domain::Izin;
use posko_domain::medsos::JenisAkses;
use posko_storage::{JenisMedsos, Pengguna};
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};
use uuid::Uuid;

use super::{AkunMedsos, RuangMedsos, Tersimpan, tolak};
use crate::{Aktor, Posko, Result};

/// A file to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BerkasMedsos {
    pub nama: String,
    pub isi: Vec<u8>,
}

/// One account as the KPU's form lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarisKpu {
    pub platform: String,
    /// `@handle`.
    pub nama: String,
    pub url: String,
    pub tujuan: String,
    pub penanggung_jawab: String,
    /// The registration, when recorded: `2029-09-20 (123/PL.02-SD/...)`.
    pub pendaftaran: String,
    /// The first day it is off.
    pub nonaktif: Date,
}

/// One member's access to one account at a month's end, or one access
/// taken away during the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarisAkses {
    pub akun: String,
    pub anggota: String,
    /// `pengelola` or `pemulihan`; empty for an access taken away.
    pub akses: &'static str,
    /// `tetap`, `ditambahkan`, `diubah` or `dicabut` over the month.
    pub perubahan: &'static str,
    pub dua_langkah: bool,
    /// The member's Posko account is still active.
    pub anggota_aktif: bool,
    /// Rotations of this account still open at the month's end.
    pub rotasi_terbuka: usize,
}

/// The access review of one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TinjauanAkses {
    pub tahun: i32,
    pub bulan: Month,
    pub baris: Vec<BarisAkses>,
}

fn wib() -> UtcOffset {
    UtcOffset::from_hms(7, 0, 0).expect("valid offset")
}

/// The unix second a WIB day starts.
fn awal_hari(d: Date) -> i64 {
    d.with_time(Time::MIDNIGHT)
        .assume_offset(wib())
        .unix_timestamp()
}

fn versi_pada<T>(riwayat: &[Tersimpan<T>], sebelum: i64) -> Option<&Tersimpan<T>> {
    riwayat.iter().rev().find(|v| v.waktu < sebelum)
}

impl Posko {
    /// The registered, not retired accounts for the KPU's form, in the
    /// registry's order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn formulir_kpu_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<(RuangMedsos, Vec<BarisKpu>)> {
        let r = self.ruang_medsos(oleh, pemilihan_id).await?;
        let baris = r
            .akun
            .iter()
            .filter(|a| !a.isi.pensiun)
            .map(|a| BarisKpu {
                platform: a.isi.platform.label().to_string(),
                nama: format!("@{}", a.isi.nama),
                url: a.isi.url.clone(),
                tujuan: a.isi.tujuan.clone(),
                penanggung_jawab: r.nama(a.isi.penanggung_jawab),
                pendaftaran: match (a.isi.kpu_tanggal, a.isi.kpu_nomor.as_str()) {
                    (Some(t), "") => t.to_string(),
                    (Some(t), n) => format!("{t} ({n})"),
                    (None, n) => n.to_string(),
                },
                nonaktif: a.isi.nonaktif_berlaku(&r),
            })
            .collect();
        Ok((r, baris))
    }

    /// Who could reach which account at the end of `bulan` of `tahun`
    /// (WIB), what changed during it, and the rotations open then.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tinjauan_akses_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tahun: i32,
        bulan: Month,
    ) -> Result<(RuangMedsos, TinjauanAkses)> {
        let r = self.ruang_medsos(oleh, pemilihan_id).await?;
        let awal = Date::from_calendar_date(tahun, bulan, 1)
            .map_err(|_| tolak(format!("bulan {tahun}-{:02} tidak sah", bulan as u8)))?;
        let akhir = Date::from_calendar_date(
            if bulan == Month::December {
                tahun + 1
            } else {
                tahun
            },
            bulan.next(),
            1,
        )
        .map_err(|_| tolak("bulan tidak sah"))?;
        let (t_awal, t_akhir) = (awal_hari(awal), awal_hari(akhir));
        let aktif: BTreeSet<Uuid> = self
            .store
            .daftar_pengguna()
            .await?
            .into_iter()
            .filter(|p| p.aktif)
            .map(|p| p.id)
            .collect();
        let mut baris = Vec::new();
        for a in &r.akun {
            let riwayat: Vec<Tersimpan<AkunMedsos>> = self
                .riwayat_medsos(oleh, pemilihan_id, a.id, JenisMedsos::Akun)
                .await?;
            let Some(pada_akhir) = versi_pada(&riwayat, t_akhir) else {
                continue;
            };
            let pada_awal = versi_pada(&riwayat, t_awal);
            let rotasi_terbuka = r
                .rotasi
                .iter()
                .filter(|t| t.isi.akun == a.id && t.waktu < t_akhir)
                .filter(|t| {
                    let selesai =
                        |s: Option<super::akun::Selesai>| s.is_some_and(|s| s.waktu < t_akhir);
                    (t.isi.ganti_sandi && !selesai(t.isi.sandi_selesai))
                        || (t.isi.ganti_pemulihan && !selesai(t.isi.pemulihan_selesai))
                })
                .count();
            let label = pada_akhir.isi.label();
            for p in &pada_akhir.isi.pemegang {
                let dulu =
                    pada_awal.and_then(|v| v.isi.pemegang.iter().find(|q| q.anggota == p.anggota));
                baris.push(BarisAkses {
                    akun: label.clone(),
                    anggota: r.nama(p.anggota),
                    akses: match p.jenis {
                        JenisAkses::Pengelola => "pengelola",
                        JenisAkses::Pemulihan => "pemulihan",
                    },
                    perubahan: match dulu {
                        None => "ditambahkan",
                        Some(q) if q.jenis != p.jenis => "diubah",
                        Some(_) => "tetap",
                    },
                    dua_langkah: pada_akhir.isi.dua_langkah,
                    anggota_aktif: aktif.contains(&p.anggota),
                    rotasi_terbuka,
                });
            }
            // Access held at some point in the month and gone at its end.
            let mut pernah: BTreeSet<Uuid> = BTreeSet::new();
            for v in riwayat
                .iter()
                .filter(|v| v.waktu < t_akhir && v.waktu >= t_awal)
                .chain(pada_awal)
            {
                pernah.extend(v.isi.pemegang.iter().map(|p| p.anggota));
            }
            for orang in pernah {
                if pada_akhir.isi.pemegang.iter().all(|p| p.anggota != orang) {
                    baris.push(BarisAkses {
                        akun: label.clone(),
                        anggota: r.nama(orang),
                        akses: "",
                        perubahan: "dicabut",
                        dua_langkah: pada_akhir.isi.dua_langkah,
                        anggota_aktif: aktif.contains(&orang),
                        rotasi_terbuka,
                    });
                }
            }
        }
        Ok((
            r,
            TinjauanAkses {
                tahun,
                bulan,
                baris,
            },
        ))
    }

    /// Logs a download of the room's files (they name team members), with
    /// the file's hash, before it is handed out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_unduh_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        nama_berkas: &str,
        baris: usize,
        isi: &[u8],
    ) -> Result<()> {
        self.pemilihan_medsos(oleh, pemilihan_id, Izin::LihatMedsos)
            .await?;
        let jejak = posko_domain::Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "ekspor.medsos",
            "pemilihan",
            pemilihan_id.to_string(),
            format!(
                "{nama_berkas} ({baris} baris) diunduh oleh {} ({}) pada {}",
                oleh.nama,
                oleh.username,
                OffsetDateTime::now_utc().to_offset(wib()).date()
            ),
            isi,
        );
        self.store.catat_audit(&jejak).await?;
        Ok(())
    }
}
