//! The authorization matrix, generated from the route table: every route ×
//! every role × inside and outside its scope (plus anonymous), against the
//! real server on real DKI Jakarta data, on every backend.
//!
//! Routes can only be added to the router together with a policy
//! (`Rutes::add`), so a route without one cannot exist; this test checks
//! that each declared policy is what the server actually enforces.

use crate::common;

use common::{client, serve, shared_data, store, store_dki};
use posko_app::{Aktor, NewPemilihan};
use posko_domain::{
    Cakupan, JenisPemilihan, KodeTps, KodeWilayah, Objek, Penugasan, Peran, diizinkan,
};
use posko_web::{Kebijakan, Sasaran, route_table};
use reqwest::StatusCode;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

/// The scope a role holds in the test: `inside` covers the example paths
/// (all in Jakarta Pusat, 31.71), outside does not (Kota Bandung).
fn scope(peran: Peran, inside: bool) -> Option<Cakupan> {
    Some(match peran {
        Peran::Admin | Peran::Manager if inside => Cakupan::Semua,
        // Campaign-wide roles have no "outside".
        Peran::Admin | Peran::Manager => return None,
        Peran::Saksi => Cakupan::Tps(
            KodeTps::parse(if inside {
                "3171011001001"
            } else {
                "3273011001003"
            })
            .unwrap(),
        ),
        _ => Cakupan::Wilayah(kw(if inside { "31.71" } else { "32.73" })),
    })
}

/// What the policy says, computed from the domain rule and the route's
/// declared target.
pub(crate) fn expected(k: Kebijakan, roles: &[Penugasan], election_region: KodeWilayah) -> bool {
    match k {
        Kebijakan::Publik | Kebijakan::Masuk => true,
        Kebijakan::Izin(izin, target) => match target {
            Sasaran::Global => diizinkan(roles, izin, &Objek::Global),
            Sasaran::Wilayah => diizinkan(roles, izin, &Objek::Wilayah(kw("31.71"))),
            Sasaran::Tps => diizinkan(
                roles,
                izin,
                &Objek::Tps(KodeTps::parse("3171011001001").unwrap()),
            ),
            Sasaran::Pemilihan => roles.iter().any(|r| {
                r.peran.izin().contains(&izin) && r.cakupan.bersinggungan(&election_region)
            }),
            Sasaran::PemilihanUtuh => diizinkan(roles, izin, &Objek::Wilayah(election_region)),
            Sasaran::Manapun => roles.iter().any(|r| r.peran.izin().contains(&izin)),
        },
    }
}

