//! Messages from SMS and Telegram gateways: stored once (gateways retry for
//! days), understood by the grammar in `posko_domain::pesan`, acted on as the
//! saksi's own web form would be, and answered from a durable outbox so a
//! crash between receiving and replying loses nothing.

use async_trait::async_trait;
use posko_domain::pesan::{self as tata, KodeSingkat, Pesan, RujukanTps};
use posko_domain::{Cakupan, Jejak, JenisPemilihan, KodeTps, Peran, Telepon};
use posko_storage::{HasilOlah, KolomRahasia, Pengguna, PesanMasuk, Saluran, StatusPesan};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, IsianHasil, KATEGORI_INSIDEN, Posko, Result};

/// Messages from one sender within [`JENDELA_BANJIR`] seconds beyond which
/// the rest are stored but neither processed nor answered: a stuck phone
/// or a prankster must not drown the night's results or our SMS credit.
pub const BATAS_BANJIR: u64 = 20;
pub const JENDELA_BANJIR: i64 = 600;

/// A message still unprocessed this long after arriving was interrupted (a
/// crash or restart); [`Posko::pulihkan_pesan`] finishes it.
pub const TERTUNDA_DETIK: i64 = 30;

/// Replies sent per pass of the outbox worker.
pub const BATCH_BALASAN: u64 = 100;

/// Replies of a batch in flight at once: a slow gateway holds up a tenth
/// of the batch, not all of it.
pub const KIRIM_SERENTAK: usize = 10;

/// How long a claim on replies lasts without a heartbeat: a server that
/// dies holding replies frees them after this (another sends them within
/// this plus one pass of its outbox worker).
pub const SEWA_DETIK: i64 = 15;

/// How often a sender extends the lease of the replies of its claim it has
/// not finished ([`crate::Posko::kirim_balasan`]).
pub const DENYUT: std::time::Duration = std::time::Duration::from_secs(3);

/// The longest one hand-off to a gateway may take; a slower one counts as
/// failed. A send starts only while the lease, as last confirmed, still
/// has this long to run (plus a second for clocks in whole seconds), so a
/// reply is never in flight from one server after its lease moved to
/// another, even when the heartbeat cannot reach the database.
pub const KIRIM_BATAS: std::time::Duration = std::time::Duration::from_secs(8);

/// One inbound message as a gateway hands it over.
#[derive(Debug, Clone)]
pub struct PesanGerbang {
    pub saluran: Saluran,
    /// The gateway's own id for the message (retries repeat it).
    pub kunci_luar: String,
    /// The sender: a phone number as the gateway wrote it, or a Telegram
    /// chat id.
    pub pengirim: String,
    pub teks: String,
    /// Photos already stored with [`Posko::simpan_foto`] (Telegram).
    pub foto: Vec<String>,
    /// A phone number the sender shared as their own (Telegram's "share
    /// my contact", checked by the gateway layer to be the sender's own
    /// account): links the sender to the saksi with that phone.
    pub kontak: Option<String>,
}

/// What the gateway is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jawaban {
    pub status: StatusPesan,
    pub balasan: Option<String>,
    /// The same message was received before; nothing new was done.
    pub ulang: bool,
    /// A Telegram sender not linked to any account: the reply goes back in
    /// the webhook's response with a "share my contact" button, not
    /// through the outbox (which carries text only).
    pub minta_kontak: bool,
}

/// Sends one reply through a gateway; implemented by the delivery layer
/// (HTTP clients of the SMS gateway app and the Telegram Bot API).
#[async_trait]
pub trait PengirimBalasan: Send + Sync {
    async fn kirim(
        &self,
        saluran: Saluran,
        tujuan: &str,
        teks: &str,
    ) -> std::result::Result<(), String>;
}

