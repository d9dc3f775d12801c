//! Conformance: the supporter-name search index — written with the
//! supporter, replaced on correction, erased with them — and the paged
//! search in a scope that starts from it. The store treats index values as
//! opaque text; the app makes them (keyed HMACs of name tokens).

use posko_domain::Cakupan;
use uuid::Uuid;

use super::kegiatan::{pendukung, relawan_di};
use super::{DynStore, jejak, jumlah_audit, seeded};

fn v(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

fn c(s: &str) -> Cakupan {
    Cakupan::parse(s).unwrap()
}

async fn nama_ditemukan(
    store: &DynStore,
    cakupan: &[Cakupan],
    cari: &[Vec<String>],
) -> (u64, Vec<String>) {
    let (n, rows) = store.cari_pendukung(cakupan, cari, 100, 0).await.unwrap();
    (n, rows.into_iter().map(|p| p.nama).collect())
}

pub async fn name_index_searches_pages_and_is_erased_with_the_supporter(store: DynStore) {
    seeded(&store).await;
    let r = relawan_di(&store, "Rina", "32.73").await;
    // Newest first: Cici, Budi, Ani.
    let ani = pendukung(r.id, "Ani Susanti", "32.73.01.1001-001", 1_000);
    let budi = pendukung(r.id, "Budi Susanto", "32.73.01.1001-002", 2_000);
    let cici = pendukung(r.id, "Cici Susanti", "32.73.02.1001-001", 3_000);
    for (p, indeks) in [
        (&ani, v(&["k:ani", "k:sus", "k:susanti"])),
        (&budi, v(&["k:bud", "k:budi", "k:sus", "k:susanto"])),
        (&cici, v(&["k:cic", "k:cici", "k:sus", "k:susanti"])),
    ] {
        assert_eq!(
            store
                .simpan_pendukung(p, &indeks, &[], &[], &jejak())
                .await
                .unwrap(),
            None
        );
    }
    let semua = [Cakupan::Semua];

    // Every group must match; any value of a group will do (one value
    // per key of the ring).
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["k:sus"])]).await,
        (3, v(&["Cici Susanti", "Budi Susanto", "Ani Susanti"]))
    );
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["k:sus"]), v(&["k:susanti"])]).await,
        (2, v(&["Cici Susanti", "Ani Susanti"]))
    );
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["lama:ani", "k:ani"])]).await,
        (1, v(&["Ani Susanti"]))
    );
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["k:sus"]), v(&["k:tidak"])]).await,
        (0, vec![])
    );
    // No groups: the whole scope, newest first.
    assert_eq!(nama_ditemukan(&store, &semua, &[]).await.0, 3);

    // The scope: a kecamatan, a TPS, several at once, none.
    assert_eq!(
        nama_ditemukan(&store, &[c("32.73.01")], &[v(&["k:sus"])]).await,
        (2, v(&["Budi Susanto", "Ani Susanti"]))
    );
    assert_eq!(
        nama_ditemukan(&store, &[c("32.73.01.1001-002")], &[v(&["k:sus"])]).await,
        (1, v(&["Budi Susanto"]))
    );
    assert_eq!(
        nama_ditemukan(
            &store,
            &[c("32.73.01.1001-001"), c("32.73.02")],
            &[v(&["k:sus"])]
        )
        .await,
        (2, v(&["Cici Susanti", "Ani Susanti"]))
    );
    assert_eq!(
        nama_ditemukan(&store, &[c("31")], &[v(&["k:sus"])]).await,
        (0, vec![])
    );
    assert_eq!(nama_ditemukan(&store, &[], &[]).await, (0, vec![]));

    // Pages: the count is of every match, the rows of one page.
    let (n, hal) = store
        .cari_pendukung(&semua, &[v(&["k:sus"])], 2, 2)
        .await
        .unwrap();
    assert_eq!((n, hal.len()), (3, 1));
    assert_eq!(hal[0].id, ani.id);

    // A correction replaces the index: the old name no longer matches.
    let mut ani2 = ani.clone();
    ani2.nama = "Ani Wulandari".into();
    assert!(
        store
            .ubah_pendukung(&ani2, &v(&["k:ani", "k:wul"]), &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["k:susanti"])]).await,
        (1, v(&["Cici Susanti"]))
    );
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["k:wul"])]).await,
        (1, v(&["Ani Wulandari"]))
    );

    // Erasure takes the index rows with it.
    store.hapus_pendukung(&[cici.id], &jejak()).await.unwrap();
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["k:cici"])]).await,
        (0, vec![])
    );
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["k:sus"])]).await,
        (1, v(&["Budi Susanto"]))
    );

    // Supporters without an index (stored before it existed) are listed
    // for building it; rebuilding replaces each one's rows, skips the
    // unknown, and is audited once.
    let dedi = pendukung(r.id, "Dedi", "32.73.01.1002-001", 4_000);
    store
        .simpan_pendukung(&dedi, &[], &[], &[], &jejak())
        .await
        .unwrap();
    assert_eq!(
        store.daftar_nama_pendukung(true).await.unwrap(),
        vec![(dedi.id, "Dedi".to_string())]
    );
    assert_eq!(store.daftar_nama_pendukung(false).await.unwrap().len(), 3);
    let audit = jumlah_audit(&store).await;
    let n = store
        .ganti_indeks_nama(
            &[
                (dedi.id, v(&["b:ded", "b:dedi"])),
                (budi.id, v(&["b:bud"])),
                (Uuid::now_v7(), v(&["b:x"])),
            ],
            &jejak(),
        )
        .await
        .unwrap();
    assert_eq!(n, 2);
    assert_eq!(jumlah_audit(&store).await, audit + 1);
    assert!(store.daftar_nama_pendukung(true).await.unwrap().is_empty());
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["b:ded"])]).await,
        (1, v(&["Dedi"]))
    );
    assert_eq!(
        nama_ditemukan(&store, &semua, &[v(&["k:bud"])]).await,
        (0, vec![]),
        "the rebuilt index replaced the old rows"
    );
}
