//! Photos of forms in an S3-compatible object store, against a real S3
//! server: crates.io's `s3s-fs` (a bucket is a folder), which `.ci/run`
//! installs and each test starts on a free port with a folder of its own.
//! Found at `POSKO_S3S_FS`, else `~/.cache/posko/alat/bin/s3s-fs`, else on
//! the PATH; missing, the tests skip, and fail under `CI`.
//!
//! A saksi's photo uploaded through one server is stored once under its
//! SHA-256, served and previewed by a second server on the same database,
//! printed in its evidence pack; a photo the store lost or changed, or a
//! store that is down, gives a clear answer, never a panic or a "not
//! uploaded".

use crate::common;

use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;

use common::{nilai_input, serve, shared_data, store_dki};
use posko_app::{Aktor, FotoS3, FotoStore, ImportRequest, Posko, SetelanS3};
use posko_domain::{Cakupan, Penugasan, Peran};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

const TPS: &str = "3171011001001";
const BUCKET: &str = "posko-foto";

/// One `s3s-fs` process serving a temporary folder; ended with the value.
pub struct ServerS3 {
    proses: std::process::Child,
    pub url: String,
    /// The server's root: `BUCKET/foto/<sha256>` is a photo's file.
    pub akar: tempfile::TempDir,
}

impl Drop for ServerS3 {
    fn drop(&mut self) {
        let _ = self.proses.kill();
        let _ = self.proses.wait();
    }
}

impl ServerS3 {
    pub fn setelan(&self) -> SetelanS3 {
        SetelanS3 {
            endpoint: Some(self.url.clone()),
            bucket: BUCKET.into(),
            region: "us-east-1".into(),
            access_key: "posko-uji".into(),
            secret_key: "rahasia-uji-s3".into(),
            awalan: String::new(),
            virtual_host: false,
        }
    }

    pub fn foto(&self) -> Arc<FotoS3> {
        Arc::new(FotoS3::new(&self.setelan()).unwrap())
    }

    /// The file `s3s-fs` keeps an object's bytes in.
    pub fn berkas(&self, kunci: &str) -> PathBuf {
        self.akar.path().join(BUCKET).join(kunci)
    }

    /// Objects under `foto/`.
    pub fn jumlah_foto(&self) -> usize {
        std::fs::read_dir(self.berkas("foto"))
            .map(|d| d.count())
            .unwrap_or(0)
    }
}

fn alat() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("POSKO_S3S_FS") {
        return Some(PathBuf::from(p));
    }
    let cache = std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".cache/posko/alat/bin/s3s-fs"))
        .filter(|p| p.is_file());
    cache.or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join("s3s-fs"))
                .find(|p| p.is_file())
        })
    })
}

/// Starts `s3s-fs` on a port it picks itself, with one empty bucket;
/// `None` (outside CI) when it is not installed.
pub fn mulai() -> Option<ServerS3> {
    let Some(bin) = alat() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must test the S3 photo store: .ci/run installs s3s-fs (or set POSKO_S3S_FS)"
        );
        eprintln!("SKIPPED S3: s3s-fs not installed (bash .ci/run installs it)");
        return None;
    };
    let akar = tempfile::tempdir().unwrap();
    std::fs::create_dir(akar.path().join(BUCKET)).unwrap();
    let mut proses = std::process::Command::new(&bin)
        .args([
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--access-key",
            "posko-uji",
            "--secret-key",
            "rahasia-uji-s3",
        ])
        .arg(akar.path())
        .env("RUST_LOG", "s3s_fs=info")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
    // It logs the address it bound; the rest of its log is drained.
    let (tx, rx) = std::sync::mpsc::channel();
    let keluaran = proses.stdout.take().unwrap();
    std::thread::spawn(move || {
        for baris in std::io::BufReader::new(keluaran).lines() {
            let Ok(baris) = baris else { break };
            if let Some(i) = baris.find("http://127.0.0.1:") {
                let url: String = baris[i..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                let _ = tx.send(url);
            }
        }
    });
    let url = match rx.recv_timeout(std::time::Duration::from_secs(20)) {
        Ok(url) => url,
        Err(_) => {
            let _ = proses.kill();
            panic!("{} did not say where it listens", bin.display());
        }
    };
    Some(ServerS3 { proses, url, akar })
}

