//! Election-day results on PostgreSQL: submissions as revisions, each
//! TPS's current result, and region totals moved by each revision's
//! difference. Writers of one TPS are serialised by a row lock on its
//! hasil_tps row; region rows are updated province first, so concurrent
//! writers always lock in the same order and cannot deadlock.

mod kirim;
pub(crate) use kirim::*;

use crate::PostgresStore;
use async_trait::async_trait;
use deadpool_postgres::Object;
use deadpool_postgres::Transaction;
use posko_domain::{Jejak, KodeTps, KodeWilayah};
use posko_storage::Konflik;
use posko_storage::hasil::{
    cek_kolom_paslon, jejak_tidak_dihitung, putuskan_revisi, selisih, wilayah_rekap,
};
use posko_storage::{
    Angka, Bacaan, HasilTps, Kirim, KirimanHasil, RekapHasil, Result, StatusHasil, StoreError,
};
use tokio_postgres::{GenericClient, Row};
use uuid::Uuid;

use crate::audit::{
    AMBIL_LAJUR_DAN_KEPALA, AMBIL_URUT, Tulis, ambil_lajur, catat_audit, catat_audit_di,
    entri_berikut, lajur_cadangan, siapkan_tulis,
};
use crate::backend_err;
use crate::{hari_h, hitung_cepat};
use posko_storage::{Checkin, HasilStore, ImportCounts, Insiden};

use posko_storage::baris::rusak as corrupt;

pub(crate) use posko_storage::baris::{from_json, json};

pub(crate) fn tps_of(desa: &str, nomor: i16) -> Result<KodeTps> {
    posko_storage::baris::kode_tps(desa, nomor.into())
}

use posko_storage::sql::KIRIMAN_COLUMNS;

fn kiriman_row(r: &Row) -> Result<KirimanHasil> {
    Ok(KirimanHasil {
        id: r.get(0),
        kunci_klien: r.get(1),
        pemilihan_id: r.get(2),
        tps: tps_of(r.get(3), r.get(4))?,
        revisi: r.get(5),
        pengirim_id: r.get(6),
        pengirim: r.get(7),
        sumber: r.get(8),
        waktu: r.get(9),
        alasan: r.get(10),
        formulir: from_json("formulir", r.get(11))?,
        temuan: from_json("temuan", r.get(12))?,
        foto: from_json("foto", r.get(13))?,
        kode_dari: r.get(14),
        peramban: r.get(15),
        tidak_dihitung: posko_storage::baris::tidak_dihitung(r.get(16), r.get(17))?,
    })
}

pub(crate) use posko_storage::sql::HASIL_COLUMNS;

/// None for the placeholder row (revision 0) that exists only to be locked.
pub(crate) fn hasil_row(r: &Row) -> Result<Option<HasilTps>> {
    let kiriman: Option<Uuid> = r.get(3);
    let revisi: i32 = r.get(4);
    let Some(kiriman_id) = kiriman.filter(|_| revisi > 0) else {
        return Ok(None);
    };
    let status: String = r.get(5);
    let terverifikasi: Option<String> = r.get(7);
    let jumlah_temuan: i32 = r.get(8);
    let dpt: i64 = r.get(9);
    Ok(Some(HasilTps {
        pemilihan_id: r.get(0),
        tps: tps_of(r.get(1), r.get(2))?,
        kiriman_id,
        revisi,
        status: StatusHasil::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        angka: from_json("angka", r.get(6))?,
        terverifikasi: terverifikasi
            .map(|t| from_json::<Angka>("terverifikasi", &t))
            .transpose()?,
        jumlah_temuan: jumlah_temuan as u32,
        dpt: dpt as u64,
        waktu: r.get(10),
    }))
}

