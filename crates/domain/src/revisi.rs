//! Which revision of a TPS's C.Hasil counts (DESIGN §3: results are never
//! overwritten; a correction is a new revision).
//!
//! The rule: a later revision replaces the counted one, **unless** the
//! counted one is backed by a photo of the form or has been verified, and
//! the later one lacks a photo or a reason. Such a revision is still
//! stored (evidence is never dropped) but does not move the totals; it is
//! [`Tertahan`] ("held back"), and says why.
//!
//! Why: on election night a careless or malicious resend (a typo by SMS, a
//! second phone with stale figures) must not silently displace figures a
//! photo proves or two verifiers confirmed. A real correction comes with
//! the photo it is read from and says why it was sent.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What the revision that counts now has going for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Terhitung {
    /// It carries at least one photo of the form.
    pub berfoto: bool,
    /// Two independent readings of its photo confirmed it.
    pub terverifikasi: bool,
}

/// What a newly arrived revision brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usulan {
    pub berfoto: bool,
    /// The sender said why they send a correction (non-blank).
    pub beralasan: bool,
}

/// What protects the counted revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pelindung {
    /// It carries a photo of the form.
    Foto,
    /// It was verified (with or without a photo).
    Verifikasi,
}

/// What the held-back revision lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kekurangan {
    Foto,
    Alasan,
    FotoDanAlasan,
}

/// Why a stored revision does not replace the counted one. Stored with the
/// revision as its [`kode`](Tertahan::kode), e.g. `foto.tanpa_alasan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Tertahan {
    pub pelindung: Pelindung,
    pub kurang: Kekurangan,
}

/// Every code, in a fixed order: (pelindung, kekurangan, code).
const KODE: [(Pelindung, Kekurangan, &str); 6] = [
    (Pelindung::Foto, Kekurangan::Foto, "foto.tanpa_foto"),
    (Pelindung::Foto, Kekurangan::Alasan, "foto.tanpa_alasan"),
    (
        Pelindung::Foto,
        Kekurangan::FotoDanAlasan,
        "foto.tanpa_foto_alasan",
    ),
    (
        Pelindung::Verifikasi,
        Kekurangan::Foto,
        "verifikasi.tanpa_foto",
    ),
    (
        Pelindung::Verifikasi,
        Kekurangan::Alasan,
        "verifikasi.tanpa_alasan",
    ),
    (
        Pelindung::Verifikasi,
        Kekurangan::FotoDanAlasan,
        "verifikasi.tanpa_foto_alasan",
    ),
];

impl Tertahan {
    /// Every reason a revision can be held back.
    pub fn semua() -> impl Iterator<Item = Tertahan> {
        KODE.iter().map(|(pelindung, kurang, _)| Tertahan {
            pelindung: *pelindung,
            kurang: *kurang,
        })
    }

