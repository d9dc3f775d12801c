//! PostgreSQL backend: many stateless `posko serve` processes, one database.
//!
//! Bulk writes stream rows with COPY into a temporary table and merge them
//! with one `INSERT … ON CONFLICT`, which is both fast and atomic.

mod audit;
mod cari_nama;
mod copy;
mod hari_h;
mod hasil;
mod hitung_cepat;
mod kunjungan;
mod migrasi;
mod pemilih;
mod pengguna;
mod pesan;
mod relawan;
mod riwayat;
mod rows;
mod sesi;

use posko_storage::TokenApi;
use posko_storage::{Balasan, HasilOlah, PesanMasuk, StatusPesan};
use posko_storage::{Kunjungan, PasanganRagu, Pendukung, Relawan, Undangan};
use time::Date;

use std::collections::HashSet;

use crate::audit::{append_audit, audit_row};
use crate::rows::*;
use async_trait::async_trait;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
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
use tokio_postgres::NoTls;
use uuid::Uuid;

#[derive(Clone)]
pub struct PostgresStore {
    pool: Pool,
    /// Connections for reads only: on election night writers queue on the
    /// same region rows and can hold every writing connection; pages that
    /// only read must not wait behind them.
    baca: Pool,
    /// Set when this store lives in a schema of its own (tests, benchmarks).
    schema: Option<String>,
}

fn backend_err(e: tokio_postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        if db.code() == &tokio_postgres::error::SqlState::UNIQUE_VIOLATION {
            return StoreError::Conflict(db.message().to_string());
        }
        return StoreError::Backend(format!(
            "{}{}",
            db.message(),
            db.detail().map(|d| format!(" ({d})")).unwrap_or_default()
        ));
    }
    StoreError::Backend(e.to_string())
}

fn pool_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!("koneksi PostgreSQL: {e}"))
}

impl PostgresStore {
    /// Connects to `url` (postgres://…) and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<PostgresStore> {
        Self::connect_in_schema(url, None).await
    }

    /// Connects with every connection's search_path set to `schema`, creating
    /// it if needed; lets one database hold isolated Posko instances (tests).
    pub async fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<PostgresStore> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Backend(format!("URL PostgreSQL tidak sah: {e}")))?;
        if let Some(schema) = schema {
            if !schema
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return Err(StoreError::Backend(format!(
                    "nama skema tidak sah: {schema}"
                )));
            }
            let (client, conn) = config.connect(NoTls).await.map_err(pool_err)?;
            let task = tokio::spawn(conn);
            client
                .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
                .await
                .map_err(backend_err)?;
            drop(client);
            let _ = task.await;
            config.options(format!("-c search_path={schema}"));
        }
        let pool_of = |config: tokio_postgres::Config, size: usize| {
            let manager = Manager::from_config(
                config,
                NoTls,
                ManagerConfig {
                    recycling_method: RecyclingMethod::Fast,
                },
            );
            Pool::builder(manager)
                .max_size(size)
                .build()
                .map_err(pool_err)
        };
        let baca = pool_of(config.clone(), 8)?;
        let pool = pool_of(config, 16)?;
        let store = PostgresStore {
            pool,
            baca,
            schema: schema.map(str::to_string),
        };
        store.migrate().await?;
        Ok(store)
    }

    /// A store in a new, empty schema of its own (for tests run in parallel).
    pub async fn connect_fresh_schema(url: &str) -> Result<PostgresStore> {
        let schema = format!("t_{}", Uuid::now_v7().simple());
        Self::connect_in_schema(url, Some(&schema)).await
    }

    /// Drops the private schema made by [`Self::connect_fresh_schema`] with
    /// everything in it; does nothing for a store in the default schema.
    pub async fn drop_own_schema(self) -> Result<()> {
        if let Some(schema) = &self.schema {
            let c = self.conn().await?;
            c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
                .await
                .map_err(backend_err)?;
        }
        Ok(())
    }

    async fn conn(&self) -> Result<Object> {
        self.pool.get().await.map_err(pool_err)
    }

    /// A connection for statements that only read.
    async fn conn_baca(&self) -> Result<Object> {
        self.baca.get().await.map_err(pool_err)
    }
}

/// Inserted = growth of the table; changed = rows the merge touched that
/// were not new; the rest were identical and left alone.
fn counts(before: i64, after: i64, touched: u64, rows: usize) -> ImportCounts {
    let baru = (after - before).max(0) as u64;
    let berubah = touched.saturating_sub(baru);
    ImportCounts {
        baru,
        berubah,
        sama: (rows as u64).saturating_sub(baru + berubah),
    }
}

async fn table_count(tx: &tokio_postgres::Transaction<'_>, table: &str) -> Result<i64> {
    Ok(tx
        .query_one(&format!("SELECT COUNT(*) FROM {table}"), &[])
        .await
        .map_err(backend_err)?
        .get(0))
}

