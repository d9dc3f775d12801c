//! Canvassing visits on SQLite: the single writer runs each batch as one
//! transaction, and the primary key on the phone's id turns a resend into
//! nothing.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::kunjungan::PertanyaanSurvei;
use posko_domain::{HasilKunjungan, Jejak, KodeTps, KodeWilayah, NomorTps, TingkatDukungan};
use posko_storage::{
    KegiatanDesa, Kunjungan, Result, jawaban_dari, jawaban_teks, pilihan_dari, pilihan_teks,
};
use rusqlite::{Connection, Row, params};
use uuid::Uuid;

use crate::hasil::uuid;
use crate::{backend_err, catat_audit};
use posko_storage::KunjunganStore;

use posko_storage::baris::rusak as corrupt;

pub(crate) fn simpan(conn: &mut Connection, rows: &[Kunjungan], jejak: Jejak) -> Result<Vec<Uuid>> {
    let tx = conn.transaction().map_err(backend_err)?;
    let mut baru = Vec::new();
    {
        let mut stmt = tx
            .prepare_cached(
                "INSERT INTO kunjungan (id, relawan_id, kode_desa, nomor_tps, urut, hasil,
                    dukungan, jawaban, catatan, waktu, diterima)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (id) DO NOTHING",
            )
            .map_err(backend_err)?;
        for k in rows {
            let n = stmt
                .execute(params![
                    k.id.to_string(),
                    k.relawan_id.to_string(),
                    k.tps.desa().to_string(),
                    k.tps.nomor().get(),
                    k.urut,
                    k.hasil.slug(),
                    k.dukungan.map(TingkatDukungan::slug),
                    jawaban_teks(&k.jawaban),
                    k.catatan,
                    k.waktu,
                    k.diterima,
                ])
                .map_err(backend_err)?;
            if n == 1 {
                baru.push(k.id);
            }
        }
    }
    if !baru.is_empty() {
        catat_audit(&tx, jejak)?;
    }
    tx.commit().map_err(backend_err)?;
    Ok(baru)
}

fn baris(r: &Row<'_>) -> rusqlite::Result<Result<Kunjungan>> {
    let id: String = r.get(0)?;
    let relawan: String = r.get(1)?;
    let desa: String = r.get(2)?;
    let nomor: u16 = r.get(3)?;
    let urut: u32 = r.get(4)?;
    let hasil: String = r.get(5)?;
    let dukungan: Option<String> = r.get(6)?;
    let jawaban: String = r.get(7)?;
    let catatan: String = r.get(8)?;
    let waktu: i64 = r.get(9)?;
    let diterima: i64 = r.get(10)?;
    Ok((|| {
        let desa = KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?;
        let nomor = NomorTps::new(nomor).map_err(|e| corrupt("nomor TPS", e))?;
        Ok(Kunjungan {
            id: uuid(&id)?,
            relawan_id: uuid(&relawan)?,
            tps: KodeTps::new(desa, nomor).map_err(|e| corrupt("TPS", e))?,
            urut,
            hasil: HasilKunjungan::parse(&hasil).map_err(|e| corrupt("hasil", e))?,
            dukungan: dukungan
                .as_deref()
                .map(TingkatDukungan::parse)
                .transpose()
                .map_err(|e| corrupt("dukungan", e))?,
            jawaban: jawaban_dari(&jawaban),
            catatan,
            waktu,
            diterima,
        })
    })())
}

pub(crate) fn per_tps(conn: &Connection, tps: KodeTps) -> Result<Vec<Kunjungan>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_KUNJUNGAN_DI_TPS)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![tps.desa().to_string(), tps.nomor().get()], baris)
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r.map_err(backend_err)??);
    }
    Ok(out)
}

/// `LIKE` pattern for everything under a region (codes hold no `%` or `_`).
fn di_bawah(w: Option<KodeWilayah>) -> String {
    w.map(|w| format!("{w}%")).unwrap_or_else(|| "%".into())
}

fn hitung<K>(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
    kunci: impl Fn(String) -> Result<K>,
) -> Result<Vec<(K, u64)>> {
    let mut stmt = conn.prepare_cached(sql).map_err(backend_err)?;
    let rows = stmt
        .query_map(p, |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (k, n) = r.map_err(backend_err)?;
        out.push((kunci(k)?, n as u64));
    }
    Ok(out)
}

pub(crate) fn per_relawan(conn: &Connection, w: Option<KodeWilayah>) -> Result<Vec<(Uuid, u64)>> {
    hitung(
        conn,
        posko_storage::sql::HITUNG_KUNJUNGAN_PER_RELAWAN,
        [di_bawah(w)],
        |s| uuid(&s),
    )
}

