//! Proofs (bukti) of finance entries on the real server, on both backends:
//! a treasurer attaches a PDF and a photo through the donation form and a
//! PNG through the API, and gets each back byte for byte; the finance
//! route opens neither a C.Hasil photo nor another election's proof; a
//! saksi, a koordinator and a relawan cannot read a proof, nor reach one
//! through the C.Hasil photo route or a C.Hasil form; a text file named
//! `.jpg`, a file too large and too many files are refused; the auditor's
//! ZIP carries every proof under its SHA-256, its download logged.

use crate::common;

use std::io::Read as _;

use common::{nilai_input, pemilihan_gubernur, serve, shared_data, store_dki};
use posko_app::Aktor;
use posko_domain::{Cakupan, KodeWilayah, Peran};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

const TPS: &str = "3171011001001";

fn sha256(b: &[u8]) -> String {
    <sha2::Sha256 as sha2::Digest>::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

fn jpeg(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x as u8) ^ seed, y as u8, seed.wrapping_mul(7)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8, y as u8, 9]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% kuitansi sewa sound system\n%%EOF\n".to_vec()
}

fn donasi(csrf: &str) -> Form {
    let mut f = Form::new().text("csrf", csrf.to_string());
    for (k, v) in [
        ("tanggal", "2029-10-11"),
        ("penyumbang_id", ""),
        ("sumber", "perseorangan"),
        ("nama", "Budi Santoso"),
        ("alamat", "Jl. Cikini 12, Jakarta"),
        ("nik", "3171011203800001"),
        ("telepon", "081234567890"),
        ("bentuk", "uang"),
        ("rekening", "rkdk"),
        ("nilai", "5.000.000"),
        ("uraian", "sumbangan dengan kuitansi"),
    ] {
        f = f.text(k, v);
    }
    f
}

fn berkas(f: Form, nama: &str, isi: Vec<u8>) -> Form {
    f.part("bukti", Part::bytes(isi).file_name(nama.to_string()))
}

