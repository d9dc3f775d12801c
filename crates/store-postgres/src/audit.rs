//! Appending to the hash-chained audit log on PostgreSQL.

use crate::PostgresStore;
use async_trait::async_trait;
use posko_domain::{EntriAudit, Jejak};
use posko_storage::Result;

use crate::backend_err;
use posko_storage::AuditStore;

pub(crate) fn audit_row(r: &tokio_postgres::Row) -> EntriAudit {
    EntriAudit {
        seq: r.get(0),
        waktu: r.get(1),
        aktor: r.get(2),
        aksi: r.get(3),
        entitas: r.get(4),
        entitas_id: r.get(5),
        ringkasan: r.get(6),
        hash_konten: r.get(7),
        hash_sebelum: r.get(8),
        hash: r.get(9),
    }
}

/// Appends one entry after the current head inside the caller's
/// transaction. The table lock orders concurrent writers from every
/// server into one chain (a row-level read would let two pick the same head).
pub(crate) async fn catat_audit(tx: &tokio_postgres::Transaction<'_>, jejak: &Jejak) -> Result<()> {
    tx.batch_execute("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE")
        .await
        .map_err(backend_err)?;
    let head = tx
        .query_opt(
            posko_storage::sql::pg(posko_storage::sql::AMBIL_AUDIT_TERAKHIR),
            &[],
        )
        .await
        .map_err(backend_err)?;
    let (seq, hash): (i64, String) = match head {
        Some(r) => (r.get(0), r.get(1)),
        None => (0, posko_domain::audit::HASH_AWAL.to_string()),
    };
    let e = EntriAudit::berikut(seq, &hash, posko_storage::audit_timestamp(), jejak.clone());
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::CATAT_AUDIT),
        &[
            &e.seq,
            &e.waktu,
            &e.aktor,
            &e.aksi,
            &e.entitas,
            &e.entitas_id,
            &e.ringkasan,
            &e.hash_konten,
            &e.hash_sebelum,
            &e.hash,
        ],
    )
    .await
    .map_err(backend_err)?;
    Ok(())
}

#[async_trait]
impl AuditStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_audit(
        &self,
        before: Option<i64>,
        aksi_prefix: Option<&str>,
        aktor: Option<&str>,
        limit: u32,
    ) -> Result<Vec<EntriAudit>> {
        let c = self.conn().await?;
        // starts_with, not LIKE, so '%' or '_' typed by a user mean themselves.
        Ok(c.query(
            "SELECT seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
                        hash_konten, hash_sebelum, hash
                 FROM audit_log
                 WHERE seq < $1 AND starts_with(aksi, $2) AND ($3::TEXT IS NULL OR aktor = $3)
                 ORDER BY seq DESC LIMIT $4",
            &[
                &before.unwrap_or(i64::MAX),
                &aksi_prefix.unwrap_or(""),
                &aktor,
                &i64::from(limit),
            ],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(audit_row)
        .collect())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_audit_entitas(
        &self,
        entitas: &str,
        entitas_id: &str,
        limit: u32,
    ) -> Result<Vec<EntriAudit>> {
        let c = self.conn_baca().await?;
        Ok(c.query(
            "SELECT seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
                        hash_konten, hash_sebelum, hash
                 FROM audit_log WHERE entitas = $1 AND entitas_id = $2
                 ORDER BY seq DESC LIMIT $3",
            &[&entitas, &entitas_id, &i64::from(limit)],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(audit_row)
        .collect())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_audit(&self, jejak: &Jejak) -> Result<()> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_audit(&self, after: i64, limit: u32) -> Result<Vec<EntriAudit>> {
        let c = self.conn().await?;
        Ok(c.query(
            "SELECT seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
                        hash_konten, hash_sebelum, hash
                 FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[&after, &i64::from(limit)],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(audit_row)
        .collect())
    }
}
