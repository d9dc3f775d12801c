//! Field-data quality on PostgreSQL: a relawan's day as the checks see
//! it, and the batches held until a coordinator decides.

use crate::PostgresStore;
use async_trait::async_trait;
use posko_domain::mutu_lapangan::{CatatanKunjungan, CatatanPendukung, MutuCatatan, StatusBatch};
use posko_domain::{Jejak, KodeWilayah};
use posko_storage::baris::{batch_lapangan, batch_lapangan_json, bertemu, rentang_hari_wib};
use posko_storage::sql::{self, pg};
use posko_storage::{BatchLapangan, MutuStore, Result};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::{backend_err, catat_audit};

fn batch_row(r: &Row) -> Result<BatchLapangan> {
    let (status, temuan, disetujui, sinyal): (String, String, String, String) =
        (r.get(2), r.get(3), r.get(4), r.get(5));
    batch_lapangan(
        r.get(0),
        r.get(1),
        &status,
        &temuan,
        &disetujui,
        &sinyal,
        r.get(6),
        r.get(7),
        r.get(8),
        r.get(9),
    )
}

#[async_trait]
impl MutuStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_catatan_lapangan(
        &self,
        relawan: Uuid,
        hari: i64,
    ) -> Result<(Vec<CatatanPendukung>, Vec<CatatanKunjungan>)> {
        let c = self.conn_baca().await?;
        let (awal, akhir) = rentang_hari_wib(hari);
        let pendukung = c
            .query(
                pg(sql::DAFTAR_CATATAN_PENDUKUNG_HARI),
                &[&relawan, &awal, &akhir],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(|r| CatatanPendukung {
                waktu: r.get(0),
                mutu: MutuCatatan(r.get::<_, i32>(1) as u8),
            })
            .collect();
        let kunjungan = c
            .query(
                pg(sql::DAFTAR_CATATAN_KUNJUNGAN_HARI),
                &[&relawan, &awal, &akhir],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(|r| CatatanKunjungan {
                waktu: r.get(0),
                bertemu: bertemu(r.get::<_, &str>(1)),
            })
            .collect();
        Ok((pendukung, kunjungan))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_batch_lapangan(
        &self,
        relawan: Uuid,
        hari: i64,
    ) -> Result<Option<BatchLapangan>> {
        self.conn_baca()
            .await?
            .query_opt(
                &format!(
                    "{} WHERE b.relawan_id = $1 AND b.hari = $2",
                    sql::BATCH_LAPANGAN_COLUMNS
                ),
                &[&relawan, &hari],
            )
            .await
            .map_err(backend_err)?
            .map(|r| batch_row(&r))
            .transpose()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_batch_lapangan(&self, b: &BatchLapangan, jejak: &Jejak) -> Result<()> {
        let (temuan, disetujui, sinyal) = batch_lapangan_json(b)?;
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        tx.execute(
            pg(sql::SIMPAN_BATCH_LAPANGAN),
            &[
                &b.relawan_id,
                &b.hari,
                &b.status.slug(),
                &temuan,
                &disetujui,
                &sinyal,
                &(b.catatan as i64),
                &b.diputus_oleh,
                &b.diputus,
                &b.diperbarui,
            ],
        )
        .await
        .map_err(backend_err)?;
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_batch_ditahan(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<BatchLapangan>> {
        let pola = wilayah
            .map(|w| format!("{w}%"))
            .unwrap_or_else(|| "%".into());
        self.conn_baca()
            .await?
            .query(pg(sql::DAFTAR_BATCH_DITAHAN), &[&pola, &i64::from(limit)])
            .await
            .map_err(backend_err)?
            .iter()
            .map(batch_row)
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn putuskan_batch_lapangan(&self, b: &BatchLapangan, jejak: &Jejak) -> Result<bool> {
        let (_, disetujui, sinyal) = batch_lapangan_json(b)?;
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        let n = tx
            .execute(
                pg(sql::PUTUSKAN_BATCH_LAPANGAN),
                &[
                    &b.relawan_id,
                    &b.hari,
                    &b.status.slug(),
                    &disetujui,
                    &sinyal,
                    &b.diputus_oleh,
                    &b.diputus,
                ],
            )
            .await
            .map_err(backend_err)?;
        if n == 0 {
            return Ok(false);
        }
        if b.status == StatusBatch::Dibatalkan {
            let (awal, akhir) = rentang_hari_wib(b.hari);
            let ids: Vec<Uuid> = tx
                .query(
                    pg(sql::DAFTAR_PENDUKUNG_HARI),
                    &[&b.relawan_id, &awal, &akhir],
                )
                .await
                .map_err(backend_err)?
                .iter()
                .map(|r| r.get(0))
                .collect();
            tx.execute(
                "DELETE FROM pendukung_nama_indeks WHERE pendukung_id = ANY($1)",
                &[&ids],
            )
            .await
            .map_err(backend_err)?;
            tx.execute("DELETE FROM pendukung WHERE id = ANY($1)", &[&ids])
                .await
                .map_err(backend_err)?;
            tx.execute(
                pg(sql::HAPUS_KUNJUNGAN_HARI),
                &[&b.relawan_id, &awal, &akhir],
            )
            .await
            .map_err(backend_err)?;
        }
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)?;
        Ok(true)
    }
}
