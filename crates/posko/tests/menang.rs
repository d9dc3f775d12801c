//! The win rule on the real server, on both backends: set on the election
//! page, through the API and refused for those who do not manage
//! elections; shown on the results page, in the war room and in the JSON
//! API; and "settled" turning true in a close race only when the last TPS
//! comes in.

use crate::common;

use common::{serve, store};
use posko_app::{Aktor, IsianHasil, NewPaslon, NewPemilihan, NewPengguna, Posko};
use posko_domain::{
    Cakupan, Dpt, FormulirHasil, Jejak, JenisPemilihan, KodeTps, KodeWilayah, NamaCalon, NomorTps,
    NomorUrut, Penugasan, Peran,
};
use posko_storage::{Tps, Wilayah};
use reqwest::StatusCode;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

const DESA: &str = "32.73.01.1001";

fn tps(n: u16) -> KodeTps {
    KodeTps::new(kw(DESA), NomorTps::new(n).unwrap()).unwrap()
}

/// Kota Bandung with one desa of three TPS (DPT 200, 200 and 100: the last
/// can add at most ⌈100 × 1.025⌉ = 103 votes), and a walikota election
/// with `paslon` pairs.
async fn siapkan(posko: &Posko, paslon: u8) -> uuid::Uuid {
    let jejak = Jejak::new("system", "uji", "uji", "1", "uji", b"x");
    let w = |k: &str, n: &str| Wilayah {
        kode: kw(k),
        nama: n.into(),
        jenis_desa: kw(k).jenis_desa(),
    };
    let s = posko.store();
    if s.ambil_wilayah(kw(DESA)).await.unwrap().is_none() {
        s.simpan_wilayah(
            &[
                w("32", "Jawa Barat"),
                w("32.73", "Kota Bandung"),
                w("32.73.01", "Sukasari"),
                w(DESA, "Sukarasa"),
            ],
            &jejak,
        )
        .await
        .unwrap();
        let t = |n: u16, dpt: u32| Tps {
            kode: tps(n),
            dpt: Dpt::new(None, None, Some(dpt)).unwrap(),
            alamat: None,
            lokasi: None,
        };
        s.simpan_tps(&[t(1, 200), t(2, 200), t(3, 100)], &jejak)
            .await
            .unwrap();
    }
    let p = posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Walikota,
                wilayah: kw("32.73"),
                nama: Some(format!("Pilwalkot {paslon} paslon")),
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap();
    for n in 1..=paslon {
        posko
            .simpan_paslon(
                &Aktor::system(),
                p.id,
                NewPaslon {
                    nomor_urut: NomorUrut::new(n).unwrap(),
                    calon_kepala: NamaCalon::parse_field(&format!("Calon {n}"), "c").unwrap(),
                    calon_wakil: NamaCalon::parse_field(&format!("Wakil {n}"), "w").unwrap(),
                },
            )
            .await
            .unwrap();
    }
    p.id
}

async fn kirim(posko: &Posko, id: uuid::Uuid, n: u16, suara: &[u32]) {
    let pengirim = match posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: format!("pengirim.{n}"),
                nama: "Uji pengirim".into(),
                password: None,
                penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
                telepon: None,
            },
        )
        .await
    {
        Ok((p, _)) => p,
        Err(e) => panic!("{e}"),
    };
    let sah: u32 = suara.iter().sum();
    posko
        .kirim_hasil(
            &pengirim,
            IsianHasil {
                pemilihan_id: id,
                tps: tps(n),
                kunci_klien: format!("uji-menang-{}-{n}", id.simple()),
                formulir: FormulirHasil {
                    suara_paslon: suara.iter().map(|v| Some(*v)).collect(),
                    suara_sah: Some(sah),
                    suara_tidak_sah: Some(0),
                    suara_total: Some(sah),
                    ..Default::default()
                },
                alasan: None,
                foto: Vec::new(),
                sumber: "uji",
            },
        )
        .await
        .unwrap();
}

