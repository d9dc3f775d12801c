//! Conformance: election-day results past the submission — verifiers'
//! readings, a result's status, results by area, the official count, and
//! check-ins and incidents.

use uuid::Uuid;

use super::*;

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
    super::simpan_dua_paslon(&store, &p).await;
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

    // A later form that breaks an arithmetic rule is read first.
    let (mut k1, mut h1) = kiriman(&p, &t[1], "b-1", &[5, 6], 1);
    k1.waktu = 1_200;
    h1.waktu = 1_200;
    h1.jumlah_temuan = 2;
    store.simpan_hasil(&k1, &h1, &jejak()).await.unwrap();
    let masuk = || async {
        tps_of(
            store
                .daftar_hasil_berstatus(p.id, StatusHasil::Masuk, &[], 10)
                .await
                .unwrap(),
        )
    };
    assert_eq!(masuk().await, [t[1].kode, t[3].kode]);
    // A photo nobody can read takes the form out of the queue, listed
    // under its own status.
    assert!(
        store
            .ubah_status_hasil(
                p.id,
                t[3].kode,
                k3.id,
                StatusHasil::PerluFoto,
                None,
                &jejak()
            )
            .await
            .unwrap()
    );
    assert_eq!(masuk().await, [t[1].kode]);
    assert_eq!(
        tps_of(
            store
                .daftar_hasil_berstatus(p.id, StatusHasil::PerluFoto, &[], 10)
                .await
                .unwrap()
        ),
        [t[3].kode]
    );
    assert_eq!(
        store
            .ambil_hasil_tps(p.id, t[3].kode)
            .await
            .unwrap()
            .unwrap()
            .status,
        StatusHasil::PerluFoto
    );
}

