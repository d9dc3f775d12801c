//! Conformance: the voter list (DPT): loads all or nothing, replacing
//! TPS whole, files whose TPS interleave, and the lookups walk lists and
//! supporter matching make.

use posko_domain::{KodeTps, NomorTps};
use time::macros::date;

use super::{DynStore, jejak, k, seeded};
use crate::StoreError;

fn pemilih(tps: &str, nomor: u16, urut: u32, nama: &str) -> posko_domain::Pemilih {
    posko_domain::Pemilih {
        tps: KodeTps::new(k(tps), NomorTps::new(nomor).unwrap()).unwrap(),
        urut,
        nama: posko_domain::nama_kunci(nama),
        jenis_kelamin: if urut.is_multiple_of(2) {
            posko_domain::JenisKelamin::Perempuan
        } else {
            posko_domain::JenisKelamin::Laki
        },
        tanggal_lahir: Some(date!(1990 - 08 - 25)),
        usia: None,
        alamat: Some("JL. MERDEKA 1".into()),
        rt: Some(1),
        rw: Some(2),
        nik_tersamar: Some(posko_domain::NikTersamar::parse("327301**********").unwrap()),
    }
}

/// 3 voters at 32.73.01.1001/1, 2 at /2, 1 at 32.73.02.1001/1, in batches
/// of two.
pub(super) async fn muat_contoh(store: &DynStore) -> crate::HasilMuatPemilih {
    let rows = [
        pemilih("32.73.01.1001", 1, 1, "Ahmad"),
        pemilih("32.73.01.1001", 1, 2, "Siti  Aminah"),
        pemilih("32.73.01.1001", 1, 3, "Budi"),
        pemilih("32.73.01.1001", 2, 1, "Cici"),
        pemilih("32.73.01.1001", 2, 2, "Dodi"),
        pemilih("32.73.02.1001", 1, 1, "Euis"),
    ];
    let mut m = store.muat_pemilih().await.unwrap();
    for b in rows.chunks(2) {
        m.tambah(b.to_vec()).await.unwrap();
    }
    m.selesai(&jejak()).await.unwrap()
}

