//! The volunteer side of the campaign: a relawan's own place (territory,
//! invitations, downline, activity, leaderboard), joining by invitation,
//! the supporter registry with the data subject's rights, the review of
//! suspected duplicates, and targets per area.

use std::collections::HashMap;
use std::fmt::Write as _;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use posko_app::{AppError, CatatPendukung, Gabung, Masuk};
use posko_domain::{
    Cakupan, IsianPendukung, Izin, Keperluan, KodeWilayah, Objek, Persen, Tingkat, TingkatDukungan,
    diizinkan,
};
use posko_storage::{Pendukung, Relawan};
use serde::Deserialize;
use time::{Date, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk, same_origin};
use crate::error::PageError;
use crate::format::{ribuan, tanggal};
use crate::pages::render;
use crate::{AppState, Rutes};

mod ekspor;
mod pendukung;
mod tahan;
mod target;

use pendukung::*;
use tahan::*;
use target::*;

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kelola = Izin(posko_domain::Izin::KelolaPendukung, Sasaran::Manapun);
    let pribadi = Izin(posko_domain::Izin::EksporDataPribadi, Sasaran::Manapun);
    let r = ekspor::routes(r, kelola);
    let pengguna = Izin(posko_domain::Izin::KelolaPengguna, Sasaran::Manapun);
    r.add("GET", "/relawan", "/relawan", kelola, get(relawan_page))
        .add(
            "POST",
            "/relawan/mulai",
            "/relawan/mulai",
            pengguna,
            post(mulai),
        )
        .add(
            "POST",
            "/relawan/undangan",
            "/relawan/undangan",
            kelola,
            post(undangan),
        )
        .add(
            "GET",
            "/relawan/gabung/{kode}",
            "/relawan/gabung/ABCDE23456",
            Publik,
            get(gabung_page),
        )
        .add(
            "POST",
            "/relawan/gabung/{kode}",
            "/relawan/gabung/ABCDE23456",
            Publik,
            post(gabung),
        )
        .add(
            "GET",
            "/relawan/tahan",
            "/relawan/tahan",
            pengguna,
            get(tahan_page),
        )
        .add(
            "POST",
            "/relawan/tahan/{relawan}/{hari}",
            "/relawan/tahan/{id}/20000",
            pengguna,
            post(putuskan_tahan),
        )
        .add("GET", "/pendukung", "/pendukung", kelola, get(daftar_page))
        .add("POST", "/pendukung", "/pendukung", kelola, post(catat))
        .add(
            "GET",
            "/pendukung/baru",
            "/pendukung/baru",
            kelola,
            get(baru_page),
        )
        .add(
            "GET",
            "/pendukung/ragu",
            "/pendukung/ragu",
            kelola,
            get(ragu_page),
        )
        .add(
            "POST",
            "/pendukung/ragu/{id}",
            "/pendukung/ragu/{id}",
            kelola,
            post(putuskan),
        )
        .add(
            "GET",
            "/pendukung/{id}",
            "/pendukung/{id}",
            kelola,
            get(detail_page),
        )
        .add(
            "POST",
            "/pendukung/{id}/ekspor",
            "/pendukung/{id}/ekspor",
            pribadi,
            post(ekspor),
        )
        .add(
            "POST",
            "/pendukung/{id}/koreksi",
            "/pendukung/{id}/koreksi",
            pribadi,
            post(koreksi),
        )
        .add(
            "POST",
            "/pendukung/{id}/perpanjang",
            "/pendukung/{id}/perpanjang",
            kelola,
            post(perpanjang),
        )
        .add(
            "POST",
            "/pendukung/{id}/hapus",
            "/pendukung/{id}/hapus",
            pribadi,
            post(hapus),
        )
        .add(
            "GET",
            "/target/{kode}",
            "/target/31.71",
            Izin(posko_domain::Izin::KelolaPendukung, Sasaran::Wilayah),
            get(target_page),
        )
        .add(
            "GET",
            "/target/{kode}/xlsx",
            "/target/31.71/xlsx",
            Izin(posko_domain::Izin::KelolaPendukung, Sasaran::Wilayah),
            get(target_unduh),
        )
        .add(
            "GET",
            "/target/{kode}/pdf",
            "/target/31.71/pdf",
            Izin(posko_domain::Izin::KelolaPendukung, Sasaran::Wilayah),
            get(target_unduh),
        )
        .add(
            "GET",
            "/target/{kode}/survei/xlsx",
            "/target/31.71/survei/xlsx",
            Izin(posko_domain::Izin::KelolaPendukung, Sasaran::Wilayah),
            get(survei_unduh),
        )
        .add(
            "GET",
            "/target/{kode}/survei/pdf",
            "/target/31.71/survei/pdf",
            Izin(posko_domain::Izin::KelolaPendukung, Sasaran::Wilayah),
            get(survei_unduh),
        )
        .add(
            "POST",
            "/pemilihan/{id}/asumsi-target",
            "/pemilihan/{id}/asumsi-target",
            Izin(posko_domain::Izin::KelolaPemilihan, Sasaran::Pemilihan),
            post(simpan_asumsi),
        )
}

