//! Sessions and rate-limited attempts on SQLite. Called from the `Store`
//! impl in lib.rs.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{BatasPercobaan, Percobaan, Result, Sesi, StoreError};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use uuid::Uuid;

use crate::{backend_err, catat_audit};
use crate::{pengguna, token};
use posko_storage::{KodeMasuk, MasukStore, TokenApi};

const COLUMNS: &str = posko_storage::sql::SESI_COLUMNS;

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
        posko_storage::sql::SIMPAN_SESI,
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
    catat_audit(&tx, jejak)?;
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
            posko_storage::sql::HAPUS_SESI_LAIN_PENGGUNA,
            params![pengguna_id.to_string(), kecuali],
        )
        .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
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
            .prepare_cached(posko_storage::sql::HITUNG_PERCOBAAN)
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
        catat_audit(&tx, j)?;
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

#[async_trait]
impl MasukStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_sesi(&self, sesi: &Sesi, jejak: &Jejak) -> Result<()> {
        let (sesi, jejak) = (sesi.clone(), jejak.clone());
        self.write(move |c| create(c, &sesi, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_sesi(&self, token_hash: &str, now: i64) -> Result<Option<Sesi>> {
        let token_hash = token_hash.to_string();
        self.read(move |c| get(c, &token_hash, now)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_sesi(&self, pengguna_id: Uuid, now: i64) -> Result<Vec<Sesi>> {
        self.read(move |c| list(c, pengguna_id, now)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_sesi_pengguna(
        &self,
        pengguna_id: Uuid,
        kecuali: Option<&str>,
        jejak: &Jejak,
    ) -> Result<u64> {
        let (kecuali, jejak) = (kecuali.map(str::to_string), jejak.clone());
        self.write(move |c| delete_for(c, pengguna_id, kecuali.as_deref(), jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_sesi(&self, token_hash: &str) -> Result<()> {
        let token_hash = token_hash.to_string();
        self.write(move |c| {
            c.execute("DELETE FROM sesi WHERE token_hash = ?1", [token_hash])
                .map_err(backend_err)?;
            Ok(())
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_percobaan(
        &self,
        p: &Percobaan,
        batas: &[BatasPercobaan],
        jejak: Option<&Jejak>,
    ) -> Result<bool> {
        let (p, batas, jejak) = (p.clone(), batas.to_vec(), jejak.cloned());
        self.write(move |c| catat_percobaan(c, &p, &batas, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_percobaan(&self, id: Uuid, kunci: &[String]) -> Result<()> {
        let kunci = kunci.to_vec();
        self.write(move |c| hapus_percobaan(c, id, &kunci)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_kode_masuk(&self, kode: &KodeMasuk, jejak: &Jejak) -> Result<()> {
        let (kode, jejak) = (kode.clone(), jejak.clone());
        self.write(move |conn| {
            let tx = conn.transaction().map_err(backend_err)?;
            tx.execute(
                posko_storage::sql::SIMPAN_KODE_MASUK,
                params![
                    kode.kode_hash,
                    kode.pengguna_id.to_string(),
                    kode.kadaluarsa,
                    kode.penerbit.map(|u| u.to_string())
                ],
            )
            .map_err(backend_err)?;
            catat_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn pakai_kode_masuk(
        &self,
        kode_hash: &str,
        now: i64,
    ) -> Result<Option<(Uuid, Option<Uuid>)>> {
        let kode_hash = kode_hash.to_string();
        self.write(move |c| {
            let row: Option<(String, i64, Option<String>)> = c
                .query_row(posko_storage::sql::PAKAI_KODE_MASUK, [kode_hash], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
                .map_err(backend_err)?;
            let Some((id, _, penerbit)) = row.filter(|(_, exp, _)| *exp > now) else {
                return Ok(None);
            };
            let parse =
                |t: &str| Uuid::parse_str(t).map_err(|e| StoreError::Corrupt(format!("kode: {e}")));
            Ok(Some((
                parse(&id)?,
                penerbit.as_deref().map(parse).transpose()?,
            )))
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_token(&self, t: &TokenApi, jejak: &Jejak) -> Result<()> {
        let (t, jejak) = (t.clone(), jejak.clone());
        self.write(move |c| token::create(c, &t, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn pakai_token(&self, token_hash: &str, now: i64) -> Result<Option<TokenApi>> {
        let hash = token_hash.to_string();
        let h = hash.clone();
        let Some(mut t) = self.read(move |c| token::find_active(c, &h)).await? else {
            return Ok(None);
        };
        // A gateway calls many times a second; the single writer records
        // its last use at most once a minute.
        if t.terakhir_dipakai
            .is_none_or(|u| now - u >= posko_storage::TOKEN_SENTUH_DETIK)
        {
            self.write(move |c| token::touch(c, &hash, now)).await?;
            t.terakhir_dipakai = Some(now);
        }
        Ok(Some(t))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_token(&self) -> Result<Vec<TokenApi>> {
        self.read(token::list).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cabut_token(&self, id: Uuid, now: i64, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| pengguna::change(c, jejak, |tx| token::hapus_penugasan(tx, id, now)))
            .await
    }
}
