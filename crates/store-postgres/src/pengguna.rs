//! Accounts and role assignments on PostgreSQL. Called from the `Store`
//! impl in lib.rs.

use deadpool_postgres::Object;
use posko_domain::{Cakupan, Jejak, Penugasan, Peran};
use posko_storage::{Pengguna, Result, StoreError};
use tokio_postgres::{GenericClient, Transaction};
use uuid::Uuid;

use crate::{append_audit, backend_err};

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

pub(crate) async fn create(
    c: &mut Object,
    p: &Pengguna,
    hash: Option<&str>,
    jejak: &Jejak,
) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute(
        "INSERT INTO pengguna (id, username, nama, password_hash, aktif, dibuat)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[&p.id, &p.username, &p.nama, &hash, &p.aktif, &p.dibuat],
    )
    .await
    .map_err(|e| match backend_err(e) {
        StoreError::Conflict(_) => StoreError::Conflict(format!("nama pengguna '{}'", p.username)),
        other => other,
    })?;
    for t in &p.penugasan {
        insert_penugasan(&tx, p.id, t).await?;
    }
    append_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

async fn insert_penugasan(tx: &Transaction<'_>, id: Uuid, t: &Penugasan) -> Result<u64> {
    tx.execute(
        "INSERT INTO penugasan (pengguna_id, peran, cakupan) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
        &[&id, &t.peran.slug(), &t.cakupan.to_string()],
    )
    .await
    .map_err(backend_err)
}

async fn penugasan_of(c: &impl GenericClient, id: Uuid) -> Result<Vec<Penugasan>> {
    c.query(
        "SELECT peran, cakupan FROM penugasan WHERE pengguna_id = $1 ORDER BY peran, cakupan",
        &[&id],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| {
        Ok(Penugasan {
            peran: Peran::parse(r.get(0)).map_err(|e| corrupt("peran", e))?,
            cakupan: Cakupan::parse(r.get(1)).map_err(|e| corrupt("cakupan", e))?,
        })
    })
    .collect()
}

const COLUMNS: &str = "SELECT id, username, nama, aktif, dibuat, password_hash FROM pengguna";

async fn build(c: &impl GenericClient, r: &tokio_postgres::Row) -> Result<Pengguna> {
    let id: Uuid = r.get(0);
    Ok(Pengguna {
        id,
        username: r.get(1),
        nama: r.get(2),
        aktif: r.get(3),
        dibuat: r.get(4),
        penugasan: penugasan_of(c, id).await?,
    })
}

pub(crate) async fn find_by_id(c: &Object, id: Uuid) -> Result<Option<Pengguna>> {
    match c
        .query_opt(&format!("{COLUMNS} WHERE id = $1"), &[&id])
        .await
        .map_err(backend_err)?
    {
        Some(r) => Ok(Some(build(&***c, &r).await?)),
        None => Ok(None),
    }
}

pub(crate) async fn find_login(
    c: &Object,
    username: &str,
) -> Result<Option<(Pengguna, Option<String>)>> {
    match c
        .query_opt(&format!("{COLUMNS} WHERE username = $1"), &[&username])
        .await
        .map_err(backend_err)?
    {
        Some(r) => Ok(Some((build(&***c, &r).await?, r.get(5)))),
        None => Ok(None),
    }
}

pub(crate) async fn list(c: &Object) -> Result<Vec<Pengguna>> {
    let rows = c
        .query(&format!("{COLUMNS} ORDER BY username"), &[])
        .await
        .map_err(backend_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(build(&***c, r).await?);
    }
    Ok(out)
}

/// What one account change does, as SQL and parameters.
pub(crate) enum Change {
    Aktif(bool),
    Hash(String),
    Grant(Penugasan),
    Revoke(Penugasan),
}

/// Applies one change; audits and commits only if it changed a row.
pub(crate) async fn change(c: &mut Object, id: Uuid, what: Change, jejak: &Jejak) -> Result<bool> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let n = match &what {
        Change::Aktif(a) => tx
            .execute(
                "UPDATE pengguna SET aktif = $2 WHERE id = $1 AND aktif <> $2",
                &[&id, a],
            )
            .await
            .map_err(backend_err)?,
        Change::Hash(h) => tx
            .execute(
                "UPDATE pengguna SET password_hash = $2 WHERE id = $1",
                &[&id, h],
            )
            .await
            .map_err(backend_err)?,
        Change::Grant(t) => {
            let exists = tx
                .query_opt("SELECT 1 FROM pengguna WHERE id = $1", &[&id])
                .await
                .map_err(backend_err)?
                .is_some();
            if !exists {
                return Err(StoreError::NotFound(format!("pengguna {id}")));
            }
            insert_penugasan(&tx, id, t).await?
        }
        Change::Revoke(t) => tx
            .execute(
                "DELETE FROM penugasan WHERE pengguna_id = $1 AND peran = $2 AND cakupan = $3",
                &[&id, &t.peran.slug(), &t.cakupan.to_string()],
            )
            .await
            .map_err(backend_err)?,
    };
    if n == 0 {
        return Ok(false);
    }
    append_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(true)
}
