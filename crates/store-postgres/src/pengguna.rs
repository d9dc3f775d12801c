//! Accounts and role assignments on PostgreSQL. Called from the `Store`
//! impl in lib.rs.

use crate::PostgresStore;
use async_trait::async_trait;
use std::collections::HashMap;

use deadpool_postgres::Object;
use posko_domain::{Cakupan, Jejak, KodeTps, Penugasan, Peran};
use posko_storage::Konflik;
use posko_storage::{DataTersandi, KolomRahasia, Pengguna, Result, SaksiTps, StoreError};
use tokio_postgres::{GenericClient, Statement, Transaction};
use uuid::Uuid;

use crate::{backend_err, catat_audit};
use posko_domain::KodeWilayah;
use posko_storage::PenggunaStore;

use posko_storage::baris::rusak as corrupt;

pub(crate) async fn create(
    c: &mut Object,
    p: &Pengguna,
    hash: Option<&str>,
    jejak: &Jejak,
) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let stmt = tx.prepare(insert_sql()).await.map_err(backend_err)?;
    insert(&tx, &stmt, p, hash).await?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) async fn create_many(c: &mut Object, rows: &[Pengguna], jejak: &Jejak) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let stmt = tx.prepare(insert_sql()).await.map_err(backend_err)?;
    for p in rows {
        insert(&tx, &stmt, p, None).await?;
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) fn insert_sql() -> &'static str {
    posko_storage::sql::pg(posko_storage::sql::SIMPAN_PENGGUNA)
}

pub(crate) async fn insert(
    tx: &Transaction<'_>,
    stmt: &Statement,
    p: &Pengguna,
    hash: Option<&str>,
) -> Result<()> {
    let sandi = p.telepon.as_ref().map(|t| t.sandi.as_str());
    let indeks = p.telepon.as_ref().map(|t| t.indeks.as_str());
    tx.execute(
        stmt,
        &[
            &p.id,
            &p.username,
            &p.nama,
            &hash,
            &p.aktif,
            &p.dibuat,
            &sandi,
            &indeks,
        ],
    )
    .await
    .map_err(|e| match backend_err(e) {
        StoreError::Conflict(_) => StoreError::Conflict(Konflik::NamaPengguna(p.username.clone())),
        other => other,
    })?;
    for t in &p.penugasan {
        insert_penugasan(tx, p.id, t).await?;
    }
    Ok(())
}

async fn insert_penugasan(tx: &Transaction<'_>, id: Uuid, t: &Penugasan) -> Result<u64> {
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::SIMPAN_PENUGASAN),
        &[&id, &t.peran.slug(), &t.cakupan.to_string()],
    )
    .await
    .map_err(backend_err)
}

async fn penugasan_of(c: &impl GenericClient, id: Uuid) -> Result<Vec<Penugasan>> {
    c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_PENUGASAN_PENGGUNA),
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

const COLUMNS: &str = posko_storage::sql::PENGGUNA_COLUMNS;

fn from_row(r: &tokio_postgres::Row, penugasan: Vec<Penugasan>) -> Pengguna {
    let sandi: Option<String> = r.get(6);
    let indeks: Option<String> = r.get(7);
    Pengguna {
        id: r.get(0),
        username: r.get(1),
        nama: r.get(2),
        aktif: r.get(3),
        dibuat: r.get(4),
        penugasan,
        telepon: sandi
            .zip(indeks)
            .map(|(sandi, indeks)| DataTersandi { sandi, indeks }),
    }
}

async fn build(c: &impl GenericClient, r: &tokio_postgres::Row) -> Result<Pengguna> {
    let penugasan = penugasan_of(c, r.get(0)).await?;
    Ok(from_row(r, penugasan))
}

