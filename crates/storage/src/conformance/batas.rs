//! Conformance: region boundaries.

use super::*;

pub async fn batas_upsert_counts_and_children_shapes(store: DynStore) {
    use crate::BatasBaris;
    use posko_domain::peta::Batas;
    seeded(&store).await;
    let kotak = |kode: &str, x: f64| BatasBaris {
        batas: Batas {
            kode: k(kode),
            cincin: vec![vec![vec![
                (x, -6.9),
                (x + 0.01, -6.9),
                (x + 0.01, -6.89),
                (x, -6.89),
                (x, -6.9),
            ]]],
        },
        lat: -6.895,
        lng: x + 0.005,
    };
    let rows = vec![
        kotak("32.73.01", 107.6),
        kotak("32.73.02", 107.61),
        kotak("32.73", 107.6),
    ];
    let c = store.simpan_batas(&rows, &jejak()).await.unwrap();
    assert_eq!((c.baru, c.berubah, c.sama), (3, 0, 0));
    let c = store.simpan_batas(&rows, &jejak()).await.unwrap();
    assert_eq!((c.baru, c.berubah, c.sama), (0, 0, 3));
    let mut lain = rows[1].clone();
    lain.batas.cincin[0][0][1].0 = 107.625;
    let c = store.simpan_batas(&[lain.clone()], &jejak()).await.unwrap();
    assert_eq!((c.baru, c.berubah, c.sama), (0, 1, 0));

    let anak = store.daftar_batas_anak(k("32.73")).await.unwrap();
    assert_eq!(anak.len(), 2);
    assert_eq!(anak[0], rows[0].batas);
    assert_eq!(anak[1], lain.batas);
    assert_eq!(
        store.daftar_batas_anak(k("32")).await.unwrap(),
        vec![rows[2].batas.clone()]
    );
    assert!(store.daftar_batas_anak(k("31")).await.unwrap().is_empty());
    // A region that is not stored: nothing is written.
    assert!(
        store
            .simpan_batas(&[rows[0].clone(), kotak("33.01", 110.0)], &jejak())
            .await
            .is_err()
    );
    assert_eq!(
        store.daftar_batas_anak(k("32.73")).await.unwrap()[1],
        lain.batas
    );
}
