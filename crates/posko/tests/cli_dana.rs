//! `posko dana …` through the real binary: the LPPDK as XLSX and PDF, the
//! ledger as CSV, the auditor's ZIP, and an RKDK statement reconciled (a
//! bad row named by file, line and column), and the treasurer's own
//! ledger recorded from CSV and XLSX (`impor-buku`). The ledger is
//! written through the library on the same database, as the web pages
//! would.

use std::io::Read as _;

use crate::cli_harness;

use cli_harness::*;
use posko_app::dana::{BelanjaBaru, PilihPenyumbang, SumbanganBaru};
use posko_domain::dana::{BentukDana, KategoriBelanja, Rekening, SumberDana, Uang};
use posko_domain::{Cakupan, Penugasan, Peran};

const WILAYAH: &str = "kode,nama,level,kode_induk
32,Jawa Barat,provinsi,
32.73,Kota Bandung,kabkota,32
";

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

fn hari(n: i64) -> time::Date {
    time::OffsetDateTime::now_utc().date() + time::Duration::days(n)
}

/// A Mandiri-style statement: the deposit (short month), the APK payment
/// (full month name), and a bank fee the ledger does not have.
fn mutasi() -> String {
    let pendek = |d: time::Date| {
        let b = BULAN[d.month() as usize - 1];
        let b = if b == "Agustus" { "Agt" } else { &b[..3] };
        format!("{:02}-{b}-{}", d.day(), d.year())
    };
    let panjang =
        |d: time::Date| format!("{} {} {}", d.day(), BULAN[d.month() as usize - 1], d.year());
    format!(
        "Tanggal;Keterangan;Debet;Kredit;Saldo\n\
{};Setoran paslon;;50.000.000,00;50.000.000,00\n\
{};Cetak APK;7.500.000,00;;42.500.000,00\n\
{};Biaya adm;15.000,00;;42.485.000,00\n",
        pendek(hari(-2)),
        panjang(hari(-1)),
        pendek(hari(-1))
    )
}

fn rp(n: i64) -> Uang {
    Uang::rupiah(n).unwrap()
}

/// A campaign whose ledger the library writes: 50M from the pair into
/// the RKDK, 7.5M of APK paid from it. Returns the election's id.
fn siapkan(db: &Db) -> String {
    db.import_ok("wilayah", "wilayah.csv", WILAYAH, "2 baru");
    let r = db.ok(&[
        "pemilihan",
        "add",
        "--jenis",
        "walikota",
        "--wilayah",
        "32.73",
        "--tanggal",
        &hari(60).to_string(),
    ]);
    let id = r.trim().split('\t').next().unwrap().to_string();
    db.ok(&[
        "user",
        "add",
        "bendahara",
        "--nama",
        "Bendahara",
        "--peran",
        "bendahara",
    ]);
    db.ok(&[
        "user", "add", "rela", "--nama", "Relawan", "--peran", "relawan",
    ]);
    let key = posko::KeySource {
        file: Some(db.dir.path().join("posko.key")),
        env: None,
    };
    let pid = uuid::Uuid::parse_str(&id).unwrap();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let posko = posko::connect(&db.url, &key).await.unwrap();
        let b = posko.akun_cli("bendahara").await.unwrap();
        assert_eq!(
            b.penugasan,
            vec![Penugasan::new(Peran::Bendahara, Cakupan::Semua).unwrap()]
        );
        posko
            .atur_dana(&b, pid, hari(-10), hari(50), Some(rp(1_000_000_000)))
            .await
            .unwrap();
        posko
            .catat_sumbangan(
                &b,
                pid,
                &SumbanganBaru {
                    tanggal: hari(-2),
                    penyumbang: PilihPenyumbang::Anonim {
                        sumber: SumberDana::Paslon,
                    },
                    bentuk: BentukDana::Uang,
                    rekening: Rekening::Rkdk,
                    nilai: rp(50_000_000),
                    uraian: "setoran paslon".into(),
                    bukti: vec![],
                },
            )
            .await
            .unwrap();
        posko
            .catat_belanja(
                &b,
                pid,
                &BelanjaBaru {
                    tanggal: hari(-1),
                    kategori: KategoriBelanja::AlatPeragaKampanye,
                    bentuk: BentukDana::Uang,
                    rekening: Rekening::Rkdk,
                    nilai: rp(7_500_000),
                    uraian: "cetak APK".into(),
                    bukti: vec![],
                },
            )
            .await
            .unwrap();
    });
    id
}

