//! `posko bench kejanggalan`: the review queue's checks on a real full
//! count (Pilpres 2019, every TPS of DKI Jakarta, Kota Bandung and Kota
//! Surabaya, from `../shared/data/hasil/`). The KawalPemilu tallies
//! (`kp_*`) stand for what witnesses submitted; KPU's own tallies
//! (`kpu_*`) for the official figures. Prints, per check, flags per 1,000
//! TPS (the target for C–E is at most 10), and how many of the TPS where
//! the two tallies differ are flagged by any check (recall), with a
//! sensitivity table for the thresholds that were tuned. The file has no
//! photos, no revisions, no arrival times and no earlier election, so A,
//! F, G and D cannot fire on it and are printed as "n/a". Last, the time
//! the checks take per TPS, against merely summing the same figures, and
//! what check A adds to storing a photo: its dHash (decode, shrink) beside
//! the checks and SHA-256 every upload already does, on a 12-megapixel
//! JPEG made in the same run.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use posko_domain::kejanggalan::periksa::{Ambang, kembar, partisipasi, tetangga};
use posko_domain::kejanggalan::{AngkaTps, Cek, Tanda, daerah};
use posko_domain::{KodeTps, KodeWilayah, NomorTps};

const BERKAS: &str = "hasil/kawalpemilu2019_pilpres_tps_dki_bandung_surabaya_named.csv";

struct Data {
    kp: Vec<AngkaTps>,
    /// KPU's tallies of the same TPS, where complete.
    kpu: Vec<AngkaTps>,
    /// TPS whose `kp_*` and `kpu_*` tallies (both present) differ.
    beda: HashSet<KodeTps>,
    dibandingkan: usize,
    dilewati: usize,
}

/// Every TPS with complete `kp_*` tallies. TPS of kelurahan that have no
/// current desa code get a stand-in desa under their kecamatan (`39xx`,
/// one per 2019 kelurahan id, numbered from 3900), so grouping by desa still holds.
fn baca(path: &Path) -> anyhow::Result<Data> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("membaca {}", path.display()))?;
    let mut baris = text.lines();
    let kepala: Vec<&str> = baris.next().unwrap_or_default().split(',').collect();
    let kol = |nama: &str| {
        kepala
            .iter()
            .position(|k| *k == nama)
            .with_context(|| format!("{}: kolom {nama} tidak ada", path.display()))
    };
    let [desa, kec, kel, no, dpt, p1, p2, sah, ts, q1, q2, qsah, qts] = [
        "kode_desa_kemendagri",
        "kode_kec_kemendagri",
        "kel_id",
        "tps_no",
        "dpt",
        "kp_pas1",
        "kp_pas2",
        "kp_sah",
        "kp_tidak_sah",
        "kpu_pas1",
        "kpu_pas2",
        "kpu_sah",
        "kpu_tidak_sah",
    ]
    .map(kol);
    let (desa, kec, kel, no, dpt) = (desa?, kec?, kel?, no?, dpt?);
    let (p1, p2, sah, ts, q1, q2, qsah, qts) = (p1?, p2?, sah?, ts?, q1?, q2?, qsah?, qts?);
    let mut pengganti: HashMap<String, KodeWilayah> = HashMap::new();
    let mut data = Data {
        kp: Vec::new(),
        kpu: Vec::new(),
        beda: HashSet::new(),
        dibandingkan: 0,
        dilewati: 0,
    };
    for l in baris {
        if l.contains('"') {
            bail!("{}: baris berkutip tidak didukung: {l}", path.display());
        }
        let c: Vec<&str> = l.split(',').collect();
        if c.len() != kepala.len() {
            bail!("{}: jumlah kolom salah: {l}", path.display());
        }
        let angka = |i: usize| c[i].trim().parse::<u64>().ok();
        let (Some(a), Some(b), Some(t), Some(nomor)) = (angka(p1), angka(p2), angka(ts), angka(no))
        else {
            data.dilewati += 1;
            continue;
        };
        let kode_desa = if c[desa].is_empty() {
            let n = pengganti.len();
            match pengganti.get(&format!("{}/{}", c[kec], c[kel])) {
                Some(k) => *k,
                None => {
                    // 3900+: a desa number no real code uses.
                    let k = KodeWilayah::parse(&format!("{}.{}", c[kec], 3900 + n))
                        .with_context(|| format!("kode pengganti untuk {}", c[kel]))?;
                    pengganti.insert(format!("{}/{}", c[kec], c[kel]), k);
                    k
                }
            }
        } else {
            KodeWilayah::parse(c[desa]).with_context(|| format!("kode desa {}", c[desa]))?
        };
        let tps = KodeTps::new(kode_desa, NomorTps::new(u16::try_from(nomor)?)?)?;
        let kp = AngkaTps {
            tps,
            suara: vec![a, b],
            sah: angka(sah).unwrap_or(a + b),
            tidak_sah: t,
            dpt: angka(dpt).unwrap_or(0),
        };
        if let (Some(x), Some(y), Some(s), Some(u)) =
            (angka(q1), angka(q2), angka(qsah), angka(qts))
        {
            data.dibandingkan += 1;
            if [x, y, s, u] != [a, b, kp.sah, t] {
                data.beda.insert(tps);
            }
            data.kpu.push(AngkaTps {
                tps,
                suara: vec![x, y],
                sah: s,
                tidak_sah: u,
                dpt: kp.dpt,
            });
        }
        data.kp.push(kp);
    }
    Ok(data)
}

