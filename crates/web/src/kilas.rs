//! Banners after a redirect ("3 sessions of budi ended") carry their words
//! in the URL, so anyone could send a signed-in person a link whose page
//! says whatever the link says, in Posko's own voice. A banner's words are
//! shown only with a tag that Posko made for them for this session: an
//! HMAC-SHA256 under the session's CSRF secret, which never leaves it.

use hmac::{Hmac, Mac};
use posko_app::Masuk;
use sha2::Sha256;

/// Enough of the HMAC that guessing it is hopeless (128 bits).
const PANJANG: usize = 32;

fn hitung(m: &Masuk, isi: &[&str]) -> Option<String> {
    if m.sesi.csrf.is_empty() {
        return None;
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(m.sesi.csrf.as_bytes()).ok()?;
    for (i, bagian) in isi.iter().enumerate() {
        if i > 0 {
            mac.update(&[0]);
        }
        mac.update(bagian.as_bytes());
    }
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(hex[..PANJANG].to_string())
}

/// The tag to put beside `isi` in the redirect's query.
pub(crate) fn tanda(m: &Masuk, isi: &[&str]) -> String {
    hitung(m, isi).unwrap_or_default()
}

/// Whether `tanda` is the tag Posko made for `isi` in this session.
pub(crate) fn sah(m: &Masuk, isi: &[&str], tanda: Option<&str>) -> bool {
    match (hitung(m, isi), tanda) {
        (Some(benar), Some(t)) => crate::gerbang::sama_waktu_tetap(benar.as_bytes(), t.as_bytes()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masuk(csrf: &str) -> Masuk {
        Masuk {
            pengguna: posko_storage::Pengguna {
                id: uuid::Uuid::nil(),
                username: "ani".into(),
                nama: "Ani".into(),
                aktif: true,
                dibuat: time::OffsetDateTime::UNIX_EPOCH,
                penugasan: Vec::new(),
                telepon: None,
            },
            sesi: posko_storage::Sesi {
                token_hash: String::new(),
                pengguna_id: uuid::Uuid::nil(),
                csrf: csrf.into(),
                dibuat: 0,
                kadaluarsa: 0,
                alamat: None,
                perangkat: None,
                kode_dari: None,
                peramban: None,
            },
        }
    }

    #[test]
    fn tags_bind_the_words_and_the_session() {
        let a = masuk("rahasia-a");
        let t = tanda(&a, &["3", "budi"]);
        assert!(sah(&a, &["3", "budi"], Some(&t)));
        assert!(!sah(&a, &["3", "hubungi 0812"], Some(&t)), "other words");
        assert!(!sah(&a, &["3b", "udi"], Some(&t)), "parts are kept apart");
        assert!(
            !sah(&masuk("rahasia-b"), &["3", "budi"], Some(&t)),
            "other session"
        );
        assert!(!sah(&a, &["3", "budi"], None));
        // API tokens have no secret: no banner can be signed for them.
        assert!(!sah(&masuk(""), &["3", "budi"], Some("")));
    }
}
