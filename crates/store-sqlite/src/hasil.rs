//! Election-day results on SQLite: submissions as revisions, each TPS's
//! current result, and region totals moved by each revision's difference.

mod kirim;
pub(crate) use kirim::*;

use crate::SqliteStore;
use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps, KodeWilayah};
use posko_storage::Konflik;
use posko_storage::hasil::{
    cek_kolom_paslon, jejak_tidak_dihitung, putuskan_revisi, selisih, wilayah_rekap,
};
use posko_storage::{
    Angka, Bacaan, HasilTps, Kirim, KirimanHasil, RekapHasil, Result, StatusHasil, StoreError,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use uuid::Uuid;

use crate::{backend_err, catat_audit};
use crate::{hari_h, hitung_cepat};
use posko_storage::{Checkin, HasilStore, ImportCounts, Insiden};

use posko_storage::baris::rusak as corrupt;

pub(crate) use posko_storage::baris::{from_json, json};

pub(crate) use posko_storage::baris::kode_tps as tps_of;

pub(crate) fn uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| corrupt("id", e))
}

use posko_storage::sql::KIRIMAN_COLUMNS;

fn kiriman_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<KirimanHasil>> {
    let id: String = r.get(0)?;
    let kunci_klien: String = r.get(1)?;
    let pemilihan: String = r.get(2)?;
    let desa: String = r.get(3)?;
    let nomor: i64 = r.get(4)?;
    let revisi: i32 = r.get(5)?;
    let pengirim_id: String = r.get(6)?;
    let pengirim: String = r.get(7)?;
    let sumber: String = r.get(8)?;
    let waktu: i64 = r.get(9)?;
    let alasan: Option<String> = r.get(10)?;
    let (formulir, temuan, foto): (String, String, String) = (r.get(11)?, r.get(12)?, r.get(13)?);
    let kode_dari: Option<String> = r.get(14)?;
    let peramban: Option<String> = r.get(15)?;
    let tidak_dihitung: Option<String> = r.get(16)?;
    let revisi_dihitung: Option<i32> = r.get(17)?;
    Ok((|| {
        Ok(KirimanHasil {
            id: uuid(&id)?,
            kunci_klien,
            pemilihan_id: uuid(&pemilihan)?,
            tps: tps_of(&desa, nomor)?,
            revisi,
            pengirim_id: uuid(&pengirim_id)?,
            pengirim,
            sumber,
            waktu,
            alasan,
            formulir: from_json("formulir", &formulir)?,
            temuan: from_json("temuan", &temuan)?,
            foto: from_json("foto", &foto)?,
            kode_dari: kode_dari.as_deref().map(uuid).transpose()?,
            peramban,
            tidak_dihitung: posko_storage::baris::tidak_dihitung(
                tidak_dihitung.as_deref(),
                revisi_dihitung,
            )?,
        })
    })())
}

use posko_storage::sql::HASIL_COLUMNS;

fn hasil_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Option<HasilTps>>> {
    let pemilihan: String = r.get(0)?;
    let desa: String = r.get(1)?;
    let nomor: i64 = r.get(2)?;
    let kiriman: Option<String> = r.get(3)?;
    let revisi: i32 = r.get(4)?;
    let status: String = r.get(5)?;
    let angka: String = r.get(6)?;
    let terverifikasi: Option<String> = r.get(7)?;
    let jumlah_temuan: u32 = r.get(8)?;
    let dpt: i64 = r.get(9)?;
    let waktu: i64 = r.get(10)?;
    Ok((|| {
        // Revision 0 is the placeholder row that serialises writers of a
        // TPS before its first submission; it is not a result.
        let Some(kiriman) = kiriman.filter(|_| revisi > 0) else {
            return Ok(None);
        };
        Ok(Some(HasilTps {
            pemilihan_id: uuid(&pemilihan)?,
            tps: tps_of(&desa, nomor)?,
            kiriman_id: uuid(&kiriman)?,
            revisi,
            status: StatusHasil::parse(&status).ok_or_else(|| corrupt("status", &status))?,
            angka: from_json("angka", &angka)?,
            terverifikasi: terverifikasi
                .map(|t| from_json::<Angka>("terverifikasi", &t))
                .transpose()?,
            jumlah_temuan,
            dpt: dpt as u64,
            waktu,
        }))
    })())
}

