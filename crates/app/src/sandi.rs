//! Argon2id work, bounded. One check fills 19 MiB (Argon2's default m_cost
//! of 19,456 KiB, OWASP's minimum); 200 sign-ins at once from one address
//! once took the server from 0.25 GB to 2.7 GB because each ran on its own
//! blocking thread. Every Argon2 run in Posko (checking a sign-in, the
//! dummy check for an unknown name, hashing a new password) goes through
//! [`kerjakan`]: at most [`serentak`] at once, each filling a memory buffer
//! kept for the next run, so Argon2's memory is a fixed number of buffers
//! rather than whatever the allocator keeps around; a run that cannot start
//! within [`ARGON2_TUNGGU`] is refused as [`AppError::Sibuk`] (503 with
//! `Retry-After`, "try again shortly") instead of queueing without end.

use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::Rng;
use tokio::sync::Semaphore;

use crate::{AppError, Result};

/// How long a run waits for its turn. A sign-in check takes about 0.1 s of
/// one core here, so a person who signs in while others do waits a moment;
/// a flood waits this long, then is told to come back.
pub const ARGON2_TUNGGU: Duration = Duration::from_secs(5);

/// Runs at once never exceed this, however many cores: past 8 parallel
/// checks sign-in throughput (dozens a second) is beyond any campaign's
/// need, and Argon2's memory stays at 8 × 19 MiB.
const ARGON2_MAKS: usize = 8;

/// Runs at once: one per core (Argon2 is CPU-bound; more at once only
/// holds more memory while each goes slower), between 1 and
/// [`ARGON2_MAKS`].
pub fn serentak() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, ARGON2_MAKS)
}

/// The turns and the buffers; at most one buffer per turn ever exists.
struct Giliran {
    izin: Arc<Semaphore>,
    memori: Mutex<Vec<Vec<Block>>>,
}

static GILIRAN: LazyLock<Giliran> = LazyLock::new(|| Giliran {
    izin: Arc::new(Semaphore::new(serentak())),
    memori: Mutex::new(Vec::new()),
});

/// Runs `kerja` on a blocking thread once a turn is free, with a buffer
/// for Argon2's memory; refuses with [`AppError::Sibuk`] if no turn frees
/// within [`ARGON2_TUNGGU`]. The turn and the buffer travel with the
/// blocking work and come back only when it ends: a client that hangs up
/// mid-check drops the request, not the bound.
async fn kerjakan<T: Send + 'static>(
    kerja: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
) -> Result<T> {
    let izin = tokio::time::timeout(ARGON2_TUNGGU, GILIRAN.izin.clone().acquire_owned())
        .await
        .map_err(|_| AppError::Sibuk("terlalu banyak pemeriksaan kata sandi bersamaan".into()))?
        .map_err(|e| AppError::internal("giliran Argon2", e))?;
    crate::latar::kerja("memeriksa kata sandi", move || {
        let mut memori = GILIRAN
            .memori
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop()
            .unwrap_or_default();
        let hasil = kerja(&mut memori);
        GILIRAN
            .memori
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(memori);
        drop(izin);
        hasil
    })
    .await
}

/// Argon2's memory for `params` in `memori`, grown once and then reused.
fn siapkan<'a>(memori: &'a mut Vec<Block>, params: &Params) -> &'a mut [Block] {
    let n = params.block_count();
    if memori.len() < n {
        memori.resize(n, Block::default());
    }
    &mut memori[..n]
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) of `password`
/// with a fresh random salt and Argon2's default parameters.
pub(crate) async fn hash(password: String) -> Result<String> {
    kerjakan(move |memori| {
        let params = Params::default();
        let salt: [u8; 16] = rand::rng().random();
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
            .hash_password_into_with_memory(
                password.as_bytes(),
                &salt,
                &mut out,
                siapkan(memori, &params),
            )
            .map_err(|e| AppError::internal("hash kata sandi", e.to_string()))?;
        let salt =
            SaltString::encode_b64(&salt).map_err(|e| AppError::internal("salt", e.to_string()))?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params)
                .map_err(|e| AppError::internal("hash kata sandi", e.to_string()))?,
            salt: Some(salt.as_salt()),
            hash: Some(
                Output::new(&out)
                    .map_err(|e| AppError::internal("hash kata sandi", e.to_string()))?,
            ),
        };
        Ok(phc.to_string())
    })
    .await?
}

/// Whether `password` matches the PHC string `hash` (false for a string
/// that is not an Argon2 hash).
pub(crate) async fn cocok(hash: String, password: String) -> Result<bool> {
    kerjakan(move |memori| cocok_dengan(memori, &hash, &password)).await
}

/// What `PasswordVerifier::verify_password` does, with our buffer: the
/// hash's own algorithm, version and parameters over its salt, compared
/// in constant time (`Output`'s equality).
fn cocok_dengan(memori: &mut Vec<Block>, hash: &str, password: &str) -> bool {
    let Ok(h) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(harap)) = (h.salt, h.hash) else {
        return false;
    };
    let (Ok(algoritma), Ok(params)) = (Algorithm::try_from(h.algorithm), Params::try_from(&h))
    else {
        return false;
    };
    let versi = match h.version.map(Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let mut out = vec![0u8; harap.len()];
    Argon2::new(algoritma, versi, params.clone())
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt,
            &mut out,
            siapkan(memori, &params),
        )
        .is_ok()
        && Output::new(&out).is_ok_and(|o| o == harap)
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    use super::*;

    #[tokio::test]
    async fn hashes_are_standard_argon2id_both_ways() {
        let h = hash("rahasia-sekali".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        // What the argon2 crate verifies, we verify, and the other way round.
        let parsed = PasswordHash::new(&h).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"rahasia-sekali", &parsed)
                .is_ok()
        );
        assert!(cocok(h.clone(), "rahasia-sekali".into()).await.unwrap());
        assert!(!cocok(h, "rahasia-sekalI".into()).await.unwrap());
        let salt = SaltString::encode_b64(b"garam-enam-belas").unwrap();
        let lama = Argon2::default()
            .hash_password(b"sandi-lama", &salt)
            .unwrap()
            .to_string();
        assert!(cocok(lama.clone(), "sandi-lama".into()).await.unwrap());
        assert!(!cocok(lama, "sandi-baru".into()).await.unwrap());
        assert!(!cocok("bukan-hash".into(), "x".into()).await.unwrap());
        assert!(!cocok("$argon2id$dummy".into(), "x".into()).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn runs_at_once_never_exceed_the_bound_and_buffers_are_reused() {
        let aktif = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let puncak = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tugas = Vec::new();
        for _ in 0..(serentak() * 4) {
            let (aktif, puncak) = (aktif.clone(), puncak.clone());
            tugas.push(tokio::spawn(kerjakan(move |_| {
                use std::sync::atomic::Ordering::SeqCst;
                let n = aktif.fetch_add(1, SeqCst) + 1;
                puncak.fetch_max(n, SeqCst);
                std::thread::sleep(Duration::from_millis(20));
                aktif.fetch_sub(1, SeqCst);
            })));
        }
        for t in tugas {
            t.await.unwrap().unwrap();
        }
        let puncak = puncak.load(std::sync::atomic::Ordering::SeqCst);
        assert!((1..=serentak()).contains(&puncak), "{puncak}");
        let buffers = GILIRAN.memori.lock().unwrap().len();
        assert!(buffers <= serentak(), "{buffers} buffers");
    }
}
