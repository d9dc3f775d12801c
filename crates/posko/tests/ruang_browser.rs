//! The war room in a real headless Chromium: one shape per region with
//! the right fill for known results, a tap shows a region's figures, a
//! click drills down to a kecamatan and on to its desa, and a screenshot
//! on a 1920 px TV shows the map (not a blank page).

use crate::cdp;
use crate::common;

use std::path::Path;

use base64::Engine as _;
use cdp::Cdp;
use common::{pemilihan_gubernur, serve, shared_data, store_dki};
use posko_app::{Aktor, ImportRequest, IsianHasil, NewPengguna, Posko};
use posko_domain::peta::{TANPA_DATA, warna_paslon, warna_unggul};
use posko_domain::{Cakupan, FormulirHasil, KodeWilayah, Penugasan, Peran};

fn chromium() -> Option<&'static Path> {
    let p = Path::new("/usr/bin/chromium");
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run browser tests: install Debian's chromium"
    );
    eprintln!("SKIPPED war-room browser test: chromium not found");
    None
}

async fn kirim(posko: &Posko, id: uuid::Uuid, wilayah: &str, p1: u32, p2: u32) {
    let tps = posko
        .store()
        .daftar_tps_di(KodeWilayah::parse(wilayah).unwrap(), None, 1)
        .await
        .unwrap()
        .pop()
        .unwrap()
        .kode;
    let (pengirim, _) = posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: format!("pengirim.{}", tps.undotted()),
                nama: "Uji pengirim".into(),
                password: None,
                penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
                telepon: None,
            },
        )
        .await
        .unwrap();
    posko
        .kirim_hasil(
            &pengirim,
            IsianHasil {
                pemilihan_id: id,
                tps,
                kunci_klien: format!("uji-ruang-{}", tps.undotted()),
                formulir: FormulirHasil {
                    suara_paslon: vec![Some(p1), Some(p2)],
                    suara_sah: Some(p1 + p2),
                    suara_tidak_sah: Some(0),
                    suara_total: Some(p1 + p2),
                    ..Default::default()
                },
                alasan: None,
                foto: Vec::new(),
                sumber: "uji",
            },
        )
        .await
        .unwrap();
}

/// Client coordinates of a point where shape `kode` is what a click hits
/// (scrolled into view).
const TITIK_DALAM: &str = r#"(function(kode){
  var p = document.getElementById('w-' + kode);
  if (!p) return null;
  p.scrollIntoView({block: 'center'});
  var b = p.getBoundingClientRect();
  for (var i = 1; i < 20; i++) for (var j = 1; j < 20; j++) {
    var x = b.left + b.width * i / 20, y = b.top + b.height * j / 20;
    if (document.elementFromPoint(x, y) === p) return [x, y];
  }
  return null;
})"#;

async fn klik(c: &mut Cdp, kode: &str) {
    c.eval("window.__klik = ''; document.addEventListener('click', function (e) { window.__klik += (e.target.id || e.target.tagName) + ':' + e.pointerType + ';'; }, true)").await;
    let xy = c.eval(&format!("{TITIK_DALAM}('{kode}')")).await;
    let el = c
        .eval(&format!("(function(){{var e=document.elementFromPoint({}, {}); return e ? (e.id || e.tagName) : null}})()", xy[0], xy[1]))
        .await;
    assert_eq!(el, format!("w-{kode}"), "what is under {xy}");
    let (x, y) = (xy[0].as_f64().unwrap(), xy[1].as_f64().unwrap());
    for jenis in ["mousePressed", "mouseReleased"] {
        c.call(
            "Input.dispatchMouseEvent",
            serde_json::json!({"type": jenis, "x": x, "y": y, "button": "left", "clickCount": 1}),
        )
        .await;
    }
}

