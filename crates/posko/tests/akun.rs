//! Account pages on the real server, on every backend: one's own sessions
//! and signing out other devices; a coordinator creating saksi accounts
//! from a spreadsheet inside their territory only, and taking out a
//! watermarked, audited file of sign-in codes that really sign in.

use crate::common;

use common::{client, serve, shared_data, store, store_dki};
use posko_domain::{Cakupan, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

/// The CSRF token a page's forms carry.
fn csrf(html: &str) -> String {
    common::nilai_input(html, "csrf")
}

fn upload(token: &str, csv: &str, skip_invalid: bool) -> Form {
    let mut f = Form::new().text("csrf", token.to_string()).part(
        "berkas",
        Part::bytes(csv.as_bytes().to_vec()).file_name("saksi gambir.csv"),
    );
    if skip_invalid {
        f = f.text("lewati", "1");
    }
    f
}

const SAKSI: &str = "Nama,No HP,Kode TPS\n\
Siti Aminah,0812-3456-7890,3171011001001\n\
Budi Santoso,0813 1111 2222,3171011001002\n\
Orang Luar,0857 0000 1111,3171021001001\n";

per_backend!(coordinator_creates_saksi_and_sends_codes_within_territory);
async fn coordinator_creates_saksi_and_sends_codes_within_territory(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let c = s
        .user(
            "koord.gambir",
            Peran::Koordinator,
            Cakupan::Wilayah(kw("31.71.01")),
        )
        .await;
    let page = c.get(s.url("/pengguna")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK, "{backend}");
    let html = page.text().await.unwrap();
    // The manager's account lies outside a coordinator's territory.
    assert!(!html.contains("uji.manajer"), "{backend}");
    let token = csrf(&html);

    // A row for the next kecamatan (Sawah Besar, 31.71.02): all refused.
    let r = c
        .post(s.url("/pengguna/impor-saksi"))
        .multipart(upload(&token, SAKSI, false))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let body = r.text().await.unwrap();
    assert!(
        body.contains(":4: kolom &#39;Kode TPS&#39;: TPS 31.71.02.1001-001 di luar wilayah Anda")
            || body.contains(":4: kolom 'Kode TPS': TPS 31.71.02.1001-001 di luar wilayah Anda"),
        "{backend}: {body}"
    );
    assert!(body.contains("tidak ada yang diimpor"), "{backend}");
    assert!(
        !body.contains("3456"),
        "{backend}: phone number on the page"
    );

    // Without a token: refused, nothing created.
    let r = c
        .post(s.url("/pengguna/impor-saksi"))
        .multipart(upload(&"0".repeat(64), SAKSI, true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");

    // Good rows only: two accounts, phones masked on screen.
    let r = c
        .post(s.url("/pengguna/impor-saksi"))
        .multipart(upload(&token, SAKSI, true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let body = r.text().await.unwrap();
    assert!(body.contains("saksi.3171011001001"), "{backend}: {body}");
    assert!(body.contains("0812*****890"), "{backend}");
    assert!(!body.contains("saksi.3171021001001"), "{backend}");

    // Coverage: which TPS have a saksi, per desa, and which not.
    let cov = c
        .get(s.url("/wilayah/31.71.01/saksi"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        cov.contains("2 dari 117 TPS punya saksi"),
        "{backend}: {cov}"
    );
    let desa = c
        .get(s.url("/wilayah/31.71.01.1001/saksi"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        desa.contains("TPS 003") && desa.contains("belum ada saksi"),
        "{backend}"
    );

    // A backup for TPS 001: the first saksi stays main until the
    // coordinator says otherwise.
    let r = c
        .post(s.url("/pengguna/impor-saksi"))
        .multipart(upload(
            &token,
            "Nama,No HP,Kode TPS\nRina Cadangan,0811 2222 3333,3171011001001\n",
            false,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let desa_page = || async {
        c.get(s.url("/wilayah/31.71.01.1001/saksi"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let row = |html: &str| {
        let at = html.find("<td>TPS 001</td>").expect("TPS 001 row");
        html[at..at + html[at..].find("</tr>").unwrap()].to_string()
    };
    let html = desa_page().await;
    let tps1 = row(&html);
    let cells: Vec<&str> = tps1.split("<td>").collect();
    let (utama, cadangan) = (cells[2], cells[3]);
    assert!(
        utama.contains("Siti Aminah") && !utama.contains("Rina"),
        "{backend}: {tps1}"
    );
    assert!(
        cadangan.contains("Rina Cadangan") && cadangan.contains("Jadikan utama"),
        "{backend}"
    );
    assert!(html.contains("dengan saksi cadangan"), "{backend}");
    let promote = |tps: &'static str, username: &'static str| {
        let token = csrf(&html);
        let c = c.clone();
        let url = s.url("/wilayah/31.71.01.1001/saksi/utama");
        async move {
            c.post(url)
                .form(&[
                    ("csrf", token.as_str()),
                    ("tps", tps),
                    ("username", username),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let r = promote("3171011001001", "saksi.3171011001001.2").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let back = r.headers()["location"].to_str().unwrap().to_string();
    let html = c
        .get(s.url(&back))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("sekarang saksi utama"), "{backend}");
    let tps1 = row(&desa_page().await);
    let cells: Vec<&str> = tps1.split("<td>").collect();
    let (utama, cadangan) = (cells[2], cells[3]);
    assert!(utama.contains("Rina Cadangan"), "{backend}: {tps1}");
    assert!(cadangan.contains("Siti Aminah"), "{backend}: {tps1}");
    // Not a saksi of that TPS; a TPS outside the desa in the path.
    let r = promote("3171011001002", "saksi.3171011001001.2").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(r.text().await.unwrap().contains("bukan saksi aktif di TPS"));
    let r = promote("3171011002001", "saksi.3171011001001").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend}");
    let r = c
        .get(s.url("/wilayah/31.71.02/saksi"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "{backend}: not their kecamatan"
    );

    // The codes file: watermarked with the coordinator, audited, and
    // its codes sign the saksi in, once.
    let r = c
        .post(s.url("/pengguna/kode"))
        .form(&[
            ("csrf", token.as_str()),
            ("akun", "saksi.3171011001001 saksi.3171011001002"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("# RAHASIA") && lines[0].contains("koord.gambir"));
    assert_eq!(lines.len(), 5, "{backend}: {csv}");
    let row: Vec<&str> = lines[2].split(',').collect();
    assert_eq!(row[0], "saksi.3171011001001");
    assert_eq!(row[3], "0812-3456-7890");
    let link = row[5];
    assert!(
        link.starts_with(&s.url("/masuk/kode/")),
        "{backend}: {link}"
    );
    let path = link.strip_prefix(&s.url("")).unwrap();
    let r = client().get(s.url(path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("posko_sesi=")
    );
    let again = client().get(s.url(path)).send().await.unwrap();
    assert_eq!(
        again.status(),
        StatusCode::UNAUTHORIZED,
        "{backend}: reused"
    );

    // Codes for an account outside the territory: as if it did not exist.
    let r = c
        .post(s.url("/pengguna/kode"))
        .form(&[("csrf", token.as_str()), ("akun", "uji.manajer")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");

    let log = s
        .posko
        .cari_audit(None, Some("ekspor."), None, 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1, "{backend}: one export, logged");
    assert!(log[0].ringkasan.contains("koord.gambir"), "{backend}");

    // A relawan has no account pages at all.
    let relawan = Penugasan::new(Peran::Relawan, Cakupan::Wilayah(kw("31.71.01"))).unwrap();
    let r = s
        .client_as("relawan.gambir", vec![relawan])
        .await
        .get(s.url("/pengguna"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
}

per_backend!(sessions_are_listed_and_other_devices_signed_out);
async fn sessions_are_listed_and_other_devices_signed_out(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let s = serve(posko, dir).await;
    let phone = s.client();
    let laptop_cookie = common::sign_in_again(&s.posko, "uji.manajer").await;
    let laptop = common::client_with(&laptop_cookie);

    let html = phone
        .get(s.url("/akun"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        html.matches("posko-test").count(),
        2,
        "{backend}: two sessions listed"
    );
    assert_eq!(
        html.matches("<span class=\"lencana\">perangkat ini</span>")
            .count(),
        1,
        "{backend}"
    );
    let token = csrf(&html);

    let r = phone
        .post(s.url("/akun/keluar-lain"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let ke = r.headers()["location"].to_str().unwrap().to_string();
    assert!(ke.starts_with("/akun?selesai=1&tanda="), "{backend}: {ke}");
    // The banner counts the sessions, signed for this session only.
    let banner = phone
        .get(s.url(&ke))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        banner.contains("1 sesi di perangkat lain diakhiri"),
        "{backend}"
    );
    let r = laptop.get(s.url("/akun")).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{backend}: laptop signed out"
    );
    let r = phone.get(s.url("/akun")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}: this device stays");
    let html = r.text().await.unwrap();
    assert_eq!(html.matches("posko-test").count(), 1, "{backend}");

    // An upload over the 2 MiB limit is refused whole, before parsing
    // (413, or a broken pipe when the server stops reading first).
    let big = format!("nama,telepon,kode_tps\n{}", "x".repeat(3 * 1024 * 1024));
    // (A client of its own: the server may close that connection.)
    let r = s
        .client()
        .post(s.url("/pengguna/impor-saksi"))
        .multipart(upload(&token, &big, true))
        .send()
        .await;
    if let Ok(r) = r {
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE, "{backend}");
    }
    assert_eq!(
        s.posko.daftar_pengguna().await.unwrap().len(),
        1,
        "{backend}"
    );

    // A cross-site post is refused even with the right token.
    let r = phone
        .post(s.url("/akun/keluar-lain"))
        .header("origin", "https://jahat.example")
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
}
