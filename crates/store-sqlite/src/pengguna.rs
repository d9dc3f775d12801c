//! Accounts and role assignments on SQLite. Called from the `Store` impl
//! in lib.rs, inside its writer/reader closures.

use crate::SqliteStore;
use async_trait::async_trait;
use std::collections::HashMap;

use posko_domain::{Cakupan, Jejak, KodeTps, Penugasan, Peran};
use posko_storage::Konflik;
use posko_storage::{DataTersandi, KolomRahasia, Pengguna, Result, SaksiTps, StoreError};
use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use crate::{backend_err, catat_audit, format_time};
use posko_domain::KodeWilayah;
use posko_storage::PenggunaStore;

use posko_storage::baris::rusak as corrupt;

pub(crate) fn create(
    conn: &mut Connection,
    p: &Pengguna,
    hash: Option<&str>,
    jejak: Jejak,
) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    insert(&tx, p, hash)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn create_many(conn: &mut Connection, rows: &[Pengguna], jejak: Jejak) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    for p in rows {
        insert(&tx, p, None)?;
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn insert(conn: &Connection, p: &Pengguna, hash: Option<&str>) -> Result<()> {
    let (sandi, indeks) = split(p.telepon.as_ref());
    conn.prepare_cached(posko_storage::sql::SIMPAN_PENGGUNA)
        .map_err(backend_err)?
        .execute(params![
            p.id.to_string(),
            p.username,
            p.nama,
            hash,
            p.aktif,
            format_time(p.dibuat)?,
            sandi,
            indeks
        ])
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Conflict(Konflik::NamaPengguna(p.username.clone()))
            }
            other => backend_err(other),
        })?;
    for t in &p.penugasan {
        insert_penugasan(conn, p.id, t)?;
    }
    Ok(())
}

fn split(d: Option<&DataTersandi>) -> (Option<&str>, Option<&str>) {
    (d.map(|d| d.sandi.as_str()), d.map(|d| d.indeks.as_str()))
}

fn insert_penugasan(conn: &Connection, id: Uuid, t: &Penugasan) -> Result<usize> {
    conn.execute(
        posko_storage::sql::SIMPAN_PENUGASAN,
        params![id.to_string(), t.peran.slug(), t.cakupan.to_string()],
    )
    .map_err(backend_err)
}

fn penugasan_of(conn: &Connection, id: &str) -> Result<Vec<Penugasan>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_PENUGASAN_PENGGUNA)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (peran, cakupan) = row.map_err(backend_err)?;
        out.push(Penugasan {
            peran: Peran::parse(&peran).map_err(|e| corrupt("peran", e))?,
            cakupan: Cakupan::parse(&cakupan).map_err(|e| corrupt("cakupan", e))?,
        });
    }
    Ok(out)
}

const COLUMNS: &str = posko_storage::sql::PENGGUNA_COLUMNS;

struct Row {
    id: String,
    username: String,
    nama: String,
    aktif: bool,
    dibuat: String,
    hash: Option<String>,
    sandi: Option<String>,
    indeks: Option<String>,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        username: r.get(1)?,
        nama: r.get(2)?,
        aktif: r.get(3)?,
        dibuat: r.get(4)?,
        hash: r.get(5)?,
        sandi: r.get(6)?,
        indeks: r.get(7)?,
    })
}

fn build(r: Row, penugasan: Vec<Penugasan>) -> Result<Pengguna> {
    Ok(Pengguna {
        penugasan,
        id: Uuid::parse_str(&r.id).map_err(|e| corrupt("id pengguna", e))?,
        username: r.username,
        nama: r.nama,
        aktif: r.aktif,
        dibuat: OffsetDateTime::parse(&r.dibuat, &Rfc3339).map_err(|e| corrupt("waktu", e))?,
        telepon: match (r.sandi, r.indeks) {
            (Some(sandi), Some(indeks)) => Some(DataTersandi { sandi, indeks }),
            _ => None,
        },
    })
}

fn build_one(conn: &Connection, r: Row) -> Result<Pengguna> {
    let penugasan = penugasan_of(conn, &r.id)?;
    build(r, penugasan)
}