pub(crate) async fn kiriman_tps(
    c: &Object,
    pemilihan: Uuid,
    tps: KodeTps,
) -> Result<Vec<KirimanHasil>> {
    c.query(
        &format!(
            "{KIRIMAN_COLUMNS} WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3
             ORDER BY revisi"
        ),
        &[
            &pemilihan,
            &tps.desa().to_string(),
            &(tps.nomor().get() as i16),
        ],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(kiriman_row)
    .collect()
}

pub(crate) async fn hasil_tps(
    c: &Object,
    pemilihan: Uuid,
    tps: KodeTps,
) -> Result<Option<HasilTps>> {
    match c
        .query_opt(
            &format!(
                "{HASIL_COLUMNS} WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3"
            ),
            &[
                &pemilihan,
                &tps.desa().to_string(),
                &(tps.nomor().get() as i16),
            ],
        )
        .await
        .map_err(backend_err)?
    {
        Some(r) => hasil_row(&r),
        None => Ok(None),
    }
}

pub(crate) async fn hasil_desa(
    c: &Object,
    pemilihan: Uuid,
    desa: KodeWilayah,
) -> Result<Vec<HasilTps>> {
    let mut out = Vec::new();
    for r in c
        .query(
            &format!(
                "{HASIL_COLUMNS} WHERE pemilihan_id = $1 AND kode_desa = $2 ORDER BY nomor_tps"
            ),
            &[&pemilihan, &desa.to_string()],
        )
        .await
        .map_err(backend_err)?
    {
        if let Some(h) = hasil_row(&r)? {
            out.push(h);
        }
    }
    Ok(out)
}

pub(crate) async fn rekap(
    c: &Object,
    pemilihan: Uuid,
    kodes: &[KodeWilayah],
    jumlah_paslon: usize,
) -> Result<Vec<RekapHasil>> {
    let keys: Vec<String> = kodes.iter().map(|k| k.to_string()).collect();
    let heads = c
        .query(
            "SELECT kode, sum(tps_masuk)::BIGINT, sum(tps_terverifikasi)::BIGINT,
                    sum(tps_bermasalah)::BIGINT, sum(tps_bertanda)::BIGINT,
                    sum(dpt_masuk)::BIGINT, sum(sah)::BIGINT, sum(tidak_sah)::BIGINT,
                    sum(sah_v)::BIGINT, sum(tidak_sah_v)::BIGINT
             FROM rekap_hasil WHERE pemilihan_id = $1 AND kode = ANY($2) GROUP BY kode",
            &[&pemilihan, &keys],
        )
        .await
        .map_err(backend_err)?;
    let votes = c
        .query(
            "SELECT kode, nomor_urut, sum(suara)::BIGINT, sum(suara_v)::BIGINT FROM rekap_suara
             WHERE pemilihan_id = $1 AND kode = ANY($2) GROUP BY kode, nomor_urut",
            &[&pemilihan, &keys],
        )
        .await
        .map_err(backend_err)?;
    let mut by_kode: std::collections::HashMap<String, RekapHasil> =
        std::collections::HashMap::new();
    for h in &heads {
        let v = |i: usize| h.get::<_, i64>(i).max(0) as u64;
        let mut r = RekapHasil {
            tps_masuk: v(1),
            tps_terverifikasi: v(2),
            tps_bermasalah: v(3),
            tps_bertanda: v(4),
            dpt_masuk: v(5),
            ..Default::default()
        };
        r.angka.sah = v(6);
        r.angka.tidak_sah = v(7);
        r.angka_terverifikasi.sah = v(8);
        r.angka_terverifikasi.tidak_sah = v(9);
        r.angka.suara = vec![0; jumlah_paslon];
        r.angka_terverifikasi.suara = vec![0; jumlah_paslon];
        by_kode.insert(h.get(0), r);
    }
    for v in &votes {
        let kode: String = v.get(0);
        let i = (v.get::<_, i16>(1) - 1) as usize;
        if let Some(r) = by_kode.get_mut(&kode)
            && i < jumlah_paslon
        {
            r.angka.suara[i] = v.get::<_, i64>(2).max(0) as u64;
            r.angka_terverifikasi.suara[i] = v.get::<_, i64>(3).max(0) as u64;
        }
    }
    Ok(keys
        .iter()
        .map(|k| {
            by_kode.remove(k).unwrap_or_else(|| RekapHasil {
                angka: Angka {
                    suara: vec![0; jumlah_paslon],
                    ..Default::default()
                },
                angka_terverifikasi: Angka {
                    suara: vec![0; jumlah_paslon],
                    ..Default::default()
                },
                ..Default::default()
            })
        })
        .collect())
}

use posko_storage::sql::BACAAN_COLUMNS;

fn bacaan_row(r: &Row) -> Result<Bacaan> {
    Ok(Bacaan {
        id: r.get(0),
        kiriman_id: r.get(1),
        pemilihan_id: r.get(2),
        tps: tps_of(r.get(3), r.get(4))?,
        verifier_id: r.get(5),
        verifier: r.get(6),
        waktu: r.get(7),
        angka: from_json("angka", r.get(8))?,
        putusan: r.get(9),
        kode_dari: r.get(10),
        peramban: r.get(11),
    })
}

async fn bacaan_of(c: &impl GenericClient, kiriman: Uuid) -> Result<Vec<Bacaan>> {
    c.query(
        &format!("{BACAAN_COLUMNS} WHERE kiriman_id = $1 ORDER BY waktu, id"),
        &[&kiriman],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(bacaan_row)
    .collect()
}

pub(crate) async fn simpan_bacaan(
    c: &mut Object,
    b: &Bacaan,
    jejak: &Jejak,
) -> Result<Vec<Bacaan>> {
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::SIMPAN_BACAAN),
        &[
            &b.id,
            &b.kiriman_id,
            &b.pemilihan_id,
            &b.tps.desa().to_string(),
            &(b.tps.nomor().get() as i16),
            &b.verifier_id,
            &b.verifier,
            &b.waktu,
            &json(&b.angka)?,
            &b.putusan,
            &b.kode_dari,
            &b.peramban,
        ],
    )
    .await
    .map_err(|e| {
        if e.as_db_error().map(|d| d.code())
            == Some(&tokio_postgres::error::SqlState::FOREIGN_KEY_VIOLATION)
        {
            return StoreError::NotFound(format!("kiriman {}", b.kiriman_id));
        }
        match backend_err(e) {
            StoreError::Conflict(_) => {
                StoreError::Conflict(Konflik::BacaanGanda(b.verifier.to_string()))
            }
            other => other,
        }
    })?;
    catat_audit(&tx, jejak).await?;
    let all = bacaan_of(&*tx, b.kiriman_id).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(all)
}