    /// The stable code stored with the revision and sent to API clients.
    /// Never rename one.
    pub fn kode(&self) -> &'static str {
        KODE.iter()
            .find(|(p, k, _)| *p == self.pelindung && *k == self.kurang)
            .map(|(_, _, s)| *s)
            .unwrap_or("foto.tanpa_foto_alasan")
    }

    pub fn parse(s: &str) -> Option<Tertahan> {
        KODE.iter()
            .find(|(_, _, k)| *k == s)
            .map(|(pelindung, kurang, _)| Tertahan {
                pelindung: *pelindung,
                kurang: *kurang,
            })
    }

    /// In plain Bahasa Indonesia, for SMS/Telegram replies, the API and the
    /// audit log: `revisi` is the held-back revision, `dihitung` the one
    /// that still counts.
    pub fn pesan(&self, revisi: i32, dihitung: i32) -> String {
        let dilindungi = match self.pelindung {
            Pelindung::Foto => "berfoto",
            Pelindung::Verifikasi => "sudah terverifikasi",
        };
        let kurang = match self.kurang {
            Kekurangan::Foto => "tanpa foto formulir",
            Kekurangan::Alasan => "tanpa alasan perbaikan",
            Kekurangan::FotoDanAlasan => "tanpa foto formulir dan tanpa alasan perbaikan",
        };
        format!(
            "Revisi {revisi} disimpan tetapi tidak dihitung: revisi {dihitung} yang dihitung \
             {dilindungi}, sedangkan revisi {revisi} {kurang}. Perbaikan menggantikannya bila \
             disertai foto formulir dan alasan."
        )
    }

    /// The SMS/Telegram reply (one SMS, at most 160 characters): stored,
    /// not counted, and how to correct it.
    pub fn balasan_sms(&self, tps: &str, revisi: i32, dihitung: i32) -> String {
        let dilindungi = match self.pelindung {
            Pelindung::Foto => "berfoto",
            Pelindung::Verifikasi => "terverifikasi",
        };
        let kurang = match self.kurang {
            Kekurangan::Foto => "tanpa foto",
            Kekurangan::Alasan => "tanpa alasan",
            Kekurangan::FotoDanAlasan => "tanpa foto & alasan",
        };
        format!(
            "TPS {tps}: disimpan sbg revisi {revisi}, TIDAK dihitung: revisi {dihitung} \
             {dilindungi}, kiriman ini {kurang}. Koreksi via web dgn foto+alasan."
        )
    }

    /// The same in English.
    pub fn english(&self, revisi: i32, dihitung: i32) -> String {
        let dilindungi = match self.pelindung {
            Pelindung::Foto => "is backed by a photo",
            Pelindung::Verifikasi => "has been verified",
        };
        let kurang = match self.kurang {
            Kekurangan::Foto => "has no photo of the form",
            Kekurangan::Alasan => "gives no reason for the correction",
            Kekurangan::FotoDanAlasan => {
                "has neither a photo of the form nor a reason for the correction"
            }
        };
        format!(
            "Revision {revisi} was stored but does not count: revision {dihitung}, which counts, \
             {dilindungi}, and revision {revisi} {kurang}. A correction replaces it when it comes \
             with a photo of the form and a reason."
        )
    }
}

impl fmt::Display for Tertahan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kode())
    }
}

impl From<Tertahan> for String {
    fn from(t: Tertahan) -> String {
        t.kode().to_string()
    }
}

impl TryFrom<String> for Tertahan {
    type Error = String;

    fn try_from(s: String) -> Result<Tertahan, String> {
        Tertahan::parse(&s).ok_or_else(|| format!("alasan tidak dihitung '{s}' tidak dikenal"))
    }
}

