//! The data key: encryption at rest of personal data (NIK, phone numbers)
//! and the keyed blind index that lets Posko find a phone or NIK without
//! decrypting every row.
//!
//! The key lives in a file (`posko.key`) or the `POSKO_KEY` environment
//! variable, never in the database, so a stolen database or backup alone
//! reveals no number. A key file holds one or more keys, one per line
//! (`posko-kunci-1 KID BASE64`); the last is the one that encrypts, the
//! others only decrypt (they are there between a rotation and its cleanup).
//!
//! Each master key yields two sub-keys by HMAC-SHA256 with fixed labels: one
//! for XChaCha20-Poly1305 (random 192-bit nonces, so no nonce bookkeeping),
//! one for the blind index. The column label and the owning row's id are
//! the AEAD's associated data: a ciphertext copied into another row or
//! column fails to open.

use std::fmt;
use std::io::Write;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use posko_storage::{DataTersandi, KolomRahasia};
use rand::Rng;
use sha2::{Digest, Sha256};
use thiserror::Error;
use uuid::Uuid;

const FORMAT: &str = "posko-kunci-1";
const KID_LEN: usize = 8;
const NONCE_LEN: usize = 24;
/// 128 bits of HMAC: collisions between distinct phones are out of reach,
/// and shorter entries keep the index small.
const INDEKS_BYTES: usize = 16;

#[derive(Debug, Error)]
pub enum KunciError {
    #[error("{sumber}: baris {baris}: {alasan}")]
    Format {
        sumber: String,
        baris: usize,
        alasan: String,
    },
    #[error("{0}: tidak berisi kunci")]
    Kosong(String),
    #[error("kunci {0} tidak ada di berkas kunci; data ini dienkripsi dengan kunci lain")]
    TidakDikenal(String),
    #[error("data terenkripsi rusak atau dipindah dari baris/kolom lain ({0})")]
    Rusak(&'static str),
    #[error("{path}: {source}")]
    Berkas {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

struct Kunci {
    kid: String,
    master: [u8; 32],
    aead: XChaCha20Poly1305,
    indeks: [u8; 32],
}

impl Kunci {
    fn from_master(master: [u8; 32]) -> Kunci {
        let enkripsi = derive(&master, b"posko/enkripsi");
        Kunci {
            kid: kid_of(&master),
            aead: XChaCha20Poly1305::new(&enkripsi.into()),
            indeks: derive(&master, b"posko/indeks"),
            master,
        }
    }

    fn indeks(&self, kolom: KolomRahasia, nilai: &str) -> String {
        self.indeks_label(kolom.label(), nilai)
    }

    fn indeks_label(&self, label: &str, nilai: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.indeks).expect("any key length");
        mac.update(label.as_bytes());
        mac.update(&[0]);
        mac.update(nilai.as_bytes());
        let tag = mac.finalize().into_bytes();
        format!("{}:{}", self.kid, hex(&tag[..INDEKS_BYTES]))
    }
}

/// The supporter-name search index is keyed like the columns' blind
/// indexes, under a label no column uses.
const LABEL_NAMA: &str = "pendukung.nama.token";

fn derive(master: &[u8; 32], label: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master).expect("any key length");
    mac.update(label);
    mac.finalize().into_bytes().into()
}

/// Derived from the key itself, so a key file cannot mislabel a key.
fn kid_of(master: &[u8; 32]) -> String {
    let mut h = Sha256::new();
    h.update(b"posko/kid");
    h.update(master);
    hex(&h.finalize()[..KID_LEN / 2])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn aad(kolom: KolomRahasia, pemilik: Uuid) -> Vec<u8> {
    let mut v = kolom.label().as_bytes().to_vec();
    v.push(0);
    v.extend_from_slice(pemilik.as_bytes());
    v
}

/// The key ring. Cheap to share behind an `Arc`; never printed.
pub struct Brankas {
    /// Oldest first; the last one encrypts.
    kunci: Vec<Kunci>,
}

impl fmt::Debug for Brankas {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Brankas")
            .field("kid", &self.kids())
            .finish()
    }
}

impl Brankas {
    /// A new ring with one fresh random key.
    pub fn generate() -> Brankas {
        Brankas {
            kunci: vec![Kunci::from_master(rand::rng().random())],
        }
    }

