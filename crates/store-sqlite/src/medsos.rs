//! The social-media room on SQLite: the single writer checks the
//! election's counter and each document's version in the transaction;
//! triggers refuse any update or delete of a version.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{
    DokumenMedsos, IsiMedsos, JenisMedsos, Konflik, MedsosStore, Result, StoreError,
};
use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use crate::hasil::uuid;
use crate::{backend_err, catat_audit};

const KOLOM: &str = "SELECT id, versi, pemilihan_id, jenis, data, oleh, waktu FROM medsos_dokumen";

fn baris(r: &Row<'_>) -> rusqlite::Result<Result<DokumenMedsos>> {
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
        Ok(DokumenMedsos {
            id: uuid(&id)?,
            versi,
            pemilihan_id: uuid(&pemilihan)?,
            jenis: JenisMedsos::dari_kolom(&jenis)?,
            data,
            oleh: uuid(&oleh)?,
            waktu,
        })
    })())
}

fn nomor(conn: &Connection, pemilihan_id: Uuid) -> Result<i64> {
    Ok(conn
        .query_row(
            "SELECT nomor FROM medsos_nomor WHERE pemilihan_id = ?1",
            [pemilihan_id.to_string()],
            |r| r.get(0),
        )
        .optional()
        .map_err(backend_err)?
        .unwrap_or(0))
}

fn tulis(
    conn: &mut Connection,
    pemilihan_id: Uuid,
    dokumen: &[DokumenMedsos],
    sesudah: i64,
    jejak: Jejak,
) -> Result<i64> {
    let tx = conn.transaction().map_err(backend_err)?;
    let sekarang = nomor(&tx, pemilihan_id)?;
    if sekarang != sesudah {
        return Err(StoreError::Conflict(Konflik::MedsosBerubah(sekarang)));
    }
    for d in dokumen {
        let ada: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT versi, pemilihan_id, jenis FROM medsos_dokumen WHERE id = ?1
                 ORDER BY versi DESC LIMIT 1",
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
            return Err(StoreError::NotFound(format!("dokumen medsos {}", d.id)));
        }
        if d.pemilihan_id != pemilihan_id || d.versi != ada.map_or(0, |a| a.0) + 1 {
            return Err(StoreError::Conflict(Konflik::MedsosBerubah(sekarang)));
        }
        tx.execute(
            "INSERT INTO medsos_dokumen (id, versi, pemilihan_id, jenis, data, oleh, waktu)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
        "INSERT INTO medsos_nomor (pemilihan_id, nomor) VALUES (?1, ?2)
         ON CONFLICT (pemilihan_id) DO UPDATE SET nomor = excluded.nomor",
        params![pemilihan_id.to_string(), sekarang + 1],
    )
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(sekarang + 1)
}

fn baca(conn: &Connection, pemilihan_id: Uuid, jenis: &[JenisMedsos]) -> Result<IsiMedsos> {
    let nomor = nomor(conn, pemilihan_id)?;
    let kinds: Vec<&str> = if jenis.is_empty() {
        JenisMedsos::ALL.iter().map(|j| j.kolom()).collect()
    } else {
        jenis.iter().map(|j| j.kolom()).collect()
    };
    let mut dokumen = Vec::new();
    let mut stmt = conn
        .prepare_cached(&format!(
            "{KOLOM} d WHERE pemilihan_id = ?1 AND jenis = ?2
               AND versi = (SELECT MAX(versi) FROM medsos_dokumen WHERE id = d.id)
             ORDER BY id"
        ))
        .map_err(backend_err)?;
    for j in kinds {
        let rows = stmt
            .query_map(params![pemilihan_id.to_string(), j], baris)
            .map_err(backend_err)?;
        for r in rows {
            dokumen.push(r.map_err(backend_err)??);
        }
    }
    // UUIDv7 ids: by id is oldest first.
    dokumen.sort_by_key(|d| d.id);
    Ok(IsiMedsos { nomor, dokumen })
}

fn riwayat(conn: &Connection, id: Uuid) -> Result<Vec<DokumenMedsos>> {
    let mut stmt = conn
        .prepare_cached(&format!("{KOLOM} WHERE id = ?1 ORDER BY versi"))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([id.to_string()], baris)
        .map_err(backend_err)?;
    rows.map(|r| r.map_err(backend_err)?).collect()
}

#[async_trait]
impl MedsosStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn tulis_medsos(
        &self,
        pemilihan_id: Uuid,
        dokumen: &[DokumenMedsos],
        sesudah: i64,
        jejak: &Jejak,
    ) -> Result<i64> {
        let (dokumen, jejak) = (dokumen.to_vec(), jejak.clone());
        self.write(move |c| tulis(c, pemilihan_id, &dokumen, sesudah, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn baca_medsos(&self, pemilihan_id: Uuid, jenis: &[JenisMedsos]) -> Result<IsiMedsos> {
        let jenis = jenis.to_vec();
        self.read(move |c| baca(c, pemilihan_id, &jenis)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn riwayat_medsos(&self, id: Uuid) -> Result<Vec<DokumenMedsos>> {
        self.read(move |c| riwayat(c, id)).await
    }
}
