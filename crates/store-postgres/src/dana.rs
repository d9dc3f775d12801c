//! Campaign finance on PostgreSQL. An election's entries are numbered
//! under a transaction-scoped advisory lock on that election (writers of
//! other elections do not wait); the unique indexes on a donor's NIK and
//! NPWP indexes make two servers storing one donor at once store it once;
//! a trigger refuses any update or delete of an entry.

use crate::PostgresStore;
use async_trait::async_trait;
use deadpool_postgres::{GenericClient, Object, Transaction};
use posko_domain::Jejak;
use posko_domain::dana::{Rekening, SumberDana, TujuanKelebihan, Uang};
use posko_storage::baris::rusak as corrupt;
use posko_storage::dana::{
    bentuk_dari, bukti_dari, bukti_teks, jadwal_dari, jadwal_teks, jenis_dari, kolom_bentuk,
    kolom_jenis, periode_dari, tersandi,
};
use posko_storage::{
    DanaStore, DataTersandi, EntriDana, PengaturanDana, PengembalianDana, PenyampaianDana,
    PenyumbangDana, Result, SaringDana, StoreError, SumbanganPenyumbangBaru,
};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::{backend_err, catat_audit};

async fn simpan_pengaturan(c: &mut Object, p: &PengaturanDana, jejak: &Jejak) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute(
        "INSERT INTO dana_pengaturan (pemilihan_id, mulai_kampanye, akhir_kampanye,
            batas_belanja, diubah, jadwal)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (pemilihan_id) DO UPDATE SET mulai_kampanye = excluded.mulai_kampanye,
            akhir_kampanye = excluded.akhir_kampanye, batas_belanja = excluded.batas_belanja,
            diubah = excluded.diubah, jadwal = excluded.jadwal",
        &[
            &p.pemilihan_id,
            &p.mulai_kampanye,
            &p.akhir_kampanye,
            &p.batas_belanja.map(Uang::sen),
            &p.diubah,
            &p.jadwal.as_ref().map(jadwal_teks),
        ],
    )
    .await
    .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

const PENYUMBANG_COLUMNS: &str = "SELECT id, pemilihan_id, sumber, identitas_sandi,
    identitas_indeks, nik_sandi, nik_indeks, telepon_sandi, telepon_indeks, npwp_sandi,
    npwp_indeks, dibuat_oleh, dibuat FROM dana_penyumbang";

fn penyumbang_row(r: &Row) -> Result<PenyumbangDana> {
    let sumber: String = r.get(2);
    Ok(PenyumbangDana {
        id: r.get(0),
        pemilihan_id: r.get(1),
        sumber: SumberDana::parse(&sumber).map_err(|e| corrupt("sumber dana", e))?,
        identitas: tersandi(r.get(3), r.get(4)),
        nik: tersandi(r.get(5), r.get(6)),
        telepon: tersandi(r.get(7), r.get(8)),
        npwp: tersandi(r.get(9), r.get(10)),
        dibuat_oleh: r.get(11),
        dibuat: r.get(12),
    })
}

async fn cari_penyumbang(
    c: &impl GenericClient,
    pemilihan: Uuid,
    semua: &[&str],
) -> Result<Option<Uuid>> {
    Ok(c.query_opt(
        "SELECT id FROM dana_penyumbang WHERE pemilihan_id = $1
               AND (nik_indeks = ANY($2) OR npwp_indeks = ANY($2))
             ORDER BY dibuat, id LIMIT 1",
        &[&pemilihan, &semua],
    )
    .await
    .map_err(backend_err)?
    .map(|r| r.get(0)))
}

async fn simpan_penyumbang(
    c: &mut Object,
    p: &PenyumbangDana,
    cocok: &[String],
    jejak: &Jejak,
) -> Result<Option<Uuid>> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let ada = simpan_penyumbang_di(&tx, p, cocok, jejak).await?;
    if ada.is_none() {
        tx.commit().await.map_err(backend_err)?;
    }
    Ok(ada)
}

