//! Conformance: election-day results past the submission — verifiers'
//! readings, a result's status, results by area, the official count, and
//! check-ins and incidents.

use uuid::Uuid;

use super::{DynStore, jejak, k, kiriman, pemilihan, sample_tps, seeded};
use crate::{Angka, Bacaan, Checkin, Insiden, Kirim, StatusHasil, StoreError};

fn bacaan(h: &crate::KirimanHasil, verifier: u128, suara: &[u64]) -> Bacaan {
    Bacaan {
        id: Uuid::now_v7(),
        kiriman_id: h.id,
        pemilihan_id: h.pemilihan_id,
        tps: h.tps,
        verifier_id: Uuid::from_u128(verifier),
        verifier: format!("verifikator-{verifier}"),
        waktu: 5_000,
        angka: Angka {
            suara: suara.to_vec(),
            sah: suara.iter().sum(),
            tidak_sah: 7,
        },
        putusan: false,
        kode_dari: None,
        peramban: None,
    }
}

/// Readings are stored once per verifier and submission; a status change
/// lands only on the current submission; results are listed by status and
/// by area.
pub async fn readings_status_and_results_by_area(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let t = sample_tps();
    let (k0, h0) = kiriman(&p, &t[0], "a-1", &[120, 98], 7);
    let Kirim::Baru(k0) = store.simpan_hasil(&k0, &h0, &jejak()).await.unwrap() else {
        panic!("new")
    };
    let (mut k3, h3) = kiriman(&p, &t[3], "c-1", &[10, 20], 1);
    k3.waktu = 1_100;
    let mut h3 = h3;
    h3.waktu = 1_100;
    store.simpan_hasil(&k3, &h3, &jejak()).await.unwrap();

    // Two verifiers read the form; the same one twice is refused.
    let satu = bacaan(&k0, 1, &[120, 98]);
    assert_eq!(
        store.simpan_bacaan(&satu, &jejak()).await.unwrap(),
        vec![satu.clone()]
    );
    assert!(matches!(
        store
            .simpan_bacaan(&bacaan(&k0, 1, &[1, 1]), &jejak())
            .await,
        Err(StoreError::Conflict(crate::Konflik::BacaanGanda(_)))
    ));
    let dua = bacaan(&k0, 2, &[120, 98]);
    let semua = store.simpan_bacaan(&dua, &jejak()).await.unwrap();
    assert_eq!(semua.len(), 2);
    let mut dibaca = store.daftar_bacaan_kiriman(k0.id).await.unwrap();
    dibaca.sort_by_key(|b| b.verifier_id);
    assert_eq!(dibaca, vec![satu, dua]);
    assert!(
        store
            .daftar_bacaan_kiriman(Uuid::now_v7())
            .await
            .unwrap()
            .is_empty()
    );

    // Both results are in, oldest first; a region list narrows them.
    let tps_of = |v: Vec<crate::HasilTps>| v.into_iter().map(|h| h.tps).collect::<Vec<_>>();
    assert_eq!(
        tps_of(
            store
                .daftar_hasil_berstatus(p.id, StatusHasil::Masuk, &[], 10)
                .await
                .unwrap()
        ),
        [t[0].kode, t[3].kode]
    );
    assert_eq!(
        tps_of(
            store
                .daftar_hasil_berstatus(p.id, StatusHasil::Masuk, &[k("32.73.02")], 10)
                .await
                .unwrap()
        ),
        [t[3].kode]
    );
    assert_eq!(
        store
            .daftar_hasil_berstatus(p.id, StatusHasil::Masuk, &[], 1)
            .await
            .unwrap()
            .len(),
        1
    );

    // A stale submission id changes nothing; the current one does.
    let angka = Angka {
        suara: vec![120, 98],
        sah: 218,
        tidak_sah: 7,
    };
    assert!(
        !store
            .ubah_status_hasil(
                p.id,
                t[0].kode,
                Uuid::now_v7(),
                StatusHasil::Terverifikasi,
                Some(&angka),
                &jejak()
            )
            .await
            .unwrap()
    );
    assert!(
        store
            .ubah_status_hasil(
                p.id,
                t[0].kode,
                k0.id,
                StatusHasil::Terverifikasi,
                Some(&angka),
                &jejak()
            )
            .await
            .unwrap()
    );
    let now = store
        .ambil_hasil_tps(p.id, t[0].kode)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.status, StatusHasil::Terverifikasi);
    assert_eq!(now.terverifikasi, Some(angka));
    assert_eq!(
        tps_of(
            store
                .daftar_hasil_berstatus(p.id, StatusHasil::Terverifikasi, &[], 10)
                .await
                .unwrap()
        ),
        [t[0].kode]
    );
    assert_eq!(
        tps_of(
            store
                .daftar_hasil_berstatus(p.id, StatusHasil::Masuk, &[], 10)
                .await
                .unwrap()
        ),
        [t[3].kode]
    );

    // Current results under a region, by TPS.
    assert_eq!(
        tps_of(store.daftar_hasil_di(p.id, k("32")).await.unwrap()),
        [t[0].kode, t[3].kode]
    );
    assert_eq!(
        tps_of(store.daftar_hasil_di(p.id, k("32.73.01")).await.unwrap()),
        [t[0].kode]
    );
    assert!(
        store
            .daftar_hasil_di(p.id, k("31"))
            .await
            .unwrap()
            .is_empty()
    );
}

