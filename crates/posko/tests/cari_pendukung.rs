//! Searching supporters by name across everything in scope, against the
//! real server on real DKI Jakarta regions, on every backend: 3,000
//! supporters (indexed at start as a database migrated to the index would
//! be), a name far past the first 1,000, paging, a coordinator who must not
//! find supporters outside their scope, correction and erasure.

use crate::common;

use std::time::Instant;

use common::{client_with, nilai_input, serve, shared_data, sign_in, store_dki};
use posko_domain::{
    Cakupan, IsianPendukung, Jejak, Keperluan, KodeTps, KodeWilayah, Penugasan, Peran,
    TingkatDukungan, token_cari,
};
use posko_storage::Pendukung;
use reqwest::StatusCode;
use time::macros::date;
use uuid::Uuid;

const GAMBIR: &str = "31.71.01";
const TPS_GAMBIR: &str = "31.71.01.1001-001";
const TPS_SAWAH_BESAR: &str = "31.71.02.1001-001";
const NAMA_DEPAN: [&str; 8] = [
    "Ahmad", "Siti", "Budi", "Dewi", "Eko", "Fitri", "Gilang", "Hana",
];

fn pendukung(relawan: Uuid, nama: String, tps: &str, dibuat: i64) -> Pendukung {
    let tps = KodeTps::parse(tps).unwrap();
    Pendukung {
        id: Uuid::now_v7(),
        relawan_id: relawan,
        nama,
        nik: None,
        telepon: None,
        alamat: "Jl. Kenari 1".into(),
        desa: tps.desa(),
        tps: Some(tps),
        tanggal_lahir: Some(date!(1985 - 03 - 04)),
        dukungan: TingkatDukungan::Kuat,
        sumber: "uji".into(),
        keperluan: vec![Keperluan::KontakKampanye],
        disetujui: dibuat,
        simpan_sampai: date!(2030 - 01 - 01),
        dibuat,
        mutu: Default::default(),
    }
}

