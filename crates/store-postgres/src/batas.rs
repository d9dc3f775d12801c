//! Region boundaries for maps.

use crate::PostgresStore;
use crate::audit::catat_audit;
use crate::copy::table_count;
use crate::{backend_err, copy};
use async_trait::async_trait;
use posko_domain::peta::Batas;
use posko_domain::{Jejak, KodeWilayah};
use posko_storage::{BatasBaris, BatasStore, ImportCounts, Result, StoreError};

#[async_trait]
impl BatasStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_batas(&self, rows: &[BatasBaris], jejak: &Jejak) -> Result<ImportCounts> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        let before = table_count(&tx, "batas").await?;
        tx.batch_execute("CREATE TEMP TABLE batas_masuk (LIKE batas) ON COMMIT DROP")
            .await
            .map_err(backend_err)?;
        copy::copy_in(
            &tx,
            "COPY batas_masuk (kode, geometri, lat, lng) FROM STDIN",
            rows.iter().map(|r| {
                [
                    Some(r.batas.kode.to_string()),
                    Some(r.batas.geometri()),
                    Some(format!("{:?}", r.lat)),
                    Some(format!("{:?}", r.lng)),
                ]
            }),
        )
        .await?;
        let touched = tx
            .execute(
                "INSERT INTO batas SELECT * FROM batas_masuk
                 ON CONFLICT (kode) DO UPDATE SET
                   geometri = excluded.geometri, lat = excluded.lat, lng = excluded.lng
                 WHERE (batas.geometri, batas.lat, batas.lng)
                       IS DISTINCT FROM (excluded.geometri, excluded.lat, excluded.lng)",
                &[],
            )
            .await
            .map_err(backend_err)?;
        let after = table_count(&tx, "batas").await?;
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)?;
        Ok(ImportCounts::dari_hitungan(
            before.max(0) as u64,
            after.max(0) as u64,
            touched,
            rows.len(),
        ))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_batas_anak(&self, induk: KodeWilayah) -> Result<Vec<Batas>> {
        let c = self.conn_baca().await?;
        let rows = c
            .query(
                posko_storage::sql::pg(posko_storage::sql::DAFTAR_BATAS_ANAK),
                &[&induk.to_string()],
            )
            .await
            .map_err(backend_err)?;
        rows.iter()
            .map(|r| {
                let k: String = r.get(0);
                let g: String = r.get(1);
                let k = KodeWilayah::parse(&k)
                    .map_err(|e| StoreError::Corrupt(format!("kode batas {k}: {e}")))?;
                Batas::dari_geometri(k, &g)
                    .map_err(|e| StoreError::Corrupt(format!("batas {k}: {e}")))
            })
            .collect()
    }
}
