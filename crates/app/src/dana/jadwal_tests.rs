//! The reporting calendar (the KPU's own schedule, filings, reminders),
//! the watermarked donor list, and a new donor written only with their
//! donation, on both backends.

use super::*;
use calamine::{Data, Reader, Xlsx};
use posko_domain::dana::Desakan;

async fn jadwal_kpu_penyampaian_dan_pengingat(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = orang(Peran::Bendahara, Cakupan::Semua);
    let pid = u.pemilihan;
    // 1 September 2029: nothing due within 14 days (LADK 24 September).
    let j = u
        .posko
        .jadwal_terlihat_dana(&b, pid)
        .await
        .unwrap()
        .unwrap();
    assert!(!j.diatur_kpu);
    assert!(j.pengingat.is_empty());
    assert_eq!(j.periode.len(), 3);

    // The KPU moved the LPSDK deadline: the stored schedule is what counts.
    u.posko
        .atur_dana_jadwal(
            &b,
            pid,
            date!(2029 - 09 - 25),
            date!(2029 - 11 - 23),
            Some(rp(44_950_000_000)),
            Some([
                (date!(2029 - 09 - 24), date!(2029 - 09 - 24)),
                (date!(2029 - 10 - 20), date!(2029 - 10 - 22)),
                (date!(2029 - 11 - 23), date!(2029 - 11 - 26)),
            ]),
        )
        .await
        .unwrap();
    // A schedule whose windows do not follow one another is refused.
    assert!(matches!(
        u.posko
            .atur_dana_jadwal(
                &b,
                pid,
                date!(2029 - 09 - 25),
                date!(2029 - 11 - 23),
                None,
                Some([
                    (date!(2029 - 09 - 24), date!(2029 - 09 - 24)),
                    (date!(2029 - 10 - 20), date!(2029 - 10 - 19)),
                    (date!(2029 - 11 - 23), date!(2029 - 11 - 26)),
                ]),
            )
            .await,
        Err(AppError::Invalid(_))
    ));
    u.pada(datetime!(2029-10-19 03:00 UTC));
    let j = u
        .posko
        .jadwal_terlihat_dana(&b, pid)
        .await
        .unwrap()
        .unwrap();
    assert!(j.diatur_kpu);
    assert_eq!(
        j.periode[1].jendela.batas_penyampaian,
        date!(2029 - 10 - 22)
    );
    let p: Vec<_> = j
        .pengingat
        .iter()
        .map(|p| (p.periode, p.sisa_hari, p.desakan))
        .collect();
    assert_eq!(
        p,
        vec![
            (Periode::Ladk, -25, Desakan::Terlambat),
            (Periode::Lpsdk, 3, Desakan::Segera)
        ]
    );
    // An entry dated in the LPSDK window on the 23rd is late under the
    // KPU's schedule (due the 22nd), not under the pattern (the 24th).
    u.pada(datetime!(2029-10-23 03:00 UTC));
    let h = u
        .posko
        .catat_belanja(
            &b,
            pid,
            &BelanjaBaru {
                tanggal: date!(2029 - 10 - 15),
                kategori: KategoriBelanja::BahanKampanye,
                bentuk: BentukDana::Uang,
                rekening: Rekening::Rkdk,
                nilai: rp(1_000_000),
                uraian: "spanduk".into(),
                bukti: vec![],
            },
        )
        .await
        .unwrap();
    assert_eq!(h.susulan, Some(Periode::Lppdk));

    // Filing: not in the future, and only by those who write.
    assert!(matches!(
        u.posko
            .catat_penyampaian_dana(&b, pid, Periode::Ladk, date!(2029 - 10 - 24), "", "")
            .await,
        Err(AppError::Invalid(_))
    ));
    let auditor = orang(Peran::Auditor, Cakupan::Semua);
    assert!(matches!(
        u.posko
            .catat_penyampaian_dana(&auditor, pid, Periode::Ladk, date!(2029 - 09 - 24), "", "")
            .await,
        Err(AppError::Dilarang(_))
    ));
    for tanda in ["SIKADEKA/LADK/1", "SIKADEKA/LADK/2"] {
        u.posko
            .catat_penyampaian_dana(&b, pid, Periode::Ladk, date!(2029 - 09 - 24), tanda, "")
            .await
            .unwrap();
    }
    let j = u
        .posko
        .jadwal_terlihat_dana(&auditor, pid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(j.periode[0].kali_disampaikan, 2);
    assert_eq!(
        j.periode[0].disampaikan.as_ref().unwrap().tanda_terima,
        "SIKADEKA/LADK/2"
    );
    let p: Vec<_> = j.pengingat.iter().map(|p| p.periode).collect();
    assert_eq!(
        p,
        vec![Periode::Lpsdk],
        "the LADK is filed; the LPSDK is late"
    );
    assert_eq!(
        u.posko.pengingat_dana(&auditor, pid).await.unwrap().len(),
        1
    );
    // Someone who may not see finances is told nothing, not refused.
    let relawan = orang(Peran::Relawan, Cakupan::Semua);
    assert!(
        u.posko
            .pengingat_dana(&relawan, pid)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        u.posko.jadwal_terlihat_dana(&relawan, pid).await,
        Err(AppError::Dilarang(_))
    ));
}

