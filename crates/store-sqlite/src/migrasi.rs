//! The schema's versions: the embedded migrations, their Rust hooks, and
//! the runner that applies what is pending in one transaction after checking
//! that every applied migration is still the one this binary carries.

use posko_storage::{Migration, Result, StoreError};
use rusqlite::{Connection, Transaction, params};

use crate::backend_err;

/// Rust work run inside a migration's transaction, right after its SQL.
pub(crate) type Sesudah = fn(&Transaction<'_>) -> Result<()>;

pub(crate) static MIGRATIONS: &[Migration<Sesudah>] = &[
    Migration {
        version: 1,
        name: "awal",
        sql: include_str!("../migrations/0001_awal.sql"),
        sesudah: None,
    },
    Migration {
        version: 2,
        name: "audit",
        sql: include_str!("../migrations/0002_audit.sql"),
        sesudah: None,
    },
    Migration {
        version: 3,
        name: "pengguna",
        sql: include_str!("../migrations/0003_pengguna.sql"),
        sesudah: None,
    },
    Migration {
        version: 4,
        name: "sesi",
        sql: include_str!("../migrations/0004_sesi.sql"),
        sesudah: None,
    },
    Migration {
        version: 5,
        name: "token",
        sql: include_str!("../migrations/0005_token.sql"),
        sesudah: None,
    },
    Migration {
        version: 6,
        name: "data_pribadi",
        sql: include_str!("../migrations/0006_data_pribadi.sql"),
        sesudah: None,
    },
    Migration {
        version: 7,
        name: "gagal_masuk",
        sql: include_str!("../migrations/0007_gagal_masuk.sql"),
        sesudah: None,
    },
    Migration {
        version: 8,
        name: "hasil",
        sql: include_str!("../migrations/0008_hasil.sql"),
        sesudah: None,
    },
    Migration {
        version: 9,
        name: "bacaan",
        sql: include_str!("../migrations/0009_bacaan.sql"),
        sesudah: None,
    },
    Migration {
        version: 10,
        name: "resmi",
        sql: include_str!("../migrations/0010_resmi.sql"),
        sesudah: None,
    },
    Migration {
        version: 11,
        name: "hari_h",
        sql: include_str!("../migrations/0011_hari_h.sql"),
        sesudah: None,
    },
    Migration {
        version: 12,
        name: "saksi_utama",
        sql: include_str!("../migrations/0012_saksi_utama.sql"),
        sesudah: None,
    },
    Migration {
        version: 13,
        name: "pesan",
        sql: include_str!("../migrations/0013_pesan.sql"),
        sesudah: None,
    },
    Migration {
        version: 14,
        name: "telegram_kode_singkat",
        sql: include_str!("../migrations/0014_telegram_kode_singkat.sql"),
        sesudah: None,
    },
    Migration {
        version: 15,
        name: "hitung_cepat",
        sql: include_str!("../migrations/0015_hitung_cepat.sql"),
        sesudah: None,
    },
    Migration {
        version: 16,
        name: "pemilih",
        sql: include_str!("../migrations/0016_pemilih.sql"),
        sesudah: None,
    },
    Migration {
        version: 17,
        name: "relawan_pendukung",
        sql: include_str!("../migrations/0017_relawan_pendukung.sql"),
        sesudah: None,
    },
    Migration {
        version: 18,
        name: "batas",
        sql: include_str!("../migrations/0018_batas.sql"),
        sesudah: None,
    },
    Migration {
        version: 19,
        name: "kunjungan",
        sql: include_str!("../migrations/0019_kunjungan.sql"),
        sesudah: None,
    },
    Migration {
        version: 20,
        name: "riwayat",
        sql: include_str!("../migrations/0020_riwayat.sql"),
        sesudah: None,
    },
    Migration {
        version: 21,
        name: "cari_survei",
        sql: include_str!("../migrations/0021_cari_survei.sql"),
        sesudah: None,
    },
    Migration {
        version: 22,
        name: "pemilih_tps",
        sql: include_str!("../migrations/0022_pemilih_tps.sql"),
        sesudah: Some(crate::pemilih::pindahkan_tabel_lama),
    },
    Migration {
        version: 23,
        name: "keamanan",
        sql: include_str!("../migrations/0023_keamanan.sql"),
        sesudah: None,
    },
    Migration {
        version: 24,
        name: "masuk",
        sql: include_str!("../migrations/0024_masuk.sql"),
        sesudah: None,
    },
    Migration {
        version: 25,
        name: "insiden_status",
        sql: include_str!("../migrations/0025_insiden_status.sql"),
        sesudah: None,
    },
    Migration {
        version: 26,
        name: "revisi_dihitung",
        sql: include_str!("../migrations/0026_revisi_dihitung.sql"),
        sesudah: None,
    },
    Migration {
        version: 27,
        name: "aturan_menang",
        sql: include_str!("../migrations/0027_aturan_menang.sql"),
        sesudah: None,
    },
    Migration {
        version: 28,
        name: "kejanggalan",
        sql: include_str!("../migrations/0028_kejanggalan.sql"),
        sesudah: None,
    },
    Migration {
        version: 29,
        name: "mutu_lapangan",
        sql: include_str!("../migrations/0029_mutu_lapangan.sql"),
        sesudah: None,
    },
    Migration {
        version: 30,
        name: "riwayat_ditandai",
        sql: include_str!("../migrations/0030_riwayat_ditandai.sql"),
        sesudah: None,
    },
    Migration {
        version: 31,
        name: "sewa_balasan",
        sql: include_str!("../migrations/0031_sewa_balasan.sql"),
        sesudah: None,
    },
    Migration {
        version: 32,
        name: "dana",
        sql: include_str!("../migrations/0032_dana.sql"),
        sesudah: None,
    },
    Migration {
        version: 33,
        name: "dana_jadwal",
        sql: include_str!("../migrations/0033_dana_jadwal.sql"),
        sesudah: None,
    },
    Migration {
        version: 34,
        name: "medsos",
        sql: include_str!("../migrations/0034_medsos.sql"),
        sesudah: None,
    },
    Migration {
        version: 35,
        name: "lapangan",
        sql: include_str!("../migrations/0035_lapangan.sql"),
        sesudah: None,
    },
];

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS posko_migrasi (
            versi INTEGER PRIMARY KEY, nama TEXT NOT NULL, diterapkan TEXT NOT NULL)",
    )
    .map_err(backend_err)?;
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(backend_err)?;
    // Databases made before checksums existed gain the column here.
    let ada_cek: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('posko_migrasi') WHERE name = 'cek')",
            [],
            |r| r.get(0),
        )
        .map_err(backend_err)?;
    if !ada_cek {
        tx.execute_batch("ALTER TABLE posko_migrasi ADD COLUMN cek TEXT")
            .map_err(backend_err)?;
    }
    let tersimpan = {
        let mut stmt = tx
            .prepare("SELECT versi, cek FROM posko_migrasi ORDER BY versi")
            .map_err(backend_err)?;
        stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .map_err(backend_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)?
    };
    for (versi, cek) in posko_storage::periksa_cek(&tersimpan, MIGRATIONS)? {
        tx.execute(
            "UPDATE posko_migrasi SET cek = ?2 WHERE versi = ?1",
            params![versi, cek],
        )
        .map_err(backend_err)?;
    }
    let current = tersimpan.last().map_or(0, |(versi, _)| *versi);
    for m in posko_storage::pending(current, MIGRATIONS)? {
        tx.execute_batch(m.sql)
            .map_err(|e| StoreError::Backend(format!("migrasi {} ({}): {e}", m.version, m.name)))?;
        if let Some(sesudah) = m.sesudah {
            sesudah(&tx)?;
        }
        tx.execute(
            "INSERT INTO posko_migrasi (versi, nama, diterapkan, cek) \
             VALUES (?1, ?2, datetime('now'), ?3)",
            params![m.version, m.name, m.cek()],
        )
        .map_err(backend_err)?;
    }
    tx.commit().map_err(backend_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An applied migration whose text changed (someone edited a released
    /// file) stops the server before it touches the data.
    #[test]
    fn a_changed_applied_migration_refuses_to_start() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let n: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM posko_migrasi WHERE cek IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, MIGRATIONS.len() as i64);
        migrate(&mut conn).unwrap();
        conn.execute("UPDATE posko_migrasi SET cek = 'ab' WHERE versi = 3", [])
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(
            matches!(err, StoreError::MigrasiBerubah { versi: 3, .. }),
            "{err}"
        );
    }

    /// A database from before checksums gets them recorded, once.
    #[test]
    fn old_databases_gain_checksums() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute_batch("ALTER TABLE posko_migrasi DROP COLUMN cek;")
            .unwrap();
        migrate(&mut conn).unwrap();
        let n: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM posko_migrasi WHERE cek IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, MIGRATIONS.len() as i64);
    }
}
