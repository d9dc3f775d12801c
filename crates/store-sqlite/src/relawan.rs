//! The volunteer tree and the supporter registry on SQLite. The single
//! writer makes "is this NIK stored? then insert" atomic; the unique blind
//! index is the second line of defence.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::{
    Cakupan, Jejak, Keperluan, KodeTps, KodeWilayah, TingkatDukungan, TingkatRelawan,
};
use posko_storage::Konflik;
use posko_storage::{PasanganRagu, Pendukung, Pengguna, Relawan, Result, StoreError, Undangan};
use rusqlite::{Connection, OptionalExtension, Row, params};
use time::Date;
use uuid::Uuid;

use crate::cari_nama;
use crate::hasil::uuid;
use crate::{backend_err, catat_audit};
use posko_storage::RelawanStore;

use posko_storage::baris::rusak as corrupt;

const TANGGAL: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn tanggal(s: &str) -> Result<Date> {
    Date::parse(s, TANGGAL).map_err(|e| corrupt("tanggal", e))
}

fn teks_tanggal(d: Date) -> String {
    d.format(TANGGAL).unwrap_or_default()
}

/// `LIKE` pattern for everything under a region (codes hold no `%` or `_`).
fn di_bawah(w: Option<KodeWilayah>) -> String {
    w.map(|w| format!("{w}%")).unwrap_or_else(|| "%".into())
}

use posko_storage::sql::RELAWAN_COLUMNS;

fn relawan_row(r: &Row<'_>) -> rusqlite::Result<Result<Relawan>> {
    let id: String = r.get(0)?;
    let pengguna: Option<String> = r.get(1)?;
    let nama: String = r.get(2)?;
    let wilayah: String = r.get(3)?;
    let perekrut: Option<String> = r.get(4)?;
    let aktif: bool = r.get(5)?;
    let dibuat: i64 = r.get(6)?;
    Ok((|| {
        let wilayah = Cakupan::parse(&wilayah).map_err(|e| corrupt("wilayah relawan", e))?;
        Ok(Relawan {
            id: uuid(&id)?,
            pengguna_id: pengguna.as_deref().map(uuid).transpose()?,
            nama,
            tingkat: TingkatRelawan::dari(&wilayah).map_err(|e| corrupt("tingkat", e))?,
            wilayah,
            perekrut: perekrut.as_deref().map(uuid).transpose()?,
            aktif,
            dibuat,
        })
    })())
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
    f: fn(&Row<'_>) -> rusqlite::Result<Result<T>>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql).map_err(backend_err)?;
    let rows = stmt.query_map(p, f).map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r.map_err(backend_err)??);
    }
    Ok(out)
}

pub(crate) fn simpan_relawan(
    conn: &mut Connection,
    r: &Relawan,
    akun: Option<(&Pengguna, &str)>,
    undangan: Option<&str>,
    sekarang: i64,
    jejak: Jejak,
) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    if let Some(kode) = undangan {
        let n = tx
            .execute(
                posko_storage::sql::PAKAI_UNDANGAN_RELAWAN,
                params![kode, sekarang],
            )
            .map_err(backend_err)?;
        if n == 0 {
            return Err(StoreError::Conflict(Konflik::UndanganTerpakai));
        }
    }
    if let Some((p, hash)) = akun {
        crate::pengguna::insert(&tx, p, Some(hash))?;
    }
    tx.execute(
        posko_storage::sql::SIMPAN_RELAWAN,
        params![
            r.id.to_string(),
            r.pengguna_id.map(|u| u.to_string()),
            r.nama,
            r.wilayah.to_string(),
            r.tingkat.as_u8(),
            r.perekrut.map(|u| u.to_string()),
            r.aktif,
            r.dibuat
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict(Konflik::RelawanAkun)
        }
        other => backend_err(other),
    })?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn ambil_relawan(conn: &Connection, id: Uuid) -> Result<Option<Relawan>> {
    Ok(collect(
        conn,
        &format!("{RELAWAN_COLUMNS} WHERE id = ?1"),
        [id.to_string()],
        relawan_row,
    )?
    .pop())
}

