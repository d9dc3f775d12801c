//! The volunteer tree and the supporter registry on PostgreSQL. A NIK is
//! stored once by `INSERT … ON CONFLICT (nik_indeks) DO NOTHING`: of two
//! servers registering the same person at once, one inserts and the other
//! waits for it and then finds its row.

use crate::PostgresStore;
use async_trait::async_trait;
use deadpool_postgres::Object;
use posko_domain::{Cakupan, Jejak, KodeTps, KodeWilayah, TingkatDukungan, TingkatRelawan};
use posko_storage::Konflik;
use posko_storage::{PasanganRagu, Pendukung, Pengguna, Relawan, Result, StoreError, Undangan};
use time::Date;
use tokio_postgres::Row;
use uuid::Uuid;

use crate::cari_nama;
use crate::{backend_err, catat_audit};
use posko_storage::RelawanStore;

use posko_storage::baris::rusak as corrupt;

fn di_bawah(w: Option<KodeWilayah>) -> String {
    w.map(|w| format!("{w}%")).unwrap_or_else(|| "%".into())
}

use posko_storage::sql::RELAWAN_COLUMNS;

fn relawan_row(r: &Row) -> Result<Relawan> {
    let wilayah: String = r.get(3);
    let wilayah = Cakupan::parse(&wilayah).map_err(|e| corrupt("wilayah relawan", e))?;
    Ok(Relawan {
        id: r.get(0),
        pengguna_id: r.get(1),
        nama: r.get(2),
        tingkat: TingkatRelawan::dari(&wilayah).map_err(|e| corrupt("tingkat", e))?,
        wilayah,
        perekrut: r.get(4),
        aktif: r.get(5),
        dibuat: r.get(6),
    })
}

pub(crate) async fn simpan_relawan(
    c: &mut Object,
    r: &Relawan,
    akun: Option<(&Pengguna, &str)>,
    undangan: Option<&str>,
    sekarang: i64,
    jejak: &Jejak,
) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    if let Some(kode) = undangan {
        let n = tx
            .execute(
                posko_storage::sql::pg(posko_storage::sql::PAKAI_UNDANGAN_RELAWAN),
                &[&kode, &sekarang],
            )
            .await
            .map_err(backend_err)?;
        if n == 0 {
            return Err(StoreError::Conflict(Konflik::UndanganTerpakai));
        }
    }
    if let Some((p, hash)) = akun {
        let stmt = tx
            .prepare(crate::pengguna::insert_sql())
            .await
            .map_err(backend_err)?;
        crate::pengguna::insert(&tx, &stmt, p, Some(hash)).await?;
    }
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::SIMPAN_RELAWAN),
        &[
            &r.id,
            &r.pengguna_id,
            &r.nama,
            &r.wilayah.to_string(),
            &i16::from(r.tingkat.as_u8()),
            &r.perekrut,
            &r.aktif,
            &r.dibuat,
        ],
    )
    .await
    .map_err(|e| match backend_err(e) {
        StoreError::Conflict(_) => StoreError::Conflict(Konflik::RelawanAkun),
        other => other,
    })?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

async fn relawan_where(c: &Object, cond: &str, p: &Uuid) -> Result<Option<Relawan>> {
    c.query_opt(&format!("{RELAWAN_COLUMNS} WHERE {cond} = $1"), &[p])
        .await
        .map_err(backend_err)?
        .map(|r| relawan_row(&r))
        .transpose()
}

pub(crate) async fn ambil_relawan(c: &Object, id: Uuid) -> Result<Option<Relawan>> {
    relawan_where(c, "id", &id).await
}

pub(crate) async fn relawan_pengguna(c: &Object, id: Uuid) -> Result<Option<Relawan>> {
    relawan_where(c, "pengguna_id", &id).await
}

pub(crate) async fn bawahan(c: &Object, id: Uuid) -> Result<Vec<Relawan>> {
    c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_BAWAHAN_RELAWAN),
        &[&id],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(relawan_row)
    .collect()
}

