//! Posko's default backend: one SQLite file in WAL mode.
//!
//! SQLite has one writer, so all writes go to a single connection owned by
//! a thread of its own (`penulis.rs`) and are batched in transactions;
//! reads use a small pool of their own connections on tokio's blocking
//! threads and never wait for the writer.

mod audit;
mod cari_nama;
mod hari_h;
mod hasil;
mod hitung_cepat;
mod kunjungan;
mod migrasi;
mod pemilih;
mod pengguna;
mod penulis;
mod pesan;
mod pool;
mod relawan;
mod riwayat;
mod rows;
mod sesi;
mod token;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use posko_domain::hitung_cepat::Sampel;
use posko_domain::peta::Batas;
use posko_domain::{EntriAudit, Jejak, KodeTps, KodeWilayah, Penugasan, Tingkat};
use posko_storage::BatasBaris;
use posko_storage::{
    Angka, Bacaan, BatasPercobaan, Checkin, DataTersandi, HasilTps, ImportCounts, Insiden, Kirim,
    KirimanHasil, KodeMasuk, KolomRahasia, Paslon, Pemilihan, Pengguna, Percobaan, RekapDpt,
    RekapHasil, Result, SaksiTps, Sesi, StatusHasil, Store, StoreError, Tps, Wilayah,
    WilayahDenganRekap,
};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::audit::append_audit;
#[cfg(test)]
use crate::migrasi::MIGRATIONS;
use crate::migrasi::migrate;
use crate::pool::ReaderPool;
use crate::rows::*;
use posko_storage::TokenApi;
use posko_storage::{Balasan, HasilOlah, PesanMasuk, StatusPesan};
use posko_storage::{Kunjungan, PasanganRagu, Pendukung, Relawan, Undangan};
use time::Date;

#[derive(Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    penulis: penulis::Penulis,
    readers: ReaderPool,
}

fn backend_err(e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && f.code == rusqlite::ErrorCode::ConstraintViolation
        && f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    {
        return StoreError::Conflict(e.to_string());
    }
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && f.code == rusqlite::ErrorCode::DatabaseBusy
    {
        // Which kind of busy (recovery, snapshot, timeout) says what to fix.
        return StoreError::Backend(format!("{e} (kode {})", f.extended_code));
    }
    StoreError::Backend(e.to_string())
}

/// How long a connection waits for a lock before answering BUSY.
pub(crate) const BATAS_SIBUK: std::time::Duration = std::time::Duration::from_secs(10);

pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BATAS_SIBUK)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -65536;",
    )
}

/// A reader needs no journal-mode change: WAL is a property of the file,
/// set by the writer, and asking for it on every new reader only adds a
/// lock to wait on.
pub(crate) fn configure_reader(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BATAS_SIBUK)?;
    conn.execute_batch(
        "PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -65536;",
    )
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema
    /// up to date.
    pub async fn open(path: &Path) -> Result<SqliteStore> {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || {
            pribadi(&path).map_err(|e| {
                StoreError::Backend(format!("tidak bisa membuat {}: {e}", path.display()))
            })?;
            let mut conn = Connection::open(&path).map_err(|e| {
                StoreError::Backend(format!("tidak bisa membuka {}: {e}", path.display()))
            })?;
            configure(&conn).map_err(backend_err)?;
            // SQLite gives the WAL and shared-memory files the database
            // file's mode; files left by an older run are tightened too.
            for akhiran in ["-wal", "-shm"] {
                let mut p = path.clone().into_os_string();
                p.push(akhiran);
                pribadi_bila_ada(std::path::Path::new(&p)).map_err(|e| {
                    StoreError::Backend(format!("izin berkas {}: {e}", path.display()))
                })?;
            }
            // The one writer takes the write lock when a transaction begins.
            // A deferred transaction that reads first and then writes cannot
            // wait for the lock (SQLite answers BUSY at once), and 0.01 % of
            // election-night submissions failed that way at 820,000 TPS.
            conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
            migrate(&mut conn)?;
            let penulis = penulis::Penulis::mulai(conn)
                .map_err(|e| StoreError::Backend(format!("utas penulis: {e}")))?;
            Ok(SqliteStore {
                inner: Arc::new(Inner {
                    readers: ReaderPool::new(path.clone()),
                    path,
                    penulis,
                }),
            })
        })
        .await
        .map_err(|e| StoreError::Backend(e.to_string()))?
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let conn = inner.readers.get()?;
            f(&conn)
        })
        .await
        .map_err(|e| StoreError::Backend(e.to_string()))?
    }

    async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        self.inner.penulis.jalankan(f).await
    }
}