/// Rows plus all their roles in a second query, whatever the row count
/// (one roles query per account would be N+1 round trips).
fn build_all(conn: &Connection, rows: Vec<Row>) -> Result<Vec<Pengguna>> {
    let mut roles: HashMap<String, Vec<Penugasan>> = HashMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT pengguna_id, peran, cakupan FROM penugasan ORDER BY peran, cakupan")
        .map_err(backend_err)?;
    let mut q = stmt.query([]).map_err(backend_err)?;
    while let Some(r) = q.next().map_err(backend_err)? {
        let id: String = r.get(0).map_err(backend_err)?;
        let peran: String = r.get(1).map_err(backend_err)?;
        let cakupan: String = r.get(2).map_err(backend_err)?;
        roles.entry(id).or_default().push(Penugasan {
            peran: Peran::parse(&peran).map_err(|e| corrupt("peran", e))?,
            cakupan: Cakupan::parse(&cakupan).map_err(|e| corrupt("cakupan", e))?,
        });
    }
    rows.into_iter()
        .map(|r| {
            let p = roles.remove(&r.id).unwrap_or_default();
            build(r, p)
        })
        .collect()
}

pub(crate) fn find(
    conn: &Connection,
    by: &str,
    value: &str,
) -> Result<Option<(Pengguna, Option<String>)>> {
    let sql = match by {
        "id" => format!("{COLUMNS} WHERE id = ?1"),
        _ => format!("{COLUMNS} WHERE username = ?1"),
    };
    let found = conn
        .query_row(&sql, [value], row)
        .optional()
        .map_err(backend_err)?;
    match found {
        Some(mut r) => {
            let hash = r.hash.take();
            Ok(Some((build_one(conn, r)?, hash)))
        }
        None => Ok(None),
    }
}

pub(crate) fn find_by_telepon(conn: &Connection, indeks: &[String]) -> Result<Vec<Pengguna>> {
    find_by_rahasia(conn, KolomRahasia::PenggunaTelepon, indeks)
}

pub(crate) fn find_by_telegram(conn: &Connection, indeks: &[String]) -> Result<Vec<Pengguna>> {
    find_by_rahasia(conn, KolomRahasia::PenggunaTelegram, indeks)
}

/// Accounts by the blind index of one of their own encrypted columns.
fn find_by_rahasia(
    conn: &Connection,
    kolom: KolomRahasia,
    indeks: &[String],
) -> Result<Vec<Pengguna>> {
    let (_, c) = lokasi(kolom);
    let mut rows = Vec::new();
    let mut stmt = conn
        .prepare_cached(&format!(
            "{COLUMNS} WHERE {c}_indeks = ?1 ORDER BY username"
        ))
        .map_err(backend_err)?;
    for i in indeks {
        for r in stmt.query_map([i], row).map_err(backend_err)? {
            rows.push(r.map_err(backend_err)?);
        }
    }
    rows.into_iter().map(|r| build_one(conn, r)).collect()
}

pub(crate) fn ubah_telepon(conn: &Connection, id: Uuid, t: Option<&DataTersandi>) -> Result<usize> {
    let (sandi, indeks) = split(t);
    conn.execute(
        posko_storage::sql::UBAH_TELEPON_PENGGUNA,
        params![id.to_string(), sandi, indeks],
    )
    .map_err(backend_err)
}

/// Unlinks the Telegram user from every other account first: the column
/// is unique, and one Telegram user speaks for one account.
pub(crate) fn ubah_telegram(
    conn: &Connection,
    id: Uuid,
    t: Option<&DataTersandi>,
    lepas_dari: &[String],
) -> Result<usize> {
    let mut lepas = conn
        .prepare_cached(
            "UPDATE pengguna SET telegram_sandi = NULL, telegram_indeks = NULL
             WHERE telegram_indeks = ?1 AND id <> ?2",
        )
        .map_err(backend_err)?;
    for i in lepas_dari {
        lepas
            .execute(params![i, id.to_string()])
            .map_err(backend_err)?;
    }
    let (sandi, indeks) = split(t);
    conn.execute(
        posko_storage::sql::UBAH_TELEGRAM_PENGGUNA,
        params![id.to_string(), sandi, indeks],
    )
    .map_err(backend_err)
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

pub(crate) fn daftar_kid_terpakai(conn: &Connection) -> Result<Vec<String>> {
    let mut kids = Vec::new();
    for &kolom in KolomRahasia::SEMUA {
        let (t, c) = lokasi(kolom);
        let mut stmt = conn
            .prepare(&format!(
                "SELECT DISTINCT substr({c}_sandi, 1, 8) FROM {t} WHERE {c}_sandi IS NOT NULL"
            ))
            .map_err(backend_err)?;
        for k in stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(backend_err)?
        {
            let k = k.map_err(backend_err)?;
            if !kids.contains(&k) {
                kids.push(k);
            }
        }
    }
    Ok(kids)
}

pub(crate) fn daftar_rahasia(
    conn: &Connection,
    kolom: KolomRahasia,
) -> Result<Vec<(Uuid, DataTersandi)>> {
    let (t, c) = lokasi(kolom);
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, {c}_sandi, {c}_indeks FROM {t} WHERE {c}_sandi IS NOT NULL"
        ))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (id, sandi, indeks) = r.map_err(backend_err)?;
        out.push((
            Uuid::parse_str(&id).map_err(|e| corrupt("id", e))?,
            DataTersandi { sandi, indeks },
        ));
    }
    Ok(out)
}

