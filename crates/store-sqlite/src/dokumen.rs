//! Rooms of versioned documents on SQLite (`posko_storage::dokumen`): the
//! single writer checks the election's counter and each document's
//! version in the transaction; triggers refuse any update or delete of a
//! version.

use posko_domain::Jejak;
use posko_storage::{Dokumen, IsiRuang, JenisDokumen, Result, StoreError, Syarat};
use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use crate::backend_err;
use crate::catat_audit;
use crate::hasil::uuid;

fn kolom<J: JenisDokumen>() -> String {
    format!(
        "SELECT id, versi, pemilihan_id, jenis, data, oleh, waktu FROM {}",
        J::TABEL_DOKUMEN
    )
}

fn baris<J: JenisDokumen>(r: &Row<'_>) -> rusqlite::Result<Result<Dokumen<J>>> {
    let (id, versi, pemilihan, jenis, data, oleh, waktu): (
        String,
        i64,
        String,
        String,
        String,
        String,
        i64,
    ) = (
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    );
    Ok((|| {
        Ok(Dokumen {
            id: uuid(&id)?,
            versi,
            pemilihan_id: uuid(&pemilihan)?,
            jenis: J::dari_kolom(&jenis)?,
            data,
            oleh: uuid(&oleh)?,
            waktu,
        })
    })())
}

fn nomor<J: JenisDokumen>(conn: &Connection, pemilihan_id: Uuid) -> Result<i64> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT nomor FROM {} WHERE pemilihan_id = ?1",
                J::TABEL_NOMOR
            ),
            [pemilihan_id.to_string()],
            |r| r.get(0),
        )
        .optional()
        .map_err(backend_err)?
        .unwrap_or(0))
}

pub(crate) fn tulis<J: JenisDokumen>(
    conn: &mut Connection,
    pemilihan_id: Uuid,
    dokumen: &[Dokumen<J>],
    syarat: Syarat,
    jejak: Jejak,
) -> Result<i64> {
    let tx = conn.transaction().map_err(backend_err)?;
    let sekarang = nomor::<J>(&tx, pemilihan_id)?;
    if let Syarat::Sesudah(sesudah) = syarat
        && sekarang != sesudah
    {
        return Err(posko_storage::dokumen::berubah(sekarang));
    }
    for d in dokumen {
        let ada: Option<(i64, String, String)> = tx
            .query_row(
                &format!(
                    "SELECT versi, pemilihan_id, jenis FROM {} WHERE id = ?1
                     ORDER BY versi DESC LIMIT 1",
                    J::TABEL_DOKUMEN
                ),
                [d.id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(backend_err)?;
        if let Some((_, p, j)) = &ada
            && (*p != pemilihan_id.to_string()
                || d.pemilihan_id != pemilihan_id
                || j != d.jenis.kolom())
        {
            return Err(StoreError::NotFound(format!("dokumen {}", d.id)));
        }
        if d.pemilihan_id != pemilihan_id || d.versi != ada.map_or(0, |a| a.0) + 1 {
            return Err(posko_storage::dokumen::berubah(sekarang));
        }
        tx.execute(
            &format!(
                "INSERT INTO {} (id, versi, pemilihan_id, jenis, data, oleh, waktu)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                J::TABEL_DOKUMEN
            ),
            params![
                d.id.to_string(),
                d.versi,
                pemilihan_id.to_string(),
                d.jenis.kolom(),
                d.data,
                d.oleh.to_string(),
                d.waktu,
            ],
        )
        .map_err(backend_err)?;
    }
    tx.execute(
        &format!(
            "INSERT INTO {} (pemilihan_id, nomor) VALUES (?1, ?2)
             ON CONFLICT (pemilihan_id) DO UPDATE SET nomor = excluded.nomor",
            J::TABEL_NOMOR
        ),
        params![pemilihan_id.to_string(), sekarang + 1],
    )
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(sekarang + 1)
}

pub(crate) fn baca<J: JenisDokumen>(
    conn: &Connection,
    pemilihan_id: Uuid,
    jenis: &[J],
) -> Result<IsiRuang<J>> {
    let nomor = nomor::<J>(conn, pemilihan_id)?;
    let kinds: Vec<&str> = if jenis.is_empty() { J::ALL } else { jenis }
        .iter()
        .map(|j| j.kolom())
        .collect();
    let mut dokumen = Vec::new();
    let mut stmt = conn
        .prepare_cached(&format!(
            "{} d WHERE pemilihan_id = ?1 AND jenis = ?2
               AND versi = (SELECT MAX(versi) FROM {} WHERE id = d.id)
             ORDER BY id",
            kolom::<J>(),
            J::TABEL_DOKUMEN
        ))
        .map_err(backend_err)?;
    for j in kinds {
        let rows = stmt
            .query_map(params![pemilihan_id.to_string(), j], baris::<J>)
            .map_err(backend_err)?;
        for r in rows {
            dokumen.push(r.map_err(backend_err)??);
        }
    }
    // UUIDv7 ids: by id is oldest first.
    dokumen.sort_by_key(|d| d.id);
    Ok(IsiRuang { nomor, dokumen })
}

pub(crate) fn riwayat<J: JenisDokumen>(conn: &Connection, id: Uuid) -> Result<Vec<Dokumen<J>>> {
    let mut stmt = conn
        .prepare_cached(&format!("{} WHERE id = ?1 ORDER BY versi", kolom::<J>()))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([id.to_string()], baris::<J>)
        .map_err(backend_err)?;
    rows.map(|r| r.map_err(backend_err)?).collect()
}
