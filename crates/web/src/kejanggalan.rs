//! The review queue of suspicious results (kejanggalan) of a region:
//! `/pemilihan/{id}/kejanggalan/{kode}`, filtered by area, check and
//! whether anyone decided yet, downloadable as XLSX or PDF, with the
//! decisions "looked at / escalated / dismissed" for those who may take
//! them. Each flag links to its TPS page, where the photos are. A flag is
//! a reason to look, never a verdict: the page says so.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use posko_app::kejanggalan::{AntreanKejanggalan, ItemKejanggalan, SaringKejanggalan};
use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
use posko_domain::kejanggalan::Cek;
use posko_domain::{KodeWilayah, Tingkat, ZonaWaktu};
use posko_storage::kejanggalan::Keputusan;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::bahasa::Bahasa;
use crate::ekspor::{Berkas, Tautan};
use crate::error::PageError;
use crate::format::ribuan;
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(posko_domain::Izin::LihatKejanggalan, Sasaran::Wilayah);
    let putus = Izin(posko_domain::Izin::PutusKejanggalan, Sasaran::Wilayah);
    r.add(
        "GET",
        "/pemilihan/{id}/kejanggalan/{kode}",
        "/pemilihan/{id}/kejanggalan/31.71",
        lihat,
        get(page),
    )
    .add(
        "GET",
        "/pemilihan/{id}/kejanggalan/{kode}/xlsx",
        "/pemilihan/{id}/kejanggalan/31.71/xlsx",
        lihat,
        get(unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/kejanggalan/{kode}/pdf",
        "/pemilihan/{id}/kejanggalan/31.71.01/pdf",
        lihat,
        get(unduh),
    )
    .add(
        "POST",
        "/pemilihan/{id}/kejanggalan/{kode}/putus",
        "/pemilihan/{id}/kejanggalan/31.71/putus",
        putus,
        post(putus_post),
    )
}

#[derive(Deserialize, Default)]
struct Kueri {
    #[serde(default)]
    wilayah: String,
    #[serde(default)]
    cek: String,
    /// `semua` lists decided flags too; otherwise only open ones.
    #[serde(default)]
    status: String,
}

impl Kueri {
    /// The area asked, which must lie in the path's region.
    fn wilayah(&self, jalur: KodeWilayah) -> Result<KodeWilayah, PageError> {
        if self.wilayah.is_empty() {
            return Ok(jalur);
        }
        let w = crate::param::wilayah(&self.wilayah)?;
        if jalur.mencakup(&w) {
            Ok(w)
        } else {
            Err(PageError(
                StatusCode::FORBIDDEN,
                crate::t("galat-tidak-berwenang"),
            ))
        }
    }

    fn cek(&self) -> Result<Option<Cek>, PageError> {
        if self.cek.is_empty() {
            return Ok(None);
        }
        Cek::parse(&self.cek).map(Some).ok_or_else(|| {
            PageError(
                StatusCode::BAD_REQUEST,
                crate::t("galat-formulir-tidak-lengkap"),
            )
        })
    }

    fn saring(&self, jalur: KodeWilayah) -> Result<SaringKejanggalan, PageError> {
        Ok(SaringKejanggalan {
            wilayah: Some(self.wilayah(jalur)?),
            cek: self.cek()?,
            terbuka: self.status != "semua",
        })
    }

    /// The query again, for links (codes and slugs only).
    fn teks(&self) -> String {
        let aman = |s: &str| {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                .collect::<String>()
        };
        format!(
            "?wilayah={}&cek={}&status={}",
            aman(&self.wilayah),
            aman(&self.cek),
            aman(&self.status)
        )
    }
}

/// A check's name as the page words it.
fn nama_cek(c: Cek) -> String {
    crate::t(match c {
        Cek::FotoSama => "kejanggalan-cek-foto-sama",
        Cek::Partisipasi => "kejanggalan-cek-partisipasi",
        Cek::Tetangga => "kejanggalan-cek-tetangga",
        Cek::Ayunan => "kejanggalan-cek-ayunan",
        Cek::Kembar => "kejanggalan-cek-kembar",
        Cek::UbahTerverifikasi => "kejanggalan-cek-ubah-terverifikasi",
        Cek::Lonjakan => "kejanggalan-cek-lonjakan",
        Cek::DigitAkhir => "kejanggalan-cek-digit-akhir",
    })
}

fn nama_keputusan(k: Keputusan) -> String {
    crate::t(match k {
        Keputusan::Dilihat => "kejanggalan-keputusan-dilihat",
        Keputusan::Dinaikkan => "kejanggalan-keputusan-dinaikkan",
        Keputusan::Diabaikan => "kejanggalan-keputusan-diabaikan",
    })
}

/// The explanation in the page's language.
fn penjelasan(i: &ItemKejanggalan) -> String {
    match Bahasa::kini() {
        Bahasa::Id => i.tanda.penjelasan.clone(),
        Bahasa::En => i.tanda.english.clone(),
    }
}

