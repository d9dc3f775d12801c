//! Campaign finance on SQLite: the single writer numbers each election's
//! entries in its transaction, and triggers refuse any update or delete
//! of an entry.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_domain::dana::{SumberDana, TujuanKelebihan, Uang};
use posko_storage::baris::rusak as corrupt;
use posko_storage::dana::{
    bentuk_dari, bukti_dari, bukti_teks, jadwal_dari, jadwal_teks, jenis_dari, kolom_bentuk,
    kolom_jenis, periode_dari, tersandi,
};
use posko_storage::{
    DanaStore, EntriDana, Konflik, PengaturanDana, PengembalianDana, PenyampaianDana,
    PenyumbangDana, Result, SaringDana, StoreError, SumbanganPenyumbangBaru,
};
use rusqlite::{Connection, OptionalExtension, Row, params};
use time::Date;
use uuid::Uuid;

use crate::hasil::uuid;
use crate::{backend_err, catat_audit};

const TANGGAL: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn tanggal(s: &str) -> Result<Date> {
    Date::parse(s, TANGGAL).map_err(|e| corrupt("tanggal", e))
}

fn teks_tanggal(d: Date) -> String {
    d.format(TANGGAL).unwrap_or_default()
}

fn uuid_opsi(s: Option<String>) -> Result<Option<Uuid>> {
    s.as_deref().map(uuid).transpose()
}

fn simpan_pengaturan(conn: &mut Connection, p: &PengaturanDana, jejak: Jejak) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        "INSERT INTO dana_pengaturan (pemilihan_id, mulai_kampanye, akhir_kampanye,
            batas_belanja, diubah, jadwal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (pemilihan_id) DO UPDATE SET mulai_kampanye = excluded.mulai_kampanye,
            akhir_kampanye = excluded.akhir_kampanye, batas_belanja = excluded.batas_belanja,
            diubah = excluded.diubah, jadwal = excluded.jadwal",
        params![
            p.pemilihan_id.to_string(),
            teks_tanggal(p.mulai_kampanye),
            teks_tanggal(p.akhir_kampanye),
            p.batas_belanja.map(Uang::sen),
            p.diubah,
            p.jadwal.as_ref().map(jadwal_teks),
        ],
    )
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

fn ambil_pengaturan(conn: &Connection, pemilihan_id: Uuid) -> Result<Option<PengaturanDana>> {
    let r = conn
        .query_row(
            "SELECT mulai_kampanye, akhir_kampanye, batas_belanja, diubah, jadwal
             FROM dana_pengaturan WHERE pemilihan_id = ?1",
            [pemilihan_id.to_string()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            },
        )
        .optional()
        .map_err(backend_err)?;
    r.map(|(m, a, b, d, j)| {
        Ok(PengaturanDana {
            pemilihan_id,
            mulai_kampanye: tanggal(&m)?,
            akhir_kampanye: tanggal(&a)?,
            batas_belanja: b.map(Uang::dari_sen),
            jadwal: j.as_deref().map(jadwal_dari).transpose()?,
            diubah: d,
        })
    })
    .transpose()
}

const PENYUMBANG_COLUMNS: &str = "SELECT id, pemilihan_id, sumber, identitas_sandi,
    identitas_indeks, nik_sandi, nik_indeks, telepon_sandi, telepon_indeks, npwp_sandi,
    npwp_indeks, dibuat_oleh, dibuat FROM dana_penyumbang";

