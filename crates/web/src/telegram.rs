//! The Telegram Bot API gateway: `POST /webhooks/telegram` receives
//! `Update`s (checked by the `X-Telegram-Bot-Api-Secret-Token` header set
//! with `setWebhook`), downloads the largest size of a photo through
//! `getFile` (only for a linked, active sender within the photo quota: see
//! [`posko_app::IzinFoto`]), and hands the message to the same use case as
//! an SMS; replies
//! go out with `sendMessage` from the outbox. Only private chats count: a
//! result posted in a group is not a saksi speaking for themselves.

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use posko_app::IzinFoto;
use posko_app::foto::FOTO_MAKS;
use posko_app::pesan::PesanGerbang;
use posko_storage::Saluran;
use serde::Deserialize;

use crate::auth::Kebijakan;
use crate::error::ApiError;
use crate::gerbang::{BODY_LIMIT_WEBHOOK, jawaban, sama_waktu_tetap};
use crate::{AppState, Rutes};

/// Where the Bot API lives unless configured otherwise (a local Bot API
/// server, or a test's fake).
pub const API_BAWAAN: &str = "https://api.telegram.org";

/// The bot this campaign runs.
#[derive(Clone, Debug)]
pub struct Telegram {
    /// The bot token from @BotFather.
    pub token: String,
    /// The `secret_token` given to `setWebhook`; Telegram sends it back in
    /// `X-Telegram-Bot-Api-Secret-Token` with every update.
    pub rahasia: String,
    /// Base URL of the Bot API, without a trailing slash.
    pub url_api: String,
}

pub fn routes(r: Rutes) -> Rutes {
    // The secret header is the authentication: no session.
    r.add_dengan_batas(
        "POST",
        "/webhooks/telegram",
        "/webhooks/telegram",
        Kebijakan::Publik,
        BODY_LIMIT_WEBHOOK,
        post(webhook),
    )
}

#[derive(Deserialize)]
struct Update {
    update_id: i64,
    /// Edited messages, channel posts and the rest are not reports.
    message: Option<Message>,
}

#[derive(Deserialize)]
struct Message {
    chat: Chat,
    from: Option<User>,
    text: Option<String>,
    caption: Option<String>,
    #[serde(default)]
    photo: Vec<PhotoSize>,
    /// A photo sent "as a file" (uncompressed, often the sharper copy).
    document: Option<Document>,
    contact: Option<Contact>,
}

#[derive(Deserialize)]
struct Chat {
    id: i64,
    #[serde(rename = "type")]
    jenis: String,
}

#[derive(Deserialize)]
struct User {
    id: i64,
}

#[derive(Deserialize)]
struct PhotoSize {
    file_id: String,
    width: u32,
    height: u32,
}

#[derive(Deserialize)]
struct Document {
    file_id: String,
    mime_type: Option<String>,
}

#[derive(Deserialize)]
struct Contact {
    phone_number: String,
    /// Present when the contact is a Telegram user: the sender's own id
    /// here means they shared their own number.
    user_id: Option<i64>,
}

impl Message {
    /// The file to download: the largest size of a photo, or an image sent
    /// as a document.
    fn foto(&self) -> Option<&str> {
        if let Some(p) = self
            .photo
            .iter()
            .max_by_key(|p| u64::from(p.width) * u64::from(p.height))
        {
            return Some(&p.file_id);
        }
        self.document
            .as_ref()
            .filter(|d| {
                d.mime_type
                    .as_deref()
                    .is_some_and(|m| m.starts_with("image/"))
            })
            .map(|d| d.file_id.as_str())
    }
}

fn diabaikan(alasan: &str) -> Response {
    (
        StatusCode::OK,
        Json(serde_json::json!({"diabaikan": alasan})),
    )
        .into_response()
}

