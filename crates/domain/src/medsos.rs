//! The campaign's own, official social media (issue 23): the accounts a
//! candidate pair registers with the KPU, who holds access to each, the
//! content that is approved before it goes out, and the claims the team
//! answers. Only official accounts exist here: each is registered with
//! the KPU and has named people responsible; no persona, anonymous or
//! shared-login account can be described, and Posko stores no password.
//!
//! Facts (Pilkada 2024, PKPU 13/2024 on campaigning): a pair may have at
//! most [`BATAS_AKUN_PER_PLATFORM`] accounts on each platform, registered
//! with the provincial or regency/city KPU on the form of its Lampiran IX
//! with copies to Bawaslu and the police, and must deactivate them
//! before the quiet period (masa tenang) begins. Campaigning on social
//! media happens within the campaign period.
//!
//! Pure: dates, accounts and drafts come in, decisions go out.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};
use uuid::Uuid;

/// Accounts a pair may register per platform (PKPU 13/2024).
pub const BATAS_AKUN_PER_PLATFORM: usize = 20;

/// Where an account lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Facebook,
    Instagram,
    TikTok,
    YouTube,
    X,
    Threads,
    WhatsApp,
    Lainnya,
}

impl Platform {
    pub const ALL: [Platform; 8] = [
        Platform::Facebook,
        Platform::Instagram,
        Platform::TikTok,
        Platform::YouTube,
        Platform::X,
        Platform::Threads,
        Platform::WhatsApp,
        Platform::Lainnya,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
            Platform::TikTok => "tiktok",
            Platform::YouTube => "youtube",
            Platform::X => "x",
            Platform::Threads => "threads",
            Platform::WhatsApp => "whatsapp",
            Platform::Lainnya => "lainnya",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Platform::Facebook => "Facebook",
            Platform::Instagram => "Instagram",
            Platform::TikTok => "TikTok",
            Platform::YouTube => "YouTube",
            Platform::X => "X (Twitter)",
            Platform::Threads => "Threads",
            Platform::WhatsApp => "Saluran WhatsApp",
            Platform::Lainnya => "Lainnya",
        }
    }

    pub fn parse(s: &str) -> Result<Platform, MedsosError> {
        let s = s.trim().to_ascii_lowercase();
        Platform::ALL
            .into_iter()
            .find(|p| p.slug() == s)
            .ok_or(MedsosError::PlatformTakDikenal(s))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MedsosError {
    #[error("platform '{0}' tidak dikenal")]
    PlatformTakDikenal(String),
    #[error(
        "nama akun '{0}' tidak sah: huruf, angka, titik, garis bawah atau tanda hubung, 1–100 karakter"
    )]
    NamaAkun(String),
    #[error(
        "paling banyak {BATAS_AKUN_PER_PLATFORM} akun resmi untuk setiap platform; {0} sudah penuh"
    )]
    AkunPenuh(&'static str),
    #[error("akun {0} sudah tercatat")]
    AkunGanda(String),
    #[error("akun resmi harus punya sedikitnya satu penanggung jawab bernama")]
    TanpaPenanggungJawab,
    #[error("masa kampanye harus berakhir setelah dimulai dan sebelum hari pemungutan suara")]
    MasaKampanye,
    #[error("{0}")]
    Jadwal(AlasanTolakJadwal),
    #[error("penulis tidak boleh menyetujui konten tulisannya sendiri")]
    SetujuiSendiri,
    #[error("konten berstatus {dari} tidak bisa {aksi}")]
    Status {
        dari: &'static str,
        aksi: &'static str,
    },
}

/// A handle as platforms allow it (without a leading `@`).
pub fn nama_akun_sah(handle: &str) -> Result<String, MedsosError> {
    let h = handle.trim().trim_start_matches('@');
    let sah = !h.is_empty()
        && h.chars().count() <= 100
        && h.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if sah {
        Ok(h.to_string())
    } else {
        Err(MedsosError::NamaAkun(handle.trim().to_string()))
    }
}

