//! Messages from the SMS and Telegram gateways, and the replies to them.
//!
//! Every inbound message is stored once, before anything is done with it
//! (gateways retry for days, so the gateway's own id dedupes), then
//! processed; what processing decided and the reply it produced land in one
//! transaction, the reply in a durable outbox. A crash between receiving
//! and replying therefore loses nothing: unprocessed messages are found
//! again on start-up, and unsent replies stay in the outbox until sent.

use posko_domain::KodeTps;
use serde::Serialize;
use uuid::Uuid;

use crate::DataTersandi;

/// Send attempts after which a reply is given up (status `gagal`).
pub const MAKS_PERCOBAAN: u32 = 20;

/// Which gateway a message came through (and goes back through).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Saluran {
    /// An SMS gateway app on an Android phone.
    SmsGateway,
    Telegram,
    /// A plain HTTP gateway (any other bridge posting text).
    Http,
}

impl Saluran {
    pub const SEMUA: &[Saluran] = &[Saluran::SmsGateway, Saluran::Telegram, Saluran::Http];

    pub fn slug(self) -> &'static str {
        match self {
            Saluran::SmsGateway => "sms_gateway",
            Saluran::Telegram => "telegram",
            Saluran::Http => "http",
        }
    }

    pub fn parse(s: &str) -> Option<Saluran> {
        Saluran::SEMUA.iter().copied().find(|x| x.slug() == s)
    }
}

/// What became of an inbound message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusPesan {
    /// Stored, not yet processed.
    Baru,
    /// Understood and acted on.
    Diterima,
    /// Could not be parsed, or was refused: a question or an error was
    /// replied.
    Galat,
    /// The sender is not registered as saksi of that TPS.
    TakTerdaftar,
    /// Part of a flood from one sender, throttled.
    Dibatasi,
    /// Help asked for, or unknown text answered with help.
    Bantuan,
}

impl StatusPesan {
    pub const SEMUA: &[StatusPesan] = &[
        StatusPesan::Baru,
        StatusPesan::Diterima,
        StatusPesan::Galat,
        StatusPesan::TakTerdaftar,
        StatusPesan::Dibatasi,
        StatusPesan::Bantuan,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            StatusPesan::Baru => "baru",
            StatusPesan::Diterima => "diterima",
            StatusPesan::Galat => "galat",
            StatusPesan::TakTerdaftar => "tak_terdaftar",
            StatusPesan::Dibatasi => "dibatasi",
            StatusPesan::Bantuan => "bantuan",
        }
    }

    pub fn parse(s: &str) -> Option<StatusPesan> {
        StatusPesan::SEMUA.iter().copied().find(|x| x.slug() == s)
    }
}

/// One inbound message, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PesanMasuk {
    /// UUIDv7 made by the app.
    pub id: Uuid,
    pub saluran: Saluran,
    /// The gateway's own id (SMS gateway envelope id, Telegram update_id,
    /// plain gateway id): the same (saluran, kunci_luar) is stored once.
    pub kunci_luar: String,
    /// The sender (phone number or Telegram chat id), encrypted, with its
    /// blind index.
    #[serde(skip)]
    pub pengirim: DataTersandi,
    /// The sender masked for display, e.g. "0812*****890".
    pub pengirim_samar: String,
    pub teks: String,
    /// SHA-256 of the photos that came with it (Telegram).
    pub foto: Vec<String>,
    /// Unix seconds.
    pub diterima: i64,
    pub status: StatusPesan,
    /// The sender's account, once matched. Not a foreign key: a message
    /// from an unknown number is stored too.
    pub pengguna_id: Option<Uuid>,
    pub tps: Option<KodeTps>,
    /// The result submission it created, if any (not a foreign key either).
    pub kiriman_id: Option<Uuid>,
    /// The reply text.
    pub balasan: Option<String>,
}

/// What processing a message decided, written in one transaction with its
/// reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HasilOlah {
    /// Anything but [`StatusPesan::Baru`].
    pub status: StatusPesan,
    pub pengguna_id: Option<Uuid>,
    pub tps: Option<KodeTps>,
    pub kiriman_id: Option<Uuid>,
    pub balasan: String,
    /// Queue `balasan` in the outbox (false when nothing should be sent
    /// back, e.g. to a throttled flood).
    pub kirim_balasan: bool,
}

/// One reply waiting in (or gone from) the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Balasan {
    pub id: Uuid,
    pub pesan_id: Uuid,
    pub saluran: Saluran,
    /// The inbound message's sender, read back from it.
    #[serde(skip)]
    pub tujuan: DataTersandi,
    pub teks: String,
    /// Failed send attempts so far.
    pub percobaan: u32,
    /// Unix seconds: not sent before this (while claimed: when the lease
    /// runs out).
    pub berikut: i64,
    /// The claim that took it (one token per [`crate::PesanStore::ambil_balasan`]
    /// call): only that claim may extend the lease or record the attempt.
    pub pemegang: Uuid,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_parse_back() {
        for &s in Saluran::SEMUA {
            assert_eq!(Saluran::parse(s.slug()), Some(s));
        }
        for &s in StatusPesan::SEMUA {
            assert_eq!(StatusPesan::parse(s.slug()), Some(s));
        }
        assert_eq!(Saluran::parse("sms"), None);
        assert_eq!(StatusPesan::parse("Baru"), None);
    }
}
