//! The tamper-evident audit log (jejak audit) as pure rules: how an entry is
//! hashed and how a chain of entries is checked. Storage only keeps the
//! fields; anyone holding the rows can re-check them with these functions.

use sha2::{Digest, Sha256};

/// The `hash_sebelum` of the first entry.
pub const HASH_AWAL: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a use case wants recorded; the store adds sequence and chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jejak {
    /// Who: `user:<id>`, `cli:<os user>`, `demo`, `system`.
    pub aktor: String,
    /// What, as `area.verb`: `import.tps`, `pemilihan.buat`, `login.berhasil`.
    pub aksi: String,
    /// Which kind of entity, and which one.
    pub entitas: String,
    pub entitas_id: String,
    /// A short description without personal data (never a NIK or phone).
    pub ringkasan: String,
    /// SHA-256 (hex) of the new content, so a later copy can be matched.
    pub hash_konten: String,
}

impl Jejak {
    pub fn new(
        aktor: impl Into<String>,
        aksi: impl Into<String>,
        entitas: impl Into<String>,
        entitas_id: impl Into<String>,
        ringkasan: impl Into<String>,
        konten: &[u8],
    ) -> Jejak {
        Jejak {
            aktor: aktor.into(),
            aksi: aksi.into(),
            entitas: entitas.into(),
            entitas_id: entitas_id.into(),
            ringkasan: ringkasan.into(),
            hash_konten: sha256_hex(konten),
        }
    }
}

/// One stored entry of the chain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntriAudit {
    pub seq: i64,
    /// RFC 3339, UTC, whole seconds — stored as text so it hashes the same on every backend.
    pub waktu: String,
    pub aktor: String,
    pub aksi: String,
    pub entitas: String,
    pub entitas_id: String,
    pub ringkasan: String,
    pub hash_konten: String,
    pub hash_sebelum: String,
    pub hash: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The hash of an entry over every field but itself. Each field is
/// length-prefixed so no choice of text can shift a boundary.
pub fn hash_entri(seq: i64, waktu: &str, jejak: &Jejak, hash_sebelum: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"posko-audit-v1");
    h.update(seq.to_be_bytes());
    for field in [
        waktu,
        &jejak.aktor,
        &jejak.aksi,
        &jejak.entitas,
        &jejak.entitas_id,
        &jejak.ringkasan,
        &jejak.hash_konten,
        hash_sebelum,
    ] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    let mut s = String::with_capacity(64);
    for b in h.finalize() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

impl EntriAudit {
    /// Builds the next entry after `(prev_seq, prev_hash)`.
    pub fn berikut(prev_seq: i64, prev_hash: &str, waktu: String, jejak: Jejak) -> EntriAudit {
        let seq = prev_seq + 1;
        let hash = hash_entri(seq, &waktu, &jejak, prev_hash);
        EntriAudit {
            seq,
            waktu,
            aktor: jejak.aktor,
            aksi: jejak.aksi,
            entitas: jejak.entitas,
            entitas_id: jejak.entitas_id,
            ringkasan: jejak.ringkasan,
            hash_konten: jejak.hash_konten,
            hash_sebelum: prev_hash.to_string(),
            hash,
        }
    }

    fn recomputed(&self) -> String {
        let jejak = Jejak {
            aktor: self.aktor.clone(),
            aksi: self.aksi.clone(),
            entitas: self.entitas.clone(),
            entitas_id: self.entitas_id.clone(),
            ringkasan: self.ringkasan.clone(),
            hash_konten: self.hash_konten.clone(),
        };
        hash_entri(self.seq, &self.waktu, &jejak, &self.hash_sebelum)
    }
}

/// Where and why a chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RantaiPutus {
    #[error("entri {seq}: isinya diubah (hash tidak cocok)")]
    Diubah { seq: i64 },
    #[error("entri {seq}: hash_sebelum tidak cocok dengan entri {prev}")]
    Sambungan { seq: i64, prev: i64 },
    #[error("setelah entri {prev} datang entri {seq}: ada entri yang hilang")]
    Hilang { seq: i64, prev: i64 },
}

/// Checks entries in sequence order, carrying state between pages so the
/// whole log never has to be in memory.
#[derive(Debug, Clone)]
pub struct PemeriksaRantai {
    prev_seq: i64,
    prev_hash: String,
    pub diperiksa: u64,
}

impl Default for PemeriksaRantai {
    fn default() -> Self {
        PemeriksaRantai {
            prev_seq: 0,
            prev_hash: HASH_AWAL.to_string(),
            diperiksa: 0,
        }
    }
}

impl PemeriksaRantai {
    pub fn periksa(&mut self, e: &EntriAudit) -> Result<(), RantaiPutus> {
        if e.seq != self.prev_seq + 1 {
            return Err(RantaiPutus::Hilang {
                seq: e.seq,
                prev: self.prev_seq,
            });
        }
        if e.recomputed() != e.hash {
            return Err(RantaiPutus::Diubah { seq: e.seq });
        }
        if e.hash_sebelum != self.prev_hash {
            return Err(RantaiPutus::Sambungan {
                seq: e.seq,
                prev: self.prev_seq,
            });
        }
        self.prev_seq = e.seq;
        self.prev_hash = e.hash.clone();
        self.diperiksa += 1;
        Ok(())
    }

    /// The last good entry: (seq, hash). Record it elsewhere to detect a
    /// later truncation of the tail, which a chain alone cannot show.
    pub fn kepala(&self) -> (i64, &str) {
        (self.prev_seq, &self.prev_hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> Vec<EntriAudit> {
        let mut out: Vec<EntriAudit> = Vec::new();
        for i in 0..n {
            let (s, h) = out
                .last()
                .map(|e| (e.seq, e.hash.clone()))
                .unwrap_or((0, HASH_AWAL.to_string()));
            out.push(EntriAudit::berikut(
                s,
                &h,
                format!("2029-11-28T08:00:0{i}Z"),
                Jejak::new("cli:root", "import.tps", "berkas", "tps.csv", "x", b"isi"),
            ));
        }
        out
    }

    fn check(entries: &[EntriAudit]) -> Result<(), RantaiPutus> {
        let mut p = PemeriksaRantai::default();
        entries.iter().try_for_each(|e| p.periksa(e))
    }

    #[test]
    fn intact_chain_passes() {
        assert_eq!(check(&chain(5)), Ok(()));
    }

    #[test]
    fn edits_deletions_and_relinks_are_found() {
        let mut c = chain(5);
        c[2].ringkasan = "diubah".into();
        assert_eq!(check(&c), Err(RantaiPutus::Diubah { seq: 3 }));

        let mut c = chain(5);
        c.remove(1);
        assert_eq!(check(&c), Err(RantaiPutus::Hilang { seq: 3, prev: 1 }));

        // Deleting a row and renumbering the rest, even with hashes
        // recomputed for the edited row, breaks the link to its successor.
        let mut c = chain(4);
        c.remove(1);
        c[1].seq = 2;
        c[1].hash = c[1].recomputed();
        assert_eq!(check(&c), Err(RantaiPutus::Sambungan { seq: 2, prev: 1 }));
    }

    #[test]
    fn field_boundaries_cannot_shift() {
        let a = Jejak::new("ab", "c", "e", "i", "r", b"");
        let b = Jejak::new("a", "bc", "e", "i", "r", b"");
        assert_ne!(
            hash_entri(1, "t", &a, HASH_AWAL),
            hash_entri(1, "t", &b, HASH_AWAL)
        );
        assert_eq!(sha256_hex(b"abc").len(), 64);
    }
}
