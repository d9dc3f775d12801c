//! Canvassing visits on SQLite: the single writer runs each batch as one
//! transaction, and the primary key on the phone's id turns a resend into
//! nothing.

use posko_domain::{HasilKunjungan, Jejak, KodeTps, KodeWilayah, NomorTps, TingkatDukungan};
use posko_storage::{Kunjungan, Result, StoreError, jawaban_dari, jawaban_teks};
use rusqlite::{Connection, Row, params};
use uuid::Uuid;

use crate::hasil::uuid;
use crate::{append_audit, backend_err};

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

pub(crate) fn simpan(conn: &mut Connection, rows: &[Kunjungan], jejak: Jejak) -> Result<Vec<Uuid>> {
    let tx = conn.transaction().map_err(backend_err)?;
    let mut baru = Vec::new();
    {
        let mut stmt = tx
            .prepare_cached(
                "INSERT INTO kunjungan (id, relawan_id, kode_desa, nomor_tps, urut, hasil,
                    dukungan, jawaban, catatan, waktu, diterima)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (id) DO NOTHING",
            )
            .map_err(backend_err)?;
        for k in rows {
            let n = stmt
                .execute(params![
                    k.id.to_string(),
                    k.relawan_id.to_string(),
                    k.tps.desa().to_string(),
                    k.tps.nomor().get(),
                    k.urut,
                    k.hasil.slug(),
                    k.dukungan.map(TingkatDukungan::slug),
                    jawaban_teks(&k.jawaban),
                    k.catatan,
                    k.waktu,
                    k.diterima,
                ])
                .map_err(backend_err)?;
            if n == 1 {
                baru.push(k.id);
            }
        }
    }
    if !baru.is_empty() {
        append_audit(&tx, jejak)?;
    }
    tx.commit().map_err(backend_err)?;
    Ok(baru)
}

fn baris(r: &Row<'_>) -> rusqlite::Result<Result<Kunjungan>> {
    let id: String = r.get(0)?;
    let relawan: String = r.get(1)?;
    let desa: String = r.get(2)?;
    let nomor: u16 = r.get(3)?;
    let urut: u32 = r.get(4)?;
    let hasil: String = r.get(5)?;
    let dukungan: Option<String> = r.get(6)?;
    let jawaban: String = r.get(7)?;
    let catatan: String = r.get(8)?;
    let waktu: i64 = r.get(9)?;
    let diterima: i64 = r.get(10)?;
    Ok((|| {
        let desa = KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?;
        let nomor = NomorTps::new(nomor).map_err(|e| corrupt("nomor TPS", e))?;
        Ok(Kunjungan {
            id: uuid(&id)?,
            relawan_id: uuid(&relawan)?,
            tps: KodeTps::new(desa, nomor).map_err(|e| corrupt("TPS", e))?,
            urut,
            hasil: HasilKunjungan::parse(&hasil).map_err(|e| corrupt("hasil", e))?,
            dukungan: dukungan
                .as_deref()
                .map(TingkatDukungan::parse)
                .transpose()
                .map_err(|e| corrupt("dukungan", e))?,
            jawaban: jawaban_dari(&jawaban),
            catatan,
            waktu,
            diterima,
        })
    })())
}

pub(crate) fn per_tps(conn: &Connection, tps: KodeTps) -> Result<Vec<Kunjungan>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, relawan_id, kode_desa, nomor_tps, urut, hasil, dukungan, jawaban,
                    catatan, waktu, diterima
             FROM kunjungan WHERE kode_desa = ?1 AND nomor_tps = ?2 ORDER BY waktu, id",
        )
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![tps.desa().to_string(), tps.nomor().get()], baris)
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r.map_err(backend_err)??);
    }
    Ok(out)
}
