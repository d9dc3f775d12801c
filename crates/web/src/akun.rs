//! Account pages: one's own account and sessions (sign out other devices),
//! and for those who manage people, the accounts in their territory, bulk
//! saksi creation from a spreadsheet, and personal-data exports. Saksi
//! coverage per region is in `cakupan_saksi.rs`.

use askama::Template;
use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use posko_app::{Aktor, Ekspor, ImportRequest, Masuk, Pengekspor};
use posko_domain::Izin;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::error::PageError;
use crate::pages::render;
use crate::{AppState, Rutes};

mod kelola;

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kelola = Izin(posko_domain::Izin::KelolaPengguna, Sasaran::Manapun);
    let ekspor = Izin(posko_domain::Izin::EksporDataPribadi, Sasaran::Manapun);
    r.add("GET", "/akun", "/akun", Masuk, get(akun_page))
        .add(
            "POST",
            "/akun/keluar-lain",
            "/akun/keluar-lain",
            Masuk,
            post(keluar_lain),
        )
        .add("GET", "/pengguna", "/pengguna", kelola, get(pengguna_page))
        .add(
            "GET",
            "/pengguna/akun/{username}",
            "/pengguna/akun/uji.manajer",
            kelola,
            get(akun_kelola_page),
        )
        .add(
            "POST",
            "/pengguna/impor-saksi",
            "/pengguna/impor-saksi",
            kelola,
            post(impor_saksi),
        )
        .add(
            "POST",
            "/pengguna/keluar-semua",
            "/pengguna/keluar-semua",
            kelola,
            post(keluar_semua),
        )
        .add(
            "POST",
            "/pengguna/tambah",
            "/pengguna/tambah",
            kelola,
            post(kelola::tambah),
        )
        .add(
            "POST",
            "/pengguna/akun/{username}/kode",
            "/pengguna/akun/uji.manajer/kode",
            kelola,
            post(kelola::kode),
        )
        .add(
            "POST",
            "/pengguna/akun/{username}/aktif",
            "/pengguna/akun/uji.manajer/aktif",
            kelola,
            post(kelola::aktif),
        )
        .add(
            "POST",
            "/pengguna/akun/{username}/peran",
            "/pengguna/akun/uji.manajer/peran",
            kelola,
            post(kelola::beri),
        )
        .add(
            "POST",
            "/pengguna/akun/{username}/cabut",
            "/pengguna/akun/uji.manajer/cabut",
            kelola,
            post(kelola::cabut),
        )
        .add(
            "GET",
            "/static/salin.js",
            "/static/salin.js",
            Publik,
            get(kelola::salin_js),
        )
        .add(
            "POST",
            "/pengguna/ekspor",
            "/pengguna/ekspor",
            ekspor,
            post(ekspor_akun),
        )
        .add(
            "POST",
            "/pengguna/kode",
            "/pengguna/kode",
            ekspor,
            post(ekspor_kode),
        )
}

/// Sessions and sign-ins in WIB, the campaign's clock, written as every
/// other page writes a moment.
fn waktu(unix: i64) -> String {
    crate::format::waktu(unix, posko_domain::ZonaWaktu::Wib)
}

/// "Chrome di Android" from a User-Agent, enough to recognise a device.
fn perangkat(ua: Option<&str>) -> String {
    let Some(ua) = ua.filter(|u| !u.is_empty()) else {
        return crate::t("akun-perangkat-tidak-diketahui");
    };
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| n);
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| n);
    match (browser, os) {
        (Some(b), Some(o)) => format!("{b} di {o}"),
        (Some(b), None) => b.into(),
        (None, Some(o)) => o.into(),
        (None, None) => ua.chars().take(40).collect(),
    }
}

/// One line of an account's history, as read on a phone.
struct BarisRiwayat {
    waktu: String,
    kejadian: String,
    oleh: String,
    rincian: String,
    /// A sign-in code someone else issued: what the account's owner must
    /// be able to spot.
    penting: bool,
}

/// How many history lines an account page shows.
const RIWAYAT_DITAMPILKAN: u32 = 50;

