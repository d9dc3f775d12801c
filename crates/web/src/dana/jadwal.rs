//! The reporting calendar on the finance home: each report's window,
//! deadline and filing, today's reminders, the form that records a
//! filing and the one that stores the KPU's own schedule; and the donor
//! list that goes with each report, a personal-data download
//! (watermarked and audited by the app).

use posko_app::dana::JadwalTerlihat;
use posko_domain::dana::{Desakan, Pengingat};

use super::*;
use crate::format::tanggal;

/// One report's line in the calendar.
pub(crate) struct BarisJadwal {
    pub slug: &'static str,
    pub nama: &'static str,
    pub href: String,
    /// "25 September 2029 – 23 Oktober 2029" (or "… – 24 September" for
    /// the LADK, which has no first day).
    pub jendela: String,
    pub batas: String,
    /// Filed on …, with its receipt; empty when not filed.
    pub disampaikan: String,
    pub tertutup: bool,
}

/// What the finance home shows of the calendar.
pub(crate) struct BagianJadwal {
    pub baris: Vec<BarisJadwal>,
    pub pengingat: Vec<(String, &'static str)>,
    pub diatur_kpu: bool,
    /// The six dates of the KPU-schedule form, as stored or as the
    /// pattern gives them.
    pub isian: Vec<(&'static str, &'static str, String)>,
}

/// A reminder as a sentence, and its urgency's CSS class.
pub(crate) fn kalimat_pengingat(p: &Pengingat) -> (String, &'static str) {
    // The report's short name (LADK, LPSDK, LPPDK), as treasurers and the
    // KPU say it: the long one would open an English sentence in lower case.
    let nama = p.periode.slug().to_uppercase();
    let batas = tanggal(p.batas);
    match p.desakan {
        Desakan::Terlambat => (
            crate::tn(
                "dana-pengingat-terlambat",
                &[
                    ("laporan", &nama.as_str()),
                    ("batas", &batas),
                    ("hari", &(-p.sisa_hari).to_string()),
                ],
            ),
            "pesan-galat",
        ),
        Desakan::HariIni => (
            crate::t2(
                "dana-pengingat-hari-ini",
                "laporan",
                nama.as_str(),
                "batas",
                batas,
            ),
            "pesan-galat",
        ),
        Desakan::Segera | Desakan::Mendatang => (
            crate::tn(
                "dana-pengingat-segera",
                &[
                    ("laporan", &nama.as_str()),
                    ("batas", &batas),
                    ("hari", &p.sisa_hari.to_string()),
                ],
            ),
            if p.desakan == Desakan::Segera {
                "pesan-peringatan"
            } else {
                "pesan-info"
            },
        ),
    }
}

pub(crate) fn bagian(j: &JadwalTerlihat, dasar: &str) -> BagianJadwal {
    let baris = j
        .periode
        .iter()
        .map(|s| {
            let w = &s.jendela;
            BarisJadwal {
                slug: w.periode.slug(),
                nama: kata(w.periode.label(), w.periode.label_en()),
                href: format!("{dasar}/laporan/{}", w.periode.slug()),
                jendela: match w.awal {
                    Some(a) => format!("{} – {}", tanggal(a), tanggal(w.akhir)),
                    None => format!("… – {}", tanggal(w.akhir)),
                },
                batas: tanggal(w.batas_penyampaian),
                disampaikan: match &s.disampaikan {
                    None => String::new(),
                    Some(d) => {
                        let mut t =
                            crate::t1("dana-disampaikan-pada", "tanggal", tanggal(d.tanggal));
                        if !d.tanda_terima.is_empty() {
                            t.push_str(&format!(" · {}", d.tanda_terima));
                        }
                        if s.kali_disampaikan > 1 {
                            t.push_str(&format!(
                                " · {}",
                                crate::t1(
                                    "dana-disampaikan-kali",
                                    "kali",
                                    s.kali_disampaikan.to_string()
                                )
                            ));
                        }
                        t
                    }
                },
                tertutup: s.tertutup,
            }
        })
        .collect();
    let nama_isian = [
        ("ladk_akhir", "ladk_batas"),
        ("lpsdk_akhir", "lpsdk_batas"),
        ("lppdk_akhir", "lppdk_batas"),
    ];
    let mut isian = Vec::new();
    for (w, (akhir, batas)) in j.jadwal.jendela.iter().zip(nama_isian) {
        let nama = kata(w.periode.label(), w.periode.label_en());
        isian.push((akhir, nama, w.akhir.to_string()));
        isian.push((batas, nama, w.batas_penyampaian.to_string()));
    }
    BagianJadwal {
        baris,
        pengingat: j.pengingat.iter().map(kalimat_pengingat).collect(),
        diatur_kpu: j.diatur_kpu,
        isian,
    }
}

/// The KPU-schedule form: each report's last booked date and deadline;
/// `pola` (any value) goes back to the 2024 pattern.
#[derive(Deserialize)]
pub(crate) struct FormJadwal {
    csrf: String,
    #[serde(default)]
    pola: String,
    #[serde(default)]
    ladk_akhir: String,
    #[serde(default)]
    ladk_batas: String,
    #[serde(default)]
    lpsdk_akhir: String,
    #[serde(default)]
    lpsdk_batas: String,
    #[serde(default)]
    lppdk_akhir: String,
    #[serde(default)]
    lppdk_batas: String,
}

impl FormJadwal {
    fn baca(&self) -> Result<Option<[(Date, Date); 3]>, AppError> {
        if !self.pola.trim().is_empty() {
            return Ok(None);
        }
        let d = |s: &str| baca_tanggal(s);
        Ok(Some([
            (d(&self.ladk_akhir)?, d(&self.ladk_batas)?),
            (d(&self.lpsdk_akhir)?, d(&self.lpsdk_batas)?),
            (d(&self.lppdk_akhir)?, d(&self.lppdk_batas)?),
        ]))
    }
}

pub(super) async fn jadwal_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormJadwal>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let jadwal = f.baca()?;
    let a = s
        .posko
        .pengaturan_dana(&m.pengguna, id)
        .await?
        .ok_or_else(|| salah(crate::t("dana-laporan-belum")))?;
    s.posko
        .atur_dana_jadwal(
            &m.pengguna,
            id,
            a.mulai_kampanye,
            a.akhir_kampanye,
            a.batas_belanja,
            jadwal,
        )
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/dana#jadwal"
    )))
}

