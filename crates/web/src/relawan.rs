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

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kelola = Izin(posko_domain::Izin::KelolaPendukung, Sasaran::Manapun);
    let pribadi = Izin(posko_domain::Izin::EksporDataPribadi, Sasaran::Manapun);
    r.add("GET", "/relawan", "/relawan", kelola, get(relawan_page))
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
        "formulir tidak lengkap; muat ulang halaman lalu kirim lagi".into(),
    )
}

fn id_pendukung(id: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(id).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            format!("pendukung '{id}' tidak ditemukan"),
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
        Cakupan::Semua => "semua wilayah".into(),
        Cakupan::Wilayah(w) => w.to_string(),
        Cakupan::Tps(t) => format!("TPS {t}"),
    }
}

// ------------------------------------------------------------ /relawan

struct BarisAktivitas {
    hari: String,
    jumlah: String,
    batang: String,
}

struct BarisPeringkat {
    urutan: usize,
    nama: String,
    wilayah: String,
    pendukung: String,
    saya: bool,
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
        akt.sort_by_key(|a| std::cmp::Reverse(a.0));
        akt.truncate(30);
        let maks = akt.iter().map(|a| a.1).max().unwrap_or(0);
        page.aktivitas = akt
            .into_iter()
            .map(|(hari, n)| BarisAktivitas {
                hari: tanggal(hari),
                jumlah: ribuan(n),
                batang: batang(n, maks),
            })
            .collect();
        area = match r.wilayah {
            Cakupan::Wilayah(w) => Some(w),
            _ => None,
        };
        if matches!(r.wilayah, Cakupan::Tps(_)) {
            page.peringkat_catatan = Some(
                "Papan peringkat tersedia untuk koordinator wilayah; wilayah tugas Anda satu TPS."
                    .into(),
            );
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

fn asal(headers: &HeaderMap) -> String {
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
        return Ok((StatusCode::FORBIDDEN, "asal permintaan tidak sah").into_response());
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

// ------------------------------------------------------------ supporters

struct BarisPendukung {
    id: Uuid,
    nama: String,
    tempat: String,
    dukungan: &'static str,
    dicatat: String,
    /// Where the DPT lists them.
    dpt: String,
}

#[derive(Template)]
#[template(path = "pendukung.html")]
struct DaftarPage {
    q: String,
    pesan: Option<String>,
    jumlah: String,
    baris: Vec<BarisPendukung>,
}

#[derive(Deserialize, Default)]
struct DaftarQ {
    q: Option<String>,
    dihapus: Option<String>,
}

fn tempat(p: &Pendukung) -> String {
    match p.tps {
        Some(t) => format!("TPS {t}"),
        None => format!("desa {}", p.desa),
    }
}

/// Most supporters listed per scope.
const DAFTAR_MAKS: u32 = 1_000;

async fn daftar_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Query(q): Query<DaftarQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let cari = q.q.as_deref().unwrap_or_default().trim().to_string();
    let kunci = posko_domain::pendukung::nama_normal(&cari);
    let semua = s.posko.pendukung_terlihat(&m.pengguna, DAFTAR_MAKS).await?;
    let semua: Vec<_> = semua
        .into_iter()
        .filter(|p| {
            kunci.is_empty() || posko_domain::pendukung::nama_normal(&p.nama).contains(&kunci)
        })
        .collect();
    let dpt = s.posko.cocokkan_dpt(&semua).await?;
    let baris: Vec<BarisPendukung> = semua
        .into_iter()
        .zip(dpt)
        .map(|(p, d)| BarisPendukung {
            id: p.id,
            tempat: tempat(&p),
            dukungan: p.dukungan.slug(),
            dicatat: tanggal_unix(p.dibuat),
            dpt: match d {
                posko_app::StatusDpt::Terdaftar(t) => format!("TPS {:03}", t.nomor().get()),
                posko_app::StatusDpt::TidakDitemukan => "tidak ditemukan".into(),
                posko_app::StatusDpt::TanpaTanggalLahir => "—".into(),
            },
            nama: p.nama,
        })
        .collect();
    render(DaftarPage {
        jumlah: ribuan(baris.len() as u64),
        pesan: q
            .dihapus
            .map(|_| "Data pendukung dihapus atas permintaan pemilik data.".into()),
        q: cari,
        baris,
    })
}

struct Pilihan {
    nilai: &'static str,
    label: &'static str,
    dipilih: bool,
}

/// What was typed on a supporter form (NIK never echoed).
#[derive(Default)]
struct Nilai {
    nama: String,
    telepon: String,
    alamat: String,
    domisili: String,
    tanggal_lahir: String,
    dukungan: String,
    sumber: String,
    keperluan: Vec<String>,
}

impl Nilai {
    fn dari(f: &Isian) -> Nilai {
        Nilai {
            nama: f.get("nama").to_string(),
            telepon: f.get("telepon").to_string(),
            alamat: f.get("alamat").to_string(),
            domisili: f.get("domisili").to_string(),
            tanggal_lahir: f.get("tanggal_lahir").to_string(),
            dukungan: f.get("dukungan").to_string(),
            sumber: f.get("sumber").to_string(),
            keperluan: f.semua("keperluan").into_iter().map(String::from).collect(),
        }
    }

    fn isian<'a>(&'a self, nik: &'a str) -> IsianPendukung<'a> {
        IsianPendukung {
            nama: &self.nama,
            nik,
            telepon: &self.telepon,
            alamat: &self.alamat,
            domisili: &self.domisili,
            tanggal_lahir: &self.tanggal_lahir,
            dukungan: &self.dukungan,
            sumber: &self.sumber,
        }
    }

    fn pilihan_dukungan(&self) -> Vec<Pilihan> {
        let dipilih = if self.dukungan.is_empty() {
            "kuat"
        } else {
            self.dukungan.as_str()
        };
        TingkatDukungan::ALL
            .into_iter()
            .map(|d| Pilihan {
                nilai: d.slug(),
                label: match d {
                    TingkatDukungan::Kuat => "kuat (pasti memilih)",
                    TingkatDukungan::Condong => "condong",
                    TingkatDukungan::Ragu => "ragu-ragu",
                },
                dipilih: d.slug() == dipilih,
            })
            .collect()
    }

    fn pilihan_keperluan(&self) -> Vec<Pilihan> {
        Keperluan::ALL
            .into_iter()
            .map(|k| Pilihan {
                nilai: k.slug(),
                label: k.label(),
                dipilih: self.keperluan.iter().any(|x| x == k.slug()),
            })
            .collect()
    }
}

/// An error of the use case placed next to the field it names.
#[derive(Default)]
struct Galat {
    umum: Option<String>,
    nama: Option<String>,
    nik: Option<String>,
    telepon: Option<String>,
    alamat: Option<String>,
    domisili: Option<String>,
    tanggal_lahir: Option<String>,
    dukungan: Option<String>,
    sumber: Option<String>,
    keperluan: Option<String>,
}

impl Galat {
    fn dari(pesan: String) -> Galat {
        let mut g = Galat::default();
        let slot = if pesan.starts_with("tanpa persetujuan") || pesan.starts_with("keperluan") {
            &mut g.keperluan
        } else if pesan.starts_with("nama:") {
            &mut g.nama
        } else if pesan.starts_with("kolom NIK") {
            &mut g.nik
        } else if pesan.starts_with("kolom telepon") {
            &mut g.telepon
        } else if pesan.starts_with("alamat:") {
            &mut g.alamat
        } else if pesan.starts_with("sumber:") {
            &mut g.sumber
        } else if pesan.starts_with("TPS") {
            &mut g.domisili
        } else if pesan.starts_with("tanggal lahir") {
            &mut g.tanggal_lahir
        } else if pesan.starts_with("tingkat dukungan") {
            &mut g.dukungan
        } else {
            &mut g.umum
        };
        *slot = Some(pesan);
        g
    }
}

#[derive(Template)]
#[template(path = "pendukung_baru.html")]
struct BaruPage {
    csrf: String,
    v: Nilai,
    dukungan: Vec<Pilihan>,
    keperluan: Vec<Pilihan>,
    g: Galat,
    /// A supporter with this NIK is recorded already.
    ganda: Option<Uuid>,
}

fn baru(m: &Masuk, v: Nilai, g: Galat, ganda: Option<Uuid>) -> BaruPage {
    BaruPage {
        csrf: m.sesi.csrf.clone(),
        dukungan: v.pilihan_dukungan(),
        keperluan: v.pilihan_keperluan(),
        v,
        g,
        ganda,
    }
}

async fn baru_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let mut v = Nilai::default();
    // A TPS relawan records at their TPS: fill it in.
    if let Some(r) = s.posko.relawan_saya(&m.pengguna).await?
        && let Cakupan::Tps(t) = r.wilayah
    {
        v.domisili = t.undotted();
    }
    render(baru(&m, v, Galat::default(), None))
}

async fn catat(
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
    let v = Nilai::dari(&f);
    let keperluan: Vec<&str> = v.keperluan.iter().map(String::as_str).collect();
    let hasil = s
        .posko
        .catat_pendukung(&m.pengguna, &v.isian(f.get("nik")), &keperluan)
        .await;
    match hasil {
        Ok(CatatPendukung::Baru { id, ragu }) => {
            Ok(see_other(&format!("/pendukung/{id}?baru=1&ragu={ragu}")))
        }
        Ok(CatatPendukung::Ganda(ada)) => Ok(halaman(
            StatusCode::CONFLICT,
            render(baru(&m, v, Galat::default(), Some(ada)))?,
        )),
        Err(e) => {
            let (st, pesan) = ditolak(e)?;
            Ok(halaman(st, render(baru(&m, v, Galat::dari(pesan), None))?))
        }
    }
}

// ------------------------------------------------------------ one supporter

#[derive(Template)]
#[template(path = "pendukung_detail.html")]
struct DetailPage {
    csrf: String,
    id: Uuid,
    nama: String,
    tempat: String,
    alamat: String,
    tanggal_lahir: String,
    dukungan: &'static str,
    sumber: String,
    nik: bool,
    telepon: bool,
    keperluan: Vec<&'static str>,
    disetujui: String,
    simpan_sampai: String,
    sampai_baru: String,
    pesan: Option<String>,
    galat: Option<String>,
    /// May export, correct and erase (EksporDataPribadi over the record).
    boleh_pribadi: bool,
    // The correction form.
    v: Nilai,
    pilihan_dukungan: Vec<Pilihan>,
    g: Galat,
}

#[derive(Deserialize, Default)]
struct DetailQ {
    baru: Option<String>,
    ragu: Option<usize>,
    dikoreksi: Option<String>,
    diperpanjang: Option<String>,
}

/// The record, if the caller may manage supporters where it lies.
async fn pendukung_boleh(s: &AppState, m: &Masuk, id: Uuid) -> Result<Pendukung, PageError> {
    Ok(s.posko.lihat_pendukung(&m.pengguna, id).await?)
}

/// Where a supporter lies, for deciding which actions to offer (the use
/// cases check again).
fn objek(p: &Pendukung) -> Objek {
    match p.tps {
        Some(t) => Objek::Tps(t),
        None => Objek::Wilayah(p.desa),
    }
}

async fn susun_detail(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    pesan: Option<String>,
    galat: Option<String>,
    koreksi: Option<(Nilai, Galat)>,
) -> Result<DetailPage, PageError> {
    let p = pendukung_boleh(s, m, id).await?;
    let (v, g) = koreksi.unwrap_or_else(|| {
        (
            Nilai {
                nama: p.nama.clone(),
                telepon: String::new(),
                alamat: p.alamat.clone(),
                domisili: p
                    .tps
                    .map(|t| t.undotted())
                    .unwrap_or_else(|| p.desa.to_string()),
                tanggal_lahir: p.tanggal_lahir.map(|d| d.to_string()).unwrap_or_default(),
                dukungan: p.dukungan.slug().into(),
                sumber: p.sumber.clone(),
                keperluan: Vec::new(),
            },
            Galat::default(),
        )
    });
    let sampai_baru = std::cmp::max(p.simpan_sampai, hari_ini()) + time::Duration::days(365);
    Ok(DetailPage {
        csrf: m.sesi.csrf.clone(),
        id,
        tempat: tempat(&p),
        alamat: p.alamat.clone(),
        tanggal_lahir: p.tanggal_lahir.map(tanggal).unwrap_or_else(|| "–".into()),
        dukungan: p.dukungan.slug(),
        sumber: p.sumber.clone(),
        nik: p.nik.is_some(),
        telepon: p.telepon.is_some(),
        keperluan: p.keperluan.iter().map(|k| k.label()).collect(),
        disetujui: tanggal_unix(p.disetujui),
        simpan_sampai: tanggal(p.simpan_sampai),
        sampai_baru: sampai_baru.to_string(),
        pesan,
        galat,
        boleh_pribadi: diizinkan(&m.pengguna.penugasan, Izin::EksporDataPribadi, &objek(&p)),
        pilihan_dukungan: v.pilihan_dukungan(),
        v,
        g,
        nama: p.nama,
    })
}

async fn detail_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<DetailQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = id_pendukung(&id)?;
    let pesan = if q.baru.is_some() {
        Some(match q.ragu.unwrap_or(0) {
            0 => "Pendukung tercatat.".to_string(),
            n => format!(
                "Pendukung tercatat. Ada {n} data lain yang mirip (nama, tanggal lahir dan desa sama): dikirim ke daftar tinjauan dugaan ganda."
            ),
        })
    } else if q.dikoreksi.is_some() {
        Some("Data pendukung dikoreksi.".into())
    } else if q.diperpanjang.is_some() {
        Some("Masa simpan diperpanjang.".into())
    } else {
        None
    };
    render(susun_detail(&s, &m, id, pesan, None, None).await?)
}

