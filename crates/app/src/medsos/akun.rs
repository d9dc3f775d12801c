//! The registry of official accounts, who holds access to each, and the
//! rotation after a member leaves: every account they could reach gets a
//! task to change its password (and its recovery where they held it),
//! open until someone records it done. No password is ever stored.

use posko_domain::Izin;
use posko_domain::medsos::{
    Akses, AkunTerdaftar, JenisAkses, Platform, boleh_tambah_akun, nama_akun_sah, tugas_keluar,
};
use posko_storage::{JenisMedsos, Pengguna};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use super::{Keputusan, Perubahan, RuangMedsos, Tersimpan, tolak};
use crate::{Posko, Result};

/// One member's access to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pemegang {
    pub anggota: Uuid,
    pub jenis: JenisAkses,
}

/// An official account as registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AkunMedsos {
    pub platform: Platform,
    /// The handle, without `@`.
    pub nama: String,
    pub url: String,
    /// What the account is for (the pair's main account, the team's
    /// answers, a region's page).
    pub tujuan: String,
    /// The KPU's registration: when, and its reference (the letter's or
    /// receipt's number); None until registered.
    pub kpu_tanggal: Option<Date>,
    pub kpu_nomor: String,
    /// The named person who answers for the account.
    pub penanggung_jawab: Uuid,
    /// Two-factor sign-in is on.
    pub dua_langkah: bool,
    /// Who can sign in, each with their own login; who holds the recovery.
    pub pemegang: Vec<Pemegang>,
    /// The first day it is off, when earlier than the quiet period's
    /// first day; None: the quiet period's first day.
    pub nonaktif: Option<Date>,
    /// Retired from the registry (no longer counts against the cap).
    pub pensiun: bool,
}

impl AkunMedsos {
    /// The first day the account is off: its own date or the quiet
    /// period's first day, whichever is earlier.
    pub fn nonaktif_berlaku(&self, r: &RuangMedsos) -> Date {
        let tenang = r.masa.masa_tenang().0;
        self.nonaktif.map_or(tenang, |d| d.min(tenang))
    }

    pub fn label(&self) -> String {
        format!("{} @{}", self.platform.label(), self.nama)
    }

    /// Who holds the recovery.
    pub fn pemulihan(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.pemegang
            .iter()
            .filter(|p| p.jenis == JenisAkses::Pemulihan)
            .map(|p| p.anggota)
    }
}

/// An account as a manager enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AkunBaru {
    pub platform: Platform,
    pub nama: String,
    pub url: String,
    pub tujuan: String,
    pub kpu_tanggal: Option<Date>,
    pub kpu_nomor: String,
    pub penanggung_jawab: Uuid,
    pub dua_langkah: bool,
    pub pemegang: Vec<Pemegang>,
    pub nonaktif: Option<Date>,
    pub pensiun: bool,
    /// For a change: the version the person saw when they opened the
    /// form. When the account changed since (someone left the team, another
    /// manager saved), the change is refused rather than undoing theirs.
    pub versi: Option<i64>,
}

/// Done: by whom, when (unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selesai {
    pub oleh: Uuid,
    pub waktu: i64,
}

/// The rotation an account owes after a member left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotasiMedsos {
    pub akun: Uuid,
    /// Who left.
    pub anggota: Uuid,
    /// Change the password (always).
    pub ganti_sandi: bool,
    /// They held the recovery: change the recovery email, phone, codes.
    pub ganti_pemulihan: bool,
    pub alasan: String,
    pub sandi_selesai: Option<Selesai>,
    pub pemulihan_selesai: Option<Selesai>,
}

impl RotasiMedsos {
    pub fn selesai(&self) -> bool {
        (!self.ganti_sandi || self.sandi_selesai.is_some())
            && (!self.ganti_pemulihan || self.pemulihan_selesai.is_some())
    }
}

/// Which part of a rotation is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BagianRotasi {
    Sandi,
    Pemulihan,
}