/// The database holds the campaign's people: readable and writable by
/// Posko's own OS account only (0600), created so from the first byte and
/// tightened if an older file was looser.
fn pribadi(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
        {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => pribadi_bila_ada(path),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

fn pribadi_bila_ada(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::metadata(path) {
            Ok(m) if m.permissions().mode() & 0o077 != 0 => {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            }
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

fn count(conn: &Connection, table: &str) -> rusqlite::Result<u64> {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n as u64)
}

/// Inserted = growth of the table; changed = rows the upsert touched that
/// were not new; the rest were identical and left alone.
fn counts(before: u64, after: u64, touched: u64, rows: usize) -> ImportCounts {
    let baru = after - before;
    let berubah = touched.saturating_sub(baru);
    ImportCounts {
        baru,
        berubah,
        sama: (rows as u64).saturating_sub(baru + berubah),
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn schema_version(&self) -> Result<i64> {
        self.read(|c| {
            c.query_row(
                "SELECT COALESCE(MAX(versi), 0) FROM posko_migrasi",
                [],
                |r| r.get(0),
            )
            .map_err(backend_err)
        })
        .await
    }

    async fn upsert_wilayah(&self, rows: &[Wilayah], jejak: &Jejak) -> Result<ImportCounts> {
        let mut rows = rows.to_vec();
        let jejak = jejak.clone();
        // Parents first, so the self-reference holds row by row.
        rows.sort_by_key(|w| w.kode);
        self.write(move |conn| {
            let tx = conn.transaction().map_err(backend_err)?;
            let before = count(&tx, "wilayah").map_err(backend_err)?;
            let mut touched = 0u64;
            {
                let mut stmt = tx
                    .prepare(
                        "INSERT INTO wilayah (kode, tingkat, nama, kode_induk, jenis_desa)
                         VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (kode) DO UPDATE SET
                           nama = excluded.nama, jenis_desa = excluded.jenis_desa
                         WHERE wilayah.nama IS NOT excluded.nama
                            OR wilayah.jenis_desa IS NOT excluded.jenis_desa",
                    )
                    .map_err(backend_err)?;
                for w in &rows {
                    touched += stmt
                        .execute(params![
                            w.kode.to_string(),
                            w.kode.tingkat().as_u8(),
                            w.nama,
                            w.kode.induk().map(|k| k.to_string()),
                            w.jenis_desa.map(|j| j.slug()),
                        ])
                        .map_err(|e| StoreError::Backend(format!("wilayah {}: {e}", w.kode)))?
                        as u64;
                }
            }
            let after = count(&tx, "wilayah").map_err(backend_err)?;
            append_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)?;
            Ok(counts(before, after, touched, rows.len()))
        })
        .await
    }

    async fn get_wilayah(&self, kode: KodeWilayah) -> Result<Option<Wilayah>> {
        self.read(move |c| {
            c.query_row(
                "SELECT kode, nama, jenis_desa FROM wilayah WHERE kode = ?1",
                [kode.to_string()],
                wilayah_row,
            )
            .optional()
            .map_err(backend_err)?
            .transpose()
        })
        .await
    }

    async fn get_wilayah_many(&self, kodes: &[KodeWilayah]) -> Result<Vec<Wilayah>> {
        let kodes = kodes.to_vec();
        self.read(move |c| {
            let mut stmt = c
                .prepare_cached("SELECT kode, nama, jenis_desa FROM wilayah WHERE kode = ?1")
                .map_err(backend_err)?;
            let mut out = Vec::with_capacity(kodes.len());
            for k in kodes {
                if let Some(w) = stmt
                    .query_row([k.to_string()], wilayah_row)
                    .optional()
                    .map_err(backend_err)?
                {
                    out.push(w?);
                }
            }
            Ok(out)
        })
        .await
    }

    async fn children_of(&self, induk: Option<KodeWilayah>) -> Result<Vec<Wilayah>> {
        self.read(move |c| {
            let (sql, arg) = match induk {
                Some(k) => (
                    "SELECT kode, nama, jenis_desa FROM wilayah WHERE kode_induk = ?1 ORDER BY kode",
                    k.to_string(),
                ),
                None => (
                    "SELECT kode, nama, jenis_desa FROM wilayah WHERE tingkat = 1 AND ?1 = ?1 ORDER BY kode",
                    String::new(),
                ),
            };
            let mut stmt = c.prepare_cached(sql).map_err(backend_err)?;
            collect(stmt.query_map([arg], wilayah_row).map_err(backend_err)?)
        })
        .await
    }

    async fn count_wilayah_by_level(&self) -> Result<[u64; 4]> {
        self.read(|c| {
            let mut out = [0u64; 4];
            let mut stmt = c
                .prepare("SELECT tingkat, COUNT(*) FROM wilayah GROUP BY tingkat")
                .map_err(backend_err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
                .map_err(backend_err)?;
            for row in rows {
                let (t, n) = row.map_err(backend_err)?;
                if let Some(slot) = out.get_mut((t - 1) as usize) {
                    *slot = n as u64;
                }
            }
            Ok(out)
        })
        .await
    }

    async fn known_codes(&self, tingkat: Tingkat) -> Result<HashSet<KodeWilayah>> {
        self.read(move |c| {
            let mut stmt = c
                .prepare("SELECT kode FROM wilayah WHERE tingkat = ?1")
                .map_err(backend_err)?;
            let rows = stmt
                .query_map([tingkat.as_u8()], |r| r.get::<_, String>(0))
                .map_err(backend_err)?;
            let mut out = HashSet::new();
            for row in rows {
                out.insert(kode(&row.map_err(backend_err)?)?);
            }
            Ok(out)
        })
        .await
    }

    async fn upsert_tps(&self, rows: &[Tps], jejak: &Jejak) -> Result<ImportCounts> {
        let rows = rows.to_vec();
        let jejak = jejak.clone();
        self.write(move |conn| {
            let tx = conn.transaction().map_err(backend_err)?;
            let before = count(&tx, "tps").map_err(backend_err)?;
            let mut touched = 0u64;
            {
                let mut stmt = tx
                    .prepare(
                        "INSERT INTO tps (kode_desa, nomor, dpt_laki, dpt_perempuan, dpt_total, alamat, lat, lng)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                         ON CONFLICT (kode_desa, nomor) DO UPDATE SET
                           dpt_laki = excluded.dpt_laki, dpt_perempuan = excluded.dpt_perempuan,
                           dpt_total = excluded.dpt_total, alamat = excluded.alamat,
                           lat = excluded.lat, lng = excluded.lng
                         WHERE tps.dpt_laki IS NOT excluded.dpt_laki
                            OR tps.dpt_perempuan IS NOT excluded.dpt_perempuan
                            OR tps.dpt_total IS NOT excluded.dpt_total
                            OR tps.alamat IS NOT excluded.alamat
                            OR tps.lat IS NOT excluded.lat OR tps.lng IS NOT excluded.lng",
                    )
                    .map_err(backend_err)?;
                let mut desa_text = String::new();
                let mut last_desa = None;
                for t in &rows {
                    // Most files list a desa's TPS together; format its code once.
                    if last_desa != Some(t.kode.desa()) {
                        desa_text = t.kode.desa().to_string();
                        last_desa = Some(t.kode.desa());
                    }
                    touched += stmt
                        .execute(params![
                            desa_text,
                            t.kode.nomor().get(),
                            t.dpt.laki(),
                            t.dpt.perempuan(),
                            t.dpt.total(),
                            t.alamat,
                            t.lokasi.map(|l| l.0),
                            t.lokasi.map(|l| l.1),
                        ])
                        .map_err(|e| StoreError::Backend(format!("TPS {}: {e}", t.kode)))?
                        as u64;
                }
            }
            let after = count(&tx, "tps").map_err(backend_err)?;
            tx.execute_batch(posko_storage::REBUILD_REKAP_SQL).map_err(backend_err)?;
            append_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)?;
            Ok(counts(before, after, touched, rows.len()))
        })
        .await
    }

    async fn get_tps(&self, kode: KodeTps) -> Result<Option<Tps>> {
        self.read(move |c| {
            c.query_row(
                &format!("{TPS_COLUMNS} WHERE kode_desa = ?1 AND nomor = ?2"),
                params![kode.desa().to_string(), kode.nomor().get()],
                tps_row,
            )
            .optional()
            .map_err(backend_err)?
            .transpose()
        })
        .await
    }

    async fn tps_under(
        &self,
        wilayah: KodeWilayah,
        after: Option<KodeTps>,
        limit: u32,
    ) -> Result<Vec<Tps>> {
        self.read(move |c| {
            let (lo, hi) = if wilayah.tingkat() == Tingkat::Desa {
                // A desa's own code is the only key in its range.
                let s = wilayah.to_string();
                (s.clone(), format!("{s}\u{1}"))
            } else {
                wilayah.prefix_range()
            };
            let (after_desa, after_nomor) = match after {
                Some(a) => (a.desa().to_string(), i64::from(a.nomor().get())),
                None => (String::new(), 0),
            };
            let mut stmt = c
                .prepare_cached(&format!(
                    "{TPS_COLUMNS} WHERE kode_desa >= ?1 AND kode_desa < ?2
                     AND (kode_desa, nomor) > (?3, ?4)
                     ORDER BY kode_desa, nomor LIMIT ?5"
                ))
                .map_err(backend_err)?;
            collect(
                stmt.query_map(params![lo, hi, after_desa, after_nomor, limit], tps_row)
                    .map_err(backend_err)?,
            )
        })
        .await
    }

    async fn dpt_totals(&self, kode: Option<KodeWilayah>) -> Result<RekapDpt> {
        self.read(move |c| {
            let row = match kode {
                Some(k) => c
                    .query_row(
                        &format!("{REKAP_COLUMNS} FROM rekap_dpt WHERE kode = ?1"),
                        [k.to_string()],
                        rekap_row,
                    )
                    .optional(),
                None => c
                    .query_row(
                        &format!("{REKAP_SUM_COLUMNS} FROM rekap_dpt WHERE tingkat = 1"),
                        [],
                        rekap_row,
                    )
                    .optional(),
            }
            .map_err(backend_err)?;
            let mut rekap = row.unwrap_or_default();
            rekap.kode = kode;
            Ok(rekap)
        })
        .await
    }

    async fn children_with_totals(
        &self,
        induk: Option<KodeWilayah>,
    ) -> Result<Vec<WilayahDenganRekap>> {
        self.read(move |c| {
            let filter = match induk {
                Some(_) => "w.kode_induk = ?1",
                None => "w.tingkat = 1 AND ?1 = ?1",
            };
            let mut stmt = c
                .prepare_cached(&format!(
                    "SELECT w.kode, w.nama, w.jenis_desa,
                            COALESCE(r.jumlah_tps, 0), COALESCE(r.tps_dengan_dpt, 0),
                            COALESCE(r.dpt_laki, 0), COALESCE(r.dpt_perempuan, 0),
                            COALESCE(r.dpt_total, 0)
                     FROM wilayah w LEFT JOIN rekap_dpt r ON r.kode = w.kode
                     WHERE {filter} ORDER BY w.kode"
                ))
                .map_err(backend_err)?;
            let arg = induk.map(|k| k.to_string()).unwrap_or_default();
            collect(
                stmt.query_map([arg], wilayah_with_rekap_row)
                    .map_err(backend_err)?,
            )
        })
        .await
    }

    async fn create_pemilihan(&self, p: &Pemilihan, jejak: &Jejak) -> Result<()> {
        let p = p.clone();
        let jejak = jejak.clone();
        self.write(move |conn| {
            let c = conn.transaction().map_err(backend_err)?;
            c.execute(
                "INSERT INTO pemilihan (id, jenis, kode_wilayah, nama, tanggal, dibuat)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    p.id.to_string(),
                    p.jenis.slug(),
                    p.wilayah.to_string(),
                    p.nama,
                    p.tanggal.to_string(),
                    format_time(p.dibuat)?,
                ],
            )
            .map_err(backend_err)?;
            append_audit(&c, jejak)?;
            c.commit().map_err(backend_err)
        })
        .await
    }

    async fn list_pemilihan(&self) -> Result<Vec<Pemilihan>> {
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(&format!("{PEMILIHAN_COLUMNS} ORDER BY tanggal, id"))
                .map_err(backend_err)?;
            collect(stmt.query_map([], pemilihan_row).map_err(backend_err)?)
        })
        .await
    }

    async fn get_pemilihan(&self, id: Uuid) -> Result<Option<Pemilihan>> {
        self.read(move |c| {
            c.query_row(
                &format!("{PEMILIHAN_COLUMNS} WHERE id = ?1"),
                [id.to_string()],
                pemilihan_row,
            )
            .optional()
            .map_err(backend_err)?
            .transpose()
        })
        .await
    }

    async fn add_paslon(&self, p: &Paslon, jejak: &Jejak) -> Result<()> {
        let p = p.clone();
        let jejak = jejak.clone();
        self.write(move |conn| {
            let c = conn.transaction().map_err(backend_err)?;
            c.execute(
                "INSERT INTO paslon (pemilihan_id, nomor_urut, calon_kepala, calon_wakil)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    p.pemilihan_id.to_string(),
                    p.nomor_urut.get(),
                    p.calon_kepala.as_str(),
                    p.calon_wakil.as_str(),
                ],
            )
            .map_err(|e| match backend_err(e) {
                StoreError::Conflict(_) => {
                    StoreError::Conflict(format!("paslon nomor urut {}", p.nomor_urut))
                }
                other => other,
            })?;
            append_audit(&c, jejak)?;
            c.commit().map_err(backend_err)
        })
        .await
    }

    async fn list_paslon(&self, pemilihan_id: Uuid) -> Result<Vec<Paslon>> {
        self.read(move |c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT pemilihan_id, nomor_urut, calon_kepala, calon_wakil
                     FROM paslon WHERE pemilihan_id = ?1 ORDER BY nomor_urut",
                )
                .map_err(backend_err)?;
            collect(
                stmt.query_map([pemilihan_id.to_string()], paslon_row)
                    .map_err(backend_err)?,
            )
        })
        .await
    }

    async fn create_pengguna(
        &self,
        p: &Pengguna,
        password_hash: Option<&str>,
        jejak: &Jejak,
    ) -> Result<()> {
        let (p, hash, jejak) = (p.clone(), password_hash.map(str::to_string), jejak.clone());
        self.write(move |c| pengguna::create(c, &p, hash.as_deref(), jejak))
            .await
    }

    async fn get_pengguna(&self, id: Uuid) -> Result<Option<Pengguna>> {
        self.read(move |c| Ok(pengguna::find(c, "id", &id.to_string())?.map(|(p, _)| p)))
            .await
    }

    async fn find_login(&self, username: &str) -> Result<Option<(Pengguna, Option<String>)>> {
        let username = username.to_string();
        self.read(move |c| pengguna::find(c, "username", &username))
            .await
    }

    async fn list_pengguna(&self) -> Result<Vec<Pengguna>> {
        self.read(pengguna::list).await
    }

    async fn saksi_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>> {
        let w = wilayah.to_string();
        let rows = self.read(move |c| pengguna::saksi_per_tps(c, &w)).await?;
        rows.into_iter()
            .map(|(t, n)| {
                KodeTps::parse(&t)
                    .map(|k| (k, n))
                    .map_err(|e| StoreError::Corrupt(format!("cakupan saksi '{t}': {e}")))
            })
            .collect()
    }

    async fn saksi_di(&self, wilayah: KodeWilayah) -> Result<Vec<SaksiTps>> {
        let w = wilayah.to_string();
        self.read(move |c| pengguna::saksi_di(c, &w)).await
    }

    async fn set_saksi_utama(&self, id: Uuid, tps: KodeTps, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| pengguna::change(c, jejak, |tx| pengguna::set_utama(tx, id, &tps)))
            .await
    }

    async fn create_pengguna_many(&self, rows: &[Pengguna], jejak: &Jejak) -> Result<()> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| pengguna::create_many(c, &rows, jejak))
            .await
    }

    async fn find_pengguna_by_telepon(&self, indeks: &[String]) -> Result<Vec<Pengguna>> {
        let indeks = indeks.to_vec();
        self.read(move |c| pengguna::find_by_telepon(c, &indeks))
            .await
    }

    async fn set_telepon(
        &self,
        id: Uuid,
        telepon: Option<&DataTersandi>,
        jejak: &Jejak,
    ) -> Result<bool> {
        let (t, jejak) = (telepon.cloned(), jejak.clone());
        self.write(move |c| {
            pengguna::change(c, jejak, |tx| pengguna::set_telepon(tx, id, t.as_ref()))
        })
        .await
    }

    async fn find_pengguna_by_telegram(&self, indeks: &[String]) -> Result<Vec<Pengguna>> {
        let indeks = indeks.to_vec();
        self.read(move |c| pengguna::find_by_telegram(c, &indeks))
            .await
    }

    async fn set_telegram(
        &self,
        id: Uuid,
        telegram: Option<&DataTersandi>,
        lepas_dari: &[String],
        jejak: &Jejak,
    ) -> Result<bool> {
        let (t, lepas, jejak) = (telegram.cloned(), lepas_dari.to_vec(), jejak.clone());
        self.write(move |c| {
            pengguna::change(c, jejak, |tx| {
                pengguna::set_telegram(tx, id, t.as_ref(), &lepas)
            })
        })
        .await
    }

    async fn submit_hasil(
        &self,
        kiriman: &KirimanHasil,
        baru: &HasilTps,
        jejak: &Jejak,
    ) -> Result<Kirim> {
        let (k, b, j) = (kiriman.clone(), baru.clone(), jejak.clone());
        self.write(move |c| hasil::submit(c, &k, &b, j)).await
    }

    async fn kiriman_tps(&self, pemilihan_id: Uuid, tps: KodeTps) -> Result<Vec<KirimanHasil>> {
        self.read(move |c| hasil::kiriman_tps(c, pemilihan_id, tps))
            .await
    }

    async fn hasil_tps(&self, pemilihan_id: Uuid, tps: KodeTps) -> Result<Option<HasilTps>> {
        self.read(move |c| hasil::hasil_tps(c, pemilihan_id, tps))
            .await
    }

    async fn hasil_desa(&self, pemilihan_id: Uuid, desa: KodeWilayah) -> Result<Vec<HasilTps>> {
        self.read(move |c| hasil::hasil_desa(c, pemilihan_id, desa))
            .await
    }

    async fn rekap_hasil(
        &self,
        pemilihan_id: Uuid,
        kodes: &[KodeWilayah],
        jumlah_paslon: usize,
    ) -> Result<Vec<RekapHasil>> {
        let kodes = kodes.to_vec();
        self.read(move |c| hasil::rekap(c, pemilihan_id, &kodes, jumlah_paslon))
            .await
    }

    async fn simpan_bacaan(&self, bacaan: &Bacaan, jejak: &Jejak) -> Result<Vec<Bacaan>> {
        let (b, j) = (bacaan.clone(), jejak.clone());
        self.write(move |c| hasil::simpan_bacaan(c, &b, j)).await
    }

    async fn bacaan_kiriman(&self, kiriman_id: Uuid) -> Result<Vec<Bacaan>> {
        self.read(move |c| hasil::bacaan_kiriman(c, kiriman_id))
            .await
    }

    async fn ubah_status_hasil(
        &self,
        pemilihan_id: Uuid,
        tps: KodeTps,
        kiriman_id: Uuid,
        status: StatusHasil,
        terverifikasi: Option<&Angka>,
        jejak: &Jejak,
    ) -> Result<bool> {
        let (t, j) = (terverifikasi.cloned(), jejak.clone());
        self.write(move |c| hasil::ubah_status(c, pemilihan_id, tps, kiriman_id, status, t, j))
            .await
    }

    async fn hasil_berstatus(
        &self,
        pemilihan_id: Uuid,
        status: StatusHasil,
        wilayah: &[KodeWilayah],
        limit: u32,
    ) -> Result<Vec<HasilTps>> {
        let w = wilayah.to_vec();
        self.read(move |c| hasil::hasil_berstatus(c, pemilihan_id, status, &w, limit))
            .await
    }

    async fn hasil_under(&self, pemilihan_id: Uuid, wilayah: KodeWilayah) -> Result<Vec<HasilTps>> {
        self.read(move |c| hasil::hasil_under(c, pemilihan_id, wilayah))
            .await
    }

    async fn kedatangan_hasil(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, i64)>> {
        self.read(move |c| hasil::kedatangan(c, pemilihan_id, wilayah))
            .await
    }

    async fn upsert_hasil_resmi(
        &self,
        pemilihan_id: Uuid,
        rows: &[(KodeTps, Angka)],
        jejak: &Jejak,
    ) -> Result<ImportCounts> {
        let (rows, j) = (rows.to_vec(), jejak.clone());
        self.write(move |c| hasil::upsert_resmi(c, pemilihan_id, &rows, j))
            .await
    }

    async fn hasil_resmi_under(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, Angka)>> {
        self.read(move |c| hasil::resmi_under(c, pemilihan_id, wilayah))
            .await
    }

    async fn catat_checkin(&self, c: &Checkin, jejak: &Jejak) -> Result<()> {
        let (c, j) = (c.clone(), jejak.clone());
        self.write(move |conn| hari_h::catat_checkin(conn, &c, j))
            .await
    }

    async fn checkin_under(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<Checkin>> {
        self.read(move |c| hari_h::checkin_under(c, pemilihan_id, wilayah))
            .await
    }

    async fn catat_insiden(&self, i: &Insiden, jejak: &Jejak) -> Result<()> {
        let (i, j) = (i.clone(), jejak.clone());
        self.write(move |conn| hari_h::catat_insiden(conn, &i, j))
            .await
    }

    async fn insiden_under(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        limit: u32,
    ) -> Result<Vec<Insiden>> {
        self.read(move |c| hari_h::insiden_under(c, pemilihan_id, wilayah, limit))
            .await
    }

    async fn kids_in_use(&self) -> Result<Vec<String>> {
        self.read(pengguna::kids_in_use).await
    }

    async fn read_rahasia(&self, kolom: KolomRahasia) -> Result<Vec<(Uuid, DataTersandi)>> {
        self.read(move |c| pengguna::read_rahasia(c, kolom)).await
    }

    async fn rewrite_rahasia(
        &self,
        rows: &[(KolomRahasia, Uuid, DataTersandi)],
        jejak: &Jejak,
    ) -> Result<u64> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| pengguna::rewrite_rahasia(c, &rows, jejak))
            .await
    }

    async fn set_aktif(&self, id: Uuid, aktif: bool, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| pengguna::change(c, jejak, |tx| pengguna::set_aktif(tx, id, aktif)))
            .await
    }

    async fn set_password_hash(&self, id: Uuid, hash: &str, jejak: &Jejak) -> Result<bool> {
        let (jejak, hash) = (jejak.clone(), hash.to_string());
        self.write(move |c| pengguna::change(c, jejak, |tx| pengguna::set_hash(tx, id, &hash)))
            .await
    }

    async fn grant(&self, id: Uuid, t: Penugasan, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| pengguna::change(c, jejak, |tx| pengguna::grant(tx, id, &t)))
            .await
    }

    async fn revoke(&self, id: Uuid, t: Penugasan, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| pengguna::change(c, jejak, |tx| pengguna::revoke(tx, id, &t)))
            .await
    }

    async fn create_sesi(&self, sesi: &Sesi, jejak: &Jejak) -> Result<()> {
        let (sesi, jejak) = (sesi.clone(), jejak.clone());
        self.write(move |c| sesi::create(c, &sesi, jejak)).await
    }

    async fn get_sesi(&self, token_hash: &str, now: i64) -> Result<Option<Sesi>> {
        let token_hash = token_hash.to_string();
        self.read(move |c| sesi::get(c, &token_hash, now)).await
    }

    async fn list_sesi(&self, pengguna_id: Uuid, now: i64) -> Result<Vec<Sesi>> {
        self.read(move |c| sesi::list(c, pengguna_id, now)).await
    }

    async fn delete_sesi_pengguna(
        &self,
        pengguna_id: Uuid,
        kecuali: Option<&str>,
        jejak: &Jejak,
    ) -> Result<u64> {
        let (kecuali, jejak) = (kecuali.map(str::to_string), jejak.clone());
        self.write(move |c| sesi::delete_for(c, pengguna_id, kecuali.as_deref(), jejak))
            .await
    }

    async fn delete_sesi(&self, token_hash: &str) -> Result<()> {
        let token_hash = token_hash.to_string();
        self.write(move |c| {
            c.execute("DELETE FROM sesi WHERE token_hash = ?1", [token_hash])
                .map_err(backend_err)?;
            Ok(())
        })
        .await
    }

    async fn catat_percobaan(
        &self,
        p: &Percobaan,
        batas: &[BatasPercobaan],
        jejak: Option<&Jejak>,
    ) -> Result<bool> {
        let (p, batas, jejak) = (p.clone(), batas.to_vec(), jejak.cloned());
        self.write(move |c| sesi::catat_percobaan(c, &p, &batas, jejak))
            .await
    }

    async fn hapus_percobaan(&self, id: Uuid, kunci: &[String]) -> Result<()> {
        let kunci = kunci.to_vec();
        self.write(move |c| sesi::hapus_percobaan(c, id, &kunci))
            .await
    }

    async fn create_kode_masuk(&self, kode: &KodeMasuk, jejak: &Jejak) -> Result<()> {
        let (kode, jejak) = (kode.clone(), jejak.clone());
        self.write(move |conn| {
            let tx = conn.transaction().map_err(backend_err)?;
            tx.execute(
                "INSERT INTO kode_masuk (kode_hash, pengguna_id, kadaluarsa, penerbit)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    kode.kode_hash,
                    kode.pengguna_id.to_string(),
                    kode.kadaluarsa,
                    kode.penerbit.map(|u| u.to_string())
                ],
            )
            .map_err(backend_err)?;
            append_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)
        })
        .await
    }

    async fn take_kode_masuk(
        &self,
        kode_hash: &str,
        now: i64,
    ) -> Result<Option<(Uuid, Option<Uuid>)>> {
        let kode_hash = kode_hash.to_string();
        self.write(move |c| {
            let row: Option<(String, i64, Option<String>)> = c
                .query_row(
                    "DELETE FROM kode_masuk WHERE kode_hash = ?1
                     RETURNING pengguna_id, kadaluarsa, penerbit",
                    [kode_hash],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
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

    async fn create_token(&self, t: &TokenApi, jejak: &Jejak) -> Result<()> {
        let (t, jejak) = (t.clone(), jejak.clone());
        self.write(move |c| token::create(c, &t, jejak)).await
    }

    async fn use_token(&self, token_hash: &str, now: i64) -> Result<Option<TokenApi>> {
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

    async fn list_tokens(&self) -> Result<Vec<TokenApi>> {
        self.read(token::list).await
    }

    async fn revoke_token(&self, id: Uuid, now: i64, jejak: &Jejak) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |c| pengguna::change(c, jejak, |tx| token::revoke(tx, id, now)))
            .await
    }

    async fn append_audit(&self, jejak: &Jejak) -> Result<()> {
        let jejak = jejak.clone();
        self.write(move |conn| {
            let tx = conn.transaction().map_err(backend_err)?;
            append_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)
        })
        .await
    }

    async fn list_audit(&self, after: i64, limit: u32) -> Result<Vec<EntriAudit>> {
        self.read(move |c| audit::list(c, after, limit)).await
    }

    async fn search_audit(
        &self,
        before: Option<i64>,
        aksi_prefix: Option<&str>,
        aktor: Option<&str>,
        limit: u32,
    ) -> Result<Vec<EntriAudit>> {
        let (aksi, aktor) = (aksi_prefix.map(str::to_string), aktor.map(str::to_string));
        self.read(move |c| audit::search(c, before, aksi.as_deref(), aktor.as_deref(), limit))
            .await
    }

    async fn catat_unggah_foto(
        &self,
        hash: &str,
        pengguna_id: Uuid,
        waktu: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        let (hash, jejak) = (hash.to_string(), jejak.clone());
        self.write(move |c| {
            let tx = c.transaction().map_err(backend_err)?;
            let baru = tx
                .execute(
                    "INSERT INTO foto_unggah (hash, pengguna_id, waktu) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING",
                    params![hash, pengguna_id.to_string(), waktu],
                )
                .map_err(backend_err)?;
            if baru > 0 {
                append_audit(&tx, jejak)?;
            }
            tx.commit().map_err(backend_err)
        })
        .await
    }

    async fn pernah_unggah_foto(&self, hash: &str, pengguna_id: Uuid) -> Result<bool> {
        let hash = hash.to_string();
        self.read(move |c| {
            c.prepare_cached("SELECT 1 FROM foto_unggah WHERE hash = ?1 AND pengguna_id = ?2")
                .map_err(backend_err)?
                .exists(params![hash, pengguna_id.to_string()])
                .map_err(backend_err)
        })
        .await
    }

    async fn audit_entitas(
        &self,
        entitas: &str,
        entitas_id: &str,
        limit: u32,
    ) -> Result<Vec<EntriAudit>> {
        let (e, id) = (entitas.to_string(), entitas_id.to_string());
        self.read(move |c| audit::entitas(c, &e, &id, limit)).await
    }

    async fn hasil_tps_banyak(&self, pemilihan_id: Uuid, tps: &[KodeTps]) -> Result<Vec<HasilTps>> {
        let tps = tps.to_vec();
        self.read(move |c| hitung_cepat::hasil_tps_banyak(c, pemilihan_id, &tps))
            .await
    }

    async fn simpan_sampel(
        &self,
        pemilihan_id: Uuid,
        sampel: &Sampel,
        dibuat: i64,
        jejak: &Jejak,
    ) -> Result<bool> {
        let (sampel, jejak) = (sampel.clone(), jejak.clone());
        self.write(move |c| hitung_cepat::simpan_sampel(c, pemilihan_id, &sampel, dibuat, jejak))
            .await
    }

    async fn sampel(&self, pemilihan_id: Uuid) -> Result<Option<(Sampel, i64)>> {
        self.read(move |c| hitung_cepat::sampel(c, pemilihan_id))
            .await
    }

    async fn ganti_riwayat(
        &self,
        r: &posko_storage::Riwayat,
        rows: &[posko_domain::HasilLalu],
        jejak: &Jejak,
    ) -> Result<()> {
        let (r, rows, jejak) = (r.clone(), rows.to_vec(), jejak.clone());
        self.write(move |c| riwayat::ganti(c, &r, &rows, jejak))
            .await
    }

    async fn riwayat(&self) -> Result<Option<posko_storage::Riwayat>> {
        self.read(riwayat::riwayat).await
    }

    async fn partisipasi_lalu(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_storage::PartisipasiLalu>> {
        self.read(move |c| riwayat::partisipasi(c, wilayah)).await
    }

    async fn hasil_lalu(&self, wilayah: KodeWilayah) -> Result<Vec<posko_domain::HasilLalu>> {
        self.read(move |c| riwayat::hasil_lalu(c, wilayah)).await
    }

    async fn asumsi_target(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Option<posko_storage::AsumsiTarget>> {
        self.read(move |c| riwayat::asumsi(c, pemilihan_id)).await
    }

    async fn simpan_asumsi_target(
        &self,
        pemilihan_id: Uuid,
        asumsi: &posko_storage::AsumsiTarget,
        jejak: &Jejak,
    ) -> Result<()> {
        let (a, jejak) = (asumsi.clone(), jejak.clone());
        self.write(move |c| riwayat::simpan_asumsi(c, pemilihan_id, &a, jejak))
            .await
    }

    async fn simpan_pesan(&self, p: &PesanMasuk, jejak: &Jejak) -> Result<Option<PesanMasuk>> {
        let (p, j) = (p.clone(), jejak.clone());
        self.write(move |c| pesan::simpan(c, &p, j)).await
    }

    async fn selesaikan_pesan(
        &self,
        id: Uuid,
        h: &HasilOlah,
        sekarang: i64,
        jejak: &Jejak,
    ) -> Result<bool> {
        let (h, j) = (h.clone(), jejak.clone());
        self.write(move |c| pesan::selesaikan(c, id, &h, sekarang, j))
            .await
    }

    async fn pesan_baru(&self, sebelum: i64, limit: u32) -> Result<Vec<PesanMasuk>> {
        self.read(move |c| pesan::baru(c, sebelum, limit)).await
    }

    async fn hitung_pesan_dari(&self, indeks: &str, sejak: i64) -> Result<u64> {
        let indeks = indeks.to_string();
        self.read(move |c| pesan::hitung_dari(c, &indeks, sejak))
            .await
    }

    async fn daftar_pesan(&self, status: &[StatusPesan], limit: u32) -> Result<Vec<PesanMasuk>> {
        let status = status.to_vec();
        self.read(move |c| pesan::daftar(c, &status, limit)).await
    }

    async fn ambil_balasan(
        &self,
        sekarang: i64,
        sewa_sampai: i64,
        limit: u32,
    ) -> Result<Vec<Balasan>> {
        self.write(move |c| pesan::ambil(c, sekarang, sewa_sampai, limit))
            .await
    }

    async fn beri_kode_singkat(&self, tps: &[KodeTps], jejak: &Jejak) -> Result<Vec<u64>> {
        let (tps, jejak) = (tps.to_vec(), jejak.clone());
        self.write(move |c| pesan::beri_kode_singkat(c, &tps, jejak))
            .await
    }

    async fn tps_kode_singkat(&self, nomor: u64) -> Result<Option<KodeTps>> {
        self.read(move |c| pesan::tps_kode_singkat(c, nomor)).await
    }

    async fn tandai_balasan(
        &self,
        id: Uuid,
        terkirim: bool,
        galat: Option<&str>,
        berikut: i64,
        sekarang: i64,
    ) -> Result<()> {
        let galat = galat.map(str::to_string);
        self.write(move |c| pesan::tandai(c, id, terkirim, galat.as_deref(), berikut, sekarang))
            .await
    }

    async fn keluar_per_status(&self) -> Result<Vec<(String, u64)>> {
        self.read(pesan::per_status).await
    }

    // --- relawan & pendukung ---

    async fn simpan_relawan(
        &self,
        relawan: &Relawan,
        akun: Option<(&Pengguna, &str)>,
        undangan: Option<&str>,
        sekarang: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        let (r, jejak) = (relawan.clone(), jejak.clone());
        let akun = akun.map(|(p, h)| (p.clone(), h.to_string()));
        let undangan = undangan.map(str::to_string);
        self.write(move |c| {
            relawan::simpan_relawan(
                c,
                &r,
                akun.as_ref().map(|(p, h)| (p, h.as_str())),
                undangan.as_deref(),
                sekarang,
                jejak,
            )
        })
        .await
    }

    async fn get_relawan(&self, id: Uuid) -> Result<Option<Relawan>> {
        self.read(move |c| relawan::get_relawan(c, id)).await
    }

    async fn relawan_pengguna(&self, pengguna_id: Uuid) -> Result<Option<Relawan>> {
        self.read(move |c| relawan::relawan_pengguna(c, pengguna_id))
            .await
    }

    async fn relawan_bawahan(&self, id: Uuid) -> Result<Vec<Relawan>> {
        self.read(move |c| relawan::bawahan(c, id)).await
    }

    async fn relawan_di(&self, wilayah: Option<KodeWilayah>) -> Result<Vec<Relawan>> {
        self.read(move |c| relawan::relawan_di(c, wilayah)).await
    }

    async fn simpan_undangan(&self, undangan: &Undangan, jejak: &Jejak) -> Result<()> {
        let (u, jejak) = (undangan.clone(), jejak.clone());
        self.write(move |c| relawan::simpan_undangan(c, &u, jejak))
            .await
    }

    async fn get_undangan(&self, kode_hash: &str) -> Result<Option<Undangan>> {
        let k = kode_hash.to_string();
        self.read(move |c| relawan::get_undangan(c, &k)).await
    }

    async fn simpan_pendukung(
        &self,
        p: &Pendukung,
        indeks_nama: &[String],
        nik_lain: &[String],
        ragu: &[(Uuid, f64)],
        jejak: &Jejak,
    ) -> Result<Option<Uuid>> {
        let (p, nama, nik_lain, ragu, jejak) = (
            p.clone(),
            indeks_nama.to_vec(),
            nik_lain.to_vec(),
            ragu.to_vec(),
            jejak.clone(),
        );
        self.write(move |c| relawan::simpan_pendukung(c, &p, &nama, &nik_lain, &ragu, jejak))
            .await
    }

    async fn get_pendukung(&self, id: Uuid) -> Result<Option<Pendukung>> {
        self.read(move |c| relawan::get_pendukung(c, id)).await
    }

    async fn pendukung_di(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<Pendukung>> {
        self.read(move |c| relawan::pendukung_di(c, wilayah, limit))
            .await
    }

    async fn kandidat_ganda(&self, desa: KodeWilayah, lahir: Date) -> Result<Vec<(Uuid, String)>> {
        self.read(move |c| relawan::kandidat_ganda(c, desa, lahir))
            .await
    }

    async fn ubah_pendukung(
        &self,
        p: &Pendukung,
        indeks_nama: &[String],
        jejak: &Jejak,
    ) -> Result<bool> {
        let (p, nama, jejak) = (p.clone(), indeks_nama.to_vec(), jejak.clone());
        self.write(move |c| relawan::ubah_pendukung(c, &p, &nama, jejak))
            .await
    }

    async fn hapus_pendukung(&self, ids: &[Uuid], jejak: &Jejak) -> Result<u64> {
        let (ids, jejak) = (ids.to_vec(), jejak.clone());
        self.write(move |c| relawan::hapus_pendukung(c, &ids, jejak))
            .await
    }

    async fn cari_pendukung(
        &self,
        cakupan: &[posko_domain::Cakupan],
        cari: &[Vec<String>],
        limit: u32,
        lewati: u32,
    ) -> Result<(u64, Vec<Pendukung>)> {
        let (cakupan, cari) = (cakupan.to_vec(), cari.to_vec());
        self.read(move |c| cari_nama::cari(c, &cakupan, &cari, limit, lewati))
            .await
    }

    async fn ganti_indeks_nama(&self, rows: &[(Uuid, Vec<String>)], jejak: &Jejak) -> Result<u64> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| cari_nama::ganti(c, &rows, jejak)).await
    }

    async fn nama_pendukung(&self, tanpa_indeks_saja: bool) -> Result<Vec<(Uuid, String)>> {
        self.read(move |c| cari_nama::nama(c, tanpa_indeks_saja))
            .await
    }

    async fn pendukung_kedaluwarsa(&self, hari_ini: Date) -> Result<Vec<Uuid>> {
        self.read(move |c| relawan::kedaluwarsa(c, hari_ini)).await
    }

    async fn hitung_pendukung_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>> {
        self.read(move |c| relawan::hitung_per_relawan(c, wilayah))
            .await
    }

    async fn aktivitas_pendukung(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
        let ids = relawan.to_vec();
        self.read(move |c| relawan::aktivitas(c, &ids)).await
    }

    async fn pendukung_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u64)>> {
        self.read(move |c| relawan::per_tps(c, wilayah)).await
    }

    async fn daftar_ragu(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<PasanganRagu>> {
        self.read(move |c| relawan::daftar_ragu(c, wilayah, limit))
            .await
    }

    async fn get_ragu(&self, id: Uuid) -> Result<Option<PasanganRagu>> {
        self.read(move |c| relawan::get_ragu(c, id)).await
    }

    async fn putuskan_ragu(&self, id: Uuid, status: &str, jejak: &Jejak) -> Result<bool> {
        let (status, jejak) = (status.to_string(), jejak.clone());
        self.write(move |c| relawan::putuskan_ragu(c, id, &status, jejak))
            .await
    }

    // --- pemilih (DPT) -------------------------------------------------------

    async fn muat_pemilih(&self) -> Result<Box<dyn posko_storage::MuatPemilih>> {
        Ok(Box::new(pemilih::mulai(&self.inner.penulis)?))
    }

    async fn pemilih_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>> {
        let w = wilayah.to_string();
        let rows = self.read(move |c| pemilih::per_tps(c, &w)).await?;
        rows.into_iter()
            .map(|(d, n, jumlah)| {
                let desa = KodeWilayah::parse(&d)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih desa '{d}': {e}")))?;
                let nomor = posko_domain::NomorTps::new(n)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih TPS {n}: {e}")))?;
                let k = KodeTps::new(desa, nomor)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih TPS: {e}")))?;
                Ok((k, jumlah))
            })
            .collect()
    }

    async fn cari_pemilih(
        &self,
        nama: &str,
        tanggal_lahir: time::Date,
        desa: KodeWilayah,
    ) -> Result<Vec<posko_domain::Pemilih>> {
        let (nama, desa) = (nama.to_string(), desa.to_string());
        self.read(move |c| pemilih::cari(c, &nama, tanggal_lahir, &desa))
            .await
    }

    async fn pemilih_tps(&self, tps: KodeTps) -> Result<Vec<posko_domain::Pemilih>> {
        let desa = tps.desa().to_string();
        self.read(move |c| pemilih::di_tps(c, &desa, tps.nomor().get()))
            .await
    }

    async fn simpan_kunjungan(&self, rows: &[Kunjungan], jejak: &Jejak) -> Result<Vec<Uuid>> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| kunjungan::simpan(c, &rows, jejak))
            .await
    }

    async fn kunjungan_tps(&self, tps: KodeTps) -> Result<Vec<Kunjungan>> {
        self.read(move |c| kunjungan::per_tps(c, tps)).await
    }

    async fn pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Vec<posko_domain::kunjungan::PertanyaanSurvei>> {
        self.read(move |c| kunjungan::pertanyaan(c, pemilihan_id))
            .await
    }

    async fn ganti_pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
        rows: &[posko_domain::kunjungan::PertanyaanSurvei],
        diubah: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| kunjungan::ganti_pertanyaan(c, pemilihan_id, &rows, diubah, jejak))
            .await
    }

    async fn hitung_jawaban_survei(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(String, String, u64)>> {
        self.read(move |c| kunjungan::hitung_jawaban(c, wilayah))
            .await
    }

    async fn hitung_kunjungan_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>> {
        self.read(move |c| kunjungan::per_relawan(c, wilayah)).await
    }

    async fn aktivitas_kunjungan(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
        let ids = relawan.to_vec();
        self.read(move |c| kunjungan::aktivitas(c, &ids)).await
    }

    async fn kegiatan_per_desa(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_storage::KegiatanDesa>> {
        self.read(move |c| kunjungan::kegiatan_per_desa(c, wilayah))
            .await
    }

    async fn upsert_batas(&self, rows: &[BatasBaris], jejak: &Jejak) -> Result<ImportCounts> {
        let rows: Vec<(String, String, f64, f64)> = rows
            .iter()
            .map(|r| (r.batas.kode.to_string(), r.batas.geometri(), r.lat, r.lng))
            .collect();
        let jejak = jejak.clone();
        self.write(move |conn| {
            let tx = conn.transaction().map_err(backend_err)?;
            let before = count(&tx, "batas").map_err(backend_err)?;
            let mut touched = 0u64;
            {
                let mut stmt = tx
                    .prepare(
                        "INSERT INTO batas (kode, geometri, lat, lng) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (kode) DO UPDATE SET
                           geometri = excluded.geometri, lat = excluded.lat, lng = excluded.lng
                         WHERE batas.geometri IS NOT excluded.geometri
                            OR batas.lat IS NOT excluded.lat OR batas.lng IS NOT excluded.lng",
                    )
                    .map_err(backend_err)?;
                for (kode, geometri, lat, lng) in &rows {
                    touched += stmt
                        .execute(params![kode, geometri, lat, lng])
                        .map_err(|e| StoreError::Backend(format!("batas {kode}: {e}")))?
                        as u64;
                }
            }
            let after = count(&tx, "batas").map_err(backend_err)?;
            append_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)?;
            Ok(counts(before, after, touched, rows.len()))
        })
        .await
    }

    async fn batas_anak(&self, induk: KodeWilayah) -> Result<Vec<Batas>> {
        self.read(move |c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT b.kode, b.geometri FROM batas b JOIN wilayah w ON w.kode = b.kode
                     WHERE w.kode_induk = ?1 ORDER BY b.kode",
                )
                .map_err(backend_err)?;
            collect(
                stmt.query_map([induk.to_string()], |r| {
                    let k: String = r.get(0)?;
                    let g: String = r.get(1)?;
                    Ok(rows::kode(&k).and_then(|k| {
                        Batas::dari_geometri(k, &g)
                            .map_err(|e| StoreError::Corrupt(format!("batas {k}: {e}")))
                    }))
                })
                .map_err(backend_err)?,
            )
        })
        .await
    }
}
