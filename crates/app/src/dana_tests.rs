//! The finance ledger's use cases on a real store: SQLite always, and
//! PostgreSQL (a fresh schema per test) when POSKO_TEST_POSTGRES_URL is set.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use super::*;
use posko_domain::{Cakupan, JenisPemilihan, KodeTps, KodeWilayah, Penugasan, Peran};
use posko_storage::{Store, Wilayah};
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NIK: &str = "3273016508900001";

fn k(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn rp(n: i64) -> Uang {
    Uang::rupiah(n).unwrap()
}

fn orang(peran: Peran, cakupan: Cakupan) -> Pengguna {
    Pengguna {
        id: Uuid::now_v7(),
        username: peran.slug().into(),
        nama: peran.slug().into(),
        aktif: true,
        dibuat: OffsetDateTime::UNIX_EPOCH,
        penugasan: vec![Penugasan::new(peran, cakupan).unwrap()],
        telepon: None,
    }
}

/// A Posko whose clock the test moves (unix seconds).
struct Uji {
    posko: Posko,
    jam: Arc<AtomicI64>,
    pemilihan: Uuid,
    store: Arc<dyn Store>,
}

impl Uji {
    fn pada(&self, t: OffsetDateTime) {
        self.jam.store(t.unix_timestamp(), Ordering::SeqCst);
    }
}

async fn siapkan(store: Arc<dyn Store>) -> Uji {
    let jejak = || Jejak::new("test", "uji", "uji", "1", "uji", b"x");
    let w = |kode: &str, nama: &str| Wilayah {
        kode: k(kode),
        nama: nama.into(),
        jenis_desa: k(kode).jenis_desa(),
    };
    store
        .simpan_wilayah(
            &[w("32", "JAWA BARAT"), w("32.73", "KOTA BANDUNG")],
            &jejak(),
        )
        .await
        .unwrap();
    let p = Pemilihan {
        id: Uuid::now_v7(),
        jenis: JenisPemilihan::Walikota,
        wilayah: k("32.73"),
        nama: "Pemilihan Wali Kota Bandung".into(),
        tanggal: date!(2029 - 11 - 28),
        dibuat: datetime!(2029-01-01 00:00 UTC),
        aturan: None,
    };
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let jam = Arc::new(AtomicI64::new(
        datetime!(2029-09-01 03:00 UTC).unix_timestamp(),
    ));
    let j = jam.clone();
    let posko = Posko::new(store.clone(), Arc::new(crate::Brankas::generate())).with_jam(Arc::new(
        move || OffsetDateTime::from_unix_timestamp(j.load(Ordering::SeqCst)).unwrap(),
    ));
    let bendahara = orang(Peran::Bendahara, Cakupan::Semua);
    // Campaign 25 September – 23 November: LADK due 24 September, LPSDK
    // books to 23 October (due the 24th), LPPDK the rest.
    posko
        .atur_dana(
            &bendahara,
            p.id,
            date!(2029 - 09 - 25),
            date!(2029 - 11 - 23),
            Some(rp(44_950_000_000)),
        )
        .await
        .unwrap();
    Uji {
        posko,
        jam,
        pemilihan: p.id,
        store,
    }
}

fn sumbangan(tanggal: Date, penyumbang: PilihPenyumbang, nilai: Uang) -> SumbanganBaru {
    SumbanganBaru {
        tanggal,
        penyumbang,
        bentuk: BentukDana::Uang,
        rekening: Rekening::Rkdk,
        nilai,
        uraian: "transfer".into(),
        bukti: vec![],
    }
}

fn budi() -> IdentitasPenyumbang {
    IdentitasPenyumbang {
        nama: "Budi Santoso".into(),
        alamat: "Jl. Merdeka 1, Bandung".into(),
        telepon: Some("0812-3456-7890".into()),
        nik: Some(NIK.into()),
        npwp: None,
    }
}

fn bagian(h: &HasilEntriDana) -> (Uang, Uang) {
    let b = h.bagian.unwrap();
    (b.terpakai, b.kelebihan)
}

/// An individual who gives Rp95,000,000 in four donations (the third
/// typed again as a new donor with the same NIK) has exactly
/// Rp20,000,000 flagged as excess; returning it clears what is owed, and
/// no more than that may be returned. Anonymous money is all excess.
async fn kelebihan_di_atas_batas_ditandai_tepat(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = orang(Peran::Bendahara, Cakupan::Wilayah(k("32.73")));
    let baru = PilihPenyumbang::Baru {
        sumber: SumberDana::Perseorangan,
        identitas: budi(),
    };
    let h1 = u
        .posko
        .catat_sumbangan(
            &b,
            u.pemilihan,
            &sumbangan(date!(2029 - 09 - 10), baru.clone(), rp(30_000_000)),
        )
        .await
        .unwrap();
    assert_eq!(bagian(&h1), (rp(30_000_000), Uang::NOL));
    let donor = h1.penyumbang_id.unwrap();
    let h2 = u
        .posko
        .catat_sumbangan(
            &b,
            u.pemilihan,
            &sumbangan(
                date!(2029 - 09 - 12),
                PilihPenyumbang::Tercatat(donor),
                rp(30_000_000),
            ),
        )
        .await
        .unwrap();
    assert_eq!(bagian(&h2), (rp(30_000_000), Uang::NOL));
    // The same NIK typed again (spaced differently) is the same donor.
    let mut lagi = budi();
    lagi.nik = Some("3273 0165 0890 0001".into());
    lagi.nama = "BUDI S.".into();
    let h3 = u
        .posko
        .catat_sumbangan(
            &b,
            u.pemilihan,
            &sumbangan(
                date!(2029 - 09 - 14),
                PilihPenyumbang::Baru {
                    sumber: SumberDana::Perseorangan,
                    identitas: lagi,
                },
                rp(30_000_000),
            ),
        )
        .await
        .unwrap();
    assert_eq!(h3.penyumbang_id, Some(donor));
    assert_eq!(bagian(&h3), (rp(15_000_000), rp(15_000_000)));
    let h4 = u
        .posko
        .catat_sumbangan(
            &b,
            u.pemilihan,
            &sumbangan(
                date!(2029 - 09 - 15),
                PilihPenyumbang::Tercatat(donor),
                rp(5_000_000),
            ),
        )
        .await
        .unwrap();
    assert_eq!(bagian(&h4), (Uang::NOL, rp(5_000_000)));
    assert_eq!([h1.nomor, h2.nomor, h3.nomor, h4.nomor], [1, 2, 3, 4]);

    let anonim = u
        .posko
        .catat_sumbangan(
            &b,
            u.pemilihan,
            &sumbangan(
                date!(2029 - 09 - 16),
                PilihPenyumbang::Anonim {
                    sumber: SumberDana::Perseorangan,
                },
                rp(1_000_000),
            ),
        )
        .await
        .unwrap();
    assert_eq!(bagian(&anonim), (Uang::NOL, rp(1_000_000)));

    let posisi = u
        .posko
        .posisi_penyumbang(&b, u.pemilihan, donor)
        .await
        .unwrap();
    assert_eq!(posisi.bersih, rp(95_000_000));
    assert_eq!(posisi.terpakai, rp(75_000_000));
    assert_eq!(posisi.kelebihan, rp(20_000_000));
    assert_eq!(posisi.belum_dikembalikan, rp(20_000_000));

    // The excess goes out of the RKDK to the treasury.
    let keluar = u
        .posko
        .catat_belanja(
            &b,
            u.pemilihan,
            &BelanjaBaru {
                tanggal: date!(2029 - 09 - 20),
                kategori: KategoriBelanja::PengembalianKelebihan,
                bentuk: BentukDana::Uang,
                rekening: Rekening::Rkdk,
                nilai: rp(20_000_000),
                uraian: "setor kas negara".into(),
                bukti: vec![],
            },
        )
        .await
        .unwrap();
    let kembali = PengembalianBaru {
        tanggal: date!(2029 - 09 - 20),
        penyumbang_id: Some(donor),
        sumber: SumberDana::Perseorangan,
        nilai: rp(20_000_000),
        tujuan: TujuanKelebihan::KasNegara,
        entri_id: Some(keluar.id),
    };
    u.posko
        .catat_pengembalian_kelebihan(&b, u.pemilihan, &kembali)
        .await
        .unwrap();
    let posisi = u
        .posko
        .posisi_penyumbang(&b, u.pemilihan, donor)
        .await
        .unwrap();
    assert_eq!(posisi.dikembalikan, rp(20_000_000));
    assert_eq!(posisi.belum_dikembalikan, Uang::NOL);
    let lebih = u
        .posko
        .catat_pengembalian_kelebihan(&b, u.pemilihan, &kembali)
        .await
        .unwrap_err();
    assert!(lebih.to_string().contains("melebihi kelebihan"), "{lebih}");
    // Anonymous excess goes to the treasury only.
    let ke_donor = PengembalianBaru {
        penyumbang_id: None,
        nilai: rp(1_000_000),
        tujuan: TujuanKelebihan::Penyumbang,
        entri_id: None,
        ..kembali.clone()
    };
    assert!(matches!(
        u.posko
            .catat_pengembalian_kelebihan(&b, u.pemilihan, &ke_donor)
            .await,
        Err(AppError::Invalid(_))
    ));

    // One donor, identity opened for the treasurer, sealed at rest.
    let donors = u.posko.daftar_penyumbang(&b, u.pemilihan).await.unwrap();
    assert_eq!(donors.len(), 1);
    let idn = donors[0].identitas.clone().unwrap();
    assert_eq!(idn.nama, "Budi Santoso");
    assert_eq!(idn.nik.as_deref(), Some(NIK));
    assert_eq!(idn.telepon.as_deref(), Some("+6281234567890"));
    let tersimpan = u.store.ambil_penyumbang_dana(donor).await.unwrap().unwrap();
    let sandi = tersimpan.identitas.unwrap().sandi;
    assert!(!sandi.contains("Budi") && !sandi.contains(NIK));

    // The reports reconcile with the ledger; the LADK carries the excess.
    for periode in [Periode::Ladk, Periode::Lpsdk, Periode::Lppdk] {
        u.posko
            .laporan_dana(&b, u.pemilihan, periode)
            .await
            .unwrap();
    }
    let ladk = u
        .posko
        .laporan_dana(&b, u.pemilihan, Periode::Ladk)
        .await
        .unwrap();
    assert_eq!(ladk.total_penerimaan, rp(96_000_000));
    assert_eq!(ladk.kelebihan, rp(21_000_000));
    assert_eq!(ladk.total_pengeluaran, rp(20_000_000));
    assert_eq!(ladk.saldo_akhir, rp(76_000_000));

    // At a glance: the returned excess is not campaign spending.
    let r = u.posko.ringkasan_dana(&b, u.pemilihan).await.unwrap();
    assert_eq!(r.total_penerimaan, rp(96_000_000));
    assert_eq!(r.total_pengeluaran, rp(20_000_000));
    assert_eq!(r.saldo, rp(76_000_000));
    assert_eq!(r.kelebihan, rp(21_000_000));
    // The anonymous Rp1,000,000 is still owed to the treasury.
    assert_eq!(r.belum_dikembalikan, rp(1_000_000));
    assert_eq!(r.belanja_kampanye, Uang::NOL);
    assert_eq!(r.persen_batas, Some(0.0));
    u.posko
        .catat_belanja(
            &b,
            u.pemilihan,
            &BelanjaBaru {
                tanggal: date!(2029 - 09 - 21),
                kategori: KategoriBelanja::AlatPeragaKampanye,
                bentuk: BentukDana::Uang,
                rekening: Rekening::Rkdk,
                nilai: rp(449_500_000),
                uraian: "baliho".into(),
                bukti: vec![],
            },
        )
        .await
        .unwrap();
    let r = u.posko.ringkasan_dana(&b, u.pemilihan).await.unwrap();
    assert_eq!(r.batas_belanja, Some(rp(44_950_000_000)));
    assert_eq!(r.persen_batas, Some(1.0));

    // No audit entry names the donor or their NIK.
    let audit = u.store.daftar_audit(0, 1000).await.unwrap();
    assert!(audit.iter().any(|e| e.aksi == "dana.sumbangan"));
    for e in &audit {
        assert!(
            !e.ringkasan.contains("Budi") && !e.ringkasan.contains(NIK),
            "{}",
            e.ringkasan
        );
    }
}

/// Bendahara, manager and admin write; the auditor reads and may not
/// write; every other role neither writes nor reads, and neither does a
/// treasurer of another region.
async fn hanya_bendahara_manajer_dan_auditor(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let pid = u.pemilihan;
    let s = sumbangan(
        date!(2029 - 09 - 10),
        PilihPenyumbang::Baru {
            sumber: SumberDana::Perseorangan,
            identitas: budi(),
        },
        rp(1_000_000),
    );
    for (peran, cakupan) in [
        (Peran::Bendahara, Cakupan::Semua),
        (Peran::Manager, Cakupan::Semua),
        (Peran::Admin, Cakupan::Semua),
    ] {
        let o = orang(peran, cakupan);
        u.posko.catat_sumbangan(&o, pid, &s).await.unwrap();
        assert!(
            !u.posko
                .buku_dana(&o, pid, &SaringDana::default())
                .await
                .unwrap()
                .is_empty()
        );
    }
    let auditor = orang(Peran::Auditor, Cakupan::Semua);
    assert_eq!(
        u.posko
            .buku_dana(&auditor, pid, &SaringDana::default())
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        u.posko
            .daftar_penyumbang(&auditor, pid)
            .await
            .unwrap()
            .len(),
        1
    );
    u.posko.posisi_dana(&auditor, pid).await.unwrap();
    u.posko
        .laporan_dana(&auditor, pid, Periode::Lppdk)
        .await
        .unwrap();
    assert!(matches!(
        u.posko.catat_sumbangan(&auditor, pid, &s).await,
        Err(AppError::Dilarang(_))
    ));
    let entri = u
        .posko
        .buku_dana(&auditor, pid, &SaringDana::default())
        .await
        .unwrap()[0]
        .id;
    let koreksi = KoreksiBaru {
        atas: entri,
        tanggal: date!(2029 - 09 - 11),
        nilai: rp(-1),
        uraian: String::new(),
        bukti: vec![],
    };
    assert!(matches!(
        u.posko.catat_koreksi(&auditor, pid, &koreksi).await,
        Err(AppError::Dilarang(_))
    ));

    let tps = KodeTps::parse("32.73.01.1001-001").unwrap();
    let lain = [
        orang(Peran::Koordinator, Cakupan::Semua),
        orang(Peran::Koordinator, Cakupan::Wilayah(k("32.73"))),
        orang(Peran::Saksi, Cakupan::Tps(tps)),
        orang(Peran::Media, Cakupan::Semua),
        orang(Peran::Relawan, Cakupan::Wilayah(k("32.73"))),
        orang(Peran::Verifier, Cakupan::Semua),
        orang(Peran::Bendahara, Cakupan::Wilayah(k("32.01"))),
    ];
    for o in &lain {
        let nama = o.username.clone();
        assert!(
            matches!(
                u.posko.catat_sumbangan(o, pid, &s).await,
                Err(AppError::Dilarang(_))
            ),
            "{nama} mencatat"
        );
        assert!(
            matches!(
                u.posko.catat_koreksi(o, pid, &koreksi).await,
                Err(AppError::Dilarang(_))
            ),
            "{nama} mengoreksi"
        );
        assert!(
            matches!(
                u.posko.buku_dana(o, pid, &SaringDana::default()).await,
                Err(AppError::Dilarang(_))
            ),
            "{nama} membaca buku"
        );
        assert!(
            matches!(
                u.posko.daftar_penyumbang(o, pid).await,
                Err(AppError::Dilarang(_))
            ),
            "{nama} melihat penyumbang"
        );
        assert!(
            matches!(
                u.posko.posisi_dana(o, pid).await,
                Err(AppError::Dilarang(_))
            ),
            "{nama} melihat posisi"
        );
        assert!(
            matches!(
                u.posko.ringkasan_dana(o, pid).await,
                Err(AppError::Dilarang(_))
            ),
            "{nama} melihat ringkasan"
        );
        assert!(
            matches!(
                u.posko.laporan_dana(o, pid, Periode::Lppdk).await,
                Err(AppError::Dilarang(_))
            ),
            "{nama} melihat laporan"
        );
    }
    // Refused before anything is read: an unknown election says the same.
    assert!(matches!(
        u.posko
            .buku_dana(&lain[3], Uuid::now_v7(), &SaringDana::default())
            .await,
        Err(AppError::Dilarang(_))
    ));
}

/// A correction is a new entry linked to the one it corrects, which stays
/// as it was; dated in a closed period it lands in the next open one as
/// a late adjustment. Nonsense is refused with a reason.
async fn koreksi_adalah_entri_baru(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = orang(Peran::Bendahara, Cakupan::Semua);
    let pid = u.pemilihan;
    // 1 September: the LADK is open.
    let asli = u
        .posko
        .catat_sumbangan(
            &b,
            pid,
            &sumbangan(
                date!(2029 - 09 - 10),
                PilihPenyumbang::Baru {
                    sumber: SumberDana::Perseorangan,
                    identitas: budi(),
                },
                rp(10_000_000),
            ),
        )
        .await
        .unwrap();
    assert_eq!(asli.susulan, None);
    let sebelum = u.store.ambil_entri_dana(asli.id).await.unwrap().unwrap();

    // 30 October: LADK and LPSDK are filed and closed.
    u.pada(datetime!(2029-10-30 03:00 UTC));
    let koreksi = u
        .posko
        .catat_koreksi(
            &b,
            pid,
            &KoreksiBaru {
                atas: asli.id,
                tanggal: date!(2029 - 09 - 12),
                nilai: rp(-4_000_000),
                uraian: "salah ketik".into(),
                bukti: vec![],
            },
        )
        .await
        .unwrap();
    assert_ne!(koreksi.id, asli.id);
    assert_eq!(koreksi.nomor, 2);
    assert_eq!(koreksi.susulan, Some(Periode::Lppdk));
    assert_eq!(koreksi.penyumbang_id, asli.penyumbang_id);
    assert_eq!(bagian(&koreksi), (rp(-4_000_000), Uang::NOL));
    assert_eq!(
        u.store.ambil_entri_dana(asli.id).await.unwrap().unwrap(),
        sebelum
    );
    let buku = u
        .posko
        .buku_dana(&b, pid, &SaringDana::default())
        .await
        .unwrap();
    assert_eq!(buku.len(), 2);
    assert_eq!(buku[1].koreksi_atas, Some(asli.id));
    assert_eq!(buku[1].jenis, sebelum.jenis);
    assert_eq!(buku[1].nilai, rp(-4_000_000));
    // The LADK as filed is unchanged; the LPPDK carries the adjustment.
    let ladk = u.posko.laporan_dana(&b, pid, Periode::Ladk).await.unwrap();
    assert_eq!(ladk.total_penerimaan, rp(10_000_000));
    let lppdk = u.posko.laporan_dana(&b, pid, Periode::Lppdk).await.unwrap();
    assert_eq!(lppdk.total_penerimaan, rp(6_000_000));
    assert_eq!(lppdk.susulan, vec![koreksi.id]);

    let tolakan = |r: Result<HasilEntriDana>| match r {
        Err(AppError::Invalid(m)) => m,
        lain => panic!("expected a refusal, got {lain:?}"),
    };
    // A correction of an entry that does not exist.
    let m = tolakan(
        u.posko
            .catat_koreksi(
                &b,
                pid,
                &KoreksiBaru {
                    atas: Uuid::now_v7(),
                    tanggal: date!(2029 - 10 - 30),
                    nilai: rp(-1),
                    uraian: String::new(),
                    bukti: vec![],
                },
            )
            .await,
    );
    assert!(m.contains("tidak ada"), "{m}");
    // Below zero in all.
    let m = tolakan(
        u.posko
            .catat_koreksi(
                &b,
                pid,
                &KoreksiBaru {
                    atas: asli.id,
                    tanggal: date!(2029 - 10 - 30),
                    nilai: rp(-7_000_000),
                    uraian: String::new(),
                    bukti: vec![],
                },
            )
            .await,
    );
    assert!(m.contains("di bawah nol"), "{m}");
    // A negative or zero original, a zero correction, a bad proof.
    let m = tolakan(
        u.posko
            .catat_sumbangan(
                &b,
                pid,
                &sumbangan(
                    date!(2029 - 10 - 30),
                    PilihPenyumbang::Tercatat(asli.penyumbang_id.unwrap()),
                    rp(-5),
                ),
            )
            .await,
    );
    assert!(m.contains("lebih dari nol"), "{m}");
    let m = tolakan(
        u.posko
            .catat_koreksi(
                &b,
                pid,
                &KoreksiBaru {
                    atas: asli.id,
                    tanggal: date!(2029 - 10 - 30),
                    nilai: Uang::NOL,
                    uraian: String::new(),
                    bukti: vec![],
                },
            )
            .await,
    );
    assert!(m.contains("nol"), "{m}");
    let mut buruk = sumbangan(
        date!(2029 - 10 - 30),
        PilihPenyumbang::Tercatat(asli.penyumbang_id.unwrap()),
        rp(5),
    );
    buruk.bukti = vec!["bukan-hash".into()];
    assert!(tolakan(u.posko.catat_sumbangan(&b, pid, &buruk).await).contains("SHA-256"));
    // A well-formed hash nobody uploaded as a proof of this election.
    buruk.bukti = vec!["AB".repeat(32)];
    assert!(tolakan(u.posko.catat_sumbangan(&b, pid, &buruk).await).contains("belum diunggah"));
    // An individual without a NIK is not identified: record as anonymous.
    let mut tanpa_nik = budi();
    tanpa_nik.nik = None;
    let m = tolakan(
        u.posko
            .catat_sumbangan(
                &b,
                pid,
                &sumbangan(
                    date!(2029 - 10 - 30),
                    PilihPenyumbang::Baru {
                        sumber: SumberDana::Perseorangan,
                        identitas: tanpa_nik,
                    },
                    rp(5),
                ),
            )
            .await,
    );
    assert!(m.contains("NIK"), "{m}");
    // Nothing refused reached the ledger.
    assert_eq!(
        u.posko
            .buku_dana(&b, pid, &SaringDana::default())
            .await
            .unwrap()
            .len(),
        2
    );
}

/// Donors' sealed columns follow a key rotation: a donor recorded under
/// the old key is found by NIK under the new ring, and after re-encryption
/// the new key alone opens them.
async fn penyumbang_ikut_rotasi_kunci(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = orang(Peran::Bendahara, Cakupan::Semua);
    let baru = PilihPenyumbang::Baru {
        sumber: SumberDana::Perseorangan,
        identitas: budi(),
    };
    let s = sumbangan(date!(2029 - 09 - 10), baru, rp(1_000_000));
    let donor = u
        .posko
        .catat_sumbangan(&b, u.pemilihan, &s)
        .await
        .unwrap()
        .penyumbang_id;
    let cincin = Arc::new(u.posko.brankas.rotated());
    let diputar = Posko::new(u.store.clone(), cincin.clone());
    let lagi = diputar.catat_sumbangan(&b, u.pemilihan, &s).await.unwrap();
    assert_eq!(lagi.penyumbang_id, donor);
    diputar.reencrypt_all(&Aktor::cli()).await.unwrap();
    let hanya_baru = Posko::new(u.store.clone(), Arc::new(cincin.only_active()));
    let donors = hanya_baru.daftar_penyumbang(&b, u.pemilihan).await.unwrap();
    assert_eq!(donors.len(), 1);
    assert_eq!(donors[0].identitas.as_ref().unwrap().nama, "Budi Santoso");
    let ketiga = hanya_baru
        .catat_sumbangan(&b, u.pemilihan, &s)
        .await
        .unwrap();
    assert_eq!(ketiga.penyumbang_id, donor);
}

/// Two corrections of one entry sent at once, each fine alone, together
/// below zero: one is written, the other refused after checking again.
async fn koreksi_serentak_tidak_menembus_nol(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = orang(Peran::Bendahara, Cakupan::Semua);
    let asli = u
        .posko
        .catat_sumbangan(
            &b,
            u.pemilihan,
            &sumbangan(
                date!(2029 - 09 - 10),
                PilihPenyumbang::Anonim {
                    sumber: SumberDana::Kelompok,
                },
                rp(10_000_000),
            ),
        )
        .await
        .unwrap();
    let mut tugas = Vec::new();
    for _ in 0..4 {
        let (posko, b, pid) = (u.posko.clone(), b.clone(), u.pemilihan);
        let k = KoreksiBaru {
            atas: asli.id,
            tanggal: date!(2029 - 09 - 11),
            nilai: rp(-6_000_000),
            uraian: String::new(),
            bukti: vec![],
        };
        tugas.push(tokio::spawn(async move {
            posko.catat_koreksi(&b, pid, &k).await
        }));
    }
    let mut berhasil = 0;
    for t in tugas {
        match t.await.unwrap() {
            Ok(_) => berhasil += 1,
            Err(AppError::Invalid(m)) => assert!(m.contains("di bawah nol"), "{m}"),
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(berhasil, 1);
    let buku = u
        .posko
        .buku_dana(&b, u.pemilihan, &SaringDana::default())
        .await
        .unwrap();
    assert_eq!(buku.len(), 2);
}

/// An anonymous group's Rp10.000.000 is all excess; four returns of all of
/// it sent at once, each fine alone: one is recorded, the others are
/// refused after checking again, and nothing is owed below zero.
async fn pengembalian_serentak_tidak_melebihi(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = orang(Peran::Bendahara, Cakupan::Semua);
    u.posko
        .catat_sumbangan(
            &b,
            u.pemilihan,
            &sumbangan(
                date!(2029 - 09 - 10),
                PilihPenyumbang::Anonim {
                    sumber: SumberDana::Kelompok,
                },
                rp(10_000_000),
            ),
        )
        .await
        .unwrap();
    let mut tugas = Vec::new();
    for _ in 0..4 {
        let (posko, b, pid) = (u.posko.clone(), b.clone(), u.pemilihan);
        let k = PengembalianBaru {
            tanggal: date!(2029 - 09 - 12),
            penyumbang_id: None,
            sumber: SumberDana::Kelompok,
            nilai: rp(10_000_000),
            tujuan: TujuanKelebihan::KasNegara,
            entri_id: None,
        };
        tugas.push(tokio::spawn(async move {
            posko.catat_pengembalian_kelebihan(&b, pid, &k).await
        }));
    }
    let mut berhasil = 0;
    for t in tugas {
        match t.await.unwrap() {
            Ok(_) => berhasil += 1,
            Err(AppError::Invalid(m)) => assert!(m.contains("melebihi kelebihan"), "{m}"),
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(berhasil, 1);
    let posisi = u.posko.posisi_dana(&b, u.pemilihan).await.unwrap();
    assert_eq!(posisi.len(), 1);
    assert_eq!(posisi[0].posisi.dikembalikan, rp(10_000_000));
    assert_eq!(posisi[0].posisi.belum_dikembalikan, Uang::NOL);
}

use crate::uji_backend::dua_backend;

dua_backend!(
    kelebihan_di_atas_batas_ditandai_tepat,
    hanya_bendahara_manajer_dan_auditor,
    koreksi_adalah_entri_baru,
    penyumbang_ikut_rotasi_kunci,
    koreksi_serentak_tidak_menembus_nol,
    pengembalian_serentak_tidak_melebihi,
);

#[path = "dana/berkas_tests.rs"]
mod berkas_tests;

#[path = "dana/jadwal_tests.rs"]
mod jadwal_tests;
