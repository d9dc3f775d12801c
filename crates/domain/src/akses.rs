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
    ///
    /// Nobody but a verifier holds `VerifikasiHasil`, and a verifier holds
    /// no `LihatHasil`: a reading is blind only if the reader cannot see the
    /// figures it checks (see [`boleh_verifikasi`]). Managers settle
    /// disputes with the figures in view; that is `KelolaPemilihan`.
    pub fn izin(self) -> &'static [Izin] {
        use Izin::*;
        match self {
            Peran::Admin => &[
                LihatWilayah,
                LihatHasil,
                LihatHitungCepat,
                KelolaPemilihan,
                ImporData,
                LihatAudit,
                KelolaPengguna,
                EksporDataPribadi,
                IsianHasil,
                KelolaPendukung,
                TanganiInsiden,
                LihatKejanggalan,
                PutusKejanggalan,
                CatatDana,
                LihatDana,
                LihatMedsos,
                TulisMedsos,
                SetujuiMedsos,
                KerjaLapangan,
                KelolaLapangan,
            ],
            Peran::Manager => &[
                LihatWilayah,
                LihatHasil,
                LihatHitungCepat,
                KelolaPemilihan,
                ImporData,
                KelolaPengguna,
                EksporDataPribadi,
                IsianHasil,
                KelolaPendukung,
                TanganiInsiden,
                LihatKejanggalan,
                PutusKejanggalan,
                CatatDana,
                LihatDana,
                LihatMedsos,
                TulisMedsos,
                SetujuiMedsos,
                KerjaLapangan,
                KelolaLapangan,
            ],
            Peran::Koordinator => &[
                LihatWilayah,
                LihatHasil,
                KelolaPengguna,
                EksporDataPribadi,
                IsianHasil,
                KelolaPendukung,
                TanganiInsiden,
                KerjaLapangan,
                KelolaLapangan,
            ],
            Peran::Saksi => &[LihatWilayah, LihatHasil, IsianHasil],
            Peran::Verifier => &[LihatWilayah, VerifikasiHasil],
            Peran::Relawan => &[LihatWilayah, LihatHasil, KelolaPendukung, KerjaLapangan],
            Peran::Bendahara => &[LihatWilayah, LihatHasil, CatatDana, LihatDana],
            Peran::Media => &[LihatWilayah, LihatHasil, LihatMedsos, TulisMedsos],
            Peran::Auditor => &[
                LihatWilayah,
                LihatHasil,
                LihatAudit,
                LihatKejanggalan,
                LihatDana,
                LihatMedsos,
            ],
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
    /// Regions, TPS, their DPT totals and boundaries, elections and paslon.
    LihatWilayah,
    /// Vote figures: the real count's totals, each TPS's form, the
    /// discrepancies against the official count, the leader on a map.
    LihatHasil,
    /// The quick count: its estimate before release, and where its sample
    /// lies (a sample TPS known in advance is a TPS worth tampering with).
    LihatHitungCepat,
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
    IsianHasil,
    /// Read forms against their photos and confirm or dispute the figures.
    VerifikasiHasil,
    /// Register supporters and recruit relawan within one's territory, and
    /// see the supporters, volunteer tree and leaderboard there.
    KelolaPendukung,
    /// Take, hand on and close incidents reported at TPS in one's area.
    TanganiInsiden,
    /// Read the review queue of suspicious results (kejanggalan) in one's
    /// area: the flags with their figures. Not a verifier's: the figures
    /// would unblind their readings.
    LihatKejanggalan,
    /// Decide on a flag of the review queue (looked at, escalated,
    /// dismissed): the campaign's managers and its lawyers, who work with
    /// a manager's account.
    PutusKejanggalan,
    /// Write the campaign-finance ledger (dana kampanye): donors,
    /// donations, spending, corrections, returns of excess. The treasurer
    /// and the campaign's managers.
    CatatDana,
    /// Read the ledger, its donors (who they are) and the KPU reports: the
    /// writers and the auditor; nobody else sees donors.
    LihatDana,
    /// The social-media room (official accounts only): read the registry,
    /// who holds access, the calendar and the issue desk. The media team,
    /// managers and the auditor.
    LihatMedsos,
    /// Write drafts, comment, record a post as made, log and answer
    /// claims on the issue desk, import the platforms' analytics: the
    /// media team and managers.
    TulisMedsos,
    /// Approve a draft (never one's own), change the account registry and
    /// who holds access, close rotation tasks: the campaign's managers.
    SetujuiMedsos,
    /// Field work in one's own area (issue 24): open the field room, check
    /// people in at an event's door, record an APK installation or its
    /// take-down, send a task's proof, enter a survey interview. Relawan,
    /// coordinators and managers.
    KerjaLapangan,
    /// Plan field work in one's own area: events and invitations, APK
    /// stock, hand-overs and quotas, tasks down the tree, surveys and
    /// their interviewers. Coordinators and managers.
    KelolaLapangan,
}

