//! Webhooks of the gateways saksi text through, and the clients that send
//! their replies. `POST /webhooks/sms-gateway` speaks the protocol of the
//! open-source "SMS Gateway for Android" app (capcom6): an `sms:received`
//! envelope signed with HMAC-SHA256 over the raw body followed by the
//! `X-Timestamp` header. `POST /webhooks/http` is a plain, documented form
//! for any other gateway (docs/SMS.md), authenticated by a shared token.
//! Telegram has its own module, [`crate::telegram`].

use std::time::Duration;

use askama::Template;
use async_trait::async_trait;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Html;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hmac::{Hmac, Mac};
use posko_app::pesan::{Jawaban, PengirimBalasan, PesanGerbang};
use posko_domain::{Objek, diizinkan};
use posko_storage::Saluran;
use posko_storage::StatusPesan;
use serde::Deserialize;
use sha2::Sha256;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, masuk};
use crate::error::{ApiError, PageError};
use crate::telegram::KlienTelegram;
use crate::{AppState, Rutes};

/// A webhook body is a few hundred bytes; anything near this is not one.
pub(crate) const BODY_LIMIT_WEBHOOK: usize = 64 * 1024;

/// How far a signed timestamp may be from our clock. The app signs when it
/// sends, retries included, so an old signature is a replay.
pub const TOLERANSI_DETIK: i64 = 300;

/// The SMS Gateway for Android app as this campaign runs it.
#[derive(Clone, Debug)]
pub struct SmsGateway {
    /// The webhook signing key set in the app.
    pub kunci: String,
    /// Where replies are sent: the app's local server (`http://HP:8080/message`)
    /// or the cloud server's `/3rdparty/v1/messages`.
    pub url_kirim: String,
    pub pengguna: String,
    pub sandi: String,
}

/// The gateways this server answers; all optional.
#[derive(Clone, Debug, Default)]
pub struct Gerbang {
    pub sms_gateway: Option<SmsGateway>,
    /// Bearer token of the plain HTTP gateway endpoint.
    pub token_http: Option<String>,
    pub telegram: Option<crate::telegram::Telegram>,
}

pub fn routes(r: Rutes) -> Rutes {
    // The signature (or token) is the authentication: no session.
    r.add_dengan_batas(
        "POST",
        "/webhooks/sms-gateway",
        "/webhooks/sms-gateway",
        Kebijakan::Publik,
        BODY_LIMIT_WEBHOOK,
        post(sms_gateway),
    )
    .add(
        "GET",
        "/pesan",
        "/pesan",
        Kebijakan::Izin(posko_domain::Izin::KelolaPengguna, Sasaran::Manapun),
        get(pesan_page),
    )
    .add_dengan_batas(
        "POST",
        "/webhooks/http",
        "/webhooks/http",
        Kebijakan::Publik,
        BODY_LIMIT_WEBHOOK,
        post(http_polos),
    )
}

fn tolak(status: StatusCode, pesan: &str) -> ApiError {
    ApiError(status, pesan.into())
}

