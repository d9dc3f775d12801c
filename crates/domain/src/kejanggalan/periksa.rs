//! The per-TPS checks B–F over the figures of many TPS.

use super::statistik::mad;
use super::{AngkaTps, Cek, Tanda};
use crate::{HasilLalu, KodeTps, KodeWilayah};
use std::collections::{BTreeMap, HashMap};

/// Thresholds of the checks, with the values the 2019 benchmark
/// (`posko bench kejanggalan`) was tuned on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ambang {
    /// C: robust z beyond which a TPS is flagged (3.5 on the 2019 data:
    /// 3.8 flags per 1,000 TPS on the verified tallies).
    pub z: f64,
    /// D: robust z of a swing beyond which a TPS is flagged (no per-TPS
    /// history was at hand to tune it on: kept at the stricter 5).
    pub z_ayunan: f64,
    /// C: only TPS with at least this many valid votes are compared.
    pub min_sah: u64,
    /// C and D: a group needs this many TPS to have a spread.
    pub min_kelompok: usize,
    /// C: the share spread is never taken below this (0.03 = 3 points).
    pub lantai_porsi: f64,
    /// D: the swing spread is never taken below this.
    pub lantai_ayunan: f64,
    /// E: this many TPS of one desa with the same tally.
    pub kembar_min: usize,
    /// E: tallies with fewer valid votes are not compared (an empty TPS
    /// is not a copy).
    pub kembar_min_sah: u64,
    /// B: the legal maximum of voters per TPS.
    pub maks_pemilih_tps: u64,
}

impl Default for Ambang {
    fn default() -> Ambang {
        Ambang {
            z: 3.5,
            z_ayunan: 5.0,
            min_sah: 50,
            min_kelompok: 5,
            lantai_porsi: 0.03,
            lantai_ayunan: 0.03,
            kembar_min: 3,
            kembar_min_sah: 10,
            maks_pemilih_tps: u64::from(crate::hasil::MAKS_PEMILIH_TPS_PILKADA_2024),
        }
    }
}

fn persen(x: f64) -> String {
    format!("{:.1}", x * 100.0)
}

/// A figure as Indonesian writes it: a decimal comma.
pub(super) fn koma(angka: &str) -> String {
    angka.replace('.', ",")
}

/// B: votes cast (valid + invalid) above the DPT plus the 2.5 % reserve
/// (rounded up, as ballots are), or above the legal maximum per TPS. The
/// form checks of [`crate::periksa`] (`total_melebihi_dpt`,
/// `total_melebihi_batas_tps`) are the same facts on one form; this one
/// reads stored figures from any channel.
pub fn partisipasi(a: &AngkaTps, ambang: &Ambang) -> Option<Tanda> {
    let total = a.sah + a.tidak_sah;
    let batas_dpt = (a.dpt > 0).then(|| (a.dpt * 41).div_ceil(40));
    if let Some(b) = batas_dpt.filter(|&b| total > b) {
        let dpt = a.dpt;
        return Some(Tanda::tps(
            Cek::Partisipasi,
            a.tps,
            total as f64 / dpt as f64,
            format!(
                "Suara sah dan tidak sah {total} melebihi DPT {dpt} ditambah cadangan 2,5 % ({b}). Periksa daftar pemilih tambahan dan foto formulir."
            ),
            format!(
                "Valid and invalid votes {total} exceed the DPT {dpt} plus the 2.5% reserve ({b}). Check the additional voter list and the form photo."
            ),
        ));
    }
    let maks = ambang.maks_pemilih_tps;
    (total > maks).then(|| {
        Tanda::tps(
            Cek::Partisipasi,
            a.tps,
            total as f64,
            format!("Suara sah dan tidak sah {total} melebihi batas pemilih per TPS ({maks})."),
            format!("Valid and invalid votes {total} exceed the legal maximum of voters per TPS ({maks})."),
        )
    })
}

