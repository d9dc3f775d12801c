//! The APK pages: the room's stock, quotas and installations; the
//! installation form (offline, photo and GPS); one installation with its
//! take-down form; the take-down checklist; a photo.

use askama::Template;
use axum::response::IntoResponse;
use posko_app::lapangan::apk::{PasangBaru, SisaKuota, TurunBaru};
use posko_domain::{KodeWilayah, ZonaWaktu};
use posko_storage::JenisLapangan;

use super::*;

/// Names of the desa and areas a page shows.
async fn nama_wilayah(
    s: &AppState,
    kode: Vec<KodeWilayah>,
) -> Result<std::collections::HashMap<KodeWilayah, String>, PageError> {
    Ok(s.posko.nama_wilayah_banyak(&kode).await?)
}

fn nama_dari(nama: &std::collections::HashMap<KodeWilayah, String>, k: KodeWilayah) -> String {
    nama.get(&k).cloned().unwrap_or_else(|| k.to_string())
}

/// One quota row: (area, kind, quota, standing, left).
type BarisKuota = (String, String, u32, u32, u32);

async fn baris_kuota(s: &AppState, kuota: &[SisaKuota]) -> Result<Vec<BarisKuota>, PageError> {
    let nama = nama_wilayah(s, kuota.iter().map(|k| k.kuota.wilayah).collect()).await?;
    Ok(kuota
        .iter()
        .map(|k| {
            (
                nama_dari(&nama, k.kuota.wilayah),
                nama_jenis(k.kuota.jenis),
                k.kuota.jumlah,
                k.terpasang,
                k.sisa,
            )
        })
        .collect())
}

struct BarisPasang {
    href: String,
    jenis: String,
    nama: String,
    tempat: String,
    desa: String,
    waktu: String,
    oleh: String,
    turun: bool,
}

fn baris_pasang(
    r: &RuangLapangan,
    nama: &std::collections::HashMap<KodeWilayah, String>,
    x: &Tersimpan<PasangApk>,
) -> BarisPasang {
    BarisPasang {
        href: format!("{}/apk/{}", dasar(r), x.id),
        jenis: nama_jenis(x.isi.jenis),
        nama: r
            .barang
            .iter()
            .find(|b| b.id == x.isi.barang)
            .map(|b| b.isi.nama.clone())
            .unwrap_or_default(),
        tempat: nama_tempat(x.isi.tempat),
        desa: nama_dari(nama, x.isi.desa),
        waktu: crate::format::waktu(x.isi.waktu, ZonaWaktu::dari_wilayah(&x.isi.desa)),
        oleh: r.nama(x.isi.dipasang_oleh),
        turun: x.isi.turun.is_some(),
    }
}

/// (item id, name, kind, unit value, received, held by me)
type BarisBarang = (String, String, String, String, u64, u64);

#[derive(Template)]
#[template(path = "lapangan_apk.html")]
struct HalamanDaftar {
    judul: String,
    dasar: String,
    csrf: String,
    barang: Vec<BarisBarang>,
    /// (item, count, from, to, when)
    serah: Vec<(String, u64, String, String, String)>,
    kuota: Vec<BarisKuota>,
    pasang: Vec<BarisPasang>,
    boleh_kelola: bool,
    jenis: Vec<(String, String)>,
    orang: Vec<(String, String)>,
    setelah_kampanye: bool,
}