async fn webhook(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Some(t) = &s.gerbang.telegram else {
        return Err(ApiError(
            StatusCode::NOT_FOUND,
            "gerbang Telegram tidak dipasang".into(),
        ));
    };
    let diberi = headers
        .get("x-telegram-bot-api-secret-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !sama_waktu_tetap(diberi.as_bytes(), t.rahasia.as_bytes()) {
        // Logged, never processed: someone is posting fake updates.
        tracing::warn!("webhook Telegram ditolak: secret token salah");
        return Err(ApiError(
            StatusCode::UNAUTHORIZED,
            "secret token Telegram salah".into(),
        ));
    }
    let u: Update = crate::param::json_body(&body, "Update Telegram tidak sah")?;
    let Some(m) = u.message else {
        return Ok(diabaikan("update tanpa message"));
    };
    if m.chat.jenis != "private" {
        return Ok(diabaikan("bukan obrolan pribadi"));
    }
    let dari = m.from.as_ref().map_or(m.chat.id, |u| u.id);
    let kontak = m
        .contact
        .as_ref()
        .filter(|c| c.user_id == Some(dari))
        .map(|c| c.phone_number.clone());
    let chat_id = m.chat.id;
    let mut foto = Vec::new();
    if let Some(file_id) = m.foto() {
        // Who is sending is settled before anything is fetched: a stranger
        // or a flood must not be able to fill the disk through the bot.
        match s
            .posko
            .izin_foto_telegram(&chat_id.to_string(), u.update_id)
            .await?
        {
            IzinFoto::Boleh(id) => {
                // Nothing is stored until the photo is in hand: on failure
                // Telegram delivers the update again later.
                let bytes = match s.klien.telegram_unduh(file_id).await {
                    Ok(b) => b,
                    Err(e) => {
                        s.posko.batal_foto_telegram(id).await?;
                        return Err(ApiError(StatusCode::BAD_GATEWAY, e));
                    }
                };
                foto.push(s.posko.simpan_foto_gerbang(&bytes).await?);
            }
            // The message goes on without its photo: a stranger is told how
            // to link, a flood is stored and left alone.
            IzinFoto::TakTerhubung | IzinFoto::Dibatasi => {}
            // Nothing stored, so nothing for the outbox: the reply goes back
            // in the webhook's response (a redelivery gets the same).
            IzinFoto::Kuota(balasan) => {
                return Ok((
                    StatusCode::OK,
                    Json(serde_json::json!({
                        "method": "sendMessage",
                        "chat_id": chat_id,
                        "text": balasan,
                    })),
                )
                    .into_response());
            }
        }
    }
    let teks = m.text.or(m.caption).unwrap_or_default();
    let j = s
        .posko
        .terima_pesan(PesanGerbang {
            saluran: Saluran::Telegram,
            kunci_luar: u.update_id.to_string(),
            pengirim: chat_id.to_string(),
            teks,
            foto,
            kontak,
        })
        .await?;
    if j.minta_kontak {
        // A method call in the webhook's response (a Bot API feature): the
        // one reply that needs a button. Not durable, but a lost response
        // makes Telegram resend the update, which gives the same answer.
        return Ok((
            StatusCode::OK,
            Json(serde_json::json!({
                "method": "sendMessage",
                "chat_id": chat_id,
                "text": j.balasan.unwrap_or_default(),
                "reply_markup": {
                    "keyboard": [[{"text": "Bagikan nomor saya", "request_contact": true}]],
                    "one_time_keyboard": true,
                    "resize_keyboard": true,
                },
            })),
        )
            .into_response());
    }
    Ok(jawaban(j))
}

#[derive(Deserialize)]
struct Jawab<T> {
    ok: bool,
    result: Option<T>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct File {
    file_path: Option<String>,
}

/// Calls to the Bot API.
pub(crate) struct KlienTelegram {
    http: reqwest::Client,
    t: Telegram,
}

impl KlienTelegram {
    pub(crate) fn new(t: Telegram) -> KlienTelegram {
        KlienTelegram {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(15))
                .build()
                .expect("a client with a timeout builds"),
            t,
        }
    }

    fn url(&self, method: &str) -> String {
        format!("{}/bot{}/{method}", self.t.url_api, self.t.token)
    }