/// Short category words a saksi may type, mapped to Posko's categories.
fn kategori(kata: &str) -> Option<&'static str> {
    let k = match kata {
        "halang" | "dihalangi" => "saksi_dihalangi",
        "ancam" | "intimidasi" => "intimidasi",
        "uang" | "amplop" | "politik_uang" | "politik" => "politik_uang",
        "logis" | "logistik" => "logistik",
        "dpt" | "pemilih" => "pemilih",
        "hitung" | "penghitungan" => "penghitungan",
        "lain" | "lainnya" => "lain",
        other => other,
    };
    KATEGORI_INSIDEN
        .iter()
        .find(|(s, _)| *s == k)
        .map(|(s, _)| *s)
}

/// An unlinked Telegram sender is asked to share their contact.
fn minta_kontak(p: &PesanMasuk) -> bool {
    p.saluran == Saluran::Telegram && p.status == StatusPesan::TakTerdaftar && p.tps.is_none()
}

pub(crate) fn sekarang() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

fn samar(saluran: Saluran, pengirim: &str) -> String {
    match Telepon::parse(pengirim) {
        Ok(t) if saluran != Saluran::Telegram => t.tersamar(),
        _ => {
            let n = pengirim.chars().count();
            let tampak: String = pengirim.chars().skip(n.saturating_sub(3)).collect();
            format!("{}{tampak}", "*".repeat(n.saturating_sub(3).min(8)))
        }
    }
}

