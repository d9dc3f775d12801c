//! How a map is coloured: each region's fill and its figures in words,
//! and the legend, for every `?warna=`. Sequential figures use cividis
//! (five fixed classes for shares, so colours mean the same on every map
//! and as figures come in); the leader uses Okabe–Ito per paslon.

use posko_app::{PetaRuang, WarnaPeta, WilayahPeta};
use posko_domain::peta::{
    Legenda, Skala, TANGGA_SELISIH, TANPA_DATA, WARNA_KOLOM_KOSONG, Warna, berurutan,
    kelas_selisih, warna_kolom_kosong_kelas, warna_paslon, warna_unggul, warna_unggul_kelas,
};

use crate::bahasa::Bahasa;
use crate::format::{persen, ribuan};

/// Number of classes of data-driven scales.
const KELAS: usize = 5;

/// A share in the page's language: 0.456 → "45,6 %" (Indonesian) or
/// "45.6 %" (English).
pub(crate) fn persen_f(x: f64) -> String {
    let tenths = (x * 1000.0).round().max(0.0) as u64;
    let koma = match Bahasa::kini() {
        Bahasa::Id => ',',
        Bahasa::En => '.',
    };
    format!("{}{koma}{} %", tenths / 10, tenths % 10)
}

/// "belum ada data": the legend entry and tooltip of a region without figures.
fn belum_ada_data() -> String {
    crate::t("peta-belum-ada-data")
}

/// The sentence under a sequential scale's legend.
fn keterangan_skala(skala: &Skala) -> String {
    crate::t1("peta-skala-berurutan", "kelas", skala.warna.len())
}

/// One shape's fill and its figures in words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IsiWilayah {
    pub isi: Warna,
    pub keterangan: String,
}

/// The fills, tooltips and legend of a map.
pub(crate) struct Pewarnaan {
    pub isi: Vec<IsiWilayah>,
    pub legenda: Legenda,
}

/// Five fixed classes of a share, 0–20 % … 80 % or more, so colours mean
/// the same on every map and do not shift as figures come in.
pub(crate) fn kelas_rasio(r: f64) -> Warna {
    let i = (r * 5.0).floor().clamp(0.0, 4.0);
    berurutan((i + 0.5) / 5.0)
}

fn legenda_rasio() -> Vec<(Warna, String)> {
    (0..5)
        .map(|i| {
            let label = if i == 4 {
                crate::t("peta-rasio-teratas")
            } else {
                format!("{}–{} %", i * 20, (i + 1) * 20)
            };
            (kelas_rasio(i as f64 / 5.0 + 0.01), label)
        })
        .collect()
}

/// A tie between the top two paslon: neutral mid grey, darker than "no data".
pub(crate) const SERI: Warna = Warna(0x99, 0x99, 0x99);

fn belum() -> IsiWilayah {
    IsiWilayah {
        isi: TANPA_DATA,
        keterangan: belum_ada_data(),
    }
}

/// The leader of a region's count: (nomor urut, share, margin) or None
/// before any valid vote; nomor 0 for a tie.
pub(crate) fn pemimpin(suara: &[u64], sah: u64) -> Option<(u32, f64, f64)> {
    if sah == 0 {
        return None;
    }
    let mut urut: Vec<(usize, u64)> = suara.iter().copied().enumerate().collect();
    urut.sort_by_key(|x| std::cmp::Reverse(x.1));
    let (i, a) = *urut.first()?;
    let b = urut.get(1).map(|x| x.1).unwrap_or(0);
    let nomor = if a == b { 0 } else { i as u32 + 1 };
    Some((nomor, a as f64 / sah as f64, (a - b) as f64 / sah as f64))
}

