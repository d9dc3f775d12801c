//! The KPU's finance reports as files (LADK, LPSDK, LPPDK as XLSX and
//! PDF), the ledger as CSV, the auditor's ZIP with a SHA-256 manifest,
//! (the RKDK bank statement is reconciled in [`super::mutasi`]).
//!
//! The reports carry sums by source × form and by spending category, no
//! donor's identity, so they are not watermarked; the ledger CSV names
//! donors by id only. The auditor's ZIP also packs the donor lists
//! ([`super::daftar`]), so it is a personal-data export as they are.

use std::io::Write as _;

use posko_domain::dana::{Laporan, Periode, Uang};
use posko_pdf::{JenisKolom, Kolom, Sel, Tabel};
use posko_storage::{EntriDana, JenisEntriDana, Pengguna, SaringDana};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{AppError, Posko, Result};

/// Which file a report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatLaporan {
    Xlsx,
    Pdf,
}

impl FormatLaporan {
    pub fn parse(s: &str) -> Result<FormatLaporan> {
        match s.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Ok(FormatLaporan::Xlsx),
            "pdf" => Ok(FormatLaporan::Pdf),
            _ => Err(AppError::invalid(format!(
                "format {s:?} tidak dikenal (xlsx atau pdf)"
            ))),
        }
    }

    pub fn ekstensi(self) -> &'static str {
        match self {
            FormatLaporan::Xlsx => "xlsx",
            FormatLaporan::Pdf => "pdf",
        }
    }
}

/// Rupiah as the KPU forms write them ("1.234.567" or "1.234,56").
fn rupiah(u: Uang) -> String {
    u.to_string().replacen("Rp", "", 1)
}

/// One report as rows: (No, Uraian, Jumlah). Section A receipts by
/// source × form, B spending by category, then the balances.
pub fn baris_laporan(l: &Laporan) -> Vec<(String, String, Uang)> {
    let mut out = vec![("".into(), "Saldo awal".into(), l.saldo_awal)];
    for (i, b) in l.penerimaan.iter().enumerate() {
        out.push((
            format!("A.{}", i + 1),
            format!(
                "Penerimaan dari {} berupa {}",
                b.sumber.label(),
                b.bentuk.label()
            ),
            b.jumlah,
        ));
    }
    out.push(("A".into(), "Jumlah penerimaan".into(), l.total_penerimaan));
    for (i, b) in l.pengeluaran.iter().enumerate() {
        out.push((
            format!("B.{}", i + 1),
            format!("Pengeluaran {}", b.kategori.label()),
            b.jumlah,
        ));
    }
    out.push(("B".into(), "Jumlah pengeluaran".into(), l.total_pengeluaran));
    out.push(("".into(), "Saldo akhir".into(), l.saldo_akhir));
    out.push((
        "".into(),
        "Sumbangan yang tidak boleh digunakan (melebihi batas/anonim)".into(),
        l.kelebihan,
    ));
    out
}

fn judul(l: &Laporan, nama_pemilihan: &str) -> (String, String) {
    (
        l.periode.label().to_string(),
        format!("{nama_pemilihan}: jumlah dalam rupiah"),
    )
}

/// The report as a table (the PDF's model).
pub fn tabel_laporan(l: &Laporan, nama_pemilihan: &str, kaki: &str) -> Tabel {
    let (judul, subjudul) = judul(l, nama_pemilihan);
    Tabel {
        judul,
        subjudul,
        catatan: vec![format!(
            "{} penyesuaian susulan termasuk dalam laporan ini",
            l.susulan.len()
        )],
        kolom: vec![
            Kolom::new("No", JenisKolom::Kode),
            Kolom::new("Uraian", JenisKolom::Teks),
            Kolom::new("Jumlah (Rp)", JenisKolom::Kode),
        ],
        baris: baris_laporan(l)
            .into_iter()
            .map(|(no, u, j)| vec![Sel::Teks(no), Sel::Teks(u), Sel::Teks(rupiah(j))])
            .collect(),
        total: None,
        kaki: kaki.into(),
        dibuat_oleh: kaki.into(),
        pola_halaman: "halaman {n} dari {m}".into(),
        angka: Default::default(),
    }
}

