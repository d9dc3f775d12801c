//! Field-data quality on every backend: a relawan's burst of supporters is
//! held out of the leaderboard and targets; only a coordinator of their
//! subtree may decide; approving brings the day in, a new finding holds it
//! again, rolling back removes it; every decision is in the audit log.

use crate::common;

use common::{client_with, csrf_of, serve, sign_in, store_dki};
use posko_app::{Aktor, Gabung};
use posko_domain::{Cakupan, IsianPendukung, KodeTps, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;

/// The text after `awal` up to the next `akhir`.
fn antara<'a>(html: &'a str, awal: &str, akhir: &str) -> &'a str {
    let i = html
        .find(awal)
        .unwrap_or_else(|| panic!("'{awal}' not on the page:\n{html}"))
        + awal.len();
    html[i..].split(akhir).next().unwrap()
}

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

async fn pengguna(posko: &posko_app::Posko, username: &str) -> posko_storage::Pengguna {
    posko.store().cari_login(username).await.unwrap().unwrap().0
}

/// `n` supporters recorded one after another (a burst) at `tps`.
async fn catat(posko: &posko_app::Posko, oleh: &posko_storage::Pengguna, tps: &str, n: usize) {
    for i in 0..n {
        let nama = format!("Warga Uji {oleh} {i}", oleh = oleh.username);
        let isian = IsianPendukung {
            nama: &nama,
            domisili: tps,
            dukungan: "kuat",
            ..Default::default()
        };
        posko
            .catat_pendukung(oleh, &isian, &["kontak_kampanye"])
            .await
            .unwrap();
    }
}

async fn peringkat(posko: &posko_app::Posko, oleh: &posko_storage::Pengguna, nama: &str) -> u64 {
    posko
        .papan_peringkat(oleh, kw("31.71.01"))
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.relawan.nama == nama)
        .map_or(0, |r| r.pendukung)
}

async fn target_pendukung(posko: &posko_app::Posko, pemilihan: uuid::Uuid) -> u64 {
    posko
        .target_berlaku(pemilihan, kw("31.71.01.1001"))
        .await
        .unwrap()
        .baris
        .iter()
        .map(|b| b.pendukung)
        .sum()
}

async fn jumlah_jejak(posko: &posko_app::Posko, aksi: &str) -> usize {
    posko
        .store()
        .daftar_audit(0, 100_000)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.aksi == aksi)
        .count()
}