impl Izin {
    pub const ALL: [Izin; 21] = [
        Izin::LihatWilayah,
        Izin::LihatHasil,
        Izin::LihatHitungCepat,
        Izin::KelolaPemilihan,
        Izin::ImporData,
        Izin::LihatAudit,
        Izin::KelolaPengguna,
        Izin::EksporDataPribadi,
        Izin::IsianHasil,
        Izin::VerifikasiHasil,
        Izin::KelolaPendukung,
        Izin::TanganiInsiden,
        Izin::LihatKejanggalan,
        Izin::PutusKejanggalan,
        Izin::CatatDana,
        Izin::LihatDana,
        Izin::LihatMedsos,
        Izin::TulisMedsos,
        Izin::SetujuiMedsos,
        Izin::KerjaLapangan,
        Izin::KelolaLapangan,
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

/// Whether someone holding `pemberi` could grant `tugas` themselves:
/// admins any role; managers any role below their own (never admin or
/// manager, so no manager manages a peer); coordinators saksi and relawan
/// inside their territory and coordinators strictly below it. Nobody else
/// grants anything.
pub fn boleh_beri(pemberi: &[Penugasan], tugas: &Penugasan) -> bool {
    pemberi.iter().any(|p| match p.peran {
        Peran::Admin => true,
        Peran::Manager => !matches!(tugas.peran, Peran::Admin | Peran::Manager),
        Peran::Koordinator => match tugas.peran {
            Peran::Saksi | Peran::Relawan => p.cakupan.mencakup(&objek_cakupan(&tugas.cakupan)),
            Peran::Koordinator => p.cakupan.di_bawah(&tugas.cakupan),
            _ => false,
        },
        _ => false,
    })
}

/// Whether someone holding `pemberi` could grant `peran` somewhere (the
/// roles a "grant a role" form offers them): the same rule as
/// [`boleh_beri`], before a scope is chosen. A coordinator of a desa has no
/// region strictly below theirs to give a coordinator.
pub fn boleh_beri_peran(pemberi: &[Penugasan], peran: Peran) -> bool {
    pemberi.iter().any(|p| match p.peran {
        Peran::Admin => true,
        Peran::Manager => !matches!(peran, Peran::Admin | Peran::Manager),
        Peran::Koordinator => match peran {
            Peran::Saksi | Peran::Relawan => true,
            Peran::Koordinator => match p.cakupan {
                Cakupan::Semua => true,
                Cakupan::Wilayah(w) => w.tingkat() != crate::wilayah::Tingkat::Desa,
                Cakupan::Tps(_) => false,
            },
            _ => false,
        },
        _ => false,
    })
}

/// The object a scope stands for: a campaign-wide scope is the global one.
fn objek_cakupan(c: &Cakupan) -> Objek {
    match c {
        Cakupan::Semua => Objek::Global,
        Cakupan::Wilayah(w) => Objek::Wilayah(*w),
        Cakupan::Tps(t) => Objek::Tps(*t),
    }
}

impl Cakupan {
    /// Whether `lain` lies inside this scope and is strictly smaller.
    pub fn di_bawah(&self, lain: &Cakupan) -> bool {
        match (self, lain) {
            (Cakupan::Semua, c) => *c != Cakupan::Semua,
            (Cakupan::Wilayah(w), Cakupan::Wilayah(v)) => w != v && w.mencakup(v),
            (Cakupan::Wilayah(w), Cakupan::Tps(t)) => w.mencakup(&t.desa()),
            _ => false,
        }
    }
}

/// Whether someone holding `pengelola` may act with `izin` on an account
/// holding `akun` (see it in lists, export it, issue it a sign-in code, end
/// its sessions): every role of the account must lie inside the manager's
/// territory *and* be one the manager could grant ([`boleh_beri`]). So a
/// coordinator never touches a verifier, an auditor, a manager or a fellow
/// coordinator of the same level, and an account without roles is for
/// campaign-wide managers only.
pub fn boleh_kelola(pengelola: &[Penugasan], izin: Izin, akun: &[Penugasan]) -> bool {
    if akun.is_empty() {
        return diizinkan(pengelola, izin, &Objek::Global);
    }
    akun.iter()
        .all(|a| diizinkan(pengelola, izin, &objek_cakupan(&a.cakupan)) && boleh_beri(pengelola, a))
}

/// Whether someone may read a TPS's form for verification: they hold the
/// permission there and cannot see its figures by any other role, so the
/// reading is blind.
pub fn boleh_verifikasi(penugasan: &[Penugasan], tps: &KodeTps) -> bool {
    let objek = Objek::Tps(*tps);
    diizinkan(penugasan, Izin::VerifikasiHasil, &objek)
        && !diizinkan(penugasan, Izin::LihatHasil, &objek)
}

/// Who acted, as far as Posko can tell: the account, the account whose
/// one-time code opened the session (whoever issued a code could have used
/// it), and the browser (a random id kept in a cookie across sign-ins).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pelaku {
    pub akun: uuid::Uuid,
    pub kode_dari: Option<uuid::Uuid>,
    /// SHA-256 of the browser's id; None for API tokens, SMS and Telegram.
    pub peramban: Option<String>,
}

impl Pelaku {
    /// Whether two acts may have been one person's: the same account; one
    /// signed in with a code the other's account issued; or the same
    /// browser. Two verifiers of one form, or a verifier and the form's
    /// sender, must not be.
    pub fn mungkin_sama(&self, lain: &Pelaku) -> bool {
        self.akun == lain.akun
            || self.kode_dari == Some(lain.akun)
            || lain.kode_dari == Some(self.akun)
            || (self.peramban.is_some() && self.peramban == lain.peramban)
    }
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

