//! Conformance: regions, TPS and their DPT totals, elections and candidate pairs.

use super::*;
use crate::{KolomTps, PerubahanTps};

pub async fn migrations_bring_empty_database_to_current(store: DynStore) {
    assert!(store.schema_version().await.unwrap() >= 1);
    assert!(["sqlite", "postgres"].contains(&store.backend()));
    assert_eq!(store.hitung_wilayah_per_tingkat().await.unwrap(), [0; 4]);
    assert_eq!(store.ambil_rekap_dpt(None).await.unwrap().jumlah_tps, 0);
    assert!(store.daftar_pemilihan().await.unwrap().is_empty());
}

pub async fn wilayah_upsert_is_idempotent_and_counts_changes(store: DynStore) {
    let rows = sample_wilayah();
    let first = store.simpan_wilayah(&rows, &jejak()).await.unwrap();
    assert_eq!(
        first,
        ImportCounts {
            baru: 8,
            berubah: 0,
            sama: 0
        }
    );
    let again = store.simpan_wilayah(&rows, &jejak()).await.unwrap();
    assert_eq!(
        again,
        ImportCounts {
            baru: 0,
            berubah: 0,
            sama: 8
        }
    );
    let renamed = store
        .simpan_wilayah(&[w("32.73", "Kota Bandung Baru")], &jejak())
        .await
        .unwrap();
    assert_eq!(renamed.berubah, 1);
    assert_eq!(
        store.ambil_wilayah(k("32.73")).await.unwrap().unwrap().nama,
        "Kota Bandung Baru"
    );
    assert_eq!(
        store.hitung_wilayah_per_tingkat().await.unwrap(),
        [2, 1, 2, 3]
    );
}

