//! Vote targets per area, sorted by the gap to close.

use super::*;

// ------------------------------------------------------------ targets

pub(super) struct BarisTarget {
    kode: String,
    nama: String,
    tautan: Option<String>,
    dpt: String,
    dibutuhkan: String,
    pendukung: String,
    selisih: String,
    tercapai: String,
}

pub(super) struct PilihanPemilihan {
    id: Uuid,
    nama: String,
    dipilih: bool,
}

#[derive(Template)]
#[template(path = "target.html")]
pub(super) struct TargetPage {
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
pub(super) struct TargetQ {
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

pub(super) fn isi(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub(super) async fn target_page(
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
        page.galat = Some(crate::t("target-belum-ada-pemilihan"));
        return render(page);
    };
    let paslon = s.posko.pemilihan_view(pid).await?.paslon.len();
    page.banyak_paslon = paslon > 2;
    let partisipasi = match Persen::parse(&page.partisipasi) {
        Ok(p) => p,
        Err(e) => {
            page.galat = Some(crate::t1(
                "target-galat-partisipasi",
                "galat",
                e.to_string(),
            ));
            return render(page);
        }
    };
    if isi(&q.partisipasi).is_none() {
        page.asumsi.push(crate::t1(
            "target-asumsi-partisipasi-bawaan",
            "persen",
            partisipasi.to_string(),
        ));
    } else {
        page.asumsi.push(crate::t1(
            "target-asumsi-partisipasi",
            "persen",
            partisipasi.to_string(),
        ));
    }
    let mut target = None;
    if paslon > 2 {
        if page.target.is_empty() {
            page.target = TARGET_BAWAAN.into();
            page.asumsi.push(crate::t2(
                "target-asumsi-target-bawaan",
                "paslon",
                paslon,
                "persen",
                TARGET_BAWAAN,
            ));
        }
        match Persen::parse(&page.target) {
            Ok(t) => {
                if isi(&q.target).is_some() {
                    page.asumsi.push(crate::t2(
                        "target-asumsi-target",
                        "paslon",
                        paslon,
                        "persen",
                        t.to_string(),
                    ));
                }
                target = Some(t);
            }
            Err(e) => {
                page.galat = Some(crate::t1("target-galat-target", "galat", e.to_string()));
                return render(page);
            }
        }
    } else if paslon > 0 {
        page.asumsi
            .push(crate::t1("target-asumsi-dua-paslon", "paslon", paslon));
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