pub(crate) fn kiriman_tps(
    conn: &Connection,
    pemilihan: Uuid,
    tps: KodeTps,
) -> Result<Vec<KirimanHasil>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{KIRIMAN_COLUMNS} WHERE pemilihan_id = ?1 AND kode_desa = ?2 AND nomor_tps = ?3
             ORDER BY revisi"
        ))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![
                pemilihan.to_string(),
                tps.desa().to_string(),
                tps.nomor().get()
            ],
            kiriman_row,
        )
        .map_err(backend_err)?;
    crate::rows::collect(rows)
}

pub(crate) fn hasil_tps(
    conn: &Connection,
    pemilihan: Uuid,
    tps: KodeTps,
) -> Result<Option<HasilTps>> {
    conn.prepare_cached(&format!(
        "{HASIL_COLUMNS} WHERE pemilihan_id = ?1 AND kode_desa = ?2 AND nomor_tps = ?3"
    ))
    .map_err(backend_err)?
    .query_row(
        params![
            pemilihan.to_string(),
            tps.desa().to_string(),
            tps.nomor().get()
        ],
        hasil_row,
    )
    .optional()
    .map_err(backend_err)?
    .transpose()
    .map(Option::flatten)
}

pub(crate) fn hasil_desa(
    conn: &Connection,
    pemilihan: Uuid,
    desa: KodeWilayah,
) -> Result<Vec<HasilTps>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{HASIL_COLUMNS} WHERE pemilihan_id = ?1 AND kode_desa = ?2 ORDER BY nomor_tps"
        ))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![pemilihan.to_string(), desa.to_string()], hasil_row)
        .map_err(backend_err)?;
    Ok(crate::rows::collect(rows)?.into_iter().flatten().collect())
}

pub(crate) fn rekap(
    conn: &Connection,
    pemilihan: Uuid,
    kodes: &[KodeWilayah],
    jumlah_paslon: usize,
) -> Result<Vec<RekapHasil>> {
    let p = pemilihan.to_string();
    let mut head = conn
        .prepare_cached(
            "SELECT tps_masuk, tps_terverifikasi, tps_bermasalah, tps_bertanda, dpt_masuk,
                    sah, tidak_sah, sah_v, tidak_sah_v
             FROM rekap_hasil WHERE pemilihan_id = ?1 AND kode = ?2",
        )
        .map_err(backend_err)?;
    let mut votes = conn
        .prepare_cached(
            "SELECT nomor_urut, suara, suara_v FROM rekap_suara
             WHERE pemilihan_id = ?1 AND kode = ?2",
        )
        .map_err(backend_err)?;
    let mut out = Vec::with_capacity(kodes.len());
    for k in kodes {
        let k = k.to_string();
        let mut r = RekapHasil::default();
        r.angka.suara = vec![0; jumlah_paslon];
        r.angka_terverifikasi.suara = vec![0; jumlah_paslon];
        let row = head
            .query_row(params![p, k], |x| {
                Ok([
                    x.get::<_, i64>(0)?,
                    x.get(1)?,
                    x.get(2)?,
                    x.get(3)?,
                    x.get(4)?,
                    x.get(5)?,
                    x.get(6)?,
                    x.get(7)?,
                    x.get(8)?,
                ])
            })
            .optional()
            .map_err(backend_err)?;
        if let Some(v) = row {
            let v = v.map(|x| x.max(0) as u64);
            r.tps_masuk = v[0];
            r.tps_terverifikasi = v[1];
            r.tps_bermasalah = v[2];
            r.tps_bertanda = v[3];
            r.dpt_masuk = v[4];
            r.angka.sah = v[5];
            r.angka.tidak_sah = v[6];
            r.angka_terverifikasi.sah = v[7];
            r.angka_terverifikasi.tidak_sah = v[8];
            let rows = votes
                .query_map(params![p, k], |x| {
                    Ok((
                        x.get::<_, i64>(0)?,
                        x.get::<_, i64>(1)?,
                        x.get::<_, i64>(2)?,
                    ))
                })
                .map_err(backend_err)?;
            for row in rows {
                let (n, s, sv) = row.map_err(backend_err)?;
                let i = (n - 1) as usize;
                if i < jumlah_paslon {
                    r.angka.suara[i] = s.max(0) as u64;
                    r.angka_terverifikasi.suara[i] = sv.max(0) as u64;
                }
            }
        }
        out.push(r);
    }
    Ok(out)
}

