//! Region boundaries for maps.

use crate::SqliteStore;
use crate::audit::catat_audit;
use crate::rows::collect;
use crate::rows::count;
use crate::{backend_err, rows};
use async_trait::async_trait;
use posko_domain::peta::Batas;
use posko_domain::{Jejak, KodeWilayah};
use posko_storage::{BatasBaris, BatasStore, ImportCounts, Result, StoreError};
use rusqlite::params;

#[async_trait]
impl BatasStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_batas(&self, rows: &[BatasBaris], jejak: &Jejak) -> Result<ImportCounts> {
        let rows: Vec<(String, String, f64, f64)> = rows
            .iter()
            .map(|r| (r.batas.kode.to_string(), r.batas.geometri(), r.lat, r.lng))
            .collect();
        let jejak = jejak.clone();
        self.write(move |conn| {
            let tx = conn.transaction().map_err(backend_err)?;
            let before = count(&tx, "batas").map_err(backend_err)?;
            let mut touched = 0u64;
            {
                let mut stmt = tx
                    .prepare(
                        "INSERT INTO batas (kode, geometri, lat, lng) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (kode) DO UPDATE SET
                           geometri = excluded.geometri, lat = excluded.lat, lng = excluded.lng
                         WHERE batas.geometri IS NOT excluded.geometri
                            OR batas.lat IS NOT excluded.lat OR batas.lng IS NOT excluded.lng",
                    )
                    .map_err(backend_err)?;
                for (kode, geometri, lat, lng) in &rows {
                    touched += stmt
                        .execute(params![kode, geometri, lat, lng])
                        .map_err(|e| StoreError::Backend(format!("batas {kode}: {e}")))?
                        as u64;
                }
            }
            let after = count(&tx, "batas").map_err(backend_err)?;
            catat_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)?;
            Ok(ImportCounts::dari_hitungan(
                before,
                after,
                touched,
                rows.len(),
            ))
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_batas_anak(&self, induk: KodeWilayah) -> Result<Vec<Batas>> {
        self.read(move |c| {
            let mut stmt = c
                .prepare_cached(posko_storage::sql::DAFTAR_BATAS_ANAK)
                .map_err(backend_err)?;
            collect(
                stmt.query_map([induk.to_string()], |r| {
                    let k: String = r.get(0)?;
                    let g: String = r.get(1)?;
                    Ok(rows::kode(&k).and_then(|k| {
                        Batas::dari_geometri(k, &g)
                            .map_err(|e| StoreError::Corrupt(format!("batas {k}: {e}")))
                    }))
                })
                .map_err(backend_err)?,
            )
        })
        .await
    }
}
