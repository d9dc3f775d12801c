//! Gateway messages on SQLite: the inbox (each message stored once per
//! gateway id) and the durable outbox of replies. The single writer makes
//! "look up the key, then insert" and "update if still new" atomic.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps};
use posko_storage::pesan::MAKS_PERCOBAAN;
use posko_storage::{
    Balasan, DataTersandi, HasilOlah, PesanMasuk, Result, Saluran, StatusPesan, StoreError,
};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::hasil::{from_json, json, uuid};
use crate::{backend_err, catat_audit};
use posko_storage::PesanStore;

use posko_storage::baris::rusak as corrupt;

use posko_storage::sql::PESAN_COLUMNS;

fn pesan_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<PesanMasuk>> {
    let id: String = r.get(0)?;
    let saluran: String = r.get(1)?;
    let kunci_luar: String = r.get(2)?;
    let (sandi, indeks): (String, String) = (r.get(3)?, r.get(4)?);
    let pengirim_samar: String = r.get(5)?;
    let teks: String = r.get(6)?;
    let foto: String = r.get(7)?;
    let diterima: i64 = r.get(8)?;
    let status: String = r.get(9)?;
    let pengguna_id: Option<String> = r.get(10)?;
    let tps: Option<String> = r.get(11)?;
    let kiriman_id: Option<String> = r.get(12)?;
    let balasan: Option<String> = r.get(13)?;
    Ok((|| {
        Ok(PesanMasuk {
            id: uuid(&id)?,
            saluran: Saluran::parse(&saluran).ok_or_else(|| corrupt("saluran", &saluran))?,
            kunci_luar,
            pengirim: DataTersandi { sandi, indeks },
            pengirim_samar,
            teks,
            foto: from_json("foto", &foto)?,
            diterima,
            status: StatusPesan::parse(&status).ok_or_else(|| corrupt("status pesan", &status))?,
            pengguna_id: pengguna_id.as_deref().map(uuid).transpose()?,
            tps: tps
                .as_deref()
                .map(|t| KodeTps::parse(t).map_err(|e| corrupt("TPS pesan", e)))
                .transpose()?,
            kiriman_id: kiriman_id.as_deref().map(uuid).transpose()?,
            balasan,
        })
    })())
}

fn by_kunci(conn: &Connection, saluran: Saluran, kunci: &str) -> Result<Option<PesanMasuk>> {
    conn.prepare_cached(&format!(
        "{PESAN_COLUMNS} WHERE saluran = ?1 AND kunci_luar = ?2"
    ))
    .map_err(backend_err)?
    .query_row(params![saluran.slug(), kunci], pesan_row)
    .optional()
    .map_err(backend_err)?
    .transpose()
}

pub(crate) fn simpan(
    conn: &mut Connection,
    p: &PesanMasuk,
    jejak: Jejak,
) -> Result<Option<PesanMasuk>> {
    // The one writer holds the lock from here to commit, so no other
    // insert of the same key can slip between the look-up and the insert.
    let tx = conn.transaction().map_err(backend_err)?;
    if let Some(stored) = by_kunci(&tx, p.saluran, &p.kunci_luar)? {
        return Ok(Some(stored));
    }
    tx.prepare_cached(
        "INSERT INTO pesan_masuk (id, saluran, kunci_luar, pengirim_sandi, pengirim_indeks,
            pengirim_samar, teks, foto, diterima, status, pengguna_id, tps, kiriman_id, balasan)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )
    .map_err(backend_err)?
    .execute(params![
        p.id.to_string(),
        p.saluran.slug(),
        p.kunci_luar,
        p.pengirim.sandi,
        p.pengirim.indeks,
        p.pengirim_samar,
        p.teks,
        json(&p.foto)?,
        p.diterima,
        StatusPesan::Baru.slug(),
        p.pengguna_id.map(|u| u.to_string()),
        p.tps.map(|t| t.to_string()),
        p.kiriman_id.map(|u| u.to_string()),
        p.balasan,
    ])
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(None)
}

