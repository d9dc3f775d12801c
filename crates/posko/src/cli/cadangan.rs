//! `posko backup DIR` and `posko restore DIR`: a consistent online
//! snapshot of the database (SQLite's backup API, or `pg_dump` of an
//! exported snapshot), the form photos, and `manifest.json` naming every
//! file with its size and SHA-256, the backend, the Posko and schema
//! versions, the time and the audit chain's head at the snapshot. A
//! restore checks every hash before it writes anything, and only into an
//! empty place. The data key is never in a backup.

use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;
use posko_app::FotoStore;
use posko_postgres::PostgresStore;
use posko_sqlite::SqliteStore;
use posko_storage::cadangan::{Cuplikan, KepalaAudit};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{DatabaseUrl, KeySource};

pub(super) const TENTANG_BACKUP: &str = "Buat cadangan daring yang konsisten ke folder DIR (baru atau kosong) sementara server tetap berjalan dan menerima data: basis data (SQLite: API backup SQLite; PostgreSQL: pg_dump format custom), semua foto formulir, dan manifest.json berisi ukuran dan SHA-256 setiap berkas, versi, waktu, dan kepala jejak audit saat cuplikan diambil.

BERKAS KUNCI TIDAK TERMASUK dalam cadangan. Cadangkan berkas kunci (--key-file, bawaan posko.key di samping basis data) terpisah dan simpan di tempat lain; tanpa kunci itu, data pribadi di cadangan (nomor telepon, NIK) tidak bisa dibaca.";

pub(super) const TENTANG_RESTORE: &str = "Pulihkan cadangan dari folder DIR ke tempat KOSONG: berkas SQLite baru, atau basis data/skema PostgreSQL kosong (--database-url), dan folder foto kosong (POSKO_FOTO_DIR, bawaan di samping basis data). Setiap SHA-256 di manifest.json diperiksa lebih dulu; berkas yang hilang atau diubah membuat pemulihan ditolak tanpa menulis apa pun.

Berkas kunci tidak ada di dalam cadangan: jalankan Posko pada salinan pulihan dengan berkas kunci yang dicadangkan terpisah (--key-file).";

/// Said after every backup and restore.
const KUNCI_TIDAK_IKUT: &str = "Berkas kunci data pribadi TIDAK termasuk dalam cadangan. Cadangkan berkas kunci terpisah dan simpan di tempat lain: tanpa kunci itu, nomor telepon dan NIK di cadangan tidak bisa dibaca.";

#[derive(Args)]
pub(super) struct BackupArgs {
    /// Folder cadangan: baru atau kosong (satu folder per cadangan).
    dir: PathBuf,
}

#[derive(Args)]
pub(super) struct RestoreArgs {
    /// Folder cadangan yang dibuat `posko backup`.
    dir: PathBuf,
}

