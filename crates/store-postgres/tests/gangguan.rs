//! A PostgreSQL that cannot be reached is a typed outage
//! (`StoreError::TidakTersedia`), which the web layer answers 503 with
//! `Retry-After`; a wrong URL or a refused statement is not. Needs no
//! server: the port is one nothing listens on.

use posko_postgres::PostgresStore;
use posko_storage::StoreError;

#[tokio::test]
async fn a_refused_connection_is_an_outage() {
    // Bound then dropped: a local port that refuses connections.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = PostgresStore::connect(&format!("postgres://postgres@127.0.0.1:{port}/posko"))
        .await
        .err()
        .expect("nothing listens there");
    assert!(matches!(e, StoreError::TidakTersedia(_)), "{e:?}");
    assert!(e.tidak_tersedia());
    assert!(e.to_string().contains("tidak dapat dihubungi"), "{e}");
}

#[tokio::test]
async fn a_bad_url_is_not_an_outage() {
    let e = PostgresStore::connect("postgres://127.0.0.1:notaport/x")
        .await
        .err()
        .expect("not a URL");
    assert!(!e.tidak_tersedia(), "{e:?}");
}
