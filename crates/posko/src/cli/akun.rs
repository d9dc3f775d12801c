//! Commands about people and keys: accounts and saksi imports, the data
//! key, API tokens.

use std::sync::Arc;

use anyhow::{Context, bail};
use posko_app::{Aktor, Brankas, ImportRequest, NewPengguna, Posko};
use posko_domain::{Cakupan, Penugasan, Peran, Telepon};
use posko_import::EncodingChoice;
use uuid::Uuid;

use super::{KeyCommand, TokenCommand, UserCommand, print_report};

pub(super) fn penugasan(peran: &str, cakupan: &str) -> anyhow::Result<Penugasan> {
    Ok(Penugasan::new(
        Peran::parse(peran)?,
        Cakupan::parse(cakupan)?,
    )?)
}

fn read_password_line() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("membaca kata sandi dari masukan standar")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub(super) async fn user_command(posko: &Posko, cmd: UserCommand) -> anyhow::Result<()> {
    let aktor = Aktor::cli();
    match cmd {
        UserCommand::Add {
            username,
            nama,
            peran,
            cakupan,
            password_stdin,
            telepon,
        } => {
            let telepon = telepon
                .map(|t| Telepon::parse(&t))
                .transpose()
                .context("--telepon")?;
            let roles = match peran {
                Some(p) => vec![penugasan(&p, &cakupan)?],
                None => Vec::new(),
            };
            let password = if password_stdin {
                Some(read_password_line()?)
            } else {
                None
            };
            let (p, generated) = posko
                .add_pengguna(
                    &aktor,
                    NewPengguna {
                        username,
                        nama,
                        password,
                        penugasan: roles,
                        telepon,
                    },
                )
                .await?;
            println!("Akun {} dibuat ({}).", p.username, p.id);
            if let Some(g) = generated {
                println!("Kata sandi awal (hanya ditampilkan sekali): {g}");
            }
        }
        UserCommand::List => {
            for p in posko.daftar_pengguna().await? {
                let roles: Vec<String> = p
                    .penugasan
                    .iter()
                    .map(|t| format!("{}@{}", t.peran, t.cakupan))
                    .collect();
                println!(
                    "{}\t{}\t{}\t{}",
                    p.username,
                    if p.aktif { "aktif" } else { "nonaktif" },
                    p.nama,
                    roles.join(" ")
                );
            }
        }
        UserCommand::Disable { username } => {
            let changed = posko.set_pengguna_aktif(&aktor, &username, false).await?;
            println!(
                "{username}: {}",
                if changed {
                    "dinonaktifkan"
                } else {
                    "sudah nonaktif"
                }
            );
        }
        UserCommand::Enable { username } => {
            let changed = posko.set_pengguna_aktif(&aktor, &username, true).await?;
            println!(
                "{username}: {}",
                if changed { "diaktifkan" } else { "sudah aktif" }
            );
        }
        UserCommand::Grant {
            username,
            peran,
            cakupan,
        } => {
            let t = penugasan(&peran, &cakupan)?;
            let changed = posko.simpan_penugasan(&aktor, &username, t).await?;
            println!(
                "{username}: peran {}@{} {}",
                t.peran,
                t.cakupan,
                if changed {
                    "diberikan"
                } else {
                    "sudah dimiliki"
                }
            );
        }
        UserCommand::Revoke {
            username,
            peran,
            cakupan,
        } => {
            let t = penugasan(&peran, &cakupan)?;
            let changed = posko.hapus_penugasan(&aktor, &username, t).await?;
            println!(
                "{username}: peran {}@{} {}",
                t.peran,
                t.cakupan,
                if changed {
                    "dicabut"
                } else {
                    "memang tidak dimiliki"
                }
            );
        }
        UserCommand::Phone {
            username,
            telepon,
            hapus,
        } => {
            let t = match (telepon, hapus) {
                (Some(t), false) => Some(Telepon::parse(&t).context("nomor telepon")?),
                (None, true) => None,
                _ => bail!("beri nomor telepon, atau --hapus untuk mengosongkannya"),
            };
            posko.ubah_telepon(&aktor, &username, t.as_ref()).await?;
            println!(
                "{username}: nomor telepon {}",
                if t.is_some() { "disimpan" } else { "dihapus" }
            );
        }
        UserCommand::ImportSaksi {
            file,
            skip_invalid,
            kode_csv,
            url_dasar,
        } => {
            let req = ImportRequest {
                skip_invalid,
                encoding: EncodingChoice::Auto,
            };
            let hasil = posko.import_saksi(&aktor, None, &file, req).await?;
            print_report(&hasil.report, "saksi");
            if !hasil.report.applied {
                bail!("tidak ada akun yang dibuat");
            }
            if let Some(out) = kode_csv {
                let names: Vec<String> = hasil
                    .dibuat
                    .iter()
                    .map(|s| s.pengguna.username.clone())
                    .collect();
                let e = posko
                    .ekspor_kode_masuk(&cli_pengekspor(&aktor), &names, url_dasar.as_deref())
                    .await?;
                write_private(&out, &e.isi)?;
                println!(
                    "Kode masuk {} akun ditulis ke {} (ekspor {}, berlaku {} jam). Berkas ini berisi nomor telepon: hapus setelah dikirim.",
                    e.baris,
                    out.display(),
                    e.id,
                    posko_app::KODE_DETIK / 3600
                );
            }
        }
        UserCommand::Export { out } => {
            let e = posko.ekspor_pengguna(&cli_pengekspor(&aktor)).await?;
            write_private(&out, &e.isi)?;
            println!(
                "{} akun diekspor ke {} (ekspor {}, tercatat di jejak audit).",
                e.baris,
                out.display(),
                e.id
            );
        }
        UserCommand::Code {
            username,
            url_dasar,
        } => {
            let kode = posko.issue_login_code(&aktor, &username).await?;
            match url_dasar {
                Some(u) => println!("{}/masuk/kode/{kode}", u.trim_end_matches('/')),
                None => println!("{kode}"),
            }
        }
        UserCommand::Logout { username } => {
            let n = posko.sign_out_everywhere(&aktor, &username).await?;
            println!("{username}: {n} sesi diakhiri");
        }
        UserCommand::Password { username } => {
            posko
                .set_password(&aktor, &username, read_password_line()?)
                .await?;
            println!("{username}: kata sandi diganti");
        }
    }
    Ok(())
}