/// [`simpan_penyumbang`] inside the caller's transaction, which it leaves
/// open: `Some(id)` of the donor already recorded (nothing written).
async fn simpan_penyumbang_di(
    tx: &Transaction<'_>,
    p: &PenyumbangDana,
    cocok: &[String],
    jejak: &Jejak,
) -> Result<Option<Uuid>> {
    let mut semua: Vec<&str> = cocok.iter().map(String::as_str).collect();
    semua.extend(p.nik.iter().chain(p.npwp.iter()).map(|d| d.indeks.as_str()));
    if !semua.is_empty()
        && let Some(ada) = cari_penyumbang(tx, p.pemilihan_id, &semua).await?
    {
        return Ok(Some(ada));
    }
    let s = |d: &Option<DataTersandi>| d.as_ref().map(|d| d.sandi.clone());
    let i = |d: &Option<DataTersandi>| d.as_ref().map(|d| d.indeks.clone());
    let n = tx
        .execute(
            "INSERT INTO dana_penyumbang (id, pemilihan_id, sumber, identitas_sandi,
                identitas_indeks, nik_sandi, nik_indeks, telepon_sandi, telepon_indeks,
                npwp_sandi, npwp_indeks, dibuat_oleh, dibuat)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT DO NOTHING",
            &[
                &p.id,
                &p.pemilihan_id,
                &p.sumber.slug(),
                &s(&p.identitas),
                &i(&p.identitas),
                &s(&p.nik),
                &i(&p.nik),
                &s(&p.telepon),
                &i(&p.telepon),
                &s(&p.npwp),
                &i(&p.npwp),
                &p.dibuat_oleh,
                &p.dibuat,
            ],
        )
        .await
        .map_err(backend_err)?;
    if n == 0 {
        // Another transaction stored this NIK or NPWP meanwhile (or the id
        // exists): this statement sees its commit.
        return match cari_penyumbang(tx, p.pemilihan_id, &semua).await? {
            Some(ada) => Ok(Some(ada)),
            None => Err(StoreError::Conflict(posko_storage::Konflik::Lain(format!(
                "penyumbang {}",
                p.id
            )))),
        };
    }
    catat_audit(tx, jejak).await?;
    Ok(None)
}

const ENTRI_COLUMNS: &str = "SELECT id, pemilihan_id, nomor, tanggal, arah, sumber,
    penyumbang_id, kategori, bentuk, jumlah_unit, satuan, jenis_jasa, rekening, nilai,
    koreksi_atas, susulan, uraian, bukti, dicatat_oleh, dicatat FROM dana_entri";

fn entri_row(r: &Row) -> Result<EntriDana> {
    let arah: String = r.get(4);
    let sumber: Option<String> = r.get(5);
    let kategori: Option<String> = r.get(7);
    let bentuk: String = r.get(8);
    let rekening: String = r.get(12);
    let susulan: Option<String> = r.get(15);
    let bukti: String = r.get(17);
    Ok(EntriDana {
        id: r.get(0),
        pemilihan_id: r.get(1),
        nomor: r.get(2),
        tanggal: r.get(3),
        jenis: jenis_dari(&arah, sumber.as_deref(), r.get(6), kategori.as_deref())?,
        bentuk: bentuk_dari(&bentuk, r.get(9), r.get(10), r.get(11))?,
        rekening: Rekening::parse(&rekening).map_err(|e| corrupt("rekening", e))?,
        nilai: Uang::dari_sen(r.get(13)),
        koreksi_atas: r.get(14),
        susulan: periode_dari(susulan.as_deref())?,
        uraian: r.get(16),
        bukti: bukti_dari(&bukti)?,
        dicatat_oleh: r.get(18),
        dicatat: r.get(19),
    })
}

/// Whether `id` is a row of `tabel` in election `pemilihan`.
async fn milik(c: &impl GenericClient, tabel: &str, id: Uuid, pemilihan: Uuid) -> Result<bool> {
    Ok(c.query_opt(
        &format!("SELECT 1 FROM {tabel} WHERE id = $1 AND pemilihan_id = $2"),
        &[&id, &pemilihan],
    )
    .await
    .map_err(backend_err)?
    .is_some())
}

