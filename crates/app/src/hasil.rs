//! Election day: a TPS's C.Hasil arrives (web, API, later SMS), is checked
//! against the form's arithmetic (flagged, never refused), stored as a new
//! revision, and moves the live totals; and the totals read back per region.

use posko_domain::{
    Batas, FormulirHasil, Izin, Jejak, KodeTps, KodeWilayah, Objek, Pelaku, Temuan, Tingkat,
    diizinkan, kolom_suara_paslon, periksa,
};
use posko_storage::{
    Angka, HasilTps, Kirim, KirimanHasil, Paslon, Pemilihan, Pengguna, RekapHasil, StatusHasil,
    StoreError, Tps, Wilayah,
};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::foto::{FOTO_PER_KIRIMAN, TanpaPratinjau, periksa_foto};

/// What asking for a photo's preview found.
enum Pratinjau {
    Ada(Vec<u8>),
    Tidak(TanpaPratinjau),
    TidakDikenal,
}
use crate::{Aktor, AppError, Masuk, Posko, Result};

/// A submission as a delivery layer received it.
#[derive(Debug, Clone)]
pub struct IsianHasil {
    pub pemilihan_id: Uuid,
    pub tps: KodeTps,
    /// The sender's own id for this submission (an offline phone makes it
    /// when the form is filled, and resends it until answered).
    pub kunci_klien: String,
    pub formulir: FormulirHasil,
    pub alasan: Option<String>,
    /// SHA-256 of photos already stored with [`Posko::simpan_foto`].
    pub foto: Vec<String>,
    pub sumber: &'static str,
}

/// The answer to a submission: the same for the first send and every resend.
#[derive(Debug, Clone, Serialize)]
pub struct JawabanKirim {
    pub kiriman: KirimanHasil,
    /// True when this was a resend of a submission stored before.
    pub ulang: bool,
    pub temuan: Vec<Temuan>,
    /// False when the revision was stored but does not replace the one
    /// that counts (see [`posko_domain::revisi`]); `kiriman.tidak_dihitung`
    /// says why and which one counts.
    pub dihitung: bool,
    /// Why it does not count, in Bahasa Indonesia, when it does not.
    pub keterangan: Option<String>,
}

impl JawabanKirim {
    fn dari(kiriman: KirimanHasil, ulang: bool, temuan: Vec<Temuan>) -> JawabanKirim {
        let keterangan = kiriman.tidak_dihitung.map(|t| t.pesan(kiriman.revisi));
        JawabanKirim {
            dihitung: kiriman.tidak_dihitung.is_none(),
            keterangan,
            kiriman,
            ulang,
            temuan,
        }
    }
}

/// A region's (or the election's) totals with the names to print them.
#[derive(Debug, Clone)]
pub struct RekapView {
    pub pemilihan: Pemilihan,
    pub paslon: Vec<Paslon>,
    /// None: the election's whole region.
    pub wilayah: Wilayah,
    pub leluhur: Vec<Wilayah>,
    pub rekap: RekapHasil,
    pub jumlah_tps: u64,
    /// The regions one level down with their totals (empty at desa level).
    pub anak: Vec<(Wilayah, RekapHasil, u64)>,
    /// At desa level: each TPS's current result.
    pub tps: Vec<HasilTps>,
    /// The win rule in force, and what it says of these totals with the
    /// TPS still out (vote lists have [`crate::AturanBerlaku::jumlah_kolom`]
    /// entries: a calon tunggal's blank box after the pair).
    pub aturan: crate::AturanBerlaku,
    pub menang: crate::Menang,
    /// The same for each row of `anak`.
    pub menang_anak: Vec<crate::Menang>,
}

/// Client ids: what an app or a phone's offline queue would generate
/// (a UUID, a ULID), short enough to index.
fn cek_kunci(k: &str) -> Result<()> {
    let ok = (8..=80).contains(&k.len())
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    if ok {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "kunci_klien harus 8–80 huruf, angka, '-', '_', '.' atau ':' (mis. sebuah UUID)".into(),
        ))
    }
}