/// The official count of many TPS lands whole or not at all, replaces the
/// figures of a TPS stored before, and is read back per region.
pub async fn official_count_is_stored_all_or_nothing(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    super::simpan_dua_paslon(&store, &p).await;
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
    super::simpan_dua_paslon(&store, &p).await;
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

/// A client key belongs to (election, TPS, sender): the same key from
/// another sender, or for another TPS, is a new submission and never hands
/// back someone else's; the same key from the same sender for the same TPS
/// is the earlier submission. Who acted comes back as stored.
pub async fn client_keys_are_scoped_to_election_tps_and_sender(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    super::simpan_dua_paslon(&store, &p).await;
    let t = sample_tps();
    let (mut a, ha) = kiriman(&p, &t[0], "kunci-sama", &[120, 98], 7);
    a.kode_dari = Some(Uuid::now_v7());
    a.peramban = Some("cd".repeat(32));
    let crate::Kirim::Baru(stored_a) = store.simpan_hasil(&a, &ha, &jejak()).await.unwrap() else {
        panic!("new")
    };
    assert_eq!(stored_a.kode_dari, a.kode_dari);
    assert_eq!(stored_a.peramban, a.peramban);
    // Another TPS, same key, same sender: a new submission of its own.
    let (b, hb) = kiriman(&p, &t[1], "kunci-sama", &[1, 2], 0);
    let crate::Kirim::Baru(stored_b) = store.simpan_hasil(&b, &hb, &jejak()).await.unwrap() else {
        panic!("a key from another TPS must not return TPS 1's submission")
    };
    assert_eq!(stored_b.tps, t[1].kode);
    // Same TPS, same key, another sender: also new (revision 2).
    let (mut c, hc) = kiriman(&p, &t[0], "kunci-sama", &[3, 4], 0);
    c.pengirim_id = Uuid::now_v7();
    let crate::Kirim::Baru(stored_c) = store.simpan_hasil(&c, &hc, &jejak()).await.unwrap() else {
        panic!("another sender's key must not return the first sender's submission")
    };
    assert_eq!(stored_c.revisi, 2);
    // The first sender resending: the first submission, unchanged.
    let mut again = a.clone();
    again.id = Uuid::now_v7();
    assert_eq!(
        store.simpan_hasil(&again, &ha, &jejak()).await.unwrap(),
        crate::Kirim::Ulang(stored_a.clone())
    );
    assert_eq!(
        store.daftar_kiriman_tps(p.id, t[0].kode).await.unwrap(),
        [stored_a, stored_c]
    );
}

/// Uploads are recorded per account, once, with one audit entry; an
/// account's entries are read back by entity, newest first.
pub async fn photo_uploads_and_account_history_are_recorded(store: DynStore) {
    let ani = pengguna("ani");
    store.simpan_pengguna(&ani, None, &jejak()).await.unwrap();
    let hash = "ef".repeat(32);
    let before = store.daftar_audit(0, 1_000).await.unwrap().len();
    for _ in 0..2 {
        store
            .catat_unggah_foto(&hash, ani.id, 1_000, &jejak())
            .await
            .unwrap();
    }
    assert_eq!(
        store.daftar_audit(0, 1_000).await.unwrap().len(),
        before + 1
    );
    assert!(store.pernah_unggah_foto(&hash, ani.id).await.unwrap());
    assert!(
        !store
            .pernah_unggah_foto(&hash, Uuid::now_v7())
            .await
            .unwrap()
    );
    assert!(
        !store
            .pernah_unggah_foto(&"00".repeat(32), ani.id)
            .await
            .unwrap()
    );

    let about = |aksi: &str| {
        posko_domain::Jejak::new("user:x", aksi, "pengguna", ani.id.to_string(), aksi, b"")
    };
    store
        .simpan_kode_masuk(
            &KodeMasuk {
                kode_hash: "k".into(),
                pengguna_id: ani.id,
                kadaluarsa: 9_999,
                penerbit: None,
            },
            &about("kode_masuk.buat"),
        )
        .await
        .unwrap();
    store.catat_audit(&about("lain.hal")).await.unwrap();
    let aksi: Vec<String> = store
        .daftar_audit_entitas("pengguna", &ani.id.to_string(), 10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.aksi)
        .collect();
    assert_eq!(aksi, ["lain.hal", "kode_masuk.buat"]);
    assert!(
        store
            .daftar_audit_entitas("pengguna", &Uuid::now_v7().to_string(), 10)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn results_are_revisions_and_totals_move_by_the_difference(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    super::simpan_dua_paslon(&store, &p).await;
    let t = sample_tps();
    let submit = |k: crate::KirimanHasil, h: crate::HasilTps| {
        let store = store.clone();
        async move { store.simpan_hasil(&k, &h, &jejak()).await }
    };
    let (k1, h1) = kiriman(&p, &t[0], "a-1", &[120, 98], 7);
    let first = submit(k1.clone(), h1.clone()).await.unwrap();
    let crate::Kirim::Baru(stored) = first else {
        panic!("new")
    };
    assert_eq!(stored.revisi, 1);
    // The same client id again: nothing new, the first answer back.
    let (mut again, h_again) = kiriman(&p, &t[0], "a-1", &[1, 1], 0);
    again.id = Uuid::now_v7();
    assert_eq!(
        submit(again, h_again).await.unwrap(),
        crate::Kirim::Ulang(stored.clone())
    );
    let (mut k2, h2) = kiriman(&p, &t[1], "b-1", &[50, 60], 3);
    k2.waktu = 900;
    submit(k2, h2).await.unwrap();
    let (mut k3, h3) = kiriman(&p, &t[3], "c-1", &[10, 20], 1);
    k3.waktu = 1_100;
    submit(k3, h3).await.unwrap();
    // A correction of TPS 1: revision 2, totals move by the difference.
    let (mut k4, h4) = kiriman(&p, &t[0], "a-2", &[120, 89], 7);
    k4.alasan = Some("salah baca".into());
    k4.waktu = 2_000;
    let crate::Kirim::Baru(fixed) = submit(k4, h4).await.unwrap() else {
        panic!("new")
    };
    assert_eq!(fixed.revisi, 2);

    // Arrival order is by each TPS's first revision: the correction at
    // 2000 does not move TPS 1 from 1000.
    assert_eq!(
        store.daftar_kedatangan_hasil(p.id, k("32")).await.unwrap(),
        [(t[1].kode, 900), (t[0].kode, 1_000), (t[3].kode, 1_100)]
    );
    assert!(
        store
            .daftar_kedatangan_hasil(p.id, k("31"))
            .await
            .unwrap()
            .is_empty()
    );

    let history = store.daftar_kiriman_tps(p.id, t[0].kode).await.unwrap();
    assert_eq!(history.iter().map(|k| k.revisi).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(history[0], stored, "the first revision is kept as sent");
    assert_eq!(history[1].alasan.as_deref(), Some("salah baca"));
    let now = store
        .ambil_hasil_tps(p.id, t[0].kode)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((now.revisi, now.kiriman_id), (2, fixed.id));
    assert_eq!(now.angka.suara, [120, 89]);
    assert!(
        store
            .ambil_hasil_tps(p.id, t[2].kode)
            .await
            .unwrap()
            .is_none()
    );

    let kodes = [
        k("32"),
        k("32.73"),
        k("32.73.01"),
        k("32.73.01.1001"),
        k("32.73.02"),
        k("32.73.01.1002"),
        k("31"),
    ];
    let r = store.daftar_rekap_hasil(p.id, &kodes, 2).await.unwrap();
    let got: Vec<(u64, u64, Vec<u64>, u64, u64)> = r
        .iter()
        .map(|x| {
            (
                x.tps_masuk,
                x.dpt_masuk,
                x.angka.suara.clone(),
                x.angka.sah,
                x.angka.tidak_sah,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (3, 210 + 290 + 110, vec![180, 169], 349, 11),
            (3, 610, vec![180, 169], 349, 11),
            (2, 500, vec![170, 149], 319, 10),
            (2, 500, vec![170, 149], 319, 10),
            (1, 110, vec![10, 20], 30, 1),
            (0, 0, vec![0, 0], 0, 0),
            (0, 0, vec![0, 0], 0, 0),
        ]
    );
    let desa = store
        .daftar_hasil_desa(p.id, k("32.73.01.1001"))
        .await
        .unwrap();
    assert_eq!(
        desa.iter().map(|h| h.tps.nomor().get()).collect::<Vec<_>>(),
        [1, 2]
    );

    // Unknown TPS or election: refused, nothing stored.
    let ghost = tps("32.73.01.1001", 9, 1, 1);
    let (k5, h5) = kiriman(&p, &ghost, "x-1", &[1, 1], 0);
    assert!(matches!(submit(k5, h5).await, Err(StoreError::NotFound(_))));
    // Every stored submission is one audit entry (plus the seed's three
    // and the two paslon's).
    assert_eq!(store.daftar_audit(0, 100).await.unwrap().len(), 3 + 2 + 4);
}

pub async fn concurrent_resends_store_one_submission(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    super::simpan_dua_paslon(&store, &p).await;
    let t = sample_tps();
    let mut handles = Vec::new();
    for i in 0..10 {
        let store = store.clone();
        let (mut k, h) = kiriman(&p, &t[0], "sama", &[120, 98], 7);
        k.id = Uuid::now_v7();
        k.waktu = i;
        handles.push(tokio::spawn(async move {
            store.simpan_hasil(&k, &h, &jejak()).await
        }));
    }
    let mut baru = 0;
    for h in handles {
        if let crate::Kirim::Baru(_) = h.await.unwrap().unwrap() {
            baru += 1;
        }
    }
    assert_eq!(baru, 1, "one stored, nine answered with it");
    assert_eq!(
        store
            .daftar_kiriman_tps(p.id, t[0].kode)
            .await
            .unwrap()
            .len(),
        1
    );
    let r = store.daftar_rekap_hasil(p.id, &[k("32")], 2).await.unwrap();
    assert_eq!((r[0].tps_masuk, r[0].angka.sah), (1, 218));
    // Different TPS in parallel: every total adds up.
    let mut handles = Vec::new();
    for (i, tps) in t.iter().enumerate().skip(1) {
        let store = store.clone();
        let (k, h) = kiriman(&p, tps, &format!("t-{i}"), &[10, 10], 0);
        handles.push(tokio::spawn(async move {
            store.simpan_hasil(&k, &h, &jejak()).await
        }));
    }
    for h in handles {
        h.await.unwrap().unwrap();
    }
    let r = store.daftar_rekap_hasil(p.id, &[k("32")], 2).await.unwrap();
    assert_eq!(
        (r[0].tps_masuk, r[0].angka.suara.clone()),
        (4, vec![150, 128])
    );
    // Many writers at once under one province (on PostgreSQL each moves
    // its own lane's rows): every level adds up, corrections and status
    // changes included, and the audit chains stay whole.
    let tps_banyak: Vec<crate::Tps> = (11..=34u16)
        .map(|n| super::tps("32.73.01.1002", n, 100, 100))
        .collect();
    store.simpan_tps(&tps_banyak, &jejak()).await.unwrap();
    let mut handles = Vec::new();
    for (i, tps) in tps_banyak.iter().enumerate() {
        let store = store.clone();
        let (k1, h1) = kiriman(&p, tps, &format!("b-{i}"), &[5, 3], 1);
        let (mut k2, h2) = kiriman(&p, tps, &format!("b2-{i}"), &[4, 3], 1);
        k2.alasan = Some("salah ketik".into());
        handles.push(tokio::spawn(async move {
            store.simpan_hasil(&k1, &h1, &jejak()).await.unwrap();
            store.simpan_hasil(&k2, &h2, &jejak()).await.unwrap()
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let kodes = [k("32"), k("32.73"), k("32.73.01"), k("32.73.01.1002")];
    let r = store.daftar_rekap_hasil(p.id, &kodes, 2).await.unwrap();
    assert_eq!(
        (r[0].tps_masuk, r[0].angka.suara.clone()),
        (28, vec![150 + 24 * 4, 128 + 24 * 3])
    );
    assert_eq!(
        (r[1].tps_masuk, r[1].angka.suara.clone()),
        (28, r[0].angka.suara.clone())
    );
    assert_eq!(
        (r[2].tps_masuk, r[2].angka.suara.clone()),
        (27, vec![140 + 96, 118 + 72])
    );
    assert_eq!(
        (r[3].tps_masuk, r[3].angka.suara.clone(), r[3].dpt_masuk),
        (25, vec![10 + 96, 10 + 72], 405 + 24 * 200)
    );
    super::periksa_audit(&store).await;
}

/// Which revision counts (`posko_domain::revisi`), decided in the write
/// transaction: a revision without a photo or a reason is stored but does
/// not displace a photo-backed or verified result, its audit entry says
/// so, and the totals stay; a documented correction replaces it. Racing
/// submissions cannot get around it.
pub async fn a_backed_result_is_not_displaced_by_an_undocumented_revision(store: DynStore) {
    use posko_domain::{Kekurangan, Pelindung, Tertahan};
    seeded(&store).await;
    let p = pemilihan();
    super::simpan_dua_paslon(&store, &p).await;
    let t = sample_tps();
    let baru = |r: crate::Result<Kirim>| match r.unwrap() {
        Kirim::Baru(k) => k,
        Kirim::Ulang(_) => panic!("new"),
    };
    let total = || {
        let store = store.clone();
        async move {
            let r = store.daftar_rekap_hasil(p.id, &[k("32")], 2).await.unwrap();
            (r[0].tps_masuk, r[0].angka.suara.clone())
        }
    };

    // Revision 1 carries a photo (the fixture's) and counts.
    let (k1, h1) = kiriman(&p, &t[0], "r-1", &[120, 98], 7);
    let k1 = baru(store.simpan_hasil(&k1, &h1, &jejak()).await);
    assert_eq!((k1.revisi, k1.tidak_dihitung), (1, None));
    let sebelum = total().await;
    assert_eq!(sebelum, (1, vec![120, 98]));

    // No photo, no reason: stored as revision 2, does not count.
    let (mut k2, h2) = kiriman(&p, &t[0], "r-2", &[10, 300], 7);
    k2.foto.clear();
    let k2 = baru(store.simpan_hasil(&k2, &h2, &jejak()).await);
    let tahan = crate::TidakDihitung {
        alasan: Tertahan {
            pelindung: Pelindung::Foto,
            kurang: Kekurangan::FotoDanAlasan,
        },
        revisi_dihitung: 1,
    };
    assert_eq!((k2.revisi, k2.tidak_dihitung), (2, Some(tahan)));
    let now = store
        .ambil_hasil_tps(p.id, t[0].kode)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((now.revisi, now.kiriman_id), (1, k1.id));
    assert_eq!(total().await, sebelum, "totals do not move");
    let audit = store.daftar_audit(0, 100).await.unwrap();
    let last = audit.last().unwrap();
    assert!(
        last.ringkasan.contains("TIDAK DIHITUNG") && last.ringkasan.contains("Revisi 2"),
        "{}",
        last.ringkasan
    );

    // A photo without a reason (and a blank reason) is not enough either.
    let (mut k3, h3) = kiriman(&p, &t[0], "r-3", &[11, 300], 7);
    k3.alasan = Some("   ".into());
    let k3 = baru(store.simpan_hasil(&k3, &h3, &jejak()).await);
    assert_eq!(
        k3.tidak_dihitung.map(|t| t.alasan.kurang),
        Some(Kekurangan::Alasan)
    );

    // Every revision is kept, each with what it was told, read back.
    let history = store.daftar_kiriman_tps(p.id, t[0].kode).await.unwrap();
    assert_eq!(history, vec![k1.clone(), k2.clone(), k3.clone()]);

    // A photo and a reason: a real correction replaces it.
    let (mut k4, h4) = kiriman(&p, &t[0], "r-4", &[120, 89], 7);
    k4.alasan = Some("salah baca paslon 2".into());
    let k4 = baru(store.simpan_hasil(&k4, &h4, &jejak()).await);
    assert_eq!((k4.revisi, k4.tidak_dihitung), (4, None));
    assert_eq!(total().await, (1, vec![120, 89]));

    // A result with no photo is replaced by anything ...
    let (mut a1, ha1) = kiriman(&p, &t[1], "v-1", &[50, 60], 3);
    a1.foto.clear();
    let a1 = baru(store.simpan_hasil(&a1, &ha1, &jejak()).await);
    let (mut a2, ha2) = kiriman(&p, &t[1], "v-2", &[51, 60], 3);
    a2.foto.clear();
    let a2 = baru(store.simpan_hasil(&a2, &ha2, &jejak()).await);
    assert_eq!(a2.tidak_dihitung, None);
    assert_eq!(a1.tidak_dihitung, None);
    // ... until it is verified: then a photo-less one with a reason is held.
    let angka = crate::Angka {
        suara: vec![51, 60],
        sah: 111,
        tidak_sah: 3,
    };
    assert!(
        store
            .ubah_status_hasil(
                p.id,
                t[1].kode,
                a2.id,
                StatusHasil::Terverifikasi,
                Some(&angka),
                &jejak()
            )
            .await
            .unwrap()
    );
    let (mut a3, ha3) = kiriman(&p, &t[1], "v-3", &[99, 60], 3);
    a3.foto.clear();
    a3.alasan = Some("dihitung ulang".into());
    let a3 = baru(store.simpan_hasil(&a3, &ha3, &jejak()).await);
    assert_eq!(
        a3.tidak_dihitung,
        Some(crate::TidakDihitung {
            alasan: Tertahan {
                pelindung: Pelindung::Verifikasi,
                kurang: Kekurangan::Foto,
            },
            revisi_dihitung: 2,
        })
    );
    let now = store
        .ambil_hasil_tps(p.id, t[1].kode)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((now.revisi, now.status), (2, StatusHasil::Terverifikasi));

    // Racing: on a TPS whose result has no photo, a photo-backed revision
    // and photo-less ones arrive together. Whatever the order, the
    // photo-backed one ends up counted: a photo-less one either came
    // first (and was replaced) or came after (and was held).
    for (i, tps) in [&t[2], &t[3]].into_iter().enumerate() {
        let (mut awal, h) = kiriman(&p, tps, &format!("awal-{i}"), &[1, 1], 0);
        awal.foto.clear();
        baru(store.simpan_hasil(&awal, &h, &jejak()).await);
        let mut handles = Vec::new();
        for j in 0..6 {
            let store = store.clone();
            let (mut kj, hj) = kiriman(&p, tps, &format!("balap-{i}-{j}"), &[j + 2, 1], 0);
            if j != 3 {
                kj.foto.clear();
            }
            handles.push(tokio::spawn(async move {
                store.simpan_hasil(&kj, &hj, &jejak()).await
            }));
        }
        for h in handles {
            baru(h.await.unwrap());
        }
        let now = store
            .ambil_hasil_tps(p.id, tps.kode)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(now.angka.suara, [5, 1], "the photo-backed one counts");
        let history = store.daftar_kiriman_tps(p.id, tps.kode).await.unwrap();
        assert_eq!(history.len(), 7, "every revision is stored");
        let counted = history.iter().find(|k| k.id == now.kiriman_id).unwrap();
        assert_eq!(counted.tidak_dihitung, None);
        // Those after it were held, naming it.
        for later in history.iter().filter(|k| k.revisi > counted.revisi) {
            assert_eq!(
                later.tidak_dihitung.map(|t| t.revisi_dihitung),
                Some(counted.revisi)
            );
        }
    }
}

/// Figures for a paslon the election does not have are refused by the
/// store itself, in the write transaction, before anything is written: no
/// revision, no region's totals moved, no totals row for that nomor urut.
/// The use case refuses them first; this is the floor under every path. A
/// calon tunggal ballot's blank box is an entry of its own.
pub async fn a_result_for_a_paslon_that_does_not_run_never_reaches_the_totals(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    super::simpan_dua_paslon(&store, &p).await;
    let t = sample_tps();
    let (k1, h1) = kiriman(&p, &t[0], "a-1", &[120, 98], 7);
    let Kirim::Baru(k1) = store.simpan_hasil(&k1, &h1, &jejak()).await.unwrap() else {
        panic!("new")
    };
    // Read with room for a third paslon, so a row for it would show.
    let kodes = [k("32.73"), t[0].kode.desa(), t[1].kode.desa()];
    let rekap = || async { store.daftar_rekap_hasil(p.id, &kodes, 3).await.unwrap() };
    let sebelum = rekap().await;
    assert_eq!(sebelum[0].angka.suara, [120, 98, 0]);
    for (tps, kunci) in [(&t[1], "b-1"), (&t[0], "a-2")] {
        let (k3, h3) = kiriman(&p, tps, kunci, &[10, 20, 30_000], 0);
        assert!(
            matches!(
                store.simpan_hasil(&k3, &h3, &jejak()).await,
                Err(StoreError::NotFound(ref m)) if m.contains("paslon nomor urut 3")
            ),
            "{kunci}"
        );
    }
    let seribu = vec![1; 1000];
    let (k4, h4) = kiriman(&p, &t[1], "b-2", &seribu, 0);
    assert!(store.simpan_hasil(&k4, &h4, &jejak()).await.is_err());
    // Verified figures are held to the same count.
    let tiga = Angka {
        suara: vec![1, 2, 3],
        sah: 6,
        tidak_sah: 0,
    };
    assert!(
        store
            .ubah_status_hasil(
                p.id,
                t[0].kode,
                k1.id,
                StatusHasil::Terverifikasi,
                Some(&tiga),
                &jejak()
            )
            .await
            .is_err()
    );
    assert_eq!(rekap().await, sebelum);
    assert!(
        store
            .daftar_kiriman_tps(p.id, t[1].kode)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .daftar_kiriman_tps(p.id, t[0].kode)
            .await
            .unwrap()
            .len(),
        1
    );

    // One paslon against the blank box: two entries count, three do not.
    let mut tunggal = pemilihan();
    tunggal.nama = "Pemilihan calon tunggal".into();
    store.simpan_pemilihan(&tunggal, &jejak()).await.unwrap();
    store
        .simpan_paslon(
            &super::paslon(&tunggal, 1, "Rina Marlina", "Bayu Nugroho"),
            &jejak(),
        )
        .await
        .unwrap();
    let (k5, h5) = kiriman(&tunggal, &t[0], "t-1", &[150, 40], 2);
    store.simpan_hasil(&k5, &h5, &jejak()).await.unwrap();
    let (k6, h6) = kiriman(&tunggal, &t[1], "t-2", &[150, 40, 1], 2);
    assert!(store.simpan_hasil(&k6, &h6, &jejak()).await.is_err());
    let r = store
        .daftar_rekap_hasil(tunggal.id, &[k("32.73")], 3)
        .await
        .unwrap();
    assert_eq!(r[0].angka.suara, [150, 40, 0]);
    assert_eq!(r[0].tps_masuk, 1);
}
