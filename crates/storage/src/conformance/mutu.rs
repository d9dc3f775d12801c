//! Conformance: field-data batches — a relawan's day as the checks read
//! it, a held batch left out of the leaderboard and target counts, a
//! decision taken once, and a roll back that removes the day's records.

use posko_domain::mutu_lapangan::{Alasan, MutuCatatan, Sinyal, StatusBatch, Temuan, hari_wib};
use posko_domain::{HasilKunjungan, KodeTps};

use super::kegiatan::{pendukung, relawan_di};
use super::{DynStore, jejak, jumlah_audit, k, kunjungan, muat_contoh, seeded};
use crate::BatchLapangan;

/// 2026-06-01 09:00 WIB.
const PAGI: i64 = 1_780_279_200;
const HARI: i64 = 86_400;

fn batch(relawan: uuid::Uuid, hari: i64) -> BatchLapangan {
    let mut sinyal = Sinyal::default();
    sinyal.tambah(Alasan::GpsTerlaluCepat, 2);
    BatchLapangan {
        relawan_id: relawan,
        hari,
        status: StatusBatch::Ditahan,
        temuan: vec![Temuan {
            alasan: Alasan::Beruntun,
            jumlah: 21,
        }],
        disetujui: Vec::new(),
        sinyal,
        catatan: 4,
        diputus_oleh: None,
        diputus: None,
        diperbarui: PAGI,
    }
}

