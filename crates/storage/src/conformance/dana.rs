//! Conformance: campaign finance. Donors de-duplicated by blind index,
//! ledger entries appended with their audit entry and numbered per
//! election, corrections that must name an entry, returns of excess.

use super::*;
use crate::{
    DataTersandi, EntriDana, JenisEntriDana, PengaturanDana, PengembalianDana, PenyampaianDana,
    PenyumbangDana, SaringDana, SumbanganPenyumbangBaru,
};
use posko_domain::dana::{
    BentukDana, KategoriBelanja, Periode, Rekening, SumberDana, TujuanKelebihan, Uang,
};

fn rp(n: i64) -> Uang {
    Uang::rupiah(n).unwrap()
}

fn sandi(s: &str) -> Option<DataTersandi> {
    Some(DataTersandi {
        sandi: format!("kid00001:{s}"),
        indeks: format!("kid00001:i-{s}"),
    })
}

fn penyumbang(pemilihan: Uuid, nik: Option<&str>, npwp: Option<&str>) -> PenyumbangDana {
    PenyumbangDana {
        id: Uuid::now_v7(),
        pemilihan_id: pemilihan,
        sumber: if npwp.is_some() {
            SumberDana::BadanUsahaSwasta
        } else {
            SumberDana::Perseorangan
        },
        identitas: sandi("identitas"),
        nik: nik.and_then(sandi),
        telepon: sandi("0812"),
        npwp: npwp.and_then(sandi),
        dibuat_oleh: Uuid::now_v7(),
        dibuat: 1_780_000_000,
    }
}

fn entri(pemilihan: Uuid, tanggal: time::Date, jenis: JenisEntriDana, nilai: Uang) -> EntriDana {
    EntriDana {
        id: Uuid::now_v7(),
        pemilihan_id: pemilihan,
        nomor: 0,
        tanggal,
        jenis,
        bentuk: BentukDana::Uang,
        rekening: Rekening::Rkdk,
        nilai,
        koreksi_atas: None,
        susulan: None,
        uraian: "uji".into(),
        bukti: vec![],
        dicatat_oleh: Uuid::now_v7(),
        dicatat: 1_780_000_000,
    }
}

pub(super) async fn pemilihan_tersimpan(store: &DynStore) -> Pemilihan {
    seeded(store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    p
}

pub async fn dana_donors_are_deduplicated_by_blind_index(store: DynStore) {
    let p = pemilihan_tersimpan(&store).await;
    let audit = jumlah_audit(&store).await;
    let a = penyumbang(p.id, Some("nik-a"), None);
    assert_eq!(
        store
            .simpan_penyumbang_dana(&a, &[], &jejak())
            .await
            .unwrap(),
        None
    );
    assert_eq!(jumlah_audit(&store).await, audit + 1);
    // The same NIK, its index under another key given in `cocok`: the
    // donor already stored, nothing written.
    let mut lagi = penyumbang(p.id, None, None);
    lagi.nik = Some(DataTersandi {
        sandi: "kid00002:x".into(),
        indeks: "kid00002:lain".into(),
    });
    let cocok = vec!["kid00002:lain".to_string(), "kid00001:i-nik-a".to_string()];
    assert_eq!(
        store
            .simpan_penyumbang_dana(&lagi, &cocok, &jejak())
            .await
            .unwrap(),
        Some(a.id)
    );
    // The same NIK index alone is enough.
    let kembar = penyumbang(p.id, Some("nik-a"), None);
    assert_eq!(
        store
            .simpan_penyumbang_dana(&kembar, &[], &jejak())
            .await
            .unwrap(),
        Some(a.id)
    );
    assert_eq!(jumlah_audit(&store).await, audit + 1);
    // A company by its NPWP; an anonymous-looking donor with no NIK or
    // NPWP is always new.
    let pt = penyumbang(p.id, None, Some("npwp-1"));
    assert_eq!(
        store
            .simpan_penyumbang_dana(&pt, &[], &jejak())
            .await
            .unwrap(),
        None
    );
    let pt2 = penyumbang(p.id, None, Some("npwp-1"));
    assert_eq!(
        store
            .simpan_penyumbang_dana(&pt2, &[], &jejak())
            .await
            .unwrap(),
        Some(pt.id)
    );
    let tanpa = penyumbang(p.id, None, None);
    assert_eq!(
        store
            .simpan_penyumbang_dana(&tanpa, &[], &jejak())
            .await
            .unwrap(),
        None
    );
    // Another election's donor with the same NIK is its own.
    let q = Pemilihan {
        id: Uuid::now_v7(),
        ..pemilihan()
    };
    store.simpan_pemilihan(&q, &jejak()).await.unwrap();
    let di_q = penyumbang(q.id, Some("nik-a"), None);
    assert_eq!(
        store
            .simpan_penyumbang_dana(&di_q, &[], &jejak())
            .await
            .unwrap(),
        None
    );

    assert_eq!(store.ambil_penyumbang_dana(a.id).await.unwrap().unwrap(), a);
    assert_eq!(
        store.ambil_penyumbang_dana(pt.id).await.unwrap().unwrap(),
        pt
    );
    assert!(
        store
            .ambil_penyumbang_dana(Uuid::now_v7())
            .await
            .unwrap()
            .is_none()
    );
    let ids: Vec<Uuid> = store
        .daftar_penyumbang_dana(p.id)
        .await
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids.len(), 3);
    for id in [a.id, pt.id, tanpa.id] {
        assert!(ids.contains(&id));
    }
    // Sealed values are rotated with the others.
    let nik = store
        .daftar_rahasia(crate::KolomRahasia::PenyumbangNik)
        .await
        .unwrap();
    assert!(
        nik.iter()
            .any(|(id, d)| *id == a.id && d.indeks == "kid00001:i-nik-a")
    );
}