/// The report as XLSX: amounts as numbers in rupiah (`#,##0.00`).
pub fn xlsx_laporan(l: &Laporan, nama_pemilihan: &str, kaki: &str) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let salah = |e: rust_xlsxwriter::XlsxError| AppError::Internal {
        apa: "menulis XLSX laporan dana".into(),
        sumber: e.to_string().into(),
    };
    let (judul, subjudul) = judul(l, nama_pemilihan);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(l.periode.slug().to_ascii_uppercase())
        .map_err(salah)?;
    let tebal = Format::new().set_bold();
    let uang = Format::new().set_num_format("#,##0.00");
    ws.write_string_with_format(0, 0, &judul, &tebal)
        .map_err(salah)?;
    ws.write_string(1, 0, &subjudul).map_err(salah)?;
    for (c, h) in ["No", "Uraian", "Jumlah (Rp)"].iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &tebal)
            .map_err(salah)?;
    }
    let mut r = 4u32;
    for (no, u, j) in baris_laporan(l) {
        ws.write_string(r, 0, &no).map_err(salah)?;
        ws.write_string(r, 1, &u).map_err(salah)?;
        ws.write_number_with_format(r, 2, j.sen() as f64 / 100.0, &uang)
            .map_err(salah)?;
        r += 1;
    }
    ws.write_string(r + 1, 0, kaki).map_err(salah)?;
    ws.set_column_width(1, 60).map_err(salah)?;
    ws.set_column_width(2, 20).map_err(salah)?;
    wb.save_to_buffer().map_err(salah)
}

/// The ledger as CSV, one line per entry in date order; donors by id.
pub fn csv_buku(buku: &[EntriDana]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let salah = |e: csv::Error| AppError::Internal {
        apa: "menulis CSV buku dana".into(),
        sumber: e.to_string().into(),
    };
    w.write_record([
        "nomor",
        "id",
        "tanggal",
        "arah",
        "sumber_atau_kategori",
        "penyumbang_id",
        "bentuk",
        "rekening",
        "nilai",
        "koreksi_atas",
        "susulan",
        "uraian",
        "bukti_sha256",
    ])
    .map_err(salah)?;
    for e in buku {
        let (arah, jenis, penyumbang) = match &e.jenis {
            JenisEntriDana::Penerimaan {
                sumber,
                penyumbang_id,
            } => (
                "penerimaan",
                sumber.slug(),
                penyumbang_id.map(|u| u.to_string()).unwrap_or_default(),
            ),
            JenisEntriDana::Pengeluaran { kategori } => {
                ("pengeluaran", kategori.slug(), String::new())
            }
        };
        w.write_record([
            e.nomor.to_string().as_str(),
            &e.id.to_string(),
            &e.tanggal.to_string(),
            arah,
            jenis,
            &penyumbang,
            e.bentuk.jenis().slug(),
            e.rekening.slug(),
            &format!("{}.{:02}", e.nilai.sen() / 100, (e.nilai.sen() % 100).abs()),
            &e.koreksi_atas.map(|u| u.to_string()).unwrap_or_default(),
            e.susulan.map(|p| p.slug()).unwrap_or(""),
            &crate::ekspor::sel(&e.uraian),
            &e.bukti.join(" "),
        ])
        .map_err(salah)?;
    }
    w.into_inner().map_err(|e| AppError::Internal {
        apa: "menulis CSV buku dana".into(),
        sumber: e.to_string().into(),
    })
}

impl Posko {
    async fn nama_pemilihan(&self, pemilihan_id: Uuid) -> Result<String> {
        Ok(self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .map(|p| p.nama)
            .unwrap_or_default())
    }

