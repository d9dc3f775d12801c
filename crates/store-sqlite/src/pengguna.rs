//! Accounts and role assignments on SQLite. Called from the `Store` impl
//! in lib.rs, inside its writer/reader closures.

use posko_domain::{Cakupan, Jejak, Penugasan, Peran};
use posko_storage::{Pengguna, Result, StoreError};
use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use crate::{append_audit, backend_err, format_time};

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

pub(crate) fn create(
    conn: &mut Connection,
    p: &Pengguna,
    hash: Option<&str>,
    jejak: Jejak,
) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        "INSERT INTO pengguna (id, username, nama, password_hash, aktif, dibuat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            p.id.to_string(),
            p.username,
            p.nama,
            hash,
            p.aktif,
            format_time(p.dibuat)?
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict(format!("nama pengguna '{}'", p.username))
        }
        other => backend_err(other),
    })?;
    for t in &p.penugasan {
        insert_penugasan(&tx, p.id, t)?;
    }
    append_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

fn insert_penugasan(conn: &Connection, id: Uuid, t: &Penugasan) -> Result<usize> {
    conn.execute(
        "INSERT INTO penugasan (pengguna_id, peran, cakupan) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        params![id.to_string(), t.peran.slug(), t.cakupan.to_string()],
    )
    .map_err(backend_err)
}

fn penugasan_of(conn: &Connection, id: &str) -> Result<Vec<Penugasan>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT peran, cakupan FROM penugasan WHERE pengguna_id = ?1 ORDER BY peran, cakupan",
        )
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (peran, cakupan) = row.map_err(backend_err)?;
        out.push(Penugasan {
            peran: Peran::parse(&peran).map_err(|e| corrupt("peran", e))?,
            cakupan: Cakupan::parse(&cakupan).map_err(|e| corrupt("cakupan", e))?,
        });
    }
    Ok(out)
}

const COLUMNS: &str = "SELECT id, username, nama, aktif, dibuat, password_hash FROM pengguna";

type Row = (String, String, String, bool, String, Option<String>);

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn build(conn: &Connection, (id, username, nama, aktif, dibuat, _): Row) -> Result<Pengguna> {
    Ok(Pengguna {
        penugasan: penugasan_of(conn, &id)?,
        id: Uuid::parse_str(&id).map_err(|e| corrupt("id pengguna", e))?,
        username,
        nama,
        aktif,
        dibuat: OffsetDateTime::parse(&dibuat, &Rfc3339).map_err(|e| corrupt("waktu", e))?,
    })
}

pub(crate) fn find(
    conn: &Connection,
    by: &str,
    value: &str,
) -> Result<Option<(Pengguna, Option<String>)>> {
    let sql = match by {
        "id" => format!("{COLUMNS} WHERE id = ?1"),
        _ => format!("{COLUMNS} WHERE username = ?1"),
    };
    let found = conn
        .query_row(&sql, [value], row)
        .optional()
        .map_err(backend_err)?;
    match found {
        Some(r) => {
            let hash = r.5.clone();
            Ok(Some((build(conn, r)?, hash)))
        }
        None => Ok(None),
    }
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Pengguna>> {
    let mut stmt = conn
        .prepare(&format!("{COLUMNS} ORDER BY username"))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([], row)
        .map_err(backend_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)?;
    rows.into_iter().map(|r| build(conn, r)).collect()
}

/// Runs one statement that changes an account; audits and commits only if
/// it changed a row.
pub(crate) fn change(
    conn: &mut Connection,
    jejak: Jejak,
    f: impl FnOnce(&Connection) -> Result<usize>,
) -> Result<bool> {
    let tx = conn.transaction().map_err(backend_err)?;
    if f(&tx)? == 0 {
        return Ok(false);
    }
    append_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(true)
}

pub(crate) fn set_aktif(conn: &Connection, id: Uuid, aktif: bool) -> Result<usize> {
    conn.execute(
        "UPDATE pengguna SET aktif = ?2 WHERE id = ?1 AND aktif <> ?2",
        params![id.to_string(), aktif],
    )
    .map_err(backend_err)
}

pub(crate) fn set_hash(conn: &Connection, id: Uuid, hash: &str) -> Result<usize> {
    conn.execute(
        "UPDATE pengguna SET password_hash = ?2 WHERE id = ?1",
        params![id.to_string(), hash],
    )
    .map_err(backend_err)
}

pub(crate) fn grant(conn: &Connection, id: Uuid, t: &Penugasan) -> Result<usize> {
    let exists: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM pengguna WHERE id = ?1)",
            [id.to_string()],
            |r| r.get(0),
        )
        .map_err(backend_err)?;
    if !exists {
        return Err(StoreError::NotFound(format!("pengguna {id}")));
    }
    insert_penugasan(conn, id, t)
}

pub(crate) fn revoke(conn: &Connection, id: Uuid, t: &Penugasan) -> Result<usize> {
    conn.execute(
        "DELETE FROM penugasan WHERE pengguna_id = ?1 AND peran = ?2 AND cakupan = ?3",
        params![id.to_string(), t.peran.slug(), t.cakupan.to_string()],
    )
    .map_err(backend_err)
}
