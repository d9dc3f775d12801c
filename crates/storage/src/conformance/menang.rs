//! Conformance: an election's win rule, and the TPS not yet in with the
//! most votes they could still add (what "settled" is judged against).

use posko_domain::menang::sisa_maks_tps;
use posko_domain::{AturanMenang, Dpt, KodeTps, NomorTps};

use super::{DynStore, jejak, k, kiriman, pemilihan, sample_tps, seeded, simpan_dua_paslon};
use crate::{Pemilihan, SisaTps, Tps};

/// The rule round-trips (chosen, cleared back to the law's default, set at
/// creation); changing it on an unknown election writes nothing.
pub async fn aturan_menang_is_stored_and_changed(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let ambil = |id| {
        let store = store.clone();
        async move { store.ambil_pemilihan(id).await.unwrap().unwrap().aturan }
    };
    assert_eq!(ambil(p.id).await, None);
    let audit_awal = store.daftar_audit(0, 100_000).await.unwrap().len();
    assert!(
        store
            .ubah_aturan_menang(p.id, Some(AturanMenang::Lebih50), &jejak())
            .await
            .unwrap()
    );
    assert_eq!(ambil(p.id).await, Some(AturanMenang::Lebih50));
    assert_eq!(
        store.daftar_audit(0, 100_000).await.unwrap().len(),
        audit_awal + 1
    );
    assert!(
        store
            .ubah_aturan_menang(p.id, None, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(ambil(p.id).await, None);
    assert!(
        !store
            .ubah_aturan_menang(
                uuid::Uuid::now_v7(),
                Some(AturanMenang::Terbanyak),
                &jejak()
            )
            .await
            .unwrap()
    );
    assert_eq!(
        store.daftar_audit(0, 100_000).await.unwrap().len(),
        audit_awal + 2
    );

    let q = Pemilihan {
        id: uuid::Uuid::now_v7(),
        aturan: Some(AturanMenang::CalonTunggal),
        ..pemilihan()
    };
    store.simpan_pemilihan(&q, &jejak()).await.unwrap();
    assert_eq!(ambil(q.id).await, Some(AturanMenang::CalonTunggal));
    let semua = store.daftar_pemilihan().await.unwrap();
    assert!(semua.iter().any(|x| x.id == q.id && x.aturan == q.aturan));
}

fn tps_dpt(desa: &str, nomor: u16, total: Option<u32>) -> Tps {
    Tps {
        kode: KodeTps::new(k(desa), NomorTps::new(nomor).unwrap()).unwrap(),
        dpt: Dpt::new(None, None, total).unwrap(),
        alamat: None,
        lokasi: None,
    }
}

fn sisa(kode: &str, tps: &[&Tps]) -> SisaTps {
    SisaTps {
        kode: k(kode),
        tps_belum: tps.len() as u64,
        suara_maks: tps.iter().map(|t| sisa_maks_tps(t.dpt.total())).sum(),
    }
}

/// Unreported TPS are counted and bounded per region at the level asked,
/// by min(⌈DPT × 1.025⌉, 600) each (600 without a DPT), and a TPS drops out
/// once a result is in for that election only.
pub async fn unreported_tps_bounded_per_region(store: DynStore) {
    seeded(&store).await;
    let besar = tps_dpt("32.73.02.1001", 2, Some(590));
    let tanpa = tps_dpt("32.73.02.1001", 3, None);
    store
        .simpan_tps(&[besar.clone(), tanpa.clone()], &jejak())
        .await
        .unwrap();
    let p = pemilihan();
    simpan_dua_paslon(&store, &p).await;
    let t: Vec<Tps> = {
        let mut v = Vec::new();
        for x in sample_tps() {
            v.push(store.ambil_tps(x.kode).await.unwrap().unwrap());
        }
        v
    };
    assert_eq!(sisa_maks_tps(besar.dpt.total()), 600);

    let pid = p.id;
    let kec = |wilayah: &'static str, tingkat| {
        let store = store.clone();
        async move {
            store
                .daftar_sisa_tps(pid, k(wilayah), tingkat)
                .await
                .unwrap()
        }
    };
    use posko_domain::Tingkat::*;
    assert_eq!(
        kec("32.73", Kecamatan).await,
        [
            sisa("32.73.01", &[&t[0], &t[1], &t[2]]),
            sisa("32.73.02", &[&t[3], &besar, &tanpa]),
        ]
    );
    assert_eq!(
        kec("32", Kabkota).await,
        [sisa("32.73", &[&t[0], &t[1], &t[2], &t[3], &besar, &tanpa])]
    );

    let (k0, h0) = kiriman(&p, &t[0], "s-1", &[120, 98], 7);
    store.simpan_hasil(&k0, &h0, &jejak()).await.unwrap();
    assert_eq!(
        kec("32.73.01", Desa).await,
        [
            sisa("32.73.01.1001", &[&t[1]]),
            sisa("32.73.01.1002", &[&t[2]]),
        ]
    );
    assert_eq!(
        kec("32.73.01.1001", Desa).await,
        [sisa("32.73.01.1001", &[&t[1]])]
    );
    // Every TPS of a region in: the region is left out.
    let (k1, h1) = kiriman(&p, &t[1], "s-2", &[1, 2], 0);
    store.simpan_hasil(&k1, &h1, &jejak()).await.unwrap();
    assert!(kec("32.73.01.1001", Desa).await.is_empty());
    // Another election's results do not count for this one.
    let q = Pemilihan {
        id: uuid::Uuid::now_v7(),
        ..pemilihan()
    };
    store.simpan_pemilihan(&q, &jejak()).await.unwrap();
    let semua = store
        .daftar_sisa_tps(q.id, k("32.73.01.1001"), Desa)
        .await
        .unwrap();
    assert_eq!(semua, [sisa("32.73.01.1001", &[&t[0], &t[1]])]);
}