pub(crate) fn selesaikan(
    conn: &mut Connection,
    id: Uuid,
    h: &HasilOlah,
    sekarang: i64,
    jejak: Jejak,
) -> Result<bool> {
    if h.status == StatusPesan::Baru {
        return Err(StoreError::Backend(
            "pesan yang selesai diolah tidak boleh berstatus baru".into(),
        ));
    }
    let tx = conn.transaction().map_err(backend_err)?;
    let id = id.to_string();
    let changed = tx
        .prepare_cached(posko_storage::sql::SELESAIKAN_PESAN_MASUK)
        .map_err(backend_err)?
        .execute(params![
            id,
            h.status.slug(),
            h.pengguna_id.map(|u| u.to_string()),
            h.tps.map(|t| t.to_string()),
            h.kiriman_id.map(|u| u.to_string()),
            h.balasan,
        ])
        .map_err(backend_err)?;
    if changed == 0 {
        // Dropping the transaction rolls it back: nothing written.
        return Ok(false);
    }
    if h.kirim_balasan {
        tx.prepare_cached(posko_storage::sql::SIMPAN_BALASAN_KELUAR)
            .map_err(backend_err)?
            .execute(params![Uuid::now_v7().to_string(), id, h.balasan, sekarang])
            .map_err(backend_err)?;
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(true)
}

pub(crate) fn baru(conn: &Connection, sebelum: i64, limit: u32) -> Result<Vec<PesanMasuk>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{PESAN_COLUMNS} WHERE status = 'baru' AND diterima < ?1
             ORDER BY diterima, id LIMIT ?2"
        ))
        .map_err(backend_err)?;
    crate::rows::collect(
        stmt.query_map(params![sebelum, limit], pesan_row)
            .map_err(backend_err)?,
    )
}

