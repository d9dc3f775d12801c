//! Gateway messages on PostgreSQL: the inbox (each message stored once per
//! gateway id, however many servers receive the same retry at once) and the
//! durable outbox of replies. The unique (saluran, kunci_luar) decides which
//! insert wins; "update if still new" decides which processor replies.

use crate::PostgresStore;
use async_trait::async_trait;
use deadpool_postgres::Object;
use posko_domain::{Jejak, KodeTps};
use posko_storage::pesan::MAKS_PERCOBAAN;
use posko_storage::{
    Balasan, DataTersandi, HasilOlah, PesanMasuk, Result, Saluran, StatusPesan, StoreError,
};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::audit::catat_audit;
use crate::backend_err;
use crate::hasil::{from_json, json};
use posko_storage::PesanStore;

use posko_storage::baris::rusak as corrupt;

use posko_storage::sql::PESAN_COLUMNS;

fn pesan_row(r: &Row) -> Result<PesanMasuk> {
    let saluran: String = r.get(1);
    let status: String = r.get(9);
    let tps: Option<String> = r.get(11);
    Ok(PesanMasuk {
        id: r.get(0),
        saluran: Saluran::parse(&saluran).ok_or_else(|| corrupt("saluran", &saluran))?,
        kunci_luar: r.get(2),
        pengirim: DataTersandi {
            sandi: r.get(3),
            indeks: r.get(4),
        },
        pengirim_samar: r.get(5),
        teks: r.get(6),
        foto: from_json("foto", r.get(7))?,
        diterima: r.get(8),
        status: StatusPesan::parse(&status).ok_or_else(|| corrupt("status pesan", &status))?,
        pengguna_id: r.get(10),
        tps: tps
            .as_deref()
            .map(|t| KodeTps::parse(t).map_err(|e| corrupt("TPS pesan", e)))
            .transpose()?,
        kiriman_id: r.get(12),
        balasan: r.get(13),
    })
}

fn pesan_rows(rows: &[Row]) -> Result<Vec<PesanMasuk>> {
    rows.iter().map(pesan_row).collect()
}

pub(crate) async fn simpan(
    c: &mut Object,
    p: &PesanMasuk,
    jejak: &Jejak,
) -> Result<Option<PesanMasuk>> {
    let tx = c.transaction().await.map_err(backend_err)?;
    // A concurrent insert of the same key makes this one wait for it, then
    // do nothing: exactly one of them returns a row.
    let inserted = tx
        .query_opt(
            "INSERT INTO pesan_masuk (id, saluran, kunci_luar, pengirim_sandi, pengirim_indeks,
                pengirim_samar, teks, foto, diterima, status, pengguna_id, tps, kiriman_id, balasan)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (saluran, kunci_luar) DO NOTHING
             RETURNING id",
            &[
                &p.id,
                &p.saluran.slug(),
                &p.kunci_luar,
                &p.pengirim.sandi,
                &p.pengirim.indeks,
                &p.pengirim_samar,
                &p.teks,
                &json(&p.foto)?,
                &p.diterima,
                &StatusPesan::Baru.slug(),
                &p.pengguna_id,
                &p.tps.map(|t| t.to_string()),
                &p.kiriman_id,
                &p.balasan,
            ],
        )
        .await
        .map_err(backend_err)?;
    if inserted.is_some() {
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)?;
        return Ok(None);
    }
    // Nothing was written; the winner has committed, so a new statement
    // sees its row.
    tx.rollback().await.map_err(backend_err)?;
    let stored = c
        .query_opt(
            &format!("{PESAN_COLUMNS} WHERE saluran = $1 AND kunci_luar = $2"),
            &[&p.saluran.slug(), &p.kunci_luar],
        )
        .await
        .map_err(backend_err)?
        .ok_or_else(|| {
            StoreError::Backend(format!(
                "pesan {} {} bertabrakan; kirim ulang",
                p.saluran.slug(),
                p.kunci_luar
            ))
        })?;
    pesan_row(&stored).map(Some)
}

