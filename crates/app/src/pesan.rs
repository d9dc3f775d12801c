//! Messages from SMS and Telegram gateways: stored once (gateways retry for
//! days), understood by the grammar in `posko_domain::pesan`, acted on as the
//! saksi's own web form would be, and answered from a durable outbox so a
//! crash between receiving and replying loses nothing.

use async_trait::async_trait;
use posko_domain::pesan::{self as tata, Pesan, RujukanTps};
use posko_domain::{Cakupan, Jejak, KodeTps, Peran, Telepon};
use posko_storage::{HasilOlah, KolomRahasia, Pengguna, PesanMasuk, Saluran, StatusPesan};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{AppError, KATEGORI_INSIDEN, KirimHasil, Posko, Result};

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
}

/// What the gateway is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jawaban {
    pub status: StatusPesan,
    pub balasan: Option<String>,
    /// The same message was received before; nothing new was done.
    pub ulang: bool,
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

fn sekarang() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

fn samar(pengirim: &str) -> String {
    match Telepon::parse(pengirim) {
        Ok(t) => t.tersamar(),
        Err(_) => {
            let n = pengirim.chars().count();
            let tampak: String = pengirim.chars().skip(n.saturating_sub(3)).collect();
            format!("{}{tampak}", "*".repeat(n.saturating_sub(3).min(8)))
        }
    }
}

