//! The social-media room's documents: versions kept, the election's
//! counter checked by every write, two writers at once never both pass.

use super::dana::pemilihan_tersimpan;
use super::*;
use crate::{DokumenMedsos, JenisMedsos, Konflik};

fn dok(pemilihan_id: Uuid, jenis: JenisMedsos, id: Uuid, versi: i64, data: &str) -> DokumenMedsos {
    DokumenMedsos {
        id,
        pemilihan_id,
        jenis,
        versi,
        data: data.into(),
        oleh: Uuid::now_v7(),
        waktu: 1_790_000_000 + versi,
    }
}

pub async fn medsos_documents_are_versioned_and_checked(store: DynStore) {
    let p = pemilihan_tersimpan(&store).await;
    let lain = Pemilihan {
        id: Uuid::now_v7(),
        ..pemilihan()
    };
    store.simpan_pemilihan(&lain, &jejak()).await.unwrap();
    let kosong = store.baca_medsos(p.id, &[]).await.unwrap();
    assert_eq!((kosong.nomor, kosong.dokumen.len()), (0, 0));

    let audit = jumlah_audit(&store).await;
    let (akun, konten) = (Uuid::now_v7(), Uuid::now_v7());
    let n = store
        .tulis_medsos(
            p.id,
            &[
                dok(p.id, JenisMedsos::Akun, akun, 1, r#"{"nama":"a"}"#),
                dok(p.id, JenisMedsos::Konten, konten, 1, r#"{"teks":"v1"}"#),
            ],
            0,
            &jejak(),
        )
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(jumlah_audit(&store).await, audit + 1, "one entry per write");
    // A write naming a counter it did not read changes nothing.
    let e = store
        .tulis_medsos(
            p.id,
            &[dok(p.id, JenisMedsos::Konten, konten, 2, "{}")],
            0,
            &jejak(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Conflict(Konflik::RuangBerubah(1))),
        "{e:?}"
    );
    // Nor a version that skips or repeats.
    for versi in [1, 3] {
        let e = store
            .tulis_medsos(
                p.id,
                &[dok(p.id, JenisMedsos::Konten, konten, versi, "{}")],
                1,
                &jejak(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, StoreError::Conflict(Konflik::RuangBerubah(_))),
            "{e:?}"
        );
    }
    // Another election's id, or the same id as another kind: no such document.
    let e = store
        .tulis_medsos(
            lain.id,
            &[dok(lain.id, JenisMedsos::Konten, konten, 2, "{}")],
            0,
            &jejak(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound(_)), "{e:?}");
    let e = store
        .tulis_medsos(
            p.id,
            &[dok(p.id, JenisMedsos::Isu, konten, 2, "{}")],
            1,
            &jejak(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound(_)), "{e:?}");
    assert_eq!(
        jumlah_audit(&store).await,
        audit + 1,
        "refusals write nothing"
    );

    let n = store
        .tulis_medsos(
            p.id,
            &[dok(
                p.id,
                JenisMedsos::Konten,
                konten,
                2,
                r#"{"teks":"v2"}"#,
            )],
            1,
            &jejak(),
        )
        .await
        .unwrap();
    assert_eq!(n, 2);
    let isi = store
        .baca_medsos(p.id, &[JenisMedsos::Konten])
        .await
        .unwrap();
    assert_eq!(isi.nomor, 2);
    assert_eq!(
        isi.dokumen.len(),
        1,
        "latest version only, of the kind asked"
    );
    assert_eq!(
        (isi.dokumen[0].versi, isi.dokumen[0].data.as_str()),
        (2, r#"{"teks":"v2"}"#)
    );
    let semua = store.baca_medsos(p.id, &[]).await.unwrap();
    assert_eq!(
        semua.dokumen.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![akun, konten],
        "oldest first"
    );
    let riwayat = store.riwayat_medsos(konten).await.unwrap();
    assert_eq!(
        riwayat.iter().map(|d| d.data.as_str()).collect::<Vec<_>>(),
        [r#"{"teks":"v1"}"#, r#"{"teks":"v2"}"#]
    );
    assert!(
        store
            .riwayat_medsos(Uuid::now_v7())
            .await
            .unwrap()
            .is_empty()
    );
    // Another election's room has its own counter and sees none of this.
    let l = store.baca_medsos(lain.id, &[]).await.unwrap();
    assert_eq!((l.nomor, l.dokumen.len()), (0, 0));

    // Two writers who read the same counter: exactly one lands.
    let tulis = |store: DynStore, id: Uuid| async move {
        store
            .tulis_medsos(
                p.id,
                &[dok(p.id, JenisMedsos::Isu, id, 1, "{}")],
                2,
                &jejak(),
            )
            .await
    };
    let (a, b) = tokio::join!(
        tulis(store.clone(), Uuid::now_v7()),
        tulis(store.clone(), Uuid::now_v7())
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count(),
        1,
        "{a:?} {b:?}"
    );
    let isi = store.baca_medsos(p.id, &[JenisMedsos::Isu]).await.unwrap();
    assert_eq!((isi.nomor, isi.dokumen.len()), (3, 1));
}

pub async fn medsos_first_writers_of_an_election_race_once(store: DynStore) {
    let p = pemilihan_tersimpan(&store).await;
    let tulis = |store: DynStore| async move {
        store
            .tulis_medsos(
                p.id,
                &[dok(p.id, JenisMedsos::Pengaturan, Uuid::now_v7(), 1, "{}")],
                0,
                &jejak(),
            )
            .await
    };
    let (a, b, c) = tokio::join!(
        tulis(store.clone()),
        tulis(store.clone()),
        tulis(store.clone())
    );
    let hasil = [a, b, c];
    assert_eq!(hasil.iter().filter(|r| r.is_ok()).count(), 1, "{hasil:?}");
    let isi = store.baca_medsos(p.id, &[]).await.unwrap();
    assert_eq!((isi.nomor, isi.dokumen.len()), (1, 1));
}
