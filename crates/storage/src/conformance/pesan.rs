//! Conformance: the gateways' inbox, the leased reply outbox, Telegram links and short codes.

use super::*;

pub async fn pesan_inbox_dedupes_and_outbox_survives(store: DynStore) {
    use crate::pesan::MAKS_PERCOBAAN;
    use crate::{HasilOlah, Saluran, StatusPesan};

    // A new message is stored (as it came, photos included) and audited.
    let mut m1 = pesan_masuk("sms-1", 1, 1_000);
    m1.foto = vec!["ab".repeat(32)];
    assert_eq!(store.simpan_pesan(&m1, &jejak()).await.unwrap(), None);
    assert_eq!(jumlah_audit(&store).await, 1);
    // The gateway retrying: the stored message comes back, nothing is written.
    let mut ulang = pesan_masuk("sms-1", 1, 1_050);
    ulang.teks = "lain".into();
    let stored = store.simpan_pesan(&ulang, &jejak()).await.unwrap();
    assert_eq!(stored, Some(m1.clone()));
    assert_eq!(jumlah_audit(&store).await, 1, "a retry is not audited");
    // The same id on another gateway is another message.
    let mut tg = pesan_masuk("sms-1", 2, 1_100);
    tg.saluran = Saluran::Telegram;
    assert_eq!(store.simpan_pesan(&tg, &jejak()).await.unwrap(), None);

    // Twenty servers receive one retry at once: one stores it.
    let mut handles = Vec::new();
    for _ in 0..20 {
        let store = store.clone();
        let m = pesan_masuk("sms-2", 3, 1_200);
        handles.push(tokio::spawn(async move {
            let r = store.simpan_pesan(&m, &jejak()).await;
            (m.id, r)
        }));
    }
    let (mut menang, mut kalah) = (Vec::new(), Vec::new());
    for h in handles {
        match h.await.unwrap() {
            (id, Ok(None)) => menang.push(id),
            (_, Ok(Some(p))) => kalah.push(p.id),
            (_, Err(e)) => panic!("concurrent simpan_pesan failed: {e}"),
        }
    }
    assert_eq!(menang.len(), 1, "exactly one insert");
    assert!(kalah.iter().all(|id| *id == menang[0]), "the others get it");
    let m2 = menang[0];
    assert_eq!(jumlah_audit(&store).await, 3);
    let m3 = pesan_masuk("sms-3", 1, 1_300);
    assert_eq!(store.simpan_pesan(&m3, &jejak()).await.unwrap(), None);
    assert_eq!(jumlah_audit(&store).await, 4);

    // Crash recovery: unprocessed messages received before the cutoff.
    let ids = |v: Vec<crate::PesanMasuk>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.daftar_pesan_baru(1_200, 10).await.unwrap()),
        [m1.id, tg.id]
    );

    // Processing: ids that match nothing stored (an unregistered sender, a
    // TPS not imported) are kept, not refused by a foreign key.
    let h = HasilOlah {
        status: StatusPesan::Diterima,
        pengguna_id: Some(Uuid::now_v7()),
        tps: Some(KodeTps::parse("3273011001003").unwrap()),
        kiriman_id: Some(Uuid::now_v7()),
        balasan: "Diterima TPS 32.73.01.1001-003. Terima kasih.".into(),
        kirim_balasan: true,
    };
    assert!(
        store
            .selesaikan_pesan(m1.id, &h, 2_000, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, 5);
    // A second processor of the same message writes nothing.
    let lain = HasilOlah {
        status: StatusPesan::Galat,
        balasan: "lain".into(),
        ..h.clone()
    };
    assert!(
        !store
            .selesaikan_pesan(m1.id, &lain, 2_001, &jejak())
            .await
            .unwrap()
    );
    assert!(
        !store
            .selesaikan_pesan(Uuid::now_v7(), &h, 2_001, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, 5);
    let now = store
        .simpan_pesan(&ulang, &jejak())
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(
        (
            now.status,
            now.pengguna_id,
            now.tps,
            now.kiriman_id,
            now.balasan.as_deref()
        ),
        (
            StatusPesan::Diterima,
            h.pengguna_id,
            h.tps,
            h.kiriman_id,
            Some(h.balasan.as_str())
        )
    );
    // Throttled: recorded, nothing queued.
    let diam = HasilOlah {
        status: StatusPesan::TakTerdaftar,
        pengguna_id: None,
        tps: None,
        kiriman_id: None,
        balasan: "Nomor ini tidak terdaftar.".into(),
        kirim_balasan: false,
    };
    assert!(
        store
            .selesaikan_pesan(tg.id, &diam, 2_000, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        store.hitung_keluar_per_status().await.unwrap(),
        [("antre".to_string(), 1)]
    );
    assert_eq!(
        ids(store.daftar_pesan_baru(10_000, 10).await.unwrap()),
        [m2, m3.id]
    );
    assert!(store.daftar_pesan_baru(1_200, 10).await.unwrap().is_empty());

    // Flood throttling counts by sender and time.
    let idx = |n| tersandi("kunci001", n).indeks;
    assert_eq!(store.hitung_pesan_dari(&idx(1), 0).await.unwrap(), 2);
    assert_eq!(store.hitung_pesan_dari(&idx(1), 1_000).await.unwrap(), 2);
    assert_eq!(store.hitung_pesan_dari(&idx(1), 1_001).await.unwrap(), 1);
    assert_eq!(store.hitung_pesan_dari(&idx(3), 0).await.unwrap(), 1);
    assert_eq!(store.hitung_pesan_dari(&idx(9), 0).await.unwrap(), 0);

    // The coordinators' list, newest first.
    let daftar = |s: &'static [StatusPesan], n| {
        let store = store.clone();
        async move { ids(store.daftar_pesan(s, n).await.unwrap()) }
    };
    assert_eq!(daftar(&[StatusPesan::Baru], 10).await, [m3.id, m2]);
    assert_eq!(
        daftar(&[StatusPesan::TakTerdaftar, StatusPesan::Diterima], 10).await,
        [tg.id, m1.id]
    );
    assert_eq!(daftar(&[], 10).await, [m3.id, m2, tg.id, m1.id]);
    assert_eq!(daftar(&[], 1).await, [m3.id]);
    assert!(daftar(&[StatusPesan::Galat], 10).await.is_empty());

    // The outbox: one reply due, addressed to the message's sender, leased
    // for 30 s to whoever claims it.
    let ambil = |sekarang: i64| {
        let store = store.clone();
        async move {
            store
                .ambil_balasan(sekarang, sekarang + 30, 10)
                .await
                .unwrap()
        }
    };
    assert!(ambil(1_999).await.is_empty());
    let due = ambil(2_000).await;
    assert_eq!(due.len(), 1);
    let b = due[0].clone();
    assert_eq!(
        (
            b.pesan_id,
            b.saluran,
            &b.tujuan,
            b.teks.as_str(),
            b.percobaan,
            b.berikut
        ),
        (
            m1.id,
            Saluran::SmsGateway,
            &m1.pengirim,
            h.balasan.as_str(),
            0,
            2_030
        )
    );
    // Leased: another sender does not get it; if the first dies trying,
    // it comes due again when the lease runs out.
    assert!(ambil(2_029).await.is_empty());
    let lagi = ambil(2_030).await;
    assert_eq!(lagi.len(), 1);
    assert_ne!(lagi[0].pemegang, b.pemegang, "each claim has its own token");
    // A failed attempt by the claim holding it: not due again until the
    // next attempt's time.
    assert!(
        store
            .tandai_balasan(
                b.id,
                lagi[0].pemegang,
                false,
                Some("gateway 503"),
                2_060,
                2_000
            )
            .await
            .unwrap()
    );
    assert!(ambil(2_059).await.is_empty());
    let due = ambil(2_060).await;
    assert_eq!((due[0].percobaan, due[0].berikut), (1, 2_090));
    // Up to the last attempt it stays queued, then it is given up.
    let mut pemegang = due[0].pemegang;
    for i in 2..MAKS_PERCOBAAN {
        let t = 2_000 + 60 * i64::from(i);
        assert!(
            store
                .tandai_balasan(b.id, pemegang, false, Some("timeout"), t, t - 60)
                .await
                .unwrap()
        );
        pemegang = ambil(t).await[0].pemegang;
    }
    let due = ambil(1_000_000).await;
    assert_eq!(due[0].percobaan, MAKS_PERCOBAAN - 1);
    assert!(
        store
            .tandai_balasan(b.id, due[0].pemegang, false, Some("timeout"), 9_000, 8_000)
            .await
            .unwrap()
    );
    assert!(ambil(2_000_000).await.is_empty());
    // A given-up reply stays given up.
    assert!(
        !store
            .tandai_balasan(b.id, due[0].pemegang, true, None, 0, 9_500)
            .await
            .unwrap()
    );
    assert_eq!(
        store.hitung_keluar_per_status().await.unwrap(),
        [("gagal".to_string(), 1)]
    );

    // A reply sent: not due again, counted as sent.
    let h2 = HasilOlah {
        status: StatusPesan::Galat,
        pengguna_id: None,
        tps: None,
        kiriman_id: None,
        balasan: "Angka 'l20' tidak jelas: maksud Anda 120?".into(),
        kirim_balasan: true,
    };
    assert!(
        store
            .selesaikan_pesan(m2, &h2, 3_000, &jejak())
            .await
            .unwrap()
    );
    let due = ambil(3_000).await;
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].tujuan, tersandi("kunci001", 3));
    assert!(
        store
            .tandai_balasan(due[0].id, due[0].pemegang, true, None, 0, 3_005)
            .await
            .unwrap()
    );
    assert!(ambil(3_000_000).await.is_empty());
    assert_eq!(
        store.hitung_keluar_per_status().await.unwrap(),
        [("gagal".to_string(), 1), ("terkirim".to_string(), 1)]
    );
    // Delivery bookkeeping is not audited; each processed message is.
    assert_eq!(jumlah_audit(&store).await, 7);
}

