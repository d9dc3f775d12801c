//! The audit log is tamper-evident: edits and deletions made directly in
//! the database, behind Posko's back, are found by `posko audit verify`.

use crate::common;

use std::process::Command;

use common::{shared_data, store_dki};
use posko_app::{Aktor, Posko};
use posko_domain::KodeWilayah;

async fn some_history(posko: &Posko) {
    common::pemilihan_gubernur(posko, &Aktor::cli(), "31", 3).await;
}

fn verify(db: &std::path::Path) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_posko"))
        .args(["audit", "verify", "--database-url"])
        .arg(format!("sqlite://{}", db.display()))
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn direct_edits_to_the_sqlite_file_are_detected() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki("sqlite", &data, dir.path()).await;
    some_history(&posko).await;
    drop(posko);
    let db = dir.path().join("posko.db");

    let (ok, out, _) = verify(&db);
    assert!(ok, "{out}");
    assert!(out.contains("6 entri diperiksa"), "{out}");

    // Each tampering on a fresh copy of the same file.
    let cases: [(&str, &str); 4] = [
        (
            "UPDATE audit_log SET ringkasan = 'tidak ada apa-apa' WHERE seq = 3",
            "entri 3: isinya diubah",
        ),
        (
            "DELETE FROM audit_log WHERE seq = 2",
            "ada entri yang hilang",
        ),
        (
            "DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2",
            "entri 2",
        ),
        (
            "UPDATE audit_log SET aktor = 'user:lain' WHERE seq = 6",
            "entri 6",
        ),
    ];
    for (i, (sql, expected)) in cases.iter().enumerate() {
        let copy = dir.path().join(format!("tamper{i}.db"));
        std::fs::copy(&db, &copy).unwrap();
        // WAL mode: recent pages may still be in the -wal file.
        let wal = db.with_extension("db-wal");
        if wal.exists() {
            std::fs::copy(&wal, copy.with_extension("db-wal")).unwrap();
        }
        let conn = rusqlite::Connection::open(&copy).unwrap();
        conn.execute_batch(sql).unwrap();
        drop(conn);
        let (ok, out, err) = verify(&copy);
        assert!(!ok, "tampering not detected: {sql}\n{out}");
        assert!(err.contains("JEJAK AUDIT RUSAK"), "{err}");
        assert!(err.contains(expected), "{sql}: {err}");
    }
}

#[test]
fn direct_edits_in_postgres_are_detected() {
    common::run_async("postgres", 2, direct_edits_in_postgres);
}

async fn direct_edits_in_postgres(_: &'static str) {
    let url = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    common::drop_after_test(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    let store = posko_postgres::PostgresStore::connect_in_schema(&url, Some(&schema))
        .await
        .unwrap();
    let posko = Posko::new(
        std::sync::Arc::new(store),
        std::sync::Arc::new(posko_app::Brankas::generate()),
    );
    posko
        .store()
        .simpan_wilayah(
            &[posko_storage::Wilayah {
                kode: KodeWilayah::parse("31").unwrap(),
                nama: "DKI Jakarta".into(),
                jenis_desa: None,
            }],
            &posko_domain::Jejak::new("system", "import.wilayah", "berkas", "x", "1", b"x"),
        )
        .await
        .unwrap();
    some_history(&posko).await;
    let check = posko.verify_audit().await.unwrap();
    assert_eq!((check.entries_checked, check.broken.clone()), (5, None));

    let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    client
        .batch_execute(&format!(
            "UPDATE {schema}.audit_log SET ringkasan = 'x' WHERE seq = 4"
        ))
        .await
        .unwrap();
    let check = posko.verify_audit().await.unwrap();
    assert_eq!(check.head_seq, 3);
    assert!(check.broken.unwrap().contains("entri 4"));
}

#[test]
fn audit_entries_name_the_actor_and_the_file() {
    let Some(_) = shared_data() else { return };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let posko = store_dki("sqlite", &shared_data().unwrap(), dir.path()).await;
        let log = posko.cari_audit(None, None, None, 10).await.unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].aksi, "import.tps");
        assert_eq!(log[0].entitas_id, "pilkada_dki2017_putaran1_dpt_tps.csv");
        assert!(log[0].ringkasan.contains("13023 baris"));
        assert_eq!(log[1].aksi, "import.wilayah");
        assert_eq!(log[0].hash_sebelum, log[1].hash);
    });
}

/// On PostgreSQL concurrent writers append to separate lanes (chains);
/// `posko audit verify` still finds an edit in lane 3, a deletion in the
/// middle of a lane, two lanes swapped, a reorder within a lane, an entry
/// appended behind Posko's back, and a lane cut short.
#[test]
fn direct_edits_in_postgres_lanes_are_detected() {
    common::run_async("postgres", 2, direct_edits_in_postgres_lanes);
}

