//! Photos of C.Hasil forms: evidence, so the original bytes are kept
//! unchanged and named by their SHA-256. Behind a small interface so an
//! object store can replace the local folder.

use std::path::{Path, PathBuf};

use posko_domain::audit::sha256_hex;

use crate::{AppError, Result};

/// Largest photo accepted: a phone camera's JPEG is 2–6 MB.
pub const FOTO_MAKS: usize = 12 * 1024 * 1024;
/// Photos per submission (a plano form often needs two or three shots).
pub const FOTO_PER_KIRIMAN: usize = 6;

/// What kind of image the bytes are, from their first bytes (the name and
/// the declared type a phone sends are not trusted).
pub fn jenis_foto(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    // HEIC/HEIF (iPhones and newer Androids): an ISO-BMFF 'ftyp' box with
    // a HEIF brand.
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        if [
            b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1",
        ]
        .iter()
        .any(|b| brand == *b)
        {
            return Some("image/heic");
        }
    }
    None
}

/// Longest side a photo may declare. A phone's 50-megapixel mode is
/// 8,160 px wide; 12 MP, the usual, is 4,000.
pub const SISI_FOTO_MAKS: u32 = 10_000;

/// Pixels a photo may declare: a 50-megapixel phone photo, far more than a
/// C.Hasil form's digits need. Decoding holds every pixel (3–4 bytes each)
/// however small the file is, so a 1 MB file declaring 11000 × 11000 px
/// would cost 480 MB; past this ceiling it is refused on upload and never
/// decoded for a preview.
pub const PIKSEL_FOTO_MAKS: u64 = 50_000_000;

/// Memory one decode may ask for: a photo at [`PIKSEL_FOTO_MAKS`] as 8-bit
/// RGBA, with a little room. Deeper colour at that size has no preview.
pub const ALOKASI_DEKODE_MAKS: u64 = 208 * 1024 * 1024;

