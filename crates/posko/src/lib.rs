//! The `posko` binary's library half: picking a backend from a database
//! URL, and the command line. Kept as a library so tests can start the
//! real server in-process.

pub mod bench;
pub mod cli;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use posko_app::Posko;
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

/// Opens the store named by `url`, migrating it to the current schema.
pub async fn connect(url: &str) -> anyhow::Result<Posko> {
    let store: Arc<dyn Store> = match DatabaseUrl::parse(url)? {
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
    };
    Ok(Posko::new(store))
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
