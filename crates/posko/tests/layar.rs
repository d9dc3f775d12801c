//! Every page as every role meets it, in a real headless Chromium: each GET
//! page of the route table, opened by each role that may open it, at a
//! 360 px phone and a 1366 px laptop, in Indonesian and in English, on the
//! demo campaign in the middle of its election day. A page fails when it
//! is wider than the screen, when it sends a person to the raw API, or when
//! its menu offers something that answers "tidak berwenang". Screenshots
//! of each role's home, and of the pages people live in on the day, are
//! kept in `target/layar/` to be looked at.

use crate::cdp;
use crate::common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use cdp::Cdp;
use common::{client_with_cookie, serve, shared_data, sign_in, store};
use posko_domain::{Cakupan, KodeTps, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;

pub(crate) fn chromium() -> Option<&'static Path> {
    let p = Path::new("/usr/bin/chromium");
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run browser tests: install Debian's chromium"
    );
    eprintln!("SKIPPED every-page browser test: chromium not found");
    None
}

/// Where screenshots are kept for people to look at.
fn folder_layar() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/layar");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A scope inside Jakarta Pusat (where the route table's examples are) for
/// each role.
fn cakupan(peran: Peran) -> Cakupan {
    match peran {
        Peran::Admin | Peran::Manager => Cakupan::Semua,
        Peran::Saksi => Cakupan::Tps(KodeTps::parse("3171011001001").unwrap()),
        _ => Cakupan::Wilayah(KodeWilayah::parse("31.71").unwrap()),
    }
}

/// Whether a GET route is a page a person reads (not data, a file, a
/// stream, or a step that only redirects).
fn halaman(path: &str) -> bool {
    let bukan = [
        "/api/",
        "/static/",
        "/foto/",
        "/dana/bukti/",
        "/favicon",
        "/keluar",
        "/masuk/kode",
        "/healthz",
        "/readyz",
        "/metrics",
    ];
    let akhiran = [
        "xlsx",
        "pdf",
        "csv",
        "svg",
        "json",
        "zip-auditor",
        "/langsung",
        "/kemajuan",
        "/geojson",
    ];
    !bukan.iter().any(|b| path.contains(b)) && !akhiran.iter().any(|a| path.ends_with(a))
}

/// Everything wrong with the page on a screen `w` px wide, as text. The
/// width is given, not read: an emulated phone zooms out to show a page
/// wider than itself, and then reports that wider width as its own.
const PERIKSA: &str = r#"(function(w){
  var out = [];
  var sw = document.documentElement.scrollWidth;
  if (sw > w) {
    var lebar = [];
    document.querySelectorAll('body *').forEach(function(e){
      var r = e.getBoundingClientRect();
      if (r.right > w + 1 && r.width > 0) {
        lebar.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' ' + Math.round(r.right));
      }
    });
    out.push('scrollWidth ' + sw + ' > ' + w + ' (' + lebar.slice(0, 6).join(', ') + ')');
  }
  // Text spilling out of its own box (a figure wider than its tile) does
  // not widen the page, but is cut or overlaps on the phone. Scroll
  // containers (a wide table in .gulir) and clipped boxes are meant to.
  document.querySelectorAll('body *').forEach(function(e){
    if (e.clientWidth === 0 || e.scrollWidth <= e.clientWidth + 1) return;
    var ox = getComputedStyle(e).overflowX;
    if (ox !== 'visible') return;
    if (e.closest('.gulir, svg, select, input, textarea')) return;
    out.push('spills: ' + e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '') + (e.id ? '#' + e.id : '') + ' ' + e.scrollWidth + ' > ' + e.clientWidth + ' "' + (e.textContent || '').trim().slice(0, 30) + '"');
  });
  document.querySelectorAll('a[href]').forEach(function(a){
    var h = a.getAttribute('href');
    if (h.indexOf('/api/') === 0 && !a.hasAttribute('download')) out.push('links to ' + h);
  });
  return out;
})"#;

pub(crate) async fn periksa(c: &mut Cdp, w: u32) -> Vec<String> {
    c.eval(&format!("{PERIKSA}({w})"))
        .await
        .as_array()
        .unwrap_or_else(|| panic!("the check did not run"))
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect()
}

