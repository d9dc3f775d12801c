//! Telegram's own step before the message grammar: knowing which account
//! a Telegram user is. A saksi links once, with the one-time code their
//! coordinator sent (`/start KODE`, which a `t.me/Bot?start=KODE` link
//! types for them) or by sharing their own contact, whose phone must be
//! the one registered on their account. Unlinked users are told how.

use posko_domain::Jejak;
use posko_domain::audit::sha256_hex;
use posko_domain::pesan as tata;
use posko_domain::{Cakupan, Peran, Telepon};
use posko_storage::{
    BatasPercobaan, HasilOlah, KolomRahasia, Pengguna, Percobaan, PesanMasuk, StatusPesan,
};
use uuid::Uuid;

use crate::pesan::{BATAS_BANJIR, JENDELA_BANJIR, sekarang};
use crate::{Posko, Result};

/// Photos one linked sender may have fetched and stored per hour. A C.Hasil
/// is one to three photos per race, at most two races meet at one TPS, and
/// there are incidents and retakes: a dozen is generous for one saksi and
/// caps what a stolen or pranking account can put on the disk (12 × 10 MB
/// an hour). Kept below [`BATAS_BANJIR`] so that a burst meets this cap,
/// with its explanation, before the silent flood limit.
pub const FOTO_PER_JAM: u64 = 12;
const JAM_DETIK: i64 = 3600;

/// Namespaces the attempt ids made from Telegram update ids.
const FOTO_ID: u64 = u64::from_be_bytes(*b"tg.foto.");

/// Whether the photo of a Telegram message may be fetched: asked before
/// any `getFile`, so nothing a stranger or a flood sends reaches the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IzinFoto {
    /// Linked to an active account, not flooding, within
    /// [`FOTO_PER_JAM`]: fetch it. Counted under this id (made from the
    /// update's id, so Telegram delivering it again counts once); give it
    /// back with [`Posko::batal_foto_telegram`] if the fetch fails.
    Boleh(Uuid),
    /// Not linked to an active account: the message goes on without the
    /// photo, and is answered with how to link.
    TakTerhubung,
    /// Past the flood limit ([`BATAS_BANJIR`] messages in
    /// [`JENDELA_BANJIR`] s): the message goes on without the photo, and
    /// is stored but neither processed nor answered, as any flood is.
    Dibatasi,
    /// Past [`FOTO_PER_JAM`]: nothing is stored; this is the reply.
    Kuota(String),
}

