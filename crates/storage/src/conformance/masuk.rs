//! Conformance: sessions, one-time codes and API tokens.

use super::*;

pub async fn sessions_are_listed_and_ended_per_account(store: DynStore) {
    let ani = pengguna("ani");
    let budi = pengguna("budi");
    for p in [&ani, &budi] {
        store.simpan_pengguna(p, None, &jejak()).await.unwrap();
    }
    let sesi = |h: &str, p: &Pengguna, dibuat: i64| Sesi {
        token_hash: h.into(),
        pengguna_id: p.id,
        csrf: "c".into(),
        dibuat,
        kadaluarsa: dibuat + 1_000,
        alamat: Some("10.0.0.1".into()),
        perangkat: Some("Mozilla/5.0 (Linux; Android 10)".into()),
        kode_dari: None,
        peramban: None,
    };
    for s in [
        sesi("a1", &ani, 100),
        sesi("a2", &ani, 200),
        sesi("a3", &ani, 300),
        sesi("b1", &budi, 100),
    ] {
        store.simpan_sesi(&s, &jejak()).await.unwrap();
    }
    let list = store.daftar_sesi(ani.id, 1_150).await.unwrap();
    let hashes: Vec<&str> = list.iter().map(|s| s.token_hash.as_str()).collect();
    assert_eq!(hashes, ["a3", "a2"], "newest first, expired left out");
    assert_eq!(list[0], sesi("a3", &ani, 300));
    assert_eq!(
        store
            .hapus_sesi_pengguna(ani.id, Some("a3"), &jejak())
            .await
            .unwrap(),
        2
    );
    assert!(store.ambil_sesi("a3", 150).await.unwrap().is_some());
    assert!(store.ambil_sesi("a1", 150).await.unwrap().is_none());
    assert!(
        store.ambil_sesi("b1", 150).await.unwrap().is_some(),
        "others untouched"
    );
    assert_eq!(
        store
            .hapus_sesi_pengguna(ani.id, None, &jejak())
            .await
            .unwrap(),
        1
    );
    assert!(store.daftar_sesi(ani.id, 0).await.unwrap().is_empty());
}

pub async fn sessions_expire_and_one_time_codes_work_once(store: DynStore) {
    let ani = pengguna("ani");
    store.simpan_pengguna(&ani, None, &jejak()).await.unwrap();
    let penerbit = Uuid::now_v7();
    let sesi = Sesi {
        token_hash: "h1".into(),
        pengguna_id: ani.id,
        csrf: "c1".into(),
        dibuat: 1_000,
        kadaluarsa: 2_000,
        alamat: None,
        perangkat: None,
        // Who issued the code it was opened with, and the browser: both
        // come back as stored.
        kode_dari: Some(penerbit),
        peramban: Some("ab".repeat(32)),
    };
    store.simpan_sesi(&sesi, &jejak()).await.unwrap();
    assert_eq!(store.ambil_sesi("h1", 1_500).await.unwrap(), Some(sesi));
    assert_eq!(
        store.ambil_sesi("h1", 2_000).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(store.ambil_sesi("h2", 1_500).await.unwrap(), None);
    store.hapus_sesi("h1").await.unwrap();
    assert_eq!(store.ambil_sesi("h1", 1_500).await.unwrap(), None);

    for (hash, exp) in [("k1", 2_000), ("k2", 1_000)] {
        store
            .simpan_kode_masuk(
                &KodeMasuk {
                    kode_hash: hash.into(),
                    pengguna_id: ani.id,
                    kadaluarsa: exp,
                    penerbit: Some(penerbit),
                },
                &jejak(),
            )
            .await
            .unwrap();
    }
    assert_eq!(
        store.pakai_kode_masuk("k1", 1_500).await.unwrap(),
        Some((ani.id, Some(penerbit)))
    );
    assert_eq!(
        store.pakai_kode_masuk("k1", 1_500).await.unwrap(),
        None,
        "reused"
    );
    assert_eq!(
        store.pakai_kode_masuk("k2", 1_500).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(store.pakai_kode_masuk("k3", 1_500).await.unwrap(), None);
}

pub async fn api_tokens_are_hashed_revocable_and_record_last_use(store: DynStore) {
    let t = crate::TokenApi {
        id: Uuid::now_v7(),
        nama: "gateway-sms".into(),
        token_hash: "th1".into(),
        penugasan: Penugasan::new(Peran::Verifier, Cakupan::Wilayah(k("32.73"))).unwrap(),
        dibuat: 1_000,
        dicabut: None,
        terakhir_dipakai: None,
    };
    store.simpan_token(&t, &jejak()).await.unwrap();
    let used = store.pakai_token("th1", 1_234).await.unwrap().unwrap();
    assert_eq!(used.penugasan, t.penugasan);
    assert_eq!(used.terakhir_dipakai, Some(1_234));
    assert!(store.pakai_token("th2", 1_234).await.unwrap().is_none());
    let list = store.daftar_token().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].terakhir_dipakai, Some(1_234));
    assert!(store.cabut_token(t.id, 2_000, &jejak()).await.unwrap());
    assert!(!store.cabut_token(t.id, 2_001, &jejak()).await.unwrap());
    assert!(store.pakai_token("th1", 2_100).await.unwrap().is_none());
    assert_eq!(store.daftar_token().await.unwrap()[0].dicabut, Some(2_000));
    assert_eq!(store.daftar_audit(0, 10).await.unwrap().len(), 2);
}
