//! The whole national region list, imported through the real use case into
//! each backend: counts per level and well-known codes, then idempotence.

use crate::common;

use common::{shared_data, store};
use posko_app::{Aktor, ImportRequest};
use posko_domain::KodeWilayah;

per_backend!(national_region_codes_import_with_exact_counts);
async fn national_region_codes_import_with_exact_counts(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let file = data.join("wilayah/wilayah.csv");
    let r = posko
        .import_wilayah(&Aktor::system(), &file, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{backend}: {:?}", r.problems);
    assert_eq!(r.counts.baru, 91_599, "{backend}");
    assert_eq!(
        posko.store().hitung_wilayah_per_tingkat().await.unwrap(),
        [38, 514, 7_285, 83_762],
        "{backend}"
    );
    for (kode, nama) in [
        ("31", "Daerah Khusus Ibukota Jakarta"),
        ("32.73", "Kota Bandung"),
        ("35.78", "Kota Surabaya"),
        ("32.73.01", "Sukasari"),
        ("32.73.01.1001", "Sukarasa"),
        ("31.71.01.1001", "Gambir"),
        ("96", "Papua Barat Daya"),
    ] {
        let w = posko
            .store()
            .ambil_wilayah(KodeWilayah::parse(kode).unwrap())
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{backend}: {kode} missing"));
        assert_eq!(w.nama, nama, "{backend}");
    }
    let kec = posko
        .store()
        .daftar_anak_wilayah(Some(KodeWilayah::parse("32.73").unwrap()))
        .await
        .unwrap();
    assert_eq!(kec.len(), 30, "{backend}: Kota Bandung has 30 kecamatan");

    // The per-level files describe the same regions: nothing changes.
    for f in ["provinsi.csv", "kabkota.csv", "kecamatan.csv", "desa.csv"] {
        let again = posko
            .import_wilayah(
                &Aktor::system(),
                &data.join("wilayah").join(f),
                ImportRequest::default(),
            )
            .await
            .unwrap();
        assert!(again.applied, "{backend} {f}: {:?}", again.problems);
        assert_eq!(
            (again.counts.baru, again.counts.berubah),
            (0, 0),
            "{backend} {f}"
        );
    }
}