/// Refuses a form whose section IV has another number of entries than
/// the election's ballot ([`kolom_suara_paslon`]: the paslon, and the blank
/// box when a single paslon runs). Every way a result comes in (web form,
/// JSON API, SMS, Telegram, the demo) passes through
/// [`Posko::kirim_hasil`] and so through here; the verifiers' readings ask
/// the same function.
pub(crate) fn cek_jumlah_paslon(ada: usize, paslon: usize) -> Result<()> {
    let harus = kolom_suara_paslon(paslon);
    if ada == harus {
        return Ok(());
    }
    Err(AppError::Invalid(match paslon {
        0 => "pemilihan ini belum punya paslon; tambahkan paslon dulu".to_string(),
        1 => format!(
            "formulir berisi {ada} kolom suara paslon, padahal pemilihan calon tunggal ini punya 2: suara paslon dan suara kolom kosong; isi tepat 2 angka"
        ),
        n => format!(
            "formulir berisi {ada} kolom suara paslon, padahal pemilihan ini diikuti {n} paslon; isi tepat {n} angka suara paslon"
        ),
    }))
}

/// What a form of this election at this TPS is checked against.
pub(crate) fn batas_formulir(paslon: usize, tps: &Tps) -> Batas {
    Batas::pilkada_2024(kolom_suara_paslon(paslon)).dengan_dpt_tps(tps.dpt.total())
}

