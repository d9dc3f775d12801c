//! Vote targets per area, sorted by the gap to close.

use super::*;
use crate::ekspor::Berkas;
use posko_storage::SumberPartisipasi;

// ------------------------------------------------------------ targets

pub(super) struct BarisTarget {
    kode: String,
    nama: String,
    tautan: Option<String>,
    dpt: String,
    dibutuhkan: String,
    pendukung: String,
    selisih: String,
    tercapai: String,
    /// DPT, votes needed, supporters, gap: the figures as numbers, for
    /// the downloads.
    angka: [u64; 4],
}

pub(super) struct PilihanPemilihan {
    id: Uuid,
    nama: String,
    dipilih: bool,
}

#[derive(Template)]
#[template(path = "target.html")]
pub(super) struct TargetPage {
    kode: String,
    nama: String,
    pemilihan: Vec<PilihanPemilihan>,
    partisipasi: String,
    target: String,
    banyak_paslon: bool,
    /// The imported history's name, when turnout may come from it.
    riwayat: Option<String>,
    dari_riwayat: bool,
    asumsi: Vec<String>,
    galat: Option<String>,
    baris: Vec<BarisTarget>,
    /// Shown to those who may save the assumptions for the election.
    simpan: Option<SimpanAsumsi>,
    disimpan: bool,
    /// The table's downloads, once there is a table.
    unduh: Option<crate::ekspor::Tautan>,
    /// The doorstep survey's answers in the area, per question of the
    /// chosen election.
    survei: Vec<RingkasanSoal>,
    survei_pemilihan: String,
    /// The survey results' downloads, for the election shown.
    unduh_survei: Option<crate::ekspor::Tautan>,
}

pub(super) struct RingkasanSoal {
    kode: String,
    teks: String,
    aktif: bool,
    jumlah: String,
    /// (label, count, bar)
    jawaban: Vec<(String, String, String)>,
    /// The answers counted and each answer's count as numbers, for the
    /// downloads.
    jumlah_jawaban: u64,
    angka: Vec<u64>,
}

pub(super) struct SimpanAsumsi {
    aksi: String,
    csrf: String,
}

#[derive(Deserialize, Default)]
pub(super) struct TargetQ {
    pemilihan: Option<String>,
    partisipasi: Option<String>,
    target: Option<String>,
    sumber: Option<String>,
    disimpan: Option<String>,
}

/// Turnout assumed when none is given: about the turnout of recent
/// Pilkada.
const PARTISIPASI_BAWAAN: &str = "70";
/// Share of valid votes aimed for when more than two paslon run and none
/// is given.
const TARGET_BAWAAN: &str = "40";

pub(super) fn isi(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub(super) async fn target_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    Query(q): Query<TargetQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let kode = crate::param::wilayah(&kode)?;
    render(susun_target(&s, &m, kode, &q).await?)
}

