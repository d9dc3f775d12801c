//! Election day through the real server, on every backend: C.Hasil by the
//! JSON API and by the saksi's web form with photos, revisions, resends,
//! refusals, and the live totals checked against the real 2019 results of
//! Kota Bandung (every TPS, figures verified by KawalPemilu volunteers).

use crate::common;

use std::collections::HashMap;

use common::{serve, shared_data, store};
use posko_app::{Aktor, ImportRequest, NewPaslon, NewPemilihan};
use posko_domain::{Cakupan, JenisPemilihan, KodeWilayah, NamaCalon, NomorUrut, Penugasan, Peran};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

/// One row of the real results file.
struct Baris {
    desa: String,
    kec: String,
    tps: u16,
    dpt: Option<u32>,
    kp: Option<[u32; 4]>,
    /// KPU's own tally (pas1, pas2, sah, tidak sah).
    kpu: Option<[u32; 4]>,
}

fn bandung(data: &std::path::Path) -> Vec<Baris> {
    let text = std::fs::read_to_string(
        data.join("hasil/kawalpemilu2019_pilpres_tps_dki_bandung_surabaya_named.csv"),
    )
    .unwrap();
    let num = |s: &str| s.parse::<u32>().ok();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[3] == "32.73")
        .map(|c| Baris {
            desa: c[0].to_string(),
            kec: c[2].to_string(),
            tps: c[9].parse().unwrap(),
            dpt: num(c[12]),
            kp: match (num(c[13]), num(c[14]), num(c[15]), num(c[16])) {
                (Some(a), Some(b), Some(s), Some(t)) => Some([a, b, s, t]),
                _ => None,
            },
            kpu: match (num(c[18]), num(c[19]), num(c[20]), num(c[21])) {
                (Some(a), Some(b), Some(s), Some(t)) => Some([a, b, s, t]),
                _ => None,
            },
        })
        .collect()
}

