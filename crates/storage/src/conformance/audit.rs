//! Conformance: every write appends one entry to one unbroken hash chain.

use super::*;

pub async fn every_write_appends_one_chained_audit_entry(store: DynStore) {
    assert!(store.daftar_audit(0, 10).await.unwrap().is_empty());
    store
        .simpan_wilayah(
            &sample_wilayah(),
            &Jejak::new(
                "cli:ani",
                "import.wilayah",
                "berkas",
                "w.csv",
                "8 wilayah",
                b"w",
            ),
        )
        .await
        .unwrap();
    store
        .simpan_tps(
            &sample_tps(),
            &Jejak::new("cli:ani", "import.tps", "berkas", "t.csv", "4 TPS", b"t"),
        )
        .await
        .unwrap();
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    store
        .simpan_paslon(&paslon(&p, 1, "Rina Marlina", "Bayu Nugroho"), &jejak())
        .await
        .unwrap();
    // A refused write leaves no entry behind.
    assert!(
        store
            .simpan_paslon(&paslon(&p, 1, "Orang Lain", "Juga Lain"), &jejak())
            .await
            .is_err()
    );
    assert!(
        store
            .simpan_tps(&[tps("32.73.09.1001", 1, 1, 1)], &jejak())
            .await
            .is_err()
    );
    let log = store.daftar_audit(0, 100).await.unwrap();
    assert_eq!(log.len(), 4);
    assert_eq!(log[0].aksi, "import.wilayah");
    assert_eq!(log[1].aktor, "cli:ani");
    assert_eq!(log[1].ringkasan, "4 TPS");
    let mut checker = PemeriksaRantai::default();
    for e in &log {
        checker.periksa(e).unwrap();
    }
    assert_eq!(checker.kepala().0, 4);
    // A quiet log is one chain: lane 0, its head the last entry.
    let kepala = store.daftar_kepala_audit().await.unwrap();
    let nol = kepala.iter().find(|l| l.lajur == 0).unwrap();
    assert_eq!(nol.kepala, Some((4, log[3].hash.clone())));
    assert_eq!(nol.nomor_tertinggi, Some(4));
    assert_eq!(periksa_audit(&store).await, 4);
    // Paging by sequence.
    let page = store.daftar_audit(2, 1).await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].seq, 3);
    // Searching, newest first.
    let seqs = |v: Vec<posko_domain::EntriAudit>| v.iter().map(|e| e.seq).collect::<Vec<_>>();
    let all = store.cari_audit(None, None, None, 10).await.unwrap();
    assert_eq!(seqs(all), [4, 3, 2, 1]);
    let imports = store
        .cari_audit(None, Some("import."), None, 10)
        .await
        .unwrap();
    assert_eq!(seqs(imports), [2, 1]);
    let ani = store
        .cari_audit(None, None, Some("cli:ani"), 10)
        .await
        .unwrap();
    assert_eq!(seqs(ani), [2, 1]);
    let older = store.cari_audit(Some(2), None, None, 10).await.unwrap();
    assert_eq!(seqs(older), [1]);
    let none = store
        .cari_audit(None, Some("import.%"), None, 10)
        .await
        .unwrap();
    assert!(none.is_empty(), "a % in the filter is literal");
}

pub async fn concurrent_writes_keep_one_unbroken_chain(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let mut handles = Vec::new();
    for n in 1..=12u16 {
        let store = store.clone();
        handles.push(tokio::spawn(async move {
            store
                .simpan_tps(&[tps("32.73.01.1001", n, 10, 10)], &jejak())
                .await
                .unwrap();
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let log = store.daftar_audit(0, 100).await.unwrap();
    assert_eq!(log.len(), 13);
    assert_eq!(periksa_audit(&store).await, 13);
}

/// Checks the whole log as `posko audit verify` does (every lane against
/// the heads the store reports) and returns how many entries it checked.
pub async fn periksa_audit(store: &DynStore) -> u64 {
    let kepala = store.daftar_kepala_audit().await.unwrap();
    let mut checker = posko_domain::PemeriksaAudit::new(&kepala);
    for e in store.daftar_audit(0, 100_000).await.unwrap() {
        checker.periksa(&e).unwrap();
    }
    checker.selesai().unwrap();
    checker.diperiksa
}