/// An account as the registry check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AkunTerdaftar {
    pub platform: Platform,
    /// Without `@`, compared without regard to case.
    pub nama: String,
    /// Still in use (not deactivated and not retired).
    pub aktif: bool,
}

/// Whether one more active account `baru` may be added to `ada`: not the
/// same handle twice on a platform, and at most
/// [`BATAS_AKUN_PER_PLATFORM`] active accounts on it.
pub fn boleh_tambah_akun(ada: &[AkunTerdaftar], baru: &AkunTerdaftar) -> Result<(), MedsosError> {
    if ada
        .iter()
        .any(|a| a.platform == baru.platform && a.nama.eq_ignore_ascii_case(&baru.nama))
    {
        return Err(MedsosError::AkunGanda(format!(
            "{} @{}",
            baru.platform.label(),
            baru.nama
        )));
    }
    let aktif = ada
        .iter()
        .filter(|a| a.aktif && a.platform == baru.platform)
        .count();
    if baru.aktif && aktif >= BATAS_AKUN_PER_PLATFORM {
        return Err(MedsosError::AkunPenuh(baru.platform.label()));
    }
    Ok(())
}

/// The campaign period and voting day of an election: social-media
/// campaigning happens from `mulai` to `akhir`; the days after, to the
/// eve of voting, are the quiet period (masa tenang).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasaKampanye {
    pub mulai: Date,
    pub akhir: Date,
    pub pemungutan: Date,
}

impl MasaKampanye {
    pub fn new(mulai: Date, akhir: Date, pemungutan: Date) -> Result<MasaKampanye, MedsosError> {
        if akhir < mulai || akhir >= pemungutan {
            return Err(MedsosError::MasaKampanye);
        }
        Ok(MasaKampanye {
            mulai,
            akhir,
            pemungutan,
        })
    }

    /// The quiet period: the day after the campaign to the eve of voting.
    pub fn masa_tenang(&self) -> (Date, Date) {
        (
            self.akhir + Duration::days(1),
            self.pemungutan - Duration::days(1),
        )
    }

    /// The last day an official account may be active: the campaign's
    /// last day (deactivated before the quiet period begins).
    pub fn batas_nonaktif(&self) -> Date {
        self.akhir
    }
}

/// Why a post cannot be scheduled on an account on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlasanTolakJadwal {
    SebelumKampanye,
    MasaTenang,
    SetelahPemungutan,
    /// On or after the account's own deactivation date.
    AkunNonaktif,
}

impl std::fmt::Display for AlasanTolakJadwal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AlasanTolakJadwal::SebelumKampanye => {
                "belum masa kampanye: kampanye di media sosial hanya dalam masa kampanye"
            }
            AlasanTolakJadwal::MasaTenang => {
                "masa tenang: tidak ada kampanye dan akun resmi sudah harus nonaktif"
            }
            AlasanTolakJadwal::SetelahPemungutan => "masa kampanye sudah selesai",
            AlasanTolakJadwal::AkunNonaktif => "akun sudah dinonaktifkan pada tanggal itu",
        })
    }
}

/// Whether a post may be planned on `tanggal` (local date of the planned
/// time) on an account deactivated from `nonaktif` (if set): only within
/// the campaign period and before the account's deactivation.
pub fn boleh_jadwalkan(
    masa: &MasaKampanye,
    nonaktif: Option<Date>,
    tanggal: Date,
) -> Result<(), AlasanTolakJadwal> {
    if tanggal < masa.mulai {
        return Err(AlasanTolakJadwal::SebelumKampanye);
    }
    if tanggal > masa.akhir {
        return Err(if tanggal < masa.pemungutan {
            AlasanTolakJadwal::MasaTenang
        } else {
            AlasanTolakJadwal::SetelahPemungutan
        });
    }
    if nonaktif.is_some_and(|n| tanggal >= n) {
        return Err(AlasanTolakJadwal::AkunNonaktif);
    }
    Ok(())
}

/// Where a draft stands in its review chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKonten {
    Draf,
    /// Sent for review.
    Ditinjau,
    /// Reviewed, waiting for the approver.
    Diperiksa,
    Disetujui,
    /// Posted: the live URL and who posted it are recorded.
    Diposting,
    Dibatalkan,
}

