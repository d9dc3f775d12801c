//! Sessions, one-time sign-in codes, rate-limited attempts and API tokens
//! on PostgreSQL: the bodies behind the `Store` methods of the same names
//! in lib.rs.

use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{BatasPercobaan, KodeMasuk, Percobaan, Result, Sesi, TokenApi};
use uuid::Uuid;

use crate::audit::catat_audit;
use crate::rows::token_row;
use crate::{PostgresStore, backend_err};
use posko_storage::MasukStore;

pub(crate) async fn simpan_sesi(store: &PostgresStore, sesi: &Sesi, jejak: &Jejak) -> Result<()> {
    let mut c = store.conn().await?;
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::SIMPAN_SESI),
        &[
            &sesi.token_hash,
            &sesi.pengguna_id,
            &sesi.csrf,
            &sesi.dibuat,
            &sesi.kadaluarsa,
            &sesi.alamat,
            &sesi.perangkat,
            &sesi.kode_dari,
            &sesi.peramban,
        ],
    )
    .await
    .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) async fn ambil_sesi(
    store: &PostgresStore,
    token_hash: &str,
    now: i64,
) -> Result<Option<Sesi>> {
    let c = store.conn_baca().await?;
    Ok(c.query_opt(
        &format!("{SESI_COLUMNS} WHERE token_hash = $1 AND kadaluarsa > $2"),
        &[&token_hash, &now],
    )
    .await
    .map_err(backend_err)?
    .map(|r| sesi_row(&r)))
}

use posko_storage::sql::SESI_COLUMNS;

fn sesi_row(r: &tokio_postgres::Row) -> Sesi {
    Sesi {
        token_hash: r.get(0),
        pengguna_id: r.get(1),
        csrf: r.get(2),
        dibuat: r.get(3),
        kadaluarsa: r.get(4),
        alamat: r.get(5),
        perangkat: r.get(6),
        kode_dari: r.get(7),
        peramban: r.get(8),
    }
}

pub(crate) async fn daftar_sesi(
    store: &PostgresStore,
    pengguna_id: Uuid,
    now: i64,
) -> Result<Vec<Sesi>> {
    let c = store.conn().await?;
    Ok(c.query(
        &format!(
            "{SESI_COLUMNS} WHERE pengguna_id = $1 AND kadaluarsa > $2 ORDER BY dibuat DESC, token_hash"
        ),
        &[&pengguna_id, &now],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(sesi_row)
    .collect())
}

pub(crate) async fn hapus_sesi_pengguna(
    store: &PostgresStore,
    pengguna_id: Uuid,
    kecuali: Option<&str>,
    jejak: &Jejak,
) -> Result<u64> {
    let mut c = store.conn().await?;
    let tx = c.transaction().await.map_err(backend_err)?;
    let n = tx
        .execute(
            posko_storage::sql::pg(posko_storage::sql::HAPUS_SESI_LAIN_PENGGUNA),
            &[&pengguna_id, &kecuali],
        )
        .await
        .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(n)
}

pub(crate) async fn hapus_sesi(store: &PostgresStore, token_hash: &str) -> Result<()> {
    let c = store.conn().await?;
    c.execute("DELETE FROM sesi WHERE token_hash = $1", &[&token_hash])
        .await
        .map_err(backend_err)?;
    Ok(())
}

pub(crate) async fn simpan_kode_masuk(
    store: &PostgresStore,
    kode: &KodeMasuk,
    jejak: &Jejak,
) -> Result<()> {
    let mut c = store.conn().await?;
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::SIMPAN_KODE_MASUK),
        &[
            &kode.kode_hash,
            &kode.pengguna_id,
            &kode.kadaluarsa,
            &kode.penerbit,
        ],
    )
    .await
    .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) async fn pakai_kode_masuk(
    store: &PostgresStore,
    kode_hash: &str,
    now: i64,
) -> Result<Option<(Uuid, Option<Uuid>)>> {
    let c = store.conn().await?;
    let row = c
        .query_opt(
            posko_storage::sql::pg(posko_storage::sql::PAKAI_KODE_MASUK),
            &[&kode_hash],
        )
        .await
        .map_err(backend_err)?;
    Ok(row
        .filter(|r| r.get::<_, i64>(1) > now)
        .map(|r| (r.get::<_, Uuid>(0), r.get::<_, Option<Uuid>>(2))))
}

