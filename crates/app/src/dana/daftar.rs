//! The donor list that goes with each KPU report: every donor's name,
//! address, NIK, NPWP and phone with what they gave in the report's
//! period, by form. It names people, so it leaves Posko as today's
//! personal-data exports do (UU 27/2022): only for those who may see the
//! finances, watermarked with who took it, when and the export's id (on
//! its first and last line, in every PDF page's footer and in a column
//! of every row), and logged in the audit chain with the file's hash.

use std::collections::BTreeMap;

use posko_domain::dana::{JenisBentuk, periode_entri, termasuk_laporan};
use posko_pdf::{JenisKolom, Kolom, Sel, Tabel};
use time::OffsetDateTime;

use super::berkas::FormatLaporan;
use super::*;
use crate::ekspor::{sel, wib};

/// One line of the list: a donor, or one source's unidentified donations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarisPenyumbang {
    pub sumber: SumberDana,
    /// None: donations nobody can attribute (all of it excess).
    pub identitas: Option<IdentitasPenyumbang>,
    pub uang: Uang,
    pub barang: Uang,
    pub jasa: Uang,
    pub jumlah: Uang,
}

/// A donor list as a file, ready to hand over.
#[derive(Debug, Clone)]
pub struct BerkasPenyumbang {
    pub id: Uuid,
    pub nama_berkas: String,
    pub isi: Vec<u8>,
    pub baris: usize,
}

const KOLOM: [&str; 11] = [
    "No", "Nama", "Alamat", "NIK", "NPWP", "Telepon", "Sumber", "Uang", "Barang", "Jasa", "Jumlah",
];

fn rupiah(u: Uang) -> String {
    u.to_string().replacen("Rp", "", 1)
}

impl Posko {
    /// The donors of a report's period (the LPPDK: the whole campaign),
    /// in the order they were first recorded, then unidentified
    /// donations per source. Receipts are summed with their corrections;
    /// a donor whose corrections cancel their gifts is left out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn baris_penyumbang_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        periode: Periode,
    ) -> Result<Vec<BarisPenyumbang>> {
        let donor = self.daftar_penyumbang(oleh, pemilihan_id).await?;
        let (jadwal, _) = self.jadwal_dana(pemilihan_id).await?.ok_or_else(|| {
            tolak("jadwal dana kampanye pemilihan ini belum diatur (tanggal kampanye)")
        })?;
        let buku = self.buku_domain(pemilihan_id).await?;
        // Key: (donor id, or the source for unidentified gifts).
        let mut jumlah: BTreeMap<(Option<String>, SumberDana), [Uang; 3]> = BTreeMap::new();
        for e in &buku {
            let JenisEntri::Penerimaan { penyumbang } = &e.jenis else {
                continue;
            };
            if !periode_entri(&jadwal, e).is_some_and(|p| termasuk_laporan(periode, p)) {
                continue;
            }
            let i = match e.bentuk.jenis() {
                JenisBentuk::Uang => 0,
                JenisBentuk::Barang => 1,
                JenisBentuk::Jasa => 2,
            };
            let k = jumlah
                .entry((penyumbang.identitas.clone(), penyumbang.sumber))
                .or_insert([Uang::NOL; 3]);
            k[i] = k[i].tambah(e.nilai).map_err(AppError::invalid)?;
        }
        let baris = |sumber, identitas, [uang, barang, jasa]: [Uang; 3]| -> Result<_> {
            let total = Uang::jumlah([uang, barang, jasa]).map_err(AppError::invalid)?;
            Ok(total.positif().then_some(BarisPenyumbang {
                sumber,
                identitas,
                uang,
                barang,
                jasa,
                jumlah: total,
            }))
        };
        let mut out = Vec::new();
        for d in donor {
            if let Some(n) = jumlah.remove(&(Some(d.id.to_string()), d.sumber)) {
                out.extend(baris(d.sumber, d.identitas, n)?);
            }
        }
        for ((id, sumber), n) in jumlah {
            if id.is_some() {
                // A donation names a donor the list does not have: the
                // ledger and the donors disagree, which a report must not hide.
                return Err(AppError::Store(posko_storage::StoreError::Corrupt(
                    format!(
                        "entri dana menyebut penyumbang {} yang tidak tercatat",
                        id.unwrap_or_default()
                    ),
                )));
            }
            out.extend(baris(sumber, None, n)?);
        }
        Ok(out)
    }

    /// The donor list of a report as XLSX or PDF, watermarked for `oleh`
    /// and logged with the file's hash before it is handed out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn berkas_penyumbang_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        periode: Periode,
        format: FormatLaporan,
    ) -> Result<BerkasPenyumbang> {
        let baris = self
            .baris_penyumbang_dana(oleh, pemilihan_id, periode)
            .await?;
        let nama = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .map(|p| p.nama)
            .unwrap_or_default();
        let id = Uuid::now_v7();
        let pendek = id.simple().to_string()[24..].to_string();
        let tanda = format!(
            "RAHASIA — data pribadi penyumbang (UU 27/2022) — diekspor oleh {} ({}) pada {} — ekspor {id} — jangan disebarkan dan hapus setelah dipakai",
            oleh.nama.replace(['\n', '\r'], " "),
            oleh.username,
            wib(OffsetDateTime::now_utc())
        );
        let judul = format!("Daftar penyumbang {}", periode.label());
        let jumlah_baris = baris.len();
        let isi = match format {
            FormatLaporan::Pdf => {
                crate::laporan::cetak_tabel(tabel_penyumbang(
                    &baris, &judul, &nama, &tanda, &pendek,
                ))
                .await?
            }
            FormatLaporan::Xlsx => {
                let (judul, nama, tanda, pendek) =
                    (judul.clone(), nama.clone(), tanda.clone(), pendek.clone());
                crate::latar::kerja("menulis XLSX daftar penyumbang", move || {
                    xlsx_penyumbang(&baris, &judul, &nama, &tanda, &pendek)
                })
                .await??
            }
        };
        let nama_berkas = format!(
            "penyumbang-{}-{pendek}.{}",
            periode.slug(),
            format.ekstensi()
        );
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "ekspor.data_pribadi",
            "ekspor",
            id.to_string(),
            format!(
                "daftar penyumbang {} ({jumlah_baris} baris, {nama_berkas}) diekspor oleh {} ({}) untuk pemilihan {pemilihan_id}",
                periode.slug().to_uppercase(),
                oleh.nama,
                oleh.username
            ),
            &isi,
        );
        self.store.catat_audit(&jejak).await?;
        Ok(BerkasPenyumbang {
            id,
            nama_berkas,
            isi,
            baris: jumlah_baris,
        })
    }
}

