//! Canvassing visits on PostgreSQL. `INSERT … ON CONFLICT (id) DO NOTHING
//! RETURNING id`: of two servers storing the same visit at once, one
//! inserts and the other waits for its commit and then inserts nothing.

use crate::PostgresStore;
use async_trait::async_trait;
use deadpool_postgres::Object;
use posko_domain::kunjungan::PertanyaanSurvei;
use posko_domain::{HasilKunjungan, Jejak, KodeTps, KodeWilayah, NomorTps, TingkatDukungan};
use posko_storage::{
    KegiatanDesa, Kunjungan, Result, jawaban_dari, jawaban_teks, pilihan_dari, pilihan_teks,
};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::{backend_err, catat_audit};
use posko_storage::KunjunganStore;

use posko_storage::baris::rusak as corrupt;

pub(crate) async fn simpan(c: &mut Object, rows: &[Kunjungan], jejak: &Jejak) -> Result<Vec<Uuid>> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let stmt = tx
        .prepare_cached(
            "INSERT INTO kunjungan (id, relawan_id, kode_desa, nomor_tps, urut, hasil,
                dukungan, jawaban, catatan, waktu, diterima)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (id) DO NOTHING RETURNING id",
        )
        .await
        .map_err(backend_err)?;
    // In id order, so two batches sharing visits wait for each other
    // instead of deadlocking.
    let mut urut: Vec<&Kunjungan> = rows.iter().collect();
    urut.sort_by_key(|k| k.id);
    let mut baru = Vec::new();
    for k in urut {
        let r = tx
            .query_opt(
                &stmt,
                &[
                    &k.id,
                    &k.relawan_id,
                    &k.tps.desa().to_string(),
                    &(k.tps.nomor().get() as i16),
                    &(k.urut as i32),
                    &k.hasil.slug(),
                    &k.dukungan.map(TingkatDukungan::slug),
                    &jawaban_teks(&k.jawaban),
                    &k.catatan,
                    &k.waktu,
                    &k.diterima,
                ],
            )
            .await
            .map_err(backend_err)?;
        if let Some(r) = r {
            baru.push(r.get(0));
        }
    }
    if !baru.is_empty() {
        catat_audit(&tx, jejak).await?;
    }
    tx.commit().await.map_err(backend_err)?;
    Ok(baru)
}

fn baris(r: &Row) -> Result<Kunjungan> {
    let desa: String = r.get(2);
    let desa = KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?;
    let nomor = NomorTps::new(r.get::<_, i16>(3) as u16).map_err(|e| corrupt("nomor TPS", e))?;
    let hasil: String = r.get(5);
    let dukungan: Option<String> = r.get(6);
    let jawaban: String = r.get(7);
    Ok(Kunjungan {
        id: r.get(0),
        relawan_id: r.get(1),
        tps: KodeTps::new(desa, nomor).map_err(|e| corrupt("TPS", e))?,
        urut: r.get::<_, i32>(4) as u32,
        hasil: HasilKunjungan::parse(&hasil).map_err(|e| corrupt("hasil", e))?,
        dukungan: dukungan
            .as_deref()
            .map(TingkatDukungan::parse)
            .transpose()
            .map_err(|e| corrupt("dukungan", e))?,
        jawaban: jawaban_dari(&jawaban),
        catatan: r.get(8),
        waktu: r.get(9),
        diterima: r.get(10),
    })
}

pub(crate) async fn per_tps(c: &Object, tps: KodeTps) -> Result<Vec<Kunjungan>> {
    let rows = c
        .query(
            posko_storage::sql::pg(posko_storage::sql::DAFTAR_KUNJUNGAN_DI_TPS),
            &[&tps.desa().to_string(), &(tps.nomor().get() as i16)],
        )
        .await
        .map_err(backend_err)?;
    rows.iter().map(baris).collect()
}

/// `LIKE` pattern for everything under a region (codes hold no `%` or `_`).
fn di_bawah(w: Option<KodeWilayah>) -> String {
    w.map(|w| format!("{w}%")).unwrap_or_else(|| "%".into())
}

pub(crate) async fn per_relawan(c: &Object, w: Option<KodeWilayah>) -> Result<Vec<(Uuid, u64)>> {
    Ok(c.query(
        posko_storage::sql::pg(posko_storage::sql::HITUNG_KUNJUNGAN_PER_RELAWAN),
        &[&di_bawah(w)],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| (r.get(0), r.get::<_, i64>(1) as u64))
    .collect())
}

pub(crate) async fn aktivitas(c: &Object, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
    Ok(c.query(
        "SELECT (waktu + 25200) / 86400 AS hari, COUNT(*) FROM kunjungan
         WHERE relawan_id = ANY($1) GROUP BY hari ORDER BY hari",
        &[&relawan],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| (r.get(0), r.get::<_, i64>(1) as u64))
    .collect())
}

