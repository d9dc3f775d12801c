//! The audit log as people read it: `/audit` filtered by action and actor,
//! with names and local times, and its downloads (logged in the log itself).

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::{Html, Response};
use axum::routing::get;

use crate::auth::{self, Kebijakan, Pengunjung, Sasaran};
use crate::error::PageError;
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(posko_domain::Izin::LihatAudit, Sasaran::Global);
    r.add("GET", "/audit", "/audit", lihat, get(audit_page))
        .add("GET", "/audit/xlsx", "/audit/xlsx", lihat, get(audit_unduh))
        .add("GET", "/audit/pdf", "/audit/pdf", lihat, get(audit_unduh))
}

/// Entries per page of the audit log.
const AUDIT_PER_HALAMAN: u32 = 100;

#[derive(serde::Deserialize)]
struct AuditQuery {
    aksi: Option<String>,
    aktor: Option<String>,
    sebelum: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    aksi: String,
    aktor: String,
    entri: Vec<posko_domain::EntriAudit>,
    /// What the page prints per entry: when (WIB, in the page's language),
    /// who (a username linking to the account, else the actor as stored).
    tampil: Vec<BarisAudit>,
    lebih_lama: Option<String>,
    unduh: crate::ekspor::Tautan,
}

struct BarisAudit {
    waktu: String,
    pelaku: String,
    pelaku_href: Option<String>,
}

/// `6 Desember 2026 14.05 WIB` from an entry's stored RFC 3339 UTC time.
fn waktu_wib(rfc3339: &str) -> String {
    let zona = posko_domain::ZonaWaktu::Wib;
    match time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339) {
        Ok(t) => crate::format::waktu(t.unix_timestamp(), zona),
        Err(_) => rfc3339.to_string(),
    }
}

async fn audit_page(
    State(s): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<AuditQuery>,
) -> Result<Html<String>, PageError> {
    render(susun_audit(&s, q).await?)
}

/// The page of the log `q` asks for; its downloads keep `q`, so a file
/// holds the very entries that page shows.
async fn susun_audit(s: &AppState, q: AuditQuery) -> Result<AuditPage, PageError> {
    let entri = s
        .posko
        .cari_audit(
            q.sebelum,
            q.aksi.as_deref(),
            q.aktor.as_deref(),
            AUDIT_PER_HALAMAN,
        )
        .await?;
    let aksi = q.aksi.unwrap_or_default();
    let aktor = q.aktor.unwrap_or_default();
    let lebih_lama = (entri.len() == AUDIT_PER_HALAMAN as usize)
        .then(|| entri.last().map(|e| e.seq))
        .flatten()
        .map(|seq| {
            format!(
                "/audit?sebelum={seq}&aksi={}&aktor={}",
                query_escape(&aksi),
                query_escape(&aktor)
            )
        });
    let mut kueri = format!(
        "?aksi={}&aktor={}",
        query_escape(&aksi),
        query_escape(&aktor)
    );
    if let Some(seq) = q.sebelum {
        kueri.push_str(&format!("&sebelum={seq}"));
    }
    let nama = s.posko.nama_pelaku(&entri).await?;
    let tampil = entri
        .iter()
        .map(|e| {
            let username = nama.get(&e.aktor);
            BarisAudit {
                waktu: waktu_wib(&e.waktu),
                pelaku: username.cloned().unwrap_or_else(|| e.aktor.clone()),
                pelaku_href: username.map(|u| format!("/pengguna/akun/{u}")),
            }
        })
        .collect();
    Ok(AuditPage {
        unduh: crate::ekspor::Tautan::new("/audit", &kueri),
        aksi,
        aktor,
        entri,
        tampil,
        lebih_lama,
    })
}

/// The entries the page shows for the same query. Taking the log out is
/// logged in it, after the entries were read, so the file ends where
/// the page did.
async fn audit_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    axum::extract::Query(q): axum::extract::Query<AuditQuery>,
    berkas: crate::ekspor::Berkas,
) -> Result<Response, PageError> {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let m = auth::masuk(p)?;
    let page = susun_audit(&s, q).await?;
    // The log spans every region: its entries stay in UTC as stored (the
    // subtitle says so), and only the printing time is given in WIB, the
    // zone of the campaign-wide pages.
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::Wib);
    t.judul = crate::t("audit-judul");
    let saring = format!("aksi={} aktor={}", page.aksi, page.aktor);
    // An empty filter is printed as a dash, not left as a blank that
    // reads like a missing word.
    let atau_strip = |x: &str| {
        if x.is_empty() {
            "–".to_string()
        } else {
            x.to_string()
        }
    };
    t.subjudul = crate::t2(
        "ekspor-audit-subjudul",
        "aksi",
        atau_strip(&page.aksi),
        "aktor",
        atau_strip(&page.aktor),
    );
    t.kolom = vec![
        Kolom::new("#", J::Bulat),
        Kolom::new(crate::t("audit-waktu"), J::Teks),
        Kolom::new(crate::t("audit-pelaku"), J::Teks),
        Kolom::new(crate::t("audit-tindakan"), J::Kode),
        Kolom::new(crate::t("audit-objek"), J::Teks),
        Kolom::new(crate::t("audit-ringkasan"), J::Teks),
    ];
    t.baris = page
        .entri
        .into_iter()
        .map(|e| {
            vec![
                Sel::Bulat(u64::try_from(e.seq).unwrap_or(0)),
                Sel::Teks(e.waktu),
                Sel::Teks(e.aktor),
                Sel::Teks(e.aksi),
                Sel::Teks(format!("{} {}", e.entitas, e.entitas_id)),
                Sel::Teks(e.ringkasan),
            ]
        })
        .collect();
    s.posko
        .catat_unduh_audit(&m.pengguna, &saring, t.baris.len(), berkas.ekstensi())
        .await?;
    crate::ekspor::unduhan(t, berkas, "audit").await
}

fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b':' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
