//! Files people bring, used as weapons, against the real server on both
//! backends and the real binary: a koordinator's saksi upload, a manager's
//! DPT upload and every `posko import` given hostile spreadsheets, a
//! 100 MB CSV line, an oversized GeoJSON feature; a C.Hasil photo that
//! declares 11000×11000 px; a DPT upload whose file comes before its CSRF
//! token; a name search of hundreds of words. Each is refused with a clear
//! 4xx (or exit 1 with `file: reason`), nothing is stored, the server keeps
//! answering, and the CLI's memory stays small.
//!
//! The hostile files are made by `crates/import/tests/korpus`, the same
//! builders the import crate's own tests use.

use crate::cli_harness;
use crate::common;
#[path = "../../import/tests/korpus/mod.rs"]
pub(crate) mod korpus;

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{nilai_input, serve, store};
use posko_app::{Aktor, FotoLokal, ImportRequest, IsianHasil, Posko};
use posko_domain::{Cakupan, FormulirHasil, KodeTps, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const TPS1: &str = "3273011001001";

/// Jawa Barat › Kota Bandung › Sukasari › Gegerkalong, TPS 1 and 2.
async fn seeded(posko: &Posko, dir: &Path) {
    let w = dir.join("wilayah.csv");
    std::fs::write(
        &w,
        "kode,nama\n32,Jawa Barat\n32.73,Kota Bandung\n32.73.01,Sukasari\n32.73.01.1001,Gegerkalong\n",
    )
    .unwrap();
    let r = posko
        .import_wilayah(&Aktor::system(), &w, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let t = dir.join("tps.csv");
    std::fs::write(&t, "kode_desa,tps_no\n32.73.01.1001,1\n32.73.01.1001,2\n").unwrap();
    let r = posko
        .import_tps(&Aktor::system(), &t, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
}

/// A page's text as a reader sees it: tags dropped, the few entities
/// askama writes undone.
fn teks(html: &str) -> String {
    let mut t = String::with_capacity(html.len());
    let mut dalam = false;
    for c in html.chars() {
        match c {
            '<' => dalam = true,
            '>' if dalam => {
                dalam = false;
                t.push(' ');
            }
            _ if !dalam => t.push(c),
            _ => {}
        }
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

async fn masih_hidup(s: &common::TestServer, backend: &str) {
    let r = common::client()
        .get(s.url("/healthz"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{backend}: server gone: {e}"));
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
}

/// The spreadsheet bombs small enough for any upload, with a part of the
/// reason each must be refused with.
fn bom_lembar() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        ("saksi.xlsx", korpus::bom_dimensi(true), "A1:XFD1048576"),
        (
            "tanpa-ref.xlsx",
            korpus::bom_dimensi(false),
            "sel XFD1048576",
        ),
        ("zip.xlsx", korpus::bom_zip(64), "dimampatkan"),
        ("sst.xlsx", korpus::bom_teks_bersama(), "teks berbeda"),
        ("kolom.ods", korpus::ods_bom_kolom(), "kolom ke-16.384"),
        (
            "spasi.ods",
            korpus::ods_bom_spasi(),
            "lebih dari 1 MiB teks",
        ),
        ("luas.xls", korpus::xls_bom_dimensi(), "16.777.216 sel"),
        (
            "dimensi.xls",
            korpus::xls_bom_dimensi_bohong(),
            "sel dari sel pertama sampai terakhir",
        ),
    ]
}

per_backend!(koordinator_mengunggah_bom_ke_impor_saksi_ditolak_dan_server_tetap_hidup);
async fn koordinator_mengunggah_bom_ke_impor_saksi_ditolak_dan_server_tetap_hidup(
    backend: &'static str,
) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    seeded(&posko, dir.path()).await;
    let s = serve(posko, dir).await;
    let koord = Penugasan::new(Peran::Koordinator, Cakupan::parse("32.73.01").unwrap()).unwrap();
    let c = s.client_as("koord.sukasari", vec![koord]).await;
    let html = c
        .get(s.url("/pengguna"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = nilai_input(&html, "csrf");
    let akun = s.posko.store().daftar_pengguna().await.unwrap().len();
    for (nama, isi, alasan) in bom_lembar() {
        let mulai = Instant::now();
        let form = Form::new()
            .text("csrf", token.clone())
            .part("berkas", Part::bytes(isi).file_name(nama));
        let r = c
            .post(s.url("/pengguna/impor-saksi"))
            .multipart(form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{backend} {nama}: no answer: {e}"));
        let status = r.status();
        let body = teks(&r.text().await.unwrap());
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend} {nama}: {body}"
        );
        assert!(
            body.contains(nama) && body.contains(alasan),
            "{backend} {nama}: expected '{alasan}' in: {body}"
        );
        assert!(
            mulai.elapsed() < Duration::from_secs(30),
            "{backend} {nama}"
        );
        masih_hidup(&s, backend).await;
    }
    assert_eq!(
        s.posko.store().daftar_pengguna().await.unwrap().len(),
        akun,
        "{backend}: no account was created"
    );
}

/// Uploads `isi` to `/impor/dpt` as a browser would (token first) and
/// returns the job page's final status and text.
async fn impor_dpt(
    s: &common::TestServer,
    c: &reqwest::Client,
    nama: &str,
    isi: Vec<u8>,
) -> (StatusCode, String) {
    let form = c
        .get(s.url("/impor/dpt"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let parts = Form::new()
        .text("csrf", nilai_input(&form, "csrf"))
        .part("berkas", Part::bytes(isi).file_name(nama.to_string()));
    let r = c
        .post(s.url("/impor/dpt"))
        .header("origin", s.url(""))
        .multipart(parts)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{nama}");
    let job = r.headers()["location"].to_str().unwrap().to_string();
    let batas = Instant::now() + Duration::from_secs(120);
    loop {
        let r = c.get(s.url(&job)).send().await.unwrap();
        let status = r.status();
        let body = teks(&r.text().await.unwrap());
        // A finished job that applied nothing answers 422.
        if status != StatusCode::OK {
            return (status, body);
        }
        assert!(Instant::now() < batas, "{nama}: job never finished: {body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn csv_baris_raksasa(dir: &Path) -> Vec<u8> {
    let p = dir.join("baris.csv");
    korpus::csv_baris_raksasa(&p, 100);
    std::fs::read(&p).unwrap()
}

per_backend!(manajer_mengunggah_bom_ke_impor_dpt_ditolak_dengan_alasannya);
async fn manajer_mengunggah_bom_ke_impor_dpt_ditolak_dengan_alasannya(backend: &'static str) {
    let csv = csv_baris_raksasa(tempfile::tempdir().unwrap().path());
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    seeded(&posko, dir.path()).await;
    let s = serve(posko, dir).await;
    let c = s.client();
    for (nama, isi, alasan) in [
        ("dpt.xlsx", korpus::bom_dimensi(true), "A1:XFD1048576"),
        ("sel.xlsx", korpus::bom_dimensi(false), "sel XFD1048576"),
        ("zip.xlsx", korpus::bom_zip(64), "dimampatkan"),
        ("kolom.ods", korpus::ods_bom_kolom(), "kolom ke-16.384"),
        ("luas.xls", korpus::xls_bom_dimensi(), "16.777.216 sel"),
        (
            "baris.csv",
            csv.clone(),
            "baris.csv:2: baris lebih panjang dari 1 MiB",
        ),
    ] {
        let (status, body) = impor_dpt(&s, &c, nama, isi).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend} {nama}: {body}"
        );
        assert!(
            body.contains("tidak ada yang diimpor") && body.contains(alasan),
            "{backend} {nama}: expected '{alasan}' in: {body}"
        );
        masih_hidup(&s, backend).await;
    }
    let pemilih = s
        .posko
        .store()
        .hitung_pemilih_per_tps(KodeWilayah::parse("32").unwrap())
        .await
        .unwrap();
    assert!(pemilih.is_empty(), "{backend}: {pemilih:?}");
}

/// Every file and folder under `dir`.
fn isi_folder(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if !dir.exists() {
        return out;
    }
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        out.push(e.path().display().to_string());
        if e.file_type().unwrap().is_dir() {
            out.extend(isi_folder(&e.path()));
        }
    }
    out
}

per_backend!(unggahan_dpt_tanpa_token_lebih_dulu_tidak_menulis_apa_pun);
async fn unggahan_dpt_tanpa_token_lebih_dulu_tidak_menulis_apa_pun(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let unggahan = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path())
        .await
        .with_folder_unggahan(unggahan.path());
    seeded(&posko, dir.path()).await;
    let s = serve(posko, dir).await;
    // A browser's upload: the cookie, the token only where the form
    // puts it (the harness's other clients also send it as a header).
    let c = common::client_tanpa_csrf(&s.cookie);
    let form = c
        .get(s.url("/impor/dpt"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = nilai_input(&form, "csrf");
    let dpt = || {
        Part::bytes(b"KODE DESA,TPS,NAMA,JK\n32.73.01.1001,1,SITI,P\n".to_vec())
            .file_name("dpt.csv")
    };
    // The file before the token (a valid one): refused unread.
    let r = c
        .post(s.url("/impor/dpt"))
        .header("origin", s.url(""))
        .multipart(
            Form::new()
                .part("berkas", dpt())
                .text("csrf", token.clone()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert!(
        teks(&r.text().await.unwrap()).contains("sebelum berkasnya"),
        "{backend}"
    );
    assert_eq!(
        isi_folder(unggahan.path()),
        Vec::<String>::new(),
        "{backend}"
    );
    // No token at all.
    let r = c
        .post(s.url("/impor/dpt"))
        .multipart(Form::new().part("berkas", dpt()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert_eq!(
        isi_folder(unggahan.path()),
        Vec::<String>::new(),
        "{backend}"
    );
    // Cross-site, with a token in the form: refused before the body.
    let r = c
        .post(s.url("/impor/dpt"))
        .header("origin", "https://jahat.example")
        .multipart(
            Form::new()
                .text("csrf", token.clone())
                .part("berkas", dpt()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert_eq!(
        isi_folder(unggahan.path()),
        Vec::<String>::new(),
        "{backend}"
    );
    // A koordinator may not import a DPT: 403 before the body is read.
    let koord = Penugasan::new(Peran::Koordinator, Cakupan::parse("32.73.01").unwrap()).unwrap();
    let k = s.client_as("koord.sukasari", vec![koord]).await;
    let r = k
        .post(s.url("/impor/dpt"))
        .header("x-csrf-token", token.clone())
        .multipart(Form::new().part("berkas", dpt()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    assert_eq!(
        isi_folder(unggahan.path()),
        Vec::<String>::new(),
        "{backend}"
    );
    // The token in a header, for scripts: accepted and imported.
    let r = c
        .post(s.url("/impor/dpt"))
        .header("x-csrf-token", token.clone())
        .multipart(Form::new().part("berkas", dpt()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let batas = Instant::now() + Duration::from_secs(60);
    let desa = KodeWilayah::parse("32.73.01.1001").unwrap();
    while s
        .posko
        .store()
        .hitung_pemilih_per_tps(desa)
        .await
        .unwrap()
        .is_empty()
    {
        assert!(
            Instant::now() < batas,
            "{backend}: the DPT was not imported"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A real JPEG whose header says it is `lebar`×`tinggi` px.
fn jpeg_raksasa(lebar: u16, tinggi: u16) -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8, y as u8, 128]));
    let mut kecil = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut kecil, 90)
        .encode_image(&img)
        .unwrap();
    korpus::jpeg_dengan_ukuran(kecil, lebar, tinggi)
}

per_backend!(foto_11000_piksel_ditolak_saat_diunggah_dan_tidak_didekode_untuk_pratinjau);
async fn foto_11000_piksel_ditolak_saat_diunggah_dan_tidak_didekode_untuk_pratinjau(
    backend: &'static str,
) {
    let dir = tempfile::tempdir().unwrap();
    let folder_foto = dir.path().join("foto");
    let posko = store(backend, dir.path())
        .await
        .with_foto(std::sync::Arc::new(FotoLokal::new(&folder_foto)));
    seeded(&posko, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "32", 2).await;
    let s = serve(posko, dir).await;
    let c = s
        .user("saksi.satu", Peran::Saksi, Cakupan::parse(TPS1).unwrap())
        .await;
    let url = s.url(&format!("/pemilihan/{id}/tps/{TPS1}/kirim"));
    let html = c.get(&url).send().await.unwrap().text().await.unwrap();
    let csrf = nilai_input(&html, "csrf");
    let tps = KodeTps::parse(TPS1).unwrap();
    for (nama, foto) in [
        ("c-hasil.jpg", jpeg_raksasa(11_000, 11_000)),
        ("c-hasil.png", korpus::png_raksasa(11_000, 11_000)),
    ] {
        // As a form's photo.
        let form = Form::new()
            .text("csrf", csrf.clone())
            .text("kunci_klien", "k-raksasa-01")
            .text("suara_paslon.0", "10")
            .text("suara_paslon.1", "12")
            .part("foto", Part::bytes(foto.clone()).file_name(nama));
        let r = c.post(&url).multipart(form).send().await.unwrap();
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend} {nama}"
        );
        let body = teks(&r.text().await.unwrap());
        assert!(
            body.contains("11.000 × 11.000 piksel"),
            "{backend} {nama}: {body}"
        );
        // Through the API, as an app would.
        let r = c
            .post(s.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS1}/foto")))
            .body(foto)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend} {nama}"
        );
        masih_hidup(&s, backend).await;
    }
    assert!(
        s.posko.riwayat_hasil(id, tps).await.unwrap().is_empty(),
        "{backend}"
    );
    let tersimpan: Vec<_> = isi_folder(&folder_foto)
        .into_iter()
        .filter(|p| p.ends_with(".foto"))
        .collect();
    assert!(tersimpan.is_empty(), "{backend}: {tersimpan:?}");

    // A photo stored before this rule (written straight to the folder):
    // its preview is refused by its header, never decoded.
    let raksasa = jpeg_raksasa(11_000, 11_000);
    let hash = posko_domain::audit::sha256_hex(&raksasa);
    let tempat = folder_foto.join(&hash[..2]);
    std::fs::create_dir_all(&tempat).unwrap();
    std::fs::write(tempat.join(format!("{hash}.foto")), &raksasa).unwrap();
    let (pengirim, _) = s
        .posko
        .store()
        .cari_login("saksi.satu")
        .await
        .unwrap()
        .unwrap();
    // Recorded as that saksi's upload, as it would have been then.
    s.posko
        .store()
        .catat_unggah_foto(
            &hash,
            pengirim.id,
            0,
            &posko_domain::Jejak::new("uji", "foto.unggah", "foto", &hash, "uji", b""),
        )
        .await
        .unwrap();
    s.posko
        .kirim_hasil(
            &pengirim,
            IsianHasil {
                pemilihan_id: id,
                tps,
                kunci_klien: "k-lama-0001".into(),
                formulir: FormulirHasil {
                    suara_paslon: vec![Some(10), Some(12)],
                    ..FormulirHasil::default()
                },
                alasan: None,
                foto: vec![hash.clone()],
                sumber: "uji",
            },
        )
        .await
        .unwrap();
    let m = s.client();
    let foto = s.url(&format!("/pemilihan/{id}/tps/{TPS1}/foto/{hash}"));
    let r = m
        .get(format!("{foto}?ukuran=pratinjau"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let body = teks(&r.text().await.unwrap());
    assert!(
        body.contains("tidak dibuatkan pratinjau") && body.contains("11.000 × 11.000"),
        "{backend}: {body}"
    );
    // The original, as evidence, is still there.
    let r = m.get(&foto).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.bytes().await.unwrap().len(), raksasa.len(), "{backend}");
    masih_hidup(&s, backend).await;
}

per_backend!(cari_nama_ratusan_kata_ditolak_dengan_pesan_jelas);
async fn cari_nama_ratusan_kata_ditolak_dengan_pesan_jelas(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    seeded(&posko, dir.path()).await;
    let s = serve(posko, dir).await;
    let c = s.client();
    let kata: Vec<String> = (0..300).map(|i| format!("nama{i:03}")).collect();
    let r = c
        .get(s.url("/pendukung"))
        .query(&[("q", kata.join(" "))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let body = teks(&r.text().await.unwrap());
    assert!(
        body.contains("paling banyak 10 kata") && body.contains("300 kata"),
        "{backend}: {body}"
    );
    // Ten words is still a search.
    let r = c
        .get(s.url("/pendukung"))
        .query(&[("q", kata[..10].join(" "))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    masih_hidup(&s, backend).await;
}

/// Runs the binary, following its peak resident memory (VmHWM) while it
/// runs; returns the exit code, stderr and the peak in KiB.
fn jalankan_ukur(db: &cli_harness::Db, args: &[&str]) -> (Option<i32>, String, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_posko"))
        .arg("--database-url")
        .arg(&db.url)
        .args(args)
        .current_dir(db.dir.path())
        .env_remove("POSKO_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    let pembaca = std::thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).unwrap();
        s
    });
    let status = format!("/proc/{}/status", child.id());
    let mut puncak = 0u64;
    let kode = loop {
        if let Ok(isi) = std::fs::read_to_string(&status)
            && let Some(kb) = isi
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            puncak = puncak.max(kb);
        }
        if let Some(st) = child.try_wait().unwrap() {
            break st.code();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    (kode, pembaca.join().unwrap(), puncak)
}

/// Peak memory a refusal may take: far below what reading any of these
/// files whole (or laying out its grid) would, well above the binary's
/// own ~20 MB (measured: 2–27 MB for the spreadsheets and the 100 MB CSV
/// line).
const RSS_MAKS_KB: u64 = 64 * 1024;
/// A GeoJSON feature is parsed until its 16 MiB ceiling, at about six
/// times its size (measured: 147 MB); the whole 100 MB feature would be
/// over 600 MB.
const RSS_MAKS_GEOJSON_KB: u64 = 192 * 1024;

per_backend!(cli posko_import_menolak_setiap_bom_dengan_berkas_dan_alasannya);
fn posko_import_menolak_setiap_bom_dengan_berkas_dan_alasannya(db: &cli_harness::Db) {
    let dir = tempfile::tempdir().unwrap();
    let tulis = |nama: &str, isi: &[u8]| {
        let p = dir.path().join(nama);
        std::fs::write(&p, isi).unwrap();
        p.display().to_string()
    };
    let csv = dir.path().join("baris.csv");
    korpus::csv_baris_raksasa(&csv, 100);
    let geo = dir.path().join("batas.geojson");
    korpus::geojson_fitur_raksasa(&geo, 100);
    let (csv, geo) = (csv.display().to_string(), geo.display().to_string());
    let mut kasus: Vec<(Vec<String>, String)> = Vec::new();
    for (nama, isi, alasan) in bom_lembar() {
        let p = tulis(nama, &isi);
        for perintah in [
            &["import", "tps"][..],
            &["import", "dpt"],
            &["user", "import-saksi"],
        ] {
            let mut args: Vec<String> = perintah.iter().map(|s| s.to_string()).collect();
            args.push(p.clone());
            kasus.push((args, format!("{nama}|{alasan}")));
        }
    }
    for perintah in [
        &["import", "tps"][..],
        &["import", "dpt"],
        &["user", "import-saksi"],
    ] {
        let mut args: Vec<String> = perintah.iter().map(|s| s.to_string()).collect();
        args.push(csv.clone());
        kasus.push((args, "baris.csv:2: |baris lebih panjang dari 1 MiB".into()));
    }
    kasus.push((
        vec!["import".into(), "batas".into(), geo.clone()],
        "batas.geojson|fitur ke-1 (features[0]) lebih dari 16 MiB".into(),
    ));
    for (args, harapan) in &kasus {
        let (berkas, alasan) = harapan.split_once('|').unwrap();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mulai = Instant::now();
        let (kode, stderr, puncak) = jalankan_ukur(db, &args);
        assert_eq!(kode, Some(1), "posko {args:?}: {stderr}");
        let baris = stderr
            .lines()
            .find(|l| l.starts_with("posko: "))
            .unwrap_or_else(|| panic!("posko {args:?}: no error line in: {stderr}"));
        assert!(
            baris.starts_with(&format!("posko: {berkas}")) && baris.contains(alasan),
            "posko {args:?}: expected '{berkas}…{alasan}': {stderr}"
        );
        let batas = if args[1] == "batas" {
            RSS_MAKS_GEOJSON_KB
        } else {
            RSS_MAKS_KB
        };
        assert!(
            puncak < batas,
            "posko {args:?}: peak RSS {} MiB",
            puncak / 1024
        );
        assert!(mulai.elapsed() < Duration::from_secs(60), "posko {args:?}");
    }
}
