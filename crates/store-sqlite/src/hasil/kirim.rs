//! Writing a submission: the revision rule applied inside one transaction,
//! the TPS's current result and the region totals moved by its difference,
//! and the audit entry, so a 2xx always means all of them.

use super::*;

/// The earlier submission this one repeats: the same key from the same
/// sender for the same TPS of the same election, never anyone else's.
pub(super) fn by_kunci(conn: &Connection, k: &KirimanHasil) -> Result<Option<KirimanHasil>> {
    conn.prepare_cached(&format!(
        "{KIRIMAN_COLUMNS} WHERE pemilihan_id = ?1 AND kode_desa = ?2 AND nomor_tps = ?3
           AND pengirim_id = ?4 AND kunci_klien = ?5"
    ))
    .map_err(backend_err)?
    .query_row(
        params![
            k.pemilihan_id.to_string(),
            k.tps.desa().to_string(),
            k.tps.nomor().get(),
            k.pengirim_id.to_string(),
            k.kunci_klien
        ],
        kiriman_row,
    )
    .optional()
    .map_err(backend_err)?
    .transpose()
}

pub(super) fn current(
    tx: &Transaction<'_>,
    pemilihan: &str,
    tps: &KodeTps,
) -> Result<Option<HasilTps>> {
    tx.prepare_cached(&format!(
        "{HASIL_COLUMNS} WHERE pemilihan_id = ?1 AND kode_desa = ?2 AND nomor_tps = ?3"
    ))
    .map_err(backend_err)?
    .query_row(
        params![pemilihan, tps.desa().to_string(), tps.nomor().get()],
        hasil_row,
    )
    .optional()
    .map_err(backend_err)?
    .transpose()
    .map(Option::flatten)
}

pub(crate) fn submit(
    conn: &mut Connection,
    k: &KirimanHasil,
    baru: &HasilTps,
    jejak: Jejak,
) -> Result<Kirim> {
    if let Some(first) = by_kunci(conn, k)? {
        return Ok(Kirim::Ulang(first));
    }
    let tx = conn.transaction().map_err(backend_err)?;
    let pemilihan = k.pemilihan_id.to_string();
    cek_kolom_paslon(
        &[Some(&baru.angka), baru.terverifikasi.as_ref()],
        jumlah_paslon(&tx, &pemilihan)?,
    )?;
    let desa = k.tps.desa().to_string();
    let nomor = k.tps.nomor().get();
    let lama = current(&tx, &pemilihan, &k.tps)?;
    let revisi: i32 = tx
        .prepare_cached(posko_storage::sql::AMBIL_REVISI_KIRIMAN_BERIKUT)
        .map_err(backend_err)?
        .query_row(params![pemilihan, desa, nomor], |r| r.get(0))
        .map_err(backend_err)?;
    let mut k = k.clone();
    k.revisi = revisi;
    // Which revision counts is decided here, in the write transaction (the
    // one writer thread), so two racing submissions cannot both pass it.
    let foto_lama = match &lama {
        Some(h) => foto_kiriman(&tx, h.kiriman_id)?,
        None => false,
    };
    k.tidak_dihitung = putuskan_revisi(lama.as_ref(), foto_lama, &k);
    tx.prepare_cached(posko_storage::sql::SIMPAN_KIRIMAN_HASIL)
        .map_err(backend_err)?
        .execute(params![
            k.id.to_string(),
            k.kunci_klien,
            pemilihan,
            desa,
            nomor,
            revisi,
            k.pengirim_id.to_string(),
            k.pengirim,
            k.sumber,
            k.waktu,
            k.alasan,
            json(&k.formulir)?,
            json(&k.temuan)?,
            json(&k.foto)?,
            k.kode_dari.map(|u| u.to_string()),
            k.peramban,
            k.tidak_dihitung.map(|t| t.alasan.kode()),
            k.tidak_dihitung.map(|t| t.revisi_dihitung),
        ])
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
            {
                StoreError::NotFound(format!("TPS {} atau pemilihan {}", k.tps, k.pemilihan_id))
            }
            other => backend_err(other),
        })?;
    if let Some(t) = &k.tidak_dihitung {
        // Stored as evidence; the counted result and the totals stay.
        catat_audit(&tx, jejak_tidak_dihitung(&jejak, t, revisi))?;
        tx.commit().map_err(backend_err)?;
        return Ok(Kirim::Baru(k));
    }
    let mut baru = baru.clone();
    baru.kiriman_id = k.id;
    baru.revisi = revisi;
    write_current(&tx, &baru)?;
    apply(&tx, &pemilihan, &k.tps, lama.as_ref(), Some(&baru))?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(Kirim::Baru(k))
}