impl Posko {
    /// Receives one message: stores it (once), processes it and queues the
    /// reply. A retry of a message already handled returns the first answer.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn terima_pesan(&self, m: PesanGerbang) -> Result<Jawaban> {
        if m.kunci_luar.is_empty() || m.kunci_luar.len() > 200 {
            return Err(AppError::Invalid(
                "id pesan dari gerbang kosong atau terlalu panjang".into(),
            ));
        }
        // A Telegram chat id is digits too, but never a phone number.
        let pengirim = match Telepon::parse(&m.pengirim) {
            Ok(t) if m.saluran != Saluran::Telegram => t.as_str().to_owned(),
            _ => m.pengirim.trim().to_owned(),
        };
        let id = Uuid::now_v7();
        let p = PesanMasuk {
            id,
            saluran: m.saluran,
            kunci_luar: m.kunci_luar.clone(),
            pengirim: self
                .brankas
                .seal(KolomRahasia::PesanPengirim, id, &pengirim),
            pengirim_samar: samar(m.saluran, &pengirim),
            teks: m.teks.chars().take(tata::MAKS_KARAKTER + 1).collect(),
            foto: m.foto,
            diterima: sekarang(),
            status: StatusPesan::Baru,
            pengguna_id: None,
            tps: None,
            kiriman_id: None,
            balasan: None,
        };
        let jejak = Jejak::new(
            format!("gerbang:{}", m.saluran.slug()),
            "pesan.terima",
            "pesan",
            id.to_string(),
            // Not even the masked number: the audit log holds no phone digits.
            format!("pesan {} diterima", m.saluran.slug()),
            p.teks.as_bytes(),
        );
        match self.store.simpan_pesan(&p, &jejak).await? {
            Some(lama) if lama.status != StatusPesan::Baru => Ok(Jawaban {
                minta_kontak: minta_kontak(&lama),
                status: lama.status,
                balasan: lama.balasan,
                ulang: true,
            }),
            // Another delivery of it is being processed right now: say so,
            // and let that one act (a check-in or incident is not
            // idempotent); its reply goes out through the outbox.
            Some(lama) if lama.diterima > sekarang() - TERTUNDA_DETIK => Ok(Jawaban {
                status: StatusPesan::Baru,
                balasan: None,
                ulang: true,
                minta_kontak: false,
            }),
            // Stored long ago but never finished (a crash): finish it now.
            Some(lama) => self.olah(&lama, &pengirim, m.kontak.as_deref(), true).await,
            None => self.olah(&p, &pengirim, m.kontak.as_deref(), false).await,
        }
    }

    /// Finishes messages an interrupted run left unprocessed. Called at
    /// start-up and periodically; returns how many it finished.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pulihkan_pesan(&self) -> Result<u64> {
        let mut n = 0;
        for p in self
            .store
            .daftar_pesan_baru(sekarang() - TERTUNDA_DETIK, 500)
            .await?
        {
            // A sender sealed under a key no longer held cannot be answered.
            let Ok(pengirim) = self
                .brankas
                .open(KolomRahasia::PesanPengirim, p.id, &p.pengirim)
            else {
                continue;
            };
            // One message that cannot be finished must not hold up the rest.
            // A shared contact is not stored; the sender shares it again.
            match self.olah(&p, &pengirim, None, false).await {
                Ok(_) => n += 1,
                // An outage fails every message alike: one line per
                // interval, not one per message.
                Err(e) if e.tidak_tersedia() => {
                    crate::redam::peringatan("memulihkan pesan", e.jenis(), &e.to_string())
                }
                Err(e) => tracing::warn!("memulihkan pesan {}: {e}", p.id),
            }
        }
        Ok(n)
    }

    async fn olah(
        &self,
        p: &PesanMasuk,
        pengirim: &str,
        kontak: Option<&str>,
        ulang: bool,
    ) -> Result<Jawaban> {
        let dari_sini = self
            .store
            .hitung_pesan_dari(&p.pengirim.indeks, p.diterima - JENDELA_BANJIR)
            .await?;
        let h = if dari_sini > BATAS_BANJIR {
            HasilOlah {
                status: StatusPesan::Dibatasi,
                pengguna_id: None,
                tps: None,
                kiriman_id: None,
                balasan: String::new(),
                kirim_balasan: false,
            }
        } else {
            self.tafsir(p, pengirim, kontak).await?
        };
        let jejak = Jejak::new(
            format!("gerbang:{}", p.saluran.slug()),
            "pesan.olah",
            "pesan",
            p.id.to_string(),
            format!("pesan {}: {}", p.id, h.status.slug()),
            h.balasan.as_bytes(),
        );
        // Not linked at all (a linked account that is not saksi of the
        // TPS it names gets TakTerdaftar with that TPS).
        let minta_kontak = p.saluran == Saluran::Telegram
            && h.status == StatusPesan::TakTerdaftar
            && h.tps.is_none();
        let h = HasilOlah {
            // The plain HTTP gateway takes the reply in its response, and
            // so does an unlinked Telegram sender (with a button).
            kirim_balasan: h.kirim_balasan && p.saluran != Saluran::Http && !minta_kontak,
            ..h
        };
        if !self
            .store
            .selesaikan_pesan(p.id, &h, sekarang(), &jejak)
            .await?
        {
            // Another server finished it first (a gateway retry racing a
            // recovery pass) and its answer is the one that goes out: this
            // one says nothing, or an HTTP gateway would send a second reply.
            return Ok(Jawaban {
                status: h.status,
                balasan: None,
                ulang: true,
                minta_kontak: false,
            });
        }
        Ok(Jawaban {
            status: h.status,
            balasan: (!h.balasan.is_empty()).then_some(h.balasan),
            ulang,
            minta_kontak,
        })
    }

    /// What a message means and what was done about it. A refusal by the
    /// use case (a closed election, a bad form) is the sender's answer, not
    /// a server error: the message is finished either way.
    async fn tafsir(
        &self,
        p: &PesanMasuk,
        pengirim: &str,
        kontak: Option<&str>,
    ) -> Result<HasilOlah> {
        let hasil = if p.saluran == Saluran::Telegram {
            match self.tautkan_telegram(p, pengirim, kontak).await {
                Ok(Some(h)) => Ok(h),
                Ok(None) => self.tafsir_dan_laksanakan(p, pengirim).await,
                Err(e) => Err(e),
            }
        } else {
            self.tafsir_dan_laksanakan(p, pengirim).await
        };
        match hasil {
            Err(AppError::Invalid(m) | AppError::Dilarang(m) | AppError::NotFound(m)) => {
                Ok(HasilOlah {
                    status: StatusPesan::Galat,
                    pengguna_id: None,
                    tps: None,
                    kiriman_id: None,
                    balasan: format!("Ditolak: {m}")
                        .chars()
                        .take(tata::SATU_SMS)
                        .collect(),
                    kirim_balasan: true,
                })
            }
            other => other,
        }
    }

    async fn tafsir_dan_laksanakan(&self, p: &PesanMasuk, pengirim: &str) -> Result<HasilOlah> {
        let jawab = |status, balasan: String| HasilOlah {
            status,
            pengguna_id: None,
            tps: None,
            kiriman_id: None,
            balasan,
            kirim_balasan: true,
        };
        let (pesan, jenis) = match tata::parse_lengkap(&p.teks) {
            Ok(t) => (t.pesan, t.pemilihan),
            Err(g) => return Ok(jawab(StatusPesan::Galat, tata::balasan_galat(&g))),
        };
        let tps = match &pesan {
            Pesan::Bantuan | Pesan::TidakDikenal => {
                return Ok(jawab(StatusPesan::Bantuan, tata::balasan_bantuan()));
            }
            Pesan::Hasil(h) => h.tps(),
            Pesan::Hadir { tps } | Pesan::Lapor { tps, .. } => *tps,
        };
        let tps = match tps {
            RujukanTps::Kode(k) => k,
            RujukanTps::Singkat(s) => match self.store.cari_tps_kode_singkat(s.nomor()).await? {
                Some(k) => k,
                None => {
                    return Ok(jawab(
                        StatusPesan::Galat,
                        format!(
                            "Kode TPS {s} tidak dikenal. Cocokkan dengan lembar tugas, atau kirim kode TPS lengkap, mis. HADIR 3273011001-003"
                        ),
                    ));
                }
            },
        };
        let Some(saksi) = self.saksi_pengirim(p.saluran, pengirim, tps).await? else {
            let siapa = match p.saluran {
                Saluran::Telegram => "Akun Telegram ini",
                _ => "Nomor ini",
            };
            return Ok(HasilOlah {
                tps: Some(tps),
                ..jawab(
                    StatusPesan::TakTerdaftar,
                    format!(
                        "{siapa} belum terdaftar sebagai saksi TPS {}. Hubungi koordinator Anda.",
                        tps.undotted()
                    ),
                )
            });
        };
        let pemilihan = match self.pemilihan_di_tps(tps, jenis).await? {
            Ok(id) => id,
            Err(pesan) => {
                return Ok(HasilOlah {
                    pengguna_id: Some(saksi.id),
                    tps: Some(tps),
                    ..jawab(StatusPesan::Galat, pesan)
                });
            }
        };
        let selesai = |kiriman_id, balasan| HasilOlah {
            status: StatusPesan::Diterima,
            pengguna_id: Some(saksi.id),
            tps: Some(tps),
            kiriman_id,
            balasan,
            kirim_balasan: true,
        };
        let rujukan = RujukanTps::Kode(tps);
        match pesan {
            Pesan::Hasil(h) => {
                let (_, paslon) = self.pemilihan_dengan_paslon(pemilihan).await?;
                // Refused before anything is stored, with the count named
                // (the use case refuses it too, for every other path).
                let kolom = posko_domain::kolom_suara_paslon(paslon.len());
                if let Err(g) = tata::cocokkan_paslon(&h, kolom) {
                    return Ok(HasilOlah {
                        pengguna_id: Some(saksi.id),
                        tps: Some(tps),
                        ..jawab(StatusPesan::Galat, tata::balasan_galat(&g))
                    });
                }
                // The photos came with this sender's message: theirs.
                for h in &p.foto {
                    self.catat_unggah_foto(&saksi, h).await?;
                }
                let k = self
                    .kirim_hasil(
                        &saksi,
                        IsianHasil {
                            pemilihan_id: pemilihan,
                            tps,
                            // The message's own id: a reprocessed message
                            // is never a second revision.
                            kunci_klien: format!("pesan-{}", p.id.simple()),
                            formulir: h.formulir(),
                            alasan: None,
                            foto: p.foto.clone(),
                            sumber: p.saluran.slug(),
                        },
                    )
                    .await?;
                // Stored but not counted: the sender is told so, and why.
                let balasan = match k.kiriman.tidak_dihitung {
                    Some(t) => {
                        t.alasan
                            .balasan_sms(&tps.undotted(), k.kiriman.revisi, t.revisi_dihitung)
                    }
                    // What the checks flagged is said, not only stored.
                    None => tata::balasan_diterima_bertanda(&h, &[], &k.temuan),
                };
                Ok(selesai(Some(k.kiriman.id), balasan))
            }
            Pesan::Hadir { .. } => {
                self.checkin(&saksi, pemilihan, tps, None).await?;
                Ok(selesai(None, tata::balasan_hadir(&rujukan)))
            }
            Pesan::Lapor {
                kategori: kata,
                teks,
                ..
            } => {
                let Some(k) = kategori(&kata) else {
                    let daftar: Vec<&str> = KATEGORI_INSIDEN.iter().map(|(s, _)| *s).collect();
                    let balasan: String = format!(
                        "Kategori '{kata}' tidak dikenal. Pakai: {}",
                        daftar.join(" ")
                    )
                    .chars()
                    .take(tata::SATU_SMS)
                    .collect();
                    return Ok(HasilOlah {
                        pengguna_id: Some(saksi.id),
                        tps: Some(tps),
                        ..jawab(StatusPesan::Galat, balasan)
                    });
                };
                self.lapor_insiden(&saksi, pemilihan, tps, k, &teks, p.foto.clone())
                    .await?;
                Ok(selesai(None, tata::balasan_lapor(&rujukan, k)))
            }
            Pesan::Bantuan | Pesan::TidakDikenal => unreachable!("answered above"),
        }
    }

    /// The active saksi of `tps` this sender is: by phone number for SMS,
    /// by linked account for Telegram (the blind index either way, never a
    /// decrypted scan).
    async fn saksi_pengirim(
        &self,
        saluran: Saluran,
        pengirim: &str,
        tps: KodeTps,
    ) -> Result<Option<Pengguna>> {
        let akun = match saluran {
            Saluran::Telegram => {
                let indeks = self
                    .brankas
                    .indeks_semua(KolomRahasia::PenggunaTelegram, pengirim);
                self.store.cari_pengguna_telegram(&indeks).await?
            }
            _ => {
                let indeks = self
                    .brankas
                    .indeks_semua(KolomRahasia::PenggunaTelepon, pengirim);
                self.store.cari_pengguna_telepon(&indeks).await?
            }
        };
        Ok(akun.into_iter().find(|u| {
            u.aktif
                && u.penugasan
                    .iter()
                    .any(|t| t.peran == Peran::Saksi && t.cakupan == Cakupan::Tps(tps))
        }))
    }

    /// The election held at this TPS (of kind `jenis` when the sender
    /// named one), or the reply saying why there is not exactly one.
    async fn pemilihan_di_tps(
        &self,
        tps: KodeTps,
        jenis: Option<JenisPemilihan>,
    ) -> Result<std::result::Result<Uuid, String>> {
        let di_sini: Vec<_> = self
            .store
            .daftar_pemilihan()
            .await?
            .into_iter()
            .filter(|p| p.wilayah.mencakup(&tps.desa()))
            .collect();
        let cocok: Vec<_> = di_sini
            .iter()
            .filter(|p| jenis.is_none_or(|j| p.jenis == j))
            .collect();
        Ok(match (cocok.as_slice(), jenis) {
            ([p], _) => Ok(p.id),
            ([], None) => Err(format!("Belum ada pemilihan di TPS {}.", tps.undotted())),
            ([], Some(j)) => Err(format!(
                "Tidak ada pemilihan {} di TPS {}.",
                j.slug(),
                tps.undotted()
            )),
            (_, _) => {
                // Name the words that tell them apart: `HASIL GUB …`.
                let mut kata: Vec<&str> = di_sini
                    .iter()
                    .map(|p| tata::kata_pemilihan(p.jenis))
                    .collect();
                kata.dedup();
                Err(format!(
                    "Ada {} pemilihan di TPS {}. Sebutkan sesudah kata kunci: {}, mis. HASIL {} {}-{} ...",
                    di_sini.len(),
                    tps.undotted(),
                    kata.join(" / "),
                    kata[0],
                    tps.desa().undotted(),
                    tps.nomor()
                )
                .chars()
                .take(tata::SATU_SMS)
                .collect())
            }
        })
    }

    /// Sends the replies that are due, a few at a time; a failure waits
    /// longer each time (1 s, 2 s, 4 s … up to 10 minutes). The batch is
    /// claimed for [`SEWA_DETIK`] and the claim kept alive by a heartbeat
    /// every [`DENYUT`] while any of it is unsent, so servers sharing a
    /// database send each reply once and a dead server's replies move on
    /// within seconds. A reply is handed to the gateway only while this
    /// claim holds it with [`KIRIM_BATAS`] to spare, and its outcome is
    /// recorded only by the claim that holds it. Returns how many went out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kirim_balasan(&self, lewat: &dyn PengirimBalasan) -> Result<u64> {
        use futures::StreamExt;
        use std::collections::HashSet;
        use std::sync::Mutex;
        use std::time::Instant;
        let mulai = Instant::now();
        let now = sekarang();
        let batch = self
            .store
            .ambil_balasan(now, now + SEWA_DETIK, BATCH_BALASAN as u32)
            .await?;
        let Some(pemegang) = batch.first().map(|b| b.pemegang) else {
            return Ok(0);
        };
        // The replies this claim still holds and has not finished, and when
        // the lease was last confirmed (the claim, then each heartbeat).
        struct Sewa {
            sisa: HashSet<Uuid>,
            pasti: Instant,
        }
        let sewa = Mutex::new(Sewa {
            sisa: batch.iter().map(|b| b.id).collect(),
            pasti: mulai,
        });
        let segar = std::time::Duration::from_secs((SEWA_DETIK - 1).max(0) as u64)
            .saturating_sub(KIRIM_BATAS);
        let kerja = futures::stream::iter(batch)
            .map(|b| {
                let sewa = &sewa;
                async move {
                    let masih = {
                        let s = sewa.lock().unwrap_or_else(|e| e.into_inner());
                        s.sisa.contains(&b.id) && s.pasti.elapsed() <= segar
                    };
                    if !masih {
                        // Lost to another server, or not confirmed lately
                        // enough to finish before the lease runs out: left
                        // for whoever holds it next.
                        sewa.lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .sisa
                            .remove(&b.id);
                        return Ok(false);
                    }
                    let tujuan = self
                        .brankas
                        .open(KolomRahasia::PesanPengirim, b.pesan_id, &b.tujuan)
                        .ok();
                    let hasil = match tujuan {
                        Some(t) => {
                            match tokio::time::timeout(
                                KIRIM_BATAS,
                                lewat.kirim(b.saluran, &t, &b.teks),
                            )
                            .await
                            {
                                Ok(r) => r,
                                Err(_) => Err(format!(
                                    "gerbang tidak menjawab dalam {} detik",
                                    KIRIM_BATAS.as_secs()
                                )),
                            }
                        }
                        None => Err("alamat balasan tidak bisa dibuka dengan kunci ini".into()),
                    };
                    let selesai = sekarang();
                    let tunda = (1i64 << b.percobaan.min(9)).min(600);
                    let dicatat = self
                        .store
                        .tandai_balasan(
                            b.id,
                            pemegang,
                            hasil.is_ok(),
                            hasil.as_ref().err().map(String::as_str),
                            selesai + tunda,
                            selesai,
                        )
                        .await;
                    sewa.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .sisa
                        .remove(&b.id);
                    if !dicatat? {
                        tracing::warn!(
                            balasan = %b.id,
                            terkirim = hasil.is_ok(),
                            "balasan sudah tidak dipegang klaim ini; hasil kirim tidak dicatat"
                        );
                        return Ok(false);
                    }
                    Ok(hasil.is_ok())
                }
            })
            .buffer_unordered(KIRIM_SERENTAK)
            .collect::<Vec<Result<bool>>>();
        let denyut = async {
            loop {
                tokio::time::sleep(DENYUT).await;
                let id: Vec<Uuid> = {
                    let s = sewa.lock().unwrap_or_else(|e| e.into_inner());
                    s.sisa.iter().copied().collect()
                };
                if id.is_empty() {
                    continue;
                }
                let sejak = Instant::now();
                let t = sekarang();
                match self
                    .store
                    .perpanjang_sewa_balasan(&id, pemegang, t + SEWA_DETIK)
                    .await
                {
                    Ok(dipegang) => {
                        let dipegang: HashSet<Uuid> = dipegang.into_iter().collect();
                        let mut s = sewa.lock().unwrap_or_else(|e| e.into_inner());
                        // Only those asked about can have been lost; one
                        // finished meanwhile is gone from `sisa` already.
                        for i in &id {
                            if !dipegang.contains(i) {
                                s.sisa.remove(i);
                            }
                        }
                        s.pasti = sejak;
                    }
                    Err(e) => tracing::warn!("memperpanjang sewa balasan: {e}"),
                }
            }
        };
        futures::pin_mut!(kerja);
        futures::pin_mut!(denyut);
        let hasil = match futures::future::select(kerja, denyut).await {
            futures::future::Either::Left((h, _)) => h,
            futures::future::Either::Right(_) => unreachable!("the heartbeat never ends"),
        };
        let mut n = 0;
        for h in hasil {
            n += u64::from(h?);
        }
        Ok(n)
    }

    /// The short SMS codes of `tps` (in that order), issuing those not
    /// issued yet: printed on assignment sheets and shown on the saksi's
    /// form, so a code is fixed once anyone may have seen it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kode_singkat(&self, aktor: &Aktor, tps: &[KodeTps]) -> Result<Vec<KodeSingkat>> {
        let daftar: Vec<String> = tps.iter().map(ToString::to_string).collect();
        let jejak = Jejak::new(
            aktor.as_str(),
            "kode_singkat.beri",
            "tps",
            daftar.first().cloned().unwrap_or_default(),
            format!("kode singkat SMS untuk {} TPS", tps.len()),
            daftar.join("\n").as_bytes(),
        );
        self.store
            .beri_kode_singkat(tps, &jejak)
            .await?
            .into_iter()
            .map(|n| {
                tata::kode_singkat(n)
                    .ok_or_else(|| AppError::Invalid("kode singkat TPS sudah habis".into()))
            })
            .collect()
    }

    /// Messages coordinators must look at: unregistered senders and texts
    /// that could not be understood, newest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pesan_bermasalah(&self, limit: u32) -> Result<Vec<PesanMasuk>> {
        Ok(self
            .store
            .daftar_pesan(
                &[
                    StatusPesan::TakTerdaftar,
                    StatusPesan::Galat,
                    StatusPesan::Dibatasi,
                ],
                limit,
            )
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_category_words_map_to_posko_categories() {
        assert_eq!(kategori("uang"), Some("politik_uang"));
        assert_eq!(kategori("amplop"), Some("politik_uang"));
        assert_eq!(kategori("halang"), Some("saksi_dihalangi"));
        assert_eq!(kategori("logistik"), Some("logistik"));
        assert_eq!(kategori("cuaca"), None);
    }

    #[test]
    fn senders_are_masked_for_coordinators() {
        assert_eq!(samar(Saluran::SmsGateway, "081234567890"), "0812*****890");
        assert_eq!(samar(Saluran::SmsGateway, "123456789"), "******789");
        // A Telegram chat id is not a phone number, even when it looks like one.
        assert_eq!(samar(Saluran::Telegram, "6281234567"), "*******567");
    }
}
