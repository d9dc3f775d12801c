//! `posko dana …`: the KPU finance reports, the ledger, the auditor's ZIP,
//! the RKDK bank reconciliation, and recording the treasurer's own
//! spreadsheet ledger (`impor-buku`), for scripts. Each command acts as
//! the account named by `--akun` (or `POSKO_AKUN`), whose roles the
//! domain policy checks as on the web (bendahara, manajer, auditor).

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use posko_app::Posko;
use posko_app::dana::FormatLaporan;
use posko_domain::dana::Periode;
use uuid::Uuid;

#[derive(Args)]
pub(super) struct DanaArgs {
    /// Akun yang menjalankan perintah (perannya menentukan izin).
    #[arg(long, env = "POSKO_AKUN", global = true)]
    akun: Option<String>,
    #[command(subcommand)]
    perintah: DanaCommand,
}

#[derive(Subcommand)]
enum DanaCommand {
    /// Tulis laporan LADK, LPSDK atau LPPDK sebagai XLSX atau PDF.
    Laporan {
        #[arg(long)]
        pemilihan: String,
        /// ladk, lpsdk atau lppdk.
        #[arg(long)]
        jenis: String,
        /// xlsx atau pdf (bawaan: dari ekstensi --keluar).
        #[arg(long)]
        format: Option<String>,
        #[arg(long)]
        keluar: PathBuf,
    },
    /// Cocokkan mutasi RKDK (CSV/XLSX bank) dengan buku dana.
    Rekonsiliasi {
        #[arg(long)]
        pemilihan: String,
        berkas: PathBuf,
    },
    /// Catat buku kas bendahara (CSV/XLSX): setiap baris diperiksa dulu; satu baris salah, tidak ada yang dicatat.
    #[command(after_help = KOLOM_IMPOR_BUKU)]
    ImporBuku {
        #[arg(long)]
        pemilihan: String,
        berkas: PathBuf,
    },
    /// Buku dana sebagai CSV ke stdout.
    Buku {
        #[arg(long)]
        pemilihan: String,
    },
    /// Laporan yang harus segera disampaikan atau sudah terlambat; status
    /// keluar 1 bila ada yang terlambat atau jatuh tempo dalam 3 hari
    /// (untuk cron yang mengirim peringatan).
    Pengingat {
        #[arg(long)]
        pemilihan: String,
    },
    /// Catat bahwa laporan sudah disampaikan ke KPU (SIKADEKA).
    Penyampaian {
        #[arg(long)]
        pemilihan: String,
        /// ladk, lpsdk atau lppdk.
        #[arg(long)]
        jenis: String,
        /// Tanggal disampaikan, TTTT-BB-HH.
        #[arg(long)]
        tanggal: String,
        /// Nomor tanda terima dari SIKADEKA atau kantor KPU.
        #[arg(long, default_value = "")]
        tanda_terima: String,
        #[arg(long, default_value = "")]
        catatan: String,
    },
    /// ZIP untuk auditor: buku CSV, ketiga laporan, manifest SHA-256.
    ZipAuditor {
        #[arg(long)]
        pemilihan: String,
        #[arg(long)]
        keluar: PathBuf,
    },
}

/// The columns of `impor-buku`, in its `--help` and `posko dana --help`.
pub(super) const KOLOM_IMPOR_BUKU: &str = "\
impor-buku: kolom berkas (baris pertama judul kolom; huruf besar/kecil bebas):
  tanggal       TTTT-BB-HH, HH-BB-TTTT atau HH/BB/TTTT (sel tanggal juga)   wajib
  arah          penerimaan atau pengeluaran                                 wajib
  sumber        penerimaan: paslon, partai_politik, perseorangan, kelompok,
                badan_usaha_swasta
  kategori      pengeluaran: kategori seperti ditulis `posko dana buku`
  sumber_atau_kategori   salah satu dari keduanya, menurut arah baris
  bentuk        uang (bawaan), barang (+ jumlah_unit, satuan), jasa (+ jenis_jasa)
  rekening      rkdk (bawaan) atau tunai
  nilai         1.500.000 / Rp 1.500.000,- / 1500000, lebih dari nol        wajib
  uraian        teks bebas
  nama, alamat, nik, telepon, npwp
                penyumbang (penerimaan); perseorangan wajib NIK, badan usaha
                swasta wajib NPWP; penyumbang yang sama (NIK/NPWP sama) dicatat sekali
  anonim        ya: sumbangan tanpa identitas (seluruhnya kelebihan)

