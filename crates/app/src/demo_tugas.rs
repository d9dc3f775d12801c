//! The demo's tasks in progress: the manager asks each coordinator for a
//! count, each coordinator asks every relawan below them for a photo of
//! their posko and their first relawan to confirm the event; some done
//! with proof, some still open. Sent and answered on the phones' own
//! days in the campaign's second week.

use std::sync::Arc;

use posko_domain::Cakupan;
use posko_domain::lapangan::{Bukti, JenisBukti};
use posko_storage::Pengguna;
use time::macros::{date, datetime};
use uuid::Uuid;

use crate::lapangan::tugas::{BuktiKiriman, Kepada, TugasBaru};
use crate::{Posko, Result};

async fn akun(posko: &Posko, username: &str) -> Result<Option<Pengguna>> {
    Ok(posko.store().cari_login(username).await?.map(|(p, _)| p))
}

fn wilayah_dari(p: &Pengguna) -> Option<posko_domain::KodeWilayah> {
    p.penugasan.iter().find_map(|t| match t.cakupan {
        Cakupan::Wilayah(w) => Some(w),
        _ => None,
    })
}

/// Sends and answers the tasks as `manajer`; returns the tasks sent.
pub(crate) async fn bangun(posko: &Posko, manajer: &Pengguna, pemilihan_id: Uuid) -> Result<usize> {
    let kirim = posko
        .clone()
        .with_jam(Arc::new(|| datetime!(2029-10-05 02:00 UTC)));
    let jawab = posko
        .clone()
        .with_jam(Arc::new(|| datetime!(2029-10-07 09:00 UTC)));
    let mut n = 0;
    for i in 1..=6 {
        let Some(koord) = akun(posko, &format!("koord{i}")).await? else {
            continue;
        };
        let Some(w) = wilayah_dari(&koord) else {
            continue;
        };
        let hitung = kirim
            .kirim_tugas(
                manajer,
                pemilihan_id,
                TugasBaru {
                    judul: "Laporkan jumlah spanduk terpasang".into(),
                    uraian: "Hitung spanduk yang sudah berdiri di wilayah Anda.".into(),
                    wilayah: w,
                    kepada: Kepada::Orang(koord.id),
                    batas: date!(2029 - 10 - 15),
                    bukti: JenisBukti::Angka,
                },
            )
            .await?;
        let foto = kirim
            .kirim_tugas(
                &koord,
                pemilihan_id,
                TugasBaru {
                    judul: "Foto posko relawan".into(),
                    uraian:
                        "Foto posko atau rumah relawan yang dipakai sebagai posko, tampak depan."
                            .into(),
                    wilayah: w,
                    kepada: Kepada::BawahanDari(koord.id),
                    batas: date!(2029 - 10 - 12),
                    bukti: JenisBukti::Foto,
                },
            )
            .await?;
        n += 2;
        if i % 2 == 1 {
            jawab
                .selesaikan_tugas(
                    &koord,
                    pemilihan_id,
                    hitung,
                    BuktiKiriman::Nilai(Bukti::Angka(8 + i as u64)),
                    None,
                )
                .await?;
        }
        if let Some(r) = akun(posko, &format!("relawan{i}1")).await? {
            jawab
                .selesaikan_tugas(
                    &r,
                    pemilihan_id,
                    foto,
                    BuktiKiriman::Foto {
                        nama: format!("posko-{i}.jpg"),
                        bytes: crate::demo_apk::foto(100 + i)?,
                    },
                    None,
                )
                .await?;
        }
    }
    Ok(n)
}
