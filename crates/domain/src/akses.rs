//! Who may do what, where: roles (peran), territorial scope (cakupan) and
//! the one policy function every layer asks. Pure, so the whole matrix of
//! roles × permissions × places can be tested without a server.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::tps::KodeTps;
use crate::wilayah::KodeWilayah;

/// The roles of a campaign team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Peran {
    Admin,
    Manager,
    Koordinator,
    Relawan,
    Saksi,
    Verifier,
    Bendahara,
    Media,
    Auditor,
}

impl Peran {
    pub const ALL: [Peran; 9] = [
        Peran::Admin,
        Peran::Manager,
        Peran::Koordinator,
        Peran::Relawan,
        Peran::Saksi,
        Peran::Verifier,
        Peran::Bendahara,
        Peran::Media,
        Peran::Auditor,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Peran::Admin => "admin",
            Peran::Manager => "manager",
            Peran::Koordinator => "koordinator",
            Peran::Relawan => "relawan",
            Peran::Saksi => "saksi",
            Peran::Verifier => "verifier",
            Peran::Bendahara => "bendahara",
            Peran::Media => "media",
            Peran::Auditor => "auditor",
        }
    }

    pub fn parse(s: &str) -> Result<Peran, AksesError> {
        let s = s.trim().to_ascii_lowercase();
        Peran::ALL
            .into_iter()
            .find(|p| p.slug() == s)
            .ok_or(AksesError::Peran(s))
    }

    /// The permissions this role carries within its scope.
    pub fn izin(self) -> &'static [Izin] {
        use Izin::*;
        match self {
            Peran::Admin => &[
                LihatWilayah,
                KelolaPemilihan,
                ImporData,
                LihatAudit,
                KelolaPengguna,
                EksporDataPribadi,
                KirimHasil,
                VerifikasiHasil,
                KelolaPendukung,
            ],
            Peran::Manager => &[
                LihatWilayah,
                KelolaPemilihan,
                ImporData,
                KelolaPengguna,
                EksporDataPribadi,
                KirimHasil,
                VerifikasiHasil,
                KelolaPendukung,
            ],
            Peran::Koordinator => &[
                LihatWilayah,
                KelolaPengguna,
                EksporDataPribadi,
                KirimHasil,
                KelolaPendukung,
            ],
            Peran::Saksi => &[LihatWilayah, KirimHasil],
            Peran::Verifier => &[LihatWilayah, VerifikasiHasil],
            Peran::Relawan => &[LihatWilayah, KelolaPendukung],
            Peran::Bendahara | Peran::Media => &[LihatWilayah],
            Peran::Auditor => &[LihatWilayah, LihatAudit],
        }
    }

    /// Roles whose scope is always the whole campaign.
    fn selalu_semua(self) -> bool {
        matches!(self, Peran::Admin | Peran::Manager)
    }
}

impl fmt::Display for Peran {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// What an action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Izin {
    /// Regions, TPS and their totals, elections and paslon.
    LihatWilayah,
    /// Create elections and candidate pairs.
    KelolaPemilihan,
    /// Import region codes and TPS lists.
    ImporData,
    /// Read the audit log.
    LihatAudit,
    /// Create accounts and grant roles (within one's own scope).
    KelolaPengguna,
    /// Take personal data (phones, NIK) out of Posko as a file; every such
    /// export is logged and watermarked (UU 27/2022).
    EksporDataPribadi,
    /// Send a TPS's C.Hasil (a saksi for their TPS; coordinators and
    /// managers on a saksi's behalf, from the paper).
    KirimHasil,
    /// Read forms against their photos and confirm or dispute the figures.
    VerifikasiHasil,
    /// Register supporters and recruit relawan within one's territory, and
    /// see the supporters, volunteer tree and leaderboard there.
    KelolaPendukung,
}

impl Izin {
    pub const ALL: [Izin; 9] = [
        Izin::LihatWilayah,
        Izin::KelolaPemilihan,
        Izin::ImporData,
        Izin::LihatAudit,
        Izin::KelolaPengguna,
        Izin::EksporDataPribadi,
        Izin::KirimHasil,
        Izin::VerifikasiHasil,
        Izin::KelolaPendukung,
    ];
}

/// Where a role applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "jenis", content = "kode")]
pub enum Cakupan {
    /// The whole campaign.
    Semua,
    /// A region and everything under it (a coordinator's territory).
    Wilayah(KodeWilayah),
    /// One polling station (a saksi's).
    Tps(KodeTps),
}

