//! Managing accounts in the browser, on the real server and every backend:
//! a manager adds a coordinator whose one-time link signs them in; a
//! coordinator adds people inside their area only, cannot widen anyone's
//! role (their own included), and cannot touch an account outside their
//! area, which answers like an unknown name and stays as it was; disabling
//! ends an account's sign-ins; every act is in the audit log as its actor's.

use crate::common;

use common::{client, client_with, serve, shared_data, store_dki};
use posko_app::{Aktor, NewPengguna};
use posko_domain::{Cakupan, EntriAudit, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn csrf(html: &str) -> String {
    common::nilai_input(html, "csrf")
}

/// The one-time link an answer page shows.
fn tautan(html: &str) -> String {
    let i = html
        .find("/masuk/kode/")
        .unwrap_or_else(|| panic!("no sign-in link: {html}"));
    let start = html[..i].rfind('"').unwrap() + 1;
    let end = i + html[i..].find('"').unwrap();
    html[start..end].to_string()
}

/// Opens a one-time link anonymously; the session cookie it sets, if any.
async fn buka(s: &common::TestServer, link: &str) -> Option<String> {
    let path = link.split_once("/masuk/kode/").unwrap().1;
    let r = client()
        .get(s.url(&format!("/masuk/kode/{path}")))
        .send()
        .await
        .unwrap();
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("posko_sesi=") && !c.starts_with("posko_sesi=;"))
        .map(|c| c.split(';').next().unwrap().to_string())
}

async fn audit(s: &common::TestServer) -> Vec<EntriAudit> {
    s.posko.store().daftar_audit(0, 100_000).await.unwrap()
}

async fn akun(s: &common::TestServer, username: &str) -> Option<posko_storage::Pengguna> {
    s.posko
        .store()
        .cari_login(username)
        .await
        .unwrap()
        .map(|(p, _)| p)
}

async fn aktor(s: &common::TestServer, username: &str) -> String {
    format!("user:{}", akun(s, username).await.unwrap().id)
}

/// Whether the log has `aksi` on `username`'s account by `oleh`.
async fn tercatat(s: &common::TestServer, aksi: &str, username: &str, oleh: &str) -> bool {
    let id = akun(s, username).await.unwrap().id.to_string();
    audit(s)
        .await
        .iter()
        .any(|e| e.aksi == aksi && e.entitas_id == id && e.aktor == oleh)
}

