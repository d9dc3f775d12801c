//! The field room's events on the real server, on both backends: an
//! event only in the campaign period; the area's consented supporters
//! invited, each with a personal link that answers the RSVP without an
//! account and shows the QR for the door; the door checks each person in
//! once (the form, the queue's resend, the API); who may open what.

use std::sync::Arc;

use crate::common;
use crate::dana_web::{cakupan, siapkan};

use common::{nilai_input, serve, sign_in, store};
use posko_domain::{Cakupan, IsianPendukung, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;
use serde_json::Value;
use time::macros::datetime;

const DESA: &str = "32.73.01.1001";

async fn teks(r: reqwest::Response) -> (StatusCode, String) {
    let st = r.status();
    (st, r.text().await.unwrap())
}

fn lokasi(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

per_backend!(acara_undangan_dan_pintu);
async fn acara_undangan_dan_pintu(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    // 2029-10-01 20:00 WIB, within the campaign period (2029-09-26 to
    // 2029-11-24 for voting on 2029-11-28).
    let jam: posko_app::hitung_cepat::Jam = Arc::new(|| datetime!(2029-10-01 13:00 UTC));
    let posko = store(backend, dir.path()).await.with_jam(jam);
    let id = siapkan(&posko).await;
    let desa = KodeWilayah::parse(DESA).unwrap();
    // A relawan of the desa, with one consented supporter and one who
    // agreed to surveys only (never invited).
    sign_in(
        &posko,
        "uji.rina",
        vec![Penugasan::new(Peran::Relawan, Cakupan::Wilayah(desa)).unwrap()],
    )
    .await;
    let s = serve(posko, dir).await;
    let (manajer, _) = s
        .posko
        .store()
        .cari_login("uji.manajer")
        .await
        .unwrap()
        .unwrap();
    let (rina, _) = s
        .posko
        .store()
        .cari_login("uji.rina")
        .await
        .unwrap()
        .unwrap();
    s.posko
        .tambah_relawan(&manajer, "Rina", Cakupan::Wilayah(desa), Some(rina.id))
        .await
        .unwrap();
    let rina = s
        .posko
        .store()
        .ambil_pengguna(rina.id)
        .await
        .unwrap()
        .unwrap();
    for (nama, keperluan) in [
        ("Kartini Rahayu", "kontak_kampanye"),
        ("Dewi Lestari", "survei"),
    ] {
        s.posko
            .catat_pendukung(
                &rina,
                &IsianPendukung {
                    nama,
                    domisili: DESA,
                    dukungan: "kuat",
                    sumber: "uji",
                    ..IsianPendukung::default()
                },
                &[keperluan],
            )
            .await
            .unwrap();
    }
    let m = s.client();
    let relawan = s
        .user("uji.relawan", Peran::Relawan, Cakupan::Wilayah(desa))
        .await;
    let tetangga = s
        .user(
            "uji.tetangga",
            Peran::Koordinator,
            Cakupan::Wilayah(KodeWilayah::parse("32.73.02").unwrap()),
        )
        .await;
    let dasar = format!("/pemilihan/{id}/lapangan");

    // The calendar with its form; an event in the quiet period refused.
    let (st, html) = teks(
        m.get(s.url(&format!("{dasar}/acara")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(html.contains("id=\"acara-baru\""), "{backend}");
    let csrf = nilai_input(&html, "csrf");
    let pj = manajer.id.to_string();
    let isian = |tanggal: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("jenis", "tatap_muka".to_string()),
            ("judul", "Tatap muka Sukarasa".to_string()),
            ("desa", DESA.to_string()),
            ("alamat", "Balai RW 05".to_string()),
            ("tanggal", tanggal.to_string()),
            ("jam", "19:00".to_string()),
            ("penanggung_jawab", pj.clone()),
            ("perkiraan_hadir", "80".to_string()),
        ]
    };
    let r = m
        .post(s.url(&format!("{dasar}/acara")))
        .form(&isian("2029-11-25"))
        .send()
        .await
        .unwrap();
    let (st, html) = teks(r).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(html.contains("masa tenang"), "{backend}: says why");
    let r = m
        .post(s.url(&format!("{dasar}/acara")))
        .form(&isian("2029-10-01"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let acara = lokasi(&r);

    // Invite: the consented supporter only.
    let r = m
        .post(s.url(&format!("{acara}/undang")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let (st, html) = teks(
        m.get(s.url(&format!("{acara}?diundang=1")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(
        html.contains("Kartini Rahayu") && !html.contains("Dewi Lestari"),
        "{backend}"
    );
    let awal = html.find("/undangan/").expect("a personal link");
    let tautan: String = html[awal..].chars().take_while(|c| *c != '"').collect();
    let kode = tautan.rsplit('/').next().unwrap().to_string();
    // The relawan sees the invitation but not its personal link.
    let (st, html) = teks(relawan.get(s.url(&acara)).send().await.unwrap()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(
        html.contains("Kartini Rahayu") && !html.contains("/undangan/"),
        "{backend}"
    );

    // The invited person's page, no account: the QR, the answer.
    let anon = common::client();
    let (st, html) = teks(anon.get(s.url(&tautan)).send().await.unwrap()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(
        html.contains("<svg") && html.contains(&kode),
        "{backend}: the QR and its code"
    );
    let salah = format!("{}ZZ", &tautan[..tautan.len() - 2]);
    assert_eq!(
        anon.get(s.url(&salah)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "{backend}: a wrong code is no invitation"
    );
    let r = anon
        .post(s.url(&tautan))
        .header("origin", s.url(""))
        .form(&[("jawaban", "hadir")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let r = anon
        .post(s.url(&tautan))
        .header("origin", "http://penyerang.example")
        .form(&[("jawaban", "tidak_hadir")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "{backend}: another site cannot answer"
    );
    let (_, html) = teks(anon.get(s.url(&tautan)).send().await.unwrap()).await;
    assert!(html.contains("id=\"jawaban-kini\""), "{backend}");

    // The door: the code checked in once, whatever the resends.
    let (st, html) = teks(
        relawan
            .get(s.url(&format!("{acara}/pintu")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(html.contains("data-antrean"), "{backend}: queued offline");
    let csrf_r = nilai_input(&html, "csrf");
    let waktu = datetime!(2029-10-01 12:05 UTC).unix_timestamp().to_string();
    for (i, harap) in ["tercatat hadir.", "sudah tercatat"].iter().enumerate() {
        let r = relawan
            .post(s.url(&format!("{acara}/hadir")))
            .form(&[
                ("csrf", csrf_r.as_str()),
                ("kunci_klien", &format!("k{i}")),
                ("kode", &kode.to_lowercase()),
                ("waktu", &waktu),
            ])
            .send()
            .await
            .unwrap();
        let (st, html) = teks(r).await;
        assert_eq!(st, StatusCode::OK, "{backend}");
        assert!(html.contains(harap), "{backend}: {harap}");
    }
    let r = relawan
        .post(s.url(&format!("{acara}/hadir")))
        .form(&[
            ("csrf", csrf_r.as_str()),
            ("kode", "BUKANKODE9"),
            ("waktu", &waktu),
        ])
        .send()
        .await
        .unwrap();
    let (st, html) = teks(r).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(html.contains("BUKANKODE9"), "{backend}: names the code");
    let api = format!(
        "/api/v1/pemilihan/{id}/lapangan/acara/{}/hadir",
        acara.rsplit('/').next().unwrap()
    );
    let r = relawan
        .post(s.url(&api))
        .json(&serde_json::json!({ "kode": kode, "waktu": waktu.parse::<i64>().unwrap() }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.json::<Value>().await.unwrap()["baru"], false, "{backend}");
    let r = relawan
        .post(s.url(&api))
        .json(&serde_json::json!({ "nama": "Pak Tamu", "waktu": waktu.parse::<i64>().unwrap() }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["baru"], true, "{backend}");
    let daftar: Value = m
        .get(s.url(&format!("/api/v1/pemilihan/{id}/lapangan/acara")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        daftar[0]["hadir"], 2,
        "{backend}: Kartini once, and the guest"
    );
    assert_eq!(daftar[0]["diundang"], 1, "{backend}");
    assert_eq!(daftar[0]["zona"], "WIB", "{backend}");

    // A photo of the event, served only as the event's; a ledger entry
    // that is not this election's is refused.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .part(
            "berkas",
            reqwest::multipart::Part::bytes(crate::medsos_konten::png(7)).file_name("acara.png"),
        );
    let r = m
        .post(s.url(&format!("{acara}/foto")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let (_, html) = teks(relawan.get(s.url(&acara)).send().await.unwrap()).await;
    let i = html.find("/foto/").expect("the photo listed");
    let foto: String = html[i..].chars().take_while(|c| *c != '"').collect();
    let r = relawan
        .get(s.url(&format!("{acara}{foto}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["content-type"], "image/png", "{backend}");
    let lain = format!("{acara}/foto/{}", "ab".repeat(32));
    assert_eq!(
        relawan.get(s.url(&lain)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "{backend}: a hash the event does not list"
    );
    let r = m
        .post(s.url(&format!("{acara}/belanja")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("entri", &uuid::Uuid::now_v7().to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

    // The event's spending: the manager picks it by the ledger's own
    // number; a donation (which names its donor) is never linked; a
    // coordinator who plans events but may not read the ledger can link
    // nothing and sees no entry.
    let api_dana = format!("/api/v1/pemilihan/{id}/dana");
    let r = m
        .post(s.url(&format!("{api_dana}/belanja")))
        .json(
            &serde_json::json!({"tanggal": "2029-10-05", "kategori": "pertemuan_terbatas",
               "nilai": "2.500.000", "uraian": "sewa tenda balai RW"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    let r = m
        .post(s.url(&format!("{api_dana}/sumbangan")))
        .json(&serde_json::json!({"tanggal": "2029-10-05", "sumber": "perseorangan",
               "nama": "Budi Santoso", "alamat": "Jl. Melati 3", "nik": "3273011204850003", "bentuk": "uang",
               "rekening": "rkdk", "nilai": "1.000.000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{backend}: {}",
        r.text().await.unwrap()
    );
    let buku: Value = m
        .get(s.url(&format!("{api_dana}/buku")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let nomor = |arah: &str| {
        buku.as_array()
            .unwrap()
            .iter()
            .find(|e| e.to_string().contains(arah))
            .map(|e| e["nomor"].as_i64().unwrap())
            .unwrap_or_else(|| panic!("{backend}: no {arah} in {buku}"))
    };
    let (belanja, sumbangan) = (nomor("pertemuan_terbatas"), nomor("perseorangan"));
    let (_, html) = teks(m.get(s.url(&acara)).send().await.unwrap()).await;
    assert!(
        html.contains(&format!("No. {belanja} · 2029-10-05")) && html.contains("sewa tenda"),
        "{backend}: spending near the event offered by its number and words"
    );
    assert!(
        !html.contains("Budi Santoso") && !html.contains(&format!("No. {sumbangan} ·")),
        "{backend}: a donation is not offered"
    );
    let tautkan = |c: &reqwest::Client, entri: String| {
        c.post(s.url(&format!("{acara}/belanja")))
            .form(&[("csrf", csrf.clone()), ("entri", entri)])
            .send()
    };
    let r = tautkan(&m, sumbangan.to_string()).await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{backend}: a donation"
    );
    let koordinator = s
        .user("uji.koor", Peran::Koordinator, Cakupan::Wilayah(desa))
        .await;
    let (st, html_k) = teks(koordinator.get(s.url(&acara)).send().await.unwrap()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(
        !html_k.contains("/belanja\""),
        "{backend}: no ledger form for a coordinator"
    );
    let csrf_k = nilai_input(&html_k, "csrf");
    let r = koordinator
        .post(s.url(&format!("{acara}/belanja")))
        .form(&[("csrf", csrf_k.as_str()), ("entri", &belanja.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "{backend}: a coordinator"
    );
    let r = tautkan(&m, format!("No. {belanja}")).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let (_, html) = teks(m.get(s.url(&acara)).send().await.unwrap()).await;
    let i = html.find("id=\"laporan\"").unwrap();
    assert!(
        html[i..].contains("/dana/entri/") && html[i..].contains(&format!("No. {belanja} · ")),
        "{backend}: the linked entry by its number, linking to it"
    );
    for c in [&koordinator, &relawan] {
        let (_, h) = teks(c.get(s.url(&acara)).send().await.unwrap()).await;
        assert!(
            !h.contains("/dana/entri/"),
            "{backend}: the ledger is the finance team's"
        );
    }

    // Outside the area: nothing seen, nothing touched.
    let (st, html) = teks(
        tetangga
            .get(s.url(&format!("{dasar}/acara")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(!html.contains("Tatap muka Sukarasa"), "{backend}");
    assert_eq!(
        tetangga.get(s.url(&acara)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "{backend}"
    );
    for peran in [
        Peran::Saksi,
        Peran::Bendahara,
        Peran::Verifier,
        Peran::Media,
        Peran::Auditor,
    ] {
        let c = s
            .user(&format!("uji.{}", peran.slug()), peran, cakupan(peran))
            .await;
        for jalan in [dasar.clone(), acara.clone(), format!("{acara}/pintu")] {
            assert_eq!(
                c.get(s.url(&jalan)).send().await.unwrap().status(),
                StatusCode::FORBIDDEN,
                "{backend}: {peran:?} {jalan}"
            );
        }
    }
    // A relawan does not plan.
    let r = relawan
        .post(s.url(&format!("{dasar}/acara")))
        .form(&isian("2029-10-02"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
}

/// At the door without signal: a relawan writes an uninvited guest on a
/// 360 px phone; the page says the entry waits on the phone, nothing
/// arrives, and once the network returns it is counted exactly once (a
/// reload resends nothing). The phone's own clock stamps the entry, so the
/// event is today and the campaign period around it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pintu_tanpa_sinyal_terkirim_sekali() {
    use crate::cdp::Cdp;
    let Some(bin) = crate::layar::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let hari_ini = time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_hms(7, 0, 0).unwrap())
        .date();
    let id = crate::dana_web::siapkan_pada(&posko, hari_ini + time::Duration::days(30)).await;
    let desa = KodeWilayah::parse(DESA).unwrap();
    sign_in(
        &posko,
        "uji.rina",
        vec![Penugasan::new(Peran::Relawan, Cakupan::Wilayah(desa)).unwrap()],
    )
    .await;
    let s = serve(posko, dir).await;
    let manajer = s
        .posko
        .store()
        .cari_login("uji.manajer")
        .await
        .unwrap()
        .unwrap()
        .0;
    let acara = s
        .posko
        .buat_acara(
            &manajer,
            id,
            posko_app::lapangan::acara::AcaraBaru {
                jenis: posko_domain::lapangan::JenisAcara::TatapMuka,
                judul: "Tatap muka Sukarasa".into(),
                desa,
                alamat: "Balai RW 05".into(),
                lokasi: None,
                tanggal: hari_ini,
                jam: time::macros::time!(19:00),
                penanggung_jawab: manajer.id,
                perkiraan_hadir: 40,
            },
        )
        .await
        .unwrap();
    let hadir = || async {
        let daftar: Value = s
            .client()
            .get(s.url(&format!("/api/v1/pemilihan/{id}/lapangan/acara")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        daftar[0]["hadir"].as_u64().unwrap()
    };

    let work = tempfile::tempdir().unwrap();
    let mut b = Cdp::start(bin, &work.path().join("profil"), &["--window-size=360,800"]).await;
    let kode = s
        .posko
        .issue_login_code(&posko_app::Aktor::system(), "uji.rina")
        .await
        .unwrap();
    let pintu = format!("/pemilihan/{id}/lapangan/acara/{acara}/pintu");
    b.goto(&s.url(&format!("/masuk/kode/{kode}?lanjut={pintu}")))
        .await;
    b.wait_text("Nama tamu", 10).await;
    b.tanpa_sinyal(true).await;
    b.eval(
        r#"(() => {
            const f = document.querySelector('form[data-pintu]');
            f.elements['nama'].value = 'Pak Darto';
            f.querySelector('button[type=submit]').click(); return true; })()"#,
    )
    .await;
    b.wait_text("di ponsel", 10).await;
    assert_eq!(hadir().await, 0, "nothing arrived while offline");
    b.tanpa_sinyal(false).await;
    sampai_lalu_tetap(&mut b, &hadir, 1, &s.url(&pintu)).await;
    assert_eq!(
        b.eval("document.getElementById('jumlah-hadir').textContent")
            .await,
        serde_json::json!("1")
    );
    // An entry a phone queued before the queue recorded its form's
    // encoding (as it stood when the door was refused with 415) still
    // arrives, once, when the page opens again.
    b.eval(
        r#"(async () => {
            const f = document.querySelector('form[data-pintu]');
            const db = await new Promise((ok, no) => {
                const r = indexedDB.open('posko-antrean', 1);
                r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
            await new Promise((ok, no) => {
                const t = db.transaction('kiriman', 'readwrite');
                t.objectStore('kiriman').put({ kunci: 'lama-1', action: f.action, photos: [],
                    fields: [['csrf', 'usang'], ['kunci_klien', 'lama-1'],
                             ['waktu', String(Math.floor(Date.now() / 1000))],
                             ['kode', ''], ['nama', 'Bu Sri']] });
                t.oncomplete = ok; t.onerror = () => no(t.error); });
            return true; })()"#,
    )
    .await;
    b.goto(&s.url(&pintu)).await;
    sampai_lalu_tetap(&mut b, &hadir, 2, &s.url(&pintu)).await;
}

/// Waits (15 s at most) until the event counts `n` check-ins, then opens
/// the door page again (which sends whatever the queue still holds) and
/// sees the count stay at `n`: each entry arrived, and once.
async fn sampai_lalu_tetap<F, Fut>(b: &mut crate::cdp::Cdp, hadir: &F, n: u64, pintu: &str)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = u64>,
{
    let sampai = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while hadir().await < n {
        assert!(
            std::time::Instant::now() < sampai,
            "{n} check-ins never arrived: {}",
            b.eval("document.body.innerText").await
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    b.goto(pintu).await;
    b.wait_text("Nama tamu", 10).await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert_eq!(hadir().await, n, "each entry once");
}