pub(crate) async fn bacaan_kiriman(c: &Object, kiriman: Uuid) -> Result<Vec<Bacaan>> {
    bacaan_of(&***c, kiriman).await
}

pub(crate) async fn ubah_status(
    c: &mut Object,
    pemilihan: Uuid,
    tps: KodeTps,
    kiriman: Uuid,
    status: StatusHasil,
    terverifikasi: Option<&Angka>,
    jejak: &Jejak,
) -> Result<bool> {
    let tx = c.transaction().await.map_err(backend_err)?;
    cek_kolom_paslon(&[terverifikasi], jumlah_paslon(&tx, pemilihan).await?)?;
    let desa = tps.desa().to_string();
    let nomor = tps.nomor().get() as i16;
    let row = tx
        .query_opt(
            &format!(
                "{HASIL_COLUMNS} WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3
                 FOR UPDATE"
            ),
            &[&pemilihan, &desa, &nomor],
        )
        .await
        .map_err(backend_err)?;
    let Some(lama) = row
        .map(|r| hasil_row(&r))
        .transpose()?
        .flatten()
        .filter(|h| h.kiriman_id == kiriman)
    else {
        return Ok(false);
    };
    let mut baru = lama.clone();
    baru.status = status;
    baru.terverifikasi = terverifikasi.cloned();
    tx.execute(
        "UPDATE hasil_tps SET status = $4, terverifikasi = $5
         WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3",
        &[
            &pemilihan,
            &desa,
            &nomor,
            &status.slug(),
            &baru.terverifikasi.as_ref().map(json).transpose()?,
        ],
    )
    .await
    .map_err(backend_err)?;
    let lajur = ambil_lajur(&tx).await?;
    apply(&tx, lajur, pemilihan, &tps, Some(&lama), Some(&baru)).await?;
    catat_audit_di(&tx, lajur, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(true)
}

pub(crate) async fn hasil_berstatus(
    c: &Object,
    pemilihan: Uuid,
    status: StatusHasil,
    wilayah: &[KodeWilayah],
    limit: u32,
) -> Result<Vec<HasilTps>> {
    let ranges: Vec<(String, String)> = if wilayah.is_empty() {
        vec![(String::new(), "\u{10FFFF}".into())]
    } else {
        wilayah
            .iter()
            .map(|w| (w.to_string(), format!("{w}/")))
            .collect()
    };
    let mut out = Vec::new();
    for (lo, hi) in ranges {
        for r in c
            .query(
                &format!(
                    "{HASIL_COLUMNS} WHERE pemilihan_id = $1 AND status = $2 AND revisi > 0
                       AND kode_desa >= $3 AND kode_desa < $4
                     ORDER BY jumlah_temuan > 0 DESC, waktu, kode_desa, nomor_tps LIMIT $5"
                ),
                &[&pemilihan, &status.slug(), &lo, &hi, &i64::from(limit)],
            )
            .await
            .map_err(backend_err)?
        {
            if let Some(h) = hasil_row(&r)? {
                out.push(h);
            }
        }
    }
    out.sort_by_key(|h| (h.jumlah_temuan == 0, h.waktu, h.tps));
    out.truncate(limit as usize);
    Ok(out)
}

pub(crate) async fn daftar_hasil_di(
    c: &Object,
    pemilihan: Uuid,
    w: KodeWilayah,
) -> Result<Vec<HasilTps>> {
    let mut out = Vec::new();
    for r in c
        .query(
            &format!(
                "{HASIL_COLUMNS} WHERE pemilihan_id = $1 AND revisi > 0
                   AND kode_desa >= $2 AND kode_desa < $3 ORDER BY kode_desa, nomor_tps"
            ),
            &[&pemilihan, &w.to_string(), &format!("{w}/")],
        )
        .await
        .map_err(backend_err)?
    {
        if let Some(h) = hasil_row(&r)? {
            out.push(h);
        }
    }
    Ok(out)
}

pub(crate) async fn kedatangan(
    c: &Object,
    pemilihan: Uuid,
    w: KodeWilayah,
) -> Result<Vec<(KodeTps, i64)>> {
    c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_KEDATANGAN_HASIL),
        &[&pemilihan, &w.to_string(), &format!("{w}/")],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| Ok((tps_of(r.get::<_, &str>(0), r.get(1))?, r.get::<_, i64>(2))))
    .collect()
}