    async fn panggil<T: serde::de::DeserializeOwned>(
        &self,
        method: &str,
        isi: serde_json::Value,
    ) -> Result<T, String> {
        // The token is in the URL: never let it into an error message.
        let r = self
            .http
            .post(self.url(method))
            .json(&isi)
            .send()
            .await
            .map_err(|e| format!("Telegram {method}: {}", e.without_url()))?;
        let status = r.status();
        let j: Jawab<T> = r
            .json()
            .await
            .map_err(|e| format!("Telegram {method} ({status}): {}", e.without_url()))?;
        match (j.ok, j.result) {
            (true, Some(v)) => Ok(v),
            _ => Err(format!(
                "Telegram {method} ({status}): {}",
                j.description.unwrap_or_else(|| "tanpa keterangan".into())
            )),
        }
    }

    pub(crate) async fn kirim(&self, chat_id: &str, teks: &str) -> Result<(), String> {
        let chat_id: i64 = chat_id
            .parse()
            .map_err(|_| format!("chat Telegram '{chat_id}' bukan angka"))?;
        self.panggil::<serde_json::Value>(
            "sendMessage",
            serde_json::json!({"chat_id": chat_id, "text": teks}),
        )
        .await
        .map(|_| ())
    }

    /// A file's bytes: `getFile`, then the file URL it names.
    pub(crate) async fn unduh(&self, file_id: &str) -> Result<Vec<u8>, String> {
        let f: File = self
            .panggil("getFile", serde_json::json!({"file_id": file_id}))
            .await?;
        let path = f.file_path.ok_or("Telegram getFile: tanpa file_path")?;
        let mut r = self
            .http
            .get(format!(
                "{}/file/bot{}/{path}",
                self.t.url_api, self.t.token
            ))
            .send()
            .await
            .map_err(|e| format!("mengunduh foto Telegram: {}", e.without_url()))?;
        if !r.status().is_success() {
            return Err(format!("mengunduh foto Telegram: {}", r.status()));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = r
            .chunk()
            .await
            .map_err(|e| format!("mengunduh foto Telegram: {}", e.without_url()))?
        {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > FOTO_MAKS {
                return Err(format!(
                    "foto Telegram lebih dari {} MB",
                    FOTO_MAKS / (1024 * 1024)
                ));
            }
        }
        Ok(bytes)
    }

    /// Points the bot at this server (`setWebhook` with the secret and
    /// only the updates Posko reads).
    pub(crate) async fn pasang_webhook(&self, url: &str) -> Result<(), String> {
        self.panggil::<serde_json::Value>(
            "setWebhook",
            serde_json::json!({
                "url": url,
                "secret_token": self.t.rahasia,
                "allowed_updates": ["message"],
                "max_connections": 40,
            }),
        )
        .await
        .map(|_| ())
    }
}

/// `posko telegram pasang`: registers `url` as the bot's webhook.
pub async fn pasang_webhook(t: Telegram, url: &str) -> Result<(), String> {
    KlienTelegram::new(t).pasang_webhook(url).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_photo_size_or_an_image_document_is_taken() {
        let m: Message = serde_json::from_str(
            r#"{"message_id":5,"date":1732932000,"chat":{"id":77,"type":"private"},
                "from":{"id":77,"is_bot":false,"first_name":"Siti"},
                "photo":[{"file_id":"kecil","file_unique_id":"a","width":90,"height":120,"file_size":1500},
                         {"file_id":"besar","file_unique_id":"c","width":960,"height":1280,"file_size":98000},
                         {"file_id":"sedang","file_unique_id":"b","width":320,"height":427,"file_size":19000}],
                "caption":"HASIL 3273011001-003 120 98 TS 7"}"#,
        )
        .unwrap();
        assert_eq!(m.foto(), Some("besar"));
        let m: Message = serde_json::from_str(
            r#"{"chat":{"id":77,"type":"private"},
                "document":{"file_id":"dok","file_unique_id":"d","mime_type":"image/jpeg"}}"#,
        )
        .unwrap();
        assert_eq!(m.foto(), Some("dok"));
        let m: Message = serde_json::from_str(
            r#"{"chat":{"id":77,"type":"private"},
                "document":{"file_id":"pdf","file_unique_id":"e","mime_type":"application/pdf"}}"#,
        )
        .unwrap();
        assert_eq!(m.foto(), None);
    }
}