fn baris_riwayat(r: posko_app::RiwayatAkun) -> BarisRiwayat {
    let unix = OffsetDateTime::parse(&r.waktu, &time::format_description::well_known::Rfc3339)
        .map(|t| t.unix_timestamp())
        .unwrap_or_default();
    let kejadian = match r.aksi.as_str() {
        "kode_masuk.buat" => Some("riwayat-kode-masuk"),
        "masuk.berhasil" => Some("riwayat-masuk"),
        "sesi.keluar_semua" => Some("riwayat-sesi-diakhiri"),
        "pengguna.buat" => Some("riwayat-akun-dibuat"),
        "peran.beri" => Some("riwayat-peran-diberi"),
        "peran.cabut" => Some("riwayat-peran-dicabut"),
        "pengguna.nonaktifkan" => Some("riwayat-dinonaktifkan"),
        "pengguna.aktifkan" => Some("riwayat-diaktifkan"),
        "pengguna.ganti_sandi" => Some("riwayat-sandi-diganti"),
        "pengguna.peran" => Some("riwayat-peran-diberi"),
        "pengguna.telegram" => Some("riwayat-telegram"),
        "pengguna.telepon" => Some("riwayat-telepon"),
        _ => None,
    };
    // Who did it, as a person reads it: an account by name, or where a
    // command came from.
    let oleh = match r.oleh.as_str() {
        "system" => crate::t("riwayat-oleh-sistem"),
        "demo" => crate::t("riwayat-oleh-demo"),
        o => match o.strip_prefix("cli:") {
            Some(u) => crate::t1("riwayat-oleh-cli", "pengguna", u),
            None => r.oleh.clone(),
        },
    };
    BarisRiwayat {
        waktu: waktu(unix),
        penting: r.aksi == "kode_masuk.buat",
        kejadian: kejadian.map(crate::t).unwrap_or_else(|| r.aksi.clone()),
        oleh,
        rincian: r.ringkasan,
    }
}

struct BarisSesi {
    dibuat: String,
    kadaluarsa: String,
    perangkat: String,
    alamat: String,
    ini: bool,
}

#[derive(Template)]
#[template(path = "akun.html")]
struct AkunPage {
    nama: String,
    username: String,
    peran: Vec<String>,
    telepon: String,
    sesi: Vec<BarisSesi>,
    csrf: String,
    pesan: Option<String>,
    kelola: bool,
    riwayat: Vec<BarisRiwayat>,
}

#[derive(Deserialize)]
struct PesanQuery {
    selesai: Option<u64>,
    tanda: Option<String>,
}

async fn akun_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    axum::extract::Query(q): axum::extract::Query<PesanQuery>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let sesi = s
        .posko
        .daftar_sesi(&m)
        .await?
        .into_iter()
        .map(|x| BarisSesi {
            dibuat: waktu(x.dibuat),
            kadaluarsa: waktu(x.kadaluarsa),
            perangkat: perangkat(x.perangkat.as_deref()),
            alamat: x.alamat.unwrap_or_else(|| "-".into()),
            ini: x.token_hash == m.sesi.token_hash,
        })
        .collect();
    let telepon = s
        .posko
        .telepon(&m.pengguna)?
        .map(|t| t.tersamar())
        .unwrap_or_else(|| crate::t("akun-telepon-belum-ada"));
    let pesan = q
        .selesai
        .filter(|n| crate::kilas::sah(&m, &[&n.to_string()], q.tanda.as_deref()))
        .map(|n| crate::t1("akun-sesi-lain-diakhiri", "jumlah", n));
    let riwayat = s
        .posko
        .riwayat_akun(&m.pengguna, RIWAYAT_DITAMPILKAN)
        .await?
        .into_iter()
        .map(baris_riwayat)
        .collect();
    render(AkunPage {
        riwayat,
        kelola: m
            .pengguna
            .penugasan
            .iter()
            .any(|r| r.peran.izin().contains(&Izin::KelolaPengguna)),
        peran: m
            .pengguna
            .penugasan
            .iter()
            .map(|t| format!("{} · {}", t.peran, t.cakupan))
            .collect(),
        nama: m.pengguna.nama,
        username: m.pengguna.username,
        telepon,
        sesi,
        csrf: m.sesi.csrf.clone(),
        pesan,
    })
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn keluar_lain(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<CsrfForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let n = s.posko.sign_out_others(&m).await?;
    let tanda = crate::kilas::tanda(&m, &[&n.to_string()]);
    Ok(see_other(&format!("/akun?selesai={n}&tanda={tanda}")))
}

pub(crate) fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response()
}

struct BarisAkun {
    username: String,
    nama: String,
    peran: String,
    telepon: String,
    aktif: bool,
}

