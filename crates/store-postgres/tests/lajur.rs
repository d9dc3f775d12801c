//! The audit log's lanes on a real PostgreSQL: concurrent writers use
//! several lanes, every lane is checked against its head as `posko audit
//! verify` does (`posko_domain::PemeriksaAudit`), tampering in any lane is
//! found, and a log written before lanes existed still verifies after the
//! migration. Runs when POSKO_TEST_POSTGRES_URL is set (CI sets it).

use posko_domain::{EntriAudit, Jejak, PemeriksaAudit};
use posko_postgres::PostgresStore;
use posko_storage::AuditStore;

/// The row-per-voter table as migration 16 made it (migration 32 moves its
/// rows into packed TPS rows and drops it).
const PEMILIH_0016: &str = "CREATE TABLE pemilih (
    kode_desa TEXT COLLATE \"C\" NOT NULL, nomor_tps SMALLINT NOT NULL, urut INTEGER NOT NULL,
    nama TEXT NOT NULL, jenis_kelamin CHAR(1) NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    tanggal_lahir DATE, usia SMALLINT, alamat TEXT, rt SMALLINT, rw SMALLINT, nik_tersamar TEXT,
    PRIMARY KEY (kode_desa, nomor_tps, urut));
  CREATE INDEX pemilih_cari ON pemilih (nama, tanggal_lahir, kode_desa);";

/// What `Posko::verify_audit` does, on the store alone.
async fn periksa(store: &PostgresStore) -> Result<(u64, usize), String> {
    let kepala = store.daftar_kepala_audit().await.unwrap();
    let mut c = PemeriksaAudit::new(&kepala);
    let mut after = 0;
    loop {
        let page = store.daftar_audit(after, 7).await.unwrap();
        if page.is_empty() {
            break;
        }
        for e in &page {
            c.periksa(e).map_err(|b| b.to_string())?;
        }
        after = page.last().unwrap().seq;
    }
    c.selesai().map_err(|b| b.to_string())?;
    Ok((c.diperiksa, c.lajur_dipakai()))
}

fn jejak(i: usize) -> Jejak {
    Jejak::new(
        "system",
        "uji.lajur",
        "uji",
        i.to_string(),
        "entri uji",
        b"x",
    )
}