pub(crate) fn relawan_pengguna(conn: &Connection, id: Uuid) -> Result<Option<Relawan>> {
    Ok(collect(
        conn,
        &format!("{RELAWAN_COLUMNS} WHERE pengguna_id = ?1"),
        [id.to_string()],
        relawan_row,
    )?
    .pop())
}

pub(crate) fn bawahan(conn: &Connection, id: Uuid) -> Result<Vec<Relawan>> {
    collect(
        conn,
        posko_storage::sql::DAFTAR_BAWAHAN_RELAWAN,
        [id.to_string()],
        relawan_row,
    )
}

pub(crate) fn relawan_di(conn: &Connection, w: Option<KodeWilayah>) -> Result<Vec<Relawan>> {
    collect(
        conn,
        &format!("{RELAWAN_COLUMNS} WHERE wilayah LIKE ?1 ORDER BY wilayah, nama"),
        [di_bawah(w)],
        relawan_row,
    )
}

pub(crate) fn simpan_undangan(conn: &mut Connection, u: &Undangan, jejak: Jejak) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::SIMPAN_UNDANGAN_RELAWAN,
        params![
            u.kode_hash,
            u.perekrut.to_string(),
            u.wilayah.to_string(),
            u.dibuat,
            u.kadaluarsa,
            u.dipakai
        ],
    )
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn ambil_undangan(conn: &Connection, kode: &str) -> Result<Option<Undangan>> {
    conn.query_row(posko_storage::sql::AMBIL_UNDANGAN_RELAWAN, [kode], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, Option<i64>>(4)?,
        ))
    })
    .optional()
    .map_err(backend_err)?
    .map(|(p, w, dibuat, kadaluarsa, dipakai)| {
        Ok(Undangan {
            kode_hash: kode.to_string(),
            perekrut: uuid(&p)?,
            wilayah: Cakupan::parse(&w).map_err(|e| corrupt("wilayah undangan", e))?,
            dibuat,
            kadaluarsa,
            dipakai,
        })
    })
    .transpose()
}

use posko_storage::sql::PENDUKUNG_COLUMNS;

pub(crate) use posko_storage::sql::PENDUKUNG_P_COLUMNS;

use posko_storage::baris::tersandi;

pub(crate) use posko_storage::baris::keperluan_teks;

pub(crate) fn keperluan_dari(s: &str) -> Result<Vec<Keperluan>> {
    s.split(',')
        .filter(|s| !s.is_empty())
        .map(|k| Keperluan::parse(k).map_err(|e| corrupt("keperluan", e)))
        .collect()
}

pub(crate) fn pendukung_row(r: &Row<'_>) -> rusqlite::Result<Result<Pendukung>> {
    let id: String = r.get(0)?;
    let relawan: String = r.get(1)?;
    let nama: String = r.get(2)?;
    let nik = tersandi(r.get(3)?, r.get(4)?);
    let telepon = tersandi(r.get(5)?, r.get(6)?);
    let alamat: String = r.get(7)?;
    let desa: String = r.get(8)?;
    let tps: Option<String> = r.get(9)?;
    let lahir: Option<String> = r.get(10)?;
    let dukungan: String = r.get(11)?;
    let sumber: String = r.get(12)?;
    let keperluan: String = r.get(13)?;
    let disetujui: i64 = r.get(14)?;
    let simpan: String = r.get(15)?;
    let dibuat: i64 = r.get(16)?;
    let mutu: i64 = r.get(17)?;
    Ok((|| {
        Ok(Pendukung {
            id: uuid(&id)?,
            relawan_id: uuid(&relawan)?,
            nama,
            nik,
            telepon,
            alamat,
            desa: KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?,
            tps: tps
                .as_deref()
                .map(|t| KodeTps::parse(t).map_err(|e| corrupt("TPS", e)))
                .transpose()?,
            tanggal_lahir: lahir.as_deref().map(tanggal).transpose()?,
            dukungan: TingkatDukungan::parse(&dukungan).map_err(|e| corrupt("dukungan", e))?,
            sumber,
            keperluan: keperluan_dari(&keperluan)?,
            disetujui,
            simpan_sampai: tanggal(&simpan)?,
            dibuat,
            mutu: posko_domain::mutu_lapangan::MutuCatatan(mutu as u8),
        })
    })())
}

