//! Versioned schema changes: which are still to apply, and a checksum per
//! applied change so a database never runs on a schema its file no longer
//! describes.

use sha2::{Digest, Sha256};

use crate::{Result, StoreError};

/// One versioned schema change, embedded in the binary by each backend.
/// `H` is the backend's hook type: Rust work that runs in the migration's
/// own transaction right after its SQL, for a data move SQL cannot express.
pub struct Migration<H: 'static = ()> {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
    pub sesudah: Option<H>,
}

impl<H> Migration<H> {
    /// SHA-256 of the SQL text, hex. Line endings are normalised first so a
    /// checkout with CRLF endings computes the same checksum.
    pub fn cek(&self) -> String {
        let teks = self.sql.replace("\r\n", "\n");
        let digest = Sha256::digest(teks.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The migrations still to apply to a database at `current`, refusing a
/// database that a newer posko has already migrated.
pub fn pending<H>(current: i64, all: &'static [Migration<H>]) -> Result<&'static [Migration<H>]> {
    let known = all.last().map_or(0, |m| m.version);
    if current > known {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known,
        });
    }
    let start = all.partition_point(|m| m.version <= current);
    Ok(&all[start..])
}

/// Compares the checksums stored for applied migrations with the ones this
/// binary carries. A stored checksum that differs refuses to start; a
/// missing one (applied before checksums existed) is returned so the caller
/// records it, trusting what it finds the first time.
pub fn periksa_cek<H>(
    tersimpan: &[(i64, Option<String>)],
    all: &[Migration<H>],
) -> Result<Vec<(i64, String)>> {
    let mut isi = Vec::new();
    for (versi, cek) in tersimpan {
        let Some(m) = all.iter().find(|m| m.version == *versi) else {
            // Newer than this binary: `pending` says so with its own error.
            continue;
        };
        let sekarang = m.cek();
        match cek {
            Some(cek) if *cek == sekarang => {}
            Some(cek) => {
                return Err(StoreError::MigrasiBerubah {
                    versi: *versi,
                    nama: m.name.to_string(),
                    tersimpan: cek.clone(),
                    sekarang,
                });
            }
            None => isi.push((*versi, sekarang)),
        }
    }
    Ok(isi)
}

#[cfg(test)]
mod tests {
    use super::*;

    static SEMUA: &[Migration] = &[
        Migration {
            version: 1,
            name: "awal",
            sql: "CREATE TABLE a (x INTEGER);",
            sesudah: None,
        },
        Migration {
            version: 2,
            name: "kedua",
            sql: "CREATE TABLE b (x INTEGER);\r\n",
            sesudah: None,
        },
    ];

    #[test]
    fn cek_ignores_line_endings() {
        let crlf = Migration::<()> {
            version: 1,
            name: "x",
            sql: "A;\r\nB;\r\n",
            sesudah: None,
        };
        let lf = Migration::<()> {
            version: 1,
            name: "x",
            sql: "A;\nB;\n",
            sesudah: None,
        };
        assert_eq!(crlf.cek(), lf.cek());
        assert_eq!(lf.cek().len(), 64);
    }

    #[test]
    fn a_changed_applied_migration_refuses() {
        let benar = SEMUA[0].cek();
        assert!(
            periksa_cek(&[(1, Some(benar.clone()))], SEMUA)
                .unwrap()
                .is_empty()
        );
        let err = periksa_cek(&[(1, Some(benar)), (2, Some("00".into()))], SEMUA).unwrap_err();
        assert!(
            matches!(err, StoreError::MigrasiBerubah { versi: 2, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("kedua"), "{err}");
    }

    #[test]
    fn missing_checksums_are_filled_in() {
        let isi = periksa_cek(&[(1, None), (2, Some(SEMUA[1].cek()))], SEMUA).unwrap();
        assert_eq!(isi, vec![(1, SEMUA[0].cek())]);
    }

    #[test]
    fn pending_migrations() {
        assert_eq!(pending(0, SEMUA).unwrap().len(), 2);
        assert_eq!(pending(1, SEMUA).unwrap()[0].name, "kedua");
        assert!(pending(2, SEMUA).unwrap().is_empty());
        let err = pending(3, SEMUA).err().expect("too new");
        assert!(matches!(
            err,
            StoreError::SchemaTooNew { found: 3, known: 2 }
        ));
        assert!(err.to_string().contains("perbarui posko"));
    }
}