async fn catat_entri(
    c: &mut Object,
    e: &EntriDana,
    sesudah: Option<i64>,
    jejak: &Jejak,
) -> Result<i64> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let nomor = catat_entri_di(&tx, e, sesudah, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(nomor)
}

/// A new donor and their donation in one transaction, or nothing and the
/// id of the donor already recorded with that NIK or NPWP.
async fn catat_sumbangan_baru(
    c: &mut Object,
    p: &PenyumbangDana,
    cocok: &[String],
    jejak_penyumbang: &Jejak,
    e: &EntriDana,
    jejak: &Jejak,
) -> Result<SumbanganPenyumbangBaru> {
    let tx = c.transaction().await.map_err(backend_err)?;
    if let Some(ada) = simpan_penyumbang_di(&tx, p, cocok, jejak_penyumbang).await? {
        return Ok(SumbanganPenyumbangBaru::PenyumbangAda(ada));
    }
    let nomor = catat_entri_di(&tx, e, None, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(SumbanganPenyumbangBaru::Dicatat(nomor))
}

/// [`catat_entri`] inside the caller's transaction.
async fn catat_entri_di(
    tx: &Transaction<'_>,
    e: &EntriDana,
    sesudah: Option<i64>,
    jejak: &Jejak,
) -> Result<i64> {
    if let Some(k) = e.koreksi_atas
        && !milik(tx, "dana_entri", k, e.pemilihan_id).await?
    {
        return Err(StoreError::NotFound(format!(
            "entri dana {k} yang dikoreksi"
        )));
    }
    let (arah, sumber, penyumbang, kategori) = kolom_jenis(&e.jenis);
    if let Some(p) = penyumbang
        && !milik(tx, "dana_penyumbang", p, e.pemilihan_id).await?
    {
        return Err(StoreError::NotFound(format!("penyumbang {p}")));
    }
    // One writer per election numbers its entries.
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended('dana_entri:' || $1::uuid::text, 0))",
        &[&e.pemilihan_id],
    )
    .await
    .map_err(backend_err)?;
    let nomor: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(nomor), 0) + 1 FROM dana_entri WHERE pemilihan_id = $1",
            &[&e.pemilihan_id],
        )
        .await
        .map_err(backend_err)?
        .get(0);
    if let Some(n) = sesudah
        && nomor != n + 1
    {
        return Err(StoreError::Conflict(
            posko_storage::Konflik::BukuDanaBerubah(n),
        ));
    }
    let (bentuk, unit, satuan, jasa) = kolom_bentuk(&e.bentuk);
    tx.execute(
        "INSERT INTO dana_entri (id, pemilihan_id, nomor, tanggal, arah, sumber, penyumbang_id,
            kategori, bentuk, jumlah_unit, satuan, jenis_jasa, rekening, nilai, koreksi_atas,
            susulan, uraian, bukti, dicatat_oleh, dicatat)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
            $18, $19, $20)",
        &[
            &e.id,
            &e.pemilihan_id,
            &nomor,
            &e.tanggal,
            &arah,
            &sumber,
            &penyumbang,
            &kategori,
            &bentuk,
            &unit,
            &satuan,
            &jasa,
            &e.rekening.slug(),
            &e.nilai.sen(),
            &e.koreksi_atas,
            &e.susulan.map(|p| p.slug()),
            &e.uraian,
            &bukti_teks(&e.bukti),
            &e.dicatat_oleh,
            &e.dicatat,
        ],
    )
    .await
    .map_err(backend_err)?;
    catat_audit(tx, jejak).await?;
    Ok(nomor)
}