/// The size a photo's header declares, read without decoding it; `None`
/// for what the header reader here does not know (HEIC, a damaged file).
pub fn ukuran_foto(bytes: &[u8]) -> Option<(u32, u32)> {
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

/// Whether a declared size is within [`SISI_FOTO_MAKS`] and
/// [`PIKSEL_FOTO_MAKS`]; otherwise the reason, in Indonesian.
pub fn cek_ukuran_foto(lebar: u32, tinggi: u32) -> std::result::Result<(), String> {
    let piksel = u64::from(lebar) * u64::from(tinggi);
    if lebar.max(tinggi) > SISI_FOTO_MAKS || piksel > PIKSEL_FOTO_MAKS {
        return Err(format!(
            "foto berukuran {} × {} piksel; paling besar {} piksel per sisi dan {} juta piksel: kirim dengan resolusi kamera biasa",
            ribuan(lebar),
            ribuan(tinggi),
            ribuan(SISI_FOTO_MAKS),
            PIKSEL_FOTO_MAKS / 1_000_000
        ));
    }
    Ok(())
}

fn ribuan(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Checks a photo and returns its hash and type, or says what is wrong.
/// The size its header declares is checked too (nothing is decoded):
/// a photo no preview could be made of is refused while the saksi can
/// still send another.
pub fn periksa_foto(bytes: &[u8]) -> Result<(String, &'static str)> {
    if bytes.is_empty() {
        return Err(AppError::Invalid("foto kosong".into()));
    }
    if bytes.len() > FOTO_MAKS {
        return Err(AppError::Invalid(format!(
            "foto terlalu besar ({:.1} MB, maksimal {} MB); kirim dengan resolusi lebih kecil",
            bytes.len() as f64 / 1e6,
            FOTO_MAKS / (1024 * 1024)
        )));
    }
    let jenis = jenis_foto(bytes)
        .ok_or_else(|| AppError::Invalid("berkas bukan foto JPEG, PNG atau HEIC".into()))?;
    if let Some((lebar, tinggi)) = ukuran_foto(bytes) {
        cek_ukuran_foto(lebar, tinggi).map_err(AppError::Invalid)?;
    }
    Ok((sha256_hex(bytes), jenis))
}

/// How many previews decode at once: one per core. Decoding is pure CPU
/// work, so more at once than there are cores finishes none sooner; it
/// only holds more decoded photos (up to [`ALOKASI_DEKODE_MAKS`] each) in
/// memory at the same time. The rest wait their turn.
pub fn pratinjau_serentak() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Longest side of the preview verifiers read from: a C.Hasil's handwritten
/// digits stay legible at 1600 px, and the file is a tenth of the original's
/// size on a coordinator's mobile data.
pub const SISI_PRATINJAU: u32 = 1600;

/// A downscaled JPEG made from a photo (never replaces the original).
#[derive(Debug, Clone)]
pub struct Gambar {
    pub jpeg: Vec<u8>,
    pub lebar: u32,
    pub tinggi: u32,
}

/// Why a photo has no preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TanpaPratinjau {
    /// Its header declares more than [`cek_ukuran_foto`] allows: not
    /// decoded at all.
    TerlaluBesar { lebar: u32, tinggi: u32 },
    /// Not decodable here (HEIC, a damaged file): the original serves.
    TidakTerbaca,
}

/// Downscales a JPEG or PNG so its longest side is at most `sisi`, upright
/// as the phone held it (EXIF orientation applied), as a JPEG. The size
/// the header declares is checked before any pixel is decoded, and the
/// decoder is held to the same ceilings besides.
pub fn perkecil(bytes: &[u8], sisi: u32) -> std::result::Result<Gambar, TanpaPratinjau> {
    use image::ImageDecoder;
    fn tidak<E>(_: E) -> TanpaPratinjau {
        TanpaPratinjau::TidakTerbaca
    }
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(tidak)?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(SISI_FOTO_MAKS);
    limits.max_image_height = Some(SISI_FOTO_MAKS);
    limits.max_alloc = Some(ALOKASI_DEKODE_MAKS);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| {
        // The decoder refuses what passes the limits; say which it was.
        match ukuran_foto(bytes) {
            Some((lebar, tinggi)) if cek_ukuran_foto(lebar, tinggi).is_err() => {
                TanpaPratinjau::TerlaluBesar { lebar, tinggi }
            }
            _ => TanpaPratinjau::TidakTerbaca,
        }
    })?;
    let (lebar, tinggi) = decoder.dimensions();
    if cek_ukuran_foto(lebar, tinggi).is_err() {
        return Err(TanpaPratinjau::TerlaluBesar { lebar, tinggi });
    }
    let orientation = decoder.orientation().ok();
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(tidak)?;
    // Shrink first, then turn: turning the full-size image would hold a
    // second copy of every pixel.
    if img.width().max(img.height()) > sisi {
        img = img.thumbnail(sisi, sisi);
    }
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    let rgb = img.into_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 82)
        .encode_image(&rgb)
        .map_err(tidak)?;
    Ok(Gambar {
        lebar: rgb.width(),
        tinggi: rgb.height(),
        jpeg,
    })
}

/// The photo's 64-bit difference hash (`posko_domain::kejanggalan::foto`):
/// decoded under the same ceilings as [`perkecil`], shrunk to 33 × 32 grey
/// pixels. None when it cannot be decoded here (HEIC, a damaged file).
pub fn dhash_foto(bytes: &[u8]) -> Option<posko_domain::kejanggalan::foto::Sidik> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(SISI_FOTO_MAKS);
    limits.max_image_height = Some(SISI_FOTO_MAKS);
    limits.max_alloc = Some(ALOKASI_DEKODE_MAKS);
    reader.limits(limits);
    let img = reader.decode().ok()?;
    use posko_domain::kejanggalan::foto::{SISI, dhash};
    let abu = img
        .resize_exact(
            SISI as u32 + 1,
            SISI as u32,
            image::imageops::FilterType::Triangle,
        )
        .into_luma8();
    dhash(abu.as_raw())
}

