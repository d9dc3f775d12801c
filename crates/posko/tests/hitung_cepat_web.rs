//! The quick-count pages against the real server on real DKI Jakarta TPS:
//! design preview, the one-time draw, the sample as CSV, the estimate as
//! results arrive, and the embargo on the public summary.

use crate::common;

use std::sync::Arc;

use common::{client, client_with, nilai_input, pemilihan_gubernur, serve, shared_data, store_dki};
use posko_app::{Aktor, IsianHasil, NewPengguna, Posko};
use posko_domain::{Cakupan, FormulirHasil, KodeTps, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;
use time::OffsetDateTime;
use time::macros::datetime;

const UKURAN: usize = 400;
const MASUK: usize = 60;

fn jam(t: OffsetDateTime) -> Arc<dyn Fn() -> OffsetDateTime + Send + Sync> {
    Arc::new(move || t)
}

/// The share of paslon 1 after "1. Calon 1 – Wakil 1 — " on the page, as
/// a fraction.
fn bagian_paslon_1(html: &str) -> f64 {
    let key = "1. Calon 1 – Wakil 1</strong> — <strong>";
    let i = html
        .find(key)
        .unwrap_or_else(|| panic!("no headline: {html}"))
        + key.len();
    let angka = html[i..].split(" %").next().unwrap();
    angka.replace(',', ".").parse::<f64>().unwrap() / 100.0
}

/// Serves `posko` on a fresh port (the same store, another clock).
async fn layani(posko: Posko) -> String {
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { posko_web::serve(listener, posko).await });
    format!("http://{addr}")
}