per_backend!(bukti_dana_disimpan_dilayani_dan_dijaga);
async fn bukti_dana_disimpan_dilayani_dan_dijaga(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let lain = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let dki = || Cakupan::Wilayah(KodeWilayah::parse("31").unwrap());
    let bendahara = s.user("uji.bendahara", Peran::Bendahara, dki()).await;
    let auditor = s.user("uji.auditor", Peran::Auditor, dki()).await;
    let dasar = format!("/pemilihan/{id}/dana");

    // The campaign's dates, from the page's (urlencoded) settings form.
    let html = bendahara
        .get(s.url(&dasar))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("enctype=\"multipart/form-data\""),
        "{backend}"
    );
    assert!(html.contains("accept=\"image/*,application/pdf\""));
    let csrf = nilai_input(&html, "csrf");
    let r = bendahara
        .post(s.url(&format!("{dasar}/pengaturan")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("mulai_kampanye", "2029-09-24"),
            ("akhir_kampanye", "2029-11-23"),
            ("batas_belanja", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");

    // A donation with a PDF receipt and a photo, through the page's form.
    let (isi_pdf, isi_jpg) = (pdf(), jpeg(1));
    let (h_pdf, h_jpg) = (sha256(&isi_pdf), sha256(&isi_jpg));
    let f = berkas(
        berkas(donasi(&csrf), "kuitansi.pdf", isi_pdf.clone()),
        "foto-transfer.jpg",
        isi_jpg.clone(),
    );
    // An empty file input sends an empty, unnamed part: ignored.
    let f = f.part("bukti", Part::bytes(Vec::new()).file_name(""));
    let r = bendahara
        .post(s.url(&format!("{dasar}/sumbangan")))
        .multipart(f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let entri = r.headers()["location"].to_str().unwrap().to_string();
    let html = bendahara
        .get(s.url(&entri))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for h in [&h_pdf, &h_jpg] {
        assert!(
            html.contains(&format!("href=\"{dasar}/bukti/{h}\"")),
            "{backend}: {html}"
        );
    }
    // Served back byte for byte, typed by the bytes, never sniffed.
    for (h, isi, jenis, cara) in [
        (&h_pdf, &isi_pdf, "application/pdf", "attachment"),
        (&h_jpg, &isi_jpg, "image/jpeg", "inline"),
    ] {
        let r = auditor
            .get(s.url(&format!("{dasar}/bukti/{h}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{backend}");
        assert_eq!(r.headers()["content-type"], jenis);
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        let cd = r.headers()["content-disposition"].to_str().unwrap();
        assert!(cd.starts_with(cara), "{cd}");
        assert_eq!(&r.bytes().await.unwrap()[..], &isi[..], "{backend}");
    }

    // Through the API: upload a PNG, list it on spending.
    let isi_png = png();
    let r = bendahara
        .post(s.url(&format!("/api/v1/pemilihan/{id}/dana/bukti?nama=nota.png")))
        .body(isi_png.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let h_png = r.json::<Value>().await.unwrap()["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(h_png, sha256(&isi_png));
    let belanja = |bukti: Vec<String>| {
        json!({"tanggal": "2029-10-12", "kategori": "bahan_kampanye", "nilai": "1.000.000",
               "uraian": "cetak stiker", "bukti": bukti})
    };
    let r = bendahara
        .post(s.url(&format!("/api/v1/pemilihan/{id}/dana/belanja")))
        .json(&belanja(vec![h_png.to_uppercase()]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let buku: Value = auditor
        .get(s.url(&format!("/api/v1/pemilihan/{id}/dana/buku")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let semua: Vec<&str> = buku
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["bukti"].as_array().unwrap())
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(semua.len(), 3, "{backend}: {buku}");
    assert!(semua.contains(&h_png.as_str()));
    let r = auditor
        .get(s.url(&format!("{dasar}/bukti/{h_png}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(&r.bytes().await.unwrap()[..], &isi_png[..]);

    // A hash never uploaded, or uploaded for another election, is not a proof.
    for bukti in [vec!["ab".repeat(32)], vec![h_pdf.clone()]] {
        let r = bendahara
            .post(s.url(&format!("/api/v1/pemilihan/{lain}/dana/belanja")))
            .json(&belanja(bukti))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    }
    // Another election's proof through this election's route (and back).
    let r = bendahara
        .get(s.url(&format!("/pemilihan/{lain}/dana/bukti/{h_pdf}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");

    // A C.Hasil photo: the saksi's upload is no proof, and the finance
    // route does not open it.
    let saksi = s
        .user("uji.saksi", Peran::Saksi, Cakupan::parse(TPS).unwrap())
        .await;
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/foto")))
        .body(jpeg(2))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let h_foto = r.json::<Value>().await.unwrap()["foto"]
        .as_str()
        .unwrap()
        .to_string();
    let r = bendahara
        .get(s.url(&format!("{dasar}/bukti/{h_foto}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    let r = bendahara
        .post(s.url(&format!("/api/v1/pemilihan/{id}/dana/belanja")))
        .json(&belanja(vec![h_foto.clone()]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

    // Roles without LihatDana: no proof, no ZIP.
    let koordinator = s.user("uji.koordinator", Peran::Koordinator, dki()).await;
    let relawan = s.user("uji.relawan", Peran::Relawan, dki()).await;
    for (siapa, c) in [
        ("saksi", &saksi),
        ("koordinator", &koordinator),
        ("relawan", &relawan),
    ] {
        for path in [
            format!("{dasar}/bukti/{h_pdf}"),
            format!("{dasar}/zip-auditor"),
        ] {
            let r = c.get(s.url(&path)).send().await.unwrap();
            assert!(
                matches!(r.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{backend} {siapa} {path}: {}",
                r.status()
            );
        }
        let r = c
            .post(s.url(&format!("/api/v1/pemilihan/{id}/dana/bukti")))
            .body(pdf())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {siapa}");
    }
    // A manager may both keep the books and send a C.Hasil: a proof they
    // upload is still no photo of theirs.
    let manajer = s.client();
    let r = manajer
        .post(s.url(&format!("/api/v1/pemilihan/{id}/dana/bukti?nama=nota.jpg")))
        .body(jpeg(4))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let h_manajer = sha256(&jpeg(4));
    // Nor through the C.Hasil photo route, nor by attaching it to a form.
    for h in [&h_pdf, &h_jpg, &h_manajer] {
        let r = saksi
            .get(s.url(&format!("/pemilihan/{id}/tps/{TPS}/foto/{h}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
        for c in [&saksi, &koordinator, &manajer] {
            let r = c
                .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil")))
                .json(&json!({"kunci_klien": format!("bukti-{h}"),
                    "formulir": {"suara_paslon": [120, 98], "suara_sah": 218, "suara_tidak_sah": 4, "suara_total": 222},
                    "foto": [h]}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        }
    }
    // The saksi's own photo still opens through its route once attached.
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil")))
        .json(&json!({"kunci_klien": "bukti-foto-sendiri",
            "formulir": {"suara_paslon": [120, 98], "suara_sah": 218, "suara_tidak_sah": 4, "suara_total": 222},
            "foto": [h_foto]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let r = saksi
        .get(s.url(&format!("/pemilihan/{id}/tps/{TPS}/foto/{h_foto}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");

    // Hostile files: text named .jpg, too large, too many; nothing written.
    let sebelum = semua.len();
    let r = bendahara
        .post(s.url(&format!("{dasar}/sumbangan")))
        .multipart(berkas(
            donasi(&csrf),
            "kuitansi-palsu.jpg",
            b"bukan foto, hanya teks".to_vec(),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let body = r.text().await.unwrap();
    assert!(body.contains("kuitansi-palsu.jpg"), "{backend}: {body}");
    let r = bendahara
        .post(s.url(&format!("/api/v1/pemilihan/{id}/dana/bukti?nama=palsu.jpg")))
        .body(b"GIF89a bukan foto".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(r.text().await.unwrap().contains("palsu.jpg"));
    let mut besar = b"%PDF-1.4\n".to_vec();
    besar.resize(posko_app::dana::BUKTI_MAKS + 1, b' ');
    let r = bendahara
        .post(s.url(&format!("/api/v1/pemilihan/{id}/dana/bukti?nama=besar.pdf")))
        .body(besar.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(r.text().await.unwrap().contains("terlalu besar"));
    let r = bendahara
        .post(s.url(&format!("{dasar}/sumbangan")))
        .multipart(berkas(donasi(&csrf), "besar.pdf", besar))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let mut f = donasi(&csrf);
    for i in 0..7 {
        f = berkas(f, &format!("nota-{i}.jpg"), jpeg(10 + i));
    }
    let r = bendahara
        .post(s.url(&format!("{dasar}/sumbangan")))
        .multipart(f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    // A file before the token, or a forged token: refused before any write.
    let f = berkas(Form::new(), "a.pdf", pdf()).text("csrf", csrf.clone());
    let r = bendahara
        .post(s.url(&format!("{dasar}/sumbangan")))
        .multipart(f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    let r = bendahara
        .post(s.url(&format!("{dasar}/sumbangan")))
        .multipart(berkas(donasi("palsu"), "a.pdf", pdf()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let buku: Value = auditor
        .get(s.url(&format!("/api/v1/pemilihan/{id}/dana/buku")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(buku.as_array().unwrap().len(), 2, "{backend}: {buku}");
    assert_eq!(sebelum, 3);

    // A correction with a proof, from the entry page's form.
    let eid = entri.rsplit('/').next().unwrap();
    let koreksi = Form::new()
        .text("csrf", csrf.clone())
        .text("atas", eid.to_string())
        .text("tanggal", "2029-10-13")
        .text("nilai", "-500.000")
        .text("uraian", "salah ketik")
        .part(
            "bukti",
            Part::bytes(jpeg(3)).file_name("koreksi.jpg".to_string()),
        );
    let r = bendahara
        .post(s.url(&format!("{dasar}/koreksi")))
        .multipart(koreksi)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");

    // The auditor's ZIP: every proof under its hash, the manifest matching.
    let html = auditor
        .get(s.url(&dasar))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("href=\"{dasar}/zip-auditor\"")),
        "{backend}"
    );
    let r = auditor
        .get(s.url(&format!("{dasar}/zip-auditor")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["content-type"], "application/zip");
    let isi = r.bytes().await.unwrap().to_vec();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(isi.clone())).unwrap();
    let mut manifest = String::new();
    z.by_name("manifest.txt")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    for (h, ext, asli) in [
        (&h_pdf, "pdf", Some(&isi_pdf)),
        (&h_jpg, "jpg", Some(&isi_jpg)),
        (&h_png, "png", Some(&isi_png)),
        (&sha256(&jpeg(3)), "jpg", None),
    ] {
        let nama = format!("bukti/{h}.{ext}");
        assert!(
            manifest.contains(&format!("{h}  {nama}\n")),
            "{backend}: {manifest}"
        );
        let mut f = Vec::new();
        z.by_name(&nama).unwrap().read_to_end(&mut f).unwrap();
        assert_eq!(&sha256(&f), h);
        if let Some(a) = asli {
            assert_eq!(&f, a);
        }
    }
    assert!(!manifest.contains(&h_foto), "no C.Hasil photo in the ZIP");
    // Logged as the command line's download is, with the file's hash.
    let log = s
        .posko
        .store()
        .cari_audit(None, Some("ekspor.dana"), None, 10)
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.ringkasan.contains("zip-auditor.zip") && e.hash_konten == sha256(&isi)),
        "{backend}: {log:?}"
    );
}