impl Posko {
    /// Receives one message: stores it (once), processes it and queues the
    /// reply. A retry of a message already handled returns the first answer.
    pub async fn terima_pesan(&self, m: PesanGerbang) -> Result<Jawaban> {
        if m.kunci_luar.is_empty() || m.kunci_luar.len() > 200 {
            return Err(AppError::Invalid(
                "id pesan dari gerbang kosong atau terlalu panjang".into(),
            ));
        }
        let pengirim = match Telepon::parse(&m.pengirim) {
            Ok(t) => t.as_str().to_owned(),
            Err(_) => m.pengirim.trim().to_owned(),
        };
        let id = Uuid::now_v7();
        let p = PesanMasuk {
            id,
            saluran: m.saluran,
            kunci_luar: m.kunci_luar.clone(),
            pengirim: self
                .brankas
                .seal(KolomRahasia::PesanPengirim, id, &pengirim),
            pengirim_samar: samar(&pengirim),
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
            }),
            // Stored long ago but never finished (a crash): finish it now.
            Some(lama) => self.olah(&lama, &pengirim, true).await,
            None => self.olah(&p, &pengirim, false).await,
        }
    }

    /// Finishes messages an interrupted run left unprocessed. Called at
    /// start-up and periodically; returns how many it finished.
    pub async fn pulihkan_pesan(&self) -> Result<u64> {
        let mut n = 0;
        for p in self
            .store
            .pesan_baru(sekarang() - TERTUNDA_DETIK, 500)
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
            match self.olah(&p, &pengirim, false).await {
                Ok(_) => n += 1,
                Err(e) => tracing::warn!("memulihkan pesan {}: {e}", p.id),
            }
        }
        Ok(n)
    }

    async fn olah(&self, p: &PesanMasuk, pengirim: &str, ulang: bool) -> Result<Jawaban> {
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
            self.tafsir(p, pengirim).await?
        };
        let jejak = Jejak::new(
            format!("gerbang:{}", p.saluran.slug()),
            "pesan.olah",
            "pesan",
            p.id.to_string(),
            format!("pesan {}: {}", p.id, h.status.slug()),
            h.balasan.as_bytes(),
        );
        let h = HasilOlah {
            // The plain HTTP gateway takes the reply in its response.
            kirim_balasan: h.kirim_balasan && p.saluran != Saluran::Http,
            ..h
        };
        self.store
            .selesaikan_pesan(p.id, &h, sekarang(), &jejak)
            .await?;
        Ok(Jawaban {
            status: h.status,
            balasan: (!h.balasan.is_empty()).then_some(h.balasan),
            ulang,
        })
    }

    /// What a message means and what was done about it. A refusal by the
    /// use case (a closed election, a bad form) is the sender's answer, not
    /// a server error: the message is finished either way.
    async fn tafsir(&self, p: &PesanMasuk, pengirim: &str) -> Result<HasilOlah> {
        match self.tafsir_dan_laksanakan(p, pengirim).await {
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
        let pesan = match tata::parse(&p.teks) {
            Ok(pesan) => pesan,
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
            RujukanTps::Singkat(_) => {
                return Ok(jawab(
                    StatusPesan::Galat,
                    "Kode singkat TPS belum aktif. Kirim kode TPS lengkap, mis. HASIL 3273011001-003 120 98 TS 7".into(),
                ));
            }
        };
        let Some(saksi) = self.saksi_pengirim(p.saluran, pengirim, tps).await? else {
            return Ok(HasilOlah {
                tps: Some(tps),
                ..jawab(
                    StatusPesan::TakTerdaftar,
                    format!(
                        "Nomor ini belum terdaftar sebagai saksi TPS {}. Hubungi koordinator Anda.",
                        tps.undotted()
                    ),
                )
            });
        };
        let pemilihan = match self.pemilihan_di_tps(tps).await? {
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
                if let Err(g) = tata::cocokkan_paslon(&h, paslon.len()) {
                    return Ok(HasilOlah {
                        pengguna_id: Some(saksi.id),
                        tps: Some(tps),
                        ..jawab(StatusPesan::Galat, tata::balasan_galat(&g))
                    });
                }
                let k = self
                    .kirim_hasil(
                        &saksi,
                        KirimHasil {
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
                Ok(selesai(Some(k.kiriman.id), tata::balasan_diterima(&h, &[])))
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

    /// The active saksi of `tps` this sender is: by phone number for SMS
    /// (the blind index, never a decrypted scan).
    async fn saksi_pengirim(
        &self,
        saluran: Saluran,
        pengirim: &str,
        tps: KodeTps,
    ) -> Result<Option<Pengguna>> {
        if saluran == Saluran::Telegram {
            // Telegram users are linked to accounts in a later step.
            return Ok(None);
        }
        let indeks = self
            .brankas
            .indeks_semua(KolomRahasia::PenggunaTelepon, pengirim);
        Ok(self
            .store
            .find_pengguna_by_telepon(&indeks)
            .await?
            .into_iter()
            .find(|u| {
                u.aktif
                    && u.penugasan
                        .iter()
                        .any(|t| t.peran == Peran::Saksi && t.cakupan == Cakupan::Tps(tps))
            }))
    }

    /// The one election held at this TPS, or the reply saying why not.
    async fn pemilihan_di_tps(&self, tps: KodeTps) -> Result<std::result::Result<Uuid, String>> {
        let semua: Vec<_> = self
            .store
            .list_pemilihan()
            .await?
            .into_iter()
            .filter(|p| p.wilayah.mencakup(&tps.desa()))
            .collect();
        Ok(match semua.as_slice() {
            [p] => Ok(p.id),
            [] => Err(format!("Belum ada pemilihan di TPS {}.", tps.undotted())),
            _ => Err(format!(
                "Ada {} pemilihan di TPS {}; kirim hasil lewat formulir web Posko.",
                semua.len(),
                tps.undotted()
            )),
        })
    }

    /// Sends the replies that are due; a failure waits longer each time
    /// (1 s, 2 s, 4 s … up to 10 minutes). Returns how many went out.
    pub async fn kirim_balasan(&self, lewat: &dyn PengirimBalasan) -> Result<u64> {
        let now = sekarang();
        let mut n = 0;
        for b in self
            .store
            .balasan_jatuh_tempo(now, BATCH_BALASAN as u32)
            .await?
        {
            let tujuan = self
                .brankas
                .open(KolomRahasia::PesanPengirim, b.pesan_id, &b.tujuan)
                .ok();
            let hasil = match tujuan {
                Some(t) => lewat.kirim(b.saluran, &t, &b.teks).await,
                None => Err("alamat balasan tidak bisa dibuka dengan kunci ini".into()),
            };
            let (ok, galat) = match &hasil {
                Ok(()) => (true, None),
                Err(e) => (false, Some(e.as_str())),
            };
            let tunda = 1i64 << b.percobaan.min(9);
            self.store
                .tandai_balasan(b.id, ok, galat, now + tunda.min(600), now)
                .await?;
            n += u64::from(ok);
        }
        Ok(n)
    }

    /// Messages coordinators must look at: unregistered senders and texts
    /// that could not be understood, newest first.
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
        assert_eq!(samar("081234567890"), "0812*****890");
        assert_eq!(samar("123456789"), "******789");
    }
}