async fn client(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    client
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn tampering_in_any_lane_is_found() {
    let Ok(url) = std::env::var("POSKO_TEST_POSTGRES_URL") else {
        return;
    };
    let s = format!("uji_lajur_{}", uuid::Uuid::now_v7().simple());
    let store = PostgresStore::connect_in_schema(&url, Some(&s))
        .await
        .unwrap();
    let db = client(&url).await;
    for i in 0..3 {
        store.catat_audit(&jejak(i)).await.unwrap();
    }
    // Lanes 0–2 held by another transaction: the next writes go to lane 3.
    db.batch_execute(&format!(
        "BEGIN; SELECT pg_advisory_xact_lock(hashtext('{s}'), l) FROM generate_series(0, 2) l"
    ))
    .await
    .unwrap();
    for i in 3..8 {
        store.catat_audit(&jejak(i)).await.unwrap();
    }
    db.batch_execute("ROLLBACK").await.unwrap();
    // Many at once spread over lanes.
    let mut handles = Vec::new();
    for i in 8..40 {
        let store = store.clone();
        handles.push(tokio::spawn(async move {
            store.catat_audit(&jejak(i)).await.unwrap()
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let (n, lanes) = periksa(&store).await.unwrap();
    assert_eq!(n, 40);
    assert!(lanes >= 2, "{lanes} lanes");
    let lane3: i64 = db
        .query_one(
            &format!("SELECT count(*) FROM {s}.audit_log WHERE lajur = 3"),
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(lane3 >= 5);

    db.batch_execute(&format!(
        "CREATE TABLE {s}.log_asli AS SELECT * FROM {s}.audit_log;
         CREATE TABLE {s}.lajur_asli AS SELECT * FROM {s}.audit_lajur;
         DROP INDEX {s}.audit_log_lajur"
    ))
    .await
    .unwrap();
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
            // Two entries of lane 3 trade places.
            format!(
                "UPDATE {s}.audit_log SET seq = -seq WHERE lajur = 3 AND nomor IN (2, 3);
                 UPDATE {s}.audit_log SET nomor = 5 - nomor, seq = -seq
                  WHERE lajur = 3 AND nomor IN (2, 3)"
            ),
            "[lajur 3]",
        ),
        (
            // An entry inserted in the middle of lane 3, the rest renumbered.
            format!(
                "UPDATE {s}.audit_log SET nomor = nomor + 1 WHERE lajur = 3 AND nomor >= 3;
                 INSERT INTO {s}.audit_log (seq, lajur, nomor, waktu, aktor, aksi, entitas,
                   entitas_id, ringkasan, hash_konten, hash_sebelum, hash)
                 SELECT 100000, lajur, 3, waktu, aktor, aksi, entitas, entitas_id, 'sisipan',
                        hash_konten, hash, hash
                   FROM {s}.audit_log WHERE lajur = 3 AND nomor = 2;
                 UPDATE {s}.audit_lajur SET nomor = nomor + 1 WHERE lajur = 3"
            ),
            "[lajur 3]",
        ),
        (
            // Appended behind Posko's back, the head left as it was.
            format!(
                "INSERT INTO {s}.audit_log (seq, lajur, nomor, waktu, aktor, aksi, entitas,
                   entitas_id, ringkasan, hash_konten, hash_sebelum, hash)
                 SELECT 200000, lajur, nomor + 1, waktu, aktor, aksi, entitas, entitas_id, 'ekor',
                        hash_konten, hash, hash
                   FROM {s}.audit_log WHERE lajur = 3 ORDER BY nomor DESC LIMIT 1"
            ),
            "lajur 3: kepalanya tercatat",
        ),
        (
            // The lane's last entry removed.
            format!(
                "DELETE FROM {s}.audit_log WHERE lajur = 3
                  AND nomor = (SELECT max(nomor) FROM {s}.audit_log WHERE lajur = 3)"
            ),
            "lajur 3: kepalanya tercatat",
        ),
        (
            format!("UPDATE {s}.audit_log SET lajur = 70 WHERE lajur = 3 AND nomor = 4"),
            "lajur 70",
        ),
    ];
    for (sql, expected) in &cases {
        db.batch_execute(sql).await.unwrap();
        let broken = periksa(&store).await.err().unwrap_or_default();
        assert!(broken.contains(expected), "{sql}\n{broken:?}");
        db.batch_execute(&format!(
            "TRUNCATE {s}.audit_log; INSERT INTO {s}.audit_log SELECT * FROM {s}.log_asli;
             TRUNCATE {s}.audit_lajur; INSERT INTO {s}.audit_lajur SELECT * FROM {s}.lajur_asli"
        ))
        .await
        .unwrap();
        assert_eq!(periksa(&store).await.map(|r| r.0), Ok(40));
    }
    db.batch_execute(&format!("DROP SCHEMA {s} CASCADE"))
        .await
        .unwrap();
}

/// A log written as one chain before migration 0030 becomes lane 0 and
/// still verifies; new entries continue it.
#[tokio::test]
async fn a_single_chain_from_before_lanes_still_verifies() {
    let Ok(url) = std::env::var("POSKO_TEST_POSTGRES_URL") else {
        return;
    };
    let s = format!("uji_lajur_lama_{}", uuid::Uuid::now_v7().simple());
    drop(
        PostgresStore::connect_in_schema(&url, Some(&s))
            .await
            .unwrap(),
    );
    let db = client(&url).await;
    // Back to the schema as migration 0029 left it (undoing 0030 and every
    // later migration, so the store applies them again).
    db.batch_execute(&format!(
        "SET search_path = {s};
         DELETE FROM posko_migrasi WHERE versi >= 30;
         DROP TABLE medsos_dokumen, medsos_nomor; DROP FUNCTION medsos_dokumen_tetap;
         DROP TABLE lapangan_dokumen, lapangan_nomor; DROP FUNCTION lapangan_dokumen_tetap;
         DROP TABLE dana_penyampaian, dana_pengembalian, dana_entri, dana_penyumbang, dana_pengaturan;
         DROP FUNCTION dana_entri_tetap;
         DROP TABLE pemilih_tps;
         {PEMILIH_0016}
         ALTER TABLE kotak_keluar DROP COLUMN pemegang;
         DROP TABLE audit_lajur; DROP SEQUENCE audit_log_urut; DROP INDEX audit_log_lajur;
         ALTER TABLE audit_log DROP COLUMN lajur, DROP COLUMN nomor;
         ALTER TABLE rekap_hasil DROP CONSTRAINT rekap_hasil_pkey;
         ALTER TABLE rekap_hasil DROP COLUMN lajur;
         ALTER TABLE rekap_hasil ADD PRIMARY KEY (pemilihan_id, kode);
         ALTER TABLE rekap_suara DROP CONSTRAINT rekap_suara_pkey;
         ALTER TABLE rekap_suara DROP COLUMN lajur;
         ALTER TABLE rekap_suara ADD PRIMARY KEY (pemilihan_id, kode, nomor_urut);
         ALTER TABLE tps ADD CONSTRAINT tps_kode_desa_fkey
           FOREIGN KEY (kode_desa) REFERENCES wilayah (kode)"
    ))
    .await
    .unwrap();
    // Three entries as the old code chained them.
    let mut prev: Option<EntriAudit> = None;
    for i in 0..3 {
        let (seq, hash) = prev
            .as_ref()
            .map(|e| (e.seq, e.hash.clone()))
            .unwrap_or((0, posko_domain::audit::HASH_AWAL.into()));
        let e = EntriAudit::berikut(seq, &hash, format!("2029-11-28T08:00:0{i}Z"), jejak(i));
        db.execute(
            &format!(
                "INSERT INTO {s}.audit_log (seq, waktu, aktor, aksi, entitas, entitas_id,
                   ringkasan, hash_konten, hash_sebelum, hash)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            ),
            &[
                &e.seq,
                &e.waktu,
                &e.aktor,
                &e.aksi,
                &e.entitas,
                &e.entitas_id,
                &e.ringkasan,
                &e.hash_konten,
                &e.hash_sebelum,
                &e.hash,
            ],
        )
        .await
        .unwrap();
        prev = Some(e);
    }
    let store = PostgresStore::connect_in_schema(&url, Some(&s))
        .await
        .unwrap();
    assert_eq!(periksa(&store).await, Ok((3, 1)));
    for i in 3..5 {
        store.catat_audit(&jejak(i)).await.unwrap();
    }
    assert_eq!(periksa(&store).await, Ok((5, 1)));
    let log = store.daftar_audit(0, 10).await.unwrap();
    assert_eq!(
        log.iter()
            .map(|e| (e.seq, e.lajur, e.nomor))
            .collect::<Vec<_>>(),
        [(1, 0, 1), (2, 0, 2), (3, 0, 3), (4, 0, 4), (5, 0, 5)]
    );
    assert_eq!(log[3].hash_sebelum, log[2].hash);
    db.batch_execute(&format!("DROP SCHEMA {s} CASCADE"))
        .await
        .unwrap();
}
