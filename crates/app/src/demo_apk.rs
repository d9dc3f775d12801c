//! The demo's campaign materials: the manager receives the campaign's
//! stock, hands it to each coordinator, who hands some to their first
//! relawan; a baliho quota on that relawan's kecamatan (as the region's
//! KPU would set it); and the relawan put some up during the campaign,
//! each with a photo, time and GPS from their phone. Every name is
//! invented; the photos are drawn, not taken.

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};
use posko_domain::lapangan::{JenisApk, JenisTempat};
use posko_domain::{Cakupan, Tingkat};
use posko_storage::Pengguna;
use time::Duration;
use time::macros::datetime;
use uuid::Uuid;

use crate::lapangan::KuotaApk;
use crate::lapangan::apk::{PasangBaru, SerahBaru, TerimaBaru};
use crate::{AppError, Posko, Result};

/// A small picture of a banner on a post: its colours vary with `n`, so
/// no two installations share a photo.
pub(crate) fn foto(n: u32) -> Result<Vec<u8>> {
    let warna = Rgb([(40 + n * 37 % 200) as u8, (90 + n * 53 % 150) as u8, 200]);
    let img = RgbImage::from_fn(320, 200, |x, y| {
        if (40..280).contains(&x) && (30..120).contains(&y) {
            warna
        } else if (150..170).contains(&x) && y >= 120 {
            Rgb([90, 70, 50])
        } else {
            Rgb([170, 200, 230])
        }
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
        .map_err(|e| AppError::internal("foto demo", e))?;
    Ok(out)
}

async fn akun(posko: &Posko, username: &str) -> Result<Option<Pengguna>> {
    Ok(posko.store().cari_login(username).await?.map(|(p, _)| p))
}

/// Builds the stock, hand-overs, a quota and installations as `manajer`;
/// returns the installations made.
pub(crate) async fn bangun(posko: &Posko, manajer: &Pengguna, pemilihan_id: Uuid) -> Result<usize> {
    let mut barang = Vec::new();
    for (jenis, nama, nilai, jumlah) in [
        (JenisApk::Baliho, "Baliho 3 × 4 m paslon", 850_000, 120),
        (JenisApk::Spanduk, "Spanduk 1 × 5 m program", 150_000, 600),
        (JenisApk::UmbulUmbul, "Umbul-umbul nomor urut", 60_000, 900),
        (JenisApk::Selebaran, "Selebaran visi-misi", 400, 20_000),
    ] {
        let id = posko
            .terima_apk(
                manajer,
                pemilihan_id,
                TerimaBaru {
                    barang: None,
                    jenis,
                    nama: nama.into(),
                    nilai_satuan: nilai,
                    jumlah,
                },
            )
            .await?;
        barang.push((jenis, id));
    }
    // Installed during the campaign's second week, as the phones said.
    let lapangan = posko
        .clone()
        .with_jam(std::sync::Arc::new(|| datetime!(2029-10-10 09:00 UTC)));
    let mut n = 0;
    for i in 1..=6 {
        let (Some(koord), Some(relawan)) = (
            akun(posko, &format!("koord{i}")).await?,
            akun(posko, &format!("relawan{i}1")).await?,
        ) else {
            continue;
        };
        for (j, (_, id)) in barang.iter().enumerate() {
            let jumlah = [12, 60, 90, 2_000][j];
            posko
                .serahkan_apk(
                    manajer,
                    pemilihan_id,
                    SerahBaru {
                        barang: *id,
                        jumlah,
                        kepada: koord.id,
                    },
                )
                .await?;
            posko
                .serahkan_apk(
                    &koord,
                    pemilihan_id,
                    SerahBaru {
                        barang: *id,
                        jumlah: jumlah / 3,
                        kepada: relawan.id,
                    },
                )
                .await?;
        }
        let Some(kec) = relawan.penugasan.iter().find_map(|t| match t.cakupan {
            Cakupan::Wilayah(w) => Some(w),
            _ => None,
        }) else {
            continue;
        };
        posko
            .atur_kuota_apk(
                manajer,
                pemilihan_id,
                KuotaApk {
                    wilayah: kec.at(Tingkat::Kecamatan),
                    jenis: JenisApk::Baliho,
                    jumlah: 3,
                },
            )
            .await?;
        let Some(tps) = posko
            .store()
            .daftar_tps_di(kec, None, 1)
            .await?
            .into_iter()
            .next()
        else {
            continue;
        };
        let (lat, lng) = tps.lokasi.unwrap_or((-6.2, 106.82));
        // Two baliho (of the quota's three) and a spanduk on each street.
        let pasang = [
            (0, JenisTempat::Umum, "Simpang jalan utama"),
            (
                0,
                JenisTempat::Pribadi,
                "Pagar rumah warga, dengan izin pemilik",
            ),
            (1, JenisTempat::Umum, "Depan pos ronda"),
        ];
        for (k, (b, tempat, ket)) in pasang.into_iter().enumerate() {
            n += 1;
            lapangan
                .pasang_apk(
                    &relawan,
                    pemilihan_id,
                    PasangBaru {
                        kunci_klien: format!("demo-apk-{i}-{k}"),
                        barang: barang[b].1,
                        desa: tps.kode.desa(),
                        tempat,
                        keterangan: ket.into(),
                        foto: Some((format!("apk-{i}-{k}.jpg"), foto(n as u32)?)),
                        lokasi: Some((lat + 0.001 * k as f64, lng + 0.0008 * k as f64)),
                        waktu: Some(
                            (datetime!(2029-10-10 02:00 UTC) + Duration::minutes(25 * k as i64))
                                .unix_timestamp(),
                        ),
                    },
                )
                .await?;
        }
    }
    Ok(n)
}