const MANIFEST: &str = "manifest.json";
const FORMAT: &str = "posko-cadangan/1";
const BERKAS_SQLITE: &str = "posko.db";
const BERKAS_PG: &str = "postgres.dump";
const FOLDER_FOTO: &str = "foto";

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: String,
    posko_versi: String,
    /// "sqlite" or "postgres".
    backend: String,
    versi_skema: i64,
    /// When the snapshot was taken (UTC, RFC 3339).
    waktu: String,
    /// PostgreSQL: the schema dumped alone; absent for the whole database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    skema_postgres: Option<String>,
    /// The newest audit entry in the snapshot.
    audit: Option<Kepala>,
    kunci: String,
    berkas: Vec<Berkas>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Kepala {
    seq: i64,
    hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Berkas {
    /// Path inside the backup folder, with '/'.
    nama: String,
    ukuran: u64,
    sha256: String,
}

impl From<KepalaAudit> for Kepala {
    fn from(k: KepalaAudit) -> Kepala {
        Kepala {
            seq: k.seq,
            hash: k.hash,
        }
    }
}

pub(super) async fn backup(url: &str, key: &KeySource, a: BackupArgs) -> anyhow::Result<ExitCode> {
    let parsed = DatabaseUrl::parse(url)?;
    let dir = a.dir;
    siapkan_folder(&dir)?;
    let mulai = std::time::Instant::now();
    let waktu =
        time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339)?;
    let (nama_db, cuplikan, skema) = match &parsed {
        DatabaseUrl::Sqlite(path) => {
            if !path.is_file() {
                bail!("basis data {} tidak ada", path.display());
            }
            let store = SqliteStore::open(path)
                .await
                .with_context(|| format!("membuka SQLite {}", path.display()))?;
            let c = store
                .cadangkan_ke(&dir.join(BERKAS_SQLITE))
                .await
                .context("mencadangkan SQLite")?;
            (BERKAS_SQLITE, c, None)
        }
        DatabaseUrl::Postgres(pg) => {
            let store = PostgresStore::connect(pg)
                .await
                .context("menghubungi PostgreSQL")?;
            let c = store
                .cadangkan_ke(pg, &dir.join(BERKAS_PG))
                .await
                .context("mencadangkan PostgreSQL")?;
            (BERKAS_PG, c.cuplikan, c.skema)
        }
    };
    let detik_db = mulai.elapsed().as_secs_f64();
    let foto = crate::foto_store(&parsed).await?;
    let (dir2, db_path) = (dir.clone(), dir.join(nama_db));
    let mut berkas =
        vec![tokio::task::spawn_blocking(move || berkas_dari(&db_path, nama_db)).await??];
    berkas.extend(salin_foto(foto.as_ref(), &dir2).await?);
    let manifest = Manifest {
        format: FORMAT.into(),
        posko_versi: env!("CARGO_PKG_VERSION").into(),
        backend: parsed_backend(&parsed).into(),
        versi_skema: cuplikan.versi_skema,
        waktu,
        skema_postgres: skema,
        audit: cuplikan.audit.clone().map(Kepala::from),
        kunci: KUNCI_TIDAK_IKUT.into(),
        berkas,
    };
    let json = serde_json::to_vec_pretty(&manifest)?;
    // Written last and renamed into place: a backup cut short has no
    // manifest, and restore refuses it.
    let tmp = dir.join(format!("{MANIFEST}.tmp"));
    std::fs::write(&tmp, &json).with_context(|| format!("menulis {}", tmp.display()))?;
    std::fs::rename(&tmp, dir.join(MANIFEST))?;
    let total: u64 = manifest.berkas.iter().map(|b| b.ukuran).sum();
    let foto_n = manifest.berkas.len() - 1;
    println!(
        "Cadangan selesai dalam {:.2} s (cuplikan basis data {:.2} s): {} — {} berkas, {}, {} foto.",
        mulai.elapsed().as_secs_f64(),
        detik_db,
        dir.display(),
        manifest.berkas.len(),
        ukuran_teks(total),
        foto_n
    );
    println!(
        "Basis data {} skema versi {}; {}",
        manifest.backend,
        manifest.versi_skema,
        kepala_teks(&cuplikan)
    );
    println!(
        "SHA-256 manifest.json: {} (catat di tempat lain: cadangan yang diubah tidak lagi cocok).",
        hex(&Sha256::digest(&json))
    );
    let kunci = match key.path(&parsed) {
        Some(p) => format!("Berkas kunci: {}.", p.display()),
        None => "Kunci dari POSKO_KEY.".to_string(),
    };
    println!("PENTING: {KUNCI_TIDAK_IKUT} {kunci}");
    Ok(ExitCode::SUCCESS)
}