impl Posko {
    /// Checks and stores one photo uploaded by `oleh`; returns its hash.
    /// The upload is recorded, so a form can attach only photos its
    /// sender uploaded (see [`Posko::kirim_hasil`]).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_foto(&self, oleh: &Pengguna, bytes: &[u8]) -> Result<String> {
        let hash = self.simpan_foto_gerbang(bytes).await?;
        self.catat_unggah_foto(oleh, &hash).await?;
        Ok(hash)
    }

    /// Stores a photo that came with a gateway message (Telegram) before
    /// its sender's account is known; the message's processing records it
    /// as that account's upload. Checking, hashing and writing up to 12 MB
    /// run off the async threads.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_foto_gerbang(&self, bytes: &[u8]) -> Result<String> {
        let bytes = bytes.to_vec();
        let (hash, dhash, bytes) = crate::latar::kerja("memeriksa foto", move || {
            let (hash, _) = periksa_foto(&bytes)?;
            // The review queue's fingerprint for re-encoded copies (check A).
            let dhash = crate::foto::dhash_foto(&bytes);
            Ok::<_, AppError>((hash, dhash, bytes))
        })
        .await??;
        self.foto.simpan(&hash, bytes).await.map_err(|e| {
            AppError::internal(format!("menyimpan foto ke {}", self.foto.lokasi()), e)
        })?;
        if let Some(d) = dhash {
            let hex = posko_domain::kejanggalan::foto::ke_hex(&d);
            self.store.simpan_dhash_foto(&hash, &hex).await?;
        }
        Ok(hash)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn catat_unggah_foto(&self, oleh: &Pengguna, hash: &str) -> Result<()> {
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "foto.unggah",
            "foto",
            hash.to_string(),
            format!(
                "{} mengunggah foto {}",
                oleh.username,
                hash.get(..12).unwrap_or(hash)
            ),
            hash.as_bytes(),
        );
        self.store
            .catat_unggah_foto(
                hash,
                oleh.id,
                OffsetDateTime::now_utc().unix_timestamp(),
                &jejak,
            )
            .await?;
        Ok(())
    }

    /// A stored photo's bytes and type.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn foto(&self, hash: &str) -> Result<Option<(Vec<u8>, &'static str)>> {
        let bytes = self.foto.ambil(hash).await.map_err(|e| {
            AppError::internal(format!("membaca foto dari {}", self.foto.lokasi()), e)
        })?;
        Ok(bytes.map(|b| {
            let jenis = crate::foto::jenis_foto(&b).unwrap_or("application/octet-stream");
            (b, jenis)
        }))
    }

    /// Whether the photo store holds `hash`; a store that cannot be
    /// reached is an internal error, never "not uploaded".
    pub(crate) async fn foto_ada(&self, hash: &str) -> Result<bool> {
        self.foto
            .ada(hash)
            .await
            .map_err(|e| AppError::internal(format!("memeriksa foto di {}", self.foto.lokasi()), e))
    }

    /// A photo's preview (longest side `sisi` px, JPEG), made once and kept
    /// beside the original; the original itself when it cannot be decoded
    /// here (HEIC), so the verifier always gets something to read. A photo
    /// whose header declares more pixels than a preview may decode gets
    /// none: the refusal says so, and the original stays downloadable.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pratinjau(
        &self,
        hash: &str,
        sisi: u32,
    ) -> Result<Option<(Vec<u8>, &'static str)>> {
        match self.buat_pratinjau(hash, sisi).await? {
            Pratinjau::Ada(jpeg) => Ok(Some((jpeg, "image/jpeg"))),
            Pratinjau::Tidak(TanpaPratinjau::TerlaluBesar { lebar, tinggi }) => {
                let alasan = crate::foto::cek_ukuran_foto(lebar, tinggi)
                    .err()
                    .unwrap_or_default();
                Err(AppError::Invalid(format!(
                    "foto ini tidak dibuatkan pratinjau: {alasan}; unduh foto aslinya"
                )))
            }
            Pratinjau::Tidak(TanpaPratinjau::TidakTerbaca) | Pratinjau::TidakDikenal => {
                self.foto(hash).await
            }
        }
    }

    /// The cached preview, or one made now; `None` when the photo is
    /// unknown or has no preview.
    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn pratinjau_jpeg(&self, hash: &str, sisi: u32) -> Result<Option<Vec<u8>>> {
        Ok(match self.buat_pratinjau(hash, sisi).await? {
            Pratinjau::Ada(jpeg) => Some(jpeg),
            Pratinjau::Tidak(_) | Pratinjau::TidakDikenal => None,
        })
    }

    /// The cached preview, or one made now under the decode semaphore.
    async fn buat_pratinjau(&self, hash: &str, sisi: u32) -> Result<Pratinjau> {
        let baca = |e: std::io::Error| {
            AppError::internal(format!("membaca pratinjau dari {}", self.foto.lokasi()), e)
        };
        if let Some(jpeg) = self.foto.ambil_turunan(hash, sisi).await.map_err(baca)? {
            return Ok(Pratinjau::Ada(jpeg));
        }
        let Some((asli, _)) = self.foto(hash).await? else {
            return Ok(Pratinjau::TidakDikenal);
        };
        // Held by the decoding task itself, so a request that goes away
        // does not free a place while its decode still runs.
        let izin = self
            .pratinjau
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| AppError::internal("giliran pratinjau", e))?;
        let (_izin, g) = crate::latar::kerja("membuat pratinjau foto", move || {
            (izin, crate::foto::perkecil(&asli, sisi))
        })
        .await?;
        let g = match g {
            Ok(g) => g,
            Err(t) => return Ok(Pratinjau::Tidak(t)),
        };
        // Still in the decode's turn; a failed cache write costs only a
        // remake next time.
        if let Err(e) = self.foto.simpan_turunan(hash, sisi, g.jpeg.clone()).await {
            tracing::warn!("menyimpan pratinjau foto {hash}: {e}");
        }
        Ok(Pratinjau::Ada(g.jpeg))
    }

    /// An election and its paslon, from a cache of a few seconds: every
    /// submission needs them, and on election day they do not change.
    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn pemilihan_dengan_paslon(
        &self,
        id: Uuid,
    ) -> Result<(Pemilihan, Vec<Paslon>)> {
        if let Some(hit) = self.cache_pemilihan.get(id) {
            return Ok(hit);
        }
        let p = self
            .store
            .ambil_pemilihan(id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {id}")))?;
        let paslon = self.store.daftar_paslon(id).await?;
        self.cache_pemilihan.put(id, (p.clone(), paslon.clone()));
        Ok((p, paslon))
    }

    /// Receives a C.Hasil from `oleh` for one TPS of one election (SMS,
    /// Telegram, the demo: no browser session behind it).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kirim_hasil(&self, oleh: &Pengguna, k: IsianHasil) -> Result<JawabanKirim> {
        let pelaku = Pelaku {
            akun: oleh.id,
            ..Pelaku::default()
        };
        let saluran = k.sumber;
        let r = self.kirim_hasil_pelaku(oleh, &pelaku, k).await;
        self.catat_kiriman(saluran, &r);
        r
    }

    /// Receives a C.Hasil from a signed-in session, remembering how the
    /// session was opened, so a verifier can be kept from reading a form
    /// sent from an account they signed in as.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kirim_hasil_sesi(&self, m: &Masuk, k: IsianHasil) -> Result<JawabanKirim> {
        let saluran = k.sumber;
        let r = self.kirim_hasil_pelaku(&m.pengguna, &m.pelaku(), k).await;
        self.catat_kiriman(saluran, &r);
        r
    }

    async fn kirim_hasil_pelaku(
        &self,
        oleh: &Pengguna,
        pelaku: &Pelaku,
        k: IsianHasil,
    ) -> Result<JawabanKirim> {
        if !diizinkan(&oleh.penugasan, Izin::IsianHasil, &Objek::Tps(k.tps)) {
            return Err(AppError::Dilarang(format!(
                "Anda tidak berwenang mengirim hasil TPS {}",
                k.tps
            )));
        }
        cek_kunci(&k.kunci_klien)?;
        let (pemilihan, paslon) = self.pemilihan_dengan_paslon(k.pemilihan_id).await?;
        if !pemilihan.wilayah.mencakup(&k.tps.desa()) {
            return Err(AppError::Invalid(format!(
                "TPS {} tidak termasuk wilayah {} ({})",
                k.tps, pemilihan.nama, pemilihan.wilayah
            )));
        }
        // A form for another election's ballot never reaches the totals:
        // a third figure would move `sah` and add a paslon that does not run.
        cek_jumlah_paslon(k.formulir.suara_paslon.len(), paslon.len())?;
        let tps = self
            .store
            .ambil_tps(k.tps)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("TPS {}", k.tps)))?;
        // The same photo attached twice (a double tap) is one piece of evidence.
        let mut foto: Vec<String> = Vec::with_capacity(k.foto.len());
        for h in k.foto {
            if !foto.contains(&h) {
                foto.push(h);
            }
        }
        if foto.len() > FOTO_PER_KIRIMAN {
            return Err(AppError::Invalid(format!(
                "paling banyak {FOTO_PER_KIRIMAN} foto per kiriman"
            )));
        }
        // A photo is evidence of the TPS it shows: attach only what one
        // uploaded oneself, or what this TPS's forms already carry (a
        // coordinator correcting a saksi's figures from the saksi's photo).
        // A hash learned elsewhere is answered like one never uploaded.
        let mut foto_tps: Option<Vec<String>> = None;
        for h in &foto {
            let boleh = self.foto_ada(h).await?
                && (self.store.pernah_unggah_foto(h, oleh.id).await? || {
                    if foto_tps.is_none() {
                        foto_tps = Some(
                            self.store
                                .daftar_kiriman_tps(k.pemilihan_id, k.tps)
                                .await?
                                .into_iter()
                                .flat_map(|x| x.foto)
                                .collect(),
                        );
                    }
                    foto_tps.as_ref().is_some_and(|f| f.contains(h))
                });
            if !boleh {
                return Err(AppError::Invalid(format!(
                    "foto {h} belum diunggah; unggah fotonya lebih dulu"
                )));
            }
        }
        let alasan = k
            .alasan
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|a| !a.is_empty());
        if alasan.as_ref().is_some_and(|a| a.chars().count() > 500) {
            return Err(AppError::Invalid(
                "alasan paling panjang 500 karakter".into(),
            ));
        }
        let batas = batas_formulir(paslon.len(), &tps);
        let temuan = periksa(&k.formulir, &batas);
        let waktu = OffsetDateTime::now_utc().unix_timestamp();
        let kiriman = KirimanHasil {
            id: Uuid::now_v7(),
            kunci_klien: k.kunci_klien,
            pemilihan_id: pemilihan.id,
            tps: k.tps,
            revisi: 0,
            pengirim_id: oleh.id,
            pengirim: oleh.username.clone(),
            sumber: k.sumber.to_string(),
            waktu,
            alasan,
            temuan: temuan.iter().map(|t| t.aturan.kode().to_string()).collect(),
            foto,
            formulir: k.formulir,
            kode_dari: pelaku.kode_dari,
            peramban: pelaku.peramban.clone(),
            tidak_dihitung: None,
        };
        let baru = HasilTps {
            pemilihan_id: pemilihan.id,
            tps: k.tps,
            kiriman_id: kiriman.id,
            revisi: 0,
            status: StatusHasil::Masuk,
            angka: Angka::dari_formulir(&kiriman.formulir),
            terverifikasi: None,
            jumlah_temuan: temuan.len() as u32,
            dpt: tps.dpt.total().map(u64::from).unwrap_or(0),
            waktu,
        };
        let isi = serde_json::to_vec(&kiriman)
            .map_err(|e| AppError::internal("menulis isi jejak audit", e))?;
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "hasil.kirim",
            "tps",
            k.tps.to_string(),
            format!(
                "C.Hasil TPS {} dari {} ({}), {} temuan",
                k.tps,
                oleh.username,
                kiriman.sumber,
                temuan.len()
            ),
            &isi,
        );
        match self.store.simpan_hasil(&kiriman, &baru, &jejak).await {
            Ok(Kirim::Baru(kiriman)) => Ok(JawabanKirim::dari(kiriman, false, temuan)),
            Ok(Kirim::Ulang(first)) => {
                let temuan = periksa(&first.formulir, &batas);
                Ok(JawabanKirim::dari(first, true, temuan))
            }
            Err(StoreError::NotFound(m)) => Err(AppError::NotFound(m)),
            Err(e) => Err(e.into()),
        }
    }

    /// Every revision of a TPS's result, oldest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn riwayat_hasil(
        &self,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<Vec<KirimanHasil>> {
        Ok(self.store.daftar_kiriman_tps(pemilihan_id, tps).await?)
    }

    /// One region's totals (zeros before any TPS is in): one indexed row,
    /// cheap enough for a live page to ask every few seconds.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn rekap_wilayah(
        &self,
        pemilihan_id: Uuid,
        kode: KodeWilayah,
        jumlah_paslon: usize,
    ) -> Result<RekapHasil> {
        Ok(self
            .store
            .daftar_rekap_hasil(pemilihan_id, &[kode], jumlah_paslon)
            .await?
            .pop()
            .unwrap_or_default())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ambil_hasil_tps(
        &self,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<Option<HasilTps>> {
        Ok(self.store.ambil_hasil_tps(pemilihan_id, tps).await?)
    }

    /// Totals of `kode` (the election's region when None) and of each
    /// region one level down, or of each TPS at desa level.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn rekap_view(
        &self,
        pemilihan_id: Uuid,
        kode: Option<KodeWilayah>,
    ) -> Result<RekapView> {
        let (pemilihan, paslon) = self.pemilihan_dengan_paslon(pemilihan_id).await?;
        let kode = kode.unwrap_or(pemilihan.wilayah);
        if !pemilihan.wilayah.mencakup(&kode) {
            return Err(AppError::NotFound(format!(
                "wilayah {kode} dalam {}",
                pemilihan.nama
            )));
        }
        let aturan = crate::menang::AturanBerlaku::dari(&pemilihan, &paslon);
        // The TPS still out, before the totals (see `sisa_tps`).
        let (sisa, sisa_anak) = self.sisa_tps(pemilihan_id, kode).await?;
        // Independent reads go out together: on a busy election night a
        // page waits for the slowest, not for the sum.
        let n = aturan.jumlah_kolom;
        let leluhur_kode: Vec<KodeWilayah> = kode
            .leluhur()
            .into_iter()
            .filter(|w| pemilihan.wilayah.mencakup(w))
            .collect();
        let desa = kode.tingkat() == Tingkat::Desa;
        let sini = [kode];
        let (wilayah, leluhur, rekap, dpt, children, tps) = tokio::try_join!(
            self.store.ambil_wilayah(kode),
            self.store.ambil_wilayah_banyak(&leluhur_kode),
            self.store.daftar_rekap_hasil(pemilihan_id, &sini, n),
            self.store.ambil_rekap_dpt(Some(kode)),
            async {
                if desa {
                    Ok(Vec::new())
                } else {
                    self.store.daftar_anak_dengan_rekap(Some(kode)).await
                }
            },
            async {
                if desa {
                    self.store.daftar_hasil_desa(pemilihan_id, kode).await
                } else {
                    Ok(Vec::new())
                }
            },
        )?;
        let wilayah = wilayah.ok_or_else(|| AppError::NotFound(format!("wilayah {kode}")))?;
        let mut rekap = rekap.into_iter().next().unwrap_or_default();
        let jumlah_tps = dpt.jumlah_tps;
        let kodes: Vec<KodeWilayah> = children.iter().map(|c| c.wilayah.kode).collect();
        let totals = if kodes.is_empty() {
            Vec::new()
        } else {
            self.store
                .daftar_rekap_hasil(pemilihan_id, &kodes, n)
                .await?
        };
        // The region's total is the sum of the rows shown under it: read
        // apart, results arriving in between made a headline disagree
        // with its own table's total (11.466 against 11.468 TPS in).
        if !totals.is_empty() {
            rekap = jumlah_rekap(&totals, n);
        }
        let menang = crate::menang::terapkan(&aturan, kode, &rekap.angka.suara, Some(&sisa));
        let menang_anak = children
            .iter()
            .zip(&totals)
            .map(|(c, r)| {
                let k = c.wilayah.kode;
                crate::menang::terapkan(&aturan, k, &r.angka.suara, sisa_anak.get(&k))
            })
            .collect();
        let anak = children
            .into_iter()
            .zip(totals)
            .map(|(c, r)| (c.wilayah, r, c.rekap.jumlah_tps))
            .collect();
        Ok(RekapView {
            aturan,
            menang,
            menang_anak,
            pemilihan,
            paslon,
            wilayah,
            leluhur,
            rekap,
            jumlah_tps,
            anak,
            tps,
        })
    }
}

