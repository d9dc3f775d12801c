//! The hash-chained audit log on SQLite.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::{EntriAudit, Jejak};
use posko_storage::Result;
use rusqlite::{Connection, OptionalExtension, params};

use crate::backend_err;
use posko_storage::AuditStore;

const COLUMNS: &str = "SELECT seq, 0, seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
    hash_konten, hash_sebelum, hash FROM audit_log";

pub(crate) fn list(c: &Connection, after: i64, limit: u32) -> Result<Vec<EntriAudit>> {
    query(
        c,
        &format!("{COLUMNS} WHERE seq > ?1 ORDER BY seq LIMIT ?2"),
        params![after, limit],
    )
}

pub(crate) fn search(
    c: &Connection,
    before: Option<i64>,
    aksi_prefix: Option<&str>,
    aktor: Option<&str>,
    limit: u32,
) -> Result<Vec<EntriAudit>> {
    // Prefix match by range, not LIKE, so '%' or '_' typed by a user mean
    // themselves.
    let (lo, hi) = match aksi_prefix {
        Some(p) => (p.to_string(), format!("{p}\u{10ffff}")),
        None => (String::new(), "\u{10ffff}".to_string()),
    };
    query(
        c,
        &format!(
            "{COLUMNS} WHERE seq < ?1 AND aksi >= ?2 AND aksi < ?3 AND (?4 IS NULL OR aktor = ?4)
             ORDER BY seq DESC LIMIT ?5"
        ),
        params![before.unwrap_or(i64::MAX), lo, hi, aktor, limit],
    )
}

pub(crate) fn entitas(
    c: &Connection,
    entitas: &str,
    entitas_id: &str,
    limit: u32,
) -> Result<Vec<EntriAudit>> {
    query(
        c,
        &format!("{COLUMNS} WHERE entitas = ?1 AND entitas_id = ?2 ORDER BY seq DESC LIMIT ?3"),
        params![entitas, entitas_id, limit],
    )
}

fn query(c: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Vec<EntriAudit>> {
    let mut stmt = c.prepare_cached(sql).map_err(backend_err)?;
    let rows = stmt
        .query_map(args, |r| {
            Ok(EntriAudit {
                seq: r.get(0)?,
                lajur: r.get(1)?,
                nomor: r.get(2)?,
                waktu: r.get(3)?,
                aktor: r.get(4)?,
                aksi: r.get(5)?,
                entitas: r.get(6)?,
                entitas_id: r.get(7)?,
                ringkasan: r.get(8)?,
                hash_konten: r.get(9)?,
                hash_sebelum: r.get(10)?,
                hash: r.get(11)?,
            })
        })
        .map_err(backend_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)
}

/// Appends one entry after the current head, inside the caller's
/// transaction; the single writer connection makes the head stable.
pub(crate) fn catat_audit(conn: &Connection, jejak: Jejak) -> Result<()> {
    let (seq, hash) = conn
        .query_row(posko_storage::sql::AMBIL_AUDIT_TERAKHIR, [], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .optional()
        .map_err(backend_err)?
        .unwrap_or_else(|| (0, posko_domain::audit::HASH_AWAL.to_string()));
    let e = EntriAudit::berikut(seq, &hash, posko_storage::audit_timestamp(), jejak);
    conn.execute(
        posko_storage::sql::CATAT_AUDIT,
        params![
            e.seq,
            e.waktu,
            e.aktor,
            e.aksi,
            e.entitas,
            e.entitas_id,
            e.ringkasan,
            e.hash_konten,
            e.hash_sebelum,
            e.hash
        ],
    )
    .map_err(backend_err)?;
    Ok(())
}

#[async_trait]
impl AuditStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_audit(&self, jejak: &Jejak) -> Result<()> {
        let jejak = jejak.clone();
        self.write(move |conn| {
            let tx = conn.transaction().map_err(backend_err)?;
            catat_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_audit(&self, after: i64, limit: u32) -> Result<Vec<EntriAudit>> {
        self.read(move |c| list(c, after, limit)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kepala_audit(&self) -> Result<Vec<posko_domain::KepalaLajur>> {
        // One writer, one chain: lane 0, its head the last entry.
        self.read(|c| {
            let head = c
                .query_row(posko_storage::sql::AMBIL_AUDIT_TERAKHIR, [], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
                })
                .optional()
                .map_err(backend_err)?;
            Ok(vec![posko_domain::KepalaLajur {
                lajur: 0,
                nomor_tertinggi: head.as_ref().map(|h| h.0),
                kepala: Some(
                    head.unwrap_or_else(|| (0, posko_domain::audit::HASH_AWAL.to_string())),
                ),
            }])
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_audit(
        &self,
        before: Option<i64>,
        aksi_prefix: Option<&str>,
        aktor: Option<&str>,
        limit: u32,
    ) -> Result<Vec<EntriAudit>> {
        let (aksi, aktor) = (aksi_prefix.map(str::to_string), aktor.map(str::to_string));
        self.read(move |c| search(c, before, aksi.as_deref(), aktor.as_deref(), limit))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_audit_entitas(
        &self,
        entitas: &str,
        entitas_id: &str,
        limit: u32,
    ) -> Result<Vec<EntriAudit>> {
        let (e, id) = (entitas.to_string(), entitas_id.to_string());
        self.read(move |c| self::entitas(c, &e, &id, limit)).await
    }
}