fn teks(nama: &str, s: &str, maks: usize) -> Result<String> {
    let s = s.trim();
    if s.chars().count() > maks {
        return Err(tolak(format!("{nama} paling panjang {maks} huruf")));
    }
    if s.chars().any(|c| c.is_control() && c != '\n') {
        return Err(tolak(format!("{nama} berisi karakter kendali")));
    }
    Ok(s.to_string())
}

fn url_sah(url: &str) -> Result<String> {
    let u = teks("alamat akun", url, 300)?;
    if u.is_empty() {
        return Ok(u);
    }
    alamat_web("alamat akun", u)
}

/// A web address as typed: `https://` or `http://`, a host, no spaces.
pub(crate) fn alamat_web(nama: &str, u: String) -> Result<String> {
    let sisa = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    match sisa {
        Some(s) if !s.is_empty() && !s.starts_with('/') && !u.chars().any(char::is_whitespace) => {
            Ok(u)
        }
        _ => Err(tolak(format!("{nama} '{u}' bukan alamat web (https://…)"))),
    }
}

/// What a member's leaving changes in a room: they come off every
/// account they could reach, each of which gets a rotation task.
fn keputusan_keluar(r: &RuangMedsos, anggota: Uuid, alasan: &str) -> Result<Keputusan<Vec<Uuid>>> {
    let akses: Vec<Akses> = r
        .akun
        .iter()
        .flat_map(|a| {
            a.isi.pemegang.iter().map(|p| Akses {
                akun: a.id,
                anggota: p.anggota,
                jenis: p.jenis,
            })
        })
        .collect();
    let tugas = tugas_keluar(&akses, anggota);
    let mut perubahan = Vec::new();
    let mut ids = Vec::new();
    let mut label = Vec::new();
    for t in &tugas {
        let lama = r.cari_akun(t.akun).expect("task of a listed account");
        let mut isi = lama.isi.clone();
        isi.pemegang.retain(|p| p.anggota != anggota);
        perubahan.push(Perubahan::ubah(JenisMedsos::Akun, lama, &isi)?);
        let id = Uuid::now_v7();
        perubahan.push(Perubahan::baru(
            JenisMedsos::Rotasi,
            id,
            &RotasiMedsos {
                akun: t.akun,
                anggota,
                ganti_sandi: t.ganti_sandi,
                ganti_pemulihan: t.ganti_pemulihan,
                alasan: alasan.to_string(),
                sandi_selesai: None,
                pemulihan_selesai: None,
            },
        )?);
        ids.push(id);
        label.push(format!(
            "{}{}",
            lama.isi.label(),
            if t.ganti_pemulihan {
                " (+pemulihan)"
            } else {
                ""
            }
        ));
    }
    Ok(Keputusan {
        perubahan,
        aksi: "akses.keluar",
        ringkasan: format!(
            "{} keluar dari tim media: akses dicabut dan rotasi dibuka untuk {}",
            r.nama(anggota),
            label.join(", ")
        ),
        hasil: ids,
    })
}

