//! The region map on the real server, on both backends: DKI Jakarta's
//! regions and the real kab/kota and desa boundary files.

use crate::common;

use common::{serve, shared_data, store_dki};
use posko_app::{Aktor, ImportRequest};

per_backend!(dki_map_has_one_linked_shape_per_kabkota);
async fn dki_map_has_one_linked_shape_per_kabkota(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;

    // The national kab/kota file: only DKI's six match, the rest are
    // reported as unmatched, not as errors.
    let r = posko
        .import_batas(
            &Aktor::system(),
            &data.join("batas/kabkota.geojson"),
            ImportRequest::default(),
        )
        .await
        .unwrap();
    assert!(r.applied, "{backend}: {:?}", r.problems);
    assert_eq!(r.features_read, 514, "{backend}");
    assert_eq!(r.matched, 6, "{backend}");
    assert_eq!(r.unmatched.len(), 508, "{backend}");
    assert_eq!(r.counts.baru, 6, "{backend}");

    // Every DKI desa matches.
    let r = posko
        .import_batas(
            &Aktor::system(),
            &data.join("batas/desa_31_dki_jakarta.geojson"),
            ImportRequest::default(),
        )
        .await
        .unwrap();
    assert!(r.applied, "{backend}: {:?}", r.problems);
    assert_eq!((r.matched, r.unmatched.len()), (267, 0), "{backend}");
    // Again: nothing changes.
    let r = posko
        .import_batas(
            &Aktor::system(),
            &data.join("batas/desa_31_dki_jakarta.geojson"),
            ImportRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.counts.baru, r.counts.berubah, r.counts.sama),
        (0, 0, 267)
    );

    // A file with no stored region at all is an error.
    let e = posko
        .import_batas(
            &Aktor::system(),
            &data.join("batas/desa_34_di_yogyakarta.geojson"),
            ImportRequest::default(),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tidak ada fitur yang cocok"), "{e}");

    let srv = serve(posko, dir).await;
    let c = srv.client();
    let res = c.get(srv.url("/wilayah/31/peta.svg")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{backend}");
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/svg+xml")
    );
    let svg = res.text().await.unwrap();
    assert_eq!(svg.matches("<path ").count(), 6, "{backend}: {svg}");
    for kode in ["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"] {
        assert!(
            svg.contains(&format!(
                "<a href=\"../{kode}\"><path id=\"w-{kode}\" fill="
            )),
            "{backend}: {kode}"
        );
    }
    assert!(
        svg.contains("<title>Kota Administrasi Jakarta Pusat: DPT "),
        "{backend}"
    );
    assert!(!svg.contains("style="), "{backend}");

    // The region page inlines the same map; a kecamatan's desa too.
    let page = c
        .get(srv.url("/wilayah/31"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"w-31.71\""), "{backend}");
    assert!(page.contains("href=\"/wilayah/31/peta.svg\""), "{backend}");
    let svg = c
        .get(srv.url("/wilayah/31.71.01/peta.svg"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(svg.contains("id=\"w-31.71.01.1001\""), "{backend}");
    // No boundaries below a kab/kota whose kecamatan have none.
    let res = c
        .get(srv.url("/wilayah/31.71/peta.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "{backend}");
    let page = c
        .get(srv.url("/wilayah/31.71"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("<svg"), "{backend}");
    // Signed out: no map.
    let res = common::client()
        .get(srv.url("/wilayah/31/peta.svg"))
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), 200, "{backend}");
}