/// Checks `X-Signature` = hex(HMAC-SHA256(kunci, body ‖ X-Timestamp)) in
/// constant time, and that the timestamp is fresh.
pub fn periksa_tanda_tangan(
    kunci: &str,
    body: &[u8],
    headers: &HeaderMap,
    sekarang: i64,
) -> Result<(), &'static str> {
    let ts = headers
        .get("x-timestamp")
        .and_then(|v| v.to_str().ok())
        .ok_or("X-Timestamp tidak ada")?;
    let waktu: i64 = ts.trim().parse().map_err(|_| "X-Timestamp bukan angka")?;
    if (sekarang - waktu).abs() > TOLERANSI_DETIK {
        return Err("X-Timestamp kedaluwarsa");
    }
    let tanda = headers
        .get("x-signature")
        .and_then(|v| v.to_str().ok())
        .ok_or("X-Signature tidak ada")?;
    let tanda = hex_decode(tanda.trim()).ok_or("X-Signature bukan hex")?;
    let mut mac = Hmac::<Sha256>::new_from_slice(kunci.as_bytes()).map_err(|_| "kunci kosong")?;
    mac.update(body);
    mac.update(ts.as_bytes());
    mac.verify_slice(&tanda)
        .map_err(|_| "tanda tangan tidak cocok")
}

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[derive(Deserialize)]
struct Amplop {
    id: String,
    event: String,
    #[serde(default)]
    payload: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SmsDiterima {
    message: String,
    phone_number: String,
}

async fn sms_gateway(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Some(g) = &s.gerbang.sms_gateway else {
        return Err(tolak(StatusCode::NOT_FOUND, "gerbang SMS tidak dipasang"));
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    if let Err(alasan) = periksa_tanda_tangan(&g.kunci, &body, &headers, now) {
        // Logged, never processed: someone is knocking with a wrong key.
        tracing::warn!(alasan, "webhook SMS ditolak");
        return Err(tolak(StatusCode::UNAUTHORIZED, alasan));
    }
    let a: Amplop = crate::param::json_body(&body, "amplop webhook tidak sah")?;
    if a.event != "sms:received" {
        // Other events (sent, delivered, ping) need no action.
        return Ok((
            StatusCode::OK,
            Json(serde_json::json!({"diabaikan": a.event})),
        )
            .into_response());
    }
    let sms: SmsDiterima = serde_json::from_value(a.payload).map_err(|e| {
        tolak(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("payload sms:received tidak sah: {e}"),
        )
    })?;
    let j = s
        .posko
        .terima_pesan(PesanGerbang {
            saluran: Saluran::SmsGateway,
            kunci_luar: a.id,
            pengirim: sms.phone_number,
            teks: sms.message,
            foto: Vec::new(),
            kontak: None,
        })
        .await?;
    Ok(jawaban(j))
}

pub(crate) fn jawaban(j: Jawaban) -> Response {
    (
        StatusCode::OK,
        Json(serde_json::json!({
            "status": j.status.slug(),
            "balasan": j.balasan,
            "ulang": j.ulang,
        })),
    )
        .into_response()
}

#[derive(Deserialize)]
struct PesanPolos {
    /// The gateway's own id for the message; a retry repeats it.
    id: String,
    /// The sender's phone number.
    dari: String,
    teks: String,
}

/// `{"id", "dari", "teks"}` in, `{"status", "balasan", "ulang"}` out; the
/// gateway delivers `balasan` itself.
async fn http_polos(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Some(token) = &s.gerbang.token_http else {
        return Err(tolak(StatusCode::NOT_FOUND, "gerbang HTTP tidak dipasang"));
    };
    let diberi = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !sama_waktu_tetap(diberi.as_bytes(), token.as_bytes()) {
        tracing::warn!("webhook HTTP ditolak: token salah");
        return Err(tolak(StatusCode::UNAUTHORIZED, "token gerbang salah"));
    }
    let p: PesanPolos = crate::param::json_body(&body, "isi bukan {id, dari, teks}")?;
    let j = s
        .posko
        .terima_pesan(PesanGerbang {
            saluran: Saluran::Http,
            kunci_luar: p.id,
            pengirim: p.dari,
            teks: p.teks,
            foto: Vec::new(),
            kontak: None,
        })
        .await?;
    Ok(jawaban(j))
}

pub(crate) fn sama_waktu_tetap(a: &[u8], b: &[u8]) -> bool {
    // Length is not secret; the bytes are compared without early exit.
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

struct BarisPesan {
    waktu: String,
    dari: String,
    saluran: String,
    masalah: String,
    tps: String,
    teks: String,
    balasan: String,
}

#[derive(Template)]
#[template(path = "pesan.html")]
struct PesanPage {
    baris: Vec<BarisPesan>,
}

/// Coordinators see the messages naming a TPS in their territory; those
/// naming none are for campaign-wide roles.
async fn pesan_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let roles = &m.pengguna.penugasan;
    let izin = posko_domain::Izin::KelolaPengguna;
    let baris = s
        .posko
        .pesan_bermasalah(500)
        .await?
        .into_iter()
        .filter(|p| match p.tps {
            Some(t) => diizinkan(roles, izin, &Objek::Tps(t)),
            None => diizinkan(roles, izin, &Objek::Global),
        })
        .map(|p| BarisPesan {
            waktu: crate::format::jam(
                p.diterima,
                p.tps.map_or(posko_domain::ZonaWaktu::Wib, |t| {
                    posko_domain::ZonaWaktu::dari_wilayah(&t.desa())
                }),
            ),
            dari: p.pengirim_samar,
            saluran: match p.saluran {
                Saluran::SmsGateway => "SMS".into(),
                Saluran::Telegram => "Telegram".into(),
                Saluran::Http => crate::t("pesan-lewat-http"),
            },
            masalah: match p.status {
                StatusPesan::TakTerdaftar => crate::t("pesan-masalah-bukan-saksi"),
                StatusPesan::Galat => crate::t("pesan-masalah-tak-terbaca"),
                StatusPesan::Dibatasi => crate::t("pesan-masalah-banjir"),
                _ => String::new(),
            },
            tps: p.tps.map(|t| t.to_string()).unwrap_or_default(),
            teks: p.teks,
            balasan: p.balasan.unwrap_or_default(),
        })
        .collect();
    crate::pages::render(PesanPage { baris })
}

/// Sends replies through the gateways' own APIs (and fetches Telegram
/// photos).
pub struct KlienGerbang {
    http: reqwest::Client,
    gerbang: Gerbang,
    telegram: Option<KlienTelegram>,
}

impl KlienGerbang {
    pub fn new(gerbang: Gerbang) -> KlienGerbang {
        KlienGerbang {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(15))
                .build()
                .expect("a client with a timeout builds"),
            telegram: gerbang.telegram.clone().map(KlienTelegram::new),
            gerbang,
        }
    }

    pub(crate) async fn telegram_unduh(&self, file_id: &str) -> Result<Vec<u8>, String> {
        match &self.telegram {
            Some(t) => t.unduh(file_id).await,
            None => Err("gerbang Telegram tidak dipasang".into()),
        }
    }
}

#[async_trait]
impl PengirimBalasan for KlienGerbang {
    async fn kirim(&self, saluran: Saluran, tujuan: &str, teks: &str) -> Result<(), String> {
        match saluran {
            Saluran::SmsGateway => {
                let g = self
                    .gerbang
                    .sms_gateway
                    .as_ref()
                    .ok_or("gerbang SMS tidak dipasang")?;
                let r = self
                    .http
                    .post(&g.url_kirim)
                    .basic_auth(&g.pengguna, Some(&g.sandi))
                    .json(&serde_json::json!({
                        "textMessage": {"text": teks},
                        "phoneNumbers": [tujuan],
                    }))
                    .send()
                    .await
                    .map_err(|e| format!("mengirim ke gerbang SMS: {e}"))?;
                if r.status().is_success() {
                    Ok(())
                } else {
                    Err(format!("gerbang SMS menjawab {}", r.status()))
                }
            }
            // The plain gateway took the reply in its response.
            Saluran::Http => Ok(()),
            Saluran::Telegram => match &self.telegram {
                Some(t) => t.kirim(tujuan, teks).await,
                None => Err("gerbang Telegram tidak dipasang".into()),
            },
        }
    }
}

/// The outbox worker: sends due replies every second and finishes messages
/// an interrupted run left behind. Runs for the life of the server.
pub async fn kurir(posko: posko_app::Posko, gerbang: Gerbang) {
    let klien = KlienGerbang::new(gerbang);
    let mut putaran: u64 = 0;
    // A database that is down is asked again less and less often.
    let mut mundur = posko_app::latar::Mundur::new(Duration::from_secs(1), Duration::from_secs(30));
    loop {
        if putaran.is_multiple_of(10)
            && let Err(e) = posko.pulihkan_pesan().await
        {
            posko_app::redam::peringatan("memulihkan pesan", e.jenis(), &e.to_string());
        }
        putaran += 1;
        match posko.kirim_balasan(&klien).await {
            // A full batch means more are waiting: go again at once.
            Ok(n) if n >= posko_app::pesan::BATCH_BALASAN => mundur.berhasil(),
            Ok(_) => {
                mundur.berhasil();
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => {
                let tunggu = mundur.gagal();
                // The wait grows; the line is written once per interval.
                posko_app::redam::peringatan("mengirim balasan", e.jenis(), &e.to_string());
                tokio::time::sleep(tunggu).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tanda(kunci: &str, body: &[u8], ts: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(kunci.as_bytes()).unwrap();
        mac.update(body);
        mac.update(ts.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn headers(sig: &str, ts: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-signature", sig.parse().unwrap());
        h.insert("x-timestamp", ts.parse().unwrap());
        h
    }

    #[test]
    fn signature_is_hmac_of_body_then_timestamp() {
        // The shape the app's maintainer documents: body bytes, then the
        // X-Timestamp header value, nothing between.
        let body = br#"{"deviceId":"ffffffffceb0b1db00000193991c27e5","event":"sms:received","id":"-9qZ4oiiZZRm-h_A3mrp2","payload":{"message":"HASIL 3273011001-003 120 98 TS 7","receivedAt":"2025-03-14T07:29:55.000+07:00","messageId":"69bde8d0","phoneNumber":"+6281234567890","simNumber":1},"webhookId":"LreFUt-Z3sSq0JufY9uWB"}"#;
        let ts = "1741912196";
        let sig = tanda("rahasia", body, ts);
        assert_eq!(
            periksa_tanda_tangan("rahasia", body, &headers(&sig, ts), 1741912200),
            Ok(())
        );
        assert_eq!(
            periksa_tanda_tangan("lain", body, &headers(&sig, ts), 1741912200),
            Err("tanda tangan tidak cocok")
        );
        let mut diubah = body.to_vec();
        diubah[100] ^= 1;
        assert!(periksa_tanda_tangan("rahasia", &diubah, &headers(&sig, ts), 1741912200).is_err());
        assert_eq!(
            periksa_tanda_tangan("rahasia", body, &headers(&sig, ts), 1741912196 + 301),
            Err("X-Timestamp kedaluwarsa")
        );
        assert_eq!(
            periksa_tanda_tangan("rahasia", body, &headers("zz", ts), 1741912200),
            Err("X-Signature bukan hex")
        );
        assert!(periksa_tanda_tangan("rahasia", body, &HeaderMap::new(), 0).is_err());
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(sama_waktu_tetap(b"abc", b"abc"));
        assert!(!sama_waktu_tetap(b"abc", b"abd"));
        assert!(!sama_waktu_tetap(b"abc", b"abcd"));
    }
}
