use super::*;
use time::macros::date;

fn nik(s: &str) -> Nik {
    Nik::parse(s).unwrap()
}

fn desa(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

#[test]
fn nik_birth_date_and_kecamatan_are_compared_including_the_plus_40_for_women() {
    // Woman born 25-08-1990 (day 65), kecamatan 31.71.01.
    let n = nik("3171016508900001");
    let rumah = desa("31.71.01.1001");
    let m = periksa_nik(&n, Some(date!(1990 - 08 - 25)), rumah);
    assert_eq!(m, MutuCatatan(MutuCatatan::ADA_NIK));
    // Day 25 written for a man's NIK (day 25 stored) is fine too.
    let m = periksa_nik(&nik("3171012508900001"), Some(date!(1990 - 08 - 25)), rumah);
    assert!(!m.ada(MutuCatatan::NIK_TANGGAL_BEDA));
    // A century apart still matches on two digits; another day does not.
    assert!(
        !periksa_nik(&n, Some(date!(1890 - 08 - 25)), rumah).ada(MutuCatatan::NIK_TANGGAL_BEDA)
    );
    for beda in [
        date!(1990 - 08 - 26),
        date!(1990 - 09 - 25),
        date!(1991 - 08 - 25),
    ] {
        assert!(
            periksa_nik(&n, Some(beda), rumah).ada(MutuCatatan::NIK_TANGGAL_BEDA),
            "{beda}"
        );
    }
    // No written date: nothing to compare.
    assert!(!periksa_nik(&n, None, rumah).ada(MutuCatatan::NIK_TANGGAL_BEDA));
    // Another kecamatan, same kab/kota.
    let m = periksa_nik(&n, None, desa("31.71.02.1001"));
    assert!(m.ada(MutuCatatan::NIK_KECAMATAN_BEDA) && m.ada(MutuCatatan::ADA_NIK));
}

fn pendukung(waktu: &[i64], mutu: u8) -> Vec<CatatanPendukung> {
    waktu
        .iter()
        .map(|w| CatatanPendukung {
            waktu: *w,
            mutu: MutuCatatan(mutu),
        })
        .collect()
}

fn alasan(t: &[Temuan]) -> Vec<Alasan> {
    t.iter().map(|t| t.alasan).collect()
}

const T0: i64 = 1_760_000_000;

#[test]
fn bursts_and_short_gaps_hold_a_batch_and_an_ordinary_pace_does_not() {
    let tenang: Vec<i64> = (0..40).map(|i| T0 + i * 240).collect();
    assert!(periksa_batch(&pendukung(&tenang, 0), &[], &Sinyal::default()).is_empty());
    // 21 in 10 minutes (every 28 s): a burst, and a short median gap.
    let cepat: Vec<i64> = (0..21).map(|i| T0 + i * 28).collect();
    let t = periksa_batch(&pendukung(&cepat, 0), &[], &Sinyal::default());
    assert_eq!(alasan(&t), [Alasan::Beruntun, Alasan::JedaPendek]);
    assert_eq!(t[0].jumlah, 21);
    // Exactly 20 spaced 31 s apart: neither.
    let pas: Vec<i64> = (0..20).map(|i| T0 + i * 31).collect();
    assert!(periksa_batch(&pendukung(&pas, 0), &[], &Sinyal::default()).is_empty());
    assert_eq!(terbanyak_dalam(&[0, 599, 600, 1199], 600), 2);
    // Couples at one door (short gaps) among a normal pace: the median holds.
    let mut pasangan: Vec<i64> = (0..8).map(|i| T0 + i * 300).collect();
    pasangan.extend((0..3).map(|i| T0 + i * 300 + 15));
    assert!(periksa_batch(&pendukung(&pasangan, 0), &[], &Sinyal::default()).is_empty());
    // Fewer than six supporters: no median judged.
    let lima: Vec<i64> = (0..5).map(|i| T0 + i * 5).collect();
    assert!(periksa_batch(&pendukung(&lima, 0), &[], &Sinyal::default()).is_empty());
}

#[test]
fn nik_and_dpt_findings_need_several_or_a_share() {
    let w: Vec<i64> = (0..25).map(|i| T0 + i * 600).collect();
    let ok = MutuCatatan::ADA_NIK | MutuCatatan::DPT_DIPERIKSA;
    let mut p = pendukung(&w, ok);
    assert!(periksa_batch(&p, &[], &Sinyal::default()).is_empty());
    // One typo in 25: not held. Three: held.
    p[0].mutu = MutuCatatan(ok | MutuCatatan::NIK_TANGGAL_BEDA);
    assert!(periksa_batch(&p, &[], &Sinyal::default()).is_empty());
    for r in &mut p[1..3] {
        r.mutu = MutuCatatan(ok | MutuCatatan::NIK_TANGGAL_BEDA);
    }
    assert_eq!(
        periksa_batch(&p, &[], &Sinyal::default()),
        [Temuan {
            alasan: Alasan::NikTanggalLahir,
            jumlah: 3
        }]
    );
    // One wrong date alone is a typo; two in a small day are a pattern.
    let satu = pendukung(&[T0], ok | MutuCatatan::NIK_TANGGAL_BEDA);
    assert!(periksa_batch(&satu, &[], &Sinyal::default()).is_empty());
    let dua = pendukung(&[T0, T0 + 600], ok | MutuCatatan::NIK_TANGGAL_BEDA);
    assert_eq!(
        alasan(&periksa_batch(&dua, &[], &Sinyal::default())),
        [Alasan::NikTanggalLahir]
    );
    // Movers: 12 of 25 with another kecamatan is not held, 13 is.
    let mut p = pendukung(&w, ok);
    for r in &mut p[..12] {
        r.mutu = MutuCatatan(ok | MutuCatatan::NIK_KECAMATAN_BEDA);
    }
    assert!(periksa_batch(&p, &[], &Sinyal::default()).is_empty());
    p[12].mutu = MutuCatatan(ok | MutuCatatan::NIK_KECAMATAN_BEDA);
    assert_eq!(
        alasan(&periksa_batch(&p, &[], &Sinyal::default())),
        [Alasan::NikKecamatan]
    );
    // Not on the DPT: counted only among those checked.
    let mut p = pendukung(&w[..12], MutuCatatan::DPT_DIPERIKSA);
    p.extend(pendukung(&w[12..], 0));
    let hilang = MutuCatatan(MutuCatatan::DPT_DIPERIKSA | MutuCatatan::TIDAK_DI_DPT);
    p[0].mutu = hilang;
    p[1].mutu = hilang;
    assert!(periksa_batch(&p, &[], &Sinyal::default()).is_empty());
    p[2].mutu = hilang;
    assert_eq!(
        alasan(&periksa_batch(&p, &[], &Sinyal::default())),
        [Alasan::TidakDiDpt]
    );
    // Three of 13 checked is under a quarter.
    p[12].mutu = MutuCatatan(MutuCatatan::DPT_DIPERIKSA);
    assert!(periksa_batch(&p, &[], &Sinyal::default()).is_empty());
}

#[test]
fn contact_rate_is_judged_over_fifty_doors() {
    let k = |n: usize, bertemu: usize| -> Vec<CatatanKunjungan> {
        (0..n)
            .map(|i| CatatanKunjungan {
                waktu: T0 + i as i64 * 120,
                bertemu: i < bertemu,
            })
            .collect()
    };
    assert!(periksa_batch(&[], &k(49, 49), &Sinyal::default()).is_empty());
    assert_eq!(
        alasan(&periksa_batch(&[], &k(50, 50), &Sinyal::default())),
        [Alasan::KontakTinggi]
    );
    // 95 % exactly is allowed; above is not.
    assert!(periksa_batch(&[], &k(100, 95), &Sinyal::default()).is_empty());
    assert_eq!(
        alasan(&periksa_batch(&[], &k(100, 96), &Sinyal::default())),
        [Alasan::KontakTinggi]
    );
}

fn geser(l: Lokasi, utara_m: f64, timur_m: f64) -> Lokasi {
    let lat = l.lat + utara_m / 111_320.0;
    let lon = l.lon + timur_m / (111_320.0 * l.lat.to_radians().cos());
    Lokasi { lat, lon }
}

#[test]
fn gps_teleports_and_sitting_still_are_found_and_a_walk_is_not() {
    let monas = Lokasi::new(-6.1754, 106.8272).unwrap();
    assert!(Lokasi::new(91.0, 0.0).is_none());
    let d = monas.jarak_m(&geser(monas, 1000.0, 0.0));
    assert!((d - 1000.0).abs() < 2.0, "{d}");
    // A walk: 40 m every 2 minutes along a street.
    let jalan: Vec<(i64, Lokasi)> = (0..20)
        .map(|i| (T0 + i * 120, geser(monas, 0.0, i as f64 * 40.0)))
        .collect();
    assert_eq!(periksa_gps(&jalan), Sinyal::default());
    // 5 km in 3 minutes (100 km/h).
    let mut lompat = jalan.clone();
    lompat.push((T0 + 19 * 120 + 180, geser(monas, 5000.0, 0.0)));
    assert_eq!(periksa_gps(&lompat).jumlah(Alasan::GpsTerlaluCepat), 1);
    // GPS noise: 60 m in 2 s is under the hop that counts.
    let derau = vec![(T0, monas), (T0 + 2, geser(monas, 60.0, 0.0))];
    assert_eq!(periksa_gps(&derau), Sinyal::default());
    // Twelve "doors" within 5 m of the kitchen table.
    let duduk: Vec<(i64, Lokasi)> = (0..12)
        .map(|i| (T0 + i * 300, geser(monas, (i % 3) as f64, (i % 4) as f64)))
        .collect();
    let s = periksa_gps(&duduk);
    assert_eq!(s.jumlah(Alasan::GpsBerkumpul), 12);
    let t = periksa_batch(&[], &[], &s);
    assert_eq!(alasan(&t), [Alasan::GpsBerkumpul]);
}

#[test]
fn copied_photos_and_people_of_other_relawan_come_as_signals() {
    assert_eq!(periksa_foto(&["a", "b", "c"]), Sinyal::default());
    assert_eq!(
        periksa_foto(&["a", "b", "a", "a"]).jumlah(Alasan::FotoSama),
        3
    );
    let mut s = Sinyal::default();
    s.tambah(Alasan::OrangRelawanLain, 2);
    assert!(
        periksa_batch(&[], &[], &s).is_empty(),
        "two overlaps are ordinary"
    );
    s.gabung(&periksa_foto(&["x", "x"]));
    s.tambah(Alasan::OrangRelawanLain, 1);
    assert_eq!(
        alasan(&periksa_batch(&[], &[], &s)),
        [Alasan::FotoSama, Alasan::OrangRelawanLain]
    );
}

#[test]
fn an_approval_covers_the_findings_seen_and_a_new_one_holds_again() {
    let t = |a, n| Temuan {
        alasan: a,
        jumlah: n,
    };
    let dilihat = [t(Alasan::Beruntun, 21)];
    use StatusBatch::*;
    assert_eq!(status_baru(Bersih, &[], &[]), Bersih);
    assert_eq!(status_baru(Bersih, &[], &dilihat), Ditahan);
    assert_eq!(status_baru(Disetujui, &dilihat, &dilihat), Disetujui);
    assert_eq!(status_baru(Disetujui, &dilihat, &[]), Disetujui);
    assert_eq!(
        status_baru(Disetujui, &dilihat, &[t(Alasan::Beruntun, 25)]),
        Ditahan
    );
    assert_eq!(
        status_baru(
            Disetujui,
            &dilihat,
            &[t(Alasan::Beruntun, 21), t(Alasan::FotoSama, 2)]
        ),
        Ditahan
    );
    assert_eq!(status_baru(Dibatalkan, &[], &dilihat), Ditahan);
    assert_eq!(status_baru(Dibatalkan, &[], &[]), Bersih);
    for s in [Bersih, Ditahan, Disetujui, Dibatalkan] {
        assert_eq!(StatusBatch::parse(s.slug()), Some(s));
    }
    for a in Alasan::ALL {
        assert_eq!(Alasan::parse(a.kode()), Some(a));
        assert!(!a.penjelasan().contains("curang"));
    }
    // 23:59 WIB and 00:00 WIB are two days.
    assert_eq!(hari_wib(17 * 3600 - 1) + 1, hari_wib(17 * 3600));
}

/// The gate: at least 95 % of fabricated batches held, at most 2 % of
/// honest records held. `cargo test -p posko-domain gerbang -- --nocapture`
/// prints the figures (also `posko bench mutu`).
#[test]
fn gerbang_fabricated_batches_are_held_and_honest_records_are_not() {
    let h = simulasi::gerbang(20, 2000, 200);
    println!(
        "mutu lapangan: {}/{} fabricated batches held ({:.1} %); {}/{} honest records held ({:.2} %, {} of {} honest batches)",
        h.palsu_ditahan,
        h.palsu,
        h.recall() * 100.0,
        h.jujur_catatan_ditahan,
        h.jujur_catatan,
        h.salah_tahan() * 100.0,
        h.jujur_batch_ditahan,
        h.jujur_batch
    );
    for (j, n, d) in &h.per_jenis {
        println!("  fabricated {j:?}: {d}/{n} held");
    }
    for (a, n) in &h.jujur_per_alasan {
        println!("  honest batches held for {}: {n}", a.kode());
    }
    assert!(h.recall() >= 0.95, "{h:?}");
    assert!(h.salah_tahan() <= 0.02, "{h:?}");
    // Every kind is caught on its own, not only on average.
    for (j, n, d) in &h.per_jenis {
        assert!(*d * 100 >= *n * 90, "{j:?}: {d}/{n}");
    }
    // Seeded: the same figures every run.
    assert_eq!(simulasi::gerbang(20, 50, 5), simulasi::gerbang(20, 50, 5));
}
