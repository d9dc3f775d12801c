//! The LADK/LPSDK/LPPDK pages, with their lines checked against the
//! ledger, and the same reports as the files the KPU receives.

use super::*;

// ---------------------------------------------------------------- reports

#[derive(Template)]
#[template(path = "dana_laporan.html")]
struct HalamanLaporan {
    judul: String,
    dasar: String,
    periode: Vec<(String, &'static str, bool)>,
    /// Why there is no report yet (no campaign dates).
    belum: Option<String>,
    penerimaan: Vec<(&'static str, &'static str, String)>,
    pengeluaran: Vec<(&'static str, String)>,
    saldo_awal: String,
    total_penerimaan: String,
    total_pengeluaran: String,
    saldo_akhir: String,
    kelebihan: String,
    susulan: usize,
    /// The report as files for the KPU: (href, "XLSX" | "PDF").
    unduh: Vec<(String, &'static str)>,
    /// Its donor list (personal data, watermarked and audited).
    unduh_penyumbang: Vec<(String, &'static str)>,
}

pub(super) async fn laporan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, periode)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let per = Periode::parse(&periode).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        )
    })?;
    let dasar = format!("/pemilihan/{id}/dana");
    let mut h = HalamanLaporan {
        judul: kata(per.label(), per.label_en()).to_string(),
        periode: Periode::ALL
            .iter()
            .map(|p| {
                (
                    format!("{dasar}/laporan/{}", p.slug()),
                    kata(p.label(), p.label_en()),
                    *p == per,
                )
            })
            .collect(),
        dasar,
        belum: None,
        penerimaan: Vec::new(),
        pengeluaran: Vec::new(),
        saldo_awal: String::new(),
        total_penerimaan: String::new(),
        total_pengeluaran: String::new(),
        saldo_akhir: String::new(),
        kelebihan: String::new(),
        susulan: 0,
        unduh: ["xlsx", "pdf"]
            .iter()
            .map(|f| {
                (
                    format!("/pemilihan/{id}/dana/laporan/{}/{f}", per.slug()),
                    if *f == "xlsx" { "XLSX" } else { "PDF" },
                )
            })
            .collect(),
        unduh_penyumbang: ["xlsx", "pdf"]
            .iter()
            .map(|f| {
                (
                    format!("/pemilihan/{id}/dana/laporan/{}/penyumbang/{f}", per.slug()),
                    if *f == "xlsx" { "XLSX" } else { "PDF" },
                )
            })
            .collect(),
    };
    match s.posko.laporan_dana(&m.pengguna, id, per).await {
        Ok(l) => {
            h.penerimaan = l
                .penerimaan
                .iter()
                .map(|b| {
                    (
                        sumber_label(b.sumber),
                        kata(b.bentuk.label(), b.bentuk.label_en()),
                        b.jumlah.to_string(),
                    )
                })
                .collect();
            h.pengeluaran = l
                .pengeluaran
                .iter()
                .map(|b| (kategori_label(b.kategori), b.jumlah.to_string()))
                .collect();
            h.saldo_awal = l.saldo_awal.to_string();
            h.total_penerimaan = l.total_penerimaan.to_string();
            h.total_pengeluaran = l.total_pengeluaran.to_string();
            h.saldo_akhir = l.saldo_akhir.to_string();
            h.kelebihan = l.kelebihan.to_string();
            h.susulan = l.susulan.len();
        }
        // No campaign dates yet: the page says so rather than failing.
        Err(AppError::Invalid(_)) => h.belum = Some(crate::t("dana-laporan-belum")),
        Err(e) => return Err(e.into()),
    }
    render(h)
}

/// A report as the file the KPU receives (`xlsx` or `pdf`), figures
/// checked against the ledger as on its page.
pub(super) async fn laporan_berkas(
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
    let bytes = s.posko.berkas_laporan_dana(&m.pengguna, id, per, f).await?;
    Ok(crate::ekspor::kirim(
        bytes,
        berkas,
        &format!("{}-{id}", per.slug()),
    ))
}