pub(crate) fn hitung_dari(conn: &Connection, indeks: &str, sejak: i64) -> Result<u64> {
    conn.prepare_cached(posko_storage::sql::HITUNG_PESAN_DARI_PENGIRIM)
        .map_err(backend_err)?
        .query_row(params![indeks, sejak], |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(backend_err)
}

pub(crate) fn daftar(
    conn: &Connection,
    status: &[StatusPesan],
    limit: u32,
) -> Result<Vec<PesanMasuk>> {
    if status.is_empty() {
        let mut stmt = conn
            .prepare_cached(&format!(
                "{PESAN_COLUMNS} ORDER BY diterima DESC, id DESC LIMIT ?1"
            ))
            .map_err(backend_err)?;
        return crate::rows::collect(stmt.query_map([limit], pesan_row).map_err(backend_err)?);
    }
    // One index range per status, merged.
    let mut stmt = conn
        .prepare_cached(&format!(
            "{PESAN_COLUMNS} WHERE status = ?1 ORDER BY diterima DESC, id DESC LIMIT ?2"
        ))
        .map_err(backend_err)?;
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for s in status {
        if seen.contains(s) {
            continue;
        }
        seen.push(*s);
        out.extend(crate::rows::collect(
            stmt.query_map(params![s.slug(), limit], pesan_row)
                .map_err(backend_err)?,
        )?);
    }
    out.sort_by_key(|p| std::cmp::Reverse((p.diterima, p.id)));
    out.truncate(limit as usize);
    Ok(out)
}

/// The single writer makes "read what is due, then lease it" atomic.
pub(crate) fn ambil(
    conn: &mut Connection,
    sekarang: i64,
    sewa_sampai: i64,
    limit: u32,
) -> Result<Vec<Balasan>> {
    let tx = conn.transaction().map_err(backend_err)?;
    let pemegang = Uuid::now_v7();
    let mut out = jatuh_tempo(&tx, sekarang, limit, pemegang)?;
    {
        let mut sewa = tx
            .prepare_cached("UPDATE kotak_keluar SET berikut = ?2, pemegang = ?3 WHERE id = ?1")
            .map_err(backend_err)?;
        for b in &mut out {
            sewa.execute(params![b.id.to_string(), sewa_sampai, pemegang.to_string()])
                .map_err(backend_err)?;
            b.berikut = sewa_sampai;
        }
    }
    tx.commit().map_err(backend_err)?;
    Ok(out)
}

/// The heartbeat: one statement per reply, all in one transaction.
pub(crate) fn perpanjang(
    conn: &mut Connection,
    id: &[Uuid],
    pemegang: Uuid,
    sewa_sampai: i64,
) -> Result<Vec<Uuid>> {
    let tx = conn.transaction().map_err(backend_err)?;
    let mut out = Vec::new();
    {
        let mut stmt = tx
            .prepare_cached(
                "UPDATE kotak_keluar SET berikut = ?3
                 WHERE id = ?1 AND pemegang = ?2 AND status = 'antre'",
            )
            .map_err(backend_err)?;
        let pemegang = pemegang.to_string();
        for i in id {
            if stmt
                .execute(params![i.to_string(), pemegang, sewa_sampai])
                .map_err(backend_err)?
                > 0
            {
                out.push(*i);
            }
        }
    }
    tx.commit().map_err(backend_err)?;
    Ok(out)
}

fn jatuh_tempo(
    conn: &Connection,
    sekarang: i64,
    limit: u32,
    pemegang: Uuid,
) -> Result<Vec<Balasan>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT k.id, k.pesan_id, k.saluran, p.pengirim_sandi, p.pengirim_indeks, k.teks,
                    k.percobaan, k.berikut
             FROM kotak_keluar k JOIN pesan_masuk p ON p.id = k.pesan_id
             WHERE k.status = 'antre' AND k.berikut <= ?1
             ORDER BY k.berikut, k.id LIMIT ?2",
        )
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![sekarang, limit], |r| {
            Ok((
                [
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ],
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
            ))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let ([id, pesan_id, saluran, sandi, indeks, teks], percobaan, berikut) =
            r.map_err(backend_err)?;
        out.push(Balasan {
            id: uuid(&id)?,
            pesan_id: uuid(&pesan_id)?,
            saluran: Saluran::parse(&saluran).ok_or_else(|| corrupt("saluran", &saluran))?,
            tujuan: DataTersandi { sandi, indeks },
            teks,
            percobaan: u32::try_from(percobaan).map_err(|e| corrupt("percobaan", e))?,
            berikut,
            pemegang,
        });
    }
    Ok(out)
}

/// Delivery bookkeeping only: no audit entry (the reply's text was audited
/// when it was queued, with the message's processing).
pub(crate) fn tandai(
    conn: &Connection,
    id: Uuid,
    pemegang: Uuid,
    terkirim: bool,
    galat: Option<&str>,
    berikut: i64,
    sekarang: i64,
) -> Result<bool> {
    let (id, pemegang) = (id.to_string(), pemegang.to_string());
    let n = if terkirim {
        conn.prepare_cached(posko_storage::sql::UBAH_KOTAK_KELUAR_TERKIRIM)
            .map_err(backend_err)?
            .execute(params![id, sekarang, pemegang])
            .map_err(backend_err)?
    } else {
        conn.prepare_cached(posko_storage::sql::CATAT_GAGAL_KIRIM)
            .map_err(backend_err)?
            .execute(params![id, galat, berikut, MAKS_PERCOBAAN, pemegang])
            .map_err(backend_err)?
    };
    Ok(n > 0)
}

pub(crate) fn per_status(conn: &Connection) -> Result<Vec<(String, u64)>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::HITUNG_KOTAK_KELUAR_PER_STATUS)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })
        .map_err(backend_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)
}

