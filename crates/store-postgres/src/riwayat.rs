//! Targets on PostgreSQL: the imported history of an earlier election and
//! the manager's assumptions per election.

use crate::PostgresStore;
use async_trait::async_trait;
use deadpool_postgres::Object;
use posko_domain::{HasilLalu, Jejak, KodeTps, KodeWilayah, NomorTps, Persen};
use posko_storage::{
    AsumsiTarget, PartisipasiLalu, Result, Riwayat, StoreError, SumberPartisipasi,
};
use uuid::Uuid;

use crate::audit::catat_audit;
use crate::{backend_err, copy};
use posko_storage::RiwayatStore;

use posko_storage::baris::rusak as corrupt;

fn di_bawah(w: KodeWilayah) -> String {
    format!("{w}%")
}

pub(crate) async fn ganti(
    c: &mut Object,
    r: &Riwayat,
    rows: &[HasilLalu],
    jejak: &Jejak,
) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute("DELETE FROM hasil_lalu", &[])
        .await
        .map_err(backend_err)?;
    copy::copy_in(
        &tx,
        "COPY hasil_lalu (kode_desa, nomor, dpt, sah, tidak_sah, kita, ditandai) FROM STDIN",
        rows.iter().map(|h| {
            [
                Some(h.tps.desa().to_string()),
                Some(h.tps.nomor().get().to_string()),
                Some(h.dpt.to_string()),
                Some(h.sah.to_string()),
                Some(h.tidak_sah.to_string()),
                h.kita.map(|k| k.to_string()),
                Some(if h.ditandai { "t" } else { "f" }.to_string()),
            ]
        }),
    )
    .await?;
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::SIMPAN_RIWAYAT),
        &[&r.nama, &r.berkas, &r.diimpor],
    )
    .await
    .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) async fn riwayat(c: &Object) -> Result<Option<Riwayat>> {
    Ok(c.query_opt(
        posko_storage::sql::pg(posko_storage::sql::AMBIL_RIWAYAT),
        &[],
    )
    .await
    .map_err(backend_err)?
    .map(|r| Riwayat {
        nama: r.get(0),
        berkas: r.get(1),
        diimpor: r.get(2),
        tps: r.get::<_, i64>(3) as u64,
        ada_suara_kita: r.get(4),
    }))
}

pub(crate) async fn partisipasi(c: &Object, w: KodeWilayah) -> Result<Vec<PartisipasiLalu>> {
    c.query(
        "SELECT kode_desa, SUM(dpt)::BIGINT, SUM(sah)::BIGINT FROM hasil_lalu
         WHERE kode_desa LIKE $1 AND dpt > 0 AND NOT ditandai
         GROUP BY kode_desa ORDER BY kode_desa",
        &[&di_bawah(w)],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| {
        let desa: String = r.get(0);
        Ok(PartisipasiLalu {
            desa: KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?,
            dpt: r.get::<_, i64>(1) as u64,
            sah: r.get::<_, i64>(2) as u64,
        })
    })
    .collect()
}

pub(crate) async fn hasil_lalu(c: &Object, w: KodeWilayah) -> Result<Vec<HasilLalu>> {
    c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_HASIL_LALU_DI_WILAYAH),
        &[&di_bawah(w)],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| {
        let desa: String = r.get(0);
        let desa = KodeWilayah::parse(&desa).map_err(|e| corrupt("desa", e))?;
        let nomor = u16::try_from(r.get::<_, i32>(1))
            .ok()
            .and_then(|n| NomorTps::new(n).ok())
            .ok_or_else(|| corrupt("nomor TPS", r.get::<_, i32>(1)))?;
        let n = |i: usize| r.get::<_, i32>(i) as u32;
        Ok(HasilLalu {
            tps: KodeTps::new(desa, nomor).map_err(|e| corrupt("TPS", e))?,
            dpt: n(2),
            sah: n(3),
            tidak_sah: n(4),
            kita: r.get::<_, Option<i32>>(5).map(|k| k as u32),
            ditandai: r.get(6),
        })
    })
    .collect()
}

fn persen(bp: i32) -> Result<Persen> {
    u16::try_from(bp)
        .ok()
        .and_then(|bp| Persen::dari_basis_poin(bp).ok())
        .ok_or_else(|| corrupt("persen", bp))
}

pub(crate) async fn asumsi(c: &Object, pemilihan_id: Uuid) -> Result<Option<AsumsiTarget>> {
    c.query_opt(
        posko_storage::sql::pg(posko_storage::sql::AMBIL_ASUMSI_TARGET),
        &[&pemilihan_id],
    )
    .await
    .map_err(backend_err)?
    .map(|r| {
        let sumber: String = r.get(1);
        Ok(AsumsiTarget {
            partisipasi: persen(r.get(0))?,
            sumber: match sumber.as_str() {
                "riwayat" => SumberPartisipasi::Riwayat,
                _ => SumberPartisipasi::Tetap,
            },
            target_suara: r.get::<_, Option<i32>>(2).map(persen).transpose()?,
            diubah: r.get(3),
            oleh: r.get(4),
        })
    })
    .transpose()
}

pub(crate) async fn simpan_asumsi(
    c: &mut Object,
    pemilihan_id: Uuid,
    a: &AsumsiTarget,
    jejak: &Jejak,
) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let sumber = match a.sumber {
        SumberPartisipasi::Tetap => "tetap",
        SumberPartisipasi::Riwayat => "riwayat",
    };
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::SIMPAN_ASUMSI_TARGET),
        &[
            &pemilihan_id,
            &i32::from(a.partisipasi.basis_poin()),
            &sumber,
            &a.target_suara.map(|t| i32::from(t.basis_poin())),
            &a.diubah,
            &a.oleh,
        ],
    )
    .await
    .map_err(|e| {
        if e.code() == Some(&tokio_postgres::error::SqlState::FOREIGN_KEY_VIOLATION) {
            StoreError::NotFound(format!("pemilihan {pemilihan_id}"))
        } else {
            backend_err(e)
        }
    })?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

#[async_trait]
impl RiwayatStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn ganti_riwayat(
        &self,
        r: &posko_storage::Riwayat,
        rows: &[posko_domain::HasilLalu],
        jejak: &Jejak,
    ) -> Result<()> {
        ganti(&mut self.conn().await?, r, rows, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_riwayat(&self) -> Result<Option<posko_storage::Riwayat>> {
        riwayat(&self.conn_baca().await?).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_partisipasi_lalu(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_storage::PartisipasiLalu>> {
        partisipasi(&self.conn_baca().await?, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_lalu(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<posko_domain::HasilLalu>> {
        hasil_lalu(&self.conn_baca().await?, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_asumsi_target(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Option<posko_storage::AsumsiTarget>> {
        asumsi(&self.conn_baca().await?, pemilihan_id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_asumsi_target(
        &self,
        pemilihan_id: Uuid,
        asumsi: &posko_storage::AsumsiTarget,
        jejak: &Jejak,
    ) -> Result<()> {
        simpan_asumsi(&mut self.conn().await?, pemilihan_id, asumsi, jejak).await
    }
}
