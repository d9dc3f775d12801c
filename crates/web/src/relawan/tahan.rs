//! Held field-data batches (`/relawan/tahan`): a relawan's day whose
//! records the checks found reason to look at, with the reasons in words,
//! for the coordinators above them to approve or roll back.

use super::*;

/// The reason's explanation in the reader's language.
fn alasan_teks(a: posko_domain::mutu_lapangan::Alasan) -> String {
    use posko_domain::mutu_lapangan::Alasan::*;
    crate::t(match a {
        NikTanggalLahir => "tahan-alasan-nik-tanggal-lahir",
        NikKecamatan => "tahan-alasan-nik-kecamatan",
        TidakDiDpt => "tahan-alasan-tidak-di-dpt",
        Beruntun => "tahan-alasan-beruntun",
        JedaPendek => "tahan-alasan-jeda-pendek",
        GpsTerlaluCepat => "tahan-alasan-gps-cepat",
        GpsBerkumpul => "tahan-alasan-gps-berkumpul",
        FotoSama => "tahan-alasan-foto-sama",
        KontakTinggi => "tahan-alasan-kontak-tinggi",
        OrangRelawanLain => "tahan-alasan-relawan-lain",
    })
}

pub(super) struct BarisTahan {
    relawan: Uuid,
    hari: i64,
    nama: String,
    wilayah: String,
    tanggal: String,
    catatan: String,
    /// Each reason in words, with how many records it concerns.
    alasan: Vec<String>,
}

#[derive(Template)]
#[template(path = "relawan_tahan.html")]
pub(super) struct TahanPage {
    csrf: String,
    pesan: Option<String>,
    baris: Vec<BarisTahan>,
}

#[derive(Deserialize, Default)]
pub(super) struct TahanQ {
    diputus: Option<String>,
}

pub(super) async fn tahan_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Query(q): Query<TahanQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let rows = s.posko.daftar_batch_ditahan(&m.pengguna).await?;
    render(TahanPage {
        csrf: m.sesi.csrf.clone(),
        pesan: q.diputus.map(|d| {
            crate::t(if d == "setujui" {
                "tahan-disetujui"
            } else {
                "tahan-dibatalkan"
            })
        }),
        baris: rows
            .into_iter()
            .map(|b| BarisTahan {
                relawan: b.relawan.id,
                hari: b.batch.hari,
                wilayah: if b.wilayah_nama.is_empty() {
                    nama_cakupan(&b.relawan.wilayah)
                } else {
                    b.wilayah_nama
                },
                nama: b.relawan.nama,
                tanggal: tanggal(b.tanggal),
                catatan: ribuan(b.batch.catatan),
                alasan: b
                    .batch
                    .temuan
                    .iter()
                    .map(|t| {
                        crate::t2(
                            "tahan-alasan-jumlah",
                            "alasan",
                            alasan_teks(t.alasan),
                            "jumlah",
                            ribuan(u64::from(t.jumlah)),
                        )
                    })
                    .collect(),
            })
            .collect(),
    })
}

pub(super) async fn putuskan_tahan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((relawan, hari)): Path<(String, String)>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let tidak_ada = || {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-batch-tidak-ditemukan"),
        )
    };
    let relawan = Uuid::parse_str(&relawan).map_err(|_| tidak_ada())?;
    let hari: i64 = hari.parse().map_err(|_| tidak_ada())?;
    let (setuju, kata) = match f.get("putusan") {
        "setujui" => (true, "setujui"),
        "batalkan" => (false, "batalkan"),
        _ => {
            return Err(PageError(
                StatusCode::UNPROCESSABLE_ENTITY,
                crate::t("galat-pilih-putusan-tahan"),
            ));
        }
    };
    s.posko
        .putuskan_batch(&m.pengguna, relawan, hari, setuju)
        .await?;
    Ok(see_other(&format!("/relawan/tahan?diputus={kata}")))
}
