//! Writing a submission: the revision rule applied inside one transaction,
//! the TPS's current result and the region totals moved by its difference,
//! and the audit entry, so a 2xx always means all of them.

use super::*;

/// The earlier submission this one repeats: the same key from the same
/// sender for the same TPS of the same election, never anyone else's.
pub(super) async fn by_kunci(
    c: &impl GenericClient,
    k: &KirimanHasil,
) -> Result<Option<KirimanHasil>> {
    c.query_opt(
        &format!(
            "{KIRIMAN_COLUMNS} WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3
               AND pengirim_id = $4 AND kunci_klien = $5"
        ),
        &[
            &k.pemilihan_id,
            &k.tps.desa().to_string(),
            &(k.tps.nomor().get() as i16),
            &k.pengirim_id,
            &k.kunci_klien,
        ],
    )
    .await
    .map_err(backend_err)?
    .map(|r| kiriman_row(&r))
    .transpose()
}

pub(crate) async fn submit(
    c: &mut Object,
    k: &KirimanHasil,
    baru: &HasilTps,
    jejak: &Jejak,
) -> Result<Kirim> {
    if let Some(first) = by_kunci(&***c, k).await? {
        return Ok(Kirim::Ulang(first));
    }
    match submit_tx(c, k, baru, jejak).await {
        // The same submission sent concurrently: the other one won.
        Err(StoreError::Conflict(_)) => match by_kunci(&***c, k).await? {
            Some(first) => Ok(Kirim::Ulang(first)),
            None => Err(StoreError::Conflict(Konflik::KirimanBertabrakan(
                k.tps.to_string(),
            ))),
        },
        other => other,
    }
}

pub(super) async fn submit_tx(
    c: &mut Object,
    k: &KirimanHasil,
    baru: &HasilTps,
    jejak: &Jejak,
) -> Result<Kirim> {
    let tx = c.transaction().await.map_err(backend_err)?;
    cek_kolom_paslon(
        &[Some(&baru.angka), baru.terverifikasi.as_ref()],
        jumlah_paslon(&tx, k.pemilihan_id).await?,
    )?;
    let desa = k.tps.desa().to_string();
    let nomor = k.tps.nomor().get() as i16;
    let exists = tx
        .query_opt(
            &tx.prepare_cached(
                "SELECT 1 FROM tps t, pemilihan p WHERE t.kode_desa = $1 AND t.nomor = $2 AND p.id = $3",
            )
            .await
            .map_err(backend_err)?,
            &[&desa, &nomor, &k.pemilihan_id],
        )
        .await
        .map_err(backend_err)?;
    if exists.is_none() {
        return Err(StoreError::NotFound(format!(
            "TPS {} atau pemilihan {}",
            k.tps, k.pemilihan_id
        )));
    }
    tx.execute(
        &tx.prepare_cached(
            "INSERT INTO hasil_tps (pemilihan_id, kode_desa, nomor_tps, kiriman_id, revisi, status,
            angka, terverifikasi, jumlah_temuan, dpt, waktu)
         VALUES ($1, $2, $3, NULL, 0, 'masuk', '{}', NULL, 0, 0, 0)
         ON CONFLICT DO NOTHING",
        )
        .await
        .map_err(backend_err)?,
        &[&k.pemilihan_id, &desa, &nomor],
    )
    .await
    .map_err(backend_err)?;
    let lama = tx
        .query_one(
            &tx.prepare_cached(&format!(
                "{HASIL_COLUMNS} WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3
                 FOR UPDATE"
            ))
            .await
            .map_err(backend_err)?,
            &[&k.pemilihan_id, &desa, &nomor],
        )
        .await
        .map_err(backend_err)?;
    let lama = hasil_row(&lama)?;
    let revisi: i32 = tx
        .query_one(
            &tx.prepare_cached(posko_storage::sql::pg(
                posko_storage::sql::AMBIL_REVISI_KIRIMAN_BERIKUT,
            ))
            .await
            .map_err(backend_err)?,
            &[&k.pemilihan_id, &desa, &nomor],
        )
        .await
        .map_err(backend_err)?
        .get(0);
    let mut k = k.clone();
    k.revisi = revisi;
    // Which revision counts is decided here, under the row lock taken
    // above, so two racing submissions cannot both pass it.
    let foto_lama = match &lama {
        Some(h) => foto_kiriman(&tx, h.kiriman_id).await?,
        None => false,
    };
    k.tidak_dihitung = putuskan_revisi(lama.as_ref(), foto_lama, &k);
    tx.execute(
        &tx.prepare_cached(posko_storage::sql::pg(
            posko_storage::sql::SIMPAN_KIRIMAN_HASIL,
        ))
        .await
        .map_err(backend_err)?,
        &[
            &k.id,
            &k.kunci_klien,
            &k.pemilihan_id,
            &desa,
            &nomor,
            &revisi,
            &k.pengirim_id,
            &k.pengirim,
            &k.sumber,
            &k.waktu,
            &k.alasan,
            &json(&k.formulir)?,
            &json(&k.temuan)?,
            &json(&k.foto)?,
            &k.kode_dari,
            &k.peramban,
            &k.tidak_dihitung.map(|t| t.alasan.kode()),
            &k.tidak_dihitung.map(|t| t.revisi_dihitung),
        ],
    )
    .await
    .map_err(backend_err)?;
    if let Some(t) = &k.tidak_dihitung {
        // Stored as evidence; the counted result and the totals stay.
        catat_audit(&tx, &jejak_tidak_dihitung(jejak, t, revisi)).await?;
        tx.commit().await.map_err(backend_err)?;
        return Ok(Kirim::Baru(k));
    }
    let mut baru = baru.clone();
    baru.kiriman_id = k.id;
    baru.revisi = revisi;
    tx.execute(
        &tx.prepare_cached(
            "UPDATE hasil_tps SET kiriman_id = $4, revisi = $5, status = $6, angka = $7,
            terverifikasi = $8, jumlah_temuan = $9, dpt = $10, waktu = $11
         WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3",
        )
        .await
        .map_err(backend_err)?,
        &[
            &k.pemilihan_id,
            &desa,
            &nomor,
            &baru.kiriman_id,
            &baru.revisi,
            &baru.status.slug(),
            &json(&baru.angka)?,
            &baru.terverifikasi.as_ref().map(json).transpose()?,
            &(baru.jumlah_temuan as i32),
            &(baru.dpt as i64),
            &baru.waktu,
        ],
    )
    .await
    .map_err(backend_err)?;
    let lajur = ambil_lajur(&tx).await?;
    apply(
        &tx,
        lajur,
        k.pemilihan_id,
        &k.tps,
        lama.as_ref(),
        Some(&baru),
    )
    .await?;
    crate::kabar::kabarkan_hasil(&tx, k.pemilihan_id, k.tps).await?;
    catat_audit_di(&tx, lajur, jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(Kirim::Baru(k))
}

