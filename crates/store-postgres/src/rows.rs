//! Decoding PostgreSQL rows into domain values. Text that no longer
//! parses means the database was edited behind Posko's back: `Corrupt`.

use posko_domain::{
    AturanMenang, Cakupan, Dpt, JenisPemilihan, KodeTps, NamaCalon, NomorTps, NomorUrut, Penugasan,
    Peran,
};
use posko_storage::{Paslon, Pemilihan, RekapDpt, Result, StoreError, TokenApi, Tps, Wilayah};
use tokio_postgres::Row;

pub(crate) use posko_storage::baris::{corrupt, kode_wilayah as kode};

pub(crate) fn wilayah_row(r: &Row) -> Result<Wilayah> {
    posko_storage::baris::wilayah(r.get(0), r.get(1), r.get(2))
}

pub(crate) fn rekap_at(r: &Row, i: usize) -> RekapDpt {
    let n = |j: usize| r.get::<_, i64>(i + j) as u64;
    RekapDpt {
        kode: None,
        jumlah_tps: n(0),
        tps_dengan_dpt: n(1),
        dpt_laki: n(2),
        dpt_perempuan: n(3),
        dpt_total: n(4),
    }
}

pub(crate) use posko_storage::sql::TPS_COLUMNS;

pub(crate) fn tps_row(r: &Row) -> Result<Tps> {
    let desa: &str = r.get(0);
    let nomor: i16 = r.get(1);
    let count = |i: usize| r.get::<_, Option<i32>>(i).map(|v| v as u32);
    let nomor = u16::try_from(nomor)
        .ok()
        .and_then(|n| NomorTps::new(n).ok())
        .ok_or_else(|| corrupt("nomor TPS", &nomor.to_string(), "di luar 1–999"))?;
    let kode = KodeTps::new(kode(desa)?, nomor).map_err(|e| corrupt("TPS", desa, e))?;
    let lat: Option<f64> = r.get(6);
    let lng: Option<f64> = r.get(7);
    Ok(Tps {
        kode,
        dpt: Dpt::new(count(2), count(3), count(4))
            .map_err(|e| corrupt("DPT TPS", &kode.to_string(), e))?,
        alamat: r.get(5),
        lokasi: lat.zip(lng),
    })
}

pub(crate) use posko_storage::sql::PEMILIHAN_COLUMNS;

pub(crate) fn pemilihan_row(r: &Row) -> Result<Pemilihan> {
    let jenis: &str = r.get(1);
    let aturan: Option<&str> = r.get(6);
    Ok(Pemilihan {
        aturan: aturan
            .map(|a| AturanMenang::parse(a).ok_or_else(|| corrupt("aturan menang", a, "?")))
            .transpose()?,
        id: r.get(0),
        jenis: JenisPemilihan::parse(jenis).map_err(|e| corrupt("jenis", jenis, e))?,
        wilayah: kode(r.get(2))?,
        nama: r.get(3),
        tanggal: r.get(4),
        dibuat: r.get(5),
    })
}

pub(crate) fn paslon_row(r: &Row) -> Result<Paslon> {
    let nomor: i16 = r.get(1);
    let kepala: &str = r.get(2);
    let wakil: &str = r.get(3);
    Ok(Paslon {
        pemilihan_id: r.get(0),
        nomor_urut: u8::try_from(nomor)
            .ok()
            .and_then(|n| NomorUrut::new(n).ok())
            .ok_or_else(|| corrupt("nomor urut", &nomor.to_string(), "di luar 1–99"))?,
        calon_kepala: NamaCalon::parse_field(kepala, "calon")
            .map_err(|e| corrupt("nama calon", kepala, e))?,
        calon_wakil: NamaCalon::parse_field(wakil, "wakil")
            .map_err(|e| corrupt("nama wakil", wakil, e))?,
    })
}

pub(crate) fn token_row(r: &Row) -> Result<TokenApi> {
    let corrupt = |e: String| StoreError::Corrupt(format!("token: {e}"));
    Ok(TokenApi {
        id: r.get(0),
        nama: r.get(1),
        token_hash: r.get(2),
        penugasan: Penugasan {
            peran: Peran::parse(r.get(3)).map_err(|e| corrupt(e.to_string()))?,
            cakupan: Cakupan::parse(r.get(4)).map_err(|e| corrupt(e.to_string()))?,
        },
        dibuat: r.get(5),
        dicabut: r.get(6),
        terakhir_dipakai: r.get(7),
    })
}