fn kecamatan(t: &KodeTps) -> KodeWilayah {
    t.desa().induk().unwrap_or(t.desa())
}

/// Checks B, C, E per TPS and H per kecamatan, as the queue runs them.
fn jalankan(kp: &[AngkaTps], ambang: &Ambang) -> Vec<Tanda> {
    let mut out: Vec<Tanda> = kp.iter().filter_map(|a| partisipasi(a, ambang)).collect();
    out.extend(tetangga(kp, ambang));
    out.extend(kembar(kp, ambang));
    let mut per_kec: BTreeMap<KodeWilayah, Vec<AngkaTps>> = BTreeMap::new();
    for a in kp {
        per_kec
            .entry(kecamatan(&a.tps))
            .or_default()
            .push(a.clone());
    }
    out.extend(
        per_kec
            .iter()
            .filter_map(|(w, v)| daerah::digit_akhir(*w, v)),
    );
    out
}

fn per_seribu(n: usize, dari: usize) -> f64 {
    n as f64 * 1000.0 / dari.max(1) as f64
}

/// The flags per check on one set of figures, recall against the TPS
/// whose two tallies differ, and the thresholds' sensitivity.
fn laporan(judul: &str, set: &[AngkaTps], beda_tps: &HashSet<KodeTps>, ambang: &Ambang) {
    let n = set.len();
    let ambang = *ambang;
    println!();
    println!("== {judul}: {n} TPS ==");
    let tanda = jalankan(set, &ambang);
    let mut per_cek: BTreeMap<Cek, HashSet<Option<KodeTps>>> = BTreeMap::new();
    let mut wilayah_h = HashSet::new();
    for t in &tanda {
        per_cek.entry(t.cek).or_default().insert(t.tps);
        if t.cek == Cek::DigitAkhir {
            wilayah_h.insert(t.wilayah);
        }
    }
    let tps_h = set
        .iter()
        .filter(|a| wilayah_h.contains(&kecamatan(&a.tps)))
        .count();
    let kecamatan_total = set
        .iter()
        .map(|a| kecamatan(&a.tps))
        .collect::<HashSet<_>>()
        .len();
    println!("cek                      tanda   per 1.000 TPS   target");
    for cek in Cek::SEMUA {
        let huruf = cek.huruf();
        match cek {
            Cek::FotoSama | Cek::UbahTerverifikasi | Cek::Lonjakan | Cek::Ayunan => {
                let kenapa = match cek {
                    Cek::FotoSama => "tanpa foto di data ini",
                    Cek::UbahTerverifikasi => "tanpa revisi/verifikasi di data ini",
                    Cek::Lonjakan => "tanpa waktu kedatangan di data ini",
                    _ => "tanpa riwayat pemilihan lalu per TPS di data ini",
                };
                println!("{huruf} {:<22} n/a ({kenapa})", cek.kode());
            }
            Cek::DigitAkhir => println!(
                "{huruf} {:<22} {:>5} kecamatan dari {kecamatan_total} ({} TPS, {:.1} per 1.000; sinyal lemah)",
                cek.kode(),
                wilayah_h.len(),
                tps_h,
                per_seribu(tps_h, n)
            ),
            _ => {
                let k = per_cek.get(&cek).map_or(0, HashSet::len);
                let target = if matches!(cek, Cek::Tetangga | Cek::Kembar) {
                    "<= 10"
                } else {
                    "-"
                };
                println!(
                    "{huruf} {:<22} {k:>5}   {:>13.2}   {target}",
                    cek.kode(),
                    per_seribu(k, n)
                );
            }
        }
    }
    let ditandai: HashSet<KodeTps> = tanda.iter().filter_map(|t| t.tps).collect();
    let kena = beda_tps.iter().filter(|t| ditandai.contains(t)).count();
    let kena_h = beda_tps
        .iter()
        .filter(|t| ditandai.contains(t) || wilayah_h.contains(&kecamatan(t)))
        .count();
    let beda = beda_tps.len();
    println!(
        "recall: {kena} dari {beda} TPS yang kp_* != kpu_* ditandai cek per TPS (B, C, E) = {:.1}%; dengan kecamatan bertanda H: {kena_h} = {:.1}%",
        kena as f64 * 100.0 / beda.max(1) as f64,
        kena_h as f64 * 100.0 / beda.max(1) as f64
    );
    let tepat = ditandai.iter().filter(|t| beda_tps.contains(t)).count();
    println!(
        "presisi: {tepat} dari {} TPS bertanda memang berbeda dari kpu_* ({:.1}%; dasar {:.1}%)",
        ditandai.len(),
        tepat as f64 * 100.0 / ditandai.len().max(1) as f64,
        beda as f64 * 100.0 / n.max(1) as f64
    );
    println!("kepekaan ambang z (C) dan kembar minimal (E), per 1.000 TPS dan recall:");
    for z in [3.0, 3.5, 4.0, 5.0, 6.0, 8.0] {
        let a = Ambang { z, ..ambang };
        let t: HashSet<KodeTps> = tetangga(set, &a).iter().filter_map(|t| t.tps).collect();
        let r = beda_tps.iter().filter(|x| t.contains(x)).count();
        println!(
            "  C z {z:>3}: {:>6.2} per 1.000, recall {r}",
            per_seribu(t.len(), n)
        );
    }
    for (m, s) in [(2usize, 10u64), (3, 0), (3, 10), (3, 50), (4, 10)] {
        let a = Ambang {
            kembar_min: m,
            kembar_min_sah: s,
            ..ambang
        };
        let t: HashSet<KodeTps> = kembar(set, &a).iter().filter_map(|t| t.tps).collect();
        let r = beda_tps.iter().filter(|x| t.contains(x)).count();
        println!(
            "  E >= {m} TPS, sah >= {s}: {:>6.2} per 1.000, recall {r}",
            per_seribu(t.len(), n)
        );
    }
}

