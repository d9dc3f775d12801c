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

/// The revision rule, the current result, the totals and the audit entry
/// in one transaction of four round trips: BEGIN; everything the rule
/// reads (pipelined, in this order: an earlier submission with the same
/// client key, the placeholder row, its lock, the next revision with the
/// counted photos and the paslon count, a lane and its head, a sequence
/// number); every write (pipelined); COMMIT. A statement per round trip
/// cost PostgreSQL most of its time on election night.
pub(super) async fn submit_tx(
    c: &mut Object,
    k: &KirimanHasil,
    baru: &HasilTps,
    jejak: &Jejak,
) -> Result<Kirim> {
    let desa = k.tps.desa().to_string();
    let nomor = k.tps.nomor().get() as i16;
    let tx = c.transaction().await.map_err(backend_err)?;
    // Prepared once per connection; afterwards these cost no round trip.
    let (ulang_st, tempat, kunci, revisi_st, lajur_st, urut_st) = futures::try_join!(
        tx.prepare_cached(&KIRIMAN_SAMA),
        tx.prepare_cached(TEMPAT_HASIL),
        tx.prepare_cached(&KUNCI_HASIL),
        tx.prepare_cached(REVISI_DAN_FOTO),
        tx.prepare_cached(AMBIL_LAJUR_DAN_KEPALA),
        tx.prepare_cached(AMBIL_URUT),
    )
    .map_err(backend_err)?;
    let cadangan = lajur_cadangan();
    let kunci_tps: [Param<'_>; 3] = [&k.pemilihan_id, &desa, &nomor];
    let p_cadangan: [Param<'_>; 1] = [&cadangan];
    let p_ulang: [Param<'_>; 5] = [
        &k.pemilihan_id,
        &desa,
        &nomor,
        &k.pengirim_id,
        &k.kunci_klien,
    ];
    // The TPS's row is locked before the lane, as on every path that
    // takes both, so no two writers wait for each other in a circle.
    let (ulang, _, lama, revisi, kepala, urut) = futures::try_join!(
        tx.query_opt(&ulang_st, &p_ulang),
        tx.execute(&tempat, &kunci_tps),
        tx.query_opt(&kunci, &kunci_tps),
        tx.query_one(&revisi_st, &kunci_tps),
        tx.query_one(&lajur_st, &p_cadangan),
        tx.query_one(&urut_st, &[] as &[Param<'_>]),
    )
    .map_err(backend_err)?;
    // The same submission again (a retry): the first one's answer, and
    // nothing written (dropping the transaction rolls it back).
    if let Some(first) = ulang {
        return Ok(Kirim::Ulang(kiriman_row(&first)?));
    }
    cek_kolom_paslon(
        &[Some(&baru.angka), baru.terverifikasi.as_ref()],
        revisi.get(2),
    )?;
    // No row: the placeholder was not made, so the TPS or the election
    // does not exist.
    let Some(lama) = lama else {
        return Err(StoreError::NotFound(format!(
            "TPS {} atau pemilihan {}",
            k.tps, k.pemilihan_id
        )));
    };
    let foto_lama: Option<String> = revisi.get(1);
    let foto_lama = match foto_lama {
        Some(f) => !from_json::<Vec<String>>("foto", &f)?.is_empty(),
        None => false,
    };
    let lama = hasil_row(&lama)?;
    let revisi: i32 = revisi.get(0);
    let mut k = k.clone();
    k.revisi = revisi;
    // Which revision counts is decided here, under the row lock taken
    // above, so two racing submissions cannot both pass it.
    k.tidak_dihitung = putuskan_revisi(lama.as_ref(), foto_lama, &k);
    let entri = entri_berikut(
        &kepala,
        &urut,
        match &k.tidak_dihitung {
            // Stored as evidence; the counted result and the totals stay.
            Some(t) => jejak_tidak_dihitung(jejak, t, revisi),
            None => jejak.clone(),
        },
    );
    let (simpan, ubah, rekap, tulis) = futures::try_join!(
        async {
            tx.prepare_cached(posko_storage::sql::pg(
                posko_storage::sql::SIMPAN_KIRIMAN_HASIL,
            ))
            .await
            .map_err(backend_err)
        },
        async { tx.prepare_cached(UBAH_HASIL).await.map_err(backend_err) },
        siapkan_rekap(&tx),
        siapkan_tulis(&tx),
    )?;
    let formulir = json(&k.formulir)?;
    let temuan = json(&k.temuan)?;
    let foto = json(&k.foto)?;
    let alasan_tidak = k.tidak_dihitung.map(|t| t.alasan.kode());
    let revisi_dihitung = k.tidak_dihitung.map(|t| t.revisi_dihitung);
    let params_kiriman: [Param<'_>; 18] = [
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
        &formulir,
        &temuan,
        &foto,
        &k.kode_dari,
        &k.peramban,
        &alasan_tidak,
        &revisi_dihitung,
    ];
    let mut baru = baru.clone();
    baru.kiriman_id = k.id;
    baru.revisi = revisi;
    let status = baru.status.slug();
    let angka = json(&baru.angka)?;
    let terverifikasi = baru.terverifikasi.as_ref().map(json).transpose()?;
    let jumlah_temuan = baru.jumlah_temuan as i32;
    let dpt = baru.dpt as i64;
    let params_hasil: [Param<'_>; 11] = [
        &k.pemilihan_id,
        &desa,
        &nomor,
        &baru.kiriman_id,
        &baru.revisi,
        &status,
        &angka,
        &terverifikasi,
        &jumlah_temuan,
        &dpt,
        &baru.waktu,
    ];
    let geser = Geser::baru(
        entri.lajur,
        k.pemilihan_id,
        &k.tps,
        lama.as_ref(),
        Some(&baru),
    );
    let dihitung = k.tidak_dihitung.is_none();
    let (p_rekap, p_tulis) = (geser.params(), entri.params());
    // Every write in one round trip, executed in this order.
    let mut tulisan = vec![tx.execute(&simpan, &params_kiriman)];
    if dihitung {
        tulisan.push(tx.execute(&ubah, &params_hasil));
        tulisan.push(tx.execute(&rekap, &p_rekap));
    }
    tulisan.push(tx.execute(&tulis, &p_tulis));
    futures::future::try_join_all(tulisan)
        .await
        .map_err(backend_err)?;
    tx.commit().await.map_err(backend_err)?;
    Ok(Kirim::Baru(k))
}

type Param<'a> = &'a (dyn tokio_postgres::types::ToSql + Sync);

/// Makes the TPS's row (a placeholder of revision 0 until its first
/// result) so there is always a row to lock, only where the TPS and the
/// election exist.
const TEMPAT_HASIL: &str = "INSERT INTO hasil_tps (pemilihan_id, kode_desa, nomor_tps, kiriman_id,
        revisi, status, angka, terverifikasi, jumlah_temuan, dpt, waktu)
     SELECT $1, $2, $3, NULL, 0, 'masuk', '{}', NULL, 0, 0, 0
      WHERE EXISTS (SELECT 1 FROM tps WHERE kode_desa = $2 AND nomor = $3)
        AND EXISTS (SELECT 1 FROM pemilihan WHERE id = $1)
     ON CONFLICT DO NOTHING";

/// The TPS's current result, locked.
static KUNCI_HASIL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{HASIL_COLUMNS} WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3 FOR UPDATE"
    )
});

