//! Regions, their TPS and DPT totals, elections and their candidate pairs.

use crate::PostgresStore;
use crate::audit::catat_audit;
use crate::copy::table_count;
use crate::rows::{
    PEMILIHAN_COLUMNS, TPS_COLUMNS, kode, paslon_row, pemilihan_row, rekap_at, tps_row, wilayah_row,
};
use crate::{backend_err, copy};
use async_trait::async_trait;
use posko_domain::{AturanMenang, Jejak, KodeTps, KodeWilayah, Tingkat};
use posko_storage::Konflik;
use posko_storage::{
    HasilSimpanTps, ImportCounts, KolomTps, Paslon, Pemilihan, PerubahanTps, RekapDpt, Result,
    StoreError, Tps, Wilayah, WilayahDenganRekap, WilayahStore, gabung_tps,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

#[async_trait]
impl WilayahStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_wilayah(&self, rows: &[Wilayah], jejak: &Jejak) -> Result<ImportCounts> {
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
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)?;
        Ok(ImportCounts::dari_hitungan(
            before.max(0) as u64,
            after.max(0) as u64,
            touched,
            rows.len(),
        ))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_wilayah(&self, kode: KodeWilayah) -> Result<Option<Wilayah>> {
        let c = self.conn_baca().await?;
        c.query_opt(
            posko_storage::sql::pg(posko_storage::sql::AMBIL_WILAYAH),
            &[&kode.to_string()],
        )
        .await
        .map_err(backend_err)?
        .map(|r| wilayah_row(&r))
        .transpose()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_wilayah_banyak(&self, kodes: &[KodeWilayah]) -> Result<Vec<Wilayah>> {
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_anak_wilayah(&self, induk: Option<KodeWilayah>) -> Result<Vec<Wilayah>> {
        let c = self.conn_baca().await?;
        let rows = match induk {
            Some(k) => {
                c.query(
                    posko_storage::sql::pg(posko_storage::sql::DAFTAR_ANAK_WILAYAH),
                    &[&k.to_string()],
                )
                .await
            }
            None => {
                c.query(
                    "SELECT kode, nama, jenis_desa FROM wilayah WHERE tingkat = 1 ORDER BY kode",
                    &[],
                )
                .await
            }
        }
        .map_err(backend_err)?;
        rows.iter().map(wilayah_row).collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_wilayah_per_tingkat(&self) -> Result<[u64; 4]> {
        let c = self.conn().await?;
        let mut out = [0u64; 4];
        for r in c
            .query(
                posko_storage::sql::pg(posko_storage::sql::HITUNG_WILAYAH_PER_TINGKAT),
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kode_wilayah(&self, tingkat: Tingkat) -> Result<HashSet<KodeWilayah>> {
        let c = self.conn().await?;
        c.query(
            posko_storage::sql::pg(posko_storage::sql::DAFTAR_KODE_WILAYAH_DI_TINGKAT),
            &[&i16::from(tingkat.as_u8())],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(|r| kode(r.get(0)))
        .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_tps_kolom(
        &self,
        rows: &[Tps],
        kolom: &KolomTps,
        jejak: &Jejak,
    ) -> Result<HasilSimpanTps> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        // The totals are rebuilt wholesale below; two imports doing that at
        // once (from two servers, say) would collide, so they take turns.
        tx.batch_execute("LOCK TABLE rekap_dpt IN EXCLUSIVE MODE")
            .await
            .map_err(backend_err)?;
        let before = table_count(&tx, "tps").await?;
        // The stored rows the file names, merged with the file's (a column
        // it does not have keeps its stored value) and counted per field.
        let mut lama: HashMap<KodeTps, Tps> = HashMap::new();
        if before > 0 {
            let desa: Vec<String> = rows.iter().map(|t| t.kode.desa().to_string()).collect();
            let nomor: Vec<i16> = rows.iter().map(|t| t.kode.nomor().get() as i16).collect();
            for r in tx
                .query(
                    "SELECT t.kode_desa, t.nomor, t.dpt_laki, t.dpt_perempuan, t.dpt_total,
                            t.alamat, t.lat, t.lng
                     FROM tps t JOIN unnest($1::text[], $2::int2[]) AS f(kode_desa, nomor)
                       ON t.kode_desa = f.kode_desa AND t.nomor = f.nomor",
                    &[&desa, &nomor],
                )
                .await
                .map_err(backend_err)?
            {
                let t = tps_row(&r)?;
                lama.insert(t.kode, t);
            }
        }
        let jumlah = rows.len();
        let mut perubahan = PerubahanTps::default();
        let rows: Vec<Tps> = rows
            .iter()
            .filter_map(|baru| {
                let l = lama.get(&baru.kode);
                let t = gabung_tps(l, baru, kolom);
                match l {
                    Some(l) if !perubahan.catat(l, &t) => None,
                    _ => Some(t),
                }
            })
            .collect();
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
        // Every desa must exist: one set query (the per-row foreign-key
        // check this replaces was most of a large import's time).
        if let Some(r) = tx
            .query_opt(
                "SELECT m.kode_desa FROM (SELECT DISTINCT kode_desa FROM tps_masuk) m
                  WHERE NOT EXISTS (SELECT 1 FROM wilayah w WHERE w.kode = m.kode_desa)
                  ORDER BY 1 LIMIT 1",
                &[],
            )
            .await
            .map_err(backend_err)?
        {
            return Err(StoreError::NotFound(format!(
                "kode desa {}",
                r.get::<_, String>(0)
            )));
        }
        // Imports take turns (the lock above) and nothing else writes TPS:
        // into an empty table the rows simply go in; otherwise only the new
        // and changed rows, found by one join, are written.
        let touched = if before == 0 {
            tx.execute("INSERT INTO tps SELECT * FROM tps_masuk", &[])
                .await
                .map_err(backend_err)?
        } else {
            tx.batch_execute("ANALYZE tps_masuk")
                .await
                .map_err(backend_err)?;
            tx
            .execute(
                "INSERT INTO tps SELECT m.* FROM tps_masuk m
                   LEFT JOIN tps t ON t.kode_desa = m.kode_desa AND t.nomor = m.nomor
                  WHERE t.kode_desa IS NULL
                     OR (t.dpt_laki, t.dpt_perempuan, t.dpt_total, t.alamat, t.lat, t.lng)
                        IS DISTINCT FROM
                        (m.dpt_laki, m.dpt_perempuan, m.dpt_total, m.alamat, m.lat, m.lng)
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
            .map_err(backend_err)?
        };
        let after = table_count(&tx, "tps").await?;
        tx.batch_execute(posko_storage::REBUILD_REKAP_SQL)
            .await
            .map_err(backend_err)?;
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)?;
        Ok(HasilSimpanTps {
            counts: ImportCounts::dari_hitungan(
                before.max(0) as u64,
                after.max(0) as u64,
                touched,
                jumlah,
            ),
            perubahan,
        })
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_tps(&self, kode: KodeTps) -> Result<Option<Tps>> {
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_tps_di(
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_rekap_dpt(&self, kode: Option<KodeWilayah>) -> Result<RekapDpt> {
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_anak_dengan_rekap(
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pemilihan(&self, p: &Pemilihan, jejak: &Jejak) -> Result<()> {
        let mut conn = self.conn().await?;
        let c = conn.transaction().await.map_err(backend_err)?;
        c.execute(
            posko_storage::sql::pg(posko_storage::sql::SIMPAN_PEMILIHAN),
            &[
                &p.id,
                &p.jenis.slug(),
                &p.wilayah.to_string(),
                &p.nama,
                &p.tanggal,
                &p.dibuat,
                &p.aturan.map(|a| a.slug()),
            ],
        )
        .await
        .map_err(backend_err)?;
        catat_audit(&c, jejak).await?;
        c.commit().await.map_err(backend_err)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_aturan_menang(
        &self,
        id: Uuid,
        aturan: Option<AturanMenang>,
        jejak: &Jejak,
    ) -> Result<bool> {
        let mut conn = self.conn().await?;
        let c = conn.transaction().await.map_err(backend_err)?;
        let n = c
            .execute(
                posko_storage::sql::pg(posko_storage::sql::UBAH_ATURAN_MENANG),
                &[&id, &aturan.map(|a| a.slug())],
            )
            .await
            .map_err(backend_err)?;
        if n == 0 {
            return Ok(false);
        }
        catat_audit(&c, jejak).await?;
        c.commit().await.map_err(backend_err)?;
        Ok(true)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pemilihan(&self) -> Result<Vec<Pemilihan>> {
        let c = self.conn_baca().await?;
        c.query(&format!("{PEMILIHAN_COLUMNS} ORDER BY tanggal, id"), &[])
            .await
            .map_err(backend_err)?
            .iter()
            .map(pemilihan_row)
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_pemilihan(&self, id: Uuid) -> Result<Option<Pemilihan>> {
        let c = self.conn_baca().await?;
        c.query_opt(&format!("{PEMILIHAN_COLUMNS} WHERE id = $1"), &[&id])
            .await
            .map_err(backend_err)?
            .map(|r| pemilihan_row(&r))
            .transpose()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_paslon(&self, p: &Paslon, jejak: &Jejak) -> Result<()> {
        let mut conn = self.conn().await?;
        let c = conn.transaction().await.map_err(backend_err)?;
        c.execute(
            posko_storage::sql::pg(posko_storage::sql::SIMPAN_PASLON),
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
                StoreError::Conflict(Konflik::NomorUrutPaslon(p.nomor_urut.get()))
            }
            other => other,
        })?;
        catat_audit(&c, jejak).await?;
        c.commit().await.map_err(backend_err)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_paslon(&self, pemilihan_id: Uuid) -> Result<Vec<Paslon>> {
        let c = self.conn_baca().await?;
        c.query(
            posko_storage::sql::pg(posko_storage::sql::DAFTAR_PASLON),
            &[&pemilihan_id],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(paslon_row)
        .collect()
    }
}
