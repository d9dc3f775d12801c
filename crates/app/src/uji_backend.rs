//! Test support: a use case's test runs on a real store of each backend,
//! SQLite always and PostgreSQL (a fresh schema per test) when
//! POSKO_TEST_POSTGRES_URL is set; under CI a missing PostgreSQL fails
//! rather than skips.

use std::sync::Arc;

use posko_storage::Store;

pub(crate) async fn sqlite() -> Arc<dyn Store> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.keep().join("posko.db");
    Arc::new(posko_sqlite::SqliteStore::open(&path).await.unwrap())
}

pub(crate) async fn postgres() -> Option<Arc<dyn Store>> {
    let url = std::env::var("POSKO_TEST_POSTGRES_URL").ok()?;
    Some(Arc::new(
        posko_postgres::PostgresStore::connect_fresh_schema(&url)
            .await
            .unwrap(),
    ))
}

/// `dua_backend!(a, b)`: `sqlite::a`, `postgres::a`, … from one
/// `async fn a(store: Arc<dyn Store>)` each in the calling module.
macro_rules! dua_backend {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(crate::uji_backend::sqlite().await).await
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    match crate::uji_backend::postgres().await {
                        Some(store) => super::$name(store).await,
                        None if std::env::var("CI").is_ok() => {
                            panic!("CI needs POSKO_TEST_POSTGRES_URL")
                        }
                        None => eprintln!("postgres skipped: POSKO_TEST_POSTGRES_URL not set"),
                    }
                }
            )+
        }
    };
}
pub(crate) use dua_backend;
