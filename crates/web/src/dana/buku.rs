//! The ledger page with its filters, and one entry with its corrections
//! and proofs.

use super::*;

// ---------------------------------------------------------------- ledger

#[derive(Deserialize, Default)]
pub(crate) struct KueriBuku {
    #[serde(default)]
    dari: String,
    #[serde(default)]
    sampai: String,
    /// penerimaan, pengeluaran; empty for both.
    #[serde(default)]
    arah: String,
    #[serde(default)]
    penyumbang: String,
}

impl KueriBuku {
    pub(in crate::dana) fn saring(&self) -> Result<(SaringDana, Option<Arah>), AppError> {
        let tanggal = |s: &str| opsional(s).map(|s| baca_tanggal(&s)).transpose();
        Ok((
            SaringDana {
                dari: tanggal(&self.dari)?,
                sampai: tanggal(&self.sampai)?,
                penyumbang_id: opsional(&self.penyumbang)
                    .map(|s| baca_id(&s, "penyumbang"))
                    .transpose()?,
            },
            opsional(&self.arah)
                .map(|a| Arah::parse(&a).map_err(AppError::invalid))
                .transpose()?,
        ))
    }
}

pub(crate) fn arah_entri(e: &EntriDana) -> Arah {
    match e.jenis {
        JenisEntriDana::Penerimaan { .. } => Arah::Penerimaan,
        JenisEntriDana::Pengeluaran { .. } => Arah::Pengeluaran,
    }
}

struct BarisBuku {
    nomor: i64,
    href: String,
    tanggal: String,
    arah: &'static str,
    masuk: bool,
    jenis: String,
    bentuk: String,
    rekening: &'static str,
    nilai: String,
    uraian: String,
    koreksi: bool,
    susulan: Option<String>,
}

fn baris_buku(
    id: Uuid,
    e: &EntriDana,
    nama: &std::collections::HashMap<Uuid, String>,
) -> BarisBuku {
    let a = arah_entri(e);
    BarisBuku {
        nomor: e.nomor,
        href: format!("/pemilihan/{id}/dana/entri/{}", e.id),
        tanggal: e.tanggal.to_string(),
        arah: kata(a.label(), a.label_en()),
        masuk: a == Arah::Penerimaan,
        jenis: match e.jenis {
            JenisEntriDana::Penerimaan {
                sumber,
                penyumbang_id,
            } => match penyumbang_id.and_then(|p| nama.get(&p)) {
                Some(n) => format!("{} · {n}", sumber_label(sumber)),
                None => format!("{} · {}", sumber_label(sumber), crate::t("dana-anonim")),
            },
            JenisEntriDana::Pengeluaran { kategori } => kategori_label(kategori).to_string(),
        },
        bentuk: bentuk_teks(&e.bentuk),
        rekening: rekening_label(e.rekening),
        nilai: e.nilai.to_string(),
        uraian: e.uraian.clone(),
        koreksi: e.koreksi_atas.is_some(),
        susulan: e.susulan.map(|p| p.slug().to_uppercase()),
    }
}