use posko_storage::sql::BACAAN_COLUMNS;

fn bacaan_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Bacaan>> {
    let (id, kiriman, pemilihan): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
    let (desa, nomor): (String, i64) = (r.get(3)?, r.get(4)?);
    let (verifier_id, verifier): (String, String) = (r.get(5)?, r.get(6)?);
    let waktu: i64 = r.get(7)?;
    let angka: String = r.get(8)?;
    let putusan: bool = r.get(9)?;
    let kode_dari: Option<String> = r.get(10)?;
    let peramban: Option<String> = r.get(11)?;
    Ok((|| {
        Ok(Bacaan {
            id: uuid(&id)?,
            kiriman_id: uuid(&kiriman)?,
            pemilihan_id: uuid(&pemilihan)?,
            tps: tps_of(&desa, nomor)?,
            verifier_id: uuid(&verifier_id)?,
            verifier,
            waktu,
            angka: from_json("angka", &angka)?,
            putusan,
            kode_dari: kode_dari.as_deref().map(uuid).transpose()?,
            peramban,
        })
    })())
}

fn bacaan_of(conn: &Connection, kiriman: Uuid) -> Result<Vec<Bacaan>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{BACAAN_COLUMNS} WHERE kiriman_id = ?1 ORDER BY waktu, id"
        ))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map([kiriman.to_string()], bacaan_row)
        .map_err(backend_err)?;
    crate::rows::collect(rows)
}

pub(crate) fn simpan_bacaan(
    conn: &mut Connection,
    b: &Bacaan,
    jejak: Jejak,
) -> Result<Vec<Bacaan>> {
    let tx = conn.transaction().map_err(backend_err)?;
    tx.execute(
        posko_storage::sql::SIMPAN_BACAAN,
        params![
            b.id.to_string(),
            b.kiriman_id.to_string(),
            b.pemilihan_id.to_string(),
            b.tps.desa().to_string(),
            b.tps.nomor().get(),
            b.verifier_id.to_string(),
            b.verifier,
            b.waktu,
            json(&b.angka)?,
            b.putusan,
            b.kode_dari.map(|u| u.to_string()),
            b.peramban
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            StoreError::Conflict(Konflik::BacaanGanda(b.verifier.to_string()))
        }
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
        {
            StoreError::NotFound(format!("kiriman {}", b.kiriman_id))
        }
        other => backend_err(other),
    })?;
    catat_audit(&tx, jejak)?;
    let all = bacaan_of(&tx, b.kiriman_id)?;
    tx.commit().map_err(backend_err)?;
    Ok(all)
}

pub(crate) fn bacaan_kiriman(conn: &Connection, kiriman: Uuid) -> Result<Vec<Bacaan>> {
    bacaan_of(conn, kiriman)
}

pub(crate) fn ubah_status(
    conn: &mut Connection,
    pemilihan: Uuid,
    tps: KodeTps,
    kiriman: Uuid,
    status: StatusHasil,
    terverifikasi: Option<Angka>,
    jejak: Jejak,
) -> Result<bool> {
    let tx = conn.transaction().map_err(backend_err)?;
    let p = pemilihan.to_string();
    cek_kolom_paslon(&[terverifikasi.as_ref()], jumlah_paslon(&tx, &p)?)?;
    let Some(lama) = current(&tx, &p, &tps)?.filter(|h| h.kiriman_id == kiriman) else {
        return Ok(false);
    };
    let mut baru = lama.clone();
    baru.status = status;
    baru.terverifikasi = terverifikasi;
    write_current(&tx, &baru)?;
    apply(&tx, &p, &tps, Some(&lama), Some(&baru))?;
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(true)
}

