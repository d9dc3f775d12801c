//! Unit tests of the review queue's use cases: who sees which area, and
//! that the demo's forms are not taken for one photo.

use super::*;
use posko_domain::{Cakupan, Penugasan, Peran};

fn k(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn orang(tugas: &[(Peran, Cakupan)]) -> Pengguna {
    Pengguna {
        id: Uuid::nil(),
        username: "x".into(),
        nama: "X".into(),
        aktif: true,
        dibuat: OffsetDateTime::UNIX_EPOCH,
        penugasan: tugas
            .iter()
            .map(|(p, c)| Penugasan::new(*p, *c).unwrap())
            .collect(),
        telepon: None,
    }
}

fn pemilihan() -> Pemilihan {
    Pemilihan {
        id: Uuid::nil(),
        jenis: posko_domain::JenisPemilihan::Gubernur,
        wilayah: k("31"),
        nama: "DKI".into(),
        tanggal: time::macros::date!(2029 - 11 - 28),
        dibuat: OffsetDateTime::UNIX_EPOCH,
        aturan: None,
    }
}

#[test]
fn the_area_is_the_scope_inside_the_election() {
    let p = pemilihan();
    let manajer = orang(&[(Peran::Manager, Cakupan::Semua)]);
    assert_eq!(
        daerah_izin(&manajer, Izin::LihatKejanggalan, &p, None),
        [k("31")]
    );
    assert_eq!(
        daerah_izin(&manajer, Izin::PutusKejanggalan, &p, Some(k("31.71.01"))),
        [k("31.71.01")]
    );
    let auditor = orang(&[(Peran::Auditor, Cakupan::Wilayah(k("31.71")))]);
    assert_eq!(
        daerah_izin(&auditor, Izin::LihatKejanggalan, &p, None),
        [k("31.71")]
    );
    assert!(daerah_izin(&auditor, Izin::PutusKejanggalan, &p, None).is_empty());
    // A filter outside the scope narrows to nothing, not to the filter.
    assert!(daerah_izin(&auditor, Izin::LihatKejanggalan, &p, Some(k("31.72"))).is_empty());
    // Roles without the permission see nothing, whatever their scope.
    for peran in [Peran::Koordinator, Peran::Verifier, Peran::Relawan] {
        let o = orang(&[(peran, Cakupan::Wilayah(k("31.71")))]);
        assert!(
            daerah_izin(&o, Izin::LihatKejanggalan, &p, None).is_empty(),
            "{peran}"
        );
    }
    let saksi = orang(&[(
        Peran::Saksi,
        Cakupan::Tps(KodeTps::parse("31.71.01.1001-1").unwrap()),
    )]);
    assert!(daerah_izin(&saksi, Izin::LihatKejanggalan, &p, None).is_empty());
}

#[test]
fn analysis_reaches_up_to_the_kecamatan() {
    assert_eq!(wilayah_analisis(k("31.71.01.1001")), k("31.71.01"));
    assert_eq!(wilayah_analisis(k("31.71")), k("31.71"));
}

/// The demo's drawn forms share one layout: two TPS' forms must not
/// look like one photo to check A, or every demo TPS would be queued.
#[test]
fn two_demo_forms_are_not_near_duplicates() {
    use posko_domain::kejanggalan::foto::{JARAK_DHASH_MAKS, jarak};
    let baris = |a: u32, b: u32| vec![("Paslon 1".to_string(), a), ("Paslon 2".to_string(), b)];
    let x = crate::demo_foto::formulir("3171011001001", &baris(120, 98));
    let y = crate::demo_foto::formulir("3171011001002", &baris(77, 143));
    let (hx, hy) = (
        crate::foto::dhash_foto(&x).unwrap(),
        crate::foto::dhash_foto(&y).unwrap(),
    );
    assert!(jarak(&hx, &hy) > JARAK_DHASH_MAKS, "{}", jarak(&hx, &hy));
}