    /// Campaign finance: the treasurer and managers (and admin) write and
    /// read; the auditor only reads; every other role neither.
    #[test]
    fn campaign_finance_is_the_treasurers_managers_and_auditors() {
        let cases = [
            (Peran::Admin, "semua", true, true),
            (Peran::Manager, "semua", true, true),
            (Peran::Bendahara, "semua", true, true),
            (Peran::Auditor, "semua", false, true),
            (Peran::Koordinator, "31.71", false, false),
            (Peran::Relawan, "31.71", false, false),
            (Peran::Saksi, "31.71.01.1001-001", false, false),
            (Peran::Verifier, "semua", false, false),
            (Peran::Media, "semua", false, false),
        ];
        assert_eq!(cases.len(), Peran::ALL.len());
        let objek = Objek::Wilayah(w("31.71"));
        for (peran, cakupan, tulis, baca) in cases {
            let t = [tugas(peran, cakupan)];
            assert_eq!(
                diizinkan(&t, Izin::CatatDana, &objek),
                tulis,
                "{peran} tulis"
            );
            assert_eq!(diizinkan(&t, Izin::LihatDana, &objek), baca, "{peran} baca");
        }
        // A treasurer of another region does not see this one's ledger.
        let lain = [tugas(Peran::Bendahara, "32.73")];
        assert!(!diizinkan(&lain, Izin::CatatDana, &objek));
        assert!(!diizinkan(&lain, Izin::LihatDana, &objek));
    }

    /// The social-media room: media writes, managers approve, the auditor
    /// reads; no other role sees the registry or the calendar.
    #[test]
    fn social_media_is_the_media_teams_managers_and_auditors() {
        let cases = [
            (Peran::Admin, "semua", true, true, true),
            (Peran::Manager, "semua", true, true, true),
            (Peran::Media, "semua", true, true, false),
            (Peran::Auditor, "semua", true, false, false),
            (Peran::Bendahara, "semua", false, false, false),
            (Peran::Koordinator, "31.71", false, false, false),
            (Peran::Relawan, "31.71", false, false, false),
            (Peran::Saksi, "31.71.01.1001-001", false, false, false),
            (Peran::Verifier, "semua", false, false, false),
        ];
        assert_eq!(cases.len(), Peran::ALL.len());
        let objek = Objek::Wilayah(w("31.71"));
        for (peran, cakupan, lihat, tulis, setujui) in cases {
            let t = [tugas(peran, cakupan)];
            assert_eq!(diizinkan(&t, Izin::LihatMedsos, &objek), lihat, "{peran}");
            assert_eq!(diizinkan(&t, Izin::TulisMedsos, &objek), tulis, "{peran}");
            assert_eq!(
                diizinkan(&t, Izin::SetujuiMedsos, &objek),
                setujui,
                "{peran}"
            );
        }
    }