per_backend!(cli dana_laporan_buku_zip_dan_rekonsiliasi);
fn dana_laporan_buku_zip_dan_rekonsiliasi(db: &Db) {
    let id = siapkan(db);
    let akun = ["--akun", "bendahara"];
    let xlsx = db.dir.path().join("lppdk.xlsx");
    let out = db.ok(&[
        &[
            "dana",
            "laporan",
            "--pemilihan",
            &id,
            "--jenis",
            "lppdk",
            "--keluar",
            xlsx.to_str().unwrap(),
        ][..],
        &akun[..],
    ]
    .concat());
    assert_has(&out, &["LPPDK ditulis ke"]);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    let r = wb.worksheet_range("LPPDK").unwrap();
    let nilai = |uraian: &str| {
        r.rows()
            .find(|row| row[1] == *uraian)
            .map(|row| row[2].to_string())
            .unwrap_or_else(|| panic!("{uraian}"))
    };
    assert_eq!(nilai("Jumlah penerimaan"), "50000000");
    assert_eq!(nilai("Jumlah pengeluaran"), "7500000");
    assert_eq!(nilai("Saldo akhir"), "42500000");
    let pdf = db.dir.path().join("lppdk.pdf");
    db.ok(&[
        &[
            "dana",
            "laporan",
            "--pemilihan",
            &id,
            "--jenis",
            "lppdk",
            "--format",
            "pdf",
            "--keluar",
            pdf.to_str().unwrap(),
        ][..],
        &akun[..],
    ]
    .concat());
    let doc = lopdf::Document::load(&pdf).unwrap();
    let teks = doc.extract_text(&[1]).unwrap();
    assert_has(&teks, &["50.000.000", "7.500.000", "42.500.000"]);

    let csv = db.ok(&[&["dana", "buku", "--pemilihan", &id][..], &akun[..]].concat());
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert_has(&csv, &["paslon", "alat_peraga_kampanye", "50000000.00"]);

    let zip = db.dir.path().join("auditor.zip");
    db.ok(&[
        &[
            "dana",
            "zip-auditor",
            "--pemilihan",
            &id,
            "--keluar",
            zip.to_str().unwrap(),
        ][..],
        &akun[..],
    ]
    .concat());
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut manifest = String::new();
    z.by_name("manifest.txt")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    assert_has(
        &manifest,
        &["  buku-dana.csv", "  lppdk.pdf", "  ladk.xlsx"],
    );

    // The bank's fee is not in the ledger: exit 1 and the line named.
    let m = db.write("mutasi.csv", mutasi());
    let r = db.run(
        &[
            &["dana", "rekonsiliasi", "--pemilihan", &id, &m][..],
            &akun[..],
        ]
        .concat(),
    );
    assert_eq!(r.code, Some(1), "{r}");
    assert_has(
        &r.stdout,
        &[
            "3 baris mutasi",
            "2 cocok",
            "1 mutasi tanpa entri",
            "0 entri tanpa mutasi",
            "mutasi-lepas\tbaris 4",
        ],
    );
    let teks = mutasi();
    let baris3 = teks
        .lines()
        .nth(2)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let salah = db.write("salah.csv", teks.replacen(&baris3, "33 Januari 2020", 1));
    let err = db.fails(
        &[
            &["dana", "rekonsiliasi", "--pemilihan", &id, &salah][..],
            &akun[..],
        ]
        .concat(),
    );
    assert_has(&err, &["salah.csv:3: kolom 'Tanggal': '33 Januari 2020'"]);

    // A relawan is refused by the policy; no account named, refused too.
    let err = db.fails(&["dana", "buku", "--pemilihan", &id, "--akun", "rela"]);
    assert_has(&err, &["dana kampanye hanya terbuka bagi bendahara"]);
    let err = db.fails(&["dana", "buku", "--pemilihan", &id]);
    assert_has(&err, &["--akun"]);
}

/// The treasurer's ledger as CSV: a donation with a NIK, goods from a
/// company (NPWP written with its dots), a payment, an anonymous box.
fn buku_kas() -> String {
    format!(
        "Tanggal,Arah,Sumber,Kategori,Bentuk,Jumlah Unit,Satuan,Rekening,Nilai,Uraian,Nama,Alamat,NIK,Telepon,NPWP,Anonim\n\
{},penerimaan,perseorangan,,uang,,,rkdk,\"2.000.000\",sumbangan Siti,Siti Aminah,Bandung,3273011203800002,081234567891,,\n\
{},penerimaan,Badan Usaha Swasta,,barang,500,kaos,tunai,Rp 25.000.000,kaos,PT Maju Jaya,Bandung,,,01.234.567.8-901.000,\n\
{},pengeluaran,,bahan_kampanye,uang,,,rkdk,1500000,stiker,,,,,,\n\
{},Penerimaan,kelompok,,,,,tunai,\"100.000\",kotak sumbangan,,,,,,ya\n",
        hari(-3),
        hari(-3),
        hari(-2),
        hari(-1)
    )
}

