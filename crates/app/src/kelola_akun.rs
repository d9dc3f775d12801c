//! Managing accounts as the signed-in person: adding one, granting and
//! revoking roles, disabling, and issuing a one-time sign-in link. Each use
//! case takes the [`Masuk`] acting and checks [`boleh_kelola`] itself, so no
//! page can forget it: one manages only accounts whose every role one could
//! grant, inside one's territory, before and after the change. An account
//! outside one's reach answers exactly like an unknown name.

use posko_domain::{Cakupan, Izin, Jejak, Penugasan, Peran, Telepon, boleh_kelola};
use posko_storage::{Pengguna, StoreError};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::pengguna::clean_username;
use crate::{Aktor, AppError, Masuk, Posko, Result};

/// A new account as a manager types it: one role over one scope, and
/// perhaps a phone. Nobody chooses or learns a password: the person signs
/// in with the one-time link the answer carries.
#[derive(Debug, Clone)]
pub struct AkunBaru {
    pub username: String,
    pub nama: String,
    /// As typed (`0812-…`, `+62…`); empty for none.
    pub telepon: String,
    pub penugasan: Penugasan,
}

/// A role and scope from a form's words: `semua` or empty for the whole
/// campaign, a region code, or a TPS code.
pub fn penugasan_dari(peran: &str, cakupan: &str) -> Result<Penugasan> {
    let peran = Peran::parse(peran).map_err(AppError::invalid)?;
    let cakupan = if cakupan.trim().is_empty() {
        Cakupan::Semua
    } else {
        Cakupan::parse(cakupan).map_err(AppError::invalid)?
    };
    Penugasan::new(peran, cakupan).map_err(AppError::invalid)
}

/// The roles `m` may grant somewhere, for a form's choices.
pub fn peran_boleh_diberi(m: &Masuk) -> Vec<Peran> {
    Peran::ALL
        .into_iter()
        .filter(|p| posko_domain::boleh_beri_peran(&m.pengguna.penugasan, *p))
        .collect()
}

fn tidak_ditemukan(username: &str) -> AppError {
    AppError::NotFound(format!("pengguna '{}'", username.trim()))
}

fn jejak(m: &Masuk, aksi: &str, p: &Pengguna, ringkasan: String) -> Jejak {
    Jejak::new(
        Aktor::pengguna(&m.pengguna).as_str(),
        aksi,
        "pengguna",
        p.id.to_string(),
        ringkasan,
        p.username.as_bytes(),
    )
}

fn dilarang_beri(t: &Penugasan) -> AppError {
    AppError::Dilarang(format!(
        "Anda tidak berwenang memberi peran {} di {}, atau akun itu lalu di luar jangkauan Anda",
        t.peran, t.cakupan
    ))
}

impl Posko {
    /// The account `username` if `m` may manage it; an unknown name, a
    /// malformed one and one outside their reach all answer NotFound.
    async fn akun_dalam_jangkauan(&self, m: &Masuk, username: &str) -> Result<Pengguna> {
        match self.akun_terkelola(&m.pengguna.penugasan, username).await {
            Ok(p) => Ok(p),
            Err(AppError::Invalid(_) | AppError::NotFound(_)) => Err(tidak_ditemukan(username)),
            Err(e) => Err(e),
        }
    }