per_backend!(design_draw_once_watch_and_release_after_the_embargo);
async fn design_draw_once_watch_and_release_after_the_embargo(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    // 14:00 WIB on election day: an hour before figures may go out.
    let sebelum = datetime!(2029-11-28 14:00 +7);
    let posko = store_dki(backend, &data, dir.path())
        .await
        .with_jam(jam(sebelum));
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let c = s.client();
    let halaman = format!("/pemilihan/{id}/hitung-cepat");
    let get = |path: String| {
        let c = c.clone();
        let url = s.url(&path);
        async move {
            let r = c.get(url).send().await.unwrap();
            let status = r.status();
            (status, r.text().await.unwrap())
        }
    };

    // No sample yet: the design form, and no draw button before a preview.
    let (st, body) = get(halaman.clone()).await;
    assert_eq!(st, StatusCode::OK, "{backend}: {body}");
    assert!(body.contains("name=\"stratifikasi\""), "{body}");
    assert!(body.contains("Pratinjau"), "{body}");
    assert!(!body.contains("Tarik sampel</button>"), "{body}");

    // Preview by size: the expected margin, the frame, the draw form.
    let (st, body) = get(format!(
        "{halaman}?stratifikasi=kab_kota&alokasi=proporsional_dpt&ukuran={UKURAN}&margin=&benih=20291128"
    ))
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert!(body.contains("Margin of error perkiraan"), "{body}");
    assert!(body.contains("poin</strong>"), "{body}");
    assert!(body.contains("13.023 TPS dalam 6 strata"), "{body}");
    assert!(body.contains("Tarik sampel</button>"), "{body}");
    assert!(body.contains("log audit"), "{body}");
    let csrf = nilai_input(&body, "csrf");
    assert_eq!(nilai_input(&body, "ukuran"), UKURAN.to_string());

    // Preview by target margin: Posko picks the size.
    let (st, body) = get(format!(
        "{halaman}?stratifikasi=kab_kota&alokasi=proporsional_dpt&ukuran=&margin=1%2C5&benih=1"
    ))
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert!(body.contains("Ukuran sampel</dt><dd>"), "{body}");
    // A design that cannot work says why, on the form.
    let (st, body) = get(format!(
        "{halaman}?stratifikasi=kecamatan&alokasi=merata&ukuran=3&benih=1"
    ))
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert!(body.contains("class=\"gagal\""), "{body}");

    // Campaign-internal: not for a coordinator, not for anonymous.
    let koordinator = s
        .client_as(
            "koord.pusat",
            vec![
                Penugasan::new(
                    Peran::Koordinator,
                    Cakupan::Wilayah(KodeWilayah::parse("31.71").unwrap()),
                )
                .unwrap(),
            ],
        )
        .await;
    for path in [
        halaman.clone(),
        format!("{halaman}/sampel.csv"),
        format!("/api/v1{halaman}"),
    ] {
        let r = koordinator.get(s.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let r = client()
        .get(s.url(&format!("/api/v1{halaman}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = client().get(s.url(&halaman)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // A draw without the form's token does nothing.
    let tarik = |csrf: String, benih: &'static str| {
        c.post(s.url(&format!("{halaman}/sampel")))
            .header("origin", s.url(""))
            .form(&[
                ("csrf", csrf.as_str()),
                ("stratifikasi", "kab_kota"),
                ("alokasi", "proporsional_dpt"),
                ("ukuran", &UKURAN.to_string()),
                ("benih", benih),
            ])
            .send()
    };
    let r = tarik("salah".into(), "20291128").await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        get(format!("{halaman}/sampel.csv")).await.0,
        StatusCode::NOT_FOUND
    );

    // The draw.
    let r = tarik(csrf.clone(), "20291128").await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    assert_eq!(r.headers()["location"], halaman.as_str());
    let (st, body) = get(halaman.clone()).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert!(body.contains(&format!("0 / {UKURAN}")), "{body}");
    assert!(body.contains("20291128"), "seed shown: {body}");
    assert!(
        body.contains("Internal — boleh dipublikasikan mulai 28-11-2029 15.00 WIB"),
        "{body}"
    );
    assert!(body.contains("Belum cukup"), "{body}");
    assert!(body.contains("data-langsung=\"/pemilihan/"), "{body}");

    let r = c
        .get(s.url(&format!("{halaman}/sampel.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let csv = r.text().await.unwrap();
    let mut baris = csv.lines();
    assert_eq!(baris.next(), Some("kode_tps,strata,dpt"));
    let sampel: Vec<(String, String)> = baris
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 3, "{l}");
            assert!(f[2].parse::<u32>().is_ok(), "{l}");
            (f[0].to_string(), f[1].to_string())
        })
        .collect();
    assert_eq!(sampel.len(), UKURAN);

    // A second draw is refused, plainly, and changes nothing.
    let r = tarik(csrf.clone(), "7").await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let body = r.text().await.unwrap();
    assert!(body.contains("tidak bisa ditarik ulang"), "{body}");
    let lagi = c
        .get(s.url(&format!("{halaman}/sampel.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(lagi, csv);

    // Before the embargo the public summary is refused, saying when.
    let r = client()
        .get(s.url(&format!("{halaman}/rilis")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let body = r.text().await.unwrap();
    assert!(body.contains("15.00 WIB"), "{body}");

    // Results for 60 sampled TPS, every stratum among them (round
    // robin over strata), paslon 1 between 55 % and 65 % everywhere.
    let mut per_strata: Vec<(String, Vec<String>)> = Vec::new();
    for (kode, strata) in &sampel {
        match per_strata.iter_mut().find(|(k, _)| k == strata) {
            Some((_, v)) => v.push(kode.clone()),
            None => per_strata.push((strata.clone(), vec![kode.clone()])),
        }
    }
    let mut pilih = Vec::new();
    let mut i = 0;
    while pilih.len() < MASUK {
        for (_, v) in &per_strata {
            if let Some(k) = v.get(i)
                && pilih.len() < MASUK
            {
                pilih.push(k.clone());
            }
        }
        i += 1;
    }
    let (pengirim, _) = s
        .posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "uji.pengirim".into(),
                nama: "Uji pengirim".into(),
                password: None,
                penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
                telepon: None,
            },
        )
        .await
        .unwrap();
    let (mut min, mut max) = (1.0f64, 0.0f64);
    let kirim = async |n: usize, kode: &String| {
        let sah = 150u32;
        let p1 = 83 + (n as u32 % 15); // 83..97 of 150: 55,3 %..64,7 %
        s.posko
            .kirim_hasil(
                &pengirim,
                IsianHasil {
                    pemilihan_id: id,
                    tps: KodeTps::parse(kode).unwrap(),
                    kunci_klien: format!("uji-hc-{kode}"),
                    formulir: FormulirHasil {
                        suara_paslon: vec![Some(p1), Some(sah - p1)],
                        suara_sah: Some(sah),
                        suara_tidak_sah: Some(3),
                        suara_total: Some(sah + 3),
                        ..Default::default()
                    },
                    alasan: None,
                    foto: Vec::new(),
                    sumber: "uji",
                },
            )
            .await
            .unwrap();
        f64::from(p1) / f64::from(sah)
    };
    for (n, kode) in pilih.iter().enumerate() {
        let p = kirim(n, kode).await;
        min = min.min(p);
        max = max.max(p);
    }

    // 60 of 400 in: most kecamatan have not reported enough, so their
    // share is bounded only by 0 and 100 %: no winner, the page says why.
    let (st, body) = get(halaman.clone()).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert!(body.contains(&format!("{MASUK} / {UKURAN}")), "{body}");
    assert!(!body.contains("Paslon 1 unggul"), "{body}");
    assert!(
        body.contains("kecamatan yang laporannya belum cukup"),
        "{body}"
    );
    assert!(
        body.contains("Menurut aturan: belum bisa disimpulkan"),
        "{body}"
    );
    // DKI Jakarta's gubernur needs more than half (the law's default).
    assert!(body.contains("lebih dari 50 % suara sah"), "{body}");
    assert!(body.contains("peluang di atas 50 %: "), "{body}");

    // The rest of the sample comes in.
    let sisa: Vec<String> = sampel
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| !pilih.contains(k))
        .collect();
    for (n, kode) in sisa.iter().enumerate() {
        let p = kirim(MASUK + n, kode).await;
        min = min.min(p);
        max = max.max(p);
    }
    let (st, body) = get(halaman.clone()).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert!(body.contains(&format!("{UKURAN} / {UKURAN}")), "{body}");
    assert!(
        !body.contains("kecamatan yang laporannya belum cukup"),
        "{body}"
    );
    assert!(body.contains("Menurut aturan: paslon 1 menang"), "{body}");
    assert!(body.contains("selang 95 % di atas 50 %"), "{body}");
    assert!(body.contains("selang 95 % di bawah 50 %"), "{body}");
    let p1 = bagian_paslon_1(&body);
    assert!(min <= p1 && p1 <= max, "{p1} outside [{min}, {max}]");
    assert!(body.contains("<svg class=\"hc-batang\""), "{body}");
    assert!(body.contains("<g class=\"galat\""), "error bars: {body}");
    assert!(body.contains("<svg class=\"hc-lintasan\""), "{body}");
    assert!(body.contains("<polyline"), "{body}");
    assert!(body.contains("Paslon 1 unggul"), "{body}");
    assert!(body.contains("Kedatangan per strata"), "{body}");
    // Each paslon in its one colour (as on the results page, war room and
    // maps), and the page's own number format only.
    for n in [1, 2] {
        let w = posko_domain::peta::warna_paslon(n).to_string();
        assert!(body.contains(&format!("fill=\"{w}\"")), "{w}: {body}");
    }
    assert!(
        !body.contains("#1f6feb") && !body.contains("#d1242f"),
        "{body}"
    );
    assert!(body.contains("selang 95 %: "), "{body}");
    for (i, _) in body.match_indices(" %") {
        let sebelum = &body[i.saturating_sub(3)..i];
        let b = sebelum.as_bytes();
        assert!(
            !(b.len() == 3 && b[1] == b'.' && b[0].is_ascii_digit() && b[2].is_ascii_digit()),
            "an English decimal on an Indonesian page: …{sebelum} %"
        );
    }
    let (st, en) = get(format!("{halaman}?bahasa=en")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(en.contains("95 % interval: "), "{en}");
    assert!(!en.contains("selang") && !en.contains(" laporan<"), "{en}");
    assert!(en.contains(" reports</text>"), "{en}");
    assert!(en.contains("WIB (UTC+7)"), "{en}");
    assert!(en.contains("more than 50 % of valid votes"), "{en}");
    assert!(en.contains("probability above 50 %: "), "{en}");
    assert!(en.contains("By the rule: pair 1 wins"), "{en}");

    // The JSON is a file that can be passed on: before 15:00 WIB it has
    // the rule and the arrivals but no figures.
    let api = format!("/api/v1{halaman}");
    let (st, json) = get(api.clone()).await;
    assert_eq!(st, StatusCode::OK, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["aturan"], "lebih_50");
    assert_eq!(v["ambang"], 0.5);
    assert_eq!(v["boleh_dipublikasikan"], false);
    assert_eq!(v["tps_masuk"], UKURAN);
    assert!(v["taksiran"].is_null(), "{json}");
    assert!(
        v["embargo_sampai"]
            .as_str()
            .unwrap()
            .starts_with("2029-11-28T08:00:00"),
        "{json}"
    );

    // After 15:00 WIB, the same store: the summary may go out.
    let sesudah = s
        .posko
        .clone()
        .with_jam(jam(datetime!(2029-11-28 15:00 +7)));
    let url = layani(sesudah).await;
    let r = client()
        .get(format!("{url}{halaman}/rilis"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.unwrap();
    assert!(body.contains("Calon 1"), "{body}");
    assert!(body.contains(" ± "), "{body}");
    assert!(body.contains(&format!("{UKURAN} / {UKURAN}")), "{body}");
    assert!(body.contains("20291128"), "{body}");
    // The public summary states the rule and what it concludes.
    assert!(body.contains("lebih dari 50 % suara sah"), "{body}");
    assert!(body.contains("Menurut aturan: paslon 1 menang"), "{body}");
    assert!(body.contains("peluang di atas 50 %: "), "{body}");
    let body = client_with(&s.cookie)
        .get(format!("{url}{halaman}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("Sudah boleh dipublikasikan"), "{body}");
    // After it, the figures with each paslon's probability of passing 50 %.
    let json = client_with(&s.cookie)
        .get(format!("{url}/api/v1{halaman}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let t = &v["taksiran"];
    assert_eq!(t["kesimpulan"], "menang", "{json}");
    assert_eq!(t["paslon"], 0, "{json}");
    assert_eq!(t["per_paslon"].as_array().unwrap().len(), 2, "{json}");
    let p = &t["per_paslon"][0];
    assert_eq!(p["nomor_urut"], 1);
    assert!(p["peluang"].as_f64().unwrap() > 0.975, "{json}");
    assert_eq!(p["selang_di_atas"], true);
    assert!(p["bawah"].as_f64().unwrap() > 0.5, "{json}");
    assert!(
        t["per_paslon"][1]["peluang"].as_f64().unwrap() < 0.025,
        "{json}"
    );
    // The internal page never depended on the clock.
    assert_eq!(get(halaman.clone()).await.0, StatusCode::OK);
}