/// Opens `url` and waits until it has loaded; the page's HTTP status (after
/// redirects).
pub(crate) async fn buka(c: &mut Cdp, url: &str) -> u64 {
    c.call("Page.navigate", serde_json::json!({ "url": url }))
        .await;
    for _ in 0..200 {
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
        let siap = c
            .try_eval(
                "document.readyState === 'complete' && location.href !== 'about:blank' \
                 && performance.getEntriesByType('navigation')[0].responseStatus",
            )
            .await;
        if let Some(serde_json::Value::Number(n)) = siap {
            return n.as_u64().unwrap();
        }
    }
    panic!("{url} never finished loading");
}

/// The example paths of a route to open as `peran`: its own (in Jakarta
/// Pusat), and the same page for the whole province (as the manager, where
/// tables and selects are longest) and for a desa (as a koordinator).
fn contoh(path: &str, peran: Peran) -> Vec<String> {
    let mut out = vec![path.to_string()];
    if path.ends_with("/31.71") || path.contains("/31.71/") || path.contains("/31.71?") {
        match peran {
            Peran::Manager => out.push(path.replacen("/31.71", "/31", 1)),
            Peran::Koordinator => out.push(path.replacen("/31.71", "/31.71.01.1001", 1)),
            _ => {}
        }
    }
    out
}

pub(crate) async fn ukuran(c: &mut Cdp, w: u32, h: u32) {
    c.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": w, "height": h, "deviceScaleFactor": 1, "mobile": w < 800}),
    )
    .await;
}

