//! The coordinators' watch page on election day and the lists behind its
//! counts: `/pemilihan/{id}/pantau/{kode}` with counts per area one level
//! down (each count a link to its list, each child a link one level
//! down), the TPS still missing with their saksi's name and phone, open
//! incidents someone takes and closes; the TPS lists (`…/tps?saring=`),
//! the incident list (`…/insiden`), the call sheet (`…/telepon/pdf`), and
//! the TPS without saksi of the coverage page (`/wilayah/{kode}/saksi/tanpa`),
//! each downloadable. Files that name saksi are logged before they go out.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use posko_app::laporan::{JenisKolom as J, Kolom, Sel, Tabel};
use posko_app::{Pantauan, TindakInsiden, TpsPantau};
use posko_domain::{KodeTps, KodeWilayah, ZonaWaktu};
use posko_storage::{HitungPantau, InsidenDitangani, SaringTps, StatusInsiden};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::ekspor::{Berkas, Tautan};
use crate::error::PageError;
use crate::format::{persen, ribuan};
use crate::hari_h::label_kategori;
use crate::pages::render;
use crate::{AppState, Rutes};

mod insiden;

/// Seconds between the watch page's refreshes.
const SEGAR_DETIK: u32 = 45;

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(posko_domain::Izin::LihatWilayah, Sasaran::Wilayah);
    let pribadi = Izin(posko_domain::Izin::EksporDataPribadi, Sasaran::Wilayah);
    let tangani = Izin(posko_domain::Izin::TanganiInsiden, Sasaran::Wilayah);
    let kelola = Izin(posko_domain::Izin::KelolaPengguna, Sasaran::Wilayah);
    r.add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}",
        "/pemilihan/{id}/pantau/31.71",
        lihat,
        get(pantau_page),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/tps",
        "/pemilihan/{id}/pantau/31.71/tps?saring=belum-hadir",
        lihat,
        get(tps_page),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/tps/xlsx",
        "/pemilihan/{id}/pantau/31.71.01.1001/tps/xlsx",
        lihat,
        get(tps_unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/tps/pdf",
        "/pemilihan/{id}/pantau/31.71.01.1001/tps/pdf",
        lihat,
        get(tps_unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/telepon/xlsx",
        "/pemilihan/{id}/pantau/31.71.01.1001/telepon/xlsx",
        pribadi,
        get(telepon_unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/telepon/pdf",
        "/pemilihan/{id}/pantau/31.71.01.1001/telepon/pdf",
        pribadi,
        get(telepon_unduh),
    )
    // The old "belum check-in" files: the same call sheet (phones only
    // for those allowed personal data), no longer bare codes.
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/belum-checkin/xlsx",
        "/pemilihan/{id}/pantau/31.71.01.1001/belum-checkin/xlsx",
        lihat,
        get(telepon_unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/belum-checkin/pdf",
        "/pemilihan/{id}/pantau/31.71.01.1001/belum-checkin/pdf",
        lihat,
        get(telepon_unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/insiden",
        "/pemilihan/{id}/pantau/31.71/insiden",
        lihat,
        get(insiden::insiden_page),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/insiden/xlsx",
        "/pemilihan/{id}/pantau/31.71/insiden/xlsx",
        lihat,
        get(insiden::insiden_unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/pantau/{kode}/insiden/pdf",
        "/pemilihan/{id}/pantau/31.71/insiden/pdf",
        lihat,
        get(insiden::insiden_unduh),
    )
    .add(
        "POST",
        "/pemilihan/{id}/pantau/{kode}/insiden/{insiden}",
        "/pemilihan/{id}/pantau/31.71/insiden/00000000-0000-0000-0000-000000000000",
        tangani,
        post(insiden::tindak_post),
    )
    .add(
        "GET",
        "/wilayah/{kode}/saksi/tanpa",
        "/wilayah/31.71.01.1001/saksi/tanpa",
        kelola,
        get(tanpa_saksi_page),
    )
    .add(
        "GET",
        "/wilayah/{kode}/saksi/tanpa/xlsx",
        "/wilayah/31.71.01.1001/saksi/tanpa/xlsx",
        kelola,
        get(tanpa_saksi_unduh),
    )
    .add(
        "GET",
        "/wilayah/{kode}/saksi/tanpa/pdf",
        "/wilayah/31.71.01.1001/saksi/tanpa/pdf",
        kelola,
        get(tanpa_saksi_unduh),
    )
    .add(
        "GET",
        "/static/pantau.js",
        "/static/pantau.js",
        Publik,
        get(|| async { crate::pages::skrip(include_str!("../static/pantau.js")) }),
    )
}

/// The list behind one count of an area.
fn href_daftar(id: Uuid, kode: &str, saring: SaringTps) -> String {
    format!("/pemilihan/{id}/pantau/{kode}/tps?saring={}", saring.slug())
}

fn href_insiden(id: Uuid, kode: &str) -> String {
    format!("/pemilihan/{id}/pantau/{kode}/insiden?status=buka")
}

/// "TPS 004"
fn nama_tps(tps: KodeTps) -> String {
    format!("TPS {}", tps.nomor())
}

fn judul_daftar(saring: SaringTps, nama: &str) -> String {
    let id = match saring {
        SaringTps::Semua => "pantau2-daftar-semua",
        SaringTps::Bersaksi => "pantau2-daftar-bersaksi",
        SaringTps::TanpaSaksi => "pantau2-daftar-tanpa-saksi",
        SaringTps::Hadir => "pantau2-daftar-hadir",
        SaringTps::BelumHadir => "pantau2-daftar-belum-hadir",
        SaringTps::Masuk => "pantau2-daftar-masuk",
        SaringTps::BelumMasuk => "pantau2-daftar-belum-masuk",
        SaringTps::Bertanda => "pantau2-daftar-bertanda",
    };
    crate::t1(id, "nama", nama)
}

fn label_saring(saring: SaringTps) -> String {
    crate::t(match saring {
        SaringTps::Semua => "pantau2-kolom-tps",
        SaringTps::Bersaksi => "pantau2-kolom-bersaksi",
        SaringTps::TanpaSaksi => "pantau2-kolom-tanpa-saksi",
        SaringTps::Hadir => "pantau2-kolom-hadir",
        SaringTps::BelumHadir => "pantau2-kolom-belum-hadir",
        SaringTps::Masuk => "pantau2-kolom-masuk",
        SaringTps::BelumMasuk => "pantau2-kolom-belum-masuk",
        SaringTps::Bertanda => "pantau2-kolom-bertanda",
    })
}

/// Finding codes (as stored) in words, in the page's language.
pub(crate) fn label_temuan(kode: &str) -> String {
    let id = format!("temuan-{}", kode.replace('_', "-"));
    match TEMUAN.iter().find(|k| **k == kode) {
        Some(_) => crate::t(&id),
        None => kode.to_string(),
    }
}

/// Every finding code a result can carry (`posko_domain::Aturan::kode`).
const TEMUAN: &[&str] = &[
    "kosong_wajib",
    "jumlah_paslon_salah",
    "laki_perempuan_jumlah",
    "b4_sama_b1_b2_b3",
    "jumlah_paslon_sama_sah",
    "total_sama_sah_tidak_sah",
    "total_sama_pemilih",
    "total_sama_surat_digunakan",
    "pemilih_sama_surat_digunakan",
    "surat_diterima_sama_rincian",
    "b1_melebihi_dpt",
    "surat_diterima_jauh_dari_dpt",
    "total_melebihi_dpt",
    "total_melebihi_batas_tps",
];

fn label_status(s: StatusInsiden) -> String {
    crate::t(match s {
        StatusInsiden::Baru => "pantau2-status-baru",
        StatusInsiden::Ditangani => "pantau2-status-ditangani",
        StatusInsiden::Selesai => "pantau2-status-selesai",
    })
}

/// One count cell: the figure and the list behind it.
struct Angka {
    nilai: String,
    href: String,
}

/// A row of the per-area table.
struct BarisWilayah {
    nama: String,
    href: Option<String>,
    tps: Angka,
    bersaksi: Angka,
    hadir: Angka,
    belum: Angka,
    masuk: Angka,
    insiden: Angka,
}

fn baris_wilayah(id: Uuid, nama: String, href: Option<String>, h: &HitungPantau) -> BarisWilayah {
    let a = |n: u64, s: SaringTps| Angka {
        nilai: ribuan(n),
        href: href_daftar(id, &h.kode, s),
    };
    BarisWilayah {
        nama,
        href,
        tps: a(h.tps, SaringTps::Semua),
        bersaksi: a(h.bersaksi, SaringTps::Bersaksi),
        hadir: a(h.hadir, SaringTps::Hadir),
        belum: a(h.tps.saturating_sub(h.hadir), SaringTps::BelumHadir),
        masuk: a(h.masuk, SaringTps::Masuk),
        insiden: Angka {
            nilai: ribuan(h.insiden_buka),
            href: href_insiden(id, &h.kode),
        },
    }
}

/// A TPS row on a page: where, who, how to reach them, what state.
pub(crate) struct BarisTps {
    nama: String,
    href: String,
    desa: String,
    kecamatan: String,
    saksi: Option<String>,
    tel: Option<String>,
    wa: Option<String>,
    telepon: String,
    status: String,
    temuan: Vec<String>,
    insiden: u32,
}

fn status_tps(t: &posko_storage::PantauTps, zona: ZonaWaktu) -> String {
    match (t.hasil, t.checkin) {
        (Some(w), _) => crate::t1(
            "pantau2-status-tps-masuk",
            "jam",
            crate::format::jam(w, zona),
        ),
        (None, Some(w)) => crate::t1(
            "pantau2-status-tps-hadir",
            "jam",
            crate::format::jam(w, zona),
        ),
        (None, None) => crate::t("pantau2-status-tps-belum"),
    }
}

fn baris_tps(id: Uuid, b: &TpsPantau, boleh_kontak: bool) -> BarisTps {
    let t = &b.tps;
    let zona = ZonaWaktu::dari_wilayah(&t.tps.desa());
    BarisTps {
        nama: nama_tps(t.tps),
        href: crate::tps::href(id, t.tps),
        desa: t.nama_desa.clone(),
        kecamatan: t.nama_kecamatan.clone(),
        saksi: t.saksi.as_ref().map(|s| s.nama.clone()),
        tel: b.telepon.as_ref().map(|p| format!("tel:{}", p.as_str())),
        wa: b
            .telepon
            .as_ref()
            .map(|p| format!("https://wa.me/{}", p.as_str().trim_start_matches('+'))),
        telepon: match (&b.telepon, &t.saksi, boleh_kontak) {
            (Some(p), _, _) => p.lokal_berkelompok(),
            (None, Some(_), false) => crate::t("pantau2-telepon-tersembunyi"),
            _ => crate::t("pantau2-tanpa-telepon"),
        },
        status: status_tps(t, zona),
        temuan: t.temuan.iter().map(|k| label_temuan(k)).collect(),
        insiden: t.insiden_buka,
    }
}

/// An incident on a page, with the buttons the reader may press.
pub(crate) struct BarisInsiden {
    waktu: String,
    tps: String,
    href_tps: String,
    desa: String,
    kategori: String,
    teks: String,
    pengirim: String,
    status: String,
    pemilik: Option<String>,
    foto: Vec<String>,
    aksi: String,
    baru: bool,
    selesai: bool,
}

fn baris_insiden(id: Uuid, kode: &str, i: &InsidenDitangani) -> BarisInsiden {
    let n = &i.insiden;
    BarisInsiden {
        waktu: crate::format::jam(n.waktu, ZonaWaktu::dari_wilayah(&n.tps.desa())),
        tps: nama_tps(n.tps),
        href_tps: crate::tps::href(id, n.tps),
        desa: i.nama_desa.clone(),
        kategori: label_kategori(&n.kategori),
        teks: n.teks.clone(),
        pengirim: n.pengirim.clone(),
        status: label_status(i.status),
        pemilik: i
            .pemilik
            .as_ref()
            .map(|p| crate::t1("pantau2-pemilik", "nama", p.clone())),
        foto: n
            .foto
            .iter()
            .map(|h| format!("/pemilihan/{id}/tps/{}/foto/{h}", n.tps.undotted()))
            .collect(),
        aksi: format!("/pemilihan/{id}/pantau/{kode}/insiden/{}", n.id),
        baru: i.status == StatusInsiden::Baru,
        selesai: i.status == StatusInsiden::Selesai,
    }
}

#[derive(Template)]
#[template(path = "pantau.html")]
struct PantauPage {
    judul: String,
    diperbarui: String,
    segar: u32,
    ringkas: String,
    naik: Vec<(String, String)>,
    jumlah: BarisWilayah,
    anak: Vec<BarisWilayah>,
    belum: Option<Vec<BarisTps>>,
    belum_banyak: String,
    belum_href: String,
    telepon: Option<Tautan>,
    insiden: Vec<BarisInsiden>,
    insiden_href: String,
    boleh_tangani: bool,
    csrf: String,
    kembali_ke: String,
}

fn ringkas(h: &HitungPantau) -> String {
    crate::tn(
        "pantau2-ringkas",
        &[
            ("hadir", &ribuan(h.hadir)),
            ("tps", &ribuan(h.tps)),
            ("persen", &persen(h.hadir, h.tps)),
            ("belum", &ribuan(h.tps.saturating_sub(h.hadir))),
        ],
    )
}

async fn pantau_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let p: Pantauan = s.posko.pantau(&m.pengguna, id, kode).await?;
    let zona = ZonaWaktu::dari_wilayah(&kode);
    let dasar = format!("/pemilihan/{id}/pantau/{kode}");
    let anak = p
        .anak
        .iter()
        .map(|a| {
            baris_wilayah(
                id,
                a.wilayah.nama.clone(),
                Some(format!("/pemilihan/{id}/pantau/{}", a.wilayah.kode)),
                &a.hitung,
            )
        })
        .collect();
    let belum_jumlah = p.jumlah.tps.saturating_sub(p.jumlah.hadir);
    render(PantauPage {
        judul: p.wilayah.nama.clone(),
        diperbarui: crate::t1(
            "pantau2-diperbarui",
            "jam",
            crate::format::jam(p.waktu, zona),
        ),
        segar: SEGAR_DETIK,
        ringkas: ringkas(&p.jumlah),
        naik: p
            .leluhur
            .iter()
            .map(|w| (w.nama.clone(), format!("/pemilihan/{id}/pantau/{}", w.kode)))
            .collect(),
        jumlah: baris_wilayah(id, crate::t("pantau2-jumlah"), None, &p.jumlah),
        anak,
        belum: p
            .belum_hadir
            .as_ref()
            .map(|b| b.iter().map(|t| baris_tps(id, t, p.boleh_kontak)).collect()),
        belum_banyak: crate::t1("pantau2-belum-banyak", "jumlah", ribuan(belum_jumlah)),
        belum_href: href_daftar(id, &kode.to_string(), SaringTps::BelumHadir),
        telepon: (p.boleh_kontak && belum_jumlah > 0)
            .then(|| Tautan::new(&format!("{dasar}/telepon"), "")),
        insiden: p
            .insiden
            .iter()
            .map(|i| baris_insiden(id, &kode.to_string(), i))
            .collect(),
        insiden_href: format!("{dasar}/insiden"),
        boleh_tangani: p.boleh_tangani,
        csrf: m.sesi.csrf.clone(),
        kembali_ke: dasar,
    })
}

#[derive(Deserialize, Default)]
struct KueriTps {
    #[serde(default)]
    saring: String,
    #[serde(default)]
    temuan: String,
    #[serde(default)]
    setelah: String,
    #[serde(default)]
    wilayah: String,
}

impl KueriTps {
    fn saring(&self) -> Result<SaringTps, PageError> {
        if self.saring.is_empty() {
            return Ok(SaringTps::Semua);
        }
        SaringTps::parse(&self.saring).ok_or_else(|| {
            PageError(
                StatusCode::BAD_REQUEST,
                crate::t1(
                    "pantau2-saring-tidak-dikenal",
                    "saring",
                    self.saring.clone(),
                ),
            )
        })
    }

    fn setelah(&self) -> Result<Option<KodeTps>, PageError> {
        if self.setelah.is_empty() {
            Ok(None)
        } else {
            crate::param::tps(&self.setelah).map(Some)
        }
    }

    /// The area narrowed to one inside the path's (`?wilayah=`), or the
    /// path's own.
    fn wilayah(&self, kode: KodeWilayah) -> Result<KodeWilayah, PageError> {
        if self.wilayah.is_empty() {
            return Ok(kode);
        }
        let w = crate::param::wilayah(&self.wilayah)?;
        if kode.mencakup(&w) {
            Ok(w)
        } else {
            Err(PageError(
                StatusCode::FORBIDDEN,
                crate::t("galat-tidak-berwenang"),
            ))
        }
    }

    fn kueri(&self, saring: SaringTps) -> String {
        let mut q = format!("?saring={}", saring.slug());
        if !self.temuan.is_empty() {
            q.push_str(&format!("&temuan={}", aman(&self.temuan)));
        }
        q
    }
}

/// Codes and slugs are `[a-z0-9._-]`; anything else is dropped from a link.
fn aman(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .collect()
}

/// A list of TPS behind a count: the watch page's lists, and the TPS
/// without a saksi of the coverage page.
#[derive(Template)]
#[template(path = "pantau_tps.html")]
struct TpsPage {
    judul: String,
    jumlah: String,
    kembali: Option<(String, String)>,
    aksi: String,
    pilihan: Vec<(String, String, bool)>,
    temuan: Option<Vec<(String, String, bool)>>,
    wilayah: Vec<(String, String, bool)>,
    baris: Vec<BarisTps>,
    berikut: Option<String>,
    unduh: Tautan,
}

/// The rows and the area behind one TPS list (a page, or all rows for a
/// file).
async fn ambil_tps(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Option<Uuid>,
    kode: KodeWilayah,
    saring: SaringTps,
    q: &KueriTps,
    limit: u32,
) -> Result<posko_app::DaftarPantau, PageError> {
    let temuan =
        (saring == SaringTps::Bertanda && !q.temuan.is_empty()).then_some(q.temuan.as_str());
    Ok(s.posko
        .daftar_tps_pantau(&m.pengguna, id, kode, saring, temuan, q.setelah()?, limit)
        .await?)
}

async fn tps_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<KueriTps>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let jalur = crate::param::wilayah(&kode)?;
    let kode = q.wilayah(jalur)?;
    let saring = q.saring()?;
    let h = ambil_tps(&s, &m, Some(id), kode, saring, &q, posko_app::TPS_SEHALAMAN).await?;
    let anak = s.posko.wilayah_view(Some(jalur)).await?.anak;
    let dasar = format!("/pemilihan/{id}/pantau/{jalur}/tps");
    let mut kueri = q.kueri(saring);
    if kode != jalur {
        kueri.push_str(&format!("&wilayah={kode}"));
    }
    render(TpsPage {
        judul: judul_daftar(saring, &h.wilayah.nama),
        jumlah: crate::t1(
            "pantau2-jumlah-baris",
            "jumlah",
            ribuan(h.baris.len() as u64),
        ),
        kembali: Some((
            crate::t1("pantau2-kembali", "nama", h.wilayah.nama.clone()),
            format!("/pemilihan/{id}/pantau/{kode}"),
        )),
        aksi: dasar.clone(),
        pilihan: SaringTps::ALL
            .iter()
            .map(|x| (x.slug().to_string(), label_saring(*x), *x == saring))
            .collect(),
        temuan: (saring == SaringTps::Bertanda).then(|| {
            std::iter::once((
                String::new(),
                crate::t("pantau2-semua"),
                q.temuan.is_empty(),
            ))
            .chain(
                TEMUAN
                    .iter()
                    .map(|k| (k.to_string(), label_temuan(k), q.temuan == *k)),
            )
            .collect()
        }),
        wilayah: std::iter::once((String::new(), crate::t("pantau2-semua"), kode == jalur))
            .chain(anak.iter().map(|a| {
                (
                    a.wilayah.kode.to_string(),
                    a.wilayah.nama.clone(),
                    a.wilayah.kode == kode,
                )
            }))
            .collect(),
        berikut: h
            .berikut
            .map(|t| format!("{dasar}{kueri}&setelah={}", t.undotted())),
        baris: h
            .baris
            .iter()
            .map(|b| baris_tps(id, b, h.boleh_kontak))
            .collect(),
        unduh: Tautan::new(&dasar, &kueri),
    })
}

/// A TPS list as a table: kecamatan and desa first where the area spans
/// several (grouped by code order), the saksi, their phone when the
/// reader may see it, the state; a call sheet names a TPS by its number
/// (its desa and kecamatan are beside it) and adds an empty column to
/// write in, so the figures never need cutting on the page.
fn tabel_tps(t: &mut Tabel, h: &posko_app::DaftarPantau, temuan: bool, catatan: bool) {
    use posko_domain::Tingkat;
    let tingkat = h.wilayah.kode.tingkat();
    let kecamatan = tingkat < Tingkat::Kecamatan;
    let desa = tingkat < Tingkat::Desa;
    t.kolom = Vec::new();
    if kecamatan {
        t.kolom
            .push(Kolom::new(crate::t("pantau2-kolom-kecamatan"), J::Teks));
    }
    if desa {
        t.kolom
            .push(Kolom::new(crate::t("pantau2-kolom-desa"), J::Teks));
    }
    t.kolom
        .push(Kolom::new(crate::t("label-tps-kolom"), J::Kode));
    t.kolom
        .push(Kolom::new(crate::t("pantau2-kolom-saksi"), J::Teks));
    if h.boleh_kontak {
        t.kolom
            .push(Kolom::new(crate::t("pantau2-kolom-telepon"), J::Kode));
    }
    t.kolom
        .push(Kolom::new(crate::t("pantau2-kolom-status"), J::Teks));
    if temuan {
        t.kolom
            .push(Kolom::new(crate::t("pantau2-temuan"), J::Teks));
    }
    if catatan {
        t.kolom
            .push(Kolom::new(crate::t("pantau2-kolom-catatan"), J::Teks));
    }
    t.baris = h
        .baris
        .iter()
        .map(|b| {
            let p = &b.tps;
            let mut r = Vec::new();
            if kecamatan {
                r.push(Sel::Teks(p.nama_kecamatan.clone()));
            }
            if desa {
                r.push(Sel::Teks(p.nama_desa.clone()));
            }
            r.push(Sel::Teks(if catatan {
                nama_tps(p.tps)
            } else {
                p.tps.to_string()
            }));
            r.push(Sel::Teks(
                p.saksi
                    .as_ref()
                    .map(|s| s.nama.clone())
                    .unwrap_or_else(|| crate::t("pantau2-tanpa-saksi")),
            ));
            if h.boleh_kontak {
                r.push(Sel::Teks(
                    b.telepon
                        .as_ref()
                        .map(|t| t.lokal_berkelompok())
                        .unwrap_or_default(),
                ));
            }
            r.push(Sel::Teks(status_tps(
                p,
                ZonaWaktu::dari_wilayah(&p.tps.desa()),
            )));
            if temuan {
                r.push(Sel::Teks(
                    p.temuan
                        .iter()
                        .map(|k| label_temuan(k))
                        .collect::<Vec<_>>()
                        .join("; "),
                ));
            }
            if catatan {
                r.push(Sel::Teks(String::new()));
            }
            r
        })
        .collect();
}

async fn tps_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<KueriTps>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = q.wilayah(crate::param::wilayah(&kode)?)?;
    let saring = q.saring()?;
    let q = KueriTps {
        setelah: String::new(),
        ..q
    };
    let h = ambil_tps(
        &s,
        &m,
        Some(id),
        kode,
        saring,
        &q,
        posko_app::TPS_PER_BERKAS,
    )
    .await?;
    let mut t = crate::ekspor::tabel(&m, ZonaWaktu::dari_wilayah(&kode));
    t.judul = judul_daftar(saring, &h.wilayah.nama);
    t.subjudul = crate::t1(
        "pantau2-jumlah-baris",
        "jumlah",
        ribuan(h.baris.len() as u64),
    );
    tabel_tps(&mut t, &h, saring == SaringTps::Bertanda, false);
    s.posko
        .catat_unduh_pantau(&m.pengguna, "tps", kode, t.baris.len(), berkas.ekstensi())
        .await?;
    crate::ekspor::unduhan(t, berkas, &format!("tps-{}-{kode}", saring.slug())).await
}