    /// One KPU report as a file, its figures from [`Posko::laporan_dana`]
    /// (checked against the ledger there).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn berkas_laporan_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        periode: Periode,
        format: FormatLaporan,
    ) -> Result<Vec<u8>> {
        let l = self.laporan_dana(oleh, pemilihan_id, periode).await?;
        let nama = self.nama_pemilihan(pemilihan_id).await?;
        let kaki = format!("Dicetak oleh {} ({})", oleh.nama, oleh.username);
        match format {
            FormatLaporan::Pdf => {
                crate::laporan::cetak_tabel(tabel_laporan(&l, &nama, &kaki)).await
            }
            FormatLaporan::Xlsx => {
                crate::latar::kerja("menulis XLSX laporan dana", move || {
                    xlsx_laporan(&l, &nama, &kaki)
                })
                .await?
            }
        }
    }

    /// The whole ledger as CSV.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn csv_buku_dana(&self, oleh: &Pengguna, pemilihan_id: Uuid) -> Result<Vec<u8>> {
        let buku = self
            .buku_dana(oleh, pemilihan_id, &SaringDana::default())
            .await?;
        let isi = csv_buku(&buku)?;
        self.catat_unduhan_dana(oleh, pemilihan_id, "buku-dana.csv", &isi)
            .await?;
        Ok(isi)
    }

    /// Logs a download of the ledger (its free-text descriptions may name
    /// people) in the audit chain with the file's hash, before it is
    /// handed out, as personal-data exports are.
    async fn catat_unduhan_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        nama: &str,
        isi: &[u8],
    ) -> Result<()> {
        let jejak = posko_domain::Jejak::new(
            crate::Aktor::pengguna(oleh).as_str(),
            "ekspor.dana",
            "pemilihan",
            pemilihan_id.to_string(),
            format!(
                "{nama} ({} bita) diunduh oleh {} ({})",
                isi.len(),
                oleh.nama,
                oleh.username
            ),
            isi,
        );
        self.store.catat_audit(&jejak).await?;
        Ok(())
    }

    /// The auditor's ZIP: the ledger CSV, the three reports as XLSX and
    /// PDF, each report's donor list (`penyumbang-<report>.xlsx`: the
    /// donors' identities the KPU's reports carry, watermarked for the
    /// one who downloads and each logged as a personal-data export), every
    /// proof an entry lists as `bukti/<sha256>.<ext>`, and
    /// `manifest.txt` with the SHA-256 of each file (`sha256sum -c` reads
    /// it). A proof the store no longer holds, or whose bytes no longer
    /// hash to their name, is not packed: its manifest line names
    /// `bukti/<sha256>.tidak-ada` or `.berubah`, so the check reports it
    /// rather than the ZIP failing. Proofs are read one at a time.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn zip_auditor_dana(&self, oleh: &Pengguna, pemilihan_id: Uuid) -> Result<Vec<u8>> {
        let mut berkas: Vec<(String, Vec<u8>)> = vec![(
            "buku-dana.csv".into(),
            self.csv_buku_dana(oleh, pemilihan_id).await?,
        )];
        for p in [Periode::Ladk, Periode::Lpsdk, Periode::Lppdk] {
            for f in [FormatLaporan::Xlsx, FormatLaporan::Pdf] {
                berkas.push((
                    format!("{}.{}", p.slug(), f.ekstensi()),
                    self.berkas_laporan_dana(oleh, pemilihan_id, p, f).await?,
                ));
            }
            let daftar = self
                .berkas_penyumbang_dana(oleh, pemilihan_id, p, FormatLaporan::Xlsx)
                .await?;
            berkas.push((format!("penyumbang-{}.xlsx", p.slug()), daftar.isi));
        }
        let mut bukti: Vec<String> = self
            .buku_dana(oleh, pemilihan_id, &SaringDana::default())
            .await?
            .into_iter()
            .flat_map(|e| e.bukti)
            .collect();
        bukti.sort();
        bukti.dedup();
        let mut z = crate::latar::kerja("menulis ZIP auditor", move || {
            let mut z = ZipManifest::baru();
            for (nama, isi) in &berkas {
                z.tambah(nama, isi, true)?;
            }
            Ok::<_, AppError>(z)
        })
        .await??;
        for h in bukti {
            match self.baca_bukti(&h).await? {
                super::bukti::BacaBukti::Ada(isi, jenis) => {
                    let nama = format!("bukti/{h}.{}", super::ekstensi_bukti(jenis));
                    // Photos and PDFs are compressed already: stored as they are.
                    z = crate::latar::kerja("menulis bukti ke ZIP auditor", move || {
                        z.tambah(&nama, &isi, false).map(|_| z)
                    })
                    .await??;
                }
                super::bukti::BacaBukti::Hilang => {
                    tracing::warn!("bukti dana {h} tercatat pada entri tetapi tidak tersimpan");
                    z.tidak_ada(&h, &format!("bukti/{h}.tidak-ada"));
                }
                super::bukti::BacaBukti::Berubah => {
                    tracing::warn!("bukti dana {h} tidak lagi sesuai sidik SHA-256-nya");
                    z.tidak_ada(&h, &format!("bukti/{h}.berubah"));
                }
            }
        }
        let isi = crate::latar::kerja("menulis ZIP auditor", move || z.selesai()).await??;
        self.catat_unduhan_dana(oleh, pemilihan_id, "zip-auditor.zip", &isi)
            .await?;
        Ok(isi)
    }
}