pub fn kejanggalan(data: Option<PathBuf>) -> anyhow::Result<()> {
    let dir = data.unwrap_or_else(|| PathBuf::from("../shared/data"));
    let path = dir.join(BERKAS);
    let data = baca(&path)?;
    let n = data.kp.len();
    let ambang = Ambang::default();
    println!(
        "kejanggalan: {} TPS dengan tally kp_* lengkap ({} dilewati tanpa tally); {} dibandingkan dengan kpu_*, {} berbeda",
        n,
        data.dilewati,
        data.dibandingkan,
        data.beda.len()
    );
    println!(
        "ambang: C z > {} (sah >= {}, MAD >= {:.0} poin; kelompok >= {} TPS), D z > {}, E: >= {} TPS kembar dengan sah >= {}, B: DPT + 2,5% atau {} pemilih",
        ambang.z,
        ambang.min_sah,
        ambang.lantai_porsi * 100.0,
        ambang.min_kelompok,
        ambang.z_ayunan,
        ambang.kembar_min,
        ambang.kembar_min_sah,
        ambang.maks_pemilih_tps
    );
    laporan(
        "cek atas kp_* (yang dikirim saksi; angka terverifikasi foto)",
        &data.kp,
        &data.beda,
        &ambang,
    );
    laporan(
        "cek atas kpu_* (angka SITUNG, berisi galat entri yang diketahui)",
        &data.kpu,
        &data.beda,
        &ambang,
    );
    let mulai = Instant::now();
    black_box(jalankan(black_box(&data.kp), &ambang));
    let waktu_cek = mulai.elapsed();
    // The checks over the whole set, beside merely summing its figures.
    let ulang = 5;
    let mulai = Instant::now();
    for _ in 0..ulang {
        black_box(jalankan(black_box(&data.kp), &ambang));
    }
    let cek = mulai.elapsed().as_secs_f64() / f64::from(ulang);
    let mulai = Instant::now();
    for _ in 0..ulang {
        let s: u64 = black_box(&data.kp).iter().map(|a| a.suara[0] + a.sah).sum();
        black_box(s);
    }
    let jumlah = mulai.elapsed().as_secs_f64() / f64::from(ulang);
    println!(
        "waktu: semua cek atas {n} TPS {:.0} ms (pertama {:.0} ms) = {:.2} µs per TPS; {:.0}× menjumlah angka yang sama",
        cek * 1e3,
        waktu_cek.as_secs_f64() * 1e3,
        cek * 1e6 / n.max(1) as f64,
        cek / jumlah.max(1e-9)
    );
    foto_ukur()?;
    Ok(())
}

/// Median of `kali` runs of `f`, in milliseconds.
fn median_ms(mut f: impl FnMut(), kali: usize) -> f64 {
    let mut t: Vec<f64> = (0..kali)
        .map(|_| {
            let mulai = Instant::now();
            f();
            mulai.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

/// Check A's cost per photo stored: the dHash beside the upload's own
/// checks and SHA-256, on a phone-sized (4000 × 3000) JPEG.
fn foto_ukur() -> anyhow::Result<()> {
    let img = image::GrayImage::from_fn(4000, 3000, |x, y| {
        image::Luma([((x / 7 * 31 + y / 5 * 17 + (x * y) % 13) % 256) as u8])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85).encode_image(&img)?;
    let unggah = median_ms(
        || {
            black_box(posko_app::foto::periksa_foto(black_box(&jpeg)).ok());
        },
        5,
    );
    let dhash = median_ms(
        || {
            black_box(posko_app::foto::dhash_foto(black_box(&jpeg)));
        },
        5,
    );
    println!(
        "foto 12 MP ({} KB): pemeriksaan + SHA-256 saat unggah {unggah:.0} ms; dHash (cek A) {dhash:.0} ms = {:.1}× (di latar, per foto; tidak di transaksi tulis hasil)",
        jpeg.len() / 1024,
        dhash / unggah.max(1e-9)
    );
    Ok(())
}