/// A line's cells: identity, source, amounts.
fn sel_baris(no: usize, b: &BarisPenyumbang) -> Vec<String> {
    let idn = b.identitas.clone().unwrap_or_else(|| IdentitasPenyumbang {
        nama: "Tanpa identitas (tidak boleh digunakan)".into(),
        ..Default::default()
    });
    vec![
        no.to_string(),
        sel(&idn.nama),
        sel(&idn.alamat),
        idn.nik.unwrap_or_default(),
        idn.npwp.unwrap_or_default(),
        idn.telepon.unwrap_or_default(),
        b.sumber.label().to_string(),
    ]
}

fn tabel_penyumbang(
    baris: &[BarisPenyumbang],
    judul: &str,
    nama_pemilihan: &str,
    tanda: &str,
    pendek: &str,
) -> Tabel {
    let mut kolom: Vec<Kolom> = KOLOM
        .iter()
        .enumerate()
        .map(|(i, k)| {
            Kolom::new(
                *k,
                if i == 0 || i >= 7 {
                    JenisKolom::Kode
                } else {
                    JenisKolom::Teks
                },
            )
        })
        .collect();
    kolom.push(Kolom::new("Tanda", JenisKolom::Kode));
    Tabel {
        judul: judul.into(),
        subjudul: format!("{nama_pemilihan}: jumlah dalam rupiah"),
        catatan: vec![tanda.into()],
        kolom,
        baris: baris
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let mut v: Vec<Sel> = sel_baris(i + 1, b).into_iter().map(Sel::Teks).collect();
                for u in [b.uang, b.barang, b.jasa, b.jumlah] {
                    v.push(Sel::Teks(rupiah(u)));
                }
                v.push(Sel::Teks(pendek.into()));
                v
            })
            .collect(),
        total: None,
        kaki: tanda.into(),
        dibuat_oleh: tanda.into(),
        pola_halaman: "halaman {n} dari {m}".into(),
        angka: Default::default(),
    }
}

fn xlsx_penyumbang(
    baris: &[BarisPenyumbang],
    judul: &str,
    nama_pemilihan: &str,
    tanda: &str,
    pendek: &str,
) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let salah = |e: rust_xlsxwriter::XlsxError| AppError::Internal {
        apa: "menulis XLSX daftar penyumbang".into(),
        sumber: e.to_string().into(),
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Penyumbang").map_err(salah)?;
    let tebal = Format::new().set_bold();
    let uang = Format::new().set_num_format("#,##0.00");
    ws.write_string(0, 0, tanda).map_err(salah)?;
    ws.write_string_with_format(1, 0, judul, &tebal)
        .map_err(salah)?;
    ws.write_string(2, 0, format!("{nama_pemilihan}: jumlah dalam rupiah"))
        .map_err(salah)?;
    for (c, h) in KOLOM.iter().chain(["Tanda"].iter()).enumerate() {
        ws.write_string_with_format(4, c as u16, *h, &tebal)
            .map_err(salah)?;
    }
    let mut r = 5u32;
    for (i, b) in baris.iter().enumerate() {
        for (c, v) in sel_baris(i + 1, b).iter().enumerate() {
            ws.write_string(r, c as u16, v).map_err(salah)?;
        }
        for (c, u) in [b.uang, b.barang, b.jasa, b.jumlah].into_iter().enumerate() {
            ws.write_number_with_format(r, 7 + c as u16, u.sen() as f64 / 100.0, &uang)
                .map_err(salah)?;
        }
        ws.write_string(r, 11, pendek).map_err(salah)?;
        r += 1;
    }
    ws.write_string(r + 1, 0, tanda).map_err(salah)?;
    ws.set_column_width(1, 30).map_err(salah)?;
    ws.set_column_width(2, 40).map_err(salah)?;
    wb.save_to_buffer().map_err(salah)
}
