//! The registry's forms: an account added or changed (holders as one
//! select per member), a member leaving, a rotation done, the room's
//! settings.

use super::*;

/// The account form's fields; holders come as `akses_<member id>` =
/// `pengelola` or `pemulihan` (empty: none), so it works without script.
fn akun_dari_isian(isian: &[(String, String)]) -> Result<AkunBaru, AppError> {
    let ambil = |k: &str| {
        isian
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let salah = |m: String| AppError::Invalid(m);
    let platform = Platform::parse(ambil("platform")).map_err(|e| salah(e.to_string()))?;
    let penanggung_jawab = Uuid::parse_str(ambil("penanggung_jawab").trim())
        .map_err(|_| salah("pilih penanggung jawab akun".into()))?;
    let mut pemegang = Vec::new();
    for (k, v) in isian {
        let Some(orang) = k.strip_prefix("akses_") else {
            continue;
        };
        let jenis = match v.as_str() {
            "" => continue,
            "pengelola" => JenisAkses::Pengelola,
            "pemulihan" => JenisAkses::Pemulihan,
            x => return Err(salah(format!("jenis akses '{x}' tidak dikenal"))),
        };
        let anggota = Uuid::parse_str(orang)
            .map_err(|_| salah(format!("anggota '{orang}' tidak dikenal")))?;
        pemegang.push(Pemegang { anggota, jenis });
    }
    Ok(AkunBaru {
        platform,
        nama: ambil("nama").into(),
        url: ambil("url").into(),
        tujuan: ambil("tujuan").into(),
        kpu_tanggal: tanggal_opsi(ambil("kpu_tanggal"))?,
        kpu_nomor: ambil("kpu_nomor").into(),
        penanggung_jawab,
        dua_langkah: ambil("dua_langkah") == "ya",
        pemegang,
        nonaktif: tanggal_opsi(ambil("nonaktif"))?,
        pensiun: ambil("pensiun") == "ya",
        versi: ambil("versi").trim().parse().ok(),
    })
}

/// The token of a form read as name–value pairs; a form without one is
/// malformed (400), as a typed form missing the field is.
fn csrf_isian(isian: &[(String, String)]) -> Result<&str, PageError> {
    isian
        .iter()
        .rev()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| {
            PageError(
                StatusCode::BAD_REQUEST,
                crate::t("galat-formulir-tanpa-token"),
            )
        })
}

pub(super) async fn tambah_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(isian): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf_isian(&isian)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let baru = akun_dari_isian(&isian)?;
    let akun = s
        .posko
        .simpan_akun_medsos(&m.pengguna, id, None, baru)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/akun/{akun}"
    )))
}

pub(super) async fn ubah_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, akun)): Path<(String, String)>,
    axum::Form(isian): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf_isian(&isian)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let akun = uuid_param(&akun)?;
    let baru = akun_dari_isian(&isian)?;
    s.posko
        .simpan_akun_medsos(&m.pengguna, id, Some(akun), baru)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/akun/{akun}"
    )))
}

#[derive(Deserialize, ToSchema)]
pub struct FormKeluar {
    #[serde(default)]
    #[schema(ignore)]
    pub(super) csrf: String,
    /// The member's Posko account id.
    pub(super) anggota: String,
    #[serde(default)]
    pub(super) alasan: String,
}

pub(super) async fn keluar_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormKeluar>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let anggota = Uuid::parse_str(f.anggota.trim())
        .map_err(|_| AppError::Invalid("pilih anggota yang keluar".into()))?;
    s.posko
        .anggota_keluar_medsos(&m.pengguna, id, anggota, &f.alasan)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/akun#rotasi"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormRotasi {
    csrf: String,
    bagian: String,
    #[serde(default)]
    kembali: String,
}

pub(super) async fn rotasi_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, rotasi)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormRotasi>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let rotasi = uuid_param(&rotasi)?;
    let bagian = match f.bagian.as_str() {
        "sandi" => BagianRotasi::Sandi,
        "pemulihan" => BagianRotasi::Pemulihan,
        _ => return Err(AppError::Invalid("bagian rotasi tidak dikenal".into()).into()),
    };
    s.posko
        .selesai_rotasi_medsos(&m.pengguna, id, rotasi, bagian)
        .await?;
    // Back where the button was: the registry or the account's page.
    let kembali = match Uuid::parse_str(&f.kembali) {
        Ok(akun) => format!("/pemilihan/{id}/medsos/akun/{akun}#rotasi"),
        Err(_) => format!("/pemilihan/{id}/medsos/akun#rotasi"),
    };
    Ok(crate::akun::see_other(&kembali))
}

pub(super) async fn pengaturan_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(isian): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf_isian(&isian)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let ambil = |k: &str| {
        isian
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let mut peninjau = Vec::new();
    for (k, v) in &isian {
        if k == "peninjau" {
            peninjau.push(
                Uuid::parse_str(v)
                    .map_err(|_| AppError::Invalid("peninjau tidak dikenal".into()))?,
            );
        }
    }
    s.posko
        .atur_medsos(
            &m.pengguna,
            id,
            PengaturanMedsos {
                mulai_kampanye: crate::dana::baca_tanggal(ambil("mulai_kampanye"))?,
                akhir_kampanye: crate::dana::baca_tanggal(ambil("akhir_kampanye"))?,
                wajib_periksa: ambil("wajib_periksa") == "ya",
                peninjau,
            },
        )
        .await?;
    Ok(crate::akun::see_other(&format!("/pemilihan/{id}/medsos")))
}