async fn catat_pengembalian(
    c: &mut Object,
    k: &PengembalianDana,
    terlihat: (i64, i64),
    jejak: &Jejak,
) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    // The ledger's writers' lock: no entry and no other return of this
    // election lands between this check and the commit.
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended('dana_entri:' || $1::uuid::text, 0))",
        &[&k.pemilihan_id],
    )
    .await
    .map_err(backend_err)?;
    let kini = tx
        .query_one(
            "SELECT (SELECT COALESCE(MAX(nomor), 0) FROM dana_entri WHERE pemilihan_id = $1)::BIGINT,
                    (SELECT COUNT(*) FROM dana_pengembalian WHERE pemilihan_id = $1)::BIGINT",
            &[&k.pemilihan_id],
        )
        .await
        .map_err(backend_err)?;
    if (kini.get::<_, i64>(0), kini.get::<_, i64>(1)) != terlihat {
        return Err(StoreError::Conflict(
            posko_storage::Konflik::BukuDanaBerubah(terlihat.0),
        ));
    }
    if let Some(p) = k.penyumbang_id
        && !milik(&tx, "dana_penyumbang", p, k.pemilihan_id).await?
    {
        return Err(StoreError::NotFound(format!("penyumbang {p}")));
    }
    if let Some(e) = k.entri_id
        && !milik(&tx, "dana_entri", e, k.pemilihan_id).await?
    {
        return Err(StoreError::NotFound(format!("entri dana {e}")));
    }
    tx.execute(
        "INSERT INTO dana_pengembalian (id, pemilihan_id, tanggal, sumber, penyumbang_id, nilai,
            tujuan, entri_id, dicatat_oleh, dicatat)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[
            &k.id,
            &k.pemilihan_id,
            &k.tanggal,
            &k.sumber.slug(),
            &k.penyumbang_id,
            &k.nilai.sen(),
            &k.tujuan.slug(),
            &k.entri_id,
            &k.dicatat_oleh,
            &k.dicatat,
        ],
    )
    .await
    .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

fn pengembalian_row(r: &Row) -> Result<PengembalianDana> {
    let sumber: String = r.get(3);
    let tujuan: String = r.get(6);
    Ok(PengembalianDana {
        id: r.get(0),
        pemilihan_id: r.get(1),
        tanggal: r.get(2),
        sumber: SumberDana::parse(&sumber).map_err(|e| corrupt("sumber dana", e))?,
        penyumbang_id: r.get(4),
        nilai: Uang::dari_sen(r.get(5)),
        tujuan: TujuanKelebihan::parse(&tujuan).map_err(|e| corrupt("tujuan kelebihan", e))?,
        entri_id: r.get(7),
        dicatat_oleh: r.get(8),
        dicatat: r.get(9),
    })
}