/// How many paslon the election has, read in the write transaction.
pub(super) async fn jumlah_paslon(tx: &Transaction<'_>, pemilihan: Uuid) -> Result<i64> {
    Ok(tx
        .query_one(
            &tx.prepare_cached(posko_storage::sql::pg(posko_storage::sql::HITUNG_PASLON))
                .await
                .map_err(backend_err)?,
            &[&pemilihan],
        )
        .await
        .map_err(backend_err)?
        .get(0))
}

/// Whether submission `id` carries a photo.
pub(super) async fn foto_kiriman(tx: &Transaction<'_>, id: Uuid) -> Result<bool> {
    let row = tx
        .query_opt(
            &tx.prepare_cached(posko_storage::sql::pg(
                posko_storage::sql::AMBIL_FOTO_KIRIMAN,
            ))
            .await
            .map_err(backend_err)?,
            &[&id],
        )
        .await
        .map_err(backend_err)?;
    Ok(match row {
        Some(r) => !from_json::<Vec<String>>("foto", r.get(0))?.is_empty(),
        None => false,
    })
}

/// Moves the totals of every region above the TPS by the difference, in
/// the rows of lane `lajur` (which the transaction holds, see
/// [`ambil_lajur`]; a region's total is the sum over its lanes' rows), so
/// concurrent writers under one province do not queue behind one row.
/// Province first, should two writers ever share a lane.
pub(super) async fn apply(
    tx: &Transaction<'_>,
    lajur: i16,
    pemilihan: Uuid,
    tps: &KodeTps,
    lama: Option<&HasilTps>,
    baru: Option<&HasilTps>,
) -> Result<()> {
    let d = selisih(lama, baru);
    let rekap = tx
        .prepare_cached(
            "INSERT INTO rekap_hasil (pemilihan_id, kode, tps_masuk, tps_terverifikasi,
                tps_bermasalah, tps_bertanda, dpt_masuk, sah, tidak_sah, sah_v, tidak_sah_v, lajur)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (pemilihan_id, kode, lajur) DO UPDATE SET
                tps_masuk = rekap_hasil.tps_masuk + excluded.tps_masuk,
                tps_terverifikasi = rekap_hasil.tps_terverifikasi + excluded.tps_terverifikasi,
                tps_bermasalah = rekap_hasil.tps_bermasalah + excluded.tps_bermasalah,
                tps_bertanda = rekap_hasil.tps_bertanda + excluded.tps_bertanda,
                dpt_masuk = rekap_hasil.dpt_masuk + excluded.dpt_masuk,
                sah = rekap_hasil.sah + excluded.sah,
                tidak_sah = rekap_hasil.tidak_sah + excluded.tidak_sah,
                sah_v = rekap_hasil.sah_v + excluded.sah_v,
                tidak_sah_v = rekap_hasil.tidak_sah_v + excluded.tidak_sah_v",
        )
        .await
        .map_err(backend_err)?;
    let suara = tx
        .prepare_cached(
            "INSERT INTO rekap_suara (pemilihan_id, kode, nomor_urut, suara, suara_v, lajur)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (pemilihan_id, kode, nomor_urut, lajur) DO UPDATE SET
                suara = rekap_suara.suara + excluded.suara,
                suara_v = rekap_suara.suara_v + excluded.suara_v",
        )
        .await
        .map_err(backend_err)?;
    let kodes: Vec<String> = wilayah_rekap(tps).iter().map(|w| w.to_string()).collect();
    // Sent together (tokio-postgres pipelines them on the connection, in
    // this order, province first): one round trip while the hot region
    // rows are locked, not one per row.
    type P<'a> = Vec<&'a (dyn tokio_postgres::types::ToSql + Sync)>;
    let mut jobs: Vec<(&tokio_postgres::Statement, P<'_>)> = Vec::new();
    for w in &kodes {
        jobs.push((
            &rekap,
            vec![
                &pemilihan,
                w,
                &d.tps_masuk,
                &d.tps_terverifikasi,
                &d.tps_bermasalah,
                &d.tps_bertanda,
                &d.dpt_masuk,
                &d.sah,
                &d.tidak_sah,
                &d.sah_v,
                &d.tidak_sah_v,
                &lajur,
            ],
        ));
        for (nomor_urut, s, sv) in &d.suara {
            jobs.push((&suara, vec![&pemilihan, w, nomor_urut, s, sv, &lajur]));
        }
    }
    let pending: Vec<_> = jobs.iter().map(|(st, p)| tx.execute(*st, p)).collect();
    futures::future::try_join_all(pending)
        .await
        .map_err(backend_err)?;
    Ok(())
}
