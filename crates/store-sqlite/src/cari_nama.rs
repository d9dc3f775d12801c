//! The supporter-name search index on SQLite: rows of (blind index,
//! supporter), written with the supporter, and the search that starts from
//! them.

use posko_domain::{Cakupan, Jejak};
use posko_storage::{Pendukung, Result};
use rusqlite::{Connection, Transaction, params_from_iter, types::Value};
use uuid::Uuid;

use crate::hasil::uuid;
use crate::relawan::{PENDUKUNG_P_COLUMNS, pendukung_row};
use crate::{backend_err, catat_audit};

/// Replaces the index rows of one supporter.
pub(crate) fn tulis(tx: &Transaction<'_>, id: Uuid, indeks: &[String]) -> Result<()> {
    tx.prepare_cached(posko_storage::sql::HAPUS_INDEKS_NAMA_PENDUKUNG)
        .map_err(backend_err)?
        .execute([id.to_string()])
        .map_err(backend_err)?;
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO pendukung_nama_indeks (indeks, pendukung_id) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
        )
        .map_err(backend_err)?;
    for i in indeks {
        stmt.execute([i, &id.to_string()]).map_err(backend_err)?;
    }
    Ok(())
}

pub(crate) fn ganti(
    conn: &mut Connection,
    rows: &[(Uuid, Vec<String>)],
    jejak: Jejak,
) -> Result<u64> {
    let tx = conn.transaction().map_err(backend_err)?;
    let mut n = 0;
    for (id, indeks) in rows {
        let ada: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM pendukung WHERE id = ?1)")
            .map_err(backend_err)?
            .query_row([id.to_string()], |r| r.get(0))
            .map_err(backend_err)?;
        if ada {
            tulis(&tx, *id, indeks)?;
            n += 1;
        }
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(n)
}

pub(crate) fn nama(conn: &Connection, tanpa_indeks_saja: bool) -> Result<Vec<(Uuid, String)>> {
    let sql = if tanpa_indeks_saja {
        posko_storage::sql::DAFTAR_PENDUKUNG_TANPA_INDEKS_NAMA
    } else {
        "SELECT id, nama FROM pendukung"
    };
    let mut stmt = conn.prepare_cached(sql).map_err(backend_err)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (id, nama) = r.map_err(backend_err)?;
        out.push((uuid(&id)?, nama));
    }
    Ok(out)
}

/// The scope as SQL over `p`: any of the territories; None when one of
/// them is everything.
fn lingkup(cakupan: &[Cakupan], args: &mut Vec<Value>) -> Option<String> {
    let mut atau = Vec::new();
    for c in cakupan {
        match c {
            Cakupan::Semua => return None,
            Cakupan::Wilayah(w) => {
                args.push(Value::Text(format!("{w}%")));
                atau.push(format!("p.kode_desa LIKE ?{}", args.len()));
            }
            Cakupan::Tps(t) => {
                args.push(Value::Text(t.to_string()));
                atau.push(format!("p.tps = ?{}", args.len()));
            }
        }
    }
    Some(format!("({})", atau.join(" OR ")))
}

pub(crate) fn cari(
    conn: &Connection,
    cakupan: &[Cakupan],
    cari: &[Vec<String>],
    limit: u32,
    lewati: u32,
) -> Result<(u64, Vec<Pendukung>)> {
    if cakupan.is_empty() || cari.iter().any(Vec::is_empty) {
        return Ok((0, Vec::new()));
    }
    let mut args: Vec<Value> = Vec::new();
    let mut syarat: Vec<String> = lingkup(cakupan, &mut args).into_iter().collect();
    // One IN per token: SQLite starts from the index's primary key for
    // the first and probes it for the rest.
    for kelompok in cari {
        let mut tanda = Vec::new();
        for i in kelompok {
            args.push(Value::Text(i.clone()));
            tanda.push(format!("?{}", args.len()));
        }
        syarat.push(format!(
            "p.id IN (SELECT pendukung_id FROM pendukung_nama_indeks WHERE indeks IN ({}))",
            tanda.join(", ")
        ));
    }
    let mana = if syarat.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", syarat.join(" AND "))
    };
    let jumlah: i64 = conn
        .prepare(&format!("SELECT COUNT(*) FROM pendukung p{mana}"))
        .map_err(backend_err)?
        .query_row(params_from_iter(args.iter()), |r| r.get(0))
        .map_err(backend_err)?;
    args.push(Value::Integer(i64::from(limit)));
    args.push(Value::Integer(i64::from(lewati)));
    let sql = format!(
        "{PENDUKUNG_P_COLUMNS}{mana} ORDER BY p.dibuat DESC, p.id DESC LIMIT ?{} OFFSET ?{}",
        args.len() - 1,
        args.len()
    );
    let mut stmt = conn.prepare(&sql).map_err(backend_err)?;
    let rows = stmt
        .query_map(params_from_iter(args.iter()), pendukung_row)
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r.map_err(backend_err)??);
    }
    Ok((jumlah as u64, out))
}