/// The sum of regions' totals (every field is a count).
pub fn jumlah_rekap(rekap: &[RekapHasil], jumlah_paslon: usize) -> RekapHasil {
    let mut t = RekapHasil::default();
    t.angka.suara = vec![0; jumlah_paslon];
    t.angka_terverifikasi.suara = vec![0; jumlah_paslon];
    for r in rekap {
        t.tps_masuk += r.tps_masuk;
        t.tps_terverifikasi += r.tps_terverifikasi;
        t.tps_bermasalah += r.tps_bermasalah;
        t.tps_bertanda += r.tps_bertanda;
        t.dpt_masuk += r.dpt_masuk;
        for (a, b) in [
            (&mut t.angka, &r.angka),
            (&mut t.angka_terverifikasi, &r.angka_terverifikasi),
        ] {
            a.sah += b.sah;
            a.tidak_sah += b.tidak_sah;
            for (x, y) in a.suara.iter_mut().zip(&b.suara) {
                *x += y;
            }
        }
    }
    t
}

#[cfg(test)]
mod tests_jumlah {
    use super::*;

    #[test]
    fn region_total_is_the_sum_of_its_rows() {
        let r = |masuk: u64, a: u64, b: u64| {
            let mut x = RekapHasil {
                tps_masuk: masuk,
                dpt_masuk: masuk * 300,
                ..Default::default()
            };
            x.angka = Angka {
                suara: vec![a, b],
                sah: a + b,
                tidak_sah: 1,
            };
            x
        };
        let t = jumlah_rekap(&[r(2, 10, 20), r(3, 5, 1), RekapHasil::default()], 2);
        assert_eq!(t.tps_masuk, 5);
        assert_eq!(t.dpt_masuk, 1500);
        assert_eq!(t.angka.suara, vec![15, 21]);
        assert_eq!((t.angka.sah, t.angka.tidak_sah), (36, 2));
        assert_eq!(t.angka_terverifikasi.suara, vec![0, 0]);
    }
}