pub(crate) async fn daftar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            id,
            &[
                JenisLapangan::Barang,
                JenisLapangan::Serah,
                JenisLapangan::Pasang,
            ],
        )
        .await?;
    let saya: std::collections::HashMap<Uuid, u64> = s
        .posko
        .stok_apk_saya(&m.pengguna, id)
        .await?
        .into_iter()
        .collect();
    let kuota = s.posko.kuota_apk(&m.pengguna, id).await?;
    let boleh_kelola = boleh(&m, &r, I::KelolaLapangan);
    let orang = if boleh_kelola {
        s.posko
            .orang_lapangan(&m.pengguna, id, I::KerjaLapangan)
            .await?
            .into_iter()
            .filter(|(i, _)| *i != m.pengguna.id)
            .map(|(i, n)| (i.to_string(), n))
            .collect()
    } else {
        Vec::new()
    };
    let nama = nama_wilayah(&s, r.pasang.iter().map(|x| x.isi.desa).collect()).await?;
    let mut pasang: Vec<&Tersimpan<PasangApk>> = r.pasang.iter().collect();
    pasang.sort_by_key(|x| (std::cmp::Reverse(x.isi.waktu), x.id));
    let nama_barang = |b: Uuid| {
        r.barang
            .iter()
            .find(|x| x.id == b)
            .map(|x| x.isi.nama.clone())
            .unwrap_or_default()
    };
    let mut serah: Vec<_> = r.serah.iter().collect();
    serah.sort_by_key(|x| std::cmp::Reverse(x.isi.waktu));
    render(HalamanDaftar {
        judul: crate::t1("lapangan-apk-judul", "pemilihan", r.pemilihan.nama.clone()),
        csrf: m.sesi.csrf.clone(),
        barang: r
            .barang
            .iter()
            .map(|b| {
                (
                    b.id.to_string(),
                    b.isi.nama.clone(),
                    nama_jenis(b.isi.jenis),
                    crate::format::ribuan(b.isi.nilai_satuan),
                    b.isi.diterima,
                    saya.get(&b.id).copied().unwrap_or(0),
                )
            })
            .collect(),
        serah: serah
            .iter()
            .map(|x| {
                (
                    nama_barang(x.isi.barang),
                    x.isi.jumlah,
                    r.nama(x.isi.dari),
                    r.nama(x.isi.kepada),
                    crate::format::waktu(x.isi.waktu, ZonaWaktu::dari_wilayah(&x.isi.wilayah)),
                )
            })
            .collect(),
        kuota: baris_kuota(&s, &kuota).await?,
        pasang: pasang.iter().map(|x| baris_pasang(&r, &nama, x)).collect(),
        boleh_kelola,
        jenis: JenisApk::ALL
            .iter()
            .map(|j| (j.slug().to_string(), nama_jenis(*j)))
            .collect(),
        orang,
        setelah_kampanye: posko_domain::lapangan::wajib_turun(&r.masa, r.hari_ini, false),
        dasar: dasar(&r),
    })
}

#[derive(Template)]
#[template(path = "lapangan_apk_pasang.html")]
struct HalamanPasang {
    judul: String,
    dasar: String,
    csrf: String,
    /// (id, name, kind)
    barang: Vec<(String, String, String)>,
    tempat: Vec<(String, String)>,
    terlarang: String,
    kuota: Vec<BarisKuota>,
    desa: String,
    masa: String,
    pesan: Option<String>,
    galat: Option<String>,
}

async fn halaman_pasang(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    pesan: Option<String>,
    galat: Option<String>,
) -> Result<HalamanPasang, PageError> {
    let r = s
        .posko
        .ruang_lapangan(&m.pengguna, id, &[JenisLapangan::Barang])
        .await?;
    let kuota = s.posko.kuota_apk(&m.pengguna, id).await?;
    // Someone whose scope is one TPS or one desa installs there.
    let desa = m
        .pengguna
        .penugasan
        .iter()
        .find_map(|t| match t.cakupan {
            posko_domain::Cakupan::Tps(tps) => Some(tps.desa()),
            posko_domain::Cakupan::Wilayah(w) if w.tingkat() == posko_domain::Tingkat::Desa => {
                Some(w)
            }
            _ => None,
        })
        .map(|d| d.to_string())
        .unwrap_or_default();
    Ok(HalamanPasang {
        judul: crate::t("lapangan-apk-pasang-judul"),
        dasar: dasar(&r),
        csrf: m.sesi.csrf.clone(),
        barang: r
            .barang
            .iter()
            .filter(|b| b.isi.jenis.dipasang())
            .map(|b| {
                (
                    b.id.to_string(),
                    b.isi.nama.clone(),
                    nama_jenis(b.isi.jenis),
                )
            })
            .collect(),
        tempat: JenisTempat::ALL
            .iter()
            .filter(|t| !t.terlarang())
            .map(|t| (t.slug().to_string(), nama_tempat(*t)))
            .collect(),
        terlarang: JenisTempat::ALL
            .iter()
            .filter(|t| t.terlarang())
            .map(|t| nama_tempat(*t))
            .collect::<Vec<_>>()
            .join(", "),
        kuota: baris_kuota(s, &kuota).await?,
        desa,
        masa: format!(
            "{} – {}",
            crate::format::tanggal(r.masa.mulai),
            crate::format::tanggal(r.masa.akhir)
        ),
        pesan,
        galat,
    })
}

