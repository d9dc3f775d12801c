use super::*;
use crate::JenisKelamin;
use time::macros::date;

const ID: &str = "0190F3C2-7B1E-7CC4-9A51-2F4D8E6B1A20";

fn isian<'a>() -> IsianKunjungan<'a> {
    IsianKunjungan {
        id: Some(ID),
        tps: Some("3171011001001"),
        urut: Some(3),
        hasil: Some("bertemu"),
        dukungan: Some("condong"),
        jawaban: vec![("datang", "pasti"), ("isu", "ekonomi"), ("kenal", "")],
        catatan: Some("  minta   kalender "),
        waktu: Some(1_780_000_000),
        lat: None,
        lon: None,
    }
}

const SEKARANG: i64 = 1_780_000_100;

#[test]
fn parses_a_visit() {
    let d = DataKunjungan::parse(&isian(), SEKARANG).unwrap();
    assert_eq!(d.id, ID.to_ascii_lowercase());
    assert_eq!(d.tps.to_string(), "31.71.01.1001-001");
    assert_eq!(d.hasil, HasilKunjungan::Bertemu);
    assert_eq!(d.dukungan, Some(TingkatDukungan::Condong));
    // Survey order, blanks dropped.
    assert_eq!(
        d.jawaban,
        vec![
            ("isu".to_string(), "ekonomi".to_string()),
            ("datang".to_string(), "pasti".to_string())
        ]
    );
    assert_eq!(d.catatan, "minta kalender");
    let mut i = isian();
    i.hasil = Some("Tidak di rumah");
    i.dukungan = None;
    i.jawaban.clear();
    assert_eq!(
        DataKunjungan::parse(&i, SEKARANG).unwrap().hasil,
        HasilKunjungan::TidakDiRumah
    );
}

#[test]
fn every_bad_field_is_named() {
    let cek = |f: &dyn Fn(&mut IsianKunjungan<'static>), kolom: &str| {
        let mut i = isian();
        f(&mut i);
        let e = DataKunjungan::parse(&i, SEKARANG).unwrap_err();
        assert_eq!(e.kolom(), kolom, "{e}");
        assert!(e.to_string().contains(kolom), "{e}");
    };
    cek(&|i| i.id = None, "id");
    cek(&|i| i.id = Some("12345"), "id");
    cek(&|i| i.tps = Some("31.71.01"), "tps");
    cek(&|i| i.tps = None, "tps");
    cek(&|i| i.urut = Some(0), "urut");
    cek(&|i| i.urut = None, "urut");
    cek(&|i| i.hasil = Some("diusir"), "hasil");
    cek(&|i| i.hasil = None, "hasil");
    cek(&|i| i.dukungan = Some("sangat"), "dukungan");
    cek(
        &|i| {
            i.hasil = Some("menolak");
            i.jawaban.clear();
        },
        "dukungan",
    );
    cek(
        &|i| {
            i.hasil = Some("pindah");
            i.dukungan = None;
        },
        "jawaban",
    );
    cek(&|i| i.jawaban.push(("Agama!", "x")), "jawaban");
    cek(&|i| i.jawaban.push(("kenal", "tidak tahu")), "jawaban");
    cek(&|i| i.jawaban.push(("isu", "keamanan")), "jawaban");
    cek(
        &|i| i.catatan = Some("panjang ".repeat(40).leak()),
        "catatan",
    );
    cek(&|i| i.waktu = Some(86_400), "waktu");
    cek(&|i| i.waktu = Some(SEKARANG + 3 * 86_400), "waktu");
    cek(&|i| i.waktu = None, "waktu");
}

fn p(urut: u32, nama: &str, rt: Option<u16>, alamat: Option<&str>) -> Pemilih {
    Pemilih {
        tps: KodeTps::parse("3171011001001").unwrap(),
        urut,
        nama: nama_kunci(nama),
        jenis_kelamin: JenisKelamin::Laki,
        tanggal_lahir: Some(date!(1980 - 01 - 01)),
        usia: None,
        alamat: alamat.map(str::to_string),
        rt,
        rw: Some(2),
        nik_tersamar: None,
    }
}