// ------------------------------------------------------------ helpers

const WIB: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(o) => o,
    Err(_) => panic!("UTC+7 is a valid offset"),
};

fn hari_ini() -> Date {
    OffsetDateTime::now_utc().to_offset(WIB).date()
}

fn tanggal_unix(detik: i64) -> String {
    OffsetDateTime::from_unix_timestamp(detik)
        .map(|t| tanggal(t.to_offset(WIB).date()))
        .unwrap_or_else(|_| detik.to_string())
}

fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response()
}

fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Dilarang(_) => StatusCode::FORBIDDEN,
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::Konflik(_) => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// An expected refusal (bad input, outside the territory): shown on the
/// page. Anything else is a real failure, answered as an error page.
fn ditolak(e: AppError) -> Result<(StatusCode, String), PageError> {
    let st = status_of(&e);
    match e {
        AppError::Invalid(m) | AppError::Dilarang(m) | AppError::Konflik(m) => Ok((st, m)),
        other => Err(other.into()),
    }
}

fn halaman(status: StatusCode, html: Html<String>) -> Response {
    (status, html).into_response()
}

fn tidak_lengkap() -> PageError {
    PageError(
        StatusCode::UNPROCESSABLE_ENTITY,
        crate::t("galat-formulir-tidak-lengkap"),
    )
}

fn id_pendukung(id: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(id).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t1("galat-pendukung-tidak-ditemukan", "id", id),
        )
    })
}

/// A form with repeated fields (checkboxes) as name/value pairs.
struct Isian(Vec<(String, String)>);