pub(super) async fn restore(
    url: &str,
    key: &KeySource,
    a: RestoreArgs,
) -> anyhow::Result<ExitCode> {
    let parsed = DatabaseUrl::parse(url)?;
    let dir = a.dir;
    let manifest_path = dir.join(MANIFEST);
    let teks = std::fs::read(&manifest_path).with_context(|| {
        format!(
            "{} tidak bisa dibaca: bukan folder cadangan Posko, atau cadangannya tidak selesai",
            manifest_path.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_slice(&teks)
        .with_context(|| format!("{} tidak sah", manifest_path.display()))?;
    if manifest.format != FORMAT {
        bail!(
            "{}: format '{}' tidak dikenal (versi ini membaca {FORMAT})",
            manifest_path.display(),
            manifest.format
        );
    }
    // Every hash first: nothing is written unless the whole backup is intact.
    let (dir2, daftar) = (dir.clone(), manifest.berkas.clone());
    tokio::task::spawn_blocking(move || periksa_semua(&dir2, &daftar)).await??;
    let backend = parsed_backend(&parsed);
    if manifest.backend != backend {
        bail!(
            "cadangan ini dari {}, sedangkan tujuan {backend}; pulihkan ke basis data {} yang kosong",
            manifest.backend,
            manifest.backend
        );
    }
    let nama_db = if backend == "sqlite" {
        BERKAS_SQLITE
    } else {
        BERKAS_PG
    };
    if !manifest.berkas.iter().any(|b| b.nama == nama_db) {
        bail!("{}: tidak menyebut {nama_db}", manifest_path.display());
    }
    if let DatabaseUrl::Sqlite(path) = &parsed {
        posko_sqlite::cadangan::kosong(path)?;
    }
    let foto = crate::foto_store(&parsed).await?;
    let ada = foto.daftar().await.context("mendaftar foto di tujuan")?;
    if !ada.is_empty() {
        bail!(
            "penyimpanan foto tujuan sudah berisi {} foto; pulihkan hanya ke folder foto kosong (POSKO_FOTO_DIR)",
            ada.len()
        );
    }
    let mulai = std::time::Instant::now();
    let cuplikan = match &parsed {
        DatabaseUrl::Sqlite(path) => {
            if let Some(induk) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(induk)
                    .with_context(|| format!("membuat folder {}", induk.display()))?;
            }
            posko_sqlite::cadangan::pulihkan(&dir.join(BERKAS_SQLITE), path)
                .await
                .context("memulihkan SQLite")?
        }
        DatabaseUrl::Postgres(pg) => posko_postgres::cadangan::pulihkan(
            pg,
            &dir.join(BERKAS_PG),
            manifest.skema_postgres.as_deref(),
        )
        .await
        .context("memulihkan PostgreSQL")?,
    };
    let kepala = cuplikan.audit.clone().map(Kepala::from);
    if kepala != manifest.audit || cuplikan.versi_skema != manifest.versi_skema {
        bail!(
            "basis data pulihan tidak sama dengan manifest: {} versi {} (manifest: {:?} versi {})",
            kepala_teks(&cuplikan),
            cuplikan.versi_skema,
            manifest.audit,
            manifest.versi_skema
        );
    }
    let n = pulihkan_foto(&dir, &manifest.berkas, foto.as_ref()).await?;
    println!(
        "Pemulihan selesai dalam {:.2} s: basis data {backend} skema versi {}, {n} foto; {} (sama dengan manifest, cuplikan {}).",
        mulai.elapsed().as_secs_f64(),
        cuplikan.versi_skema,
        kepala_teks(&cuplikan),
        manifest.waktu
    );
    let kunci = match key.path(&parsed) {
        Some(p) => format!("ke {} (atau tunjuk dengan --key-file)", p.display()),
        None => "lewat POSKO_KEY".to_string(),
    };
    println!(
        "PENTING: {KUNCI_TIDAK_IKUT} Pasang berkas kunci yang dicadangkan terpisah {kunci}, lalu periksa: posko audit verify (rantainya harus memuat entri {} dengan hash di manifest).",
        manifest.audit.as_ref().map_or(0, |k| k.seq)
    );
    Ok(ExitCode::SUCCESS)
}

fn parsed_backend(url: &DatabaseUrl) -> &'static str {
    match url {
        DatabaseUrl::Sqlite(_) => "sqlite",
        DatabaseUrl::Postgres(_) => "postgres",
    }
}

fn kepala_teks(c: &Cuplikan) -> String {
    match &c.audit {
        Some(k) => format!("jejak audit sampai entri {} hash {}", k.seq, k.hash),
        None => "jejak audit kosong".into(),
    }
}

/// A new folder (0700), or an existing empty one.
fn siapkan_folder(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let isi = std::fs::read_dir(dir)
            .with_context(|| format!("membaca folder {}", dir.display()))?
            .next()
            .is_some();
        if isi {
            bail!(
                "folder cadangan {} tidak kosong; pakai folder baru untuk setiap cadangan",
                dir.display()
            );
        }
    }
    let mut folder = std::fs::DirBuilder::new();
    folder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
    folder
        .create(dir)
        .with_context(|| format!("membuat folder {}", dir.display()))
}

