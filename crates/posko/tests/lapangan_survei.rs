//! An electability survey through the real server, on both backends:
//! the manager creates it and draws the sample with a published seed;
//! an interviewer given one desa sees only its respondents and sends
//! interviews through the form (a resend lands once, an answer the
//! question lacks is refused naming it); the results page and API show
//! weighted shares with margins; an interviewer never sees the results.

use crate::common;
use crate::dana_web::siapkan;

use common::{nilai_input, serve, store};
use posko_domain::{Cakupan, Dpt, Jejak, JenisKelamin, KodeTps, KodeWilayah, Pemilih, Peran};
use posko_storage::Tps;
use reqwest::StatusCode;
use serde_json::Value;

async fn teks(r: reqwest::Response) -> (StatusCode, String) {
    let st = r.status();
    (st, r.text().await.unwrap())
}

per_backend!(survei_lewat_server);
async fn survei_lewat_server(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko).await;
    let jejak = Jejak::new("system", "uji", "uji", "1", "uji", b"x");
    for n in 1..=2u8 {
        posko
            .simpan_paslon(
                &posko_app::Aktor::system(),
                id,
                posko_app::NewPaslon {
                    nomor_urut: posko_domain::NomorUrut::new(n).unwrap(),
                    calon_kepala: posko_domain::NamaCalon::parse_field(&format!("Calon {n}"), "c")
                        .unwrap(),
                    calon_wakil: posko_domain::NamaCalon::parse_field(&format!("Wakil {n}"), "w")
                        .unwrap(),
                },
            )
            .await
            .unwrap();
    }
    let tps = KodeTps::parse("32.73.01.1001-001").unwrap();
    posko
        .store()
        .simpan_tps(
            &[Tps {
                kode: tps,
                dpt: Dpt::new(Some(100), Some(100), Some(200)).unwrap(),
                alamat: None,
                lokasi: None,
            }],
            &jejak,
        )
        .await
        .unwrap();
    let mut muat = posko.store().muat_pemilih().await.unwrap();
    muat.tambah(
        (1..=200u32)
            .map(|i| Pemilih {
                tps,
                urut: i,
                nama: format!("PEMILIH {i}"),
                jenis_kelamin: if i % 2 == 0 {
                    JenisKelamin::Perempuan
                } else {
                    JenisKelamin::Laki
                },
                tanggal_lahir: None,
                usia: Some(18 + (i % 60) as u8),
                alamat: Some(format!("JL. MELATI NO. {i}")),
                rt: None,
                rw: None,
                nik_tersamar: None,
            })
            .collect(),
    )
    .await
    .unwrap();
    muat.selesai(&jejak).await.unwrap();
    let s = serve(posko, dir).await;
    let m = s.client();
    let desa = KodeWilayah::parse("32.73.01.1001").unwrap();
    let pewawancara = s
        .user("uji.pewawancara", Peran::Relawan, Cakupan::Wilayah(desa))
        .await;
    let (p_id, _) = s
        .posko
        .store()
        .cari_login("uji.pewawancara")
        .await
        .unwrap()
        .unwrap();
    let dasar = format!("/pemilihan/{id}/lapangan/survei");

    let (st, html) = teks(m.get(s.url(&dasar)).send().await.unwrap()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    let csrf = nilai_input(&html, "csrf");
    let r = m
        .post(s.url(&dasar))
        .form(&[
            ("csrf", csrf.as_str()),
            ("judul", "Survei uji"),
            ("ukuran", "120"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let survei = r.headers()["location"].to_str().unwrap().to_string();
    let r = m
        .post(s.url(&format!("{survei}/tarik")))
        .form(&[("csrf", csrf.as_str()), ("benih", "bukan angka")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let r = m
        .post(s.url(&format!("{survei}/tarik")))
        .form(&[("csrf", csrf.as_str()), ("benih", "42")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let (_, html) = teks(m.get(s.url(&survei)).send().await.unwrap()).await;
    assert!(
        html.contains("id=\"benih\">42<"),
        "{backend}: the seed published"
    );
    // Until the first interview the questions are made again from the
    // election's own: with its doorstep questions, then without again.
    let pertanyaan = |html: &str| {
        let i = html.find("id=\"kuesioner\"").unwrap();
        html[i..html[i..].find("</ol>").unwrap() + i]
            .matches("<li>")
            .count()
    };
    assert_eq!(pertanyaan(&html), 1, "{backend}: the vote choice alone");
    assert!(
        html.contains(&format!("action=\"{survei}/pertanyaan\"")),
        "{backend}"
    );
    for (pintu, lebih) in [("ya", true), ("", false)] {
        let r = m
            .post(s.url(&format!("{survei}/pertanyaan")))
            .form(&[("csrf", csrf.as_str()), ("survei_pintu", pintu)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
        let (_, html) = teks(m.get(s.url(&survei)).send().await.unwrap()).await;
        assert_eq!(
            pertanyaan(&html) > 1,
            lebih,
            "{backend}: doorstep questions '{pintu}'"
        );
    }
    let r = m
        .post(s.url(&format!("{survei}/pewawancara")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("wilayah", "32.73.01.1001"),
            ("pengguna", &p_id.id.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");

    // The interviewer's page: their respondents, one offline form.
    let (st, html) = teks(
        pewawancara
            .get(s.url(&format!("{survei}/wawancara")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(
        html.contains("data-antrean") && html.contains("PEMILIH "),
        "{backend}"
    );
    let csrf_p = nilai_input(&html, "csrf");
    let mut responden: Vec<String> = html
        .match_indices("<option value=\"32.73.01.1001-001/")
        .map(|(i, _)| html[i + 15..].chars().take_while(|c| *c != '"').collect())
        .collect();
    responden.dedup();
    assert_eq!(responden.len(), 120, "{backend}");
    // An answer the question lacks is refused, naming it.
    let r = pewawancara
        .post(s.url(&format!("{survei}/wawancara")))
        .form(&[
            ("csrf", csrf_p.as_str()),
            ("responden", responden[0].as_str()),
            ("hasil", "selesai"),
            ("q_pilihan", "paslon-9"),
        ])
        .send()
        .await
        .unwrap();
    let (st, html) = teks(r).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(html.contains("paslon-9"), "{backend}");
    for (i, v) in responden.iter().enumerate() {
        let pilihan = if i % 3 == 0 { "paslon-1" } else { "paslon-2" };
        for _ in 0..(1 + usize::from(i == 0)) {
            let r = pewawancara
                .post(s.url(&format!("{survei}/wawancara")))
                .form(&[
                    ("csrf", csrf_p.as_str()),
                    ("responden", v.as_str()),
                    ("hasil", "selesai"),
                    ("q_pilihan", pilihan),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{backend}");
        }
    }
    // Answers were given to these questions: they stay; an interviewer
    // never remakes them.
    let r = m
        .post(s.url(&format!("{survei}/pertanyaan")))
        .form(&[("csrf", csrf.as_str()), ("survei_pintu", "ya")])
        .send()
        .await
        .unwrap();
    let (st, galat) = teks(r).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(galat.contains("120 wawancara"), "{backend}: {galat}");
    let r = pewawancara
        .post(s.url(&format!("{survei}/pertanyaan")))
        .form(&[("csrf", csrf_p.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let (_, html) = teks(m.get(s.url(&survei)).send().await.unwrap()).await;
    assert!(
        !html.contains("/pertanyaan\""),
        "{backend}: no form once answered"
    );
    assert_eq!(pertanyaan(&html), 1, "{backend}");

    // The results: weighted shares with margins; not for the interviewer.
    let api = format!("/api/v1{}/hasil", survei);
    let h: Value = m
        .get(s.url(&api))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(h["selesai"], 120, "{backend}: the resend counted once");
    assert_eq!(h["benih"], 42, "{backend}");
    let p1 = &h["pertanyaan"][0]["opsi"][0];
    assert_eq!(p1["kode"], "paslon-1", "{backend}");
    let (bagian, margin) = (
        p1["bagian"].as_f64().unwrap(),
        p1["margin"].as_f64().unwrap(),
    );
    assert!(
        (0.2..0.5).contains(&bagian) && margin > 0.05 && margin < 0.15,
        "{backend}: {p1}"
    );
    let (st, html) = teks(m.get(s.url(&survei)).send().await.unwrap()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(html.contains("id=\"timbangan\""), "{backend}: weighted");
    assert_eq!(
        pewawancara.get(s.url(&api)).send().await.unwrap().status(),
        StatusCode::FORBIDDEN,
        "{backend}"
    );
    assert_eq!(
        pewawancara
            .get(s.url(&survei))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN,
        "{backend}"
    );
}