fn penyumbang_row(r: &Row<'_>) -> rusqlite::Result<Result<PenyumbangDana>> {
    let id: String = r.get(0)?;
    let pemilihan: String = r.get(1)?;
    let sumber: String = r.get(2)?;
    let s = |i| r.get::<_, Option<String>>(i);
    let (is, ii, ns, ni, ts, ti, ps, pi) =
        (s(3)?, s(4)?, s(5)?, s(6)?, s(7)?, s(8)?, s(9)?, s(10)?);
    let oleh: String = r.get(11)?;
    let dibuat: i64 = r.get(12)?;
    Ok((|| {
        Ok(PenyumbangDana {
            id: uuid(&id)?,
            pemilihan_id: uuid(&pemilihan)?,
            sumber: SumberDana::parse(&sumber).map_err(|e| corrupt("sumber dana", e))?,
            identitas: tersandi(is, ii),
            nik: tersandi(ns, ni),
            telepon: tersandi(ts, ti),
            npwp: tersandi(ps, pi),
            dibuat_oleh: uuid(&oleh)?,
            dibuat,
        })
    })())
}

fn simpan_penyumbang(
    conn: &mut Connection,
    p: &PenyumbangDana,
    cocok: &[String],
    jejak: Jejak,
) -> Result<Option<Uuid>> {
    let tx = conn.transaction().map_err(backend_err)?;
    let ada = simpan_penyumbang_di(&tx, p, cocok, jejak)?;
    if ada.is_none() {
        tx.commit().map_err(backend_err)?;
    }
    Ok(ada)
}

/// [`simpan_penyumbang`] inside the caller's transaction, which it leaves
/// open: `Some(id)` of the donor already recorded (nothing written).
fn simpan_penyumbang_di(
    tx: &Connection,
    p: &PenyumbangDana,
    cocok: &[String],
    jejak: Jejak,
) -> Result<Option<Uuid>> {
    let mut semua: Vec<&str> = cocok.iter().map(String::as_str).collect();
    semua.extend(p.nik.iter().chain(p.npwp.iter()).map(|d| d.indeks.as_str()));
    if !semua.is_empty() {
        let daftar = posko_storage::baris::json(&semua)?;
        let ada: Option<String> = tx
            .query_row(
                "SELECT id FROM dana_penyumbang WHERE pemilihan_id = ?1
                   AND (nik_indeks IN (SELECT value FROM json_each(?2))
                        OR npwp_indeks IN (SELECT value FROM json_each(?2)))
                 ORDER BY dibuat, id LIMIT 1",
                params![p.pemilihan_id.to_string(), daftar],
                |r| r.get(0),
            )
            .optional()
            .map_err(backend_err)?;
        if let Some(ada) = ada {
            return Ok(Some(uuid(&ada)?));
        }
    }
    let d = |x: &Option<posko_storage::DataTersandi>| {
        x.as_ref()
            .map(|d| (d.sandi.clone(), d.indeks.clone()))
            .unzip()
    };
    let (is, ii) = d(&p.identitas);
    let (ns, ni) = d(&p.nik);
    let (ts, ti) = d(&p.telepon);
    let (ps, pi) = d(&p.npwp);
    tx.execute(
        "INSERT INTO dana_penyumbang (id, pemilihan_id, sumber, identitas_sandi,
            identitas_indeks, nik_sandi, nik_indeks, telepon_sandi, telepon_indeks, npwp_sandi,
            npwp_indeks, dibuat_oleh, dibuat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            p.id.to_string(),
            p.pemilihan_id.to_string(),
            p.sumber.slug(),
            is,
            ii,
            ns,
            ni,
            ts,
            ti,
            ps,
            pi,
            p.dibuat_oleh.to_string(),
            p.dibuat,
        ],
    )
    .map_err(backend_err)?;
    catat_audit(tx, jejak)?;
    Ok(None)
}

const ENTRI_COLUMNS: &str = "SELECT id, pemilihan_id, nomor, tanggal, arah, sumber,
    penyumbang_id, kategori, bentuk, jumlah_unit, satuan, jenis_jasa, rekening, nilai,
    koreksi_atas, susulan, uraian, bukti, dicatat_oleh, dicatat FROM dana_entri";

