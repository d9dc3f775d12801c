//! Double-checking every form against its photo: two verifiers read the
//! photo independently (neither sees the saksi's figures nor the other's
//! reading); when both readings and the saksi's figures agree the TPS is
//! verified, otherwise it goes to a supervisor with the differences.

use std::collections::HashMap;

use posko_domain::{
    Cakupan, Izin, Jejak, KodeTps, KodeWilayah, Objek, Pelaku, Tingkat, boleh_verifikasi, diizinkan,
};
use posko_storage::{
    Angka, Bacaan, HasilTps, KirimanHasil, Paslon, Pengguna, StatusHasil, StoreError,
};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Masuk, Posko, Result};

/// Readings needed before a form is settled.
pub const BACAAN_PERLU: usize = 2;

/// What a verifier gets to read: the photos, never the figures.
#[derive(Debug, Clone)]
pub struct TugasVerifikasi {
    pub tps: KodeTps,
    pub kiriman_id: Uuid,
    pub revisi: i32,
    pub foto: Vec<String>,
    pub paslon: Vec<Paslon>,
}

/// What a reading led to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "hasil", content = "rincian", rename_all = "snake_case")]
pub enum HasilBacaan {
    /// Stored; another independent reading is needed.
    Menunggu,
    /// Both readings and the saksi agree: these are the verified figures.
    Terverifikasi(Angka),
    /// Readings disagree with each other or with the saksi: for a supervisor.
    Bermasalah(Vec<String>),
    /// A newer revision arrived meanwhile; this reading was not stored.
    Usang,
}

/// For a supervisor: the saksi's figures beside every reading.
#[derive(Debug, Clone)]
pub struct Sengketa {
    pub hasil: HasilTps,
    pub kiriman: KirimanHasil,
    pub bacaan: Vec<Bacaan>,
    pub selisih: Vec<String>,
    pub paslon: Vec<Paslon>,
    /// People's names by account id (the saksi's and every reader's),
    /// where the account has one; an API token has none.
    pub nama: HashMap<Uuid, String>,
    /// Why the readings may not be independent, if they may not (also the
    /// last line of `selisih`).
    pub tidak_bebas: Option<String>,
}

impl Sengketa {
    /// The name to show for an account: its person's name, else the
    /// username (or token name) it was stored under.
    pub fn nama_dari(&self, id: Uuid, cadangan: &str) -> String {
        self.nama
            .get(&id)
            .cloned()
            .unwrap_or_else(|| cadangan.to_string())
    }
}

/// One form in a list of forms (the reading queue, the forms waiting for
/// a new photo, the disputes), with the names of its desa and kecamatan.
#[derive(Debug, Clone)]
pub struct FormulirAntre {
    pub hasil: HasilTps,
    pub desa: Option<String>,
    pub kecamatan: Option<String>,
    /// The kabupaten/kota's name, for filtering lists by area.
    pub kabupaten: Option<String>,
}

/// The verification page's queue for one verifier.
#[derive(Debug, Clone, Default)]
pub struct Antrean {
    /// Forms in the verifier's areas still waiting to be settled by
    /// reading (status `masuk`, photo or not, read once or not).
    pub menunggu: u64,
    /// The next forms this verifier may read: those whose form breaks an
    /// arithmetic rule first, then oldest first.
    pub berikutnya: Vec<FormulirAntre>,
    /// Forms whose photo a verifier could not read, waiting for the saksi
    /// to send a new photo, oldest first.
    pub perlu_foto: Vec<FormulirAntre>,
}

/// Where a supervisor's decision takes its figures from, when it takes
/// them as they stand ("pakai bacaan ini").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumberPutusan {
    /// The figures the saksi sent.
    Saksi,
    /// One stored reading, by its id.
    Bacaan(Uuid),
}

/// At most this many forms are listed as waiting for a new photo, and as
/// disputes; beyond it the lists say so through their counts.
pub const BATAS_DAFTAR: u32 = 2_000;