#[derive(Template)]
#[template(path = "pengguna.html")]
struct PenggunaPage {
    akun: Vec<BarisAkun>,
    jumlah: String,
    csrf: String,
    boleh_ekspor: bool,
    pesan: Option<String>,
    /// (link, name) of the coverage page for each territory one manages.
    cakupan: Vec<(String, String)>,
    /// (slug, name) of the roles one may grant.
    peran_pilihan: Vec<(String, String)>,
    /// The "add an account" form as last sent, and what was wrong with it.
    isian: kelola::TambahForm,
    galat: Option<String>,
}

#[derive(Deserialize)]
struct PenggunaQuery {
    diakhiri: Option<u64>,
    akun: Option<String>,
    tanda: Option<String>,
}

/// Accounts shown per page at most; the export has them all.
const AKUN_DITAMPILKAN: usize = 500;

async fn pengguna_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    axum::extract::Query(q): axum::extract::Query<PenggunaQuery>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    // Words from the URL only when this session's own redirect made them.
    let pesan = match (q.diakhiri, q.akun) {
        (Some(n), Some(a)) if crate::kilas::sah(&m, &[&n.to_string(), &a], q.tanda.as_deref()) => {
            Some(crate::t2(
                "pengguna-sesi-diakhiri",
                "jumlah",
                n,
                "username",
                a,
            ))
        }
        _ => None,
    };
    halaman_pengguna(&s, &m, pesan, None).await
}

/// The accounts page; with `tambah`, the add-account form as sent and
/// why it was refused.
async fn halaman_pengguna(
    s: &AppState,
    m: &Masuk,
    pesan: Option<String>,
    tambah: Option<(kelola::TambahForm, String)>,
) -> Result<Html<String>, PageError> {
    let (isian, galat) = match tambah {
        Some((f, g)) => (f, Some(g)),
        None => (kelola::TambahForm::default(), None),
    };
    let semua = s
        .posko
        .pengguna_terkelola(Some(&m.pengguna.penugasan))
        .await?;
    let mut akun = Vec::new();
    for a in semua.iter().take(AKUN_DITAMPILKAN) {
        akun.push(BarisAkun {
            username: a.username.clone(),
            nama: a.nama.clone(),
            peran: a
                .penugasan
                .iter()
                .map(|t| format!("{} · {}", t.peran, t.cakupan))
                .collect::<Vec<_>>()
                .join(", "),
            telepon: s
                .posko
                .telepon(a)?
                .map(|t| t.tersamar())
                .unwrap_or_else(|| "-".into()),
            aktif: a.aktif,
        });
    }
    let jumlah = if semua.len() > AKUN_DITAMPILKAN {
        crate::t2(
            "pengguna-jumlah-sebagian",
            "jumlah",
            semua.len(),
            "ditampilkan",
            AKUN_DITAMPILKAN,
        )
    } else {
        crate::t1("pengguna-jumlah", "jumlah", semua.len())
    };
    let mut cakupan = Vec::new();
    for t in &m.pengguna.penugasan {
        if !t.peran.izin().contains(&Izin::KelolaPengguna) {
            continue;
        }
        let kodes = match t.cakupan {
            posko_domain::Cakupan::Wilayah(w) => vec![w],
            posko_domain::Cakupan::Semua => s
                .posko
                .daftar_pemilihan()
                .await?
                .into_iter()
                .map(|p| p.wilayah)
                .collect(),
            posko_domain::Cakupan::Tps(_) => Vec::new(),
        };
        for k in kodes {
            let link = format!("/wilayah/{k}/saksi");
            if !cakupan.iter().any(|(l, _)| *l == link) {
                let nama = s
                    .posko
                    .wilayah_view(Some(k))
                    .await
                    .map(|v| v.wilayah.map(|w| w.nama).unwrap_or_default())
                    .unwrap_or_else(|_| k.to_string());
                cakupan.push((link, nama));
            }
        }
    }
    render(PenggunaPage {
        cakupan,
        akun,
        jumlah,
        boleh_ekspor: m
            .pengguna
            .penugasan
            .iter()
            .any(|r| r.peran.izin().contains(&Izin::EksporDataPribadi)),
        csrf: m.sesi.csrf.clone(),
        pesan,
        peran_pilihan: kelola::pilihan_peran(m),
        isian: kelola::TambahForm {
            csrf: String::new(),
            ..isian
        },
        galat,
    })
}

/// One role of a managed account, with what its "revoke" form sends.
struct BarisPeran {
    label: String,
    peran: String,
    cakupan: String,
}

