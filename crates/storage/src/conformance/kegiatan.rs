//! Conformance: what relawan did, counted — supporters recorded and visits
//! logged per relawan, per day and per desa — for the leaderboard and the
//! activity view.

use posko_domain::{Cakupan, KodeTps, TingkatRelawan};
use time::macros::date;
use uuid::Uuid;

use super::{DynStore, jejak, k, kunjungan, muat_contoh, seeded};
use crate::{KegiatanDesa, Pendukung, Relawan};

pub(super) async fn relawan_di(store: &DynStore, nama: &str, wilayah: &str) -> Relawan {
    let wilayah = Cakupan::parse(wilayah).unwrap();
    let r = Relawan {
        id: Uuid::now_v7(),
        pengguna_id: None,
        nama: nama.into(),
        tingkat: TingkatRelawan::dari(&wilayah).unwrap(),
        wilayah,
        perekrut: None,
        aktif: true,
        dibuat: 1_700_000_000,
    };
    store
        .simpan_relawan(&r, None, None, 1_700_000_000, &jejak())
        .await
        .unwrap();
    r
}

pub(super) fn pendukung(relawan: Uuid, nama: &str, tps: &str, dibuat: i64) -> Pendukung {
    let tps = KodeTps::parse(tps).unwrap();
    Pendukung {
        id: Uuid::now_v7(),
        relawan_id: relawan,
        nama: nama.into(),
        nik: None,
        telepon: None,
        alamat: "Jl. Mawar 1".into(),
        desa: tps.desa(),
        tps: Some(tps),
        tanggal_lahir: Some(date!(1980 - 01 - 01)),
        dukungan: posko_domain::TingkatDukungan::Kuat,
        sumber: "uji".into(),
        keperluan: vec![posko_domain::Keperluan::KontakKampanye],
        disetujui: dibuat,
        simpan_sampai: date!(2030 - 01 - 01),
        dibuat,
        mutu: Default::default(),
    }
}

/// 2026-06-01 00:30 WIB, as unix seconds (2026-05-31 17:30 UTC).
const HARI_1: i64 = 1_780_248_600;
const HARI: i64 = 86_400;

pub async fn visits_are_counted_per_relawan_day_and_desa(store: DynStore) {
    seeded(&store).await;
    muat_contoh(&store).await;
    let rina = relawan_di(&store, "Rina", "32.73.01").await;
    let budi = relawan_di(&store, "Budi", "32.73.02.1001").await;
    let diam = relawan_di(&store, "Diam", "32.73.01.1002").await;
    // Rina: 3 visits over two WIB days (the first just after midnight WIB,
    // still the previous day in UTC), 2 supporters. Budi: 1 visit, no
    // supporters.
    let rows = vec![
        kunjungan(rina.id, "32.73.01.1001-001", 1, HARI_1),
        kunjungan(rina.id, "32.73.01.1001-001", 2, HARI_1 + 3_600),
        kunjungan(rina.id, "32.73.01.1001-002", 1, HARI_1 + HARI),
        kunjungan(budi.id, "32.73.02.1001-001", 1, HARI_1 + HARI),
    ];
    store.simpan_kunjungan(&rows, &jejak()).await.unwrap();
    for (i, nama) in ["Ani", "Beni"].into_iter().enumerate() {
        let p = pendukung(rina.id, nama, "32.73.01.1001-002", HARI_1 + i as i64);
        assert_eq!(
            store
                .simpan_pendukung(&p, &[], &[], &[], &jejak())
                .await
                .unwrap(),
            None
        );
    }

    let mut per = store.hitung_kunjungan_relawan(None).await.unwrap();
    per.sort_by_key(|(_, n)| *n);
    assert_eq!(per, vec![(budi.id, 1), (rina.id, 3)]);
    // By the relawan's territory: Budi works outside Sukasari.
    assert_eq!(
        store
            .hitung_kunjungan_relawan(Some(k("32.73.01")))
            .await
            .unwrap(),
        vec![(rina.id, 3)]
    );
    assert!(
        store
            .hitung_kunjungan_relawan(Some(k("31")))
            .await
            .unwrap()
            .is_empty()
    );

    let hari_1 = (HARI_1 + 7 * 3_600) / HARI;
    assert_eq!(
        store.hitung_aktivitas_kunjungan(&[rina.id]).await.unwrap(),
        vec![(hari_1, 2), (hari_1 + 1, 1)]
    );
    assert_eq!(
        store
            .hitung_aktivitas_kunjungan(&[rina.id, budi.id, diam.id])
            .await
            .unwrap(),
        vec![(hari_1, 2), (hari_1 + 1, 2)]
    );
    assert!(
        store
            .hitung_aktivitas_kunjungan(&[diam.id])
            .await
            .unwrap()
            .is_empty()
    );

    let desa = |kode: &str, pendukung: u64, kunjungan: u64| KegiatanDesa {
        desa: k(kode),
        pendukung,
        kunjungan,
    };
    assert_eq!(
        store.hitung_kegiatan_per_desa(k("32.73")).await.unwrap(),
        vec![desa("32.73.01.1001", 2, 3), desa("32.73.02.1001", 0, 1)]
    );
    assert_eq!(
        store.hitung_kegiatan_per_desa(k("32.73.02")).await.unwrap(),
        vec![desa("32.73.02.1001", 0, 1)]
    );
    assert!(
        store
            .hitung_kegiatan_per_desa(k("32.73.01.1002"))
            .await
            .unwrap()
            .is_empty()
    );
}
