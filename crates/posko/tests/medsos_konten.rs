//! The content calendar of the social-media room on the real server, on
//! both backends: a draft goes through the review chain on the pages'
//! forms; its author never approves it, not even a manager; nothing is
//! planned before the campaign, in the quiet period or after its
//! account's deactivation (checked again at approval); an edit after
//! approval is a new content version back in draft, the old one still
//! readable; the posting record keeps the link and who posted it; every
//! step is in the audit log; an auditor reads but writes nothing and the
//! roles outside the room are refused.

use crate::common;
use crate::dana_web::{cakupan, siapkan};

use common::{TestServer, nilai_input, serve, store};
use posko_app::medsos::{AkunBaru, KontenMedsos, Pemegang, PengaturanMedsos};
use posko_domain::Peran;
use posko_domain::medsos::{JenisAkses, Platform};
use posko_storage::Pengguna;
use reqwest::{Client, StatusCode};
use uuid::Uuid;

async fn pengguna(s: &TestServer, username: &str) -> Pengguna {
    s.posko
        .store()
        .daftar_pengguna()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.username == username)
        .unwrap()
}

fn akun_baru(pj: Uuid, nonaktif: Option<time::Date>) -> AkunBaru {
    AkunBaru {
        platform: Platform::Instagram,
        nama: "paslon.bandung".into(),
        url: "https://instagram.com/paslon.bandung".into(),
        tujuan: "akun utama pasangan calon".into(),
        kpu_tanggal: None,
        kpu_nomor: String::new(),
        penanggung_jawab: pj,
        dua_langkah: true,
        pemegang: vec![Pemegang {
            anggota: pj,
            jenis: JenisAkses::Pemulihan,
        }],
        nonaktif,
        pensiun: false,
        versi: None,
    }
}

