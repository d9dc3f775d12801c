//! The supporter-name search index on PostgreSQL: rows of (blind index,
//! supporter), written with the supporter, and the search that starts from
//! them.

use deadpool_postgres::Object;
use posko_domain::{Cakupan, Jejak};
use posko_storage::{Pendukung, Result};
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use crate::relawan::{PENDUKUNG_P_COLUMNS, pendukung_row};
use crate::{backend_err, catat_audit};

/// Replaces the index rows of one supporter.
pub(crate) async fn tulis(
    tx: &tokio_postgres::Transaction<'_>,
    id: Uuid,
    indeks: &[String],
) -> Result<()> {
    tx.execute(
        posko_storage::sql::pg(posko_storage::sql::HAPUS_INDEKS_NAMA_PENDUKUNG),
        &[&id],
    )
    .await
    .map_err(backend_err)?;
    tx.execute(
        "INSERT INTO pendukung_nama_indeks (indeks, pendukung_id)
         SELECT DISTINCT i, $2::uuid FROM unnest($1::text[]) AS i",
        &[&indeks, &id],
    )
    .await
    .map_err(backend_err)?;
    Ok(())
}

/// In three statements whatever the number of supporters: a rebuild after
/// a key rotation touches every supporter at once.
pub(crate) async fn ganti(
    c: &mut Object,
    rows: &[(Uuid, Vec<String>)],
    jejak: &Jejak,
) -> Result<u64> {
    let ids: Vec<Uuid> = rows.iter().map(|(id, _)| *id).collect();
    let (mut milik, mut indeks): (Vec<Uuid>, Vec<&str>) = (Vec::new(), Vec::new());
    for (id, xs) in rows {
        for x in xs {
            milik.push(*id);
            indeks.push(x);
        }
    }
    let tx = c.transaction().await.map_err(backend_err)?;
    let n: i64 = tx
        .query_one("SELECT COUNT(*) FROM pendukung WHERE id = ANY($1)", &[&ids])
        .await
        .map_err(backend_err)?
        .get(0);
    tx.execute(
        "DELETE FROM pendukung_nama_indeks WHERE pendukung_id = ANY($1)",
        &[&ids],
    )
    .await
    .map_err(backend_err)?;
    tx.execute(
        "INSERT INTO pendukung_nama_indeks (indeks, pendukung_id)
         SELECT DISTINCT u.i, u.p FROM unnest($1::uuid[], $2::text[]) AS u (p, i)
         JOIN pendukung ON pendukung.id = u.p",
        &[&milik, &indeks],
    )
    .await
    .map_err(backend_err)?;
    catat_audit(&tx, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(n as u64)
}

pub(crate) async fn nama(c: &Object, tanpa_indeks_saja: bool) -> Result<Vec<(Uuid, String)>> {
    let sql = if tanpa_indeks_saja {
        posko_storage::sql::pg(posko_storage::sql::DAFTAR_PENDUKUNG_TANPA_INDEKS_NAMA)
    } else {
        "SELECT id, nama FROM pendukung"
    };
    Ok(c.query(sql, &[])
        .await
        .map_err(backend_err)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

pub(crate) async fn cari(
    c: &Object,
    cakupan: &[Cakupan],
    cari: &[Vec<String>],
    limit: u32,
    lewati: u32,
) -> Result<(u64, Vec<Pendukung>)> {
    if cakupan.is_empty() || cari.iter().any(Vec::is_empty) {
        return Ok((0, Vec::new()));
    }
    let mut args: Vec<Box<dyn ToSql + Sync + Send>> = Vec::new();
    let mut syarat: Vec<String> = Vec::new();
    // The scope: any of the territories, unless one is everything.
    if !cakupan.contains(&Cakupan::Semua) {
        let mut atau = Vec::new();
        for c in cakupan {
            match c {
                Cakupan::Semua => {}
                Cakupan::Wilayah(w) => {
                    args.push(Box::new(format!("{w}%")));
                    atau.push(format!("p.kode_desa LIKE ${}", args.len()));
                }
                Cakupan::Tps(t) => {
                    args.push(Box::new(t.to_string()));
                    atau.push(format!("p.tps = ${}", args.len()));
                }
            }
        }
        syarat.push(format!("({})", atau.join(" OR ")));
    }
    for kelompok in cari {
        args.push(Box::new(kelompok.clone()));
        syarat.push(format!(
            "p.id IN (SELECT pendukung_id FROM pendukung_nama_indeks WHERE indeks = ANY(${}))",
            args.len()
        ));
    }
    let mana = if syarat.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", syarat.join(" AND "))
    };
    let params: Vec<&(dyn ToSql + Sync)> = args
        .iter()
        .map(|a| a.as_ref() as &(dyn ToSql + Sync))
        .collect();
    let jumlah: i64 = c
        .query_one(&format!("SELECT COUNT(*) FROM pendukung p{mana}"), &params)
        .await
        .map_err(backend_err)?
        .get(0);
    let (limit, lewati) = (i64::from(limit), i64::from(lewati));
    let mut params = params;
    params.push(&limit);
    params.push(&lewati);
    let sql = format!(
        "{PENDUKUNG_P_COLUMNS}{mana} ORDER BY p.dibuat DESC, p.id DESC LIMIT ${} OFFSET ${}",
        params.len() - 1,
        params.len()
    );
    let rows = c
        .query(&sql, &params)
        .await
        .map_err(backend_err)?
        .iter()
        .map(pendukung_row)
        .collect::<Result<Vec<_>>>()?;
    Ok((jumlah as u64, rows))
}
