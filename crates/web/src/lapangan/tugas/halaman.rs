//! The tasks' pages: the list, the new-task form, one task with its
//! proof form and who completed it, a proof's photo, completion per area.

use askama::Template;
use axum::extract::Query;
use posko_domain::lapangan::StatusTugas;
use posko_domain::{KodeWilayah, ZonaWaktu};
use posko_storage::JenisLapangan;

use super::*;

const JENIS: [JenisLapangan; 2] = [JenisLapangan::Tugas, JenisLapangan::Selesai];

#[derive(Deserialize)]
pub(crate) struct SaringDaftar {
    /// `saya` (assigned to me), `dikirim` (sent by me), `wilayah` (all I
    /// may see, of `wilayah` when given).
    #[serde(default)]
    lihat: String,
    #[serde(default)]
    wilayah: String,
}

struct BarisTugas {
    href: String,
    judul: String,
    tempat: String,
    batas: String,
    bukti: String,
    /// My own status, or "n of m done, k late".
    keadaan: String,
    perhatian: bool,
}

#[derive(Template)]
#[template(path = "lapangan_tugas.html")]
struct HalamanDaftar {
    judul: String,
    dasar: String,
    /// (href, label, chosen)
    tab: Vec<(String, String, bool)>,
    lihat: String,
    wilayah: String,
    baris: Vec<BarisTugas>,
    boleh_kelola: bool,
}

/// "2 of 3 done · 1 late" for a task's assignees.
fn ringkas(r: &RuangLapangan, t: &Tersimpan<Tugas>) -> (String, bool) {
    let orang = t.isi.orang();
    let mut selesai = 0usize;
    let mut telat = 0usize;
    for o in &orang {
        match r.status_tugas(t, *o) {
            StatusTugas::Selesai => selesai += 1,
            StatusTugas::Terlambat => telat += 1,
            StatusTugas::Terbuka => {}
        }
    }
    let mut s = crate::t2("lapangan-tugas-n-dari-m", "n", selesai, "m", orang.len());
    if telat > 0 {
        s.push_str(" · ");
        s.push_str(&crate::t1("lapangan-tugas-n-terlambat", "n", telat));
    }
    (s, telat > 0)
}

pub(crate) fn nama_status(s: StatusTugas) -> String {
    crate::t(match s {
        StatusTugas::Terbuka => "lapangan-tugas-status-terbuka",
        StatusTugas::Terlambat => "lapangan-tugas-status-terlambat",
        StatusTugas::Selesai => "lapangan-tugas-status-selesai",
    })
}

pub(crate) async fn daftar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<SaringDaftar>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_lapangan(&m.pengguna, id, &JENIS).await?;
    let saya = m.pengguna.id;
    let lihat = match q.lihat.as_str() {
        "dikirim" | "wilayah" => q.lihat.clone(),
        _ => "saya".to_string(),
    };
    let wilayah = match q.wilayah.trim() {
        "" => None,
        w => Some(crate::param::wilayah(w)?),
    };
    let mut tugas: Vec<&Tersimpan<Tugas>> = r
        .tugas
        .iter()
        .filter(|t| match lihat.as_str() {
            "dikirim" => t.isi.dibuat_oleh == saya,
            "wilayah" => wilayah.is_none_or(|w| w.mencakup(&t.isi.wilayah)),
            _ => t.isi.ditugaskan_kepada(saya),
        })
        .collect();
    tugas.sort_by_key(|t| (std::cmp::Reverse(t.isi.batas), t.id));
    let kode: Vec<KodeWilayah> = tugas.iter().map(|t| t.isi.wilayah).collect();
    let nama = s.posko.nama_wilayah_banyak(&kode).await?;
    let d = dasar(&r);
    let baris = tugas
        .into_iter()
        .map(|t| {
            let (keadaan, perhatian) = if lihat == "saya" {
                let st = r.status_tugas(t, saya);
                (nama_status(st), st == StatusTugas::Terlambat)
            } else {
                ringkas(&r, t)
            };
            BarisTugas {
                href: format!("{d}/tugas/{}", t.id),
                judul: t.isi.judul.clone(),
                tempat: nama
                    .get(&t.isi.wilayah)
                    .cloned()
                    .unwrap_or_else(|| t.isi.wilayah.to_string()),
                batas: crate::format::tanggal(t.isi.batas),
                bukti: nama_bukti(t.isi.bukti),
                keadaan,
                perhatian,
            }
        })
        .collect();
    let tab = [
        ("saya", "lapangan-tugas-tab-saya"),
        ("dikirim", "lapangan-tugas-tab-dikirim"),
        ("wilayah", "lapangan-tugas-tab-wilayah"),
    ]
    .into_iter()
    .map(|(k, label)| (format!("{d}/tugas?lihat={k}"), crate::t(label), lihat == k))
    .collect();
    render(HalamanDaftar {
        judul: crate::t1(
            "lapangan-tugas-judul",
            "pemilihan",
            r.pemilihan.nama.clone(),
        ),
        tab,
        lihat,
        wilayah: wilayah.map(|w| w.to_string()).unwrap_or_default(),
        baris,
        boleh_kelola: boleh(&m, &r, I::KelolaLapangan),
        dasar: d,
    })
}

