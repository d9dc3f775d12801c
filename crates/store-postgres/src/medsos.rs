//! The social-media room on PostgreSQL: the election's counter row is
//! moved from the value the caller read (`UPDATE … WHERE nomor = $2`),
//! so of two servers writing at once one waits on the row's lock and
//! then finds the counter moved; a trigger refuses any update or delete
//! of a version.

use crate::PostgresStore;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{
    DokumenMedsos, IsiMedsos, JenisMedsos, Konflik, MedsosStore, Result, StoreError,
};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::{backend_err, catat_audit};

const KOLOM: &str = "SELECT id, versi, pemilihan_id, jenis, data, oleh, waktu FROM medsos_dokumen";

fn baris(r: &Row) -> Result<DokumenMedsos> {
    Ok(DokumenMedsos {
        id: r.get(0),
        versi: r.get(1),
        pemilihan_id: r.get(2),
        jenis: JenisMedsos::dari_kolom(r.get(3))?,
        data: r.get(4),
        oleh: r.get(5),
        waktu: r.get(6),
    })
}

async fn nomor(c: &impl deadpool_postgres::GenericClient, pemilihan_id: Uuid) -> Result<i64> {
    Ok(c.query_opt(
        "SELECT nomor FROM medsos_nomor WHERE pemilihan_id = $1",
        &[&pemilihan_id],
    )
    .await
    .map_err(backend_err)?
    .map_or(0, |r| r.get(0)))
}

#[async_trait]
impl MedsosStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn tulis_medsos(
        &self,
        pemilihan_id: Uuid,
        dokumen: &[DokumenMedsos],
        sesudah: i64,
        jejak: &Jejak,
    ) -> Result<i64> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        // The counter row exists from an election's first write on; the
        // first two writers race on its insert, and the loser's unique
        // violation is the same conflict.
        let dipindah = if sesudah == 0 {
            tx.execute(
                "INSERT INTO medsos_nomor (pemilihan_id, nomor) VALUES ($1, 1)
                 ON CONFLICT (pemilihan_id) DO NOTHING",
                &[&pemilihan_id],
            )
            .await
            .map_err(backend_err)?
        } else {
            tx.execute(
                "UPDATE medsos_nomor SET nomor = nomor + 1 WHERE pemilihan_id = $1 AND nomor = $2",
                &[&pemilihan_id, &sesudah],
            )
            .await
            .map_err(backend_err)?
        };
        if dipindah != 1 {
            drop(tx);
            let sekarang = nomor(&self.conn_baca().await?, pemilihan_id).await?;
            return Err(StoreError::Conflict(Konflik::MedsosBerubah(sekarang)));
        }
        for d in dokumen {
            let ada = tx
                .query_opt(
                    "SELECT versi, pemilihan_id, jenis FROM medsos_dokumen WHERE id = $1
                     ORDER BY versi DESC LIMIT 1",
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
                return Err(StoreError::NotFound(format!("dokumen medsos {}", d.id)));
            }
            if d.pemilihan_id != pemilihan_id || d.versi != ada.map_or(0, |a| a.0) + 1 {
                return Err(StoreError::Conflict(Konflik::MedsosBerubah(sesudah + 1)));
            }
            tx.execute(
                "INSERT INTO medsos_dokumen (id, versi, pemilihan_id, jenis, data, oleh, waktu)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
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
        }
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)?;
        Ok(sesudah + 1)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn baca_medsos(&self, pemilihan_id: Uuid, jenis: &[JenisMedsos]) -> Result<IsiMedsos> {
        let c = self.conn_baca().await?;
        let kinds: Vec<&str> = if jenis.is_empty() {
            JenisMedsos::ALL.iter().map(|j| j.kolom()).collect()
        } else {
            jenis.iter().map(|j| j.kolom()).collect()
        };
        // The counter first: a write landing between the two reads makes
        // the documents newer than the counter, so the caller's next write
        // is refused and reads again (never older documents passed).
        let nomor = nomor(&c, pemilihan_id).await?;
        let dokumen = c
            .query(
                "SELECT DISTINCT ON (id) id, versi, pemilihan_id, jenis, data, oleh, waktu
                 FROM medsos_dokumen WHERE pemilihan_id = $1 AND jenis = ANY($2)
                 ORDER BY id, versi DESC",
                &[&pemilihan_id, &kinds],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(baris)
            .collect::<Result<Vec<_>>>()?;
        let isi = IsiMedsos { nomor, dokumen };
        Ok(isi)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn riwayat_medsos(&self, id: Uuid) -> Result<Vec<DokumenMedsos>> {
        self.conn_baca()
            .await?
            .query(&format!("{KOLOM} WHERE id = $1 ORDER BY versi"), &[&id])
            .await
            .map_err(backend_err)?
            .iter()
            .map(baris)
            .collect()
    }
}