async fn ekspor(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = id_pendukung(&id)?;
    let v = s.posko.ekspor_pendukung(&m.pengguna, id).await?;
    let body = serde_json::to_string_pretty(&v).map_err(|e| {
        PageError(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("ekspor gagal disusun: {e}"),
        )
    })?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"pendukung-{id}.json\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

async fn koreksi(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = id_pendukung(&id)?;
    let v = Nilai::dari(&f);
    match s
        .posko
        .koreksi_pendukung(&m.pengguna, id, &v.isian(f.get("nik")))
        .await
    {
        Ok(()) => Ok(see_other(&format!("/pendukung/{id}?dikoreksi=1"))),
        Err(e) => {
            let (st, pesan) = ditolak(e)?;
            let page = susun_detail(&s, &m, id, None, None, Some((v, Galat::dari(pesan)))).await?;
            Ok(halaman(st, render(page)?))
        }
    }
}

async fn perpanjang(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = id_pendukung(&id)?;
    let isi = f.get("sampai").trim();
    let hasil = match Date::parse(
        isi,
        time::macros::format_description!("[year]-[month]-[day]"),
    ) {
        Ok(d) if d <= hari_ini() => Err(AppError::Invalid(
            "tanggal simpan harus setelah hari ini".into(),
        )),
        Ok(d) => s.posko.perpanjang_pendukung(&m.pengguna, id, d).await,
        Err(_) => Err(AppError::Invalid(format!(
            "tanggal '{isi}': tulis sebagai TTTT-BB-HH (mis. 2030-03-01)"
        ))),
    };
    match hasil {
        Ok(()) => Ok(see_other(&format!("/pendukung/{id}?diperpanjang=1"))),
        Err(e) => {
            let (st, pesan) = ditolak(e)?;
            let page = susun_detail(&s, &m, id, None, Some(pesan), None).await?;
            Ok(halaman(st, render(page)?))
        }
    }
}

async fn hapus(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = id_pendukung(&id)?;
    if f.get("yakin") != "ya" {
        let page = susun_detail(
            &s,
            &m,
            id,
            None,
            Some(
                "Centang konfirmasi penghapusan dulu: data yang dihapus tidak bisa dikembalikan."
                    .into(),
            ),
            None,
        )
        .await?;
        return Ok(halaman(StatusCode::UNPROCESSABLE_ENTITY, render(page)?));
    }
    s.posko.hapus_pendukung(&m.pengguna, id).await?;
    Ok(see_other("/pendukung?dihapus=1"))
}

// ------------------------------------------------------------ duplicates

struct BarisRagu {
    id: Uuid,
    a: Uuid,
    b: Uuid,
    nama_a: String,
    nama_b: String,
    desa: String,
    skor: String,
    status: &'static str,
    terbuka: bool,
}

#[derive(Template)]
#[template(path = "pendukung_ragu.html")]
struct RaguPage {
    csrf: String,
    pesan: Option<String>,
    baris: Vec<BarisRagu>,
}

#[derive(Deserialize, Default)]
struct RaguQ {
    diputus: Option<String>,
}

async fn ragu_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Query(q): Query<RaguQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let mut rows = s.posko.daftar_ragu(&m.pengguna).await?;
    // Open pairs first, newest first.
    rows.sort_by(|a, b| {
        (a.status != "baru")
            .cmp(&(b.status != "baru"))
            .then(b.dibuat.cmp(&a.dibuat))
    });
    render(RaguPage {
        csrf: m.sesi.csrf.clone(),
        pesan: q.diputus.map(|_| "Tinjauan tercatat.".into()),
        baris: rows
            .into_iter()
            .map(|r| BarisRagu {
                id: r.id,
                a: r.pendukung_a,
                b: r.pendukung_b,
                nama_a: r.nama_a,
                nama_b: r.nama_b,
                desa: r.desa.to_string(),
                skor: format!("{:.0} %", r.skor * 100.0),
                terbuka: r.status == "baru",
                status: match r.status.as_str() {
                    "sama" => "orang yang sama",
                    "beda" => "orang berbeda",
                    _ => "belum ditinjau",
                },
            })
            .collect(),
    })
}

