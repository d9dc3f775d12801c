//! Conformance: accounts, roles, encrypted phones, and the saksi of a TPS.

use super::*;

pub async fn pengguna_in_bulk_with_encrypted_phones(store: DynStore) {
    let saksi = |u: &str, n: u32| {
        let mut p = pengguna(u);
        p.penugasan = vec![
            Penugasan::new(
                Peran::Saksi,
                Cakupan::Tps(KodeTps::parse(&format!("3273011001{n:03}")).unwrap()),
            )
            .unwrap(),
        ];
        p.telepon = Some(tersandi("aaaaaaaa", n));
        p
    };
    let rows: Vec<Pengguna> = (1..=30)
        .map(|n| saksi(&format!("saksi{n:02}"), n))
        .collect();
    store.simpan_pengguna_banyak(&rows, &jejak()).await.unwrap();
    // One taken username: nothing of the batch is stored, nor audited.
    let clash = vec![saksi("saksi99", 99), saksi("saksi05", 5)];
    let err = store.simpan_pengguna_banyak(&clash, &jejak()).await;
    assert!(
        matches!(&err, Err(StoreError::Conflict(crate::Konflik::NamaPengguna(n))) if n == "saksi05"),
        "{err:?}"
    );
    assert!(store.cari_login("saksi99").await.unwrap().is_none());
    assert_eq!(store.daftar_audit(0, 100).await.unwrap().len(), 1);

    // Listing brings every account's roles (in one query per table).
    let all = store.daftar_pengguna().await.unwrap();
    assert_eq!(all.len(), 30);
    assert_eq!(all[6], rows[6]);
    assert!(all.iter().all(|p| p.penugasan.len() == 1));

    // Lookup by blind index: any of several indexes (one per key) matches.
    let found = store
        .cari_pengguna_telepon(&["bbbbbbbb:indeks-7".into(), "aaaaaaaa:indeks-7".into()])
        .await
        .unwrap();
    assert_eq!(found, vec![rows[6].clone()]);
    assert!(
        store
            .cari_pengguna_telepon(&["x".into()])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.cari_pengguna_telepon(&[]).await.unwrap().is_empty());

    assert!(
        store
            .ubah_telepon(rows[0].id, None, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .ambil_pengguna(rows[0].id)
            .await
            .unwrap()
            .unwrap()
            .telepon,
        None
    );
    assert!(
        !store
            .ubah_telepon(Uuid::now_v7(), None, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(store.daftar_kid_terpakai().await.unwrap(), ["aaaaaaaa"]);

    // Rotation rewrites every value in one go.
    let stored = store
        .daftar_rahasia(crate::KolomRahasia::PenggunaTelepon)
        .await
        .unwrap();
    assert_eq!(stored.len(), 29);
    let rewritten: Vec<_> = stored
        .iter()
        .map(|(id, d)| {
            let n: u32 = d.indeks.rsplit('-').next().unwrap().parse().unwrap();
            (
                crate::KolomRahasia::PenggunaTelepon,
                *id,
                tersandi("cccccccc", n),
            )
        })
        .collect();
    assert_eq!(store.ubah_rahasia(&rewritten, &jejak()).await.unwrap(), 29);
    assert_eq!(store.daftar_kid_terpakai().await.unwrap(), ["cccccccc"]);
    let found = store
        .cari_pengguna_telepon(&["cccccccc:indeks-7".into()])
        .await
        .unwrap();
    assert_eq!(found[0].telepon, Some(tersandi("cccccccc", 7)));
}

pub async fn saksi_of_a_tps_main_and_backups(store: DynStore) {
    let tps = KodeTps::parse("3273011001003").unwrap();
    let saksi = |u: &str, menit: u8, tps: KodeTps| {
        let mut p = pengguna(u);
        p.dibuat = datetime!(2026-11-28 08:00 UTC) + time::Duration::minutes(menit.into());
        p.penugasan = vec![Penugasan::new(Peran::Saksi, Cakupan::Tps(tps)).unwrap()];
        p
    };
    let lain = KodeTps::parse("3273011002001").unwrap();
    // Created out of order: the list is by age, not by insertion.
    let budi = saksi("budi", 5, tps);
    let ani = saksi("ani", 1, tps);
    let cici = saksi("cici", 1, lain);
    store
        .simpan_pengguna_banyak(&[budi.clone(), ani.clone(), cici.clone()], &jejak())
        .await
        .unwrap();
    let names = |v: &[crate::SaksiTps]| {
        v.iter()
            .map(|s| (s.username.clone(), s.ditetapkan_utama))
            .collect::<Vec<_>>()
    };
    let desa = store.daftar_saksi_di(k("32.73.01.1001")).await.unwrap();
    assert_eq!(
        names(&desa),
        [("ani".to_string(), false), ("budi".to_string(), false)]
    );
    assert_eq!(desa[0].tps, tps);
    assert_eq!(desa[0].nama, ani.nama);
    assert_eq!(store.daftar_saksi_di(k("32.73.01")).await.unwrap().len(), 3);
    let mut per_tps = store.hitung_saksi_per_tps(k("32.73.01")).await.unwrap();
    per_tps.sort_by_key(|(t, _)| t.to_string());
    let mut expect = vec![(tps, 2), (lain, 1)];
    expect.sort_by_key(|(t, _)| t.to_string());
    assert_eq!(per_tps, expect, "a main saksi and a backup count as two");
    assert!(
        store
            .hitung_saksi_per_tps(k("32.73.02"))
            .await
            .unwrap()
            .is_empty()
    );

    let audit_before = store.daftar_audit(0, 100).await.unwrap().len();
    assert!(
        store
            .ubah_saksi_utama(budi.id, tps, &jejak())
            .await
            .unwrap()
    );
    assert!(
        !store
            .ubah_saksi_utama(budi.id, tps, &jejak())
            .await
            .unwrap()
    );
    let desa = store.daftar_saksi_di(k("32.73.01.1001")).await.unwrap();
    assert_eq!(
        names(&desa),
        [("ani".to_string(), false), ("budi".to_string(), true)]
    );
    // One main per TPS: naming another replaces the first.
    assert!(store.ubah_saksi_utama(ani.id, tps, &jejak()).await.unwrap());
    let desa = store.daftar_saksi_di(k("32.73.01.1001")).await.unwrap();
    assert_eq!(
        names(&desa),
        [("ani".to_string(), true), ("budi".to_string(), false)]
    );
    assert_eq!(
        store.daftar_audit(0, 100).await.unwrap().len(),
        audit_before + 2,
        "each change audited, the no-op not"
    );
    // A disabled account is no one's witness.
    assert!(store.ubah_aktif(ani.id, false, &jejak()).await.unwrap());
    assert_eq!(
        names(&store.daftar_saksi_di(k("32.73.01.1001")).await.unwrap()),
        [("budi".to_string(), false)]
    );
}

pub async fn pengguna_accounts_and_roles(store: DynStore) {
    let ani = pengguna("ani");
    store
        .simpan_pengguna(&ani, Some("$argon2id$dummy"), &jejak())
        .await
        .unwrap();
    let dup = store
        .simpan_pengguna(&pengguna("ani"), None, &jejak())
        .await;
    assert!(
        matches!(&dup, Err(StoreError::Conflict(crate::Konflik::NamaPengguna(n))) if n == "ani"),
        "{dup:?}"
    );
    assert_eq!(store.ambil_pengguna(ani.id).await.unwrap().unwrap(), ani);
    let (found, hash) = store.cari_login("ani").await.unwrap().unwrap();
    assert_eq!(found.id, ani.id);
    assert_eq!(hash.as_deref(), Some("$argon2id$dummy"));
    assert!(store.cari_login("budi").await.unwrap().is_none());

    let saksi = Penugasan::new(Peran::Auditor, Cakupan::Wilayah(k("32.73.01"))).unwrap();
    assert!(
        store
            .simpan_penugasan(ani.id, saksi, &jejak())
            .await
            .unwrap()
    );
    assert!(
        !store
            .simpan_penugasan(ani.id, saksi, &jejak())
            .await
            .unwrap()
    );
    let got = store.ambil_pengguna(ani.id).await.unwrap().unwrap();
    assert_eq!(got.penugasan.len(), 2);
    assert!(got.penugasan.contains(&saksi));
    assert!(
        store
            .hapus_penugasan(ani.id, saksi, &jejak())
            .await
            .unwrap()
    );
    assert!(
        !store
            .hapus_penugasan(ani.id, saksi, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .ambil_pengguna(ani.id)
            .await
            .unwrap()
            .unwrap()
            .penugasan
            .len(),
        1
    );

    assert!(store.ubah_aktif(ani.id, false, &jejak()).await.unwrap());
    assert!(!store.ambil_pengguna(ani.id).await.unwrap().unwrap().aktif);
    assert!(
        !store
            .ubah_aktif(Uuid::now_v7(), false, &jejak())
            .await
            .unwrap()
    );
    assert!(
        store
            .ubah_hash_sandi(ani.id, "$argon2id$baru", &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        store.cari_login("ani").await.unwrap().unwrap().1.as_deref(),
        Some("$argon2id$baru")
    );
    store
        .simpan_pengguna(&pengguna("budi"), None, &jejak())
        .await
        .unwrap();
    let names: Vec<String> = store
        .daftar_pengguna()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.username)
        .collect();
    assert_eq!(names, ["ani", "budi"]);
    // Every change above was audited; the refused duplicate was not.
    assert_eq!(store.daftar_audit(0, 100).await.unwrap().len(), 6);
}