impl Posko {
    /// Adds an account to the registry (`id` None) or records a change of
    /// it: its details, who holds access, its deactivation. The handle is
    /// checked against the platform's rules and the registry (never twice,
    /// at most 20 active a platform); every holder is a named, active
    /// member of the media team, one of them holds the recovery.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_akun_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        id: Option<Uuid>,
        baru: AkunBaru,
    ) -> Result<Uuid> {
        let tim = self.tim_medsos().await?;
        let akun = AkunMedsos {
            platform: baru.platform,
            nama: nama_akun_sah(&baru.nama).map_err(|e| tolak(e.to_string()))?,
            url: url_sah(&baru.url)?,
            tujuan: teks("tujuan akun", &baru.tujuan, 300)?,
            kpu_tanggal: baru.kpu_tanggal,
            kpu_nomor: teks("nomor pendaftaran KPU", &baru.kpu_nomor, 100)?,
            penanggung_jawab: baru.penanggung_jawab,
            dua_langkah: baru.dua_langkah,
            pemegang: {
                let mut p = baru.pemegang.clone();
                p.sort_by_key(|x| (x.anggota, x.jenis == JenisAkses::Pemulihan));
                // One line per member: recovery includes signing in.
                p.dedup_by(|b, a| {
                    if a.anggota == b.anggota {
                        if b.jenis == JenisAkses::Pemulihan {
                            a.jenis = JenisAkses::Pemulihan;
                        }
                        true
                    } else {
                        false
                    }
                });
                p
            },
            nonaktif: baru.nonaktif,
            pensiun: baru.pensiun,
        };
        for orang in akun
            .pemegang
            .iter()
            .map(|p| p.anggota)
            .chain([akun.penanggung_jawab])
        {
            if !tim.contains_key(&orang) {
                return Err(tolak(
                    "penanggung jawab dan pemegang akses harus anggota tim media yang aktif, bernama, dengan akun Posko sendiri",
                ));
            }
        }
        if akun.pemegang.is_empty() {
            return Err(tolak(
                "akun resmi harus punya sedikitnya satu pemegang akses bernama (tidak ada login bersama)",
            ));
        }
        if akun.pemulihan().next().is_none() {
            return Err(tolak(
                "sebutkan siapa yang memegang pemulihan akun (email, nomor atau kode cadangan)",
            ));
        }
        let label = akun.label();
        let versi = baru.versi;
        self.ubah_medsos(oleh, pemilihan_id, Izin::SetujuiMedsos, move |r| {
            if let Some(d) = akun.nonaktif {
                let batas = r.masa.masa_tenang().0;
                if d > batas {
                    return Err(tolak(format!(
                        "akun resmi harus nonaktif sebelum masa tenang: tanggal nonaktif paling lambat {batas}"
                    )));
                }
            }
            if let Some(t) = akun.kpu_tanggal
                && t > r.masa.akhir
            {
                return Err(tolak(format!(
                    "tanggal pendaftaran KPU {t} sesudah masa kampanye berakhir ({})",
                    r.masa.akhir
                )));
            }
            let lain: Vec<AkunTerdaftar> = r
                .akun
                .iter()
                .filter(|a| Some(a.id) != id)
                .map(|a| AkunTerdaftar {
                    platform: a.isi.platform,
                    nama: a.isi.nama.clone(),
                    aktif: !a.isi.pensiun,
                })
                .collect();
            boleh_tambah_akun(
                &lain,
                &AkunTerdaftar {
                    platform: akun.platform,
                    nama: akun.nama.clone(),
                    aktif: !akun.pensiun,
                },
            )
            .map_err(|e| tolak(e.to_string()))?;
            let (perubahan, akun_id, aksi) = match id {
                Some(id) => {
                    let lama = r
                        .cari_akun(id)
                        .ok_or_else(|| crate::AppError::NotFound(format!("akun medsos {id}")))?;
                    if versi.is_some_and(|v| v != lama.versi) {
                        return Err(crate::AppError::Konflik(format!(
                            "{} sudah diubah orang lain sejak formulir dibuka (versi {}); buka lagi, periksa, lalu simpan",
                            lama.isi.label(),
                            lama.versi
                        )));
                    }
                    if lama.isi == akun {
                        return Ok(Keputusan {
                            perubahan: Vec::new(),
                            aksi: "akun.ubah",
                            ringkasan: String::new(),
                            hasil: id,
                        });
                    }
                    (
                        vec![Perubahan::ubah(JenisMedsos::Akun, lama, &akun)?],
                        id,
                        "akun.ubah",
                    )
                }
                None => {
                    let id = Uuid::now_v7();
                    (
                        vec![Perubahan::baru(JenisMedsos::Akun, id, &akun)?],
                        id,
                        "akun.tambah",
                    )
                }
            };
            let pemegang: Vec<String> = akun
                .pemegang
                .iter()
                .map(|p| {
                    format!(
                        "{}{}",
                        r.nama(p.anggota),
                        if p.jenis == JenisAkses::Pemulihan {
                            " (pemulihan)"
                        } else {
                            ""
                        }
                    )
                })
                .collect();
            Ok(Keputusan {
                perubahan,
                aksi,
                ringkasan: format!(
                    "{label}{}: akses {}; verifikasi dua langkah {}",
                    if akun.pensiun { " (dipensiunkan)" } else { "" },
                    pemegang.join(", "),
                    if akun.dua_langkah { "aktif" } else { "TIDAK aktif" }
                ),
                hasil: akun_id,
            })
        })
        .await
    }

    /// A member leaves the team: they are taken off every account they
    /// could reach, and each of those accounts gets a rotation task
    /// (password; recovery where they held it). Returns the tasks' ids,
    /// one per account, none when they held nothing.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn anggota_keluar_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        anggota: Uuid,
        alasan: &str,
    ) -> Result<Vec<Uuid>> {
        let alasan = teks("alasan", alasan, 300)?;
        self.ubah_medsos(oleh, pemilihan_id, Izin::SetujuiMedsos, |r| {
            keputusan_keluar(r, anggota, &alasan)
        })
        .await
    }

    /// A member's Posko account was disabled, or lost its last role in
    /// the media team: in every election's room they held access in, they
    /// leave as [`Self::anggota_keluar_medsos`] has it, recorded as done
    /// by `oleh` (who was allowed to change the account). Rooms they held
    /// nothing in are not written.
    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn keluar_medsos_semua(
        &self,
        oleh: &Pengguna,
        anggota: Uuid,
        alasan: &str,
    ) -> Result<usize> {
        let mut tugas = 0;
        for p in self.store.daftar_pemilihan().await? {
            tugas += self
                .ubah_medsos_di(oleh, p, |r| keputusan_keluar(r, anggota, alasan))
                .await?
                .len();
        }
        Ok(tugas)
    }

    /// Records one part of a rotation done (the password changed, or the
    /// recovery moved to someone still on the team).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn selesai_rotasi_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        rotasi: Uuid,
        bagian: BagianRotasi,
    ) -> Result<()> {
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::SetujuiMedsos, |r| {
            let lama = r
                .rotasi
                .iter()
                .find(|t| t.id == rotasi)
                .ok_or_else(|| crate::AppError::NotFound(format!("tugas rotasi {rotasi}")))?;
            let mut isi = lama.isi.clone();
            let selesai = Some(Selesai {
                oleh: oleh.id,
                waktu,
            });
            let (slot, perlu, apa) = match bagian {
                BagianRotasi::Sandi => (&mut isi.sandi_selesai, isi.ganti_sandi, "kata sandi"),
                BagianRotasi::Pemulihan => {
                    (&mut isi.pemulihan_selesai, isi.ganti_pemulihan, "pemulihan")
                }
            };
            if !perlu || slot.is_some() {
                return Ok(Keputusan {
                    perubahan: Vec::new(),
                    aksi: "rotasi.selesai",
                    ringkasan: String::new(),
                    hasil: (),
                });
            }
            *slot = selesai;
            let akun = r
                .cari_akun(isi.akun)
                .map_or_else(|| isi.akun.to_string(), |a| a.isi.label());
            if bagian == BagianRotasi::Pemulihan
                && r.cari_akun(isi.akun)
                    .is_some_and(|a| a.isi.pemulihan().next().is_none())
            {
                return Err(tolak(format!(
                    "{akun} belum punya pemegang pemulihan baru: ubah dulu daftar aksesnya"
                )));
            }
            Ok(Keputusan {
                perubahan: vec![Perubahan::ubah(JenisMedsos::Rotasi, lama, &isi)?],
                aksi: "rotasi.selesai",
                ringkasan: format!(
                    "{akun}: {apa} sudah diganti setelah {} keluar",
                    r.nama(isi.anggota)
                ),
                hasil: (),
            })
        })
        .await
    }

    /// Every version of one account, oldest first: what changed, by whom.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn riwayat_akun_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        akun: Uuid,
    ) -> Result<Vec<Tersimpan<AkunMedsos>>> {
        self.riwayat_medsos::<AkunMedsos>(oleh, pemilihan_id, akun, JenisMedsos::Akun)
            .await
    }
}
