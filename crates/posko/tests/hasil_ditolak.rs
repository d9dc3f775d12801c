//! Results that must not reach the totals, and results whose totals must
//! be flagged, on every backend, through every door a result comes in by
//! (issue 20 §0): a form with another number of paslon than the election
//! is refused with 422 (web form, JSON API) or a reply naming the count
//! (SMS), and no region's totals move; an SMS without JML whose numbers
//! add up to more than the TPS can hold is stored, flagged, and the reply
//! says why.

use crate::common;

use common::{shared_data, store_dki};
use posko_app::Posko;
use posko_domain::{Cakupan, KodeTps, Penugasan, Peran};
use posko_web::gerbang::Gerbang;
use reqwest::StatusCode;
use reqwest::multipart::Form;
use serde_json::{Value, json};

const SAKSI_HP: &str = "+6281234567890";
const TPS: &str = "3171011001001";
const TOKEN: &str = "token-gerbang-uji";

/// Serves `posko` with the plain HTTP gateway (it takes the reply in its
/// response); the server stops when the handle drops.
async fn serve(posko: Posko) -> (String, tokio::task::JoinHandle<()>) {
    let g = Gerbang {
        sms_gateway: None,
        token_http: Some(TOKEN.into()),
        telegram: None,
    };
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let h = tokio::spawn(async move {
        let _ = posko_web::serve_dengan(listener, posko, g).await;
    });
    (format!("http://{addr}"), h)
}