#[derive(Template)]
#[template(path = "dana_buku.html")]
struct HalamanBuku {
    judul: String,
    dasar: String,
    dari: String,
    sampai: String,
    arah: Vec<(&'static str, String, bool)>,
    baris: Vec<BarisBuku>,
    jumlah: String,
}

async fn peta_nama(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
) -> Result<std::collections::HashMap<Uuid, String>, PageError> {
    Ok(s.posko
        .daftar_penyumbang(&m.pengguna, id)
        .await?
        .iter()
        .map(|p| (p.id, nama_penyumbang(p)))
        .collect())
}

pub(super) async fn buku(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<KueriBuku>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let (saring, arah) = q.saring()?;
    let entri: Vec<EntriDana> = s
        .posko
        .buku_dana(&m.pengguna, id, &saring)
        .await?
        .into_iter()
        .filter(|e| arah.is_none_or(|a| arah_entri(e) == a))
        .collect();
    let nama = peta_nama(&s, &m, id).await?;
    let (judul, _) = nama_pemilihan(&s, id).await?;
    render(HalamanBuku {
        judul: crate::t1("dana-buku-judul", "nama", judul),
        dasar: format!("/pemilihan/{id}/dana"),
        dari: saring.dari.map(|d| d.to_string()).unwrap_or_default(),
        sampai: saring.sampai.map(|d| d.to_string()).unwrap_or_default(),
        arah: std::iter::once(("", crate::t("dana-semua"), arah.is_none()))
            .chain(Arah::ALL.iter().map(|a| {
                (
                    a.slug(),
                    kata(a.label(), a.label_en()).to_string(),
                    arah == Some(*a),
                )
            }))
            .collect(),
        jumlah: crate::t1("dana-jumlah-entri", "jumlah", entri.len()),
        baris: entri.iter().map(|e| baris_buku(id, e, &nama)).collect(),
    })
}

// ---------------------------------------------------------------- entry

#[derive(Template)]
#[template(path = "dana_entri.html")]
struct HalamanEntri {
    judul: String,
    dasar: String,
    csrf: String,
    e: BarisBuku,
    id_entri: String,
    atas: Option<(String, i64)>,
    koreksi: Vec<BarisBuku>,
    /// (href, hash) of each proof.
    bukti: Vec<(String, String)>,
    boleh_catat: bool,
    hari_ini: String,
}

pub(super) async fn entri(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, entri)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let eid = Uuid::parse_str(&entri).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        )
    })?;
    let semua = s
        .posko
        .buku_dana(&m.pengguna, id, &SaringDana::default())
        .await?;
    let e = semua.iter().find(|e| e.id == eid).ok_or_else(|| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        )
    })?;
    let nama = peta_nama(&s, &m, id).await?;
    let (_, wilayah) = nama_pemilihan(&s, id).await?;
    render(HalamanEntri {
        judul: crate::t1("dana-entri-judul", "nomor", e.nomor),
        dasar: format!("/pemilihan/{id}/dana"),
        csrf: m.sesi.csrf.clone(),
        id_entri: e.id.to_string(),
        atas: e.koreksi_atas.and_then(|a| {
            semua
                .iter()
                .find(|x| x.id == a)
                .map(|x| (format!("/pemilihan/{id}/dana/entri/{a}"), x.nomor))
        }),
        koreksi: semua
            .iter()
            .filter(|x| x.koreksi_atas == Some(eid))
            .map(|x| baris_buku(id, x, &nama))
            .collect(),
        bukti: e
            .bukti
            .iter()
            .map(|h| (format!("/pemilihan/{id}/dana/bukti/{h}"), h.clone()))
            .collect(),
        boleh_catat: boleh_catat(&m, wilayah),
        hari_ini: hari_ini(),
        e: baris_buku(id, e, &nama),
    })
}

// ---------------------------------------------------------------- an event's spending

/// The spending an event links to, named as the ledger names it, and the
/// spending entries dated near the event that could still be linked.
/// None for whoever may not read the ledger: they see no entries at all.
pub(crate) struct BelanjaAcara {
    /// (link to the entry, its name).
    pub tertaut: Vec<(String, String)>,
    /// (entry id, its name): spending within two weeks of the event,
    /// nearest the day first.
    pub pilihan: Vec<(String, String)>,
}

pub(crate) async fn belanja_acara(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
    tanggal: time::Date,
    tertaut: &[Uuid],
) -> Result<Option<BelanjaAcara>, PageError> {
    if !s.posko.boleh_lihat_dana(&m.pengguna, id).await? {
        return Ok(None);
    }
    let nama = |e: &EntriDana| -> String {
        let jenis = match e.jenis {
            JenisEntriDana::Pengeluaran { kategori } => kategori_label(kategori),
            JenisEntriDana::Penerimaan { sumber, .. } => sumber_label(sumber),
        };
        let mut t = format!("No. {} · {} · {jenis} · {}", e.nomor, e.tanggal, e.nilai);
        if !e.uraian.is_empty() {
            t.push_str(" · ");
            t.push_str(&e.uraian.chars().take(60).collect::<String>());
        }
        t
    };
    let buku = s
        .posko
        .buku_dana(&m.pengguna, id, &SaringDana::default())
        .await?;
    let dekat = time::Duration::days(14);
    let tertaut_teks = tertaut
        .iter()
        .map(|t| {
            let teks = buku
                .iter()
                .find(|e| e.id == *t)
                .map(&nama)
                .unwrap_or_else(|| t.to_string());
            (format!("/pemilihan/{id}/dana/entri/{t}"), teks)
        })
        .collect();
    let mut dekat_acara: Vec<&EntriDana> = buku
        .iter()
        .filter(|e| {
            matches!(e.jenis, JenisEntriDana::Pengeluaran { .. })
                && !tertaut.contains(&e.id)
                && (e.tanggal - tanggal).abs() <= dekat
        })
        .collect();
    // The likeliest first: spent on the day, then the days around it.
    dekat_acara.sort_by_key(|e| ((e.tanggal - tanggal).abs(), e.nomor));
    let pilihan = dekat_acara
        .into_iter()
        .map(|e| (e.id.to_string(), nama(e)))
        .collect();
    Ok(Some(BelanjaAcara {
        tertaut: tertaut_teks,
        pilihan,
    }))
}