impl Cakupan {
    /// `semua`, a region code, or a TPS code.
    pub fn parse(s: &str) -> Result<Cakupan, AksesError> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("semua") || t == "*" {
            return Ok(Cakupan::Semua);
        }
        if let Ok(w) = KodeWilayah::parse(t) {
            return Ok(Cakupan::Wilayah(w));
        }
        KodeTps::parse(t)
            .map(Cakupan::Tps)
            .map_err(|_| AksesError::Cakupan(t.to_string()))
    }

    /// Whether a place lies inside this scope.
    pub fn mencakup(&self, objek: &Objek) -> bool {
        match (self, objek) {
            (Cakupan::Semua, _) => true,
            (_, Objek::Global) => false,
            (Cakupan::Wilayah(w), Objek::Wilayah(o)) => w.mencakup(o),
            (Cakupan::Wilayah(w), Objek::Tps(t)) => w.mencakup(&t.desa()),
            (Cakupan::Tps(t), Objek::Tps(o)) => t == o,
            // A saksi's scope is their TPS, not its desa.
            (Cakupan::Tps(_), Objek::Wilayah(_)) => false,
        }
    }

    /// Whether this scope and a region share any ground (for lists that
    /// show only what one may see, e.g. elections covering a territory).
    pub fn bersinggungan(&self, w: &KodeWilayah) -> bool {
        match self {
            Cakupan::Semua => true,
            Cakupan::Wilayah(s) => s.mencakup(w) || w.mencakup(s),
            Cakupan::Tps(t) => w.mencakup(&t.desa()),
        }
    }
}

impl fmt::Display for Cakupan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cakupan::Semua => f.write_str("semua"),
            Cakupan::Wilayah(w) => write!(f, "{w}"),
            Cakupan::Tps(t) => write!(f, "{t}"),
        }
    }
}

/// What an action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objek {
    /// Campaign-wide things (settings, accounts, the audit log).
    Global,
    Wilayah(KodeWilayah),
    Tps(KodeTps),
}

/// One role held over one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Penugasan {
    pub peran: Peran,
    pub cakupan: Cakupan,
}

impl Penugasan {
    /// Admin and manager are campaign-wide; a saksi's scope must be a TPS;
    /// other roles take a region or the whole campaign.
    pub fn new(peran: Peran, cakupan: Cakupan) -> Result<Penugasan, AksesError> {
        let ok = match (peran, cakupan) {
            (p, c) if p.selalu_semua() => c == Cakupan::Semua,
            (Peran::Saksi, c) => matches!(c, Cakupan::Tps(_)),
            // A relawan may work a single TPS (the bottom of the tree).
            (Peran::Relawan, _) => true,
            (_, Cakupan::Tps(_)) => false,
            _ => true,
        };
        if ok {
            Ok(Penugasan { peran, cakupan })
        } else {
            Err(AksesError::CakupanTidakCocok { peran, cakupan })
        }
    }
}

/// The one policy question: may someone holding `penugasan` exercise
/// `izin` on `objek`? A permission is granted by any single assignment
/// that carries it and whose scope covers the object.
pub fn diizinkan(penugasan: &[Penugasan], izin: Izin, objek: &Objek) -> bool {
    penugasan
        .iter()
        .any(|p| p.peran.izin().contains(&izin) && p.cakupan.mencakup(objek))
}

