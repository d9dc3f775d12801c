//! Field operations' documents: the room's own tables and counter, and
//! appends (`Syarat::Tambah`) that never retry one another yet land each
//! record once.

use super::dana::pemilihan_tersimpan;
use super::*;
use crate::{DokumenLapangan, JenisLapangan, Konflik, Syarat};

fn dok(pemilihan_id: Uuid, jenis: JenisLapangan, id: Uuid, versi: i64) -> DokumenLapangan {
    DokumenLapangan {
        id,
        pemilihan_id,
        jenis,
        versi,
        data: format!(r#"{{"v":{versi}}}"#),
        oleh: Uuid::now_v7(),
        waktu: 1_790_000_000 + versi,
    }
}

pub async fn lapangan_appends_land_once_without_retrying(store: DynStore) {
    let p = pemilihan_tersimpan(&store).await;
    let acara = Uuid::now_v7();
    let n = store
        .tulis_lapangan(
            p.id,
            &[dok(p.id, JenisLapangan::Acara, acara, 1)],
            Syarat::Sesudah(0),
            &jejak(),
        )
        .await
        .unwrap();
    assert_eq!(n, 1);
    // The social-media room of the same election is another room.
    assert_eq!(store.baca_medsos(p.id, &[]).await.unwrap().nomor, 0);
    let audit = jumlah_audit(&store).await;

    // Twelve phones syncing at once, one attendance each, none retried.
    let hadir: Vec<Uuid> = (0..12).map(|_| Uuid::now_v7()).collect();
    let tulis = |store: DynStore, id: Uuid| async move {
        store
            .tulis_lapangan(
                p.id,
                &[dok(p.id, JenisLapangan::Hadir, id, 1)],
                Syarat::Tambah,
                &jejak(),
            )
            .await
    };
    let mut serentak = tokio::task::JoinSet::new();
    for id in &hadir {
        serentak.spawn(tulis(store.clone(), *id));
    }
    while let Some(r) = serentak.join_next().await {
        r.unwrap().unwrap();
    }
    assert_eq!(jumlah_audit(&store).await, audit + 12);
    // The same record sent again (a queue that did not hear the answer),
    // twice at once: refused by its id, nothing written.
    let (a, b) = tokio::join!(
        tulis(store.clone(), hadir[3]),
        tulis(store.clone(), hadir[3])
    );
    for r in [a, b] {
        assert!(
            matches!(r, Err(StoreError::Conflict(Konflik::RuangBerubah(_)))),
            "{r:?}"
        );
    }
    assert_eq!(jumlah_audit(&store).await, audit + 12);
    let isi = store
        .baca_lapangan(p.id, &[JenisLapangan::Hadir])
        .await
        .unwrap();
    assert_eq!((isi.nomor, isi.dokumen.len()), (13, 12));

    // A change still names the counter it read; appends moved it.
    let e = store
        .tulis_lapangan(
            p.id,
            &[dok(p.id, JenisLapangan::Acara, acara, 2)],
            Syarat::Sesudah(1),
            &jejak(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Conflict(Konflik::RuangBerubah(13))),
        "{e:?}"
    );
    // An append may carry a next version (an installation taken down);
    // one that skips, or an id of another kind, is refused.
    store
        .tulis_lapangan(
            p.id,
            &[dok(p.id, JenisLapangan::Acara, acara, 2)],
            Syarat::Tambah,
            &jejak(),
        )
        .await
        .unwrap();
    let e = store
        .tulis_lapangan(
            p.id,
            &[dok(p.id, JenisLapangan::Acara, acara, 4)],
            Syarat::Tambah,
            &jejak(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict(_)), "{e:?}");
    let e = store
        .tulis_lapangan(
            p.id,
            &[dok(p.id, JenisLapangan::Tugas, acara, 3)],
            Syarat::Tambah,
            &jejak(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound(_)), "{e:?}");
    let riwayat = store.riwayat_lapangan(acara).await.unwrap();
    assert_eq!(riwayat.iter().map(|d| d.versi).collect::<Vec<_>>(), [1, 2]);
    let semua = store.baca_lapangan(p.id, &[]).await.unwrap();
    assert_eq!((semua.nomor, semua.dokumen.len()), (14, 13));
    assert_eq!(semua.dokumen[0].id, acara, "oldest first");
}