impl StatusKonten {
    pub fn slug(self) -> &'static str {
        match self {
            StatusKonten::Draf => "draf",
            StatusKonten::Ditinjau => "ditinjau",
            StatusKonten::Diperiksa => "diperiksa",
            StatusKonten::Disetujui => "disetujui",
            StatusKonten::Diposting => "diposting",
            StatusKonten::Dibatalkan => "dibatalkan",
        }
    }
}

/// A step someone takes on a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangkahKonten {
    /// The author sends it for review.
    Ajukan,
    /// A reviewer passes it to the approver.
    Periksa,
    /// The approver approves it (never its author).
    Setujui,
    /// Back to its author with comments; a new version starts again.
    Kembalikan,
    /// Recorded as posted.
    Posting,
    Batalkan,
    /// The author changes the text or media: a new version, reviewed anew.
    Ubah,
}

/// The next status of a draft by `author` when `oleh` takes `langkah`,
/// or why not. Who may review and approve is the policy's; this is the
/// chain's order and the one rule a role cannot lift: an approver is
/// never the author.
pub fn langkah_konten(
    status: StatusKonten,
    langkah: LangkahKonten,
    penulis: Uuid,
    oleh: Uuid,
) -> Result<StatusKonten, MedsosError> {
    use LangkahKonten as L;
    use StatusKonten as S;
    let aksi = match langkah {
        L::Ajukan => "diajukan",
        L::Periksa => "diperiksa",
        L::Setujui => "disetujui",
        L::Kembalikan => "dikembalikan",
        L::Posting => "dicatat terposting",
        L::Batalkan => "dibatalkan",
        L::Ubah => "diubah",
    };
    if langkah == L::Setujui && oleh == penulis {
        return Err(MedsosError::SetujuiSendiri);
    }
    match (status, langkah) {
        (S::Draf, L::Ajukan) => Ok(S::Ditinjau),
        (S::Ditinjau, L::Periksa) => Ok(S::Diperiksa),
        (S::Ditinjau | S::Diperiksa, L::Setujui) => Ok(S::Disetujui),
        (S::Ditinjau | S::Diperiksa | S::Disetujui, L::Kembalikan) => Ok(S::Draf),
        (S::Draf | S::Ditinjau | S::Diperiksa | S::Disetujui, L::Ubah) => Ok(S::Draf),
        (S::Disetujui, L::Posting) => Ok(S::Diposting),
        (S::Draf | S::Ditinjau | S::Diperiksa | S::Disetujui, L::Batalkan) => Ok(S::Dibatalkan),
        (dari, _) => Err(MedsosError::Status {
            dari: dari.slug(),
            aksi,
        }),
    }
}

/// What a member could reach on an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisAkses {
    /// Signs in with their own login as an admin or editor of the page.
    Pengelola,
    /// Also holds the account's recovery (email, phone or codes).
    Pemulihan,
}

/// One member's access to one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Akses {
    pub akun: Uuid,
    pub anggota: Uuid,
    pub jenis: JenisAkses,
}

/// What must change on an account after a member leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TugasRotasi {
    pub akun: Uuid,
    /// Remove their access and change the sign-in password.
    pub ganti_sandi: bool,
    /// They held the recovery: change the recovery email, phone and codes.
    pub ganti_pemulihan: bool,
}

/// The rotation tasks a member's departure opens: one per account they
/// could reach, exactly those, with the recovery to change where they
/// held it.
pub fn tugas_keluar(akses: &[Akses], anggota: Uuid) -> Vec<TugasRotasi> {
    let mut out: Vec<TugasRotasi> = Vec::new();
    for a in akses.iter().filter(|a| a.anggota == anggota) {
        let pemulihan = a.jenis == JenisAkses::Pemulihan;
        match out.iter_mut().find(|t| t.akun == a.akun) {
            Some(t) => t.ganti_pemulihan |= pemulihan,
            None => out.push(TugasRotasi {
                akun: a.akun,
                ganti_sandi: true,
                ganti_pemulihan: pemulihan,
            }),
        }
    }
    out.sort_by_key(|t| t.akun);
    out
}