/// Whether someone holding `pengelola` may act with `izin` on an account
/// holding `akun` (see it in lists, export it, end its sessions): every
/// role of the account must lie inside the manager's own territory. An
/// account without roles, or with a campaign-wide one, is for campaign-wide
/// managers only, so a coordinator can never touch an admin.
pub fn boleh_kelola(pengelola: &[Penugasan], izin: Izin, akun: &[Penugasan]) -> bool {
    let objek = |c: &Cakupan| match c {
        Cakupan::Semua => Objek::Global,
        Cakupan::Wilayah(w) => Objek::Wilayah(*w),
        Cakupan::Tps(t) => Objek::Tps(*t),
    };
    if akun.is_empty() {
        return diizinkan(pengelola, izin, &Objek::Global);
    }
    akun.iter()
        .all(|a| diizinkan(pengelola, izin, &objek(&a.cakupan)))
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AksesError {
    #[error(
        "peran '{0}' tidak dikenal: pilih admin, manager, koordinator, relawan, saksi, verifier, bendahara, media atau auditor"
    )]
    Peran(String),
    #[error(
        "cakupan '{0}' tidak dikenal: tulis 'semua', kode wilayah (32.73.01) atau kode TPS (3273011001003)"
    )]
    Cakupan(String),
    #[error(
        "peran {peran} tidak bisa bercakupan '{cakupan}': admin dan manager selalu 'semua', saksi selalu satu TPS, relawan wilayah atau satu TPS, peran lain wilayah atau 'semua'"
    )]
    CakupanTidakCocok { peran: Peran, cakupan: Cakupan },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> KodeWilayah {
        KodeWilayah::parse(s).unwrap()
    }
    fn t(s: &str) -> KodeTps {
        KodeTps::parse(s).unwrap()
    }
    fn tugas(p: Peran, c: &str) -> Penugasan {
        Penugasan::new(p, Cakupan::parse(c).unwrap()).unwrap()
    }

    #[test]
    fn coordinator_sees_own_territory_only() {
        let k = [tugas(Peran::Koordinator, "32.73.01")];
        assert!(diizinkan(
            &k,
            Izin::LihatWilayah,
            &Objek::Wilayah(w("32.73.01"))
        ));
        assert!(diizinkan(
            &k,
            Izin::LihatWilayah,
            &Objek::Wilayah(w("32.73.01.1001"))
        ));
        assert!(diizinkan(
            &k,
            Izin::LihatWilayah,
            &Objek::Tps(t("3273011001003"))
        ));
        assert!(!diizinkan(
            &k,
            Izin::LihatWilayah,
            &Objek::Wilayah(w("32.73"))
        ));
        assert!(!diizinkan(
            &k,
            Izin::LihatWilayah,
            &Objek::Wilayah(w("32.73.02"))
        ));
        assert!(!diizinkan(
            &k,
            Izin::ImporData,
            &Objek::Wilayah(w("32.73.01"))
        ));
        assert!(!diizinkan(&k, Izin::LihatAudit, &Objek::Global));
    }

    #[test]
    fn saksi_sees_one_tps() {
        let s = [tugas(Peran::Saksi, "3273011001003")];
        assert!(diizinkan(
            &s,
            Izin::LihatWilayah,
            &Objek::Tps(t("3273011001003"))
        ));
        assert!(!diizinkan(
            &s,
            Izin::LihatWilayah,
            &Objek::Tps(t("3273011001004"))
        ));
        assert!(!diizinkan(
            &s,
            Izin::LihatWilayah,
            &Objek::Wilayah(w("32.73.01.1001"))
        ));
    }

    #[test]
    fn several_assignments_combine() {
        let both = [
            tugas(Peran::Koordinator, "32.73.01"),
            tugas(Peran::Auditor, "35.78"),
        ];
        assert!(diizinkan(
            &both,
            Izin::LihatWilayah,
            &Objek::Wilayah(w("35.78.01"))
        ));
        assert!(diizinkan(
            &both,
            Izin::LihatWilayah,
            &Objek::Wilayah(w("32.73.01"))
        ));
        assert!(!diizinkan(
            &both,
            Izin::LihatWilayah,
            &Objek::Wilayah(w("31"))
        ));
        assert!(!diizinkan(
            &[],
            Izin::LihatWilayah,
            &Objek::Wilayah(w("31"))
        ));
    }

    #[test]
    fn coordinators_manage_accounts_inside_their_territory_only() {
        let k = [tugas(Peran::Koordinator, "32.73.01")];
        let kelola = |akun: &[Penugasan]| boleh_kelola(&k, Izin::KelolaPengguna, akun);
        assert!(kelola(&[tugas(Peran::Saksi, "3273011001003")]));
        assert!(kelola(&[tugas(Peran::Relawan, "32.73.01.1001")]));
        assert!(!kelola(&[tugas(Peran::Saksi, "3273021001003")]));
        assert!(!kelola(&[
            tugas(Peran::Saksi, "3273011001003"),
            tugas(Peran::Relawan, "32.73.02")
        ]));
        assert!(!kelola(&[tugas(Peran::Admin, "semua")]));
        assert!(!kelola(&[]));
        let m = [tugas(Peran::Manager, "semua")];
        assert!(boleh_kelola(&m, Izin::KelolaPengguna, &[]));
        assert!(boleh_kelola(
            &m,
            Izin::EksporDataPribadi,
            &[tugas(Peran::Admin, "semua")]
        ));
        let saksi = [tugas(Peran::Saksi, "3273011001003")];
        assert!(!boleh_kelola(&saksi, Izin::KelolaPengguna, &saksi));
    }

    #[test]
    fn scopes_must_fit_the_role() {
        assert!(Penugasan::new(Peran::Manager, Cakupan::Wilayah(w("32"))).is_err());
        assert!(Penugasan::new(Peran::Saksi, Cakupan::Wilayah(w("32"))).is_err());
        assert!(Penugasan::new(Peran::Koordinator, Cakupan::Tps(t("3273011001003"))).is_err());
        assert!(Penugasan::new(Peran::Koordinator, Cakupan::Semua).is_ok());
        assert!(Penugasan::new(Peran::Relawan, Cakupan::Tps(t("3273011001003"))).is_ok());
        assert_eq!(Peran::parse(" Saksi ").unwrap(), Peran::Saksi);
        assert!(Peran::parse("bos").is_err());
        assert_eq!(Cakupan::parse("semua").unwrap(), Cakupan::Semua);
        assert!(Cakupan::parse("x").is_err());
    }

    #[test]
    fn only_admin_and_manager_act_campaign_wide() {
        for p in Peran::ALL {
            let c = if p == Peran::Saksi {
                Cakupan::Tps(t("3273011001003"))
            } else if p.selalu_semua() {
                Cakupan::Semua
            } else {
                Cakupan::Wilayah(w("32.73"))
            };
            let a = [Penugasan::new(p, c).unwrap()];
            let global = diizinkan(&a, Izin::KelolaPemilihan, &Objek::Global);
            assert_eq!(global, p.selalu_semua(), "{p}");
        }
    }
}