/// Every figure where the sources differ, in words: "suara paslon 2:
/// saksi 98, manajer 89, budi 89".
pub fn selisih(saksi: &Angka, bacaan: &[(&str, &Angka)]) -> Vec<String> {
    let mut out = Vec::new();
    let n = bacaan
        .iter()
        .map(|(_, a)| a.suara.len())
        .chain([saksi.suara.len()])
        .max()
        .unwrap_or(0);
    let mut cek = |label: String, get: &dyn Fn(&Angka) -> u64| {
        let s = get(saksi);
        if bacaan.iter().any(|(_, a)| get(a) != s) {
            let rest: Vec<String> = bacaan
                .iter()
                .map(|(who, a)| format!("{who} {}", get(a)))
                .collect();
            out.push(format!("{label}: saksi {s}, {}", rest.join(", ")));
        }
    };
    for i in 0..n {
        cek(format!("suara paslon {}", i + 1), &|a: &Angka| {
            a.suara.get(i).copied().unwrap_or(0)
        });
    }
    cek("suara sah (V.A)".into(), &|a: &Angka| a.sah);
    cek("suara tidak sah (V.B)".into(), &|a: &Angka| a.tidak_sah);
    out
}

fn bisa_verifikasi(p: &Pengguna, tps: KodeTps) -> Result<()> {
    if boleh_verifikasi(&p.penugasan, &tps) {
        Ok(())
    } else {
        Err(AppError::Dilarang(format!(
            "Anda tidak berwenang memverifikasi TPS {tps}"
        )))
    }
}

/// The note a supervisor sees when the readings of a form may not be
/// independent: two of them, or one and the form itself, may be one
/// person's (see [`Pelaku::mungkin_sama`]).
fn tidak_bebas<'a>(
    pengirim: &Pelaku,
    bacaan: impl Iterator<Item = &'a Bacaan> + Clone,
) -> Option<String> {
    let pembaca: Vec<Pelaku> = bacaan.filter(|b| !b.putusan).map(Bacaan::pelaku).collect();
    let terkait = pembaca.iter().enumerate().any(|(i, a)| {
        a.mungkin_sama(pengirim) || pembaca[i + 1..].iter().any(|b| a.mungkin_sama(b))
    });
    terkait.then(|| {
        "pembacaan tidak bebas: dua pembacaan, atau pembacaan dan kiriman, mungkin oleh orang yang sama".to_string()
    })
}

/// Why `saya` may not read this form, if they may not: the form came from
/// an account they may have acted as, or another reading did (two readings
/// must be two people; the same verifier reading twice is refused by the
/// store as a repeat).
fn bukan_pihak_sendiri(saya: &Pelaku, kiriman: &KirimanHasil, bacaan: &[Bacaan]) -> Result<()> {
    if kiriman.pelaku().mungkin_sama(saya) {
        return Err(AppError::Dilarang(
            "Anda tidak boleh memverifikasi kiriman Anda sendiri, atau kiriman dari akun atau \
             peramban yang juga Anda pakai"
                .into(),
        ));
    }
    if bacaan
        .iter()
        .any(|b| !b.putusan && b.verifier_id != saya.akun && b.pelaku().mungkin_sama(saya))
    {
        return Err(AppError::Dilarang(
            "pembacaan kedua harus oleh orang lain: formulir ini sudah dibaca dari akun atau \
             peramban yang juga Anda pakai"
                .into(),
        ));
    }
    Ok(())
}

