//! The report files read back (XLSX with calamine, PDF with lopdf), the
//! auditor's ZIP and the RKDK statement import, on both backends.

use std::io::Read as _;

use super::*;
use crate::dana::berkas::{FormatLaporan, baris_laporan};
use calamine::{Data, Reader, Xlsx};
use posko_domain::dana::{Arah, JenisBentuk};

const BCA: &str = "No. rekening : 1234567890\r\n\
Periode : 01/09/2029 - 30/11/2029\r\n\
\r\n\
Tanggal,Keterangan,Cabang,Jumlah,,Saldo\r\n\
20/09,\"SETORAN PASLON\",0000,\"50,000,000.00\",CR,\"50,000,000.00\"\r\n\
11/10/2029,\"TRSF E-BANKING CR BUDI\",0000,\"10,000,000.00 CR\",,\"60,000,000.00\"\r\n\
12/10,BIAYA ADM,0998,\"15,000.00 DB\",,\"59,985,000.00\"\r\n\
\r\n\
Saldo Awal,=,0.00\r\n";

const MANDIRI: &str = "Tanggal cetak: 01/12/2029\n\
Tanggal;Keterangan;Debet;Kredit;Saldo\n\
20-Sep-2029;Setoran awal paslon;;50.000.000,00;50.000.000,00\n\
11 Oktober 2029;\"Transfer \"\"Budi\"\"\";;10.000.000,00;60.000.000,00\n\
21-Okt-2029;Cetak APK baliho;7.500.000,00;;52.500.000,00\n";

/// A ledger over the three periods: the pair's own money before the
/// campaign (LADK), donations in every form and spending during it.
async fn isi_buku(u: &Uji) -> Pengguna {
    let b = orang(Peran::Bendahara, Cakupan::Semua);
    let pid = u.pemilihan;
    u.pada(datetime!(2029-09-20 03:00 UTC));
    let mut s = sumbangan(
        date!(2029 - 09 - 20),
        PilihPenyumbang::Anonim {
            sumber: SumberDana::Paslon,
        },
        rp(50_000_000),
    );
    s.penyumbang = PilihPenyumbang::Baru {
        sumber: SumberDana::Paslon,
        identitas: IdentitasPenyumbang {
            nama: "Paslon 1".into(),
            alamat: "Bandung".into(),
            telepon: None,
            nik: Some("3273010101800001".into()),
            npwp: None,
        },
    };
    u.posko.catat_sumbangan(&b, pid, &s).await.unwrap();
    u.pada(datetime!(2029-10-11 03:00 UTC));
    let budi_s = sumbangan(
        date!(2029 - 10 - 11),
        PilihPenyumbang::Baru {
            sumber: SumberDana::Perseorangan,
            identitas: budi(),
        },
        rp(10_000_000),
    );
    u.posko.catat_sumbangan(&b, pid, &budi_s).await.unwrap();
    let mut barang = sumbangan(
        date!(2029 - 10 - 11),
        PilihPenyumbang::Anonim {
            sumber: SumberDana::Kelompok,
        },
        rp(3_000_000),
    );
    barang.bentuk = BentukDana::Barang {
        jumlah_unit: 500,
        satuan: "kaos".into(),
    };
    barang.rekening = Rekening::Tunai;
    u.posko.catat_sumbangan(&b, pid, &barang).await.unwrap();
    u.pada(datetime!(2029-10-21 03:00 UTC));
    u.posko
        .catat_belanja(
            &b,
            pid,
            &BelanjaBaru {
                tanggal: date!(2029 - 10 - 21),
                kategori: KategoriBelanja::AlatPeragaKampanye,
                bentuk: BentukDana::Uang,
                rekening: Rekening::Rkdk,
                nilai: rp(7_500_000),
                uraian: "baliho".into(),
                bukti: vec![],
            },
        )
        .await
        .unwrap();
    u.pada(datetime!(2029-11-10 03:00 UTC));
    u.posko
        .catat_belanja(
            &b,
            pid,
            &BelanjaBaru {
                tanggal: date!(2029 - 11 - 10),
                kategori: KategoriBelanja::RapatUmum,
                bentuk: BentukDana::Uang,
                rekening: Rekening::Tunai,
                nilai: rp(2_250_000),
                uraian: "sewa lapangan".into(),
                bukti: vec![],
            },
        )
        .await
        .unwrap();
    u.pada(datetime!(2029-12-01 03:00 UTC));
    b
}

