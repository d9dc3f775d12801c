//! The watch page on SQLite: counts per area in one grouped statement,
//! the TPS behind them with their main saksi, and incidents' status and
//! owner.

use posko_domain::{Jejak, KodeTps, KodeWilayah};
use posko_storage::{
    DataTersandi, HitungPantau, Insiden, InsidenDitangani, KontakSaksi, PantauTps, Result,
    SaringTps, StatusInsiden,
};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::hasil::{from_json, tps_of, uuid};
use crate::{backend_err, catat_audit};

/// Folds (area, what, count) rows into one [`HitungPantau`] per area, in
/// code order.
pub(crate) fn lipat(rows: Vec<(String, String, i64)>) -> Vec<HitungPantau> {
    let mut peta: std::collections::BTreeMap<String, HitungPantau> = Default::default();
    for (kode, apa, n) in rows {
        let h = peta.entry(kode.clone()).or_insert_with(|| HitungPantau {
            kode,
            ..Default::default()
        });
        let n = n.max(0) as u64;
        match apa.as_str() {
            "tps" => h.tps = n,
            "saksi" => h.bersaksi = n,
            "hadir" => h.hadir = n,
            "masuk" => h.masuk = n,
            "bertanda" => h.bertanda = n,
            "insiden" => h.insiden_buka = n,
            _ => {}
        }
    }
    peta.into_values().collect()
}

pub(crate) fn hitung_pantau(
    conn: &Connection,
    pemilihan: Uuid,
    w: KodeWilayah,
    panjang: usize,
) -> Result<Vec<HitungPantau>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::HITUNG_PANTAU)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![
                pemilihan.to_string(),
                w.to_string(),
                format!("{w}/"),
                panjang as i64
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(backend_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)?;
    Ok(lipat(rows))
}

pub(crate) fn daftar_pantau_tps(
    conn: &Connection,
    pemilihan: Uuid,
    w: KodeWilayah,
    saring: SaringTps,
    temuan: &str,
    setelah: Option<KodeTps>,
    limit: u32,
) -> Result<Vec<PantauTps>> {
    let (desa, nomor) = setelah
        .map(|t| (t.desa().to_string(), i64::from(t.nomor().get())))
        .unwrap_or_default();
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_PANTAU_TPS)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![
                pemilihan.to_string(),
                w.to_string(),
                format!("{w}/"),
                desa,
                nomor,
                saring.slug(),
                temuan,
                limit
            ],
            |r| {
                Ok((
                    (
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                        r.get::<_, Option<i64>>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, i64>(7)?,
                        r.get::<_, i64>(8)?,
                    ),
                    (
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, Option<String>>(10)?,
                        r.get::<_, Option<String>>(11)?,
                        r.get::<_, Option<String>>(12)?,
                        r.get::<_, Option<String>>(13)?,
                    ),
                ))
            },
        )
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let ((desa, nomor, nama_desa, nama_kecamatan, checkin, hasil, temuan, buka, saksi), s) =
            r.map_err(backend_err)?;
        let saksi_kontak = match s {
            (Some(id), Some(username), Some(nama), sandi, indeks) => Some(KontakSaksi {
                pengguna_id: uuid(&id)?,
                username,
                nama,
                telepon: sandi
                    .zip(indeks)
                    .map(|(sandi, indeks)| DataTersandi { sandi, indeks }),
            }),
            _ => None,
        };
        out.push(PantauTps {
            tps: tps_of(&desa, nomor)?,
            nama_desa,
            nama_kecamatan,
            checkin,
            hasil,
            temuan: from_json("temuan", &temuan)?,
            insiden_buka: buka as u32,
            jumlah_saksi: saksi as u32,
            saksi: saksi_kontak,
        });
    }
    Ok(out)
}

type BarisInsiden = (
    (String, String, String, i64, String, String, i64, String),
    (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<i64>,
        String,
    ),
);

fn baris_insiden(r: &rusqlite::Row<'_>) -> rusqlite::Result<BarisInsiden> {
    Ok((
        (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
        ),
        (
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
            r.get(12)?,
            r.get(13)?,
            r.get(14)?,
        ),
    ))
}

fn insiden_dari(b: BarisInsiden) -> Result<InsidenDitangani> {
    let (
        (id, pemilihan, desa, nomor, pid, pengirim, waktu, kategori),
        (teks, foto, status, pemilik_id, pemilik, diubah, nama_desa),
    ) = b;
    Ok(InsidenDitangani {
        insiden: Insiden {
            id: uuid(&id)?,
            pemilihan_id: uuid(&pemilihan)?,
            tps: tps_of(&desa, nomor)?,
            pengirim_id: uuid(&pid)?,
            pengirim,
            waktu,
            kategori,
            teks,
            foto: from_json("foto", &foto)?,
        },
        status: StatusInsiden::parse(&status).ok_or_else(|| {
            posko_storage::StoreError::Corrupt(format!("status insiden '{status}'"))
        })?,
        pemilik_id: pemilik_id.as_deref().map(uuid).transpose()?,
        pemilik,
        diubah,
        nama_desa,
    })
}

pub(crate) fn ambil_insiden(conn: &Connection, id: Uuid) -> Result<Option<InsidenDitangani>> {
    let b = conn
        .prepare_cached(posko_storage::sql::AMBIL_INSIDEN)
        .map_err(backend_err)?
        .query_row(params![id.to_string()], baris_insiden)
        .optional()
        .map_err(backend_err)?;
    b.map(insiden_dari).transpose()
}

pub(crate) fn daftar_insiden_saring(
    conn: &Connection,
    pemilihan: Uuid,
    w: KodeWilayah,
    status: &str,
    kategori: &str,
    limit: u32,
) -> Result<Vec<InsidenDitangani>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_INSIDEN_SARING)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![
                pemilihan.to_string(),
                w.to_string(),
                format!("{w}/"),
                status,
                kategori,
                limit
            ],
            baris_insiden,
        )
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(insiden_dari(r.map_err(backend_err)?)?);
    }
    Ok(out)
}

pub(crate) fn ubah_insiden(
    conn: &mut Connection,
    id: Uuid,
    status: StatusInsiden,
    pemilik: Option<Uuid>,
    waktu: i64,
    jejak: Jejak,
) -> Result<bool> {
    let tx = conn.transaction().map_err(backend_err)?;
    let n = tx
        .execute(
            posko_storage::sql::UBAH_INSIDEN,
            params![
                id.to_string(),
                status.slug(),
                pemilik.map(|p| p.to_string()),
                waktu
            ],
        )
        .map_err(backend_err)?;
    if n == 0 {
        return Ok(false);
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(true)
}
