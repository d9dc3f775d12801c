//! Canvassing against the real server on real DKI Jakarta regions and TPS,
//! on every backend: the walk list of a TPS (page and PDF), syncing
//! visits in batches (twice, and at once), visits outside the relawan's
//! territory, and bad input.

use crate::common;

use common::{client_with, serve, shared_data, sign_in, store_dki};
use posko_domain::{
    Cakupan, IsianPendukung, JenisKelamin, KodeTps, KodeWilayah, NikTersamar, Pemilih, Penugasan,
    Peran, nama_kunci,
};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::macros::date;

const TPS: &str = "3171011001001";
/// In the next kecamatan: outside the relawan's desa.
const TPS_LUAR: &str = "3171021001001";

fn pemilih(tps: &str, urut: u32, nama: &str, rt: u16, alamat: &str) -> Pemilih {
    Pemilih {
        tps: KodeTps::parse(tps).unwrap(),
        urut,
        nama: nama_kunci(nama),
        jenis_kelamin: if urut.is_multiple_of(2) {
            JenisKelamin::Perempuan
        } else {
            JenisKelamin::Laki
        },
        tanggal_lahir: Some(date!(1980 - 05 - 17)),
        usia: None,
        alamat: Some(alamat.into()),
        rt: Some(rt),
        rw: Some(1),
        nik_tersamar: Some(NikTersamar::parse("317101**********").unwrap()),
    }
}

fn kunjungan(id: &str, tps: &str, urut: u32, hasil: &str) -> Value {
    // Survey answers only when the voter was met.
    let jawaban = if hasil == "bertemu" {
        json!({"isu": "ekonomi"})
    } else {
        json!({})
    };
    json!({
        "id": id,
        "tps": tps,
        "urut": urut,
        "hasil": hasil,
        "jawaban": jawaban,
        "catatan": "minta kalender",
        "waktu": time::OffsetDateTime::now_utc().unix_timestamp() - 600,
    })
}

fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