fn xlsx_jumlah(isi: &[u8]) -> Vec<(String, String, f64)> {
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(isi.to_vec())).unwrap();
    let nama = wb.sheet_names()[0].clone();
    let r = wb.worksheet_range(&nama).unwrap();
    r.rows()
        .skip(4)
        .take_while(|row| matches!(row.get(2), Some(Data::Float(_))))
        .map(|row| {
            let teks = |c: &Data| c.to_string();
            let Data::Float(f) = row[2] else {
                unreachable!()
            };
            (teks(&row[0]), teks(&row[1]), f)
        })
        .collect()
}

/// Every figure of every report, in the XLSX and the PDF, is the ledger's:
/// the lines are those of `laporan_dana`, the LPPDK's totals are the sums
/// of the ledger's entries by direction, and its lines sum to them.
async fn laporan_berkas_cocok_dengan_buku(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = isi_buku(&u).await;
    let pid = u.pemilihan;
    let buku = u
        .posko
        .buku_dana(&b, pid, &SaringDana::default())
        .await
        .unwrap();
    let jumlah = |arah: Arah| {
        Uang::jumlah(
            buku.iter()
                .filter(|e| ke_domain(e).arah() == arah)
                .map(|e| e.nilai),
        )
        .unwrap()
    };
    for periode in [Periode::Ladk, Periode::Lpsdk, Periode::Lppdk] {
        let l = u.posko.laporan_dana(&b, pid, periode).await.unwrap();
        let xlsx = u
            .posko
            .berkas_laporan_dana(&b, pid, periode, FormatLaporan::Xlsx)
            .await
            .unwrap();
        let dibaca = xlsx_jumlah(&xlsx);
        let harap = baris_laporan(&l);
        assert_eq!(dibaca.len(), harap.len(), "{periode:?}");
        for ((no, uraian, f), (no2, uraian2, j)) in dibaca.iter().zip(&harap) {
            assert_eq!((no, uraian), (no2, uraian2));
            assert_eq!((f * 100.0).round() as i64, j.sen(), "{uraian}");
        }
        // Lines sum to totals, totals to the balances.
        let terima: f64 = dibaca
            .iter()
            .filter(|(no, ..)| no.starts_with("A."))
            .map(|r| r.2)
            .sum();
        let keluar: f64 = dibaca
            .iter()
            .filter(|(no, ..)| no.starts_with("B."))
            .map(|r| r.2)
            .sum();
        assert_eq!((terima * 100.0).round() as i64, l.total_penerimaan.sen());
        assert_eq!((keluar * 100.0).round() as i64, l.total_pengeluaran.sen());
        assert_eq!(
            l.saldo_awal
                .tambah(l.total_penerimaan)
                .unwrap()
                .kurang(l.total_pengeluaran)
                .unwrap(),
            l.saldo_akhir
        );
        let pdf = u
            .posko
            .berkas_laporan_dana(&b, pid, periode, FormatLaporan::Pdf)
            .await
            .unwrap();
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let halaman: Vec<u32> = doc.get_pages().keys().copied().collect();
        let teks = doc.extract_text(&halaman).unwrap();
        assert!(
            teks.contains("(LPPDK)") || periode != Periode::Lppdk,
            "{teks}"
        );
        for (_, uraian, j) in &harap {
            let angka = j.to_string().replacen("Rp", "", 1);
            assert!(
                teks.contains(&angka),
                "{periode:?} {uraian}: {angka} tidak ada di\n{teks}"
            );
        }
        if periode == Periode::Lppdk {
            // The whole campaign: the ledger's own sums.
            assert_eq!(l.saldo_awal, Uang::NOL);
            assert_eq!(l.total_penerimaan, jumlah(Arah::Penerimaan));
            assert_eq!(l.total_pengeluaran, jumlah(Arah::Pengeluaran));
            assert_eq!(l.total_penerimaan, rp(63_000_000));
            assert_eq!(l.total_pengeluaran, rp(9_750_000));
            let barang = l
                .penerimaan
                .iter()
                .find(|r| r.sumber == SumberDana::Kelompok && r.bentuk == JenisBentuk::Barang)
                .unwrap();
            assert_eq!(barang.jumlah, rp(3_000_000));
            assert_eq!(
                l.kelebihan,
                rp(3_000_000),
                "anonymous goods may not be used"
            );
        }
    }
}