/// The call sheet: the TPS nobody is present at yet, by kecamatan and
/// desa, with the saksi's name and phone and a column for notes.
async fn telepon_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let h = ambil_tps(
        &s,
        &m,
        Some(id),
        kode,
        SaringTps::BelumHadir,
        &KueriTps::default(),
        posko_app::TPS_PER_BERKAS,
    )
    .await?;
    let mut t = crate::ekspor::tabel(&m, ZonaWaktu::dari_wilayah(&kode));
    t.judul = crate::t1("pantau2-lembar-judul", "nama", h.wilayah.nama.clone());
    t.subjudul = crate::t1(
        "pantau2-lembar-subjudul",
        "jumlah",
        ribuan(h.baris.len() as u64),
    );
    tabel_tps(&mut t, &h, false, true);
    s.posko
        .catat_unduh_pantau(
            &m.pengguna,
            "telepon",
            kode,
            t.baris.len(),
            berkas.ekstensi(),
        )
        .await?;
    crate::ekspor::unduhan(t, berkas, &format!("telepon-{kode}")).await
}

async fn tanpa_saksi_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    Query(q): Query<KueriTps>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let jalur = crate::param::wilayah(&kode)?;
    let kode = q.wilayah(jalur)?;
    let h = ambil_tps(
        &s,
        &m,
        None,
        kode,
        SaringTps::TanpaSaksi,
        &q,
        posko_app::TPS_SEHALAMAN,
    )
    .await?;
    let anak = s.posko.wilayah_view(Some(jalur)).await?.anak;
    let dasar = format!("/wilayah/{jalur}/saksi/tanpa");
    let kueri = if kode != jalur {
        format!("?wilayah={kode}")
    } else {
        String::new()
    };
    let sambung = if kueri.is_empty() { '?' } else { '&' };
    render(TpsPage {
        judul: judul_daftar(SaringTps::TanpaSaksi, &h.wilayah.nama),
        jumlah: crate::t1(
            "pantau2-jumlah-baris",
            "jumlah",
            ribuan(h.baris.len() as u64),
        ),
        kembali: Some((crate::t("cakupan-judul"), format!("/wilayah/{kode}/saksi"))),
        aksi: dasar.clone(),
        pilihan: Vec::new(),
        temuan: None,
        wilayah: std::iter::once((String::new(), crate::t("pantau2-semua"), kode == jalur))
            .chain(anak.iter().map(|a| {
                (
                    a.wilayah.kode.to_string(),
                    a.wilayah.nama.clone(),
                    a.wilayah.kode == kode,
                )
            }))
            .collect(),
        berikut: h
            .berikut
            .map(|t| format!("{dasar}{kueri}{sambung}setelah={}", t.undotted())),
        baris: h
            .baris
            .iter()
            .map(|b| baris_tps(Uuid::nil(), b, h.boleh_kontak))
            .map(|mut b| {
                // No election here: the TPS has no page to open.
                b.href = String::new();
                b
            })
            .collect(),
        unduh: Tautan::new(&dasar, &kueri),
    })
}

async fn tanpa_saksi_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    Query(q): Query<KueriTps>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let kode = q.wilayah(crate::param::wilayah(&kode)?)?;
    let q = KueriTps {
        setelah: String::new(),
        ..q
    };
    let h = ambil_tps(
        &s,
        &m,
        None,
        kode,
        SaringTps::TanpaSaksi,
        &q,
        posko_app::TPS_PER_BERKAS,
    )
    .await?;
    let mut t = crate::ekspor::tabel(&m, ZonaWaktu::dari_wilayah(&kode));
    t.judul = judul_daftar(SaringTps::TanpaSaksi, &h.wilayah.nama);
    t.subjudul = crate::t1(
        "pantau2-jumlah-baris",
        "jumlah",
        ribuan(h.baris.len() as u64),
    );
    tabel_tps(&mut t, &h, false, false);
    // Only the status column is election-day state; without an election
    // it says nothing, so it goes.
    let status = crate::t("pantau2-kolom-status");
    if let Some(i) = t.kolom.iter().position(|k| k.judul == status) {
        t.kolom.remove(i);
        for r in &mut t.baris {
            r.remove(i);
        }
    }
    crate::ekspor::unduhan(t, berkas, &format!("tanpa-saksi-{kode}")).await
}