pub(crate) async fn relawan_di(c: &Object, w: Option<KodeWilayah>) -> Result<Vec<Relawan>> {
    c.query(
        &format!("{RELAWAN_COLUMNS} WHERE wilayah LIKE $1 ORDER BY wilayah, nama"),
        &[&di_bawah(w)],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(relawan_row)
    .collect()
}

pub(crate) async fn simpan_undangan(c: &mut Object, u: &Undangan, jejak: &Jejak) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::SIMPAN_UNDANGAN_RELAWAN),
        &[
            &u.kode_hash,
            &u.perekrut,
            &u.wilayah.to_string(),
            &u.dibuat,
            &u.kadaluarsa,
            &u.dipakai,
        ],
    )
    .await
    .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) async fn ambil_undangan(c: &Object, kode: &str) -> Result<Option<Undangan>> {
    c.query_opt(
        posko_storage::sql::pg(posko_storage::sql::AMBIL_UNDANGAN_RELAWAN),
        &[&kode],
    )
    .await
    .map_err(backend_err)?
    .map(|r| {
        let w: String = r.get(1);
        Ok(Undangan {
            kode_hash: kode.to_string(),
            perekrut: r.get(0),
            wilayah: Cakupan::parse(&w).map_err(|e| corrupt("wilayah undangan", e))?,
            dibuat: r.get(2),
            kadaluarsa: r.get(3),
            dipakai: r.get(4),
        })
    })
    .transpose()
}

use posko_storage::sql::PENDUKUNG_COLUMNS;

pub(crate) use posko_storage::sql::PENDUKUNG_P_COLUMNS;

use posko_storage::baris::tersandi;

use posko_storage::baris::keperluan_teks;

pub(crate) fn pendukung_row(r: &Row) -> Result<Pendukung> {
    let desa: String = r.get(8);
    let tps: Option<String> = r.get(9);
    let dukungan: String = r.get(11);
    let keperluan: String = r.get(13);
    Ok(Pendukung {
        id: r.get(0),
        relawan_id: r.get(1),
        nama: r.get(2),
        nik: tersandi(r.get(3), r.get(4)),
        telepon: tersandi(r.get(5), r.get(6)),
        alamat: r.get(7),
        desa: KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?,
        tps: tps
            .as_deref()
            .map(|t| KodeTps::parse(t).map_err(|e| corrupt("TPS", e)))
            .transpose()?,
        tanggal_lahir: r.get(10),
        dukungan: TingkatDukungan::parse(&dukungan).map_err(|e| corrupt("dukungan", e))?,
        sumber: r.get(12),
        keperluan: keperluan
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|k| posko_domain::Keperluan::parse(k).map_err(|e| corrupt("keperluan", e)))
            .collect::<Result<_>>()?,
        disetujui: r.get(14),
        simpan_sampai: r.get(15),
        dibuat: r.get(16),
        mutu: posko_domain::mutu_lapangan::MutuCatatan(r.get::<_, i32>(17) as u8),
    })
}