pub(crate) async fn upsert_resmi(
    c: &mut Object,
    pemilihan: Uuid,
    rows: &[(KodeTps, Angka)],
    jejak: &Jejak,
) -> Result<posko_storage::ImportCounts> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let old: std::collections::HashMap<(String, i16), String> = tx
        .query(
            "SELECT kode_desa, nomor_tps, angka FROM hasil_resmi WHERE pemilihan_id = $1",
            &[&pemilihan],
        )
        .await
        .map_err(backend_err)?
        .iter()
        .map(|r| ((r.get(0), r.get(1)), r.get(2)))
        .collect();
    let put = tx
        .prepare(posko_storage::sql::pg(
            posko_storage::sql::SIMPAN_HASIL_RESMI,
        ))
        .await
        .map_err(backend_err)?;
    let mut counts = posko_storage::ImportCounts::default();
    for (tps, a) in rows {
        let key = (tps.desa().to_string(), tps.nomor().get() as i16);
        let text = json(a)?;
        match old.get(&key) {
            Some(o) if *o == text => {
                counts.sama += 1;
                continue;
            }
            Some(_) => counts.berubah += 1,
            None => counts.baru += 1,
        }
        tx.execute(&put, &[&pemilihan, &key.0, &key.1, &text])
            .await
            .map_err(|e| {
                if e.as_db_error().map(|d| d.code())
                    == Some(&tokio_postgres::error::SqlState::FOREIGN_KEY_VIOLATION)
                {
                    StoreError::NotFound(format!("TPS {tps}"))
                } else {
                    backend_err(e)
                }
            })?;
    }
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(counts)
}

pub(crate) async fn resmi_under(
    c: &Object,
    pemilihan: Uuid,
    w: KodeWilayah,
) -> Result<Vec<(KodeTps, Angka)>> {
    c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_HASIL_RESMI_DI_WILAYAH),
        &[&pemilihan, &w.to_string(), &format!("{w}/")],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| Ok((tps_of(r.get(0), r.get(1))?, from_json("angka", r.get(2))?)))
    .collect()
}