fn entri_row(r: &Row<'_>) -> rusqlite::Result<Result<EntriDana>> {
    let id: String = r.get(0)?;
    let pemilihan: String = r.get(1)?;
    let nomor: i64 = r.get(2)?;
    let tgl: String = r.get(3)?;
    let arah: String = r.get(4)?;
    let sumber: Option<String> = r.get(5)?;
    let penyumbang: Option<String> = r.get(6)?;
    let kategori: Option<String> = r.get(7)?;
    let bentuk: String = r.get(8)?;
    let unit: Option<i64> = r.get(9)?;
    let satuan: Option<String> = r.get(10)?;
    let jasa: Option<String> = r.get(11)?;
    let rekening: String = r.get(12)?;
    let nilai: i64 = r.get(13)?;
    let koreksi: Option<String> = r.get(14)?;
    let susulan: Option<String> = r.get(15)?;
    let uraian: String = r.get(16)?;
    let bukti: String = r.get(17)?;
    let oleh: String = r.get(18)?;
    let dicatat: i64 = r.get(19)?;
    Ok((|| {
        Ok(EntriDana {
            id: uuid(&id)?,
            pemilihan_id: uuid(&pemilihan)?,
            nomor,
            tanggal: tanggal(&tgl)?,
            jenis: jenis_dari(
                &arah,
                sumber.as_deref(),
                uuid_opsi(penyumbang)?,
                kategori.as_deref(),
            )?,
            bentuk: bentuk_dari(&bentuk, unit, satuan, jasa)?,
            rekening: posko_domain::dana::Rekening::parse(&rekening)
                .map_err(|e| corrupt("rekening", e))?,
            nilai: Uang::dari_sen(nilai),
            koreksi_atas: uuid_opsi(koreksi)?,
            susulan: periode_dari(susulan.as_deref())?,
            uraian,
            bukti: bukti_dari(&bukti)?,
            dicatat_oleh: uuid(&oleh)?,
            dicatat,
        })
    })())
}

/// Whether `id` is a row of `tabel` in election `pemilihan`.
fn milik(tx: &Connection, tabel: &str, id: Uuid, pemilihan: Uuid) -> Result<bool> {
    tx.query_row(
        &format!("SELECT 1 FROM {tabel} WHERE id = ?1 AND pemilihan_id = ?2"),
        params![id.to_string(), pemilihan.to_string()],
        |_| Ok(()),
    )
    .optional()
    .map_err(backend_err)
    .map(|r| r.is_some())
}