pub async fn dana_entries_are_appended_numbered_and_audited(store: DynStore) {
    let p = pemilihan_tersimpan(&store).await;
    assert!(store.ambil_pengaturan_dana(p.id).await.unwrap().is_none());
    let mut atur = PengaturanDana {
        pemilihan_id: p.id,
        mulai_kampanye: date!(2029 - 09 - 25),
        akhir_kampanye: date!(2029 - 11 - 23),
        batas_belanja: None,
        jadwal: None,
        diubah: 1_780_000_000,
    };
    store.simpan_pengaturan_dana(&atur, &jejak()).await.unwrap();
    atur.batas_belanja = Some(rp(44_950_000_000));
    atur.jadwal = Some([
        (date!(2029 - 09 - 24), date!(2029 - 09 - 24)),
        (date!(2029 - 10 - 20), date!(2029 - 10 - 22)),
        (date!(2029 - 11 - 23), date!(2029 - 11 - 26)),
    ]);
    store.simpan_pengaturan_dana(&atur, &jejak()).await.unwrap();
    assert_eq!(
        store.ambil_pengaturan_dana(p.id).await.unwrap().unwrap(),
        atur
    );

    let donor = penyumbang(p.id, Some("nik-b"), None);
    store
        .simpan_penyumbang_dana(&donor, &[], &jejak())
        .await
        .unwrap();
    let audit = jumlah_audit(&store).await;
    let terima = JenisEntriDana::Penerimaan {
        sumber: SumberDana::Perseorangan,
        penyumbang_id: Some(donor.id),
    };
    let mut kaos = entri(p.id, date!(2029 - 09 - 20), terima, rp(5_000_000));
    kaos.bentuk = BentukDana::Barang {
        jumlah_unit: 500,
        satuan: "kaos".into(),
    };
    kaos.rekening = Rekening::Tunai;
    kaos.bukti = vec!["ab".repeat(32)];
    let mut belanja = entri(
        p.id,
        date!(2029 - 10 - 01),
        JenisEntriDana::Pengeluaran {
            kategori: KategoriBelanja::BahanKampanye,
        },
        Uang::dari_sen(123_456),
    );
    belanja.bentuk = BentukDana::Jasa {
        jenis: "desain".into(),
    };
    let anonim = entri(
        p.id,
        date!(2029 - 10 - 05),
        JenisEntriDana::Penerimaan {
            sumber: SumberDana::Perseorangan,
            penyumbang_id: None,
        },
        rp(100_000),
    );
    let mut koreksi = entri(p.id, date!(2029 - 10 - 10), terima, rp(-1_000_000));
    koreksi.koreksi_atas = Some(kaos.id);
    koreksi.susulan = Some(Periode::Lpsdk);
    for (i, e) in [&kaos, &belanja, &anonim, &koreksi].into_iter().enumerate() {
        assert_eq!(
            store.catat_entri_dana(e, None, &jejak()).await.unwrap(),
            i as i64 + 1
        );
    }
    assert_eq!(jumlah_audit(&store).await, audit + 4);

    // A correction of an entry that does not exist, or a donor that does
    // not, writes nothing.
    let mut hilang = entri(p.id, date!(2029 - 10 - 11), terima, rp(-1));
    hilang.koreksi_atas = Some(Uuid::now_v7());
    assert!(matches!(
        store.catat_entri_dana(&hilang, None, &jejak()).await,
        Err(StoreError::NotFound(_))
    ));
    let asing = entri(
        p.id,
        date!(2029 - 10 - 11),
        JenisEntriDana::Penerimaan {
            sumber: SumberDana::Perseorangan,
            penyumbang_id: Some(Uuid::now_v7()),
        },
        rp(1),
    );
    assert!(matches!(
        store.catat_entri_dana(&asing, None, &jejak()).await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(jumlah_audit(&store).await, audit + 4);

    // A correction checked against the ledger up to entry 3 while entry 4
    // was written meanwhile: refused, nothing written; checked to 4, it
    // is entry 5.
    let mut telat = entri(p.id, date!(2029 - 10 - 12), terima, rp(-1));
    telat.koreksi_atas = Some(kaos.id);
    assert!(matches!(
        store.catat_entri_dana(&telat, Some(3), &jejak()).await,
        Err(StoreError::Conflict(crate::Konflik::BukuDanaBerubah(3)))
    ));
    assert_eq!(jumlah_audit(&store).await, audit + 4);
    assert_eq!(
        store
            .catat_entri_dana(&telat, Some(4), &jejak())
            .await
            .unwrap(),
        5
    );
    assert_eq!(jumlah_audit(&store).await, audit + 5);

    let nomor = |mut e: EntriDana, n: i64| {
        e.nomor = n;
        e
    };
    let semua = store
        .daftar_entri_dana(p.id, &SaringDana::default())
        .await
        .unwrap();
    assert_eq!(
        semua,
        vec![
            nomor(kaos.clone(), 1),
            nomor(belanja.clone(), 2),
            nomor(anonim.clone(), 3),
            nomor(koreksi.clone(), 4),
            nomor(telat.clone(), 5),
        ]
    );
    assert_eq!(
        store.ambil_entri_dana(koreksi.id).await.unwrap().unwrap(),
        nomor(koreksi.clone(), 4)
    );
    assert!(
        store
            .ambil_entri_dana(Uuid::now_v7())
            .await
            .unwrap()
            .is_none()
    );
    let saring = SaringDana {
        dari: Some(date!(2029 - 10 - 01)),
        sampai: Some(date!(2029 - 10 - 05)),
        penyumbang_id: None,
    };
    let ids: Vec<Uuid> = store
        .daftar_entri_dana(p.id, &saring)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, vec![belanja.id, anonim.id]);
    let milik_donor = SaringDana {
        penyumbang_id: Some(donor.id),
        ..SaringDana::default()
    };
    let ids: Vec<Uuid> = store
        .daftar_entri_dana(p.id, &milik_donor)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, vec![kaos.id, koreksi.id, telat.id]);

    // Another election numbers from 1 and lists only its own.
    let q = Pemilihan {
        id: Uuid::now_v7(),
        ..pemilihan()
    };
    store.simpan_pemilihan(&q, &jejak()).await.unwrap();
    let lain = entri(q.id, date!(2029 - 10 - 01), terima_anonim(), rp(10));
    assert_eq!(
        store.catat_entri_dana(&lain, None, &jejak()).await.unwrap(),
        1
    );
    assert_eq!(
        store
            .daftar_entri_dana(q.id, &SaringDana::default())
            .await
            .unwrap()
            .len(),
        1
    );
    // A correction may not name another election's entry.
    let mut silang = entri(q.id, date!(2029 - 10 - 02), terima_anonim(), rp(-1));
    silang.koreksi_atas = Some(anonim.id);
    assert!(matches!(
        store.catat_entri_dana(&silang, None, &jejak()).await,
        Err(StoreError::NotFound(_))
    ));
}

