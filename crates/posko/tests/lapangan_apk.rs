//! Campaign materials (APK) on the real server, on both backends: stock
//! received and handed down; installations from the phone's form refused
//! at a forbidden place, without GPS, past the quota (saying what is
//! left), landing once when the queue sends them twice; a relawan of
//! another area, a saksi, a treasurer and an anonymous caller refused;
//! after the campaign's last day the take-down checklist lists what
//! stands and clears with a photo each.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use crate::common;

use common::{nilai_input, serve, store};
use posko_app::{Aktor, NewPemilihan, Posko};
use posko_domain::{Cakupan, Jejak, JenisPemilihan, KodeTps, KodeWilayah, Peran};
use posko_storage::Wilayah;
use posko_web::{Kebijakan, Sasaran, route_table};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

const DESA: &str = "32.73.01.1001";

fn png(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(24, 16, |x, y| image::Rgb([x as u8, y as u8, seed]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// Kota Bandung with a desa in Sukasari and one in Coblong, and a
/// walikota election on 28 Nov 2029 (campaign to 24 Nov).
async fn siapkan(posko: &Posko) -> uuid::Uuid {
    let jejak = Jejak::new("system", "uji", "uji", "1", "uji", b"x");
    let w = |k: &str, n: &str| Wilayah {
        kode: kw(k),
        nama: n.into(),
        jenis_desa: kw(k).jenis_desa(),
    };
    posko
        .store()
        .simpan_wilayah(
            &[
                w("32", "Jawa Barat"),
                w("32.73", "Kota Bandung"),
                w("32.73.01", "Sukasari"),
                w(DESA, "Sukarasa"),
                w("32.73.02", "Coblong"),
                w("32.73.02.1001", "Dago"),
            ],
            &jejak,
        )
        .await
        .unwrap();
    posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Walikota,
                wilayah: kw("32.73"),
                nama: Some("Pilwalkot Bandung".into()),
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap()
        .id
}

async fn teks(c: &Client, url: String) -> (StatusCode, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// The installation form as the phone's queue sends it.
fn pasang(
    csrf: &str,
    kunci: &str,
    barang: &str,
    tempat: &str,
    gps: bool,
    waktu: i64,
) -> reqwest::multipart::Form {
    let mut f = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_string())
        .text("kunci_klien", kunci.to_string())
        .text("waktu", waktu.to_string())
        .text("barang", barang.to_string())
        .text("desa", DESA)
        .text("tempat", tempat.to_string())
        .text("keterangan", "Jl. Setiabudi");
    if gps {
        f = f.text("lat", "-6.8712").text("lng", "107.5934");
    } else {
        f = f.text("lat", "").text("lng", "");
    }
    f.part(
        "foto",
        reqwest::multipart::Part::bytes(png(kunci.len() as u8)).file_name("apk.png"),
    )
}

async fn kirim(c: &Client, url: String, f: reqwest::multipart::Form) -> (StatusCode, String) {
    let r = c.post(url).multipart(f).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// A take-down proof as the item's form sends it.
async fn turun(
    s: &common::TestServer,
    d: &str,
    c: &Client,
    csrf: &str,
    pid: &str,
    seed: u8,
) -> (StatusCode, String) {
    let f = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_string())
        .text("kunci_klien", format!("turun-{pid}"))
        .text("waktu", "")
        .part(
            "foto",
            reqwest::multipart::Part::bytes(png(seed)).file_name("turun.png"),
        );
    kirim(c, s.url(&format!("{d}/apk/{pid}/turun")), f).await
}

per_backend!(apk_dari_stok_sampai_turun);
async fn apk_dari_stok_sampai_turun(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let jam = Arc::new(AtomicI64::new(
        datetime!(2029-10-01 10:00 +7).unix_timestamp(),
    ));
    let j = jam.clone();
    let posko = store(backend, dir.path()).await.with_jam(Arc::new(move || {
        OffsetDateTime::from_unix_timestamp(j.load(Ordering::SeqCst)).unwrap()
    }));
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let d = format!("/pemilihan/{id}/lapangan");
    let manajer = s.client();
    let koord = s
        .user(
            "uji.koord",
            Peran::Koordinator,
            Cakupan::Wilayah(kw("32.73.01")),
        )
        .await;
    let relawan = s
        .user(
            "uji.relawan",
            Peran::Relawan,
            Cakupan::Wilayah(kw("32.73.01")),
        )
        .await;
    let luar = s
        .user("uji.luar", Peran::Relawan, Cakupan::Wilayah(kw("32.73.02")))
        .await;
    let saksi = s
        .user(
            "uji.saksi",
            Peran::Saksi,
            Cakupan::Tps(KodeTps::parse("3273011001001").unwrap()),
        )
        .await;
    let bendahara = s
        .user(
            "uji.bendahara",
            Peran::Bendahara,
            Cakupan::Wilayah(kw("32.73")),
        )
        .await;
    let anonim = common::client();

    // Stock: 10 baliho received by the manager, 4 handed to the coordinator.
    let (st, html) = teks(&manajer, s.url(&format!("{d}/apk"))).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    let csrf_m = nilai_input(&html, "csrf");
    let r = manajer
        .post(s.url(&format!("{d}/apk/barang")))
        .form(&[
            ("csrf", csrf_m.as_str()),
            ("barang", ""),
            ("jenis", "baliho"),
            ("nama", "Baliho 3x4 paslon"),
            ("nilai_satuan", "750.000"),
            ("jumlah", "10"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let api: Value = manajer
        .get(s.url(&format!("/api/v1{d}/apk")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let barang = api["barang"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(api["barang"][0]["dipegang"], 10);
    let koord_id = s
        .posko
        .store()
        .daftar_pengguna()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.username == "uji.koord")
        .unwrap()
        .id
        .to_string();
    let serah = |jumlah: &'static str| {
        manajer
            .post(s.url(&format!("{d}/apk/serah")))
            .form(&[
                ("csrf", csrf_m.as_str()),
                ("barang", barang.as_str()),
                ("jumlah", jumlah),
                ("kepada", koord_id.as_str()),
            ])
            .send()
    };
    assert_eq!(serah("4").await.unwrap().status(), StatusCode::SEE_OTHER);
    let r = serah("7").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("6 unit"));
    // A quota of 2 baliho in Sukasari, set by its coordinator.
    let (_, html) = teks(&koord, s.url(&format!("{d}/apk"))).await;
    let csrf_k = nilai_input(&html, "csrf");
    let r = koord
        .post(s.url(&format!("{d}/apk/kuota")))
        .form(&[
            ("csrf", csrf_k.as_str()),
            ("wilayah", "32.73.01"),
            ("jenis", "baliho"),
            ("jumlah", "2"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // The relawan's form shows what is left before installing.
    let (st, html) = teks(&relawan, s.url(&format!("{d}/apk/pasang"))).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    assert!(html.contains("2 / 2"), "{html}");
    assert!(html.contains("data-antrean") && html.contains("/static/lokasi.js"));
    let csrf_r = nilai_input(&html, "csrf");
    let kini = jam.load(Ordering::SeqCst);
    let aksi = s.url(&format!("{d}/apk/pasang"));
    // A place of worship: refused whatever is left.
    let (st, html) = kirim(
        &relawan,
        aksi.clone(),
        pasang(
            &csrf_r,
            "kunci-ibadah-1",
            &barang,
            "tempat_ibadah",
            true,
            kini,
        ),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("tidak boleh dipasang"), "{html}");
    // Without GPS.
    let (st, html) = kirim(
        &relawan,
        aksi.clone(),
        pasang(&csrf_r, "kunci-tanpa-gps", &barang, "umum", false, kini),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("GPS"), "{html}");
    // One installation, sent twice by the queue: once.
    for (i, kabar) in ["Pemasangan tercatat", "sudah tercatat sebelumnya"]
        .iter()
        .enumerate()
    {
        let (st, html) = kirim(
            &relawan,
            aksi.clone(),
            pasang(&csrf_r, "kunci-pertama", &barang, "umum", true, kini),
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{i}: {html}");
        assert!(html.contains(kabar), "{i}: {html}");
        assert!(html.contains("1 / 2"), "{html}");
    }
    let (st, _) = kirim(
        &relawan,
        aksi.clone(),
        pasang(&csrf_r, "kunci-kedua", &barang, "pribadi", true, kini),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    // The quota is spent: refused, saying what is left.
    let (st, html) = kirim(
        &relawan,
        aksi.clone(),
        pasang(&csrf_r, "kunci-ketiga", &barang, "umum", true, kini),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("2 dari 2") && html.contains("sisa 0"),
        "{html}"
    );
    assert!(html.contains("0 / 2"), "{html}");
    let api: Value = relawan
        .get(s.url(&format!("/api/v1{d}/apk")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pasang_ids: Vec<String> = api["pasang"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(pasang_ids.len(), 2, "{api}");
    assert_eq!(api["kuota"][0]["sisa"], 0);
    let foto = api["pasang"][0]["foto"].as_str().unwrap().to_string();
    let satu = format!("{d}/apk/{}", pasang_ids[0]);
    let (st, html) = teks(&relawan, s.url(&satu)).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("-6.87120,107.59340"), "{html}");
    let r = relawan
        .get(s.url(&format!("{satu}/foto/{foto}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/png");

    // A relawan of Coblong: may not install in Sukasari nor see its APK.
    let (_, html) = teks(&luar, s.url(&format!("{d}/apk/pasang"))).await;
    let csrf_l = nilai_input(&html, "csrf");
    let (st, _) = kirim(
        &luar,
        aksi.clone(),
        pasang(&csrf_l, "kunci-luar-01", &barang, "umum", true, kini),
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    for path in [satu.clone(), format!("{satu}/foto/{foto}")] {
        let (st, _) = teks(&luar, s.url(&path)).await;
        assert_eq!(st, StatusCode::NOT_FOUND, "{path}");
    }
    let api: Value = luar
        .get(s.url(&format!("/api/v1{d}/apk")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(api["pasang"].as_array().unwrap().is_empty());
    // Neither a saksi nor a treasurer works in the field room.
    for c in [&saksi, &bendahara] {
        for path in [
            format!("{d}/apk"),
            format!("{d}/apk/pasang"),
            format!("{d}/apk/turun"),
            satu.clone(),
            format!("/api/v1{d}/apk"),
        ] {
            let (st, _) = teks(c, s.url(&path)).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{path}");
        }
        let (st, _) = kirim(
            c,
            aksi.clone(),
            pasang(&csrf_r, "kunci-saksi-01", &barang, "umum", true, kini),
        )
        .await;
        assert_eq!(st, StatusCode::FORBIDDEN);
    }
    let (st, _) = teks(&anonim, s.url(&format!("{d}/apk"))).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (st, _) = teks(&anonim, s.url(&format!("/api/v1{d}/apk"))).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    // The relawan cannot plan.
    let r = relawan
        .post(s.url(&format!("{d}/apk/kuota")))
        .form(&[
            ("csrf", csrf_r.as_str()),
            ("wilayah", "32.73.01"),
            ("jenis", "baliho"),
            ("jumlah", "9"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // During the campaign there is nothing to take down.
    let (_, html) = teks(&koord, s.url(&format!("{d}/apk/turun"))).await;
    assert!(!html.contains("daftar-turun"), "{html}");
    let (st, html) = turun(&s, &d, &koord, &csrf_k, &pasang_ids[0], 90).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    // Two days after the campaign's last day.
    jam.store(
        datetime!(2029-11-26 09:00 +7).unix_timestamp(),
        Ordering::SeqCst,
    );
    let (st, html) = teks(&koord, s.url(&format!("{d}/apk/turun"))).await;
    assert_eq!(st, StatusCode::OK);
    for pid in &pasang_ids {
        assert!(html.contains(pid.as_str()), "{html}");
    }
    let (_, html) = teks(&luar, s.url(&format!("{d}/apk/turun"))).await;
    assert!(html.contains("turun-selesai"), "{html}");
    let (_, home) = teks(&koord, s.url(&d)).await;
    assert!(home.contains(&format!("{d}/apk/turun")), "{home}");
    // Someone of another area cannot close it.
    let (st, _) = turun(&s, &d, &luar, &csrf_l, &pasang_ids[0], 91).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, html) = turun(&s, &d, &koord, &csrf_k, &pasang_ids[0], 92).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    assert!(html.contains("Penurunan tercatat"), "{html}");
    assert!(!html.contains(pasang_ids[0].as_str()));
    assert!(html.contains(pasang_ids[1].as_str()));
    let (st, html) = turun(&s, &d, &relawan, &csrf_r, &pasang_ids[0], 93).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("sudah tercatat diturunkan"), "{html}");
    let (st, html) = turun(&s, &d, &relawan, &csrf_r, &pasang_ids[1], 94).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("turun-selesai"), "{html}");
    let (_, html) = teks(&manajer, s.url(&satu)).await;
    assert!(html.contains("sudah-turun"), "{html}");
    // In English too.
    let (st, html) = teks(&koord, s.url(&format!("{d}/apk/turun?bahasa=en"))).await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        html.contains("Every item in your area has been taken down"),
        "{html}"
    );
}

per_backend!(unggahan_tanpa_token_ditolak);
/// A multipart form without its CSRF token, or with the photo before
/// it: 400, nothing stored. A form posted without script (no phone key,
/// no phone time) lands with the server's time.
async fn unggahan_tanpa_token_ditolak(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let kini = datetime!(2029-10-02 11:00 +7);
    let posko = store(backend, dir.path())
        .await
        .with_jam(Arc::new(move || kini));
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let d = format!("/pemilihan/{id}/lapangan");
    let relawan = s
        .user(
            "uji.relawan",
            Peran::Relawan,
            Cakupan::Wilayah(kw("32.73.01")),
        )
        .await;
    let aksi = s.url(&format!("{d}/apk/pasang"));
    let f = reqwest::multipart::Form::new()
        .part(
            "foto",
            reqwest::multipart::Part::bytes(png(1)).file_name("a.png"),
        )
        .text("csrf", "salah");
    let (st, _) = kirim(&relawan, aksi.clone(), f).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let f = reqwest::multipart::Form::new().text("desa", DESA);
    let (st, _) = kirim(&relawan, aksi.clone(), f).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let api: Value = relawan
        .get(s.url(&format!("/api/v1{d}/apk")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(api["pasang"].as_array().unwrap().is_empty());

    let manajer = s.client();
    let (_, html) = teks(&manajer, s.url(&format!("{d}/apk"))).await;
    let r = manajer
        .post(s.url(&format!("{d}/apk/barang")))
        .form(&[
            ("csrf", nilai_input(&html, "csrf").as_str()),
            ("jenis", "spanduk"),
            ("nama", "Spanduk 1x3"),
            ("jumlah", "5"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = teks(&relawan, s.url(&format!("{d}/apk/pasang"))).await;
    let barang = html
        .split("<select name=\"barang\"><option value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let f = reqwest::multipart::Form::new()
        .text("csrf", nilai_input(&html, "csrf"))
        .text("barang", barang)
        .text("desa", DESA)
        .text("tempat", "posko")
        .text("lat", "-6.87")
        .text("lng", "107.59")
        .part(
            "foto",
            reqwest::multipart::Part::bytes(png(2)).file_name("b.png"),
        );
    let (st, html) = kirim(&relawan, aksi, f).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    let api: Value = relawan
        .get(s.url(&format!("/api/v1{d}/apk")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["pasang"][0]["waktu"], kini.unix_timestamp());
}

#[tokio::test]
async fn apk_routes_are_in_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let table = route_table(posko);
    let kerja = Kebijakan::Izin(posko_domain::Izin::KerjaLapangan, Sasaran::Pemilihan);
    let kelola = Kebijakan::Izin(posko_domain::Izin::KelolaLapangan, Sasaran::Pemilihan);
    let daftar = [
        ("GET", "/pemilihan/{id}/lapangan/apk", kerja),
        ("POST", "/pemilihan/{id}/lapangan/apk/barang", kelola),
        ("POST", "/pemilihan/{id}/lapangan/apk/serah", kelola),
        ("POST", "/pemilihan/{id}/lapangan/apk/kuota", kelola),
        ("GET", "/pemilihan/{id}/lapangan/apk/pasang", kerja),
        ("POST", "/pemilihan/{id}/lapangan/apk/pasang", kerja),
        ("GET", "/pemilihan/{id}/lapangan/apk/turun", kerja),
        ("GET", "/pemilihan/{id}/lapangan/apk/{pasang}", kerja),
        ("POST", "/pemilihan/{id}/lapangan/apk/{pasang}/turun", kerja),
        (
            "GET",
            "/pemilihan/{id}/lapangan/apk/{pasang}/foto/{hash}",
            kerja,
        ),
        ("GET", "/api/v1/pemilihan/{id}/lapangan/apk", kerja),
    ];
    for (metode, path, kebijakan) in daftar {
        let r = table
            .iter()
            .find(|r| r.path == path && r.metode == metode)
            .unwrap_or_else(|| panic!("{metode} {path} missing from the route table"));
        assert_eq!(r.kebijakan, kebijakan, "{metode} {path}");
    }
    let semua: Vec<String> = table
        .iter()
        .filter(|r| r.path.contains("/lapangan/apk"))
        .map(|r| format!("{} {}", r.metode, r.path))
        .collect();
    assert_eq!(semua.len(), daftar.len(), "{semua:#?}");
}