pub(crate) fn beri_kode_singkat(
    conn: &mut Connection,
    tps: &[KodeTps],
    jejak: Jejak,
) -> Result<Vec<u64>> {
    let tx = conn.transaction().map_err(backend_err)?;
    let mut out = Vec::with_capacity(tps.len());
    let mut baru = 0u64;
    {
        let mut cari = tx
            .prepare_cached("SELECT nomor FROM kode_singkat_tps WHERE tps = ?1")
            .map_err(backend_err)?;
        let mut beri = tx
            .prepare_cached(
                "INSERT INTO kode_singkat_tps (nomor, tps)
                 SELECT COALESCE(MAX(nomor) + 1, 0), ?1 FROM kode_singkat_tps
                 RETURNING nomor",
            )
            .map_err(backend_err)?;
        for t in tps {
            let kode = t.to_string();
            let nomor: i64 = match cari
                .query_row([&kode], |r| r.get(0))
                .optional()
                .map_err(backend_err)?
            {
                Some(n) => n,
                None => {
                    baru += 1;
                    beri.query_row([&kode], |r| r.get(0)).map_err(backend_err)?
                }
            };
            out.push(u64::try_from(nomor).map_err(|e| corrupt("nomor kode singkat", e))?);
        }
    }
    if baru > 0 {
        catat_audit(&tx, jejak)?;
    }
    tx.commit().map_err(backend_err)?;
    Ok(out)
}

pub(crate) fn tps_kode_singkat(conn: &Connection, nomor: u64) -> Result<Option<KodeTps>> {
    let Ok(nomor) = i64::try_from(nomor) else {
        return Ok(None);
    };
    conn.prepare_cached(posko_storage::sql::AMBIL_TPS_KODE_SINGKAT)
        .map_err(backend_err)?
        .query_row([nomor], |r| r.get::<_, String>(0))
        .optional()
        .map_err(backend_err)?
        .map(|t| KodeTps::parse(&t).map_err(|e| corrupt("TPS kode singkat", e)))
        .transpose()
}

#[async_trait]
impl PesanStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pesan(&self, p: &PesanMasuk, jejak: &Jejak) -> Result<Option<PesanMasuk>> {
        let (p, j) = (p.clone(), jejak.clone());
        self.write(move |c| simpan(c, &p, j)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn selesaikan_pesan(
        &self,
        id: Uuid,
        h: &HasilOlah,
        sekarang: i64,
        jejak: &Jejak,
    ) -> Result<bool> {
        let (h, j) = (h.clone(), jejak.clone());
        self.write(move |c| selesaikan(c, id, &h, sekarang, j))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pesan_baru(&self, sebelum: i64, limit: u32) -> Result<Vec<PesanMasuk>> {
        self.read(move |c| baru(c, sebelum, limit)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pesan_dari(&self, indeks: &str, sejak: i64) -> Result<u64> {
        let indeks = indeks.to_string();
        self.read(move |c| hitung_dari(c, &indeks, sejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pesan(&self, status: &[StatusPesan], limit: u32) -> Result<Vec<PesanMasuk>> {
        let status = status.to_vec();
        self.read(move |c| daftar(c, &status, limit)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_balasan(
        &self,
        sekarang: i64,
        sewa_sampai: i64,
        limit: u32,
    ) -> Result<Vec<Balasan>> {
        self.write(move |c| ambil(c, sekarang, sewa_sampai, limit))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn beri_kode_singkat(&self, tps: &[KodeTps], jejak: &Jejak) -> Result<Vec<u64>> {
        let (tps, jejak) = (tps.to_vec(), jejak.clone());
        self.write(move |c| beri_kode_singkat(c, &tps, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_tps_kode_singkat(&self, nomor: u64) -> Result<Option<KodeTps>> {
        self.read(move |c| tps_kode_singkat(c, nomor)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn perpanjang_sewa_balasan(
        &self,
        id: &[Uuid],
        pemegang: Uuid,
        sewa_sampai: i64,
    ) -> Result<Vec<Uuid>> {
        let id = id.to_vec();
        self.write(move |c| perpanjang(c, &id, pemegang, sewa_sampai))
            .await
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
        let galat = galat.map(str::to_string);
        self.write(move |c| {
            tandai(
                c,
                id,
                pemegang,
                terkirim,
                galat.as_deref(),
                berikut,
                sekarang,
            )
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_keluar_per_status(&self) -> Result<Vec<(String, u64)>> {
        self.read(per_status).await
    }
}
