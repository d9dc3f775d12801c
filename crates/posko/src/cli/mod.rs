//! The command line. Every subcommand opens the store, calls one use case
//! and prints its result; failures print one clear message and exit 1.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use posko_app::demo::{self, DemoOptions};
use posko_app::{Aktor, ImportReport, ImportRequest, NewPaslon, NewPemilihan, Posko};
use posko_domain::{JenisPemilihan, KodeWilayah, NamaCalon, NomorUrut};
use posko_import::EncodingChoice;
use time::Date;
use uuid::Uuid;

mod akun;
mod bench;
mod cadangan;
mod dana;

use akun::{key_command, token_command, user_command};

#[derive(Parser)]
#[command(
    name = "posko",
    version,
    about = "Posko: posko pemenangan dan pengawalan suara Pilkada yang dijalankan sendiri"
)]
struct Cli {
    /// Basis data: sqlite://BERKAS.db (bawaan: posko.db di folder kerja) atau postgres://…
    #[arg(long, global = true, env = "POSKO_DATABASE_URL")]
    database_url: Option<String>,

    /// Berkas kunci data pribadi (bawaan: di samping berkas SQLite, mis. posko.key; untuk PostgreSQL ./posko.key). Isi kunci juga bisa diberikan lewat POSKO_KEY.
    #[arg(long, global = true, env = "POSKO_KEY_FILE")]
    key_file: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Jalankan server web.
    Serve(ServeArgs),
    /// Bangun kampanye contoh di basis data sementara lalu jalankan server.
    Demo(DemoArgs),
    /// Buat basis data baru (atau perbarui skemanya).
    Init,
    /// Impor berkas: kode wilayah atau daftar TPS.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Atur pemilihan.
    #[command(subcommand)]
    Pemilihan(PemilihanCommand),
    /// Atur pasangan calon.
    #[command(subcommand)]
    Paslon(PaslonCommand),
    /// Akun pengguna dan perannya.
    #[command(subcommand)]
    User(UserCommand),
    /// Token API untuk integrasi (gateway SMS/chat, dasbor).
    #[command(subcommand)]
    Token(TokenCommand),
    /// Kunci enkripsi data pribadi (nomor telepon, NIK).
    #[command(subcommand)]
    Key(KeyCommand),
    /// Jejak audit: periksa rantai hash atau tampilkan entri terbaru.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Dana kampanye: laporan KPU (LADK/LPSDK/LPPDK), buku, ZIP auditor, rekonsiliasi RKDK, impor buku kas bendahara.
    #[command(after_help = dana::KOLOM_IMPOR_BUKU)]
    Dana(dana::DanaArgs),
    /// Ukur kecepatan.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Bot Telegram: arahkan webhook-nya ke server ini.
    #[command(subcommand)]
    Telegram(TelegramCommand),
    /// Cadangan daring ke folder DIR (basis data, foto, manifest berhash). Berkas kunci TIDAK ikut: cadangkan terpisah.
    #[command(long_about = cadangan::TENTANG_BACKUP)]
    Backup(cadangan::BackupArgs),
    /// Pulihkan cadangan dari folder DIR ke tempat kosong, setelah semua hash diperiksa.
    #[command(long_about = cadangan::TENTANG_RESTORE)]
    Restore(cadangan::RestoreArgs),
}

