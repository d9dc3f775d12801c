//! The finance calendar on the real server, on both backends: the
//! treasurer stores the KPU's schedule and records a filing from the
//! finance home; reminders reach the home page and the war room of those
//! who may see the finances and nobody else; the donor list downloads
//! watermarked for whoever took it, and is refused to the field.

use crate::common;

use common::{nilai_input, serve, store};
use posko_app::{Aktor, NewPemilihan, Posko};
use posko_domain::{Cakupan, Jejak, JenisPemilihan, KodeWilayah, Peran};
use posko_storage::Wilayah;
use reqwest::StatusCode;
use time::{Date, Duration};

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn hari_ini() -> Date {
    time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_hms(7, 0, 0).unwrap())
        .date()
}

async fn siapkan(posko: &Posko) -> uuid::Uuid {
    let jejak = Jejak::new("system", "uji", "uji", "1", "uji", b"x");
    let w = |k: &str, n: &str| Wilayah {
        kode: kw(k),
        nama: n.into(),
        jenis_desa: kw(k).jenis_desa(),
    };
    posko
        .store()
        .simpan_wilayah(&[w("32", "Jawa Barat"), w("32.73", "Kota Bandung")], &jejak)
        .await
        .unwrap();
    posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Walikota,
                wilayah: kw("32.73"),
                nama: Some("Pilwalkot Bandung".into()),
                tanggal: hari_ini() + Duration::days(90),
            },
        )
        .await
        .unwrap()
        .id
}

