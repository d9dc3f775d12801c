//! Conformance: canvassing visits, synced once per phone-made id.

use super::*;

pub async fn kunjungan_sync_stores_each_visit_once(store: DynStore) {
    seeded(&store).await;
    muat_contoh(&store).await;
    let wilayah = Cakupan::Wilayah(k("32.73.01"));
    let relawan = crate::Relawan {
        id: Uuid::now_v7(),
        pengguna_id: None,
        nama: "Rina".into(),
        tingkat: posko_domain::TingkatRelawan::dari(&wilayah).unwrap(),
        wilayah,
        perekrut: None,
        aktif: true,
        dibuat: 1_700_000_000,
    };
    store
        .simpan_relawan(&relawan, None, None, 1_700_000_000, &jejak())
        .await
        .unwrap();
    let tps1 = KodeTps::parse("32.73.01.1001-001").unwrap();
    let voters = store.daftar_pemilih_tps(tps1).await.unwrap();
    assert_eq!(
        voters
            .iter()
            .map(|p| (p.urut, p.nama.as_str()))
            .collect::<Vec<_>>(),
        vec![(1, "AHMAD"), (2, "SITI AMINAH"), (3, "BUDI")]
    );
    assert!(
        store
            .daftar_pemilih_tps(KodeTps::parse("32.73.01.1002-001").unwrap())
            .await
            .unwrap()
            .is_empty()
    );

    let mut kedua = kunjungan(relawan.id, "32.73.01.1001-001", 2, 1_780_000_100);
    kedua.hasil = posko_domain::HasilKunjungan::TidakDiRumah;
    kedua.dukungan = None;
    kedua.jawaban.clear();
    kedua.catatan.clear();
    let batch = vec![
        kunjungan(relawan.id, "32.73.01.1001-001", 1, 1_780_000_000),
        kedua,
    ];
    let audit = jumlah_audit(&store).await;
    let baru = store.simpan_kunjungan(&batch, &jejak()).await.unwrap();
    assert_eq!(baru.len(), 2);
    assert_eq!(jumlah_audit(&store).await, audit + 1);
    // The same batch again: nothing new, nothing logged.
    assert!(
        store
            .simpan_kunjungan(&batch, &jejak())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(jumlah_audit(&store).await, audit + 1);
    let stored = store.daftar_kunjungan_tps(tps1).await.unwrap();
    assert_eq!(stored, batch, "fields round-trip, oldest first");

    // One visit synced from two tabs and a retry at once: one row.
    let satu = kunjungan(relawan.id, "32.73.01.1001-001", 3, 1_780_000_200);
    let mut handles = Vec::new();
    for _ in 0..6 {
        let (store, rows) = (store.clone(), vec![satu.clone(), batch[0].clone()]);
        handles.push(tokio::spawn(async move {
            store.simpan_kunjungan(&rows, &jejak()).await
        }));
    }
    let mut baru = 0;
    for h in handles {
        baru += h.await.unwrap().unwrap().len();
    }
    assert_eq!(baru, 1);
    assert_eq!(store.daftar_kunjungan_tps(tps1).await.unwrap().len(), 3);
    assert_eq!(jumlah_audit(&store).await, audit + 2);
    assert!(
        store
            .daftar_kunjungan_tps(KodeTps::parse("32.73.01.1001-002").unwrap())
            .await
            .unwrap()
            .is_empty()
    );

    // A visit by an unknown relawan fails the whole batch.
    let baik = kunjungan(relawan.id, "32.73.01.1001-002", 1, 1_780_000_300);
    let asing = kunjungan(Uuid::now_v7(), "32.73.01.1001-002", 2, 1_780_000_300);
    assert!(
        store
            .simpan_kunjungan(&[baik, asing], &jejak())
            .await
            .is_err()
    );
    assert!(
        store
            .daftar_kunjungan_tps(KodeTps::parse("32.73.01.1001-002").unwrap())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(jumlah_audit(&store).await, audit + 2);
}
