//! The demo's field room, events and survey: a week of campaign events
//! in the coordinators' areas (kinds, times in each place's zone, one
//! called off), the consented supporters of each event's desa invited,
//! some answering by their link and some checked in at the door; and one
//! electability survey drawn from the demo's DPT with seed 2029, its
//! relawan interviewing in their own kecamatan (some not found, some
//! refusing), so the weighted results, margins and "n too small" show.
//! Every name is invented; the answers are drawn, not anyone's.

use std::collections::BTreeMap;
use std::sync::Arc;

use posko_domain::KodeWilayah;
use posko_domain::lapangan::JenisAcara;
use posko_storage::{JenisLapangan, Pengguna};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::macros::{date, datetime, time};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::lapangan::acara::{AcaraBaru, Kedatangan, Rsvp};
use crate::lapangan::survei::{HasilWawancara, KODE_PILIHAN, Wawancara};
use crate::{Posko, Result};

/// The week the demo's events fall in (within its campaign period).
const MINGGU: time::Date = date!(2029 - 10 - 08);
/// The survey's published seed.
pub(crate) const BENIH_SURVEI: u64 = 2029;

/// `posko` with its clock at `t` (what the phones at the door and the
/// interviewers' phones would have said).
fn pada(posko: &Posko, t: OffsetDateTime) -> Posko {
    posko.clone().with_jam(Arc::new(move || t))
}

async fn akun(posko: &Posko, username: &str) -> Result<Option<Pengguna>> {
    Ok(posko.store().cari_login(username).await?.map(|(p, _)| p))
}

/// Builds the events and the survey as `manajer`; returns (events,
/// interviews).
pub(crate) async fn bangun(
    posko: &Posko,
    manajer: &Pengguna,
    pemilihan_id: Uuid,
    seed: u64,
) -> Result<(usize, usize)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x4143_4152);
    let jenis = [
        (JenisAcara::TatapMuka, "Tatap muka warga", time!(19:30)),
        (
            JenisAcara::PintuKePintu,
            "Hari pintu ke pintu",
            time!(08:00),
        ),
        (
            JenisAcara::PertemuanTerbatas,
            "Dialog tokoh masyarakat",
            time!(15:00),
        ),
        (JenisAcara::KampanyeAkbar, "Kampanye akbar", time!(09:00)),
    ];
    let mut acara = 0;
    for i in 1..=6 {
        let (Some(koord), Some(relawan)) = (
            akun(posko, &format!("koord{i}")).await?,
            akun(posko, &format!("relawan{i}1")).await?,
        ) else {
            continue;
        };
        // The desa of the relawan's first TPS: where their supporters are.
        let Some(kec) = relawan.penugasan.iter().find_map(|t| match t.cakupan {
            posko_domain::Cakupan::Wilayah(w) => Some(w),
            _ => None,
        }) else {
            continue;
        };
        let Some(tps) = posko
            .store()
            .daftar_tps_di(kec, None, 1)
            .await?
            .into_iter()
            .next()
        else {
            continue;
        };
        let desa = tps.kode.desa();
        let (j, judul, jam) = jenis[(i - 1) % jenis.len()];
        let tanggal = MINGGU + Duration::days(i as i64 - 1);
        let nama_desa = posko
            .nama_wilayah_banyak(&[desa])
            .await?
            .remove(&desa)
            .unwrap_or_default();
        let id = posko
            .buat_acara(
                &koord,
                pemilihan_id,
                AcaraBaru {
                    jenis: j,
                    judul: format!("{judul} {}", titlecase(&nama_desa)),
                    desa,
                    alamat: format!("Balai warga RW {:02}", rng.random_range(1..12)),
                    lokasi: tps.lokasi,
                    tanggal,
                    jam,
                    penanggung_jawab: koord.id,
                    perkiraan_hadir: rng.random_range(40..200),
                },
            )
            .await?;
        acara += 1;
        if i == 6 {
            posko
                .batalkan_acara(&koord, pemilihan_id, id, "bentrok dengan jadwal debat KPU")
                .await?;
            continue;
        }
        posko.undang_pendukung(&koord, pemilihan_id, id).await?;
        let r = posko
            .ruang_lapangan(manajer, pemilihan_id, &[JenisLapangan::Undangan])
            .await?;
        let undangan: Vec<_> = r.undangan_di(id).into_iter().cloned().collect();
        // Half answer by their link; most who say yes come, a few walk in.
        let mulai = tanggal
            .with_time(jam)
            .assume_offset(posko_domain::ZonaWaktu::dari_wilayah(&desa).offset());
        let pintu = pada(posko, mulai + Duration::hours(2));
        for u in &undangan {
            if rng.random_range(0..2) == 0 {
                continue;
            }
            let ya = rng.random_range(0..4) > 0;
            posko
                .jawab_undangan(
                    pemilihan_id,
                    u.id,
                    &u.isi.kode,
                    if ya { Rsvp::Hadir } else { Rsvp::TidakHadir },
                )
                .await?;
            if ya && rng.random_range(0..5) > 0 {
                pintu
                    .catat_hadir(
                        &relawan,
                        pemilihan_id,
                        id,
                        Kedatangan {
                            kode: Some(u.isi.kode.clone()),
                            nama: None,
                            waktu: (mulai + Duration::minutes(rng.random_range(0..45)))
                                .unix_timestamp(),
                        },
                    )
                    .await?;
            }
        }
        for t in 0..rng.random_range(2..6) {
            pintu
                .catat_hadir(
                    &relawan,
                    pemilihan_id,
                    id,
                    Kedatangan {
                        kode: None,
                        nama: Some(format!("Tamu {} {}", titlecase(&nama_desa), t + 1)),
                        waktu: (mulai + Duration::minutes(rng.random_range(0..45)))
                            .unix_timestamp(),
                    },
                )
                .await?;
        }
    }
    let wawancara = survei(posko, manajer, pemilihan_id, &mut rng).await?;
    Ok((acara, wawancara))
}