pub(crate) fn ubah_rahasia(
    conn: &mut Connection,
    rows: &[(KolomRahasia, Uuid, DataTersandi)],
    jejak: Jejak,
) -> Result<u64> {
    let tx = conn.transaction().map_err(backend_err)?;
    let mut n = 0;
    for (kolom, id, d) in rows {
        let (t, c) = lokasi(*kolom);
        n += tx
            .prepare_cached(&format!(
                "UPDATE {t} SET {c}_sandi = ?2, {c}_indeks = ?3 WHERE id = ?1"
            ))
            .map_err(backend_err)?
            .execute(params![id.to_string(), d.sandi, d.indeks])
            .map_err(backend_err)? as u64;
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(n)
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Pengguna>> {
    let mut stmt = conn
        .prepare(&format!("{COLUMNS} ORDER BY username"))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([], row)
        .map_err(backend_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)?;
    build_all(conn, rows)
}

/// Runs one statement that changes an account; audits and commits only if
/// it changed a row.
pub(crate) fn change(
    conn: &mut Connection,
    jejak: Jejak,
    f: impl FnOnce(&Connection) -> Result<usize>,
) -> Result<bool> {
    let tx = conn.transaction().map_err(backend_err)?;
    if f(&tx)? == 0 {
        return Ok(false);
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(true)
}

/// Disabling also ends the account's sessions and voids its unused
/// one-time codes, in the caller's transaction: a cookie or link handed out
/// before must not work again when the account is enabled again.
pub(crate) fn ubah_aktif(conn: &Connection, id: Uuid, aktif: bool) -> Result<usize> {
    let id = id.to_string();
    let n = conn
        .execute(posko_storage::sql::UBAH_AKTIF_PENGGUNA, params![id, aktif])
        .map_err(backend_err)?;
    if n > 0 && !aktif {
        for sql in [
            "DELETE FROM sesi WHERE pengguna_id = ?1",
            posko_storage::sql::HAPUS_KODE_MASUK_PENGGUNA,
        ] {
            conn.execute(sql, [&id]).map_err(backend_err)?;
        }
    }
    Ok(n)
}

pub(crate) fn set_hash(conn: &Connection, id: Uuid, hash: &str) -> Result<usize> {
    conn.execute(
        posko_storage::sql::UBAH_SANDI_PENGGUNA,
        params![id.to_string(), hash],
    )
    .map_err(backend_err)
}

pub(crate) fn simpan_penugasan(conn: &Connection, id: Uuid, t: &Penugasan) -> Result<usize> {
    let exists: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM pengguna WHERE id = ?1)",
            [id.to_string()],
            |r| r.get(0),
        )
        .map_err(backend_err)?;
    if !exists {
        return Err(StoreError::NotFound(format!("pengguna {id}")));
    }
    insert_penugasan(conn, id, t)
}

pub(crate) fn hapus_penugasan(conn: &Connection, id: Uuid, t: &Penugasan) -> Result<usize> {
    conn.execute(
        posko_storage::sql::HAPUS_PENUGASAN,
        params![id.to_string(), t.peran.slug(), t.cakupan.to_string()],
    )
    .map_err(backend_err)
}

pub(crate) fn saksi_per_tps(conn: &Connection, w: &str) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::HITUNG_SAKSI_PER_TPS)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![w, format!("{w}/")], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(backend_err)?;
    rows.map(|r| r.map_err(backend_err)).collect()
}