/// Whether a new revision replaces the counted one (`None`: it does, and
/// so does any first revision), or is stored without counting, and why.
pub fn tertahan(terhitung: Option<Terhitung>, baru: Usulan) -> Option<Tertahan> {
    let t = terhitung?;
    let pelindung = if t.terverifikasi {
        Pelindung::Verifikasi
    } else if t.berfoto {
        Pelindung::Foto
    } else {
        return None;
    };
    let kurang = match (baru.berfoto, baru.beralasan) {
        (true, true) => return None,
        (false, true) => Kekurangan::Foto,
        (true, false) => Kekurangan::Alasan,
        (false, false) => Kekurangan::FotoDanAlasan,
    };
    Some(Tertahan { pelindung, kurang })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KOSONG: Usulan = Usulan {
        berfoto: false,
        beralasan: false,
    };

    #[test]
    fn a_photo_less_reason_less_resend_does_not_displace_a_photo() {
        let berfoto = Terhitung {
            berfoto: true,
            terverifikasi: false,
        };
        let t = tertahan(Some(berfoto), KOSONG).unwrap();
        assert_eq!(t.kode(), "foto.tanpa_foto_alasan");
        assert_eq!(
            t.pesan(2, 1),
            "Revisi 2 disimpan tetapi tidak dihitung: revisi 1 yang dihitung berfoto, sedangkan \
             revisi 2 tanpa foto formulir dan tanpa alasan perbaikan. Perbaikan menggantikannya \
             bila disertai foto formulir dan alasan."
        );
        // A photo alone, or a reason alone, is not enough.
        let foto = Usulan {
            berfoto: true,
            beralasan: false,
        };
        assert_eq!(
            tertahan(Some(berfoto), foto).unwrap().kode(),
            "foto.tanpa_alasan"
        );
        let alasan = Usulan {
            berfoto: false,
            beralasan: true,
        };
        assert_eq!(
            tertahan(Some(berfoto), alasan).unwrap().kode(),
            "foto.tanpa_foto"
        );
        // Both: a real correction replaces it.
        let keduanya = Usulan {
            berfoto: true,
            beralasan: true,
        };
        assert_eq!(tertahan(Some(berfoto), keduanya), None);
    }

    #[test]
    fn the_sms_reply_fits_one_sms() {
        for t in Tertahan::semua() {
            let s = t.balasan_sms("3171011001001", 12, 11);
            assert!(s.chars().count() <= 160, "{} {s}", s.chars().count());
            assert!(s.contains("TIDAK dihitung"), "{s}");
        }
    }

    #[test]
    fn verified_figures_are_protected_even_without_a_photo() {
        let v = Terhitung {
            berfoto: false,
            terverifikasi: true,
        };
        let t = tertahan(Some(v), KOSONG).unwrap();
        assert_eq!(t.pelindung, Pelindung::Verifikasi);
        assert!(
            t.english(3, 2)
                .contains("revision 2, which counts, has been verified")
        );
    }

    #[test]
    fn an_unbacked_result_is_replaced_by_anything_and_a_first_always_counts() {
        assert_eq!(tertahan(Some(Terhitung::default()), KOSONG), None);
        assert_eq!(tertahan(None, KOSONG), None);
    }

    #[test]
    fn codes_are_unique_and_round_trip() {
        let semua: Vec<Tertahan> = Tertahan::semua().collect();
        assert_eq!(semua.len(), 6);
        let mut kode: Vec<&str> = semua.iter().map(Tertahan::kode).collect();
        kode.sort_unstable();
        kode.dedup();
        assert_eq!(kode.len(), 6);
        for t in semua {
            assert_eq!(Tertahan::parse(t.kode()), Some(t));
            // What serde writes and reads (`into`/`try_from` String).
            let s = String::from(t);
            assert_eq!(s, t.kode());
            assert_eq!(Tertahan::try_from(s), Ok(t));
        }
        assert_eq!(Tertahan::parse("lain"), None);
        assert!(Tertahan::try_from("lain".to_string()).is_err());
    }

    fn terhitung() -> impl Strategy<Value = Option<Terhitung>> {
        proptest::option::of(
            (any::<bool>(), any::<bool>()).prop_map(|(berfoto, terverifikasi)| Terhitung {
                berfoto,
                terverifikasi,
            }),
        )
    }

    fn usulan() -> impl Strategy<Value = Usulan> {
        (any::<bool>(), any::<bool>())
            .prop_map(|(berfoto, beralasan)| Usulan { berfoto, beralasan })
    }

    proptest! {
        /// The rule exactly as the TPS page states it.
        #[test]
        fn held_back_iff_protected_and_lacking(t in terhitung(), u in usulan()) {
            let dilindungi = t.is_some_and(|t| t.berfoto || t.terverifikasi);
            let lengkap = u.berfoto && u.beralasan;
            let hasil = tertahan(t, u);
            prop_assert_eq!(hasil.is_some(), dilindungi && !lengkap);
            if let Some(h) = hasil {
                // It names exactly what is missing and what protects.
                prop_assert_eq!(matches!(h.kurang, Kekurangan::Foto | Kekurangan::FotoDanAlasan), !u.berfoto);
                prop_assert_eq!(matches!(h.kurang, Kekurangan::Alasan | Kekurangan::FotoDanAlasan), !u.beralasan);
                prop_assert_eq!(h.pelindung == Pelindung::Verifikasi, t.is_some_and(|t| t.terverifikasi));
                prop_assert!(h.pesan(2, 1).ends_with('.') && h.english(2, 1).ends_with('.'));
            }
        }

        /// A revision with a photo and a reason always counts, so a saksi
        /// can always correct a wrong figure.
        #[test]
        fn a_documented_correction_always_counts(t in terhitung()) {
            prop_assert_eq!(tertahan(t, Usulan { berfoto: true, beralasan: true }), None);
        }
    }
}
