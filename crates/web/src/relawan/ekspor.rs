//! The relawan leaderboard as a file: exactly the rows the page shows for
//! the same `?wilayah=` (the coordinator's own area by default), refused
//! outside the viewer's territory like the page's own lookup. The file
//! names people, so each download goes into the audit log first.

use super::*;
use crate::ekspor::Berkas;

pub(super) fn routes(r: Rutes, kelola: Kebijakan) -> Rutes {
    r.add("GET", "/relawan/xlsx", "/relawan/xlsx", kelola, get(xlsx))
        .add("GET", "/relawan/pdf", "/relawan/pdf", kelola, get(pdf))
}

async fn xlsx(
    s: State<AppState>,
    p: Extension<Pengunjung>,
    q: Query<RelawanQ>,
) -> Result<Response, PageError> {
    unduh(s, p, q, Berkas::Xlsx).await
}

async fn pdf(
    s: State<AppState>,
    p: Extension<Pengunjung>,
    q: Query<RelawanQ>,
) -> Result<Response, PageError> {
    unduh(s, p, q, Berkas::Pdf).await
}

async fn unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Query(q): Query<RelawanQ>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    // The page words a refusal as a note; a download has no page to put
    // it on, so it is the status itself.
    if let Some(w) = q
        .wilayah
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        let w = KodeWilayah::parse(w).map_err(|e| {
            PageError(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("wilayah '{w}': {e}"),
            )
        })?;
        if !diizinkan(
            &m.pengguna.penugasan,
            Izin::KelolaPendukung,
            &Objek::Wilayah(w),
        ) {
            return Err(PageError(
                StatusCode::FORBIDDEN,
                format!("wilayah {w} di luar wilayah tugas Anda"),
            ));
        }
    }
    let page = susun_relawan(&s, &m, &q, None, None, None).await?;
    let Ok(wilayah) = KodeWilayah::parse(&page.peringkat_wilayah) else {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            page.peringkat_catatan
                .unwrap_or_else(|| crate::t("ekspor-peringkat-pilih-wilayah")),
        ));
    };
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&wilayah));
    t.judul = format!("{} {wilayah}", crate::t("relawan-peringkat"));
    t.subjudul = crate::t1("ekspor-peringkat-subjudul", "wilayah", wilayah.to_string());
    t.kolom = vec![
        Kolom::new("#", J::Bulat),
        Kolom::new(crate::t("nav-relawan"), J::Teks),
        Kolom::new(crate::t("kolom-wilayah"), J::Teks),
        Kolom::new(crate::t("nav-pendukung"), J::Bulat),
        Kolom::new(crate::t("relawan-kunjungan"), J::Bulat),
    ];
    t.baris = page
        .peringkat
        .into_iter()
        .map(|b| {
            vec![
                Sel::Bulat(b.urutan as u64),
                Sel::Teks(b.nama),
                Sel::Teks(b.wilayah),
                Sel::Bulat(b.jumlah),
                Sel::Bulat(b.jumlah_kunjungan),
            ]
        })
        .collect();
    let jenis = match berkas {
        Berkas::Xlsx => "xlsx",
        Berkas::Pdf => "pdf",
    };
    s.posko
        .catat_unduh_peringkat(&m.pengguna, wilayah, t.baris.len(), jenis)
        .await?;
    crate::ekspor::unduhan(t, berkas, &format!("peringkat-relawan-{wilayah}")).await
}