pub(crate) async fn selesaikan(
    c: &mut Object,
    id: Uuid,
    h: &HasilOlah,
    sekarang: i64,
    jejak: &Jejak,
) -> Result<bool> {
    if h.status == StatusPesan::Baru {
        return Err(StoreError::Backend(
            "pesan yang selesai diolah tidak boleh berstatus baru".into(),
        ));
    }
    let tx = c.transaction().await.map_err(backend_err)?;
    // The row lock taken by the update makes a concurrent processor wait,
    // then find the status changed and update nothing.
    let changed = tx
        .execute(
            posko_storage::sql::pg(posko_storage::sql::SELESAIKAN_PESAN_MASUK),
            &[
                &id,
                &h.status.slug(),
                &h.pengguna_id,
                &h.tps.map(|t| t.to_string()),
                &h.kiriman_id,
                &h.balasan,
            ],
        )
        .await
        .map_err(backend_err)?;
    if changed == 0 {
        tx.rollback().await.map_err(backend_err)?;
        return Ok(false);
    }
    if h.kirim_balasan {
        tx.execute(
            posko_storage::sql::pg(posko_storage::sql::SIMPAN_BALASAN_KELUAR),
            &[&Uuid::now_v7(), &id, &h.balasan, &sekarang],
        )
        .await
        .map_err(backend_err)?;
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(true)
}

pub(crate) async fn baru(c: &Object, sebelum: i64, limit: u32) -> Result<Vec<PesanMasuk>> {
    let rows = c
        .query(
            &format!(
                "{PESAN_COLUMNS} WHERE status = 'baru' AND diterima < $1
                 ORDER BY diterima, id LIMIT $2"
            ),
            &[&sebelum, &i64::from(limit)],
        )
        .await
        .map_err(backend_err)?;
    pesan_rows(&rows)
}

pub(crate) async fn hitung_dari(c: &Object, indeks: &str, sejak: i64) -> Result<u64> {
    let n: i64 = c
        .query_one(
            posko_storage::sql::pg(posko_storage::sql::HITUNG_PESAN_DARI_PENGIRIM),
            &[&indeks, &sejak],
        )
        .await
        .map_err(backend_err)?
        .get(0);
    Ok(n as u64)
}

pub(crate) async fn daftar(
    c: &Object,
    status: &[StatusPesan],
    limit: u32,
) -> Result<Vec<PesanMasuk>> {
    let slugs: Vec<&str> = status.iter().map(|s| s.slug()).collect();
    let rows = c
        .query(
            &format!(
                "{PESAN_COLUMNS} WHERE (cardinality($1::text[]) = 0 OR status = ANY($1))
                 ORDER BY diterima DESC, id DESC LIMIT $2"
            ),
            &[&slugs, &i64::from(limit)],
        )
        .await
        .map_err(backend_err)?;
    pesan_rows(&rows)
}

/// `FOR UPDATE SKIP LOCKED`: servers sharing the database each lease
/// different replies, none waiting on another's.
pub(crate) async fn ambil(
    c: &Object,
    sekarang: i64,
    sewa_sampai: i64,
    limit: u32,
) -> Result<Vec<Balasan>> {
    c.query(
        "WITH jatuh AS (
             SELECT id FROM kotak_keluar
             WHERE status = 'antre' AND berikut <= $1
             ORDER BY berikut, id LIMIT $2
             FOR UPDATE SKIP LOCKED)
         UPDATE kotak_keluar k SET berikut = $3, pemegang = $4
         FROM jatuh, pesan_masuk p
         WHERE k.id = jatuh.id AND p.id = k.pesan_id
         RETURNING k.id, k.pesan_id, k.saluran, p.pengirim_sandi, p.pengirim_indeks, k.teks,
                   k.percobaan, k.berikut, k.pemegang",
        &[&sekarang, &i64::from(limit), &sewa_sampai, &Uuid::now_v7()],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| {
        let saluran: String = r.get(2);
        let percobaan: i32 = r.get(6);
        Ok(Balasan {
            id: r.get(0),
            pesan_id: r.get(1),
            saluran: Saluran::parse(&saluran).ok_or_else(|| corrupt("saluran", &saluran))?,
            tujuan: DataTersandi {
                sandi: r.get(3),
                indeks: r.get(4),
            },
            teks: r.get(5),
            percobaan: u32::try_from(percobaan).map_err(|e| corrupt("percobaan", e))?,
            berikut: r.get(7),
            pemegang: r.get(8),
        })
    })
    .collect::<Result<Vec<_>>>()
    .map(|mut v| {
        // RETURNING has no order; the caller sends oldest first.
        v.sort_by_key(|b: &Balasan| b.id);
        v
    })
}

/// The heartbeat: one statement for the whole claim.
pub(crate) async fn perpanjang(
    c: &Object,
    id: &[Uuid],
    pemegang: Uuid,
    sewa_sampai: i64,
) -> Result<Vec<Uuid>> {
    Ok(c.query(
        "UPDATE kotak_keluar SET berikut = $3
             WHERE id = ANY($1) AND pemegang = $2 AND status = 'antre'
             RETURNING id",
        &[&id, &pemegang, &sewa_sampai],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| r.get(0))
    .collect())
}

/// Delivery bookkeeping only: no audit entry (the reply's text was audited
/// when it was queued, with the message's processing).
pub(crate) async fn tandai(
    c: &Object,
    id: Uuid,
    pemegang: Uuid,
    terkirim: bool,
    galat: Option<&str>,
    berikut: i64,
    sekarang: i64,
) -> Result<bool> {
    let n = if terkirim {
        c.execute(
            posko_storage::sql::pg(posko_storage::sql::UBAH_KOTAK_KELUAR_TERKIRIM),
            &[&id, &sekarang, &pemegang],
        )
        .await
        .map_err(backend_err)?
    } else {
        c.execute(
            posko_storage::sql::pg(posko_storage::sql::CATAT_GAGAL_KIRIM),
            &[&id, &galat, &berikut, &(MAKS_PERCOBAAN as i32), &pemegang],
        )
        .await
        .map_err(backend_err)?
    };
    Ok(n > 0)
}

