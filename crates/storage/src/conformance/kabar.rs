//! Conformance: word of a committed result reaches whoever listens (on
//! PostgreSQL through NOTIFY on a connection of its own), and nothing is
//! said of a submission that stored nothing.

use super::*;

pub async fn committed_results_are_told_to_listeners(store: DynStore) {
    use crate::Kabar;
    use std::sync::Mutex;

    seeded(&store).await;
    let p = pemilihan();
    simpan_dua_paslon(&store, &p).await;
    let t = sample_tps();
    let dengar: Arc<Mutex<Vec<Kabar>>> = Arc::default();
    let d = dengar.clone();
    store.dengarkan(Arc::new(move |k| d.lock().unwrap().push(k)));
    tunggu(&dengar, "listening", |v| v.contains(&Kabar::Tersambung)).await;
    let hasil_ini = || -> Vec<posko_domain::KodeTps> {
        dengar
            .lock()
            .unwrap()
            .iter()
            .filter_map(|k| match k {
                Kabar::Hasil { pemilihan_id, tps } if *pemilihan_id == p.id => Some(*tps),
                _ => None,
            })
            .collect()
    };

    // A TPS that does not exist: refused, rolled back, nothing said.
    let (k0, h0) = kiriman(&p, &tps("32.73.01.1001", 99, 1, 1), "x-0", &[1, 2], 0);
    assert!(store.simpan_hasil(&k0, &h0, &jejak()).await.is_err());
    // Stored: said, with the election and the TPS only.
    let (k1, h1) = kiriman(&p, &t[0], "a-1", &[120, 98], 7);
    assert!(matches!(
        store.simpan_hasil(&k1, &h1, &jejak()).await.unwrap(),
        crate::Kirim::Baru(_)
    ));
    // The same client key again stores nothing: nothing said.
    let (mut ulang, h_ulang) = kiriman(&p, &t[0], "a-1", &[120, 98], 7);
    ulang.id = Uuid::now_v7();
    assert!(matches!(
        store
            .simpan_hasil(&ulang, &h_ulang, &jejak())
            .await
            .unwrap(),
        crate::Kirim::Ulang(_)
    ));
    // Another TPS: word arrives in commit order, so once this one is
    // heard anything said of the two before it has been too.
    let (k2, h2) = kiriman(&p, &t[1], "b-1", &[50, 60], 3);
    store.simpan_hasil(&k2, &h2, &jejak()).await.unwrap();
    let t1 = t[1].kode;
    let ada = |v: &[Kabar]| {
        v.iter().any(|k| {
            matches!(k, Kabar::Hasil { pemilihan_id, tps } if *pemilihan_id == p.id && *tps == t1)
        })
    };
    tunggu(&dengar, "the second result", ada).await;
    assert_eq!(hasil_ini(), [t[0].kode, t[1].kode]);
}

async fn tunggu(
    dengar: &std::sync::Mutex<Vec<crate::Kabar>>,
    apa: &str,
    f: impl Fn(&[crate::Kabar]) -> bool,
) {
    for _ in 0..400 {
        if f(&dengar.lock().unwrap()) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("no word of {apa} in 10 s: {:?}", dengar.lock().unwrap());
}