/// Kota Bandung's regions and TPS, and a two-paslon walikota election.
async fn setup(
    posko: &posko_app::Posko,
    data: &std::path::Path,
    dir: &std::path::Path,
    rows: &[Baris],
) -> uuid::Uuid {
    let all = std::fs::read_to_string(data.join("wilayah/wilayah.csv")).unwrap();
    let mut lines = all.lines();
    let mut w = format!("{}\n", lines.next().unwrap());
    for l in lines.filter(|l| l.starts_with("32,") || l.starts_with("32.73")) {
        w.push_str(l);
        w.push('\n');
    }
    std::fs::write(dir.join("w.csv"), w).unwrap();
    let r = posko
        .import_wilayah(
            &Aktor::system(),
            &dir.join("w.csv"),
            ImportRequest::default(),
        )
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let mut t = String::from("kode_desa,tps_no,dpt_total\n");
    for b in rows {
        t.push_str(&format!(
            "{},{},{}\n",
            b.desa,
            b.tps,
            b.dpt.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    std::fs::write(dir.join("t.csv"), t).unwrap();
    let r = posko
        .import_tps(
            &Aktor::system(),
            &dir.join("t.csv"),
            ImportRequest::default(),
        )
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let p = posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Walikota,
                wilayah: kw("32.73"),
                nama: None,
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap();
    for (n, a, b) in [
        (1, "Calon Satu", "Wakil Satu"),
        (2, "Calon Dua", "Wakil Dua"),
    ] {
        posko
            .simpan_paslon(
                &Aktor::system(),
                p.id,
                NewPaslon {
                    nomor_urut: NomorUrut::new(n).unwrap(),
                    calon_kepala: NamaCalon::parse_field(a, "calon").unwrap(),
                    calon_wakil: NamaCalon::parse_field(b, "wakil").unwrap(),
                },
            )
            .await
            .unwrap();
    }
    p.id
}

fn undotted(desa: &str, tps: u16) -> String {
    format!("{}{tps:03}", desa.replace('.', ""))
}

per_backend!(real_bandung_results_through_the_api_add_up_at_every_level);
async fn real_bandung_results_through_the_api_add_up_at_every_level(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let rows = bandung(&data);
    assert_eq!(rows.len(), 7_107);
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = setup(&posko, &data, dir.path(), &rows).await;
    let s = serve(posko, dir).await;
    let client = s.client();
    // One real photo of a form, referenced by every submission (the
    // evidence pack below embeds it).
    let photo = client
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/3273011001001/foto")))
        .body(jpeg_kamera(600, 800))
        .send()
        .await
        .unwrap();
    assert_eq!(photo.status(), StatusCode::CREATED, "{backend}");
    let hash = photo.json::<Value>().await.unwrap()["foto"]
        .as_str()
        .unwrap()
        .to_string();
    let started = std::time::Instant::now();
    // Eight phones at once, each sending its share of the TPS.
    let with_kp: Vec<&Baris> = rows.iter().filter(|b| b.kp.is_some()).collect();
    let mut tasks = Vec::new();
    for chunk in with_kp.chunks(with_kp.len().div_ceil(8)) {
        let jobs: Vec<(String, Value)> = chunk
            .iter()
            .map(|b| {
                let [a, c, sah, ts] = b.kp.unwrap();
                (
                    s.url(&format!(
                        "/api/v1/pemilihan/{id}/tps/{}/hasil",
                        undotted(&b.desa, b.tps)
                    )),
                    json!({
                        "kunci_klien": format!("kp-{}-{}", b.desa, b.tps),
                        "foto": [hash],
                        "formulir": {
                            "suara_paslon": [a, c],
                            "suara_sah": sah,
                            "suara_tidak_sah": ts,
                            "dpt": {"jumlah": b.dpt},
                        }
                    }),
                )
            })
            .collect();
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            for (url, body) in jobs {
                let r = client.post(&url).json(&body).send().await.unwrap();
                assert_eq!(
                    r.status(),
                    StatusCode::CREATED,
                    "{url}: {}",
                    r.text().await.unwrap()
                );
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    eprintln!(
        "{backend}: {} submissions through the API in {:.1} s",
        with_kp.len(),
        started.elapsed().as_secs_f64()
    );

    // Independent sums from the file, per kecamatan, desa and city.
    let mut expect: HashMap<String, [u64; 5]> = HashMap::new();
    for b in &with_kp {
        let [a, c, sah, ts] = b.kp.unwrap();
        for k in ["32.73", b.kec.as_str(), b.desa.as_str()] {
            let e = expect.entry(k.to_string()).or_default();
            e[0] += 1;
            e[1] += u64::from(a);
            e[2] += u64::from(c);
            e[3] += u64::from(sah);
            e[4] += u64::from(ts);
        }
    }
    let city: Value = client
        .get(s.url(&format!("/api/v1/pemilihan/{id}/rekap/32.73")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let got = |r: &Value| {
        [
            r["tps_masuk"].as_u64().unwrap(),
            r["angka"]["suara"][0].as_u64().unwrap(),
            r["angka"]["suara"][1].as_u64().unwrap(),
            r["angka"]["sah"].as_u64().unwrap(),
            r["angka"]["tidak_sah"].as_u64().unwrap(),
        ]
    };
    assert_eq!(got(&city["rekap"]), expect["32.73"], "{backend}: city");
    assert_eq!(city["jumlah_tps"], 7_107);
    let mut checked = 1;
    for anak in city["anak"].as_array().unwrap() {
        let kec = anak["wilayah"]["kode"].as_str().unwrap();
        assert_eq!(got(&anak["rekap"]), expect[kec], "{backend}: {kec}");
        checked += 1;
        let v = s.posko.rekap_view(id, Some(kw(kec))).await.unwrap();
        for (w, r, _) in &v.anak {
            let k = w.kode.to_string();
            let e = expect.get(&k).copied().unwrap_or_default();
            assert_eq!(
                [
                    r.tps_masuk,
                    r.angka.suara[0],
                    r.angka.suara[1],
                    r.angka.sah,
                    r.angka.tidak_sah
                ],
                e,
                "{backend}: {k}"
            );
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        1 + 30 + 151,
        "{backend}: city, kecamatan and desa all checked"
    );

    verify_all_through_the_api(&s, id, &with_kp).await;
    official_count_differences(&s, id, &rows, backend).await;
}

/// Two verifiers read every form (blind, through the JSON API) and agree
/// with the saksi: every TPS becomes verified.
async fn verify_all_through_the_api(s: &common::TestServer, id: uuid::Uuid, rows: &[&Baris]) {
    let started = std::time::Instant::now();
    let mut tasks = Vec::new();
    for (n, chunk) in rows.chunks(rows.len().div_ceil(12)).enumerate() {
        let mut clients = Vec::new();
        for who in ["a", "b"] {
            let role = Penugasan::new(Peran::Verifier, Cakupan::parse("32.73").unwrap()).unwrap();
            clients.push(s.client_as(&format!("verif.{who}{n}"), vec![role]).await);
        }
        let jobs: Vec<(String, [u32; 4])> = chunk
            .iter()
            .map(|b| {
                let url = format!("/api/v1/verifikasi/{id}/tps/{}", undotted(&b.desa, b.tps));
                (s.url(&url), b.kp.unwrap())
            })
            .collect();
        tasks.push(tokio::spawn(async move {
            for (url, [a, c, sah, ts]) in jobs {
                for (i, client) in clients.iter().enumerate() {
                    let tugas: Value = client.get(&url).send().await.unwrap().json().await.unwrap();
                    // Blind: the task names the photo, never a figure.
                    assert!(tugas.get("angka").is_none() && tugas.get("suara").is_none());
                    let r: Value = client
                        .post(&url)
                        .json(&json!({"kiriman_id": tugas["kiriman_id"], "suara": [a, c], "sah": sah, "tidak_sah": ts}))
                        .send()
                        .await
                        .unwrap()
                        .json()
                        .await
                        .unwrap();
                    let expect = if i == 0 { "menunggu" } else { "terverifikasi" };
                    assert_eq!(r["hasil"], expect, "{url}: {r}");
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    eprintln!(
        "{} forms read twice through the API in {:.1} s",
        rows.len(),
        started.elapsed().as_secs_f64()
    );
}

/// The KPU's own tallies imported as the official count: the discrepancy
/// list (as the XLSX a lawyer downloads) is exactly the TPS where the file's
/// two figures differ, most votes moved first; the kecamatan with the most
/// of them gets an evidence pack naming each.
async fn official_count_differences(
    s: &common::TestServer,
    id: uuid::Uuid,
    rows: &[Baris],
    backend: &str,
) {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("kode_desa,tps_no,kpu_pas1,kpu_pas2,kpu_sah,kpu_tidak_sah\n");
    for b in rows {
        if let Some([a, c, sah, ts]) = b.kpu {
            csv.push_str(&format!("{},{},{a},{c},{sah},{ts}\n", b.desa, b.tps));
        }
    }
    let file = dir.path().join("kpu.csv");
    std::fs::write(&file, csv).unwrap();
    let r = s
        .posko
        .import_resmi(&Aktor::system(), id, &file, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{backend}: {:?}", r.problems);

    // Independently from the file: where both figures exist and differ.
    let mut expect: Vec<(u64, String, String)> = rows
        .iter()
        .filter_map(|b| {
            let (kp, kpu) = (b.kp?, b.kpu?);
            (kp != kpu).then(|| {
                let moved = u64::from(kp[0].abs_diff(kpu[0])) + u64::from(kp[1].abs_diff(kpu[1]));
                let tps = format!("{}-{:03}", b.desa, b.tps);
                (moved, tps, b.kec.clone())
            })
        })
        .collect();
    expect.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    assert!(
        expect.len() > 100,
        "{backend}: the file has real differences"
    );

    let xlsx = s
        .client()
        .get(s.url(&format!("/pemilihan/{id}/selisih/32.73/xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK, "{backend}");
    let bytes = xlsx.bytes().await.unwrap().to_vec();
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = wb.worksheet_range("Selisih").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let moved_col = header.iter().position(|h| h == "Suara bergeser").unwrap();
    let got: Vec<(u64, String)> = sheet
        .rows()
        .skip(1)
        .map(|r| {
            (
                r[moved_col].to_string().parse::<f64>().unwrap() as u64,
                r[0].to_string(),
            )
        })
        .collect();
    let want: Vec<(u64, String)> = expect.iter().map(|(m, t, _)| (*m, t.clone())).collect();
    assert_eq!(
        got.len(),
        want.len(),
        "{backend}: number of TPS that differ"
    );
    assert_eq!(got, want, "{backend}: the same TPS, most votes moved first");
    eprintln!(
        "{backend}: {} TPS differ from the official count",
        got.len()
    );

    // The evidence pack of the kecamatan with the most differences.
    let mut per_kec: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, tps, kec) in &expect {
        per_kec.entry(kec.as_str()).or_default().push(tps.as_str());
    }
    let (kec, list) = per_kec.iter().max_by_key(|(k, v)| (v.len(), *k)).unwrap();
    let r = s
        .client()
        .get(s.url(&format!("/pemilihan/{id}/selisih/{kec}/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = lopdf::Document::load_mem(&r.bytes().await.unwrap()).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    assert!(
        pages.len() > list.len(),
        "{backend}: a summary, then a page per TPS"
    );
    let text = pdf.extract_text(&pages).unwrap().replace(['\n', ' '], "");
    for tps in list {
        // Printed as 10-digit desa code + TPS number.
        let printed = format!("{}-{}", tps[..13].replace('.', ""), &tps[14..]);
        assert!(text.contains(&printed), "{backend}: {printed} in the pack");
    }
    let images = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|st| {
            st.dict
                .get(b"Subtype")
                .and_then(lopdf::Object::as_name)
                .ok()
                == Some(b"Image")
        })
        .count();
    assert_eq!(
        images,
        list.len(),
        "{backend}: each TPS's photo is in the pack"
    );
    // A whole city is not one pack: objections are filed per kecamatan.
    let r = s
        .client()
        .get(s.url(&format!("/pemilihan/{id}/selisih/32.73/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(r.text().await.unwrap().contains("per kecamatan"));
}

/// A real JPEG the size of a phone camera's, with detail that does not
/// compress away (so a preview has something to shrink).
fn jpeg_kamera(lebar: u32, tinggi: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(lebar, tinggi, |x, y| {
        let v = ((x ^ y) >> 2) as u8;
        image::Rgb([v, v.wrapping_mul(3), 255 - v])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

fn jpeg() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0];
    v.extend_from_slice(&[7; 2048]);
    v
}

per_backend!(saksi_sends_by_form_with_photos_and_bad_input_is_refused_clearly);
async fn saksi_sends_by_form_with_photos_and_bad_input_is_refused_clearly(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let rows: Vec<Baris> = bandung(&data)
        .into_iter()
        .filter(|b| b.desa == "32.73.01.1001")
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = setup(&posko, &data, dir.path(), &rows).await;
    let s = serve(posko, dir).await;
    let tps1 = "3273011001001";
    let c = s
        .user("saksi.satu", Peran::Saksi, Cakupan::parse(tps1).unwrap())
        .await;
    let form_url = s.url(&format!("/pemilihan/{id}/tps/{tps1}/kirim"));
    let html = c.get(&form_url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("C.Hasil TPS 32.73.01.1001-001"), "{backend}");
    assert!(
        html.contains("suara_paslon.1"),
        "{backend}: a field per paslon"
    );
    let csrf = common::nilai_input(&html, "csrf");
    let form = |fields: &[(&str, &str)], photos: Vec<Vec<u8>>| {
        let mut f = Form::new().text("csrf", csrf.clone());
        for (k, v) in fields {
            f = f.text(k.to_string(), v.to_string());
        }
        for p in photos {
            f = f.part("foto", Part::bytes(p).file_name("c-hasil.jpg"));
        }
        f
    };
    let post = |f: Form| c.post(&form_url).multipart(f).send();

    // Letters and negatives: refused with the field named, nothing stored.
    let r = post(form(
        &[
            ("kunci_klien", "k-0000001"),
            ("suara_paslon.0", "1O2"),
            ("suara_paslon.1", "-5"),
        ],
        vec![],
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let body = r.text().await.unwrap();
    assert!(
        body.contains("&#39;1O2&#39; bukan angka") || body.contains("'1O2' bukan angka"),
        "{backend}: {body}"
    );
    assert!(body.contains("tidak boleh negatif"), "{backend}");
    // A PDF is not a photo.
    let r = post(form(
        &[("kunci_klien", "k-0000002"), ("suara_paslon.0", "1")],
        vec![b"%PDF-1.7 ...".to_vec()],
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(r.text().await.unwrap().contains("bukan foto"), "{backend}");
    assert!(
        s.posko
            .riwayat_hasil(id, posko_domain::KodeTps::parse(tps1).unwrap())
            .await
            .unwrap()
            .is_empty()
    );

    // A form that does not add up is stored and flagged, with photos.
    let fields = [
        ("kunci_klien", "k-0000003"),
        ("suara_paslon.0", "120"),
        ("suara_paslon.1", "98"),
        ("suara_sah", "210"),
        ("suara_tidak_sah", "4"),
        ("suara_total", "214"),
    ];
    let r = post(form(&fields, vec![jpeg(), jpeg()])).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let body = r.text().await.unwrap();
    assert!(
        body.contains("revisi 1 dengan 1 foto"),
        "{backend}: the same photo twice is one photo: {body}"
    );
    assert!(
        body.contains("tidak sama dengan suara sah"),
        "{backend}: {body}"
    );
    // Sent again (the phone did not see the answer): nothing new.
    let r = post(form(&fields, vec![jpeg()])).await.unwrap();
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("sudah diterima sebelumnya"),
        "{backend}"
    );
    // The photo is served to those who may see the TPS.
    let hist: Value = c
        .get(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps1}/hasil")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(hist["riwayat"].as_array().unwrap().len(), 1, "{backend}");
    assert_eq!(hist["hasil"]["jumlah_temuan"], 1, "{backend}");
    let hash = hist["riwayat"][0]["foto"][0].as_str().unwrap().to_string();
    let r = c
        .get(s.url(&format!("/pemilihan/{id}/tps/{tps1}/foto/{hash}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.bytes().await.unwrap().to_vec(), jpeg());

    // A saksi cannot send for the next TPS, by form or by API.
    let other = format!("/pemilihan/{id}/tps/3273011001002/kirim");
    let r = c.get(s.url(&other)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let r = c
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/3273011001002/hasil")))
        .json(&json!({"kunci_klien": "k-0000009", "formulir": {"suara_paslon": [1, 2]}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    // The API names what is wrong with a bad body.
    let r = c
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps1}/hasil")))
        .json(&json!({"kunci_klien": "k-0000010", "formulir": {"suara_paslon": [-1, 2]}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(
        r.text().await.unwrap().contains("bukan C.Hasil yang sah"),
        "{backend}"
    );
    // A correction: revision 2, the first kept.
    let r = c
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps1}/hasil")))
        .json(&json!({
            "kunci_klien": "k-0000011",
            "alasan": "salah salin suara sah",
            "foto": [hash],
            "formulir": {"suara_paslon": [120, 98], "suara_sah": 218, "suara_tidak_sah": 4, "suara_total": 222}
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let h: Value = r.json().await.unwrap();
    assert_eq!(h["kiriman"]["revisi"], 2, "{backend}");
    assert_eq!(h["temuan"].as_array().unwrap().len(), 0, "{backend}");
    let page = s
        .client()
        .get(s.url(&format!("/pemilihan/{id}/hasil/32.73.01.1001")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("TPS 001") && page.contains("revisi 2"),
        "{backend}: {page}"
    );
    assert!(page.contains("55,0 %"), "{backend}: 120 of 218 valid votes");

    // Check-in and an incident, then what the coordinator sees.
    let r = c
        .post(s.url(&format!("/pemilihan/{id}/tps/{tps1}/checkin")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("pesan=checkin"),
        "{backend}"
    );
    let r = c
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps1}/insiden")))
        .json(&json!({"kategori": "bom", "teks": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{backend}: unknown category"
    );
    let r = c
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps1}/insiden")))
        .json(&json!({"kategori": "saksi_dihalangi", "teks": "Saksi paslon 2 ditahan di pintu 20 menit", "foto": [hash]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let r = c
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/3273011001002/checkin")))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "{backend}: not their TPS"
    );
    let pantau = s
        .client()
        .get(s.url(&format!("/pemilihan/{id}/pantau/32.73.01.1001")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let n = rows.len();
    assert!(
        pantau.contains(&format!("Di 1 dari {n} TPS saksinya sudah hadir")),
        "{backend}: {pantau}"
    );
    assert!(pantau.contains("ditahan di pintu"), "{backend}");
    let belum: Vec<&str> = pantau
        .split("<tr class=\"baris-tps\">")
        .skip(1)
        .map(|r| &r[..r.find("</tr>").unwrap()])
        .collect();
    assert!(
        belum.iter().any(|r| r.contains("/tps/3273011001002\"")),
        "{backend}: TPS 2 has nobody yet"
    );
    assert!(
        !belum.iter().any(|r| r.contains("/tps/3273011001001\"")),
        "{backend}"
    );
}

per_backend!(two_blind_readings_verify_and_disagreement_goes_to_a_supervisor);
async fn two_blind_readings_verify_and_disagreement_goes_to_a_supervisor(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let rows: Vec<Baris> = bandung(&data)
        .into_iter()
        .filter(|b| b.desa == "32.73.01.1001")
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = setup(&posko, &data, dir.path(), &rows).await;
    let s = serve(posko, dir).await;
    let verifier = |n: &str| {
        let role = Penugasan::new(Peran::Verifier, Cakupan::parse("32.73.01").unwrap()).unwrap();
        (n.to_string(), vec![role])
    };
    let (a_name, a_roles) = verifier("verif.ani");
    let (b_name, b_roles) = verifier("verif.budi");
    let ani = s.client_as(&a_name, a_roles).await;
    let budi = s.client_as(&b_name, b_roles).await;
    let manager = s.client();

    // The manager enters two TPS from the paper, with a phone-sized photo.
    let photo = manager
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/3273011001001/foto")))
        .body(jpeg_kamera(3000, 4000))
        .send()
        .await
        .unwrap();
    assert_eq!(photo.status(), StatusCode::CREATED, "{backend}");
    let hash = photo.json::<Value>().await.unwrap()["foto"]
        .as_str()
        .unwrap()
        .to_string();
    for (tps, kunci) in [("3273011001001", "v-000001"), ("3273011001002", "v-000002")] {
        let r = manager
            .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{tps}/hasil")))
            .json(&json!({
                "kunci_klien": kunci, "foto": [hash],
                "formulir": {"suara_paslon": [120, 98], "suara_sah": 218, "suara_tidak_sah": 4, "suara_total": 222}
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    }
    // Verifiers read from a smaller preview; the original
    // stays byte for byte.
    let foto = format!("/pemilihan/{id}/tps/3273011001001/foto/{hash}");
    let asli = ani.get(s.url(&foto)).send().await.unwrap();
    assert_eq!(asli.status(), StatusCode::OK, "{backend}");
    let asli = asli.bytes().await.unwrap();
    assert_eq!(posko_domain::audit::sha256_hex(&asli), hash);
    for _ in 0..2 {
        // Made on the first request, then served from the cache.
        let r = ani
            .get(s.url(&format!("{foto}?ukuran=pratinjau")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{backend}");
        assert_eq!(r.headers()["content-type"], "image/jpeg");
        let kecil = r.bytes().await.unwrap();
        assert!(
            kecil.len() * 2 < asli.len(),
            "{} vs {}",
            kecil.len(),
            asli.len()
        );
        let img = image::load_from_memory(&kecil).unwrap();
        assert_eq!((img.width(), img.height()), (1200, 1600), "{backend}");
    }
    let r = ani
        .get(s.url(&format!("{foto}?ukuran=raksasa")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    // Nobody verifies their own submission.
    let own = manager
        .get(s.url(&format!("/verifikasi/{id}/tps/3273011001001")))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), StatusCode::FORBIDDEN, "{backend}");

    let read = |c: reqwest::Client, tps: &'static str, votes: [u32; 4]| {
        let url = s.url(&format!("/verifikasi/{id}/tps/{tps}"));
        async move {
            let html = c.get(&url).send().await.unwrap().text().await.unwrap();
            // Blind: the saksi's figures are not on the page.
            // (as a value or text; random tokens may contain the digits)
            for n in ["120", "98", "218"] {
                assert!(
                    !html.contains(&format!("value=\"{n}\"")) && !html.contains(&format!(">{n}<")),
                    "{n} shown: {html}"
                );
            }
            assert!(html.contains("/foto/"), "the photo is shown");
            let field = |name: &str| common::nilai_input(&html, name);
            let (csrf, kiriman) = (field("csrf"), field("kiriman_id"));
            c.post(&url)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("kiriman_id", kiriman.as_str()),
                    ("suara_paslon.0", &votes[0].to_string()),
                    ("suara_paslon.1", &votes[1].to_string()),
                    ("suara_sah", &votes[2].to_string()),
                    ("suara_tidak_sah", &votes[3].to_string()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let loc = |r: &reqwest::Response| r.headers()["location"].to_str().unwrap().to_string();
    // TPS 1: both read what the saksi sent → verified.
    let r = read(ani.clone(), "3273011001001", [120, 98, 218, 4]).await;
    assert!(loc(&r).ends_with("pesan=menunggu"), "{backend}");
    let again = read(ani.clone(), "3273011001001", [120, 98, 218, 4]).await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{backend}: one reading per verifier"
    );
    let r = read(budi.clone(), "3273011001001", [120, 98, 218, 4]).await;
    assert!(loc(&r).ends_with("pesan=terverifikasi"), "{backend}");
    // TPS 2: the photo says 89, the saksi typed 98 → disputed.
    read(ani.clone(), "3273011001002", [120, 89, 209, 4]).await;
    let r = read(budi.clone(), "3273011001002", [120, 89, 209, 4]).await;
    assert!(loc(&r).ends_with("pesan=bermasalah"), "{backend}");

    let r = s
        .posko
        .rekap_view(id, Some(kw("32.73")))
        .await
        .unwrap()
        .rekap;
    assert_eq!(
        (r.tps_masuk, r.tps_terverifikasi, r.tps_bermasalah),
        (2, 1, 1),
        "{backend}"
    );
    assert_eq!(r.angka_terverifikasi.suara, [120, 98], "{backend}");

    // The supervisor sees the differences and settles on the photo's figures.
    let page = manager
        .get(s.url(&format!("/verifikasi/{id}/tps/3273011001002/sengketa")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // Names, and the differing figures marked in the table (not
    // repeated as text).
    assert!(
        page.contains("Uji verif.ani") && page.contains("class=\"num beda\""),
        "{backend}: {page}"
    );
    let field = |name: &str| common::nilai_input(&page, name);
    let r = manager
        .post(s.url(&format!("/verifikasi/{id}/tps/3273011001002/sengketa")))
        .form(&[
            ("csrf", field("csrf").as_str()),
            ("kiriman_id", field("kiriman_id").as_str()),
            ("suara_paslon.0", "120"),
            ("suara_paslon.1", "89"),
            ("suara_sah", "209"),
            ("suara_tidak_sah", "4"),
            ("alasan", "foto jelas: 89"),
        ])
        .send()
        .await
        .unwrap();
    assert!(loc(&r).ends_with("pesan=diputus"), "{backend}");
    let r = s
        .posko
        .rekap_view(id, Some(kw("32.73")))
        .await
        .unwrap()
        .rekap;
    assert_eq!((r.tps_terverifikasi, r.tps_bermasalah), (2, 0), "{backend}");
    assert_eq!(r.angka_terverifikasi.suara, [240, 187], "{backend}");
    assert_eq!(
        r.angka.suara,
        [240, 187],
        "{backend}: best figures follow the verified ones"
    );
    // A verifier cannot settle disputes.
    let r = ani
        .get(s.url(&format!("/verifikasi/{id}/tps/3273011001002/sengketa")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");

    // A form without a photo has nothing to read: not in the queue.
    let r = manager
        .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/3273011001003/hasil")))
        .json(&json!({"kunci_klien": "v-000003", "formulir": {"suara_paslon": [1, 2]}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let queue = ani
        .get(s.url(&format!("/verifikasi/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        queue.contains("Tidak ada formulir yang menunggu"),
        "{backend}: {queue}"
    );
    assert!(
        !queue.contains("32.73.01.1001-003"),
        "{backend}: photo-less form queued"
    );
}