/// Median and spread of each group's values.
fn sebaran<K: Ord + Copy>(nilai: &[(K, f64)], min: usize) -> BTreeMap<K, (f64, f64, usize)> {
    let mut g: BTreeMap<K, Vec<f64>> = BTreeMap::new();
    for (k, v) in nilai {
        g.entry(*k).or_default().push(*v);
    }
    g.into_iter()
        .filter(|(_, v)| v.len() >= min)
        .filter_map(|(k, v)| mad(&v).map(|(m, s)| (k, (m, s, v.len()))))
        .collect()
}

fn kecamatan(tps: &KodeTps) -> KodeWilayah {
    let d = tps.desa();
    d.induk().unwrap_or(d)
}

/// C: a paslon's share at a TPS far from the other TPS of its desa *and*
/// its kecamatan: the robust z-score (median and MAD, the MAD never below
/// [`Ambang::lantai_porsi`]) exceeds [`Ambang::z`] in both (in the
/// kecamatan alone when the desa has too few TPS). Only TPS with at least
/// [`Ambang::min_sah`] valid votes are compared or used as neighbours.
/// One flag per TPS, for the paslon furthest out.
pub fn tetangga(semua: &[AngkaTps], ambang: &Ambang) -> Vec<Tanda> {
    let layak: Vec<&AngkaTps> = semua.iter().filter(|a| a.sah >= ambang.min_sah).collect();
    let jumlah_paslon = layak.iter().map(|a| a.suara.len()).max().unwrap_or(0);
    // With two paslon the shares mirror each other: one is enough.
    let paslon = if jumlah_paslon == 2 { 1 } else { jumlah_paslon };
    let mut terburuk: HashMap<KodeTps, (f64, usize, f64, f64, f64)> = HashMap::new();
    for i in 0..paslon {
        let porsi: Vec<(KodeTps, f64)> = layak
            .iter()
            .filter_map(|a| a.porsi(i).map(|p| (a.tps, p)))
            .collect();
        let desa: Vec<(KodeWilayah, f64)> = porsi.iter().map(|(t, p)| (t.desa(), *p)).collect();
        let kec: Vec<(KodeWilayah, f64)> = porsi.iter().map(|(t, p)| (kecamatan(t), *p)).collect();
        let s_desa = sebaran(&desa, ambang.min_kelompok);
        let s_kec = sebaran(&kec, ambang.min_kelompok);
        for (tps, p) in &porsi {
            let Some(&(mk, sk, _)) = s_kec.get(&kecamatan(tps)) else {
                continue;
            };
            let zk = (p - mk) / sk.max(ambang.lantai_porsi);
            let zd = s_desa
                .get(&tps.desa())
                .map(|&(md, sd, _)| (p - md) / sd.max(ambang.lantai_porsi));
            let z = match zd {
                Some(zd) if zd.signum() == zk.signum() => zd.abs().min(zk.abs()) * zk.signum(),
                Some(_) => 0.0,
                None => zk,
            };
            if z.abs() > ambang.z {
                let md = s_desa.get(&tps.desa()).map_or(mk, |s| s.0);
                let e = terburuk.entry(*tps).or_insert((0.0, i, *p, md, mk));
                if z.abs() > e.0.abs() {
                    *e = (z, i, *p, md, mk);
                }
            }
        }
    }
    let mut out: Vec<Tanda> = terburuk
        .into_iter()
        .map(|(tps, (z, i, p, md, mk))| {
            let n = i + 1;
            let (p, md, mk) = (persen(p), persen(md), persen(mk));
            Tanda::tps(
                Cek::Tetangga,
                tps,
                z,
                format!(
                    "Perolehan paslon {n} di TPS ini {} %, jauh dari TPS sekitarnya: median desa {} %, median kecamatan {} % (skor z robust {}).",
                    koma(&p),
                    koma(&md),
                    koma(&mk),
                    koma(&format!("{z:.1}"))
                ),
                format!(
                    "Paslon {n}'s share at this TPS, {p}%, is far from the TPS around it: desa median {md}%, kecamatan median {mk}% (robust z-score {z:.1})."
                ),
            )
        })
        .collect();
    out.sort_by_key(|t| t.tps);
    out
}

