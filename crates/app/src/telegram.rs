//! Telegram's own step before the message grammar: knowing which account
//! a Telegram user is. A saksi links once, with the one-time code their
//! coordinator sent (`/start KODE`, which a `t.me/Bot?start=KODE` link
//! types for them) or by sharing their own contact, whose phone must be
//! the one registered on their account. Unlinked users are told how.

use posko_domain::Jejak;
use posko_domain::audit::sha256_hex;
use posko_domain::pesan as tata;
use posko_domain::{Cakupan, Peran, Telepon};
use posko_storage::{HasilOlah, KolomRahasia, Pengguna, PesanMasuk, StatusPesan};

use crate::pesan::sekarang;
use crate::{Posko, Result};

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
    pub(crate) async fn tautkan_telegram(
        &self,
        p: &PesanMasuk,
        pengirim: &str,
        kontak: Option<&str>,
    ) -> Result<Option<HasilOlah>> {
        if let Some(kode) = kode_start(&p.teks) {
            let akun = match self
                .store
                .take_kode_masuk(&sha256_hex(kode.as_bytes()), sekarang())
                .await?
            {
                Some((id, _penerbit)) => self.store.get_pengguna(id).await?.filter(|a| a.aktif),
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
                .find_pengguna_by_telepon(&indeks)
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
        if self
            .store
            .find_pengguna_by_telegram(&indeks)
            .await?
            .is_empty()
        {
            return Ok(Some(jawab(
                StatusPesan::TakTerdaftar,
                "Akun Telegram ini belum terhubung ke Posko. Ketuk \"Bagikan nomor saya\" di bawah, atau kirim /start KODE dengan kode dari koordinator Anda.".into(),
            )));
        }
        Ok(None)
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
            .set_telegram(akun.id, Some(&segel), &semua, &jejak)
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