pub(crate) fn png(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8, y as u8, seed]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn teks(c: &Client, url: String) -> (StatusCode, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn kirim(c: &Client, url: String, form: &[(&str, &str)]) -> (StatusCode, String) {
    let r = c.post(url).form(form).send().await.unwrap();
    let status = r.status();
    let ke = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    (status, ke.unwrap_or(r.text().await.unwrap()))
}

async fn konten(s: &TestServer, oleh: &Pengguna, id: Uuid, k: Uuid) -> KontenMedsos {
    s.posko
        .ruang_medsos(oleh, id)
        .await
        .unwrap()
        .cari_konten(k)
        .unwrap()
        .isi
        .clone()
}

per_backend!(the_review_chain_keeps_authors_off_their_own_approval);
async fn the_review_chain_keeps_authors_off_their_own_approval(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko).await;
    // Voting 2029-11-28: the 2024 pattern gives a campaign from
    // 2029-09-26 to 2029-11-24 and a quiet period 25–27 November.
    let s = serve(posko, dir).await;
    let manajer = s.client();
    let media = s
        .user("uji.media", Peran::Media, cakupan(Peran::Media))
        .await;
    let manajer2 = s
        .user("uji.manajer2", Peran::Manager, cakupan(Peran::Manager))
        .await;
    let auditor = s
        .user("uji.auditor", Peran::Auditor, cakupan(Peran::Auditor))
        .await;
    let p_manajer = pengguna(&s, "uji.manajer").await;
    let p_media = pengguna(&s, "uji.media").await;
    let p_manajer2 = pengguna(&s, "uji.manajer2").await;
    let akun = s
        .posko
        .simpan_akun_medsos(&p_manajer, id, None, akun_baru(p_media.id, None))
        .await
        .unwrap();
    let dasar = format!("/pemilihan/{id}/medsos");
    let jumlah = || async {
        s.posko
            .ruang_medsos(&p_manajer, id)
            .await
            .unwrap()
            .konten
            .len()
    };

    // The calendar names both periods and offers the form.
    let (st, html) = teks(&manajer, s.url(&format!("{dasar}/kalender"))).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(html.contains("id=\"masa-tenang\""), "{backend}");
    assert!(html.contains("25 November 2029"), "{backend}: {html}");
    assert!(html.contains("id=\"konten-baru\""), "{backend}");
    assert!(html.contains("Instagram @paslon.bandung"), "{backend}");
    let csrf = nilai_input(&html, "csrf");
    let akun_s = akun.to_string();
    let draf = |rencana: &'static str, judul: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("judul", judul.to_string()),
            (
                "teks",
                "Hari pertama kampanye.\nSampai jumpa di Sukasari!".into(),
            ),
            ("akun", akun_s.clone()),
            ("rencana", rencana.to_string()),
            ("media", String::new()),
            ("isu", String::new()),
        ]
    };
    let post = |c: &Client, path: String, f: Vec<(&'static str, String)>| {
        let c = c.clone();
        let url = s.url(&path);
        async move {
            let r = c.post(url).form(&f).send().await.unwrap();
            let st = r.status();
            let ke = r
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_string());
            (st, ke.unwrap_or(r.text().await.unwrap()))
        }
    };

    // Nothing in the quiet period, before the campaign: refused, nothing written.
    for (rencana, kata) in [
        ("2029-11-25T09:00", "masa tenang"),
        ("2029-09-20T09:00", "belum masa kampanye"),
        ("2029-11-28T09:00", "masa kampanye sudah selesai"),
    ] {
        let (st, body) = post(
            &manajer,
            format!("{dasar}/konten"),
            draf(rencana, "Salah jadwal"),
        )
        .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend} {rencana}");
        assert!(body.contains(kata), "{backend} {rencana}: {body}");
        assert!(
            body.contains("Instagram @paslon.bandung"),
            "{backend}: {body}"
        );
    }
    assert_eq!(jumlah().await, 0, "{backend}: nothing written");

    // The manager writes a draft and sends it.
    let (st, ke) = post(
        &manajer,
        format!("{dasar}/konten"),
        draf("2029-10-01T09:00", "Hari pertama"),
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}: {ke}");
    assert!(
        ke.starts_with(&format!("{dasar}/konten/")),
        "{backend} {ke}"
    );
    let k: Uuid = ke.rsplit('/').next().unwrap().parse().unwrap();
    let langkah = |l: &'static str, catatan: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("langkah", l.to_string()),
            ("catatan", catatan.to_string()),
        ]
    };
    let langkah_url = format!("{ke}/langkah");
    let (st, _) = post(&manajer, langkah_url.clone(), langkah("ajukan", "")).await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}");

    // Its author, a manager, cannot approve it: 422, status unchanged;
    // the page offers them no approval.
    let (_, html) = teks(&manajer, s.url(&ke)).await;
    assert!(!html.contains("id=\"langkah-setujui\""), "{backend}");
    let (st, body) = post(&manajer, langkah_url.clone(), langkah("setujui", "")).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    assert!(
        body.contains("penulis tidak boleh menyetujui"),
        "{backend}: {body}"
    );
    // Media cannot approve either.
    let html = media
        .get(s.url(&ke))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"langkah-periksa\""), "{backend}");
    assert!(!html.contains("id=\"langkah-setujui\""), "{backend}");
    let csrf_media = nilai_input(&html, "csrf");
    let (st, _) = post(
        &media,
        langkah_url.clone(),
        vec![
            ("csrf", csrf_media.clone()),
            ("langkah", "setujui".into()),
            ("catatan", String::new()),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{backend}");
    let isi = konten(&s, &p_manajer, id, k).await;
    assert_eq!(isi.status.slug(), "ditinjau", "{backend}");

    // Another manager approves it.
    let html = manajer2
        .get(s.url(&ke))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"langkah-setujui\""), "{backend}");
    let csrf2 = nilai_input(&html, "csrf");
    let setujui2 = || {
        vec![
            ("csrf", csrf2.clone()),
            ("langkah", "setujui".to_string()),
            ("catatan", "siap tayang".to_string()),
        ]
    };
    let (st, _) = post(&manajer2, langkah_url.clone(), setujui2()).await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}");
    assert_eq!(
        konten(&s, &p_manajer, id, k).await.status.slug(),
        "disetujui",
        "{backend}"
    );

    // An edit after approval: back to draft, content version 2, version 1 kept.
    let mut ubah = draf("2029-10-02T10:30", "Hari pertama (revisi)");
    ubah[2].1 = "Teks baru setelah disetujui.".into();
    let (st, _) = post(&manajer, ke.clone(), ubah).await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}");
    let isi = konten(&s, &p_manajer, id, k).await;
    assert_eq!(isi.status.slug(), "draf", "{backend}");
    assert_eq!(isi.versi_isi, 2, "{backend}");
    let riwayat = s
        .posko
        .riwayat_konten_medsos(&p_manajer, id, k)
        .await
        .unwrap();
    assert!(
        riwayat
            .iter()
            .any(|v| v.isi.versi_isi == 1 && v.isi.teks.contains("Sampai jumpa di Sukasari!")),
        "{backend}"
    );
    let (_, html) = teks(&auditor, s.url(&ke)).await;
    assert!(html.contains("id=\"versi-1\""), "{backend}");
    assert!(html.contains("Sampai jumpa di Sukasari!"), "{backend}");
    assert!(html.contains("Teks baru setelah disetujui."), "{backend}");

    // Reviewed again and approved again, then recorded as posted by media.
    let (st, _) = post(&manajer, langkah_url.clone(), langkah("ajukan", "")).await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}");
    let (st, _) = post(
        &media,
        format!("{ke}/komentar"),
        vec![
            ("csrf", csrf_media.clone()),
            ("teks", "Foto sudah siap.".into()),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}");
    // Not yet approved: no posting.
    let url_post = "https://www.instagram.com/p/Cabc123/";
    let posting: Vec<(String, String)> = vec![
        ("csrf".into(), csrf_media.clone()),
        (format!("url:{akun_s}"), url_post.to_string()),
    ];
    let r = media
        .post(s.url(&format!("{ke}/posting")))
        .form(&posting)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let (st, _) = post(&manajer2, langkah_url.clone(), setujui2()).await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}");
    let r = media
        .post(s.url(&format!("{ke}/posting")))
        .form(&posting)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let isi = konten(&s, &p_manajer, id, k).await;
    assert_eq!(isi.status.slug(), "diposting", "{backend}");
    assert_eq!(isi.diposting.len(), 1, "{backend}");
    assert_eq!(isi.diposting[0].url, url_post, "{backend}");
    assert_eq!(isi.diposting[0].oleh, p_media.id, "{backend}");
    let (_, html) = teks(&auditor, s.url(&ke)).await;
    assert!(html.contains(url_post), "{backend}");
    assert!(html.contains("Uji uji.media"), "{backend}");
    assert!(html.contains("Foto sudah siap."), "{backend}");
    // The calendar lists it under its day, with its account and author.
    let (st, html) = teks(
        &auditor,
        s.url(&format!("{dasar}/kalender?status=diposting")),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(html.contains("2 Oktober 2029"), "{backend}");
    assert!(html.contains("Hari pertama (revisi)"), "{backend}");
    // The platform's figures for that day show the post beside them.
    let r = manajer
        .post(s.url(&format!(
            "/api/v1/pemilihan/{id}/medsos/analitik?akun={akun}&nama=ig.csv"
        )))
        .body("Tanggal,Jangkauan,Tayangan,Interaksi\n2029-10-02,1.200,3.400,150\n2029-10-03,900,2.000,80\n")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let (_, html) = teks(&auditor, s.url(&format!("{dasar}/analitik?akun={akun}"))).await;
    let baris: Vec<&str> = html
        .split("<tr>")
        .filter(|b| b.contains("Hari pertama (revisi)"))
        .collect();
    assert_eq!(baris.len(), 1, "{backend}: {html}");
    assert!(
        baris[0].contains("2 Oktober 2029") && baris[0].contains("1.200"),
        "{backend}: {}",
        baris[0]
    );
    assert!(baris[0].contains(&format!("href=\"{ke}\"")), "{backend}");
    assert!(
        !html.contains("id=\"konten-baru\""),
        "{backend}: auditor has no form"
    );

    // Every step is in the audit log.
    for aksi in [
        "medsos.konten.tulis",
        "medsos.konten.ajukan",
        "medsos.konten.setujui",
        "medsos.konten.ubah",
        "medsos.konten.komentar",
        "medsos.konten.posting",
    ] {
        let a = s
            .posko
            .store()
            .cari_audit(None, Some(aksi), None, 10)
            .await
            .unwrap();
        assert!(!a.is_empty(), "{backend}: {aksi}");
    }
    let setujui = s
        .posko
        .store()
        .cari_audit(None, Some("medsos.konten.setujui"), None, 10)
        .await
        .unwrap();
    assert_eq!(setujui.len(), 2, "{backend}");
    assert!(
        setujui
            .iter()
            .all(|a| a.aktor == format!("user:{}", p_manajer2.id)),
        "{backend}: {setujui:?}"
    );

    // A draft for later, sent; the account's deactivation then moves
    // earlier: approving is refused, and a new draft after it too.
    let (st, ke_b) = post(
        &media,
        format!("{dasar}/konten"),
        vec![
            ("csrf", csrf_media.clone()),
            ("judul", "Debat kedua".into()),
            ("teks", "Saksikan debat kedua.".into()),
            ("akun", akun_s.clone()),
            ("rencana", "2029-11-10T19:00".into()),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}: {ke_b}");
    let kb: Uuid = ke_b.rsplit('/').next().unwrap().parse().unwrap();
    let (st, _) = post(
        &media,
        format!("{ke_b}/langkah"),
        vec![
            ("csrf", csrf_media.clone()),
            ("langkah", "ajukan".into()),
            ("catatan", String::new()),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}");
    s.posko
        .simpan_akun_medsos(
            &p_manajer,
            id,
            Some(akun),
            akun_baru(p_media.id, Some(time::macros::date!(2029 - 11 - 05))),
        )
        .await
        .unwrap();
    let sebelum = jumlah().await;
    let (st, body) = post(&manajer, format!("{ke_b}/langkah"), langkah("setujui", "")).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    assert!(body.contains("dinonaktifkan"), "{backend}: {body}");
    assert_eq!(
        konten(&s, &p_manajer, id, kb).await.status.slug(),
        "ditinjau",
        "{backend}"
    );
    let (st, body) = post(
        &manajer,
        format!("{dasar}/konten"),
        draf("2029-11-06T09:00", "Setelah nonaktif"),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
    assert!(body.contains("dinonaktifkan"), "{backend}: {body}");
    assert_eq!(jumlah().await, sebelum, "{backend}: nothing written");
    // Returned to its author needs a note.
    let (st, _) = post(
        &manajer,
        format!("{ke_b}/langkah"),
        langkah("kembalikan", ""),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let (st, _) = post(
        &manajer,
        format!("{ke_b}/langkah"),
        langkah("kembalikan", "majukan jadwalnya"),
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{backend}");
    assert_eq!(
        konten(&s, &p_manajer, id, kb).await.status.slug(),
        "draf",
        "{backend}"
    );

    // The auditor reads but writes nothing, pages and API alike.
    let (st, _) = teks(
        &auditor,
        s.url(&format!("/api/v1/pemilihan/{id}/medsos/konten")),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    let html = auditor
        .get(s.url(&ke_b))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("id=\"langkah-"), "{backend}");
    // Its CSRF token goes in a header: the policy refuses first anyway.
    let csrf_a = "x";
    for path in [
        format!("{dasar}/konten"),
        ke_b.clone(),
        format!("{ke_b}/langkah"),
        format!("{ke_b}/komentar"),
        format!("{ke_b}/posting"),
    ] {
        let (st, _) = kirim(
            &auditor,
            s.url(&path),
            &[("csrf", csrf_a), ("langkah", "setujui"), ("teks", "x")],
        )
        .await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{backend} {path}");
    }
    for path in [
        format!("/api/v1/pemilihan/{id}/medsos/konten"),
        format!("/api/v1/pemilihan/{id}/medsos/konten/{kb}/langkah"),
        format!("/api/v1/pemilihan/{id}/medsos/konten/{kb}/posting"),
    ] {
        let r = auditor
            .post(s.url(&path))
            .json(&serde_json::json!({"langkah": "setujui"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {path}");
    }

    // Roles outside the room: refused on every route of it.
    for peran in [
        Peran::Koordinator,
        Peran::Relawan,
        Peran::Saksi,
        Peran::Bendahara,
    ] {
        let c = s
            .user(
                &format!("uji.luar.{peran}").to_lowercase(),
                peran,
                cakupan(peran),
            )
            .await;
        for path in [
            format!("{dasar}/kalender"),
            ke_b.clone(),
            format!("/api/v1/pemilihan/{id}/medsos/konten"),
        ] {
            let (st, _) = teks(&c, s.url(&path)).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{backend} {peran} {path}");
        }
        for path in [format!("{dasar}/konten"), format!("{ke_b}/langkah")] {
            let (st, _) = kirim(&c, s.url(&path), &[("csrf", "x")]).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{backend} {peran} {path}");
        }
    }
}

per_backend!(the_api_and_a_required_review);
async fn the_api_and_a_required_review(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let manajer = s.client();
    let media = s
        .user("uji.media", Peran::Media, cakupan(Peran::Media))
        .await;
    let media2 = s
        .user("uji.media2", Peran::Media, cakupan(Peran::Media))
        .await;
    let p_manajer = pengguna(&s, "uji.manajer").await;
    let p_media = pengguna(&s, "uji.media").await;
    let p_media2 = pengguna(&s, "uji.media2").await;
    let akun = s
        .posko
        .simpan_akun_medsos(&p_manajer, id, None, akun_baru(p_media.id, None))
        .await
        .unwrap();
    // A reviewer must pass drafts, and only media2 reviews.
    s.posko
        .atur_medsos(
            &p_manajer,
            id,
            PengaturanMedsos {
                mulai_kampanye: time::macros::date!(2029 - 09 - 24),
                akhir_kampanye: time::macros::date!(2029 - 11 - 23),
                wajib_periksa: true,
                peninjau: vec![p_media2.id],
            },
        )
        .await
        .unwrap();
    let api = format!("/api/v1/pemilihan/{id}/medsos/konten");

    // 24 November is in the quiet period with these settings.
    let r = media
        .post(s.url(&api))
        .json(&serde_json::json!({
            "judul": "Terlambat", "teks": "x", "akun": [akun], "rencana": "2029-11-24T08:00"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    // Media: only a file uploaded for this election; the upload is a photo.
    let r = media
        .post(s.url(&format!(
            "/api/v1/pemilihan/{id}/medsos/media?nama=teks.txt"
        )))
        .body("bukan foto")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let r = media
        .post(s.url(&format!(
            "/api/v1/pemilihan/{id}/medsos/media?nama=poster.png"
        )))
        .body(png(3))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let v: serde_json::Value = r.json().await.unwrap();
    let foto = v["sha256"].as_str().unwrap().to_string();
    let r = media
        .post(s.url(&api))
        .json(&serde_json::json!({
            "judul": "Ajakan", "teks": "Ayo memilih.", "akun": [akun],
            "rencana": "2029-09-24T08:00", "media": ["cd".repeat(32)]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let r = media
        .post(s.url(&api))
        .json(&serde_json::json!({
            "judul": "Ajakan", "teks": "Ayo memilih.", "akun": [akun],
            "rencana": "2029-09-24T08:00", "media": [foto]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let k: serde_json::Value = r.json().await.unwrap();
    let k = k["id"].as_str().unwrap().to_string();
    // The file opens from its draft, and only there.
    let r = manajer
        .get(s.url(&format!("/pemilihan/{id}/medsos/konten/{k}/media/{foto}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["content-type"], "image/png", "{backend}");
    assert_eq!(r.bytes().await.unwrap().to_vec(), png(3), "{backend}");
    let r = manajer
        .get(s.url(&format!(
            "/pemilihan/{id}/medsos/konten/{k}/media/{}",
            "cd".repeat(32)
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    // A file added on the page is a new content version.
    let html = media
        .get(s.url(&format!("/pemilihan/{id}/medsos/konten/{k}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"tambah-media\""), "{backend}");
    let csrf = nilai_input(&html, "csrf");
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "berkas",
        reqwest::multipart::Part::bytes(png(4)).file_name("kedua.png"),
    );
    let r = media
        .post(s.url(&format!("/pemilihan/{id}/medsos/konten/{k}/media")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let ku: Uuid = k.parse().unwrap();
    let isi = konten(&s, &p_manajer, id, ku).await;
    assert_eq!(isi.media.len(), 2, "{backend}");
    assert_eq!(isi.versi_isi, 2, "{backend}");
    let langkah = |c: &Client, l: &'static str| {
        let c = c.clone();
        let url = s.url(&format!("{api}/{k}/langkah"));
        async move {
            c.post(url)
                .json(&serde_json::json!({"langkah": l, "catatan": ""}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(langkah(&media, "ajukan").await, StatusCode::OK, "{backend}");
    // Approval waits for the review.
    assert_eq!(
        langkah(&manajer, "setujui").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{backend}"
    );
    // Only the named reviewer reviews; the manager is not one.
    assert_eq!(
        langkah(&manajer, "periksa").await,
        StatusCode::FORBIDDEN,
        "{backend}"
    );
    assert_eq!(
        langkah(&media2, "periksa").await,
        StatusCode::OK,
        "{backend}"
    );
    assert_eq!(
        langkah(&manajer, "setujui").await,
        StatusCode::OK,
        "{backend}"
    );
    let r = media
        .post(s.url(&format!("{api}/{k}/posting")))
        .json(&serde_json::json!({"posting": [{"akun": akun, "url": "bukan alamat"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let r = media
        .post(s.url(&format!("{api}/{k}/posting")))
        .json(
            &serde_json::json!({"posting": [{"akun": akun, "url": "https://instagram.com/p/x1"}]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let daftar: serde_json::Value = manajer
        .get(s.url(&api))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let d = &daftar[0];
    assert_eq!(d["status"], "diposting", "{backend}: {daftar}");
    assert_eq!(d["rencana"], "2029-09-24T08:00", "{backend}");
    assert_eq!(d["penulis"], p_media.id.to_string(), "{backend}");
    assert_eq!(
        d["diposting"][0]["url"], "https://instagram.com/p/x1",
        "{backend}"
    );
    assert_eq!(
        d["diposting"][0]["oleh"],
        p_media.id.to_string(),
        "{backend}"
    );
    let langkah: Vec<&str> = d["riwayat"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["langkah"].as_str().unwrap())
        .collect();
    assert_eq!(
        langkah,
        ["tulis", "ubah", "ajukan", "periksa", "setujui", "posting"],
        "{backend}"
    );
}

/// A draft with long words, links and hashes fits a phone, in both
/// languages: the calendar and its page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_draft_fits_a_phone() {
    use crate::layar::{buka, chromium, periksa, ukuran};
    let Some(bin) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    s.user("uji.media", Peran::Media, cakupan(Peran::Media))
        .await;
    let p_manajer = pengguna(&s, "uji.manajer").await;
    let p_media = pengguna(&s, "uji.media").await;
    let akun = s
        .posko
        .simpan_akun_medsos(&p_manajer, id, None, akun_baru(p_media.id, None))
        .await
        .unwrap();
    let foto = s
        .posko
        .simpan_media_medsos(&p_media, id, "poster.png", png(1))
        .await
        .unwrap();
    let k = s
        .posko
        .tulis_konten_medsos(
            &p_media,
            id,
            None,
            posko_app::medsos::KontenBaru {
                judul: "Ajakan#PilkadaBandungDamaiJujurAdilBerintegritasTanpaPolitikUang".into(),
                teks: format!(
                    "Baris pertama.\n#{}\nBaris ketiga.",
                    "PemiluDamai".repeat(12)
                ),
                media: vec![foto],
                akun: vec![akun],
                rencana: time::macros::datetime!(2029-10-01 09:00),
                isu: Vec::new(),
            },
        )
        .await
        .unwrap();
    use posko_domain::medsos::LangkahKonten as L;
    s.posko
        .langkah_konten_medsos(&p_media, id, k, L::Ajukan, "")
        .await
        .unwrap();
    s.posko
        .langkah_konten_medsos(&p_manajer, id, k, L::Setujui, &"catatan".repeat(30))
        .await
        .unwrap();
    s.posko
        .komentar_konten_medsos(&p_media, id, k, &"komentarpanjang".repeat(20))
        .await
        .unwrap();
    s.posko
        .catat_posting_medsos(
            &p_media,
            id,
            k,
            vec![(
                akun,
                format!("https://www.instagram.com/p/{}/", "Cx".repeat(60)),
            )],
        )
        .await
        .unwrap();

    // A draft still open to edits: its forms (steps, media, edit) too.
    let k2 = s
        .posko
        .tulis_konten_medsos(
            &p_manajer,
            id,
            None,
            posko_app::medsos::KontenBaru {
                judul: "Draf terbuka".into(),
                teks: "Masih bisa diubah.".into(),
                media: Vec::new(),
                akun: vec![akun],
                rencana: time::macros::datetime!(2029-10-03 19:30),
                isu: Vec::new(),
            },
        )
        .await
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut c = crate::cdp::Cdp::start(bin, &work.path().join("profil"), &[]).await;
    c.call("Network.enable", serde_json::json!({})).await;
    let (nama, nilai) = s.cookie.split_once('=').unwrap();
    c.call(
        "Network.setCookie",
        serde_json::json!({"name": nama, "value": nilai, "url": s.url("/")}),
    )
    .await;
    let dasar = format!("/pemilihan/{id}/medsos");
    for path in [
        format!("{dasar}/kalender"),
        format!("{dasar}/konten/{k}"),
        format!("{dasar}/konten/{k2}"),
    ] {
        for bahasa in ["id", "en"] {
            ukuran(&mut c, 360, 800).await;
            let url = s.url(&format!("{path}?bahasa={bahasa}"));
            assert_eq!(buka(&mut c, &url).await, 200, "{url}");
            if path.ends_with(&k2.to_string()) {
                let ada = c
                    .eval("!!document.getElementById('tambah-media') && !!document.getElementById('ubah-konten')")
                    .await;
                assert_eq!(ada, serde_json::json!(true), "{url}");
            }
            assert_eq!(periksa(&mut c, 360).await, Vec::<String>::new(), "{url}");
        }
    }
}
