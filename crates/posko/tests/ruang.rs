//! The war room and its map on the real server, on both backends: DKI
//! Jakarta's real regions, TPS and boundaries, results for known TPS, and
//! the colour every `?warna=` gives a region with known figures.

use crate::common;

use common::{pemilihan_gubernur, serve, shared_data, store_dki};
use posko_app::{Aktor, ImportRequest, IsianHasil, NewPengguna, Posko};
use posko_domain::peta::{TANPA_DATA, berurutan, warna_paslon, warna_unggul};
use posko_domain::{Cakupan, FormulirHasil, KodeTps, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

/// The fill of shape `kode` in an SVG or page.
fn isi(svg: &str, kode: &str) -> String {
    let key = format!("<path id=\"w-{kode}\" fill=\"");
    let i = svg.find(&key).unwrap_or_else(|| panic!("no shape {kode}")) + key.len();
    svg[i..i + 7].to_string()
}

async fn impor_batas(posko: &Posko, data: &std::path::Path) {
    for f in [
        "kabkota.geojson",
        "kecamatan.geojson",
        "desa_31_dki_jakarta.geojson",
    ] {
        let r = posko
            .import_batas(
                &Aktor::system(),
                &data.join("batas").join(f),
                ImportRequest::default(),
            )
            .await
            .unwrap();
        assert!(r.applied, "{f}: {:?}", r.problems);
    }
}

/// Sends a result for the first TPS of `wilayah`: `p1` and `p2` votes.
async fn kirim(posko: &Posko, id: uuid::Uuid, wilayah: &str, p1: u32, p2: u32) -> KodeTps {
    let tps = posko
        .store()
        .daftar_tps_di(kw(wilayah), None, 1)
        .await
        .unwrap()
        .pop()
        .unwrap()
        .kode;
    let (pengirim, _) = match posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: format!("pengirim.{}", tps.undotted()),
                nama: "Uji pengirim".into(),
                password: None,
                penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
                telepon: None,
            },
        )
        .await
    {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    posko
        .kirim_hasil(
            &pengirim,
            IsianHasil {
                pemilihan_id: id,
                tps,
                kunci_klien: format!("uji-ruang-{}", tps.undotted()),
                formulir: FormulirHasil {
                    suara_paslon: vec![Some(p1), Some(p2)],
                    suara_sah: Some(p1 + p2),
                    suara_tidak_sah: Some(0),
                    suara_total: Some(p1 + p2),
                    ..Default::default()
                },
                alasan: None,
                foto: Vec::new(),
                sumber: "uji",
            },
        )
        .await
        .unwrap();
    tps
}

