//! The region browser in a real headless Chromium, at phone width: the page
//! renders with its numbers, and the screenshot is a real page, not blank.
//! Skipped (with a message) where Chromium is absent; never skipped on CI.

use crate::cdp;
use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use cdp::Cdp;
use common::{serve, shared_data, store_dki};
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
            // An Indonesian phone: Posko answers in the browser's language.
            "--lang=id",
            "--accept-lang=id-ID,id",
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
    let posko = store_dki("sqlite", &data, dir.path()).await;
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

/// Phone width, as the saksi and relawan use it.
const LAYAR_PONSEL: &[&str] = &["--window-size=360,800"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saksi_sends_a_form_with_a_photo_and_the_results_page_moves_by_itself() {
    let Some(bin) = chromium() else { return };
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki("sqlite", &data, dir.path()).await;
    let p = posko
        .simpan_pemilihan(
            &Aktor::system(),
            posko_app::NewPemilihan {
                jenis: posko_domain::JenisPemilihan::Gubernur,
                wilayah: posko_domain::KodeWilayah::parse("31").unwrap(),
                nama: None,
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap();
    for (n, a, b) in [
        (1, "Calon Satu", "Wakil Satu"),
        (2, "Calon Dua", "Wakil Dua"),
    ] {
        posko
            .simpan_paslon(
                &Aktor::system(),
                p.id,
                posko_app::NewPaslon {
                    nomor_urut: posko_domain::NomorUrut::new(n).unwrap(),
                    calon_kepala: posko_domain::NamaCalon::parse_field(a, "calon").unwrap(),
                    calon_wakil: posko_domain::NamaCalon::parse_field(b, "wakil").unwrap(),
                },
            )
            .await
            .unwrap();
    }
    let s = serve(posko, dir).await;
    let tps = "3171011001001";
    let saksi = posko_domain::Penugasan::new(
        posko_domain::Peran::Saksi,
        posko_domain::Cakupan::parse(tps).unwrap(),
    )
    .unwrap();
    common::sign_in(&s.posko, "saksi.gambir", vec![saksi]).await;
    let work = tempfile::tempdir().unwrap();
    let photo = work.path().join("c-hasil.jpg");
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    jpeg.extend_from_slice(&[42; 4096]);
    std::fs::write(&photo, &jpeg).unwrap();

    let mut b = Cdp::start(&bin, &work.path().join("profile"), LAYAR_PONSEL).await;
    let code = s
        .posko
        .issue_login_code(&Aktor::system(), "saksi.gambir")
        .await
        .unwrap();
    b.goto(&s.url(&format!(
        "/masuk/kode/{code}?lanjut=/pemilihan/{}/tps/{tps}/kirim",
        p.id
    )))
    .await;
    b.wait_text("C.Hasil TPS 31.71.01.1001-001", 10).await;
    // Typing a total that does not add up is marked before sending.
    b.eval(
        r#"(() => {
            const f = document.querySelector('form[data-antrean]');
            const set = (n, v) => { f.elements[n].value = v; f.elements[n].dispatchEvent(new Event('input', {bubbles: true})); };
            set('suara_paslon.0', '120'); set('suara_paslon.1', '98');
            set('suara_sah', '210'); set('suara_tidak_sah', '4'); set('suara_total', '214');
            return true; })()"#,
    )
    .await;
    let marked = b
        .eval(
            "document.querySelector('input[name=\"suara_sah\"]').classList.contains('tidak-cocok')",
        )
        .await;
    assert_eq!(
        marked,
        serde_json::json!(true),
        "V.A marked as the saksi types"
    );
    let doc = b.call("DOM.getDocument", serde_json::json!({})).await;
    let node = b
        .call(
            "DOM.querySelector",
            serde_json::json!({"nodeId": doc["root"]["nodeId"], "selector": "input[type=file]"}),
        )
        .await["nodeId"]
        .clone();
    b.call(
        "DOM.setFileInputFiles",
        serde_json::json!({"nodeId": node, "files": [photo.display().to_string()]}),
    )
    .await;
    b.eval("document.querySelector('form[data-antrean] button[type=submit]').click()")
        .await;
    let text = b.wait_text("terkirim", 15).await;
    assert!(text.contains("revisi 1 dengan 1 foto"), "{text}");
    assert!(text.contains("tidak sama dengan suara sah"), "{text}");
    let k = s
        .posko
        .riwayat_hasil(p.id, posko_domain::KodeTps::parse(tps).unwrap())
        .await
        .unwrap();
    assert_eq!(k.len(), 1);
    assert_eq!(
        s.posko.foto(&k[0].foto[0]).await.unwrap().unwrap().0,
        jpeg,
        "the photo, byte for byte"
    );

    // No signal: the correction waits on the phone and goes when the
    // network returns, once.
    b.goto(&s.url(&format!("/pemilihan/{}/tps/{tps}/kirim", p.id)))
        .await;
    b.wait_text("sudah punya kiriman", 10).await;
    b.tanpa_sinyal(true).await;
    b.eval(
        r#"(() => {
            const f = document.querySelector('form[data-antrean]');
            f.elements['suara_paslon.0'].value = '120'; f.elements['suara_paslon.1'].value = '98';
            f.elements['suara_sah'].value = '218'; f.elements['suara_tidak_sah'].value = '4';
            f.elements['suara_total'].value = '222'; f.elements['alasan'].value = 'salah salin V.A';
            f.querySelector('button[type=submit]').click(); return true; })()"#,
    )
    .await;
    b.wait_text("Belum ada sinyal", 10).await;
    assert_eq!(
        s.posko
            .riwayat_hasil(p.id, posko_domain::KodeTps::parse(tps).unwrap())
            .await
            .unwrap()
            .len(),
        1,
        "nothing arrived while offline"
    );
    b.tanpa_sinyal(false).await;
    let text = b.wait_text("terkirim", 15).await;
    assert!(text.contains("revisi 2"), "{text}");
    assert_eq!(
        s.posko
            .riwayat_hasil(p.id, posko_domain::KodeTps::parse(tps).unwrap())
            .await
            .unwrap()
            .len(),
        2
    );

    // The manager's results page updates without a reload.
    let code = s
        .posko
        .issue_login_code(&Aktor::system(), "uji.manajer")
        .await
        .unwrap();
    let mut m = Cdp::start(&bin, &work.path().join("profile2"), LAYAR_PONSEL).await;
    m.goto(&s.url(&format!(
        "/masuk/kode/{code}?lanjut=/pemilihan/{}/hasil/31.71.01",
        p.id
    )))
    .await;
    m.wait_text("1 / 117", 10).await;
    let r = s
        .client()
        .post(s.url(&format!("/api/v1/pemilihan/{}/tps/3171011001002/hasil", p.id)))
        .json(&serde_json::json!({"kunci_klien": "live-0001", "formulir": {"suara_paslon": [50, 60]}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    m.wait_text("2 / 117", 10).await;
}

/// A relawan on the doorstep without signal: the visit is kept on the
/// phone, the page says so, and it reaches the server once, when the
/// network returns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relawan_logs_a_visit_offline_and_it_syncs_once_online() {
    use posko_domain::{Cakupan, JenisKelamin, KodeTps, KodeWilayah, Pemilih, Penugasan, Peran};
    let Some(bin) = chromium() else { return };
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki("sqlite", &data, dir.path()).await;
    let tps = "3171011001001";
    let kode = KodeTps::parse(tps).unwrap();
    let mut muat = posko.store().muat_pemilih().await.unwrap();
    muat.tambah(
        [(1, "AHMAD FAUZI"), (2, "SITI AMINAH")]
            .into_iter()
            .map(|(urut, nama)| Pemilih {
                tps: kode,
                urut,
                nama: nama.into(),
                jenis_kelamin: JenisKelamin::Perempuan,
                tanggal_lahir: None,
                usia: Some(44),
                alamat: Some("JL. KENARI 10".into()),
                rt: Some(1),
                rw: Some(1),
                nik_tersamar: None,
            })
            .collect(),
    )
    .await
    .unwrap();
    muat.selesai(&posko_domain::Jejak::new(
        "uji",
        "import.dpt",
        "berkas",
        "uji",
        "uji",
        b"",
    ))
    .await
    .unwrap();
    let s = serve(posko, dir).await;
    let desa = KodeWilayah::parse("31.71.01.1001").unwrap();
    common::sign_in(
        &s.posko,
        "rina.relawan",
        vec![Penugasan::new(Peran::Relawan, Cakupan::Wilayah(desa)).unwrap()],
    )
    .await;
    let login = |u: &'static str| {
        let store = s.posko.store().clone();
        async move { store.cari_login(u).await.unwrap().unwrap().0 }
    };
    let (manajer, rina) = (login("uji.manajer").await, login("rina.relawan").await);
    s.posko
        .tambah_relawan(&manajer, "Rina", Cakupan::Wilayah(desa), Some(rina.id))
        .await
        .unwrap();

    let work = tempfile::tempdir().unwrap();
    let mut b = Cdp::start(&bin, &work.path().join("profile"), LAYAR_PONSEL).await;
    let code = s
        .posko
        .issue_login_code(&Aktor::system(), "rina.relawan")
        .await
        .unwrap();
    b.goto(&s.url(&format!("/masuk/kode/{code}?lanjut=/jalan/{tps}")))
        .await;
    b.wait_text("JL. KENARI 10", 10).await;
    b.tanpa_sinyal(true).await;
    b.eval(
        r#"(() => {
            const f = document.querySelector('form[data-kunjungan]');
            f.closest('details').open = true;
            f.querySelector('input[name=urut][value="2"]').checked = true;
            f.querySelector('input[name=hasil][value=bertemu]').checked = true;
            f.elements['dukungan'].value = 'kuat';
            f.elements['jawaban.isu'].value = 'ekonomi';
            f.querySelector('button[type=submit]').click(); return true; })()"#,
    )
    .await;
    b.wait_text("menunggu sinyal", 10).await;
    assert!(
        s.posko
            .store()
            .daftar_kunjungan_tps(kode)
            .await
            .unwrap()
            .is_empty(),
        "nothing arrived while offline"
    );
    b.tanpa_sinyal(false).await;
    let until = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let queue = b.eval("localStorage.getItem('posko-kunjungan')").await;
        if queue == serde_json::json!("[]") {
            break;
        }
        assert!(
            std::time::Instant::now() < until,
            "queue never emptied: {queue}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let stored = s.posko.store().daftar_kunjungan_tps(kode).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].urut, 2);
    assert_eq!(
        stored[0].dukungan,
        Some(posko_domain::TingkatDukungan::Kuat)
    );
    // A reload syncs again (an empty queue): still one visit, now shown.
    b.goto(&s.url(&format!("/jalan/{tps}"))).await;
    b.wait_text("sudah dikunjungi", 10).await;
    assert_eq!(
        s.posko
            .store()
            .daftar_kunjungan_tps(kode)
            .await
            .unwrap()
            .len(),
        1
    );
}
