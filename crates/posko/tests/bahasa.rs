//! The language of the pages on the real server, on every backend:
//! Indonesian by default, English from the browser's Accept-Language or a
//! `?bahasa=en` link remembered in a cookie, and back with `?bahasa=id`.

use crate::common;

use common::{TestServer, client, serve, store};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};

struct Halaman {
    status: StatusCode,
    vary: String,
    set_cookie: Vec<String>,
    html: String,
}

async fn buka(s: &TestServer, path: &str, cookie: &str, accept: Option<&str>) -> Halaman {
    let mut req = client().get(s.url(path));
    if !cookie.is_empty() {
        req = req.header(COOKIE, cookie);
    }
    if let Some(a) = accept {
        req = req.header(ACCEPT_LANGUAGE, a);
    }
    let r = req.send().await.unwrap();
    Halaman {
        status: r.status(),
        vary: r
            .headers()
            .get_all(reqwest::header::VARY)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        set_cookie: r
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect(),
        html: r.text().await.unwrap(),
    }
}

fn indonesia(h: &Halaman, teks: &str) {
    assert!(
        h.html.contains(r#"<html lang="id">"#),
        "not Indonesian:\n{}",
        h.html
    );
    assert!(h.html.contains(teks), "missing {teks:?}:\n{}", h.html);
    // The switcher offers the other language, without JavaScript.
    assert!(h.html.contains(r#"href="?bahasa=en""#), "{}", h.html);
    assert!(h.html.contains(">English</a>"), "{}", h.html);
}

fn inggris(h: &Halaman, teks: &str) {
    assert!(
        h.html.contains(r#"<html lang="en">"#),
        "not English:\n{}",
        h.html
    );
    assert!(h.html.contains(teks), "missing {teks:?}:\n{}", h.html);
    assert!(h.html.contains(r#"href="?bahasa=id""#), "{}", h.html);
    assert!(h.html.contains(">Bahasa Indonesia</a>"), "{}", h.html);
    // No Indonesian left in the frame of the page.
    assert!(!h.html.contains(">Beranda<"), "{}", h.html);
}

per_backend!(pages_are_indonesian_by_default_and_english_on_request);
async fn pages_are_indonesian_by_default_and_english_on_request(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let s = serve(posko, dir).await;
    let sesi = s.cookie.clone();

    // Signed out: the sign-in page.
    let h = buka(&s, "/masuk", "", None).await;
    assert_eq!(h.status, StatusCode::OK, "{backend}");
    indonesia(&h, "Masuk ke Posko");
    assert!(h.set_cookie.is_empty(), "{backend}: {:?}", h.set_cookie);
    assert!(h.vary.contains("Accept-Language"), "{backend}: {}", h.vary);
    let h = buka(&s, "/masuk", "", Some("en-GB,en;q=0.9,id;q=0.5")).await;
    inggris(&h, "Sign in to Posko");
    let h = buka(&s, "/masuk", "", Some("fr, id;q=0.8, en;q=0.5")).await;
    indonesia(&h, "Masuk ke Posko");
    let h = buka(&s, "/masuk", "", Some("fr, de")).await;
    indonesia(&h, "Masuk ke Posko");

    // Signed in: one's own account page.
    let h = buka(&s, "/akun", &sesi, None).await;
    assert_eq!(h.status, StatusCode::OK, "{backend}");
    indonesia(&h, "Akun saya");
    assert!(
        h.html.contains("Keluar dari semua perangkat lain"),
        "{backend}"
    );
    let h = buka(&s, "/akun", &sesi, Some("en")).await;
    inggris(&h, "My account");
    assert!(
        h.html.contains("Sign out of all other devices"),
        "{backend}"
    );

    // The switcher's link answers in English and remembers it.
    let h = buka(&s, "/akun?bahasa=en", &sesi, None).await;
    inggris(&h, "My account");
    let kue = h
        .set_cookie
        .iter()
        .find(|c| c.starts_with("bahasa="))
        .unwrap_or_else(|| panic!("{backend}: no cookie in {:?}", h.set_cookie));
    assert!(kue.starts_with("bahasa=en;"), "{backend}: {kue}");
    assert!(
        kue.contains("SameSite=Lax") && kue.contains("Path=/"),
        "{backend}: {kue}"
    );
    // The remembered choice beats the browser's header.
    let dengan_en = format!("{sesi}; bahasa=en");
    let h = buka(&s, "/akun", &dengan_en, Some("id")).await;
    inggris(&h, "My account");
    let h = buka(&s, "/masuk", "bahasa=en", None).await;
    inggris(&h, "Sign in to Posko");
    // Error pages and a handler's own words follow too.
    let h = buka(&s, "/pemilihan/bukan-id", &dengan_en, None).await;
    assert_eq!(h.status, StatusCode::NOT_FOUND, "{backend}");
    inggris(&h, "Not found");
    assert!(
        h.html.contains("election &#39;bukan-id&#39; not found"),
        "{backend}: {}",
        h.html
    );

    // And back to Indonesian.
    let h = buka(&s, "/akun?bahasa=id", &dengan_en, Some("en")).await;
    indonesia(&h, "Akun saya");
    assert!(
        h.set_cookie.iter().any(|c| c.starts_with("bahasa=id;")),
        "{backend}: {:?}",
        h.set_cookie
    );
    let h = buka(&s, "/akun", &format!("{sesi}; bahasa=id"), Some("en")).await;
    indonesia(&h, "Akun saya");
    let h = buka(&s, "/pemilihan/bukan-id", &sesi, None).await;
    indonesia(&h, "Tidak ditemukan");

    // A link with another value changes nothing and sets no cookie.
    let h = buka(&s, "/masuk?bahasa=fr", "", None).await;
    indonesia(&h, "Masuk ke Posko");
    assert!(h.set_cookie.is_empty(), "{backend}: {:?}", h.set_cookie);
}
