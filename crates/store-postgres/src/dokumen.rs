//! Rooms of versioned documents on PostgreSQL (`posko_storage::dokumen`):
//! the election's counter row is moved from the value the caller read
//! (`UPDATE … WHERE nomor = $2`), so of two servers writing at once one
//! waits on the row's lock and then finds the counter moved; an append
//! (`Syarat::Tambah`) moves it whatever it was. A trigger refuses any
//! update or delete of a version.

use crate::PostgresStore;
use posko_domain::Jejak;
use posko_storage::dokumen::berubah;
use posko_storage::{Dokumen, IsiRuang, JenisDokumen, Result, StoreError, Syarat};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::{backend_err, catat_audit};

fn baris<J: JenisDokumen>(r: &Row) -> Result<Dokumen<J>> {
    Ok(Dokumen {
        id: r.get(0),
        versi: r.get(1),
        pemilihan_id: r.get(2),
        jenis: J::dari_kolom(r.get(3))?,
        data: r.get(4),
        oleh: r.get(5),
        waktu: r.get(6),
    })
}

async fn nomor<J: JenisDokumen>(
    c: &impl deadpool_postgres::GenericClient,
    pemilihan_id: Uuid,
) -> Result<i64> {
    Ok(c.query_opt(
        &format!(
            "SELECT nomor FROM {} WHERE pemilihan_id = $1",
            J::TABEL_NOMOR
        ),
        &[&pemilihan_id],
    )
    .await
    .map_err(backend_err)?
    .map_or(0, |r| r.get(0)))
}

pub(crate) async fn tulis<J: JenisDokumen>(
    store: &PostgresStore,
    pemilihan_id: Uuid,
    dokumen: &[Dokumen<J>],
    syarat: Syarat,
    jejak: &Jejak,
) -> Result<i64> {
    let mut c = store.conn().await?;
    let tx = c.transaction().await.map_err(backend_err)?;
    let dipindah = match syarat {
        // The counter row exists from an election's first write on; the
        // first two writers race on its insert, and the loser's unique
        // violation is the same conflict.
        Syarat::Sesudah(0) => tx
            .query_opt(
                &format!(
                    "INSERT INTO {} (pemilihan_id, nomor) VALUES ($1, 1)
                     ON CONFLICT (pemilihan_id) DO NOTHING RETURNING nomor",
                    J::TABEL_NOMOR
                ),
                &[&pemilihan_id],
            )
            .await
            .map_err(backend_err)?,
        Syarat::Sesudah(sesudah) => tx
            .query_opt(
                &format!(
                    "UPDATE {} SET nomor = nomor + 1 WHERE pemilihan_id = $1 AND nomor = $2
                     RETURNING nomor",
                    J::TABEL_NOMOR
                ),
                &[&pemilihan_id, &sesudah],
            )
            .await
            .map_err(backend_err)?,
        Syarat::Tambah => tx
            .query_opt(
                &format!(
                    "INSERT INTO {} (pemilihan_id, nomor) VALUES ($1, 1)
                     ON CONFLICT (pemilihan_id) DO UPDATE SET nomor = {0}.nomor + 1
                     RETURNING nomor",
                    J::TABEL_NOMOR
                ),
                &[&pemilihan_id],
            )
            .await
            .map_err(backend_err)?,
    };
    let Some(baru) = dipindah.map(|r| r.get::<_, i64>(0)) else {
        drop(tx);
        let sekarang = nomor::<J>(&store.conn_baca().await?, pemilihan_id).await?;
        return Err(berubah(sekarang));
    };
    for d in dokumen {
        let ada = tx
            .query_opt(
                &format!(
                    "SELECT versi, pemilihan_id, jenis FROM {} WHERE id = $1
                     ORDER BY versi DESC LIMIT 1",
                    J::TABEL_DOKUMEN
                ),
                &[&d.id],
            )
            .await
            .map_err(backend_err)?
            .map(|r| {
                (
                    r.get::<_, i64>(0),
                    r.get::<_, Uuid>(1),
                    r.get::<_, String>(2),
                )
            });
        if let Some((_, p, j)) = &ada
            && (*p != pemilihan_id || d.pemilihan_id != pemilihan_id || j != d.jenis.kolom())
        {
            return Err(StoreError::NotFound(format!("dokumen {}", d.id)));
        }
        if d.pemilihan_id != pemilihan_id || d.versi != ada.map_or(0, |a| a.0) + 1 {
            return Err(berubah(baru));
        }
        // Two appends of one id race past the check above; the primary
        // key refuses the second, which is the same conflict.
        let n = tx
            .execute(
                &format!(
                    "INSERT INTO {} (id, versi, pemilihan_id, jenis, data, oleh, waktu)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id, versi) DO NOTHING",
                    J::TABEL_DOKUMEN
                ),
                &[
                    &d.id,
                    &d.versi,
                    &pemilihan_id,
                    &d.jenis.kolom(),
                    &d.data,
                    &d.oleh,
                    &d.waktu,
                ],
            )
            .await
            .map_err(backend_err)?;
        if n != 1 {
            return Err(berubah(baru));
        }
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(baru)
}

pub(crate) async fn baca<J: JenisDokumen>(
    store: &PostgresStore,
    pemilihan_id: Uuid,
    jenis: &[J],
) -> Result<IsiRuang<J>> {
    let c = store.conn_baca().await?;
    let kinds: Vec<&str> = if jenis.is_empty() { J::ALL } else { jenis }
        .iter()
        .map(|j| j.kolom())
        .collect();
    // The counter first: a write landing between the two reads makes
    // the documents newer than the counter, so the caller's next write
    // is refused and reads again (never older documents passed).
    let nomor = nomor::<J>(&c, pemilihan_id).await?;
    let dokumen = c
        .query(
            &format!(
                "SELECT DISTINCT ON (id) id, versi, pemilihan_id, jenis, data, oleh, waktu
                 FROM {} WHERE pemilihan_id = $1 AND jenis = ANY($2)
                 ORDER BY id, versi DESC",
                J::TABEL_DOKUMEN
            ),
            &[&pemilihan_id, &kinds],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(baris::<J>)
        .collect::<Result<Vec<_>>>()?;
    Ok(IsiRuang { nomor, dokumen })
}

pub(crate) async fn riwayat<J: JenisDokumen>(
    store: &PostgresStore,
    id: Uuid,
) -> Result<Vec<Dokumen<J>>> {
    store
        .conn_baca()
        .await?
        .query(
            &format!(
                "SELECT id, versi, pemilihan_id, jenis, data, oleh, waktu FROM {}
                 WHERE id = $1 ORDER BY versi",
                J::TABEL_DOKUMEN
            ),
            &[&id],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(baris::<J>)
        .collect()
}
