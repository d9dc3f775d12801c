//! Conformance: what `/metrics` reads at scrape time — the verification
//! queue, as current results per status.

use super::{DynStore, jejak, kiriman, pemilihan, sample_tps, seeded};
use crate::{Kirim, StatusHasil};

/// Results are counted by their current status over every election; an
/// empty store counts nothing (not rows of zero); a correction of a TPS
/// is still one current result.
pub async fn queue_depths_count_current_results_per_status(store: DynStore) {
    assert!(store.hitung_hasil_per_status().await.unwrap().is_empty());
    seeded(&store).await;
    let p = pemilihan();
    super::simpan_dua_paslon(&store, &p).await;
    let mut q = pemilihan();
    q.id = uuid::Uuid::now_v7();
    q.nama = "Pemilihan kedua".into();
    super::simpan_dua_paslon(&store, &q).await;
    let t = sample_tps();
    for (pem, tps, kunci) in [
        (&p, &t[0], "op-1"),
        (&p, &t[1], "op-2"),
        (&p, &t[0], "op-1b"),
    ] {
        let (k, h) = kiriman(pem, tps, kunci, &[120, 98], 7);
        store.simpan_hasil(&k, &h, &jejak()).await.unwrap();
    }
    let (k2, h2) = kiriman(&q, &t[0], "op-3", &[5, 6], 0);
    let Kirim::Baru(k2) = store.simpan_hasil(&k2, &h2, &jejak()).await.unwrap() else {
        panic!("new")
    };
    assert_eq!(
        store.hitung_hasil_per_status().await.unwrap(),
        vec![("masuk".to_string(), 3)]
    );
    assert!(
        store
            .ubah_status_hasil(
                q.id,
                t[0].kode,
                k2.id,
                StatusHasil::Terverifikasi,
                Some(&h2.angka),
                &jejak()
            )
            .await
            .unwrap()
    );
    assert_eq!(
        store.hitung_hasil_per_status().await.unwrap(),
        vec![("masuk".to_string(), 2), ("terverifikasi".to_string(), 1)]
    );
}
