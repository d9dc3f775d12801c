//! The doorstep survey per election against the real server on real DKI
//! Jakarta data, on every backend: the built-in questions until a manager
//! adds one, bad questions refused by field, the walk list asking the
//! election's questions, visits checked against them, a retired question
//! whose answers stay counted, and the results per area.

use crate::common;

use common::{
    client_with, nilai_input, pemilihan_gubernur, serve, shared_data, sign_in, store_dki,
};
use posko_app::Aktor;
use posko_domain::{
    Cakupan, Jejak, JenisKelamin, KodeTps, KodeWilayah, NikTersamar, Pemilih, Penugasan, Peran,
    nama_kunci,
};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::macros::date;

const TPS: &str = "3171011001001";

fn pemilih(urut: u32) -> Pemilih {
    Pemilih {
        tps: KodeTps::parse(TPS).unwrap(),
        urut,
        nama: nama_kunci(&format!("Warga {urut}")),
        jenis_kelamin: JenisKelamin::Perempuan,
        tanggal_lahir: Some(date!(1990 - 01 - 02)),
        usia: None,
        alamat: Some(format!("JL. MELATI {urut}")),
        rt: Some(2),
        rw: Some(1),
        nik_tersamar: Some(NikTersamar::parse("317101**********").unwrap()),
    }
}

fn kunjungan(urut: u32, jawaban: Value) -> Value {
    json!({
        "id": uuid::Uuid::now_v7().to_string(),
        "tps": TPS,
        "urut": urut,
        "hasil": "bertemu",
        "jawaban": jawaban,
        "waktu": time::OffsetDateTime::now_utc().unix_timestamp() - 60,
    })
}

/// The `<td>` texts of the answer rows of the results table of `kode`.
fn hasil_soal(html: &str, kode: &str) -> Vec<(String, String)> {
    let awal = html
        .find(&format!("<table class=\"daftar\" data-soal=\"{kode}\">"))
        .unwrap_or_else(|| panic!("no results for '{kode}':\n{html}"));
    let tabel = &html[awal..awal + html[awal..].find("</table>").unwrap()];
    tabel
        .split("<tr>")
        .skip(2)
        .map(|tr| {
            let sel: Vec<&str> = tr
                .split("<td")
                .skip(1)
                .map(|c| {
                    let c = &c[c.find('>').unwrap() + 1..];
                    &c[..c.find("</td>").unwrap()]
                })
                .collect();
            (sel[0].to_string(), sel[1].to_string())
        })
        .collect()
}

