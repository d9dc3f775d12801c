//! Saksi coverage of a region (`/wilayah/{kode}/saksi`): TPS with and
//! without a saksi per area below, a desa's TPS with their main and backup
//! saksi (a backup can be made main), and the table as XLSX or PDF.

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use posko_app::Aktor;
use serde::Deserialize;

use crate::akun::see_other;
use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::error::PageError;
use crate::format::ribuan;
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    let kelola = || Kebijakan::Izin(posko_domain::Izin::KelolaPengguna, Sasaran::Wilayah);
    r.add(
        "GET",
        "/wilayah/{kode}/saksi",
        "/wilayah/31.71/saksi",
        kelola(),
        get(cakupan_saksi_page),
    )
    .add(
        "GET",
        "/wilayah/{kode}/saksi/xlsx",
        "/wilayah/31.71/saksi/xlsx",
        kelola(),
        get(cakupan_saksi_unduh),
    )
    .add(
        "GET",
        "/wilayah/{kode}/saksi/pdf",
        "/wilayah/31.71/saksi/pdf",
        kelola(),
        get(cakupan_saksi_unduh),
    )
    .add(
        "POST",
        "/wilayah/{kode}/saksi/utama",
        "/wilayah/31.71.01.1001/saksi/utama",
        kelola(),
        post(saksi_utama),
    )
}

#[derive(Deserialize)]
struct UtamaForm {
    csrf: String,
    tps: String,
    username: String,
}

async fn saksi_utama(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    axum::extract::Path(kode): axum::extract::Path<String>,
    axum::Form(f): axum::Form<UtamaForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let kode = crate::param::wilayah(&kode)?;
    let tps = crate::param::tps(&f.tps)?;
    if !kode.mencakup(&tps.desa()) {
        return Err(PageError(
            StatusCode::BAD_REQUEST,
            crate::t2(
                "galat-tps-di-luar-wilayah",
                "tps",
                tps.to_string(),
                "wilayah",
                kode.to_string(),
            ),
        ));
    }
    s.posko
        .jadikan_saksi_utama(
            &Aktor::pengguna(&m.pengguna),
            Some(&m.pengguna.penugasan),
            tps,
            &f.username,
        )
        .await?;
    let username = aman_di_url(&f.username);
    let tanda = crate::kilas::tanda(&m, &[&username]);
    Ok(see_other(&format!(
        "/wilayah/{kode}/saksi?utama={username}&tanda={tanda}"
    )))
}

/// Usernames are `[a-z0-9._-]`; anything else is dropped from the echo.
fn aman_di_url(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .collect()
}

struct BarisCakupan {
    nama: String,
    href: Option<String>,
    tps: String,
    bersaksi: String,
    tanpa: String,
    /// The TPS without saksi behind `tanpa`.
    tanpa_href: String,
    persen: String,
}

/// A desa's TPS with its witnesses; backups can be made main.
struct BarisTps {
    nama: String,
    kode: String,
    utama: Option<String>,
    cadangan: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "cakupan_saksi.html")]
struct CakupanPage {
    judul: String,
    ringkas: String,
    baris: Vec<BarisCakupan>,
    desa: Option<Vec<BarisTps>>,
    aksi: String,
    csrf: String,
    pesan: Option<String>,
    unduh: crate::ekspor::Tautan,
    /// "13.019 TPS belum ada saksi", linking to their list.
    tanpa: (String, String),
}

#[derive(Deserialize)]
struct CakupanQuery {
    utama: Option<String>,
    tanda: Option<String>,
}

async fn cakupan_saksi_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    axum::extract::Path(kode): axum::extract::Path<String>,
    axum::extract::Query(q): axum::extract::Query<CakupanQuery>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let kode = crate::param::wilayah(&kode)?;
    let c = s.posko.cakupan_saksi(kode).await?;
    let label = |x: &posko_storage::SaksiTps| format!("{} ({})", x.nama, x.username);
    let desa = (kode.tingkat() == posko_domain::Tingkat::Desa).then(|| {
        c.tps
            .iter()
            .map(|t| BarisTps {
                nama: format!("TPS {:03}", t.tps.nomor().get()),
                kode: t.tps.undotted(),
                utama: t.utama.as_ref().map(label),
                cadangan: t
                    .cadangan
                    .iter()
                    .map(|x| (label(x), x.username.clone()))
                    .collect(),
            })
            .collect()
    });
    let baris = c
        .anak
        .iter()
        .map(|(w, n, ada)| BarisCakupan {
            nama: w.nama.clone(),
            href: Some(format!("/wilayah/{}/saksi", w.kode)),
            tps: ribuan(*n),
            bersaksi: ribuan(*ada),
            tanpa: ribuan(n.saturating_sub(*ada)),
            tanpa_href: format!("/wilayah/{}/saksi/tanpa", w.kode),
            persen: crate::format::persen(*ada, *n),
        })
        .collect();
    render(CakupanPage {
        aksi: format!("/wilayah/{kode}/saksi/utama"),
        csrf: m.sesi.csrf.clone(),
        pesan: q
            .utama
            .filter(|u| crate::kilas::sah(&m, &[u], q.tanda.as_deref()))
            .map(|u| crate::t1("cakupan-sekarang-utama", "username", u)),
        judul: c.wilayah.nama.clone(),
        ringkas: ringkas_cakupan(&c),
        baris,
        desa,
        unduh: crate::ekspor::Tautan::new(&format!("/wilayah/{kode}/saksi"), ""),
        tanpa: (
            crate::t1(
                "pantau2-buka-tanpa-saksi",
                "jumlah",
                ribuan(c.jumlah_tps.saturating_sub(c.tps_bersaksi)),
            ),
            format!("/wilayah/{kode}/saksi/tanpa"),
        ),
    })
}