/// The filing form: which report, when, the receipt number, a note.
#[derive(Deserialize, Default, Debug, utoipa::ToSchema)]
pub(crate) struct FormPenyampaian {
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: String,
    /// ladk, lpsdk, lppdk
    pub periode: String,
    /// TTTT-BB-HH: the day it was filed.
    pub tanggal: String,
    /// The receipt (tanda terima) number SIKADEKA or the office gave.
    #[serde(default)]
    pub tanda_terima: String,
    #[serde(default)]
    pub catatan: String,
}

impl FormPenyampaian {
    pub(crate) fn baca(&self) -> Result<(Periode, Date), AppError> {
        let periode = Periode::parse(self.periode.trim()).map_err(AppError::invalid)?;
        Ok((periode, baca_tanggal(&self.tanggal)?))
    }
}

pub(super) async fn penyampaian_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormPenyampaian>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let (periode, tanggal) = f.baca()?;
    s.posko
        .catat_penyampaian_dana(
            &m.pengguna,
            id,
            periode,
            tanggal,
            &f.tanda_terima,
            &f.catatan,
        )
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/dana#jadwal"
    )))
}

/// A report's donor list (`xlsx` or `pdf`): names, addresses, NIK, NPWP
/// and phones, so watermarked and audited like every personal-data file.
pub(super) async fn penyumbang_berkas(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, periode, format)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let tidak_ada = || {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        )
    };
    let per = Periode::parse(&periode).map_err(|_| tidak_ada())?;
    let (f, berkas) = match format.as_str() {
        "xlsx" => (
            posko_app::dana::FormatLaporan::Xlsx,
            crate::ekspor::Berkas::Xlsx,
        ),
        "pdf" => (
            posko_app::dana::FormatLaporan::Pdf,
            crate::ekspor::Berkas::Pdf,
        ),
        _ => return Err(tidak_ada()),
    };
    let b = s
        .posko
        .berkas_penyumbang_dana(&m.pengguna, id, per, f)
        .await?;
    let nama = b
        .nama_berkas
        .rsplit_once('.')
        .map_or(b.nama_berkas.as_str(), |(n, _)| n);
    Ok(crate::ekspor::kirim(b.isi, berkas, nama))
}

/// The finance tile of the war room and the home page: spending against
/// the region's cap and today's reminders, for those who may see the
/// finances (None for everyone else, so nothing of it shows).
pub(crate) struct KartuDana {
    pub href: String,
    /// "62,5 %" of the cap spent, when a cap is set.
    pub persen: Option<String>,
    pub belanja: String,
    pub batas: Option<String>,
    pub pengingat: Vec<(String, &'static str)>,
}

pub(crate) async fn kartu_dana(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
) -> Result<Option<KartuDana>, PageError> {
    if !s.posko.boleh_lihat_dana(&m.pengguna, id).await? {
        return Ok(None);
    }
    let r = s.posko.ringkasan_dana(&m.pengguna, id).await?;
    let pengingat = s.posko.pengingat_dana(&m.pengguna, id).await?;
    Ok(Some(KartuDana {
        href: format!("/pemilihan/{id}/dana"),
        persen: r.persen_batas.map(super::persen_teks),
        belanja: r.belanja_kampanye.to_string(),
        batas: r.batas_belanja.map(|b| b.to_string()),
        pengingat: pengingat.iter().map(kalimat_pengingat).collect(),
    }))
}