#[test]
fn households_in_walking_order_with_supporters_and_visits() {
    let pemilih = vec![
        p(1, "Ahmad", Some(3), Some("JL. MAWAR 10")),
        p(2, "Budi", Some(1), Some("JL. MAWAR 2")),
        p(3, "Cici", Some(3), Some("Jl.  Mawar 10")),
        p(4, "Dodi", Some(3), Some("JL. MAWAR 9")),
        p(5, "Euis", None, None),
        p(6, "Fajar", Some(1), Some("GG. MELATI 1")),
    ];
    let pendukung = [
        PendukungDicari {
            nama: "cici",
            tanggal_lahir: Some(date!(1980 - 01 - 01)),
            dukungan: TingkatDukungan::Kuat,
        },
        PendukungDicari {
            nama: "Dodi",
            tanggal_lahir: Some(date!(1981 - 01 - 01)),
            dukungan: TingkatDukungan::Ragu,
        },
    ];
    let k = |urut, waktu, hasil| KunjunganSingkat {
        urut,
        waktu,
        hasil,
        dukungan: None,
    };
    let kunjungan = [
        k(1, 20, HasilKunjungan::Bertemu),
        k(1, 10, HasilKunjungan::TidakDiRumah),
        k(4, 5, HasilKunjungan::Menolak),
    ];
    let d = susun_daftar_jalan(pemilih.clone(), &pendukung, &kunjungan, None);
    let labels: Vec<String> = d.iter().map(BagianRt::label).collect();
    assert_eq!(
        labels,
        ["RT 001 / RW 002", "RT 003 / RW 002", "RT ? / RW 002"]
    );
    let alamat: Vec<&str> = d[0].rumah.iter().map(|r| r.alamat.as_str()).collect();
    assert_eq!(alamat, ["GG. MELATI 1", "JL. MAWAR 2"]);
    let alamat: Vec<&str> = d[1].rumah.iter().map(|r| r.alamat.as_str()).collect();
    assert_eq!(alamat, ["JL. MAWAR 9", "JL. MAWAR 10"]);
    // Ahmad and Cici share one house despite the spelling.
    let rumah = &d[1].rumah[1];
    assert_eq!(rumah.anggota.len(), 2);
    assert_eq!(rumah.pendukung(), 1);
    assert_eq!(rumah.anggota[1].pendukung, Some(0));
    let ahmad = &rumah.anggota[0];
    assert_eq!(ahmad.jumlah_kunjungan, 2);
    assert_eq!(ahmad.terakhir.unwrap().hasil, HasilKunjungan::Bertemu);
    // Dodi's birth date differs from the supporter's: no match.
    assert_eq!(d[1].rumah[0].anggota[0].pendukung, None);
    assert!(!d[1].rumah[0].belum_dikunjungi());
    assert_eq!(d[2].jumlah_pemilih(), 1);

    let satu = susun_daftar_jalan(pemilih, &pendukung, &kunjungan, Some(1));
    assert_eq!(satu.len(), 1);
    assert_eq!(satu[0].jumlah_pemilih(), 2);
}

#[test]
fn addresses_compare_numbers_by_value() {
    assert_eq!(banding_alamat("A 2", "A 10"), Ordering::Less);
    assert_eq!(banding_alamat("A 10", "A 10B"), Ordering::Less);
    assert_eq!(banding_alamat("B 1", "A 9"), Ordering::Greater);
    assert_eq!(banding_alamat("", ""), Ordering::Equal);
}

#[test]
fn answers_are_checked_against_the_elections_questions() {
    let bawaan = survei_bawaan();
    let j = |xs: &[(&str, &str)]| -> Vec<(String, String)> {
        xs.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        periksa_jawaban(&j(&[("datang", "pasti"), ("isu", "ekonomi")]), &bawaan).unwrap(),
        j(&[("isu", "ekonomi"), ("datang", "pasti")])
    );
    let e = periksa_jawaban(&j(&[("agama", "x")]), &bawaan).unwrap_err();
    assert_eq!(
        e.to_string(),
        "kolom jawaban: pertanyaan 'agama' tidak dikenal (pertanyaan yang ada: isu, kenal, datang)"
    );
    let e = periksa_jawaban(&j(&[("kenal", "mungkin")]), &bawaan).unwrap_err();
    assert_eq!(
        e.to_string(),
        "kolom jawaban.kenal: jawaban 'mungkin' tidak ada di pilihan (pilih: ya, sedikit, belum)"
    );
    assert_eq!(e.kolom(), "jawaban");

    // A campaign's own question; a retired one still takes answers a
    // phone queued before it was retired.
    let mut air = PertanyaanSurvei::parse(&IsianPertanyaan {
        kode: "air-bersih",
        teks: " Apakah  air bersih cukup? ",
        teks_en: "",
        pilihan: "ya = Ya, cukup\n\ntidak = Tidak cukup\n",
    })
    .unwrap();
    assert_eq!(air.teks, "Apakah air bersih cukup?");
    assert_eq!(air.teks_en, None);
    assert_eq!(air.pilihan_teks(), "ya = Ya, cukup\ntidak = Tidak cukup");
    air.aktif = false;
    assert_eq!(
        periksa_jawaban(&j(&[("air-bersih", "tidak")]), &[air]).unwrap(),
        j(&[("air-bersih", "tidak")])
    );
}