pub(crate) fn hasil_berstatus(
    conn: &Connection,
    pemilihan: Uuid,
    status: StatusHasil,
    wilayah: &[KodeWilayah],
    limit: u32,
) -> Result<Vec<HasilTps>> {
    let p = pemilihan.to_string();
    let mut out = Vec::new();
    // One range per scope: a region's desa codes all start with its code.
    let ranges: Vec<(String, String)> = if wilayah.is_empty() {
        vec![(String::new(), "\u{10FFFF}".into())]
    } else {
        wilayah
            .iter()
            .map(|w| (w.to_string(), format!("{w}/")))
            .collect()
    };
    let mut stmt = conn
        .prepare_cached(&format!(
            "{HASIL_COLUMNS} WHERE pemilihan_id = ?1 AND status = ?2 AND revisi > 0
               AND kode_desa >= ?3 AND kode_desa < ?4
             ORDER BY jumlah_temuan > 0 DESC, waktu, kode_desa, nomor_tps LIMIT ?5"
        ))
        .map_err(backend_err)?;
    for (lo, hi) in ranges {
        let rows = stmt
            .query_map(params![p, status.slug(), lo, hi, limit], hasil_row)
            .map_err(backend_err)?;
        out.extend(crate::rows::collect(rows)?.into_iter().flatten());
    }
    out.sort_by_key(|h| (h.jumlah_temuan == 0, h.waktu, h.tps));
    out.truncate(limit as usize);
    Ok(out)
}

pub(crate) fn daftar_hasil_di(
    conn: &Connection,
    pemilihan: Uuid,
    w: KodeWilayah,
) -> Result<Vec<HasilTps>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{HASIL_COLUMNS} WHERE pemilihan_id = ?1 AND revisi > 0
               AND kode_desa >= ?2 AND kode_desa < ?3 ORDER BY kode_desa, nomor_tps"
        ))
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![pemilihan.to_string(), w.to_string(), format!("{w}/")],
            hasil_row,
        )
        .map_err(backend_err)?;
    Ok(crate::rows::collect(rows)?.into_iter().flatten().collect())
}

pub(crate) fn kedatangan(
    conn: &Connection,
    pemilihan: Uuid,
    w: KodeWilayah,
) -> Result<Vec<(KodeTps, i64)>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_KEDATANGAN_HASIL)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![pemilihan.to_string(), w.to_string(), format!("{w}/")],
            |r| {
                let (desa, waktu): (String, i64) = (r.get(0)?, r.get(2)?);
                Ok(tps_of(&desa, r.get(1)?).map(|t| (t, waktu)))
            },
        )
        .map_err(backend_err)?;
    crate::rows::collect(rows)
}

pub(crate) fn upsert_resmi(
    conn: &mut Connection,
    pemilihan: Uuid,
    rows: &[(KodeTps, Angka)],
    jejak: Jejak,
) -> Result<posko_storage::ImportCounts> {
    let tx = conn.transaction().map_err(backend_err)?;
    let p = pemilihan.to_string();
    let mut counts = posko_storage::ImportCounts::default();
    {
        let mut get = tx
            .prepare_cached(
                "SELECT angka FROM hasil_resmi WHERE pemilihan_id = ?1 AND kode_desa = ?2 AND nomor_tps = ?3",
            )
            .map_err(backend_err)?;
        let mut put = tx
            .prepare_cached(posko_storage::sql::SIMPAN_HASIL_RESMI)
            .map_err(backend_err)?;
        for (tps, a) in rows {
            let desa = tps.desa().to_string();
            let nomor = tps.nomor().get();
            let text = json(a)?;
            let old: Option<String> = get
                .query_row(params![p, desa, nomor], |r| r.get(0))
                .optional()
                .map_err(backend_err)?;
            match old {
                Some(o) if o == text => {
                    counts.sama += 1;
                    continue;
                }
                Some(_) => counts.berubah += 1,
                None => counts.baru += 1,
            }
            put.execute(params![p, desa, nomor, text])
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
                    {
                        StoreError::NotFound(format!("TPS {tps}"))
                    }
                    other => backend_err(other),
                })?;
        }
    }
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(counts)
}

