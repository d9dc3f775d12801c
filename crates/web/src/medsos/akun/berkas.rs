//! The registry's files: the account list for the KPU's registration
//! form and the monthly access review, each download logged with its hash.

use super::*;

pub(super) async fn formulir_kpu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let (r, baris) = s.posko.formulir_kpu_medsos(&m.pengguna, id).await?;
    let mut t = crate::ekspor::tabel(&m, ZonaWaktu::dari_wilayah(&r.pemilihan.wilayah));
    t.judul = "Daftar akun media sosial resmi kampanye".into();
    t.subjudul = format!(
        "{}: untuk formulir pendaftaran akun resmi ke KPU (Lampiran IX PKPU 13/2024)",
        r.pemilihan.nama
    );
    t.catatan = vec![
        format!(
            "Masa kampanye {} sampai {}; akun dinonaktifkan sebelum masa tenang ({} sampai {}).",
            r.masa.mulai,
            r.masa.akhir,
            r.masa.masa_tenang().0,
            r.masa.masa_tenang().1
        ),
        "Tembusan: Bawaslu dan Kepolisian sesuai tingkatan.".into(),
    ];
    t.kolom = [
        "No",
        "Platform",
        "Nama akun",
        "Alamat (URL)",
        "Keterangan",
        "Penanggung jawab",
        "Pendaftaran KPU",
        "Nonaktif mulai",
    ]
    .iter()
    .enumerate()
    .map(|(i, k)| {
        posko_app::laporan::Kolom::new(
            *k,
            if i == 0 || i == 7 {
                posko_app::laporan::JenisKolom::Kode
            } else {
                posko_app::laporan::JenisKolom::Teks
            },
        )
    })
    .collect();
    t.baris = baris
        .iter()
        .enumerate()
        .map(|(i, b)| {
            [
                (i + 1).to_string(),
                b.platform.clone(),
                b.nama.clone(),
                b.url.clone(),
                b.tujuan.clone(),
                b.penanggung_jawab.clone(),
                b.pendaftaran.clone(),
                b.nonaktif.to_string(),
            ]
            .into_iter()
            .map(posko_app::laporan::Sel::Teks)
            .collect()
        })
        .collect();
    kirim_tercatat(&s, &m, id, t, berkas, "akun-medsos-kpu", baris.len()).await
}

#[derive(Deserialize)]
pub(super) struct KueriBulan {
    #[serde(default)]
    bulan: String,
}

pub(super) async fn tinjauan_akses(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    axum::extract::Query(k): axum::extract::Query<KueriBulan>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let (tahun, bulan) = match k.bulan.trim().split_once('-') {
        Some((y, b)) => (
            y.parse::<i32>().ok(),
            b.parse::<u8>()
                .ok()
                .and_then(|b| time::Month::try_from(b).ok()),
        ),
        None => (None, None),
    };
    let (tahun, bulan) = match (tahun, bulan, k.bulan.trim()) {
        (Some(y), Some(b), _) => (y, b),
        (_, _, "") => {
            let hari = time::OffsetDateTime::now_utc()
                .to_offset(time::UtcOffset::from_hms(7, 0, 0).expect("valid"));
            (hari.year(), hari.month())
        }
        _ => {
            return Err(
                AppError::Invalid(format!("bulan '{}' harus TTTT-BB", k.bulan.trim())).into(),
            );
        }
    };
    let (r, tinjau) = s
        .posko
        .tinjauan_akses_medsos(&m.pengguna, id, tahun, bulan)
        .await?;
    let mut t = crate::ekspor::tabel(&m, ZonaWaktu::dari_wilayah(&r.pemilihan.wilayah));
    t.judul = format!("Tinjauan akses akun resmi {tahun}-{:02}", bulan as u8);
    t.subjudul = format!(
        "{}: siapa bisa masuk ke akun mana pada akhir bulan, dan perubahannya",
        r.pemilihan.nama
    );
    t.catatan =
        vec!["Posko tidak menyimpan kata sandi. Setiap anggota masuk dengan login sendiri.".into()];
    t.kolom = [
        "No",
        "Akun",
        "Anggota",
        "Akses",
        "Perubahan bulan ini",
        "Verifikasi dua langkah",
        "Akun Posko anggota",
        "Rotasi terbuka",
    ]
    .iter()
    .enumerate()
    .map(|(i, k)| {
        posko_app::laporan::Kolom::new(
            *k,
            if i == 0 || i == 7 {
                posko_app::laporan::JenisKolom::Bulat
            } else {
                posko_app::laporan::JenisKolom::Teks
            },
        )
    })
    .collect();
    t.baris = tinjau
        .baris
        .iter()
        .enumerate()
        .map(|(i, b)| {
            use posko_app::laporan::Sel;
            vec![
                Sel::Bulat(i as u64 + 1),
                Sel::Teks(b.akun.clone()),
                Sel::Teks(b.anggota.clone()),
                Sel::Teks(b.akses.into()),
                Sel::Teks(b.perubahan.into()),
                Sel::Teks(
                    if b.dua_langkah {
                        "aktif"
                    } else {
                        "TIDAK aktif"
                    }
                    .into(),
                ),
                Sel::Teks(if b.anggota_aktif { "aktif" } else { "nonaktif" }.into()),
                Sel::Bulat(b.rotasi_terbuka as u64),
            ]
        })
        .collect();
    let nama = format!("tinjauan-akses-{tahun}-{:02}", bulan as u8);
    kirim_tercatat(&s, &m, id, t, berkas, &nama, tinjau.baris.len()).await
}

/// The table as the file asked for, its download logged with its hash
/// first (it names team members).
pub(super) async fn kirim_tercatat(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    t: posko_app::laporan::Tabel,
    berkas: Berkas,
    nama: &str,
    baris: usize,
) -> Result<Response, PageError> {
    let bytes = match berkas {
        Berkas::Pdf => posko_app::laporan::cetak_tabel(t).await?,
        Berkas::Xlsx => crate::di_latar("menulis XLSX", move || crate::ekspor::xlsx(&t))
            .await?
            .map_err(|e| AppError::Internal {
                apa: "menulis XLSX".into(),
                sumber: e.to_string().into(),
            })?,
    };
    let nama = format!("{nama}.{}", berkas.ekstensi());
    s.posko
        .catat_unduh_medsos(&m.pengguna, id, &nama, baris, &bytes)
        .await?;
    Ok(crate::ekspor::kirim(
        bytes,
        berkas,
        nama.trim_end_matches(&format!(".{}", berkas.ekstensi())),
    ))
}