pub(crate) async fn simpan_pendukung(
    c: &mut Object,
    p: &Pendukung,
    indeks_nama: &[String],
    nik_lain: &[String],
    ragu: &[(Uuid, f64)],
    jejak: &Jejak,
) -> Result<Option<Uuid>> {
    let tx = c.transaction().await.map_err(backend_err)?;
    if let Some(nik) = &p.nik {
        let mut semua = nik_lain.to_vec();
        semua.push(nik.indeks.clone());
        if let Some(r) = tx
            .query_opt(
                "SELECT id FROM pendukung WHERE nik_indeks = ANY($1) LIMIT 1",
                &[&semua],
            )
            .await
            .map_err(backend_err)?
        {
            return Ok(Some(r.get(0)));
        }
    }
    let n = tx
        .execute(
            "INSERT INTO pendukung (id, relawan_id, nama, nik_sandi, nik_indeks, telepon_sandi,
                telepon_indeks, alamat, kode_desa, tps, tanggal_lahir, dukungan, sumber,
                keperluan, disetujui, simpan_sampai, dibuat, mutu)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 $18)
             ON CONFLICT (nik_indeks) DO NOTHING",
            &[
                &p.id,
                &p.relawan_id,
                &p.nama,
                &p.nik.as_ref().map(|d| d.sandi.as_str()),
                &p.nik.as_ref().map(|d| d.indeks.as_str()),
                &p.telepon.as_ref().map(|d| d.sandi.as_str()),
                &p.telepon.as_ref().map(|d| d.indeks.as_str()),
                &p.alamat,
                &p.desa.to_string(),
                &p.tps.map(|t| t.to_string()),
                &p.tanggal_lahir,
                &p.dukungan.slug(),
                &p.sumber,
                &keperluan_teks(&p.keperluan),
                &p.disetujui,
                &p.simpan_sampai,
                &p.dibuat,
                &i32::from(p.mutu.0),
            ],
        )
        .await
        .map_err(backend_err)?;
    if n == 0 {
        // Another transaction stored this NIK first and has committed.
        let nik = p.nik.as_ref().map(|d| d.indeks.as_str());
        let r = tx
            .query_one(
                posko_storage::sql::pg(posko_storage::sql::CARI_PENDUKUNG_PER_NIK),
                &[&nik],
            )
            .await
            .map_err(backend_err)?;
        return Ok(Some(r.get(0)));
    }
    crate::cari_nama::tulis(&tx, p.id, indeks_nama).await?;
    for (lain, skor) in ragu {
        tx.execute(
            posko_storage::sql::pg(posko_storage::sql::SIMPAN_PENDUKUNG_RAGU),
            &[&Uuid::now_v7(), lain, &p.id, skor, &p.dibuat],
        )
        .await
        .map_err(backend_err)?;
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(None)
}

pub(crate) async fn ambil_pendukung(c: &Object, id: Uuid) -> Result<Option<Pendukung>> {
    c.query_opt(&format!("{PENDUKUNG_COLUMNS} WHERE id = $1"), &[&id])
        .await
        .map_err(backend_err)?
        .map(|r| pendukung_row(&r))
        .transpose()
}

pub(crate) async fn pendukung_di(
    c: &Object,
    w: Option<KodeWilayah>,
    limit: u32,
) -> Result<Vec<Pendukung>> {
    c.query(
        &format!(
            "{PENDUKUNG_COLUMNS} WHERE kode_desa LIKE $1 ORDER BY dibuat DESC, id DESC LIMIT $2"
        ),
        &[&di_bawah(w), &i64::from(limit)],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(pendukung_row)
    .collect()
}

pub(crate) async fn kandidat_ganda(
    c: &Object,
    desa: KodeWilayah,
    lahir: Date,
) -> Result<Vec<(Uuid, String)>> {
    Ok(c.query(
        posko_storage::sql::pg(posko_storage::sql::CARI_KANDIDAT_GANDA),
        &[&desa.to_string(), &lahir],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect())
}

pub(crate) async fn ubah_pendukung(
    c: &mut Object,
    p: &Pendukung,
    indeks_nama: &[String],
    jejak: &Jejak,
) -> Result<bool> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let n = tx
        .execute(
            posko_storage::sql::pg(posko_storage::sql::UBAH_PENDUKUNG),
            &[
                &p.id,
                &p.nama,
                &p.nik.as_ref().map(|d| d.sandi.as_str()),
                &p.nik.as_ref().map(|d| d.indeks.as_str()),
                &p.telepon.as_ref().map(|d| d.sandi.as_str()),
                &p.telepon.as_ref().map(|d| d.indeks.as_str()),
                &p.alamat,
                &p.desa.to_string(),
                &p.tps.map(|t| t.to_string()),
                &p.tanggal_lahir,
                &p.dukungan.slug(),
                &p.sumber,
                &keperluan_teks(&p.keperluan),
                &p.simpan_sampai,
            ],
        )
        .await
        .map_err(|e| match backend_err(e) {
            StoreError::Conflict(_) => StoreError::Conflict(Konflik::NikPendukung),
            other => other,
        })?;
    if n == 0 {
        return Ok(false);
    }
    crate::cari_nama::tulis(&tx, p.id, indeks_nama).await?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(true)
}

pub(crate) async fn hapus_pendukung(c: &mut Object, ids: &[Uuid], jejak: &Jejak) -> Result<u64> {
    let tx = c.transaction().await.map_err(backend_err)?;
    // The name index by name, not only by the foreign key's cascade.
    tx.execute(
        "DELETE FROM pendukung_nama_indeks WHERE pendukung_id = ANY($1)",
        &[&ids],
    )
    .await
    .map_err(backend_err)?;
    let n = tx
        .execute("DELETE FROM pendukung WHERE id = ANY($1)", &[&ids])
        .await
        .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(n)
}

pub(crate) async fn kedaluwarsa(c: &Object, hari_ini: Date) -> Result<Vec<Uuid>> {
    Ok(c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_PENDUKUNG_KEDALUWARSA),
        &[&hari_ini],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| r.get(0))
    .collect())
}

