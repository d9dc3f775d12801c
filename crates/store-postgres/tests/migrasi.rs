//! Migration checksums on a real PostgreSQL: an applied migration whose text
//! no longer matches the binary refuses to start. Runs when
//! POSKO_TEST_POSTGRES_URL is set (CI sets it).

use posko_postgres::PostgresStore;
use posko_storage::StoreError;

#[tokio::test]
async fn a_changed_applied_migration_refuses_to_start() {
    let Ok(url) = std::env::var("POSKO_TEST_POSTGRES_URL") else {
        return;
    };
    let schema = format!("uji_migrasi_{}", uuid::Uuid::now_v7().simple());
    PostgresStore::connect_in_schema(&url, Some(&schema))
        .await
        .expect("first start migrates");
    // A second start finds every checksum as it left them.
    PostgresStore::connect_in_schema(&url, Some(&schema))
        .await
        .expect("second start");

    let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let kosong: i64 = client
        .query_one(
            &format!("SELECT COUNT(*) FROM {schema}.posko_migrasi WHERE cek IS NULL"),
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(kosong, 0);
    client
        .batch_execute(&format!(
            "UPDATE {schema}.posko_migrasi SET cek = 'ab' WHERE versi = 3"
        ))
        .await
        .unwrap();
    let err = PostgresStore::connect_in_schema(&url, Some(&schema))
        .await
        .err()
        .expect("a changed migration must refuse");
    assert!(
        matches!(err, StoreError::MigrasiBerubah { versi: 3, .. }),
        "{err}"
    );
    client
        .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
        .await
        .unwrap();
}