#[derive(Template)]
#[template(path = "akun_kelola.html")]
struct AkunKelolaPage {
    nama: String,
    username: String,
    peran: Vec<BarisPeran>,
    aktif: bool,
    csrf: String,
    riwayat: Vec<BarisRiwayat>,
    /// The account is the viewer's own: no "disable" offered.
    diri: bool,
    peran_pilihan: Vec<(String, String)>,
    pesan: Option<String>,
    telepon: String,
}

#[derive(Deserialize)]
struct SelesaiQuery {
    selesai: Option<String>,
    tanda: Option<String>,
}

/// One account as its manager sees it: roles, status, and its history
/// (every sign-in code issued for it and by whom). An account outside the
/// manager's reach answers like an unknown name.
async fn akun_kelola_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    axum::extract::Path(username): axum::extract::Path<String>,
    axum::extract::Query(q): axum::extract::Query<SelesaiQuery>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let a = s
        .posko
        .akun_terkelola(&m.pengguna.penugasan, &username)
        .await
        .map_err(|e| match e {
            posko_app::AppError::Invalid(_) | posko_app::AppError::NotFound(_) => PageError(
                StatusCode::NOT_FOUND,
                crate::t1(
                    "galat-pengguna-tidak-ditemukan",
                    "username",
                    username.trim(),
                ),
            ),
            lain => lain.into(),
        })?;
    let riwayat = s
        .posko
        .riwayat_akun(&a, RIWAYAT_DITAMPILKAN)
        .await?
        .into_iter()
        .map(baris_riwayat)
        .collect();
    let mut peran = Vec::with_capacity(a.penugasan.len());
    for t in &a.penugasan {
        peran.push(BarisPeran {
            label: format!(
                "{} · {}",
                kelola::nama_peran(t.peran),
                kelola::nama_cakupan(&s, &t.cakupan).await
            ),
            peran: t.peran.slug().to_string(),
            cakupan: t.cakupan.to_string(),
        });
    }
    let telepon = s
        .posko
        .telepon(&a)?
        .map(|t| t.tersamar())
        .unwrap_or_else(|| crate::t("akun-telepon-belum-ada"));
    render(AkunKelolaPage {
        pesan: kelola::pesan_selesai(&m, &a.username, q.selesai.as_deref(), q.tanda.as_deref()),
        peran,
        diri: a.id == m.pengguna.id,
        peran_pilihan: kelola::pilihan_peran(&m),
        telepon,
        nama: a.nama,
        username: a.username,
        aktif: a.aktif,
        csrf: m.sesi.csrf,
        riwayat,
    })
}

#[derive(Deserialize)]
struct KeluarSemuaForm {
    csrf: String,
    username: String,
}

async fn keluar_semua(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<KeluarSemuaForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    // Outside one's territory looks exactly like an unknown name.
    let target = s
        .posko
        .pengguna_terkelola(Some(&m.pengguna.penugasan))
        .await?
        .into_iter()
        .find(|a| a.username == f.username.trim().to_lowercase())
        .ok_or_else(|| {
            PageError(
                StatusCode::NOT_FOUND,
                crate::t1(
                    "galat-pengguna-tidak-ditemukan",
                    "username",
                    f.username.trim(),
                ),
            )
        })?;
    let n = s
        .posko
        .sign_out_everywhere(&Aktor::pengguna(&m.pengguna), &target.username)
        .await?;
    let tanda = crate::kilas::tanda(&m, &[&n.to_string(), &target.username]);
    Ok(see_other(&format!(
        "/pengguna?diakhiri={n}&akun={}&tanda={tanda}",
        target.username
    )))
}

struct BarisBaru {
    username: String,
    nama: String,
    tps: String,
    telepon: String,
}

#[derive(Template)]
#[template(path = "impor_saksi.html")]
struct ImporSaksiPage {
    ringkasan: String,
    diterapkan: bool,
    masalah: Vec<String>,
    masalah_lain: usize,
    baru: Vec<BarisBaru>,
    usernames: String,
    csrf: String,
    boleh_ekspor: bool,
}

/// Problems listed on the page; the rest are counted.
const MASALAH_DITAMPILKAN: usize = 100;