fn catat_entri(
    conn: &mut Connection,
    e: &EntriDana,
    sesudah: Option<i64>,
    jejak: Jejak,
) -> Result<i64> {
    let tx = conn.transaction().map_err(backend_err)?;
    let nomor = catat_entri_di(&tx, e, sesudah, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(nomor)
}

/// A new donor and their donation in one transaction, or nothing and the
/// id of the donor already recorded with that NIK or NPWP.
fn catat_sumbangan_baru(
    conn: &mut Connection,
    p: &PenyumbangDana,
    cocok: &[String],
    jejak_penyumbang: Jejak,
    e: &EntriDana,
    jejak: Jejak,
) -> Result<SumbanganPenyumbangBaru> {
    let tx = conn.transaction().map_err(backend_err)?;
    if let Some(ada) = simpan_penyumbang_di(&tx, p, cocok, jejak_penyumbang)? {
        return Ok(SumbanganPenyumbangBaru::PenyumbangAda(ada));
    }
    let nomor = catat_entri_di(&tx, e, None, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(SumbanganPenyumbangBaru::Dicatat(nomor))
}

/// [`catat_entri`] inside the caller's transaction.
fn catat_entri_di(
    tx: &Connection,
    e: &EntriDana,
    sesudah: Option<i64>,
    jejak: Jejak,
) -> Result<i64> {
    if let Some(k) = e.koreksi_atas
        && !milik(tx, "dana_entri", k, e.pemilihan_id)?
    {
        return Err(StoreError::NotFound(format!(
            "entri dana {k} yang dikoreksi"
        )));
    }
    let (arah, sumber, penyumbang, kategori) = kolom_jenis(&e.jenis);
    if let Some(p) = penyumbang
        && !milik(tx, "dana_penyumbang", p, e.pemilihan_id)?
    {
        return Err(StoreError::NotFound(format!("penyumbang {p}")));
    }
    let nomor: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(nomor), 0) + 1 FROM dana_entri WHERE pemilihan_id = ?1",
            [e.pemilihan_id.to_string()],
            |r| r.get(0),
        )
        .map_err(backend_err)?;
    if let Some(n) = sesudah
        && nomor != n + 1
    {
        return Err(StoreError::Conflict(Konflik::BukuDanaBerubah(n)));
    }
    let (bentuk, unit, satuan, jasa) = kolom_bentuk(&e.bentuk);
    tx.execute(
        "INSERT INTO dana_entri (id, pemilihan_id, nomor, tanggal, arah, sumber, penyumbang_id,
            kategori, bentuk, jumlah_unit, satuan, jenis_jasa, rekening, nilai, koreksi_atas,
            susulan, uraian, bukti, dicatat_oleh, dicatat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20)",
        params![
            e.id.to_string(),
            e.pemilihan_id.to_string(),
            nomor,
            teks_tanggal(e.tanggal),
            arah,
            sumber,
            penyumbang.map(|p| p.to_string()),
            kategori,
            bentuk,
            unit,
            satuan,
            jasa,
            e.rekening.slug(),
            e.nilai.sen(),
            e.koreksi_atas.map(|k| k.to_string()),
            e.susulan.map(|p| p.slug()),
            e.uraian,
            bukti_teks(&e.bukti),
            e.dicatat_oleh.to_string(),
            e.dicatat,
        ],
    )
    .map_err(backend_err)?;
    catat_audit(tx, jejak)?;
    Ok(nomor)
}

fn daftar_entri(conn: &Connection, pemilihan: Uuid, s: &SaringDana) -> Result<Vec<EntriDana>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{ENTRI_COLUMNS} WHERE pemilihan_id = ?1
               AND (?2 IS NULL OR tanggal >= ?2) AND (?3 IS NULL OR tanggal <= ?3)
               AND (?4 IS NULL OR penyumbang_id = ?4)
             ORDER BY tanggal, nomor"
        ))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![
                pemilihan.to_string(),
                s.dari.map(teks_tanggal),
                s.sampai.map(teks_tanggal),
                s.penyumbang_id.map(|p| p.to_string()),
            ],
            entri_row,
        )
        .map_err(backend_err)?;
    crate::rows::collect(rows)
}

