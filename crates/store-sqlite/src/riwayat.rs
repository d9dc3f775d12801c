//! Targets on SQLite: the imported history of an earlier election and the
//! manager's assumptions per election.

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::{HasilLalu, Jejak, KodeTps, KodeWilayah, NomorTps, Persen};
use posko_storage::{
    AsumsiTarget, PartisipasiLalu, Result, Riwayat, StoreError, SumberPartisipasi,
};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::{backend_err, catat_audit};
use posko_storage::RiwayatStore;

use posko_storage::baris::rusak as corrupt;

fn di_bawah(w: KodeWilayah) -> String {
    format!("{w}%")
}

pub(crate) fn ganti(
    conn: &mut Connection,
    r: &Riwayat,
    rows: &[HasilLalu],
    jejak: Jejak,
) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute("DELETE FROM hasil_lalu", [])
        .map_err(backend_err)?;
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO hasil_lalu (kode_desa, nomor, dpt, sah, tidak_sah, kita, ditandai)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(backend_err)?;
        for h in rows {
            stmt.execute(params![
                h.tps.desa().to_string(),
                h.tps.nomor().get(),
                h.dpt,
                h.sah,
                h.tidak_sah,
                h.kita,
                h.ditandai
            ])
            .map_err(backend_err)?;
        }
    }
    tx.execute(
        posko_storage::sql::SIMPAN_RIWAYAT,
        params![r.nama, r.berkas, r.diimpor],
    )
    .map_err(backend_err)?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn riwayat(conn: &Connection) -> Result<Option<Riwayat>> {
    conn.query_row(posko_storage::sql::AMBIL_RIWAYAT, [], |r| {
        Ok(Riwayat {
            nama: r.get(0)?,
            berkas: r.get(1)?,
            diimpor: r.get(2)?,
            tps: r.get::<_, i64>(3)? as u64,
            ada_suara_kita: r.get(4)?,
        })
    })
    .optional()
    .map_err(backend_err)
}

pub(crate) fn partisipasi(conn: &Connection, w: KodeWilayah) -> Result<Vec<PartisipasiLalu>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT kode_desa, SUM(dpt), SUM(sah) FROM hasil_lalu
             WHERE kode_desa LIKE ?1 AND dpt > 0 AND ditandai = 0
             GROUP BY kode_desa ORDER BY kode_desa",
        )
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([di_bawah(w)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (desa, dpt, sah) = r.map_err(backend_err)?;
        out.push(PartisipasiLalu {
            desa: KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?,
            dpt: dpt as u64,
            sah: sah as u64,
        });
    }
    Ok(out)
}

pub(crate) fn hasil_lalu(conn: &Connection, w: KodeWilayah) -> Result<Vec<HasilLalu>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_HASIL_LALU_DI_WILAYAH)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([di_bawah(w)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u16>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, Option<u32>>(5)?,
                r.get::<_, bool>(6)?,
            ))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (desa, nomor, dpt, sah, tidak_sah, kita, ditandai) = r.map_err(backend_err)?;
        let desa = KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?;
        let nomor = NomorTps::new(nomor).map_err(|e| corrupt("nomor TPS", e))?;
        out.push(HasilLalu {
            tps: KodeTps::new(desa, nomor).map_err(|e| corrupt("TPS", e))?,
            dpt,
            sah,
            tidak_sah,
            kita,
            ditandai,
        });
    }
    Ok(out)
}

fn persen(bp: i64) -> Result<Persen> {
    u16::try_from(bp)
        .ok()
        .and_then(|bp| Persen::dari_basis_poin(bp).ok())
        .ok_or_else(|| corrupt("persen", bp))
}

pub(crate) fn asumsi(conn: &Connection, pemilihan_id: Uuid) -> Result<Option<AsumsiTarget>> {
    let row = conn
        .query_row(
            posko_storage::sql::AMBIL_ASUMSI_TARGET,
            [pemilihan_id.to_string()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )
        .optional()
        .map_err(backend_err)?;
    row.map(|(p, sumber, t, diubah, oleh)| {
        Ok(AsumsiTarget {
            partisipasi: persen(p)?,
            sumber: match sumber.as_str() {
                "riwayat" => SumberPartisipasi::Riwayat,
                _ => SumberPartisipasi::Tetap,
            },
            target_suara: t.map(persen).transpose()?,
            diubah,
            oleh,
        })
    })
    .transpose()
}

pub(crate) fn simpan_asumsi(
    conn: &mut Connection,
    pemilihan_id: Uuid,
    a: &AsumsiTarget,
    jejak: Jejak,
) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::SIMPAN_ASUMSI_TARGET,
        params![
            pemilihan_id.to_string(),
            a.partisipasi.basis_poin(),
            sumber_teks(a.sumber),
            a.target_suara.map(Persen::basis_poin),
            a.diubah,
            a.oleh
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::NotFound(format!("pemilihan {pemilihan_id}"))
        }
        e => backend_err(e),
    })?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn sumber_teks(s: SumberPartisipasi) -> &'static str {
    match s {
        SumberPartisipasi::Tetap => "tetap",
        SumberPartisipasi::Riwayat => "riwayat",
    }
}

#[async_trait]
impl RiwayatStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn ganti_riwayat(
        &self,
        r: &posko_storage::Riwayat,
        rows: &[posko_domain::HasilLalu],
        jejak: &Jejak,
    ) -> Result<()> {
        let (r, rows, jejak) = (r.clone(), rows.to_vec(), jejak.clone());
        self.write(move |c| ganti(c, &r, &rows, jejak)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_riwayat(&self) -> Result<Option<posko_storage::Riwayat>> {
        self.read(riwayat).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_partisipasi_lalu(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_storage::PartisipasiLalu>> {
        self.read(move |c| partisipasi(c, wilayah)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_lalu(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_domain::HasilLalu>> {
        self.read(move |c| hasil_lalu(c, wilayah)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_asumsi_target(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Option<posko_storage::AsumsiTarget>> {
        self.read(move |c| asumsi(c, pemilihan_id)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_asumsi_target(
        &self,
        pemilihan_id: Uuid,
        asumsi: &posko_storage::AsumsiTarget,
        jejak: &Jejak,
    ) -> Result<()> {
        let (a, jejak) = (asumsi.clone(), jejak.clone());
        self.write(move |c| simpan_asumsi(c, pemilihan_id, &a, jejak))
            .await
    }
}