pub(crate) async fn pasang(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    render(halaman_pasang(&s, &m, id, None, None).await?)
}

fn isian<'a>(isian: &'a [(String, String)], nama: &str) -> &'a str {
    isian
        .iter()
        .find(|(k, _)| k == nama)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// The phone's time of the entry; empty (a form sent without script):
/// now, by the server's clock.
fn waktu_ponsel(s: &str) -> Result<Option<i64>, posko_app::AppError> {
    match s.trim() {
        "" => Ok(None),
        w => w
            .parse()
            .map(Some)
            .map_err(|_| galat(format!("waktu '{w}' bukan detik unix"))),
    }
}

fn lokasi(lat: &str, lng: &str) -> Result<Option<(f64, f64)>, posko_app::AppError> {
    let baca = |s: &str, apa: &str| -> Result<Option<f64>, posko_app::AppError> {
        let s = s.trim().replace(',', ".");
        if s.is_empty() {
            return Ok(None);
        }
        s.parse::<f64>()
            .map(Some)
            .map_err(|_| galat(format!("{apa} '{s}' bukan angka")))
    };
    Ok(match (baca(lat, "lintang")?, baca(lng, "bujur")?) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    })
}

pub(crate) fn pasang_baru(
    f: &[(String, String)],
    foto: Option<(String, Vec<u8>)>,
) -> Result<PasangBaru, posko_app::AppError> {
    let desa =
        KodeWilayah::parse(isian(f, "desa").trim()).map_err(|e| galat(format!("desa: {e}")))?;
    let tempat = JenisTempat::parse(isian(f, "tempat"))
        .ok_or_else(|| galat(format!("tempat '{}' tidak dikenal", isian(f, "tempat"))))?;
    Ok(PasangBaru {
        // A form sent without script has no key of its own: each post is
        // then its own entry.
        kunci_klien: match isian(f, "kunci_klien").trim() {
            "" => Uuid::now_v7().to_string(),
            k => k.to_string(),
        },
        barang: uuid_isian("barang", isian(f, "barang"))?,
        desa,
        tempat,
        keterangan: isian(f, "keterangan").to_string(),
        foto,
        lokasi: lokasi(isian(f, "lat"), isian(f, "lng"))?,
        waktu: waktu_ponsel(isian(f, "waktu"))?,
    })
}

/// An installation from the form (perhaps from the phone's queue): the
/// form again with what happened; 422 with the reason when refused (the
/// queue then drops it and shows why).
pub(crate) async fn pasang_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    req: axum::extract::Request,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kiriman = match crate::medsos::baca_kiriman_berkas(&m, &headers, req, "foto").await? {
        Ok(k) => k,
        Err(r) => return Ok(r),
    };
    let hasil = match pasang_baru(&kiriman.isian, kiriman.berkas) {
        Ok(b) => s.posko.pasang_apk(&m.pengguna, id, b).await,
        Err(e) => Err(e),
    };
    match hasil {
        Ok((_, baru)) => {
            let pesan = crate::t(if baru {
                "lapangan-apk-pasang-tercatat"
            } else {
                "lapangan-apk-pasang-sudah"
            });
            Ok(render(halaman_pasang(&s, &m, id, Some(pesan), None).await?)?.into_response())
        }
        Err(posko_app::AppError::Invalid(g)) => {
            let h = render(halaman_pasang(&s, &m, id, None, Some(g)).await?)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, h).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "lapangan_apk_turun.html")]
struct HalamanTurun {
    judul: String,
    dasar: String,
    akhir: String,
    setelah_kampanye: bool,
    /// (desa, items to take down)
    desa: Vec<(String, Vec<BarisPasang>)>,
    pesan: Option<String>,
}

async fn halaman_turun(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    pesan: Option<String>,
) -> Result<HalamanTurun, PageError> {
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            id,
            &[JenisLapangan::Barang, JenisLapangan::Pasang],
        )
        .await?;
    let daftar = r.wajib_turun();
    let nama = nama_wilayah(s, daftar.iter().map(|x| x.isi.desa).collect()).await?;
    let mut desa: Vec<(String, Vec<BarisPasang>)> = Vec::new();
    for x in daftar {
        let label = nama_dari(&nama, x.isi.desa);
        let b = baris_pasang(&r, &nama, x);
        match desa.last_mut() {
            Some((l, v)) if *l == label => v.push(b),
            _ => desa.push((label, vec![b])),
        }
    }
    Ok(HalamanTurun {
        judul: crate::t("lapangan-apk-turun-judul"),
        dasar: dasar(&r),
        akhir: crate::format::tanggal(r.masa.akhir),
        setelah_kampanye: posko_domain::lapangan::wajib_turun(&r.masa, r.hari_ini, false),
        desa,
        pesan,
    })
}