/// One SMS through the HTTP gateway: (status, reply).
async fn sms(base: &str, id: &str, teks: &str) -> (String, String) {
    let j: Value = reqwest::Client::new()
        .post(format!("{base}/webhooks/http"))
        .bearer_auth(TOKEN)
        .json(&json!({"id": id, "dari": SAKSI_HP, "teks": teks}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        j["status"].as_str().unwrap_or_default().to_string(),
        j["balasan"].as_str().unwrap_or_default().to_string(),
    )
}

/// The totals of the desa, the kecamatan, the kota and the province, as
/// the results pages read them.
async fn rekap(c: &reqwest::Client, base: &str, id: uuid::Uuid) -> Vec<Value> {
    let mut out = Vec::new();
    for kode in ["31.71.01.1001", "31.71.01", "31.71", "31"] {
        let v: Value = c
            .get(format!("{base}/api/v1/pemilihan/{id}/rekap/{kode}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        out.push(v["rekap"].clone());
    }
    out
}

per_backend!(a_form_with_the_wrong_number_of_paslon_is_refused_and_no_total_moves);
async fn a_form_with_the_wrong_number_of_paslon_is_refused_and_no_total_moves(
    backend: &'static str,
) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::dengan_saksi(&posko, dir.path(), &[("Siti Aminah", SAKSI_HP, TPS)]).await;
    let (base, server) = serve(posko.clone()).await;
    let role = Penugasan::new(Peran::Saksi, Cakupan::parse(TPS).unwrap()).unwrap();
    let c = common::client_with(&common::sign_in(&posko, "saksi.web", vec![role]).await);
    let manajer = Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap();
    let m = common::client_with(&common::sign_in(&posko, "uji.manajer", vec![manajer]).await);
    let api = format!("{base}/api/v1/pemilihan/{id}/tps/{TPS}/hasil");
    let kirim = |kunci: &str, paslon: Value| {
        let body = json!({"kunci_klien": kunci, "formulir": {"suara_paslon": paslon, "suara_tidak_sah": 3}});
        c.post(&api).json(&body).send()
    };

    // A good form first: the totals have something to keep.
    let r = kirim("k-baik-0001", json!([120, 98])).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let sebelum = rekap(&m, &base, id).await;
    assert_eq!(sebelum[0]["angka"]["sah"], 218, "{backend}: {}", sebelum[0]);
    assert_eq!(sebelum[3]["angka"]["suara"], json!([120, 98]), "{backend}");

    // Three figures for two paslon (the post that moved a desa's `sah`
    // from 20,727 to 50,505), a thousand, one, none: each refused with
    // the count named, as a new result and as a correction.
    let seribu: Vec<u32> = vec![1; 1000];
    for (kunci, paslon, ada) in [
        ("k-tiga-0001", json!([10, 20, 30000]), 3),
        ("k-seribu-01", json!(seribu), 1000),
        ("k-satu-0001", json!([10]), 1),
        ("k-kosong-01", json!([]), 0),
    ] {
        let r = kirim(kunci, paslon).await.unwrap();
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: {kunci}"
        );
        let body = r.text().await.unwrap();
        assert!(
            body.contains(&format!(
                "formulir berisi {ada} kolom suara paslon, padahal pemilihan ini diikuti 2 paslon; isi tepat 2 angka suara paslon"
            )),
            "{backend}: {body}"
        );
    }

    // The saksi's web form, with a third field added by hand.
    let form_url = format!("{base}/pemilihan/{id}/tps/{TPS}/kirim");
    let html = c.get(&form_url).send().await.unwrap().text().await.unwrap();
    assert!(
        !html.contains("suara_paslon.2"),
        "{backend}: two fields only"
    );
    let form = Form::new()
        .text("csrf", common::nilai_input(&html, "csrf"))
        .text("kunci_klien", "k-web-00001")
        .text("suara_paslon.0", "10")
        .text("suara_paslon.1", "20")
        .text("suara_paslon.2", "30000")
        .text("suara_tidak_sah", "0");
    let r = c.post(&form_url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let body = r.text().await.unwrap();
    assert!(
        body.contains("padahal pemilihan ini diikuti 2 paslon"),
        "{backend}: {body}"
    );

    // By SMS: refused before anything is stored, the count named.
    let (status, balasan) = sms(&base, "gw-tiga", "HASIL 3171011001-001 10 20 3000 TS 0").await;
    assert_eq!(status, "galat", "{backend}: {balasan}");
    assert!(
        balasan.starts_with("Diharapkan 2 angka suara paslon, diterima 3."),
        "{backend}: {balasan}"
    );

    // Nothing was stored, and no region's totals moved.
    let tps = KodeTps::parse(TPS).unwrap();
    assert_eq!(
        posko.riwayat_hasil(id, tps).await.unwrap().len(),
        1,
        "{backend}"
    );
    assert_eq!(rekap(&m, &base, id).await, sebelum, "{backend}");
    server.abort();
}

per_backend!(an_oversized_sms_is_flagged_and_the_reply_says_why);
async fn an_oversized_sms_is_flagged_and_the_reply_says_why(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::dengan_saksi(&posko, dir.path(), &[("Siti Aminah", SAKSI_HP, TPS)]).await;
    let (base, server) = serve(posko.clone()).await;
    let tps = KodeTps::parse(TPS).unwrap();
    let dpt = posko
        .store()
        .ambil_tps(tps)
        .await
        .unwrap()
        .unwrap()
        .dpt
        .total()
        .unwrap();
    assert!(dpt < 600, "{backend}: {dpt}");

    // A plausible result is thanked, with nothing flagged.
    let (status, balasan) = sms(&base, "gw-wajar", "HASIL 3171011001-001 120 98 TS 4").await;
    assert_eq!(status, "diterima", "{backend}: {balasan}");
    assert!(
        balasan.ends_with("TS=4. Total 222. Terima kasih."),
        "{backend}: {balasan}"
    );

    // Without JML the total is what the numbers imply: 19,998 votes at a
    // TPS of a few hundred voters. Stored (the paper says what it says),
    // flagged, and the saksi is told what was flagged.
    let (status, balasan) = sms(&base, "gw-besar", "HASIL 3171011001-001 9999 9999 TS 0").await;
    assert_eq!(status, "diterima", "{backend}: {balasan}");
    assert_eq!(
        balasan,
        format!(
            "Diterima TPS 3171011001-001: 01=9999 02=9999 TS=0. Total 19998. DITANDAI: total melebihi DPT {dpt}+2,5%, melebihi batas 600/TPS. Bila salah, kirim ulang."
        ),
        "{backend}"
    );
    assert!(balasan.len() <= 160, "{backend}: one SMS");
    let riwayat = posko.riwayat_hasil(id, tps).await.unwrap();
    let k = riwayat.last().unwrap();
    assert_eq!(k.sumber, "http", "{backend}");
    for kode in ["total_melebihi_dpt", "total_melebihi_batas_tps"] {
        assert!(
            k.temuan.iter().any(|t| t == kode),
            "{backend}: {:?}",
            k.temuan
        );
    }
    let h = posko.ambil_hasil_tps(id, tps).await.unwrap().unwrap();
    assert_eq!(
        h.jumlah_temuan, 3,
        "{backend}: blank V.A and the two totals"
    );

    // The same rule holds for a form without V.C from the API.
    let role = Penugasan::new(Peran::Saksi, Cakupan::parse(TPS).unwrap()).unwrap();
    let c = common::client_with(&common::sign_in(&posko, "saksi.web", vec![role]).await);
    let r: Value = c
        .post(format!("{base}/api/v1/pemilihan/{id}/tps/{TPS}/hasil"))
        .json(&json!({"kunci_klien": "k-besar-001", "formulir": {"suara_paslon": [400, 300], "suara_sah": 700, "suara_tidak_sah": 1}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kode: Vec<&str> = r["temuan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kode"].as_str().unwrap())
        .collect();
    assert!(
        kode.contains(&"total_melebihi_batas_tps") && kode.contains(&"total_melebihi_dpt"),
        "{backend}: {r}"
    );
    server.abort();
}

per_backend!(a_calon_tunggal_form_carries_the_blank_box);
async fn a_calon_tunggal_form_carries_the_blank_box(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &posko_app::Aktor::system(), "31", 1).await;
    let (base, server) = serve(posko.clone()).await;
    let role = Penugasan::new(Peran::Saksi, Cakupan::parse(TPS).unwrap()).unwrap();
    let c = common::client_with(&common::sign_in(&posko, "saksi.tunggal", vec![role]).await);
    // The saksi's form has the paslon and the blank box.
    let html = c
        .get(format!("{base}/pemilihan/{id}/tps/{TPS}/kirim"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("suara_paslon.1") && html.contains("kolom kosong"),
        "{backend}: {html}"
    );
    assert!(!html.contains("suara_paslon.2"), "{backend}");
    let api = format!("{base}/api/v1/pemilihan/{id}/tps/{TPS}/hasil");
    // The paslon alone is not the whole ballot.
    let r = c
        .post(&api)
        .json(&json!({"kunci_klien": "k-tunggal-1", "formulir": {"suara_paslon": [150], "suara_tidak_sah": 2}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("pemilihan calon tunggal ini punya 2: suara paslon dan suara kolom kosong"),
        "{backend}"
    );
    // With the blank box it is stored and counted.
    let r = c
        .post(&api)
        .json(&json!({"kunci_klien": "k-tunggal-2", "formulir": {"suara_paslon": [150, 40], "suara_sah": 190, "suara_tidak_sah": 2, "suara_total": 192}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let h: Value = r.json().await.unwrap();
    assert_eq!(h["temuan"], json!([]), "{backend}: {h}");
    let manajer = Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap();
    let m = common::client_with(&common::sign_in(&posko, "uji.manajer", vec![manajer]).await);
    let r = rekap(&m, &base, id).await;
    assert_eq!(r[3]["angka"]["sah"], 190, "{backend}: {}", r[3]);
    assert_eq!(r[3]["tps_masuk"], 1, "{backend}");
    server.abort();
}