pub async fn outbox_leases_each_reply_to_one_sender(store: DynStore) {
    use crate::{HasilOlah, StatusPesan};

    for i in 0..40 {
        let m = pesan_masuk(&format!("sms-{i}"), i, 1_000);
        store.simpan_pesan(&m, &jejak()).await.unwrap();
        let h = HasilOlah {
            status: StatusPesan::Bantuan,
            pengguna_id: None,
            tps: None,
            kiriman_id: None,
            balasan: format!("balasan {i}"),
            kirim_balasan: true,
        };
        store
            .selesaikan_pesan(m.id, &h, 2_000, &jejak())
            .await
            .unwrap();
    }
    // Four servers' outbox workers claim at once until nothing is left:
    // every reply is claimed, none twice.
    let mut handles = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        handles.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let got = store.ambil_balasan(2_000, 2_300, 3).await.unwrap();
                if got.is_empty() {
                    break mine;
                }
                mine.extend(got.into_iter().map(|b| b.teks));
                tokio::task::yield_now().await;
            }
        }));
    }
    let mut semua = Vec::new();
    for h in handles {
        semua.extend(h.await.unwrap());
    }
    let berbeda: HashSet<&String> = semua.iter().collect();
    assert_eq!(berbeda.len(), semua.len(), "a reply was claimed twice");
    assert_eq!(semua.len(), 40);
}