/// Rows plus all their roles from one second query, not one per account.
async fn build_all(c: &impl GenericClient, rows: &[tokio_postgres::Row]) -> Result<Vec<Pengguna>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.get(0)).collect();
    let mut roles: HashMap<Uuid, Vec<Penugasan>> = HashMap::new();
    for r in c
        .query(
            "SELECT pengguna_id, peran, cakupan FROM penugasan WHERE pengguna_id = ANY($1)
             ORDER BY peran, cakupan",
            &[&ids],
        )
        .await
        .map_err(backend_err)?
    {
        roles.entry(r.get(0)).or_default().push(Penugasan {
            peran: Peran::parse(r.get(1)).map_err(|e| corrupt("peran", e))?,
            cakupan: Cakupan::parse(r.get(2)).map_err(|e| corrupt("cakupan", e))?,
        });
    }
    Ok(rows
        .iter()
        .map(|r| from_row(r, roles.remove(&r.get::<_, Uuid>(0)).unwrap_or_default()))
        .collect())
}

/// Accounts by the blind index of one of their own encrypted columns.
pub(crate) async fn find_by_rahasia(
    c: &Object,
    kolom: KolomRahasia,
    indeks: &[String],
) -> Result<Vec<Pengguna>> {
    let (_, col) = lokasi(kolom);
    let rows = c
        .query(
            &format!("{COLUMNS} WHERE {col}_indeks = ANY($1) ORDER BY username"),
            &[&indeks],
        )
        .await
        .map_err(backend_err)?;
    build_all(&***c, &rows).await
}

/// (table, column prefix) of each encrypted column.
fn lokasi(kolom: KolomRahasia) -> (&'static str, &'static str) {
    match kolom {
        KolomRahasia::PenggunaTelepon => ("pengguna", "telepon"),
        KolomRahasia::PenggunaTelegram => ("pengguna", "telegram"),
        KolomRahasia::PesanPengirim => ("pesan_masuk", "pengirim"),
        KolomRahasia::PendukungNik => ("pendukung", "nik"),
        KolomRahasia::PendukungTelepon => ("pendukung", "telepon"),
        KolomRahasia::PenyumbangIdentitas => ("dana_penyumbang", "identitas"),
        KolomRahasia::PenyumbangNik => ("dana_penyumbang", "nik"),
        KolomRahasia::PenyumbangTelepon => ("dana_penyumbang", "telepon"),
        KolomRahasia::PenyumbangNpwp => ("dana_penyumbang", "npwp"),
    }
}

pub(crate) async fn daftar_kid_terpakai(c: &Object) -> Result<Vec<String>> {
    let mut kids: Vec<String> = Vec::new();
    for &kolom in KolomRahasia::SEMUA {
        let (t, col) = lokasi(kolom);
        for r in c
            .query(
                &format!(
                    "SELECT DISTINCT substr({col}_sandi, 1, 8) FROM {t} WHERE {col}_sandi IS NOT NULL"
                ),
                &[],
            )
            .await
            .map_err(backend_err)?
        {
            let k: String = r.get(0);
            if !kids.contains(&k) {
                kids.push(k);
            }
        }
    }
    Ok(kids)
}

pub(crate) async fn daftar_rahasia(
    c: &Object,
    kolom: KolomRahasia,
) -> Result<Vec<(Uuid, DataTersandi)>> {
    let (t, col) = lokasi(kolom);
    Ok(c.query(
        &format!("SELECT id, {col}_sandi, {col}_indeks FROM {t} WHERE {col}_sandi IS NOT NULL"),
        &[],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| {
        (
            r.get(0),
            DataTersandi {
                sandi: r.get(1),
                indeks: r.get(2),
            },
        )
    })
    .collect())
}