/// D: a swing from the TPS's own history far beyond the swings of its
/// kecamatan. Two swings are read, each where both elections give it:
/// turnout (votes cast over DPT) and, when `kita` names our paslon (index)
/// and the history has our votes, our share of valid votes. A TPS is
/// flagged when the swing's robust z-score within its kecamatan exceeds
/// [`Ambang::z_ayunan`].
pub fn ayunan(
    sekarang: &[AngkaTps],
    lalu: &[HasilLalu],
    kita: Option<usize>,
    ambang: &Ambang,
) -> Vec<Tanda> {
    // A published row flagged at import (more votes than its DPT, "ours"
    // above the valid votes) would make a swing out of KPU's typo.
    let lalu: HashMap<KodeTps, &HasilLalu> = lalu
        .iter()
        .filter(|h| !h.ditandai)
        .map(|h| (h.tps, h))
        .collect();
    let mut partisipasi = Vec::new();
    let mut porsi = Vec::new();
    for a in sekarang {
        let Some(h) = lalu.get(&a.tps) else { continue };
        if a.dpt > 0 && h.dpt > 0 {
            let kini = (a.sah + a.tidak_sah) as f64 / a.dpt as f64;
            let dulu = f64::from(h.sah + h.tidak_sah) / f64::from(h.dpt);
            partisipasi.push((a.tps, kini - dulu, kini, dulu));
        }
        if let (Some(i), Some(k)) = (kita, h.kita)
            && a.sah >= ambang.min_sah
            && u64::from(h.sah) >= ambang.min_sah
        {
            let kini = a.porsi(i).unwrap_or(0.0);
            let dulu = f64::from(k) / f64::from(h.sah);
            porsi.push((a.tps, kini - dulu, kini, dulu));
        }
    }
    let mut out: BTreeMap<KodeTps, Tanda> = BTreeMap::new();
    for (jenis, data) in [(0, &partisipasi), (1, &porsi)] {
        let kel: Vec<(KodeWilayah, f64)> =
            data.iter().map(|(t, s, _, _)| (kecamatan(t), *s)).collect();
        let sb = sebaran(&kel, ambang.min_kelompok);
        for (tps, s, kini, dulu) in data {
            let Some(&(m, sd, _)) = sb.get(&kecamatan(tps)) else {
                continue;
            };
            let z = (s - m) / sd.max(ambang.lantai_ayunan);
            if z.abs() <= ambang.z_ayunan || out.get(tps).is_some_and(|t| t.nilai.abs() >= z.abs())
            {
                continue;
            }
            let (kini, dulu, m) = (persen(*kini), persen(*dulu), persen(m));
            let (id, en) = if jenis == 0 {
                (
                    format!(
                        "Partisipasi berubah dari {} % (pemilihan lalu) menjadi {} %, jauh di luar perubahan TPS lain di kecamatan ini (median {} poin; skor z robust {}).",
                        koma(&dulu),
                        koma(&kini),
                        koma(&m),
                        koma(&format!("{z:.1}"))
                    ),
                    format!(
                        "Turnout moved from {dulu}% (previous election) to {kini}%, far beyond the change at other TPS of this kecamatan (median {m} points; robust z-score {z:.1})."
                    ),
                )
            } else {
                (
                    format!(
                        "Perolehan paslon kita berubah dari {} % (pemilihan lalu) menjadi {} %, jauh di luar perubahan TPS lain di kecamatan ini (median {} poin; skor z robust {}).",
                        koma(&dulu),
                        koma(&kini),
                        koma(&m),
                        koma(&format!("{z:.1}"))
                    ),
                    format!(
                        "Our paslon's share moved from {dulu}% (previous election) to {kini}%, far beyond the change at other TPS of this kecamatan (median {m} points; robust z-score {z:.1})."
                    ),
                )
            };
            out.insert(*tps, Tanda::tps(Cek::Ayunan, *tps, z, id, en));
        }
    }
    out.into_values().collect()
}

