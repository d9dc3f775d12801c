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

/// Checks a photo and returns its hash and type, or says what is wrong.
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
    Ok((sha256_hex(bytes), jenis))
}

/// Where photos live.
pub trait FotoStore: Send + Sync {
    /// Stores the bytes under their hash (writing the same photo twice is
    /// a no-op).
    fn simpan(&self, hash: &str, bytes: &[u8]) -> std::io::Result<()>;
    fn ambil(&self, hash: &str) -> std::io::Result<Option<Vec<u8>>>;
    fn ada(&self, hash: &str) -> bool;
}

/// A folder on the server's disk: `ab/abcdef….foto`.
pub struct FotoLokal {
    dir: PathBuf,
}

impl FotoLokal {
    pub fn new(dir: impl Into<PathBuf>) -> FotoLokal {
        FotoLokal { dir: dir.into() }
    }

    fn path(&self, hash: &str) -> Option<PathBuf> {
        let ok = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        ok.then(|| self.dir.join(&hash[..2]).join(format!("{hash}.foto")))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl FotoStore for FotoLokal {
    fn simpan(&self, hash: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self
            .path(hash)
            .ok_or_else(|| std::io::Error::other("hash foto tidak sah"))?;
        if path.exists() {
            return Ok(());
        }
        let parent = path.parent().expect("has a folder");
        std::fs::create_dir_all(parent)?;
        // Written whole, then renamed: a crash never leaves half a photo
        // under a hash that promises the whole.
        let tmp = parent.join(format!("{hash}.{}.tmp", uuid::Uuid::now_v7().simple()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)
    }

    fn ambil(&self, hash: &str) -> std::io::Result<Option<Vec<u8>>> {
        match self.path(hash) {
            Some(p) if p.exists() => std::fs::read(p).map(Some),
            _ => Ok(None),
        }
    }

    fn ada(&self, hash: &str) -> bool {
        self.path(hash).is_some_and(|p| p.exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn stored_by_hash_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = FotoLokal::new(dir.path());
        let bytes = [0xFF, 0xD8, 0xFF, 1, 2, 3];
        let (hash, _) = periksa_foto(&bytes).unwrap();
        assert!(!store.ada(&hash));
        store.simpan(&hash, &bytes).unwrap();
        store.simpan(&hash, &bytes).unwrap();
        assert!(store.ada(&hash));
        assert_eq!(store.ambil(&hash).unwrap().unwrap(), bytes);
        assert!(store.ambil("../../etc/passwd").unwrap().is_none());
        assert!(!store.ada(&"0".repeat(64)));
    }
}