/// A claim on the issue desk, from first seen to closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusIsu {
    Dipantau,
    Dijawab,
    Terjawab,
    Ditutup,
}

impl StatusIsu {
    pub fn slug(self) -> &'static str {
        match self {
            StatusIsu::Dipantau => "dipantau",
            StatusIsu::Dijawab => "dijawab",
            StatusIsu::Terjawab => "terjawab",
            StatusIsu::Ditutup => "ditutup",
        }
    }

    /// Whether the desk may move a claim from `self` to `ke`: forward one
    /// step at a time, to closed from anywhere, and a closed claim
    /// reopened for watching when it circulates again.
    pub fn boleh_ke(self, ke: StatusIsu) -> bool {
        use StatusIsu::*;
        matches!(
            (self, ke),
            (Dipantau, Dijawab)
                | (Dijawab, Terjawab)
                | (Dipantau | Dijawab | Terjawab, Ditutup)
                | (Ditutup, Dipantau)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn masa() -> MasaKampanye {
        // Pilkada 2024: campaign 25 Sep – 23 Nov, voting 27 Nov.
        MasaKampanye::new(
            date!(2024 - 09 - 25),
            date!(2024 - 11 - 23),
            date!(2024 - 11 - 27),
        )
        .unwrap()
    }

    #[test]
    fn nothing_is_scheduled_outside_the_campaign_or_after_deactivation() {
        let m = masa();
        assert_eq!(
            m.masa_tenang(),
            (date!(2024 - 11 - 24), date!(2024 - 11 - 26))
        );
        assert_eq!(boleh_jadwalkan(&m, None, date!(2024 - 09 - 25)), Ok(()));
        assert_eq!(boleh_jadwalkan(&m, None, date!(2024 - 11 - 23)), Ok(()));
        assert_eq!(
            boleh_jadwalkan(&m, None, date!(2024 - 09 - 24)),
            Err(AlasanTolakJadwal::SebelumKampanye)
        );
        for d in [date!(2024 - 11 - 24), date!(2024 - 11 - 26)] {
            assert_eq!(
                boleh_jadwalkan(&m, None, d),
                Err(AlasanTolakJadwal::MasaTenang)
            );
        }
        assert_eq!(
            boleh_jadwalkan(&m, None, date!(2024 - 11 - 27)),
            Err(AlasanTolakJadwal::SetelahPemungutan)
        );
        assert_eq!(
            boleh_jadwalkan(&m, Some(date!(2024 - 11 - 01)), date!(2024 - 11 - 01)),
            Err(AlasanTolakJadwal::AkunNonaktif)
        );
        assert_eq!(
            boleh_jadwalkan(&m, Some(date!(2024 - 11 - 01)), date!(2024 - 10 - 31)),
            Ok(())
        );
        assert!(
            MasaKampanye::new(
                date!(2024 - 11 - 23),
                date!(2024 - 11 - 27),
                date!(2024 - 11 - 27)
            )
            .is_err()
        );
    }

    #[test]
    fn an_author_never_approves_their_own_draft() {
        let (penulis, peninjau) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let s =
            langkah_konten(StatusKonten::Draf, LangkahKonten::Ajukan, penulis, penulis).unwrap();
        assert_eq!(
            langkah_konten(s, LangkahKonten::Setujui, penulis, penulis),
            Err(MedsosError::SetujuiSendiri)
        );
        let s = langkah_konten(s, LangkahKonten::Periksa, penulis, peninjau).unwrap();
        assert_eq!(
            langkah_konten(s, LangkahKonten::Setujui, penulis, penulis),
            Err(MedsosError::SetujuiSendiri)
        );
        let s = langkah_konten(s, LangkahKonten::Setujui, penulis, peninjau).unwrap();
        assert_eq!(s, StatusKonten::Disetujui);
        // A change after approval is a new version: reviewed again.
        assert_eq!(
            langkah_konten(s, LangkahKonten::Ubah, penulis, penulis),
            Ok(StatusKonten::Draf)
        );
        assert_eq!(
            langkah_konten(s, LangkahKonten::Posting, penulis, penulis),
            Ok(StatusKonten::Diposting)
        );
        // Nothing is posted unapproved, and a posted record stays.
        assert!(
            langkah_konten(
                StatusKonten::Ditinjau,
                LangkahKonten::Posting,
                penulis,
                peninjau
            )
            .is_err()
        );
        assert!(
            langkah_konten(
                StatusKonten::Diposting,
                LangkahKonten::Ubah,
                penulis,
                penulis
            )
            .is_err()
        );
        assert!(
            langkah_konten(
                StatusKonten::Diposting,
                LangkahKonten::Batalkan,
                penulis,
                peninjau
            )
            .is_err()
        );
    }

    #[test]
    fn twenty_accounts_per_platform_and_no_handle_twice() {
        let akun = |platform, nama: &str, aktif| AkunTerdaftar {
            platform,
            nama: nama.into(),
            aktif,
        };
        let mut ada: Vec<AkunTerdaftar> = (0..BATAS_AKUN_PER_PLATFORM)
            .map(|i| akun(Platform::Instagram, &format!("paslon{i}"), true))
            .collect();
        assert_eq!(
            boleh_tambah_akun(&ada, &akun(Platform::Instagram, "paslon.baru", true)),
            Err(MedsosError::AkunPenuh("Instagram"))
        );
        assert_eq!(
            boleh_tambah_akun(&ada, &akun(Platform::TikTok, "paslon.baru", true)),
            Ok(())
        );
        assert!(matches!(
            boleh_tambah_akun(&ada, &akun(Platform::Instagram, "PASLON3", false)),
            Err(MedsosError::AkunGanda(_))
        ));
        ada[0].aktif = false;
        assert_eq!(
            boleh_tambah_akun(&ada, &akun(Platform::Instagram, "paslon.baru", true)),
            Ok(())
        );
        assert_eq!(nama_akun_sah(" @Paslon_01 ").unwrap(), "Paslon_01");
        assert!(nama_akun_sah("dua kata").is_err());
        assert!(nama_akun_sah("@").is_err());
    }

    #[test]
    fn a_departure_opens_rotation_for_exactly_the_accounts_held() {
        let (a, b, c) = (
            Uuid::from_u128(10),
            Uuid::from_u128(11),
            Uuid::from_u128(12),
        );
        let (rina, dodi) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let akses = vec![
            Akses {
                akun: a,
                anggota: rina,
                jenis: JenisAkses::Pengelola,
            },
            Akses {
                akun: b,
                anggota: rina,
                jenis: JenisAkses::Pengelola,
            },
            Akses {
                akun: b,
                anggota: rina,
                jenis: JenisAkses::Pemulihan,
            },
            Akses {
                akun: c,
                anggota: dodi,
                jenis: JenisAkses::Pemulihan,
            },
        ];
        assert_eq!(
            tugas_keluar(&akses, rina),
            vec![
                TugasRotasi {
                    akun: a,
                    ganti_sandi: true,
                    ganti_pemulihan: false
                },
                TugasRotasi {
                    akun: b,
                    ganti_sandi: true,
                    ganti_pemulihan: true
                },
            ]
        );
        assert_eq!(tugas_keluar(&akses, Uuid::from_u128(99)), vec![]);
    }

    #[test]
    fn an_issue_moves_forward_or_closes() {
        use StatusIsu::*;
        assert!(Dipantau.boleh_ke(Dijawab));
        assert!(!Dipantau.boleh_ke(Terjawab));
        assert!(Terjawab.boleh_ke(Ditutup));
        assert!(Ditutup.boleh_ke(Dipantau));
        assert!(!Ditutup.boleh_ke(Terjawab));
        assert_eq!(Platform::parse("TikTok"), Ok(Platform::TikTok));
        assert!(Platform::parse("friendster").is_err());
    }
}
