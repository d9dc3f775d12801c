//! Election-day presence and trouble on SQLite: saksi check-ins and
//! incident reports, stored and listed by region.

use posko_domain::{Jejak, KodeTps, KodeWilayah};
use posko_storage::{Checkin, Insiden, Result, StoreError};
use rusqlite::{Connection, params};
use uuid::Uuid;

use crate::hasil::{from_json, json, tps_of, uuid};
use crate::{backend_err, catat_audit};

fn fk_tps(e: rusqlite::Error, tps: &KodeTps) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
        {
            StoreError::NotFound(format!("TPS {tps} atau pemilihannya"))
        }
        other => backend_err(other),
    }
}

pub(crate) fn catat_checkin(conn: &mut Connection, c: &Checkin, jejak: Jejak) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::CATAT_CHECKIN,
        params![
            c.id.to_string(),
            c.pemilihan_id.to_string(),
            c.tps.desa().to_string(),
            c.tps.nomor().get(),
            c.pengirim_id.to_string(),
            c.pengirim,
            c.waktu,
            c.lokasi.map(|l| l.0),
            c.lokasi.map(|l| l.1)
        ],
    )
    .map_err(|e| fk_tps(e, &c.tps))?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn daftar_checkin_di(
    conn: &Connection,
    pemilihan: Uuid,
    w: KodeWilayah,
) -> Result<Vec<Checkin>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_CHECKIN_DI_WILAYAH)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![pemilihan.to_string(), w.to_string(), format!("{w}/")],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Option<f64>>(6)?,
                    r.get::<_, Option<f64>>(7)?,
                ))
            },
        )
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (id, desa, nomor, pid, pengirim, waktu, lat, lng) = r.map_err(backend_err)?;
        out.push(Checkin {
            id: uuid(&id)?,
            pemilihan_id: pemilihan,
            tps: tps_of(&desa, nomor)?,
            pengirim_id: uuid(&pid)?,
            pengirim,
            waktu,
            lokasi: lat.zip(lng),
        });
    }
    Ok(out)
}

pub(crate) fn catat_insiden(conn: &mut Connection, i: &Insiden, jejak: Jejak) -> Result<()> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::CATAT_INSIDEN,
        params![
            i.id.to_string(),
            i.pemilihan_id.to_string(),
            i.tps.desa().to_string(),
            i.tps.nomor().get(),
            i.pengirim_id.to_string(),
            i.pengirim,
            i.waktu,
            i.kategori,
            i.teks,
            json(&i.foto)?
        ],
    )
    .map_err(|e| fk_tps(e, &i.tps))?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)
}

pub(crate) fn daftar_insiden_di(
    conn: &Connection,
    pemilihan: Uuid,
    w: KodeWilayah,
    limit: u32,
) -> Result<Vec<Insiden>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_INSIDEN_DI_WILAYAH)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![pemilihan.to_string(), w.to_string(), format!("{w}/"), limit],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ))
            },
        )
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (id, desa, nomor, pid, pengirim, waktu, kategori, teks, foto) =
            r.map_err(backend_err)?;
        out.push(Insiden {
            id: uuid(&id)?,
            pemilihan_id: pemilihan,
            tps: tps_of(&desa, nomor)?,
            pengirim_id: uuid(&pid)?,
            pengirim,
            waktu,
            kategori,
            teks,
            foto: from_json("foto", &foto)?,
        });
    }
    Ok(out)
}
