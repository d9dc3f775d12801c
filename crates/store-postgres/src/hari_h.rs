//! Election-day presence and trouble on PostgreSQL: saksi check-ins and
//! incident reports, stored and listed by region.

use deadpool_postgres::Object;
use posko_domain::{Jejak, KodeTps, KodeWilayah};
use posko_storage::{Checkin, Insiden, Result, StoreError};
use uuid::Uuid;

use crate::audit::catat_audit;
use crate::backend_err;
use crate::hasil::{from_json, json, tps_of};

fn fk_tps(e: tokio_postgres::Error, tps: &KodeTps) -> StoreError {
    if e.as_db_error().map(|d| d.code())
        == Some(&tokio_postgres::error::SqlState::FOREIGN_KEY_VIOLATION)
    {
        StoreError::NotFound(format!("TPS {tps} atau pemilihannya"))
    } else {
        backend_err(e)
    }
}

pub(crate) async fn catat_checkin(c: &mut Object, k: &Checkin, jejak: &Jejak) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::CATAT_CHECKIN),
        &[
            &k.id,
            &k.pemilihan_id,
            &k.tps.desa().to_string(),
            &(k.tps.nomor().get() as i16),
            &k.pengirim_id,
            &k.pengirim,
            &k.waktu,
            &k.lokasi.map(|l| l.0),
            &k.lokasi.map(|l| l.1),
        ],
    )
    .await
    .map_err(|e| fk_tps(e, &k.tps))?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) async fn daftar_checkin_di(
    c: &Object,
    pemilihan: Uuid,
    w: KodeWilayah,
) -> Result<Vec<Checkin>> {
    c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_CHECKIN_DI_WILAYAH),
        &[&pemilihan, &w.to_string(), &format!("{w}/")],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| {
        let (lat, lng): (Option<f64>, Option<f64>) = (r.get(6), r.get(7));
        Ok(Checkin {
            id: r.get(0),
            pemilihan_id: pemilihan,
            tps: tps_of(r.get(1), r.get(2))?,
            pengirim_id: r.get(3),
            pengirim: r.get(4),
            waktu: r.get(5),
            lokasi: lat.zip(lng),
        })
    })
    .collect()
}

pub(crate) async fn catat_insiden(c: &mut Object, i: &Insiden, jejak: &Jejak) -> Result<()> {
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::CATAT_INSIDEN),
        &[
            &i.id,
            &i.pemilihan_id,
            &i.tps.desa().to_string(),
            &(i.tps.nomor().get() as i16),
            &i.pengirim_id,
            &i.pengirim,
            &i.waktu,
            &i.kategori,
            &i.teks,
            &json(&i.foto)?,
        ],
    )
    .await
    .map_err(|e| fk_tps(e, &i.tps))?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)
}

pub(crate) async fn daftar_insiden_di(
    c: &Object,
    pemilihan: Uuid,
    w: KodeWilayah,
    limit: u32,
) -> Result<Vec<Insiden>> {
    c.query(
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_INSIDEN_DI_WILAYAH),
        &[
            &pemilihan,
            &w.to_string(),
            &format!("{w}/"),
            &i64::from(limit),
        ],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(|r| {
        Ok(Insiden {
            id: r.get(0),
            pemilihan_id: pemilihan,
            tps: tps_of(r.get(1), r.get(2))?,
            pengirim_id: r.get(3),
            pengirim: r.get(4),
            waktu: r.get(5),
            kategori: r.get(6),
            teks: r.get(7),
            foto: from_json("foto", r.get(8))?,
        })
    })
    .collect()
}