per_backend!(cli dana_impor_buku_kas);
fn dana_impor_buku_kas(db: &Db) {
    let id = siapkan(db);
    let akun = ["--akun", "bendahara"];
    let baris_buku = || {
        db.ok(&[&["dana", "buku", "--pemilihan", &id][..], &akun[..]].concat())
            .lines()
            .count()
    };
    assert_eq!(baris_buku(), 3);

    // The columns are in the help.
    let help = db.ok(&["dana", "--help"]);
    assert_has(
        &help,
        &["impor-buku", "sumber_atau_kategori", "anonim", "npwp"],
    );

    // Every bad row named with file, line and column; nothing written.
    let salah = buku_kas()
        .replacen(
            &format!("{},penerimaan,perseorangan", hari(-3)),
            "32-13-2029,penerimaan,perseorangan",
            1,
        )
        .replace("3273011203800002", "")
        .replace("bahan_kampanye", "jalan_jalan")
        .replace("\"100.000\"", "0")
        + "2029-10-01,pinjaman,paslon,,uang,,,rkdk,5,,Paslon,,,,,\n";
    let f = db.write("buku.csv", &salah);
    let err = db.fails(
        &[
            &["dana", "impor-buku", "--pemilihan", &id, &f][..],
            &akun[..],
        ]
        .concat(),
    );
    assert_has(
        &err,
        &[
            "buku.csv:2: kolom 'Tanggal': tanggal '32-13-2029' tidak sah",
            "buku.csv:4: kolom 'Kategori': kategori 'jalan_jalan' tidak dikenal",
            "buku.csv:5: kolom 'Nilai': nilai harus lebih dari nol",
            "buku.csv:6: kolom 'Arah': 'pinjaman' bukan penerimaan atau pengeluaran",
            "tidak ada yang dicatat",
        ],
    );
    assert_eq!(baris_buku(), 3, "{err}");
    // Rows good in form but not by the law's rules are refused the same
    // way: an individual without a NIK.
    let tanpa_nik = buku_kas().replace("3273011203800002", "");
    let f = db.write("buku.csv", &tanpa_nik);
    let err = db.fails(
        &[
            &["dana", "impor-buku", "--pemilihan", &id, &f][..],
            &akun[..],
        ]
        .concat(),
    );
    assert_has(
        &err,
        &["buku.csv:2: kolom 'NIK': penyumbang perseorangan wajib disertai NIK"],
    );
    assert_eq!(baris_buku(), 3);

    // A relawan may not write the finances: refused, nothing written.
    let f = db.write("buku.csv", buku_kas());
    let err = db.fails(&[
        "dana",
        "impor-buku",
        "--pemilihan",
        &id,
        &f,
        "--akun",
        "rela",
    ]);
    assert_has(&err, &["mencatat dana kampanye hanya untuk bendahara"]);
    assert_eq!(baris_buku(), 3);

    // The good file: every row recorded, each named with its ledger number.
    let out = db.ok(&[
        &["dana", "impor-buku", "--pemilihan", &id, &f][..],
        &akun[..],
    ]
    .concat());
    assert_has(
        &out,
        &[
            "tercatat\tbaris 2\tnomor 3",
            "tercatat\tbaris 5\tnomor 6",
            "buku.csv: 4 baris tercatat",
        ],
    );
    let csv = db.ok(&[&["dana", "buku", "--pemilihan", &id][..], &akun[..]].concat());
    assert_eq!(csv.lines().count(), 7, "{csv}");
    assert_has(
        &csv,
        &[
            ",penerimaan,perseorangan,",
            ",penerimaan,badan_usaha_swasta,",
            ",barang,tunai,25000000.00,",
            ",pengeluaran,bahan_kampanye,",
            ",penerimaan,kelompok,,uang,tunai,100000.00,",
        ],
    );

    // The same kind of ledger as XLSX: a date cell and number cells.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["tanggal", "arah", "kategori", "rekening", "nilai", "uraian"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let d = hari(-1);
    let tgl = rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day())
        .unwrap();
    ws.write_datetime_with_format(
        1,
        0,
        &tgl,
        &rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy"),
    )
    .unwrap();
    ws.write_string(1, 1, "pengeluaran").unwrap();
    ws.write_string(1, 2, "iklan_media").unwrap();
    ws.write_string(1, 3, "rkdk").unwrap();
    ws.write_number(1, 4, 3_250_000.5).unwrap();
    ws.write_string(1, 5, "iklan daring").unwrap();
    let f = db.write("buku.xlsx", wb.save_to_buffer().unwrap());
    let out = db.ok(&[
        &["dana", "impor-buku", "--pemilihan", &id, &f][..],
        &akun[..],
    ]
    .concat());
    assert_has(&out, &["tercatat\tbaris 2\tnomor 7", "1 baris tercatat"]);
    let csv = db.ok(&[&["dana", "buku", "--pemilihan", &id][..], &akun[..]].concat());
    assert_has(
        &csv,
        &[&format!(
            "{d},pengeluaran,iklan_media,,uang,rkdk,3250000.50,"
        )],
    );
}