fn nik_milik(conn: &Connection, indeks: &[String]) -> Result<Option<Uuid>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::CARI_PENDUKUNG_PER_NIK)
        .map_err(backend_err)?;
    for i in indeks {
        if let Some(id) = stmt
            .query_row([i], |r| r.get::<_, String>(0))
            .optional()
            .map_err(backend_err)?
        {
            return Ok(Some(uuid(&id)?));
        }
    }
    Ok(None)
}

pub(crate) fn simpan_pendukung(
    conn: &mut Connection,
    p: &Pendukung,
    indeks_nama: &[String],
    nik_lain: &[String],
    ragu: &[(Uuid, f64)],
    jejak: Jejak,
) -> Result<Option<Uuid>> {
    let tx = conn.transaction().map_err(backend_err)?;
    if let Some(nik) = &p.nik {
        let mut semua = nik_lain.to_vec();
        semua.push(nik.indeks.clone());
        if let Some(ada) = nik_milik(&tx, &semua)? {
            return Ok(Some(ada));
        }
    }
    tx.execute(
        "INSERT INTO pendukung (id, relawan_id, nama, nik_sandi, nik_indeks, telepon_sandi,
            telepon_indeks, alamat, kode_desa, tps, tanggal_lahir, dukungan, sumber, keperluan,
            disetujui, simpan_sampai, dibuat, mutu)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            p.id.to_string(),
            p.relawan_id.to_string(),
            p.nama,
            p.nik.as_ref().map(|d| &d.sandi),
            p.nik.as_ref().map(|d| &d.indeks),
            p.telepon.as_ref().map(|d| &d.sandi),
            p.telepon.as_ref().map(|d| &d.indeks),
            p.alamat,
            p.desa.to_string(),
            p.tps.map(|t| t.to_string()),
            p.tanggal_lahir.map(teks_tanggal),
            p.dukungan.slug(),
            p.sumber,
            keperluan_teks(&p.keperluan),
            p.disetujui,
            teks_tanggal(p.simpan_sampai),
            p.dibuat,
            i64::from(p.mutu.0)
        ],
    )
    .map_err(backend_err)?;
    crate::cari_nama::tulis(&tx, p.id, indeks_nama)?;
    for (lain, skor) in ragu {
        tx.execute(
            posko_storage::sql::SIMPAN_PENDUKUNG_RAGU,
            params![
                Uuid::now_v7().to_string(),
                lain.to_string(),
                p.id.to_string(),
                skor,
                p.dibuat
            ],
        )
        .map_err(backend_err)?;
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(None)
}

pub(crate) fn ambil_pendukung(conn: &Connection, id: Uuid) -> Result<Option<Pendukung>> {
    Ok(collect(
        conn,
        &format!("{PENDUKUNG_COLUMNS} WHERE id = ?1"),
        [id.to_string()],
        pendukung_row,
    )?
    .pop())
}

pub(crate) fn pendukung_di(
    conn: &Connection,
    w: Option<KodeWilayah>,
    limit: u32,
) -> Result<Vec<Pendukung>> {
    collect(
        conn,
        &format!(
            "{PENDUKUNG_COLUMNS} WHERE kode_desa LIKE ?1 ORDER BY dibuat DESC, id DESC LIMIT ?2"
        ),
        params![di_bawah(w), limit],
        pendukung_row,
    )
}