    /// Parses a key file's text; `sumber` names it in errors.
    pub fn parse(text: &str, sumber: &str) -> Result<Brankas, KunciError> {
        let mut kunci = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let salah = |alasan: String| KunciError::Format {
                sumber: sumber.to_string(),
                baris: i + 1,
                alasan,
            };
            let parts: Vec<&str> = line.split_whitespace().collect();
            let [format, kid, b64] = parts[..] else {
                return Err(salah(format!(
                    "harus tiga bagian '{FORMAT} KID KUNCI', ada {}",
                    parts.len()
                )));
            };
            if format != FORMAT {
                return Err(salah(format!(
                    "format '{format}' tidak dikenal (harus {FORMAT})"
                )));
            }
            let bytes = STANDARD
                .decode(b64)
                .map_err(|e| salah(format!("kunci bukan base64: {e}")))?;
            let master: [u8; 32] = bytes
                .try_into()
                .map_err(|b: Vec<u8>| salah(format!("kunci harus 32 byte, ada {}", b.len())))?;
            let k = Kunci::from_master(master);
            if k.kid != kid {
                return Err(salah(format!(
                    "id kunci '{kid}' tidak cocok dengan kuncinya ({}); berkas rusak atau disunting",
                    k.kid
                )));
            }
            kunci.push(k);
        }
        if kunci.is_empty() {
            return Err(KunciError::Kosong(sumber.to_string()));
        }
        Ok(Brankas { kunci })
    }

    pub fn to_file_text(&self) -> String {
        let mut s = String::from(
            "# Kunci data Posko. Simpan terpisah dari basis data dan cadangannya;\n\
             # tanpa berkas ini nomor telepon dan NIK tidak bisa dibaca lagi.\n\
             # Baris terakhir dipakai untuk mengenkripsi.\n",
        );
        for k in &self.kunci {
            s.push_str(&format!(
                "{FORMAT} {} {}\n",
                k.kid,
                STANDARD.encode(k.master)
            ));
        }
        s
    }

    pub fn load(path: &Path) -> Result<Brankas, KunciError> {
        let text = std::fs::read_to_string(path).map_err(|source| KunciError::Berkas {
            path: path.display().to_string(),
            source,
        })?;
        Brankas::parse(&text, &path.display().to_string())
    }

