//! The `posko` binary's library half: picking a backend from a database
//! URL, and the command line. Kept as a library so tests can start the
//! real server in-process.

pub mod bench;
pub mod bench_dana;
pub mod bench_dpt;
pub mod bench_hasil;
pub mod bench_hitung_cepat;
pub mod bench_kedatangan;
pub mod bench_kejanggalan;
pub mod bench_mutu;
pub mod bench_pesan;
pub mod bench_peta;
pub mod bench_survei;
pub mod bench_survei_demo;
pub mod cli;
pub mod dpt;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use posko_app::{Brankas, FotoStore, Posko};
use posko_postgres::PostgresStore;
use posko_sqlite::SqliteStore;
use posko_storage::Store;

/// Where the data lives, parsed from `--database-url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// `sqlite://PATH`, `sqlite:PATH`, `postgres://…`, `postgresql://…`,
    /// or a bare file path (SQLite).
    pub fn parse(url: &str) -> anyhow::Result<DatabaseUrl> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_string()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if path.is_empty() || path.contains("://") {
            bail!(
                "URL basis data '{url}' tidak dikenal: pakai sqlite://BERKAS.db atau postgres://pengguna@host/basisdata"
            );
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }
}

impl DatabaseUrl {
    /// Where photos of forms are kept unless `POSKO_S3_BUCKET` or
    /// `POSKO_FOTO_DIR` says: beside a SQLite file (`posko.db` →
    /// `posko.foto/`), or `posko-foto/` in the working folder.
    pub fn default_foto_dir(&self) -> PathBuf {
        match self {
            DatabaseUrl::Sqlite(path) => path.with_extension("foto"),
            DatabaseUrl::Postgres(_) => PathBuf::from("posko-foto"),
        }
    }

    /// Where the data key lives when neither `--key-file` nor `POSKO_KEY`
    /// says: beside a SQLite file (`posko.db` → `posko.key`), or
    /// `posko.key` in the working folder for PostgreSQL.
    pub fn default_key_file(&self) -> PathBuf {
        match self {
            DatabaseUrl::Sqlite(path) => path.with_extension("key"),
            DatabaseUrl::Postgres(_) => PathBuf::from("posko.key"),
        }
    }
}

/// Where the data key comes from.
#[derive(Debug, Clone, Default)]
pub struct KeySource {
    /// `--key-file` / `POSKO_KEY_FILE`.
    pub file: Option<PathBuf>,
    /// `POSKO_KEY`: the key file's text itself, for hosts that inject
    /// secrets as environment variables. Used when no file is named.
    pub env: Option<String>,
}

impl KeySource {
    pub fn from_env(file: Option<PathBuf>) -> KeySource {
        KeySource {
            file,
            env: std::env::var("POSKO_KEY")
                .ok()
                .filter(|k| !k.trim().is_empty()),
        }
    }

    /// The file this source reads or would create, if it is a file.
    pub fn path(&self, url: &DatabaseUrl) -> Option<PathBuf> {
        match (&self.file, &self.env) {
            (Some(f), _) => Some(f.clone()),
            (None, Some(_)) => None,
            (None, None) => Some(url.default_key_file()),
        }
    }
}

/// Opens the store named by `url`, migrating it to the current schema,
/// with the data key from `key` (created on first use of an empty
/// database; refused when it cannot read what the database holds).
pub async fn connect(url: &str, key: &KeySource) -> anyhow::Result<Posko> {
    let parsed = DatabaseUrl::parse(url)?;
    let store = open_store(&parsed).await?;
    let brankas = match key.path(&parsed) {
        None => Brankas::parse(key.env.as_deref().unwrap_or_default(), "POSKO_KEY")?,
        Some(path) if path.exists() => {
            warn_if_readable_by_others(&path);
            Brankas::load(&path)?
        }
        Some(path) => {
            if !store.daftar_kid_terpakai().await?.is_empty() {
                bail!(
                    "berkas kunci {} tidak ada, padahal basis data berisi data pribadi terenkripsi; pakai berkas kunci yang benar (--key-file atau POSKO_KEY_FILE)",
                    path.display()
                );
            }
            let b = Brankas::generate();
            b.save(&path)?;
            eprintln!(
                "Kunci data baru dibuat: {} (kunci {}). Simpan salinannya terpisah dari basis data: tanpa berkas ini nomor telepon dan NIK tidak bisa dibaca.",
                path.display(),
                b.kid_aktif()
            );
            b
        }
    };
    let foto = foto_store(&parsed).await?;
    let posko = Posko::new(store, Arc::new(brankas)).with_foto(foto);
    posko.check_kunci().await?;
    // Supporters stored before the name index existed become searchable.
    posko.lengkapi_indeks_nama(false).await?;
    Ok(posko)
}

/// Where photos of forms are kept: the S3-compatible bucket that
/// `POSKO_S3_BUCKET` names (asked once now, so a wrong endpoint, bucket or
/// key stops the start), else the folder `POSKO_FOTO_DIR`, else the folder
/// beside the database. Also what `posko backup` and `posko restore`
/// copy from and into.
pub async fn foto_store(url: &DatabaseUrl) -> anyhow::Result<Arc<dyn FotoStore>> {
    if let Some(s) = posko_app::SetelanS3::dari_env().map_err(anyhow::Error::msg)? {
        let s3 = posko_app::FotoS3::new(&s).context("penyimpanan foto S3")?;
        s3.siap()
            .await
            .with_context(|| format!("penyimpanan foto {}", s3.lokasi()))?;
        return Ok(Arc::new(s3));
    }
    let foto_dir = std::env::var_os("POSKO_FOTO_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| url.default_foto_dir());
    let foto = posko_app::FotoLokal::siapkan(&foto_dir)
        .with_context(|| format!("folder foto {}", foto_dir.display()))?;
    Ok(Arc::new(foto))
}

fn warn_if_readable_by_others(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path)
            && m.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(
                "berkas kunci {} bisa dibaca pengguna lain; jalankan: chmod 600 {}",
                path.display(),
                path.display()
            );
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Opens the store without a key: for commands that touch no personal
/// data (benchmarks) and for key rotation, which brings its own ring.
pub async fn open_store(url: &DatabaseUrl) -> anyhow::Result<Arc<dyn Store>> {
    Ok(match url.clone() {
        DatabaseUrl::Sqlite(path) => Arc::new(
            SqliteStore::open(&path)
                .await
                .with_context(|| format!("membuka SQLite {}", path.display()))?,
        ),
        DatabaseUrl::Postgres(url) => Arc::new(
            PostgresStore::connect(&url)
                .await
                .context("menghubungi PostgreSQL")?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/posko.db").unwrap(),
            DatabaseUrl::Sqlite("data/posko.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("posko.db").unwrap(),
            DatabaseUrl::Sqlite("posko.db".into())
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1/test").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert!(DatabaseUrl::parse("").is_err());
    }
}
