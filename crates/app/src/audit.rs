//! Who acts, and checking the audit log's chain.

use posko_domain::{EntriAudit, PemeriksaAudit, RantaiPutus};
use serde::Serialize;

use crate::{Posko, Result};

/// Who is doing something, as written into the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aktor(String);

impl Aktor {
    /// Someone at the server's command line, named by their OS account.
    pub fn cli() -> Aktor {
        let who = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "tidak-dikenal".into());
        Aktor(format!("cli:{who}"))
    }

    /// A signed-in person (or API token), by account id, as in sign-in entries.
    pub fn pengguna(p: &posko_storage::Pengguna) -> Aktor {
        Aktor(format!("user:{}", p.id))
    }

    /// Someone answering an invitation by its personal link.
    pub fn undangan(id: uuid::Uuid) -> Aktor {
        Aktor(format!("undangan:{id}"))
    }

    /// The demo builder.
    pub fn demo() -> Aktor {
        Aktor("demo".into())
    }

    /// Posko itself (migrations, scheduled jobs).
    pub fn system() -> Aktor {
        Aktor("system".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The account acting, when a signed-in person (or token) is.
    pub fn pengguna_id(&self) -> Option<uuid::Uuid> {
        self.0
            .strip_prefix("user:")
            .and_then(|id| uuid::Uuid::parse_str(id).ok())
    }
}

/// The result of walking the whole chain.
#[derive(Debug, Clone, Serialize)]
pub struct AuditCheck {
    pub entries_checked: u64,
    /// The last entry that checked out: record it elsewhere (a printout, a
    /// message to the legal team) to detect a later truncation of the tail.
    /// With several lanes in use: the highest seq checked and one hash over
    /// every lane's last good entry ([`PemeriksaAudit::kepala`]).
    pub head_seq: i64,
    pub head_hash: String,
    /// How many lanes (chains) hold the entries checked.
    pub lanes: usize,
    /// The first broken link, if any.
    pub broken: Option<String>,
}

const PAGE: u32 = 5_000;

impl Posko {
    /// Walks the audit log from the first entry, page by page in `seq`
    /// order, each entry checked on its lane against the lane heads the
    /// store reported first, and reports the first broken link.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn verify_audit(&self) -> Result<AuditCheck> {
        let kepala = self.store.daftar_kepala_audit().await?;
        let mut checker = PemeriksaAudit::new(&kepala);
        let mut after = 0;
        let mut broken: Option<RantaiPutus> = None;
        'pages: loop {
            let page = self.store.daftar_audit(after, PAGE).await?;
            if page.is_empty() {
                break;
            }
            for e in &page {
                if let Err(b) = checker.periksa(e) {
                    broken = Some(b);
                    break 'pages;
                }
            }
            after = page.last().map_or(after, |e| e.seq);
        }
        if broken.is_none() {
            broken = checker.selesai().err();
        }
        let (seq, hash) = checker.kepala();
        Ok(AuditCheck {
            entries_checked: checker.diperiksa,
            head_seq: seq,
            head_hash: hash,
            lanes: checker.lajur_dipakai(),
            broken: broken.map(|b| b.to_string()),
        })
    }

    /// The newest entries first, for people reading the log: optionally
    /// only actions starting with `aksi`, by one actor, older than `before`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn cari_audit(
        &self,
        before: Option<i64>,
        aksi: Option<&str>,
        aktor: Option<&str>,
        limit: u32,
    ) -> Result<Vec<EntriAudit>> {
        fn clean(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        Ok(self
            .store
            .cari_audit(before, clean(aksi), clean(aktor), limit)
            .await?)
    }

    /// The usernames behind the `user:ID` actors of `entri`, so people read
    /// names, not ids. An account that no longer exists keeps its id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn nama_pelaku(
        &self,
        entri: &[posko_domain::EntriAudit],
    ) -> Result<std::collections::HashMap<String, String>> {
        let mut nama = std::collections::HashMap::new();
        for e in entri {
            if nama.contains_key(&e.aktor) {
                continue;
            }
            let Some(id) = Aktor(e.aktor.clone()).pengguna_id() else {
                continue;
            };
            if let Some(p) = self.store.ambil_pengguna(id).await? {
                nama.insert(e.aktor.clone(), p.username);
            }
        }
        Ok(nama)
    }
}