/// How a map of `peta` is coloured, region by region, with its legend.
pub(crate) fn pewarnaan(peta: &PetaRuang) -> Pewarnaan {
    let nama_induk = &peta.induk.nama;
    let ada_kosong = |isi: &[IsiWilayah]| isi.iter().any(|i| i.isi == TANPA_DATA);
    match peta.warna {
        WarnaPeta::Dpt => {
            let nilai: Vec<f64> = peta
                .anak
                .iter()
                .filter(|a| a.dpt.dpt_total > 0)
                .map(|a| a.dpt.dpt_total as f64)
                .collect();
            let skala = Skala::linear(&nilai, KELAS);
            let isi: Vec<IsiWilayah> = peta
                .anak
                .iter()
                .map(|a| {
                    if a.dpt.dpt_total == 0 {
                        return belum();
                    }
                    IsiWilayah {
                        isi: skala.warna(a.dpt.dpt_total as f64),
                        keterangan: crate::t2(
                            "peta-ket-dpt",
                            "dpt",
                            ribuan(a.dpt.dpt_total),
                            "tps",
                            ribuan(a.dpt.jumlah_tps),
                        ),
                    }
                })
                .collect();
            let mut baris = Vec::new();
            if !nilai.is_empty() {
                let min = nilai.iter().copied().fold(f64::INFINITY, f64::min);
                let max = nilai.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                for k in skala.kelas(min, max) {
                    let (dari, sampai) = (k.dari.round() as u64, k.sampai.round() as u64);
                    let label = if dari == sampai {
                        ribuan(dari)
                    } else {
                        format!("{}–{}", ribuan(dari), ribuan(sampai))
                    };
                    baris.push((k.warna, label));
                }
            }
            if ada_kosong(&isi) {
                baris.push((TANPA_DATA, belum_ada_data()));
            }
            Pewarnaan {
                isi,
                legenda: Legenda {
                    judul: crate::t("peta-legenda-dpt-judul"),
                    keterangan: crate::t2(
                        "peta-legenda-dpt-ket",
                        "induk",
                        nama_induk,
                        "skala",
                        keterangan_skala(&skala),
                    ),
                    baris,
                },
            }
        }
        WarnaPeta::Pendukung => {
            let rasio = |a: &WilayahPeta| a.pendukung as f64 / a.dpt.dpt_total as f64;
            let nilai: Vec<f64> = peta
                .anak
                .iter()
                .filter(|a| a.dpt.dpt_total > 0)
                .map(rasio)
                .collect();
            let skala = Skala::linear(&nilai, KELAS);
            let isi: Vec<IsiWilayah> = peta
                .anak
                .iter()
                .map(|a| {
                    if a.dpt.dpt_total == 0 {
                        return belum();
                    }
                    IsiWilayah {
                        isi: skala.warna(rasio(a)),
                        keterangan: crate::tn(
                            "peta-ket-pendukung",
                            &[
                                ("pendukung", &ribuan(a.pendukung)),
                                ("dpt", &ribuan(a.dpt.dpt_total)),
                                ("persen", &persen(a.pendukung, a.dpt.dpt_total)),
                            ],
                        ),
                    }
                })
                .collect();
            let mut baris = Vec::new();
            if !nilai.is_empty() {
                let min = nilai.iter().copied().fold(f64::INFINITY, f64::min);
                let max = nilai.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                for k in skala.kelas(min, max) {
                    baris.push((
                        k.warna,
                        format!("{}–{}", persen_f(k.dari), persen_f(k.sampai)),
                    ));
                }
            }
            if ada_kosong(&isi) {
                baris.push((TANPA_DATA, belum_ada_data()));
            }
            Pewarnaan {
                isi,
                legenda: Legenda {
                    judul: crate::t("peta-legenda-pendukung-judul"),
                    keterangan: crate::t2(
                        "peta-legenda-pendukung-ket",
                        "induk",
                        nama_induk,
                        "skala",
                        keterangan_skala(&skala),
                    ),
                    baris,
                },
            }
        }
        WarnaPeta::Target | WarnaPeta::Saksi | WarnaPeta::Sampel => {
            let isi: Vec<IsiWilayah> = peta
                .anak
                .iter()
                .map(|a| {
                    let (bagian, dari, pesan) = match peta.warna {
                        WarnaPeta::Target => (a.pendukung, a.dibutuhkan, "peta-ket-target"),
                        WarnaPeta::Saksi => (a.tps_bersaksi, a.dpt.jumlah_tps, "peta-ket-saksi"),
                        _ => (a.sampel.0, a.sampel.1, "peta-ket-sampel"),
                    };
                    if dari == 0 {
                        return belum();
                    }
                    IsiWilayah {
                        isi: kelas_rasio(bagian as f64 / dari as f64),
                        keterangan: crate::tn(
                            pesan,
                            &[
                                ("bagian", &ribuan(bagian)),
                                ("dari", &ribuan(dari)),
                                ("persen", &persen(bagian, dari)),
                            ],
                        ),
                    }
                })
                .collect();
            let mut baris = legenda_rasio();
            if ada_kosong(&isi) {
                baris.push((TANPA_DATA, belum_ada_data()));
            }
            let (judul, arti) = match peta.warna {
                WarnaPeta::Target => (
                    crate::t("peta-legenda-target-judul"),
                    crate::t1(
                        "peta-legenda-target-arti",
                        "partisipasi",
                        peta.partisipasi_target
                            .map(|p| p.to_string())
                            .unwrap_or_else(|| (posko_app::PARTISIPASI_PETA / 100).to_string()),
                    ),
                ),
                WarnaPeta::Saksi => (
                    crate::t("peta-legenda-saksi-judul"),
                    crate::t("peta-legenda-saksi-arti"),
                ),
                _ => (
                    crate::t("peta-legenda-sampel-judul"),
                    crate::t("peta-legenda-sampel-arti"),
                ),
            };
            Pewarnaan {
                isi,
                legenda: Legenda {
                    judul,
                    keterangan: crate::t2(
                        "peta-legenda-rasio-ket",
                        "induk",
                        nama_induk,
                        "arti",
                        arti,
                    ),
                    baris,
                },
            }
        }
        WarnaPeta::Pemimpin => {
            let kolom_kosong = peta.paslon.len() == 1;
            let isi: Vec<IsiWilayah> = peta
                .anak
                .iter()
                .map(|a| {
                    let Some(r) = &a.hasil else { return belum() };
                    let Some((nomor, porsi, selisih)) = pemimpin(&r.angka.suara, r.angka.sah)
                    else {
                        return belum();
                    };
                    let tps = crate::t1("peta-ket-tps-masuk", "tps", ribuan(r.tps_masuk));
                    if nomor == 0 {
                        return IsiWilayah {
                            isi: SERI,
                            keterangan: crate::t2(
                                "peta-ket-seri",
                                "persen",
                                persen_f(porsi),
                                "tps",
                                tps,
                            ),
                        };
                    }
                    let poin = persen_f(selisih).trim_end_matches(" %").to_string();
                    // A single pair's second column is the blank box, not
                    // a paslon 02.
                    if kolom_kosong && nomor == 2 {
                        return IsiWilayah {
                            isi: warna_kolom_kosong_kelas(kelas_selisih(selisih)),
                            keterangan: crate::tn(
                                "peta-ket-kolom-kosong-unggul",
                                &[("persen", &persen_f(porsi)), ("poin", &poin), ("tps", &tps)],
                            ),
                        };
                    }
                    IsiWilayah {
                        isi: warna_unggul(nomor, selisih),
                        keterangan: crate::tn(
                            "peta-ket-unggul",
                            &[
                                ("nomor", &format!("{nomor:02}")),
                                ("persen", &persen_f(porsi)),
                                ("poin", &poin),
                                ("tps", &tps),
                            ],
                        ),
                    }
                })
                .collect();
            // Each region's leader, with whether the TPS still out there
            // could change it.
            let isi: Vec<IsiWilayah> = isi
                .into_iter()
                .zip(&peta.anak)
                .map(|(mut i, a)| {
                    if let Some(st) = a.menang.as_ref().and_then(|m| m.status.as_ref())
                        && a.hasil.as_ref().is_some_and(|r| r.angka.sah > 0)
                    {
                        let pasti = crate::t(if st.pasti {
                            "menang-pasti-singkat"
                        } else {
                            "menang-belum-pasti-singkat"
                        });
                        i.keterangan = format!("{} · {pasti}", i.keterangan);
                    }
                    i
                })
                .collect();
            let mut baris: Vec<(Warna, String)> = peta
                .paslon
                .iter()
                .map(|p| {
                    let n = u32::from(p.nomor_urut.get());
                    (
                        warna_paslon(n),
                        crate::t2(
                            "peta-legenda-paslon-unggul",
                            "nomor",
                            format!("{n:02}"),
                            "nama",
                            p.calon_kepala.to_string(),
                        ),
                    )
                })
                .collect();
            // The margin steps, shown in the first paslon's colour.
            if let Some(p) = peta.paslon.first() {
                let n = u32::from(p.nomor_urut.get());
                let poin = |x: f64| format!("{}", (x * 100.0).round() as u32);
                for k in 0..=TANGGA_SELISIH.len() {
                    let label = match k {
                        0 => crate::t1(
                            "peta-legenda-selisih-bawah",
                            "sampai",
                            poin(TANGGA_SELISIH[0]),
                        ),
                        k if k == TANGGA_SELISIH.len() => crate::t1(
                            "peta-legenda-selisih-atas",
                            "dari",
                            poin(TANGGA_SELISIH[k - 1]),
                        ),
                        k => crate::t2(
                            "peta-legenda-selisih",
                            "dari",
                            poin(TANGGA_SELISIH[k - 1]),
                            "sampai",
                            poin(TANGGA_SELISIH[k]),
                        ),
                    };
                    baris.push((warna_unggul_kelas(n, k), label));
                }
            }
            if kolom_kosong {
                baris.push((
                    WARNA_KOLOM_KOSONG,
                    crate::t("peta-legenda-kolom-kosong-unggul"),
                ));
            }
            baris.push((SERI, crate::t("peta-legenda-seri")));
            if ada_kosong(&isi) {
                baris.push((TANPA_DATA, belum_ada_data()));
            }
            Pewarnaan {
                isi,
                legenda: Legenda {
                    judul: crate::t("peta-legenda-pemimpin-judul"),
                    keterangan: crate::t1("peta-legenda-pemimpin-ket", "induk", nama_induk),
                    baris,
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pemimpin_dan_seri() {
        assert_eq!(pemimpin(&[30, 70], 100), Some((2, 0.7, 0.4)));
        assert_eq!(pemimpin(&[50, 50], 100).map(|p| p.0), Some(0));
        assert_eq!(pemimpin(&[0, 0], 0), None);
        assert_eq!(persen_f(0.4567), "45,7 %");
        assert_eq!(kelas_rasio(0.0), kelas_rasio(0.19));
        assert_ne!(kelas_rasio(0.19), kelas_rasio(0.21));
        assert_eq!(kelas_rasio(1.5), kelas_rasio(0.85));
    }
}