async fn putuskan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = Uuid::parse_str(&id).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            format!("pasangan '{id}' tidak ditemukan"),
        )
    })?;
    let sama = match f.get("putusan") {
        "sama" => true,
        "beda" => false,
        _ => {
            return Err(PageError(
                StatusCode::UNPROCESSABLE_ENTITY,
                "pilih: orang yang sama atau orang berbeda".into(),
            ));
        }
    };
    s.posko.putuskan_ragu(&m.pengguna, id, sama).await?;
    Ok(see_other("/pendukung/ragu?diputus=1"))
}

// ------------------------------------------------------------ targets

struct BarisTarget {
    kode: String,
    nama: String,
    tautan: Option<String>,
    dpt: String,
    dibutuhkan: String,
    pendukung: String,
    selisih: String,
    tercapai: String,
}

struct PilihanPemilihan {
    id: Uuid,
    nama: String,
    dipilih: bool,
}

#[derive(Template)]
#[template(path = "target.html")]
struct TargetPage {
    kode: String,
    nama: String,
    pemilihan: Vec<PilihanPemilihan>,
    partisipasi: String,
    target: String,
    banyak_paslon: bool,
    asumsi: Vec<String>,
    galat: Option<String>,
    baris: Vec<BarisTarget>,
}

#[derive(Deserialize, Default)]
struct TargetQ {
    pemilihan: Option<String>,
    partisipasi: Option<String>,
    target: Option<String>,
}