#[async_trait]
impl HasilStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_hasil(
        &self,
        kiriman: &KirimanHasil,
        baru: &HasilTps,
        jejak: &Jejak,
    ) -> Result<Kirim> {
        let mut c = self.conn().await?;
        let r = submit(&mut c, kiriman, baru, jejak).await;
        drop(c);
        if let Ok(Kirim::Baru(k)) = &r
            && k.tidak_dihitung.is_none()
        {
            self.kurir.hasil(k.pemilihan_id, k.tps);
        }
        r
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kiriman_tps(
        &self,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<Vec<KirimanHasil>> {
        kiriman_tps(&self.conn_baca().await?, pemilihan_id, tps).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_hasil_tps(&self, pemilihan_id: Uuid, tps: KodeTps) -> Result<Option<HasilTps>> {
        hasil_tps(&self.conn_baca().await?, pemilihan_id, tps).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_desa(
        &self,
        pemilihan_id: Uuid,
        desa: KodeWilayah,
    ) -> Result<Vec<HasilTps>> {
        hasil_desa(&self.conn_baca().await?, pemilihan_id, desa).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_rekap_hasil(
        &self,
        pemilihan_id: Uuid,
        kodes: &[KodeWilayah],
        jumlah_paslon: usize,
    ) -> Result<Vec<RekapHasil>> {
        rekap(&self.conn_baca().await?, pemilihan_id, kodes, jumlah_paslon).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_sisa_tps(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        tingkat: posko_domain::Tingkat,
    ) -> Result<Vec<posko_storage::SisaTps>> {
        use posko_storage::hasil::{panjang_kode, rentang_tps};
        let (lo, hi) = rentang_tps(wilayah);
        let maks = posko_domain::hasil::MAKS_PEMILIH_TPS_PILKADA_2024 as i32;
        let panjang = panjang_kode(tingkat) as i32;
        self.conn_baca()
            .await?
            .query(
                posko_storage::sql::pg(posko_storage::sql::DAFTAR_SISA_TPS),
                &[&lo, &hi, &panjang, &pemilihan_id, &maks],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(|r| {
                let k: &str = r.get(0);
                let n: i64 = r.get(1);
                let maks: i64 = r.get(2);
                Ok(posko_storage::SisaTps {
                    kode: KodeWilayah::parse(k)
                        .map_err(|e| posko_storage::baris::corrupt("kode wilayah", k, e))?,
                    tps_belum: n as u64,
                    suara_maks: maks as u64,
                })
            })
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_bacaan(&self, bacaan: &Bacaan, jejak: &Jejak) -> Result<Vec<Bacaan>> {
        let mut c = self.conn().await?;
        simpan_bacaan(&mut c, bacaan, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_bacaan_kiriman(&self, kiriman_id: Uuid) -> Result<Vec<Bacaan>> {
        bacaan_kiriman(&self.conn_baca().await?, kiriman_id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_status_hasil(
        &self,
        pemilihan_id: Uuid,
        tps: KodeTps,
        kiriman_id: Uuid,
        status: StatusHasil,
        terverifikasi: Option<&Angka>,
        jejak: &Jejak,
    ) -> Result<bool> {
        let mut c = self.conn().await?;
        ubah_status(
            &mut c,
            pemilihan_id,
            tps,
            kiriman_id,
            status,
            terverifikasi,
            jejak,
        )
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_berstatus(
        &self,
        pemilihan_id: Uuid,
        status: StatusHasil,
        wilayah: &[KodeWilayah],
        limit: u32,
    ) -> Result<Vec<HasilTps>> {
        hasil_berstatus(
            &self.conn_baca().await?,
            pemilihan_id,
            status,
            wilayah,
            limit,
        )
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<HasilTps>> {
        daftar_hasil_di(&self.conn_baca().await?, pemilihan_id, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kedatangan_hasil(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, i64)>> {
        kedatangan(&self.conn_baca().await?, pemilihan_id, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_hasil_resmi(
        &self,
        pemilihan_id: Uuid,
        rows: &[(KodeTps, Angka)],
        jejak: &Jejak,
    ) -> Result<ImportCounts> {
        let mut c = self.conn().await?;
        upsert_resmi(&mut c, pemilihan_id, rows, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_resmi_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, Angka)>> {
        resmi_under(&self.conn_baca().await?, pemilihan_id, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_checkin(&self, c: &Checkin, jejak: &Jejak) -> Result<()> {
        let mut conn = self.conn().await?;
        hari_h::catat_checkin(&mut conn, c, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_checkin_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<Checkin>> {
        hari_h::daftar_checkin_di(&self.conn_baca().await?, pemilihan_id, wilayah).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_insiden(&self, i: &Insiden, jejak: &Jejak) -> Result<()> {
        let mut conn = self.conn().await?;
        hari_h::catat_insiden(&mut conn, i, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_insiden_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        limit: u32,
    ) -> Result<Vec<Insiden>> {
        hari_h::daftar_insiden_di(&self.conn_baca().await?, pemilihan_id, wilayah, limit).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_unggah_foto(
        &self,
        hash: &str,
        pengguna_id: Uuid,
        waktu: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        let mut c = self.conn().await?;
        let tx = c.transaction().await.map_err(backend_err)?;
        let baru = tx
            .execute(
                posko_storage::sql::pg(posko_storage::sql::CATAT_UNGGAH_FOTO),
                &[&hash, &pengguna_id, &waktu],
            )
            .await
            .map_err(backend_err)?;
        if baru > 0 {
            catat_audit(&tx, jejak).await?;
        }
        tx.commit().await.map_err(backend_err)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn pernah_unggah_foto(&self, hash: &str, pengguna_id: Uuid) -> Result<bool> {
        let c = self.conn_baca().await?;
        Ok(c.query_opt(
            posko_storage::sql::pg(posko_storage::sql::PERNAH_UNGGAH_FOTO),
            &[&hash, &pengguna_id],
        )
        .await
        .map_err(backend_err)?
        .is_some())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_tps(&self, pemilihan_id: Uuid, tps: &[KodeTps]) -> Result<Vec<HasilTps>> {
        hitung_cepat::daftar_hasil_tps(&self.conn_baca().await?, pemilihan_id, tps).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pantau(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        panjang: usize,
    ) -> Result<Vec<posko_storage::HitungPantau>> {
        crate::pantau::hitung_pantau(&self.conn_baca().await?, pemilihan_id, wilayah, panjang).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pantau_tps(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        saring: posko_storage::SaringTps,
        temuan: Option<&str>,
        setelah: Option<KodeTps>,
        limit: u32,
    ) -> Result<Vec<posko_storage::PantauTps>> {
        crate::pantau::daftar_pantau_tps(
            &self.conn_baca().await?,
            pemilihan_id,
            wilayah,
            saring,
            temuan.unwrap_or_default(),
            setelah,
            limit,
        )
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_insiden(&self, id: Uuid) -> Result<Option<posko_storage::InsidenDitangani>> {
        crate::pantau::ambil_insiden(&self.conn_baca().await?, id).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_insiden_saring(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        status: Option<&str>,
        kategori: Option<&str>,
        limit: u32,
    ) -> Result<Vec<posko_storage::InsidenDitangani>> {
        crate::pantau::daftar_insiden_saring(
            &self.conn_baca().await?,
            pemilihan_id,
            wilayah,
            status.unwrap_or_default(),
            kategori.unwrap_or_default(),
            limit,
        )
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_insiden(
        &self,
        id: Uuid,
        status: posko_storage::StatusInsiden,
        pemilik_id: Option<Uuid>,
        waktu: i64,
        jejak: &Jejak,
    ) -> Result<bool> {
        let mut c = self.conn().await?;
        crate::pantau::ubah_insiden(&mut c, id, status, pemilik_id, waktu, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_hasil_per_status(&self) -> Result<Vec<(String, u64)>> {
        Ok(self
            .conn_baca()
            .await?
            .query(
                posko_storage::sql::pg(posko_storage::sql::HITUNG_HASIL_PER_STATUS),
                &[],
            )
            .await
            .map_err(backend_err)?
            .iter()
            .map(|r| (r.get(0), r.get::<_, i64>(1) as u64))
            .collect())
    }
}