Semua baris diperiksa lebih dulu; setiap baris salah disebut dengan berkas,
baris dan kolomnya, dan tidak ada yang dicatat. Lalu setiap baris dicatat
satu per satu lewat use case yang sama dengan formulir web, atas nama --akun
(perannya menentukan izin). Bila pencatatan terhenti di tengah (mis. buku
berubah atau batas dilanggar), baris yang sudah tercatat disebut persis.";

fn id_pemilihan(s: &str) -> anyhow::Result<Uuid> {
    Uuid::parse_str(s.trim())
        .with_context(|| format!("'{s}' bukan id pemilihan; lihat `posko pemilihan list`"))
}

/// Runs one `posko dana` command; false when the reconciliation left
/// lines unmatched (exit status 1 for scripts).
pub(super) async fn dana_command(posko: &Posko, a: DanaArgs) -> anyhow::Result<bool> {
    let akun = a
        .akun
        .context("sebutkan akun yang menjalankan perintah: --akun NAMA atau POSKO_AKUN")?;
    let oleh = posko.akun_cli(&akun).await?;
    match a.perintah {
        DanaCommand::Laporan {
            pemilihan,
            jenis,
            format,
            keluar,
        } => {
            let periode = Periode::parse(&jenis)?;
            let format = match format {
                Some(f) => FormatLaporan::parse(&f)?,
                None => FormatLaporan::parse(
                    keluar
                        .extension()
                        .and_then(|e| e.to_str())
                        .unwrap_or_default(),
                )
                .context("sebutkan --format xlsx atau pdf")?,
            };
            let isi = posko
                .berkas_laporan_dana(&oleh, id_pemilihan(&pemilihan)?, periode, format)
                .await?;
            std::fs::write(&keluar, &isi)
                .with_context(|| format!("menulis {}", keluar.display()))?;
            println!(
                "{} ditulis ke {} ({} bita)",
                periode.slug().to_uppercase(),
                keluar.display(),
                isi.len()
            );
        }
        DanaCommand::Rekonsiliasi { pemilihan, berkas } => {
            let h = posko
                .impor_mutasi_rkdk(&oleh, id_pemilihan(&pemilihan)?, &berkas)
                .await?;
            let r = &h.rekonsiliasi;
            println!(
                "{} baris mutasi, {} entri RKDK: {} cocok, {} mutasi tanpa entri, {} entri tanpa mutasi",
                h.mutasi.len(),
                h.entri_rkdk,
                r.cocok.len(),
                r.mutasi_lepas.len(),
                r.entri_lepas.len()
            );
            for &i in &r.mutasi_lepas {
                let m = &h.mutasi[i];
                println!(
                    "mutasi-lepas\tbaris {}\t{}\t{}\t{}\t{}",
                    m.baris,
                    m.tanggal,
                    m.arah.slug(),
                    m.nilai,
                    m.keterangan
                );
            }
            for id in &r.entri_lepas {
                println!("entri-lepas\t{id}");
            }
            return Ok(r.mutasi_lepas.is_empty() && r.entri_lepas.is_empty());
        }
        DanaCommand::ImporBuku { pemilihan, berkas } => {
            return impor_buku(posko, &oleh, id_pemilihan(&pemilihan)?, &berkas).await;
        }
        DanaCommand::Buku { pemilihan } => {
            use std::io::Write;
            let csv = posko
                .csv_buku_dana(&oleh, id_pemilihan(&pemilihan)?)
                .await?;
            std::io::stdout().write_all(&csv)?;
        }
        DanaCommand::Pengingat { pemilihan } => {
            use posko_domain::dana::Desakan;
            // Refused (not empty) for an account that may not see finances.
            let semua = posko
                .jadwal_terlihat_dana(&oleh, id_pemilihan(&pemilihan)?)
                .await?
                .map(|j| j.pengingat)
                .unwrap_or_default();
            for p in &semua {
                println!(
                    "{}\t{}\tbatas {}\t{} hari",
                    p.desakan.slug(),
                    p.periode.slug().to_uppercase(),
                    p.batas,
                    p.sisa_hari
                );
            }
            return Ok(!semua.iter().any(|p| p.desakan < Desakan::Mendatang));
        }
        DanaCommand::Penyampaian {
            pemilihan,
            jenis,
            tanggal,
            tanda_terima,
            catatan,
        } => {
            let periode = Periode::parse(&jenis)?;
            let t = time::Date::parse(
                tanggal.trim(),
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .with_context(|| format!("--tanggal '{tanggal}' harus TTTT-BB-HH"))?;
            posko
                .catat_penyampaian_dana(
                    &oleh,
                    id_pemilihan(&pemilihan)?,
                    periode,
                    t,
                    &tanda_terima,
                    &catatan,
                )
                .await?;
            println!("{} dicatat disampaikan {t}", periode.slug().to_uppercase());
        }
        DanaCommand::ZipAuditor { pemilihan, keluar } => {
            let isi = posko
                .zip_auditor_dana(&oleh, id_pemilihan(&pemilihan)?)
                .await?;
            std::fs::write(&keluar, &isi)
                .with_context(|| format!("menulis {}", keluar.display()))?;
            println!(
                "ZIP auditor ditulis ke {} ({} bita)",
                keluar.display(),
                isi.len()
            );
        }
    }
    Ok(true)
}

/// `posko dana impor-buku`: prints each row written (line, ledger number,
/// entry id); a bad file is an error listing every problem, nothing
/// written; a write refused mid-way is an error after the rows written.
async fn impor_buku(
    posko: &Posko,
    oleh: &posko_storage::Pengguna,
    pemilihan: Uuid,
    berkas: &std::path::Path,
) -> anyhow::Result<bool> {
    use posko_app::dana::{BarisTertulis, ImporBuku};
    let cetak = |ditulis: &[BarisTertulis]| {
        for d in ditulis {
            println!(
                "tercatat\tbaris {}\tnomor {}\t{}",
                d.baris, d.hasil.nomor, d.hasil.id
            );
        }
    };
    match posko.impor_buku_dana(oleh, pemilihan, berkas).await? {
        ImporBuku::Ditolak(masalah) => {
            let teks: Vec<String> = masalah.iter().map(ToString::to_string).collect();
            anyhow::bail!(
                "{} masalah; tidak ada yang dicatat:\n{}",
                masalah.len(),
                teks.join("\n")
            );
        }
        ImporBuku::Selesai { berkas, ditulis } => {
            cetak(&ditulis);
            println!("{berkas}: {} baris tercatat", ditulis.len());
        }
        ImporBuku::Terhenti {
            berkas,
            ditulis,
            baris,
            galat,
            sisa,
        } => {
            cetak(&ditulis);
            let tertulis: Vec<String> = ditulis.iter().map(|d| d.baris.to_string()).collect();
            anyhow::bail!(
                "{berkas}:{baris}: {galat}\npencatatan terhenti: {} baris sudah tercatat (baris {}); baris {baris} dan {sisa} baris sesudahnya tidak tercatat",
                ditulis.len(),
                if tertulis.is_empty() {
                    "-".to_string()
                } else {
                    tertulis.join(", ")
                }
            );
        }
    }
    Ok(true)
}
