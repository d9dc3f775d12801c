//! Field-data quality on SQLite: a relawan's day as the checks see it,
//! and the batches held until a coordinator decides.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::mutu_lapangan::{CatatanKunjungan, CatatanPendukung, MutuCatatan, StatusBatch};
use posko_domain::{Jejak, KodeWilayah};
use posko_storage::baris::{batch_lapangan, batch_lapangan_json, bertemu, rentang_hari_wib};
use posko_storage::sql;
use posko_storage::{BatchLapangan, MutuStore, Result};
use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use crate::hasil::uuid;
use crate::{backend_err, catat_audit};

fn batch_row(r: &Row<'_>) -> rusqlite::Result<Result<BatchLapangan>> {
    let id: String = r.get(0)?;
    let (status, temuan, disetujui, sinyal): (String, String, String, String) =
        (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
    let (hari, catatan): (i64, i64) = (r.get(1)?, r.get(6)?);
    let (oleh, diputus, diperbarui): (Option<String>, Option<i64>, i64) =
        (r.get(7)?, r.get(8)?, r.get(9)?);
    Ok(uuid(&id).and_then(|id| {
        batch_lapangan(
            id, hari, &status, &temuan, &disetujui, &sinyal, catatan, oleh, diputus, diperbarui,
        )
    }))
}

fn catatan_hari(
    c: &Connection,
    relawan: Uuid,
    hari: i64,
) -> Result<(Vec<CatatanPendukung>, Vec<CatatanKunjungan>)> {
    let (awal, akhir) = rentang_hari_wib(hari);
    let id = relawan.to_string();
    let mut stmt = c
        .prepare_cached(sql::DAFTAR_CATATAN_PENDUKUNG_HARI)
        .map_err(backend_err)?;
    let pendukung = stmt
        .query_map(params![id, awal, akhir], |r| {
            Ok(CatatanPendukung {
                waktu: r.get(0)?,
                mutu: MutuCatatan(r.get::<_, i64>(1)? as u8),
            })
        })
        .map_err(backend_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)?;
    let mut stmt = c
        .prepare_cached(sql::DAFTAR_CATATAN_KUNJUNGAN_HARI)
        .map_err(backend_err)?;
    let kunjungan = stmt
        .query_map(params![id, awal, akhir], |r| {
            Ok(CatatanKunjungan {
                waktu: r.get(0)?,
                bertemu: bertemu(&r.get::<_, String>(1)?),
            })
        })
        .map_err(backend_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)?;
    Ok((pendukung, kunjungan))
}

fn ambil(c: &Connection, relawan: Uuid, hari: i64) -> Result<Option<BatchLapangan>> {
    c.query_row(
        &format!(
            "{} WHERE b.relawan_id = ?1 AND b.hari = ?2",
            sql::BATCH_LAPANGAN_COLUMNS
        ),
        params![relawan.to_string(), hari],
        batch_row,
    )
    .optional()
    .map_err(backend_err)?
    .transpose()
}

fn simpan(c: &mut Connection, b: &BatchLapangan, jejak: Jejak) -> Result<()> {
    let (temuan, disetujui, sinyal) = batch_lapangan_json(b)?;
    let tx = c.transaction().map_err(backend_err)?;
    tx.execute(
        sql::SIMPAN_BATCH_LAPANGAN,
        params![
            b.relawan_id.to_string(),
            b.hari,
            b.status.slug(),
            temuan,
            disetujui,
            sinyal,
            b.catatan as i64,
            b.diputus_oleh,
            b.diputus,
            b.diperbarui
        ],
    )
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

fn ditahan(c: &Connection, w: Option<KodeWilayah>, limit: u32) -> Result<Vec<BatchLapangan>> {
    let pola = w.map(|w| format!("{w}%")).unwrap_or_else(|| "%".into());
    let mut stmt = c
        .prepare_cached(sql::DAFTAR_BATCH_DITAHAN)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![pola, i64::from(limit)], batch_row)
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r.map_err(backend_err)??);
    }
    Ok(out)
}

fn putuskan(c: &mut Connection, b: &BatchLapangan, jejak: Jejak) -> Result<bool> {
    let (_, disetujui, sinyal) = batch_lapangan_json(b)?;
    let batal = b.status == StatusBatch::Dibatalkan;
    if batal {
        c.execute_batch("PRAGMA secure_delete = ON")
            .map_err(backend_err)?;
    }
    let hasil = (|| {
        let tx = c.transaction().map_err(backend_err)?;
        let id = b.relawan_id.to_string();
        let n = tx
            .execute(
                sql::PUTUSKAN_BATCH_LAPANGAN,
                params![
                    id,
                    b.hari,
                    b.status.slug(),
                    disetujui,
                    sinyal,
                    b.diputus_oleh,
                    b.diputus
                ],
            )
            .map_err(backend_err)?;
        if n == 0 {
            return Ok(false);
        }
        if batal {
            let (awal, akhir) = rentang_hari_wib(b.hari);
            let ids: Vec<String> = {
                let mut stmt = tx
                    .prepare_cached(sql::DAFTAR_PENDUKUNG_HARI)
                    .map_err(backend_err)?;
                stmt.query_map(params![id, awal, akhir], |r| r.get(0))
                    .map_err(backend_err)?
                    .collect::<rusqlite::Result<_>>()
                    .map_err(backend_err)?
            };
            for p in &ids {
                tx.execute(sql::HAPUS_INDEKS_NAMA_PENDUKUNG, [p])
                    .map_err(backend_err)?;
                tx.execute("DELETE FROM pendukung WHERE id = ?1", [p])
                    .map_err(backend_err)?;
            }
            tx.execute(sql::HAPUS_KUNJUNGAN_HARI, params![id, awal, akhir])
                .map_err(backend_err)?;
        }
        catat_audit(&tx, jejak)?;
        tx.commit().map_err(backend_err)?;
        Ok(true)
    })();
    if batal {
        c.execute_batch("PRAGMA secure_delete = OFF")
            .map_err(backend_err)?;
    }
    hasil
}

#[async_trait]
impl MutuStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_catatan_lapangan(
        &self,
        relawan: Uuid,
        hari: i64,
    ) -> Result<(Vec<CatatanPendukung>, Vec<CatatanKunjungan>)> {
        self.read(move |c| catatan_hari(c, relawan, hari)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_batch_lapangan(
        &self,
        relawan: Uuid,
        hari: i64,
    ) -> Result<Option<BatchLapangan>> {
        self.read(move |c| ambil(c, relawan, hari)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_batch_lapangan(&self, b: &BatchLapangan, jejak: &Jejak) -> Result<()> {
        let (b, jejak) = (b.clone(), jejak.clone());
        self.write(move |c| simpan(c, &b, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_batch_ditahan(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<BatchLapangan>> {
        self.read(move |c| ditahan(c, wilayah, limit)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn putuskan_batch_lapangan(&self, b: &BatchLapangan, jejak: &Jejak) -> Result<bool> {
        let (b, jejak) = (b.clone(), jejak.clone());
        self.write(move |c| putuskan(c, &b, jejak)).await
    }
}
