//! The menu and the home page as each role meets them: every link they show
//! opens for that person (no "tidak berwenang", no raw API), and the rooms
//! a role may use are reachable from there, on every backend.

use crate::common;

use common::{pemilihan_gubernur, serve, shared_data, store, store_dki};
use posko_app::Aktor;
use posko_domain::{Cakupan, KodeTps, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;

/// The site-local links of a page, without language switches.
fn tautan(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with('/') && !h.starts_with("/static/"))
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// The links inside the page's top menu.
fn menu(html: &str) -> Vec<String> {
    let Some(i) = html.find("<nav class=\"menu\">") else {
        return Vec::new();
    };
    let nav = &html[i..];
    tautan(&nav[..nav.find("</nav>").unwrap()])
}

fn cakupan(peran: Peran) -> Cakupan {
    match peran {
        Peran::Admin | Peran::Manager => Cakupan::Semua,
        Peran::Saksi => Cakupan::Tps(KodeTps::parse("3171011001001").unwrap()),
        _ => Cakupan::Wilayah(KodeWilayah::parse("31.71").unwrap()),
    }
}

per_backend!(every_link_a_role_is_shown_opens_for_it);
async fn every_link_a_role_is_shown_opens_for_it(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let mut dibuka = 0;
    for peran in Peran::ALL {
        let roles = vec![Penugasan::new(peran, cakupan(peran)).unwrap()];
        let c = s.client_as(&format!("menu.{peran}"), roles).await;
        for bahasa in ["id", "en"] {
            let home = c
                .get(s.url(&format!("/?bahasa={bahasa}")))
                .send()
                .await
                .unwrap();
            assert_eq!(home.status(), StatusCode::OK, "{backend} {peran}");
            let html = home.text().await.unwrap();
            let items = menu(&html);
            assert!(
                items.contains(&"/akun".to_string()),
                "{backend} {peran} {bahasa}: menu {items:?}"
            );
            for href in tautan(&html) {
                assert!(
                    !href.starts_with("/api/"),
                    "{backend} {peran}: the home page sends people to {href}"
                );
                if href.starts_with("/keluar") || href.contains("bahasa=") {
                    continue;
                }
                // Redirects (a region's canonical address, an election's
                // results opening at its region) are followed.
                let mut tujuan = href.clone();
                let mut r = c.get(s.url(&tujuan)).send().await.unwrap();
                for _ in 0..3 {
                    if !r.status().is_redirection() {
                        break;
                    }
                    tujuan = r.headers()["location"].to_str().unwrap().to_string();
                    r = c.get(s.url(&tujuan)).send().await.unwrap();
                }
                assert_eq!(
                    r.status(),
                    StatusCode::OK,
                    "{backend} {peran} {bahasa}: {href} (then {tujuan}) is shown but answers {}",
                    r.status()
                );
                assert!(
                    !tujuan.starts_with("/masuk"),
                    "{backend} {peran}: {href} sends a signed-in person to sign in"
                );
                dibuka += 1;
            }
        }
        // What each role finds from its home, by name.
        let html = c
            .get(s.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let ada = |h: &str| tautan(&html).iter().any(|x| x.starts_with(h));
        match peran {
            Peran::Admin | Peran::Manager => {
                let admin = ["/pengguna", "/audit", "/pesan"];
                for h in admin.into_iter().filter(|_| peran == Peran::Admin) {
                    assert!(ada(h), "{backend} {peran}: no link to {h}");
                }
                for h in [
                    format!("/pemilihan/{id}/hitung-cepat"),
                    format!("/pemilihan/{id}/pantau/31"),
                    format!("/pemilihan/{id}/selisih/31"),
                    "/target/31".into(),
                    "/wilayah/31/saksi".into(),
                ] {
                    assert!(ada(&h), "{backend} {peran}: no link to {h}");
                }
                assert!(html.contains("sqlite") || html.contains("postgres"));
                // Election day at a glance, each figure opening its list.
                assert!(html.contains("Hari-H di"), "{backend} {peran}: {html}");
                assert!(
                    ada(&format!("/pemilihan/{id}/hasil/31")),
                    "{backend} {peran}"
                );
                assert!(html.contains("TPS tanpa saksi"), "{backend} {peran}");
                // A live page says when its figures were read.
                let rekap = c
                    .get(s.url(&format!("/pemilihan/{id}/hasil/31")))
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                assert!(
                    rekap.contains("Diperbarui ") && rekap.contains(" WIB"),
                    "{backend}"
                );
                // The war room's entry keeps the colouring and level asked for.
                let r = c
                    .get(s.url(&format!("/pemilihan/{id}/ruang?warna=dpt&tingkat=4")))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(
                    r.headers()["location"],
                    format!("/pemilihan/{id}/ruang/31?warna=dpt&tingkat=4").as_str()
                );
            }
            Peran::Saksi => {
                // The saksi's own paper: their TPS number and desa by name.
                assert!(
                    html.contains("Kirim C.Hasil TPS 001 · Gambir"),
                    "{backend}: {html}"
                );
                assert!(!html.contains("Hari-H di"), "{backend}");
            }
            _ => {}
        }
        match peran {
            Peran::Saksi | Peran::Verifier | Peran::Relawan => {
                for h in ["/pengguna", "/audit", "/pesan"] {
                    assert!(!ada(h), "{backend} {peran}: shown {h}");
                }
                assert!(
                    !html.contains(">sqlite<") && !html.contains("postgres"),
                    "{backend} {peran}: the database is no business of this role"
                );
            }
            _ => {}
        }
    }
    assert!(dibuka > 60, "{backend}: only {dibuka} links opened");
}

per_backend!(unknown_pages_and_refused_sign_ins_leave_people_somewhere_to_go);
/// An address nobody serves is a page in the reader's language with the
/// menu to go on from (the API keeps JSON); a refused sign-in keeps the
/// username typed.
async fn unknown_pages_and_refused_sign_ins_leave_people_somewhere_to_go(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let s = serve(posko, dir).await;
    let r = s
        .client()
        .get(s.url("/tidak/ada?bahasa=en"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    let html = r.text().await.unwrap();
    assert!(html.contains("There is no such page"), "{backend}: {html}");
    assert!(menu(&html).contains(&"/akun".to_string()), "{backend}");

    let r = s
        .client()
        .get(s.url("/api/v1/tidak-ada"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("tidak ada"),
        "{body}"
    );

    let r = common::client()
        .post(s.url("/masuk"))
        .header("origin", s.url(""))
        .form(&[("username", "uji.manajer"), ("password", "salah-sekali")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let html = r.text().await.unwrap();
    assert!(
        html.contains(r#"name="username" value="uji.manajer""#),
        "{backend}: the username was cleared"
    );
    assert!(html.contains("autofocus"), "{backend}");
}

per_backend!(the_audit_page_reads_as_names_and_local_times);
/// The audit page names people and gives times as the campaign reads them:
/// usernames linking to the account and WIB, not `user:UUID` and UTC.
async fn the_audit_page_reads_as_names_and_local_times(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let s = serve(posko, dir).await;
    let admin = s
        .client_as(
            "uji.admin",
            vec![Penugasan::new(Peran::Admin, Cakupan::Semua).unwrap()],
        )
        .await;
    // Signing in is itself in the log, under the admin's account.
    let html = admin.get(s.url("/audit")).send().await.unwrap();
    assert_eq!(html.status(), StatusCode::OK, "{backend}");
    let html = html.text().await.unwrap();
    assert!(
        html.contains(r#"<a href="/pengguna/akun/uji.admin">uji.admin</a>"#),
        "{backend}: {html}"
    );
    assert!(!html.contains(">user:"), "{backend}: raw actor ids shown");
    assert!(html.contains(" WIB</time>"), "{backend}");
}