per_backend!(survey_questions_per_election_drive_walk_list_sync_and_results);
async fn survey_questions_per_election_drive_walk_list_sync_and_results(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let pid = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let posko = &s.posko;
    let mut m = posko.store().muat_pemilih().await.unwrap();
    m.tambah((1..=4).map(pemilih).collect()).await.unwrap();
    m.selesai(&Jejak::new(
        "uji",
        "import.dpt",
        "berkas",
        "uji",
        "uji",
        b"",
    ))
    .await
    .unwrap();
    let desa = Cakupan::Wilayah(KodeWilayah::parse("31.71.01.1001").unwrap());
    let rina_cookie = sign_in(
        posko,
        "rina.relawan",
        vec![Penugasan::new(Peran::Relawan, desa).unwrap()],
    )
    .await;
    let (manajer, _) = posko
        .store()
        .cari_login("uji.manajer")
        .await
        .unwrap()
        .unwrap();
    let (rina, _) = posko
        .store()
        .cari_login("rina.relawan")
        .await
        .unwrap()
        .unwrap();
    posko
        .tambah_relawan(&manajer, "Rina", desa, Some(rina.id))
        .await
        .unwrap();
    let rina = client_with(&rina_cookie);
    let mgr = client_with(&s.cookie);
    let url = s.url(&format!("/pemilihan/{pid}/survei"));

    // The election page links to its survey; the three built-in
    // questions until the campaign changes something.
    let page = mgr
        .get(s.url(&format!("/pemilihan/{pid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("href=\"/pemilihan/{pid}/survei\"")));
    let page = mgr.get(&url).send().await.unwrap().text().await.unwrap();
    for kode in ["isu", "kenal", "datang"] {
        assert!(
            page.contains(&format!("<tr data-soal=\"{kode}\">")),
            "{backend}"
        );
    }
    assert!(page.contains("tiga pertanyaan bawaan"), "{backend}");
    let csrf = nilai_input(&page, "csrf");

    // A bad question is refused naming the field, nothing stored.
    let r = mgr
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("kode", "Air Bersih"),
            ("teks", "Air bersih cukup?"),
            ("pilihan", "cukup = Cukup\nkurang = Kurang"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let body = r.text().await.unwrap();
    assert!(body.contains("kode &#39;Air Bersih&#39;") || body.contains("kode 'Air Bersih'"));
    assert!(
        body.contains("value=\"Air bersih cukup?\""),
        "typed text kept"
    );
    let r = mgr
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("kode", "air-bersih"),
            ("teks", "Air bersih cukup?"),
            ("pilihan", "cukup = Cukup"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(r.text().await.unwrap().contains("tulis 2 sampai 8 pilihan"));
    assert!(
        posko
            .store()
            .daftar_pertanyaan_survei(pid)
            .await
            .unwrap()
            .is_empty()
    );

    // A relawan does not manage the election's survey.
    let r = rina
        .post(&url)
        .form(&[("csrf", "x"), ("kode", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");

    // The manager adds a question: the built-in ones are kept with it.
    let r = mgr
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("kode", "air-bersih"),
            ("teks", "Air bersih cukup?"),
            ("teks_en", "Is there enough clean water?"),
            (
                "pilihan",
                "cukup = Cukup\nkurang = Kurang\ntidak-ada = Tidak ada",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let disimpan: Vec<String> = posko
        .store()
        .daftar_pertanyaan_survei(pid)
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.kode)
        .collect();
    assert_eq!(disimpan, ["isu", "kenal", "datang", "air-bersih"]);

    // The walk list asks it, as the phone's script reads it.
    let jalan = rina
        .get(s.url(&format!("/jalan/{TPS}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        jalan.contains("name=\"jawaban.air-bersih\" data-soal=\"air-bersih\""),
        "{backend}"
    );
    assert!(jalan.contains("<option value=\"tidak-ada\">Tidak ada</option>"));

    // Visits are checked against the election's questions.
    let api = s.url("/api/v1/kunjungan");
    let r = rina
        .post(&api)
        .json(&json!({"kunjungan": [
            kunjungan(1, json!({"air-bersih": "kurang", "isu": "ekonomi"})),
            kunjungan(2, json!({"air-bersih": "banjir"})),
        ]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    let e: Value = r.json().await.unwrap();
    assert_eq!(
        e["error"].as_str().unwrap(),
        "kunjungan ke-2: kolom jawaban.air-bersih: jawaban 'banjir' tidak ada di pilihan (pilih: cukup, kurang, tidak-ada); tidak ada kunjungan yang disimpan",
        "{backend}"
    );
    let r = rina
        .post(&api)
        .json(&json!({"kunjungan": [kunjungan(1, json!({"cuaca": "cerah"}))]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    let e: Value = r.json().await.unwrap();
    assert!(
        e["error"].as_str().unwrap().contains(
            "pertanyaan 'cuaca' tidak dikenal (pertanyaan yang ada: isu, kenal, datang, air-bersih)"
        ),
        "{backend}: {e}"
    );
    let tps = KodeTps::parse(TPS).unwrap();
    assert!(
        posko
            .store()
            .daftar_kunjungan_tps(tps)
            .await
            .unwrap()
            .is_empty()
    );
    let r = rina
        .post(&api)
        .json(&json!({"kunjungan": [
            kunjungan(1, json!({"air-bersih": "kurang", "isu": "ekonomi"})),
            kunjungan(2, json!({"air-bersih": "kurang"})),
            kunjungan(3, json!({"air-bersih": "cukup"})),
        ]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");

    // Retiring "isu": no longer asked; a phone's queued answer to it is
    // still taken, and its answers stay counted.
    let r = mgr
        .post(s.url(&format!("/pemilihan/{pid}/survei/isu/status")))
        .form(&[("csrf", csrf.as_str()), ("aktif", "tidak")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let jalan = rina
        .get(s.url(&format!("/jalan/{TPS}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!jalan.contains("data-soal=\"isu\""), "{backend}");
    assert!(jalan.contains("data-soal=\"kenal\""), "{backend}");
    let r = rina
        .post(&api)
        .json(&json!({"kunjungan": [kunjungan(4, json!({"isu": "ekonomi"}))]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let page = mgr.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("dipensiunkan"), "{backend}");

    // The results per area, for whoever may see it (the relawan's own
    // desa): every option, retired question included.
    let target = rina
        .get(s.url("/target/31.71.01.1001"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        hasil_soal(&target, "air-bersih"),
        vec![
            ("Cukup".to_string(), "1".to_string()),
            ("Kurang".to_string(), "2".to_string()),
            ("Tidak ada".to_string(), "0".to_string()),
        ],
        "{backend}"
    );
    let isu = hasil_soal(&target, "isu");
    assert_eq!(
        isu[0],
        ("harga &#38; pekerjaan".to_string(), "2".to_string())
    );
    assert!(isu[1..].iter().all(|(_, n)| n == "0"), "{backend}: {isu:?}");
    // In English, the English text where the campaign gave one.
    let target = rina
        .get(s.url("/target/31.71.01.1001?bahasa=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(target.contains("Is there enough clean water?"), "{backend}");
    // Outside the relawan's desa: no page at all.
    let r = rina.get(s.url("/target/31.71.02")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
}
