//! Telegram end to end, on every backend: the real server receives Bot API
//! `Update`s on `/webhooks/telegram`, links Telegram users to saksi (shared
//! contact, or `/start KODE`), downloads the largest photo size through a
//! fake Bot API on 127.0.0.1 (`getFile`, then the file), files the caption
//! as the saksi's C.Hasil, and replies with `sendMessage`. Also: short TPS
//! codes and the election word where one TPS votes in two races.

use crate::common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use common::{shared_data, store_dki};
use posko_app::{Aktor, ImportRequest, NewPemilihan, Posko};
use posko_domain::{JenisPemilihan, KodeTps, KodeWilayah};
use posko_storage::StatusPesan;
use posko_web::gerbang::Gerbang;
use posko_web::telegram::Telegram;
use serde_json::{Value, json};

const TOKEN: &str = "123456:ABC-uji";
const RAHASIA: &str = "rahasia_webhook-uji";
const SITI_HP: &str = "+6281234567890";
const SITI_TG: i64 = 7_001;

/// What the fake Bot API saw: sendMessage bodies and getFile file_ids.
#[derive(Default)]
struct Catatan {
    pesan: Vec<Value>,
    file: Vec<String>,
}

type Bot = Arc<Mutex<Catatan>>;

/// A camera-like JPEG, served as the photo's largest size.
fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 90])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

async fn fake_bot_api() -> (SocketAddr, Bot) {
    let bot: Bot = Arc::default();
    let app = axum::Router::new()
        .route(
            "/{bot}/{method}",
            post(
                |State(bot): State<Bot>,
                 Path((b, method)): Path<(String, String)>,
                 body: axum::Json<Value>| async move {
                    assert_eq!(b, format!("bot{TOKEN}"));
                    match method.as_str() {
                        "sendMessage" => {
                            bot.lock().unwrap().pesan.push(body.0);
                            axum::Json(json!({"ok": true, "result": {"message_id": 1}}))
                        }
                        "getFile" => {
                            let id = body.0["file_id"].as_str().unwrap().to_string();
                            bot.lock().unwrap().file.push(id.clone());
                            axum::Json(json!({"ok": true, "result": {
                                "file_id": id, "file_unique_id": "u", "file_size": 4000,
                                "file_path": format!("photos/{id}.jpg")}}))
                        }
                        _ => axum::Json(json!({"ok": false, "description": "Not Found"})),
                    }
                },
            ),
        )
        .route(
            "/file/{bot}/photos/{nama}",
            get(|Path((b, nama)): Path<(String, String)>| async move {
                assert_eq!(b, format!("bot{TOKEN}"));
                if nama == "besar.jpg" {
                    (StatusCode::OK, jpeg())
                } else {
                    // Only the largest size may be fetched.
                    (StatusCode::NOT_FOUND, Vec::new())
                }
            }),
        )
        .with_state(bot.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, bot)
}

async fn serve(posko: Posko, api: SocketAddr) -> (String, tokio::task::JoinHandle<()>) {
    let g = Gerbang {
        telegram: Some(Telegram {
            token: TOKEN.into(),
            rahasia: RAHASIA.into(),
            url_api: format!("http://{api}"),
        }),
        ..Gerbang::default()
    };
    let listener = posko_web::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let h = tokio::spawn(async move {
        let _ = posko_web::serve_dengan(listener, posko, g).await;
    });
    (format!("http://{addr}"), h)
}

/// A private-chat message update from Telegram user `dari`.
fn update(update_id: i64, dari: i64, isi: Value) -> Value {
    let mut message = json!({
        "message_id": update_id,
        "date": 1_890_000_000,
        "chat": {"id": dari, "type": "private", "first_name": "Saksi"},
        "from": {"id": dari, "is_bot": false, "first_name": "Saksi"},
    });
    for (k, v) in isi.as_object().unwrap() {
        message[k] = v.clone();
    }
    json!({"update_id": update_id, "message": message})
}