per_backend!(manager_adds_a_coordinator_whose_link_signs_in);
async fn manager_adds_a_coordinator_whose_link_signs_in(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let c = s.client();
    let html = c
        .get(s.url("/pengguna"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("action=\"/pengguna/tambah\""), "{backend}");
    assert!(html.contains("value=\"koordinator\""), "{backend}");
    // A manager grants no manager or admin role.
    assert!(!html.contains("value=\"manager\""), "{backend}");
    assert!(!html.contains("value=\"admin\""), "{backend}");
    let token = csrf(&html);

    let r = c
        .post(s.url("/pengguna/tambah"))
        .form(&[
            ("csrf", token.as_str()),
            ("username", "koord.pusat"),
            ("nama", "Kurnia  Pusat"),
            ("telepon", "0812-3456-7890"),
            ("peran", "koordinator"),
            ("cakupan", "31.71"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["cache-control"], "no-store", "{backend}");
    let body = r.text().await.unwrap();
    let link = tautan(&body);
    assert!(
        link.starts_with(&s.url("/masuk/kode/")),
        "{backend}: {link}"
    );
    assert!(
        body.contains("https://wa.me/6281234567890?text=Halo%20Kurnia%20Pusat"),
        "{backend}: {body}"
    );
    assert!(!body.contains("0812-3456"), "{backend}: phone in clear");

    let p = akun(&s, "koord.pusat").await.unwrap();
    assert_eq!(p.nama, "Kurnia Pusat");
    assert_eq!(
        p.penugasan,
        [Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71"))).unwrap()]
    );
    // No password exists for anyone to know.
    assert!(
        s.posko
            .store()
            .cari_login("koord.pusat")
            .await
            .unwrap()
            .unwrap()
            .1
            .is_none(),
        "{backend}"
    );
    let manajer = aktor(&s, "uji.manajer").await;
    assert!(
        tercatat(&s, "pengguna.buat", "koord.pusat", &manajer).await,
        "{backend}"
    );
    assert!(
        tercatat(&s, "kode_masuk.buat", "koord.pusat", &manajer).await,
        "{backend}"
    );

    // The link signs the coordinator in, once, into their own area.
    let cookie = buka(&s, &link).await.expect("signed in");
    let k = client_with(&cookie);
    let r = k.get(s.url("/wilayah/31.71")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let r = k.get(s.url("/wilayah/31.72")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert!(buka(&s, &link).await.is_none(), "{backend}: reused");

    // The same name again is refused, with the form kept.
    let r = c
        .post(s.url("/pengguna/tambah"))
        .form(&[
            ("csrf", token.as_str()),
            ("username", "koord.pusat"),
            ("nama", "Orang Lain"),
            ("telepon", ""),
            ("peran", "relawan"),
            ("cakupan", "31.71"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let body = r.text().await.unwrap();
    assert!(body.contains("sudah dipakai"), "{backend}");
    assert!(body.contains("value=\"Orang Lain\""), "{backend}");

    // Without the form's token nothing happens.
    let r = common::client_tanpa_csrf(&s.cookie)
        .post(s.url("/pengguna/tambah"))
        .form(&[
            ("csrf", "0"),
            ("username", "tanpa.token"),
            ("nama", "Tanpa Token"),
            ("peran", "relawan"),
            ("cakupan", "31.71"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert!(akun(&s, "tanpa.token").await.is_none(), "{backend}");
}

per_backend!(a_coordinator_manages_only_inside_their_area);
async fn a_coordinator_manages_only_inside_their_area(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    // Someone in Jakarta Utara (31.72), outside the coordinator's area.
    s.posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "relawan.utara".into(),
                nama: "Rela Utara".into(),
                password: Some(common::PASSWORD.into()),
                penugasan: vec![
                    Penugasan::new(Peran::Relawan, Cakupan::Wilayah(kw("31.72"))).unwrap(),
                ],
                telepon: None,
            },
        )
        .await
        .unwrap();
    let c = s
        .user(
            "koord.pusat",
            Peran::Koordinator,
            Cakupan::Wilayah(kw("31.71")),
        )
        .await;
    let koord = aktor(&s, "koord.pusat").await;
    let html = c
        .get(s.url("/pengguna"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = csrf(&html);
    for p in ["koordinator", "relawan", "saksi"] {
        assert!(html.contains(&format!("value=\"{p}\"")), "{backend}: {p}");
    }
    for p in ["admin", "manager", "verifier", "auditor"] {
        assert!(!html.contains(&format!("value=\"{p}\"")), "{backend}: {p}");
    }
    let tambah = |username: &'static str, peran: &'static str, cakupan: &'static str| {
        c.post(s.url("/pengguna/tambah"))
            .form(&[
                ("csrf", token.as_str()),
                ("username", username),
                ("nama", "Orang Baru"),
                ("telepon", ""),
                ("peran", peran),
                ("cakupan", cakupan),
            ])
            .send()
    };

    // Inside the area: a relawan of a kecamatan and a saksi of a TPS.
    let r = tambah("relawan.gambir", "relawan", "31.71.01")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let link_relawan = tautan(&r.text().await.unwrap());
    let r = tambah("saksi.gambir", "saksi", "3171011001001")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let r = tambah("koord.gambir", "koordinator", "31.71.01")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert!(
        tercatat(&s, "pengguna.buat", "relawan.gambir", &koord).await,
        "{backend}"
    );

    // Not a manager, not a coordinator of 31.72 or of their own level.
    let sebelum = audit(&s).await.len();
    let r = tambah("koord.utara", "koordinator", "31.72").await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let body = r.text().await.unwrap();
    assert!(
        body.contains("tidak berwenang memberi peran Koordinator di "),
        "{backend}: {body}"
    );
    assert!(body.contains("value=\"koord.utara\""), "{backend}");
    for (u, peran, cakupan) in [
        ("manajer.baru", "manager", ""),
        ("koord.utara", "koordinator", "31.72"),
        ("koord.kembar", "koordinator", "31.71"),
        ("saksi.utara", "saksi", "3172011001001"),
        ("auditor.baru", "auditor", "31.71"),
    ] {
        let r = tambah(u, peran, cakupan).await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}: {u}");
        assert!(akun(&s, u).await.is_none(), "{backend}: {u} created");
    }
    assert_eq!(audit(&s).await.len(), sebelum, "{backend}");

    // No wider role for anyone: not for someone they manage, not for
    // themselves (their own account is beyond their reach).
    let beri = |username: &str, peran: &'static str, cakupan: &'static str| {
        c.post(s.url(&format!("/pengguna/akun/{username}/peran")))
            .form(&[
                ("csrf", token.as_str()),
                ("peran", peran),
                ("cakupan", cakupan),
            ])
            .send()
    };
    for (peran, cakupan) in [
        ("koordinator", "31.71"),
        ("koordinator", "31"),
        ("relawan", "31.72"),
        ("verifier", "31.71.01"),
        ("manager", ""),
    ] {
        let r = beri("relawan.gambir", peran, cakupan).await.unwrap();
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "{backend}: {peran}@{cakupan}"
        );
    }
    assert_eq!(
        akun(&s, "relawan.gambir").await.unwrap().penugasan.len(),
        1,
        "{backend}"
    );
    let r = beri("koord.pusat", "koordinator", "31").await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    assert_eq!(
        akun(&s, "koord.pusat").await.unwrap().penugasan,
        [Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(kw("31.71"))).unwrap()]
    );
    // Nor disable themselves.
    let r = c
        .post(s.url("/pengguna/akun/koord.pusat/aktif"))
        .form(&[("csrf", token.as_str()), ("aktif", "0"), ("yakin", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    assert_eq!(audit(&s).await.len(), sebelum, "{backend}");

    // An account outside the area answers like one that does not exist,
    // and nothing changes.
    let unknown = c
        .post(s.url("/pengguna/akun/tidak.ada/aktif"))
        .form(&[("csrf", token.as_str()), ("aktif", "0"), ("yakin", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND, "{backend}");
    let unknown = unknown.text().await.unwrap().replace("tidak.ada", "X");
    for aksi in ["aktif", "kode", "peran", "cabut"] {
        let r = c
            .post(s.url(&format!("/pengguna/akun/relawan.utara/{aksi}")))
            .form(&[
                ("csrf", token.as_str()),
                ("aktif", "0"),
                ("yakin", "1"),
                ("peran", "relawan"),
                ("cakupan", "31.72"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}: {aksi}");
        assert_eq!(
            r.text().await.unwrap().replace("relawan.utara", "X"),
            unknown,
            "{backend}: {aksi}"
        );
    }
    let r = c
        .get(s.url("/pengguna/akun/relawan.utara"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    let utara = akun(&s, "relawan.utara").await.unwrap();
    assert!(utara.aktif, "{backend}");
    assert_eq!(utara.penugasan.len(), 1, "{backend}");
    assert_eq!(audit(&s).await.len(), sebelum, "{backend}: {koord}");
    let id = utara.id.to_string();
    assert!(
        !audit(&s)
            .await
            .iter()
            .any(|e| e.entitas_id == id && e.aktor == koord),
        "{backend}"
    );

    // Inside: a role granted and revoked, a link sent, then disabled.
    let r = beri("relawan.gambir", "saksi", "3171011001002")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let page = c
        .get(s.url(r.headers()["location"].to_str().unwrap()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Peran diberikan."), "{backend}");
    assert!(page.contains("TPS 002 · "), "{backend}: {page}");
    assert!(
        tercatat(&s, "peran.beri", "relawan.gambir", &koord).await,
        "{backend}"
    );
    let r = c
        .post(s.url("/pengguna/akun/relawan.gambir/cabut"))
        .form(&[
            ("csrf", token.as_str()),
            ("peran", "saksi"),
            ("cakupan", "3171011001002"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert_eq!(
        akun(&s, "relawan.gambir").await.unwrap().penugasan,
        [Penugasan::new(Peran::Relawan, Cakupan::Wilayah(kw("31.71.01"))).unwrap()]
    );
    assert!(
        tercatat(&s, "peran.cabut", "relawan.gambir", &koord).await,
        "{backend}"
    );

    // The relawan signs in with the first link; a second link is issued.
    let sesi = buka(&s, &link_relawan).await.expect("signed in");
    let relawan = client_with(&sesi);
    assert_eq!(
        relawan.get(s.url("/akun")).send().await.unwrap().status(),
        StatusCode::OK,
        "{backend}"
    );
    let r = c
        .post(s.url("/pengguna/akun/relawan.gambir/kode"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let link2 = tautan(&r.text().await.unwrap());

    // Disabling asks for a confirmation, then ends every way in.
    let r = c
        .post(s.url("/pengguna/akun/relawan.gambir/aktif"))
        .form(&[("csrf", token.as_str()), ("aktif", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    assert!(akun(&s, "relawan.gambir").await.unwrap().aktif, "{backend}");
    let r = c
        .post(s.url("/pengguna/akun/relawan.gambir/aktif"))
        .form(&[("csrf", token.as_str()), ("aktif", "0"), ("yakin", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert!(
        !akun(&s, "relawan.gambir").await.unwrap().aktif,
        "{backend}"
    );
    let r = relawan.get(s.url("/akun")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/masuk"),
        "{backend}"
    );
    assert!(
        buka(&s, &link2).await.is_none(),
        "{backend}: link still works"
    );
    assert!(
        tercatat(&s, "pengguna.nonaktifkan", "relawan.gambir", &koord).await,
        "{backend}"
    );
    // A disabled account gets no new link; enabling it again works.
    let r = c
        .post(s.url("/pengguna/akun/relawan.gambir/kode"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let r = c
        .post(s.url("/pengguna/akun/relawan.gambir/aktif"))
        .form(&[("csrf", token.as_str()), ("aktif", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert!(akun(&s, "relawan.gambir").await.unwrap().aktif, "{backend}");
    assert!(
        tercatat(&s, "pengguna.aktifkan", "relawan.gambir", &koord).await,
        "{backend}"
    );
    // The old session does not come back with it.
    let r = relawan.get(s.url("/akun")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
}

per_backend!(an_admin_keeps_their_own_account);
async fn an_admin_keeps_their_own_account(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = common::store(backend, dir.path()).await;
    let s = serve(posko, dir).await;
    let a = s.user("uji.admin", Peran::Admin, Cakupan::Semua).await;
    let html = a
        .get(s.url("/pengguna/akun/uji.admin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // No "disable" offered on one's own page.
    assert!(!html.contains("name=\"yakin\""), "{backend}");
    let token = csrf(&html);
    let r = a
        .post(s.url("/pengguna/akun/uji.admin/aktif"))
        .form(&[("csrf", token.as_str()), ("aktif", "0"), ("yakin", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("tidak bisa menonaktifkan akun Anda sendiri"),
        "{backend}"
    );
    let r = a
        .post(s.url("/pengguna/akun/uji.admin/cabut"))
        .form(&[
            ("csrf", token.as_str()),
            ("peran", "admin"),
            ("cakupan", "semua"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let p = akun(&s, "uji.admin").await.unwrap();
    assert!(p.aktif, "{backend}");
    assert_eq!(
        p.penugasan,
        [Penugasan::new(Peran::Admin, Cakupan::Semua).unwrap()]
    );
    // An admin may disable the manager (and the manager could not
    // disable an admin: it answers as unknown).
    let r = a
        .post(s.url("/pengguna/akun/uji.manajer/aktif"))
        .form(&[("csrf", token.as_str()), ("aktif", "0"), ("yakin", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
}

/// What sticks out of a phone's screen, as text (empty when nothing).
const LEBIH: &str = r#"(function(){
  var w = window.innerWidth, out = [];
  if (document.documentElement.scrollWidth > w) {
    document.querySelectorAll('body *').forEach(function(e){
      var r = e.getBoundingClientRect();
      if (r.right > w + 1 && r.width > 0) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
    });
    out.unshift('scrollWidth ' + document.documentElement.scrollWidth + ' > ' + w);
  }
  return out.join('; ');
})()"#;

/// A screenshot in `target/layar/`, to be looked at.
async fn potret(c: &mut crate::cdp::Cdp, nama: &str) {
    use base64::Engine as _;
    let png = c
        .call(
            "Page.captureScreenshot",
            serde_json::json!({"format": "png", "captureBeyondViewport": false}),
        )
        .await;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(png["data"].as_str().unwrap())
        .unwrap();
    let d = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/layar");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join(format!("{nama}.png")), bytes).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forms_and_the_link_fit_a_phone() {
    let bin = std::path::Path::new("/usr/bin/chromium");
    if !bin.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run browser tests"
        );
        return;
    }
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki("sqlite", &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let work = tempfile::tempdir().unwrap();
    let mut c = crate::cdp::Cdp::start(bin, &work.path().join("profil"), &[]).await;
    c.call("Network.enable", serde_json::json!({})).await;
    let (nama, nilai) = s.cookie.split_once('=').unwrap();
    c.call(
        "Network.setCookie",
        serde_json::json!({"name": nama, "value": nilai, "url": s.url("/")}),
    )
    .await;
    c.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": true}),
    )
    .await;

    c.goto(&s.url("/pengguna")).await;
    c.wait_text("Tambah akun", 10).await;
    // The region picker has drawn its first select.
    for _ in 0..50 {
        if c.eval("document.querySelectorAll('#tambah select').length")
            .await
            .as_u64()
            == Some(2)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(c.eval(LEBIH).await, "", "/pengguna at 360 px");
    c.eval("document.getElementById('tambah').scrollIntoView()")
        .await;
    potret(&mut c, "kelola-tambah").await;
    c.eval(
        "(function(){var f=document.querySelector('form[action=\"/pengguna/tambah\"]');\
         f.username.value='koord.hp';f.nama.value='Kurnia Ponsel';\
         f.telepon.value='0812-3456-7890';f.peran.value='koordinator';\
         f.cakupan.value='31.71';f.submit();return 1})()",
    )
    .await;
    let teks = c.wait_text("Akun koord.hp dibuat", 10).await;
    assert!(
        teks.contains("Kirim lewat WhatsApp ke 0812*****890"),
        "{teks}"
    );
    assert_eq!(c.eval(LEBIH).await, "", "the link page at 360 px");
    potret(&mut c, "kelola-tautan").await;
    // With the script, a copy button; the link is in its box either way.
    for _ in 0..30 {
        if c.eval("document.querySelector('[data-salin]').hidden")
            .await
            .as_bool()
            == Some(false)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        c.eval("document.querySelector('[data-salin]').hidden")
            .await
            .as_bool(),
        Some(false)
    );
    assert!(
        c.eval("document.getElementById('tautan-masuk').value")
            .await
            .as_str()
            .unwrap()
            .contains("/masuk/kode/")
    );

    c.goto(&s.url("/pengguna/akun/koord.hp")).await;
    c.wait_text("Beri peran", 10).await;
    c.eval("document.querySelector('details.bahaya').open = true")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(c.eval(LEBIH).await, "", "the account page at 360 px");
    potret(&mut c, "kelola-akun").await;
    let teks = c.wait_text("Jakarta Pusat", 5).await;
    assert!(teks.contains("Koordinator · "), "{teks}");
}
