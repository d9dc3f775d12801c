//! The schema's versions: the embedded migrations and the runner that
//! applies what is pending in one transaction, after checking that every
//! applied migration is still the one this binary carries. Data moves are
//! plain SQL, except where a [`Sesudah`] hook names Rust work.

use posko_storage::{Migration, Result, StoreError};

use crate::{PostgresStore, backend_err};

/// Rust work that runs in a migration's transaction right after its SQL.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sesudah {
    /// Migration 32: voters from the row-per-voter table into packed rows.
    PindahkanPemilih,
}

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
        name: "keamanan",
        sql: include_str!("../migrations/0022_keamanan.sql"),
        sesudah: None,
    },
    Migration {
        version: 23,
        name: "masuk",
        sql: include_str!("../migrations/0023_masuk.sql"),
        sesudah: None,
    },
    Migration {
        version: 24,
        name: "insiden_status",
        sql: include_str!("../migrations/0024_insiden_status.sql"),
        sesudah: None,
    },
    Migration {
        version: 25,
        name: "revisi_dihitung",
        sql: include_str!("../migrations/0025_revisi_dihitung.sql"),
        sesudah: None,
    },
    Migration {
        version: 26,
        name: "aturan_menang",
        sql: include_str!("../migrations/0026_aturan_menang.sql"),
        sesudah: None,
    },
    Migration {
        version: 27,
        name: "kejanggalan",
        sql: include_str!("../migrations/0027_kejanggalan.sql"),
        sesudah: None,
    },
    Migration {
        version: 28,
        name: "mutu_lapangan",
        sql: include_str!("../migrations/0028_mutu_lapangan.sql"),
        sesudah: None,
    },
    Migration {
        version: 29,
        name: "riwayat_ditandai",
        sql: include_str!("../migrations/0029_riwayat_ditandai.sql"),
        sesudah: None,
    },
    Migration {
        version: 30,
        name: "lajur",
        sql: include_str!("../migrations/0030_lajur.sql"),
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
        name: "pemilih_tps",
        sql: include_str!("../migrations/0032_pemilih_tps.sql"),
        sesudah: Some(Sesudah::PindahkanPemilih),
    },
    Migration {
        version: 33,
        name: "dana",
        sql: include_str!("../migrations/0033_dana.sql"),
        sesudah: None,
    },
    Migration {
        version: 34,
        name: "dana_jadwal",
        sql: include_str!("../migrations/0034_dana_jadwal.sql"),
        sesudah: None,
    },
    Migration {
        version: 35,
        name: "medsos",
        sql: include_str!("../migrations/0035_medsos.sql"),
        sesudah: None,
    },
    Migration {
        version: 36,
        name: "lapangan",
        sql: include_str!("../migrations/0036_lapangan.sql"),
        sesudah: None,
    },
];

impl PostgresStore {
    pub(crate) async fn migrate(&self) -> Result<()> {
        let mut client = self.conn().await?;
        // `CREATE TABLE IF NOT EXISTS` would print a NOTICE on every start.
        let ada: bool = client
            .query_one("SELECT to_regclass('posko_migrasi') IS NOT NULL", &[])
            .await
            .map_err(backend_err)?
            .get(0);
        if !ada {
            client
                .batch_execute(
                    "CREATE TABLE IF NOT EXISTS posko_migrasi (
                        versi BIGINT PRIMARY KEY, nama TEXT NOT NULL,
                        diterapkan TIMESTAMPTZ NOT NULL, cek TEXT)",
                )
                .await
                .map_err(backend_err)?;
        }
        let tx = client.transaction().await.map_err(backend_err)?;
        // A table lock, not an advisory lock: works on distributed Postgres
        // engines too, and serialises servers that start at the same moment.
        tx.batch_execute("LOCK TABLE posko_migrasi IN ACCESS EXCLUSIVE MODE")
            .await
            .map_err(backend_err)?;
        // Databases made before checksums existed gain the column here.
        let ada_cek: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = current_schema()
                    AND table_name = 'posko_migrasi' AND column_name = 'cek')",
                &[],
            )
            .await
            .map_err(backend_err)?
            .get(0);
        if !ada_cek {
            tx.batch_execute("ALTER TABLE posko_migrasi ADD COLUMN cek TEXT")
                .await
                .map_err(backend_err)?;
        }
        let tersimpan: Vec<(i64, Option<String>)> = tx
            .query("SELECT versi, cek FROM posko_migrasi ORDER BY versi", &[])
            .await
            .map_err(backend_err)?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        for (versi, cek) in posko_storage::periksa_cek(&tersimpan, MIGRATIONS)? {
            tx.execute(
                "UPDATE posko_migrasi SET cek = $2 WHERE versi = $1",
                &[&versi, &cek],
            )
            .await
            .map_err(backend_err)?;
        }
        let current = tersimpan.last().map_or(0, |(versi, _)| *versi);
        for m in posko_storage::pending(current, MIGRATIONS)? {
            tx.batch_execute(m.sql).await.map_err(|e| {
                StoreError::Backend(format!("migrasi {} ({}): {e}", m.version, m.name))
            })?;
            match m.sesudah {
                Some(Sesudah::PindahkanPemilih) => {
                    crate::pemilih::pindahkan_tabel_lama(&tx).await?
                }
                None => {}
            }
            tx.execute(
                "INSERT INTO posko_migrasi (versi, nama, diterapkan, cek) VALUES ($1, $2, now(), $3)",
                &[&m.version, &m.name, &m.cek()],
            )
            .await
            .map_err(backend_err)?;
        }
        tx.commit().await.map_err(backend_err)
    }
}
