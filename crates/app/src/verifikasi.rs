//! Double-checking every form against its photo: two verifiers read the
//! photo independently (neither sees the saksi's figures nor the other's
//! reading); when both readings and the saksi's figures agree the TPS is
//! verified, otherwise it goes to a supervisor with the differences.

use posko_domain::{Cakupan, Izin, Jejak, KodeTps, Objek, Pelaku, boleh_verifikasi, diizinkan};
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
}

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

impl Posko {
    /// The next forms for `verifier` to read, oldest first: in their
    /// territory, not sent by them, not yet read by them, still short of
    /// readings.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn antrean_verifikasi(
        &self,
        m: &Masuk,
        pemilihan_id: Uuid,
        limit: usize,
    ) -> Result<Vec<HasilTps>> {
        let verifier = &m.pengguna;
        let saya = m.pelaku();
        let mut wilayah = Vec::new();
        let mut semua = false;
        for t in &verifier.penugasan {
            if !t.peran.izin().contains(&Izin::VerifikasiHasil) {
                continue;
            }
            match t.cakupan {
                Cakupan::Semua => semua = true,
                Cakupan::Wilayah(w) => wilayah.push(w),
                Cakupan::Tps(_) => {}
            }
        }
        if !semua && wilayah.is_empty() {
            return Ok(Vec::new());
        }
        let scope = if semua { Vec::new() } else { wilayah };
        let calon = self
            .store
            .daftar_hasil_berstatus(
                pemilihan_id,
                StatusHasil::Masuk,
                &scope,
                (limit * 8).max(50) as u32,
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
        if angka.suara.len() != tugas.paslon.len() {
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

    /// Disputed forms a supervisor may settle, oldest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_sengketa(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        limit: u32,
    ) -> Result<Vec<HasilTps>> {
        if !diizinkan(&oleh.penugasan, Izin::KelolaPemilihan, &Objek::Global) {
            return Ok(Vec::new());
        }
        Ok(self
            .store
            .daftar_hasil_berstatus(pemilihan_id, StatusHasil::Bermasalah, &[], limit)
            .await?)
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
        selisih.extend(tidak_bebas(&kiriman.pelaku(), bacaan.iter()));
        Ok(Sengketa {
            paslon: self.store.daftar_paslon(pemilihan_id).await?,
            hasil,
            kiriman,
            bacaan,
            selisih,
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
        if angka.suara.len() != s.paslon.len() {
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