/// Desa, kecamatan and kab/kota of a place, by name, smallest first.
fn nama_tempat(a: &AntreanKejanggalan, w: KodeWilayah) -> String {
    [Tingkat::Desa, Tingkat::Kecamatan, Tingkat::Kabkota]
        .into_iter()
        .filter(|t| w.tingkat() >= *t)
        .map(|t| {
            a.nama
                .get(&w.at(t))
                .cloned()
                .unwrap_or_else(|| w.at(t).to_string())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The TPS's figures: each paslon, valid and invalid votes.
fn angka(i: &ItemKejanggalan) -> String {
    let Some(a) = &i.angka else {
        return String::new();
    };
    a.suara
        .iter()
        .enumerate()
        .map(|(n, v)| format!("{:02}: {}", n + 1, ribuan(*v)))
        .chain([
            format!("{} {}", crate::t("sengketa-sah"), ribuan(a.sah)),
            format!("{} {}", crate::t("sengketa-tidak-sah"), ribuan(a.tidak_sah)),
        ])
        .collect::<Vec<_>>()
        .join(" · ")
}

fn status(i: &ItemKejanggalan, zona: ZonaWaktu) -> String {
    match &i.keputusan {
        None => crate::t("kejanggalan-belum"),
        Some(k) => {
            let s = crate::tn(
                "kejanggalan-diputus",
                &[
                    ("keputusan", &nama_keputusan(k.keputusan)),
                    ("nama", &k.pemutus),
                    ("waktu", &crate::format::jam(k.waktu, zona)),
                ],
            );
            if i.basi {
                format!("{s} {}", crate::t("kejanggalan-basi"))
            } else {
                s
            }
        }
    }
}

/// A flag as the TPS page lists it: check, explanation, decision.
pub(crate) fn ringkas(i: &ItemKejanggalan, zona: ZonaWaktu) -> (String, String, String) {
    (
        format!("{} · {}", i.tanda.cek.huruf(), nama_cek(i.tanda.cek)),
        penjelasan(i),
        status(i, zona),
    )
}

struct Baris {
    cek: String,
    huruf: char,
    lemah: bool,
    tempat: String,
    tps: Option<(String, String)>,
    penjelasan: String,
    angka: String,
    status: String,
    terbuka: bool,
    cek_kode: &'static str,
    sasaran: String,
}

#[derive(Template)]
#[template(path = "kejanggalan.html")]
struct Halaman {
    judul: String,
    jumlah: String,
    aksi: String,
    putus: String,
    wilayah: Vec<(String, String, bool)>,
    cek: Vec<(String, String, bool)>,
    semua: bool,
    baris: Vec<Baris>,
    unduh: Tautan,
    boleh_putus: bool,
    keputusan: Vec<(&'static str, String)>,
    csrf: String,
    kembali: String,
}

async fn page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<Kueri>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let jalur = crate::param::wilayah(&kode)?;
    let saring = q.saring(jalur)?;
    let a = s.posko.antrean_kejanggalan(&m.pengguna, id, saring).await?;
    let v = s.posko.wilayah_view(Some(jalur)).await?;
    let nama = v
        .wilayah
        .as_ref()
        .map(|w| w.nama.clone())
        .unwrap_or_default();
    let zona = ZonaWaktu::dari_wilayah(&jalur);
    let dasar = format!("/pemilihan/{id}/kejanggalan/{jalur}");
    let kueri = q.teks();
    let dipilih = saring.wilayah.unwrap_or(jalur);
    render(Halaman {
        judul: crate::t1("kejanggalan-judul", "nama", nama),
        jumlah: crate::t1("kejanggalan-jumlah", "jumlah", ribuan(a.item.len() as u64)),
        aksi: dasar.clone(),
        putus: format!("{dasar}/putus"),
        wilayah: std::iter::once((String::new(), crate::t("pantau2-semua"), dipilih == jalur))
            .chain(v.anak.iter().map(|c| {
                (
                    c.wilayah.kode.to_string(),
                    c.wilayah.nama.clone(),
                    c.wilayah.kode == dipilih,
                )
            }))
            .collect(),
        cek: std::iter::once((
            String::new(),
            crate::t("kejanggalan-semua-cek"),
            saring.cek.is_none(),
        ))
        .chain(Cek::SEMUA.into_iter().map(|c| {
            let n = a.per_cek.iter().find(|(x, _)| *x == c).map_or(0, |x| x.1);
            (
                c.kode().to_string(),
                format!("{} {} ({n})", c.huruf(), nama_cek(c)),
                saring.cek == Some(c),
            )
        }))
        .collect(),
        semua: !saring.terbuka,
        baris: a
            .item
            .iter()
            .map(|i| Baris {
                cek: nama_cek(i.tanda.cek),
                huruf: i.tanda.cek.huruf(),
                lemah: i.tanda.cek.lemah(),
                tempat: nama_tempat(&a, i.tanda.wilayah),
                tps: i.tanda.tps.map(|t| {
                    (
                        crate::t1("kejanggalan-tps", "nomor", t.nomor().get()),
                        format!("/pemilihan/{id}/tps/{}", t.undotted()),
                    )
                }),
                penjelasan: penjelasan(i),
                angka: angka(i),
                status: status(i, zona),
                terbuka: i.terbuka(),
                cek_kode: i.tanda.cek.kode(),
                sasaran: i.sasaran.clone(),
            })
            .collect(),
        unduh: Tautan::new(&dasar, &kueri),
        boleh_putus: a.boleh_putus,
        keputusan: Keputusan::SEMUA
            .iter()
            .map(|k| (k.slug(), nama_keputusan(*k)))
            .collect(),
        csrf: m.sesi.csrf.clone(),
        kembali: format!("{dasar}{kueri}"),
    })
}

async fn unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<Kueri>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let jalur = crate::param::wilayah(&kode)?;
    let saring = q.saring(jalur)?;
    let a = s.posko.antrean_kejanggalan(&m.pengguna, id, saring).await?;
    let kode = saring.wilayah.unwrap_or(jalur);
    let nama = s
        .posko
        .wilayah(kode)
        .await?
        .map(|w| w.nama)
        .unwrap_or_else(|| kode.to_string());
    let zona = ZonaWaktu::dari_wilayah(&kode);
    let mut t = crate::ekspor::tabel(&m, zona);
    t.judul = crate::t1("kejanggalan-judul", "nama", nama);
    t.subjudul = crate::t1("kejanggalan-jumlah", "jumlah", ribuan(a.item.len() as u64));
    t.catatan = vec![crate::t("kejanggalan-pengantar")];
    t.kolom = vec![
        Kolom::new(crate::t("kejanggalan-kolom-tempat"), J::Teks),
        Kolom::new(crate::t("label-tps-kolom"), J::Kode),
        Kolom::new(crate::t("kejanggalan-kolom-cek"), J::Teks),
        Kolom::new(crate::t("kejanggalan-kolom-penjelasan"), J::Teks),
        Kolom::new(crate::t("kejanggalan-kolom-angka"), J::Teks),
        Kolom::new(crate::t("kejanggalan-kolom-status"), J::Teks),
        Kolom::new(crate::t("kejanggalan-kolom-tautan"), J::Teks),
    ];
    t.baris = a
        .item
        .iter()
        .map(|i| {
            vec![
                Sel::Teks(nama_tempat(&a, i.tanda.wilayah)),
                Sel::Teks(i.tanda.tps.map(|t| t.to_string()).unwrap_or_default()),
                Sel::Teks(format!("{} {}", i.tanda.cek.huruf(), nama_cek(i.tanda.cek))),
                Sel::Teks(penjelasan(i)),
                Sel::Teks(angka(i)),
                Sel::Teks(status(i, zona)),
                Sel::Teks(
                    i.tanda
                        .tps
                        .map(|t| format!("/pemilihan/{id}/tps/{}", t.undotted()))
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    // The file names who decided: logged before it goes out.
    s.posko
        .catat_unduh_kejanggalan(&m.pengguna, id, kode, t.baris.len(), berkas.ekstensi())
        .await?;
    crate::ekspor::unduhan(t, berkas, &format!("kejanggalan-{kode}")).await
}

#[derive(Deserialize)]
struct FormPutus {
    csrf: String,
    cek: String,
    sasaran: String,
    keputusan: String,
    #[serde(default)]
    kembali: String,
}

async fn putus_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormPutus>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id: Uuid = crate::param::pemilihan(&id)?;
    let jalur = crate::param::wilayah(&kode)?;
    let salah = || {
        PageError(
            StatusCode::BAD_REQUEST,
            crate::t("galat-formulir-tidak-lengkap"),
        )
    };
    let cek = Cek::parse(&f.cek).ok_or_else(salah)?;
    let keputusan = Keputusan::parse(&f.keputusan).ok_or_else(salah)?;
    // The flag's place must lie in the path's region (the policy checked
    // the caller against that region); the use case checks the caller's
    // right at the place itself and that the flag stands.
    let tempat = posko_domain::KodeTps::parse(&f.sasaran)
        .map(|t| t.desa())
        .or_else(|_| KodeWilayah::parse(&f.sasaran))
        .map_err(|_| salah())?;
    if !jalur.mencakup(&tempat) {
        return Err(PageError(
            StatusCode::FORBIDDEN,
            crate::t("galat-tidak-berwenang"),
        ));
    }
    s.posko
        .putuskan_kejanggalan(&m.pengguna, id, cek, &f.sasaran, keputusan)
        .await?;
    let dasar = format!("/pemilihan/{id}/kejanggalan/{jalur}");
    let ke = if f.kembali.starts_with(&dasar) && !f.kembali.contains("//") {
        f.kembali
    } else {
        dasar
    };
    Ok(crate::akun::see_other(&ke))
}