/// The official count of many TPS lands whole or not at all, replaces the
/// figures of a TPS stored before, and is read back per region.
pub async fn official_count_is_stored_all_or_nothing(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let t = sample_tps();
    let a = |x: u64, y: u64| Angka {
        suara: vec![x, y],
        sah: x + y,
        tidak_sah: 2,
    };
    let n = store
        .simpan_hasil_resmi(
            p.id,
            &[(t[1].kode, a(50, 60)), (t[0].kode, a(100, 90))],
            &jejak(),
        )
        .await
        .unwrap();
    assert_eq!(n.baru, 2);
    assert_eq!(
        store
            .daftar_hasil_resmi_di(p.id, k("32.73.01.1001"))
            .await
            .unwrap(),
        [(t[0].kode, a(100, 90)), (t[1].kode, a(50, 60))]
    );
    // A correction replaces the TPS's figures.
    let n = store
        .simpan_hasil_resmi(p.id, &[(t[0].kode, a(101, 90))], &jejak())
        .await
        .unwrap();
    assert_eq!(n.baru, 0);
    assert_eq!(
        store.daftar_hasil_resmi_di(p.id, k("32")).await.unwrap(),
        [(t[0].kode, a(101, 90)), (t[1].kode, a(50, 60))]
    );
    // A TPS that does not exist: nothing of the batch is stored.
    let ghost = super::tps("32.73.01.1001", 9, 1, 1).kode;
    assert!(
        store
            .simpan_hasil_resmi(p.id, &[(t[3].kode, a(1, 1)), (ghost, a(1, 1))], &jejak())
            .await
            .is_err()
    );
    assert!(
        store
            .daftar_hasil_resmi_di(p.id, k("32.73.02"))
            .await
            .unwrap()
            .is_empty()
    );
}

/// Check-ins come back oldest first and incidents newest first, each
/// under the region asked, with every field as stored.
pub async fn checkins_and_incidents_per_area(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let t = sample_tps();
    let checkin = |i: usize, waktu: i64, lokasi: Option<(f64, f64)>| Checkin {
        id: Uuid::now_v7(),
        pemilihan_id: p.id,
        tps: t[i].kode,
        pengirim_id: Uuid::from_u128(i as u128 + 1),
        pengirim: format!("saksi-{i}"),
        waktu,
        lokasi,
    };
    let c0 = checkin(0, 2_000, Some((-6.9, 107.6)));
    let c3 = checkin(3, 1_000, None);
    store.catat_checkin(&c0, &jejak()).await.unwrap();
    store.catat_checkin(&c3, &jejak()).await.unwrap();
    assert_eq!(
        store.daftar_checkin_di(p.id, k("32")).await.unwrap(),
        vec![c3.clone(), c0.clone()]
    );
    assert_eq!(
        store.daftar_checkin_di(p.id, k("32.73.01")).await.unwrap(),
        vec![c0]
    );
    assert!(
        store
            .daftar_checkin_di(Uuid::now_v7(), k("32"))
            .await
            .unwrap()
            .is_empty()
    );

    let insiden = |i: usize, waktu: i64, kategori: &str| Insiden {
        id: Uuid::now_v7(),
        pemilihan_id: p.id,
        tps: t[i].kode,
        pengirim_id: Uuid::from_u128(9),
        pengirim: "saksi".into(),
        waktu,
        kategori: kategori.into(),
        teks: format!("{kategori} di TPS {i}"),
        foto: vec!["cd".repeat(32)],
    };
    let i1 = insiden(0, 1_000, "intimidasi");
    let i2 = insiden(1, 3_000, "logistik");
    let i3 = insiden(3, 2_000, "lainnya");
    for i in [&i1, &i2, &i3] {
        store.catat_insiden(i, &jejak()).await.unwrap();
    }
    assert_eq!(
        store.daftar_insiden_di(p.id, k("32"), 10).await.unwrap(),
        vec![i2.clone(), i3.clone(), i1.clone()]
    );
    assert_eq!(
        store.daftar_insiden_di(p.id, k("32"), 2).await.unwrap(),
        vec![i2.clone(), i3]
    );
    assert_eq!(
        store
            .daftar_insiden_di(p.id, k("32.73.01.1001"), 10)
            .await
            .unwrap(),
        vec![i2, i1]
    );
}
