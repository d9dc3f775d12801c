//! Decoding stored text into domain values, once for both backends: text
//! that no longer parses means the database was edited behind Posko's back,
//! and is `StoreError::Corrupt`, never a silent default.

use posko_domain::{JenisDesa, KodeWilayah};

use crate::{Result, StoreError, Wilayah};

/// The error for stored `value` of column `what` that does not parse.
pub fn corrupt(what: &str, value: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what} '{value}': {e}"))
}

/// The error for a stored column `what` that does not parse, with why.
pub fn rusak(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

/// A value as the JSON text a column stores it in.
pub fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| rusak("json", e))
}

/// A value from the JSON text stored in column `what`.
pub fn from_json<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| rusak(what, e))
}

/// A TPS from its stored desa code and number.
pub fn kode_tps(desa: &str, nomor: i64) -> Result<posko_domain::KodeTps> {
    let n = u16::try_from(nomor)
        .ok()
        .and_then(|n| posko_domain::NomorTps::new(n).ok())
        .ok_or_else(|| rusak("nomor TPS", nomor))?;
    posko_domain::KodeTps::new(kode_wilayah(desa)?, n).map_err(|e| rusak("TPS", e))
}

/// An encrypted value from its two stored columns; absent unless both are.
pub fn tersandi(sandi: Option<String>, indeks: Option<String>) -> Option<crate::DataTersandi> {
    sandi
        .zip(indeks)
        .map(|(sandi, indeks)| crate::DataTersandi { sandi, indeks })
}

/// A supporter's consented purposes as stored: slugs joined by commas.
pub fn keperluan_teks(k: &[posko_domain::Keperluan]) -> String {
    k.iter().map(|k| k.slug()).collect::<Vec<_>>().join(",")
}

pub fn kode_wilayah(s: &str) -> Result<KodeWilayah> {
    KodeWilayah::parse(s).map_err(|e| corrupt("kode wilayah", s, e))
}

/// A desa's kind as stored (`JenisDesa::slug`); NULL for regions above desa.
pub fn jenis_desa(s: Option<&str>) -> Result<Option<JenisDesa>> {
    let Some(s) = s else { return Ok(None) };
    [JenisDesa::Kelurahan, JenisDesa::Desa, JenisDesa::DesaAdat]
        .into_iter()
        .find(|j| j.slug() == s)
        .map(Some)
        .ok_or_else(|| corrupt("jenis desa", s, "tidak dikenal"))
}

/// A region from its stored columns (kode, nama, jenis_desa).
pub fn wilayah(kode: &str, nama: String, jenis: Option<&str>) -> Result<Wilayah> {
    Ok(Wilayah {
        kode: kode_wilayah(kode)?,
        nama,
        jenis_desa: jenis_desa(jenis)?,
    })
}

/// A submission's stored "does not count" columns, read back: both or
/// neither (a code without its revision, or an unknown code, is corrupt).
pub fn tidak_dihitung(
    kode: Option<&str>,
    revisi_dihitung: Option<i32>,
) -> Result<Option<crate::TidakDihitung>> {
    match (kode, revisi_dihitung) {
        (None, None) => Ok(None),
        (Some(k), Some(revisi_dihitung)) => {
            let alasan =
                posko_domain::Tertahan::parse(k).ok_or_else(|| rusak("tidak_dihitung", k))?;
            Ok(Some(crate::TidakDihitung {
                alasan,
                revisi_dihitung,
            }))
        }
        (k, r) => Err(rusak("tidak_dihitung", format!("{k:?} / {r:?}"))),
    }
}

/// A field-data batch's JSON columns: (findings, approved findings,
/// signals), as both backends store them.
pub fn batch_lapangan_json(b: &crate::BatchLapangan) -> Result<(String, String, String)> {
    let sinyal: Vec<(posko_domain::mutu_lapangan::Alasan, u32)> =
        b.sinyal.0.iter().map(|(a, n)| (*a, *n)).collect();
    Ok((json(&b.temuan)?, json(&b.disetujui)?, json(&sinyal)?))
}

/// A field-data batch from its columns.
#[allow(clippy::too_many_arguments)]
pub fn batch_lapangan(
    relawan_id: uuid::Uuid,
    hari: i64,
    status: &str,
    temuan: &str,
    disetujui: &str,
    sinyal: &str,
    catatan: i64,
    diputus_oleh: Option<String>,
    diputus: Option<i64>,
    diperbarui: i64,
) -> Result<crate::BatchLapangan> {
    use posko_domain::mutu_lapangan::{Alasan, Sinyal, StatusBatch};
    let pasangan: Vec<(Alasan, u32)> = from_json("sinyal batch", sinyal)?;
    Ok(crate::BatchLapangan {
        relawan_id,
        hari,
        status: StatusBatch::parse(status).ok_or_else(|| rusak("status batch", status))?,
        temuan: from_json("temuan batch", temuan)?,
        disetujui: from_json("temuan disetujui", disetujui)?,
        sinyal: Sinyal(pasangan.into_iter().collect()),
        catatan: catatan.max(0) as u64,
        diputus_oleh,
        diputus,
        diperbarui,
    })
}

/// The unix-second range `[awal, akhir)` of a WIB day (days since
/// 1970-01-01), as `posko_domain::mutu_lapangan::hari_wib` counts them.
pub fn rentang_hari_wib(hari: i64) -> (i64, i64) {
    let awal = hari * 86_400 - 7 * 3600;
    (awal, awal + 86_400)
}

/// A visit's outcome as the field-data checks see it: was the door answered.
pub fn bertemu(hasil: &str) -> bool {
    hasil == posko_domain::HasilKunjungan::Bertemu.slug()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_back_revision_reads_back_whole_or_is_corrupt() {
        assert_eq!(tidak_dihitung(None, None).unwrap(), None);
        let t = tidak_dihitung(Some("verifikasi.tanpa_foto"), Some(3))
            .unwrap()
            .unwrap();
        assert_eq!(
            (t.alasan.kode(), t.revisi_dihitung),
            ("verifikasi.tanpa_foto", 3)
        );
        for (k, r) in [
            (Some("lain"), Some(1)),
            (Some("foto.tanpa_foto"), None),
            (None, Some(2)),
        ] {
            assert!(
                matches!(tidak_dihitung(k, r), Err(StoreError::Corrupt(_))),
                "{k:?} {r:?}"
            );
        }
    }

    #[test]
    fn jenis_desa_round_trips_and_unknown_text_is_corrupt() {
        for j in [JenisDesa::Kelurahan, JenisDesa::Desa, JenisDesa::DesaAdat] {
            assert_eq!(jenis_desa(Some(j.slug())).unwrap(), Some(j));
        }
        assert_eq!(jenis_desa(None).unwrap(), None);
        assert!(matches!(
            jenis_desa(Some("kampung")),
            Err(StoreError::Corrupt(m)) if m.contains("kampung")
        ));
        assert!(matches!(
            wilayah("32.73.01.1001", "Sukarasa".into(), Some("")),
            Err(StoreError::Corrupt(_))
        ));
        assert!(matches!(
            wilayah("bukan kode", "x".into(), None),
            Err(StoreError::Corrupt(_))
        ));
        let w = wilayah("32.73.01.1001", "Sukarasa".into(), Some("kelurahan")).unwrap();
        assert_eq!(w.jenis_desa, Some(JenisDesa::Kelurahan));
    }
}