#[async_trait]
impl DanaStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pengaturan_dana(&self, p: &PengaturanDana, jejak: &Jejak) -> Result<()> {
        simpan_pengaturan(&mut self.conn().await?, p, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_pengaturan_dana(&self, pemilihan_id: Uuid) -> Result<Option<PengaturanDana>> {
        let r = self
            .conn_baca()
            .await?
            .query_opt(
                "SELECT mulai_kampanye, akhir_kampanye, batas_belanja, diubah, jadwal
                 FROM dana_pengaturan WHERE pemilihan_id = $1",
                &[&pemilihan_id],
            )
            .await
            .map_err(backend_err)?;
        r.map(|r| {
            Ok(PengaturanDana {
                pemilihan_id,
                mulai_kampanye: r.get(0),
                akhir_kampanye: r.get(1),
                batas_belanja: r.get::<_, Option<i64>>(2).map(Uang::dari_sen),
                jadwal: r.get::<_, Option<&str>>(4).map(jadwal_dari).transpose()?,
                diubah: r.get(3),
            })
        })
        .transpose()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_penyumbang_dana(
        &self,
        p: &PenyumbangDana,
        cocok: &[String],
        jejak: &Jejak,
    ) -> Result<Option<Uuid>> {
        simpan_penyumbang(&mut self.conn().await?, p, cocok, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_penyumbang_dana(&self, id: Uuid) -> Result<Option<PenyumbangDana>> {
        self.conn_baca()
            .await?
            .query_opt(&format!("{PENYUMBANG_COLUMNS} WHERE id = $1"), &[&id])
            .await
            .map_err(backend_err)?
            .map(|r| penyumbang_row(&r))
            .transpose()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_penyumbang_dana(&self, pemilihan_id: Uuid) -> Result<Vec<PenyumbangDana>> {
        self.conn_baca()
            .await?
            .query(
                &format!("{PENYUMBANG_COLUMNS} WHERE pemilihan_id = $1 ORDER BY dibuat, id"),
                &[&pemilihan_id],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(penyumbang_row)
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_entri_dana(
        &self,
        e: &EntriDana,
        sesudah: Option<i64>,
        jejak: &Jejak,
    ) -> Result<i64> {
        catat_entri(&mut self.conn().await?, e, sesudah, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_entri_dana(&self, id: Uuid) -> Result<Option<EntriDana>> {
        self.conn_baca()
            .await?
            .query_opt(&format!("{ENTRI_COLUMNS} WHERE id = $1"), &[&id])
            .await
            .map_err(backend_err)?
            .map(|r| entri_row(&r))
            .transpose()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_entri_dana(
        &self,
        pemilihan_id: Uuid,
        saring: &SaringDana,
    ) -> Result<Vec<EntriDana>> {
        self.conn_baca()
            .await?
            .query(
                &format!(
                    "{ENTRI_COLUMNS} WHERE pemilihan_id = $1
                       AND ($2::date IS NULL OR tanggal >= $2)
                       AND ($3::date IS NULL OR tanggal <= $3)
                       AND ($4::uuid IS NULL OR penyumbang_id = $4)
                     ORDER BY tanggal, nomor"
                ),
                &[
                    &pemilihan_id,
                    &saring.dari,
                    &saring.sampai,
                    &saring.penyumbang_id,
                ],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(entri_row)
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_pengembalian_dana(
        &self,
        k: &PengembalianDana,
        terlihat: (i64, i64),
        jejak: &Jejak,
    ) -> Result<()> {
        catat_pengembalian(&mut self.conn().await?, k, terlihat, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pengembalian_dana(&self, pemilihan_id: Uuid) -> Result<Vec<PengembalianDana>> {
        self.conn_baca()
            .await?
            .query(
                "SELECT id, pemilihan_id, tanggal, sumber, penyumbang_id, nilai, tujuan,
                    entri_id, dicatat_oleh, dicatat
                 FROM dana_pengembalian WHERE pemilihan_id = $1 ORDER BY tanggal, id",
                &[&pemilihan_id],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(pengembalian_row)
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_penyampaian_dana(&self, p: &PenyampaianDana, jejak: &Jejak) -> Result<()> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        tx.execute(
            "INSERT INTO dana_penyampaian (id, pemilihan_id, periode, tanggal, tanda_terima,
                catatan, dicatat_oleh, dicatat)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &p.id,
                &p.pemilihan_id,
                &p.periode.slug(),
                &p.tanggal,
                &p.tanda_terima,
                &p.catatan,
                &p.dicatat_oleh,
                &p.dicatat,
            ],
        )
        .await
        .map_err(backend_err)?;
        catat_audit(&tx, jejak).await?;
        tx.commit().await.map_err(backend_err)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_penyampaian_dana(&self, pemilihan_id: Uuid) -> Result<Vec<PenyampaianDana>> {
        self.conn_baca()
            .await?
            .query(
                "SELECT id, periode, tanggal, tanda_terima, catatan, dicatat_oleh, dicatat
                 FROM dana_penyampaian WHERE pemilihan_id = $1 ORDER BY dicatat, id",
                &[&pemilihan_id],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(|r| {
                Ok(PenyampaianDana {
                    id: r.get(0),
                    pemilihan_id,
                    periode: periode_dari(Some(r.get(1)))?
                        .ok_or_else(|| StoreError::Corrupt("periode laporan".into()))?,
                    tanggal: r.get(2),
                    tanda_terima: r.get(3),
                    catatan: r.get(4),
                    dicatat_oleh: r.get(5),
                    dicatat: r.get(6),
                })
            })
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_sumbangan_penyumbang_baru(
        &self,
        p: &PenyumbangDana,
        cocok: &[String],
        jejak_penyumbang: &Jejak,
        e: &EntriDana,
        jejak: &Jejak,
    ) -> Result<SumbanganPenyumbangBaru> {
        catat_sumbangan_baru(
            &mut self.conn().await?,
            p,
            cocok,
            jejak_penyumbang,
            e,
            jejak,
        )
        .await
    }
}