async fn tunggu_alamat(c: &mut Cdp, akhir: &str) {
    // Up to 30 s: a loaded CI machine renders a province map slowly.
    for _ in 0..300 {
        // The page navigates meanwhile: a script it cuts short is asked again.
        let href = c.try_eval("location.pathname").await.unwrap_or_default();
        if href.as_str().unwrap_or_default().ends_with(akhir)
            && c.try_eval("document.readyState").await == Some("complete".into())
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let klik = c.eval("window.__klik + ' at ' + location.href").await;
    panic!("never reached {akhir}: {klik}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn war_room_map_in_chromium() {
    let Some(bin) = chromium() else { return };
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki("sqlite", &data, dir.path()).await;
    for f in [
        "kabkota.geojson",
        "kecamatan.geojson",
        "desa_31_dki_jakarta.geojson",
    ] {
        let r = posko
            .import_batas(
                &Aktor::system(),
                &data.join("batas").join(f),
                ImportRequest::default(),
            )
            .await
            .unwrap();
        assert!(r.applied, "{f}");
    }
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    kirim(&posko, id, "31.71", 125, 25).await;
    kirim(&posko, id, "31.72", 70, 80).await;
    let s = serve(posko, dir).await;
    let url = s.url(&format!(
        "/masuk/kode/{}?lanjut=/pemilihan/{id}/ruang/31?layar=besar",
        s.posko
            .issue_login_code(&Aktor::system(), "uji.manajer")
            .await
            .unwrap()
    ));
    let work = tempfile::tempdir().unwrap();
    let mut c = Cdp::start(bin, &work.path().join("profil"), &[]).await;
    c.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": false}),
    )
    .await;
    c.goto(&url).await;
    c.wait_text("unggul di hitung riil", 20).await;

    // One shape per kab/kota, each with the fill its figures call for.
    let n = c
        .eval("document.querySelectorAll('#peta path[id^=\"w-\"]').length")
        .await;
    assert_eq!(n, 6);
    let isi = async |c: &mut Cdp, kode: &str| {
        c.eval(&format!(
            "document.getElementById('w-{kode}').getAttribute('fill')"
        ))
        .await
        .as_str()
        .unwrap()
        .to_string()
    };
    assert_eq!(isi(&mut c, "31.71").await, warna_paslon(1).to_string());
    assert_eq!(
        isi(&mut c, "31.72").await,
        warna_unggul(2, 10.0 / 150.0).to_string()
    );
    assert_eq!(isi(&mut c, "31.74").await, TANPA_DATA.to_string());

    // A tap (no mouse) shows the region's figures without leaving.
    let rincian = c
        .eval(
            "(function(){var p=document.getElementById('w-31.71');\
             p.dispatchEvent(new MouseEvent('click',{bubbles:true,cancelable:true}));\
             return document.getElementById('peta-rincian').textContent + '|' + location.pathname;})()",
        )
        .await;
    let rincian = rincian.as_str().unwrap();
    assert!(rincian.contains("01 unggul 83,3 %"), "{rincian}");
    assert!(rincian.ends_with("/ruang/31"), "{rincian}");

    // The screenshot of the TV: the map is drawn in the leader's colours.
    c.eval("document.getElementById('peta').scrollIntoView({block:'center'})")
        .await;
    let png = c
        .call(
            "Page.captureScreenshot",
            serde_json::json!({"format": "png"}),
        )
        .await;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(png["data"].as_str().unwrap())
        .unwrap();
    let keep = std::env::temp_dir().join("posko-ruang-1920.png");
    std::fs::write(&keep, &bytes).unwrap();
    eprintln!("screenshot: {}", keep.display());
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1920, 1080));
    let bpp = info.line_size / info.width as usize;
    let mut warna = std::collections::HashSet::new();
    let mut oranye = 0;
    for y in 0..info.height as usize {
        for x in 0..info.width as usize {
            let i = y * info.line_size + x * bpp;
            let px = (buf[i], buf[i + 1], buf[i + 2]);
            warna.insert(px);
            if px == (0xe6, 0x9f, 0x00) {
                oranye += 1;
            }
        }
    }
    assert!(warna.len() > 50, "a blank page: {} colours", warna.len());
    assert!(oranye > 500, "the leader's orange: {oranye} pixels");

    // A mouse click drills down to the kota's kecamatan, then into one.
    klik(&mut c, "31.71").await;
    tunggu_alamat(&mut c, "/ruang/31.71").await;
    let n = c
        .eval("document.querySelectorAll('#peta path[id^=\"w-31.71.\"]').length")
        .await;
    assert_eq!(n, 8, "Jakarta Pusat's kecamatan");
    klik(&mut c, "31.71.01").await;
    tunggu_alamat(&mut c, "/ruang/31.71.01").await;
    let n = c
        .eval("document.querySelectorAll('#peta path[id^=\"w-31.71.01.\"]').length")
        .await
        .as_u64()
        .unwrap();
    assert!(n >= 4, "Gambir's kelurahan: {n}");
    let text = c.wait_text("Gambir", 5).await;
    assert!(text.contains("TPS masuk"), "{text}");
}