/// The TPS's next revision number, the photo list of its counted
/// submission (for the revision rule) and how many paslon the election
/// has (the backstop of the form's paslon count). A statement of its own after the
/// lock: a statement that waited for the lock still reads with the
/// snapshot it started with, blind to the submission that held it.
const REVISI_DAN_FOTO: &str = "SELECT
        (SELECT COALESCE(MAX(revisi), 0) + 1 FROM kiriman_hasil
          WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3),
        (SELECT k.foto FROM hasil_tps h JOIN kiriman_hasil k ON k.id = h.kiriman_id
          WHERE h.pemilihan_id = $1 AND h.kode_desa = $2 AND h.nomor_tps = $3),
        (SELECT COUNT(*) FROM paslon WHERE pemilihan_id = $1)";

/// The earlier submission this one repeats, as [`by_kunci`] reads it.
static KIRIMAN_SAMA: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{KIRIMAN_COLUMNS} WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3
           AND pengirim_id = $4 AND kunci_klien = $5"
    )
});

const UBAH_HASIL: &str =
    "UPDATE hasil_tps SET kiriman_id = $4, revisi = $5, status = $6, angka = $7,
        terverifikasi = $8, jumlah_temuan = $9, dpt = $10, waktu = $11
     WHERE pemilihan_id = $1 AND kode_desa = $2 AND nomor_tps = $3";

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

