//! The events' map: the area's boundaries (its children's shapes, when
//! loaded) with a dot per event, at its coordinates or else at the
//! middle of the shape holding its desa; each dot links to its event.

use std::fmt::Write;

use axum::extract::Query;
use posko_domain::peta::{Batas, Proyeksi};

use super::*;

const LEBAR: f64 = 600.0;

/// The inline SVG, or empty when the area has no boundaries loaded.
pub(super) async fn gambar(
    s: &AppState,
    r: &RuangLapangan,
    wilayah: Option<posko_domain::KodeWilayah>,
) -> Result<String, PageError> {
    let area = wilayah.unwrap_or(r.pemilihan.wilayah);
    let batas = s.posko.peta_anak(area).await?;
    let d = dasar(r);
    let titik: Vec<Titik> = r
        .acara
        .iter()
        .filter(|a| area.mencakup(&a.isi.desa) && a.isi.tanggal >= r.hari_ini)
        .map(|a| {
            (
                format!("{d}/acara/{}", a.id),
                a.isi.judul.clone(),
                a.isi.lokasi,
                a.isi.desa,
                a.isi.batal.is_some(),
            )
        })
        .collect();
    Ok(svg(&batas, &titik))
}

type Titik = (
    String,
    String,
    Option<(f64, f64)>,
    posko_domain::KodeWilayah,
    bool,
);

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn svg(batas: &[Batas], titik: &[Titik]) -> String {
    let Some(pr) = Proyeksi::muat(batas.iter(), LEBAR, 8.0) else {
        return String::new();
    };
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{}" class="peta-acara" role="img">"#,
        pr.view_box(0.0)
    );
    for b in batas {
        let _ = write!(
            out,
            r##"<path d="{}" fill="#eef2ee" stroke="#7a8a7a" stroke-width="1"/>"##,
            pr.path(b, 0.8)
        );
    }
    for (href, judul, lokasi, desa, batal) in titik {
        let pusat = lokasi.map(|(lat, lng)| (lng, lat)).or_else(|| {
            batas
                .iter()
                .find(|b| b.kode.mencakup(desa))
                .and_then(|b| b.kotak())
                .map(|k| k.tengah())
        });
        let Some(p) = pusat else { continue };
        let (x, y) = pr.titik(p);
        let _ = write!(
            out,
            r##"<a href="{}"><circle cx="{x:.0}" cy="{y:.0}" r="7" fill="{}" stroke="#fff" stroke-width="2"><title>{}</title></circle></a>"##,
            esc(href),
            if *batal { "#999" } else { "#c0392b" },
            esc(judul)
        );
    }
    out.push_str("</svg>");
    out
}

#[derive(Deserialize)]
pub(crate) struct QPeta {
    #[serde(default)]
    wilayah: String,
}

/// The same map as a file (to print or share).
pub(crate) async fn peta_svg(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<QPeta>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s
        .posko
        .ruang_lapangan(&m.pengguna, id, &[posko_storage::JenisLapangan::Acara])
        .await?;
    let wilayah = match q.wilayah.trim() {
        "" => None,
        w => Some(crate::param::wilayah(w)?),
    };
    let body = gambar(&s, &r, wilayah).await?;
    if body.is_empty() {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            crate::t("lapangan-peta-belum-ada"),
        ));
    }
    Ok(crate::peta::svg_response(body))
}