per_backend!(a_burst_is_held_until_a_coordinator_of_the_subtree_decides);
async fn a_burst_is_held_until_a_coordinator_of_the_subtree_decides(backend: &'static str) {
    let Some(data) = common::shared_data() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let pemilihan = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let posko = &s.posko;
    let manajer = pengguna(posko, "uji.manajer").await;

    // Gambir's coordinator heads the tree there and recruits one relawan.
    let koord_cookie = sign_in(
        posko,
        "koord.gambir",
        vec![Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71.01"))).unwrap()],
    )
    .await;
    let koord = pengguna(posko, "koord.gambir").await;
    posko
        .tambah_relawan(
            &manajer,
            "Koordinator Gambir",
            Cakupan::Wilayah(kw("31.71.01")),
            Some(koord.id),
        )
        .await
        .unwrap();
    let koord = pengguna(posko, "koord.gambir").await;
    let kode = posko
        .buat_undangan(&koord, Cakupan::Wilayah(kw("31.71.01.1001")))
        .await
        .unwrap();
    let (rina, _) = posko
        .gabung_relawan(Gabung {
            kode,
            username: "rina.relawan".into(),
            nama: "Rina Relawan".into(),
            password: common::PASSWORD.into(),
        })
        .await
        .unwrap();
    // The coordinator of the next kecamatan, and Rina signed in herself.
    let lain_cookie = sign_in(
        posko,
        "koord.sawahbesar",
        vec![Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71.02"))).unwrap()],
    )
    .await;
    let rina_cookie = common::sign_in_again(posko, "rina.relawan").await;

    // Five supporters are too few to judge a pace: nothing is held.
    catat(posko, &rina, "3171011001001", 5).await;
    assert_eq!(
        peringkat(posko, &koord, "Rina Relawan").await,
        5,
        "{backend}"
    );
    // Twenty more in a minute: a burst. The whole day is held.
    catat(posko, &rina, "3171011001001", 20).await;
    assert_eq!(
        peringkat(posko, &koord, "Rina Relawan").await,
        0,
        "{backend}"
    );
    assert_eq!(target_pendukung(posko, pemilihan).await, 0, "{backend}");
    // Each check that changed the day is in the audit log.
    assert!(jumlah_jejak(posko, "mutu.periksa").await >= 1, "{backend}");

    // The coordinator sees it, with the reason in words, in both languages.
    let k = client_with(&koord_cookie);
    let page = k.get(s.url("/relawan/tahan")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK, "{backend}");
    let page = page.text().await.unwrap();
    assert!(page.contains("Rina Relawan"), "{backend}: {page}");
    assert!(
        page.contains("lebih dari 20 pendukung dicatat dalam 10 menit"),
        "{backend}: {page}"
    );
    assert!(
        !page.contains("waktu.beruntun"),
        "codes are not shown: {page}"
    );
    let en = k
        .get(s.url("/relawan/tahan?bahasa=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        en.contains("more than 20 supporters recorded within 10 minutes"),
        "{en}"
    );
    let aksi = antara(&page, "action=\"/relawan/tahan/", "\"");
    let tujuan = format!("/relawan/tahan/{aksi}");
    assert!(tujuan.starts_with(&format!(
        "/relawan/tahan/{}/",
        posko.relawan_saya(&rina).await.unwrap().unwrap().id
    )));

    // Another kecamatan's coordinator neither sees nor decides it; Rina
    // cannot open the page, nor approve her own day.
    let l = client_with(&lain_cookie);
    let page_lain = l
        .get(s.url("/relawan/tahan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page_lain.contains("Rina Relawan"), "{backend}");
    let csrf_lain = csrf_of(&lain_cookie).unwrap();
    let r = l
        .post(s.url(&tujuan))
        .form(&[("csrf", csrf_lain.as_str()), ("putusan", "setujui")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let rc = client_with(&rina_cookie);
    let csrf_rina = csrf_of(&rina_cookie).unwrap();
    assert_eq!(
        rc.get(s.url("/relawan/tahan"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    let r = rc
        .post(s.url(&tujuan))
        .form(&[("csrf", csrf_rina.as_str()), ("putusan", "setujui")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    // A wrong CSRF token is refused too.
    let r = k
        .post(s.url(&tujuan))
        .form(&[("csrf", "salah"), ("putusan", "setujui")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert_eq!(
        peringkat(posko, &koord, "Rina Relawan").await,
        0,
        "{backend}"
    );

    // Approved: the day counts, in the leaderboard and the targets.
    let csrf = common::nilai_input(&page, "csrf");
    let r = k
        .post(s.url(&tujuan))
        .form(&[("csrf", csrf.as_str()), ("putusan", "setujui")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert_eq!(jumlah_jejak(posko, "mutu.setujui").await, 1, "{backend}");
    assert_eq!(
        peringkat(posko, &koord, "Rina Relawan").await,
        25,
        "{backend}"
    );
    assert_eq!(target_pendukung(posko, pemilihan).await, 25, "{backend}");
    // Deciding twice is a conflict, not a second decision.
    let r = k
        .post(s.url(&tujuan))
        .form(&[("csrf", csrf.as_str()), ("putusan", "batalkan")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "{backend}");

    // More of the same burst: a finding the approval did not cover holds
    // the day again; rolled back, its supporters are gone.
    catat(posko, &rina, "3171011001001", 3).await;
    assert_eq!(
        peringkat(posko, &koord, "Rina Relawan").await,
        0,
        "{backend}"
    );
    let page = k
        .get(s.url("/relawan/tahan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Rina Relawan"), "{backend}: {page}");
    let r = k
        .post(s.url(&tujuan))
        .form(&[("csrf", csrf.as_str()), ("putusan", "batalkan")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert_eq!(jumlah_jejak(posko, "mutu.batalkan").await, 1, "{backend}");
    assert_eq!(
        peringkat(posko, &koord, "Rina Relawan").await,
        0,
        "{backend}"
    );
    assert_eq!(target_pendukung(posko, pemilihan).await, 0, "{backend}");
    assert!(
        posko
            .cari_pendukung(&koord, "Warga Uji", 0)
            .await
            .unwrap()
            .baris
            .is_empty(),
        "{backend}: rolled back supporters are deleted"
    );
    let page = k
        .get(s.url("/relawan/tahan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Rina Relawan"), "{backend}");
    // The audit chain still holds after the deletions.
    assert!(
        posko.verify_audit().await.unwrap().broken.is_none(),
        "{backend}"
    );
}

fn pemilih(urut: u32) -> posko_domain::Pemilih {
    posko_domain::Pemilih {
        tps: KodeTps::parse("3171011001001").unwrap(),
        urut,
        nama: posko_domain::nama_kunci(&format!("Pemilih Uji {urut}")),
        jenis_kelamin: posko_domain::JenisKelamin::Laki,
        tanggal_lahir: Some(time::macros::date!(1980 - 05 - 17)),
        usia: None,
        alamat: Some(format!("JL. KENARI {urut}")),
        rt: Some(1),
        rw: Some(1),
        nik_tersamar: None,
    }
}

per_backend!(visits_whose_gps_teleports_are_held_and_coordinates_are_not_kept);
async fn visits_whose_gps_teleports_are_held_and_coordinates_are_not_kept(backend: &'static str) {
    let Some(data) = common::shared_data() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let posko = &s.posko;
    let mut m = posko.store().muat_pemilih().await.unwrap();
    m.tambah((1..=12).map(pemilih).collect()).await.unwrap();
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
    let manajer = pengguna(posko, "uji.manajer").await;
    let desa = kw("31.71.01.1001");
    let rina_cookie = sign_in(
        posko,
        "rina.gps",
        vec![Penugasan::new(Peran::Relawan, Cakupan::Wilayah(desa)).unwrap()],
    )
    .await;
    let rina = pengguna(posko, "rina.gps").await;
    posko
        .tambah_relawan(&manajer, "Rina GPS", Cakupan::Wilayah(desa), Some(rina.id))
        .await
        .unwrap();
    sign_in(
        posko,
        "koord.gps",
        vec![Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71.01"))).unwrap()],
    )
    .await;
    let koord = pengguna(posko, "koord.gps").await;

    // Yesterday from 08:00 WIB, one door every two minutes, the phone
    // jumping between Jakarta and Bandung (about 120 km).
    let kemarin = posko_domain::mutu_lapangan::hari_wib(
        time::OffsetDateTime::now_utc().unix_timestamp() - 86_400,
    );
    let pagi = kemarin * 86_400 + 3_600;
    let kunjungan: Vec<serde_json::Value> = (1..=12u32)
        .map(|i| {
            let (lat, lon) = if i % 2 == 0 {
                (-6.1754, 106.8272)
            } else {
                (-6.9147, 107.6098)
            };
            serde_json::json!({
                "id": uuid::Uuid::now_v7().to_string(),
                "tps": "3171011001001",
                "urut": i,
                "hasil": "tidak_di_rumah",
                "waktu": pagi + i64::from(i) * 120,
                "lat": lat,
                "lon": lon,
            })
        })
        .collect();
    let c = client_with(&rina_cookie);
    let api = s.url("/api/v1/kunjungan");
    // Half a location is refused, naming the field.
    let mut setengah = kunjungan[0].clone();
    setengah.as_object_mut().unwrap().remove("lon");
    let r = c
        .post(&api)
        .json(&serde_json::json!({ "kunjungan": [setengah] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    let r = c
        .post(&api)
        .json(&serde_json::json!({ "kunjungan": kunjungan }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");

    let ditahan = posko.daftar_batch_ditahan(&koord).await.unwrap();
    assert_eq!(ditahan.len(), 1, "{backend}");
    assert_eq!(ditahan[0].relawan.nama, "Rina GPS");
    assert_eq!(ditahan[0].batch.hari, kemarin);
    assert_eq!(
        ditahan[0].batch.temuan[0].alasan,
        posko_domain::mutu_lapangan::Alasan::GpsTerlaluCepat,
        "{backend}"
    );
    let kunjungan_rina = |rows: Vec<posko_app::Peringkat>| {
        rows.into_iter()
            .find(|r| r.relawan.nama == "Rina GPS")
            .map_or(0, |r| r.kunjungan)
    };
    assert_eq!(
        kunjungan_rina(posko.papan_peringkat(&koord, desa).await.unwrap()),
        0,
        "{backend}"
    );
    // Nothing stored names a place: the visits have no coordinates.
    let simpan = posko
        .store()
        .daftar_kunjungan_tps(KodeTps::parse("3171011001001").unwrap())
        .await
        .unwrap();
    assert_eq!(simpan.len(), 12);
    let teks = format!("{simpan:?}{:?}", ditahan[0].batch);
    assert!(!teks.contains("106.8") && !teks.contains("-6.17"), "{teks}");
    // A resend adds no finding; approval brings the visits in.
    let r = c
        .post(&api)
        .json(&serde_json::json!({ "kunjungan": kunjungan }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    posko
        .putuskan_batch(&koord, rina_id(posko, &rina).await, kemarin, true)
        .await
        .unwrap();
    assert_eq!(
        kunjungan_rina(posko.papan_peringkat(&koord, desa).await.unwrap()),
        12,
        "{backend}"
    );
}

async fn rina_id(posko: &posko_app::Posko, p: &posko_storage::Pengguna) -> uuid::Uuid {
    posko.relawan_saya(p).await.unwrap().unwrap().id
}