pub(crate) fn resmi_under(
    conn: &Connection,
    pemilihan: Uuid,
    w: KodeWilayah,
) -> Result<Vec<(KodeTps, Angka)>> {
    let mut stmt = conn
        .prepare_cached(posko_storage::sql::DAFTAR_HASIL_RESMI_DI_WILAYAH)
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(
            params![pemilihan.to_string(), w.to_string(), format!("{w}/")],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in rows {
        let (desa, nomor, angka) = r.map_err(backend_err)?;
        out.push((tps_of(&desa, nomor)?, from_json("angka", &angka)?));
    }
    Ok(out)
}

#[async_trait]
impl HasilStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_hasil(
        &self,
        kiriman: &KirimanHasil,
        baru: &HasilTps,
        jejak: &Jejak,
    ) -> Result<Kirim> {
        let (k, b, j) = (kiriman.clone(), baru.clone(), jejak.clone());
        let kirim = self.write(move |c| submit(c, &k, &b, j)).await?;
        self.kabarkan_kirim(&kirim);
        Ok(kirim)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kiriman_tps(
        &self,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<Vec<KirimanHasil>> {
        self.read(move |c| kiriman_tps(c, pemilihan_id, tps)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_hasil_tps(&self, pemilihan_id: Uuid, tps: KodeTps) -> Result<Option<HasilTps>> {
        self.read(move |c| hasil_tps(c, pemilihan_id, tps)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_desa(
        &self,
        pemilihan_id: Uuid,
        desa: KodeWilayah,
    ) -> Result<Vec<HasilTps>> {
        self.read(move |c| hasil_desa(c, pemilihan_id, desa)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_rekap_hasil(
        &self,
        pemilihan_id: Uuid,
        kodes: &[KodeWilayah],
        jumlah_paslon: usize,
    ) -> Result<Vec<RekapHasil>> {
        let kodes = kodes.to_vec();
        self.read(move |c| rekap(c, pemilihan_id, &kodes, jumlah_paslon))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_sisa_tps(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        tingkat: posko_domain::Tingkat,
    ) -> Result<Vec<posko_storage::SisaTps>> {
        use posko_storage::hasil::{panjang_kode, rentang_tps};
        self.read(move |c| {
            let (lo, hi) = rentang_tps(wilayah);
            let mut stmt = c
                .prepare_cached(posko_storage::sql::DAFTAR_SISA_TPS)
                .map_err(backend_err)?;
            let rows = stmt
                .query_map(
                    params![
                        lo,
                        hi,
                        panjang_kode(tingkat),
                        pemilihan_id.to_string(),
                        posko_domain::hasil::MAKS_PEMILIH_TPS_PILKADA_2024,
                    ],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, i64>(1)?,
                            r.get::<_, i64>(2)?,
                        ))
                    },
                )
                .map_err(backend_err)?;
            let mut out = Vec::new();
            for row in rows {
                let (k, n, maks) = row.map_err(backend_err)?;
                out.push(posko_storage::SisaTps {
                    kode: KodeWilayah::parse(&k)
                        .map_err(|e| posko_storage::baris::corrupt("kode wilayah", &k, e))?,
                    tps_belum: n as u64,
                    suara_maks: maks as u64,
                });
            }
            Ok(out)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_bacaan(&self, bacaan: &Bacaan, jejak: &Jejak) -> Result<Vec<Bacaan>> {
        let (b, j) = (bacaan.clone(), jejak.clone());
        self.write(move |c| simpan_bacaan(c, &b, j)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_bacaan_kiriman(&self, kiriman_id: Uuid) -> Result<Vec<Bacaan>> {
        self.read(move |c| bacaan_kiriman(c, kiriman_id)).await
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
        let (t, j) = (terverifikasi.cloned(), jejak.clone());
        self.write(move |c| ubah_status(c, pemilihan_id, tps, kiriman_id, status, t, j))
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
        let w = wilayah.to_vec();
        self.read(move |c| hasil_berstatus(c, pemilihan_id, status, &w, limit))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<HasilTps>> {
        self.read(move |c| daftar_hasil_di(c, pemilihan_id, wilayah))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kedatangan_hasil(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, i64)>> {
        self.read(move |c| kedatangan(c, pemilihan_id, wilayah))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn simpan_hasil_resmi(
        &self,
        pemilihan_id: Uuid,
        rows: &[(KodeTps, Angka)],
        jejak: &Jejak,
    ) -> Result<ImportCounts> {
        let (rows, j) = (rows.to_vec(), jejak.clone());
        self.write(move |c| upsert_resmi(c, pemilihan_id, &rows, j))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_resmi_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, Angka)>> {
        self.read(move |c| resmi_under(c, pemilihan_id, wilayah))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_checkin(&self, c: &Checkin, jejak: &Jejak) -> Result<()> {
        let (c, j) = (c.clone(), jejak.clone());
        self.write(move |conn| hari_h::catat_checkin(conn, &c, j))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_checkin_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<Checkin>> {
        self.read(move |c| hari_h::daftar_checkin_di(c, pemilihan_id, wilayah))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_insiden(&self, i: &Insiden, jejak: &Jejak) -> Result<()> {
        let (i, j) = (i.clone(), jejak.clone());
        self.write(move |conn| hari_h::catat_insiden(conn, &i, j))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_insiden_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        limit: u32,
    ) -> Result<Vec<Insiden>> {
        self.read(move |c| hari_h::daftar_insiden_di(c, pemilihan_id, wilayah, limit))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn catat_unggah_foto(
        &self,
        hash: &str,
        pengguna_id: Uuid,
        waktu: i64,
        jejak: &Jejak,
    ) -> Result<()> {
        let (hash, jejak) = (hash.to_string(), jejak.clone());
        self.write(move |c| {
            let tx = c.transaction().map_err(backend_err)?;
            let baru = tx
                .execute(
                    posko_storage::sql::CATAT_UNGGAH_FOTO,
                    params![hash, pengguna_id.to_string(), waktu],
                )
                .map_err(backend_err)?;
            if baru > 0 {
                catat_audit(&tx, jejak)?;
            }
            tx.commit().map_err(backend_err)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn pernah_unggah_foto(&self, hash: &str, pengguna_id: Uuid) -> Result<bool> {
        let hash = hash.to_string();
        self.read(move |c| {
            c.prepare_cached(posko_storage::sql::PERNAH_UNGGAH_FOTO)
                .map_err(backend_err)?
                .exists(params![hash, pengguna_id.to_string()])
                .map_err(backend_err)
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_hasil_tps(&self, pemilihan_id: Uuid, tps: &[KodeTps]) -> Result<Vec<HasilTps>> {
        let tps = tps.to_vec();
        self.read(move |c| hitung_cepat::daftar_hasil_tps(c, pemilihan_id, &tps))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pantau(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        panjang: usize,
    ) -> Result<Vec<posko_storage::HitungPantau>> {
        self.read(move |c| crate::pantau::hitung_pantau(c, pemilihan_id, wilayah, panjang))
            .await
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
        let temuan = temuan.unwrap_or_default().to_string();
        self.read(move |c| {
            crate::pantau::daftar_pantau_tps(
                c,
                pemilihan_id,
                wilayah,
                saring,
                &temuan,
                setelah,
                limit,
            )
        })
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil_insiden(&self, id: Uuid) -> Result<Option<posko_storage::InsidenDitangani>> {
        self.read(move |c| crate::pantau::ambil_insiden(c, id))
            .await
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
        let status = status.unwrap_or_default().to_string();
        let kategori = kategori.unwrap_or_default().to_string();
        self.read(move |c| {
            crate::pantau::daftar_insiden_saring(
                c,
                pemilihan_id,
                wilayah,
                &status,
                &kategori,
                limit,
            )
        })
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
        let jejak = jejak.clone();
        self.write(move |c| crate::pantau::ubah_insiden(c, id, status, pemilik_id, waktu, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_hasil_per_status(&self) -> Result<Vec<(String, u64)>> {
        self.read(|c| {
            let mut stmt = c
                .prepare_cached(posko_storage::sql::HITUNG_HASIL_PER_STATUS)
                .map_err(backend_err)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
                })
                .map_err(backend_err)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
                .map_err(backend_err)
        })
        .await
    }
}
