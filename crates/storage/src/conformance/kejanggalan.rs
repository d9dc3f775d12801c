//! Conformance: the review queue's photo fingerprints and decisions.

use super::*;
use crate::kejanggalan::{FotoHasil, Keputusan, KeputusanKejanggalan};

pub async fn review_queue_photos_and_decisions(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    simpan_dua_paslon(&store, &p).await;
    let t = sample_tps();
    assert!(store.daftar_foto_pemilihan(p.id).await.unwrap().is_empty());
    // The same photo at two TPS, and sent twice at the first (a second
    // revision): each TPS and photo once.
    let sama = "ab".repeat(32);
    let lain = "cd".repeat(32);
    let (k1, h1) = kiriman(&p, &t[0], "kej-1", &[120, 98], 7);
    store.simpan_hasil(&k1, &h1, &jejak()).await.unwrap();
    let (mut k2, h2) = kiriman(&p, &t[0], "kej-2", &[121, 98], 7);
    k2.foto = vec![sama.clone(), lain.clone()];
    store.simpan_hasil(&k2, &h2, &jejak()).await.unwrap();
    let (k3, h3) = kiriman(&p, &t[2], "kej-3", &[10, 20], 1);
    store.simpan_hasil(&k3, &h3, &jejak()).await.unwrap();
    let foto = |tps: &Tps, sha: &str, dhash| FotoHasil {
        tps: tps.kode,
        sha256: sha.to_string(),
        dhash,
    };
    let mut got = store.daftar_foto_pemilihan(p.id).await.unwrap();
    got.sort_by(|a, b| (a.tps, &a.sha256).cmp(&(b.tps, &b.sha256)));
    assert_eq!(
        got,
        [
            foto(&t[0], &sama, None),
            foto(&t[0], &lain, None),
            foto(&t[2], &sama, None)
        ]
    );
    // The dHash, recorded once: a second value for the same photo
    // changes nothing.
    let base = jumlah_audit(&store).await;
    let h = "f0".repeat(128);
    store.simpan_dhash_foto(&sama, &h).await.unwrap();
    store
        .simpan_dhash_foto(&sama, &"0f".repeat(128))
        .await
        .unwrap();
    assert_eq!(
        jumlah_audit(&store).await,
        base,
        "a derived fact: not audited"
    );
    let got = store.daftar_foto_pemilihan(p.id).await.unwrap();
    assert!(
        got.iter()
            .filter(|f| f.sha256 == sama)
            .all(|f| f.dhash.as_deref() == Some(h.as_str()))
    );
    assert!(got.iter().any(|f| f.sha256 == lain && f.dhash.is_none()));
    // Another election's photos are not listed.
    let q = pemilihan();
    store.simpan_pemilihan(&q, &jejak()).await.unwrap();
    assert!(store.daftar_foto_pemilihan(q.id).await.unwrap().is_empty());

    // Decisions: stored with an audit entry, the latest one per flag.
    assert!(
        store
            .daftar_keputusan_kejanggalan(p.id)
            .await
            .unwrap()
            .is_empty()
    );
    let kep = |cek: &str, sasaran: &str, k, waktu| KeputusanKejanggalan {
        pemilihan_id: p.id,
        cek: cek.into(),
        sasaran: sasaran.into(),
        keputusan: k,
        sidik: format!("penjelasan {waktu}"),
        pemutus_id: Uuid::from_u128(0xbeef),
        pemutus: "pengacara".into(),
        waktu,
    };
    let base = jumlah_audit(&store).await;
    let satu = kep(
        "foto_sama",
        &t[0].kode.to_string(),
        Keputusan::Dinaikkan,
        10,
    );
    store
        .simpan_keputusan_kejanggalan(&satu, &jejak())
        .await
        .unwrap();
    let dua = kep("digit_akhir", "32.73.01", Keputusan::Dilihat, 11);
    store
        .simpan_keputusan_kejanggalan(&dua, &jejak())
        .await
        .unwrap();
    let lagi = kep(
        "foto_sama",
        &t[0].kode.to_string(),
        Keputusan::Diabaikan,
        12,
    );
    store
        .simpan_keputusan_kejanggalan(&lagi, &jejak())
        .await
        .unwrap();
    assert_eq!(jumlah_audit(&store).await, base + 3);
    assert_eq!(
        store.daftar_keputusan_kejanggalan(p.id).await.unwrap(),
        [dua, lagi]
    );
    assert!(
        store
            .daftar_keputusan_kejanggalan(q.id)
            .await
            .unwrap()
            .is_empty()
    );
}