per_backend!(rule_is_set_by_managers_only_and_settles_with_the_last_tps);
async fn rule_is_set_by_managers_only_and_settles_with_the_last_tps(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko, 2).await;
    let s = serve(posko.clone(), dir).await;
    let c = s.client();
    let teks = |c: reqwest::Client, path: String| {
        let url = s.url(&path);
        async move {
            let r = c.get(url).send().await.unwrap();
            let st = r.status();
            (st, r.text().await.unwrap())
        }
    };

    // The election page states the law's default and offers the form.
    let (st, page) = teks(c.clone(), format!("/pemilihan/{id}")).await;
    assert_eq!(st, StatusCode::OK, "{backend}: {page}");
    assert!(
        page.contains("suara sah terbanyak menang (menurut undang-undang)"),
        "{backend}: {page}"
    );
    let csrf = common::nilai_input(&page, "csrf");
    assert!(page.contains(&format!("action=\"/pemilihan/{id}/aturan\"")));

    // Koordinator, saksi, relawan: no form, and the routes refuse them.
    let aturan_api = format!("/api/v1/pemilihan/{id}/aturan");
    for (nama, peran, cakupan) in [
        (
            "uji.koor",
            Peran::Koordinator,
            Cakupan::Wilayah(kw("32.73")),
        ),
        ("uji.saksi", Peran::Saksi, Cakupan::Tps(tps(1))),
        ("uji.auditor", Peran::Auditor, Cakupan::Semua),
    ] {
        let k = s.user(nama, peran, cakupan).await;
        let (_, page) = teks(k.clone(), format!("/pemilihan/{id}")).await;
        assert!(
            !page.contains("name=\"aturan\""),
            "{backend} {nama}: form shown"
        );
        let r = k
            .post(s.url(&aturan_api))
            .json(&serde_json::json!({"aturan": "lebih_50"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {nama}");
        let r = k
            .post(s.url(&format!("/pemilihan/{id}/aturan")))
            .form(&[("csrf", csrf.as_str()), ("aturan", "lebih_50")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {nama}");
    }
    let r = common::client()
        .post(s.url(&aturan_api))
        .json(&serde_json::json!({"aturan": "lebih_50"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{backend}: anonymous");
    assert_eq!(
        posko
            .store()
            .ambil_pemilihan(id)
            .await
            .unwrap()
            .unwrap()
            .aturan,
        None
    );

    // The manager sets it with the page's form…
    let r = c
        .post(s.url(&format!("/pemilihan/{id}/aturan")))
        .header("origin", s.url(""))
        .form(&[("csrf", csrf.as_str()), ("aturan", "lebih_50")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{backend}: {}",
        r.text().await.unwrap()
    );
    let (_, page) = teks(c.clone(), format!("/pemilihan/{id}")).await;
    assert!(
        page.contains("lebih dari 50 % suara sah"),
        "{backend}: {page}"
    );
    assert!(page.contains("ditetapkan pengelola"), "{backend}");
    // …and the API: nonsense is refused, null goes back to the law.
    let post = |body: serde_json::Value| {
        let c = c.clone();
        let url = s.url(&aturan_api);
        async move {
            let r = c.post(url).json(&body).send().await.unwrap();
            let st = r.status();
            (st, r.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (st, j) = post(serde_json::json!({"aturan": "calon_tunggal"})).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {j}");
    assert!(j.to_string().contains("hanya untuk satu paslon"), "{j}");
    let (st, _) = post(serde_json::json!({"aturan": "separuh"})).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let (st, j) = post(serde_json::json!({"aturan": null})).await;
    assert_eq!(st, StatusCode::OK, "{backend}: {j}");
    assert_eq!(
        (j["aturan"].as_str(), j["dipilih"].as_bool()),
        (Some("terbanyak"), Some(false))
    );
    let audit = posko.store().daftar_audit(0, 1000).await.unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.aksi == "pemilihan.aturan_menang")
            .count(),
        2,
        "{backend}: the refused changes left no entry"
    );

    // A close race: 195 against 190 with TPS 3 (at most 103 votes) out.
    kirim(&posko, id, 1, &[100, 90]).await;
    kirim(&posko, id, 2, &[95, 100]).await;
    let rekap = |kode: &'static str| {
        let c = c.clone();
        let url = s.url(&format!("/api/v1/pemilihan/{id}/rekap/{kode}"));
        async move {
            c.get(url)
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let j = rekap("32.73").await;
    let m = &j["menang"];
    assert_eq!(m["tps_belum"], 1, "{backend}: {j}");
    assert_eq!(m["status"]["sisa_maks"], 103, "{j}");
    assert_eq!(m["status"]["pasti"], false, "{j}");
    assert_eq!(
        m["status"]["putusan"],
        serde_json::json!({"jenis": "menang", "kolom": 0})
    );
    assert_eq!(m["status"]["selisih_suara"], 5);
    assert_eq!(j["anak"][0]["menang"]["tps_belum"], 1, "{j}");
    assert_eq!(j["aturan"]["aturan"], "terbanyak");
    let (st, page) = teks(c.clone(), format!("/pemilihan/{id}/hasil/32.73")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        page.contains("Nomor urut 01 unggul (sementara)</strong>"),
        "{backend}: a standing, not a verdict: {page}"
    );
    assert!(
        page.contains("Belum pasti: 1 TPS belum masuk dan bisa menambah sampai 103 suara."),
        "{page}"
    );
    assert!(page.contains("suara sah terbanyak menang"));
    let (_, page) = teks(c.clone(), format!("/pemilihan/{id}/hasil/{DESA}?bahasa=en")).await;
    assert!(
        page.contains("Not settled: 1 TPS are not in yet"),
        "{backend}: {page}"
    );
    let (st, page) = teks(c.clone(), format!("/pemilihan/{id}/ruang/32.73")).await;
    assert_eq!(st, StatusCode::OK, "{backend}: {page}");
    assert!(
        page.contains("id=\"ruang-menang\">Nomor urut 01 unggul · belum pasti<"),
        "{backend}: {page}"
    );

    // The last TPS: 01 still ahead, now settled everywhere.
    kirim(&posko, id, 3, &[50, 48]).await;
    let j = rekap("32.73").await;
    assert_eq!(j["menang"]["tps_belum"], 0, "{backend}: {j}");
    assert_eq!(j["menang"]["status"]["pasti"], true, "{j}");
    let (_, page) = teks(c.clone(), format!("/pemilihan/{id}/hasil/32.73")).await;
    assert!(
        page.contains("Sudah pasti: semua TPS sudah masuk."),
        "{backend}: {page}"
    );
    assert!(
        page.contains("Nomor urut 01 unggul</strong>"),
        "{backend}: settled, no longer 'sementara': {page}"
    );
    assert!(
        page.contains("unggul 7 suara (1,4 poin) atas urutan kedua"),
        "{page}"
    );
    let (_, page) = teks(c.clone(), format!("/pemilihan/{id}/ruang/32.73")).await;
    assert!(
        page.contains("Nomor urut 01 unggul · sudah pasti"),
        "{backend}"
    );

    // More than half: 245 of 483 passes the line of 242 by 3.
    let (st, _) = post(serde_json::json!({"aturan": "lebih_50"})).await;
    assert_eq!(st, StatusCode::OK);
    let j = rekap("32.73").await;
    assert_eq!(j["menang"]["status"]["batas_suara"], 242, "{backend}: {j}");
    assert_eq!(j["menang"]["status"]["selisih_suara"], 3);
    let (_, page) = teks(c.clone(), format!("/pemilihan/{id}/hasil/32.73")).await;
    assert!(
        page.contains("01: 3 suara (0,7 poin) di atas batas lebih dari 50 % (242 suara)"),
        "{backend}: {page}"
    );
}

per_backend!(calon_tunggal_against_the_blank_box);
async fn calon_tunggal_against_the_blank_box(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko, 1).await;
    let s = serve(posko.clone(), dir).await;
    let c = s.client();
    // One pair: the law's rule is calon tunggal, and the form has the box.
    let (st, page) = {
        let r = c
            .get(s.url(&format!("/pemilihan/{id}/tps/{}/kirim", tps(1).undotted())))
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert_eq!(st, StatusCode::OK, "{backend}: {page}");
    assert!(
        page.contains("name=\"suara_paslon.1\""),
        "{backend}: the blank box field"
    );
    // The blank box ahead: the election is held again, not settled while
    // TPS 3 could still turn it.
    kirim(&posko, id, 1, &[90, 110]).await;
    kirim(&posko, id, 2, &[100, 96]).await;
    let j: serde_json::Value = c
        .get(s.url(&format!("/api/v1/pemilihan/{id}/rekap/32.73")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(j["aturan"]["aturan"], "calon_tunggal", "{backend}: {j}");
    assert_eq!(
        j["rekap"]["angka"]["suara"],
        serde_json::json!([190, 206]),
        "{j}"
    );
    let st = &j["menang"]["status"];
    assert_eq!(st["putusan"]["jenis"], "pemilihan_ulang", "{j}");
    assert_eq!(st["pasti"], false);
    let page = c
        .get(s.url(&format!("/pemilihan/{id}/hasil/32.73")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Paslon tunggal tidak lebih dari 50 %: pemilihan diulang"),
        "{backend}: {page}"
    );
    assert!(page.contains("kolom kosong"), "{page}");
    // The leader map names the blank box, in a colour of its own, never
    // as a paslon 02 (a square for the kecamatan, so there is a map).
    posko
        .store()
        .simpan_batas(
            &[posko_storage::BatasBaris {
                batas: posko_domain::peta::Batas {
                    kode: kw("32.73.01"),
                    cincin: vec![vec![vec![
                        (107.6, -6.9),
                        (107.61, -6.9),
                        (107.61, -6.89),
                        (107.6, -6.89),
                        (107.6, -6.9),
                    ]]],
                },
                lat: -6.895,
                lng: 107.605,
            }],
            &Jejak::new("system", "uji", "uji", "1", "uji", b"x"),
        )
        .await
        .unwrap();
    let svg = c
        .get(s.url(&format!("/pemilihan/{id}/ruang/32.73/peta.svg")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(svg.contains("kolom kosong unggul 52"), "{backend}: {svg}");
    assert!(!svg.contains("02 unggul"), "{backend}: {svg}");
    // With one pair, no other rule applies.
    let r = c
        .post(s.url(&format!("/api/v1/pemilihan/{id}/aturan")))
        .json(&serde_json::json!({"aturan": "terbanyak"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
}