/// Where photos live: a folder on this server ([`FotoLokal`], the default)
/// or an S3-compatible object store every server reaches
/// ([`crate::foto_s3::FotoS3`]). Named by their SHA-256, so storing the same
/// photo twice is a no-op. Every call is async: a store on the network
/// never holds a runtime thread, and the folder's file work runs on the
/// blocking pool.
#[async_trait::async_trait]
pub trait FotoStore: Send + Sync {
    /// Stores the bytes under their hash (writing the same photo twice is
    /// a no-op).
    async fn simpan(&self, hash: &str, bytes: Vec<u8>) -> std::io::Result<()>;
    /// The photo's bytes; `None` when the store has none under that hash.
    async fn ambil(&self, hash: &str) -> std::io::Result<Option<Vec<u8>>>;
    /// Whether the store holds the photo; an unreachable store is an error,
    /// not a "no".
    async fn ada(&self, hash: &str) -> std::io::Result<bool>;
    /// A derived copy (a preview of `sisi` px) cached beside the original;
    /// a store that keeps none answers `None` and previews are remade.
    async fn ambil_turunan(&self, _hash: &str, _sisi: u32) -> std::io::Result<Option<Vec<u8>>> {
        Ok(None)
    }
    async fn simpan_turunan(&self, _hash: &str, _sisi: u32, _jpeg: Vec<u8>) -> std::io::Result<()> {
        Ok(())
    }
    /// The hash of every stored photo (not derived copies), for backups.
    async fn daftar(&self) -> std::io::Result<Vec<String>> {
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "penyimpanan foto ini tidak bisa mendaftar isinya",
        ))
    }
    /// Whether photos can be stored now (for `/readyz`): by default the
    /// same as [`FotoStore::siap`]; the folder also proves it takes a file.
    async fn periksa(&self) -> std::io::Result<()> {
        self.siap().await
    }
    /// Whether the store can be reached (the folder exists, the bucket
    /// answers): asked at start so a wrong setting stops the server.
    async fn siap(&self) -> std::io::Result<()> {
        Ok(())
    }
    /// Where the photos are, for messages and logs (`folder /srv/foto`,
    /// `S3 http://minio:9000 bucket posko`); never a secret.
    fn lokasi(&self) -> String;
}

