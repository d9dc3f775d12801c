//! Sessions and rate-limited attempts on SQLite. Called from the `Store`
//! impl in lib.rs.

use posko_domain::Jejak;
use posko_storage::{BatasPercobaan, Percobaan, Result, Sesi, StoreError};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use uuid::Uuid;

use crate::{append_audit, backend_err};

const COLUMNS: &str = "SELECT token_hash, pengguna_id, csrf, dibuat, kadaluarsa, alamat, perangkat,
    kode_dari, peramban FROM sesi";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Sesi, String, Option<String>)> {
    Ok((
        Sesi {
            token_hash: r.get(0)?,
            pengguna_id: Uuid::nil(),
            csrf: r.get(2)?,
            dibuat: r.get(3)?,
            kadaluarsa: r.get(4)?,
            alamat: r.get(5)?,
            perangkat: r.get(6)?,
            kode_dari: None,
            peramban: r.get(8)?,
        },
        r.get(1)?,
        r.get(7)?,
    ))
}

fn with_id((mut s, id, kode_dari): (Sesi, String, Option<String>)) -> Result<Sesi> {
    let parse = |t: &str| Uuid::parse_str(t).map_err(|e| StoreError::Corrupt(format!("sesi: {e}")));
    s.pengguna_id = parse(&id)?;
    s.kode_dari = kode_dari.as_deref().map(parse).transpose()?;
    Ok(s)
}

pub(crate) fn create(conn: &mut Connection, s: &Sesi, jejak: Jejak) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        "INSERT INTO sesi (token_hash, pengguna_id, csrf, dibuat, kadaluarsa, alamat, perangkat,
            kode_dari, peramban)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            s.token_hash,
            s.pengguna_id.to_string(),
            s.csrf,
            s.dibuat,
            s.kadaluarsa,
            s.alamat,
            s.perangkat,
            s.kode_dari.map(|u| u.to_string()),
            s.peramban
        ],
    )
    .map_err(backend_err)?;
    append_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn get(conn: &Connection, token_hash: &str, now: i64) -> Result<Option<Sesi>> {
    conn.prepare_cached(&format!(
        "{COLUMNS} WHERE token_hash = ?1 AND kadaluarsa > ?2"
    ))
    .map_err(backend_err)?
    .query_row(params![token_hash, now], row)
    .optional()
    .map_err(backend_err)?
    .map(with_id)
    .transpose()
}

pub(crate) fn list(conn: &Connection, pengguna_id: Uuid, now: i64) -> Result<Vec<Sesi>> {
    let mut stmt = conn
        .prepare(&format!(
            "{COLUMNS} WHERE pengguna_id = ?1 AND kadaluarsa > ?2 ORDER BY dibuat DESC, token_hash"
        ))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![pengguna_id.to_string(), now], row)
        .map_err(backend_err)?;
    rows.map(|r| with_id(r.map_err(backend_err)?)).collect()
}

pub(crate) fn delete_for(
    conn: &mut Connection,
    pengguna_id: Uuid,
    kecuali: Option<&str>,
    jejak: Jejak,
) -> Result<u64> {
    let tx = conn.transaction().map_err(backend_err)?;
    let n = tx
        .execute(
            "DELETE FROM sesi WHERE pengguna_id = ?1 AND token_hash <> COALESCE(?2, '')",
            params![pengguna_id.to_string(), kecuali],
        )
        .map_err(backend_err)?;
    append_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(n as u64)
}

/// Counts and records in one transaction. This process has one writer
/// connection, so attempts here are already serialised; `IMMEDIATE` takes
/// the file's write lock before counting, so a second process on the same
/// file cannot count between this count and this insert either.
pub(crate) fn catat_percobaan(
    conn: &mut Connection,
    p: &Percobaan,
    batas: &[BatasPercobaan],
    jejak: Option<Jejak>,
) -> Result<bool> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(backend_err)?;
    tx.prepare_cached("DELETE FROM percobaan WHERE kedaluwarsa <= ?1")
        .map_err(backend_err)?
        .execute([p.waktu])
        .map_err(backend_err)?;
    let id = p.id.to_string();
    let mut baru = Vec::new();
    for b in batas {
        let (ada, n): (bool, i64) = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM percobaan WHERE kunci = ?1 AND id = ?2),
                        (SELECT COUNT(*) FROM percobaan WHERE kunci = ?1 AND kedaluwarsa > ?3)",
            )
            .map_err(backend_err)?
            .query_row(params![b.kunci, id, p.waktu], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(backend_err)?;
        if ada {
            continue;
        }
        if n as u64 >= b.maks {
            // Dropping the transaction rolls it back: nothing recorded.
            return Ok(false);
        }
        baru.push(&b.kunci);
    }
    for k in &baru {
        tx.prepare_cached(
            "INSERT INTO percobaan (kunci, id, waktu, kedaluwarsa) VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(backend_err)?
        .execute(params![k, id, p.waktu, p.waktu + p.jendela])
        .map_err(backend_err)?;
    }
    if let (false, Some(j)) = (baru.is_empty(), jejak) {
        append_audit(&tx, j)?;
    }
    tx.commit().map_err(backend_err)?;
    Ok(true)
}

pub(crate) fn hapus_percobaan(conn: &mut Connection, id: Uuid, kunci: &[String]) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute("DELETE FROM percobaan WHERE id = ?1", [id.to_string()])
        .map_err(backend_err)?;
    for k in kunci {
        tx.execute("DELETE FROM percobaan WHERE kunci = ?1", [k])
            .map_err(backend_err)?;
    }
    tx.commit().map_err(backend_err)
}
