//! The volunteer tree: naming the top of a tree, recruiting by invitation
//! code, a recruiter's downline, activity and the leaderboard of an area.

use posko_domain::relawan::periksa_rekrut;
use posko_domain::{Cakupan, Izin, Jejak, KodeWilayah, Objek, Penugasan, Peran, diizinkan};
use posko_storage::{Pengguna, Relawan, StoreError, Undangan};
use rand::Rng;
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::pengguna::{check_password, clean_username, hash_password};
use crate::{Aktor, AppError, Posko, Result};

/// How long an invitation code may be redeemed.
pub const UNDANGAN_DETIK: i64 = 14 * 24 * 3600;

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// 10 characters without look-alikes: easy to read out over the phone.
fn kode_baru() -> String {
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..10)
        .map(|_| CHARS[rng.random_range(0..CHARS.len())] as char)
        .collect()
}

pub(crate) fn hash_kode(kode: &str) -> String {
    let norm: String = kode
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    posko_domain::audit::sha256_hex(norm.as_bytes())
}

fn objek(c: &Cakupan) -> Objek {
    match c {
        Cakupan::Semua => Objek::Global,
        Cakupan::Wilayah(w) => Objek::Wilayah(*w),
        Cakupan::Tps(t) => Objek::Tps(*t),
    }
}

/// A new volunteer joining through an invitation.
pub struct Gabung {
    pub kode: String,
    pub username: String,
    pub nama: String,
    pub password: String,
}

/// One row of a leaderboard.
#[derive(Debug, Clone, Serialize)]
pub struct Peringkat {
    pub relawan: Relawan,
    pub pendukung: u64,
}