pub async fn pemilih_load_totals_and_lookup(store: DynStore) {
    seeded(&store).await;
    let h = muat_contoh(&store).await;
    assert_eq!((h.tps, h.baris, h.diganti), (3, 6, 0));
    let per = store.hitung_pemilih_per_tps(k("32.73")).await.unwrap();
    let per: Vec<(String, u32)> = per.iter().map(|(t, n)| (t.to_string(), *n)).collect();
    assert_eq!(per.len(), 3);
    assert_eq!(per.iter().map(|p| p.1).collect::<Vec<_>>(), vec![3, 2, 1]);
    let desa = store
        .hitung_pemilih_per_tps(k("32.73.01.1001"))
        .await
        .unwrap();
    assert_eq!(desa.len(), 2);
    let found = store
        .cari_pemilih("siti aminah", date!(1990 - 08 - 25), k("32.73.01.1001"))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0], pemilih("32.73.01.1001", 1, 2, "Siti Aminah"));
    assert_eq!(
        found[0].nik_tersamar.as_ref().unwrap().as_str(),
        "327301**********"
    );
    assert!(
        store
            .cari_pemilih("Siti Aminah", date!(1990 - 08 - 25), k("32.73.01.1002"))
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn pemilih_load_is_all_or_nothing(store: DynStore) {
    seeded(&store).await;
    let before = store.daftar_audit(0, 1000).await.unwrap().len();
    // A loader dropped halfway writes nothing.
    let mut m = store.muat_pemilih().await.unwrap();
    m.tambah(vec![pemilih("32.73.01.1001", 1, 1, "A")])
        .await
        .unwrap();
    drop(m);
    // A batch that breaks the key fails the whole load, earlier batches too.
    let mut m = store.muat_pemilih().await.unwrap();
    m.tambah(vec![pemilih("32.73.01.1001", 1, 1, "A")])
        .await
        .unwrap();
    let second = m.tambah(vec![pemilih("32.73.01.1001", 1, 1, "B")]).await;
    let r = match second {
        Ok(()) => m.selesai(&jejak()).await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(r.is_err(), "a duplicate key must fail the load");
    assert!(
        store
            .hitung_pemilih_per_tps(k("32"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.daftar_audit(0, 1000).await.unwrap().len(), before);
    // The store is still usable afterwards.
    assert_eq!(muat_contoh(&store).await.baris, 6);
}

pub async fn pemilih_reimport_is_idempotent(store: DynStore) {
    seeded(&store).await;
    muat_contoh(&store).await;
    let h = muat_contoh(&store).await;
    assert_eq!((h.tps, h.baris, h.diganti), (3, 6, 6));
    let total: u32 = store
        .hitung_pemilih_per_tps(k("32"))
        .await
        .unwrap()
        .iter()
        .map(|p| p.1)
        .sum();
    assert_eq!(total, 6);
    // Loading one TPS replaces that TPS only.
    let mut m = store.muat_pemilih().await.unwrap();
    m.tambah(vec![
        pemilih("32.73.02.1001", 1, 1, "Euis"),
        pemilih("32.73.02.1001", 1, 2, "Fajar"),
    ])
    .await
    .unwrap();
    let h = m.selesai(&jejak()).await.unwrap();
    assert_eq!((h.tps, h.baris, h.diganti), (1, 2, 1));
    let per = store.hitung_pemilih_per_tps(k("32")).await.unwrap();
    assert_eq!(per.iter().map(|p| p.1).collect::<Vec<_>>(), vec![3, 2, 2]);
}

/// A TPS whose voters come in two runs of the file (another TPS between)
/// keeps both runs; a number used in both is a duplicate.
pub async fn pemilih_tps_met_twice_in_a_file_keeps_both_runs(store: DynStore) {
    seeded(&store).await;
    let mut m = store.muat_pemilih().await.unwrap();
    m.tambah(vec![
        pemilih("32.73.01.1001", 1, 1, "Ahmad"),
        pemilih("32.73.01.1001", 2, 1, "Cici"),
        pemilih("32.73.01.1001", 1, 3, "Budi"),
        pemilih("32.73.01.1001", 1, 2, "Siti"),
    ])
    .await
    .unwrap();
    let h = m.selesai(&jejak()).await.unwrap();
    assert_eq!((h.tps, h.baris, h.diganti), (2, 4, 0));
    let satu = store
        .daftar_pemilih_tps(KodeTps::parse("3273011001001").unwrap())
        .await
        .unwrap();
    assert_eq!(
        satu.iter()
            .map(|p| (p.urut, p.nama.as_str()))
            .collect::<Vec<_>>(),
        vec![(1, "AHMAD"), (2, "SITI"), (3, "BUDI")]
    );
    let mut m = store.muat_pemilih().await.unwrap();
    let r = async {
        m.tambah(vec![
            pemilih("32.73.01.1001", 1, 1, "Ahmad"),
            pemilih("32.73.01.1001", 2, 1, "Cici"),
            pemilih("32.73.01.1001", 1, 1, "Ahmad Lagi"),
        ])
        .await?;
        m.selesai(&jejak()).await
    }
    .await;
    assert!(
        matches!(r, Err(StoreError::Conflict(_))),
        "a number used twice in one TPS is a conflict: {r:?}"
    );
    assert_eq!(store.daftar_pemilih_tps(satu[0].tps).await.unwrap(), satu);
}

/// A file sorted by something else than TPS (here every row switches
/// TPS) loads whole, each TPS in file order.
pub async fn pemilih_interleaved_tps_load_whole(store: DynStore) {
    seeded(&store).await;
    let mut m = store.muat_pemilih().await.unwrap();
    for chunk in (1..=20_000u32).collect::<Vec<_>>().chunks(4096) {
        let batch = chunk
            .iter()
            .map(|&i| pemilih("32.73.01.1001", 1 + (i % 2) as u16, i.div_ceil(2), "Nama"))
            .collect();
        m.tambah(batch).await.unwrap();
    }
    let h = m.selesai(&jejak()).await.unwrap();
    assert_eq!((h.tps, h.baris, h.diganti), (2, 20_000, 0));
    for nomor in ["3273011001001", "3273011001002"] {
        let daftar = store
            .daftar_pemilih_tps(KodeTps::parse(nomor).unwrap())
            .await
            .unwrap();
        assert_eq!(daftar.len(), 10_000);
        assert!(daftar.iter().zip(1..).all(|(p, n)| p.urut == n));
    }
}