pub(crate) async fn ubah_rahasia(
    c: &mut Object,
    rows: &[(KolomRahasia, Uuid, DataTersandi)],
    jejak: &Jejak,
) -> Result<u64> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let mut n = 0;
    for &kolom in KolomRahasia::SEMUA {
        let (t, col) = lokasi(kolom);
        let stmt = tx
            .prepare(&format!(
                "UPDATE {t} SET {col}_sandi = $2, {col}_indeks = $3 WHERE id = $1"
            ))
            .await
            .map_err(backend_err)?;
        for (_, id, d) in rows.iter().filter(|(k, _, _)| *k == kolom) {
            n += tx
                .execute(&stmt, &[id, &d.sandi, &d.indeks])
                .await
                .map_err(backend_err)?;
        }
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(n)
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

pub(crate) async fn cari_login(
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
    build_all(&***c, &rows).await
}

/// What one account change does, as SQL and parameters.
pub(crate) enum Change {
    Aktif(bool),
    Hash(String),
    Grant(Penugasan),
    Revoke(Penugasan),
    Telepon(Option<DataTersandi>),
    /// The link, and every index of that Telegram user to unlink from
    /// other accounts first (the column is unique).
    Telegram(Option<DataTersandi>, Vec<String>),
    Utama(KodeTps),
}

/// Applies one change; audits and commits only if it changed a row.
pub(crate) async fn change(c: &mut Object, id: Uuid, what: Change, jejak: &Jejak) -> Result<bool> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let n = match &what {
        Change::Aktif(a) => {
            let n = tx
                .execute(
                    posko_storage::sql::pg(posko_storage::sql::UBAH_AKTIF_PENGGUNA),
                    &[&id, a],
                )
                .await
                .map_err(backend_err)?;
            // Disabling ends the sessions and voids the unused one-time
            // codes in the same transaction: a cookie or link handed out
            // before must not work again when the account is enabled again.
            if n > 0 && !a {
                for sql in [
                    "DELETE FROM sesi WHERE pengguna_id = $1",
                    posko_storage::sql::pg(posko_storage::sql::HAPUS_KODE_MASUK_PENGGUNA),
                ] {
                    tx.execute(sql, &[&id]).await.map_err(backend_err)?;
                }
            }
            n
        }
        Change::Hash(h) => tx
            .execute(
                posko_storage::sql::pg(posko_storage::sql::UBAH_SANDI_PENGGUNA),
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
                posko_storage::sql::pg(posko_storage::sql::HAPUS_PENUGASAN),
                &[&id, &t.peran.slug(), &t.cakupan.to_string()],
            )
            .await
            .map_err(backend_err)?,
        Change::Utama(tps) => tx
            .execute(
                posko_storage::sql::pg(posko_storage::sql::SIMPAN_SAKSI_UTAMA),
                &[&tps.to_string(), &id],
            )
            .await
            .map_err(backend_err)?,
        Change::Telepon(t) => tx
            .execute(
                posko_storage::sql::pg(posko_storage::sql::UBAH_TELEPON_PENGGUNA),
                &[
                    &id,
                    &t.as_ref().map(|t| t.sandi.as_str()),
                    &t.as_ref().map(|t| t.indeks.as_str()),
                ],
            )
            .await
            .map_err(backend_err)?,
        Change::Telegram(t, lepas_dari) => {
            tx.execute(
                "UPDATE pengguna SET telegram_sandi = NULL, telegram_indeks = NULL
                 WHERE telegram_indeks = ANY($1) AND id <> $2",
                &[lepas_dari, &id],
            )
            .await
            .map_err(backend_err)?;
            tx.execute(
                posko_storage::sql::pg(posko_storage::sql::UBAH_TELEGRAM_PENGGUNA),
                &[
                    &id,
                    &t.as_ref().map(|t| t.sandi.as_str()),
                    &t.as_ref().map(|t| t.indeks.as_str()),
                ],
            )
            .await
            .map_err(backend_err)?
        }
    };
    if n == 0 {
        return Ok(false);
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(true)
}

pub(crate) async fn saksi_per_tps(c: &Object, w: &str) -> Result<Vec<(String, u32)>> {
    Ok(c.query(
        posko_storage::sql::pg(posko_storage::sql::HITUNG_SAKSI_PER_TPS),
        &[&w, &format!("{w}/")],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1) as u32))
    .collect())
}