/// Counts and records in one transaction, serialised per key by the key's
/// row in `percobaan_kunci`: each attempt upserts the rows of its keys in
/// sorted order and holds them to commit, so two attempts sharing a key
/// (on any server) count one after the other, and two sharing several keys
/// take them in the same order and cannot deadlock. Under READ COMMITTED
/// each count after the lock sees every attempt committed before it.
pub(crate) async fn catat_percobaan(
    store: &PostgresStore,
    p: &Percobaan,
    batas: &[BatasPercobaan],
    jejak: Option<&Jejak>,
) -> Result<bool> {
    let mut urut: Vec<&BatasPercobaan> = batas.iter().collect();
    urut.sort_by(|a, b| a.kunci.cmp(&b.kunci));
    urut.dedup_by(|a, b| a.kunci == b.kunci);
    let kunci: Vec<&str> = urut.iter().map(|b| b.kunci.as_str()).collect();
    let kedaluwarsa = p.waktu + p.jendela;
    let mut c = store.conn().await?;
    let tx = c.transaction().await.map_err(backend_err)?;
    for k in &kunci {
        tx.execute(
            "INSERT INTO percobaan_kunci (kunci, kedaluwarsa) VALUES ($1, $2)
             ON CONFLICT (kunci) DO UPDATE
             SET kedaluwarsa = GREATEST(percobaan_kunci.kedaluwarsa, excluded.kedaluwarsa)",
            &[k, &kedaluwarsa],
        )
        .await
        .map_err(backend_err)?;
    }
    tx.execute(
        "DELETE FROM percobaan WHERE kunci = ANY($1) AND kedaluwarsa <= $2",
        &[&kunci, &p.waktu],
    )
    .await
    .map_err(backend_err)?;
    let mut baru: Vec<&str> = Vec::new();
    for b in &urut {
        let r = tx
            .query_one(
                posko_storage::sql::pg(posko_storage::sql::HITUNG_PERCOBAAN),
                &[&b.kunci, &p.id, &p.waktu],
            )
            .await
            .map_err(backend_err)?;
        if r.get::<_, bool>(0) {
            continue;
        }
        if r.get::<_, i64>(1) as u64 >= b.maks {
            // Dropping the transaction rolls it back: nothing recorded.
            return Ok(false);
        }
        baru.push(&b.kunci);
    }
    if !baru.is_empty() {
        tx.execute(
            "INSERT INTO percobaan (kunci, id, waktu, kedaluwarsa)
             SELECT k, $2, $3, $4 FROM unnest($1::text[]) AS k",
            &[&baru, &p.id, &p.waktu, &kedaluwarsa],
        )
        .await
        .map_err(backend_err)?;
        if let Some(j) = jejak {
            catat_audit(&tx, j).await?;
        }
    }
    // Keys no attempt has touched within their window go, with their
    // attempts (ON DELETE CASCADE). SKIP LOCKED: this never waits on a key
    // another attempt holds, so it cannot deadlock with one.
    tx.execute(
        "DELETE FROM percobaan_kunci WHERE kunci IN (
             SELECT kunci FROM percobaan_kunci WHERE kedaluwarsa <= $1
             ORDER BY kedaluwarsa LIMIT 100 FOR UPDATE SKIP LOCKED)",
        &[&p.waktu],
    )
    .await
    .map_err(backend_err)?;
    tx.commit().await.map_err(backend_err)?;
    Ok(true)
}

pub(crate) async fn hapus_percobaan(
    store: &PostgresStore,
    id: Uuid,
    kunci: &[String],
) -> Result<()> {
    store
        .conn()
        .await?
        .execute(
            "DELETE FROM percobaan WHERE id = $1 OR kunci = ANY($2)",
            &[&id, &kunci],
        )
        .await
        .map_err(backend_err)?;
    Ok(())
}

