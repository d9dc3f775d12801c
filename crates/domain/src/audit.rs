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
    /// Global order of entries (gaps allowed where a store hands out
    /// numbers before a write that is rolled back).
    pub seq: i64,
    /// The chain (lane) the entry is on; a store with one writer keeps one.
    pub lajur: i16,
    /// The entry's place in its lane: 1, 2, 3 … without gaps.
    pub nomor: i64,
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
    akhiri_hash(h, waktu, jejak, hash_sebelum)
}

/// The entry's texts, each length-prefixed, then the digest in hex: the
/// part every version of the entry hash shares.
fn akhiri_hash(mut h: Sha256, waktu: &str, jejak: &Jejak, hash_sebelum: &str) -> String {
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

/// The hash of an entry on a lane. An entry of lane 0 whose place equals
/// its sequence number (every entry of a single chain, and every entry
/// written before lanes existed) hashes as [`hash_entri`]; any other binds
/// its lane and place too, under its own domain tag, so moving an entry to
/// another lane or place changes what its hash must be.
pub fn hash_entri_lajur(
    seq: i64,
    lajur: i16,
    nomor: i64,
    waktu: &str,
    jejak: &Jejak,
    hash_sebelum: &str,
) -> String {
    if lajur == 0 && nomor == seq {
        return hash_entri(seq, waktu, jejak, hash_sebelum);
    }
    let mut h = Sha256::new();
    h.update(b"posko-audit-v2");
    h.update(seq.to_be_bytes());
    h.update(lajur.to_be_bytes());
    h.update(nomor.to_be_bytes());
    akhiri_hash(h, waktu, jejak, hash_sebelum)
}

impl EntriAudit {
    /// Builds the next entry of a single chain after `(prev_seq, prev_hash)`
    /// (lane 0, its place its sequence number).
    pub fn berikut(prev_seq: i64, prev_hash: &str, waktu: String, jejak: Jejak) -> EntriAudit {
        EntriAudit::berikut_lajur(prev_seq + 1, 0, prev_seq, prev_hash, waktu, jejak)
    }

    /// Builds entry `seq` on lane `lajur` after that lane's head
    /// `(prev_nomor, prev_hash)`.
    pub fn berikut_lajur(
        seq: i64,
        lajur: i16,
        prev_nomor: i64,
        prev_hash: &str,
        waktu: String,
        jejak: Jejak,
    ) -> EntriAudit {
        let nomor = prev_nomor + 1;
        let hash = hash_entri_lajur(seq, lajur, nomor, &waktu, &jejak, prev_hash);
        EntriAudit {
            seq,
            lajur,
            nomor,
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
        hash_entri_lajur(
            self.seq,
            self.lajur,
            self.nomor,
            &self.waktu,
            &jejak,
            &self.hash_sebelum,
        )
    }
}

/// Where and why a chain is broken. Entries are named by their `seq`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RantaiPutus {
    #[error("entri {seq}: isinya diubah (hash tidak cocok) [lajur {lajur}]")]
    Diubah { seq: i64, lajur: i16 },
    #[error("entri {seq}: hash_sebelum tidak cocok dengan entri {prev} [lajur {lajur}]")]
    Sambungan { seq: i64, prev: i64, lajur: i16 },
    #[error("setelah entri {prev} datang entri {seq}: ada entri yang hilang [lajur {lajur}]")]
    Hilang { seq: i64, prev: i64, lajur: i16 },
    #[error(
        "entri {seq} datang sesudah entri {prev} di lajurnya: urutannya diubah [lajur {lajur}]"
    )]
    Urutan { seq: i64, prev: i64, lajur: i16 },
    #[error("entri {seq} berada di lajur {lajur} yang tidak tercatat: entri disisipkan")]
    LajurAsing { seq: i64, lajur: i16 },
    #[error(
        "lajur {lajur}: kepalanya tercatat di nomor {tercatat}, rantainya sampai nomor {nomor}: ada entri yang hilang atau disisipkan di ujung"
    )]
    Ujung {
        lajur: i16,
        nomor: i64,
        tercatat: i64,
    },
    #[error("lajur {lajur}: entri nomor {nomor} tidak cocok dengan kepala yang tercatat")]
    Kepala { lajur: i16, nomor: i64 },
}