/// Moves the totals of every region above the TPS by the difference, in
/// the rows of lane `lajur` (which the transaction holds, see
/// [`ambil_lajur`]; a region's total is the sum over its lanes' rows), so
/// concurrent writers under one province do not queue behind one row.
pub(super) async fn apply(
    tx: &Transaction<'_>,
    lajur: i16,
    pemilihan: Uuid,
    tps: &KodeTps,
    lama: Option<&HasilTps>,
    baru: Option<&HasilTps>,
) -> Result<()> {
    let rekap = siapkan_rekap(tx).await?;
    let g = Geser::baru(lajur, pemilihan, tps, lama, baru);
    tx.execute(&rekap, &g.params()).await.map_err(backend_err)?;
    Ok(())
}

/// The statement that moves region totals: one row per region (province
/// first) and one per (region, paslon that moved); [`Geser::params`] gives
/// its parameters. Two writers sharing a lane (when every lane is taken)
/// are already serialised on the lane's head row, so its order of rows
/// cannot deadlock.
pub(super) async fn siapkan_rekap(tx: &Transaction<'_>) -> Result<tokio_postgres::Statement> {
    tx.prepare_cached(
        "WITH suara AS (
            INSERT INTO rekap_suara (pemilihan_id, kode, nomor_urut, suara, suara_v, lajur)
             SELECT $1, u.kode, u.nomor, u.suara, u.suara_v, $12::SMALLINT
               FROM unnest($13::TEXT[], $14::SMALLINT[], $15::BIGINT[], $16::BIGINT[])
                    WITH ORDINALITY AS u(kode, nomor, suara, suara_v, i) ORDER BY u.i
             ON CONFLICT (pemilihan_id, kode, nomor_urut, lajur) DO UPDATE SET
                suara = rekap_suara.suara + excluded.suara,
                suara_v = rekap_suara.suara_v + excluded.suara_v)
         INSERT INTO rekap_hasil (pemilihan_id, kode, tps_masuk, tps_terverifikasi,
            tps_bermasalah, tps_bertanda, dpt_masuk, sah, tidak_sah, sah_v, tidak_sah_v, lajur)
         SELECT $1, u.kode, $3::BIGINT, $4::BIGINT, $5::BIGINT, $6::BIGINT, $7::BIGINT,
                $8::BIGINT, $9::BIGINT, $10::BIGINT, $11::BIGINT, $12::SMALLINT
           FROM unnest($2::TEXT[]) WITH ORDINALITY AS u(kode, i) ORDER BY u.i
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
    .map_err(backend_err)
}

/// One TPS's difference, as parameters of [`siapkan_rekap`]'s statement.
pub(super) struct Geser {
    pemilihan: Uuid,
    lajur: i16,
    d: posko_storage::hasil::Selisih,
    /// Every region above the TPS, province first.
    kode: Vec<String>,
    /// Per (region, paslon that moved), region-major: the vote rows.
    kode_suara: Vec<String>,
    nomor: Vec<i16>,
    suara: Vec<i64>,
    suara_v: Vec<i64>,
}

impl Geser {
    pub(super) fn baru(
        lajur: i16,
        pemilihan: Uuid,
        tps: &KodeTps,
        lama: Option<&HasilTps>,
        baru: Option<&HasilTps>,
    ) -> Geser {
        let d = selisih(lama, baru);
        let kode: Vec<String> = wilayah_rekap(tps).iter().map(|w| w.to_string()).collect();
        let mut g = Geser {
            pemilihan,
            lajur,
            kode_suara: Vec::new(),
            nomor: Vec::new(),
            suara: Vec::new(),
            suara_v: Vec::new(),
            kode,
            d,
        };
        for w in &g.kode {
            for (nomor_urut, s, sv) in &g.d.suara {
                g.kode_suara.push(w.clone());
                g.nomor.push(*nomor_urut);
                g.suara.push(*s);
                g.suara_v.push(*sv);
            }
        }
        g
    }

    fn params(&self) -> [Param<'_>; 16] {
        let d = &self.d;
        [
            &self.pemilihan,
            &self.kode,
            &d.tps_masuk,
            &d.tps_terverifikasi,
            &d.tps_bermasalah,
            &d.tps_bertanda,
            &d.dpt_masuk,
            &d.sah,
            &d.tidak_sah,
            &d.sah_v,
            &d.tidak_sah_v,
            &self.lajur,
            &self.kode_suara,
            &self.nomor,
            &self.suara,
            &self.suara_v,
        ]
    }
}