per_backend!(war_room_colours_levels_and_scope);
async fn war_room_colours_levels_and_scope(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    impor_batas(&posko, &data).await;
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    // Jakarta Pusat: 01 wins by 100 of 150 (over the 30-point full
    // strength); Jakarta Utara: 02 by 10 of 150 (pale).
    kirim(&posko, id, "31.71", 125, 25).await;
    kirim(&posko, id, "31.72", 70, 80).await;
    let s = serve(posko, dir).await;
    let c = s.client();
    let get = |path: String| {
        let c = c.clone();
        let url = s.url(&path);
        async move {
            let r = c.get(url).send().await.unwrap();
            let st = r.status();
            (st, r.text().await.unwrap())
        }
    };

    // The war room: the real-count leader by default.
    let (st, page) = get(format!("/pemilihan/{id}/ruang/31")).await;
    assert_eq!(st, StatusCode::OK, "{backend}: {page}");
    assert!(page.len() < 200_000, "{backend}: {} bytes", page.len());
    assert_eq!(page.matches("<path id=\"w-").count(), 6, "{backend}");
    assert_eq!(
        isi(&page, "31.71"),
        warna_paslon(1).to_string(),
        "{backend}"
    );
    assert_eq!(
        isi(&page, "31.72"),
        warna_unggul(2, 10.0 / 150.0).to_string(),
        "{backend}"
    );
    assert_eq!(isi(&page, "31.73"), TANPA_DATA.to_string(), "{backend}");
    assert!(page.contains("01 Calon 1 unggul"), "{backend}: legend");
    assert!(page.contains("belum ada data"), "{backend}");
    assert!(page.contains("2 / 13.023"), "{backend}: TPS in");
    // The real count over time: two TPS in, 01 ends at 195 of 300.
    let riil = page
        .find("Hitung riil seiring TPS masuk")
        .expect("real-count progress chart");
    let grafik = &page[riil..page[riil..].find("</svg>").unwrap() + riil];
    assert!(
        grafik.contains("2 TPS masuk menurut urutan kedatangan"),
        "{backend}: {grafik}"
    );
    assert!(
        grafik.contains("<title>01: 65,0 %</title>"),
        "{backend}: {grafik}"
    );
    assert!(page.contains("data-langsung=\"/pemilihan/"), "{backend}");
    assert!(
        page.contains("<a href=\"31.71\"><path id=\"w-31.71\""),
        "{backend}: drill down"
    );
    assert!(page.contains("<header class=\"atas\">"), "{backend}");
    // Kepulauan Seribu, 15–80 km offshore, is drawn in an inset box
    // so the mainland fills the map; the frame comes before the shapes.
    let bingkai = page.find("<g class=\"sisipan\">").expect("inset frame");
    assert!(
        page[bingkai..].contains(">Kepulauan Seribu</text>"),
        "{backend}: inset label"
    );
    assert!(bingkai < page.find("id=\"w-31.01\"").unwrap(), "{backend}");

    // The same map in English: legend, tooltips and numbers.
    let (_, svg) = get(format!("/pemilihan/{id}/ruang/31/peta.svg?bahasa=en")).await;
    assert!(
        svg.contains("Leading in the real count"),
        "{backend}: {svg}"
    );
    assert!(svg.contains("01 Calon 1 leads"), "{backend}");
    assert!(svg.contains("no data yet"), "{backend}");
    assert!(svg.contains("leads with 83.3 %"), "{backend}: 125 of 150");
    assert!(!svg.contains("belum ada data"), "{backend}");
    let (_, svg) = get(format!(
        "/pemilihan/{id}/ruang/31/peta.svg?warna=saksi&bahasa=en"
    ))
    .await;
    assert!(svg.contains("80 % or more"), "{backend}");
    assert!(svg.contains("Witness coverage"), "{backend}");
    assert!(svg.contains("TPS with a witness of"), "{backend}");
    // The tally and region pages in English too, down to the table.
    let (_, page) = get(format!("/pemilihan/{id}/hasil/31?bahasa=en")).await;
    assert!(page.contains("Results tally: "), "{backend}");
    assert!(
        page.contains("Number 1 leads number 2 by 90 votes"),
        "{backend}"
    );
    assert!(
        page.contains("Compare with the official count"),
        "{backend}"
    );
    assert!(!page.contains("Bandingkan dengan hasil resmi"), "{backend}");
    let (_, page) = get("/wilayah/31?bahasa=en".into()).await;
    assert!(page.contains("registered voters (DPT)"), "{backend}");
    assert!(page.contains("<h2>Regency/City"), "{backend}");
    assert!(!page.contains("laki-laki"), "{backend}");
    let (_, svg) = get(format!("/pemilihan/{id}/ruang/31/peta.svg?bahasa=id")).await;
    assert!(svg.contains("unggul 83,3 %"), "{backend}");

    // Saksi coverage, target progress: nobody yet, so every region is
    // in the lowest class; the quick count has no sample: no data.
    let rendah = berurutan(0.1).to_string();
    for warna in ["saksi", "target"] {
        let (st, svg) = get(format!("/pemilihan/{id}/ruang/31/peta.svg?warna={warna}")).await;
        assert_eq!(st, StatusCode::OK, "{backend} {warna}: {svg}");
        for k in ["31.01", "31.71", "31.75"] {
            assert_eq!(isi(&svg, k), rendah, "{backend} {warna} {k}");
        }
        assert!(svg.contains("80 % atau lebih"), "{backend} {warna}");
    }
    let (_, svg) = get(format!("/pemilihan/{id}/ruang/31/peta.svg?warna=sampel")).await;
    assert_eq!(isi(&svg, "31.71"), TANPA_DATA.to_string(), "{backend}");
    let (_, svg) = get(format!("/pemilihan/{id}/ruang/31/peta.svg?warna=dpt")).await;
    assert_ne!(isi(&svg, "31.71"), TANPA_DATA.to_string(), "{backend}");
    assert!(svg.contains("DPT "), "{backend}");
    let (_, svg) = get(format!("/pemilihan/{id}/ruang/31/peta.svg?warna=pendukung")).await;
    assert!(svg.contains("0 pendukung dari DPT"), "{backend}");

    // Levels: DKI's 44 kecamatan at once; a kota's desa.
    let (st, page) = get(format!(
        "/pemilihan/{id}/ruang/31?tingkat=kecamatan&layar=besar"
    ))
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert_eq!(page.matches("<path id=\"w-").count(), 44, "{backend}");
    assert!(
        page.contains(">Kepulauan Seribu</text>"),
        "{backend}: the two island kecamatan share an inset"
    );
    assert!(
        !page.contains("<header class=\"atas\">"),
        "{backend}: big screen"
    );
    assert!(page.contains("layar-besar"), "{backend}");
    let (_, svg) = get(format!("/pemilihan/{id}/ruang/31.71/peta.svg?tingkat=desa")).await;
    assert!(svg.contains("id=\"w-31.71.01.1001\""), "{backend}");

    // Bad choices say what is wrong.
    let (st, body) = get(format!("/pemilihan/{id}/ruang/31?warna=ungu")).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(
        body.contains("warna &#39;ungu&#39; tidak dikenal")
            || body.contains("warna 'ungu' tidak dikenal"),
        "{backend}: {body}"
    );
    let (st, _) = get(format!("/pemilihan/{id}/ruang/31?tingkat=desa")).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

    // The region page offers the colourings that need no election.
    let (st, page) = get("/wilayah/31?warna=saksi".into()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert_eq!(isi(&page, "31.71"), rendah, "{backend}");
    assert!(page.contains("Cakupan saksi"), "{backend}");
    assert!(!page.contains("warna=pemimpin"), "{backend}");

    // A coordinator of Jakarta Pusat sees Jakarta Pusat only.
    let k = s
        .user(
            "koord.pusat",
            Peran::Koordinator,
            Cakupan::Wilayah(kw("31.71")),
        )
        .await;
    let r = k
        .get(s.url(&format!("/pemilihan/{id}/ruang")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers()["location"],
        format!("/pemilihan/{id}/ruang/31.71"),
        "{backend}"
    );
    let r = k
        .get(s.url(&format!("/pemilihan/{id}/ruang/31")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let page = k
        .get(s.url(&format!("/pemilihan/{id}/ruang/31.71")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"w-31.71.01\""), "{backend}");
    assert!(!page.contains("w-31.72"), "{backend}: outside their scope");
    assert!(!page.contains("id=\"ruang-hitung-cepat\""), "{backend}");
}