/// Checks the entries of one lane in order, carrying state between pages
/// so the whole log never has to be in memory.
#[derive(Debug, Clone)]
pub struct PemeriksaRantai {
    lajur: i16,
    prev_nomor: i64,
    prev_seq: i64,
    prev_hash: String,
    pub diperiksa: u64,
}

impl Default for PemeriksaRantai {
    fn default() -> Self {
        PemeriksaRantai::lajur(0)
    }
}

impl PemeriksaRantai {
    /// A checker for lane `lajur`, from its first entry.
    pub fn lajur(lajur: i16) -> Self {
        PemeriksaRantai {
            lajur,
            prev_nomor: 0,
            prev_seq: 0,
            prev_hash: HASH_AWAL.to_string(),
            diperiksa: 0,
        }
    }

    pub fn periksa(&mut self, e: &EntriAudit) -> Result<(), RantaiPutus> {
        let lajur = self.lajur;
        if e.lajur != lajur {
            return Err(RantaiPutus::LajurAsing {
                seq: e.seq,
                lajur: e.lajur,
            });
        }
        if e.nomor != self.prev_nomor + 1 {
            return Err(RantaiPutus::Hilang {
                seq: e.seq,
                prev: self.prev_seq,
                lajur,
            });
        }
        if e.seq <= self.prev_seq {
            return Err(RantaiPutus::Urutan {
                seq: e.seq,
                prev: self.prev_seq,
                lajur,
            });
        }
        if e.recomputed() != e.hash {
            return Err(RantaiPutus::Diubah { seq: e.seq, lajur });
        }
        if e.hash_sebelum != self.prev_hash {
            return Err(RantaiPutus::Sambungan {
                seq: e.seq,
                prev: self.prev_seq,
                lajur,
            });
        }
        self.prev_nomor = e.nomor;
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

    /// The last good entry's place in the lane (0 before the first).
    pub fn nomor(&self) -> i64 {
        self.prev_nomor
    }
}

/// A lane as the store reports it in one snapshot: the head it keeps
/// (None when it keeps no head for a lane that has entries) and the
/// highest place any entry of the lane has (None when it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KepalaLajur {
    pub lajur: i16,
    pub kepala: Option<(i64, String)>,
    pub nomor_tertinggi: Option<i64>,
}

/// Checks a log of several lanes: every entry, read in `seq` order in
/// pages, goes to its lane's checker; entries written after the heads were
/// read (a place beyond the head) are left for the next check. At the end
/// every lane must have reached its recorded head with the same hash, so
/// an entry removed from or added at a lane's end is found too.
#[derive(Debug, Clone)]
pub struct PemeriksaAudit {
    kepala: std::collections::BTreeMap<i16, (i64, String)>,
    lajur: std::collections::BTreeMap<i16, PemeriksaRantai>,
    awal: Option<RantaiPutus>,
    pub diperiksa: u64,
}

impl PemeriksaAudit {
    pub fn new(lajur: &[KepalaLajur]) -> Self {
        let mut awal = None;
        let mut kepala = std::collections::BTreeMap::new();
        for l in lajur {
            match (&l.kepala, l.nomor_tertinggi) {
                (Some((nomor, _)), Some(n)) if n > *nomor => {
                    awal.get_or_insert(RantaiPutus::Ujung {
                        lajur: l.lajur,
                        nomor: n,
                        tercatat: *nomor,
                    });
                }
                (None, Some(n)) => {
                    awal.get_or_insert(RantaiPutus::Ujung {
                        lajur: l.lajur,
                        nomor: n,
                        tercatat: 0,
                    });
                }
                _ => {}
            }
            if let Some(k) = &l.kepala {
                kepala.insert(l.lajur, k.clone());
            }
        }
        PemeriksaAudit {
            kepala,
            lajur: std::collections::BTreeMap::new(),
            awal,
            diperiksa: 0,
        }
    }

    pub fn periksa(&mut self, e: &EntriAudit) -> Result<(), RantaiPutus> {
        if let Some(b) = self.awal.take() {
            return Err(b);
        }
        let Some((nomor, _)) = self.kepala.get(&e.lajur) else {
            return Err(RantaiPutus::LajurAsing {
                seq: e.seq,
                lajur: e.lajur,
            });
        };
        if e.nomor > *nomor {
            return Ok(());
        }
        self.lajur
            .entry(e.lajur)
            .or_insert_with(|| PemeriksaRantai::lajur(e.lajur))
            .periksa(e)?;
        self.diperiksa += 1;
        Ok(())
    }