pub(crate) fn saksi_di(conn: &Connection, w: &str) -> Result<Vec<SaksiTps>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_SAKSI_DI_WILAYAH)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![w, format!("{w}/")], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })
        .map_err(backend_err)?;
    rows.map(|r| {
        let (tps, id, username, nama, ditetapkan_utama) = r.map_err(backend_err)?;
        Ok(SaksiTps {
            tps: KodeTps::parse(&tps)
                .map_err(|e| StoreError::Corrupt(format!("cakupan saksi '{tps}': {e}")))?,
            pengguna_id: Uuid::parse_str(&id)
                .map_err(|e| StoreError::Corrupt(format!("id pengguna '{id}': {e}")))?,
            username,
            nama,
            ditetapkan_utama,
        })
    })
    .collect()
}

pub(crate) fn set_utama(conn: &Connection, id: Uuid, tps: &KodeTps) -> Result<usize> {
    conn.execute(
        posko_storage::sql::SIMPAN_SAKSI_UTAMA,
        params![tps.to_string(), id.to_string()],
    )
    .map_err(backend_err)
}

#[async_trait]
impl PenggunaStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pengguna(
        &self,
        p: &Pengguna,
        password_hash: Option<&str>,
        jejak: &Jejak,
    ) -> Result<()> {
        let (p, hash, jejak) = (p.clone(), password_hash.map(str::to_string), jejak.clone());
        self.write(move |c| create(c, &p, hash.as_deref(), jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_pengguna(&self, id: Uuid) -> Result<Option<Pengguna>> {
        self.read(move |c| Ok(find(c, "id", &id.to_string())?.map(|(p, _)| p)))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_login(&self, username: &str) -> Result<Option<(Pengguna, Option<String>)>> {
        let username = username.to_string();
        self.read(move |c| find(c, "username", &username)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pengguna(&self) -> Result<Vec<Pengguna>> {
        self.read(list).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_saksi_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>> {
        let w = wilayah.to_string();
        let rows = self.read(move |c| saksi_per_tps(c, &w)).await?;
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
        let w = wilayah.to_string();
        self.read(move |c| saksi_di(c, &w)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_saksi_utama(&self, id: Uuid, tps: KodeTps, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| change(c, jejak, |tx| set_utama(tx, id, &tps)))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pengguna_banyak(&self, rows: &[Pengguna], jejak: &Jejak) -> Result<()> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| create_many(c, &rows, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_pengguna_telepon(&self, indeks: &[String]) -> Result<Vec<Pengguna>> {
        let indeks = indeks.to_vec();
        self.read(move |c| find_by_telepon(c, &indeks)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_telepon(
        &self,
        id: Uuid,
        telepon: Option<&DataTersandi>,
        jejak: &Jejak,
    ) -> Result<bool> {
        let (t, jejak) = (telepon.cloned(), jejak.clone());
        self.write(move |c| change(c, jejak, |tx| ubah_telepon(tx, id, t.as_ref())))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_pengguna_telegram(&self, indeks: &[String]) -> Result<Vec<Pengguna>> {
        let indeks = indeks.to_vec();
        self.read(move |c| find_by_telegram(c, &indeks)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_telegram(
        &self,
        id: Uuid,
        telegram: Option<&DataTersandi>,
        lepas_dari: &[String],
        jejak: &Jejak,
    ) -> Result<bool> {
        let (t, lepas, jejak) = (telegram.cloned(), lepas_dari.to_vec(), jejak.clone());
        self.write(move |c| change(c, jejak, |tx| ubah_telegram(tx, id, t.as_ref(), &lepas)))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_aktif(&self, id: Uuid, aktif: bool, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| change(c, jejak, |tx| ubah_aktif(tx, id, aktif)))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_hash_sandi(&self, id: Uuid, hash: &str, jejak: &Jejak) -> Result<bool> {
        let (jejak, hash) = (jejak.clone(), hash.to_string());
        self.write(move |c| change(c, jejak, |tx| set_hash(tx, id, &hash)))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_penugasan(&self, id: Uuid, t: Penugasan, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| change(c, jejak, |tx| simpan_penugasan(tx, id, &t)))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_penugasan(&self, id: Uuid, t: Penugasan, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| change(c, jejak, |tx| hapus_penugasan(tx, id, &t)))
            .await
    }
}