async fn teks(c: &reqwest::Client, url: String) -> String {
    let r = c.get(url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

/// Links to supporters' pages in a list page.
fn jumlah_baris(html: &str) -> usize {
    html.matches("<tr><td><a href=\"/pendukung/").count()
}

per_backend!(name_search_finds_past_the_first_thousand_within_scope_until_erased);
async fn name_search_finds_past_the_first_thousand_within_scope_until_erased(
    backend: &'static str,
) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let posko = &s.posko;
    let (manajer, _) = posko
        .store()
        .cari_login("uji.manajer")
        .await
        .unwrap()
        .unwrap();
    let koord_cookie = sign_in(
        posko,
        "koord.gambir",
        vec![
            Penugasan::new(
                Peran::Koordinator,
                Cakupan::Wilayah(KodeWilayah::parse(GAMBIR).unwrap()),
            )
            .unwrap(),
        ],
    )
    .await;
    let (koord, _) = posko
        .store()
        .cari_login("koord.gambir")
        .await
        .unwrap()
        .unwrap();
    let r = posko
        .tambah_relawan(
            &manajer,
            "Koordinator Gambir",
            Cakupan::Wilayah(KodeWilayah::parse(GAMBIR).unwrap()),
            Some(koord.id),
        )
        .await
        .unwrap();

    // 3,000 supporters stored before the name index existed: 2,400 in
    // Gambir, 600 in Sawah Besar. Zulaikha Paramitha is the oldest,
    // so newest-first she is number 3,000; her namesake lives outside
    // Gambir.
    let jejak = Jejak::new("uji", "uji.tulis", "uji", "1", "uji", b"");
    let zulaikha = pendukung(r.id, "Zulaikha Paramitha".into(), TPS_GAMBIR, 1_700_000_000);
    let luar = pendukung(
        r.id,
        "Zulaikha Sawah".into(),
        TPS_SAWAH_BESAR,
        1_700_000_001,
    );
    for p in [&zulaikha, &luar] {
        posko
            .store()
            .simpan_pendukung(p, &[], &[], &[], &jejak)
            .await
            .unwrap();
    }
    for i in 2..3_000u32 {
        let tps = if i % 5 == 0 {
            TPS_SAWAH_BESAR
        } else {
            TPS_GAMBIR
        };
        let nama = format!("{} Warga {i}", NAMA_DEPAN[i as usize % 8]);
        let p = pendukung(r.id, nama, tps, 1_700_000_000 + i64::from(i));
        posko
            .store()
            .simpan_pendukung(&p, &[], &[], &[], &jejak)
            .await
            .unwrap();
    }
    let mulai = Instant::now();
    let n = posko.lengkapi_indeks_nama(false).await.unwrap();
    eprintln!(
        "{backend}: name index for {n} supporters built in {:?}",
        mulai.elapsed()
    );
    assert_eq!(n, 3_000, "{backend}");
    assert_eq!(posko.lengkapi_indeks_nama(false).await.unwrap(), 0);

    let k = client_with(&koord_cookie);
    let mulai = Instant::now();
    let page = teks(&k, s.url("/pendukung?q=zulaikha")).await;
    eprintln!(
        "{backend}: /pendukung?q=zulaikha over 3,000 supporters in {:?}",
        mulai.elapsed()
    );
    assert!(
        page.contains(&format!("href=\"/pendukung/{}\"", zulaikha.id)),
        "{backend}: {page}"
    );
    assert!(page.contains("Zulaikha Paramitha"), "{backend}");
    assert!(
        !page.contains("Zulaikha Sawah") && !page.contains(&luar.id.to_string()),
        "{backend}: Sawah Besar is outside the coordinator's scope"
    );
    assert_eq!(jumlah_baris(&page), 1, "{backend}");
    // A prefix of each part, in any order and case.
    let page = teks(&k, s.url("/pendukung?q=PARAM%20zul")).await;
    assert_eq!(jumlah_baris(&page), 1, "{backend}: {page}");
    let page = teks(&k, s.url("/pendukung?q=zulaikha%20sawah")).await;
    assert_eq!(jumlah_baris(&page), 0, "{backend}");
    // The manager, whose scope is everything, finds both.
    let page = teks(&client_with(&s.cookie), s.url("/pendukung?q=zulaikha")).await;
    assert_eq!(jumlah_baris(&page), 2, "{backend}");

    // Paging over Gambir's 2,400: 100 a page, page 24 holds the oldest.
    let page = teks(&k, s.url("/pendukung")).await;
    assert_eq!(jumlah_baris(&page), 100, "{backend}");
    assert!(page.contains("2.400 pendukung"), "{backend}: {page}");
    assert!(page.contains("href=\"/pendukung?hal=2\""), "{backend}");
    let page = teks(&k, s.url("/pendukung?hal=24")).await;
    assert!(
        page.contains("Menampilkan 2.301–2.400"),
        "{backend}: {page}"
    );
    assert!(page.contains(&zulaikha.id.to_string()), "{backend}");
    assert!(!page.contains("rel=\"next\""), "{backend}");
    let page = teks(&k, s.url("/pendukung?q=siti&hal=3")).await;
    // Siti: i ≡ 1 (mod 8), in Gambir when i is not a multiple of 5.
    let siti = (2..3_000u32).filter(|i| i % 8 == 1 && i % 5 != 0).count();
    assert!(
        page.contains(&format!("{siti} pendukung")),
        "{backend}: {siti}"
    );
    assert_eq!(siti, 299);
    assert_eq!(jumlah_baris(&page), siti - 200, "{backend}");
    assert!(
        page.contains("href=\"/pendukung?hal=2&#38;q=siti\" rel=\"prev\""),
        "{backend}: {page}"
    );

    // Registering and correcting keep the index current.
    let (koord, _) = posko
        .store()
        .cari_login("koord.gambir")
        .await
        .unwrap()
        .unwrap();
    let baru = match posko
        .catat_pendukung(
            &koord,
            &IsianPendukung {
                nama: "Maria Yohana",
                domisili: TPS_GAMBIR,
                dukungan: "kuat",
                sumber: "kunjungan rumah",
                ..IsianPendukung::default()
            },
            &["kontak_kampanye"],
        )
        .await
        .unwrap()
    {
        posko_app::CatatPendukung::Baru { id, .. } => id,
        other => panic!("{other:?}"),
    };
    let page = teks(&k, s.url("/pendukung?q=yohana")).await;
    assert!(page.contains(&baru.to_string()), "{backend}");
    posko
        .koreksi_pendukung(
            &koord,
            baru,
            &IsianPendukung {
                nama: "Maria Ulfa",
                domisili: TPS_GAMBIR,
                dukungan: "kuat",
                sumber: "kunjungan rumah",
                ..IsianPendukung::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        jumlah_baris(&teks(&k, s.url("/pendukung?q=yohana")).await),
        0
    );
    assert_eq!(jumlah_baris(&teks(&k, s.url("/pendukung?q=ulfa")).await), 1);

    // Erased at her request: her name matches nothing, not even in
    // the index itself.
    let detail = teks(&k, s.url(&format!("/pendukung/{}", zulaikha.id))).await;
    let csrf = nilai_input(&detail, "csrf");
    let r = k
        .post(s.url(&format!("/pendukung/{}/hapus", zulaikha.id)))
        .form(&[("csrf", csrf.as_str()), ("yakin", "ya")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let page = teks(&k, s.url("/pendukung?q=paramitha")).await;
    assert_eq!(jumlah_baris(&page), 0, "{backend}");
    let indeks: Vec<Vec<String>> = token_cari("paramitha")
        .iter()
        .map(|t| posko.brankas().indeks_nama_semua(t))
        .collect();
    let (n, _) = posko
        .store()
        .cari_pendukung(&[Cakupan::Semua], &indeks, 10, 0)
        .await
        .unwrap();
    assert_eq!(n, 0, "{backend}: no index row left");
    assert!(
        posko
            .store()
            .daftar_nama_pendukung(true)
            .await
            .unwrap()
            .is_empty(),
        "{backend}"
    );
}

per_backend!(name_search_survives_a_key_rotation);
/// A finished key rotation drops the old key; the name index was keyed
/// with it, so rotating rebuilds it and search keeps working.
async fn name_search_survives_a_key_rotation(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    sign_in(
        &posko,
        "uji.manajer",
        vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
    )
    .await;
    let (manajer, _) = posko
        .store()
        .cari_login("uji.manajer")
        .await
        .unwrap()
        .unwrap();
    let gambir = Cakupan::Wilayah(KodeWilayah::parse(GAMBIR).unwrap());
    sign_in(
        &posko,
        "rina",
        vec![Penugasan::new(Peran::Relawan, gambir).unwrap()],
    )
    .await;
    let (rina, _) = posko.store().cari_login("rina").await.unwrap().unwrap();
    posko
        .tambah_relawan(&manajer, "Rina", gambir, Some(rina.id))
        .await
        .unwrap();
    let rina = posko
        .store()
        .ambil_pengguna(rina.id)
        .await
        .unwrap()
        .unwrap();
    posko
        .catat_pendukung(
            &rina,
            &IsianPendukung {
                nama: "Kartini Rahayu",
                domisili: TPS_GAMBIR,
                dukungan: "kuat",
                sumber: "uji",
                ..IsianPendukung::default()
            },
            &["kontak_kampanye"],
        )
        .await
        .unwrap();
    assert_eq!(
        posko
            .cari_pendukung(&manajer, "kartini", 0)
            .await
            .unwrap()
            .jumlah,
        1
    );
    // Rotate (old and new key in the ring), then keep only the new key.
    let cincin = posko.brankas().rotated();
    let hanya_baru = cincin.only_active();
    let berputar = posko_app::Posko::new(posko.store().clone(), std::sync::Arc::new(cincin));
    berputar
        .reencrypt_all(&posko_app::Aktor::cli())
        .await
        .unwrap();
    let baru = posko_app::Posko::new(posko.store().clone(), std::sync::Arc::new(hanya_baru));
    let h = baru
        .cari_pendukung(&manajer, "rahayu kart", 0)
        .await
        .unwrap();
    assert_eq!(
        h.baris.iter().map(|p| p.nama.as_str()).collect::<Vec<_>>(),
        vec!["Kartini Rahayu"],
        "{backend}"
    );
    assert_eq!(
        baru.cari_pendukung(&manajer, "rahayu", 0)
            .await
            .unwrap()
            .jumlah,
        1
    );
}
