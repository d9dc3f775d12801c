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

/// `#[tracing::instrument]` inside an `#[async_trait]` impl really opens a
/// span named for the method when the method is called through the trait.
#[tokio::test]
async fn a_store_method_call_opens_its_span() {
    use std::sync::Mutex;
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Default)]
    struct Spans(Mutex<Vec<&'static str>>);
    impl Subscriber for Spans {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut names = self.0.lock().unwrap();
            names.push(span.metadata().name());
            Id::from_u64(names.len() as u64)
        }
        fn record(&self, _: &Id, _: &Record<'_>) {}
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, _: &Event<'_>) {}
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }

    let store = fresh().await.expect("sqlite store");
    let spans = Arc::new(Spans::default());
    let _guard = tracing::subscriber::set_default(spans.clone());
    store.hitung_wilayah_per_tingkat().await.expect("count");
    let names = spans.0.lock().unwrap().clone();
    assert!(names.contains(&"hitung_wilayah_per_tingkat"), "{names:?}");
}

/// A ledger entry cannot be changed or removed, even in SQL.
#[tokio::test]
async fn dana_entries_refuse_update_and_delete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("posko.db");
    let store: DynStore = Arc::new(SqliteStore::open(&path).await.expect("open sqlite"));
    let id = posko_storage::conformance::dana_satu_entri(&store)
        .await
        .to_string();
    let c = rusqlite::Connection::open(&path).unwrap();
    let ubah = c
        .execute("UPDATE dana_entri SET nilai = 1 WHERE id = ?1", [&id])
        .unwrap_err();
    assert!(ubah.to_string().contains("tidak boleh diubah"), "{ubah}");
    let hapus = c
        .execute("DELETE FROM dana_entri WHERE id = ?1", [&id])
        .unwrap_err();
    assert!(hapus.to_string().contains("tidak boleh dihapus"), "{hapus}");
}
