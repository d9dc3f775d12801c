//! Canvassing visits on PostgreSQL. `INSERT … ON CONFLICT (id) DO NOTHING
//! RETURNING id`: of two servers storing the same visit at once, one
//! inserts and the other waits for its commit and then inserts nothing.

use deadpool_postgres::Object;
use posko_domain::{HasilKunjungan, Jejak, KodeTps, KodeWilayah, NomorTps, TingkatDukungan};
use posko_storage::{Kunjungan, Result, StoreError, jawaban_dari, jawaban_teks};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::{append_audit, backend_err};

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

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
        append_audit(&tx, jejak).await?;
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
            "SELECT id, relawan_id, kode_desa, nomor_tps, urut, hasil, dukungan, jawaban,
                    catatan, waktu, diterima
             FROM kunjungan WHERE kode_desa = $1 AND nomor_tps = $2 ORDER BY waktu, id",
            &[&tps.desa().to_string(), &(tps.nomor().get() as i16)],
        )
        .await
        .map_err(backend_err)?;
    rows.iter().map(baris).collect()
}