async fn direct_edits_in_postgres_lanes(_: &'static str) {
    let url = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    common::drop_after_test(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    let store = posko_postgres::PostgresStore::connect_in_schema(&url, Some(&schema))
        .await
        .unwrap();
    let posko = Posko::new(
        std::sync::Arc::new(store),
        std::sync::Arc::new(posko_app::Brankas::generate()),
    );
    let tulis = |n: usize| {
        let posko = posko.clone();
        async move {
            for i in 0..n {
                posko
                    .store()
                    .catat_audit(&posko_domain::Jejak::new(
                        "system",
                        "uji.lajur",
                        "uji",
                        i.to_string(),
                        "entri uji",
                        b"x",
                    ))
                    .await
                    .unwrap();
            }
        }
    };
    tulis(3).await;
    // Lanes 0–2 held by another transaction: the next writes go to lane 3.
    let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    client
        .batch_execute(
            &format!(
                "BEGIN; SELECT pg_advisory_xact_lock(hashtext('{schema}'), l) FROM generate_series(0, 2) l"
            ),
        )
        .await
        .unwrap();
    tulis(5).await;
    client.batch_execute("ROLLBACK").await.unwrap();
    tulis(2).await;
    let check = posko.verify_audit().await.unwrap();
    assert_eq!(
        (check.entries_checked, check.lanes, check.broken.clone()),
        (10, 2, None)
    );
    let lanes: Vec<(i16, i64)> = client
        .query(
            &format!("SELECT lajur, count(*) FROM {schema}.audit_log GROUP BY 1 ORDER BY 1"),
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(lanes, [(0, 5), (3, 5)]);

    client
        .batch_execute(&format!(
            "CREATE TABLE {schema}.log_asli AS SELECT * FROM {schema}.audit_log;
             CREATE TABLE {schema}.lajur_asli AS SELECT * FROM {schema}.audit_lajur;
             DROP INDEX {schema}.audit_log_lajur"
        ))
        .await
        .unwrap();
    let s = &schema;
    let cases = [
        (
            format!("UPDATE {s}.audit_log SET ringkasan = 'x' WHERE lajur = 3 AND nomor = 2"),
            "isinya diubah (hash tidak cocok) [lajur 3]",
        ),
        (
            format!("DELETE FROM {s}.audit_log WHERE lajur = 3 AND nomor = 3"),
            "ada entri yang hilang [lajur 3]",
        ),
        (
            // Lanes 0 and 3 swapped, heads and all.
            format!(
                "UPDATE {s}.audit_log SET lajur = 100 + lajur WHERE lajur IN (0, 3);
                 UPDATE {s}.audit_log SET lajur = CASE lajur WHEN 100 THEN 3 ELSE 0 END
                  WHERE lajur >= 100;
                 UPDATE {s}.audit_lajur SET lajur = 100 + lajur WHERE lajur IN (0, 3);
                 UPDATE {s}.audit_lajur SET lajur = CASE lajur WHEN 100 THEN 3 ELSE 0 END
                  WHERE lajur >= 100"
            ),
            "isinya diubah",
        ),
        (
            // Two entries of lane 3 trade places (seq and place).
            format!(
                "UPDATE {s}.audit_log SET seq = -seq WHERE lajur = 3 AND nomor IN (2, 3);
                 UPDATE {s}.audit_log SET nomor = 5 - nomor, seq = -seq
                  WHERE lajur = 3 AND nomor IN (2, 3)"
            ),
            "[lajur 3]",
        ),
        (
            // An entry inserted in the middle of lane 3, after renumbering.
            format!(
                "UPDATE {s}.audit_log SET nomor = nomor + 1 WHERE lajur = 3 AND nomor >= 3;
                 INSERT INTO {s}.audit_log (seq, lajur, nomor, waktu, aktor, aksi, entitas,
                   entitas_id, ringkasan, hash_konten, hash_sebelum, hash)
                 SELECT 1000, lajur, 3, waktu, aktor, aksi, entitas, entitas_id, 'sisipan',
                        hash_konten, hash, hash
                   FROM {s}.audit_log WHERE lajur = 3 AND nomor = 2"
            ),
            "lajur 3",
        ),
        (
            format!(
                "INSERT INTO {s}.audit_log (seq, lajur, nomor, waktu, aktor, aksi, entitas,
                   entitas_id, ringkasan, hash_konten, hash_sebelum, hash)
                 SELECT 2000, lajur, nomor + 1, waktu, aktor, aksi, entitas, entitas_id, 'ekor',
                        hash_konten, hash, hash
                   FROM {s}.audit_log WHERE lajur = 3 AND nomor = 5"
            ),
            "lajur 3: kepalanya tercatat di nomor 5",
        ),
        (
            format!("DELETE FROM {s}.audit_log WHERE lajur = 3 AND nomor = 5"),
            "lajur 3: kepalanya tercatat di nomor 5, rantainya sampai nomor 4",
        ),
        (
            format!("UPDATE {s}.audit_log SET lajur = 7 WHERE lajur = 3 AND nomor = 4"),
            "lajur 7",
        ),
    ];
    for (sql, expected) in &cases {
        client.batch_execute(sql).await.unwrap();
        let check = posko.verify_audit().await.unwrap();
        let broken = check.broken.unwrap_or_default();
        assert!(broken.contains(expected), "{sql}\n{broken}");
        client
            .batch_execute(&format!(
                "TRUNCATE {s}.audit_log; INSERT INTO {s}.audit_log SELECT * FROM {s}.log_asli;
                 TRUNCATE {s}.audit_lajur; INSERT INTO {s}.audit_lajur SELECT * FROM {s}.lajur_asli"
            ))
            .await
            .unwrap();
        assert_eq!(posko.verify_audit().await.unwrap().broken, None);
    }
}