pub(crate) fn kandidat_ganda(
    conn: &Connection,
    desa: KodeWilayah,
    lahir: Date,
) -> Result<Vec<(Uuid, String)>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::CARI_KANDIDAT_GANDA)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![desa.to_string(), teks_tanggal(lahir)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (id, nama) = r.map_err(backend_err)?;
        out.push((uuid(&id)?, nama));
    }
    Ok(out)
}

pub(crate) fn ubah_pendukung(
    conn: &mut Connection,
    p: &Pendukung,
    indeks_nama: &[String],
    jejak: Jejak,
) -> Result<bool> {
    let tx = conn.transaction().map_err(backend_err)?;
    let n = tx
        .execute(
            posko_storage::sql::UBAH_PENDUKUNG,
            params![
                p.id.to_string(),
                p.nama,
                p.nik.as_ref().map(|d| &d.sandi),
                p.nik.as_ref().map(|d| &d.indeks),
                p.telepon.as_ref().map(|d| &d.sandi),
                p.telepon.as_ref().map(|d| &d.indeks),
                p.alamat,
                p.desa.to_string(),
                p.tps.map(|t| t.to_string()),
                p.tanggal_lahir.map(teks_tanggal),
                p.dukungan.slug(),
                p.sumber,
                keperluan_teks(&p.keperluan),
                teks_tanggal(p.simpan_sampai),
            ],
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Conflict(Konflik::NikPendukung)
            }
            other => backend_err(other),
        })?;
    if n == 0 {
        return Ok(false);
    }
    crate::cari_nama::tulis(&tx, p.id, indeks_nama)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(true)
}

/// Deleted rows' pages are overwritten with zeros (`secure_delete`), so
/// the erased name and ciphertexts do not linger in free pages of the file.
pub(crate) fn hapus_pendukung(conn: &mut Connection, ids: &[Uuid], jejak: Jejak) -> Result<u64> {
    conn.execute_batch("PRAGMA secure_delete = ON")
        .map_err(backend_err)?;
    let hasil = (|| {
        let tx = conn.transaction().map_err(backend_err)?;
        let mut n = 0;
        {
            // The name index first, by name rather than trusting the
            // foreign key's cascade: erasure must not depend on a pragma.
            let mut indeks = tx
                .prepare_cached(posko_storage::sql::HAPUS_INDEKS_NAMA_PENDUKUNG)
                .map_err(backend_err)?;
            let mut stmt = tx
                .prepare_cached("DELETE FROM pendukung WHERE id = ?1")
                .map_err(backend_err)?;
            for id in ids {
                indeks.execute([id.to_string()]).map_err(backend_err)?;
                n += stmt.execute([id.to_string()]).map_err(backend_err)? as u64;
            }
        }
        catat_audit(&tx, jejak)?;
        tx.commit().map_err(backend_err)?;
        Ok(n)
    })();
    conn.execute_batch("PRAGMA secure_delete = OFF")
        .map_err(backend_err)?;
    hasil
}

pub(crate) fn kedaluwarsa(conn: &Connection, hari_ini: Date) -> Result<Vec<Uuid>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_PENDUKUNG_KEDALUWARSA)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([teks_tanggal(hari_ini)], |r| r.get::<_, String>(0))
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(uuid(&r.map_err(backend_err)?)?);
    }
    Ok(out)
}

pub(crate) fn hitung_per_relawan(
    conn: &Connection,
    w: Option<KodeWilayah>,
) -> Result<Vec<(Uuid, u64)>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::HITUNG_PENDUKUNG_PER_RELAWAN)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([di_bawah(w)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (id, n) = r.map_err(backend_err)?;
        out.push((uuid(&id)?, n as u64));
    }
    Ok(out)
}

