//! Conformance: rate-limited attempts counted before the work they guard
//! (racing attempts never pass a limit together, on any backend), and
//! disabling an account ending every way in handed out before.

use uuid::Uuid;

use super::{DynStore, jejak, jumlah_audit, pengguna};
use crate::{BatasPercobaan, KodeMasuk, Percobaan, Sesi};

const JENDELA: i64 = 900;

fn percobaan(waktu: i64) -> Percobaan {
    Percobaan {
        id: Uuid::now_v7(),
        waktu,
        jendela: JENDELA,
    }
}

fn batas(kunci: &str, maks: u64) -> BatasPercobaan {
    BatasPercobaan {
        kunci: kunci.into(),
        maks,
    }
}

pub async fn racing_attempts_never_pass_a_limit_together(store: DynStore) {
    let t = 10_000;
    // 40 at once against one account (limit 10), from two addresses; half
    // name their keys in the other order, as an attempt on another server
    // might: the backend must neither let an 11th through nor deadlock.
    let mut tugas = Vec::new();
    for n in 0..40 {
        let store = store.clone();
        tugas.push(tokio::spawn(async move {
            let alamat = if n % 2 == 0 { "alamat-a" } else { "alamat-b" };
            let mut b = vec![batas("akun-ani", 10), batas(alamat, 50)];
            if n % 4 < 2 {
                b.reverse();
            }
            store
                .catat_percobaan(&percobaan(t), &b, Some(&jejak()))
                .await
                .unwrap()
        }));
    }
    let mut lolos = 0;
    for h in tugas {
        lolos += usize::from(h.await.unwrap());
    }
    assert_eq!(lolos, 10, "exactly the limit is recorded");
    assert_eq!(
        jumlah_audit(&store).await,
        10,
        "one entry per recorded attempt, none per refusal"
    );

    // Another account from one of those addresses has its own allowance,
    // but the address's limit counts every account's attempts: between 0
    // and 10 of the 10 above came from it.
    let mut lain = 0;
    for _ in 0..60 {
        lain += usize::from(
            store
                .catat_percobaan(
                    &percobaan(t + 1),
                    &[batas("akun-budi", 100), batas("alamat-a", 50)],
                    None,
                )
                .await
                .unwrap(),
        );
    }
    assert!((40..=50).contains(&lain), "{lain}");
    assert_eq!(jumlah_audit(&store).await, 10, "no jejak, no entry");

    // The same attempt recorded again (a gateway's retry) is counted once,
    // even when the key is full.
    let foto = percobaan(t);
    let k = [batas("foto-siti", 2)];
    assert!(store.catat_percobaan(&foto, &k, None).await.unwrap());
    assert!(
        store
            .catat_percobaan(&percobaan(t), &k, None)
            .await
            .unwrap()
    );
    assert!(
        !store
            .catat_percobaan(&percobaan(t), &k, None)
            .await
            .unwrap()
    );
    assert!(
        store.catat_percobaan(&foto, &k, None).await.unwrap(),
        "a retry of a recorded attempt"
    );

    // A success forgets its own attempt and the account's failures, but
    // not the address's.
    let ok = percobaan(t + 2);
    assert!(
        !store
            .catat_percobaan(&ok, &[batas("akun-ani", 10)], None)
            .await
            .unwrap(),
        "still full"
    );
    store
        .hapus_percobaan(Uuid::now_v7(), &["akun-ani".into()])
        .await
        .unwrap();
    let b = [batas("akun-ani", 10), batas("alamat-c", 1)];
    assert!(store.catat_percobaan(&ok, &b, None).await.unwrap());
    store.hapus_percobaan(ok.id, &[]).await.unwrap();
    assert!(
        store
            .catat_percobaan(&percobaan(t + 3), &b, None)
            .await
            .unwrap(),
        "the forgotten attempt no longer fills the address's one place"
    );

    // Attempts count for their window only.
    assert!(
        !store
            .catat_percobaan(&percobaan(t + 3), &k, None)
            .await
            .unwrap()
    );
    assert!(
        store
            .catat_percobaan(&percobaan(t + JENDELA), &k, None)
            .await
            .unwrap(),
        "the window has passed"
    );
}

pub async fn disabling_an_account_ends_its_sessions_and_codes(store: DynStore) {
    let ani = pengguna("ani");
    let budi = pengguna("budi");
    for p in [&ani, &budi] {
        store.simpan_pengguna(p, None, &jejak()).await.unwrap();
    }
    for (h, p) in [("a1", &ani), ("a2", &ani), ("b1", &budi)] {
        let s = Sesi {
            token_hash: h.into(),
            pengguna_id: p.id,
            csrf: "c".into(),
            dibuat: 100,
            kadaluarsa: 10_000,
            alamat: None,
            perangkat: None,
            kode_dari: None,
            peramban: None,
        };
        store.simpan_sesi(&s, &jejak()).await.unwrap();
        let kode = KodeMasuk {
            kode_hash: format!("kode-{h}"),
            pengguna_id: p.id,
            kadaluarsa: 10_000,
            penerbit: None,
        };
        store.simpan_kode_masuk(&kode, &jejak()).await.unwrap();
    }
    let sebelum = jumlah_audit(&store).await;
    assert!(store.ubah_aktif(ani.id, false, &jejak()).await.unwrap());
    assert_eq!(
        jumlah_audit(&store).await,
        sebelum + 1,
        "one change, one entry"
    );
    assert!(store.ubah_aktif(ani.id, true, &jejak()).await.unwrap());
    for h in ["a1", "a2"] {
        assert_eq!(store.ambil_sesi(h, 200).await.unwrap(), None, "{h}");
        assert_eq!(
            store
                .pakai_kode_masuk(&format!("kode-{h}"), 200)
                .await
                .unwrap(),
            None,
            "{h}"
        );
    }
    assert!(store.daftar_sesi(ani.id, 200).await.unwrap().is_empty());
    // Others untouched; enabling an enabled account deletes nothing.
    assert!(!store.ubah_aktif(budi.id, true, &jejak()).await.unwrap());
    assert!(store.ambil_sesi("b1", 200).await.unwrap().is_some());
    assert_eq!(
        store.pakai_kode_masuk("kode-b1", 200).await.unwrap(),
        Some((budi.id, None))
    );
}