async fn daftar_penyumbang_bertanda_dan_tercatat(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = orang(Peran::Bendahara, Cakupan::Semua);
    let pid = u.pemilihan;
    u.pada(datetime!(2029-10-01 03:00 UTC));
    let budi = u
        .posko
        .catat_sumbangan(
            &b,
            pid,
            &sumbangan(
                date!(2029 - 09 - 30),
                PilihPenyumbang::Baru {
                    sumber: SumberDana::Perseorangan,
                    identitas: budi(),
                },
                rp(80_000_000),
            ),
        )
        .await
        .unwrap();
    let mut barang = sumbangan(
        date!(2029 - 10 - 01),
        PilihPenyumbang::Tercatat(budi.penyumbang_id.unwrap()),
        rp(2_000_000),
    );
    barang.bentuk = BentukDana::Barang {
        jumlah_unit: 100,
        satuan: "kaos".into(),
    };
    barang.rekening = Rekening::Tunai;
    u.posko.catat_sumbangan(&b, pid, &barang).await.unwrap();
    u.posko
        .catat_sumbangan(
            &b,
            pid,
            &sumbangan(
                date!(2029 - 10 - 01),
                PilihPenyumbang::Anonim {
                    sumber: SumberDana::Perseorangan,
                },
                rp(500_000),
            ),
        )
        .await
        .unwrap();
    let baris = u
        .posko
        .baris_penyumbang_dana(&b, pid, Periode::Lpsdk)
        .await
        .unwrap();
    assert_eq!(baris.len(), 2);
    assert_eq!(baris[0].identitas.as_ref().unwrap().nama, "Budi Santoso");
    assert_eq!(
        (baris[0].uang, baris[0].barang, baris[0].jumlah),
        (rp(80_000_000), rp(2_000_000), rp(82_000_000))
    );
    assert!(baris[1].identitas.is_none());
    assert_eq!(baris[1].jumlah, rp(500_000));
    // The LADK (before the campaign) has no donors.
    assert!(
        u.posko
            .baris_penyumbang_dana(&b, pid, Periode::Ladk)
            .await
            .unwrap()
            .is_empty()
    );

    let audit = u.store.daftar_audit(0, 10_000).await.unwrap().len();
    let f = u
        .posko
        .berkas_penyumbang_dana(&b, pid, Periode::Lpsdk, FormatLaporan::Xlsx)
        .await
        .unwrap();
    let pendek = &f.id.simple().to_string()[24..];
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(f.isi.clone())).unwrap();
    let r = wb.worksheet_range("Penyumbang").unwrap();
    let sel = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    let tanda = sel(0, 0).to_string();
    assert!(tanda.contains("RAHASIA") && tanda.contains(&f.id.to_string()));
    assert!(tanda.contains("bendahara"), "{tanda}");
    assert_eq!(sel(5, 1).to_string(), "Budi Santoso");
    assert_eq!(sel(5, 3).to_string(), NIK);
    assert_eq!(sel(5, 10), Data::Float(82_000_000.0));
    assert_eq!(sel(5, 11).to_string(), pendek);
    assert_eq!(sel(6, 11).to_string(), pendek);
    let akhir = r.end().unwrap().0;
    assert_eq!(
        sel(akhir, 0).to_string(),
        tanda,
        "last line: the mark again"
    );
    // Logged with the file's hash.
    let log = u.store.daftar_audit(0, 10_000).await.unwrap();
    assert_eq!(log.len(), audit + 1);
    let e = log
        .iter()
        .find(|e| e.aksi == "ekspor.data_pribadi")
        .unwrap();
    assert_eq!(e.entitas_id, f.id.to_string());
    assert_eq!(
        e.hash_konten,
        posko_domain::audit::sha256_hex(&f.isi),
        "the audit entry holds the file's hash"
    );
    let pdf = u
        .posko
        .berkas_penyumbang_dana(&b, pid, Periode::Lpsdk, FormatLaporan::Pdf)
        .await
        .unwrap();
    assert!(pdf.isi.starts_with(b"%PDF"));
    // Nobody outside the finance team gets the list.
    for peran in [Peran::Relawan, Peran::Koordinator, Peran::Media] {
        let o = orang(peran, Cakupan::Semua);
        assert!(matches!(
            u.posko
                .berkas_penyumbang_dana(&o, pid, Periode::Lpsdk, FormatLaporan::Xlsx)
                .await,
            Err(AppError::Dilarang(_))
        ));
    }
}

