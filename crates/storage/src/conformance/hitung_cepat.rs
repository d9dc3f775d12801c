//! Conformance: the quick count's sample is stored once.

use super::*;

pub async fn quick_count_sample_is_stored_once(store: DynStore) {
    use posko_domain::hitung_cepat::{Alokasi, DesainSampel, Stratifikasi, TpsPopulasi, tarik};
    seeded(&store).await;
    let p = pemilihan();
    super::simpan_dua_paslon(&store, &p).await;
    let t = sample_tps();
    let populasi: Vec<TpsPopulasi> = t
        .iter()
        .map(|x| TpsPopulasi {
            kode: x.kode.undotted(),
            kode_desa: x.kode.desa().undotted(),
            dpt: x.dpt.total().unwrap_or(0),
        })
        .collect();
    let desain = |benih| DesainSampel {
        stratifikasi: Stratifikasi::Tanpa,
        alokasi: Alokasi::ProporsionalDpt,
        ukuran: 2,
        benih,
    };
    let sampel = tarik(&desain(7), &populasi).unwrap();
    assert!(store.ambil_sampel(p.id).await.unwrap().is_none());
    let base = jumlah_audit(&store).await;
    assert!(
        store
            .simpan_sampel(p.id, &sampel, 1_000, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, base + 1);
    // Never redrawn: a second sample is not stored, nor audited.
    let lain = tarik(&desain(8), &populasi).unwrap();
    assert!(
        !store
            .simpan_sampel(p.id, &lain, 2_000, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, base + 1);
    assert_eq!(
        store.ambil_sampel(p.id).await.unwrap(),
        Some((sampel, 1_000))
    );

    // The sampled TPS' results in one call: only those that have one.
    let (k1, h1) = kiriman(&p, &t[0], "a", &[120, 98], 7);
    store.simpan_hasil(&k1, &h1, &jejak()).await.unwrap();
    let (k2, h2) = kiriman(&p, &t[2], "b", &[10, 20], 1);
    store.simpan_hasil(&k2, &h2, &jejak()).await.unwrap();
    let mut got = store
        .daftar_hasil_tps(p.id, &[t[0].kode, t[1].kode, t[2].kode])
        .await
        .unwrap();
    got.sort_by_key(|h| h.tps);
    assert_eq!(
        got.iter()
            .map(|h| (h.tps, h.angka.suara.clone()))
            .collect::<Vec<_>>(),
        [(t[0].kode, vec![120, 98]), (t[2].kode, vec![10, 20])]
    );
    assert!(store.daftar_hasil_tps(p.id, &[]).await.unwrap().is_empty());
}
