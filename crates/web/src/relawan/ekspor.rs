//! The relawan page's tables as files: exactly the rows the page shows for
//! the same `?wilayah=` (the coordinator's own area by default), refused
//! outside the viewer's territory like the page's own lookup. The
//! leaderboard names people, so each of its downloads goes into the audit
//! log first; the counts per day and per area name nobody and are not
//! logged, like the other aggregate tables.

use super::*;
use crate::ekspor::Berkas;

pub(super) fn routes(r: Rutes, kelola: Kebijakan) -> Rutes {
    r.add("GET", "/relawan/xlsx", "/relawan/xlsx", kelola, get(unduh))
        .add("GET", "/relawan/pdf", "/relawan/pdf", kelola, get(unduh))
        .add(
            "GET",
            "/relawan/aktivitas/xlsx",
            "/relawan/aktivitas/xlsx",
            kelola,
            get(unduh_aktivitas),
        )
        .add(
            "GET",
            "/relawan/aktivitas/pdf",
            "/relawan/aktivitas/pdf",
            kelola,
            get(unduh_aktivitas),
        )
        .add(
            "GET",
            "/relawan/kegiatan/xlsx",
            "/relawan/kegiatan/xlsx",
            kelola,
            get(unduh_kegiatan),
        )
        .add(
            "GET",
            "/relawan/kegiatan/pdf",
            "/relawan/kegiatan/pdf",
            kelola,
            get(unduh_kegiatan),
        )
}

/// The page words a refusal as a note; a download has no page to put it
/// on, so it is the status itself.
fn cek_wilayah(m: &Masuk, q: &RelawanQ) -> Result<(), PageError> {
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
    Ok(())
}

/// The leaderboard's area as the page settled it, or why there is none.
fn wilayah_peringkat(page: &RelawanPage) -> Result<KodeWilayah, PageError> {
    KodeWilayah::parse(&page.peringkat_wilayah).map_err(|_| {
        PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            page.peringkat_catatan
                .clone()
                .unwrap_or_else(|| crate::t("ekspor-peringkat-pilih-wilayah")),
        )
    })
}

async fn unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Query(q): Query<RelawanQ>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    cek_wilayah(&m, &q)?;
    let page = susun_relawan(&s, &m, &q, None, None, None).await?;
    let wilayah = wilayah_peringkat(&page)?;
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&wilayah));
    t.judul = format!("{} {wilayah}", crate::t("relawan-peringkat"));
    t.subjudul = crate::t1("ekspor-peringkat-subjudul", "wilayah", wilayah.to_string());
    t.kolom = vec![
        Kolom::new("#", J::Bulat),
        Kolom::new(crate::t("nav-relawan"), J::Teks),
        Kolom::new(crate::t("kolom-wilayah"), J::Teks),
        Kolom::new(crate::t("nav-pendukung"), J::Bulat),
        Kolom::new(crate::t("relawan-kunjungan"), J::Bulat),
        Kolom::new(crate::t("lapangan-tugas-kolom-terlambat"), J::Bulat),
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
                Sel::Bulat(b.terlambat),
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

/// The viewer's own supporters and visits per day: only a relawan has
/// the table on the page, so only a relawan gets the file.
async fn unduh_aktivitas(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    let page = susun_relawan(&s, &m, &RelawanQ::default(), None, None, None).await?;
    if !page.relawan {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            crate::t("relawan-belum-terdaftar"),
        ));
    }
    // The days are counted in WIB (the page says so), whatever the
    // relawan's area.
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::Wib);
    t.judul = crate::t("relawan-per-hari");
    t.subjudul = crate::t1("ekspor-aktivitas-subjudul", "nama", page.nama.clone());
    t.kolom = vec![
        Kolom::new(crate::t("relawan-hari"), J::Teks),
        Kolom::new(crate::t("nav-pendukung"), J::Bulat),
        Kolom::new(crate::t("relawan-kunjungan"), J::Bulat),
    ];
    t.baris = page
        .aktivitas
        .into_iter()
        .map(|a| {
            vec![
                Sel::Teks(a.hari),
                Sel::Bulat(a.jumlah_pendukung),
                Sel::Bulat(a.jumlah_kunjungan),
            ]
        })
        .collect();
    crate::ekspor::unduhan(t, berkas, &format!("aktivitas-{}", m.pengguna.username)).await
}

/// Supporters and visits per area one level below the leaderboard's.
async fn unduh_kegiatan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Query(q): Query<RelawanQ>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    cek_wilayah(&m, &q)?;
    let page = susun_relawan(&s, &m, &q, None, None, None).await?;
    let wilayah = wilayah_peringkat(&page)?;
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&wilayah));
    t.judul = format!("{} {wilayah}", crate::t("relawan-per-wilayah"));
    t.subjudul = crate::t1("ekspor-kegiatan-subjudul", "wilayah", wilayah.to_string());
    t.kolom = vec![
        Kolom::new(crate::t("ekspor-kolom-kode"), J::Teks),
        Kolom::new(crate::t("kolom-wilayah"), J::Teks),
        Kolom::new(crate::t("nav-pendukung"), J::Bulat),
        Kolom::new(crate::t("relawan-kunjungan"), J::Bulat),
    ];
    // The page shows the areas under the leaderboard only: no ranking,
    // no areas either.
    if !page.peringkat.is_empty() {
        t.baris = page
            .kegiatan
            .into_iter()
            .map(|k| {
                vec![
                    Sel::Teks(k.kode),
                    Sel::Teks(k.nama),
                    Sel::Bulat(k.jumlah_pendukung),
                    Sel::Bulat(k.jumlah_kunjungan),
                ]
            })
            .collect();
    }
    crate::ekspor::unduhan(t, berkas, &format!("kegiatan-{wilayah}")).await
}