    /// After the last page: every lane reached its recorded head.
    pub fn selesai(&mut self) -> Result<(), RantaiPutus> {
        if let Some(b) = self.awal.take() {
            return Err(b);
        }
        for (lajur, (nomor, hash)) in &self.kepala {
            let (sampai, h) = match self.lajur.get(lajur) {
                Some(c) => (c.nomor(), c.kepala().1),
                None => (0, HASH_AWAL),
            };
            if sampai != *nomor {
                return Err(RantaiPutus::Ujung {
                    lajur: *lajur,
                    nomor: sampai,
                    tercatat: *nomor,
                });
            }
            if h != hash {
                return Err(RantaiPutus::Kepala {
                    lajur: *lajur,
                    nomor: *nomor,
                });
            }
        }
        Ok(())
    }

    /// What to record elsewhere: with one lane in use, its last good entry
    /// (seq, hash); with several, the highest seq checked and one hash over
    /// every lane's last good entry, so one line covers them all.
    pub fn kepala(&self) -> (i64, String) {
        let dipakai: Vec<(&i16, &PemeriksaRantai)> =
            self.lajur.iter().filter(|(_, c)| c.diperiksa > 0).collect();
        match dipakai.as_slice() {
            [] => (0, HASH_AWAL.to_string()),
            [(_, c)] => {
                let (s, h) = c.kepala();
                (s, h.to_string())
            }
            banyak => {
                let mut teks = String::new();
                let mut seq = 0;
                for (l, c) in banyak {
                    let (s, h) = c.kepala();
                    seq = seq.max(s);
                    teks.push_str(&format!("{l}:{}:{h}\n", c.nomor()));
                }
                (seq, sha256_hex(teks.as_bytes()))
            }
        }
    }

    /// How many lanes have checked entries.
    pub fn lajur_dipakai(&self) -> usize {
        self.lajur.values().filter(|c| c.diperiksa > 0).count()
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
        assert_eq!(check(&c), Err(RantaiPutus::Diubah { seq: 3, lajur: 0 }));

        let mut c = chain(5);
        c.remove(1);
        assert_eq!(
            check(&c),
            Err(RantaiPutus::Hilang {
                seq: 3,
                prev: 1,
                lajur: 0
            })
        );

        // Deleting a row and renumbering the rest, even with hashes
        // recomputed for the edited row, breaks the link to its successor.
        let mut c = chain(4);
        c.remove(1);
        c[1].seq = 2;
        c[1].nomor = 2;
        c[1].hash = c[1].recomputed();
        assert_eq!(
            check(&c),
            Err(RantaiPutus::Sambungan {
                seq: 2,
                prev: 1,
                lajur: 0
            })
        );
    }

    /// Entries spread over lanes 0..3 as concurrent writers would leave
    /// them: a global seq, each lane its own chain.
    fn lanes(n: i64) -> (Vec<EntriAudit>, Vec<KepalaLajur>) {
        let mut heads: std::collections::BTreeMap<i16, (i64, String)> =
            (0..4).map(|l| (l, (0, HASH_AWAL.to_string()))).collect();
        let mut out = Vec::new();
        for seq in 1..=n {
            let l = ((seq * 7) % 4) as i16;
            let (nomor, h) = heads[&l].clone();
            let e = EntriAudit::berikut_lajur(
                seq,
                l,
                nomor,
                &h,
                format!("2029-11-28T08:00:{seq:02}Z"),
                Jejak::new("user:x", "hasil.kirim", "tps", "t", "r", b"isi"),
            );
            heads.insert(l, (e.nomor, e.hash.clone()));
            out.push(e);
        }
        let kepala = heads
            .into_iter()
            .map(|(l, (n, h))| KepalaLajur {
                lajur: l,
                nomor_tertinggi: out.iter().filter(|e| e.lajur == l).map(|e| e.nomor).max(),
                kepala: Some((n, h)),
            })
            .collect();
        (out, kepala)
    }

    fn check_lanes(entries: &[EntriAudit], kepala: &[KepalaLajur]) -> Result<(), RantaiPutus> {
        let mut p = PemeriksaAudit::new(kepala);
        entries.iter().try_for_each(|e| p.periksa(e))?;
        p.selesai()
    }

