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
        lajur: r.get(1),
        nomor: r.get(2),
        waktu: r.get(3),
        aktor: r.get(4),
        aksi: r.get(5),
        entitas: r.get(6),
        entitas_id: r.get(7),
        ringkasan: r.get(8),
        hash_konten: r.get(9),
        hash_sebelum: r.get(10),
        hash: r.get(11),
    }
}

const COLUMNS: &str =
    "SELECT seq, lajur, nomor, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
    hash_konten, hash_sebelum, hash FROM audit_log";

/// How many lanes the audit chain (and region totals) have: rows 0..63 of
/// `audit_lajur`, made by migration 0030. More than the writing pools of a
/// few servers hold connections, so a writer rarely finds none free.
pub(crate) const LAJUR: i16 = 64;

/// Takes a lane for the caller's transaction, until it ends: the first
/// whose advisory lock (`pg_try_advisory_xact_lock(hashtext(schema), lane)`,
/// so each schema has its own lanes) nobody holds (lane 0 when writers are few, so a
/// quiet log stays one chain), without waiting for any. Every writer of
/// the audit chain or the region totals holds one, so two transactions
/// never share a lane's head or its totals rows. When all are taken, a
/// lane picked by the clock, whose rows are then waited for (still
/// correct: the head and totals rows are also locked as rows).
pub(crate) async fn ambil_lajur(tx: &deadpool_postgres::Transaction<'_>) -> Result<i16> {
    let st = tx
        .prepare_cached(
            "SELECT l::SMALLINT FROM generate_series(0, 63) l
              WHERE pg_try_advisory_xact_lock(hashtext(current_schema()), l) LIMIT 1",
        )
        .await
        .map_err(backend_err)?;
    Ok(match tx.query_opt(&st, &[]).await.map_err(backend_err)? {
        Some(r) => r.get(0),
        None => lajur_cadangan(),
    })
}

/// Appends one entry inside the caller's transaction on a lane it takes
/// ([`ambil_lajur`]).
pub(crate) async fn catat_audit(
    tx: &deadpool_postgres::Transaction<'_>,
    jejak: &Jejak,
) -> Result<()> {
    let lajur = ambil_lajur(tx).await?;
    catat_audit_di(tx, lajur, jejak).await
}

/// Appends one entry after lane `lajur`'s head (which the caller's
/// transaction holds through [`ambil_lajur`]): the head row is locked, then
/// the global sequence number taken, so within a lane `seq` grows with the
/// place.
pub(crate) async fn catat_audit_di(
    tx: &deadpool_postgres::Transaction<'_>,
    lajur: i16,
    jejak: &Jejak,
) -> Result<()> {
    let (kepala, urut) = futures::future::try_join(
        tx.prepare_cached("SELECT lajur, nomor, hash FROM audit_lajur WHERE lajur = $1 FOR UPDATE"),
        tx.prepare_cached(AMBIL_URUT),
    )
    .await
    .map_err(backend_err)?;
    // Pipelined: one round trip, executed in this order.
    let (head, seq) =
        futures::future::try_join(tx.query_opt(&kepala, &[&lajur]), tx.query_one(&urut, &[]))
            .await
            .map_err(backend_err)?;
    let Some(head) = head else {
        return Err(posko_storage::StoreError::NotFound(format!(
            "lajur jejak audit {lajur}"
        )));
    };
    let e = entri_berikut(&head, &seq, jejak.clone());
    let tulis = siapkan_tulis(tx).await?;
    tx.execute(&tulis, &e.params()).await.map_err(backend_err)?;
    Ok(())
}

/// Takes a lane as [`ambil_lajur`] does and locks its head row, in one
/// statement: `$1` is the lane to wait for when every lane is taken.
/// Returns `(lajur, nomor, hash)`, the head [`entri_berikut`] reads.
pub(crate) const AMBIL_LAJUR_DAN_KEPALA: &str = "SELECT a.lajur, a.nomor, a.hash FROM audit_lajur a
     WHERE a.lajur = COALESCE(
        (SELECT l::SMALLINT FROM generate_series(0, 63) l
          WHERE pg_try_advisory_xact_lock(hashtext(current_schema()), l) LIMIT 1),
        $1)
     FOR UPDATE";

