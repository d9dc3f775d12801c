//! The shared storage suite on a real PostgreSQL, one fresh schema per test.
//! Runs when POSKO_TEST_POSTGRES_URL is set (CI sets it); skipped otherwise.

use std::sync::Arc;

use posko_postgres::PostgresStore;
use posko_storage::conformance::DynStore;

async fn fresh() -> Option<DynStore> {
    let url = std::env::var("POSKO_TEST_POSTGRES_URL").ok()?;
    let store = PostgresStore::connect_fresh_schema(&url)
        .await
        .unwrap_or_else(|e| panic!("POSKO_TEST_POSTGRES_URL is set but unusable: {e}"));
    Some(Arc::new(store))
}

posko_storage::conformance_tests!("postgres", fresh());

/// A new store method cannot forget its span.
#[test]
fn every_store_method_opens_a_span() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lupa = posko_storage::conformance::store_methods_without_span(&src);
    assert!(
        lupa.is_empty(),
        "store methods without {}: {lupa:#?}",
        posko_storage::conformance::INSTRUMENT
    );
}