    /// Writes the ring readable by its owner only, atomically: a crash
    /// leaves either the old file or the new one, never half of one.
    pub fn save(&self, path: &Path) -> Result<(), KunciError> {
        let err = |source| KunciError::Berkas {
            path: path.display().to_string(),
            source,
        };
        let tmp = path.with_extension("key.baru");
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp).map_err(err)?;
        f.write_all(self.to_file_text().as_bytes()).map_err(err)?;
        f.sync_all().map_err(err)?;
        std::fs::rename(&tmp, path).map_err(err)
    }

    /// Key ids, oldest first; the last one encrypts.
    pub fn kids(&self) -> Vec<&str> {
        self.kunci.iter().map(|k| k.kid.as_str()).collect()
    }

    pub fn kid_aktif(&self) -> &str {
        &self.aktif().kid
    }

    fn aktif(&self) -> &Kunci {
        self.kunci.last().expect("a ring is never empty")
    }

    /// This ring plus a fresh key that becomes the one that encrypts.
    pub fn rotated(&self) -> Brankas {
        let mut kunci: Vec<Kunci> = self
            .kunci
            .iter()
            .map(|k| Kunci::from_master(k.master))
            .collect();
        kunci.push(Kunci::from_master(rand::rng().random()));
        Brankas { kunci }
    }

    /// Only the key that encrypts: what remains after a finished rotation.
    pub fn only_active(&self) -> Brankas {
        Brankas {
            kunci: vec![Kunci::from_master(self.aktif().master)],
        }
    }

    /// Encrypts `nilai` (already normalised, e.g. a canonical phone) for
    /// column `kolom` of row `pemilik`.
    pub fn seal(&self, kolom: KolomRahasia, pemilik: Uuid, nilai: &str) -> DataTersandi {
        let k = self.aktif();
        let nonce: [u8; NONCE_LEN] = rand::rng().random();
        let sandi = k
            .aead
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: nilai.as_bytes(),
                    aad: &aad(kolom, pemilik),
                },
            )
            .expect("XChaCha20-Poly1305 encryption does not fail for in-memory data");
        let mut blob = nonce.to_vec();
        blob.extend_from_slice(&sandi);
        DataTersandi {
            sandi: format!("{}:{}", k.kid, URL_SAFE_NO_PAD.encode(blob)),
            indeks: k.indeks(kolom, nilai),
        }
    }

    pub fn open(
        &self,
        kolom: KolomRahasia,
        pemilik: Uuid,
        data: &DataTersandi,
    ) -> Result<String, KunciError> {
        let (kid, b64) = data
            .sandi
            .split_once(':')
            .ok_or(KunciError::Rusak(kolom.label()))?;
        let k = self
            .kunci
            .iter()
            .find(|k| k.kid == kid)
            .ok_or_else(|| KunciError::TidakDikenal(kid.to_string()))?;
        let blob = URL_SAFE_NO_PAD
            .decode(b64)
            .map_err(|_| KunciError::Rusak(kolom.label()))?;
        if blob.len() < NONCE_LEN {
            return Err(KunciError::Rusak(kolom.label()));
        }
        let (nonce, sandi) = blob.split_at(NONCE_LEN);
        let plain = k
            .aead
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sandi,
                    aad: &aad(kolom, pemilik),
                },
            )
            .map_err(|_| KunciError::Rusak(kolom.label()))?;
        String::from_utf8(plain).map_err(|_| KunciError::Rusak(kolom.label()))
    }

    /// The blind index of `nilai` under the key that encrypts: what a row
    /// written now carries (and what counting recent rows asks for).
    pub fn indeks(&self, kolom: KolomRahasia, nilai: &str) -> String {
        self.aktif().indeks(kolom, nilai)
    }

    /// The blind index of `nilai` under every key of the ring: a lookup
    /// matches rows written before and after a rotation.
    pub fn indeks_semua(&self, kolom: KolomRahasia, nilai: &str) -> Vec<String> {
        self.kunci.iter().map(|k| k.indeks(kolom, nilai)).collect()
    }

    /// The blind index of one supporter-name search token (see
    /// [`posko_domain::token_nama`]) under the key that encrypts: what is
    /// stored. Its own label keeps it apart from every column's index.
    pub fn indeks_nama(&self, token: &str) -> String {
        self.aktif().indeks_label(LABEL_NAMA, token)
    }

    /// The same under every key of the ring: what a search asks for, so
    /// rows indexed before a rotation are found too.
    pub fn indeks_nama_semua(&self, token: &str) -> Vec<String> {
        self.kunci
            .iter()
            .map(|k| k.indeks_label(LABEL_NAMA, token))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOLOM: KolomRahasia = KolomRahasia::PenggunaTelepon;

    #[test]
    fn seals_and_opens_and_binds_to_its_row() {
        let b = Brankas::generate();
        let id = Uuid::now_v7();
        let d = b.seal(KOLOM, id, "+6281234567890");
        assert!(!d.sandi.contains("6281234567890"));
        assert!(d.sandi.starts_with(b.kid_aktif()));
        assert_eq!(b.open(KOLOM, id, &d).unwrap(), "+6281234567890");
        // Same value, fresh nonce: ciphertexts differ, the index does not.
        let d2 = b.seal(KOLOM, id, "+6281234567890");
        assert_ne!(d.sandi, d2.sandi);
        assert_eq!(d.indeks, d2.indeks);
        // Moved to another row: refused.
        assert!(matches!(
            b.open(KOLOM, Uuid::now_v7(), &d),
            Err(KunciError::Rusak(_))
        ));
        // One flipped character: refused.
        let mut bad = d.clone();
        let last = bad.sandi.pop().unwrap();
        bad.sandi.push(if last == 'A' { 'B' } else { 'A' });
        assert!(b.open(KOLOM, id, &bad).is_err());
        // Another campaign's key: unknown, not garbage.
        let other = Brankas::generate();
        assert!(matches!(
            other.open(KOLOM, id, &d),
            Err(KunciError::TidakDikenal(_))
        ));
        assert_ne!(other.indeks_semua(KOLOM, "+6281234567890")[0], d.indeks);
    }

    #[test]
    fn file_round_trip_and_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("posko.key");
        let b = Brankas::generate();
        b.save(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let loaded = Brankas::load(&path).unwrap();
        assert_eq!(loaded.kids(), b.kids());
        let id = Uuid::now_v7();
        let old = b.seal(KOLOM, id, "x");
        let r = loaded.rotated();
        assert_eq!(r.kids().len(), 2);
        assert_ne!(r.kid_aktif(), b.kid_aktif());
        assert_eq!(r.open(KOLOM, id, &old).unwrap(), "x");
        assert!(r.indeks_semua(KOLOM, "x").contains(&old.indeks));
        let new = r.seal(KOLOM, id, "x");
        assert!(new.sandi.starts_with(r.kid_aktif()));
        let done = r.only_active();
        assert!(done.open(KOLOM, id, &old).is_err());
        assert_eq!(done.open(KOLOM, id, &new).unwrap(), "x");
    }

    #[test]
    fn bad_key_files_say_which_line() {
        let good = Brankas::generate().to_file_text();
        let key_line = good.lines().find(|l| l.starts_with(FORMAT)).unwrap();
        let err = |text: &str| Brankas::parse(text, "k.key").unwrap_err().to_string();
        assert_eq!(err("# only a comment\n"), "k.key: tidak berisi kunci");
        assert!(err("\nposko-kunci-1 abc\n").starts_with("k.key: baris 2: harus tiga bagian"));
        assert!(err("posko-kunci-9 a b").contains("format 'posko-kunci-9' tidak dikenal"));
        assert!(err("posko-kunci-1 00000000 !!!").contains("bukan base64"));
        assert!(err("posko-kunci-1 00000000 AAAA").contains("harus 32 byte, ada 3"));
        let relabelled = key_line.replacen(&key_line[14..22], "deadbeef", 1);
        assert!(
            err(&relabelled).contains("tidak cocok"),
            "{}",
            err(&relabelled)
        );
        assert!(!format!("{:?}", Brankas::parse(&good, "k").unwrap()).contains(&key_line[23..]));
    }
}