pub(crate) async fn turun(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    render(halaman_turun(&s, &m, id, None).await?)
}

#[derive(Template)]
#[template(path = "lapangan_apk_satu.html")]
struct HalamanSatu {
    judul: String,
    dasar: String,
    csrf: String,
    aksi: String,
    baris: BarisPasang,
    keterangan: String,
    lokasi: String,
    foto: String,
    /// (photo href, when, by) of the take-down.
    turun: Option<(String, String, String)>,
    boleh_turun: bool,
    galat: Option<String>,
}

async fn halaman_satu(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    pid: Uuid,
    galat: Option<String>,
) -> Result<HalamanSatu, PageError> {
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            id,
            &[JenisLapangan::Barang, JenisLapangan::Pasang],
        )
        .await?;
    let x = cari(&r, pid)?;
    let nama = nama_wilayah(s, vec![x.isi.desa]).await?;
    let d = dasar(&r);
    let href = format!("{d}/apk/{pid}");
    let zona = ZonaWaktu::dari_wilayah(&x.isi.desa);
    Ok(HalamanSatu {
        judul: nama_jenis(x.isi.jenis),
        csrf: m.sesi.csrf.clone(),
        aksi: format!("{href}/turun"),
        baris: baris_pasang(&r, &nama, x),
        keterangan: x.isi.keterangan.clone(),
        lokasi: format!("{:.5},{:.5}", x.isi.lat, x.isi.lng),
        foto: format!("{href}/foto/{}", x.isi.foto),
        turun: x.isi.turun.as_ref().map(|t| {
            (
                format!("{href}/foto/{}", t.foto),
                crate::format::waktu(t.waktu, zona),
                r.nama(t.oleh),
            )
        }),
        boleh_turun: x.isi.turun.is_none()
            && posko_domain::lapangan::wajib_turun(&r.masa, r.hari_ini, false),
        galat,
        dasar: d,
    })
}

pub(crate) async fn satu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, pasang)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let pid = pasang_id(&pasang)?;
    render(halaman_satu(&s, &m, id, pid, None).await?)
}

/// A take-down proof from the item's form (perhaps from the phone's
/// queue): the checklist with what happened, or the item again with why
/// (422).
pub(crate) async fn turun_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, pasang)): Path<(String, String)>,
    req: axum::extract::Request,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let pid = pasang_id(&pasang)?;
    let kiriman = match crate::medsos::baca_kiriman_berkas(&m, &headers, req, "foto").await? {
        Ok(k) => k,
        Err(r) => return Ok(r),
    };
    let hasil = match waktu_ponsel(isian(&kiriman.isian, "waktu")) {
        Ok(waktu) => {
            s.posko
                .turunkan_apk(
                    &m.pengguna,
                    id,
                    pid,
                    TurunBaru {
                        foto: kiriman.berkas,
                        waktu,
                    },
                )
                .await
        }
        Err(e) => Err(e),
    };
    match hasil {
        Ok(baru) => {
            let pesan = crate::t(if baru {
                "lapangan-apk-turun-tercatat"
            } else {
                "lapangan-apk-turun-sudah"
            });
            Ok(render(halaman_turun(&s, &m, id, Some(pesan)).await?)?.into_response())
        }
        Err(posko_app::AppError::Invalid(g)) => {
            let h = render(halaman_satu(&s, &m, id, pid, Some(g)).await?)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, h).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// A photo of an installation or its take-down, only when that
/// installation (in the reader's scope) names it.
pub(crate) async fn foto(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, pasang, hash)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    use axum::http::header;
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let pid = pasang_id(&pasang)?;
    let Some((bytes, jenis)) = s.posko.foto_apk(&m.pengguna, id, pid, &hash).await? else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        ));
    };
    Ok((
        [
            (header::CONTENT_TYPE, jenis.to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}