/// The next global sequence number; taken after the lane's head is locked.
pub(crate) const AMBIL_URUT: &str = "SELECT nextval('audit_log_urut')";

/// The lane [`ambil_lajur`] falls back to when every lane is taken.
pub(crate) fn lajur_cadangan() -> i16 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    (nanos % LAJUR as u32) as i16
}

/// The entry after a locked lane head row `(lajur, nomor, hash)`, numbered
/// by a row of [`AMBIL_URUT`].
pub(crate) fn entri_berikut(
    kepala: &tokio_postgres::Row,
    urut: &tokio_postgres::Row,
    jejak: Jejak,
) -> EntriAudit {
    let (lajur, nomor, hash): (i16, i64, String) = (kepala.get(0), kepala.get(1), kepala.get(2));
    EntriAudit::berikut_lajur(
        urut.get(0),
        lajur,
        nomor,
        &hash,
        posko_storage::audit_timestamp(),
        jejak,
    )
}

/// The statement that writes an entry and moves its lane's head to it
/// (parameters: [`Tulis::params`]).
pub(crate) async fn siapkan_tulis(
    tx: &deadpool_postgres::Transaction<'_>,
) -> Result<tokio_postgres::Statement> {
    tx.prepare_cached(
        "WITH maju AS (UPDATE audit_lajur SET nomor = $3, hash = $12 WHERE lajur = $2)
         INSERT INTO audit_log (seq, lajur, nomor, waktu, aktor, aksi, entitas, entitas_id,
            ringkasan, hash_konten, hash_sebelum, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .await
    .map_err(backend_err)
}

type Param<'a> = &'a (dyn tokio_postgres::types::ToSql + Sync);

/// The parameters of an entry for the statement of [`siapkan_tulis`].
pub(crate) trait Tulis {
    fn params(&self) -> [Param<'_>; 12];
}

impl Tulis for EntriAudit {
    fn params(&self) -> [Param<'_>; 12] {
        [
            &self.seq,
            &self.lajur,
            &self.nomor,
            &self.waktu,
            &self.aktor,
            &self.aksi,
            &self.entitas,
            &self.entitas_id,
            &self.ringkasan,
            &self.hash_konten,
            &self.hash_sebelum,
            &self.hash,
        ]
    }
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
            &format!(
                "{COLUMNS}
                 WHERE seq < $1 AND starts_with(aksi, $2) AND ($3::TEXT IS NULL OR aktor = $3)
                 ORDER BY seq DESC LIMIT $4"
            ),
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
            &format!(
                "{COLUMNS} WHERE entitas = $1 AND entitas_id = $2
                 ORDER BY seq DESC LIMIT $3"
            ),
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
    async fn daftar_kepala_audit(&self) -> Result<Vec<posko_domain::KepalaLajur>> {
        let c = self.conn().await?;
        // One statement, one snapshot: a head and its lane's highest
        // place agree unless someone wrote behind Posko's back.
        c.query(
            "SELECT COALESCE(l.lajur, a.lajur), l.nomor, l.hash, a.maks
               FROM audit_lajur l
               FULL JOIN (SELECT lajur, max(nomor) AS maks FROM audit_log GROUP BY lajur) a
                 ON a.lajur = l.lajur
              ORDER BY 1",
            &[],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(|r| {
            let nomor: Option<i64> = r.get(1);
            let hash: Option<String> = r.get(2);
            Ok(posko_domain::KepalaLajur {
                lajur: r.get(0),
                kepala: nomor.zip(hash),
                nomor_tertinggi: r.get(3),
            })
        })
        .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_audit(&self, after: i64, limit: u32) -> Result<Vec<EntriAudit>> {
        let c = self.conn().await?;
        Ok(c.query(
            &format!("{COLUMNS} WHERE seq > $1 ORDER BY seq LIMIT $2"),
            &[&after, &i64::from(limit)],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(audit_row)
        .collect())
    }
}