    #[test]
    fn lanes_catch_edits_deletions_reorders_insertions_and_swaps() {
        let (c, k) = lanes(40);
        assert_eq!(check_lanes(&c, &k), Ok(()));
        assert!(c.iter().any(|e| e.lajur == 3 && e.nomor > 2));

        // An edit in lane 3.
        let mut e = c.clone();
        let i = e.iter().position(|e| e.lajur == 3 && e.nomor == 2).unwrap();
        e[i].ringkasan = "diubah".into();
        let seq = e[i].seq;
        assert_eq!(
            check_lanes(&e, &k),
            Err(RantaiPutus::Diubah { seq, lajur: 3 })
        );

        // One deleted in the middle of a lane.
        let mut e = c.clone();
        let i = e.iter().position(|e| e.lajur == 2 && e.nomor == 3).unwrap();
        e.remove(i);
        assert!(matches!(
            check_lanes(&e, &k),
            Err(RantaiPutus::Hilang { lajur: 2, .. })
        ));

        // Two entries of one lane swapped (their places and seqs too).
        let mut e = c.clone();
        let a = e.iter().position(|e| e.lajur == 1 && e.nomor == 2).unwrap();
        let b = e.iter().position(|e| e.lajur == 1 && e.nomor == 3).unwrap();
        let (sa, na, sb, nb) = (e[a].seq, e[a].nomor, e[b].seq, e[b].nomor);
        (e[a].seq, e[a].nomor, e[b].seq, e[b].nomor) = (sb, nb, sa, na);
        e.sort_by_key(|x| x.seq);
        assert!(check_lanes(&e, &k).is_err());

        // An entry moved to another lane, renumbered to fit there.
        let mut e = c.clone();
        let i = e.iter().position(|e| e.lajur == 3 && e.nomor == 1).unwrap();
        e[i].lajur = 0;
        assert!(check_lanes(&e, &k).is_err());
        // Lanes 1 and 2 swapped wholesale.
        let mut e = c.clone();
        for x in &mut e {
            x.lajur = match x.lajur {
                1 => 2,
                2 => 1,
                l => l,
            };
        }
        assert!(check_lanes(&e, &k).is_err());

        // An entry inserted in the middle of lane 0 (its hash even
        // recomputed): the next entry's link breaks.
        let mut e = c.clone();
        let i = e.iter().position(|e| e.lajur == 0 && e.nomor == 2).unwrap();
        let mut x = e[i].clone();
        x.ringkasan = "sisipan".into();
        x.hash = x.recomputed();
        e[i] = x;
        assert!(matches!(
            check_lanes(&e, &k),
            Err(RantaiPutus::Sambungan { lajur: 0, .. })
        ));

        // An entry appended to a lane without its head, a lane cut short,
        // and an entry on a lane the store does not know.
        let mut k2 = k.clone();
        k2[2].nomor_tertinggi = k2[2].nomor_tertinggi.map(|n| n + 1);
        assert!(matches!(
            check_lanes(&c, &k2),
            Err(RantaiPutus::Ujung { .. })
        ));
        let mut e = c.clone();
        let last = e.iter().rposition(|e| e.lajur == 1).unwrap();
        e.remove(last);
        assert!(matches!(
            check_lanes(&e, &k),
            Err(RantaiPutus::Ujung { .. })
        ));
        let mut e = c.clone();
        e[5].lajur = 9;
        assert!(matches!(
            check_lanes(&e, &k),
            Err(RantaiPutus::LajurAsing { lajur: 9, .. })
        ));

        // Entries beyond a head read earlier are left for the next check.
        let mut k3 = k.clone();
        let (n, _) = k3[1].kepala.clone().unwrap();
        let prev = c.iter().find(|e| e.lajur == 1 && e.nomor == n - 1).unwrap();
        k3[1].kepala = Some((n - 1, prev.hash.clone()));
        k3[1].nomor_tertinggi = Some(n - 1);
        assert_eq!(check_lanes(&c, &k3), Ok(()));
    }

    #[test]
    fn a_single_chain_keeps_its_old_hashes() {
        let c = chain(3);
        assert_eq!(
            c[1].hash,
            hash_entri(
                2,
                &c[1].waktu,
                &Jejak::new("cli:root", "import.tps", "berkas", "tps.csv", "x", b"isi"),
                &c[0].hash
            )
        );
        let j = Jejak::new("a", "b", "c", "d", "e", b"");
        assert_ne!(
            hash_entri_lajur(2, 0, 2, "t", &j, HASH_AWAL),
            hash_entri_lajur(2, 1, 2, "t", &j, HASH_AWAL)
        );
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
