//! Quick count on PostgreSQL: the one sample per election, and the current
//! results of the sampled TPS.

use crate::PostgresStore;
use async_trait::async_trait;
use deadpool_postgres::Object;
use posko_domain::hitung_cepat::Sampel;
use posko_domain::{Jejak, KodeTps};
use posko_storage::{HasilTps, Result};
use uuid::Uuid;

use crate::audit::catat_audit;
use crate::backend_err;
use crate::hasil::{HASIL_COLUMNS, from_json, hasil_row, json};
use posko_storage::HitungCepatStore;

pub(crate) async fn simpan_sampel(
    c: &mut Object,
    pemilihan_id: Uuid,
    sampel: &Sampel,
    dibuat: i64,
    jejak: &Jejak,
) -> Result<bool> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let n = tx
        .execute(
            posko_storage::sql::pg(posko_storage::sql::SIMPAN_SAMPEL_HITUNG_CEPAT),
            &[&pemilihan_id, &json(sampel)?, &dibuat],
        )
        .await
        .map_err(backend_err)?;
    if n == 0 {
        return Ok(false);
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(true)
}

pub(crate) async fn sampel(c: &Object, pemilihan_id: Uuid) -> Result<Option<(Sampel, i64)>> {
    c.query_opt(
        posko_storage::sql::pg(posko_storage::sql::AMBIL_SAMPEL_HITUNG_CEPAT),
        &[&pemilihan_id],
    )
    .await
    .map_err(backend_err)?
    .map(|r| {
        let s: String = r.get(0);
        Ok((from_json("sampel hitung cepat", &s)?, r.get::<_, i64>(1)))
    })
    .transpose()
}

/// One round trip for the whole sample.
pub(crate) async fn daftar_hasil_tps(
    c: &Object,
    pemilihan_id: Uuid,
    tps: &[KodeTps],
) -> Result<Vec<HasilTps>> {
    let desa: Vec<String> = tps.iter().map(|t| t.desa().to_string()).collect();
    let nomor: Vec<i16> = tps.iter().map(|t| t.nomor().get() as i16).collect();
    let rows = c
        .query(
            &format!(
                "{HASIL_COLUMNS} WHERE pemilihan_id = $1
                 AND (kode_desa, nomor_tps) IN (SELECT * FROM unnest($2::text[], $3::int2[]))"
            ),
            &[&pemilihan_id, &desa, &nomor],
        )
        .await
        .map_err(backend_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        if let Some(h) = hasil_row(r)? {
            out.push(h);
        }
    }
    Ok(out)
}

#[async_trait]
impl HitungCepatStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_sampel(
        &self,
        pemilihan_id: Uuid,
        sampel: &Sampel,
        dibuat: i64,
        jejak: &Jejak,
    ) -> Result<bool> {
        simpan_sampel(&mut self.conn().await?, pemilihan_id, sampel, dibuat, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_sampel(&self, pemilihan_id: Uuid) -> Result<Option<(Sampel, i64)>> {
        sampel(&self.conn_baca().await?, pemilihan_id).await
    }
}
