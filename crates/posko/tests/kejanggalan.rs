//! The review queue of suspicious results (`/pemilihan/ID/kejanggalan/KODE`)
//! through the real server on every backend: the same form photo at two
//! TPS (byte for byte, or re-encoded) is queued with both TPS linked; a
//! decision is stored with who took it, audited, and takes the flag out
//! of the open list; the TPS page lists its flags; and nobody outside the
//! reviewers' roles and areas sees the queue or decides.

use crate::common;

use common::{nilai_input, serve, shared_data, store_dki};
use posko_app::Aktor;
use posko_domain::{Cakupan, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;
use serde_json::{Value, json};

const TPS_A: &str = "3171011001001";
const TPS_B: &str = "3171011001002";
const TPS_C: &str = "3171011001003";

fn tugas(peran: Peran, cakupan: &str) -> Vec<Penugasan> {
    vec![Penugasan::new(peran, Cakupan::parse(cakupan).unwrap()).unwrap()]
}

/// A real JPEG with some structure (so its dHash has both kinds of bits).
fn jpeg(kualitas: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(320, 240, |x, y| {
        let v = ((x / 40 + y / 30) % 2) as u8 * 120 + (x % 97) as u8;
        image::Rgb([v, v / 2, 255 - v])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, kualitas)
        .encode_image(&img)
        .unwrap();
    out
}

/// A saksi of `tps` uploads `foto` and sends a result with it.
async fn kirim(
    s: &common::TestServer,
    id: uuid::Uuid,
    tps: &str,
    foto: Vec<u8>,
    suara: [u32; 2],
    backend: &str,
) {
    let saksi = s
        .client_as(&format!("saksi.{tps}"), tugas(Peran::Saksi, tps))
        .await;
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps}/foto")))
        .body(foto)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let hash = r.json::<Value>().await.unwrap()["foto"]
        .as_str()
        .unwrap()
        .to_string();
    let [a, b] = suara;
    let r = saksi
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps}/hasil")))
        .json(&json!({
            "kunci_klien": format!("kej-{tps}"),
            "foto": [hash],
            "formulir": {"suara_paslon": [a, b], "suara_sah": a + b, "suara_tidak_sah": 3, "suara_total": a + b + 3}
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
}

async fn teks(c: &reqwest::Client, url: String) -> (StatusCode, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// The flags of a queue page: (check, subject) of each card.
fn kartu(html: &str) -> Vec<(String, String)> {
    html.split("data-cek=\"")
        .skip(1)
        .map(|s| {
            let cek = s.split('"').next().unwrap().to_string();
            let sasaran = s
                .split("data-sasaran=\"")
                .nth(1)
                .and_then(|x| x.split('"').next())
                .unwrap()
                .to_string();
            (cek, sasaran)
        })
        .collect()
}

async fn siapkan(backend: &'static str) -> Option<(common::TestServer, uuid::Uuid)> {
    let data = shared_data()?;
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    // The same photo at A and B; at C the same picture saved again at
    // another quality (other bytes, same dHash neighbourhood).
    kirim(&s, id, TPS_A, jpeg(90), [120, 98], backend).await;
    kirim(&s, id, TPS_B, jpeg(90), [101, 117], backend).await;
    kirim(&s, id, TPS_C, jpeg(55), [99, 130], backend).await;
    Some((s, id))
}

per_backend!(kejanggalan_a_shared_photo_is_queued_decided_and_audited);
async fn kejanggalan_a_shared_photo_is_queued_decided_and_audited(backend: &'static str) {
    let Some((s, id)) = siapkan(backend).await else {
        return;
    };
    let manajer = s.client();
    let dasar = format!("/pemilihan/{id}/kejanggalan/31");
    let (st, html) = teks(&manajer, s.url(&dasar)).await;
    assert_eq!(st, StatusCode::OK, "{backend}: {html}");
    let foto: Vec<String> = kartu(&html)
        .into_iter()
        .filter(|(c, _)| c == "foto_sama")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        foto,
        [
            "31.71.01.1001-001",
            "31.71.01.1001-002",
            "31.71.01.1001-003"
        ],
        "{backend}: {html}"
    );
    for tps in [TPS_A, TPS_B, TPS_C] {
        assert!(
            html.contains(&format!("href=\"/pemilihan/{id}/tps/{tps}\"")),
            "{backend}: a link to the TPS page of {tps}"
        );
    }
    assert!(html.contains("Foto formulir yang sama persis"), "{backend}");
    assert!(
        html.contains("Foto formulir sangat mirip"),
        "{backend}: the re-encoded copy"
    );
    assert!(html.contains("Gambir"), "{backend}: names, not codes");
    assert!(!html.to_lowercase().contains("curang"), "{backend}");

    // Filtered by check and by area.
    let (_, html) = teks(&manajer, s.url(&format!("{dasar}?cek=kembar"))).await;
    assert!(kartu(&html).is_empty(), "{backend}: {html}");
    let (_, html) = teks(&manajer, s.url(&format!("{dasar}?wilayah=31.72"))).await;
    assert!(kartu(&html).is_empty(), "{backend}");
    let (_, html) = teks(
        &manajer,
        s.url(&format!("{dasar}?wilayah=31.71&cek=foto_sama")),
    )
    .await;
    assert_eq!(kartu(&html).len(), 3, "{backend}");

    // The TPS page lists its flag.
    let (_, tps) = teks(&manajer, s.url(&format!("/pemilihan/{id}/tps/{TPS_A}"))).await;
    assert!(
        tps.contains("Foto formulir yang sama persis juga dikirim untuk TPS 31.71.01.1001-002"),
        "{backend}"
    );

    // A decision: stored with who and when, audited, out of the open list.
    let jumlah_audit = || {
        let posko = s.posko.clone();
        async move {
            posko
                .store()
                .daftar_audit(0, 100_000)
                .await
                .unwrap()
                .iter()
                .filter(|e| e.aksi == "kejanggalan.putus")
                .count()
        }
    };
    assert_eq!(jumlah_audit().await, 0);
    let (_, html) = teks(&manajer, s.url(&dasar)).await;
    let csrf = nilai_input(&html, "csrf");
    let r = manajer
        .post(s.url(&format!("{dasar}/putus")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("cek", "foto_sama"),
            ("sasaran", "31.71.01.1001-002"),
            ("keputusan", "dinaikkan"),
            ("kembali", &dasar),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{backend}: {}",
        r.text().await.unwrap()
    );
    assert_eq!(jumlah_audit().await, 1, "{backend}");
    let (_, html) = teks(&manajer, s.url(&dasar)).await;
    assert!(
        !kartu(&html).contains(&("foto_sama".into(), "31.71.01.1001-002".into())),
        "{backend}: decided, so out of the open list"
    );
    let (_, html) = teks(&manajer, s.url(&format!("{dasar}?status=semua"))).await;
    assert!(
        kartu(&html).contains(&("foto_sama".into(), "31.71.01.1001-002".into())),
        "{backend}"
    );
    assert!(
        html.contains("Dinaikkan oleh uji.manajer"),
        "{backend}: {html}"
    );

    // A flag that does not stand cannot be decided.
    let r = manajer
        .post(s.url(&format!("{dasar}/putus")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("cek", "kembar"),
            ("sasaran", "31.71.01.1001-002"),
            ("keputusan", "diabaikan"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    assert_eq!(jumlah_audit().await, 1, "{backend}");

    // The file: every flag, with the decision, logged as a download.
    let r = manajer
        .get(s.url(&format!("{dasar}/xlsx?status=semua")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "{backend}");
    let unduh = s
        .posko
        .store()
        .daftar_audit(0, 100_000)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.aksi == "kejanggalan.unduh")
        .count();
    assert_eq!(unduh, 1, "{backend}");

    // The results page links the queue with its open count.
    let (_, rekap) = teks(&manajer, s.url(&format!("/pemilihan/{id}/hasil/31"))).await;
    assert!(rekap.contains(&format!("href=\"{dasar}\"")), "{backend}");
}

per_backend!(kejanggalan_only_reviewers_in_their_area_see_or_decide);
async fn kejanggalan_only_reviewers_in_their_area_see_or_decide(backend: &'static str) {
    let Some((s, id)) = siapkan(backend).await else {
        return;
    };
    let dasar = format!("/pemilihan/{id}/kejanggalan/31.71");
    let (_, html) = teks(&s.client(), s.url(&dasar)).await;
    let csrf_manajer = nilai_input(&html, "csrf");
    assert!(!csrf_manajer.is_empty());
    let putus = |c: reqwest::Client, csrf: String| {
        let url = s.url(&format!("{dasar}/putus"));
        async move {
            c.post(url)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("cek", "foto_sama"),
                    ("sasaran", "31.71.01.1001-001"),
                    ("keputusan", "diabaikan"),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let saksi = s.client_as("saksi.lihat", tugas(Peran::Saksi, TPS_A)).await;
    let koordinator = s
        .user(
            "koord.kec",
            Peran::Koordinator,
            Cakupan::Wilayah(KodeWilayah::parse("31.71.01").unwrap()),
        )
        .await;
    let verifier = s
        .user(
            "verif.kota",
            Peran::Verifier,
            Cakupan::Wilayah(KodeWilayah::parse("31.71").unwrap()),
        )
        .await;
    for (nama, c) in [
        ("saksi", &saksi),
        ("koordinator", &koordinator),
        ("verifier", &verifier),
    ] {
        for url in [
            dasar.clone(),
            format!("/pemilihan/{id}/kejanggalan/31.71.01"),
            format!("/pemilihan/{id}/kejanggalan/31.71.01.1001/xlsx"),
        ] {
            let (st, _) = teks(c, s.url(&url)).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{backend}: {nama} {url}");
        }
        // The client sends its session's CSRF token as a header; the
        // policy refuses before the form is read.
        assert_eq!(
            putus(c.clone(), String::new()).await,
            StatusCode::FORBIDDEN,
            "{backend}: {nama}"
        );
    }
    // The saksi's own TPS page says nothing about the queue.
    let (st, tps) = teks(&saksi, s.url(&format!("/pemilihan/{id}/tps/{TPS_A}"))).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(!tps.contains("Foto formulir yang sama"), "{backend}");
    // Anonymous: never the queue.
    let (st, _) = teks(&common::client(), s.url(&dasar)).await;
    assert_ne!(st, StatusCode::OK, "{backend}");

    // An auditor of another city sees nothing of this one …
    let auditor_lain = s
        .user(
            "audit.utara",
            Peran::Auditor,
            Cakupan::Wilayah(KodeWilayah::parse("31.72").unwrap()),
        )
        .await;
    let (st, _) = teks(&auditor_lain, s.url(&dasar)).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{backend}");
    let (st, html) = teks(
        &auditor_lain,
        s.url(&format!("/pemilihan/{id}/kejanggalan/31.72")),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(kartu(&html).is_empty(), "{backend}: {html}");
    // … and one of this city reads it but may not decide.
    let auditor = s
        .user(
            "audit.pusat",
            Peran::Auditor,
            Cakupan::Wilayah(KodeWilayah::parse("31.71").unwrap()),
        )
        .await;
    let (st, html) = teks(&auditor, s.url(&dasar)).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert_eq!(
        kartu(&html)
            .iter()
            .filter(|(c, _)| c == "foto_sama")
            .count(),
        3,
        "{backend}"
    );
    assert!(
        !html.contains("name=\"keputusan\""),
        "{backend}: no decision buttons"
    );
    // The client sends its session's CSRF token as a header.
    assert_eq!(
        putus(auditor.clone(), String::new()).await,
        StatusCode::FORBIDDEN,
        "{backend}"
    );
    let keputusan = s
        .posko
        .store()
        .daftar_keputusan_kejanggalan(id)
        .await
        .unwrap();
    assert!(keputusan.is_empty(), "{backend}: nothing was decided");
}
