//! The relawan and supporter pages against the real server on real DKI
//! Jakarta data, on every backend: recruiting by invitation, registering
//! supporters with consent, the data subject's rights and targets.

use crate::common;

use common::{
    PASSWORD, client, client_with, nilai_input, serve, shared_data, sign_in, sign_in_again,
    store_dki,
};
use posko_app::Aktor;
use posko_domain::{Cakupan, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn lokasi(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The text between `awal` and the next `akhir`, after `dari`.
fn ambil<'a>(html: &'a str, awal: &str, akhir: &str) -> &'a str {
    let i = html
        .find(awal)
        .unwrap_or_else(|| panic!("'{awal}' not on the page:\n{html}"))
        + awal.len();
    html[i..].split(akhir).next().unwrap()
}

per_backend!(recruit_register_supporters_and_serve_their_rights);
async fn recruit_register_supporters_and_serve_their_rights(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let posko = &s.posko;

    // The campaign names a coordinator for Gambir at the top of a tree.
    let koord_cookie = sign_in(
        posko,
        "koord.gambir",
        vec![Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71.01"))).unwrap()],
    )
    .await;
    let (manajer, _) = posko
        .store()
        .cari_login("uji.manajer")
        .await
        .unwrap()
        .unwrap();
    let (koord, _) = posko
        .store()
        .cari_login("koord.gambir")
        .await
        .unwrap()
        .unwrap();
    posko
        .tambah_relawan(
            &manajer,
            "Koordinator Gambir",
            Cakupan::Wilayah(kw("31.71.01")),
            Some(koord.id),
        )
        .await
        .unwrap();
    let k = client_with(&koord_cookie);

    // The coordinator invites a recruit for one desa.
    let page = k.get(s.url("/relawan")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK, "{backend}");
    let page = page.text().await.unwrap();
    assert!(page.contains("koordinator kecamatan"), "{backend}: {page}");
    let csrf = nilai_input(&page, "csrf");
    let r = k
        .post(s.url("/relawan/undangan"))
        .form(&[("csrf", csrf.as_str()), ("wilayah", "31.71.01.1001")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let page = r.text().await.unwrap();
    let kode = ambil(&page, "href=\"/relawan/gabung/", "\"").to_string();
    assert_eq!(kode.len(), 10, "{backend}: {kode}");
    // Outside the coordinator's territory: refused on the form.
    let r = k
        .post(s.url("/relawan/undangan"))
        .form(&[("csrf", csrf.as_str()), ("wilayah", "31.71.02")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(r.text().await.unwrap().contains("di luar wilayah perekrut"));

    // The recruit joins through the page, anonymously.
    let anon = client();
    let r = anon
        .get(s.url(&format!("/relawan/gabung/{kode}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let short = anon
        .post(s.url(&format!("/relawan/gabung/{kode}")))
        .form(&[
            ("nama", "Rina Relawan"),
            ("username", "rina.relawan"),
            ("password", "pendek"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = short.text().await.unwrap();
    assert!(body.contains("kata sandi terlalu pendek"), "{body}");
    assert!(
        body.contains("value=\"rina.relawan\""),
        "values kept: {body}"
    );
    let r = anon
        .post(s.url(&format!("/relawan/gabung/{kode}")))
        .form(&[
            ("nama", "Rina Relawan"),
            ("username", "rina.relawan"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let body = r.text().await.unwrap();
    assert!(body.contains("Selamat bergabung"), "{body}");
    assert!(
        body.contains("action=\"/masuk\""),
        "told to sign in: {body}"
    );
    // The code works once.
    let again = anon
        .post(s.url(&format!("/relawan/gabung/{kode}")))
        .form(&[
            ("nama", "Orang Lain"),
            ("username", "orang.lain"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The recruit appears in the coordinator's downline.
    let page = k
        .get(s.url("/relawan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let pohon = ambil(&page, "<h2>Jaringan Anda</h2>", "</section>");
    assert!(pohon.contains("Rina Relawan"), "{backend}: {pohon}");
    assert!(pohon.contains("koordinator desa"), "{pohon}");

    // The recruit registers supporters.
    let rina = client_with(&sign_in_again(posko, "rina.relawan").await);
    let page = rina
        .get(s.url("/pendukung/baru"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = nilai_input(&page, "csrf");
    let nik = "3171016508900001";
    let isian = |nama: &'static str, nik: &'static str, setuju: bool| {
        let mut f = vec![
            ("csrf", csrf.clone()),
            ("nama", nama.to_string()),
            ("nik", nik.to_string()),
            ("telepon", "0812-3456-7890".to_string()),
            ("domisili", "3171011001001".to_string()),
            ("dukungan", "kuat".to_string()),
        ];
        if setuju {
            f.push(("keperluan", "kontak_kampanye".to_string()));
            f.push(("keperluan", "survei".to_string()));
        }
        f
    };

    // Without consent: refused on the form, values kept, NIK not echoed,
    // nothing stored.
    let r = rina
        .post(s.url("/pendukung"))
        .form(&isian("Siti Aminah", nik, false))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let body = r.text().await.unwrap();
    assert!(body.contains("tanpa persetujuan"), "{body}");
    assert!(body.contains("value=\"Siti Aminah\""), "{body}");
    assert!(!body.contains(nik), "the NIK is never echoed");
    assert!(
        posko
            .pendukung_terlihat(&koord, 100)
            .await
            .unwrap()
            .is_empty()
    );

    // An invalid NIK: the error sits at the NIK field.
    let r = rina
        .post(s.url("/pendukung"))
        .form(&isian("Siti Aminah", "31710165089", true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    let di_nik = ambil(&body, "name=\"nik\"", "name=\"telepon\"");
    assert!(di_nik.contains("kolom NIK"), "{body}");
    assert!(body.contains("checked"), "consent boxes stay ticked");

    // With consent: stored.
    let r = rina
        .post(s.url("/pendukung"))
        .form(&isian("Siti Aminah", nik, true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let to = lokasi(&r);
    assert!(to.ends_with("?baru=1&ragu=0"), "{to}");
    let id = to
        .trim_start_matches("/pendukung/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let page = rina.get(s.url(&to)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Pendukung tercatat"));

    // The same NIK again: a duplicate, with a link to the record.
    let r = rina
        .post(s.url("/pendukung"))
        .form(&isian("Siti A.", nik, true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "{backend}");
    let body = r.text().await.unwrap();
    assert!(body.contains("sudah tercatat"), "{body}");
    assert!(
        body.contains(&format!("href=\"/pendukung/{id}\"")),
        "{body}"
    );

    // A near-identical name, same birth date and desa: goes to review.
    let mut f = isian("Hj. Siti Aminah", "", true);
    f.push(("tanggal_lahir", "1990-08-25".into()));
    let r = rina
        .post(s.url("/pendukung"))
        .form(&f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = lokasi(&r);
    assert!(to.ends_with("?baru=1&ragu=1"), "{to}");
    let body = rina
        .get(s.url(&to))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("daftar tinjauan dugaan ganda"), "{body}");
    let ragu = k
        .get(s.url("/pendukung/ragu"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ragu.contains("Hj. Siti Aminah"), "{ragu}");
    let pasangan = ambil(&ragu, "action=\"/pendukung/ragu/", "\"").to_string();
    let r = k
        .post(s.url(&format!("/pendukung/ragu/{pasangan}")))
        .form(&[
            ("csrf", nilai_input(&ragu, "csrf").as_str()),
            ("putusan", "beda"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let ragu = k
        .get(s.url("/pendukung/ragu"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // Decided pairs leave the review list.
    assert!(!ragu.contains(&pasangan), "{ragu}");

    // The list in scope, searchable by name.
    let list = k
        .get(s.url("/pendukung?q=aminah"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        list.contains(&format!("href=\"/pendukung/{id}\"")),
        "{list}"
    );

    // Export (the coordinator holds the data-subject rights).
    let page = k
        .get(s.url(&format!("/pendukung/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(!page.contains(nik), "the detail page does not show the NIK");
    let csrf_k = nilai_input(&page, "csrf");
    let r = k
        .post(s.url(&format!("/pendukung/{id}/ekspor")))
        .form(&[("csrf", csrf_k.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
    );
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let json: serde_json::Value = r.json().await.unwrap();
    assert_eq!(json["nama"], "Siti Aminah");
    assert_eq!(json["nik"], nik);
    // A relawan sees the record but may not export it.
    let r = rina
        .post(s.url(&format!("/pendukung/{id}/ekspor")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Erase: only with the confirmation box ticked.
    let r = k
        .post(s.url(&format!("/pendukung/{id}/hapus")))
        .form(&[("csrf", csrf_k.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = k
        .post(s.url(&format!("/pendukung/{id}/hapus")))
        .form(&[("csrf", csrf_k.as_str()), ("yakin", "ya")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert_eq!(lokasi(&r), "/pendukung?dihapus=1");
    let list = k
        .get(s.url("/pendukung?dihapus=1"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!list.contains(&format!("/pendukung/{id}\"")), "{list}");
    assert!(list.contains("Data pendukung dihapus"), "{list}");
    assert!(list.contains("Hj. Siti Aminah"), "the other record stays");
    let gone = k
        .get(s.url(&format!("/pendukung/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);

    // Targets under Gambir: per kelurahan, largest gap first, with the
    // assumption stated.
    let r = k.get(s.url("/target/31.71.01")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let page = r.text().await.unwrap();
    assert!(page.contains("diasumsikan 70 %"), "{page}");
    let gaps: Vec<u64> = page
        .split("<td class=\"num\"><strong>")
        .skip(1)
        .map(|x| {
            x.split('<')
                .next()
                .unwrap()
                .replace('.', "")
                .parse()
                .unwrap()
        })
        .collect();
    assert!(gaps.len() >= 2, "{page}");
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    assert!(page.contains("href=\"/target/31.71.01.1001?"), "{page}");
    // Another turnout changes the numbers; outside the territory: 403.
    let r = k
        .get(s.url("/target/31.71.01?partisipasi=50"))
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("50 % dari DPT"));
    let r = k.get(s.url("/target/31.71.02")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Down to TPS inside a desa.
    let r = rina
        .get(s.url("/target/31.71.01.1001"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("TPS 001"));
}

per_backend!(a_team_lead_starts_a_network_instead_of_asking_for_a_code);
/// A manager or koordinator who is not in the relawan tree is offered to
/// head a network for an area of their own territory (never outside it),
/// and can then invite; nobody sends them to ask a coordinator for a code.
async fn a_team_lead_starts_a_network_instead_of_asking_for_a_code(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let k = s
        .user(
            "mulai.koordinator",
            Peran::Koordinator,
            Cakupan::Wilayah(kw("31.71")),
        )
        .await;
    let page = k
        .get(s.url("/relawan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Mulai jaringan relawan"), "{backend}: {page}");
    assert!(!page.contains("Minta kode undangan"), "{backend}");
    let csrf = nilai_input(&page, "csrf");
    // Outside their own territory: refused, nothing made.
    let r = k
        .post(s.url("/relawan/mulai"))
        .form(&[("csrf", csrf.as_str()), ("wilayah", "31.72")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let r = k
        .post(s.url("/relawan/mulai"))
        .form(&[("csrf", csrf.as_str()), ("wilayah", "31.71")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let r = k
        .post(s.url("/relawan/undangan"))
        .form(&[("csrf", csrf.as_str()), ("wilayah", "31.71.01")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert!(
        r.text().await.unwrap().contains("/relawan/gabung/"),
        "{backend}"
    );
    // A relawan (no account management) is still told to ask for a code.
    let rl = s
        .user(
            "mulai.relawan",
            Peran::Relawan,
            Cakupan::Wilayah(kw("31.71")),
        )
        .await;
    let page = rl
        .get(s.url("/relawan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Mulai jaringan relawan"), "{backend}");
}