async fn teks(c: &reqwest::Client, url: String) -> String {
    let r = c.get(url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

per_backend!(calendar_filings_reminders_and_the_donor_list);
async fn calendar_filings_reminders_and_the_donor_list(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let kota = Cakupan::Wilayah(kw("32.73"));
    let bendahara = s.user("uji.bendahara", Peran::Bendahara, kota).await;
    let dasar = format!("/pemilihan/{id}/dana");
    let html = teks(&bendahara, s.url(&dasar)).await;
    let csrf = nilai_input(&html, "csrf");
    assert!(
        !html.contains("id=\"jadwal-laporan\""),
        "{backend}: no dates yet"
    );

    // The campaign starts in five days: the LADK is due in four.
    let mulai = hari_ini() + Duration::days(5);
    let akhir = hari_ini() + Duration::days(65);
    let r = bendahara
        .post(s.url(&format!("{dasar}/pengaturan")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("mulai_kampanye", &mulai.to_string()),
            ("akhir_kampanye", &akhir.to_string()),
            ("batas_belanja", "Rp 1.000.000.000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let html = teks(&bendahara, s.url(&dasar)).await;
    assert!(html.contains("id=\"jadwal-laporan\""), "{backend}");
    assert!(
        html.contains("pengingat-dana"),
        "{backend}: LADK due in 4 days"
    );
    assert!(html.contains("4 hari lagi"), "{backend}");

    // The home page says it too, linking to the calendar.
    let home = teks(&bendahara, s.url("/")).await;
    assert!(
        home.contains("pengingat-dana") && home.contains(&format!("{dasar}#jadwal")),
        "{backend}: home reminder"
    );
    // A koordinator of the same city sees no finance reminder.
    let koordinator = s.user("uji.koordinator", Peran::Koordinator, kota).await;
    let home = teks(&koordinator, s.url("/")).await;
    assert!(!home.contains("pengingat-dana"), "{backend}");

    // The KPU's own schedule: LADK due in two days instead.
    let ladk = hari_ini() + Duration::days(2);
    let lpsdk = mulai + Duration::days(20);
    let form = [
        ("csrf", csrf.clone()),
        ("ladk_akhir", ladk.to_string()),
        ("ladk_batas", ladk.to_string()),
        ("lpsdk_akhir", lpsdk.to_string()),
        ("lpsdk_batas", (lpsdk + Duration::days(2)).to_string()),
        ("lppdk_akhir", akhir.to_string()),
        ("lppdk_batas", (akhir + Duration::days(3)).to_string()),
    ];
    let r = bendahara
        .post(s.url(&format!("{dasar}/jadwal")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let html = teks(&bendahara, s.url(&dasar)).await;
    assert!(
        html.contains("2 hari lagi"),
        "{backend}: the KPU's date counts"
    );
    // A koordinator cannot change it.
    let r = koordinator
        .post(s.url(&format!("{dasar}/jadwal")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");

    // Filed today with its receipt: the reminder goes, the calendar says so.
    let r = bendahara
        .post(s.url(&format!("{dasar}/penyampaian")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("periode", "ladk"),
            ("tanggal", &hari_ini().to_string()),
            ("tanda_terima", "SIKADEKA/LADK/0042"),
            ("catatan", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let html = teks(&bendahara, s.url(&dasar)).await;
    assert!(html.contains("SIKADEKA/LADK/0042"), "{backend}");
    assert!(
        !html.contains("pengingat-dana"),
        "{backend}: nothing due now"
    );
    let j: serde_json::Value = bendahara
        .get(s.url(&format!("/api/v1{dasar}/jadwal")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(j["diatur_kpu"], true, "{backend}");
    assert_eq!(
        j["periode"][0]["disampaikan"]["tanda_terima"], "SIKADEKA/LADK/0042",
        "{backend}"
    );
    assert_eq!(
        j["periode"][1]["batas_penyampaian"],
        (lpsdk + Duration::days(2)).to_string()
    );

    // The war room of the election's region carries the finance tile for
    // the manager; the koordinator's war room does not.
    let manajer = s.client();
    let ruang = teks(&manajer, s.url(&format!("/pemilihan/{id}/ruang/32.73"))).await;
    assert!(ruang.contains("id=\"dana-kartu\""), "{backend}: tile");
    let r = koordinator
        .get(s.url(&format!("/pemilihan/{id}/ruang/32.73")))
        .send()
        .await
        .unwrap();
    if r.status() == StatusCode::OK {
        assert!(!r.text().await.unwrap().contains("dana-kartu"), "{backend}");
    }

    // A donation, then the donor list: watermarked with the taker.
    let r = bendahara
        .post(s.url(&format!("{dasar}/sumbangan")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("tanggal", &hari_ini().to_string()),
            ("sumber", "perseorangan"),
            ("nama", "Siti Aminah"),
            ("alamat", "Jl. Dago 5, Bandung"),
            ("nik", "3273015508900002"),
            ("bentuk", "uang"),
            ("rekening", "rkdk"),
            ("nilai", "2.500.000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let laporan = teks(&bendahara, s.url(&format!("{dasar}/laporan/ladk"))).await;
    assert!(
        laporan.contains(&format!("{dasar}/laporan/ladk/penyumbang/xlsx")),
        "{backend}"
    );
    let r = bendahara
        .get(s.url(&format!("{dasar}/laporan/lppdk/penyumbang/xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let nama = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(nama.contains("penyumbang-lppdk-"), "{backend}: {nama}");
    let isi = r.bytes().await.unwrap().to_vec();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(isi)).unwrap();
    let range = wb.worksheet_range("Penyumbang").unwrap();
    let semua: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
    assert!(semua.iter().any(|c| c == "Siti Aminah"), "{backend}");
    assert!(
        semua[0].contains("RAHASIA") && semua[0].contains("uji.bendahara"),
        "{backend}: {}",
        semua[0]
    );
    for (peran, c) in [("koordinator", &koordinator)] {
        for f in ["xlsx", "pdf"] {
            let r = c
                .get(s.url(&format!("{dasar}/laporan/lppdk/penyumbang/{f}")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {peran} {f}");
        }
    }
    let r = bendahara
        .get(s.url(&format!("{dasar}/laporan/lppdk/penyumbang/csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
}