pub(crate) async fn hitung_per_relawan(
    c: &Object,
    w: Option<KodeWilayah>,
) -> Result<Vec<(Uuid, u64)>> {
    Ok(c.query(
        posko_storage::sql::pg(posko_storage::sql::HITUNG_PENDUKUNG_PER_RELAWAN),
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
        "SELECT (dibuat + 25200) / 86400 AS hari, COUNT(*) FROM pendukung
             WHERE relawan_id = ANY($1) GROUP BY hari ORDER BY hari",
        &[&relawan],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| (r.get(0), r.get::<_, i64>(1) as u64))
    .collect())
}

pub(crate) async fn per_tps(c: &Object, w: KodeWilayah) -> Result<Vec<(KodeTps, u64)>> {
    c.query(
        posko_storage::sql::pg(posko_storage::sql::HITUNG_PENDUKUNG_PER_TPS),
        &[&di_bawah(Some(w))],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| {
        let t: String = r.get(0);
        Ok((
            KodeTps::parse(&t).map_err(|e| corrupt("TPS", e))?,
            r.get::<_, i64>(1) as u64,
        ))
    })
    .collect()
}

use posko_storage::sql::PENDUKUNG_RAGU_COLUMNS;

fn ragu_row(r: &Row) -> Result<PasanganRagu> {
    let desa: String = r.get(5);
    Ok(PasanganRagu {
        id: r.get(0),
        pendukung_a: r.get(1),
        pendukung_b: r.get(2),
        nama_a: r.get(3),
        nama_b: r.get(4),
        desa: KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?,
        skor: r.get(6),
        status: r.get(7),
        dibuat: r.get(8),
    })
}

