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

/// A ledger entry cannot be changed or removed, even in SQL.
#[tokio::test]
async fn dana_entries_refuse_update_and_delete() {
    let Ok(url) = std::env::var("POSKO_TEST_POSTGRES_URL") else {
        return;
    };
    let store = PostgresStore::connect_fresh_schema(&url).await.unwrap();
    let schema = store.schema().unwrap().to_string();
    let dyn_store: DynStore = Arc::new(store.clone());
    let id = posko_storage::conformance::dana_satu_entri(&dyn_store).await;
    let (c, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    c.batch_execute(&format!("SET search_path = {schema}"))
        .await
        .unwrap();
    for sql in [
        "UPDATE dana_entri SET nilai = 1 WHERE id = $1",
        "DELETE FROM dana_entri WHERE id = $1",
    ] {
        let e = c.execute(sql, &[&id]).await.unwrap_err();
        let pesan = e
            .as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_default();
        assert!(
            pesan.contains("tidak boleh diubah atau dihapus"),
            "{sql}: {e}"
        );
    }
    drop(dyn_store);
    store.drop_own_schema().await.unwrap();
}