async fn penyumbang_baru_tidak_tersimpan_tanpa_sumbangannya(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = orang(Peran::Bendahara, Cakupan::Semua);
    let pid = u.pemilihan;
    // After the LPPDK's deadline every period is closed: the donation is
    // refused, and so nothing of the donor may stay.
    u.pada(datetime!(2030-01-10 03:00 UTC));
    let ditolak = u
        .posko
        .catat_sumbangan(
            &b,
            pid,
            &sumbangan(
                date!(2029 - 10 - 01),
                PilihPenyumbang::Baru {
                    sumber: SumberDana::Perseorangan,
                    identitas: budi(),
                },
                rp(1_000_000),
            ),
        )
        .await;
    assert!(matches!(ditolak, Err(AppError::Invalid(_))), "{ditolak:?}");
    assert!(
        u.store
            .daftar_penyumbang_dana(pid)
            .await
            .unwrap()
            .is_empty()
    );

    // Two forms naming one new donor: one donor, two donations.
    u.pada(datetime!(2029-10-01 03:00 UTC));
    let baru = |n| {
        sumbangan(
            date!(2029 - 10 - 01),
            PilihPenyumbang::Baru {
                sumber: SumberDana::Perseorangan,
                identitas: budi(),
            },
            rp(n),
        )
    };
    let (satu, dua) = (baru(1_000_000), baru(2_000_000));
    let (a, c) = tokio::join!(
        u.posko.catat_sumbangan(&b, pid, &satu),
        u.posko.catat_sumbangan(&b, pid, &dua),
    );
    let (a, c) = (a.unwrap(), c.unwrap());
    assert_eq!(a.penyumbang_id, c.penyumbang_id);
    assert_eq!(u.store.daftar_penyumbang_dana(pid).await.unwrap().len(), 1);
    assert_eq!(
        u.posko
            .posisi_penyumbang(&b, pid, a.penyumbang_id.unwrap())
            .await
            .unwrap()
            .bersih,
        rp(3_000_000)
    );
}

dua_backend!(
    jadwal_kpu_penyampaian_dan_pengingat,
    daftar_penyumbang_bertanda_dan_tercatat,
    penyumbang_baru_tidak_tersimpan_tanpa_sumbangannya,
);