pub(crate) async fn per_status(c: &Object) -> Result<Vec<(String, u64)>> {
    Ok(c.query(
        posko_storage::sql::pg(posko_storage::sql::HITUNG_KOTAK_KELUAR_PER_STATUS),
        &[],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| (r.get(0), r.get::<_, i64>(1) as u64))
    .collect())
}

/// Issuing takes a table lock: two servers issuing at once would otherwise
/// both read the same highest number. Rare (once per TPS, ever).
pub(crate) async fn beri_kode_singkat(
    c: &mut Object,
    tps: &[KodeTps],
    jejak: &Jejak,
) -> Result<Vec<u64>> {
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.batch_execute("LOCK TABLE kode_singkat_tps IN SHARE ROW EXCLUSIVE MODE")
        .await
        .map_err(backend_err)?;
    let kode: Vec<String> = tps.iter().map(ToString::to_string).collect();
    let ada: std::collections::HashMap<String, i64> = tx
        .query(
            "SELECT tps, nomor FROM kode_singkat_tps WHERE tps = ANY($1)",
            &[&kode],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut berikut: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(nomor) + 1, 0) FROM kode_singkat_tps",
            &[],
        )
        .await
        .map_err(backend_err)?
        .get(0);
    let mut out = Vec::with_capacity(kode.len());
    let mut baru: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for k in &kode {
        let nomor = match ada.get(k).or_else(|| baru.get(k.as_str())) {
            Some(&n) => n,
            None => {
                tx.execute(
                    "INSERT INTO kode_singkat_tps (nomor, tps) VALUES ($1, $2)",
                    &[&berikut, k],
                )
                .await
                .map_err(backend_err)?;
                baru.insert(k, berikut);
                berikut += 1;
                berikut - 1
            }
        };
        out.push(u64::try_from(nomor).map_err(|e| corrupt("nomor kode singkat", e))?);
    }
    if !baru.is_empty() {
        catat_audit(&tx, jejak).await?;
    }
    tx.commit().await.map_err(backend_err)?;
    Ok(out)
}

pub(crate) async fn tps_kode_singkat(c: &Object, nomor: u64) -> Result<Option<KodeTps>> {
    let Ok(nomor) = i64::try_from(nomor) else {
        return Ok(None);
    };
    c.query_opt(
        posko_storage::sql::pg(posko_storage::sql::AMBIL_TPS_KODE_SINGKAT),
        &[&nomor],
    )
    .await
    .map_err(backend_err)?
    .map(|r| {
        let t: String = r.get(0);
        KodeTps::parse(&t).map_err(|e| corrupt("TPS kode singkat", e))
    })
    .transpose()
}

#[async_trait]
impl PesanStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pesan(&self, p: &PesanMasuk, jejak: &Jejak) -> Result<Option<PesanMasuk>> {
        let mut c = self.conn().await?;
        simpan(&mut c, p, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn selesaikan_pesan(
        &self,
        id: Uuid,
        h: &HasilOlah,
        sekarang: i64,
        jejak: &Jejak,
    ) -> Result<bool> {
        let mut c = self.conn().await?;
        selesaikan(&mut c, id, h, sekarang, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pesan_baru(&self, sebelum: i64, limit: u32) -> Result<Vec<PesanMasuk>> {
        baru(&self.conn_baca().await?, sebelum, limit).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pesan_dari(&self, indeks: &str, sejak: i64) -> Result<u64> {
        hitung_dari(&self.conn_baca().await?, indeks, sejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pesan(&self, status: &[StatusPesan], limit: u32) -> Result<Vec<PesanMasuk>> {
        daftar(&self.conn_baca().await?, status, limit).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_balasan(
        &self,
        sekarang: i64,
        sewa_sampai: i64,
        limit: u32,
    ) -> Result<Vec<Balasan>> {
        ambil(&self.conn().await?, sekarang, sewa_sampai, limit).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn beri_kode_singkat(&self, tps: &[KodeTps], jejak: &Jejak) -> Result<Vec<u64>> {
        beri_kode_singkat(&mut self.conn().await?, tps, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_tps_kode_singkat(&self, nomor: u64) -> Result<Option<KodeTps>> {
        tps_kode_singkat(&self.conn_baca().await?, nomor).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn perpanjang_sewa_balasan(
        &self,
        id: &[Uuid],
        pemegang: Uuid,
        sewa_sampai: i64,
    ) -> Result<Vec<Uuid>> {
        perpanjang(&self.conn().await?, id, pemegang, sewa_sampai).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn tandai_balasan(
        &self,
        id: Uuid,
        pemegang: Uuid,
        terkirim: bool,
        galat: Option<&str>,
        berikut: i64,
        sekarang: i64,
    ) -> Result<bool> {
        tandai(
            &self.conn().await?,
            id,
            pemegang,
            terkirim,
            galat,
            berikut,
            sekarang,
        )
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_keluar_per_status(&self) -> Result<Vec<(String, u64)>> {
        per_status(&self.conn_baca().await?).await
    }
}