pub(crate) async fn saksi_di(c: &Object, w: &str) -> Result<Vec<SaksiTps>> {
    c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_SAKSI_DI_WILAYAH),
        &[&w, &format!("{w}/")],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| {
        let tps: String = r.get(0);
        Ok(SaksiTps {
            tps: KodeTps::parse(&tps)
                .map_err(|e| StoreError::Corrupt(format!("cakupan saksi '{tps}': {e}")))?,
            pengguna_id: r.get(1),
            username: r.get(2),
            nama: r.get(3),
            ditetapkan_utama: r.get(4),
        })
    })
    .collect()
}

#[async_trait]
impl PenggunaStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pengguna(
        &self,
        p: &Pengguna,
        password_hash: Option<&str>,
        jejak: &Jejak,
    ) -> Result<()> {
        let mut c = self.conn().await?;
        create(&mut c, p, password_hash, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_pengguna(&self, id: Uuid) -> Result<Option<Pengguna>> {
        find_by_id(&self.conn_baca().await?, id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_login(&self, username: &str) -> Result<Option<(Pengguna, Option<String>)>> {
        cari_login(&self.conn_baca().await?, username).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pengguna(&self) -> Result<Vec<Pengguna>> {
        list(&self.conn().await?).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_saksi_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>> {
        let rows = saksi_per_tps(&self.conn().await?, &wilayah.to_string()).await?;
        rows.into_iter()
            .map(|(t, n)| {
                KodeTps::parse(&t)
                    .map(|k| (k, n))
                    .map_err(|e| StoreError::Corrupt(format!("cakupan saksi '{t}': {e}")))
            })
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_saksi_di(&self, wilayah: KodeWilayah) -> Result<Vec<SaksiTps>> {
        saksi_di(&self.conn_baca().await?, &wilayah.to_string()).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_saksi_utama(&self, id: Uuid, tps: KodeTps, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        change(&mut c, id, Change::Utama(tps), jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pengguna_banyak(&self, rows: &[Pengguna], jejak: &Jejak) -> Result<()> {
        let mut c = self.conn().await?;
        create_many(&mut c, rows, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_pengguna_telepon(&self, indeks: &[String]) -> Result<Vec<Pengguna>> {
        find_by_rahasia(&self.conn().await?, KolomRahasia::PenggunaTelepon, indeks).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_pengguna_telegram(&self, indeks: &[String]) -> Result<Vec<Pengguna>> {
        find_by_rahasia(&self.conn().await?, KolomRahasia::PenggunaTelegram, indeks).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_telegram(
        &self,
        id: Uuid,
        telegram: Option<&DataTersandi>,
        lepas_dari: &[String],
        jejak: &Jejak,
    ) -> Result<bool> {
        let mut c = self.conn().await?;
        change(
            &mut c,
            id,
            Change::Telegram(telegram.cloned(), lepas_dari.to_vec()),
            jejak,
        )
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_telepon(
        &self,
        id: Uuid,
        telepon: Option<&DataTersandi>,
        jejak: &Jejak,
    ) -> Result<bool> {
        let mut c = self.conn().await?;
        change(&mut c, id, Change::Telepon(telepon.cloned()), jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_aktif(&self, id: Uuid, aktif: bool, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        change(&mut c, id, Change::Aktif(aktif), jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_hash_sandi(&self, id: Uuid, hash: &str, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        change(&mut c, id, Change::Hash(hash.to_string()), jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_penugasan(&self, id: Uuid, t: Penugasan, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        change(&mut c, id, Change::Grant(t), jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_penugasan(&self, id: Uuid, t: Penugasan, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        change(&mut c, id, Change::Revoke(t), jejak).await
    }
}