/// How many paslon the election has, read in the write transaction.
pub(super) fn jumlah_paslon(tx: &Transaction<'_>, pemilihan: &str) -> Result<i64> {
    tx.prepare_cached(posko_storage::sql::HITUNG_PASLON)
        .map_err(backend_err)?
        .query_row(params![pemilihan], |r| r.get(0))
        .map_err(backend_err)
}

/// Whether submission `id` carries a photo.
pub(super) fn foto_kiriman(tx: &Transaction<'_>, id: Uuid) -> Result<bool> {
    let foto: Option<String> = tx
        .prepare_cached(posko_storage::sql::AMBIL_FOTO_KIRIMAN)
        .map_err(backend_err)?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()
        .map_err(backend_err)?;
    Ok(match foto {
        Some(f) => !from_json::<Vec<String>>("foto", &f)?.is_empty(),
        None => false,
    })
}

pub(super) fn write_current(tx: &Transaction<'_>, h: &HasilTps) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO hasil_tps (pemilihan_id, kode_desa, nomor_tps, kiriman_id, revisi, status,
            angka, terverifikasi, jumlah_temuan, dpt, waktu)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (pemilihan_id, kode_desa, nomor_tps) DO UPDATE SET
            kiriman_id = excluded.kiriman_id, revisi = excluded.revisi, status = excluded.status,
            angka = excluded.angka, terverifikasi = excluded.terverifikasi,
            jumlah_temuan = excluded.jumlah_temuan, dpt = excluded.dpt, waktu = excluded.waktu",
    )
    .map_err(backend_err)?
    .execute(params![
        h.pemilihan_id.to_string(),
        h.tps.desa().to_string(),
        h.tps.nomor().get(),
        h.kiriman_id.to_string(),
        h.revisi,
        h.status.slug(),
        json(&h.angka)?,
        h.terverifikasi.as_ref().map(json).transpose()?,
        h.jumlah_temuan,
        h.dpt as i64,
        h.waktu,
    ])
    .map_err(backend_err)?;
    Ok(())
}

/// Moves the totals of every region above the TPS by the difference.
pub(super) fn apply(
    tx: &Transaction<'_>,
    pemilihan: &str,
    tps: &KodeTps,
    lama: Option<&HasilTps>,
    baru: Option<&HasilTps>,
) -> Result<()> {
    let d = selisih(lama, baru);
    let mut rekap = tx
        .prepare_cached(
            "INSERT INTO rekap_hasil (pemilihan_id, kode, tps_masuk, tps_terverifikasi,
                tps_bermasalah, tps_bertanda, dpt_masuk, sah, tidak_sah, sah_v, tidak_sah_v)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (pemilihan_id, kode) DO UPDATE SET
                tps_masuk = tps_masuk + excluded.tps_masuk,
                tps_terverifikasi = tps_terverifikasi + excluded.tps_terverifikasi,
                tps_bermasalah = tps_bermasalah + excluded.tps_bermasalah,
                tps_bertanda = tps_bertanda + excluded.tps_bertanda,
                dpt_masuk = dpt_masuk + excluded.dpt_masuk,
                sah = sah + excluded.sah, tidak_sah = tidak_sah + excluded.tidak_sah,
                sah_v = sah_v + excluded.sah_v, tidak_sah_v = tidak_sah_v + excluded.tidak_sah_v",
        )
        .map_err(backend_err)?;
    let mut suara = tx
        .prepare_cached(
            "INSERT INTO rekap_suara (pemilihan_id, kode, nomor_urut, suara, suara_v)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (pemilihan_id, kode, nomor_urut) DO UPDATE SET
                suara = suara + excluded.suara, suara_v = suara_v + excluded.suara_v",
        )
        .map_err(backend_err)?;
    for w in wilayah_rekap(tps) {
        let w = w.to_string();
        rekap
            .execute(params![
                pemilihan,
                w,
                d.tps_masuk,
                d.tps_terverifikasi,
                d.tps_bermasalah,
                d.tps_bertanda,
                d.dpt_masuk,
                d.sah,
                d.tidak_sah,
                d.sah_v,
                d.tidak_sah_v
            ])
            .map_err(backend_err)?;
        for (nomor, s, sv) in &d.suara {
            suara
                .execute(params![pemilihan, w, nomor, s, sv])
                .map_err(backend_err)?;
        }
    }
    Ok(())
}
