//! The real `posko` binary on a fresh database per backend, for the CLI
//! tests: run it, expect success or failure, write input files, and
//! assert on what a user reads.

use std::process::Command;

use tempfile::TempDir;
use uuid::Uuid;

/// One empty database (SQLite file or PostgreSQL schema) and a folder for
/// the files a test writes.
pub struct Db {
    pub url: String,
    pub dir: TempDir,
    /// (server URL, schema) to drop afterwards.
    pub pg: Option<(String, String)>,
}

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs one backend's half of a `per_backend!(cli …)` test on an empty
/// database; skips PostgreSQL when it is not configured (outside CI).
pub fn run(backend: &str, test: impl FnOnce(&Db)) {
    if backend == "postgres" && crate::common::postgres_url().is_none() {
        return;
    }
    test(&Db::new(backend));
}

impl Db {
    pub fn new(backend: &str) -> Db {
        let dir = tempfile::tempdir().unwrap();
        match backend {
            "sqlite" => Db {
                url: format!("sqlite://{}", dir.path().join("posko.db").display()),
                dir,
                pg: None,
            },
            _ => {
                let base = std::env::var("POSKO_TEST_POSTGRES_URL").unwrap();
                let schema = format!("cli_{}", Uuid::now_v7().simple());
                crate::common::pg_execute(&base, &format!("CREATE SCHEMA {schema}"));
                let sep = if base.contains('?') { '&' } else { '?' };
                Db {
                    url: format!("{base}{sep}options=-csearch_path%3D{schema}"),
                    dir,
                    pg: Some((base, schema)),
                }
            }
        }
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_posko"))
            .arg("--database-url")
            .arg(&self.url)
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("POSKO_DATABASE_URL")
            .output()
            .expect("run posko");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and expects exit 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, Some(0), "posko {args:?}\n{r}");
        r.stdout
    }

    /// Runs and expects exit 1; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, Some(1), "posko {args:?} should fail\n{r}");
        r.stderr
    }

    /// Writes `bytes` to `name` in the test folder; returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }

    /// Writes a file, imports it (`what` = wilayah or tps) and expects
    /// success with `summary` (e.g. "2 baru, 0 berubah, 0 sama").
    pub fn import_ok(
        &self,
        what: &str,
        name: &str,
        bytes: impl AsRef<[u8]>,
        summary: &str,
    ) -> String {
        let path = self.write(name, bytes);
        let out = self.ok(&["import", what, &path]);
        assert_summary(&out, summary);
        out
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((base, schema)) = &self.pg {
            let sql = format!("DROP SCHEMA IF EXISTS {schema} CASCADE");
            if let Err(e) = crate::common::pg_try_execute(base, &sql) {
                eprintln!("{sql}: {e}");
            }
        }
    }
}

pub fn assert_summary(out: &str, summary: &str) {
    assert!(
        out.lines()
            .any(|l| l.starts_with("Impor ") && l.contains(summary)),
        "expected summary '{summary}' in:\n{out}"
    );
}

pub fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "expected '{n}' in:\n{text}");
    }
}