async fn impor_saksi(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let bad = |msg: &str| PageError(StatusCode::BAD_REQUEST, msg.to_string());
    let mut csrf = None;
    let mut skip_invalid = false;
    let mut berkas: Option<(String, axum::body::Bytes)> = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        bad(&crate::t1(
            "galat-formulir-tidak-terbaca",
            "galat",
            e.to_string(),
        ))
    })? {
        match field.name() {
            Some("csrf") => csrf = Some(field.text().await.map_err(|_| bad("csrf"))?),
            Some("lewati") => skip_invalid = true,
            Some("berkas") => {
                let name = field.file_name().unwrap_or("saksi.csv").to_string();
                let bytes = field.bytes().await.map_err(|e| {
                    bad(&crate::t1(
                        "galat-berkas-tidak-terbaca",
                        "galat",
                        e.to_string(),
                    ))
                })?;
                berkas = Some((name, bytes));
            }
            _ => {}
        }
    }
    let csrf = csrf.ok_or_else(|| bad(&crate::t("galat-formulir-tanpa-token")))?;
    if let Some(r) = form_ditolak(&m, &csrf, &headers) {
        return Ok(r);
    }
    let Some((name, bytes)) = berkas.filter(|(_, b)| !b.is_empty()) else {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("galat-pilih-berkas-saksi"),
        ));
    };
    // The importer reads files by path (and by extension for the format):
    // keep the uploaded name's extension in a private temporary folder.
    let dir = tempfile::tempdir()
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.path().join(if safe.is_empty() {
        "saksi.csv".into()
    } else {
        safe
    });
    tokio::fs::write(&path, &bytes)
        .await
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let hasil = s
        .posko
        .import_saksi(
            &Aktor::pengguna(&m.pengguna),
            Some(&m.pengguna.penugasan),
            &path,
            ImportRequest {
                skip_invalid,
                ..Default::default()
            },
        )
        .await?;
    let baru: Vec<BarisBaru> = hasil
        .dibuat
        .iter()
        .map(|b| BarisBaru {
            username: b.pengguna.username.clone(),
            nama: b.pengguna.nama.clone(),
            tps: b.tps.to_string(),
            telepon: b.telepon.tersamar(),
        })
        .collect();
    let status = if hasil.report.applied {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = render(ImporSaksiPage {
        ringkasan: hasil
            .report
            .summary()
            .replace(&path.display().to_string(), &name),
        diterapkan: hasil.report.applied,
        masalah_lain: hasil
            .report
            .problems
            .len()
            .saturating_sub(MASALAH_DITAMPILKAN),
        masalah: hasil
            .report
            .problems
            .iter()
            .take(MASALAH_DITAMPILKAN)
            .cloned()
            .collect(),
        usernames: baru
            .iter()
            .map(|b| b.username.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        baru,
        csrf: m.sesi.csrf.clone(),
        boleh_ekspor: m
            .pengguna
            .penugasan
            .iter()
            .any(|r| r.peran.izin().contains(&Izin::EksporDataPribadi)),
    })?;
    Ok((status, page).into_response())
}

fn pengekspor(m: &Masuk) -> (Aktor, String) {
    (
        Aktor::pengguna(&m.pengguna),
        format!("{} ({})", m.pengguna.username, m.pengguna.nama),
    )
}

fn unduhan(e: Ekspor) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", e.nama_berkas),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        e.isi,
    )
        .into_response()
}

async fn ekspor_akun(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<CsrfForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let (aktor, label) = pengekspor(&m);
    let e = s
        .posko
        .ekspor_pengguna(&Pengekspor {
            aktor: &aktor,
            label,
            penugasan: Some(&m.pengguna.penugasan),
        })
        .await?;
    Ok(unduhan(e))
}

#[derive(Deserialize)]
struct KodeForm {
    csrf: String,
    /// Usernames separated by spaces or new lines.
    akun: String,
}

async fn ekspor_kode(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<KodeForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let names: Vec<String> = f.akun.split_whitespace().map(str::to_string).collect();
    if names.is_empty() {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("galat-tidak-ada-akun-dipilih"),
        ));
    }
    let (aktor, label) = pengekspor(&m);
    let e = s
        .posko
        .ekspor_kode_masuk(
            &Pengekspor {
                aktor: &aktor,
                label,
                penugasan: Some(&m.pengguna.penugasan),
            },
            &names,
            Some(&kelola::url_dasar(&headers)),
        )
        .await?;
    Ok(unduhan(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_named_as_people_know_them() {
        assert_eq!(
            perangkat(Some(
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
            )),
            "Chrome di Android"
        );
        assert_eq!(
            perangkat(Some(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"
            )),
            "Firefox di Windows"
        );
        assert_eq!(perangkat(None), "tidak diketahui");
        assert_eq!(perangkat(Some("posko-test")), "posko-test");
    }
}
