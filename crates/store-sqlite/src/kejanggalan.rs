//! The review queue on SQLite: photo dHashes and decisions on flags.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::baris::{from_json, kode_tps, rusak};
use posko_storage::kejanggalan::{FotoHasil, Keputusan, KeputusanKejanggalan};
use posko_storage::{KejanggalanStore, Result};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;
use uuid::Uuid;

use crate::{backend_err, catat_audit};

fn foto_pemilihan(conn: &Connection, pemilihan_id: Uuid) -> Result<Vec<FotoHasil>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::FOTO_KIRIMAN_PEMILIHAN)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([pemilihan_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(backend_err)?;
    let mut dhash = conn
        .prepare_cached(posko_storage::sql::DHASH_FOTO)
        .map_err(backend_err)?;
    let mut dikenal: HashMap<String, Option<String>> = HashMap::new();
    let mut out: Vec<FotoHasil> = Vec::new();
    for r in rows {
        let (desa, nomor, foto) = r.map_err(backend_err)?;
        let tps = kode_tps(&desa, nomor)?;
        for sha in from_json::<Vec<String>>("foto", &foto)? {
            if out
                .iter()
                .rev()
                .take_while(|f| f.tps == tps)
                .any(|f| f.sha256 == sha)
            {
                continue;
            }
            let h = match dikenal.get(&sha) {
                Some(h) => h.clone(),
                None => {
                    let h = dhash
                        .query_row([&sha], |r| r.get::<_, String>(0))
                        .optional()
                        .map_err(backend_err)?;
                    dikenal.insert(sha.clone(), h.clone());
                    h
                }
            };
            out.push(FotoHasil {
                tps,
                sha256: sha,
                dhash: h,
            });
        }
    }
    Ok(out)
}

fn keputusan(conn: &Connection, pemilihan_id: Uuid) -> Result<Vec<KeputusanKejanggalan>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_KEPUTUSAN_KEJANGGALAN)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([pemilihan_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (cek, sasaran, k, sidik, pemutus_id, pemutus, waktu) = r.map_err(backend_err)?;
        out.push(KeputusanKejanggalan {
            pemilihan_id,
            cek,
            sasaran,
            keputusan: Keputusan::parse(&k).ok_or_else(|| rusak("keputusan", &k))?,
            sidik,
            pemutus_id: Uuid::parse_str(&pemutus_id).map_err(|e| rusak("pemutus_id", e))?,
            pemutus,
            waktu,
        });
    }
    Ok(out)
}

#[async_trait]
impl KejanggalanStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_dhash_foto(&self, sha256: &str, dhash: &str) -> Result<()> {
        let (sha, dhash) = (sha256.to_string(), dhash.to_string());
        self.write(move |c| {
            c.execute(posko_storage::sql::SIMPAN_DHASH_FOTO, params![sha, dhash])
                .map_err(backend_err)?;
            Ok(())
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_foto_pemilihan(&self, pemilihan_id: Uuid) -> Result<Vec<FotoHasil>> {
        self.read(move |c| foto_pemilihan(c, pemilihan_id)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_keputusan_kejanggalan(
        &self,
        k: &KeputusanKejanggalan,
        jejak: &Jejak,
    ) -> Result<()> {
        let (k, jejak) = (k.clone(), jejak.clone());
        self.write(move |c| {
            let tx = c.transaction().map_err(backend_err)?;
            tx.execute(
                posko_storage::sql::SIMPAN_KEPUTUSAN_KEJANGGALAN,
                params![
                    k.pemilihan_id.to_string(),
                    k.cek,
                    k.sasaran,
                    k.keputusan.slug(),
                    k.sidik,
                    k.pemutus_id.to_string(),
                    k.pemutus,
                    k.waktu
                ],
            )
            .map_err(backend_err)?;
            catat_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_keputusan_kejanggalan(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Vec<KeputusanKejanggalan>> {
        self.read(move |c| keputusan(c, pemilihan_id)).await
    }
}