/// The targets page of `kode` as `q` asks: the assumptions, and the
/// table (or what is wrong with what was typed, in `galat`).
async fn susun_target(
    s: &AppState,
    m: &Masuk,
    kode: KodeWilayah,
    q: &TargetQ,
) -> Result<TargetPage, PageError> {
    let view = s.posko.wilayah_view(Some(kode)).await?;
    let mut page = TargetPage {
        kode: kode.to_string(),
        nama: view
            .wilayah
            .as_ref()
            .map(|w| w.nama.clone())
            .unwrap_or_default(),
        pemilihan: Vec::new(),
        partisipasi: String::new(),
        target: String::new(),
        banyak_paslon: false,
        riwayat: s.posko.ambil_riwayat().await?.map(|r| r.nama),
        dari_riwayat: false,
        asumsi: Vec::new(),
        galat: None,
        baris: Vec::new(),
        simpan: None,
        disimpan: q.disimpan.is_some(),
        unduh: None,
        survei: Vec::new(),
        survei_pemilihan: String::new(),
        unduh_survei: None,
    };
    let mut semua: Vec<_> = s
        .posko
        .daftar_pemilihan()
        .await?
        .into_iter()
        .filter(|p| p.wilayah.mencakup(&kode))
        .collect();
    semua.sort_by_key(|p| std::cmp::Reverse(p.tanggal));
    let dipilih = isi(&q.pemilihan)
        .and_then(|x| Uuid::parse_str(x).ok())
        .filter(|id| semua.iter().any(|p| p.id == *id))
        .or_else(|| semua.first().map(|p| p.id));
    page.pemilihan = semua
        .iter()
        .map(|p| PilihanPemilihan {
            id: p.id,
            nama: format!("{} ({})", p.nama, tanggal(p.tanggal)),
            dipilih: Some(p.id) == dipilih,
        })
        .collect();
    let Some(pid) = dipilih else {
        page.galat = Some(crate::t("target-belum-ada-pemilihan"));
        return Ok(page);
    };
    page.survei_pemilihan = semua
        .iter()
        .find(|p| p.id == pid)
        .map(|p| p.nama.clone())
        .unwrap_or_default();
    let inggris = crate::bahasa::kode() == "en";
    page.survei = s
        .posko
        .ringkasan_survei(&m.pengguna, kode, pid)
        .await?
        .into_iter()
        .map(|r| {
            let maks = r.jawaban.iter().map(|j| j.2).max().unwrap_or(0);
            RingkasanSoal {
                kode: r.pertanyaan.kode.clone(),
                teks: r.pertanyaan.teks_dalam(inggris).to_string(),
                aktif: r.pertanyaan.aktif,
                jumlah: ribuan(r.jumlah),
                jumlah_jawaban: r.jumlah,
                angka: r.jawaban.iter().map(|j| j.2).collect(),
                jawaban: r
                    .jawaban
                    .into_iter()
                    .map(|(_, label, n)| (label, ribuan(n), super::batang(n, maks)))
                    .collect(),
            }
        })
        .collect();
    if !page.survei.is_empty() {
        page.unduh_survei = Some(crate::ekspor::Tautan::new(
            &format!("/target/{kode}/survei"),
            &format!("?pemilihan={pid}"),
        ));
    }
    let paslon = s.posko.pemilihan_view(pid).await?.paslon.len();
    page.banyak_paslon = paslon > 2;
    // What was typed wins; else what the manager saved; else the defaults.
    let tersimpan = s.posko.ambil_asumsi_target(pid).await?;
    let ditulis = isi(&q.partisipasi).is_some();
    page.partisipasi = match (isi(&q.partisipasi), &tersimpan) {
        (Some(p), _) => p.to_string(),
        (None, Some(a)) => a.partisipasi.to_string(),
        (None, None) => PARTISIPASI_BAWAAN.to_string(),
    };
    page.target = match (isi(&q.target), &tersimpan) {
        (Some(t), _) => t.to_string(),
        (None, Some(a)) => a.target_suara.map(|t| t.to_string()).unwrap_or_default(),
        (None, None) => String::new(),
    };
    page.dari_riwayat = page.riwayat.is_some()
        && match (isi(&q.sumber), &tersimpan) {
            (Some(x), _) => x == "riwayat",
            (None, Some(a)) => a.sumber == SumberPartisipasi::Riwayat,
            (None, None) => false,
        };
    if diizinkan(
        &m.pengguna.penugasan,
        Izin::KelolaPemilihan,
        &Objek::Wilayah(kode),
    ) {
        page.simpan = Some(SimpanAsumsi {
            aksi: format!("/pemilihan/{pid}/asumsi-target"),
            csrf: m.sesi.csrf.clone(),
        });
    }
    if let Some(a) = tersimpan.as_ref().filter(|_| !ditulis) {
        page.asumsi.push(crate::t2(
            "target-asumsi-tersimpan",
            "oleh",
            a.oleh.clone(),
            "waktu",
            tanggal_unix(a.diubah),
        ));
    }
    let partisipasi = match Persen::parse(&page.partisipasi) {
        Ok(p) => p,
        Err(e) => {
            page.galat = Some(crate::t1(
                "target-galat-partisipasi",
                "galat",
                e.to_string(),
            ));
            return Ok(page);
        }
    };
    if !ditulis && tersimpan.is_none() {
        page.asumsi.push(crate::t1(
            "target-asumsi-partisipasi-bawaan",
            "persen",
            partisipasi.to_string(),
        ));
    } else {
        page.asumsi.push(crate::t1(
            "target-asumsi-partisipasi",
            "persen",
            partisipasi.to_string(),
        ));
    }
    let mut target = None;
    if paslon > 2 {
        if page.target.is_empty() {
            page.target = TARGET_BAWAAN.into();
            page.asumsi.push(crate::t2(
                "target-asumsi-target-bawaan",
                "paslon",
                paslon,
                "persen",
                TARGET_BAWAAN,
            ));
        }
        match Persen::parse(&page.target) {
            Ok(t) => {
                if isi(&q.target).is_some() {
                    page.asumsi.push(crate::t2(
                        "target-asumsi-target",
                        "paslon",
                        paslon,
                        "persen",
                        t.to_string(),
                    ));
                }
                target = Some(t);
            }
            Err(e) => {
                page.galat = Some(crate::t1("target-galat-target", "galat", e.to_string()));
                return Ok(page);
            }
        }
    } else if paslon > 0 {
        page.asumsi
            .push(crate::t1("target-asumsi-dua-paslon", "paslon", paslon));
    }
    let sumber = if page.dari_riwayat {
        SumberPartisipasi::Riwayat
    } else {
        SumberPartisipasi::Tetap
    };
    let hasil = match s
        .posko
        .target_dengan(pid, kode, partisipasi, sumber, target)
        .await
    {
        Ok(r) => r,
        Err(e) => {
            page.galat = Some(ditolak(e)?.1);
            return Ok(page);
        }
    };
    if let (true, Some(nama)) = (page.dari_riwayat, &page.riwayat) {
        page.asumsi.push(crate::t2(
            "target-asumsi-riwayat",
            "riwayat",
            nama.clone(),
            "tps",
            ribuan(hasil.tps_riwayat),
        ));
        if hasil.tps_tetap > 0 {
            page.asumsi.push(crate::t2(
                "target-asumsi-riwayat-cadangan",
                "tps",
                ribuan(hasil.tps_tetap),
                "persen",
                partisipasi.to_string(),
            ));
        }
    }
    let rows = hasil.baris;
    let nama: HashMap<String, String> = view
        .anak
        .iter()
        .map(|a| (a.wilayah.kode.to_string(), a.wilayah.nama.clone()))
        .collect();
    let mut kueri = format!(
        "?pemilihan={pid}&partisipasi={}&sumber={}",
        page.partisipasi,
        if page.dari_riwayat {
            "riwayat"
        } else {
            "tetap"
        }
    );
    if page.banyak_paslon {
        let _ = write!(kueri, "&target={}", page.target);
    }
    let kueri = kueri.replace(',', "%2C").replace(' ', "+");
    page.baris = rows
        .into_iter()
        .map(|b| {
            let wilayah = kode.tingkat() != Tingkat::Desa;
            BarisTarget {
                nama: if wilayah {
                    nama.get(&b.kode).cloned().unwrap_or_default()
                } else {
                    posko_domain::KodeTps::parse(&b.kode)
                        .map(|t| format!("TPS {}", t.nomor()))
                        .unwrap_or_default()
                },
                tautan: wilayah.then(|| format!("/target/{}{kueri}", b.kode)),
                dpt: ribuan(b.dpt),
                dibutuhkan: ribuan(b.dibutuhkan),
                pendukung: ribuan(b.pendukung),
                selisih: ribuan(b.selisih),
                tercapai: crate::format::persen(b.pendukung.min(b.dibutuhkan), b.dibutuhkan),
                angka: [b.dpt, b.dibutuhkan, b.pendukung, b.selisih],
                kode: b.kode,
            }
        })
        .collect();
    page.unduh = Some(crate::ekspor::Tautan::new(
        &format!("/target/{kode}"),
        &kueri,
    ));
    Ok(page)
}