pub(crate) fn aktivitas(conn: &Connection, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
    let mut per_hari = std::collections::BTreeMap::new();
    let mut stmt = conn
        .prepare_cached(
            "SELECT (dibuat + 25200) / 86400, COUNT(*) FROM pendukung WHERE relawan_id = ?1
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

pub(crate) fn per_tps(conn: &Connection, w: KodeWilayah) -> Result<Vec<(KodeTps, u64)>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::HITUNG_PENDUKUNG_PER_TPS)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([di_bawah(Some(w))], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (t, n) = r.map_err(backend_err)?;
        out.push((KodeTps::parse(&t).map_err(|e| corrupt("TPS", e))?, n as u64));
    }
    Ok(out)
}

use posko_storage::sql::PENDUKUNG_RAGU_COLUMNS;

fn ragu_row(r: &Row<'_>) -> rusqlite::Result<Result<PasanganRagu>> {
    let (id, a, b): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
    let (nama_a, nama_b, desa): (String, String, String) = (r.get(3)?, r.get(4)?, r.get(5)?);
    let skor: f64 = r.get(6)?;
    let status: String = r.get(7)?;
    let dibuat: i64 = r.get(8)?;
    Ok((|| {
        Ok(PasanganRagu {
            id: uuid(&id)?,
            pendukung_a: uuid(&a)?,
            pendukung_b: uuid(&b)?,
            nama_a,
            nama_b,
            desa: KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?,
            skor,
            status,
            dibuat,
        })
    })())
}

pub(crate) fn daftar_ragu(
    conn: &Connection,
    w: Option<KodeWilayah>,
    limit: u32,
) -> Result<Vec<PasanganRagu>> {
    collect(
        conn,
        &format!(
            "{PENDUKUNG_RAGU_COLUMNS} WHERE g.status = 'baru' AND b.kode_desa LIKE ?1 ORDER BY g.dibuat, g.id LIMIT ?2"
        ),
        params![di_bawah(w), limit],
        ragu_row,
    )
}

pub(crate) fn ambil_ragu(conn: &Connection, id: Uuid) -> Result<Option<PasanganRagu>> {
    Ok(collect(
        conn,
        &format!("{PENDUKUNG_RAGU_COLUMNS} WHERE g.id = ?1"),
        [id.to_string()],
        ragu_row,
    )?
    .pop())
}