pub(crate) async fn kegiatan_per_desa(c: &Object, w: KodeWilayah) -> Result<Vec<KegiatanDesa>> {
    // One pass per table, merged by code: a FULL JOIN of two GROUP BYs
    // would say the same at more cost to read.
    let mut per: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    for (sql, kunjungan) in [
        (
            posko_storage::sql::pg(posko_storage::sql::HITUNG_PENDUKUNG_PER_DESA),
            false,
        ),
        (
            posko_storage::sql::pg(posko_storage::sql::HITUNG_KUNJUNGAN_PER_DESA),
            true,
        ),
    ] {
        for r in c
            .query(sql, &[&di_bawah(Some(w))])
            .await
            .map_err(backend_err)?
        {
            let e = per.entry(r.get(0)).or_default();
            let n = r.get::<_, i64>(1) as u64;
            if kunjungan {
                e.1 += n;
            } else {
                e.0 += n;
            }
        }
    }
    per.into_iter()
        .map(|(d, (pendukung, kunjungan))| {
            Ok(KegiatanDesa {
                desa: KodeWilayah::parse(&d).map_err(|e| corrupt("desa", e))?,
                pendukung,
                kunjungan,
            })
        })
        .collect()
}

pub(crate) async fn pertanyaan(c: &Object, pemilihan: Uuid) -> Result<Vec<PertanyaanSurvei>> {
    Ok(c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_PERTANYAAN_SURVEI),
        &[&pemilihan],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| PertanyaanSurvei {
        kode: r.get(0),
        teks: r.get(1),
        teks_en: r.get(2),
        pilihan: pilihan_dari(r.get(3)),
        aktif: r.get(4),
    })
    .collect())
}

pub(crate) async fn ganti_pertanyaan(
    c: &mut Object,
    pemilihan: Uuid,
    rows: &[PertanyaanSurvei],
    diubah: i64,
    jejak: &Jejak,
) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    // The election's row first, so two managers saving at once take turns
    // instead of interleaving their deletes and inserts.
    tx.execute(
        "SELECT 1 FROM pemilihan WHERE id = $1 FOR UPDATE",
        &[&pemilihan],
    )
    .await
    .map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::HAPUS_PERTANYAAN_SURVEI_PEMILIHAN),
        &[&pemilihan],
    )
    .await
    .map_err(backend_err)?;
    for (i, q) in rows.iter().enumerate() {
        tx.execute(
            posko_storage::sql::pg(posko_storage::sql::SIMPAN_PERTANYAAN_SURVEI),
            &[
                &pemilihan,
                &q.kode,
                &(i as i32),
                &q.teks,
                &q.teks_en,
                &pilihan_teks(&q.pilihan),
                &q.aktif,
                &diubah,
            ],
        )
        .await
        .map_err(backend_err)?;
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) async fn hitung_jawaban(
    c: &Object,
    w: KodeWilayah,
) -> Result<Vec<(String, String, u64)>> {
    // Split in SQL: one row per (question, answer) of the area's visits.
    Ok(c.query(
        "SELECT split_part(kv, '=', 1) AS kode, split_part(kv, '=', 2) AS jawab, COUNT(*)
         FROM kunjungan, unnest(string_to_array(jawaban, ';')) AS kv
         WHERE kode_desa LIKE $1 AND jawaban <> '' AND position('=' in kv) > 0
         GROUP BY 1, 2 ORDER BY 1, 2",
        &[&di_bawah(Some(w))],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get::<_, i64>(2) as u64))
    .collect())
}

#[async_trait]
impl KunjunganStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_kunjungan(&self, rows: &[Kunjungan], jejak: &Jejak) -> Result<Vec<Uuid>> {
        simpan(&mut self.conn().await?, rows, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kunjungan_tps(&self, tps: KodeTps) -> Result<Vec<Kunjungan>> {
        per_tps(&self.conn_baca().await?, tps).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Vec<posko_domain::kunjungan::PertanyaanSurvei>> {
        pertanyaan(&self.conn_baca().await?, pemilihan_id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ganti_pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
        rows: &[posko_domain::kunjungan::PertanyaanSurvei],
        diubah: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        ganti_pertanyaan(&mut self.conn().await?, pemilihan_id, rows, diubah, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_jawaban_survei(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(String, String, u64)>> {
        hitung_jawaban(&self.conn_baca().await?, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_kunjungan_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>> {
        per_relawan(&self.conn_baca().await?, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_aktivitas_kunjungan(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
        aktivitas(&self.conn_baca().await?, relawan).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_kegiatan_per_desa(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_storage::KegiatanDesa>> {
        kegiatan_per_desa(&self.conn_baca().await?, wilayah).await
    }
}