pub async fn wilayah_hierarchy_queries(store: DynStore) {
    seeded(&store).await;
    let provs: Vec<String> = store
        .daftar_anak_wilayah(None)
        .await
        .unwrap()
        .iter()
        .map(|x| x.kode.to_string())
        .collect();
    assert_eq!(provs, ["31", "32"]);
    let kec: Vec<String> = store
        .daftar_anak_wilayah(Some(k("32.73")))
        .await
        .unwrap()
        .iter()
        .map(|x| x.nama.clone())
        .collect();
    assert_eq!(kec, ["Sukasari", "Coblong"]);
    assert!(
        store
            .daftar_anak_wilayah(Some(k("31")))
            .await
            .unwrap()
            .is_empty()
    );
    let desa = store
        .ambil_wilayah(k("32.73.01.1001"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(desa.jenis_desa, Some(JenisDesa::Kelurahan));
    assert!(store.ambil_wilayah(k("32.74")).await.unwrap().is_none());
    let crumbs = store
        .ambil_wilayah_banyak(&k("32.73.01.1001").leluhur())
        .await
        .unwrap();
    let names: Vec<&str> = crumbs.iter().map(|x| x.nama.as_str()).collect();
    assert_eq!(names, ["Jawa Barat", "Kota Bandung", "Sukasari"]);
    let known = store.daftar_kode_wilayah(Tingkat::Desa).await.unwrap();
    assert_eq!(known.len(), 3);
    assert!(known.contains(&k("32.73.02.1001")));
}

pub async fn wilayah_upsert_with_missing_parent_writes_nothing(store: DynStore) {
    let rows = vec![w("32", "Jawa Barat"), w("32.73.01", "Yatim")];
    assert!(store.simpan_wilayah(&rows, &jejak()).await.is_err());
    assert_eq!(store.hitung_wilayah_per_tingkat().await.unwrap(), [0; 4]);
}

pub async fn tps_upsert_is_idempotent_and_totals_roll_up(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let first = store.simpan_tps(&sample_tps(), &jejak()).await.unwrap();
    assert_eq!(first.baru, 4);
    let again = store.simpan_tps(&sample_tps(), &jejak()).await.unwrap();
    assert_eq!((again.baru, again.berubah, again.sama), (0, 0, 4));

    let all = store.ambil_rekap_dpt(None).await.unwrap();
    assert_eq!((all.jumlah_tps, all.dpt_total), (4, 1015));
    let kota = store.ambil_rekap_dpt(Some(k("32.73"))).await.unwrap();
    assert_eq!(
        (
            kota.jumlah_tps,
            kota.dpt_laki,
            kota.dpt_perempuan,
            kota.dpt_total
        ),
        (4, 500, 515, 1015)
    );
    let kec = store.ambil_rekap_dpt(Some(k("32.73.01"))).await.unwrap();
    assert_eq!((kec.jumlah_tps, kec.dpt_total), (3, 905));
    let empty = store.ambil_rekap_dpt(Some(k("31"))).await.unwrap();
    assert_eq!((empty.jumlah_tps, empty.dpt_total), (0, 0));

    // A changed DPT updates the row and every total above it.
    let mut changed = sample_tps();
    changed[0].dpt = Dpt::new(Some(101), Some(110), None).unwrap();
    let c = store.simpan_tps(&changed, &jejak()).await.unwrap();
    assert_eq!((c.baru, c.berubah, c.sama), (0, 1, 3));
    assert_eq!(
        store
            .ambil_rekap_dpt(Some(k("32")))
            .await
            .unwrap()
            .dpt_total,
        1016
    );
}

/// A write from a file with some columns keeps the stored fields of the
/// others, clears only what a present column leaves empty, and counts the
/// changes per field.
pub async fn tps_write_with_some_columns_keeps_the_others(store: DynStore) {
    seeded(&store).await;
    let awal = store.ambil_rekap_dpt(None).await.unwrap();
    let kolom = |alamat: bool| KolomTps {
        dpt_laki: false,
        dpt_perempuan: false,
        dpt_total: false,
        alamat,
        lokasi: false,
    };
    // What such a file reads: no counts, an address.
    let baris: Vec<Tps> = sample_tps()
        .into_iter()
        .map(|t| Tps {
            dpt: Dpt::new(None, None, None).unwrap(),
            alamat: Some(format!("Jl. {}", t.kode)),
            lokasi: None,
            ..t
        })
        .collect();
    let h = store
        .simpan_tps_kolom(&baris, &kolom(true), &jejak())
        .await
        .unwrap();
    assert_eq!((h.counts.baru, h.counts.berubah, h.counts.sama), (0, 4, 0));
    assert_eq!(
        h.perubahan,
        PerubahanTps {
            alamat: 4,
            ..Default::default()
        }
    );
    assert_eq!(store.ambil_rekap_dpt(None).await.unwrap(), awal);
    let t = store
        .ambil_tps(sample_tps()[0].kode)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.dpt, sample_tps()[0].dpt);
    assert_eq!(t.alamat, Some(format!("Jl. {}", t.kode)));
    // The same again: nothing changes.
    let h = store
        .simpan_tps_kolom(&baris, &kolom(true), &jejak())
        .await
        .unwrap();
    assert_eq!((h.counts.berubah, h.counts.sama), (0, 4));
    assert_eq!(h.perubahan, PerubahanTps::default());
    // No address column: the addresses stay; an empty one clears.
    let tanpa: Vec<Tps> = baris
        .iter()
        .map(|t| Tps {
            alamat: None,
            ..t.clone()
        })
        .collect();
    let h = store
        .simpan_tps_kolom(&tanpa, &kolom(false), &jejak())
        .await
        .unwrap();
    assert_eq!(h.counts.berubah, 0);
    let h = store
        .simpan_tps_kolom(&tanpa[..1], &kolom(true), &jejak())
        .await
        .unwrap();
    assert_eq!((h.counts.berubah, h.perubahan.alamat), (1, 1));
    let t = store
        .ambil_tps(sample_tps()[0].kode)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((t.alamat, t.dpt), (None, sample_tps()[0].dpt));
}

pub async fn children_with_totals_include_empty_children(store: DynStore) {
    seeded(&store).await;
    let provs = store.daftar_anak_dengan_rekap(None).await.unwrap();
    let got: Vec<(String, u64, u64)> = provs
        .iter()
        .map(|c| {
            (
                c.wilayah.kode.to_string(),
                c.rekap.jumlah_tps,
                c.rekap.dpt_total,
            )
        })
        .collect();
    assert_eq!(got, [("31".to_string(), 0, 0), ("32".to_string(), 4, 1015)]);
    let desa = store
        .daftar_anak_dengan_rekap(Some(k("32.73.01")))
        .await
        .unwrap();
    let got: Vec<(String, u64)> = desa
        .iter()
        .map(|c| (c.wilayah.nama.clone(), c.rekap.dpt_total))
        .collect();
    assert_eq!(
        got,
        [
            ("Sukarasa".to_string(), 500),
            ("Sukagalih".to_string(), 405)
        ]
    );
}

pub async fn tps_under_prefix_pages_in_key_order(store: DynStore) {
    seeded(&store).await;
    let all = store.daftar_tps_di(k("32.73"), None, 100).await.unwrap();
    let keys: Vec<String> = all.iter().map(|t| t.kode.to_string()).collect();
    assert_eq!(
        keys,
        [
            "32.73.01.1001-001",
            "32.73.01.1001-002",
            "32.73.01.1002-001",
            "32.73.02.1001-001"
        ]
    );
    let page1 = store.daftar_tps_di(k("32.73.01"), None, 2).await.unwrap();
    assert_eq!(page1.len(), 2);
    let page2 = store
        .daftar_tps_di(k("32.73.01"), Some(page1[1].kode), 2)
        .await
        .unwrap();
    let keys: Vec<String> = page2.iter().map(|t| t.kode.to_string()).collect();
    assert_eq!(keys, ["32.73.01.1002-001"]);
    let one_desa = store
        .daftar_tps_di(k("32.73.01.1001"), None, 10)
        .await
        .unwrap();
    assert_eq!(one_desa.len(), 2);
    assert!(
        store
            .daftar_tps_di(k("31"), None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let t = store.ambil_tps(all[2].kode).await.unwrap().unwrap();
    assert_eq!(t.dpt.total(), Some(405));
}

pub async fn tps_keeps_optional_fields(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let mut t = tps("32.73.01.1001", 7, 10, 20);
    t.alamat = Some("Jl. Sukarasa No. 1, RT 02/RW 05".into());
    t.lokasi = Some((-6.8712, 107.5874));
    let unknown = Tps {
        dpt: Dpt::unknown(),
        ..tps("32.73.01.1001", 8, 1, 1)
    };
    store
        .simpan_tps(&[t.clone(), unknown.clone()], &jejak())
        .await
        .unwrap();
    assert_eq!(store.ambil_tps(t.kode).await.unwrap().unwrap(), t);
    assert_eq!(
        store.ambil_tps(unknown.kode).await.unwrap().unwrap(),
        unknown
    );
    let r = store
        .ambil_rekap_dpt(Some(k("32.73.01.1001")))
        .await
        .unwrap();
    assert_eq!((r.jumlah_tps, r.tps_dengan_dpt, r.dpt_total), (2, 1, 30));
}

pub async fn tps_in_unknown_desa_writes_nothing(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let rows = vec![tps("32.73.01.1001", 1, 1, 1), tps("32.73.09.1001", 1, 1, 1)];
    assert!(store.simpan_tps(&rows, &jejak()).await.is_err());
    assert_eq!(store.ambil_rekap_dpt(None).await.unwrap().jumlah_tps, 0);
}

pub async fn pemilihan_and_paslon_round_trip(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    assert_eq!(store.ambil_pemilihan(p.id).await.unwrap().unwrap(), p);
    assert_eq!(store.daftar_pemilihan().await.unwrap(), vec![p.clone()]);
    assert!(
        store
            .ambil_pemilihan(Uuid::now_v7())
            .await
            .unwrap()
            .is_none()
    );

    store
        .simpan_paslon(&paslon(&p, 2, "Dewi Lestari", "Agus Salim"), &jejak())
        .await
        .unwrap();
    store
        .simpan_paslon(&paslon(&p, 1, "Rina Marlina", "Bayu Nugroho"), &jejak())
        .await
        .unwrap();
    let dup = store
        .simpan_paslon(&paslon(&p, 1, "Orang Lain", "Juga Lain"), &jejak())
        .await;
    assert!(
        matches!(
            dup,
            Err(StoreError::Conflict(crate::Konflik::NomorUrutPaslon(1)))
        ),
        "{dup:?}"
    );
    let list = store.daftar_paslon(p.id).await.unwrap();
    let got: Vec<(u8, &str)> = list
        .iter()
        .map(|x| (x.nomor_urut.get(), x.calon_kepala.as_str()))
        .collect();
    assert_eq!(got, [(1, "Rina Marlina"), (2, "Dewi Lestari")]);
}

pub async fn pemilihan_needs_a_stored_region(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let p = Pemilihan {
        wilayah: k("35.78"),
        ..pemilihan()
    };
    assert!(store.simpan_pemilihan(&p, &jejak()).await.is_err());
    assert!(store.daftar_pemilihan().await.unwrap().is_empty());
}
