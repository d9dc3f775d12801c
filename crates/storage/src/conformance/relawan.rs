//! Conformance: relawan (their recruiting tree, accounts and invitations)
//! and the supporters they record (duplicates, retention, counts).

use posko_domain::{Cakupan, KodeTps, TingkatRelawan};
use time::macros::date;
use uuid::Uuid;

use super::kegiatan::pendukung;
use super::{DynStore, jejak, k, pengguna, seeded};
use crate::{Relawan, StoreError, Undangan};

fn relawan(nama: &str, wilayah: &str, perekrut: Option<Uuid>) -> Relawan {
    let wilayah = Cakupan::parse(wilayah).unwrap();
    Relawan {
        id: Uuid::now_v7(),
        pengguna_id: None,
        nama: nama.into(),
        tingkat: TingkatRelawan::dari(&wilayah).unwrap(),
        wilayah,
        perekrut,
        aktif: true,
        dibuat: 1_700_000_000,
    }
}

/// A recruiting tree read down from any relawan and by territory; a
/// relawan with an account is found by it; an invitation makes one
/// relawan and then is used up.
pub async fn relawan_tree_accounts_and_invitations(store: DynStore) {
    seeded(&store).await;
    let kota = relawan("Rina", "32.73", None);
    let kec = relawan("Budi", "32.73.01", Some(kota.id));
    let mut desa = relawan("Cici", "32.73.01.1001", Some(kec.id));
    let akun = pengguna("cici");
    desa.pengguna_id = Some(akun.id);
    let lain = relawan("Dodi", "32.73.02", Some(kota.id));
    for r in [&kota, &kec, &lain] {
        store
            .simpan_relawan(r, None, None, 1_700_000_000, &jejak())
            .await
            .unwrap();
    }
    store
        .simpan_relawan(&desa, Some((&akun, "hash")), None, 1_700_000_000, &jejak())
        .await
        .unwrap();

    assert_eq!(
        store.ambil_relawan(kec.id).await.unwrap(),
        Some(kec.clone())
    );
    assert_eq!(store.ambil_relawan(Uuid::now_v7()).await.unwrap(), None);
    assert_eq!(
        store.cari_relawan_pengguna(akun.id).await.unwrap(),
        Some(desa.clone())
    );
    assert!(store.ambil_pengguna(akun.id).await.unwrap().is_some());
    assert_eq!(
        store.cari_relawan_pengguna(Uuid::now_v7()).await.unwrap(),
        None
    );

    // Down the line, by territory then name; not the relawan itself.
    assert_eq!(
        store.daftar_relawan_bawahan(kota.id).await.unwrap(),
        vec![kec.clone(), desa.clone(), lain.clone()]
    );
    assert_eq!(
        store.daftar_relawan_bawahan(kec.id).await.unwrap(),
        vec![desa.clone()]
    );
    assert!(
        store
            .daftar_relawan_bawahan(desa.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.daftar_relawan_di(Some(k("32.73.01"))).await.unwrap(),
        vec![kec.clone(), desa.clone()]
    );
    assert_eq!(store.daftar_relawan_di(None).await.unwrap().len(), 4);
    assert!(
        store
            .daftar_relawan_di(Some(k("31")))
            .await
            .unwrap()
            .is_empty()
    );

    // An invitation round-trips, makes one relawan, then is used up.
    let u = Undangan {
        kode_hash: "undangan-1".into(),
        perekrut: kec.id,
        wilayah: Cakupan::parse("32.73.01.1002").unwrap(),
        dibuat: 1_700_000_000,
        kadaluarsa: 1_700_086_400,
        dipakai: None,
    };
    store.simpan_undangan(&u, &jejak()).await.unwrap();
    assert_eq!(
        store.ambil_undangan("undangan-1").await.unwrap(),
        Some(u.clone())
    );
    assert_eq!(store.ambil_undangan("tidak-ada").await.unwrap(), None);
    let baru = relawan("Euis", "32.73.01.1002", Some(kec.id));
    store
        .simpan_relawan(&baru, None, Some("undangan-1"), 1_700_000_100, &jejak())
        .await
        .unwrap();
    let dipakai = store.ambil_undangan("undangan-1").await.unwrap().unwrap();
    assert!(dipakai.dipakai.is_some());
    let lagi = relawan("Fajar", "32.73.01.1002", Some(kec.id));
    assert!(matches!(
        store
            .simpan_relawan(&lagi, None, Some("undangan-1"), 1_700_000_200, &jejak())
            .await,
        Err(StoreError::Conflict(crate::Konflik::UndanganTerpakai))
    ));
    assert_eq!(store.ambil_relawan(lagi.id).await.unwrap(), None);
}

/// Supporters round-trip and are listed newest first per region; the
/// fuzzy rule's candidates, the duplicate review, retention and the
/// counts per relawan, day and TPS.
pub async fn supporters_duplicates_retention_and_counts(store: DynStore) {
    seeded(&store).await;
    let rina = relawan("Rina", "32.73.01", None);
    store
        .simpan_relawan(&rina, None, None, 1_700_000_000, &jejak())
        .await
        .unwrap();
    // 2026-06-01 00:30 WIB, and a day later.
    let hari_1 = 1_780_248_600;
    let p1 = pendukung(rina.id, "Siti Aminah", "32.73.01.1001-001", hari_1);
    let mut p2 = pendukung(rina.id, "Siti Aminah", "32.73.01.1001-001", hari_1 + 86_400);
    p2.simpan_sampai = date!(2025 - 01 - 01);
    assert_eq!(
        store
            .simpan_pendukung(&p1, &[], &[], &[], &jejak())
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .simpan_pendukung(&p2, &[], &[], &[(p1.id, 0.93)], &jejak())
            .await
            .unwrap(),
        None
    );

    assert_eq!(
        store.ambil_pendukung(p1.id).await.unwrap(),
        Some(p1.clone())
    );
    assert_eq!(store.ambil_pendukung(Uuid::now_v7()).await.unwrap(), None);
    assert_eq!(
        store
            .daftar_pendukung_di(Some(k("32.73.01")), 10)
            .await
            .unwrap(),
        vec![p2.clone(), p1.clone()]
    );
    assert_eq!(
        store.daftar_pendukung_di(None, 1).await.unwrap(),
        vec![p2.clone()]
    );
    assert!(
        store
            .daftar_pendukung_di(Some(k("32.73.02")), 10)
            .await
            .unwrap()
            .is_empty()
    );

    let mut kandidat = store
        .daftar_kandidat_ganda(k("32.73.01.1001"), date!(1980 - 01 - 01))
        .await
        .unwrap();
    kandidat.sort();
    let mut expect = vec![(p1.id, p1.nama.clone()), (p2.id, p2.nama.clone())];
    expect.sort();
    assert_eq!(kandidat, expect);
    assert!(
        store
            .daftar_kandidat_ganda(k("32.73.01.1001"), date!(1990 - 01 - 01))
            .await
            .unwrap()
            .is_empty()
    );

    // Retention: only the supporter whose date has passed.
    assert_eq!(
        store
            .daftar_pendukung_kedaluwarsa(date!(2026 - 01 - 01))
            .await
            .unwrap(),
        vec![p2.id]
    );
    assert!(
        store
            .daftar_pendukung_kedaluwarsa(date!(2024 - 01 - 01))
            .await
            .unwrap()
            .is_empty()
    );

    // Counts per relawan, per WIB day and per TPS.
    assert_eq!(
        store.hitung_pendukung_relawan(None).await.unwrap(),
        vec![(rina.id, 2)]
    );
    assert!(
        store
            .hitung_pendukung_relawan(Some(k("32.73.02")))
            .await
            .unwrap()
            .is_empty()
    );
    let hari = (hari_1 + 7 * 3_600).div_euclid(86_400);
    assert_eq!(
        store.hitung_aktivitas_pendukung(&[rina.id]).await.unwrap(),
        vec![(hari, 1), (hari + 1, 1)]
    );
    assert!(
        store
            .hitung_aktivitas_pendukung(&[Uuid::now_v7()])
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.hitung_pendukung_per_tps(k("32.73")).await.unwrap(),
        vec![(KodeTps::parse("32.73.01.1001-001").unwrap(), 2)]
    );

    // The duplicate review: listed while new, decided once.
    let ragu = store.daftar_ragu(None, 10).await.unwrap();
    assert_eq!(ragu.len(), 1);
    let r = &ragu[0];
    assert_eq!((r.pendukung_a, r.pendukung_b), (p1.id, p2.id));
    assert_eq!((r.status.as_str(), r.desa), ("baru", k("32.73.01.1001")));
    assert!((r.skor - 0.93).abs() < 1e-9);
    assert!(
        store
            .daftar_ragu(Some(k("32.73.02")), 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.ambil_ragu(r.id).await.unwrap(), Some(r.clone()));
    assert!(store.putuskan_ragu(r.id, "beda", &jejak()).await.unwrap());
    assert!(!store.putuskan_ragu(r.id, "sama", &jejak()).await.unwrap());
    assert_eq!(
        store.ambil_ragu(r.id).await.unwrap().unwrap().status,
        "beda"
    );
    assert!(store.daftar_ragu(None, 10).await.unwrap().is_empty());
    assert_eq!(store.ambil_ragu(Uuid::now_v7()).await.unwrap(), None);
}