per_backend!(walk_list_pdf_and_idempotent_sync_within_scope);
async fn walk_list_pdf_and_idempotent_sync_within_scope(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let posko = &s.posko;

    // The DPT of the relawan's TPS: three households over two RTs,
    // and one voter at a TPS outside their desa.
    let mut m = posko.store().muat_pemilih().await.unwrap();
    m.tambah(vec![
        pemilih(TPS, 1, "Ahmad Fauzi", 1, "JL. KENARI 10"),
        pemilih(TPS, 2, "Siti Aminah", 1, "Jl.  Kenari 10"),
        pemilih(TPS, 3, "Budi Santoso", 1, "JL. KENARI 2"),
        pemilih(TPS, 4, "Cici Paramida", 2, "GG. MELATI 5"),
        pemilih(TPS_LUAR, 1, "Dodi Luar", 3, "JL. JAUH 1"),
    ])
    .await
    .unwrap();
    m.selesai(&posko_domain::Jejak::new(
        "uji",
        "import.dpt",
        "berkas",
        "uji",
        "uji",
        b"",
    ))
    .await
    .unwrap();

    let desa = KodeWilayah::parse("31.71.01.1001").unwrap();
    let cookie = sign_in(
        posko,
        "rina.relawan",
        vec![Penugasan::new(Peran::Relawan, Cakupan::Wilayah(desa)).unwrap()],
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
        .tambah_relawan(&manajer, "Rina", Cakupan::Wilayah(desa), Some(rina.id))
        .await
        .unwrap();
    let rina = posko
        .store()
        .ambil_pengguna(rina.id)
        .await
        .unwrap()
        .unwrap();
    // Siti is a recorded supporter: the walk list marks her.
    posko
        .catat_pendukung(
            &rina,
            &IsianPendukung {
                nama: "siti aminah",
                domisili: TPS,
                tanggal_lahir: "1980-05-17",
                dukungan: "kuat",
                sumber: "kunjungan rumah",
                ..IsianPendukung::default()
            },
            &["kontak_kampanye"],
        )
        .await
        .unwrap();
    let c = client_with(&cookie);

    // Reachable from the relawan's own page.
    let r = c
        .get(s.url("/relawan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        r.contains("href=\"/target/31.71.01.1001\""),
        "{backend}: {r}"
    );

    // The walk list: households in walking order, the supporter marked.
    let r = c.get(s.url(&format!("/jalan/{TPS}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let page = r.text().await.unwrap();
    for nama in [
        "AHMAD FAUZI",
        "SITI AMINAH",
        "BUDI SANTOSO",
        "CICI PARAMIDA",
    ] {
        assert!(page.contains(nama), "{backend}: {nama}");
    }
    assert!(!page.contains("DODI LUAR"), "{backend}");
    assert!(page.contains("3 rumah · 4 pemilih"), "{backend}: {page}");
    assert!(page.contains("pendukung kuat"), "{backend}");
    let en = c
        .get(s.url(&format!("/jalan/{TPS}?bahasa=en")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<h1>Walk list TPS 001 · "), "{backend}: {en}");
    assert!(
        en.contains("3 households · 4 voters") && en.contains("supporter: strong"),
        "{backend}"
    );
    let kenari_2 = page.find("JL. KENARI 2").unwrap();
    let kenari_10 = page.find("JL. KENARI 10").unwrap();
    assert!(kenari_2 < kenari_10, "{backend}: house 2 before house 10");
    assert!(
        page.contains("data-kunjungan=\"3171011001001\""),
        "{backend}"
    );
    let r = c
        .get(s.url(&format!("/jalan/{TPS}?rt=2")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        r.contains("CICI PARAMIDA") && !r.contains("AHMAD FAUZI"),
        "{backend}"
    );

    // A big TPS opens on its first RT; every RT on asking.
    const BESAR: &str = "3171011001002";
    let mut m = posko.store().muat_pemilih().await.unwrap();
    m.tambah(
        (1..=240u32)
            .map(|u| {
                let rt = 1 + (u - 1) / 80;
                pemilih(
                    BESAR,
                    u,
                    &format!("Warga RT{rt} Nomor {u}"),
                    rt as u16,
                    "JL. PANJANG 1",
                )
            })
            .collect(),
    )
    .await
    .unwrap();
    m.selesai(&posko_domain::Jejak::new(
        "uji",
        "import.dpt",
        "berkas",
        "uji",
        "uji",
        b"",
    ))
    .await
    .unwrap();
    let besar = c
        .get(s.url(&format!("/jalan/{BESAR}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(besar.contains("TPS ini punya 240 pemilih"), "{backend}");
    assert!(
        besar.contains("WARGA RT1 NOMOR 1") && !besar.contains("WARGA RT3"),
        "{backend}"
    );
    let semua = c
        .get(s.url(&format!("/jalan/{BESAR}?rt=semua")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(semua.contains("WARGA RT3 NOMOR 240"), "{backend}");

    // The printable list names every voter.
    let r = c
        .get(s.url(&format!("/jalan/{TPS}/jalan.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = lopdf::Document::load_mem(&r.bytes().await.unwrap()).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).unwrap();
    for nama in [
        "AHMAD FAUZI",
        "SITI AMINAH",
        "BUDI SANTOSO",
        "CICI PARAMIDA",
    ] {
        assert!(text.contains(nama), "{backend}: {nama} in the PDF:\n{text}");
    }
    assert!(text.contains("RT 001 / RW 001"), "{backend}: {text}");
    assert!(text.contains("pendukung kuat"), "{backend}");

    // A batch synced twice: stored once.
    let api = s.url("/api/v1/kunjungan");
    let (a, b) = (uuid(), uuid());
    let mut batch = vec![
        kunjungan(&a, TPS, 2, "bertemu"),
        kunjungan(&b, TPS, 4, "tidak_di_rumah"),
    ];
    batch[0]["dukungan"] = json!("kuat");
    let body = json!({ "kunjungan": batch });
    let audit = posko.store().daftar_audit(0, 100_000).await.unwrap().len();
    let r = c.post(&api).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let j: Value = r.json().await.unwrap();
    assert_eq!(
        (j["baru"].as_u64(), j["sudah_ada"].as_u64()),
        (Some(2), Some(0))
    );
    let r = c.post(&api).json(&body).send().await.unwrap();
    let j: Value = r.json().await.unwrap();
    assert_eq!(
        (j["baru"].as_u64(), j["sudah_ada"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!(j["diterima"].as_array().unwrap().len(), 2);
    let tps = KodeTps::parse(TPS).unwrap();
    assert_eq!(
        posko.store().daftar_kunjungan_tps(tps).await.unwrap().len(),
        2
    );
    assert_eq!(
        posko.store().daftar_audit(0, 100_000).await.unwrap().len(),
        audit + 1,
        "{backend}: one audit entry for the batch, none for the resend"
    );

    // The same new visit from three tabs at once: one row.
    let c2 = c.clone();
    let sama = json!({ "kunjungan": [kunjungan(&uuid(), TPS, 3, "menolak")] });
    let kirim = |c: reqwest::Client| {
        let (api, sama) = (api.clone(), sama.clone());
        tokio::spawn(async move {
            let r = c.post(&api).json(&sama).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.json::<Value>().await.unwrap()["baru"].as_u64().unwrap()
        })
    };
    let hs = [kirim(c.clone()), kirim(c2.clone()), kirim(c.clone())];
    let mut baru = 0;
    for h in hs {
        baru += h.await.unwrap();
    }
    assert_eq!(baru, 1, "{backend}");
    assert_eq!(
        posko.store().daftar_kunjungan_tps(tps).await.unwrap().len(),
        3
    );

    // The walk list shows the visits.
    let page = c
        .get(s.url(&format!("/jalan/{TPS}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("3 rumah sudah dikunjungi"),
        "{backend}: {page}"
    );
    assert!(page.contains("terakhir: bertemu"), "{backend}");

    // Outside the relawan's territory: refused, nothing written, even
    // the good visit sent with it.
    let luar = json!({ "kunjungan": [
        kunjungan(&uuid(), TPS, 1, "bertemu"),
        kunjungan(&uuid(), TPS_LUAR, 1, "bertemu"),
    ]});
    let r = c.post(&api).json(&luar).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let e: Value = r.json().await.unwrap();
    let msg = e["error"].as_str().unwrap();
    assert!(
        msg.contains("kunjungan ke-2") && msg.contains("di luar wilayah"),
        "{backend}: {msg}"
    );
    assert_eq!(
        posko.store().daftar_kunjungan_tps(tps).await.unwrap().len(),
        3
    );
    let luar_tps = KodeTps::parse(TPS_LUAR).unwrap();
    assert!(
        posko
            .store()
            .daftar_kunjungan_tps(luar_tps)
            .await
            .unwrap()
            .is_empty()
    );
    // Nor can they read the walk list there.
    let r = c
        .get(s.url(&format!("/jalan/{TPS_LUAR}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let r = c
        .get(s.url(&format!("/jalan/{TPS_LUAR}/jalan.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");

    // Bad input: 400 naming the visit and the field; nothing written.
    let mut salah = kunjungan(&uuid(), TPS, 1, "diusir");
    let r = c
        .post(&api)
        .json(&json!({ "kunjungan": [kunjungan(&uuid(), TPS, 1, "bertemu"), salah.clone()] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    let e: Value = r.json().await.unwrap();
    assert_eq!(
        (e["kolom"].as_str(), e["indeks"].as_u64()),
        (Some("hasil"), Some(1))
    );
    assert!(
        e["error"]
            .as_str()
            .unwrap()
            .contains("kunjungan ke-2: kolom hasil 'diusir'")
    );
    salah["hasil"] = json!("bertemu");
    salah.as_object_mut().unwrap().remove("urut");
    let r = c
        .post(&api)
        .json(&json!({ "kunjungan": [salah] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["kolom"].as_str(), Some("urut"), "{backend}: {e}");
    assert!(
        e["error"]
            .as_str()
            .unwrap()
            .contains("kolom urut: wajib diisi")
    );
    // A voter number not on the TPS's DPT.
    let r = c
        .post(&api)
        .json(&json!({ "kunjungan": [kunjungan(&uuid(), TPS, 99, "bertemu")] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    let e: Value = r.json().await.unwrap();
    assert!(
        e["error"].as_str().unwrap().contains("kolom urut 99"),
        "{e}"
    );
    let r = c.post(&api).body("bukan json").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    assert_eq!(
        posko.store().daftar_kunjungan_tps(tps).await.unwrap().len(),
        3
    );

    // The page's own form, without the script.
    let csrf = common::nilai_input(&page, "csrf");
    let r = c
        .post(s.url(&format!("/jalan/{TPS}/kunjungan")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("urut", "1"),
            ("hasil", "bertemu"),
            ("dukungan", "condong"),
            ("jawaban.datang", "pasti"),
            ("rt", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert_eq!(
        posko.store().daftar_kunjungan_tps(tps).await.unwrap().len(),
        4
    );
}
