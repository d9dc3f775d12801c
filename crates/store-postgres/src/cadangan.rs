//! Backup and restore with PostgreSQL's own tools: `pg_dump` (custom
//! format, `--no-owner`) reads a snapshot that a transaction of ours
//! exports, so the audit head and schema version we read in that
//! transaction are exactly those of the dump; `pg_restore` brings it back
//! in one transaction into an empty database or schema.
//!
//! A store in the default schema (`public`) is dumped as the whole
//! database; a store given a schema of its own (`search_path` in the URL,
//! as tests do) is dumped as that schema only, and restores into a
//! database where that schema is empty or absent.

use std::path::{Path, PathBuf};

use posko_storage::cadangan::{Cuplikan, KepalaAudit};
use posko_storage::{Result, StoreError};
use tokio_postgres::config::Host;
use tokio_postgres::{GenericClient, IsolationLevel, NoTls};

use crate::{PostgresStore, backend_err};

/// What `pg_dump` wrote, and from where.
#[derive(Debug, Clone)]
pub struct CadanganPg {
    pub cuplikan: Cuplikan,
    /// The schema dumped alone; None for the whole database.
    pub skema: Option<String>,
}

impl PostgresStore {
    /// Dumps a consistent snapshot of this store into `berkas` with
    /// `pg_dump`, connecting as `url` says (the URL this store was opened
    /// with). Writers keep going: the dump reads an exported snapshot.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn cadangkan_ke(&self, url: &str, berkas: &Path) -> Result<CadanganPg> {
        let pg_dump = program("pg_dump")?;
        let mut c = self.conn().await?;
        let tx = c
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await
            .map_err(backend_err)?;
        let row = tx
            .query_one("SELECT pg_export_snapshot(), current_schema()::TEXT", &[])
            .await
            .map_err(backend_err)?;
        let (snapshot, skema): (String, String) = (row.get(0), row.get(1));
        let cuplikan = baca_cuplikan(&*tx).await?;
        let skema = (self.schema.as_deref().unwrap_or(&skema) != "public")
            .then(|| self.schema.clone().unwrap_or(skema));
        let mut cmd = tokio::process::Command::new(&pg_dump);
        cmd.arg("--format=custom")
            .arg("--no-owner")
            .arg(format!("--snapshot={snapshot}"))
            .arg("--file")
            .arg(berkas);
        if let Some(s) = &skema {
            cmd.arg(format!("--schema={s}"));
        }
        lingkungan(&mut cmd, url)?;
        jalankan(cmd, &pg_dump).await?;
        tx.commit().await.map_err(backend_err)?;
        Ok(CadanganPg { cuplikan, skema })
    }
}

/// Restores the dump `berkas` (made by [`PostgresStore::cadangkan_ke`],
/// of the schema `skema` or of the whole database when None) into the
/// database `url` names, which must hold nothing of Posko's there yet.
/// One transaction: a failure leaves the target as it was.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn pulihkan(url: &str, berkas: &Path, skema: Option<&str>) -> Result<Cuplikan> {
    let pg_restore = program("pg_restore")?;
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| StoreError::Backend(format!("URL PostgreSQL tidak sah: {e}")))?;
    let (client, conn) = config
        .connect(NoTls)
        .await
        .map_err(|e| StoreError::Backend(format!("koneksi PostgreSQL: {e}")))?;
    let task = tokio::spawn(conn);
    let tujuan = skema_tujuan(&client).await?;
    let db: String = client
        .query_one("SELECT current_database()::TEXT", &[])
        .await
        .map_err(backend_err)?
        .get(0);
    let diminta = skema.unwrap_or("public");
    if tujuan != diminta {
        return Err(StoreError::Backend(match skema {
            Some(s) => format!(
                "cadangan ini berisi skema '{s}', sedangkan tujuan memakai skema '{tujuan}': pulihkan ke basis data kosong dengan search_path={s} (mis. postgres://…/BASISDATA?options=-csearch_path%3D{s})"
            ),
            None => format!(
                "cadangan ini berisi seluruh basis data (skema public), sedangkan tujuan memakai skema '{tujuan}': pulihkan ke basis data kosong tanpa search_path"
            ),
        }));
    }
    let isi: i64 = client
        .query_one(
            "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = $1",
            &[&tujuan],
        )
        .await
        .map_err(backend_err)?
        .get(0);
    if isi > 0 {
        return Err(StoreError::Backend(format!(
            "skema '{tujuan}' di basis data '{db}' sudah berisi {isi} tabel atau objek lain; pulihkan hanya ke basis data atau skema kosong"
        )));
    }
    let ada: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)",
            &[&tujuan],
        )
        .await
        .map_err(backend_err)?
        .get(0);
    if skema.is_some() && ada {
        // The dump makes the schema itself; an empty one made beforehand
        // goes (RESTRICT: refused if anything is in it after all).
        client
            .batch_execute(&format!("DROP SCHEMA \"{tujuan}\""))
            .await
            .map_err(backend_err)?;
    }
    let mut cmd = tokio::process::Command::new(&pg_restore);
    cmd.arg("--no-owner")
        .arg("--no-privileges")
        .arg("--single-transaction")
        .arg("--exit-on-error")
        .arg(format!("--dbname={db}"))
        .arg(berkas);
    lingkungan(&mut cmd, url)?;
    jalankan(cmd, &pg_restore).await?;
    let cuplikan = baca_cuplikan(&client).await?;
    drop(client);
    let _ = task.await;
    Ok(cuplikan)
}