/// Whether `hash` is a SHA-256 in hex, the only names a store accepts:
/// nothing else reaches a path or an object key.
pub fn hash_sah(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A folder on the server's disk: `ab/abcdef….foto`.
pub struct FotoLokal {
    dir: PathBuf,
    /// A folder of its own in the temporary directory, removed with it.
    sementara: bool,
}

impl FotoLokal {
    pub fn new(dir: impl Into<PathBuf>) -> FotoLokal {
        FotoLokal {
            dir: dir.into(),
            sementara: false,
        }
    }

    /// The server's photo folder, made now if missing and private to
    /// Posko's OS account (0700) either way, so a folder an older version
    /// left readable is closed before the first photo lands.
    pub fn siapkan(dir: impl Into<PathBuf>) -> std::io::Result<FotoLokal> {
        let dir = dir.into();
        let mut folder = std::fs::DirBuilder::new();
        folder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
        folder.create(&dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if std::fs::metadata(&dir)?.permissions().mode() & 0o077 != 0 {
                std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
            }
        }
        Ok(FotoLokal::new(dir))
    }

    /// A fresh folder in the temporary directory that goes when the last
    /// `Posko` using it does: without this, every test run left its photos
    /// behind (31 folders, up to 12 MB each, after one session's tests).
    pub fn sementara() -> FotoLokal {
        FotoLokal {
            dir: std::env::temp_dir().join(format!("posko-foto-{}", uuid::Uuid::now_v7())),
            sementara: true,
        }
    }

    fn path(&self, hash: &str) -> Option<PathBuf> {
        self.path_dengan(hash, "foto")
    }

    fn path_dengan(&self, hash: &str, akhiran: &str) -> Option<PathBuf> {
        hash_sah(hash).then(|| self.dir.join(&hash[..2]).join(format!("{hash}.{akhiran}")))
    }

    /// Written whole, then renamed: a crash never leaves half a file under
    /// a name that promises the whole.
    /// Folders are 0700 and files 0600: form photos show who witnessed
    /// where, and are for Posko's own OS account only.
    fn tulis(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let parent = path.parent().expect("has a folder");
        let mut folder = std::fs::DirBuilder::new();
        folder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
        folder.create(parent)?;
        let tmp = path.with_extension(format!("{}.tmp", uuid::Uuid::now_v7().simple()));
        let mut buka = std::fs::OpenOptions::new();
        buka.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut buka, 0o600);
        std::io::Write::write_all(&mut buka.open(&tmp)?, bytes)?;
        std::fs::rename(&tmp, path)
    }

    fn baca(path: Option<PathBuf>) -> std::io::Result<Option<Vec<u8>>> {
        match path {
            Some(p) => match std::fs::read(p) {
                Ok(b) => Ok(Some(b)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            },
            None => Ok(None),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// File work on the blocking pool, its loss an I/O error.
async fn di_latar<T: Send + 'static>(
    f: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> std::io::Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(std::io::Error::other)?
}

impl Drop for FotoLokal {
    fn drop(&mut self) {
        if self.sementara {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[async_trait::async_trait]
impl FotoStore for FotoLokal {
    async fn simpan(&self, hash: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let path = self
            .path(hash)
            .ok_or_else(|| std::io::Error::other("hash foto tidak sah"))?;
        di_latar(move || {
            if path.exists() {
                return Ok(());
            }
            Self::tulis(&path, &bytes)
        })
        .await
    }

    async fn ambil(&self, hash: &str) -> std::io::Result<Option<Vec<u8>>> {
        let path = self.path(hash);
        di_latar(move || Self::baca(path)).await
    }

    async fn ada(&self, hash: &str) -> std::io::Result<bool> {
        let path = self.path(hash);
        di_latar(move || Ok(path.is_some_and(|p| p.exists()))).await
    }

    async fn ambil_turunan(&self, hash: &str, sisi: u32) -> std::io::Result<Option<Vec<u8>>> {
        let path = self.path_dengan(hash, &format!("{sisi}.jpg"));
        di_latar(move || Self::baca(path)).await
    }

    async fn simpan_turunan(&self, hash: &str, sisi: u32, jpeg: Vec<u8>) -> std::io::Result<()> {
        let path = self
            .path_dengan(hash, &format!("{sisi}.jpg"))
            .ok_or_else(|| std::io::Error::other("hash foto tidak sah"))?;
        di_latar(move || Self::tulis(&path, &jpeg)).await
    }

    /// The folder is there (a temporary one is made on first use).
    async fn siap(&self) -> std::io::Result<()> {
        if self.sementara {
            return Ok(());
        }
        let dir = self.dir.clone();
        di_latar(move || std::fs::metadata(&dir).map(|_| ())).await
    }

    fn lokasi(&self) -> String {
        format!("folder {}", self.dir.display())
    }

    async fn daftar(&self) -> std::io::Result<Vec<String>> {
        let dir = self.dir.clone();
        di_latar(move || {
            let mut hash = Vec::new();
            let folder = match std::fs::read_dir(&dir) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(hash),
                Err(e) => return Err(e),
            };
            for sub in folder {
                let sub = sub?;
                if !sub.file_type()?.is_dir() {
                    continue;
                }
                for f in std::fs::read_dir(sub.path())? {
                    let nama = f?.file_name();
                    if let Some(h) = nama.to_str().and_then(|n| n.strip_suffix(".foto"))
                        && hash_sah(h)
                    {
                        hash.push(h.to_string());
                    }
                }
            }
            hash.sort();
            Ok(hash)
        })
        .await
    }
    /// The folder exists (made if missing, as the first photo would) and
    /// takes a file: a small probe written whole and removed.
    async fn periksa(&self) -> std::io::Result<()> {
        let uji = self
            .dir
            .join(format!(".siap-{}", uuid::Uuid::now_v7().simple()));
        di_latar(move || {
            Self::tulis(&uji, b"posko")?;
            std::fs::remove_file(&uji)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn folder_sementara_hilang_bersama_pemiliknya() {
        let foto = FotoLokal::sementara();
        let hash = "ab".repeat(32);
        foto.simpan(&hash, b"jpeg".to_vec()).await.unwrap();
        let dir = foto.dir().to_path_buf();
        assert!(dir.join("ab").is_dir());
        drop(foto);
        assert!(!dir.exists(), "{} left behind", dir.display());
        // A folder the server was given is never removed.
        let tetap = tempfile::tempdir().unwrap();
        let foto = FotoLokal::new(tetap.path().join("foto"));
        foto.simpan(&hash, b"jpeg".to_vec()).await.unwrap();
        drop(foto);
        assert!(tetap.path().join("foto").join("ab").is_dir());
    }

    #[test]
    fn photos_are_known_by_their_bytes_not_their_name() {
        assert_eq!(
            jenis_foto(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Some("image/jpeg")
        );
        assert_eq!(jenis_foto(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(
            jenis_foto(b"\0\0\0\x18ftypheic\0\0\0\0"),
            Some("image/heic")
        );
        assert_eq!(jenis_foto(b"%PDF-1.7"), None);
        assert_eq!(jenis_foto(b"GIF89a"), None);
        assert!(periksa_foto(b"").is_err());
        let big = vec![0xFF; FOTO_MAKS + 1];
        assert!(
            periksa_foto(&big)
                .unwrap_err()
                .to_string()
                .contains("terlalu besar")
        );
    }

    /// What a backup copies: every photo once, not previews or half-written files.
    #[tokio::test]
    async fn daftar_memuat_foto_saja() {
        let dir = tempfile::tempdir().unwrap();
        let store = FotoLokal::new(dir.path().join("belum-ada"));
        assert_eq!(store.daftar().await.unwrap(), Vec::<String>::new());
        let store = FotoLokal::new(dir.path());
        let mut hash = Vec::new();
        for b in [1u8, 2] {
            let bytes = [0xFF, 0xD8, 0xFF, b];
            let (h, _) = periksa_foto(&bytes).unwrap();
            store.simpan(&h, bytes.to_vec()).await.unwrap();
            store
                .simpan_turunan(&h, 1600, bytes.to_vec())
                .await
                .unwrap();
            hash.push(h);
        }
        std::fs::write(
            dir.path()
                .join(&hash[0][..2])
                .join(format!("{}.1234.tmp", hash[0])),
            b"x",
        )
        .unwrap();
        hash.sort();
        assert_eq!(store.daftar().await.unwrap(), hash);
    }

    #[tokio::test]
    async fn stored_by_hash_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = FotoLokal::new(dir.path());
        let bytes = [0xFF, 0xD8, 0xFF, 1, 2, 3];
        let (hash, _) = periksa_foto(&bytes).unwrap();
        assert!(!store.ada(&hash).await.unwrap());
        store.simpan(&hash, bytes.to_vec()).await.unwrap();
        store.simpan(&hash, bytes.to_vec()).await.unwrap();
        assert!(store.ada(&hash).await.unwrap());
        assert_eq!(store.ambil(&hash).await.unwrap().unwrap(), bytes);
        assert!(store.ambil("../../etc/passwd").await.unwrap().is_none());
        assert!(!store.ada(&"0".repeat(64)).await.unwrap());
        store.siap().await.unwrap();
        assert!(
            FotoLokal::new(dir.path().join("hilang"))
                .siap()
                .await
                .is_err()
        );
        // The layout stays what it was before the store was a trait.
        assert!(
            dir.path()
                .join(&hash[..2])
                .join(format!("{hash}.foto"))
                .is_file()
        );
    }

    fn foto_uji(lebar: u32, tinggi: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(lebar, tinggi, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    #[test]
    fn previews_keep_the_shape_and_shrink_the_file() {
        let asli = foto_uji(4000, 3000);
        let p = perkecil(&asli, SISI_PRATINJAU).unwrap();
        assert_eq!((p.lebar, p.tinggi), (1600, 1200));
        assert_eq!(jenis_foto(&p.jpeg), Some("image/jpeg"));
        assert!(
            p.jpeg.len() * 3 < asli.len(),
            "{} vs {}",
            p.jpeg.len(),
            asli.len()
        );
        // Small photos are not enlarged.
        let kecil = perkecil(&foto_uji(800, 1200), SISI_PRATINJAU).unwrap();
        assert_eq!((kecil.lebar, kecil.tinggi), (800, 1200));
        // HEIC (not decodable here) and junk fall back to the original.
        assert_eq!(
            perkecil(b"\0\0\0\x18ftypheic\0\0\0\0", SISI_PRATINJAU).unwrap_err(),
            TanpaPratinjau::TidakTerbaca
        );
        assert_eq!(
            perkecil(&[0xFF, 0xD8, 0xFF, 0, 1, 2], SISI_PRATINJAU).unwrap_err(),
            TanpaPratinjau::TidakTerbaca
        );
    }

    /// A real JPEG whose frame header is changed to declare another size.
    fn dengan_ukuran(mut jpeg: Vec<u8>, lebar: u16, tinggi: u16) -> Vec<u8> {
        let mut i = 2;
        loop {
            let m = jpeg[i + 1];
            let len = u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
            if matches!(m, 0xC0..=0xC2) {
                jpeg[i + 5..i + 7].copy_from_slice(&tinggi.to_be_bytes());
                jpeg[i + 7..i + 9].copy_from_slice(&lebar.to_be_bytes());
                return jpeg;
            }
            i += 2 + len;
        }
    }

    #[test]
    fn foto_yang_menyatakan_11000_piksel_ditolak_tanpa_didekode() {
        let raksasa = dengan_ukuran(foto_uji(64, 48), 11_000, 11_000);
        assert_eq!(ukuran_foto(&raksasa), Some((11_000, 11_000)));
        let e = periksa_foto(&raksasa).unwrap_err().to_string();
        assert!(e.contains("11.000 × 11.000 piksel"), "{e}");
        assert_eq!(
            perkecil(&raksasa, SISI_PRATINJAU).unwrap_err(),
            TanpaPratinjau::TerlaluBesar {
                lebar: 11_000,
                tinggi: 11_000
            }
        );
        // Long and thin passes the side, not the pixels.
        let pita = dengan_ukuran(foto_uji(64, 48), 9_999, 6_000);
        assert!(periksa_foto(&pita).is_err());
        // A 50 MP phone photo's declared size is fine.
        assert!(cek_ukuran_foto(8_160, 6_120).is_ok());
        assert!(periksa_foto(&foto_uji(400, 300)).is_ok());
    }

    /// A photo store in memory that counts how many previews are being
    /// written at once (each write waits a little, inside the decode's turn).
    #[derive(Default)]
    struct Hitung {
        foto: std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>,
        kini: std::sync::atomic::AtomicUsize,
        puncak: std::sync::atomic::AtomicUsize,
    }

    #[async_trait::async_trait]
    impl FotoStore for Hitung {
        async fn simpan(&self, hash: &str, bytes: Vec<u8>) -> std::io::Result<()> {
            self.foto.lock().unwrap().insert(hash.to_string(), bytes);
            Ok(())
        }
        async fn ambil(&self, hash: &str) -> std::io::Result<Option<Vec<u8>>> {
            Ok(self.foto.lock().unwrap().get(hash).cloned())
        }
        async fn ada(&self, hash: &str) -> std::io::Result<bool> {
            Ok(self.foto.lock().unwrap().contains_key(hash))
        }
        fn lokasi(&self) -> String {
            "memori".into()
        }
        async fn simpan_turunan(
            &self,
            _hash: &str,
            _sisi: u32,
            _jpeg: Vec<u8>,
        ) -> std::io::Result<()> {
            use std::sync::atomic::Ordering::SeqCst;
            let n = self.kini.fetch_add(1, SeqCst) + 1;
            self.puncak.fetch_max(n, SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(150)).await;
            self.kini.fetch_sub(1, SeqCst);
            Ok(())
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn pratinjau_didekode_paling_banyak_satu_per_inti() {
        let dir = tempfile::tempdir().unwrap();
        let store = posko_sqlite::SqliteStore::open(&dir.path().join("posko.db"))
            .await
            .unwrap();
        let hitung = std::sync::Arc::new(Hitung::default());
        let posko = crate::Posko::new(
            std::sync::Arc::new(store),
            std::sync::Arc::new(crate::Brankas::generate()),
        )
        .with_foto(hitung.clone());
        let mut hash = Vec::new();
        for i in 0..8 {
            hash.push(
                posko
                    .simpan_foto_gerbang(&foto_uji(200 + i, 150))
                    .await
                    .unwrap(),
            );
        }
        let semua = hash.iter().map(|h| {
            let posko = posko.clone();
            let h = h.clone();
            tokio::spawn(async move { posko.pratinjau(&h, SISI_PRATINJAU).await })
        });
        for t in semua.collect::<Vec<_>>() {
            let (jpeg, jenis) = t.await.unwrap().unwrap().unwrap();
            assert_eq!(jenis, "image/jpeg");
            assert!(!jpeg.is_empty());
        }
        let puncak = hitung.puncak.load(std::sync::atomic::Ordering::SeqCst);
        assert!(
            (1..=pratinjau_serentak()).contains(&puncak),
            "{puncak} previews at once, {} cores",
            pratinjau_serentak()
        );
    }

    #[tokio::test]
    async fn previews_are_cached_beside_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let store = FotoLokal::new(dir.path());
        let (hash, _) = periksa_foto(&foto_uji(10, 10)).unwrap();
        assert!(store.ambil_turunan(&hash, 1600).await.unwrap().is_none());
        store
            .simpan_turunan(&hash, 1600, b"jpeg".to_vec())
            .await
            .unwrap();
        assert_eq!(
            store.ambil_turunan(&hash, 1600).await.unwrap().unwrap(),
            b"jpeg"
        );
        assert!(store.ambil_turunan(&hash, 800).await.unwrap().is_none());
        assert!(
            store
                .simpan_turunan("../x", 1600, b"jpeg".to_vec())
                .await
                .is_err()
        );
    }
}