pub async fn field_batches_are_held_decided_and_rolled_back(store: DynStore) {
    seeded(&store).await;
    muat_contoh(&store).await;
    let rina = relawan_di(&store, "Rina", "32.73.01").await;
    let budi = relawan_di(&store, "Budi", "32.73.02.1001").await;
    let hari = hari_wib(PAGI);
    // Rina: two supporters and two visits on day 1, one supporter on day 2.
    let mut a = pendukung(rina.id, "Ani", "32.73.01.1001-001", PAGI);
    a.mutu = MutuCatatan(MutuCatatan::ADA_NIK | MutuCatatan::NIK_TANGGAL_BEDA);
    let b = pendukung(rina.id, "Beni", "32.73.01.1001-001", PAGI + 60);
    let c = pendukung(rina.id, "Cici", "32.73.01.1001-002", PAGI + HARI);
    for p in [&a, &b, &c] {
        store
            .simpan_pendukung(p, &[], &[], &[], &jejak())
            .await
            .unwrap();
    }
    let mut pintu = kunjungan(rina.id, "32.73.01.1001-001", 2, PAGI + 30);
    pintu.hasil = HasilKunjungan::TidakDiRumah;
    pintu.dukungan = None;
    pintu.jawaban = Vec::new();
    let rows = vec![kunjungan(rina.id, "32.73.01.1001-001", 1, PAGI + 10), pintu];
    store.simpan_kunjungan(&rows, &jejak()).await.unwrap();

    let (p, kj) = store.daftar_catatan_lapangan(rina.id, hari).await.unwrap();
    assert_eq!(
        p.iter().map(|x| (x.waktu, x.mutu)).collect::<Vec<_>>(),
        vec![(PAGI, a.mutu), (PAGI + 60, MutuCatatan::default())]
    );
    assert_eq!(
        kj.iter().map(|x| (x.waktu, x.bertemu)).collect::<Vec<_>>(),
        vec![(PAGI + 10, true), (PAGI + 30, false)]
    );
    assert_eq!(
        store
            .daftar_catatan_lapangan(rina.id, hari + 1)
            .await
            .unwrap()
            .0
            .len(),
        1
    );
    assert!(
        store
            .daftar_catatan_lapangan(budi.id, hari)
            .await
            .unwrap()
            .0
            .is_empty()
    );

    // Held: day 1 drops out of every count the leaderboard and targets read.
    assert_eq!(
        store.ambil_batch_lapangan(rina.id, hari).await.unwrap(),
        None
    );
    let sebelum = jumlah_audit(&store).await;
    let ditahan = batch(rina.id, hari);
    store
        .simpan_batch_lapangan(&ditahan, &jejak())
        .await
        .unwrap();
    assert_eq!(jumlah_audit(&store).await, sebelum + 1);
    assert_eq!(
        store.ambil_batch_lapangan(rina.id, hari).await.unwrap(),
        Some(ditahan.clone())
    );
    assert_eq!(
        store.hitung_pendukung_relawan(None).await.unwrap(),
        vec![(rina.id, 1)]
    );
    assert!(
        store
            .hitung_kunjungan_relawan(None)
            .await
            .unwrap()
            .is_empty()
    );
    let tps = |s: &str| KodeTps::parse(s).unwrap();
    assert_eq!(
        store.hitung_pendukung_per_tps(k("32.73")).await.unwrap(),
        vec![(tps("32.73.01.1001-002"), 1)]
    );
    assert_eq!(
        store.daftar_batch_ditahan(None, 10).await.unwrap(),
        vec![ditahan.clone()]
    );
    assert_eq!(
        store
            .daftar_batch_ditahan(Some(k("32.73.01")), 10)
            .await
            .unwrap(),
        vec![ditahan.clone()]
    );
    assert!(
        store
            .daftar_batch_ditahan(Some(k("32.73.02")), 10)
            .await
            .unwrap()
            .is_empty()
    );

    // Approved once: it counts again; a second decision changes nothing.
    let mut setuju = ditahan.clone();
    setuju.status = StatusBatch::Disetujui;
    setuju.disetujui = ditahan.temuan.clone();
    setuju.diputus_oleh = Some("Koordinator".into());
    setuju.diputus = Some(PAGI + 3_600);
    assert!(
        store
            .putuskan_batch_lapangan(&setuju, &jejak())
            .await
            .unwrap()
    );
    let n = jumlah_audit(&store).await;
    let mut batal = setuju.clone();
    batal.status = StatusBatch::Dibatalkan;
    assert!(
        !store
            .putuskan_batch_lapangan(&batal, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        jumlah_audit(&store).await,
        n,
        "a refused decision is not logged"
    );
    let tersimpan = store
        .ambil_batch_lapangan(rina.id, hari)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tersimpan.status, StatusBatch::Disetujui);
    assert_eq!(tersimpan.disetujui, ditahan.temuan);
    assert_eq!(tersimpan.diputus, Some(PAGI + 3_600));
    assert!(
        store
            .daftar_batch_ditahan(None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.hitung_pendukung_relawan(None).await.unwrap(),
        vec![(rina.id, 3)]
    );
    assert_eq!(
        store.hitung_kunjungan_relawan(None).await.unwrap(),
        vec![(rina.id, 2)]
    );

    // Rolled back: the day's supporters and visits are gone, the other
    // day's stay.
    let mut lagi = batch(rina.id, hari);
    lagi.diperbarui = PAGI + 7_200;
    store.simpan_batch_lapangan(&lagi, &jejak()).await.unwrap();
    lagi.status = StatusBatch::Dibatalkan;
    lagi.diputus_oleh = Some("Koordinator".into());
    lagi.diputus = Some(PAGI + 7_300);
    assert!(
        store
            .putuskan_batch_lapangan(&lagi, &jejak())
            .await
            .unwrap()
    );
    for (p, ada) in [(&a, false), (&b, false), (&c, true)] {
        assert_eq!(
            store.ambil_pendukung(p.id).await.unwrap().is_some(),
            ada,
            "{}",
            p.nama
        );
    }
    assert!(
        store
            .daftar_kunjungan_tps(tps("32.73.01.1001-001"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.hitung_pendukung_relawan(None).await.unwrap(),
        vec![(rina.id, 1)]
    );
    assert_eq!(
        store
            .ambil_batch_lapangan(rina.id, hari)
            .await
            .unwrap()
            .unwrap()
            .status,
        StatusBatch::Dibatalkan
    );
}