per_backend!(every_route_every_role_inside_and_outside_scope);
async fn every_route_every_role_inside_and_outside_scope(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let p = posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Gubernur,
                wilayah: kw("31"),
                nama: None,
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap();
    let s = serve(posko, dir).await;
    let table = route_table(s.posko.clone());
    assert!(table.len() >= 15, "route table looks incomplete");

    let mut callers = vec![("anonim".to_string(), None, client())];
    for peran in Peran::ALL {
        for inside in [true, false] {
            let Some(c) = scope(peran, inside) else {
                continue;
            };
            let roles = vec![Penugasan::new(peran, c).unwrap()];
            let name = format!("{}.{}", peran, if inside { "dalam" } else { "luar" });
            let client = s.client_as(&name, roles.clone()).await;
            callers.push((name, Some(roles), client));
        }
    }

    let mut cells = 0;
    for rute in &table {
        let path = rute.contoh.replace("{id}", &p.id.to_string());
        for (who, roles, client) in &callers {
            let req = match rute.metode {
                "GET" => client.get(s.url(&path)),
                "POST" => client.post(s.url(&path)).form(&[("x", "")]),
                other => panic!("method {other} not covered"),
            };
            let r = req.send().await.unwrap();
            let status = r.status();
            let location = r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            let cell = format!(
                "{backend} {} {path} as {who}: {status} {location}",
                rute.metode
            );
            let to_login = status == StatusCode::SEE_OTHER && location.starts_with("/masuk");
            match (rute.kebijakan, roles) {
                (Kebijakan::Publik, _) => {
                    assert!(status != StatusCode::FORBIDDEN && !to_login, "{cell}");
                }
                (_, None) => {
                    if path.starts_with("/api/") {
                        assert_eq!(status, StatusCode::UNAUTHORIZED, "{cell}");
                    } else {
                        assert!(to_login, "{cell}");
                    }
                }
                (k, Some(roles)) => {
                    if expected(k, roles, kw("31")) {
                        assert!(
                            status != StatusCode::FORBIDDEN
                                && status != StatusCode::UNAUTHORIZED
                                && !to_login,
                            "{cell}"
                        );
                    } else {
                        assert_eq!(status, StatusCode::FORBIDDEN, "{cell}");
                    }
                }
            }
            cells += 1;
        }
    }
    eprintln!(
        "{backend}: authorization matrix {} routes × {} callers = {cells} cells",
        table.len(),
        callers.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scope_decides_what_a_coordinator_sees() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki("sqlite", &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let c = s
        .user(
            "koord.gambir",
            Peran::Koordinator,
            Cakupan::Wilayah(kw("31.71.01")),
        )
        .await;
    let get = |path: &str| c.get(s.url(path)).send();

    assert_eq!(
        get("/wilayah/31.71.01").await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        get("/wilayah/31.71.01.1001").await.unwrap().status(),
        StatusCode::OK
    );
    // Not the kota above, not the kecamatan next door, not the national list.
    assert_eq!(
        get("/wilayah/31.71").await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get("/wilayah/31.71.02").await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get("/api/v1/wilayah").await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get("/api/v1/tps/3171021001001").await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    // The region list sends them to their own territory.
    let r = get("/wilayah").await.unwrap();
    assert_eq!(r.headers()["location"], "/wilayah/31.71.01");
    // A forbidden page says why, in Bahasa Indonesia.
    let body = get("/wilayah/32").await.unwrap().text().await.unwrap();
    assert!(body.contains("tidak berwenang"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sign_out_and_one_time_links() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let s = serve(posko, dir).await;
    let anon = client();

    // Wrong password and unknown user get the same answer.
    let wrong = anon
        .post(s.url("/masuk"))
        .form(&[
            ("username", "uji.manajer"),
            ("password", "salah-sekali-ini"),
        ])
        .send()
        .await
        .unwrap();
    let unknown = anon
        .post(s.url("/masuk"))
        .form(&[("username", "tidak.ada"), ("password", "salah-sekali-ini")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let (a, b) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
    assert!(a.contains("Nama pengguna atau kata sandi salah"));
    // The page keeps what was typed as the username; beyond that echo the
    // two answers are identical.
    assert_eq!(
        a.replace("uji.manajer", "NAMA"),
        b.replace("tidak.ada", "NAMA"),
        "messages must not reveal which accounts exist"
    );

    // The right password sets an HttpOnly, SameSite cookie and redirects locally only.
    let ok = anon
        .post(s.url("/masuk"))
        .form(&[
            ("username", "uji.manajer"),
            ("password", common::PASSWORD),
            ("lanjut", "https://jahat.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(ok.headers()["location"], "/");
    let cookie = ok.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    // A cross-site form post is refused before any password check.
    let cross = anon
        .post(s.url("/masuk"))
        .header("origin", "https://jahat.example")
        .form(&[("username", "uji.manajer"), ("password", common::PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);

    // Sign-out needs the form's CSRF token; without it the session survives.
    let me = s.client();
    let r = me
        .post(s.url("/keluar"))
        .form(&[("csrf", "palsu")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        me.get(s.url("/")).send().await.unwrap().status(),
        StatusCode::OK
    );
    let page = me
        .get(s.url("/keluar"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let r = me
        .post(s.url("/keluar"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let after = me.get(s.url("/")).send().await.unwrap();
    assert_eq!(
        after.status(),
        StatusCode::SEE_OTHER,
        "old cookie no longer works"
    );

    // One-time links work once.
    let code = s
        .posko
        .issue_login_code(&Aktor::system(), "uji.manajer")
        .await
        .unwrap();
    let first = anon
        .get(s.url(&format!("/masuk/kode/{code}?lanjut=/wilayah")))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    assert_eq!(first.headers()["location"], "/wilayah");
    let again = anon
        .get(s.url(&format!("/masuk/kode/{code}")))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
    assert!(again.text().await.unwrap().contains("sudah dipakai"));
}

per_backend!(repeated_wrong_passwords_are_throttled);
async fn repeated_wrong_passwords_are_throttled(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let s = serve(posko, dir).await;
    let anon = client();
    let mut last = StatusCode::OK;
    for _ in 0..11 {
        last = anon
            .post(s.url("/masuk"))
            .form(&[
                ("username", "uji.manajer"),
                ("password", "tebakan-salah-lagi"),
            ])
            .send()
            .await
            .unwrap()
            .status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "{backend}");
    // Even the right password waits out the window now.
    let r = anon
        .post(s.url("/masuk"))
        .form(&[("username", "uji.manajer"), ("password", common::PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{backend}");
    // Another server on the same database counts the same failures.
    let other = posko_app::Posko::new(
        s.posko.store().clone(),
        std::sync::Arc::new(posko_app::Brankas::generate()),
    );
    let r = other
        .sign_in("uji.manajer", common::PASSWORD, &common::klien())
        .await
        .unwrap();
    assert!(
        matches!(r, Err(posko_app::Ditolak::TerlaluSering)),
        "{backend}: a second server must refuse too"
    );
}

per_backend!(api_tokens_act_within_their_scope_until_revoked);
async fn api_tokens_act_within_their_scope_until_revoked(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let role = Penugasan::new(Peran::Verifier, Cakupan::Wilayah(kw("31.71"))).unwrap();
    let (t, secret) = s
        .posko
        .issue_token(&Aktor::system(), "dasbor", role)
        .await
        .unwrap();
    let anon = client();
    let get = |path: &str, bearer: &str| {
        anon.get(s.url(path))
            .header("authorization", format!("Bearer {bearer}"))
            .send()
    };
    let r = get("/api/v1/wilayah/31.71", &secret).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["rekap"]["dpt_total"], 747_152);
    let r = get("/api/v1/wilayah/31.72", &secret).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let wrong = format!("posko_{}", "0".repeat(64));
    let r = get("/api/v1/wilayah/31.71", &wrong).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{backend}");
    // A token cannot post forms: it has no CSRF secret.
    let r = anon
        .post(s.url("/keluar"))
        .header("authorization", format!("Bearer {secret}"))
        .form(&[("csrf", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");

    let listed = s.posko.daftar_token().await.unwrap();
    assert!(
        listed[0].terakhir_dipakai.is_some(),
        "{backend}: last use shown"
    );
    assert!(s.posko.cabut_token(&Aktor::system(), t.id).await.unwrap());
    let r = get("/api/v1/wilayah/31.71", &secret).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{backend}: revoked");
}

per_backend!(auditors_read_and_filter_the_audit_log);
async fn auditors_read_and_filter_the_audit_log(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let c = s
        .user("auditor.hukum", Peran::Auditor, Cakupan::Semua)
        .await;
    let page = |q: &'static str| {
        let c = c.clone();
        let url = s.url(&format!("/audit{q}"));
        async move {
            let r = c.get(url).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let (status, all) = page("").await;
    assert_eq!(status, StatusCode::OK, "{backend}");
    for aksi in [
        "import.wilayah",
        "import.tps",
        "pengguna.buat",
        "masuk.berhasil",
    ] {
        assert!(all.contains(aksi), "{backend}: {aksi} missing");
    }
    let (_, only_tps) = page("?aksi=import.tps").await;
    assert!(
        only_tps.contains("pilkada_dki2017_putaran1_dpt_tps.csv"),
        "{backend}"
    );
    assert!(
        !only_tps.contains("import.wilayah"),
        "{backend}: filter ignored"
    );
    let (_, nobody) = page("?aktor=tidak-ada").await;
    assert!(nobody.contains("Tidak ada entri yang cocok"), "{backend}");
    // The campaign manager runs the campaign but does not read the log.
    let r = s.client().get(s.url("/audit")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
}

/// The canvassing routes are in the table the matrix above walks, with
/// the policy they need: the walk list, its PDF and the no-script visit
/// form by the TPS in the path; the sync endpoint wherever the caller
/// manages supporters (the use case then checks each visit's TPS).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn canvassing_routes_are_in_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let table = route_table(posko);
    let kelola = posko_domain::Izin::KelolaPendukung;
    for (metode, path, kebijakan) in [
        (
            "GET",
            "/jalan/{kode}",
            Kebijakan::Izin(kelola, Sasaran::Tps),
        ),
        (
            "GET",
            "/jalan/{kode}/jalan.pdf",
            Kebijakan::Izin(kelola, Sasaran::Tps),
        ),
        (
            "POST",
            "/jalan/{kode}/kunjungan",
            Kebijakan::Izin(kelola, Sasaran::Tps),
        ),
        (
            "POST",
            "/api/v1/kunjungan",
            Kebijakan::Izin(kelola, Sasaran::Manapun),
        ),
    ] {
        let r = table
            .iter()
            .find(|r| r.path == path && r.metode == metode)
            .unwrap_or_else(|| panic!("{metode} {path} missing from the route table"));
        assert_eq!(r.kebijakan, kebijakan, "{metode} {path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finance_routes_are_in_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let table = route_table(posko);
    let lihat = Kebijakan::Izin(posko_domain::Izin::LihatDana, Sasaran::PemilihanUtuh);
    let catat = Kebijakan::Izin(posko_domain::Izin::CatatDana, Sasaran::PemilihanUtuh);
    let mut jumlah = 0;
    for (metode, path, kebijakan) in [
        ("GET", "/pemilihan/{id}/dana", lihat),
        ("GET", "/pemilihan/{id}/dana/buku", lihat),
        ("GET", "/pemilihan/{id}/dana/entri/{entri}", lihat),
        ("GET", "/pemilihan/{id}/dana/penyumbang", lihat),
        ("GET", "/pemilihan/{id}/dana/laporan/{periode}", lihat),
        (
            "GET",
            "/pemilihan/{id}/dana/laporan/{periode}/{format}",
            lihat,
        ),
        ("POST", "/pemilihan/{id}/dana/sumbangan", catat),
        ("POST", "/pemilihan/{id}/dana/belanja", catat),
        ("POST", "/pemilihan/{id}/dana/koreksi", catat),
        ("POST", "/pemilihan/{id}/dana/pengembalian", catat),
        ("POST", "/pemilihan/{id}/dana/pengaturan", catat),
        // Reconciling a bank statement reads the ledger and stores nothing.
        ("GET", "/pemilihan/{id}/dana/rekonsiliasi", lihat),
        ("POST", "/pemilihan/{id}/dana/rekonsiliasi", lihat),
        ("POST", "/api/v1/pemilihan/{id}/dana/rekonsiliasi", lihat),
        ("POST", "/pemilihan/{id}/dana/jadwal", catat),
        ("POST", "/pemilihan/{id}/dana/penyampaian", catat),
        (
            "GET",
            "/pemilihan/{id}/dana/laporan/{periode}/penyumbang/{format}",
            lihat,
        ),
        ("GET", "/api/v1/pemilihan/{id}/dana/jadwal", lihat),
        ("POST", "/api/v1/pemilihan/{id}/dana/penyampaian", catat),
        ("GET", "/api/v1/pemilihan/{id}/dana", lihat),
        ("GET", "/api/v1/pemilihan/{id}/dana/buku", lihat),
        ("GET", "/api/v1/pemilihan/{id}/dana/penyumbang", lihat),
        (
            "GET",
            "/api/v1/pemilihan/{id}/dana/laporan/{periode}",
            lihat,
        ),
        ("POST", "/api/v1/pemilihan/{id}/dana/sumbangan", catat),
        ("POST", "/api/v1/pemilihan/{id}/dana/belanja", catat),
        ("POST", "/api/v1/pemilihan/{id}/dana/koreksi", catat),
        ("POST", "/api/v1/pemilihan/{id}/dana/pengembalian", catat),
        ("POST", "/api/v1/pemilihan/{id}/dana/bukti", catat),
        ("GET", "/pemilihan/{id}/dana/bukti/{hash}", lihat),
        ("GET", "/pemilihan/{id}/dana/zip-auditor", lihat),
        (
            "GET",
            "/dana",
            Kebijakan::Izin(posko_domain::Izin::LihatDana, Sasaran::Manapun),
        ),
    ] {
        let r = table
            .iter()
            .find(|r| r.path == path && r.metode == metode)
            .unwrap_or_else(|| panic!("{metode} {path} missing from the route table"));
        assert_eq!(r.kebijakan, kebijakan, "{metode} {path}");
        jumlah += 1;
    }
    // Every finance route is one of those: none escapes the matrix's list.
    assert_eq!(
        table.iter().filter(|r| r.path.contains("/dana")).count(),
        jumlah
    );
}

/// Every route of the social-media room with its policy: reading is
/// `LihatMedsos`, drafts, claims and imports `TulisMedsos`, approving and
/// the registry `SetujuiMedsos`, all over the election's whole region;
/// none escapes the list (the matrix above runs each for every role).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn social_media_routes_are_in_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let table = route_table(posko);
    let izin = |i| Kebijakan::Izin(i, Sasaran::PemilihanUtuh);
    let lihat = izin(posko_domain::Izin::LihatMedsos);
    let tulis = izin(posko_domain::Izin::TulisMedsos);
    let setujui = izin(posko_domain::Izin::SetujuiMedsos);
    let manapun = Kebijakan::Izin(posko_domain::Izin::LihatMedsos, Sasaran::Manapun);
    let daftar = [
        ("GET", "/medsos", manapun),
        ("GET", "/pemilihan/{id}/medsos", lihat),
        ("GET", "/pemilihan/{id}/medsos/akun", lihat),
        ("POST", "/pemilihan/{id}/medsos/akun", setujui),
        ("GET", "/pemilihan/{id}/medsos/akun/{akun}", lihat),
        ("POST", "/pemilihan/{id}/medsos/akun/{akun}", setujui),
        ("POST", "/pemilihan/{id}/medsos/keluar", setujui),
        ("POST", "/pemilihan/{id}/medsos/rotasi/{rotasi}", setujui),
        ("POST", "/pemilihan/{id}/medsos/pengaturan", setujui),
        ("GET", "/pemilihan/{id}/medsos/formulir-kpu/xlsx", lihat),
        ("GET", "/pemilihan/{id}/medsos/formulir-kpu/pdf", lihat),
        ("GET", "/pemilihan/{id}/medsos/tinjauan-akses/xlsx", lihat),
        ("GET", "/pemilihan/{id}/medsos/tinjauan-akses/pdf", lihat),
        ("GET", "/api/v1/pemilihan/{id}/medsos/akun", lihat),
        ("POST", "/api/v1/pemilihan/{id}/medsos/akun", setujui),
        ("POST", "/api/v1/pemilihan/{id}/medsos/keluar", setujui),
        ("GET", "/pemilihan/{id}/medsos/analitik", lihat),
        ("POST", "/pemilihan/{id}/medsos/analitik", tulis),
        ("POST", "/api/v1/pemilihan/{id}/medsos/analitik", tulis),
        ("GET", "/pemilihan/{id}/medsos/isu", lihat),
        ("POST", "/pemilihan/{id}/medsos/isu", tulis),
        ("GET", "/pemilihan/{id}/medsos/isu/{isu}", lihat),
        ("POST", "/pemilihan/{id}/medsos/isu/{isu}", tulis),
        ("POST", "/pemilihan/{id}/medsos/isu/{isu}/status", tulis),
        ("POST", "/pemilihan/{id}/medsos/isu/{isu}/setujui", setujui),
        ("POST", "/pemilihan/{id}/medsos/isu/{isu}/catatan", tulis),
        ("POST", "/pemilihan/{id}/medsos/isu/{isu}/tangkapan", tulis),
        (
            "GET",
            "/pemilihan/{id}/medsos/isu/{isu}/tangkapan/{hash}",
            lihat,
        ),
        ("GET", "/api/v1/pemilihan/{id}/medsos/isu", lihat),
        ("POST", "/api/v1/pemilihan/{id}/medsos/isu", tulis),
        (
            "POST",
            "/api/v1/pemilihan/{id}/medsos/isu/{isu}/status",
            tulis,
        ),
        ("GET", "/pemilihan/{id}/medsos/kalender", lihat),
        ("POST", "/pemilihan/{id}/medsos/konten", tulis),
        ("GET", "/pemilihan/{id}/medsos/konten/{konten}", lihat),
        ("POST", "/pemilihan/{id}/medsos/konten/{konten}", tulis),
        (
            "POST",
            "/pemilihan/{id}/medsos/konten/{konten}/langkah",
            tulis,
        ),
        (
            "POST",
            "/pemilihan/{id}/medsos/konten/{konten}/komentar",
            tulis,
        ),
        (
            "POST",
            "/pemilihan/{id}/medsos/konten/{konten}/posting",
            tulis,
        ),
        (
            "POST",
            "/pemilihan/{id}/medsos/konten/{konten}/media",
            tulis,
        ),
        (
            "GET",
            "/pemilihan/{id}/medsos/konten/{konten}/media/{hash}",
            lihat,
        ),
        ("POST", "/api/v1/pemilihan/{id}/medsos/media", tulis),
        ("GET", "/api/v1/pemilihan/{id}/medsos/konten", lihat),
        ("POST", "/api/v1/pemilihan/{id}/medsos/konten", tulis),
        (
            "POST",
            "/api/v1/pemilihan/{id}/medsos/konten/{konten}/langkah",
            tulis,
        ),
        (
            "POST",
            "/api/v1/pemilihan/{id}/medsos/konten/{konten}/posting",
            tulis,
        ),
    ];
    for (metode, path, kebijakan) in daftar {
        let r = table
            .iter()
            .find(|r| r.path == path && r.metode == metode)
            .unwrap_or_else(|| panic!("{metode} {path} missing from the route table"));
        assert_eq!(r.kebijakan, kebijakan, "{metode} {path}");
    }
    let semua: Vec<String> = table
        .iter()
        .filter(|r| r.path.contains("/medsos"))
        .map(|r| format!("{} {}", r.metode, r.path))
        .collect();
    assert_eq!(semua.len(), daftar.len(), "{semua:#?}");
}

/// Every route of the field room's home, events and surveys with its
/// policy: working in the room is `KerjaLapangan`, planning
/// `KelolaLapangan`, both over any scope touching the election's region
/// (the app checks each record's area); a survey is planned and read over
/// the whole region; the invited person's own page is public (the link is
/// the key). APK and tasks list their own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn field_room_events_and_surveys_are_in_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let table = route_table(posko);
    let kerja = Kebijakan::Izin(posko_domain::Izin::KerjaLapangan, Sasaran::Pemilihan);
    let kelola = Kebijakan::Izin(posko_domain::Izin::KelolaLapangan, Sasaran::Pemilihan);
    let kelola_utuh = Kebijakan::Izin(posko_domain::Izin::KelolaLapangan, Sasaran::PemilihanUtuh);
    let manapun = Kebijakan::Izin(posko_domain::Izin::KerjaLapangan, Sasaran::Manapun);
    let daftar = [
        ("GET", "/lapangan", manapun),
        ("GET", "/pemilihan/{id}/lapangan", kerja),
        ("GET", "/pemilihan/{id}/lapangan/acara", kerja),
        ("POST", "/pemilihan/{id}/lapangan/acara", kelola),
        ("GET", "/pemilihan/{id}/lapangan/acara/{acara}", kerja),
        (
            "POST",
            "/pemilihan/{id}/lapangan/acara/{acara}/undang",
            kelola,
        ),
        (
            "POST",
            "/pemilihan/{id}/lapangan/acara/{acara}/batal",
            kelola,
        ),
        (
            "POST",
            "/pemilihan/{id}/lapangan/acara/{acara}/foto",
            kelola,
        ),
        (
            "GET",
            "/pemilihan/{id}/lapangan/acara/{acara}/foto/{hash}",
            kerja,
        ),
        (
            "POST",
            "/pemilihan/{id}/lapangan/acara/{acara}/belanja",
            kelola,
        ),
        ("GET", "/pemilihan/{id}/lapangan/acara/{acara}/pintu", kerja),
        (
            "POST",
            "/pemilihan/{id}/lapangan/acara/{acara}/hadir",
            kerja,
        ),
        ("GET", "/pemilihan/{id}/lapangan/acara/peta.svg", kerja),
        ("GET", "/undangan/{id}/{undangan}/{kode}", Kebijakan::Publik),
        (
            "POST",
            "/undangan/{id}/{undangan}/{kode}",
            Kebijakan::Publik,
        ),
        ("GET", "/api/v1/pemilihan/{id}/lapangan/acara", kerja),
        (
            "POST",
            "/api/v1/pemilihan/{id}/lapangan/acara/{acara}/hadir",
            kerja,
        ),
        ("GET", "/pemilihan/{id}/lapangan/survei", kerja),
        ("POST", "/pemilihan/{id}/lapangan/survei", kelola_utuh),
        (
            "GET",
            "/pemilihan/{id}/lapangan/survei/{survei}",
            kelola_utuh,
        ),
        (
            "POST",
            "/pemilihan/{id}/lapangan/survei/{survei}/tarik",
            kelola_utuh,
        ),
        (
            "POST",
            "/pemilihan/{id}/lapangan/survei/{survei}/pertanyaan",
            kelola_utuh,
        ),
        (
            "POST",
            "/pemilihan/{id}/lapangan/survei/{survei}/pewawancara",
            kelola_utuh,
        ),
        (
            "GET",
            "/pemilihan/{id}/lapangan/survei/{survei}/wawancara",
            kerja,
        ),
        (
            "POST",
            "/pemilihan/{id}/lapangan/survei/{survei}/wawancara",
            kerja,
        ),
        (
            "GET",
            "/api/v1/pemilihan/{id}/lapangan/survei/{survei}/hasil",
            kelola_utuh,
        ),
        (
            "POST",
            "/api/v1/pemilihan/{id}/lapangan/survei/{survei}/wawancara",
            kerja,
        ),
    ];
    for (metode, path, kebijakan) in daftar {
        let r = table
            .iter()
            .find(|r| r.path == path && r.metode == metode)
            .unwrap_or_else(|| panic!("{metode} {path} missing from the route table"));
        assert_eq!(r.kebijakan, kebijakan, "{metode} {path}");
    }
    let semua: Vec<String> = table
        .iter()
        .filter(|r| {
            r.path == "/lapangan"
                || r.path == "/pemilihan/{id}/lapangan"
                || r.path.contains("/lapangan/acara")
                || r.path.contains("/lapangan/survei")
                || r.path.starts_with("/undangan/")
        })
        .map(|r| format!("{} {}", r.metode, r.path))
        .collect();
    assert_eq!(semua.len(), daftar.len(), "{semua:#?}");
}

/// Where a target account's role lies for a caller holding a role over
/// `pusat` (31.71, or 32.73 for the "outside" callers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Letak {
    /// Campaign-wide (admin, manager).
    Semua,
    /// The same territory as the caller's.
    Sama,
    /// Strictly inside it (a kecamatan, or one TPS).
    Bawah,
    /// Elsewhere.
    Luar,
}

/// Where `target` lies seen from `pemanggil` (plain geometry of codes).
fn letak_dari(pemanggil: &Cakupan, target: &Cakupan) -> Letak {
    let w = match (pemanggil, target) {
        (_, Cakupan::Semua) => return Letak::Semua,
        (Cakupan::Wilayah(w), _) => *w,
        _ => return Letak::Luar,
    };
    match target {
        Cakupan::Wilayah(t) if *t == w => Letak::Sama,
        Cakupan::Wilayah(t) if w.mencakup(t) => Letak::Bawah,
        Cakupan::Tps(t) if w.mencakup(&t.desa()) => Letak::Bawah,
        _ => Letak::Luar,
    }
}

/// Who may manage whom, written out by hand from the rule in SECURITY.md
/// ("every role they could themselves grant, inside their territory"), not
/// computed by the function it checks.
fn boleh_kelola_tabel(pemanggil: Peran, target: Peran, letak: Letak) -> bool {
    use Peran::*;
    match pemanggil {
        Admin => true,
        Manager => !matches!(target, Admin | Manager),
        Koordinator => match target {
            Saksi | Relawan => matches!(letak, Letak::Sama | Letak::Bawah),
            Koordinator => letak == Letak::Bawah,
            _ => false,
        },
        _ => false,
    }
}

per_backend!(account_management_by_caller_role_target_role_and_place);
/// Account management by the target account's roles: every caller role
/// (inside and outside the test territory) × every target role at the
/// same level, below, outside and campaign-wide, for each action that
/// reaches another account: seeing it in the list, opening its page,
/// issuing it a sign-in code, ending its sessions.
async fn account_management_by_caller_role_target_role_and_place(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;

    // Targets: (username, role, scope), at the test territory's level,
    // below it, outside it and campaign-wide.
    let mut sasaran: Vec<(String, Peran, Cakupan)> = vec![
        ("t.admin".into(), Peran::Admin, Cakupan::Semua),
        ("t.manager".into(), Peran::Manager, Cakupan::Semua),
        (
            "t.saksi.bawah".into(),
            Peran::Saksi,
            Cakupan::parse("3171011001001").unwrap(),
        ),
        (
            "t.saksi.luar".into(),
            Peran::Saksi,
            Cakupan::parse("3273011001003").unwrap(),
        ),
    ];
    for p in [
        Peran::Koordinator,
        Peran::Relawan,
        Peran::Verifier,
        Peran::Bendahara,
        Peran::Media,
        Peran::Auditor,
    ] {
        for kode in ["31.71", "31.71.01", "32.73"] {
            sasaran.push((
                format!("t.{p}.{kode}").replace('.', "-"),
                p,
                Cakupan::Wilayah(kw(kode)),
            ));
        }
    }
    for (u, p, c) in &sasaran {
        s.posko
            .add_pengguna(
                &Aktor::system(),
                posko_app::NewPengguna {
                    username: u.clone(),
                    nama: u.clone(),
                    password: None,
                    penugasan: vec![Penugasan::new(*p, *c).unwrap()],
                    telepon: None,
                },
            )
            .await
            .unwrap();
    }

    let mut cells = 0;
    for peran in Peran::ALL {
        for inside in [true, false] {
            let Some(c) = scope(peran, inside) else {
                continue;
            };
            let name = format!("p.{}.{}", peran, if inside { "dalam" } else { "luar" });
            let client = s
                .client_as(&name, vec![Penugasan::new(peran, c).unwrap()])
                .await;
            let punya = |izin| peran.izin().contains(&izin);
            let daftar = client.get(s.url("/pengguna")).send().await.unwrap();
            let (daftar_ok, daftar) = (daftar.status(), daftar.text().await.unwrap());
            let csrf = (daftar_ok == StatusCode::OK).then(|| common::nilai_input(&daftar, "csrf"));
            for (u, target, tempat) in &sasaran {
                let letak = letak_dari(&c, tempat);
                let boleh = boleh_kelola_tabel(peran, *target, letak);
                let sel = format!("{backend} {name} → {u} ({target}, {letak:?})");
                // 1. The list.
                if daftar_ok == StatusCode::OK {
                    let terlihat = daftar.contains(&format!("/pengguna/akun/{u}\""));
                    assert_eq!(terlihat, boleh, "list: {sel}");
                } else {
                    assert_eq!(daftar_ok, StatusCode::FORBIDDEN, "list: {sel}");
                    assert!(!boleh, "list: {sel}");
                }
                // 2. Its page.
                let r = client
                    .get(s.url(&format!("/pengguna/akun/{u}")))
                    .send()
                    .await
                    .unwrap();
                let ditolak = if punya(posko_domain::Izin::KelolaPengguna) {
                    StatusCode::NOT_FOUND
                } else {
                    StatusCode::FORBIDDEN
                };
                let harap = if boleh { StatusCode::OK } else { ditolak };
                assert_eq!(r.status(), harap, "page: {sel}");
                // 3. A sign-in code.
                let r = client
                    .post(s.url("/pengguna/kode"))
                    .form(&[
                        ("csrf", csrf.clone().unwrap_or_default().as_str()),
                        ("akun", u.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap();
                let ditolak = if punya(posko_domain::Izin::EksporDataPribadi) {
                    StatusCode::NOT_FOUND
                } else {
                    StatusCode::FORBIDDEN
                };
                let harap = if boleh { StatusCode::OK } else { ditolak };
                assert_eq!(r.status(), harap, "code: {sel}");
                // 4. Ending its sessions.
                let r = client
                    .post(s.url("/pengguna/keluar-semua"))
                    .form(&[
                        ("csrf", csrf.clone().unwrap_or_default().as_str()),
                        ("username", u.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap();
                let ditolak = if punya(posko_domain::Izin::KelolaPengguna) {
                    StatusCode::NOT_FOUND
                } else {
                    StatusCode::FORBIDDEN
                };
                let harap = if boleh {
                    StatusCode::SEE_OTHER
                } else {
                    ditolak
                };
                assert_eq!(r.status(), harap, "sessions: {sel}");
                cells += 4;
            }
        }
    }
    eprintln!(
        "{backend}: account-management matrix {} targets × callers × 4 actions = {cells} cells",
        sasaran.len()
    );
}
