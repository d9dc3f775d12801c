//! The region browser in a real headless Chromium, at phone width: the page
//! renders with its numbers, and the screenshot is a real page, not blank.
//! Skipped (with a message) where Chromium is absent; never skipped on CI.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{load_dki, serve, shared_data, store};
use posko_app::Aktor;

fn chromium() -> Option<PathBuf> {
    for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(c).exists() {
            return Some(PathBuf::from(c));
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run browser tests: install Debian's chromium"
    );
    eprintln!("SKIPPED browser tests: chromium not found");
    None
}

/// Runs headless Chromium with the flags this offline machine needs and a
/// fresh profile; returns stdout.
fn run_chromium(bin: &Path, profile: &Path, args: &[&str]) -> String {
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn region_browser_renders_on_a_phone() {
    let Some(bin) = chromium() else { return };
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    load_dki(&posko, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let work = tempfile::tempdir().unwrap();
    // Sign in the way a coordinator on a phone does: a one-time link.
    let link = |code: String| s.url(&format!("/masuk/kode/{code}?lanjut=/wilayah/31.71"));
    let url = link(
        s.posko
            .issue_login_code(&Aktor::system(), "uji.manajer")
            .await
            .unwrap(),
    );
    let url2 = link(
        s.posko
            .issue_login_code(&Aktor::system(), "uji.manajer")
            .await
            .unwrap(),
    );

    // The DOM as Chromium built it: the numbers a coordinator looks for.
    let dom = tokio::task::spawn_blocking({
        let (bin, profile, url) = (bin.clone(), work.path().join("p1"), url.clone());
        move || run_chromium(&bin, &profile, &["--dump-dom", &url])
    })
    .await
    .unwrap();
    assert!(dom.contains("Kota Administrasi Jakarta Pusat"), "{dom}");
    assert!(
        dom.contains(r#"id="jumlah-dpt">747.152<"#),
        "DKI Jakarta Pusat DPT"
    );
    assert!(dom.contains("Gambir"));

    let shot = work.path().join("wilayah-360.png");
    tokio::task::spawn_blocking({
        let (bin, profile, url, shot) = (bin, work.path().join("p2"), url2, shot.clone());
        move || {
            run_chromium(
                &bin,
                &profile,
                &[
                    "--window-size=360,800",
                    &format!("--screenshot={}", shot.display()),
                    &url,
                ],
            )
        }
    })
    .await
    .unwrap();
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (360, 800));
    let bpp = info.line_size / info.width as usize;
    let pixel = |x: usize, y: usize| {
        let i = y * info.line_size + x * bpp;
        (buf[i], buf[i + 1], buf[i + 2])
    };
    // The header bar carries the campaign green (#0b6e4f), so CSS loaded.
    assert_eq!(pixel(340, 5), (0x0b, 0x6e, 0x4f), "header colour");
    // Text was drawn: many distinct colours, and dark pixels in the body.
    let mut colours = std::collections::HashSet::new();
    let mut dark = 0usize;
    for y in (60..800).step_by(2) {
        for x in (0..360).step_by(2) {
            let p = pixel(x, y);
            colours.insert(p);
            if u32::from(p.0) + u32::from(p.1) + u32::from(p.2) < 200 {
                dark += 1;
            }
        }
    }
    assert!(
        colours.len() > 20,
        "page looks blank: {} colours",
        colours.len()
    );
    assert!(dark > 500, "no text drawn: {dark} dark pixels");
    // Keep the screenshot where a person can look at it after the run.
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wilayah-360.png");
    std::fs::copy(&shot, &keep).unwrap();
    eprintln!("screenshot: {}", keep.display());
}
