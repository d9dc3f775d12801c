//! Acknowledged means durable on PostgreSQL: every connection of both pools
//! commits with `synchronous_commit = on`, whatever the URL, the role or the
//! server default says.

use crate::PostgresStore;
use tokio_postgres::NoTls;

#[tokio::test]
async fn every_connection_commits_synchronously() {
    let Ok(url) = std::env::var("POSKO_TEST_POSTGRES_URL") else {
        return;
    };
    // A database of its own: without a schema the store migrates `public`.
    let db = format!("uji_tahan_{}", uuid::Uuid::now_v7().simple());
    let (admin, conn) = tokio_postgres::connect(&url, NoTls).await.unwrap();
    let task = tokio::spawn(conn);
    admin
        .batch_execute(&format!("CREATE DATABASE {db}"))
        .await
        .unwrap();
    let config: tokio_postgres::Config = url.parse().unwrap();
    let (host, port) = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => (h.clone(), config.get_ports()[0]),
        _ => panic!("TCP URL expected"),
    };
    let user = config.get_user().unwrap_or("postgres").to_string();
    // As if the URL, the role or the server asked for asynchronous commits.
    let url_off = format!(
        "host={host} port={port} user={user} dbname={db} options='-c synchronous_commit=off'"
    );
    let hasil = async {
        let store = PostgresStore::connect_in_schema(&url_off, None).await?;
        let mut nilai = Vec::new();
        for c in [store.conn().await?, store.conn_baca().await?] {
            let v: String = c
                .query_one("SHOW synchronous_commit", &[])
                .await
                .map_err(crate::backend_err)?
                .get(0);
            nilai.push(v);
        }
        Ok::<_, posko_storage::StoreError>(nilai)
    }
    .await;
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .await
        .unwrap();
    drop(admin);
    let _ = task.await;
    assert_eq!(hasil.unwrap(), ["on", "on"]);
}