pub(crate) async fn potret(c: &mut Cdp, nama: &str) {
    let png = c
        .call(
            "Page.captureScreenshot",
            serde_json::json!({"format": "png", "captureBeyondViewport": false}),
        )
        .await;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(png["data"].as_str().unwrap())
        .unwrap();
    std::fs::write(folder_layar().join(format!("{nama}.png")), bytes).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone_and_a_laptop_for_every_role() {
    let Some(bin) = chromium() else { return };
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mulai = std::time::Instant::now();
    let posko = store("sqlite", dir.path()).await;
    let demo = posko_app::demo::build(
        &posko,
        &posko_app::demo::DemoOptions {
            data_dir: Some(data),
            seed: 7,
        },
    )
    .await
    .unwrap();
    let id = demo.pemilihan.id;
    // The middle of election day: results arriving, some TPS still out.
    let hari_h = tokio::spawn({
        let p = posko.clone();
        async move { posko_app::demo::hari_h(&p, id, 2_000, 7).await }
    });
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    hari_h.abort();
    let s = serve(posko, dir).await;
    eprintln!("demo ready in {:?}", mulai.elapsed());
    let rutes: Vec<_> = posko_web::route_table(s.posko.clone())
        .into_iter()
        .filter(|r| r.metode == "GET" && halaman(r.path) && halaman(r.contoh))
        .collect();
    assert!(rutes.len() > 25, "only {} page routes", rutes.len());

    let work = tempfile::tempdir().unwrap();
    let mut c = Cdp::start(bin, &work.path().join("profil"), &[]).await;
    c.call("Network.enable", serde_json::json!({})).await;
    let mut salah: Vec<String> = Vec::new();
    let mut dilihat = 0;
    let mut per_peran: HashMap<Peran, usize> = HashMap::new();
    for peran in Peran::ALL {
        let username = format!("layar.{peran}");
        let cookie = sign_in(
            &s.posko,
            &username,
            vec![Penugasan::new(peran, cakupan(peran)).unwrap()],
        )
        .await;
        let http = client_with_cookie(Some(&cookie));
        let (nama, nilai) = cookie.split_once('=').unwrap();
        c.call("Network.clearBrowserCookies", serde_json::json!({}))
            .await;
        c.call(
            "Network.setCookie",
            serde_json::json!({"name": nama, "value": nilai, "url": s.url("/")}),
        )
        .await;

        // Every item of this role's menu opens for it.
        let html = http
            .get(s.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for href in menu(&html) {
            let r = http.get(s.url(&href)).send().await.unwrap();
            if r.status() == StatusCode::FORBIDDEN || r.status() == StatusCode::NOT_FOUND {
                salah.push(format!("{peran}: menu item {href} answers {}", r.status()));
            }
        }

        let roles = vec![Penugasan::new(peran, cakupan(peran)).unwrap()];
        let mulai = std::time::Instant::now();
        for rute in &rutes {
            if !crate::authz::expected(rute.kebijakan, &roles, KodeWilayah::parse("31").unwrap()) {
                continue;
            }
            for path in contoh(rute.contoh, peran) {
                let path = path.replace("{id}", &id.to_string());
                for bahasa in ["id", "en"] {
                    let pisah = if path.contains('?') { '&' } else { '?' };
                    let url = s.url(&format!("{path}{pisah}bahasa={bahasa}"));
                    ukuran(&mut c, 360, 800).await;
                    let status = buka(&mut c, &url).await;
                    if status == 404 {
                        // An example that names nothing stored in the demo.
                        break;
                    }
                    // The public quick-count summary is refused, as a page,
                    // until the embargo ends.
                    let embargo = status == 403 && rute.kebijakan == posko_web::Kebijakan::Publik;
                    if status != 200 && !embargo {
                        salah.push(format!("{peran} {bahasa} {path}: answers {status}"));
                        break;
                    }
                    if bahasa == "id" {
                        *per_peran.entry(peran).or_default() += 1;
                    }
                    for (w, h) in [(360, 800), (1366, 768)] {
                        ukuran(&mut c, w, h).await;
                        for m in periksa(&mut c, w).await {
                            salah.push(format!("{peran} {bahasa} {w}px {path}: {m}"));
                        }
                        dilihat += 1;
                    }
                }
            }
        }
        eprintln!("{peran}: {:?}", mulai.elapsed());

        // Each role's home, as it looks on a phone and on a laptop.
        for (w, h) in [(360, 800), (1366, 768)] {
            ukuran(&mut c, w, h).await;
            buka(&mut c, &s.url("/?bahasa=id")).await;
            potret(&mut c, &format!("beranda-{peran}-{w}")).await;
        }
    }
    // The pages people live in on the day, as the people who use them see
    // them: the manager, and the verifier for the queue they read blind.
    for (halaman, path, lebar, peran) in [
        (
            "tps",
            format!("/pemilihan/{id}/tps/3171011001001"),
            &[360, 1366][..],
            Peran::Manager,
        ),
        (
            "pantau",
            format!("/pemilihan/{id}/pantau/31.71"),
            &[360, 1366][..],
            Peran::Manager,
        ),
        (
            "verifikasi",
            format!("/verifikasi/{id}"),
            &[360][..],
            Peran::Verifier,
        ),
        (
            "hasil",
            format!("/pemilihan/{id}/hasil/31"),
            &[360, 1366][..],
            Peran::Manager,
        ),
        (
            "kejanggalan",
            format!("/pemilihan/{id}/kejanggalan/31.71?status=semua"),
            &[360, 1366][..],
            Peran::Manager,
        ),
        (
            "hitung-cepat",
            format!("/pemilihan/{id}/hitung-cepat"),
            &[360][..],
            Peran::Manager,
        ),
        (
            "relawan-tahan",
            "/relawan/tahan".to_string(),
            &[360][..],
            Peran::Koordinator,
        ),
        (
            "ruang-tv",
            format!("/pemilihan/{id}/ruang/31?layar=besar"),
            &[1920][..],
            Peran::Manager,
        ),
    ] {
        let cookie = sign_in(
            &s.posko,
            &format!("layar.potret.{halaman}"),
            vec![Penugasan::new(peran, cakupan(peran)).unwrap()],
        )
        .await;
        let (nama, nilai) = cookie.split_once('=').unwrap();
        c.call("Network.clearBrowserCookies", serde_json::json!({}))
            .await;
        c.call(
            "Network.setCookie",
            serde_json::json!({"name": nama, "value": nilai, "url": s.url("/")}),
        )
        .await;
        for &w in lebar {
            let h = match w {
                1920 => 1080,
                360 => 800,
                _ => 768,
            };
            ukuran(&mut c, w, h).await;
            let status = buka(&mut c, &s.url(&path)).await;
            if status != 200 {
                salah.push(format!("{peran} {path}: answers {status}"));
                continue;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            potret(&mut c, &format!("{halaman}-{w}")).await;
            for m in periksa(&mut c, w).await {
                salah.push(format!("{peran} {w}px {path}: {m}"));
            }
            if w == 1920 {
                // TV mode fits one screen: nothing to scroll at 1920×1080.
                let tinggi = c.eval("document.documentElement.scrollHeight").await;
                if tinggi.as_u64().unwrap_or(0) > 1080 {
                    salah.push(format!("TV mode is {tinggi} px tall"));
                }
            }
        }
    }
    let ringkasan = format!(
        "every page: {dilihat} views of {} page routes, pages per role {per_peran:?}, {} problems\n",
        rutes.len(),
        salah.len()
    );
    eprint!("{ringkasan}");
    std::fs::write(folder_layar().join("ringkasan.txt"), ringkasan).unwrap();
    assert!(
        salah.is_empty(),
        "{} problems:\n{}",
        salah.len(),
        salah.join("\n")
    );
    assert!(dilihat > 200, "only {dilihat} views");
}

/// The site-local links inside the page's top menu, without language
/// switches.
fn menu(html: &str) -> Vec<String> {
    let Some(i) = html.find("<nav class=\"menu\">") else {
        return Vec::new();
    };
    let nav = &html[i..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    nav.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with('/') && !h.contains("bahasa=") && !h.starts_with("/keluar"))
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// A koordinator picks the TPS of a new supporter by name, kecamatan →
/// desa → TPS, starting from their own kab/kota, and the form's code box
/// holds that TPS's code; nothing on the phone is wider than the screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_region_picker_chooses_by_name_from_ones_own_area() {
    let Some(bin) = chromium() else { return };
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = common::store_dki("sqlite", &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let cookie = sign_in(
        &s.posko,
        "pilih.koordinator",
        vec![Penugasan::new(Peran::Koordinator, cakupan(Peran::Koordinator)).unwrap()],
    )
    .await;
    let work = tempfile::tempdir().unwrap();
    let mut c = Cdp::start(bin, &work.path().join("profil"), &[]).await;
    c.call("Network.enable", serde_json::json!({})).await;
    let (nama, nilai) = cookie.split_once('=').unwrap();
    c.call(
        "Network.setCookie",
        serde_json::json!({"name": nama, "value": nilai, "url": s.url("/")}),
    )
    .await;
    ukuran(&mut c, 360, 800).await;
    assert_eq!(buka(&mut c, &s.url("/pendukung/baru")).await, 200);
    // Waits for the select of `tingkat`, chooses the option named `nama`.
    let pilih = async |c: &mut Cdp, tingkat: u32, nama: &str| {
        let js = format!(
            r#"(function(){{
              var s = document.querySelector('.pilih-wilayah select[data-tingkat="{tingkat}"]');
              if (!s) return null;
              var o = Array.prototype.find.call(s.options, function(o){{ return o.textContent === {nama:?}; }});
              if (!o) return 'no ' + {nama:?} + ' in ' + Array.prototype.map.call(s.options, function(o){{ return o.textContent; }}).join(',');
              s.value = o.value; s.dispatchEvent(new Event('change'));
              return 'ok';
            }})()"#
        );
        for _ in 0..100 {
            match c.eval(&js).await {
                serde_json::Value::String(v) if v == "ok" => return,
                serde_json::Value::String(v) => panic!("{v}"),
                _ => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        }
        panic!("no select for level {tingkat}");
    };
    // Jakarta Pusat's kecamatan, then Gambir's kelurahan, then its TPS.
    pilih(&mut c, 2, "Gambir").await;
    pilih(&mut c, 3, "Gambir").await;
    pilih(&mut c, 4, "TPS 001").await;
    let kode = c
        .eval("document.querySelector('input[name=domisili]').value")
        .await;
    assert_eq!(kode, "31.71.01.1001-001");
    assert_eq!(
        periksa(&mut c, 360).await,
        Vec::<String>::new(),
        "the picker overflows a phone"
    );
    // The check itself sees a page wider than the phone.
    c.eval("document.body.appendChild(Object.assign(document.createElement('div'), {style: 'width:600px;height:1px'}))")
        .await;
    let lebar = periksa(&mut c, 360).await;
    assert!(
        lebar.iter().any(|m| m.starts_with("scrollWidth 6")),
        "{lebar:?}"
    );
    // And a figure spilling out of a tile too narrow for it.
    c.eval("document.body.appendChild(Object.assign(document.createElement('div'), {style: 'width:80px', innerHTML: '<b style=\"display:block;white-space:nowrap\">Rp44.950.000.000</b>'}))")
        .await;
    let tumpah = periksa(&mut c, 360).await;
    assert!(
        tumpah
            .iter()
            .any(|m| m.starts_with("spills: ") && m.contains("Rp44.950")),
        "{tumpah:?}"
    );
}