    #[test]
    fn field_work_is_relawan_and_up_planning_coordinators_and_up() {
        // (role, scope, works in 31.71, plans in 31.71, works in 32.73)
        let cases = [
            (Peran::Admin, "semua", true, true, true),
            (Peran::Manager, "semua", true, true, true),
            (Peran::Koordinator, "31.71", true, true, false),
            (Peran::Relawan, "31.71", true, false, false),
            (Peran::Saksi, "31.71.01.1001-001", false, false, false),
            (Peran::Verifier, "semua", false, false, false),
            (Peran::Bendahara, "semua", false, false, false),
            (Peran::Media, "semua", false, false, false),
            (Peran::Auditor, "semua", false, false, false),
        ];
        assert_eq!(cases.len(), Peran::ALL.len());
        let sini = Objek::Wilayah(w("31.71"));
        let sana = Objek::Wilayah(w("32.73"));
        for (peran, cakupan, kerja, kelola, luar) in cases {
            let t = [tugas(peran, cakupan)];
            assert_eq!(diizinkan(&t, Izin::KerjaLapangan, &sini), kerja, "{peran}");
            assert_eq!(
                diizinkan(&t, Izin::KelolaLapangan, &sini),
                kelola,
                "{peran}"
            );
            assert_eq!(diizinkan(&t, Izin::KerjaLapangan, &sana), luar, "{peran}");
        }
    }

    #[test]
    fn roles_offered_are_those_grantable_somewhere() {
        let k = [tugas(Peran::Koordinator, "31.71")];
        let offered: Vec<Peran> = Peran::ALL
            .into_iter()
            .filter(|p| boleh_beri_peran(&k, *p))
            .collect();
        assert_eq!(offered, [Peran::Koordinator, Peran::Relawan, Peran::Saksi]);
        assert!(boleh_beri(&k, &tugas(Peran::Koordinator, "31.71.01")));
        assert!(!boleh_beri(&k, &tugas(Peran::Koordinator, "31.71")));
        let desa = [tugas(Peran::Koordinator, "31.71.01.1001")];
        assert!(!boleh_beri_peran(&desa, Peran::Koordinator));
        let m = [tugas(Peran::Manager, "semua")];
        assert!(!boleh_beri_peran(&m, Peran::Manager));
        assert!(boleh_beri_peran(&m, Peran::Verifier));
        assert!(!boleh_beri_peran(
            &[tugas(Peran::Saksi, "3171011001001")],
            Peran::Saksi
        ));
        assert!(
            Peran::ALL
                .into_iter()
                .all(|p| boleh_beri_peran(&[tugas(Peran::Admin, "semua")], p))
        );
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
        assert!(!boleh_kelola(
            &m,
            Izin::EksporDataPribadi,
            &[tugas(Peran::Admin, "semua")]
        ));
        assert!(boleh_kelola(
            &[tugas(Peran::Admin, "semua")],
            Izin::EksporDataPribadi,
            &[tugas(Peran::Manager, "semua")]
        ));
        let saksi = [tugas(Peran::Saksi, "3273011001003")];
        assert!(!boleh_kelola(&saksi, Izin::KelolaPengguna, &saksi));
    }