/// A ZIP of `berkas` and `manifest.txt` ("<sha256>  <name>" per line).
pub fn zip_dengan_manifest(berkas: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut z = ZipManifest::baru();
    for (nama, isi) in berkas {
        z.tambah(nama, isi, true)?;
    }
    z.selesai()
}

fn salah_zip(e: &dyn std::fmt::Display) -> AppError {
    AppError::Internal {
        apa: "menulis ZIP auditor".into(),
        sumber: e.to_string().into(),
    }
}

/// A ZIP written file by file, with `manifest.txt` ("<sha256>  <name>"
/// per line) written last.
pub struct ZipManifest {
    z: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    manifest: String,
}

impl ZipManifest {
    pub fn baru() -> ZipManifest {
        ZipManifest {
            z: zip::ZipWriter::new(std::io::Cursor::new(Vec::new())),
            manifest: String::new(),
        }
    }

    /// Adds a file, deflated when `padat` (stored as is otherwise).
    pub fn tambah(&mut self, nama: &str, isi: &[u8], padat: bool) -> Result<()> {
        let opsi = zip::write::SimpleFileOptions::default().compression_method(if padat {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        });
        self.manifest
            .push_str(&format!("{}  {nama}\n", hex(&Sha256::digest(isi))));
        self.z.start_file(nama, opsi).map_err(|e| salah_zip(&e))?;
        self.z.write_all(isi).map_err(|e| salah_zip(&e))
    }

    /// A manifest line for a file that should be there and is not: the
    /// hash it should have, under a name no file in the ZIP has.
    pub fn tidak_ada(&mut self, hash: &str, nama: &str) {
        self.manifest.push_str(&format!("{hash}  {nama}\n"));
    }

    pub fn selesai(mut self) -> Result<Vec<u8>> {
        let opsi = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        self.z
            .start_file("manifest.txt", opsi)
            .map_err(|e| salah_zip(&e))?;
        self.z
            .write_all(self.manifest.as_bytes())
            .map_err(|e| salah_zip(&e))?;
        Ok(self.z.finish().map_err(|e| salah_zip(&e))?.into_inner())
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

impl Posko {
    /// The account a command-line finance command acts as: its roles
    /// decide, through the domain policy, what it may read. A disabled
    /// account acts as nobody.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn akun_cli(&self, username: &str) -> Result<Pengguna> {
        let p = self.pengguna_by_username(username).await?;
        if !p.aktif {
            return Err(AppError::Dilarang(format!(
                "akun '{}' dinonaktifkan",
                p.username
            )));
        }
        Ok(p)
    }
}