/// The ZIP holds the ledger, six report files, the three donor lists
/// (watermarked, each logged) and a manifest whose SHA-256 lines match
/// every file.
async fn zip_auditor_dengan_manifest(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = isi_buku(&u).await;
    let isi = u.posko.zip_auditor_dana(&b, u.pemilihan).await.unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(isi)).unwrap();
    let mut manifest = String::new();
    z.by_name("manifest.txt")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    let baris: Vec<&str> = manifest.lines().collect();
    assert_eq!(baris.len(), 10, "{manifest}");
    for l in baris {
        let (hash, nama) = l.split_once("  ").unwrap();
        let mut f = Vec::new();
        z.by_name(nama).unwrap().read_to_end(&mut f).unwrap();
        let h: String = <sha2::Sha256 as sha2::Digest>::digest(&f)
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect();
        assert_eq!(h, hash, "{nama}");
    }
    let mut csv = String::new();
    z.by_name("buku-dana.csv")
        .unwrap()
        .read_to_string(&mut csv)
        .unwrap();
    assert_eq!(csv.lines().count(), 6, "{csv}");
    assert!(csv.contains("alat_peraga_kampanye"));
    assert!(
        !csv.contains("Budi Santoso"),
        "the ledger names donors by id"
    );
    // The LPPDK's donor list names the donor, marked with who took it.
    let mut f = Vec::new();
    z.by_name("penyumbang-lppdk.xlsx")
        .unwrap()
        .read_to_end(&mut f)
        .unwrap();
    let mut buku: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(f)).unwrap();
    let lembar = calamine::Reader::worksheet_range_at(&mut buku, 0)
        .unwrap()
        .unwrap();
    let sel: String = lembar.cells().map(|(_, _, c)| format!("{c}|")).collect();
    assert!(sel.contains("Budi Santoso"), "{sel}");
    assert!(sel.contains(&format!("diekspor oleh {}", b.nama)), "{sel}");
    let dicatat = u
        .store
        .cari_audit(None, Some("ekspor.data_pribadi"), None, 10)
        .await
        .unwrap();
    assert_eq!(dicatat.len(), 3, "each donor list logged: {dicatat:?}");
    // Only those who may see the finances get it.
    let relawan = orang(Peran::Relawan, Cakupan::Semua);
    assert!(matches!(
        u.posko.zip_auditor_dana(&relawan, u.pemilihan).await,
        Err(AppError::Dilarang(_))
    ));
}