/// The areas a verifier reads in, as store scopes: `Some(vec![])` for
/// everywhere, `None` when they verify nowhere. An area inside another of
/// theirs is dropped, so counts over the list add each form once.
fn cakupan_verifikasi(p: &Pengguna) -> Option<Vec<KodeWilayah>> {
    let mut wilayah = Vec::new();
    let mut semua = false;
    for t in &p.penugasan {
        if !t.peran.izin().contains(&Izin::VerifikasiHasil) {
            continue;
        }
        match t.cakupan {
            Cakupan::Semua => semua = true,
            Cakupan::Wilayah(w) => wilayah.push(w),
            Cakupan::Tps(_) => {}
        }
    }
    if semua {
        return Some(Vec::new());
    }
    if wilayah.is_empty() {
        return None;
    }
    let semula = wilayah.clone();
    wilayah.retain(|w| !semula.iter().any(|l| l != w && l.mencakup(w)));
    wilayah.sort();
    wilayah.dedup();
    Some(wilayah)
}

impl Posko {
    /// The next forms for `verifier` to read: in their territory, not
    /// sent by them, not yet read by them, still short of readings; those
    /// whose form breaks an arithmetic rule first, then oldest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn antrean_verifikasi(
        &self,
        m: &Masuk,
        pemilihan_id: Uuid,
        limit: usize,
    ) -> Result<Vec<HasilTps>> {
        let verifier = &m.pengguna;
        let saya = m.pelaku();
        let Some(scope) = cakupan_verifikasi(verifier) else {
            return Ok(Vec::new());
        };
        let calon = self
            .store
            .daftar_hasil_berstatus(
                pemilihan_id,
                StatusHasil::Masuk,
                &scope,
                (limit * 8).max(200) as u32,
            )
            .await?;
        let mut out = Vec::new();
        for h in calon {
            if !boleh_verifikasi(&verifier.penugasan, &h.tps) {
                continue;
            }
            let bacaan = self.store.daftar_bacaan_kiriman(h.kiriman_id).await?;
            if bacaan.len() >= BACAAN_PERLU || bacaan.iter().any(|b| b.verifier_id == verifier.id) {
                continue;
            }
            let kiriman = self.kiriman_saat_ini(&h).await?;
            // Nobody verifies their own form (or one from an account they
            // may have acted as), and a form without a photo has nothing to
            // read (it waits for the saksi to add one).
            if bukan_pihak_sendiri(&saya, &kiriman, &bacaan).is_err() || kiriman.foto.is_empty() {
                continue;
            }
            out.push(h);
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// The verification page's queue: how many forms wait in the
    /// verifier's areas, the next `limit` for them to read (with desa and
    /// kecamatan names), and the forms waiting for a new photo.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn antrean(&self, m: &Masuk, pemilihan_id: Uuid, limit: usize) -> Result<Antrean> {
        let Some(scope) = cakupan_verifikasi(&m.pengguna) else {
            return Ok(Antrean::default());
        };
        let berikutnya = self.antrean_verifikasi(m, pemilihan_id, limit).await?;
        let perlu_foto: Vec<HasilTps> = self
            .store
            .daftar_hasil_berstatus(pemilihan_id, StatusHasil::PerluFoto, &scope, BATAS_DAFTAR)
            .await?
            .into_iter()
            .filter(|h| boleh_verifikasi(&m.pengguna.penugasan, &h.tps))
            .collect();
        // Counted from the region totals (one row per area): every result
        // in, less those settled or waiting for a photo.
        let pemilihan = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?;
        let wilayah = if scope.is_empty() {
            vec![pemilihan.wilayah]
        } else {
            scope
        };
        let paslon = self.store.daftar_paslon(pemilihan_id).await?.len();
        let rekap = self
            .store
            .daftar_rekap_hasil(pemilihan_id, &wilayah, paslon)
            .await?;
        let selesai: u64 = rekap
            .iter()
            .map(|r| r.tps_terverifikasi + r.tps_bermasalah)
            .sum();
        let masuk: u64 = rekap.iter().map(|r| r.tps_masuk).sum();
        let menunggu = masuk
            .saturating_sub(selesai)
            .saturating_sub(perlu_foto.len() as u64);
        let n = berikutnya.len();
        let mut bernama = self
            .beri_nama(berikutnya.into_iter().chain(perlu_foto).collect())
            .await?;
        let perlu_foto = bernama.split_off(n);
        Ok(Antrean {
            menunggu,
            berikutnya: bernama,
            perlu_foto,
        })
    }

    /// The forms with the names of their desa, kecamatan and
    /// kabupaten/kota (one lookup for all of them).
    async fn beri_nama(&self, hasil: Vec<HasilTps>) -> Result<Vec<FormulirAntre>> {
        let mut kodes: Vec<KodeWilayah> = hasil
            .iter()
            .flat_map(|h| {
                let d = h.tps.desa();
                [d, d.at(Tingkat::Kecamatan), d.at(Tingkat::Kabkota)]
            })
            .collect();
        kodes.sort();
        kodes.dedup();
        let nama: HashMap<KodeWilayah, String> = self
            .store
            .ambil_wilayah_banyak(&kodes)
            .await?
            .into_iter()
            .map(|w| (w.kode, w.nama))
            .collect();
        Ok(hasil
            .into_iter()
            .map(|h| {
                let d = h.tps.desa();
                FormulirAntre {
                    desa: nama.get(&d).cloned(),
                    kecamatan: nama.get(&d.at(Tingkat::Kecamatan)).cloned(),
                    kabupaten: nama.get(&d.at(Tingkat::Kabkota)).cloned(),
                    hasil: h,
                }
            })
            .collect())
    }

    /// A verifier cannot read the photo of this form (blurred, cut off,
    /// the wrong sheet): the form leaves the reading queue and waits for
    /// the saksi to send it again with a new photo. Audited. False when a
    /// newer revision arrived meanwhile (nothing written).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn foto_tidak_terbaca(
        &self,
        m: &Masuk,
        pemilihan_id: Uuid,
        tps: KodeTps,
        kiriman_id: Uuid,
        catatan: &str,
    ) -> Result<bool> {
        let tugas = self.tugas_verifikasi(m, pemilihan_id, tps).await?;
        if tugas.kiriman_id != kiriman_id {
            return Ok(false);
        }
        let catatan = catatan.split_whitespace().collect::<Vec<_>>().join(" ");
        if catatan.chars().count() > 500 {
            return Err(AppError::Invalid(
                "catatan paling panjang 500 karakter".into(),
            ));
        }
        let h = self
            .store
            .ambil_hasil_tps(pemilihan_id, tps)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("hasil TPS {tps}")))?;
        if h.status != StatusHasil::Masuk {
            return Err(AppError::Invalid(format!(
                "TPS {tps} sudah {}; tidak perlu dibaca lagi",
                h.status.slug()
            )));
        }
        let p = &m.pengguna;
        let jejak = Jejak::new(
            Aktor::pengguna(p).as_str(),
            "hasil.foto_tidak_terbaca",
            "tps",
            tps.to_string(),
            format!(
                "{} tidak bisa membaca foto C.Hasil TPS {tps} revisi {}; menunggu foto baru{}",
                p.username,
                tugas.revisi,
                if catatan.is_empty() {
                    String::new()
                } else {
                    format!(": {catatan}")
                }
            ),
            &serde_json::to_vec(&serde_json::json!({
                "kiriman_id": kiriman_id,
                "revisi": tugas.revisi,
                "catatan": catatan,
            }))
            .map_err(|e| AppError::internal("menulis isi jejak audit", e))?,
        );
        Ok(self
            .store
            .ubah_status_hasil(
                pemilihan_id,
                tps,
                kiriman_id,
                StatusHasil::PerluFoto,
                None,
                &jejak,
            )
            .await?)
    }

    async fn kiriman_saat_ini(&self, h: &HasilTps) -> Result<KirimanHasil> {
        self.store
            .daftar_kiriman_tps(h.pemilihan_id, h.tps)
            .await?
            .into_iter()
            .find(|k| k.id == h.kiriman_id)
            .ok_or_else(|| AppError::NotFound(format!("kiriman TPS {}", h.tps)))
    }

    /// The photos of a TPS's current form, for a verifier to read.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tugas_verifikasi(
        &self,
        m: &Masuk,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<TugasVerifikasi> {
        bisa_verifikasi(&m.pengguna, tps)?;
        let h = self
            .store
            .ambil_hasil_tps(pemilihan_id, tps)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("hasil TPS {tps}")))?;
        let k = self.kiriman_saat_ini(&h).await?;
        let bacaan = self.store.daftar_bacaan_kiriman(k.id).await?;
        bukan_pihak_sendiri(&m.pelaku(), &k, &bacaan)?;
        Ok(TugasVerifikasi {
            tps,
            kiriman_id: k.id,
            revisi: k.revisi,
            foto: k.foto,
            paslon: self.store.daftar_paslon(pemilihan_id).await?,
        })
    }

    /// Stores a verifier's reading of `kiriman_id` and settles the form
    /// when enough readings are in.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn baca(
        &self,
        m: &Masuk,
        pemilihan_id: Uuid,
        tps: KodeTps,
        kiriman_id: Uuid,
        angka: Angka,
    ) -> Result<HasilBacaan> {
        let verifier = &m.pengguna;
        let tugas = self.tugas_verifikasi(m, pemilihan_id, tps).await?;
        if tugas.kiriman_id != kiriman_id {
            return Ok(HasilBacaan::Usang);
        }
        if angka.suara.len() != posko_domain::kolom_suara_paslon(tugas.paslon.len()) {
            return Err(AppError::Invalid(format!(
                "isi suara untuk {} paslon",
                tugas.paslon.len()
            )));
        }
        let h = self
            .store
            .ambil_hasil_tps(pemilihan_id, tps)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("hasil TPS {tps}")))?;
        let h_pelaku = self.kiriman_saat_ini(&h).await?.pelaku();
        if h.status != StatusHasil::Masuk {
            return Err(AppError::Invalid(format!(
                "TPS {tps} sudah {}; tidak perlu dibaca lagi",
                h.status.slug()
            )));
        }
        let b = Bacaan {
            id: Uuid::now_v7(),
            kiriman_id,
            pemilihan_id,
            tps,
            verifier_id: verifier.id,
            verifier: verifier.username.clone(),
            waktu: OffsetDateTime::now_utc().unix_timestamp(),
            angka: angka.clone(),
            putusan: false,
            kode_dari: m.sesi.kode_dari,
            peramban: m.sesi.peramban.clone(),
        };
        let jejak = Jejak::new(
            Aktor::pengguna(verifier).as_str(),
            "hasil.baca",
            "tps",
            tps.to_string(),
            format!(
                "{} membaca foto C.Hasil TPS {tps} revisi {}",
                verifier.username, tugas.revisi
            ),
            &serde_json::to_vec(&b)
                .map_err(|e| AppError::internal("menulis isi jejak audit", e))?,
        );
        let semua = match self.store.simpan_bacaan(&b, &jejak).await {
            Ok(v) => v,
            Err(StoreError::Conflict(k)) => return Err(AppError::Invalid(k.to_string())),
            Err(e) => return Err(e.into()),
        };
        let bacaan: Vec<&Bacaan> = semua.iter().filter(|b| !b.putusan).collect();
        if bacaan.len() < BACAAN_PERLU {
            return Ok(HasilBacaan::Menunggu);
        }
        let pihak: Vec<(&str, &Angka)> = bacaan
            .iter()
            .map(|b| (b.verifier.as_str(), &b.angka))
            .collect();
        let mut beda = selisih(&h.angka, &pihak);
        // Checked before storing, but two linked readings sent at the same
        // moment could both pass: such a pair never verifies a form, it
        // goes to a supervisor.
        beda.extend(tidak_bebas(&h_pelaku, bacaan.iter().copied()));
        let (status, angka_v, hasil) = if beda.is_empty() {
            (
                StatusHasil::Terverifikasi,
                Some(angka.clone()),
                HasilBacaan::Terverifikasi(angka),
            )
        } else {
            (
                StatusHasil::Bermasalah,
                None,
                HasilBacaan::Bermasalah(beda.clone()),
            )
        };
        let jejak = Jejak::new(
            Aktor::system().as_str(),
            format!("hasil.{}", status.slug()),
            "tps",
            tps.to_string(),
            if beda.is_empty() {
                format!("TPS {tps} terverifikasi oleh {} pembaca", bacaan.len())
            } else {
                format!("TPS {tps} bermasalah: {}", beda.join("; "))
            },
            &serde_json::to_vec(&angka_v)
                .map_err(|e| AppError::internal("menulis isi jejak audit", e))?,
        );
        if !self
            .store
            .ubah_status_hasil(
                pemilihan_id,
                tps,
                kiriman_id,
                status,
                angka_v.as_ref(),
                &jejak,
            )
            .await?
        {
            return Ok(HasilBacaan::Usang);
        }
        Ok(hasil)
    }

    /// Disputed forms a supervisor may settle under `wilayah` (the whole
    /// election when None), those with arithmetic findings first, then
    /// oldest first, with their desa and kecamatan names. Nobody else may
    /// settle them, so for anyone else the list is empty.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_sengketa(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<FormulirAntre>> {
        if !diizinkan(&oleh.penugasan, Izin::KelolaPemilihan, &Objek::Global) {
            return Ok(Vec::new());
        }
        let hasil = self
            .store
            .daftar_hasil_berstatus(
                pemilihan_id,
                StatusHasil::Bermasalah,
                &wilayah.into_iter().collect::<Vec<_>>(),
                limit,
            )
            .await?;
        self.beri_nama(hasil).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn sengketa(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<Sengketa> {
        if !diizinkan(&oleh.penugasan, Izin::KelolaPemilihan, &Objek::Global) {
            return Err(AppError::Dilarang(
                "hanya manajer atau admin yang memutus sengketa".into(),
            ));
        }
        let hasil = self
            .store
            .ambil_hasil_tps(pemilihan_id, tps)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("hasil TPS {tps}")))?;
        let kiriman = self.kiriman_saat_ini(&hasil).await?;
        let bacaan = self.store.daftar_bacaan_kiriman(hasil.kiriman_id).await?;
        let pihak: Vec<(&str, &Angka)> = bacaan
            .iter()
            .map(|b| (b.verifier.as_str(), &b.angka))
            .collect();
        let mut selisih = selisih(&hasil.angka, &pihak);
        let tidak_bebas = tidak_bebas(&kiriman.pelaku(), bacaan.iter());
        selisih.extend(tidak_bebas.clone());
        let mut ids: Vec<Uuid> = bacaan
            .iter()
            .map(|b| b.verifier_id)
            .chain([kiriman.pengirim_id])
            .collect();
        ids.sort();
        ids.dedup();
        let mut nama = HashMap::new();
        for id in ids {
            if let Some(p) = self.store.ambil_pengguna(id).await?
                && !p.nama.trim().is_empty()
            {
                nama.insert(id, p.nama);
            }
        }
        Ok(Sengketa {
            paslon: self.store.daftar_paslon(pemilihan_id).await?,
            hasil,
            kiriman,
            bacaan,
            selisih,
            nama,
            tidak_bebas,
        })
    }

    /// A supervisor's decision on a disputed form: these are the figures
    /// the photo shows. Recorded as a reading and settles the form.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn putuskan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tps: KodeTps,
        kiriman_id: Uuid,
        angka: Angka,
        alasan: &str,
    ) -> Result<bool> {
        let s = self.sengketa(oleh, pemilihan_id, tps).await?;
        if s.hasil.kiriman_id != kiriman_id {
            return Ok(false);
        }
        if angka.suara.len() != posko_domain::kolom_suara_paslon(s.paslon.len()) {
            return Err(AppError::Invalid(format!(
                "isi suara untuk {} paslon",
                s.paslon.len()
            )));
        }
        let b = Bacaan {
            id: Uuid::now_v7(),
            kiriman_id,
            pemilihan_id,
            tps,
            verifier_id: oleh.id,
            verifier: oleh.username.clone(),
            waktu: OffsetDateTime::now_utc().unix_timestamp(),
            angka: angka.clone(),
            putusan: true,
            kode_dari: None,
            peramban: None,
        };
        let isi =
            serde_json::to_vec(&b).map_err(|e| AppError::internal("menulis isi jejak audit", e))?;
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "hasil.putusan",
            "tps",
            tps.to_string(),
            format!(
                "{} memutus sengketa TPS {tps}: {}",
                oleh.username,
                alasan.trim()
            ),
            &isi,
        );
        match self.store.simpan_bacaan(&b, &jejak).await {
            Ok(_) => {}
            Err(StoreError::Conflict(k)) => return Err(AppError::Invalid(k.to_string())),
            Err(e) => return Err(e.into()),
        }
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "hasil.terverifikasi",
            "tps",
            tps.to_string(),
            format!("TPS {tps} terverifikasi dengan putusan {}", oleh.username),
            &isi,
        );
        Ok(self
            .store
            .ubah_status_hasil(
                pemilihan_id,
                tps,
                kiriman_id,
                StatusHasil::Terverifikasi,
                Some(&angka),
                &jejak,
            )
            .await?)
    }

    /// "Use this reading": a supervisor decides a dispute with the figures
    /// of one reading (or the saksi's) as they stand. The same decision as
    /// [`Posko::putuskan`], with the same authority and audit, naming the
    /// source it took. False when a newer revision arrived meanwhile.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pakai_bacaan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tps: KodeTps,
        kiriman_id: Uuid,
        sumber: SumberPutusan,
    ) -> Result<bool> {
        let s = self.sengketa(oleh, pemilihan_id, tps).await?;
        if s.hasil.kiriman_id != kiriman_id {
            return Ok(false);
        }
        if s.hasil.status != StatusHasil::Bermasalah {
            return Err(AppError::Invalid(format!(
                "TPS {tps} sudah {}; tidak ada sengketa untuk diputus",
                s.hasil.status.slug()
            )));
        }
        let (angka, alasan) = match sumber {
            SumberPutusan::Saksi => (
                s.hasil.angka.clone(),
                format!(
                    "memakai angka saksi {}",
                    s.nama_dari(s.kiriman.pengirim_id, &s.kiriman.pengirim)
                ),
            ),
            SumberPutusan::Bacaan(id) => {
                let b = s
                    .bacaan
                    .iter()
                    .find(|b| b.id == id)
                    .ok_or_else(|| AppError::NotFound(format!("bacaan {id} di TPS {tps}")))?;
                (
                    b.angka.clone(),
                    format!(
                        "memakai bacaan {} ({})",
                        s.nama_dari(b.verifier_id, &b.verifier),
                        b.verifier
                    ),
                )
            }
        };
        self.putuskan(oleh, pemilihan_id, tps, kiriman_id, angka, &alasan)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(suara: &[u64], tidak_sah: u64) -> Angka {
        Angka {
            suara: suara.to_vec(),
            sah: suara.iter().sum(),
            tidak_sah,
        }
    }

    #[test]
    fn differences_name_the_figure_and_every_source() {
        let saksi = a(&[120, 98], 7);
        assert!(
            selisih(
                &saksi,
                &[("ani", &a(&[120, 98], 7)), ("budi", &a(&[120, 98], 7))]
            )
            .is_empty()
        );
        let d = selisih(
            &saksi,
            &[("ani", &a(&[120, 89], 7)), ("budi", &a(&[120, 89], 7))],
        );
        assert_eq!(
            d,
            [
                "suara paslon 2: saksi 98, ani 89, budi 89",
                "suara sah (V.A): saksi 218, ani 209, budi 209"
            ]
        );
    }
}