impl Isian {
    fn get(&self, k: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    fn ada(&self, k: &str) -> bool {
        self.0.iter().any(|(n, _)| n == k)
    }

    fn semua(&self, k: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The CSRF check of every form here; a form without the field at all
    /// is incomplete (422), a wrong token is refused (403).
    fn periksa(&self, m: &Masuk, headers: &HeaderMap) -> Result<Option<Response>, PageError> {
        if !self.ada("csrf") {
            return Err(tidak_lengkap());
        }
        Ok(form_ditolak(m, self.get("csrf"), headers))
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn nama_cakupan(c: &Cakupan) -> String {
    match c {
        Cakupan::Semua => crate::t("relawan-semua-wilayah"),
        Cakupan::Wilayah(w) => w.to_string(),
        Cakupan::Tps(t) => crate::t1("relawan-cakupan-tps", "tps", t.to_string()),
    }
}

// ------------------------------------------------------------ /relawan

struct BarisAktivitas {
    hari: String,
    jumlah: String,
    kunjungan: String,
    batang: String,
    /// Supporters and visits as numbers, for the downloads.
    jumlah_pendukung: u64,
    jumlah_kunjungan: u64,
}

struct BarisPeringkat {
    urutan: usize,
    nama: String,
    wilayah: String,
    pendukung: String,
    kunjungan: String,
    saya: bool,
    /// Supporters and visits as numbers, for the downloads.
    jumlah: u64,
    jumlah_kunjungan: u64,
    /// Field tasks past their due date and not done.
    terlambat: u64,
}

/// One area below the leaderboard's: what was done there.
struct BarisKegiatan {
    kode: String,
    nama: String,
    pendukung: String,
    kunjungan: String,
    /// Supporters and visits as numbers, for the downloads.
    jumlah_pendukung: u64,
    jumlah_kunjungan: u64,
}

struct Undangan {
    kode: String,
    tautan: String,
    tautan_lengkap: String,
}

#[derive(Template)]
#[template(path = "relawan.html")]
struct RelawanPage {
    csrf: String,
    nama: String,
    relawan: bool,
    /// Not a relawan, but may head a tree (a manager, a koordinator): the
    /// page offers to start one instead of sending them to ask for a code.
    boleh_mulai: bool,
    /// May decide on held field records (a coordinator or above).
    boleh_tahan: bool,
    tingkat: String,
    wilayah: String,
    wilayah_nama: String,
    isian_wilayah: String,
    undangan: Option<Undangan>,
    galat_undangan: Option<String>,
    pohon: String,
    jumlah_bawahan: String,
    aktivitas: Vec<BarisAktivitas>,
    peringkat_wilayah: String,
    peringkat: Vec<BarisPeringkat>,
    peringkat_catatan: Option<String>,
    /// Areas one level below the leaderboard's.
    kegiatan: Vec<BarisKegiatan>,
}

#[derive(Deserialize, Default)]
struct RelawanQ {
    wilayah: Option<String>,
}

/// The downline as nested lists, the caller at the root.
fn pohon(akar: Uuid, semua: &[Relawan]) -> String {
    let mut anak: HashMap<Uuid, Vec<&Relawan>> = HashMap::new();
    for r in semua {
        if let Some(p) = r.perekrut {
            anak.entry(p).or_default().push(r);
        }
    }
    for v in anak.values_mut() {
        v.sort_by(|a, b| a.nama.cmp(&b.nama));
    }
    fn tulis(out: &mut String, id: Uuid, anak: &HashMap<Uuid, Vec<&Relawan>>, dalam: usize) {
        let Some(rs) = anak.get(&id) else { return };
        if dalam > 16 {
            return;
        }
        out.push_str("<ul class=\"pohon\">");
        for r in rs {
            let _ = write!(
                out,
                "<li><strong>{}</strong> <span class=\"meta\">{} · {}{}</span>",
                escape(&r.nama),
                escape(r.tingkat.label()),
                escape(&nama_cakupan(&r.wilayah)),
                if r.aktif { "" } else { " · nonaktif" }
            );
            tulis(out, r.id, anak, dalam + 1);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    let mut out = String::new();
    tulis(&mut out, akar, &anak, 0);
    out
}

/// A bar for the activity table: presentation attributes only (the CSP
/// allows no inline style).
fn batang(n: u64, maks: u64) -> String {
    let lebar = if maks == 0 {
        0
    } else {
        (n * 160).div_ceil(maks).min(160)
    };
    format!(
        r##"<svg width="160" height="12" viewBox="0 0 160 12" role="img" aria-label="{n}"><rect x="0" y="1" width="{lebar}" height="10" fill="#1f6feb"/></svg>"##
    )
}

async fn susun_relawan(
    s: &AppState,
    m: &Masuk,
    q: &RelawanQ,
    undangan: Option<Undangan>,
    galat_undangan: Option<String>,
    isian_wilayah: Option<String>,
) -> Result<RelawanPage, PageError> {
    let saya = s.posko.relawan_saya(&m.pengguna).await?;
    let mut page = RelawanPage {
        csrf: m.sesi.csrf.clone(),
        nama: m.pengguna.nama.clone(),
        relawan: saya.is_some(),
        boleh_mulai: saya.is_none()
            && m.pengguna
                .penugasan
                .iter()
                .any(|t| t.peran.izin().contains(&posko_domain::Izin::KelolaPengguna)),
        boleh_tahan: m
            .pengguna
            .penugasan
            .iter()
            .any(|t| t.peran.izin().contains(&posko_domain::Izin::KelolaPengguna)),
        tingkat: String::new(),
        wilayah: String::new(),
        wilayah_nama: String::new(),
        isian_wilayah: isian_wilayah.unwrap_or_default(),
        undangan,
        galat_undangan,
        pohon: String::new(),
        jumlah_bawahan: "0".into(),
        aktivitas: Vec::new(),
        peringkat_wilayah: String::new(),
        peringkat: Vec::new(),
        peringkat_catatan: None,
        kegiatan: Vec::new(),
    };
    // The area of the leaderboard: asked for, else the relawan's own.
    let mut area: Option<KodeWilayah> = None;
    if let Some(r) = &saya {
        page.tingkat = r.tingkat.label().to_string();
        page.wilayah = r.wilayah.to_string();
        if page.isian_wilayah.is_empty() {
            page.isian_wilayah = r.wilayah.to_string();
        }
        let kode_nama = match r.wilayah {
            Cakupan::Wilayah(w) => Some(w),
            Cakupan::Tps(t) => Some(t.desa()),
            Cakupan::Semua => None,
        };
        if let Some(w) = kode_nama
            && let Ok(v) = s.posko.wilayah_view(Some(w)).await
            && let Some(x) = v.wilayah
        {
            page.wilayah_nama = match r.wilayah {
                Cakupan::Tps(t) => format!("TPS {} di {}", t.nomor(), x.nama),
                _ => x.nama,
            };
        }
        let bawahan = s.posko.bawahan(&m.pengguna).await?;
        page.jumlah_bawahan = ribuan(bawahan.len() as u64);
        page.pohon = pohon(r.id, &bawahan);
        let mut akt = s.posko.aktivitas_relawan(r.id).await?;
        akt.sort_by_key(|a| std::cmp::Reverse(a.hari));
        akt.truncate(30);
        let maks = akt.iter().map(|a| a.pendukung).max().unwrap_or(0);
        page.aktivitas = akt
            .into_iter()
            .map(|a| BarisAktivitas {
                hari: tanggal(a.hari),
                jumlah: ribuan(a.pendukung),
                kunjungan: ribuan(a.kunjungan),
                batang: batang(a.pendukung, maks),
                jumlah_pendukung: a.pendukung,
                jumlah_kunjungan: a.kunjungan,
            })
            .collect();
        area = match r.wilayah {
            Cakupan::Wilayah(w) => Some(w),
            _ => None,
        };
        if matches!(r.wilayah, Cakupan::Tps(_)) {
            page.peringkat_catatan = Some(crate::t("relawan-peringkat-untuk-koordinator"));
        }
    }
    if let Some(w) = q
        .wilayah
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        match KodeWilayah::parse(w) {
            Ok(k) => area = Some(k),
            Err(e) => page.peringkat_catatan = Some(format!("wilayah '{w}': {e}")),
        }
    }
    if area.is_none()
        && saya.is_none()
        && let Some(Cakupan::Wilayah(w)) = m
            .pengguna
            .penugasan
            .iter()
            .find(|p| p.peran.izin().contains(&Izin::KelolaPendukung))
            .map(|p| p.cakupan)
    {
        area = Some(w);
    }
    if let Some(w) = area {
        page.peringkat_wilayah = w.to_string();
        match s.posko.papan_peringkat(&m.pengguna, w).await {
            Ok(rows) => {
                page.peringkat = rows
                    .into_iter()
                    .take(50)
                    .enumerate()
                    .map(|(i, p)| BarisPeringkat {
                        urutan: i + 1,
                        saya: saya.as_ref().is_some_and(|r| r.id == p.relawan.id),
                        nama: p.relawan.nama,
                        wilayah: nama_cakupan(&p.relawan.wilayah),
                        pendukung: ribuan(p.pendukung),
                        jumlah: p.pendukung,
                        jumlah_kunjungan: p.kunjungan,
                        kunjungan: ribuan(p.kunjungan),
                        terlambat: p.terlambat,
                    })
                    .collect();
                page.kegiatan = s
                    .posko
                    .kegiatan_wilayah(&m.pengguna, w)
                    .await?
                    .into_iter()
                    .map(|k| BarisKegiatan {
                        kode: k.kode.to_string(),
                        nama: k.nama,
                        pendukung: ribuan(k.pendukung),
                        kunjungan: ribuan(k.kunjungan),
                        jumlah_pendukung: k.pendukung,
                        jumlah_kunjungan: k.kunjungan,
                    })
                    .collect();
            }
            Err(e) => page.peringkat_catatan = Some(ditolak(e)?.1),
        }
    }
    Ok(page)
}

async fn relawan_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Query(q): Query<RelawanQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    render(susun_relawan(&s, &m, &q, None, None, None).await?)
}

pub(crate) fn asal(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let skema = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.eq_ignore_ascii_case("https"))
        .map(|_| "https")
        .unwrap_or("http");
    format!("{skema}://{host}")
}

async fn undangan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let isian = f.get("wilayah").trim().to_string();
    let hasil = match Cakupan::parse(&isian) {
        Ok(c) => s.posko.buat_undangan(&m.pengguna, c).await,
        Err(e) => Err(AppError::Invalid(format!("wilayah '{isian}': {e}"))),
    };
    let q = RelawanQ::default();
    match hasil {
        Ok(kode) => {
            let tautan = format!("/relawan/gabung/{kode}");
            let u = Undangan {
                tautan_lengkap: format!("{}{tautan}", asal(&headers)),
                tautan,
                kode,
            };
            let page = susun_relawan(&s, &m, &q, Some(u), None, Some(isian)).await?;
            Ok(render(page)?.into_response())
        }
        Err(e) => {
            let (st, pesan) = ditolak(e)?;
            let page = susun_relawan(&s, &m, &q, None, Some(pesan), Some(isian)).await?;
            Ok(halaman(st, render(page)?))
        }
    }
}

/// A team member who may head a tree becomes its top relawan over an area
/// of their own territory (the app checks the territory), then invites.
async fn mulai(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let isian = f.get("wilayah").trim().to_string();
    let hasil = match Cakupan::parse(&isian) {
        Ok(c) => {
            s.posko
                .tambah_relawan(&m.pengguna, &m.pengguna.nama, c, Some(m.pengguna.id))
                .await
        }
        Err(e) => Err(AppError::Invalid(format!("wilayah '{isian}': {e}"))),
    };
    match hasil {
        Ok(_) => Ok(axum::response::Redirect::to("/relawan#undangan").into_response()),
        Err(e) => {
            let (st, pesan) = ditolak(e)?;
            let q = RelawanQ::default();
            let page = susun_relawan(&s, &m, &q, None, Some(pesan), Some(isian)).await?;
            Ok(halaman(st, render(page)?))
        }
    }
}

// ------------------------------------------------------------ joining

#[derive(Template)]
#[template(path = "relawan_gabung.html")]
struct GabungPage {
    kode: String,
    nama: String,
    username: String,
    galat: Option<String>,
    /// Set once joined: the new account's username.
    selesai: Option<String>,
    wilayah: String,
}

async fn gabung_page(Path(kode): Path<String>) -> Result<Html<String>, PageError> {
    render(GabungPage {
        kode,
        nama: String::new(),
        username: String::new(),
        galat: None,
        selesai: None,
        wilayah: String::new(),
    })
}

#[derive(Deserialize)]
struct GabungForm {
    nama: String,
    username: String,
    password: String,
}

async fn gabung(
    State(s): State<AppState>,
    Path(kode): Path<String>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<GabungForm>,
) -> Result<Response, PageError> {
    if !same_origin(&headers) {
        return Ok((StatusCode::FORBIDDEN, crate::t("galat-asal-permintaan")).into_response());
    }
    let mut page = GabungPage {
        kode: kode.clone(),
        nama: f.nama.clone(),
        username: f.username.clone(),
        galat: None,
        selesai: None,
        wilayah: String::new(),
    };
    match s
        .posko
        .gabung_relawan(Gabung {
            kode,
            username: f.username,
            nama: f.nama,
            password: f.password,
        })
        .await
    {
        Ok((akun, r)) => {
            page.selesai = Some(akun.username);
            page.wilayah = format!("{} · {}", r.tingkat.label(), nama_cakupan(&r.wilayah));
            Ok(render(page)?.into_response())
        }
        Err(e) => {
            let (st, pesan) = ditolak(e)?;
            page.galat = Some(pesan);
            Ok(halaman(st, render(page)?))
        }
    }
}
