//! The social-media room's issue desk and analytics imports on the real
//! server, on both backends: a claim moves only by the domain's steps
//! (watched → answered → settled, settled only with a response approved
//! by a manager who did not write it); the auditor reads but may not
//! write; roles outside the media team are refused. A Meta-style CSV and
//! an XLSX with Indonesian numbers are imported per account; a bad cell
//! refuses the whole file naming line and column; hostile files are
//! refused and nothing is stored.

use crate::common;
use crate::dana_web::{cakupan, siapkan};

use common::{nilai_input, serve, store};
use posko_app::medsos::{AkunBaru, Pemegang};
use posko_domain::Peran;
use posko_domain::medsos::{JenisAkses, Platform};
use reqwest::StatusCode;
use serde_json::Value;

async fn pengguna(s: &common::TestServer, username: &str) -> posko_storage::Pengguna {
    s.posko
        .store()
        .daftar_pengguna()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.username == username)
        .unwrap()
}

async fn teks(r: reqwest::Response) -> (StatusCode, String) {
    let st = r.status();
    (st, r.text().await.unwrap())
}

per_backend!(meja_isu_dan_analitik);
async fn meja_isu_dan_analitik(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let media = s
        .user("uji.media", Peran::Media, cakupan(Peran::Media))
        .await;
    let manajer = s.client();
    let manajer2 = s
        .user("uji.manajer2", Peran::Manager, cakupan(Peran::Manager))
        .await;
    let auditor = s
        .user("uji.auditor", Peran::Auditor, cakupan(Peran::Auditor))
        .await;
    let p_media = pengguna(&s, "uji.media").await;
    let p_manajer = pengguna(&s, "uji.manajer").await;

    // An official account, held by the media member.
    let akun = s
        .posko
        .simpan_akun_medsos(
            &p_manajer,
            id,
            None,
            AkunBaru {
                platform: Platform::Facebook,
                nama: "posko.bandung".into(),
                url: "https://facebook.com/posko.bandung".into(),
                tujuan: "akun utama".into(),
                kpu_tanggal: None,
                kpu_nomor: String::new(),
                penanggung_jawab: p_media.id,
                dua_langkah: true,
                pemegang: vec![Pemegang {
                    anggota: p_media.id,
                    jenis: JenisAkses::Pemulihan,
                }],
                nonaktif: None,
                pensiun: false,
                versi: None,
            },
        )
        .await
        .unwrap();

    let dasar = format!("/pemilihan/{id}/medsos");
    let (st, html) = teks(
        media
            .get(s.url(&format!("{dasar}/isu")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(html.contains("id=\"catat-isu\""), "{backend}: the form");
    assert!(
        html.contains("id=\"isu-privasi\""),
        "{backend}: the privacy note"
    );
    let csrf = nilai_input(&html, "csrf");

    // A bad link is refused and nothing is written.
    let r = media
        .post(s.url(&format!("{dasar}/isu")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("judul", "Hoaks bansos"),
            ("klaim", "Paslon membagikan bansos"),
            ("tautan", "bukan alamat"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

    // The media member records a claim with a response.
    let r = media
        .post(s.url(&format!("{dasar}/isu")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("judul", "Hoaks bansos"),
            ("klaim", "Paslon membagikan bansos memakai APBD"),
            ("tempat", "grup WhatsApp warga, Facebook"),
            (
                "tautan",
                "https://facebook.com/share/abc\nhttps://x.com/a/status/1",
            ),
            ("pertama_terlihat", ""),
            ("bukti", "Surat dinas sosial nomor 12"),
            ("tanggapan", "Tidak benar: bansos disalurkan dinas sosial."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let halaman = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        halaman.starts_with(&format!("{dasar}/isu/")),
        "{backend} {halaman}"
    );
    let isu = halaman.rsplit('/').next().unwrap().to_string();

    let (st, html) = teks(media.get(s.url(&halaman)).send().await.unwrap()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(html.contains("data-status=\"dipantau\""), "{backend}");
    assert!(html.contains("id=\"tanggapan-belum\""), "{backend}");
    assert!(
        html.contains("id=\"mingguan\""),
        "{backend}: weekly summary"
    );
    // Only allowed steps are offered: answered and closed, never settled.
    assert!(html.contains("value=\"dijawab\""), "{backend}");
    assert!(!html.contains("value=\"terjawab\""), "{backend}");
    // The media member may not approve.
    assert!(!html.contains("id=\"setujui-tanggapan\""), "{backend}");

    // The edit form links a calendar item; the claim and the item then
    // name each other.
    let draf = s
        .posko
        .tulis_konten_medsos(
            &p_media,
            id,
            None,
            posko_app::medsos::KontenBaru {
                judul: "Jawaban resmi".into(),
                teks: "Tidak benar.".into(),
                media: vec![],
                akun: vec![akun],
                rencana: time::macros::datetime!(2029-10-10 09:00),
                isu: vec![],
            },
        )
        .await
        .unwrap();
    let (_, html) = teks(media.get(s.url(&halaman)).send().await.unwrap()).await;
    let csrf_isu = nilai_input(&html, "csrf");
    assert!(
        html.contains(&format!("name=\"konten_{draf}\"")),
        "{backend}"
    );
    let r = media
        .post(s.url(&halaman))
        .form(&[
            ("csrf", csrf_isu.as_str()),
            ("judul", "Hoaks bansos"),
            ("klaim", "Paslon membagikan bansos memakai APBD"),
            ("tempat", "grup WhatsApp warga, Facebook"),
            (
                "tautan",
                "https://facebook.com/share/abc\nhttps://x.com/a/status/1",
            ),
            ("bukti", "Surat dinas sosial nomor 12"),
            ("tanggapan", "Tidak benar: bansos disalurkan dinas sosial."),
            ("tautkan", "ya"),
            (&format!("konten_{draf}"), "ya"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let (_, html2) = teks(media.get(s.url(&halaman)).send().await.unwrap()).await;
    assert!(
        html2.contains(&format!("href=\"{dasar}/konten/{draf}\">Jawaban resmi</a>")),
        "{backend}"
    );
    let (_, html3) = teks(
        media
            .get(s.url(&format!("{dasar}/konten/{draf}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        html3.contains(&format!("href=\"{halaman}\"")),
        "{backend}: {html3}"
    );

    let status = |c: &reqwest::Client, ke: &'static str| {
        let c = c.clone();
        let url = s.url(&format!("/api/v1/pemilihan/{id}/medsos/isu/{isu}/status"));
        async move {
            c.post(url)
                .json(&serde_json::json!({"status": ke, "catatan": "uji"}))
                .send()
                .await
                .unwrap()
        }
    };
    // Watched → settled directly is refused.
    let (st, body) = teks(status(&media, "terjawab").await).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    // Watched → answered, through the page's form.
    let r = media
        .post(s.url(&format!("{halaman}/status")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("ke", "dijawab"),
            ("catatan", "dijawab di FB"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    // Answered → settled without an approved response is refused.
    let (st, body) = teks(status(&media, "terjawab").await).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    assert!(body.contains("disetujui"), "{backend}: {body}");

    // The manager rewrites the response: now the manager is its writer
    // and may not approve it; another manager does.
    let (_, html) = teks(manajer.get(s.url(&halaman)).send().await.unwrap()).await;
    let csrf_m = nilai_input(&html, "csrf");
    let r = manajer
        .post(s.url(&halaman))
        .form(&[
            ("csrf", csrf_m.as_str()),
            ("judul", "Hoaks bansos"),
            ("klaim", "Paslon membagikan bansos memakai APBD"),
            ("tempat", "grup WhatsApp warga, Facebook"),
            ("tautan", "https://facebook.com/share/abc"),
            ("pertama_terlihat", ""),
            ("bukti", "Surat dinas sosial nomor 12"),
            (
                "tanggapan",
                "Tidak benar. Bansos disalurkan Dinas Sosial, bukan paslon.",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let r = manajer
        .post(s.url(&format!("{halaman}/setujui")))
        .form(&[("csrf", csrf_m.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{backend}: own response"
    );
    let (_, html) = teks(manajer2.get(s.url(&halaman)).send().await.unwrap()).await;
    assert!(html.contains("id=\"setujui-tanggapan\""), "{backend}");
    let csrf_m2 = nilai_input(&html, "csrf");
    let r = manajer2
        .post(s.url(&format!("{halaman}/setujui")))
        .form(&[("csrf", csrf_m2.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let (st, body) = teks(status(&media, "terjawab").await).await;
    assert_eq!(st, StatusCode::OK, "{backend}: {body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "terjawab", "{backend}");
    assert_eq!(v["tanggapan_disetujui"], true, "{backend}");

    // A note, then the page shows the log, the week and the versions.
    let r = media
        .post(s.url(&format!("{halaman}/catatan")))
        .form(&[("csrf", csrf.as_str()), ("teks", "beredar lagi di TikTok")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let (_, html) = teks(auditor.get(s.url(&halaman)).send().await.unwrap()).await;
    assert!(html.contains("beredar lagi di TikTok"), "{backend}");
    assert!(html.contains("id=\"tanggapan-disetujui\""), "{backend}");
    assert!(
        html.contains("Uji uji.manajer2"),
        "{backend}: names, not ids"
    );
    assert!(
        !html.contains("id=\"ubah-isu\""),
        "{backend}: auditor gets no form"
    );

    // Editing the approved response clears the approval: back to answered.
    let r = media
        .post(s.url(&halaman))
        .form(&[
            ("csrf", csrf.as_str()),
            ("judul", "Hoaks bansos"),
            ("klaim", "Paslon membagikan bansos memakai APBD"),
            ("tanggapan", "Versi baru tanggapan"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");

    // The list and the API agree; counts link to the filtered list.
    let daftar: Value = auditor
        .get(s.url(&format!("/api/v1/pemilihan/{id}/medsos/isu")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(daftar.as_array().unwrap().len(), 1, "{backend}");
    assert_eq!(daftar[0]["status"], "dijawab", "{backend}");
    assert_eq!(daftar[0]["tanggapan_disetujui"], false, "{backend}");
    let (_, html) = teks(
        auditor
            .get(s.url(&format!("{dasar}/isu?status=dijawab")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(html.contains("Hoaks bansos"), "{backend}");
    assert!(
        html.contains(&format!("href=\"{dasar}/isu?status=dijawab\"")),
        "{backend}"
    );
    assert!(
        !html.contains("id=\"catat-isu\""),
        "{backend}: auditor gets no form"
    );
    let (_, html) = teks(
        auditor
            .get(s.url(&format!("{dasar}/isu?status=ditutup")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(!html.contains("Hoaks bansos"), "{backend}");

    // The API writes a claim too.
    let r = media
        .post(s.url(&format!("/api/v1/pemilihan/{id}/medsos/isu")))
        .json(&serde_json::json!({"judul": "Foto lama", "klaim": "Foto kampanye 2019 disebut baru", "tautan": ["https://instagram.com/p/x"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");

    // The auditor reads but every write is refused.
    // (The route's policy refuses before the token is read.)
    let csrf_a = "x".to_string();
    for (path, form) in [
        (format!("{dasar}/isu"), vec![("judul", "x"), ("klaim", "y")]),
        (format!("{halaman}/catatan"), vec![("teks", "x")]),
        (format!("{halaman}/status"), vec![("ke", "ditutup")]),
        (format!("{halaman}/setujui"), vec![]),
    ] {
        let mut f = vec![("csrf", csrf_a.as_str())];
        f.extend(form);
        let r = auditor.post(s.url(&path)).form(&f).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {path}");
    }
    let r = auditor
        .post(s.url(&format!("/api/v1/pemilihan/{id}/medsos/isu")))
        .json(&serde_json::json!({"judul": "x", "klaim": "y"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    // A screenshot: stored by its hash, served only through its claim.
    let png = {
        let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8, y as u8, 9]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    };
    let unggah = |bytes: Vec<u8>, nama: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part(
                "tangkapan",
                reqwest::multipart::Part::bytes(bytes).file_name(nama),
            );
        media
            .post(s.url(&format!("{halaman}/tangkapan")))
            .multipart(form)
            .send()
    };
    let r = unggah(png.clone(), "layar.png").await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let r = unggah(b"%PDF-1.4 bukan gambar".to_vec(), "layar.pdf")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let hash = posko_domain::audit::sha256_hex(&png);
    let (_, html) = teks(auditor.get(s.url(&halaman)).send().await.unwrap()).await;
    assert!(
        html.contains(&format!("data-tangkapan=\"{hash}\"")),
        "{backend}"
    );
    let r = auditor
        .get(s.url(&format!("{halaman}/tangkapan/{hash}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["content-type"], "image/png", "{backend}");
    assert_eq!(r.bytes().await.unwrap().to_vec(), png, "{backend}");
    let r = auditor
        .get(s.url(&format!("{halaman}/tangkapan/{}", "0".repeat(64))))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");

    // The media member may not approve either.
    let r = media
        .post(s.url(&format!("{halaman}/setujui")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");

    // Roles outside the room are refused everywhere.
    for peran in [
        Peran::Koordinator,
        Peran::Relawan,
        Peran::Saksi,
        Peran::Bendahara,
    ] {
        let c = s
            .user(
                &format!("uji.{}", format!("{peran:?}").to_lowercase()),
                peran,
                cakupan(peran),
            )
            .await;
        for path in [
            format!("{dasar}/isu"),
            halaman.clone(),
            format!("{dasar}/analitik"),
            format!("/api/v1/pemilihan/{id}/medsos/isu"),
        ] {
            let r = c.get(s.url(&path)).send().await.unwrap();
            assert_eq!(
                r.status(),
                StatusCode::FORBIDDEN,
                "{backend} {peran:?} {path}"
            );
        }
        let r = c
            .post(s.url(&format!("/api/v1/pemilihan/{id}/medsos/isu/{isu}/status")))
            .json(&serde_json::json!({"status": "ditutup"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {peran:?}");
    }

    // Every step is in the audit chain.
    let log = s.posko.store().daftar_audit(0, 100_000).await.unwrap();
    for aksi in [
        "medsos.isu.catat",
        "medsos.isu.status",
        "medsos.isu.ubah",
        "medsos.isu.setujui",
        "medsos.isu.catatan",
        "medsos.isu.tangkapan",
    ] {
        assert!(log.iter().any(|e| e.aksi == aksi), "{backend}: {aksi}");
    }

    // ---------------------------------------------------------- analytics
    let analitik = |c: &reqwest::Client, nama: &str, isi: Vec<u8>| {
        let c = c.clone();
        let url = s.url(&format!(
            "/api/v1/pemilihan/{id}/medsos/analitik?akun={akun}&nama={nama}"
        ));
        async move { c.post(url).body(isi).send().await.unwrap() }
    };
    let jumlah = || {
        let p = s.posko.clone();
        let u = p_media.clone();
        async move { p.ruang_medsos(&u, id).await.unwrap().analitik.len() }
    };
    // A Meta Business Suite export: a title line, then the header; two
    // posts on one day, numbers with Indonesian thousands separators.
    let csv = "\u{feff}\"Laporan postingan Facebook\"\n\
        \"Publish time\",\"Permalink\",\"Reach\",\"Impressions\",\"Engagement\"\n\
        \"2026-11-01T09:00:00+0700\",\"https://www.facebook.com/posko.bandung/posts/1\",\"1.234\",\"2.500\",\"87\"\n\
        \"2026-11-01T18:30:00+0700\",\"https://www.facebook.com/posko.bandung/posts/2\",\"766\",\"1.100\",\"13\"\n\
        \"02/11/2026\",\"https://www.facebook.com/posko.bandung/posts/3\",\"12.500\",\"30.000\",\"1.020\"\n";
    let r = analitik(&media, "meta.csv", csv.as_bytes().to_vec()).await;
    let (st, body) = teks(r).await;
    assert_eq!(st, StatusCode::CREATED, "{backend}: {body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["baris"].as_array().unwrap().len(), 3, "{backend}");
    assert_eq!(v["baris"][2]["interaksi"], 1020, "{backend}");
    assert_eq!(v["baris"][2]["tanggal"], "2026-11-02", "{backend}");
    // The same file twice is refused.
    let r = analitik(&media, "meta.csv", csv.as_bytes().to_vec()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

    // An XLSX with Indonesian headers through the page's upload form.
    let xlsx = {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["Tanggal", "Jangkauan", "Tayangan", "Interaksi"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "3 November 2026").unwrap();
        ws.write_string(1, 1, "4.321").unwrap();
        ws.write_number(1, 2, 8000.0).unwrap();
        ws.write_number(1, 3, 250.0).unwrap();
        // A real date cell, as Excel saves a typed date.
        let tgl = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 4).unwrap();
        let fmt = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        ws.write_datetime_with_format(2, 0, &tgl, &fmt).unwrap();
        ws.write_number(2, 1, 100.0).unwrap();
        ws.write_string(2, 2, "").unwrap();
        ws.write_string(2, 3, "7").unwrap();
        wb.save_to_buffer().unwrap()
    };
    let (_, html) = teks(
        media
            .get(s.url(&format!("{dasar}/analitik")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(html.contains("id=\"unggah-analitik\""), "{backend}");
    let csrf_an = nilai_input(&html, "csrf");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf_an.clone())
        .text("akun", akun.to_string())
        .part(
            "berkas",
            reqwest::multipart::Part::bytes(xlsx).file_name("tiktok.xlsx"),
        );
    let r = media
        .post(s.url(&format!("{dasar}/analitik")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (st, body) = teks(r).await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}: {body}");
    assert_eq!(jumlah().await, 2, "{backend}");
    // A file before the token is refused before it is read.
    let form = reqwest::multipart::Form::new()
        .part(
            "berkas",
            reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("a.csv"),
        )
        .text("csrf", csrf_an.clone());
    let r = media
        .post(s.url(&format!("{dasar}/analitik")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");

    // The series: one row per day, the two posts of 1 November summed.
    let (st, html) = teks(
        auditor
            .get(s.url(&format!("{dasar}/analitik?akun={akun}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(html.contains("<svg class=\"grafik-analitik\""), "{backend}");
    assert!(html.contains(">2.000<"), "{backend}: reach of 1 Nov summed");
    assert!(
        html.contains(">3.600<"),
        "{backend}: impressions of 1 Nov summed"
    );
    assert!(html.contains(">12.500<"), "{backend}");
    assert!(html.contains(">4.321<"), "{backend}");
    assert!(
        !html.contains("id=\"unggah-analitik\""),
        "{backend}: auditor gets no form"
    );
    assert_eq!(html.matches("<tr><td>").count(), 4, "{backend}: four days");

    // One bad cell refuses the whole file, naming line and column.
    let buruk = "Date,Reach,Impressions,Engagement\n\
        2026-11-05,100,200,3\n\
        2026-11-06,1O0,200,3\n";
    let (st, body) = teks(analitik(&media, "buruk.csv", buruk.as_bytes().to_vec()).await).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    assert!(
        body.contains("buruk.csv baris 3 kolom Reach"),
        "{backend}: {body}"
    );
    let buruk = "Tanggal;Jangkauan\n31/02/2026;5\n";
    let (st, body) = teks(analitik(&media, "tanggal.csv", buruk.as_bytes().to_vec()).await).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    assert!(
        body.contains("tanggal.csv baris 2 kolom Tanggal"),
        "{backend}: {body}"
    );

    // Through the page, the refusal is shown beside the form.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf_an.clone())
        .text("akun", akun.to_string())
        .part(
            "berkas",
            reqwest::multipart::Part::bytes(b"Tanggal,Interaksi\n2026-11-09,banyak\n".to_vec())
                .file_name("ig.csv"),
        );
    let (st, html) = teks(
        media
            .post(s.url(&format!("{dasar}/analitik")))
            .multipart(form)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(html.contains("id=\"masalah-analitik\""), "{backend}");
    assert!(
        html.contains("ig.csv baris 2 kolom Interaksi"),
        "{backend}: {html}"
    );

    // Hostile files: a 2 MiB line, a picture named as a spreadsheet, a
    // type the reader does not know.
    let mut panjang = b"Date,Reach\n2026-11-07,".to_vec();
    panjang.extend(std::iter::repeat_n(b'9', 2 * 1024 * 1024));
    panjang.push(b'\n');
    let (st, body) = teks(analitik(&media, "panjang.csv", panjang).await).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let (st, body) = teks(analitik(&media, "gambar.xlsx", png.clone()).await).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    let (st, body) = teks(analitik(&media, "gambar.png", png).await).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    // An account that is not registered.
    let r = s.url(&format!(
        "/api/v1/pemilihan/{id}/medsos/analitik?akun={}&nama=a.csv",
        uuid::Uuid::nil()
    ));
    let r = media
        .post(r)
        .body(b"Date,Reach\n2026-11-08,1\n".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    // The auditor may not import.
    let r = analitik(&auditor, "lain.csv", b"Date,Reach\n2026-11-08,1\n".to_vec()).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert_eq!(jumlah().await, 2, "{backend}: nothing more stored");
    let log = s.posko.store().daftar_audit(0, 100_000).await.unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.aksi == "medsos.analitik.impor")
            .count(),
        2,
        "{backend}"
    );
}