    /// The table of who may manage whom, written out by hand so a change
    /// to the rule has to change this table too.
    #[test]
    fn accounts_are_managed_only_by_who_could_grant_every_role() {
        let k = [tugas(Peran::Koordinator, "32.73")];
        let kelola =
            |p: &[Penugasan], akun: &[Penugasan]| boleh_kelola(p, Izin::KelolaPengguna, akun);
        // Inside the coordinator's kota: saksi, relawan, a kecamatan coordinator.
        assert!(kelola(&k, &[tugas(Peran::Saksi, "3273011001003")]));
        assert!(kelola(&k, &[tugas(Peran::Relawan, "32.73.01")]));
        assert!(kelola(&k, &[tugas(Peran::Koordinator, "32.73.01")]));
        // Never a peer, a verifier, an auditor, a manager, treasurer or media.
        for (peran, c) in [
            (Peran::Koordinator, "32.73"),
            (Peran::Verifier, "32.73.01"),
            (Peran::Auditor, "32.73"),
            (Peran::Bendahara, "32.73"),
            (Peran::Media, "32.73.01"),
            (Peran::Manager, "semua"),
            (Peran::Admin, "semua"),
        ] {
            assert!(!kelola(&k, &[tugas(peran, c)]), "{peran}@{c}");
        }
        // A saksi account that is also a verifier is out of reach as a whole.
        assert!(!kelola(
            &k,
            &[
                tugas(Peran::Saksi, "3273011001003"),
                tugas(Peran::Verifier, "32.73.01")
            ]
        ));
        // Managers manage everyone below them, not each other.
        let m = [tugas(Peran::Manager, "semua")];
        for p in [
            Peran::Koordinator,
            Peran::Verifier,
            Peran::Auditor,
            Peran::Media,
        ] {
            assert!(kelola(&m, &[tugas(p, "32.73")]), "{p}");
        }
        assert!(!kelola(&m, &[tugas(Peran::Manager, "semua")]));
        // A campaign-wide coordinator manages regional ones, not another
        // campaign-wide one.
        let ks = [tugas(Peran::Koordinator, "semua")];
        assert!(kelola(&ks, &[tugas(Peran::Koordinator, "32")]));
        assert!(!kelola(&ks, &[tugas(Peran::Koordinator, "semua")]));
        // Roles without KelolaPengguna manage nobody.
        for p in [
            Peran::Relawan,
            Peran::Verifier,
            Peran::Auditor,
            Peran::Media,
        ] {
            assert!(!kelola(
                &[tugas(p, "32")],
                &[tugas(Peran::Saksi, "3273011001003")]
            ));
        }
    }

    #[test]
    fn verifiers_read_blind_and_nobody_else_verifies() {
        let tps = t("3273011001003");
        let v = [tugas(Peran::Verifier, "32.73")];
        assert!(boleh_verifikasi(&v, &tps));
        assert!(!diizinkan(&v, Izin::LihatHasil, &Objek::Tps(tps)));
        assert!(!boleh_verifikasi(&v, &t("3274011001003")));
        // A verifier who also sees the figures there (a relawan of the
        // kecamatan) is not blind there, and only there.
        let both = [
            tugas(Peran::Verifier, "32.73"),
            tugas(Peran::Relawan, "32.73.01"),
        ];
        assert!(!boleh_verifikasi(&both, &tps));
        assert!(boleh_verifikasi(&both, &t("3273021001003")));
        for p in [Peran::Admin, Peran::Manager, Peran::Koordinator] {
            let c = if p.selalu_semua() { "semua" } else { "32" };
            assert!(!boleh_verifikasi(&[tugas(p, c)], &tps), "{p}");
        }
    }

    #[test]
    fn acts_linked_by_account_code_or_browser() {
        let id = |n: u128| uuid::Uuid::from_u128(n);
        let a = Pelaku {
            akun: id(1),
            kode_dari: None,
            peramban: Some("hp-a".into()),
        };
        let b = Pelaku {
            akun: id(2),
            kode_dari: Some(id(1)),
            peramban: None,
        };
        let c = Pelaku {
            akun: id(3),
            kode_dari: Some(id(9)),
            peramban: Some("hp-c".into()),
        };
        assert!(a.mungkin_sama(&a.clone()));
        assert!(
            a.mungkin_sama(&b) && b.mungkin_sama(&a),
            "b came in on a's code"
        );
        assert!(!a.mungkin_sama(&c));
        // Two people onboarded by the same manager's codes are not linked.
        let d = Pelaku {
            akun: id(4),
            kode_dari: Some(id(9)),
            peramban: None,
        };
        assert!(!c.mungkin_sama(&d));
        let same_phone = Pelaku {
            akun: id(5),
            kode_dari: None,
            peramban: Some("hp-c".into()),
        };
        assert!(c.mungkin_sama(&same_phone));
        // No browser on either side is not a match.
        let sms = |n| Pelaku {
            akun: id(n),
            kode_dari: None,
            peramban: None,
        };
        assert!(!sms(6).mungkin_sama(&sms(7)));
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