/// One survey of 300 drawn from the demo's DPT, interviewed by the
/// relawan of each kecamatan (the manager takes the areas without one).
async fn survei(
    posko: &Posko,
    manajer: &Pengguna,
    pemilihan_id: Uuid,
    rng: &mut ChaCha8Rng,
) -> Result<usize> {
    let sid = posko
        .buat_survei(
            manajer,
            pemilihan_id,
            "Survei elektabilitas Oktober (demo)",
            300,
            true,
        )
        .await?;
    posko
        .tarik_sampel_survei(manajer, pemilihan_id, sid, BENIH_SURVEI)
        .await?;
    // (the area given, the interviewer): a relawan's area is a
    // kecamatan on the real data and a desa in the synthetic kabupaten.
    let mut pewawancara: Vec<(KodeWilayah, Pengguna)> = Vec::new();
    for i in 1..=6 {
        for j in 1..=2 {
            if let Some(r) = akun(posko, &format!("relawan{i}{j}")).await?
                && let Some(w) = r.penugasan.iter().find_map(|t| match t.cakupan {
                    posko_domain::Cakupan::Wilayah(w) => Some(w),
                    _ => None,
                })
            {
                posko
                    .atur_pewawancara(manajer, pemilihan_id, sid, w, r.id)
                    .await?;
                pewawancara.push((w, r));
            }
        }
    }
    let (s, _) = posko.hasil_survei(manajer, pemilihan_id, sid).await?;
    let Some(t) = s.isi.tarikan.clone() else {
        return Ok(0);
    };
    let lapangan = pada(posko, datetime!(2029-10-20 12:00 UTC));
    let mut n = 0;
    for x in &t.sampel {
        let oleh = pewawancara
            .iter()
            .find(|(w, _)| w.mencakup(&x.tps.desa()))
            .map_or(manajer, |(_, r)| r);
        // Young people are found less often; a few refuse.
        let hasil = match rng.random_range(0..100) {
            r if r < 8 + 3 * (4 - u32::from(x.umur)) => HasilWawancara::TidakDitemui,
            r if r >= 95 => HasilWawancara::Menolak,
            _ => HasilWawancara::Selesai,
        };
        let mut jawaban = BTreeMap::new();
        if hasil == HasilWawancara::Selesai {
            // Pair 1 leans older and male, pair 2 younger and female.
            let p1 = 0.30 + 0.04 * f64::from(x.umur) - 0.06 * f64::from(x.jk);
            let p2 = 0.25 + 0.05 * f64::from(x.jk) + 0.02 * f64::from(4 - x.umur);
            let u: f64 = rng.random();
            let pilihan = if u < p1 {
                "paslon-1"
            } else if u < p1 + p2 {
                "paslon-2"
            } else if u < p1 + p2 + 0.15 {
                "paslon-3"
            } else if u < p1 + p2 + 0.27 {
                "belum-memutuskan"
            } else {
                "rahasia"
            };
            jawaban.insert(KODE_PILIHAN.to_string(), pilihan.to_string());
            for q in s.isi.aktif().filter(|q| q.kode != KODE_PILIHAN) {
                let o = &q.pilihan[rng.random_range(0..q.pilihan.len())];
                jawaban.insert(q.kode.clone(), o.kode.clone());
            }
        }
        lapangan
            .catat_wawancara(
                oleh,
                pemilihan_id,
                sid,
                Wawancara {
                    survei: sid,
                    tps: x.tps,
                    urut: x.urut,
                    hasil,
                    jawaban,
                    pewawancara: oleh.id,
                    waktu: datetime!(2029-10-20 03:00 UTC).unix_timestamp()
                        + rng.random_range(0..28_800),
                },
            )
            .await?;
        n += 1;
    }
    Ok(n)
}

/// "SUKARASA" → "Sukarasa" for titles.
fn titlecase(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