pub(crate) fn putuskan_ragu(
    conn: &mut Connection,
    id: Uuid,
    status: &str,
    jejak: Jejak,
) -> Result<bool> {
    let tx = conn.transaction().map_err(backend_err)?;
    let n = tx
        .execute(
            posko_storage::sql::UBAH_STATUS_PENDUKUNG_RAGU,
            params![id.to_string(), status],
        )
        .map_err(backend_err)?;
    if n == 0 {
        return Ok(false);
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(true)
}

#[async_trait]
impl RelawanStore for SqliteStore {
    // --- relawan & pendukung ---

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_relawan(
        &self,
        relawan: &Relawan,
        akun: Option<(&Pengguna, &str)>,
        undangan: Option<&str>,
        sekarang: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        let (r, jejak) = (relawan.clone(), jejak.clone());
        let akun = akun.map(|(p, h)| (p.clone(), h.to_string()));
        let undangan = undangan.map(str::to_string);
        self.write(move |c| {
            simpan_relawan(
                c,
                &r,
                akun.as_ref().map(|(p, h)| (p, h.as_str())),
                undangan.as_deref(),
                sekarang,
                jejak,
            )
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_relawan(&self, id: Uuid) -> Result<Option<Relawan>> {
        self.read(move |c| ambil_relawan(c, id)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_relawan_pengguna(&self, pengguna_id: Uuid) -> Result<Option<Relawan>> {
        self.read(move |c| relawan_pengguna(c, pengguna_id)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_relawan_bawahan(&self, id: Uuid) -> Result<Vec<Relawan>> {
        self.read(move |c| bawahan(c, id)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_relawan_di(&self, wilayah: Option<KodeWilayah>) -> Result<Vec<Relawan>> {
        self.read(move |c| relawan_di(c, wilayah)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_undangan(&self, undangan: &Undangan, jejak: &Jejak) -> Result<()> {
        let (u, jejak) = (undangan.clone(), jejak.clone());
        self.write(move |c| simpan_undangan(c, &u, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_undangan(&self, kode_hash: &str) -> Result<Option<Undangan>> {
        let k = kode_hash.to_string();
        self.read(move |c| ambil_undangan(c, &k)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_pendukung(
        &self,
        p: &Pendukung,
        indeks_nama: &[String],
        nik_lain: &[String],
        ragu: &[(Uuid, f64)],
        jejak: &Jejak,
    ) -> Result<Option<Uuid>> {
        let (p, nama, nik_lain, ragu, jejak) = (
            p.clone(),
            indeks_nama.to_vec(),
            nik_lain.to_vec(),
            ragu.to_vec(),
            jejak.clone(),
        );
        self.write(move |c| simpan_pendukung(c, &p, &nama, &nik_lain, &ragu, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_pendukung(&self, id: Uuid) -> Result<Option<Pendukung>> {
        self.read(move |c| ambil_pendukung(c, id)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pendukung_di(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<Pendukung>> {
        self.read(move |c| pendukung_di(c, wilayah, limit)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kandidat_ganda(
        &self,
        desa: KodeWilayah,
        lahir: Date,
    ) -> Result<Vec<(Uuid, String)>> {
        self.read(move |c| kandidat_ganda(c, desa, lahir)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_pendukung(
        &self,
        p: &Pendukung,
        indeks_nama: &[String],
        jejak: &Jejak,
    ) -> Result<bool> {
        let (p, nama, jejak) = (p.clone(), indeks_nama.to_vec(), jejak.clone());
        self.write(move |c| ubah_pendukung(c, &p, &nama, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_pendukung(&self, ids: &[Uuid], jejak: &Jejak) -> Result<u64> {
        let (ids, jejak) = (ids.to_vec(), jejak.clone());
        self.write(move |c| hapus_pendukung(c, &ids, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_pendukung(
        &self,
        cakupan: &[posko_domain::Cakupan],
        cari: &[Vec<String>],
        limit: u32,
        lewati: u32,
    ) -> Result<(u64, Vec<Pendukung>)> {
        let (cakupan, cari) = (cakupan.to_vec(), cari.to_vec());
        self.read(move |c| cari_nama::cari(c, &cakupan, &cari, limit, lewati))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ganti_indeks_nama(&self, rows: &[(Uuid, Vec<String>)], jejak: &Jejak) -> Result<u64> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| cari_nama::ganti(c, &rows, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_nama_pendukung(&self, tanpa_indeks_saja: bool) -> Result<Vec<(Uuid, String)>> {
        self.read(move |c| cari_nama::nama(c, tanpa_indeks_saja))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pendukung_kedaluwarsa(&self, hari_ini: Date) -> Result<Vec<Uuid>> {
        self.read(move |c| kedaluwarsa(c, hari_ini)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pendukung_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>> {
        self.read(move |c| hitung_per_relawan(c, wilayah)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_aktivitas_pendukung(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
        let ids = relawan.to_vec();
        self.read(move |c| aktivitas(c, &ids)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pendukung_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u64)>> {
        self.read(move |c| per_tps(c, wilayah)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_ragu(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<PasanganRagu>> {
        self.read(move |c| daftar_ragu(c, wilayah, limit)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_ragu(&self, id: Uuid) -> Result<Option<PasanganRagu>> {
        self.read(move |c| ambil_ragu(c, id)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn putuskan_ragu(&self, id: Uuid, status: &str, jejak: &Jejak) -> Result<bool> {
        let (status, jejak) = (status.to_string(), jejak.clone());
        self.write(move |c| putuskan_ragu(c, id, &status, jejak))
            .await
    }
}