#[derive(Deserialize)]
pub(super) struct AsumsiForm {
    csrf: String,
    partisipasi: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    sumber: String,
    /// The region page to go back to.
    kembali: String,
}

/// Saves the assumptions typed on a target page for the whole election.
pub(super) async fn simpan_asumsi(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<AsumsiForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let pid = crate::param::pemilihan(&id)?;
    let kembali = crate::param::wilayah(&f.kembali)?;
    let salah = |kunci: &str, e: posko_domain::TargetError| {
        PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t1(kunci, "galat", e.to_string()),
        )
    };
    let partisipasi =
        Persen::parse(&f.partisipasi).map_err(|e| salah("target-galat-partisipasi", e))?;
    let target = match f.target.trim() {
        "" => None,
        t => Some(Persen::parse(t).map_err(|e| salah("target-galat-target", e))?),
    };
    let sumber = if f.sumber == "riwayat" {
        SumberPartisipasi::Riwayat
    } else {
        SumberPartisipasi::Tetap
    };
    if let Err(e) = s
        .posko
        .simpan_asumsi_target(
            &posko_app::Aktor::pengguna(&m.pengguna),
            &m.pengguna.username,
            pid,
            partisipasi,
            sumber,
            target,
        )
        .await
    {
        let (status, pesan) = ditolak(e)?;
        return Err(PageError(status, pesan));
    }
    Ok(see_other(&format!(
        "/target/{kembali}?pemilihan={pid}&disimpan=1"
    )))
}