fn tugas(peran: Peran, cakupan: &str) -> Vec<Penugasan> {
    vec![Penugasan::new(peran, Cakupan::parse(cakupan).unwrap()).unwrap()]
}

/// A real JPEG with detail, so its preview is smaller than itself.
fn jpeg(lebar: u32, tinggi: u32, seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(lebar, tinggi, |x, y| {
        let v = ((x ^ y) >> 2) as u8;
        image::Rgb([v ^ seed, v.wrapping_mul(3), 255 - v])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

/// A second HTTP server on the same database, with its own photo store.
async fn server_lain(posko: Posko) -> String {
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { posko_web::serve(listener, posko).await });
    format!("http://{addr}")
}

/// The saksi's web form with one photo attached, as a phone sends it.
async fn kirim_dengan_foto(
    saksi: &reqwest::Client,
    dasar: &str,
    id: uuid::Uuid,
    foto: Vec<u8>,
) -> reqwest::Response {
    let url = format!("{dasar}/pemilihan/{id}/tps/{TPS}/kirim");
    let form = saksi.get(&url).send().await.unwrap().text().await.unwrap();
    saksi
        .post(&url)
        .multipart(
            Form::new()
                .text("csrf", nilai_input(&form, "csrf"))
                .text("kunci_klien", nilai_input(&form, "kunci_klien"))
                .text("suara_paslon.0", "150")
                .text("suara_paslon.1", "90")
                .text("suara_sah", "240")
                .text("suara_tidak_sah", "5")
                .text("suara_total", "245")
                .part("foto", Part::bytes(foto).file_name("c-hasil.jpg")),
        )
        .send()
        .await
        .unwrap()
}

/// The photos the TPS's latest revision carries.
async fn foto_tps(posko: &Posko, id: uuid::Uuid) -> Vec<String> {
    let tps = posko_domain::KodeTps::parse(TPS).unwrap();
    posko
        .riwayat_hasil(id, tps)
        .await
        .unwrap()
        .into_iter()
        .flat_map(|k| k.foto)
        .collect()
}

per_backend!(foto_s3_diunggah_di_satu_server_dilayani_server_lain);
async fn foto_s3_diunggah_di_satu_server_dilayani_server_lain(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let Some(s3) = mulai() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let posko = posko.with_foto(s3.foto());
    // Server B: the same database, another S3 client, nothing local.
    let posko_b = posko.clone().with_foto(s3.foto());
    // Server C: the same database with a folder of its own, as every
    // server was before (the photo is not there).
    let posko_c = posko
        .clone()
        .with_foto(Arc::new(posko_app::FotoLokal::sementara()));
    let a = serve(posko, dir).await;
    let b = server_lain(posko_b).await;
    let c = server_lain(posko_c).await;
    let saksi = a.client_as("saksi.s3", tugas(Peran::Saksi, TPS)).await;

    // Uploaded by the saksi's form through server A: one object, named by
    // the photo's SHA-256, holding its bytes as sent.
    let asli = jpeg(1200, 1600, 1);
    let hash = posko_domain::audit::sha256_hex(&asli);
    let r = kirim_dengan_foto(&saksi, &a.url(""), id, asli.clone()).await;
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(
        foto_tps(&a.posko, id).await,
        vec![hash.clone()],
        "{backend}"
    );
    assert!(s3.foto().ada(&hash).await.unwrap(), "{backend}");
    let berkas = s3.berkas(&format!("foto/{hash}"));
    assert_eq!(std::fs::read(&berkas).unwrap(), asli, "{backend}");
    assert_eq!(s3.jumlah_foto(), 1, "{backend}");

    // The same bytes again, by the API of server B: the same name, and the
    // object is not written again (found first, so nothing is sent).
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(&berkas).unwrap().ino();
    let r = saksi
        .post(format!("{b}/api/v1/pemilihan/{id}/tps/{TPS}/foto"))
        .body(asli.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{backend}");
    assert_eq!(r.json::<Value>().await.unwrap()["foto"], hash.as_str());
    assert_eq!(s3.jumlah_foto(), 1, "{backend}");
    assert_eq!(
        std::fs::metadata(&berkas).unwrap().ino(),
        inode,
        "{backend}"
    );

    // A verifier on server B reads the original and the preview.
    let verif = a
        .client_as("verif.s3", tugas(Peran::Verifier, "31.71"))
        .await;
    let halaman = verif
        .get(format!("{b}/verifikasi/{id}/tps/{TPS}"))
        .send()
        .await
        .unwrap();
    assert_eq!(halaman.status(), StatusCode::OK, "{backend}");
    assert!(
        halaman
            .text()
            .await
            .unwrap()
            .contains(&format!("/foto/{hash}")),
        "{backend}: the verifier's page shows the photo"
    );
    let foto = format!("/pemilihan/{id}/tps/{TPS}/foto/{hash}");
    let r = verif.get(format!("{b}{foto}")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.bytes().await.unwrap().as_ref(), asli.as_slice());
    let r = verif
        .get(format!("{b}{foto}?ukuran=pratinjau"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let kecil = r.bytes().await.unwrap();
    let img = image::load_from_memory(&kecil).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 1600), "{backend}");
    // The preview is kept in the bucket for every server.
    assert!(
        s3.berkas(&format!("pratinjau/{hash}-1600.jpg")).is_file(),
        "{backend}"
    );
    // A server with a folder of its own has no such photo: this is what
    // the object store is for.
    let r = verif.get(format!("{c}{foto}")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");

    // The evidence pack, made by server B, prints the photo.
    let csv = tempfile::tempdir().unwrap();
    let file = csv.path().join("kpu.csv");
    std::fs::write(
        &file,
        "kode_desa,tps_no,kpu_pas1,kpu_pas2,kpu_sah,kpu_tidak_sah\n31.71.01.1001,1,150,95,245,5\n",
    )
    .unwrap();
    let rep = a
        .posko
        .import_resmi(&Aktor::system(), id, &file, ImportRequest::default())
        .await
        .unwrap();
    assert!(rep.applied, "{backend}: {:?}", rep.problems);
    let manajer = a.client();
    let r = manajer
        .get(format!("{b}/pemilihan/{id}/selisih/31.71.01/pdf?semua=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let pdf = lopdf::Document::load_mem(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(gambar_pdf(&pdf), 1, "{backend}: the photo is in the pack");
}

fn gambar_pdf(pdf: &lopdf::Document) -> usize {
    pdf.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|st| {
            st.dict
                .get(b"Subtype")
                .and_then(lopdf::Object::as_name)
                .ok()
                == Some(b"Image")
        })
        .count()
}

per_backend!(foto_s3_hilang_rusak_atau_mati_dijawab_jelas);
async fn foto_s3_hilang_rusak_atau_mati_dijawab_jelas(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let Some(s3) = mulai() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let a = serve(posko.with_foto(s3.foto()), dir).await;
    let saksi = a.client_as("saksi.s3", tugas(Peran::Saksi, TPS)).await;
    let manajer = a.client();
    let asli = jpeg(64, 48, 2);
    let hash = posko_domain::audit::sha256_hex(&asli);
    let r = kirim_dengan_foto(&saksi, &a.url(""), id, asli.clone()).await;
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let foto = a.url(&format!("/pemilihan/{id}/tps/{TPS}/foto/{hash}"));

    // Changed behind Posko's back: the bytes no longer hash to the name,
    // and are not served as the evidence they claim to be.
    let berkas = s3.berkas(&format!("foto/{hash}"));
    std::fs::write(&berkas, jpeg(64, 48, 3)).unwrap();
    let r = manajer.get(&foto).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR, "{backend}");
    let e = a.posko.foto(&hash).await.unwrap_err().to_string();
    assert!(
        e.contains("berisi berkas lain") && e.contains(&format!("foto/{hash}")),
        "{backend}: {e}"
    );

    // Lost: the page says the form names a photo the store does not have;
    // the evidence pack is still made, and says so under the hash.
    std::fs::remove_file(&berkas).unwrap();
    let r = manajer.get(&foto).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    let teks = r.text().await.unwrap();
    assert!(
        teks.contains("tidak ada di penyimpanan foto server"),
        "{backend}: {teks}"
    );
    let r = manajer
        .get(format!("{foto}?ukuran=pratinjau"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{backend}");
    let csv = tempfile::tempdir().unwrap();
    let file = csv.path().join("kpu.csv");
    std::fs::write(
        &file,
        "kode_desa,tps_no,kpu_pas1,kpu_pas2,kpu_sah,kpu_tidak_sah\n31.71.01.1001,1,150,95,245,5\n",
    )
    .unwrap();
    let rep = a
        .posko
        .import_resmi(&Aktor::system(), id, &file, ImportRequest::default())
        .await
        .unwrap();
    assert!(rep.applied, "{backend}: {:?}", rep.problems);
    let r = manajer
        .get(a.url(&format!("/pemilihan/{id}/selisih/31.71.01/pdf?semua=1")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let pdf = lopdf::Document::load_mem(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(gambar_pdf(&pdf), 0, "{backend}");
    let halaman: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let teks = pdf.extract_text(&halaman).unwrap().replace(['\n', ' '], "");
    assert!(
        teks.contains("tidakditemukandipenyimpananfotoserver"),
        "{backend}: {teks}"
    );

    // The store down: an upload is a server error at once, not a refusal
    // the saksi must fix, and a form naming a stored photo is not told
    // the photo was never uploaded.
    let sumber = s3.foto();
    drop(s3);
    let mulai_unggah = std::time::Instant::now();
    let r = saksi
        .post(a.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/foto")))
        .body(jpeg(64, 48, 4))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR, "{backend}");
    assert!(
        mulai_unggah.elapsed() < std::time::Duration::from_secs(30),
        "{backend}: {:?}",
        mulai_unggah.elapsed()
    );
    let r = saksi
        .post(a.url(&format!("/api/v1/pemilihan/{id}/tps/{TPS}/hasil")))
        .json(&json!({"kunci_klien": "s3-mati-0001", "foto": [hash],
            "formulir": {"suara_paslon": [150, 90], "suara_sah": 240, "suara_tidak_sah": 5, "suara_total": 245}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR, "{backend}");
    let e = sumber.siap().await.unwrap_err().to_string();
    assert!(e.contains(BUCKET), "{e}");
}

/// What the server checks at start: a wrong bucket or secret is named
/// before the first photo is lost to it.
#[test]
fn foto_s3_setelan_salah_ditolak_saat_mulai() {
    let Some(s3) = mulai() else { return };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        s3.foto().siap().await.unwrap();
        let mut salah = s3.setelan();
        salah.bucket = "tidak-ada".into();
        let e = FotoS3::new(&salah).unwrap().siap().await.unwrap_err();
        assert!(e.to_string().contains("bucket tidak-ada"), "{e}");
        let mut salah = s3.setelan();
        salah.secret_key = "bukan-rahasianya".into();
        let e = FotoS3::new(&salah).unwrap().siap().await.unwrap_err();
        assert!(e.to_string().contains(BUCKET), "{e}");
        // A prefix keeps a shared bucket's photos apart.
        let mut bersama = s3.setelan();
        bersama.awalan = "kampanye-a/".into();
        let foto = FotoS3::new(&bersama).unwrap();
        let bytes = jpeg(32, 32, 9);
        let hash = posko_domain::audit::sha256_hex(&bytes);
        foto.simpan(&hash, bytes.clone()).await.unwrap();
        assert!(s3.berkas(&format!("kampanye-a/foto/{hash}")).is_file());
        assert_eq!(foto.ambil(&hash).await.unwrap().unwrap(), bytes);
        assert!(!s3.foto().ada(&hash).await.unwrap());
        assert!(foto.ambil(&"0".repeat(64)).await.unwrap().is_none());
    });
}