/// E: [`Ambang::kembar_min`] or more TPS of one desa with exactly the same
/// paslon votes (and at least [`Ambang::kembar_min_sah`] valid votes): each
/// of them is flagged, naming the others.
pub fn kembar(semua: &[AngkaTps], ambang: &Ambang) -> Vec<Tanda> {
    let mut g: BTreeMap<(KodeWilayah, &[u64]), Vec<KodeTps>> = BTreeMap::new();
    for a in semua.iter().filter(|a| a.sah >= ambang.kembar_min_sah) {
        g.entry((a.tps.desa(), a.suara.as_slice()))
            .or_default()
            .push(a.tps);
    }
    let mut out = Vec::new();
    for ((_, suara), tps) in g {
        if tps.len() < ambang.kembar_min {
            continue;
        }
        let angka = suara
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        for t in &tps {
            let lain = tps
                .iter()
                .filter(|x| *x != t)
                .map(|x| x.nomor().get().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let n = tps.len();
            out.push(Tanda::tps(
                Cek::Kembar,
                *t,
                n as f64,
                format!("Perolehan paslon ({angka}) sama persis di {n} TPS desa ini: juga TPS {lain}."),
                format!("The paslon votes ({angka}) are exactly the same at {n} TPS of this desa: also TPS {lain}."),
            ));
        }
    }
    out.sort_by_key(|t| t.tps);
    out
}

/// F: a figure of a TPS changed after it was verified: `kemudian` are the
/// figures submitted after the verification, oldest first. Flags the first
/// that differs from `terverifikasi`, naming the fields.
pub fn ubah_terverifikasi(terverifikasi: &AngkaTps, kemudian: &[AngkaTps]) -> Option<Tanda> {
    let v = terverifikasi;
    let beda = kemudian
        .iter()
        .find(|a| a.suara != v.suara || a.sah != v.sah || a.tidak_sah != v.tidak_sah)?;
    let mut kolom = Vec::new();
    let n = v.suara.len().max(beda.suara.len());
    for i in 0..n {
        let (x, y) = (
            v.suara.get(i).copied().unwrap_or(0),
            beda.suara.get(i).copied().unwrap_or(0),
        );
        if x != y {
            kolom.push((format!("paslon {}", i + 1), x, y));
        }
    }
    if v.sah != beda.sah {
        kolom.push(("sah".into(), v.sah, beda.sah));
    }
    if v.tidak_sah != beda.tidak_sah {
        kolom.push(("tidak sah".into(), v.tidak_sah, beda.tidak_sah));
    }
    let teks = kolom
        .iter()
        .map(|(k, x, y)| format!("{k} {x} → {y}"))
        .collect::<Vec<_>>()
        .join("; ");
    let teks_en = teks.replace("tidak sah", "invalid").replace("sah", "valid");
    Some(Tanda::tps(
        Cek::UbahTerverifikasi,
        v.tps,
        kolom.len() as f64,
        format!("Angka dikirim ulang berbeda setelah TPS ini diverifikasi: {teks}."),
        format!("Figures sent again differ after this TPS was verified: {teks_en}."),
    ))
}

/// Every per-TPS check over one set of figures (B, C, E, and D when a
/// history is given), sorted by TPS then check.
pub fn semua_tps(
    angka: &[AngkaTps],
    lalu: &[HasilLalu],
    kita: Option<usize>,
    ambang: &Ambang,
) -> Vec<Tanda> {
    let mut out: Vec<Tanda> = angka
        .iter()
        .filter_map(|a| partisipasi(a, ambang))
        .collect();
    out.extend(tetangga(angka, ambang));
    out.extend(kembar(angka, ambang));
    if !lalu.is_empty() {
        out.extend(ayunan(angka, lalu, kita, ambang));
    }
    out.sort_by_key(|t| (t.tps, t.cek));
    out
}

#[cfg(test)]
#[path = "periksa_tests.rs"]
mod tests;