pub(crate) async fn simpan_token(store: &PostgresStore, t: &TokenApi, jejak: &Jejak) -> Result<()> {
    let mut c = store.conn().await?;
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::SIMPAN_TOKEN_API),
        &[
            &t.id,
            &t.nama,
            &t.token_hash,
            &t.penugasan.peran.slug(),
            &t.penugasan.cakupan.to_string(),
            &t.dibuat,
        ],
    )
    .await
    .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) async fn pakai_token(
    store: &PostgresStore,
    token_hash: &str,
    now: i64,
) -> Result<Option<TokenApi>> {
    let Some(mut t) = store
        .conn_baca()
        .await?
        .query_opt(
            "SELECT id, nama, token_hash, peran, cakupan, dibuat, dicabut, terakhir_dipakai
             FROM token_api WHERE token_hash = $1 AND dicabut IS NULL",
            &[&token_hash],
        )
        .await
        .map_err(backend_err)?
        .map(|r| token_row(&r))
        .transpose()?
    else {
        return Ok(None);
    };
    // Recorded to the minute: a gateway calling many times a second must
    // not write (and lock the token's row) on every call.
    if t.terakhir_dipakai
        .is_none_or(|u| now - u >= posko_storage::TOKEN_SENTUH_DETIK)
    {
        store
            .conn()
            .await?
            .execute(
                posko_storage::sql::pg(posko_storage::sql::CATAT_TOKEN_API_DIPAKAI),
                &[&token_hash, &now],
            )
            .await
            .map_err(backend_err)?;
        t.terakhir_dipakai = Some(now);
    }
    Ok(Some(t))
}

pub(crate) async fn daftar_token(store: &PostgresStore) -> Result<Vec<TokenApi>> {
    let c = store.conn().await?;
    c.query(
        "SELECT id, nama, token_hash, peran, cakupan, dibuat, dicabut, terakhir_dipakai
         FROM token_api ORDER BY dibuat, id",
        &[],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(token_row)
    .collect()
}

pub(crate) async fn cabut_token(
    store: &PostgresStore,
    id: Uuid,
    now: i64,
    jejak: &Jejak,
) -> Result<bool> {
    let mut c = store.conn().await?;
    let tx = c.transaction().await.map_err(backend_err)?;
    let n = tx
        .execute(
            posko_storage::sql::pg(posko_storage::sql::CABUT_TOKEN_API),
            &[&id, &now],
        )
        .await
        .map_err(backend_err)?;
    if n == 0 {
        return Ok(false);
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(true)
}

#[async_trait]
impl MasukStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_sesi(&self, pengguna_id: Uuid, now: i64) -> Result<Vec<Sesi>> {
        daftar_sesi(self, pengguna_id, now).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_sesi_pengguna(
        &self,
        pengguna_id: Uuid,
        kecuali: Option<&str>,
        jejak: &Jejak,
    ) -> Result<u64> {
        hapus_sesi_pengguna(self, pengguna_id, kecuali, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_sesi(&self, sesi: &Sesi, jejak: &Jejak) -> Result<()> {
        simpan_sesi(self, sesi, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_sesi(&self, token_hash: &str, now: i64) -> Result<Option<Sesi>> {
        ambil_sesi(self, token_hash, now).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_sesi(&self, token_hash: &str) -> Result<()> {
        hapus_sesi(self, token_hash).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_percobaan(
        &self,
        p: &Percobaan,
        batas: &[BatasPercobaan],
        jejak: Option<&Jejak>,
    ) -> Result<bool> {
        catat_percobaan(self, p, batas, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_percobaan(&self, id: Uuid, kunci: &[String]) -> Result<()> {
        hapus_percobaan(self, id, kunci).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_kode_masuk(&self, kode: &KodeMasuk, jejak: &Jejak) -> Result<()> {
        simpan_kode_masuk(self, kode, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn pakai_kode_masuk(
        &self,
        kode_hash: &str,
        now: i64,
    ) -> Result<Option<(Uuid, Option<Uuid>)>> {
        pakai_kode_masuk(self, kode_hash, now).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_token(&self, t: &TokenApi, jejak: &Jejak) -> Result<()> {
        simpan_token(self, t, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn pakai_token(&self, token_hash: &str, now: i64) -> Result<Option<TokenApi>> {
        pakai_token(self, token_hash, now).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_token(&self) -> Result<Vec<TokenApi>> {
        daftar_token(self).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cabut_token(&self, id: Uuid, now: i64, jejak: &Jejak) -> Result<bool> {
        cabut_token(self, id, now, jejak).await
    }
}