/// TV mode at 1920 × 1080: one screen with nothing to scroll, no filter
/// buttons or touch hint, a running clock and "diperbarui"; on a 360 px
/// phone the legend reads at 12 px or more, Kepulauan Seribu can be
/// tapped, and the results bars are on a 0–100 % scale in the paslon's
/// colour.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tv_mode_fits_one_screen_and_the_map_reads_on_a_phone() {
    let Some(bin) = chromium() else { return };
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki("sqlite", &data, dir.path()).await;
    for f in ["kabkota.geojson", "kecamatan.geojson"] {
        let r = posko
            .import_batas(
                &Aktor::system(),
                &data.join("batas").join(f),
                ImportRequest::default(),
            )
            .await
            .unwrap();
        assert!(r.applied, "{f}");
    }
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    kirim(&posko, id, "31.71", 125, 25).await;
    kirim(&posko, id, "31.72", 70, 80).await;
    kirim(&posko, id, "31.01", 40, 38).await;
    let s = serve(posko, dir).await;
    let kode = s
        .posko
        .issue_login_code(&Aktor::system(), "uji.manajer")
        .await
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut c = Cdp::start(bin, &work.path().join("profil"), &[]).await;
    c.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": false}),
    )
    .await;
    c.goto(&s.url(&format!(
        "/masuk/kode/{kode}?lanjut=/pemilihan/{id}/ruang/31?layar=besar"
    )))
    .await;
    c.wait_text("unggul di hitung riil", 20).await;
    let ukuran = c
        .eval(
            "JSON.stringify([document.documentElement.scrollWidth, document.documentElement.scrollHeight, \
             innerWidth, innerHeight, document.querySelectorAll('.peta-pilihan').length, \
             document.getElementById('peta-rincian').textContent.trim(), \
             document.getElementById('jam') ? document.getElementById('jam').textContent : '', \
             document.body.innerText.indexOf('diperbarui') >= 0])",
        )
        .await;
    let v: serde_json::Value = serde_json::from_str(ukuran.as_str().unwrap()).unwrap();
    eprintln!("TV mode: {v}");
    assert!(v[0].as_u64() <= v[2].as_u64(), "no sideways scroll: {v}");
    assert!(
        v[1].as_u64() <= v[3].as_u64(),
        "no scrolling at 1920 × 1080: {v}"
    );
    assert_eq!(v[4], 0, "no filter buttons: {v}");
    assert_eq!(v[5], "", "no touch hint: {v}");
    let jam = v[6].as_str().unwrap();
    assert!(
        jam.len() >= 5 && jam.as_bytes()[2] == b'.',
        "a clock: {jam}"
    );
    assert_eq!(v[7], true, "diperbarui: {v}");
    // The clock runs (hours.minutes.seconds once the script ticks).
    let mut jam = String::new();
    for _ in 0..40 {
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        jam = c
            .eval("document.getElementById('jam').textContent")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string();
        if jam.len() == 8 {
            break;
        }
    }
    assert!(
        jam.len() == 8 && jam.as_bytes()[5] == b'.',
        "a running clock: {jam}"
    );
    let png = c
        .call(
            "Page.captureScreenshot",
            serde_json::json!({"format": "png"}),
        )
        .await;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(png["data"].as_str().unwrap())
        .unwrap();
    let keep = std::env::temp_dir().join("posko-ruang-tv.png");
    std::fs::write(&keep, &bytes).unwrap();
    eprintln!("screenshot: {}", keep.display());

    // A phone: the legend's text is readable, the islands can be tapped.
    c.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 360, "height": 800, "deviceScaleFactor": 2, "mobile": true}),
    )
    .await;
    c.goto(&s.url(&format!("/pemilihan/{id}/ruang/31"))).await;
    c.wait_text("unggul di hitung riil", 20).await;
    let hp = c
        .eval(
            "(function(){var li=document.querySelectorAll('.legenda-peta li');\
             var min=99;for(var i=0;i<li.length;i++){min=Math.min(min,parseFloat(getComputedStyle(li[i]).fontSize));}\
             var r=document.querySelector('#peta rect.sentuh');var b=r?r.getBoundingClientRect():{width:0,height:0};\
             return JSON.stringify([li.length,min,b.width,b.height,document.documentElement.scrollWidth,\
             document.body.innerText.indexOf('diperbarui')>=0,document.querySelectorAll('.peta-pilihan a[aria-current]').length]);})()",
        )
        .await;
    let v: serde_json::Value = serde_json::from_str(hp.as_str().unwrap()).unwrap();
    eprintln!("phone: {v}");
    assert!(v[0].as_u64().unwrap() >= 5, "a legend: {v}");
    assert!(
        v[1].as_f64().unwrap() >= 12.0,
        "legend text at 12 px or more: {v}"
    );
    assert!(
        v[2].as_f64().unwrap() >= 40.0 && v[3].as_f64().unwrap() >= 40.0,
        "Kepulauan Seribu's tap box: {v}"
    );
    assert!(v[4].as_u64().unwrap() <= 360, "{v}");
    assert_eq!(v[5], true, "diperbarui outside TV mode: {v}");
    assert!(
        v[6].as_u64().unwrap() >= 1,
        "the chosen colouring is marked: {v}"
    );
    // A tap on the island box shows Kepulauan Seribu's figures.
    let teks = c
        .eval(
            "(function(){var r=document.querySelector('#peta rect.sentuh');\
             r.dispatchEvent(new MouseEvent('click',{bubbles:true,cancelable:true}));\
             return document.getElementById('peta-rincian').textContent;})()",
        )
        .await;
    assert!(
        teks.as_str().unwrap().contains("Kepulauan Seribu"),
        "{teks}"
    );
}