/// Proofs go into the ZIP as `bukti/<sha256>.<ext>` with their manifest
/// line; one the store lost, or whose bytes changed, is listed as such
/// and the ZIP is still made. Reading a proof back re-checks its hash.
async fn zip_auditor_memuat_bukti(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let folder = tempfile::tempdir().unwrap();
    let posko = u
        .posko
        .clone()
        .with_foto(Arc::new(crate::FotoLokal::new(folder.path())));
    let b = orang(Peran::Bendahara, Cakupan::Semua);
    let pid = u.pemilihan;
    let pdf = b"%PDF-1.4 kuitansi".to_vec();
    let jpg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3].to_vec();
    let png = b"\x89PNG\r\n\x1a\nbukan gambar utuh".to_vec();
    let mut hash = Vec::new();
    for (nama, isi) in [("a.pdf", &pdf), ("b.jpg", &jpg), ("c.png", &png)] {
        hash.push(
            posko
                .simpan_bukti_dana(&b, pid, nama, isi.clone())
                .await
                .unwrap(),
        );
    }
    // Refused, naming the file; nothing else may upload.
    let e = posko
        .simpan_bukti_dana(&b, pid, "nota.jpg", b"teks".to_vec())
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("nota.jpg"), "{e}");
    let relawan = orang(Peran::Relawan, Cakupan::Semua);
    assert!(matches!(
        posko
            .simpan_bukti_dana(&relawan, pid, "a.pdf", pdf.clone())
            .await,
        Err(AppError::Dilarang(_))
    ));
    u.pada(datetime!(2029-10-11 03:00 UTC));
    let mut s = sumbangan(
        date!(2029 - 10 - 11),
        PilihPenyumbang::Anonim {
            sumber: SumberDana::Perseorangan,
        },
        rp(1_000_000),
    );
    s.bukti = hash.clone();
    posko.catat_sumbangan(&b, pid, &s).await.unwrap();
    // A proof listed again counts once.
    s.bukti = [hash.clone(), hash.clone(), hash.clone()].concat();
    posko.catat_sumbangan(&b, pid, &s).await.unwrap();
    let auditor = orang(Peran::Auditor, Cakupan::Semua);
    let (isi, jenis) = posko
        .bukti_dana(&auditor, pid, &hash[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!((isi, jenis), (pdf.clone(), "application/pdf"));
    // The JPEG is lost; the PNG's bytes are changed behind Posko's back.
    let berkas = |h: &str| folder.path().join(&h[..2]).join(format!("{h}.foto"));
    std::fs::remove_file(berkas(&hash[1])).unwrap();
    std::fs::write(berkas(&hash[2]), b"\x89PNG\r\n\x1a\ndiubah").unwrap();
    assert!(
        posko
            .bukti_dana(&auditor, pid, &hash[1])
            .await
            .unwrap()
            .is_none()
    );
    assert!(posko.bukti_dana(&auditor, pid, &hash[2]).await.is_err());
    let zip = posko.zip_auditor_dana(&auditor, pid).await.unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut manifest = String::new();
    z.by_name("manifest.txt")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    assert!(
        manifest.contains(&format!("{0}  bukti/{0}.pdf\n", hash[0])),
        "{manifest}"
    );
    assert!(manifest.contains(&format!("{0}  bukti/{0}.tidak-ada\n", hash[1])));
    assert!(manifest.contains(&format!("{0}  bukti/{0}.berubah\n", hash[2])));
    // Each proof once, however many entries list it.
    assert_eq!(manifest.matches(&hash[0]).count(), 2, "{manifest}");
    let mut f = Vec::new();
    z.by_name(&format!("bukti/{}.pdf", hash[0]))
        .unwrap()
        .read_to_end(&mut f)
        .unwrap();
    assert_eq!(f, pdf);
    assert!(z.by_name(&format!("bukti/{}.tidak-ada", hash[1])).is_err());
    assert!(z.by_name(&format!("bukti/{}.jpg", hash[1])).is_err());
}

/// Two banks' statements reconcile against the RKDK entries; a bad row is
/// named by file, line and column and nothing is stored.
async fn mutasi_dua_bank_dan_baris_salah(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = isi_buku(&u).await;
    let pid = u.pemilihan;
    let auditor = orang(Peran::Auditor, Cakupan::Semua);
    let dir = tempfile::tempdir().unwrap();
    // RKDK cash entries: 50M (09-20), 10M (10-11), -7.5M (10-21).
    let h = u
        .posko
        .impor_mutasi_rkdk(&auditor, pid, &tulis(&dir, "bca.csv", BCA.as_bytes()))
        .await
        .unwrap();
    assert_eq!(h.mutasi.len(), 3);
    assert_eq!(h.rekonsiliasi.cocok.len(), 2);
    // The bank's fee is not in the ledger; the APK payment not in the file.
    assert_eq!(h.rekonsiliasi.mutasi_lepas, vec![2]);
    assert_eq!(h.mutasi[2].baris, 7);
    assert_eq!(h.rekonsiliasi.entri_lepas.len(), 1);
    let h = u
        .posko
        .impor_mutasi_rkdk(
            &auditor,
            pid,
            &tulis(&dir, "mandiri.csv", MANDIRI.as_bytes()),
        )
        .await
        .unwrap();
    assert_eq!(h.rekonsiliasi.cocok.len(), 3);
    assert!(h.rekonsiliasi.mutasi_lepas.is_empty());
    assert!(h.rekonsiliasi.entri_lepas.is_empty());

    // The same statement as XLSX (text cells as the bank writes them).
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in MANDIRI.lines().skip(1).enumerate() {
        let mut rd = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(line.as_bytes());
        let rec = rd.records().next().unwrap().unwrap();
        for (c, v) in rec.iter().enumerate() {
            // Amounts as number cells, as a bank's XLSX holds them.
            let angka = v.replace('.', "").replace(',', ".").parse::<f64>();
            match angka {
                Ok(f) if r > 0 && c >= 2 => ws.write_number(r as u32, c as u16, f),
                _ => ws.write_string(r as u32, c as u16, v),
            }
            .unwrap();
        }
    }
    let xlsx = wb.save_to_buffer().unwrap();
    let h = u
        .posko
        .impor_mutasi_rkdk(&auditor, pid, &tulis(&dir, "mandiri.xlsx", &xlsx))
        .await
        .unwrap();
    assert_eq!(h.rekonsiliasi.cocok.len(), 3);
    assert_eq!(h.mutasi[2].saldo, Some(rp(52_500_000)));

    let sebelum = u
        .store
        .daftar_entri_dana(pid, &SaringDana::default())
        .await
        .unwrap();
    let salah = MANDIRI.replace("21-Okt-2029", "32-Okt-2029");
    let e = u
        .posko
        .impor_mutasi_rkdk(&auditor, pid, &tulis(&dir, "mandiri.csv", salah.as_bytes()))
        .await
        .unwrap_err();
    let AppError::Invalid(pesan) = e else {
        panic!("{e:?}")
    };
    assert!(
        pesan.starts_with("mandiri.csv:5: kolom 'Tanggal': '32-Okt-2029' — tanggal tidak ada"),
        "{pesan}"
    );
    let sesudah = u
        .store
        .daftar_entri_dana(pid, &SaringDana::default())
        .await
        .unwrap();
    assert_eq!(sebelum, sesudah);
    // Reconciling is reading the finances: not for a relawan.
    let relawan = orang(Peran::Relawan, Cakupan::Semua);
    assert!(matches!(
        u.posko
            .impor_mutasi_rkdk(&relawan, pid, &tulis(&dir, "bca.csv", BCA.as_bytes()))
            .await,
        Err(AppError::Dilarang(_))
    ));
    drop(b);
}

fn tulis(dir: &tempfile::TempDir, nama: &str, isi: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(nama);
    std::fs::write(&p, isi).unwrap();
    p
}

/// Hostile statements are refused through the import reader's ceilings,
/// quickly and as one problem naming the file, before the ledger is read.
async fn mutasi_berbahaya_ditolak(store: Arc<dyn Store>) {
    use posko_import::pagu::BARIS_UTUH_MAKS;
    let u = siapkan(store).await;
    let pid = u.pemilihan;
    let auditor = orang(Peran::Auditor, Cakupan::Semua);
    let dir = tempfile::tempdir().unwrap();
    let tolak = |nama: &'static str, isi: Vec<u8>| {
        let p = tulis(&dir, nama, &isi);
        let posko = u.posko.clone();
        let auditor = auditor.clone();
        async move {
            let mulai = std::time::Instant::now();
            let m = posko
                .rekonsiliasi_mutasi(&auditor, pid, &p, nama)
                .await
                .unwrap()
                .unwrap_err();
            assert!(mulai.elapsed() < std::time::Duration::from_secs(20));
            assert_eq!(m.len(), 1, "{m:?}");
            assert!(m[0].file.starts_with(nama), "{m:?}");
            m.into_iter().next().unwrap()
        }
    };
    // A zip bomb: 64 MiB of sheet from some 100 KB.
    let m = tolak("bom.xlsx", korpus::bom_zip(64)).await;
    assert!(m.reason.contains("dimampatkan"), "{m}");
    // Four billion shared strings declared.
    let m = tolak("sst.xlsx", korpus::bom_teks_bersama()).await;
    assert!(m.reason.contains("4.000.000.000 teks berbeda"), "{m}");
    // A cell at XFD1048576.
    let m = tolak("dimensi.xlsx", korpus::bom_dimensi(true)).await;
    assert!(m.reason.contains("16.384 kolom"), "{m}");
    // More rows than a statement is read whole with.
    let mut csv = String::from("Tanggal,Keterangan,Debet,Kredit,Saldo\n");
    for _ in 0..=BARIS_UTUH_MAKS {
        csv.push_str("06-Des-2029,x,,\"1,00\",\n");
    }
    let m = tolak("panjang.csv", csv.into_bytes()).await;
    assert_eq!(m.line, Some(BARIS_UTUH_MAKS + 1), "{m}");
    assert!(m.reason.contains("100.000 baris"), "{m}");
    let mut rows = String::new();
    for r in 1..=BARIS_UTUH_MAKS + 1 {
        rows.push_str(&format!(
            r#"<row r="{r}">{}</row>"#,
            korpus::sel(&format!("A{r}"), "x")
        ));
    }
    let m = tolak(
        "panjang.xlsx",
        korpus::xlsx(&korpus::lembar(None, &rows), None),
    )
    .await;
    assert!(m.reason.contains("100.000 baris"), "{m}");
    // A line of 2 MiB.
    let m = tolak("baris.csv", vec![b'x'; 2 << 20]).await;
    assert!(m.reason.contains("lebih panjang dari 1 MiB"), "{m}");
    // Not a spreadsheet at all.
    let m = tolak("rusak.xlsx", b"bukan zip".to_vec()).await;
    assert_eq!(m.file, "rusak.xlsx", "{m}");
    // An Excel error cell is a problem at its row and column.
    let rows = format!(
        r#"<row r="1">{}{}{}{}{}</row><row r="2">{}{}<c r="C2" t="e"><v>#REF!</v></c></row>"#,
        korpus::sel("A1", "Tanggal"),
        korpus::sel("B1", "Keterangan"),
        korpus::sel("C1", "Debet"),
        korpus::sel("D1", "Kredit"),
        korpus::sel("E1", "Saldo"),
        korpus::sel("A2", "06-Des-2029"),
        korpus::sel("B2", "x"),
    );
    let p = tulis(
        &dir,
        "galat.xlsx",
        &korpus::xlsx(&korpus::lembar(None, &rows), None),
    );
    let m = u
        .posko
        .rekonsiliasi_mutasi(&auditor, pid, &p, "galat.xlsx")
        .await
        .unwrap()
        .unwrap_err();
    assert!(
        m.iter().any(|m| m.line == Some(2)
            && m.column.as_deref() == Some("C")
            && m.reason.contains("#REF!")),
        "{m:?}"
    );
}

#[path = "../../../import/tests/korpus/mod.rs"]
mod korpus;

dua_backend!(
    mutasi_berbahaya_ditolak,
    laporan_berkas_cocok_dengan_buku,
    zip_auditor_dengan_manifest,
    zip_auditor_memuat_bukti,
    mutasi_dua_bank_dan_baris_salah,
);