pub(crate) async fn daftar_ragu(
    c: &Object,
    w: Option<KodeWilayah>,
    limit: u32,
) -> Result<Vec<PasanganRagu>> {
    c.query(
        &format!(
            "{PENDUKUNG_RAGU_COLUMNS} WHERE g.status = 'baru' AND b.kode_desa LIKE $1 ORDER BY g.dibuat, g.id LIMIT $2"
        ),
        &[&di_bawah(w), &i64::from(limit)],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(ragu_row)
    .collect()
}

pub(crate) async fn ambil_ragu(c: &Object, id: Uuid) -> Result<Option<PasanganRagu>> {
    c.query_opt(&format!("{PENDUKUNG_RAGU_COLUMNS} WHERE g.id = $1"), &[&id])
        .await
        .map_err(backend_err)?
        .map(|r| ragu_row(&r))
        .transpose()
}

pub(crate) async fn putuskan_ragu(
    c: &mut Object,
    id: Uuid,
    status: &str,
    jejak: &Jejak,
) -> Result<bool> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let n = tx
        .execute(
            posko_storage::sql::pg(posko_storage::sql::UBAH_STATUS_PENDUKUNG_RAGU),
            &[&id, &status],
        )
        .await
        .map_err(backend_err)?;
    if n == 0 {
        return Ok(false);
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(true)
}

#[async_trait]
impl RelawanStore for PostgresStore {
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
        let mut c = self.conn().await?;
        simpan_relawan(&mut c, relawan, akun, undangan, sekarang, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_relawan(&self, id: Uuid) -> Result<Option<Relawan>> {
        ambil_relawan(&self.conn_baca().await?, id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_relawan_pengguna(&self, pengguna_id: Uuid) -> Result<Option<Relawan>> {
        relawan_pengguna(&self.conn_baca().await?, pengguna_id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_relawan_bawahan(&self, id: Uuid) -> Result<Vec<Relawan>> {
        bawahan(&self.conn_baca().await?, id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_relawan_di(&self, wilayah: Option<KodeWilayah>) -> Result<Vec<Relawan>> {
        relawan_di(&self.conn_baca().await?, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_undangan(&self, undangan: &Undangan, jejak: &Jejak) -> Result<()> {
        simpan_undangan(&mut self.conn().await?, undangan, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_undangan(&self, kode_hash: &str) -> Result<Option<Undangan>> {
        ambil_undangan(&self.conn().await?, kode_hash).await
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
        simpan_pendukung(
            &mut self.conn().await?,
            p,
            indeks_nama,
            nik_lain,
            ragu,
            jejak,
        )
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_pendukung(&self, id: Uuid) -> Result<Option<Pendukung>> {
        ambil_pendukung(&self.conn().await?, id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pendukung_di(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<Pendukung>> {
        pendukung_di(&self.conn_baca().await?, wilayah, limit).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kandidat_ganda(
        &self,
        desa: KodeWilayah,
        lahir: Date,
    ) -> Result<Vec<(Uuid, String)>> {
        kandidat_ganda(&self.conn().await?, desa, lahir).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_pendukung(
        &self,
        p: &Pendukung,
        indeks_nama: &[String],
        jejak: &Jejak,
    ) -> Result<bool> {
        ubah_pendukung(&mut self.conn().await?, p, indeks_nama, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_pendukung(
        &self,
        cakupan: &[posko_domain::Cakupan],
        cari: &[Vec<String>],
        limit: u32,
        lewati: u32,
    ) -> Result<(u64, Vec<Pendukung>)> {
        cari_nama::cari(&self.conn_baca().await?, cakupan, cari, limit, lewati).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ganti_indeks_nama(&self, rows: &[(Uuid, Vec<String>)], jejak: &Jejak) -> Result<u64> {
        cari_nama::ganti(&mut self.conn().await?, rows, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_nama_pendukung(&self, tanpa_indeks_saja: bool) -> Result<Vec<(Uuid, String)>> {
        cari_nama::nama(&self.conn_baca().await?, tanpa_indeks_saja).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hapus_pendukung(&self, ids: &[Uuid], jejak: &Jejak) -> Result<u64> {
        hapus_pendukung(&mut self.conn().await?, ids, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pendukung_kedaluwarsa(&self, hari_ini: Date) -> Result<Vec<Uuid>> {
        kedaluwarsa(&self.conn().await?, hari_ini).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pendukung_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>> {
        hitung_per_relawan(&self.conn_baca().await?, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_aktivitas_pendukung(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>> {
        aktivitas(&self.conn_baca().await?, relawan).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pendukung_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u64)>> {
        per_tps(&self.conn_baca().await?, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_ragu(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<PasanganRagu>> {
        daftar_ragu(&self.conn_baca().await?, wilayah, limit).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_ragu(&self, id: Uuid) -> Result<Option<PasanganRagu>> {
        ambil_ragu(&self.conn().await?, id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn putuskan_ragu(&self, id: Uuid, status: &str, jejak: &Jejak) -> Result<bool> {
        putuskan_ragu(&mut self.conn().await?, id, status, jejak).await
    }
}
