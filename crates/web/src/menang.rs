//! The election's win rule on the pages that name a leader (results, war
//! room), the form on the election page that sets it, and its JSON API.

use axum::Extension;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use posko_app::{AppError, AturanBerlaku, Menang};
use posko_domain::menang::Putusan;
use posko_domain::{AturanMenang, Izin, Objek, diizinkan};
use posko_storage::Paslon;
use serde::Deserialize;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::error::{ApiError, PageError};
use crate::format::ribuan;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    let kelola = Kebijakan::Izin(Izin::KelolaPemilihan, Sasaran::Pemilihan);
    r.add(
        "POST",
        "/pemilihan/{id}/aturan",
        "/pemilihan/{id}/aturan",
        kelola,
        post(ubah_form),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/aturan",
        "/api/v1/pemilihan/{id}/aturan",
        kelola,
        post(api_aturan),
    )
}

/// The rule and its verdict as ready-to-print lines.
pub struct KartuMenang {
    pub aturan: String,
    pub putusan: String,
    pub jarak: Option<String>,
    pub pasti: Option<String>,
    /// "sudah pasti" / "belum pasti", for a headline tile.
    pub pasti_singkat: Option<String>,
    pub sudah_pasti: bool,
    /// A decision that the TPS still out could change: the results page
    /// calls it a standing ("sementara"), not a verdict.
    pub sementara: bool,
}

fn label_aturan(a: AturanMenang) -> String {
    crate::t(match a {
        AturanMenang::Terbanyak => "menang-aturan-terbanyak",
        AturanMenang::Lebih50 => "menang-aturan-lebih-50",
        AturanMenang::CalonTunggal => "menang-aturan-calon-tunggal",
    })
}

/// "Aturan: … (menurut undang-undang)".
pub fn teks_aturan(a: &AturanBerlaku) -> String {
    crate::t2(
        "menang-aturan",
        "aturan",
        label_aturan(a.aturan),
        "asal",
        crate::t(if a.dipilih {
            "menang-asal-dipilih"
        } else {
            "menang-asal-bawaan"
        }),
    )
}

/// A column's name: its nomor urut, or the blank box after a calon
/// tunggal.
fn nama_kolom(a: &AturanBerlaku, paslon: &[Paslon], kolom: usize) -> String {
    match paslon.get(kolom) {
        Some(p) => format!("{:02}", p.nomor_urut.get()),
        None if a.aturan == AturanMenang::CalonTunggal => crate::t("menang-kolom-kosong"),
        None => format!("{:02}", kolom + 1),
    }
}

/// Percentage points with one decimal, in the page's language.
fn poin(x: f64) -> String {
    let s = format!("{:.1}", x.abs());
    match crate::bahasa::Bahasa::kini() {
        crate::bahasa::Bahasa::Id => s.replace('.', ","),
        crate::bahasa::Bahasa::En => s,
    }
}