#[derive(Template)]
#[template(path = "lapangan_tugas_baru.html")]
struct HalamanBaru {
    judul: String,
    dasar: String,
    csrf: String,
    orang: Vec<(String, String)>,
    koordinator: Vec<(String, String)>,
    bukti: Vec<(String, String)>,
    hari_ini: String,
}

pub(crate) async fn baru(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s
        .posko
        .ruang_lapangan(&m.pengguna, id, &[JenisLapangan::Pengaturan])
        .await?;
    let pilihan = |v: Vec<(Uuid, String)>, awal: &str| -> Vec<(String, String)> {
        v.into_iter()
            .map(|(i, n)| (format!("{awal}:{i}"), n))
            .collect()
    };
    let orang = pilihan(
        s.posko
            .orang_lapangan(&m.pengguna, id, I::KerjaLapangan)
            .await?,
        "orang",
    );
    let koordinator = pilihan(
        s.posko
            .orang_lapangan(&m.pengguna, id, I::KelolaLapangan)
            .await?,
        "bawahan",
    );
    render(HalamanBaru {
        judul: crate::t("lapangan-tugas-baru"),
        csrf: m.sesi.csrf.clone(),
        orang,
        koordinator,
        bukti: JenisBukti::ALL
            .iter()
            .map(|j| (j.slug().to_string(), nama_bukti(*j)))
            .collect(),
        hari_ini: r.hari_ini.to_string(),
        dasar: dasar(&r),
    })
}

struct BarisSelesai {
    nama: String,
    status: String,
    perhatian: bool,
    bukti: String,
    /// The photo's page, or a geo: link.
    tautan: Option<String>,
    waktu: String,
}

#[derive(Template)]
#[template(path = "lapangan_tugas_satu.html")]
pub(crate) struct HalamanSatu {
    judul: String,
    dasar: String,
    aksi: String,
    csrf: String,
    uraian: String,
    tempat: String,
    batas: String,
    bukti: String,
    jenis_bukti: String,
    pengirim: String,
    penerima: String,
    /// My own status when I am an assignee.
    status_saya: Option<(String, bool)>,
    /// The proof form (an assignee who has not completed it).
    boleh_kirim: bool,
    baris: Vec<BarisSelesai>,
    pesan: Option<String>,
    galat: Option<String>,
}

pub(crate) async fn halaman_satu(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    tid: Uuid,
    pesan: Option<String>,
    galat: Option<String>,
) -> Result<HalamanSatu, PageError> {
    let r = s.posko.ruang_lapangan(&m.pengguna, id, &JENIS).await?;
    let t = r
        .tugas
        .iter()
        .find(|t| t.id == tid)
        .ok_or_else(|| PageError(StatusCode::NOT_FOUND, crate::t("lapangan-tidak-ada")))?;
    let saya = m.pengguna.id;
    let d = dasar(&r);
    let tempat = s
        .posko
        .nama_wilayah_banyak(&[t.isi.wilayah])
        .await?
        .remove(&t.isi.wilayah)
        .unwrap_or_else(|| t.isi.wilayah.to_string());
    let zona = ZonaWaktu::dari_wilayah(&t.isi.wilayah);
    let status_saya = t.isi.ditugaskan_kepada(saya).then(|| {
        let st = r.status_tugas(t, saya);
        (nama_status(st), st == StatusTugas::Terlambat)
    });
    let boleh_kirim = t.isi.ditugaskan_kepada(saya) && r.selesai_oleh(tid, saya).is_none();
    let penerima = match &t.isi.penerima {
        posko_app::lapangan::tugas::Penerima::Orang(o) => r.nama(*o),
        posko_app::lapangan::tugas::Penerima::Bawahan { koordinator, orang } => crate::t2(
            "lapangan-tugas-penerima-bawahan",
            "nama",
            r.nama(*koordinator),
            "n",
            orang.len(),
        ),
    };
    let mut baris: Vec<BarisSelesai> = t
        .isi
        .orang()
        .into_iter()
        .map(|o| {
            let st = r.status_tugas(t, o);
            let s = r.selesai_oleh(tid, o);
            let (bukti, tautan) = match s.map(|s| &s.isi.bukti) {
                None => (String::new(), None),
                Some(Bukti::Foto(_)) => (
                    crate::t("lapangan-tugas-lihat-foto"),
                    Some(format!("{d}/tugas/{tid}/bukti/{o}")),
                ),
                Some(Bukti::Gps { lat, lng }) => (
                    format!("{lat:.5}, {lng:.5}"),
                    Some(format!("geo:{lat:.6},{lng:.6}")),
                ),
                Some(Bukti::Angka(n)) => (crate::format::ribuan(*n), None),
                Some(Bukti::YaTidak(y)) => (
                    crate::t(if *y {
                        "lapangan-tugas-ya"
                    } else {
                        "lapangan-tugas-tidak"
                    }),
                    None,
                ),
            };
            BarisSelesai {
                nama: r.nama(o),
                status: nama_status(st),
                perhatian: st == StatusTugas::Terlambat,
                bukti,
                tautan,
                waktu: s
                    .map(|s| crate::format::waktu(s.isi.waktu, zona))
                    .unwrap_or_default(),
            }
        })
        .collect();
    baris.sort_by(|a, b| a.nama.cmp(&b.nama));
    Ok(HalamanSatu {
        judul: t.isi.judul.clone(),
        aksi: format!("{d}/tugas/{tid}/selesai"),
        csrf: m.sesi.csrf.clone(),
        uraian: t.isi.uraian.clone(),
        tempat,
        batas: crate::format::tanggal(t.isi.batas),
        bukti: nama_bukti(t.isi.bukti),
        jenis_bukti: t.isi.bukti.slug().to_string(),
        pengirim: r.nama(t.isi.dibuat_oleh),
        penerima,
        status_saya,
        boleh_kirim,
        baris,
        pesan,
        galat,
        dasar: d,
    })
}