    /// Creates an account with one role `m` may grant, without a password,
    /// and issues it a one-time sign-in code. Returns the account and the
    /// code (only its hash is stored). Both are in the audit log as `m`'s.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tambah_akun(&self, m: &Masuk, baru: AkunBaru) -> Result<(Pengguna, String)> {
        let t = baru.penugasan;
        if !boleh_kelola(&m.pengguna.penugasan, Izin::KelolaPengguna, &[t]) {
            return Err(dilarang_beri(&t));
        }
        let username = clean_username(&baru.username)?;
        let nama = baru.nama.split_whitespace().collect::<Vec<_>>().join(" ");
        if nama.is_empty() {
            return Err(AppError::Invalid("nama lengkap tidak boleh kosong".into()));
        }
        if nama.chars().count() > 120 {
            return Err(AppError::Invalid(
                "nama lengkap terlalu panjang (maksimal 120 karakter)".into(),
            ));
        }
        let telepon = match baru.telepon.trim() {
            "" => None,
            x => Some(Telepon::parse(x).map_err(AppError::invalid)?),
        };
        let now = OffsetDateTime::now_utc();
        let mut p = Pengguna {
            id: Uuid::now_v7(),
            username,
            nama,
            aktif: true,
            dibuat: now.replace_nanosecond(0).unwrap_or(now),
            penugasan: vec![t],
            telepon: None,
        };
        p.telepon = telepon.as_ref().map(|x| self.seal_telepon(&p, x));
        let j = jejak(
            m,
            "pengguna.buat",
            &p,
            format!(
                "akun {} dibuat oleh {}; peran: {}@{}",
                p.username, m.pengguna.username, t.peran, t.cakupan
            ),
        );
        // No password: the account signs in with one-time codes until its
        // owner sets one.
        self.store
            .simpan_pengguna(&p, None, &j)
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => {
                    AppError::Invalid(format!("nama pengguna '{}' sudah dipakai", p.username))
                }
                other => other.into(),
            })?;
        let kode = self
            .issue_code_for(&Aktor::pengguna(&m.pengguna), &p)
            .await?;
        Ok((p, kode))
    }

    /// Grants `t` to an account `m` manages, if the account with it is
    /// still one `m` manages (no one widens a role past their own reach).
    /// False if it was already held.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn beri_peran(&self, m: &Masuk, username: &str, t: Penugasan) -> Result<bool> {
        let p = self.akun_dalam_jangkauan(m, username).await?;
        if p.penugasan.contains(&t) {
            return Ok(false);
        }
        let mut sesudah = p.penugasan.clone();
        sesudah.push(t);
        if !boleh_kelola(&m.pengguna.penugasan, Izin::KelolaPengguna, &sesudah) {
            return Err(dilarang_beri(&t));
        }
        let j = jejak(
            m,
            "peran.beri",
            &p,
            format!("{} diberi peran {}@{}", p.username, t.peran, t.cakupan),
        );
        Ok(self.store.simpan_penugasan(p.id, t, &j).await?)
    }

    /// Revokes `t` from an account `m` manages; false if it was not held.
    /// Nobody removes their own last admin role.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn cabut_peran(&self, m: &Masuk, username: &str, t: Penugasan) -> Result<bool> {
        let p = self.akun_dalam_jangkauan(m, username).await?;
        if !p.penugasan.contains(&t) {
            return Ok(false);
        }
        let admin_lain = p
            .penugasan
            .iter()
            .any(|x| x.peran == Peran::Admin && *x != t);
        if p.id == m.pengguna.id && t.peran == Peran::Admin && !admin_lain {
            return Err(AppError::Dilarang(
                "Anda tidak bisa mencabut peran admin Anda sendiri yang terakhir".into(),
            ));
        }
        let j = jejak(
            m,
            "peran.cabut",
            &p,
            format!(
                "peran {}@{} dicabut dari {}",
                t.peran, t.cakupan, p.username
            ),
        );
        let dicabut = self.store.hapus_penugasan(p.id, t, &j).await?;
        let masih_tim = p
            .penugasan
            .iter()
            .any(|x| *x != t && x.peran.izin().contains(&posko_domain::Izin::TulisMedsos));
        if dicabut && !masih_tim && t.peran.izin().contains(&posko_domain::Izin::TulisMedsos) {
            // No longer on the media team: off the official accounts too.
            self.keluar_medsos_semua(&m.pengguna, p.id, "peran tim media dicabut")
                .await?;
        }
        Ok(dicabut)
    }

    /// Enables or disables an account `m` manages; false if it already
    /// was. Disabling also ends its sessions, so enabling it again later
    /// does not bring back a lost phone's. Nobody disables themselves.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ubah_aktif_akun(&self, m: &Masuk, username: &str, aktif: bool) -> Result<bool> {
        let p = self.akun_dalam_jangkauan(m, username).await?;
        if !aktif && p.id == m.pengguna.id {
            return Err(AppError::Dilarang(
                "Anda tidak bisa menonaktifkan akun Anda sendiri".into(),
            ));
        }
        let (aksi, kata) = if aktif {
            ("pengguna.aktifkan", "diaktifkan")
        } else {
            ("pengguna.nonaktifkan", "dinonaktifkan")
        };
        let j = jejak(m, aksi, &p, format!("akun {} {kata}", p.username));
        let berubah = self.store.ubah_aktif(p.id, aktif, &j).await?;
        if !aktif {
            let j = jejak(
                m,
                "sesi.keluar_semua",
                &p,
                format!("semua sesi {} diakhiri (akun dinonaktifkan)", p.username),
            );
            self.store.hapus_sesi_pengguna(p.id, None, &j).await?;
            // Whoever leaves Posko leaves the official accounts too.
            self.keluar_medsos_semua(&m.pengguna, p.id, "akun Posko dinonaktifkan")
                .await?;
        }
        Ok(berubah)
    }

    /// Issues a one-time sign-in code for an active account `m` manages.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kode_masuk_akun(&self, m: &Masuk, username: &str) -> Result<(Pengguna, String)> {
        let p = self.akun_dalam_jangkauan(m, username).await?;
        if !p.aktif {
            return Err(AppError::Invalid(format!(
                "akun {} nonaktif: aktifkan dulu sebelum mengirim tautan masuk",
                p.username
            )));
        }
        let kode = self
            .issue_code_for(&Aktor::pengguna(&m.pengguna), &p)
            .await?;
        Ok((p, kode))
    }
}
