//! The shared storage suite on a real SQLite file per test.

use std::sync::Arc;

use posko_sqlite::SqliteStore;
use posko_storage::conformance::DynStore;

async fn fresh() -> Option<DynStore> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.keep().join("posko.db");
    let store = SqliteStore::open(&path).await.expect("open sqlite");
    Some(Arc::new(store))
}

posko_storage::conformance_tests!("sqlite", fresh());