/// The schema a connection's unqualified names land in: the current one,
/// or the first of `search_path` when that does not exist yet.
async fn skema_tujuan(c: &tokio_postgres::Client) -> Result<String> {
    let row = c
        .query_one(
            "SELECT current_schema()::TEXT, current_setting('search_path')",
            &[],
        )
        .await
        .map_err(backend_err)?;
    if let Some(s) = row.get::<_, Option<String>>(0) {
        return Ok(s);
    }
    let path: String = row.get(1);
    let pertama = path
        .split(',')
        .map(|s| s.trim().trim_matches('"'))
        .find(|s| !s.is_empty() && *s != "$user")
        .unwrap_or("public");
    Ok(pertama.to_string())
}

async fn baca_cuplikan(c: &impl GenericClient) -> Result<Cuplikan> {
    let versi_skema: i64 = c
        .query_one(
            "SELECT COALESCE(MAX(versi), 0)::BIGINT FROM posko_migrasi",
            &[],
        )
        .await
        .map_err(|e| StoreError::Backend(format!("bukan basis data Posko: {e}")))?
        .get(0);
    let audit = c
        .query_opt(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            &[],
        )
        .await
        .map_err(backend_err)?
        .map(|r| KepalaAudit {
            seq: r.get(0),
            hash: r.get(1),
        });
    Ok(Cuplikan { versi_skema, audit })
}

/// The connection `url` names, as libpq's environment variables: the
/// password never appears on a command line (which `ps` shows).
fn lingkungan(cmd: &mut tokio::process::Command, url: &str) -> Result<()> {
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| StoreError::Backend(format!("URL PostgreSQL tidak sah: {e}")))?;
    for v in [
        "PGHOST",
        "PGHOSTADDR",
        "PGPORT",
        "PGUSER",
        "PGPASSWORD",
        "PGDATABASE",
        "PGOPTIONS",
        "PGSERVICE",
        "PGSSLMODE",
    ] {
        cmd.env_remove(v);
    }
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            Host::Tcp(h) => h.clone(),
            #[cfg(unix)]
            Host::Unix(p) => p.display().to_string(),
        })
        .collect();
    if !hosts.is_empty() {
        cmd.env("PGHOST", hosts.join(","));
    }
    let ports: Vec<String> = config.get_ports().iter().map(u16::to_string).collect();
    if !ports.is_empty() {
        cmd.env("PGPORT", ports.join(","));
    }
    if let Some(u) = config.get_user() {
        cmd.env("PGUSER", u);
    }
    if let Some(p) = config.get_password() {
        cmd.env("PGPASSWORD", String::from_utf8_lossy(p).into_owned());
    }
    if let Some(d) = config.get_dbname() {
        cmd.env("PGDATABASE", d);
    }
    if let Some(o) = config.get_options() {
        cmd.env("PGOPTIONS", o);
    }
    // Posko itself connects without TLS (NoTls); the tools do the same.
    cmd.env("PGSSLMODE", "disable");
    Ok(())
}

async fn jalankan(mut cmd: tokio::process::Command, program: &Path) -> Result<()> {
    let out = cmd
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .map_err(|e| StoreError::Backend(format!("menjalankan {}: {e}", program.display())))?;
    if !out.status.success() {
        return Err(StoreError::Backend(format!(
            "{} gagal ({}): {}",
            program.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(())
}

/// `pg_dump` or `pg_restore`: from `POSKO_PG_BIN` (a folder) when set,
/// else the first on PATH, else the newest `/usr/lib/postgresql/*/bin`.
pub fn program(nama: &str) -> Result<PathBuf> {
    let bisa = |p: &Path| p.is_file();
    if let Some(dir) = std::env::var_os("POSKO_PG_BIN") {
        let p = PathBuf::from(dir).join(nama);
        return if bisa(&p) {
            Ok(p)
        } else {
            Err(StoreError::Backend(format!(
                "{nama} tidak ada di {} (POSKO_PG_BIN)",
                p.display()
            )))
        };
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(nama);
            if bisa(&p) {
                return Ok(p);
            }
        }
    }
    let mut versi: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let p = e.path().join("bin").join(nama);
            bisa(&p).then_some((v, p))
        })
        .collect();
    versi.sort();
    versi.pop().map(|(_, p)| p).ok_or_else(|| {
        StoreError::Backend(format!(
            "{nama} tidak ditemukan di PATH maupun /usr/lib/postgresql/*/bin: pasang klien PostgreSQL yang versinya sama atau lebih baru dari server (mis. apt install postgresql-client), atau tunjuk foldernya dengan POSKO_PG_BIN"
        ))
    })
}