fn catat_pengembalian(
    conn: &mut Connection,
    k: &PengembalianDana,
    terlihat: (i64, i64),
    jejak: Jejak,
) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    // The writer thread runs one write at a time: what is read here stays
    // true until the commit.
    let kini: (i64, i64) = tx
        .query_row(
            "SELECT (SELECT COALESCE(MAX(nomor), 0) FROM dana_entri WHERE pemilihan_id = ?1),
                    (SELECT COUNT(*) FROM dana_pengembalian WHERE pemilihan_id = ?1)",
            params![k.pemilihan_id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(backend_err)?;
    if kini != terlihat {
        return Err(StoreError::Conflict(Konflik::BukuDanaBerubah(terlihat.0)));
    }
    if let Some(p) = k.penyumbang_id
        && !milik(&tx, "dana_penyumbang", p, k.pemilihan_id)?
    {
        return Err(StoreError::NotFound(format!("penyumbang {p}")));
    }
    if let Some(e) = k.entri_id
        && !milik(&tx, "dana_entri", e, k.pemilihan_id)?
    {
        return Err(StoreError::NotFound(format!("entri dana {e}")));
    }
    tx.execute(
        "INSERT INTO dana_pengembalian (id, pemilihan_id, tanggal, sumber, penyumbang_id, nilai,
            tujuan, entri_id, dicatat_oleh, dicatat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            k.id.to_string(),
            k.pemilihan_id.to_string(),
            teks_tanggal(k.tanggal),
            k.sumber.slug(),
            k.penyumbang_id.map(|p| p.to_string()),
            k.nilai.sen(),
            k.tujuan.slug(),
            k.entri_id.map(|e| e.to_string()),
            k.dicatat_oleh.to_string(),
            k.dicatat,
        ],
    )
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

fn pengembalian_row(r: &Row<'_>) -> rusqlite::Result<Result<PengembalianDana>> {
    let id: String = r.get(0)?;
    let pemilihan: String = r.get(1)?;
    let tgl: String = r.get(2)?;
    let sumber: String = r.get(3)?;
    let penyumbang: Option<String> = r.get(4)?;
    let nilai: i64 = r.get(5)?;
    let tujuan: String = r.get(6)?;
    let entri: Option<String> = r.get(7)?;
    let oleh: String = r.get(8)?;
    let dicatat: i64 = r.get(9)?;
    Ok((|| {
        Ok(PengembalianDana {
            id: uuid(&id)?,
            pemilihan_id: uuid(&pemilihan)?,
            tanggal: tanggal(&tgl)?,
            sumber: SumberDana::parse(&sumber).map_err(|e| corrupt("sumber dana", e))?,
            penyumbang_id: uuid_opsi(penyumbang)?,
            nilai: Uang::dari_sen(nilai),
            tujuan: TujuanKelebihan::parse(&tujuan).map_err(|e| corrupt("tujuan kelebihan", e))?,
            entri_id: uuid_opsi(entri)?,
            dicatat_oleh: uuid(&oleh)?,
            dicatat,
        })
    })())
}

fn catat_penyampaian(conn: &mut Connection, p: &PenyampaianDana, jejak: Jejak) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        "INSERT INTO dana_penyampaian (id, pemilihan_id, periode, tanggal, tanda_terima,
            catatan, dicatat_oleh, dicatat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            p.id.to_string(),
            p.pemilihan_id.to_string(),
            p.periode.slug(),
            teks_tanggal(p.tanggal),
            p.tanda_terima,
            p.catatan,
            p.dicatat_oleh.to_string(),
            p.dicatat,
        ],
    )
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

fn daftar_penyampaian(conn: &Connection, pemilihan_id: Uuid) -> Result<Vec<PenyampaianDana>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, periode, tanggal, tanda_terima, catatan, dicatat_oleh, dicatat
             FROM dana_penyampaian WHERE pemilihan_id = ?1 ORDER BY dicatat, id",
        )
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([pemilihan_id.to_string()], |r| {
            let id: String = r.get(0)?;
            let periode: String = r.get(1)?;
            let t: String = r.get(2)?;
            let (tanda_terima, catatan): (String, String) = (r.get(3)?, r.get(4)?);
            let oleh: String = r.get(5)?;
            let dicatat: i64 = r.get(6)?;
            Ok((|| {
                Ok(PenyampaianDana {
                    id: uuid(&id)?,
                    pemilihan_id,
                    periode: periode_dari(Some(&periode))?
                        .ok_or_else(|| StoreError::Corrupt("periode laporan".into()))?,
                    tanggal: tanggal(&t)?,
                    tanda_terima,
                    catatan,
                    dicatat_oleh: uuid(&oleh)?,
                    dicatat,
                })
            })())
        })
        .map_err(backend_err)?;
    crate::rows::collect(rows)
}

