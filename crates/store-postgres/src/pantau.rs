//! The watch page on PostgreSQL: counts per area in one grouped statement,
//! the TPS behind them with their main saksi, and incidents' status and
//! owner.

use deadpool_postgres::Object;
use posko_domain::{Jejak, KodeTps, KodeWilayah};
use posko_storage::sql::pg;
use posko_storage::{
    DataTersandi, HitungPantau, Insiden, InsidenDitangani, KontakSaksi, PantauTps, Result,
    SaringTps, StatusInsiden, StoreError,
};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::audit::catat_audit;
use crate::backend_err;
use crate::hasil::{from_json, tps_of};

/// Folds (area, what, count) rows into one [`HitungPantau`] per area, in
/// code order.
fn lipat(rows: Vec<(String, String, i64)>) -> Vec<HitungPantau> {
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

pub(crate) async fn hitung_pantau(
    c: &Object,
    pemilihan: Uuid,
    w: KodeWilayah,
    panjang: usize,
) -> Result<Vec<HitungPantau>> {
    let rows = c
        .query(
            pg(posko_storage::sql::HITUNG_PANTAU),
            &[
                &pemilihan,
                &w.to_string(),
                &format!("{w}/"),
                &(panjang as i32),
            ],
        )
        .await
        .map_err(backend_err)?;
    Ok(lipat(
        rows.iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect(),
    ))
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn daftar_pantau_tps(
    c: &Object,
    pemilihan: Uuid,
    w: KodeWilayah,
    saring: SaringTps,
    temuan: &str,
    setelah: Option<KodeTps>,
    limit: u32,
) -> Result<Vec<PantauTps>> {
    let (desa, nomor) = setelah
        .map(|t| (t.desa().to_string(), t.nomor().get() as i16))
        .unwrap_or_default();
    let rows = c
        .query(
            pg(posko_storage::sql::DAFTAR_PANTAU_TPS),
            &[
                &pemilihan,
                &w.to_string(),
                &format!("{w}/"),
                &desa,
                &nomor,
                &saring.slug(),
                &temuan,
                &i64::from(limit),
            ],
        )
        .await
        .map_err(backend_err)?;
    rows.iter()
        .map(|r| {
            let saksi = match (
                r.get::<_, Option<Uuid>>(9),
                r.get::<_, Option<String>>(10),
                r.get::<_, Option<String>>(11),
            ) {
                (Some(pengguna_id), Some(username), Some(nama)) => Some(KontakSaksi {
                    pengguna_id,
                    username,
                    nama,
                    telepon: r
                        .get::<_, Option<String>>(12)
                        .zip(r.get::<_, Option<String>>(13))
                        .map(|(sandi, indeks)| DataTersandi { sandi, indeks }),
                }),
                _ => None,
            };
            Ok(PantauTps {
                tps: tps_of(r.get(0), r.get(1))?,
                nama_desa: r.get(2),
                nama_kecamatan: r.get(3),
                checkin: r.get(4),
                hasil: r.get(5),
                temuan: from_json("temuan", r.get(6))?,
                insiden_buka: r.get::<_, i64>(7) as u32,
                jumlah_saksi: r.get::<_, i64>(8) as u32,
                saksi,
            })
        })
        .collect()
}

fn insiden_dari(r: &Row) -> Result<InsidenDitangani> {
    let status: String = r.get(10);
    Ok(InsidenDitangani {
        insiden: Insiden {
            id: r.get(0),
            pemilihan_id: r.get(1),
            tps: tps_of(r.get(2), r.get(3))?,
            pengirim_id: r.get(4),
            pengirim: r.get(5),
            waktu: r.get(6),
            kategori: r.get(7),
            teks: r.get(8),
            foto: from_json("foto", r.get(9))?,
        },
        status: StatusInsiden::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status insiden '{status}'")))?,
        pemilik_id: r.get(11),
        pemilik: r.get(12),
        diubah: r.get(13),
        nama_desa: r.get(14),
    })
}

pub(crate) async fn ambil_insiden(c: &Object, id: Uuid) -> Result<Option<InsidenDitangani>> {
    c.query_opt(pg(posko_storage::sql::AMBIL_INSIDEN), &[&id])
        .await
        .map_err(backend_err)?
        .as_ref()
        .map(insiden_dari)
        .transpose()
}

pub(crate) async fn daftar_insiden_saring(
    c: &Object,
    pemilihan: Uuid,
    w: KodeWilayah,
    status: &str,
    kategori: &str,
    limit: u32,
) -> Result<Vec<InsidenDitangani>> {
    c.query(
        pg(posko_storage::sql::DAFTAR_INSIDEN_SARING),
        &[
            &pemilihan,
            &w.to_string(),
            &format!("{w}/"),
            &status,
            &kategori,
            &i64::from(limit),
        ],
    )
    .await
    .map_err(backend_err)?
    .iter()
    .map(insiden_dari)
    .collect()
}

pub(crate) async fn ubah_insiden(
    c: &mut Object,
    id: Uuid,
    status: StatusInsiden,
    pemilik: Option<Uuid>,
    waktu: i64,
    jejak: &Jejak,
) -> Result<bool> {
    let tx = c.transaction().await.map_err(backend_err)?;
    let n = tx
        .execute(
            pg(posko_storage::sql::UBAH_INSIDEN),
            &[&id, &status.slug(), &pemilik, &waktu],
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