/// Turnout assumed when none is given: about the turnout of recent
/// Pilkada.
const PARTISIPASI_BAWAAN: &str = "70";
/// Share of valid votes aimed for when more than two paslon run and none
/// is given.
const TARGET_BAWAAN: &str = "40";

fn isi(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

async fn target_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(kode): Path<String>,
    Query(q): Query<TargetQ>,
) -> Result<Html<String>, PageError> {
    masuk(p)?;
    let kode = crate::param::wilayah(&kode)?;
    let view = s.posko.wilayah_view(Some(kode)).await?;
    let mut page = TargetPage {
        kode: kode.to_string(),
        nama: view
            .wilayah
            .as_ref()
            .map(|w| w.nama.clone())
            .unwrap_or_default(),
        pemilihan: Vec::new(),
        partisipasi: isi(&q.partisipasi)
            .unwrap_or(PARTISIPASI_BAWAAN)
            .to_string(),
        target: isi(&q.target).unwrap_or_default().to_string(),
        banyak_paslon: false,
        asumsi: Vec::new(),
        galat: None,
        baris: Vec::new(),
    };
    let mut semua: Vec<_> = s
        .posko
        .list_pemilihan()
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
        page.galat = Some(
            "Belum ada pemilihan yang mencakup wilayah ini: target dihitung per pemilihan.".into(),
        );
        return render(page);
    };
    let paslon = s.posko.pemilihan_view(pid).await?.paslon.len();
    page.banyak_paslon = paslon > 2;
    let partisipasi = match Persen::parse(&page.partisipasi) {
        Ok(p) => p,
        Err(e) => {
            page.galat = Some(format!("partisipasi: {e}"));
            return render(page);
        }
    };
    if isi(&q.partisipasi).is_none() {
        page.asumsi.push(format!(
            "Partisipasi pemilih diasumsikan {partisipasi} % dari DPT (bawaan; ubah di atas)."
        ));
    } else {
        page.asumsi.push(format!(
            "Partisipasi pemilih: {partisipasi} % dari DPT menjadi suara sah."
        ));
    }
    let mut target = None;
    if paslon > 2 {
        if page.target.is_empty() {
            page.target = TARGET_BAWAAN.into();
            page.asumsi.push(format!(
                "Ada {paslon} paslon: target perolehan diasumsikan {TARGET_BAWAAN} % suara sah (bawaan; ubah di atas)."
            ));
        }
        match Persen::parse(&page.target) {
            Ok(t) => {
                if isi(&q.target).is_some() {
                    page.asumsi.push(format!(
                        "Ada {paslon} paslon: target perolehan {t} % suara sah."
                    ));
                }
                target = Some(t);
            }
            Err(e) => {
                page.galat = Some(format!("target suara: {e}"));
                return render(page);
            }
        }
    } else if paslon > 0 {
        page.asumsi.push(format!(
            "{paslon} paslon: suara dibutuhkan = separuh suara sah + 1 di setiap TPS."
        ));
    }
    let rows = match s.posko.target(pid, kode, partisipasi, target).await {
        Ok(r) => r,
        Err(e) => {
            page.galat = Some(ditolak(e)?.1);
            return render(page);
        }
    };
    let nama: HashMap<String, String> = view
        .anak
        .iter()
        .map(|a| (a.wilayah.kode.to_string(), a.wilayah.nama.clone()))
        .collect();
    let mut kueri = format!("?pemilihan={pid}&partisipasi={}", page.partisipasi);
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
                kode: b.kode,
            }
        })
        .collect();
    render(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_land_next_to_their_field() {
        assert!(Galat::dari("kolom NIK: panjang 11".into()).nik.is_some());
        assert!(
            Galat::dari("tanpa persetujuan: x".into())
                .keperluan
                .is_some()
        );
        assert!(Galat::dari("TPS/desa 'x': y".into()).domisili.is_some());
        assert!(Galat::dari("lain".into()).umum.is_some());
        assert_eq!(
            escape("<a href=\"x\">&"),
            "&lt;a href=&quot;x&quot;&gt;&amp;"
        );
        assert!(batang(5, 10).contains("width=\"80\""));
    }
}
