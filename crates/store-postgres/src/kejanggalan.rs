//! The review queue on PostgreSQL: photo dHashes and decisions on flags.

use crate::PostgresStore;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::baris::{from_json, kode_tps, rusak};
use posko_storage::kejanggalan::{FotoHasil, Keputusan, KeputusanKejanggalan};
use posko_storage::sql::pg;
use posko_storage::{KejanggalanStore, Result};
use std::collections::HashMap;
use uuid::Uuid;

use crate::audit::catat_audit;
use crate::backend_err;

#[async_trait]
impl KejanggalanStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_dhash_foto(&self, sha256: &str, dhash: &str) -> Result<()> {
        self.conn()
            .await?
            .execute(
                pg(posko_storage::sql::SIMPAN_DHASH_FOTO),
                &[&sha256, &dhash],
            )
            .await
            .map_err(backend_err)?;
        Ok(())
    }

    /// Two round trips: the photo lists, then the dHashes of the photos
    /// named in them.
    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_foto_pemilihan(&self, pemilihan_id: Uuid) -> Result<Vec<FotoHasil>> {
        let c = self.conn_baca().await?;
        let rows = c
            .query(
                pg(posko_storage::sql::FOTO_KIRIMAN_PEMILIHAN),
                &[&pemilihan_id],
            )
            .await
            .map_err(backend_err)?;
        let mut out: Vec<FotoHasil> = Vec::new();
        for r in &rows {
            let desa: String = r.get(0);
            let tps = kode_tps(&desa, i64::from(r.get::<_, i16>(1)))?;
            for sha in from_json::<Vec<String>>("foto", r.get::<_, &str>(2))? {
                if out
                    .iter()
                    .rev()
                    .take_while(|f| f.tps == tps)
                    .any(|f| f.sha256 == sha)
                {
                    continue;
                }
                out.push(FotoHasil {
                    tps,
                    sha256: sha,
                    dhash: None,
                });
            }
        }
        let mut sha: Vec<&str> = out.iter().map(|f| f.sha256.as_str()).collect();
        sha.sort_unstable();
        sha.dedup();
        let dhash: HashMap<String, String> = c
            .query(
                "SELECT sha256, dhash FROM foto_dhash WHERE sha256 = ANY($1)",
                &[&sha],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, String>(1)))
            .collect();
        for f in &mut out {
            f.dhash = dhash.get(&f.sha256).cloned();
        }
        Ok(out)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_keputusan_kejanggalan(
        &self,
        k: &KeputusanKejanggalan,
        jejak: &Jejak,
    ) -> Result<()> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        tx.execute(
            pg(posko_storage::sql::SIMPAN_KEPUTUSAN_KEJANGGALAN),
            &[
                &k.pemilihan_id,
                &k.cek,
                &k.sasaran,
                &k.keputusan.slug(),
                &k.sidik,
                &k.pemutus_id,
                &k.pemutus,
                &k.waktu,
            ],
        )
        .await
        .map_err(backend_err)?;
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_keputusan_kejanggalan(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Vec<KeputusanKejanggalan>> {
        self.conn_baca()
            .await?
            .query(
                pg(posko_storage::sql::DAFTAR_KEPUTUSAN_KEJANGGALAN),
                &[&pemilihan_id],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(|r| {
                let k: String = r.get(2);
                Ok(KeputusanKejanggalan {
                    pemilihan_id,
                    cek: r.get(0),
                    sasaran: r.get(1),
                    keputusan: Keputusan::parse(&k).ok_or_else(|| rusak("keputusan", &k))?,
                    sidik: r.get(3),
                    pemutus_id: r.get(4),
                    pemutus: r.get(5),
                    waktu: r.get(6),
                })
            })
            .collect()
    }
}