/// The one place a backup reads photos: every photo the store lists,
/// through the store, written as `foto/ab/HASH.foto`. Another photo store
/// (object storage) needs only `daftar` and `ambil`.
async fn salin_foto(foto: &dyn FotoStore, dir: &Path) -> anyhow::Result<Vec<Berkas>> {
    let mut hasil = Vec::new();
    for hash in foto.daftar().await.context("mendaftar foto")? {
        let Some(bytes) = foto
            .ambil(&hash)
            .await
            .with_context(|| format!("membaca foto {hash}"))?
        else {
            // Listed then gone: nothing refers to a photo that is removed.
            continue;
        };
        let sha = hex(&Sha256::digest(&bytes));
        if sha != hash {
            eprintln!(
                "peringatan: isi foto {hash} tidak cocok dengan namanya (SHA-256 {sha}); disalin apa adanya"
            );
        }
        let nama = format!("{FOLDER_FOTO}/{}/{hash}.foto", &hash[..2]);
        let path = dir.join(&nama);
        std::fs::create_dir_all(path.parent().expect("has a folder"))?;
        tulis_pribadi(&path, &bytes)?;
        hasil.push(Berkas {
            nama,
            ukuran: bytes.len() as u64,
            sha256: sha,
        });
    }
    Ok(hasil)
}

/// Puts every photo of the backup back through the photo store.
async fn pulihkan_foto(
    dir: &Path,
    daftar: &[Berkas],
    foto: &dyn FotoStore,
) -> anyhow::Result<usize> {
    let mut n = 0;
    for b in daftar {
        let Some(hash) = nama_foto(&b.nama) else {
            continue;
        };
        let bytes =
            std::fs::read(dir.join(&b.nama)).with_context(|| format!("membaca {}", b.nama))?;
        foto.simpan(hash, bytes)
            .await
            .with_context(|| format!("menyimpan foto {hash}"))?;
        n += 1;
    }
    Ok(n)
}

/// `foto/ab/HASH.foto` → HASH.
fn nama_foto(nama: &str) -> Option<&str> {
    let rest = nama.strip_prefix(FOLDER_FOTO)?.strip_prefix('/')?;
    let (pre, file) = rest.split_once('/')?;
    let hash = file.strip_suffix(".foto")?;
    (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && hash.starts_with(pre))
        .then_some(hash)
}

/// Checks every file the manifest names, and names each one that is
/// missing, of another size or of another hash.
fn periksa_semua(dir: &Path, daftar: &[Berkas]) -> anyhow::Result<()> {
    let mut salah = Vec::new();
    for b in daftar {
        let aman = Path::new(&b.nama)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !aman
            || !(b.nama == BERKAS_SQLITE || b.nama == BERKAS_PG || nama_foto(&b.nama).is_some())
        {
            salah.push(format!("{}: nama berkas tidak sah di manifest", b.nama));
            continue;
        }
        let path = dir.join(&b.nama);
        match sha256_berkas(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                salah.push(format!("{}: hilang", path.display()))
            }
            Err(e) => salah.push(format!("{}: {e}", path.display())),
            Ok((ukuran, _)) if ukuran != b.ukuran => salah.push(format!(
                "{}: ukuran {ukuran} bita, manifest menyebut {} (diubah atau terpotong)",
                path.display(),
                b.ukuran
            )),
            Ok((_, sha)) if sha != b.sha256 => salah.push(format!(
                "{}: SHA-256 {sha} tidak cocok dengan manifest {} (diubah atau rusak)",
                path.display(),
                b.sha256
            )),
            Ok(_) => {}
        }
    }
    if !salah.is_empty() {
        bail!(
            "cadangan ditolak, tidak ada yang ditulis: {} berkas tidak cocok dengan manifest:\n  {}",
            salah.len(),
            salah.join("\n  ")
        );
    }
    Ok(())
}

fn berkas_dari(path: &Path, nama: &str) -> anyhow::Result<Berkas> {
    let (ukuran, sha256) =
        sha256_berkas(path).with_context(|| format!("membaca {}", path.display()))?;
    Ok(Berkas {
        nama: nama.into(),
        ukuran,
        sha256,
    })
}

fn sha256_berkas(path: &Path) -> std::io::Result<(u64, String)> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let k = f.read(&mut buf)?;
        if k == 0 {
            break;
        }
        h.update(&buf[..k]);
        n += k as u64;
    }
    Ok((n, hex(&h.finalize())))
}

fn tulis_pribadi(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut buka = std::fs::OpenOptions::new();
    buka.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut buka, 0o600);
    std::io::Write::write_all(&mut buka.open(path)?, bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn ukuran_teks(n: u64) -> String {
    format!("{:.1} MB", n as f64 / 1_000_000.0)
}