pub fn kartu(a: &AturanBerlaku, m: &Menang, paslon: &[Paslon]) -> KartuMenang {
    let aturan = teks_aturan(a);
    let Some(st) = &m.status else {
        let alasan = if a.aturan == AturanMenang::CalonTunggal {
            "menang-tidak-cocok-tunggal"
        } else {
            "menang-tidak-cocok-satu"
        };
        return KartuMenang {
            aturan,
            putusan: crate::t(alasan),
            jarak: None,
            pasti: None,
            pasti_singkat: None,
            sudah_pasti: false,
            sementara: false,
        };
    };
    let nama = |k: usize| nama_kolom(a, paslon, k);
    let putusan = match &st.putusan {
        Putusan::BelumAda => crate::t("menang-belum-ada"),
        Putusan::Menang { .. } if a.aturan == AturanMenang::CalonTunggal => {
            crate::t("menang-unggul-tunggal")
        }
        Putusan::Menang { kolom } => crate::t1("menang-unggul", "paslon", nama(*kolom)),
        Putusan::PutaranKedua { pertama, kedua } => crate::t2(
            "menang-putaran-kedua",
            "a",
            nama(*pertama),
            "b",
            nama(*kedua),
        ),
        Putusan::PemilihanUlang => crate::t("menang-pemilihan-ulang"),
        Putusan::Seri { kolom } => crate::t1(
            "menang-seri",
            "paslon",
            kolom
                .iter()
                .map(|k| nama(*k))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    };
    let jarak = match (st.unggul, st.batas_suara) {
        (None, _) => None,
        (Some(u), Some(batas)) => {
            let siapa = if a.aturan == AturanMenang::CalonTunggal {
                0
            } else {
                u
            };
            Some(crate::tn(
                if st.selisih_suara >= 0 {
                    "menang-di-atas-batas"
                } else {
                    "menang-di-bawah-batas"
                },
                &[
                    ("siapa", &nama(siapa)),
                    ("suara", &ribuan(st.selisih_suara.unsigned_abs())),
                    ("poin", &poin(st.selisih_poin)),
                    ("batas", &ribuan(batas)),
                ],
            ))
        }
        (Some(_), None) if paslon.len() > 1 => Some(crate::t2(
            "menang-selisih",
            "suara",
            ribuan(st.selisih_suara.unsigned_abs()),
            "poin",
            poin(st.selisih_poin),
        )),
        _ => None,
    };
    let pasti = if m.tps_belum == 0 {
        crate::t("menang-pasti-lengkap")
    } else {
        crate::t2(
            if st.pasti {
                "menang-pasti"
            } else {
                "menang-belum-pasti"
            },
            "tps",
            ribuan(m.tps_belum),
            "maks",
            ribuan(st.sisa_maks),
        )
    };
    KartuMenang {
        aturan,
        putusan,
        jarak,
        pasti: Some(pasti),
        pasti_singkat: Some(crate::t(if st.pasti {
            "menang-pasti-singkat"
        } else {
            "menang-belum-pasti-singkat"
        })),
        sudah_pasti: st.pasti,
        sementara: !st.pasti && !matches!(st.putusan, Putusan::BelumAda),
    }
}

/// The rule's part of the election page: the rule in force, and for those
/// who manage the election the form that changes it.
pub struct BagianAturan {
    pub teks: String,
    pub form: Option<FormAturan>,
}

pub struct FormAturan {
    pub aksi: String,
    pub csrf: String,
    /// (value, label, chosen)
    pub pilihan: Vec<(String, String, bool)>,
}

pub fn bagian_pemilihan(
    p: &posko_storage::Pemilihan,
    paslon: &[Paslon],
    m: Option<&posko_app::Masuk>,
) -> BagianAturan {
    let a = AturanBerlaku::dari(p, paslon);
    let boleh = m.filter(|m| {
        diizinkan(
            &m.pengguna.penugasan,
            Izin::KelolaPemilihan,
            &Objek::Wilayah(p.wilayah),
        )
    });
    let form = boleh.map(|m| {
        let bawaan = AturanMenang::bawaan(p.jenis, &p.wilayah, paslon.len());
        let mut pilihan = vec![(
            "bawaan".to_string(),
            crate::t1("menang-pilih-bawaan", "aturan", label_aturan(bawaan)),
            p.aturan.is_none(),
        )];
        for x in AturanMenang::SEMUA {
            pilihan.push((
                x.slug().to_string(),
                crate::t(match x {
                    AturanMenang::Terbanyak => "menang-pilih-terbanyak",
                    AturanMenang::Lebih50 => "menang-pilih-lebih-50",
                    AturanMenang::CalonTunggal => "menang-pilih-calon-tunggal",
                }),
                p.aturan == Some(x),
            ));
        }
        FormAturan {
            aksi: format!("/pemilihan/{}/aturan", p.id),
            csrf: m.sesi.csrf.clone(),
            pilihan,
        }
    });
    BagianAturan {
        teks: teks_aturan(&a),
        form,
    }
}

/// "bawaan" (the law's default), or a rule's slug.
fn baca_aturan(s: Option<&str>) -> Option<Option<AturanMenang>> {
    match s.map(str::trim) {
        None | Some("") | Some("bawaan") => Some(None),
        Some(x) => AturanMenang::parse(x).map(Some),
    }
}

async fn ubah_form(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let nilai = |k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let Some(csrf) = nilai("csrf") else {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("galat-formulir-tidak-lengkap"),
        ));
    };
    if let Some(r) = form_ditolak(&m, csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let Some(aturan) = baca_aturan(nilai("aturan")) else {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("galat-formulir-tidak-lengkap"),
        ));
    };
    match s.posko.ubah_aturan_menang(&m.pengguna, id, aturan).await {
        Ok(_) => Ok((
            StatusCode::SEE_OTHER,
            [(header::LOCATION, format!("/pemilihan/{id}"))],
        )
            .into_response()),
        Err(AppError::Invalid(e)) => Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t1("menang-ditolak", "alasan", e),
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct AturanBody {
    /// terbanyak, lebih_50, calon_tunggal; null or "bawaan" for the law's
    /// default.
    aturan: Option<String>,
}

/// Sets an election's win rule (those who manage elections).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/aturan",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body(content = serde_json::Value, description = "{\"aturan\": \"terbanyak|lebih_50|calon_tunggal\"} atau {\"aturan\": null} (bawaan undang-undang)"),
    responses((status = 200, description = "{aturan, dipilih, tidak_cocok, jumlah_kolom}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_aturan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m =
        p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))?;
    let id = crate::param::pemilihan(&id)?;
    let b: AturanBody = crate::param::json_body(&body, "isi permintaan tidak sah")?;
    let aturan = baca_aturan(b.aturan.as_deref()).ok_or_else(|| {
        ApiError(
            StatusCode::UNPROCESSABLE_ENTITY,
            "aturan harus terbanyak, lebih_50, calon_tunggal atau null".into(),
        )
    })?;
    let a = s.posko.ubah_aturan_menang(&m.pengguna, id, aturan).await?;
    Ok(Json(a).into_response())
}