#[async_trait]
impl Store for PostgresStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn schema_version(&self) -> Result<i64> {
        let c = self.conn().await?;
        Ok(c.query_one(
            "SELECT COALESCE(MAX(versi), 0)::BIGINT FROM posko_migrasi",
            &[],
        )
        .await
        .map_err(backend_err)?
        .get(0))
    }

    async fn upsert_wilayah(&self, rows: &[Wilayah], jejak: &Jejak) -> Result<ImportCounts> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        let before = table_count(&tx, "wilayah").await?;
        tx.batch_execute("CREATE TEMP TABLE wilayah_masuk (LIKE wilayah) ON COMMIT DROP")
            .await
            .map_err(backend_err)?;
        copy::copy_in(
            &tx,
            "COPY wilayah_masuk (kode, tingkat, nama, kode_induk, jenis_desa) FROM STDIN",
            rows.iter().map(|w| {
                [
                    Some(w.kode.to_string()),
                    Some(w.kode.tingkat().as_u8().to_string()),
                    Some(w.nama.clone()),
                    w.kode.induk().map(|k| k.to_string()),
                    w.jenis_desa.map(|j| j.slug().to_string()),
                ]
            }),
        )
        .await?;
        // Foreign keys are checked at the end of the statement, so parents
        // and children may arrive in any order within one merge.
        let touched = tx
            .execute(
                "INSERT INTO wilayah SELECT * FROM wilayah_masuk
                 ON CONFLICT (kode) DO UPDATE SET
                   nama = excluded.nama, jenis_desa = excluded.jenis_desa
                 WHERE (wilayah.nama, wilayah.jenis_desa)
                       IS DISTINCT FROM (excluded.nama, excluded.jenis_desa)",
                &[],
            )
            .await
            .map_err(backend_err)?;
        let after = table_count(&tx, "wilayah").await?;
        append_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)?;
        Ok(counts(before, after, touched, rows.len()))
    }

    async fn get_wilayah(&self, kode: KodeWilayah) -> Result<Option<Wilayah>> {
        let c = self.conn_baca().await?;
        c.query_opt(
            "SELECT kode, nama, jenis_desa FROM wilayah WHERE kode = $1",
            &[&kode.to_string()],
        )
        .await
        .map_err(backend_err)?
        .map(|r| wilayah_row(&r))
        .transpose()
    }

    async fn get_wilayah_many(&self, kodes: &[KodeWilayah]) -> Result<Vec<Wilayah>> {
        let c = self.conn_baca().await?;
        let kodes: Vec<String> = kodes.iter().map(|k| k.to_string()).collect();
        c.query(
            "SELECT kode, nama, jenis_desa FROM wilayah WHERE kode = ANY($1) ORDER BY kode",
            &[&kodes],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(wilayah_row)
        .collect()
    }

    async fn children_of(&self, induk: Option<KodeWilayah>) -> Result<Vec<Wilayah>> {
        let c = self.conn_baca().await?;
        let rows = match induk {
            Some(k) => c
                .query(
                    "SELECT kode, nama, jenis_desa FROM wilayah WHERE kode_induk = $1 ORDER BY kode",
                    &[&k.to_string()],
                )
                .await,
            None => c
                .query(
                    "SELECT kode, nama, jenis_desa FROM wilayah WHERE tingkat = 1 ORDER BY kode",
                    &[],
                )
                .await,
        }
        .map_err(backend_err)?;
        rows.iter().map(wilayah_row).collect()
    }

    async fn count_wilayah_by_level(&self) -> Result<[u64; 4]> {
        let c = self.conn().await?;
        let mut out = [0u64; 4];
        for r in c
            .query(
                "SELECT tingkat, COUNT(*) FROM wilayah GROUP BY tingkat",
                &[],
            )
            .await
            .map_err(backend_err)?
        {
            let t: i16 = r.get(0);
            let n: i64 = r.get(1);
            if let Some(slot) = out.get_mut((t - 1) as usize) {
                *slot = n as u64;
            }
        }
        Ok(out)
    }

    async fn known_codes(&self, tingkat: Tingkat) -> Result<HashSet<KodeWilayah>> {
        let c = self.conn().await?;
        c.query(
            "SELECT kode FROM wilayah WHERE tingkat = $1",
            &[&i16::from(tingkat.as_u8())],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(|r| kode(r.get(0)))
        .collect()
    }

    async fn upsert_tps(&self, rows: &[Tps], jejak: &Jejak) -> Result<ImportCounts> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        // The totals are rebuilt wholesale below; two imports doing that at
        // once (from two servers, say) would collide, so they take turns.
        tx.batch_execute("LOCK TABLE rekap_dpt IN EXCLUSIVE MODE")
            .await
            .map_err(backend_err)?;
        let before = table_count(&tx, "tps").await?;
        tx.batch_execute("CREATE TEMP TABLE tps_masuk (LIKE tps) ON COMMIT DROP")
            .await
            .map_err(backend_err)?;
        copy::copy_in(
            &tx,
            "COPY tps_masuk (kode_desa, nomor, dpt_laki, dpt_perempuan, dpt_total, alamat, lat, lng) FROM STDIN",
            rows.iter().map(|t| {
                [
                    Some(t.kode.desa().to_string()),
                    Some(t.kode.nomor().get().to_string()),
                    t.dpt.laki().map(|v| v.to_string()),
                    t.dpt.perempuan().map(|v| v.to_string()),
                    t.dpt.total().map(|v| v.to_string()),
                    t.alamat.clone(),
                    t.lokasi.map(|l| l.0.to_string()),
                    t.lokasi.map(|l| l.1.to_string()),
                ]
            }),
        )
        .await?;
        let touched = tx
            .execute(
                "INSERT INTO tps SELECT * FROM tps_masuk
                 ON CONFLICT (kode_desa, nomor) DO UPDATE SET
                   dpt_laki = excluded.dpt_laki, dpt_perempuan = excluded.dpt_perempuan,
                   dpt_total = excluded.dpt_total, alamat = excluded.alamat,
                   lat = excluded.lat, lng = excluded.lng
                 WHERE (tps.dpt_laki, tps.dpt_perempuan, tps.dpt_total, tps.alamat, tps.lat, tps.lng)
                       IS DISTINCT FROM (excluded.dpt_laki, excluded.dpt_perempuan,
                       excluded.dpt_total, excluded.alamat, excluded.lat, excluded.lng)",
                &[],
            )
            .await
            .map_err(backend_err)?;
        let after = table_count(&tx, "tps").await?;
        tx.batch_execute(posko_storage::REBUILD_REKAP_SQL)
            .await
            .map_err(backend_err)?;
        append_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)?;
        Ok(counts(before, after, touched, rows.len()))
    }

    async fn get_tps(&self, kode: KodeTps) -> Result<Option<Tps>> {
        let c = self.conn_baca().await?;
        c.query_opt(
            &format!("{TPS_COLUMNS} WHERE kode_desa = $1 AND nomor = $2"),
            &[&kode.desa().to_string(), &(kode.nomor().get() as i16)],
        )
        .await
        .map_err(backend_err)?
        .map(|r| tps_row(&r))
        .transpose()
    }

    async fn tps_under(
        &self,
        wilayah: KodeWilayah,
        after: Option<KodeTps>,
        limit: u32,
    ) -> Result<Vec<Tps>> {
        let c = self.conn_baca().await?;
        let (lo, hi) = if wilayah.tingkat() == Tingkat::Desa {
            let s = wilayah.to_string();
            (s.clone(), format!("{s}\u{1}"))
        } else {
            wilayah.prefix_range()
        };
        let (after_desa, after_nomor) = match after {
            Some(a) => (a.desa().to_string(), a.nomor().get() as i16),
            None => (String::new(), 0i16),
        };
        c.query(
            &format!(
                "{TPS_COLUMNS} WHERE kode_desa >= $1 AND kode_desa < $2
                 AND (kode_desa, nomor) > ($3, $4)
                 ORDER BY kode_desa, nomor LIMIT $5"
            ),
            &[&lo, &hi, &after_desa, &after_nomor, &i64::from(limit)],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(tps_row)
        .collect()
    }

    async fn dpt_totals(&self, kode: Option<KodeWilayah>) -> Result<RekapDpt> {
        let c = self.conn_baca().await?;
        let row = match kode {
            Some(k) => c
                .query_opt(
                    "SELECT jumlah_tps, tps_dengan_dpt, dpt_laki, dpt_perempuan, dpt_total
                     FROM rekap_dpt WHERE kode = $1",
                    &[&k.to_string()],
                )
                .await
                .map_err(backend_err)?,
            None => Some(
                c.query_one(
                    "SELECT COALESCE(SUM(jumlah_tps), 0)::BIGINT, COALESCE(SUM(tps_dengan_dpt), 0)::BIGINT,
                            COALESCE(SUM(dpt_laki), 0)::BIGINT, COALESCE(SUM(dpt_perempuan), 0)::BIGINT,
                            COALESCE(SUM(dpt_total), 0)::BIGINT
                     FROM rekap_dpt WHERE tingkat = 1",
                    &[],
                )
                .await
                .map_err(backend_err)?,
            ),
        };
        let mut rekap = row.map(|r| rekap_at(&r, 0)).unwrap_or_default();
        rekap.kode = kode;
        Ok(rekap)
    }

    async fn children_with_totals(
        &self,
        induk: Option<KodeWilayah>,
    ) -> Result<Vec<WilayahDenganRekap>> {
        let c = self.conn_baca().await?;
        let select = "SELECT w.kode, w.nama, w.jenis_desa,
                COALESCE(r.jumlah_tps, 0), COALESCE(r.tps_dengan_dpt, 0),
                COALESCE(r.dpt_laki, 0), COALESCE(r.dpt_perempuan, 0), COALESCE(r.dpt_total, 0)
             FROM wilayah w LEFT JOIN rekap_dpt r ON r.kode = w.kode";
        let rows = match induk {
            Some(k) => {
                c.query(
                    &format!("{select} WHERE w.kode_induk = $1 ORDER BY w.kode"),
                    &[&k.to_string()],
                )
                .await
            }
            None => {
                c.query(
                    &format!("{select} WHERE w.tingkat = 1 ORDER BY w.kode"),
                    &[],
                )
                .await
            }
        }
        .map_err(backend_err)?;
        rows.iter()
            .map(|r| {
                let wilayah = wilayah_row(r)?;
                let mut rekap = rekap_at(r, 3);
                rekap.kode = Some(wilayah.kode);
                Ok(WilayahDenganRekap { wilayah, rekap })
            })
            .collect()
    }

    async fn create_pemilihan(&self, p: &Pemilihan, jejak: &Jejak) -> Result<()> {
        let mut conn = self.conn().await?;
        let c = conn.transaction().await.map_err(backend_err)?;
        c.execute(
            "INSERT INTO pemilihan (id, jenis, kode_wilayah, nama, tanggal, dibuat)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &p.id,
                &p.jenis.slug(),
                &p.wilayah.to_string(),
                &p.nama,
                &p.tanggal,
                &p.dibuat,
            ],
        )
        .await
        .map_err(backend_err)?;
        append_audit(&c, jejak).await?;
        c.commit().await.map_err(backend_err)
    }

    async fn list_pemilihan(&self) -> Result<Vec<Pemilihan>> {
        let c = self.conn_baca().await?;
        c.query(&format!("{PEMILIHAN_COLUMNS} ORDER BY tanggal, id"), &[])
            .await
            .map_err(backend_err)?
            .iter()
            .map(pemilihan_row)
            .collect()
    }

    async fn get_pemilihan(&self, id: Uuid) -> Result<Option<Pemilihan>> {
        let c = self.conn_baca().await?;
        c.query_opt(&format!("{PEMILIHAN_COLUMNS} WHERE id = $1"), &[&id])
            .await
            .map_err(backend_err)?
            .map(|r| pemilihan_row(&r))
            .transpose()
    }

    async fn add_paslon(&self, p: &Paslon, jejak: &Jejak) -> Result<()> {
        let mut conn = self.conn().await?;
        let c = conn.transaction().await.map_err(backend_err)?;
        c.execute(
            "INSERT INTO paslon (pemilihan_id, nomor_urut, calon_kepala, calon_wakil)
             VALUES ($1, $2, $3, $4)",
            &[
                &p.pemilihan_id,
                &i16::from(p.nomor_urut.get()),
                &p.calon_kepala.as_str(),
                &p.calon_wakil.as_str(),
            ],
        )
        .await
        .map_err(|e| match backend_err(e) {
            StoreError::Conflict(_) => {
                StoreError::Conflict(format!("paslon nomor urut {}", p.nomor_urut))
            }
            other => other,
        })?;
        append_audit(&c, jejak).await?;
        c.commit().await.map_err(backend_err)
    }

    async fn list_paslon(&self, pemilihan_id: Uuid) -> Result<Vec<Paslon>> {
        let c = self.conn_baca().await?;
        c.query(
            "SELECT pemilihan_id, nomor_urut, calon_kepala, calon_wakil
             FROM paslon WHERE pemilihan_id = $1 ORDER BY nomor_urut",
            &[&pemilihan_id],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(paslon_row)
        .collect()
    }

    async fn create_pengguna(
        &self,
        p: &Pengguna,
        password_hash: Option<&str>,
        jejak: &Jejak,
    ) -> Result<()> {
        let mut c = self.conn().await?;
        pengguna::create(&mut c, p, password_hash, jejak).await
    }

    async fn get_pengguna(&self, id: Uuid) -> Result<Option<Pengguna>> {
        pengguna::find_by_id(&self.conn_baca().await?, id).await
    }

    async fn find_login(&self, username: &str) -> Result<Option<(Pengguna, Option<String>)>> {
        pengguna::find_login(&self.conn_baca().await?, username).await
    }

    async fn list_pengguna(&self) -> Result<Vec<Pengguna>> {
        pengguna::list(&self.conn().await?).await
    }

    async fn saksi_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>> {
        let rows = pengguna::saksi_per_tps(&self.conn().await?, &wilayah.to_string()).await?;
        rows.into_iter()
            .map(|(t, n)| {
                KodeTps::parse(&t)
                    .map(|k| (k, n))
                    .map_err(|e| StoreError::Corrupt(format!("cakupan saksi '{t}': {e}")))
            })
            .collect()
    }

    async fn saksi_di(&self, wilayah: KodeWilayah) -> Result<Vec<SaksiTps>> {
        pengguna::saksi_di(&self.conn_baca().await?, &wilayah.to_string()).await
    }

    async fn set_saksi_utama(&self, id: Uuid, tps: KodeTps, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        pengguna::change(&mut c, id, pengguna::Change::Utama(tps), jejak).await
    }

    async fn create_pengguna_many(&self, rows: &[Pengguna], jejak: &Jejak) -> Result<()> {
        let mut c = self.conn().await?;
        pengguna::create_many(&mut c, rows, jejak).await
    }

    async fn find_pengguna_by_telepon(&self, indeks: &[String]) -> Result<Vec<Pengguna>> {
        pengguna::find_by_rahasia(&self.conn().await?, KolomRahasia::PenggunaTelepon, indeks).await
    }

    async fn find_pengguna_by_telegram(&self, indeks: &[String]) -> Result<Vec<Pengguna>> {
        pengguna::find_by_rahasia(&self.conn().await?, KolomRahasia::PenggunaTelegram, indeks).await
    }

    async fn set_telegram(
        &self,
        id: Uuid,
        telegram: Option<&DataTersandi>,
        lepas_dari: &[String],
        jejak: &Jejak,
    ) -> Result<bool> {
        let mut c = self.conn().await?;
        pengguna::change(
            &mut c,
            id,
            pengguna::Change::Telegram(telegram.cloned(), lepas_dari.to_vec()),
            jejak,
        )
        .await
    }

    async fn set_telepon(
        &self,
        id: Uuid,
        telepon: Option<&DataTersandi>,
        jejak: &Jejak,
    ) -> Result<bool> {
        let mut c = self.conn().await?;
        pengguna::change(
            &mut c,
            id,
            pengguna::Change::Telepon(telepon.cloned()),
            jejak,
        )
        .await
    }

    async fn submit_hasil(
        &self,
        kiriman: &KirimanHasil,
        baru: &HasilTps,
        jejak: &Jejak,
    ) -> Result<Kirim> {
        let mut c = self.conn().await?;
        hasil::submit(&mut c, kiriman, baru, jejak).await
    }

    async fn kiriman_tps(&self, pemilihan_id: Uuid, tps: KodeTps) -> Result<Vec<KirimanHasil>> {
        hasil::kiriman_tps(&self.conn_baca().await?, pemilihan_id, tps).await
    }

    async fn hasil_tps(&self, pemilihan_id: Uuid, tps: KodeTps) -> Result<Option<HasilTps>> {
        hasil::hasil_tps(&self.conn_baca().await?, pemilihan_id, tps).await
    }

    async fn hasil_desa(&self, pemilihan_id: Uuid, desa: KodeWilayah) -> Result<Vec<HasilTps>> {
        hasil::hasil_desa(&self.conn_baca().await?, pemilihan_id, desa).await
    }

    async fn rekap_hasil(
        &self,
        pemilihan_id: Uuid,
        kodes: &[KodeWilayah],
        jumlah_paslon: usize,
    ) -> Result<Vec<RekapHasil>> {
        hasil::rekap(&self.conn_baca().await?, pemilihan_id, kodes, jumlah_paslon).await
    }

    async fn simpan_bacaan(&self, bacaan: &Bacaan, jejak: &Jejak) -> Result<Vec<Bacaan>> {
        let mut c = self.conn().await?;
        hasil::simpan_bacaan(&mut c, bacaan, jejak).await
    }

    async fn bacaan_kiriman(&self, kiriman_id: Uuid) -> Result<Vec<Bacaan>> {
        hasil::bacaan_kiriman(&self.conn_baca().await?, kiriman_id).await
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
        let mut c = self.conn().await?;
        hasil::ubah_status(
            &mut c,
            pemilihan_id,
            tps,
            kiriman_id,
            status,
            terverifikasi,
            jejak,
        )
        .await
    }

    async fn hasil_berstatus(
        &self,
        pemilihan_id: Uuid,
        status: StatusHasil,
        wilayah: &[KodeWilayah],
        limit: u32,
    ) -> Result<Vec<HasilTps>> {
        hasil::hasil_berstatus(
            &self.conn_baca().await?,
            pemilihan_id,
            status,
            wilayah,
            limit,
        )
        .await
    }

    async fn hasil_under(&self, pemilihan_id: Uuid, wilayah: KodeWilayah) -> Result<Vec<HasilTps>> {
        hasil::hasil_under(&self.conn_baca().await?, pemilihan_id, wilayah).await
    }

    async fn kedatangan_hasil(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, i64)>> {
        hasil::kedatangan(&self.conn_baca().await?, pemilihan_id, wilayah).await
    }

    async fn upsert_hasil_resmi(
        &self,
        pemilihan_id: Uuid,
        rows: &[(KodeTps, Angka)],
        jejak: &Jejak,
    ) -> Result<ImportCounts> {
        let mut c = self.conn().await?;
        hasil::upsert_resmi(&mut c, pemilihan_id, rows, jejak).await
    }

    async fn hasil_resmi_under(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, Angka)>> {
        hasil::resmi_under(&self.conn_baca().await?, pemilihan_id, wilayah).await
    }

    async fn catat_checkin(&self, c: &Checkin, jejak: &Jejak) -> Result<()> {
        let mut conn = self.conn().await?;
        hari_h::catat_checkin(&mut conn, c, jejak).await
    }

    async fn checkin_under(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<Checkin>> {
        hari_h::checkin_under(&self.conn_baca().await?, pemilihan_id, wilayah).await
    }

    async fn catat_insiden(&self, i: &Insiden, jejak: &Jejak) -> Result<()> {
        let mut conn = self.conn().await?;
        hari_h::catat_insiden(&mut conn, i, jejak).await
    }

    async fn insiden_under(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        limit: u32,
    ) -> Result<Vec<Insiden>> {
        hari_h::insiden_under(&self.conn_baca().await?, pemilihan_id, wilayah, limit).await
    }

    async fn kids_in_use(&self) -> Result<Vec<String>> {
        pengguna::kids_in_use(&self.conn().await?).await
    }

    async fn read_rahasia(&self, kolom: KolomRahasia) -> Result<Vec<(Uuid, DataTersandi)>> {
        pengguna::read_rahasia(&self.conn().await?, kolom).await
    }

    async fn rewrite_rahasia(
        &self,
        rows: &[(KolomRahasia, Uuid, DataTersandi)],
        jejak: &Jejak,
    ) -> Result<u64> {
        let mut c = self.conn().await?;
        pengguna::rewrite_rahasia(&mut c, rows, jejak).await
    }

    async fn list_sesi(&self, pengguna_id: Uuid, now: i64) -> Result<Vec<Sesi>> {
        sesi::list_sesi(self, pengguna_id, now).await
    }

    async fn delete_sesi_pengguna(
        &self,
        pengguna_id: Uuid,
        kecuali: Option<&str>,
        jejak: &Jejak,
    ) -> Result<u64> {
        sesi::delete_sesi_pengguna(self, pengguna_id, kecuali, jejak).await
    }

    async fn set_aktif(&self, id: Uuid, aktif: bool, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        pengguna::change(&mut c, id, pengguna::Change::Aktif(aktif), jejak).await
    }

    async fn set_password_hash(&self, id: Uuid, hash: &str, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        pengguna::change(&mut c, id, pengguna::Change::Hash(hash.to_string()), jejak).await
    }

    async fn grant(&self, id: Uuid, t: Penugasan, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        pengguna::change(&mut c, id, pengguna::Change::Grant(t), jejak).await
    }

    async fn revoke(&self, id: Uuid, t: Penugasan, jejak: &Jejak) -> Result<bool> {
        let mut c = self.conn().await?;
        pengguna::change(&mut c, id, pengguna::Change::Revoke(t), jejak).await
    }

    async fn create_sesi(&self, sesi: &Sesi, jejak: &Jejak) -> Result<()> {
        sesi::create_sesi(self, sesi, jejak).await
    }

    async fn get_sesi(&self, token_hash: &str, now: i64) -> Result<Option<Sesi>> {
        sesi::get_sesi(self, token_hash, now).await
    }

    async fn delete_sesi(&self, token_hash: &str) -> Result<()> {
        sesi::delete_sesi(self, token_hash).await
    }

    async fn catat_percobaan(
        &self,
        p: &Percobaan,
        batas: &[BatasPercobaan],
        jejak: Option<&Jejak>,
    ) -> Result<bool> {
        sesi::catat_percobaan(self, p, batas, jejak).await
    }

    async fn hapus_percobaan(&self, id: Uuid, kunci: &[String]) -> Result<()> {
        sesi::hapus_percobaan(self, id, kunci).await
    }

    async fn create_kode_masuk(&self, kode: &KodeMasuk, jejak: &Jejak) -> Result<()> {
        sesi::create_kode_masuk(self, kode, jejak).await
    }

    async fn take_kode_masuk(
        &self,
        kode_hash: &str,
        now: i64,
    ) -> Result<Option<(Uuid, Option<Uuid>)>> {
        sesi::take_kode_masuk(self, kode_hash, now).await
    }

    async fn create_token(&self, t: &TokenApi, jejak: &Jejak) -> Result<()> {
        sesi::create_token(self, t, jejak).await
    }

    async fn use_token(&self, token_hash: &str, now: i64) -> Result<Option<TokenApi>> {
        sesi::use_token(self, token_hash, now).await
    }

    async fn list_tokens(&self) -> Result<Vec<TokenApi>> {
        sesi::list_tokens(self).await
    }

    async fn revoke_token(&self, id: Uuid, now: i64, jejak: &Jejak) -> Result<bool> {
        sesi::revoke_token(self, id, now, jejak).await
    }

    async fn search_audit(
        &self,
        before: Option<i64>,
        aksi_prefix: Option<&str>,
        aktor: Option<&str>,
        limit: u32,
    ) -> Result<Vec<EntriAudit>> {
        let c = self.conn().await?;
        // starts_with, not LIKE, so '%' or '_' typed by a user mean themselves.
        Ok(c.query(
            "SELECT seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
                        hash_konten, hash_sebelum, hash
                 FROM audit_log
                 WHERE seq < $1 AND starts_with(aksi, $2) AND ($3::TEXT IS NULL OR aktor = $3)
                 ORDER BY seq DESC LIMIT $4",
            &[
                &before.unwrap_or(i64::MAX),
                &aksi_prefix.unwrap_or(""),
                &aktor,
                &i64::from(limit),
            ],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(audit_row)
        .collect())
    }

    async fn catat_unggah_foto(
        &self,
        hash: &str,
        pengguna_id: Uuid,
        waktu: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        let baru = tx
            .execute(
                "INSERT INTO foto_unggah (hash, pengguna_id, waktu) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
                &[&hash, &pengguna_id, &waktu],
            )
            .await
            .map_err(backend_err)?;
        if baru > 0 {
            append_audit(&tx, jejak).await?;
        }
        tx.commit().await.map_err(backend_err)
    }

    async fn pernah_unggah_foto(&self, hash: &str, pengguna_id: Uuid) -> Result<bool> {
        let c = self.conn_baca().await?;
        Ok(c.query_opt(
            "SELECT 1 FROM foto_unggah WHERE hash = $1 AND pengguna_id = $2",
            &[&hash, &pengguna_id],
        )
        .await
        .map_err(backend_err)?
        .is_some())
    }

    async fn audit_entitas(
        &self,
        entitas: &str,
        entitas_id: &str,
        limit: u32,
    ) -> Result<Vec<EntriAudit>> {
        let c = self.conn_baca().await?;
        Ok(c.query(
            "SELECT seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
                        hash_konten, hash_sebelum, hash
                 FROM audit_log WHERE entitas = $1 AND entitas_id = $2
                 ORDER BY seq DESC LIMIT $3",
            &[&entitas, &entitas_id, &i64::from(limit)],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(audit_row)
        .collect())
    }

    async fn append_audit(&self, jejak: &Jejak) -> Result<()> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        append_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)
    }

    async fn list_audit(&self, after: i64, limit: u32) -> Result<Vec<EntriAudit>> {
        let c = self.conn().await?;
        Ok(c.query(
            "SELECT seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
                        hash_konten, hash_sebelum, hash
                 FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[&after, &i64::from(limit)],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(audit_row)
        .collect())
    }

    async fn hasil_tps_banyak(&self, pemilihan_id: Uuid, tps: &[KodeTps]) -> Result<Vec<HasilTps>> {
        hitung_cepat::hasil_tps_banyak(&self.conn_baca().await?, pemilihan_id, tps).await
    }

    async fn simpan_sampel(
        &self,
        pemilihan_id: Uuid,
        sampel: &Sampel,
        dibuat: i64,
        jejak: &Jejak,
    ) -> Result<bool> {
        hitung_cepat::simpan_sampel(&mut self.conn().await?, pemilihan_id, sampel, dibuat, jejak)
            .await
    }

    async fn sampel(&self, pemilihan_id: Uuid) -> Result<Option<(Sampel, i64)>> {
        hitung_cepat::sampel(&self.conn_baca().await?, pemilihan_id).await
    }

    async fn ganti_riwayat(
        &self,
        r: &posko_storage::Riwayat,
        rows: &[posko_domain::HasilLalu],
        jejak: &Jejak,
    ) -> Result<()> {
        riwayat::ganti(&mut self.conn().await?, r, rows, jejak).await
    }

    async fn riwayat(&self) -> Result<Option<posko_storage::Riwayat>> {
        riwayat::riwayat(&self.conn_baca().await?).await
    }

    async fn partisipasi_lalu(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_storage::PartisipasiLalu>> {
        riwayat::partisipasi(&self.conn_baca().await?, wilayah).await
    }

    async fn hasil_lalu(&self, wilayah: KodeWilayah) -> Result<Vec<posko_domain::HasilLalu>> {
        riwayat::hasil_lalu(&self.conn_baca().await?, wilayah).await
    }

    async fn asumsi_target(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Option<posko_storage::AsumsiTarget>> {
        riwayat::asumsi(&self.conn_baca().await?, pemilihan_id).await
    }

    async fn simpan_asumsi_target(
        &self,
        pemilihan_id: Uuid,
        asumsi: &posko_storage::AsumsiTarget,
        jejak: &Jejak,
    ) -> Result<()> {
        riwayat::simpan_asumsi(&mut self.conn().await?, pemilihan_id, asumsi, jejak).await
    }

    async fn simpan_pesan(&self, p: &PesanMasuk, jejak: &Jejak) -> Result<Option<PesanMasuk>> {
        let mut c = self.conn().await?;
        pesan::simpan(&mut c, p, jejak).await
    }

    async fn selesaikan_pesan(
        &self,
        id: Uuid,
        h: &HasilOlah,
        sekarang: i64,
        jejak: &Jejak,
    ) -> Result<bool> {
        let mut c = self.conn().await?;
        pesan::selesaikan(&mut c, id, h, sekarang, jejak).await
    }

    async fn pesan_baru(&self, sebelum: i64, limit: u32) -> Result<Vec<PesanMasuk>> {
        pesan::baru(&self.conn_baca().await?, sebelum, limit).await
    }

    async fn hitung_pesan_dari(&self, indeks: &str, sejak: i64) -> Result<u64> {
        pesan::hitung_dari(&self.conn_baca().await?, indeks, sejak).await
    }

    async fn daftar_pesan(&self, status: &[StatusPesan], limit: u32) -> Result<Vec<PesanMasuk>> {
        pesan::daftar(&self.conn_baca().await?, status, limit).await
    }

    async fn ambil_balasan(
        &self,
        sekarang: i64,
        sewa_sampai: i64,
        limit: u32,
    ) -> Result<Vec<Balasan>> {
        pesan::ambil(&self.conn().await?, sekarang, sewa_sampai, limit).await
    }

    async fn beri_kode_singkat(&self, tps: &[KodeTps], jejak: &Jejak) -> Result<Vec<u64>> {
        pesan::beri_kode_singkat(&mut self.conn().await?, tps, jejak).await
    }

    async fn tps_kode_singkat(&self, nomor: u64) -> Result<Option<KodeTps>> {
        pesan::tps_kode_singkat(&self.conn_baca().await?, nomor).await
    }

    async fn tandai_balasan(
        &self,
        id: Uuid,
        terkirim: bool,
        galat: Option<&str>,
        berikut: i64,
        sekarang: i64,
    ) -> Result<()> {
        pesan::tandai(&self.conn().await?, id, terkirim, galat, berikut, sekarang).await
    }

    async fn keluar_per_status(&self) -> Result<Vec<(String, u64)>> {
        pesan::per_status(&self.conn_baca().await?).await
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
        let mut c = self.conn().await?;
        relawan::simpan_relawan(&mut c, relawan, akun, undangan, sekarang, jejak).await
    }

    async fn get_relawan(&self, id: Uuid) -> Result<Option<Relawan>> {
        relawan::get_relawan(&self.conn_baca().await?, id).await
    }

    async fn relawan_pengguna(&self, pengguna_id: Uuid) -> Result<Option<Relawan>> {
        relawan::relawan_pengguna(&self.conn_baca().await?, pengguna_id).await
    }

    async fn relawan_bawahan(&self, id: Uuid) -> Result<Vec<Relawan>> {
        relawan::bawahan(&self.conn_baca().await?, id).await
    }

    async fn relawan_di(&self, wilayah: Option<KodeWilayah>) -> Result<Vec<Relawan>> {
        relawan::relawan_di(&self.conn_baca().await?, wilayah).await
    }

    async fn simpan_undangan(&self, undangan: &Undangan, jejak: &Jejak) -> Result<()> {
        relawan::simpan_undangan(&mut self.conn().await?, undangan, jejak).await
    }

    async fn get_undangan(&self, kode_hash: &str) -> Result<Option<Undangan>> {
        relawan::get_undangan(&self.conn().await?, kode_hash).await
    }

    async fn simpan_pendukung(
        &self,
        p: &Pendukung,
        indeks_nama: &[String],
        nik_lain: &[String],
        ragu: &[(Uuid, f64)],
        jejak: &Jejak,
    ) -> Result<Option<Uuid>> {
        relawan::simpan_pendukung(
            &mut self.conn().await?,
            p,
            indeks_nama,
            nik_lain,
            ragu,
            jejak,
        )
        .await
    }

    async fn get_pendukung(&self, id: Uuid) -> Result<Option<Pendukung>> {
        relawan::get_pendukung(&self.conn().await?, id).await
    }

    async fn pendukung_di(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<Pendukung>> {
        relawan::pendukung_di(&self.conn_baca().await?, wilayah, limit).await
    }

    async fn kandidat_ganda(&self, desa: KodeWilayah, lahir: Date) -> Result<Vec<(Uuid, String)>> {
        relawan::kandidat_ganda(&self.conn().await?, desa, lahir).await
    }

    async fn ubah_pendukung(
        &self,
        p: &Pendukung,
        indeks_nama: &[String],
        jejak: &Jejak,
    ) -> Result<bool> {
        relawan::ubah_pendukung(&mut self.conn().await?, p, indeks_nama, jejak).await
    }

    async fn cari_pendukung(
        &self,
        cakupan: &[posko_domain::Cakupan],
        cari: &[Vec<String>],
        limit: u32,
        lewati: u32,
    ) -> Result<(u64, Vec<Pendukung>)> {
        cari_nama::cari(&self.conn_baca().await?, cakupan, cari, limit, lewati).await
    }

    async fn ganti_indeks_nama(&self, rows: &[(Uuid, Vec<String>)], jejak: &Jejak) -> Result<u64> {
        cari_nama::ganti(&mut self.conn().await?, rows, jejak).await
    }

    async fn nama_pendukung(&self, tanpa_indeks_saja: bool) -> Result<Vec<(Uuid, String)>> {
        cari_nama::nama(&self.conn_baca().await?, tanpa_indeks_saja).await
    }

    async fn hapus_pendukung(&self, ids: &[Uuid], jejak: &Jejak) -> Result<u64> {
        relawan::hapus_pendukung(&mut self.conn().await?, ids, jejak).await
    }

    async fn pendukung_kedaluwarsa(&self, hari_ini: Date) -> Result<Vec<Uuid>> {
        relawan::kedaluwarsa(&self.conn().await?, hari_ini).await
    }

    async fn hitung_pendukung_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>> {
        relawan::hitung_per_relawan(&self.conn_baca().await?, wilayah).await
    }

    async fn aktivitas_pendukung(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
        relawan::aktivitas(&self.conn_baca().await?, relawan).await
    }

    async fn pendukung_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u64)>> {
        relawan::per_tps(&self.conn_baca().await?, wilayah).await
    }

    async fn daftar_ragu(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<PasanganRagu>> {
        relawan::daftar_ragu(&self.conn_baca().await?, wilayah, limit).await
    }

    async fn get_ragu(&self, id: Uuid) -> Result<Option<PasanganRagu>> {
        relawan::get_ragu(&self.conn().await?, id).await
    }

    async fn putuskan_ragu(&self, id: Uuid, status: &str, jejak: &Jejak) -> Result<bool> {
        relawan::putuskan_ragu(&mut self.conn().await?, id, status, jejak).await
    }

    // --- pemilih (DPT) -------------------------------------------------------

    async fn muat_pemilih(&self) -> Result<Box<dyn posko_storage::MuatPemilih>> {
        Ok(Box::new(pemilih::mulai(self.conn().await?)))
    }

    async fn pemilih_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>> {
        let rows = pemilih::per_tps(&self.conn_baca().await?, &wilayah.to_string()).await?;
        rows.into_iter()
            .map(|(d, n, jumlah)| {
                let desa = KodeWilayah::parse(&d)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih desa '{d}': {e}")))?;
                let nomor = posko_domain::NomorTps::new(n as u16)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih TPS {n}: {e}")))?;
                let k = KodeTps::new(desa, nomor)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih TPS: {e}")))?;
                Ok((k, jumlah as u32))
            })
            .collect()
    }

    async fn cari_pemilih(
        &self,
        nama: &str,
        tanggal_lahir: time::Date,
        desa: KodeWilayah,
    ) -> Result<Vec<posko_domain::Pemilih>> {
        pemilih::cari(
            &self.conn_baca().await?,
            nama,
            tanggal_lahir,
            &desa.to_string(),
        )
        .await
    }

    async fn pemilih_tps(&self, tps: KodeTps) -> Result<Vec<posko_domain::Pemilih>> {
        pemilih::di_tps(
            &self.conn_baca().await?,
            &tps.desa().to_string(),
            tps.nomor().get(),
        )
        .await
    }

    async fn simpan_kunjungan(&self, rows: &[Kunjungan], jejak: &Jejak) -> Result<Vec<Uuid>> {
        kunjungan::simpan(&mut self.conn().await?, rows, jejak).await
    }

    async fn kunjungan_tps(&self, tps: KodeTps) -> Result<Vec<Kunjungan>> {
        kunjungan::per_tps(&self.conn_baca().await?, tps).await
    }

    async fn pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Vec<posko_domain::kunjungan::PertanyaanSurvei>> {
        kunjungan::pertanyaan(&self.conn_baca().await?, pemilihan_id).await
    }

    async fn ganti_pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
        rows: &[posko_domain::kunjungan::PertanyaanSurvei],
        diubah: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        kunjungan::ganti_pertanyaan(&mut self.conn().await?, pemilihan_id, rows, diubah, jejak)
            .await
    }

    async fn hitung_jawaban_survei(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(String, String, u64)>> {
        kunjungan::hitung_jawaban(&self.conn_baca().await?, wilayah).await
    }

    async fn hitung_kunjungan_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>> {
        kunjungan::per_relawan(&self.conn_baca().await?, wilayah).await
    }

    async fn aktivitas_kunjungan(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
        kunjungan::aktivitas(&self.conn_baca().await?, relawan).await
    }

    async fn kegiatan_per_desa(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_storage::KegiatanDesa>> {
        kunjungan::kegiatan_per_desa(&self.conn_baca().await?, wilayah).await
    }

    async fn upsert_batas(&self, rows: &[BatasBaris], jejak: &Jejak) -> Result<ImportCounts> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        let before = table_count(&tx, "batas").await?;
        tx.batch_execute("CREATE TEMP TABLE batas_masuk (LIKE batas) ON COMMIT DROP")
            .await
            .map_err(backend_err)?;
        copy::copy_in(
            &tx,
            "COPY batas_masuk (kode, geometri, lat, lng) FROM STDIN",
            rows.iter().map(|r| {
                [
                    Some(r.batas.kode.to_string()),
                    Some(r.batas.geometri()),
                    Some(format!("{:?}", r.lat)),
                    Some(format!("{:?}", r.lng)),
                ]
            }),
        )
        .await?;
        let touched = tx
            .execute(
                "INSERT INTO batas SELECT * FROM batas_masuk
                 ON CONFLICT (kode) DO UPDATE SET
                   geometri = excluded.geometri, lat = excluded.lat, lng = excluded.lng
                 WHERE (batas.geometri, batas.lat, batas.lng)
                       IS DISTINCT FROM (excluded.geometri, excluded.lat, excluded.lng)",
                &[],
            )
            .await
            .map_err(backend_err)?;
        let after = table_count(&tx, "batas").await?;
        append_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)?;
        Ok(counts(before, after, touched, rows.len()))
    }

    async fn batas_anak(&self, induk: KodeWilayah) -> Result<Vec<Batas>> {
        let c = self.conn_baca().await?;
        let rows = c
            .query(
                "SELECT b.kode, b.geometri FROM batas b JOIN wilayah w ON w.kode = b.kode
                 WHERE w.kode_induk = $1 ORDER BY b.kode",
                &[&induk.to_string()],
            )
            .await
            .map_err(backend_err)?;
        rows.iter()
            .map(|r| {
                let k: String = r.get(0);
                let g: String = r.get(1);
                let k = KodeWilayah::parse(&k)
                    .map_err(|e| StoreError::Corrupt(format!("kode batas {k}: {e}")))?;
                Batas::dari_geometri(k, &g)
                    .map_err(|e| StoreError::Corrupt(format!("batas {k}: {e}")))
            })
            .collect()
    }
}
