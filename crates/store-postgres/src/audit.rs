//! Appending to the hash-chained audit log on PostgreSQL.

use posko_domain::{EntriAudit, Jejak};
use posko_storage::Result;

use crate::backend_err;

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
pub(crate) async fn append_audit(
    tx: &tokio_postgres::Transaction<'_>,
    jejak: &Jejak,
) -> Result<()> {
    tx.batch_execute("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE")
        .await
        .map_err(backend_err)?;
    let head = tx
        .query_opt(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
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
        "INSERT INTO audit_log (seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
                                hash_konten, hash_sebelum, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
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