impl Posko {
    /// Names the top of a tree (or any relawan without a recruiter): a
    /// campaign team member with [`Izin::KelolaPengguna`] over the territory.
    /// `akun` links an existing account (it is given the relawan role).
    pub async fn tambah_relawan(
        &self,
        oleh: &Pengguna,
        nama: &str,
        wilayah: Cakupan,
        akun: Option<Uuid>,
    ) -> Result<Relawan> {
        let tingkat = periksa_rekrut(None, &wilayah).map_err(AppError::invalid)?;
        if !diizinkan(&oleh.penugasan, Izin::KelolaPengguna, &objek(&wilayah)) {
            return Err(AppError::Dilarang(format!(
                "wilayah {wilayah} di luar wilayah tugas Anda"
            )));
        }
        let nama = nama.split_whitespace().collect::<Vec<_>>().join(" ");
        if nama.is_empty() {
            return Err(AppError::Invalid("nama relawan tidak boleh kosong".into()));
        }
        let r = Relawan {
            id: Uuid::now_v7(),
            pengguna_id: akun,
            nama,
            wilayah,
            tingkat,
            perekrut: None,
            aktif: true,
            dibuat: now(),
        };
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "relawan.buat",
            "relawan",
            r.id.to_string(),
            format!("{} di {wilayah}", tingkat.label()),
            r.id.as_bytes(),
        );
        self.store
            .simpan_relawan(&r, None, None, now(), &jejak)
            .await?;
        if let Some(id) = akun {
            let peran = Penugasan::new(Peran::Relawan, wilayah).map_err(AppError::invalid)?;
            let jejak = Jejak::new(
                Aktor::pengguna(oleh).as_str(),
                "pengguna.peran",
                "pengguna",
                id.to_string(),
                format!("peran relawan@{wilayah}"),
                id.as_bytes(),
            );
            self.store.grant(id, peran, &jejak).await?;
        }
        Ok(r)
    }

    /// The relawan an account is, if any.
    pub async fn relawan_saya(&self, p: &Pengguna) -> Result<Option<Relawan>> {
        Ok(self.store.relawan_pengguna(p.id).await?)
    }

    pub(crate) async fn relawan_aktif(&self, p: &Pengguna) -> Result<Relawan> {
        match self.store.relawan_pengguna(p.id).await? {
            Some(r) if r.aktif => Ok(r),
            Some(_) => Err(AppError::Dilarang("status relawan Anda nonaktif".into())),
            None => Err(AppError::Dilarang(
                "akun Anda belum terdaftar sebagai relawan; minta kode undangan dari koordinator Anda"
                    .into(),
            )),
        }
    }

    /// Issues an invitation code for a recruit who will work `wilayah`
    /// (inside the recruiter's own territory). The code is shown once;
    /// only its hash is stored.
    pub async fn buat_undangan(&self, oleh: &Pengguna, wilayah: Cakupan) -> Result<String> {
        let perekrut = self.relawan_aktif(oleh).await?;
        periksa_rekrut(Some(&perekrut.wilayah), &wilayah).map_err(AppError::invalid)?;
        let kode = kode_baru();
        let t = now();
        let u = Undangan {
            kode_hash: hash_kode(&kode),
            perekrut: perekrut.id,
            wilayah,
            dibuat: t,
            kadaluarsa: t + UNDANGAN_DETIK,
            dipakai: None,
        };
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "relawan.undang",
            "relawan",
            perekrut.id.to_string(),
            format!("undangan relawan untuk {wilayah}"),
            u.kode_hash.as_bytes(),
        );
        self.store.simpan_undangan(&u, &jejak).await?;
        Ok(kode)
    }

    /// Redeems an invitation: creates the account (role relawan over the
    /// invited territory) and the relawan under the recruiter, at once.
    pub async fn gabung_relawan(&self, g: Gabung) -> Result<(Pengguna, Relawan)> {
        let salah = || {
            AppError::Invalid("kode undangan tidak dikenal, sudah dipakai atau kedaluwarsa".into())
        };
        let u = self
            .store
            .get_undangan(&hash_kode(&g.kode))
            .await?
            .ok_or_else(salah)?;
        let t = now();
        if u.dipakai.is_some() || u.kadaluarsa <= t {
            return Err(salah());
        }
        let username = clean_username(&g.username)?;
        let nama = g.nama.split_whitespace().collect::<Vec<_>>().join(" ");
        if nama.is_empty() {
            return Err(AppError::Invalid("nama lengkap tidak boleh kosong".into()));
        }
        check_password(&g.password)?;
        let hash = hash_password(g.password).await?;
        let tingkat = periksa_rekrut(None, &u.wilayah).map_err(AppError::invalid)?;
        let peran = Penugasan::new(Peran::Relawan, u.wilayah).map_err(AppError::invalid)?;
        let dibuat = OffsetDateTime::now_utc();
        let p = Pengguna {
            id: Uuid::now_v7(),
            username,
            nama: nama.clone(),
            aktif: true,
            dibuat: dibuat.replace_nanosecond(0).unwrap_or(dibuat),
            penugasan: vec![peran],
            telepon: None,
        };
        let r = Relawan {
            id: Uuid::now_v7(),
            pengguna_id: Some(p.id),
            nama,
            wilayah: u.wilayah,
            tingkat,
            perekrut: Some(u.perekrut),
            aktif: true,
            dibuat: t,
        };
        let jejak = Jejak::new(
            format!("user:{}", p.id),
            "relawan.gabung",
            "relawan",
            r.id.to_string(),
            format!(
                "akun {} bergabung sebagai {} di {} (perekrut {})",
                p.username,
                tingkat.label(),
                u.wilayah,
                u.perekrut
            ),
            u.kode_hash.as_bytes(),
        );
        self.store
            .simpan_relawan(&r, Some((&p, &hash)), Some(&u.kode_hash), t, &jejak)
            .await
            .map_err(|e| match e {
                StoreError::Conflict(m) if m.contains("nama pengguna") => {
                    AppError::Invalid(format!("nama pengguna '{}' sudah dipakai", p.username))
                }
                StoreError::Conflict(_) => salah(),
                other => other.into(),
            })?;
        Ok((p, r))
    }

    /// Everyone below the caller in the tree (recursive).
    pub async fn bawahan(&self, oleh: &Pengguna) -> Result<Vec<Relawan>> {
        match self.store.relawan_pengguna(oleh.id).await? {
            Some(r) => Ok(self.store.relawan_bawahan(r.id).await?),
            None => Ok(Vec::new()),
        }
    }

    /// Supporters recorded per day (WIB) by a relawan and their downline.
    pub async fn aktivitas_relawan(&self, relawan: Uuid) -> Result<Vec<(time::Date, u64)>> {
        let mut ids = vec![relawan];
        ids.extend(
            self.store
                .relawan_bawahan(relawan)
                .await?
                .into_iter()
                .map(|r| r.id),
        );
        let epoch = time::macros::date!(1970 - 01 - 01);
        Ok(self
            .store
            .aktivitas_pendukung(&ids)
            .await?
            .into_iter()
            .map(|(hari, n)| (epoch + time::Duration::days(hari), n))
            .collect())
    }

    /// Relawan of an area ranked by supporters recorded; only for someone
    /// who may see that area's supporters.
    pub async fn papan_peringkat(
        &self,
        oleh: &Pengguna,
        wilayah: KodeWilayah,
    ) -> Result<Vec<Peringkat>> {
        if !diizinkan(
            &oleh.penugasan,
            Izin::KelolaPendukung,
            &Objek::Wilayah(wilayah),
        ) {
            return Err(AppError::Dilarang(format!(
                "wilayah {wilayah} di luar wilayah tugas Anda"
            )));
        }
        let jumlah: std::collections::HashMap<Uuid, u64> = self
            .store
            .hitung_pendukung_relawan(Some(wilayah))
            .await?
            .into_iter()
            .collect();
        let mut rows: Vec<Peringkat> = self
            .store
            .relawan_di(Some(wilayah))
            .await?
            .into_iter()
            .map(|r| Peringkat {
                pendukung: jumlah.get(&r.id).copied().unwrap_or(0),
                relawan: r,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.pendukung
                .cmp(&a.pendukung)
                .then_with(|| a.relawan.nama.cmp(&b.relawan.nama))
        });
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_read_aloud_friendly_and_hash_the_same_however_typed() {
        let k = super::kode_baru();
        assert_eq!(k.len(), 10);
        assert!(!k.contains(['0', 'O', '1', 'I']));
        let spaced = format!("{} {}", &k[..5], &k[5..]).to_lowercase();
        assert_eq!(super::hash_kode(&k), super::hash_kode(&spaced));
    }
}