#[derive(Subcommand)]
enum TelegramCommand {
    /// Daftarkan URL webhook (setWebhook) dengan secret token.
    Pasang {
        /// URL publik server ini, mis. https://posko.contoh.id (tanpa /webhooks/telegram).
        #[arg(long)]
        url: String,
        #[command(flatten)]
        gerbang: GerbangArgs,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Buat akun. Tanpa --password-stdin, kata sandi dibuatkan dan ditampilkan sekali.
    Add {
        username: String,
        /// Nama lengkap.
        #[arg(long)]
        nama: String,
        /// Peran awal: admin, manager, koordinator, relawan, saksi, verifier, bendahara, media, auditor.
        #[arg(long)]
        peran: Option<String>,
        /// Cakupan peran: 'semua', kode wilayah (32.73.01) atau kode TPS (3273011001003).
        #[arg(long, default_value = "semua")]
        cakupan: String,
        /// Baca kata sandi dari baris pertama masukan standar.
        #[arg(long)]
        password_stdin: bool,
        /// Nomor telepon seluler (disimpan terenkripsi).
        #[arg(long)]
        telepon: Option<String>,
    },
    /// Ganti nomor telepon akun (kosongkan dengan --hapus).
    Phone {
        username: String,
        telepon: Option<String>,
        #[arg(long, conflicts_with = "telepon")]
        hapus: bool,
    },
    /// Buat akun saksi dari berkas (nama, telepon, TPS) dan tulis kode masuknya.
    ImportSaksi {
        file: PathBuf,
        /// Impor baris yang sah saja dan laporkan yang bermasalah.
        #[arg(long)]
        skip_invalid: bool,
        /// Tulis kode masuk sekali pakai (dengan nomor telepon) ke berkas CSV ini.
        #[arg(long)]
        kode_csv: Option<PathBuf>,
        /// Alamat server untuk tautan masuk, mis. https://posko.contoh.id
        #[arg(long)]
        url_dasar: Option<String>,
    },
    /// Ekspor akun dengan nomor teleponnya ke CSV bertanda air (tercatat di jejak audit).
    Export {
        #[arg(long)]
        out: PathBuf,
    },
    /// Buat kode masuk sekali pakai (berlaku 24 jam) untuk dikirim ke pemilik akun.
    Code {
        username: String,
        /// Alamat server untuk tautan masuk, mis. https://posko.contoh.id
        #[arg(long)]
        url_dasar: Option<String>,
    },
    /// Akhiri semua sesi akun (ponsel hilang, relawan berhenti).
    Logout { username: String },
    /// Daftar akun dan perannya.
    List,
    /// Nonaktifkan akun (tidak bisa masuk lagi).
    Disable { username: String },
    /// Aktifkan kembali akun.
    Enable { username: String },
    /// Beri peran dengan cakupannya.
    Grant {
        username: String,
        peran: String,
        cakupan: String,
    },
    /// Cabut peran.
    Revoke {
        username: String,
        peran: String,
        cakupan: String,
    },
    /// Ganti kata sandi (dibaca dari masukan standar).
    Password { username: String },
}

#[derive(Subcommand)]
enum KeyCommand {
    /// Tampilkan id kunci di berkas dan yang dipakai data di basis data.
    Info,
    /// Buat kunci baru, enkripsi ulang semua data pribadi dengan kunci itu,
    /// lalu buang kunci lama dari berkas. Hentikan server lain dulu, dan
    /// mulai ulang setelahnya.
    Rotate {
        /// Simpan kunci lama di berkas (untuk membaca cadangan lama).
        #[arg(long)]
        simpan_lama: bool,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Buat token; rahasianya ditampilkan sekali.
    Add {
        /// Nama pengenal, mis. gateway-sms.
        nama: String,
        #[arg(long)]
        peran: String,
        #[arg(long, default_value = "semua")]
        cakupan: String,
    },
    /// Daftar token dengan waktu terakhir dipakai.
    List,
    /// Cabut token.
    Revoke { id: String },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Periksa seluruh rantai dan laporkan sambungan pertama yang putus.
    Verify,
    /// Tampilkan entri terbaru.
    List {
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// Alamat dengar, mis. 127.0.0.1:8080 atau 0.0.0.0:8080.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Token Bearer untuk GET /metrics (Prometheus); tanpa token, /metrics tidak ada (404).
    #[arg(long, env = "POSKO_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// Reverse proxy yang dipercaya (alamat atau jaringan, dipisah koma,
    /// mis. 127.0.0.1,::1): dari mereka saja X-Forwarded-For dibaca untuk
    /// alamat klien (batas percobaan masuk per alamat). Tanpa ini header itu
    /// diabaikan.
    #[arg(long, env = "POSKO_PROXY_TEPERCAYA", value_delimiter = ',', value_parser = posko_web::proksi::baca_tepercaya)]
    proxy_tepercaya: Vec<posko_web::proksi::IpNet>,
    #[command(flatten)]
    gerbang: GerbangArgs,
}

/// Gerbang SMS/Telegram (docs/SMS.md). Rahasia sebaiknya lewat variabel
/// lingkungan, bukan baris perintah (yang terlihat di daftar proses).
#[derive(Args)]
struct GerbangArgs {
    /// Kunci tanda tangan webhook aplikasi SMS Gateway for Android.
    #[arg(long, env = "POSKO_SMS_GATEWAY_KUNCI", hide_env_values = true)]
    sms_gateway_kunci: Option<String>,
    /// URL kirim SMS aplikasi itu, mis. http://192.168.1.20:8080/message.
    #[arg(long, env = "POSKO_SMS_GATEWAY_URL")]
    sms_gateway_url: Option<String>,
    #[arg(long, env = "POSKO_SMS_GATEWAY_PENGGUNA", default_value = "sms")]
    sms_gateway_pengguna: String,
    #[arg(long, env = "POSKO_SMS_GATEWAY_SANDI", hide_env_values = true)]
    sms_gateway_sandi: Option<String>,
    /// Token Bearer untuk gerbang HTTP polos (POST /webhooks/http).
    #[arg(long, env = "POSKO_GERBANG_TOKEN", hide_env_values = true)]
    gerbang_token: Option<String>,
    /// Token bot Telegram dari @BotFather.
    #[arg(long, env = "POSKO_TELEGRAM_TOKEN", hide_env_values = true)]
    telegram_token: Option<String>,
    /// Secret token webhook Telegram (huruf, angka, _ dan -; 1–256 karakter).
    #[arg(long, env = "POSKO_TELEGRAM_RAHASIA", hide_env_values = true)]
    telegram_rahasia: Option<String>,
    /// Alamat Bot API (server Bot API sendiri, bila ada).
    #[arg(long, env = "POSKO_TELEGRAM_API", default_value = posko_web::telegram::API_BAWAAN)]
    telegram_api: String,
}

impl GerbangArgs {
    fn gerbang(&self) -> anyhow::Result<posko_web::gerbang::Gerbang> {
        let sms_gateway = match (&self.sms_gateway_kunci, &self.sms_gateway_url) {
            (None, None) => None,
            (Some(kunci), Some(url)) => Some(posko_web::gerbang::SmsGateway {
                kunci: kunci.clone(),
                url_kirim: url.clone(),
                pengguna: self.sms_gateway_pengguna.clone(),
                sandi: self.sms_gateway_sandi.clone().unwrap_or_default(),
            }),
            _ => anyhow::bail!(
                "gerbang SMS butuh --sms-gateway-kunci dan --sms-gateway-url bersama-sama"
            ),
        };
        let telegram = match (&self.telegram_token, &self.telegram_rahasia) {
            (None, None) => None,
            (Some(token), Some(rahasia)) => {
                // Telegram refuses other characters in secret_token.
                if rahasia.is_empty()
                    || rahasia.len() > 256
                    || !rahasia
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                {
                    anyhow::bail!(
                        "--telegram-rahasia: 1–256 karakter huruf, angka, _ atau - (aturan Telegram)"
                    );
                }
                Some(posko_web::telegram::Telegram {
                    token: token.clone(),
                    rahasia: rahasia.clone(),
                    url_api: self.telegram_api.trim_end_matches('/').to_string(),
                })
            }
            _ => anyhow::bail!(
                "gerbang Telegram butuh --telegram-token dan --telegram-rahasia bersama-sama"
            ),
        };
        Ok(posko_web::gerbang::Gerbang {
            sms_gateway,
            token_http: self.gerbang_token.clone(),
            telegram,
        })
    }
}

#[derive(Args)]
struct DemoArgs {
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Folder data publik (wilayah/, tps/). Bawaan: ../shared/data bila ada.
    #[arg(long, env = "POSKO_DEMO_DATA")]
    data: Option<PathBuf>,
    /// Benih acak: benih yang sama memberi kampanye yang sama.
    #[arg(long, default_value_t = 2029)]
    seed: u64,
    /// Bangun saja, jangan jalankan server.
    #[arg(long)]
    no_serve: bool,
    /// Hari pemungutan: kirimkan C.Hasil contoh untuk setiap TPS (N per detik) agar rekap bergerak.
    #[arg(long, value_name = "N_PER_DETIK", num_args = 0..=1, default_missing_value = "20", visible_alias = "election-day")]
    hari_h: Option<u32>,
}

#[derive(Args)]
struct ImportArgs {
    /// Berkas CSV, TXT, TSV, XLSX, XLS atau ODS.
    file: PathBuf,
    /// Impor baris yang sah walau ada baris bermasalah (yang dilewati dilaporkan).
    #[arg(long)]
    skip_invalid: bool,
    /// Pengodean teks berkas CSV.
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    encoding: Encoding,
}

#[derive(Clone, Copy, ValueEnum)]
enum Encoding {
    Auto,
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "windows-1252")]
    Windows1252,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Kode wilayah Kemendagri (kode,nama[,level,kode_induk,jenis]).
    Wilayah(ImportArgs),
    /// Daftar TPS (kode desa + nomor TPS, atau kode_tps; DPT bila ada).
    Tps(ImportArgs),
    /// Daftar pemilih (DPT): nama, jenis kelamin, usia/tanggal lahir, alamat, RT/RW, TPS, NIK tersamar. Impor TPS lebih dulu.
    Dpt(ImportArgs),
    /// Batas wilayah (GeoJSON FeatureCollection, properti "kode") untuk peta. Impor kode wilayah lebih dulu.
    Batas(ImportArgs),
    /// Hasil resmi KPU per TPS (TPS, satu kolom suara per paslon, sah, tidak sah).
    Resmi {
        /// Id pemilihan (lihat: posko pemilihan list).
        #[arg(long)]
        pemilihan: Uuid,
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Hasil pemilihan lalu per TPS (TPS, DPT, suara sah[, tidak sah][, suara kita]) sebagai riwayat: partisipasi per desa untuk target. Mengganti riwayat sebelumnya.
    Riwayat {
        /// Nama pemilihan lalu, mis. "Pilkada 2020".
        #[arg(long)]
        nama: String,
        /// Kolom suara calon/partai yang diikuti kampanye, mis. kpu_pas1.
        #[arg(long, value_name = "KOLOM")]
        kolom_kita: Option<String>,
        #[command(flatten)]
        args: ImportArgs,
    },
}

#[derive(Subcommand)]
enum PemilihanCommand {
    /// Tambah pemilihan.
    #[command(alias = "tambah")]
    Add {
        /// gubernur, bupati atau walikota
        #[arg(long)]
        jenis: String,
        /// Kode wilayah: provinsi untuk gubernur, kabupaten/kota untuk bupati/walikota.
        #[arg(long)]
        wilayah: String,
        /// Hari pemungutan suara, YYYY-MM-DD.
        #[arg(long)]
        tanggal: String,
        /// Nama (bawaan: "Pemilihan <jabatan> <wilayah> <tahun>").
        #[arg(long)]
        nama: Option<String>,
        /// Aturan menang: terbanyak, lebih_50 atau calon_tunggal (bawaan:
        /// menurut undang-undang: calon_tunggal bila hanya satu paslon,
        /// lebih_50 untuk gubernur DKI Jakarta, selain itu terbanyak).
        #[arg(long)]
        aturan: Option<String>,
    },
    /// Daftar pemilihan.
    #[command(alias = "daftar")]
    List,
    /// Ubah aturan menang sebuah pemilihan (`bawaan`: kembali ke aturan
    /// undang-undang).
    Aturan {
        /// Id pemilihan (lihat `posko pemilihan list`).
        #[arg(long)]
        pemilihan: String,
        /// terbanyak, lebih_50, calon_tunggal atau bawaan
        aturan: String,
    },
}

/// `--aturan`: a rule, or `bawaan` for the law's default.
fn parse_aturan(s: &str) -> anyhow::Result<Option<posko_domain::AturanMenang>> {
    if s.trim().eq_ignore_ascii_case("bawaan") {
        return Ok(None);
    }
    posko_domain::AturanMenang::parse(s)
        .map(Some)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "aturan '{s}' tidak dikenal: pilih terbanyak, lebih_50, calon_tunggal atau bawaan"
            )
        })
}

