//! Quick count on SQLite: the one sample per election, and the current
//! results of the sampled TPS.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::hitung_cepat::Sampel;
use posko_domain::{Jejak, KodeTps};
use posko_storage::{HasilTps, Result};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::hasil::{from_json, hasil_tps, json};
use crate::{backend_err, catat_audit};
use posko_storage::HitungCepatStore;

pub(crate) fn simpan_sampel(
    conn: &mut Connection,
    pemilihan_id: Uuid,
    sampel: &Sampel,
    dibuat: i64,
    jejak: Jejak,
) -> Result<bool> {
    let tx = conn.transaction().map_err(backend_err)?;
    let n = tx
        .execute(
            posko_storage::sql::SIMPAN_SAMPEL_HITUNG_CEPAT,
            params![pemilihan_id.to_string(), json(sampel)?, dibuat],
        )
        .map_err(backend_err)?;
    if n == 0 {
        return Ok(false);
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(true)
}

pub(crate) fn sampel(conn: &Connection, pemilihan_id: Uuid) -> Result<Option<(Sampel, i64)>> {
    conn.prepare_cached(posko_storage::sql::AMBIL_SAMPEL_HITUNG_CEPAT)
        .map_err(backend_err)?
        .query_row([pemilihan_id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
        .optional()
        .map_err(backend_err)?
        .map(|(s, t)| Ok((from_json("sampel hitung cepat", &s)?, t)))
        .transpose()
}

/// One indexed lookup per TPS on a cached statement: 3,000 sampled TPS
/// take milliseconds, where scanning the election's results would not.
pub(crate) fn daftar_hasil_tps(
    conn: &Connection,
    pemilihan_id: Uuid,
    tps: &[KodeTps],
) -> Result<Vec<HasilTps>> {
    let mut out = Vec::new();
    for &t in tps {
        if let Some(h) = hasil_tps(conn, pemilihan_id, t)? {
            out.push(h);
        }
    }
    Ok(out)
}

#[async_trait]
impl HitungCepatStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_sampel(
        &self,
        pemilihan_id: Uuid,
        sampel: &Sampel,
        dibuat: i64,
        jejak: &Jejak,
    ) -> Result<bool> {
        let (sampel, jejak) = (sampel.clone(), jejak.clone());
        self.write(move |c| simpan_sampel(c, pemilihan_id, &sampel, dibuat, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_sampel(&self, pemilihan_id: Uuid) -> Result<Option<(Sampel, i64)>> {
        self.read(move |c| sampel(c, pemilihan_id)).await
    }
}
