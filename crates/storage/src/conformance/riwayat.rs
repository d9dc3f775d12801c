//! Conformance: an earlier election's history and the target assumptions.

use posko_domain::{HasilLalu, KodeTps, NomorTps, Persen};

use super::{DynStore, jejak, jumlah_audit, k, pemilihan, seeded};
use crate::{AsumsiTarget, PartisipasiLalu, Riwayat, StoreError, SumberPartisipasi};

fn lalu(desa: &str, nomor: u16, dpt: u32, sah: u32, kita: Option<u32>) -> HasilLalu {
    HasilLalu {
        tps: KodeTps::new(k(desa), NomorTps::new(nomor).unwrap()).unwrap(),
        dpt,
        sah,
        tidak_sah: 3,
        kita,
        ditandai: false,
    }
}

fn info(nama: &str) -> Riwayat {
    Riwayat {
        nama: nama.into(),
        berkas: "lalu.csv".into(),
        tps: 0,
        ada_suara_kita: false,
        diimpor: 1_000,
    }
}

pub async fn riwayat_is_replaced_whole_and_summed_per_desa(store: DynStore) {
    assert_eq!(store.ambil_riwayat().await.unwrap(), None);
    // History is kept by its own TPS numbers: TPS 9 need not exist now.
    let rows = vec![
        lalu("32.73.01.1001", 1, 200, 150, Some(90)),
        lalu("32.73.01.1001", 9, 300, 200, Some(80)),
        lalu("32.73.02.1001", 1, 100, 60, None),
        // No DPT published: left out of turnout.
        lalu("32.73.02.1001", 5, 0, 40, None),
        lalu("31.71.01.1001", 1, 100, 70, Some(10)),
        // Published with more votes than DPT (voters added on the day):
        // kept and returned with its flag, left out of turnout.
        HasilLalu {
            ditandai: true,
            ..lalu("32.73.01.1001", 7, 100, 250, Some(260))
        },
    ];
    let base = jumlah_audit(&store).await;
    store
        .ganti_riwayat(&info("Pilkada 2020"), &rows, &jejak())
        .await
        .unwrap();
    assert_eq!(jumlah_audit(&store).await, base + 1);
    let r = store.ambil_riwayat().await.unwrap().unwrap();
    assert_eq!(
        (r.nama.as_str(), r.tps, r.ada_suara_kita, r.diimpor),
        ("Pilkada 2020", 6, true, 1_000)
    );
    assert_eq!(
        store.daftar_partisipasi_lalu(k("32.73")).await.unwrap(),
        vec![
            PartisipasiLalu {
                desa: k("32.73.01.1001"),
                dpt: 500,
                sah: 350
            },
            PartisipasiLalu {
                desa: k("32.73.02.1001"),
                dpt: 100,
                sah: 60
            },
        ]
    );
    assert_eq!(
        store.daftar_hasil_lalu(k("32.73.01")).await.unwrap(),
        [rows[0], rows[5], rows[1]]
    );
    assert_eq!(store.daftar_hasil_lalu(k("31")).await.unwrap(), rows[4..5]);
    assert_eq!(
        store.daftar_hasil_lalu(k("32.73.02")).await.unwrap(),
        rows[2..4]
    );

    // A new import replaces the old one entirely.
    let baru = vec![lalu("32.73.02.1001", 2, 400, 300, None)];
    store
        .ganti_riwayat(&info("Pilgub 2018"), &baru, &jejak())
        .await
        .unwrap();
    let r = store.ambil_riwayat().await.unwrap().unwrap();
    assert_eq!(
        (r.nama.as_str(), r.tps, r.ada_suara_kita),
        ("Pilgub 2018", 1, false)
    );
    assert!(store.daftar_hasil_lalu(k("31")).await.unwrap().is_empty());
    assert_eq!(store.daftar_hasil_lalu(k("32")).await.unwrap(), baru);
}

pub async fn target_assumptions_are_saved_per_election(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    assert_eq!(store.ambil_asumsi_target(p.id).await.unwrap(), None);
    let mut a = AsumsiTarget {
        partisipasi: Persen::parse("72,5").unwrap(),
        sumber: SumberPartisipasi::Tetap,
        target_suara: None,
        diubah: 10,
        oleh: "manajer".into(),
    };
    let base = jumlah_audit(&store).await;
    store
        .simpan_asumsi_target(p.id, &a, &jejak())
        .await
        .unwrap();
    assert_eq!(
        store.ambil_asumsi_target(p.id).await.unwrap(),
        Some(a.clone())
    );
    a.sumber = SumberPartisipasi::Riwayat;
    a.target_suara = Some(Persen::parse("40").unwrap());
    a.diubah = 20;
    store
        .simpan_asumsi_target(p.id, &a, &jejak())
        .await
        .unwrap();
    assert_eq!(
        store.ambil_asumsi_target(p.id).await.unwrap(),
        Some(a.clone())
    );
    assert_eq!(jumlah_audit(&store).await, base + 2);

    // An unknown election is named, and nothing is audited.
    let e = store
        .simpan_asumsi_target(uuid::Uuid::now_v7(), &a, &jejak())
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound(_)), "{e:?}");
    assert_eq!(jumlah_audit(&store).await, base + 2);
}
