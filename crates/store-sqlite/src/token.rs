//! API tokens on SQLite.

use posko_domain::{Cakupan, Jejak, Penugasan, Peran};
use posko_storage::{Result, StoreError, TokenApi};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::{backend_err, catat_audit};

const COLUMNS: &str =
    "SELECT id, nama, token_hash, peran, cakupan, dibuat, dicabut, terakhir_dipakai FROM token_api";

type Raw = (
    String,
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn build(
    (id, nama, token_hash, peran, cakupan, dibuat, dicabut, terakhir): Raw,
) -> Result<TokenApi> {
    let corrupt = |e: String| StoreError::Corrupt(format!("token {id}: {e}"));
    Ok(TokenApi {
        id: Uuid::parse_str(&id).map_err(|e| corrupt(e.to_string()))?,
        nama,
        token_hash,
        penugasan: Penugasan {
            peran: Peran::parse(&peran).map_err(|e| corrupt(e.to_string()))?,
            cakupan: Cakupan::parse(&cakupan).map_err(|e| corrupt(e.to_string()))?,
        },
        dibuat,
        dicabut,
        terakhir_dipakai: terakhir,
    })
}

pub(crate) fn create(conn: &mut Connection, t: &TokenApi, jejak: Jejak) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::SIMPAN_TOKEN_API,
        params![
            t.id.to_string(),
            t.nama,
            t.token_hash,
            t.penugasan.peran.slug(),
            t.penugasan.cakupan.to_string(),
            t.dibuat
        ],
    )
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn find_active(conn: &Connection, hash: &str) -> Result<Option<TokenApi>> {
    conn.prepare_cached(&format!(
        "{COLUMNS} WHERE token_hash = ?1 AND dicabut IS NULL"
    ))
    .map_err(backend_err)?
    .query_row([hash], raw)
    .optional()
    .map_err(backend_err)?
    .map(build)
    .transpose()
}

pub(crate) fn touch(conn: &Connection, hash: &str, now: i64) -> Result<()> {
    conn.execute(
        posko_storage::sql::CATAT_TOKEN_API_DIPAKAI,
        params![hash, now],
    )
    .map_err(backend_err)?;
    Ok(())
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<TokenApi>> {
    let mut stmt = conn
        .prepare(&format!("{COLUMNS} ORDER BY dibuat, id"))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([], raw)
        .map_err(backend_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)?;
    rows.into_iter().map(build).collect()
}

pub(crate) fn hapus_penugasan(conn: &Connection, id: Uuid, now: i64) -> Result<usize> {
    conn.execute(
        posko_storage::sql::CABUT_TOKEN_API,
        params![id.to_string(), now],
    )
    .map_err(backend_err)
}