/// The code in `/start KODE` (Telegram's deep-link start command), if any.
fn kode_start(teks: &str) -> Option<&str> {
    let sisa = teks.trim().strip_prefix("/start")?;
    let kode = sisa.trim();
    (!kode.is_empty() && kode.len() <= 64 && kode.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some(kode)
}

fn jawab(status: StatusPesan, balasan: String) -> HasilOlah {
    HasilOlah {
        status,
        pengguna_id: None,
        tps: None,
        kiriman_id: None,
        balasan: balasan.chars().take(tata::SATU_SMS * 2).collect(),
        kirim_balasan: true,
    }
}

impl Posko {
    /// `Some(reply)` when the message was about linking (or the sender
    /// must link first); `None` when the grammar should read it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn tautkan_telegram(
        &self,
        p: &PesanMasuk,
        pengirim: &str,
        kontak: Option<&str>,
    ) -> Result<Option<HasilOlah>> {
        if let Some(kode) = kode_start(&p.teks) {
            let akun = match self
                .store
                .pakai_kode_masuk(&sha256_hex(kode.as_bytes()), sekarang())
                .await?
            {
                Some((id, _penerbit)) => self.store.ambil_pengguna(id).await?.filter(|a| a.aktif),
                None => None,
            };
            return Ok(Some(match akun {
                Some(a) => self.tautkan(&a, pengirim, "kode sekali pakai").await?,
                None => jawab(
                    StatusPesan::Galat,
                    "Kode tidak dikenal, sudah dipakai, atau kedaluwarsa. Minta kode baru ke koordinator Anda.".into(),
                ),
            }));
        }
        if let Some(nomor) = kontak {
            let Ok(telepon) = Telepon::parse(nomor) else {
                return Ok(Some(jawab(
                    StatusPesan::Galat,
                    "Nomor kontak itu bukan nomor telepon Indonesia.".into(),
                )));
            };
            let indeks = self
                .brankas
                .indeks_semua(KolomRahasia::PenggunaTelepon, telepon.as_str());
            let aktif: Vec<Pengguna> = self
                .store
                .cari_pengguna_telepon(&indeks)
                .await?
                .into_iter()
                .filter(|a| a.aktif)
                .collect();
            return Ok(Some(match aktif.as_slice() {
                [a] => self.tautkan(a, pengirim, "kontak sendiri").await?,
                // Still unlinked: asked again, with the button.
                [] => jawab(
                    StatusPesan::TakTerdaftar,
                    format!(
                        "Nomor {} belum terdaftar di Posko. Hubungi koordinator Anda.",
                        telepon.tersamar()
                    ),
                ),
                // Which of them is speaking is not for us to guess.
                _ => jawab(
                    StatusPesan::Galat,
                    "Nomor ini dipakai lebih dari satu akun. Minta kode sekali pakai ke koordinator, lalu kirim /start KODE.".into(),
                ),
            }));
        }
        let indeks = self
            .brankas
            .indeks_semua(KolomRahasia::PenggunaTelegram, pengirim);
        if self.store.cari_pengguna_telegram(&indeks).await?.is_empty() {
            return Ok(Some(jawab(
                StatusPesan::TakTerdaftar,
                "Akun Telegram ini belum terhubung ke Posko. Ketuk \"Bagikan nomor saya\" di bawah, atau kirim /start KODE dengan kode dari koordinator Anda.".into(),
            )));
        }
        Ok(None)
    }

    /// Decides whether the photo of a message from Telegram user
    /// `pengirim` (update `update_id`) may be fetched, before anything is
    /// downloaded: from a linked, active account that is not flooding and
    /// has not had [`FOTO_PER_JAM`] photos in the last hour. The hourly
    /// count is taken atomically before the fetch (the same store method as
    /// sign-in throttling), so photos racing each other count too.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn izin_foto_telegram(&self, pengirim: &str, update_id: i64) -> Result<IzinFoto> {
        let pengirim = pengirim.trim();
        let indeks = self
            .brankas
            .indeks_semua(KolomRahasia::PenggunaTelegram, pengirim);
        let Some(akun) = self
            .store
            .cari_pengguna_telegram(&indeks)
            .await?
            .into_iter()
            .find(|a| a.aktif)
        else {
            tracing::info!("foto Telegram dari pengirim tak terhubung tidak diunduh");
            return Ok(IzinFoto::TakTerhubung);
        };
        let t = sekarang();
        let terkirim = self
            .store
            .hitung_pesan_dari(
                &self.brankas.indeks(KolomRahasia::PesanPengirim, pengirim),
                t - JENDELA_BANJIR,
            )
            .await?;
        // This message is not stored yet: it would be number terkirim + 1.
        if terkirim >= BATAS_BANJIR {
            tracing::warn!(akun = %akun.username, "foto Telegram tidak diunduh: pengirim membanjiri");
            return Ok(IzinFoto::Dibatasi);
        }
        let percobaan = Percobaan {
            id: Uuid::from_u64_pair(FOTO_ID, update_id as u64),
            waktu: t,
            jendela: JAM_DETIK,
        };
        let batas = [BatasPercobaan {
            kunci: sha256_hex(format!("foto:{}", akun.id).as_bytes()),
            maks: FOTO_PER_JAM,
        }];
        if self.store.catat_percobaan(&percobaan, &batas, None).await? {
            return Ok(IzinFoto::Boleh(percobaan.id));
        }
        tracing::warn!(
            akun = %akun.username,
            "foto Telegram ditolak: lebih dari {FOTO_PER_JAM} foto dalam satu jam"
        );
        Ok(IzinFoto::Kuota(format!(
            "Foto tidak diterima: akun ini sudah mengirim {FOTO_PER_JAM} foto dalam satu jam terakhir, batas untuk satu saksi. Pesan ini tidak disimpan; kirim lagi nanti, atau hubungi koordinator Anda."
        )))
    }

    /// Gives back the place [`IzinFoto::Boleh`] took when the photo could
    /// not be fetched after all (Telegram will deliver the update again).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn batal_foto_telegram(&self, id: Uuid) -> Result<()> {
        Ok(self.store.hapus_percobaan(id, &[]).await?)
    }

    /// Links `akun` to this Telegram user (moving the link if the user had
    /// linked another account) and says what they can send now.
    async fn tautkan(&self, akun: &Pengguna, pengirim: &str, cara: &str) -> Result<HasilOlah> {
        let semua = self
            .brankas
            .indeks_semua(KolomRahasia::PenggunaTelegram, pengirim);
        let segel = self
            .brankas
            .seal(KolomRahasia::PenggunaTelegram, akun.id, pengirim);
        let jejak = Jejak::new(
            "gerbang:telegram",
            "pengguna.telegram",
            "pengguna",
            akun.id.to_string(),
            format!("{} menautkan akun Telegram ({cara})", akun.username),
            b"",
        );
        self.store
            .ubah_telegram(akun.id, Some(&segel), &semua, &jejak)
            .await?;
        let tps: Vec<String> = akun
            .penugasan
            .iter()
            .filter_map(|t| match (t.peran, t.cakupan) {
                (Peran::Saksi, Cakupan::Tps(k)) => {
                    Some(format!("{}-{}", k.desa().undotted(), k.nomor()))
                }
                _ => None,
            })
            .collect();
        let contoh = match tps.first() {
            Some(k) => format!(
                " Kirim hasil: HASIL {k} <suara paslon> TS <tidak sah>, dengan foto C.Hasil."
            ),
            None => String::new(),
        };
        Ok(HasilOlah {
            status: StatusPesan::Diterima,
            pengguna_id: Some(akun.id),
            tps: None,
            kiriman_id: None,
            balasan: format!(
                "Terhubung sebagai {} ({}).{contoh} Ketik BANTUAN untuk contoh.",
                akun.nama, akun.username
            ),
            kirim_balasan: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_codes_are_read_from_deep_links() {
        assert_eq!(kode_start("/start 3fa9c0d1e2"), Some("3fa9c0d1e2"));
        assert_eq!(kode_start("  /start   abc  "), Some("abc"));
        assert_eq!(kode_start("/start"), None);
        assert_eq!(kode_start("/start a-b"), None);
        assert_eq!(kode_start("HASIL 3273011001-003 1 2 TS 0"), None);
    }
}