async fn kirim(c: &reqwest::Client, base: &str, rahasia: &str, u: &Value) -> (StatusCode, Value) {
    let r = c
        .post(format!("{base}/webhooks/telegram"))
        .header("x-telegram-bot-api-secret-token", rahasia)
        .json(u)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Waits until the fake Bot API got a message to `chat` containing `teks`.
async fn tunggu_balasan(bot: &Bot, chat: i64, teks: &str) -> String {
    for _ in 0..100 {
        if let Some(p) = bot
            .lock()
            .unwrap()
            .pesan
            .iter()
            .find(|p| p["chat_id"] == chat && p["text"].as_str().unwrap().contains(teks))
        {
            return p["text"].as_str().unwrap().to_string();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "no reply to {chat} containing {teks:?}; sent: {:?}",
        bot.lock().unwrap().pesan
    );
}

per_backend!(telegram_links_saksi_and_files_photo_results_once);
async fn telegram_links_saksi_and_files_photo_results_once(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::dengan_saksi(
        &posko,
        dir.path(),
        &[
            ("Siti Aminah", SITI_HP, "3171011001001"),
            ("Budi Santoso", "+6281300002222", "3171011001002"),
        ],
    )
    .await;
    let (api, bot) = fake_bot_api().await;
    let (base, server) = serve(posko.clone(), api).await;
    let c = reqwest::Client::new();
    let tps1 = KodeTps::parse("3171011001001").unwrap();

    // A wrong secret is refused and nothing is stored.
    let hasil = json!({"text": "HASIL 3171011001-001 120 98 TS 4"});
    let (s, _) = kirim(&c, &base, "salah", &update(1, SITI_TG, hasil.clone())).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{backend}");
    assert!(
        posko
            .store()
            .daftar_pesan(&[], 10)
            .await
            .unwrap()
            .is_empty()
    );

    // Not linked yet: asked, in the webhook's response, to share the
    // contact with a button; nothing is filed.
    let (s, j) = kirim(&c, &base, RAHASIA, &update(2, SITI_TG, hasil.clone())).await;
    assert_eq!(s, StatusCode::OK, "{backend}: {j}");
    assert_eq!(j["method"], "sendMessage", "{backend}: {j}");
    assert_eq!(j["chat_id"], SITI_TG);
    assert!(
        j["text"].as_str().unwrap().contains("belum terhubung"),
        "{j}"
    );
    assert_eq!(j["reply_markup"]["keyboard"][0][0]["request_contact"], true);
    assert!(posko.riwayat_hasil(id, tps1).await.unwrap().is_empty());

    // Someone else's contact card does not link.
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(
            3,
            SITI_TG,
            json!({"contact": {"phone_number": SITI_HP, "first_name": "Siti", "user_id": 9_999}}),
        ),
    )
    .await;
    assert_eq!(j["method"], "sendMessage", "{backend}: {j}");
    // Their own contact does: the phone is the one on the saksi account.
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(4, SITI_TG, json!({"contact": {"phone_number": "6281234567890", "first_name": "Siti", "user_id": SITI_TG}})),
    )
    .await;
    assert_eq!(j["status"], "diterima", "{backend}: {j}");
    let teks = tunggu_balasan(&bot, SITI_TG, "Terhubung sebagai Siti Aminah").await;
    assert!(teks.contains("HASIL 3171011001-001"), "{teks}");

    // A photo with the result in its caption: the largest size is
    // fetched, and the 20 deliveries Telegram may make are one result.
    let foto = update(
        5,
        SITI_TG,
        json!({
            "caption": "hasil 3171011001-1 120 98 ts 4",
            "photo": [
                {"file_id": "kecil", "file_unique_id": "a", "width": 90, "height": 120},
                {"file_id": "besar", "file_unique_id": "c", "width": 960, "height": 1280},
                {"file_id": "sedang", "file_unique_id": "b", "width": 320, "height": 427},
            ],
        }),
    );
    let mut tugas = Vec::new();
    for _ in 0..20 {
        let (c, base, foto) = (c.clone(), base.clone(), foto.clone());
        tugas.push(tokio::spawn(async move {
            kirim(&c, &base, RAHASIA, &foto).await
        }));
    }
    let mut diproses = 0;
    for t in tugas {
        let (s, j) = t.await.unwrap();
        assert_eq!(s, StatusCode::OK, "{backend}: {j}");
        assert!(
            j["status"] == "diterima" || j["status"] == "baru",
            "{backend}: {j}"
        );
        diproses += usize::from(j["ulang"] == false);
    }
    assert_eq!(diproses, 1, "{backend}");
    let riwayat = posko.riwayat_hasil(id, tps1).await.unwrap();
    assert_eq!(riwayat.len(), 1, "{backend}");
    assert_eq!(riwayat[0].sumber, "telegram");
    assert_eq!(riwayat[0].pengirim, "saksi.3171011001001");
    assert_eq!(riwayat[0].formulir.suara_paslon, [Some(120), Some(98)]);
    assert_eq!(riwayat[0].foto.len(), 1, "{backend}");
    let (bytes, jenis) = posko.foto(&riwayat[0].foto[0]).await.unwrap().unwrap();
    assert_eq!((bytes, jenis), (jpeg(), "image/jpeg"));
    assert!(bot.lock().unwrap().file.iter().all(|f| f == "besar"));
    let teks = tunggu_balasan(&bot, SITI_TG, "120").await;
    assert!(teks.contains("98"), "{teks}");

    // /start KODE (a t.me deep link) links with a one-time code; the
    // code works once.
    let kode = posko
        .issue_login_code(&Aktor::system(), "saksi.3171011001002")
        .await
        .unwrap();
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(6, 7_002, json!({"text": format!("/start {kode}")})),
    )
    .await;
    assert_eq!(j["status"], "diterima", "{backend}: {j}");
    tunggu_balasan(&bot, 7_002, "Terhubung sebagai Budi Santoso").await;
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(7, 7_003, json!({"text": format!("/start {kode}")})),
    )
    .await;
    assert_eq!(j["status"], "galat", "{backend}: {j}");
    tunggu_balasan(&bot, 7_003, "sudah dipakai").await;

    // A linked saksi naming someone else's TPS is refused as such.
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(8, 7_002, json!({"text": "HADIR 3171011001-001"})),
    )
    .await;
    assert_eq!(j["status"], "tak_terdaftar", "{backend}: {j}");
    assert!(j.get("method").is_none(), "linked: no contact button");

    // Group chats are not a saksi speaking for themselves.
    let mut grup = update(9, SITI_TG, json!({"text": "HASIL 3171011001-001 1 2 TS 0"}));
    grup["message"]["chat"] = json!({"id": -100_123, "type": "group", "title": "Saksi"});
    let (_, j) = kirim(&c, &base, RAHASIA, &grup).await;
    assert!(j["diabaikan"].is_string(), "{backend}: {j}");
    assert_eq!(posko.riwayat_hasil(id, tps1).await.unwrap().len(), 1);

    // Short TPS codes: issued once, printed, and accepted by SMS grammar.
    let kode_tps = posko.kode_singkat(&Aktor::system(), &[tps1]).await.unwrap()[0];
    let lagi = posko.kode_singkat(&Aktor::system(), &[tps1]).await.unwrap()[0];
    assert_eq!(kode_tps, lagi, "{backend}: a printed code never changes");
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(10, SITI_TG, json!({"text": format!("HADIR {kode_tps}")})),
    )
    .await;
    assert_eq!(j["status"], "diterima", "{backend}: {j}");
    // A well-formed code nobody was given is not some other TPS.
    let asing = posko_domain::pesan::kode_singkat(5_000).unwrap();
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(11, SITI_TG, json!({"text": format!("HADIR {asing}")})),
    )
    .await;
    assert_eq!(j["status"], "galat", "{backend}: {j}");
    tunggu_balasan(&bot, SITI_TG, "tidak dikenal").await;

    // Two races at one TPS (West Java's gubernur and Kota Bandung's
    // walikota): the message must name one, and then counts.
    let semua = std::fs::read_to_string(data.join("wilayah/wilayah.csv")).unwrap();
    let mut jabar = format!("{}\n", semua.lines().next().unwrap());
    for l in semua.lines().filter(|l| l.starts_with("32")) {
        jabar.push_str(l);
        jabar.push('\n');
    }
    let file = dir.path().join("wilayah_32.csv");
    std::fs::write(&file, jabar).unwrap();
    let r = posko
        .import_wilayah(&Aktor::system(), &file, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let file = dir.path().join("tps_bandung.csv");
    std::fs::write(&file, "kode_tps,dpt\n3273011001001,300\n").unwrap();
    let r = posko
        .import_tps(&Aktor::system(), &file, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    common::pemilihan_gubernur(&posko, &Aktor::system(), "32", 2).await;
    posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Walikota,
                wilayah: KodeWilayah::parse("32.73").unwrap(),
                nama: None,
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap();
    let file = dir.path().join("saksi_bandung.csv");
    std::fs::write(
        &file,
        "nama,telepon,kode_tps\nDewi Lestari,+6281300003333,3273011001001\n",
    )
    .unwrap();
    let r = posko
        .import_saksi(&Aktor::system(), None, &file, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.report.applied, "{:?}", r.report.problems);
    let (_, j) = kirim(&c, &base, RAHASIA, &update(12, 7_004, json!({"contact": {"phone_number": "+62 813-0000-3333", "first_name": "Dewi", "user_id": 7_004}}))).await;
    assert_eq!(j["status"], "diterima", "{backend}: {j}");
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(13, 7_004, json!({"text": "HADIR 3273011001-001"})),
    )
    .await;
    assert_eq!(j["status"], "galat", "{backend}: {j}");
    let teks = tunggu_balasan(&bot, 7_004, "Ada 2 pemilihan").await;
    assert!(teks.contains("GUB") && teks.contains("WALKOT"), "{teks}");
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(14, 7_004, json!({"text": "HADIR WALKOT 3273011001-001"})),
    )
    .await;
    assert_eq!(j["status"], "diterima", "{backend}: {j}");
    let (_, j) = kirim(
        &c,
        &base,
        RAHASIA,
        &update(15, 7_004, json!({"text": "HADIR BUP 3273011001-001"})),
    )
    .await;
    assert_eq!(j["status"], "galat", "{backend}: {j}");
    assert!(
        posko
            .pesan_bermasalah(100)
            .await
            .unwrap()
            .iter()
            .all(|p| p.status != StatusPesan::Baru)
    );
    server.abort();
}
