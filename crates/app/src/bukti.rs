//! The evidence pack for an objection at a kecamatan's rekapitulasi: every
//! TPS there where the official count differs from ours, both figures, and
//! the photos of the form, as one PDF to print and file.

use std::collections::HashMap;

use posko_domain::{KodeWilayah, Tingkat};
use posko_pdf::{FotoBukti, Gambar, PaketBukti, TpsBukti};
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;

use crate::foto::SISI_PRATINJAU;
use crate::{AppError, Posko, Result};

/// Objections are filed where the count is recapitulated, so a pack covers
/// at most one kecamatan; a larger region would make a pack no one prints.
pub fn boleh_dipaket(kode: KodeWilayah) -> bool {
    matches!(kode.tingkat(), Tingkat::Kecamatan | Tingkat::Desa)
}

fn wib(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::from_hms(7, 0, 0).expect("valid offset"));
    format!(
        "{:02}-{:02}-{:04} {:02}:{:02} WIB",
        t.day(),
        t.month() as u8,
        t.year(),
        t.hour(),
        t.minute()
    )
}

fn angka(a: &posko_storage::Angka) -> posko_pdf::Angka {
    posko_pdf::Angka {
        suara: a.suara.clone(),
        sah: a.sah,
        tidak_sah: a.tidak_sah,
    }
}

impl Posko {
    /// The PDF evidence pack of a kecamatan (or one desa in it), made by
    /// `oleh` (printed on every page). Photos go in as the verifiers'
    /// previews (legible, a tenth of the size); each original's SHA-256 is
    /// printed under it so the print can be tied to the stored evidence.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn paket_bukti(
        &self,
        pemilihan_id: Uuid,
        kode: KodeWilayah,
        hanya_terverifikasi: bool,
        oleh: &str,
    ) -> Result<Vec<u8>> {
        if !boleh_dipaket(kode) {
            return Err(AppError::Invalid(format!(
                "paket bukti dibuat per kecamatan: {kode} adalah {}; pilih salah satu kecamatannya",
                kode.tingkat().label().to_lowercase()
            )));
        }
        let pemilihan = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?;
        let wilayah = self
            .store
            .ambil_wilayah(kode)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("wilayah {kode}")))?;
        let kabkota = self
            .store
            .ambil_wilayah(kode.at(Tingkat::Kabkota))
            .await?
            .map(|w| w.nama)
            .unwrap_or_default();
        let paslon = self
            .store
            .daftar_paslon(pemilihan_id)
            .await?
            .into_iter()
            .map(|p| {
                format!(
                    "{:02} {} – {}",
                    p.nomor_urut.get(),
                    p.calon_kepala,
                    p.calon_wakil
                )
            })
            .collect();
        let list = self
            .daftar_selisih(pemilihan_id, Some(kode), hanya_terverifikasi)
            .await?;
        let mut desa: Vec<KodeWilayah> = list.iter().map(|s| s.tps.desa()).collect();
        desa.dedup();
        let nama_desa: HashMap<KodeWilayah, String> = self
            .store
            .ambil_wilayah_banyak(&desa)
            .await?
            .into_iter()
            .map(|w| (w.kode, w.nama))
            .collect();

        let mut tps = Vec::with_capacity(list.len());
        for s in &list {
            let mut foto = Vec::with_capacity(s.foto.len());
            for hash in &s.foto {
                let gambar = self.gambar_cetak(hash).await?;
                // Without a picture, say whether the original is kept at all.
                let tidak_tersimpan = gambar.is_none() && !self.foto_ada(hash).await?;
                if tidak_tersimpan {
                    tracing::warn!(
                        "paket bukti: foto {hash} TPS {} tidak ada di {}",
                        s.tps,
                        self.foto.lokasi()
                    );
                }
                foto.push(FotoBukti {
                    sha256: hash.clone(),
                    gambar,
                    tidak_tersimpan,
                });
            }
            tps.push(TpsBukti {
                kode: format!("{}-{:03}", s.tps.desa().undotted(), s.tps.nomor().get()),
                nama: format!(
                    "TPS {:03} · {}",
                    s.tps.nomor().get(),
                    nama_desa.get(&s.tps.desa()).cloned().unwrap_or_default()
                ),
                status: s.status.slug().into(),
                kita: angka(&s.kita),
                resmi: angka(&s.resmi),
                suara_bergeser: s.suara_bergeser,
                foto,
            });
        }
        let paket = PaketBukti {
            judul: format!(
                "Paket bukti selisih hasil: {} {}, {}",
                wilayah.tingkat().label(),
                wilayah.nama,
                kabkota
            ),
            pemilihan: pemilihan.nama,
            wilayah: format!("{} {} ({kode})", wilayah.tingkat().label(), wilayah.nama),
            dibuat: wib(OffsetDateTime::now_utc()),
            dibuat_oleh: oleh.to_owned(),
            paslon,
            catatan: Some(if hanya_terverifikasi {
                "Hanya TPS yang angkanya sudah terverifikasi dua pembaca dari foto formulir.".into()
            } else {
                "Termasuk TPS yang belum terverifikasi (angka kiriman saksi).".into()
            }),
            tps,
        };
        crate::latar::kerja("menyusun paket bukti PDF", move || {
            posko_pdf::paket_bukti(&paket)
        })
        .await
    }

    /// A photo as it goes on paper: the cached preview, or one made now;
    /// `None` for what cannot be decoded here (HEIC), which the pack says.
    async fn gambar_cetak(&self, hash: &str) -> Result<Option<Gambar>> {
        let Some(jpeg) = self.pratinjau_jpeg(hash, SISI_PRATINJAU).await? else {
            return Ok(None);
        };
        let Ok((lebar, tinggi)) = image::ImageReader::new(std::io::Cursor::new(&jpeg))
            .with_guessed_format()
            .map_err(|_| ())
            .and_then(|r| r.into_dimensions().map_err(|_| ()))
        else {
            return Ok(None);
        };
        Ok(Some(Gambar {
            jpeg,
            lebar,
            tinggi,
        }))
    }
}