fn ringkas_cakupan(c: &posko_app::CakupanSaksi) -> String {
    crate::bahasa::Bahasa::kini().teks_dengan(
        "cakupan-ringkas",
        &[
            ("bersaksi", c.tps_bersaksi.into()),
            ("jumlah", c.jumlah_tps.into()),
            (
                "persen",
                crate::format::persen(c.tps_bersaksi, c.jumlah_tps).into(),
            ),
            ("berserep", c.tps_berserep.into()),
            ("tanpa", c.jumlah_tps.saturating_sub(c.tps_bersaksi).into()),
        ],
    )
}

/// The coverage page's table as a file: above desa level the counts per
/// sub-region (not personal data), at desa level each TPS with its saksi
/// by name, which goes into the audit log before it is handed out.
async fn cakupan_saksi_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    axum::extract::Path(kode): axum::extract::Path<String>,
    berkas: crate::ekspor::Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = masuk(p)?;
    let kode = crate::param::wilayah(&kode)?;
    let c = s.posko.cakupan_saksi(kode).await?;
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&kode));
    t.judul = crate::t1("ekspor-cakupan-judul", "nama", c.wilayah.nama.clone());
    t.subjudul = ringkas_cakupan(&c);
    let label = |x: &posko_storage::SaksiTps| format!("{} ({})", x.nama, x.username);
    let desa = kode.tingkat() == posko_domain::Tingkat::Desa;
    if desa {
        t.kolom = vec![
            Kolom::new(crate::t("label-tps-kolom"), J::Teks),
            Kolom::new(crate::t("ekspor-kolom-kode"), J::Kode),
            Kolom::new(crate::t("cakupan-utama"), J::Teks),
            Kolom::new(crate::t("cakupan-cadangan"), J::Teks),
            Kolom::new(crate::t("ekspor-kolom-jumlah-saksi"), J::Bulat),
        ];
        t.baris = c
            .tps
            .iter()
            .map(|x| {
                let cadangan: Vec<String> = x.cadangan.iter().map(label).collect();
                vec![
                    Sel::Teks(format!("TPS {:03}", x.tps.nomor().get())),
                    Sel::Teks(x.tps.to_string()),
                    x.utama.as_ref().map_or_else(
                        || Sel::Teks(crate::t("cakupan-belum-ada")),
                        |u| Sel::Teks(label(u)),
                    ),
                    Sel::Teks(cadangan.join("; ")),
                    Sel::Bulat((usize::from(x.utama.is_some()) + cadangan.len()) as u64),
                ]
            })
            .collect();
    } else {
        let anak = kode
            .tingkat()
            .child()
            .map(crate::peta::label_tingkat)
            .unwrap_or_else(|| crate::t("kolom-wilayah"));
        t.kolom = vec![
            Kolom::new(anak, J::Teks),
            Kolom::new(crate::t("ekspor-kolom-kode"), J::Kode),
            Kolom::new(crate::t("label-tps-kolom"), J::Bulat),
            Kolom::new(crate::t("cakupan-ada"), J::Bulat),
            Kolom::new(crate::t("cakupan-belum"), J::Bulat),
            Kolom::new(crate::t("cakupan-cakupan"), J::Persen),
        ];
        t.baris = c
            .anak
            .iter()
            .map(|(w, n, ada)| {
                vec![
                    Sel::Teks(w.nama.clone()),
                    Sel::Teks(w.kode.to_string()),
                    Sel::Bulat(*n),
                    Sel::Bulat(*ada),
                    Sel::Bulat(n.saturating_sub(*ada)),
                    Sel::rasio(*ada, *n),
                ]
            })
            .collect();
        t.total = Some(vec![
            Sel::Teks(crate::t("ekspor-jumlah")),
            Sel::Teks(kode.to_string()),
            Sel::Bulat(c.jumlah_tps),
            Sel::Bulat(c.tps_bersaksi),
            Sel::Bulat(c.jumlah_tps.saturating_sub(c.tps_bersaksi)),
            Sel::rasio(c.tps_bersaksi, c.jumlah_tps),
        ]);
    }
    if desa {
        s.posko
            .catat_unduh_saksi(&m.pengguna, kode, t.baris.len(), berkas.ekstensi())
            .await?;
    }
    crate::ekspor::unduhan(t, berkas, &format!("saksi-{kode}")).await
}