#[derive(Subcommand)]
enum PaslonCommand {
    /// Tambah pasangan calon.
    #[command(alias = "tambah")]
    Add {
        /// Id pemilihan (lihat `posko pemilihan list`).
        #[arg(long)]
        pemilihan: String,
        /// Nomor urut.
        #[arg(long)]
        nomor: String,
        /// Nama calon kepala daerah.
        #[arg(long)]
        calon: String,
        /// Nama calon wakil.
        #[arg(long)]
        wakil: String,
    },
    /// Daftar paslon sebuah pemilihan.
    #[command(alias = "daftar")]
    List {
        #[arg(long)]
        pemilihan: String,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("POSKO_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        // Use cases and store methods are debug-level spans: with
        // POSKO_LOG=debug each one's end is a line naming the request and
        // the layers it went through, with its time.
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("posko: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("posko: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Where data lives when no `--database-url` is given.
const DEFAULT_DATABASE_URL: &str = "sqlite://posko.db";

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let database_url = cli.database_url.as_deref();
    let key = crate::KeySource::from_env(cli.key_file.clone());
    let open = || crate::connect(database_url.unwrap_or(DEFAULT_DATABASE_URL), &key);
    match cli.command {
        Command::Serve(args) => {
            let posko = open().await?;
            let gerbang = args.gerbang.gerbang()?;
            let opsi = posko_web::operasi::Opsi {
                token_metrik: args.metrics_token.filter(|t| !t.trim().is_empty()),
                proxy_tepercaya: args.proxy_tepercaya,
                ..Default::default()
            };
            serve(posko, &args.listen, gerbang, opsi).await?;
        }
        Command::Demo(args) => demo_command(database_url, &key, args).await?,
        Command::Backup(a) => {
            return cadangan::backup(database_url.unwrap_or(DEFAULT_DATABASE_URL), &key, a).await;
        }
        Command::Restore(a) => {
            return cadangan::restore(database_url.unwrap_or(DEFAULT_DATABASE_URL), &key, a).await;
        }
        Command::Key(cmd) => {
            key_command(database_url.unwrap_or(DEFAULT_DATABASE_URL), &key, cmd).await?
        }
        Command::Init => {
            let posko = open().await?;
            let v = posko.store().schema_version().await?;
            println!(
                "Basis data siap ({}, skema versi {v}). Berikutnya: posko import wilayah BERKAS",
                posko.backend()
            );
        }
        Command::Import(ImportCommand::Dpt(a)) => {
            let posko = open().await?;
            return crate::dpt::import(&posko, &a.file, request(&a)).await;
        }
        Command::Import(ImportCommand::Batas(a)) => {
            let posko = open().await?;
            let report = posko
                .import_batas(&Aktor::cli(), &a.file, request(&a))
                .await?;
            println!("{}", report.summary());
            for p in report.problems.iter().take(20) {
                eprintln!("  {p}");
            }
            if report.problems.len() > 20 {
                eprintln!("  … dan {} lagi", report.problems.len() - 20);
            }
            if !report.unmatched.is_empty() {
                let contoh: Vec<String> = report
                    .unmatched
                    .iter()
                    .take(10)
                    .map(|k| k.to_string())
                    .collect();
                println!(
                    "Tidak cocok dengan wilayah tersimpan ({}): {}{}",
                    report.unmatched.len(),
                    contoh.join(", "),
                    if report.unmatched.len() > 10 {
                        ", …"
                    } else {
                        ""
                    }
                );
            }
            if !report.applied {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Import(cmd) => {
            let posko = open().await?;
            let (report, what) = match cmd {
                ImportCommand::Wilayah(a) => (
                    posko
                        .import_wilayah(&Aktor::cli(), &a.file, request(&a))
                        .await?,
                    "wilayah",
                ),
                ImportCommand::Tps(a) => (
                    posko
                        .import_tps(&Aktor::cli(), &a.file, request(&a))
                        .await?,
                    "TPS",
                ),
                ImportCommand::Dpt(_) | ImportCommand::Batas(_) => unreachable!("handled above"),
                ImportCommand::Resmi { pemilihan, args } => (
                    posko
                        .import_resmi(&Aktor::cli(), pemilihan, &args.file, request(&args))
                        .await?,
                    "hasil resmi",
                ),
                ImportCommand::Riwayat {
                    nama,
                    kolom_kita,
                    args,
                } => (
                    posko
                        .import_riwayat(
                            &Aktor::cli(),
                            &args.file,
                            &nama,
                            kolom_kita.as_deref(),
                            request(&args),
                        )
                        .await?,
                    "riwayat pemilihan lalu",
                ),
            };
            print_report(&report, what);
            if !report.applied {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Dana(a) => {
            let posko = open().await?;
            if !dana::dana_command(&posko, a).await? {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Pemilihan(cmd) => {
            let posko = open().await?;
            pemilihan_command(&posko, cmd).await?;
        }
        Command::Paslon(cmd) => {
            let posko = open().await?;
            paslon_command(&posko, cmd).await?;
        }
        Command::User(cmd) => {
            let posko = open().await?;
            user_command(&posko, cmd).await?;
        }
        Command::Token(cmd) => {
            let posko = open().await?;
            token_command(&posko, cmd).await?;
        }
        Command::Audit(AuditCommand::Verify) => {
            let check = open().await?.verify_audit().await?;
            match &check.broken {
                None => println!(
                    "Jejak audit utuh: {} entri diperiksa di {} lajur. Kepala: entri {} hash {}\nCatat kepala ini di tempat lain; pemeriksaan berikutnya harus mencapai entri ini dengan hash yang sama.",
                    check.entries_checked, check.lanes, check.head_seq, check.head_hash
                ),
                Some(b) => {
                    eprintln!(
                        "JEJAK AUDIT RUSAK: {b}. {} entri sebelumnya utuh (sampai entri {}).",
                        check.entries_checked, check.head_seq
                    );
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        Command::Audit(AuditCommand::List { limit }) => {
            for e in open().await?.cari_audit(None, None, None, limit).await? {
                println!(
                    "{}\t{}\t{}\t{}\t{} {}\t{}",
                    e.seq, e.waktu, e.aktor, e.aksi, e.entitas, e.entitas_id, e.ringkasan
                );
            }
        }
        Command::Telegram(TelegramCommand::Pasang { url, gerbang }) => {
            let Some(t) = gerbang.gerbang()?.telegram else {
                anyhow::bail!(
                    "butuh --telegram-token dan --telegram-rahasia (atau POSKO_TELEGRAM_*)"
                );
            };
            let url = format!("{}/webhooks/telegram", url.trim_end_matches('/'));
            posko_web::telegram::pasang_webhook(t, &url)
                .await
                .map_err(anyhow::Error::msg)?;
            println!("Webhook Telegram terpasang: {url}");
        }
        Command::Bench(c) => bench::bench_command(c).await?,
    }
    Ok(ExitCode::SUCCESS)
}

fn request(a: &ImportArgs) -> ImportRequest {
    ImportRequest {
        skip_invalid: a.skip_invalid,
        encoding: match a.encoding {
            Encoding::Auto => EncodingChoice::Auto,
            Encoding::Utf8 => EncodingChoice::Utf8,
            Encoding::Windows1252 => EncodingChoice::Windows1252,
        },
    }
}

/// Problems beyond this many are summarised, so a broken 800,000-row file
/// does not flood the terminal.
const PROBLEMS_SHOWN: usize = 50;

fn print_report(report: &ImportReport, what: &str) {
    for n in &report.notices {
        println!("catatan: {n}");
    }
    for p in report.problems.iter().take(PROBLEMS_SHOWN) {
        if report.applied {
            println!("dilewati: {p}");
        } else {
            eprintln!("{p}");
        }
    }
    if report.problems.len() > PROBLEMS_SHOWN {
        let more = format!(
            "… dan {} masalah lain",
            report.problems.len() - PROBLEMS_SHOWN
        );
        if report.applied {
            println!("{more}");
        } else {
            eprintln!("{more}");
        }
    }
    // Loaded (or loadable) rows the reader flagged: each named, like a
    // problem, so the legal team can find them in the file.
    for t in report.ditandai.iter().take(PROBLEMS_SHOWN) {
        println!("ditandai: {t}");
    }
    if report.ditandai.len() > PROBLEMS_SHOWN {
        println!(
            "… dan {} baris ditandai lain",
            report.ditandai.len() - PROBLEMS_SHOWN
        );
    }
    let line = format!("Impor {what}: {}", report.summary());
    if report.applied {
        println!("{line}");
    } else {
        eprintln!("{line}");
    }
}

async fn serve(
    posko: Posko,
    listen: &str,
    gerbang: posko_web::gerbang::Gerbang,
    opsi: posko_web::operasi::Opsi,
) -> anyhow::Result<()> {
    let listener = posko_web::bind(listen)
        .await
        .with_context(|| format!("tidak bisa mendengarkan di {listen}"))?;
    let addr = listener.local_addr()?;
    println!(
        "Posko berjalan di http://{addr}  (basis data: {}; Ctrl-C untuk berhenti)",
        posko.backend()
    );
    posko_web::serve_operasi(listener, posko, gerbang, opsi).await?;
    println!("Posko berhenti.");
    Ok(())
}

async fn demo_command(
    database_url: Option<&str>,
    key: &crate::KeySource,
    args: DemoArgs,
) -> anyhow::Result<()> {
    // The demo never touches the default posko.db: unless a database is
    // named explicitly, it builds a fresh one in a temporary folder.
    let tmp = tempdir_path();
    let url = match database_url {
        Some(url) => url.to_string(),
        None => {
            std::fs::create_dir_all(&tmp)?;
            format!("sqlite://{}", tmp.join("demo.db").display())
        }
    };
    let posko = crate::connect(&url, key).await?;
    if !posko.daftar_pemilihan().await?.is_empty() {
        bail!(
            "basis data {url} sudah berisi pemilihan; demo butuh basis data kosong (hapus --database-url untuk memakai basis data sementara)"
        );
    }
    let data_dir = args.data.or_else(|| {
        let d = PathBuf::from("../shared/data");
        d.is_dir().then_some(d)
    });
    let started = std::time::Instant::now();
    let summary = demo::build(
        &posko,
        &DemoOptions {
            data_dir,
            seed: args.seed,
        },
    )
    .await?;
    println!(
        "Demo siap dalam {:.1} s: {} — {} TPS, {} pemilih ({})",
        started.elapsed().as_secs_f64(),
        summary.pemilihan.nama,
        summary.jumlah_tps,
        summary.dpt_total,
        summary.sumber
    );
    println!("Basis data demo: {url}");
    println!(
        "Masuk sebagai '{}' dengan kata sandi: {}",
        summary.username, summary.password
    );
    if !args.no_serve {
        let code = posko
            .issue_login_code(&Aktor::demo(), &summary.username)
            .await?;
        println!(
            "Atau buka tautan masuk sekali pakai: http://{}/masuk/kode/{code}",
            args.listen
        );
        if let Some(rate) = args.hari_h {
            let (p, id, seed) = (posko.clone(), summary.pemilihan.id, args.seed);
            println!(
                "Hari pemungutan: C.Hasil contoh masuk {rate} TPS per detik; lihat http://{}/pemilihan/{id}/hasil",
                args.listen
            );
            tokio::spawn(async move {
                match demo::hari_h(&p, id, rate, seed).await {
                    Ok(n) => println!("Hari pemungutan selesai: {n} TPS masuk."),
                    Err(e) => eprintln!("hari pemungutan berhenti: {e}"),
                }
            });
        }
        serve(posko, &args.listen, Default::default(), Default::default()).await?;
    }
    if database_url.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    Ok(())
}

fn tempdir_path() -> PathBuf {
    std::env::temp_dir().join(format!("posko-demo-{}", Uuid::now_v7()))
}

async fn pemilihan_command(posko: &Posko, cmd: PemilihanCommand) -> anyhow::Result<()> {
    match cmd {
        PemilihanCommand::Add {
            jenis,
            wilayah,
            tanggal,
            nama,
            aturan,
        } => {
            let aturan = aturan.as_deref().map(parse_aturan).transpose()?.flatten();
            let jenis = JenisPemilihan::parse(&jenis)?;
            let wilayah = KodeWilayah::parse(&wilayah)?;
            let tanggal = Date::parse(
                &tanggal,
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .with_context(|| format!("tanggal '{tanggal}' harus berbentuk YYYY-MM-DD"))?;
            let p = posko
                .simpan_pemilihan_dengan_aturan(
                    &Aktor::cli(),
                    NewPemilihan {
                        jenis,
                        wilayah,
                        nama,
                        tanggal,
                    },
                    aturan,
                )
                .await?;
            println!("{}\t{}", p.id, p.nama);
        }
        PemilihanCommand::List => {
            for p in posko.daftar_pemilihan().await? {
                let aturan = match p.aturan {
                    Some(a) => a.to_string(),
                    None => "bawaan".to_string(),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    p.id, p.jenis, p.wilayah, p.tanggal, p.nama, aturan
                );
            }
        }
        PemilihanCommand::Aturan { pemilihan, aturan } => {
            let id = Uuid::parse_str(pemilihan.trim()).with_context(|| {
                format!("'{pemilihan}' bukan id pemilihan; lihat `posko pemilihan list`")
            })?;
            let a = posko
                .atur_aturan_menang(&Aktor::cli(), id, parse_aturan(&aturan)?)
                .await?;
            let asal = if a.dipilih {
                "dipilih"
            } else {
                "bawaan undang-undang"
            };
            println!("{id}\t{}\t{asal}", a.aturan);
        }
    }
    Ok(())
}

async fn paslon_command(posko: &Posko, cmd: PaslonCommand) -> anyhow::Result<()> {
    let parse_id = |s: &str| {
        Uuid::parse_str(s.trim())
            .with_context(|| format!("'{s}' bukan id pemilihan; lihat `posko pemilihan list`"))
    };
    match cmd {
        PaslonCommand::Add {
            pemilihan,
            nomor,
            calon,
            wakil,
        } => {
            let p = posko
                .simpan_paslon(
                    &Aktor::cli(),
                    parse_id(&pemilihan)?,
                    NewPaslon {
                        nomor_urut: NomorUrut::parse(&nomor)?,
                        calon_kepala: NamaCalon::parse_field(&calon, "calon")?,
                        calon_wakil: NamaCalon::parse_field(&wakil, "wakil")?,
                    },
                )
                .await?;
            println!(
                "Paslon {} ditambahkan: {} – {}",
                p.nomor_urut, p.calon_kepala, p.calon_wakil
            );
        }
        PaslonCommand::List { pemilihan } => {
            for p in posko.store().daftar_paslon(parse_id(&pemilihan)?).await? {
                println!("{}\t{}\t{}", p.nomor_urut, p.calon_kepala, p.calon_wakil);
            }
        }
    }
    Ok(())
}