#[test]
fn every_bad_question_field_is_named() {
    let cek = |i: IsianPertanyaan<'_>, kolom: &str, pesan: &str| {
        let e = PertanyaanSurvei::parse(&i).unwrap_err();
        assert_eq!(e.kolom(), kolom, "{e}");
        assert!(e.to_string().contains(pesan), "{e}");
    };
    let baik = IsianPertanyaan {
        kode: "isu-air",
        teks: "Air bersih?",
        teks_en: "Clean water?",
        pilihan: "ya = Ya\ntidak = Tidak",
    };
    assert!(PertanyaanSurvei::parse(&baik).is_ok());
    cek(
        IsianPertanyaan {
            kode: "Isu",
            ..baik.clone()
        },
        "kode",
        "kode 'Isu'",
    );
    cek(
        IsianPertanyaan {
            kode: "",
            ..baik.clone()
        },
        "kode",
        "kode ''",
    );
    cek(
        IsianPertanyaan {
            kode: "a-very-long-question-code-x",
            ..baik.clone()
        },
        "kode",
        "paling banyak 24",
    );
    cek(
        IsianPertanyaan {
            teks: "  ",
            ..baik.clone()
        },
        "teks",
        "wajib",
    );
    cek(
        IsianPertanyaan {
            teks_en: &"x".repeat(201),
            ..baik.clone()
        },
        "teks_en",
        "200",
    );
    cek(
        IsianPertanyaan {
            pilihan: "ya = Ya",
            ..baik.clone()
        },
        "pilihan",
        "ada 1",
    );
    cek(
        IsianPertanyaan {
            pilihan: "a=A\nb=B\nc=C\nd=D\ne=E\nf=F\ng=G\nh=H\ni=I",
            ..baik.clone()
        },
        "pilihan",
        "ada 9",
    );
    cek(
        IsianPertanyaan {
            pilihan: "ya = Ya\nTidak Tahu = Tidak tahu",
            ..baik.clone()
        },
        "pilihan",
        "baris 2: kode 'Tidak Tahu'",
    );
    cek(
        IsianPertanyaan {
            pilihan: "ya = Ya\nya = Iya",
            ..baik.clone()
        },
        "pilihan",
        "baris 2: kode 'ya' sudah dipakai",
    );
    cek(
        IsianPertanyaan {
            pilihan: "ya =  \ntidak = Tidak",
            ..baik.clone()
        },
        "pilihan",
        "baris 1: label",
    );
}

#[test]
fn a_location_is_both_coordinates_or_none() {
    let mut i = isian();
    assert_eq!(DataKunjungan::parse(&i, SEKARANG).unwrap().lokasi, None);
    i.lat = Some(-6.1754);
    assert_eq!(
        DataKunjungan::parse(&i, SEKARANG),
        Err(KunjunganError::Lokasi)
    );
    i.lon = Some(106.8272);
    let l = DataKunjungan::parse(&i, SEKARANG).unwrap().lokasi.unwrap();
    assert_eq!((l.lat, l.lon), (-6.1754, 106.8272));
    i.lat = Some(f64::NAN);
    assert_eq!(
        DataKunjungan::parse(&i, SEKARANG),
        Err(KunjunganError::Lokasi)
    );
    i.lat = Some(95.0);
    assert_eq!(
        DataKunjungan::parse(&i, SEKARANG).unwrap_err().kolom(),
        "lat"
    );
}
