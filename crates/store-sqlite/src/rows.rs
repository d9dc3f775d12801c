//! Decoding rows into domain types. Row mappers return a nested result: the
//! outer one is rusqlite's, the inner one says whether stored text still
//! parses as a domain value (if not, the file was edited behind our back).

use posko_domain::{AturanMenang, Dpt, JenisPemilihan, KodeTps, NamaCalon, NomorTps, NomorUrut};
use posko_storage::{
    Paslon, Pemilihan, RekapDpt, Result, StoreError, Tps, Wilayah, WilayahDenganRekap,
};
use rusqlite::{MappedRows, Row};
use time::{Date, OffsetDateTime, format_description::well_known::Rfc3339};
use uuid::Uuid;

use crate::backend_err;

pub(crate) use posko_storage::sql::TPS_COLUMNS;
pub(crate) const REKAP_COLUMNS: &str =
    "SELECT jumlah_tps, tps_dengan_dpt, dpt_laki, dpt_perempuan, dpt_total";
pub(crate) const REKAP_SUM_COLUMNS: &str =
    "SELECT COALESCE(SUM(jumlah_tps), 0), COALESCE(SUM(tps_dengan_dpt), 0),
    COALESCE(SUM(dpt_laki), 0), COALESCE(SUM(dpt_perempuan), 0), COALESCE(SUM(dpt_total), 0)";
pub(crate) use posko_storage::sql::PEMILIHAN_COLUMNS;

pub(crate) use posko_storage::baris::{corrupt, kode_wilayah as kode};

pub(crate) fn collect<T, F>(rows: MappedRows<'_, F>) -> Result<Vec<T>>
where
    F: FnMut(&Row<'_>) -> rusqlite::Result<Result<T>>,
{
    let mut out = Vec::new();
    for row in rows {
        out.push(row.map_err(backend_err)??);
    }
    Ok(out)
}

pub(crate) fn wilayah_row(r: &Row<'_>) -> rusqlite::Result<Result<Wilayah>> {
    let k: String = r.get(0)?;
    let nama: String = r.get(1)?;
    let jenis: Option<String> = r.get(2)?;
    Ok(posko_storage::baris::wilayah(&k, nama, jenis.as_deref()))
}

fn rekap_at(r: &Row<'_>, i: usize) -> rusqlite::Result<RekapDpt> {
    let n = |j: usize| r.get::<_, i64>(i + j).map(|v| v as u64);
    Ok(RekapDpt {
        kode: None,
        jumlah_tps: n(0)?,
        tps_dengan_dpt: n(1)?,
        dpt_laki: n(2)?,
        dpt_perempuan: n(3)?,
        dpt_total: n(4)?,
    })
}

pub(crate) fn rekap_row(r: &Row<'_>) -> rusqlite::Result<RekapDpt> {
    rekap_at(r, 0)
}

pub(crate) fn wilayah_with_rekap_row(r: &Row<'_>) -> rusqlite::Result<Result<WilayahDenganRekap>> {
    let mut rekap = rekap_at(r, 3)?;
    Ok(wilayah_row(r)?.map(|wilayah| {
        rekap.kode = Some(wilayah.kode);
        WilayahDenganRekap { wilayah, rekap }
    }))
}

pub(crate) fn tps_row(r: &Row<'_>) -> rusqlite::Result<Result<Tps>> {
    let desa: String = r.get(0)?;
    let nomor: i64 = r.get(1)?;
    let (l, p, t): (Option<u32>, Option<u32>, Option<u32>) = (r.get(2)?, r.get(3)?, r.get(4)?);
    let alamat: Option<String> = r.get(5)?;
    let (lat, lng): (Option<f64>, Option<f64>) = (r.get(6)?, r.get(7)?);
    Ok((|| {
        let nomor = u16::try_from(nomor)
            .ok()
            .and_then(|n| NomorTps::new(n).ok())
            .ok_or_else(|| corrupt("nomor TPS", &nomor.to_string(), "di luar 1–999"))?;
        let kode = KodeTps::new(kode(&desa)?, nomor).map_err(|e| corrupt("TPS", &desa, e))?;
        let dpt = Dpt::new(l, p, t).map_err(|e| corrupt("DPT TPS", &kode.to_string(), e))?;
        Ok(Tps {
            kode,
            dpt,
            alamat,
            lokasi: lat.zip(lng),
        })
    })())
}

pub(crate) fn format_time(t: OffsetDateTime) -> Result<String> {
    t.format(&Rfc3339)
        .map_err(|e| StoreError::Backend(format!("waktu: {e}")))
}

pub(crate) fn pemilihan_row(r: &Row<'_>) -> rusqlite::Result<Result<Pemilihan>> {
    let id: String = r.get(0)?;
    let jenis: String = r.get(1)?;
    let wilayah: String = r.get(2)?;
    let nama: String = r.get(3)?;
    let tanggal: String = r.get(4)?;
    let dibuat: String = r.get(5)?;
    let aturan: Option<String> = r.get(6)?;
    Ok((|| {
        Ok(Pemilihan {
            aturan: aturan
                .map(|a| AturanMenang::parse(&a).ok_or_else(|| corrupt("aturan menang", &a, "?")))
                .transpose()?,
            id: Uuid::parse_str(&id).map_err(|e| corrupt("id pemilihan", &id, e))?,
            jenis: JenisPemilihan::parse(&jenis).map_err(|e| corrupt("jenis", &jenis, e))?,
            wilayah: kode(&wilayah)?,
            nama,
            tanggal: Date::parse(
                &tanggal,
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .map_err(|e| corrupt("tanggal", &tanggal, e))?,
            dibuat: OffsetDateTime::parse(&dibuat, &Rfc3339)
                .map_err(|e| corrupt("waktu", &dibuat, e))?,
        })
    })())
}

pub(crate) fn paslon_row(r: &Row<'_>) -> rusqlite::Result<Result<Paslon>> {
    let id: String = r.get(0)?;
    let nomor: i64 = r.get(1)?;
    let kepala: String = r.get(2)?;
    let wakil: String = r.get(3)?;
    Ok((|| {
        Ok(Paslon {
            pemilihan_id: Uuid::parse_str(&id).map_err(|e| corrupt("id pemilihan", &id, e))?,
            nomor_urut: u8::try_from(nomor)
                .ok()
                .and_then(|n| NomorUrut::new(n).ok())
                .ok_or_else(|| corrupt("nomor urut", &nomor.to_string(), "di luar 1–99"))?,
            calon_kepala: NamaCalon::parse_field(&kepala, "calon")
                .map_err(|e| corrupt("nama calon", &kepala, e))?,
            calon_wakil: NamaCalon::parse_field(&wakil, "wakil")
                .map_err(|e| corrupt("nama wakil", &wakil, e))?,
        })
    })())
}

pub(crate) fn count(conn: &rusqlite::Connection, table: &str) -> rusqlite::Result<u64> {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n as u64)
}