fn terima_anonim() -> JenisEntriDana {
    JenisEntriDana::Penerimaan {
        sumber: SumberDana::Kelompok,
        penyumbang_id: None,
    }
}

pub async fn dana_returns_of_excess_are_recorded(store: DynStore) {
    let p = pemilihan_tersimpan(&store).await;
    let donor = penyumbang(p.id, Some("nik-c"), None);
    store
        .simpan_penyumbang_dana(&donor, &[], &jejak())
        .await
        .unwrap();
    let keluar = entri(
        p.id,
        date!(2029 - 11 - 30),
        JenisEntriDana::Pengeluaran {
            kategori: KategoriBelanja::PengembalianKelebihan,
        },
        rp(5_000_000),
    );
    store
        .catat_entri_dana(&keluar, None, &jejak())
        .await
        .unwrap();
    let audit = jumlah_audit(&store).await;
    let k = PengembalianDana {
        id: Uuid::now_v7(),
        pemilihan_id: p.id,
        tanggal: date!(2029 - 11 - 30),
        sumber: SumberDana::Perseorangan,
        penyumbang_id: Some(donor.id),
        nilai: rp(5_000_000),
        tujuan: TujuanKelebihan::KasNegara,
        entri_id: Some(keluar.id),
        dicatat_oleh: Uuid::now_v7(),
        dicatat: 1_780_000_000,
    };
    let anonim = PengembalianDana {
        id: Uuid::now_v7(),
        tanggal: date!(2029 - 11 - 29),
        sumber: SumberDana::Kelompok,
        penyumbang_id: None,
        entri_id: None,
        nilai: rp(100_000),
        ..k.clone()
    };
    let nomor = store
        .daftar_entri_dana(p.id, &SaringDana::default())
        .await
        .unwrap()
        .iter()
        .map(|e| e.nomor)
        .max()
        .unwrap_or(0);
    store
        .catat_pengembalian_dana(&k, (nomor, 0), &jejak())
        .await
        .unwrap();
    // Checked against a view from before the first return: refused, so
    // two returns at once cannot both pass one check.
    let basi = PengembalianDana {
        id: Uuid::now_v7(),
        ..anonim.clone()
    };
    assert!(matches!(
        store
            .catat_pengembalian_dana(&basi, (nomor, 0), &jejak())
            .await,
        Err(StoreError::Conflict(crate::Konflik::BukuDanaBerubah(_)))
    ));
    store
        .catat_pengembalian_dana(&anonim, (nomor, 1), &jejak())
        .await
        .unwrap();
    assert_eq!(jumlah_audit(&store).await, audit + 2);
    assert_eq!(
        store.daftar_pengembalian_dana(p.id).await.unwrap(),
        vec![anonim.clone(), k.clone()]
    );
    let salah = PengembalianDana {
        id: Uuid::now_v7(),
        penyumbang_id: Some(Uuid::now_v7()),
        ..k.clone()
    };
    assert!(matches!(
        store
            .catat_pengembalian_dana(&salah, (nomor, 2), &jejak())
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(jumlah_audit(&store).await, audit + 2);
}

/// Writers at once: every entry gets its own number with no gaps, and one
/// NIK sent by several at once is stored once.
pub async fn dana_concurrent_writers_number_and_deduplicate(store: DynStore) {
    let p = pemilihan_tersimpan(&store).await;
    let mut tugas = Vec::new();
    for i in 0..12 {
        let store = store.clone();
        let e = entri(
            p.id,
            date!(2029 - 10 - 01),
            terima_anonim(),
            Uang::dari_sen(100 + i),
        );
        tugas.push(tokio::spawn(async move {
            store.catat_entri_dana(&e, None, &jejak()).await.unwrap()
        }));
    }
    let mut nomor = Vec::new();
    for t in tugas {
        nomor.push(t.await.unwrap());
    }
    nomor.sort_unstable();
    assert_eq!(nomor, (1..=12).collect::<Vec<i64>>());

    let mut tugas = Vec::new();
    for _ in 0..6 {
        let store = store.clone();
        let d = penyumbang(p.id, Some("nik-serentak"), None);
        tugas.push(tokio::spawn(async move {
            let id = d.id;
            store
                .simpan_penyumbang_dana(&d, &[], &jejak())
                .await
                .unwrap()
                .unwrap_or(id)
        }));
    }
    let mut ids = HashSet::new();
    for t in tugas {
        ids.insert(t.await.unwrap());
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(store.daftar_penyumbang_dana(p.id).await.unwrap().len(), 1);
}

/// One election with one ledger entry, for a backend's own test that the
/// entry cannot be changed in SQL (its id).
pub async fn dana_satu_entri(store: &DynStore) -> Uuid {
    let p = pemilihan_tersimpan(store).await;
    let e = entri(p.id, date!(2029 - 10 - 01), terima_anonim(), rp(10));
    store.catat_entri_dana(&e, None, &jejak()).await.unwrap();
    e.id
}

pub async fn dana_filings_are_kept_as_a_history(store: DynStore) {
    let p = pemilihan_tersimpan(&store).await;
    let lain = Pemilihan {
        id: Uuid::now_v7(),
        ..pemilihan()
    };
    store.simpan_pemilihan(&lain, &jejak()).await.unwrap();
    let lain = lain.id;
    assert!(
        store
            .daftar_penyampaian_dana(p.id)
            .await
            .unwrap()
            .is_empty()
    );
    let audit = jumlah_audit(&store).await;
    let catat = |pemilihan_id, periode, dicatat, tanda: &str| PenyampaianDana {
        id: Uuid::now_v7(),
        pemilihan_id,
        periode,
        tanggal: date!(2029 - 09 - 24),
        tanda_terima: tanda.into(),
        catatan: String::new(),
        dicatat_oleh: Uuid::now_v7(),
        dicatat,
    };
    let pertama = catat(p.id, Periode::Ladk, 1_780_000_000, "SIKADEKA/1");
    let ulang = catat(p.id, Periode::Ladk, 1_780_000_100, "SIKADEKA/2");
    let milik_lain = catat(lain, Periode::Lpsdk, 1_780_000_050, "");
    for x in [&ulang, &pertama, &milik_lain] {
        store.catat_penyampaian_dana(x, &jejak()).await.unwrap();
    }
    assert_eq!(jumlah_audit(&store).await, audit + 3);
    assert_eq!(
        store.daftar_penyampaian_dana(p.id).await.unwrap(),
        vec![pertama, ulang],
        "oldest first, only this election's"
    );
    let hilang = catat(Uuid::now_v7(), Periode::Ladk, 1, "");
    assert!(
        store
            .catat_penyampaian_dana(&hilang, &jejak())
            .await
            .is_err(),
        "a filing of an election that does not exist"
    );
    assert_eq!(jumlah_audit(&store).await, audit + 3);
}

pub async fn dana_new_donor_and_donation_are_one_write(store: DynStore) {
    let p = pemilihan_tersimpan(&store).await;
    let audit = jumlah_audit(&store).await;
    let donor = penyumbang(p.id, Some("nik-baru"), None);
    let terima = |id| JenisEntriDana::Penerimaan {
        sumber: SumberDana::Perseorangan,
        penyumbang_id: Some(id),
    };
    let e = entri(p.id, date!(2029 - 10 - 01), terima(donor.id), rp(1_000_000));
    assert_eq!(
        store
            .catat_sumbangan_penyumbang_baru(&donor, &[], &jejak(), &e, &jejak())
            .await
            .unwrap(),
        SumbanganPenyumbangBaru::Dicatat(1)
    );
    assert_eq!(jumlah_audit(&store).await, audit + 2);
    assert_eq!(
        store.ambil_entri_dana(e.id).await.unwrap().unwrap().nomor,
        1
    );

    // The same NIK again (another id, as a second form would make): the
    // donor already recorded is named and nothing is written.
    let lagi = penyumbang(p.id, Some("nik-baru"), None);
    let e2 = entri(p.id, date!(2029 - 10 - 02), terima(lagi.id), rp(2_000_000));
    assert_eq!(
        store
            .catat_sumbangan_penyumbang_baru(&lagi, &[], &jejak(), &e2, &jejak())
            .await
            .unwrap(),
        SumbanganPenyumbangBaru::PenyumbangAda(donor.id)
    );
    assert!(store.ambil_entri_dana(e2.id).await.unwrap().is_none());
    assert!(
        store
            .ambil_penyumbang_dana(lagi.id)
            .await
            .unwrap()
            .is_none()
    );

    // A donation the store refuses leaves no donor behind.
    let baru = penyumbang(p.id, Some("nik-tolak"), None);
    let mut salah = entri(p.id, date!(2029 - 10 - 03), terima(baru.id), rp(5));
    salah.koreksi_atas = Some(Uuid::now_v7());
    assert!(
        store
            .catat_sumbangan_penyumbang_baru(&baru, &[], &jejak(), &salah, &jejak())
            .await
            .is_err()
    );
    assert!(
        store
            .ambil_penyumbang_dana(baru.id)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(store.daftar_penyumbang_dana(p.id).await.unwrap().len(), 1);
    assert_eq!(jumlah_audit(&store).await, audit + 2);
}
