//! The election's win rule: setting it (those who manage elections, or the
//! command line; audited), and applying it to a region's totals with the
//! TPS not yet in (`posko_domain::menang`), for every page that names a
//! leader.

use std::collections::HashMap;

use posko_domain::menang::{StatusMenang, status};
use posko_domain::{AturanMenang, Izin, Jejak, KodeWilayah, Objek, Tingkat, diizinkan};
use posko_storage::{Paslon, Pemilihan, Pengguna, SisaTps};
use serde::Serialize;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// The rule that applies to an election now, and whether it fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AturanBerlaku {
    pub aturan: AturanMenang,
    /// Chosen by someone; false: the law's default for the election's kind,
    /// region and number of paslon.
    pub dipilih: bool,
    /// Why the rule does not fit the paslon registered (then no decision is
    /// given).
    pub tidak_cocok: Option<String>,
    /// Entries of section IV the rule reads (the blank box after a calon
    /// tunggal).
    pub jumlah_kolom: usize,
}

impl AturanBerlaku {
    pub fn dari(p: &Pemilihan, paslon: &[Paslon]) -> AturanBerlaku {
        let aturan = p.aturan_berlaku(paslon.len());
        AturanBerlaku {
            aturan,
            dipilih: p.aturan.is_some(),
            tidak_cocok: aturan.cek_jumlah_paslon(paslon.len()).err(),
            jumlah_kolom: posko_domain::kolom_suara_paslon(paslon.len()),
        }
    }
}

/// The rule applied to one region's totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Menang {
    pub kode: KodeWilayah,
    /// TPS of the region with no result in yet.
    pub tps_belum: u64,
    /// None when the rule does not fit the paslon (see
    /// [`AturanBerlaku::tidak_cocok`]).
    pub status: Option<StatusMenang>,
}

/// How the unreported TPS under `kode` are grouped: by the regions one level
/// down (a desa: by itself), so a page's rows and its headline come from one
/// statement.
fn tingkat_kelompok(kode: KodeWilayah) -> Tingkat {
    Tingkat::from_u8(kode.tingkat().as_u8() + 1).unwrap_or(Tingkat::Desa)
}

/// The rule applied to `suara` (valid votes per column) with `sisa` still
/// out.
pub fn terapkan(
    aturan: &AturanBerlaku,
    kode: KodeWilayah,
    suara: &[u64],
    sisa: Option<&SisaTps>,
) -> Menang {
    let (tps_belum, maks) = sisa.map_or((0, 0), |s| (s.tps_belum, s.suara_maks));
    Menang {
        kode,
        tps_belum,
        status: aturan
            .tidak_cocok
            .is_none()
            .then(|| status(aturan.aturan, suara, maks)),
    }
}

impl Posko {
    /// The TPS still out under `kode`, per region one level down (a desa:
    /// itself), and their sum for `kode`. Read before the totals it is set
    /// against, so a TPS arriving in between is counted twice (in the
    /// totals and as still out, which only delays "settled"), never zero
    /// times.
    pub(crate) async fn sisa_tps(
        &self,
        id: Uuid,
        kode: KodeWilayah,
    ) -> Result<(SisaTps, HashMap<KodeWilayah, SisaTps>)> {
        let rows = self
            .store
            .daftar_sisa_tps(id, kode, tingkat_kelompok(kode))
            .await?;
        let mut total = SisaTps {
            kode,
            tps_belum: 0,
            suara_maks: 0,
        };
        for r in &rows {
            total.tps_belum += r.tps_belum;
            total.suara_maks += r.suara_maks;
        }
        Ok((total, rows.into_iter().map(|r| (r.kode, r)).collect()))
    }

    /// Sets (or with None, returns to the law's default) an election's win
    /// rule, for someone who manages that election.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ubah_aturan_menang(
        &self,
        oleh: &Pengguna,
        id: Uuid,
        aturan: Option<AturanMenang>,
    ) -> Result<AturanBerlaku> {
        let (p, _) = self.pemilihan_dengan_paslon(id).await?;
        if !diizinkan(
            &oleh.penugasan,
            Izin::KelolaPemilihan,
            &Objek::Wilayah(p.wilayah),
        ) {
            return Err(AppError::Dilarang(format!(
                "aturan menang {} hanya diatur pengelola pemilihan",
                p.nama
            )));
        }
        self.atur_aturan_menang(&Aktor::pengguna(oleh), id, aturan)
            .await
    }

    /// Sets an election's win rule as `aktor` (the command line, or a
    /// caller already checked): refused when it does not fit the paslon
    /// registered.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn atur_aturan_menang(
        &self,
        aktor: &Aktor,
        id: Uuid,
        aturan: Option<AturanMenang>,
    ) -> Result<AturanBerlaku> {
        // Fresh from the store: the rule is checked against the paslon as
        // they are now, not as cached.
        let p = self
            .store
            .ambil_pemilihan(id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {id}")))?;
        let paslon = self.store.daftar_paslon(id).await?;
        let baru = Pemilihan {
            aturan,
            ..p.clone()
        };
        let berlaku = baru.aturan_berlaku(paslon.len());
        berlaku
            .cek_jumlah_paslon(paslon.len())
            .map_err(AppError::Invalid)?;
        let ringkas = match aturan {
            Some(a) => format!("aturan menang {}: {a}", p.nama),
            None => format!("aturan menang {}: bawaan undang-undang ({berlaku})", p.nama),
        };
        let jejak = Jejak::new(
            aktor.as_str(),
            "pemilihan.aturan_menang",
            "pemilihan",
            id.to_string(),
            ringkas,
            aturan.map_or("bawaan", |a| a.slug()).as_bytes(),
        );
        if !self.store.ubah_aturan_menang(id, aturan, &jejak).await? {
            return Err(AppError::NotFound(format!("pemilihan {id}")));
        }
        self.cache_pemilihan.clear();
        Ok(AturanBerlaku::dari(&baru, &paslon))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_is_one_level_down() {
        let k = |s: &str| KodeWilayah::parse(s).unwrap();
        assert_eq!(tingkat_kelompok(k("31")), Tingkat::Kabkota);
        assert_eq!(tingkat_kelompok(k("31.71")), Tingkat::Kecamatan);
        assert_eq!(tingkat_kelompok(k("31.71.01")), Tingkat::Desa);
        assert_eq!(tingkat_kelompok(k("31.71.01.1001")), Tingkat::Desa);
    }
}