// ------------------------------------------------------------ downloads

/// The targets table with the same assumptions as the page it was linked
/// from (its query), or the page's own error when they do not parse.
pub(super) async fn target_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    Query(q): Query<TargetQ>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    let kode = crate::param::wilayah(&kode)?;
    let page = susun_target(&s, &m, kode, &q).await?;
    if let Some(galat) = page.galat {
        return Err(PageError(StatusCode::UNPROCESSABLE_ENTITY, galat));
    }
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&kode));
    t.judul = crate::t1("target-h1", "nama", page.nama.clone());
    t.subjudul = format!(
        "{} · {} ({kode})",
        page.pemilihan
            .iter()
            .find(|p| p.dipilih)
            .map(|p| p.nama.clone())
            .unwrap_or_default(),
        page.nama
    );
    t.catatan = page.asumsi;
    t.kolom = vec![
        Kolom::new(crate::t("target-wilayah-tps"), J::Teks),
        Kolom::new(crate::t("ekspor-kolom-kode"), J::Kode),
        Kolom::new("DPT", J::Bulat),
        Kolom::new(crate::t("target-dibutuhkan"), J::Bulat),
        Kolom::new(crate::t("nav-pendukung"), J::Bulat),
        Kolom::new(crate::t("target-kekurangan"), J::Bulat),
        Kolom::new(crate::t("target-tercapai"), J::Persen),
    ];
    let mut jumlah = [0u64; 4];
    t.baris = page
        .baris
        .into_iter()
        .map(|b| {
            for (j, n) in jumlah.iter_mut().zip(b.angka) {
                *j += n;
            }
            let [dpt, butuh, dukung, kurang] = b.angka;
            vec![
                Sel::Teks(b.nama),
                Sel::Teks(b.kode),
                Sel::Bulat(dpt),
                Sel::Bulat(butuh),
                Sel::Bulat(dukung),
                Sel::Bulat(kurang),
                Sel::rasio(dukung.min(butuh), butuh),
            ]
        })
        .collect();
    let [dpt, butuh, dukung, kurang] = jumlah;
    t.total = Some(vec![
        Sel::Teks(crate::t("ekspor-jumlah")),
        Sel::Teks(kode.to_string()),
        Sel::Bulat(dpt),
        Sel::Bulat(butuh),
        Sel::Bulat(dukung),
        Sel::Bulat(kurang),
        Sel::Kosong,
    ]);
    crate::ekspor::unduhan(t, berkas, &format!("target-{kode}")).await
}

/// The survey results of the page's election, every question's table in
/// one sheet (a question per block of rows) so they sort and filter
/// together. Counts of answers name nobody: not logged.
pub(super) async fn survei_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    Query(q): Query<TargetQ>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    let kode = crate::param::wilayah(&kode)?;
    let page = susun_target(&s, &m, kode, &q).await?;
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&kode));
    t.judul = format!("{} · {}", crate::t("survei-hasil"), page.nama);
    t.subjudul = crate::t1(
        "survei-hasil-petunjuk",
        "pemilihan",
        page.survei_pemilihan.clone(),
    );
    t.kolom = vec![
        Kolom::new(crate::t("survei-pertanyaan"), J::Teks),
        Kolom::new(crate::t("survei-kode"), J::Kode),
        Kolom::new(crate::t("survei-jawaban"), J::Teks),
        Kolom::new(crate::t("survei-jumlah"), J::Bulat),
        Kolom::new(crate::t("ekspor-kolom-porsi-jawaban"), J::Persen),
    ];
    t.baris = page
        .survei
        .into_iter()
        .flat_map(|r| {
            let (teks, kode, seluruh) = (r.teks, r.kode, r.jumlah_jawaban);
            r.jawaban
                .into_iter()
                .zip(r.angka)
                .map(move |((label, _, _), n)| {
                    vec![
                        Sel::Teks(teks.clone()),
                        Sel::Teks(kode.clone()),
                        Sel::Teks(label),
                        Sel::Bulat(n),
                        Sel::rasio(n, seluruh),
                    ]
                })
        })
        .collect();
    crate::ekspor::unduhan(t, berkas, &format!("survei-{kode}")).await
}