pub(crate) fn aktivitas(conn: &Connection, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
    let mut per_hari = std::collections::BTreeMap::new();
    let mut stmt = conn
        .prepare_cached(
            "SELECT (waktu + 25200) / 86400, COUNT(*) FROM kunjungan WHERE relawan_id = ?1
             GROUP BY 1",
        )
        .map_err(backend_err)?;
    for id in relawan {
        let rows = stmt
            .query_map([id.to_string()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(backend_err)?;
        for r in rows {
            let (hari, n) = r.map_err(backend_err)?;
            *per_hari.entry(hari).or_insert(0u64) += n as u64;
        }
    }
    Ok(per_hari.into_iter().collect())
}

pub(crate) fn kegiatan_per_desa(conn: &Connection, w: KodeWilayah) -> Result<Vec<KegiatanDesa>> {
    let desa = |s: String| KodeWilayah::parse(&s).map_err(|e| corrupt("desa", e));
    let mut per: std::collections::BTreeMap<String, KegiatanDesa> = Default::default();
    let mut isi = |rows: Vec<(KodeWilayah, u64)>, kunjungan: bool| {
        for (d, n) in rows {
            let e = per.entry(d.to_string()).or_insert(KegiatanDesa {
                desa: d,
                pendukung: 0,
                kunjungan: 0,
            });
            if kunjungan {
                e.kunjungan += n;
            } else {
                e.pendukung += n;
            }
        }
    };
    isi(
        hitung(
            conn,
            posko_storage::sql::HITUNG_PENDUKUNG_PER_DESA,
            [di_bawah(Some(w))],
            desa,
        )?,
        false,
    );
    isi(
        hitung(
            conn,
            posko_storage::sql::HITUNG_KUNJUNGAN_PER_DESA,
            [di_bawah(Some(w))],
            desa,
        )?,
        true,
    );
    Ok(per.into_values().collect())
}

pub(crate) fn pertanyaan(conn: &Connection, pemilihan: Uuid) -> Result<Vec<PertanyaanSurvei>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_PERTANYAAN_SURVEI)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([pemilihan.to_string()], |r| {
            Ok(PertanyaanSurvei {
                kode: r.get(0)?,
                teks: r.get(1)?,
                teks_en: r.get(2)?,
                pilihan: pilihan_dari(&r.get::<_, String>(3)?),
                aktif: r.get(4)?,
            })
        })
        .map_err(backend_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)
}

pub(crate) fn ganti_pertanyaan(
    conn: &mut Connection,
    pemilihan: Uuid,
    rows: &[PertanyaanSurvei],
    diubah: i64,
    jejak: Jejak,
) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::HAPUS_PERTANYAAN_SURVEI_PEMILIHAN,
        [pemilihan.to_string()],
    )
    .map_err(backend_err)?;
    {
        let mut stmt = tx
            .prepare_cached(posko_storage::sql::SIMPAN_PERTANYAAN_SURVEI)
            .map_err(backend_err)?;
        for (i, q) in rows.iter().enumerate() {
            stmt.execute(params![
                pemilihan.to_string(),
                q.kode,
                i as i64,
                q.teks,
                q.teks_en,
                pilihan_teks(&q.pilihan),
                q.aktif,
                diubah
            ])
            .map_err(backend_err)?;
        }
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn hitung_jawaban(
    conn: &Connection,
    w: KodeWilayah,
) -> Result<Vec<(String, String, u64)>> {
    // Answers share one text column per visit; counted here rather than
    // in SQL, over the area's visits that have any.
    let mut stmt = conn
        .prepare_cached("SELECT jawaban FROM kunjungan WHERE kode_desa LIKE ?1 AND jawaban <> ''")
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([di_bawah(Some(w))], |r| r.get::<_, String>(0))
        .map_err(backend_err)?;
    let mut per: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for r in rows {
        for kv in jawaban_dari(&r.map_err(backend_err)?) {
            *per.entry(kv).or_default() += 1;
        }
    }
    Ok(per.into_iter().map(|((k, v), n)| (k, v, n)).collect())
}

#[async_trait]
impl KunjunganStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_kunjungan(&self, rows: &[Kunjungan], jejak: &Jejak) -> Result<Vec<Uuid>> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| simpan(c, &rows, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kunjungan_tps(&self, tps: KodeTps) -> Result<Vec<Kunjungan>> {
        self.read(move |c| per_tps(c, tps)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Vec<posko_domain::kunjungan::PertanyaanSurvei>> {
        self.read(move |c| pertanyaan(c, pemilihan_id)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ganti_pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
        rows: &[posko_domain::kunjungan::PertanyaanSurvei],
        diubah: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| ganti_pertanyaan(c, pemilihan_id, &rows, diubah, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_jawaban_survei(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(String, String, u64)>> {
        self.read(move |c| hitung_jawaban(c, wilayah)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_kunjungan_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>> {
        self.read(move |c| per_relawan(c, wilayah)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_aktivitas_kunjungan(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
        let ids = relawan.to_vec();
        self.read(move |c| aktivitas(c, &ids)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_kegiatan_per_desa(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_storage::KegiatanDesa>> {
        self.read(move |c| kegiatan_per_desa(c, wilayah)).await
    }
}
