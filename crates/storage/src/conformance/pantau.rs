//! Conformance: the watch page's counts per area, the TPS behind them
//! with their main saksi, and incidents' status and owner.

use posko_domain::{Cakupan, Penugasan, Peran};
use time::macros::datetime;
use uuid::Uuid;

use super::{DynStore, jejak, jumlah_audit, k, kiriman, pemilihan, sample_tps, seeded, tersandi};
use crate::{Checkin, HitungPantau, Insiden, Kirim, Pengguna, SaringTps, StatusInsiden};

fn saksi(username: &str, tps: posko_domain::KodeTps, jam: u8) -> Pengguna {
    Pengguna {
        id: Uuid::now_v7(),
        username: username.into(),
        nama: format!("Saksi {username}"),
        aktif: true,
        dibuat: datetime!(2026-11-28 00:00 UTC) + time::Duration::hours(jam.into()),
        penugasan: vec![Penugasan::new(Peran::Saksi, Cakupan::Tps(tps)).unwrap()],
        telepon: Some(tersandi("kunci001", u32::from(jam))),
    }
}

/// Counts per area: a TPS with a result is present without a check-in,
/// flagged results and open incidents are counted, areas sum to their
/// parent; lists filter, page and name the main saksi; an incident's
/// status and owner change with an audit entry.
pub async fn watch_counts_lists_and_incident_status(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    super::simpan_dua_paslon(&store, &p).await;
    let t = sample_tps();
    // Two saksi at TPS 0: the older is main until the other is named.
    let tua = saksi("saksi.tua", t[0].kode, 1);
    let muda = saksi("saksi.muda", t[0].kode, 2);
    for s in [&tua, &muda] {
        store.simpan_pengguna(s, None, &jejak()).await.unwrap();
    }
    store
        .catat_checkin(
            &Checkin {
                id: Uuid::now_v7(),
                pemilihan_id: p.id,
                tps: t[0].kode,
                pengirim_id: tua.id,
                pengirim: tua.username.clone(),
                waktu: 900,
                lokasi: None,
            },
            &jejak(),
        )
        .await
        .unwrap();
    // TPS 1 sends a flagged result and never checks in.
    let (mut k1, mut h1) = kiriman(&p, &t[1], "b-1", &[10, 20], 1);
    k1.temuan = vec!["b1_melebihi_dpt".into()];
    h1.jumlah_temuan = 1;
    let Kirim::Baru(_) = store.simpan_hasil(&k1, &h1, &jejak()).await.unwrap() else {
        panic!("new")
    };
    let insiden = Insiden {
        id: Uuid::now_v7(),
        pemilihan_id: p.id,
        tps: t[3].kode,
        pengirim_id: Uuid::from_u128(9),
        pengirim: "saksi".into(),
        waktu: 1_500,
        kategori: "logistik".into(),
        teks: "kotak suara kurang".into(),
        foto: vec![],
    };
    store.catat_insiden(&insiden, &jejak()).await.unwrap();

    let hitung = store.hitung_pantau(p.id, k("32.73"), 8).await.unwrap();
    assert_eq!(
        hitung,
        vec![
            HitungPantau {
                kode: "32.73.01".into(),
                tps: 3,
                bersaksi: 1,
                hadir: 2,
                masuk: 1,
                bertanda: 1,
                insiden_buka: 0,
            },
            HitungPantau {
                kode: "32.73.02".into(),
                tps: 1,
                bersaksi: 0,
                hadir: 0,
                masuk: 0,
                bertanda: 0,
                insiden_buka: 1,
            },
        ]
    );
    let kota = store.hitung_pantau(p.id, k("32.73"), 5).await.unwrap();
    let mut jumlah = HitungPantau {
        kode: "32.73".into(),
        ..Default::default()
    };
    hitung.iter().for_each(|h| jumlah.tambah(h));
    assert_eq!(kota, vec![jumlah]);
    // Another election sees the TPS and saksi but nothing of election day.
    let lain = store
        .hitung_pantau(Uuid::now_v7(), k("32.73"), 5)
        .await
        .unwrap();
    assert_eq!((lain[0].tps, lain[0].bersaksi, lain[0].hadir), (4, 1, 0));

    let daftar = |saring, temuan: Option<&'static str>, setelah, limit| {
        let store = store.clone();
        async move {
            store
                .daftar_pantau_tps(p.id, k("32.73"), saring, temuan, setelah, limit)
                .await
                .unwrap()
                .into_iter()
                .map(|b| b.tps)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        daftar(SaringTps::BelumHadir, None, None, 10).await,
        vec![t[2].kode, t[3].kode]
    );
    assert_eq!(
        daftar(SaringTps::Hadir, None, None, 10).await,
        vec![t[0].kode, t[1].kode]
    );
    assert_eq!(
        daftar(SaringTps::Semua, None, None, 2).await,
        vec![t[0].kode, t[1].kode]
    );
    assert_eq!(
        daftar(SaringTps::Semua, None, Some(t[1].kode), 10).await,
        vec![t[2].kode, t[3].kode]
    );
    assert_eq!(
        daftar(SaringTps::TanpaSaksi, None, None, 10).await,
        vec![t[1].kode, t[2].kode, t[3].kode]
    );
    assert_eq!(
        daftar(SaringTps::Bersaksi, None, None, 10).await,
        vec![t[0].kode]
    );
    assert_eq!(
        daftar(SaringTps::Masuk, None, None, 10).await,
        vec![t[1].kode]
    );
    assert_eq!(daftar(SaringTps::BelumMasuk, None, None, 10).await.len(), 3);
    assert_eq!(
        daftar(SaringTps::Bertanda, Some("b1_melebihi_dpt"), None, 10).await,
        vec![t[1].kode]
    );
    assert!(
        daftar(SaringTps::Bertanda, Some("kosong_wajib"), None, 10)
            .await
            .is_empty()
    );

    let semua = store
        .daftar_pantau_tps(p.id, k("32.73.01.1001"), SaringTps::Semua, None, None, 10)
        .await
        .unwrap();
    assert_eq!(semua.len(), 2);
    let nol = &semua[0];
    assert_eq!(
        (nol.nama_desa.as_str(), nol.nama_kecamatan.as_str()),
        ("Sukarasa", "Sukasari")
    );
    assert_eq!(
        (nol.checkin, nol.hasil, nol.jumlah_saksi),
        (Some(900), None, 2)
    );
    let utama = nol.saksi.as_ref().unwrap();
    assert_eq!(
        (utama.pengguna_id, utama.nama.as_str()),
        (tua.id, "Saksi saksi.tua")
    );
    assert_eq!(utama.telepon, tua.telepon);
    let satu = &semua[1];
    assert_eq!(
        (satu.hasil, satu.temuan.clone()),
        (Some(1_000), vec!["b1_melebihi_dpt".to_string()])
    );
    assert!(satu.hadir() && satu.saksi.is_none());
    store
        .ubah_saksi_utama(muda.id, t[0].kode, &jejak())
        .await
        .unwrap();
    let semua = store
        .daftar_pantau_tps(
            p.id,
            k("32.73.01.1001"),
            SaringTps::Bersaksi,
            None,
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(semua[0].saksi.as_ref().unwrap().pengguna_id, muda.id);

    // Incidents: new, then taken, then closed.
    let i = store.ambil_insiden(insiden.id).await.unwrap().unwrap();
    assert_eq!(
        (i.status, i.pemilik_id, i.nama_desa.as_str(), &i.insiden),
        (StatusInsiden::Baru, None, "Dago", &insiden)
    );
    assert!(store.ambil_insiden(Uuid::now_v7()).await.unwrap().is_none());
    let sebelum = jumlah_audit(&store).await;
    assert!(
        store
            .ubah_insiden(
                insiden.id,
                StatusInsiden::Ditangani,
                Some(tua.id),
                2_000,
                &jejak()
            )
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, sebelum + 1);
    assert!(
        !store
            .ubah_insiden(
                Uuid::now_v7(),
                StatusInsiden::Selesai,
                None,
                2_000,
                &jejak()
            )
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, sebelum + 1);
    let i = store.ambil_insiden(insiden.id).await.unwrap().unwrap();
    assert_eq!(
        (i.status, i.pemilik_id, i.pemilik.as_deref(), i.diubah),
        (
            StatusInsiden::Ditangani,
            Some(tua.id),
            Some("Saksi saksi.tua"),
            Some(2_000)
        )
    );
    let saring = |status: Option<&'static str>, kategori: Option<&'static str>| {
        let store = store.clone();
        async move {
            store
                .daftar_insiden_saring(p.id, k("32"), status, kategori, 10)
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(saring(None, None).await, 1);
    assert_eq!(saring(Some("buka"), None).await, 1);
    assert_eq!(saring(Some("ditangani"), Some("logistik")).await, 1);
    assert_eq!(saring(Some("selesai"), None).await, 0);
    assert_eq!(saring(None, Some("intimidasi")).await, 0);
    store
        .ubah_insiden(
            insiden.id,
            StatusInsiden::Selesai,
            Some(tua.id),
            2_100,
            &jejak(),
        )
        .await
        .unwrap();
    assert_eq!(saring(Some("buka"), None).await, 0);
    assert_eq!(saring(Some("selesai"), None).await, 1);
    let hitung = store.hitung_pantau(p.id, k("32.73"), 5).await.unwrap();
    assert_eq!(hitung[0].insiden_buka, 0);
    assert!(
        store
            .daftar_insiden_saring(p.id, k("32.73.01"), None, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
}