pub(super) async fn key_command(
    url: &str,
    key: &crate::KeySource,
    cmd: KeyCommand,
) -> anyhow::Result<()> {
    let parsed = crate::DatabaseUrl::parse(url)?;
    match cmd {
        KeyCommand::Info => {
            let posko = crate::connect(url, key).await?;
            println!("Kunci di berkas: {}", posko.brankas().kids().join(", "));
            println!("Kunci yang mengenkripsi: {}", posko.kid_aktif());
            let dipakai = posko.store().daftar_kid_terpakai().await?;
            println!(
                "Kunci yang dipakai data di basis data: {}",
                if dipakai.is_empty() {
                    "(belum ada data terenkripsi)".to_string()
                } else {
                    dipakai.join(", ")
                }
            );
        }
        KeyCommand::Rotate { simpan_lama } => {
            let Some(path) = key.path(&parsed) else {
                bail!(
                    "rotasi kunci butuh berkas kunci (--key-file): kunci dari POSKO_KEY tidak bisa ditulis ulang"
                );
            };
            let store = crate::open_store(&parsed).await?;
            let lama = Brankas::load(&path)?;
            let kid_lama = lama
                .kids()
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>();
            Posko::new(store.clone(), Arc::new(Brankas::load(&path)?))
                .check_kunci()
                .await?;
            // Saved with both keys first: a crash during re-encryption
            // leaves a file that still reads every row.
            let baru = lama.rotated();
            baru.save(&path)?;
            let posko = Posko::new(store, Arc::new(baru));
            let r = posko.reencrypt_all(&Aktor::cli()).await?;
            if !simpan_lama {
                posko.brankas().only_active().save(&path)?;
            }
            println!(
                "Kunci diganti: {} nilai dienkripsi ulang dengan kunci {} (sebelumnya {}).",
                r.baris,
                r.kid_baru,
                kid_lama.join(", ")
            );
            println!(
                "{} Mulai ulang setiap server Posko agar memakai berkas kunci baru.",
                if simpan_lama {
                    format!("Kunci lama masih ada di {}.", path.display())
                } else {
                    format!(
                        "Kunci lama dibuang dari {}: cadangan basis data dari sebelum rotasi butuh salinan berkas kunci lama.",
                        path.display()
                    )
                }
            );
        }
    }
    Ok(())
}

fn cli_pengekspor(aktor: &Aktor) -> posko_app::Pengekspor<'_> {
    posko_app::Pengekspor {
        aktor,
        label: aktor.as_str().to_string(),
        penugasan: None,
    }
}

/// Files holding personal data are created readable by their owner only.
fn write_private(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(path)
        .with_context(|| format!("menulis {}", path.display()))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("menulis {}", path.display()))?;
    Ok(())
}

fn unix_text(t: Option<i64>) -> String {
    t.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "-".into())
}

pub(super) async fn token_command(posko: &Posko, cmd: TokenCommand) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::Add {
            nama,
            peran,
            cakupan,
        } => {
            let (t, secret) = posko
                .issue_token(&Aktor::cli(), &nama, penugasan(&peran, &cakupan)?)
                .await?;
            println!("Token {} ({}) dibuat.", t.nama, t.id);
            println!("Rahasia (hanya ditampilkan sekali): {secret}");
            println!("Pakai sebagai header: Authorization: Bearer {secret}");
        }
        TokenCommand::List => {
            for t in posko.daftar_token().await? {
                println!(
                    "{}\t{}\t{}@{}\tdibuat {}\tterakhir dipakai {}\t{}",
                    t.id,
                    t.nama,
                    t.penugasan.peran,
                    t.penugasan.cakupan,
                    unix_text(Some(t.dibuat)),
                    unix_text(t.terakhir_dipakai),
                    if t.dicabut.is_some() {
                        "dicabut"
                    } else {
                        "aktif"
                    }
                );
            }
        }
        TokenCommand::Revoke { id } => {
            let id = Uuid::parse_str(id.trim())
                .with_context(|| format!("'{id}' bukan id token; lihat `posko token list`"))?;
            let changed = posko.cabut_token(&Aktor::cli(), id).await?;
            println!(
                "{id}: {}",
                if changed {
                    "dicabut"
                } else {
                    "tidak ada atau sudah dicabut"
                }
            );
        }
    }
    Ok(())
}
