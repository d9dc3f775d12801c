//! Regions, their TPS and DPT totals, elections and their candidate pairs.

use crate::SqliteStore;
use crate::audit::catat_audit;
use crate::backend_err;
use crate::rows::count;
use crate::rows::{
    PEMILIHAN_COLUMNS, REKAP_COLUMNS, REKAP_SUM_COLUMNS, TPS_COLUMNS, collect, format_time, kode,
    paslon_row, pemilihan_row, rekap_row, tps_row, wilayah_row, wilayah_with_rekap_row,
};
use async_trait::async_trait;
use posko_domain::{AturanMenang, Jejak, KodeTps, KodeWilayah, Tingkat};
use posko_storage::Konflik;
use posko_storage::{
    HasilSimpanTps, ImportCounts, KolomTps, Paslon, Pemilihan, PerubahanTps, RekapDpt, Result,
    StoreError, Tps, Wilayah, WilayahDenganRekap, WilayahStore, gabung_tps,
};
use rusqlite::OptionalExtension;
use rusqlite::params;
use std::collections::HashSet;
use uuid::Uuid;

#[async_trait]
impl WilayahStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_wilayah(&self, rows: &[Wilayah], jejak: &Jejak) -> Result<ImportCounts> {
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
            catat_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)?;
            Ok(ImportCounts::dari_hitungan(
                before,
                after,
                touched,
                rows.len(),
            ))
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_wilayah(&self, kode: KodeWilayah) -> Result<Option<Wilayah>> {
        self.read(move |c| {
            c.query_row(
                posko_storage::sql::AMBIL_WILAYAH,
                [kode.to_string()],
                wilayah_row,
            )
            .optional()
            .map_err(backend_err)?
            .transpose()
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_wilayah_banyak(&self, kodes: &[KodeWilayah]) -> Result<Vec<Wilayah>> {
        let kodes = kodes.to_vec();
        self.read(move |c| {
            let mut stmt = c
                .prepare_cached(posko_storage::sql::AMBIL_WILAYAH)
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_anak_wilayah(&self, induk: Option<KodeWilayah>) -> Result<Vec<Wilayah>> {
        self.read(move |c| {
            let (sql, arg) = match induk {
                Some(k) => (
                    posko_storage::sql::DAFTAR_ANAK_WILAYAH,
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_wilayah_per_tingkat(&self) -> Result<[u64; 4]> {
        self.read(|c| {
            let mut out = [0u64; 4];
            let mut stmt = c
                .prepare(posko_storage::sql::HITUNG_WILAYAH_PER_TINGKAT)
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kode_wilayah(&self, tingkat: Tingkat) -> Result<HashSet<KodeWilayah>> {
        self.read(move |c| {
            let mut stmt = c
                .prepare(posko_storage::sql::DAFTAR_KODE_WILAYAH_DI_TINGKAT)
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_tps_kolom(
        &self,
        rows: &[Tps],
        kolom: &KolomTps,
        jejak: &Jejak,
    ) -> Result<HasilSimpanTps> {
        let rows = rows.to_vec();
        let kolom = *kolom;
        let jejak = jejak.clone();
        self.write(move |conn| {
            let tx = conn.transaction().map_err(backend_err)?;
            let before = count(&tx, "tps").map_err(backend_err)?;
            let mut touched = 0u64;
            let mut perubahan = PerubahanTps::default();
            {
                let mut lama_stmt = tx
                    .prepare(&format!("{TPS_COLUMNS} WHERE kode_desa = ?1 AND nomor = ?2"))
                    .map_err(backend_err)?;
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
                for baru in &rows {
                    // Most files list a desa's TPS together; format its code once.
                    if last_desa != Some(baru.kode.desa()) {
                        desa_text = baru.kode.desa().to_string();
                        last_desa = Some(baru.kode.desa());
                    }
                    let nomor = baru.kode.nomor().get();
                    // A file with every column replaces: no need to read.
                    let lama = if kolom == KolomTps::SEMUA && before == 0 {
                        None
                    } else {
                        lama_stmt
                            .query_row(params![desa_text, nomor], tps_row)
                            .optional()
                            .map_err(backend_err)?
                            .transpose()?
                    };
                    let t = gabung_tps(lama.as_ref(), baru, &kolom);
                    if let Some(lama) = &lama
                        && !perubahan.catat(lama, &t)
                    {
                        continue;
                    }
                    touched += stmt
                        .execute(params![
                            desa_text,
                            nomor,
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
            catat_audit(&tx, jejak)?;
            tx.commit().map_err(backend_err)?;
            Ok(HasilSimpanTps {
                counts: ImportCounts::dari_hitungan(before, after, touched, rows.len()),
                perubahan,
            })
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_tps(&self, kode: KodeTps) -> Result<Option<Tps>> {
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_tps_di(
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_rekap_dpt(&self, kode: Option<KodeWilayah>) -> Result<RekapDpt> {
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_anak_dengan_rekap(
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pemilihan(&self, p: &Pemilihan, jejak: &Jejak) -> Result<()> {
        let p = p.clone();
        let jejak = jejak.clone();
        self.write(move |conn| {
            let c = conn.transaction().map_err(backend_err)?;
            c.execute(
                posko_storage::sql::SIMPAN_PEMILIHAN,
                params![
                    p.id.to_string(),
                    p.jenis.slug(),
                    p.wilayah.to_string(),
                    p.nama,
                    p.tanggal.to_string(),
                    format_time(p.dibuat)?,
                    p.aturan.map(|a| a.slug()),
                ],
            )
            .map_err(backend_err)?;
            catat_audit(&c, jejak)?;
            c.commit().map_err(backend_err)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_aturan_menang(
        &self,
        id: Uuid,
        aturan: Option<AturanMenang>,
        jejak: &Jejak,
    ) -> Result<bool> {
        let jejak = jejak.clone();
        self.write(move |conn| {
            let c = conn.transaction().map_err(backend_err)?;
            let n = c
                .execute(
                    posko_storage::sql::UBAH_ATURAN_MENANG,
                    params![id.to_string(), aturan.map(|a| a.slug())],
                )
                .map_err(backend_err)?;
            if n == 0 {
                return Ok(false);
            }
            catat_audit(&c, jejak)?;
            c.commit().map_err(backend_err)?;
            Ok(true)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pemilihan(&self) -> Result<Vec<Pemilihan>> {
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(&format!("{PEMILIHAN_COLUMNS} ORDER BY tanggal, id"))
                .map_err(backend_err)?;
            collect(stmt.query_map([], pemilihan_row).map_err(backend_err)?)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_pemilihan(&self, id: Uuid) -> Result<Option<Pemilihan>> {
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

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_paslon(&self, p: &Paslon, jejak: &Jejak) -> Result<()> {
        let p = p.clone();
        let jejak = jejak.clone();
        self.write(move |conn| {
            let c = conn.transaction().map_err(backend_err)?;
            c.execute(
                posko_storage::sql::SIMPAN_PASLON,
                params![
                    p.pemilihan_id.to_string(),
                    p.nomor_urut.get(),
                    p.calon_kepala.as_str(),
                    p.calon_wakil.as_str(),
                ],
            )
            .map_err(|e| match backend_err(e) {
                StoreError::Conflict(_) => {
                    StoreError::Conflict(Konflik::NomorUrutPaslon(p.nomor_urut.get()))
                }
                other => other,
            })?;
            catat_audit(&c, jejak)?;
            c.commit().map_err(backend_err)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_paslon(&self, pemilihan_id: Uuid) -> Result<Vec<Paslon>> {
        self.read(move |c| {
            let mut stmt = c
                .prepare_cached(posko_storage::sql::DAFTAR_PASLON)
                .map_err(backend_err)?;
            collect(
                stmt.query_map([pemilihan_id.to_string()], paslon_row)
                    .map_err(backend_err)?,
            )
        })
        .await
    }
}
