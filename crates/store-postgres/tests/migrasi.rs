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

/// Migration 32 moves voters stored a row each (migration 16) into packed
/// TPS rows, in DPT order, and drops the old table.
#[tokio::test]
async fn voters_stored_a_row_each_are_moved_into_tps_rows() {
    use posko_domain::{KodeTps, KodeWilayah};
    use posko_storage::PemilihStore;
    let Ok(url) = std::env::var("POSKO_TEST_POSTGRES_URL") else {
        return;
    };
    let schema = format!("uji_pemilih_lama_{}", uuid::Uuid::now_v7().simple());
    drop(
        PostgresStore::connect_in_schema(&url, Some(&schema))
            .await
            .unwrap(),
    );
    let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    // Back to the schema before migration 32 (undoing it and every later
    // one), with voters in the old table, out of order.
    client
        .batch_execute(&format!(
            "SET search_path = {schema};
             DELETE FROM posko_migrasi WHERE versi >= 32;
             DROP TABLE medsos_dokumen, medsos_nomor; DROP FUNCTION medsos_dokumen_tetap;
             DROP TABLE lapangan_dokumen, lapangan_nomor; DROP FUNCTION lapangan_dokumen_tetap;
         DROP TABLE dana_penyampaian, dana_pengembalian, dana_entri, dana_penyumbang, dana_pengaturan;
             DROP FUNCTION dana_entri_tetap;
             DROP TABLE pemilih_tps;
             CREATE TABLE pemilih (
               kode_desa TEXT COLLATE \"C\" NOT NULL, nomor_tps SMALLINT NOT NULL,
               urut INTEGER NOT NULL, nama TEXT NOT NULL, jenis_kelamin CHAR(1) NOT NULL,
               tanggal_lahir DATE, usia SMALLINT, alamat TEXT, rt SMALLINT, rw SMALLINT,
               nik_tersamar TEXT, PRIMARY KEY (kode_desa, nomor_tps, urut));
             INSERT INTO pemilih VALUES
               ('32.73.01.1001', 1, 2, 'SITI AMINAH', 'P', '1980-02-03', NULL, 'JL MAWAR 2', 1, 4, NULL),
               ('32.73.01.1001', 1, 1, 'BUDI', 'L', NULL, 44, NULL, NULL, NULL, '3273**********01'),
               ('32.73.01.1001', 2, 1, 'ASEP', 'L', '1990-12-31', NULL, NULL, NULL, NULL, NULL);"
        ))
        .await
        .unwrap();
    let store = PostgresStore::connect_in_schema(&url, Some(&schema))
        .await
        .expect("migration 32 moves the old rows");
    let desa = KodeWilayah::parse("32.73.01.1001").unwrap();
    let tps1 = KodeTps::parse("32.73.01.1001-001").unwrap();
    let v = store.daftar_pemilih_tps(tps1).await.unwrap();
    assert_eq!(
        v.iter()
            .map(|p| (p.urut, p.nama.as_str()))
            .collect::<Vec<_>>(),
        [(1, "BUDI"), (2, "SITI AMINAH")]
    );
    assert_eq!(v[0].usia, Some(44));
    assert_eq!(v[1].alamat.as_deref(), Some("JL MAWAR 2"));
    assert_eq!(v[1].rw, Some(4));
    let per_tps = store
        .hitung_pemilih_per_tps(KodeWilayah::parse("32.73").unwrap())
        .await
        .unwrap();
    assert_eq!(per_tps.len(), 2);
    assert_eq!(per_tps.iter().map(|(_, n)| n).sum::<u32>(), 3);
    let lahir = time::macros::date!(1980 - 02 - 03);
    let cari = store
        .cari_pemilih("Siti Aminah", lahir, desa)
        .await
        .unwrap();
    assert_eq!(cari.len(), 1);
    let lama: bool = client
        .query_one(
            &format!("SELECT to_regclass('{schema}.pemilih') IS NOT NULL"),
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(!lama, "the old table is dropped");
    client
        .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
        .await
        .unwrap();
}
