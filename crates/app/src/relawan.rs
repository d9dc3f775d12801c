//! The volunteer tree: naming the top of a tree, recruiting by invitation
//! code, a recruiter's downline, activity and the leaderboard of an area.

use posko_domain::relawan::periksa_rekrut;
use posko_domain::{Cakupan, Izin, Jejak, KodeWilayah, Objek, Penugasan, Peran, diizinkan};
use posko_storage::{Konflik, Pengguna, Relawan, StoreError, Undangan};
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
pub(crate) fn kode_baru() -> String {
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
    /// Doorstep visits logged.
    pub kunjungan: u64,
    /// Field tasks past their due date and not done (every election whose
    /// region touches the area).
    pub terlambat: u64,
}

/// One day of a relawan's (and their downline's) work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Aktivitas {
    pub hari: time::Date,
    pub pendukung: u64,
    pub kunjungan: u64,
}

/// What was done in one area under the one asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KegiatanWilayah {
    pub kode: KodeWilayah,
    /// Empty when the region is not stored.
    pub nama: String,
    pub pendukung: u64,
    pub kunjungan: u64,
}

impl Posko {
    /// Names the top of a tree (or any relawan without a recruiter): a
    /// campaign team member with [`Izin::KelolaPengguna`] over the territory.
    /// `akun` links an existing account (it is given the relawan role).
    #[tracing::instrument(level = "debug", skip_all)]
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
            self.store.simpan_penugasan(id, peran, &jejak).await?;
        }
        Ok(r)
    }

    /// The relawan an account is, if any.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn relawan_saya(&self, p: &Pengguna) -> Result<Option<Relawan>> {
        Ok(self.store.cari_relawan_pengguna(p.id).await?)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn relawan_aktif(&self, p: &Pengguna) -> Result<Relawan> {
        match self.store.cari_relawan_pengguna(p.id).await? {
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
    #[tracing::instrument(level = "debug", skip_all)]
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
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn gabung_relawan(&self, g: Gabung) -> Result<(Pengguna, Relawan)> {
        let salah = || {
            AppError::Invalid("kode undangan tidak dikenal, sudah dipakai atau kedaluwarsa".into())
        };
        let u = self
            .store
            .ambil_undangan(&hash_kode(&g.kode))
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
                StoreError::Conflict(Konflik::NamaPengguna(_)) => {
                    AppError::Invalid(format!("nama pengguna '{}' sudah dipakai", p.username))
                }
                StoreError::Conflict(_) => salah(),
                other => other.into(),
            })?;
        Ok((p, r))
    }

    /// Everyone below the caller in the tree (recursive).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn bawahan(&self, oleh: &Pengguna) -> Result<Vec<Relawan>> {
        match self.store.cari_relawan_pengguna(oleh.id).await? {
            Some(r) => Ok(self.store.daftar_relawan_bawahan(r.id).await?),
            None => Ok(Vec::new()),
        }
    }

    /// Supporters recorded and visits logged per day (WIB) by a relawan
    /// and their downline, oldest first; days with neither are left out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn aktivitas_relawan(&self, relawan: Uuid) -> Result<Vec<Aktivitas>> {
        let mut ids = vec![relawan];
        ids.extend(
            self.store
                .daftar_relawan_bawahan(relawan)
                .await?
                .into_iter()
                .map(|r| r.id),
        );
        let epoch = time::macros::date!(1970 - 01 - 01);
        let mut per: std::collections::BTreeMap<i64, Aktivitas> = Default::default();
        let pendukung = self.store.hitung_aktivitas_pendukung(&ids).await?;
        let kunjungan = self.store.hitung_aktivitas_kunjungan(&ids).await?;
        for (rows, kunjungan) in [(pendukung, false), (kunjungan, true)] {
            for (h, n) in rows {
                let e = per.entry(h).or_insert(Aktivitas {
                    hari: epoch + time::Duration::days(h),
                    pendukung: 0,
                    kunjungan: 0,
                });
                if kunjungan {
                    e.kunjungan += n;
                } else {
                    e.pendukung += n;
                }
            }
        }
        Ok(per.into_values().collect())
    }

    fn boleh_wilayah(&self, oleh: &Pengguna, wilayah: KodeWilayah) -> Result<()> {
        if diizinkan(
            &oleh.penugasan,
            Izin::KelolaPendukung,
            &Objek::Wilayah(wilayah),
        ) {
            Ok(())
        } else {
            Err(AppError::Dilarang(format!(
                "wilayah {wilayah} di luar wilayah tugas Anda"
            )))
        }
    }

    /// Supporters recorded and visits logged in each area one level below
    /// `wilayah` (each desa of a kecamatan, each kecamatan of a kab/kota…;
    /// areas with neither left out), busiest first; only for someone who
    /// may see that area's supporters.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kegiatan_wilayah(
        &self,
        oleh: &Pengguna,
        wilayah: KodeWilayah,
    ) -> Result<Vec<KegiatanWilayah>> {
        self.boleh_wilayah(oleh, wilayah)?;
        let tingkat = wilayah.tingkat().child().unwrap_or(wilayah.tingkat());
        let mut per: std::collections::BTreeMap<u64, KegiatanWilayah> = Default::default();
        for d in self.store.hitung_kegiatan_per_desa(wilayah).await? {
            let kode = d.desa.at(tingkat);
            let e = per.entry(kode.as_u64()).or_insert(KegiatanWilayah {
                kode,
                nama: String::new(),
                pendukung: 0,
                kunjungan: 0,
            });
            e.pendukung += d.pendukung;
            e.kunjungan += d.kunjungan;
        }
        let kodes: Vec<KodeWilayah> = per.values().map(|k| k.kode).collect();
        let nama: std::collections::HashMap<KodeWilayah, String> = self
            .store
            .ambil_wilayah_banyak(&kodes)
            .await?
            .into_iter()
            .map(|w| (w.kode, w.nama))
            .collect();
        let mut rows: Vec<KegiatanWilayah> = per
            .into_values()
            .map(|mut k| {
                k.nama = nama.get(&k.kode).cloned().unwrap_or_default();
                k
            })
            .collect();
        rows.sort_by(|a, b| {
            (b.pendukung + b.kunjungan)
                .cmp(&(a.pendukung + a.kunjungan))
                .then(a.kode.as_u64().cmp(&b.kode.as_u64()))
        });
        Ok(rows)
    }

    /// Relawan of an area ranked by supporters recorded, then visits
    /// logged; only for someone who may see that area's supporters.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn papan_peringkat(
        &self,
        oleh: &Pengguna,
        wilayah: KodeWilayah,
    ) -> Result<Vec<Peringkat>> {
        self.boleh_wilayah(oleh, wilayah)?;
        let kunjungan: std::collections::HashMap<Uuid, u64> = self
            .store
            .hitung_kunjungan_relawan(Some(wilayah))
            .await?
            .into_iter()
            .collect();
        let jumlah: std::collections::HashMap<Uuid, u64> = self
            .store
            .hitung_pendukung_relawan(Some(wilayah))
            .await?
            .into_iter()
            .collect();
        let terlambat = self.tugas_terlambat_di(wilayah).await?;
        let mut rows: Vec<Peringkat> = self
            .store
            .daftar_relawan_di(Some(wilayah))
            .await?
            .into_iter()
            .map(|r| Peringkat {
                pendukung: jumlah.get(&r.id).copied().unwrap_or(0),
                kunjungan: kunjungan.get(&r.id).copied().unwrap_or(0),
                terlambat: r
                    .pengguna_id
                    .and_then(|p| terlambat.get(&p).copied())
                    .unwrap_or(0),
                relawan: r,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.pendukung
                .cmp(&a.pendukung)
                .then(b.kunjungan.cmp(&a.kunjungan))
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