pub(crate) async fn satu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, tugas)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let tid = tugas_id(&tugas)?;
    render(halaman_satu(&s, &m, id, tid, None, None).await?)
}

/// A proof's photo, for whoever may see the task (404 otherwise).
pub(crate) async fn foto_bukti(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, tugas, orang)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    use axum::http::header;
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let tid = tugas_id(&tugas)?;
    let orang = tugas_id(&orang)?;
    let Some((bytes, jenis)) = s
        .posko
        .foto_bukti_tugas(&m.pengguna, id, tid, orang)
        .await?
    else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            crate::t("lapangan-tidak-ada"),
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

#[derive(Deserialize)]
pub(crate) struct SaringRekap {
    #[serde(default)]
    wilayah: String,
}

struct BarisRekap {
    /// The drill-down into the child area, when it is one.
    href: Option<String>,
    nama: String,
    ditugaskan: String,
    selesai: String,
    persen: String,
    terlambat: String,
    perhatian: bool,
}

#[derive(Template)]
#[template(path = "lapangan_tugas_rekap.html")]
struct HalamanRekap {
    judul: String,
    dasar: String,
    nama_wilayah: String,
    baris: Vec<BarisRekap>,
    jumlah: BarisRekap,
}

fn baris_rekap(
    b: &posko_app::lapangan::tugas::rekap::BarisRekapTugas,
    href: Option<String>,
    nama: String,
) -> BarisRekap {
    BarisRekap {
        href,
        nama,
        ditugaskan: crate::format::ribuan(b.ditugaskan),
        selesai: crate::format::ribuan(b.selesai),
        persen: crate::format::persen(b.selesai, b.ditugaskan),
        terlambat: crate::format::ribuan(b.terlambat),
        perhatian: b.terlambat > 0,
    }
}

pub(crate) async fn rekap(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<SaringRekap>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let wilayah = match q.wilayah.trim() {
        "" => None,
        w => Some(crate::param::wilayah(w)?),
    };
    let rk = s.posko.rekap_tugas(&m.pengguna, id, wilayah).await?;
    let d = format!("/pemilihan/{id}/lapangan");
    let baris = rk
        .baris
        .iter()
        .map(|b| {
            let anak = b.kode.filter(|k| *k != rk.wilayah);
            let nama = match (b.kode, b.nama.is_empty()) {
                (Some(k), _) if k == rk.wilayah => crate::t("lapangan-tugas-wilayah-ini"),
                (Some(k), true) => k.to_string(),
                _ => b.nama.clone(),
            };
            baris_rekap(
                b,
                anak.map(|k| format!("{d}/tugas/rekap?wilayah={k}")),
                nama,
            )
        })
        .collect();
    let jumlah = baris_rekap(&rk.jumlah, None, crate::t("lapangan-tugas-jumlah"));
    render(HalamanRekap {
        judul: crate::t("lapangan-tugas-rekap-judul"),
        nama_wilayah: if rk.nama.is_empty() {
            rk.wilayah.to_string()
        } else {
            rk.nama.clone()
        },
        baris,
        jumlah,
        dasar: d,
    })
}