/// The lease of a claim: a heartbeat keeps it, a lost one moves to the next
/// claim, and only the claim holding a reply records what became of it, so
/// a sender whose lease ran out while the gateway was still answering
/// neither marks it sent a second time nor shortens the new holder's lease
/// (which let a third sender send it again).
pub async fn outbox_lease_heartbeat_and_holder(store: DynStore) {
    use crate::{HasilOlah, StatusPesan};

    let mut id = Vec::new();
    for i in 0..3 {
        let m = pesan_masuk(&format!("sewa-{i}"), i, 1_000);
        store.simpan_pesan(&m, &jejak()).await.unwrap();
        let h = HasilOlah {
            status: StatusPesan::Bantuan,
            pengguna_id: None,
            tps: None,
            kiriman_id: None,
            balasan: format!("balasan {i}"),
            kirim_balasan: true,
        };
        assert!(
            store
                .selesaikan_pesan(m.id, &h, 2_000, &jejak())
                .await
                .unwrap()
        );
        id.push(m.id);
    }
    // Server A claims all three for 15 s.
    let a = store.ambil_balasan(2_000, 2_015, 10).await.unwrap();
    assert_eq!(a.len(), 3);
    let token_a = a[0].pemegang;
    assert!(
        a.iter()
            .all(|b| b.pemegang == token_a && b.berikut == 2_015)
    );
    let balasan: Vec<Uuid> = a.iter().map(|b| b.id).collect();
    // Its heartbeat at 2 010 moves the lease to 2 025: at 2 020 (past the
    // first lease) nobody else gets them.
    let mut dipegang = store
        .perpanjang_sewa_balasan(&balasan, token_a, 2_025)
        .await
        .unwrap();
    dipegang.sort();
    let mut semua = balasan.clone();
    semua.sort();
    assert_eq!(dipegang, semua);
    assert!(
        store
            .ambil_balasan(2_020, 2_035, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // A sends the first: recorded, and it is no longer A's to extend.
    assert!(
        store
            .tandai_balasan(balasan[0], token_a, true, None, 0, 2_021)
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .perpanjang_sewa_balasan(&balasan[..1], token_a, 2_030)
            .await
            .unwrap(),
        Vec::<Uuid>::new()
    );
    // A stops beating (it died, or its gateway call hangs): at 2 025 the
    // other two come due, and server B claims them with a token of its own.
    let b = store.ambil_balasan(2_025, 2_040, 10).await.unwrap();
    assert_eq!(b.len(), 2);
    let token_b = b[0].pemegang;
    assert_ne!(token_a, token_b);
    // A's late heartbeat holds nothing now.
    assert!(
        store
            .perpanjang_sewa_balasan(&balasan, token_a, 2_045)
            .await
            .unwrap()
            .is_empty()
    );
    // A's gateway call ends after all: as sent, or as failed with a retry
    // in 1 s. Neither is recorded, and B's lease stands.
    assert!(
        !store
            .tandai_balasan(balasan[1], token_a, true, None, 0, 2_026)
            .await
            .unwrap()
    );
    assert!(
        !store
            .tandai_balasan(balasan[2], token_a, false, Some("timeout"), 2_027, 2_026)
            .await
            .unwrap()
    );
    assert!(
        store
            .ambil_balasan(2_030, 2_045, 10)
            .await
            .unwrap()
            .is_empty(),
        "a late report of a lost lease made the reply due again"
    );
    assert_eq!(
        store.hitung_keluar_per_status().await.unwrap(),
        [("antre".to_string(), 2), ("terkirim".to_string(), 1)]
    );
    // B records both; a second record of either is refused.
    for x in &b {
        assert!(
            store
                .tandai_balasan(x.id, token_b, true, None, 0, 2_031)
                .await
                .unwrap()
        );
        assert!(
            !store
                .tandai_balasan(x.id, token_b, true, None, 0, 2_032)
                .await
                .unwrap()
        );
    }
    assert_eq!(
        store.hitung_keluar_per_status().await.unwrap(),
        [("terkirim".to_string(), 3)]
    );
    assert!(
        store
            .ambil_balasan(9_999, 10_014, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn telegram_links_and_short_codes(store: DynStore) {
    let a = pengguna("saksi_a");
    let b = pengguna("saksi_b");
    for p in [&a, &b] {
        store.simpan_pengguna(p, None, &jejak()).await.unwrap();
    }
    let base = jumlah_audit(&store).await;
    let tg = crate::DataTersandi {
        sandi: "kunci001:tg-sandi".into(),
        indeks: "kunci001:tg-42".into(),
    };
    let semua_indeks = ["kunci000:tg-42".to_string(), tg.indeks.clone()];
    let linked = |indeks: &'static str| {
        let store = store.clone();
        async move {
            store
                .cari_pengguna_telegram(&[indeks.to_string()])
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.username)
                .collect::<Vec<_>>()
        }
    };
    assert!(
        store
            .ubah_telegram(a.id, Some(&tg), &semua_indeks, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(linked("kunci001:tg-42").await, ["saksi_a"]);
    // The same Telegram user linking to another account moves the link.
    assert!(
        store
            .ubah_telegram(b.id, Some(&tg), &semua_indeks, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(linked("kunci001:tg-42").await, ["saksi_b"]);
    // No such account: nothing changes, not even the other account's link.
    assert!(
        !store
            .ubah_telegram(Uuid::now_v7(), Some(&tg), &semua_indeks, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(linked("kunci001:tg-42").await, ["saksi_b"]);
    assert!(
        store
            .ubah_telegram(b.id, None, &[], &jejak())
            .await
            .unwrap()
    );
    assert!(linked("kunci001:tg-42").await.is_empty());
    assert_eq!(jumlah_audit(&store).await, base + 3);

    // Short codes: issued once per TPS, in order, never changed.
    let t = |n: u16| KodeTps::parse(&format!("3273011001{n:03}")).unwrap();
    assert_eq!(
        store
            .beri_kode_singkat(&[t(1), t(2), t(1)], &jejak())
            .await
            .unwrap(),
        [0, 1, 0]
    );
    assert_eq!(jumlah_audit(&store).await, base + 4);
    assert_eq!(
        store
            .beri_kode_singkat(&[t(2), t(3)], &jejak())
            .await
            .unwrap(),
        [1, 2]
    );
    // Printing again issues nothing and is not audited.
    assert_eq!(
        store
            .beri_kode_singkat(&[t(3), t(1)], &jejak())
            .await
            .unwrap(),
        [2, 0]
    );
    assert_eq!(jumlah_audit(&store).await, base + 5);
    assert_eq!(store.cari_tps_kode_singkat(1).await.unwrap(), Some(t(2)));
    assert_eq!(store.cari_tps_kode_singkat(3).await.unwrap(), None);
    assert_eq!(store.cari_tps_kode_singkat(u64::MAX).await.unwrap(), None);
}