#[async_trait]
impl DanaStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pengaturan_dana(&self, p: &PengaturanDana, jejak: &Jejak) -> Result<()> {
        let (p, jejak) = (p.clone(), jejak.clone());
        self.write(move |c| simpan_pengaturan(c, &p, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_pengaturan_dana(&self, pemilihan_id: Uuid) -> Result<Option<PengaturanDana>> {
        self.read(move |c| ambil_pengaturan(c, pemilihan_id)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_penyumbang_dana(
        &self,
        p: &PenyumbangDana,
        cocok: &[String],
        jejak: &Jejak,
    ) -> Result<Option<Uuid>> {
        let (p, cocok, jejak) = (p.clone(), cocok.to_vec(), jejak.clone());
        self.write(move |c| simpan_penyumbang(c, &p, &cocok, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_penyumbang_dana(&self, id: Uuid) -> Result<Option<PenyumbangDana>> {
        self.read(move |c| {
            c.query_row(
                &format!("{PENYUMBANG_COLUMNS} WHERE id = ?1"),
                [id.to_string()],
                penyumbang_row,
            )
            .optional()
            .map_err(backend_err)?
            .transpose()
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_penyumbang_dana(&self, pemilihan_id: Uuid) -> Result<Vec<PenyumbangDana>> {
        self.read(move |c| {
            let mut stmt = c
                .prepare_cached(&format!(
                    "{PENYUMBANG_COLUMNS} WHERE pemilihan_id = ?1 ORDER BY dibuat, id"
                ))
                .map_err(backend_err)?;
            let rows = stmt
                .query_map([pemilihan_id.to_string()], penyumbang_row)
                .map_err(backend_err)?;
            crate::rows::collect(rows)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_entri_dana(
        &self,
        e: &EntriDana,
        sesudah: Option<i64>,
        jejak: &Jejak,
    ) -> Result<i64> {
        let (e, jejak) = (e.clone(), jejak.clone());
        self.write(move |c| catat_entri(c, &e, sesudah, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_entri_dana(&self, id: Uuid) -> Result<Option<EntriDana>> {
        self.read(move |c| {
            c.query_row(
                &format!("{ENTRI_COLUMNS} WHERE id = ?1"),
                [id.to_string()],
                entri_row,
            )
            .optional()
            .map_err(backend_err)?
            .transpose()
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_entri_dana(
        &self,
        pemilihan_id: Uuid,
        saring: &SaringDana,
    ) -> Result<Vec<EntriDana>> {
        let saring = *saring;
        self.read(move |c| daftar_entri(c, pemilihan_id, &saring))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_pengembalian_dana(
        &self,
        k: &PengembalianDana,
        terlihat: (i64, i64),
        jejak: &Jejak,
    ) -> Result<()> {
        let (k, jejak) = (k.clone(), jejak.clone());
        self.write(move |c| catat_pengembalian(c, &k, terlihat, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pengembalian_dana(&self, pemilihan_id: Uuid) -> Result<Vec<PengembalianDana>> {
        self.read(move |c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT id, pemilihan_id, tanggal, sumber, penyumbang_id, nilai, tujuan,
                        entri_id, dicatat_oleh, dicatat
                     FROM dana_pengembalian WHERE pemilihan_id = ?1 ORDER BY tanggal, id",
                )
                .map_err(backend_err)?;
            let rows = stmt
                .query_map([pemilihan_id.to_string()], pengembalian_row)
                .map_err(backend_err)?;
            crate::rows::collect(rows)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_penyampaian_dana(&self, p: &PenyampaianDana, jejak: &Jejak) -> Result<()> {
        let (p, jejak) = (p.clone(), jejak.clone());
        self.write(move |c| catat_penyampaian(c, &p, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_penyampaian_dana(&self, pemilihan_id: Uuid) -> Result<Vec<PenyampaianDana>> {
        self.read(move |c| daftar_penyampaian(c, pemilihan_id))
            .await
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
        let (p, cocok, jp, e, jejak) = (
            p.clone(),
            cocok.to_vec(),
            jejak_penyumbang.clone(),
            e.clone(),
            jejak.clone(),
        );
        self.write(move |c| catat_sumbangan_baru(c, &p, &cocok, jp, &e, jejak))
            .await
    }
}
